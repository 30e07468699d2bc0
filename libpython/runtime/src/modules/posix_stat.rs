//! `os.stat_result` and `os.statvfs_result`, and `stat`, `lstat`, `fstat`, `statvfs`,
//! `fstatvfs` (CPython's posixmodule.c `_pystat_fromstructstat`).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::PyResult;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::modules::sys_info::build;
use crate::object::*;
use crate::objects::structseq::{ready_static, unnamed_field};
use crate::objects::typeobject;
use crate::objects::{floatobject as float, longobject as long, noneobject, tupleobject as tuple};
use crate::posix_fns;
use std::ffi::c_int;

pub static mut STAT_RESULT: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };
pub static mut STATVFS_RESULT: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };

static mut STRUCTSEQ_NEW: newfunc = None;

/// stat_result(seq): the float times default to the int ones, as CPython's statresult_new.
unsafe extern "C" fn statresult_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(std::ptr::null_mut(), || statresult_fill(tp, args, kwds))
}

unsafe fn statresult_fill(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    let Some(new) = STRUCTSEQ_NEW else { return std::ptr::null_mut() };
    let r = new(tp, args, kwds);
    if r.is_null() {
        return r;
    }
    let items = tuple::items_ptr(r);
    for i in 7..10 {
        let f = items.add(i + 3);
        if noneobject::is_none(*f) {
            let v = *items.add(i);
            incref(v);
            decref(*f);
            *f = v;
        }
    }
    r
}

pub unsafe fn ready_types() -> PyResult<()> {
    let u = unnamed_field();
    let names = [
        c"st_mode".as_ptr(), c"st_ino".as_ptr(), c"st_dev".as_ptr(), c"st_nlink".as_ptr(), c"st_uid".as_ptr(), c"st_gid".as_ptr(),
        c"st_size".as_ptr(), u, u, u, c"st_atime".as_ptr(), c"st_mtime".as_ptr(), c"st_ctime".as_ptr(), c"st_atime_ns".as_ptr(),
        c"st_mtime_ns".as_ptr(), c"st_ctime_ns".as_ptr(), c"st_blksize".as_ptr(), c"st_blocks".as_ptr(), c"st_rdev".as_ptr(),
    ];
    let tp = &raw mut STAT_RESULT;
    if !typeobject::has_feature(tp, Py_TPFLAGS_READY) {
        ready_static(tp, c"os.stat_result", STAT_DOC, &names, 10, 0)?;
        STRUCTSEQ_NEW = (*tp).tp_new;
        (*tp).tp_new = Some(statresult_new);
    }
    let vfs = [
        c"f_bsize".as_ptr(), c"f_frsize".as_ptr(), c"f_blocks".as_ptr(), c"f_bfree".as_ptr(), c"f_bavail".as_ptr(), c"f_files".as_ptr(),
        c"f_ffree".as_ptr(), c"f_favail".as_ptr(), c"f_flag".as_ptr(), c"f_namemax".as_ptr(), c"f_fsid".as_ptr(),
    ];
    ready_static(&raw mut STATVFS_RESULT, c"os.statvfs_result", STATVFS_DOC, &vfs, 10, 0)
}

const STAT_DOC: &std::ffi::CStr = c"stat_result: Result from stat, fstat, or lstat.\n\nThis object may be accessed either as a tuple of\n  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\nor via the attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.\n\nPosix/windows: If your platform supports st_blksize, st_blocks, st_rdev,\nor st_flags, they are available as attributes only.\n\nSee os.stat for more information.";
const STATVFS_DOC: &std::ffi::CStr = c"statvfs_result: Result from statvfs or fstatvfs.\n\nThis object may be accessed either as a tuple of\n  (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax),\nor via the attributes f_bsize, f_frsize, f_blocks, f_bfree, and so on.\n\nSee os.statvfs for more information.";

/// A stat_result from a `struct stat`.
pub unsafe fn from_stat(st: &libc::stat) -> PyResult<Obj> {
    let secs = [st.st_atime, st.st_mtime, st.st_ctime];
    let nsecs = [st.st_atime_nsec, st.st_mtime_nsec, st.st_ctime_nsec];
    let mut v = vec![
        long::from_i64(st.st_mode as i64),
        long::from_u64(st.st_ino),
        long::from_u64(st.st_dev),
        long::from_u64(st.st_nlink),
        long::from_i64(st.st_uid as i64),
        long::from_i64(st.st_gid as i64),
        long::from_i64(st.st_size),
    ];
    for s in secs {
        v.push(long::from_i64(s));
    }
    for i in 0..3 {
        v.push(float::from_f64(secs[i] as f64 + nsecs[i] as f64 * 1e-9)?);
    }
    for i in 0..3 {
        v.push(long::from_i128(secs[i] as i128 * 1_000_000_000 + nsecs[i] as i128)?);
    }
    v.push(long::from_i64(st.st_blksize));
    v.push(long::from_i64(st.st_blocks));
    v.push(long::from_u64(st.st_rdev));
    build(&raw mut STAT_RESULT, v)
}

/// stat of a path (fd, or name relative to `dir_fd`), CPython's posix_do_stat.
pub unsafe fn do_stat(func: &str, p: &PathArg, dir_fd: c_int, follow: bool) -> PyResult<Obj> {
    path_and_dir_fd_invalid(func, p, dir_fd)?;
    dir_fd_and_fd_invalid(func, dir_fd, p.fd)?;
    fd_and_follow_symlinks_invalid(func, p.fd, follow)?;
    let mut st: libc::stat = std::mem::zeroed();
    let r = if p.fd != -1 {
        retry(-1, || libc::fstat(p.fd, &mut st))
    } else {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        libc::fstatat(dir_fd, p.ptr(), &mut st, flags)
    };
    if r != 0 {
        return Err(p.error());
    }
    from_stat(&st)
}

unsafe fn from_statvfs(st: &libc::statvfs) -> PyResult<Obj> {
    let v = vec![
        long::from_u64(st.f_bsize),
        long::from_u64(st.f_frsize),
        long::from_u64(st.f_blocks),
        long::from_u64(st.f_bfree),
        long::from_u64(st.f_bavail),
        long::from_u64(st.f_files),
        long::from_u64(st.f_ffree),
        long::from_u64(st.f_favail),
        long::from_u64(st.f_flag),
        long::from_u64(st.f_namemax),
        long::from_u64(st.f_fsid),
    ];
    build(&raw mut STATVFS_RESULT, v)
}

posix_fns! {
    posix_stat("stat", ["path", "dir_fd", "follow_symlinks"], 0, 1, 1) = |a| {
        let p = path_arg("stat", "path", a[0], false, true)?;
        do_stat("stat", &p, dir_fd_arg(a[1])?, bool_or(a[2], true)?)
    };
    posix_lstat("lstat", ["path", "dir_fd"], 0, 1, 1) = |a| {
        let p = path_arg("lstat", "path", a[0], false, false)?;
        do_stat("lstat", &p, dir_fd_arg(a[1])?, false)
    };
    posix_fstat("fstat", ["fd"], 0, 1, 1) = |a| {
        let fd = int_arg(a[0])?;
        let mut st: libc::stat = std::mem::zeroed();
        if retry(-1, || libc::fstat(fd, &mut st)) != 0 {
            return Err(errno_error());
        }
        from_stat(&st)
    };
    posix_statvfs("statvfs", ["path"], 0, 1, 1) = |a| {
        let p = path_arg("statvfs", "path", a[0], false, true)?;
        let mut st: libc::statvfs = std::mem::zeroed();
        let r = if p.fd != -1 { retry(-1, || libc::fstatvfs(p.fd, &mut st)) } else { libc::statvfs(p.ptr(), &mut st) };
        if r != 0 {
            return Err(p.error());
        }
        from_statvfs(&st)
    };
    posix_fstatvfs("fstatvfs", ["fd"], 1, 1, 1) = |a| {
        let fd = int_arg(a[0])?;
        let mut st: libc::statvfs = std::mem::zeroed();
        if retry(-1, || libc::fstatvfs(fd, &mut st)) != 0 {
            return Err(errno_error());
        }
        from_statvfs(&st)
    };
}

pub static mut METHODS: [PyMethodDef; 6] = [
    crate::modules::fast_kw(c"stat", posix_stat),
    crate::modules::fast_kw(c"lstat", posix_lstat),
    crate::modules::fast_kw(c"fstat", posix_fstat),
    crate::modules::fast_kw(c"statvfs", posix_statvfs),
    crate::modules::fast_kw(c"fstatvfs", posix_fstatvfs),
    typeobject::METHOD_END,
];
