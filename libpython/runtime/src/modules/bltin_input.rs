//! `input()` and the `exit`/`quit` objects that `site` would add (CPython's
//! `Lib/_sitebuiltins.py` Quitter) until the import system runs `site` itself.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{noneobject, typeobject, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ptr::null_mut;

unsafe fn sys_stream(name: &str) -> PyResult<*mut PyObject> {
    match crate::pythonrun::sys_attr(name) {
        Some(s) if !noneobject::is_none(s) => Ok(s),
        _ => Err(raise(exc::runtime_error(), format!("input(): lost sys.{name}"))),
    }
}

/// `input([prompt])`: the prompt to stdout (flushed), a line from stdin without its newline;
/// EOFError at end of input.
pub unsafe extern "C" fn builtin_input(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    let a = crate::modules::args(args, nargs);
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("input", a.len(), 0, 1)?;
        let stdin = sys_stream("stdin")?;
        let stdout = sys_stream("stdout")?;
        if let Some(err) = crate::pythonrun::sys_attr("stderr").filter(|&e| !noneobject::is_none(e)) {
            // Errors flushing stderr are ignored, as CPython does.
            if call::call_method_obj(err, "flush", &[]).is_err() {
                crate::err::clear();
            }
        }
        if let Some(&prompt) = a.first() {
            let text = proto::str(prompt)?;
            call::call_method_obj(stdout, "write", &[text.as_ptr()])?;
        }
        call::call_method_obj(stdout, "flush", &[])?;
        let line = call::call_method_obj(stdin, "readline", &[])?;
        if !str_::check(line.as_ptr()) {
            return Err(raise(exc::type_error(), "object.readline() returned non-string"));
        }
        let s = str_::as_str(line.as_ptr())?;
        if s.is_empty() {
            return Err(raise(exc::eof_error(), "EOF when reading a line"));
        }
        str_::from_str(s.strip_suffix('\n').unwrap_or(s))
    })
}

#[repr(C)]
struct Quitter {
    ob_base: PyObject,
    name: &'static str,
}

static mut QUITTER_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"_sitebuiltins.Quitter".as_ptr(),
    tp_basicsize: std::mem::size_of::<Quitter>() as _,
    tp_repr: Some(quitter_repr),
    tp_call: Some(quitter_call),
    tp_flags: Py_TPFLAGS_DEFAULT,
    ..PyTypeObject::EMPTY
};

static mut EXIT: Quitter = Quitter { ob_base: immortal_head(&raw mut QUITTER_TYPE), name: "exit" };
static mut QUIT: Quitter = Quitter { ob_base: immortal_head(&raw mut QUITTER_TYPE), name: "quit" };

unsafe extern "C" fn quitter_repr(op: *mut PyObject) -> *mut PyObject {
    let name = (*(op as *mut Quitter)).name;
    crate::guard::ret_obj(str_::from_str(&format!("Use {name}() or Ctrl-D (i.e. EOF) to exit")))
}

/// `exit(code=None)`: closes stdin (as the Quitter does, so a reading parent sees EOF), then
/// raises SystemExit(code).
unsafe extern "C" fn quitter_call(_op: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::objects::tupleobject::items(args);
        if a.len() > 1 || (!kwargs.is_null() && crate::objects::dictobject::len(kwargs) > 0) {
            return Err(raise(exc::type_error(), format!("Quitter.__call__() takes from 1 to 2 positional arguments but {} were given", a.len() + 1)));
        }
        if let Some(stdin) = crate::pythonrun::sys_attr("stdin") {
            if call::call_method_obj(stdin, "close", &[]).is_err() {
                crate::err::clear();
            }
        }
        let code = a.first().copied().unwrap_or(null_mut());
        Err(crate::err::set_object(exc::system_exit(), code))
    })
}

/// Adds `exit` and `quit` to the builtins dict.
pub unsafe fn add_quitters(builtins: *mut PyObject) -> PyResult<()> {
    typeobject::ready(&raw mut QUITTER_TYPE)?;
    crate::objects::dictobject::set_item_str(builtins, "exit", (&raw mut EXIT) as *mut PyObject)?;
    crate::objects::dictobject::set_item_str(builtins, "quit", (&raw mut QUIT) as *mut PyObject)
}
