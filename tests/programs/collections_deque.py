# _collections.deque against CPython: the methods, maxlen, errors, reprs, comparisons,
# iteration and its mutation check, pickling shape, and subclassing.
from _collections import deque
import collections, collections.abc
print(collections.deque is deque, deque.__module__, deque.__name__)
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, 9 in d, bool(deque()), deque(), d.maxlen)
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft([7, 8])
print(d, d.count('a'), d.index(2), d.index('a', 2), d.index(1, -5, -1))
d.rotate(2); print(d); d.rotate(-3); print(d); d.rotate(); print(d)
d.reverse(); print(d, list(reversed(d)))
d.insert(1, 'x'); d.insert(-1, 'y'); d.insert(100, 'z'); d.insert(-100, 'w'); print(d)
d.remove('x'); del d[0]; d[0] = 'first'; print(d)
for bad in [lambda: d.remove('nope'), lambda: d.index('nope'), lambda: deque().pop(), lambda: deque().popleft(),
            lambda: d[100], lambda: deque(maxlen=-1), lambda: deque([1], 2).insert(0, 0) or deque([1, 2], 2).insert(0, 0),
            lambda: d + [1], lambda: hash(d), lambda: deque(1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
m = deque(range(10), maxlen=3)
print(m, m.maxlen, repr(deque(maxlen=0)))
m.append(10); m.appendleft(-1); print(m)
m.extend(range(5)); print(m)
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) < deque([1, 3]), deque([1]) <= deque([1]), deque([2]) > deque([1, 5]), deque([1]) == [1])
print(deque('ab') + deque('cd'), deque('ab') * 3, 2 * deque('x'), deque('ab', maxlen=3) * 2)
e = deque([1, 2]); e += [3]; e *= 2; print(e)
c = e.copy(); print(c, c is e, c == e, type(c).__name__)
it = iter(e)
print(next(it), it.__length_hint__())
e.append(9)
try:
    next(it)
except RuntimeError as ex:
    print('RuntimeError', ex)
r = deque([1, [2]]); r.append(r); print(r)
print(type(deque([1]).__reduce__()[0]).__name__, deque([1], 4).__reduce__()[1], deque([1]).__reduce__()[1:3])
class Sub(deque):
    pass
s = Sub([1, 2], maxlen=5)
print(s, type(s.copy()).__name__, isinstance(s, collections.abc.MutableSequence), deque[int])
s.x = 1
print(s.__reduce__()[2])
d2 = deque([1, 2, 3])
d2.__init__([9])
print(d2, d2.maxlen)
d3 = deque([1, 2]); d3.extend(d3); print(d3)
import copy
print(copy.copy(d3), copy.deepcopy(deque([[1]], 2)))
