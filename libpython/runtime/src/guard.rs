//! Converting `PyResult` to CPython's return conventions at `extern "C"` edges, and keeping
//! Rust panics from crossing them (a panic becomes `SystemError`).

use crate::err::PyResult;
use crate::ffi::PyObject;
use crate::object::Obj;
use std::ffi::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::null_mut;

#[inline]
pub fn ret_obj(r: PyResult<Obj>) -> *mut PyObject {
    match r {
        Ok(o) => o.into_ptr(),
        Err(_) => null_mut(),
    }
}

#[inline]
pub fn ret_int(r: PyResult<()>) -> c_int {
    match r {
        Ok(()) => 0,
        Err(_) => -1,
    }
}

/// Runs `f`, turning a panic into `SystemError` and the `err` value.
pub fn catch<R>(err: R, f: impl FnOnce() -> R) -> R {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            crate::err::raise(crate::exc::system_error(), format!("internal error in Ferric: {msg}"));
            err
        }
    }
}

/// `catch` for functions returning a new reference.
#[inline]
pub fn catch_obj(f: impl FnOnce() -> PyResult<Obj>) -> *mut PyObject {
    catch(null_mut(), || ret_obj(f()))
}

/// `catch` for functions returning 0 / -1.
#[inline]
pub fn catch_int(f: impl FnOnce() -> PyResult<()>) -> c_int {
    catch(-1, || ret_int(f()))
}

// ---- method wrappers: `extern "C"` METH_* functions around Rust methods ---------------------

/// METH_NOARGS wrappers: `$name(self, NULL)` calls `$f(self)` (`$f` a function or closure).
macro_rules! noargs {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        unsafe extern "C" fn $name(op: *mut $crate::ffi::PyObject, _: *mut $crate::ffi::PyObject) -> *mut $crate::ffi::PyObject {
            // Safety: called by the method machinery with a live self.
            $crate::guard::catch_obj(|| unsafe { ($f)(op) })
        }
    )*};
}
/// METH_O wrappers: `$f(self, arg)`.
macro_rules! onearg {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        unsafe extern "C" fn $name(op: *mut $crate::ffi::PyObject, a: *mut $crate::ffi::PyObject) -> *mut $crate::ffi::PyObject {
            // Safety: called by the method machinery with a live self and argument.
            $crate::guard::catch_obj(|| unsafe { ($f)(op, a) })
        }
    )*};
}
/// METH_FASTCALL wrappers: `$f(self, &args)`.
macro_rules! fastcall {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        unsafe extern "C" fn $name(op: *mut $crate::ffi::PyObject, args: *const *mut $crate::ffi::PyObject, n: $crate::ffi::Py_ssize_t) -> *mut $crate::ffi::PyObject {
            // Safety: METH_FASTCALL passes `n` live arguments at `args`.
            $crate::guard::catch_obj(|| unsafe { ($f)(op, $crate::modules::args(args, n)) })
        }
    )*};
}
/// METH_FASTCALL|METH_KEYWORDS wrappers: `$f(self, args, nargs, kwnames)`.
macro_rules! fastkw {
    ($($name:ident => $f:expr),* $(,)?) => {$(
        unsafe extern "C" fn $name(op: *mut $crate::ffi::PyObject, args: *const *mut $crate::ffi::PyObject, n: $crate::ffi::Py_ssize_t, kw: *mut $crate::ffi::PyObject) -> *mut $crate::ffi::PyObject {
            // Safety: METH_FASTCALL|METH_KEYWORDS passes `n` positional arguments followed by
            // one per name in `kw`.
            $crate::guard::catch_obj(|| unsafe { ($f)(op, args, n, kw) })
        }
    )*};
}
pub(crate) use {fastcall, fastkw, noargs, onearg};
