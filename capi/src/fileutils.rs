//! `cpython/fileutils.h`: file-descriptor helpers of `Python/fileutils.c`. Descriptors are
//! made non-inheritable (PEP 446), calls interrupted by a signal are retried unless a Python
//! signal handler raised, and failures raise OSError from `errno` (the `_noraise` forms only
//! set `errno`). `errno` is left as the failing call set it.

use crate::errors::{PyErr_CheckSignals, PyErr_SetFromErrno, PyErr_SetFromErrnoWithFilenameObject};
use crate::rt::ffi::*;
use crate::rt::exc;
use std::ffi::{c_char, c_int, c_void};

fn errno() -> c_int {
    // Safety: the thread's errno location is always valid.
    unsafe { *libc::__errno_location() }
}

fn set_errno(e: c_int) {
    // Safety: as above.
    unsafe { *libc::__errno_location() = e }
}

/// Runs `f` until it does not fail with EINTR; with `raise`, a signal handler's exception
/// stops the retries. Returns the result and errno as the call left it.
unsafe fn retry(raise: bool, mut f: impl FnMut() -> isize) -> (isize, c_int, bool) {
    loop {
        set_errno(0);
        let r = f();
        let e = errno();
        if r < 0 && e == libc::EINTR {
            if raise && PyErr_CheckSignals() != 0 {
                set_errno(e);
                return (r, e, true);
            }
            continue;
        }
        return (r, e, false);
    }
}

unsafe fn oserror(raise: bool, e: c_int) {
    if raise {
        set_errno(e);
        PyErr_SetFromErrno(exc::os_error());
    }
    set_errno(e);
}

unsafe fn io(fd: c_int, buf: *mut c_void, count: usize, write: bool, raise: bool) -> Py_ssize_t {
    let count = count.min(isize::MAX as usize);
    let (n, e, interrupted) = retry(raise, || if write { libc::write(fd, buf, count) } else { libc::read(fd, buf, count) });
    if interrupted {
        return -1;
    }
    if n < 0 {
        oserror(raise, e);
        return -1;
    }
    n
}

/// `read()` with EINTR retries; -1 with OSError.
#[no_mangle]
pub unsafe extern "C" fn _Py_read(fd: c_int, buf: *mut c_void, count: usize) -> Py_ssize_t {
    io(fd, buf, count, false, true)
}

#[no_mangle]
pub unsafe extern "C" fn _Py_write(fd: c_int, buf: *const c_void, count: usize) -> Py_ssize_t {
    io(fd, buf as *mut c_void, count, true, true)
}

/// `_Py_write` without the GIL: no exception, only `errno`.
#[no_mangle]
pub unsafe extern "C" fn _Py_write_noraise(fd: c_int, buf: *const c_void, count: usize) -> Py_ssize_t {
    io(fd, buf as *mut c_void, count, true, false)
}

/// `open()` with O_CLOEXEC; -1 with OSError naming the file.
#[no_mangle]
pub unsafe extern "C" fn _Py_open(pathname: *const c_char, flags: c_int) -> c_int {
    let (fd, e, interrupted) = retry(true, || libc::open(pathname, flags | libc::O_CLOEXEC) as isize);
    if interrupted {
        return -1;
    }
    if fd < 0 {
        match crate::rt::objects::unicodeobject::from_cstr(pathname) {
            Ok(name) => {
                set_errno(e);
                PyErr_SetFromErrnoWithFilenameObject(exc::os_error(), name.as_ptr());
            }
            Err(_) => oserror(true, e),
        }
        set_errno(e);
        return -1;
    }
    fd as c_int
}

#[no_mangle]
pub unsafe extern "C" fn _Py_open_noraise(pathname: *const c_char, flags: c_int) -> c_int {
    let (fd, e, _) = retry(false, || libc::open(pathname, flags | libc::O_CLOEXEC) as isize);
    set_errno(e);
    fd as c_int
}

/// A non-inheritable duplicate of `fd`; -1 with OSError.
#[no_mangle]
pub unsafe extern "C" fn _Py_dup(fd: c_int) -> c_int {
    let r = libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0);
    if r < 0 {
        oserror(true, errno());
        return -1;
    }
    r
}

#[no_mangle]
pub unsafe extern "C" fn _Py_fstat_noraise(fd: c_int, status: *mut libc::stat) -> c_int {
    libc::fstat(fd, status)
}

/// `fstat()`; -1 with OSError.
#[no_mangle]
pub unsafe extern "C" fn _Py_fstat(fd: c_int, status: *mut libc::stat) -> c_int {
    if libc::fstat(fd, status) != 0 {
        oserror(true, errno());
        return -1;
    }
    0
}

unsafe fn set_inheritable(fd: c_int, inheritable: c_int, raise: bool) -> c_int {
    let flags = libc::fcntl(fd, libc::F_GETFD);
    if flags < 0 {
        oserror(raise, errno());
        return -1;
    }
    let new = if inheritable != 0 { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
    if new != flags && libc::fcntl(fd, libc::F_SETFD, new) < 0 {
        oserror(raise, errno());
        return -1;
    }
    0
}

/// Sets or clears FD_CLOEXEC; -1 with OSError.
#[no_mangle]
pub unsafe extern "C" fn _Py_set_inheritable(fd: c_int, inheritable: c_int, _atomic_flag_works: *mut c_int) -> c_int {
    set_inheritable(fd, inheritable, true)
}

/// `_Py_set_inheritable` safe in a signal handler or after fork: only `errno` on failure.
#[no_mangle]
pub unsafe extern "C" fn _Py_set_inheritable_async_safe(fd: c_int, inheritable: c_int, _atomic_flag_works: *mut c_int) -> c_int {
    set_inheritable(fd, inheritable, false)
}

/// `fopen()` of a path object (str or bytes, through `PyUnicode_FSConverter`), non-
/// inheritable, after the "open" audit event; NULL with OSError naming the path.
#[no_mangle]
pub unsafe extern "C" fn _Py_fopen_obj(path: *mut PyObject, mode: *const c_char) -> *mut libc::FILE {
    let mut bytes: *mut PyObject = std::ptr::null_mut();
    if crate::unicode_codecs::PyUnicode_FSConverter(path, (&raw mut bytes) as *mut c_void) == 0 {
        return std::ptr::null_mut();
    }
    let owned = crate::rt::Obj::from_owned_nonnull(bytes);
    let cpath = crate::bytesobject::PyBytes_AsString(owned.as_ptr());
    let Ok(mode_obj) = crate::rt::objects::unicodeobject::from_cstr(mode) else { return std::ptr::null_mut() };
    let flags = crate::rt::objects::longobject::from_i64(0);
    if crate::rt::modules::sys_hooks::audit("open", &[path, mode_obj.as_ptr(), flags.as_ptr()]).is_err() {
        return std::ptr::null_mut();
    }
    let (f, e, interrupted) = retry(true, || libc::fopen(cpath, mode) as isize);
    if interrupted {
        return std::ptr::null_mut();
    }
    let f = f as *mut libc::FILE;
    if f.is_null() {
        set_errno(e);
        PyErr_SetFromErrnoWithFilenameObject(exc::os_error(), path);
        return std::ptr::null_mut();
    }
    if set_inheritable(libc::fileno(f), 0, true) < 0 {
        libc::fclose(f);
        return std::ptr::null_mut();
    }
    f
}
