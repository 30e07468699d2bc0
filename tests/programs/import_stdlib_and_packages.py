# The path-based import system: stdlib modules, a package with relative imports, errors.
import os, sys, io, collections, functools, types, abc, stat, posixpath, keyword, operator
import pkg_import_demo
from pkg_import_demo import sub as s2
import pkg_import_demo.deeper.leaf as leaf
print(pkg_import_demo.X, pkg_import_demo.VALUE, s2 is pkg_import_demo.sub, leaf.TWO)
print(pkg_import_demo.__name__, pkg_import_demo.__package__, pkg_import_demo.sub.__package__, leaf.__package__)
print(os.path.basename(pkg_import_demo.__file__), os.path.basename(pkg_import_demo.__path__[0]))
print(pkg_import_demo.__spec__.name, pkg_import_demo.__spec__.submodule_search_locations == pkg_import_demo.__path__)
print(type(pkg_import_demo.__loader__).__name__, type(leaf.__loader__).__name__)
print(pkg_import_demo.__doc__)
print(__import__('pkg_import_demo.sub').__name__, __import__('pkg_import_demo.sub', fromlist=['x']).__name__)
print(keyword.iskeyword('for'), operator.add(2, 3), collections.OrderedDict(a=1), functools.partial(max, 1)(2))
print(os.sep, os.path.join('a', 'b'), os.path.splitext('x.tar.gz'), stat.S_ISDIR(os.stat('.').st_mode))
print(io.StringIO('a\nb').readlines(), io.BytesIO(b'xy').read())
for name in ['pkg_import_demo.nothere', 'nothere_at_all', 'pkg_import_demo.sub.notapkg']:
    try:
        __import__(name)
    except ImportError as e:
        print(type(e).__name__, e, e.name)
try:
    from pkg_import_demo import nosuchname
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0], e.name)
try:
    import pkg_import_demo.circular_a
except ImportError as e:
    print(type(e).__name__, str(e).split(' (')[0])
try:
    import pkg_import_demo.broken
except ZeroDivisionError as e:
    print('ZeroDivisionError', e, 'pkg_import_demo.broken' in sys.modules)
sys.modules['blocked_mod'] = None
try:
    import blocked_mod
except ImportError as e:
    print(type(e).__name__, e)
print(sorted(m for m in sys.modules if m.startswith('pkg_import_demo')))
