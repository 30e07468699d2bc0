class BadRepr:
    def __repr__(self):
        raise ValueError("repr failed")


class BadStr:
    def __str__(self):
        raise KeyError("str failed")


for f in (repr, str, ascii):
    try:
        f(BadRepr())
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
try:
    print(BadStr())
except KeyError as e:
    print("print", repr(e))
try:
    print([1, BadRepr()])
except ValueError as e:
    print("list repr", e)
try:
    f"{BadRepr()!r}"
except ValueError as e:
    print("fstring", e)


class WrongType:
    def __repr__(self):
        return 42


try:
    repr(WrongType())
except TypeError as e:
    print(e)
print((BadRepr(),))
