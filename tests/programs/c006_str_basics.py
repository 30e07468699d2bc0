# string indexing, slicing, concatenation
s = "Hello, World"
print(s[0], s[-1], s[7], s[-5])
print(s[0:5], s[7:], s[:5], s[-5:], s[::2], s[::-1])
print(s[1:10:3], s[10:1:-2], s[100:], s[-100:3], s[5:2])
print(len(s), len(""), len("\n\t"))
print(s + "!", "ab" * 3, 3 * "xy", "" * 10, "a" * 0, "z" * -2)
print("World" in s, "world" in s, "" in s, "lo, W" in s, "x" not in s)
t = ""
for ch in "abc":
    t = ch + t
print(t)
print(list("hey"), tuple("ab"), "".join(reversed("stressed")))
print(str(42), str(-3.5), str(None), str([1, "a"]), str((1,)))
print(repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there"))
print(repr("new\nline"), repr("\\back"), repr("\x00\x7f"), repr("é"))
print(ascii("café"), ascii("日本"), repr("日本"))
print(ord("A"), ord("a"), ord("€"), chr(65), chr(8364), chr(0x1F600) == "\U0001F600")
print("abc" == "abc", "abc" is not None, "a" < "b" < "c")
print(s.__len__(), s.__contains__("H"), s.__getitem__(4))
print("multi" "part" "literal")
raw = r"C:\new\table"
print(raw, len(raw))
tri = """line1
line2
  line3"""
print(tri.splitlines(), tri.count("\n"))
print("\u00e9" == "é", "\N{GREEK SMALL LETTER ALPHA}")
it = iter("xyz")
print(next(it), next(it), next(it), next(it, "done"))
print(sorted("banana"), max("hello"), min("hello"))
print(list(enumerate("ab")), list(zip("abc", "12")))
try:
    s[20]
except IndexError as e:
    print(type(e).__name__, e)
try:
    s[0] = "h"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" + 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    "a" * 2.0
except TypeError as e:
    print(type(e).__name__, e)
try:
    ord("ab")
except TypeError as e:
    print(type(e).__name__, e)
try:
    chr(-1)
except ValueError as e:
    print(type(e).__name__, e)
try:
    1 in "abc"
except TypeError as e:
    print(type(e).__name__, e)
