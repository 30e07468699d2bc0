def run(body):
    try:
        body()
    except BaseException as e:
        print("escaped", type(e).__name__, repr(e))
    else:
        print("nothing escaped")


def handled_all():
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError as g:
        print("V", g.exceptions)
    except* TypeError as g:
        print("T", g.exceptions)


def partly():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2), ValueError(3)])
    except* ValueError as g:
        print("V", g.exceptions)


def reraise():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError:
        raise


def raise_new():
    try:
        raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError:
        raise RuntimeError("new")


def naked():
    try:
        raise ValueError("naked")
    except* ValueError as g:
        print("wrapped", repr(g), g.exceptions[0] is not None)


def naked_unmatched():
    try:
        raise KeyError("k")
    except* ValueError:
        print("not run")


def nested():
    try:
        raise ExceptionGroup("outer", [ExceptionGroup("inner", [ValueError(1), OSError(2)]), TypeError(3)])
    except* ValueError as g:
        print("nested match", repr(g))
    except* OSError as g:
        print("os", repr(g))


def invalid():
    try:
        raise ValueError
    except* ExceptionGroup:
        pass


for f in [handled_all, partly, reraise, raise_new, naked, naked_unmatched, nested, invalid]:
    print("--", f.__name__)
    run(f)
e = ExceptionGroup("notes", [ValueError()])
e.add_note("n1")
m, r = e.split(ValueError)
print(m.__notes__, r, m.__notes__ is not e.__notes__)
print(e.split(lambda x: isinstance(x, ValueError))[0] is e)
try:
    e.split(5)
except TypeError as err:
    print(err)
try:
    ExceptionGroup("x", [KeyboardInterrupt()])
except TypeError as err:
    print(err)
try:
    BaseExceptionGroup(1, [ValueError()])
except TypeError as err:
    print(err)
try:
    BaseExceptionGroup("x")
except TypeError as err:
    print(err)
try:
    BaseExceptionGroup("x", 5)
except TypeError as err:
    print(err)
raise ExceptionGroup("final", [ValueError("v"), TypeError("t")])
