//! `MiMalloc`: a `GlobalAlloc` on mimalloc. The compiler allocates many small AST and
//! instruction nodes; glibc malloc took over a quarter of its time, mimalloc far less.
//! The runtime uses the same heap for PyMem_*/PyObject_*, so one allocator serves both.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

pub struct MiMalloc;

// Safety: mimalloc returns blocks aligned as asked, or null on failure, and accepts in
// mi_free/mi_realloc_aligned exactly the blocks it returned, which is GlobalAlloc's contract.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr as *mut c_void)
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
    }
}
