//! `PyMem_*`, `PyObject_Malloc` and friends (pymem.h, objimpl.h), and object allocation.

use crate::rt::ffi::*;
use crate::rt::{gc, mem, object::*, objects::typeobject};
use std::ffi::{c_int, c_void};

// ---- the three allocator domains (raw, mem, object) ------------------------------------
//
// All three default to mimalloc through `rt::mem`. `PyMem_SetAllocator` installs a C
// allocator for a domain; from then on that domain's functions call it (hooks such as
// tracemalloc's wrap the allocator `PyMem_GetAllocator` gave them, so memory allocated
// before is still freed by ours).

const DOMAIN_RAW: usize = 0;
const DOMAIN_MEM: usize = 1;
const DOMAIN_OBJ: usize = 2;

static mut CUSTOM: [Option<PyMemAllocatorEx>; 3] = [None, None, None];

#[inline(always)]
unsafe fn custom(domain: usize) -> Option<&'static PyMemAllocatorEx> {
    (*(&raw const CUSTOM))[domain].as_ref()
}

unsafe extern "C" fn default_malloc(_ctx: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    mem::malloc(n)
}
unsafe extern "C" fn default_calloc(_ctx: *mut c_void, n: usize, size: usize) -> *mut c_void {
    mem::calloc(n, size)
}
unsafe extern "C" fn default_realloc(_ctx: *mut c_void, p: *mut c_void, n: usize) -> *mut c_void {
    if n > isize::MAX as usize {
        return std::ptr::null_mut();
    }
    mem::realloc(p, n)
}
unsafe extern "C" fn default_free(_ctx: *mut c_void, p: *mut c_void) {
    if !p.is_null() {
        mem::free(p)
    }
}

const DEFAULT: PyMemAllocatorEx = PyMemAllocatorEx {
    ctx: std::ptr::null_mut(),
    malloc: Some(default_malloc),
    calloc: Some(default_calloc),
    realloc: Some(default_realloc),
    free: Some(default_free),
};

/// Calls a domain's allocator function: the installed one, or the default.
macro_rules! dispatch {
    ($domain:expr, $f:ident ( $($arg:expr),* )) => {{
        match custom($domain) {
            Some(a) => match a.$f {
                Some(f) => f(a.ctx, $($arg),*),
                None => (DEFAULT.$f.unwrap())(std::ptr::null_mut(), $($arg),*),
            },
            None => (DEFAULT.$f.unwrap())(std::ptr::null_mut(), $($arg),*),
        }
    }};
}

/// Defines the four functions of one domain.
macro_rules! domain_functions {
    ($domain:expr, $malloc:ident, $calloc:ident, $realloc:ident, $free:ident) => {
        #[no_mangle]
        pub unsafe extern "C" fn $malloc(n: usize) -> *mut c_void {
            dispatch!($domain, malloc(n))
        }
        #[no_mangle]
        pub unsafe extern "C" fn $calloc(n: usize, size: usize) -> *mut c_void {
            dispatch!($domain, calloc(n, size))
        }
        #[no_mangle]
        pub unsafe extern "C" fn $realloc(p: *mut c_void, n: usize) -> *mut c_void {
            dispatch!($domain, realloc(p, n))
        }
        #[no_mangle]
        pub unsafe extern "C" fn $free(p: *mut c_void) {
            dispatch!($domain, free(p))
        }
    };
}

domain_functions!(DOMAIN_RAW, PyMem_RawMalloc, PyMem_RawCalloc, PyMem_RawRealloc, PyMem_RawFree);
domain_functions!(DOMAIN_MEM, PyMem_Malloc, PyMem_Calloc, PyMem_Realloc, PyMem_Free);
domain_functions!(DOMAIN_OBJ, PyObject_Malloc, PyObject_Calloc, PyObject_Realloc, PyObject_Free);

/// The allocator of `domain` (0 raw, 1 mem, 2 object); an unknown domain gives all NULL.
#[no_mangle]
pub unsafe extern "C" fn PyMem_GetAllocator(domain: c_int, allocator: *mut PyMemAllocatorEx) {
    let d = domain as usize;
    *allocator = if d <= DOMAIN_OBJ {
        match custom(d) {
            Some(a) => PyMemAllocatorEx { ..*a },
            None => DEFAULT,
        }
    } else {
        PyMemAllocatorEx { ctx: std::ptr::null_mut(), malloc: None, calloc: None, realloc: None, free: None }
    };
}

#[no_mangle]
pub unsafe extern "C" fn PyMem_SetAllocator(domain: c_int, allocator: *mut PyMemAllocatorEx) {
    let d = domain as usize;
    if d > DOMAIN_OBJ || allocator.is_null() {
        return;
    }
    let a = &*allocator;
    let is_default = a.malloc.map(|f| f as usize) == DEFAULT.malloc.map(|f| f as usize)
        && a.free.map(|f| f as usize) == DEFAULT.free.map(|f| f as usize)
        && a.calloc.map(|f| f as usize) == DEFAULT.calloc.map(|f| f as usize)
        && a.realloc.map(|f| f as usize) == DEFAULT.realloc.map(|f| f as usize);
    (*(&raw mut CUSTOM))[d] = if is_default { None } else { Some(PyMemAllocatorEx { ..*a }) };
}

/// CPython names its allocators ("pymalloc", "malloc", with "_debug"); Ferric's default is a
/// plain allocator without debug hooks, so "malloc"; NULL once one is replaced, as CPython.
#[no_mangle]
pub unsafe extern "C" fn _PyMem_GetCurrentAllocatorName() -> *const std::ffi::c_char {
    if (0..3).any(|d| custom(d).is_some()) {
        return std::ptr::null();
    }
    c"malloc".as_ptr()
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Init(op: *mut PyObject, tp: *mut PyTypeObject) -> *mut PyObject {
    if op.is_null() {
        return rt::objects::exceptions::no_memory_ptr();
    }
    typeobject::init_object(op, tp);
    op
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_InitVar(op: *mut PyVarObject, tp: *mut PyTypeObject, size: Py_ssize_t) -> *mut PyVarObject {
    if op.is_null() {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    }
    typeobject::init_object(op as *mut PyObject, tp);
    (*op).ob_size = size;
    op
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_New(tp: *mut PyTypeObject) -> *mut PyObject {
    let op = PyObject_Malloc((*tp).tp_basicsize as usize) as *mut PyObject;
    PyObject_Init(op, tp)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let op = PyObject_Malloc(size) as *mut PyVarObject;
    PyObject_InitVar(op, tp, n)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_New(tp: *mut PyTypeObject) -> *mut PyObject {
    let op = gc::alloc((*tp).tp_basicsize as usize);
    PyObject_Init(op, tp)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_NewVar(tp: *mut PyTypeObject, n: Py_ssize_t) -> *mut PyVarObject {
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let op = gc::alloc(size) as *mut PyVarObject;
    PyObject_InitVar(op, tp, n)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GC_Resize(op: *mut PyVarObject, n: Py_ssize_t) -> *mut PyVarObject {
    let tp = (*op).ob_base.ob_type;
    let Some(size) = typeobject::var_size(tp, n) else {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    };
    let r = gc::realloc(op as *mut PyObject, size) as *mut PyVarObject;
    if r.is_null() {
        return rt::objects::exceptions::no_memory_ptr() as *mut PyVarObject;
    }
    (*r).ob_size = n;
    r
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Track(op: *mut c_void) {
    gc::track(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_UnTrack(op: *mut c_void) {
    gc::untrack(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_Del(op: *mut c_void) {
    gc::untrack(op as *mut PyObject);
    gc::free(op as *mut PyObject)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsTracked(op: *mut PyObject) -> std::ffi::c_int {
    (typeobject::has_feature(type_of(op), Py_TPFLAGS_HAVE_GC) && gc::is_tracked(op)) as std::ffi::c_int
}

use crate::rt;
