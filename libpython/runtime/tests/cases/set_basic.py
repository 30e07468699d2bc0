# set and frozenset: construction, reprs, iteration order, operators, methods, hashes, errors
set()
frozenset()
{1, 2, 3}
{3, 2, 1}
{1, 1, 1}
set([1, 2, 2, 3])
set((5, 4, 3))
set('hello')
set('abracadabra')
set(b'abc')
set({'a': 1, 'b': 2})
frozenset([1, 2, 3])
frozenset('ab')
frozenset({1: 2})
set([9, 17, 25, 33, 1])
set([100, 8, 16, 0, 32])
set([-1, -2, -3])
{True, 1, 1.0}
{0, False, 0.0}
{1.5, 2.5}
{None}
{(1, 2), (3, 4)}
{'x', 'y'}
{frozenset([1]), frozenset([2])}
set([frozenset()])
set(frozenset([1, 2]))
frozenset(frozenset([1, 2]))
frozenset(set([3, 4]))
list({10, 20, 30})
list({8, 16, 24, 0})
list(set(list([40, 30, 20, 10, 0, 50, 60, 70, 80])))
list(frozenset([7, 15, 23, 31, 39]))
len(set())
len({1, 2, 3})
len(set('aabbcc'))
len(frozenset([1, 1, 2]))
1 in {1, 2}
3 in {1, 2}
3 not in {1, 2}
'a' in set('abc')
1.0 in {1}
{1} in {frozenset([1])}
set() in {frozenset()}
[1] in {1}
{1: 2} in {1}
{1, 2} | {2, 3}
{1, 2} & {2, 3}
{1, 2} - {2, 3}
{1, 2} ^ {2, 3}
frozenset([1, 2]) | {3}
{3} | frozenset([1, 2])
frozenset([1, 2]) & {2}
{2} & frozenset([1, 2])
frozenset([1, 2]) - frozenset([1])
frozenset([1, 2]) ^ frozenset([2, 3])
{1} | [2]
{1} & (1,)
{1} - 1
{1} ^ 'a'
[1] | {2}
{1, 2} == {2, 1}
{1, 2} == frozenset([1, 2])
frozenset([1]) == {1}
{1, 2} != {1, 2}
{1, 2} != {1}
{1} == [1]
{1} != [1]
{1} < {1, 2}
{1, 2} < {1, 2}
{1, 2} <= {1, 2}
{1, 2} > {1}
{1, 2} >= {1, 3}
{1, 3} >= {1}
{1} < frozenset([1, 2])
set() < {1}
{1} < [1, 2]
{1} <= 3
{1, 2}.union({3}, [4], (5,))
{1, 2}.union()
{1, 2}.union('ab')
{1, 2, 3}.intersection({2, 3, 4}, [3])
{1, 2, 3}.intersection()
{1, 2, 3}.intersection([])
{1, 2, 3}.intersection([3, 3, 2, 9])
{1, 2, 3}.difference({1}, [2])
{1, 2, 3}.difference()
{1, 2, 3}.difference({1: 0})
{1, 2, 3}.difference('abc')
{1, 2, 3}.symmetric_difference([3, 4])
{1, 2, 3}.symmetric_difference({3: 1, 5: 2})
{1, 2}.isdisjoint({3})
{1, 2}.isdisjoint({2})
{1, 2}.isdisjoint([3, 4])
{1, 2}.isdisjoint([4, 2])
set().isdisjoint(set())
{1}.issubset([1, 2])
{1, 3}.issubset([1, 2])
{1, 2}.issuperset([1])
{1, 2}.issuperset([1, 5])
{1, 2}.issuperset({2})
frozenset([1]).issubset({1})
{1}.union(1)
{1}.intersection(1)
{1}.difference(1)
{1}.issubset(1)
{1}.issuperset(1)
{1}.isdisjoint(1)
{1}.symmetric_difference(1)
(s := {1, 2}, s.add(3), s)[-1]
(s := {1, 2}, s.add(2), s)[-1]
(s := {1, 2}, s.add([1]))
(s := {1, 2}, s.remove(1), s)[-1]
(s := {1, 2}, s.remove(5))
(s := {1, 2}, s.remove([5]))
(s := {1, 2}, s.remove({1}))
(s := {frozenset([1]), 2}, s.remove({1}), s)[-1]
(s := {frozenset([1]), 2}, s.discard({1}), s)[-1]
(s := {1, 2}, s.discard(5), s)[-1]
(s := {1, 2}, s.discard(1), s)[-1]
(s := {1, 2}, s.discard([]))
(s := {1, 2, 3}, s.pop(), s)
(s := set(), s.pop())
(s := {1, 2}, s.clear(), s)[-1]
(s := {1, 2}, s.update([3], (4,), 'a'), len(s))[-1]
(s := {1, 2}, s.update(), s)[-1]
(s := {1, 2, 3}, s.intersection_update([2, 3, 4]), s)[-1]
(s := {1, 2, 3}, s.intersection_update([2], [3]), s)[-1]
(s := {1, 2, 3}, s.difference_update([2], {3}), s)[-1]
(s := {1, 2, 3}, s.symmetric_difference_update([3, 4]), s)[-1]
(s := {1, 2, 3}, s.symmetric_difference_update(s), s)[-1]
(s := {1, 2, 3}, s.difference_update(s), s)[-1]
(s := {1, 2}, s.__ior__({3}), s)[-1]
(s := {1, 2}, s.__iand__({2}), s)[-1]
(s := {1, 2}, s.__isub__({2}), s)[-1]
(s := {1, 2}, s.__ixor__({2, 5}), s)[-1]
{1}.__ior__([2])
(s := {1, 2}, s.copy())[-1]
(s := {1, 2}, s.copy() is s)[-1]
(f := frozenset([1]), f.copy() is f)[-1]
frozenset([1, 2]).copy()
frozenset() is frozenset()
(f := frozenset([1]), frozenset(f) is f)[-1]
(f := frozenset([1]), set(f) is f)[-1]
hash(frozenset())
hash(frozenset([1]))
hash(frozenset([1, 2, 3]))
hash(frozenset([3, 2, 1]))
hash(frozenset(['a', 'b']))
hash(frozenset([frozenset([1]), frozenset()]))
hash(frozenset([-1, -2]))
hash(frozenset([2 ** 62, 2 ** 63, 0]))
hash(frozenset([1.5]))
hash(frozenset([None, 1])) == hash(frozenset([1, None]))
hash(frozenset([1, 2, 3]).difference([2]))
hash(frozenset([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))
hash(frozenset([1, 2]) | frozenset([3]))
hash({1})
hash(set())
{frozenset([1, 2]): 1}
frozenset([1, 2]) in {frozenset([2, 1])}
set.__hash__
repr({1, 'a'} - {'a'})
repr(frozenset())
repr(frozenset([frozenset()]))
repr({frozenset([1])})
str({1})
set(1)
set([[1]])
set([1], [2])
set(x=1)
frozenset(1)
frozenset([[]])
frozenset(a=1)
frozenset([1], [2])
{[]}
{{1}}
{1}.add()
{1}.add(1, 2)
set.add(frozenset(), 1)
frozenset().add
{1}.foo
frozenset([1]).union([2, 3])
frozenset([1]).intersection([1, 2])
frozenset([1, 2]).difference([1])
frozenset([1, 2]).symmetric_difference([2])
type({1}.union([2]))
type(frozenset([1]).union([2]))
type(frozenset([1]) | {2})
type({2} | frozenset([1]))
type(frozenset([1]) ^ {2})
type({2} - frozenset([1]))
type(frozenset([1]) & {1})
type(iter({1}))
type(iter(frozenset()))
list(iter({1, 2, 3}))
next(iter({5}))
next(iter(set()))
iter({1, 2}).__length_hint__()
(i := iter({1, 2}), next(i), i.__length_hint__())[-1]
(s := {1, 2}, i := iter(s), s.add(3), next(i))
(s := {1, 2}, i := iter(s), s.add(3), i.__length_hint__())[-1]
(s := {1, 2}, i := iter(s), s.discard(1), s.add(5), next(i))[-1]
(s := {0, 1, 2}, s.__reduce__())[-1]
frozenset([1, 2]).__reduce__()
set().__reduce__()
set().__sizeof__()
set(list([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).__sizeof__()
frozenset([1]).__sizeof__()
{1, 2}.__contains__(1)
{1, 2}.__contains__({1})
frozenset([1]).__contains__(1)
{1, 2}.__len__()
{1, 2}.__or__([1])
{1, 2}.__or__({3})
{1, 2}.__ror__({3})
{1, 2}.__sub__({1})
{1, 2}.__rsub__({1, 5})
{1, 2}.__eq__([])
{1, 2}.__le__({1, 2, 3})
bool(set())
bool({0})
bool(frozenset())
set.__name__
frozenset.__name__
set.__base__
frozenset.__mro__
isinstance({1}, set)
isinstance(frozenset(), set)
issubclass(frozenset, set)
(S := type('S', (set,), {}), S([1, 2]))[-1]
(S := type('S', (set,), {}), S())[-1]
(S := type('S', (set,), {}), S([1]) == {1})[-1]
(S := type('S', (set,), {}), type(S([1]) | {2}))[-1]
(S := type('S', (set,), {}), type(S([1]).copy()))[-1]
(S := type('S', (set,), {}), S([1]).__reduce__()[1:])[-1]
(F := type('F', (frozenset,), {}), F([1, 2]))[-1]
(F := type('F', (frozenset,), {}), F())[-1]
(F := type('F', (frozenset,), {}), hash(F([1, 2])) == hash(frozenset([1, 2])))[-1]
(F := type('F', (frozenset,), {}), type(F([1]).copy()))[-1]
(F := type('F', (frozenset,), {}), (f := F([1]), frozenset(f) is f)[-1])[-1]
(F := type('F', (frozenset,), {}), (f := F([1]), F(f) is f)[-1])[-1]
set('abcdefghijklmnopqrstuvwxyz') == set('zyxwvutsrqponmlkjihgfedcba')
len(set('x' * 1000))
(s := set(), s.update([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]), list(s))[-1]
(s := {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, s.difference_update([2, 4, 6, 8, 10, 12]), list(s))[-1]
list(set([33, 1, 65, 97, 129, 161]))
list(set([7, 1007, 2007, 3007]))
set.__new__(set, [1])
frozenset.__new__(frozenset, [1])
(s := set([1]), s.__init__([2, 3]), s)[-1]
(s := set([1]), s.__init__(), s)[-1]
(s := set([1]), s.__init__([1], [2]))
(S := type('S', (set,), {}), S([1], [2]))[-1]
(S := type('S', (set,), {}), S(x=1))[-1]
(F := type('F', (frozenset,), {}), F([1], [2]))[-1]
(F := type('F', (frozenset,), {}), F(x=1))[-1]
list(set(map(str, range(300))))
list(set(map(hash, map(str, range(500)))))[:50]
(s := set(map(str, range(100))), s.difference_update(map(str, range(0, 100, 3))), list(s))[-1]
(s := set(range(1000)), s.difference_update(range(0, 1000, 2)), s.__sizeof__(), len(s))[2:]
(s := set(range(1000)), s.difference_update(range(10, 1000)), s.__sizeof__(), list(s))[2:]
hash(frozenset(map(str, range(300))))
hash(frozenset(range(1000)) - frozenset(range(0, 1000, 7)))
(s := set(map(str, range(50))), [s.pop(), s.pop(), s.pop()], len(s))[1:]
list(set(map(str, range(40))) ^ set(map(str, range(20, 60))))
list(set(map(str, range(40))) & set(map(str, range(20, 60))))
list(frozenset(range(64, 0, -1)))
list(set(range(0, 2 ** 40, 2 ** 34)))
list(set(range(-50, 50, 7)))
