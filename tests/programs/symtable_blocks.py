# The _symtable module: blocks, flags with their scopes, children, and its SyntaxErrors.
import _symtable as s
print(sorted((k, getattr(s, k)) for k in dir(s) if k.isupper()))
src = '''
def f(a, *args, k=1, **kw):
    global g
    def inner():
        nonlocal a
        return a + b
    return inner
class C:
    x = 1
    def m(self):
        return __class__, super().m()
    def __priv(self): pass
[y for y in z]
lambda q: q
import os.path as p, sys
from m import n
t: int = 3
async def co():
    async for i in aiter(): yield i
    await x
'''
def walk(e, depth=0):
    print(' ' * depth, type(e).__name__, e.name, e.type, e.lineno, e.nested, e.varnames, e.symbols)
    for c in e.children:
        walk(c, depth + 1)
t = s.symtable(src, 'x.py', 'exec')
walk(t)
print(repr(t).split('(')[0], type(t.id))
walk(s.symtable('x + y', 'e', 'eval'))
for bad in ['def f():\n  x = 1\n  global x', 'nonlocal x', 'def f(a, a): pass']:
    try:
        s.symtable(bad, 'b.py', 'exec')
    except SyntaxError as e:
        print('SyntaxError', e.msg, e.lineno, e.offset)
