//! Builtin modules, one file each (CPython's Modules/ and Python/bltinmodule.c, sysmodule.c).

pub mod bltin_input;
pub mod builtins;
pub mod marshalmodule;
pub mod stdio;
pub mod sys;

use crate::err::PyResult;
use crate::ffi::*;
use crate::objects::dictobject as dict;
use std::ffi::CStr;

/// Adds the builtin functions of a `METHOD_END`-terminated table to module `m` (dict `d`),
/// bound to the module as PyModule_AddFunctions does.
pub unsafe fn add_functions(m: *mut PyObject, d: *mut PyObject, table: *mut PyMethodDef, modname: *mut PyObject) -> PyResult<()> {
    let mut ml = table;
    while !(*ml).ml_name.is_null() {
        let f = crate::objects::methodobject::new_cfunction(ml, m, modname)?;
        dict::set_item_str(d, CStr::from_ptr((*ml).ml_name).to_str().unwrap_or("?"), f.as_ptr())?;
        ml = ml.add(1);
    }
    Ok(())
}

/// The positional arguments of a METH_FASTCALL call as a slice.
pub unsafe fn args<'a>(args: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    if n <= 0 {
        &[]
    } else {
        std::slice::from_raw_parts(args, n as usize)
    }
}
