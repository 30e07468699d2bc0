//! `types.GenericAlias` (PEP 585), what `list[int]` returns: the part of CPython's
//! `Objects/genericaliasobject.c` that builtin `__class_getitem__` methods need: origin,
//! args, parameters, repr, equality, hashing, calling the origin, attribute forwarding.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{self, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::typeobject::{self, full_name};
use crate::objects::{boolobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

#[repr(C)]
pub struct GenericAliasObject {
    pub ob_base: PyObject,
    pub origin: *mut PyObject,
    pub args: *mut PyObject,
    /// Computed on first use (NULL until then).
    pub parameters: *mut PyObject,
    pub weakreflist: *mut PyObject,
    pub starred: c_int,
    pub vectorcall: vectorcallfunc,
}

static mut GA_MEMBERS: [PyMemberDef; 3] = [
    PyMemberDef { name: c"__origin__".as_ptr(), type_: T_OBJECT, offset: offset_of!(GenericAliasObject, origin) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: c"__args__".as_ptr(), type_: T_OBJECT, offset: offset_of!(GenericAliasObject, args) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut GA_GETSET: [PyGetSetDef; 3] = [
    typeobject::getset(c"__parameters__", Some(ga_parameters), None),
    typeobject::getset(c"__unpacked__", Some(ga_unpacked), None),
    typeobject::GETSET_END,
];

static mut GA_METHODS: [PyMethodDef; 2] = [
    typeobject::method(c"__mro_entries__", ga_mro_entries as *const (), METH_O, c""),
    typeobject::METHOD_END,
];

#[no_mangle]
pub static mut Py_GenericAliasType: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"types.GenericAlias".as_ptr(),
    tp_basicsize: std::mem::size_of::<GenericAliasObject>() as _,
    tp_dealloc: Some(ga_dealloc),
    tp_repr: Some(ga_repr),
    tp_hash: Some(ga_hash),
    tp_call: Some(ga_call),
    tp_getattro: Some(ga_getattro),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).".as_ptr(),
    tp_traverse: Some(ga_traverse),
    tp_richcompare: Some(ga_richcompare),
    tp_as_number: &raw mut crate::objects::unionobject::UNIONABLE_AS_NUMBER,
    tp_weaklistoffset: offset_of!(GenericAliasObject, weakreflist) as _,
    tp_methods: (&raw mut GA_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut GA_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut GA_GETSET) as *mut PyGetSetDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

pub fn generic_alias_type() -> *mut PyTypeObject {
    &raw mut Py_GenericAliasType
}

pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == generic_alias_type()
}

/// `Py_GenericAlias(origin, args)`: `args` a tuple or a single argument.
pub unsafe fn new(origin: *mut PyObject, args: *mut PyObject) -> PyResult<Obj> {
    let args = if tuple::check(args) { Obj::from_borrowed(args) } else { tuple::pack(&[args])? };
    let op = crate::gc::alloc(std::mem::size_of::<GenericAliasObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, generic_alias_type());
    let ga = op as *mut GenericAliasObject;
    incref(origin);
    (*ga).origin = origin;
    (*ga).args = args.into_ptr();
    (*ga).parameters = null_mut();
    (*ga).weakreflist = null_mut();
    (*ga).starred = 0;
    (*ga).vectorcall = None;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// `__class_getitem__` of the builtin generic types (a `METH_O | METH_CLASS` method).
pub unsafe extern "C" fn class_getitem(cls: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new(cls, args))
}

unsafe extern "C" fn ga_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let ga = op as *mut GenericAliasObject;
    if !(*ga).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    xdecref((*ga).origin);
    xdecref((*ga).args);
    xdecref((*ga).parameters);
    crate::gc::free(op);
}

unsafe extern "C" fn ga_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let ga = op as *mut GenericAliasObject;
    for p in [(*ga).origin, (*ga).args, (*ga).parameters] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

/// CPython's `ga_repr_item`: `...`, a generic alias's repr, `module.qualname` of a class
/// (just `qualname` for builtins), else `repr()`.
pub unsafe fn repr_item(p: *mut PyObject) -> PyResult<String> {
    if p == crate::objects::sliceobject::ellipsis() {
        return Ok("...".to_string());
    }
    if check(p) {
        return proto::repr_string(p);
    }
    let has = |name: &str| -> PyResult<Option<Obj>> {
        let n = str_::from_str(name)?;
        proto::lookup_attr(p, n.as_ptr())
    };
    if has("__origin__")?.is_some() && has("__args__")?.is_some() {
        return proto::repr_string(p);
    }
    let Some(qualname) = has("__qualname__")? else { return proto::repr_string(p) };
    let Some(module) = has("__module__")? else { return proto::repr_string(p) };
    if noneobject::is_none(module.as_ptr()) {
        return proto::repr_string(p);
    }
    let q = proto::str(qualname.as_ptr())?;
    let m = proto::str(module.as_ptr())?;
    let (q, m) = (str_::as_str(q.as_ptr())?.to_string(), str_::as_str(m.as_ptr())?);
    if m == "builtins" {
        Ok(q)
    } else {
        Ok(format!("{m}.{q}"))
    }
}

unsafe extern "C" fn ga_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ga = op as *mut GenericAliasObject;
        let mut s = String::new();
        if (*ga).starred != 0 {
            s.push('*');
        }
        s.push_str(&repr_item((*ga).origin)?);
        s.push('[');
        let args = tuple::items((*ga).args);
        if args.is_empty() {
            s.push_str("()");
        }
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if crate::objects::listobject::check(a) {
                s.push('[');
                for (j, &x) in crate::objects::listobject::items(a).to_vec().iter().enumerate() {
                    if j > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&repr_item(x)?);
                }
                s.push(']');
            } else {
                s.push_str(&repr_item(a)?);
            }
        }
        s.push(']');
        str_::from_str(&s)
    })
}

unsafe extern "C" fn ga_hash(op: *mut PyObject) -> Py_hash_t {
    let ga = op as *mut GenericAliasObject;
    let h0 = proto::hash((*ga).origin);
    if h0 == -1 {
        return -1;
    }
    let h1 = proto::hash((*ga).args);
    if h1 == -1 {
        return -1;
    }
    let h = h0 ^ h1;
    if h == -1 { -2 } else { h }
}

unsafe extern "C" fn ga_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) || (op != Py_EQ && op != Py_NE) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let (x, y) = (a as *mut GenericAliasObject, b as *mut GenericAliasObject);
        let mut eq = (*x).starred == (*y).starred;
        if eq {
            eq = proto::rich_compare_bool((*x).origin, (*y).origin, Py_EQ)?;
        }
        if eq {
            eq = proto::rich_compare_bool((*x).args, (*y).args, Py_EQ)?;
        }
        Ok(Obj::from_borrowed(boolobject::new_bool(eq == (op == Py_EQ))))
    })
}

unsafe extern "C" fn ga_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ga = op as *mut GenericAliasObject;
        let r = crate::protocol::call::call((*ga).origin, args, kwds)?;
        let name = str_::from_str("__orig_class__")?;
        if proto::setattr(r.as_ptr(), name.as_ptr(), op).is_err() {
            if err::exception_matches(exc::attribute_error()) || err::exception_matches(exc::type_error()) {
                err::clear();
            } else {
                return Err(err::ErrSet::assume_set());
            }
        }
        Ok(r)
    })
}

/// Attributes the alias answers itself; every other one comes from the origin.
const OWN_ATTRS: [&str; 11] = [
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

unsafe extern "C" fn ga_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    if str_::check(name) {
        if let Ok(n) = str_::as_str(name) {
            if !OWN_ATTRS.contains(&n) {
                let ga = op as *mut GenericAliasObject;
                return crate::guard::catch_obj(|| proto::getattr((*ga).origin, name));
            }
        }
    }
    proto::PyObject_GenericGetAttr(op, name)
}

/// `__parameters__` of an alias or union: the arguments with `__typing_subst__` (type
/// variables), each once.
pub unsafe fn make_parameters(args: *mut PyObject) -> PyResult<Obj> {
    let mut params: Vec<*mut PyObject> = Vec::new();
    let subst = str_::from_str("__typing_subst__")?;
    for &a in tuple::items(args) {
        if typeobject::is_type(a) {
            continue;
        }
        if proto::lookup_attr(type_of(a) as *mut PyObject, subst.as_ptr())?.is_some() && !params.contains(&a) {
            params.push(a);
        }
    }
    tuple::from_slice(&params)
}

unsafe extern "C" fn ga_parameters(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ga = op as *mut GenericAliasObject;
        if (*ga).parameters.is_null() {
            (*ga).parameters = make_parameters((*ga).args)?.into_ptr();
        }
        Ok(Obj::from_borrowed((*ga).parameters))
    })
}

unsafe extern "C" fn ga_unpacked(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let ga = op as *mut GenericAliasObject;
    Obj::from_borrowed(boolobject::new_bool((*ga).starred != 0)).into_ptr()
}

unsafe extern "C" fn ga_mro_entries(op: *mut PyObject, _bases: *mut PyObject) -> *mut PyObject {
    let ga = op as *mut GenericAliasObject;
    crate::guard::catch_obj(|| tuple::pack(&[(*ga).origin]))
}

pub unsafe fn ready_type() -> PyResult<()> {
    let _ = full_name;
    typeobject::ready(generic_alias_type())
}
