# f-strings with specs, conversions, nested fields
name = "Ada"
n = 42
pi = 3.14159265
print(f"{name} {n} {pi}")
print(f"{name!r} {name!s} {'café'!a}")
print(f"{n:5d}|{n:<5d}|{n:^5d}|{n:05d}|{n:+d}|{-n:+d}")
print(f"{n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b}")
print(f"{pi:.2f} {pi:8.3f} {pi:<8.1f}| {pi:e} {pi:.0f}")
print(f"{1234567:,} {1234567:_} {0.5:.0%} {12345.678:,.1f}")
width, prec = 10, 3
print(f"[{pi:{width}.{prec}f}]", f"[{name:>{width}}]", f"[{name:*^{width}}]")
print(f"{'nested ' + name:>15}")
print(f"{n * 2} {n // 5} {n % 5} {[i for i in range(3)]}")
d = {"k": "v", "n": 3}
print(f"{d['k']} {d['n'] * 2}")
print(f"{{literal braces}} {{{n}}}")
x = 7
print(f"{x=} {x*2=} {name=!s} {pi=:.2f}")
print(f"{'yes' if x > 5 else 'no'}")
class P:
    def __init__(self, a):
        self.a = a
    def __format__(self, spec):
        return "P<" + spec + ":" + str(self.a) + ">"
    def __repr__(self):
        return "P(%r)" % self.a
    def __str__(self):
        return "p" + str(self.a)
p = P(5)
print(f"{p} {p!r} {p!s} {p:custom}")
print(format(p, "zz"), format(255, "08b"), format("s", "^5"))
print(f"{True} {None} {True:d} {3.0:g} {1e-7:g} {100000000.0:g}")
print(f"{-0.0} {float('inf'):.2f} {float('nan')}")
print(f"{'abc':.2} {'abc':5.1}|")
print(f"{n!r:>6}|{name!r:^9}|")
print(f"{3:{'>'}{5}}|")
items = [("apple", 1.5), ("kiwi", 0.25), ("banana", 12.0)]
for it, price in items:
    print(f"{it:<10}{price:>8.2f}")
print(f"{'multi'}" f"{'ple'}" "plain")
print(f"{chr(65)}{ord('a')}")
try:
    print(f"{n:s}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{name:d}")
except ValueError as e:
    print(type(e).__name__, e)
try:
    print(f"{1.5:x}")
except ValueError as e:
    print(type(e).__name__, e)
