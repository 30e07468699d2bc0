//! import.h: the module table and importing through `builtins.__import__` (which is the
//! interim `sys.modules` lookup until the import system lands; these follow it).

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::{dictobject as dict, moduleobject, tupleobject as tuple, unicodeobject as str_};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

unsafe fn modules() -> crate::rt::PyResult<*mut PyObject> {
    let m = crate::rt::pythonrun::sys_attr("modules").ok_or_else(|| err::raise(exc::runtime_error(), "lost sys.modules"))?;
    Ok(m)
}

unsafe fn cstr_name(name: *const c_char) -> crate::rt::PyResult<Obj> {
    str_::from_str(&CStr::from_ptr(name).to_string_lossy())
}

/// Borrowed `sys.modules`.
#[no_mangle]
pub unsafe extern "C" fn PyImport_GetModuleDict() -> *mut PyObject {
    modules().unwrap_or(null_mut())
}

/// New reference to `sys.modules[name]`, or NULL without an exception when absent.
#[no_mangle]
pub unsafe extern "C" fn PyImport_GetModule(name: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let m = modules()?;
        match crate::rt::protocol::sequence::getitem(m, name) {
            Ok(v) => Ok(v),
            Err(e) => {
                if err::exception_matches(exc::key_error()) {
                    err::clear();
                }
                Err(e)
            }
        }
    })
}

/// Borrowed module `name` from `sys.modules`, made empty and added there if missing.
pub unsafe fn add_module(name: *mut PyObject) -> *mut PyObject {
    let r = crate::rt::guard::catch(Err(err::ErrSet::assume_set()), || {
        let mods = modules()?;
        if let Some(m) = dict::get_item(mods, name)? {
            if moduleobject::check(m) {
                return Ok(m);
            }
        }
        let m = moduleobject::new(name)?;
        dict::set_item(mods, name, m.as_ptr())?;
        // sys.modules keeps it alive; the reference returned is borrowed.
        Ok(m.as_ptr())
    });
    r.unwrap_or(null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModuleObject(name: *mut PyObject) -> *mut PyObject {
    add_module(name)
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_AddModule(name: *const c_char) -> *mut PyObject {
    match cstr_name(name) {
        Ok(n) => add_module(n.as_ptr()),
        Err(_) => null_mut(),
    }
}

/// PyImport_ImportModuleLevelObject: the import statement's work, whatever `__import__` is.
#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleLevelObject(name: *mut PyObject, globals: *mut PyObject, _locals: *mut PyObject, fromlist: *mut PyObject, level: c_int) -> *mut PyObject {
    catch_obj(|| crate::rt::import::import_module_level(name, globals, fromlist, level as i64))
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleLevel(name: *const c_char, globals: *mut PyObject, locals: *mut PyObject, fromlist: *mut PyObject, level: c_int) -> *mut PyObject {
    match cstr_name(name) {
        Ok(n) => PyImport_ImportModuleLevelObject(n.as_ptr(), globals, locals, fromlist, level),
        Err(_) => null_mut(),
    }
}

/// PyImport_Import: `__import__(name, fromlist=['__doc__'])`, then the module from
/// `sys.modules` (so `a.b` gives `a.b`), KeyError if the import left none there.
#[no_mangle]
pub unsafe extern "C" fn PyImport_Import(name: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let fromlist = tuple::pack(&[str_::from_str("__doc__")?.as_ptr()])?;
        Obj::from_owned(PyImport_ImportModuleLevelObject(name, null_mut(), null_mut(), fromlist.as_ptr(), 0))?;
        let m = PyImport_GetModule(name);
        if m.is_null() && err::occurred().is_null() {
            return Err(crate::rt::objects::exceptions::set_key_error(name));
        }
        Obj::from_owned(m)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModule(name: *const c_char) -> *mut PyObject {
    match cstr_name(name) {
        Ok(n) => PyImport_Import(n.as_ptr()),
        Err(_) => null_mut(),
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyImport_ImportModuleNoBlock(name: *const c_char) -> *mut PyObject {
    PyImport_ImportModule(name)
}

/// `sys.modules[name] = m`.
#[no_mangle]
pub unsafe extern "C" fn _PyImport_SetModule(name: *mut PyObject, m: *mut PyObject) -> c_int {
    crate::rt::guard::catch_int(|| crate::rt::protocol::sequence::setitem(modules()?, name, m))
}

/// `PyImport_GetModule` of an `_Py_IDENTIFIER`'s text.
#[no_mangle]
pub unsafe extern "C" fn _PyImport_GetModuleId(id: *mut crate::object_extras::PyIdentifier) -> *mut PyObject {
    let name = crate::object_extras::_PyUnicode_FromId(id);
    if name.is_null() {
        return null_mut();
    }
    PyImport_GetModule(name)
}
