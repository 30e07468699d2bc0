x = "module"


class Scope:
    x = "class"
    y = [x for _ in range(1)]

    def method(self):
        return x


print(Scope.y, Scope().method())


def f():
    x = "local"

    class Inner:
        z = x

    return Inner.z


print(f())


def counter_gen():
    total = 0

    def add(n):
        nonlocal total
        total += n
        return total

    return add


add = counter_gen()
print([add(i) for i in range(5)])


class Outer:
    class Nested:
        value = 42

    def get(self):
        return self.Nested.value


print(Outer().get(), Outer.Nested.__qualname__)


def deleting():
    v = 1
    del v
    try:
        return v
    except UnboundLocalError as e:
        return str(e)


print(deleting())
try:
    del undefined_name
except NameError as e:
    print(e)
print(type(locals()).__name__, "x" in globals())
