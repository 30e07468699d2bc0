//! Argument checks shared by builtin constructors and methods, with CPython's messages.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::dictobject as dict;

pub unsafe fn no_keywords(func: &str, kwds: *mut PyObject) -> PyResult<()> {
    if kwds.is_null() || (dict::check(kwds) && dict::len(kwds) == 0) {
        return Ok(());
    }
    Err(raise(exc::type_error(), format!("{func}() takes no keyword arguments")))
}

pub unsafe fn no_arguments(func: &str, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<()> {
    if (!args.is_null() && size_of_var(args) != 0) || (!kwds.is_null() && dict::len(kwds) != 0) {
        return Err(raise(exc::type_error(), format!("{func} takes no arguments")));
    }
    Ok(())
}

/// CPython's `_PyArg_CheckPositional`: `name expected at least/most N argument(s), got M`.
pub fn check_positional(name: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    if nargs < min {
        let what = if min == max { "" } else { "at least " };
        let s = if min == 1 { "" } else { "s" };
        return Err(raise(exc::type_error(), format!("{name} expected {what}{min} argument{s}, got {nargs}")));
    }
    if nargs > max {
        let what = if min == max { "" } else { "at most " };
        let s = if max == 1 { "" } else { "s" };
        return Err(raise(exc::type_error(), format!("{name} expected {what}{max} argument{s}, got {nargs}")));
    }
    Ok(())
}
