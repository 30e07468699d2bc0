# The _ast module's node classes: names, bases, fields, attributes, docs and class dicts.
import _ast

names = [n for n in dir(_ast) if not n.startswith('__')]
print(len(names))
for n in names:
    c = getattr(_ast, n)
    if not isinstance(c, type):
        print(n, c)
        continue
    keys = sorted(k for k in c.__dict__ if k not in ('__weakref__', '__dict__'))
    if c is not _ast.AST:
        keys = [k for k in c.__dict__ if k not in ('__weakref__', '__dict__')]
    print(n, c.__module__, c.__mro__[1].__name__, c._fields, getattr(c, '_attributes', None),
          c.__match_args__, repr(c.__doc__), keys)

x = _ast.Name('a', _ast.Load(), lineno=3)
print(x.id, x.lineno, sorted(x.__dict__), type(x.__reduce__()[2]), _ast.Constant.kind, _ast.expr.end_lineno)
for bad in [lambda: _ast.Name(1, 2, 3), lambda: _ast.Pass(1), lambda: _ast.alias(1, 2, 3)]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
print(_ast.AST().__reduce__())
print(isinstance(_ast.Load(), _ast.expr_context), _ast.Load() is _ast.Load())
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
y = _ast.Constant(value=1, foo=2)
print(y.foo, y.value, y.__dict__)
