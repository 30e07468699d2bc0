# list.sort: timsort, stability, key=, reverse=, errors, big inputs
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [5, 3, 9, 1, 7, 3, 0, -2]
a.sort()
print(a)
a.sort(reverse=True)
print(a)
words = ['banana', 'Apple', 'cherry', 'date', 'Elder', 'fig']
words.sort(key=len)
print(words)
words.sort(key=lambda w: w[-1], reverse=True)
print(words)
words.sort(key=None)
print(words)
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b'), (2, 'c'), (1, 'c')]
pairs.sort(key=lambda p: p[0])
print(pairs)
pairs.sort(key=lambda p: p[0], reverse=True)
print(pairs)
# a deterministic pseudo-random sequence, long enough for galloping merges
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2**31
    return seed
big = [rnd() % 1000 for _ in range(2000)]
s1 = big[:]
s1.sort()
print(s1[:10], s1[-5:], all(s1[i] <= s1[i + 1] for i in range(len(s1) - 1)))
recs = [(x, i) for i, x in enumerate(big)]
s2 = sorted(range(len(big)), key=lambda i: big[i])
print(all(big[s2[i]] < big[s2[i + 1]] or (big[s2[i]] == big[s2[i + 1]] and s2[i] < s2[i + 1]) for i in range(len(s2) - 1)))
s3 = big[:]
s3.sort(key=lambda x: x % 10, reverse=True)
print(s3[:12])
runs = list(range(500)) + list(range(300, 0, -1)) + list(range(1000, 1200)) + [5] * 100
runs.sort()
print(runs[:5], runs[-5:], len(runs), runs == sorted(runs))
count = 0
class C:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        global count
        count += 1
        return self.v < other.v
objs = [C(rnd() % 100) for _ in range(300)]
objs.sort()
print(count, [o.v for o in objs[:8]])
count = 0
objs = [C(x) for x in [3, 1, 2, 5, 4, 9, 8, 7, 6, 0]]
objs.sort(reverse=True)
print(count, [o.v for o in objs])
show(lambda: [1, 'a'].sort())
show(lambda: [3, 2, None, 1].sort())
l = [3, 2, 1, 'x', 0]
show(lambda: l.sort())
print(sorted(l, key=str))
show(lambda: [].sort(1))
show(lambda: [].sort(cmp=len))
show(lambda: [1].sort(key=1))
show(lambda: [1, 2].sort(key=1))
show(lambda: [1, 2].sort(key=lambda x: 1 / (x - 1)))
show(lambda: [].sort(reverse='yes'))
show(lambda: [].sort(key=len, reverse=False, x=1))
m = [2, 1]
def mutate(x):
    m.append(x)
    return x
show(lambda: m.sort(key=mutate))
print(m)
print([].sort(), [1].sort(reverse=1))
print(sorted([3, 1, 2], reverse=True), sorted('bca'), sorted({3: 0, 1: 0}))
n = [0.5, -1, 2**70, True, 3]
n.sort()
print(n)
