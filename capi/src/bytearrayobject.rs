//! bytearrayobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::bytearrayobject as ba;
use crate::rt::{err, exc};
use std::ffi::c_char;
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    if n < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyByteArray_FromStringAndSize");
        return null_mut();
    }
    catch_obj(|| {
        if s.is_null() {
            // CPython leaves the bytes uninitialised; zeroed is one such value.
            let r = ba::from_slice(&[])?;
            ba::resize(r.as_ptr(), n)?;
            std::ptr::write_bytes(ba::as_ptr(r.as_ptr()), 0, n as usize);
            return Ok(r);
        }
        ba::from_slice(std::slice::from_raw_parts(s as *const u8, n as usize))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_FromObject(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| crate::rt::protocol::call::vectorcall(ba::bytearray_type() as *mut PyObject, &[o], null_mut()))
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_AsString(op: *mut PyObject) -> *mut c_char {
    ba::as_ptr(op) as *mut c_char
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Size(op: *mut PyObject) -> Py_ssize_t {
    size_of_var(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Resize(op: *mut PyObject, n: Py_ssize_t) -> std::ffi::c_int {
    catch_int(|| ba::resize(op, n))
}
#[no_mangle]
pub unsafe extern "C" fn PyByteArray_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if a.is_null() || b.is_null() {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| ba::concat(a, b))
}
