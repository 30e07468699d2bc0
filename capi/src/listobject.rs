//! listobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::listobject as list;
use crate::rt::{err, exc, PyResult};
use std::ffi::c_int;
use std::ptr::null_mut;

unsafe fn checked(op: *mut PyObject) -> bool {
    if op.is_null() || !list::check(op) {
        crate::bad_internal_call();
        return false;
    }
    true
}

#[no_mangle]
pub unsafe extern "C" fn PyList_New(n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| list::new(n))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Size(op: *mut PyObject) -> Py_ssize_t {
    if !checked(op) {
        return -1;
    }
    size_of_var(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyList_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if !checked(op) {
        return null_mut();
    }
    if i < 0 || i >= size_of_var(op) {
        err::raise(exc::index_error(), "list index out of range");
        return null_mut();
    }
    list::get_item(op, i)
}
#[no_mangle]
pub unsafe extern "C" fn PyList_SetItem(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    if !checked(op) {
        xdecref(v);
        return -1;
    }
    catch_int(|| list::set_item_steal(op, i, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Append(op: *mut PyObject, v: *mut PyObject) -> c_int {
    if !checked(op) || v.is_null() {
        if !v.is_null() {
            crate::bad_internal_call();
        }
        return -1;
    }
    catch_int(|| list::append(op, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Insert(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    if !checked(op) || v.is_null() {
        return -1;
    }
    catch_int(|| list::insert(op, i, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_AsTuple(op: *mut PyObject) -> *mut PyObject {
    if !checked(op) {
        return null_mut();
    }
    catch_obj(|| list::as_tuple(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_GetSlice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> *mut PyObject {
    if !checked(op) {
        return null_mut();
    }
    let n = size_of_var(op);
    let lo = lo.clamp(0, n);
    let hi = hi.clamp(lo, n);
    catch_obj(|| list::from_slice(&list::items(op)[lo as usize..hi as usize]))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Sort(op: *mut PyObject) -> c_int {
    if !checked(op) {
        return -1;
    }
    catch_int(|| sort_list(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyList_Reverse(op: *mut PyObject) -> c_int {
    if !checked(op) {
        return -1;
    }
    let n = size_of_var(op) as usize;
    if n > 0 {
        let p = (*(op as *mut PyListObject)).ob_item;
        std::slice::from_raw_parts_mut(p, n).reverse();
    }
    0
}

/// Sorts in place with `<` (stable merge sort; errors from comparisons propagate).
pub unsafe fn sort_list(op: *mut PyObject) -> PyResult<()> {
    list::sort(op)
}

/// `a[lo:hi] = v` (v a list, a tuple or NULL to delete).
#[no_mangle]
pub unsafe extern "C" fn PyList_SetSlice(op: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t, v: *mut PyObject) -> c_int {
    if !checked(op) {
        return -1;
    }
    catch_int(|| {
        let n = size_of_var(op);
        let lo = lo.clamp(0, n) as usize;
        let hi = (hi.clamp(0, n) as usize).max(lo);
        let new_items: Vec<Obj> = if v.is_null() {
            Vec::new()
        } else {
            crate::rt::protocol::iter::collect(v)?
        };
        let mut all: Vec<Obj> = list::items(op).iter().map(|&p| Obj::from_borrowed(p)).collect();
        all.splice(lo..hi, new_items);
        list::replace_items(op, &all)
    })
}
