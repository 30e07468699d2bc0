# list operators: + * += *= and their messages
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = [1, 2]
print(a + [3], [] + [], a * 3, 3 * a, a * 0, a * -2, [] * 10)
show(lambda: a + (3,))
show(lambda: a + 'x')
show(lambda: a + None)
show(lambda: a * 'x')
show(lambda: a * 1.0)
show(lambda: a * (2**100))
b = a
b += [3]
b += (4, 5)
b += 'ab'
b += range(2)
print(a, b is a)
def iadd_bad():
    global b
    b += 5
show(iadd_bad)
c = [1, 2]
c2 = c
c *= 3
print(c, c is c2)
c *= 1
print(c)
c *= 0
print(c, c is c2)
d = [0]
d *= -5
print(d)
e = [[]] * 3
e[0].append(1)
print(e)
def imul_bad():
    global d
    d *= 'x'
show(imul_bad)
t = (1,)
t += (2,)
t *= 2
print(t)
class L(list):
    pass
x = L([1, 2])
print(type(x + [3]).__name__, type(x * 2).__name__, x + [3])
x += [9]
print(type(x).__name__, x)
class R:
    def __radd__(self, other):
        return 'radd'
    def __rmul__(self, other):
        return 'rmul'
print([1] + R(), [1] * R())
print([1, 2].__add__([3]), [1].__mul__(2), [1].__rmul__(3))
print([1, 2].__iadd__((3,)), [5].__imul__(2))
print(list.__add__([1], [2]))
show(lambda: [1].__add__((2,)))
n = 3
y = [1]
n *= y
print(n, y)
