//! `list`: a resizable array of references (`ob_item`, `allocated`), growing as CPython's
//! does so that `allocated` reads the same from C.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature};
use crate::objects::{noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyList_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"list".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyListObject>() as _,
    tp_dealloc: Some(list_dealloc),
    tp_repr: Some(list_repr),
    tp_as_sequence: &raw mut LIST_AS_SEQUENCE,
    tp_as_mapping: &raw mut LIST_AS_MAPPING,
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LIST_SUBCLASS
        | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_SEQUENCE,
    tp_doc: c"Built-in mutable sequence.\n\nIf no argument is given, the constructor creates a new empty list.\nThe argument must be an iterable if specified.".as_ptr(),
    tp_traverse: Some(list_traverse),
    tp_clear: Some(list_tp_clear),
    tp_richcompare: Some(list_richcompare),
    tp_init: Some(list_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut LIST_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(list_length),
    sq_item: Some(list_item),
    sq_ass_item: Some(list_ass_item),
    sq_contains: Some(list_contains),
    ..PySequenceMethods::EMPTY
};

static mut LIST_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(list_length),
    mp_subscript: Some(list_subscript),
    mp_ass_subscript: Some(list_ass_subscript),
};

#[inline(always)]
pub fn list_type() -> *mut PyTypeObject {
    &raw mut PyList_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_LIST_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == list_type()
}

#[inline(always)]
unsafe fn raw(op: *mut PyObject) -> *mut PyListObject {
    op as *mut PyListObject
}

#[inline(always)]
pub unsafe fn items<'a>(op: *mut PyObject) -> &'a [*mut PyObject] {
    let n = size_of_var(op) as usize;
    if n == 0 {
        return &[];
    }
    std::slice::from_raw_parts((*raw(op)).ob_item, n)
}

/// Borrowed item `i` (no bounds check).
#[inline(always)]
pub unsafe fn get_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    *(*raw(op)).ob_item.offset(i)
}

/// A list of `n` NULL slots (CPython's PyList_New).
pub unsafe fn new(n: Py_ssize_t) -> PyResult<Obj> {
    if n < 0 {
        return Err(raise(exc::system_error(), "negative size passed to PyList_New"));
    }
    let op = Obj::from_owned(typeobject::PyType_GenericAlloc(list_type(), 0))?;
    if n > 0 {
        let items = crate::mem::calloc(n as usize, std::mem::size_of::<*mut PyObject>()) as *mut *mut PyObject;
        if items.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        (*raw(op.as_ptr())).ob_item = items;
    }
    set_size(op.as_ptr(), n);
    (*raw(op.as_ptr())).allocated = n;
    Ok(op)
}

pub unsafe fn from_slice(items: &[*mut PyObject]) -> PyResult<Obj> {
    let l = new(items.len() as Py_ssize_t)?;
    for (i, &it) in items.iter().enumerate() {
        incref(it);
        *(*raw(l.as_ptr())).ob_item.add(i) = it;
    }
    Ok(l)
}

pub unsafe fn from_tuple(t: *mut PyObject) -> PyResult<Obj> {
    from_slice(tuple::items(t))
}

/// Grows or shrinks the item array with CPython's over-allocation pattern.
unsafe fn resize(op: *mut PyObject, newsize: Py_ssize_t) -> PyResult<()> {
    let l = raw(op);
    let allocated = (*l).allocated;
    if allocated >= newsize && newsize >= (allocated >> 1) {
        set_size(op, newsize);
        return Ok(());
    }
    let mut new_allocated = (newsize as usize + (newsize as usize >> 3) + 6) & !3usize;
    if newsize as usize - size_of_var(op) as usize > new_allocated.wrapping_sub(newsize as usize) {
        new_allocated = (newsize as usize + 3) & !3usize;
    }
    if newsize == 0 {
        new_allocated = 0;
    }
    let bytes = new_allocated.checked_mul(std::mem::size_of::<*mut PyObject>());
    let Some(bytes) = bytes.filter(|&b| b <= isize::MAX as usize) else {
        return Err(crate::objects::exceptions::no_memory());
    };
    let p = crate::mem::realloc((*l).ob_item as *mut c_void, bytes) as *mut *mut PyObject;
    if p.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    (*l).ob_item = p;
    set_size(op, newsize);
    (*l).allocated = new_allocated as Py_ssize_t;
    Ok(())
}

/// `list.append(v)` (borrowed `v`).
pub unsafe fn append(op: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    let n = size_of_var(op);
    resize(op, n + 1)?;
    incref(v);
    *(*raw(op)).ob_item.offset(n) = v;
    Ok(())
}

/// Drops the items from `n` on (`del a[n:]`), keeping the allocation.
pub unsafe fn truncate(op: *mut PyObject, n: usize) {
    let len = size_of_var(op) as usize;
    if n >= len {
        return;
    }
    let dropped: Vec<*mut PyObject> = items(op)[n..].to_vec();
    set_size(op, n as Py_ssize_t);
    for p in dropped {
        decref(p);
    }
}

/// Replaces item `i`, taking ownership of `v` (CPython's PyList_SetItem semantics).
pub unsafe fn set_item_steal(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    if i < 0 || i >= size_of_var(op) {
        xdecref(v);
        return Err(raise(exc::index_error(), "list assignment index out of range"));
    }
    let slot = (*raw(op)).ob_item.offset(i);
    let old = *slot;
    *slot = v;
    xdecref(old);
    Ok(())
}

pub unsafe fn insert(op: *mut PyObject, mut i: Py_ssize_t, v: *mut PyObject) -> PyResult<()> {
    let n = size_of_var(op);
    resize(op, n + 1)?;
    if i < 0 {
        i = (i + n).max(0);
    }
    i = i.min(n);
    let items = (*raw(op)).ob_item;
    std::ptr::copy(items.offset(i), items.offset(i + 1), (n - i) as usize);
    incref(v);
    *items.offset(i) = v;
    Ok(())
}

pub unsafe fn as_tuple(op: *mut PyObject) -> PyResult<Obj> {
    tuple::from_slice(items(op))
}

unsafe fn clear_items(op: *mut PyObject) {
    let l = raw(op);
    let items = (*l).ob_item;
    let n = size_of_var(op);
    (*l).ob_item = null_mut();
    set_size(op, 0);
    (*l).allocated = 0;
    if !items.is_null() {
        for i in (0..n).rev() {
            xdecref(*items.offset(i));
        }
        crate::mem::free(items as *mut c_void);
    }
}

unsafe extern "C" fn list_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    clear_items(op);
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn list_tp_clear(op: *mut PyObject) -> c_int {
    clear_items(op);
    0
}

unsafe extern "C" fn list_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for &it in items(op) {
        if !it.is_null() {
            let r = visit(it, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn list_length(op: *mut PyObject) -> Py_ssize_t {
    size_of_var(op)
}

unsafe extern "C" fn list_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i < 0 || i >= size_of_var(op) {
        raise(exc::index_error(), "list index out of range");
        return null_mut();
    }
    let v = get_item(op, i);
    incref(v);
    v
}

unsafe extern "C" fn list_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    let n = size_of_var(op);
    if i < 0 || i >= n {
        raise(exc::index_error(), "list assignment index out of range");
        return -1;
    }
    if v.is_null() {
        let items = (*raw(op)).ob_item;
        let old = *items.offset(i);
        std::ptr::copy(items.offset(i + 1), items.offset(i), (n - i - 1) as usize);
        if resize(op, n - 1).is_err() {
            return -1;
        }
        decref(old);
        return 0;
    }
    incref(v);
    crate::guard::ret_int(set_item_steal(op, i, v))
}

unsafe extern "C" fn list_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    let mut i = 0;
    while i < size_of_var(op) {
        let it = Obj::from_borrowed(get_item(op, i));
        match proto::rich_compare_bool(it.as_ptr(), v, Py_EQ) {
            Ok(true) => return 1,
            Ok(false) => {}
            Err(_) => return -1,
        }
        i += 1;
    }
    0
}

unsafe extern "C" fn list_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if size_of_var(op) == 0 {
            return str_::from_str("[]");
        }
        let _guard = match proto::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return str_::from_str("[...]"),
        };
        let mut s = String::from("[");
        let mut i = 0;
        // The list may change while item reprs run; re-read its size each time.
        while i < size_of_var(op) {
            if i > 0 {
                s.push_str(", ");
            }
            let it = Obj::from_borrowed(get_item(op, i));
            let r = proto::repr(it.as_ptr())?;
            s.push_str(str_::as_str(r.as_ptr())?);
            i += 1;
        }
        s.push(']');
        str_::from_str(&s)
    })
}

unsafe extern "C" fn list_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let (x, y): (Vec<Obj>, Vec<Obj>) = (
            items(a).iter().map(|&p| Obj::from_borrowed(p)).collect(),
            items(b).iter().map(|&p| Obj::from_borrowed(p)).collect(),
        );
        let xs: Vec<*mut PyObject> = x.iter().map(|o| o.as_ptr()).collect();
        let ys: Vec<*mut PyObject> = y.iter().map(|o| o.as_ptr()).collect();
        proto::compare_sequences(&xs, &ys, op)
    })
}

/// `list.__init__(iterable=(), /)`: replaces the contents with the iterable's items.
unsafe extern "C" fn list_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if check_exact(op) {
            crate::protocol::args::no_keywords("list", kwds)?;
        }
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("list", n, 0, 1)?;
        // Emptied first, as CPython does: `l.__init__(l)` leaves it empty.
        replace_items(op, &[])?;
        if n == 1 {
            let items = crate::protocol::iter::collect(tuple::get_item(args, 0))?;
            replace_items(op, &items)?;
        }
        Ok(())
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(list_type())
}

/// `list.sort()` without key: a stable merge sort on `<`. While sorting, the list is
/// emptied so mutation from a comparison is detected ("list modified during sort").
pub unsafe fn sort(op: *mut PyObject) -> PyResult<()> {
    let l = raw(op);
    let n = size_of_var(op) as usize;
    let (saved_items, saved_alloc) = ((*l).ob_item, (*l).allocated);
    (*l).ob_item = null_mut();
    (*l).allocated = -1;
    set_size(op, 0);
    let mut v: Vec<*mut PyObject> = if n == 0 { Vec::new() } else { std::slice::from_raw_parts(saved_items, n).to_vec() };
    let result = merge_sort(&mut v);
    let modified = (*l).allocated != -1 || !(*l).ob_item.is_null();
    // Whatever was put in the list meanwhile is dropped, as CPython does.
    let (junk_items, junk_n) = ((*l).ob_item, size_of_var(op));
    if n > 0 {
        std::ptr::copy_nonoverlapping(v.as_ptr(), saved_items, n);
    }
    (*l).ob_item = saved_items;
    (*l).allocated = saved_alloc;
    set_size(op, n as isize);
    if !junk_items.is_null() {
        for i in 0..junk_n.max(0) {
            xdecref(*junk_items.offset(i));
        }
        crate::mem::free(junk_items as *mut c_void);
    }
    result?;
    if modified {
        return Err(raise(exc::value_error(), "list modified during sort"));
    }
    Ok(())
}

/// Index of `key` for list subscripts, with CPython's message for other types.
unsafe fn list_index(op: *mut PyObject, key: *mut PyObject) -> PyResult<Py_ssize_t> {
    if crate::protocol::number::has_index(key) {
        let mut i = crate::protocol::number::as_ssize_t_exc(key, exc::index_error())?;
        if i < 0 {
            i += size_of_var(op);
        }
        return Ok(i);
    }
    Err(raise(
        exc::type_error(),
        format!("list indices must be integers or slices, not {}", typeobject::full_name(type_of(key))),
    ))
}

unsafe extern "C" fn list_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_obj(|| {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, size_of_var(op))?;
            let items: Vec<*mut PyObject> = (0..n).map(|i| get_item(op, start + i * step)).collect();
            from_slice(&items)
        });
    }
    match list_index(op, key) {
        Ok(i) => list_item(op, i),
        Err(_) => null_mut(),
    }
}

unsafe extern "C" fn list_ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_int(|| assign_slice(op, key, v));
    }
    match list_index(op, key) {
        Ok(i) => list_ass_item(op, i, v),
        Err(_) => -1,
    }
}

/// Sorts `v` in place. Short lists follow CPython's timsort exactly (a natural run, then
/// binary insertion), so comparisons happen in the same order and errors match.
unsafe fn merge_sort(v: &mut Vec<*mut PyObject>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    if n < 64 {
        let run = count_run(v)?;
        binary_insertion_sort(v, run)?;
        return Ok(());
    }
    let mut buf = v.clone();
    let mut width = 1;
    // Insertion sort small runs first, then merge bottom-up.
    const RUN: usize = 16;
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && proto::rich_compare_bool(v[j], v[j - 1], Py_LT)? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
    }
    width = width.max(RUN);
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut k) = (i, mid, i);
            while a < mid && b < hi {
                // Take from the right only when strictly less: keeps the sort stable.
                if proto::rich_compare_bool(v[b], v[a], Py_LT)? {
                    buf[k] = v[b];
                    b += 1;
                } else {
                    buf[k] = v[a];
                    a += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - a)].copy_from_slice(&v[a..mid]);
            k += mid - a;
            buf[k..k + (hi - b)].copy_from_slice(&v[b..hi]);
            i += 2 * width;
        }
        std::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}

/// Length of the natural run at the start; a strictly descending run is reversed in place.
unsafe fn count_run(v: &mut [*mut PyObject]) -> PyResult<usize> {
    let n = v.len();
    if n < 2 {
        return Ok(n);
    }
    let mut len = 2;
    if proto::rich_compare_bool(v[1], v[0], Py_LT)? {
        while len < n && proto::rich_compare_bool(v[len], v[len - 1], Py_LT)? {
            len += 1;
        }
        v[..len].reverse();
    } else {
        while len < n && !proto::rich_compare_bool(v[len], v[len - 1], Py_LT)? {
            len += 1;
        }
    }
    Ok(len)
}

/// Inserts v[start..] one by one into the sorted prefix, finding each place by bisection.
unsafe fn binary_insertion_sort(v: &mut [*mut PyObject], start: usize) -> PyResult<()> {
    for i in start.max(1)..v.len() {
        let pivot = v[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if proto::rich_compare_bool(pivot, v[mid], Py_LT)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        v.copy_within(lo..i, lo + 1);
        v[lo] = pivot;
    }
    Ok(())
}

/// `a[slice] = v` and `del a[slice]`, with CPython's rules for extended slices.
unsafe fn assign_slice(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    let (mut start, mut stop, step) = crate::objects::sliceobject::unpack(key)?;
    let len = size_of_var(op);
    let n = crate::objects::sliceobject::adjust_indices(len, &mut start, &mut stop, step);
    let mut all: Vec<Obj> = items(op).iter().map(|&p| Obj::from_borrowed(p)).collect();
    if v.is_null() {
        if step == 1 || n == 0 {
            if n > 0 {
                all.drain(start as usize..(start + n) as usize);
            }
        } else {
            let mut kill: Vec<usize> = (0..n).map(|i| (start + i * step) as usize).collect();
            kill.sort_unstable();
            for i in kill.into_iter().rev() {
                all.remove(i);
            }
        }
    } else {
        // The new items are taken first: `a[:] = a` must see the old contents.
        let new_items = crate::protocol::iter::collect(v).map_err(|e| {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                if step == 1 {
                    raise(exc::type_error(), "can only assign an iterable")
                } else {
                    raise(exc::type_error(), "must assign iterable to extended slice")
                }
            } else {
                e
            }
        })?;
        if step == 1 {
            let stop = if stop < start { start } else { stop };
            all.splice(start as usize..stop as usize, new_items);
        } else {
            if new_items.len() as Py_ssize_t != n {
                return Err(raise(
                    exc::value_error(),
                    format!("attempt to assign sequence of size {} to extended slice of size {n}", new_items.len()),
                ));
            }
            for (i, item) in new_items.into_iter().enumerate() {
                all[(start + i as Py_ssize_t * step) as usize] = item;
            }
        }
    }
    replace_items(op, &all)
}

/// Makes `items` the contents of list `op`, keeping its identity: a fresh list takes the
/// new items and the two swap arrays, so the old items are released with the fresh one.
pub unsafe fn replace_items(op: *mut PyObject, items: &[Obj]) -> PyResult<()> {
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    let fresh = from_slice(&ptrs)?;
    let (a, b) = (op as *mut PyListObject, fresh.as_ptr() as *mut PyListObject);
    std::mem::swap(&mut (*a).ob_item, &mut (*b).ob_item);
    std::mem::swap(&mut (*a).allocated, &mut (*b).allocated);
    let (na, nb) = (size_of_var(op), size_of_var(fresh.as_ptr()));
    set_size(op, nb);
    set_size(fresh.as_ptr(), na);
    Ok(())
}
