# The order of a builtin type's __dict__: __new__, then slot wrappers in CPython's slot order.
for t in (object, int, list, dict, str, BaseException, property, range):
    print(t.__name__, list(t.__dict__)[:8])
