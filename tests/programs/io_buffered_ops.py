# Buffered reads over a file, every buffer size, against a fixed pseudo-random sequence of
# read/read1/peek/readline/readinto/seek/tell (read-only, so buffer boundaries are CPython's),
# then a read-write sequence of the operations whose results do not depend on them.
import _io, sys
fn = "/tmp/ferric_io_rnd_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))
with _io.open(fn, "wb") as f: f.write(bytes(range(65, 91)) * 20)
ops = []
x = 12345
for i in range(300):
    x = (x * 1103515245 + 12345) % 2**31
    ops.append((x % 9, (x >> 8) % 40))
for bs in (1, 7, 64, 8192):
    f = _io.open(fn, "rb", buffering=bs)
    out = []
    for op, n in ops:
        if op == 0: out.append(f.read(n))
        elif op == 1: out.append(f.read(n % 5))
        elif op == 2: out.append(f.seek(n * 3))
        elif op == 3: out.append(f.seek(-n, 1) if f.tell() >= n else f.seek(n, 1))
        elif op == 4: out.append(f.tell())
        elif op == 5: out.append(f.peek(1)[:1])
        elif op == 6: out.append(f.read1(n))
        elif op == 7: out.append(f.readline(n))
        else:
            b = bytearray(n % 7); out.append((f.readinto(b), bytes(b)))
    f.seek(0); out.append(f.read())
    f.close()
    print(bs, sum(i * b for i, b in enumerate(repr(out).encode())) % 1000003, len(out))
    print(out[:16])
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass

fn = "/tmp/ferric_io_rnd_%d" % abs(hash(sys.executable + __file__ + sys.path[0]))
with _io.open(fn, "wb") as f: f.write(bytes(range(65, 91)) * 20)
ops = []
x = 12345
for i in range(300):
    x = (x * 1103515245 + 12345) % 2**31
    ops.append((x % 9, (x >> 8) % 40))
for bs in (1, 7, 64, 8192):
    f = _io.open(fn, "r+b", buffering=bs)
    out = []
    for op, n in ops:
        if op == 0: out.append(f.read(n))
        elif op == 1: out.append(f.write(bytes([97 + n % 26]) * (n % 5)))
        elif op == 2: out.append(f.seek(n * 3))
        elif op == 3: out.append(f.seek(-n, 1) if f.tell() >= n else f.seek(n, 1))
        elif op == 4: out.append(f.tell())
        elif op == 5: out.append(f.read(1))
        elif op == 6: out.append(f.read(n))
        elif op == 7: out.append(f.readline(n))
        else:
            b = bytearray(n % 7); out.append((f.readinto(b), bytes(b)))
    f.seek(0); out.append(f.read())
    f.close()
    print(bs, sum(i * b for i, b in enumerate(repr(out).encode())) % 1000003, len(out))
    print(out[:16])
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
