# mutation while iterating a dict
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

d = {1: 1, 2: 2, 3: 3}
def add_during():
    for k in d:
        d[k + 10] = 0
show(add_during)
print(len(d))
d = {1: 1, 2: 2, 3: 3}
def del_during():
    for k in d:
        del d[k]
show(del_during)
print(d)
d = {1: 1, 2: 2}
def change_keys():
    for k in d:
        del d[k]
        d[k + 100] = 1
show(change_keys)
print(d)
d = {1: 1, 2: 2}
def values_during():
    for v in d.values():
        d.pop(1, None)
show(values_during)
d = {1: 1, 2: 2}
def items_during():
    for kv in d.items():
        d[3] = 3
show(items_during)
d = {1: 1, 2: 2}
def reversed_during():
    for k in reversed(d):
        d[9] = 9
show(reversed_during)
d = {'a': 1}
it = iter(d)
d['b'] = 2
show(lambda: next(it))
show(lambda: next(it))
print(it.__length_hint__())
d = {1: 1, 2: 2, 3: 3}
for k in d:
    d[k] = k * 10   # changing values is fine
print(d)
d = {1: 1}
it = iter(d)
print(next(it))
show(lambda: next(it))
d[5] = 5
show(lambda: next(it))
l = [3, 1, 2]
def bad_key(x):
    l.append(x)
    return x
show(lambda: l.sort(key=bad_key))
print(l)
class Evil:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        victims.clear()
        return self.v < other.v
    def __repr__(self):
        return 'E%d' % self.v if False else 'E' + str(self.v)
victims = [Evil(3), Evil(1), Evil(2)]
show(lambda: victims.sort())
print(victims)
