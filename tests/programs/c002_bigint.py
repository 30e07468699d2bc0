# big integers
x = 2 ** 100
print(x)
print(x + 1, x - 1)
print(x * x)
print(x // 3, x % 3)
print(-x // 7, -x % 7)
print(str(10 ** 30), len(str(10 ** 30)))
print(hex(x), oct(x), bin(2 ** 70))
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(f // (2 ** 20), f % 1000003)
print(f.bit_length(), (2 ** 64).bit_length(), (-255).bit_length())
print(sum(range(10 ** 6)))
print(3 ** 200 % 10 ** 9)
print(pow(7, 10 ** 5, 10 ** 9 + 7))
y = -(3 ** 80)
print(y, abs(y), y // 10 ** 20, y % 10 ** 20)
print(divmod(10 ** 40 + 7, 10 ** 20 + 3))
print((1 << 200) >> 190, (1 << 200) & ((1 << 100) - 1))
print((2 ** 128 - 1) ^ (2 ** 64), ~(2 ** 100))
print(int("9" * 50) + 1)
print(x == 2 ** 100, x > 2 ** 99, x < -x, x != x + 0)
print(2 ** 64 // 2 ** 32, 2 ** 64 / 2 ** 32)
print(int(1e20), int(-1.5e19))
print(float(2 ** 60), 2 ** 53 + 1 == float(2 ** 53 + 1))
fib = [0, 1]
while len(fib) < 120:
    fib.append(fib[-1] + fib[-2])
print(fib[-1], fib[100])
print(max(fib[50:60]), min(fib[50:60]))
print(sorted([2 ** 65, -2 ** 65, 3, -(10 ** 30), 10 ** 25]))
print(hash(2 ** 61 - 1), hash(-1), hash(2 ** 61), hash(5))
print(isinstance(x, int), type(x).__name__)
print((10 ** 18) * (10 ** 18) == 10 ** 36)
print(str(-10 ** 25), repr(10 ** 21))
print(format(2 ** 70, ","), format(2 ** 70, "_x"))
