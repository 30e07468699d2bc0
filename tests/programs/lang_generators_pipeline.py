def read(lines):
    for line in lines:
        yield line.strip()


def nonempty(lines):
    for line in lines:
        if line:
            yield line


def numbered(lines):
    for i, line in enumerate(lines, 1):
        yield f"{i}: {line}"


data = ["  alpha ", "", "beta", "   ", "gamma  "]
for out in numbered(nonempty(read(data))):
    print(out)


def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


print(list(chunks(list(range(10)), 3)))


def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))


def take(n, it):
    for _, v in zip(range(n), it):
        yield v


def naturals():
    n = 0
    while True:
        yield n
        n += 1


print(list(take(5, (x * x for x in naturals() if x % 2))))
gen = naturals()
print(gen.__name__, type(gen).__name__, next(gen), next(gen))
gen.close()
print(next(gen, "closed"))


def with_return():
    yield 1
    return "done"


g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("value", e.value)
