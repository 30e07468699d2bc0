# type's introspection attributes, PEP 604 unions, dir(), __subclasses__, __getstate__.
import sys


class A:
    pass


class B(A):
    pass


class C(A):
    x: int = 1
    y: "str"


class D(B, C):
    pass


print(A.__subclasses__(), B.__subclasses__(), D.__subclasses__())
print(ValueError.__subclasses__()[0], [c.__name__ for c in LookupError.__subclasses__()][:2])
print(C.__annotations__, A.__annotations__)
A.__annotations__ = {"z": float}
print(A.__annotations__)
del A.__annotations__
print(A.__annotations__)
try:
    int.__annotations__
except AttributeError as e:
    print("AttributeError", e)
try:
    int.__annotations__ = {}
except TypeError as e:
    print("TypeError", e)

print(int.__basicsize__ > 0, int.__itemsize__, object.__itemsize__, tuple.__itemsize__)
print(A.__dictoffset__ != 0, A.__weakrefoffset__ != 0, int.__dictoffset__, int.__weakrefoffset__)
print(bool(A.__flags__ & (1 << 9)), bool(int.__flags__ & (1 << 9)))
print(type.__prepare__("X", ()), type.__prepare__())
print(type.__instancecheck__(int, 3), type.__instancecheck__(int, "3"))
print(int.__text_signature__, A.__text_signature__)
try:
    A.__abstractmethods__
except AttributeError as e:
    print("AttributeError", e)
A.__abstractmethods__ = frozenset({"m"})
try:
    A()
except TypeError as e:
    print("TypeError", e)
A.__abstractmethods__ = frozenset()
print(type(A()).__name__)
del A.__abstractmethods__

# unions
u = int | str
print(u, type(u), u.__args__, u.__parameters__)
print(int | None, None | int, int | str | int, (int | str) | (bytes | int))
print(int | int, (int | str) == (str | int), hash(int | str) == hash(str | int))
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(list[int] | None, A | B, type(u).__module__)
print(u.__module__)
try:
    int | 3
except TypeError as e:
    print("TypeError", e)
try:
    isinstance(1, int | list[int])
except TypeError as e:
    print("TypeError", e)

# dir
b = B()
b.attr = 1
print(dir(b))
print(dir(D))
print(len(dir(int)), len(dir(object)), len(dir(type)))
print([n for n in dir() if not n.startswith("_")])
print("__annotations__" in dir())


def f():
    local = 1
    return dir()


print(f())

# object.__getstate__
class S:
    __slots__ = ("a", "__b")

    def __init__(self):
        self.a = 1
        self.__b = 2


class P:
    def __init__(self):
        self.q = 5


print(P().__getstate__(), S().__getstate__(), object().__getstate__())
print(S.__slotnames__)
print(A().__getstate__())
e = ValueError("x", 2)
print(e.__reduce__())
e.note = "n"
print(e.__reduce__(), e.__dict__)
e2 = ValueError()
e2.__setstate__({"k": 3})
print(e2.k)
try:
    e2.__setstate__(5)
except TypeError as err:
    print("TypeError", err)
print(set[int], frozenset[str])
