a, b, *c = range(6)
print(a, b, c)
*d, e = "xyz"
print(d, e)
(f, g), h = (1, 2), 3
print(f, g, h)
first, *_, last = [10, 20, 30, 40]
print(first, last)
try:
    x, y = [1, 2, 3]
except ValueError as err:
    print(err)
try:
    x, y, z = [1, 2]
except ValueError as err:
    print(err)
try:
    x, *y, z = [1]
except ValueError as err:
    print(err)
try:
    p, q = 5
except TypeError as err:
    print(err)
print([*range(3), *"ab"], (*[1], 2), {*"aab"} == {"a", "b"})
d1 = {"a": 1}
print({**d1, "b": 2, **{"a": 9}})


def f(*args, **kwargs):
    return args, kwargs


print(f(*[1, 2], *(3,), **{"k": 1}, **{"j": 2}))
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as err:
    print(err)
try:
    f(*5)
except TypeError as err:
    print(err)
try:
    f(**[1])
except TypeError as err:
    print(err)
for i, (k, v) in enumerate({"x": 1, "y": 2}.items()):
    print(i, k, v)
