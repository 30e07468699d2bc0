def pos_only(a, b, /, c, *, d):
    return a, b, c, d


print(pos_only(1, 2, 3, d=4), pos_only(1, 2, c=3, d=4))
for call in [lambda: pos_only(1, b=2, c=3, d=4), lambda: pos_only(1, 2, 3, 4), lambda: pos_only(1, 2, 3)]:
    try:
        call()
    except TypeError as e:
        print(e)


def defaults(a, b=[], c={}):
    b.append(a)
    return b


print(defaults(1), defaults(2), defaults(3, []))


def annotated(x: int, y: "str" = "s") -> bool:
    return True


print(annotated.__annotations__, annotated.__defaults__, annotated.__kwdefaults__)


def kwd(*, a=1, b):
    return a, b


print(kwd(b=2), kwd.__kwdefaults__)
try:
    kwd()
except TypeError as e:
    print(e)
try:
    kwd(1, b=2)
except TypeError as e:
    print(e)
try:
    pos_only(1, 2, 3, d=4, e=5)
except TypeError as e:
    print(e)
print((lambda *a, **k: (a, k))(1, x=2))
f = lambda: None
print(f.__name__, f.__qualname__, defaults.__name__, pos_only.__code__.co_posonlyargcount)


def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)


print(rec(20), rec.__doc__)


def documented():
    "The doc."


print(documented.__doc__, documented.__module__)
