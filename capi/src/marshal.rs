//! marshal.h: the C side of `marshal` (format version 4 unless asked otherwise).

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromString(data: *const c_char, len: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        if len < 0 || (data.is_null() && len > 0) {
            return Err(err::raise(exc::system_error(), "bad argument to PyMarshal_ReadObjectFromString"));
        }
        let bytes = if len == 0 { &[][..] } else { std::slice::from_raw_parts(data as *const u8, len as usize) };
        crate::rt::marshal::loads(bytes)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToString(obj: *mut PyObject, version: c_int) -> *mut PyObject {
    catch_obj(|| crate::rt::marshal::dumps(obj, version))
}
