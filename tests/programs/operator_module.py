import _operator as op


def show(f, *args, **kw):
    try:
        print(repr(f(*args, **kw)))
    except Exception as e:
        print(type(e).__name__, e)


print(sorted(k for k in dir(op) if not k.startswith('__')))
print(op.add(1, 2), op.sub(5, 7), op.mul('ab', 3), op.matmul.__name__, op.floordiv(7, 2),
      op.truediv(7, 2), op.mod(7, 3), op.pow(2, 10), op.neg(3), op.pos(-3), op.abs(-4),
      op.inv(5), op.invert(5), op.lshift(1, 5), op.rshift(64, 2), op.and_(12, 10),
      op.or_(12, 10), op.xor(12, 10), op.not_(0), op.truth([]), op.index(7))
print(op.lt(1, 2), op.le(2, 2), op.eq(1, 1.0), op.ne(1, 2), op.gt(1, 2), op.ge(3, 2))
print(op.is_(None, None), op.is_not(None, 1), op.contains([1, 2], 2), op.contains('abc', 'd'))
print(op.countOf([1, 2, 1, 1.0, True], 1), op.indexOf((5, 6, 7), 7), op.indexOf(iter('xyz'), 'y'))
print(op.concat([1], [2]), op.concat('a', 'b'), op.concat((1,), (2,)))
l = [1]
print(op.iconcat(l, [2, 3]) is l, l)
x = [1, 2]
print(op.iadd(x, [3]) is x, x, op.iadd(1, 2), op.isub(5, 1), op.imul([0], 2), op.ifloordiv(9, 2),
      op.itruediv(9, 2), op.imod(9, 4), op.ilshift(1, 3), op.irshift(8, 1), op.iand(6, 3),
      op.ior(6, 3), op.ixor(6, 3), op.ipow(3, 3))
s = {1}
print(op.ior(s, {2}) is s, s)
d = {'a': 1}
op.setitem(d, 'b', 2)
print(op.getitem(d, 'a'), d)
op.delitem(d, 'a')
print(d, op.getitem([1, 2, 3], slice(1, None)), op.getitem('abc', -1))
print(op.length_hint([1, 2, 3]), op.length_hint(iter([1, 2])), op.length_hint(iter(range(5))),
      op.length_hint(object(), 7), op.length_hint(x for x in []), op.length_hint(3, default=4) if False else op.length_hint(3, 4))


class H:
    def __init__(self, v):
        self.v = v

    def __length_hint__(self):
        return self.v


print(op.length_hint(H(5)), op.length_hint(H(NotImplemented), 9))
show(op.length_hint, H('x'))
show(op.length_hint, H(-1))
show(op.length_hint, [], 'x')
show(op.length_hint)
print(op._compare_digest(b'abc', b'abc'), op._compare_digest(b'abc', b'abd'), op._compare_digest('ab', 'ab'),
      op._compare_digest(b'a', bytearray(b'a')), op._compare_digest(b'a', b'ab'), op._compare_digest('', ''))
show(op._compare_digest, 'é', 'e')
show(op._compare_digest, 1, 2)
show(op._compare_digest, 'a', b'a')
print(op.call(max, 3, 9, 4), op.call(sorted, [3, 1, 2], reverse=True), op.call(dict, a=1))
show(op.call)

# argument errors
show(op.add, 1)
show(op.add, 1, 2, 3)
show(op.truth)
show(op.neg, 'x')
show(op.add, 1, 'x')
show(op.concat, 1, 2)
show(op.concat, [1], 'a')
show(op.iconcat, 1, [2])
show(op.countOf, 1, 2)
show(op.indexOf, [1], 2)
show(op.getitem, [1], 5)
show(op.index, 1.5)
show(op.setitem, [1], 0)

# itemgetter
g = op.itemgetter(1)
print(g([10, 20, 30]), g('xyz'), repr(g), g.__reduce__())
g2 = op.itemgetter(0, -1, slice(1, 2))
print(g2('abcd'), repr(g2), g2.__reduce__())
print(repr(op.itemgetter('k')), op.itemgetter('k')({'k': 5}))
show(op.itemgetter)
show(op.itemgetter, 1, a=2)
show(g)
show(g, [1], [2])
show(g, [1], x=1)
show(g, [])
show(g, 5)
print(type(g).__name__, type(g).__module__, type(g).__qualname__)
try:
    class Sub(op.itemgetter):
        pass
except TypeError as e:
    print(e)

# attrgetter
class P:
    pass


p = P()
p.name = P()
p.name.first = 'Ada'
p.name.last = 'Lovelace'
p.age = 36
a = op.attrgetter('age')
print(a(p), repr(a), a.__reduce__())
a2 = op.attrgetter('name.first', 'name.last', 'age')
print(a2(p), repr(a2), a2.__reduce__())
a3 = op.attrgetter('name.first')
print(a3(p), repr(a3), a3.__reduce__())
show(op.attrgetter('nope'), p)
show(op.attrgetter('name.nope'), p)
show(op.attrgetter, 1)
show(op.attrgetter)
show(op.attrgetter, 'a', b='c')
show(a)
show(a, p, p)

# methodcaller
m = op.methodcaller('split', ',')
print(m('a,b,c'), repr(m), m.__reduce__())
m2 = op.methodcaller('upper')
print(m2('abc'), repr(m2), m2.__reduce__())
m3 = op.methodcaller('to_bytes', 2, byteorder='little')
print(m3(258), repr(m3))
m4 = op.methodcaller('replace', 'a', 'b', 1)
print(m4('aaa'), repr(m4))
show(op.methodcaller)
show(op.methodcaller, 1)
show(m)
show(m, 'a', 'b')
show(m, 'a', k=1)
show(op.methodcaller('nothing'), 1)
print(type(m).__name__, type(a).__name__)


# recursive repr
class R:
    pass


r = op.itemgetter(R())
print(repr(r).startswith('operator.itemgetter(<__main__.R object'))
lst = []
ig = op.itemgetter(lst)
lst.append(ig)
print(repr(ig))
