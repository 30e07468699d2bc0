# tuple hashing (CPython 3.11's xxHash-based tuplehash), comparisons, as dict keys
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

for t in [(), (0,), (1,), (-1,), (1, 2), (2, 1), (1, 2, 3), ((),), ((1,), (2,)), (True, False),
          (2**63, -2**63), (10**30,), (0.5, 1.25), ('',), (1, (2, (3, (4,))))]:
    print(t, hash(t))
print(hash((1, 2)) == hash((1.0, 2.0)), hash((1, 'a')) == hash((1, 'a')))
show(lambda: hash((1, [2])))
show(lambda: hash((1, {})))
show(lambda: hash(((1, 2), {3})))
print(hash((frozenset(),)) == hash((frozenset(),)))
class H:
    def __hash__(self):
        return -1
print(hash((H(),)), hash(H()))
class Bad:
    def __hash__(self):
        raise RuntimeError('bad hash')
show(lambda: hash((1, Bad())))
d = {(1, 2): 'a', (1, (2, 3)): 'b', (): 'c'}
print(d[(1, 2)], d[1, (2, 3)], d[()], (1, 2) in d, (2, 1) in d)
s = {(1, 2), (1, 2), (2, 1)}
print(len(s), sorted(s))
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 3), (1, 3) > (1, 2, 9), () < (0,), (1,) == (1.0,), (1, 2) <= (1, 2), (3,) >= (2, 9))
show(lambda: (1, 'a') < (1, 2))
show(lambda: (1,) < [1])
print((1, 2) == [1, 2], (1,) != (1,), (float('nan'),) == (float('nan'),))
n = float('nan')
print((n,) == (n,), (n, 1) < (n, 2))
print(max([(1, 'b'), (1, 'a'), (0, 'z')]), min((3, 1), (2, 9)), sorted([(2, 1), (1, 2), (1, 1)]))
a, *b = (1, 2, 3)
print(a, b, tuple(b))
t = (1, [2, 3])
t[1].append(4)
print(t)
show(lambda: t.__setitem__(0, 5))
def setter():
    t[0] = 5
show(setter)
print(t[0], t[-1], t[1:], t[::-1], t[5:])
show(lambda: t[2])
show(lambda: t['a'])
print(len(()), bool(()), bool((0,)), (1, 2) + (3,), (0,) * 3)
