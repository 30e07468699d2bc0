import itertools as it


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


def take(n, i):
    return list(it.islice(i, n))


# count
c = it.count()
print(take(3, c), repr(c), c.__reduce__())
print(take(3, it.count(10, 5)), repr(it.count(10, 5)), it.count(10, 5).__reduce__())
print(take(3, it.count(1.5)), repr(it.count(1.5)), take(3, it.count(0, 0.5)), repr(it.count(0, 1.0)))
print(repr(it.count(start=3, step=-1)), take(3, it.count(step=-1)), repr(it.count(2**70)), take(2, it.count(2**64 - 1)))
print(take(2, it.count(1j)), repr(it.count(0, 1)), it.count(0, 1).__reduce__())
show(it.count, 'a')
show(it.count, 1, 'b')
show(it.count, 1, 2, 3)
show(it.count, start=1, x=2)

# repeat
r = it.repeat('x', 3)
print(repr(r), r.__length_hint__(), list(r), repr(r), r.__length_hint__(), r.__reduce__())
print(repr(it.repeat(None)), take(3, it.repeat(None)), it.repeat(None).__reduce__(), it.repeat(1, 2).__reduce__())
print(list(it.repeat(1, -5)), repr(it.repeat(1, -5)), list(it.repeat(times=2, object='o')))
show(it.repeat)
show(it.repeat, 1, 'x')
show(it.repeat(1).__length_hint__)
show(len, it.repeat(1))
show(it.repeat, 1, 2, 3)

# cycle
print(take(7, it.cycle('abc')), take(3, it.cycle([])), take(5, it.cycle(iter([1, 2]))))
show(it.cycle)
show(it.cycle, 1)
show(it.cycle, [1], [2])

# accumulate
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=100)), list(it.accumulate([], initial=5)))
print(list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate('abc')), list(it.accumulate([2, 3], lambda a, b: a * b, initial=1)))
print(list(it.accumulate([1, 2], None)), list(it.accumulate(iterable=[1, 2], func=None, initial=None)))
show(it.accumulate)
show(it.accumulate, 1)
show(list, it.accumulate([1, 'a']))
show(it.accumulate, [1], None, 5)

# chain
print(list(it.chain('ab', [1, 2], (), iter(range(3)))), list(it.chain()), list(it.chain.from_iterable(['ab', 'cd'])))
print(list(it.chain.from_iterable(iter([[1], [], [2, 3]]))))
show(it.chain, a=1)
show(list, it.chain(1))
ch = it.chain([1], 5, [2])
print(next(ch))
show(next, ch)
show(next, ch)
show(it.chain.from_iterable, 1)

# compress
print(list(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(it.compress('AB', [1, 1, 1, 1])), list(it.compress(data=[1, 2], selectors=[0, 1])))
print(it.compress('ab', [1]).__reduce__()[0] is it.compress)
show(it.compress, 1)
show(it.compress, 1, 2)
show(it.compress, [1], 2)
show(it.compress, [1], [1], [1])

# dropwhile / takewhile / filterfalse / starmap
print(list(it.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(it.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(it.filterfalse(lambda x: x % 2, range(10))), list(it.filterfalse(None, [0, 1, '', 'a', None, [], [0]])))
print(list(it.filterfalse(bool, [0, 1])), list(it.starmap(pow, [(2, 5), (3, 2)])), list(it.starmap(max, [[1, 5], iter([3, 2])])))
d = it.dropwhile(lambda x: x < 2, [1, 2, 3])
print(d.__reduce__()[2], next(d), d.__reduce__()[2])
d.__setstate__(False)
print(d.__reduce__()[2])
t = it.takewhile(lambda x: x < 2, [1, 2, 3])
print(list(t), t.__reduce__()[2], list(t))
for f in (it.dropwhile, it.takewhile, it.filterfalse, it.starmap):
    show(f, None)
    show(f, None, [], 3)
    show(f, None, [], a=1)
    show(f, None, 5)
show(list, it.starmap(pow, [1]))
show(list, it.dropwhile(None, [1]))
show(list, it.takewhile(lambda: 1, [1]))

# islice
print(list(it.islice('ABCDEFG', 2)), list(it.islice('ABCDEFG', 2, 4)), list(it.islice('ABCDEFG', 2, None)),
      list(it.islice('ABCDEFG', 0, None, 2)), list(it.islice('ABC', None)), list(it.islice('ABCDEFG', 1, 6, 3)),
      list(it.islice('AB', 5, 10)), list(it.islice(range(100), 10, 20, 50)), list(it.islice('ABC', None, None, None)))
show(lambda: list(it.islice(range(10), 2**70)))
show(lambda: list(it.islice(range(10), 8, 2**70)))
show(lambda: list(it.islice(range(10), 2**70, 3)))
print(list(it.islice(range(10), 8, 2**62)), list(it.islice(range(10), True, 3)))
i = iter(range(10))
print(list(it.islice(i, 3, 5)), next(i))
for args in [(), (-1,), ('a',), (1, 2, 0), (1, 2, 3, 4), (-1, 2), (1, 'x'), ('x', 2), (1, -2), (0, 1, -1), (0, 1, 'x'), (None, None, 2**80)]:
    show(lambda: list(it.islice(range(5), *args)))
show(it.islice, [], 1, a=1)
show(it.islice, 1, 2)

# pairwise
print(list(it.pairwise('ABCD')), list(it.pairwise('A')), list(it.pairwise([])), list(it.pairwise(iter(range(4)))))
show(it.pairwise)
show(it.pairwise, 1)
show(it.pairwise, [], [])
show(it.pairwise, iterable=[])

# types
for name in ['accumulate', 'chain', 'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'islice',
             'pairwise', 'repeat', 'starmap', 'takewhile']:
    tp = getattr(it, name)
    print(tp.__name__, tp.__module__, tp.__qualname__, iter(tp.__new__(tp, *({'count': (), 'repeat': (1,), 'chain': (), 'islice': ([], 1),
                                         'pairwise': ([],), 'cycle': ([],), 'accumulate': ([],), 'compress': ([], [])}.get(name, (None, []))))) is not None)


class MyCount(it.count):
    pass


print(repr(MyCount(5)), take(2, MyCount(5)))


class MyChain(it.chain):
    pass


print(list(MyChain([1], [2])), type(MyChain.from_iterable([[1]])).__name__)


# __reduce__ / __setstate__ of the stateful ones
def rebuild(obj):
    r = obj.__reduce__()
    new = r[0](*r[1])
    if len(r) > 2 and r[2] is not None:
        new.__setstate__(r[2])
    return new


cy = it.cycle('abc')
print(type(cy.__reduce__()[1][0]).__name__, cy.__reduce__()[2], take(4, cy), cy.__reduce__()[2], type(cy.__reduce__()[1][0]).__name__)
print(take(5, rebuild(cy)), take(5, cy))
cy2 = it.cycle([1, 2])
cy2.__setstate__(([7, 8, 9], 1))
print(take(5, cy2))
show(cy2.__setstate__, [1])
show(cy2.__setstate__, ([1],))
show(cy2.__setstate__, (1, 1))
show(cy2.__setstate__, ([1], 'x'))
ac = it.accumulate([1, 2, 3], initial=10)
print(ac.__reduce__()[0] is it.accumulate, ac.__reduce__()[2], list(rebuild(ac)))
ac2 = it.accumulate([1, 2, 3, 4])
print(next(ac2), ac2.__reduce__()[1][1], ac2.__reduce__()[2], list(rebuild(ac2)), list(ac2))
ac3 = it.accumulate([5, 6], max)
print(ac3.__reduce__()[1][1] is max, ac3.__reduce__()[2], list(rebuild(ac3)))
ac4 = it.accumulate([1, 2])
ac4.__setstate__(100)
print(list(ac4))
chn = it.chain('ab', 'cd')
print(chn.__reduce__()[1], len(chn.__reduce__()), next(chn), len(chn.__reduce__()[2]), list(rebuild(chn)), list(chn), chn.__reduce__())
chn2 = it.chain()
chn2.__setstate__((iter(['xy', 'z']),))
print(list(chn2))
chn3 = it.chain()
chn3.__setstate__((iter(['q']), iter('pp')))
print(list(chn3))
show(chn3.__setstate__, ())
show(chn3.__setstate__, [1])
show(chn3.__setstate__, (1,))
show(chn3.__setstate__, (iter([]), [1]))
show(chn3.__setstate__, (1, 2, 3))
print(it.chain[int], it.chain[int, str].__origin__ is it.chain)
sl = it.islice(range(20), 2, 15, 3)
print(next(sl), sl.__reduce__()[1][1:], sl.__reduce__()[2], list(rebuild(sl)), list(sl), sl.__reduce__()[1][1:], sl.__reduce__()[2])
sl2 = it.islice('abcdef', 4)
print(sl2.__reduce__()[1][1:], list(sl2))
sl3 = it.islice(iter('abcdef'), 1, 4)
sl3.__setstate__(3)
print(list(sl3))
show(sl3.__setstate__, 'x')

# zip_longest
print(list(it.zip_longest('ABCD', 'xy', fillvalue='-')), list(it.zip_longest()), list(it.zip_longest([1, 2])))
print(list(it.zip_longest([1], [], [3, 4, 5])), list(it.zip_longest([], [])))
z = it.zip_longest('ab', 'wxyz', fillvalue=0)
print(next(z), next(z), next(z))
r = z.__reduce__()
print(r[1][0], type(r[1][1]).__name__, r[2], list(z))
z2 = it.zip_longest('ab', 'c')
z2.__setstate__('*')
print(list(z2))
show(it.zip_longest, 1)
show(it.zip_longest, [], x=1)
show(it.zip_longest, [], fillvalue=1, x=2)
print(repr(it.zip_longest([], fillvalue=None).__reduce__()[2]))


class Boom:
    def __iter__(self):
        return self

    def __next__(self):
        raise ValueError('boom')


show(list, it.zip_longest([1], Boom()))

# product
print(list(it.product('ab', range(3))), list(it.product()), list(it.product('ab', [])), list(it.product([1, 2], repeat=2)))
print(list(it.product('ab', repeat=0)), list(it.product(repeat=3)), len(list(it.product(range(3), range(4), range(2)))))
p = it.product('ab', 'xy')
print(p.__reduce__(), next(p), next(p), p.__reduce__()[2], list(rebuild(p)), list(p), p.__reduce__())
p2 = it.product('abc', 'xyz')
p2.__setstate__((1, 5))
print(list(p2))
p3 = it.product('ab', '')
p3.__setstate__((0, 0))
print(list(p3))
show(it.product, 1)
show(it.product, 'a', repeat=-1)
show(it.product, 'a', repeat='x')
show(it.product, 'a', x=1)
show(it.product('a').__setstate__, (1, 2))
show(it.product('a').__setstate__, ('x',))
show(it.product, 'a', repeat=2**62)

# combinations
print(list(it.combinations('ABCD', 2)), list(it.combinations(range(4), 3)), list(it.combinations('AB', 0)))
print(list(it.combinations('AB', 3)), list(it.combinations('', 0)), list(it.combinations(iterable='abc', r=3)), len(list(it.combinations(range(10), 4))))
cb = it.combinations('abcd', 2)
print(cb.__reduce__(), next(cb), next(cb), cb.__reduce__()[2], list(rebuild(cb)), list(cb), cb.__reduce__())
print(it.combinations('ab', 3).__reduce__())
cb2 = it.combinations('abcde', 3)
cb2.__setstate__((0, 9, -4))
print(list(cb2))
show(it.combinations, 'a')
show(it.combinations, 'a', -1)
show(it.combinations, 'a', 'x')
show(it.combinations, 1, 1)
show(it.combinations, 'a', 1, 2)
show(it.combinations('ab', 1).__setstate__, (1, 2))
show(it.combinations('ab', 1).__setstate__, ('x',))

# combinations_with_replacement
cwr = it.combinations_with_replacement
print(list(cwr('ABC', 2)), list(cwr('AB', 0)), list(cwr('', 2)), list(cwr('', 0)), list(cwr('A', 3)), len(list(cwr(range(5), 3))))
cw = cwr('abc', 2)
print(cw.__reduce__(), next(cw), next(cw), cw.__reduce__()[2], list(rebuild(cw)), list(cw), cw.__reduce__())
print(cwr('', 2).__reduce__())
cw2 = cwr('abcd', 3)
cw2.__setstate__((1, 9, -2))
print(list(cw2))
show(cwr, 'a')
show(cwr, 'a', -1)
show(cwr, 'a', 'x')
show(cwr, 'a', r=1, x=2)
show(cwr('ab', 1).__setstate__, (1, 2))
print(type(cw).__name__, type(cw).__module__)

# permutations
pm = it.permutations
print(list(pm('ABC')), list(pm('ABC', 2)), list(pm('AB', 0)), list(pm('AB', 3)), list(pm('')), list(pm('', 0)), list(pm(range(3), None)))
print(len(list(pm(range(5), 3))), list(pm(iterable='ab', r=1)) , list(pm([1, 2, 3])) == sorted(pm([1, 2, 3])))
pp = pm('abcd', 2)
print(pp.__reduce__(), next(pp), next(pp), pp.__reduce__()[2], list(rebuild(pp)), list(pp), pp.__reduce__())
print(pm('ab', 3).__reduce__())
pp2 = pm('abcd', 3)
pp2.__setstate__(((3, 2, 9, -1), (0, 9, 2)))
print(list(pp2))
show(pm)
show(pm, 'a', -1)
show(pm, 'a', 'x')
show(pm, 'a', 1.0)
show(pm, 1)
show(pm('ab').__setstate__, [1])
show(pm('ab').__setstate__, ((0, 1),))
show(pm('ab').__setstate__, ([0, 1], (1, 1)))
show(pm('ab').__setstate__, ((0,), (1, 1)))
