//! The sequence and mapping protocols: `len()`, `o[k]`, `o[k] = v`, `del o[k]`, `in`.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::longobject as long;
use crate::objects::typeobject::full_name;
use std::ffi::c_int;

/// len(o).
pub unsafe fn size(op: *mut PyObject) -> PyResult<Py_ssize_t> {
    let tp = type_of(op);
    let sq = (*tp).tp_as_sequence;
    if !sq.is_null() {
        if let Some(f) = (*sq).sq_length {
            let n = f(op);
            return if n < 0 { Err(err::ErrSet::assume_set()) } else { Ok(n) };
        }
    }
    let mp = (*tp).tp_as_mapping;
    if !mp.is_null() {
        if let Some(f) = (*mp).mp_length {
            let n = f(op);
            return if n < 0 { Err(err::ErrSet::assume_set()) } else { Ok(n) };
        }
    }
    Err(raise(exc::type_error(), format!("object of type '{}' has no len()", full_name(tp))))
}

/// `o[i]` for an integer index, negative indices counted from the end (PySequence_GetItem).
pub unsafe fn get_item(op: *mut PyObject, mut i: Py_ssize_t) -> PyResult<Obj> {
    let tp = type_of(op);
    let sq = (*tp).tp_as_sequence;
    if !sq.is_null() {
        if let Some(f) = (*sq).sq_item {
            if i < 0 {
                if let Some(lf) = (*sq).sq_length {
                    let n = lf(op);
                    if n < 0 {
                        return Err(err::ErrSet::assume_set());
                    }
                    i += n;
                }
            }
            return Obj::from_owned(f(op, i));
        }
    }
    let mp = (*tp).tp_as_mapping;
    if !mp.is_null() && (*mp).mp_subscript.is_some() {
        return Err(raise(exc::type_error(), format!("{} is not a sequence", full_name(tp))));
    }
    Err(raise(exc::type_error(), format!("'{}' object does not support indexing", full_name(tp))))
}

/// `o[key]` (PyObject_GetItem): the mapping slot, else the sequence slot with an index.
pub unsafe fn getitem(op: *mut PyObject, key: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(op);
    let mp = (*tp).tp_as_mapping;
    if !mp.is_null() {
        if let Some(f) = (*mp).mp_subscript {
            return Obj::from_owned(f(op, key));
        }
    }
    let sq = (*tp).tp_as_sequence;
    if !sq.is_null() && (*sq).sq_item.is_some() {
        if crate::protocol::number::has_index(key) || long::check(key) {
            let i = crate::protocol::number::as_ssize_t_exc(key, exc::index_error())?;
            return get_item(op, i);
        }
        return Err(raise(
            exc::type_error(),
            format!("sequence index must be integer, not '{}'", full_name(type_of(key))),
        ));
    }
    if crate::objects::typeobject::is_type(op) {
        // type[...]: __class_getitem__
        let name = crate::objects::unicodeobject::intern("__class_getitem__")?;
        if let Some(m) = crate::protocol::object::lookup_attr(op, name)? {
            return crate::protocol::call::vectorcall(m.as_ptr(), &[key], std::ptr::null_mut());
        }
        return Err(raise(
            exc::type_error(),
            format!("type '{}' is not subscriptable", full_name(op as *mut PyTypeObject)),
        ));
    }
    Err(raise(exc::type_error(), format!("'{}' object is not subscriptable", full_name(tp))))
}

/// `o[key] = v`, or `del o[key]` when `v` is NULL.
pub unsafe fn setitem(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    let tp = type_of(op);
    let mp = (*tp).tp_as_mapping;
    if !mp.is_null() {
        if let Some(f) = (*mp).mp_ass_subscript {
            return if f(op, key, v) < 0 { Err(err::ErrSet::assume_set()) } else { Ok(()) };
        }
    }
    let sq = (*tp).tp_as_sequence;
    let ass_item = if sq.is_null() { None } else { (*sq).sq_ass_item };
    if let Some(f) = ass_item {
        if crate::protocol::number::has_index(key) {
            let mut i = crate::protocol::number::as_ssize_t_exc(key, exc::index_error())?;
            if i < 0 {
                if let Some(lf) = (*sq).sq_length {
                    let n = lf(op);
                    if n < 0 {
                        return Err(err::ErrSet::assume_set());
                    }
                    i += n;
                }
            }
            return if f(op, i, v) < 0 { Err(err::ErrSet::assume_set()) } else { Ok(()) };
        }
        return Err(raise(
            exc::type_error(),
            format!("sequence index must be integer, not '{}'", full_name(type_of(key))),
        ));
    }
    let what = if v.is_null() { "doesn't support item deletion" } else { "does not support item assignment" };
    Err(raise(exc::type_error(), format!("'{}' object {what}", full_name(tp))))
}

/// `v in o`: sq_contains, else iteration with ==.
pub unsafe fn contains(op: *mut PyObject, v: *mut PyObject) -> PyResult<bool> {
    let sq = (*type_of(op)).tp_as_sequence;
    if !sq.is_null() {
        if let Some(f) = (*sq).sq_contains {
            let r: c_int = f(op, v);
            return if r < 0 { Err(err::ErrSet::assume_set()) } else { Ok(r > 0) };
        }
    }
    let it = match crate::protocol::iter::get_iter(op) {
        Ok(it) => it,
        Err(e) => {
            if err::exception_matches(exc::type_error()) {
                err::clear();
                return Err(raise(
                    exc::type_error(),
                    format!("argument of type '{}' is not iterable", full_name(type_of(op))),
                ));
            }
            return Err(e);
        }
    };
    while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
        if crate::protocol::object::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// PyMapping_Check: does the type have `__getitem__` as a mapping?
pub unsafe fn is_mapping(op: *mut PyObject) -> bool {
    let mp = (*type_of(op)).tp_as_mapping;
    !mp.is_null() && (*mp).mp_subscript.is_some()
}
