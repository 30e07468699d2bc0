//! `types.SimpleNamespace` (CPython's Objects/namespaceobject.c): an object whose attributes
//! are its `__dict__`, made from keyword arguments; `sys.implementation` is one.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_OBJECT};
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

#[repr(C)]
pub struct NamespaceObject {
    pub ob_base: PyObject,
    pub ns_dict: *mut PyObject,
}

static mut NS_MEMBERS: [PyMemberDef; 2] = [member(c"__dict__", T_OBJECT, offset_of!(NamespaceObject, ns_dict), READONLY), MEMBER_END];

static mut NS_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(ns_reduce), ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling".as_ptr() },
    METHOD_END,
];

#[no_mangle]
pub static mut _PyNamespace_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"types.SimpleNamespace".as_ptr(),
    tp_basicsize: size_of::<NamespaceObject>() as _,
    tp_dealloc: Some(ns_dealloc),
    tp_repr: Some(ns_repr),
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_setattro: Some(proto::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)".as_ptr(),
    tp_traverse: Some(ns_traverse),
    tp_clear: Some(ns_clear),
    tp_richcompare: Some(ns_richcompare),
    tp_methods: (&raw mut NS_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut NS_MEMBERS) as *mut PyMemberDef,
    tp_dictoffset: offset_of!(NamespaceObject, ns_dict) as _,
    tp_init: Some(ns_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(ns_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

pub fn namespace_type() -> *mut PyTypeObject {
    &raw mut _PyNamespace_Type
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(namespace_type())
}

unsafe fn ns_dict(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut NamespaceObject)).ns_dict
}

unsafe fn alloc(tp: *mut PyTypeObject) -> PyResult<Obj> {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = Obj::from_owned(alloc(tp, 0))?;
    (*(op.as_ptr() as *mut NamespaceObject)).ns_dict = dict::new()?.into_ptr();
    Ok(op)
}

/// A namespace holding the entries of `kwds` (a dict, or NULL), as `_PyNamespace_New`.
pub unsafe fn new(kwds: *mut PyObject) -> PyResult<Obj> {
    let ns = alloc(namespace_type())?;
    if !kwds.is_null() {
        dict::merge(ns_dict(ns.as_ptr()), kwds, true)?;
    }
    Ok(ns)
}

unsafe extern "C" fn ns_new(tp: *mut PyTypeObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| alloc(tp))
}

unsafe extern "C" fn ns_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if !args.is_null() && size_of_var(args) != 0 {
            return Err(raise(exc::type_error(), "no positional arguments expected"));
        }
        if kwds.is_null() {
            return Ok(());
        }
        if dict::entries(kwds).iter().any(|&(k, _)| !str_::check(k)) {
            return Err(raise(exc::type_error(), "keywords must be strings"));
        }
        dict::merge(ns_dict(op), kwds, true)
    })
}

unsafe extern "C" fn ns_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    ns_clear(op);
    typeobject::free_instance(op);
}

unsafe extern "C" fn ns_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    crate::gc::visit_each(&[ns_dict(op)], visit, arg)
}

unsafe extern "C" fn ns_clear(op: *mut PyObject) -> c_int {
    xsetref(&raw mut (*(op as *mut NamespaceObject)).ns_dict, null_mut());
    0
}

/// `namespace(a=1, b=2)` (the type's name for subclasses); `namespace(...)` when recursive.
unsafe extern "C" fn ns_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = type_of(op);
        let name = if tp == namespace_type() { "namespace" } else { full_name(tp) };
        let Some(_guard) = proto::ReprGuard::enter(op)? else {
            return str_::from_str(&format!("{name}(...)"));
        };
        let d = Obj::from_borrowed(ns_dict(op));
        let mut parts = Vec::new();
        for (k, v) in dict::entries(d.as_ptr()) {
            // Keys that are not strings, or empty, are left out, as CPython does.
            if str_::check(k) && str_::len(k) > 0 {
                let (k, v) = (Obj::from_borrowed(k), Obj::from_borrowed(v));
                parts.push(format!("{}={}", str_::as_str(k.as_ptr())?, proto::repr_string(v.as_ptr())?));
            }
        }
        str_::from_str(&format!("{name}({})", parts.join(", ")))
    })
}

unsafe extern "C" fn ns_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ns = namespace_type();
        if typeobject::is_subtype(type_of(a), ns) && typeobject::is_subtype(type_of(b), ns) {
            return proto::rich_compare(ns_dict(a), ns_dict(b), op);
        }
        Ok(Obj::from_borrowed(noneobject::not_implemented()))
    })
}

unsafe extern "C" fn ns_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let empty = tuple::from_vec(Vec::new())?;
        tuple::pack(&[type_of(op) as *mut PyObject, empty.as_ptr(), ns_dict(op)])
    })
}

/// `PyObject* _PyNamespace_New(PyObject *kwds)`, exported as CPython does.
#[no_mangle]
pub unsafe extern "C" fn _PyNamespace_New(kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new(kwds))
}
