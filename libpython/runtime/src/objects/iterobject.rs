//! `iterator` (over anything with `__getitem__`) and `callable_iterator` (`iter(f, sentinel)`).

use crate::err::{self, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct SeqIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    pub it_seq: *mut PyObject,
}

#[no_mangle]
pub static mut PySeqIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<SeqIterObject>() as _,
    tp_dealloc: Some(seqiter_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(seqiter_traverse),
    tp_iter: Some(self_iter),
    tp_iternext: Some(seqiter_next),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// `tp_iter` of every iterator: returns itself.
pub unsafe extern "C" fn self_iter(op: *mut PyObject) -> *mut PyObject {
    incref(op);
    op
}

pub unsafe fn new_seq_iter(seq: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<SeqIterObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PySeqIter_Type);
    let it = op as *mut SeqIterObject;
    (*it).it_index = 0;
    incref(seq);
    (*it).it_seq = seq;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn seqiter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut SeqIterObject)).it_seq);
    crate::gc::free(op);
}

unsafe extern "C" fn seqiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut SeqIterObject)).it_seq;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe extern "C" fn seqiter_next(op: *mut PyObject) -> *mut PyObject {
    let it = op as *mut SeqIterObject;
    let seq = (*it).it_seq;
    if seq.is_null() {
        return null_mut();
    }
    let r = match crate::protocol::sequence::get_item(seq, (*it).it_index) {
        Ok(v) => v.into_ptr(),
        Err(_) => {
            if err::exception_matches(exc::index_error()) || err::exception_matches(exc::stop_iteration()) {
                err::clear();
                (*it).it_seq = null_mut();
                decref(seq);
            }
            return null_mut();
        }
    };
    (*it).it_index += 1;
    r
}

#[repr(C)]
pub struct CallIterObject {
    pub ob_base: PyObject,
    pub it_callable: *mut PyObject,
    pub it_sentinel: *mut PyObject,
}

#[no_mangle]
pub static mut PyCallIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"callable_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<CallIterObject>() as _,
    tp_dealloc: Some(calliter_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(calliter_traverse),
    tp_iter: Some(self_iter),
    tp_iternext: Some(calliter_next),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// `iter(callable, sentinel)` (PyCallIter_New).
pub unsafe fn new_call_iter(callable: *mut PyObject, sentinel: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<CallIterObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyCallIter_Type);
    let it = op as *mut CallIterObject;
    incref(callable);
    (*it).it_callable = callable;
    incref(sentinel);
    (*it).it_sentinel = sentinel;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn calliter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let it = op as *mut CallIterObject;
    xdecref((*it).it_callable);
    xdecref((*it).it_sentinel);
    crate::gc::free(op);
}

unsafe extern "C" fn calliter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let it = op as *mut CallIterObject;
    let Some(v) = visit else { return 0 };
    for p in [(*it).it_callable, (*it).it_sentinel] {
        if !p.is_null() && v(p, arg) != 0 {
            return 1;
        }
    }
    0
}

/// Calls the callable until it returns the sentinel; both are dropped then.
unsafe extern "C" fn calliter_next(op: *mut PyObject) -> *mut PyObject {
    let it = op as *mut CallIterObject;
    if (*it).it_callable.is_null() {
        return null_mut();
    }
    let r = match crate::protocol::call::vectorcall((*it).it_callable, &[], null_mut()) {
        Ok(v) => v,
        Err(_) => {
            if err::exception_matches(exc::stop_iteration()) {
                err::clear();
                xsetref(&raw mut (*it).it_callable, null_mut());
                xsetref(&raw mut (*it).it_sentinel, null_mut());
            }
            return null_mut();
        }
    };
    match crate::protocol::object::rich_compare_bool(r.as_ptr(), (*it).it_sentinel, Py_EQ) {
        Ok(true) => {
            xsetref(&raw mut (*it).it_callable, null_mut());
            xsetref(&raw mut (*it).it_sentinel, null_mut());
            null_mut()
        }
        Ok(false) => r.into_ptr(),
        Err(_) => null_mut(),
    }
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PySeqIter_Type)?;
    typeobject::ready(&raw mut PyCallIter_Type)
}
