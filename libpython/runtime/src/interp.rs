//! The interpreter state's few globals that the eval loop reads (CPython's
//! `PyInterpreterState`): the builtins dict and the `sys` module's dict.

use crate::ffi::PyObject;
use crate::object::Obj;
use std::ptr::null_mut;

static mut BUILTINS: *mut PyObject = null_mut();
static mut SYSDICT: *mut PyObject = null_mut();

/// The builtins dict (borrowed). Before the builtins module is made, an empty dict.
pub fn builtins() -> *mut PyObject {
    // Safety: set once at start-up under the GIL; read-only afterwards.
    unsafe {
        if BUILTINS.is_null() {
            if let Ok(d) = crate::objects::dictobject::new() {
                BUILTINS = d.into_ptr();
            }
        }
        BUILTINS
    }
}

/// Installs the builtins module's dict (takes a reference).
pub unsafe fn set_builtins(d: &Obj) {
    let old = BUILTINS;
    BUILTINS = d.clone().into_ptr();
    crate::object::xdecref(old);
}

/// `sys.__dict__` (borrowed), NULL before `sys` exists.
pub fn sysdict() -> *mut PyObject {
    // Safety: as for BUILTINS.
    unsafe { SYSDICT }
}

pub unsafe fn set_sysdict(d: &Obj) {
    let old = SYSDICT;
    SYSDICT = d.clone().into_ptr();
    crate::object::xdecref(old);
}

static mut BUILTINS_MODULE: *mut PyObject = null_mut();

/// The `builtins` module (borrowed); `None` before it exists.
pub fn builtins_module() -> *mut PyObject {
    // Safety: as for BUILTINS.
    unsafe {
        if BUILTINS_MODULE.is_null() {
            crate::objects::noneobject::none()
        } else {
            BUILTINS_MODULE
        }
    }
}

pub unsafe fn set_builtins_module(m: &Obj) {
    let old = BUILTINS_MODULE;
    BUILTINS_MODULE = m.clone().into_ptr();
    crate::object::xdecref(old);
}

/// CPython's version string prefix; Ferric's own version follows in `sys.version`.
pub const PY_VERSION: &str = "3.11.7";

/// `sys.version`: the language version, then Ferric's own build.
pub fn version_string() -> String {
    format!("{PY_VERSION} (ferric {}) [rustc]", env!("CARGO_PKG_VERSION"))
}
