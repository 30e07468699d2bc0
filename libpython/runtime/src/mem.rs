//! The allocator behind `PyMem_*` and `PyObject_*` memory functions: mimalloc.
//! Zero-byte requests return a unique non-NULL pointer, as CPython's allocators do.

use libmimalloc_sys as mi;
use std::ffi::c_void;

#[inline]
pub unsafe fn malloc(size: usize) -> *mut c_void {
    mi::mi_malloc(size.max(1))
}

#[inline]
pub unsafe fn calloc(n: usize, size: usize) -> *mut c_void {
    match n.checked_mul(size) {
        Some(total) => mi::mi_zalloc(total.max(1)),
        None => std::ptr::null_mut(),
    }
}

#[inline]
pub unsafe fn realloc(p: *mut c_void, size: usize) -> *mut c_void {
    mi::mi_realloc(p, size.max(1))
}

#[inline]
pub unsafe fn free(p: *mut c_void) {
    mi::mi_free(p)
}
