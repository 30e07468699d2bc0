def make_multiplier(n):
    def mul(x, factor=n):
        return x * factor

    return mul


doubler, tripler = make_multiplier(2), make_multiplier(3)
print(doubler(5), tripler(5), doubler(5, 10), doubler.__defaults__)


def apply_all(fns, value):
    return [f(value) for f in fns]


print(apply_all([abs, str, lambda v: v ** 2, doubler], -4))


def curry(f):
    def outer(a):
        def inner(b):
            return f(a, b)

        return inner

    return outer


print(curry(lambda a, b: a - b)(10)(3))


def kwargs_only(**options):
    return sorted(options.items())


print(kwargs_only(z=1, a=2), kwargs_only())


def varargs(first, *rest, sep="-"):
    return sep.join(str(x) for x in (first,) + rest)


print(varargs(1, 2, 3), varargs("a", sep="+"), varargs(*range(4), sep=""))
print(make_multiplier.__code__.co_varnames, doubler.__code__.co_freevars, doubler.__closure__[0].cell_contents)
