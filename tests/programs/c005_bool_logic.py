# boolean logic and short-circuit
log = []
def t(name, val):
    log.append(name)
    return val
print(t("a", True) and t("b", False))
print(log); log.clear()
print(t("a", False) and t("b", True))
print(log); log.clear()
print(t("a", 0) or t("b", "") or t("c", "x") or t("d", 1))
print(log); log.clear()
print(t("a", []) or t("b", None))
print(log); log.clear()
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 0)
print("" or "default", "val" or "default", [] and "x")
print(not 0, not 1, not "", not "a", not [], not [0], not None)
print(True & False, True | False, True ^ True, ~True, ~False)
print(bool([]), bool([0]), bool({}), bool({0: 0}), bool(()), bool((0,)))
print(bool(""), bool(" "), bool(0.0), bool(-0.0), bool(0.1), bool(range(0)))
print(True + 1, True * 3.5, isinstance(True, int), type(True).__name__)
print(str(True), repr(False), int(True), float(False))
print(True == 1, hash(True) == hash(1), {True: "a", 1: "b"})
print(all([]), any([]), all([1, 2, 3]), any([0, 0, 1]), all([1, 0]))
print(all(x > 0 for x in [1, 2, -3]), any(x > 2 for x in [1, 2, 3]))
class Truthy:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        log.append("bool%d" % self.v)
        return self.v > 0
class Lenny:
    def __len__(self):
        return 0
print(bool(Truthy(1)), bool(Truthy(-1)), bool(Lenny()))
print(log); log.clear()
r = Truthy(0) or Truthy(2)
print(r.v, log); log.clear()
r = Truthy(3) and Truthy(4)
print(r.v, log); log.clear()
x = 5
print("big" if x > 3 else "small", "neg" if x < 0 else "zero" if x == 0 else "pos")
print([("even" if i % 2 == 0 else "odd") for i in range(5)])
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)
print(True and not False or False, (True or False) and not True)
print(0 or 0.0 or "" or [] or None)
