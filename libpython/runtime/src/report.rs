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

/// Prints the pending exception as "Exception ignored in: <obj>" and clears it.
pub unsafe fn write_unraisable(what: &str, obj: *mut PyObject) {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return;
    }
    let _ = crate::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    err::clear();
    let obj_repr = if obj.is_null() {
        String::new()
    } else {
        crate::protocol::object::repr_string(obj).unwrap_or_else(|_| {
            err::clear();
            "<object repr() failed>".into()
        })
    };
    eprintln!("{what}: {obj_repr}");
    eprintln!("{}", format_exception_only(t, v));
    xdecref(t);
    xdecref(v);
    xdecref(tb);
}
