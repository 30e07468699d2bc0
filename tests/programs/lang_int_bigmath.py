def factorial(n):
    out = 1
    for i in range(2, n + 1):
        out *= i
    return out


f100 = factorial(100)
print(f100)
print(len(str(factorial(500))), f100 % (10 ** 9 + 7), f100 // factorial(98))
print(2 ** 521 - 1 > 10 ** 156, (2 ** 127 - 1) % 1000000007, pow(3, 10 ** 6, 10 ** 9 + 9))
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print(a)
print(-(10 ** 40) // 7, -(10 ** 40) % 7, divmod(10 ** 30, -(10 ** 12 + 39)))
print((1 << 200) >> 190, (-(1 << 200)) >> 199, (10 ** 50) & (2 ** 64 - 1), ~(10 ** 30))
print(int("9" * 60) + 1 == 10 ** 60, str(-(2 ** 100)), hex(2 ** 100), bin(2 ** 70)[:10])
print(abs(-(7 ** 77)) == 7 ** 77, (7 ** 77).bit_length(), round(123456789123456789, -5))
