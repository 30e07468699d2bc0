import errno
import _stat

# errno: every name, errorcode, and the aliases.
names = sorted(k for k in dir(errno) if k.startswith('E'))
print(len(names), names[:5], names[-5:])
print(sum(getattr(errno, k) for k in names))
print(errno.ENOENT, errno.EAGAIN, errno.EWOULDBLOCK, errno.EDEADLOCK, errno.ENOTSUP)
print(len(errno.errorcode), errno.errorcode[2], errno.errorcode[11], errno.errorcode[95])
print(list(errno.errorcode.items())[:10])
print(list(errno.errorcode.items())[-10:])
print(all(errno.errorcode[getattr(errno, errno.errorcode[v])] == errno.errorcode[v] for v in errno.errorcode))
print([k for k in vars(errno) if not k.startswith('__')][:10])
print(errno.__doc__.splitlines()[0], errno.__name__)
print(type(errno.errorcode).__name__, type(errno.EPERM).__name__)

# _stat: constants
print([(k, v) for k, v in vars(_stat).items() if isinstance(v, int)])
print(_stat.__doc__.count('\n'), _stat.__name__)
modes = [0o040755, 0o100644, 0o120777, 0o020666, 0o060660, 0o010600, 0o140755,
         0o104755, 0o102755, 0o101777, 0o100000, 0o007777, 0o106000, 0o041000, 0, 0o170000]
for m in modes:
    print(oct(m), _stat.filemode(m), _stat.S_IMODE(m), _stat.S_IFMT(m),
          [f for f in ('S_ISDIR', 'S_ISCHR', 'S_ISBLK', 'S_ISREG', 'S_ISFIFO', 'S_ISLNK',
                       'S_ISSOCK', 'S_ISDOOR', 'S_ISPORT', 'S_ISWHT') if getattr(_stat, f)(m)])
print(_stat.S_ISDIR(True), _stat.filemode(2**32 - 1), _stat.S_IMODE(2**32 - 1))
for arg in ['x', -1, 2**64, 2**40, 2**32, 1.5, None]:
    for f in (_stat.S_ISDIR, _stat.S_IMODE, _stat.S_IFMT, _stat.filemode):
        try:
            print(f(arg))
        except Exception as e:
            print(f.__name__, type(e).__name__, e)
try:
    _stat.S_ISDIR()
except TypeError as e:
    print(e)
try:
    _stat.filemode(1, 2)
except TypeError as e:
    print(e)
print(_stat.S_ISDIR.__doc__)
print(_stat.filemode.__doc__, _stat.S_IMODE.__doc__, _stat.S_IFMT.__doc__)
print(repr(_stat.S_ISREG), _stat.S_ISREG.__module__)
