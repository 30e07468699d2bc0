def make_counter():
    count = 0

    def inc(by=1):
        nonlocal count
        count += by
        return count

    return inc


c = make_counter()
print(c(), c(), c(5))
print(c.__code__.co_freevars, c.__closure__[0].cell_contents)


def make_adders():
    return [lambda x, i=i: x + i for i in range(3)]


print([f(10) for f in make_adders()])


def late():
    fs = [lambda: i for i in range(3)]
    return [f() for f in fs]


print(late())


def outer():
    x = "outer"

    def middle():
        def inner():
            return x

        return inner

    return middle()()


print(outer())
g = 1


def use_global():
    global g
    g += 1
    return g


print(use_global(), use_global(), g)


def unbound():
    try:
        print(y)
    except UnboundLocalError as e:
        print(type(e).__name__, e)
    y = 1


unbound()


def free_unbound():
    def inner():
        return z

    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    z = 2


free_unbound()
