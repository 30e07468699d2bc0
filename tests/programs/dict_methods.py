# dict constructor and methods, with CPython's messages
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(dict(), dict({'a': 1}), dict([('a', 1), ('b', 2)]), dict(a=1, b=2), dict({'a': 1}, b=2))
print(dict([['x', 1], 'yz']), dict(zip('abc', range(3))), dict((i, i * i) for i in range(4)))
show(lambda: dict([1]))
show(lambda: dict(['a']))
show(lambda: dict([('a', 1), (1, 2, 3)]))
show(lambda: dict(1, 2))
show(lambda: dict(5))
class M:
    def keys(self):
        return ['p', 'q']
    def __getitem__(self, k):
        return k * 2
print(dict(M()), dict(M(), r=3))
d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0))
show(lambda: d.get())
show(lambda: d.get(1, 2, 3))
print(d.setdefault('c', 3), d.setdefault('a', 100), d.setdefault('n'), d)
print(d.pop('n'), d.pop('zz', 'dflt'), d)
show(lambda: d.pop('zz'))
show(lambda: d.pop())
show(lambda: {}.pop([]))
show(lambda: d.pop([]))
print(d.popitem(), d)
show(lambda: {}.popitem())
d.update({'x': 1})
d.update([('y', 2)])
d.update(z=3)
d.update(M())
d.update()
print(d)
show(lambda: d.update(1))
show(lambda: d.update([1, 2]))
show(lambda: d.update({}, {}))
print(dict.fromkeys('abc'), dict.fromkeys([1, 2], 0), dict.fromkeys(range(0)))
show(lambda: dict.fromkeys())
show(lambda: dict.fromkeys(5))
class D(dict):
    pass
fd = D.fromkeys('ab', 1)
print(type(fd).__name__, fd)
c = d.copy()
c['new'] = 1
print(len(d), len(c), type(D(a=1).copy()).__name__)
c.clear()
print(c, len(c))
print('a' in d, 'zz' in d, d.__contains__('x'), d.__getitem__('x'))
show(lambda: d['missing'])
show(lambda: d[[1]])
show(lambda: {[]: 1})
print(list(reversed({'a': 1, 'b': 2, 'c': 3})), list(reversed({})))
x = {'a': 1, 'b': 2}
y = {'b': 3, 'c': 4}
print(x | y, y | x, x)
x |= y
print(x)
x |= [('q', 0)]
print(x)
show(lambda: x | [('q', 0)])
show(lambda: [1] | x)
z = {1: 1}
z |= {2: 2}.items()
print(z)
print(dict[str, int], dict[str, int].__args__)
print({}.__sizeof__(), {'a': 1}.__sizeof__(), {1: 1}.__sizeof__())
e = {}
sizes = []
for i in range(20):
    e[i] = i
    sizes.append(e.__sizeof__())
print(sizes)
e.clear()
print(e.__sizeof__())
r = {}
r['self'] = r
print(r, repr(r))
print({1: {2: {3: {}}}}, {(1, 2): [3], None: None, 1.5: 'f'})
print({'a': 1} == {'a': 1}, {'a': 1} == {'a': 2}, {'a': 1} != {'b': 1}, {1: 1} == {1.0: 1})
show(lambda: {} < {})
show(lambda: hash({}))
