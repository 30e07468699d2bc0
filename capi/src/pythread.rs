//! `pythread.h`: locks, thread identities, new threads, and thread-specific storage
//! (`Python/thread_pthread.h`). A lock is CPython's kind: not re-entrant, and any thread may
//! release it (a binary semaphore, here a mutex-guarded flag and a condition variable).

use std::ffi::{c_int, c_ulong, c_void};
use crate::rt::pythread::RawLock;
use std::time::Duration;

#[allow(non_camel_case_types)]
pub type PyThread_type_lock = *mut c_void;

const PY_LOCK_FAILURE: c_int = 0;
const PY_LOCK_ACQUIRED: c_int = 1;

#[no_mangle]
pub extern "C" fn PyThread_allocate_lock() -> PyThread_type_lock {
    Box::into_raw(Box::new(RawLock::new())) as PyThread_type_lock
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_free_lock(lock: PyThread_type_lock) {
    if !lock.is_null() {
        // Safety: made by PyThread_allocate_lock; the caller frees it once.
        drop(Box::from_raw(lock as *mut RawLock));
    }
}

/// Takes the lock, waiting at most `timeout_us` microseconds (-1: forever, 0: not at all).
unsafe fn acquire(lock: PyThread_type_lock, timeout_us: i64) -> c_int {
    // Safety: a live lock from PyThread_allocate_lock.
    let l = &*(lock as *const RawLock);
    let timeout = (timeout_us >= 0).then(|| Duration::from_micros(timeout_us as u64));
    if l.acquire(timeout) {
        PY_LOCK_ACQUIRED
    } else {
        PY_LOCK_FAILURE
    }
}

/// 1 if taken; with `waitflag` 0 it does not wait.
#[no_mangle]
pub unsafe extern "C" fn PyThread_acquire_lock(lock: PyThread_type_lock, waitflag: c_int) -> c_int {
    acquire(lock, if waitflag != 0 { -1 } else { 0 })
}

/// PY_LOCK_ACQUIRED or PY_LOCK_FAILURE (this lock is never interrupted by signals).
#[no_mangle]
pub unsafe extern "C" fn PyThread_acquire_lock_timed(lock: PyThread_type_lock, microseconds: i64, _intr_flag: c_int) -> c_int {
    acquire(lock, if microseconds < 0 { -1 } else { microseconds })
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_release_lock(lock: PyThread_type_lock) {
    // Safety: a live lock from PyThread_allocate_lock.
    (*(lock as *const RawLock)).release();
}

#[no_mangle]
pub extern "C" fn PyThread_get_thread_ident() -> c_ulong {
    crate::rt::pythread::get_ident() as c_ulong
}

struct Start {
    func: unsafe extern "C" fn(*mut c_void),
    arg: *mut c_void,
}

extern "C" fn thread_main(p: *mut c_void) -> *mut c_void {
    // Safety: `p` is the Start boxed by PyThread_start_new_thread, handed over once.
    let start = unsafe { Box::from_raw(p as *mut Start) };
    // A panic must not unwind into the C thread start routine.
    let _ = std::panic::catch_unwind(|| unsafe { (start.func)(start.arg) });
    std::ptr::null_mut()
}

/// Runs `func(arg)` on a new detached thread; its identity, or `(unsigned long)-1`.
#[no_mangle]
pub unsafe extern "C" fn PyThread_start_new_thread(func: Option<unsafe extern "C" fn(*mut c_void)>, arg: *mut c_void) -> c_ulong {
    let Some(func) = func else { return c_ulong::MAX };
    let start = Box::into_raw(Box::new(Start { func, arg }));
    let mut tid: libc::pthread_t = 0;
    if libc::pthread_create(&mut tid, std::ptr::null(), thread_main, start as *mut c_void) != 0 {
        drop(Box::from_raw(start));
        return c_ulong::MAX;
    }
    libc::pthread_detach(tid);
    tid as c_ulong
}

use crate::rt::ffi::_Py_tss_t as Py_tss_t;

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_alloc() -> *mut Py_tss_t {
    let p = crate::memory::PyMem_RawMalloc(std::mem::size_of::<Py_tss_t>()) as *mut Py_tss_t;
    if !p.is_null() {
        (*p)._is_initialized = 0;
        (*p)._key = 0;
    }
    p
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_free(key: *mut Py_tss_t) {
    if !key.is_null() {
        PyThread_tss_delete(key);
        crate::memory::PyMem_RawFree(key as *mut c_void);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_is_created(key: *mut Py_tss_t) -> c_int {
    (*key)._is_initialized
}

/// 0 on success (also when already made), -1 on failure.
#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_create(key: *mut Py_tss_t) -> c_int {
    if (*key)._is_initialized != 0 {
        return 0;
    }
    if libc::pthread_key_create(&mut (*key)._key, None) != 0 {
        return -1;
    }
    (*key)._is_initialized = 1;
    0
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_delete(key: *mut Py_tss_t) {
    if (*key)._is_initialized == 0 {
        return;
    }
    libc::pthread_key_delete((*key)._key);
    (*key)._is_initialized = 0;
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_set(key: *mut Py_tss_t, value: *mut c_void) -> c_int {
    if libc::pthread_setspecific((*key)._key, value) == 0 {
        0
    } else {
        -1
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyThread_tss_get(key: *mut Py_tss_t) -> *mut c_void {
    libc::pthread_getspecific((*key)._key)
}
