//! The iterators `co_lines()` and `co_positions()` return, `line_iterator` and
//! `positions_iterator`: the rows are computed up front (`codeobject::lines`/`positions`)
//! and handed out through an inner list iterator; only the type differs, as CPython shows.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use std::ffi::{c_int, c_void};

#[repr(C)]
struct RowsIterObject {
    ob_base: PyObject,
    inner: *mut PyObject,
}

macro_rules! rows_iter_type {
    ($name:ident, $tp_name:expr) => {
        static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tp_name.as_ptr(),
            tp_basicsize: std::mem::size_of::<RowsIterObject>() as _,
            tp_dealloc: Some(rows_dealloc),
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(rows_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some(rows_next),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

rows_iter_type!(LINE_ITERATOR_TYPE, c"line_iterator");
rows_iter_type!(POSITIONS_ITERATOR_TYPE, c"positions_iterator");

/// Wraps `inner` (an iterator over the rows) as a `line_iterator` or `positions_iterator`.
pub unsafe fn wrap(inner: Obj, positions: bool) -> PyResult<Obj> {
    let it = crate::gc::alloc(std::mem::size_of::<RowsIterObject>());
    if it.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    let tp = if positions { &raw mut POSITIONS_ITERATOR_TYPE } else { &raw mut LINE_ITERATOR_TYPE };
    typeobject::init_object(it, tp);
    (*(it as *mut RowsIterObject)).inner = inner.into_ptr();
    crate::gc::track(it);
    Ok(Obj::from_owned_nonnull(it))
}

unsafe extern "C" fn rows_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut RowsIterObject)).inner);
    crate::gc::free(op);
}

unsafe extern "C" fn rows_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let inner = (*(op as *mut RowsIterObject)).inner;
    match visit {
        Some(v) if !inner.is_null() => v(inner, arg),
        _ => 0,
    }
}

unsafe extern "C" fn rows_next(op: *mut PyObject) -> *mut PyObject {
    let inner = (*(op as *mut RowsIterObject)).inner;
    match (*type_of(inner)).tp_iternext {
        Some(next) => next(inner),
        None => std::ptr::null_mut(),
    }
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut LINE_ITERATOR_TYPE)?;
    typeobject::ready(&raw mut POSITIONS_ITERATOR_TYPE)
}
