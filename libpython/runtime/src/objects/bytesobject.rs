//! `bytes`: an immutable byte string stored inline (`ob_sval`, NUL-terminated), with a
//! cached hash (`ob_shash`). Representation, creation, repr, hashing and comparison here;
//! the methods come with the rest of the bytes work.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature, full_name};
use crate::objects::{boolobject, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::mem::offset_of;

#[no_mangle]
pub static mut PyBytes_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"bytes".as_ptr(),
    tp_basicsize: (offset_of!(PyBytesObject, ob_sval) + 1) as _,
    tp_itemsize: 1,
    tp_dealloc: Some(bytes_dealloc),
    tp_repr: Some(bytes_repr),
    tp_as_sequence: &raw mut BYTES_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTES_AS_MAPPING,
    tp_hash: Some(bytes_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object".as_ptr(),
    tp_richcompare: Some(bytes_richcompare),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut BYTES_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytes_length),
    mp_subscript: Some(bytes_subscript),
    mp_ass_subscript: None,
};

unsafe extern "C" fn bytes_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_obj(|| {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, size_of_var(op))?;
            let b = as_slice(op);
            let v: Vec<u8> = (0..n).map(|i| b[(start + i * step) as usize]).collect();
            from_slice(&v)
        });
    }
    if crate::protocol::number::has_index(key) {
        let Ok(mut i) = crate::protocol::number::as_ssize_t_exc(key, exc::index_error()) else { return std::ptr::null_mut() };
        if i < 0 {
            i += size_of_var(op);
        }
        return bytes_item(op, i);
    }
    raise(exc::type_error(), format!("byte indices must be integers or slices, not {}", full_name(type_of(key))));
    std::ptr::null_mut()
}

static mut BYTES_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(bytes_length),
    sq_concat: Some(bytes_concat),
    sq_item: Some(bytes_item),
    ..PySequenceMethods::EMPTY
};

#[inline(always)]
pub fn bytes_type() -> *mut PyTypeObject {
    &raw mut PyBytes_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_BYTES_SUBCLASS)
}

#[inline(always)]
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    (*(op as *mut PyBytesObject)).ob_sval.as_mut_ptr() as *mut u8
}

#[inline(always)]
pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    std::slice::from_raw_parts(data(op), size_of_var(op) as usize)
}

/// A bytes object of `n` uninitialised bytes (plus the trailing NUL).
pub unsafe fn new_uninit(n: usize) -> PyResult<Obj> {
    if n > isize::MAX as usize - 64 {
        return Err(raise(exc::overflow_error(), "byte string is too large"));
    }
    let op = crate::mem::malloc(offset_of!(PyBytesObject, ob_sval) + n + 1) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, bytes_type());
    set_size(op, n as isize);
    (*(op as *mut PyBytesObject)).ob_shash = -1;
    *data(op).add(n) = 0;
    Ok(Obj::from_owned_nonnull(op))
}

pub fn from_slice(b: &[u8]) -> PyResult<Obj> {
    // Safety: new_uninit gives room for b.len() bytes.
    unsafe {
        let r = new_uninit(b.len())?;
        std::ptr::copy_nonoverlapping(b.as_ptr(), data(r.as_ptr()), b.len());
        Ok(r)
    }
}

/// CPython's bytes repr: b'...' (or b"..." when only ' appears), \t \n \r \\ and \xNN escapes.
pub fn repr_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

unsafe extern "C" fn bytes_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn bytes_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&repr_bytes(as_slice(op))))
}

unsafe extern "C" fn bytes_hash(op: *mut PyObject) -> Py_hash_t {
    let b = op as *mut PyBytesObject;
    if (*b).ob_shash == -1 {
        (*b).ob_shash = crate::pyhash::hash_bytes(as_slice(op));
    }
    (*b).ob_shash
}

unsafe extern "C" fn bytes_length(op: *mut PyObject) -> Py_ssize_t {
    size_of_var(op)
}

unsafe extern "C" fn bytes_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i < 0 || i >= size_of_var(op) {
        raise(exc::index_error(), "index out of range");
        return std::ptr::null_mut();
    }
    crate::objects::longobject::from_i64(*data(op).offset(i) as i64).into_ptr()
}

unsafe extern "C" fn bytes_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if !check(b) {
        raise(exc::type_error(), format!("can't concat {} to bytes", full_name(type_of(b))));
        return std::ptr::null_mut();
    }
    let mut v = as_slice(a).to_vec();
    v.extend_from_slice(as_slice(b));
    crate::guard::ret_obj(from_slice(&v))
}

unsafe extern "C" fn bytes_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let ord = as_slice(a).cmp(as_slice(b));
    boolobject::new_bool(crate::protocol::object::ordering_matches(ord, op))
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(bytes_type())
}
