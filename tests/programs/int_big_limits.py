import sys
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print("ValueError", e)
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError", e)
print(len(hex(big)), big.bit_length(), (big + 1) % 97, pow(3, 10**6, 10**9 + 7))
sys.set_int_max_str_digits(0)
print(len(str(big)))
sys.set_int_max_str_digits(4300)
print(sys.get_int_max_str_digits(), sys.int_info)
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print("ValueError", e)
print(2**1000 // 3**300, -(2**200) >> 7, (2**70) & -(2**69), ~(2**65), (-5) ** 3, 7 ** -2)
print(float(2**1023), 2**1024 / 2**1000)
try:
    float(2**1024)
except OverflowError as e:
    print("OverflowError", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError", e)
print(int(1e20), int(-1.5e300) % 1000, round(2**60 + 0.5), (2**53 + 1) == float(2**53 + 1))
print(f"{2**100:,}", f"{-2**64:x}", f"{2**64:_b}"[:20], format(10**30, "e"), format(123456789, ".3e"))
print(divmod(-2**100, 7), divmod(2**100, -7), (-2**100) // 7, (-2**100) % 7)
print(int.from_bytes(b"\xff" * 20, "little", signed=True), (2**100).to_bytes(13, "big"))
try:
    (2**100).to_bytes(5, "big")
except OverflowError as e:
    print("OverflowError", e)
print(hash(2**100), hash(-2**100), hash(10**30 + 0.0), hash(1e300))
print(abs(-2**100), (2**100).__index__() == 2**100, int("-0x_ff", 16), int("0o17", 0), int("z", 36))
