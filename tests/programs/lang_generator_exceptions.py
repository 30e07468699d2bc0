def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield float("inf")


print(list(safe_div([(1, 2), (1, 0), (9, 3)])))


def g():
    try:
        yield 1
        yield 2
    except ValueError:
        yield "recovered"
    yield "after"


it = g()
print(next(it), it.throw(ValueError), next(it))
try:
    next(it)
except StopIteration:
    print("stopped")


def finally_gen():
    try:
        yield "a"
    finally:
        print("finally in generator")


for x in finally_gen():
    print(x)
fg = finally_gen()
next(fg)
del fg
print("after del")
