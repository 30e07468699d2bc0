//! What the `posix` functions share (CPython's posixmodule.c converters): path arguments
//! (`path_t`: str, bytes, os.PathLike, an fd where allowed, None where nullable), fds,
//! `dir_fd`, the checks between them, file-system encoding, and OSError from `errno`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{raise, set_from_errno, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::short_name;
use crate::objects::unicode_methods as meth;
use crate::objects::{bytesobject as bytes, longobject as long, noneobject, unicodeobject as str_};
use crate::protocol::args::{clinic, with_vectorcall, Clinic, Split};
use std::ffi::{c_char, c_int, CString};
use std::ptr::null_mut;

pub const DEFAULT_DIR_FD: c_int = libc::AT_FDCWD;

/// A converted path argument.
pub struct PathArg {
    /// What error messages name as the filename: the argument, or what `__fspath__` gave.
    pub object: Obj,
    /// The path as bytes; None for an fd or a None argument.
    pub c: Option<CString>,
    /// The fd when the argument was an int, else -1.
    pub fd: c_int,
    /// Given as bytes (results are bytes too, as in `listdir(b'.')`).
    pub is_bytes: bool,
}

impl PathArg {
    pub fn ptr(&self) -> *const c_char {
        self.c.as_ref().map(|c| c.as_ptr()).unwrap_or(std::ptr::null())
    }

    /// OSError for the last errno, naming this path.
    pub fn error(&self) -> crate::err::ErrSet {
        // Safety: OSError is static; the filename is a live object.
        unsafe { set_from_errno(exc::os_error(), crate::err::last_errno(), self.object.as_ptr(), null_mut()) }
    }

    /// OSError for the last errno, naming both paths (`rename`, `link`, ...).
    pub fn error2(&self, other: &PathArg) -> crate::err::ErrSet {
        // Safety: as `error`.
        unsafe { set_from_errno(exc::os_error(), crate::err::last_errno(), self.object.as_ptr(), other.object.as_ptr()) }
    }
}

/// OSError for the last errno, with no filename (CPython's posix_error).
pub fn errno_error() -> crate::err::ErrSet {
    // Safety: OSError is static.
    unsafe { set_from_errno(exc::os_error(), crate::err::last_errno(), null_mut(), null_mut()) }
}

/// A libc result that is 0 on success: None, or OSError from errno.
pub fn ok(r: c_int) -> PyResult<Obj> {
    if r != 0 {
        return Err(errno_error());
    }
    Ok(none())
}

/// A libc result that is a count, fd or id, negative on failure.
pub fn nonneg(r: i64) -> PyResult<Obj> {
    if r < 0 {
        return Err(errno_error());
    }
    Ok(long::from_i64(r))
}

/// A zeroed buffer of `n` bytes, or MemoryError.
pub fn alloc_buf(n: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    v.resize(n, 0);
    Ok(v)
}

/// Retries a call interrupted by a signal, as CPython's loops around EINTR do.
pub fn retry<T: PartialEq + Copy>(fail: T, mut f: impl FnMut() -> T) -> T {
    loop {
        let r = f();
        if r != fail || crate::err::last_errno() != libc::EINTR {
            return r;
        }
    }
}

/// CPython's PyOS_FSPath (`os.fspath`): str and bytes as they are, else `__fspath__()`.
pub unsafe fn fspath(p: *mut PyObject) -> PyResult<Obj> {
    if str_::check(p) || bytes::check(p) {
        return Ok(Obj::from_borrowed(p));
    }
    let tname = short_name(type_of(p));
    let Some(f) = crate::objects::typeslots::lookup_special(p, "__fspath__")? else {
        return Err(raise(exc::type_error(), format!("expected str, bytes or os.PathLike object, not {tname}")));
    };
    let r = crate::protocol::call::vectorcall(f.as_ptr(), &[], null_mut())?;
    if str_::check(r.as_ptr()) || bytes::check(r.as_ptr()) {
        return Ok(r);
    }
    Err(raise(exc::type_error(), format!("expected {tname}.__fspath__() to return str or bytes, not {}", short_name(type_of(r.as_ptr())))))
}

/// File-system encoding (UTF-8, surrogateescape) of a str.
pub unsafe fn encode_fs(s: *mut PyObject) -> PyResult<Obj> {
    meth::encode(s, "utf-8", "surrogateescape")
}

/// File-system decoding of bytes to str.
pub unsafe fn decode_fs(b: &[u8]) -> PyResult<Obj> {
    meth::decode(b, "utf-8", "surrogateescape")
}

/// A name from the OS as str, or bytes when the caller passed bytes.
pub unsafe fn os_name(b: &[u8], as_bytes: bool) -> PyResult<Obj> {
    if as_bytes {
        bytes::from_slice(b)
    } else {
        decode_fs(b)
    }
}

/// PyUnicode_FSConverter: str, bytes or os.PathLike to NUL-free bytes.
pub unsafe fn fs_converter(o: *mut PyObject) -> PyResult<CString> {
    let p = fspath(o)?;
    let b = if bytes::check(p.as_ptr()) { p } else { encode_fs(p.as_ptr())? };
    CString::new(bytes::as_slice(b.as_ptr())).map_err(|_| raise(exc::value_error(), "embedded null byte"))
}

/// CPython's path_converter for argument `arg` of `func`.
pub unsafe fn path_arg(func: &str, arg: &str, o: *mut PyObject, nullable: bool, allow_fd: bool) -> PyResult<PathArg> {
    if nullable && noneobject::is_none(o) {
        return Ok(PathArg { object: Obj::from_borrowed(o), c: None, fd: -1, is_bytes: false });
    }
    let is_index = allow_fd && crate::protocol::number::has_index(o);
    let is_buffer = crate::protocol::buffer::has_buffer(o);
    let expected = match (allow_fd, nullable) {
        (true, true) => "string, bytes, os.PathLike, integer or None",
        (true, false) => "string, bytes, os.PathLike or integer",
        (false, true) => "string, bytes, os.PathLike or None",
        (false, false) => "string, bytes or os.PathLike",
    };
    let bad = || raise(exc::type_error(), format!("{func}: {arg} should be {expected}, not {}", short_name(type_of(o))));
    let mut obj = Obj::from_borrowed(o);
    if !is_index && !is_buffer && !str_::check(o) && !bytes::check(o) {
        let Some(f) = crate::objects::typeslots::lookup_special(o, "__fspath__")? else { return Err(bad()) };
        let r = crate::protocol::call::vectorcall(f.as_ptr(), &[], null_mut())?;
        if !str_::check(r.as_ptr()) && !bytes::check(r.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("expected {}.__fspath__() to return str or bytes, not {}", short_name(type_of(o)), short_name(type_of(r.as_ptr()))),
            ));
        }
        obj = r;
    }
    let p = obj.as_ptr();
    let (b, is_bytes) = if str_::check(p) {
        (encode_fs(p)?, false)
    } else if bytes::check(p) {
        (obj.clone(), true)
    } else if is_buffer {
        let msg = format!("{func}: {arg} should be {expected}, not {}", short_name(type_of(o)));
        crate::modules::warnings::warn_str(exc::deprecation_warning(), &msg, 1, null_mut())?;
        (bytes::from_object(p)?, true)
    } else if is_index {
        let fd = fd_converter(o)?;
        return Ok(PathArg { object: obj, c: None, fd, is_bytes: false });
    } else {
        return Err(bad());
    };
    let c = CString::new(bytes::as_slice(b.as_ptr())).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
    Ok(PathArg { object: obj, c: Some(c), fd: -1, is_bytes })
}

/// CPython's `_fd_converter`: `__index__`, then a C int with "fd is greater than maximum".
pub unsafe fn fd_converter(o: *mut PyObject) -> PyResult<c_int> {
    let v = crate::protocol::number::index(o)?;
    match long::as_i64(v.as_ptr()) {
        Some(x) if x > c_int::MAX as i64 => Err(raise(exc::overflow_error(), "fd is greater than maximum")),
        Some(x) if x < c_int::MIN as i64 => Err(raise(exc::overflow_error(), "fd is less than minimum")),
        Some(x) => Ok(x as c_int),
        None if long::is_negative(v.as_ptr()) => Err(raise(exc::overflow_error(), "fd is less than minimum")),
        None => Err(raise(exc::overflow_error(), "fd is greater than maximum")),
    }
}

/// The `dir_fd` keyword: None (or absent) is the working directory.
pub unsafe fn dir_fd_arg(o: *mut PyObject) -> PyResult<c_int> {
    if o.is_null() || noneobject::is_none(o) {
        return Ok(DEFAULT_DIR_FD);
    }
    if !crate::protocol::number::has_index(o) {
        return Err(raise(exc::type_error(), format!("argument should be integer or None, not {}", short_name(type_of(o)))));
    }
    fd_converter(o)
}

/// Clinic's `int` converter (`fd: int`, flags, modes).
pub unsafe fn int_arg(o: *mut PyObject) -> PyResult<c_int> {
    crate::protocol::number::c_int_arg(o)
}

/// An optional `int` argument.
pub unsafe fn int_or(o: *mut PyObject, default: c_int) -> PyResult<c_int> {
    if o.is_null() {
        Ok(default)
    } else {
        int_arg(o)
    }
}

/// Clinic's `bool` converter (truth value), with a default.
pub unsafe fn bool_or(o: *mut PyObject, default: bool) -> PyResult<bool> {
    if o.is_null() {
        Ok(default)
    } else {
        crate::protocol::object::is_true(o)
    }
}

/// Clinic's `Py_ssize_t` converter.
pub unsafe fn ssize_arg(o: *mut PyObject) -> PyResult<isize> {
    if !crate::protocol::number::has_index(o) {
        return Err(raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", short_name(type_of(o)))));
    }
    crate::protocol::number::as_ssize_t(o)
}

/// An `off_t` argument (`__index__`, 64 bits).
pub unsafe fn off_arg(o: *mut PyObject) -> PyResult<i64> {
    let v = crate::protocol::number::index(o)?;
    long::as_i64(v.as_ptr()).ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C long"))
}

pub fn dir_fd_and_fd_invalid(func: &str, dir_fd: c_int, fd: c_int) -> PyResult<()> {
    if dir_fd != DEFAULT_DIR_FD && fd != -1 {
        return Err(raise(exc::value_error(), format!("{func}: can't specify both dir_fd and fd")));
    }
    Ok(())
}

pub fn fd_and_follow_symlinks_invalid(func: &str, fd: c_int, follow: bool) -> PyResult<()> {
    if fd > 0 && !follow {
        return Err(raise(exc::value_error(), format!("{func}: cannot use fd and follow_symlinks together")));
    }
    Ok(())
}

pub fn path_and_dir_fd_invalid(func: &str, p: &PathArg, dir_fd: c_int) -> PyResult<()> {
    if p.c.is_none() && dir_fd != DEFAULT_DIR_FD {
        return Err(raise(exc::value_error(), format!("{func}: can't specify dir_fd without matching path")));
    }
    Ok(())
}

pub fn none() -> Obj {
    // Safety: None is immortal.
    unsafe { Obj::from_borrowed(noneobject::none()) }
}

pub fn bool_obj(v: bool) -> Obj {
    // Safety: True and False are immortal.
    unsafe { Obj::from_borrowed(crate::objects::boolobject::new_bool(v)) }
}

/// Binds a call's arguments to `sig` and runs `f` on them (null for absent ones).
pub unsafe fn bound(
    sig: &Clinic,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    f: impl FnOnce(&[*mut PyObject]) -> PyResult<Obj>,
) -> *mut PyObject {
    crate::guard::catch_obj(|| with_vectorcall(args, nargs as usize, kwnames, |s: Split| f(&clinic(sig, &s)?)))
}

/// Defines METH_FASTCALL | METH_KEYWORDS entry points: `name(sig) = body(a)` binds the
/// arguments to the clinic signature and runs the body on the slots.
#[macro_export]
macro_rules! posix_fns {
    ($($cname:ident ($fname:expr, [$($p:expr),*], $posonly:expr, $minpos:expr, $maxpos:expr) = $body:expr;)*) => {
        $(unsafe extern "C" fn $cname(_m: *mut $crate::ffi::PyObject, args: *const *mut $crate::ffi::PyObject, nargs: $crate::ffi::Py_ssize_t, kwnames: *mut $crate::ffi::PyObject) -> *mut $crate::ffi::PyObject {
            const SIG: $crate::protocol::args::Clinic = $crate::protocol::args::Clinic { fname: $fname, names: &[$($p),*], posonly: $posonly, minpos: $minpos, maxpos: $maxpos };
            $crate::modules::posix_path::bound(&SIG, args, nargs, kwnames, $body)
        })*
    };
}
