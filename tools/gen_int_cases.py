"""Regenerates the operator grid at the top of libpython/runtime/tests/cases/int_arith.py:
every operator over small, word-sized and big values. Run with python3.11; it prints the
lines, which are pasted above the hand-written cases. (The expected values are never
stored: the oracle test asks python3.11 each time.)"""
import itertools, random

vals = ["0", "1", "-1", "7", "-7", "(2**30-1)", "2**30", "-2**30", "2**31", "(2**60+3)", "-(2**63)", "(2**64-1)",
        "(2**120+12345)", "-(3**100)", "(10**50+7)", "123456789012345678901234567890", "-98765432109876543210"]
random.seed(3)
pairs = list(itertools.product(vals, vals))
random.shuffle(pairs)
for a, b in pairs[:110]:
    for op in ["+", "-", "*", "//", "%"]:
        print(f"{a} {op} {b}")
for a, b in pairs[110:170]:
    print(f"divmod({a}, {b})")
    print(f"{a} / {b}")
for a, b in pairs[170:230]:
    for op in ["&", "|", "^"]:
        print(f"{a} {op} {b}")
