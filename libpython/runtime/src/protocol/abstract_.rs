//! isinstance() and issubclass(): `__instancecheck__`/`__subclasscheck__`, tuples of classes,
//! and the `__bases__`/`__class__` protocol for objects that are not types (CPython's
//! abstract.c).

use crate::err::{self, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{tupleobject as tuple, typeobject};
use crate::protocol::object as proto;
use std::ptr::null_mut;

/// The `__bases__` of a class-like object, if it has a tuple of them.
unsafe fn abstract_bases(cls: *mut PyObject) -> PyResult<Option<Obj>> {
    let name = crate::objects::unicodeobject::intern("__bases__")?;
    match proto::lookup_attr(cls, name)? {
        Some(b) if tuple::check(b.as_ptr()) => Ok(Some(b)),
        _ => Ok(None),
    }
}

unsafe fn abstract_issubclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    let mut d = Obj::from_borrowed(derived);
    loop {
        if d.as_ptr() == cls {
            return Ok(true);
        }
        let Some(bases) = abstract_bases(d.as_ptr())? else { return Ok(false) };
        let items = tuple::items(bases.as_ptr());
        match items.len() {
            0 => return Ok(false),
            1 => d = Obj::from_borrowed(items[0]),
            _ => {
                for &b in items {
                    if abstract_issubclass(b, cls)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
        }
    }
}

unsafe fn check_class(cls: *mut PyObject, msg: &str) -> PyResult<()> {
    if abstract_bases(cls)?.is_none() {
        return Err(err::raise(exc::type_error(), msg));
    }
    Ok(())
}

pub unsafe fn recursive_isinstance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    if typeobject::is_type(cls) {
        if typeobject::is_subtype(type_of(inst), cls as *mut PyTypeObject) {
            return Ok(true);
        }
        let name = crate::objects::unicodeobject::intern("__class__")?;
        if let Some(c) = proto::lookup_attr(inst, name)? {
            if c.as_ptr() != type_of(inst) as *mut PyObject && typeobject::is_type(c.as_ptr()) {
                return Ok(typeobject::is_subtype(c.as_ptr() as *mut PyTypeObject, cls as *mut PyTypeObject));
            }
        }
        return Ok(false);
    }
    check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union")?;
    let name = crate::objects::unicodeobject::intern("__class__")?;
    match proto::lookup_attr(inst, name)? {
        Some(c) => abstract_issubclass(c.as_ptr(), cls),
        None => Ok(false),
    }
}

pub unsafe fn is_instance(inst: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    if type_of(inst) as *mut PyObject == cls {
        return Ok(true);
    }
    if typeobject::is_type(cls) && type_of(cls) == typeobject::type_type() {
        return recursive_isinstance(inst, cls);
    }
    let cls = if crate::objects::unionobject::check(cls) { crate::objects::unionobject::args(cls) } else { cls };
    if tuple::check(cls) {
        crate::ceval_guard::enter_recursive_call(" in __instancecheck__")?;
        let mut r = Ok(false);
        for &c in tuple::items(cls) {
            match is_instance(inst, c) {
                Ok(true) => {
                    r = Ok(true);
                    break;
                }
                Ok(false) => {}
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        crate::ceval_guard::leave_recursive_call();
        return r;
    }
    if let Some(checker) = crate::objects::typeslots::lookup_special(cls, "__instancecheck__")? {
        crate::ceval_guard::enter_recursive_call(" in __instancecheck__")?;
        let r = crate::protocol::call::vectorcall(checker.as_ptr(), &[inst], null_mut());
        crate::ceval_guard::leave_recursive_call();
        return proto::is_true(r?.as_ptr());
    }
    recursive_isinstance(inst, cls)
}

pub unsafe fn is_subclass(derived: *mut PyObject, cls: *mut PyObject) -> PyResult<bool> {
    if typeobject::is_type(cls) && type_of(cls) == typeobject::type_type() && typeobject::is_type(derived) {
        return Ok(typeobject::is_subtype(derived as *mut PyTypeObject, cls as *mut PyTypeObject));
    }
    let cls = if crate::objects::unionobject::check(cls) { crate::objects::unionobject::args(cls) } else { cls };
    if tuple::check(cls) {
        for &c in tuple::items(cls) {
            if is_subclass(derived, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(checker) = crate::objects::typeslots::lookup_special(cls, "__subclasscheck__")? {
        let r = crate::protocol::call::vectorcall(checker.as_ptr(), &[derived], null_mut())?;
        return proto::is_true(r.as_ptr());
    }
    check_class(derived, "issubclass() arg 1 must be a class")?;
    check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union")?;
    abstract_issubclass(derived, cls)
}
