# bytes % args and bytearray % args, and hex()/fromhex() round trips
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

class WithBytes:
    def __bytes__(self):
        return b"<wb>"

class BadBytes:
    def __bytes__(self):
        return 1

class Idx:
    def __index__(self):
        return 65

class R:
    def __repr__(self):
        return "R(é)"

for T in (bytes, bytearray):
    n = T.__name__
    t(n + " s", lambda: T(b"[%s]") % b"abc")
    t(n + " b", lambda: T(b"[%b]") % bytearray(b"ba"))
    t(n + " s prec width", lambda: T(b"[%5s|%-5s|%.2s|%5.1s]") % (b"ab", b"cd", b"efgh", b"ij"))
    t(n + " s __bytes__", lambda: T(b"%s") % WithBytes())
    t(n + " s bad __bytes__", lambda: T(b"%s") % BadBytes())
    t(n + " s str", lambda: T(b"%s") % "text")
    t(n + " s int", lambda: T(b"%s") % 5)
    t(n + " r a", lambda: T(b"%r %a %r") % ("é", "x\n", R()))
    t(n + " r prec", lambda: T(b"%.3r") % "abcdef")
    t(n + " c", lambda: T(b"%c%c%c%c") % (65, b"B", bytearray(b"C"), Idx()))
    t(n + " c 256", lambda: T(b"%c") % 256)
    t(n + " c -1", lambda: T(b"%c") % -1)
    t(n + " c str", lambda: T(b"%c") % "a")
    t(n + " c long", lambda: T(b"%c") % b"ab")
    t(n + " c float", lambda: T(b"%c") % 1.0)
    t(n + " d", lambda: T(b"%d %i %u %5d %-5d| %05d %+d % d %x %X %o %#x %#o %#X") % (1, -2, 3, 42, 42, -42, 7, 7, 255, 255, 8, 255, 8, 255))
    t(n + " d big", lambda: T(b"%d %x") % (2 ** 80, -2 ** 70))
    t(n + " d prec", lambda: T(b"%.5d %8.3x %-#8x|") % (12, 255, 255))
    t(n + " d float", lambda: T(b"%d %i") % (3.9, -2.5))
    t(n + " d bool", lambda: T(b"%d %x") % (True, False))
    t(n + " d Idx", lambda: T(b"%x") % Idx())
    t(n + " d str", lambda: T(b"%d") % "1")
    t(n + " x float", lambda: T(b"%x") % 1.5)
    t(n + " f", lambda: T(b"%f %.2f %10.3f %-10.1f| %e %E %g %G %.3g %#g %+.1f") % (1.5, 2.345, -3.14159, 2.5, 12345.678, 0.00012, 1e20, 1e-5, 3.14159, 2.0, 0.05))
    t(n + " f int", lambda: T(b"%.1f %e") % (3, 10))
    t(n + " f inf nan", lambda: T(b"%f %f %e %g") % (float("inf"), float("-inf"), float("nan"), -0.0))
    t(n + " f str", lambda: T(b"%f") % "x")
    t(n + " percent", lambda: T(b"100%% %s") % b"done")
    t(n + " star", lambda: T(b"[%*d|%-*d|%.*f|%*s]") % (5, 1, 4, 2, 2, 3.14159, -4, b"x"))
    t(n + " star bad", lambda: T(b"%*d") % ("5", 1))
    t(n + " dict", lambda: T(b"%(a)s-%(b)d-%(a)s") % {b"a": b"A", b"b": 2})
    t(n + " dict str key", lambda: T(b"%(a)s") % {"a": b"A"})
    t(n + " dict nested paren", lambda: T(b"%(a(b))s") % {b"a(b)": b"N"})
    t(n + " dict extra", lambda: T(b"%s") % {b"a": 1})
    t(n + " no mapping", lambda: T(b"%(a)s") % (1,))
    t(n + " incomplete key", lambda: T(b"%(a") % {b"a": 1})
    t(n + " too few", lambda: T(b"%s %s") % (b"a",))
    t(n + " too many", lambda: T(b"%s") % (b"a", b"b"))
    t(n + " not tuple extra", lambda: T(b"x") % b"a")
    t(n + " empty tuple", lambda: T(b"x") % ())
    t(n + " bad char", lambda: T(b"%y") % 1)
    t(n + " bad char high", lambda: T(b"%\xff") % 1)
    t(n + " bad char ctrl", lambda: T(b"%\x01") % 1)
    t(n + " incomplete", lambda: T(b"abc %") % ())
    t(n + " incomplete flags", lambda: T(b"%-5") % (1,))
    t(n + " single arg", lambda: T(b"<%s>") % b"one")
    t(n + " tuple arg", lambda: T(b"<%s>") % ((b"one",),))
    t(n + " length mod", lambda: T(b"%ld %hd %Lf") % (1, 2, 3.0))
    t(n + " mixed", lambda: T(b"%s=%d (%.1f%%) %r") % (b"k", 10, 99.5, b"v"))
    t(n + " type", lambda: type(T(b"%d") % 1).__name__)
t("rmod", lambda: "%s" % b"x")
t("str % bytearray", lambda: "%s" % bytearray(b"x"))
t("mod int", lambda: b"%d" .__mod__(1))
t("rmod notimpl", lambda: b"x".__rmod__(1))
t("bytes % bytes mapping", lambda: b"%s" % b"x")

for data in (b"", b"\x00", b"\x01\x02\xfe\xff", bytes(range(0, 256, 17)), b"hello world"):
    h = data.hex()
    print(h, bytes.fromhex(h) == data, bytearray.fromhex(h) == data, data.hex("."), data.hex(":", 3), data.hex("|", -3), bytearray(data).hex(b" ", 2))
print(bytes.fromhex("  de ad\tbe\nef  "), bytes.fromhex("DEADbeef"), bytearray.fromhex("0a0B"))
t("hex big per", lambda: b"abc".hex(":", 2 ** 40))
t("hex bytes sep long", lambda: b"abc".hex(b"::"))
t("hex kw", lambda: b"abc".hex(sep="-", bytes_per_sep=1))
t("hex bad kw", lambda: b"abc".hex(spam=1))
t("str bad char ctrl", lambda: "%\x01" % 1)
t("str bad char 31", lambda: "%\x1f" % 1)
