//! ceval.h's helpers for extensions: the recursion guard, the repr-recursion marks, slice
//! indices, function names for messages, sequence and callable iterators, and the
//! StopIteration value of generators.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{classobject, exceptions, functionobject as func, iterobject, methodobject};
use crate::rt::protocol::{number, object as proto};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

unsafe fn where_str(w: *const c_char) -> String {
    if w.is_null() {
        String::new()
    } else {
        CStr::from_ptr(w).to_string_lossy().into_owned()
    }
}

#[no_mangle]
pub unsafe extern "C" fn Py_EnterRecursiveCall(w: *const c_char) -> c_int {
    crate::rt::ceval_guard::enter_recursive_call(&where_str(w)).map_or(-1, |_| 0)
}

#[no_mangle]
pub unsafe extern "C" fn Py_LeaveRecursiveCall() {
    crate::rt::ceval_guard::leave_recursive_call()
}

/// What the 3.11 headers' inline `_Py_EnterRecursiveCallTstate` calls once the counter
/// runs out: the counter is already decremented by the caller.
#[no_mangle]
pub unsafe extern "C" fn _Py_CheckRecursiveCall(_ts: *mut PyThreadState, w: *const c_char) -> c_int {
    crate::rt::ceval_guard::leave_recursive_call();
    Py_EnterRecursiveCall(w)
}

#[no_mangle]
pub unsafe extern "C" fn Py_ReprEnter(op: *mut PyObject) -> c_int {
    proto::repr_enter(op) as c_int
}

#[no_mangle]
pub unsafe extern "C" fn Py_ReprLeave(op: *mut PyObject) {
    proto::repr_leave(op)
}

/// `*pi` from a slice bound: None leaves it, an index is clamped to Py_ssize_t.
#[no_mangle]
pub unsafe extern "C" fn _PyEval_SliceIndex(v: *mut PyObject, pi: *mut Py_ssize_t) -> c_int {
    if v.is_null() || crate::rt::objects::noneobject::is_none(v) {
        return 1;
    }
    _PyEval_SliceIndexNotNone(v, pi)
}

#[no_mangle]
pub unsafe extern "C" fn _PyEval_SliceIndexNotNone(v: *mut PyObject, pi: *mut Py_ssize_t) -> c_int {
    if !number::has_index(v) {
        err::raise(exc::type_error(), "slice indices must be integers or None or have an __index__ method");
        return 0;
    }
    match catch(Err(crate::rt::ErrSet::assume_set()), || number::as_ssize_t_exc(v, null_mut())) {
        Ok(x) => {
            *pi = x;
            1
        }
        Err(_) => 0,
    }
}

/// The name `func` is shown by in messages ("f() takes ...").
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFuncName(f: *mut PyObject) -> *const c_char {
    if classobject::check(f) {
        return PyEval_GetFuncName((*(f as *mut classobject::PyMethodObject)).im_func);
    }
    if func::check(f) {
        return crate::rt::objects::unicodeobject::as_utf8_ptr((*func::raw(f)).func_name).map(|p| p as *const c_char).unwrap_or(c"?".as_ptr());
    }
    if methodobject::check(f) {
        return (*(*(f as *mut PyCFunctionObject)).m_ml).ml_name;
    }
    (*type_of(f)).tp_name
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFuncDesc(f: *mut PyObject) -> *const c_char {
    if classobject::check(f) || func::check(f) || methodobject::check(f) {
        c"()".as_ptr()
    } else {
        c" object".as_ptr()
    }
}

#[no_mangle]
pub unsafe extern "C" fn PySeqIter_New(seq: *mut PyObject) -> *mut PyObject {
    if seq.is_null() {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| iterobject::new_seq_iter(seq))
}

#[no_mangle]
pub unsafe extern "C" fn PyCallIter_New(callable: *mut PyObject, sentinel: *mut PyObject) -> *mut PyObject {
    catch_obj(|| iterobject::new_call_iter(callable, sentinel))
}

/// Raises StopIteration carrying `value` (wrapped when it is a tuple or an exception, so
/// it is not taken for the constructor's arguments).
#[no_mangle]
pub unsafe extern "C" fn _PyGen_SetStopIterationValue(value: *mut PyObject) -> c_int {
    catch(-1, || {
        if value.is_null() || crate::rt::objects::noneobject::is_none(value) {
            err::set_object(exc::stop_iteration(), null_mut());
        } else if crate::rt::objects::tupleobject::check(value) || exceptions::check(value) {
            let e = crate::rt::protocol::call::vectorcall(exc::stop_iteration(), &[value], null_mut());
            match e {
                Ok(e) => {
                    err::set_object(exc::stop_iteration(), e.as_ptr());
                }
                Err(_) => return -1,
            }
        } else {
            err::set_object(exc::stop_iteration(), value);
        }
        0
    })
}

/// Takes a pending StopIteration's value (None without one); -1 for any other exception.
#[no_mangle]
pub unsafe extern "C" fn _PyGen_FetchStopIterationValue(pvalue: *mut *mut PyObject) -> c_int {
    let mut value = null_mut();
    if !err::occurred().is_null() {
        if !err::exception_matches(exc::stop_iteration()) {
            return -1;
        }
        let (mut t, mut v, mut tb) = err::fetch();
        let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
        if !v.is_null() && exceptions::check(v) {
            value = (*(v as *mut exceptions::PyStopIterationObject)).value;
            xincref(value);
        }
        xdecref(t);
        xdecref(v);
        xdecref(tb);
    }
    if value.is_null() {
        value = crate::rt::objects::noneobject::none();
        incref(value);
    }
    *pvalue = value;
    0
}

/// `builtins.<name>` (a new reference), or AttributeError(name).
#[no_mangle]
pub unsafe extern "C" fn _PyEval_GetBuiltin(name: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let builtins = crate::rt::interp::builtins();
        match crate::rt::objects::dictobject::get_item(builtins, name)? {
            Some(v) => Ok(Obj::from_borrowed(v)),
            None => Err(err::set_object(exc::attribute_error(), name)),
        }
    })
}
