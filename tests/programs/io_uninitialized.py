# Every method and attribute of each _io type on an object whose __init__ has not run.
import _io
types = [_io.FileIO, _io.BytesIO, _io.StringIO, _io.BufferedReader, _io.BufferedWriter, _io.BufferedRandom, _io.BufferedRWPair, _io.TextIOWrapper, _io.IncrementalNewlineDecoder, _io._IOBase, _io._RawIOBase, _io._BufferedIOBase, _io._TextIOBase]
for t in types:
    o = t.__new__(t)
    res = []
    for name in sorted(dir(t)):
        if name.startswith("__") and name not in ("__next__", "__iter__", "__enter__", "__repr__", "__getstate__", "__sizeof__"):
            continue
        if name in ("__sizeof__",): continue
        # CPython's BufferedRWPair says "being garbage-collected" for these (a quirk).
        if t is _io.BufferedRWPair and name in ("__enter__", "__iter__", "_checkClosed", "closed", "readlines"): continue
        try:
            a = getattr(o, name)
            r = a() if callable(a) else a
            if isinstance(r, str) and " at 0x" in r: r = "default repr"
            res.append((name, "ok" if not isinstance(r, (int, bytes, str, bool, type(None))) else r))
        except Exception as e:
            res.append((name, type(e).__name__, str(e)[:50]))
    print(t.__name__, res)
