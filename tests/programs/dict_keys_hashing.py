# dict keys: custom __hash__/__eq__, collisions, deletions, re-insertion, order
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

class K:
    def __init__(self, v, h):
        self.v, self.h = v, h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
    def __repr__(self):
        return 'K(' + repr(self.v) + ')'
d = {K(i, 7): i for i in range(20)}
print(len(d), d[K(5, 7)], K(19, 7) in d, K(20, 7) in d)
for i in range(0, 20, 3):
    del d[K(i, 7)]
print(list(d.values()))
d[K(0, 7)] = 'back'
print(list(d)[-1], len(d))
class EqRaises:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        raise ValueError('eq boom')
e = {1: 'one'}
show(lambda: e[EqRaises()])
show(lambda: e.get(EqRaises()))
show(lambda: EqRaises() in e)
class HashRaises:
    def __hash__(self):
        raise TypeError('no hash for you')
show(lambda: {}[HashRaises()])
show(lambda: {HashRaises(): 1})
show(lambda: {}.get(HashRaises()))
show(lambda: {1: 2}.pop(HashRaises()))
show(lambda: {}.pop(HashRaises(), 0))
show(lambda: {}.setdefault([]))
show(lambda: dict.fromkeys([[1]]))
order = {}
for w in ['z', 'a', 'm', 'a', 'z', 'q']:
    order[w] = order.get(w, 0) + 1
print(order, list(order))
del order['a']
order['a'] = 0
print(order)
nums = {}
for i in range(100):
    nums[i * 7919 % 101] = i
print(len(nums), list(nums)[:8], nums[0], nums[100])
for i in range(100):
    if i % 2:
        del nums[i * 7919 % 101]
print(len(nums), list(nums.items())[:4])
mixed = {1: 'int', 1.5: 'float', 'a': 'str', (1,): 'tuple', None: 'none', frozenset([1]): 'fs', True: 'bool?'}
print(mixed, mixed[1], mixed[1.0])
print({-1: 'a', -2: 'b'}[-1], {2**64: 'big'}[2**64], {0.0: 'z'}[-0.0])
