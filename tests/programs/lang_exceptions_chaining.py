def fail():
    raise ValueError("inner")


try:
    try:
        fail()
    except ValueError as e:
        raise KeyError("outer") from e
except KeyError as e:
    print(repr(e), repr(e.__cause__), e.__suppress_context__)

try:
    try:
        fail()
    except ValueError:
        raise TypeError("implicit")
except TypeError as e:
    print(repr(e), repr(e.__context__), e.__cause__)

try:
    try:
        fail()
    except ValueError:
        raise TypeError("suppressed") from None
except TypeError as e:
    print(repr(e.__context__), e.__suppress_context__)


class MyError(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code

    def __str__(self):
        return f"[{self.code}] {self.args[1]}"


try:
    raise MyError(404, "not found")
except Exception as e:
    print(str(e), e.args, e.code, isinstance(e, MyError))

e = ValueError("with note")
e.add_note("first note")
e.add_note("second")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(err)


def finally_order():
    try:
        return "try"
    finally:
        print("finally runs")


print(finally_order())


def finally_override():
    try:
        raise ValueError
    finally:
        return "swallowed"


print(finally_override())
try:
    raise
except RuntimeError as e:
    print(e)
print(issubclass(KeyError, LookupError), KeyError.__mro__)
