a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, id(a) == id(b), id(a) != id(c))
b.append(3)
print(a, c)
x = None
print(x is None, x == None, type(None).__name__, None.__class__ is type(None))
print(() is (), "" == "", 0 == -0, 0.0 == -0.0, float("nan") is not float("nan"))
s1 = "hello"
s2 = "hel" + "lo"
print(s1 == s2, len({s1, s2}))
o = object()
print(o == o, o != object(), hash(o) == hash(o), str(type(o)))
print(NotImplemented, Ellipsis, ..., type(...).__name__, type(NotImplemented).__name__)
