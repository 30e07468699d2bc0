def g():
    yield 1
it = g()
next(it)
try:
    it.send(None); it.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
def bad_start():
    yield 1
try:
    bad_start().send(5)
except TypeError as e:
    print("TypeError", e)
def running():
    yield me.send(None)
me = running()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
def closer():
    try:
        yield 1
    except GeneratorExit:
        yield 2
c = closer(); next(c)
try:
    c.close()
except RuntimeError as e:
    print("RuntimeError", e)
def stopper():
    raise StopIteration("x")
    yield
try:
    next(stopper())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
async def co():
    return 1
x = co()
try:
    x.send(None)
except StopIteration as e:
    print("done", e.value)
try:
    x.send(None)
except RuntimeError as e:
    print("RuntimeError", e)
y = co()
y.close()
z = co()
del z
async def agen():
    yield 1
    yield 2
a = agen()
print(type(a.__aiter__()).__name__, a.__aiter__() is a)
n = a.__anext__()
try:
    n.send(None)
except StopIteration as e:
    print("first", e.value)
class Aw:
    def __await__(self):
        return iter([None, None])
async def use():
    await Aw()
    return "awaited"
u = use()
print(u.send(None), u.send(None))
try:
    u.send(None)
except StopIteration as e:
    print(e.value)
async def bad_await():
    await 5
b = bad_await()
try:
    b.send(None)
except TypeError as e:
    print("TypeError", e)
def gen_throw():
    try:
        yield 1
    except ValueError:
        yield "handled"
t = gen_throw(); next(t)
print(t.throw(ValueError), t.gi_frame.f_lineno if t.gi_frame else None)
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)
print(t.gi_frame)
import sys
def yf():
    yield from [1, 2]
    yield from range(2)
print(list(yf()))
