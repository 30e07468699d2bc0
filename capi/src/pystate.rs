//! `pystate.h`: the calling thread's state. Until threads land, each OS thread has one, made
//! lazily (`rt::pystate`); the main thread's is `_PyRuntime.gilstate.tstate_current`.

use crate::rt::ffi::*;
use crate::rt::objects::dictobject as dict;
use crate::rt::pystate::tstate;
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
