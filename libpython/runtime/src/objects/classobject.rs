//! `method`: a callable bound to an instance (`im_self`), prepending it to the arguments.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, GETSET_END};
use crate::objects::unicodeobject as str_;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct PyMethodObject {
    pub ob_base: PyObject,
    pub im_func: *mut PyObject,
    pub im_self: *mut PyObject,
    pub im_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

#[no_mangle]
pub static mut PyMethod_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"method".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyMethodObject>() as _,
    tp_dealloc: Some(method_dealloc),
    tp_vectorcall_offset: std::mem::offset_of!(PyMethodObject, vectorcall) as _,
    tp_repr: Some(method_repr),
    tp_hash: Some(method_hash),
    tp_call: Some(crate::protocol::call::tp_call_via_vectorcall),
    tp_getattro: Some(method_getattro),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_traverse: Some(method_traverse),
    tp_richcompare: Some(method_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(PyMethodObject, im_weakreflist) as _,
    tp_members: (&raw mut METHOD_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut METHOD_GETSET) as *mut PyGetSetDef,
    tp_descr_get: None,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut METHOD_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef {
        name: c"__func__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyMethodObject, im_func) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: c"the function (or other callable) implementing a method".as_ptr(),
    },
    PyMemberDef {
        name: c"__self__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyMethodObject, im_self) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: c"the instance to which a method is bound".as_ptr(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut METHOD_GETSET: [PyGetSetDef; 1] = [GETSET_END];

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyMethod_Type
}

pub unsafe fn new_method(func: *mut PyObject, self_: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PyMethodObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyMethod_Type);
    let m = op as *mut PyMethodObject;
    incref(func);
    (*m).im_func = func;
    incref(self_);
    (*m).im_self = self_;
    (*m).im_weakreflist = null_mut();
    (*m).vectorcall = Some(method_vectorcall);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn method_vectorcall(
    op: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    let m = op as *mut PyMethodObject;
    let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let mut v: Vec<*mut PyObject> = Vec::with_capacity(nargs + nkw + 1);
    v.push((*m).im_self);
    if !args.is_null() {
        v.extend_from_slice(std::slice::from_raw_parts(args, nargs + nkw));
    }
    crate::guard::ret_obj(crate::protocol::call::vectorcall((*m).im_func, &v, kwnames))
}

unsafe extern "C" fn method_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    crate::objects::weakrefobject::clear_weakrefs(op);
    let m = op as *mut PyMethodObject;
    xdecref((*m).im_func);
    xdecref((*m).im_self);
    crate::gc::free(op);
}

unsafe extern "C" fn method_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let m = op as *mut PyMethodObject;
    let Some(visit) = visit else { return 0 };
    for p in [(*m).im_func, (*m).im_self] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn method_repr(op: *mut PyObject) -> *mut PyObject {
    let m = op as *mut PyMethodObject;
    crate::guard::catch_obj(|| {
        let func = (*m).im_func;
        let name = match crate::protocol::object::lookup_attr(func, str_::intern("__qualname__")?)? {
            Some(n) if str_::check(n.as_ptr()) => str_::as_str(n.as_ptr())?.to_owned(),
            _ => "?".to_owned(),
        };
        let self_repr = crate::protocol::object::repr_string((*m).im_self)?;
        str_::from_str(&format!("<bound method {name} of {self_repr}>"))
    })
}

unsafe extern "C" fn method_hash(op: *mut PyObject) -> Py_hash_t {
    let m = op as *mut PyMethodObject;
    let x = crate::protocol::object::hash_pointer((*m).im_self as *const c_void);
    let y = crate::protocol::object::hash((*m).im_func);
    if y == -1 {
        return -1;
    }
    let h = x ^ y;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn method_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
        return crate::objects::noneobject::not_implemented();
    }
    let (ma, mb) = (a as *mut PyMethodObject, b as *mut PyMethodObject);
    let eq = match crate::protocol::object::rich_compare_bool((*ma).im_func, (*mb).im_func, Py_EQ) {
        Ok(e) => e && (*ma).im_self == (*mb).im_self,
        Err(_) => return null_mut(),
    };
    crate::objects::boolobject::new_bool(eq == (op == Py_EQ))
}

/// Attributes not found on the method come from the function (`m.__name__`, `m.__doc__`).
unsafe extern "C" fn method_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if let Some(v) = crate::protocol::object::generic_getattr(op, name, false)? {
            return Ok(v);
        }
        crate::protocol::object::getattr((*(op as *mut PyMethodObject)).im_func, name)
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyMethod_Type)
}
