# Argument errors of the _io constructors, methods and open().
import _io, sys
fn = "/tmp/ferric_io_args_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))
open_ = _io.open
f = open_(fn, "w", encoding="utf-8"); f.write("abc\n"); f.close()
tests = [
  lambda: _io.BytesIO().read("x"),
  lambda: _io.BytesIO().read(1, 2),
  lambda: _io.BytesIO(b"", b""),
  lambda: _io.BytesIO(foo=1),
  lambda: _io.StringIO().read(1.5),
  lambda: _io.FileIO(fn).read("1"),
  lambda: _io.FileIO(fn, mode=3),
  lambda: _io.open(fn, mode=3),
  lambda: _io.open(fn, buffering="x"),
  lambda: _io.open(fn, encoding=3),
  lambda: _io.open(fn, "r", 1, "utf-8", None, None, True, None, 9),
  lambda: _io.open(fn, bogus=1),
  lambda: _io.open(),
  lambda: _io.open(fn, "rb").read(-2),
  lambda: _io.open(fn, "rb").seek(0, 9),
  lambda: _io.open(fn, "rb").seek(1.5),
  lambda: _io.open(fn, encoding="utf-8").read(1.5),
  lambda: _io.open(fn, encoding="utf-8").seek(0, 9),
  lambda: _io.TextIOWrapper(),
  lambda: _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8").reconfigure(1),
  lambda: _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8").reconfigure(newline="z"),
  lambda: _io.BufferedReader(),
  lambda: _io.BufferedRWPair(_io.BytesIO()),
  lambda: _io.IncrementalNewlineDecoder(),
  lambda: _io.text_encoding(),
]
for i, t in enumerate(tests):
    try: print(i, t())
    except Exception as e: print(i, type(e).__name__, e)

try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
