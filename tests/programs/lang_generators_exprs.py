squares = (i * i for i in range(10))
print(sum(squares))
print(list(x for x in range(20) if x % 3 == 0))
pairs = [(a, b) for a in range(3) for b in range(a)]
print(pairs)
print({k: v for k, v in zip("abc", range(3))})
print({x % 4 for x in range(10)})
nested = [[j for j in range(i)] for i in range(4)]
print(nested)


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


out = []
for i, f in enumerate(fib()):
    if i >= 15:
        break
    out.append(f)
print(out)
gen = (x for x in [1, 2])
print(next(gen), next(gen), next(gen, "done"))
try:
    next(gen)
except StopIteration:
    print("exhausted")


def gen_raises():
    yield 1
    raise StopIteration


try:
    list(gen_raises())
except RuntimeError as e:
    print(type(e).__name__, e)
