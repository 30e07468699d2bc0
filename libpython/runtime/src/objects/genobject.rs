//! Generators, coroutines and async generators (CPython's genobject.c). All three are
//! `PyGenObject`s whose interpreter frame lives inline at `gi_iframe`; `RETURN_GENERATOR`
//! copies the function's frame there, and each `send` resumes it with `eval_frame`.

use crate::ceval_frame::{self as frame, Frame, OWNED_BY_GENERATOR};
use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, getset, GETSET_END, METHOD_END};
use crate::objects::{exceptions, functionobject as func, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

// Frame states (CPython's `_framestate`).
const FRAME_CREATED: i8 = -2;
const FRAME_SUSPENDED: i8 = -1;
const FRAME_EXECUTING: i8 = 0;
const FRAME_COMPLETED: i8 = 1;
const FRAME_CLEARED: i8 = 4;

const GEN_FRAME_OFFSET: usize = offset_of!(PyGenObject, gi_iframe);

macro_rules! gen_type {
    ($name:ident, $tpname:expr, $iter:expr, $next:expr, $methods:ident, $getset:ident, $async:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: GEN_FRAME_OFFSET as _,
            tp_itemsize: std::mem::size_of::<*mut PyObject>() as _,
            tp_dealloc: Some(gen_dealloc),
            tp_as_async: $async,
            tp_repr: Some(gen_repr),
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(gen_traverse),
            tp_weaklistoffset: offset_of!(PyGenObject, gi_weakreflist) as _,
            tp_iter: $iter,
            tp_iternext: $next,
            tp_methods: (&raw mut $methods) as *mut PyMethodDef,
            tp_getset: (&raw mut $getset) as *mut PyGetSetDef,
            tp_finalize: Some(gen_finalize),
            ..PyTypeObject::EMPTY
        };
    };
}

gen_type!(PyGen_Type, c"generator", Some(crate::objects::iterobject::self_iter), Some(gen_iternext), GEN_METHODS, GEN_GETSET, null_mut());
gen_type!(PyCoro_Type, c"coroutine", None, None, CORO_METHODS, CORO_GETSET, &raw mut CORO_AS_ASYNC);
gen_type!(PyAsyncGen_Type, c"async_generator", None, None, ASYNC_GEN_METHODS, ASYNC_GEN_GETSET, &raw mut ASYNC_GEN_AS_ASYNC);

static mut CORO_AS_ASYNC: PyAsyncMethods = PyAsyncMethods { am_await: Some(coro_await), am_aiter: None, am_anext: None, am_send: None };
static mut ASYNC_GEN_AS_ASYNC: PyAsyncMethods = PyAsyncMethods { am_await: None, am_aiter: Some(crate::objects::iterobject::self_iter), am_anext: Some(async_gen_anext), am_send: None };

const fn method(name: &'static std::ffi::CStr, f: PyCFunction, flags: c_int) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: f, ml_flags: flags, ml_doc: std::ptr::null() }
}

static mut GEN_METHODS: [PyMethodDef; 4] = [
    method(c"send", Some(gen_send_method), METH_O),
    method(c"throw", Some(unsafe_fastcall(gen_throw_method)), METH_FASTCALL),
    method(c"close", Some(gen_close_method), METH_NOARGS),
    METHOD_END,
];
static mut CORO_METHODS: [PyMethodDef; 4] = [
    method(c"send", Some(gen_send_method), METH_O),
    method(c"throw", Some(unsafe_fastcall(gen_throw_method)), METH_FASTCALL),
    method(c"close", Some(gen_close_method), METH_NOARGS),
    METHOD_END,
];
static mut ASYNC_GEN_METHODS: [PyMethodDef; 5] = [
    typeobject::method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    method(c"asend", Some(async_gen_asend), METH_O),
    method(c"athrow", Some(unsafe_fastcall(async_gen_athrow)), METH_FASTCALL),
    method(c"aclose", Some(async_gen_aclose), METH_NOARGS),
    METHOD_END,
];

/// A METH_FASTCALL function stored in the `PyCFunction` slot, as C does with a cast.
const fn unsafe_fastcall(f: unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject) -> unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject {
    // Safety: both are C function pointers; the METH_FASTCALL flag makes callers use the
    // three-argument signature, as CPython's tables do.
    unsafe { std::mem::transmute(f) }
}

static mut GEN_GETSET: [PyGetSetDef; 8] = [
    getset(c"__name__", Some(get_name), Some(set_name)),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    getset(c"gi_code", Some(get_code), None),
    getset(c"gi_frame", Some(get_frame), None),
    getset(c"gi_running", Some(get_running), None),
    getset(c"gi_suspended", Some(get_suspended), None),
    getset(c"gi_yieldfrom", Some(get_yieldfrom), None),
    GETSET_END,
];
static mut CORO_GETSET: [PyGetSetDef; 9] = [
    getset(c"__name__", Some(get_name), Some(set_name)),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    getset(c"cr_code", Some(get_code), None),
    getset(c"cr_frame", Some(get_frame), None),
    getset(c"cr_running", Some(get_running), None),
    getset(c"cr_suspended", Some(get_suspended), None),
    getset(c"cr_await", Some(get_yieldfrom), None),
    getset(c"cr_origin", Some(get_origin), None),
    GETSET_END,
];
static mut ASYNC_GEN_GETSET: [PyGetSetDef; 7] = [
    getset(c"__name__", Some(get_name), Some(set_name)),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    getset(c"ag_code", Some(get_code), None),
    getset(c"ag_frame", Some(get_frame), None),
    getset(c"ag_running", Some(get_running_async), None),
    getset(c"ag_await", Some(get_yieldfrom), None),
    GETSET_END,
];

#[inline]
unsafe fn raw(op: *mut PyObject) -> *mut PyGenObject {
    op as *mut PyGenObject
}

#[inline]
unsafe fn gen_frame(g: *mut PyGenObject) -> *mut Frame {
    (&raw mut (*g).gi_iframe) as *mut Frame
}

pub unsafe fn gen_check_exact(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyGen_Type
}

pub unsafe fn coro_check_exact(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyCoro_Type
}

pub unsafe fn async_gen_check_exact(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyAsyncGen_Type
}

/// The generator whose inline frame is `f`, if `f` belongs to one.
pub unsafe fn of_frame(f: *mut Frame) -> Option<*mut PyGenObject> {
    if (*f).owner == OWNED_BY_GENERATOR {
        Some((f as *mut u8).sub(GEN_FRAME_OFFSET) as *mut PyGenObject)
    } else {
        None
    }
}

pub unsafe fn mark_suspended(g: *mut PyGenObject) {
    (*g).gi_frame_state = FRAME_SUSPENDED;
}

pub unsafe fn mark_completed(g: *mut PyGenObject) {
    (*g).gi_frame_state = FRAME_COMPLETED;
}

/// RETURN_GENERATOR: a new generator (or coroutine, or async generator) taking over the
/// frame `f`, which stays with the caller empty.
pub unsafe fn make_from_frame(f: *mut Frame) -> PyResult<Obj> {
    let co = (*f).f_code;
    let flags = (*co).co_flags;
    let tp: *mut PyTypeObject = if flags & CO_COROUTINE != 0 {
        &raw mut PyCoro_Type
    } else if flags & CO_ASYNC_GENERATOR != 0 {
        &raw mut PyAsyncGen_Type
    } else {
        &raw mut PyGen_Type
    };
    let words = (frame::size_for(co) + 7) / 8;
    let op = crate::gc::alloc(GEN_FRAME_OFFSET + words * 8);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    crate::object::set_size(op, words as Py_ssize_t);
    let g = raw(op);
    let function = (*f).f_func;
    let fo = func::raw(function);
    incref(co as *mut PyObject);
    (*g).gi_code = co;
    (*g).gi_weakreflist = null_mut();
    incref((*fo).func_name);
    (*g).gi_name = (*fo).func_name;
    incref((*fo).func_qualname);
    (*g).gi_qualname = (*fo).func_qualname;
    (*g).gi_exc_state = _PyErr_StackItem { exc_value: null_mut(), previous_item: null_mut() };
    (*g).gi_origin_or_finalizer = null_mut();
    (*g).gi_hooks_inited = 0;
    (*g).gi_closed = 0;
    (*g).gi_running_async = 0;
    (*g).gi_frame_state = FRAME_CREATED;
    let gf = gen_frame(g);
    frame::copy(f, gf);
    (*gf).owner = OWNED_BY_GENERATOR;
    (*gf).previous = null_mut();
    (*gf).frame_obj = null_mut();
    // The copy took the caller's references; leave the caller a frame with nothing to drop
    // but its own function and code references.
    (*f).stacktop = 0;
    (*f).f_locals = null_mut();
    incref((*f).f_func);
    incref((*f).f_code as *mut PyObject);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

fn kind_name(op: *mut PyObject) -> &'static str {
    // Safety: op is a live generator-like object.
    unsafe {
        if coro_check_exact(op) {
            "coroutine"
        } else if async_gen_check_exact(op) {
            "async generator"
        } else {
            "generator"
        }
    }
}

/// What a resumption gave: a yielded value, or the frame's return value.
pub enum SendResult {
    Next(Obj),
    Return(Obj),
}

/// Resumes `gen` with `arg` (or with the pending exception when `exc`), CPython's
/// gen_send_ex2. Ok(None) is an exhausted generator asked from `__next__` (no value).
unsafe fn send_ex(op: *mut PyObject, arg: *mut PyObject, exc: bool, closing: bool) -> PyResult<Option<SendResult>> {
    let g = raw(op);
    let state = (*g).gi_frame_state;
    if state == FRAME_CREATED && !arg.is_null() && !noneobject::is_none(arg) && !exc {
        return Err(raise(exc::type_error(), format!("can't send non-None value to a just-started {}", kind_name(op))));
    }
    if state == FRAME_EXECUTING {
        return Err(raise(exc::value_error(), format!("{} already executing", kind_name(op))));
    }
    if state >= FRAME_COMPLETED {
        if coro_check_exact(op) && !closing {
            return Err(raise(exc::runtime_error(), "cannot reuse already awaited coroutine"));
        }
        if !arg.is_null() && !exc {
            return Ok(Some(SendResult::Return(Obj::from_borrowed(noneobject::none()))));
        }
        if exc {
            return Err(err::ErrSet::assume_set());
        }
        return Ok(None);
    }
    let f = gen_frame(g);
    let v = if arg.is_null() { noneobject::none() } else { arg };
    incref(v);
    *frame::localsplus(f).add((*f).stacktop as usize) = v;
    (*f).stacktop += 1;

    let ts = crate::pystate::tstate();
    (*g).gi_exc_state.previous_item = (*ts).exc_info;
    (*ts).exc_info = &raw mut (*g).gi_exc_state;
    if exc {
        chain_to_handled(&raw mut (*g).gi_exc_state);
    }
    (*g).gi_frame_state = FRAME_EXECUTING;
    let result = crate::ceval::eval_frame(f, exc);
    if (*g).gi_frame_state == FRAME_EXECUTING {
        (*g).gi_frame_state = FRAME_COMPLETED;
    }
    (*ts).exc_info = (*g).gi_exc_state.previous_item;
    (*g).gi_exc_state.previous_item = null_mut();
    (*f).previous = null_mut();

    if !result.is_null() {
        let r = Obj::from_owned_nonnull(result);
        if (*g).gi_frame_state == FRAME_SUSPENDED {
            return Ok(Some(SendResult::Next(r)));
        }
        clear_frame(g);
        if noneobject::is_none(r.as_ptr()) && !async_gen_check_exact(op) && arg.is_null() {
            return Ok(None);
        }
        return Ok(Some(SendResult::Return(r)));
    }
    // A StopIteration leaking out of the body becomes RuntimeError (PEP 479).
    if err::exception_matches(exc::stop_iteration()) {
        replace_with_cause(&format!("{} raised StopIteration", kind_name(op)));
    } else if async_gen_check_exact(op) && err::exception_matches(exc::stop_async_iteration()) {
        replace_with_cause("async generator raised StopAsyncIteration");
    }
    clear_frame(g);
    Err(err::ErrSet::assume_set())
}

/// Raises RuntimeError(msg) from the pending exception (`_PyErr_FormatFromCause`).
unsafe fn replace_with_cause(msg: &str) {
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
    if !tb.is_null() {
        exceptions::set_traceback_raw(v, tb);
    }
    xdecref(t);
    xdecref(tb);
    raise(exc::runtime_error(), msg);
    let (t2, mut v2, mut tb2) = err::fetch();
    let mut t2 = t2;
    let _ = exceptions::normalize(&mut t2, &mut v2, &mut tb2);
    let e = v2 as *mut PyBaseExceptionObject;
    incref(v);
    xsetref(&raw mut (*e).cause, v);
    xsetref(&raw mut (*e).context, v);
    (*e).suppress_context = 1;
    err::restore(t2, v2, tb2);
}

/// An exception thrown into a generator chains to what the generator was handling.
unsafe fn chain_to_handled(info: *mut _PyErr_StackItem) {
    let handled = (*info).exc_value;
    if handled.is_null() || noneobject::is_none(handled) {
        return;
    }
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
    if !v.is_null() && v != handled && exceptions::check(v) {
        let e = v as *mut PyBaseExceptionObject;
        incref(handled);
        xsetref(&raw mut (*e).context, handled);
    }
    err::restore(t, v, tb);
}

/// The frame can't be resumed again: drop what it holds.
unsafe fn clear_frame(g: *mut PyGenObject) {
    if (*g).gi_frame_state == FRAME_CLEARED {
        return;
    }
    xsetref(&raw mut (*g).gi_exc_state.exc_value, null_mut());
    (*g).gi_frame_state = FRAME_CLEARED;
    let f = gen_frame(g);
    (*f).previous = null_mut();
    frame::clear(f);
}

/// The object a suspended `yield from`/`await` delegates to (CPython's `_PyGen_yf`).
unsafe fn yielded_from(g: *mut PyGenObject) -> Option<Obj> {
    let state = (*g).gi_frame_state;
    if state == FRAME_CREATED || state >= FRAME_COMPLETED {
        return None;
    }
    let f = gen_frame(g);
    let next = *(*f).prev_instr.add(1);
    if (next & 0xff) as u8 != ferric_compiler::opcode::RESUME || (next >> 8) < 2 {
        return None;
    }
    let top = *frame::localsplus(f).add((*f).stacktop as usize - 1);
    Some(Obj::from_borrowed(top))
}

/// SEND, and PyIter_Send: generators and coroutines resume directly, other iterators go
/// through `__next__` or `send`.
pub unsafe fn send(receiver: *mut PyObject, v: *mut PyObject) -> PyResult<SendResult> {
    if gen_check_exact(receiver) || coro_check_exact(receiver) {
        return match send_ex(receiver, v, false, false)? {
            Some(r) => Ok(r),
            None => Ok(SendResult::Return(Obj::from_borrowed(noneobject::none()))),
        };
    }
    let iternext = (*type_of(receiver)).tp_iternext.filter(|_| noneobject::is_none(v));
    let r = if let Some(next) = iternext {
        next(receiver)
    } else {
        match call::call_method_obj(receiver, "send", &[v]) {
            Ok(x) => x.into_ptr(),
            Err(_) => null_mut(),
        }
    };
    if !r.is_null() {
        return Ok(SendResult::Next(Obj::from_owned_nonnull(r)));
    }
    Ok(SendResult::Return(fetch_stop_iteration_value()?))
}

/// After a NULL from an iterator: the StopIteration's value (None when no exception is set);
/// any other exception stays pending.
pub unsafe fn fetch_stop_iteration_value() -> PyResult<Obj> {
    if err::occurred().is_null() {
        return Ok(Obj::from_borrowed(noneobject::none()));
    }
    if !err::exception_matches(exc::stop_iteration()) {
        return Err(err::ErrSet::assume_set());
    }
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
    let value = if v.is_null() {
        Obj::from_borrowed(noneobject::none())
    } else {
        proto::getattr_str(v, "value").unwrap_or_else(|_| {
            err::clear();
            Obj::from_borrowed(noneobject::none())
        })
    };
    xdecref(t);
    xdecref(v);
    xdecref(tb);
    Ok(value)
}

/// Raises StopIteration(value) (a tuple or exception value is wrapped, as CPython's
/// `_PyGen_SetStopIterationValue`).
pub unsafe fn set_stop_iteration_value(value: *mut PyObject) {
    if noneobject::is_none(value) {
        err::set_object(exc::stop_iteration(), null_mut());
        return;
    }
    match call::vectorcall(exc::stop_iteration(), &[value], null_mut()) {
        Ok(e) => {
            err::set_object(exc::stop_iteration(), e.as_ptr());
        }
        Err(_) => {}
    }
}

unsafe fn result_to_ptr(op: *mut PyObject, r: PyResult<Option<SendResult>>, for_send: bool) -> *mut PyObject {
    let _ = op;
    match r {
        Ok(Some(SendResult::Next(v))) => v.into_ptr(),
        Ok(Some(SendResult::Return(v))) => {
            if for_send || !noneobject::is_none(v.as_ptr()) {
                set_stop_iteration_value(v.as_ptr());
            }
            null_mut()
        }
        Ok(None) => null_mut(),
        Err(_) => null_mut(),
    }
}

unsafe extern "C" fn gen_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let r = send_ex(op, null_mut(), false, false);
        result_to_ptr(op, r, false)
    })
}

unsafe extern "C" fn gen_send_method(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let r = send_ex(op, arg, false, false);
        result_to_ptr(op, r, true)
    })
}

unsafe fn close_iter(yf: *mut PyObject) -> PyResult<()> {
    if gen_check_exact(yf) || coro_check_exact(yf) {
        return close(yf);
    }
    match proto::lookup_attr(yf, str_::intern("close")?)? {
        Some(m) => {
            call::vectorcall(m.as_ptr(), &[], null_mut())?;
            Ok(())
        }
        None => Ok(()),
    }
}

/// gen.close(): GeneratorExit at the suspension point; the generator must not yield again.
unsafe fn close(op: *mut PyObject) -> PyResult<()> {
    let g = raw(op);
    let mut failed = false;
    if let Some(yf) = yielded_from(g) {
        let state = (*g).gi_frame_state;
        (*g).gi_frame_state = FRAME_EXECUTING;
        failed = close_iter(yf.as_ptr()).is_err();
        (*g).gi_frame_state = state;
    }
    if !failed {
        err::set_object(exc::generator_exit(), null_mut());
    }
    match send_ex(op, noneobject::none(), true, true) {
        Ok(Some(SendResult::Next(_))) => {
            let msg = if coro_check_exact(op) {
                "coroutine ignored GeneratorExit"
            } else if async_gen_check_exact(op) {
                "async generator ignored GeneratorExit"
            } else {
                "generator ignored GeneratorExit"
            };
            Err(raise(exc::runtime_error(), msg))
        }
        Ok(_) => Ok(()),
        Err(e) => {
            if err::exception_matches(exc::stop_iteration()) || err::exception_matches(exc::generator_exit()) {
                err::clear();
                return Ok(());
            }
            Err(e)
        }
    }
}

unsafe extern "C" fn gen_close_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || match close(op) {
        Ok(()) => noneobject::new_none(),
        Err(_) => null_mut(),
    })
}

/// gen.throw(typ[, val[, tb]]), CPython's `_gen_throw`.
unsafe fn throw(op: *mut PyObject, close_on_genexit: bool, typ: *mut PyObject, val: *mut PyObject, tb: *mut PyObject) -> PyResult<Option<SendResult>> {
    let g = raw(op);
    if let Some(yf) = yielded_from(g) {
        let state = (*g).gi_frame_state;
        if close_on_genexit && exceptions::given_exception_matches(typ, exc::generator_exit()) {
            (*g).gi_frame_state = FRAME_EXECUTING;
            let r = close_iter(yf.as_ptr());
            (*g).gi_frame_state = state;
            if r.is_err() {
                return send_ex(op, noneobject::none(), true, false);
            }
            return throw_here(op, typ, val, tb);
        }
        let ret: PyResult<Option<SendResult>> = if gen_check_exact(yf.as_ptr()) || coro_check_exact(yf.as_ptr()) {
            let f = gen_frame(g);
            let prev = frame::current();
            (*f).previous = prev;
            frame::set_current(f);
            (*g).gi_frame_state = FRAME_EXECUTING;
            let r = throw(yf.as_ptr(), close_on_genexit, typ, val, tb);
            (*g).gi_frame_state = state;
            frame::set_current(prev);
            (*f).previous = null_mut();
            r
        } else {
            let Some(meth) = proto::lookup_attr(yf.as_ptr(), str_::intern("throw")?)? else {
                return throw_here(op, typ, val, tb);
            };
            (*g).gi_frame_state = FRAME_EXECUTING;
            let mut args = vec![typ];
            if !val.is_null() {
                args.push(val);
                if !tb.is_null() {
                    args.push(tb);
                }
            }
            let r = call::vectorcall(meth.as_ptr(), &args, null_mut());
            (*g).gi_frame_state = state;
            r.map(|v| Some(SendResult::Next(v)))
        };
        match ret {
            Ok(Some(SendResult::Next(v))) => return Ok(Some(SendResult::Next(v))),
            Ok(other) => {
                // The delegate finished: its value resumes this generator after the SEND loop.
                let value = match other {
                    Some(SendResult::Return(v)) => v,
                    _ => Obj::from_borrowed(noneobject::none()),
                };
                pop_delegate_and_skip_send(g);
                return send_ex(op, value.as_ptr(), false, false);
            }
            Err(_) => {
                pop_delegate_and_skip_send(g);
                return match fetch_stop_iteration_value() {
                    Ok(v) => send_ex(op, v.as_ptr(), false, false),
                    Err(_) => send_ex(op, noneobject::none(), true, false),
                };
            }
        }
    }
    throw_here(op, typ, val, tb)
}

/// Drops the delegate from the generator's stack and moves past its SEND loop.
unsafe fn pop_delegate_and_skip_send(g: *mut PyGenObject) {
    let f = gen_frame(g);
    (*f).stacktop -= 1;
    let slot = frame::localsplus(f).add((*f).stacktop as usize);
    xdecref(*slot);
    *slot = null_mut();
    let send_word = *(*f).prev_instr.sub(1);
    let jump = (send_word >> 8) as usize;
    (*f).prev_instr = (*f).prev_instr.add(jump).sub(1);
}

unsafe fn throw_here(op: *mut PyObject, typ: *mut PyObject, val: *mut PyObject, tb: *mut PyObject) -> PyResult<Option<SendResult>> {
    let tb = if tb.is_null() || noneobject::is_none(tb) { null_mut() } else { tb };
    if !tb.is_null() && !crate::objects::traceback::check(tb) {
        return Err(raise(exc::type_error(), "throw() third argument must be a traceback object"));
    }
    let (mut t, mut v, mut b);
    if exceptions::class_check(typ) {
        t = typ;
        v = val;
        b = tb;
        incref(t);
        xincref(v);
        xincref(b);
        if exceptions::normalize(&mut t, &mut v, &mut b).is_err() {
            xdecref(t);
            xdecref(v);
            xdecref(b);
            return Err(err::ErrSet::assume_set());
        }
    } else if exceptions::check(typ) {
        if !val.is_null() && !noneobject::is_none(val) {
            return Err(raise(exc::type_error(), "instance exception may not have a separate value"));
        }
        v = typ;
        incref(v);
        t = type_of(typ) as *mut PyObject;
        incref(t);
        b = if tb.is_null() { (*(typ as *mut PyBaseExceptionObject)).traceback } else { tb };
        xincref(b);
    } else {
        return Err(raise(
            exc::type_error(),
            format!("exceptions must be classes or instances deriving from BaseException, not {}", full_name(type_of(typ))),
        ));
    }
    err::restore(t, v, b);
    send_ex(op, noneobject::none(), true, false)
}

unsafe extern "C" fn gen_throw_method(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        if crate::protocol::args::check_positional("throw", nargs as usize, 1, 3).is_err() {
            return null_mut();
        }
        let a = std::slice::from_raw_parts(args, nargs as usize);
        let r = throw(op, true, a[0], a.get(1).copied().unwrap_or(null_mut()), a.get(2).copied().unwrap_or(null_mut()));
        result_to_ptr(op, r, true)
    })
}

/// Runs `close()` on a generator that is collected while suspended (PEP 342), and warns
/// about coroutines that were never awaited.
unsafe extern "C" fn gen_finalize(op: *mut PyObject) {
    let g = raw(op);
    if (*g).gi_frame_state >= FRAME_COMPLETED {
        return;
    }
    let saved = err::fetch();
    if coro_check_exact(op) && (*g).gi_frame_state == FRAME_CREATED {
        let q = str_::as_str((*g).gi_qualname).unwrap_or("?").to_string();
        if crate::report::warn_about_object(exc::runtime_warning(), &format!("coroutine '{q}' was never awaited"), op).is_err() {
            crate::report::write_unraisable("", op);
        }
    } else if close(op).is_err() {
        crate::report::write_unraisable("Exception ignored in", op);
    }
    err::restore(saved.0, saved.1, saved.2);
}

unsafe extern "C" fn gen_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let g = raw(op);
    if !(*g).gi_weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    if !crate::gc::is_finalized(op) && (*g).gi_frame_state < FRAME_COMPLETED {
        crate::gc::mark_finalized(op);
        // Resurrect for the finalizer, as PyObject_CallFinalizerFromDealloc.
        (*op).ob_refcnt = 1;
        gen_finalize(op);
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt > 0 {
            return;
        }
    }
    if (*g).gi_frame_state < FRAME_CLEARED {
        (*g).gi_frame_state = FRAME_CLEARED;
        let f = gen_frame(g);
        (*f).previous = null_mut();
        frame::clear(f);
    }
    xdecref((*g).gi_code as *mut PyObject);
    xdecref((*g).gi_name);
    xdecref((*g).gi_qualname);
    xdecref((*g).gi_exc_state.exc_value);
    xdecref((*g).gi_origin_or_finalizer);
    crate::gc::free(op);
}

unsafe extern "C" fn gen_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let g = raw(op);
    for v in [(*g).gi_code as *mut PyObject, (*g).gi_name, (*g).gi_qualname, (*g).gi_exc_state.exc_value, (*g).gi_origin_or_finalizer] {
        if !v.is_null() && visit(v, arg) != 0 {
            return 1;
        }
    }
    if (*g).gi_frame_state < FRAME_CLEARED {
        let f = gen_frame(g);
        for v in [(*f).f_func, (*f).f_locals, (*f).frame_obj as *mut PyObject] {
            if !v.is_null() && visit(v, arg) != 0 {
                return 1;
            }
        }
        let lp = frame::localsplus(f);
        for i in 0..(*f).stacktop.max(0) as usize {
            let v = *lp.add(i);
            if !v.is_null() && visit(v, arg) != 0 {
                return 1;
            }
        }
    }
    0
}

unsafe extern "C" fn gen_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let kind = if coro_check_exact(op) {
            "coroutine"
        } else if async_gen_check_exact(op) {
            "async_generator"
        } else {
            "generator"
        };
        let q = str_::as_str((*raw(op)).gi_qualname)?;
        str_::from_str(&format!("<{kind} object {q} at {op:p}>"))
    })
}

unsafe extern "C" fn get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let v = (*raw(op)).gi_name;
    incref(v);
    v
}

unsafe extern "C" fn set_name(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() || !str_::check(v) {
        raise(exc::type_error(), "__name__ must be set to a string object");
        return -1;
    }
    incref(v);
    xsetref(&raw mut (*raw(op)).gi_name, v);
    0
}

unsafe extern "C" fn get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let v = (*raw(op)).gi_qualname;
    incref(v);
    v
}

unsafe extern "C" fn set_qualname(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() || !str_::check(v) {
        raise(exc::type_error(), "__qualname__ must be set to a string object");
        return -1;
    }
    incref(v);
    xsetref(&raw mut (*raw(op)).gi_qualname, v);
    0
}

unsafe extern "C" fn get_code(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let v = (*raw(op)).gi_code as *mut PyObject;
    incref(v);
    v
}

unsafe extern "C" fn get_frame(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let g = raw(op);
        if (*g).gi_frame_state >= FRAME_COMPLETED {
            return Ok(Obj::from_borrowed(noneobject::none()));
        }
        Ok(Obj::from_borrowed(crate::objects::frameobject::get(gen_frame(g))? as *mut PyObject))
    })
}

unsafe extern "C" fn get_running(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::objects::boolobject::new_bool((*raw(op)).gi_frame_state == FRAME_EXECUTING)
}

unsafe extern "C" fn get_running_async(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::objects::boolobject::new_bool((*raw(op)).gi_running_async != 0)
}

unsafe extern "C" fn get_suspended(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::objects::boolobject::new_bool((*raw(op)).gi_frame_state == FRAME_SUSPENDED)
}

unsafe extern "C" fn get_yieldfrom(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    match yielded_from(raw(op)) {
        Some(v) => v.into_ptr(),
        None => noneobject::new_none(),
    }
}

unsafe extern "C" fn get_origin(_op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    noneobject::new_none()
}

// ---- coroutines: `__await__` and its wrapper ------------------------------------------------

#[repr(C)]
pub struct CoroWrapper {
    pub ob_base: PyObject,
    pub cw_coroutine: *mut PyObject,
}

static mut CORO_WRAPPER_METHODS: [PyMethodDef; 4] = [
    method(c"send", Some(wrapper_send), METH_O),
    method(c"throw", Some(unsafe_fastcall(wrapper_throw)), METH_FASTCALL),
    method(c"close", Some(wrapper_close), METH_NOARGS),
    METHOD_END,
];

#[no_mangle]
pub static mut _PyCoroWrapper_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"coroutine_wrapper".as_ptr(),
    tp_basicsize: std::mem::size_of::<CoroWrapper>() as _,
    tp_dealloc: Some(wrapper_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(wrapper_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(wrapper_iternext),
    tp_methods: (&raw mut CORO_WRAPPER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn coro_await(op: *mut PyObject) -> *mut PyObject {
    let w = crate::gc::alloc(std::mem::size_of::<CoroWrapper>());
    if w.is_null() {
        return crate::objects::exceptions::no_memory_ptr();
    }
    typeobject::init_object(w, &raw mut _PyCoroWrapper_Type);
    incref(op);
    (*(w as *mut CoroWrapper)).cw_coroutine = op;
    crate::gc::track(w);
    w
}

unsafe fn wrapped(w: *mut PyObject) -> *mut PyObject {
    (*(w as *mut CoroWrapper)).cw_coroutine
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref(wrapped(op));
    crate::gc::free(op);
}

unsafe extern "C" fn wrapper_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match visit {
        Some(v) if !wrapped(op).is_null() => v(wrapped(op), arg),
        _ => 0,
    }
}

unsafe extern "C" fn wrapper_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let c = wrapped(op);
        result_to_ptr(c, send_ex(c, null_mut(), false, false), false)
    })
}

unsafe extern "C" fn wrapper_send(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    gen_send_method(wrapped(op), arg)
}

unsafe extern "C" fn wrapper_throw(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    gen_throw_method(wrapped(op), args, nargs)
}

unsafe extern "C" fn wrapper_close(op: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    gen_close_method(wrapped(op), a)
}

/// GET_AWAITABLE: the iterator `await o` drives (CPython's `_PyCoro_GetAwaitableIter`).
pub unsafe fn get_awaitable_iter(o: *mut PyObject, where_: u32) -> PyResult<Obj> {
    let it = awaitable_iter(o).map_err(|e| {
        if err::exception_matches(exc::type_error()) && no_await(o) {
            err::clear();
            let what = match where_ {
                1 => format!("'async with' received an object from __aenter__ that does not implement __await__: {}", full_name(type_of(o))),
                2 => format!("'async with' received an object from __aexit__ that does not implement __await__: {}", full_name(type_of(o))),
                _ => format!("object {} can't be used in 'await' expression", full_name(type_of(o))),
            };
            raise(exc::type_error(), what)
        } else {
            e
        }
    })?;
    if coro_check_exact(it.as_ptr()) && yielded_from(raw(it.as_ptr())).is_some() {
        return Err(raise(exc::runtime_error(), "coroutine is being awaited already"));
    }
    Ok(it)
}

unsafe fn no_await(o: *mut PyObject) -> bool {
    let am = (*type_of(o)).tp_as_async;
    am.is_null() || (*am).am_await.is_none()
}

unsafe fn awaitable_iter(o: *mut PyObject) -> PyResult<Obj> {
    if coro_check_exact(o) || (gen_check_exact(o) && (*(*raw(o)).gi_code).co_flags & CO_ITERABLE_COROUTINE != 0) {
        return Ok(Obj::from_borrowed(o));
    }
    if no_await(o) {
        return Err(raise(exc::type_error(), format!("object {} can't be used in 'await' expression", full_name(type_of(o)))));
    }
    let Some(f) = (*(*type_of(o)).tp_as_async).am_await else {
        return Err(raise(exc::type_error(), format!("object {} can't be used in 'await' expression", full_name(type_of(o)))));
    };
    let r = Obj::from_owned(f(o))?;
    if coro_check_exact(r.as_ptr()) || (gen_check_exact(r.as_ptr()) && (*(*raw(r.as_ptr())).gi_code).co_flags & CO_ITERABLE_COROUTINE != 0) {
        return Err(raise(exc::type_error(), "__await__() returned a coroutine"));
    }
    if (*type_of(r.as_ptr())).tp_iternext.is_none() {
        return Err(raise(exc::type_error(), format!("__await__() returned non-iterator of type '{}'", full_name(type_of(r.as_ptr())))));
    }
    Ok(r)
}

/// GET_AITER: `type(o).__aiter__(o)`, which must have `__anext__`.
pub unsafe fn get_aiter(o: *mut PyObject) -> PyResult<Obj> {
    let am = (*type_of(o)).tp_as_async;
    let Some(aiter) = (if am.is_null() { None } else { (*am).am_aiter }) else {
        return Err(raise(exc::type_error(), format!("'async for' requires an object with __aiter__ method, got {}", full_name(type_of(o)))));
    };
    let it = Obj::from_owned(aiter(o))?;
    let am2 = (*type_of(it.as_ptr())).tp_as_async;
    if am2.is_null() || (*am2).am_anext.is_none() {
        return Err(raise(
            exc::type_error(),
            format!("'async for' received an object from __aiter__ that does not implement __anext__: {}", full_name(type_of(it.as_ptr()))),
        ));
    }
    Ok(it)
}

/// GET_ANEXT: the awaitable of `aiter.__anext__()`.
pub unsafe fn get_anext(aiter: *mut PyObject) -> PyResult<Obj> {
    let am = (*type_of(aiter)).tp_as_async;
    let Some(anext) = (if am.is_null() { None } else { (*am).am_anext }) else {
        return Err(raise(exc::type_error(), format!("'async for' requires an iterator with __anext__ method, got {}", full_name(type_of(aiter)))));
    };
    let next = Obj::from_owned(anext(aiter))?;
    if async_gen_check_exact(aiter) {
        return Ok(next);
    }
    awaitable_iter(next.as_ptr()).map_err(|_| {
        replace_with_cause_type(exc::type_error(), &format!("'async for' received an invalid object from __anext__: {}", full_name(type_of(next.as_ptr()))));
        err::ErrSet::assume_set()
    })
}

unsafe fn replace_with_cause_type(t: *mut PyObject, msg: &str) {
    let _ = t;
    replace_with_cause(msg);
    // replace_with_cause raises RuntimeError; CPython raises the given type here.
    let (_, v, tb) = err::fetch();
    let cause = if v.is_null() { null_mut() } else { (*(v as *mut PyBaseExceptionObject)).cause };
    xincref(cause);
    xdecref(v);
    xdecref(tb);
    raise(t, msg);
    if !cause.is_null() {
        let (mut t2, mut v2, mut tb2) = err::fetch();
        let _ = exceptions::normalize(&mut t2, &mut v2, &mut tb2);
        let e = v2 as *mut PyBaseExceptionObject;
        incref(cause);
        xsetref(&raw mut (*e).context, cause);
        xsetref(&raw mut (*e).cause, cause);
        (*e).suppress_context = 1;
        err::restore(t2, v2, tb2);
    }
}

// ---- async generators: asend/athrow awaitables and wrapped values ---------------------------

/// The value an async generator yields, marked so `asend` can tell it from an `await`
/// passing through (CPython's `_PyAsyncGenWrappedValue`).
#[repr(C)]
pub struct WrappedValue {
    pub ob_base: PyObject,
    pub val: *mut PyObject,
}

#[no_mangle]
pub static mut _PyAsyncGenWrappedValue_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"async_generator_wrapped_value".as_ptr(),
    tp_basicsize: std::mem::size_of::<WrappedValue>() as _,
    tp_dealloc: Some(wrapped_value_dealloc),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(wrapped_value_traverse),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// ASYNC_GEN_WRAP.
pub unsafe fn async_gen_wrap(v: *mut PyObject) -> PyResult<Obj> {
    let w = crate::gc::alloc(std::mem::size_of::<WrappedValue>());
    if w.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(w, &raw mut _PyAsyncGenWrappedValue_Type);
    incref(v);
    (*(w as *mut WrappedValue)).val = v;
    crate::gc::track(w);
    Ok(Obj::from_owned_nonnull(w))
}

unsafe extern "C" fn wrapped_value_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut WrappedValue)).val);
    crate::gc::free(op);
}

unsafe extern "C" fn wrapped_value_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let v = (*(op as *mut WrappedValue)).val;
    match visit {
        Some(f) if !v.is_null() => f(v, arg),
        _ => 0,
    }
}

/// One `asend`/`athrow` awaitable: drives the async generator one step.
#[repr(C)]
pub struct AsyncGenStep {
    pub ob_base: PyObject,
    pub gen: *mut PyObject,
    /// The value to send (asend) or the (type, value, tb) tuple to throw (athrow); NULL for
    /// aclose().
    pub arg: *mut PyObject,
    pub state: c_int,
    pub is_throw: c_int,
}

const STEP_INIT: c_int = 0;
const STEP_ITER: c_int = 1;
const STEP_CLOSED: c_int = 2;

static mut STEP_METHODS: [PyMethodDef; 4] = [
    method(c"send", Some(step_send), METH_O),
    method(c"throw", Some(unsafe_fastcall(step_throw)), METH_FASTCALL),
    method(c"close", Some(step_close), METH_NOARGS),
    METHOD_END,
];

static mut STEP_AS_ASYNC: PyAsyncMethods = PyAsyncMethods { am_await: Some(crate::objects::iterobject::self_iter), am_aiter: None, am_anext: None, am_send: None };

macro_rules! step_type {
    ($name:ident, $tpname:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: std::mem::size_of::<AsyncGenStep>() as _,
            tp_dealloc: Some(step_dealloc),
            tp_as_async: &raw mut STEP_AS_ASYNC,
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(step_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some(step_iternext),
            tp_methods: (&raw mut STEP_METHODS) as *mut PyMethodDef,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

step_type!(_PyAsyncGenASend_Type, c"async_generator_asend");
step_type!(_PyAsyncGenAThrow_Type, c"async_generator_athrow");

unsafe fn new_step(gen: *mut PyObject, arg: *mut PyObject, is_throw: bool) -> *mut PyObject {
    let op = crate::gc::alloc(std::mem::size_of::<AsyncGenStep>());
    if op.is_null() {
        return crate::objects::exceptions::no_memory_ptr();
    }
    let tp = if is_throw { &raw mut _PyAsyncGenAThrow_Type } else { &raw mut _PyAsyncGenASend_Type };
    typeobject::init_object(op, tp);
    let s = op as *mut AsyncGenStep;
    incref(gen);
    (*s).gen = gen;
    xincref(arg);
    (*s).arg = arg;
    (*s).state = STEP_INIT;
    (*s).is_throw = is_throw as c_int;
    crate::gc::track(op);
    op
}

unsafe extern "C" fn async_gen_anext(op: *mut PyObject) -> *mut PyObject {
    new_step(op, noneobject::none(), false)
}

unsafe extern "C" fn async_gen_asend(op: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    new_step(op, arg, false)
}

unsafe extern "C" fn async_gen_athrow(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("athrow", nargs as usize, 1, 3)?;
        let t = tuple::from_slice(std::slice::from_raw_parts(args, nargs as usize))?;
        Obj::from_owned(new_step(op, t.as_ptr(), true))
    })
}

unsafe extern "C" fn async_gen_aclose(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    new_step(op, null_mut(), true)
}

unsafe extern "C" fn step_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let s = op as *mut AsyncGenStep;
    xdecref((*s).gen);
    xdecref((*s).arg);
    crate::gc::free(op);
}

unsafe extern "C" fn step_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let s = op as *mut AsyncGenStep;
    for v in [(*s).gen, (*s).arg] {
        if !v.is_null() && visit(v, arg) != 0 {
            return 1;
        }
    }
    0
}

/// Interprets what the async generator's frame produced for one awaitable step: a wrapped
/// value ends the step (StopIteration(value)); anything else is an `await` passing through.
unsafe fn unwrap_step(s: *mut AsyncGenStep, r: PyResult<Option<SendResult>>) -> *mut PyObject {
    let g = raw((*s).gen);
    match r {
        Ok(Some(SendResult::Next(v))) => {
            if type_of(v.as_ptr()) == &raw mut _PyAsyncGenWrappedValue_Type {
                (*s).state = STEP_CLOSED;
                (*g).gi_running_async = 0;
                set_stop_iteration_value((*(v.as_ptr() as *mut WrappedValue)).val);
                if (*s).is_throw != 0 && (*s).arg.is_null() {
                    // aclose() must not see the generator yield.
                    err::clear();
                    raise(exc::runtime_error(), "async generator ignored GeneratorExit");
                }
                return null_mut();
            }
            v.into_ptr()
        }
        Ok(_) => {
            (*s).state = STEP_CLOSED;
            (*g).gi_running_async = 0;
            if (*s).is_throw != 0 && (*s).arg.is_null() {
                set_stop_iteration_value(noneobject::none());
            } else {
                err::set_object(exc::stop_async_iteration(), null_mut());
            }
            null_mut()
        }
        Err(_) => {
            (*s).state = STEP_CLOSED;
            (*g).gi_running_async = 0;
            if err::exception_matches(exc::stop_iteration()) || err::exception_matches(exc::generator_exit()) {
                if (*s).is_throw != 0 && (*s).arg.is_null() {
                    err::clear();
                    set_stop_iteration_value(noneobject::none());
                } else if err::exception_matches(exc::generator_exit()) {
                    // leave it
                }
            }
            null_mut()
        }
    }
}

unsafe fn step_send_value(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    let s = op as *mut AsyncGenStep;
    let g = raw((*s).gen);
    if (*s).state == STEP_CLOSED {
        raise(exc::runtime_error(), if (*s).is_throw != 0 { "cannot reuse already awaited aclose()/athrow()" } else { "cannot reuse already awaited __anext__()/asend()" });
        return null_mut();
    }
    if (*s).state == STEP_INIT {
        if (*g).gi_running_async != 0 {
            (*s).state = STEP_CLOSED;
            raise(exc::runtime_error(), if (*s).is_throw != 0 { "athrow(): asynchronous generator is already running" } else { "anext(): asynchronous generator is already running" });
            return null_mut();
        }
        if (*g).gi_frame_state >= FRAME_COMPLETED {
            (*s).state = STEP_CLOSED;
            if (*s).is_throw != 0 && (*s).arg.is_null() {
                set_stop_iteration_value(noneobject::none());
            } else {
                err::set_object(exc::stop_async_iteration(), null_mut());
            }
            return null_mut();
        }
        (*s).state = STEP_ITER;
        (*g).gi_running_async = 1;
        if (*s).is_throw != 0 {
            let r = if (*s).arg.is_null() {
                throw((*s).gen, false, exc::generator_exit(), null_mut(), null_mut())
            } else {
                let a = tuple::items((*s).arg);
                throw((*s).gen, false, a[0], a.get(1).copied().unwrap_or(null_mut()), a.get(2).copied().unwrap_or(null_mut()))
            };
            return unwrap_step(s, r);
        }
        let first = if noneobject::is_none(v) { (*s).arg } else { v };
        return unwrap_step(s, send_ex((*s).gen, first, false, false));
    }
    unwrap_step(s, send_ex((*s).gen, v, false, false))
}

unsafe extern "C" fn step_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || step_send_value(op, noneobject::none()))
}

unsafe extern "C" fn step_send(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || step_send_value(op, v))
}

unsafe extern "C" fn step_throw(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let s = op as *mut AsyncGenStep;
        if (*s).state == STEP_CLOSED {
            raise(exc::runtime_error(), "cannot reuse already awaited __anext__()/asend()");
            return null_mut();
        }
        if crate::protocol::args::check_positional("throw", nargs as usize, 1, 3).is_err() {
            return null_mut();
        }
        let a = std::slice::from_raw_parts(args, nargs as usize);
        (*s).state = STEP_ITER;
        let r = throw((*s).gen, true, a[0], a.get(1).copied().unwrap_or(null_mut()), a.get(2).copied().unwrap_or(null_mut()));
        unwrap_step(s, r)
    })
}

unsafe extern "C" fn step_close(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    (*(op as *mut AsyncGenStep)).state = STEP_CLOSED;
    noneobject::new_none()
}

pub unsafe fn ready_types() -> PyResult<()> {
    for tp in [
        &raw mut PyGen_Type,
        &raw mut PyCoro_Type,
        &raw mut PyAsyncGen_Type,
        &raw mut _PyCoroWrapper_Type,
        &raw mut _PyAsyncGenWrappedValue_Type,
        &raw mut _PyAsyncGenASend_Type,
        &raw mut _PyAsyncGenAThrow_Type,
    ] {
        typeobject::ready(tp)?;
    }
    Ok(())
}
