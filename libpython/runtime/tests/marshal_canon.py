"""The oracle side of tests/marshal_stdlib.rs: for each .pyc path on stdin, loads the
marshal data after the 16-byte header, and its damaged variants, and prints one line per
load: path, variant, then `ok:` and the CRC-32 and length of a canonical text of the object
(code objects field by field, constants recursively), `exc:` and the exception, or `crash`
when the damaged data kills CPython itself. The Rust side builds the same
text from Ferric's objects; keep the two in step."""
import marshal
import subprocess
import sys
import zlib

CODE_FIELDS = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals",
               "co_stacksize", "co_flags", "co_firstlineno", "co_code", "co_consts",
               "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_filename",
               "co_name", "co_qualname", "co_linetable", "co_exceptiontable")


def canon(o):
    t = type(o)
    if t is type(canon.__code__):
        parts = [f"{f}={canon(getattr(o, f))}" for f in CODE_FIELDS]
        parts.append("lines=" + canon(list(o.co_lines())))
        parts.append("positions=" + canon(list(o.co_positions())))
        return "code{" + ";".join(parts) + "}"
    if t is tuple:
        return "(" + ",".join(canon(x) for x in o) + ")"
    if t is list:
        return "[" + ",".join(canon(x) for x in o) + "]"
    if t is set or t is frozenset:
        return t.__name__ + "{" + ",".join(sorted(canon(x) for x in o)) + "}"
    if t is dict:
        return "dict{" + ",".join(canon(k) + ":" + canon(v) for k, v in o.items()) + "}"
    return t.__name__ + ":" + repr(o)


def variants(data):
    """The damaged inputs: truncations, and single bytes overwritten (the same list as the Rust side)."""
    n = len(data)
    for k in range(1, 6):
        yield f"trunc:{n * k // 6}"
    for k in range(1, 6):
        for val in (0x00, 0xff, 0x29):
            yield f"set:{n * k // 6}:{val}"


def apply(data, v):
    kind, *args = v.split(":")
    if kind == "trunc":
        return data[: int(args[0])]
    pos, val = int(args[0]), int(args[1])
    return data[:pos] + bytes([val]) + data[pos + 1:]


def load_line(data):
    try:
        text = canon(marshal.loads(data))
    except Exception as e:
        return "exc:" + type(e).__name__ + ": " + str(e).replace("\n", "\\n")
    b = text.encode("utf-8", "surrogatepass")
    return f"ok:{zlib.crc32(b):08x}:{len(b)}"


def damage_child():
    """Loads the damaged variants named on stdin (path TAB variant), one answer per line."""
    for job in sys.stdin:
        path, v = job.rstrip("\n").split("\t")
        with open(path, "rb") as f:
            data = f.read()[16:]
        sys.stdout.write(f"{path}\t{v}\t{load_line(apply(data, v))}\n")
        sys.stdout.flush()


def damaged(jobs):
    """Runs the jobs in child processes; a job that kills CPython is reported as `crash`."""
    out = []
    while jobs:
        child = subprocess.run([sys.executable, __file__, "--damage"], input="".join(f"{p}\t{v}\n" for p, v in jobs),
                               capture_output=True, text=True, errors="surrogateescape")
        done = child.stdout.splitlines()
        out.extend(done)
        jobs = jobs[len(done):]
        if jobs and child.returncode != 0:
            out.append(f"{jobs[0][0]}\t{jobs[0][1]}\tcrash")
            jobs = jobs[1:]
        elif jobs:
            raise SystemExit(f"child stopped early: {child.stderr}")
    return out


def main():
    if sys.argv[1] == "--damage":
        return damage_child()
    damage_every = int(sys.argv[1])
    jobs = []
    for i, path in enumerate(sys.stdin.read().split("\n")):
        if not path:
            continue
        with open(path, "rb") as f:
            data = f.read()[16:]
        print(f"{path}\t\t{load_line(data)}")
        if i % damage_every == 0:
            jobs.extend((path, v) for v in variants(data))
    sys.stdout.flush()
    for line in damaged(jobs):
        print(line)


main()
