print(7 // 2, 7 % 2, -7 // 2, -7 % 2, 7 // -2, 2 ** 0.5, 10 ** -2)
print(0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 1e16 + 1, 2 ** 63, -(2 ** 63))
print(int("123"), int("-0x1f", 16), int("z", 36), float("nan") != float("nan"), float("inf") > 1e308)
print((255).bit_length(), (10).to_bytes(2, "big"), int.from_bytes(b"\x01\x00", "little"), (-1).to_bytes(1, "big", signed=True))
print((3.5).is_integer(), (2.0).is_integer(), (0.5).as_integer_ratio(), (1.5).hex(), float.fromhex("0x1.8p0"))
print(round(0.125, 2), round(1.005, 2), round(-2.5), round(2.5), round(12345, -3), 1e-7, 1e22, 123456789012345678.0)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 100, -16 >> 2, -1 & 0xFF)
print(divmod(-7, 2), divmod(7.5, -2), 3 * 1.5, 10 / 5, type(10 / 5).__name__)
print(max(1, 2.5), min(-0.0, 0.0), 1 == 1.0, hash(2**61) == hash(1), int(2.9), int(-2.9))
print(f"{1e100:.3e}", f"{-0.0}", f"{float('inf')}", f"{123.456:g}", f"{1/3:.10f}")
big = 3 ** 200
print(big % 1000007, len(str(big)), big // 3 ** 199, str(-big)[:10])
for bad in [lambda: 1 << -1, lambda: 2.0 ** 10000, lambda: int("1.5"), lambda: float("1e5000") * 0, lambda: (-8) ** 0.5]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
