def trace(f):
    def wrapper(*args, **kwargs):
        print("call", f.__name__, args, kwargs)
        return f(*args, **kwargs)

    wrapper.__name__ = f.__name__
    wrapper.__wrapped__ = f
    return wrapper


def repeat(n):
    def deco(f):
        def wrapper(*a):
            return [f(*a) for _ in range(n)]

        return wrapper

    return deco


@trace
def add(a, b=2):
    return a + b


@repeat(3)
def hello(name):
    return "hi " + name


print(add(1), add(1, b=5))
print(hello("bob"))
print(add.__name__, add.__wrapped__.__name__)


class Registry:
    items = []

    @classmethod
    def register(cls, f):
        cls.items.append(f.__name__)
        return f


@Registry.register
def one():
    pass


@Registry.register
def two():
    pass


print(Registry.items)


def class_deco(cls):
    cls.tagged = True
    return cls


@class_deco
class Tagged:
    pass


print(Tagged.tagged)
