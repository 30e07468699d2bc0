//! `iter(str)`: `str_ascii_iterator` for ASCII strings and `str_iterator` for the others
//! (CPython's unicodeiterobject, one layout for both), with `__length_hint__`,
//! `__reduce__` and `__setstate__`.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{longobject as long, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
struct UnicodeIterObject {
    ob_base: PyObject,
    it_index: Py_ssize_t,
    /// NULL once exhausted.
    it_seq: *mut PyObject,
}

static mut UNICODEITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", iter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", iter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__setstate__", iter_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];

macro_rules! unicode_iter_type {
    ($name:ident, $tp_name:expr) => {
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tp_name.as_ptr(),
            tp_basicsize: std::mem::size_of::<UnicodeIterObject>() as _,
            tp_dealloc: Some(iter_dealloc),
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(iter_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some(iter_next),
            tp_methods: (&raw mut UNICODEITER_METHODS) as *mut PyMethodDef,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

unicode_iter_type!(PyUnicodeIter_Type, c"str_iterator");
unicode_iter_type!(_PyUnicodeASCIIIter_Type, c"str_ascii_iterator");

/// `tp_iter` of str.
pub unsafe extern "C" fn unicode_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let it = crate::gc::alloc(std::mem::size_of::<UnicodeIterObject>());
        if it.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        let tp = if str_::is_ascii(op) { &raw mut _PyUnicodeASCIIIter_Type } else { &raw mut PyUnicodeIter_Type };
        typeobject::init_object(it, tp);
        let ui = it as *mut UnicodeIterObject;
        incref(op);
        (*ui).it_seq = op;
        (*ui).it_index = 0;
        crate::gc::track(it);
        Ok(Obj::from_owned_nonnull(it))
    })
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut UnicodeIterObject)).it_seq);
    crate::gc::free(op);
}

unsafe extern "C" fn iter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut UnicodeIterObject)).it_seq;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    let ui = op as *mut UnicodeIterObject;
    let s = (*ui).it_seq;
    if s.is_null() {
        return null_mut();
    }
    let i = (*ui).it_index;
    if i < str_::len(s) {
        (*ui).it_index = i + 1;
        return crate::guard::ret_obj(str_::from_code_points(&[str_::read_char(s, i as usize)]));
    }
    (*ui).it_seq = null_mut();
    decref(s);
    null_mut()
}

unsafe extern "C" fn iter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let ui = op as *mut UnicodeIterObject;
    let n = if (*ui).it_seq.is_null() { 0 } else { str_::len((*ui).it_seq) - (*ui).it_index };
    long::from_i64(n as i64).into_ptr()
}

/// `(iter, (str,), index)`, or `(iter, ('',))` once exhausted.
unsafe extern "C" fn iter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ui = op as *mut UnicodeIterObject;
        let iter = crate::eval_hooks::builtin("iter")?;
        if (*ui).it_seq.is_null() {
            let empty = str_::from_str("")?;
            return tuple::pack(&[iter.as_ptr(), tuple::pack(&[empty.as_ptr()])?.as_ptr()]);
        }
        let idx = long::from_i64((*ui).it_index as i64);
        tuple::pack(&[iter.as_ptr(), tuple::pack(&[(*ui).it_seq])?.as_ptr(), idx.as_ptr()])
    })
}

unsafe extern "C" fn iter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ui = op as *mut UnicodeIterObject;
        let i = crate::protocol::number::as_ssize_t(state)?;
        if !(*ui).it_seq.is_null() {
            (*ui).it_index = i.clamp(0, str_::len((*ui).it_seq));
        }
        Ok(Obj::from_borrowed(crate::objects::noneobject::none()))
    })
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PyUnicodeIter_Type)?;
    typeobject::ready(&raw mut _PyUnicodeASCIIIter_Type)
}
