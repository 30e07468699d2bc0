//! `mappingproxy`: a read-only view of a mapping (`type.__dict__`). CPython keeps it in
//! descrobject.c.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto, sequence as seq};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct MappingProxyObject {
    pub ob_base: PyObject,
    pub mapping: *mut PyObject,
}

static mut MP_AS_MAPPING: PyMappingMethods = PyMappingMethods { mp_length: Some(mp_len), mp_subscript: Some(mp_getitem), mp_ass_subscript: None };
static mut MP_AS_SEQUENCE: PySequenceMethods = PySequenceMethods { sq_contains: Some(mp_contains), ..PySequenceMethods::EMPTY };
static mut MP_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_or: Some(mp_or), nb_inplace_or: Some(mp_ior), ..PyNumberMethods::EMPTY };

const fn m(name: &'static std::ffi::CStr, f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject, flags: c_int, doc: &'static std::ffi::CStr) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: doc.as_ptr() }
}

static mut MP_METHODS: [PyMethodDef; 8] = [
    typeobject::method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    PyMethodDef {
        ml_name: c"get".as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(mp_get as *const ()) }),
        ml_flags: METH_FASTCALL,
        ml_doc: c"D.get(k[,d]) -> D[k] if k in D, else d.  d defaults to None.".as_ptr(),
    },
    m(c"keys", mp_keys, METH_NOARGS, c"D.keys() -> a set-like object providing a view on D's keys"),
    m(c"values", mp_values, METH_NOARGS, c"D.values() -> an object providing a view on D's values"),
    m(c"items", mp_items, METH_NOARGS, c"D.items() -> a set-like object providing a view on D's items"),
    m(c"copy", mp_copy, METH_NOARGS, c"D.copy() -> a shallow copy of D"),
    m(c"__reversed__", mp_reversed, METH_NOARGS, c"D.__reversed__() -> reverse iterator"),
    METHOD_END,
];

#[no_mangle]
pub static mut PyDictProxy_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"mappingproxy".as_ptr(),
    tp_basicsize: std::mem::size_of::<MappingProxyObject>() as _,
    tp_dealloc: Some(mp_dealloc),
    tp_repr: Some(mp_repr),
    tp_as_number: &raw mut MP_AS_NUMBER,
    tp_as_sequence: &raw mut MP_AS_SEQUENCE,
    tp_as_mapping: &raw mut MP_AS_MAPPING,
    tp_str: Some(mp_str),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_MAPPING,
    tp_traverse: Some(mp_traverse),
    tp_richcompare: Some(mp_richcompare),
    tp_iter: Some(mp_iter),
    tp_methods: (&raw mut MP_METHODS) as *mut PyMethodDef,
    tp_new: Some(mp_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe fn inner(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut MappingProxyObject)).mapping
}

/// A proxy over `mapping`, which must be a mapping and not a list or tuple.
pub unsafe fn new(mapping: *mut PyObject) -> PyResult<Obj> {
    let mp = (*type_of(mapping)).tp_as_mapping;
    if mp.is_null() || (*mp).mp_subscript.is_none() || list::check(mapping) || tuple::check(mapping) {
        return Err(raise(
            exc::type_error(),
            format!("mappingproxy() argument must be a mapping, not {}", full_name(type_of(mapping))),
        ));
    }
    let op = crate::gc::alloc(std::mem::size_of::<MappingProxyObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyDictProxy_Type);
    incref(mapping);
    (*(op as *mut MappingProxyObject)).mapping = mapping;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn mp_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("mappingproxy", args, kwds, &["mapping"], 1)?;
        new(a[0].unwrap_or(null_mut()))
    })
}

unsafe extern "C" fn mp_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref(inner(op));
    crate::gc::free(op);
}

unsafe extern "C" fn mp_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match visit {
        Some(v) => v(inner(op), arg),
        None => 0,
    }
}

unsafe extern "C" fn mp_len(op: *mut PyObject) -> Py_ssize_t {
    seq::size(inner(op)).unwrap_or(-1)
}

unsafe extern "C" fn mp_getitem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| seq::getitem(inner(op), key))
}

unsafe extern "C" fn mp_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    let m = inner(op);
    let r = if dict::check_exact(m) { dict::get_item(m, key).map(|v| v.is_some()) } else { seq::contains(m, key) };
    match r {
        Ok(b) => b as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn mp_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    let unwrap = |o: *mut PyObject| if type_of(o) == &raw mut PyDictProxy_Type { inner(o) } else { o };
    crate::guard::catch_obj(|| crate::protocol::number::binary_op(unwrap(a), unwrap(b), crate::protocol::number::OR))
}

unsafe extern "C" fn mp_ior(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    raise(
        exc::type_error(),
        format!("'|=' is not supported by {}; use '|' instead", full_name(type_of(op))),
    );
    let _ = other;
    null_mut()
}

unsafe fn forward(op: *mut PyObject, name: &str, args: &[*mut PyObject]) -> *mut PyObject {
    crate::guard::catch_obj(|| call::call_method_obj(inner(op), name, args))
}

unsafe extern "C" fn mp_get(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    if crate::protocol::args::check_positional("get", n as usize, 1, 2).is_err() {
        return null_mut();
    }
    forward(op, "get", std::slice::from_raw_parts(args, n as usize))
}
unsafe extern "C" fn mp_keys(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    forward(op, "keys", &[])
}
unsafe extern "C" fn mp_values(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    forward(op, "values", &[])
}
unsafe extern "C" fn mp_items(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    forward(op, "items", &[])
}
unsafe extern "C" fn mp_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    forward(op, "copy", &[])
}
unsafe extern "C" fn mp_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = crate::lifecycle::builtin_types().into_iter().find(|(n, _)| *n == "reversed").map(|(_, t)| t);
        match r {
            Some(t) => call::vectorcall(t as *mut PyObject, &[inner(op)], null_mut()),
            None => Err(raise(exc::not_implemented_error(), "Ferric: reversed() is not implemented yet")),
        }
    })
}

unsafe extern "C" fn mp_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::iter::get_iter(inner(op)))
}

unsafe extern "C" fn mp_str(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| proto::str(inner(op)))
}

unsafe extern "C" fn mp_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = proto::repr_string(inner(op))?;
        str_::from_str(&format!("mappingproxy({r})"))
    })
}

unsafe extern "C" fn mp_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| proto::rich_compare(inner(a), b, op))
}

pub unsafe fn ready_type() -> PyResult<()> {
    let _ = noneobject::none;
    typeobject::ready(&raw mut PyDictProxy_Type)
}
