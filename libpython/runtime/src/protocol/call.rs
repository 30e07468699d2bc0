//! Calling objects: `tp_call` with a tuple and dict, or vectorcall with a C array and a
//! tuple of keyword names (PEP 590), converting between the two as CPython's call.c does.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{has_feature, full_name};
use crate::objects::{dictobject as dict, tupleobject as tuple, unicodeobject as str_};
use std::ptr::null_mut;

/// Checks a slot's result the way CPython's `_Py_CheckFunctionResult` does.
pub unsafe fn check_result(callable: *mut PyObject, r: *mut PyObject) -> PyResult<Obj> {
    let pending = !err::occurred().is_null();
    if r.is_null() {
        if !pending {
            let what = callable_repr(callable);
            return Err(raise(exc::system_error(), format!("{what} returned NULL without setting an exception")));
        }
        return Err(err::ErrSet::assume_set());
    }
    if pending {
        decref(r);
        let what = callable_repr(callable);
        // CPython chains the pending exception as the cause; we keep the message.
        err::clear();
        return Err(raise(exc::system_error(), format!("{what} returned a result with an exception set")));
    }
    Ok(Obj::from_owned_nonnull(r))
}

unsafe fn callable_repr(callable: *mut PyObject) -> String {
    if callable.is_null() {
        return "<NULL>".into();
    }
    let t = err::fetch();
    let s = crate::protocol::object::repr_string(callable).unwrap_or_else(|_| "<object>".into());
    err::clear();
    err::restore(t.0, t.1, t.2);
    s
}

/// The vectorcall function of `callable`, when its type offers one.
#[inline]
pub unsafe fn vectorcall_func(callable: *mut PyObject) -> vectorcallfunc {
    let tp = type_of(callable);
    if !has_feature(tp, Py_TPFLAGS_HAVE_VECTORCALL) {
        return None;
    }
    let off = (*tp).tp_vectorcall_offset;
    if off <= 0 {
        return None;
    }
    *((callable as *mut u8).offset(off) as *mut vectorcallfunc)
}

/// `callable(*args, **kwargs)`; `kwargs` may be NULL.
pub unsafe fn call(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Obj> {
    crate::ceval_guard::enter_recursive_call(" while calling a Python object")?;
    let r = call_inner(callable, args, kwargs);
    crate::ceval_guard::leave_recursive_call();
    r
}

unsafe fn call_inner(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(callable);
    if let Some(vc) = vectorcall_func(callable) {
        let argv = tuple::items(args);
        if kwargs.is_null() || dict::len(kwargs) == 0 {
            return check_result(callable, vc(callable, argv.as_ptr(), argv.len(), null_mut()));
        }
        let (stack, names) = dict_to_stack(argv, kwargs)?;
        let ptrs: Vec<*mut PyObject> = stack.iter().map(|o| o.as_ptr()).collect();
        return check_result(callable, vc(callable, ptrs.as_ptr(), argv.len(), names.as_ptr()));
    }
    let Some(f) = (*tp).tp_call else {
        return Err(raise(exc::type_error(), format!("'{}' object is not callable", full_name(tp))));
    };
    check_result(callable, f(callable, args, kwargs))
}

/// Positional args plus keyword values in one vector, and the tuple of keyword names.
unsafe fn dict_to_stack(args: &[*mut PyObject], kwargs: *mut PyObject) -> PyResult<(Vec<Obj>, Obj)> {
    let mut stack: Vec<Obj> = args.iter().map(|&a| Obj::from_borrowed(a)).collect();
    let mut names: Vec<*mut PyObject> = Vec::new();
    for (k, v) in dict::entries(kwargs) {
        if !str_::check(k) {
            return Err(raise(exc::type_error(), "keywords must be strings"));
        }
        names.push(k);
        stack.push(Obj::from_borrowed(v));
    }
    Ok((stack, tuple::from_slice(&names)?))
}

/// Calls with a vector of positional arguments (and keyword values after them, named by
/// `kwnames`), the fast path everywhere.
pub unsafe fn vectorcall(callable: *mut PyObject, args: &[*mut PyObject], kwnames: *mut PyObject) -> PyResult<Obj> {
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let npos = args.len() - nkw;
    if let Some(vc) = vectorcall_func(callable) {
        // Python frames count against the recursion limit themselves, as in CPython.
        return check_result(callable, vc(callable, args.as_ptr(), npos, kwnames));
    }
    let t = tuple::from_slice(&args[..npos])?;
    let kw = if nkw == 0 {
        None
    } else {
        let d = dict::new()?;
        for i in 0..nkw {
            dict::set_item(d.as_ptr(), tuple::get_item(kwnames, i as isize), args[npos + i])?;
        }
        Some(d)
    };
    call(callable, t.as_ptr(), kw.as_ref().map(|d| d.as_ptr()).unwrap_or(null_mut()))
}

/// A vectorcall entry point for types whose real work is in `tp_call`.
pub unsafe extern "C" fn vectorcall_via_tp_call(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
        let all = if args.is_null() { &[][..] } else { std::slice::from_raw_parts(args, nargs + nkw) };
        let t = tuple::from_slice(&all[..nargs])?;
        let kw = if nkw == 0 {
            None
        } else {
            let d = dict::new()?;
            for i in 0..nkw {
                dict::set_item(d.as_ptr(), tuple::get_item(kwnames, i as isize), all[nargs + i])?;
            }
            Some(d)
        };
        let tp = type_of(callable);
        let Some(f) = (*tp).tp_call else {
            return Err(raise(exc::type_error(), format!("'{}' object is not callable", full_name(tp))));
        };
        Obj::from_owned(f(callable, t.as_ptr(), kw.as_ref().map(|d| d.as_ptr()).unwrap_or(null_mut())))
    })
}

/// `obj.name(*args)`.
pub unsafe fn call_method_obj(obj: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    let m = crate::protocol::object::getattr_str(obj, name)?;
    vectorcall(m.as_ptr(), args, null_mut())
}

pub unsafe fn callable_check(op: *mut PyObject) -> bool {
    (*type_of(op)).tp_call.is_some()
}

/// `tp_call` for types whose real entry point is vectorcall (CPython's PyVectorcall_Call).
pub unsafe extern "C" fn tp_call_via_vectorcall(callable: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    let Some(vc) = vectorcall_func(callable) else {
        raise(exc::type_error(), format!("'{}' object does not support vectorcall", full_name(type_of(callable))));
        return null_mut();
    };
    let argv = tuple::items(args);
    if kwargs.is_null() || dict::len(kwargs) == 0 {
        return vc(callable, argv.as_ptr(), argv.len(), null_mut());
    }
    match dict_to_stack(argv, kwargs) {
        Ok((stack, names)) => {
            let ptrs: Vec<*mut PyObject> = stack.iter().map(|o| o.as_ptr()).collect();
            vc(callable, ptrs.as_ptr(), argv.len(), names.as_ptr())
        }
        Err(_) => null_mut(),
    }
}
