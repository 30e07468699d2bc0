//! The `_collections` module (CPython's Modules/_collectionsmodule.c), so far `deque` and
//! its iterators; `collections` falls back on its own Python `OrderedDict`,
//! `_count_elements` and `_tuplegetter`, and has no `defaultdict` until it is written here.
//!
//! The items live in a Rust `VecDeque` owned by the object (CPython uses linked blocks; the
//! observable behaviour is the same). `state` counts mutations so iterators and comparisons
//! can raise "deque mutated during iteration" as CPython's do.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; field accesses rely on `op` being a deque (or deque iterator) instance.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::collections::VecDeque;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

#[repr(C)]
struct Deque {
    ob_base: PyObject,
    items: *mut VecDeque<*mut PyObject>,
    maxlen: Py_ssize_t,
    state: u64,
    weakreflist: *mut PyObject,
}

unsafe fn dq<'a>(op: *mut PyObject) -> &'a mut Deque {
    &mut *(op as *mut Deque)
}

/// The items (owned references), made on first use.
unsafe fn items<'a>(op: *mut PyObject) -> &'a mut VecDeque<*mut PyObject> {
    let d = dq(op);
    if d.items.is_null() {
        d.items = Box::into_raw(Box::default());
    }
    &mut *d.items
}

unsafe fn to_list(o: *mut PyObject) -> PyResult<Obj> {
    let l = list::new(0)?;
    list::extend(l.as_ptr(), o)?;
    Ok(l)
}

unsafe fn is_deque(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), &raw mut DEQUE_TYPE)
}

fn new_ref(p: *mut PyObject) -> *mut PyObject {
    // Safety: p is a live object; the caller receives the new reference.
    unsafe { incref(p) };
    p
}

fn none() -> *mut PyObject {
    new_ref(noneobject::none())
}

/// Appends on the right, dropping from the left past `maxlen`.
unsafe fn push_back(op: *mut PyObject, v: *mut PyObject) {
    let d = dq(op);
    if d.maxlen == 0 {
        return;
    }
    incref(v);
    let it = items(op);
    it.push_back(v);
    d.state += 1;
    if d.maxlen > 0 && it.len() as isize > d.maxlen {
        if let Some(old) = it.pop_front() {
            decref(old);
        }
    }
}

unsafe fn push_front(op: *mut PyObject, v: *mut PyObject) {
    let d = dq(op);
    if d.maxlen == 0 {
        return;
    }
    incref(v);
    let it = items(op);
    it.push_front(v);
    d.state += 1;
    if d.maxlen > 0 && it.len() as isize > d.maxlen {
        if let Some(old) = it.pop_back() {
            decref(old);
        }
    }
}

unsafe fn clear_items(op: *mut PyObject) {
    let d = dq(op);
    if d.items.is_null() {
        return;
    }
    d.state += 1;
    let drained: Vec<*mut PyObject> = (*d.items).drain(..).collect();
    for v in drained {
        decref(v);
    }
}

unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject, left: bool) -> PyResult<()> {
    // Extending by itself reads a snapshot, as CPython copies first.
    let src = if iterable == op { to_list(iterable)? } else { Obj::from_borrowed(iterable) };
    let it = crate::protocol::iter::get_iter(src.as_ptr())?;
    while let Some(v) = crate::protocol::iter::next(it.as_ptr())? {
        if left {
            push_front(op, v.as_ptr());
        } else {
            push_back(op, v.as_ptr());
        }
    }
    Ok(())
}

// ---- type slots --------------------------------------------------------------------------

unsafe extern "C" fn deque_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let op = typeobject::alloc_instance(tp)?;
        let d = dq(op.as_ptr());
        d.items = Box::into_raw(Box::default());
        d.maxlen = -1;
        Ok(op)
    })
}

unsafe extern "C" fn deque_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("deque", args, kwds, &["iterable", "maxlen"], 0)?;
        let maxlen = match a[1] {
            Some(m) if !noneobject::is_none(m) => {
                let n = long::as_ssize_t(m)?;
                if n < 0 {
                    return Err(raise(exc::value_error(), "maxlen must be non-negative"));
                }
                n
            }
            _ => -1,
        };
        dq(op).maxlen = maxlen;
        if !items(op).is_empty() {
            clear_items(op);
        }
        if let Some(it) = a[0] {
            extend(op, it, false)?;
        }
        Ok(())
    })
}

unsafe extern "C" fn deque_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    if !dq(op).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    clear_items(op);
    let d = dq(op);
    if !d.items.is_null() {
        drop(Box::from_raw(d.items));
        d.items = null_mut();
    }
    typeobject::free_instance(op);
}

unsafe extern "C" fn deque_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let d = dq(op);
    if d.items.is_null() {
        return 0;
    }
    let snapshot: Vec<*mut PyObject> = (*d.items).iter().copied().collect();
    crate::gc::visit_each(&snapshot, visit, arg)
}

unsafe extern "C" fn deque_tp_clear(op: *mut PyObject) -> c_int {
    clear_items(op);
    0
}

unsafe extern "C" fn deque_len(op: *mut PyObject) -> Py_ssize_t {
    items(op).len() as Py_ssize_t
}

unsafe fn index_of(op: *mut PyObject, i: Py_ssize_t) -> PyResult<usize> {
    let n = items(op).len() as isize;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(raise(exc::index_error(), "deque index out of range"));
    }
    Ok(j as usize)
}

unsafe extern "C" fn deque_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let j = index_of(op, i)?;
        Ok(Obj::from_borrowed(items(op)[j]))
    })
}

unsafe extern "C" fn deque_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let j = index_of(op, i)?;
        let it = items(op);
        if v.is_null() {
            if let Some(old) = it.remove(j) {
                dq(op).state += 1;
                decref(old);
            }
        } else {
            incref(v);
            let old = std::mem::replace(&mut it[j], v);
            decref(old);
        }
        Ok(())
    })
}

/// Compares each item with `v` (==); true at the first match. Raises if the deque changes.
unsafe fn find(op: *mut PyObject, v: *mut PyObject, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let state = dq(op).state;
    let mut i = start;
    while i < stop.min(items(op).len()) {
        let item = Obj::from_borrowed(items(op)[i]);
        let eq = proto::rich_compare_bool(item.as_ptr(), v, Py_EQ)?;
        if dq(op).state != state {
            return Err(raise(exc::runtime_error(), "deque mutated during iteration"));
        }
        if eq {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

unsafe extern "C" fn deque_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    match find(op, v, 0, usize::MAX) {
        Ok(found) => found.is_some() as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn deque_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let name = typeobject::short_name(type_of(op));
        if proto::repr_enter(op) {
            return str_::from_str("[...]");
        }
        let r = (|| -> PyResult<String> {
            let snapshot = to_list(op)?;
            let body = proto::repr(snapshot.as_ptr())?;
            let body = str_::as_str(body.as_ptr())?.to_owned();
            let d = dq(op);
            Ok(if d.maxlen >= 0 { format!("{name}({body}, maxlen={})", d.maxlen) } else { format!("{name}({body})") })
        })();
        proto::repr_leave(op);
        str_::from_str(&r?)
    })
}

unsafe extern "C" fn deque_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !is_deque(a) || !is_deque(b) {
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        }
        // As sequences: the first unequal pair decides, else the lengths.
        let la = to_list(a)?;
        let lb = to_list(b)?;
        proto::rich_compare(la.as_ptr(), lb.as_ptr(), op)
    })
}

unsafe extern "C" fn deque_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new_iter(op, &raw mut DEQUE_ITER_TYPE))
}

unsafe extern "C" fn deque_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !is_deque(b) {
            return Err(raise(exc::type_error(), format!("can only concatenate deque (not \"{}\") to deque", typeobject::short_name(type_of(b)))));
        }
        let out = copy_of(a)?;
        extend(out.as_ptr(), b, false)?;
        Ok(out)
    })
}

unsafe extern "C" fn deque_inplace_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        extend(a, b, false)?;
        Ok(Obj::from_borrowed(a))
    })
}

unsafe fn repeat_in_place(op: *mut PyObject, n: Py_ssize_t) -> PyResult<()> {
    if n <= 0 {
        clear_items(op);
        return Ok(());
    }
    let snapshot: Vec<Obj> = items(op).iter().map(|&v| Obj::from_borrowed(v)).collect();
    for _ in 1..n {
        if dq(op).maxlen >= 0 && items(op).len() as isize >= dq(op).maxlen && snapshot.len() as isize >= dq(op).maxlen {
            // Further copies only rotate a full deque; one more pass fixes its contents.
            for v in &snapshot {
                push_back(op, v.as_ptr());
            }
            break;
        }
        for v in &snapshot {
            push_back(op, v.as_ptr());
        }
    }
    Ok(())
}

unsafe extern "C" fn deque_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let out = copy_of(op)?;
        repeat_in_place(out.as_ptr(), n)?;
        Ok(out)
    })
}

unsafe extern "C" fn deque_inplace_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        repeat_in_place(op, n)?;
        Ok(Obj::from_borrowed(op))
    })
}

/// `type(d)(d)` or, with a maxlen, `type(d)(d, maxlen)`; exact deques are copied directly.
unsafe fn copy_of(op: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(op) as *mut PyObject;
    let d = dq(op);
    if d.maxlen < 0 {
        crate::protocol::call::vectorcall(tp, &[op], null_mut())
    } else {
        let m = long::from_i64(d.maxlen as i64);
        crate::protocol::call::vectorcall(tp, &[op, m.as_ptr()], null_mut())
    }
}

// ---- methods -----------------------------------------------------------------------------

unsafe extern "C" fn deque_append(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    push_back(op, v);
    none()
}

unsafe extern "C" fn deque_appendleft(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    push_front(op, v);
    none()
}

unsafe extern "C" fn deque_pop(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match items(op).pop_back() {
        Some(v) => {
            dq(op).state += 1;
            Ok(Obj::from_owned_nonnull(v))
        }
        None => Err(raise(exc::index_error(), "pop from an empty deque")),
    })
}

unsafe extern "C" fn deque_popleft(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match items(op).pop_front() {
        Some(v) => {
            dq(op).state += 1;
            Ok(Obj::from_owned_nonnull(v))
        }
        None => Err(raise(exc::index_error(), "pop from an empty deque")),
    })
}

unsafe extern "C" fn deque_extend(op: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        extend(op, it, false)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn deque_extendleft(op: *mut PyObject, it: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        extend(op, it, true)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn deque_clear(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    clear_items(op);
    none()
}

unsafe extern "C" fn deque_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy_of(op))
}

unsafe extern "C" fn deque_count(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut n = 0;
        let mut i = 0;
        while let Some(j) = find(op, v, i, usize::MAX)? {
            n += 1;
            i = j + 1;
        }
        Ok(long::from_i64(n))
    })
}

/// A `start`/`stop` argument of `index`, clamped as slice bounds are.
unsafe fn bound(o: Option<&*mut PyObject>, len: usize, default: usize) -> PyResult<usize> {
    let Some(&o) = o else { return Ok(default) };
    let v = long::as_ssize_t(crate::protocol::number::index(o)?.as_ptr())?;
    let n = len as isize;
    Ok(if v < 0 { (v + n).max(0) as usize } else { v.min(n) as usize })
}

unsafe extern "C" fn deque_index(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("index", a.len(), 1, 3)?;
        let len = items(op).len();
        let start = bound(a.get(1), len, 0)?;
        let stop = bound(a.get(2), len, len)?;
        match find(op, a[0], start, stop)? {
            Some(i) => Ok(long::from_i64(i as i64)),
            None => {
                let r = proto::repr(a[0])?;
                Err(raise(exc::value_error(), format!("{} is not in deque", str_::as_str(r.as_ptr())?)))
            }
        }
    })
}

unsafe extern "C" fn deque_insert(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("insert", a.len(), 2, 2)?;
        let i = long::as_ssize_t(crate::protocol::number::index(a[0])?.as_ptr())?;
        let d = dq(op);
        let it = items(op);
        if d.maxlen >= 0 && it.len() as isize >= d.maxlen {
            return Err(raise(exc::index_error(), "deque already at its maximum size"));
        }
        let len = it.len() as isize;
        let pos = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
        incref(a[1]);
        it.insert(pos, a[1]);
        d.state += 1;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn deque_remove(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match find(op, v, 0, usize::MAX)? {
        Some(i) => {
            if let Some(old) = items(op).remove(i) {
                dq(op).state += 1;
                decref(old);
            }
            Ok(Obj::from_borrowed(noneobject::none()))
        }
        None => {
            let r = proto::repr(v)?;
            Err(raise(exc::value_error(), format!("{} is not in deque", str_::as_str(r.as_ptr())?)))
        }
    })
}

unsafe extern "C" fn deque_reverse(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let it = items(op);
    it.make_contiguous().reverse();
    dq(op).state += 1;
    none()
}

unsafe extern "C" fn deque_rotate(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("rotate", a.len(), 0, 1)?;
        let k = match a.first() {
            Some(&o) => long::as_ssize_t(crate::protocol::number::index(o)?.as_ptr())?,
            None => 1,
        };
        let it = items(op);
        let len = it.len() as isize;
        if len > 1 {
            let r = k.rem_euclid(len) as usize;
            it.rotate_right(r);
            dq(op).state += 1;
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn deque_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new_iter(op, &raw mut DEQUE_REVITER_TYPE))
}

/// `(type(d), (), state, iter(d))`, or `(type(d), ((), maxlen), state, iter(d))`.
unsafe extern "C" fn deque_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let state = match proto::lookup_attr(op, str_::intern("__dict__")?)? {
            Some(d) if dict::check(d.as_ptr()) && dict::len(d.as_ptr()) > 0 => d,
            _ => Obj::from_borrowed(noneobject::none()),
        };
        let d = dq(op);
        let args = if d.maxlen < 0 {
            tuple::new(0)?
        } else {
            let empty = tuple::new(0)?;
            tuple::pack(&[empty.as_ptr(), long::from_i64(d.maxlen as i64).as_ptr()])?
        };
        let it = crate::protocol::iter::get_iter(op)?;
        tuple::pack(&[type_of(op) as *mut PyObject, args.as_ptr(), state.as_ptr(), it.as_ptr()])
    })
}

unsafe extern "C" fn deque_get_maxlen(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let m = dq(op).maxlen;
    if m < 0 {
        none()
    } else {
        long::from_i64(m as i64).into_ptr()
    }
}

static mut DEQUE_METHODS: [PyMethodDef; 21] = [
    method(c"append", deque_append as *const (), METH_O, c"Add an element to the right side of the deque."),
    method(c"appendleft", deque_appendleft as *const (), METH_O, c"Add an element to the left side of the deque."),
    method(c"clear", deque_clear as *const (), METH_NOARGS, c"Remove all elements from the deque."),
    method(c"__copy__", deque_copy as *const (), METH_NOARGS, c"Return a shallow copy of a deque."),
    method(c"copy", deque_copy as *const (), METH_NOARGS, c"Return a shallow copy of a deque."),
    method(c"count", deque_count as *const (), METH_O, c"D.count(value) -- return number of occurrences of value"),
    method(c"extend", deque_extend as *const (), METH_O, c"Extend the right side of the deque with elements from the iterable"),
    method(c"extendleft", deque_extendleft as *const (), METH_O, c"Extend the left side of the deque with elements from the iterable"),
    method(c"index", deque_index as *const (), METH_FASTCALL, c"D.index(value, [start, [stop]]) -- return first index of value.\nRaises ValueError if the value is not present."),
    method(c"insert", deque_insert as *const (), METH_FASTCALL, c"D.insert(index, object) -- insert object before index"),
    method(c"pop", deque_pop as *const (), METH_NOARGS, c"Remove and return the rightmost element."),
    method(c"popleft", deque_popleft as *const (), METH_NOARGS, c"Remove and return the leftmost element."),
    method(c"__reduce__", deque_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"remove", deque_remove as *const (), METH_O, c"D.remove(value) -- remove first occurrence of value."),
    method(c"__reversed__", deque_reversed as *const (), METH_NOARGS, c"D.__reversed__() -- return a reverse iterator over the deque"),
    method(c"reverse", deque_reverse as *const (), METH_NOARGS, c"D.reverse() -- reverse *IN PLACE*"),
    method(c"rotate", deque_rotate as *const (), METH_FASTCALL, c"Rotate the deque n steps to the right (default n=1).  If n is negative, rotates left."),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    METHOD_END,
    METHOD_END,
    METHOD_END,
];

static mut DEQUE_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef { name: c"maxlen".as_ptr(), get: Some(deque_get_maxlen), set: None, doc: c"maximum size of a deque or None if unbounded".as_ptr(), closure: null_mut() },
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() },
];

static mut DEQUE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(deque_len),
    sq_concat: Some(deque_concat),
    sq_repeat: Some(deque_repeat),
    sq_item: Some(deque_item),
    sq_ass_item: Some(deque_ass_item),
    sq_contains: Some(deque_contains),
    sq_inplace_concat: Some(deque_inplace_concat),
    sq_inplace_repeat: Some(deque_inplace_repeat),
    ..PySequenceMethods::EMPTY
};

pub static mut DEQUE_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"collections.deque".as_ptr(),
    tp_basicsize: size_of::<Deque>() as _,
    tp_dealloc: Some(deque_dealloc),
    tp_repr: Some(deque_repr),
    tp_as_sequence: &raw mut DEQUE_AS_SEQUENCE,
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    tp_doc: c"deque([iterable[, maxlen]]) --> deque object\n\nA list-like sequence optimized for data accesses near its endpoints.".as_ptr(),
    tp_traverse: Some(deque_traverse),
    tp_clear: Some(deque_tp_clear),
    tp_richcompare: Some(deque_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(Deque, weakreflist) as _,
    tp_iter: Some(deque_iter),
    tp_methods: (&raw mut DEQUE_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut DEQUE_GETSET) as *mut PyGetSetDef,
    tp_init: Some(deque_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(deque_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

// ---- iterators ---------------------------------------------------------------------------

#[repr(C)]
struct DequeIter {
    ob_base: PyObject,
    deque: *mut PyObject,
    index: usize,
    state: u64,
}

unsafe fn new_iter(op: *mut PyObject, tp: *mut PyTypeObject) -> PyResult<Obj> {
    let it = typeobject::alloc_instance(tp)?;
    let f = &mut *(it.as_ptr() as *mut DequeIter);
    incref(op);
    f.deque = op;
    f.index = 0;
    f.state = dq(op).state;
    Ok(it)
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let f = &mut *(op as *mut DequeIter);
    xdecref(std::mem::replace(&mut f.deque, null_mut()));
    typeobject::free_instance(op);
}

unsafe extern "C" fn iter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    crate::gc::visit_each(&[(*(op as *mut DequeIter)).deque], visit, arg)
}

/// The next item, or NULL without an exception at the end (tp_iternext's convention).
unsafe fn iter_step(op: *mut PyObject, reverse: bool) -> *mut PyObject {
    let f = &mut *(op as *mut DequeIter);
    if f.deque.is_null() {
        return null_mut();
    }
    if dq(f.deque).state != f.state {
        crate::err::set_string(exc::runtime_error(), "deque mutated during iteration");
        return null_mut();
    }
    let it = items(f.deque);
    if f.index >= it.len() {
        xdecref(std::mem::replace(&mut f.deque, null_mut()));
        return null_mut();
    }
    let v = if reverse { it[it.len() - 1 - f.index] } else { it[f.index] };
    f.index += 1;
    new_ref(v)
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    iter_step(op, false)
}

unsafe extern "C" fn reviter_next(op: *mut PyObject) -> *mut PyObject {
    iter_step(op, true)
}

unsafe extern "C" fn iter_length_hint(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let f = &*(op as *const DequeIter);
    let left = if f.deque.is_null() { 0 } else { items(f.deque).len().saturating_sub(f.index) };
    long::from_i64(left as i64).into_ptr()
}

static mut ITER_METHODS: [PyMethodDef; 2] = [method(c"__length_hint__", iter_length_hint as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."), METHOD_END];

macro_rules! deque_iter_type {
    ($name:ident, $tpname:expr, $next:ident) => {
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: size_of::<DequeIter>() as _,
            tp_dealloc: Some(iter_dealloc),
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(iter_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some($next),
            tp_methods: (&raw mut ITER_METHODS) as *mut PyMethodDef,
            tp_alloc: Some(typeobject::PyType_GenericAlloc),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

deque_iter_type!(DEQUE_ITER_TYPE, c"_collections._deque_iterator", iter_next);
deque_iter_type!(DEQUE_REVITER_TYPE, c"_collections._deque_reverse_iterator", reviter_next);

const DOC: &str = "High performance data structures.\n- deque:        ordered collection accessible from endpoints only\n- defaultdict:  dict subclass with a default value factory\n";

/// Makes the `_collections` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("_collections")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    for (k, tp) in [("deque", &raw mut DEQUE_TYPE), ("_deque_iterator", &raw mut DEQUE_ITER_TYPE), ("_deque_reverse_iterator", &raw mut DEQUE_REVITER_TYPE)] {
        typeobject::ready(tp)?;
        dict::set_item_str(d, k, tp as *mut PyObject)?;
    }
    Ok(m)
}
