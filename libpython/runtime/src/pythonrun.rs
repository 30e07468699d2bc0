//! Running a program and reporting how it ended (CPython's pythonrun.c): `.pyc` files,
//! the text of an uncaught exception with its chain, and `SystemExit`'s exit status.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{dictobject as dict, exceptions, moduleobject, noneobject, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ptr::null_mut;

/// The first four bytes of a CPython 3.11 `.pyc` (magic number 3495).
pub const PYC_MAGIC: [u8; 4] = [0xa7, 0x0d, 0x0d, 0x0a];

/// Is `path` a compiled file: by its name, or by its magic number as CPython checks?
pub fn is_pyc_file(path: &str) -> bool {
    if path.ends_with(".pyc") {
        return true;
    }
    std::fs::read(path).map(|b| b.len() >= 4 && b[..4] == PYC_MAGIC).unwrap_or(false)
}

/// The `__main__` module, made on first use and kept in `sys.modules`.
pub unsafe fn main_module() -> PyResult<Obj> {
    let sysdict = crate::interp::sysdict();
    let modules = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "modules")? };
    if !modules.is_null() && dict::check(modules) {
        let m = dict::get_item_str(modules, "__main__")?;
        if !m.is_null() {
            return Ok(Obj::from_borrowed(m));
        }
    }
    let name = str_::from_str("__main__")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__builtins__", crate::interp::builtins_module())?;
    if !modules.is_null() && dict::check(modules) {
        dict::set_item_str(modules, "__main__", m.as_ptr())?;
    }
    Ok(m)
}

/// Runs the code of a `.pyc` file in `__main__`'s namespace.
pub unsafe fn run_pyc_file(path: &str) -> PyResult<Obj> {
    let data = std::fs::read(path).map_err(|e| raise(exc::os_error(), format!("can't open file '{path}': {e}")))?;
    if data.len() < 4 || data[..4] != PYC_MAGIC {
        return Err(raise(exc::runtime_error(), "Bad magic number in .pyc file"));
    }
    // As CPython, any failure to load a code object becomes this RuntimeError (the marshal
    // error stays as its __context__).
    let code = crate::marshal::loads(&data[16.min(data.len())..]).ok().filter(|c| crate::objects::codeobject::check(c.as_ptr()));
    let Some(code) = code else {
        return Err(raise(exc::runtime_error(), "Bad code object in .pyc file"));
    };
    let m = main_module()?;
    let d = moduleobject::get_dict(m.as_ptr());
    let file = str_::from_str(path)?;
    dict::set_item_str(d, "__file__", file.as_ptr())?;
    dict::set_item_str(d, "__cached__", noneobject::none())?;
    crate::ceval::eval_code(code.as_ptr(), d, d)
}

/// The full report of exception `v` (an instance) as `sys.excepthook` prints it: causes and
/// contexts first, then each traceback, the `Type: message` line and the notes.
pub unsafe fn format_exception(v: *mut PyObject) -> String {
    let mut out = String::new();
    let mut seen: Vec<*mut PyObject> = Vec::new();
    format_recursive(&mut out, v, &mut seen);
    out
}

unsafe fn format_recursive(out: &mut String, v: *mut PyObject, seen: &mut Vec<*mut PyObject>) {
    seen.push(v);
    if exceptions::check(v) {
        let e = v as *mut PyBaseExceptionObject;
        let cause = (*e).cause;
        let context = (*e).context;
        if !cause.is_null() && !noneobject::is_none(cause) && !seen.contains(&cause) {
            format_recursive(out, cause, seen);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if !context.is_null() && !noneobject::is_none(context) && (*e).suppress_context == 0 && !seen.contains(&context) {
            format_recursive(out, context, seen);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        let tb = (*e).traceback;
        if !tb.is_null() && crate::objects::traceback::check(tb) {
            match crate::objects::traceback::format(tb) {
                Ok(s) => out.push_str(&s),
                Err(_) => err::clear(),
            }
        }
    }
    out.push_str(&crate::report::format_exception_only(type_of(v) as *mut PyObject, v));
    out.push('\n');
    if exceptions::check(v) {
        let notes = (*(v as *mut PyBaseExceptionObject)).notes;
        if !notes.is_null() && crate::objects::listobject::check(notes) {
            for &n in crate::objects::listobject::items(notes) {
                match proto::str(n).ok().and_then(|s| str_::as_str(s.as_ptr()).ok().map(|s| s.to_string())) {
                    Some(s) => out.push_str(&s),
                    None => {
                        err::clear();
                        out.push_str("<note str() failed>");
                    }
                }
                out.push('\n');
            }
        }
    }
}

/// What an uncaught exception means for the exit status: Some(code) for SystemExit (its
/// message printed to stderr when it is not an int), None for anything else.
pub unsafe fn system_exit_code(v: *mut PyObject) -> Option<i32> {
    if !exceptions::given_exception_matches(v, exc::system_exit()) {
        return None;
    }
    let code = proto::getattr_str(v, "code").ok();
    if code.is_none() {
        err::clear();
    }
    let Some(code) = code else { return Some(1) };
    let c = code.as_ptr();
    if noneobject::is_none(c) {
        return Some(0);
    }
    if crate::objects::longobject::check(c) {
        return Some(match crate::objects::longobject::as_i64(c) {
            Some(n) => n as i32,
            None => {
                err::clear();
                -1
            }
        });
    }
    let text = proto::str(c).ok().and_then(|s| str_::as_str(s.as_ptr()).ok().map(|s| s.to_string()));
    flush_std_streams();
    match text {
        Some(t) => eprintln!("{t}"),
        None => err::clear(),
    }
    Some(1)
}

/// Reports the pending exception as the interpreter does at top level: SystemExit gives its
/// status, anything else goes to `sys.excepthook` (status 1).
pub unsafe fn handle_uncaught() -> i32 {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return 0;
    }
    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
    if !tb.is_null() && !v.is_null() {
        exceptions::set_traceback_raw(v, tb);
    }
    let status = match system_exit_code(v) {
        Some(code) => code,
        None => {
            call_excepthook(t, v, tb);
            1
        }
    };
    xdecref(t);
    xdecref(v);
    xdecref(tb);
    status
}

/// `sys.<name>` (borrowed), if `sys` and the attribute exist.
pub unsafe fn sys_attr(name: &str) -> Option<*mut PyObject> {
    let d = crate::interp::sysdict();
    if d.is_null() {
        return None;
    }
    match dict::get_item_str(d, name) {
        Ok(p) if !p.is_null() => Some(p),
        _ => {
            err::clear();
            None
        }
    }
}

/// `sys.excepthook(t, v, tb)`; without a usable hook, the report goes to stderr directly
/// (CPython's PyErr_Display), and so does an error raised by the hook.
pub unsafe fn call_excepthook(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    let none = noneobject::none();
    let or_none = |p: *mut PyObject| if p.is_null() { none } else { p };
    if let Some(hook) = sys_attr("excepthook") {
        match crate::protocol::call::vectorcall(hook, &[or_none(t), or_none(v), or_none(tb)], null_mut()) {
            Ok(_) => return,
            Err(_) => {
                let (mut t2, mut v2, mut tb2) = err::fetch();
                let _ = exceptions::normalize(&mut t2, &mut v2, &mut tb2);
                if !v2.is_null() {
                    exceptions::set_traceback_raw(v2, tb2);
                    eprint!("Error in sys.excepthook:\n{}\nOriginal exception was:\n", format_exception(v2).trim_end());
                }
                xdecref(t2);
                xdecref(v2);
                xdecref(tb2);
            }
        }
    } else {
        eprintln!("sys.excepthook is missing");
    }
    if !v.is_null() {
        flush_std_streams();
        eprint!("{}", format_exception(v));
    }
}

/// Flushes `sys.stdout` and `sys.stderr`, ignoring errors (as at exit).
pub unsafe fn flush_std_streams() {
    for name in ["stdout", "stderr"] {
        if let Some(s) = sys_attr(name) {
            if !noneobject::is_none(s) && crate::protocol::call::call_method_obj(s, "flush", &[]).is_err() {
                err::clear();
            }
        }
    }
}
