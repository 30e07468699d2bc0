//! CPython's kind of lock (Python/thread_pthread.h): not re-entrant, and any thread may
//! release it, so a binary semaphore: a mutex-guarded flag and a condition variable.
//! `PyThread_*_lock` in the C API and `_thread.LockType` are both this.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct RawLock {
    locked: Mutex<bool>,
    freed: Condvar,
}

impl Default for RawLock {
    fn default() -> Self {
        Self::new()
    }
}

impl RawLock {
    pub const fn new() -> Self {
        RawLock { locked: Mutex::new(false), freed: Condvar::new() }
    }

    /// Takes the lock, waiting at most `timeout` (None: forever; zero: not at all).
    pub fn acquire(&self, timeout: Option<Duration>) -> bool {
        let Ok(mut locked) = self.locked.lock() else { return false };
        let deadline = timeout.map(|t| Instant::now() + t);
        while *locked {
            locked = match deadline {
                None => match self.freed.wait(locked) {
                    Ok(g) => g,
                    Err(_) => return false,
                },
                Some(d) => {
                    let now = Instant::now();
                    if now >= d {
                        return false;
                    }
                    match self.freed.wait_timeout(locked, d - now) {
                        Ok((g, _)) => g,
                        Err(_) => return false,
                    }
                }
            };
        }
        *locked = true;
        true
    }

    /// Frees the lock; false if it was not taken.
    pub fn release(&self) -> bool {
        let Ok(mut locked) = self.locked.lock() else { return false };
        let was = *locked;
        *locked = false;
        self.freed.notify_one();
        was
    }

    pub fn is_locked(&self) -> bool {
        self.locked.lock().map(|l| *l).unwrap_or(false)
    }
}

/// The calling thread's identity, as `threading.get_ident()` and PyThread_get_thread_ident.
pub fn get_ident() -> u64 {
    // Safety: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}
