# bytes and bytearray basics
b = b"hello"
print(b, b[0], b[-1], b[1:3], b[::-1], len(b))
print(list(b), bytes([65, 66, 67]), bytes(3), bytes(range(5)))
print(b + b" world", b * 2, b"l" in b, 108 in b, b.upper())
print(b.decode(), "héllo".encode("utf-8"), "héllo".encode("utf-8").decode("utf-8"))
print(b.find(b"l"), b.count(b"l"), b.replace(b"l", b"L"), b.split(b"e"))
print(b"a,b,c".split(b","), b"-".join([b"x", b"y"]), b"  x ".strip())
print(b.startswith(b"he"), b.endswith(b"x"), b.hex(), bytes.fromhex("414243"))
print(repr(b"\x00\xff\n'"), repr(b'"'), b"\t".isspace())
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(ba, len(ba), bytes(ba))
ba[1:3] = b"XYZ"
print(ba)
del ba[0]
print(ba, ba.pop(), ba)
print(bytearray(4), bytearray([1, 2]) + b"\x03")
print(b == b"hello", b < b"help", b"" == bytes(), b == "hello")
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((1024).to_bytes(2, "big"), (255).to_bytes(1, "little"), (-1).to_bytes(2, "big", signed=True))
print(b"abc".isalpha(), b"123".isdigit(), b"Ab".lower(), b"x".zfill(3))
print(bytes("abc", "ascii"), str(b"xy", "ascii"), b"%d-%s" % (5, b"q"))
for byte in b"AZ":
    print(byte, chr(byte))
print(sorted(b"cab"), max(b"az"), sum(b"\x01\x02"))
print(b"abc"[1:2] == b"b", type(b[0]).__name__, type(b[0:1]).__name__)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
try:
    b"a" + "b"
except TypeError as e:
    print(type(e).__name__, e)
try:
    (300).to_bytes(1, "big")
except OverflowError as e:
    print(type(e).__name__, e)
