//! `frame`: the Python-visible view of an interpreter frame (CPython's frameobject.c). Made
//! on demand (tracebacks, `sys._getframe`); when its frame returns while the object is still
//! referenced, the object takes the frame's memory over, so `tb_frame.f_locals` still works.

use crate::ceval_frame::{self as frame, Frame, OWNED_BY_FRAME_OBJECT, OWNED_BY_GENERATOR};
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, GETSET_END, METHOD_END};
use crate::objects::{dictobject as dict, longobject as long, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

static mut FRAME_GETSET: [PyGetSetDef; 11] = [
    getset(c"f_back", Some(get_back), None),
    getset(c"f_code", Some(get_code), None),
    getset(c"f_globals", Some(get_globals), None),
    getset(c"f_builtins", Some(get_builtins), None),
    getset(c"f_locals", Some(get_locals), None),
    getset(c"f_lineno", Some(get_lineno), None),
    getset(c"f_lasti", Some(get_lasti), None),
    getset(c"f_trace", Some(get_trace), Some(set_trace)),
    getset(c"f_trace_lines", Some(get_trace_lines), Some(set_trace_lines)),
    getset(c"f_trace_opcodes", Some(get_trace_opcodes), Some(set_trace_opcodes)),
    GETSET_END,
];

static mut FRAME_METHODS: [PyMethodDef; 3] = [
    PyMethodDef { ml_name: c"clear".as_ptr(), ml_meth: Some(frame_clear_method), ml_flags: METH_NOARGS, ml_doc: c"F.clear(): clear most references held by the frame".as_ptr() },
    PyMethodDef { ml_name: c"__sizeof__".as_ptr(), ml_meth: Some(frame_sizeof), ml_flags: METH_NOARGS, ml_doc: c"F.__sizeof__() -> size of F in memory, in bytes".as_ptr() },
    METHOD_END,
];

#[no_mangle]
pub static mut PyFrame_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"frame".as_ptr(),
    tp_basicsize: (std::mem::offset_of!(PyFrameObject, _f_frame_data) + frame::HEADER_SIZE) as _,
    tp_itemsize: std::mem::size_of::<*mut PyObject>() as _,
    tp_dealloc: Some(frame_dealloc),
    tp_repr: Some(frame_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(frame_traverse),
    tp_clear: Some(frame_tp_clear),
    tp_methods: (&raw mut FRAME_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut FRAME_GETSET) as *mut PyGetSetDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyFrame_Type
}

/// The frame object of `f`, made on first use; the frame holds one reference (borrowed result).
pub unsafe fn get(f: *mut Frame) -> PyResult<*mut PyFrameObject> {
    if !(*f).frame_obj.is_null() {
        return Ok((*f).frame_obj);
    }
    // Only the header: the interpreter frame stays where it is.
    let op = crate::gc::alloc(std::mem::offset_of!(PyFrameObject, _f_frame_data));
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyFrame_Type);
    let fo = op as *mut PyFrameObject;
    (*fo).f_back = null_mut();
    (*fo).f_frame = f;
    (*fo).f_trace = null_mut();
    (*fo).f_lineno = 0;
    (*fo).f_trace_lines = 1;
    (*fo).f_trace_opcodes = 0;
    (*fo).f_fast_as_locals = 0;
    (*f).frame_obj = fo;
    crate::gc::track(op);
    Ok(fo)
}

/// The frame's call ended while `fo` is still referenced: `fo` keeps the frame (locals,
/// code, function) and remembers its caller as `f_back`.
pub unsafe fn take_ownership(fo: *mut PyFrameObject, f: *mut Frame) {
    let mut f = f;
    if (*f).owner == OWNED_BY_GENERATOR {
        // The generator's memory goes away with it: move the frame to the heap.
        let heap = crate::mem::malloc(frame::size_for((*f).f_code)) as *mut Frame;
        if heap.is_null() {
            // Out of memory: drop the contents instead of keeping a dangling frame.
            (*fo).f_frame = null_mut();
            frame::clear_contents(f);
            return;
        }
        frame::copy(f, heap);
        f = heap;
        (*fo).f_frame = heap;
    }
    (*f).owner = OWNED_BY_FRAME_OBJECT;
    (*fo).f_lineno = line_of(f);
    let prev = frame::first_complete((*f).previous);
    (*f).previous = null_mut();
    if !prev.is_null() && (*fo).f_back.is_null() {
        if let Ok(back) = get(prev) {
            incref(back as *mut PyObject);
            (*fo).f_back = back;
        }
    }
}

/// The current line of a frame (`f_lineno`).
pub unsafe fn line_of(f: *mut Frame) -> c_int {
    let i = frame::lasti(f);
    // Before the first instruction: the code's first line (PyCode_Addr2Line of a negative
    // offset).
    if i < 0 {
        return (*(*f).f_code).co_firstlineno;
    }
    crate::objects::codeobject::addr2line((*f).f_code as *mut PyObject, i * 2)
}

unsafe fn fobj(op: *mut PyObject) -> *mut PyFrameObject {
    op as *mut PyFrameObject
}

unsafe fn owns_frame(fo: *mut PyFrameObject) -> bool {
    !(*fo).f_frame.is_null() && (*(*fo).f_frame).owner == OWNED_BY_FRAME_OBJECT
}

unsafe extern "C" fn frame_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let fo = fobj(op);
    if owns_frame(fo) {
        let f = (*fo).f_frame;
        frame::clear_contents(f);
        crate::mem::free(f as *mut c_void);
    }
    xdecref((*fo).f_back as *mut PyObject);
    xdecref((*fo).f_trace);
    crate::gc::free(op);
}

unsafe extern "C" fn frame_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let fo = fobj(op);
    for v in [(*fo).f_back as *mut PyObject, (*fo).f_trace] {
        if !v.is_null() && visit(v, arg) != 0 {
            return 1;
        }
    }
    if owns_frame(fo) {
        let f = (*fo).f_frame;
        for v in [(*f).f_func, (*f).f_code as *mut PyObject, (*f).f_locals] {
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

/// Drops the locals of a finished frame (`frame.clear()` and the collector).
unsafe extern "C" fn frame_tp_clear(op: *mut PyObject) -> c_int {
    let fo = fobj(op);
    xsetref(&raw mut (*fo).f_trace, null_mut());
    if owns_frame(fo) {
        let f = (*fo).f_frame;
        let lp = frame::localsplus(f);
        for i in 0..(*f).stacktop.max(0) as usize {
            xsetref(lp.add(i), null_mut());
        }
        (*f).stacktop = 0;
        xsetref(&raw mut (*f).f_locals, null_mut());
    }
    0
}

unsafe extern "C" fn frame_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let fo = fobj(op);
    if !owns_frame(fo) && !(*fo).f_frame.is_null() {
        raise(exc::runtime_error(), "cannot clear an executing frame");
        return null_mut();
    }
    frame_tp_clear(op);
    noneobject::none()
}

unsafe extern "C" fn frame_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let fo = fobj(op);
    let extra = if (*fo).f_frame.is_null() { 0 } else { frame::size_for((*(*fo).f_frame).f_code) };
    crate::guard::ret_obj(Ok(long::from_u64((std::mem::offset_of!(PyFrameObject, _f_frame_data) + extra) as u64)))
}

unsafe fn lineno(fo: *mut PyFrameObject) -> c_int {
    let f = (*fo).f_frame;
    // Set while a trace function runs, and for frames whose eval has finished.
    if f.is_null() || owns_frame(fo) || (*fo).f_lineno != 0 {
        return (*fo).f_lineno;
    }
    line_of(f)
}

unsafe extern "C" fn frame_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let fo = fobj(op);
        let f = (*fo).f_frame;
        if f.is_null() {
            return str_::from_str(&format!("<frame at {op:p}, cleared>"));
        }
        let co = (*f).f_code;
        let file = crate::protocol::object::repr_string((*co).co_filename)?;
        let name = str_::as_str((*co).co_name)?;
        str_::from_str(&format!("<frame at {op:p}, file {file}, line {}, code {name}>", lineno(fo)))
    })
}

unsafe fn frame_of(op: *mut PyObject) -> PyResult<*mut Frame> {
    let f = (*fobj(op)).f_frame;
    if f.is_null() {
        return Err(raise(exc::runtime_error(), "frame has been cleared"));
    }
    Ok(f)
}

unsafe extern "C" fn get_back(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let fo = fobj(op);
        if !(*fo).f_back.is_null() {
            return Ok(Obj::from_borrowed((*fo).f_back as *mut PyObject));
        }
        let f = (*fo).f_frame;
        if f.is_null() || owns_frame(fo) {
            return Ok(Obj::from_borrowed(noneobject::none()));
        }
        let prev = frame::first_complete((*f).previous);
        if prev.is_null() {
            return Ok(Obj::from_borrowed(noneobject::none()));
        }
        Ok(Obj::from_borrowed(get(prev)? as *mut PyObject))
    })
}

unsafe extern "C" fn get_code(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(Obj::from_borrowed((*frame_of(op)?).f_code as *mut PyObject)))
}

unsafe extern "C" fn get_globals(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(Obj::from_borrowed((*frame_of(op)?).f_globals)))
}

unsafe extern "C" fn get_builtins(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(Obj::from_borrowed((*frame_of(op)?).f_builtins)))
}

unsafe extern "C" fn get_locals(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| locals(frame_of(op)?))
}

/// Visits each fast local with its name, its slot, and whether the slot holds the
/// variable's cell (once MAKE_CELL or COPY_FREE_VARS has run) rather than its value.
unsafe fn for_each_local(f: *mut Frame, mut visit: impl FnMut(*mut PyObject, *mut *mut PyObject, bool) -> PyResult<()>) -> PyResult<()> {
    let co = (*f).f_code;
    let names = (*co).co_localsplusnames;
    let kinds = crate::objects::bytesobject::as_slice((*co).co_localspluskinds);
    let lp = frame::localsplus(f);
    let started = frame::lasti(f) >= 0;
    for i in 0..(*co).co_nlocalsplus as usize {
        let name = crate::objects::tupleobject::get_item(names, i as Py_ssize_t);
        let slot = lp.add(i);
        let v = *slot;
        let kind = kinds[i];
        let is_cell = !v.is_null() && (kind & CO_FAST_FREE != 0 || (kind & CO_FAST_CELL != 0 && started)) && crate::objects::cellobject::check(v);
        visit(name, slot, is_cell)?;
    }
    Ok(())
}

/// `f_locals`: the namespace of module and class frames; for function frames a dict made
/// from the fast locals and cells (CPython's PyFrame_FastToLocals), kept in `f_locals`.
pub unsafe fn locals(f: *mut Frame) -> PyResult<Obj> {
    let co = (*f).f_code;
    if (*co).co_flags & CO_OPTIMIZED == 0 && !(*f).f_locals.is_null() {
        return Ok(Obj::from_borrowed((*f).f_locals));
    }
    if (*f).f_locals.is_null() {
        (*f).f_locals = dict::new()?.into_ptr();
    }
    let d = (*f).f_locals;
    for_each_local(f, |name, slot, is_cell| {
        let v = if is_cell { crate::objects::cellobject::get(*slot) } else { *slot };
        if v.is_null() {
            if dict::get_item(d, name)?.is_some() {
                dict::del_item(d, name)?;
            }
        } else {
            dict::set_item(d, name, v)?;
        }
        Ok(())
    })?;
    Ok(Obj::from_borrowed(d))
}

/// PyFrame_LocalsToFast with clear: values a trace function stored in `f_locals` go back
/// into the fast locals and cells. Errors are swallowed, as CPython does.
pub unsafe fn locals_to_fast(f: *mut Frame) {
    let co = (*f).f_code;
    let d = (*f).f_locals;
    if d.is_null() || (*co).co_flags & CO_OPTIMIZED == 0 {
        return;
    }
    let (t, v, tb) = crate::err::fetch();
    let _ = for_each_local(f, |name, slot, is_cell| {
        // Borrowed from the dict.
        let value = match dict::get_item(d, name) {
            Ok(Some(v)) => v,
            _ => {
                crate::err::clear();
                null_mut()
            }
        };
        let old = *slot;
        if is_cell {
            if crate::objects::cellobject::get(old) != value {
                crate::objects::cellobject::set(old, value);
            }
        } else if value != old {
            let value = if value.is_null() {
                // The compiler may have proven the variable bound here: None, as CPython.
                let msg = format!("assigning None to unbound local {}", crate::protocol::object::repr_string(name).unwrap_or_default());
                if crate::report::warn(exc::runtime_warning(), &msg).is_err() {
                    crate::report::write_unraisable("Exception ignored in", null_mut());
                }
                noneobject::none()
            } else {
                value
            };
            incref(value);
            *slot = value;
            xdecref(old);
        }
        Ok(())
    });
    crate::err::restore(t, v, tb);
}

unsafe extern "C" fn get_lineno(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64(lineno(fobj(op)) as i64)))
}

unsafe extern "C" fn get_lasti(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let f = (*fobj(op)).f_frame;
    let i = if f.is_null() { -1 } else { frame::lasti(f) };
    crate::guard::ret_obj(Ok(long::from_i64(if i < 0 { -1 } else { i as i64 * 2 })))
}

unsafe extern "C" fn get_trace(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let t = (*fobj(op)).f_trace;
    let t = if t.is_null() { noneobject::none() } else { t };
    incref(t);
    t
}

unsafe extern "C" fn set_trace(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let v = if !v.is_null() && noneobject::is_none(v) { null_mut() } else { v };
    xincref(v);
    xsetref(&raw mut (*fobj(op)).f_trace, v);
    0
}

unsafe fn get_flag(v: std::ffi::c_char) -> *mut PyObject {
    crate::objects::boolobject::new_bool(v != 0)
}

unsafe fn set_flag(slot: *mut std::ffi::c_char, v: *mut PyObject, name: &str) -> c_int {
    if v.is_null() || !crate::objects::boolobject::check(v) {
        raise(exc::type_error(), format!("attribute value type must be bool"));
        let _ = name;
        return -1;
    }
    *slot = (v == crate::objects::boolobject::true_()) as std::ffi::c_char;
    0
}

unsafe extern "C" fn get_trace_lines(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_flag((*fobj(op)).f_trace_lines)
}

unsafe extern "C" fn set_trace_lines(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_flag(&raw mut (*fobj(op)).f_trace_lines, v, "f_trace_lines")
}

unsafe extern "C" fn get_trace_opcodes(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_flag((*fobj(op)).f_trace_opcodes)
}

unsafe extern "C" fn set_trace_opcodes(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_flag(&raw mut (*fobj(op)).f_trace_opcodes, v, "f_trace_opcodes")
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyFrame_Type)
}
