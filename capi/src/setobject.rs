//! setobject.h. Callers pass valid object pointers, as the C API requires; the type checks
//! below turn wrong types into SystemError as CPython does.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::objects::setobject as set;
use std::ffi::c_int;
use std::ptr::null_mut;

/// False, with SystemError set, when a precondition fails (CPython's PyErr_BadInternalCall).
fn ok_arg(ok: bool) -> bool {
    if !ok {
        crate::bad_internal_call();
    }
    ok
}

unsafe fn is_set(op: *mut PyObject) -> bool {
    !op.is_null() && set::check(op)
}

unsafe fn is_anyset(op: *mut PyObject) -> bool {
    !op.is_null() && set::any_check(op)
}

/// `r` as CPython's int results: 1/0, or -1 with the error set.
fn ret_bool(r: crate::rt::PyResult<bool>) -> c_int {
    match r {
        Ok(v) => v as c_int,
        Err(_) => -1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn PySet_New(iterable: *mut PyObject) -> *mut PyObject {
    catch_obj(|| set::new_set(iterable))
}
#[no_mangle]
pub unsafe extern "C" fn PyFrozenSet_New(iterable: *mut PyObject) -> *mut PyObject {
    catch_obj(|| set::new_frozenset(iterable))
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Size(anyset: *mut PyObject) -> Py_ssize_t {
    if !ok_arg(is_anyset(anyset)) {
        return -1;
    }
    set::len(anyset)
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Clear(s: *mut PyObject) -> c_int {
    if !ok_arg(is_set(s)) {
        return -1;
    }
    catch(-1, || {
        set::clear(s);
        0
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Contains(anyset: *mut PyObject, key: *mut PyObject) -> c_int {
    if !ok_arg(is_anyset(anyset)) {
        return -1;
    }
    catch(-1, || ret_bool(set::contains(anyset, key)))
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Discard(s: *mut PyObject, key: *mut PyObject) -> c_int {
    if !ok_arg(is_set(s)) {
        return -1;
    }
    catch(-1, || ret_bool(set::discard(s, key)))
}
/// Adding to a frozenset is allowed while its creator holds the only reference.
#[no_mangle]
pub unsafe extern "C" fn PySet_Add(anyset: *mut PyObject, key: *mut PyObject) -> c_int {
    if !ok_arg(is_set(anyset) || (is_anyset(anyset) && (*anyset).ob_refcnt == 1)) {
        return -1;
    }
    catch(-1, || crate::rt::guard::ret_int(set::add(anyset, key)))
}
#[no_mangle]
pub unsafe extern "C" fn PySet_Pop(s: *mut PyObject) -> *mut PyObject {
    if !ok_arg(is_set(s)) {
        return null_mut();
    }
    catch_obj(|| set::pop(s))
}
#[no_mangle]
pub unsafe extern "C" fn _PySet_NextEntry(s: *mut PyObject, pos: *mut Py_ssize_t, key: *mut *mut PyObject, hash: *mut Py_hash_t) -> c_int {
    if !ok_arg(is_anyset(s)) {
        return -1;
    }
    match set::next(s, &mut *pos) {
        Some((k, h)) => {
            *key = k;
            *hash = h;
            1
        }
        None => 0,
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PySet_Update(s: *mut PyObject, iterable: *mut PyObject) -> c_int {
    if !ok_arg(is_set(s)) {
        return -1;
    }
    catch(-1, || crate::rt::guard::ret_int(set::update(s, iterable)))
}
