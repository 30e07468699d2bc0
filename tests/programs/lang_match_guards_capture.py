def command(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["go", other]:
            return f"cannot go {other}"
        case ["take", *items] if items:
            return f"taking {', '.join(items)}"
        case ["take"]:
            return "take what?"
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return f"unknown verb {verb}"
        case []:
            return "empty"


for c in ["go north", "go up", "take lamp key", "take", "exit", "dance wildly", ""]:
    print(repr(c), "->", command(c))


def kind(v):
    match v:
        case {"id": int(i), **rest} if not rest:
            return f"bare id {i}"
        case {"id": int(i)}:
            return f"id {i} with extras"
        case [int() | float() as n, *rest]:
            return f"numeric head {n} rest {rest}"
        case (str() as s) if len(s) > 3:
            return "long string"
        case _:
            return "?"


for v in [{"id": 1}, {"id": 2, "x": 0}, [1.5, 2], [3], "abcd", "ab", None]:
    print(kind(v))
