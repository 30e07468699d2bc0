//! `types.UnionType` (PEP 604), what `int | str` returns: flattened, de-duplicated
//! arguments (`None` stored as `NoneType`), the repr, equality and hash as sets of
//! arguments, and `__args__`/`__parameters__`. `isinstance`/`issubclass` treat a union as
//! the tuple of its arguments (`protocol/abstract_.rs`).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::genericaliasobject as ga;
use crate::objects::{noneobject, setobject, tupleobject as tuple, typeobject, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

#[repr(C)]
pub struct UnionObject {
    pub ob_base: PyObject,
    pub args: *mut PyObject,
    /// Computed on first use (NULL until then).
    pub parameters: *mut PyObject,
}

static mut UNION_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef { name: c"__args__".as_ptr(), type_: T_OBJECT, offset: offset_of!(UnionObject, args) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut UNION_GETSET: [PyGetSetDef; 2] = [typeobject::getset(c"__parameters__", Some(union_parameters), None), typeobject::GETSET_END];

/// `nb_or` of `type`, `types.GenericAlias` and unions: `X | Y`.
pub static mut UNIONABLE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_or: Some(type_or), ..PyNumberMethods::EMPTY };

#[no_mangle]
pub static mut _PyUnion_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"types.UnionType".as_ptr(),
    tp_basicsize: std::mem::size_of::<UnionObject>() as _,
    tp_dealloc: Some(union_dealloc),
    tp_repr: Some(union_repr),
    tp_hash: Some(union_hash),
    tp_getattro: Some(union_getattro),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"Represent a PEP 604 union type\n\nE.g. for int | str".as_ptr(),
    tp_traverse: Some(union_traverse),
    tp_richcompare: Some(union_richcompare),
    tp_as_number: &raw mut UNIONABLE_AS_NUMBER,
    tp_members: (&raw mut UNION_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut UNION_GETSET) as *mut PyGetSetDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

pub fn union_type() -> *mut PyTypeObject {
    &raw mut _PyUnion_Type
}

pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == union_type()
}

/// The arguments tuple of a union (borrowed).
pub unsafe fn args(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut UnionObject)).args
}

unsafe fn is_unionable(op: *mut PyObject) -> bool {
    noneobject::is_none(op) || typeobject::is_type(op) || ga::check(op) || check(op)
}

/// The members `op` contributes: a union's arguments, else itself (None as NoneType).
unsafe fn members(op: *mut PyObject) -> Vec<*mut PyObject> {
    if noneobject::is_none(op) {
        vec![type_of(op) as *mut PyObject]
    } else if check(op) {
        tuple::items(args(op)).to_vec()
    } else {
        vec![op]
    }
}

/// Generic aliases are duplicates when equal; anything else only when identical.
unsafe fn is_same(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if ga::check(a) && ga::check(b) {
        return proto::rich_compare_bool(a, b, Py_EQ);
    }
    Ok(a == b)
}

unsafe extern "C" fn type_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !is_unionable(a) || !is_unionable(b) {
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        }
        let mut items = members(a);
        let first = items.len();
        for m in members(b) {
            let mut dup = false;
            for &x in &items[..first] {
                if is_same(x, m)? {
                    dup = true;
                    break;
                }
            }
            if !dup {
                items.push(m);
            }
        }
        if items.len() == first {
            // Nothing new: `X | X` is X.
            return Ok(Obj::from_borrowed(a));
        }
        make(&items)
    })
}

unsafe fn make(items: &[*mut PyObject]) -> PyResult<Obj> {
    let t = tuple::from_slice(items)?;
    let op = crate::gc::alloc(std::mem::size_of::<UnionObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, union_type());
    let u = op as *mut UnionObject;
    (*u).args = t.into_ptr();
    (*u).parameters = null_mut();
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn union_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let u = op as *mut UnionObject;
    xdecref((*u).args);
    xdecref((*u).parameters);
    crate::gc::free(op);
}

unsafe extern "C" fn union_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let u = op as *mut UnionObject;
    for p in [(*u).args, (*u).parameters] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn union_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut parts = Vec::new();
        for &p in tuple::items(args(op)) {
            parts.push(if p == (&raw mut noneobject::_PyNone_Type) as *mut PyObject { "None".to_string() } else { ga::repr_item(p)? });
        }
        str_::from_str(&parts.join(" | "))
    })
}

unsafe extern "C" fn union_hash(op: *mut PyObject) -> Py_hash_t {
    match setobject::new_frozenset(args(op)) {
        Ok(s) => proto::hash(s.as_ptr()),
        Err(_) => -1,
    }
}

unsafe extern "C" fn union_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !check(b) || (op != Py_EQ && op != Py_NE) {
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        }
        let sa = setobject::new_frozenset(args(a))?;
        let sb = setobject::new_frozenset(args(b))?;
        proto::rich_compare(sa.as_ptr(), sb.as_ptr(), op)
    })
}

/// `__module__` comes from the type (the typing module asks for it); the rest as usual.
unsafe extern "C" fn union_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    if str_::check(name) && str_::as_str(name).is_ok_and(|s| s == "__module__") {
        return crate::guard::catch_obj(|| proto::getattr(type_of(op) as *mut PyObject, name));
    }
    crate::protocol::object::PyObject_GenericGetAttr(op, name)
}

unsafe extern "C" fn union_parameters(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let u = op as *mut UnionObject;
        if (*u).parameters.is_null() {
            (*u).parameters = ga::make_parameters((*u).args)?.into_ptr();
        }
        Ok(Obj::from_borrowed((*u).parameters))
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(union_type())
}
