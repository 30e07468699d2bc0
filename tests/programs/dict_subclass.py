# dict subclasses, __missing__, mappings given to dict(), update order, merging
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter(a=1)
print(c['a'], c['zz'], c, 'zz' in c, c.get('zz'))
class Ordered(dict):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.extra = True
o = Ordered([('x', 1)], y=2)
print(o, o.extra, type(o).__name__, isinstance(o, dict))
print(type(o | {'z': 3}).__name__, o | {'z': 3})
o |= {'w': 0}
print(type(o).__name__, o)
class Loud(dict):
    def __setitem__(self, k, v):
        print('set', k, v)
        super().__setitem__(k, v)
l = Loud.fromkeys('ab', 0)
print(l)
l2 = Loud(q=1)
l2.update(r=2)
print(l2)
class KeysIter(dict):
    def keys(self):
        return ['b']
    def __iter__(self):
        return iter(['b'])
ki = KeysIter(a=1, b=2)
print(dict(ki), dict(**{'k': 1}), {**ki})
d = {}
d.update(KeysIter(a=1, b=2))
print(d)
class Pairs:
    def __iter__(self):
        return iter([('p', 1), ('q', 2)])
print(dict(Pairs()))
show(lambda: dict([('a', 1), 5]))
show(lambda: dict([('a', 1), 'abc']))
show(lambda: dict([[1, 2], [3]]))
class BadKeys:
    def keys(self):
        return [1, 2]
    def __getitem__(self, k):
        raise KeyError(k)
show(lambda: dict(BadKeys()))
class NotMap:
    keys = None
show(lambda: dict(NotMap()))
big = {}
for i in range(1000):
    big[i] = i
for i in range(0, 1000, 2):
    del big[i]
print(len(big), list(big)[:5], list(big)[-3:], sum(big.values()))
big2 = dict(big)
print(big2 == big, big2 is big)
x = {1: 'a', 2: 'b'}
del x[1]
x[1] = 'c'
print(x, list(x.items()))
print({True: 1, 1: 2, 1.0: 3}, {0: 'a', False: 'b'})
e = {'k': 1}
e.setdefault('k', []).__class__
print(e.setdefault('m', []), e)
e['m'].append(5)
print(e)
print(dict(sorted({'b': 1, 'a': 2}.items())))
nested = {'a': {'b': {'c': 1}}}
print(nested['a']['b']['c'], nested.get('a', {}).get('x', 'none'))
