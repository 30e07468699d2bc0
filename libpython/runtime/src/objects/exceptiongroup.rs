//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654; CPython's Objects/exceptions.c, the
//! exception-group part): construction with its checks, `str`, `derive`, `split`,
//! `subgroup`, and what `except*` needs to re-raise (`prep_reraise_star`). The types
//! themselves are declared with the other exceptions in `exceptions.rs`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::exceptions::{self, PyBaseExceptionGroupObject};
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{dictobject as dict, functionobject, listobject as list, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::collections::HashSet;
use std::ffi::{c_int, CStr};
use std::ptr::null_mut;

type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn method(name: &'static CStr, f: Unary, flags: c_int, doc: &'static CStr) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: doc.as_ptr() }
}

pub static mut GROUP_METHODS: [PyMethodDef; 5] = [
    method(c"__class_getitem__", group_class_getitem, METH_O | METH_CLASS, c"See PEP 585"),
    method(c"derive", group_derive, METH_O, c""),
    method(c"split", group_split, METH_O, c""),
    method(c"subgroup", group_subgroup, METH_O, c""),
    METHOD_END,
];

unsafe fn is_group(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), exc::base_exception_group() as *mut PyTypeObject)
}

unsafe fn fields(op: *mut PyObject) -> *mut PyBaseExceptionGroupObject {
    op as *mut PyBaseExceptionGroupObject
}

/// PySequence_Check: indexable, and not a dict.
unsafe fn is_sequence(op: *mut PyObject) -> bool {
    let sq = (*type_of(op)).tp_as_sequence;
    !dict::check(op) && !sq.is_null() && (*sq).sq_item.is_some()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`: the checks, and the class that
/// results (BaseExceptionGroup of only Exceptions becomes an ExceptionGroup).
pub unsafe extern "C" fn group_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = tuple::items(args);
        if a.len() != 2 {
            return Err(raise(exc::type_error(), format!("BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)", a.len())));
        }
        let (message, excs) = (a[0], a[1]);
        if !str_::check(message) {
            return Err(raise(exc::type_error(), format!("BaseExceptionGroup.__new__() argument 1 must be str, not {}", full_name(type_of(message)))));
        }
        if !is_sequence(excs) {
            return Err(raise(exc::type_error(), "second argument (exceptions) must be a sequence"));
        }
        let excs = tuple::from_iterable(excs)?;
        let items = tuple::items(excs.as_ptr());
        if items.is_empty() {
            return Err(raise(exc::value_error(), "second argument (exceptions) must be a non-empty sequence"));
        }
        let mut nested_base = false;
        for (i, &e) in items.iter().enumerate() {
            if !exceptions::check(e) {
                return Err(raise(exc::value_error(), format!("Item {i} of second argument (exceptions) is not an exception")));
            }
            if !typeobject::is_subtype(type_of(e), exc::exception() as *mut PyTypeObject) {
                nested_base = true;
            }
        }
        let eg_type = exc::exception_group() as *mut PyTypeObject;
        let beg_type = exc::base_exception_group() as *mut PyTypeObject;
        let mut cls = tp;
        if cls == eg_type {
            if nested_base {
                return Err(raise(exc::type_error(), "Cannot nest BaseExceptions in an ExceptionGroup"));
            }
        } else if cls == beg_type {
            if !nested_base {
                cls = eg_type;
            }
        } else if nested_base && typeobject::is_subtype(cls, exc::exception() as *mut PyTypeObject) {
            return Err(raise(exc::type_error(), format!("Cannot nest BaseExceptions in '{}'", full_name(cls))));
        }
        let op = Obj::from_owned(exceptions::BaseException_new(cls, args, kwds))?;
        let g = fields(op.as_ptr());
        incref(message);
        xsetref(&raw mut (*g).msg, message);
        xsetref(&raw mut (*g).excs, excs.into_ptr());
        Ok(op)
    })
}

pub unsafe extern "C" fn group_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    if crate::guard::catch_int(|| crate::protocol::args::no_keywords(full_name(type_of(op)), kwds)) < 0 {
        return -1;
    }
    exceptions::BaseException_init(op, args, kwds)
}

pub unsafe extern "C" fn group_str(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let g = fields(op);
        let n = if (*g).excs.is_null() { 0 } else { size_of_var((*g).excs) };
        let msg = if (*g).msg.is_null() { String::new() } else { str_::as_str(proto::str((*g).msg)?.as_ptr())?.to_owned() };
        str_::from_str(&format!("{msg} ({n} sub-exception{})", if n > 1 { "s" } else { "" }))
    })
}

unsafe extern "C" fn group_class_getitem(cls: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::genericaliasobject::new(cls, arg))
}

/// `derive(excs)`: a BaseExceptionGroup with this group's message around `excs`.
unsafe fn derive(op: *mut PyObject, excs: *mut PyObject) -> PyResult<Obj> {
    let msg = (*fields(op)).msg;
    let msg = if msg.is_null() { noneobject::none() } else { msg };
    call::vectorcall(exc::base_exception_group(), &[msg, excs], null_mut())
}

unsafe extern "C" fn group_derive(op: *mut PyObject, excs: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| derive(op, excs))
}

enum Matcher<'a> {
    /// An exception type or a tuple of them.
    Type(*mut PyObject),
    /// A Python function returning true for matching exceptions.
    Predicate(*mut PyObject),
    /// Leaf exceptions by identity (the interpreter's use, for `except*` re-raises).
    Ids(&'a HashSet<usize>),
}

unsafe fn matcher(value: *mut PyObject) -> PyResult<Matcher<'static>> {
    if functionobject::check(value) {
        return Ok(Matcher::Predicate(value));
    }
    if exceptions::class_check(value) || (tuple::check_exact(value) && tuple::items(value).iter().all(|&t| exceptions::class_check(t))) {
        return Ok(Matcher::Type(value));
    }
    Err(raise(exc::type_error(), "expected a function, exception type or tuple of exception types"))
}

unsafe fn matches(e: *mut PyObject, m: &Matcher) -> PyResult<bool> {
    match *m {
        Matcher::Type(t) => Ok(exceptions::given_exception_matches(e, t)),
        Matcher::Predicate(f) => proto::is_true(call::vectorcall(f, &[e], null_mut())?.as_ptr()),
        Matcher::Ids(ids) => Ok(!is_group(e) && ids.contains(&(e as usize))),
    }
}

/// A group like `orig` (through `derive`, with its traceback, cause, context and a copy of
/// its notes) around `excs`; None for no exceptions.
unsafe fn subset(orig: *mut PyObject, excs: &[Obj]) -> PyResult<Option<Obj>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let ptrs: Vec<*mut PyObject> = excs.iter().map(|o| o.as_ptr()).collect();
    let l = list::from_slice(&ptrs)?;
    let eg = call::call_method_obj(orig, "derive", &[l.as_ptr()])?;
    if !is_group(eg.as_ptr()) {
        return Err(raise(exc::type_error(), "derive must return an instance of BaseExceptionGroup"));
    }
    let (src, dst) = (orig as *mut PyBaseExceptionObject, eg.as_ptr() as *mut PyBaseExceptionObject);
    for (from, to) in [(&raw mut (*src).traceback, &raw mut (*dst).traceback), (&raw mut (*src).context, &raw mut (*dst).context), (&raw mut (*src).cause, &raw mut (*dst).cause)] {
        xincref(*from);
        xsetref(to, *from);
    }
    let notes_name = str_::intern("__notes__")?;
    if let Some(notes) = proto::lookup_attr(orig, notes_name)? {
        if is_sequence(notes.as_ptr()) {
            let copy = list::from_slice(&crate::protocol::iter::collect(notes.as_ptr())?.iter().map(|o| o.as_ptr()).collect::<Vec<_>>())?;
            proto::setattr(eg.as_ptr(), notes_name, copy.as_ptr())?;
        }
    }
    Ok(Some(eg))
}

/// The (match, rest) parts of `e` (rest only when `with_rest`).
unsafe fn split_recursive(e: *mut PyObject, m: &Matcher, with_rest: bool) -> PyResult<(Option<Obj>, Option<Obj>)> {
    if matches(e, m)? {
        return Ok((Some(Obj::from_borrowed(e)), None));
    }
    if !is_group(e) {
        return Ok((None, if with_rest { Some(Obj::from_borrowed(e)) } else { None }));
    }
    let excs = (*fields(e)).excs;
    let children: Vec<*mut PyObject> = if excs.is_null() { Vec::new() } else { tuple::items(excs).to_vec() };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for child in children {
        crate::ceval_guard::enter_recursive_call(" in exceptiongroup_split_recursive")?;
        let r = split_recursive(child, m, with_rest);
        crate::ceval_guard::leave_recursive_call();
        let (cm, cr) = r?;
        matched.extend(cm);
        rest.extend(cr);
    }
    let match_part = subset(e, &matched)?;
    let rest_part = if with_rest { subset(e, &rest)? } else { None };
    Ok((match_part, rest_part))
}

fn or_none(o: Option<Obj>) -> Obj {
    // Safety: None is immortal.
    o.unwrap_or_else(|| unsafe { Obj::from_borrowed(noneobject::none()) })
}

unsafe extern "C" fn group_split(op: *mut PyObject, value: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let m = matcher(value)?;
        let (a, b) = split_recursive(op, &m, true)?;
        tuple::from_vec(vec![or_none(a), or_none(b)])
    })
}

unsafe extern "C" fn group_subgroup(op: *mut PyObject, value: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let m = matcher(value)?;
        Ok(or_none(split_recursive(op, &m, false)?.0))
    })
}

unsafe fn collect_leaf_ids(e: *mut PyObject, ids: &mut HashSet<usize>) {
    if noneobject::is_none(e) {
        return;
    }
    if !is_group(e) {
        ids.insert(e as usize);
        return;
    }
    let excs = (*fields(e)).excs;
    if !excs.is_null() {
        for &c in tuple::items(excs) {
            collect_leaf_ids(c, ids);
        }
    }
}

/// Same traceback, cause, context and notes: the exception an `except*` clause re-raised
/// (rather than a new one it raised).
unsafe fn same_metadata(a: *mut PyObject, b: *mut PyObject) -> bool {
    let (a, b) = (a as *mut PyBaseExceptionObject, b as *mut PyBaseExceptionObject);
    (*a).notes == (*b).notes && (*a).traceback == (*b).traceback && (*a).cause == (*b).cause && (*a).context == (*b).context
}

/// PREP_RERAISE_STAR: what leaves a `try`/`except*` statement, from the original exception
/// and the list of what each clause raised (None for nothing): re-raised leaves keep the
/// original group's shape; new exceptions join them in a new ExceptionGroup.
pub unsafe fn prep_reraise_star(orig: *mut PyObject, excs: *mut PyObject) -> PyResult<Obj> {
    let items = list::items(excs).to_vec();
    if items.is_empty() {
        return Ok(Obj::from_borrowed(noneobject::none()));
    }
    if !is_group(orig) {
        // A naked exception was caught and wrapped: only one clause can have run.
        return Ok(Obj::from_borrowed(items[0]));
    }
    let mut raised: Vec<Obj> = Vec::new();
    let mut reraised_ids = HashSet::new();
    for e in items.into_iter().filter(|&e| !noneobject::is_none(e)) {
        if same_metadata(e, orig) {
            collect_leaf_ids(e, &mut reraised_ids);
        } else {
            raised.push(Obj::from_borrowed(e));
        }
    }
    if !reraised_ids.is_empty() {
        if let (Some(eg), _) = split_recursive(orig, &Matcher::Ids(&reraised_ids), false)? {
            raised.push(eg);
        }
    }
    match raised.len() {
        0 => Ok(Obj::from_borrowed(noneobject::none())),
        1 => Ok(raised.pop().unwrap_or_else(|| or_none(None))),
        _ => {
            let ptrs: Vec<*mut PyObject> = raised.iter().map(|o| o.as_ptr()).collect();
            let l = list::from_slice(&ptrs)?;
            let msg = str_::from_str("")?;
            call::vectorcall(exc::base_exception_group(), &[msg.as_ptr(), l.as_ptr()], null_mut())
        }
    }
}
