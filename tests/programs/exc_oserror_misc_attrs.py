e = OSError(1, "x")
try:
    e.characters_written
except AttributeError as x:
    print("AttributeError", x)
e.characters_written = 5
print(e.characters_written)
del e.characters_written
try:
    del e.characters_written
except AttributeError as x:
    print("AttributeError", x)
b = BlockingIOError(11, "again", 3)
print(b.characters_written, b.errno, b.strerror)
try:
    e.characters_written = "s"
except TypeError as x:
    print("TypeError", x)
print(bool(NotImplemented))
print(staticmethod(len).__name__, classmethod(len).__qualname__,  staticmethod(len).__dict__.keys())
import sys
try:
    raise ValueError
except ValueError as e:
    print(dir(e.__traceback__))
print(ExceptionGroup.__module__, ExceptionGroup.__dict__['__module__'], '__module__' in BaseExceptionGroup.__dict__, repr(ExceptionGroup), ExceptionGroup.__qualname__)
