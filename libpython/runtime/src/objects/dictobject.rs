//! `dict`: a compact, insertion-ordered hash table. `PyDictObject` is CPython's (extensions
//! read `ma_used` through `PyDict_GET_SIZE`); `ma_keys` points at Ferric's own `DictKeys`
//! (its layout is internal in CPython 3.11 too). Entries are kept in insertion order in a
//! dense array; an open-addressed index table, probed as CPython does, maps hashes to them.

use crate::err::PyResult;

use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature};
use crate::objects::{noneobject, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"dict".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyDictObject>() as _,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_as_mapping: &raw mut DICT_AS_MAPPING,
    tp_as_sequence: &raw mut DICT_AS_SEQUENCE,
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS
        | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_MAPPING,
    tp_doc: c"dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)".as_ptr(),
    tp_traverse: Some(dict_traverse),
    tp_clear: Some(dict_tp_clear),
    tp_richcompare: Some(dict_richcompare),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(dict_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut DICT_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(dict_length),
    mp_subscript: Some(dict_subscript),
    mp_ass_subscript: Some(dict_ass_subscript),
};

static mut DICT_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_contains: Some(dict_contains),
    ..PySequenceMethods::EMPTY
};

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;
const PERTURB_SHIFT: u32 = 5;

pub struct Entry {
    pub hash: Py_hash_t,
    /// NULL once deleted (the slot stays, so order is kept until the next resize).
    pub key: *mut PyObject,
    pub value: *mut PyObject,
}

pub struct DictKeys {
    indices: Vec<i64>,
    pub entries: Vec<Entry>,
}

impl DictKeys {
    fn with_capacity(n: usize) -> DictKeys {
        let mut size = 8;
        while size * 2 < n * 3 {
            size *= 2;
        }
        DictKeys { indices: vec![EMPTY; size], entries: Vec::with_capacity(size * 2 / 3) }
    }

    fn usable(&self) -> bool {
        self.entries.len() < self.indices.len() * 2 / 3
    }
}

static mut VERSION_COUNTER: u64 = 0;

#[inline]
unsafe fn bump_version(d: *mut PyObject) {
    VERSION_COUNTER += 1;
    (*(d as *mut PyDictObject)).ma_version_tag = VERSION_COUNTER;
}

#[inline(always)]
pub fn dict_type() -> *mut PyTypeObject {
    &raw mut PyDict_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_DICT_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == dict_type()
}

#[inline(always)]
pub unsafe fn keys_of<'a>(d: *mut PyObject) -> &'a mut DictKeys {
    &mut *((*(d as *mut PyDictObject)).ma_keys as *mut DictKeys)
}

#[inline(always)]
pub unsafe fn len(d: *mut PyObject) -> Py_ssize_t {
    (*(d as *mut PyDictObject)).ma_used
}

pub fn new() -> PyResult<Obj> {
    // Safety: alloc gives a zeroed dict object that we initialise before anyone sees it.
    unsafe {
        let op = typeobject::PyType_GenericAlloc(dict_type(), 0);
        let op = Obj::from_owned(op)?;
        init_empty(op.as_ptr());
        Ok(op)
    }
}

/// Gives a freshly allocated dict object (zeroed) its empty table.
pub unsafe fn init_empty(op: *mut PyObject) {
    let keys = Box::into_raw(Box::new(DictKeys::with_capacity(0)));
    (*(op as *mut PyDictObject)).ma_keys = keys as *mut c_void;
    (*(op as *mut PyDictObject)).ma_used = 0;
    bump_version(op);
}

/// Where `key` is (entry index) or where it would go (index slot), comparing with `==`.
/// Errors from `__eq__` propagate.
unsafe fn find_slot(keys: &DictKeys, key: *mut PyObject, hash: Py_hash_t) -> PyResult<(usize, Option<usize>)> {
    let mask = keys.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    let mut first_dummy: Option<usize> = None;
    loop {
        let ix = keys.indices[i];
        if ix == EMPTY {
            return Ok((first_dummy.unwrap_or(i), None));
        }
        if ix == DUMMY {
            first_dummy.get_or_insert(i);
        } else {
            let e = &keys.entries[ix as usize];
            if e.key == key {
                return Ok((i, Some(ix as usize)));
            }
            if e.hash == hash && !e.key.is_null() {
                let ek = e.key;
                incref(ek);
                let eq = proto::rich_compare_bool(ek, key, Py_EQ);
                decref(ek);
                if eq? {
                    return Ok((i, Some(ix as usize)));
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
}

/// Rebuilds the index for at least `min_used` entries, dropping deleted ones.
unsafe fn resize(d: *mut PyObject, min_used: usize) {
    let keys = keys_of(d);
    let mut fresh = DictKeys::with_capacity(min_used.max(1) * 3 / 2 + 1);
    for e in keys.entries.drain(..) {
        if e.key.is_null() {
            continue;
        }
        let mask = fresh.indices.len() - 1;
        let mut perturb = e.hash as u64;
        let mut i = (e.hash as u64 as usize) & mask;
        while fresh.indices[i] != EMPTY {
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
        }
        fresh.indices[i] = fresh.entries.len() as i64;
        fresh.entries.push(e);
    }
    *keys = fresh;
}

/// `d[key] = value` (borrowed references).
pub unsafe fn set_item(d: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    let hash = proto::hash_checked(key)?;
    set_item_known_hash(d, key, value, hash)
}

pub unsafe fn set_item_known_hash(d: *mut PyObject, key: *mut PyObject, value: *mut PyObject, hash: Py_hash_t) -> PyResult<()> {
    let (slot, found) = find_slot(keys_of(d), key, hash)?;
    let keys = keys_of(d);
    incref(value);
    if let Some(ix) = found {
        let old = keys.entries[ix].value;
        keys.entries[ix].value = value;
        bump_version(d);
        decref(old);
        return Ok(());
    }
    if !keys.usable() {
        resize(d, len(d) as usize + 1);
        let (slot, _) = find_slot(keys_of(d), key, hash)?;
        insert_new(d, slot, key, value, hash);
    } else {
        insert_new(d, slot, key, value, hash);
    }
    Ok(())
}

unsafe fn insert_new(d: *mut PyObject, slot: usize, key: *mut PyObject, value: *mut PyObject, hash: Py_hash_t) {
    let keys = keys_of(d);
    incref(key);
    keys.indices[slot] = keys.entries.len() as i64;
    keys.entries.push(Entry { hash, key, value });
    (*(d as *mut PyDictObject)).ma_used += 1;
    bump_version(d);
}

/// `d[key]`: a borrowed reference, or None when absent. Errors from hashing or `__eq__`.
pub unsafe fn get_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<Option<*mut PyObject>> {
    let hash = proto::hash_checked(key)?;
    let (_, found) = find_slot(keys_of(d), key, hash)?;
    Ok(found.map(|ix| keys_of(d).entries[ix].value))
}

/// Lookup of a str key without raising (type dicts, module dicts): identity first, then
/// text equality for str keys; other keys are skipped. Borrowed result or NULL.
pub unsafe fn get_item_str_known_hash(d: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    let keys = keys_of(d);
    let hash = str_::hash(key);
    let mask = keys.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = keys.indices[i];
        if ix == EMPTY {
            return null_mut();
        }
        if ix >= 0 {
            let e = &keys.entries[ix as usize];
            if e.key == key
                || (e.hash == hash && !e.key.is_null() && str_::check(e.key) && str_::eq(e.key, key))
            {
                return e.value;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
}

pub unsafe fn get_item_str(d: *mut PyObject, key: &str) -> PyResult<*mut PyObject> {
    let k = str_::from_str(key)?;
    Ok(get_item_str_known_hash(d, k.as_ptr()))
}

pub unsafe fn set_item_str(d: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    let k = str_::intern(key)?;
    set_item(d, k, value)
}

/// `del d[key]`; Ok(false) when the key is absent (the caller raises KeyError if it wants).
pub unsafe fn del_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<bool> {
    let hash = proto::hash_checked(key)?;
    let (slot, found) = find_slot(keys_of(d), key, hash)?;
    let Some(ix) = found else { return Ok(false) };
    let keys = keys_of(d);
    keys.indices[slot] = DUMMY;
    let e = &mut keys.entries[ix];
    let (k, v) = (e.key, e.value);
    e.key = null_mut();
    e.value = null_mut();
    (*(d as *mut PyDictObject)).ma_used -= 1;
    bump_version(d);
    decref(k);
    decref(v);
    Ok(true)
}

/// Live entries in order: (key, value) borrowed.
pub unsafe fn entries(d: *mut PyObject) -> Vec<(*mut PyObject, *mut PyObject)> {
    keys_of(d).entries.iter().filter(|e| !e.key.is_null()).map(|e| (e.key, e.value)).collect()
}

/// The `pos`-th entry from `*pos` on (CPython's PyDict_Next): borrowed key and value.
pub unsafe fn next(d: *mut PyObject, pos: &mut Py_ssize_t) -> Option<(*mut PyObject, *mut PyObject)> {
    let keys = keys_of(d);
    while (*pos as usize) < keys.entries.len() {
        let e = &keys.entries[*pos as usize];
        *pos += 1;
        if !e.key.is_null() {
            return Some((e.key, e.value));
        }
    }
    None
}

pub unsafe fn clear(d: *mut PyObject) {
    let keys = std::mem::replace(keys_of(d), DictKeys::with_capacity(0));
    (*(d as *mut PyDictObject)).ma_used = 0;
    bump_version(d);
    for e in keys.entries {
        if !e.key.is_null() {
            decref(e.key);
            decref(e.value);
        }
    }
}

pub unsafe fn copy(d: *mut PyObject) -> PyResult<Obj> {
    let r = new()?;
    for (k, v) in entries(d) {
        set_item(r.as_ptr(), k, v)?;
    }
    Ok(r)
}

/// `a.update(b)` for a dict `b`.
pub unsafe fn merge(a: *mut PyObject, b: *mut PyObject, overwrite: bool) -> PyResult<()> {
    for (k, v) in entries(b) {
        if !overwrite && get_item(a, k)?.is_some() {
            continue;
        }
        set_item(a, k, v)?;
    }
    Ok(())
}

// ---- slots ---------------------------------------------------------------------------------

unsafe extern "C" fn dict_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let keys = (*(op as *mut PyDictObject)).ma_keys as *mut DictKeys;
    if !keys.is_null() {
        let keys = Box::from_raw(keys);
        for e in keys.entries {
            if !e.key.is_null() {
                decref(e.key);
                decref(e.value);
            }
        }
    }
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn dict_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    if (*(op as *mut PyDictObject)).ma_keys.is_null() {
        return 0;
    }
    for (k, v) in entries(op) {
        for p in [k, v] {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn dict_tp_clear(op: *mut PyObject) -> c_int {
    clear(op);
    0
}

unsafe extern "C" fn dict_length(op: *mut PyObject) -> Py_ssize_t {
    len(op)
}

unsafe extern "C" fn dict_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match get_item(op, key)? {
        Some(v) => Ok(Obj::from_borrowed(v)),
        None => {
            // A subclass may define __missing__.
            if !check_exact(op) {
                let missing = typeobject::lookup_str(type_of(op), "__missing__");
                if !missing.is_null() {
                    return crate::protocol::call::call_method_obj(op, "__missing__", &[key]);
                }
            }
            Err(crate::objects::exceptions::set_key_error(key))
        }
    })
}

unsafe extern "C" fn dict_ass_subscript(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if value.is_null() {
            if !del_item(op, key)? {
                return Err(crate::objects::exceptions::set_key_error(key));
            }
            Ok(())
        } else {
            set_item(op, key, value)
        }
    })
}

unsafe extern "C" fn dict_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    match get_item(op, key) {
        Ok(found) => found.is_some() as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn dict_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if len(op) == 0 {
            return str_::from_str("{}");
        }
        let _guard = match proto::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return str_::from_str("{...}"),
        };
        let mut s = String::from("{");
        let mut first = true;
        for (k, v) in entries(op) {
            let (k, v) = (Obj::from_borrowed(k), Obj::from_borrowed(v));
            if !first {
                s.push_str(", ");
            }
            first = false;
            let kr = proto::repr(k.as_ptr())?;
            s.push_str(str_::as_str(kr.as_ptr())?);
            s.push_str(": ");
            let vr = proto::repr(v.as_ptr())?;
            s.push_str(str_::as_str(vr.as_ptr())?);
        }
        s.push('}');
        str_::from_str(&s)
    })
}

unsafe extern "C" fn dict_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) || (op != Py_EQ && op != Py_NE) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let mut equal = len(a) == len(b);
        if equal {
            for (k, v) in entries(a) {
                let (k, v) = (Obj::from_borrowed(k), Obj::from_borrowed(v));
                match get_item(b, k.as_ptr())? {
                    None => {
                        equal = false;
                        break;
                    }
                    Some(bv) => {
                        let bv = Obj::from_borrowed(bv);
                        if !proto::rich_compare_bool(v.as_ptr(), bv.as_ptr(), Py_EQ)? {
                            equal = false;
                            break;
                        }
                    }
                }
            }
        }
        Ok(Obj::from_borrowed(crate::objects::boolobject::new_bool(equal == (op == Py_EQ))))
    })
}

unsafe extern "C" fn dict_new(tp: *mut PyTypeObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = alloc(tp, 0);
    if op.is_null() {
        return null_mut();
    }
    init_empty(op);
    op
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(dict_type())
}

