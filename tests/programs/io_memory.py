# BytesIO, StringIO and IncrementalNewlineDecoder from _io.
import _io

b = _io.BytesIO(b"hello\nworld\n")
print(b.read(3), b.readline(), b.tell(), list(b), b.getvalue())
b.seek(0); print(b.readlines())
b.seek(0); print(b.readlines(3))
b.write(b"XY"); print(b.getvalue(), b.seek(0, 2), b.seek(20), b.write(b"!"), b.getvalue())
print(b.truncate(5), b.getvalue(), b.tell())
print(b.seek(-2, 1), b.seek(-100, 1), b.read1(2), b.read1())
buf = bytearray(3); b.seek(1); print(b.readinto(buf), buf)
m = b.getbuffer(); print(bytes(m), len(m))
for f in (lambda: b.write(b"x"), lambda: b.truncate(0), b.close):
    try: f()
    except BufferError as e: print("BufferError", e)
m[0] = 65; del m; print(b.getvalue())
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.flush(), b.closed)
st = b.__getstate__(); print(st)
c = _io.BytesIO(); c.__setstate__((b"state", 2, {"k": 1})); print(c.read(), c.k)
b.close(); print(b.closed)
for f in (b.read, b.getvalue, b.tell, b.readable, lambda: b.seek(0), lambda: iter(b).__next__()):
    try: f()
    except ValueError as e: print("ValueError", e)
for args in ((-1,), (0, 3), (1.5,)):
    try: _io.BytesIO().seek(*args)
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
try: _io.BytesIO().truncate(-1)
except ValueError as e: print(e)
try: _io.BytesIO("text")
except TypeError as e: print(e)
b = _io.BytesIO(); b.writelines([b"a", bytearray(b"b"), memoryview(b"c")]); print(b.getvalue())
b = _io.BytesIO(initial_bytes=b"kw"); print(b.read())

class MyBytes(_io.BytesIO):
    def extra(self): return self.getvalue() * 2
x = MyBytes(b"z"); x.attr = 5; print(x.read(), x.extra(), x.attr, type(x).__mro__)

s = _io.StringIO("a\r\nb\rc\nd", newline=None); print(repr(s.getvalue()), s.newlines)
s = _io.StringIO("a\r\nb\rc\nd", newline=''); print(s.readlines(), s.newlines)
s = _io.StringIO("a\r\nb\rc\nd", newline='\r'); print(s.readlines())
s = _io.StringIO("a\r\nb\rc\nd", newline='\r\n'); print(s.readlines())
s = _io.StringIO("a\r\nb\rc\nd"); print(s.readlines(), s.newlines)
s = _io.StringIO(); s.write("x\ny"); print(repr(s.getvalue()), s.tell(), s.seek(0), s.read(1), s.read())
s = _io.StringIO(newline='\r\n'); s.write("x\ny"); print(repr(s.getvalue()))
s = _io.StringIO(newline='\r'); s.write("x\ny"); print(repr(s.getvalue()))
s = _io.StringIO("héllo wörld ☃"); print(s.read(4), s.tell(), s.seek(0, 2), s.read(), s.seek(3), s.readline(2))
s.seek(20); s.write("!"); print(repr(s.getvalue()))
print(s.truncate(3), repr(s.getvalue()), s.line_buffering, s.readable(), s.writable(), s.seekable())
print(_io.StringIO("l1\nl2\nl3").readline(), list(_io.StringIO("l1\nl2\nl3")))
print(_io.StringIO("abc").__getstate__())
for args in ((-1,), (1, 1), (0, 5)):
    try: _io.StringIO().seek(*args)
    except (ValueError, OSError) as e: print(type(e).__name__, e)
for kw in ({"newline": "x"}, {"newline": 5}, {"initial_value": b"b"}):
    try: _io.StringIO(**kw)
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
try: _io.StringIO().write(b"x")
except TypeError as e: print(e)
s = _io.StringIO(); s.close()
try: s.write("x")
except ValueError as e: print(e)
print(s.closed)

d = _io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode("a\r")), d.getstate(), repr(d.decode("\nb", final=True)), d.newlines)
d.reset(); print(d.newlines, d.getstate())
d = _io.IncrementalNewlineDecoder(None, False)
print(repr(d.decode("x\ry\r\n")), d.newlines)
d.setstate((b"", 1)); print(repr(d.decode("z")))
try: d.decode(b"bytes")
except TypeError as e: print(e)
# Writing far past the end fails with MemoryError, not an abort.
for c, v in ((_io.BytesIO, b"x"), (_io.StringIO, "x")):
    o = c(); o.seek(2**60)
    try: o.write(v)
    except MemoryError: print("MemoryError")
