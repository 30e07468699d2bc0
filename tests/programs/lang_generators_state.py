def g():
    yield 1
    yield 2


gen = g()
print(gen.gi_running, gen.gi_frame is not None, gen.gi_code.co_name)
print(next(gen))
print(list(gen), gen.gi_frame)


def reentrant():
    yield next(me)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print(e)


def echo():
    received = []
    while True:
        try:
            x = yield
        except GeneratorExit:
            print("closing with", received)
            raise
        received.append(x)


e = echo()
next(e)
e.send("a")
e.send("b")
e.close()
e.close()


def ignore_exit():
    try:
        yield
    except GeneratorExit:
        yield "bad"


bad = ignore_exit()
next(bad)
try:
    bad.close()
except RuntimeError as err:
    print(err)
fresh = g()
try:
    fresh.send(5)
except TypeError as err:
    print(err)
print(fresh.throw(ValueError, ValueError("x")) if False else "skip")


def counter():
    i = 0
    while True:
        i += 1
        cmd = yield i
        if cmd == "reset":
            i = 0


c = counter()
print(next(c), next(c), c.send("reset"), next(c))
