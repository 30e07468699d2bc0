# bytes, bytearray and memoryview edge cases: self-referencing operations, exports, subclasses, odd arguments
import sys
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

class B(bytes):
    pass
class BA(bytearray):
    pass
b = B(b"xy")
b.attr = 5
t("sub attr", lambda: (b.attr, b.__dict__, type(b).__name__, B.__mro__))
ba = BA(b"q")
ba.z = 1
t("ba sub attr", lambda: (ba.z, ba.__dict__))
t("sizeof", lambda: (b"".__sizeof__(), b"abc".__sizeof__(), sys.getsizeof(b"abcd"), bytearray().__sizeof__(), bytearray(b"abc").__sizeof__(), sys.getsizeof(bytearray(10))))
t("bool idx", lambda: (b"ab"[True], b"ab"[False:True]))
a = bytearray(b"abc")
a.extend(a)
t("self extend", lambda: a)
t("self iadd exported", lambda: a.__iadd__(a))
t("self iadd", lambda: a)
a[::2] = a[::2]
a[:] = a
a[1:3] = a
t("self assign", lambda: a)
it = iter(bytearray(b"abc"))
a2 = bytearray(b"abcdef")
it2 = iter(a2)
next(it2)
del a2[:]
t("iter after clear", lambda: list(it2))
e = bytearray(b"abc")
m = memoryview(e)
t("exported pop", lambda: e.pop())
t("exported clear", lambda: e.clear())
t("exported setitem", lambda: (e.__setitem__(0, 65), e))
t("exported slice same", lambda: (e.__setitem__(slice(0, 1), b"Z"), e))
t("exported slice grow", lambda: e.__setitem__(slice(0, 1), b"ZZ"))
t("exported iadd", lambda: e.__iadd__(b"x"))
t("exported imul", lambda: e.__imul__(2))
t("exported init", lambda: e.__init__(b"new"))
t("exported del", lambda: e.__delitem__(0))
t("exported remove", lambda: e.remove(90))
t("exported insert", lambda: e.insert(0, 1))
t("exported reverse", lambda: (e.reverse(), e))
m.release()
t("after release", lambda: (e.pop(), e))
t("mv eq", lambda: (b"a" == memoryview(b"a"), memoryview(b"a") == b"a", bytearray(b"a") == memoryview(b"a")))
t("join mv", lambda: (b",".join([memoryview(b"a"), bytearray(b"b")]), bytearray(b"").join([b"x"])))
t("split mv", lambda: (b"abc".split(memoryview(b"b")), b"a b".split(bytearray(b" "))))
t("mod mv", lambda: bytearray(b"%s") % memoryview(b"z"))
t("cmp ba types", lambda: (bytearray(b"a") == b"a", bytearray(b"b") > memoryview(b"a"), bytearray(b"a") == 1))
t("hash sub", lambda: hash(B(b"ab")) == hash(b"ab"))
t("contains big", lambda: 2 ** 100 in b"a")
t("find big", lambda: b"a".find(2 ** 100))
t("fromhex sub", lambda: (type(BA.fromhex("41")).__name__, BA.fromhex("41")))
t("maketrans ba", lambda: bytes.maketrans(bytearray(b"a"), memoryview(b"b"))[97])
t("iter reduce", lambda: (lambda i: (next(i), i.__reduce__()[1:]))(iter(bytearray(b"xy"))))
t("iter setstate", lambda: (lambda i: (i.__setstate__(2), list(i)))(iter(b"abcd")))
t("len hint", lambda: (lambda i: (i.__length_hint__(), next(i), i.__length_hint__()))(iter(bytearray(b"ab"))))
t("ba repr quotes", lambda: (bytearray(b"'"), bytearray(b'"'), bytearray(b"'\""), bytearray(b"\\")))
t("bytes repr quotes", lambda: (b"'", b'"', b"'\"", b"\\", b"\x7f\x80"))
t("str bytes", lambda: (str(b"a'b"), str(bytearray(b"x")), format(b"ab"), f"{b'ab'!r}"))
t("format spec", lambda: format(b"ab", "10"))
t("bytes int huge", lambda: bytes(2 ** 63))
t("bytes neg huge", lambda: bytes(-2 ** 63))
t("ba int huge", lambda: bytearray(2 ** 63))
t("mul types", lambda: (b"ab" * True, bytearray(b"a") * 2, 3 * bytearray(b"x")))
t("rmul", lambda: b"x".__rmul__(3))
t("ba copy sub", lambda: type(BA(b"x").copy()).__name__)
t("ba sub concat", lambda: type(BA(b"x") + b"y").__name__)
t("ba eq list", lambda: bytearray(b"a") == [97])
t("decode kw", lambda: (b"x".decode(encoding="ascii", errors="strict"), bytearray(b"\xff").decode("latin1")))
t("decode surrogate", lambda: (b"\xed\xa0\x80".decode("utf-8", "surrogatepass"), b"\xff".decode("utf-8", "surrogateescape")))
t("isspace vt", lambda: (b"\x0b".isspace(), b"\x1c".isspace(), b"\x0b".split(), b"a\x1cb".split()))
t("title digits", lambda: (b"hello world2you".title(), b"o'neil".title(), b"aB".istitle(), b"A1".istitle()))
t("expandtabs neg", lambda: b"a\tb".expandtabs(-1))
t("zfill sign only", lambda: (b"+".zfill(3), b"-a".zfill(4)))
t("center odd", lambda: [b"a".center(w, b"*") for w in range(1, 6)] + [b"ab".center(w, b"*") for w in range(1, 6)])
t("replace empty both", lambda: (b"".replace(b"", b"x"), b"".replace(b"", b""), b"ab".replace(b"", b"")))
t("count overlap", lambda: (b"aaaa".count(b"aa"), b"aaaa".count(b"a", 1, -1)))
t("rfind empty", lambda: (b"abc".rfind(b""), b"abc".rfind(b"", 1, 2), b"abc".find(b"", 4), b"abc".rfind(b"", 4)))
t("startswith tuple empty", lambda: (b"abc".startswith(()), b"abc".endswith((b"",))))
t("rsplit maxsplit 0", lambda: (b" a b ".rsplit(None, 0), b" a b ".split(None, 0), b"a,b".split(b",", 0)))
t("splitlines crlf", lambda: b"a\r\n\r\nb\r".splitlines(True))
t("strip all", lambda: (b"   ".strip(), b"xxx".strip(b"x"), b"abc".strip(b"")))
t("partition sub types", lambda: [type(x).__name__ for x in B(b"a-b").partition(b"-")])
t("rpartition ba", lambda: bytearray(b"a-b-c").rpartition(b"-"))
class BadIdx:
    def __index__(self):
        raise RuntimeError("idx boom")
class BadIter:
    def __iter__(self):
        raise RuntimeError("iter boom")
def gen_err():
    yield 1
    raise KeyError("gen boom")
class SubBytes(bytes):
    def __bytes__(self):
        return b"custom"
class RetSub:
    def __bytes__(self):
        return SubBytes(b"s")
class NewB(bytes):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
class Inst:
    pass
i = Inst()
i.__bytes__ = lambda: b"inst"
t("bad idx", lambda: bytes(BadIdx()))
t("bad idx ba", lambda: bytearray(BadIdx()))
t("bad iter", lambda: bytes(BadIter()))
t("gen err", lambda: bytes(gen_err()))
t("gen err ba", lambda: bytearray(gen_err()))
t("sub __bytes__", lambda: (bytes(SubBytes(b"x")), SubBytes(b"x")))
t("ret sub", lambda: type(bytes(RetSub())).__name__)
t("newb", lambda: (NewB(b"ab"), type(NewB(b"a")).__name__))
t("instance __bytes__", lambda: bytes(i))
t("bytes.__new__", lambda: (bytes.__new__(bytes, b"z"), type(bytes.__new__(SubBytes, 2)).__name__))
t("bytes.__new__ bad", lambda: bytes.__new__(int, 1))
t("super bytes", lambda: SubBytes(b"q").__class__.__mro__[1].__bytes__(SubBytes(b"q")))
t("encode", lambda: ("abc".encode(), "é".encode("utf-8"), type("x".encode()).__name__))
t("fmt %", lambda: (b"%5.2s|" % b"abc", b"%-4c|" % 65, b"%03d" % -5, b"%+05.1f" % 2.25, b"%#06x" % 255, b"%x" % True, b"% 5d" % 3))
t("fmt % dict multi", lambda: b"%(x)s %(x)r %(y)c" % {b"x": b"v", b"y": 66})
t("fmt % star kw", lambda: b"%(x)*d" % {b"x": 1})
t("fmt % list arg", lambda: b"%s" % [1])
t("fmt % bytes in tuple", lambda: b"%s %s" % (b"a", bytearray(b"b")))
t("fmt %a nonascii", lambda: b"%a" % "\u20ac")
t("fmt %r bytes", lambda: b"%r" % b"\x00")
t("fmt %i float", lambda: b"%i" % 2.9)
t("fmt %o neg", lambda: (b"%o" % -8, b"%#o" % -8, b"%X" % -255, b"%#X" % 255))
t("fmt %e small", lambda: (b"%.0e" % 12345, b"%g" % 1e16, b"%G" % 1e-10, b"%.3G" % 0.0001234))
t("fmt nan", lambda: (b"%f" % float("nan"), b"%5.1f" % float("-inf"), b"%05f" % float("inf")))
t("fmt %s none", lambda: b"%s" % None)
t("fmt mapping not used", lambda: b"abc" % {b"a": 1})
t("fmt mapping args tuple", lambda: b"%s" % ({b"a": 1},))

# which operations give back the same exact bytes object, as CPython
b = b"abc"
print(b[:] is b, b[0:3] is b, b[::1] is b, b[::-1] is b, bytes(b) is b, b * 1 is b, b"".join([b]) is b)
print(b.strip() is b, b.lstrip(b"x") is b, b.replace(b"z", b"y") is b, b.center(2) is b, b.ljust(3) is b, b.zfill(1) is b)
print(b.split()[0] is b, b.split(b",")[0] is b, b.partition(b",")[0] is b, b.rpartition(b",")[2] is b, b.removeprefix(b"z") is b, b.translate(None) is b)
print(b.expandtabs() is b, b.lower() is b, b.__bytes__() is b, (b + b"") is b, (b"" + b) is b, b.splitlines()[0] is b)
ba = bytearray(b"abc")
print(ba[:] is ba, ba.strip() is ba, ba.split()[0] is ba, ba.copy() is ba, (ba * 1) is ba)
class B(bytes): pass
s = B(b"x")
print(s[:] is s, bytes(s) is s, s.strip() is s, type(s[:]).__name__, type(s.strip()).__name__)
