//! CPython's internal hash table (`internal/pycore_hashtable.h`, `Python/hashtable.c`):
//! buckets of singly linked entries, a power-of-two bucket count kept between 10% and 50%
//! full. The struct and entry layouts are 3.11's because the header's inline
//! `_Py_hashtable_get_entry` calls `ht->get_entry_func` itself; the growth policy is
//! CPython's, so iteration order agrees too.

use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct SlistItem {
    pub next: *mut SlistItem,
}

#[repr(C)]
pub struct Entry {
    pub item: SlistItem,
    pub key_hash: usize,
    pub key: *mut c_void,
    pub value: *mut c_void,
}

pub type HashFunc = unsafe extern "C" fn(*const c_void) -> usize;
pub type CompareFunc = unsafe extern "C" fn(*const c_void, *const c_void) -> c_int;
pub type DestroyFunc = Option<unsafe extern "C" fn(*mut c_void)>;
pub type GetEntryFunc = unsafe extern "C" fn(*mut Hashtable, *const c_void) -> *mut Entry;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Allocator {
    pub malloc: Option<unsafe extern "C" fn(usize) -> *mut c_void>,
    pub free: Option<unsafe extern "C" fn(*mut c_void)>,
}

#[repr(C)]
pub struct Hashtable {
    pub nentries: usize,
    pub nbuckets: usize,
    pub buckets: *mut *mut Entry,
    pub get_entry_func: GetEntryFunc,
    pub hash_func: HashFunc,
    pub compare_func: CompareFunc,
    pub key_destroy_func: DestroyFunc,
    pub value_destroy_func: DestroyFunc,
    pub alloc: Allocator,
}

const MIN_SIZE: usize = 16;
const HIGH: f32 = 0.50;
const LOW: f32 = 0.10;
const REHASH_FACTOR: f64 = 2.0 / (0.10 + 0.50);

unsafe fn malloc(ht: *const Hashtable, n: usize) -> *mut c_void {
    match (*ht).alloc.malloc {
        Some(f) => f(n),
        None => null_mut(),
    }
}

unsafe fn free(ht: *const Hashtable, p: *mut c_void) {
    if let Some(f) = (*ht).alloc.free {
        f(p)
    }
}

/// `_Py_HashPointerRaw`: the address rotated right by 4 bits (its low bits are alignment).
#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_hash_ptr(key: *const c_void) -> usize {
    (key as usize).rotate_right(4)
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_compare_direct(key1: *const c_void, key2: *const c_void) -> c_int {
    (key1 == key2) as c_int
}

unsafe extern "C" fn get_entry_generic(ht: *mut Hashtable, key: *const c_void) -> *mut Entry {
    let h = ((*ht).hash_func)(key);
    let mut e = *(*ht).buckets.add(h & ((*ht).nbuckets - 1));
    while !e.is_null() {
        if (*e).key_hash == h && ((*ht).compare_func)(key, (*e).key) != 0 {
            return e;
        }
        e = (*e).item.next as *mut Entry;
    }
    null_mut()
}

/// The fast path for pointer keys compared by identity.
unsafe extern "C" fn get_entry_ptr(ht: *mut Hashtable, key: *const c_void) -> *mut Entry {
    let h = _Py_hashtable_hash_ptr(key);
    let mut e = *(*ht).buckets.add(h & ((*ht).nbuckets - 1));
    while !e.is_null() {
        if (*e).key as *const c_void == key {
            return e;
        }
        e = (*e).item.next as *mut Entry;
    }
    null_mut()
}

fn round_size(s: usize) -> usize {
    if s < MIN_SIZE {
        return MIN_SIZE;
    }
    s.next_power_of_two()
}

/// Moves every entry into a bucket array sized for the entries; -1 if that cannot be had.
unsafe fn rehash(ht: *mut Hashtable) -> c_int {
    let new_size = round_size(((*ht).nentries as f64 * REHASH_FACTOR) as usize);
    if new_size == (*ht).nbuckets {
        return 0;
    }
    let new_buckets = malloc(ht, new_size * std::mem::size_of::<*mut Entry>()) as *mut *mut Entry;
    if new_buckets.is_null() {
        return -1;
    }
    std::ptr::write_bytes(new_buckets, 0, new_size);
    for b in 0..(*ht).nbuckets {
        let mut e = *(*ht).buckets.add(b);
        while !e.is_null() {
            let next = (*e).item.next as *mut Entry;
            let slot = new_buckets.add((*e).key_hash & (new_size - 1));
            (*e).item.next = *slot as *mut SlistItem;
            *slot = e;
            e = next;
        }
    }
    free(ht, (*ht).buckets as *mut c_void);
    (*ht).nbuckets = new_size;
    (*ht).buckets = new_buckets;
    0
}

/// A table with the given functions; `allocator` NULL means PyMem_Malloc/PyMem_Free.
#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_new_full(
    hash_func: HashFunc,
    compare_func: CompareFunc,
    key_destroy_func: DestroyFunc,
    value_destroy_func: DestroyFunc,
    allocator: *const Allocator,
) -> *mut Hashtable {
    let alloc = if allocator.is_null() {
        Allocator { malloc: Some(crate::memory::PyMem_Malloc), free: Some(crate::memory::PyMem_Free) }
    } else {
        *allocator
    };
    let Some(m) = alloc.malloc else { return null_mut() };
    let ht = m(std::mem::size_of::<Hashtable>()) as *mut Hashtable;
    if ht.is_null() {
        return ht;
    }
    let buckets = m(MIN_SIZE * std::mem::size_of::<*mut Entry>()) as *mut *mut Entry;
    if buckets.is_null() {
        if let Some(f) = alloc.free {
            f(ht as *mut c_void);
        }
        return null_mut();
    }
    std::ptr::write_bytes(buckets, 0, MIN_SIZE);
    let direct = hash_func as usize == _Py_hashtable_hash_ptr as *const () as usize
        && compare_func as usize == _Py_hashtable_compare_direct as *const () as usize;
    ht.write(Hashtable {
        nentries: 0,
        nbuckets: MIN_SIZE,
        buckets,
        get_entry_func: if direct { get_entry_ptr } else { get_entry_generic },
        hash_func,
        compare_func,
        key_destroy_func,
        value_destroy_func,
        alloc,
    });
    ht
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_new(hash_func: HashFunc, compare_func: CompareFunc) -> *mut Hashtable {
    _Py_hashtable_new_full(hash_func, compare_func, None, None, std::ptr::null())
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_size(ht: *const Hashtable) -> usize {
    std::mem::size_of::<Hashtable>()
        + (*ht).nbuckets * std::mem::size_of::<*mut Entry>()
        + (*ht).nentries * std::mem::size_of::<Entry>()
}

/// Adds `key` (which must not be in the table yet); -1 when memory runs out.
#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_set(ht: *mut Hashtable, key: *const c_void, value: *mut c_void) -> c_int {
    let e = malloc(ht, std::mem::size_of::<Entry>()) as *mut Entry;
    if e.is_null() {
        return -1;
    }
    (*e).key_hash = ((*ht).hash_func)(key);
    (*e).key = key as *mut c_void;
    (*e).value = value;
    (*ht).nentries += 1;
    if (*ht).nentries as f32 / (*ht).nbuckets as f32 > HIGH && rehash(ht) < 0 {
        (*ht).nentries -= 1;
        free(ht, e as *mut c_void);
        return -1;
    }
    let slot = (*ht).buckets.add((*e).key_hash & ((*ht).nbuckets - 1));
    (*e).item.next = *slot as *mut SlistItem;
    *slot = e;
    0
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_get(ht: *mut Hashtable, key: *const c_void) -> *mut c_void {
    let e = ((*ht).get_entry_func)(ht, key);
    if e.is_null() {
        null_mut()
    } else {
        (*e).value
    }
}

/// Removes `key`, returning its value (NULL if absent); the destroy functions are not called.
#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_steal(ht: *mut Hashtable, key: *const c_void) -> *mut c_void {
    let h = ((*ht).hash_func)(key);
    let mut link = (*ht).buckets.add(h & ((*ht).nbuckets - 1));
    loop {
        let e = *link;
        if e.is_null() {
            return null_mut();
        }
        if (*e).key_hash == h && ((*ht).compare_func)(key, (*e).key) != 0 {
            *link = (*e).item.next as *mut Entry;
            (*ht).nentries -= 1;
            let value = (*e).value;
            free(ht, e as *mut c_void);
            if ((*ht).nentries as f32) / ((*ht).nbuckets as f32) < LOW {
                rehash(ht);
            }
            return value;
        }
        link = (&raw mut (*e).item.next) as *mut *mut Entry;
    }
}

pub type ForeachFunc = unsafe extern "C" fn(*mut Hashtable, *const c_void, *const c_void, *mut c_void) -> c_int;

/// Calls `func` on every entry in bucket order; stops at (and returns) a non-zero result.
#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_foreach(ht: *mut Hashtable, func: ForeachFunc, user_data: *mut c_void) -> c_int {
    for b in 0..(*ht).nbuckets {
        let mut e = *(*ht).buckets.add(b);
        while !e.is_null() {
            let r = func(ht, (*e).key, (*e).value, user_data);
            if r != 0 {
                return r;
            }
            e = (*e).item.next as *mut Entry;
        }
    }
    0
}

unsafe fn destroy_entry(ht: *mut Hashtable, e: *mut Entry) {
    if let Some(f) = (*ht).key_destroy_func {
        f((*e).key);
    }
    if let Some(f) = (*ht).value_destroy_func {
        f((*e).value);
    }
    free(ht, e as *mut c_void);
}

unsafe fn destroy_all(ht: *mut Hashtable) {
    for b in 0..(*ht).nbuckets {
        let mut e = *(*ht).buckets.add(b);
        while !e.is_null() {
            let next = (*e).item.next as *mut Entry;
            destroy_entry(ht, e);
            e = next;
        }
        *(*ht).buckets.add(b) = null_mut();
    }
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_clear(ht: *mut Hashtable) {
    destroy_all(ht);
    (*ht).nentries = 0;
    rehash(ht);
}

#[no_mangle]
pub unsafe extern "C" fn _Py_hashtable_destroy(ht: *mut Hashtable) {
    destroy_all(ht);
    free(ht, (*ht).buckets as *mut c_void);
    free(ht, ht as *mut c_void);
}
