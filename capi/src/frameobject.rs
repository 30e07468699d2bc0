//! frameobject.h and the frame parts of ceval.h/traceback.h, for extensions that walk
//! the stack or make traceback entries (Cython does both).

use crate::rt::ceval_frame as frame;
use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{frameobject, genobject};
use std::ffi::c_int;
use std::ptr::null_mut;

unsafe fn interp_frame(fo: *mut PyObject) -> Option<*mut frame::Frame> {
    if fo.is_null() || !frameobject::check(fo) {
        crate::bad_internal_call();
        return None;
    }
    let f = (*(fo as *mut PyFrameObject)).f_frame;
    (!f.is_null()).then_some(f)
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetCode(fo: *mut PyObject) -> *mut PyObject {
    let Some(f) = interp_frame(fo) else { return null_mut() };
    let co = (*f).f_code as *mut PyObject;
    incref(co);
    co
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetBack(fo: *mut PyObject) -> *mut PyObject {
    // NULL without an exception for the outermost frame.
    let back = catch_obj(|| crate::rt::protocol::object::getattr_str(fo, "f_back"));
    if !back.is_null() && crate::rt::objects::noneobject::is_none(back) {
        decref(back);
        return null_mut();
    }
    back
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLineNumber(fo: *mut PyObject) -> c_int {
    match crate::rt::protocol::object::getattr_str(fo, "f_lineno") {
        Ok(v) => crate::rt::objects::longobject::as_c_long(v.as_ptr()).unwrap_or(-1) as c_int,
        Err(_) => -1,
    }
}

/// The last instruction as a byte offset, -1 before the first.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLasti(fo: *mut PyObject) -> c_int {
    let Some(f) = interp_frame(fo) else { return -1 };
    let i = frame::lasti(f);
    if i < 0 {
        -1
    } else {
        i * 2
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetLocals(fo: *mut PyObject) -> *mut PyObject {
    let Some(f) = interp_frame(fo) else { return null_mut() };
    catch_obj(|| frameobject::locals(f))
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetGlobals(fo: *mut PyObject) -> *mut PyObject {
    let Some(f) = interp_frame(fo) else { return null_mut() };
    incref((*f).f_globals);
    (*f).f_globals
}

#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetBuiltins(fo: *mut PyObject) -> *mut PyObject {
    let Some(f) = interp_frame(fo) else { return null_mut() };
    incref((*f).f_builtins);
    (*f).f_builtins
}

/// The generator or coroutine running in the frame, or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_GetGenerator(fo: *mut PyObject) -> *mut PyObject {
    let Some(f) = interp_frame(fo) else { return null_mut() };
    match genobject::of_frame(f) {
        Some(g) => {
            incref(g as *mut PyObject);
            g as *mut PyObject
        }
        None => null_mut(),
    }
}

/// Adds an entry for frame object `fo` to the pending exception's traceback.
#[no_mangle]
pub unsafe extern "C" fn PyTraceBack_Here(fo: *mut PyObject) -> c_int {
    let Some(f) = interp_frame(fo) else { return -1 };
    catch_int(|| crate::rt::objects::traceback::here(f))
}

/// Writes the report of traceback `tb` to `file` (anything with `write`).
#[no_mangle]
pub unsafe extern "C" fn PyTraceBack_Print(tb: *mut PyObject, file: *mut PyObject) -> c_int {
    if tb.is_null() {
        return 0;
    }
    catch_int(|| {
        if !crate::rt::objects::traceback::check(tb) {
            crate::bad_internal_call();
            return Err(crate::rt::ErrSet::assume_set());
        }
        let text = crate::rt::objects::traceback::format(tb)?;
        let s = crate::rt::objects::unicodeobject::from_str(&text)?;
        crate::rt::protocol::call::call_method_obj(file, "write", &[s.as_ptr()])?;
        Ok(())
    })
}

/// A frame object for `code` that is not running (CPython's `PyFrame_New`): its function is
/// made from the code and `globals`; `locals` (may be NULL) is the frame's namespace.
#[no_mangle]
pub unsafe extern "C" fn PyFrame_New(
    _ts: *mut PyThreadState,
    code: *mut PyCodeObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
) -> *mut PyFrameObject {
    crate::rt::guard::catch(null_mut(), || {
        if code.is_null() || globals.is_null() || !crate::rt::objects::dictobject::check(globals) {
            crate::bad_internal_call();
            return null_mut();
        }
        let Ok(func) = crate::rt::objects::functionobject::new(code as *mut PyObject, globals, null_mut()) else {
            return null_mut();
        };
        let Ok(f) = frame::alloc(func.as_ptr(), locals) else { return null_mut() };
        match frameobject::get(f) {
            Ok(fo) => {
                // The frame object owns the frame; the reference `get` made is the caller's.
                (*f).owner = frame::OWNED_BY_FRAME_OBJECT;
                (*fo).f_lineno = frameobject::line_of(f);
                fo
            }
            Err(_) => {
                frame::clear_contents(f);
                crate::rt::mem::free(f as *mut _);
                null_mut()
            }
        }
    })
}
