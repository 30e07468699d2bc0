TRANSITIONS = {
    ("idle", "start"): "running",
    ("running", "pause"): "paused",
    ("paused", "resume"): "running",
    ("running", "stop"): "idle",
    ("paused", "stop"): "idle",
}


class Machine:
    def __init__(self):
        self.state = "idle"
        self.log = []

    def fire(self, event):
        key = (self.state, event)
        if key not in TRANSITIONS:
            raise ValueError(f"cannot {event} while {self.state}")
        self.log.append(f"{self.state} -{event}-> {TRANSITIONS[key]}")
        self.state = TRANSITIONS[key]


m = Machine()
for ev in ["start", "pause", "resume", "resume", "stop", "stop"]:
    try:
        m.fire(ev)
    except ValueError as e:
        print("error:", e)
print("\n".join(m.log), m.state)
print(sorted({s for s, _ in TRANSITIONS}), sorted({e for _, e in TRANSITIONS}))
