//! moduleobject.h / modsupport.h: creating modules and adding objects to them.

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{dictobject as dict, moduleobject as module, unicodeobject as str_};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_long};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyModule_NewObject(name: *mut PyObject) -> *mut PyObject {
    catch_obj(|| module::new(name))
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_New(name: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        let n = str_::from_cstr(name)?;
        module::new(n.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDict(m: *mut PyObject) -> *mut PyObject {
    if m.is_null() || !module::check(m) {
        crate::bad_internal_call();
        return null_mut();
    }
    module::get_dict(m)
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetNameObject(m: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let d = module::get_dict(m);
        let n = if d.is_null() { null_mut() } else { dict::get_item_str(d, "__name__")? };
        if n.is_null() || !str_::check(n) {
            return Err(err::raise(exc::system_error(), "nameless module"));
        }
        Ok(Obj::from_borrowed(n))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetName(m: *mut PyObject) -> *const c_char {
    let n = PyModule_GetNameObject(m);
    if n.is_null() {
        return std::ptr::null();
    }
    decref(n); // the module's dict keeps it alive, as in CPython
    crate::unicodeobject::PyUnicode_AsUTF8(n)
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetState(m: *mut PyObject) -> *mut std::ffi::c_void {
    if m.is_null() || !module::check(m) {
        crate::bad_internal_call();
        return null_mut();
    }
    (*(m as *mut module::PyModuleObject)).md_state
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_GetDef(m: *mut PyObject) -> *mut PyModuleDef {
    if m.is_null() || !module::check(m) {
        crate::bad_internal_call();
        return null_mut();
    }
    (*(m as *mut module::PyModuleObject)).md_def
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObjectRef(m: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int {
    if m.is_null() || !module::check(m) {
        err::raise(exc::type_error(), "PyModule_AddObjectRef() first argument must be a module");
        return -1;
    }
    if v.is_null() {
        if err::occurred().is_null() {
            err::raise(exc::system_error(), "PyModule_AddObjectRef() must be called with an exception raised if value is NULL");
        }
        return -1;
    }
    catch_int(|| {
        let key = str_::from_cstr(name)?;
        dict::set_item(module::get_dict(m), key.as_ptr(), v)
    })
}
/// Steals `v` on success only, as CPython's (quirky) PyModule_AddObject.
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddObject(m: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int {
    let r = PyModule_AddObjectRef(m, name, v);
    if r == 0 {
        decref(v);
    }
    r
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddIntConstant(m: *mut PyObject, name: *const c_char, v: c_long) -> c_int {
    let o = crate::rt::objects::longobject::from_i64(v);
    PyModule_AddObjectRef(m, name, o.as_ptr())
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddStringConstant(m: *mut PyObject, name: *const c_char, v: *const c_char) -> c_int {
    let o = crate::unicodeobject::PyUnicode_FromString(v);
    if o.is_null() {
        return -1;
    }
    let r = PyModule_AddObjectRef(m, name, o);
    decref(o);
    r
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_AddType(m: *mut PyObject, tp: *mut PyTypeObject) -> c_int {
    if crate::typeobject::PyType_Ready(tp) < 0 {
        return -1;
    }
    let name = crate::typeobject::_PyType_Name(tp);
    PyModule_AddObjectRef(m, name, tp as *mut PyObject)
}
