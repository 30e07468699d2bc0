//! Thread states. Until threads land there is one: the main thread's, made at start-up.

use crate::ffi::*;
use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<*mut PyThreadState> = const { Cell::new(std::ptr::null_mut()) };
}

pub const DEFAULT_RECURSION_LIMIT: i32 = 1000;

/// The thread state of the calling thread. Made lazily, so the error indicator works even
/// before `Py_Initialize` (CPython would crash there; we stay defined).
#[inline]
pub fn tstate() -> *mut PyThreadState {
    CURRENT.with(|c| {
        let ts = c.get();
        if !ts.is_null() {
            return ts;
        }
        let ts = new_thread_state();
        c.set(ts);
        // Until threads and the GIL land, the first thread state (the main thread's) is the
        // one `_PyThreadState_GET()` in CPython's modules sees.
        // Safety: a read of the static's field.
        if unsafe { (*crate::runtime_state::runtime()).tstate_current.is_null() } {
            crate::runtime_state::set_current_tstate(ts);
        }
        ts
    })
}

fn new_thread_state() -> *mut PyThreadState {
    // Safety: PyThreadState is plain data (pointers, integers, Option<fn>), valid when zeroed.
    let ts: *mut PyThreadState = Box::into_raw(Box::new(unsafe { std::mem::zeroed() }));
    // Safety: ts is a fresh, exclusively owned allocation.
    unsafe {
        (*ts)._initialized = 1;
        (*ts).recursion_limit = DEFAULT_RECURSION_LIMIT;
        (*ts).recursion_remaining = DEFAULT_RECURSION_LIMIT;
        (*ts).recursion_headroom = 0;
        (*ts).gilstate_counter = 1;
        (*ts).thread_id = libc::pthread_self() as _;
        (*ts).native_thread_id = libc::gettid() as _;
        (*ts).exc_info = &mut (*ts).exc_state;
        (*ts).cframe = &mut (*ts).root_cframe;
        (*ts).id = 1;
    }
    ts
}
