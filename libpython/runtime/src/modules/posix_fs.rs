//! The `posix` functions on names in the file system: `listdir`, `getcwd`, `mkdir`,
//! `rmdir`, `unlink`/`remove`, `rename`/`replace`, `chdir`, `chmod`, `chown`, `access`,
//! `readlink`, `symlink`, `link`, `utime`, `truncate`, `mkfifo`, `mknod`, `pathconf`, with
//! `dir_fd`/`follow_symlinks` through the `*at` calls, as CPython's posixmodule.c.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! the C strings passed to libc live for the call.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::METHOD_END;
use crate::objects::{bytesobject as bytes, floatobject as float, listobject as list, longobject as long, noneobject, tupleobject as tuple};
use crate::posix_fns;
use crate::protocol::number;
use std::ffi::{c_int, CStr};

/// CPython's `_Py_Uid_Converter`/`_Py_Gid_Converter` (its messages, quirks included: a
/// value that does not survive the cast to 32 bits is "less than minimum").
pub unsafe fn id_arg(o: *mut PyObject, what: &str) -> PyResult<u32> {
    if !number::has_index(o) {
        return Err(raise(exc::type_error(), format!("{what} should be integer, not {}", crate::objects::typeobject::short_name(type_of(o)))));
    }
    let v = number::index(o)?;
    let under = || raise(exc::overflow_error(), format!("{what} is less than minimum"));
    let over = || raise(exc::overflow_error(), format!("{what} is greater than maximum"));
    match long::as_i128(v.as_ptr()) {
        Some(-1) => Ok(u32::MAX),
        Some(x) if x < 0 => Err(under()),
        Some(x) if x == u32::MAX as i128 => Err(over()),
        Some(x) if x <= i64::MAX as i128 => u32::try_from(x).map_err(|_| under()),
        _ if long::is_negative(v.as_ptr()) => Err(under()),
        _ => Err(over()),
    }
}

/// The current directory's bytes.
unsafe fn cwd_bytes() -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; 1024];
    loop {
        if !libc::getcwd(buf.as_mut_ptr() as *mut _, buf.len()).is_null() {
            let n = buf.iter().position(|&c| c == 0).unwrap_or(buf.len());
            buf.truncate(n);
            return Ok(buf);
        }
        if crate::err::last_errno() != libc::ERANGE {
            return Err(errno_error());
        }
        let n = buf.len() * 2;
        buf.resize(n, 0);
    }
}

/// The names in a directory (not `.` or `..`), as CPython's `_posix_listdir`.
pub unsafe fn listdir(p: &PathArg) -> PyResult<Obj> {
    let dirp = if p.fd != -1 {
        let fd = libc::dup(p.fd);
        if fd < 0 {
            return Err(errno_error());
        }
        let d = libc::fdopendir(fd);
        if d.is_null() {
            let e = errno_error();
            libc::close(fd);
            return Err(e);
        }
        d
    } else {
        let name = if p.c.is_some() { p.ptr() } else { c".".as_ptr() };
        libc::opendir(name)
    };
    if dirp.is_null() {
        return Err(p.error());
    }
    let out = list::new(0)?;
    let result = loop {
        *libc::__errno_location() = 0;
        let ent = libc::readdir(dirp);
        if ent.is_null() {
            if crate::err::last_errno() != 0 {
                break Err(p.error());
            }
            break Ok(());
        }
        let name = CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        match os_name(name, p.is_bytes).and_then(|n| list::append(out.as_ptr(), n.as_ptr())) {
            Ok(()) => {}
            Err(e) => break Err(e),
        }
    };
    if p.fd != -1 {
        libc::rewinddir(dirp);
    }
    libc::closedir(dirp);
    result.map(|_| out)
}

/// Seconds and nanoseconds of a `times` item, CPython's `_PyTime_ObjectToTimespec` with
/// ROUND_FLOOR.
unsafe fn timespec_of(o: *mut PyObject) -> PyResult<libc::timespec> {
    if float::check(o) {
        let d = float::value(o);
        if d.is_nan() {
            return Err(raise(exc::value_error(), "Invalid value NaN (not a number)"));
        }
        let mut int = d.trunc();
        let mut frac = ((d - int) * 1e9).floor();
        if frac >= 1e9 {
            frac -= 1e9;
            int += 1.0;
        } else if frac < 0.0 {
            frac += 1e9;
            int -= 1.0;
        }
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&int) {
            return Err(raise(exc::overflow_error(), "timestamp out of range for platform time_t"));
        }
        return Ok(libc::timespec { tv_sec: int as i64, tv_nsec: frac as i64 });
    }
    let v = number::index(o)?;
    let s = long::as_i64(v.as_ptr()).ok_or_else(|| raise(exc::overflow_error(), "timestamp out of range for platform time_t"))?;
    Ok(libc::timespec { tv_sec: s, tv_nsec: 0 })
}

/// `ns` item pair to timespecs (floor division by 10**9).
unsafe fn ns_timespec(o: *mut PyObject) -> PyResult<libc::timespec> {
    let v = number::index(o)?;
    let ns = long::as_i128(v.as_ptr()).ok_or_else(|| raise(exc::overflow_error(), "timestamp too large to convert to C _PyTime_t"))?;
    let (s, n) = (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
    let s = i64::try_from(s).map_err(|_| raise(exc::overflow_error(), "timestamp out of range for platform time_t"))?;
    Ok(libc::timespec { tv_sec: s, tv_nsec: n as i64 })
}

fn pair(o: *mut PyObject) -> Option<[*mut PyObject; 2]> {
    // Safety: `o` is a live object.
    unsafe {
        if !tuple::check(o) || tuple::items(o).len() != 2 {
            return None;
        }
        let t = tuple::items(o);
        Some([t[0], t[1]])
    }
}

unsafe fn utime(a: &[*mut PyObject]) -> PyResult<Obj> {
    let p = path_arg("utime", "path", a[0], false, true)?;
    let times = a[1];
    let ns = a[2];
    let dir_fd = dir_fd_arg(a[3])?;
    let follow = bool_or(a[4], true)?;
    let times_given = !times.is_null() && !noneobject::is_none(times);
    if times_given && !ns.is_null() {
        return Err(raise(exc::value_error(), "utime: you may specify either 'times' or 'ns' but not both"));
    }
    let ts: Option<[libc::timespec; 2]> = if times_given {
        let Some([x, y]) = pair(times) else {
            return Err(raise(exc::type_error(), "utime: 'times' must be either a tuple of two ints or None"));
        };
        Some([timespec_of(x)?, timespec_of(y)?])
    } else if !ns.is_null() {
        let Some([x, y]) = pair(ns) else {
            return Err(raise(exc::type_error(), "utime: 'ns' must be a tuple of two ints"));
        };
        Some([ns_timespec(x)?, ns_timespec(y)?])
    } else {
        None
    };
    path_and_dir_fd_invalid("utime", &p, dir_fd)?;
    dir_fd_and_fd_invalid("utime", dir_fd, p.fd)?;
    fd_and_follow_symlinks_invalid("utime", p.fd, follow)?;
    let tp = ts.as_ref().map(|t| t.as_ptr()).unwrap_or(std::ptr::null());
    let r = if p.fd != -1 {
        libc::futimens(p.fd, tp)
    } else {
        libc::utimensat(dir_fd, p.ptr(), tp, if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW })
    };
    if r != 0 {
        return Err(p.error());
    }
    Ok(none())
}

/// A `sysconf`/`pathconf`/`confstr` name: an int, or a str from `table`.
pub unsafe fn conf_name(o: *mut PyObject, table: &[(&str, i64)]) -> PyResult<c_int> {
    if long::check(o) {
        return int_arg(o);
    }
    if crate::objects::unicodeobject::check(o) {
        let s = crate::objects::unicodeobject::as_str(o)?;
        return match table.iter().find(|(k, _)| *k == s) {
            Some((_, v)) => Ok(*v as c_int),
            None => Err(raise(exc::value_error(), "unrecognized configuration name")),
        };
    }
    Err(raise(exc::type_error(), "configuration names must be strings or integers"))
}

/// The result of a `*pathconf` call: -1 with errno set is an error, -1 alone "no limit".
pub unsafe fn conf_result(r: libc::c_long, p: Option<&PathArg>) -> PyResult<Obj> {
    if r == -1 && crate::err::last_errno() != 0 {
        return Err(match p {
            Some(p) => p.error(),
            None => errno_error(),
        });
    }
    Ok(long::from_i64(r))
}

unsafe fn rename(func: &'static str, a: &[*mut PyObject]) -> PyResult<Obj> {
    let src = path_arg(func, "src", a[0], false, false)?;
    let dst = path_arg(func, "dst", a[1], false, false)?;
    let (sfd, dfd) = (dir_fd_arg(a[2])?, dir_fd_arg(a[3])?);
    if libc::renameat(sfd, src.ptr(), dfd, dst.ptr()) != 0 {
        return Err(src.error2(&dst));
    }
    Ok(none())
}

unsafe fn unlink(func: &'static str, a: &[*mut PyObject]) -> PyResult<Obj> {
    let p = path_arg(func, "path", a[0], false, false)?;
    if libc::unlinkat(dir_fd_arg(a[1])?, p.ptr(), 0) != 0 {
        return Err(p.error());
    }
    Ok(none())
}

/// Checks an `ok` libc result (0), raising OSError that names `p`.
fn check(r: c_int, p: &PathArg) -> PyResult<Obj> {
    if r != 0 {
        return Err(p.error());
    }
    Ok(none())
}

posix_fns! {
    posix_getcwd("getcwd", [], 0, 0, 0) = |_a| decode_fs(&cwd_bytes()?);
    posix_getcwdb("getcwdb", [], 0, 0, 0) = |_a| bytes::from_slice(&cwd_bytes()?);
    posix_listdir("listdir", ["path"], 0, 0, 1) = |a| {
        let p = if a[0].is_null() { path_arg("listdir", "path", noneobject::none(), true, true)? } else { path_arg("listdir", "path", a[0], true, true)? };
        listdir(&p)
    };
    posix_mkdir("mkdir", ["path", "mode", "dir_fd"], 0, 1, 2) = |a| {
        let p = path_arg("mkdir", "path", a[0], false, false)?;
        let mode = int_or(a[1], 0o777)?;
        check(libc::mkdirat(dir_fd_arg(a[2])?, p.ptr(), mode as libc::mode_t), &p)
    };
    posix_rmdir("rmdir", ["path", "dir_fd"], 0, 1, 1) = |a| {
        let p = path_arg("rmdir", "path", a[0], false, false)?;
        check(libc::unlinkat(dir_fd_arg(a[1])?, p.ptr(), libc::AT_REMOVEDIR), &p)
    };
    posix_unlink("unlink", ["path", "dir_fd"], 0, 1, 1) = |a| unlink("unlink", a);
    posix_remove("remove", ["path", "dir_fd"], 0, 1, 1) = |a| unlink("remove", a);
    posix_rename("rename", ["src", "dst", "src_dir_fd", "dst_dir_fd"], 0, 2, 2) = |a| rename("rename", a);
    posix_replace("replace", ["src", "dst", "src_dir_fd", "dst_dir_fd"], 0, 2, 2) = |a| rename("replace", a);
    posix_chdir("chdir", ["path"], 0, 1, 1) = |a| {
        let p = path_arg("chdir", "path", a[0], false, true)?;
        check(if p.fd != -1 { libc::fchdir(p.fd) } else { libc::chdir(p.ptr()) }, &p)
    };
    posix_chmod("chmod", ["path", "mode", "dir_fd", "follow_symlinks"], 0, 2, 2) = |a| {
        let p = path_arg("chmod", "path", a[0], false, true)?;
        let mode = int_arg(a[1])? as libc::mode_t;
        let dir_fd = dir_fd_arg(a[2])?;
        let follow = bool_or(a[3], true)?;
        dir_fd_and_fd_invalid("chmod", dir_fd, p.fd)?;
        fd_and_follow_symlinks_invalid("chmod", p.fd, follow)?;
        let r = if p.fd != -1 {
            libc::fchmod(p.fd, mode)
        } else {
            libc::fchmodat(dir_fd, p.ptr(), mode, if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW })
        };
        // glibc refuses to chmod a symlink itself (ENOTSUP): CPython's two messages.
        if r != 0 && !follow && crate::err::last_errno() == libc::ENOTSUP {
            if dir_fd != DEFAULT_DIR_FD {
                return Err(raise(exc::value_error(), "chmod: cannot use dir_fd and follow_symlinks together"));
            }
            return Err(raise(exc::not_implemented_error(), "chmod: follow_symlinks unavailable on this platform"));
        }
        check(r, &p)
    };
    posix_chown("chown", ["path", "uid", "gid", "dir_fd", "follow_symlinks"], 0, 3, 3) = |a| {
        let p = path_arg("chown", "path", a[0], false, true)?;
        let (uid, gid) = (id_arg(a[1], "uid")?, id_arg(a[2], "gid")?);
        let dir_fd = dir_fd_arg(a[3])?;
        let follow = bool_or(a[4], true)?;
        dir_fd_and_fd_invalid("chown", dir_fd, p.fd)?;
        fd_and_follow_symlinks_invalid("chown", p.fd, follow)?;
        let r = if p.fd != -1 {
            libc::fchown(p.fd, uid, gid)
        } else {
            libc::fchownat(dir_fd, p.ptr(), uid, gid, if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW })
        };
        check(r, &p)
    };
    posix_lchown("lchown", ["path", "uid", "gid"], 0, 3, 3) = |a| {
        let p = path_arg("lchown", "path", a[0], false, false)?;
        let (uid, gid) = (id_arg(a[1], "uid")?, id_arg(a[2], "gid")?);
        check(libc::lchown(p.ptr(), uid, gid), &p)
    };
    posix_access("access", ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"], 0, 2, 2) = |a| {
        let p = path_arg("access", "path", a[0], false, false)?;
        let mode = int_arg(a[1])?;
        let dir_fd = dir_fd_arg(a[2])?;
        let mut flags = 0;
        if bool_or(a[3], false)? {
            flags |= libc::AT_EACCESS;
        }
        if !bool_or(a[4], true)? {
            flags |= libc::AT_SYMLINK_NOFOLLOW;
        }
        Ok(bool_obj(libc::faccessat(dir_fd, p.ptr(), mode, flags) == 0))
    };
    posix_readlink("readlink", ["path", "dir_fd"], 0, 1, 1) = |a| {
        let p = path_arg("readlink", "path", a[0], false, false)?;
        let dir_fd = dir_fd_arg(a[1])?;
        let mut buf = vec![0u8; libc::PATH_MAX as usize + 1];
        let n = libc::readlinkat(dir_fd, p.ptr(), buf.as_mut_ptr() as *mut _, buf.len());
        if n < 0 {
            return Err(p.error());
        }
        os_name(&buf[..n as usize], p.is_bytes)
    };
    posix_symlink("symlink", ["src", "dst", "target_is_directory", "dir_fd"], 0, 2, 3) = |a| {
        let src = path_arg("symlink", "src", a[0], false, false)?;
        let dst = path_arg("symlink", "dst", a[1], false, false)?;
        bool_or(a[2], false)?;
        if libc::symlinkat(src.ptr(), dir_fd_arg(a[3])?, dst.ptr()) != 0 {
            return Err(src.error2(&dst));
        }
        Ok(none())
    };
    posix_link("link", ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"], 0, 2, 2) = |a| {
        let src = path_arg("link", "src", a[0], false, false)?;
        let dst = path_arg("link", "dst", a[1], false, false)?;
        let (sfd, dfd) = (dir_fd_arg(a[2])?, dir_fd_arg(a[3])?);
        let flags = if bool_or(a[4], true)? { libc::AT_SYMLINK_FOLLOW } else { 0 };
        if libc::linkat(sfd, src.ptr(), dfd, dst.ptr(), flags) != 0 {
            return Err(src.error2(&dst));
        }
        Ok(none())
    };
    posix_utime("utime", ["path", "times", "ns", "dir_fd", "follow_symlinks"], 0, 1, 2) = |a| utime(a);
    posix_truncate("truncate", ["path", "length"], 0, 2, 2) = |a| {
        let p = path_arg("truncate", "path", a[0], false, true)?;
        let len = off_arg(a[1])?;
        // With an fd this is ftruncate, whose error names no file (as CPython's).
        if p.fd != -1 {
            return ok(retry(-1, || libc::ftruncate(p.fd, len)));
        }
        check(libc::truncate(p.ptr(), len), &p)
    };
    posix_mkfifo("mkfifo", ["path", "mode", "dir_fd"], 0, 1, 2) = |a| {
        let p = path_arg("mkfifo", "path", a[0], false, false)?;
        let mode = int_or(a[1], 0o666)?;
        let dir_fd = dir_fd_arg(a[2])?;
        check(retry(-1, || libc::mkfifoat(dir_fd, p.ptr(), mode as libc::mode_t)), &p)
    };
    posix_mknod("mknod", ["path", "mode", "device", "dir_fd"], 0, 1, 3) = |a| {
        let p = path_arg("mknod", "path", a[0], false, false)?;
        let mode = int_or(a[1], 0o600)?;
        let dev = if a[2].is_null() { 0 } else { dev_arg(a[2])? };
        let dir_fd = dir_fd_arg(a[3])?;
        check(retry(-1, || libc::mknodat(dir_fd, p.ptr(), mode as libc::mode_t, dev)), &p)
    };
    posix_pathconf("pathconf", ["path", "name"], 0, 2, 2) = |a| {
        let p = path_arg("pathconf", "path", a[0], false, true)?;
        let name = conf_name(a[1], &crate::modules::posix_consts::PATHCONF_NAMES)?;
        *libc::__errno_location() = 0;
        let r = if p.fd != -1 { libc::fpathconf(p.fd, name) } else { libc::pathconf(p.ptr(), name) };
        conf_result(r, Some(&p))
    };
}

/// A `dev_t` argument (unsigned 64 bits; -1 allowed as CPython's `_Py_Dev_Converter`).
pub unsafe fn dev_arg(o: *mut PyObject) -> PyResult<libc::dev_t> {
    let v = number::index(o)?;
    match long::as_i128(v.as_ptr()) {
        Some(x) if (-1..=u64::MAX as i128).contains(&x) => Ok(x as u64),
        Some(x) if x < 0 => Err(raise(exc::overflow_error(), "can't convert negative int to unsigned")),
        _ => Err(raise(exc::overflow_error(), "Python int too large to convert to C unsigned long")),
    }
}

pub static mut METHODS: [PyMethodDef; 23] = [
    crate::modules::fast_kw(c"getcwd", posix_getcwd),
    crate::modules::fast_kw(c"getcwdb", posix_getcwdb),
    crate::modules::fast_kw(c"listdir", posix_listdir),
    crate::modules::fast_kw(c"mkdir", posix_mkdir),
    crate::modules::fast_kw(c"rmdir", posix_rmdir),
    crate::modules::fast_kw(c"unlink", posix_unlink),
    crate::modules::fast_kw(c"remove", posix_remove),
    crate::modules::fast_kw(c"rename", posix_rename),
    crate::modules::fast_kw(c"replace", posix_replace),
    crate::modules::fast_kw(c"chdir", posix_chdir),
    crate::modules::fast_kw(c"chmod", posix_chmod),
    crate::modules::fast_kw(c"chown", posix_chown),
    crate::modules::fast_kw(c"lchown", posix_lchown),
    crate::modules::fast_kw(c"access", posix_access),
    crate::modules::fast_kw(c"readlink", posix_readlink),
    crate::modules::fast_kw(c"symlink", posix_symlink),
    crate::modules::fast_kw(c"link", posix_link),
    crate::modules::fast_kw(c"utime", posix_utime),
    crate::modules::fast_kw(c"truncate", posix_truncate),
    crate::modules::fast_kw(c"mkfifo", posix_mkfifo),
    crate::modules::fast_kw(c"mknod", posix_mknod),
    crate::modules::fast_kw(c"pathconf", posix_pathconf),
    METHOD_END,
];
