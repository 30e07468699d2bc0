t = (1, 2, 3, 2)
print(t.count(2), t.index(3), t[1:], t[::-1], t + (4,), t * 2, len(t), 2 in t)
print((1,), (), tuple("ab"), tuple([1, [2]]), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), max((1, 5), (2, 0)))
a, b = b, a = 1, 2
print(a, b)
point = (3, 4)
x, y = point
print(x * y, hash((1, 2)) == hash((1, 2)), {(1, 2): "p"}[1, 2])
try:
    t[10]
except IndexError as e:
    print(e)
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    hash(([1],))
except TypeError as e:
    print(e)
try:
    t.index(99)
except ValueError as e:
    print(e)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], sum(map(sum, [(1, 2), (3,)])), sorted([(2, "b"), (1, "z"), (2, "a")]))
print(repr((1, "a", None, 2.5)), str(("x",)), tuple(range(3)) == (0, 1, 2))
