"""Compares Ferric's code generation with python3.11's compile(), field by field.

For every .py file under the host stdlib (site-packages excluded) that python3.11
compiles, sends ast_json.to_json(ast.parse(src)) to `ferric-compile code-from-json`,
loads the answer with marshal.loads and compares it with compile(src, path, 'exec'),
recursively into the code objects in co_consts.

    python3.11 tools/compiler_diff_code.py FERRIC_COMPILE [--step N] [--floor PCT] [--show N]
    python3.11 tools/compiler_diff_code.py FERRIC_COMPILE --one FILE    (dis of both)
    python3.11 tools/compiler_diff_code.py FERRIC_COMPILE --snippets    (eval/single modes, errors)
"""
import argparse
import ast
import dis
import glob
import json
import marshal
import math
import os
import subprocess
import sys
import types
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_json  # noqa: E402

FIELDS = ["co_code", "co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars",
          "co_flags", "co_argcount", "co_posonlyargcount", "co_kwonlyargcount",
          "co_stacksize", "co_firstlineno", "co_name", "co_qualname", "co_linetable",
          "co_exceptiontable"]


def const_equal(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, types.CodeType):
        return True  # compared separately
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b):
            return True
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, complex):
        return const_equal(a.real, b.real) and const_equal(a.imag, b.imag)
    if isinstance(a, tuple):
        return len(a) == len(b) and all(const_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, frozenset):
        if len(a) != len(b):
            return False
        key = lambda x: (type(x).__name__, repr(x))  # noqa: E731
        return all(const_equal(x, y) for x, y in zip(sorted(a, key=key), sorted(b, key=key)))
    return a == b


def first_diff(ours, theirs, path=""):
    """(field, qualified code path) of the first difference, or None."""
    where = path + "/" + theirs.co_qualname
    for f in FIELDS:
        a, b = getattr(ours, f), getattr(theirs, f)
        if f == "co_consts":
            if len(a) != len(b) or not all(const_equal(x, y) for x, y in zip(a, b)):
                return f, where
        elif a != b:
            return f, where
    for a, b in zip(ours.co_consts, theirs.co_consts):
        if isinstance(b, types.CodeType):
            d = first_diff(a, b, where)
            if d:
                return d
    return None


# Small sources in every mode, and the compiler's own SyntaxErrors (message and position).
SNIPPETS = [
 ("x + 1", "eval"), ("[i for i in y]", "eval"), ("lambda: 0", "eval"), ("a if b else c", "eval"),
 ("x = 1", "single"), ("x", "single"), ("for i in y: print(i)\n", "single"), ("1 + 2", "single"), ("import os", "single"),
 ("return 1", "exec"), ("def f():\n    yield from x\nasync def g():\n    yield from x\n", "exec"),
 ("await x", "exec"), ("def f():\n  nonlocal x\n", "exec"), ("nonlocal x", "exec"),
 ("def f():\n  x = 1\n  global x\n", "exec"), ("def f(a):\n  global a\n", "exec"), ("break", "exec"),
 ("continue", "exec"), ("class C:\n  [(y := 1) for i in x]\n", "exec"), ("f(a=1, a=2)", "exec"),
 ("def f():\n  x; global x\n", "exec"), ("try:\n  pass\nexcept:\n  pass\nexcept ValueError:\n  pass\n", "exec"),
 ("yield 1", "exec"), ("def f():\n  return\n  yield\nasync def g():\n  yield 1\n  return 2\n", "exec"),
 ("x: int = 1\nclass C:\n  y: int\n  def f(self): z: int = 3\n", "exec"),
 ("del x, y[1], z.a\nx, *y = z\n[a, b] = c\n", "exec"), ("async def f():\n  async with a as b, c:\n    pass\n  async for x in y:\n    pass\n  [x async for x in y]\n  await z\n", "exec"),
 ("if 1 is 1: pass", "exec"), ("assert (x, 'msg')", "exec"), ("f = (1)(2)", "exec"),
 ("def f():\n  class C:\n    def g(self): return __class__\n  return C\n", "exec"),
 ("def __debug__(): pass", "exec"), ("__debug__ = 1", "exec"),
 ("def f():\n  return [(yield x) for x in y]\n", "exec"), ("def f():\n  return ((yield x) for x in y)\n", "exec"),
 ("from __future__ import annotations\ndef f(a: 'x' = 1, *, b: list[int]) -> 1e400: pass\n", "exec"),
 ("def f():\n  from os import *\n", "exec"), ("x = 1\nfrom __future__ import annotations\n", "exec"),
 ("match x:\n  case 1 | 2: pass\n  case [a, *b] if a: pass\n  case {'k': v, **r}: pass\n  case C(1, y=z): pass\n  case _: pass\n", "exec"),
 ("match x:\n  case a: pass\n  case b: pass\n", "exec"),
 ("", "exec"), ("def f():\n  global g\ng: int = 1\n", "exec"), ("def f():\n  global g\n  g: int = 1\n", "exec"), ("'''doc'''", "exec"), ("if 0:\n  x\nelif y:\n  z\nwhile 1:\n  break\nelse:\n  q\n", "exec"),
 ("x = -0.0, 0.0, -0j, 1 if 2 else 3, not (a is not b), 'a' 'b' * 3, b'x' + b'y', (1, 2) * 3, 2 ** -1, 7 // -2, -7 % 3, 1.5 % -1, ~5, 1 << 200, 'abc'[1], (1,)[0]\n", "exec"),
 ("def f(*, a=1, b, **k): return lambda x=a, /, *y: x\n", "exec"),
 ("class A(B, metaclass=M, **kw):\n  __x = 1\n  def __m(self, __y): return self.__x + __y + __class__\n", "exec"),
 ("f(*a, *b, c, **d, e=1, **g)\nf(**d)\nx[1:2, ::3] = y\ndel x[a:b]\n", "exec"),
 ("with a, b as (c, d):\n  for x in y:\n    try:\n      return_ = 1\n    finally:\n      continue\n", "exec"),
 ("def g():\n  try:\n    return 1\n  finally:\n    for x in y:\n      break\n", "exec"),
 ("async def h():\n  async for a in b:\n    async with c:\n      return await d\n  return [await e async for x in y if await z]\n", "exec"),
 ("f'{a!r:>{w}} {b=} {c:%Y}' + 'x'\n", "exec"),
 ("x = [1, 2][3, 4]\ny = {1}[0]\nz = 'ab'['c']\nw = (1, 2)(3)\nv = 5[0]\nu = f'x'()\nt = a is ()\ns = b is not -1\n", "exec"), ("'%s-%r-%5.2s-%-3a-%%' % (a, b, c, d)\n", "exec"),
]


def run_snippets(tool):
    lines = [json.dumps({"filename": "<s>", "mode": mode, "ast": ast_json.to_json(ast.parse(src, mode=mode))})
             for src, mode in SNIPPETS]
    proc = subprocess.run([tool, "code-from-json"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True)
    bad = 0
    for (src, mode), answer in zip(SNIPPETS, proc.stdout.split("\n")):
        ans = json.loads(answer)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code, err = compile(src, "<s>", mode, dont_inherit=True), None
            except SyntaxError as e:
                code, err = None, (type(e).__name__, e.msg, e.lineno, e.offset)
        theirs_w = [(w.category.__name__, str(w.message), w.lineno) for w in caught]
        if "error" in ans:
            e = ans["error"]
            ours = (e["type"], e["msg"], e["lineno"], e["offset"])
            problem = None if ours == err else "error %r, python: %r" % (ours, err)
        elif code is None:
            problem = "compiled, python: %r" % (err,)
        else:
            d = first_diff(marshal.loads(bytes.fromhex(ans["marshal"])), code)
            problem = None if d is None else "%s differs in %s" % d
            ours_w = [(w["category"], w["msg"], w["lineno"]) for w in ans.get("warnings", [])]
            if problem is None and ours_w != theirs_w:
                problem = "warnings %r, python: %r" % (ours_w, theirs_w)
        if problem:
            bad += 1
            print("differs: %r (%s): %s" % (src, mode, problem))
    print("%d snippets, %d differ" % (len(SNIPPETS), bad))
    return 1 if bad else 0


def stdlib_files(root=None):
    lib = root or os.path.dirname(os.__file__)
    return [p for p in sorted(glob.glob(lib + "/**/*.py", recursive=True))
            if root or "/site-packages/" not in p]


OPTIMIZE = 0


def load_cases(paths):
    cases = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                src = f.read()
            tree = ast.parse(src)
            code = compile(src, path, "exec", dont_inherit=True, optimize=OPTIMIZE)
        except (SyntaxError, ValueError):
            continue  # a few test files are invalid on purpose
        cases.append((path, tree, code))
    return cases


def run_tool(tool, cases):
    lines = "".join(json.dumps({"filename": p, "mode": "exec", "ast": ast_json.to_json(t),
                                "optimize": OPTIMIZE}) + "\n"
                    for p, t, _ in cases)
    proc = subprocess.run([tool, "code-from-json"], input=lines, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
    return answers


def show_one(tool, path):
    cases = load_cases([path])
    if not cases:
        print("python3.11 does not compile", path)
        return 1
    ans = json.loads(run_tool(tool, cases)[0])
    theirs = cases[0][2]
    if "error" in ans:
        print("error:", ans["error"])
        return 1
    ours = marshal.loads(bytes.fromhex(ans["marshal"]))

    def walk(a, b):
        d = None
        for f in FIELDS:
            x, y = getattr(a, f), getattr(b, f)
            same = (len(x) == len(y) and all(const_equal(p, q) for p, q in zip(x, y))) \
                if f == "co_consts" else x == y
            if not same:
                d = f
                break
        if d:
            print("=" * 30, b.co_qualname, "first differs in", d)
            for f in FIELDS:
                x, y = getattr(a, f), getattr(b, f)
                if f != "co_code" and x != y:
                    print("  %s\n    ours:   %r\n    python: %r" % (f, x, y))
            print("--- ours")
            dis.dis(a, depth=0)
            print(list(a.co_positions()))
            print("--- python")
            dis.dis(b, depth=0)
            print(list(b.co_positions()))
        for x, y in zip(a.co_consts, b.co_consts):
            if isinstance(y, types.CodeType) and isinstance(x, types.CodeType):
                walk(x, y)
    walk(ours, theirs)
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool")
    ap.add_argument("--one")
    ap.add_argument("--snippets", action="store_true")
    ap.add_argument("--dir", help="another tree of .py files instead of the stdlib")
    ap.add_argument("--optimize", type=int, default=0, help="as compile(optimize=N): -O, -OO")
    ap.add_argument("--step", type=int, default=1)
    ap.add_argument("--floor", type=float, default=0.0)
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    global OPTIMIZE
    OPTIMIZE = args.optimize
    if args.one:
        sys.exit(show_one(args.tool, args.one))
    if args.snippets:
        sys.exit(run_snippets(args.tool))
    cases = load_cases(stdlib_files(args.dir)[::args.step])
    answers = run_tool(args.tool, cases)
    same = 0
    hist = {}
    shown = []
    for (path, _tree, theirs), answer in zip(cases, answers):
        try:
            ans = json.loads(answer)
        except ValueError:
            ans = {"error": {"type": "NoAnswer", "msg": answer[:100]}}
        if "error" in ans:
            e = ans["error"]
            key = "error: " + e.get("type", "?") + ": " + e.get("msg", "")[:70]
            hist[key] = hist.get(key, 0) + 1
            if len(shown) < args.show:
                shown.append("%s: %s" % (path, key))
            continue
        ours = marshal.loads(bytes.fromhex(ans["marshal"]))
        d = first_diff(ours, theirs)
        if d is None:
            same += 1
        else:
            hist[d[0]] = hist.get(d[0], 0) + 1
            if len(shown) < args.show:
                shown.append("%s: %s in %s" % (path, d[0], d[1]))
    n = len(cases)
    pct = 100.0 * same / n if n else 0.0
    print("files: %d, identical: %d (%.1f%%)" % (n, same, pct))
    print("first differing field:")
    for k, v in sorted(hist.items(), key=lambda kv: -kv[1]):
        print("  %6d  %s" % (v, k))
    print("first differing files:")
    for s in shown:
        print("  " + s)
    if pct < args.floor:
        print("identical %.1f%% is below the floor %.1f%%" % (pct, args.floor))
        sys.exit(1)


if __name__ == "__main__":
    main()
