//! `slice` and `Ellipsis`: slice objects with their index arithmetic
//! (PySlice_Unpack/AdjustIndices, `slice.indices`), and the immortal `...` singleton.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::typeobject::{self, METHOD_END};
use crate::objects::{longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;

#[no_mangle]
pub static mut _Py_EllipsisObject: PyObject = immortal_head(&raw mut PyEllipsis_Type);

#[no_mangle]
pub static mut PyEllipsis_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"ellipsis".as_ptr(),
    tp_basicsize: 0,
    tp_dealloc: Some(crate::objects::noneobject::singleton_dealloc),
    tp_repr: Some(ellipsis_repr),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_methods: (&raw mut ELLIPSIS_METHODS) as *mut PyMethodDef,
    tp_new: Some(ellipsis_new),
    ..PyTypeObject::EMPTY
};

static mut ELLIPSIS_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(ellipsis_reduce), ml_flags: METH_NOARGS, ml_doc: std::ptr::null() },
    METHOD_END,
];

pub fn ellipsis() -> *mut PyObject {
    &raw mut _Py_EllipsisObject
}

unsafe extern "C" fn ellipsis_repr(_: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::intern_obj("Ellipsis"))
}

unsafe extern "C" fn ellipsis_reduce(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::intern_obj("Ellipsis"))
}

unsafe extern "C" fn ellipsis_new(_: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    if (!args.is_null() && size_of_var(args) > 0) || (!kwds.is_null() && crate::objects::dictobject::len(kwds) > 0) {
        raise(exc::type_error(), "EllipsisType takes no arguments");
        return null_mut();
    }
    ellipsis()
}

static mut SLICE_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"start".as_ptr(), type_: T_OBJECT, offset: offset_of!(PySliceObject, start) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: c"stop".as_ptr(), type_: T_OBJECT, offset: offset_of!(PySliceObject, stop) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: c"step".as_ptr(), type_: T_OBJECT, offset: offset_of!(PySliceObject, step) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut SLICE_METHODS: [PyMethodDef; 3] = [
    PyMethodDef { ml_name: c"indices".as_ptr(), ml_meth: Some(slice_indices), ml_flags: METH_O, ml_doc: c"S.indices(len) -> (start, stop, stride)\n\nAssuming a sequence of length len, calculate the start and stop\nindices, and the stride length of the extended slice described by\nS. Out of bounds indices are clipped in a manner consistent with the\nhandling of normal slices.".as_ptr() },
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(slice_reduce), ml_flags: METH_NOARGS, ml_doc: c"Return state information for pickling.".as_ptr() },
    METHOD_END,
];

#[no_mangle]
pub static mut PySlice_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"slice".as_ptr(),
    tp_basicsize: std::mem::size_of::<PySliceObject>() as _,
    tp_dealloc: Some(slice_dealloc),
    tp_repr: Some(slice_repr),
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"slice(stop)\nslice(start, stop[, step])\n\nCreate a slice object.  This is used for extended slicing (e.g. a[0:10:2]).".as_ptr(),
    tp_traverse: Some(slice_traverse),
    tp_richcompare: Some(slice_richcompare),
    tp_methods: (&raw mut SLICE_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut SLICE_MEMBERS) as *mut PyMemberDef,
    tp_new: Some(slice_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PySlice_Type
}

unsafe fn raw(op: *mut PyObject) -> *mut PySliceObject {
    op as *mut PySliceObject
}

/// A new slice; NULL parts mean None.
pub unsafe fn new(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PySliceObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PySlice_Type);
    let none = noneobject::none();
    for (slot, v) in [(&raw mut (*raw(op)).start, start), (&raw mut (*raw(op)).stop, stop), (&raw mut (*raw(op)).step, step)] {
        let v = if v.is_null() { none } else { v };
        incref(v);
        *slot = v;
    }
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// CPython's _PyEval_SliceIndex: an index, clamped to Py_ssize_t.
pub unsafe fn slice_index(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    if !crate::protocol::number::has_index(v) {
        return Err(raise(exc::type_error(), "slice indices must be integers or None or have an __index__ method"));
    }
    crate::protocol::number::as_ssize_t_exc(v, null_mut())
}

/// PySlice_Unpack: (start, stop, step) with None defaults; step 0 is an error.
pub unsafe fn unpack(op: *mut PyObject) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    let r = raw(op);
    let step = if noneobject::is_none((*r).step) {
        1
    } else {
        let s = slice_index((*r).step)?;
        if s == 0 {
            return Err(raise(exc::value_error(), "slice step cannot be zero"));
        }
        s.max(-Py_ssize_t::MAX)
    };
    let start = if noneobject::is_none((*r).start) {
        if step < 0 { Py_ssize_t::MAX } else { 0 }
    } else {
        slice_index((*r).start)?
    };
    let stop = if noneobject::is_none((*r).stop) {
        if step < 0 { Py_ssize_t::MIN } else { Py_ssize_t::MAX }
    } else {
        slice_index((*r).stop)?
    };
    Ok((start, stop, step))
}

/// PySlice_AdjustIndices: clips to `length` and returns the number of items.
pub fn adjust_indices(length: Py_ssize_t, start: &mut Py_ssize_t, stop: &mut Py_ssize_t, step: Py_ssize_t) -> Py_ssize_t {
    let clip = |v: &mut Py_ssize_t| {
        if *v < 0 {
            *v += length;
            if *v < 0 {
                *v = if step < 0 { -1 } else { 0 };
            }
        } else if *v >= length {
            *v = if step < 0 { length - 1 } else { length };
        }
    };
    clip(start);
    clip(stop);
    if step < 0 {
        if *stop < *start {
            return (*start - *stop - 1) / (-step) + 1;
        }
    } else if *start < *stop {
        return (*stop - *start - 1) / step + 1;
    }
    0
}

/// (start, step, count) of a slice over a sequence of `length` items.
pub unsafe fn indices_for(op: *mut PyObject, length: Py_ssize_t) -> PyResult<(Py_ssize_t, Py_ssize_t, Py_ssize_t)> {
    let (mut start, mut stop, step) = unpack(op)?;
    let n = adjust_indices(length, &mut start, &mut stop, step);
    Ok((start, step, n))
}

unsafe extern "C" fn slice_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let r = raw(op);
    xdecref((*r).start);
    xdecref((*r).stop);
    xdecref((*r).step);
    crate::gc::free(op);
}

unsafe extern "C" fn slice_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let r = raw(op);
    for p in [(*r).start, (*r).stop, (*r).step] {
        let v = visit(p, arg);
        if v != 0 {
            return v;
        }
    }
    0
}

unsafe extern "C" fn slice_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = raw(op);
        str_::from_str(&format!(
            "slice({}, {}, {})",
            proto::repr_string((*r).start)?,
            proto::repr_string((*r).stop)?,
            proto::repr_string((*r).step)?
        ))
    })
}

unsafe fn as_tuple(op: *mut PyObject) -> PyResult<Obj> {
    let r = raw(op);
    tuple::pack(&[(*r).start, (*r).stop, (*r).step])
}

unsafe extern "C" fn slice_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    if a == b && (op == Py_EQ || op == Py_NE) {
        return crate::objects::boolobject::new_bool(op == Py_EQ);
    }
    crate::guard::catch_obj(|| {
        let (x, y) = (as_tuple(a)?, as_tuple(b)?);
        proto::rich_compare(x.as_ptr(), y.as_ptr(), op)
    })
}

unsafe extern "C" fn slice_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("slice", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("slice", n, 1, 3)?;
        let a = tuple::items(args);
        match n {
            1 => new(null_mut(), a[0], null_mut()),
            2 => new(a[0], a[1], null_mut()),
            _ => new(a[0], a[1], a[2]),
        }
    })
}

unsafe extern "C" fn slice_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let t = as_tuple(op)?;
        tuple::pack(&[(&raw mut PySlice_Type) as *mut PyObject, t.as_ptr()])
    })
}

/// `slice.indices(len)`.
unsafe extern "C" fn slice_indices(op: *mut PyObject, len: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let length = crate::protocol::number::index(len)?;
        if long::is_negative(length.as_ptr()) {
            return Err(raise(exc::value_error(), "length should not be negative"));
        }
        let (a, b, c) = long_indices(op, length.as_ptr())?;
        tuple::pack(&[a.as_ptr(), b.as_ptr(), c.as_ptr()])
    })
}

/// CPython's _PySlice_GetLongIndices: (start, stop, step) as ints of any size for a
/// sequence of `length` items (a non-negative int).
pub unsafe fn long_indices(op: *mut PyObject, length: *mut PyObject) -> PyResult<(Obj, Obj, Obj)> {
    use crate::protocol::number::{self as num, binary_op};
    let as_index = |v: *mut PyObject| -> PyResult<Obj> {
        if !num::has_index(v) {
            return Err(raise(exc::type_error(), "slice indices must be integers or None or have an __index__ method"));
        }
        num::index(v)
    };
    let r = raw(op);
    let step = if noneobject::is_none((*r).step) { long::from_i64(1) } else { as_index((*r).step)? };
    if long::sign(step.as_ptr()) == 0 {
        return Err(raise(exc::value_error(), "slice step cannot be zero"));
    }
    let backwards = long::is_negative(step.as_ptr());
    let (lower, upper) = if backwards {
        (long::from_i64(-1), binary_op(length, long::from_i64(1).as_ptr(), num::SUBTRACT)?)
    } else {
        (long::from_i64(0), Obj::from_borrowed(length))
    };
    let fix = |v: *mut PyObject, default: &Obj| -> PyResult<Obj> {
        if noneobject::is_none(v) {
            return Ok(default.clone());
        }
        let mut x = as_index(v)?;
        if long::is_negative(x.as_ptr()) {
            x = binary_op(x.as_ptr(), length, num::ADD)?;
            if proto::rich_compare_bool(x.as_ptr(), lower.as_ptr(), Py_LT)? {
                x = lower.clone();
            }
        } else if proto::rich_compare_bool(x.as_ptr(), upper.as_ptr(), Py_GT)? {
            x = upper.clone();
        }
        Ok(x)
    };
    let start = fix((*r).start, if backwards { &upper } else { &lower })?;
    let stop = fix((*r).stop, if backwards { &lower } else { &upper })?;
    Ok((start, stop, step))
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut PySlice_Type)?;
    typeobject::ready(&raw mut PyEllipsis_Type)
}
