# integer arithmetic basics
a, b = 17, 5
print(a + b, a - b, a * b)
print(a / b, a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(-a // -b, -a % -b)
print(divmod(a, b), divmod(-a, b), divmod(a, -b))
print(2 ** 10, 2 ** 0, 0 ** 0)
print(2 ** -1, 10 ** -2)
print((-2) ** 3, (-2) ** 2, -2 ** 2)
print(pow(3, 4), pow(3, 4, 5), pow(-3, 3, 7))
print(pow(3, -1, 7))
print(7 & 3, 7 | 8, 7 ^ 2, ~7)
print(1 << 10, 1024 >> 3, -16 >> 2)
print(abs(-42), abs(0), abs(42))
print(int(3.9), int(-3.9), int("  42 "), int("-17"))
print(int("ff", 16), int("0o17", 8), int("0b101", 2), int("z", 36))
print(int("0x1F", 0), int("1_000_000"))
for x in range(-3, 4):
    print(x, x // 2, x % 2, x % -2, divmod(x, 3))
print(bool(0), bool(-1), bool(5))
print(round(2.5), round(3.5), round(-2.5), round(1234, -2))
print(round(1250, -2), round(1350, -2))
print(10 // 3 * 3 + 10 % 3)
print(True + True, True * 10, False - 1)
for op in (lambda: 1 // 0, lambda: 1 % 0, lambda: divmod(1, 0), lambda: 1 / 0):
    try:
        op()
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
try:
    pow(2, -1, 4)
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("abc")
except ValueError as e:
    print(type(e).__name__, e)
try:
    int("12", 1)
except ValueError as e:
    print(type(e).__name__, e)
