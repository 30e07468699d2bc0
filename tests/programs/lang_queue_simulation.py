events = [(3, "c"), (1, "a"), (2, "b"), (1, "a2"), (5, "e")]
queue = sorted(events)
clock = 0
while queue:
    t, name = queue.pop(0)
    clock = max(clock, t)
    print(f"t={clock} handle {name}")
    if name == "a":
        queue.append((t + 3, "a-follow-up"))
        queue.sort()
print("final clock", clock)
