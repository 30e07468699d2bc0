//! The recursion limit: C-level recursion through slots (repr of nested lists, comparisons,
//! calls) counts against `sys.getrecursionlimit()` as in CPython 3.11, raising
//! RecursionError instead of overflowing the stack.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::pystate::tstate;

#[inline]
pub unsafe fn enter_recursive_call(where_: &str) -> PyResult<()> {
    let ts = tstate();
    (*ts).recursion_remaining -= 1;
    if (*ts).recursion_remaining < 0 {
        if (*ts).recursion_headroom != 0 {
            // Already handling an overflow: allow 50 more levels to build the exception.
            if (*ts).recursion_remaining < -50 {
                std::process::abort();
            }
            return Ok(());
        }
        (*ts).recursion_remaining += 1;
        (*ts).recursion_headroom += 1;
        let e = raise(exc::recursion_error(), format!("maximum recursion depth exceeded{where_}"));
        (*ts).recursion_headroom -= 1;
        return Err(e);
    }
    Ok(())
}

#[inline]
pub unsafe fn leave_recursive_call() {
    (*tstate()).recursion_remaining += 1;
}

thread_local! {
    /// The lowest usable address of this thread's stack, with a margin for the C code and
    /// Rust frames that run between two checks.
    static STACK_LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Bytes kept free below the deepest Python frame: room for C slots, extension code and
/// the error path.
const STACK_MARGIN: usize = 256 * 1024;

/// Is this thread's native stack nearly used up? Deep recursion then raises RecursionError
/// instead of overflowing the stack, whatever `sys.setrecursionlimit` says.
#[inline]
pub fn native_stack_exhausted() -> bool {
    // A real stack slot: a zero-sized value has no address of its own.
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let limit = STACK_LIMIT.with(|l| {
        if l.get() == 0 {
            l.set(stack_low_address() + STACK_MARGIN);
        }
        l.get()
    });
    here < limit
}

fn stack_low_address() -> usize {
    // Safety: pthread_getattr_np fills `attr` for the calling thread; we destroy it after.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return 0;
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let ok = libc::pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(&mut attr);
        if ok {
            addr as usize
        } else {
            0
        }
    }
}
