//! Reporting errors that cannot propagate (CPython's PyErr_WriteUnraisable, and the last
//! resort printing of an exception when no `sys.excepthook` is available yet).

use crate::err;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{typeobject, unicodeobject as str_};

/// `Type: message` of an exception instance (or type), as the last line of a traceback.
pub unsafe fn format_exception_only(t: *mut PyObject, v: *mut PyObject) -> String {
    let tp = if !t.is_null() && typeobject::is_type(t) { t as *mut PyTypeObject } else if !v.is_null() { type_of(v) } else { return "<NULL>".into() };
    let mut name = typeobject::type_qualname_str(tp).unwrap_or_default();
    if let Ok(Some(m)) = typeobject::type_module_str(tp) {
        if m != "builtins" && m != "__main__" {
            name = format!("{m}.{name}");
        }
    }
    if v.is_null() || crate::objects::noneobject::is_none(v) {
        return name;
    }
    let msg = match crate::protocol::object::str(v) {
        Ok(s) => str_::as_str(s.as_ptr()).map(|s| s.to_owned()).unwrap_or_default(),
        Err(_) => {
            err::clear();
            "<exception str() failed>".into()
        }
    };
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// Reports the pending exception through `sys.unraisablehook` and clears it. `what` is
/// the lead of the first line; "Exception ignored in" (or "") means CPython's default one,
/// "Exception ignored in: <obj>".
pub unsafe fn write_unraisable(what: &str, obj: *mut PyObject) {
    let msg = if what.is_empty() || what == "Exception ignored in" { None } else { Some(what) };
    crate::modules::sys_hooks::write_unraisable(msg, obj)
}

/// Issues a warning at the running frame through `_warnings` (filters, registries, report).
pub unsafe fn warn(category: *mut PyObject, msg: &str) -> crate::err::PyResult<()> {
    crate::modules::warnings::warn_str(category, msg, 1, std::ptr::null_mut())
}

/// `warn` for a warning about an object (`source=`, as un-awaited coroutines): without
/// tracemalloc, the report says how to see where the object was made, as CPython's does.
pub unsafe fn warn_about_object(category: *mut PyObject, msg: &str, source: *mut PyObject) -> crate::err::PyResult<()> {
    crate::modules::warnings::warn_str(category, msg, 1, source)
}

/// `warnings.warn_explicit` at `file:line` with no module and no registry, as the compiler
/// issues its warnings.
pub unsafe fn warn_explicit(category: *mut PyObject, msg: &str, file: &str, line: i32) -> crate::err::PyResult<()> {
    crate::modules::warnings::warn_explicit_str(category, msg, file, line as i64)
}
