#!/usr/bin/env python3.11
"""Ferric's benchmark harness: each program in bench/programs is compiled once by python3.11
and the same .pyc is run by python3.11 and by Ferric in one session, alternating, a few
times each; the best wall time of each counts. Prints one line per program with the ratio
Ferric/CPython (below 1.0 means Ferric is faster) and the geometric mean of the ratios.
Outputs must agree, or the program is reported as wrong instead of timed.

    python3.11 bench/run.py [--ferric target/release/python3] [--runs 3] [names...]
"""
import argparse
import math
import os
import pathlib
import py_compile
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def run_once(cmd):
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    env["PYTHONHASHSEED"] = "0"
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return time.perf_counter() - start, out.returncode, out.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ferric", default=str(HERE.parent / "target" / "release" / "python3"))
    ap.add_argument("--cpython", default="python3.11")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    programs = sorted((HERE / "programs").glob("*.py"))
    if args.names:
        programs = [p for p in programs if p.stem in args.names]
    ratios = []
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'program':<18}{'cpython s':>10}{'ferric s':>10}{'ratio':>8}")
        for prog in programs:
            pyc = os.path.join(tmp, prog.stem + ".pyc")
            py_compile.compile(str(prog), cfile=pyc, doraise=True)
            best = {"cpython": math.inf, "ferric": math.inf}
            outputs = {}
            for _ in range(args.runs):
                for name, exe in (("cpython", args.cpython), ("ferric", args.ferric)):
                    t, rc, out = run_once([exe, pyc])
                    outputs[name] = (rc, out)
                    best[name] = min(best[name], t)
            if outputs["cpython"] != outputs["ferric"]:
                print(f"{prog.stem:<18}{'output differs from CPython: not timed':>28}")
                continue
            ratio = best["ferric"] / best["cpython"]
            ratios.append(ratio)
            print(f"{prog.stem:<18}{best['cpython']:>10.3f}{best['ferric']:>10.3f}{ratio:>8.2f}")
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{'geometric mean':<38}{geo:>8.2f}")
    return 0 if len(ratios) == len(programs) else 1


if __name__ == "__main__":
    sys.exit(main())
