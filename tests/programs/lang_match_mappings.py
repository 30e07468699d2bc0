def handle(event):
    match event:
        case {"type": "click", "pos": (x, y)}:
            return f"click at {x},{y}"
        case {"type": "key", "key": str(k), **rest}:
            return f"key {k} extra {sorted(rest)}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "empty mapping"
        case _:
            return "not a mapping"


for e in [{"type": "click", "pos": (1, 2)}, {"type": "key", "key": "a", "mod": 1, "x": 2},
          {"type": "scroll"}, {"a": 1}, {}, [1, 2]]:
    print(handle(e))
