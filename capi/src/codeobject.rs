//! code.h and funcobject.h: making code and function objects from C, and reading them.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::{bytesobject as bytes, codeobject as code, dictobject as dict, functionobject as func, tupleobject as tuple, unicodeobject as str_};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyCode_NewWithPosOnlyArgs(
    argcount: c_int,
    posonlyargcount: c_int,
    kwonlyargcount: c_int,
    nlocals: c_int,
    stacksize: c_int,
    flags: c_int,
    code_bytes: *mut PyObject,
    consts: *mut PyObject,
    names: *mut PyObject,
    varnames: *mut PyObject,
    freevars: *mut PyObject,
    cellvars: *mut PyObject,
    filename: *mut PyObject,
    name: *mut PyObject,
    qualname: *mut PyObject,
    firstlineno: c_int,
    linetable: *mut PyObject,
    exceptiontable: *mut PyObject,
) -> *mut PyObject {
    catch_obj(|| {
        code::new_with_names(
            argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, code_bytes, consts, names, varnames, freevars, cellvars, filename, name,
            qualname, firstlineno, linetable, exceptiontable,
        )
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyCode_New(
    argcount: c_int,
    kwonlyargcount: c_int,
    nlocals: c_int,
    stacksize: c_int,
    flags: c_int,
    code_bytes: *mut PyObject,
    consts: *mut PyObject,
    names: *mut PyObject,
    varnames: *mut PyObject,
    freevars: *mut PyObject,
    cellvars: *mut PyObject,
    filename: *mut PyObject,
    name: *mut PyObject,
    qualname: *mut PyObject,
    firstlineno: c_int,
    linetable: *mut PyObject,
    exceptiontable: *mut PyObject,
) -> *mut PyObject {
    PyCode_NewWithPosOnlyArgs(
        argcount, 0, kwonlyargcount, nlocals, stacksize, flags, code_bytes, consts, names, varnames, freevars, cellvars, filename, name, qualname,
        firstlineno, linetable, exceptiontable,
    )
}

/// A code object that raises AssertionError, named for `funcname` (what Cython uses for
/// the frames of its tracebacks).
#[no_mangle]
pub unsafe extern "C" fn PyCode_NewEmpty(filename: *const c_char, funcname: *const c_char, firstlineno: c_int) -> *mut PyObject {
    use crate::rt::opcode as op;
    catch_obj(|| {
        let units = [op::RESUME, 0, op::LOAD_ASSERTION_ERROR, 0, op::RAISE_VARARGS, 1];
        // One entry: no columns, three code units, on `firstlineno`.
        let table = [(1u8 << 7) | (13 << 3) | 2, 0];
        let empty = tuple::new(0)?;
        let name = str_::from_str(&CStr::from_ptr(funcname).to_string_lossy())?;
        let file = str_::from_str(&CStr::from_ptr(filename).to_string_lossy())?;
        let (c, t, no) = (bytes::from_slice(&units)?, bytes::from_slice(&table)?, bytes::from_slice(&[])?);
        let e = empty.as_ptr();
        code::new_with_names(0, 0, 0, 0, 1, 0, c.as_ptr(), e, e, e, e, e, file.as_ptr(), name.as_ptr(), name.as_ptr(), firstlineno, t.as_ptr(), no.as_ptr())
    })
}

unsafe fn code_arg(op: *mut PyObject) -> Option<*mut PyObject> {
    if op.is_null() || !code::check(op) {
        crate::bad_internal_call();
        return None;
    }
    Some(op)
}

/// `co_code` (the bytecode with specializations undone), as a new reference.
#[no_mangle]
pub unsafe extern "C" fn PyCode_GetCode(op: *mut PyObject) -> *mut PyObject {
    let Some(op) = code_arg(op) else { return null_mut() };
    catch_obj(|| crate::rt::protocol::object::getattr_str(op, "co_code"))
}

unsafe fn code_attr(op: *mut PyObject, name: &str) -> *mut PyObject {
    let Some(op) = code_arg(op) else { return null_mut() };
    catch_obj(|| crate::rt::protocol::object::getattr_str(op, name))
}

#[no_mangle]
pub unsafe extern "C" fn PyCode_GetVarnames(op: *mut PyObject) -> *mut PyObject {
    code_attr(op, "co_varnames")
}

#[no_mangle]
pub unsafe extern "C" fn PyCode_GetCellvars(op: *mut PyObject) -> *mut PyObject {
    code_attr(op, "co_cellvars")
}

#[no_mangle]
pub unsafe extern "C" fn PyCode_GetFreevars(op: *mut PyObject) -> *mut PyObject {
    code_attr(op, "co_freevars")
}

// ---- functions ---------------------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyFunction_NewWithQualName(code_obj: *mut PyObject, globals: *mut PyObject, qualname: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if code_obj.is_null() || !code::check(code_obj) || globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "bad argument to internal function"));
        }
        func::new(code_obj, globals, qualname)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyFunction_New(code_obj: *mut PyObject, globals: *mut PyObject) -> *mut PyObject {
    PyFunction_NewWithQualName(code_obj, globals, null_mut())
}

unsafe fn func_arg(op: *mut PyObject) -> Option<*mut PyFunctionObject> {
    if op.is_null() || !func::check(op) {
        crate::bad_internal_call();
        return None;
    }
    Some(func::raw(op))
}

macro_rules! func_getter {
    ($name:ident, $field:ident) => {
        /// Borrowed, as CPython.
        #[no_mangle]
        pub unsafe extern "C" fn $name(op: *mut PyObject) -> *mut PyObject {
            match func_arg(op) {
                Some(f) => (*f).$field,
                None => null_mut(),
            }
        }
    };
}

func_getter!(PyFunction_GetCode, func_code);
func_getter!(PyFunction_GetGlobals, func_globals);
func_getter!(PyFunction_GetModule, func_module);
func_getter!(PyFunction_GetDefaults, func_defaults);
func_getter!(PyFunction_GetKwDefaults, func_kwdefaults);
func_getter!(PyFunction_GetClosure, func_closure);
func_getter!(PyFunction_GetAnnotations, func_annotations);

/// Replaces one field after checking its type (None clears it); `func_version` is reset so
/// caches keyed on the function see the change.
unsafe fn func_set(op: *mut PyObject, v: *mut PyObject, slot: fn(*mut PyFunctionObject) -> *mut *mut PyObject, ok: unsafe fn(*mut PyObject) -> bool, msg: &str) -> c_int {
    let Some(f) = func_arg(op) else { return -1 };
    let v = if !v.is_null() && crate::rt::objects::noneobject::is_none(v) { null_mut() } else { v };
    if !v.is_null() && !ok(v) {
        err::raise(exc::system_error(), msg.replace("{}", crate::rt::objects::typeobject::full_name(type_of(v))));
        return -1;
    }
    xincref(v);
    (*f).func_version = 0;
    xsetref(slot(f), v);
    0
}

#[no_mangle]
pub unsafe extern "C" fn PyFunction_SetDefaults(op: *mut PyObject, v: *mut PyObject) -> c_int {
    func_set(op, v, |f| unsafe { &raw mut (*f).func_defaults }, tuple::check, "non-tuple default args")
}

#[no_mangle]
pub unsafe extern "C" fn PyFunction_SetKwDefaults(op: *mut PyObject, v: *mut PyObject) -> c_int {
    func_set(op, v, |f| unsafe { &raw mut (*f).func_kwdefaults }, dict::check, "non-dict keyword only default args")
}

#[no_mangle]
pub unsafe extern "C" fn PyFunction_SetClosure(op: *mut PyObject, v: *mut PyObject) -> c_int {
    func_set(op, v, |f| unsafe { &raw mut (*f).func_closure }, tuple::check, "expected tuple for closure, got '{}'")
}

#[no_mangle]
pub unsafe extern "C" fn PyFunction_SetAnnotations(op: *mut PyObject, v: *mut PyObject) -> c_int {
    func_set(op, v, |f| unsafe { &raw mut (*f).func_annotations }, dict::check, "non-dict annotations")
}
