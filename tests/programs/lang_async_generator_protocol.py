class Tick:
    def __await__(self):
        v = yield "tick"
        return v


async def numbers():
    for i in range(3):
        got = await Tick()
        yield i, got


def drive(awaitable):
    v = None
    try:
        while True:
            awaitable.send(v)
            v = "pong"
    except StopIteration as e:
        return e.value


agen = numbers()
print(type(agen).__name__)
print(drive(agen.__anext__()), drive(agen.__anext__()), drive(agen.__anext__()))
try:
    drive(agen.__anext__())
except StopAsyncIteration:
    print("StopAsyncIteration")


async def collect():
    return [x async for x in numbers()]


print(drive(collect()))
