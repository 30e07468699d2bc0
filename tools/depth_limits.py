"""Deep nesting: the exception python3.11 gives for each input (the parser's MAXSTACK
MemoryError, the tokenizer's bracket and indentation limits, the compile-time
RecursionError) against `ferric-compile check`, on type, message, line and offset.

    python3.11 tools/depth_limits.py FERRIC_COMPILE

Each case is compiled by a fresh python3.11 at module level (recursion depth 2): after a
RecursionError, CPython 3.11's later thresholds drift, so one process would not do.
"""
import json
import subprocess
import sys


def block(header, depth, leaf):
    return "".join(" " * i + header + "\n" for i in range(depth)) + " " * depth + leaf + "\n"


CASES = {
    # the compile-time recursion limit: 3 x (depth + nesting) against 3 x 1000
    "neg 2992": "-" * 2992 + "1",
    "neg 2993": "-" * 2993 + "1",
    "not 2992": "not " * 2992 + "x",
    "not 2993": "not " * 2993 + "x",
    "not 3000": "not " * 3000 + "x",
    "tilde 2993": "~" * 2993 + "1",
    "attr 2992": "a" + ".b" * 2992,
    "attr 2993": "a" + ".b" * 2993,
    "attr 100000": "a" + ".b" * 100000,
    "subscript 2993": "x" + "[0]" * 2993,
    "subscript 100000": "x" + "[0]" * 100000,
    "call 2993": "f" + "()" * 2993,
    "call 100000": "f" + "()" * 100000,
    "add 2993": "+".join(["a"] * 2993),
    "add 2994": "+".join(["a"] * 2994),
    "add 100000": "+".join(["a"] * 100000),
    "def return 2991": "def f():\n  return " + "-" * 2991 + "1",
    "def return 2992": "def f():\n  return " + "-" * 2992 + "1",
    "assign attr 2993": "a" + ".b" * 2993 + " = 1",
    "and 100000": " and ".join(["a"] * 100000),
    "compare 100000": "<".join(["a"] * 100000),
    # the parser's stack (MAXSTACK 6000): a bare MemoryError
    "neg 5969": "-" * 5969 + "1",
    "neg 5970": "-" * 5970 + "1",
    "neg 10000": "-" * 10000 + "1",
    "not 5970": "not " * 5970 + "x",
    "not 100000": "not " * 100000 + "x",
    "pow 2985": "**".join(["a"] * 2985),
    "pow 2986": "**".join(["a"] * 2986),
    "lambda 2984": "lambda:" * 2984 + "0",
    "lambda 2985": "lambda:" * 2985 + "0",
    "lambda 3000": "lambda:" * 3000 + "0",
    "ifexp 5969": "1 if x else " * 5969 + "1",
    "ifexp 10000": "1 if x else " * 10000 + "1",
    "assign neg 5968": "y = " + "-" * 5968 + "1",
    "augassign neg 5968": "y += " + "-" * 5968 + "1",
    "if body neg 5964": "if 1:\n  " + "-" * 5964 + "1",
    "if inline neg 5967": "if 1: " + "-" * 5967 + "1",
    "def body neg 5963": "def f():\n  " + "-" * 5963 + "1",
    "return neg 5969": "return " + "-" * 5969 + "1",
    "nested if neg 5958": "if 1:\n if 1:\n  " + "-" * 5958 + "1",
    "paren neg 5961": "(" + "-" * 5961 + "1)",
    "list neg 5960": "[" + "-" * 5960 + "1]",
    "call neg 5965": "f(" + "-" * 5965 + "1)",
    "kwarg neg 5962": "f(a=" + "-" * 5962 + "1)",
    "set neg 5960": "{" + "-" * 5960 + "1}",
    "tuple neg 5968": "x, " + "-" * 5968 + "1",
    "compare neg 5967": "x < " + "-" * 5967 + "1",
    "walrus neg 5960": "(y := " + "-" * 5960 + "1)",
    "f-string neg 5946": "f'{" + "-" * 5946 + "1}'",
    "f-string neg 5947": "f'{" + "-" * 5947 + "1}'",
    # the tokenizer's limits
    "parens 200": "(" * 200 + ")" * 200,
    "parens 201": "(" * 201 + "1" + ")" * 201,
    "lists 1000": "[" * 1000 + "]" * 1000,
    "calls 300": "f(" * 300 + ")" * 300,
    "indent 99": block("if x:", 99, "pass"),
    "indent 100": block("if x:", 100, "pass"),
    "defs 99": block("def f():", 99, "pass"),
}

ORACLE = r"""
import sys, warnings
src = sys.stdin.read()
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(src, "<case>", "exec")
    print("ok")
except (SyntaxError, MemoryError, RecursionError) as e:
    print(type(e).__name__, "|", getattr(e, "msg", str(e)), "|", getattr(e, "lineno", ""), "|", getattr(e, "offset", ""))
"""


def main():
    tool = sys.argv[1]
    names = list(CASES)
    want = []
    for name in names:
        out = subprocess.run([sys.executable, "-c", ORACLE], input=CASES[name], capture_output=True, text=True)
        want.append(out.stdout.strip() or "oracle failed: " + out.stderr[-200:])
    reqs = "".join(json.dumps({"source": CASES[n], "filename": "<case>", "mode": "exec"}) + "\n" for n in names)
    proc = subprocess.run([tool, "check"], input=reqs, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    bad = 0
    for name, w, a in zip(names, want, answers):
        e = json.loads(a).get("error") if a.strip() else {"type": "no answer"}
        if e is None:
            got = "ok"
        elif e["type"] in ("MemoryError", "RecursionError"):
            got = "%s | %s |  | " % (e["type"], e["msg"])
        else:
            got = "%s | %s | %s | %s" % (e["type"], e["msg"], e["lineno"], e["offset"])
        if w.split() != got.split():
            bad += 1
            print("--- %s\n    python3.11: %s\n    ferric:     %s" % (name, w, got))
    print("%d deep-nesting cases, %d same" % (len(names), len(names) - bad))
    if proc.returncode != 0:
        print("ferric-compile exited with", proc.returncode, proc.stderr[-2000:])
    sys.exit(1 if bad or proc.returncode else 0)


if __name__ == "__main__":
    main()
