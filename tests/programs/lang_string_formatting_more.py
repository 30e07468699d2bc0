rows = [("apple", 1.5, 10), ("banana", 0.25, 120), ("cherry", 12.0, 3)]
for name, price, qty in rows:
    print(f"{name:<10}|{price:>8.2f}|{qty:^6d}|{price * qty:10.3e}")
print("{0:*^20}".format(" title "), "{:+d} {:+d}".format(5, -5), "{:b} {:o} {:X}".format(10, 10, 255))
print("{!r:>10} {!s:<5}|".format("q", 1), "{0[1]} {1[k]}".format([7, 8], {"k": "v"}))


class P:
    def __init__(self):
        self.x = 3


print("{0.x}".format(P()), f"{P().x * 2}", f"{'nested {}'.format(1)}", f"{3!r:>4}")
width, prec = 12, 3
print(f"{3.14159265:{width}.{prec}f}|", f"{'x':{'>'}{width}}|")
print("%-8s|%8.3f|%+05d|%c|%%" % ("left", 2.5, 42, 65), "%(a)s-%(b)03d" % {"a": "k", "b": 7})
print(format(1234567.891, ",.2f"), format(0.000123, ".2e"), format(255, "#010b"), format(-42, "08d"))
for spec in ["q", ".2q", "=s"]:
    try:
        print(format("s", spec))
    except ValueError as e:
        print(e)
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)
try:
    "{0} {}".format(1, 2)
except ValueError as e:
    print(e)
