//! `object`: the root of every MRO. Default construction, repr, hash, comparison and
//! attribute access for instances, and the `tp_free` functions.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, has_feature, GETSET_END, METHOD_END};
use crate::objects::{noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyBaseObject_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"object".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyObject>() as _,
    tp_dealloc: Some(object_dealloc),
    tp_repr: Some(object_repr),
    tp_hash: Some(proto::hash_pointer_slot),
    tp_str: Some(object_str),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_setattro: Some(proto::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_doc: c"The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n".as_ptr(),
    tp_richcompare: Some(object_richcompare),
    tp_methods: (&raw mut OBJECT_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut OBJECT_GETSET) as *mut PyGetSetDef,
    tp_init: Some(object_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(object_new),
    tp_free: Some(object_free),
    ..PyTypeObject::EMPTY
};

static mut OBJECT_GETSET: [PyGetSetDef; 2] = [getset(c"__class__", Some(object_get_class), None), GETSET_END];

static mut OBJECT_METHODS: [PyMethodDef; 9] = [
    PyMethodDef {
        ml_name: c"__init_subclass__".as_ptr(),
        ml_meth: Some(object_init_subclass),
        ml_flags: METH_CLASS | METH_NOARGS,
        ml_doc: c"This method is called when a class is subclassed.\n\nThe default implementation does nothing. It may be\noverridden to extend subclasses.\n".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"__subclasshook__".as_ptr(),
        ml_meth: Some(object_subclasshook),
        ml_flags: METH_CLASS | METH_O,
        ml_doc: c"Abstract classes can override this to customize issubclass().\n\nThis is invoked early on by abc.ABCMeta.__subclasscheck__().\nIt should return True, False or NotImplemented.  If it returns\nNotImplemented, the normal algorithm is used.  Otherwise, it\noverrides the normal algorithm (and the outcome is cached).\n".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"__sizeof__".as_ptr(),
        ml_meth: Some(object_sizeof),
        ml_flags: METH_NOARGS,
        ml_doc: c"Size of object in memory, in bytes.".as_ptr(),
    },
    typeobject::method(c"__getstate__", crate::objects::object_reduce::object_getstate as *const (), METH_NOARGS, c"Helper for pickle."),
    typeobject::method(c"__reduce__", crate::objects::object_reduce::object_reduce as *const (), METH_NOARGS, c"Helper for pickle."),
    typeobject::method(c"__reduce_ex__", crate::objects::object_reduce::object_reduce_ex as *const (), METH_O, c"Helper for pickle."),
    PyMethodDef {
        ml_name: c"__dir__".as_ptr(),
        ml_meth: Some(object_dir),
        ml_flags: METH_NOARGS,
        ml_doc: c"Default dir() implementation.".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"__format__".as_ptr(),
        ml_meth: Some(object_format),
        ml_flags: METH_O,
        ml_doc: c"Default object formatter.".as_ptr(),
    },
    METHOD_END,
];

/// object.__format__: str(self) for an empty spec, else TypeError as CPython.
unsafe extern "C" fn object_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    use crate::objects::unicodeobject as str_;
    crate::guard::catch_obj(|| {
        if !str_::check(spec) {
            let t = typeobject::full_name(type_of(spec));
            return Err(crate::err::raise(crate::exc::type_error(), format!("__format__() argument must be str, not {t}")));
        }
        if str_::len(spec) > 0 {
            let t = typeobject::full_name(type_of(op));
            return Err(crate::err::raise(crate::exc::type_error(), format!("unsupported format string passed to {t}.__format__")));
        }
        crate::protocol::object::str(op)
    })
}

#[inline(always)]
pub fn object_type() -> *mut PyTypeObject {
    &raw mut PyBaseObject_Type
}

/// `tp_free` for objects allocated without a GC head.
pub unsafe extern "C" fn object_free(p: *mut c_void) {
    crate::mem::free(p)
}

/// `tp_free` for GC objects: the allocation starts at the PyGC_Head.
pub unsafe extern "C" fn object_gc_free(p: *mut c_void) {
    crate::gc::free(p as *mut PyObject)
}

unsafe extern "C" fn object_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

/// The default repr: `<module.QualName object at 0x...>`.
unsafe extern "C" fn object_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = type_of(op);
        let qual = typeobject::type_qualname_str(tp)?;
        let s = match typeobject::type_module_str(tp)? {
            Some(m) if m != "builtins" => format!("<{m}.{qual} object at {op:p}>"),
            _ => format!("<{qual} object at {op:p}>"),
        };
        str_::from_str(&s)
    })
}

unsafe extern "C" fn object_str(op: *mut PyObject) -> *mut PyObject {
    match (*type_of(op)).tp_repr {
        Some(r) => r(op),
        None => object_repr(op),
    }
}

unsafe extern "C" fn object_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    match op {
        Py_EQ => {
            if a == b {
                crate::objects::boolobject::true_()
            } else {
                noneobject::not_implemented()
            }
        }
        Py_NE => {
            // Default __ne__ inverts __eq__ unless that is NotImplemented.
            let Some(eq) = (*type_of(a)).tp_richcompare else { return noneobject::not_implemented() };
            let r = eq(a, b, Py_EQ);
            if r.is_null() || r == noneobject::not_implemented() {
                return r;
            }
            let t = proto::is_true(r);
            decref(r);
            match t {
                Ok(v) => crate::objects::boolobject::new_bool(!v),
                Err(_) => null_mut(),
            }
        }
        _ => noneobject::not_implemented(),
    }
}

/// Does `tp` override `__init__`/`__new__` relative to object? (CPython's excess_args rule.)
unsafe fn excess_args(args: *mut PyObject, kwds: *mut PyObject) -> bool {
    size_of_var(args) != 0 || (!kwds.is_null() && crate::objects::dictobject::len(kwds) != 0)
}

unsafe extern "C" fn object_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    let tp = type_of(op);
    if excess_args(args, kwds) {
        if (*tp).tp_init.map(|f| f as usize) != Some(object_init as *const () as usize) {
            raise(exc::type_error(), "object.__init__() takes exactly one argument (the instance to initialize)");
            return -1;
        }
        if (*tp).tp_new.map(|f| f as usize) == Some(object_new as *const () as usize) {
            raise(
                exc::type_error(),
                format!("{}() takes no arguments", typeobject::full_name(tp)),
            );
            return -1;
        }
    }
    0
}

pub unsafe extern "C" fn object_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    if excess_args(args, kwds) {
        if (*tp).tp_new.map(|f| f as usize) != Some(object_new as *const () as usize) {
            raise(exc::type_error(), "object.__new__() takes exactly one argument (the type to instantiate)");
            return null_mut();
        }
        if (*tp).tp_init.map(|f| f as usize) == Some(object_init as *const () as usize) {
            raise(
                exc::type_error(),
                format!("{}() takes no arguments", typeobject::full_name(tp)),
            );
            return null_mut();
        }
    }
    if has_feature(tp, Py_TPFLAGS_IS_ABSTRACT) {
        return crate::guard::catch_obj(|| Err(abstract_error(tp)));
    }
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    alloc(tp, 0)
}

unsafe fn abstract_error(tp: *mut PyTypeObject) -> crate::err::ErrSet {
    let name = typeobject::type_qualname_str(tp).unwrap_or_default();
    let mut methods: Vec<String> = Vec::new();
    if let Ok(key) = str_::intern("__abstractmethods__") {
        let am = typeobject::lookup(tp, key);
        if !am.is_null() {
            if let Ok(it) = crate::protocol::iter::collect(am) {
                for m in it {
                    if let Ok(s) = str_::as_str(m.as_ptr()) {
                        methods.push(s.to_string());
                    }
                }
            }
        }
    }
    methods.sort();
    let plural = if methods.len() > 1 { "s" } else { "" };
    raise(
        exc::type_error(),
        format!(
            "Can't instantiate abstract class {name} with abstract method{plural} {}",
            methods.join(", ")
        ),
    )
}

unsafe extern "C" fn object_get_class(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let t = type_of(op) as *mut PyObject;
    incref(t);
    t
}

unsafe extern "C" fn object_init_subclass(_cls: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    noneobject::new_none()
}

unsafe extern "C" fn object_subclasshook(_cls: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    noneobject::not_implemented()
}

unsafe extern "C" fn object_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let tp = type_of(op);
    let mut size = (*tp).tp_basicsize as i64;
    if (*tp).tp_itemsize != 0 {
        size += (*tp).tp_itemsize as i64 * size_of_var(op).abs() as i64;
    }
    crate::objects::longobject::from_i64(size).into_ptr()
}

unsafe extern "C" fn object_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = crate::objects::dictobject::new()?;
        let tp = type_of(op);
        let mro = (*tp).tp_mro;
        if !mro.is_null() {
            for &b in tuple::items(mro) {
                let d = (*(b as *mut PyTypeObject)).tp_dict;
                if !d.is_null() {
                    crate::objects::dictobject::merge(names.as_ptr(), d, true)?;
                }
            }
        }
        if let Some(d) = proto::instance_dict(op) {
            if crate::objects::dictobject::check(d) {
                crate::objects::dictobject::merge(names.as_ptr(), d, true)?;
            }
        }
        let keys: Vec<*mut PyObject> = crate::objects::dictobject::entries(names.as_ptr()).into_iter().map(|e| e.0).collect();
        crate::objects::listobject::from_slice(&keys)
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(object_type())?;
    typeobject::ready(typeobject::type_type())
}

/// `tp_new` that allocates and leaves arguments to `tp_init` (staticmethod, classmethod).
pub unsafe extern "C" fn object_new_passthrough(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    alloc(tp, 0)
}
