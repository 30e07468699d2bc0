//! Interpreter frames: CPython 3.11's `_PyInterpreterFrame` (the header, then `localsplus`:
//! locals, cells and free variables, then the value stack). A frame is owned by the thread
//! that runs it (heap memory, freed on return), by a generator (inline in the generator
//! object), or by a frame object that outlived the call (a traceback keeps it).

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{functionobject as func, tupleobject as tuple};
use std::ffi::{c_char, c_int};
use std::mem::offset_of;
use std::ptr::null_mut;

pub type Frame = _PyInterpreterFrame;

pub const OWNED_BY_THREAD: c_char = 0;
pub const OWNED_BY_GENERATOR: c_char = 1;
pub const OWNED_BY_FRAME_OBJECT: c_char = 2;

/// Bytes before `localsplus`.
pub const HEADER_SIZE: usize = offset_of!(Frame, localsplus);

#[inline]
pub unsafe fn code_units(co: *mut PyCodeObject) -> *mut u16 {
    (&raw mut (*co).co_code_adaptive) as *mut u16
}

/// Size in bytes of a frame for `co`.
#[inline]
pub unsafe fn size_for(co: *mut PyCodeObject) -> usize {
    HEADER_SIZE + ((*co).co_nlocalsplus as usize + (*co).co_stacksize as usize) * std::mem::size_of::<*mut PyObject>()
}

#[inline(always)]
pub unsafe fn localsplus(f: *mut Frame) -> *mut *mut PyObject {
    (&raw mut (*f).localsplus) as *mut *mut PyObject
}

#[inline(always)]
pub unsafe fn stack_base(f: *mut Frame) -> *mut *mut PyObject {
    localsplus(f).add((*(*f).f_code).co_nlocalsplus as usize)
}

/// The index (in code units) of the instruction last started, as `f_lasti / 2`.
#[inline]
pub unsafe fn lasti(f: *mut Frame) -> c_int {
    (*f).prev_instr.offset_from(code_units((*f).f_code)) as c_int
}

/// Fills a frame header for `function` (borrowed) with empty locals. `locals` (borrowed,
/// may be NULL) is the namespace of module and class bodies.
pub unsafe fn init(f: *mut Frame, function: *mut PyObject, locals: *mut PyObject) {
    let co = func::code(function);
    let fo = func::raw(function);
    incref(function);
    (*f).f_func = function;
    incref(co as *mut PyObject);
    (*f).f_code = co;
    (*f).f_globals = (*fo).func_globals;
    (*f).f_builtins = (*fo).func_builtins;
    xincref(locals);
    (*f).f_locals = locals;
    (*f).frame_obj = null_mut();
    (*f).previous = null_mut();
    (*f).prev_instr = code_units(co).wrapping_sub(1);
    (*f).stacktop = (*co).co_nlocalsplus;
    (*f).is_entry = false;
    (*f).owner = OWNED_BY_THREAD;
    std::ptr::write_bytes(localsplus(f), 0, (*co).co_nlocalsplus as usize);
}

/// A thread-owned frame for a call of `function`.
pub unsafe fn alloc(function: *mut PyObject, locals: *mut PyObject) -> PyResult<*mut Frame> {
    let co = func::code(function);
    let f = crate::mem::malloc(size_for(co)) as *mut Frame;
    if f.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    init(f, function, locals);
    Ok(f)
}

/// Drops what the frame holds: its locals and stack up to `stacktop`, the function, code and
/// locals mapping. A frame object that is still referenced takes the frame over instead.
pub unsafe fn clear(f: *mut Frame) {
    let fo = (*f).frame_obj;
    if !fo.is_null() {
        if (*(fo as *mut PyObject)).ob_refcnt > 1 {
            crate::objects::frameobject::take_ownership(fo, f);
            decref(fo as *mut PyObject);
            return;
        }
        (*fo).f_frame = null_mut();
        (*f).frame_obj = null_mut();
        decref(fo as *mut PyObject);
    }
    clear_contents(f);
}

/// Releases the references a frame holds, without looking at its frame object.
pub unsafe fn clear_contents(f: *mut Frame) {
    let lp = localsplus(f);
    for i in 0..(*f).stacktop.max(0) as usize {
        xdecref(*lp.add(i));
        *lp.add(i) = null_mut();
    }
    (*f).stacktop = 0;
    xdecref((*f).f_locals);
    (*f).f_locals = null_mut();
    decref((*f).f_func);
    decref((*f).f_code as *mut PyObject);
}

/// Clears and frees a thread-owned frame after its call returned.
pub unsafe fn clear_and_free(f: *mut Frame) {
    let fo = (*f).frame_obj;
    clear(f);
    // A frame object that took the frame over frees it later.
    if fo.is_null() || (*f).owner != OWNED_BY_FRAME_OBJECT {
        crate::mem::free(f as *mut _);
    }
}

/// Copies a frame's header and live slots to `dst` (which has room for the same code).
pub unsafe fn copy(src: *mut Frame, dst: *mut Frame) {
    let n = HEADER_SIZE + (*src).stacktop.max(0) as usize * std::mem::size_of::<*mut PyObject>();
    std::ptr::copy_nonoverlapping(src as *const u8, dst as *mut u8, n);
}

/// The closure cells of `function` go to the free-variable slots (COPY_FREE_VARS).
pub unsafe fn copy_free_vars(f: *mut Frame, n: usize) {
    let closure = (*func::raw((*f).f_func)).func_closure;
    let co = (*f).f_code;
    let offset = (*co).co_nlocalsplus as usize - n;
    for i in 0..n {
        let c = tuple::get_item(closure, i as Py_ssize_t);
        incref(c);
        *localsplus(f).add(offset + i) = c;
    }
}

/// The thread's innermost running frame.
#[inline]
pub unsafe fn current() -> *mut Frame {
    let ts = crate::pystate::tstate();
    (*(*ts).cframe).current_frame as *mut Frame
}

#[inline]
pub unsafe fn set_current(f: *mut Frame) {
    let ts = crate::pystate::tstate();
    (*(*ts).cframe).current_frame = f as *mut _;
}

/// Is this frame past its prologue (CPython's `_PyFrame_IsIncomplete` negated)? Frames still
/// making cells and copying free variables are not shown in tracebacks or `sys._getframe`.
pub unsafe fn is_complete(f: *mut Frame) -> bool {
    (*f).owner == OWNED_BY_GENERATOR || lasti(f) >= (*(*f).f_code)._co_firsttraceable
}

/// The first complete frame at or below `f`.
pub unsafe fn first_complete(mut f: *mut Frame) -> *mut Frame {
    while !f.is_null() && !is_complete(f) {
        f = (*f).previous;
    }
    f
}
