def f(a, b=2, *args, k=3, **kw):
    return a + b + k + len(args) + len(kw)
class C:
    def __init__(self, v): self.v = v
    def get(self): return self.v * 2
def gen(n):
    for i in range(n):
        yield i * i
total = 0
for x in gen(5):
    total += x
c = C(total)
r = [f(1), f(1, 2, 3, 4, k=5, z=6), c.get(), sorted({3, 1, 2}) if False else 0]
try:
    {}['missing']
except KeyError as e:
    r.append(e.args)
raise ValueError(r)
