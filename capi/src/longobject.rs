//! longobject.h: int from and to C integers and doubles.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{floatobject, longobject as long, unicodeobject as str_};
use crate::rt::protocol::number as num;
use crate::rt::{err, exc, PyResult};
use std::ffi::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    long::from_i64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    long::from_u64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject {
    long::from_i64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject {
    long::from_u64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    long::from_i64(v as i64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    long::from_u64(v as u64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromDouble(v: c_double) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::long_format::long_from_f64_trunc(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromVoidPtr(p: *mut std::ffi::c_void) -> *mut PyObject {
    long::from_u64(p as usize as u64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromString(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> *mut PyObject {
    catch_obj(|| {
        let text = CStr::from_ptr(s).to_string_lossy().into_owned();
        if base != 0 && !(2..=36).contains(&base) {
            return Err(err::raise(exc::value_error(), "int() arg 2 must be >= 2 and <= 36"));
        }
        if !pend.is_null() {
            *pend = s.add(CStr::from_ptr(s).to_bytes().len()) as *mut c_char;
        }
        let o = str_::from_str(&text)?;
        crate::rt::objects::long_format::from_str_obj(o.as_ptr(), base as u32)
    })
}

/// The int behind `op`: itself, or `__index__` (CPython 3.10+ no longer calls `__int__`).
unsafe fn as_int(op: *mut PyObject) -> PyResult<Obj> {
    if op.is_null() {
        crate::bad_internal_call();
        return Err(err::ErrSet::assume_set());
    }
    if long::check(op) {
        return Ok(Obj::from_borrowed(op));
    }
    num::index(op)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    catch(-1, || as_int(op).and_then(|i| long::as_c_long(i.as_ptr())).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    PyLong_AsLong(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_long {
    *overflow = 0;
    catch(-1, || match as_int(op) {
        Ok(i) => match long::as_i64(i.as_ptr()) {
            Some(v) => v,
            None => {
                *overflow = if long::is_negative(i.as_ptr()) { -1 } else { 1 };
                -1
            }
        },
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_longlong {
    PyLong_AsLongAndOverflow(op, overflow)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return -1;
    }
    catch(-1, || long::as_ssize_t(op).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSize_t(op: *mut PyObject) -> usize {
    as_unsigned(op, "size_t", false) as usize
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(op: *mut PyObject) -> c_ulong {
    as_unsigned(op, "C unsigned long", false)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(op: *mut PyObject) -> c_ulonglong {
    as_unsigned(op, "C unsigned long long", false)
}

unsafe fn as_unsigned(op: *mut PyObject, what: &str, _mask: bool) -> u64 {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return u64::MAX;
    }
    if long::is_negative(op) {
        err::raise(exc::overflow_error(), format!("can't convert negative value to {}", if what == "size_t" { "size_t" } else { "unsigned int" }));
        return u64::MAX;
    }
    match long::as_i128(op).and_then(|v| u64::try_from(v).ok()) {
        Some(v) => v,
        None => {
            err::raise(exc::overflow_error(), format!("Python int too large to convert to {what}"));
            u64::MAX
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    catch(u64::MAX, || match as_int(op) {
        Ok(i) => {
            let ds = long::digits(i.as_ptr());
            let mut acc: u64 = 0;
            for &d in ds.iter().rev() {
                acc = (acc << 30) | d as u64;
            }
            if long::is_negative(i.as_ptr()) {
                acc.wrapping_neg()
            } else {
                acc
            }
        }
        Err(_) => u64::MAX,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    PyLong_AsUnsignedLongMask(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsDouble(op: *mut PyObject) -> c_double {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return -1.0;
    }
    catch(-1.0, || floatobject::long_to_f64(op).unwrap_or(-1.0))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsVoidPtr(op: *mut PyObject) -> *mut std::ffi::c_void {
    let v = PyLong_AsUnsignedLongMask(op);
    if v == u64::MAX && !err::occurred().is_null() {
        return null_mut();
    }
    v as usize as *mut std::ffi::c_void
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Sign(op: *mut PyObject) -> c_int {
    long::sign(op)
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_NumBits(op: *mut PyObject) -> usize {
    long::bit_length(op) as usize
}
