def f(a, b, c=0, *rest, key=None, **extra):
    return a, b, c, rest, key, extra


args = [1, 2]
kw = {"key": "k", "z": 26}
print(f(*args))
print(f(*args, 3, 4, 5, **kw))
print(f(0, *args, *args, key=1))
print(f(**{"a": 1, "b": 2}))
print(f(1, b=2, **{"c": 3}))
first, *middle, last = f(1, 2, 3, 4)
print(first, middle, last)
print([*"ab", *range(2)], {**kw, "key": "override"}, (*args,))
try:
    f(1, 2, **{"a": 5})
except TypeError as e:
    print(e)
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, 2, c=3, **{"c": 4})
except TypeError as e:
    print(e)
