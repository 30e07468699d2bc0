import sys
def show(*a):
    print(*a)
show(2**100 // 7, -2**100 // 7, 2**100 % -7, divmod(-17, 5), divmod(17.5, -3), (-7) // 2.0)
show(round(2.5), round(3.5), round(-0.5), round(1.2345, 2), round(12345, -2), round(2.675, 2))
show(int.from_bytes(b'\x01\x02', 'big'), (1024).to_bytes(4, 'little'), (-1).to_bytes(2, 'big', signed=True))
show((255).bit_length(), (10).bit_count(), (3.5).as_integer_ratio(), (0.1).hex(), float.fromhex('0x1.8p1'))
show(1e16, 1e-7, 123456789012345678.0, 0.1 + 0.2, 1/3, -0.0, float('inf'), 2.0**0.5)
show(hash(1.5), hash(-1), hash(2**61), hash(float('inf')), hash((1, 2)), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
show(sorted({3, 1, 2}), {1, 2} | {3}, {1, 2} & {2}, {1, 2} ^ {2, 3}, {1} <= {1, 2}, frozenset({1}) | {2})
show(list(range(10, 0, -3)), range(5)[1:3], range(0, 10, 2).index(4), 7 in range(0, 10, 7), len(range(-5)))
show([1, 2, 3][::-1], [1, 2, 3, 4][1::2], 'hello'[::-2], (1, 2, 3)[-2:], list(reversed((1, 2))))
d = {'a': 1, 'b': 2}
d2 = d | {'c': 3}
d |= {'a': 0}
show(d, d2, list(d.items()), d.keys() & {'a'}, d.get('z', 5), d.setdefault('q', []), d)
show(dict.fromkeys('ab', 0), {k: v for k, v in zip('xy', (1, 2))}, dict([(1, 2)]), dict(a=1, **{'b': 2}))
l = [5, 3, 1]
l.sort()
l.extend(range(2))
l.insert(-1, 9)
show(l, l.index(9), l.count(1), l * 2, [0] * 3, l.copy() == l, l.pop(0), l)
s = 'Hello, World'
show(s.lower(), s.casefold(), s.split(', '), s.partition(','), s.center(20, '*'), s.zfill(15), s.title(), s.swapcase())
show(f"{3.14159:.2f}|{42:>8}|{'x':^5}|{1234567:,}|{255:#x}|{0.5:%}|{12:08.3f}")
show('%s %r %d %5.2f %-5s| %x %o %e %c' % ('a', 'b', 3, 2.5, 'z', 255, 8, 12345.678, 65))
show(repr('a\nb\t\x00é\u2028'), ascii('é'), str(b'x'), repr(1e100), repr(1.0), str(12.0))
show(max([1, 5, 3], key=lambda x: -x), min('bca'), sum([0.1] * 10), sum([[1], [2]], []), any([]), all([]))
show(list(zip([1, 2], 'ab', strict=True)), list(enumerate('ab', 1)), list(map(pow, [2, 3], [2, 2])), list(filter(None, [0, 1, ''])))
show(isinstance(True, int), issubclass(bool, (str, int)), type(1) is int, callable(len), bin(-5), oct(8), hex(-255))
show(sys.getsizeof(1) > 0, id(1) == id(1), chr(0x1F600), ord('€'), divmod(2**64, 2**32))
show(int('0b101', 0), int('  42  '), int('1_000'), float(' 1e3 '), complex('1+2j'), int(3.99), int(-3.99))
show(1 < 2 < 3, 1 == 1.0, (1, 2) < (1, 3), [1] == [1.0], 'a' < 'b', None is None)
show(abs(-3), abs(-2.5), abs(3+4j), pow(3, -1, 7), pow(2, 10), 2 ** -2, (-8) ** (1/3))
