# Builtin modules through importlib's BuiltinImporter, _imp, _thread and _weakref.
import sys, _imp, _thread, _weakref
print(type(sys.modules['_thread']).__name__, _thread.__spec__.origin, _thread.__loader__.__name__)
print(sys.modules['sys'].__spec__.name, sys.__loader__.__name__)
print(_imp.is_builtin('sys'), _imp.is_builtin('builtins'), _imp.is_builtin('_thread'), _imp.is_builtin('nosuch'))
print(_imp.extension_suffixes(), _imp.check_hash_based_pycs)
print(_imp.source_hash(3495, b'hello world'), _imp.source_hash(key=1, source=b''))
print(_imp.lock_held())
_imp.acquire_lock(); _imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock(); _imp.release_lock()
try:
    _imp.release_lock()
except RuntimeError as e:
    print('RuntimeError', e)
for args, kw in [(('',), {}), ((1,), {}), (('x',), {'level': -1}), (('x',), {'globals': {}, 'level': 1}),
                 (('x',), {'globals': {'__name__': 'top'}, 'level': 1}), (('x',), {'globals': {'__package__': 'a'}, 'level': 2}),
                 (('x',), {'globals': {'__package__': 3}, 'level': 1}), (('x',), {'globals': 5, 'level': 1}),
                 (('no_such_module_xyz',), {})]:
    try:
        __import__(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e, getattr(e, 'name', '-'))
try:
    from . import something
except ImportError as e:
    print('ImportError', e)
import _thread as t2
print(t2 is _thread, __import__('_thread') is _thread)
lock = _thread.allocate_lock()
print(lock.acquire(), lock.acquire(False), lock.locked(), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked(), repr(lock).split(' at ')[0])
for kw in [dict(blocking=False, timeout=1), dict(timeout=-2)]:
    try:
        lock.acquire(**kw)
    except ValueError as e:
        print('ValueError', e)
try:
    lock.release()
except RuntimeError as e:
    print('RuntimeError', e)
with lock:
    print('inside', lock.locked())
r = _thread.RLock()
print(r.acquire(), r.acquire(), r._is_owned(), r._recursion_count())
print(repr(r).split(' owner=')[0], r._release_save()[0], r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print('RuntimeError', e)
print(_thread.error is RuntimeError, _thread.TIMEOUT_MAX, type(_thread.get_ident()).__name__, _thread._count())
class C:
    pass
c = C()
w = _weakref.ref(c)
print(_weakref.getweakrefcount(c), _weakref.getweakrefs(c) == [w], _weakref.ref is _weakref.ReferenceType)
d = {'k': w, 'j': 1}
del c
_weakref._remove_dead_weakref(d, 'k')
_weakref._remove_dead_weakref(d, 'missing')
print(sorted(d))
try:
    _weakref._remove_dead_weakref(d, 'j')
except TypeError as e:
    print('TypeError', e)
