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
