def classify(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case int(n) if n < 0:
            return f"negative {n}"
        case float():
            return "float"
        case "hello" | "hi":
            return "greeting"
        case str(s):
            return f"string of {len(s)}"
        case None:
            return "none"
        case True:
            return "true"
        case _:
            return "other"


for v in [0, 2, -7, 3.5, "hi", "abc", None, True, 99, [1]]:
    print(repr(v), classify(v))
