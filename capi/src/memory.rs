//! `PyMem_*`, `PyObject_Malloc` and friends (pymem.h, objimpl.h), and object allocation.

use crate::rt::ffi::*;
use crate::rt::{gc, mem, object::*, objects::typeobject};
use std::ffi::c_void;

#[no_mangle]
pub unsafe extern "C" fn PyMem_Malloc(n: usize) -> *mut c_void {
    if n > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    mem::malloc(n)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Calloc(n: usize, size: usize) -> *mut c_void {
    mem::calloc(n, size)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    mem::realloc(p, n)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_Free(p: *mut c_void) {
    if !p.is_null() {
        mem::free(p)
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawMalloc(n: usize) -> *mut c_void {
    PyMem_Malloc(n)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawCalloc(n: usize, size: usize) -> *mut c_void {
    PyMem_Calloc(n, size)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawRealloc(p: *mut c_void, n: usize) -> *mut c_void {
    PyMem_Realloc(p, n)
}
#[no_mangle]
pub unsafe extern "C" fn PyMem_RawFree(p: *mut c_void) {
    PyMem_Free(p)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Malloc(n: usize) -> *mut c_void {
    PyMem_Malloc(n)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Calloc(n: usize, size: usize) -> *mut c_void {
    PyMem_Calloc(n, size)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Realloc(p: *mut c_void, n: usize) -> *mut c_void {
    PyMem_Realloc(p, n)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Free(p: *mut c_void) {
    PyMem_Free(p)
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    if op.is_null() {
        return rt::objects::exceptions::no_memory_ptr();
    }
    typeobject::init_object(op, tp);
    op
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t) -> *mut PyVarObject {
    if op.is_null() {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    }
    typeobject::init_object(op as *mut PyObject, tp);
    (*op).ob_size = size;
    op
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    let op = PyObject_Malloc((*tp).tp_basicsize as usize) as *mut PyObject;
    PyObject_Init(op, tp)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let op = PyObject_Malloc(size) as *mut PyVarObject;
    PyObject_InitVar(op, tp, n)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject {
    let op = gc::alloc((*tp).tp_basicsize as usize);
    PyObject_Init(op, tp)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let op = gc::alloc(size) as *mut PyVarObject;
    PyObject_InitVar(op, tp, n)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_Resize(op: *mut PyVarObject, n: Py_ssize_t) -> *mut PyVarObject {
    let tp = (*op).ob_base.ob_type;
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let r = gc::realloc(op as *mut PyObject, size) as *mut PyVarObject;
    if r.is_null() {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    }
    (*r).ob_size = n;
    r
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Track(op: *mut c_void) {
    gc::track(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_UnTrack(op: *mut c_void) {
    gc::untrack(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Del(op: *mut c_void) {
    gc::untrack(op as *mut PyObject);
    gc::free(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsTracked(op: *mut PyObject) -> std::ffi::c_int {
    (typeobject::has_feature(type_of(op), Py_TPFLAGS_HAVE_GC) && gc::is_tracked(op)) as std::ffi::c_int
}

use crate::rt;
