//! Weak references. Not written yet: no object can have weak references, so there is never
//! anything to clear. `weakref.ref()` raises NotImplementedError until this lands.

use crate::ffi::PyObject;

/// Clears the weak references to `op` before it is freed (CPython's PyObject_ClearWeakRefs).
pub unsafe fn clear_weakrefs(_op: *mut PyObject) {}
