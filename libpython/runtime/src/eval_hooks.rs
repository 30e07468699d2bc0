//! What the object model asks of the interpreter: the running frame's module, builtins and
//! the arguments of a zero-argument `super()`.

use crate::ceval_frame as frame;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::Obj;
use crate::objects::{cellobject, dictobject as dict, tupleobject as tuple, typeobject};

/// `__name__` of the globals of the innermost Python frame (the default `__module__` of a
/// new class). None when no frame is running.
pub fn current_module_name() -> Option<Obj> {
    // Safety: the current frame, when set, is live while it runs on this thread.
    unsafe {
        let f = frame::first_complete(frame::current());
        if f.is_null() {
            return None;
        }
        match dict::get_item_str((*f).f_globals, "__name__") {
            Ok(p) if !p.is_null() => Some(Obj::from_borrowed(p)),
            _ => {
                crate::err::clear();
                None
            }
        }
    }
}

/// Is `op` a Python function object (made by `def`)?
pub unsafe fn is_python_function(op: *mut PyObject) -> bool {
    crate::objects::functionobject::check(op)
}

/// Is a Python frame running on this thread?
pub fn has_python_frame() -> bool {
    // Safety: reads this thread's state.
    unsafe { !frame::current().is_null() }
}

/// `super()` without arguments: the calling frame's `__class__` cell and first argument, as
/// CPython's super_init_without_args.
pub unsafe fn super_args() -> PyResult<(*mut PyTypeObject, *mut PyObject)> {
    let f = frame::first_complete(frame::current());
    if f.is_null() {
        return Err(raise(exc::runtime_error(), "super(): no current frame"));
    }
    let co = (*f).f_code;
    if (*co).co_argcount == 0 {
        return Err(raise(exc::runtime_error(), "super(): no arguments"));
    }
    let lp = frame::localsplus(f);
    let kinds = crate::objects::bytesobject::as_slice((*co).co_localspluskinds);
    let mut first = *lp;
    // A first argument that is also a cell variable sits in its cell once MAKE_CELL ran.
    if kinds[0] & CO_FAST_CELL != 0 && !first.is_null() && cellobject::check(first) && frame::lasti(f) >= 0 {
        first = cellobject::get(first);
    }
    if first.is_null() {
        return Err(raise(exc::runtime_error(), "super(): arg[0] deleted"));
    }
    let names = (*co).co_localsplusnames;
    for i in (*co).co_nlocals as usize..(*co).co_nlocalsplus as usize {
        let name = tuple::get_item(names, i as Py_ssize_t);
        if kinds[i] & CO_FAST_FREE != 0 && crate::objects::unicodeobject::eq_str(name, "__class__") {
            let cell = *lp.add(i);
            if cell.is_null() || !cellobject::check(cell) {
                return Err(raise(exc::runtime_error(), "super(): bad __class__ cell"));
            }
            let cls = cellobject::get(cell);
            if cls.is_null() {
                return Err(raise(exc::runtime_error(), "super(): empty __class__ cell"));
            }
            if !typeobject::is_type(cls) {
                return Err(raise(exc::runtime_error(), format!("super(): __class__ is not a type ({})", typeobject::full_name(crate::object::type_of(cls)))));
            }
            return Ok((cls as *mut PyTypeObject, first));
        }
    }
    Err(raise(exc::runtime_error(), "super(): __class__ cell not found"))
}

/// A builtin by name (CPython's _PyEval_GetBuiltin: the running frame's builtins, else the
/// interpreter's); AttributeError when missing, as CPython.
pub fn builtin(name: &str) -> PyResult<Obj> {
    // Safety: the builtins dict lives as long as the interpreter.
    unsafe {
        let f = frame::current();
        let b = if f.is_null() { crate::interp::builtins() } else { (*f).f_builtins };
        let v = dict::get_item_str(b, name)?;
        if v.is_null() {
            return Err(raise(exc::attribute_error(), name));
        }
        Ok(Obj::from_borrowed(v))
    }
}
