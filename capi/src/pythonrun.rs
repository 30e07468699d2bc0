//! pythonrun.h and ceval.h's entry points for embedders: running code objects in a
//! namespace, and the frame's builtins/globals/locals. Running source text needs the
//! compiler, which has not landed: those functions raise NotImplementedError naming it.

use crate::rt::ceval_frame as frame;
use crate::rt::ffi::*;
use crate::rt::object::incref;
use crate::rt::guard::catch_obj;
use crate::rt::objects::{codeobject, dictobject as dict, frameobject};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

/// The error of every entry point that would compile source text.
unsafe fn no_compiler(api: &str) {
    err::raise(
        exc::not_implemented_error(),
        format!("{api}: compiling Python source needs Ferric's compiler, which has not landed yet; run code objects (PyEval_EvalCode) instead"),
    );
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleStringFlags(command: *const c_char, _flags: *mut c_void) -> c_int {
    let _ = command;
    // As CPython on failure: the error printed, -1 returned.
    no_compiler("PyRun_SimpleString");
    crate::errors::PyErr_Print();
    -1
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleString(command: *const c_char) -> c_int {
    PyRun_SimpleStringFlags(command, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_StringFlags(_s: *const c_char, _start: c_int, _globals: *mut PyObject, _locals: *mut PyObject, _flags: *mut c_void) -> *mut PyObject {
    no_compiler("PyRun_String");
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_String(s: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    PyRun_StringFlags(s, start, globals, locals, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringExFlags(_s: *const c_char, _filename: *const c_char, _start: c_int, _flags: *mut c_void, _optimize: c_int) -> *mut PyObject {
    no_compiler("Py_CompileString");
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringObject(_s: *const c_char, _filename: *mut PyObject, _start: c_int, _flags: *mut c_void, _optimize: c_int) -> *mut PyObject {
    no_compiler("Py_CompileString");
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileString(s: *const c_char, filename: *const c_char, start: c_int) -> *mut PyObject {
    Py_CompileStringExFlags(s, filename, start, null_mut(), -1)
}

/// PyEval_EvalCode: runs a code object with `globals` (a dict) and `locals` (any mapping,
/// or NULL for `globals`).
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCode(co: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "globals must be a dict"));
        }
        if co.is_null() || !codeobject::check(co) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCode: argument is not a code object"));
        }
        let locals = if locals.is_null() { globals } else { locals };
        crate::rt::ceval::eval_code(co, globals, locals)
    })
}

/// PyEval_EvalCodeEx: a code object run as a function would be, with positional and
/// keyword arguments, defaults and a closure.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCodeEx(
    co: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
    args: *const *mut PyObject,
    argcount: c_int,
    kws: *const *mut PyObject,
    kwcount: c_int,
    defs: *const *mut PyObject,
    defcount: c_int,
    kwdefs: *mut PyObject,
    closure: *mut PyObject,
) -> *mut PyObject {
    use crate::rt::objects::{functionobject as func, tupleobject as tuple};
    catch_obj(|| {
        if globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCodeEx: NULL globals"));
        }
        if co.is_null() || !codeobject::check(co) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCodeEx: argument is not a code object"));
        }
        let f = func::new(co, globals, std::ptr::null_mut())?;
        let fo = func::raw(f.as_ptr());
        if defcount > 0 {
            let d = tuple::from_slice(std::slice::from_raw_parts(defs, defcount as usize))?;
            (*fo).func_defaults = d.into_ptr();
        }
        if !kwdefs.is_null() && dict::check(kwdefs) {
            incref(kwdefs);
            (*fo).func_kwdefaults = kwdefs;
        }
        if !closure.is_null() && tuple::check(closure) {
            incref(closure);
            (*fo).func_closure = closure;
        }
        let mut all: Vec<*mut PyObject> = if argcount > 0 { std::slice::from_raw_parts(args, argcount as usize).to_vec() } else { Vec::new() };
        let mut names = Vec::new();
        for i in 0..kwcount.max(0) as usize {
            names.push(*kws.add(2 * i));
            all.push(*kws.add(2 * i + 1));
        }
        let kwnames = if names.is_empty() { std::ptr::null_mut() } else { tuple::from_slice(&names)?.into_ptr() };
        let kwnames = crate::rt::Obj::from_owned(kwnames).ok();
        let locals = if locals.is_null() || (*(co as *mut PyCodeObject)).co_flags & CO_OPTIMIZED != 0 { std::ptr::null_mut() } else { locals };
        crate::rt::ceval::call_with_locals(f.as_ptr(), locals, &all, argcount.max(0) as usize, kwnames.as_ref().map_or(std::ptr::null_mut(), |k| k.as_ptr()))
    })
}

/// The innermost complete frame of this thread, if any.
unsafe fn current_frame() -> *mut frame::Frame {
    frame::first_complete(frame::current())
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_GetBuiltins() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        crate::rt::interp::builtins()
    } else {
        (*f).f_builtins
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_GetGlobals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        null_mut()
    } else {
        (*f).f_globals
    }
}

/// Borrowed, as CPython: the frame keeps the dict in `f_locals`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetLocals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        err::raise(exc::system_error(), "frame does not exist");
        return null_mut();
    }
    match crate::rt::guard::catch(Err(err::ErrSet::assume_set()), || frameobject::locals(f)) {
        Ok(d) => d.as_ptr(),
        Err(_) => null_mut(),
    }
}

/// Borrowed frame object of the running frame, or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFrame() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        return null_mut();
    }
    match frameobject::get(f) {
        Ok(fo) => fo as *mut PyObject,
        Err(_) => null_mut(),
    }
}
