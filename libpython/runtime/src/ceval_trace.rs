//! Tracing and profiling (`sys.settrace`, `sys.setprofile`, `PyEval_SetTrace/SetProfile`):
//! the events of CPython 3.11's eval loop at the same points, with the same arguments.
//! The loop asks `active()` before each instruction; everything else is here.
//!
//! - `call`: at RESUME (a frame's start and every generator resumption), and on `throw()`.
//! - `line`: before an instruction that starts a new line, or that is reached by a jump
//!   backwards (except SEND's loop in `yield from`), if the frame's `f_trace_lines`.
//! - `opcode`: before every traced instruction, if the frame's `f_trace_opcodes`.
//! - `return`: at RETURN_VALUE and YIELD_VALUE, and with None when an exception leaves.
//! - `exception`: when an exception is raised in (or propagates into) a frame.
//! - `c_call`/`c_return`/`c_exception` (profile only): around builtin function calls.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ceval_frame::{self as frame, Frame};
use crate::ffi::*;
use crate::object::*;
use crate::objects::{codeobject, frameobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::call;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

pub const PY_TRACE_CALL: c_int = 0;
pub const PY_TRACE_EXCEPTION: c_int = 1;
pub const PY_TRACE_LINE: c_int = 2;
pub const PY_TRACE_RETURN: c_int = 3;
pub const PY_TRACE_C_CALL: c_int = 4;
pub const PY_TRACE_C_EXCEPTION: c_int = 5;
pub const PY_TRACE_C_RETURN: c_int = 6;
pub const PY_TRACE_OPCODE: c_int = 7;

const EVENT_NAMES: [&str; 8] = ["call", "exception", "line", "return", "c_call", "c_exception", "c_return", "opcode"];

/// Does this thread have a trace or profile function, outside of one?
#[inline]
pub unsafe fn active(ts: *mut PyThreadState) -> bool {
    (*(*ts).cframe).use_tracing != 0
}

/// CPython's `_PyThreadState_UpdateTracingState`: extensions (Cython) read `use_tracing`.
unsafe fn update_tracing_state(ts: *mut PyThreadState) {
    let on = (*ts).tracing == 0 && ((*ts).c_tracefunc.is_some() || (*ts).c_profilefunc.is_some());
    (*(*ts).cframe).use_tracing = if on { 255 } else { 0 };
}

/// Runs `func(obj, frame, what, arg)` as CPython's `call_trace`: not while already tracing,
/// with `f_lineno` set to the traced instruction's line for the duration.
unsafe fn call_trace(func: Py_tracefunc, obj: *mut PyObject, f: *mut Frame, what: c_int, arg: *mut PyObject) -> PyResult<()> {
    let ts = crate::pystate::tstate();
    let Some(func) = func else { return Ok(()) };
    if (*ts).tracing != 0 || f.is_null() {
        return Ok(());
    }
    let fo = frameobject::get(f)?;
    let old_what = (*ts).tracing_what;
    (*ts).tracing_what = what;
    (*ts).tracing += 1;
    update_tracing_state(ts);
    let line = codeobject::line_at_index((*f).f_code, frame::lasti(f).max(0));
    let r = match line {
        Ok(line) => {
            (*fo).f_lineno = line;
            let r = func(obj, fo as *mut c_void, what, arg);
            (*fo).f_lineno = 0;
            r
        }
        Err(_) => -1,
    };
    (*ts).tracing -= 1;
    update_tracing_state(ts);
    (*ts).tracing_what = old_what;
    if r != 0 {
        return Err(crate::err::ErrSet::assume_set());
    }
    Ok(())
}

/// `call_trace` that keeps a pending exception unless the trace function raises its own.
unsafe fn call_trace_protected(func: Py_tracefunc, obj: *mut PyObject, f: *mut Frame, what: c_int, arg: *mut PyObject) -> PyResult<()> {
    let (t, v, tb) = err::fetch();
    match call_trace(func, obj, f, what, arg) {
        Ok(()) => {
            err::restore(t, v, tb);
            Ok(())
        }
        Err(e) => {
            xdecref(t);
            xdecref(v);
            xdecref(tb);
            Err(e)
        }
    }
}

/// The `call` event for both functions.
pub unsafe fn function_entry(f: *mut Frame) -> PyResult<()> {
    let ts = crate::pystate::tstate();
    call_trace_protected((*ts).c_tracefunc, (*ts).c_traceobj, f, PY_TRACE_CALL, noneobject::none())?;
    call_trace_protected((*ts).c_profilefunc, (*ts).c_profileobj, f, PY_TRACE_CALL, noneobject::none())
}

/// The `return` event for both functions; `retval` is NULL when an exception leaves.
pub unsafe fn function_exit(f: *mut Frame, retval: *mut PyObject) -> PyResult<()> {
    let ts = crate::pystate::tstate();
    call_trace_protected((*ts).c_tracefunc, (*ts).c_traceobj, f, PY_TRACE_RETURN, retval)?;
    call_trace_protected((*ts).c_profilefunc, (*ts).c_profileobj, f, PY_TRACE_RETURN, retval)
}

/// Before the instruction at `index` (its first code unit), after `prev` ran: the call
/// event at RESUME, else line and opcode events (CPython's `maybe_call_line_trace`).
pub unsafe fn instruction(f: *mut Frame, index: c_int, prev: c_int, opcode: u8) -> PyResult<()> {
    let co = (*f).f_code;
    if index < (*co)._co_firsttraceable {
        return Ok(());
    }
    if opcode == ferric_compiler::opcode::RESUME {
        return function_entry(f);
    }
    let ts = crate::pystate::tstate();
    if (*ts).c_tracefunc.is_none() || (*ts).tracing != 0 {
        return Ok(());
    }
    let last_line = if prev <= (*co)._co_firsttraceable { -1 } else { codeobject::line_at_index(co, prev)? };
    let line = codeobject::line_at_index(co, index)?;
    let fo = frameobject::get(f)?;
    if line != -1 && (*fo).f_trace_lines != 0 {
        let backward = index < prev && opcode != ferric_compiler::opcode::SEND;
        if line != last_line || backward {
            call_trace((*ts).c_tracefunc, (*ts).c_traceobj, f, PY_TRACE_LINE, noneobject::none())?;
        }
    }
    if (*fo).f_trace_opcodes != 0 {
        call_trace((*ts).c_tracefunc, (*ts).c_traceobj, f, PY_TRACE_OPCODE, noneobject::none())?;
    }
    Ok(())
}

/// The `exception` event, with (type, value, traceback), for the exception being raised.
/// A trace function that raises replaces the exception.
pub unsafe fn exception(f: *mut Frame) {
    let ts = crate::pystate::tstate();
    if (*ts).c_tracefunc.is_none() {
        return;
    }
    let (mut t, mut v, mut tb) = err::fetch();
    if v.is_null() {
        v = noneobject::none();
        incref(v);
    }
    let _ = crate::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    let tbo = if tb.is_null() { noneobject::none() } else { tb };
    let arg = match tuple::pack(&[t, v, tbo]) {
        Ok(a) => a,
        Err(_) => {
            err::restore(t, v, tb);
            return;
        }
    };
    if call_trace((*ts).c_tracefunc, (*ts).c_traceobj, f, PY_TRACE_EXCEPTION, arg.as_ptr()).is_ok() {
        err::restore(t, v, tb);
    } else {
        xdecref(t);
        xdecref(v);
        xdecref(tb);
    }
}

/// A call from the eval loop while tracing: builtin functions (and method descriptors
/// given a self) are reported to the profile function as CPython's `trace_call_function`.
pub unsafe fn call(callable: *mut PyObject, args: &[*mut PyObject], kwnames: *mut PyObject) -> PyResult<Obj> {
    let ts = crate::pystate::tstate();
    if (*ts).c_profilefunc.is_none() {
        return call::vectorcall(callable, args, kwnames);
    }
    if type_of(callable) == &raw mut crate::objects::methodobject::PyCFunction_Type {
        return c_traced(callable, || call::vectorcall(callable, args, kwnames));
    }
    if type_of(callable) == &raw mut crate::objects::descrobject::PyMethodDescr_Type && !args.is_empty() {
        let bound = bind_descriptor(callable, args[0])?;
        return c_traced(bound.as_ptr(), || call::vectorcall(bound.as_ptr(), &args[1..], kwnames));
    }
    call::vectorcall(callable, args, kwnames)
}

/// CALL_FUNCTION_EX's counterpart of `call` (CPython's `do_call_core`).
pub unsafe fn call_ex(callable: *mut PyObject, callargs: *mut PyObject, kwargs: *mut PyObject, plain: impl FnOnce(*mut PyObject, *mut PyObject) -> PyResult<Obj>) -> PyResult<Obj> {
    let ts = crate::pystate::tstate();
    if (*ts).c_profilefunc.is_none() {
        return plain(callable, callargs);
    }
    if type_of(callable) == &raw mut crate::objects::methodobject::PyCFunction_Type {
        return c_traced(callable, || plain(callable, callargs));
    }
    if type_of(callable) == &raw mut crate::objects::descrobject::PyMethodDescr_Type && size_of_var(callargs) > 0 {
        let bound = bind_descriptor(callable, tuple::get_item(callargs, 0))?;
        let rest = tuple::from_slice(&tuple::items(callargs)[1..])?;
        let _ = kwargs;
        return c_traced(bound.as_ptr(), || plain(bound.as_ptr(), rest.as_ptr()));
    }
    plain(callable, callargs)
}

unsafe fn bind_descriptor(descr: *mut PyObject, self_: *mut PyObject) -> PyResult<Obj> {
    let Some(get) = (*type_of(descr)).tp_descr_get else {
        return Err(raise(exc::system_error(), "method descriptor without __get__"));
    };
    Obj::from_owned(get(descr, self_, type_of(self_) as *mut PyObject))
}

/// CPython's `C_TRACE`: c_call, the call, then c_return or c_exception.
unsafe fn c_traced(func: *mut PyObject, run: impl FnOnce() -> PyResult<Obj>) -> PyResult<Obj> {
    let ts = crate::pystate::tstate();
    let f = frame::current();
    call_trace((*ts).c_profilefunc, (*ts).c_profileobj, f, PY_TRACE_C_CALL, func)?;
    let r = run();
    if (*ts).c_profilefunc.is_none() {
        return r;
    }
    match r {
        Err(e) => {
            let _ = call_trace_protected((*ts).c_profilefunc, (*ts).c_profileobj, f, PY_TRACE_C_EXCEPTION, func);
            Err(e)
        }
        Ok(v) => {
            call_trace((*ts).c_profilefunc, (*ts).c_profileobj, f, PY_TRACE_C_RETURN, func)?;
            Ok(v)
        }
    }
}

// ---- installing the functions ------------------------------------------------------------

/// PyEval_SetTrace for the calling thread.
pub unsafe fn set_trace(func: Py_tracefunc, arg: *mut PyObject) -> PyResult<()> {
    crate::modules::sys_hooks::audit("sys.settrace", &[])?;
    let ts = crate::pystate::tstate();
    install(ts, &raw mut (*ts).c_tracefunc, &raw mut (*ts).c_traceobj, func, arg);
    Ok(())
}

/// PyEval_SetProfile for the calling thread.
pub unsafe fn set_profile(func: Py_tracefunc, arg: *mut PyObject) -> PyResult<()> {
    crate::modules::sys_hooks::audit("sys.setprofile", &[])?;
    let ts = crate::pystate::tstate();
    install(ts, &raw mut (*ts).c_profilefunc, &raw mut (*ts).c_profileobj, func, arg);
    Ok(())
}

/// Replaces one hook; the old object is released only once the hook no longer points at it.
unsafe fn install(ts: *mut PyThreadState, func_slot: *mut Py_tracefunc, obj_slot: *mut *mut PyObject, func: Py_tracefunc, arg: *mut PyObject) {
    xincref(arg);
    let old = *obj_slot;
    *func_slot = None;
    *obj_slot = null_mut();
    xdecref(old);
    *func_slot = func;
    *obj_slot = arg;
    update_tracing_state(ts);
}

/// `_PyEval_CallTracing` (`sys.call_tracing`): runs `func(*args)` with tracing allowed again.
pub unsafe fn call_tracing(func: *mut PyObject, args: *mut PyObject) -> PyResult<Obj> {
    let ts = crate::pystate::tstate();
    let saved = (*ts).tracing;
    (*ts).tracing = 0;
    update_tracing_state(ts);
    let r = call::call(func, args, null_mut());
    (*ts).tracing = saved;
    update_tracing_state(ts);
    r
}

/// Calls a Python-level trace or profile function: `f_locals` is brought up to date first
/// and written back after, so debuggers can change variables (CPython's `call_trampoline`).
unsafe fn call_trampoline(callback: *mut PyObject, fo: *mut PyFrameObject, what: c_int, arg: *mut PyObject) -> PyResult<Obj> {
    let f = (*fo).f_frame;
    frameobject::locals(f)?;
    let event = str_::intern(EVENT_NAMES[what as usize])?;
    let arg = if arg.is_null() { noneobject::none() } else { arg };
    let r = call::vectorcall(callback, &[fo as *mut PyObject, event, arg], null_mut());
    frameobject::locals_to_fast(f);
    r
}

/// The Py_tracefunc behind `sys.settrace`: the global function for `call` events, the
/// frame's `f_trace` for the others; its result becomes the frame's `f_trace`.
unsafe extern "C" fn trace_trampoline(obj: *mut PyObject, frame_obj: *mut c_void, what: c_int, arg: *mut PyObject) -> c_int {
    let fo = frame_obj as *mut PyFrameObject;
    let callback = if what == PY_TRACE_CALL { obj } else { (*fo).f_trace };
    if callback.is_null() {
        return 0;
    }
    match crate::guard::catch(Err(crate::err::ErrSet::assume_set()), || call_trampoline(callback, fo, what, arg)) {
        Ok(r) => {
            if !noneobject::is_none(r.as_ptr()) {
                xsetref(&raw mut (*fo).f_trace, r.into_ptr());
            }
            0
        }
        Err(_) => {
            let (t, v, tb) = err::fetch();
            let _ = set_trace(None, null_mut());
            err::restore(t, v, tb);
            xsetref(&raw mut (*fo).f_trace, null_mut());
            -1
        }
    }
}

/// The Py_tracefunc behind `sys.setprofile`; an error removes the profile function.
unsafe extern "C" fn profile_trampoline(obj: *mut PyObject, frame_obj: *mut c_void, what: c_int, arg: *mut PyObject) -> c_int {
    let fo = frame_obj as *mut PyFrameObject;
    match crate::guard::catch(Err(crate::err::ErrSet::assume_set()), || call_trampoline(obj, fo, what, arg)) {
        Ok(_) => 0,
        Err(_) => {
            let (t, v, tb) = err::fetch();
            let _ = set_profile(None, null_mut());
            err::restore(t, v, tb);
            -1
        }
    }
}

// ---- the sys functions -------------------------------------------------------------------

unsafe fn set_hook(func: *mut PyObject, set: unsafe fn(Py_tracefunc, *mut PyObject) -> PyResult<()>, trampoline: Py_tracefunc) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if noneobject::is_none(func) {
            set(None, null_mut())?;
        } else {
            set(trampoline, func)?;
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe fn hook_or_none(o: *mut PyObject) -> *mut PyObject {
    let o = if o.is_null() { noneobject::none() } else { o };
    incref(o);
    o
}

unsafe extern "C" fn sys_settrace(_: *mut PyObject, func: *mut PyObject) -> *mut PyObject {
    set_hook(func, set_trace, Some(trace_trampoline))
}

unsafe extern "C" fn sys_gettrace(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    hook_or_none((*crate::pystate::tstate()).c_traceobj)
}

unsafe extern "C" fn sys_setprofile(_: *mut PyObject, func: *mut PyObject) -> *mut PyObject {
    set_hook(func, set_profile, Some(profile_trampoline))
}

unsafe extern "C" fn sys_getprofile(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    hook_or_none((*crate::pystate::tstate()).c_profileobj)
}

const fn meth(name: &'static std::ffi::CStr, f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject, flags: c_int) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: std::ptr::null() }
}

/// The tracing functions of `sys`, added to it by `modules::sys::init`.
pub static mut SYS_METHODS: [PyMethodDef; 5] = [
    meth(c"settrace", sys_settrace, METH_O),
    meth(c"gettrace", sys_gettrace, METH_NOARGS),
    meth(c"setprofile", sys_setprofile, METH_O),
    meth(c"getprofile", sys_getprofile, METH_NOARGS),
    crate::objects::typeobject::METHOD_END,
];

// ---- the C API ---------------------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyEval_SetTrace(func: Py_tracefunc, arg: *mut PyObject) {
    if set_trace(func, arg).is_err() {
        crate::report::write_unraisable("Exception ignored in", null_mut());
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_SetProfile(func: Py_tracefunc, arg: *mut PyObject) {
    if set_profile(func, arg).is_err() {
        crate::report::write_unraisable("Exception ignored in", null_mut());
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyThreadState_EnterTracing(ts: *mut PyThreadState) {
    (*ts).tracing += 1;
    update_tracing_state(ts);
}

#[no_mangle]
pub unsafe extern "C" fn PyThreadState_LeaveTracing(ts: *mut PyThreadState) {
    (*ts).tracing -= 1;
    update_tracing_state(ts);
}
