# comparisons, chained comparisons
print(1 < 2, 2 < 1, 1 == 1.0, 1 != 2)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(1 == 1 == 1.0, 1 < 2 == 2, 5 > 3 != 3)
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 > 4)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(0) < v(5))
print(calls)
calls.clear()
print(v(3) > v(2) > v(1))
print(calls)
print("abc" < "abd", "abc" < "ab", "Z" < "a", "" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print((1, 2, 3) == (1, 2, 3), (1, "a") < (1, "b"), (2,) > (1, 99))
print([1, [2, 3]] == [1, [2, 3]], {1: 2} == {1: 2}, {1, 2} == {2, 1})
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1, 2} > {1})
print(None is None, None == None, None is not None)
print(max("apple", "banana", "cherry"), min([3, 1], [2, 9]))
print(True == 1, False == 0, (True is True) == False)
print(float("nan") in [float("nan")])
n = float("nan")
print(n in [n], n == n)
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
for op in (lambda: 1 < 'a', lambda: 1 > 'a', lambda: 1 <= 'a', lambda: 1 >= 'a'):
    try:
        op()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    [1] < (1,)
except TypeError as e:
    print(type(e).__name__, e)
try:
    None < None
except TypeError as e:
    print(type(e).__name__, e)
try:
    {1: 2} < {3: 4}
except TypeError as e:
    print(type(e).__name__, e)
print(1 == "1", [1] == (1,), "a" != b"a")
print(sorted([3, 1.5, 2, True, -0.5]))
print(-1 < 0 < 1 < 2.5 <= 2.5 < 10 ** 20)
print(not 1 < 2, not (1 > 2))
print(2 in [1, 2] in [[1, 2]], 3 not in [1, 2])
