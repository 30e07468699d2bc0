# posix.scandir/DirEntry, environ/putenv/unsetenv, and the small system functions.
import posix

# One directory per process: the corpus runs each program under both interpreters at once.
BASE = '/tmp/ferric_posix_scandir_%d' % posix.getpid()


def show(f):
    try:
        print('ok', repr(f()))
    except BaseException as e:
        print(type(e).__name__, e, repr(getattr(e, 'filename', None)))


def rmtree(p):
    for e in posix.scandir(p):
        if e.is_dir(follow_symlinks=False):
            rmtree(e.path)
        else:
            posix.unlink(e.path)
    posix.rmdir(p)


try:
    rmtree(BASE)
except FileNotFoundError:
    pass
posix.mkdir(BASE)
posix.chdir(BASE)
posix.close(posix.open('file', posix.O_WRONLY | posix.O_CREAT, 0o644))
posix.mkdir('dir')
posix.symlink('file', 'link_file')
posix.symlink('dir', 'link_dir')
posix.symlink('missing', 'dangling')

with posix.scandir() as it:
    print(type(it).__name__, type(it).__module__)
    entries = sorted(it, key=lambda e: e.name)
for e in entries:
    print(repr(e), e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink(),
          e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False),
          e.inode() == posix.lstat(e.name).st_ino, posix.fspath(e))
    st = e.stat(follow_symlinks=False)
    print('  ', st == posix.lstat(e.name), e.stat(follow_symlinks=False) is st)
    if e.name != 'dangling':
        print('  ', e.stat() == posix.stat(e.name))
    else:
        show(e.stat)

print(sorted(e.path[len(BASE):] for e in posix.scandir(BASE)))
print(sorted(e.path[len(BASE):] for e in posix.scandir(BASE + '/')))
print(sorted((e.name, e.path) for e in posix.scandir(b'.')))
fd = posix.open('.', posix.O_RDONLY)
print(sorted((e.name, e.path, e.is_dir()) for e in posix.scandir(fd)))
print(sorted(posix.listdir(fd)))
posix.close(fd)

it = posix.scandir('.')
first = next(it)
it.close()
it.close()
show(lambda: next(it))
show(lambda: posix.scandir('nonexist'))
show(lambda: posix.scandir(1.5))
show(lambda: posix.DirEntry())
show(lambda: type(it)())
show(lambda: first.is_dir(True))
show(lambda: first.is_dir(bogus=True))
print(posix.DirEntry[str], posix.DirEntry.__name__, posix.DirEntry.__module__)
show(lambda: setattr(first, 'name', 'x'))



def rmtree_fd(topfd):
    # shutil's _rmtree_safe_fd: names relative to directory fds.
    for e in sorted(posix.scandir(topfd), key=lambda e: e.name):
        st = e.stat(follow_symlinks=False)
        if e.is_dir(follow_symlinks=False):
            fd = posix.open(e.name, posix.O_RDONLY, dir_fd=topfd)
            print('dir', e.name, posix.fstat(fd).st_ino == st.st_ino, st == posix.lstat(e.name, dir_fd=topfd))
            rmtree_fd(fd)
            posix.close(fd)
            posix.rmdir(e.name, dir_fd=topfd)
        else:
            print('file', e.name, e.is_symlink(), st == posix.lstat(e.name, dir_fd=topfd))
            posix.unlink(e.name, dir_fd=topfd)


posix.mkdir('dir/inner')
posix.close(posix.open('dir/inner/f', posix.O_WRONLY | posix.O_CREAT, 0o644))
posix.chdir('/tmp')
top = posix.open(BASE, posix.O_RDONLY | posix.O_DIRECTORY)
rmtree_fd(top)
posix.close(top)
print(posix.listdir(BASE))
posix.rmdir(BASE)

# environ is bytes to bytes, taken when the module was made
env = posix.environ
print(type(env).__name__, all(type(k) is bytes and type(v) is bytes for k, v in env.items()))
posix.putenv('FERRIC_POSIX_TEST', 'value')
print(b'FERRIC_POSIX_TEST' in posix.environ)
posix.putenv(b'FERRIC_POSIX_TEST2', b'v2')
posix.unsetenv('FERRIC_POSIX_TEST')
posix.unsetenv(b'FERRIC_POSIX_TEST2')
show(lambda: posix.putenv('A=B', 'c'))
show(lambda: posix.putenv('', 'c'))
show(lambda: posix.putenv('A', 'b\0'))
show(lambda: posix.putenv(1, 'b'))
show(lambda: posix.unsetenv('A=B'))

# small system functions
print(posix.strerror(2), posix.strerror(13), posix.strerror(99999))
print(len(posix.urandom(16)), posix.urandom(0), len(posix.getrandom(8)))
show(lambda: posix.urandom(-1))
u = posix.uname()
print(type(u).__name__, len(u), u.sysname, u[0] == u.sysname, u.__match_args__)
t = posix.times()
print(type(t).__name__, len(t), all(type(x) is float for x in t), t.elapsed > 0)
print(posix.cpu_count() >= 1, posix.sysconf('SC_PAGESIZE'), posix.sysconf(posix.sysconf_names['SC_PAGESIZE']))
print(posix.confstr('CS_PATH'), posix.pathconf('/', 'PC_NAME_MAX'), posix.fpathconf(0, 'PC_NAME_MAX') > 0 or True)
show(lambda: posix.sysconf('nonexistent'))
show(lambda: posix.sysconf(1.5))
print(sorted(posix.sysconf_names)[:3], len(posix.confstr_names) > 0, len(posix.pathconf_names) > 0)
m = posix.umask(0o077)
print(posix.umask(m) == 0o077)
print(posix.error is OSError, posix.O_RDONLY, posix.O_CREAT, posix.F_OK, posix.R_OK, posix.W_OK, posix.X_OK, posix.WNOHANG)
print(sorted(posix._have_functions))
print(posix.device_encoding(posix.open('/dev/null', posix.O_RDONLY)))
show(lambda: posix.get_terminal_size(posix.open('/dev/null', posix.O_RDONLY)))
ts = posix.terminal_size((80, 24))
print(ts, ts.columns, ts.lines)
vfs = posix.statvfs('/')
print(type(vfs).__name__, len(vfs), vfs.f_bsize == vfs[0], vfs.f_namemax > 0, type(vfs.f_fsid).__name__)
print(posix.fstatvfs(0).f_bsize >= 0)
