# IncrementalNewlineDecoder over a Python decoder: state, flags, reset, type checks.
import _io
class D:
    def __init__(self): self.buf = b""
    def decode(self, b, final=False):
        self.buf += b
        out, self.buf = (self.buf, b"") if final else (self.buf[:-1], self.buf[-1:])
        return out.decode("latin-1")
    def getstate(self): return (self.buf, 3)
    def setstate(self, st): self.buf = st[0]; print("setstate", st)
    def reset(self): self.buf = b""; print("reset")
d = _io.IncrementalNewlineDecoder(D(), translate=True)
print(repr(d.decode(b"ab\r")), repr(d.decode(b"\ncd\r")), d.getstate(), d.newlines)
d.setstate((b"zz", 7)); print(d.getstate()); d.reset(); print(d.getstate(), d.newlines)
print(repr(d.decode(b"x\r", final=True)))
class Bad:
    def decode(self, b, final=False): return b
try: _io.IncrementalNewlineDecoder(Bad(), False).decode(b"x")
except TypeError as e: print(e)
try: _io.IncrementalNewlineDecoder.__new__(_io.IncrementalNewlineDecoder).decode("x")
except ValueError as e: print(e)
