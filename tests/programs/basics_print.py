print("hello", 1, 2.5, None, True, [1, (2, 3)], {'a': 1})
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
print(sorted([3, 1, 2], reverse=True), max(1, 5, 3), min([4, 2]), sum([1.5, 2.5]))
print(abs(-3), divmod(17, 5), pow(2, 10), round(2.675, 2), hex(255), bin(5), oct(8))
x = [i * i for i in range(10) if i % 2]
print(x, len(x), any(x), all([]))
