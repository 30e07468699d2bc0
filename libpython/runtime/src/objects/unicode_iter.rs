//! `iter(str)`: `str_ascii_iterator` for ASCII strings and `str_iterator` for the others
//! (CPython's unicodeiterobject), both the positional iterator of `indexiter.rs`.

use crate::err::PyResult;
use crate::ffi::*;
use crate::objects::indexiter::{iter_type, new_iter};
use crate::objects::{typeobject, unicodeobject as str_};

#[no_mangle]
pub static mut PyUnicodeIter_Type: PyTypeObject = iter_type(c"str_iterator");
pub static mut _PyUnicodeASCIIIter_Type: PyTypeObject = iter_type(c"str_ascii_iterator");

/// `tp_iter` of str.
pub unsafe extern "C" fn unicode_iter(op: *mut PyObject) -> *mut PyObject {
    let tp = if str_::is_ascii(op) { &raw mut _PyUnicodeASCIIIter_Type } else { &raw mut PyUnicodeIter_Type };
    crate::guard::catch_obj(|| new_iter(op, tp))
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PyUnicodeIter_Type)?;
    typeobject::ready(&raw mut _PyUnicodeASCIIIter_Type)
}
