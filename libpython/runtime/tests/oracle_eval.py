"""The oracle side of tests/oracle.rs: evaluates each expression of a case file with
python3.11 and prints one line per expression: repr(result), or '!Type: message'."""
import sys

def main(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        expr = line.strip()
        if not expr or expr.startswith("#"):
            continue
        try:
            result = repr(eval(expr, {}))
        except BaseException as e:  # noqa: B902 - every exception is an answer
            result = "!%s: %s" % (type(e).__name__, e)
        print(result.replace("\n", "\\n"))

if __name__ == "__main__":
    main(sys.argv[1])
