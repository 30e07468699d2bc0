print(sorted([3, 1, 2]), sorted("hello", reverse=True), sorted([(1, "b"), (0, "z")], key=lambda t: t[1]))
print(list(reversed([1, 2, 3])), list(enumerate("ab", 5)), list(zip("ab", [1, 2, 3])))
print(list(map(lambda x, y: x * y, [1, 2], [3, 4])), list(filter(None, [0, 1, "", "a"])))
print(any([0, 0, 1]), all([1, 1, 0]), any([]), all([]))
print(len("abc"), len([1]), len({}), len(range(10)))
print(repr("a'b"), ascii("é"), str(1.0), format(3.14159, ".2f"), format(42, "08b"))
print(callable(len), callable(1), type(len).__name__, type(print).__name__)
print(getattr(1, "real"), getattr(1, "nope", "dflt"), hasattr("", "upper"))


class O:
    pass


o = O()
setattr(o, "a", 1)
print(vars(o), o.a)
delattr(o, "a")
print(vars(o))
print(isinstance(iter([]), object), next(iter([9])), list(iter(range(3))))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
print(id(o) == id(o), type(id(o)).__name__)
print(divmod(10, 3), list(range(10, 0, -3)), range(5)[-1], range(0, 10, 2)[1:3])
print(slice(1, 5, 2), slice(3).indices(10))
print(dir(o) == sorted(dir(o)), "__class__" in dir(o))
try:
    getattr(o, "missing")
except AttributeError as e:
    print(e)
try:
    next(iter([]))
except StopIteration:
    print("StopIteration")
try:
    len(5)
except TypeError as e:
    print(e)
try:
    iter(5)
except TypeError as e:
    print(e)
print(globals()["O"] is O, __name__)
