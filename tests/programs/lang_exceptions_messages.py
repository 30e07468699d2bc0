cases = [
    lambda: [][0],
    lambda: {}["k"],
    lambda: None.attr,
    lambda: 1 + "a",
    lambda: "a" - 1,
    lambda: len(None),
    lambda: int("x1"),
    lambda: [1, 2].index(5),
    lambda: (1).foo,
    lambda: undefined_thing,
    lambda: object()(),
    lambda: 1 / 0,
    lambda: 2 ** -1 // 0,
    lambda: [1][::0],
    lambda: "abc"[5],
    lambda: {1, 2}.remove(3),
    lambda: tuple()[0],
    lambda: iter(3),
    lambda: next(iter([])),
    lambda: int(None),
    lambda: float([]),
    lambda: "x".join([1]),
    lambda: sorted(5),
    lambda: dict(1),
    lambda: list.append(),
    lambda: abs("s"),
    lambda: -"s",
    lambda: ~1.5,
    lambda: hash([]),
    lambda: chr(1114112),
]
for c in cases:
    try:
        c()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
