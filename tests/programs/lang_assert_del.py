def check(x):
    assert x > 0, f"x must be positive, got {x}"
    return x


print(check(5))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError", e)
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
items = [1, 2, 3, 4, 5]
del items[1]
del items[::2]
print(items)
d = {"a": 1, "b": 2}
del d["a"]
print(d)


class Holder:
    pass


h = Holder()
h.v = 1
del h.v
print(hasattr(h, "v"))
a = b = 1
del a
print(b, "a" in dir())
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
