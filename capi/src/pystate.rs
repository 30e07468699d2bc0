//! `pystate.h`: the calling thread's state. Until threads land, each OS thread has one, made
//! lazily (`rt::pystate`); the main thread's is `_PyRuntime.gilstate.tstate_current`.

use crate::rt::ffi::*;
use crate::rt::objects::dictobject as dict;
use crate::rt::pystate::tstate;
use crate::rt::runtime_state;
use std::ffi::c_int;
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Get() -> *mut PyThreadState {
    tstate()
}

#[no_mangle]
pub unsafe extern "C" fn _PyThreadState_UncheckedGet() -> *mut PyThreadState {
    tstate()
}

#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetID(ts: *mut PyThreadState) -> u64 {
    (*ts).id as u64
}

/// The thread state's dict for extensions' per-thread data, made on first use (borrowed).
#[no_mangle]
pub unsafe extern "C" fn _PyThreadState_GetDict(ts: *mut PyThreadState) -> *mut PyObject {
    if (*ts).dict.is_null() {
        match dict::new() {
            Ok(d) => (*ts).dict = d.into_ptr(),
            Err(_) => return null_mut(),
        }
    }
    (*ts).dict
}

/// As `_PyThreadState_GetDict` for the calling thread; NULL without an exception on failure.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetDict() -> *mut PyObject {
    let d = _PyThreadState_GetDict(tstate());
    if d.is_null() {
        crate::rt::err::clear();
    }
    d
}

// ---- the GIL's C API --------------------------------------------------------------------
//
// Ferric has no GIL yet (one thread runs Python code). These keep CPython's protocol as far
// as the thread states go: `_PyRuntime.gilstate.tstate_current` is the state of the thread
// "holding the GIL", NULL while it is released, which is what `_PyThreadState_GET()` in
// CPython's modules reads; every OS thread gets its state on first use.

const PYGILSTATE_LOCKED: c_int = 0;
const PYGILSTATE_UNLOCKED: c_int = 1;

fn current() -> *mut PyThreadState {
    // Safety: a read of the static's field.
    unsafe { (*runtime_state::runtime()).tstate_current }
}

/// Releases the GIL: the thread state is no longer current. Returns it for
/// `PyEval_RestoreThread`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_SaveThread() -> *mut PyThreadState {
    let ts = tstate();
    runtime_state::set_current_tstate(null_mut());
    ts
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_RestoreThread(ts: *mut PyThreadState) {
    runtime_state::set_current_tstate(if ts.is_null() { tstate() } else { ts });
}

/// Makes the calling thread's state current (making one if needed); LOCKED if it already
/// was, else UNLOCKED, for `PyGILState_Release`.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_Ensure() -> c_int {
    let ts = tstate();
    (*ts).gilstate_counter += 1;
    if current() == ts {
        PYGILSTATE_LOCKED
    } else {
        runtime_state::set_current_tstate(ts);
        PYGILSTATE_UNLOCKED
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyGILState_Release(state: c_int) {
    let ts = tstate();
    (*ts).gilstate_counter -= 1;
    if state == PYGILSTATE_UNLOCKED {
        runtime_state::set_current_tstate(null_mut());
    }
}

/// The calling thread's state (every thread has one in Ferric).
#[no_mangle]
pub unsafe extern "C" fn PyGILState_GetThisThreadState() -> *mut PyThreadState {
    tstate()
}

/// 1 if the calling thread's state is the current one.
#[no_mangle]
pub unsafe extern "C" fn PyGILState_Check() -> c_int {
    (current() == tstate()) as c_int
}

/// Makes `ts` current and returns the previous current state.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_Swap(ts: *mut PyThreadState) -> *mut PyThreadState {
    let old = current();
    runtime_state::set_current_tstate(ts);
    old
}

/// The frame `ts` is running (a new reference), NULL if none; only the calling thread's
/// frames are known.
#[no_mangle]
pub unsafe extern "C" fn PyThreadState_GetFrame(ts: *mut PyThreadState) -> *mut PyFrameObject {
    if ts != tstate() {
        return null_mut();
    }
    let f = crate::rt::ceval_frame::first_complete(crate::rt::ceval_frame::current());
    if f.is_null() {
        return null_mut();
    }
    match crate::rt::objects::frameobject::get(f) {
        Ok(fo) => {
            crate::rt::object::incref(fo as *mut PyObject);
            fo
        }
        Err(_) => {
            crate::rt::err::clear();
            null_mut()
        }
    }
}
