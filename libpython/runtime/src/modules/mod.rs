//! Builtin modules, one file each (CPython's Modules/ and Python/bltinmodule.c, sysmodule.c).

pub mod ast_module;
pub mod ast_nodes;
pub mod bltin_input;
pub mod builtins;
pub mod collectionsmodule;
pub mod errnomodule;
pub mod impmodule;
pub mod io_buffered;
pub mod io_bytesio;
pub mod io_fileio;
pub mod io_iobase;
pub mod io_module;
pub mod io_newline;
pub mod io_stringio;
pub mod io_textio;
pub mod itertoolsmodule;
pub mod marshalmodule;
pub mod operatormodule;
pub mod posix_consts;
pub mod posix_env;
pub mod posix_fd;
pub mod posix_fs;
pub mod posix_path;
pub mod posix_proc;
pub mod posix_sched;
pub mod posix_scandir;
pub mod posix_stat;
pub mod posixmodule;
pub mod pwdmodule;
pub mod statmodule;
pub mod stdio;
pub mod symtablemodule;
pub mod threadmodule;
pub mod weakrefmodule;
pub mod sys;
pub mod warnings;
pub mod sys_hooks;
pub mod sys_info;

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

type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;
type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type FastKw = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject;
type VarKw = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;

/// A method table entry for the (self, arg) conventions (METH_NOARGS, METH_O).
pub const fn meth(name: &'static CStr, f: Unary, flags: std::ffi::c_int) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: std::ptr::null() }
}

pub const fn fast(name: &'static CStr, f: Fast) -> PyMethodDef {
    // Safety: METH_FASTCALL makes callers use the three-argument signature.
    meth(name, unsafe { std::mem::transmute::<Fast, Unary>(f) }, METH_FASTCALL)
}

pub const fn fast_kw(name: &'static CStr, f: FastKw) -> PyMethodDef {
    // Safety: METH_FASTCALL | METH_KEYWORDS makes callers use the four-argument signature.
    meth(name, unsafe { std::mem::transmute::<FastKw, Unary>(f) }, METH_FASTCALL | METH_KEYWORDS)
}

pub const fn var_kw(name: &'static CStr, f: VarKw) -> PyMethodDef {
    // Safety: METH_VARARGS | METH_KEYWORDS makes callers pass (self, args, kwargs).
    meth(name, unsafe { std::mem::transmute::<VarKw, Unary>(f) }, METH_VARARGS | METH_KEYWORDS)
}

/// The names `lazy_builtin` knows, for `sys.builtin_module_names`.
pub const BUILTIN_NAMES: &[&str] = &["_ast", "_imp", "_symtable", "_warnings", "errno", "_stat", "_operator", "itertools", "_thread", "_weakref", "posix", "pwd", "_io", "_collections"];

/// Builtin modules made on first import rather than at start-up (until `_imp` lands).
pub fn lazy_builtin(name: &str) -> Option<unsafe fn() -> PyResult<crate::object::Obj>> {
    match name {
        "_ast" => Some(ast_module::init),
        "_symtable" => Some(symtablemodule::init),
        "_warnings" => Some(warnings::init),
        "errno" => Some(errnomodule::init),
        "_stat" => Some(statmodule::init),
        "_operator" => Some(operatormodule::init),
        "itertools" => Some(itertoolsmodule::init),
        "_thread" => Some(threadmodule::init),
        "_collections" => Some(collectionsmodule::init),
        "_weakref" => Some(weakrefmodule::init),
        "posix" => Some(posixmodule::init),
        "pwd" => Some(pwdmodule::init),
        "_io" => Some(io_module::init),
        _ => None,
    }
}
