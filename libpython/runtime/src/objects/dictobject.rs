//! `dict`: a compact, insertion-ordered hash table. `PyDictObject` is CPython's (extensions
//! read `ma_used` through `PyDict_GET_SIZE`); `ma_keys` points at Ferric's own `DictKeys`
//! (its layout is internal in CPython 3.11 too). Entries are kept in insertion order in a
//! dense array; an open-addressed index table, probed as CPython does, maps hashes to them.

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
pub static mut PyDict_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"dict".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyDictObject>() as _,
    tp_dealloc: Some(dict_dealloc),
    tp_repr: Some(dict_repr),
    tp_as_mapping: &raw mut DICT_AS_MAPPING,
    tp_as_sequence: &raw mut DICT_AS_SEQUENCE,
    tp_as_number: &raw mut DICT_AS_NUMBER,
    tp_hash: Some(proto::hash_not_implemented),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_DICT_SUBCLASS
        | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_MAPPING,
    tp_doc: c"dict() -> new empty dictionary\ndict(mapping) -> new dictionary initialized from a mapping object's\n    (key, value) pairs\ndict(iterable) -> new dictionary initialized as if via:\n    d = {}\n    for k, v in iterable:\n        d[k] = v\ndict(**kwargs) -> new dictionary initialized with the name=value pairs\n    in the keyword argument list.  For example:  dict(one=1, two=2)".as_ptr(),
    tp_traverse: Some(dict_traverse),
    tp_clear: Some(dict_tp_clear),
    tp_richcompare: Some(dict_richcompare),
    tp_iter: Some(dict_iter),
    tp_methods: (&raw mut DICT_METHODS) as *mut PyMethodDef,
    tp_init: Some(dict_init),
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
    /// A table for `n` entries without resizing (CPython's `estimate_log2_keysize`).
    fn with_capacity(n: usize) -> DictKeys {
        let mut size = 8;
        while size * 2 < n * 3 {
            size *= 2;
        }
        DictKeys::with_size(size)
    }

    fn with_size(size: usize) -> DictKeys {
        DictKeys { indices: vec![EMPTY; size], entries: Vec::with_capacity(size * 2 / 3) }
    }

    /// CPython's `USABLE_FRACTION` of the index size.
    pub fn capacity(&self) -> usize {
        self.indices.len() * 2 / 3
    }

    pub fn index_len(&self) -> usize {
        self.indices.len()
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

/// Rebuilds the table when it is full, dropping deleted entries: the new index has the
/// smallest power of two >= 3 * used slots, as CPython's `GROWTH_RATE`.
unsafe fn resize(d: *mut PyObject, used: usize) {
    let keys = keys_of(d);
    let mut size = 8usize;
    while size < used * 3 {
        size *= 2;
    }
    let mut fresh = DictKeys::with_size(size);
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
        resize(d, len(d) as usize);
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
    Ok(take_item(d, key)?.is_some())
}

/// Removes `key`, giving back its value (owned); None when absent.
unsafe fn take_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Obj>> {
    let hash = proto::hash_checked(key)?;
    let (slot, found) = find_slot(keys_of(d), key, hash)?;
    let Some(ix) = found else { return Ok(None) };
    let keys = keys_of(d);
    keys.indices[slot] = DUMMY;
    let e = &mut keys.entries[ix];
    let (k, v) = (e.key, e.value);
    e.key = null_mut();
    e.value = null_mut();
    (*(d as *mut PyDictObject)).ma_used -= 1;
    bump_version(d);
    decref(k);
    Ok(Some(Obj::from_owned_nonnull(v)))
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

/// `a.update(b)` (PyDict_Merge): see `merge_any`.
pub unsafe fn merge(a: *mut PyObject, b: *mut PyObject, overwrite: bool) -> PyResult<()> {
    merge_any(a, b, overwrite as u8)
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

// ---- update, merge, construction -----------------------------------------------------------

/// `a.update(b)` for a mapping `b`: a dict (whose `__iter__` is dict's) directly, anything
/// else through `b.keys()` and `b[k]`. `override_`: 0 keeps existing keys, 1 replaces them,
/// 2 raises KeyError on a duplicate (CPython's `dict_merge`).
pub unsafe fn merge_any(a: *mut PyObject, b: *mut PyObject, override_: u8) -> PyResult<()> {
    if check(b) && (*type_of(b)).tp_iter.map(|f| f as usize) == Some(dict_iter as *const () as usize) {
        if a == b || len(b) == 0 {
            return Ok(());
        }
        let orig = keys_of(b).entries.len();
        for (k, v, h) in entries_with_hash(b) {
            let (k, v) = (Obj::from_borrowed(k), Obj::from_borrowed(v));
            if override_ != 1 {
                let (_, found) = find_slot(keys_of(a), k.as_ptr(), h)?;
                if found.is_some() {
                    if override_ == 2 {
                        return Err(crate::objects::exceptions::set_key_error(k.as_ptr()));
                    }
                    continue;
                }
            }
            set_item_known_hash(a, k.as_ptr(), v.as_ptr(), h)?;
            if keys_of(b).entries.len() != orig {
                return Err(raise(exc::runtime_error(), "dict mutated during update"));
            }
        }
        return Ok(());
    }
    let keys = crate::protocol::call::call_method_obj(b, "keys", &[])?;
    let it = crate::protocol::iter::get_iter(keys.as_ptr())?;
    while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
        if override_ != 1 && get_item(a, k.as_ptr())?.is_some() {
            if override_ == 2 {
                return Err(crate::objects::exceptions::set_key_error(k.as_ptr()));
            }
            continue;
        }
        let v = crate::protocol::sequence::getitem(b, k.as_ptr())?;
        set_item(a, k.as_ptr(), v.as_ptr())?;
    }
    Ok(())
}

/// Live entries with their hashes, in order (borrowed).
unsafe fn entries_with_hash(d: *mut PyObject) -> Vec<(*mut PyObject, *mut PyObject, Py_hash_t)> {
    keys_of(d).entries.iter().filter(|e| !e.key.is_null()).map(|e| (e.key, e.value, e.hash)).collect()
}

/// `PyDict_MergeFromSeq2`: pairs from an iterable, with CPython's messages.
pub unsafe fn merge_from_seq2(d: *mut PyObject, seq: *mut PyObject, override_: bool) -> PyResult<()> {
    let it = crate::protocol::iter::get_iter(seq)?;
    let mut i = 0usize;
    while let Some(item) = crate::protocol::iter::next(it.as_ptr())? {
        let is_seq = crate::objects::listobject::check(item.as_ptr()) || tuple::check(item.as_ptr());
        let fast = if is_seq {
            None
        } else {
            match crate::protocol::iter::collect(item.as_ptr()) {
                Ok(v) => Some(v),
                Err(e) => {
                    if crate::err::exception_matches(exc::type_error()) {
                        crate::err::clear();
                        return Err(raise(
                            exc::type_error(),
                            format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                        ));
                    }
                    return Err(e);
                }
            }
        };
        let pair: Vec<Obj> = match fast {
            Some(v) => v,
            None => crate::protocol::iter::collect(item.as_ptr())?,
        };
        if pair.len() != 2 {
            return Err(raise(
                exc::value_error(),
                format!("dictionary update sequence element #{i} has length {}; 2 is required", pair.len()),
            ));
        }
        if override_ {
            set_item(d, pair[0].as_ptr(), pair[1].as_ptr())?;
        } else {
            setdefault(d, pair[0].as_ptr(), pair[1].as_ptr())?;
        }
        i += 1;
    }
    Ok(())
}

/// CPython's `dict_update_arg`: a dict, anything with `keys`, or an iterable of pairs.
pub unsafe fn update_arg(d: *mut PyObject, arg: *mut PyObject) -> PyResult<()> {
    if check_exact(arg) {
        return merge_any(d, arg, 1);
    }
    let name = str_::intern("keys")?;
    if proto::lookup_attr(arg, name)?.is_some() {
        return merge_any(d, arg, 1);
    }
    merge_from_seq2(d, arg, true)
}

/// `dict.update(self, [arg], **kwds)` and `dict.__init__`.
unsafe fn update_common(d: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject, name: &str) -> PyResult<()> {
    let n = if args.is_null() { 0 } else { size_of_var(args) as usize };
    crate::protocol::args::check_positional(name, n, 0, 1)?;
    if n == 1 {
        update_arg(d, tuple::get_item(args, 0))?;
    }
    if !kwds.is_null() && len(kwds) > 0 {
        for (k, _) in entries(kwds) {
            if !str_::check(k) {
                return Err(raise(exc::type_error(), "keywords must be strings"));
            }
        }
        merge_any(d, kwds, 1)?;
    }
    Ok(())
}

unsafe extern "C" fn dict_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| update_common(op, args, kwds, "dict"))
}

/// `d.setdefault(key, default)`: the value now stored (borrowed).
pub unsafe fn setdefault(d: *mut PyObject, key: *mut PyObject, default: *mut PyObject) -> PyResult<*mut PyObject> {
    let hash = proto::hash_checked(key)?;
    let (_, found) = find_slot(keys_of(d), key, hash)?;
    if let Some(ix) = found {
        return Ok(keys_of(d).entries[ix].value);
    }
    set_item_known_hash(d, key, default, hash)?;
    Ok(default)
}

/// `d.pop(key)`: the removed value, or None when absent.
pub unsafe fn pop_item(d: *mut PyObject, key: *mut PyObject) -> PyResult<Option<Obj>> {
    if len(d) == 0 {
        // CPython answers before hashing the key.
        return Ok(None);
    }
    take_item(d, key)
}

/// `d.popitem()`: the last (key, value) pair, removed.
pub unsafe fn popitem(d: *mut PyObject) -> PyResult<Obj> {
    if len(d) == 0 {
        return Err(raise(exc::key_error(), "popitem(): dictionary is empty"));
    }
    let keys = keys_of(d);
    while keys.entries.last().map(|e| e.key.is_null()).unwrap_or(false) {
        keys.entries.pop();
    }
    let ix = keys.entries.len() - 1;
    let hash = keys.entries[ix].hash;
    // Find the index slot pointing at this entry (by position, no comparisons).
    let mask = keys.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    while keys.indices[i] != ix as i64 {
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(perturb as usize).wrapping_add(1)) & mask;
    }
    keys.indices[i] = DUMMY;
    let Some(e) = keys.entries.pop() else {
        return Err(raise(exc::key_error(), "popitem(): dictionary is empty"));
    };
    (*(d as *mut PyDictObject)).ma_used -= 1;
    bump_version(d);
    let (k, v) = (Obj::from_owned_nonnull(e.key), Obj::from_owned_nonnull(e.value));
    tuple::pack(&[k.as_ptr(), v.as_ptr()])
}

/// `cls.fromkeys(iterable, value)`.
pub unsafe fn fromkeys(cls: *mut PyObject, iterable: *mut PyObject, value: *mut PyObject) -> PyResult<Obj> {
    let d = crate::protocol::call::vectorcall(cls, &[], null_mut())?;
    let exact = check_exact(d.as_ptr());
    let it = crate::protocol::iter::get_iter(iterable)?;
    while let Some(k) = crate::protocol::iter::next(it.as_ptr())? {
        if exact {
            set_item(d.as_ptr(), k.as_ptr(), value)?;
        } else {
            crate::protocol::sequence::setitem(d.as_ptr(), k.as_ptr(), value)?;
        }
    }
    Ok(d)
}

/// `dict.__sizeof__()` as CPython 3.11 computes it for a combined table.
pub unsafe fn sizeof(d: *mut PyObject) -> usize {
    let base = std::mem::size_of::<PyDictObject>();
    let keys = keys_of(d);
    if keys.entries.is_empty() && keys.indices.len() == 8 && keys.indices.iter().all(|&i| i == EMPTY) {
        return base; // the shared empty keys
    }
    let size = keys.indices.len();
    let index_bytes = if size <= 0xff {
        1
    } else if size <= 0xffff {
        2
    } else if size <= 0xffff_ffff {
        4
    } else {
        8
    };
    let unicode = keys.entries.iter().all(|e| e.key.is_null() || str_::check_exact(e.key));
    let entry = if unicode { 16 } else { 24 };
    base + 32 + size * index_bytes + keys.capacity() * entry
}

// ---- slots and methods ---------------------------------------------------------------------

unsafe extern "C" fn dict_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::dict_views::new_iter(op, crate::objects::dict_views::Kind::Keys, false))
}

static mut DICT_AS_NUMBER: PyNumberMethods =
    PyNumberMethods { nb_or: Some(dict_or), nb_inplace_or: Some(dict_ior), ..PyNumberMethods::EMPTY };

unsafe extern "C" fn dict_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let r = copy(a)?;
        update_arg(r.as_ptr(), b)?;
        Ok(r)
    })
}

unsafe extern "C" fn dict_ior(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        update_arg(a, b)?;
        Ok(Obj::from_borrowed(a))
    })
}

static mut DICT_METHODS: [PyMethodDef; 19] = [
    method(c"__contains__", dict_contains_method as *const (), METH_O | METH_COEXIST, c"True if the dictionary has the specified key, else False."),
    method(c"__getitem__", dict_getitem_method as *const (), METH_O | METH_COEXIST, c"x.__getitem__(y) <==> x[y]"),
    method(c"__sizeof__", dict_sizeof as *const (), METH_NOARGS, c"D.__sizeof__() -> size of D in memory, in bytes"),
    method(c"get", dict_get as *const (), METH_FASTCALL, c"Return the value for key if key is in the dictionary, else default."),
    method(c"setdefault", dict_setdefault as *const (), METH_FASTCALL, c"Insert key with a value of default if key is not in the dictionary.\n\nReturn the value for key if key is in the dictionary, else default."),
    method(c"pop", dict_pop as *const (), METH_FASTCALL, c"D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\nIf the key is not found, return the default if given; otherwise,\nraise a KeyError."),
    method(c"popitem", dict_popitem as *const (), METH_NOARGS, c"Remove and return a (key, value) pair as a 2-tuple.\n\nPairs are returned in LIFO (last-in, first-out) order.\nRaises KeyError if the dict is empty."),
    method(c"keys", dict_keys as *const (), METH_NOARGS, c"D.keys() -> a set-like object providing a view on D's keys"),
    method(c"items", dict_items as *const (), METH_NOARGS, c"D.items() -> a set-like object providing a view on D's items"),
    method(c"values", dict_values as *const (), METH_NOARGS, c"D.values() -> an object providing a view on D's values"),
    method(c"update", dict_update as *const (), METH_VARARGS | METH_KEYWORDS, c"D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.\nIf E is present and has a .keys() method, then does:  for k in E: D[k] = E[k]\nIf E is present and lacks a .keys() method, then does:  for k, v in E: D[k] = v\nIn either case, this is followed by: for k in F:  D[k] = F[k]"),
    method(c"fromkeys", dict_fromkeys as *const (), METH_FASTCALL | METH_CLASS, c"Create a new dictionary with keys from iterable and values set to value."),
    method(c"clear", dict_clear_method as *const (), METH_NOARGS, c"D.clear() -> None.  Remove all items from D."),
    method(c"copy", dict_copy_method as *const (), METH_NOARGS, c"D.copy() -> a shallow copy of D"),
    method(c"__reversed__", dict_reversed as *const (), METH_NOARGS, c"Return a reverse iterator over the dict keys."),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    METHOD_END,
    METHOD_END,
    METHOD_END,
];

unsafe fn argv<'a>(args: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    if n <= 0 || args.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(args, n as usize)
    }
}

unsafe extern "C" fn dict_contains_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(Obj::from_borrowed(crate::objects::boolobject::new_bool(get_item(op, key)?.is_some()))))
}

unsafe extern "C" fn dict_getitem_method(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    dict_subscript(op, key)
}

unsafe extern "C" fn dict_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::objects::longobject::from_i64(sizeof(op) as i64).into_ptr()
}

unsafe extern "C" fn dict_get(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("get", a.len(), 1, 2)?;
        match get_item(op, a[0])? {
            Some(v) => Ok(Obj::from_borrowed(v)),
            None => Ok(Obj::from_borrowed(a.get(1).copied().unwrap_or(noneobject::none()))),
        }
    })
}

unsafe extern "C" fn dict_setdefault(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("setdefault", a.len(), 1, 2)?;
        let v = setdefault(op, a[0], a.get(1).copied().unwrap_or(noneobject::none()))?;
        Ok(Obj::from_borrowed(v))
    })
}

unsafe extern "C" fn dict_pop(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("pop", a.len(), 1, 2)?;
        match pop_item(op, a[0])? {
            Some(v) => Ok(v),
            None => match a.get(1) {
                Some(&d) => Ok(Obj::from_borrowed(d)),
                None => Err(crate::objects::exceptions::set_key_error(a[0])),
            },
        }
    })
}

unsafe extern "C" fn dict_popitem(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| popitem(op))
}

unsafe extern "C" fn dict_keys(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::dict_views::new_view(op, crate::objects::dict_views::Kind::Keys))
}

unsafe extern "C" fn dict_items(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::dict_views::new_view(op, crate::objects::dict_views::Kind::Items))
}

unsafe extern "C" fn dict_values(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::dict_views::new_view(op, crate::objects::dict_views::Kind::Values))
}

unsafe extern "C" fn dict_update(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        update_common(op, args, kwds, "update")?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn dict_fromkeys(cls: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = argv(args, n);
        crate::protocol::args::check_positional("fromkeys", a.len(), 1, 2)?;
        fromkeys(cls, a[0], a.get(1).copied().unwrap_or(noneobject::none()))
    })
}

unsafe extern "C" fn dict_clear_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    clear(op);
    noneobject::new_none()
}

unsafe extern "C" fn dict_copy_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy(op))
}

unsafe extern "C" fn dict_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::dict_views::new_iter(op, crate::objects::dict_views::Kind::Keys, true))
}

