//! The iterator of the built-in sequences that iterate by position: `bytes_iterator`,
//! `bytearray_iterator`, `str_iterator` and `str_ascii_iterator` (CPython's striterobject,
//! bytearrayiterobject and unicodeiterobject, one layout). Items come from the sequence's
//! own `sq_item` and the length from its `sq_length` (so a bytearray that shrinks ends the
//! iteration), with `__length_hint__`, `__reduce__` and `__setstate__`.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{longobject as long, noneobject, tupleobject as tuple};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

#[repr(C)]
pub struct IndexIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    /// NULL once exhausted.
    pub it_seq: *mut PyObject,
}

/// An iterator type named `name`.
pub const fn iter_type(name: &'static CStr) -> PyTypeObject {
    PyTypeObject {
        ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
        tp_name: name.as_ptr(),
        tp_basicsize: std::mem::size_of::<IndexIterObject>() as _,
        tp_dealloc: Some(iter_dealloc),
        tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
        tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
        tp_traverse: Some(iter_traverse),
        tp_iter: Some(crate::objects::iterobject::self_iter),
        tp_iternext: Some(iter_next),
        tp_methods: (&raw mut ITER_METHODS) as *mut PyMethodDef,
        tp_free: Some(crate::objects::baseobject::object_gc_free),
        ..PyTypeObject::EMPTY
    }
}

/// A new iterator of type `tp` over `seq`, from its start.
pub unsafe fn new_iter(seq: *mut PyObject, tp: *mut PyTypeObject) -> PyResult<Obj> {
    new_iter_sized(seq, tp, std::mem::size_of::<IndexIterObject>())
}

/// `new_iter` for an iterator struct of `size` bytes that starts with an IndexIterObject
/// (its own fields after, zeroed).
pub unsafe fn new_iter_sized(seq: *mut PyObject, tp: *mut PyTypeObject, size: usize) -> PyResult<Obj> {
    let it = crate::gc::alloc(size);
    if it.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(it, tp);
    let ii = it as *mut IndexIterObject;
    incref(seq);
    (*ii).it_seq = seq;
    (*ii).it_index = 0;
    crate::gc::track(it);
    Ok(Obj::from_owned_nonnull(it))
}

/// The sequence's length through its `sq_length`.
unsafe fn seq_len(seq: *mut PyObject) -> Py_ssize_t {
    let sq = (*type_of(seq)).tp_as_sequence;
    match if sq.is_null() { None } else { (*sq).sq_length } {
        Some(f) => f(seq),
        None => 0,
    }
}

/// tp_dealloc and tp_traverse of any iterator that starts with an IndexIterObject.
pub unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut IndexIterObject)).it_seq);
    crate::gc::free(op);
}

pub unsafe extern "C" fn iter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut IndexIterObject)).it_seq;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    let ii = op as *mut IndexIterObject;
    let s = (*ii).it_seq;
    if s.is_null() {
        return null_mut();
    }
    let i = (*ii).it_index;
    if i < seq_len(s) {
        let sq = (*type_of(s)).tp_as_sequence;
        if let Some(item) = (*sq).sq_item {
            (*ii).it_index = i + 1;
            return item(s, i);
        }
    }
    (*ii).it_seq = null_mut();
    decref(s);
    null_mut()
}

unsafe extern "C" fn iter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let ii = op as *mut IndexIterObject;
    let s = (*ii).it_seq;
    let n = if s.is_null() { 0 } else { (seq_len(s) - (*ii).it_index).max(0) };
    long::from_i64(n as i64).into_ptr()
}

/// `(iter, (seq,), index)`, or `(iter, (empty,))` once exhausted: `''` for the str
/// iterators, `()` for the others.
unsafe extern "C" fn iter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ii = op as *mut IndexIterObject;
        let iter = crate::eval_hooks::builtin("iter")?;
        let s = (*ii).it_seq;
        if s.is_null() {
            let is_str = CStr::from_ptr((*type_of(op)).tp_name).to_bytes().starts_with(b"str");
            let empty = if is_str { crate::objects::unicodeobject::empty() } else { tuple::new(0)? };
            return tuple::pack(&[iter.as_ptr(), tuple::pack(&[empty.as_ptr()])?.as_ptr()]);
        }
        let idx = long::from_i64((*ii).it_index as i64);
        tuple::pack(&[iter.as_ptr(), tuple::pack(&[s])?.as_ptr(), idx.as_ptr()])
    })
}

unsafe extern "C" fn iter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ii = op as *mut IndexIterObject;
        let i = crate::protocol::number::as_ssize_t(state)?;
        let s = (*ii).it_seq;
        if !s.is_null() {
            (*ii).it_index = i.clamp(0, seq_len(s));
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

static mut ITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", iter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", iter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__setstate__", iter_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];
