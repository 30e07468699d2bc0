//! `list`: a resizable array of references (`ob_item`, `allocated`), growing as CPython's
//! does so that `allocated` reads the same from C.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature, method, METHOD_END};
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
    tp_iter: Some(list_iter),
    tp_methods: (&raw mut LIST_METHODS) as *mut PyMethodDef,
    tp_init: Some(list_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(list_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut LIST_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(list_length),
    sq_concat: Some(list_concat),
    sq_repeat: Some(list_repeat),
    sq_item: Some(list_item),
    sq_ass_item: Some(list_ass_item),
    sq_contains: Some(list_contains),
    sq_inplace_concat: Some(list_inplace_concat),
    sq_inplace_repeat: Some(list_inplace_repeat),
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
    // Signed, as in CPython: a shrinking list makes the left side negative.
    if newsize - size_of_var(op) > new_allocated as Py_ssize_t - newsize {
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
    if items.is_null() {
        // Nothing to drop; `allocated` is left alone (a list being sorted keeps its -1).
        return;
    }
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
    typeobject::ready(list_type())?;
    typeobject::ready(&raw mut PyListIter_Type)?;
    typeobject::ready(&raw mut PyListRevIter_Type)
}

/// `list.sort()` (no key, ascending), for the C API and `sorted`.
pub unsafe fn sort(op: *mut PyObject) -> PyResult<()> {
    crate::objects::list_sort::sort(op, null_mut(), false)
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

// ---- constructors and sequence slots -------------------------------------------------------

/// `list.__new__`: an empty list of type `tp`; `__init__` fills it.
unsafe extern "C" fn list_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    alloc(tp, 0)
}

/// `a.extend(iterable)`: lists and tuples (and `a` itself) are read as a snapshot, anything
/// else is iterated, appending as items come (items before an error stay).
pub unsafe fn extend(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    if check_exact(iterable) || tuple::check_exact(iterable) || iterable == op {
        let src: Vec<Obj> = if tuple::check_exact(iterable) {
            tuple::items(iterable).iter().map(|&p| Obj::from_borrowed(p)).collect()
        } else {
            items(iterable).iter().map(|&p| Obj::from_borrowed(p)).collect()
        };
        let n = size_of_var(op);
        if src.is_empty() {
            return Ok(());
        }
        resize(op, n + src.len() as Py_ssize_t)?;
        for (i, it) in src.into_iter().enumerate() {
            *(*raw(op)).ob_item.offset(n + i as Py_ssize_t) = it.into_ptr();
        }
        return Ok(());
    }
    let it = crate::protocol::iter::get_iter(iterable)?;
    while let Some(v) = crate::protocol::iter::next(it.as_ptr())? {
        append(op, v.as_ptr())?;
    }
    Ok(())
}

/// Reverses the items in place.
pub unsafe fn reverse(op: *mut PyObject) {
    let n = size_of_var(op) as usize;
    if n > 1 {
        std::slice::from_raw_parts_mut((*raw(op)).ob_item, n).reverse();
    }
}

unsafe fn type_error_concat(b: *mut PyObject) -> crate::err::ErrSet {
    raise(
        exc::type_error(),
        format!("can only concatenate list (not \"{}\") to list", typeobject::full_name(type_of(b))),
    )
}

unsafe extern "C" fn list_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !check(b) {
            return Err(type_error_concat(b));
        }
        let mut all: Vec<*mut PyObject> = items(a).to_vec();
        all.extend_from_slice(items(b));
        from_slice(&all)
    })
}

unsafe extern "C" fn list_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let len = size_of_var(a);
        if n <= 0 || len == 0 {
            return new(0);
        }
        let Some(total) = len.checked_mul(n).filter(|&t| t <= Py_ssize_t::MAX / 8) else {
            return Err(crate::objects::exceptions::no_memory());
        };
        let src: Vec<*mut PyObject> = items(a).to_vec();
        let r = new(total)?;
        let dst = (*raw(r.as_ptr())).ob_item;
        for i in 0..total as usize {
            let it = src[i % src.len()];
            incref(it);
            *dst.add(i) = it;
        }
        Ok(r)
    })
}

unsafe extern "C" fn list_inplace_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        extend(a, b)?;
        Ok(Obj::from_borrowed(a))
    })
}

unsafe extern "C" fn list_inplace_repeat(a: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let len = size_of_var(a);
        if len == 0 || n == 1 {
            return Ok(Obj::from_borrowed(a));
        }
        if n < 1 {
            clear_items(a);
            return Ok(Obj::from_borrowed(a));
        }
        let Some(total) = len.checked_mul(n).filter(|&t| t <= Py_ssize_t::MAX / 8) else {
            return Err(crate::objects::exceptions::no_memory());
        };
        resize(a, total)?;
        let p = (*raw(a)).ob_item;
        for i in len as usize..total as usize {
            let it = *p.add(i % len as usize);
            incref(it);
            *p.add(i) = it;
        }
        Ok(Obj::from_borrowed(a))
    })
}

// ---- methods -------------------------------------------------------------------------------

static mut LIST_METHODS: [PyMethodDef; 17] = [
    method(c"__getitem__", list_getitem_method as *const (), METH_O | METH_COEXIST, c"x.__getitem__(y) <==> x[y]"),
    method(c"__reversed__", list_reversed as *const (), METH_NOARGS, c"Return a reverse iterator over the list."),
    method(c"__sizeof__", list_sizeof as *const (), METH_NOARGS, c"Return the size of the list in memory, in bytes."),
    method(c"clear", list_clear_method as *const (), METH_NOARGS, c"Remove all items from list."),
    method(c"copy", list_copy_method as *const (), METH_NOARGS, c"Return a shallow copy of the list."),
    method(c"append", list_append_method as *const (), METH_O, c"Append object to the end of the list."),
    method(c"insert", list_insert_method as *const (), METH_FASTCALL, c"Insert object before index."),
    method(c"extend", list_extend_method as *const (), METH_O, c"Extend list by appending elements from the iterable."),
    method(c"pop", list_pop_method as *const (), METH_FASTCALL, c"Remove and return item at index (default last).\n\nRaises IndexError if list is empty or index is out of range."),
    method(c"remove", list_remove_method as *const (), METH_O, c"Remove first occurrence of value.\n\nRaises ValueError if the value is not present."),
    method(c"index", list_index_method as *const (), METH_FASTCALL, c"Return first index of value.\n\nRaises ValueError if the value is not present."),
    method(c"count", list_count_method as *const (), METH_O, c"Return number of occurrences of value."),
    method(c"reverse", list_reverse_method as *const (), METH_NOARGS, c"Reverse *IN PLACE*."),
    method(c"sort", list_sort_method as *const (), METH_FASTCALL | METH_KEYWORDS, c"Sort the list in ascending order and return None.\n\nThe sort is in-place (i.e. the list itself is modified) and stable (i.e. the\norder of two equal elements is maintained).\n\nIf a key function is given, apply it once to each list item and sort them,\nascending or descending, according to their function values.\n\nThe reverse flag can be set to sort in descending order."),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    METHOD_END,
    METHOD_END,
];

fn none_obj() -> Obj {
    // Safety: None is immortal and always live.
    unsafe { Obj::from_borrowed(noneobject::none()) }
}

/// A `METH_FASTCALL` argument vector as a slice.
unsafe fn argv<'a>(args: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    if n <= 0 || args.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(args, n as usize)
    }
}

/// CPython's `_PyEval_SliceIndexNotNone`, for the start/stop of `index()`.
pub unsafe fn slice_index_not_none(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    if !crate::protocol::number::has_index(v) {
        return Err(raise(exc::type_error(), "slice indices must be integers or have an __index__ method"));
    }
    crate::protocol::number::as_ssize_t_exc(v, null_mut())
}

/// `_PyNumber_Index` then `PyLong_AsSsize_t`, as Argument Clinic converts `Py_ssize_t`.
pub unsafe fn ssize_arg(v: *mut PyObject) -> PyResult<Py_ssize_t> {
    let i = crate::protocol::number::index(v)?;
    match crate::objects::longobject::as_i64(i.as_ptr()) {
        Some(x) => Ok(x as Py_ssize_t),
        None => Err(raise(exc::overflow_error(), "Python int too large to convert to C ssize_t")),
    }
}

unsafe extern "C" fn list_getitem_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    list_subscript(op, key)
}

unsafe extern "C" fn list_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new_iter(op, true))
}

unsafe extern "C" fn list_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let n = std::mem::size_of::<PyListObject>() as i64 + (*raw(op)).allocated.max(0) as i64 * 8;
    crate::objects::longobject::from_i64(n).into_ptr()
}

unsafe extern "C" fn list_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    clear_items(op);
    noneobject::new_none()
}

unsafe extern "C" fn list_copy_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| from_slice(items(op)))
}

unsafe extern "C" fn list_append_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| append(op, v).map(|_| none_obj()))
}

unsafe extern "C" fn list_insert_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("insert", a.len(), 2, 2)?;
        let i = ssize_arg(a[0])?;
        insert(op, i, a[1])?;
        Ok(none_obj())
    })
}

unsafe extern "C" fn list_extend_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| extend(op, v).map(|_| none_obj()))
}

/// Removes and returns item `i` (negative counts from the end), CPython's messages.
pub unsafe fn pop(op: *mut PyObject, mut i: Py_ssize_t) -> PyResult<Obj> {
    let n = size_of_var(op);
    if n == 0 {
        return Err(raise(exc::index_error(), "pop from empty list"));
    }
    if i < 0 {
        i += n;
    }
    if i < 0 || i >= n {
        return Err(raise(exc::index_error(), "pop index out of range"));
    }
    let p = (*raw(op)).ob_item;
    let v = Obj::from_owned_nonnull(*p.offset(i));
    std::ptr::copy(p.offset(i + 1), p.offset(i), (n - i - 1) as usize);
    if let Err(e) = resize(op, n - 1) {
        // Put the item back; the list is as it was.
        std::ptr::copy(p.offset(i), p.offset(i + 1), (n - i - 1) as usize);
        *p.offset(i) = v.into_ptr();
        return Err(e);
    }
    Ok(v)
}

unsafe extern "C" fn list_pop_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("pop", a.len(), 0, 1)?;
        let i = if a.is_empty() { -1 } else { ssize_arg(a[0])? };
        pop(op, i)
    })
}

/// The first index in `[start, stop)` holding an item equal to `v` (the list is re-read at
/// every step, since `__eq__` may change it).
unsafe fn find(op: *mut PyObject, v: *mut PyObject, start: Py_ssize_t, stop: Py_ssize_t) -> PyResult<Option<Py_ssize_t>> {
    let mut i = start;
    while i < stop && i < size_of_var(op) {
        let it = Obj::from_borrowed(get_item(op, i));
        if proto::rich_compare_bool(it.as_ptr(), v, Py_EQ)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

unsafe extern "C" fn list_remove_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let Some(i) = find(op, v, 0, Py_ssize_t::MAX)? else {
            return Err(raise(exc::value_error(), "list.remove(x): x not in list"));
        };
        if i < size_of_var(op) {
            let removed = pop(op, i)?;
            drop(removed);
        }
        Ok(none_obj())
    })
}

unsafe extern "C" fn list_index_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("index", a.len(), 1, 3)?;
        let len = size_of_var(op);
        let mut start = if a.len() > 1 { slice_index_not_none(a[1])? } else { 0 };
        let mut stop = if a.len() > 2 { slice_index_not_none(a[2])? } else { Py_ssize_t::MAX };
        if start < 0 {
            start = (start + len).max(0);
        }
        if stop < 0 {
            stop = (stop + len).max(0);
        }
        match find(op, a[0], start, stop)? {
            Some(i) => Ok(crate::objects::longobject::from_i64(i as i64)),
            None => {
                let r = proto::repr(a[0])?;
                Err(raise(exc::value_error(), format!("{} is not in list", str_::as_str(r.as_ptr())?)))
            }
        }
    })
}

unsafe extern "C" fn list_count_method(op: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut count = 0i64;
        let mut i = 0;
        while i < size_of_var(op) {
            let it = Obj::from_borrowed(get_item(op, i));
            if it.as_ptr() == v || proto::rich_compare_bool(it.as_ptr(), v, Py_EQ)? {
                count += 1;
            }
            i += 1;
        }
        Ok(crate::objects::longobject::from_i64(count))
    })
}

unsafe extern "C" fn list_reverse_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    reverse(op);
    noneobject::new_none()
}

unsafe extern "C" fn list_sort_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        if !a.is_empty() {
            return Err(raise(exc::type_error(), "sort() takes no positional arguments"));
        }
        let names: &[*mut PyObject] = if kwnames.is_null() { &[] } else { tuple::items(kwnames) };
        if names.len() > 2 {
            return Err(raise(exc::type_error(), format!("sort() takes at most 2 keyword arguments ({} given)", names.len())));
        }
        let values = argv(args.wrapping_add(a.len()), names.len() as Py_ssize_t);
        let (mut key, mut reverse) = (null_mut(), false);
        for (&k, &v) in names.iter().zip(values.iter()) {
            match str_::as_str(k)? {
                "key" => key = v,
                "reverse" => {
                    let i = crate::protocol::number::index(v)?;
                    reverse = crate::objects::longobject::sign(i.as_ptr()) != 0;
                }
                other => {
                    return Err(raise(exc::type_error(), format!("'{other}' is an invalid keyword argument for sort()")));
                }
            }
        }
        crate::objects::list_sort::sort(op, key, reverse)?;
        Ok(none_obj())
    })
}

// ---- list_iterator and list_reverseiterator ------------------------------------------------

/// CPython's `listiterobject` (and `listreviterobject`, the same layout).
#[repr(C)]
pub struct ListIterObject {
    pub ob_base: PyObject,
    pub it_index: Py_ssize_t,
    /// NULL once exhausted.
    pub it_seq: *mut PyObject,
}

static mut LISTITER_METHODS: [PyMethodDef; 4] = [
    method(c"__length_hint__", listiter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", listiter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__setstate__", listiter_setstate as *const (), METH_O, c"Set state information for unpickling."),
    METHOD_END,
];

#[no_mangle]
pub static mut PyListIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"list_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<ListIterObject>() as _,
    tp_dealloc: Some(listiter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(listiter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(listiter_next),
    tp_methods: (&raw mut LISTITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

#[no_mangle]
pub static mut PyListRevIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"list_reverseiterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<ListIterObject>() as _,
    tp_dealloc: Some(listiter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(listiter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(listreviter_next),
    tp_methods: (&raw mut LISTITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe fn is_reverse_iter(it: *mut PyObject) -> bool {
    type_of(it) == &raw mut PyListRevIter_Type
}

/// `iter(list)` or `reversed(list)`.
pub unsafe fn new_iter(op: *mut PyObject, reversed: bool) -> PyResult<Obj> {
    let it = crate::gc::alloc(std::mem::size_of::<ListIterObject>());
    if it.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    let tp = if reversed { &raw mut PyListRevIter_Type } else { &raw mut PyListIter_Type };
    typeobject::init_object(it, tp);
    let li = it as *mut ListIterObject;
    incref(op);
    (*li).it_seq = op;
    (*li).it_index = if reversed { size_of_var(op) - 1 } else { 0 };
    crate::gc::track(it);
    Ok(Obj::from_owned_nonnull(it))
}

unsafe extern "C" fn list_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| new_iter(op, false))
}

unsafe extern "C" fn listiter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut ListIterObject)).it_seq);
    crate::gc::free(op);
}

unsafe extern "C" fn listiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut ListIterObject)).it_seq;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe fn exhaust(li: *mut ListIterObject) {
    let s = (*li).it_seq;
    (*li).it_seq = null_mut();
    xdecref(s);
}

unsafe extern "C" fn listiter_next(op: *mut PyObject) -> *mut PyObject {
    let li = op as *mut ListIterObject;
    let s = (*li).it_seq;
    if s.is_null() {
        return null_mut();
    }
    let i = (*li).it_index;
    if i < size_of_var(s) {
        (*li).it_index = i + 1;
        let v = get_item(s, i);
        incref(v);
        return v;
    }
    exhaust(li);
    null_mut()
}

unsafe extern "C" fn listreviter_next(op: *mut PyObject) -> *mut PyObject {
    let li = op as *mut ListIterObject;
    let s = (*li).it_seq;
    if s.is_null() {
        return null_mut();
    }
    let i = (*li).it_index;
    if i >= 0 && i < size_of_var(s) {
        (*li).it_index = i - 1;
        let v = get_item(s, i);
        incref(v);
        return v;
    }
    (*li).it_index = -1;
    exhaust(li);
    null_mut()
}

unsafe extern "C" fn listiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let li = op as *mut ListIterObject;
    let s = (*li).it_seq;
    let n = if s.is_null() {
        0
    } else if is_reverse_iter(op) {
        let n = (*li).it_index + 1;
        if size_of_var(s) < n { 0 } else { n }
    } else {
        (size_of_var(s) - (*li).it_index).max(0)
    };
    crate::objects::longobject::from_i64(n as i64).into_ptr()
}

/// `(iter, (list,), index)`, or `(iter, ([],))` once exhausted.
unsafe extern "C" fn listiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let li = op as *mut ListIterObject;
        let s = (*li).it_seq;
        let rev = is_reverse_iter(op);
        if s.is_null() {
            let iter = crate::eval_hooks::builtin("iter")?;
            let empty = new(0)?;
            let args = tuple::pack(&[empty.as_ptr()])?;
            return tuple::pack(&[iter.as_ptr(), args.as_ptr()]);
        }
        let f = crate::eval_hooks::builtin(if rev { "reversed" } else { "iter" })?;
        let args = tuple::pack(&[s])?;
        let idx = crate::objects::longobject::from_i64((*li).it_index as i64);
        tuple::pack(&[f.as_ptr(), args.as_ptr(), idx.as_ptr()])
    })
}

unsafe extern "C" fn listiter_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let li = op as *mut ListIterObject;
        let mut i = crate::protocol::number::as_ssize_t(state)?;
        let s = (*li).it_seq;
        if !s.is_null() {
            if is_reverse_iter(op) {
                if i < -1 {
                    i = -1;
                } else if i > size_of_var(s) - 1 {
                    i = size_of_var(s) - 1;
                }
            } else if i < 0 {
                i = 0;
            } else if i > size_of_var(s) {
                i = size_of_var(s);
            }
            (*li).it_index = i;
        }
        Ok(none_obj())
    })
}
