# Finalization closing files, Python subclasses of the _io bases wrapped by the buffered
# and text layers, the bases' own behaviour.
import _io, sys
fn = "/tmp/ferric_io_subclass_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))
f = _io.open(fn, "w", encoding="utf-8"); f.write("unflushed text"); del f
with _io.open(fn, encoding="utf-8") as g: print(g.read())
b = _io.open(fn, "wb"); b.write(b"bin"); b = None
print(_io.open(fn, "rb").read())
class Raw(_io._RawIOBase):
    def __init__(self, data): self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), len(self.data) - self.pos, 3)
        b[:n] = self.data[self.pos:self.pos+n]; self.pos += n
        return n
r = Raw(b"hello\nworld\nagain")
print(r.read(2), r.read(), r.readall())
br = _io.BufferedReader(Raw(b"line one\nline two\n"), 4)
print(br.readline(), br.read())
t = _io.TextIOWrapper(_io.BufferedReader(Raw("héllo\nwörld\n".encode())), encoding="utf-8")
print(list(t))
class W(_io._RawIOBase):
    def __init__(self): self.out = []
    def writable(self): return True
    def write(self, b): self.out.append(bytes(b)); return len(b)
w = W(); bw = _io.BufferedWriter(w, 4); bw.write(b"ab"); bw.write(b"cdefg"); bw.flush(); print(w.out)
tw = _io.TextIOWrapper(_io.BufferedWriter(W()), encoding="utf-8", line_buffering=True); tw.write("x\n"); print(tw.buffer.raw.out)
class T(_io._TextIOBase):
    def __init__(self): self.lines = ["a\n", "b\n"]
    def readline(self): return self.lines.pop(0) if self.lines else ""
print(list(T()))
i = _io._IOBase()
print(i.closed, i.readable(), i.seekable(), i.writable(), i.flush()); i.close(); print(i.closed)
for m in ("fileno", "seek", "truncate", "_checkReadable", "_checkSeekable", "_checkWritable", "_checkClosed", "flush"):
    try: getattr(i, m)(*([0] if m == "seek" else []))
    except Exception as e: print(m, type(e).__name__, e)
try:
    with i: pass
except ValueError as e: print(e)
try: _io.BufferedReader(W())
except Exception as e: print(type(e).__name__, e)
class MyRaw(_io.FileIO):
    pass
m = MyRaw(fn, "rb"); print(m.read(), repr(m).startswith("<_io.FileIO name="), type(m).__mro__)
print(_io.BufferedReader(_io.BytesIO(b"x")), _io.BufferedWriter(_io.BytesIO()))

class Closer(_io.BytesIO):
    def close(self):
        print("closing", type(self).__name__); super().close()
c = Closer(); del c
print(_io.DEFAULT_BUFFER_SIZE, _io.BlockingIOError is BlockingIOError)
for t in (_io._RawIOBase, _io._BufferedIOBase, _io._TextIOBase):
    try: getattr(t(), "read")()
    except Exception as e: print(type(e).__name__, e)
print(_io.FileIO.__module__, _io.TextIOWrapper.__qualname__, _io.open.__module__ if hasattr(_io.open, "__module__") else None)

try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
