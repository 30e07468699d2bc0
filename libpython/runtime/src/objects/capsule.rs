//! `PyCapsule`: an opaque C pointer with a name, passed between extension modules
//! (`datetime.datetime_CAPI`). Layout is private in CPython; behaviour is the C API's.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::unicodeobject as str_;
use std::ffi::{c_char, c_void, CStr};

pub type PyCapsule_Destructor = Option<unsafe extern "C" fn(*mut PyObject)>;

#[repr(C)]
pub struct PyCapsule {
    pub ob_base: PyObject,
    pub pointer: *mut c_void,
    pub name: *const c_char,
    pub context: *mut c_void,
    pub destructor: PyCapsule_Destructor,
}

#[no_mangle]
pub static mut PyCapsule_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"PyCapsule".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyCapsule>() as _,
    tp_dealloc: Some(capsule_dealloc),
    tp_repr: Some(capsule_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_doc: c"Capsule objects let you wrap a C \"void *\" pointer in a Python\nobject.  They're a way of passing data through the Python interpreter\nwithout creating your own custom type.\n\nCapsules are used for communication between extension modules.\nThey provide a way for an extension module to export a C interface\nto other extension modules, so that extension modules can use the\nPython import mechanism to link to one another.\n".as_ptr(),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyCapsule_Type
}

pub unsafe fn new(pointer: *mut c_void, name: *const c_char, destructor: PyCapsule_Destructor) -> PyResult<Obj> {
    if pointer.is_null() {
        return Err(raise(exc::value_error(), "PyCapsule_New called with null pointer"));
    }
    let op = crate::mem::malloc(std::mem::size_of::<PyCapsule>()) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyCapsule_Type);
    let c = op as *mut PyCapsule;
    (*c).pointer = pointer;
    (*c).name = name;
    (*c).context = std::ptr::null_mut();
    (*c).destructor = destructor;
    Ok(Obj::from_owned_nonnull(op))
}

/// Names match when both are NULL or both equal C strings.
pub unsafe fn names_match(a: *const c_char, b: *const c_char) -> bool {
    match (a.is_null(), b.is_null()) {
        (true, true) => true,
        (false, false) => CStr::from_ptr(a) == CStr::from_ptr(b),
        _ => false,
    }
}

/// The capsule behind `op` if it is a valid one, with CPython's error otherwise.
pub unsafe fn legal(op: *mut PyObject, invalid_msg: &str) -> PyResult<*mut PyCapsule> {
    if op.is_null() || !check(op) || (*(op as *mut PyCapsule)).pointer.is_null() {
        return Err(raise(exc::value_error(), invalid_msg));
    }
    Ok(op as *mut PyCapsule)
}

unsafe extern "C" fn capsule_dealloc(op: *mut PyObject) {
    let c = op as *mut PyCapsule;
    if let Some(d) = (*c).destructor {
        d(op);
    }
    crate::mem::free(op as *mut c_void);
}

unsafe extern "C" fn capsule_repr(op: *mut PyObject) -> *mut PyObject {
    let c = op as *mut PyCapsule;
    let s = if (*c).name.is_null() {
        format!("<capsule object NULL at {op:p}>")
    } else {
        format!("<capsule object \"{}\" at {op:p}>", CStr::from_ptr((*c).name).to_string_lossy())
    };
    crate::guard::ret_obj(str_::from_str(&s))
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyCapsule_Type)
}
