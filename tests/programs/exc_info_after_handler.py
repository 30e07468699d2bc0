import sys
def f(a): pass
try:
    f()
except TypeError as e:
    print(e)
print(sys.exc_info())
try:
    f(1, 2)
except TypeError as e:
    print(e)
