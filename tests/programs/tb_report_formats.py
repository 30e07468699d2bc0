import sys
def show(f):
    try:
        f()
    except BaseException as e:
        sys.excepthook(type(e), e, e.__traceback__)
def notes():
    e = ValueError("with notes")
    e.add_note("first note")
    e.add_note("second\nmultiline")
    raise e
def context():
    try:
        {}["k"]
    except KeyError:
        raise TypeError("during handling")
def suppressed():
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("no context") from None
def deep(n):
    if n == 0:
        raise RecursionError("manual")
    deep(n - 1)
def weird_str():
    class W(Exception):
        def __str__(self):
            raise ValueError("str failed")
    raise W()
def empty_msg():
    raise KeyError()
def keyerror_msg():
    raise KeyError("a")
def syntax_like():
    raise SyntaxError("bad thing", ("f.py", 3, 5, "x = = 1\n", 3, 6))
def group():
    raise ExceptionGroup("grp", [ValueError("a"), ExceptionGroup("inner", [TypeError("b")])])
def multi_line_call():
    return max(
        1,
        "a",
    )
def attr_chain():
    x = None
    return x.a.b
def nested_fn():
    def inner():
        return [][1]
    return inner()
for f in (notes, context, suppressed, deep, weird_str, empty_msg, keyerror_msg, syntax_like, group, multi_line_call, attr_chain, nested_fn):
    show(f)
lambda_fail = lambda: 1 / 0
show(lambda_fail)
class CustomMod(Exception):
    pass
CustomMod.__module__ = "somewhere.else"
def custom():
    raise CustomMod("m")
show(custom)
print("end")
raise SystemExit("exiting with message")
