def show(cls, depth=0):
    print("  " * depth + cls.__name__)


for cls in [ArithmeticError, LookupError, OSError, ValueError, RuntimeError, Warning]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__])
print([c.__name__ for c in ZeroDivisionError.__mro__])
print([c.__name__ for c in UnicodeDecodeError.__mro__], issubclass(ModuleNotFoundError, ImportError))
print(issubclass(FileNotFoundError, OSError), IOError is OSError, EnvironmentError is OSError)
print(issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError))
print(issubclass(StopAsyncIteration, Exception), issubclass(GeneratorExit, Exception), issubclass(SystemExit, BaseException))
e = OSError(2, "No such file")
print(e.errno, e.strerror, str(e), type(e).__name__)
k = KeyError("x")
print(str(k), repr(k), k.args)
u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(str(u), u.start, u.end, u.reason)
