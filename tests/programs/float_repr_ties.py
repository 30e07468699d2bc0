# Shortest repr where two shortest digit strings are equally near (ties) or only one reads back.
vals = [2.0 ** -k for k in range(1, 80)] + [2.0 ** k for k in range(50, 80)]
vals += [0.1, 1 / 3, 5e-324, 1.7976931348623157e308, 123456789.125, 2.5e-5, 1e16, 1e22, 9007199254740993.0]
vals += [x * 3 for x in vals[:40]] + [-v for v in vals[:10]]
for v in vals:
    print(repr(v), str(v), f"{v}")
