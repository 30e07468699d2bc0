class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["created_by"] = mcls.__name__
        cls = super().__new__(mcls, name, bases, ns)
        cls.options = kw
        return cls

    def __call__(cls, *args):
        print("making", cls.__name__, args)
        return super().__call__(*args)

    def __repr__(cls):
        return f"<class {cls.__name__} via Meta>"


class Base(metaclass=Meta, flavour="plain"):
    def __init__(self, x=0):
        self.x = x


class Child(Base, flavour="spicy"):
    pass


print(Base.created_by, Base.options, Child.options)
print(repr(Base), repr(Child), type(Child).__name__)
c = Child(5)
print(c.x, isinstance(c, Base), type(c) is Child)


class Plugin:
    registry = {}

    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[key or cls.__name__] = cls


class A(Plugin, key="a"):
    pass


class B(Plugin):
    pass


print(sorted(Plugin.registry))


class Ordered(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name)
        return {"prepared": True}


class P(metaclass=Ordered):
    y = 1


print(P.prepared, P.y)
Dyn = type("Dyn", (A,), {"z": 3, "f": lambda self: self.z * 2})
print(Dyn().f(), Dyn.__mro__[1].__name__, sorted(Plugin.registry))
try:
    class Bad(metaclass=Meta, flavour=1, other=2):
        pass
    print(Bad.options)
except TypeError as e:
    print(e)
