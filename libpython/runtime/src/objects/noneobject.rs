//! `None` and `NotImplemented`: immortal singletons of their own types.

use crate::ffi::*;
use crate::object::*;
use crate::objects::baseobject::object_type;
use std::ffi::c_int;

#[no_mangle]
pub static mut _Py_NoneStruct: PyObject = immortal_head(&raw mut _PyNone_Type);

#[no_mangle]
pub static mut _Py_NotImplementedStruct: PyObject = immortal_head(&raw mut _PyNotImplemented_Type);

static mut NONE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_bool: Some(none_bool), ..PyNumberMethods::EMPTY };

#[no_mangle]
pub static mut _PyNone_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut crate::objects::typeobject::PyType_Type, 0),
    tp_name: c"NoneType".as_ptr(),
    tp_basicsize: 0,
    tp_dealloc: Some(singleton_dealloc),
    tp_repr: Some(none_repr),
    tp_as_number: &raw mut NONE_AS_NUMBER,
    tp_hash: Some(crate::protocol::object::hash_pointer_slot),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_new: Some(none_new),
    ..PyTypeObject::EMPTY
};

#[no_mangle]
pub static mut _PyNotImplemented_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut crate::objects::typeobject::PyType_Type, 0),
    tp_name: c"NotImplementedType".as_ptr(),
    tp_basicsize: 0,
    tp_dealloc: Some(singleton_dealloc),
    tp_repr: Some(notimplemented_repr),
    tp_as_number: &raw mut NOTIMPLEMENTED_AS_NUMBER,
    tp_hash: Some(crate::protocol::object::hash_pointer_slot),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_new: Some(notimplemented_new),
    ..PyTypeObject::EMPTY
};

static mut NOTIMPLEMENTED_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_bool: Some(notimplemented_bool), ..PyNumberMethods::EMPTY };

/// True, with 3.9+'s DeprecationWarning.
unsafe extern "C" fn notimplemented_bool(_: *mut PyObject) -> std::ffi::c_int {
    match crate::report::warn(crate::exc::deprecation_warning(), "NotImplemented should not be used in a boolean context") {
        Ok(()) => 1,
        Err(_) => -1,
    }
}

#[inline(always)]
pub fn none() -> *mut PyObject {
    &raw mut _Py_NoneStruct
}

#[inline(always)]
pub fn not_implemented() -> *mut PyObject {
    &raw mut _Py_NotImplementedStruct
}

/// A new reference to None (immortal, so nothing to count).
#[inline(always)]
pub fn new_none() -> *mut PyObject {
    none()
}

#[inline(always)]
pub fn is_none(op: *mut PyObject) -> bool {
    op == none()
}

/// Immortal singletons are never freed; a stray extra decref from C lands here harmlessly.
pub unsafe extern "C" fn singleton_dealloc(op: *mut PyObject) {
    make_immortal(op);
}

unsafe extern "C" fn none_bool(_: *mut PyObject) -> c_int {
    0
}

unsafe extern "C" fn none_repr(_: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::unicodeobject::intern_obj("None"))
}

unsafe extern "C" fn notimplemented_repr(_: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::unicodeobject::intern_obj("NotImplemented"))
}

unsafe extern "C" fn none_new(_: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    if crate::protocol::args::no_arguments("NoneType", args, kwds).is_err() {
        return std::ptr::null_mut();
    }
    none()
}

unsafe extern "C" fn notimplemented_new(_: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    if crate::protocol::args::no_arguments("NotImplementedType", args, kwds).is_err() {
        return std::ptr::null_mut();
    }
    not_implemented()
}

pub unsafe fn ready_types() -> crate::err::PyResult<()> {
    let _ = object_type();
    crate::objects::typeobject::ready(&raw mut _PyNone_Type)?;
    crate::objects::typeobject::ready(&raw mut _PyNotImplemented_Type)
}
