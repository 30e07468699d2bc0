//! The `posix` functions on processes: ids (`getpid`, `getuid`, `setsid`, ...), signals
//! (`kill`, `killpg`), `fork` with the `register_at_fork` hooks, `execv`/`execve`,
//! `posix_spawn`/`posix_spawnp`, `waitpid`/`wait`/`waitid` and the wait status macros,
//! scheduling (`nice`, priorities, `sched_getaffinity`), `openpty`, `login_tty`, `system`,
//! `getloadavg`, and `major`/`minor`/`makedev` (CPython's posixmodule.c).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! argument vectors handed to libc are NUL-terminated arrays of owned C strings that outlive
//! the call.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::{self, METHOD_END};
use crate::objects::{dictobject as dict, floatobject as float, listobject as list, longobject as long, noneobject, tupleobject as tuple};
use crate::posix_fns;
use crate::protocol::number;
use std::ffi::{c_int, CString};
use std::ptr::null_mut;

pub static mut WAITID_RESULT: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };
pub static mut SCHED_PARAM: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };

pub unsafe fn ready_types() -> PyResult<()> {
    use crate::objects::structseq::ready_static;
    ready_static(
        &raw mut WAITID_RESULT,
        c"posix.waitid_result",
        c"waitid_result: Result from waitid.\n\nThis object may be accessed either as a tuple of\n  (si_pid, si_uid, si_signo, si_status, si_code),\nor via the attributes si_pid, si_uid, and so on.\n\nSee os.waitid for more information.",
        &[c"si_pid".as_ptr(), c"si_uid".as_ptr(), c"si_signo".as_ptr(), c"si_status".as_ptr(), c"si_code".as_ptr()],
        5,
        0,
    )?;
    ready_static(
        &raw mut SCHED_PARAM,
        c"posix.sched_param",
        c"Currently has only one field: sched_priority\n\n  sched_priority\n    A scheduling parameter.",
        &[c"sched_priority".as_ptr()],
        1,
        0,
    )?;
    crate::modules::posix_sched::finish_sched_param()
}

// ---- fork hooks ------------------------------------------------------------------------

/// The callables `register_at_fork` keeps: before, after in child, after in parent (lists,
/// touched only with the thread state attached).
static mut HOOKS: [*mut PyObject; 3] = [null_mut(); 3];

unsafe fn hook_list(i: usize) -> PyResult<*mut PyObject> {
    if HOOKS[i].is_null() {
        HOOKS[i] = list::new(0)?.into_ptr();
    }
    Ok(HOOKS[i])
}

/// Calls the hooks of list `i`, reversed for "before", reporting failures as unraisable.
unsafe fn run_hooks(i: usize, reverse: bool) {
    let l = HOOKS[i];
    if l.is_null() {
        return;
    }
    let mut items: Vec<Obj> = list::items(l).iter().map(|&o| Obj::from_borrowed(o)).collect();
    if reverse {
        items.reverse();
    }
    for f in items {
        if crate::protocol::call::vectorcall(f.as_ptr(), &[], null_mut()).is_err() {
            crate::report::write_unraisable("Exception ignored in", f.as_ptr());
        }
    }
}

/// PyOS_BeforeFork.
pub unsafe fn before_fork() {
    run_hooks(0, true);
}

/// PyOS_AfterFork_Parent.
pub unsafe fn after_fork_parent() {
    run_hooks(2, false);
}

/// PyOS_AfterFork_Child: the child's only thread becomes the main thread, then the hooks.
pub unsafe fn after_fork_child() {
    let ts = crate::pystate::tstate();
    (*ts).thread_id = libc::pthread_self() as _;
    (*ts).native_thread_id = libc::gettid() as _;
    (*crate::runtime_state::runtime()).main_thread = libc::pthread_self() as _;
    crate::runtime_state::set_current_tstate(ts);
    run_hooks(1, false);
}

unsafe fn register_at_fork(kw: &[*mut PyObject]) -> PyResult<Obj> {
    if kw.iter().all(|o| o.is_null()) {
        return Err(raise(exc::type_error(), "At least one argument is required."));
    }
    let names = ["before", "after_in_child", "after_in_parent"];
    for (i, &f) in kw.iter().enumerate() {
        if !f.is_null() && !noneobject::is_none(f) && !crate::protocol::call::callable_check(f) {
            return Err(raise(exc::type_error(), format!("'{}' must be callable, not {}", names[i], typeobject::short_name(type_of(f)))));
        }
    }
    for (i, &f) in kw.iter().enumerate() {
        if !f.is_null() && !noneobject::is_none(f) {
            list::append(hook_list(i)?, f)?;
        }
    }
    Ok(none())
}

// ---- exec and spawn --------------------------------------------------------------------

/// An argv tuple or list as C strings (CPython's parse_arglist with its messages).
unsafe fn argv_arg(func: &str, o: *mut PyObject, spawn: bool) -> PyResult<Vec<CString>> {
    if !tuple::check(o) && !list::check(o) {
        return Err(raise(exc::type_error(), if spawn { format!("{func}: argv must be a tuple or list") } else { format!("{func}() arg 2 must be a tuple or list") }));
    }
    let items: Vec<Obj> = crate::protocol::iter::collect(o)?;
    if items.is_empty() {
        return Err(raise(exc::value_error(), if spawn { format!("{func}: argv must not be empty") } else { format!("{func}() arg 2 must not be empty") }));
    }
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(fs_converter(it.as_ptr())?);
    }
    if out[0].as_bytes().is_empty() {
        return Err(raise(exc::value_error(), if spawn { format!("{func}: argv first element cannot be empty") } else { format!("{func}() arg 2 first element cannot be empty") }));
    }
    Ok(out)
}

/// An environment mapping as `KEY=VALUE` C strings (CPython's parse_envlist).
unsafe fn env_arg(func: &str, o: *mut PyObject) -> PyResult<Vec<CString>> {
    if !crate::protocol::sequence::is_mapping(o) {
        return Err(raise(exc::type_error(), format!("{func}: environment must be a mapping object")));
    }
    let keys = crate::protocol::call::call_method_obj(o, "keys", &[])?;
    let mut out = Vec::new();
    for k in crate::protocol::iter::collect(keys.as_ptr())? {
        let v = crate::protocol::sequence::getitem(o, k.as_ptr())?;
        let kb = fs_converter(k.as_ptr())?;
        let vb = fs_converter(v.as_ptr())?;
        if kb.as_bytes().is_empty() || kb.as_bytes()[1..].contains(&b'=') {
            return Err(raise(exc::value_error(), "illegal environment variable name"));
        }
        let mut e = kb.into_bytes();
        e.push(b'=');
        e.extend_from_slice(vb.as_bytes());
        out.push(CString::new(e).map_err(|_| raise(exc::value_error(), "embedded null byte"))?);
    }
    Ok(out)
}

fn c_vec(v: &[CString]) -> Vec<*mut libc::c_char> {
    v.iter().map(|s| s.as_ptr() as *mut libc::c_char).chain(std::iter::once(null_mut())).collect()
}

unsafe fn execve(a: &[*mut PyObject], with_env: bool) -> PyResult<Obj> {
    let func = if with_env { "execve" } else { "execv" };
    let p = path_arg(func, "path", a[0], false, with_env)?;
    let argv = argv_arg(func, a[1], false)?;
    let env = if with_env { Some(env_arg(func, a[2])?) } else { None };
    let av = c_vec(&argv);
    match env {
        Some(env) => {
            let ev = c_vec(&env);
            if p.fd != -1 {
                libc::fexecve(p.fd, av.as_ptr() as *const _, ev.as_ptr() as *const _);
            } else {
                libc::execve(p.ptr(), av.as_ptr() as *const _, ev.as_ptr() as *const _);
            }
        }
        None => {
            libc::execv(p.ptr(), av.as_ptr() as *const _);
        }
    }
    // Only a failed exec returns; CPython reports it without the filename.
    Err(errno_error())
}

/// A sigset from an iterable of signal numbers.
unsafe fn sigset_arg(o: *mut PyObject) -> PyResult<libc::sigset_t> {
    let mut set: libc::sigset_t = std::mem::zeroed();
    libc::sigemptyset(&mut set);
    for s in crate::protocol::iter::collect(o)? {
        let n = int_arg(s.as_ptr())?;
        if n <= 0 || n >= libc::SIGRTMAX() + 1 {
            return Err(raise(exc::value_error(), format!("signal number {n} out of range [1; {}]", libc::SIGRTMAX())));
        }
        libc::sigaddset(&mut set, n);
    }
    Ok(set)
}

/// Adds `file_actions` to `fa`; the paths opened must outlive the spawn, so they are kept.
unsafe fn file_actions(o: *mut PyObject, fa: *mut libc::posix_spawn_file_actions_t, keep: &mut Vec<CString>) -> PyResult<()> {
    let items = crate::protocol::iter::collect(o).map_err(|e| {
        if crate::err::exception_matches(exc::type_error()) {
            crate::err::clear();
            raise(exc::type_error(), "file_actions must be a sequence or None")
        } else {
            e
        }
    })?;
    for it in items {
        let t = it.as_ptr();
        if !tuple::check(t) || tuple::items(t).is_empty() {
            return Err(raise(exc::type_error(), "Each file_actions element must be a non-empty tuple"));
        }
        let f = tuple::items(t);
        let tag = int_arg(f[0])?;
        let want = |n: usize, what: &str| -> PyResult<()> {
            if f.len() != n {
                return Err(raise(exc::type_error(), format!("A {what} file_action tuple must have {n} elements")));
            }
            Ok(())
        };
        let r = match tag {
            0 => {
                want(5, "open")?;
                let fd = int_arg(f[1])?;
                let path = fs_converter(f[2])?;
                let (flags, mode) = (int_arg(f[3])?, int_arg(f[4])?);
                let r = libc::posix_spawn_file_actions_addopen(fa, fd, path.as_ptr(), flags, mode as libc::mode_t);
                keep.push(path);
                r
            }
            1 => {
                want(2, "close")?;
                libc::posix_spawn_file_actions_addclose(fa, int_arg(f[1])?)
            }
            2 => {
                want(3, "dup2")?;
                libc::posix_spawn_file_actions_adddup2(fa, int_arg(f[1])?, int_arg(f[2])?)
            }
            _ => return Err(raise(exc::type_error(), "Unknown file_actions identifier")),
        };
        if r != 0 {
            *libc::__errno_location() = r;
            return Err(errno_error());
        }
    }
    Ok(())
}

unsafe fn posix_spawn(func: &str, a: &[*mut PyObject], search: bool) -> PyResult<Obj> {
    let p = path_arg(func, "path", a[0], false, false)?;
    let argv = argv_arg(func, a[1], true)?;
    let env = env_arg(func, a[2])?;
    let (fa_obj, setpgroup, resetids, setsid, setsigmask, setsigdef, scheduler) = (a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    let mut fa: libc::posix_spawn_file_actions_t = std::mem::zeroed();
    let mut attr: libc::posix_spawnattr_t = std::mem::zeroed();
    libc::posix_spawn_file_actions_init(&mut fa);
    libc::posix_spawnattr_init(&mut attr);
    let mut keep = Vec::new();
    let result = (|| -> PyResult<Obj> {
        if !fa_obj.is_null() && !noneobject::is_none(fa_obj) {
            file_actions(fa_obj, &mut fa, &mut keep)?;
        }
        let mut flags: c_int = 0;
        if !setpgroup.is_null() && !noneobject::is_none(setpgroup) {
            let pg = int_arg(setpgroup)?;
            flags |= libc::POSIX_SPAWN_SETPGROUP;
            libc::posix_spawnattr_setpgroup(&mut attr, pg);
        }
        if bool_or(resetids, false)? {
            flags |= libc::POSIX_SPAWN_RESETIDS;
        }
        if bool_or(setsid, false)? {
            flags |= libc::POSIX_SPAWN_SETSID as c_int;
        }
        if !setsigmask.is_null() {
            let s = sigset_arg(setsigmask)?;
            flags |= libc::POSIX_SPAWN_SETSIGMASK;
            libc::posix_spawnattr_setsigmask(&mut attr, &s);
        }
        if !setsigdef.is_null() {
            let s = sigset_arg(setsigdef)?;
            flags |= libc::POSIX_SPAWN_SETSIGDEF;
            libc::posix_spawnattr_setsigdefault(&mut attr, &s);
        }
        if !scheduler.is_null() && !noneobject::is_none(scheduler) {
            if !tuple::check(scheduler) || tuple::items(scheduler).len() != 2 {
                return Err(raise(exc::type_error(), "A scheduler tuple must have two elements"));
            }
            let [policy, param] = [tuple::items(scheduler)[0], tuple::items(scheduler)[1]];
            let sp = crate::modules::posix_sched::param_of(param)?;
            if !noneobject::is_none(policy) {
                let pol = int_arg(policy)?;
                if libc::posix_spawnattr_setschedpolicy(&mut attr, pol) != 0 {
                    return Err(errno_error());
                }
                flags |= libc::POSIX_SPAWN_SETSCHEDULER as c_int;
            }
            if libc::posix_spawnattr_setschedparam(&mut attr, &sp) != 0 {
                return Err(errno_error());
            }
            flags |= libc::POSIX_SPAWN_SETSCHEDPARAM as c_int;
        }
        libc::posix_spawnattr_setflags(&mut attr, flags as libc::c_short);
        let av = c_vec(&argv);
        let ev = c_vec(&env);
        let mut pid: libc::pid_t = 0;
        let spawn = if search { libc::posix_spawnp } else { libc::posix_spawn };
        let r = spawn(&mut pid, p.ptr(), &fa, &attr, av.as_ptr() as *const _, ev.as_ptr() as *const _);
        if r != 0 {
            *libc::__errno_location() = r;
            return Err(p.error());
        }
        Ok(long::from_i64(pid as i64))
    })();
    libc::posix_spawn_file_actions_destroy(&mut fa);
    libc::posix_spawnattr_destroy(&mut attr);
    result
}

// ---- wait ------------------------------------------------------------------------------

fn exitcode(status: c_int) -> PyResult<Obj> {
    if libc::WIFEXITED(status) {
        return Ok(long::from_i64(libc::WEXITSTATUS(status) as i64));
    }
    if libc::WIFSIGNALED(status) {
        return Ok(long::from_i64(-(libc::WTERMSIG(status) as i64)));
    }
    if libc::WIFSTOPPED(status) {
        return Err(raise(exc::value_error(), format!("process stopped by delivery of signal {}", libc::WSTOPSIG(status))));
    }
    Err(raise(exc::value_error(), format!("invalid wait status: {status}")))
}

unsafe fn pid_status(pid: libc::pid_t, status: c_int) -> PyResult<Obj> {
    tuple::pack(&[long::from_i64(pid as i64).as_ptr(), long::from_i64(status as i64).as_ptr()])
}

unsafe fn pid_arg(o: *mut PyObject) -> PyResult<libc::pid_t> {
    int_arg(o)
}

/// `resource.struct_rusage`, looked up before waiting so that a missing `resource` module
/// reaps no child; NotImplementedError while Ferric has none.
unsafe fn rusage_type(func: &str) -> PyResult<Obj> {
    let import = dict::get_item_str(crate::interp::builtins(), "__import__")?;
    let name = crate::objects::unicodeobject::from_str("resource")?;
    let m = if import.is_null() { Err(raise(exc::import_error(), "__import__ not found")) } else { crate::protocol::call::vectorcall(import, &[name.as_ptr()], null_mut()) };
    let t = m.and_then(|m| crate::protocol::object::getattr_str(m.as_ptr(), "struct_rusage"));
    t.map_err(|_| {
        crate::err::clear();
        raise(exc::not_implemented_error(), format!("{func}: resource.struct_rusage is not available in Ferric yet"))
    })
}

/// wait3/wait4's `(pid, status, rusage)`, as CPython's wait_helper.
unsafe fn wait_helper(func: &str, pid: libc::pid_t, options: c_int) -> PyResult<Obj> {
    let tp = rusage_type(func)?;
    let mut status = 0;
    let mut ru: libc::rusage = std::mem::zeroed();
    let r = retry(-1, || libc::wait4(pid, &mut status, options, &mut ru));
    if r < 0 {
        return Err(errno_error());
    }
    let tv = |t: libc::timeval| float::from_f64(t.tv_sec as f64 + t.tv_usec as f64 * 1e-6);
    let mut v = vec![tv(ru.ru_utime)?, tv(ru.ru_stime)?];
    for x in [ru.ru_maxrss, ru.ru_ixrss, ru.ru_idrss, ru.ru_isrss, ru.ru_minflt, ru.ru_majflt, ru.ru_nswap, ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv, ru.ru_nsignals, ru.ru_nvcsw, ru.ru_nivcsw] {
        v.push(long::from_i64(x));
    }
    let t = tuple::from_vec(v)?;
    let usage = crate::protocol::call::vectorcall(tp.as_ptr(), &[t.as_ptr()], null_mut())?;
    tuple::pack(&[long::from_i64(r as i64).as_ptr(), long::from_i64(status as i64).as_ptr(), usage.as_ptr()])
}

unsafe fn id_pair(a: libc::uid_t, b: libc::uid_t, c: libc::uid_t) -> PyResult<Obj> {
    tuple::pack(&[long::from_i64(a as i64).as_ptr(), long::from_i64(b as i64).as_ptr(), long::from_i64(c as i64).as_ptr()])
}

/// Runs a fork-like call between the fork hooks; the child's result is 0.
unsafe fn with_fork_hooks(f: impl FnOnce() -> libc::pid_t) -> PyResult<libc::pid_t> {
    before_fork();
    let pid = f();
    if pid == 0 {
        after_fork_child();
    } else {
        after_fork_parent();
    }
    if pid < 0 {
        return Err(errno_error());
    }
    Ok(pid)
}

macro_rules! status_fns {
    ($($cname:ident, $py:expr, $f:expr;)*) => {
        posix_fns! {
            $($cname($py, ["status"], 0, 1, 1) = |a| {
                let s = int_arg(a[0])?;
                Ok($f(s))
            };)*
        }
    };
}

status_fns! {
    posix_wifexited, "WIFEXITED", |s| bool_obj(libc::WIFEXITED(s));
    posix_wexitstatus, "WEXITSTATUS", |s| long::from_i64(libc::WEXITSTATUS(s) as i64);
    posix_wifsignaled, "WIFSIGNALED", |s| bool_obj(libc::WIFSIGNALED(s));
    posix_wtermsig, "WTERMSIG", |s| long::from_i64(libc::WTERMSIG(s) as i64);
    posix_wifstopped, "WIFSTOPPED", |s| bool_obj(libc::WIFSTOPPED(s));
    posix_wstopsig, "WSTOPSIG", |s| long::from_i64(libc::WSTOPSIG(s) as i64);
    posix_wifcontinued, "WIFCONTINUED", |s| bool_obj(libc::WIFCONTINUED(s));
}

macro_rules! id_fns {
    ($($cname:ident, $py:expr, $f:expr;)*) => {
        posix_fns! {
            $($cname($py, [], 0, 0, 0) = |_a| Ok(long::from_i64($f() as i64));)*
        }
    };
}

id_fns! {
    posix_getpid, "getpid", || libc::getpid();
    posix_getppid, "getppid", || libc::getppid();
    posix_getuid, "getuid", || libc::getuid();
    posix_geteuid, "geteuid", || libc::geteuid();
    posix_getgid, "getgid", || libc::getgid();
    posix_getegid, "getegid", || libc::getegid();
    posix_getpgrp, "getpgrp", || libc::getpgrp();
}

posix_fns! {
    posix_wcoredump("WCOREDUMP", ["status"], 1, 1, 1) = |a| Ok(bool_obj(libc::WCOREDUMP(int_arg(a[0])?)));
    posix_waitstatus_to_exitcode("waitstatus_to_exitcode", ["status"], 0, 1, 1) = |a| exitcode(int_arg(a[0])?);
    posix_waitpid("waitpid", ["pid", "options"], 2, 2, 2) = |a| {
        let pid = pid_arg(a[0])?;
        let options = int_arg(a[1])?;
        let mut status = 0;
        let r = retry(-1, || libc::waitpid(pid, &mut status, options));
        if r < 0 {
            return Err(errno_error());
        }
        pid_status(r, status)
    };
    posix_wait("wait", [], 0, 0, 0) = |_a| {
        let mut status = 0;
        let r = retry(-1, || libc::wait(&mut status));
        if r < 0 {
            return Err(errno_error());
        }
        pid_status(r, status)
    };
    posix_wait3("wait3", ["options"], 0, 1, 1) = |a| wait_helper("wait3", -1, int_arg(a[0])?);
    posix_wait4("wait4", ["pid", "options"], 0, 2, 2) = |a| {
        let pid = pid_arg(a[0])?;
        wait_helper("wait4", pid, int_arg(a[1])?)
    };
    posix_waitid("waitid", ["idtype", "id", "options"], 3, 3, 3) = |a| {
        let idtype = int_arg(a[0])?;
        let id = pid_arg(a[1])?;
        let options = int_arg(a[2])?;
        let mut si: libc::siginfo_t = std::mem::zeroed();
        let r = retry(-1, || libc::waitid(idtype as libc::idtype_t, id as libc::id_t, &mut si, options));
        if r < 0 {
            return Err(errno_error());
        }
        if si.si_pid() == 0 {
            return Ok(none());
        }
        let v = vec![
            long::from_i64(si.si_pid() as i64),
            long::from_i64(si.si_uid() as i64),
            long::from_i64(si.si_signo as i64),
            long::from_i64(si.si_status() as i64),
            long::from_i64(si.si_code as i64),
        ];
        crate::modules::sys_info::build(&raw mut WAITID_RESULT, v)
    };
    posix_fork("fork", [], 0, 0, 0) = |_a| Ok(long::from_i64(with_fork_hooks(|| libc::fork())? as i64));
    posix_register_at_fork("register_at_fork", ["before", "after_in_child", "after_in_parent"], 0, 0, 0) = |a| register_at_fork(a);
    posix_execv("execv", ["path", "argv"], 2, 2, 2) = |a| execve(a, false);
    posix_execve("execve", ["path", "argv", "env"], 0, 3, 3) = |a| execve(a, true);
    posix_spawn_fn("posix_spawn", ["path", "argv", "env", "file_actions", "setpgroup", "resetids", "setsid", "setsigmask", "setsigdef", "scheduler"], 3, 3, 3) = |a| posix_spawn("posix_spawn", a, false);
    posix_spawnp_fn("posix_spawnp", ["path", "argv", "env", "file_actions", "setpgroup", "resetids", "setsid", "setsigmask", "setsigdef", "scheduler"], 3, 3, 3) = |a| posix_spawn("posix_spawnp", a, true);
    posix_exit("_exit", ["status"], 0, 1, 1) = |a| {
        let s = int_arg(a[0])?;
        libc::_exit(s)
    };
    posix_abort("abort", [], 0, 0, 0) = |_a| libc::abort();
    posix_kill("kill", ["pid", "signal"], 2, 2, 2) = |a| {
        let pid = pid_arg(a[0])?;
        ok(libc::kill(pid, int_arg(a[1])?))
    };
    posix_killpg("killpg", ["pgid", "signal"], 2, 2, 2) = |a| {
        let pid = pid_arg(a[0])?;
        ok(libc::killpg(pid, int_arg(a[1])?))
    };
    posix_getpgid("getpgid", ["pid"], 0, 1, 1) = |a| nonneg(libc::getpgid(pid_arg(a[0])?) as i64);
    posix_getsid("getsid", ["pid"], 1, 1, 1) = |a| nonneg(libc::getsid(pid_arg(a[0])?) as i64);
    posix_setsid("setsid", [], 0, 0, 0) = |_a| {
        if libc::setsid() < 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_setpgrp("setpgrp", [], 0, 0, 0) = |_a| ok(libc::setpgid(0, 0));
    posix_setpgid("setpgid", ["pid", "pgrp"], 2, 2, 2) = |a| {
        let pid = pid_arg(a[0])?;
        ok(libc::setpgid(pid, pid_arg(a[1])?))
    };
    posix_setuid("setuid", ["uid"], 1, 1, 1) = |a| ok(libc::setuid(crate::modules::posix_fs::id_arg(a[0], "uid")?));
    posix_seteuid("seteuid", ["euid"], 1, 1, 1) = |a| ok(libc::seteuid(crate::modules::posix_fs::id_arg(a[0], "uid")?));
    posix_setgid("setgid", ["gid"], 1, 1, 1) = |a| ok(libc::setgid(crate::modules::posix_fs::id_arg(a[0], "gid")?));
    posix_setegid("setegid", ["egid"], 1, 1, 1) = |a| ok(libc::setegid(crate::modules::posix_fs::id_arg(a[0], "gid")?));
    posix_setreuid("setreuid", ["ruid", "euid"], 2, 2, 2) = |a| {
        let r = crate::modules::posix_fs::id_arg(a[0], "uid")?;
        ok(libc::setreuid(r, crate::modules::posix_fs::id_arg(a[1], "uid")?))
    };
    posix_setregid("setregid", ["rgid", "egid"], 2, 2, 2) = |a| {
        let r = crate::modules::posix_fs::id_arg(a[0], "gid")?;
        ok(libc::setregid(r, crate::modules::posix_fs::id_arg(a[1], "gid")?))
    };
    posix_getresuid("getresuid", [], 0, 0, 0) = |_a| {
        let (mut r, mut e, mut s) = (0, 0, 0);
        if libc::getresuid(&mut r, &mut e, &mut s) != 0 {
            return Err(errno_error());
        }
        id_pair(r, e, s)
    };
    posix_getresgid("getresgid", [], 0, 0, 0) = |_a| {
        let (mut r, mut e, mut s) = (0, 0, 0);
        if libc::getresgid(&mut r, &mut e, &mut s) != 0 {
            return Err(errno_error());
        }
        id_pair(r, e, s)
    };
    posix_getgroups("getgroups", [], 0, 0, 0) = |_a| {
        let n = libc::getgroups(0, null_mut());
        if n < 0 {
            return Err(errno_error());
        }
        let mut g = vec![0 as libc::gid_t; n as usize];
        let n = libc::getgroups(n, g.as_mut_ptr());
        if n < 0 {
            return Err(errno_error());
        }
        let out = list::new(0)?;
        for x in &g[..n as usize] {
            list::append(out.as_ptr(), long::from_i64(*x as i64).as_ptr())?;
        }
        Ok(out)
    };
    posix_getlogin("getlogin", [], 0, 0, 0) = |_a| {
        *libc::__errno_location() = 0;
        let s = libc::getlogin();
        if s.is_null() {
            if crate::err::last_errno() != 0 {
                return Err(errno_error());
            }
            return Err(raise(exc::os_error(), "unable to determine login name"));
        }
        decode_fs(std::ffi::CStr::from_ptr(s).to_bytes())
    };
    posix_nice("nice", ["increment"], 1, 1, 1) = |a| {
        let inc = int_arg(a[0])?;
        *libc::__errno_location() = 0;
        let r = libc::nice(inc);
        if r == -1 && crate::err::last_errno() != 0 {
            return Err(errno_error());
        }
        Ok(long::from_i64(r as i64))
    };
    posix_getpriority("getpriority", ["which", "who"], 0, 2, 2) = |a| {
        let which = int_arg(a[0])?;
        let who = int_arg(a[1])?;
        *libc::__errno_location() = 0;
        let r = libc::getpriority(which as libc::__priority_which_t, who as libc::id_t);
        if r == -1 && crate::err::last_errno() != 0 {
            return Err(errno_error());
        }
        Ok(long::from_i64(r as i64))
    };
    posix_setpriority("setpriority", ["which", "who", "priority"], 0, 3, 3) = |a| {
        let which = int_arg(a[0])?;
        let who = int_arg(a[1])?;
        ok(libc::setpriority(which as libc::__priority_which_t, who as libc::id_t, int_arg(a[2])?))
    };
    posix_sched_yield("sched_yield", [], 0, 0, 0) = |_a| ok(libc::sched_yield());
    posix_sched_getaffinity("sched_getaffinity", ["pid"], 1, 1, 1) = |a| {
        let pid = pid_arg(a[0])?;
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        if libc::sched_getaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
            return Err(errno_error());
        }
        let out = crate::objects::setobject::new_set(null_mut())?;
        for cpu in 0..libc::CPU_SETSIZE as usize {
            if libc::CPU_ISSET(cpu, &set) {
                crate::objects::setobject::add(out.as_ptr(), long::from_i64(cpu as i64).as_ptr())?;
            }
        }
        Ok(out)
    };
    posix_getloadavg("getloadavg", [], 0, 0, 0) = |_a| {
        let mut l = [0f64; 3];
        if libc::getloadavg(l.as_mut_ptr(), 3) != 3 {
            return Err(raise(exc::os_error(), "Load averages are unobtainable"));
        }
        tuple::pack(&[float::from_f64(l[0])?.as_ptr(), float::from_f64(l[1])?.as_ptr(), float::from_f64(l[2])?.as_ptr()])
    };
    posix_openpty("openpty", [], 0, 0, 0) = |_a| {
        let (mut m, mut s) = (0, 0);
        if libc::openpty(&mut m, &mut s, null_mut(), null_mut(), null_mut()) != 0 {
            return Err(errno_error());
        }
        crate::modules::posix_fd::set_inheritable(m, false)?;
        crate::modules::posix_fd::set_inheritable(s, false)?;
        tuple::pack(&[long::from_i64(m as i64).as_ptr(), long::from_i64(s as i64).as_ptr()])
    };
    posix_login_tty("login_tty", ["fd"], 1, 1, 1) = |a| ok(libc::login_tty(int_arg(a[0])?));
    posix_ctermid("ctermid", [], 0, 0, 0) = |_a| {
        let mut buf = [0 as libc::c_char; 64];
        let s = libc::ctermid(buf.as_mut_ptr());
        if s.is_null() {
            return Err(errno_error());
        }
        decode_fs(std::ffi::CStr::from_ptr(s).to_bytes())
    };
    posix_system("system", ["command"], 0, 1, 1) = |a| {
        let cmd = fs_converter(a[0])?;
        Ok(long::from_i64(libc::system(cmd.as_ptr()) as i64))
    };
    posix_sync("sync", [], 0, 0, 0) = |_a| {
        libc::sync();
        Ok(none())
    };
    posix_major("major", ["device"], 1, 1, 1) = |a| Ok(long::from_i64(libc::major(crate::modules::posix_fs::dev_arg(a[0])?) as i64));
    posix_minor("minor", ["device"], 1, 1, 1) = |a| Ok(long::from_i64(libc::minor(crate::modules::posix_fs::dev_arg(a[0])?) as i64));
    posix_makedev("makedev", ["major", "minor"], 2, 2, 2) = |a| {
        let ma = number::index(a[0])?;
        let mi = number::index(a[1])?;
        let (Some(ma), Some(mi)) = (long::as_i64(ma.as_ptr()), long::as_i64(mi.as_ptr())) else {
            return Err(raise(exc::overflow_error(), "Python int too large to convert to C unsigned int"));
        };
        Ok(long::from_u64(libc::makedev(ma as u32, mi as u32)))
    };
    posix_chroot("chroot", ["path"], 0, 1, 1) = |a| {
        let p = path_arg("chroot", "path", a[0], false, false)?;
        if libc::chroot(p.ptr()) != 0 {
            return Err(p.error());
        }
        Ok(none())
    };
    posix_forkpty("forkpty", [], 0, 0, 0) = |_a| {
        let mut master: c_int = -1;
        let pid = with_fork_hooks(|| libc::forkpty(&mut master, null_mut(), null_mut(), null_mut()))?;
        tuple::pack(&[long::from_i64(pid as i64).as_ptr(), long::from_i64(master as i64).as_ptr()])
    };
    posix_getgrouplist("getgrouplist", ["user", "group"], 2, 2, 2) = |a| {
        if !crate::objects::unicodeobject::check(a[0]) {
            return Err(raise(exc::type_error(), format!("getgrouplist() argument 1 must be str, not {}", typeobject::short_name(type_of(a[0])))));
        }
        let user = fs_converter(a[0])?;
        let group = crate::modules::posix_fs::id_arg(a[1], "gid")?;
        let mut n: c_int = 64;
        loop {
            let mut g = vec![0 as libc::gid_t; n as usize];
            let mut got = n;
            if libc::getgrouplist(user.as_ptr(), group, g.as_mut_ptr(), &mut got) >= 0 {
                let out = list::new(0)?;
                for x in &g[..got as usize] {
                    list::append(out.as_ptr(), long::from_i64(*x as i64).as_ptr())?;
                }
                return Ok(out);
            }
            n = if got > n { got } else { n * 2 };
            if n > 1 << 20 {
                return Err(errno_error());
            }
        }
    };
    posix_initgroups("initgroups", ["username", "gid"], 2, 2, 2) = |a| {
        let user = fs_converter(a[0])?;
        let gid = crate::modules::posix_fs::id_arg(a[1], "gid")?;
        ok(libc::initgroups(user.as_ptr(), gid))
    };
    posix_setgroups("setgroups", ["groups"], 1, 1, 1) = |a| {
        let sq = (*type_of(a[0])).tp_as_sequence;
        if crate::objects::dictobject::check(a[0]) || sq.is_null() || (*sq).sq_item.is_none() {
            return Err(raise(exc::type_error(), "setgroups argument must be a sequence"));
        }
        let mut g = Vec::new();
        for it in crate::protocol::iter::collect(a[0])? {
            if !long::check(it.as_ptr()) {
                return Err(raise(exc::type_error(), "groups must be integers"));
            }
            g.push(crate::modules::posix_fs::id_arg(it.as_ptr(), "gid")?);
        }
        if g.len() > 65536 {
            return Err(raise(exc::value_error(), "too many groups"));
        }
        ok(libc::setgroups(g.len(), g.as_ptr()))
    };
    posix_setresuid("setresuid", ["ruid", "euid", "suid"], 3, 3, 3) = |a| {
        let id = |i: usize| crate::modules::posix_fs::id_arg(a[i], "uid");
        ok(libc::setresuid(id(0)?, id(1)?, id(2)?))
    };
    posix_setresgid("setresgid", ["rgid", "egid", "sgid"], 3, 3, 3) = |a| {
        let id = |i: usize| crate::modules::posix_fs::id_arg(a[i], "gid");
        ok(libc::setresgid(id(0)?, id(1)?, id(2)?))
    };
    posix_tcgetpgrp("tcgetpgrp", ["fd"], 1, 1, 1) = |a| nonneg(libc::tcgetpgrp(int_arg(a[0])?) as i64);
    posix_tcsetpgrp("tcsetpgrp", ["fd", "pgid"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        ok(libc::tcsetpgrp(fd, pid_arg(a[1])?))
    };
    posix_pidfd_open("pidfd_open", ["pid", "flags"], 0, 1, 2) = |a| {
        let pid = pid_arg(a[0])?;
        let flags = if a[1].is_null() { 0 } else { int_arg(a[1])? as libc::c_uint };
        nonneg(libc::syscall(libc::SYS_pidfd_open, pid, flags))
    };
}

pub static mut METHODS: [PyMethodDef; 71] = [
    crate::modules::fast_kw(c"WIFEXITED", posix_wifexited),
    crate::modules::fast_kw(c"WEXITSTATUS", posix_wexitstatus),
    crate::modules::fast_kw(c"WIFSIGNALED", posix_wifsignaled),
    crate::modules::fast_kw(c"WTERMSIG", posix_wtermsig),
    crate::modules::fast_kw(c"WIFSTOPPED", posix_wifstopped),
    crate::modules::fast_kw(c"WSTOPSIG", posix_wstopsig),
    crate::modules::fast_kw(c"WIFCONTINUED", posix_wifcontinued),
    crate::modules::fast_kw(c"WCOREDUMP", posix_wcoredump),
    crate::modules::fast_kw(c"waitstatus_to_exitcode", posix_waitstatus_to_exitcode),
    crate::modules::fast_kw(c"getpid", posix_getpid),
    crate::modules::fast_kw(c"getppid", posix_getppid),
    crate::modules::fast_kw(c"getuid", posix_getuid),
    crate::modules::fast_kw(c"geteuid", posix_geteuid),
    crate::modules::fast_kw(c"getgid", posix_getgid),
    crate::modules::fast_kw(c"getegid", posix_getegid),
    crate::modules::fast_kw(c"getpgrp", posix_getpgrp),
    crate::modules::fast_kw(c"waitpid", posix_waitpid),
    crate::modules::fast_kw(c"wait", posix_wait),
    crate::modules::fast_kw(c"wait3", posix_wait3),
    crate::modules::fast_kw(c"wait4", posix_wait4),
    crate::modules::fast_kw(c"waitid", posix_waitid),
    crate::modules::fast_kw(c"fork", posix_fork),
    crate::modules::fast_kw(c"register_at_fork", posix_register_at_fork),
    crate::modules::fast_kw(c"execv", posix_execv),
    crate::modules::fast_kw(c"execve", posix_execve),
    crate::modules::fast_kw(c"posix_spawn", posix_spawn_fn),
    crate::modules::fast_kw(c"posix_spawnp", posix_spawnp_fn),
    crate::modules::fast_kw(c"_exit", posix_exit),
    crate::modules::fast_kw(c"abort", posix_abort),
    crate::modules::fast_kw(c"kill", posix_kill),
    crate::modules::fast_kw(c"killpg", posix_killpg),
    crate::modules::fast_kw(c"getpgid", posix_getpgid),
    crate::modules::fast_kw(c"getsid", posix_getsid),
    crate::modules::fast_kw(c"setsid", posix_setsid),
    crate::modules::fast_kw(c"setpgrp", posix_setpgrp),
    crate::modules::fast_kw(c"setpgid", posix_setpgid),
    crate::modules::fast_kw(c"setuid", posix_setuid),
    crate::modules::fast_kw(c"seteuid", posix_seteuid),
    crate::modules::fast_kw(c"setgid", posix_setgid),
    crate::modules::fast_kw(c"setegid", posix_setegid),
    crate::modules::fast_kw(c"setreuid", posix_setreuid),
    crate::modules::fast_kw(c"setregid", posix_setregid),
    crate::modules::fast_kw(c"getresuid", posix_getresuid),
    crate::modules::fast_kw(c"getresgid", posix_getresgid),
    crate::modules::fast_kw(c"getgroups", posix_getgroups),
    crate::modules::fast_kw(c"getlogin", posix_getlogin),
    crate::modules::fast_kw(c"nice", posix_nice),
    crate::modules::fast_kw(c"getpriority", posix_getpriority),
    crate::modules::fast_kw(c"setpriority", posix_setpriority),
    crate::modules::fast_kw(c"sched_yield", posix_sched_yield),
    crate::modules::fast_kw(c"sched_getaffinity", posix_sched_getaffinity),
    crate::modules::fast_kw(c"getloadavg", posix_getloadavg),
    crate::modules::fast_kw(c"openpty", posix_openpty),
    crate::modules::fast_kw(c"login_tty", posix_login_tty),
    crate::modules::fast_kw(c"ctermid", posix_ctermid),
    crate::modules::fast_kw(c"system", posix_system),
    crate::modules::fast_kw(c"sync", posix_sync),
    crate::modules::fast_kw(c"major", posix_major),
    crate::modules::fast_kw(c"minor", posix_minor),
    crate::modules::fast_kw(c"makedev", posix_makedev),
    crate::modules::fast_kw(c"chroot", posix_chroot),
    crate::modules::fast_kw(c"forkpty", posix_forkpty),
    crate::modules::fast_kw(c"getgrouplist", posix_getgrouplist),
    crate::modules::fast_kw(c"initgroups", posix_initgroups),
    crate::modules::fast_kw(c"setgroups", posix_setgroups),
    crate::modules::fast_kw(c"setresuid", posix_setresuid),
    crate::modules::fast_kw(c"setresgid", posix_setresgid),
    crate::modules::fast_kw(c"tcgetpgrp", posix_tcgetpgrp),
    crate::modules::fast_kw(c"tcsetpgrp", posix_tcsetpgrp),
    crate::modules::fast_kw(c"pidfd_open", posix_pidfd_open),
    METHOD_END,
];
