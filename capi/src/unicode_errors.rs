//! pyerrors.h: building UnicodeDecodeError and reading/writing the fields of the Unicode
//! errors from C (codec error handlers written in C use these).

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::exceptions::PyUnicodeErrorObject;
use crate::rt::objects::{bytesobject as bytes, unicodeobject as str_};
use crate::rt::{err, exc, PyResult};
use std::ffi::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyUnicodeDecodeError_Create(
    encoding: *const c_char,
    object: *const c_char,
    length: Py_ssize_t,
    start: Py_ssize_t,
    end: Py_ssize_t,
    reason: *const c_char,
) -> *mut PyObject {
    catch_obj(|| {
        let enc = str_::from_cstr(encoding)?;
        let obj = bytes::from_slice(std::slice::from_raw_parts(object as *const u8, length.max(0) as usize))?;
        let (s, e) = (crate::rt::objects::longobject::from_i64(start as i64), crate::rt::objects::longobject::from_i64(end as i64));
        let rsn = str_::from_cstr(reason)?;
        let args = crate::rt::objects::tupleobject::pack(&[enc.as_ptr(), obj.as_ptr(), s.as_ptr(), e.as_ptr(), rsn.as_ptr()])?;
        crate::rt::protocol::call::call(exc::unicode_decode_error(), args.as_ptr(), std::ptr::null_mut())
    })
}

unsafe fn fields<'a>(e: *mut PyObject) -> &'a mut PyUnicodeErrorObject {
    // Safety: as in CPython, the caller passes a UnicodeError instance (no check is made).
    &mut *(e as *mut PyUnicodeErrorObject)
}

// CPython's setters write the field unchecked and always succeed.
macro_rules! index_setters {
    ($field:ident: $($name:ident),*) => {$(
        #[no_mangle]
        pub unsafe extern "C" fn $name(e: *mut PyObject, v: Py_ssize_t) -> c_int {
            fields(e).$field = v;
            0
        }
    )*};
}
index_setters!(start: PyUnicodeDecodeError_SetStart, PyUnicodeEncodeError_SetStart, PyUnicodeTranslateError_SetStart);
index_setters!(end: PyUnicodeDecodeError_SetEnd, PyUnicodeEncodeError_SetEnd, PyUnicodeTranslateError_SetEnd);

macro_rules! reason_setters {
    ($($name:ident),*) => {$(
        #[no_mangle]
        pub unsafe extern "C" fn $name(e: *mut PyObject, reason: *const c_char) -> c_int {
            catch_int(|| {
                let r = str_::from_cstr(reason)?;
                let old = std::mem::replace(&mut fields(e).reason, r.into_ptr());
                if !old.is_null() {
                    decref(old);
                }
                Ok(())
            })
        }
    )*};
}
reason_setters!(PyUnicodeDecodeError_SetReason, PyUnicodeEncodeError_SetReason, PyUnicodeTranslateError_SetReason);

/// A field that must hold a str (`bytes` false) or bytes, as a new reference (CPython's
/// get_unicode/get_string).
unsafe fn attr(v: *mut PyObject, name: &str, want_bytes: bool) -> PyResult<Obj> {
    if v.is_null() {
        return Err(err::raise(exc::type_error(), format!("{name} attribute not set")));
    }
    if want_bytes && !bytes::check(v) {
        return Err(err::raise(exc::type_error(), format!("{name} attribute must be bytes")));
    }
    if !want_bytes && !str_::check(v) {
        return Err(err::raise(exc::type_error(), format!("{name} attribute must be unicode")));
    }
    Ok(Obj::from_borrowed(v))
}

unsafe fn object_len(e: *mut PyObject, decode: bool) -> PyResult<Py_ssize_t> {
    let o = attr(fields(e).object, "object", decode)?;
    Ok(if decode { bytes::as_slice(o.as_ptr()).len() as Py_ssize_t } else { str_::len(o.as_ptr()) })
}

/// `start` clipped into the object, as CPython's getters report it.
unsafe fn get_start(e: *mut PyObject, out: *mut Py_ssize_t, decode: bool) -> c_int {
    catch_int(|| {
        let size = object_len(e, decode)?;
        let s = fields(e).start.max(0);
        *out = if s >= size { (size - 1).max(0) } else { s };
        Ok(())
    })
}

unsafe fn get_end(e: *mut PyObject, out: *mut Py_ssize_t, decode: bool) -> c_int {
    catch_int(|| {
        let size = object_len(e, decode)?;
        *out = fields(e).end.max(1).min(size);
        Ok(())
    })
}

// The getters, per class: `object` is bytes for UnicodeDecodeError, str for UnicodeEncodeError.
macro_rules! getters {
    ($decode:expr, $start:ident, $end:ident, $object:ident, $encoding:ident, $reason:ident) => {
        #[no_mangle]
        pub unsafe extern "C" fn $start(e: *mut PyObject, start: *mut Py_ssize_t) -> c_int {
            get_start(e, start, $decode)
        }
        #[no_mangle]
        pub unsafe extern "C" fn $end(e: *mut PyObject, end: *mut Py_ssize_t) -> c_int {
            get_end(e, end, $decode)
        }
        #[no_mangle]
        pub unsafe extern "C" fn $object(e: *mut PyObject) -> *mut PyObject {
            catch_obj(|| attr(fields(e).object, "object", $decode))
        }
        #[no_mangle]
        pub unsafe extern "C" fn $encoding(e: *mut PyObject) -> *mut PyObject {
            catch_obj(|| attr(fields(e).encoding, "encoding", false))
        }
        #[no_mangle]
        pub unsafe extern "C" fn $reason(e: *mut PyObject) -> *mut PyObject {
            catch_obj(|| attr(fields(e).reason, "reason", false))
        }
    };
}
getters!(
    true,
    PyUnicodeDecodeError_GetStart,
    PyUnicodeDecodeError_GetEnd,
    PyUnicodeDecodeError_GetObject,
    PyUnicodeDecodeError_GetEncoding,
    PyUnicodeDecodeError_GetReason
);
getters!(
    false,
    PyUnicodeEncodeError_GetStart,
    PyUnicodeEncodeError_GetEnd,
    PyUnicodeEncodeError_GetObject,
    PyUnicodeEncodeError_GetEncoding,
    PyUnicodeEncodeError_GetReason
);
