"""include/ferric/capi.h: the prototypes of every function Ferric's capi crate exports,
made by cbindgen, and a check of each against CPython 3.11's own declaration.

    python3.11 tools/capi_header.py write    regenerate include/ferric/capi.h
    python3.11 tools/capi_header.py check    regenerate into a temporary file; fail if the
                                             committed header is stale, or if a prototype
                                             disagrees with CPython's headers

The check compiles a C file that includes CPython's Python.h (and marshal.h, frameobject.h)
and then our header, so gcc reports every function whose declared type conflicts with
CPython's. Differences only in what a pointer points to (PyObject * for PyFrameObject *)
(and enum typedefs for int, and the spellings of 64-bit integers) are the same machine ABI
and are counted, not failed; any other difference (an integer
width, a missing parameter, variadic or not) fails.
"""
import os
import re
import subprocess
import sys
import sysconfig
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
HEADER = os.path.join(ROOT, "include", "ferric", "capi.h")


def generate():
    """cbindgen's output with each prototype guarded by #ifndef NAME, so the names that
    CPython's headers define as macros are left out rather than expanded."""
    raw = subprocess.run(
        ["cbindgen", "--config", os.path.join(ROOT, "include", "cbindgen.toml"), "--crate", "ferric-capi",
         os.path.join(ROOT, "capi")],
        capture_output=True, text=True, check=True).stdout
    # Nullable function pointers: C spells them without Option<>.
    raw = re.sub(r"Option<(\w+)>", r"\1", raw)
    out = []
    for part in raw.split("\n\n"):
        code = re.sub(r"/\*.*?\*/", "", part, flags=re.S)
        m = re.search(r"\b([A-Za-z_][A-Za-z0-9_]*)\s*\(", code)
        if part.strip().endswith(");") and m:
            out.append("#ifndef %s\n%s\n#endif" % (m.group(1), part.strip()))
        else:
            out.append(part)
    return "\n\n".join(out).rstrip() + "\n"


def normalize(sig):
    """A signature with every pointer made `void *` (pointee types erased) and enums as int."""
    sig = re.sub(r"\benum\s+\w+", "int", sig)
    # Enum typedefs are ints; the 64-bit integer spellings are one type on x86-64 Linux.
    sig = re.sub(r"\b(PyGILState_STATE|PyMemAllocatorDomain|PyLockStatus|_PyTime_round_t|PyUnicode_Kind)\b", "int", sig)
    sig = re.sub(r"\b(long long int|long long|long int|int64_t|Py_ssize_t|ssize_t|intptr_t|ptrdiff_t)\b", "i64", sig)
    sig = re.sub(r"\b(const|unsigned|signed|struct)\b", "", sig)
    # A type name followed by stars becomes one void*.
    sig = re.sub(r"(struct\s+)?[A-Za-z_][A-Za-z0-9_]*\s*(\*\s*)+", "void* ", sig)
    return re.sub(r"\s+", "", sig)


def check(header_text):
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "ferric"))
        with open(os.path.join(tmp, "ferric", "capi.h"), "w") as f:
            f.write(header_text)
        c = os.path.join(tmp, "check.c")
        with open(c, "w") as f:
            f.write("#define PY_SSIZE_T_CLEAN\n#include <stddef.h>\n#include <Python.h>\n#include <marshal.h>\n"
                    "#include <frameobject.h>\n#include \"ferric/capi.h\"\n")
        proc = subprocess.run(["gcc", "-fsyntax-only", "-fmax-errors=0", "-I" + sysconfig.get_paths()["include"],
                               "-I" + tmp, c], capture_output=True, text=True)
    lines = proc.stderr.splitlines()
    ours = {}
    theirs = {}
    other = []
    for i, line in enumerate(lines):
        m = re.search(r"error: conflicting types for .(\w+).; have \u2018([^\u2019]*)\u2019", line)
        if m:
            ours[m.group(1)] = m.group(2)
            continue
        m = re.search(r"note: previous declaration of .(\w+). with type \u2018([^\u2019]*)\u2019", line)
        if m:
            theirs[m.group(1)] = m.group(2)
            continue
        if "error:" in line:
            other.append(line)
    pointer_only, real = [], []
    for name, sig in sorted(ours.items()):
        if name in theirs and normalize(sig) == normalize(theirs[name]):
            pointer_only.append(name)
        else:
            real.append((name, sig, theirs.get(name, "?")))
    n = header_text.count("#ifndef ") - 1
    print("%d prototypes checked against CPython's headers: %d differ only in pointee types, enums or 64-bit spellings, %d differ"
          % (n, len(pointer_only), len(real)))
    for name, sig, want in real:
        print("  %s: ours %s, CPython's %s" % (name, sig, want))
    for line in other[:20]:
        print("  " + line)
    return not real and not other


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "check"
    with open(HEADER) as f:
        committed = f.read()
    try:
        text = generate()
    except FileNotFoundError:
        if what == "write":
            raise
        # Without cbindgen the committed header is checked as it is.
        print("cbindgen is not installed: checking the committed include/ferric/capi.h only")
        sys.exit(0 if check(committed) else 1)
    if what == "write":
        with open(HEADER, "w") as f:
            f.write(text)
        print("wrote", HEADER)
        return
    ok = check(text)
    if committed != text:
        print("include/ferric/capi.h is stale: run python3.11 tools/capi_header.py write")
        ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
