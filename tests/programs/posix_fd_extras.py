# posix descriptor functions shutil and subprocess lean on: sendfile, copy_file_range,
# splice, memfd_create, eventfd, lockf, posix_fallocate/fadvise, closerange, fchmod, dup2.
import posix

NAME = '/tmp/ferric_posix_fd_%d' % posix.getpid()


def show(f):
    try:
        print('ok', repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


src = posix.open(NAME + '.a', posix.O_RDWR | posix.O_CREAT | posix.O_TRUNC, 0o600)
dst = posix.open(NAME + '.b', posix.O_RDWR | posix.O_CREAT | posix.O_TRUNC, 0o600)
posix.write(src, b'0123456789' * 10)
print(posix.sendfile(dst, src, 0, 25), posix.lseek(dst, 0, 1), posix.lseek(src, 0, 1))
posix.lseek(src, 0, 0)
print(posix.sendfile(dst, src, None, 5), posix.lseek(src, 0, 1))
print(posix.pread(dst, 100, 0))
print(posix.copy_file_range(src, dst, 10, 50, 0), posix.pread(dst, 12, 0))
print(posix.copy_file_range(src, dst, 3))
show(lambda: posix.sendfile(dst, src, 0, -1))
show(lambda: posix.copy_file_range(src, dst, -1))
show(lambda: posix.sendfile(-1, src, 0, 1))
posix.posix_fallocate(dst, 0, 200)
print(posix.fstat(dst).st_size)
posix.posix_fadvise(src, 0, 0, posix.POSIX_FADV_SEQUENTIAL)
posix.lockf(dst, posix.F_LOCK, 0)
posix.lockf(dst, posix.F_ULOCK, 0)
posix.fchmod(dst, 0o640)
print(oct(posix.fstat(dst).st_mode & 0o777))
posix.fdatasync(dst)
r, w = posix.pipe()
print(posix.splice(src, w, 7, offset_src=3), posix.read(r, 100))
posix.close(r)
posix.close(w)
posix.close(src)
posix.close(dst)
posix.unlink(NAME + '.a')
posix.unlink(NAME + '.b')

m = posix.memfd_create('ferric', posix.MFD_CLOEXEC)
print(posix.get_inheritable(m), posix.write(m, b'memfd data'), posix.pread(m, 5, 0), posix.fstat(m).st_size)
posix.ftruncate(m, 3)
print(posix.fstat(m).st_size)
posix.close(m)

e = posix.eventfd(5)
print(posix.get_inheritable(e), posix.eventfd_read(e))
posix.eventfd_write(e, 7)
posix.eventfd_write(e, 3)
print(posix.eventfd_read(e))
posix.close(e)
e = posix.eventfd(0, posix.EFD_NONBLOCK | posix.EFD_SEMAPHORE)
show(lambda: posix.eventfd_read(e))
posix.close(e)

fds = [posix.open('/dev/null', posix.O_RDONLY) for _ in range(4)]
posix.closerange(fds[0], fds[-1])
print([posix.get_inheritable(fds[-1])])
for fd in fds[:-1]:
    show(lambda: posix.fstat(fd))
posix.close(fds[-1])
show(lambda: posix.dup(-1))
show(lambda: posix.dup2(-1, 5))
show(lambda: posix.closerange('a', 5))
show(lambda: posix.memfd_create(5))
show(lambda: posix.eventfd(-1))
show(lambda: posix.isatty(-1))
show(lambda: posix.ttyname(-1))
show(lambda: posix.lockf(-1, 0, 0))
show(lambda: posix.pipe2(-1))
show(lambda: posix.splice(0, 1, -1))
show(lambda: posix.eventfd(2**33))
show(lambda: posix.eventfd_write(0, -1))
show(lambda: posix.eventfd_write(0, 2**64))
show(lambda: posix.splice(0, 1, 1, flags=-1))

# a pseudo-terminal: the locale's encoding, its name, its size
m, s = posix.openpty()
print(posix.device_encoding(s), posix.isatty(s), posix.ttyname(s).startswith('/dev/pts/'), posix.get_terminal_size(s))
print(posix.get_inheritable(m), posix.get_inheritable(s), posix.device_encoding(m) == posix.device_encoding(s))
posix.close(m)
posix.close(s)
