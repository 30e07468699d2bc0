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

def run(mode, f, op, n):
    if op == 0: return f.read(n)
    if op == 1: return f.write(bytes([97 + n % 26]) * (n % 5)) if mode == "r+b" else f.read(n % 5)
    if op == 2: return f.seek(n * 3)
    if op == 3: return f.seek(-n, 1) if f.tell() >= n else f.seek(n, 1)
    if op == 4: return f.tell()
    if op == 5: return f.peek(1)[:1] if mode == "rb" else f.read(1)
    if op == 6: return f.read1(n) if mode == "rb" else f.read(n)
    if op == 7: return f.readline(n)
    b = bytearray(n % 7)
    return (f.readinto(b), bytes(b))

for mode in ("rb", "r+b"):
    for bs in (1, 7, 64, 8192):
        f = _io.open(fn, mode, buffering=bs)
        out = [run(mode, f, op, n) for op, n in ops]
        f.seek(0); out.append(f.read())
        f.close()
        print(mode, bs, sum(i * b for i, b in enumerate(repr(out).encode())) % 1000003, len(out))
        print(out[:16])
try:
    import posix
    posix.unlink(fn)
except ImportError:
    pass
