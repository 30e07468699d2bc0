class Gen:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration("done")
        return self.i


g = Gen()
print([x for x in g], list(g))
try:
    next(g)
except StopIteration as e:
    print("args", e.args, e.value)
s = StopIteration(5)
print(s.value, StopIteration().value)


def outer():
    r = yield from inner()
    print("inner returned", r)
    yield "outer done"


def inner():
    yield "inner"
    return 42


print(list(outer()))
