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

/// Issues a warning with the default filters of CPython (until the `warnings` module
/// exists): ignored categories return quietly; "error" is not a default, so the rest are
/// printed once per (category, message), as `sys:1: Category: message`.
pub unsafe fn warn(category: *mut PyObject, msg: &str) -> crate::err::PyResult<()> {
    warn_ex(category, msg, false)
}

/// `warn` for a warning about an object (`source=`, as un-awaited coroutines): without
/// tracemalloc, the report says how to see where the object was made, as CPython's does.
pub unsafe fn warn_about_object(category: *mut PyObject, msg: &str) -> crate::err::PyResult<()> {
    warn_ex(category, msg, true)
}

unsafe fn warn_ex(category: *mut PyObject, msg: &str, has_source: bool) -> crate::err::PyResult<()> {
    use crate::objects::exceptions as e;
    let cat = if category.is_null() { (&raw mut e::_PyExc_UserWarning) as *mut PyObject } else { category };
    // Where the warning points: the running Python frame (else `sys:1`, as CPython).
    let f = crate::ceval_frame::first_complete(crate::ceval_frame::current());
    let (file, line, module) = if f.is_null() {
        ("sys".to_string(), 1, String::new())
    } else {
        let co = (*f).f_code;
        let file = crate::objects::unicodeobject::as_str((*co).co_filename).unwrap_or("?").to_string();
        let line = crate::objects::frameobject::line_of(f);
        let name = crate::objects::dictobject::get_item_str((*f).f_globals, "__name__").unwrap_or(std::ptr::null_mut());
        let module = if !name.is_null() && crate::objects::unicodeobject::check(name) { crate::objects::unicodeobject::as_str(name).unwrap_or("").to_string() } else { String::new() };
        (file, line, module)
    };
    warn_at(cat, msg, &file, line, &module, has_source)
}

/// `warnings.warn_explicit` with the default filters: a warning at `file:line`, reported
/// for `module` (CPython derives it from the file name when the caller gives none).
pub unsafe fn warn_explicit(category: *mut PyObject, msg: &str, file: &str, line: i32) -> crate::err::PyResult<()> {
    let module = file.strip_suffix(".py").unwrap_or(file);
    warn_at(category, msg, file, line, module, false)
}

unsafe fn warn_at(cat: *mut PyObject, msg: &str, file: &str, line: i32, module: &str, has_source: bool) -> crate::err::PyResult<()> {
    use crate::objects::exceptions as e;
    let file = file.to_string();
    // The default filters: DeprecationWarning shown only for code in __main__.
    let deprecation = crate::objects::exceptions::given_exception_matches(cat, (&raw mut e::_PyExc_DeprecationWarning) as *mut PyObject);
    if deprecation && module != "__main__" {
        return Ok(());
    }
    for ignored in [
        (&raw mut e::_PyExc_PendingDeprecationWarning) as *mut PyObject,
        (&raw mut e::_PyExc_ImportWarning) as *mut PyObject,
        (&raw mut e::_PyExc_ResourceWarning) as *mut PyObject,
    ] {
        if crate::objects::exceptions::given_exception_matches(cat, ignored) {
            return Ok(());
        }
    }
    // "default": once per (category, message, location).
    static SEEN: std::sync::Mutex<Vec<(usize, String, String, i32)>> = std::sync::Mutex::new(Vec::new());
    let key = (cat as usize, msg.to_owned(), file.clone(), line);
    if let Ok(mut seen) = SEEN.lock() {
        if seen.contains(&key) {
            return Ok(());
        }
        seen.push(key);
    }
    let name = typeobject::full_name(cat as *mut PyTypeObject);
    let mut text = format!("{file}:{line}: {name}: {msg}\n");
    if let Some(src) = crate::objects::traceback::source_line(&file, line) {
        text.push_str(&format!("  {}\n", src.trim()));
    }
    if has_source {
        text.push_str(&format!("{name}: Enable tracemalloc to get the object allocation traceback\n"));
    }
    crate::pythonrun::flush_std_streams();
    eprint!("{text}");
    Ok(())
}
