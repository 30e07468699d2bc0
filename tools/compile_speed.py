"""Compile speed against python3.11: every .py of the host stdlib (test/ included, not
site-packages) parsed and compiled to code objects, without writing anything, by
python3.11's compile() and by `ferric-compile bench`, timed in one run (best of N each).

    python3.11 tools/compile_speed.py FERRIC_COMPILE [ROUNDS]
"""
import os
import subprocess
import sys
import time
import warnings


def stdlib_files():
    lib = os.path.dirname(os.__file__)
    out = []
    for root, dirs, files in os.walk(lib):
        dirs[:] = sorted(d for d in dirs if d != "site-packages")
        out.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".py"))
    return out


def cpython(paths):
    sources = []
    for p in paths:
        with open(p, "rb") as f:
            sources.append((p, f.read()))
    start = time.perf_counter()
    ok = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for p, src in sources:
            try:
                compile(src, p, "exec", dont_inherit=True)
                ok += 1
            except (SyntaxError, ValueError):
                pass
    return time.perf_counter() - start, ok


def main():
    tool = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    paths = stdlib_files()
    best_c, best_f = float("inf"), float("inf")
    for _ in range(rounds):
        t, ok_c = cpython(paths)
        best_c = min(best_c, t)
        out = subprocess.run([tool, "bench"], input="\n".join(paths) + "\n", capture_output=True, text=True).stdout
        best_f = min(best_f, float(out.split(",")[-1].split()[0]))
        ok_f = out.split(",")[1].split()[0]
    print("%d files; python3.11 compile(): %.2f s (%d compiled); ferric: %.2f s (%s compiled); ratio %.2f"
          % (len(paths), best_c, ok_c, best_f, ok_f, best_f / best_c))


if __name__ == "__main__":
    main()
