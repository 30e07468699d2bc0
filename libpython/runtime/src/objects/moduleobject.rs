//! `module`: a namespace dict with a name, and the `PyModuleDef` machinery behind extension
//! and builtin modules.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature};
use crate::objects::{dictobject as dict, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

/// CPython 3.11's `PyModuleObject` (internal header, but `PyModule_GetState` and friends
/// are inline elsewhere in the ecosystem, so keep it exact).
#[repr(C)]
pub struct PyModuleObject {
    pub ob_base: PyObject,
    pub md_dict: *mut PyObject,
    pub md_def: *mut PyModuleDef,
    pub md_state: *mut c_void,
    pub md_weaklist: *mut PyObject,
    pub md_name: *mut PyObject,
}

#[no_mangle]
pub static mut PyModule_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"module".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyModuleObject>() as _,
    tp_dealloc: Some(module_dealloc),
    tp_repr: Some(module_repr),
    tp_getattro: Some(module_getattro),
    tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_traverse: Some(module_traverse),
    tp_methods: (&raw mut MODULE_METHODS) as *mut PyMethodDef,
    tp_weaklistoffset: std::mem::offset_of!(PyModuleObject, md_weaklist) as _,
    tp_dictoffset: std::mem::offset_of!(PyModuleObject, md_dict) as _,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new_passthrough),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut MODULE_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__dir__".as_ptr(), ml_meth: Some(module_dir), ml_flags: METH_NOARGS, ml_doc: c"__dir__() -> list\nspecialized dir() implementation".as_ptr() },
    typeobject::METHOD_END,
];

/// `dir(module)`: the keys of its dict, or what a `__dir__` in that dict returns.
unsafe extern "C" fn module_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let d = get_dict(op);
        if d.is_null() || !dict::check(d) {
            return Err(crate::err::raise(crate::exc::type_error(), "<module>.__dict__ is not a dictionary"));
        }
        let d = Obj::from_borrowed(d);
        let f = dict::get_item_str(d.as_ptr(), "__dir__")?;
        if !f.is_null() {
            return crate::protocol::call::vectorcall(f, &[], null_mut());
        }
        let keys: Vec<*mut PyObject> = dict::entries(d.as_ptr()).into_iter().map(|(k, _)| k).collect();
        crate::objects::listobject::from_slice(&keys)
    })
}

#[no_mangle]
pub static mut PyModuleDef_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"moduledef".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyModuleDef>() as _,
    tp_flags: Py_TPFLAGS_DEFAULT,
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), &raw mut PyModule_Type)
}

/// A new module named `name` with `__name__`, `__doc__`, `__package__`, `__loader__` and
/// `__spec__` set as CPython does.
pub unsafe fn new(name: *mut PyObject) -> PyResult<Obj> {
    let m = Obj::from_owned(typeobject::PyType_GenericAlloc(&raw mut PyModule_Type, 0))?;
    let md = m.as_ptr() as *mut PyModuleObject;
    let d = dict::new()?;
    dict::set_item_str(d.as_ptr(), "__name__", name)?;
    for k in ["__doc__", "__package__", "__loader__", "__spec__"] {
        dict::set_item_str(d.as_ptr(), k, noneobject::none())?;
    }
    (*md).md_dict = d.into_ptr();
    incref(name);
    (*md).md_name = name;
    Ok(m)
}

pub unsafe fn get_dict(m: *mut PyObject) -> *mut PyObject {
    (*(m as *mut PyModuleObject)).md_dict
}

pub unsafe fn name_string(m: *mut PyObject) -> Option<String> {
    let d = get_dict(m);
    if d.is_null() {
        return None;
    }
    let n = dict::get_item_str(d, "__name__").ok()?;
    if n.is_null() || !str_::check(n) {
        return None;
    }
    str_::as_str(n).ok().map(|s| s.to_owned())
}

unsafe extern "C" fn module_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    crate::objects::weakrefobject::clear_weakrefs(op);
    let m = op as *mut PyModuleObject;
    if !(*m).md_def.is_null() {
        if let Some(free) = (*(*m).md_def).m_free {
            free(op as *mut c_void);
        }
    }
    xdecref((*m).md_dict);
    xdecref((*m).md_name);
    if !(*m).md_state.is_null() {
        crate::mem::free((*m).md_state);
    }
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn module_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let m = op as *mut PyModuleObject;
    let Some(visit) = visit else { return 0 };
    if !(*m).md_def.is_null() && (*(*m).md_def).m_size >= 0 && (*m).md_state.is_null() {
        // state not allocated: nothing of the extension's to visit
    } else if !(*m).md_def.is_null() {
        if let Some(t) = (*(*m).md_def).m_traverse {
            let r = t(op, Some(visit), arg);
            if r != 0 {
                return r;
            }
        }
    }
    if !(*m).md_dict.is_null() {
        return visit((*m).md_dict, arg);
    }
    0
}

unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    let name = name_string(op).unwrap_or_else(|| "?".into());
    crate::guard::ret_obj(str_::from_str(&format!("<module '{name}'>")))
}

/// Module attribute lookup, with `__getattr__` (PEP 562) and CPython's error message.
unsafe extern "C" fn module_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if let Some(v) = crate::protocol::object::generic_getattr(op, name, false)? {
            return Ok(v);
        }
        let d = get_dict(op);
        if !d.is_null() {
            let ga = dict::get_item_str(d, "__getattr__")?;
            if !ga.is_null() {
                return crate::protocol::call::vectorcall(ga, &[name], null_mut());
            }
        }
        let n = str_::as_str(name)?;
        let msg = match name_string(op) {
            Some(m) => format!("module '{m}' has no attribute '{n}'"),
            None => format!("module has no attribute '{n}'"),
        };
        Err(crate::objects::exceptions::attribute_error_with(msg, op, name))
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyModule_Type)?;
    typeobject::ready(&raw mut PyModuleDef_Type)
}
