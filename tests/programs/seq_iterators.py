# the positional iterators of str, bytes and bytearray: length hints, pickling state, shrinking sequences
for s in ("abc", "é€x", b"ab", bytearray(b"xy"), ""):
    it = iter(s)
    print(type(it).__name__, it.__length_hint__(), next(it, None), it.__length_hint__(), it.__reduce__()[1:], list(it), it.__reduce__()[1], it.__length_hint__())
    it = iter(s)
    it.__setstate__(1)
    print(list(it))
    it = iter(s)
    it.__setstate__(-5)
    it.__setstate__(100)
    print(list(it))
ba = bytearray(b"abcdef")
it = iter(ba)
next(it)
del ba[2:]
print(list(it))
