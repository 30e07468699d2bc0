//! pystrhex.h: hexadecimal text of raw bytes, as str or bytes.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::Obj;
use crate::rt::objects::bytes_methods::{hex_digits, hex_sep};
use std::ffi::{c_char, c_int};

unsafe fn strhex(p: *const c_char, n: Py_ssize_t, sep: *mut PyObject, per: c_int, as_bytes: bool) -> *mut PyObject {
    catch_obj(|| {
        let data = if p.is_null() || n <= 0 { &[][..] } else { std::slice::from_raw_parts(p as *const u8, n as usize) };
        let out = hex_digits(data, hex_sep(sep)?, per as isize)?;
        if as_bytes {
            return crate::rt::objects::bytesobject::from_slice(&out);
        }
        // Only ASCII digits and an ASCII separator were written.
        let r: crate::rt::err::PyResult<Obj> = crate::rt::objects::unicodeobject::from_str(std::str::from_utf8(&out).unwrap_or(""));
        r
    })
}

#[no_mangle]
pub unsafe extern "C" fn _Py_strhex(p: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    strhex(p, n, std::ptr::null_mut(), 0, false)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_strhex_bytes(p: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    strhex(p, n, std::ptr::null_mut(), 0, true)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_strhex_with_sep(p: *const c_char, n: Py_ssize_t, sep: *mut PyObject, per: c_int) -> *mut PyObject {
    strhex(p, n, sep, per, false)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_strhex_bytes_with_sep(p: *const c_char, n: Py_ssize_t, sep: *mut PyObject, per: c_int) -> *mut PyObject {
    strhex(p, n, sep, per, true)
}
