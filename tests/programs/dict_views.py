# dict views: repr, len, membership, set operations, comparisons, reversed, mapping
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {'a': 1, 'b': 2, 'c': 3}
k, v, i = d.keys(), d.values(), d.items()
print(k, v, i)
print(len(k), len(v), len(i))
print(type(k).__name__, type(v).__name__, type(i).__name__)
print('a' in k, 'z' in k, 1 in v, 9 in v, ('a', 1) in i, ('a', 2) in i, 'a' in i, ('a',) in i)
print(list(k), list(v), list(i))
d['d'] = 4
print(k, v, i)
print(sorted(k - {'a'}), sorted(k & {'a', 'z'}), sorted(k | {'z'}), sorted(k ^ {'a', 'z'}))
print(sorted(k - ['a', 'b']), sorted(['a', 'q'] - k) if False else '', sorted({'q', 'a'} - k))
print(sorted(i & {('a', 1), ('b', 0)}), sorted(i - {('a', 1)}), sorted(i | {('z', 0)}))
print(k == {'a', 'b', 'c', 'd'}, k == {'a'}, k != {'a'}, k < {'a', 'b', 'c', 'd', 'e'}, k <= set('abcd'), k > {'a'}, k >= set('abcd'))
print(i == {('a', 1), ('b', 2), ('c', 3), ('d', 4)}, i == {('a', 1)})
print(k == ['a', 'b', 'c', 'd'], v == v, v == d.values())
print({'x': 1}.keys() == {'x': 2}.keys(), {'x': 1}.items() == {'x': 2}.items())
print(k.isdisjoint({'z'}), k.isdisjoint(['a']), i.isdisjoint([('a', 1)]), k.isdisjoint(k), {}.keys().isdisjoint({}.keys()))
print(list(reversed(k)), list(reversed(v)), list(reversed(i)))
print(type(reversed(k)).__name__, type(reversed(v)).__name__, type(reversed(i)).__name__)
print(type(iter(k)).__name__, type(iter(v)).__name__, type(iter(i)).__name__, type(iter(d)).__name__)
print(k.mapping, v.mapping['a'], type(i.mapping).__name__)
show(lambda: hash(k))
show(lambda: hash(i))
print(type(hash(v)).__name__)
show(lambda: k - 5)
show(lambda: k & 5)
show(lambda: k | 5)
show(lambda: v - {1})
show(lambda: k < 5)
it = iter(d)
print(it.__length_hint__(), next(it), it.__length_hint__())
print(it.__reduce__())
print({}.keys(), {}.values(), {}.items())
r = {}
r[1] = r
print(r.values(), r.items())
it = iter(d.items())
print(next(it), list(it), list(it))
print(sorted(d.items(), key=lambda p: -p[1]))
for key, val in d.items():
    print(key, val, end='; ')
print()
print({1: 2}.items() | {3: 4}.items(), {1: 2}.keys() & {1: 0}.keys())
