//! Allocation of GC objects: a `PyGC_Head` sits in front of each, as in CPython, so the
//! `_PyObject_GC_IS_TRACKED`-style checks compiled into extensions read the right word.
//! Tracked objects are linked into one of two lists: the young generation (tracked since
//! the last collection) and the old one; the collector below walks them.

use crate::ffi::*;
use crate::mem;
use std::mem::size_of;
use std::ptr::null_mut;

const HEAD: usize = size_of::<PyGC_Head>();

/// The list heads of tracked objects (circular, doubly linked through the PyGC_Heads; the
/// low two bits of `_gc_prev` are flags). New objects go to YOUNG; survivors of a young
/// collection move to OLD.
static mut YOUNG: PyGC_Head = PyGC_Head { _gc_next: 0, _gc_prev: 0 };
static mut OLD: PyGC_Head = PyGC_Head { _gc_next: 0, _gc_prev: 0 };

#[inline(always)]
pub unsafe fn as_gc(op: *mut PyObject) -> *mut PyGC_Head {
    (op as *mut u8).sub(HEAD) as *mut PyGC_Head
}

#[inline(always)]
unsafe fn from_gc(g: *mut PyGC_Head) -> *mut PyObject {
    (g as *mut u8).add(HEAD) as *mut PyObject
}

unsafe fn init_head(h: *mut PyGC_Head) -> *mut PyGC_Head {
    if (*h)._gc_next == 0 {
        (*h)._gc_next = h as usize;
        (*h)._gc_prev = h as usize;
    }
    h
}

unsafe fn list_head() -> *mut PyGC_Head {
    init_head(&raw mut YOUNG)
}

unsafe fn old_head() -> *mut PyGC_Head {
    init_head(&raw mut OLD)
}

/// Moves every object of the young list to the end of the old one.
unsafe fn promote_young() {
    let (young, old) = (list_head(), old_head());
    let first = (*young)._gc_next as *mut PyGC_Head;
    if first == young {
        return;
    }
    let last = ((*young)._gc_prev & !3) as *mut PyGC_Head;
    let old_last = ((*old)._gc_prev & !3) as *mut PyGC_Head;
    (*old_last)._gc_next = first as usize;
    (*first)._gc_prev = old_last as usize | ((*first)._gc_prev & 3);
    (*last)._gc_next = old as usize;
    (*old)._gc_prev = last as usize | ((*old)._gc_prev & 3);
    (*young)._gc_next = young as usize;
    (*young)._gc_prev = young as usize;
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
    // Collect before linking, so the object being made is not examined half-built.
    note_allocation();
    let head = list_head();
    let last = ((*head)._gc_prev & !3) as *mut PyGC_Head;
    (*last)._gc_next = g as usize;
    (*g)._gc_prev = last as usize | ((*g)._gc_prev & 3);
    (*g)._gc_next = head as usize;
    (*head)._gc_prev = g as usize | ((*head)._gc_prev & 3);
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
    list_objects(list_head()).len() + list_objects(old_head()).len()
}

// ---- the cycle collector -------------------------------------------------------------------
//
// CPython's algorithm over the one list of tracked objects: copy each refcount, subtract the
// references that tracked objects hold to each other (tp_traverse), and what is left above
// zero is referenced from outside; everything reachable from those survives. The rest is
// garbage: finalizers run once (PEP 442), objects a finalizer resurrected are kept, weak
// references to the garbage are cleared (with callbacks for weakrefs that survive), and
// tp_clear breaks the cycles.

use crate::object::Obj;
use std::collections::HashMap;
use std::ffi::{c_int, c_void};

/// Bit in `_gc_prev` of an object whose finalizer has run (CPython's FINALIZED mask).
const PREV_FINALIZED: usize = 1;

static mut COLLECTING: bool = false;
static mut ENABLED: bool = true;
static mut THRESHOLD: isize = 700;
static mut ALLOCATED_SINCE: isize = 0;
static mut COLLECTIONS: usize = 0;
/// Young collections since the last full one, and objects promoted since then: a full
/// collection runs when the promotions exceed a quarter of the old generation (CPython's
/// long-lived-objects rule), so its cost stays proportional to the work done.
static mut YOUNG_SINCE_FULL: usize = 0;
static mut PROMOTED_SINCE_FULL: usize = 0;
static mut COLLECTED_TOTAL: usize = 0;

pub fn enabled() -> bool {
    // Safety: touched only with the GIL.
    unsafe { ENABLED }
}

pub fn set_enabled(v: bool) {
    // Safety: as above.
    unsafe { ENABLED = v }
}

pub fn threshold() -> isize {
    unsafe { THRESHOLD }
}

pub fn set_threshold(v: isize) {
    unsafe { THRESHOLD = v }
}

/// (collections run, objects collected) so far.
pub fn stats() -> (usize, usize) {
    unsafe { (COLLECTIONS, COLLECTED_TOTAL) }
}

/// Called when a GC object is tracked: collects when enough have been made since the last.
pub unsafe fn note_allocation() {
    ALLOCATED_SINCE += 1;
    if ENABLED && THRESHOLD > 0 && ALLOCATED_SINCE > THRESHOLD && !COLLECTING && crate::err::occurred().is_null() {
        let old = list_objects(old_head()).len();
        let full = YOUNG_SINCE_FULL >= 10 && PROMOTED_SINCE_FULL * 4 > old;
        collect_generation(full);
    }
}

unsafe fn is_gc_object(op: *mut PyObject) -> bool {
    let tp = (*op).ob_type;
    if (*tp).tp_flags & Py_TPFLAGS_HAVE_GC == 0 {
        return false;
    }
    match (*tp).tp_is_gc {
        Some(f) => f(op) != 0,
        None => true,
    }
}

/// The objects of one list, in order.
unsafe fn list_objects(head: *mut PyGC_Head) -> Vec<*mut PyObject> {
    let mut out = Vec::new();
    let mut g = (*head)._gc_next as *mut PyGC_Head;
    while g != head {
        out.push(from_gc(g));
        g = (*g)._gc_next as *mut PyGC_Head;
    }
    out
}

struct Refs {
    counts: HashMap<usize, isize>,
}

unsafe extern "C" fn visit_decref(op: *mut PyObject, arg: *mut c_void) -> c_int {
    let refs = &mut *(arg as *mut Refs);
    if let Some(c) = refs.counts.get_mut(&(op as usize)) {
        *c -= 1;
    }
    0
}

unsafe extern "C" fn visit_collect(op: *mut PyObject, arg: *mut c_void) -> c_int {
    let v = &mut *(arg as *mut Vec<*mut PyObject>);
    v.push(op);
    0
}

/// The members of `set` that no object outside it references (directly or through
/// objects reachable from outside).
unsafe fn unreachable_in(set: &[*mut PyObject]) -> Vec<*mut PyObject> {
    let mut refs = Refs { counts: HashMap::with_capacity(set.len()) };
    for &op in set {
        refs.counts.insert(op as usize, (*op).ob_refcnt);
    }
    for &op in set {
        if let Some(t) = (*(*op).ob_type).tp_traverse {
            t(op, Some(visit_decref), &mut refs as *mut Refs as *mut c_void);
        }
    }
    // Everything with outside references, and all it reaches, is alive.
    let mut alive: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let mut stack: Vec<*mut PyObject> = set.iter().copied().filter(|&op| refs.counts[&(op as usize)] > 0).collect();
    while let Some(op) = stack.pop() {
        if !alive.insert(op as usize) {
            continue;
        }
        let mut found: Vec<*mut PyObject> = Vec::new();
        if let Some(t) = (*(*op).ob_type).tp_traverse {
            t(op, Some(visit_collect), &mut found as *mut Vec<*mut PyObject> as *mut c_void);
        }
        for r in found {
            if refs.counts.contains_key(&(r as usize)) && !alive.contains(&(r as usize)) {
                stack.push(r);
            }
        }
    }
    set.iter().copied().filter(|op| !alive.contains(&(*op as usize))).collect()
}

/// Runs a full collection; returns the number of unreachable objects found.
pub unsafe fn collect() -> usize {
    collect_generation(true)
}

/// Collects the young generation (references from old objects count as outside ones), or
/// everything; survivors end up in the old generation.
unsafe fn collect_generation(full: bool) -> usize {
    if COLLECTING {
        return 0;
    }
    COLLECTING = true;
    ALLOCATED_SINCE = 0;
    let saved = crate::err::fetch();
    if full {
        promote_young();
        YOUNG_SINCE_FULL = 0;
        PROMOTED_SINCE_FULL = 0;
    } else {
        YOUNG_SINCE_FULL += 1;
    }
    let head = if full { old_head() } else { list_head() };
    let all: Vec<*mut PyObject> = list_objects(head).into_iter().filter(|&op| is_gc_object(op)).collect();
    let garbage = unreachable_in(&all);
    let n = garbage.len();
    if n > 0 {
        // Hold every piece of garbage while we work on it.
        let held: Vec<Obj> = garbage.iter().map(|&op| Obj::from_borrowed(op)).collect();
        run_finalizers(&garbage);
        // A finalizer may have resurrected some: only what is still unreachable goes.
        let ptrs: Vec<*mut PyObject> = held.iter().map(|o| o.as_ptr()).collect();
        let mut still = unreachable_in_with_holds(&ptrs);
        handle_weakrefs(&still);
        for &op in &still {
            if let Some(clear) = (*(*op).ob_type).tp_clear {
                clear(op);
            }
        }
        still.clear();
        drop(held);
    }
    if !full {
        PROMOTED_SINCE_FULL += all.len().saturating_sub(n);
        promote_young();
    }
    COLLECTIONS += 1;
    COLLECTED_TOTAL += n;
    crate::err::restore(saved.0, saved.1, saved.2);
    COLLECTING = false;
    n
}

/// `unreachable_in` for objects we hold one extra reference to each.
unsafe fn unreachable_in_with_holds(set: &[*mut PyObject]) -> Vec<*mut PyObject> {
    for &op in set {
        (*op).ob_refcnt -= 1;
    }
    let r = unreachable_in(set);
    for &op in set {
        (*op).ob_refcnt += 1;
    }
    r
}

unsafe fn run_finalizers(garbage: &[*mut PyObject]) {
    for &op in garbage {
        let g = as_gc(op);
        if (*g)._gc_prev & PREV_FINALIZED != 0 {
            continue;
        }
        if let Some(fin) = (*(*op).ob_type).tp_finalize {
            (*g)._gc_prev |= PREV_FINALIZED;
            fin(op);
            if !crate::err::occurred().is_null() {
                crate::report::write_unraisable("Exception ignored in", op);
            }
        }
    }
}

/// Clears weak references to the garbage; callbacks run only for weakrefs that are not
/// garbage themselves (their referents are gone, so they see dead refs).
unsafe fn handle_weakrefs(garbage: &[*mut PyObject]) {
    use crate::objects::weakrefobject as wr;
    let in_garbage: std::collections::HashSet<usize> = garbage.iter().map(|&p| p as usize).collect();
    let mut callbacks: Vec<(Obj, Obj)> = Vec::new();
    for &op in garbage {
        let Some(list) = wr::list_ptr(op) else { continue };
        while !(*list).is_null() {
            let w = *list;
            let cb = (*w).wr_callback;
            if !cb.is_null() && !in_garbage.contains(&(w as usize)) {
                callbacks.push((Obj::from_borrowed(w as *mut PyObject), Obj::from_borrowed(cb)));
            }
            // Unlinks w and sets its referent to None.
            wr::clear_one(w);
        }
    }
    for (w, cb) in callbacks {
        if crate::protocol::call::vectorcall(cb.as_ptr(), &[w.as_ptr()], std::ptr::null_mut()).is_err() {
            crate::report::write_unraisable("Exception ignored in", cb.as_ptr());
        }
    }
}

/// Is `op` (a GC object) marked as finalized?
pub unsafe fn is_finalized(op: *mut PyObject) -> bool {
    (*as_gc(op))._gc_prev & PREV_FINALIZED != 0
}

pub unsafe fn mark_finalized(op: *mut PyObject) {
    (*as_gc(op))._gc_prev |= PREV_FINALIZED;
}

/// `tp_traverse` over a fixed set of fields: visits the non-NULL ones, stops at a non-zero
/// answer (CPython's chain of Py_VISIT).
pub unsafe fn visit_each(fields: &[*mut PyObject], visit: visitproc, arg: *mut std::ffi::c_void) -> std::ffi::c_int {
    let Some(visit) = visit else { return 0 };
    for &p in fields {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}
