//! `set`, `frozenset` and `set_iterator`: CPython 3.11's open-addressed table of
//! `setentry` (key, cached hash), the 8-entry `smalltable`, linear probes then perturbation,
//! and the `<dummy key>` marking deleted slots, so iteration order and `hash(frozenset)`
//! equal CPython's.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names and comments
//! say, and runs with the thread state attached; raw field accesses rely on that.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, is_subtype, method, METHOD_END};
use crate::objects::{boolobject, dictobject as dict, listobject as list, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

// ---- the dummy key -------------------------------------------------------------------------

static mut DUMMY_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"<dummy key> type".as_ptr(),
    tp_dealloc: Some(noneobject::singleton_dealloc),
    tp_repr: Some(dummy_repr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    ..PyTypeObject::EMPTY
};

static mut DUMMY_STRUCT: PyObject = immortal_head(&raw mut DUMMY_TYPE);

/// The key of deleted entries (exported as CPython does, for debuggers).
#[no_mangle]
pub static mut _PySet_Dummy: *mut PyObject = &raw mut DUMMY_STRUCT;

#[inline(always)]
fn dummy() -> *mut PyObject {
    &raw mut DUMMY_STRUCT
}

unsafe extern "C" fn dummy_repr(_: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str("<dummy key>"))
}

// ---- types ---------------------------------------------------------------------------------

static mut SET_AS_SEQUENCE: PySequenceMethods =
    PySequenceMethods { sq_length: Some(set_len), sq_contains: Some(set_contains_slot), ..PySequenceMethods::EMPTY };

static mut SET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    nb_inplace_subtract: Some(set_isub),
    nb_inplace_and: Some(set_iand),
    nb_inplace_xor: Some(set_ixor),
    nb_inplace_or: Some(set_ior),
    ..PyNumberMethods::EMPTY
};

static mut FROZENSET_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(set_sub),
    nb_and: Some(set_and),
    nb_xor: Some(set_xor),
    nb_or: Some(set_or),
    ..PyNumberMethods::EMPTY
};

const CONTAINS_DOC: &std::ffi::CStr = c"x.__contains__(y) <==> y in x.";
const COPY_DOC: &std::ffi::CStr = c"Return a shallow copy of a set.";
const DIFF_DOC: &std::ffi::CStr = c"Return the difference of two or more sets as a new set.\n\n(i.e. all elements that are in this set but not the others.)";
const INTER_DOC: &std::ffi::CStr = c"Return the intersection of two sets as a new set.\n\n(i.e. all elements that are in both sets.)";
const DISJOINT_DOC: &std::ffi::CStr = c"Return True if two sets have a null intersection.";
const SUBSET_DOC: &std::ffi::CStr = c"Report whether another set contains this set.";
const SUPERSET_DOC: &std::ffi::CStr = c"Report whether this set contains another set.";
const REDUCE_DOC: &std::ffi::CStr = c"Return state information for pickling.";
const SIZEOF_DOC: &std::ffi::CStr = c"S.__sizeof__() -> size of S in memory, in bytes";
const SYMDIFF_DOC: &std::ffi::CStr = c"Return the symmetric difference of two sets as a new set.\n\n(i.e. all elements that are in exactly one of the sets.)";
const UNION_DOC: &std::ffi::CStr = c"Return the union of sets as a new set.\n\n(i.e. all elements that are in either set.)";

static mut SET_METHODS: [PyMethodDef; 23] = [
    typeobject::method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    method(c"add", set_add_method as *const (), METH_O, c"Add an element to a set.\n\nThis has no effect if the element is already present."),
    method(c"clear", set_clear_method as *const (), METH_NOARGS, c"Remove all elements from this set."),
    method(c"__contains__", set_direct_contains as *const (), METH_O | METH_COEXIST, CONTAINS_DOC),
    method(c"copy", set_copy_method as *const (), METH_NOARGS, COPY_DOC),
    method(c"discard", set_discard_method as *const (), METH_O, c"Remove an element from a set if it is a member.\n\nUnlike set.remove(), the discard() method does not raise\nan exception when an element is missing from the set."),
    method(c"difference", set_difference_multi as *const (), METH_VARARGS, DIFF_DOC),
    method(c"difference_update", set_difference_update_method as *const (), METH_VARARGS, c"Remove all elements of another set from this set."),
    method(c"intersection", set_intersection_multi as *const (), METH_VARARGS, INTER_DOC),
    method(c"intersection_update", set_intersection_update_multi as *const (), METH_VARARGS, c"Update a set with the intersection of itself and another."),
    method(c"isdisjoint", set_isdisjoint as *const (), METH_O, DISJOINT_DOC),
    method(c"issubset", set_issubset_method as *const (), METH_O, SUBSET_DOC),
    method(c"issuperset", set_issuperset_method as *const (), METH_O, SUPERSET_DOC),
    method(c"pop", set_pop_method as *const (), METH_NOARGS, c"Remove and return an arbitrary set element.\nRaises KeyError if the set is empty."),
    method(c"__reduce__", set_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"remove", set_remove_method as *const (), METH_O, c"Remove an element from a set; it must be a member.\n\nIf the element is not a member, raise a KeyError."),
    method(c"__sizeof__", set_sizeof as *const (), METH_NOARGS, SIZEOF_DOC),
    method(c"symmetric_difference", set_symmetric_difference_method as *const (), METH_O, SYMDIFF_DOC),
    method(c"symmetric_difference_update", set_symmetric_difference_update_method as *const (), METH_O, c"Update a set with the symmetric difference of itself and another."),
    method(c"union", set_union as *const (), METH_VARARGS, UNION_DOC),
    method(c"update", set_update_method as *const (), METH_VARARGS, c"Update a set with the union of itself and others."),
    METHOD_END,
    METHOD_END,
];

static mut FROZENSET_METHODS: [PyMethodDef; 13] = [
    typeobject::method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    method(c"__contains__", set_direct_contains as *const (), METH_O | METH_COEXIST, CONTAINS_DOC),
    method(c"copy", frozenset_copy as *const (), METH_NOARGS, COPY_DOC),
    method(c"difference", set_difference_multi as *const (), METH_VARARGS, DIFF_DOC),
    method(c"intersection", set_intersection_multi as *const (), METH_VARARGS, INTER_DOC),
    method(c"isdisjoint", set_isdisjoint as *const (), METH_O, DISJOINT_DOC),
    method(c"issubset", set_issubset_method as *const (), METH_O, SUBSET_DOC),
    method(c"issuperset", set_issuperset_method as *const (), METH_O, SUPERSET_DOC),
    method(c"__reduce__", set_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__sizeof__", set_sizeof as *const (), METH_NOARGS, SIZEOF_DOC),
    method(c"symmetric_difference", set_symmetric_difference_method as *const (), METH_O, SYMDIFF_DOC),
    method(c"union", set_union as *const (), METH_VARARGS, UNION_DOC),
    METHOD_END,
];

#[no_mangle]
pub static mut PySet_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"set".as_ptr(),
    tp_basicsize: size_of::<PySetObject>() as _,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_as_number: &raw mut SET_AS_NUMBER,
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"set() -> new empty set object\nset(iterable) -> new set object\n\nBuild an unordered collection of unique elements.".as_ptr(),
    tp_traverse: Some(set_traverse),
    tp_clear: Some(set_tp_clear),
    tp_richcompare: Some(set_richcompare),
    tp_weaklistoffset: offset_of!(PySetObject, weakreflist) as _,
    tp_iter: Some(set_iter),
    tp_methods: (&raw mut SET_METHODS) as *mut PyMethodDef,
    tp_init: Some(set_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(set_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(set_vectorcall),
    ..PyTypeObject::EMPTY
};

#[no_mangle]
pub static mut PyFrozenSet_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"frozenset".as_ptr(),
    tp_basicsize: size_of::<PySetObject>() as _,
    tp_dealloc: Some(set_dealloc),
    tp_repr: Some(set_repr),
    tp_as_number: &raw mut FROZENSET_AS_NUMBER,
    tp_as_sequence: &raw mut SET_AS_SEQUENCE,
    tp_hash: Some(frozenset_hash),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"frozenset() -> empty frozenset object\nfrozenset(iterable) -> frozenset object\n\nBuild an immutable unordered collection of unique elements.".as_ptr(),
    tp_traverse: Some(set_traverse),
    tp_clear: Some(set_tp_clear),
    tp_richcompare: Some(set_richcompare),
    tp_weaklistoffset: offset_of!(PySetObject, weakreflist) as _,
    tp_iter: Some(set_iter),
    tp_methods: (&raw mut FROZENSET_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(frozenset_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_vectorcall: Some(frozenset_vectorcall),
    ..PyTypeObject::EMPTY
};

#[inline(always)]
pub fn set_type() -> *mut PyTypeObject {
    &raw mut PySet_Type
}

#[inline(always)]
pub fn frozenset_type() -> *mut PyTypeObject {
    &raw mut PyFrozenSet_Type
}

/// PySet_Check: a set or a subclass of set.
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == set_type() || is_subtype(type_of(op), set_type())
}

pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == set_type()
}

/// PyFrozenSet_Check.
pub unsafe fn frozenset_check(op: *mut PyObject) -> bool {
    type_of(op) == frozenset_type() || is_subtype(type_of(op), frozenset_type())
}

pub unsafe fn frozenset_check_exact(op: *mut PyObject) -> bool {
    type_of(op) == frozenset_type()
}

/// PyAnySet_Check: set, frozenset, or a subclass of either.
pub unsafe fn any_check(op: *mut PyObject) -> bool {
    check(op) || frozenset_check(op)
}

unsafe fn any_check_exact(op: *mut PyObject) -> bool {
    check_exact(op) || frozenset_check_exact(op)
}

#[inline(always)]
unsafe fn raw(op: *mut PyObject) -> *mut PySetObject {
    op as *mut PySetObject
}

/// Number of items (PySet_GET_SIZE).
#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    (*raw(op)).used
}

// ---- the table -----------------------------------------------------------------------------

#[inline(always)]
unsafe fn entry_at(so: *mut PySetObject, i: usize) -> *mut setentry {
    (*so).table.add(i)
}

#[inline(always)]
unsafe fn is_free(e: *mut setentry) -> bool {
    (*e).hash == 0 && (*e).key.is_null()
}

/// The entry holding `key`, or the free slot ending its probe sequence (key NULL).
/// `__eq__` may mutate the set; then the search restarts, as CPython's does.
unsafe fn lookkey(so: *mut PySetObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<*mut setentry> {
    'restart: loop {
        let mut mask = (*so).mask as usize;
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                let e = entry_at(so, i + j);
                if is_free(e) {
                    return Ok(e);
                }
                if (*e).hash == hash {
                    let startkey = (*e).key;
                    if startkey == key || str_eq(startkey, key) {
                        return Ok(e);
                    }
                    let table = (*so).table;
                    let eq = compare_eq(startkey, key)?;
                    if table != (*so).table || (*e).key != startkey {
                        continue 'restart;
                    }
                    if eq {
                        return Ok(e);
                    }
                    mask = (*so).mask as usize;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
}

#[inline]
unsafe fn str_eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    str_::check_exact(a) && str_::check_exact(b) && str_::eq(a, b)
}

/// `a == b`, holding a reference to `a` across the call (it may be removed meanwhile).
unsafe fn compare_eq(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    let a = Obj::from_borrowed(a);
    proto::rich_compare_bool(a.as_ptr(), b, Py_EQ)
}

/// Adds `key` (borrowed) with its known hash.
unsafe fn add_entry(so: *mut PySetObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<()> {
    // Held from the start: arbitrary __eq__ code must not free the key before it is stored.
    let key = Obj::from_borrowed(key);
    'restart: loop {
        let mut mask = (*so).mask as usize;
        let mut perturb = hash as usize;
        let mut i = hash as usize & mask;
        let mut freeslot: *mut setentry = null_mut();
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                let e = entry_at(so, i + j);
                if is_free(e) {
                    if !freeslot.is_null() {
                        (*so).used += 1;
                        (*freeslot).key = key.into_ptr();
                        (*freeslot).hash = hash;
                        return Ok(());
                    }
                    (*so).fill += 1;
                    (*so).used += 1;
                    (*e).key = key.into_ptr();
                    (*e).hash = hash;
                    if ((*so).fill as usize) * 5 < mask * 3 {
                        return Ok(());
                    }
                    let used = (*so).used;
                    return table_resize(so, if used > 50000 { used * 2 } else { used * 4 });
                }
                if (*e).hash == hash {
                    let startkey = (*e).key;
                    if startkey == key.as_ptr() || str_eq(startkey, key.as_ptr()) {
                        return Ok(());
                    }
                    let table = (*so).table;
                    if compare_eq(startkey, key.as_ptr())? {
                        return Ok(());
                    }
                    if table != (*so).table || (*e).key != startkey {
                        continue 'restart;
                    }
                    mask = (*so).mask as usize;
                } else if (*e).hash == -1 {
                    freeslot = e;
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }
}

/// Stores a key known to be absent into a table without dummies (no comparisons).
unsafe fn insert_clean(table: *mut setentry, mask: usize, key: *mut PyObject, hash: Py_hash_t) {
    let mut perturb = hash as usize;
    let mut i = hash as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
        for j in 0..=probes {
            let e = table.add(i + j);
            if (*e).key.is_null() {
                (*e).key = key;
                (*e).hash = hash;
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
    }
}

/// Rebuilds the table with the smallest power of two above `minused`, dropping dummies.
unsafe fn table_resize(so: *mut PySetObject, minused: Py_ssize_t) -> PyResult<()> {
    let oldmask = (*so).mask as usize;
    let mut newsize = PySet_MINSIZE;
    while newsize <= minused as usize {
        newsize <<= 1;
    }
    let small = (&raw mut (*so).smalltable) as *mut setentry;
    let mut oldtable = (*so).table;
    let old_malloced = oldtable != small;
    let mut small_copy: [setentry; PySet_MINSIZE] = std::mem::zeroed();
    let newtable = if newsize == PySet_MINSIZE {
        if oldtable == small {
            if (*so).fill == (*so).used {
                return Ok(());
            }
            // Rebuilding the small table in place: copy it out first.
            std::ptr::copy_nonoverlapping(small, small_copy.as_mut_ptr(), PySet_MINSIZE);
            oldtable = small_copy.as_mut_ptr();
        }
        small
    } else {
        let Some(bytes) = newsize.checked_mul(size_of::<setentry>()) else {
            return Err(crate::objects::exceptions::no_memory());
        };
        let t = crate::mem::malloc(bytes) as *mut setentry;
        if t.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        t
    };
    std::ptr::write_bytes(newtable, 0, newsize);
    (*so).mask = newsize as Py_ssize_t - 1;
    (*so).table = newtable;
    let newmask = newsize - 1;
    let no_dummies = (*so).fill == (*so).used;
    (*so).fill = (*so).used;
    for k in 0..=oldmask {
        let e = oldtable.add(k);
        if !(*e).key.is_null() && (no_dummies || (*e).key != dummy()) {
            insert_clean(newtable, newmask, (*e).key, (*e).hash);
        }
    }
    if old_malloced {
        crate::mem::free(oldtable as *mut c_void);
    }
    Ok(())
}

/// The hash of a key, using a str's cached hash.
#[inline]
unsafe fn key_hash(key: *mut PyObject) -> PyResult<Py_hash_t> {
    proto::hash_checked(key)
}

unsafe fn contains_entry(so: *mut PySetObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    Ok(!(*lookkey(so, key, hash)?).key.is_null())
}

/// Removes `key`; Ok(false) when it was absent.
unsafe fn discard_entry(so: *mut PySetObject, key: *mut PyObject, hash: Py_hash_t) -> PyResult<bool> {
    let e = lookkey(so, key, hash)?;
    if (*e).key.is_null() {
        return Ok(false);
    }
    let old = (*e).key;
    (*e).key = dummy();
    (*e).hash = -1;
    (*so).used -= 1;
    decref(old);
    Ok(true)
}

unsafe fn add_key(so: *mut PySetObject, key: *mut PyObject) -> PyResult<()> {
    add_entry(so, key, key_hash(key)?)
}

unsafe fn contains_key(so: *mut PySetObject, key: *mut PyObject) -> PyResult<bool> {
    contains_entry(so, key, key_hash(key)?)
}

unsafe fn discard_key(so: *mut PySetObject, key: *mut PyObject) -> PyResult<bool> {
    discard_entry(so, key, key_hash(key)?)
}

unsafe fn empty_to_minsize(so: *mut PySetObject) {
    std::ptr::write_bytes((&raw mut (*so).smalltable) as *mut setentry, 0, PySet_MINSIZE);
    (*so).fill = 0;
    (*so).used = 0;
    (*so).mask = PySet_MINSIZE as Py_ssize_t - 1;
    (*so).table = (&raw mut (*so).smalltable) as *mut setentry;
    (*so).hash = -1;
}

/// Empties the set before releasing the keys: their destructors may touch the set again.
unsafe fn clear_internal(so: *mut PySetObject) {
    let table = (*so).table;
    let small = (&raw mut (*so).smalltable) as *mut setentry;
    let (fill, mut used) = ((*so).fill, (*so).used);
    let malloced = table != small;
    let mut small_copy: [setentry; PySet_MINSIZE] = std::mem::zeroed();
    let mut t = table;
    if malloced {
        empty_to_minsize(so);
    } else if fill > 0 {
        std::ptr::copy_nonoverlapping(table, small_copy.as_mut_ptr(), PySet_MINSIZE);
        t = small_copy.as_mut_ptr();
        empty_to_minsize(so);
    }
    let mut e = t;
    while used > 0 {
        if !(*e).key.is_null() && (*e).key != dummy() {
            used -= 1;
            decref((*e).key);
        }
        e = e.add(1);
    }
    if malloced {
        crate::mem::free(table as *mut c_void);
    }
}

/// The next live entry from `*pos` on (CPython's set_next).
unsafe fn next_entry(so: *mut PySetObject, pos: &mut Py_ssize_t) -> Option<*mut setentry> {
    let mask = (*so).mask;
    let mut i = *pos;
    while i <= mask {
        let e = entry_at(so, i as usize);
        if !(*e).key.is_null() && (*e).key != dummy() {
            *pos = i + 1;
            return Some(e);
        }
        i += 1;
    }
    *pos = i + 1;
    None
}

/// (key, hash) of every live entry, the keys held: a snapshot safe against mutation.
unsafe fn snapshot(so: *mut PySetObject) -> Vec<(Obj, Py_hash_t)> {
    let mut out = Vec::with_capacity((*so).used as usize);
    let mut pos = 0;
    while let Some(e) = next_entry(so, &mut pos) {
        out.push((Obj::from_borrowed((*e).key), (*e).hash));
    }
    out
}

/// The keys in table order (borrowed; the set must not change while they are used).
pub unsafe fn keys(op: *mut PyObject) -> Vec<*mut PyObject> {
    let so = raw(op);
    let mut out = Vec::with_capacity((*so).used as usize);
    let mut pos = 0;
    while let Some(e) = next_entry(so, &mut pos) {
        out.push((*e).key);
    }
    out
}

/// `so |= other` for another set.
unsafe fn merge(so: *mut PySetObject, other: *mut PySetObject) -> PyResult<()> {
    if other == so || (*other).used == 0 {
        return Ok(());
    }
    // One big resize first rather than several while inserting.
    if ((*so).fill + (*other).used) * 5 >= (*so).mask * 3 {
        table_resize(so, ((*so).used + (*other).used) * 2)?;
    }
    if (*so).fill == 0 && (*so).mask == (*other).mask && (*other).fill == (*other).used {
        // Same size, no dummies: the tables can be copied slot for slot.
        for i in 0..=(*other).mask as usize {
            let (d, s) = (entry_at(so, i), entry_at(other, i));
            if !(*s).key.is_null() {
                incref((*s).key);
                (*d).key = (*s).key;
                (*d).hash = (*s).hash;
            }
        }
        (*so).fill = (*other).fill;
        (*so).used = (*other).used;
        return Ok(());
    }
    if (*so).fill == 0 {
        let (table, mask) = ((*so).table, (*so).mask as usize);
        (*so).fill = (*other).used;
        (*so).used = (*other).used;
        for i in 0..=(*other).mask as usize {
            let s = entry_at(other, i);
            if !(*s).key.is_null() && (*s).key != dummy() {
                incref((*s).key);
                insert_clean(table, mask, (*s).key, (*s).hash);
            }
        }
        return Ok(());
    }
    for (k, h) in snapshot(other) {
        add_entry(so, k.as_ptr(), h)?;
    }
    Ok(())
}

/// `so.update(other)` for any iterable.
unsafe fn update_internal(so: *mut PySetObject, other: *mut PyObject) -> PyResult<()> {
    if any_check(other) {
        return merge(so, raw(other));
    }
    if dict::check_exact(other) {
        let n = dict::len(other);
        if ((*so).fill + n) * 5 >= (*so).mask * 3 {
            table_resize(so, ((*so).used + n) * 2)?;
        }
        let held: Vec<(Obj, Py_hash_t)> =
            dict::keys_of(other).entries.iter().filter(|e| !e.key.is_null()).map(|e| (Obj::from_borrowed(e.key), e.hash)).collect();
        for (k, h) in held {
            add_entry(so, k.as_ptr(), h)?;
        }
        return Ok(());
    }
    let it = crate::protocol::iter::get_iter(other)?;
    while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
        add_key(so, k.as_ptr())?;
    }
    Ok(())
}

/// A new set or frozenset of type `tp` (any subtype), filled from `iterable` (may be NULL).
unsafe fn make_new_set(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Obj> {
    let op = typeobject::alloc_instance(tp)?;
    let so = raw(op.as_ptr());
    (*so).fill = 0;
    (*so).used = 0;
    (*so).mask = PySet_MINSIZE as Py_ssize_t - 1;
    (*so).table = (&raw mut (*so).smalltable) as *mut setentry;
    (*so).hash = -1;
    (*so).finger = 0;
    (*so).weakreflist = null_mut();
    if !iterable.is_null() {
        update_internal(so, iterable)?;
    }
    Ok(op)
}

/// Results of operations on subclasses are plain sets or frozensets.
unsafe fn make_new_set_basetype(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Obj> {
    let tp = if tp == set_type() || tp == frozenset_type() {
        tp
    } else if is_subtype(tp, set_type()) {
        set_type()
    } else {
        frozenset_type()
    };
    make_new_set(tp, iterable)
}

unsafe fn make_new_frozenset(tp: *mut PyTypeObject, iterable: *mut PyObject) -> PyResult<Obj> {
    if tp == frozenset_type() && !iterable.is_null() && frozenset_check_exact(iterable) {
        return Ok(Obj::from_borrowed(iterable));
    }
    make_new_set(tp, iterable)
}

/// PySet_New: a new set from `iterable` (NULL for an empty one).
pub unsafe fn new_set(iterable: *mut PyObject) -> PyResult<Obj> {
    make_new_set(set_type(), iterable)
}

/// PyFrozenSet_New: a new frozenset from `iterable` (NULL for an empty one).
pub unsafe fn new_frozenset(iterable: *mut PyObject) -> PyResult<Obj> {
    make_new_set(frozenset_type(), iterable)
}

/// `set.add(key)` (borrowed key).
pub unsafe fn add(set: *mut PyObject, key: *mut PyObject) -> PyResult<()> {
    add_key(raw(set), key)
}

/// `key in set`, without the set-to-frozenset retry of the `in` operator (PySet_Contains).
pub unsafe fn contains(set: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    contains_key(raw(set), key)
}

/// `set.discard(key)`: Ok(true) when the key was there (PySet_Discard).
pub unsafe fn discard(set: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    discard_key(raw(set), key)
}

/// `set.clear()`.
pub unsafe fn clear(set: *mut PyObject) {
    clear_internal(raw(set))
}

/// `set.update(iterable)` (_PySet_Update).
pub unsafe fn update(set: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    update_internal(raw(set), iterable)
}

/// `set.pop()`: a new reference.
pub unsafe fn pop(set: *mut PyObject) -> PyResult<Obj> {
    let so = raw(set);
    if (*so).used == 0 {
        return Err(raise(exc::key_error(), "pop from an empty set"));
    }
    let mask = (*so).mask as usize;
    let mut i = (*so).finger as usize & mask;
    loop {
        let e = entry_at(so, i);
        if !(*e).key.is_null() && (*e).key != dummy() {
            let key = (*e).key;
            (*e).key = dummy();
            (*e).hash = -1;
            (*so).used -= 1;
            (*so).finger = i as Py_ssize_t + 1;
            return Ok(Obj::from_owned_nonnull(key));
        }
        i = if i == mask { 0 } else { i + 1 };
    }
}

/// CPython's _PySet_NextEntry: borrowed key and its hash.
pub unsafe fn next(set: *mut PyObject, pos: &mut Py_ssize_t) -> Option<(*mut PyObject, Py_hash_t)> {
    next_entry(raw(set), pos).map(|e| ((*e).key, (*e).hash))
}

/// Exchanges the contents of two sets (for the in-place operations).
unsafe fn swap_bodies(a: *mut PySetObject, b: *mut PySetObject) {
    std::mem::swap(&mut (*a).fill, &mut (*b).fill);
    std::mem::swap(&mut (*a).used, &mut (*b).used);
    std::mem::swap(&mut (*a).mask, &mut (*b).mask);
    let (sa, sb) = ((&raw mut (*a).smalltable) as *mut setentry, (&raw mut (*b).smalltable) as *mut setentry);
    let (ta, tb) = ((*a).table, (*b).table);
    (*a).table = if tb == sb { sa } else { tb };
    (*b).table = if ta == sa { sb } else { ta };
    if (*a).table == sa || (*b).table == sb {
        std::ptr::swap(&raw mut (*a).smalltable, &raw mut (*b).smalltable);
    }
    let frozen = |s: *mut PySetObject| is_subtype(type_of(s as *mut PyObject), frozenset_type());
    if frozen(a) && frozen(b) {
        std::mem::swap(&mut (*a).hash, &mut (*b).hash);
    } else {
        (*a).hash = -1;
        (*b).hash = -1;
    }
}

// ---- operations ----------------------------------------------------------------------------

unsafe fn copy(op: *mut PyObject) -> PyResult<Obj> {
    make_new_set_basetype(type_of(op), op)
}

unsafe fn intersection(op: *mut PyObject, other: *mut PyObject) -> PyResult<Obj> {
    if op == other {
        return copy(op);
    }
    let result = make_new_set_basetype(type_of(op), null_mut())?;
    let rs = raw(result.as_ptr());
    if any_check(other) {
        let (mut big, mut small) = (op, other);
        if len(small) > len(big) {
            std::mem::swap(&mut big, &mut small);
        }
        for (k, h) in snapshot(raw(small)) {
            if contains_entry(raw(big), k.as_ptr(), h)? {
                add_entry(rs, k.as_ptr(), h)?;
            }
        }
        return Ok(result);
    }
    let it = crate::protocol::iter::get_iter(other)?;
    while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
        let h = key_hash(k.as_ptr())?;
        if contains_entry(raw(op), k.as_ptr(), h)? {
            add_entry(rs, k.as_ptr(), h)?;
            if len(result.as_ptr()) >= len(op) {
                break;
            }
        }
    }
    Ok(result)
}

unsafe fn intersection_multi(op: *mut PyObject, args: *mut PyObject) -> PyResult<Obj> {
    if size_of_var(args) == 0 {
        return copy(op);
    }
    let mut result = Obj::from_borrowed(op);
    for &other in tuple::items(args) {
        result = intersection(result.as_ptr(), other)?;
    }
    Ok(result)
}

unsafe fn difference_update_internal(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    let so = raw(op);
    if op == other {
        clear_internal(so);
        return Ok(());
    }
    if any_check(other) {
        // When the other set is far larger, walk only the common part.
        let other = if (len(other) >> 3) > len(op) { intersection(op, other)? } else { Obj::from_borrowed(other) };
        for (k, h) in snapshot(raw(other.as_ptr())) {
            discard_entry(so, k.as_ptr(), h)?;
        }
    } else {
        let it = crate::protocol::iter::get_iter(other)?;
        while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
            discard_key(so, k.as_ptr())?;
        }
    }
    // More than a quarter dummies: resize them away.
    if ((*so).fill - (*so).used) as usize <= (*so).mask as usize / 4 {
        return Ok(());
    }
    let used = (*so).used;
    table_resize(so, if used > 50000 { used * 2 } else { used * 4 })
}

unsafe fn copy_and_difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Obj> {
    let r = copy(op)?;
    difference_update_internal(r.as_ptr(), other)?;
    Ok(r)
}

unsafe fn difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Obj> {
    let other_size = if any_check(other) {
        len(other)
    } else if dict::check_exact(other) {
        dict::len(other)
    } else {
        return copy_and_difference(op, other);
    };
    if (len(op) >> 2) > other_size {
        return copy_and_difference(op, other);
    }
    let result = make_new_set_basetype(type_of(op), null_mut())?;
    let is_dict = dict::check_exact(other);
    for (k, h) in snapshot(raw(op)) {
        let present = if is_dict { dict::get_item(other, k.as_ptr())?.is_some() } else { contains_entry(raw(other), k.as_ptr(), h)? };
        if !present {
            add_entry(raw(result.as_ptr()), k.as_ptr(), h)?;
        }
    }
    Ok(result)
}

unsafe fn symmetric_difference_update(op: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    let so = raw(op);
    if op == other {
        clear_internal(so);
        return Ok(());
    }
    let items: Vec<(Obj, Py_hash_t)> = if dict::check_exact(other) {
        dict::keys_of(other).entries.iter().filter(|e| !e.key.is_null()).map(|e| (Obj::from_borrowed(e.key), e.hash)).collect()
    } else if any_check(other) {
        snapshot(raw(other))
    } else {
        let tmp = make_new_set_basetype(type_of(op), other)?;
        snapshot(raw(tmp.as_ptr()))
    };
    for (k, h) in items {
        if !discard_entry(so, k.as_ptr(), h)? {
            add_entry(so, k.as_ptr(), h)?;
        }
    }
    Ok(())
}

unsafe fn symmetric_difference(op: *mut PyObject, other: *mut PyObject) -> PyResult<Obj> {
    let r = make_new_set_basetype(type_of(op), other)?;
    symmetric_difference_update(r.as_ptr(), op)?;
    Ok(r)
}

unsafe fn issubset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    if !any_check(other) {
        let tmp = make_new_set(set_type(), other)?;
        return issubset(op, tmp.as_ptr());
    }
    if len(op) > len(other) {
        return Ok(false);
    }
    for (k, h) in snapshot(raw(op)) {
        if !contains_entry(raw(other), k.as_ptr(), h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe fn issuperset(op: *mut PyObject, other: *mut PyObject) -> PyResult<bool> {
    if any_check(other) {
        return issubset(other, op);
    }
    let it = crate::protocol::iter::get_iter(other)?;
    while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
        if !contains_key(raw(op), k.as_ptr())? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A set given as a key (`{1} in s`) is looked up as the equal frozenset.
unsafe fn with_frozen_key<T>(key: *mut PyObject, f: impl Fn(*mut PyObject) -> PyResult<T>) -> PyResult<T> {
    match f(key) {
        Ok(v) => Ok(v),
        Err(e) => {
            if !check(key) || !err::exception_matches(exc::type_error()) {
                return Err(e);
            }
            err::clear();
            let tmp = make_new_set(frozenset_type(), key)?;
            f(tmp.as_ptr())
        }
    }
}

unsafe fn set_contains(op: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    with_frozen_key(key, |k| contains_key(raw(op), k))
}

fn bool_obj(v: bool) -> Obj {
    // Safety: True and False are immortal statics.
    unsafe { Obj::from_borrowed(boolobject::new_bool(v)) }
}

fn none_obj() -> Obj {
    // Safety: None is an immortal static.
    unsafe { Obj::from_borrowed(noneobject::none()) }
}

// ---- slots ---------------------------------------------------------------------------------

unsafe extern "C" fn set_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let so = raw(op);
    if !(*so).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    let mut used = (*so).used;
    let mut e = (*so).table;
    while used > 0 {
        if !(*e).key.is_null() && (*e).key != dummy() {
            used -= 1;
            decref((*e).key);
        }
        e = e.add(1);
    }
    if (*so).table != (&raw mut (*so).smalltable) as *mut setentry {
        crate::mem::free((*so).table as *mut c_void);
    }
    typeobject::free_instance(op);
}

unsafe extern "C" fn set_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let mut pos = 0;
    while let Some(e) = next_entry(raw(op), &mut pos) {
        let r = visit((*e).key, arg);
        if r != 0 {
            return r;
        }
    }
    0
}

unsafe extern "C" fn set_tp_clear(op: *mut PyObject) -> c_int {
    clear_internal(raw(op));
    0
}

unsafe extern "C" fn set_len(op: *mut PyObject) -> Py_ssize_t {
    len(op)
}

unsafe extern "C" fn set_contains_slot(op: *mut PyObject, key: *mut PyObject) -> c_int {
    crate::guard::catch(-1, || match set_contains(op, key) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    })
}

unsafe extern "C" fn set_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let name = full_name(type_of(op));
        let Some(_guard) = proto::ReprGuard::enter(op)? else {
            return str_::from_str(&format!("{name}(...)"));
        };
        if len(op) == 0 {
            return str_::from_str(&format!("{name}()"));
        }
        let items: Vec<*mut PyObject> = keys(op);
        let l = list::from_slice(&items)?;
        let r = proto::repr_string(l.as_ptr())?;
        let inner = &r[1..r.len() - 1];
        if check_exact(op) {
            str_::from_str(&format!("{{{inner}}}"))
        } else {
            str_::from_str(&format!("{name}({{{inner}}})"))
        }
    })
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// CPython's frozenset hash: xor of shuffled entry hashes (free and dummy slots included,
/// then cancelled), mixed with the size; cached in `hash`.
unsafe extern "C" fn frozenset_hash(op: *mut PyObject) -> Py_hash_t {
    let so = raw(op);
    if (*so).hash != -1 {
        return (*so).hash;
    }
    let mut hash: u64 = 0;
    for i in 0..=(*so).mask as usize {
        hash ^= shuffle_bits((*entry_at(so, i)).hash as u64);
    }
    if ((*so).mask + 1 - (*so).fill) & 1 != 0 {
        hash ^= shuffle_bits(0);
    }
    if ((*so).fill - (*so).used) & 1 != 0 {
        hash ^= shuffle_bits(-1i64 as u64);
    }
    hash ^= ((*so).used as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    if hash == u64::MAX {
        hash = 590923713;
    }
    (*so).hash = hash as Py_hash_t;
    hash as Py_hash_t
}

unsafe extern "C" fn set_richcompare(v: *mut PyObject, w: *mut PyObject, op: c_int) -> *mut PyObject {
    if !any_check(w) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let r = match op {
            Py_EQ | Py_NE => {
                let (hv, hw) = ((*raw(v)).hash, (*raw(w)).hash);
                let eq = if len(v) != len(w) || (hv != -1 && hw != -1 && hv != hw) { false } else { issubset(v, w)? };
                eq == (op == Py_EQ)
            }
            Py_LE => issubset(v, w)?,
            Py_GE => issuperset(v, w)?,
            Py_LT => len(v) < len(w) && issubset(v, w)?,
            Py_GT => len(v) > len(w) && issuperset(v, w)?,
            _ => return Ok(Obj::from_borrowed(noneobject::not_implemented())),
        };
        Ok(bool_obj(r))
    })
}

unsafe extern "C" fn set_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let it = crate::gc::alloc(size_of::<SetIterObject>());
        if it.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        typeobject::init_object(it, &raw mut PySetIter_Type);
        let si = it as *mut SetIterObject;
        incref(op);
        (*si).si_set = op;
        (*si).si_used = len(op);
        (*si).si_pos = 0;
        (*si).len = len(op);
        crate::gc::track(it);
        Ok(Obj::from_owned_nonnull(it))
    })
}

/// Binary operators: NotImplemented unless both operands are sets.
macro_rules! binop {
    ($name:ident, $f:expr) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            if !any_check(a) || !any_check(b) {
                return noneobject::not_implemented();
            }
            crate::guard::catch_obj(|| $f(a, b))
        }
    };
}

binop!(set_or, |a: *mut PyObject, b: *mut PyObject| -> PyResult<Obj> {
    let r = copy(a)?;
    if a != b {
        update_internal(raw(r.as_ptr()), b)?;
    }
    Ok(r)
});
binop!(set_and, |a, b| intersection(a, b));
binop!(set_sub, |a, b| difference(a, b));
binop!(set_xor, |a, b| symmetric_difference(a, b));

/// In-place operators: NotImplemented unless the right operand is a set; return self.
macro_rules! inplace {
    ($name:ident, $f:expr) => {
        unsafe extern "C" fn $name(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            if !any_check(b) {
                return noneobject::not_implemented();
            }
            crate::guard::catch_obj(|| {
                $f(a, b)?;
                Ok(Obj::from_borrowed(a))
            })
        }
    };
}

inplace!(set_ior, |a, b| update_internal(raw(a), b));
inplace!(set_iand, |a: *mut PyObject, b| -> PyResult<()> {
    let tmp = intersection(a, b)?;
    swap_bodies(raw(a), raw(tmp.as_ptr()));
    Ok(())
});
inplace!(set_isub, |a, b| difference_update_internal(a, b));
inplace!(set_ixor, |a, b| symmetric_difference_update(a, b));

unsafe extern "C" fn set_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| make_new_set(tp, null_mut()))
}

unsafe fn one_optional_arg(name: &str, args: *mut PyObject) -> PyResult<*mut PyObject> {
    let n = size_of_var(args) as usize;
    crate::protocol::args::check_positional(name, n, 0, 1)?;
    Ok(if n == 1 { tuple::get_item(args, 0) } else { null_mut() })
}

unsafe extern "C" fn set_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        crate::protocol::args::no_keywords("set", kwds)?;
        let iterable = one_optional_arg(full_name(type_of(op)), args)?;
        let so = raw(op);
        if (*so).fill != 0 {
            clear_internal(so);
        }
        (*so).hash = -1;
        if iterable.is_null() {
            return Ok(());
        }
        update_internal(so, iterable)
    })
}

unsafe extern "C" fn frozenset_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        // Subclasses with their own __init__ may take keywords (compared by address).
        let init = |t: *mut PyTypeObject| (*t).tp_init.map(|f| f as usize);
        if tp == frozenset_type() || init(tp) == init(frozenset_type()) {
            crate::protocol::args::no_keywords("frozenset", kwds)?;
        }
        let iterable = one_optional_arg(full_name(tp), args)?;
        make_new_frozenset(tp, iterable)
    })
}

/// `set(...)`/`frozenset(...)` called directly: no `__init__` step, as CPython's vectorcalls.
unsafe fn vectorcall_new(
    name: &str,
    make: unsafe fn(*mut PyTypeObject, *mut PyObject) -> PyResult<Obj>,
    tp: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::with_vectorcall(args, nargsf, kwnames, |a| {
            crate::protocol::args::no_kwnames(name, a.names)?;
            crate::protocol::args::check_positional(name, a.pos.len(), 0, 1)?;
            make(tp as *mut PyTypeObject, a.pos.first().copied().unwrap_or(null_mut()))
        })
    })
}

unsafe extern "C" fn set_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    vectorcall_new("set", make_new_set, tp, args, nargsf, kwnames)
}

unsafe extern "C" fn frozenset_vectorcall(tp: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    vectorcall_new("frozenset", make_new_frozenset, tp, args, nargsf, kwnames)
}

// ---- methods -------------------------------------------------------------------------------

unsafe extern "C" fn set_add_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| add_key(raw(op), key).map(|_| none_obj()))
}

unsafe extern "C" fn set_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    clear_internal(raw(op));
    noneobject::new_none()
}

unsafe extern "C" fn set_direct_contains(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| set_contains(op, key).map(bool_obj))
}

unsafe extern "C" fn set_copy_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy(op))
}

unsafe extern "C" fn frozenset_copy(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    if frozenset_check_exact(op) {
        incref(op);
        return op;
    }
    crate::guard::catch_obj(|| copy(op))
}

unsafe extern "C" fn set_discard_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| with_frozen_key(key, |k| discard_key(raw(op), k)).map(|_| none_obj()))
}

unsafe extern "C" fn set_remove_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !with_frozen_key(key, |k| discard_key(raw(op), k))? {
            return Err(crate::objects::exceptions::set_key_error(key));
        }
        Ok(none_obj())
    })
}

unsafe extern "C" fn set_pop_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| pop(op))
}

unsafe extern "C" fn set_difference_multi(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let others = tuple::items(args);
        let Some((&first, rest)) = others.split_first() else { return copy(op) };
        let r = difference(op, first)?;
        for &o in rest {
            difference_update_internal(r.as_ptr(), o)?;
        }
        Ok(r)
    })
}

unsafe extern "C" fn set_difference_update_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        for &o in tuple::items(args) {
            difference_update_internal(op, o)?;
        }
        Ok(none_obj())
    })
}

unsafe extern "C" fn set_intersection_multi(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| intersection_multi(op, args))
}

unsafe extern "C" fn set_intersection_update_multi(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tmp = intersection_multi(op, args)?;
        swap_bodies(raw(op), raw(tmp.as_ptr()));
        Ok(none_obj())
    })
}

unsafe extern "C" fn set_isdisjoint(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if op == other {
            return Ok(bool_obj(len(op) == 0));
        }
        if any_check_exact(other) {
            let (mut big, mut small) = (op, other);
            if len(small) > len(big) {
                std::mem::swap(&mut big, &mut small);
            }
            for (k, h) in snapshot(raw(small)) {
                if contains_entry(raw(big), k.as_ptr(), h)? {
                    return Ok(bool_obj(false));
                }
            }
            return Ok(bool_obj(true));
        }
        let it = crate::protocol::iter::get_iter(other)?;
        while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
            if contains_key(raw(op), k.as_ptr())? {
                return Ok(bool_obj(false));
            }
        }
        Ok(bool_obj(true))
    })
}

unsafe extern "C" fn set_issubset_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| issubset(op, other).map(bool_obj))
}

unsafe extern "C" fn set_issuperset_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| issuperset(op, other).map(bool_obj))
}

/// `(type(s), (list(s),), state)`; state is the instance dict when it has items, else None.
unsafe extern "C" fn set_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let l = list::from_slice(&keys(op))?;
        let args = tuple::pack(&[l.as_ptr()])?;
        let state = match proto::instance_dict(op) {
            Some(d) if !d.is_null() && dict::len(d) > 0 => Obj::from_borrowed(d),
            _ => none_obj(),
        };
        tuple::pack(&[type_of(op) as *mut PyObject, args.as_ptr(), state.as_ptr()])
    })
}

unsafe extern "C" fn set_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let so = raw(op);
    let mut n = (*type_of(op)).tp_basicsize as i64;
    if (*so).table != (&raw mut (*so).smalltable) as *mut setentry {
        n += ((*so).mask as i64 + 1) * size_of::<setentry>() as i64;
    }
    long::from_i64(n).into_ptr()
}

unsafe extern "C" fn set_symmetric_difference_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| symmetric_difference(op, other))
}

unsafe extern "C" fn set_symmetric_difference_update_method(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| symmetric_difference_update(op, other).map(|_| none_obj()))
}

unsafe extern "C" fn set_union(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = copy(op)?;
        for &o in tuple::items(args) {
            if o != op {
                update_internal(raw(r.as_ptr()), o)?;
            }
        }
        Ok(r)
    })
}

unsafe extern "C" fn set_update_method(op: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        for &o in tuple::items(args) {
            update_internal(raw(op), o)?;
        }
        Ok(none_obj())
    })
}

// ---- set_iterator --------------------------------------------------------------------------

#[repr(C)]
pub struct SetIterObject {
    pub ob_base: PyObject,
    /// NULL once exhausted.
    pub si_set: *mut PyObject,
    pub si_used: Py_ssize_t,
    pub si_pos: Py_ssize_t,
    pub len: Py_ssize_t,
}

static mut SETITER_METHODS: [PyMethodDef; 3] = [
    method(c"__length_hint__", setiter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", setiter_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    METHOD_END,
];

#[no_mangle]
pub static mut PySetIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"set_iterator".as_ptr(),
    tp_basicsize: size_of::<SetIterObject>() as _,
    tp_dealloc: Some(setiter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(setiter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(setiter_next),
    tp_methods: (&raw mut SETITER_METHODS) as *mut PyMethodDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn setiter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut SetIterObject)).si_set);
    crate::gc::free(op);
}

unsafe extern "C" fn setiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let s = (*(op as *mut SetIterObject)).si_set;
    match visit {
        Some(v) if !s.is_null() => v(s, arg),
        _ => 0,
    }
}

unsafe extern "C" fn setiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let si = op as *mut SetIterObject;
    let n = if !(*si).si_set.is_null() && (*si).si_used == len((*si).si_set) { (*si).len } else { 0 };
    long::from_i64(n as i64).into_ptr()
}

/// `(iter, (remaining items,))`, read without advancing the iterator.
unsafe extern "C" fn setiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let si = op as *mut SetIterObject;
        let s = (*si).si_set;
        let mut rest = Vec::new();
        if !s.is_null() {
            if (*si).si_used != len(s) {
                return Err(raise(exc::runtime_error(), "Set changed size during iteration"));
            }
            let mut pos = (*si).si_pos;
            while let Some(e) = next_entry(raw(s), &mut pos) {
                rest.push((*e).key);
            }
        }
        let l = list::from_slice(&rest)?;
        let iter = crate::eval_hooks::builtin("iter")?;
        let args = tuple::pack(&[l.as_ptr()])?;
        tuple::pack(&[iter.as_ptr(), args.as_ptr()])
    })
}

unsafe extern "C" fn setiter_next(op: *mut PyObject) -> *mut PyObject {
    let si = op as *mut SetIterObject;
    let s = (*si).si_set;
    if s.is_null() {
        return null_mut();
    }
    if (*si).si_used != len(s) {
        raise(exc::runtime_error(), "Set changed size during iteration");
        (*si).si_used = -1; // sticky: later calls fail too
        return null_mut();
    }
    let mut pos = (*si).si_pos;
    match next_entry(raw(s), &mut pos) {
        Some(e) => {
            (*si).si_pos = pos;
            (*si).len -= 1;
            incref((*e).key);
            (*e).key
        }
        None => {
            (*si).si_pos = pos;
            (*si).si_set = null_mut();
            decref(s);
            null_mut()
        }
    }
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut DUMMY_TYPE)?;
    typeobject::ready(set_type())?;
    typeobject::ready(frozenset_type())?;
    typeobject::ready(&raw mut PySetIter_Type)
}
