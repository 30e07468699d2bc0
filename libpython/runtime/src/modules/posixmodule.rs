//! The `posix` module (CPython's Modules/posixmodule.c on Linux): the module table, the
//! constants and `_have_functions`, and the small functions on the system itself (`fspath`,
//! `strerror`, `umask`, `urandom`, `getrandom`, `uname`, `times`, `cpu_count`, `sysconf`,
//! `confstr`). The rest is split by subject: `posix_path.rs` (argument converters, errors),
//! `posix_stat.rs`, `posix_fs.rs` (names), `posix_fd.rs` (descriptors), `posix_scandir.rs`,
//! `posix_proc.rs` (processes, ids, signals), `posix_env.rs` (environ).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::{self, METHOD_END};
use crate::objects::{bytesobject as bytes, dictobject as dict, floatobject as float, listobject as list, longobject as long, moduleobject, unicodeobject as str_};
use crate::posix_fns;
use std::ffi::CStr;

pub use crate::modules::posix_path::fspath;

static mut UNAME_RESULT: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };
static mut TIMES_RESULT: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };

const DOC: &str = "This module provides access to operating system functionality that is\nstandardized by the C Standard and the POSIX standard (a thinly\ndisguised Unix interface).  Refer to the library manual and\ncorresponding Unix manual entries for more information on calls.";

/// What `os.py` reads to build `supports_fd`, `supports_dir_fd`, ...: only what is here.
const HAVE_FUNCTIONS: [&str; 30] = [
    "HAVE_EVENTFD", "HAVE_FACCESSAT", "HAVE_FCHDIR", "HAVE_FCHMOD", "HAVE_FCHMODAT", "HAVE_FCHOWN", "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR", "HAVE_FEXECVE", "HAVE_FPATHCONF", "HAVE_FSTATAT", "HAVE_FSTATVFS", "HAVE_FTRUNCATE", "HAVE_FUTIMENS",
    "HAVE_FUTIMES", "HAVE_FUTIMESAT", "HAVE_LCHOWN", "HAVE_LINKAT", "HAVE_LSTAT", "HAVE_LUTIMES", "HAVE_MEMFD_CREATE",
    "HAVE_MKDIRAT", "HAVE_MKFIFOAT", "HAVE_MKNODAT", "HAVE_OPENAT", "HAVE_READLINKAT", "HAVE_RENAMEAT", "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT", "HAVE_UTIMENSAT",
];

/// Fills `buf` from the kernel's random source (getrandom, retried on EINTR).
pub unsafe fn random_bytes(buf: &mut [u8], flags: u32) -> PyResult<usize> {
    let mut done = 0;
    while done < buf.len() {
        let n = libc::getrandom(buf[done..].as_mut_ptr() as *mut _, buf.len() - done, flags);
        if n < 0 {
            if crate::err::last_errno() == libc::EINTR {
                continue;
            }
            return Err(errno_error());
        }
        done += n as usize;
        if flags != 0 {
            break;
        }
    }
    Ok(done)
}

unsafe fn uts_field(f: &[libc::c_char]) -> PyResult<Obj> {
    decode_fs(CStr::from_ptr(f.as_ptr()).to_bytes())
}

unsafe fn conf_table(table: &[(&str, i64)]) -> PyResult<Obj> {
    let d = dict::new()?;
    for (k, v) in table {
        dict::set_item_str(d.as_ptr(), k, long::from_i64(*v).as_ptr())?;
    }
    Ok(d)
}

/// CPython's `_Py_normpath` on the bytes of a path: `posixpath.normpath` without its
/// `or "."` (a path that reduces to nothing is empty, "." itself stays).
pub fn normpath(p: &[u8]) -> Vec<u8> {
    if p == b"." {
        return p.to_vec();
    }
    let initial = match p.iter().take_while(|&&c| c == b'/').count() {
        0 => 0,
        2 => 2,
        _ => 1,
    };
    let mut comps: Vec<&[u8]> = Vec::new();
    for c in p.split(|&c| c == b'/') {
        if c.is_empty() || c == b"." {
            continue;
        }
        if c != b".." || (initial == 0 && comps.is_empty()) || comps.last() == Some(&&b".."[..]) {
            comps.push(c);
        } else if !comps.is_empty() {
            comps.pop();
        }
    }
    let mut out = vec![b'/'; initial];
    out.extend_from_slice(&comps.join(&b'/'));
    out
}

posix_fns! {
    posix_path_normpath("_path_normpath", ["path"], 0, 1, 1) = |a| {
        let p = a[0];
        if !str_::check(p) {
            return Err(raise(exc::type_error(), format!("expected 'str', not '{}'", typeobject::short_name(type_of(p)))));
        }
        // surrogatepass keeps every str intact through bytes.
        let b = crate::objects::unicode_methods::encode(p, "utf-8", "surrogatepass")?;
        crate::objects::unicode_methods::decode(&normpath(bytes::as_slice(b.as_ptr())), "utf-8", "surrogatepass")
    };
    posix_fspath("fspath", ["path"], 0, 1, 1) = |a| fspath(a[0]);
    posix_strerror("strerror", ["code"], 1, 1, 1) = |a| {
        let code = int_arg(a[0])?;
        let s = libc::strerror(code);
        if s.is_null() {
            return Err(raise(exc::value_error(), "strerror() argument out of range"));
        }
        str_::from_str(&CStr::from_ptr(s).to_string_lossy())
    };
    posix_umask("umask", ["mask"], 1, 1, 1) = |a| Ok(long::from_i64(libc::umask(int_arg(a[0])? as libc::mode_t) as i64));
    posix_urandom("urandom", ["size"], 1, 1, 1) = |a| {
        let n = ssize_arg(a[0])?;
        if n < 0 {
            return Err(raise(exc::value_error(), "negative argument not allowed"));
        }
        let mut buf = alloc_buf(n as usize)?;
        random_bytes(&mut buf, 0)?;
        bytes::from_slice(&buf)
    };
    posix_getrandom("getrandom", ["size", "flags"], 0, 1, 2) = |a| {
        let n = ssize_arg(a[0])?;
        let flags = int_or(a[1], 0)?;
        if n < 0 {
            *libc::__errno_location() = libc::EINVAL;
            return Err(errno_error());
        }
        let mut buf = alloc_buf(n as usize)?;
        let got = loop {
            let r = libc::getrandom(buf.as_mut_ptr() as *mut _, buf.len(), flags as u32);
            if r >= 0 {
                break r as usize;
            }
            if crate::err::last_errno() != libc::EINTR {
                return Err(errno_error());
            }
        };
        bytes::from_slice(&buf[..got])
    };
    posix_uname("uname", [], 0, 0, 0) = |_a| {
        let mut u: libc::utsname = std::mem::zeroed();
        if libc::uname(&mut u) != 0 {
            return Err(errno_error());
        }
        let v = vec![uts_field(&u.sysname)?, uts_field(&u.nodename)?, uts_field(&u.release)?, uts_field(&u.version)?, uts_field(&u.machine)?];
        crate::modules::sys_info::build(&raw mut UNAME_RESULT, v)
    };
    posix_times("times", [], 0, 0, 0) = |_a| {
        let mut t: libc::tms = std::mem::zeroed();
        let c = libc::times(&mut t);
        if c == !0 {
            return Err(errno_error());
        }
        let tick = libc::sysconf(libc::_SC_CLK_TCK) as f64;
        let f = |x: libc::clock_t| float::from_f64(x as f64 / tick);
        let v = vec![f(t.tms_utime)?, f(t.tms_stime)?, f(t.tms_cutime)?, f(t.tms_cstime)?, f(c)?];
        crate::modules::sys_info::build(&raw mut TIMES_RESULT, v)
    };
    posix_cpu_count("cpu_count", [], 0, 0, 0) = |_a| {
        let n = libc::sysconf(libc::_SC_NPROCESSORS_ONLN);
        Ok(if n < 1 { none() } else { long::from_i64(n) })
    };
    posix_sysconf("sysconf", ["name"], 1, 1, 1) = |a| {
        let name = crate::modules::posix_fs::conf_name(a[0], &crate::modules::posix_consts::SYSCONF_NAMES)?;
        *libc::__errno_location() = 0;
        crate::modules::posix_fs::conf_result(libc::sysconf(name), None)
    };
    posix_confstr("confstr", ["name"], 1, 1, 1) = |a| {
        let name = crate::modules::posix_fs::conf_name(a[0], &crate::modules::posix_consts::CONFSTR_NAMES)?;
        *libc::__errno_location() = 0;
        let n = libc::confstr(name, std::ptr::null_mut(), 0);
        if n == 0 {
            return if crate::err::last_errno() != 0 { Err(errno_error()) } else { Ok(none()) };
        }
        let mut buf = vec![0u8; n];
        libc::confstr(name, buf.as_mut_ptr() as *mut _, n);
        str_::from_str(&String::from_utf8_lossy(&buf[..n - 1]))
    };
}

static mut METHODS: [PyMethodDef; 12] = [
    crate::modules::fast_kw(c"_path_normpath", posix_path_normpath),
    crate::modules::fast_kw(c"fspath", posix_fspath),
    crate::modules::fast_kw(c"strerror", posix_strerror),
    crate::modules::fast_kw(c"umask", posix_umask),
    crate::modules::fast_kw(c"urandom", posix_urandom),
    crate::modules::fast_kw(c"getrandom", posix_getrandom),
    crate::modules::fast_kw(c"uname", posix_uname),
    crate::modules::fast_kw(c"times", posix_times),
    crate::modules::fast_kw(c"cpu_count", posix_cpu_count),
    crate::modules::fast_kw(c"sysconf", posix_sysconf),
    crate::modules::fast_kw(c"confstr", posix_confstr),
    METHOD_END,
];

unsafe fn ready_types() -> PyResult<()> {
    use crate::objects::structseq::ready_static;
    ready_static(
        &raw mut UNAME_RESULT,
        c"posix.uname_result",
        c"uname_result: Result from os.uname().\n\nThis object may be accessed either as a tuple of\n  (sysname, nodename, release, version, machine),\nor via the attributes sysname, nodename, release, version, and machine.\n\nSee os.uname for more information.",
        &[c"sysname".as_ptr(), c"nodename".as_ptr(), c"release".as_ptr(), c"version".as_ptr(), c"machine".as_ptr()],
        5,
        0,
    )?;
    ready_static(
        &raw mut TIMES_RESULT,
        c"posix.times_result",
        c"times_result: Result from os.times().\n\nThis object may be accessed either as a tuple of\n  (user, system, children_user, children_system, elapsed),\nor via the attributes user, system, children_user, children_system,\nand elapsed.\n\nSee os.times for more information.",
        &[c"user".as_ptr(), c"system".as_ptr(), c"children_user".as_ptr(), c"children_system".as_ptr(), c"elapsed".as_ptr()],
        5,
        0,
    )?;
    crate::modules::posix_stat::ready_types()?;
    crate::modules::posix_fd::ready_types()?;
    crate::modules::posix_proc::ready_types()?;
    crate::modules::posix_scandir::ready_types()
}

/// Makes the `posix` module.
pub unsafe fn init() -> PyResult<Obj> {
    ready_types()?;
    let name = str_::from_str("posix")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    let tables: [*mut PyMethodDef; 8] = [
        (&raw mut crate::modules::posix_sched::METHODS) as *mut PyMethodDef,
        (&raw mut METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_stat::METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_fs::METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_fd::METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_env::METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_proc::METHODS) as *mut PyMethodDef,
        (&raw mut crate::modules::posix_scandir::METHODS) as *mut PyMethodDef,
    ];
    for t in tables {
        crate::modules::add_functions(m.as_ptr(), d, t, name.as_ptr())?;
    }
    for (k, v) in crate::modules::posix_consts::CONSTANTS.iter() {
        dict::set_item_str(d, k, long::from_i64(*v).as_ptr())?;
    }
    use crate::modules::posix_consts::{CONFSTR_NAMES, PATHCONF_NAMES, SYSCONF_NAMES};
    dict::set_item_str(d, "sysconf_names", conf_table(&SYSCONF_NAMES)?.as_ptr())?;
    dict::set_item_str(d, "confstr_names", conf_table(&CONFSTR_NAMES)?.as_ptr())?;
    dict::set_item_str(d, "pathconf_names", conf_table(&PATHCONF_NAMES)?.as_ptr())?;
    dict::set_item_str(d, "environ", crate::modules::posix_env::environ_dict()?.as_ptr())?;
    dict::set_item_str(d, "error", exc::os_error())?;
    let types: [(&str, *mut PyTypeObject); 8] = [
        ("stat_result", &raw mut crate::modules::posix_stat::STAT_RESULT),
        ("statvfs_result", &raw mut crate::modules::posix_stat::STATVFS_RESULT),
        ("terminal_size", &raw mut crate::modules::posix_fd::TERMINAL_SIZE),
        ("uname_result", &raw mut UNAME_RESULT),
        ("times_result", &raw mut TIMES_RESULT),
        ("waitid_result", &raw mut crate::modules::posix_proc::WAITID_RESULT),
        ("sched_param", &raw mut crate::modules::posix_proc::SCHED_PARAM),
        ("DirEntry", &raw mut crate::modules::posix_scandir::DIR_ENTRY),
    ];
    for (k, tp) in types {
        dict::set_item_str(d, k, tp as *mut PyObject)?;
    }
    let have = list::new(0)?;
    for h in HAVE_FUNCTIONS {
        list::append(have.as_ptr(), str_::from_str(h)?.as_ptr())?;
    }
    dict::set_item_str(d, "_have_functions", have.as_ptr())?;
    Ok(m)
}
