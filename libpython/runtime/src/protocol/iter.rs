//! The iterator protocol: iter(), next(), and collecting an iterable.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::full_name;

pub unsafe fn get_iter(op: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(op);
    if let Some(f) = (*tp).tp_iter {
        let it = Obj::from_owned(f(op))?;
        if (*it.type_ptr()).tp_iternext.is_none() {
            return Err(raise(
                exc::type_error(),
                format!("iter() returned non-iterator of type '{}'", full_name(it.type_ptr())),
            ));
        }
        return Ok(it);
    }
    if !(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_item.is_some() {
        return crate::objects::iterobject::new_seq_iter(op);
    }
    Err(raise(exc::type_error(), format!("'{}' object is not iterable", full_name(tp))))
}

/// next(it): Ok(None) at the end (StopIteration cleared), Err on other errors.
pub unsafe fn next(it: *mut PyObject) -> PyResult<Option<Obj>> {
    let tp = type_of(it);
    let Some(f) = (*tp).tp_iternext else {
        return Err(raise(exc::type_error(), format!("'{}' object is not an iterator", full_name(tp))));
    };
    let r = f(it);
    if !r.is_null() {
        return Ok(Some(Obj::from_owned_nonnull(r)));
    }
    if err::occurred().is_null() {
        return Ok(None);
    }
    if err::exception_matches(exc::stop_iteration()) {
        err::clear();
        return Ok(None);
    }
    Err(err::ErrSet::assume_set())
}

/// All items of an iterable.
pub unsafe fn collect(op: *mut PyObject) -> PyResult<Vec<Obj>> {
    if crate::objects::tupleobject::check_exact(op) {
        return Ok(crate::objects::tupleobject::items(op).iter().map(|&p| Obj::from_borrowed(p)).collect());
    }
    if crate::objects::listobject::check_exact(op) {
        return Ok(crate::objects::listobject::items(op).iter().map(|&p| Obj::from_borrowed(p)).collect());
    }
    let it = get_iter(op)?;
    let mut out = Vec::new();
    while let Some(v) = next(it.as_ptr())? {
        out.push(v);
    }
    Ok(out)
}
