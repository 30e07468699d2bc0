//! `range` and its iterators: `range_iterator` over C longs, `longrange_iterator` over ints
//! of any size, chosen as CPython 3.11 chooses them.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT_EX};
use crate::objects::typeobject::{self, full_name, method, METHOD_END};
use crate::objects::{boolobject, longobject as long, noneobject, sliceobject, tupleobject as tuple};
use crate::protocol::number::{self as num, binary_op};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_long, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

/// CPython's `rangeobject` (internal to rangeobject.c, same layout).
#[repr(C)]
pub struct RangeObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
    pub length: *mut PyObject,
}

static mut RANGE_MEMBERS: [PyMemberDef; 4] = [
    PyMemberDef { name: c"start".as_ptr(), type_: T_OBJECT_EX, offset: offset_of!(RangeObject, start) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: c"stop".as_ptr(), type_: T_OBJECT_EX, offset: offset_of!(RangeObject, stop) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: c"step".as_ptr(), type_: T_OBJECT_EX, offset: offset_of!(RangeObject, step) as _, flags: READONLY, doc: std::ptr::null() },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut RANGE_METHODS: [PyMethodDef; 5] = [
    method(c"__reversed__", range_reversed as *const (), METH_NOARGS, c"Return a reverse iterator."),
    method(c"__reduce__", range_reduce as *const (), METH_VARARGS, c""),
    method(c"count", range_count as *const (), METH_O, c"rangeobject.count(value) -> integer -- return number of occurrences of value"),
    method(c"index", range_index as *const (), METH_O, c"rangeobject.index(value) -> integer -- return index of value.\nRaise ValueError if the value is not present."),
    METHOD_END,
];

static mut RANGE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(range_length),
    sq_item: Some(range_item),
    sq_contains: Some(range_contains),
    ..PySequenceMethods::EMPTY
};

static mut RANGE_AS_MAPPING: PyMappingMethods =
    PyMappingMethods { mp_length: Some(range_length), mp_subscript: Some(range_subscript), mp_ass_subscript: None };

static mut RANGE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_bool: Some(range_bool), ..PyNumberMethods::EMPTY };

#[no_mangle]
pub static mut PyRange_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"range".as_ptr(),
    tp_basicsize: size_of::<RangeObject>() as _,
    tp_dealloc: Some(range_dealloc),
    tp_repr: Some(range_repr),
    tp_as_number: &raw mut RANGE_AS_NUMBER,
    tp_as_sequence: &raw mut RANGE_AS_SEQUENCE,
    tp_as_mapping: &raw mut RANGE_AS_MAPPING,
    tp_hash: Some(range_hash),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_SEQUENCE,
    tp_doc: c"range(stop) -> range object\nrange(start, stop[, step]) -> range object\n\nReturn an object that produces a sequence of integers from start (inclusive)\nto stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\nstart defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\nThese are exactly the valid indices for a list of 4 elements.\nWhen step is given, it specifies the increment (or decrement).".as_ptr(),
    tp_richcompare: Some(range_richcompare),
    tp_iter: Some(range_iter),
    tp_methods: (&raw mut RANGE_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut RANGE_MEMBERS) as *mut PyMemberDef,
    tp_new: Some(range_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    tp_vectorcall: Some(range_vectorcall),
    ..PyTypeObject::EMPTY
};

#[inline(always)]
pub fn range_type() -> *mut PyTypeObject {
    &raw mut PyRange_Type
}

/// PyRange_Check (range cannot be subclassed).
#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == range_type()
}

#[inline(always)]
unsafe fn raw(op: *mut PyObject) -> *mut RangeObject {
    op as *mut RangeObject
}

fn int(v: i64) -> Obj {
    long::from_i64(v)
}

unsafe fn lt(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    proto::rich_compare_bool(a, b, Py_LT)
}

/// PyNumber_Index: an exact int (a bool or int subclass is copied to a plain int).
unsafe fn index_exact(v: *mut PyObject) -> PyResult<Obj> {
    long::copy_exact(num::index(v)?.as_ptr())
}

/// Allocates an object without a GC head (range and its iterators are not GC types).
unsafe fn alloc_plain(tp: *mut PyTypeObject, size: usize) -> PyResult<*mut PyObject> {
    let op = crate::mem::calloc(1, size) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    Ok(op)
}

/// The number of items: (hi - lo - 1) // |step| + 1 when lo < hi, else 0.
unsafe fn compute_length(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Obj> {
    if let (Some(a), Some(b), Some(c)) = (long::as_i64(start), long::as_i64(stop), long::as_i64(step)) {
        let (a, b, c) = (a as i128, b as i128, c as i128);
        let (lo, hi, s) = if c > 0 { (a, b, c) } else { (b, a, -c) };
        return long::from_i128(if lo >= hi { 0 } else { (hi - lo - 1) / s + 1 });
    }
    let (lo, hi, s) = if long::is_negative(step) {
        (Obj::from_borrowed(stop), Obj::from_borrowed(start), num::negative(step)?)
    } else {
        (Obj::from_borrowed(start), Obj::from_borrowed(stop), Obj::from_borrowed(step))
    };
    if !lt(lo.as_ptr(), hi.as_ptr())? {
        return Ok(int(0));
    }
    let d = binary_op(hi.as_ptr(), lo.as_ptr(), num::SUBTRACT)?;
    let d = binary_op(d.as_ptr(), int(1).as_ptr(), num::SUBTRACT)?;
    let q = binary_op(d.as_ptr(), s.as_ptr(), num::FLOOR_DIVIDE)?;
    binary_op(q.as_ptr(), int(1).as_ptr(), num::ADD)
}

/// A range from three ints (new references taken over).
unsafe fn make_range(start: Obj, stop: Obj, step: Obj) -> PyResult<Obj> {
    let length = compute_length(start.as_ptr(), stop.as_ptr(), step.as_ptr())?;
    let op = alloc_plain(range_type(), size_of::<RangeObject>())?;
    let r = raw(op);
    (*r).start = start.into_ptr();
    (*r).stop = stop.into_ptr();
    (*r).step = step.into_ptr();
    (*r).length = length.into_ptr();
    Ok(Obj::from_owned_nonnull(op))
}

/// `range(start, stop, step)` from Rust (any `__index__` objects; `step` may be NULL).
pub unsafe fn new(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> PyResult<Obj> {
    let start = index_exact(start)?;
    let stop = index_exact(stop)?;
    let step = if step.is_null() { int(1) } else { index_exact(step)? };
    if long::sign(step.as_ptr()) == 0 {
        return Err(raise(exc::value_error(), "range() arg 3 must not be zero"));
    }
    make_range(start, stop, step)
}

/// `len(r)` as an int of any size.
pub unsafe fn length(op: *mut PyObject) -> *mut PyObject {
    (*raw(op)).length
}

/// start + i * step.
unsafe fn compute_item(op: *mut PyObject, i: *mut PyObject) -> PyResult<Obj> {
    let r = raw(op);
    if let (Some(a), Some(k), Some(s)) = (long::as_i64((*r).start), long::as_i64(i), long::as_i64((*r).step)) {
        return long::from_i128(a as i128 + k as i128 * s as i128);
    }
    let p = binary_op(i, (*r).step, num::MULTIPLY)?;
    binary_op((*r).start, p.as_ptr(), num::ADD)
}

/// Item `i` (an int, negative counting from the end), with range's IndexError.
unsafe fn compute_range_item(op: *mut PyObject, i: *mut PyObject) -> PyResult<Obj> {
    let len = (*raw(op)).length;
    let i = if long::is_negative(i) { binary_op(i, len, num::ADD)? } else { Obj::from_borrowed(i) };
    if long::is_negative(i.as_ptr()) || !lt(i.as_ptr(), len)? {
        return Err(raise(exc::index_error(), "range object index out of range"));
    }
    compute_item(op, i.as_ptr())
}

unsafe fn compute_slice(op: *mut PyObject, slice: *mut PyObject) -> PyResult<Obj> {
    let r = raw(op);
    let (start, stop, step) = sliceobject::long_indices(slice, (*r).length)?;
    let substep = binary_op((*r).step, step.as_ptr(), num::MULTIPLY)?;
    let substart = compute_item(op, start.as_ptr())?;
    let substop = compute_item(op, stop.as_ptr())?;
    make_range(substart, substop, substep)
}

/// `ob in r` for an int: within the bounds and on the step.
unsafe fn contains_long(op: *mut PyObject, ob: *mut PyObject) -> PyResult<bool> {
    let r = raw(op);
    let inside = if !long::is_negative((*r).step) {
        proto::rich_compare_bool((*r).start, ob, Py_LE)? && lt(ob, (*r).stop)?
    } else {
        proto::rich_compare_bool(ob, (*r).start, Py_LE)? && lt((*r).stop, ob)?
    };
    if !inside {
        return Ok(false);
    }
    let d = binary_op(ob, (*r).start, num::SUBTRACT)?;
    let m = binary_op(d.as_ptr(), (*r).step, num::REMAINDER)?;
    Ok(long::sign(m.as_ptr()) == 0)
}

unsafe fn is_int_fast(ob: *mut PyObject) -> bool {
    long::check_exact(ob) || boolobject::check(ob)
}

/// What CPython's _PySequence_IterSearch answers for ranges: the matches of `==` over the
/// items, stopping at the first one when `first` is set. Returns (count, index of first).
unsafe fn iter_search(op: *mut PyObject, ob: *mut PyObject, first: bool) -> PyResult<(Py_ssize_t, Option<Py_ssize_t>)> {
    let it = crate::protocol::iter::get_iter(op)?;
    let (mut n, mut i, mut at) = (0, 0, None);
    while let Some(v) = crate::protocol::iter::next(it.as_ptr())? {
        if proto::rich_compare_bool(v.as_ptr(), ob, Py_EQ)? {
            n += 1;
            at.get_or_insert(i);
            if first {
                break;
            }
        }
        i += 1;
    }
    Ok((n, at))
}

// ---- slots ---------------------------------------------------------------------------------

unsafe extern "C" fn range_dealloc(op: *mut PyObject) {
    let r = raw(op);
    decref((*r).start);
    decref((*r).stop);
    decref((*r).step);
    decref((*r).length);
    crate::mem::free(op as *mut c_void);
}

unsafe fn bind_range(a: crate::protocol::args::Split) -> PyResult<Obj> {
    crate::protocol::args::no_kwnames("range", a.names)?;
    let a = a.pos;
    match a.len() {
        0 => Err(raise(exc::type_error(), "range expected at least 1 argument, got 0")),
        1 => make_range(int(0), index_exact(a[0])?, int(1)),
        2 | 3 => new(a[0], a[1], if a.len() == 3 { a[2] } else { null_mut() }),
        n => Err(raise(exc::type_error(), format!("range expected at most 3 arguments, got {n}"))),
    }
}

unsafe extern "C" fn range_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::args::with_tuple_dict(args, kwds, |a| bind_range(a)))
}

unsafe extern "C" fn range_vectorcall(_tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::args::with_vectorcall(args, nargsf, kwnames, |a| bind_range(a)))
}

unsafe extern "C" fn range_length(op: *mut PyObject) -> Py_ssize_t {
    match long::as_ssize_t((*raw(op)).length) {
        Ok(n) => n,
        Err(_) => -1,
    }
}

unsafe extern "C" fn range_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| compute_range_item(op, int(i as i64).as_ptr()))
}

unsafe extern "C" fn range_subscript(op: *mut PyObject, item: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if num::has_index(item) {
            let i = num::index(item)?;
            return compute_range_item(op, i.as_ptr());
        }
        if sliceobject::check(item) {
            return compute_slice(op, item);
        }
        Err(raise(exc::type_error(), format!("range indices must be integers or slices, not {}", full_name(type_of(item)))))
    })
}

unsafe extern "C" fn range_contains(op: *mut PyObject, ob: *mut PyObject) -> c_int {
    crate::guard::catch(-1, || {
        let r = if is_int_fast(ob) { contains_long(op, ob) } else { iter_search(op, ob, true).map(|(n, _)| n > 0) };
        match r {
            Ok(v) => v as c_int,
            Err(_) => -1,
        }
    })
}

unsafe extern "C" fn range_bool(op: *mut PyObject) -> c_int {
    (long::sign((*raw(op)).length) != 0) as c_int
}

unsafe extern "C" fn range_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = raw(op);
        let (a, b) = (proto::repr_string((*r).start)?, proto::repr_string((*r).stop)?);
        if long::as_i64((*r).step) == Some(1) {
            crate::objects::unicodeobject::from_str(&format!("range({a}, {b})"))
        } else {
            let c = proto::repr_string((*r).step)?;
            crate::objects::unicodeobject::from_str(&format!("range({a}, {b}, {c})"))
        }
    })
}

/// Equal when they produce the same items: same length, and for non-empty ranges the same
/// start, and for ranges longer than one the same step.
unsafe fn equals(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    let (x, y) = (raw(a), raw(b));
    if !proto::rich_compare_bool((*x).length, (*y).length, Py_EQ)? {
        return Ok(false);
    }
    if long::sign((*x).length) == 0 {
        return Ok(true);
    }
    if !proto::rich_compare_bool((*x).start, (*y).start, Py_EQ)? {
        return Ok(false);
    }
    if long::as_i64((*x).length) == Some(1) {
        return Ok(true);
    }
    proto::rich_compare_bool((*x).step, (*y).step, Py_EQ)
}

unsafe extern "C" fn range_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(b) || (op != Py_EQ && op != Py_NE) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let eq = equals(a, b)?;
        Ok(Obj::from_borrowed(boolobject::new_bool(eq == (op == Py_EQ))))
    })
}

/// hash((len, start, step)) with None for what does not matter to equality.
unsafe extern "C" fn range_hash(op: *mut PyObject) -> Py_hash_t {
    let r = raw(op);
    let none = noneobject::none();
    let (b, c) = match long::as_i64((*r).length) {
        Some(0) => (none, none),
        Some(1) => ((*r).start, none),
        _ => ((*r).start, (*r).step),
    };
    match tuple::pack(&[(*r).length, b, c]) {
        Ok(t) => proto::hash(t.as_ptr()),
        Err(_) => -1,
    }
}

unsafe extern "C" fn range_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = raw(op);
        let args = tuple::pack(&[(*r).start, (*r).stop, (*r).step])?;
        tuple::pack(&[range_type() as *mut PyObject, args.as_ptr()])
    })
}

unsafe extern "C" fn range_count(op: *mut PyObject, ob: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if is_int_fast(ob) {
            return Ok(int(contains_long(op, ob)? as i64));
        }
        Ok(int(iter_search(op, ob, false)?.0 as i64))
    })
}

unsafe extern "C" fn range_index(op: *mut PyObject, ob: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = raw(op);
        if !is_int_fast(ob) {
            return match iter_search(op, ob, true)?.1 {
                Some(i) => Ok(int(i as i64)),
                None => Err(raise(exc::value_error(), "sequence.index(x): x not in sequence")),
            };
        }
        if !contains_long(op, ob)? {
            return Err(raise(exc::value_error(), format!("{} is not in range", proto::repr_string(ob)?)));
        }
        let d = binary_op(ob, (*r).start, num::SUBTRACT)?;
        binary_op(d.as_ptr(), (*r).step, num::FLOOR_DIVIDE)
    })
}

// ---- iterators -----------------------------------------------------------------------------

/// CPython 3.11's `rangeiterobject`: items start + index * step for index < len.
#[repr(C)]
pub struct RangeIterObject {
    pub ob_base: PyObject,
    pub index: c_long,
    pub start: c_long,
    pub step: c_long,
    pub len: c_long,
}

/// CPython's `longrangeiterobject`: the same with ints of any size.
#[repr(C)]
pub struct LongRangeIterObject {
    pub ob_base: PyObject,
    pub index: *mut PyObject,
    pub start: *mut PyObject,
    pub step: *mut PyObject,
    pub len: *mut PyObject,
}

const LENGTH_HINT_DOC: &std::ffi::CStr = c"Private method returning an estimate of len(list(it)).";
const SETSTATE_DOC: &std::ffi::CStr = c"Set state information for unpickling.";

const REDUCE_DOC: &std::ffi::CStr = c"Return state information for pickling.";

static mut RANGEITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", rangeiter_len as *const (), METH_NOARGS, LENGTH_HINT_DOC),
    method(c"__reduce__", rangeiter_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", rangeiter_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];

static mut LONGRANGEITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", longrangeiter_len as *const (), METH_NOARGS, LENGTH_HINT_DOC),
    method(c"__reduce__", longrangeiter_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", longrangeiter_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];

#[no_mangle]
pub static mut PyRangeIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"range_iterator".as_ptr(),
    tp_basicsize: size_of::<RangeIterObject>() as _,
    tp_dealloc: Some(rangeiter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(rangeiter_next),
    tp_methods: (&raw mut RANGEITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

#[no_mangle]
pub static mut PyLongRangeIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"longrange_iterator".as_ptr(),
    tp_basicsize: size_of::<LongRangeIterObject>() as _,
    tp_dealloc: Some(longrangeiter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(longrangeiter_next),
    tp_methods: (&raw mut LONGRANGEITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

unsafe fn fast_iter(start: c_long, step: c_long, len: c_long) -> PyResult<Obj> {
    let op = alloc_plain(&raw mut PyRangeIter_Type, size_of::<RangeIterObject>())?;
    let it = op as *mut RangeIterObject;
    (*it).index = 0;
    (*it).start = start;
    (*it).step = step;
    (*it).len = len;
    Ok(Obj::from_owned_nonnull(op))
}

unsafe fn long_iter(start: Obj, step: Obj, len: Obj) -> PyResult<Obj> {
    let op = alloc_plain(&raw mut PyLongRangeIter_Type, size_of::<LongRangeIterObject>())?;
    let it = op as *mut LongRangeIterObject;
    (*it).index = int(0).into_ptr();
    (*it).start = start.into_ptr();
    (*it).step = step.into_ptr();
    (*it).len = len.into_ptr();
    Ok(Obj::from_owned_nonnull(op))
}

/// Length of range(lo, hi, step) over C longs, as an unsigned long (CPython's get_len_of_range).
fn len_of_range(lo: i64, hi: i64, step: i64) -> u64 {
    if step > 0 && lo < hi {
        1 + (hi as u64).wrapping_sub(lo as u64).wrapping_sub(1) / step as u64
    } else if step < 0 && lo > hi {
        1 + (lo as u64).wrapping_sub(hi as u64).wrapping_sub(1) / (0u64.wrapping_sub(step as u64))
    } else {
        0
    }
}

/// start, stop, step as C longs, when all three fit.
unsafe fn as_longs(op: *mut PyObject) -> Option<(i64, i64, i64)> {
    let r = raw(op);
    Some((long::as_i64((*r).start)?, long::as_i64((*r).stop)?, long::as_i64((*r).step)?))
}

unsafe extern "C" fn range_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if let Some((start, stop, step)) = as_longs(op) {
            let n = len_of_range(start, stop, step);
            // The fast iterator also needs start + len * step to stay within a C long.
            let fits = n <= i64::MAX as u64
                && (n == 0 || if step > 0 { stop <= i64::MAX - (step - 1) } else { stop >= i64::MIN + (-1 - step) });
            if fits {
                return fast_iter(start, step, n as c_long);
            }
        }
        let r = raw(op);
        long_iter(Obj::from_borrowed((*r).start), Obj::from_borrowed((*r).step), Obj::from_borrowed((*r).length))
    })
}

/// reversed(range(start, stop, step)) is range(start + (n-1)*step, start - step, -step).
unsafe extern "C" fn range_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if let Some((start, stop, step)) = as_longs(op) {
            let start_minus_step_fits = if step > 0 {
                (start as u64).wrapping_sub(i64::MIN as u64) >= step as u64
            } else {
                (i64::MAX as u64).wrapping_sub(start as u64) >= 0u64.wrapping_sub(step as u64)
            };
            let n = len_of_range(start, stop, step);
            if step != i64::MIN && start_minus_step_fits && n <= i64::MAX as u64 {
                let new_stop = start - step;
                let new_start = (new_stop as u64).wrapping_add(n.wrapping_mul(step as u64)) as i64;
                return fast_iter(new_start, -step, n as c_long);
            }
        }
        let r = raw(op);
        let last = binary_op((*r).length, int(1).as_ptr(), num::SUBTRACT)?;
        let span = binary_op(last.as_ptr(), (*r).step, num::MULTIPLY)?;
        let start = binary_op((*r).start, span.as_ptr(), num::ADD)?;
        long_iter(start, num::negative((*r).step)?, Obj::from_borrowed((*r).length))
    })
}

unsafe extern "C" fn rangeiter_dealloc(op: *mut PyObject) {
    crate::mem::free(op as *mut c_void);
}

unsafe extern "C" fn rangeiter_next(op: *mut PyObject) -> *mut PyObject {
    let it = op as *mut RangeIterObject;
    if (*it).index < (*it).len {
        // Unsigned arithmetic: the intermediate product may overflow a signed long.
        let v = ((*it).start as u64).wrapping_add(((*it).index as u64).wrapping_mul((*it).step as u64)) as i64;
        (*it).index += 1;
        return int(v).into_ptr();
    }
    null_mut()
}

unsafe extern "C" fn rangeiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let it = op as *mut RangeIterObject;
    int((*it).len - (*it).index).into_ptr()
}

/// `(iter, (range(start, start + len * step, step),), index)`: both iterators pickle alike.
unsafe fn iter_reduce(start: Obj, len: Obj, step: Obj, index: Obj) -> PyResult<Obj> {
    let span = binary_op(len.as_ptr(), step.as_ptr(), num::MULTIPLY)?;
    let stop = binary_op(start.as_ptr(), span.as_ptr(), num::ADD)?;
    let range = make_range(start, stop, step)?;
    let iter = crate::eval_hooks::builtin("iter")?;
    let args = tuple::pack(&[range.as_ptr()])?;
    tuple::pack(&[iter.as_ptr(), args.as_ptr(), index.as_ptr()])
}

unsafe extern "C" fn rangeiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let it = op as *mut RangeIterObject;
    crate::guard::catch_obj(|| iter_reduce(int((*it).start), int((*it).len), int((*it).step), int((*it).index)))
}

unsafe extern "C" fn longrangeiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let it = op as *mut LongRangeIterObject;
    let b = |p: *mut PyObject| Obj::from_borrowed(p);
    crate::guard::catch_obj(|| iter_reduce(b((*it).start), b((*it).len), b((*it).step), b((*it).index)))
}

unsafe extern "C" fn rangeiter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let it = op as *mut RangeIterObject;
        let index = long::as_c_long(num::index(state)?.as_ptr())?;
        (*it).index = index.clamp(0, (*it).len);
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn longrangeiter_dealloc(op: *mut PyObject) {
    let it = op as *mut LongRangeIterObject;
    xdecref((*it).index);
    xdecref((*it).start);
    xdecref((*it).step);
    xdecref((*it).len);
    crate::mem::free(op as *mut c_void);
}

unsafe extern "C" fn longrangeiter_next(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let it = op as *mut LongRangeIterObject;
        match lt((*it).index, (*it).len) {
            Ok(true) => {}
            _ => return null_mut(),
        }
        let r = (|| -> PyResult<Obj> {
            let next_index = binary_op((*it).index, int(1).as_ptr(), num::ADD)?;
            let p = binary_op((*it).index, (*it).step, num::MULTIPLY)?;
            let v = binary_op((*it).start, p.as_ptr(), num::ADD)?;
            xsetref(&raw mut (*it).index, next_index.into_ptr());
            Ok(v)
        })();
        crate::guard::ret_obj(r)
    })
}

unsafe extern "C" fn longrangeiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let it = op as *mut LongRangeIterObject;
    crate::guard::catch_obj(|| binary_op((*it).len, (*it).index, num::SUBTRACT))
}

unsafe extern "C" fn longrangeiter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let it = op as *mut LongRangeIterObject;
        let zero = int(0);
        let state = if lt(state, zero.as_ptr())? {
            zero
        } else if lt((*it).len, state)? {
            Obj::from_borrowed((*it).len)
        } else {
            Obj::from_borrowed(state)
        };
        xsetref(&raw mut (*it).index, state.into_ptr());
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(range_type())?;
    typeobject::ready(&raw mut PyRangeIter_Type)?;
    typeobject::ready(&raw mut PyLongRangeIter_Type)
}
