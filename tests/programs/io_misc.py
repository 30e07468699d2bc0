# TextIOWrapper read/write mixing, iteration disabling tell, line buffering, non-blocking raw
# streams, closed-file messages; a stream left open is closed (and flushed) at exit.
import _io
# w+ text: write, seek, read, tell
b = _io.BytesIO()
t = _io.TextIOWrapper(b, encoding="utf-8")
t.write("héllo\nwörld\n"); print(t.tell()); t.seek(0); print(t.readline(), t.tell()); t.write("X"); t.seek(0); print(repr(t.read()))
t.seek(0); t.readline(); print(t.tell())
# read(n) then write
t.seek(0); t.read(2); t.write("Y"); t.flush(); print(b.getvalue())
# StringIO pickle-ish roundtrip
s = _io.StringIO("abc\ndef", newline=None); s.readline()
st = s.__getstate__(); s2 = _io.StringIO(); s2.__setstate__(st); print(st, s2.read())
# iteration and tell disabled
t = _io.TextIOWrapper(_io.BytesIO(b"1\n2\n3\n"), encoding="utf-8")
for line in t:
    try: t.tell()
    except OSError as e: print(line.strip(), e)
print(t.tell())
# line_buffering flushes on \r too
class W(_io.BytesIO):
    def flush(self): print("flush", self.getvalue()); super().flush()
w = _io.TextIOWrapper(W(), encoding="ascii", line_buffering=True)
w.write("a"); w.write("b\rc"); w.write("\n")
# readlines with hint on text
t = _io.TextIOWrapper(_io.BytesIO(b"aa\nbb\ncc\n"), encoding="utf-8"); print(t.readlines(4))
# BufferedReader over non-blocking-ish raw returning None
class NB(_io._RawIOBase):
    def readable(self): return True
    def readinto(self, b): return None
r = _io.BufferedReader(NB()); print(r.read(5), r.read(), r.read1(3), r.peek())
# writelines, closed errors from buffered
bw = _io.BufferedWriter(_io.BytesIO()); bw.close()
for f in (lambda: bw.write(b"x"), bw.flush, bw.tell):
    try: f()
    except ValueError as e: print(e)
br = _io.BufferedReader(_io.BytesIO(b"abc")); br.close()
for f in (br.read, br.peek, br.readline, lambda: br.seek(0)):
    try: f()
    except ValueError as e: print(e)
print(repr(_io.FileIO.__new__(_io.FileIO)))
