# FileIO, buffered files and open() in binary mode, from _io.
import _io, sys

fn = "/tmp/ferric_io_files_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))

f = _io.FileIO(fn, "w")
print(f.write(b"abc\ndef\n"), f.mode, f.closefd, f.readable(), f.writable(), f.seekable())
print(repr(f) == "<_io.FileIO name=%r mode='wb' closefd=True>" % fn)
f.close(); print(f, f.closed)
f = _io.open(fn, "rb", buffering=0)
print(type(f).__name__, f.read(2), f.readall(), f.tell(), f.seek(0), f.readline(), f.readlines())
b = bytearray(3); f.seek(1); print(f.readinto(b), b, f.seek(0, 2), f.read())
f.close()
for m in ("r", "w", "a", "x"):
    try: f.read()
    except ValueError as e: print(e); break
r = _io.FileIO(fn, "rb")
try: r.write(b"x")
except _io.UnsupportedOperation as e: print(e)
r.close()
w = _io.FileIO(fn, "a"); print(w.mode, w.tell()); w.write(b"ghi\n"); w.close()
w = _io.FileIO(fn, "r+"); print(w.mode, w.read(3), w.truncate(6), w.tell()); w.close()
with _io.open(fn, "rb") as f: print(f.read())

with _io.open(fn, "wb") as f:
    print(type(f).__name__, f.write(b"line1\nline2\nline3\n" * 3), f.tell(), f.mode)
    print(f.writable(), f.readable(), f.seekable(), f.closed, f.raw.mode)
print(f.closed)
f = _io.open(fn, "rb")
print(f.peek(3)[:6], f.read(3), f.read1(4), f.tell(), f.readline(), f.readline(2))
print(f.seek(0), f.read(5), f.seek(2, 1), f.tell(), f.read(3), f.seek(-3, 2), f.read())
f.seek(0); print(list(f)[:2]); f.seek(0); print(f.readlines(10))
b = bytearray(5); f.seek(1); print(f.readinto(b), b, f.readinto1(b), b)
print(type(f.raw).__name__, f.fileno() > 2, f.isatty(), f.name == fn)
try: f.write(b"x")
except Exception as e: print(type(e).__name__, e)
f.close()
try: f.read()
except ValueError as e: print(e)
f = _io.open(fn, "r+b")
print(type(f).__name__, f.read(3), f.write(b"XYZ"), f.tell(), f.read(2), f.seek(0), f.read(10))
f.seek(0, 2); f.write(b"END"); f.flush(); f.seek(-5, 2); print(f.read())
print(f.truncate(10), f.tell()); f.seek(0); print(f.read())
f.close()
with _io.open(fn, "ab") as f: f.write(b"++")
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, "wb", buffering=4) as f:
    f.write(b"ab"); f.write(b"cdefgh"); print(f.raw.tell(), f.tell())
with _io.open(fn, "rb", buffering=3) as f: print(f.read(2), f.peek(), f.read())

r = _io.BufferedReader(_io.BytesIO(b"abc\ndef"), 2)
print(r.read(1), r.peek(), r.readline(), r.read(), r.read(), r.raw.tell())
w = _io.BufferedWriter(_io.BytesIO())
w.write(b"hello"); raw = w.detach(); print(raw.getvalue())
try: w.write(b"x")
except ValueError as e: print(e)
try: _io.BufferedReader(_io.BytesIO(), 0)
except ValueError as e: print(e)
p = _io.BufferedRWPair(_io.BytesIO(b"in"), _io.BytesIO())
print(p.read(), p.write(b"o"), p.readable(), p.writable(), p.closed, p.peek())
rnd = _io.BufferedRandom(_io.BytesIO(b"0123456789"))
print(rnd.read(3), rnd.write(b"ab"), rnd.tell(), rnd.read(2), rnd.seek(0), rnd.read())

try: _io.open(fn, "xb")
except FileExistsError as e: print("FileExistsError", e.errno, e.filename == fn)
try: _io.open("/tmp/ferric_no_such_dir/x", "rb")
except FileNotFoundError as e: print("FileNotFoundError", e)
try: _io.open("/tmp", "rb")
except IsADirectoryError as e: print("IsADirectoryError", e)
for m in ("rr", "rw", "rtb", "z", "+", "rbx"):
    try: _io.open(fn, m)
    except ValueError as e: print(m, e)
for kw in ({"encoding": "utf-8"}, {"errors": "strict"}, {"newline": ""}):
    try: _io.open(fn, "rb", **kw)
    except ValueError as e: print(e)
try: _io.open(fn, "r", buffering=0)
except ValueError as e: print(e)
for bad in (3.5, [], None):
    try: _io.open(bad)
    except TypeError as e: print(e)
try: _io.FileIO(fn, "r", closefd=False)
except ValueError as e: print(e)
try: _io.FileIO(-3)
except ValueError as e: print(e)
for m in ("rw", "q", ""):
    try: _io.FileIO(fn, m)
    except ValueError as e: print(e)

opened = []
def opener(path, flags):
    opened.append(path == fn)
    return _io.FileIO(path, "rb", closefd=False).fileno() if False else -1
try: _io.open(fn, "rb", opener=opener)
except ValueError as e: print(e, opened)

class Path:
    def __fspath__(self): return fn
with _io.open(Path(), "rb") as f: print(f.read(3), f.name == fn)
raw = _io.FileIO(fn, "rb")
with _io.open(raw.fileno(), "rb", closefd=False) as f: print(f.read(3), f.name == raw.fileno())
print(raw.closed); raw.close()
with _io.open(fn, "w+b") as f: print(f.read(), f.write(b"new"), f.seek(0), f.read())
with _io.open(fn, "wb") as f: pass
with _io.open(fn, "rb") as f: print(f.read())
print(_io.open_code(fn).read())
try: _io.open_code(b"x")
except TypeError as e: print(e)

# The scratch file goes (posix may be missing in Ferric yet).
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
