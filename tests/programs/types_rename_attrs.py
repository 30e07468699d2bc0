class A:
    "doc"
A.__name__ = "Renamed"
A.__qualname__ = "Outer.Renamed"
A.__module__ = "mod"
A.__doc__ = "new doc"
print(A, A.__name__, A.__qualname__, A.__module__, A.__doc__, repr(A()).split(" object")[0])
for bad in [lambda: setattr(A, "__name__", 5), lambda: setattr(A, "__qualname__", None), lambda: setattr(int, "__name__", "x"),
            lambda: delattr(A, "__name__"), lambda: setattr(A, "__name__", "a\0b"), lambda: setattr(int, "__module__", "m"),
            lambda: delattr(A, "__doc__")]:
    try:
        bad()
        print("ok")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    A.missing_attr
except AttributeError as e:
    print(e)
