//! The native stack under the eval loop. Python-to-Python calls recurse on the Rust stack,
//! so a raised `sys.setrecursionlimit` would overflow the thread's stack long before the
//! limit (CPython 3.11 runs Python calls inline and is bounded by its limit alone). When the
//! current stack runs low, the next frame runs on a fresh segment mapped for it: the limit
//! stays the only bound, as in CPython, and the stack never overflows.

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

/// Bytes kept free below the deepest Python frame: room for C slots, extension code and
/// the error path.
const STACK_MARGIN: usize = 256 * 1024;

/// Each extra segment: reserved, not committed; pages are touched only as the recursion goes.
const SEGMENT_SIZE: usize = 64 << 20;

/// A guard page at the low end of each segment turns a missed check into a fault, not
/// silent corruption of the neighbouring mapping.
const GUARD_SIZE: usize = 64 << 10;

/// The most address space all segments of one thread may reserve; past it, RecursionError.
const MAX_SEGMENTS_BYTES: usize = 16 << 30;

/// Segments kept mapped after use, so a recursion that oscillates at a segment boundary
/// does not map and unmap on every call.
const SPARE_SEGMENTS: usize = 2;

struct Segment {
    base: *mut u8,
}

thread_local! {
    /// The lowest usable address of the stack in use, margin included (0 = not yet known).
    static STACK_LIMIT: Cell<usize> = const { Cell::new(0) };
    static SEGMENT_BYTES: Cell<usize> = const { Cell::new(0) };
    static SPARE: RefCell<Vec<Segment>> = const { RefCell::new(Vec::new()) };
}

/// Is the stack in use nearly exhausted?
#[inline]
pub fn exhausted() -> bool {
    // A real stack slot: a zero-sized value has no address of its own.
    let marker = 0u8;
    let here = std::hint::black_box(&marker) as *const u8 as usize;
    let limit = STACK_LIMIT.with(|l| {
        if l.get() == 0 {
            l.set(thread_stack_low_address() + STACK_MARGIN);
        }
        l.get()
    });
    here < limit
}

fn thread_stack_low_address() -> usize {
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

fn map_segment() -> Option<Segment> {
    if let Some(s) = SPARE.with(|s| s.borrow_mut().pop()) {
        return Some(s);
    }
    if SEGMENT_BYTES.get() + SEGMENT_SIZE > MAX_SEGMENTS_BYTES {
        return None;
    }
    // Safety: a fresh anonymous private mapping; nothing else refers to it.
    unsafe {
        let p = libc::mmap(
            std::ptr::null_mut(),
            SEGMENT_SIZE,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE | libc::MAP_STACK,
            -1,
            0,
        );
        if p == libc::MAP_FAILED {
            return None;
        }
        if libc::mprotect(p, GUARD_SIZE, libc::PROT_NONE) != 0 {
            libc::munmap(p, SEGMENT_SIZE);
            return None;
        }
        SEGMENT_BYTES.set(SEGMENT_BYTES.get() + SEGMENT_SIZE);
        Some(Segment { base: p as *mut u8 })
    }
}

fn release_segment(seg: Segment) {
    let kept = SPARE.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() < SPARE_SEGMENTS {
            s.push(Segment { base: seg.base });
            true
        } else {
            false
        }
    });
    if !kept {
        // Safety: the segment was mapped by map_segment and no frame lives on it any more.
        unsafe { libc::munmap(seg.base as *mut c_void, SEGMENT_SIZE) };
        SEGMENT_BYTES.set(SEGMENT_BYTES.get() - SEGMENT_SIZE);
    }
}

/// Runs `f` on a fresh stack segment; None when no more address space may be reserved.
/// A panic in `f` is carried back across the switch and resumed on the original stack.
pub fn on_new_segment<F: FnOnce() -> R, R>(f: F) -> Option<R> {
    let seg = map_segment()?;
    let old_limit = STACK_LIMIT.replace(seg.base as usize + GUARD_SIZE + STACK_MARGIN);
    let mut slot: Trampoline<F, R> = Trampoline { f: Some(f), result: None };
    // The top of the segment, 16-byte aligned as the ABI wants at a call.
    let top = (seg.base as usize + SEGMENT_SIZE) & !15;
    // Safety: `top` is the high end of a writable mapping owned by this thread for the
    // duration of the call; `trampoline::<F, R>` matches the pointer it is given.
    unsafe { switch_and_call(top, trampoline::<F, R>, &mut slot as *mut Trampoline<F, R> as *mut c_void) };
    STACK_LIMIT.set(old_limit);
    release_segment(seg);
    match slot.result? {
        Ok(r) => Some(r),
        Err(payload) => resume_unwind(payload),
    }
}

struct Trampoline<F, R> {
    f: Option<F>,
    result: Option<std::thread::Result<R>>,
}

extern "C" fn trampoline<F: FnOnce() -> R, R>(p: *mut c_void) {
    // Safety: on_new_segment passes a live Trampoline<F, R> that nothing else touches.
    let t = unsafe { &mut *(p as *mut Trampoline<F, R>) };
    if let Some(f) = t.f.take() {
        // No unwind may cross the stack switch.
        t.result = Some(catch_unwind(AssertUnwindSafe(f)));
    }
}

/// Calls `f(arg)` with the stack pointer at `top`, then restores the caller's stack.
#[cfg(target_arch = "x86_64")]
unsafe fn switch_and_call(top: usize, f: extern "C" fn(*mut c_void), arg: *mut c_void) {
    // r12 is callee-saved, so it holds the old stack pointer across the call.
    std::arch::asm!(
        "mov r12, rsp",
        "mov rsp, {top}",
        "call {f}",
        "mov rsp, r12",
        top = in(reg) top,
        f = in(reg) f,
        in("rdi") arg,
        out("r12") _,
        clobber_abi("C"),
    );
}

#[cfg(target_arch = "aarch64")]
unsafe fn switch_and_call(top: usize, f: extern "C" fn(*mut c_void), arg: *mut c_void) {
    // x20 is callee-saved, so it holds the old stack pointer across the call.
    std::arch::asm!(
        "mov x20, sp",
        "mov sp, {top}",
        "blr {f}",
        "mov sp, x20",
        top = in(reg) top,
        f = in(reg) f,
        in("x0") arg,
        out("x20") _,
        clobber_abi("C"),
    );
}
