# posix file-system functions: stat, listdir, open/read/write, rename, links, utime, errors.
import posix

# One directory per process: the corpus runs each program under both interpreters at once.
BASE = '/tmp/ferric_posix_files_%d' % posix.getpid()


def rmtree(p):
    for name in posix.listdir(p):
        full = p + '/' + name
        st = posix.lstat(full)
        if st.st_mode & 0o170000 == 0o040000:
            rmtree(full)
        else:
            posix.unlink(full)
    posix.rmdir(p)


def show(f):
    try:
        r = f()
        print('ok', repr(r))
    except BaseException as e:
        print(type(e).__name__, e, getattr(e, 'errno', None), repr(getattr(e, 'filename', None)), repr(getattr(e, 'filename2', None)))


try:
    rmtree(BASE)
except FileNotFoundError:
    pass
old_mask = posix.umask(0o022)
posix.mkdir(BASE)
posix.chdir(BASE)
print(posix.getcwd() == BASE, posix.getcwdb() == BASE.encode())

fd = posix.open('a.txt', posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.get_inheritable(fd), posix.get_blocking(fd), posix.isatty(fd))
print(posix.write(fd, b'hello world\n'), posix.write(fd, bytearray(b'xyz')), posix.write(fd, memoryview(b'12')))
posix.fsync(fd)
print(posix.lseek(fd, 0, 1), posix.lseek(fd, 0, 2))
posix.ftruncate(fd, 5)
st = posix.fstat(fd)
print(st.st_size, oct(st.st_mode), st.st_nlink, st.st_size == st[6])
posix.close(fd)
show(lambda: posix.close(fd))

fd = posix.open('a.txt', posix.O_RDONLY)
print(posix.read(fd, 3), posix.read(fd, 100), posix.read(fd, 10))
print(posix.pread(fd, 2, 1))
posix.close(fd)

st = posix.stat('a.txt')
print(len(st), st.st_mode == st[0], st.st_ino == st[1], st.st_dev == st[2])
print(type(st.st_atime).__name__, type(st[7]).__name__, type(st.st_atime_ns).__name__)
print(st.st_mtime_ns // 10**9 == st[8] == int(st.st_mtime), st.st_ctime_ns // 10**9 == st[9])
print(st.st_blksize > 0, st.st_blocks >= 0, st.st_rdev, st.st_uid == posix.getuid(), st.st_gid == posix.getgid())
print(posix.stat(b'a.txt') == st, posix.stat('a.txt', follow_symlinks=False) == st)
print(repr(st).startswith('os.stat_result(st_mode='), st.__reduce__()[0].__name__)
print(posix.stat_result(tuple(range(10))))
r = posix.stat_result(tuple(range(13)))
print(r.st_atime, r.st_mtime, r.st_ctime, r.st_atime_ns, r.st_blksize)

posix.utime('a.txt', (1000000000, 1200000000))
st = posix.stat('a.txt')
print(st.st_atime, st.st_mtime, st.st_atime_ns, st.st_mtime_ns)
posix.utime('a.txt', ns=(1500000000123456789, 1600000000987654321))
st = posix.stat('a.txt')
print(st.st_atime_ns, st.st_mtime_ns, st[7], st[8])
posix.utime('a.txt', times=(1.25, 2.75))
st = posix.stat('a.txt')
print(st.st_atime, st.st_mtime, st.st_atime_ns)
show(lambda: posix.utime('a.txt', 5))
show(lambda: posix.utime('a.txt', (1, 2), ns=(1, 2)))
show(lambda: posix.utime('a.txt', ns=5))

posix.mkdir('sub', 0o755)
posix.mkdir(b'sub/deeper')
print(oct(posix.stat('sub').st_mode & 0o777))
posix.symlink('a.txt', 'link')
posix.link('a.txt', 'hard')
print(posix.readlink('link'), posix.readlink(b'link'), posix.stat('a.txt').st_nlink)
print(posix.lstat('link').st_mode & 0o170000 == 0o120000, posix.stat('link').st_ino == posix.stat('a.txt').st_ino)
print(sorted(posix.listdir()), sorted(posix.listdir('.')), sorted(posix.listdir(b'.')))
print(sorted(posix.listdir(BASE + '/sub')))
dfd = posix.open('sub', posix.O_RDONLY)
print(sorted(posix.listdir(dfd)))
posix.mkdir('in_dirfd', dir_fd=dfd)
print(sorted(posix.listdir('sub')), posix.stat('in_dirfd', dir_fd=dfd).st_mode & 0o170000 == 0o040000)
posix.rmdir('in_dirfd', dir_fd=dfd)
posix.close(dfd)

posix.rename('hard', 'hard2')
posix.replace('hard2', 'hard3')
print(sorted(posix.listdir()))
posix.chmod('a.txt', 0o600)
print(oct(posix.stat('a.txt').st_mode & 0o777))
print(posix.access('a.txt', posix.R_OK), posix.access('a.txt', posix.X_OK), posix.access('nonexist', posix.F_OK))
posix.truncate('a.txt', 2)
print(posix.stat('a.txt').st_size)
posix.remove('hard3')
show(lambda: posix.chmod('link', 0o777, follow_symlinks=False))
dfd = posix.open('.', posix.O_RDONLY)
show(lambda: posix.chmod('link', 0o777, follow_symlinks=False, dir_fd=dfd))
posix.close(dfd)
posix.chown('link', -1, -1, follow_symlinks=False)
posix.utime('link', follow_symlinks=False)
posix.link('link', 'link2', follow_symlinks=False)
print(posix.lstat('link2').st_mode & 0o170000 == 0o120000)
posix.unlink('link2')
posix.unlink('link')
posix.mkfifo('fifo')
print(posix.stat('fifo').st_mode & 0o170000 == 0o010000)
posix.unlink('fifo')

# errors
show(lambda: posix.stat('nonexist'))
show(lambda: posix.stat(b'nonexist'))
show(lambda: posix.lstat('nonexist/x'))
show(lambda: posix.rename('nonexist', 'other'))
show(lambda: posix.link('nonexist', 'other'))
show(lambda: posix.symlink('a.txt', 'a.txt'))
show(lambda: posix.mkdir('sub'))
show(lambda: posix.rmdir('a.txt'))
show(lambda: posix.rmdir('sub'))
show(lambda: posix.unlink('sub'))
show(lambda: posix.open('nonexist', posix.O_RDONLY))
show(lambda: posix.listdir('nonexist'))
show(lambda: posix.readlink('a.txt'))
show(lambda: posix.chdir('nonexist'))
show(lambda: posix.stat('a\0b'))
show(lambda: posix.stat(3.5))
show(lambda: posix.stat(None))
show(lambda: posix.listdir(1.5))
show(lambda: posix.lstat(3))
show(lambda: posix.stat('x', dir_fd='a'))
show(lambda: posix.stat())
show(lambda: posix.stat('a', 'b'))
show(lambda: posix.stat(path='a', foo=1))
show(lambda: posix.stat('a', path='a'))
show(lambda: posix.open('a'))
show(lambda: posix.fstat('a'))
show(lambda: posix.read(0, -1))
show(lambda: posix.read(-1, 1))
show(lambda: posix.write(-1, b'x'))
show(lambda: posix.write(1, 'text'))
show(lambda: posix.lseek(-1, 0, 0))
show(lambda: posix.fsync('a'))
show(lambda: posix.fsync(-1))
show(lambda: posix.fstat(-1))
show(lambda: posix.stat(-1))
show(lambda: posix.stat(0, dir_fd=3))
show(lambda: posix.stat(1, follow_symlinks=False))
show(lambda: posix.stat(2**40))
show(lambda: posix.truncate(99, 0))
show(lambda: posix.statvfs(99))
show(lambda: posix.listdir(99))
show(lambda: posix.chdir(99))
show(lambda: posix.read(0, 2**62))


class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(posix.stat(P('a.txt')).st_size, posix.fspath(P('x')), posix.fspath(P(b'y')))
show(lambda: posix.stat(P('nonexist')))
show(lambda: posix.stat(P(3)))
show(lambda: posix.fspath(3))
show(lambda: posix.fspath(P(None)))

posix.chdir('/tmp')
rmtree(BASE)
print(posix.access(BASE, posix.F_OK))
posix.umask(old_mask)

# stat_result construction and pickling shape
r = posix.stat_result.__new__(posix.stat_result, (1,)*10)
print(r.st_atime, r.st_atime_ns)
st = posix.stat('/')
print(st.__reduce__()[1][1]['st_atime'] == st.st_atime, type(st).__reduce__(st)[0](*st.__reduce__()[1]) == st)
print(posix.sched_param.__new__(posix.sched_param, 4))
print(posix.terminal_size.__module__, posix.stat_result.__name__, posix.stat_result.__qualname__)
try:
    posix.stat_result((1,)*9)
except TypeError as e:
    print(e)
try:
    posix.stat_result((1,)*20)
except TypeError as e:
    print(e)
