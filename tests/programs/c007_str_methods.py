# common string methods
s = "  The quick brown fox  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcba".strip("ab"), "--a--".lstrip("-"))
w = s.split()
print(w, len(w))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a b  c".split(" "))
print("a,b,c".rsplit(",", 1), "".split(), "".split(","))
print("-".join(w), "".join(["x", "y"]), ", ".join(str(i) for i in range(4)))
print("hello".replace("l", "L"), "hello".replace("l", "L", 1), "aaa".replace("a", "bb"))
print("hello".find("l"), "hello".find("z"), "hello".rfind("l"), "hello".index("e"))
print("hello".find("l", 3), "hello".find("", 2), "hello".count("l"), "aaaa".count("aa"))
print("hello".startswith("he"), "hello".endswith("lo"), "hello".startswith(("x", "h")))
print("Hello World".upper(), "Hello World".lower(), "hello world".title())
print("hello world".capitalize(), "HeLLo".swapcase(), "ß".upper(), "İ".lower() == "i̇")
print("42".zfill(5), "-42".zfill(5), "abc".center(9, "*"), "abc".center(8))
print("abc".ljust(6, ".") + "|", "abc".rjust(6) + "|", "toolong".center(3))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "abc".partition("z"))
print("123".isdigit(), "12a".isdigit(), "abc".isalpha(), "ab1".isalnum())
print("   ".isspace(), "".isspace(), "ABC".isupper(), "abc".islower(), "Title Case".istitle())
print("hello_1".isidentifier(), "1x".isidentifier(), "١٢".isdecimal())
print("a\tb".expandtabs(4), repr("line1\nline2\r\nline3".splitlines()))
print("line1\nline2\n".splitlines(True))
print("{} and {}".format("x", "y"), "{1}{0}{1}".format("a", "b"), "{name}!".format(name="Bob"))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"), "{0[1]} {1[k]}".format([9, 8], {"k": "v"}))
print("prefix_name".removeprefix("prefix_"), "file.txt".removesuffix(".txt"), "x".removeprefix("y"))
print("Hello".casefold(), "abc".encode(), "a-b-c".split("-", maxsplit=1))
table = str.maketrans("abc", "xyz", "d")
print("aabbccdd".translate(table))
print("%s is %d years, %.1f%%" % ("Ann", 30, 99.5))
print("%5s|%-5s|%05d|%x|%X|%o|%r" % ("a", "b", 42, 255, 255, 8, "q"))
print("%(a)s-%(b)s" % {"a": 1, "b": 2}, "%c%c" % (72, "i"))
try:
    "hello".index("z")
except ValueError as e:
    print(type(e).__name__, e)
try:
    "a".join([1, 2])
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%d" % "x"
except TypeError as e:
    print(type(e).__name__, e)
try:
    "%s %s" % ("a",)
except TypeError as e:
    print(type(e).__name__, e)
try:
    "{0} {1}".format("a")
except IndexError as e:
    print(type(e).__name__, e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print(type(e).__name__, e)
try:
    "".split("")
except ValueError as e:
    print(type(e).__name__, e)
