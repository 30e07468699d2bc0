# Deep nesting in compile() and ast.parse(): the parser's stack limit (a bare
# MemoryError), the tokenizer's bracket and indentation limits, and the compile-time
# recursion limit (RecursionError), at depths clearly past each limit.
import ast


def attempt(what, src, parse_only=False):
    try:
        if parse_only:
            ast.parse(src)
        else:
            compile(src, "<deep>", "exec")
        print(what, "ok")
    except (SyntaxError, MemoryError, RecursionError) as e:
        print(what, type(e).__name__, repr(getattr(e, "msg", None) or str(e)), getattr(e, "lineno", None))


attempt("unary 2000", "-" * 2000 + "1")
attempt("unary 4000", "-" * 4000 + "1")
attempt("unary 4000 parse", "-" * 4000 + "1", parse_only=True)
attempt("unary 20000", "-" * 20000 + "1")
attempt("not 100000", "not " * 100000 + "x")
attempt("lambda 1000", "lambda:" * 1000 + "0")
attempt("lambda 4000", "lambda:" * 4000 + "0")
attempt("power 5000", "**".join(["a"] * 5000))
attempt("attribute chain 100000", "a" + ".b" * 100000)
attempt("attribute chain 100000 parse", "a" + ".b" * 100000, parse_only=True)
attempt("subscripts 50000", "x" + "[0]" * 50000)
attempt("calls 50000", "f" + "()" * 50000)
attempt("sum 50000", "+".join(["a"] * 50000))
attempt("and 50000", " and ".join(["a"] * 50000))
attempt("parentheses 150", "(" * 150 + ")" * 150)
attempt("parentheses 300", "(" * 300 + ")" * 300)
attempt("lists 1000", "[" * 1000 + "]" * 1000)
attempt("if 50", "".join(" " * i + "if x:\n" for i in range(50)) + " " * 50 + "pass\n")
attempt("if 120", "".join(" " * i + "if x:\n" for i in range(120)) + " " * 120 + "pass\n")
