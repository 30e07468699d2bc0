//! pyerrors.h: the error indicator from C.

use crate::rt::ffi::*;
use crate::rt::object::*;
use crate::rt::objects::exceptions as excs;
use crate::rt::objects::{tupleobject as tuple, unicodeobject as str_};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyErr_SetString(t: *mut PyObject, msg: *const c_char) {
    let text = CStr::from_ptr(msg).to_string_lossy();
    err::set_string(t, &text);
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetObject(t: *mut PyObject, v: *mut PyObject) {
    err::set_object(t, v);
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetNone(t: *mut PyObject) {
    err::set_object(t, null_mut());
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Occurred() -> *mut PyObject {
    err::occurred()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Clear() {
    err::clear()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Fetch(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    let (a, b, c) = err::fetch();
    *t = a;
    *v = b;
    *tb = c;
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Restore(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    err::restore(t, v, tb)
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_NormalizeException(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    let (mut a, mut b, mut c) = (*t, *v, *tb);
    if excs::normalize(&mut a, &mut b, &mut c).is_err() {
        // Replace with the error raised while normalising, as CPython does.
        let (na, nb, nc) = err::fetch();
        xdecref(a);
        xdecref(b);
        a = na;
        b = nb;
        if !nc.is_null() {
            xdecref(c);
            c = nc;
        }
        let _ = excs::normalize(&mut a, &mut b, &mut c);
        err::clear();
    }
    *t = a;
    *v = b;
    *tb = c;
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GivenExceptionMatches(given: *mut PyObject, e: *mut PyObject) -> c_int {
    excs::given_exception_matches(given, e) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_ExceptionMatches(e: *mut PyObject) -> c_int {
    err::exception_matches(e) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_NoMemory() -> *mut PyObject {
    excs::no_memory_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_BadArgument() -> c_int {
    err::raise(exc::type_error(), "bad argument type for built-in operation");
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_BadInternalCall() {
    crate::bad_internal_call()
}
#[no_mangle]
pub unsafe extern "C" fn _PyErr_BadInternalCall(file: *const c_char, line: c_int) {
    let f = if file.is_null() { "?".into() } else { CStr::from_ptr(file).to_string_lossy() };
    err::raise(exc::system_error(), format!("{f}:{line}: bad argument to internal function"));
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetRaisedException() -> *mut PyObject {
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = excs::normalize(&mut t, &mut v, &mut tb);
    xdecref(t);
    xdecref(tb);
    v
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetTraceback(e: *mut PyObject) -> *mut PyObject {
    let tb = (*(e as *mut PyBaseExceptionObject)).traceback;
    xincref(tb);
    tb
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetTraceback(e: *mut PyObject, tb: *mut PyObject) -> c_int {
    PyObject_SetAttrString_(e, "__traceback__", tb)
}
unsafe fn PyObject_SetAttrString_(o: *mut PyObject, name: &str, v: *mut PyObject) -> c_int {
    crate::rt::guard::catch_int(|| crate::rt::protocol::object::setattr(o, str_::intern(name)?, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetContext(e: *mut PyObject) -> *mut PyObject {
    let c = (*(e as *mut PyBaseExceptionObject)).context;
    xincref(c);
    c
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetContext(e: *mut PyObject, ctx: *mut PyObject) {
    xsetref(&raw mut (*(e as *mut PyBaseExceptionObject)).context, ctx);
}
#[no_mangle]
pub unsafe extern "C" fn PyException_GetCause(e: *mut PyObject) -> *mut PyObject {
    let c = (*(e as *mut PyBaseExceptionObject)).cause;
    xincref(c);
    c
}
#[no_mangle]
pub unsafe extern "C" fn PyException_SetCause(e: *mut PyObject, cause: *mut PyObject) {
    let b = e as *mut PyBaseExceptionObject;
    (*b).suppress_context = 1;
    xsetref(&raw mut (*b).cause, cause);
}
#[no_mangle]
pub unsafe extern "C" fn PyExceptionClass_Name(t: *mut PyObject) -> *const c_char {
    (*(t as *mut PyTypeObject)).tp_name
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_WriteUnraisable(obj: *mut PyObject) {
    crate::rt::report::write_unraisable("Exception ignored in", obj)
}
/// `PyErr_SetFromErrno`: OSError (or the errno-specific subclass) from `errno`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrno(t: *mut PyObject) -> *mut PyObject {
    PyErr_SetFromErrnoWithFilenameObject(t, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilenameObject(t: *mut PyObject, filename: *mut PyObject) -> *mut PyObject {
    err::set_from_errno(t, err::last_errno(), filename, null_mut());
    null_mut()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(t: *mut PyObject, filename: *const c_char) -> *mut PyObject {
    let f = if filename.is_null() { None } else { str_::from_cstr(filename).ok() };
    PyErr_SetFromErrnoWithFilenameObject(t, f.as_ref().map(|o| o.as_ptr()).unwrap_or(null_mut()))
}

/// A new exception class `module.Name` (CPython's PyErr_NewException).
#[no_mangle]
pub unsafe extern "C" fn PyErr_NewException(name: *const c_char, base: *mut PyObject, dict: *mut PyObject) -> *mut PyObject {
    PyErr_NewExceptionWithDoc(name, std::ptr::null(), base, dict)
}

#[no_mangle]
pub unsafe extern "C" fn PyErr_NewExceptionWithDoc(name: *const c_char, doc: *const c_char, base: *mut PyObject, dict: *mut PyObject) -> *mut PyObject {
    crate::rt::guard::catch_obj(|| {
        let full = CStr::from_ptr(name).to_string_lossy().into_owned();
        let Some(dot) = full.rfind('.') else {
            return Err(err::raise(exc::system_error(), "PyErr_NewException: name must be module.class"));
        };
        let d = if dict.is_null() { crate::rt::objects::dictobject::new()? } else { Obj::from_borrowed(dict) };
        if !doc.is_null() {
            let ds = str_::from_cstr(doc)?;
            crate::rt::objects::dictobject::set_item_str(d.as_ptr(), "__doc__", ds.as_ptr())?;
        }
        if crate::rt::objects::dictobject::get_item_str(d.as_ptr(), "__module__")?.is_null() {
            let m = str_::from_str(&full[..dot])?;
            crate::rt::objects::dictobject::set_item_str(d.as_ptr(), "__module__", m.as_ptr())?;
        }
        let bases = if base.is_null() {
            tuple::pack(&[exc::exception()])?
        } else if tuple::check(base) {
            Obj::from_borrowed(base)
        } else {
            tuple::pack(&[base])?
        };
        let n = str_::from_str(&full[dot + 1..])?;
        let args = tuple::pack(&[n.as_ptr(), bases.as_ptr(), d.as_ptr()])?;
        crate::rt::protocol::call::call(crate::rt::objects::typeobject::type_type() as *mut PyObject, args.as_ptr(), null_mut())
    })
}

/// The exception being handled (sys.exception()), a new reference or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetHandledException() -> *mut PyObject {
    let v = crate::rt::err::handled_exception();
    xincref(v);
    v
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetHandledException(e: *mut PyObject) {
    crate::rt::err::set_handled_exception(if e.is_null() || crate::rt::objects::noneobject::is_none(e) { null_mut() } else { e })
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_GetExcInfo(t: *mut *mut PyObject, v: *mut *mut PyObject, tb: *mut *mut PyObject) {
    let e = crate::rt::err::handled_exception();
    if e.is_null() {
        // CPython reports (None, None, None) when nothing is handled.
        let none = crate::rt::objects::noneobject::none();
        *t = none;
        *v = none;
        *tb = none;
        return;
    }
    let ty = type_of(e) as *mut PyObject;
    incref(ty);
    incref(e);
    *t = ty;
    *v = e;
    *tb = PyException_GetTraceback(e);
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetExcInfo(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    PyErr_SetHandledException(v);
    xdecref(t);
    xdecref(v);
    xdecref(tb);
}
/// Chains the pending exception to the given one as its context (CPython's helper).
#[no_mangle]
pub unsafe extern "C" fn _PyErr_ChainExceptions(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    if t.is_null() {
        return;
    }
    if err::occurred().is_null() {
        err::restore(t, v, tb);
        return;
    }
    let (mut t2, mut v2, mut tb2) = err::fetch();
    let (mut t1, mut v1, mut tb1) = (t, v, tb);
    let _ = excs::normalize(&mut t1, &mut v1, &mut tb1);
    let _ = excs::normalize(&mut t2, &mut v2, &mut tb2);
    if !v2.is_null() && !v1.is_null() && excs::check(v2) {
        incref(v1);
        PyException_SetContext(v2, v1);
    }
    xdecref(t1);
    xdecref(v1);
    xdecref(tb1);
    err::restore(t2, v2, tb2);
}
#[no_mangle]
pub unsafe extern "C" fn _PyErr_SetKeyError(key: *mut PyObject) {
    excs::set_key_error(key);
}
#[no_mangle]
pub unsafe extern "C" fn _PyErr_WriteUnraisableMsg(msg: *const c_char, obj: *mut PyObject) {
    let what = if msg.is_null() { "Exception ignored in".to_owned() } else { format!("Exception ignored {}", CStr::from_ptr(msg).to_string_lossy()) };
    crate::rt::report::write_unraisable(&what, obj)
}
/// Signal handlers written in Python run here; the signal module is not there yet, so no
/// handler can be pending.
#[no_mangle]
pub unsafe extern "C" fn PyErr_CheckSignals() -> c_int {
    0
}

/// Warnings go through the `warnings` machinery once it exists; until then the default
/// filters are applied here: DeprecationWarning, PendingDeprecationWarning, ImportWarning and
/// ResourceWarning are ignored, others printed once per message to stderr.
#[no_mangle]
pub unsafe extern "C" fn PyErr_WarnEx(category: *mut PyObject, msg: *const c_char, _stack_level: Py_ssize_t) -> c_int {
    let text = CStr::from_ptr(msg).to_string_lossy().into_owned();
    crate::rt::guard::catch_int(|| crate::rt::report::warn(category, &text))
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_Print() {
    PyErr_PrintEx(1)
}
/// Reports the pending exception as the interpreter does: SystemExit ends the process with
/// its status; anything else goes to `sys.excepthook` (kept in `sys.last_*` if asked).
#[no_mangle]
pub unsafe extern "C" fn PyErr_PrintEx(set_sys_last_vars: c_int) {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return;
    }
    let _ = excs::normalize(&mut t, &mut v, &mut tb);
    if !tb.is_null() && !v.is_null() {
        excs::set_traceback_raw(v, tb);
    }
    if let Some(code) = crate::rt::pythonrun::system_exit_code(v) {
        crate::pylifecycle::Py_Exit(code);
    }
    if set_sys_last_vars != 0 {
        let none = crate::rt::objects::noneobject::none();
        for (name, o) in [(c"last_type", t), (c"last_value", v), (c"last_traceback", tb)] {
            if crate::sysmodule::PySys_SetObject(name.as_ptr(), if o.is_null() { none } else { o }) < 0 {
                err::clear();
            }
        }
    }
    crate::rt::pythonrun::call_excepthook(t, v, tb);
    xdecref(t);
    xdecref(v);
    xdecref(tb);
}
/// Prints an exception with its traceback and chain, as the default `sys.excepthook`.
#[no_mangle]
pub unsafe extern "C" fn PyErr_Display(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    if v.is_null() || !excs::check(v) {
        eprintln!("{}", crate::rt::report::format_exception_only(t, v));
        return;
    }
    if !tb.is_null() {
        excs::set_traceback_raw(v, tb);
    }
    crate::rt::pythonrun::flush_std_streams();
    eprint!("{}", crate::rt::pythonrun::format_exception(v));
}

/// The "Did you mean" edit distance of two str (`Python/suggestions.c`); -1 on error.
/// `max_cost` -1 means no bound but the longest possible cost.
#[no_mangle]
pub unsafe extern "C" fn _Py_UTF8_Edit_Cost(a: *mut PyObject, b: *mut PyObject, max_cost: Py_ssize_t) -> Py_ssize_t {
    crate::rt::guard::catch(-1, || {
        let (Ok(x), Ok(y)) = (str_::as_str(a), str_::as_str(b)) else { return -1 };
        let max = if max_cost == -1 { 2 * x.len().max(y.len()) } else { max_cost.max(0) as usize };
        crate::rt::suggestions::levenshtein_distance(x.as_bytes(), y.as_bytes(), max) as Py_ssize_t
    })
}
