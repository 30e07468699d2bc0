# range: construction, len, items, slices, containment, index/count, eq/hash, reprs, iterators
range(5)
range(1, 5)
range(1, 5, 2)
range(5, 1, -1)
range(0)
range(-5)
range(0, 10, 1)
range(True)
range(False, True)
range(2 ** 70)
range(-2 ** 70, 2 ** 70, 3 ** 20)
list(range(5))
list(range(1, 5))
list(range(1, 10, 3))
list(range(10, 1, -3))
list(range(0))
list(range(5, 5))
list(range(5, 0))
list(range(0, 5, -1))
list(range(-3, 3))
list(range(-10, -20, -4))
list(range(2 ** 63 - 3, 2 ** 63 + 2))
list(range(-2 ** 63 - 2, -2 ** 63 + 2))
list(range(2 ** 100, 2 ** 100 + 3))
list(range(0, 2 ** 64, 2 ** 62))
list(range(2 ** 64, 0, -2 ** 62))
list(range(9223372036854775806, 9223372036854775807))
list(range(-9223372036854775807, -9223372036854775808, -1))
list(range(0, 9223372036854775807, 4611686018427387904))
len(range(10))
len(range(0))
len(range(10, 0))
len(range(0, 10, 3))
len(range(0, 10, -3))
len(range(10, 0, -3))
len(range(-100, 100, 7))
len(range(2 ** 62))
len(range(2 ** 63))
len(range(2 ** 63 - 1))
len(range(-2 ** 63, 2 ** 63 - 1))
len(range(2 ** 100))
range(2 ** 100).__len__()
range(10)[0]
range(10)[9]
range(10)[-1]
range(10)[-10]
range(10)[10]
range(10)[-11]
range(0)[0]
range(1, 20, 3)[4]
range(20, 1, -3)[4]
range(20, 1, -3)[-1]
range(2 ** 100)[2 ** 99]
range(2 ** 100)[-1]
range(2 ** 100)[2 ** 100]
range(10)[True]
range(10)['a']
range(10)[1.0]
range(10)[None]
range(10)[1:4]
range(10)[::2]
range(10)[::-1]
range(10)[-3:]
range(10)[5:1:-2]
range(10)[100:]
range(10)[:-100]
range(0, 20, 3)[1::2]
range(20, 0, -3)[::-2]
range(10)[::0]
range(10)[1:'a']
range(10)[::None]
range(2 ** 100)[2 ** 99::2 ** 98]
range(2 ** 100)[::-1]
range(10)[slice(2, None)]
5 in range(10)
10 in range(10)
-1 in range(10)
4 in range(0, 10, 2)
5 in range(0, 10, 2)
5 in range(10, 0, -1)
0 in range(10, 0, -1)
10 in range(10, 0, -1)
True in range(2)
False in range(1, 3)
2 ** 99 in range(2 ** 100)
2 ** 100 in range(2 ** 100)
1.0 in range(3)
1.5 in range(3)
'a' in range(3)
None in range(3)
range(10).index(3)
range(10).index(10)
range(0, 10, 2).index(8)
range(10, 0, -2).index(4)
range(10).index(True)
range(10).index(3.0)
range(10).index('a')
range(2 ** 100).index(2 ** 99)
range(10).count(3)
range(10).count(10)
range(10).count(3.0)
range(10).count('a')
range(0, 10, 2).count(True)
range(10).index()
range(10).count(1, 2)
range(5) == range(5)
range(5) == range(0, 5)
range(5) == range(0, 5, 1)
range(0) == range(5, 5)
range(0) == range(3, 1, 4)
range(1, 2) == range(1, 3, 5)
range(1, 2) == range(2, 3)
range(0, 10, 2) == range(0, 9, 2)
range(0, 10, 2) == range(0, 10, 3)
range(5) != range(6)
range(5) == [0, 1, 2, 3, 4]
range(5) == 5
range(5) < range(6)
range(5) >= range(6)
range(2 ** 100) == range(0, 2 ** 100)
hash(range(5)) == hash(range(0, 5, 1))
hash(range(0)) == hash(range(4, 2))
hash(range(0, 10, 3))
hash(range(2 ** 100))
hash(range(1, 2)) == hash(range(1, 2, 7))
{range(3): 1}[range(0, 3)]
range(5).start
range(5).stop
range(5).step
range(1, 9, 2).start
range(1, 9, 2).stop
range(1, 9, 2).step
range(True, 5).start
range(5).foo
repr(range(0, 5))
repr(range(0, 5, 1))
repr(range(0, 5, 2))
repr(range(2 ** 70, -1, -2 ** 69))
str(range(3))
bool(range(0))
bool(range(1))
bool(range(5, 0))
bool(range(2 ** 100))
range()
range(1, 2, 3, 4)
range(1, 2, 0)
range(1.0)
range(1, 2.0)
range(1, 2, 1.5)
range('a')
range(None)
range(stop=5)
range(1, step=2)
range(5).__reduce__()
range(1, 10, 3).__reduce__()
type(iter(range(5)))
type(iter(range(2 ** 63)))
type(iter(range(2 ** 64)))
type(iter(range(0, 2 ** 63 - 1, 2)))
type(range(5).__reversed__())
type(range(2 ** 64).__reversed__())
type(range(-2 ** 63, 0).__reversed__())
list(range(5).__reversed__())
list(range(1, 10, 3).__reversed__())
list(range(10, 1, -3).__reversed__())
list(range(0).__reversed__())
list(range(2 ** 64, 2 ** 64 + 3).__reversed__())
list(range(-2 ** 63, -2 ** 63 + 3).__reversed__())
list(range(2 ** 63 - 3, 2 ** 63 - 1).__reversed__())
next(iter(range(3)))
next(iter(range(0)))
next(iter(range(2 ** 70, 2 ** 71)))
iter(range(5)).__length_hint__()
iter(range(2 ** 70)).__length_hint__()
(i := iter(range(5)), next(i), next(i), i.__length_hint__())[-1]
(i := iter(range(5)), i.__setstate__(3), list(i))[-1]
(i := iter(range(5)), i.__setstate__(-3), list(i))[-1]
(i := iter(range(5)), i.__setstate__(30), list(i))[-1]
(i := iter(range(5)), i.__setstate__('a'))[-1]
(i := iter(range(2 ** 64, 2 ** 64 + 5)), i.__setstate__(3), list(i))[-1]
(i := iter(range(2 ** 64, 2 ** 64 + 5)), i.__setstate__(-1), list(i))[-1]
(i := iter(range(2 ** 64, 2 ** 64 + 5)), i.__setstate__(99), list(i))[-1]
(i := iter(range(2 ** 64, 2 ** 64 + 5)), next(i), i.__length_hint__())[-1]
list(iter(range(3)))
iter(range(3)) is iter(range(3))
(i := iter(range(3)), iter(i) is i)[-1]
range(3).__iter__().__next__()
range.__name__
type(range(1))
isinstance(range(1), range)
range(0, 3).__contains__(2)
range(0, 3).__getitem__(1)
range(0, 3).__len__()
range(5)[1:3][0]
list(range(20)[::3][::-1])
list(range(0, 100, 7)[3:10:2])
list(range(2 ** 70, 2 ** 70 + 10)[2:8:3])
set(range(5))

hash(range(3, 4)) == hash(range(3, 4, 9))
list(range(3, 0, -1))
range.__new__(range, 3)
range.__new__(range, 1, 9, 2)
range.__new__(range)
