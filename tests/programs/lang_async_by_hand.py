class suspend:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        received = yield self.value
        return received


async def add_later(a, b):
    x = await suspend(("need", a))
    y = await suspend(("need", b))
    return x + y


async def main():
    r1 = await add_later(1, 2)
    r2 = await add_later(10, 20)
    return [r1, r2]


def run(coro):
    value = None
    try:
        while True:
            request = coro.send(value)
            print("request", request)
            value = request[1] * 100
    except StopIteration as e:
        return e.value


print(run(main()))


async def agen(n):
    for i in range(n):
        await suspend(i)
        yield i * 2


async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    return out


print(run(consume()))
