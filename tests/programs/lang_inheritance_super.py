class A:
    def who(self):
        return "A"

    def chain(self):
        return ["A"]


class B(A):
    def who(self):
        return "B>" + super().who()

    def chain(self):
        return ["B"] + super().chain()


class C(A):
    def who(self):
        return "C>" + super().who()

    def chain(self):
        return ["C"] + super().chain()


class D(B, C):
    def who(self):
        return "D>" + super().who()

    def chain(self):
        return ["D"] + super().chain()


d = D()
print(d.who(), d.chain(), [k.__name__ for k in D.__mro__])
print(super(B, d).who(), super(C, d).chain())
try:
    class X(A, B):
        pass
except TypeError as e:
    print(e)


class Init:
    def __init__(self, a, b=2, *args, c, d=4, **kw):
        self.vals = (a, b, args, c, d, kw)


print(Init(1, c=3).vals, Init(1, 2, 3, 4, c=5, e=6).vals)
for args, kw in [((), {}), ((1,), {}), ((1,), {"c": 1, "a": 2})]:
    try:
        Init(*args, **kw)
    except TypeError as e:
        print(e)
print(isinstance(d, (int, A)), issubclass(D, (C,)), issubclass(bool, int))
print(D.__bases__, D.__name__, D.__qualname__, type(d).__mro__[-1])
