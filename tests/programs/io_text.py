# TextIOWrapper: encodings, newline modes, seek/tell cookies, reconfigure, from _io.
import _io, sys

fn = "/tmp/ferric_io_text_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))

with _io.open(fn, "w", encoding="utf-8") as f:
    print(repr(f) == "<_io.TextIOWrapper name=%r mode='w' encoding='utf-8'>" % fn)
    print(f.encoding, f.errors, f.line_buffering, f.write_through, f.mode, type(f.buffer).__name__)
    print(f.write("héllo\nwörld\r\nthird\rfourth\n"), f.tell())
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, encoding="utf-8") as f:
    print(f.readline(), repr(f.readline()), f.tell())
    print(f.read(3), f.tell(), repr(f.read()))
    print(f.newlines)
with _io.open(fn, encoding="utf-8") as f:
    f.read(); print(f.newlines)
for nl in ("", "\r", "\r\n", "\n"):
    with _io.open(fn, encoding="utf-8", newline=nl) as f: print(repr(nl), f.readlines(), f.newlines)
with _io.open(fn, "w", encoding="utf-8", newline="\r\n") as f: f.write("a\nb\n")
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, "w", encoding="utf-8", newline="\r") as f: f.write("a\nb\n")
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, "w", encoding="utf-8", newline="") as f: f.write("a\nb\r\n")
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, "w", encoding="utf-8") as f: f.write("one\ntwo\r\nthree\nfour")
with _io.open(fn, encoding="utf-8") as f:
    p = []
    while True:
        t = f.tell(); l = f.readline()
        if not l: break
        p.append((t, l))
    print(p)
    f.seek(p[1][0]); print(repr(f.readline()), f.seek(0, 2), repr(f.read()))
with _io.open(fn, "w", encoding="latin-1") as f: f.write("café")
with _io.open(fn, "rb") as f: print(f.read())
with _io.open(fn, encoding="latin1") as f: print(f.read(), f.encoding)
with _io.open(fn, "w", encoding="ascii", errors="replace") as f: f.write("café")
with _io.open(fn, encoding="ASCII") as f: print(f.read(), f.encoding)
try:
    with _io.open(fn, "w", encoding="ascii") as f: f.write("café")
except UnicodeEncodeError as e: print(e)
with _io.open(fn, "wb") as f: f.write(b"ab\xffcd")
try:
    with _io.open(fn, encoding="utf-8") as f: f.read()
except UnicodeDecodeError as e: print(e)
with _io.open(fn, encoding="utf-8", errors="replace") as f: print(f.read())
with _io.open(fn, encoding="utf-8", errors="surrogateescape") as f: print(ascii(f.read()))
s = "αβγ\n" * 5000
with _io.open(fn, "w", encoding="utf-8") as f: f.write(s)
with _io.open(fn, encoding="utf-8") as f:
    f.read(4097); t = f.tell(); x = f.read(10); f.seek(t); print(f.read(10) == x, t)
    print(len(f.read()))
with _io.open(fn, encoding="utf-8") as f:
    f.readline(); f.readline(); t = f.tell(); l = f.readline(); f.seek(t); print(f.readline() == l, t)
with _io.open(fn, "r+", encoding="utf-8") as f:
    print(type(f.buffer).__name__, f.read(2)); f.seek(0); f.write("ZZ"); f.seek(0); print(f.read(5))
with _io.open(fn, "a", encoding="utf-8") as f: print(f.tell() > 0, f.write("end"))

t = _io.TextIOWrapper(_io.BytesIO(b"x\ny\n"), encoding="utf-8")
print(repr(t), list(t))
try: t.tell()
except OSError as e: print(e)
t = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8", newline="\r")
t.write("a\nb"); t.flush(); print(t.buffer.getvalue())
t.reconfigure(newline="\n", line_buffering=True); t.write("c\nd"); print(t.buffer.getvalue(), t.line_buffering)
t.reconfigure(write_through=True); t.write("e"); print(t.buffer.getvalue(), t.write_through)
try: t.write(b"x")
except TypeError as e: print(e)
d = t.detach(); print(type(d).__name__)
for f in (lambda: t.write("x"), lambda: t.read(), lambda: t.buffer):
    try: f()
    except ValueError as e: print(e)
try: _io.TextIOWrapper(_io.BytesIO(), newline="x")
except ValueError as e: print(e)
try: _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8", errors=3)
except TypeError as e: print(e)
r = _io.TextIOWrapper(_io.BufferedReader(_io.BytesIO(b"abc")), encoding="utf-8")
try: r.write("x")
except _io.UnsupportedOperation as e: print(e)
print(r.read(), repr(r.read()), r.readable(), r.writable(), r.seekable())
r.close(); print(r.closed)
try: r.read()
except ValueError as e: print(e)
t = _io.TextIOWrapper(_io.BytesIO(b"abc\r\ndef\rghi\n"), encoding="utf-8")
print(t.read(4), t.tell(), repr(t.read()), repr(t.newlines))
t.seek(0); print(repr(t.readline()), repr(t.readline()))
print(t.seek(0, 2), repr(t.read()))
for args in ((1, 1), (1, 2), (-1,), (0, 7)):
    try: t.seek(*args)
    except (OSError, ValueError) as e: print(type(e).__name__, e)
print(t._CHUNK_SIZE); t._CHUNK_SIZE = 2; print(t._CHUNK_SIZE)
t.seek(0); print(repr(t.read()))
try: t._CHUNK_SIZE = 0
except ValueError as e: print(e)
r = _io.TextIOWrapper(_io.BytesIO(b"abc"), encoding="utf-8"); r.read(1)
try: r.reconfigure(encoding="latin-1")
except _io.UnsupportedOperation as e: print(e)
w = _io.TextIOWrapper(_io.BytesIO(), encoding="utf-8"); w.write("é")
w.reconfigure(encoding="latin-1"); w.write("é"); w.flush(); print(w.buffer.getvalue(), w.encoding, w.errors)
print(_io.text_encoding(None), _io.text_encoding("x"))
s = _io.StringIO()
print(isinstance(t, _io._TextIOBase), isinstance(s, _io._TextIOBase), _io.TextIOWrapper.__mro__)
with _io.open(fn, "w", encoding="utf-8") as f: f.writelines(["a\n", "b\n"])
with _io.open(fn, encoding="utf-8") as f: print(f.readlines(), f.name == fn)

# The scratch file goes (posix may be missing in Ferric yet).
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
