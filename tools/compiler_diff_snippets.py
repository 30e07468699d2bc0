"""Compares our parser with python3.11's on small snippets (valid and invalid): the error's
type, msg, lineno, offset, end_lineno, end_offset and text, or the ast.dump with positions. The
snippets are the list below and the doctest examples of the host's test/test_syntax.py.

    python3.11 tools/compiler_diff_snippets.py FERRIC_COMPILE [-v]
"""
import ast
import json
import os
import subprocess
import sys
import tempfile
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_json  # noqa: E402

SNIPPETS = [
    # tokenizer errors
    "(" * 1000, "[" * 300, "x = (1,\n", "x = [1, 2\ny = 3\n", "foo(a, b\n", "x = 'abc\n", "x = '''abc\n\n",
    "if x:\n  a\n b\n", "if x:\n\ta\n        b\n", "x = 0777\n", "x = 1__0\n", "x = 0x\n", "x = 0b102\n",
    "x = 0o8\n", "x = 1e\n", "x = 1.5j5\n", "x = 1abc\n", "x = $\n", "x = a \\ b\n", "x = \\\n", ")\n",
    "(]\n", "(\n]\n", "x = 1 +\n", "a = \u20ac\n", "x\u00a0= 1\n", "if 1:\npass\n", "  x = 1\n",
    "def f():\n    x\n  y\n", "class C:\n", "for x in y:\n", "while x:\nfoo()\n", "try:\n  x\n",
    "try:\n  x\nfinally\n", "def f(:\n", "if x\n  y\n", "while x\n", "for x in y\n", "class C\n",
    "def f()\n", "x = 1 2\n", "f(a b)\n", "print 'hello'\n", "print x\n", "x = (1 2)\n", "[1 2]\n",
    "1 = x\n", "f() = 1\n", "a + 1 = 2\n", "(a, 1) = x\n", "[x for x in y] = 1\n", "None = 1\n",
    "x += 1 = 2\n", "(a, b) += 1\n", "del f()\n", "del *a\n", "for 1 in x: pass\n", "with a as 1: pass\n",
    "x = yield = 1\n", "if x = 1: pass\n", "f(x=1, y)\n", "f(**a, *b)\n", "f(a for a in b, c)\n",
    "def f(a=1, b): pass\n", "def f(*): pass\n", "def f(**a, b): pass\n", "lambda: (yield)\n",
    "x = {1: 2, 3}\n", "x: int, y: int = 1, 2\n", "a, b: int\n", "import a.b as c.d\n",
    "from x import a,\n", "except:\n", "else:\n", "try:\n  x\nexcept a, b:\n  pass\n",
    "f'{'\n", "f'{}'\n", "f'{x!z}'\n", "f'}'\n", "f'{x#}'\n", "f'{a b}'\n", "b'\u00e9'\n", "'\\N{foo}'\n",
    "'\\x1'\n", "x = 'a' b'b'\n", "match x:\n  case 1:\n    pass\n  case:\n    pass\n",
    "async = 1\n", "def f():\n  nonlocal x\n", "@\ndef f(): pass\n", "x = 1 if 2\n", "x = not\n",
    "a.1\n", "x = [i for i in range(10) if]\n", "{**a for a in b}\n", "[*a for a in b]\n",
    "f(*a=1)\n", "f(a=1, a)\n", "x = 5 = 6\n", "x.y: int = 1 = 2\n", "True: int\n",
    "def f[T](): pass\n", "x = 1;;\n", "if True:\n    pass\n  else:\n    pass\n", "\tif x:\n",
    # more errors
    "x = )\n", "def f(a, a): pass\n", "f(a=1, a=2)\n", "x = [1, 2,, 3]\n", "class C(x for x in y): pass\n",
    "for x in range(10):\nbreak\n", "if x:\n    pass\n    else:\n        pass\n", "x = 1 +* 2\n", "import\n",
    "from x import\n", "from x import (a, b\n", "def f(x:\n", "a = b = \n", "x = {'a' 'b': 1, }\n",
    "lambda x: yield\n", "x = [a for a in b for]\n", "with open(f) as f, : pass\n", "x = 'a' 'b\n",
    "def f():\n    return x y\n", "while True\n    pass\n", "else: pass\n", "elif x: pass\n",
    "x = a.\n", "x = a[1\n", "f(**)\n", "f(*)\n", "x = not in y\n", "a is not not b\n", "1 +\n2\n",
    "x = 3 if 4\n", "assert\n", "raise from x\n", "global\n", "del\n", "return *a\n", "x = *a\n",
    "*a = 1\n", "a, *b, *c = d\n", "(*a) = 1\n", "x = {**}\n", "x = (a for a in b) = 1\n",
    "class C(:\n", "def f() -> :\n", "async x = 1\n", "await = 1\n", "x = yield from\n", "nonlocal x y\n",
    "x = 10000000000000000000000000000000000000000000e\n", "0_\n", "1__\n", "0b\n", "0o\n", "1e+\n",
    "x = 0xg\n", "x = 08\n", "x = 0_7\n", "x = 1_000_\n", "'\\777'\n", "b'\\777'\n", "'\\U00110000'\n",
    "f'{x!}'\n", "f'{x:{y:{z}}}'\n", "f'{x=!r:>10}'\n", "f'{3!r}'\n", "f'{a}{b}'  f''  'c'\n",
    "f'''{\nx\n}'''\n", "rf'\\{x}'\n", "f'\\{x}'\n", "x = '\\q'\n", "x = b'\\q'\n",
    "x = 1\nf'''\n{a +}'''\n", "f'{a!r=}'\n", "f'{lambda x:1}'\n", "f'{yield}'\n", "f'{*a}'\n", "f'{a:=1}'\n",
    "f'{x:{y!q}}'\n", "f'{(a:=1)}'\n", "f'{a[\"b\"]}'\n", "f'''{a!r:{b}\n}'''\n", "f'{ a = }'\n",
    "\u2118 = 1\n", "a\u00b7 = 1\n", "\u00b7a = 1\n", "x\u0300 = 1\n", "\u2160 = 2\n", "a\u2e2f = 1\n", "x\u00b2 = 1\n",
    "\u00e9l\u00e8ve = '\u00e9'\nprint(\u00e9l\u00e8ve)\n", "x = '\u20ac' + f'{\u00e9}\u20ac{b!r}'\n",
    # valid snippets with tricky positions
    "x = (  # c\n  1 +\n  2)\n", "f'{x!r:>{w}} {y=}'\n", "f'''a\n{b\n+c}'''\n", "rb'\\d' Rb'x'\n",
    "u'a' 'b'\n", "x = \\\n  1\n", "@d\n@e(1)\nclass C(A, metaclass=M):\n  '''doc'''\n",
    "match p:\n  case [1, *rest] | {'k': v, **kw} if v: pass\n  case Point(x=0, y=_) as pt: pass\n  case -1+2j | None: pass\n",
    "async def f():\n  async with a as (b, c), d: await x\n  async for i in y: yield i\n  return [j async for j in k]\n",
    "with (a as b, c as d,): pass\n", "with (a, b): pass\n", "with (yield): pass\n",
    "x[1:2, ::3, ...]\n", "a if b else c if d else e\n", "lambda a, /, b=1, *c, d, e=2, **f: 0\n",
    "def f(a, /, b: int = 1, *c: str, d, e=2, **f) -> None: pass\n", "x = *a, *b\n", "del a, (b, c), [d]\n",
    "global a, b\n", "from .. import (a as b, c,)\n", "from ...x.y import *\n", "x = 1_000.5e-3j\n",
    "'\\N{EM DASH}\\u00e9\\x41\\101\\\n'\n", "try:\n  pass\nexcept* E as e:\n  pass\n", "print(*a, **b, c=1)\n",
    "x = (yield)\n", "def g(): x = yield from y\n", "not a and b or c\n", "a < b <= c is not d not in e\n",
    "x = ~-+1 ** -2\n", "{a: b for a, b in c}\n", "{**a, 'b': 1}\n", "(a := 1)\n", "f(a := 1)\n",
    "x = f'{f\"{y}\"}'\n", "if x:\n  pass\nelif y:\n  pass\nelse:\n  pass\n", "class C: pass\n",
    "while 1:\n  break\nelse:\n  continue\n", "assert x, 'm'\n", "raise E from None\n", "x: 'T' = 1\n",
    "(x): int\n", "x.y += 2\n", "match = 1\nmatch.x\nmatch(a)\ncase = 2\n", "a[b:=1]\n", "a[*b, c]\n",
    "\ufeffx = 1\n", "# -*- coding: latin-1 -*-\nx = '\xe9'\n", "x = 1\r\ny = 2\r\n", "if 1:\n\tx\n",
]


def test_syntax_snippets():
    """The `>>> ` examples (with their `... ` lines) of test/test_syntax.py."""
    path = os.path.join(os.path.dirname(os.__file__), "test", "test_syntax.py")
    snips, cur = [], None
    for line in open(path, encoding="utf-8").read().split("\n"):
        t = line.strip()
        if t.startswith(">>> "):
            if cur is not None:
                snips.append(cur)
            cur = t[4:] + "\n"
        elif cur is not None and (t.startswith("... ") or t == "..."):
            cur += t[4:] + "\n"
        elif cur is not None:
            snips.append(cur)
            cur = None
    return [x for x in snips if "\\" not in x]


def test_call_snippets():
    """String literals passed to the syntax-error helpers of a few test modules
    (assertAllRaise in test_fstring, check in test_exceptions, _check_error in test_syntax)."""
    out = []
    base = os.path.join(os.path.dirname(os.__file__), "test")
    for name in ("test_fstring.py", "test_exceptions.py", "test_syntax.py", "test_string_literals.py", "test_eof.py"):
        try:
            tree = ast.parse(open(os.path.join(base, name), "rb").read())
        except (OSError, SyntaxError):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            fname = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if fname not in ("assertAllRaise", "check", "_check_error", "assertSyntaxError", "_check_error_location"):
                continue
            for a in node.args:
                try:
                    v = ast.literal_eval(a)
                except Exception:
                    continue
                vals = v if isinstance(v, list) else [v]
                for x in vals:
                    if isinstance(x, bytes):
                        try:
                            x = x.decode("utf-8")
                        except UnicodeDecodeError:
                            continue
                    if isinstance(x, str) and "\x00" not in x and len(x) < 2000:
                        out.append(x)
    return out


def oracle(src):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ("ok", ast.dump(ast.parse(src.encode("latin-1") if "coding: latin-1" in src else src.encode()), include_attributes=True))
    except SyntaxError as e:
        return ("error", (type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text))
    except (ValueError, MemoryError, RecursionError) as e:
        return ("error", (type(e).__name__, str(e), None, None, None, None, None))


def main():
    tool = sys.argv[1]
    verbose = "-v" in sys.argv
    SNIPPETS.extend(test_syntax_snippets())
    seen = set()
    SNIPPETS[:] = [x for x in SNIPPETS + test_call_snippets() if not (x in seen or seen.add(x))]
    d = tempfile.mkdtemp()
    paths = []
    for i, s in enumerate(SNIPPETS):
        p = os.path.join(d, "s%d.py" % i)
        with open(p, "wb") as f:
            f.write(s.encode("latin-1") if "coding: latin-1" in s else s.encode())
        paths.append(p)
    proc = subprocess.run([tool, "ast"], input="".join(json.dumps(p) + "\n" for p in paths), capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    good = 0
    for i, s in enumerate(SNIPPETS):
        kind, want = oracle(s)
        j = json.loads(answers[i]) if i < len(answers) and answers[i] else {"error": {"type": "crash"}}
        if "error" in j:
            e = j["error"]
            got = ("error", (e.get("type"), e.get("msg"), e.get("lineno"), e.get("offset"), e.get("end_lineno"), e.get("end_offset"), e.get("text")))
        else:
            got = ("ok", ast.dump(ast_json.from_json(j), include_attributes=True))
        if got == (kind, want):
            good += 1
        else:
            print("--- %r\n   want %s\n   got  %s" % (s[:60], str(want)[:300], str(got[1])[:300]))
    print("%d/%d snippets agree" % (good, len(SNIPPETS)))


if __name__ == "__main__":
    main()
