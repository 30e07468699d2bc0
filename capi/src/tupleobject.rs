//! tupleobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::tupleobject as tuple;
use crate::rt::{err, exc};
use std::ffi::c_int;
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyTuple_New(n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| tuple::new(n))
}
#[no_mangle]
pub unsafe extern "C" fn PyTuple_Size(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !tuple::check(op) {
        crate::bad_internal_call();
        return -1;
    }
    size_of_var(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if op.is_null() || !tuple::check(op) {
        crate::bad_internal_call();
        return null_mut();
    }
    if i < 0 || i >= size_of_var(op) {
        err::raise(exc::index_error(), "tuple index out of range");
        return null_mut();
    }
    tuple::get_item(op, i)
}
#[no_mangle]
pub unsafe extern "C" fn PyTuple_SetItem(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    if op.is_null() || !tuple::check(op) || (*op).ob_refcnt != 1 {
        xdecref(v);
        crate::bad_internal_call();
        return -1;
    }
    if i < 0 || i >= size_of_var(op) {
        xdecref(v);
        err::raise(exc::index_error(), "tuple assignment index out of range");
        return -1;
    }
    let slot = tuple::items_ptr(op).offset(i);
    let old = *slot;
    *slot = v;
    xdecref(old);
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyTuple_GetSlice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> *mut PyObject {
    if op.is_null() || !tuple::check(op) {
        crate::bad_internal_call();
        return null_mut();
    }
    let n = size_of_var(op);
    let lo = lo.clamp(0, n);
    let hi = hi.clamp(lo, n);
    if lo == 0 && hi == n && tuple::check_exact(op) {
        incref(op);
        return op;
    }
    catch_obj(|| tuple::from_slice(&tuple::items(op)[lo as usize..hi as usize]))
}
#[no_mangle]
pub unsafe extern "C" fn _PyTuple_Resize(p: *mut *mut PyObject, n: Py_ssize_t) -> c_int {
    let op = *p;
    if op.is_null() || !tuple::check_exact(op) || ((*op).ob_refcnt != 1 && size_of_var(op) != 0) || n < 0 {
        *p = null_mut();
        xdecref(op);
        crate::bad_internal_call();
        return -1;
    }
    let old_n = size_of_var(op);
    if old_n == n {
        return 0;
    }
    // Build a fresh tuple and move the items; simpler than realloc with the GC head.
    match tuple::new(n) {
        Ok(t) => {
            let keep = old_n.min(n);
            for i in 0..old_n {
                let it = tuple::get_item(op, i);
                if i < keep {
                    tuple::set_item_steal(t.as_ptr(), i, it);
                } else {
                    xdecref(it);
                }
                if old_n != 0 {
                    *tuple::items_ptr(op).offset(i) = null_mut();
                }
            }
            decref(op);
            *p = t.into_ptr();
            0
        }
        Err(_) => {
            *p = null_mut();
            decref(op);
            -1
        }
    }
}
/// Called by the C shim of `PyTuple_Pack` with the collected arguments.
#[no_mangle]
pub unsafe extern "C" fn _ferric_tuple_from_array(items: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| tuple::from_slice(if n == 0 { &[] } else { std::slice::from_raw_parts(items, n as usize) }))
}
