a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a >= {1}, a.isdisjoint({9}), b.issubset(a))
s = set()
s.add(3)
s.update([1, 2], (5,))
s.discard(99)
s.remove(1)
print(sorted(s), len(s), 2 in s)
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
f = frozenset("hello")
print(sorted(f), hash(f) == hash(frozenset("ohlle")), type(f | {"z"}).__name__)
print({x * 2 for x in range(5)} == {0, 2, 4, 6, 8})
c = a.copy()
c.clear()
print(c, a, set(), frozenset())
print(sorted(a.union([7], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
try:
    {[1]}
except TypeError as e:
    print(e)
x = {1, 2}
x |= {3}
x &= {2, 3}
x -= {2}
print(x)
print(set("aabbcc") == set("abc"), {1} == frozenset({1}))
p = {5, 6}
print(p.pop() in {5, 6}, len(p))
