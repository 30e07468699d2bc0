//! sysmodule.h: `sys` attributes from C.

use crate::rt::ffi::*;
use crate::rt::objects::dictobject as dict;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

/// Borrowed `sys.<name>`, or NULL (never with an exception set), as CPython.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetObject(name: *const c_char) -> *mut PyObject {
    let (t, v, tb) = err::fetch();
    let r = crate::rt::pythonrun::sys_attr(&CStr::from_ptr(name).to_string_lossy()).unwrap_or(null_mut());
    err::restore(t, v, tb);
    r
}

/// Sets `sys.<name>` (deletes it for NULL; deleting a missing name is not an error).
#[no_mangle]
pub unsafe extern "C" fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int {
    crate::rt::guard::catch_int(|| {
        let d = crate::rt::interp::sysdict();
        if d.is_null() {
            return Err(err::raise(exc::runtime_error(), "no sys module"));
        }
        let key = CStr::from_ptr(name).to_string_lossy();
        if v.is_null() {
            let k = crate::rt::objects::unicodeobject::from_str(&key)?;
            dict::del_item(d, k.as_ptr())?;
            Ok(())
        } else {
            dict::set_item_str(d, &key, v)
        }
    })
}
