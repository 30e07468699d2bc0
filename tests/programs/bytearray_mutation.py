# bytearray: mutating methods, item and slice assignment, in-place operators
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, "!!", type(e).__name__, e)

a = bytearray(b"hello")
a.append(33)
print(a, len(a))
a.extend(b" world")
a.extend([65, 66])
a.extend(bytearray(b"!"))
a.extend(x for x in (67, 68))
a.extend(range(48, 51))
print(a)
a.insert(0, 62)
a.insert(-1, 63)
a.insert(100, 64)
a.insert(-100, 60)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(ord("l"))
print(a)
a.reverse()
print(a)
c = a.copy()
c[0] = 0
print(a[0] != c[0], type(c).__name__)
a.clear()
print(a, len(a))

t("append 256", lambda: bytearray().append(256))
t("append -1", lambda: bytearray().append(-1))
t("append str", lambda: bytearray().append("a"))
t("append bytes", lambda: bytearray().append(b"a"))
t("append none", lambda: bytearray().append())
t("extend int", lambda: bytearray().extend(5))
t("extend bad item", lambda: bytearray().extend([1, 300]))
t("extend str", lambda: bytearray().extend("ab"))
b = bytearray(b"ab")
t("extend partial", lambda: b.extend([1, 2, "x"]))
print(b)
t("insert few", lambda: bytearray().insert(0))
t("insert bad", lambda: bytearray().insert("0", 1))
t("insert 300", lambda: bytearray().insert(0, 300))
t("pop empty", lambda: bytearray().pop())
t("pop range", lambda: bytearray(b"a").pop(1))
t("pop neg range", lambda: bytearray(b"a").pop(-2))
t("pop str", lambda: bytearray(b"a").pop("x"))
t("pop many", lambda: bytearray(b"a").pop(1, 2))
t("remove missing", lambda: bytearray(b"abc").remove(ord("z")))
t("remove 300", lambda: bytearray(b"abc").remove(300))
t("remove str", lambda: bytearray(b"abc").remove("a"))

x = bytearray(b"0123456789")
x[0] = 65
x[-1] = 66
print(x)
x[2:4] = b"XYZ"
print(x)
x[2:5] = b""
print(x)
x[:0] = b"<<"
x[len(x):] = [62, 62]
print(x)
x[1:3] = bytearray(b"..")
x[5:2] = b"in"
print(x)
x[::2] = b"*" * len(x[::2])
print(x)
x[::-3] = [48] * len(x[::-3])
print(x)
x[3:6] = range(97, 100)
print(x)
x[:] = x
print(x)
x[2:4] = x
print(x)
del x[0]
del x[-1]
print(x)
del x[2:5]
print(x)
del x[::2]
print(x)
del x[::-2]
print(x)
del x[5:1]
del x[100:]
print(x)
y = bytearray(range(20))
del y[1:15:3]
print(y)
del y[::-4]
print(y)
y[1:10:4] = b"ABC"
print(y)

z = bytearray(b"abcdef")
t("set 256", lambda: z.__setitem__(0, 256))
t("set bytes", lambda: z.__setitem__(0, b"a"))
t("set out", lambda: z.__setitem__(10, 1))
t("set neg out", lambda: z.__setitem__(-10, 1))
t("del out", lambda: z.__delitem__(10))
t("set str key", lambda: z.__setitem__("a", 1))
t("get str key", lambda: z["a"])
t("get out", lambda: z[10])
t("slice int", lambda: z.__setitem__(slice(0, 2), 5))
t("slice str", lambda: z.__setitem__(slice(0, 2), "ab"))
t("slice bad item", lambda: z.__setitem__(slice(0, 2), [1, 300]))
t("slice nonit", lambda: z.__setitem__(slice(0, 2), object()))
t("ext slice size", lambda: z.__setitem__(slice(0, 6, 2), b"ab"))
t("ext slice step0", lambda: z.__setitem__(slice(0, 6, 0), b"ab"))
print(z)

w = bytearray(b"ab")
w += b"cd"
w += bytearray(b"ef")
print(w)
w2 = w
w2 *= 2
print(w, w is w2)
w *= 0
print(w, w2)
t("iadd str", lambda: w.__iadd__("x"))
t("iadd int", lambda: w.__iadd__(1))
t("imul huge", lambda: bytearray(b"ab").__imul__(2 ** 62))
v = bytearray(b"q")
v *= -3
print(v)
print(bytearray(b"ab") + b"c", b"c" + bytearray(b"ab"), type(b"c" + bytearray(b"ab")).__name__, bytearray(b"x") * 3)
print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") < bytearray(b"b"), bytearray(b"b") >= b"a")
t("hash", lambda: hash(bytearray(b"a")))
t("cmp str", lambda: bytearray(b"a") < "a")
print(bytearray(b"a") == "a", bytearray(b"a") != "a")

e = bytearray()
print(e.__alloc__(), e.__sizeof__() - e.__alloc__())
for i in range(20):
    e.append(i)
    print(len(e), e.__alloc__())
e2 = bytearray(b"x" * 100)
print(e2.__alloc__())
del e2[10:]
print(e2.__alloc__(), len(e2))
print(bytearray(5).__alloc__(), bytearray(b"abc").__alloc__(), bytearray([1, 2, 3]).__alloc__())
print(bytearray(b"ab").__reduce__(), bytearray().__reduce_ex__(3), bytearray(b"\xff").__reduce_ex__(4), bytearray(b"\xff").__reduce_ex__(2))

class BA(bytearray):
    pass
s = BA(b"xy")
s.append(122)
s.attr = 1
print(repr(s), s.attr, type(s + b"1").__name__, s.__reduce__())
it = iter(bytearray(b"abc"))
print(next(it), list(it), list(it))
m = bytearray(b"abc")
it = iter(m)
next(it)
m.extend(b"de")
print(list(it))
m.__init__(b"fresh")
print(m)
m.__init__()
print(m)
m.__init__(3)
print(m)

# allocation sizes follow CPython's policy, including bytes dropped from the front
b = bytearray(b"x" * 100)
print(b.__alloc__(), b.__sizeof__())
del b[:10]
print(len(b), b.__alloc__(), b.__sizeof__())
del b[:60]
print(len(b), b.__alloc__())
b.append(1)
print(len(b), b.__alloc__())
b2 = bytearray(b"abcdefghij" * 5)
b2[0:5] = b""
print(b2.__alloc__(), b2[:3])
b2[0:2] = b"XYZ"
print(b2.__alloc__(), b2[:5])
b2.extend(b"1" * 50)
print(b2.__alloc__(), len(b2))
del b2[0]
print(b2.__alloc__(), b2[:3])
b2.pop(0)
print(b2.__alloc__(), b2[:3])
b2[10:20] = b""
print(b2.__alloc__(), len(b2))
b2[::2] = b"-" * len(b2[::2])
del b2[::3]
print(b2.__alloc__(), len(b2), b2[:10])
del b2[:]
print(b2.__alloc__(), b2)
b3 = bytearray(b"0123456789")
del b3[-1:-6:-1]
print(b3, b3.__alloc__())
del b3[:2]
b3 += b"abcdef"
print(b3, b3.__alloc__())
