//! `filter` (CPython's bltinmodule.c): the items for which a predicate (or truth) holds.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{boolobject, noneobject, tupleobject as tuple};
use crate::protocol::args::{check_positional, no_kwnames, with_tuple_dict, with_vectorcall, Split};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

/// CPython's `filterobject`.
#[repr(C)]
pub struct FilterObject {
    pub ob_base: PyObject,
    pub func: *mut PyObject,
    pub it: *mut PyObject,
}

static mut FILTER_METHODS: [PyMethodDef; 2] =
    [method(c"__reduce__", filter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."), METHOD_END];

#[no_mangle]
pub static mut PyFilter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"filter".as_ptr(),
    tp_basicsize: size_of::<FilterObject>() as _,
    tp_dealloc: Some(filter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"filter(function or None, iterable) --> filter object\n\nReturn an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.".as_ptr(),
    tp_traverse: Some(filter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(filter_next),
    tp_methods: (&raw mut FILTER_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(filter_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(filter_vectorcall),
    ..PyTypeObject::EMPTY
};

unsafe fn bind_filter(tp: *mut PyTypeObject, a: Split) -> PyResult<Obj> {
    // Subclasses with their own __init__ may take keywords (compared by address).
    let init = |t: *mut PyTypeObject| (*t).tp_init.map(|f| f as usize);
    if tp == &raw mut PyFilter_Type || init(tp) == init(&raw mut PyFilter_Type) {
        no_kwnames("filter", a.names)?;
    }
    check_positional("filter", a.pos.len(), 2, 2)?;
    new_filter(tp, a.pos[0], a.pos[1])
}

unsafe extern "C" fn filter_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_tuple_dict(args, kwds, |a| bind_filter(tp, a)))
}

unsafe extern "C" fn filter_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_vectorcall(args, nargsf, kwnames, |a| bind_filter(tp as *mut PyTypeObject, a)))
}

/// `filter(func, iterable)` of type `tp`.
pub unsafe fn new_filter(tp: *mut PyTypeObject, func: *mut PyObject, iterable: *mut PyObject) -> PyResult<Obj> {
    let it = crate::protocol::iter::get_iter(iterable)?;
    let op = typeobject::alloc_instance(tp)?;
    let f = op.as_ptr() as *mut FilterObject;
    incref(func);
    (*f).func = func;
    (*f).it = it.into_ptr();
    Ok(op)
}

unsafe extern "C" fn filter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let f = op as *mut FilterObject;
    xdecref((*f).func);
    xdecref((*f).it);
    typeobject::free_instance(op);
}

unsafe extern "C" fn filter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let f = op as *mut FilterObject;
    crate::gc::visit_each(&[(*f).it, (*f).func], visit, arg)
}

unsafe extern "C" fn filter_next(op: *mut PyObject) -> *mut PyObject {
    let f = op as *mut FilterObject;
    crate::guard::catch(null_mut(), || {
        // None and bool mean "the item's own truth", without calling anything.
        let plain = noneobject::is_none((*f).func) || (*f).func == (&raw mut boolobject::PyBool_Type) as *mut PyObject;
        loop {
            let item = match crate::protocol::iter::next((*f).it) {
                Ok(Some(v)) => v,
                Ok(None) | Err(_) => return null_mut(),
            };
            let ok = if plain {
                proto::is_true(item.as_ptr())
            } else {
                crate::protocol::call::vectorcall((*f).func, &[item.as_ptr()], null_mut()).and_then(|r| proto::is_true(r.as_ptr()))
            };
            match ok {
                Ok(true) => return item.into_ptr(),
                Ok(false) => {}
                Err(_) => return null_mut(),
            }
        }
    })
}

unsafe extern "C" fn filter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = op as *mut FilterObject;
        let args = tuple::pack(&[(*f).func, (*f).it])?;
        tuple::pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyFilter_Type)
}
