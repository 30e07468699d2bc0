//! `zip` (CPython's bltinmodule.c), with `strict=True` and its length-mismatch messages.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{boolobject, dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

/// CPython's `zipobject`.
#[repr(C)]
pub struct ZipObject {
    pub ob_base: PyObject,
    pub tuplesize: Py_ssize_t,
    pub ittuple: *mut PyObject,
    pub result: *mut PyObject,
    pub strict: c_int,
}

static mut ZIP_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", zip_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__setstate__", zip_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];

#[no_mangle]
pub static mut PyZip_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"zip".as_ptr(),
    tp_basicsize: size_of::<ZipObject>() as _,
    tp_dealloc: Some(zip_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc: c"zip(*iterables, strict=False) --> Yield tuples until an input is exhausted.\n\n   >>> list(zip('abcdefg', range(3), range(4)))\n   [('a', 0, 0), ('b', 1, 1), ('c', 2, 2)]\n\nThe zip object yields n-length tuples, where n is the number of iterables\npassed as positional arguments to zip().  The i-th element in every tuple\ncomes from the i-th iterable argument to zip().  This continues until the\nshortest argument is exhausted.\n\nIf strict is true and one of the arguments is exhausted before the others,\nraise a ValueError.".as_ptr(),
    tp_traverse: Some(zip_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(zip_next),
    tp_methods: (&raw mut ZIP_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(zip_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn zip_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut strict = false;
        if !kwds.is_null() {
            let n = dict::len(kwds);
            if n > 1 {
                return Err(raise(exc::type_error(), format!("zip() takes at most 1 keyword argument ({n} given)")));
            }
            for (k, v) in dict::entries(kwds) {
                if !(str_::check(k) && str_::eq_str(k, "strict")) {
                    let name = proto::str(k)?;
                    return Err(raise(exc::type_error(), format!("'{}' is an invalid keyword argument for zip()", str_::as_str(name.as_ptr())?)));
                }
                strict = proto::is_true(v)?;
            }
        }
        new_zip(tp, tuple::items(args), strict)
    })
}

/// `zip(*iterables, strict=strict)` of type `tp`.
pub unsafe fn new_zip(tp: *mut PyTypeObject, iterables: &[*mut PyObject], strict: bool) -> PyResult<Obj> {
    let its: Vec<Obj> = iterables.iter().map(|&o| crate::protocol::iter::get_iter(o)).collect::<PyResult<_>>()?;
    let n = its.len() as Py_ssize_t;
    let ittuple = tuple::from_vec(its)?;
    let none = noneobject::none();
    let result = tuple::from_slice(&vec![none; n as usize])?;
    let op = typeobject::alloc_instance(tp)?;
    let z = op.as_ptr() as *mut ZipObject;
    (*z).tuplesize = n;
    (*z).ittuple = ittuple.into_ptr();
    (*z).result = result.into_ptr();
    (*z).strict = strict as c_int;
    Ok(op)
}

unsafe extern "C" fn zip_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let z = op as *mut ZipObject;
    xdecref((*z).ittuple);
    xdecref((*z).result);
    typeobject::free_instance(op);
}

unsafe extern "C" fn zip_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let z = op as *mut ZipObject;
    crate::gc::visit_each(&[(*z).ittuple, (*z).result], visit, arg)
}

/// One item of iterator `it`: Ok(None) at its end (StopIteration cleared).
unsafe fn step(it: *mut PyObject) -> PyResult<Option<Obj>> {
    crate::protocol::iter::next(it)
}

fn mismatch(i: usize, what: &str) -> err::ErrSet {
    let plural = if i == 1 { " ".to_string() } else { "s 1-".to_string() };
    raise(exc::value_error(), format!("zip() argument {} is {what} than argument{plural}{i}", i + 1))
}

unsafe extern "C" fn zip_next(op: *mut PyObject) -> *mut PyObject {
    let z = op as *mut ZipObject;
    if (*z).tuplesize == 0 {
        return null_mut();
    }
    crate::guard::catch(null_mut(), || {
        let its = tuple::items((*z).ittuple);
        let mut items = Vec::with_capacity(its.len());
        for (i, &it) in its.iter().enumerate() {
            match step(it) {
                Ok(Some(v)) => items.push(v),
                Ok(None) if (*z).strict != 0 => return strict_end(its, i),
                Ok(None) | Err(_) => return null_mut(),
            }
        }
        crate::guard::ret_obj(tuple::from_vec(items))
    })
}

/// Iterator `i` ended under strict=True: an error unless all the others end together.
unsafe fn strict_end(its: &[*mut PyObject], i: usize) -> *mut PyObject {
    if i > 0 {
        mismatch(i, "shorter");
        return null_mut();
    }
    for (k, &it) in its.iter().enumerate().skip(1) {
        match step(it) {
            Ok(Some(_)) => {
                mismatch(k, "longer");
                return null_mut();
            }
            Ok(None) => {}
            Err(_) => return null_mut(),
        }
    }
    null_mut()
}

unsafe extern "C" fn zip_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let z = op as *mut ZipObject;
        let tp = type_of(op) as *mut PyObject;
        if (*z).strict != 0 {
            return tuple::pack(&[tp, (*z).ittuple, boolobject::true_()]);
        }
        tuple::pack(&[tp, (*z).ittuple])
    })
}

unsafe extern "C" fn zip_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        (*(op as *mut ZipObject)).strict = proto::is_true(state)? as c_int;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyZip_Type)
}
