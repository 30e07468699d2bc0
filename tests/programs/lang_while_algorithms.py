def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


print([collatz(n) for n in range(1, 20)], max(range(1, 1000), key=collatz))


def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


print(isqrt(10 ** 20), isqrt(99), isqrt(2 ** 101))


def digits(n):
    out = []
    while n:
        n, d = divmod(n, 10)
        out.append(d)
    return out[::-1] or [0]


print(digits(9081726354), digits(0), sum(digits(2 ** 100)))
