//! `super`: attribute lookup that starts after a given class in the MRO of an instance's
//! (or a class's) type. The zero-argument form needs the calling frame, which comes with
//! the interpreter.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::typeobject::{self, is_subtype, is_type};
use crate::objects::{dictobject as dict, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

#[repr(C)]
pub struct SuperObject {
    pub ob_base: PyObject,
    pub type_: *mut PyTypeObject,
    pub obj: *mut PyObject,
    pub obj_type: *mut PyTypeObject,
}

static mut SUPER_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"__thisclass__".as_ptr(), type_: T_OBJECT, offset: offset_of!(SuperObject, type_) as _, flags: READONLY, doc: c"the class invoking super()".as_ptr() },
    PyMemberDef { name: c"__self__".as_ptr(), type_: T_OBJECT, offset: offset_of!(SuperObject, obj) as _, flags: READONLY, doc: c"the instance invoking super(); may be None".as_ptr() },
    PyMemberDef { name: c"__self_class__".as_ptr(), type_: T_OBJECT, offset: offset_of!(SuperObject, obj_type) as _, flags: READONLY, doc: c"the type of the instance invoking super(); may be None".as_ptr() },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

#[no_mangle]
pub static mut PySuper_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"super".as_ptr(),
    tp_basicsize: std::mem::size_of::<SuperObject>() as _,
    tp_dealloc: Some(super_dealloc),
    tp_repr: Some(super_repr),
    tp_getattro: Some(super_getattro),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"super() -> same as super(__class__, <first argument>)\nsuper(type) -> unbound super object\nsuper(type, obj) -> bound super object; requires isinstance(obj, type)\nsuper(type, type2) -> bound super object; requires issubclass(type2, type)\nTypical use to call a cooperative superclass method:\nclass C(B):\n    def meth(self, arg):\n        super().meth(arg)\nThis works for class methods too:\nclass C(B):\n    @classmethod\n    def cmeth(cls, arg):\n        super().cmeth(arg)\n".as_ptr(),
    tp_traverse: Some(super_traverse),
    tp_members: (&raw mut SUPER_MEMBERS) as *mut PyMemberDef,
    tp_descr_get: Some(super_descr_get),
    tp_init: Some(super_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new_passthrough),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe fn raw(op: *mut PyObject) -> *mut SuperObject {
    op as *mut SuperObject
}

unsafe extern "C" fn super_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let s = raw(op);
    xdecref((*s).obj);
    xdecref((*s).type_ as *mut PyObject);
    xdecref((*s).obj_type as *mut PyObject);
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

unsafe extern "C" fn super_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = raw(op);
    let Some(visit) = visit else { return 0 };
    for p in [(*s).obj, (*s).type_ as *mut PyObject, (*s).obj_type as *mut PyObject] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn super_repr(op: *mut PyObject) -> *mut PyObject {
    let s = raw(op);
    let t = if (*s).type_.is_null() { "NULL".into() } else { typeobject::full_name((*s).type_).to_owned() };
    let text = if (*s).obj_type.is_null() {
        format!("<super: <class '{t}'>, NULL>")
    } else {
        format!("<super: <class '{t}'>, <{} object>>", typeobject::full_name((*s).obj_type))
    };
    crate::guard::ret_obj(str_::from_str(&text))
}

unsafe extern "C" fn super_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    let s = raw(op);
    crate::guard::catch_obj(|| {
        let start = (*s).obj_type;
        // super().__class__ is the super object's class, not the instance's.
        if !start.is_null() && !(str_::check(name) && str_::eq_str(name, "__class__")) && !(*start).tp_mro.is_null() {
            let mro = Obj::from_borrowed((*start).tp_mro);
            let items = tuple::items(mro.as_ptr());
            let n = items.len();
            let mut i = 0;
            while i + 1 < n && items[i] != (*s).type_ as *mut PyObject {
                i += 1;
            }
            i += 1;
            while i < n {
                let d = (*(items[i] as *mut PyTypeObject)).tp_dict;
                if !d.is_null() {
                    if let Some(res) = dict::get_item(d, name)? {
                        let res = Obj::from_borrowed(res);
                        if let Some(f) = (*res.type_ptr()).tp_descr_get {
                            // Instance mode passes the instance; class mode passes NULL.
                            let inst = if (*s).obj == start as *mut PyObject { null_mut() } else { (*s).obj };
                            return Obj::from_owned(f(res.as_ptr(), inst, start as *mut PyObject));
                        }
                        return Ok(res);
                    }
                }
                i += 1;
            }
        }
        proto::generic_getattr(op, name, false)?.ok_or_else(|| proto::no_attribute(op, name))
    })
}

/// The type `obj` is checked against: itself if it is a subclass of `tp`, else its type
/// (or its `__class__`), as CPython's supercheck.
unsafe fn supercheck(tp: *mut PyTypeObject, obj: *mut PyObject) -> PyResult<*mut PyTypeObject> {
    if is_type(obj) && is_subtype(obj as *mut PyTypeObject, tp) {
        return Ok(obj as *mut PyTypeObject);
    }
    if is_subtype(type_of(obj), tp) {
        return Ok(type_of(obj));
    }
    let key = str_::intern("__class__")?;
    if let Some(c) = proto::lookup_attr(obj, key)? {
        if is_type(c.as_ptr()) && c.as_ptr() != type_of(obj) as *mut PyObject && is_subtype(c.as_ptr() as *mut PyTypeObject, tp) {
            return Ok(c.into_ptr() as *mut PyTypeObject);
        }
    }
    Err(raise(exc::type_error(), "super(type, obj): obj must be an instance or subtype of type"))
}

unsafe fn set_fields(op: *mut PyObject, tp: *mut PyTypeObject, obj: *mut PyObject) -> PyResult<()> {
    let obj_type = if obj.is_null() { null_mut() } else { supercheck(tp, obj)? };
    let s = raw(op);
    incref(tp as *mut PyObject);
    xincref(obj);
    xincref(obj_type as *mut PyObject);
    xsetref(&raw mut (*s).type_ as *mut *mut PyTypeObject as *mut *mut PyObject, tp as *mut PyObject);
    xsetref(&raw mut (*s).obj, obj);
    xsetref(&raw mut (*s).obj_type as *mut *mut PyTypeObject as *mut *mut PyObject, obj_type as *mut PyObject);
    Ok(())
}

unsafe extern "C" fn super_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        crate::protocol::args::no_keywords("super", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("super()", n, 0, 2)?;
        if n == 0 {
            // The zero-argument form reads the calling frame's first argument and __class__.
            let (tp, obj) = crate::eval_hooks::super_args()?;
            return set_fields(op, tp, obj);
        }
        let first = tuple::get_item(args, 0);
        if !is_type(first) {
            return Err(raise(
                exc::type_error(),
                format!("super() argument 1 must be a type, not {}", typeobject::full_name(type_of(first))),
            ));
        }
        let obj = if n == 2 && !crate::objects::noneobject::is_none(tuple::get_item(args, 1)) { tuple::get_item(args, 1) } else { null_mut() };
        set_fields(op, first as *mut PyTypeObject, obj)
    })
}

/// Binding an unbound super object (`super(C)` stored as a class attribute).
unsafe extern "C" fn super_descr_get(op: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    let s = raw(op);
    if obj.is_null() || crate::objects::noneobject::is_none(obj) || !(*s).obj.is_null() {
        incref(op);
        return op;
    }
    crate::guard::catch_obj(|| {
        let r = Obj::from_owned(typeobject::PyType_GenericAlloc(type_of(op), 0))?;
        set_fields(r.as_ptr(), (*s).type_, obj)?;
        Ok(r)
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PySuper_Type)
}
