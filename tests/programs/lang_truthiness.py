values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (None,), {}, {0: 0}, set(), None, True, False, range(0), range(1)]
print([bool(v) for v in values])
print([v for v in values if v])


class Falsy:
    def __bool__(self):
        return False


class Sized:
    def __len__(self):
        return 0


class BadBool:
    def __bool__(self):
        return 1


print(bool(Falsy()), bool(Sized()), not Falsy(), Falsy() or "fallback", type(Sized() and "x").__name__)
try:
    bool(BadBool())
except TypeError as e:
    print(e)
print(1 and 2, 0 and 2, 1 or 2, 0 or "", None or 0 or [], 3 > 2 > 1, 1 < 3 < 2, 1 == 1.0 != 2)
print(all(x > 0 for x in [1, 2]), any(x > 5 for x in [1, 2]), not None, not [])
a = []
print(a or "empty", a is not None, [] == [], [] is [])
