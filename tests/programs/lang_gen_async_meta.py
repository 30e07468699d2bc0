import sys
def g():
    try:
        x = yield 1
        print("got", x)
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    finally:
        print("fin")
it = g()
print(next(it), it.gi_running, it.gi_frame.f_lineno, it.gi_code.co_name, it.gi_suspended if hasattr(it,'gi_suspended') else '')
print(it.send("s"))
print(it.throw(ValueError("v")))
it.close()
print(it.gi_frame)
async def ag():
    for i in range(3):
        try:
            yield i
        except KeyError:
            yield "k"
a = ag()
c = a.__anext__()
try:
    c.send(None)
except StopIteration as e:
    print("anext", e.value)
c = a.athrow(KeyError)
try:
    c.send(None)
except StopIteration as e:
    print("athrow", e.value)
c = a.aclose()
try:
    c.send(None)
except StopIteration as e:
    print("aclose", e.value)
print(type(a).__name__, a.ag_running, a.ag_frame)
class legacy:
    def __await__(self):
        x = yield "legacy"
        return x
async def use():
    r = await legacy()
    return r
co = use()
print(co.send(None))
try:
    co.send("done")
except StopIteration as e:
    print("result", e.value)
def deco(f):
    def w(*a, **k):
        return f(*a, **k)
    w.__wrapped__ = f
    w.__dict__.update(f.__dict__)
    return w
@deco
def h(a, b=2, *, c=3):
    "doc"
    return a + b + c
print(h(1), h.__wrapped__.__defaults__, h.__wrapped__.__kwdefaults__, h.__wrapped__.__doc__)
print(h.__wrapped__.__code__.co_varnames, h.__wrapped__.__qualname__)
f = sys._getframe()
print(f.f_code.co_name, f.f_lineno, f.f_back, type(f.f_locals).__name__, f.f_globals is globals())
class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        print("meta new", name, sorted(k for k in ns if not k.startswith('__')), kw)
        return super().__new__(m, name, bases, ns)
    def __init_subclass__(cls, **kw): pass
class Base(metaclass=Meta, flag=1):
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
    x = 1
class Sub(Base, flag=2, other=3):
    y = 2
match {"a": [1, 2, {"b": 3}]}:
    case {"a": [1, *rest]} if rest:
        print("matched", rest)
print(sorted(vars(Sub)))
