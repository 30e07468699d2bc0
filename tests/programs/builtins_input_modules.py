# input() at end of input, exit/quit, str iterators, code-object iterators, module objects.
import sys

try:
    input("prompt> ")
except EOFError as e:
    print("EOFError", e)
try:
    input("a", "b")
except TypeError as e:
    print("TypeError", e)
print(repr(exit), repr(quit), type(exit).__name__)

it = iter("héllo")
print(type(it).__name__, type(iter("abc")).__name__, it.__length_hint__())
print(next(it), list(it), it.__length_hint__())
it = iter("abcdef")
next(it)
print(it.__reduce__())
it.__setstate__(4)
print(list(it), it.__reduce__())
print(list(iter("")), "".join(reversed("abc")), sorted("cab"))


def f(a):
    return a + 1


print(type(f.__code__.co_lines()).__name__, type(f.__code__.co_positions()).__name__)
print(list(f.__code__.co_lines()))
print(next(iter(f.__code__.co_positions())))

M = type(sys)
m = M("mymod", "docs")
print(m, m.__name__, m.__doc__, m.__dict__["__spec__"])
m.x = 1
print(sorted(dir(m)))
m.__dict__["__dir__"] = lambda: ["z", "y"]
print(dir(m))
m2 = M("other")
m2.__file__ = "/tmp/other.py"
print(m2)
print(sys.__dict__ is vars(sys), "exit" in dir(sys))
try:
    M()
except TypeError as e:
    print("TypeError", e)
try:
    M(5)
except TypeError as e:
    print("TypeError", e)
exit(4)
