import sys
class Desc:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, tp=None):
        return ("get", self.name, obj is None)
    def __set__(self, obj, v):
        obj.__dict__["_" + self.name] = v
class A:
    d = Desc()
    __slots__ = ("__dict__", "w")
    def __init_subclass__(cls, tag=None, **kw):
        cls.tag = tag
    def __class_getitem__(cls, item):
        return f"A[{item}]"
    def __getattr__(self, name):
        return f"missing {name}"
class B(A, tag="bee"):
    def __repr__(self):
        return "B()"
    def __eq__(self, o):
        return isinstance(o, B)
    __hash__ = object.__hash__
b = B()
b.d = 5
print(B.d, b.d, b.__dict__, b.zzz, B.tag, A[int], B.__mro__, b == B(), hash(b) == hash(b))
b.w = 1
print(b.w, A.w)
class M(type):
    def __call__(cls, *a, **k):
        print("M.__call__", a, k)
        return super().__call__(*a, **k)
    def __instancecheck__(cls, inst):
        return inst == 42
    @property
    def prop(cls):
        return "metaprop"
class C(metaclass=M):
    def __init__(self, x=0):
        self.x = x
c = C(3, )
print(c.x, isinstance(42, C), isinstance(c, C), C.prop)
class P:
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x * 2
    @v.deleter
    def v(self):
        del self._v
    @staticmethod
    def s(a): return a + 1
    @classmethod
    def k(cls): return cls.__name__
p = P(); p.v = 2; print(p.v); del p.v
try:
    p.v
except AttributeError as e:
    print("AttributeError", e)
print(P.s(1), P.k(), p.k(), P.v.__doc__, type(P.__dict__['s']).__name__)
class Base:
    def f(self): return "base"
class Mid(Base):
    def f(self): return "mid+" + super().f()
class Leaf(Mid):
    def f(self): return "leaf+" + super().f()
print(Leaf().f(), super(Mid, Leaf()).f(), Leaf.__qualname__, Leaf.f.__qualname__)
class N:
    def __add__(self, o): return "add"
    def __radd__(self, o): return "radd"
    def __iadd__(self, o): return "iadd"
    def __lt__(self, o): return "lt"
    def __len__(self): return 3
    def __bool__(self): return False
    def __contains__(self, x): return x == 1
    def __iter__(self): return iter([7, 8])
    def __getitem__(self, k): return ("gi", k)
    def __call__(self, *a): return ("call", a)
    def __enter__(self): return "ent"
    def __exit__(self, *a): return True
    def __format__(self, spec): return "fmt:" + spec
n = N()
x = n; x += 1
print(n + 1, 1 + n, x, n < 1, len(n), bool(n), 1 in n, list(n), n[1:2, ...], n(1), f"{n:abc}")
with n as e:
    raise ValueError
print(e)
class E(Exception):
    def __init__(self, a, b):
        super().__init__(a)
        self.b = b
    def __str__(self): return f"E({self.args[0]}, {self.b})"
try:
    try:
        raise E(1, 2)
    except E as err:
        raise KeyError("k") from err
except KeyError as k:
    print(repr(k), k.__cause__, k.__suppress_context__, type(k.__context__).__name__)
