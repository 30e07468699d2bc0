"""Checks the AST's JSON form: python3.11's ast.parse of stdlib files, written as JSON,
read and written back by `ferric-compile json-roundtrip`, must give the same ast.dump.

    python3.11 tools/ast_json_roundtrip.py FERRIC_COMPILE [STEP]   (every STEP-th file)
"""
import ast
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ast_json  # noqa: E402


def main():
    tool = sys.argv[1]
    step = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    lib = os.path.dirname(os.__file__)
    trees = []
    paths = [p for p in sorted(glob.glob(lib + "/**/*.py", recursive=True))
             if "/site-packages/" not in p]
    for path in paths[::step]:
        try:
            with open(path, "rb") as f:
                trees.append((path, ast.parse(f.read())))
        except (SyntaxError, ValueError):
            pass  # a few test files are invalid on purpose
    lines = "".join(json.dumps(ast_json.to_json(t)) + "\n" for _, t in trees)
    proc = subprocess.run([tool, "json-roundtrip"], input=lines, capture_output=True, text=True)
    answers = proc.stdout.split("\n")
    bad = 0
    for (path, tree), answer in zip(trees, answers):
        j = json.loads(answer)
        if "error" in j:
            print("error:", path, j["error"])
            bad += 1
        elif ast.dump(ast_json.from_json(j), include_attributes=True) != ast.dump(tree, include_attributes=True):
            print("differs:", path)
            bad += 1
    print("%d trees, %d bad" % (len(trees), bad))
    sys.exit(1 if bad or proc.returncode else 0)


if __name__ == "__main__":
    main()
