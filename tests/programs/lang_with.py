class Ctx:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.swallow


with Ctx("a") as v:
    print("body", v)
with Ctx("b", swallow=True):
    raise ValueError("gone")
print("after b")
try:
    with Ctx("c"):
        raise KeyError("kept")
except KeyError as e:
    print("caught", e)
with Ctx("d") as x, Ctx("e") as y:
    print(x, y)


def ret_inside():
    with Ctx("f"):
        return "returned"


print(ret_inside())
for i in range(3):
    with Ctx(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
try:
    with 42:
        pass
except TypeError as e:
    print(e)


class NoExit:
    def __enter__(self):
        return self


try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
