//! Allocation of GC objects: a `PyGC_Head` sits in front of each, as in CPython, so the
//! `_PyObject_GC_IS_TRACKED`-style checks compiled into extensions read the right word.
//! Tracked objects are linked into one list (the young generation); the cycle collector that
//! walks it with `tp_traverse`/`tp_clear` is not written yet.

use crate::ffi::*;
use crate::mem;
use std::mem::size_of;
use std::ptr::null_mut;

const HEAD: usize = size_of::<PyGC_Head>();

/// The list head of tracked objects (circular, doubly linked through the PyGC_Heads).
static mut GENERATION0: PyGC_Head = PyGC_Head { _gc_next: 0, _gc_prev: 0 };

#[inline(always)]
pub unsafe fn as_gc(op: *mut PyObject) -> *mut PyGC_Head {
    (op as *mut u8).sub(HEAD) as *mut PyGC_Head
}

#[inline(always)]
unsafe fn from_gc(g: *mut PyGC_Head) -> *mut PyObject {
    (g as *mut u8).add(HEAD) as *mut PyObject
}

unsafe fn list_head() -> *mut PyGC_Head {
    let h = &raw mut GENERATION0;
    if (*h)._gc_next == 0 {
        (*h)._gc_next = h as usize;
        (*h)._gc_prev = h as usize;
    }
    h
}

/// Allocates `basicsize` bytes of object plus the GC head, zeroed; NULL on failure
/// (the caller raises MemoryError).
pub unsafe fn alloc(basicsize: usize) -> *mut PyObject {
    alloc_with_preheader(basicsize, 0)
}

/// Size of what sits before the GC head: the managed-dict pointers (values, dict) of
/// instances of classes with `Py_TPFLAGS_MANAGED_DICT`, as in CPython 3.11.
#[inline]
pub unsafe fn preheader_size(tp: *mut PyTypeObject) -> usize {
    if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT != 0 {
        2 * size_of::<*mut PyObject>()
    } else {
        0
    }
}

/// `alloc` with `extra` zeroed bytes in front of the GC head.
pub unsafe fn alloc_with_preheader(basicsize: usize, extra: usize) -> *mut PyObject {
    let Some(total) = basicsize.checked_add(HEAD + extra) else { return null_mut() };
    let p = mem::calloc(1, total) as *mut u8;
    if p.is_null() {
        return null_mut();
    }
    from_gc(p.add(extra) as *mut PyGC_Head)
}

pub unsafe fn realloc(op: *mut PyObject, basicsize: usize) -> *mut PyObject {
    let extra = preheader_size((*op).ob_type);
    let Some(total) = basicsize.checked_add(HEAD + extra) else { return null_mut() };
    let p = mem::realloc((as_gc(op) as *mut u8).sub(extra) as *mut _, total) as *mut u8;
    if p.is_null() {
        return null_mut();
    }
    from_gc(p.add(extra) as *mut PyGC_Head)
}

/// Frees a GC object; its type (still set) tells whether a pre-header sits in front.
pub unsafe fn free(op: *mut PyObject) {
    let extra = preheader_size((*op).ob_type);
    mem::free((as_gc(op) as *mut u8).sub(extra) as *mut _)
}

#[inline]
pub unsafe fn is_tracked(op: *mut PyObject) -> bool {
    (*as_gc(op))._gc_next != 0
}

pub unsafe fn track(op: *mut PyObject) {
    let g = as_gc(op);
    if (*g)._gc_next != 0 {
        return;
    }
    let head = list_head();
    let last = (*head)._gc_prev as *mut PyGC_Head;
    (*last)._gc_next = g as usize;
    (*g)._gc_prev = last as usize;
    (*g)._gc_next = head as usize;
    (*head)._gc_prev = g as usize;
}

pub unsafe fn untrack(op: *mut PyObject) {
    let g = as_gc(op);
    if (*g)._gc_next == 0 {
        return;
    }
    let prev = ((*g)._gc_prev & !3) as *mut PyGC_Head;
    let next = (*g)._gc_next as *mut PyGC_Head;
    (*prev)._gc_next = next as usize;
    (*next)._gc_prev = ((*next)._gc_prev & 3) | prev as usize;
    (*g)._gc_next = 0;
    (*g)._gc_prev &= 3;
}

/// Number of tracked objects; a test hook until `gc.get_objects` exists.
pub unsafe fn tracked_count() -> usize {
    let head = list_head();
    let mut n = 0;
    let mut g = (*head)._gc_next as *mut PyGC_Head;
    while g != head {
        n += 1;
        g = (*g)._gc_next as *mut PyGC_Head;
    }
    n
}
