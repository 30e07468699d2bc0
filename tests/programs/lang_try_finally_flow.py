def trace(label):
    print("trace", label)


def f(x):
    try:
        trace("try")
        if x == 0:
            return "zero"
        if x == 1:
            raise ValueError("one")
        trace("no exit")
    except ValueError as e:
        trace(f"except {e}")
        return "handled"
    else:
        trace("else")
    finally:
        trace("finally")
    return "end"


for x in range(3):
    print(f(x))


def loop():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(f"f{i}")
    return out


print(loop())


def nested():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError as e:
        print("outer caught", e)
    finally:
        print("outer finally")


nested()


def reraise_in_finally():
    try:
        raise ValueError("first")
    finally:
        print("cleanup before propagating")


try:
    reraise_in_finally()
except ValueError as e:
    print("got", e)
try:
    try:
        raise TypeError("a")
    except TypeError:
        raise ValueError("b")
    finally:
        print("finally sees exception in flight")
except ValueError as e:
    print(repr(e), repr(e.__context__))
