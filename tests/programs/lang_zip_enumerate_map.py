names = ["a", "b", "c"]
ages = [1, 2]
print(list(zip(names, ages)), list(zip()), list(zip(names)), dict(zip(names, range(3))))
try:
    list(zip(names, ages, strict=True))
except ValueError as e:
    print(e)
print(list(enumerate(names)), list(enumerate(names, start=10)), list(zip(*[(1, "x"), (2, "y")])))
print(list(map(pow, [2, 3], [3, 2])), list(map(len, names)), list(map(str.upper, names)))
print(list(filter(str.isdigit, ["1", "a", "22"])), list(filter(lambda x: x > 1, [0, 1, 2, 3])))
e = enumerate("xy")
print(next(e), next(e), next(e, None))
m = map(lambda x: 1 / x, [1, 0])
print(next(m))
try:
    next(m)
except ZeroDivisionError as err:
    print("lazy", err)
print(list(reversed("abc")), list(reversed((1, 2))), list(reversed(range(3))), list(reversed({1: 2, 3: 4})))
