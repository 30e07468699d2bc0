def shape(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a}"
        case [a, b]:
            return f"two {a} {b}"
        case [first, *rest] if len(rest) > 3:
            return f"long from {first}, {len(rest)} more"
        case [first, *middle, last]:
            return f"{first}..{middle}..{last}"
        case (1, 2, *_):
            return "never: tuples matched above"
        case _:
            return "not a sequence"


for v in [[], [1], (1, 2), [1, 2, 3], list(range(8)), "abc", 5, (9, 8, 7)]:
    print(repr(v), shape(v))


def nested(x):
    match x:
        case [[a, b], [c, d]]:
            return a + b + c + d
        case [(a, b), *_] if a == b:
            return "pair-equal"
        case _:
            return None


print(nested([[1, 2], [3, 4]]), nested([(5, 5), 1]), nested([1, 2]))
