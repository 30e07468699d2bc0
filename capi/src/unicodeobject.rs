//! unicodeobject.h: the part the core types need; the str methods come with the str work.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::unicodeobject as str_;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    catch_obj(|| str_::from_cstr(s))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    if n < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyUnicode_FromStringAndSize");
        return null_mut();
    }
    if s.is_null() {
        if n == 0 {
            return str_::empty().into_ptr();
        }
        err::raise(exc::system_error(), "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
        return null_mut();
    }
    catch_obj(|| str_::from_utf8(std::slice::from_raw_parts(s as *const u8, n as usize)))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(s: *const c_char, n: Py_ssize_t, errors: *const c_char) -> *mut PyObject {
    if !errors.is_null() && CStr::from_ptr(errors).to_bytes() != b"strict" {
        err::raise(exc::not_implemented_error(), "Ferric: UTF-8 error handlers other than 'strict' are not implemented yet");
        return null_mut();
    }
    PyUnicode_FromStringAndSize(s, n)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_New(size: Py_ssize_t, maxchar: u32) -> *mut PyObject {
    if size < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyUnicode_New");
        return null_mut();
    }
    if size == 0 {
        return str_::empty().into_ptr();
    }
    catch_obj(|| str_::new_raw(size as usize, maxchar))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromOrdinal(c: c_int) -> *mut PyObject {
    if !(0..=0x10ffff).contains(&c) {
        err::raise(exc::value_error(), "chr() arg not in range(0x110000)");
        return null_mut();
    }
    catch_obj(|| str_::from_code_points(&[c as u32]))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromKindAndData(kind: c_int, buf: *const std::ffi::c_void, size: Py_ssize_t) -> *mut PyObject {
    if size < 0 {
        err::raise(exc::value_error(), "size must be positive");
        return null_mut();
    }
    let n = size as usize;
    let cps: Vec<u32> = match kind {
        1 => std::slice::from_raw_parts(buf as *const u8, n).iter().map(|&c| c as u32).collect(),
        2 => std::slice::from_raw_parts(buf as *const u16, n).iter().map(|&c| c as u32).collect(),
        4 => std::slice::from_raw_parts(buf as *const u32, n).to_vec(),
        _ => {
            err::raise(exc::system_error(), "invalid kind");
            return null_mut();
        }
    };
    if cps.iter().any(|&c| c > 0x10ffff) {
        err::raise(exc::value_error(), "character U+110000 is not in range [U+0000; U+10ffff]");
        return null_mut();
    }
    catch_obj(|| str_::from_code_points(&cps))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return std::ptr::null();
    }
    catch(std::ptr::null(), || match str_::as_str(op) {
        Ok(s) => {
            if !size.is_null() {
                *size = s.len() as Py_ssize_t;
            }
            s.as_ptr() as *const c_char
        }
        Err(_) => std::ptr::null(),
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    PyUnicode_AsUTF8AndSize(op, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8String(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if !str_::check(op) {
            return Err(err::raise(exc::type_error(), "bad argument type for built-in operation"));
        }
        crate::rt::objects::bytesobject::from_slice(str_::as_str(op)?.as_bytes())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return -1;
    }
    str_::len(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_ReadChar(op: *mut PyObject, i: Py_ssize_t) -> u32 {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return u32::MAX;
    }
    if i < 0 || i >= str_::len(op) {
        err::raise(exc::index_error(), "string index out of range");
        return u32::MAX;
    }
    str_::read_char(op, i as usize)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternInPlace(p: *mut *mut PyObject) {
    str_::intern_in_place(p)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternFromString(s: *const c_char) -> *mut PyObject {
    let mut p = PyUnicode_FromString(s);
    if !p.is_null() {
        str_::intern_in_place(&mut p);
    }
    p
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if !str_::check(a) {
            return Err(err::raise(
                exc::type_error(),
                format!("must be str, not {}", crate::rt::objects::typeobject::short_name(type_of(a))),
            ));
        }
        str_::concat(a, b)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Compare(a: *mut PyObject, b: *mut PyObject) -> c_int {
    if str_::check(a) && str_::check(b) {
        return str_::compare(a, b) as c_int;
    }
    err::raise(
        exc::type_error(),
        format!(
            "Can't compare {} and {}",
            crate::rt::objects::typeobject::short_name(type_of(a)),
            crate::rt::objects::typeobject::short_name(type_of(b))
        ),
    );
    -1
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CompareWithASCIIString(a: *mut PyObject, s: *const c_char) -> c_int {
    let b = CStr::from_ptr(s).to_bytes();
    let cps = str_::code_points(a);
    cps.cmp(b.iter().map(|&c| c as u32)) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_EqualToASCIIString(a: *mut PyObject, s: *const c_char) -> c_int {
    (PyUnicode_CompareWithASCIIString(a, s) == 0) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Contains(hay: *mut PyObject, needle: *mut PyObject) -> c_int {
    crate::abstract_::PySequence_Contains(hay, needle)
}
