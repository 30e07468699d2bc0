# float arithmetic and formatting
print(0.1 + 0.2, 0.1 + 0.2 == 0.3)
print(1 / 3, 2 / 3, 10 / 4)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(divmod(7.5, -2), divmod(-1.0, 3))
print(2.0 ** 0.5, 2 ** -2, (-8) ** 2.0)
print(1e10, 1e16, 1e-5, 1.5e-7, 123456789.0)
print(1e22, 1e15 + 0.5, 3.0, -0.0)
print(float("inf"), float("-inf"), float("nan"))
inf = float("inf")
nan = float("nan")
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan)
print(inf + 1, inf - inf, inf * 0, 1 / inf)
print(float("1.5"), float("  -2.25 "), float("1e3"), float("Infinity"))
print(round(3.14159, 2), round(2.675, 2), round(-0.5), round(1.5))
print(round(123.456, -1), round(0.125, 2), round(5.0))
print(int(2.999), int(-0.9), float(7))
print(abs(-3.5), abs(-0.0))
print(max(1.5, 2, 0.5), min(-1, -1.5))
print(sum([0.1] * 10), sum([1.5, 2.5]))
print(3.0 == 3, 3.5 > 3, 2 < 2.5 < 3)
print(hash(3.0) == hash(3), hash(0.5))
print((1.5).is_integer(), (2.0).is_integer())
print((0.5).as_integer_ratio(), (0.75).as_integer_ratio())
print(repr(1.1), str(2.5), repr(1e100))
print(f"{3.14159:.3f} {2.5:e} {1234.5:g} {0.000012:g}")
print(f"{1e6:.2e} {12.0:%} {0.256:.1%}")
print(format(1234567.891, ",.2f"), format(-3.5, "+.1f"), format(3.5, "+.1f"))
print(f"{3.14159:10.2f}|{3.14159:<10.2f}|{3.14159:^10.2f}|")
print("%.3f %5.1f %-8.2f| %e" % (1.23456, 2.5, 3.25, 12345.678))
print(float.fromhex("0x1.8p1"), (3.0).hex())
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    float("abc")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int(float("inf"))
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(nan)
except ValueError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__, e)
