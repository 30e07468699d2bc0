# enumerate, reversed, zip, map, filter
list(enumerate('abc'))
list(enumerate('abc', 1))
list(enumerate('abc', start=5))
list(enumerate('abc', -2))
list(enumerate([], 3))
list(enumerate(iterable='ab'))
list(enumerate(iterable='ab', start=3))
list(enumerate(start=3, iterable='ab'))
list(enumerate((10, 20), True))
list(enumerate('ab', 2 ** 63 - 2))
list(enumerate('abc', 2 ** 63 - 1))
list(enumerate('abc', 2 ** 64))
list(enumerate('abc', -2 ** 64))
list(enumerate(range(3), 2 ** 100))
list(enumerate(enumerate('ab')))
list(enumerate([[1], (2,)]))
list(enumerate(set([3, 1, 2])))
enumerate()
enumerate(x=1)
enumerate(start=1)
enumerate([], 1, 2)
enumerate([], start=1, x=2)
enumerate(x=1, y=2)
enumerate(iterable=[], x=2)
enumerate(1)
enumerate(None)
enumerate([], 1.5)
enumerate([], 'a')
enumerate([], None)
type(enumerate([]))
next(enumerate('xyz'))
next(enumerate([]))
next(enumerate('xyz', 7))
(e := enumerate('abc'), next(e), next(e))[-1]
(e := enumerate('abc'), next(e), list(e))[-1]
(e := enumerate('abc'), iter(e) is e)[-1]
enumerate('ab').__reduce__()[1][1]
enumerate('ab', 5).__reduce__()[1][1]
enumerate('ab', 2 ** 70).__reduce__()[1][1]
enumerate('ab').__reduce__()[0]
(e := enumerate('ab', 3), next(e), e.__reduce__()[1][1])[-1]
enumerate.__name__
isinstance(enumerate([]), enumerate)
enumerate([]).__length_hint__
(E := type('E', (enumerate,), {}), list(E('ab', 1)))[-1]
(E := type('E', (enumerate,), {}), type(E('ab')))[-1]
list(reversed([1, 2, 3]))
list(reversed((1, 2, 3)))
list(reversed('abc'))
list(reversed(range(4)))
list(reversed(range(0, 10, 3)))
list(reversed([]))
list(reversed(''))
list(reversed(b'xyz'))
type(reversed(range(3)))
type(reversed('abc'))
type(reversed((1,)))
reversed(1)
reversed(frozenset())
reversed(set([1]))
reversed(None)
reversed()
reversed(1, 2)
reversed(x=1)
reversed([], x=1)
next(reversed('ab'))
next(reversed(''))
(r := reversed('abc'), next(r), list(r))[-1]
(r := reversed('abc'), iter(r) is r)[-1]
reversed('abcd').__length_hint__()
reversed('').__length_hint__()
(r := reversed('abcd'), next(r), r.__length_hint__())[-1]
(r := reversed('ab'), list(r), r.__length_hint__())[-1]
reversed('abc').__reduce__()
(r := reversed('ab'), list(r), r.__reduce__())[-1]
(r := reversed('abcde'), r.__setstate__(2), list(r))[-1]
(r := reversed('abcde'), r.__setstate__(-5), list(r))[-1]
(r := reversed('abcde'), r.__setstate__(50), list(r))[-1]
(r := reversed('abcde'), r.__setstate__('x'))
(r := reversed('abcde'), r.__setstate__(2 ** 70))
(r := reversed('ab'), list(r), r.__setstate__(1), list(r))[-1]
(R := type('R', (reversed,), {}), list(R('abc')))[-1]
(R := type('R', (reversed,), {}), type(R('abc')))[-1]
(L := type('L', (list,), {'__reversed__': None}), reversed(L('ab')))[-1]
reversed.__name__
list(zip())
list(zip('abc'))
list(zip('abc', [1, 2, 3]))
list(zip('abc', [1, 2]))
list(zip('ab', [1, 2, 3]))
list(zip('abc', range(3), (True, False, None)))
list(zip([], 'abc'))
list(zip('abc', []))
list(zip(set([1, 3]), 'xy'))
zip('a', x=1, y=2)
list(zip(zip('ab', 'cd'), 'ef'))
list(zip('abc', 'xyz', strict=True))
list(zip('abc', 'xy', strict=True))
list(zip('ab', 'xyz', strict=True))
list(zip('abc', 'abc', 'xy', strict=True))
list(zip('abc', 'abc', 'abcd', strict=True))
list(zip('abc', 'xy', 'abc', strict=True))
list(zip('a', 'bc', 'd', 'e', strict=True))
list(zip('abcd', 'abc', 'abc', 'abc', strict=True))
list(zip('abc', 'abc', 'abc', 'ab', strict=True))
list(zip('abc', 'xy', strict=False))
list(zip('abc', 'xy', strict=0))
list(zip('abc', 'xy', strict=''))
list(zip('abc', 'xy', strict=[1]))
list(zip(strict=True))
list(zip('', strict=True))
list(zip('', '', strict=True))
list(zip('', 'a', strict=True))
list(zip('a', '', strict=True))
zip(1)
zip('a', 2)
zip(x=1)
zip('a', strict=True, x=2)
type(zip())
next(zip('ab', 'cd'))
next(zip())
next(zip('', 'a'))
(z := zip('abc', 'def'), next(z), list(z))[-1]
(z := zip('ab'), iter(z) is z)[-1]
zip('ab', 'cd').__reduce__()[0]
len(zip('ab', 'cd').__reduce__())
len(zip('ab', 'cd', strict=True).__reduce__())
zip('ab', 'cd', strict=True).__reduce__()[2]
zip().__reduce__()
(z := zip('abc', 'xy'), z.__setstate__(True), list(z))[-1]
(z := zip('abc', 'xy', strict=True), z.__setstate__(False), list(z))[-1]
(z := zip('abc', 'xy'), z.__setstate__(1), z.__reduce__()[2])[-1]
zip.__name__
(Z := type('Z', (zip,), {}), list(Z('ab', 'cd')))[-1]
(Z := type('Z', (zip,), {}), type(Z()))[-1]
list(map(abs, [-1, 2, -3]))
list(map(str, [1, 2, 3]))
list(map(repr, ['a', 1]))
list(map(pow, [2, 3, 4], [3, 2]))
list(map(pow, [2, 3], [3, 2], [5, 5]))
list(map(len, ['', 'ab', [1, 2, 3]]))
list(map(int, '123'))
list(map(abs, []))
list(map(hash, (1, 2)))
list(map(bool, [0, 1, '', 'a']))
list(map(tuple, []))
list(map(abs, ['a']))
list(map(1, [1]))
map()
map(abs)
map(abs, 1)
map(abs, [1], 2)
map(abs, [1], x=2)
map(func=abs, iterable=[1])
type(map(abs, []))
next(map(abs, [-5]))
next(map(abs, []))
(m := map(abs, [-1, -2, -3]), next(m), list(m))[-1]
(m := map(abs, []), iter(m) is m)[-1]
map(abs, [1]).__reduce__()[0]
map(abs, [1], (2,)).__reduce__()[1][0]
len(map(abs, [1], (2,)).__reduce__()[1])
map.__name__
(M := type('M', (map,), {}), list(M(abs, [-1])))[-1]
(M := type('M', (map,), {}), type(M(abs, [])))[-1]
list(filter(None, [0, 1, '', 'a', None, [], [0], False, True]))
list(filter(bool, [0, 1, 2, 0]))
list(filter(len, ['', 'a', 'bc', '']))
list(filter(abs, [0, -1, 0, 2]))
list(filter(str, ['', 'x']))
list(filter(None, []))
list(filter(None, 'abc'))
list(filter(None, range(-2, 3)))
list(filter(abs, 'ab'))
list(filter(1, [1]))
filter()
filter(None)
filter(None, [], 1)
filter(None, 1)
filter(None, [], x=1)
filter(function=None, iterable=[])
type(filter(None, []))
next(filter(None, [0, 0, 3]))
next(filter(None, [0, 0]))
(f := filter(None, [0, 1, 0, 2]), next(f), list(f))[-1]
(f := filter(None, []), iter(f) is f)[-1]
filter(None, []).__reduce__()[0]
filter(None, []).__reduce__()[1][0]
filter.__name__
(F := type('F', (filter,), {}), list(F(None, [0, 1])))[-1]
(F := type('F', (filter,), {}), type(F(None, [])))[-1]
list(map(abs, filter(None, [0, -1, -2])))
list(zip(enumerate('ab'), reversed('cd')))
list(enumerate(zip('ab', 'cd')))
list(filter(None, map(abs, [0, -3, 0, 4])))
list(reversed(list(map(abs, [-1, -2]))))
list(zip(*[[1, 2], [3, 4]]))
list(map(pow, range(5), range(5)))
list(enumerate.__new__(enumerate, 'ab', 3))
list(reversed.__new__(reversed, 'ab'))
list(map.__new__(map, abs, [-1]))
list(filter.__new__(filter, None, [0, 2]))
list(zip.__new__(zip, 'a', 'b'))
(E := type('E', (enumerate,), {}), E())[-1]
(E := type('E', (enumerate,), {}), E('a', 1, 2))[-1]
(R := type('R', (reversed,), {}), R())[-1]
(M := type('M', (map,), {}), M(abs))[-1]
(F := type('F', (filter,), {}), F(None))[-1]
(l := list([1, 2]), l.__init__(l), l)[-1]
(l := list([1, 2]), l.__init__('ab'), l)[-1]
list([1], [2])
list(x=1)
