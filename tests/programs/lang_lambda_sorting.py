people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 35)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(people, key=lambda p: p[0], reverse=True))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(set(words)), max(words, key=len), min(words))
nums = [5, -3, 2, -8, 7]
nums.sort(key=abs)
print(nums)
nums.sort(reverse=True)
print(nums)
stable = sorted([(1, "b"), (0, "a"), (1, "a"), (0, "b")], key=lambda t: t[0])
print(stable)
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
print(list(map(lambda x: x ** 2, range(5))), list(filter(lambda x: x % 2, range(10))))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
print(sorted([3, 1, 2], key=None), sorted("bca"), sorted({3: 1, 1: 2}))
