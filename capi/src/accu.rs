//! `internal/pycore_accu.h`: `_PyAccu`, the str accumulator the json encoder uses. Small
//! strings gather in a list; every 100000 of them are joined into one, kept in a second
//! list (CPython's `Objects/accu.c`).

use crate::listobject::{PyList_Append, PyList_New, PyList_SetSlice};
use crate::rt::ffi::*;
use crate::rt::object::*;
use crate::unicodeobject::PyUnicode_Join;
use std::ffi::c_int;
use std::ptr::null_mut;

#[repr(C)]
pub struct _PyAccu {
    pub large: *mut PyObject,
    pub small: *mut PyObject,
}

unsafe fn join(list: *mut PyObject) -> *mut PyObject {
    PyUnicode_Join(crate::rt::objects::unicodeobject::empty().as_ptr(), list)
}

#[no_mangle]
pub unsafe extern "C" fn _PyAccu_Init(acc: *mut _PyAccu) -> c_int {
    (*acc).large = null_mut();
    (*acc).small = PyList_New(0);
    if (*acc).small.is_null() {
        -1
    } else {
        0
    }
}

/// Joins the pending small strings into one large one.
unsafe fn flush(acc: *mut _PyAccu) -> c_int {
    let nsmall = size_of_var((*acc).small);
    if nsmall == 0 {
        return 0;
    }
    if (*acc).large.is_null() {
        (*acc).large = PyList_New(0);
        if (*acc).large.is_null() {
            return -1;
        }
    }
    let joined = join((*acc).small);
    if joined.is_null() {
        return -1;
    }
    if PyList_SetSlice((*acc).small, 0, nsmall, null_mut()) != 0 {
        decref(joined);
        return -1;
    }
    let r = PyList_Append((*acc).large, joined);
    decref(joined);
    r
}

#[no_mangle]
pub unsafe extern "C" fn _PyAccu_Accumulate(acc: *mut _PyAccu, unicode: *mut PyObject) -> c_int {
    if PyList_Append((*acc).small, unicode) != 0 {
        return -1;
    }
    if size_of_var((*acc).small) < 100000 {
        return 0;
    }
    flush(acc)
}

/// The list of joined pieces (NULL, without an exception, if nothing was accumulated);
/// the accumulator is used up.
#[no_mangle]
pub unsafe extern "C" fn _PyAccu_FinishAsList(acc: *mut _PyAccu) -> *mut PyObject {
    let r = flush(acc);
    xsetref(&raw mut (*acc).small, null_mut());
    if r != 0 {
        xsetref(&raw mut (*acc).large, null_mut());
        return null_mut();
    }
    std::mem::replace(&mut (*acc).large, null_mut())
}

/// Everything accumulated, as one str.
#[no_mangle]
pub unsafe extern "C" fn _PyAccu_Finish(acc: *mut _PyAccu) -> *mut PyObject {
    let list = if (*acc).large.is_null() {
        std::mem::replace(&mut (*acc).small, null_mut())
    } else {
        let l = _PyAccu_FinishAsList(acc);
        if l.is_null() {
            return null_mut();
        }
        l
    };
    let r = join(list);
    decref(list);
    r
}

#[no_mangle]
pub unsafe extern "C" fn _PyAccu_Destroy(acc: *mut _PyAccu) {
    xsetref(&raw mut (*acc).small, null_mut());
    xsetref(&raw mut (*acc).large, null_mut());
}
