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
