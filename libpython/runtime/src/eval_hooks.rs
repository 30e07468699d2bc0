//! What the object model needs from the interpreter, which is not written yet. Each hook
//! answers as CPython does when no Python frame is running.

use crate::ffi::PyObject;
use crate::object::Obj;

/// `__name__` of the globals of the innermost Python frame (the default `__module__` of a
/// new class). None when no frame is running.
pub fn current_module_name() -> Option<Obj> {
    None
}

/// Is `op` a Python function object (made by `def`)? None exist until the eval loop lands.
pub unsafe fn is_python_function(op: *mut PyObject) -> bool {
    crate::objects::typeobject::full_name(crate::object::type_of(op)) == "function"
}

/// Is a Python frame running on this thread? (`super()` without arguments reads it.)
pub fn has_python_frame() -> bool {
    false
}

/// A builtin by name (CPython's _PyEval_GetBuiltin: the running frame's builtins, else the
/// interpreter's). Iterators' `__reduce__` asks for `iter`. Until the builtins module exists
/// it fails as CPython does for a missing name.
pub fn builtin(name: &str) -> crate::err::PyResult<Obj> {
    Err(crate::err::raise(crate::exc::attribute_error(), name))
}
