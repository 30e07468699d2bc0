//! `fileobject.h`: writing to file-like objects through their `write` method, and file
//! descriptors from ints or `fileno()`.

use crate::longobject::_PyLong_AsInt;
use crate::rt::ffi::*;
use crate::rt::guard::catch_int;
use crate::rt::objects::{longobject as long, unicodeobject as str_};
use crate::rt::protocol::{call, object as proto};
use crate::rt::{err, exc, PyResult};

use std::ffi::{c_char, c_int};

const PRINT_RAW: c_int = 1;

/// Writes `str(v)` (with `Py_PRINT_RAW`) or `repr(v)` by calling `f.write`.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteObject(v: *mut PyObject, f: *mut PyObject, flags: c_int) -> c_int {
    if f.is_null() {
        err::raise(exc::type_error(), "writeobject with NULL file");
        return -1;
    }
    catch_int(|| {
        let writer = proto::getattr_str(f, "write")?;
        let value = if flags & PRINT_RAW != 0 { proto::str(v)? } else { proto::repr(v)? };
        call::vectorcall(writer.as_ptr(), &[value.as_ptr()], std::ptr::null_mut())?;
        Ok(())
    })
}

/// Writes the UTF-8 text `s` to `f`; does nothing but fail when an exception is pending.
#[no_mangle]
pub unsafe extern "C" fn PyFile_WriteString(s: *const c_char, f: *mut PyObject) -> c_int {
    if f.is_null() {
        if err::occurred().is_null() {
            err::raise(exc::system_error(), "null file for PyFile_WriteString");
        }
        return -1;
    }
    if !err::occurred().is_null() {
        return -1;
    }
    let text = crate::rt::guard::catch(None, || str_::from_cstr(s).ok());
    match text {
        Some(t) => PyFile_WriteObject(t.as_ptr(), f, PRINT_RAW),
        None => -1,
    }
}

unsafe fn as_fd(o: *mut PyObject) -> PyResult<c_int> {
    let fd = if long::check(o) {
        _PyLong_AsInt(o)
    } else {
        match proto::lookup_attr(o, str_::intern("fileno")?)? {
            None => return Err(err::raise(exc::type_error(), "argument must be an int, or have a fileno() method.")),
            Some(meth) => {
                let fno = call::vectorcall(meth.as_ptr(), &[], std::ptr::null_mut())?;
                if !long::check(fno.as_ptr()) {
                    return Err(err::raise(exc::type_error(), "fileno() returned a non-integer"));
                }
                _PyLong_AsInt(fno.as_ptr())
            }
        }
    };
    if fd == -1 && !err::occurred().is_null() {
        return Err(crate::rt::ErrSet::assume_set());
    }
    if fd < 0 {
        return Err(err::raise(exc::value_error(), format!("file descriptor cannot be a negative integer ({fd})")));
    }
    Ok(fd)
}

/// The file descriptor of an int or of an object with a `fileno()` method; -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyObject_AsFileDescriptor(o: *mut PyObject) -> c_int {
    crate::rt::guard::catch(-1, || as_fd(o).unwrap_or(-1))
}
