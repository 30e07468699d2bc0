x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, x == 5 == 5.0, 1 < 2 < 3 < 4 > 2)
print("a" < "b" < "c", [1, 2] < [1, 3], (1, "a") < (1, "b"), [1] < [1, 0])
calls = []


def v(n):
    calls.append(n)
    return n


print(v(1) < v(2) < v(0) < v(3), calls)
print(3 in [1, 2, 3] not in [[1]], None is None is not False)
try:
    [1] < (1,)
except TypeError as e:
    print(e)
try:
    {1} < [1]
except TypeError as e:
    print(e)
print({1, 2} < {1, 2, 3}, {"a": 1} == {"a": 1.0}, 1 != 1.0, float("nan") == float("nan"))
