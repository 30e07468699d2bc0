# posix process functions: fork/wait/_exit, the wait status macros, pipes and dups, exec,
# posix_spawn, register_at_fork, ids; and the pwd module. A child reports through a pipe.
import posix
import pwd


def show(f):
    try:
        print('ok', repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


def read_all(fd):
    out = b''
    while True:
        chunk = posix.read(fd, 4096)
        if not chunk:
            return out
        out += chunk


for status in [0, 3 << 8, 9, 0x7f | (19 << 8), 0xffff, 0x80 | 6]:
    print(status, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.WIFSIGNALED(status),
          posix.WTERMSIG(status), posix.WIFSTOPPED(status), posix.WSTOPSIG(status),
          posix.WIFCONTINUED(status), posix.WCOREDUMP(status))
print(posix.waitstatus_to_exitcode(3 << 8), posix.waitstatus_to_exitcode(9), posix.waitstatus_to_exitcode(status=0))
show(lambda: posix.waitstatus_to_exitcode(0x7f | (5 << 8)))
show(lambda: posix.waitstatus_to_exitcode(-1))

r, w = posix.pipe()
print(posix.get_inheritable(r), posix.get_inheritable(w))
posix.set_inheritable(r, True)
print(posix.get_inheritable(r))
posix.set_inheritable(r, False)
d = posix.dup(w)
print(d > w, posix.get_inheritable(d))
d2 = posix.dup2(w, d, inheritable=False)
print(d2 == d, posix.get_inheritable(d2))
posix.close(d)
posix.set_blocking(r, False)
print(posix.get_blocking(r))
show(lambda: posix.read(r, 1))
posix.set_blocking(r, True)
print(posix.writev(w, [b'ab', bytearray(b'cd')]))
buf = [bytearray(1), bytearray(3)]
print(posix.readv(r, buf), buf)
posix.close(r)
posix.close(w)
r, w = posix.pipe2(posix.O_CLOEXEC | posix.O_NONBLOCK)
print(posix.get_blocking(r), posix.get_inheritable(w))
posix.close(r)
posix.close(w)

events = []
posix.register_at_fork(before=lambda: events.append('before1'), after_in_parent=lambda: events.append('parent1'))
posix.register_at_fork(before=lambda: events.append('before2'), after_in_parent=lambda: events.append('parent2'),
                       after_in_child=lambda: events.append('child'))
show(lambda: posix.register_at_fork())
show(lambda: posix.register_at_fork(before=1))
show(lambda: posix.register_at_fork(lambda: None))

r, w = posix.pipe()
pid = posix.fork()
if pid == 0:
    posix.close(r)
    posix.write(w, ('child sees %s, ppid ok %s\n' % (events, posix.getppid() > 0)).encode())
    posix.close(w)
    posix._exit(7)
posix.close(w)
print(read_all(r).decode(), end='')
posix.close(r)
wpid, status = posix.waitpid(pid, 0)
print(wpid == pid, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.waitstatus_to_exitcode(status))
print(events)
show(lambda: posix.waitpid(-1, 0))
show(lambda: posix.wait())

# exec in a child, its output through a pipe
def exec_output(exec_call):
    r, w = posix.pipe()
    pid = posix.fork()
    if pid == 0:
        posix.dup2(w, 1)
        try:
            exec_call()
        finally:
            posix._exit(99)
    posix.close(w)
    print(read_all(r))
    posix.close(r)
    print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))


exec_output(lambda: posix.execv('/bin/sh', ['sh', '-c', 'echo from exec; exit 5']))
exec_output(lambda: posix.execve('/bin/sh', ['sh', '-c', 'echo $FERRIC_X'], {'FERRIC_X': 'env value', b'PATH': b'/bin'}))
exec_output(lambda: posix.execve('/bin/sh', ('sh', '-c', 'exit 6'), {}))

# posix_spawn with file actions
r, w = posix.pipe()
pid = posix.posix_spawn('/bin/sh', ['sh', '-c', 'echo spawned; exit 4'], {},
                        file_actions=[(posix.POSIX_SPAWN_DUP2, w, 1), (posix.POSIX_SPAWN_CLOSE, r)])
posix.close(w)
print(read_all(r))
posix.close(r)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
pid = posix.posix_spawnp('true', ['true'], {'PATH': '/bin:/usr/bin'}, setsid=True)
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))
pid = posix.posix_spawn('/bin/sh', ['sh', '-c', 'kill -9 $$'], {})
print(posix.waitstatus_to_exitcode(posix.waitpid(pid, 0)[1]))

show(lambda: posix.execv('/bin/true', 'x'))
show(lambda: posix.execv('/bin/true', []))
show(lambda: posix.execv('/bin/true', ['']))
show(lambda: posix.execv('/bin/true', [1]))
show(lambda: posix.execve('/bin/true', ['a'], 5))
show(lambda: posix.execve('/bin/true', ['a'], {'a=b': 'c'}))
show(lambda: posix.execv('/nonexistent', ['a']))
show(lambda: posix.posix_spawn('/bin/true', 'x', {}))
show(lambda: posix.posix_spawn('/bin/true', [], {}))
show(lambda: posix.posix_spawn('/bin/true', ['a'], 5))
show(lambda: posix.posix_spawn('/nonexistent', ['a'], {}))
show(lambda: posix.posix_spawn('/bin/true', ['a'], {}, file_actions=[(9,)]))
show(lambda: posix.posix_spawn('/bin/true', ['a'], {}, file_actions=[(1,)]))
show(lambda: posix.posix_spawn('/bin/true', ['a'], {}, file_actions=5))
show(lambda: posix.posix_spawn('/bin/true', ['a'], {}, file_actions=[5]))
show(lambda: posix.posix_spawn(path='/bin/true', argv=['a'], env={}))

# signals and ids
show(lambda: posix.kill(999999, 0))
posix.kill(posix.getpid(), 0)
print(posix.getpid() > 0, posix.getppid() > 0, posix.getuid() == posix.geteuid(), posix.getgid() == posix.getegid())
print(posix.getpgrp() == posix.getpgid(0), posix.getsid(0) > 0, type(posix.getgroups()).__name__)
print(posix.getresuid()[0] == posix.getuid(), posix.getresgid()[0] == posix.getgid())
print(posix.nice(0) == posix.getpriority(posix.PRIO_PROCESS, 0))
print(type(posix.sched_getaffinity(0)).__name__, posix.sched_getaffinity(0) == posix.sched_getaffinity(posix.getpid()))
la = posix.getloadavg()
print(len(la), all(type(x) is float for x in la))
show(lambda: posix.getpgid(999999))
show(lambda: posix.setpgid(999999, 1))
print(posix.major(posix.makedev(8, 3)), posix.minor(posix.makedev(8, 3)))

# pwd
me = pwd.getpwuid(posix.getuid())
print(type(me).__name__, len(me), me.pw_uid == posix.getuid(), me == pwd.getpwnam(me.pw_name), me[0] == me.pw_name)
root = pwd.getpwuid(0)
print(root.pw_name, root.pw_uid, root.pw_gid, root.pw_dir, pwd.struct_passwd.__match_args__)
print(any(p.pw_uid == 0 for p in pwd.getpwall()), all(type(p) is pwd.struct_passwd for p in pwd.getpwall()))
show(lambda: pwd.getpwuid(-5))
show(lambda: pwd.getpwuid(99999))
show(lambda: pwd.getpwnam('nonexistent_user_x'))
show(lambda: pwd.getpwnam(5))
show(lambda: pwd.getpwuid('a'))
show(lambda: pwd.getpwnam('a\0'))
show(lambda: pwd.getpwuid(2**40))

# posix_spawn with a scheduler
print(posix.sched_param(0).__reduce__())
pid = posix.posix_spawn('/bin/true', ['true'], {}, scheduler=(None, posix.sched_param(0)))
print(posix.waitpid(pid, 0)[1])
pid = posix.posix_spawn('/bin/true', ['true'], {}, scheduler=(posix.SCHED_OTHER, posix.sched_param(0)), setpgroup=0,
                        setsigmask=[2], setsigdef=[15], resetids=True)
print(posix.waitpid(pid, 0)[1])
show(lambda: posix.posix_spawn('/bin/true', ['true'], {}, scheduler=(1,)))
show(lambda: posix.posix_spawn('/bin/true', ['true'], {}, scheduler=(None, 5)))
show(lambda: posix.posix_spawn('/bin/true', ['true'], {}, setsigmask=[0]))
