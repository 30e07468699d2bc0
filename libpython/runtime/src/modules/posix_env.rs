//! `posix.environ` (bytes to bytes, read once when the module is made, as CPython's
//! convertenviron) and `putenv`/`unsetenv`, which change the process environment only.
//!
//! Safety: every `unsafe fn` here runs with the thread state attached; `environ` is read
//! and changed only under it.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::METHOD_END;
use crate::objects::{bytesobject as bytes, dictobject as dict};
use crate::posix_fns;
use std::ffi::CStr;

extern "C" {
    static mut environ: *mut *mut std::ffi::c_char;
}

/// The environment as a dict of bytes; the first of duplicate names wins, as in CPython.
pub unsafe fn environ_dict() -> PyResult<Obj> {
    let d = dict::new()?;
    let mut e = environ;
    if e.is_null() {
        return Ok(d);
    }
    while !(*e).is_null() {
        let entry = CStr::from_ptr(*e).to_bytes();
        e = e.add(1);
        // A leading '=' is part of the name (Windows-style "=C:" entries).
        let Some(eq) = entry.iter().skip(1).position(|&c| c == b'=').map(|i| i + 1) else { continue };
        let k = bytes::from_slice(&entry[..eq])?;
        if dict::get_item(d.as_ptr(), k.as_ptr())?.is_some() {
            continue;
        }
        let v = bytes::from_slice(&entry[eq + 1..])?;
        dict::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr())?;
    }
    Ok(d)
}

/// putenv's check; an empty name is left to setenv's EINVAL, as in CPython.
fn check_name(name: &std::ffi::CString) -> PyResult<()> {
    if name.as_bytes().contains(&b'=') {
        return Err(raise(exc::value_error(), "illegal environment variable name"));
    }
    Ok(())
}

posix_fns! {
    posix_putenv("putenv", ["name", "value"], 2, 2, 2) = |a| {
        let name = fs_converter(a[0])?;
        let value = fs_converter(a[1])?;
        check_name(&name)?;
        if libc::setenv(name.as_ptr(), value.as_ptr(), 1) != 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_unsetenv("unsetenv", ["name"], 1, 1, 1) = |a| {
        let name = fs_converter(a[0])?;
        if libc::unsetenv(name.as_ptr()) != 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
}

pub static mut METHODS: [PyMethodDef; 3] = [crate::modules::fast_kw(c"putenv", posix_putenv), crate::modules::fast_kw(c"unsetenv", posix_unsetenv), METHOD_END];
