def f(a, b=2, *args, k=3, **kw):
    return a + b + k + len(args) + len(kw)
print(f(1), f(1, 2, 3, 4, k=5, z=6))
def make(n):
    def add(x):
        return x + n
    return add
print(make(3)(4))
try:
    f()
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(1, q=1, k=2, b=3, a=4)
except TypeError as e:
    print(type(e).__name__, e)
def counter():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    return inc
g = counter()
print(g(), g(), g())
