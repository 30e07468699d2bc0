"""Compares our parser with python3.11's on the host stdlib: for every .py file (site-packages
excluded), ast.dump(ast.parse(src), include_attributes=True) against the dump of the tree
`ferric-compile ast` gives; files python3.11 rejects must be rejected by us too.

    python3.11 tools/compiler_diff_ast.py FERRIC_COMPILE [--floor PCT] [--show N] [--jobs N]
                                          [--type-comments] [FILES...]

`--type-comments` parses both ways with type comments (`ast.parse(src, type_comments=True)`).
"""
import ast
import glob
import json
import os
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_json  # noqa: E402


TYPE_COMMENTS = "--type-comments" in sys.argv


def oracle(path):
    with open(path, "rb") as f:
        src = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", ast.parse(src, type_comments=TYPE_COMMENTS))
    except SyntaxError as e:
        return ("error", (type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset))
    except (ValueError, MemoryError, RecursionError) as e:
        return ("error", (type(e).__name__, str(e), None, None, None, None))


def _canon(x):
    return x if x in ("inf", "-inf", "nan") else float.hex(float.fromhex(x))


def _hook(d):
    # our writer spells float.hex() text differently (0x10000000000000p-52): canonicalize
    c = d.get("_c")
    if c == "float":
        d["v"] = _canon(d["v"])
    elif c == "complex":
        d["re"] = _canon(d["re"])
        d["im"] = _canon(d["im"])
    return d


def compare(job):
    """(same status, identical, difference or None) for one file and our answer."""
    path, ans, stderr = job
    kind, want = oracle(path)
    try:
        j = json.loads(ans, object_hook=_hook)
    except ValueError:
        return (0, 0, (path, "no answer (crash?)", stderr))
    if "error" in j:
        e = j["error"]
        got = (e.get("type"), e.get("msg"), e.get("lineno"), e.get("offset"), e.get("end_lineno"), e.get("end_offset"))
        if kind == "error":
            if tuple(got) == tuple(want):
                return (1, 1, None)
            return (1, 0, (path, "error differs", "want %r\n   got %r" % (want, got)))
        return (0, 0, (path, "we fail", repr(got)))
    if kind == "error":
        return (0, 0, (path, "we parse, python3.11 fails", repr(want)))
    # equal JSON forms mean equal trees (the quick test); otherwise compare the dumps
    if ast_json.to_json(want) == j:
        return (1, 1, None)
    want = ast.dump(want, include_attributes=True)
    dump = ast.dump(ast_json.from_json(j), include_attributes=True)
    if dump == want:
        return (1, 1, None)
    k = 0
    while k < min(len(dump), len(want)) and dump[k] == want[k]:
        k += 1
    return (1, 0, (path, "dump differs", "want ...%s\n   got ...%s" % (want[max(0, k - 150):k + 100], dump[max(0, k - 150):k + 100])))


def main():
    args = sys.argv[1:]
    tool = args.pop(0)
    floor = None
    show = 10
    jobs_n = 1
    files = []
    while args:
        a = args.pop(0)
        if a == "--floor":
            floor = float(args.pop(0))
        elif a == "--jobs":
            jobs_n = int(args.pop(0))
        elif a == "--show":
            show = int(args.pop(0))
        elif a == "--type-comments":
            pass
        else:
            files.append(a)
    if not files:
        lib = os.path.dirname(os.__file__)
        files = [p for p in sorted(glob.glob(lib + "/**/*.py", recursive=True)) if "/site-packages/" not in p]
    if TYPE_COMMENTS:
        req = "".join(json.dumps({"path": p, "type_comments": True}) + "\n" for p in files)
    else:
        req = "".join(json.dumps(p) + "\n" for p in files)
    proc = subprocess.run([tool, "ast"], input=req, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    jobs = [(path, answers[i] if i < len(answers) else "", proc.stderr[-500:]) for i, path in enumerate(files)]
    if jobs_n > 1:
        import multiprocessing
        with multiprocessing.Pool(jobs_n) as pool:
            results = pool.map(compare, jobs, chunksize=8)
    else:
        results = list(map(compare, jobs))
    same_status = sum(r[0] for r in results)
    identical = sum(r[1] for r in results)
    diffs = [r[2] for r in results if r[2]]
    n = len(files)
    pct = 100.0 * identical / n if n else 0.0
    print("files: %d" % n)
    print("same parse/fail status: %d" % same_status)
    print("identical: %d (%.2f%%)" % (identical, pct))
    for path, what, detail in diffs[:show]:
        print("--- %s: %s\n   %s" % (path, what, detail))
    if floor is not None and pct < floor:
        print("below the floor of %.2f%%" % floor)
        sys.exit(1)


if __name__ == "__main__":
    main()
