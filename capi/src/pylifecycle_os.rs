//! The process-level parts of `pylifecycle.h` and `intrcheck.h`: signal handlers through
//! `sigaction`, the fork hooks, `PyStatus`, and the readline hook variable.

use crate::rt::ffi::*;
use std::ffi::{c_char, c_int};

#[allow(non_camel_case_types)]
pub type PyOS_sighandler_t = libc::sighandler_t;

/// The handler of `sig`, or SIG_ERR.
#[no_mangle]
pub unsafe extern "C" fn PyOS_getsig(sig: c_int) -> PyOS_sighandler_t {
    let mut old: libc::sigaction = std::mem::zeroed();
    if libc::sigaction(sig, std::ptr::null(), &mut old) == -1 {
        return libc::SIG_ERR;
    }
    old.sa_sigaction
}

/// Installs `handler` for `sig` (on the alternate stack, no blocked signals) and returns the
/// previous one, or SIG_ERR.
#[no_mangle]
pub unsafe extern "C" fn PyOS_setsig(sig: c_int, handler: PyOS_sighandler_t) -> PyOS_sighandler_t {
    let mut new: libc::sigaction = std::mem::zeroed();
    let mut old: libc::sigaction = std::mem::zeroed();
    new.sa_sigaction = handler;
    libc::sigemptyset(&mut new.sa_mask);
    new.sa_flags = libc::SA_ONSTACK;
    if libc::sigaction(sig, &new, &mut old) == -1 {
        return libc::SIG_ERR;
    }
    old.sa_sigaction
}

// The fork hooks run the callables `os.register_at_fork` registered (`posix_proc.rs`).

#[no_mangle]
pub unsafe extern "C" fn PyOS_BeforeFork() {
    crate::rt::modules::posix_proc::before_fork()
}

#[no_mangle]
pub unsafe extern "C" fn PyOS_AfterFork_Parent() {
    crate::rt::modules::posix_proc::after_fork_parent()
}

#[no_mangle]
pub unsafe extern "C" fn PyOS_AfterFork_Child() {
    crate::rt::modules::posix_proc::after_fork_child()
}

/// 1 if `status` is an error or an exit request.
#[no_mangle]
pub extern "C" fn PyStatus_Exception(status: PyStatus) -> c_int {
    (status._type != 0) as c_int
}

/// Exits as `status` asks: with its exit code, or after reporting its error with status 1
/// (CPython's `fatal_error` with an exit status rather than an abort).
#[no_mangle]
pub unsafe extern "C" fn Py_ExitStatusException(status: PyStatus) -> ! {
    let text = |p: *const c_char| if p.is_null() { String::new() } else { std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned() };
    match status._type {
        2 => std::process::exit(status.exitcode),
        1 => {
            if status.func.is_null() {
                eprintln!("Fatal Python error: {}", text(status.err_msg));
            } else {
                eprintln!("Fatal Python error: {}: {}", text(status.func), text(status.err_msg));
            }
            std::process::exit(1)
        }
        _ => crate::pylifecycle::_Py_FatalErrorFunc(
            c"Py_ExitStatusException".as_ptr(),
            c"Py_ExitStatusException() must not be called on success".as_ptr(),
        ),
    }
}

/// What the prompt reads lines with, once the readline module installs one.
#[no_mangle]
pub static mut PyOS_ReadlineFunctionPointer: Option<unsafe extern "C" fn(*mut libc::FILE, *mut libc::FILE, *const c_char) -> *mut c_char> =
    None;

/// tracemalloc is never tracing in Ferric yet: -2, as CPython answers then.
#[no_mangle]
pub extern "C" fn PyTraceMalloc_Track(_domain: u32, _ptr: usize, _size: usize) -> c_int {
    -2
}

#[no_mangle]
pub extern "C" fn PyTraceMalloc_Untrack(_domain: u32, _ptr: usize) -> c_int {
    -2
}

/// The traceback where a block was allocated: None while tracemalloc is not tracing.
#[no_mangle]
pub unsafe extern "C" fn _PyTraceMalloc_GetTraceback(_domain: u32, _ptr: usize) -> *mut PyObject {
    let none = crate::rt::objects::noneobject::none();
    crate::rt::object::incref(none);
    none
}

/// Decodes a byte string from the locale encoding (UTF-8 here, as in CPython's UTF-8 mode
/// and the C.UTF-8 locale) with `surrogateescape`: an undecodable byte b becomes U+DC00+b.
/// A `PyMem_RawMalloc` wide string (free it with `PyMem_RawFree`); `*size` gets its length.
#[no_mangle]
pub unsafe extern "C" fn Py_DecodeLocale(arg: *const c_char, size: *mut usize) -> *mut libc::wchar_t {
    let bytes = std::ffi::CStr::from_ptr(arg).to_bytes();
    let mut out: Vec<libc::wchar_t> = Vec::with_capacity(bytes.len() + 1);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend(s.chars().map(|c| c as libc::wchar_t));
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.extend(std::str::from_utf8_unchecked(good).chars().map(|c| c as libc::wchar_t));
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                out.extend(bad[..n].iter().map(|&b| 0xdc00 + b as libc::wchar_t));
                rest = &bad[n..];
            }
        }
    }
    let len = out.len();
    out.push(0);
    let p = crate::memory::PyMem_RawMalloc(out.len() * std::mem::size_of::<libc::wchar_t>()) as *mut libc::wchar_t;
    if p.is_null() {
        if !size.is_null() {
            *size = usize::MAX;
        }
        return p;
    }
    std::ptr::copy_nonoverlapping(out.as_ptr(), p, out.len());
    if !size.is_null() {
        *size = len;
    }
    p
}

fn status(kind: c_int, err_msg: *const c_char, exitcode: c_int) -> PyStatus {
    PyStatus { _type: kind, func: std::ptr::null(), err_msg, exitcode }
}

#[no_mangle]
pub extern "C" fn PyStatus_Ok() -> PyStatus {
    status(0, std::ptr::null(), 0)
}

#[no_mangle]
pub extern "C" fn PyStatus_Error(err_msg: *const c_char) -> PyStatus {
    status(1, err_msg, 0)
}

#[no_mangle]
pub extern "C" fn PyStatus_NoMemory() -> PyStatus {
    status(1, c"memory allocation failed".as_ptr(), 0)
}

#[no_mangle]
pub extern "C" fn PyStatus_Exit(exitcode: c_int) -> PyStatus {
    status(2, std::ptr::null(), exitcode)
}

#[no_mangle]
pub extern "C" fn PyStatus_IsError(s: PyStatus) -> c_int {
    (s._type == 1) as c_int
}

#[no_mangle]
pub extern "C" fn PyStatus_IsExit(s: PyStatus) -> c_int {
    (s._type == 2) as c_int
}
