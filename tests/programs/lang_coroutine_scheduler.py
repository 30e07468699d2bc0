class Yield:
    def __await__(self):
        yield


async def worker(name, n, log):
    for i in range(n):
        log.append(f"{name}{i}")
        await Yield()
    return f"{name} done"


def run_all(coros):
    results = {}
    ready = list(coros.items())
    while ready:
        name, coro = ready.pop(0)
        try:
            coro.send(None)
            ready.append((name, coro))
        except StopIteration as e:
            results[name] = e.value
    return results


log = []
print(run_all({"a": worker("a", 3, log), "b": worker("b", 1, log), "c": worker("c", 2, log)}))
print(log)
c = worker("x", 1, [])
print(type(c).__name__, c.cr_code.co_name)
c.close()
