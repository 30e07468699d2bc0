//! floatobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::objects::floatobject as float;
use std::ffi::c_double;

#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromDouble(v: c_double) -> *mut PyObject {
    catch_obj(|| float::from_f64(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_AsDouble(op: *mut PyObject) -> c_double {
    if op.is_null() {
        crate::bad_internal_call();
        return -1.0;
    }
    catch(-1.0, || float::as_f64(op).unwrap_or(-1.0))
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_FromString(s: *mut PyObject) -> *mut PyObject {
    catch_obj(|| float::from_string(s))
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_GetMax() -> c_double {
    f64::MAX
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_GetMin() -> c_double {
    f64::MIN_POSITIVE
}
