//! `enumerate` and `reversed` (CPython's Objects/enumobject.c).
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, method, METHOD_END};
use crate::objects::{dictobject as dict, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::args::{check_positional, no_kwnames, with_tuple_dict, with_vectorcall, Split};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

const REDUCE_DOC: &std::ffi::CStr = c"Return state information for pickling.";

/// CPython's `enumobject`.
#[repr(C)]
pub struct EnumObject {
    pub ob_base: PyObject,
    /// The next index while it fits; PY_SSIZE_T_MAX then, counting on in `en_longindex`.
    pub en_index: Py_ssize_t,
    pub en_sit: *mut PyObject,
    pub en_result: *mut PyObject,
    pub en_longindex: *mut PyObject,
}

static mut ENUM_METHODS: [PyMethodDef; 3] = [
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),method(c"__reduce__", enum_reduce as *const (), METH_NOARGS, REDUCE_DOC), METHOD_END];

#[no_mangle]
pub static mut PyEnum_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"enumerate".as_ptr(),
    tp_basicsize: size_of::<EnumObject>() as _,
    tp_dealloc: Some(enum_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"Return an enumerate object.\n\n  iterable\n    an object supporting iteration\n\nThe enumerate object yields pairs containing a count (from start, which\ndefaults to zero) and a value yielded by the iterable argument.\n\nenumerate is useful for obtaining an indexed list:\n    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...".as_ptr(),
    tp_traverse: Some(enum_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(enum_next),
    tp_methods: (&raw mut ENUM_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(enum_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(enum_vectorcall),
    ..PyTypeObject::EMPTY
};

unsafe fn check_keyword(name: *mut PyObject, want: &str) -> PyResult<()> {
    if str_::check(name) && str_::eq_str(name, want) {
        return Ok(());
    }
    let name = proto::str(name)?;
    Err(raise(exc::type_error(), format!("'{}' is an invalid keyword argument for enumerate()", str_::as_str(name.as_ptr())?)))
}

/// Binds `enumerate(iterable, start=0)` as CPython's enum_vectorcall does, with its messages.
unsafe fn bind_enum(tp: *mut PyTypeObject, a: Split) -> PyResult<Obj> {
    let names = a.names;
    let all: Vec<*mut PyObject> = a.pos.iter().chain(a.values).copied().collect();
    let (nargs, nkw) = (a.pos.len(), names.len());
    match (nargs + nkw, nkw) {
        (2, 1) => {
            check_keyword(names[0], "start")?;
            new_enum(tp, all[0], all[1])
        }
        (2, 2) => {
            if str_::check(names[0]) && str_::eq_str(names[0], "start") {
                check_keyword(names[1], "iterable")?;
                return new_enum(tp, all[1], all[0]);
            }
            check_keyword(names[0], "iterable")?;
            check_keyword(names[1], "start")?;
            new_enum(tp, all[0], all[1])
        }
        (2, _) => new_enum(tp, all[0], all[1]),
        (1, n) => {
            if n == 1 {
                check_keyword(names[0], "iterable")?;
            }
            new_enum(tp, all[0], null_mut())
        }
        _ if nargs == 0 => Err(raise(exc::type_error(), "enumerate() missing required argument 'iterable'")),
        (n, _) => Err(raise(exc::type_error(), format!("enumerate() takes at most 2 arguments ({n} given)"))),
    }
}

/// The `tp_new` path binds as Argument Clinic does (its messages say "(pos 1)").
unsafe extern "C" fn enum_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("enumerate", args, kwds, &["iterable", "start"], 1)?;
        new_enum(tp, a[0].unwrap_or(null_mut()), a[1].unwrap_or(null_mut()))
    })
}

unsafe extern "C" fn enum_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_vectorcall(args, nargsf, kwnames, |a| bind_enum(tp as *mut PyTypeObject, a)))
}

/// `enumerate(iterable, start)`; `start` may be NULL (0).
pub unsafe fn new_enum(tp: *mut PyTypeObject, iterable: *mut PyObject, start: *mut PyObject) -> PyResult<Obj> {
    let op = typeobject::alloc_instance(tp)?;
    let en = op.as_ptr() as *mut EnumObject;
    if !start.is_null() {
        let start = long::copy_exact(crate::protocol::number::index(start)?.as_ptr())?;
        match long::as_i64(start.as_ptr()) {
            Some(i) => (*en).en_index = i as Py_ssize_t,
            None => {
                (*en).en_index = Py_ssize_t::MAX;
                (*en).en_longindex = start.into_ptr();
            }
        }
    }
    (*en).en_sit = crate::protocol::iter::get_iter(iterable)?.into_ptr();
    (*en).en_result = tuple::pack(&[noneobject::none(), noneobject::none()])?.into_ptr();
    Ok(op)
}

unsafe extern "C" fn enum_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let en = op as *mut EnumObject;
    xdecref((*en).en_sit);
    xdecref((*en).en_result);
    xdecref((*en).en_longindex);
    typeobject::free_instance(op);
}

unsafe extern "C" fn enum_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let en = op as *mut EnumObject;
    crate::gc::visit_each(&[(*en).en_sit, (*en).en_result, (*en).en_longindex], visit, arg)
}

unsafe extern "C" fn enum_next(op: *mut PyObject) -> *mut PyObject {
    let en = op as *mut EnumObject;
    let it = (*en).en_sit;
    // NULL is exhaustion or an error, passed on as it is.
    let item = match (*type_of(it)).tp_iternext {
        Some(f) => f(it),
        None => null_mut(),
    };
    if item.is_null() {
        return null_mut();
    }
    let item = Obj::from_owned_nonnull(item);
    crate::guard::catch_obj(|| {
        let index = if (*en).en_index == Py_ssize_t::MAX {
            // Past PY_SSIZE_T_MAX the count goes on as an int.
            if (*en).en_longindex.is_null() {
                (*en).en_longindex = long::from_i64(Py_ssize_t::MAX as i64).into_ptr();
            }
            let cur = Obj::from_borrowed((*en).en_longindex);
            let stepped = crate::protocol::number::binary_op(cur.as_ptr(), long::from_i64(1).as_ptr(), crate::protocol::number::ADD)?;
            xsetref(&raw mut (*en).en_longindex, stepped.into_ptr());
            cur
        } else {
            let i = long::from_i64((*en).en_index as i64);
            (*en).en_index += 1;
            i
        };
        tuple::pack(&[index.as_ptr(), item.as_ptr()])
    })
}

unsafe extern "C" fn enum_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let en = op as *mut EnumObject;
        let index = if (*en).en_longindex.is_null() { long::from_i64((*en).en_index as i64) } else { Obj::from_borrowed((*en).en_longindex) };
        let args = tuple::pack(&[(*en).en_sit, index.as_ptr()])?;
        tuple::pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

// ---- reversed ------------------------------------------------------------------------------

/// CPython's `reversedobject`: the next index, and the sequence (NULL once exhausted).
#[repr(C)]
pub struct ReversedObject {
    pub ob_base: PyObject,
    pub index: Py_ssize_t,
    pub seq: *mut PyObject,
}

static mut REVERSED_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", reversed_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", reversed_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", reversed_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];

#[no_mangle]
pub static mut PyReversed_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"reversed".as_ptr(),
    tp_basicsize: size_of::<ReversedObject>() as _,
    tp_dealloc: Some(reversed_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"Return a reverse iterator over the values of the given sequence.".as_ptr(),
    tp_traverse: Some(reversed_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(reversed_next),
    tp_methods: (&raw mut REVERSED_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(reversed_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(reversed_vectorcall),
    ..PyTypeObject::EMPTY
};

/// PySequence_Check: has `sq_item` and is not a dict.
unsafe fn is_sequence(op: *mut PyObject) -> bool {
    let sq = (*type_of(op)).tp_as_sequence;
    !dict::check(op) && !sq.is_null() && (*sq).sq_item.is_some()
}

fn not_reversible(op: *mut PyObject) -> err::ErrSet {
    // Safety: `op` is a live object passed in by the caller.
    raise(exc::type_error(), format!("'{}' object is not reversible", unsafe { full_name(type_of(op)) }))
}

unsafe fn bind_reversed(tp: *mut PyTypeObject, a: Split) -> PyResult<Obj> {
    if tp == &raw mut PyReversed_Type {
        no_kwnames("reversed", a.names)?;
    }
    check_positional("reversed", a.pos.len(), 1, 1)?;
    new_reversed(tp, a.pos[0])
}

unsafe extern "C" fn reversed_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_tuple_dict(args, kwds, |a| bind_reversed(tp, a)))
}

unsafe extern "C" fn reversed_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_vectorcall(args, nargsf, kwnames, |a| bind_reversed(tp as *mut PyTypeObject, a)))
}

/// `reversed(seq)`: `seq.__reversed__()` when defined, else a reverse walk by index.
pub unsafe fn new_reversed(tp: *mut PyTypeObject, seq: *mut PyObject) -> PyResult<Obj> {
    if let Some(m) = crate::objects::typeslots::lookup_special(seq, "__reversed__")? {
        if noneobject::is_none(m.as_ptr()) {
            return Err(not_reversible(seq));
        }
        return crate::protocol::call::vectorcall(m.as_ptr(), &[], null_mut());
    }
    if !is_sequence(seq) {
        return Err(not_reversible(seq));
    }
    let n = crate::protocol::sequence::size(seq)?;
    let op = typeobject::alloc_instance(tp)?;
    let ro = op.as_ptr() as *mut ReversedObject;
    (*ro).index = n - 1;
    incref(seq);
    (*ro).seq = seq;
    Ok(op)
}

unsafe extern "C" fn reversed_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut ReversedObject)).seq);
    typeobject::free_instance(op);
}

unsafe extern "C" fn reversed_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    crate::gc::visit_each(&[(*(op as *mut ReversedObject)).seq], visit, arg)
}

unsafe extern "C" fn reversed_next(op: *mut PyObject) -> *mut PyObject {
    let ro = op as *mut ReversedObject;
    let seq = (*ro).seq;
    if (*ro).index >= 0 && !seq.is_null() {
        match crate::protocol::sequence::get_item(seq, (*ro).index) {
            Ok(v) => {
                (*ro).index -= 1;
                return v.into_ptr();
            }
            Err(_) => {
                if !err::exception_matches(exc::index_error()) && !err::exception_matches(exc::stop_iteration()) {
                    return null_mut();
                }
                err::clear();
            }
        }
    }
    (*ro).index = -1;
    (*ro).seq = null_mut();
    xdecref(seq);
    null_mut()
}

unsafe extern "C" fn reversed_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ro = op as *mut ReversedObject;
        if (*ro).seq.is_null() {
            return Ok(long::from_i64(0));
        }
        let n = crate::protocol::sequence::size((*ro).seq)?;
        Ok(long::from_i64(if n < (*ro).index + 1 { 0 } else { (*ro).index as i64 + 1 }))
    })
}

unsafe extern "C" fn reversed_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ro = op as *mut ReversedObject;
        let tp = type_of(op) as *mut PyObject;
        if (*ro).seq.is_null() {
            let empty = tuple::new(0)?;
            let args = tuple::pack(&[empty.as_ptr()])?;
            return tuple::pack(&[tp, args.as_ptr()]);
        }
        let args = tuple::pack(&[(*ro).seq])?;
        tuple::pack(&[tp, args.as_ptr(), long::from_i64((*ro).index as i64).as_ptr()])
    })
}

unsafe extern "C" fn reversed_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ro = op as *mut ReversedObject;
        if !long::check(state) {
            return Err(raise(exc::type_error(), "an integer is required"));
        }
        let mut index = long::as_ssize_t(state)?;
        if !(*ro).seq.is_null() {
            let n = crate::protocol::sequence::size((*ro).seq)?;
            index = index.clamp(-1, n - 1);
            (*ro).index = index;
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PyEnum_Type)?;
    typeobject::ready(&raw mut PyReversed_Type)
}
