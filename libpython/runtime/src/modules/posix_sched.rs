//! Scheduling and extended attributes in `posix`: `sched_param` (constructed by keyword as
//! in CPython), `sched_get_priority_max`/`min`, `sched_getparam`/`setparam`,
//! `sched_getscheduler`/`setscheduler`, `sched_rr_get_interval`, `sched_setaffinity`, and
//! `getxattr`, `setxattr`, `removexattr`, `listxattr`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! buffers handed to libc are owned or exported for the call.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::METHOD_END;
use crate::objects::{bytesobject as bytes, floatobject as float, listobject as list, longobject as long, tupleobject as tuple};
use crate::posix_fns;
use crate::protocol::buffer::Buffer;
use std::ffi::{c_char, c_int};

use crate::modules::posix_proc::SCHED_PARAM;

/// sched_param(sched_priority): one required argument, by position or keyword.
pub unsafe extern "C" fn sched_param_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("sched_param", args, kwds, &["sched_priority"], 1)?;
        let v = Obj::from_borrowed(a[0].unwrap_or(std::ptr::null_mut()));
        crate::modules::sys_info::build(&raw mut SCHED_PARAM, vec![v])
    })
}

/// Gives the readied sched_param type its constructor.
pub unsafe fn finish_sched_param() -> PyResult<()> {
    (*(&raw mut SCHED_PARAM)).tp_new = Some(sched_param_new);
    Ok(())
}

/// A `sched_param` as the C struct (CPython's convert_sched_param).
pub unsafe fn param_of(o: *mut PyObject) -> PyResult<libc::sched_param> {
    if type_of(o) != &raw mut SCHED_PARAM {
        return Err(raise(exc::type_error(), "must have a sched_param object"));
    }
    let p = tuple::items(o)[0];
    let v = crate::protocol::number::index(p)?;
    let prio = long::as_i64(v.as_ptr()).and_then(|x| c_int::try_from(x).ok());
    let Some(prio) = prio else { return Err(raise(exc::overflow_error(), "sched_priority out of range")) };
    Ok(libc::sched_param { sched_priority: prio })
}

fn int_result(r: c_int) -> PyResult<Obj> {
    nonneg(r as i64)
}

/// The libc call for a path, fd or symlink itself, as CPython picks among f/l/plain xattr.
unsafe fn xattr_target(func: &str, p: &PathArg, follow: bool) -> PyResult<()> {
    fd_and_follow_symlinks_invalid(func, p.fd, follow)
}

/// Reads with `f(buf, len)` into a buffer grown to what a size query (`len` 0) reports.
unsafe fn sized(mut f: impl FnMut(*mut c_char, usize) -> isize) -> Option<Vec<u8>> {
    loop {
        let n = f(std::ptr::null_mut(), 0);
        if n < 0 {
            return None;
        }
        let mut buf = vec![0u8; n as usize + 1];
        let got = f(buf.as_mut_ptr() as *mut c_char, buf.len());
        if got < 0 {
            if crate::err::last_errno() == libc::ERANGE {
                continue;
            }
            return None;
        }
        buf.truncate(got as usize);
        return Some(buf);
    }
}

posix_fns! {
    posix_sched_get_priority_max("sched_get_priority_max", ["policy"], 0, 1, 1) = |a| int_result(libc::sched_get_priority_max(int_arg(a[0])?));
    posix_sched_get_priority_min("sched_get_priority_min", ["policy"], 0, 1, 1) = |a| int_result(libc::sched_get_priority_min(int_arg(a[0])?));
    posix_sched_getscheduler("sched_getscheduler", ["pid"], 1, 1, 1) = |a| int_result(libc::sched_getscheduler(int_arg(a[0])?));
    posix_sched_getparam("sched_getparam", ["pid"], 1, 1, 1) = |a| {
        let mut p: libc::sched_param = std::mem::zeroed();
        if libc::sched_getparam(int_arg(a[0])?, &mut p) != 0 {
            return Err(errno_error());
        }
        crate::modules::sys_info::build(&raw mut SCHED_PARAM, vec![long::from_i64(p.sched_priority as i64)])
    };
    posix_sched_setparam("sched_setparam", ["pid", "param"], 2, 2, 2) = |a| {
        let pid = int_arg(a[0])?;
        let p = param_of(a[1])?;
        ok(libc::sched_setparam(pid, &p))
    };
    posix_sched_setscheduler("sched_setscheduler", ["pid", "policy", "param"], 3, 3, 3) = |a| {
        let pid = int_arg(a[0])?;
        let policy = int_arg(a[1])?;
        let p = param_of(a[2])?;
        if libc::sched_setscheduler(pid, policy, &p) < 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_sched_rr_get_interval("sched_rr_get_interval", ["pid"], 1, 1, 1) = |a| {
        let mut t: libc::timespec = std::mem::zeroed();
        if libc::sched_rr_get_interval(int_arg(a[0])?, &mut t) != 0 {
            return Err(errno_error());
        }
        float::from_f64(t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9)
    };
    posix_sched_setaffinity("sched_setaffinity", ["pid", "mask"], 2, 2, 2) = |a| {
        let pid = int_arg(a[0])?;
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        let it = crate::protocol::iter::get_iter(a[1])?;
        while let Some(item) = crate::protocol::iter::next(it.as_ptr())? {
            if !long::check(item.as_ptr()) {
                return Err(raise(exc::type_error(), format!("expected an iterator of ints, but iterator yielded {}", crate::protocol::object::repr_string(type_of(item.as_ptr()) as *mut PyObject)?)));
            }
            let Some(cpu) = long::as_i64(item.as_ptr()) else {
                return Err(raise(exc::overflow_error(), "Python int too large to convert to C long"));
            };
            if cpu < 0 {
                return Err(raise(exc::value_error(), "negative CPU number"));
            }
            if cpu > c_int::MAX as i64 {
                return Err(raise(exc::overflow_error(), "Python int too large to convert to C int"));
            }
            // CPUs past the set's size do not exist here; the kernel sees them as absent.
            if (cpu as usize) < libc::CPU_SETSIZE as usize {
                libc::CPU_SET(cpu as usize, &mut set);
            }
        }
        ok(libc::sched_setaffinity(pid, std::mem::size_of::<libc::cpu_set_t>(), &set))
    };
    posix_getxattr("getxattr", ["path", "attribute", "follow_symlinks"], 0, 2, 2) = |a| {
        let p = path_arg("getxattr", "path", a[0], false, true)?;
        let attr = path_arg("getxattr", "attribute", a[1], false, false)?;
        let follow = bool_or(a[2], true)?;
        xattr_target("getxattr", &p, follow)?;
        let r = sized(|b, n| {
            if p.fd != -1 {
                libc::fgetxattr(p.fd, attr.ptr(), b as *mut _, n)
            } else if follow {
                libc::getxattr(p.ptr(), attr.ptr(), b as *mut _, n)
            } else {
                libc::lgetxattr(p.ptr(), attr.ptr(), b as *mut _, n)
            }
        });
        match r {
            Some(v) => bytes::from_slice(&v),
            None => Err(p.error()),
        }
    };
    posix_setxattr("setxattr", ["path", "attribute", "value", "flags", "follow_symlinks"], 0, 3, 4) = |a| {
        let p = path_arg("setxattr", "path", a[0], false, true)?;
        let attr = path_arg("setxattr", "attribute", a[1], false, false)?;
        let value = Buffer::get(a[2])?;
        let flags = int_or(a[3], 0)?;
        let follow = bool_or(a[4], true)?;
        xattr_target("setxattr", &p, follow)?;
        let v = value.as_slice();
        let r = if p.fd != -1 {
            libc::fsetxattr(p.fd, attr.ptr(), v.as_ptr() as *const _, v.len(), flags)
        } else if follow {
            libc::setxattr(p.ptr(), attr.ptr(), v.as_ptr() as *const _, v.len(), flags)
        } else {
            libc::lsetxattr(p.ptr(), attr.ptr(), v.as_ptr() as *const _, v.len(), flags)
        };
        if r != 0 {
            return Err(p.error());
        }
        Ok(none())
    };
    posix_removexattr("removexattr", ["path", "attribute", "follow_symlinks"], 0, 2, 2) = |a| {
        let p = path_arg("removexattr", "path", a[0], false, true)?;
        let attr = path_arg("removexattr", "attribute", a[1], false, false)?;
        let follow = bool_or(a[2], true)?;
        xattr_target("removexattr", &p, follow)?;
        let r = if p.fd != -1 {
            libc::fremovexattr(p.fd, attr.ptr())
        } else if follow {
            libc::removexattr(p.ptr(), attr.ptr())
        } else {
            libc::lremovexattr(p.ptr(), attr.ptr())
        };
        if r != 0 {
            return Err(p.error());
        }
        Ok(none())
    };
    posix_listxattr("listxattr", ["path", "follow_symlinks"], 0, 0, 1) = |a| {
        let o = if a[0].is_null() { crate::objects::noneobject::none() } else { a[0] };
        let p = path_arg("listxattr", "path", o, true, true)?;
        let follow = bool_or(a[1], true)?;
        xattr_target("listxattr", &p, follow)?;
        let name = if p.c.is_some() { p.ptr() } else { c".".as_ptr() };
        let r = sized(|b, n| {
            if p.fd != -1 {
                libc::flistxattr(p.fd, b, n)
            } else if follow {
                libc::listxattr(name, b, n)
            } else {
                libc::llistxattr(name, b, n)
            }
        });
        let Some(v) = r else { return Err(p.error()) };
        let out = list::new(0)?;
        for n in v.split(|&c| c == 0).filter(|n| !n.is_empty()) {
            list::append(out.as_ptr(), decode_fs(n)?.as_ptr())?;
        }
        Ok(out)
    };
}

pub static mut METHODS: [PyMethodDef; 13] = [
    crate::modules::fast_kw(c"sched_get_priority_max", posix_sched_get_priority_max),
    crate::modules::fast_kw(c"sched_get_priority_min", posix_sched_get_priority_min),
    crate::modules::fast_kw(c"sched_getscheduler", posix_sched_getscheduler),
    crate::modules::fast_kw(c"sched_getparam", posix_sched_getparam),
    crate::modules::fast_kw(c"sched_setparam", posix_sched_setparam),
    crate::modules::fast_kw(c"sched_setscheduler", posix_sched_setscheduler),
    crate::modules::fast_kw(c"sched_rr_get_interval", posix_sched_rr_get_interval),
    crate::modules::fast_kw(c"sched_setaffinity", posix_sched_setaffinity),
    crate::modules::fast_kw(c"getxattr", posix_getxattr),
    crate::modules::fast_kw(c"setxattr", posix_setxattr),
    crate::modules::fast_kw(c"removexattr", posix_removexattr),
    crate::modules::fast_kw(c"listxattr", posix_listxattr),
    METHOD_END,
];
