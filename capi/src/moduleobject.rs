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

const PY_MOD_CREATE: c_int = 1;
const PY_MOD_EXEC: c_int = 2;

/// Adds the functions of a NULL-terminated PyMethodDef table to a module.
unsafe fn add_functions(m: *mut PyObject, mut ml: *mut PyMethodDef) -> crate::rt::PyResult<()> {
    if ml.is_null() {
        return Ok(());
    }
    let name = (*(m as *mut module::PyModuleObject)).md_name;
    while !(*ml).ml_name.is_null() {
        if (*ml).ml_flags & (METH_CLASS | METH_STATIC) != 0 {
            return Err(err::raise(exc::value_error(), "module functions cannot set METH_CLASS or METH_STATIC"));
        }
        let f = crate::rt::objects::methodobject::new_cfunction(ml, m, name)?;
        let key = str_::from_cstr((*ml).ml_name)?;
        dict::set_item(module::get_dict(m), key.as_ptr(), f.as_ptr())?;
        ml = ml.add(1);
    }
    Ok(())
}

unsafe fn set_doc(m: *mut PyObject, doc: *const c_char) -> crate::rt::PyResult<()> {
    if doc.is_null() {
        return Ok(());
    }
    let d = str_::from_cstr(doc)?;
    dict::set_item_str(module::get_dict(m), "__doc__", d.as_ptr())
}

/// Allocates the per-module state (zeroed) when the definition asks for one.
unsafe fn alloc_state(m: *mut PyObject, def: *mut PyModuleDef) -> crate::rt::PyResult<()> {
    let md = m as *mut module::PyModuleObject;
    if (*def).m_size > 0 && (*md).md_state.is_null() {
        let p = crate::rt::mem::calloc(1, (*def).m_size as usize);
        if p.is_null() {
            return Err(crate::rt::objects::exceptions::no_memory());
        }
        (*md).md_state = p;
    }
    Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn PyModuleDef_Init(def: *mut PyModuleDef) -> *mut PyObject {
    let op = def as *mut PyObject;
    if (*op).ob_type.is_null() {
        (*op).ob_type = &raw mut module::PyModuleDef_Type;
        (*op).ob_refcnt = crate::rt::object::IMMORTAL_REFCNT;
    }
    crate::pystate_modules::assign_index(def);
    op
}

/// Single-phase initialisation: a module with the definition's functions, doc and state.
#[no_mangle]
pub unsafe extern "C" fn PyModule_Create2(def: *mut PyModuleDef, _apiver: c_int) -> *mut PyObject {
    catch_obj(|| {
        PyModuleDef_Init(def);
        if !(*def).m_slots.is_null() {
            return Err(err::raise(exc::system_error(), "module with slots cannot be created with PyModule_Create"));
        }
        let mut name = str_::from_cstr((*def).m_name)?;
        // An extension being loaded as `pkg.mod` names itself `mod`: it gets the full name.
        let context = crate::importdl::PACKAGE_CONTEXT;
        if !context.is_null() {
            let full = std::ffi::CStr::from_ptr(context).to_string_lossy().into_owned();
            if full.rsplit('.').next() == Some(str_::as_str(name.as_ptr())?) {
                name = str_::from_str(&full)?;
            }
        }
        let m = module::new(name.as_ptr())?;
        (*(m.as_ptr() as *mut module::PyModuleObject)).md_def = def;
        alloc_state(m.as_ptr(), def)?;
        add_functions(m.as_ptr(), (*def).m_methods)?;
        set_doc(m.as_ptr(), (*def).m_doc)?;
        Ok(m)
    })
}

/// Multi-phase initialisation (PEP 489), part one: create the module from a spec.
#[no_mangle]
pub unsafe extern "C" fn PyModule_FromDefAndSpec2(def: *mut PyModuleDef, spec: *mut PyObject, _apiver: c_int) -> *mut PyObject {
    catch_obj(|| {
        PyModuleDef_Init(def);
        let name = crate::rt::protocol::object::getattr_str(spec, "name")?;
        let mut create: Option<unsafe extern "C" fn(*mut PyObject, *mut PyModuleDef) -> *mut PyObject> = None;
        let mut s = (*def).m_slots;
        while !s.is_null() && (*s).slot != 0 {
            if (*s).slot == PY_MOD_CREATE {
                if create.is_some() {
                    return Err(err::raise(exc::system_error(), format!("module {} has multiple create slots", str_::as_str(name.as_ptr())?)));
                }
                create = Some(std::mem::transmute::<*mut std::ffi::c_void, unsafe extern "C" fn(*mut PyObject, *mut PyModuleDef) -> *mut PyObject>((*s).value));
            } else if (*s).slot < 0 || (*s).slot > PY_MOD_EXEC {
                return Err(err::raise(exc::system_error(), format!("module {} uses unknown slot ID {}", str_::as_str(name.as_ptr())?, (*s).slot)));
            }
            s = s.add(1);
        }
        let m = match create {
            Some(f) => Obj::from_owned(f(spec, def))?,
            None => module::new(name.as_ptr())?,
        };
        if module::check(m.as_ptr()) {
            let md = m.as_ptr() as *mut module::PyModuleObject;
            (*md).md_def = def;
            alloc_state(m.as_ptr(), def)?;
        } else if (*def).m_size > 0 || !(*def).m_traverse.is_none() || !(*def).m_clear.is_none() || !(*def).m_free.is_none() {
            return Err(err::raise(
                exc::system_error(),
                format!("module {} is not a module object, but requests module state", str_::as_str(name.as_ptr())?),
            ));
        }
        if !(*def).m_methods.is_null() {
            if module::check(m.as_ptr()) {
                add_functions(m.as_ptr(), (*def).m_methods)?;
            }
        }
        if !(*def).m_doc.is_null() && module::check(m.as_ptr()) {
            set_doc(m.as_ptr(), (*def).m_doc)?;
        }
        Ok(m)
    })
}

/// Multi-phase initialisation, part two: run the Py_mod_exec slots.
#[no_mangle]
pub unsafe extern "C" fn PyModule_ExecDef(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    catch_int(|| {
        if module::check(m) {
            alloc_state(m, def)?;
        }
        let mut s = (*def).m_slots;
        while !s.is_null() && (*s).slot != 0 {
            if (*s).slot == PY_MOD_EXEC {
                let f: unsafe extern "C" fn(*mut PyObject) -> c_int = std::mem::transmute((*s).value);
                let r = f(m);
                if r != 0 {
                    if err::occurred().is_null() {
                        let name = module::name_string(m).unwrap_or_default();
                        return Err(err::raise(exc::system_error(), format!("execution of module {name} failed without setting an exception")));
                    }
                    return Err(crate::rt::ErrSet::assume_set());
                }
                if !err::occurred().is_null() {
                    let name = module::name_string(m).unwrap_or_default();
                    return Err(err::raise(exc::system_error(), format!("execution of module {name} raised unreported exception")));
                }
            }
            s = s.add(1);
        }
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyModule_AddFunctions(m: *mut PyObject, ml: *mut PyMethodDef) -> c_int {
    catch_int(|| add_functions(m, ml))
}
#[no_mangle]
pub unsafe extern "C" fn PyModule_SetDocString(m: *mut PyObject, doc: *const c_char) -> c_int {
    catch_int(|| set_doc(m, doc))
}

#[no_mangle]
pub unsafe extern "C" fn PyState_FindModule(def: *mut PyModuleDef) -> *mut PyObject {
    crate::pystate_modules::find(def)
}
#[no_mangle]
pub unsafe extern "C" fn PyState_AddModule(m: *mut PyObject, def: *mut PyModuleDef) -> c_int {
    if def.is_null() {
        err::raise(exc::system_error(), "module definition is NULL");
        return -1;
    }
    if !(*def).m_slots.is_null() {
        err::raise(exc::system_error(), "PyState_AddModule called on module with slots");
        return -1;
    }
    crate::pystate_modules::add(m, def);
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyState_RemoveModule(def: *mut PyModuleDef) -> c_int {
    if crate::pystate_modules::remove(def) {
        0
    } else {
        err::raise(exc::system_error(), "PyState_RemoveModule: Module index out of bounds.");
        -1
    }
}
