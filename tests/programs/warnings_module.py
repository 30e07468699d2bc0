# _warnings: filters, actions, registries, once/error, the report format, bad categories.
import _warnings, sys
print(_warnings.filters, _warnings._defaultaction, _warnings._onceregistry, sys.warnoptions)
def f():
    _warnings.warn("plain user warning")
    _warnings.warn("again", UserWarning)
    _warnings.warn("dep", DeprecationWarning)
    _warnings.warn("runtime", RuntimeWarning, stacklevel=2)
    _warnings.warn(FutureWarning("as instance"))
for i in range(2):
    f()
print(sorted(k for k in globals()['__warningregistry__'] if k != 'version'))
_warnings.warn_explicit("explicit", SyntaxWarning, "somefile.py", 7)
_warnings.warn_explicit("explicit", SyntaxWarning, "somefile.py", 7)
_warnings.filters.insert(0, ('error', None, RuntimeWarning, None, 0))
_warnings._filters_mutated()
try:
    _warnings.warn("now an error", RuntimeWarning)
except RuntimeWarning as e:
    print("raised", repr(e))
_warnings.filters.insert(0, ('once', None, UserWarning, None, 0)); _warnings._filters_mutated()
for i in range(3):
    _warnings.warn("once only %d" % (i // 5))
_warnings.filters.insert(0, ('bogus', None, UserWarning, None, 0)); _warnings._filters_mutated()
try:
    _warnings.warn("x")
except RuntimeError as e:
    print(e)
try:
    _warnings.warn("x", int)
except TypeError as e:
    print(e)
print(1 is 1)
