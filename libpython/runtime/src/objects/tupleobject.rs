//! `tuple`: an immutable array of references stored inline after the header.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature, method, METHOD_END};
use crate::objects::noneobject;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyTuple_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"tuple".as_ptr(),
    tp_basicsize: (std::mem::size_of::<PyTupleObject>() - std::mem::size_of::<*mut PyObject>()) as _,
    tp_itemsize: std::mem::size_of::<*mut PyObject>() as _,
    tp_dealloc: Some(tuple_dealloc),
    tp_repr: Some(tuple_repr),
    tp_as_sequence: &raw mut TUPLE_AS_SEQUENCE,
    tp_as_mapping: &raw mut TUPLE_AS_MAPPING,
    tp_hash: Some(tuple_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_TUPLE_SUBCLASS
        | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    tp_doc: c"Built-in immutable sequence.\n\nIf no argument is given, the constructor returns an empty tuple.\nIf iterable is specified the tuple is initialized from iterable's items.\n\nIf the argument is a tuple, the return value is the same object.".as_ptr(),
    tp_traverse: Some(tuple_traverse),
    tp_richcompare: Some(tuple_richcompare),
    tp_iter: Some(tuple_iter),
    tp_methods: (&raw mut TUPLE_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(tuple_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut TUPLE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(tuple_length),
    sq_concat: Some(tuple_concat),
    sq_repeat: Some(tuple_repeat),
    sq_item: Some(tuple_item),
    sq_contains: Some(tuple_contains),
    ..PySequenceMethods::EMPTY
};

static mut TUPLE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(tuple_length),
    mp_subscript: Some(tuple_subscript),
    mp_ass_subscript: None,
};

/// The empty tuple: a static, immortal singleton.
#[no_mangle]
pub static mut _Py_EmptyTupleStruct: PyTupleObject =
    PyTupleObject { ob_base: immortal_var_head(&raw mut PyTuple_Type, 0), ob_item: [null_mut()] };

#[inline(always)]
pub fn tuple_type() -> *mut PyTypeObject {
    &raw mut PyTuple_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_TUPLE_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == tuple_type()
}

#[inline(always)]
pub unsafe fn items_ptr(op: *mut PyObject) -> *mut *mut PyObject {
    (*(op as *mut PyTupleObject)).ob_item.as_mut_ptr()
}

/// Borrowed item `i` (no bounds check).
#[inline(always)]
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    *items_ptr(op).offset(i)
}

#[inline(always)]
pub unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    std::slice::from_raw_parts(items_ptr(op), size_of_var(op) as usize)
}

/// Stores a new reference in a fresh tuple's slot `i` (steals `v`).
#[inline(always)]
pub unsafe fn set_item_steal(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    *items_ptr(op).offset(i) = v;
}

/// A tuple of `n` NULL slots, to be filled with `set_item_steal`; `()` for n == 0.
pub unsafe fn new(n: Py_ssize_t) -> PyResult<Obj> {
    if n < 0 {
        return Err(raise(exc::system_error(), "negative size passed to PyTuple_New"));
    }
    if n == 0 {
        return Ok(Obj::from_borrowed((&raw mut _Py_EmptyTupleStruct) as *mut PyObject));
    }
    let tp = tuple_type();
    let Some(size) = typeobject::var_size(tp, n) else {
        return Err(crate::objects::exceptions::no_memory());
    };
    let op = crate::gc::alloc(size);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    set_size(op, n);
    std::ptr::write_bytes(items_ptr(op), 0, n as usize);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// A tuple holding new references to `items` (borrowed).
pub unsafe fn from_slice(items: &[*mut PyObject]) -> PyResult<Obj> {
    let t = new(items.len() as Py_ssize_t)?;
    for (i, &it) in items.iter().enumerate() {
        incref(it);
        set_item_steal(t.as_ptr(), i as isize, it);
    }
    Ok(t)
}

pub unsafe fn pack(items: &[*mut PyObject]) -> PyResult<Obj> {
    from_slice(items)
}

/// A tuple that takes ownership of `items`.
pub unsafe fn from_vec(items: Vec<Obj>) -> PyResult<Obj> {
    let t = new(items.len() as Py_ssize_t)?;
    for (i, it) in items.into_iter().enumerate() {
        set_item_steal(t.as_ptr(), i as isize, it.into_ptr());
    }
    Ok(t)
}

unsafe extern "C" fn tuple_dealloc(op: *mut PyObject) {
    let n = size_of_var(op);
    if n == 0 && op == (&raw mut _Py_EmptyTupleStruct) as *mut PyObject {
        make_immortal(op);
        return;
    }
    crate::gc::untrack(op);
    for i in 0..n {
        xdecref(get_item(op, i));
    }
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

unsafe extern "C" fn tuple_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for i in 0..size_of_var(op) {
        let it = get_item(op, i);
        if !it.is_null() {
            let r = visit(it, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn tuple_length(op: *mut PyObject) -> Py_ssize_t {
    size_of_var(op)
}

unsafe extern "C" fn tuple_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i < 0 || i >= size_of_var(op) {
        raise(exc::index_error(), "tuple index out of range");
        return null_mut();
    }
    let v = get_item(op, i);
    incref(v);
    v
}

unsafe extern "C" fn tuple_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    for i in 0..size_of_var(op) {
        match crate::protocol::object::rich_compare_bool(get_item(op, i), v, Py_EQ) {
            Ok(true) => return 1,
            Ok(false) => {}
            Err(_) => return -1,
        }
    }
    0
}

unsafe extern "C" fn tuple_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let n = size_of_var(op);
        if n == 0 {
            return crate::objects::unicodeobject::from_str("()");
        }
        let _guard = match crate::protocol::object::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return crate::objects::unicodeobject::from_str("(...)"),
        };
        let mut s = String::from("(");
        for i in 0..n {
            if i > 0 {
                s.push_str(", ");
            }
            let r = crate::protocol::object::repr(get_item(op, i))?;
            s.push_str(crate::objects::unicodeobject::as_str(r.as_ptr())?);
        }
        if n == 1 {
            s.push(',');
        }
        s.push(')');
        crate::objects::unicodeobject::from_str(&s)
    })
}

/// CPython 3.11's tuple hash (an xxHash-derived combination of the item hashes).
unsafe extern "C" fn tuple_hash(op: *mut PyObject) -> Py_hash_t {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let n = size_of_var(op);
    let mut acc: u64 = P5;
    for i in 0..n {
        let h = crate::protocol::object::hash(get_item(op, i));
        if h == -1 {
            return -1;
        }
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((n as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as Py_hash_t
}

unsafe extern "C" fn tuple_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| crate::protocol::object::compare_sequences(items(a), items(b), op))
}


pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(tuple_type())?;
    typeobject::ready(&raw mut PyTupleIter_Type)
}

unsafe extern "C" fn tuple_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_obj(|| {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, size_of_var(op))?;
            if start == 0 && step == 1 && n == size_of_var(op) && check_exact(op) {
                return Ok(Obj::from_borrowed(op));
            }
            let items: Vec<*mut PyObject> = (0..n).map(|i| get_item(op, start + i * step)).collect();
            from_slice(&items)
        });
    }
    if crate::protocol::number::has_index(key) {
        let Ok(mut i) = crate::protocol::number::as_ssize_t_exc(key, exc::index_error()) else {
            return null_mut();
        };
        if i < 0 {
            i += size_of_var(op);
        }
        return tuple_item(op, i);
    }
    raise(
        exc::type_error(),
        format!("tuple indices must be integers or slices, not {}", typeobject::full_name(type_of(key))),
    );
    null_mut()
}

// ---- constructor and sequence slots --------------------------------------------------------

/// `tuple(iterable=(), /)`; for subclasses, a tuple of that type holding the same items.
unsafe extern "C" fn tuple_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if tp == tuple_type() || (*tp).tp_init.map(|f| f as usize) == (*tuple_type()).tp_init.map(|f| f as usize) {
            crate::protocol::args::no_keywords("tuple", kwds)?;
        }
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("tuple", n, 0, 1)?;
        let base = if n == 0 {
            Obj::from_borrowed((&raw mut _Py_EmptyTupleStruct) as *mut PyObject)
        } else {
            from_iterable(get_item(args, 0))?
        };
        if tp == tuple_type() {
            return Ok(base);
        }
        // A subtype: allocate its layout and copy the items over.
        let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
        let len = size_of_var(base.as_ptr());
        let op = Obj::from_owned(alloc(tp, len))?;
        for (i, &it) in items(base.as_ptr()).iter().enumerate() {
            incref(it);
            set_item_steal(op.as_ptr(), i as Py_ssize_t, it);
        }
        Ok(op)
    })
}

/// `tuple(iterable)`: an exact tuple is returned as is.
pub unsafe fn from_iterable(iterable: *mut PyObject) -> PyResult<Obj> {
    if check_exact(iterable) {
        return Ok(Obj::from_borrowed(iterable));
    }
    from_vec(crate::protocol::iter::collect(iterable)?)
}

unsafe extern "C" fn tuple_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !check(b) {
            return Err(raise(
                exc::type_error(),
                format!("can only concatenate tuple (not \"{}\") to tuple", typeobject::full_name(type_of(b))),
            ));
        }
        if size_of_var(b) == 0 && check_exact(a) {
            return Ok(Obj::from_borrowed(a));
        }
        if size_of_var(a) == 0 && check_exact(b) {
            return Ok(Obj::from_borrowed(b));
        }
        let mut all: Vec<*mut PyObject> = items(a).to_vec();
        all.extend_from_slice(items(b));
        from_slice(&all)
    })
}

unsafe extern "C" fn tuple_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let len = size_of_var(a);
        if check_exact(a) && (n == 1 || len == 0) {
            return Ok(Obj::from_borrowed(a));
        }
        if n <= 0 || len == 0 {
            return new(0);
        }
        let Some(total) = len.checked_mul(n).filter(|&t| t <= Py_ssize_t::MAX / 8) else {
            return Err(crate::objects::exceptions::no_memory());
        };
        let r = new(total)?;
        let src = items(a);
        for i in 0..total as usize {
            let it = src[i % src.len()];
            incref(it);
            set_item_steal(r.as_ptr(), i as Py_ssize_t, it);
        }
        Ok(r)
    })
}

// ---- methods -------------------------------------------------------------------------------

static mut TUPLE_METHODS: [PyMethodDef; 5] = [
    method(c"__getnewargs__", tuple_getnewargs as *const (), METH_NOARGS, c""),
    method(c"index", tuple_index_method as *const (), METH_FASTCALL, c"Return first index of value.\n\nRaises ValueError if the value is not present."),
    method(c"count", tuple_count_method as *const (), METH_O, c"Return number of occurrences of value."),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    METHOD_END,
];

unsafe extern "C" fn tuple_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let copy = from_slice(items(op))?;
        pack(&[copy.as_ptr()])
    })
}

unsafe extern "C" fn tuple_index_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a: &[*mut PyObject] = if n <= 0 { &[] } else { std::slice::from_raw_parts(args, n as usize) };
        crate::protocol::args::check_positional("index", a.len(), 1, 3)?;
        let len = size_of_var(op);
        let mut start = if a.len() > 1 { crate::objects::listobject::slice_index_not_none(a[1])? } else { 0 };
        let mut stop = if a.len() > 2 { crate::objects::listobject::slice_index_not_none(a[2])? } else { Py_ssize_t::MAX };
        if start < 0 {
            start = (start + len).max(0);
        }
        if stop < 0 {
            stop += len;
        } else if stop > len {
            stop = len;
        }
        let mut i = start;
        while i < stop {
            if crate::protocol::object::rich_compare_bool(get_item(op, i), a[0], Py_EQ)? {
                return Ok(crate::objects::longobject::from_i64(i as i64));
            }
            i += 1;
        }
        Err(raise(exc::value_error(), "tuple.index(x): x not in tuple"))
    })
}

unsafe extern "C" fn tuple_count_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut count = 0i64;
        for &it in items(op) {
            if crate::protocol::object::rich_compare_bool(it, v, Py_EQ)? {
                count += 1;
            }
        }
        Ok(crate::objects::longobject::from_i64(count))
    })
}

// ---- tuple_iterator ------------------------------------------------------------------------

/// CPython's `tupleiterobject`.
#[repr(C)]
pub struct TupleIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    /// NULL once exhausted.
    pub it_seq: *mut PyObject,
}

static mut TUPLEITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", tupleiter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", tupleiter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__setstate__", tupleiter_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];

#[no_mangle]
pub static mut PyTupleIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"tuple_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<TupleIterObject>() as _,
    tp_dealloc: Some(tupleiter_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(tupleiter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(tupleiter_next),
    tp_methods: (&raw mut TUPLEITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn tuple_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let it = crate::gc::alloc(std::mem::size_of::<TupleIterObject>());
        if it.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        typeobject::init_object(it, &raw mut PyTupleIter_Type);
        let ti = it as *mut TupleIterObject;
        incref(op);
        (*ti).it_seq = op;
        (*ti).it_index = 0;
        crate::gc::track(it);
        Ok(Obj::from_owned_nonnull(it))
    })
}

unsafe extern "C" fn tupleiter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut TupleIterObject)).it_seq);
    crate::gc::free(op);
}

unsafe extern "C" fn tupleiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut TupleIterObject)).it_seq;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe extern "C" fn tupleiter_next(op: *mut PyObject) -> *mut PyObject {
    let ti = op as *mut TupleIterObject;
    let s = (*ti).it_seq;
    if s.is_null() {
        return null_mut();
    }
    let i = (*ti).it_index;
    if i < size_of_var(s) {
        (*ti).it_index = i + 1;
        let v = get_item(s, i);
        incref(v);
        return v;
    }
    (*ti).it_seq = null_mut();
    decref(s);
    null_mut()
}

unsafe extern "C" fn tupleiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let ti = op as *mut TupleIterObject;
    let s = (*ti).it_seq;
    let n = if s.is_null() { 0 } else { (size_of_var(s) - (*ti).it_index).max(0) };
    crate::objects::longobject::from_i64(n as i64).into_ptr()
}

unsafe extern "C" fn tupleiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ti = op as *mut TupleIterObject;
        let iter = crate::eval_hooks::builtin("iter")?;
        let s = (*ti).it_seq;
        if s.is_null() {
            let args = pack(&[(&raw mut _Py_EmptyTupleStruct) as *mut PyObject])?;
            return pack(&[iter.as_ptr(), args.as_ptr()]);
        }
        let args = pack(&[s])?;
        let idx = crate::objects::longobject::from_i64((*ti).it_index as i64);
        pack(&[iter.as_ptr(), args.as_ptr(), idx.as_ptr()])
    })
}

unsafe extern "C" fn tupleiter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ti = op as *mut TupleIterObject;
        let i = crate::protocol::number::as_ssize_t(state)?;
        let s = (*ti).it_seq;
        if !s.is_null() {
            (*ti).it_index = i.clamp(0, size_of_var(s));
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}
