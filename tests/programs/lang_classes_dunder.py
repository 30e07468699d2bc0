class Vec:
    def __init__(self, *c):
        self.c = list(c)

    def __repr__(self):
        return f"Vec{tuple(self.c)}"

    def __add__(self, o):
        return Vec(*[a + b for a, b in zip(self.c, o.c)])

    def __mul__(self, k):
        return Vec(*[a * k for a in self.c])

    __rmul__ = __mul__

    def __eq__(self, o):
        return isinstance(o, Vec) and self.c == o.c

    def __hash__(self):
        return hash(tuple(self.c))

    def __len__(self):
        return len(self.c)

    def __getitem__(self, i):
        return self.c[i]

    def __iter__(self):
        return iter(self.c)

    def __bool__(self):
        return any(self.c)

    def __neg__(self):
        return self * -1

    def __lt__(self, o):
        return sum(self.c) < sum(o.c)

    def __contains__(self, x):
        return x in self.c

    def __call__(self, i):
        return self.c[i] * 10


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a * 3, 2 * a, -a, a == Vec(1, 2), a != b, len(a), a[1], list(a))
print(bool(Vec(0, 0)), bool(a), a < b, sorted([b, a]), 2 in a, a(0))
print({a: 1}[Vec(1, 2)], max(a, b), a[-1], a[0:1])
try:
    a < 5
except (TypeError, AttributeError) as e:
    print(type(e).__name__)
try:
    a @ b
except TypeError as e:
    print(e)


class Slots:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1


s = Slots()
print(s.x, hasattr(s, "y"))
try:
    s.z = 3
except AttributeError as e:
    print(e)
try:
    print(s.y)
except AttributeError as e:
    print(e)
