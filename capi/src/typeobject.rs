//! object.h (types): PyType_Ready and friends.

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};

use crate::rt::objects::typeobject as types;
use std::ffi::{c_int, c_ulong};

#[no_mangle]
pub unsafe extern "C" fn PyType_Ready(tp: *mut PyTypeObject) -> c_int {
    catch_int(|| types::ready(tp))
}
#[no_mangle]
pub unsafe extern "C" fn PyType_IsSubtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> c_int {
    types::is_subtype(a, b) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetFlags(tp: *mut PyTypeObject) -> c_ulong {
    (*tp).tp_flags
}
#[no_mangle]
pub unsafe extern "C" fn PyType_Modified(tp: *mut PyTypeObject) {
    types::modified(tp)
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericNew(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(types::PyType_GenericAlloc);
    alloc(tp, 0)
}
#[no_mangle]
pub unsafe extern "C" fn _PyType_Lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    if (*tp).tp_mro.is_null() && types::ready(tp).is_err() {
        crate::rt::err::clear();
        return std::ptr::null_mut();
    }
    types::lookup(tp, name)
}
#[no_mangle]
pub unsafe extern "C" fn _PyType_Name(tp: *mut PyTypeObject) -> *const std::ffi::c_char {
    let full = (*tp).tp_name;
    let bytes = std::ffi::CStr::from_ptr(full).to_bytes();
    match bytes.iter().rposition(|&c| c == b'.') {
        Some(i) => full.add(i + 1),
        None => full,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetName(tp: *mut PyTypeObject) -> *mut PyObject {
    catch_obj(|| crate::rt::protocol::object::getattr_str(tp as *mut PyObject, "__name__"))
}
#[no_mangle]
pub unsafe extern "C" fn PyType_GetQualName(tp: *mut PyTypeObject) -> *mut PyObject {
    catch_obj(|| crate::rt::protocol::object::getattr_str(tp as *mut PyObject, "__qualname__"))
}
#[no_mangle]
pub unsafe extern "C" fn PyType_ClearCache() -> std::ffi::c_uint {
    0
}
