//! `map` (CPython's bltinmodule.c): calls a function on one item of each iterable.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::tupleobject as tuple;
use crate::protocol::args::{no_kwnames, with_tuple_dict, with_vectorcall, Split};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

/// CPython's `mapobject`.
#[repr(C)]
pub struct MapObject {
    pub ob_base: PyObject,
    pub iters: *mut PyObject,
    pub func: *mut PyObject,
}

static mut MAP_METHODS: [PyMethodDef; 2] =
    [method(c"__reduce__", map_reduce as *const (), METH_NOARGS, c"Return state information for pickling."), METHOD_END];

#[no_mangle]
pub static mut PyMap_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"map".as_ptr(),
    tp_basicsize: size_of::<MapObject>() as _,
    tp_dealloc: Some(map_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"map(func, *iterables) --> map object\n\nMake an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.".as_ptr(),
    tp_traverse: Some(map_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(map_next),
    tp_methods: (&raw mut MAP_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(map_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(map_vectorcall),
    ..PyTypeObject::EMPTY
};

unsafe fn bind_map(tp: *mut PyTypeObject, a: Split) -> PyResult<Obj> {
    if tp == &raw mut PyMap_Type {
        no_kwnames("map", a.names)?;
    }
    if a.pos.len() < 2 {
        return Err(raise(exc::type_error(), "map() must have at least two arguments."));
    }
    new_map(tp, a.pos[0], &a.pos[1..])
}

unsafe extern "C" fn map_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_tuple_dict(args, kwds, |a| bind_map(tp, a)))
}

unsafe extern "C" fn map_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_vectorcall(args, nargsf, kwnames, |a| bind_map(tp as *mut PyTypeObject, a)))
}

/// `map(func, *iterables)` of type `tp`.
pub unsafe fn new_map(tp: *mut PyTypeObject, func: *mut PyObject, iterables: &[*mut PyObject]) -> PyResult<Obj> {
    let its: Vec<Obj> = iterables.iter().map(|&o| crate::protocol::iter::get_iter(o)).collect::<PyResult<_>>()?;
    let iters = tuple::from_vec(its)?;
    let op = typeobject::alloc_instance(tp)?;
    let m = op.as_ptr() as *mut MapObject;
    (*m).iters = iters.into_ptr();
    incref(func);
    (*m).func = func;
    Ok(op)
}

unsafe extern "C" fn map_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let m = op as *mut MapObject;
    xdecref((*m).iters);
    xdecref((*m).func);
    typeobject::free_instance(op);
}

unsafe extern "C" fn map_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let m = op as *mut MapObject;
    crate::gc::visit_each(&[(*m).iters, (*m).func], visit, arg)
}

unsafe extern "C" fn map_next(op: *mut PyObject) -> *mut PyObject {
    let m = op as *mut MapObject;
    crate::guard::catch(null_mut(), || {
        let mut items = Vec::new();
        for &it in tuple::items((*m).iters) {
            match crate::protocol::iter::next(it) {
                Ok(Some(v)) => items.push(v),
                Ok(None) | Err(_) => return null_mut(),
            }
        }
        let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
        crate::guard::ret_obj(crate::protocol::call::vectorcall((*m).func, &ptrs, null_mut()))
    })
}

unsafe extern "C" fn map_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let m = op as *mut MapObject;
        let mut parts = vec![(*m).func];
        parts.extend_from_slice(tuple::items((*m).iters));
        let args = tuple::from_slice(&parts)?;
        tuple::pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyMap_Type)
}
