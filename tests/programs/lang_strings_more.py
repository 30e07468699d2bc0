s = "Hello, World"
print(s.lower(), s.upper(), s.swapcase(), s.title(), s[::-1], s[7:], s[-5:-1])
print(s.find("o"), s.rfind("o"), s.count("l"), s.index("W"), s.startswith(("He", "x")), s.endswith("ld"))
print(s.split(", "), "a b  c".split(), "a,b,,c".split(","), "k=v=w".partition("="), "k=v=w".rpartition("="))
print("-".join(["a", "b"]), "  pad  ".strip(), "xxhixx".strip("x"), "hi".center(8, "*"), "7".zfill(4))
print("tab\\there".expandtabs(4), "l1\nl2\r\nl3".splitlines(), "abc".replace("b", "BB"))
print("%s is %d years and %.2f m" % ("Al", 30, 1.8), "%5s|%-5s|" % ("a", "b"), "%x %o %e" % (255, 8, 12345.678))
print("{} {}".format(1, 2), "{1} {0}".format("a", "b"), "{name}!".format(name="x"), "{:>6}".format("r"))
print(f"{3.14159:.3f} {42:06d} {'s':^5} {1234567:,} {0.25:%} {255:#x}")
print("abc" < "abd", "a" * 3, "ab" in "cab", ord("A"), chr(97), str(12), repr("q\n"))
print("ß".upper(), "İ".lower() == "i\u0307", "ǅ".title(), "Straße".casefold())
print("12".isdigit(), "ab".isalpha(), " ".isspace(), "Ab".istitle(), "x1".isidentifier(), "½".isnumeric())
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    "%d" % "x"
except TypeError as e:
    print(e)
print("é".encode(), b"\xc3\xa9".decode(), "abc".encode("ascii"), "ü".encode("latin-1"))
