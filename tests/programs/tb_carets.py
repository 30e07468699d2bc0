# Tracebacks printed by sys.excepthook, compared whole: source lines and the ^/~ markers
# of 3.11 (binary operators and subscripts get ~~^~~ anchors).
import sys


def show(fn):
    try:
        fn()
    except Exception as e:
        sys.excepthook(type(e), e, e.__traceback__)


def binop_names():
    a, b = 1, "b"
    return a + b


def binop_spaced():
    a, b = 1, "b"
    return a   *   b  # comment


def binop_paren_left():
    return (1) + "a"


def binop_paren_right():
    return 1 +("a")


def floordiv():
    x = 10
    return x // 0


def power():
    return 2 ** "x"


def nested_binop():
    a = [1, 2]
    return a[0] + a[1] * "s" + 3


def call_plus():
    return len([1]) + None


def subscript_dict():
    d = {"a": 1}
    return d["missing"]


def subscript_chain():
    m = [[1, 2], [3]]
    return m[1][5]


def subscript_spaced():
    m = [1]
    return m[ 3 ]


def subscript_paren():
    m = [1]
    return m[(4)]


def subscript_slice_key():
    d = {}
    return d[1:2]


def subscript_tuple():
    d = {}
    return d[1, 2]


def attribute():
    return None.foo


def method_call():
    return "abc".nope()


def call_error():
    def f(x):
        return x
    return f(1, 2)


def in_comprehension():
    return [1 / i for i in range(3)]


def lambda_call():
    g = lambda q: q + "s"
    return g(1)


def fstring():
    v = None
    return f"{v}" + 1


def store_subscript():
    t = (1,)
    t[0] = 2


def del_subscript():
    d = {}
    del d["k"]


def whole_line_binop():
    a, b = 1, "b"
    a + b


def unary():
    return -"a"


def compare():
    return 1 < "a"


def multiline():
    return (1 +
            "a")


def unicode_line():
    s = "héllo"
    return s + 1


def ternary():
    a = None
    return 1 if a + 1 else 2


def walrus():
    if (n := len([1]) + "x"):
        return n


for case in [
    binop_names, binop_spaced, binop_paren_left, binop_paren_right, floordiv, power,
    nested_binop, call_plus, subscript_dict, subscript_chain, subscript_spaced,
    subscript_paren, subscript_slice_key, subscript_tuple, attribute, method_call,
    call_error, in_comprehension, lambda_call, fstring, store_subscript, del_subscript,
    whole_line_binop, unary, compare, multiline, unicode_line, ternary, walrus,
]:
    show(case)
print("done")
