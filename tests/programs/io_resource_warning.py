# ResourceWarning for files closed by their finalizer, made errors and caught by sys.unraisablehook.
import _io, sys, _warnings
fn = "/tmp/ferric_io_rw_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))
_warnings.filters.insert(0, ("error", None, ResourceWarning, None, 0))
seen = []
def hook(u):
    seen.append((type(u.exc_value).__name__, str(u.exc_value).replace(fn, "F"), type(u.object).__name__))
sys.unraisablehook = hook
def f():
    t = _io.open(fn, "w")
    b = _io.open(fn, "rb")
    r = _io.FileIO(fn)
    k = _io.FileIO(r.fileno(), closefd=False)
f()
for s in seen: print(s)
with _io.open(fn, "rb") as g: print(g.read())
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
