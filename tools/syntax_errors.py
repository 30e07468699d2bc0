"""The invalid-program corpus: SyntaxError cases gathered from the host's own tests, each
compiled by python3.11 (the oracle) and by `ferric-compile check`, compared on the exception
type, message, line and offset.

    python3.11 tools/syntax_errors.py FERRIC_COMPILE [--floor N] [--show K]

Cases: the doctest examples of test_syntax whose expected output is a SyntaxError, and every
string literal passed to a call (directly or in a list/tuple) in test_syntax, test_grammar,
test_exceptions, test_fstring, test_string_literals, test_positional_only_arg and test_patma
that python3.11 refuses to compile with a SyntaxError. `--floor N` fails below N matches.
"""
import ast
import doctest
import json
import os
import subprocess
import sys
import warnings

TEST_FILES = ["test_syntax", "test_grammar", "test_exceptions", "test_fstring",
              "test_string_literals", "test_positional_only_arg", "test_patma"]


def candidates():
    test_dir = os.path.join(os.path.dirname(os.__file__), "test")
    seen = set()
    for name in TEST_FILES:
        path = os.path.join(test_dir, name + ".py")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        tree = ast.parse(text)
        found = []
        if name == "test_syntax":
            parser = doctest.DocTestParser()
            for ex in parser.get_examples(ast.get_docstring(tree, clean=False) or ""):
                if "Error" in ex.want:
                    found.append(ex.source)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for arg in list(node.args) + [k.value for k in node.keywords]:
                items = arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]
                for item in items:
                    if isinstance(item, ast.Constant) and isinstance(item.value, str):
                        found.append(item.value)
        for src in found:
            if src in seen:
                continue
            seen.add(src)
            yield name, src


def oracle(src):
    """python3.11's verdict: None if it compiles, else the SyntaxError's fields."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "<case>", "exec")
        return None
    except SyntaxError as e:
        return {"type": type(e).__name__, "msg": e.msg, "lineno": e.lineno, "offset": e.offset}
    except (ValueError, MemoryError, RecursionError):
        return None  # null bytes and the like: not syntax cases


def main():
    tool = sys.argv[1]
    floor = int(sys.argv[sys.argv.index("--floor") + 1]) if "--floor" in sys.argv else 0
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 10
    cases = []
    for origin, src in candidates():
        want = oracle(src)
        if want is not None:
            cases.append((origin, src, want))
    requests = "".join(json.dumps({"source": src, "filename": "<case>", "mode": "exec"}) + "\n"
                       for _, src, _ in cases)
    proc = subprocess.run([tool, "check"], input=requests, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    same = {"all": 0, "type+msg": 0}
    diffs = []
    per_file = {}
    for (origin, src, want), answer in zip(cases, answers):
        got = json.loads(answer).get("error") if answer.strip() else {"type": "no answer"}
        got = got or {"type": "compiled"}
        total, ok = per_file.get(origin, (0, 0))
        key = lambda d: (d.get("type"), d.get("msg"), d.get("lineno"), d.get("offset"))
        if key(got) == key(want):
            same["all"] += 1
            ok += 1
        else:
            diffs.append((origin, src, want, got))
        if (got.get("type"), got.get("msg")) == (want["type"], want["msg"]):
            same["type+msg"] += 1
        per_file[origin] = (total + 1, ok)
    n = len(cases)
    print("%d invalid programs; same type, message, line and offset: %d (%.1f%%); same type and message: %d"
          % (n, same["all"], 100.0 * same["all"] / max(n, 1), same["type+msg"]))
    for origin in TEST_FILES:
        if origin in per_file:
            print("  %-26s %4d cases, %4d same" % (origin, *per_file[origin]))
    for origin, src, want, got in diffs[:show]:
        print("--- %s: %r\n    python3.11: %s\n    ferric:     %s" % (origin, src[:120], want, got))
    if proc.returncode != 0:
        print("ferric-compile exited with", proc.returncode, proc.stderr[-2000:])
        sys.exit(1)
    if n < 300:
        print("fewer than 300 cases")
        sys.exit(1)
    sys.exit(0 if same["all"] >= floor else 1)


if __name__ == "__main__":
    main()
