//! `bytes`: an immutable byte string stored inline (`ob_sval`, NUL-terminated), with a
//! cached hash (`ob_shash`). Representation, construction, repr, hashing, comparison, the
//! sequence slots, the buffer export and `bytes_iterator` here; the methods shared with
//! bytearray are in `bytes_methods.rs`, `%` in `bytes_format.rs`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature, full_name};
use crate::objects::bytes_methods as methods;
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
    tp_as_number: &raw mut BYTES_AS_NUMBER,
    tp_as_sequence: &raw mut BYTES_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTES_AS_MAPPING,
    tp_hash: Some(bytes_hash),
    tp_str: Some(bytes_str),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_as_buffer: &raw mut BYTES_AS_BUFFER,
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_BYTES_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"bytes(iterable_of_ints) -> bytes\nbytes(string, encoding[, errors]) -> bytes\nbytes(bytes_or_buffer) -> immutable copy of bytes_or_buffer\nbytes(int) -> bytes object of size given by the parameter initialized with null bytes\nbytes() -> empty bytes object".as_ptr(),
    tp_richcompare: Some(bytes_richcompare),
    tp_iter: Some(bytes_iter),
    tp_methods: (&raw mut BYTES_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(bytes_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut BYTES_METHODS: [PyMethodDef; 45] = methods::table(&[
    typeobject::method(c"__bytes__", m_bytes as *const (), METH_NOARGS, c"Convert this value to exact type bytes."),
    typeobject::method(c"__getnewargs__", m_getnewargs as *const (), METH_NOARGS, c""),
    typeobject::METHOD_END,
]);

crate::guard::noargs! { m_bytes => exact_copy, m_getnewargs => getnewargs }

/// `bytes(self)`: `self` when exact, else an exact copy.
unsafe fn exact_copy(op: *mut PyObject) -> PyResult<Obj> {
    if check_exact(op) {
        return Ok(Obj::from_borrowed(op));
    }
    from_slice(as_slice(op))
}

unsafe fn getnewargs(op: *mut PyObject) -> PyResult<Obj> {
    let b = from_slice(as_slice(op))?;
    crate::objects::tupleobject::pack(&[b.as_ptr()])
}

static mut BYTES_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_remainder: Some(bytes_mod), ..PyNumberMethods::EMPTY };

static mut BYTES_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(bytes_getbuffer), bf_releasebuffer: None };

/// A read-only view of the bytes.
unsafe extern "C" fn bytes_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    crate::guard::catch_int(|| crate::protocol::buffer::fill_info(view, op, data(op), size_of_var(op), true, flags))
}

unsafe extern "C" fn bytes_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if !check(a) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| crate::objects::bytes_format::format(a, b))
}

/// str(b): the repr (BytesWarning is not implemented).
unsafe extern "C" fn bytes_str(op: *mut PyObject) -> *mut PyObject {
    bytes_repr(op)
}

#[no_mangle]
pub static mut PyBytesIter_Type: PyTypeObject = crate::objects::indexiter::iter_type(c"bytes_iterator");

unsafe extern "C" fn bytes_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::indexiter::new_iter(op, &raw mut PyBytesIter_Type))
}

/// `bytes(source=b'', encoding=..., errors=...)`, as CPython's bytes_new.
unsafe extern "C" fn bytes_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("bytes", args, kwds, &["source", "encoding", "errors"], 0)?;
        let v = new_value(a[0], a[1], a[2])?;
        if tp == bytes_type() {
            return Ok(v);
        }
        subtype_new(tp, as_slice(v.as_ptr()))
    })
}

unsafe fn new_value(x: Option<*mut PyObject>, encoding: Option<*mut PyObject>, errors: Option<*mut PyObject>) -> PyResult<Obj> {
    use crate::objects::unicode_methods::str_arg;
    let Some(x) = x else {
        if encoding.is_some() {
            return Err(raise(exc::type_error(), "encoding without a string argument"));
        }
        if errors.is_some() {
            return Err(raise(exc::type_error(), "errors without a string argument"));
        }
        return from_slice(b"");
    };
    if encoding.is_some() {
        let enc = str_arg("bytes", "encoding", encoding, "utf-8")?;
        let errs = str_arg("bytes", "errors", errors, "strict")?;
        if !str_::check(x) {
            return Err(raise(exc::type_error(), "encoding without a string argument"));
        }
        return crate::objects::unicode_methods::encode(x, &enc, &errs);
    }
    if errors.is_some() {
        str_arg("bytes", "errors", errors, "strict")?;
        let msg = if str_::check(x) { "string argument without an encoding" } else { "errors without a string argument" };
        return Err(raise(exc::type_error(), msg));
    }
    if let Some(f) = crate::objects::typeslots::lookup_special(x, "__bytes__")? {
        let r = crate::protocol::call::vectorcall(f.as_ptr(), &[], std::ptr::null_mut())?;
        if !check(r.as_ptr()) {
            return Err(raise(exc::type_error(), format!("__bytes__ returned non-bytes (type {})", full_name(type_of(r.as_ptr())))));
        }
        return Ok(r);
    }
    if str_::check(x) {
        return Err(raise(exc::type_error(), "string argument without an encoding"));
    }
    if crate::protocol::number::has_index(x) {
        match crate::protocol::number::as_ssize_t(x) {
            Ok(n) if n < 0 => return Err(raise(exc::value_error(), "negative count")),
            Ok(n) => {
                let b = new_uninit(n as usize)?;
                std::ptr::write_bytes(data(b.as_ptr()), 0, n as usize);
                return Ok(b);
            }
            Err(e) => {
                if !crate::err::exception_matches(exc::type_error()) {
                    return Err(e);
                }
                crate::err::clear();
            }
        }
    }
    from_object(x)
}

/// PyBytes_FromObject: a buffer's bytes, or the ints of an iterable.
pub unsafe fn from_object(x: *mut PyObject) -> PyResult<Obj> {
    if check_exact(x) {
        return Ok(Obj::from_borrowed(x));
    }
    if crate::protocol::buffer::has_buffer(x) {
        return from_slice(&crate::protocol::buffer::Buffer::contiguous_copy(x)?);
    }
    let cannot = || raise(exc::type_error(), format!("cannot convert '{}' object to bytes", full_name(type_of(x))));
    if str_::check(x) {
        return Err(cannot());
    }
    let it = match crate::protocol::iter::get_iter(x) {
        Ok(it) => it,
        Err(e) => {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                return Err(cannot());
            }
            return Err(e);
        }
    };
    let mut v = Vec::new();
    while let Some(item) = crate::protocol::iter::next(it.as_ptr())? {
        let n = crate::protocol::number::as_ssize_t_exc(item.as_ptr(), std::ptr::null_mut())?;
        if !(0..256).contains(&n) {
            return Err(raise(exc::value_error(), "bytes must be in range(0, 256)"));
        }
        v.push(n as u8);
    }
    from_slice(&v)
}

/// An instance of a bytes subclass holding `b` (CPython's bytes_subtype_new).
unsafe fn subtype_new(tp: *mut PyTypeObject, b: &[u8]) -> PyResult<Obj> {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = Obj::from_owned(alloc(tp, b.len() as Py_ssize_t))?;
    // Safety: the allocation has room for len(b) items of one byte and the NUL.
    std::ptr::copy_nonoverlapping(b.as_ptr(), data(op.as_ptr()), b.len());
    *data(op.as_ptr()).add(b.len()) = 0;
    (*(op.as_ptr() as *mut PyBytesObject)).ob_shash = -1;
    Ok(op)
}

static mut BYTES_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytes_length),
    mp_subscript: Some(bytes_subscript),
    mp_ass_subscript: None,
};

unsafe extern "C" fn bytes_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_obj(|| {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, size_of_var(op))?;
            if start == 0 && step == 1 && n == size_of_var(op) && check_exact(op) {
                return Ok(Obj::from_borrowed(op));
            }
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
    sq_repeat: Some(bytes_repeat),
    sq_item: Some(bytes_item),
    sq_contains: Some(bytes_contains),
    ..PySequenceMethods::EMPTY
};

unsafe extern "C" fn bytes_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch(-1, || match methods::contains(op, v) {
        Ok(b) => b as c_int,
        Err(_) => -1,
    })
}

/// `b * n` (n <= 0 gives b'').
unsafe extern "C" fn bytes_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if n == 1 && check_exact(op) {
            return Ok(Obj::from_borrowed(op));
        }
        let v = repeat_bytes(as_slice(op), n, Some("bytes"))?;
        from_slice(&v)
    })
}

/// `s` repeated `n` times. Past the address space: OverflowError "repeated {what} are too
/// long", or MemoryError when `what` is None (bytearray's choice).
pub(crate) fn repeat_bytes(s: &[u8], n: Py_ssize_t, what: Option<&str>) -> PyResult<Vec<u8>> {
    if n <= 0 || s.is_empty() {
        return Ok(Vec::new());
    }
    let Some(total) = s.len().checked_mul(n as usize).filter(|&t| t <= isize::MAX as usize) else {
        return Err(match what {
            Some(what) => raise(exc::overflow_error(), format!("repeated {what} are too long")),
            None => crate::objects::exceptions::no_memory(),
        });
    };
    let mut v: Vec<u8> = Vec::new();
    if v.try_reserve_exact(total).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    for _ in 0..n {
        v.extend_from_slice(s);
    }
    Ok(v)
}

#[inline(always)]
pub fn bytes_type() -> *mut PyTypeObject {
    &raw mut PyBytes_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_BYTES_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == bytes_type()
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
    repr_bytes_quoting(b, true, false)
}

/// The bytes repr; `smart` picks b"..." for text with ' and no " (PyBytes_Repr's
/// smartquotes); `escape_single` escapes ' even inside b"..." (bytearray's repr does).
pub fn repr_bytes_quoting(b: &[u8], smart: bool, escape_single: bool) -> String {
    let quote = if smart && b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c as char == quote || (escape_single && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Frees the object. Heap subclasses come here through subtype_dealloc, which drops the
/// type reference itself.
unsafe extern "C" fn bytes_dealloc(op: *mut PyObject) {
    if let Some(free) = (*type_of(op)).tp_free {
        free(op as *mut c_void);
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

/// The bytes of `a + b` where both export buffers; "can't concat B to A" otherwise.
pub unsafe fn concat_buffers(a: *mut PyObject, b: *mut PyObject) -> PyResult<Vec<u8>> {
    use crate::protocol::buffer::{has_buffer, Buffer};
    if !has_buffer(a) || !has_buffer(b) {
        return Err(raise(exc::type_error(), format!("can't concat {} to {}", full_name(type_of(b)), full_name(type_of(a)))));
    }
    let (x, y) = (Buffer::get(a)?, Buffer::get(b)?);
    let mut v = Vec::new();
    if v.try_reserve_exact(x.len().saturating_add(y.len())).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    v.extend_from_slice(&x);
    v.extend_from_slice(&y);
    Ok(v)
}

unsafe extern "C" fn bytes_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if check_exact(a) && check_exact(b) {
            if size_of_var(a) == 0 {
                return Ok(Obj::from_borrowed(b));
            }
            if size_of_var(b) == 0 {
                return Ok(Obj::from_borrowed(a));
            }
        }
        from_slice(&concat_buffers(a, b)?)
    })
}

unsafe extern "C" fn bytes_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let ord = as_slice(a).cmp(as_slice(b));
    boolobject::new_bool(crate::protocol::object::ordering_matches(ord, op))
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(bytes_type())?;
    typeobject::ready(&raw mut PyBytesIter_Type)
}

/// The bytes a `b'...'` literal's backslash escapes stand for (CPython's
/// _PyBytes_DecodeEscape): also the position of the first unknown escape, which is kept as
/// it is. A bad `\x` raises ValueError unless `errors` is "ignore" or "replace".
pub fn decode_escape(s: &[u8], errors: &str) -> PyResult<(Vec<u8>, Option<usize>)> {
    let mut out = Vec::with_capacity(s.len());
    let mut first_invalid = None;
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            out.push(s[i]);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c) = s.get(i) else {
            return Err(raise(exc::value_error(), "Trailing \\ in string"));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |k: usize| s.get(k).and_then(|&d| (d as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => match errors {
                        "ignore" => {}
                        "replace" => out.push(b'?'),
                        "strict" => {
                            return Err(raise(exc::value_error(), format!("invalid \\x escape at position {}", i - 2)));
                        }
                        _ => {
                            return Err(raise(
                                exc::value_error(),
                                format!("decoding error; unknown error handling code: {errors}"),
                            ))
                        }
                    },
                }
            }
            _ => {
                first_invalid.get_or_insert(i - 1);
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok((out, first_invalid))
}
