//! Loading extension modules (CPython's Python/importdl.c and dynload_shlib.c):
//! `_imp.create_dynamic(spec)` dlopens `spec.origin`, calls `PyInit_<name>`, and takes
//! either a module (single-phase) or a `PyModuleDef` (multi-phase, PEP 489);
//! `_imp.exec_dynamic(module)` runs a multi-phase module's exec slots.

use crate::moduleobject::{PyModule_ExecDef, PyModule_FromDefAndSpec2, PyModule_GetDef, PyModule_GetState};
use crate::rt::err::{self, raise, PyResult};
use crate::rt::exc;
use crate::rt::ffi::*;
use crate::rt::object::*;
use crate::rt::objects::{moduleobject as module, unicodeobject as str_};
use crate::rt::protocol::object as proto;
use std::ffi::{c_char, CStr, CString};

/// The full name of the module being initialised, for `PyModule_Create` to use in place of
/// a definition's short `m_name` (CPython's `_Py_PackageContext`).
pub static mut PACKAGE_CONTEXT: *const c_char = std::ptr::null();

/// `sys.getdlopenflags()`: CPython's default.
pub static DLOPEN_FLAGS: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(libc::RTLD_NOW);

unsafe fn dlerror_text() -> String {
    let e = libc::dlerror();
    if e.is_null() {
        "unknown dlopen error".into()
    } else {
        CStr::from_ptr(e).to_string_lossy().into_owned()
    }
}

type InitFunc = unsafe extern "C" fn() -> *mut PyObject;

unsafe fn create_dynamic(spec: *mut PyObject) -> PyResult<Obj> {
    let name = proto::getattr_str(spec, "name")?;
    let path = proto::getattr_str(spec, "origin")?;
    let name_s = str_::as_str(name.as_ptr())?.to_owned();
    let path_s = str_::as_str(path.as_ptr())?.to_owned();
    let short = name_s.rsplit('.').next().unwrap_or(&name_s);
    if !short.is_ascii() {
        return Err(raise(exc::import_error(), format!("{name_s}: non-ASCII module names need PyInitU_ (punycode) hooks, which Ferric does not look up yet")));
    }
    let cpath = CString::new(path_s.clone()).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
    let handle = libc::dlopen(cpath.as_ptr(), DLOPEN_FLAGS.load(std::sync::atomic::Ordering::Relaxed));
    if handle.is_null() {
        return Err(crate::rt::import::import_error(&dlerror_text(), name.as_ptr(), path.as_ptr()));
    }
    let hook = CString::new(format!("PyInit_{short}")).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
    let sym = libc::dlsym(handle, hook.as_ptr());
    if sym.is_null() {
        let msg = format!("dynamic module does not define module export function (PyInit_{short})");
        return Err(crate::rt::import::import_error(&msg, name.as_ptr(), path.as_ptr()));
    }
    // Safety: a module's PyInit_ hook takes nothing and returns a new reference or NULL.
    let init: InitFunc = std::mem::transmute::<*mut libc::c_void, InitFunc>(sym);
    let cname = CString::new(name_s.clone()).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
    let saved = PACKAGE_CONTEXT;
    PACKAGE_CONTEXT = cname.as_ptr();
    let m = init();
    PACKAGE_CONTEXT = saved;
    if m.is_null() {
        if err::occurred().is_null() {
            return Err(raise(exc::system_error(), format!("initialization of {short} failed without raising an exception")));
        }
        return Err(err::ErrSet::assume_set());
    }
    let m = Obj::from_owned_nonnull(m);
    if !err::occurred().is_null() {
        err::clear();
        return Err(raise(exc::system_error(), format!("initialization of {short} raised unreported exception")));
    }
    if type_of(m.as_ptr()) == &raw mut module::PyModuleDef_Type {
        return Obj::from_owned(PyModule_FromDefAndSpec2(m.as_ptr() as *mut PyModuleDef, spec, PYTHON_API_VERSION));
    }
    let def = PyModule_GetDef(m.as_ptr());
    if def.is_null() {
        err::clear();
        return Err(raise(exc::system_error(), format!("initialization of {short} did not return an extension module")));
    }
    (*def).m_base.m_init = Some(init);
    crate::rt::objects::dictobject::set_item_str(module::get_dict(m.as_ptr()), "__file__", path.as_ptr())?;
    Ok(m)
}

const PYTHON_API_VERSION: std::ffi::c_int = 1013;

/// Runs the exec slots of a multi-phase module whose state is not made yet; 0 otherwise.
unsafe fn exec_dynamic(m: *mut PyObject) -> PyResult<i32> {
    if !module::check(m) {
        return Ok(0);
    }
    let def = PyModule_GetDef(m);
    if def.is_null() || !PyModule_GetState(m).is_null() {
        return Ok(0);
    }
    if PyModule_ExecDef(m, def) < 0 {
        return Err(err::ErrSet::assume_set());
    }
    Ok(0)
}

extern "C" fn register() {
    let _ = crate::rt::modules::impmodule::DYNAMIC_LOADER.set(crate::rt::modules::impmodule::DynamicLoader { create: create_dynamic, exec: exec_dynamic });
}

/// The runtime reaches the loader through a hook set when the library is loaded.
#[used]
#[link_section = ".init_array"]
static REGISTER: extern "C" fn() = register;
