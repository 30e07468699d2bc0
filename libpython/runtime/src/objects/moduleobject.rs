//! `module`: a namespace dict with a name, and the `PyModuleDef` machinery behind extension
//! and builtin modules.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self};
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
    tp_weaklistoffset: std::mem::offset_of!(PyModuleObject, md_weaklist) as _,
    tp_dictoffset: std::mem::offset_of!(PyModuleObject, md_dict) as _,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new_passthrough),
    tp_init: Some(module_init),
    tp_members: (&raw mut MODULE_MEMBERS) as *mut PyMemberDef,
    tp_methods: (&raw mut MODULE_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_doc: c"module(name, doc=None)\n--\n\nCreate a module object.\n\nThe name must be a string; the optional doc argument can have any type.".as_ptr(),
    ..PyTypeObject::EMPTY
};

static mut MODULE_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__dict__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyModuleObject, md_dict) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut MODULE_METHODS: [PyMethodDef; 2] = [
    typeobject::method(c"__dir__", module_dir as *const (), METH_NOARGS, c"__dir__() -> list\nspecialized dir() implementation"),
    typeobject::METHOD_END,
];

/// `module(name, doc=None)`: fills the dict as a new module's.
unsafe extern "C" fn module_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("module", args, kwds, &["name", "doc"], 1)?;
        let name = a[0].unwrap_or(null_mut());
        if !str_::check(name) {
            return Err(crate::err::raise(crate::exc::type_error(), format!("module() argument 'name' must be str, not {}", typeobject::full_name(type_of(name)))));
        }
        let md = op as *mut PyModuleObject;
        if (*md).md_dict.is_null() {
            (*md).md_dict = dict::new()?.into_ptr();
        }
        let d = (*md).md_dict;
        dict::set_item_str(d, "__name__", name)?;
        dict::set_item_str(d, "__doc__", a[1].unwrap_or(noneobject::none()))?;
        for k in ["__package__", "__loader__", "__spec__"] {
            dict::set_item_str(d, k, noneobject::none())?;
        }
        incref(name);
        xsetref(&raw mut (*md).md_name, name);
        Ok(())
    })
}

/// `module.__dir__()`: the dict's own `__dir__` if it has one, else its keys.
unsafe extern "C" fn module_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let d = crate::protocol::object::getattr_str(op, "__dict__")?;
        if !dict::check(d.as_ptr()) {
            let name = name_string(op).unwrap_or_else(|| "?".into());
            return Err(crate::err::raise(crate::exc::type_error(), format!("<module '{name}'>.__dict__ is not a dictionary")));
        }
        let f = dict::get_item_str(d.as_ptr(), "__dir__")?;
        if !f.is_null() {
            return crate::protocol::call::vectorcall(f, &[], null_mut());
        }
        let keys: Vec<*mut PyObject> = dict::entries(d.as_ptr()).into_iter().map(|e| e.0).collect();
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

/// The repr importlib's `_module_repr` gives: from `__spec__` when there is one, else
/// from `__file__` or `__loader__`.
unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        use crate::protocol::object::{lookup_attr, repr_string};
        let attr = |o: *mut PyObject, n: &str| -> PyResult<Option<Obj>> { lookup_attr(o, str_::intern(n)?).map(|v| v.filter(|v| !noneobject::is_none(v.as_ptr()))) };
        let text = if let Some(spec) = attr(op, "__spec__")? {
            let name = match attr(spec.as_ptr(), "name")? {
                Some(n) => repr_string(n.as_ptr())?,
                None => "'?'".into(),
            };
            match attr(spec.as_ptr(), "origin")? {
                None => match attr(spec.as_ptr(), "loader")? {
                    None => format!("<module {name}>"),
                    Some(l) => format!("<module {name} ({})>", repr_string(l.as_ptr())?),
                },
                Some(origin) => {
                    let located = attr(spec.as_ptr(), "has_location")?.map(|h| crate::protocol::object::is_true(h.as_ptr())).transpose()?.unwrap_or(false);
                    if located {
                        format!("<module {name} from {}>", repr_string(origin.as_ptr())?)
                    } else {
                        format!("<module {name} ({})>", str_::as_str(crate::protocol::object::str(origin.as_ptr())?.as_ptr())?)
                    }
                }
            }
        } else {
            let name = match attr(op, "__name__")? {
                Some(n) => repr_string(n.as_ptr())?,
                None => "'?'".into(),
            };
            match attr(op, "__file__")? {
                Some(f) => format!("<module {name} from {}>", repr_string(f.as_ptr())?),
                None => match attr(op, "__loader__")? {
                    Some(l) => format!("<module {name} ({})>", repr_string(l.as_ptr())?),
                    None => format!("<module {name}>"),
                },
            }
        };
        str_::from_str(&text)
    })
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
