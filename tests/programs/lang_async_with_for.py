class Step:
    def __await__(self):
        yield "step"


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print("enter", self.name)
        await Step()
        return self

    async def __aexit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None)
        return et is KeyError


class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Step()
        return self.i


async def main():
    async with Resource("a") as r:
        print("inside", r.name)
    async with Resource("b"):
        raise KeyError("swallowed")
    total = 0
    async for i in Counter(4):
        total += i
    print("total", total)
    print([x async for x in Counter(3)])
    try:
        async with Resource("c"):
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", e)
    return "done"


c = main()
steps = 0
try:
    while True:
        c.send(None)
        steps += 1
except StopIteration as e:
    print(e.value, steps)
