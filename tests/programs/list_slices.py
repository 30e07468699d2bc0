# list slicing, slice assignment and deletion, extended slices and their messages
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

a = list(range(10))
print(a[2:5], a[::2], a[::-1], a[-3:], a[:-3], a[5:2], a[1:8:3], a[8:1:-2], a[100:], a[-100:2])
b = a[:]
b[2:5] = ['x']
print(b)
b[0:0] = [7, 8]
print(b)
b[len(b):] = 'ab'
print(b)
b[3:1] = [None]
print(b)
b[:] = range(3)
print(b)
b[1:2] = b
print(b)
del b[1:3]
print(b)
del b[:]
print(b)
c = list(range(10))
c[::2] = 'abcde'
print(c)
c[::-3] = [0, 0, 0, 0]
print(c)
show(lambda: c.__setitem__(slice(None, None, 2), [1, 2]))
show(lambda: c.__setitem__(slice(None, None, 2), 5))
show(lambda: c.__setitem__(slice(1, 2), 5))
show(lambda: c.__setitem__(slice(None, None, 0), [1]))
del c[::2]
print(c)
d = list(range(10))
del d[::-3]
print(d)
del d[1:100:4]
print(d)
e = list(range(5))
e[1:4:1] = []
print(e)
e = list(range(6))
e[::2] = e[1::2]
print(e)
e[4:0:-1] = 'wxyz'
print(e)
e[10:20:2] = []
print(e)
f = [1, 2, 3]
f[1] = 'two'
f[-1] = 'three'
print(f)
show(lambda: f[3])
show(lambda: f[-4])
show(lambda: f.__setitem__(3, 0))
show(lambda: f.__delitem__(3))
show(lambda: f['a'])
show(lambda: f[1.0])
show(lambda: f.__setitem__('a', 1))
show(lambda: f[2**100])
show(lambda: f['a':])
del f[0]
print(f)
g = list(range(8))
print(g[slice(1, 6, 2)], g[slice(None)], g[-1:-9:-1])
print(g[::-1][::-1] == g, g[1:-1:1])
h = [1, 2, 3]
h[1:1] = (x for x in 'gen')
print(h)
