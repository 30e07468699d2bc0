# posix: _path_normpath, scheduling, xattr errors, preadv/pwritev, group and id calls.
import posix
def show(f):
    try:
        print('ok', repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)
for p in ['', '.', '/', '//', '///', 'a//b/../c/./d/', '../..', '/..', '/../a', 'a/..', '//a/b', './a', 'a/./', '\0x', './', './/', 'a/../.', './.', 'a/.', '/.', '/./', '.a', 'a/b/..', '../a/..', 'x/../..', '/a/../..', '//..', '//.', '..', '../', 'a/b/../../..', 'caf\xe9/\udcff/..', '\ud800/x']:
    print(repr(p), repr(posix._path_normpath(p)))
show(lambda: posix._path_normpath(b'a'))
show(lambda: posix._path_normpath(path=5))
print(posix.sched_param(5), posix.sched_param(sched_priority=3).sched_priority)
print(posix.sched_getparam(0), posix.sched_getscheduler(0), posix.sched_rr_get_interval(0) >= 0)
print(posix.sched_get_priority_max(posix.SCHED_FIFO), posix.sched_get_priority_min(posix.SCHED_FIFO))
aff = posix.sched_getaffinity(0)
posix.sched_setaffinity(0, aff)
print(posix.sched_getaffinity(0) == aff)
for f in [lambda: posix.sched_param(), lambda: posix.sched_param(1, 2), lambda: posix.sched_setaffinity(0, []), lambda: posix.sched_setaffinity(0, [-1]), lambda: posix.sched_setparam(0, 5),
          lambda: posix.getxattr('/nonexist', 'user.x'), lambda: posix.listxattr('/tmp'), lambda: posix.getxattr('/tmp', 'user.x'), lambda: posix.setgroups(5), lambda: posix.preadv(0, 5, 0), lambda: posix.getgrouplist('root', 0),
          lambda: posix.pwritev(0, 5, 0), lambda: posix.getgrouplist(5, 0), lambda: posix.initgroups(5, 0), lambda: posix.setgroups([1.5]), lambda: posix.sched_setparam(0, posix.sched_param('a')), lambda: posix.sched_setparam(0, posix.sched_param(2**40)), lambda: posix.sched_setaffinity(0, 5), lambda: posix.sched_setaffinity(0, [2**70]), lambda: posix.sched_setaffinity(0, [5000]), lambda: posix.sched_setaffinity(0, ['a']), lambda: posix.tcgetpgrp(0), lambda: posix.chroot('/nonexist'), lambda: posix.pidfd_open(999999), lambda: posix.listxattr(5.5), lambda: posix.setxattr('/nonexist', 'user.a', 'str'), lambda: posix.sched_get_priority_min(99), lambda: posix.readv(0, 5), lambda: posix.writev(0, 5), lambda: posix.readv(0, [b'x'])]:
    show(f)
fd = posix.open('/tmp/ferric_pv_%d' % posix.getpid(), posix.O_RDWR | posix.O_CREAT, 0o600)
print(posix.pwritev(fd, [b'abc', b'def'], 2))
b = [bytearray(2), bytearray(4)]
print(posix.preadv(fd, b, 1), b)
posix.close(fd)
posix.unlink('/tmp/ferric_pv_%d' % posix.getpid())
fd = posix.pidfd_open(posix.getpid())
print(fd > 2)
posix.close(fd)
