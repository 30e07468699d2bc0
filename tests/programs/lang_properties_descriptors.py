class Celsius:
    def __init__(self, t):
        self._t = t

    @property
    def t(self):
        return self._t

    @t.setter
    def t(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._t = v

    @t.deleter
    def t(self):
        print("deleting")
        del self._t

    @property
    def f(self):
        return self._t * 9 / 5 + 32


c = Celsius(100)
print(c.t, c.f)
c.t = 0
print(c.t, c.f)
try:
    c.t = -300
except ValueError as e:
    print(e)
try:
    c.f = 1
except AttributeError as e:
    print(type(e).__name__, e)
del c.t
print(hasattr(c, "_t"))


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)


class Person:
    name = Typed(str)
    age = Typed(int)

    def __init__(self, name, age):
        self.name = name
        self.age = age


p = Person("ann", 30)
print(p.name, p.age, type(Person.name).__name__)
try:
    p.age = "old"
except TypeError as e:
    print(e)


class Static:
    @staticmethod
    def s(x):
        return x * 2

    @classmethod
    def c(cls):
        return cls.__name__


class Sub(Static):
    pass


print(Static.s(2), Static().s(3), Static.c(), Sub.c(), Sub().c())
