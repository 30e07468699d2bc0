r = range(2, 20, 3)
print(list(r), len(r), r[2], r[-1], r[1:4], r[::-1], 11 in r, 12 in r, r.index(8), r.count(5))
print(range(0), list(range(5, 0, -1)), range(10)[::2], repr(range(1, 5)), range(3) == range(0, 3))
s = "abcdefghij"
print(s[2:8:2], s[::-3], s[-3:], s[:-7], s[100:], s[-100:2], s[5:2], s[5:2:-1])
lst = list(range(10))
lst[2:5] = ["x"]
print(lst)
lst[::3] = [0] * len(lst[::3])
print(lst)
del lst[1::2]
print(lst)
sl = slice(1, None, 2)
print(lst[sl], sl.start, sl.stop, sl.step, slice(5).indices(3))
try:
    lst[::2] = [1]
except ValueError as e:
    print(e)
try:
    range(1, 2, 0)
except ValueError as e:
    print(e)
print(hash(range(3)) == hash(range(0, 3)), list(reversed(range(4))), sum(range(101)))
