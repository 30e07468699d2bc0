//! `property`: a data descriptor calling fget/fset/fdel (CPython keeps it in descrobject.c).

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::typeobject::{self, getset, GETSET_END, METHOD_END};
use crate::objects::{boolobject, noneobject, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

#[repr(C)]
pub struct PropertyObject {
    pub ob_base: PyObject,
    pub prop_get: *mut PyObject,
    pub prop_set: *mut PyObject,
    pub prop_del: *mut PyObject,
    pub prop_doc: *mut PyObject,
    pub prop_name: *mut PyObject,
    pub getter_doc: c_int,
}

const fn member(name: &'static std::ffi::CStr, offset: usize) -> PyMemberDef {
    PyMemberDef { name: name.as_ptr(), type_: T_OBJECT, offset: offset as Py_ssize_t, flags: READONLY, doc: std::ptr::null() }
}

static mut PROPERTY_MEMBERS: [PyMemberDef; 5] = [
    member(c"fget", offset_of!(PropertyObject, prop_get)),
    member(c"fset", offset_of!(PropertyObject, prop_set)),
    member(c"fdel", offset_of!(PropertyObject, prop_del)),
    PyMemberDef {
        name: c"__doc__".as_ptr(),
        type_: T_OBJECT,
        offset: offset_of!(PropertyObject, prop_doc) as Py_ssize_t,
        flags: 0,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut PROPERTY_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"getter".as_ptr(), ml_meth: Some(property_getter), ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different getter.".as_ptr() },
    PyMethodDef { ml_name: c"setter".as_ptr(), ml_meth: Some(property_setter), ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different setter.".as_ptr() },
    PyMethodDef { ml_name: c"deleter".as_ptr(), ml_meth: Some(property_deleter), ml_flags: METH_O, ml_doc: c"Descriptor to obtain a copy of the property with a different deleter.".as_ptr() },
    PyMethodDef {
        ml_name: c"__set_name__".as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(property_set_name as *const ()) }),
        ml_flags: METH_FASTCALL,
        ml_doc: c"Method to set name of a property.".as_ptr(),
    },
    METHOD_END,
];

static mut PROPERTY_GETSET: [PyGetSetDef; 2] = [getset(c"__isabstractmethod__", Some(property_isabstract), None), GETSET_END];

#[no_mangle]
pub static mut PyProperty_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"property".as_ptr(),
    tp_basicsize: std::mem::size_of::<PropertyObject>() as _,
    tp_dealloc: Some(property_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"Property attribute.\n\n  fget\n    function to be used for getting an attribute value\n  fset\n    function to be used for setting an attribute value\n  fdel\n    function to be used for del'ing an attribute\n  doc\n    docstring\n\nTypical use is to define a managed attribute x:\n\nclass C(object):\n    def getx(self): return self._x\n    def setx(self, value): self._x = value\n    def delx(self): del self._x\n    x = property(getx, setx, delx, \"I'm the 'x' property.\")\n\nDecorators make defining new properties or modifying existing ones easy:\n\nclass C(object):\n    @property\n    def x(self):\n        \"I am the 'x' property.\"\n        return self._x\n    @x.setter\n    def x(self, value):\n        self._x = value\n    @x.deleter\n    def x(self):\n        del self._x".as_ptr(),
    tp_traverse: Some(property_traverse),
    tp_clear: Some(property_clear),
    tp_methods: (&raw mut PROPERTY_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut PROPERTY_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut PROPERTY_GETSET) as *mut PyGetSetDef,
    tp_descr_get: Some(property_descr_get),
    tp_descr_set: Some(property_descr_set),
    tp_init: Some(property_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new_passthrough),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe fn raw(op: *mut PyObject) -> *mut PropertyObject {
    op as *mut PropertyObject
}

unsafe fn slots(op: *mut PyObject) -> [*mut *mut PyObject; 5] {
    let p = raw(op);
    [&raw mut (*p).prop_get, &raw mut (*p).prop_set, &raw mut (*p).prop_del, &raw mut (*p).prop_doc, &raw mut (*p).prop_name]
}

unsafe extern "C" fn property_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    property_clear(op);
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

unsafe extern "C" fn property_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for s in slots(op) {
        if !(*s).is_null() {
            let r = visit(*s, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn property_clear(op: *mut PyObject) -> c_int {
    for s in slots(op) {
        xsetref(s, null_mut());
    }
    0
}

/// `None` arguments mean "absent", as in CPython.
fn none_to_null(p: Option<*mut PyObject>) -> *mut PyObject {
    match p {
        Some(v) if !noneobject::is_none(v) => v,
        _ => null_mut(),
    }
}

unsafe extern "C" fn property_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("property", args, kwds, &["fget", "fset", "fdel", "doc"], 0)?;
        let p = raw(op);
        let (fget, fset, fdel, doc) = (none_to_null(a[0]), none_to_null(a[1]), none_to_null(a[2]), none_to_null(a[3]));
        for (slot, v) in [(&raw mut (*p).prop_get, fget), (&raw mut (*p).prop_set, fset), (&raw mut (*p).prop_del, fdel), (&raw mut (*p).prop_doc, doc)] {
            xincref(v);
            xsetref(slot, v);
        }
        (*p).getter_doc = 0;
        // Without an explicit doc, the getter's docstring serves.
        if doc.is_null() && !fget.is_null() {
            let name = str_::intern("__doc__")?;
            if let Some(d) = proto::lookup_attr(fget, name)? {
                if type_of(op) == &raw mut PyProperty_Type {
                    xsetref(&raw mut (*p).prop_doc, d.into_ptr());
                } else {
                    // A subclass keeps the doc in its instance dict (CPython does the same).
                    proto::setattr(op, name, d.as_ptr())?;
                }
                (*p).getter_doc = 1;
            }
        }
        Ok(())
    })
}

unsafe fn qualname_of(obj: *mut PyObject) -> Option<String> {
    typeobject::type_qualname_str(type_of(obj)).ok()
}

unsafe extern "C" fn property_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    if obj.is_null() || noneobject::is_none(obj) {
        incref(op);
        return op;
    }
    let p = raw(op);
    crate::guard::catch_obj(|| {
        if (*p).prop_get.is_null() {
            return Err(missing_accessor(p, obj, "getter"));
        }
        call::vectorcall((*p).prop_get, &[obj], null_mut())
    })
}

unsafe fn missing_accessor(p: *mut PropertyObject, obj: *mut PyObject, what: &str) -> crate::err::ErrSet {
    let q = if obj.is_null() { None } else { qualname_of(obj) };
    let msg = match (q, (*p).prop_name.is_null()) {
        (Some(q), false) => match proto::repr_string((*p).prop_name) {
            Ok(n) => format!("property {n} of '{q}' object has no {what}"),
            Err(e) => return e,
        },
        (Some(q), true) => format!("property of '{q}' object has no {what}"),
        (None, _) => format!("property has no {what}"),
    };
    raise(exc::attribute_error(), msg)
}

unsafe extern "C" fn property_descr_set(op: *mut PyObject, obj: *mut PyObject, value: *mut PyObject) -> c_int {
    let p = raw(op);
    crate::guard::catch_int(|| {
        let f = if value.is_null() { (*p).prop_del } else { (*p).prop_set };
        if f.is_null() {
            return Err(missing_accessor(p, obj, if value.is_null() { "deleter" } else { "setter" }));
        }
        if value.is_null() {
            call::vectorcall(f, &[obj], null_mut())?;
        } else {
            call::vectorcall(f, &[obj, value], null_mut())?;
        }
        Ok(())
    })
}

/// A copy of `op` with one accessor replaced, made through the (sub)class.
unsafe fn copy_with(op: *mut PyObject, which: usize, f: *mut PyObject) -> PyResult<Obj> {
    let p = raw(op);
    let mut parts = [(*p).prop_get, (*p).prop_set, (*p).prop_del];
    parts[which] = if noneobject::is_none(f) { null_mut() } else { f };
    let none = noneobject::none();
    let args: Vec<*mut PyObject> = parts.iter().map(|&x| if x.is_null() { none } else { x }).collect();
    // A doc taken from the old getter is taken afresh from the new getter.
    let doc = if ((*p).getter_doc != 0 && !parts[0].is_null()) || (*p).prop_doc.is_null() { none } else { (*p).prop_doc };
    let mut all = args;
    all.push(doc);
    let r = call::vectorcall(type_of(op) as *mut PyObject, &all, null_mut())?;
    if crate::objects::typeobject::is_subtype(r.type_ptr(), &raw mut PyProperty_Type) {
        let rp = raw(r.as_ptr());
        xincref((*p).prop_name);
        xsetref(&raw mut (*rp).prop_name, (*p).prop_name);
    }
    Ok(r)
}

unsafe extern "C" fn property_getter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy_with(op, 0, f))
}
unsafe extern "C" fn property_setter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy_with(op, 1, f))
}
unsafe extern "C" fn property_deleter(op: *mut PyObject, f: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy_with(op, 2, f))
}

unsafe extern "C" fn property_set_name(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    if n != 2 {
        raise(exc::type_error(), format!("__set_name__() takes 2 positional arguments but {n} were given"));
        return null_mut();
    }
    let name = *args.add(1);
    incref(name);
    xsetref(&raw mut (*raw(op)).prop_name, name);
    noneobject::new_none()
}

unsafe extern "C" fn property_isabstract(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let p = raw(op);
    crate::guard::catch_obj(|| {
        let key = str_::intern("__isabstractmethod__")?;
        for f in [(*p).prop_get, (*p).prop_set, (*p).prop_del] {
            if f.is_null() {
                continue;
            }
            if let Some(v) = proto::lookup_attr(f, key)? {
                if proto::is_true(v.as_ptr())? {
                    return Ok(Obj::from_borrowed(boolobject::true_()));
                }
            }
        }
        Ok(Obj::from_borrowed(boolobject::false_()))
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyProperty_Type)
}
