//! The error indicator, CPython's way: an exception (type, value, traceback) stored in the
//! current thread state. Inside Rust, `PyResult<T>` carries `ErrSet`, a zero-sized proof
//! that the indicator is set, so `?` is free and crossing into C needs no conversion.

use crate::ffi::*;
use crate::object::*;
use crate::pystate::tstate;

#[derive(Debug)]
pub struct ErrSet(());

pub type PyResult<T> = Result<T, ErrSet>;

impl ErrSet {
    /// For callers that know the indicator is set (a C function returned its error value).
    #[inline(always)]
    pub fn assume_set() -> ErrSet {
        ErrSet(())
    }
}

/// Sets the indicator to (type, value) with no traceback; takes new references.
pub unsafe fn restore(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    let ts = tstate();
    let (ot, ov, otb) = ((*ts).curexc_type, (*ts).curexc_value, (*ts).curexc_traceback);
    (*ts).curexc_type = t;
    (*ts).curexc_value = v;
    (*ts).curexc_traceback = tb;
    xdecref(ot);
    xdecref(ov);
    xdecref(otb);
}

/// Takes the indicator out, leaving it clear: three new references (or NULLs).
pub unsafe fn fetch() -> (*mut PyObject, *mut PyObject, *mut PyObject) {
    let ts = tstate();
    let r = ((*ts).curexc_type, (*ts).curexc_value, (*ts).curexc_traceback);
    (*ts).curexc_type = std::ptr::null_mut();
    (*ts).curexc_value = std::ptr::null_mut();
    (*ts).curexc_traceback = std::ptr::null_mut();
    r
}

#[inline]
pub unsafe fn occurred() -> *mut PyObject {
    (*tstate()).curexc_type
}

pub unsafe fn clear() {
    restore(std::ptr::null_mut(), std::ptr::null_mut(), std::ptr::null_mut());
}

/// Sets `exc_type` with `value` (borrowed), CPython's PyErr_SetObject: while an exception
/// is being handled, the new one is made an instance at once and its `__context__` set to
/// the handled one; an instance keeps the traceback it already has.
pub unsafe fn set_object(exc_type: *mut PyObject, value: *mut PyObject) -> ErrSet {
    use crate::objects::{exceptions, noneobject};
    let handled = crate::ceval_ops::topmost_exception();
    let mut value = value;
    let mut owned = None;
    if !handled.is_null() && !noneobject::is_none(handled) && exceptions::class_check(exc_type) {
        if value.is_null() || !exceptions::check(value) {
            clear();
            let (mut t, mut v) = (exc_type, value);
            incref(t);
            xincref(v);
            let mut tb = std::ptr::null_mut();
            if exceptions::normalize(&mut t, &mut v, &mut tb).is_err() {
                xdecref(t);
                xdecref(v);
                return ErrSet(());
            }
            xdecref(t);
            owned = Some(Obj::from_owned_nonnull(v));
            value = v;
        }
        if value != handled {
            break_context_cycle(handled, value);
            let e = value as *mut PyBaseExceptionObject;
            incref(handled);
            xsetref(&raw mut (*e).context, handled);
        }
    }
    let tb = if !value.is_null() && exceptions::check(value) { (*(value as *mut PyBaseExceptionObject)).traceback } else { std::ptr::null_mut() };
    xincref(exc_type);
    xincref(value);
    xincref(tb);
    drop(owned);
    restore(exc_type, value, tb);
    ErrSet(())
}

/// If `value` is already somewhere in the `__context__` chain of `handled`, cuts the chain
/// there, so chaining `value` to `handled` makes no cycle (Floyd's check for old cycles).
unsafe fn break_context_cycle(handled: *mut PyObject, value: *mut PyObject) {
    let ctx = |o: *mut PyObject| (*(o as *mut PyBaseExceptionObject)).context;
    let mut o = handled;
    let mut slow = o;
    let mut toggle = false;
    loop {
        let c = ctx(o);
        if c.is_null() {
            break;
        }
        if c == value {
            xsetref(&raw mut (*(o as *mut PyBaseExceptionObject)).context, std::ptr::null_mut());
            break;
        }
        o = c;
        if o == slow {
            break;
        }
        if toggle {
            slow = ctx(slow);
        }
        toggle = !toggle;
    }
}

/// Sets `exc_type` with a message.
pub unsafe fn set_string(exc_type: *mut PyObject, msg: &str) -> ErrSet {
    match crate::objects::unicodeobject::from_str(msg) {
        Ok(s) => set_object(exc_type, s.as_ptr()),
        Err(e) => e,
    }
}

/// Raises `exc_type(msg)`: the common case, written `return Err(raise(exc::type_error(), ...))`.
pub fn raise(exc_type: *mut PyObject, msg: impl AsRef<str>) -> ErrSet {
    // Safety: exception type objects are static and immortal; the thread state exists.
    unsafe { set_string(exc_type, msg.as_ref()) }
}

/// Does the pending exception match `exc` (a class or tuple of classes)?
pub unsafe fn exception_matches(exc: *mut PyObject) -> bool {
    let t = occurred();
    !t.is_null() && crate::objects::exceptions::given_exception_matches(t, exc)
}

/// The exception being handled on this thread (`sys.exception()`), borrowed; NULL if none.
pub unsafe fn handled_exception() -> *mut PyObject {
    let mut item = (*tstate()).exc_info;
    while !item.is_null() {
        let v = (*item).exc_value;
        if !v.is_null() && !crate::objects::noneobject::is_none(v) {
            return v;
        }
        item = (*item).previous_item;
    }
    std::ptr::null_mut()
}

/// Replaces the innermost handled exception (borrowed `e`, or NULL).
pub unsafe fn set_handled_exception(e: *mut PyObject) {
    let item = (*tstate()).exc_info;
    if item.is_null() {
        return;
    }
    xincref(e);
    xsetref(&raw mut (*item).exc_value, e);
}

/// The calling thread's `errno`.
pub fn last_errno() -> std::ffi::c_int {
    // Safety: glibc's errno location is per thread and always valid.
    unsafe { *libc::__errno_location() }
}

/// Raises `exc_type(errno, strerror(errno)[, filename[, None, filename2]])`, which OSError's
/// constructor turns into the errno's subclass (CPython's
/// PyErr_SetFromErrnoWithFilenameObjects). Filenames may be null.
pub unsafe fn set_from_errno(exc_type: *mut PyObject, errno: std::ffi::c_int, filename: *mut PyObject, filename2: *mut PyObject) -> ErrSet {
    use crate::objects::{longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
    let msg = if errno == 0 {
        "Error".to_owned()
    } else {
        std::ffi::CStr::from_ptr(libc::strerror(errno)).to_string_lossy().into_owned()
    };
    let n = long::from_i64(errno as i64);
    let m = match str_::from_str(&msg) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let args = if filename.is_null() {
        tuple::pack(&[n.as_ptr(), m.as_ptr()])
    } else if filename2.is_null() {
        tuple::pack(&[n.as_ptr(), m.as_ptr(), filename])
    } else {
        tuple::pack(&[n.as_ptr(), m.as_ptr(), filename, noneobject::none(), filename2])
    };
    // Made at once, as CPython does, so the pending type is already the errno's subclass.
    let v = match args.and_then(|a| crate::protocol::call::call(exc_type, a.as_ptr(), std::ptr::null_mut())) {
        Ok(v) => v,
        Err(e) => return e,
    };
    set_object(type_of(v.as_ptr()) as *mut PyObject, v.as_ptr())
}
