# string/bytes/int conversions
print(int("ff", 16), int("FF", 16), int("777", 8), int("1010", 2), int("-0x10", 16))
print(int("0b11", 0), int("0o7", 0), int("0x_ff", 0), int("10", 0))
print(int(" +5 "), int("٣"), int(True), int(-2.7))
print(str(10 ** 30), str(-0), str(1.0), str(1e16), str(1.5e-10))
print(float("inf"), float("-iNF"), float("nan"), float("1_000.5"), float(".5"))
print(float("1e500"), float("-1e500"), float(10 ** 20))
print(hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(format(255, "x"), format(255, "#010x"), format(5, "08b"), format(-5, "b"))
print(chr(97), ord("z"), [ord(c) for c in "AZaz09"])
print(list(map(int, "1 2 3".split())), list(map(str, [1, 2.5, None])))
print(repr(str(b"x")), bytes("é", "utf-8"), list("é".encode()))
print(int("123") + int("7"), str(123) + str(7))
print(bool("False"), bool(""), int(float("3.0")), float(int("3")))
print(list(range(3)), tuple([1, 2]), list((3, 4)), set([1, 1, 2]) == {1, 2})
print(dict([("a", 1), ("b", 2)]), dict(zip("xy", [9, 8])), list({"k": 1}))
print(tuple("hi"), list(b"hi"), "".join(map(chr, [72, 105])))
print(int("1" * 40) % 97, len(str(2 ** 1000)))
print(round(float("2.675"), 2), float(str(0.1)) == 0.1)
print(str(3 + 0) == "3", repr(-1) == "-1")
for s in ("12", "1.5", "abc", "1e3", "", " 7 ", "0x10", "1_0", "_1"):
    try:
        print(repr(s), "int", int(s))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
    try:
        print(repr(s), "float", float(s))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
try:
    int("12", 37)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(None)
except TypeError as e:
    print(type(e).__name__, e)
try:
    float([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    int("5", base=10.0)
except TypeError as e:
    print(type(e).__name__, e)
try:
    int(5, 10)
except TypeError as e:
    print(type(e).__name__, e)
