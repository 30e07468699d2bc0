def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total


g = accumulator()
print(next(g))
for v in [1, 2, 3, 10]:
    print(g.send(v))
try:
    g.send(None)
except StopIteration as e:
    print("returned", e.value)


def delegating():
    result = yield from accumulator()
    yield f"inner returned {result}"


d = delegating()
print(next(d), d.send(5), d.send(6), d.send(None))


def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")


c = closing()
print(next(c))
c.close()
print(c.gi_frame is None)


def thrower():
    while True:
        try:
            yield
        except ValueError as e:
            print("caught", e)


t = thrower()
next(t)
t.throw(ValueError("boom"))
t.throw(ValueError("again"))
try:
    t.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
