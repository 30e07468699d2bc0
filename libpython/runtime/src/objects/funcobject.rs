//! `staticmethod` and `classmethod` (CPython keeps them in funcobject.c). Python function
//! objects join them with the eval loop.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, GETSET_END};
use crate::objects::tupleobject as tuple;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

/// staticmethod and classmethod share this layout (CPython's `classmethod` struct).
#[repr(C)]
pub struct WrappingMethod {
    pub ob_base: PyObject,
    pub callable: *mut PyObject,
    pub dict: *mut PyObject,
}

macro_rules! wrapping_type {
    ($name:ident, $tpname:expr, $get:expr, $call:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: std::mem::size_of::<WrappingMethod>() as _,
            tp_dealloc: Some(wm_dealloc),
            tp_call: $call,
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(wm_traverse),
            tp_clear: Some(wm_clear),
            tp_getset: (&raw mut WM_GETSET) as *mut PyGetSetDef,
            tp_members: (&raw mut WM_MEMBERS) as *mut PyMemberDef,
            tp_descr_get: Some($get),
            tp_dictoffset: std::mem::offset_of!(WrappingMethod, dict) as _,
            tp_init: Some(wm_init),
            tp_alloc: Some(typeobject::PyType_GenericAlloc),
            tp_new: Some(crate::objects::baseobject::object_new_passthrough),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

wrapping_type!(PyStaticMethod_Type, c"staticmethod", sm_get, Some(sm_call));
wrapping_type!(PyClassMethod_Type, c"classmethod", cm_get, None);

static mut WM_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef {
        name: c"__func__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(WrappingMethod, callable) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef {
        name: c"__wrapped__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(WrappingMethod, callable) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut WM_GETSET: [PyGetSetDef; 3] = [
    getset(c"__isabstractmethod__", Some(wm_isabstract), None),
    getset(c"__dict__", Some(crate::objects::typenew::subtype_get_dict), Some(crate::objects::typenew::generic_set_dict)),
    GETSET_END,
];

pub unsafe fn new_staticmethod(callable: *mut PyObject) -> PyResult<Obj> {
    new_wrapping(&raw mut PyStaticMethod_Type, callable)
}

pub unsafe fn new_classmethod(callable: *mut PyObject) -> PyResult<Obj> {
    new_wrapping(&raw mut PyClassMethod_Type, callable)
}

unsafe fn new_wrapping(tp: *mut PyTypeObject, callable: *mut PyObject) -> PyResult<Obj> {
    let op = Obj::from_owned(typeobject::PyType_GenericAlloc(tp, 0))?;
    incref(callable);
    (*(op.as_ptr() as *mut WrappingMethod)).callable = callable;
    Ok(op)
}

unsafe extern "C" fn wm_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    wm_clear(op);
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

unsafe extern "C" fn wm_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let w = op as *mut WrappingMethod;
    let Some(visit) = visit else { return 0 };
    for p in [(*w).callable, (*w).dict] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn wm_clear(op: *mut PyObject) -> c_int {
    let w = op as *mut WrappingMethod;
    xsetref(&raw mut (*w).callable, null_mut());
    xsetref(&raw mut (*w).dict, null_mut());
    0
}

unsafe extern "C" fn wm_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    let name = typeobject::full_name(type_of(op));
    crate::guard::catch_int(|| {
        crate::protocol::args::no_keywords(name, kwds)?;
        crate::protocol::args::check_positional(name, size_of_var(args) as usize, 1, 1)?;
        let c = tuple::get_item(args, 0);
        incref(c);
        xsetref(&raw mut (*(op as *mut WrappingMethod)).callable, c);
        // As functools.wraps (3.10+): the wrapped callable's names and doc show through.
        for attr in ["__module__", "__name__", "__qualname__", "__doc__"] {
            let name = crate::objects::unicodeobject::intern(attr)?;
            if let Some(v) = crate::protocol::object::lookup_attr(c, name)? {
                crate::protocol::object::setattr(op, name, v.as_ptr())?;
            }
        }
        Ok(())
    })
}

unsafe extern "C" fn sm_get(op: *mut PyObject, _obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    let c = (*(op as *mut WrappingMethod)).callable;
    if c.is_null() {
        raise(exc::runtime_error(), "uninitialized staticmethod object");
        return null_mut();
    }
    incref(c);
    c
}

unsafe extern "C" fn sm_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    let c = (*(op as *mut WrappingMethod)).callable;
    crate::guard::catch_obj(|| crate::protocol::call::call(c, args, kwds))
}

unsafe extern "C" fn cm_get(op: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    let c = (*(op as *mut WrappingMethod)).callable;
    if c.is_null() {
        raise(exc::runtime_error(), "uninitialized classmethod object");
        return null_mut();
    }
    let tp = if tp.is_null() { type_of(obj) as *mut PyObject } else { tp };
    // A wrapped descriptor binds itself (3.9+ classmethod chaining).
    if let Some(g) = (*type_of(c)).tp_descr_get {
        return g(c, tp, type_of(tp) as *mut PyObject);
    }
    crate::guard::catch_obj(|| crate::objects::classobject::new_method(c, tp))
}

unsafe extern "C" fn wm_isabstract(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let c = (*(op as *mut WrappingMethod)).callable;
    crate::guard::catch_obj(|| {
        let key = crate::objects::unicodeobject::intern("__isabstractmethod__")?;
        match crate::protocol::object::lookup_attr(c, key)? {
            Some(v) => Ok(Obj::from_borrowed(crate::objects::boolobject::new_bool(crate::protocol::object::is_true(v.as_ptr())?))),
            None => Ok(Obj::from_borrowed(crate::objects::boolobject::false_())),
        }
    })
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PyStaticMethod_Type)?;
    typeobject::ready(&raw mut PyClassMethod_Type)
}
