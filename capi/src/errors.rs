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
    let e = *libc::__errno_location();
    let msg = if e == 0 { "Error".to_owned() } else { std::io::Error::from_raw_os_error(e).to_string() };
    // Rust appends " (os error N)"; CPython shows strerror alone.
    let msg = match msg.rfind(" (os error") {
        Some(i) => msg[..i].to_owned(),
        None => msg,
    };
    let _ = crate::rt::guard::catch_obj(|| {
        let n = crate::rt::objects::longobject::from_i64(e as i64);
        let m = str_::from_str(&msg)?;
        let args = if filename.is_null() {
            tuple::pack(&[n.as_ptr(), m.as_ptr()])?
        } else {
            tuple::pack(&[n.as_ptr(), m.as_ptr(), filename])?
        };
        err::set_object(t, args.as_ptr());
        Err(err::ErrSet::assume_set())
    });
    null_mut()
}
#[no_mangle]
pub unsafe extern "C" fn PyErr_SetFromErrnoWithFilename(t: *mut PyObject, filename: *const c_char) -> *mut PyObject {
    let f = if filename.is_null() { None } else { str_::from_cstr(filename).ok() };
    PyErr_SetFromErrnoWithFilenameObject(t, f.as_ref().map(|o| o.as_ptr()).unwrap_or(null_mut()))
}
