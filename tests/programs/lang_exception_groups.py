eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ValueError(3)])
print(repr(eg), str(eg), len(eg.exceptions))
try:
    raise eg
except* ValueError as g:
    print("values", repr(g))
except* TypeError as g:
    print("types", repr(g))

match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.subgroup(TypeError)))
print(eg.subgroup(KeyError))
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [KeyError("b")])])
print(repr(nested.subgroup(KeyError)))
try:
    ExceptionGroup("bad", [])
except ValueError as e:
    print(e)
try:
    ExceptionGroup("bad", [1])
except ValueError as e:
    print(e)
beg = BaseExceptionGroup("base", [KeyboardInterrupt()])
print(type(beg).__name__)
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
try:
    try:
        raise ExceptionGroup("g", [ValueError("v"), KeyError("k")])
    except* ValueError:
        print("handled value")
except ExceptionGroup as e:
    print("left", repr(e))
