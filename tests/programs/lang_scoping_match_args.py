from_outer = 1
def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
print(c(), c(5), c.__closure__[0].cell_contents, c.__code__.co_freevars)
def gl():
    global from_outer
    from_outer += 1
    return from_outer
print(gl(), [x for x in range(3) if (y := x) > 0], y if 'y' in dir() else 'no y')
x = 10
print([x for x in range(2)], x, {k: x for k in 'ab'}, (lambda: x)())
def gen_return():
    yield 1
    return "done"
def deleg():
    r = yield from gen_return()
    yield r
print(list(deleg()))
def finally_return():
    try:
        return "try"
    finally:
        print("finally runs")
print(finally_return())
def break_in_finally():
    for i in range(3):
        try:
            continue
        finally:
            if i == 1:
                break
    return i
print(break_in_finally())
def match_all(v):
    match v:
        case 0 | 1:
            return "small"
        case int(n) if n < 0:
            return f"neg {n}"
        case [x, y, *rest]:
            return f"seq {x} {y} {rest}"
        case {"k": k, **others}:
            return f"map {k} {others}"
        case str() as s:
            return f"str {s}"
        case complex(real=r, imag=i):
            return f"complex {r} {i}"
        case (1, 2) | (3, 4):
            return "tuple"
        case _:
            return "other"
for v in [0, -3, [1, 2, 3, 4], {"k": 1, "j": 2}, "s", 1+2j, 5.5, (1,)]:
    print(match_all(v))
class Pt:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
match Pt(1, 2):
    case Pt(1, y=yy):
        print("Pt", yy)
try:
    match Pt(1, 2):
        case Pt(1, 2, 3):
            pass
except TypeError as e:
    print("TypeError", e)
def star_args(a, /, b, *args, c, d=4, **kw):
    return a, b, args, c, d, kw
print(star_args(1, 2, 3, c=5, e=6), star_args(*[1, 2], **{"c": 3}))
try:
    star_args(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError", e)
a, *b, c = range(5)
(d, e), f = (1, 2), 3
print(a, b, c, d, e, f)
print(*[1, 2], sep="-", end="!\n")
it = iter(range(3))
print(next(it), list(it), next(it, "default"))
import sys
print(sys.getrecursionlimit(), type(sys.exc_info()), sys.exc_info()[0])
try:
    raise ValueError("x")
except ValueError:
    print(sys.exc_info()[0].__name__, sys.exception())
print(sys.exception())
assert True, "never"
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("AssertionError", e)
del a
try:
    print(a)
except NameError as e:
    print("NameError", e)
print(eval.__name__, type(exec).__name__)
g = (i * i for i in range(3))
print(type(g).__name__, g.__name__, g.__qualname__, list(g), list(g))
