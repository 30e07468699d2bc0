class Counter:
    instances = 0

    def __init__(self):
        Counter.instances += 1
        self.id = Counter.instances


a, b = Counter(), Counter()
print(a.id, b.id, Counter.instances, a.instances)
a.instances = 99
print(a.instances, Counter.instances, b.instances)


class Shape:
    sides = 0

    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"


class Triangle(Shape):
    sides = 3


class Square(Shape):
    sides = 4

    def describe(self):
        return super().describe() + " (square)"


for s in [Shape(), Triangle(), Square()]:
    print(s.describe())
print(Triangle.__dict__["sides"], "describe" in Shape.__dict__, "describe" in Triangle.__dict__)
print(hasattr(Triangle, "sides"), getattr(Square(), "sides"), Square.__name__, Square.__module__)


class WithGetattr:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return f"computed {name}"


w = WithGetattr()
print(w.real, w.virtual, getattr(w, "other"))


class Guarded:
    def __setattr__(self, name, value):
        if name.startswith("_"):
            raise AttributeError(f"cannot set {name}")
        super().__setattr__(name, value)

    def __delattr__(self, name):
        print("deleting", name)
        super().__delattr__(name)


g = Guarded()
g.x = 1
try:
    g._y = 2
except AttributeError as e:
    print(e)
del g.x
print(vars(g))
print(type(Counter.__init__).__name__, type(a.__init__).__name__, a.__init__.__self__ is a)
