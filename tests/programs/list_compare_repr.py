# list comparisons, recursive reprs, iterators, membership
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print([1, 2] == [1, 2], [1, 2] != [1, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [1] <= [1], [1] >= [2])
print([1, 2] == (1, 2), [1] == 1, [float('nan')] == [float('nan')])
n = float('nan')
print([n] == [n], [n] < [n], [1, n] <= [1, n])
show(lambda: [1] < ['a'])
show(lambda: [1] < (1,))
show(lambda: [] < None)
print([[1, 2], [3]] < [[1, 2], [4]], [(1, 'a')] == [(1, 'a')])
a = [1, 2]
a.append(a)
print(a, repr(a), str(a))
b = [a, [a]]
print(b)
c = []
c.append([c, c])
print(c)
t = ([],)
t[0].append(t)
print(t)
d = {'l': []}
d['l'].append(d)
print(d)
print(a == a, len(a))
it = iter([10, 20, 30])
print(type(it).__name__, it.__length_hint__(), next(it), it.__length_hint__())
print(it.__reduce__()[1:], list(it), it.__length_hint__(), it.__reduce__()[1])
it = iter([1, 2, 3, 4])
it.__setstate__(2)
print(list(it))
it = iter([1, 2, 3])
it.__setstate__(-5)
print(next(it))
r = reversed([1, 2, 3])
print(type(r).__name__, r.__length_hint__(), next(r), r.__length_hint__(), r.__reduce__()[1:], list(r), r.__length_hint__())
r = reversed([1, 2, 3, 4])
r.__setstate__(1)
print(list(r))
grow = [1]
out = []
for x in grow:
    out.append(x)
    if x < 5:
        grow.append(x + 1)
print(out)
shrink = [1, 2, 3, 4, 5]
out = []
for x in shrink:
    out.append(x)
    shrink.pop()
print(out)
print(3 in [1, 2, 3], 4 in [1, 2, 3], [1] in [[1]], n in [n], 'a' not in ['b'])
class E:
    def __eq__(self, other):
        raise ValueError('no eq')
show(lambda: E() in [1])
show(lambda: [1].index(E()))
show(lambda: [1].count(E()))
show(lambda: [1].remove(E()))
e = E()
print(e in [e], [e].count(e), [e].index(e))
print(list[int] == list[int], list[int] == list[str], hash(list[int]) == hash(list[int]))
print(repr(list[list[int]]), dict[str, list[int]], tuple[int, ...])
print(list(iter([])), [*range(3), *'ab'], [x for x in (1, 2)][::-1])
