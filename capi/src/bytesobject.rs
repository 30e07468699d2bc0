//! bytesobject.h: the part the core types need.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::bytesobject as bytes;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    if n < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyBytes_FromStringAndSize");
        return null_mut();
    }
    if s.is_null() {
        return catch_obj(|| {
            let b = bytes::new_uninit(n as usize)?;
            std::ptr::write_bytes(bytes::data(b.as_ptr()), 0, n as usize);
            Ok(b)
        });
    }
    catch_obj(|| bytes::from_slice(std::slice::from_raw_parts(s as *const u8, n as usize)))
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> *mut PyObject {
    catch_obj(|| bytes::from_slice(CStr::from_ptr(s).to_bytes()))
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !bytes::check(op) {
        err::raise(exc::type_error(), format!("expected bytes, {} found", crate::rt::objects::typeobject::short_name(type_of(op))));
        return -1;
    }
    size_of_var(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(op: *mut PyObject) -> *mut c_char {
    if op.is_null() || !bytes::check(op) {
        err::raise(exc::type_error(), format!("expected bytes, {} found", crate::rt::objects::typeobject::short_name(type_of(op))));
        return null_mut();
    }
    bytes::data(op) as *mut c_char
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(op: *mut PyObject, s: *mut *mut c_char, len: *mut Py_ssize_t) -> c_int {
    let p = PyBytes_AsString(op);
    if p.is_null() {
        return -1;
    }
    *s = p;
    let n = size_of_var(op);
    if len.is_null() {
        if bytes::as_slice(op).contains(&0) {
            err::raise(exc::value_error(), "embedded null byte");
            return -1;
        }
    } else {
        *len = n;
    }
    0
}
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Resize(p: *mut *mut PyObject, n: Py_ssize_t) -> c_int {
    let op = *p;
    if op.is_null() || !bytes::check(op) || n < 0 || (*op).ob_refcnt != 1 {
        *p = null_mut();
        xdecref(op);
        crate::bad_internal_call();
        return -1;
    }
    let keep = (n as usize).min(size_of_var(op) as usize);
    match bytes::new_uninit(n as usize) {
        Ok(b) => {
            std::ptr::copy_nonoverlapping(bytes::data(op), bytes::data(b.as_ptr()), keep);
            decref(op);
            *p = b.into_ptr();
            0
        }
        Err(_) => {
            decref(op);
            *p = null_mut();
            -1
        }
    }
}
