//! Reference counting, immortal objects, and the owning handle `Obj`.
//!
//! Immortality (brief, section 2): immortal objects start at `IMMORTAL_REFCNT` = 2^60 and any
//! count at or above 2^59 is immortal. CPython 3.11 extensions incref/decref them with inline
//! code we cannot change, but billions of stray decrefs cannot bring the count below 2^59, and
//! Ferric's own incref/decref never write to them.

use crate::ffi::*;
use std::ptr::NonNull;

pub const IMMORTAL_REFCNT: Py_ssize_t = 1 << 60;
const IMMORTAL_THRESHOLD: Py_ssize_t = 1 << 59;

/// The header of a static, immortal object of type `tp`.
pub const fn immortal_head(tp: *mut PyTypeObject) -> PyObject {
    PyObject { ob_refcnt: IMMORTAL_REFCNT, ob_type: tp }
}

pub const fn immortal_var_head(tp: *mut PyTypeObject, size: Py_ssize_t) -> PyVarObject {
    PyVarObject { ob_base: immortal_head(tp), ob_size: size }
}

#[inline(always)]
pub unsafe fn is_immortal(op: *mut PyObject) -> bool {
    (*op).ob_refcnt >= IMMORTAL_THRESHOLD
}

/// Marks a heap object immortal (interned identifiers, small ints made at start-up).
#[inline]
pub unsafe fn make_immortal(op: *mut PyObject) {
    (*op).ob_refcnt = IMMORTAL_REFCNT;
}

#[inline(always)]
pub unsafe fn incref(op: *mut PyObject) {
    if !is_immortal(op) {
        (*op).ob_refcnt += 1;
    }
}

#[inline(always)]
pub unsafe fn xincref(op: *mut PyObject) {
    if !op.is_null() {
        incref(op)
    }
}

#[inline(always)]
pub unsafe fn decref(op: *mut PyObject) {
    if is_immortal(op) {
        return;
    }
    (*op).ob_refcnt -= 1;
    if (*op).ob_refcnt == 0 {
        dealloc(op);
    }
}

#[inline(always)]
pub unsafe fn xdecref(op: *mut PyObject) {
    if !op.is_null() {
        decref(op)
    }
}

/// Replaces `*slot` with `new` (a new reference) and drops the old value, CPython's Py_XSETREF.
#[inline]
pub unsafe fn xsetref(slot: *mut *mut PyObject, new: *mut PyObject) {
    let old = *slot;
    *slot = new;
    xdecref(old);
}

/// How deep deallocations may nest before the rest is deferred (CPython's trashcan).
const TRASHCAN_DEPTH: u32 = 50;

thread_local! {
    static DEALLOC_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static DEFERRED: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `tp_dealloc`. The count is zero; the object is no longer reachable by the caller.
/// Tearing down a deeply nested structure would recurse once per level; past
/// `TRASHCAN_DEPTH` the objects are queued and freed by the outermost call instead.
pub unsafe fn dealloc(op: *mut PyObject) {
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= TRASHCAN_DEPTH {
        DEFERRED.with(|q| q.borrow_mut().push(op as usize));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    run_dealloc(op);
    if depth == 0 {
        // Outermost: drain what deeper levels deferred (which may defer more).
        while let Some(next) = DEFERRED.with(|q| q.borrow_mut().pop()) {
            run_dealloc(next as *mut PyObject);
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

#[inline]
unsafe fn run_dealloc(op: *mut PyObject) {
    let tp = (*op).ob_type;
    if let Some(f) = (*tp).tp_dealloc {
        f(op)
    }
}

#[inline(always)]
pub unsafe fn type_of(op: *mut PyObject) -> *mut PyTypeObject {
    (*op).ob_type
}

#[inline(always)]
pub unsafe fn size_of_var(op: *mut PyObject) -> Py_ssize_t {
    (*(op as *mut PyVarObject)).ob_size
}

#[inline(always)]
pub unsafe fn set_size(op: *mut PyObject, size: Py_ssize_t) {
    (*(op as *mut PyVarObject)).ob_size = size;
}

/// A strong (owned) reference: decref on drop, incref on clone.
#[repr(transparent)]
pub struct Obj(NonNull<PyObject>);

impl Obj {
    /// Takes ownership of a new reference; NULL means an error is set.
    #[inline]
    pub unsafe fn from_owned(op: *mut PyObject) -> crate::err::PyResult<Obj> {
        match NonNull::new(op) {
            Some(p) => Ok(Obj(p)),
            None => Err(crate::err::ErrSet::assume_set()),
        }
    }

    /// Takes ownership of a non-NULL new reference.
    #[inline]
    pub unsafe fn from_owned_nonnull(op: *mut PyObject) -> Obj {
        debug_assert!(!op.is_null());
        Obj(NonNull::new_unchecked(op))
    }

    /// Makes a new strong reference from a borrowed, non-NULL pointer.
    #[inline]
    pub unsafe fn from_borrowed(op: *mut PyObject) -> Obj {
        debug_assert!(!op.is_null());
        incref(op);
        Obj(NonNull::new_unchecked(op))
    }

    #[inline(always)]
    pub fn as_ptr(&self) -> *mut PyObject {
        self.0.as_ptr()
    }

    /// Gives the reference away (to C, or to a container that now owns it).
    #[inline(always)]
    pub fn into_ptr(self) -> *mut PyObject {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }

    #[inline(always)]
    pub fn type_ptr(&self) -> *mut PyTypeObject {
        // Safety: an Obj always points at a live object.
        unsafe { (*self.as_ptr()).ob_type }
    }
}

impl Clone for Obj {
    #[inline]
    fn clone(&self) -> Obj {
        // Safety: self keeps the object alive while we add a reference.
        unsafe { Obj::from_borrowed(self.as_ptr()) }
    }
}

impl Drop for Obj {
    #[inline]
    fn drop(&mut self) {
        // Safety: we own one reference.
        unsafe { decref(self.as_ptr()) }
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Obj({:p})", self.as_ptr())
    }
}
