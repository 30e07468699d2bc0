print(abs(-3), abs(-2.5), divmod(17, 5), divmod(-17, 5), divmod(7.5, 2))
print(pow(2, 10), pow(2, 10, 1000), pow(2, -1), pow(3, 4, -5), pow(38, -1, 97))
print(round(2.5), round(3.5), round(2.675, 2), round(-0.5), round(1234, -2), round(7.0))
print(min(3, 1, 2), max([4, 9, 2]), min("bca"), max((1, "a"), (1, "b")), min([], default="empty"))
print(max([3, -7, 5], key=abs), min(range(5), key=lambda x: (x - 2) ** 2))
print(sum([1, 2, 3]), sum([0.5, 0.25], 10), sum([[1], [2]], []))
print(bin(10), oct(64), hex(255), bin(-5), hex(-255))
print(chr(65), ord("a"), chr(0x1F600) == "\U0001F600", ord("\u00e9"))
print(int("ff", 16), int("0b101", 0), int("  42  "), int(-3.9), int("1_000"))
print(float("1e3"), float("-inf"), float(" 2.5 "), float(7))
print(bool(0), bool([]), bool("x"), bool(None))
print(isinstance(True, int), True + True, 7 // 2, -7 // 2, 7 % -3, 2 ** 100)
print(1 / 3, 10 / 4, 1e300 * 10, -1e300 * 10, 0.1 + 0.2)
print(hash(1) == hash(1.0), hash(-1), hash(0.5))
for bad in [lambda: int("abc"), lambda: int("12", 40), lambda: float("x"), lambda: chr(-1),
            lambda: ord("ab"), lambda: 1 / 0, lambda: 1 % 0, lambda: pow(0, -1), lambda: min([]),
            lambda: divmod(1, 0), lambda: round("x"), lambda: pow(2, 3, 0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
