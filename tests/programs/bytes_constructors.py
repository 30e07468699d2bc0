# bytes() and bytearray() construction, conversions and their errors
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

class WithBytes:
    def __bytes__(self):
        return b"from __bytes__"

class BadBytes:
    def __bytes__(self):
        return "not bytes"

class Idx:
    def __index__(self):
        return 3

class B(bytes):
    pass

class BA(bytearray):
    pass

def gen():
    yield 1
    yield 2
    yield 255

for ctor in (bytes, bytearray):
    n = ctor.__name__
    t(n + "()", lambda: ctor())
    t(n + "(0)", lambda: ctor(0))
    t(n + "(5)", lambda: ctor(5))
    t(n + "(Idx())", lambda: ctor(Idx()))
    t(n + "(True)", lambda: ctor(True))
    t(n + " list", lambda: ctor([0, 1, 127, 128, 255]))
    t(n + " tuple", lambda: ctor((65, 66)))
    t(n + " range", lambda: ctor(range(97, 102)))
    t(n + " gen", lambda: ctor(gen()))
    t(n + " set", lambda: sorted(ctor({1, 2})))
    t(n + " bytes", lambda: ctor(b"xyz"))
    t(n + " bytearray", lambda: ctor(bytearray(b"abc")))
    t(n + " str utf8", lambda: ctor("héllo", "utf-8"))
    t(n + " str latin1", lambda: ctor("héllo", "latin-1"))
    t(n + " str ascii", lambda: ctor("hello", encoding="ascii"))
    t(n + " str ascii err", lambda: ctor("héllo", "ascii"))
    t(n + " str ascii ignore", lambda: ctor("héllo", "ascii", "ignore"))
    t(n + " str ascii replace", lambda: ctor("héllo", "ascii", errors="replace"))
    t(n + " str no enc", lambda: ctor("abc"))
    t(n + " enc no str", lambda: ctor(1, "utf-8"))
    t(n + " errors no str", lambda: ctor(b"x", errors="strict"))
    t(n + " only encoding", lambda: ctor(encoding="utf-8"))
    t(n + " only errors", lambda: ctor(errors="strict"))
    t(n + " str errors no enc", lambda: ctor("x", errors="strict"))
    t(n + " bad encoding type", lambda: ctor("x", 5))
    t(n + " bad errors type", lambda: ctor("x", "utf-8", 5))
    t(n + " unknown encoding", lambda: ctor("x", "nope"))
    t(n + " negative", lambda: ctor(-1))
    t(n + " float", lambda: ctor(1.5))
    t(n + " None", lambda: ctor(None))
    t(n + " object", lambda: ctor(object()))
    t(n + " 256", lambda: ctor([256]))
    t(n + " -1 item", lambda: ctor([-1]))
    t(n + " str item", lambda: ctor([1, "a"]))
    t(n + " float item", lambda: ctor([1.0]))
    t(n + " big item", lambda: ctor([2 ** 70]))
    t(n + " Idx item", lambda: ctor([Idx(), Idx()]))
    t(n + " kw", lambda: ctor(source=b"kw"))
    t(n + " bad kw", lambda: ctor(x=1))
    t(n + " too many", lambda: ctor(1, 2, 3, 4))
    t(n + " huge", lambda: ctor(2 ** 80))

t("bytes __bytes__", lambda: bytes(WithBytes()))
t("bytes bad __bytes__", lambda: bytes(BadBytes()))
t("bytearray __bytes__ ignored", lambda: bytearray(WithBytes()))
x = b"abc"
t("bytes is same", lambda: bytes(x) is x)
b = B(b"sub")
print(type(b).__name__, b, len(b), b == b"sub", isinstance(b, bytes), hash(b) == hash(b"sub"))
print(type(B([1, 2])).__name__, B(3), B("é", "utf-8"), type(bytes(b)).__name__, type(b.__bytes__()).__name__)
print(type(b + b"x").__name__, type(b[0:1]).__name__, type(b.upper()).__name__, type(B.fromhex("41")).__name__)
ba = BA(b"sub")
print(type(ba).__name__, repr(ba), ba == b"sub", type(ba.upper()).__name__, type(BA.fromhex("4142")).__name__)
print(b"abc".__getnewargs__(), b.__getnewargs__())
print(bytes.fromhex("00ff 10 a0"), bytearray.fromhex(" 41 42 "), bytes.fromhex(""))
for s in ("a", "zz", "0 1", " 01 0", "0g", "é1", "1 é"):
    t("fromhex " + repr(s), lambda: bytes.fromhex(s))
t("fromhex int", lambda: bytes.fromhex(1))
t("fromhex bytes", lambda: bytes.fromhex(b"41"))
print(str(b"abc", "ascii"), str(bytearray(b"abc"), "utf-8"), str(b"x"), str(bytearray(b"x")))
print(list(b"\x00\x7f\x80\xff"), list(bytearray(b"ab")), [x for x in iter(b"hi")])
it = iter(b"abc")
print(it.__length_hint__(), next(it), it.__length_hint__(), type(it).__name__, type(iter(bytearray())).__name__)
print(int.from_bytes(bytearray(b"\x01\x02"), "big"), bytes(memoryview(b"mv")) if "memoryview" in dir(__builtins__) else b"mv")
