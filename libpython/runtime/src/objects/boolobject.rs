//! `bool`: a subclass of int with exactly two immortal instances.

use crate::ffi::*;
use crate::object::*;
use crate::objects::longobject::PyLong_Type;
use crate::objects::typeobject::PyType_Type;


#[no_mangle]
pub static mut _Py_FalseStruct: PyLongObject =
    PyLongObject { ob_base: immortal_var_head(&raw mut PyBool_Type, 0), ob_digit: [0] };

#[no_mangle]
pub static mut _Py_TrueStruct: PyLongObject =
    PyLongObject { ob_base: immortal_var_head(&raw mut PyBool_Type, 1), ob_digit: [1] };

static mut BOOL_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_and: Some(bool_and),
    nb_xor: Some(bool_xor),
    nb_or: Some(bool_or),
    ..PyNumberMethods::EMPTY
};

#[no_mangle]
pub static mut PyBool_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut PyType_Type, 0),
    tp_name: c"bool".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyLongObject>() as _,
    tp_itemsize: std::mem::size_of::<digit>() as _,
    tp_dealloc: Some(crate::objects::noneobject::singleton_dealloc),
    tp_repr: Some(bool_repr),
    tp_as_number: &raw mut BOOL_AS_NUMBER,
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_doc: c"bool(x) -> bool\n\nReturns True when the argument x is true, False otherwise.\nThe builtins True and False are the only two instances of the class bool.\nThe class bool is a subclass of the class int, and cannot be subclassed.".as_ptr(),
    tp_base: &raw mut PyLong_Type,
    tp_new: Some(bool_new),
    ..PyTypeObject::EMPTY
};

#[inline(always)]
pub fn true_() -> *mut PyObject {
    (&raw mut _Py_TrueStruct) as *mut PyObject
}

#[inline(always)]
pub fn false_() -> *mut PyObject {
    (&raw mut _Py_FalseStruct) as *mut PyObject
}

/// A new reference to True or False (immortal).
#[inline(always)]
pub fn new_bool(v: bool) -> *mut PyObject {
    if v {
        true_()
    } else {
        false_()
    }
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyBool_Type
}

unsafe extern "C" fn bool_repr(op: *mut PyObject) -> *mut PyObject {
    let s = if op == true_() { "True" } else { "False" };
    crate::guard::ret_obj(crate::objects::unicodeobject::intern_obj(s))
}

unsafe extern "C" fn bool_new(_: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("bool", kwds)?;
        let n = size_of_var(args);
        if n > 1 {
            return Err(crate::err::raise(crate::exc::type_error(), format!("bool expected at most 1 argument, got {n}")));
        }
        if n == 0 {
            return Ok(Obj::from_borrowed(false_()));
        }
        let v = crate::protocol::object::is_true(crate::objects::tupleobject::get_item(args, 0))?;
        Ok(Obj::from_borrowed(new_bool(v)))
    })
}

unsafe fn bool_binop(a: *mut PyObject, b: *mut PyObject, f: fn(bool, bool) -> bool, long_slot: fn() -> binaryfunc) -> *mut PyObject {
    if check(a) && check(b) {
        return new_bool(f(a == true_(), b == true_()));
    }
    match long_slot() {
        Some(g) => g(a, b),
        None => crate::objects::noneobject::not_implemented(),
    }
}

unsafe extern "C" fn bool_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    bool_binop(a, b, |x, y| x & y, || unsafe { crate::objects::long_arith::LONG_AS_NUMBER.nb_and })
}

unsafe extern "C" fn bool_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    bool_binop(a, b, |x, y| x | y, || unsafe { crate::objects::long_arith::LONG_AS_NUMBER.nb_or })
}

unsafe extern "C" fn bool_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    bool_binop(a, b, |x, y| x ^ y, || unsafe { crate::objects::long_arith::LONG_AS_NUMBER.nb_xor })
}

pub unsafe fn ready_type() -> crate::err::PyResult<()> {
    crate::objects::typeobject::ready(&raw mut PyBool_Type)
}

