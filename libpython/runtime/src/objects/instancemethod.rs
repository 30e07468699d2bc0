//! `instancemethod` (`Objects/classobject.c`): wraps a callable so that, stored in a class,
//! it binds to instances like a function does (extensions' way of adding methods that are
//! not functions). Binding makes a `method`; unbound access gives the callable itself.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{classobject, typeobject};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyInstanceMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"instancemethod".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyInstanceMethodObject>() as _,
    tp_dealloc: Some(im_dealloc),
    tp_repr: Some(im_repr),
    tp_call: Some(im_call),
    tp_getattro: Some(im_getattro),
    tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"instancemethod(function)\n\nBind a function to a class.".as_ptr(),
    tp_traverse: Some(im_traverse),
    tp_richcompare: Some(im_richcompare),
    tp_members: (&raw mut IM_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut IM_GETSET) as *mut PyGetSetDef,
    tp_descr_get: Some(im_descr_get),
    tp_new: Some(im_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut IM_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__func__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyInstanceMethodObject, func) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: c"the function (or other callable) implementing a method".as_ptr(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut IM_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"__doc__".as_ptr(), get: Some(im_get_doc), set: None, doc: std::ptr::null(), closure: null_mut() },
    typeobject::GETSET_END,
];

pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyInstanceMethod_Type
}

unsafe fn func_of(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut PyInstanceMethodObject)).func
}

/// `PyInstanceMethod_New`.
pub unsafe fn new(func: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PyInstanceMethodObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyInstanceMethod_Type);
    incref(func);
    (*(op as *mut PyInstanceMethodObject)).func = func;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn im_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("instancemethod", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("instancemethod", n, 1, 1)?;
        let func = crate::objects::tupleobject::get_item(args, 0);
        if !crate::protocol::call::callable_check(func) {
            return Err(crate::err::raise(crate::exc::type_error(), "first argument must be callable"));
        }
        new(func)
    })
}

unsafe extern "C" fn im_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref(func_of(op));
    crate::gc::free(op);
}

unsafe extern "C" fn im_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match visit {
        Some(visit) if !func_of(op).is_null() => visit(func_of(op), arg),
        _ => 0,
    }
}

unsafe extern "C" fn im_call(op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::call::call(func_of(op), args, kwargs))
}

/// Bound to an instance it is a method; looked up on the class, the callable itself.
unsafe extern "C" fn im_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if obj.is_null() {
            return Ok(Obj::from_borrowed(func_of(op)));
        }
        classobject::new_method(func_of(op), obj)
    })
}

/// Attributes of the type first (data descriptors and all), then the callable's.
unsafe extern "C" fn im_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if let Some(v) = crate::protocol::object::generic_getattr(op, name, false)? {
            return Ok(v);
        }
        crate::protocol::object::getattr(func_of(op), name)
    })
}

unsafe extern "C" fn im_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::object::getattr_str(func_of(op), "__doc__"))
}

unsafe extern "C" fn im_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
        return crate::objects::noneobject::not_implemented();
    }
    match crate::protocol::object::rich_compare_bool(func_of(a), func_of(b), Py_EQ) {
        Ok(eq) => crate::objects::boolobject::new_bool(eq == (op == Py_EQ)),
        Err(_) => null_mut(),
    }
}

/// `<instancemethod NAME at 0x...>`, NAME the callable's `__name__` ("?" without one).
unsafe extern "C" fn im_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let func = func_of(op);
        let name = match crate::protocol::object::lookup_attr(func, crate::objects::unicodeobject::intern("__name__")?)? {
            Some(n) if crate::objects::unicodeobject::check(n.as_ptr()) => crate::objects::unicodeobject::as_str(n.as_ptr())?.to_owned(),
            _ => "?".to_owned(),
        };
        crate::objects::unicodeobject::from_str(&format!("<instancemethod {name} at {:p}>", op))
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyInstanceMethod_Type)
}
