# AttributeError suggestions from module, type and instance lookups; the last is uncaught.
import sys


class Point:
    def __init__(self):
        self.x_coord = 1
        self.Label = "p"

    def distance(self):
        return 0


def report(fn):
    try:
        fn()
    except BaseException as e:
        sys.excepthook(type(e), e, e.__traceback__)
        print(type(e).__name__, repr(getattr(e, "name", None)))


p = Point()
report(lambda: p.x_cord)
report(lambda: p.label)
report(lambda: Point.distanse)
report(lambda: [].apend)
report(lambda: int.from_byte)
report(lambda: p.q)


class Sub(AttributeError):
    pass


def raise_sub():
    raise Sub("custom", name="x_cord", obj=p)


report(raise_sub)


class Dyn:
    def __getattr__(self, name):
        raise AttributeError("dynamic " + name)


report(lambda: Dyn().anything)
e = AttributeError("m", name="n", obj=1)
print(e.name, e.obj, AttributeError("m").name, AttributeError("m").obj)
try:
    del Point().nothing
except AttributeError as err:
    print(err, err.name)
sys.getrecursionlimt()
