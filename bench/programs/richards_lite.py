# Object-oriented dispatch: classes, attribute access, method calls, small objects.
class Packet:
    __slots__ = ("link", "kind", "datum")

    def __init__(self, link, kind):
        self.link = link
        self.kind = kind
        self.datum = 0


class Task:
    def __init__(self, name, priority):
        self.name = name
        self.priority = priority
        self.queue = None
        self.count = 0

    def run(self, packet):
        self.count += 1
        packet.datum += self.priority
        return packet


class IdleTask(Task):
    def run(self, packet):
        self.count += 2
        packet.datum -= 1
        return packet


class Scheduler:
    def __init__(self):
        self.tasks = [Task("worker%d" % i, i) for i in range(5)] + [IdleTask("idle", 0)]

    def schedule(self, rounds):
        total = 0
        packets = [Packet(None, k % 3) for k in range(10)]
        for r in range(rounds):
            for t in self.tasks:
                p = packets[(r + t.priority) % len(packets)]
                p = t.run(p)
                total += p.datum & 0xFF
        return total, sum(t.count for t in self.tasks)


print(Scheduler().schedule(60000))
