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
