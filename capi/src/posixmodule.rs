//! `Modules/posixmodule.h`'s converters that `pwd`, `grp` and `posix` share: a Python int
//! to `uid_t`/`gid_t`, where -1 is allowed and means "unchanged", with CPython's messages
//! (including its quirk that a value that does not fit is "less than minimum").

use crate::abstract_::PyNumber_Index;
use crate::longobject::{PyLong_AsLongAndOverflow, PyLong_AsUnsignedLong};
use crate::rt::ffi::*;
use crate::rt::object::decref;
use crate::rt::{err, exc};
use std::ffi::{c_int, c_long, c_uint};

unsafe fn convert(obj: *mut PyObject, what: &str) -> Option<c_uint> {
    let index = PyNumber_Index(obj);
    if index.is_null() {
        err::clear();
        let name = crate::rt::objects::typeobject::short_name(crate::rt::object::type_of(obj));
        err::raise(exc::type_error(), format!("{what} should be integer, not {name:.200}"));
        return None;
    }
    let result = (|| {
        let mut overflow: c_int = 0;
        let v = PyLong_AsLongAndOverflow(index, &mut overflow);
        if overflow == 0 {
            if v == -1 {
                return if err::occurred().is_null() { Ok(c_uint::MAX) } else { Err(None) };
            }
            if v < 0 || (v as c_uint) as c_long != v {
                return Err(Some("less than minimum"));
            }
            return Ok(v as c_uint);
        }
        if overflow < 0 {
            return Err(Some("less than minimum"));
        }
        let u = PyLong_AsUnsignedLong(index);
        if !err::occurred().is_null() {
            if err::exception_matches(exc::overflow_error()) {
                err::clear();
                return Err(Some("greater than maximum"));
            }
            return Err(None);
        }
        let id = u as c_uint;
        if id == c_uint::MAX || id as u64 != u as u64 {
            return Err(Some("greater than maximum"));
        }
        Ok(id)
    })();
    decref(index);
    match result {
        Ok(id) => Some(id),
        Err(Some(msg)) => {
            err::raise(exc::overflow_error(), format!("{what} is {msg}"));
            None
        }
        Err(None) => None,
    }
}

#[no_mangle]
pub unsafe extern "C" fn _Py_Uid_Converter(obj: *mut PyObject, p: *mut libc::uid_t) -> c_int {
    crate::rt::guard::catch(0, || match convert(obj, "uid") {
        Some(id) => {
            *p = id;
            1
        }
        None => 0,
    })
}

#[no_mangle]
pub unsafe extern "C" fn _Py_Gid_Converter(obj: *mut PyObject, p: *mut libc::gid_t) -> c_int {
    crate::rt::guard::catch(0, || match convert(obj, "gid") {
        Some(id) => {
            *p = id;
            1
        }
        None => 0,
    })
}
