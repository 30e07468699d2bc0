//! `str`: PEP 393 compact strings. ASCII text sits right after a `PyASCIIObject`; other text
//! after a `PyCompactUnicodeObject`, one, two or four bytes a character (the "kind"), with a
//! NUL after the last. A UTF-8 copy is made on demand and cached in `utf8`.
//!
//! This file holds the representation, creation, UTF-8, hashing, interning, comparison and
//! repr; the str methods live in `unicode_methods.rs`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature};
use crate::objects::{boolobject, noneobject};
use std::collections::HashMap;
use std::ffi::{c_int, CStr};
use std::mem::size_of;
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyUnicode_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"str".as_ptr(),
    tp_basicsize: size_of::<PyUnicodeObject>() as _,
    tp_dealloc: Some(unicode_dealloc),
    tp_repr: Some(unicode_repr),
    tp_as_number: &raw mut UNICODE_AS_NUMBER,
    tp_as_sequence: &raw mut UNICODE_AS_SEQUENCE,
    tp_as_mapping: &raw mut UNICODE_AS_MAPPING,
    tp_hash: Some(unicode_hash),
    tp_str: Some(unicode_str),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"str(object='') -> str\nstr(bytes_or_buffer[, encoding[, errors]]) -> str".as_ptr(),
    tp_richcompare: Some(unicode_richcompare),
    tp_iter: Some(crate::objects::unicode_iter::unicode_iter),
    tp_methods: (&raw mut crate::objects::unicode_methods::UNICODE_METHODS) as *mut PyMethodDef,
    tp_new: Some(unicode_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut UNICODE_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_remainder: Some(unicode_mod), ..PyNumberMethods::EMPTY };

/// `str % args` (nb_remainder); NotImplemented when the left operand is not a str.
unsafe extern "C" fn unicode_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if !check(a) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| crate::objects::unicode_percent::percent_format(a, b))
}

static mut UNICODE_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(unicode_length),
    sq_concat: Some(unicode_concat),
    sq_repeat: Some(unicode_repeat),
    sq_item: Some(unicode_item),
    sq_contains: Some(unicode_contains),
    ..PySequenceMethods::EMPTY
};

static mut UNICODE_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(unicode_length),
    mp_subscript: Some(unicode_subscript),
    mp_ass_subscript: None,
};

unsafe extern "C" fn unicode_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i < 0 || i >= len(op) {
        raise(exc::index_error(), "string index out of range");
        return null_mut();
    }
    crate::guard::ret_obj(from_code_points(&[read_char(op, i as usize)]))
}

unsafe extern "C" fn unicode_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    if crate::objects::sliceobject::check(key) {
        return crate::guard::catch_obj(|| {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, len(op))?;
            if start == 0 && step == 1 && n == len(op) && check_exact(op) {
                return Ok(Obj::from_borrowed(op));
            }
            let cps: Vec<u32> = (0..n).map(|i| read_char(op, (start + i * step) as usize)).collect();
            from_code_points(&cps)
        });
    }
    if crate::protocol::number::has_index(key) {
        let Ok(mut i) = crate::protocol::number::as_ssize_t_exc(key, exc::index_error()) else { return null_mut() };
        if i < 0 {
            i += len(op);
        }
        return unicode_item(op, i);
    }
    raise(exc::type_error(), format!("string indices must be integers, not '{}'", typeobject::full_name(type_of(key))));
    null_mut()
}

/// `s * n`; sizes past the address space raise OverflowError as CPython.
unsafe extern "C" fn unicode_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if n <= 0 || len(op) == 0 {
            return Ok(empty());
        }
        if n == 1 && check_exact(op) {
            return Ok(Obj::from_borrowed(op));
        }
        let total = (len(op) as usize).checked_mul(n as usize).filter(|&t| t <= (isize::MAX as usize) / 4);
        let Some(total) = total else {
            return Err(raise(exc::overflow_error(), "repeated string is too long"));
        };
        let maxchar = code_points(op).max().unwrap_or(0);
        let r = new_raw(total, maxchar)?;
        let k = kind(op) as usize;
        let chunk = len(op) as usize * k;
        let src = data(op);
        let dst = data(r.as_ptr());
        // Same kind: copy the raw bytes n times.
        if kind(r.as_ptr()) as usize == k {
            for i in 0..n as usize {
                std::ptr::copy_nonoverlapping(src, dst.add(i * chunk), chunk);
            }
            return Ok(r);
        }
        let cps: Vec<u32> = code_points(op).collect();
        let all: Vec<u32> = cps.iter().copied().cycle().take(total).collect();
        from_code_points(&all)
    })
}

const STATE_INTERNED_MASK: u32 = 0b11 << STATE_INTERNED_SHIFT;

#[inline(always)]
pub fn unicode_type() -> *mut PyTypeObject {
    &raw mut PyUnicode_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_UNICODE_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == unicode_type()
}

#[inline(always)]
unsafe fn state(op: *mut PyObject) -> u32 {
    (*(op as *mut PyASCIIObject)).state
}

#[inline(always)]
pub unsafe fn is_ascii(op: *mut PyObject) -> bool {
    state(op) & STATE_ASCII != 0
}

/// ASCII text right after a PyASCIIObject header (no PyCompactUnicodeObject fields).
#[inline(always)]
pub unsafe fn is_compact_ascii(op: *mut PyObject) -> bool {
    is_ascii(op) && state(op) & STATE_COMPACT != 0
}

#[inline(always)]
pub unsafe fn kind(op: *mut PyObject) -> u32 {
    (state(op) >> STATE_KIND_SHIFT) & 0b111
}

#[inline(always)]
pub unsafe fn len(op: *mut PyObject) -> Py_ssize_t {
    (*(op as *mut PyASCIIObject)).length
}

/// Start of the character data (compact strings only; Ferric makes no other kind).
#[inline(always)]
pub unsafe fn data(op: *mut PyObject) -> *mut u8 {
    let st = state(op);
    if st & STATE_COMPACT == 0 {
        return (*(op as *mut PyUnicodeObject)).data as *mut u8;
    }
    if st & STATE_ASCII != 0 {
        (op as *mut u8).add(size_of::<PyASCIIObject>())
    } else {
        (op as *mut u8).add(size_of::<PyCompactUnicodeObject>())
    }
}

/// The code point at `i` (no bounds check).
#[inline(always)]
pub unsafe fn read_char(op: *mut PyObject, i: usize) -> u32 {
    let d = data(op);
    match kind(op) {
        1 => *d.add(i) as u32,
        2 => *(d as *const u16).add(i) as u32,
        _ => *(d as *const u32).add(i),
    }
}

/// Iterates the code points (which may include lone surrogates, so not `char`).
pub unsafe fn code_points(op: *mut PyObject) -> impl Iterator<Item = u32> {
    let n = len(op) as usize;
    (0..n).map(move |i| read_char(op, i))
}

/// CPython's `PyUnicode_New`: an uninitialised compact string able to hold `length`
/// characters up to `maxchar`.
pub unsafe fn new_raw(length: usize, maxchar: u32) -> PyResult<Obj> {
    let (kind, ascii) = match maxchar {
        0..=0x7f => (1u32, true),
        0x80..=0xff => (1, false),
        0x100..=0xffff => (2, false),
        _ => (4, false),
    };
    if maxchar > 0x10ffff {
        return Err(raise(exc::system_error(), "invalid maximum character passed to PyUnicode_New"));
    }
    let header = if ascii { size_of::<PyASCIIObject>() } else { size_of::<PyCompactUnicodeObject>() };
    let Some(size) = length.checked_add(1).and_then(|n| n.checked_mul(kind as usize)).and_then(|n| n.checked_add(header))
    else {
        return Err(crate::objects::exceptions::no_memory());
    };
    if size > isize::MAX as usize {
        return Err(crate::objects::exceptions::no_memory());
    }
    let op = crate::mem::malloc(size) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, unicode_type());
    let a = op as *mut PyASCIIObject;
    (*a).length = length as isize;
    (*a).hash = -1;
    (*a).state = (kind << STATE_KIND_SHIFT) | STATE_COMPACT | STATE_READY | if ascii { STATE_ASCII } else { 0 };
    (*a).wstr = null_mut();
    if !ascii {
        let c = op as *mut PyCompactUnicodeObject;
        (*c).utf8_length = 0;
        (*c).utf8 = null_mut();
        (*c).wstr_length = 0;
    }
    let d = (op as *mut u8).add(header);
    // The terminating NUL, in the width of the kind.
    std::ptr::write_bytes(d.add(length * kind as usize), 0, kind as usize);
    Ok(Obj::from_owned_nonnull(op))
}

/// Makes a str from code points (lone surrogates allowed), choosing the narrowest kind.
pub unsafe fn from_code_points(cps: &[u32]) -> PyResult<Obj> {
    let maxchar = cps.iter().copied().max().unwrap_or(0);
    if cps.is_empty() {
        return Ok(empty());
    }
    if cps.len() == 1 && maxchar < 256 {
        return Ok(latin1_char(maxchar as u8));
    }
    let r = new_raw(cps.len(), maxchar)?;
    let d = data(r.as_ptr());
    match kind(r.as_ptr()) {
        1 => cps.iter().enumerate().for_each(|(i, &c)| *d.add(i) = c as u8),
        2 => cps.iter().enumerate().for_each(|(i, &c)| *(d as *mut u16).add(i) = c as u16),
        _ => std::ptr::copy_nonoverlapping(cps.as_ptr(), d as *mut u32, cps.len()),
    }
    Ok(r)
}

pub fn from_str(s: &str) -> PyResult<Obj> {
    // Safety: new_raw returns a string of the right kind and length to write into.
    unsafe {
        if s.is_ascii() {
            if s.len() <= 1 {
                return Ok(if s.is_empty() { empty() } else { latin1_char(s.as_bytes()[0]) });
            }
            let r = new_raw(s.len(), 0x7f)?;
            std::ptr::copy_nonoverlapping(s.as_ptr(), data(r.as_ptr()), s.len());
            return Ok(r);
        }
        let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
        from_code_points(&cps)
    }
}

/// Decodes UTF-8 bytes strictly, raising UnicodeDecodeError as CPython does.
pub fn from_utf8(b: &[u8]) -> PyResult<Obj> {
    match std::str::from_utf8(b) {
        Ok(s) => from_str(s),
        Err(e) => {
            let start = e.valid_up_to();
            let (end, reason) = match e.error_len() {
                Some(n) => (start + n, "invalid start byte"),
                None => (b.len(), "unexpected end of data"),
            };
            let reason = if e.error_len().is_some() && b[start] >= 0x80 && b[start] < 0xc2 {
                "invalid start byte"
            } else if e.error_len().is_some() && b[start] >= 0xc2 && b[start] <= 0xf4 {
                "invalid continuation byte"
            } else {
                reason
            };
            Err(crate::objects::exceptions::unicode_decode_error("utf-8", b, start, end, reason))
        }
    }
}

/// A borrowed view as UTF-8. Strings holding lone surrogates raise UnicodeEncodeError.
/// The text lives as long as the str object.
pub unsafe fn as_str<'a>(op: *mut PyObject) -> PyResult<&'a str> {
    if is_ascii(op) && state(op) & STATE_COMPACT != 0 {
        let bytes = std::slice::from_raw_parts(data(op), len(op) as usize);
        return Ok(std::str::from_utf8_unchecked(bytes));
    }
    let c = op as *mut PyCompactUnicodeObject;
    if (*c).utf8.is_null() {
        let mut s = String::with_capacity(len(op) as usize);
        for (i, cp) in code_points(op).enumerate() {
            match char::from_u32(cp) {
                Some(ch) => s.push(ch),
                None => {
                    return Err(crate::objects::exceptions::unicode_encode_error(
                        "utf-8", op, i, i + 1, "surrogates not allowed",
                    ))
                }
            }
        }
        let buf = crate::mem::malloc(s.len() + 1) as *mut u8;
        if buf.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        std::ptr::copy_nonoverlapping(s.as_ptr(), buf, s.len());
        *buf.add(s.len()) = 0;
        (*c).utf8 = buf as *mut _;
        (*c).utf8_length = s.len() as isize;
    }
    let bytes = std::slice::from_raw_parts((*c).utf8 as *const u8, (*c).utf8_length as usize);
    Ok(std::str::from_utf8_unchecked(bytes))
}

/// The UTF-8 bytes NUL-terminated (CPython's PyUnicode_AsUTF8): pointer valid with the str.
pub unsafe fn as_utf8_ptr(op: *mut PyObject) -> PyResult<*const u8> {
    Ok(as_str(op)?.as_ptr())
}

/// A str from a NUL-terminated UTF-8 C string.
pub unsafe fn from_cstr(p: *const std::ffi::c_char) -> PyResult<Obj> {
    from_utf8(CStr::from_ptr(p).to_bytes())
}

// ---- singletons and interning --------------------------------------------------------------

/// The empty string (immortal): `_Py_STR(empty)` in `_PyRuntime`, as in CPython 3.11.
pub fn empty() -> Obj {
    // Safety: a static, immortal str.
    unsafe { Obj::from_borrowed(crate::runtime_state::empty_str()) }
}

/// One-character Latin-1 strings (immortal): `_PyRuntime`'s `ascii`/`latin1` arrays.
pub fn latin1_char(c: u8) -> Obj {
    // Safety: a static, immortal str.
    unsafe { Obj::from_borrowed(crate::runtime_state::latin1_str(c)) }
}

/// Interned strings by text. Interned strings are immortal (as in CPython 3.12), so the
/// table never holds a dangling pointer.
static mut INTERNED: Option<HashMap<Box<str>, usize>> = None;

/// The table, made on first use with `_PyRuntime`'s identifiers in it (so `_Py_ID(name)` is
/// the interned str of `name`).
unsafe fn interned_table() -> &'static mut HashMap<Box<str>, usize> {
    (*(&raw mut INTERNED)).get_or_insert_with(|| {
        let mut table = HashMap::new();
        crate::runtime_state::each_identifier(|text, op| {
            table.insert(text.into(), op as usize);
        });
        table
    })
}

/// The interned str for `name`: a borrowed pointer to an immortal object.
pub fn intern(name: &str) -> PyResult<*mut PyObject> {
    // Safety: the table is only touched with the GIL held.
    unsafe {
        let table = interned_table();
        if let Some(&p) = table.get(name) {
            return Ok(p as *mut PyObject);
        }
        let s = from_str(name)?;
        let p = s.into_ptr();
        make_immortal(p);
        (*(p as *mut PyASCIIObject)).state |= SSTATE_INTERNED_IMMORTAL;
        table.insert(name.into(), p as usize);
        Ok(p)
    }
}

pub fn intern_obj(name: &str) -> PyResult<Obj> {
    // Safety: intern returns an immortal object.
    intern(name).map(|p| unsafe { Obj::from_borrowed(p) })
}

pub unsafe fn intern_cstr(p: *const std::ffi::c_char) -> PyResult<*mut PyObject> {
    match CStr::from_ptr(p).to_str() {
        Ok(s) => intern(s),
        Err(_) => Err(raise(exc::system_error(), "identifier is not valid UTF-8")),
    }
}

/// PyUnicode_CHECK_INTERNED.
pub unsafe fn is_interned(op: *mut PyObject) -> bool {
    state(op) & STATE_INTERNED_MASK != 0
}

/// Interns `*p` in place (CPython's PyUnicode_InternInPlace): replaces it with the interned
/// copy when there is one; exact str objects only.
pub unsafe fn intern_in_place(p: *mut *mut PyObject) {
    let s = *p;
    if s.is_null() || !check_exact(s) || state(s) & STATE_INTERNED_MASK != 0 {
        return;
    }
    let Ok(text) = as_str(s) else {
        crate::err::clear();
        return;
    };
    let table = interned_table();
    if let Some(&existing) = table.get(text) {
        decref(s);
        *p = existing as *mut PyObject;
        return;
    }
    make_immortal(s);
    (*(s as *mut PyASCIIObject)).state |= SSTATE_INTERNED_IMMORTAL;
    table.insert(text.into(), s as usize);
}

// ---- hashing and comparison ----------------------------------------------------------------

/// CPython's str hash: SipHash over the canonical (kind-width) data; cached in `hash`.
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    let a = op as *mut PyASCIIObject;
    if (*a).hash != -1 {
        return (*a).hash;
    }
    let n = len(op) as usize * kind(op) as usize;
    let h = crate::pyhash::hash_bytes(std::slice::from_raw_parts(data(op), n));
    (*a).hash = h;
    h
}

/// Equal text (any kinds): the kind of a compact string is canonical, so kinds must match.
pub unsafe fn eq(a: *mut PyObject, b: *mut PyObject) -> bool {
    if a == b {
        return true;
    }
    let n = len(a);
    if n != len(b) || kind(a) != kind(b) {
        return false;
    }
    let bytes = n as usize * kind(a) as usize;
    std::slice::from_raw_parts(data(a), bytes) == std::slice::from_raw_parts(data(b), bytes)
}

pub unsafe fn eq_str(a: *mut PyObject, s: &str) -> bool {
    if is_ascii(a) {
        return std::slice::from_raw_parts(data(a), len(a) as usize) == s.as_bytes();
    }
    code_points(a).eq(s.chars().map(|c| c as u32))
}

pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> std::cmp::Ordering {
    code_points(a).cmp(code_points(b))
}

// ---- repr ----------------------------------------------------------------------------------

/// CPython's str repr: single quotes unless the text has ' and no ", escapes for
/// non-printable characters.
pub unsafe fn repr_string(op: *mut PyObject) -> String {
    let has_single = code_points(op).any(|c| c == '\'' as u32);
    let has_double = code_points(op).any(|c| c == '"' as u32);
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(len(op) as usize + 2);
    out.push(quote);
    for cp in code_points(op) {
        match cp {
            0x5c => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            c if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            c if c < 0x20 || c == 0x7f => out.push_str(&format!("\\x{c:02x}")),
            c if c < 0x7f => out.push(c as u8 as char),
            c => match char::from_u32(c) {
                Some(ch) if crate::objects::unicode_db::is_printable(ch) => out.push(ch),
                _ if c <= 0xff => out.push_str(&format!("\\x{c:02x}")),
                _ if c <= 0xffff => out.push_str(&format!("\\u{c:04x}")),
                _ => out.push_str(&format!("\\U{c:08x}")),
            },
        }
    }
    out.push(quote);
    out
}

// ---- slots ---------------------------------------------------------------------------------

/// Frees the UTF-8 and wchar_t copies and, for the legacy (non-compact) strings instances of str
/// subclasses are, the separate character buffer; then the object. Heap subclasses come here
/// through subtype_dealloc, which drops the type reference itself.
unsafe extern "C" fn unicode_dealloc(op: *mut PyObject) {
    let compact = state(op) & STATE_COMPACT != 0;
    let buf = if compact { null_mut() } else { (*(op as *mut PyUnicodeObject)).data };
    if !(compact && is_ascii(op)) {
        let c = op as *mut PyCompactUnicodeObject;
        if !(*c).utf8.is_null() && (*c).utf8 as *mut std::ffi::c_void != buf {
            crate::mem::free((*c).utf8 as *mut _);
        }
    }
    if !buf.is_null() {
        crate::mem::free(buf);
    }
    // The wchar_t copy made by the deprecated PyUnicode_AsUnicode, always its own block.
    let wstr = (*(op as *mut PyASCIIObject)).wstr;
    if !wstr.is_null() {
        crate::mem::free(wstr as *mut _);
    }
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut _);
    }
}

/// An instance of a str subclass holding the text of the exact str `value` (CPython's
/// unicode_subtype_new): a legacy PyUnicodeObject whose characters live in their own buffer
/// (`data`), in the kind of `value`; ASCII text doubles as its UTF-8.
unsafe fn subtype_new(tp: *mut PyTypeObject, value: *mut PyObject) -> PyResult<Obj> {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = Obj::from_owned(alloc(tp, 0))?;
    let n = len(value) as usize;
    let k = kind(value) as usize;
    let ascii = is_ascii(value);
    let buf = crate::mem::malloc((n + 1) * k) as *mut u8;
    if buf.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    // Safety: `buf` has room for n+1 characters of kind k; the source holds n plus its NUL.
    std::ptr::copy_nonoverlapping(data(value), buf, (n + 1) * k);
    let u = op.as_ptr() as *mut PyUnicodeObject;
    let a = op.as_ptr() as *mut PyASCIIObject;
    (*a).length = n as isize;
    (*a).hash = -1;
    (*a).state = ((k as u32) << STATE_KIND_SHIFT) | STATE_READY | if ascii { STATE_ASCII } else { 0 };
    (*a).wstr = null_mut();
    let c = op.as_ptr() as *mut PyCompactUnicodeObject;
    (*c).wstr_length = 0;
    if ascii {
        (*c).utf8 = buf as *mut _;
        (*c).utf8_length = n as isize;
    } else {
        (*c).utf8 = null_mut();
        (*c).utf8_length = 0;
    }
    (*u).data = buf as *mut _;
    Ok(op)
}

unsafe extern "C" fn unicode_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(from_str(&repr_string(op)))
}

unsafe extern "C" fn unicode_str(op: *mut PyObject) -> *mut PyObject {
    if check_exact(op) {
        incref(op);
        return op;
    }
    crate::guard::ret_obj(from_code_points(&code_points(op).collect::<Vec<_>>()))
}

unsafe extern "C" fn unicode_hash(op: *mut PyObject) -> Py_hash_t {
    hash(op)
}

unsafe extern "C" fn unicode_length(op: *mut PyObject) -> Py_ssize_t {
    len(op)
}

unsafe extern "C" fn unicode_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let r = match op {
        Py_EQ => eq(a, b),
        Py_NE => !eq(a, b),
        _ => crate::protocol::object::ordering_matches(compare(a, b), op),
    };
    boolobject::new_bool(r)
}

pub unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Obj> {
    if !check(b) {
        return Err(raise(
            exc::type_error(),
            format!("can only concatenate str (not \"{}\") to str", typeobject::full_name(type_of(b))),
        ));
    }
    if len(a) == 0 && check_exact(b) {
        return Ok(Obj::from_borrowed(b));
    }
    if len(b) == 0 && check_exact(a) {
        return Ok(Obj::from_borrowed(a));
    }
    let mut cps: Vec<u32> = code_points(a).collect();
    cps.extend(code_points(b));
    from_code_points(&cps)
}

unsafe extern "C" fn unicode_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(concat(a, b))
}

/// Index of `needle` in `hay` (code points), naive search in place.
pub unsafe fn find(hay: *mut PyObject, needle: *mut PyObject) -> Option<usize> {
    use crate::objects::unicode_methods::{find_in, View};
    let n: Vec<u32> = code_points(needle).collect();
    find_in(&View(hay), &n, 0, len(hay) as usize)
}

unsafe extern "C" fn unicode_contains(hay: *mut PyObject, needle: *mut PyObject) -> c_int {
    if !check(needle) {
        raise(
            exc::type_error(),
            format!("'in <string>' requires string as left operand, not {}", typeobject::full_name(type_of(needle))),
        );
        return -1;
    }
    find(hay, needle).is_some() as c_int
}

unsafe extern "C" fn unicode_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("str", args, kwds, &["object", "encoding", "errors"], 0)?;
        let v = match (a[0], a[1], a[2]) {
            (None, _, _) => empty(),
            (Some(o), None, None) => crate::protocol::object::str(o)?,
            (Some(o), enc, errs) => crate::objects::unicode_methods::str_decode(o, enc, errs)?,
        };
        if tp == unicode_type() {
            return Ok(v);
        }
        let exact = if check_exact(v.as_ptr()) { v } else { from_code_points(&code_points(v.as_ptr()).collect::<Vec<_>>())? };
        subtype_new(tp, exact.as_ptr())
    })
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(unicode_type())
}

// ---- helpers for the C API's in-place string building --------------------------------------

/// CPython's PyUnicode_MAX_CHAR_VALUE: the largest code point the string's storage can hold.
pub unsafe fn max_char_value(op: *mut PyObject) -> u32 {
    if is_ascii(op) {
        return 0x7f;
    }
    match kind(op) {
        1 => 0xff,
        2 => 0xffff,
        _ => 0x10ffff,
    }
}

/// Stores `ch` at `i` in the width of the string's kind (no bounds or range check).
#[inline(always)]
pub unsafe fn write_char(op: *mut PyObject, i: usize, ch: u32) {
    let d = data(op);
    match kind(op) {
        1 => *d.add(i) = ch as u8,
        2 => *(d as *mut u16).add(i) = ch as u16,
        _ => *(d as *mut u32).add(i) = ch,
    }
}

/// Copies `n` characters (ranges checked by the caller; the target must be wide enough).
pub unsafe fn copy_chars(to: *mut PyObject, to_start: usize, from: *mut PyObject, from_start: usize, n: usize) {
    if n == 0 {
        return;
    }
    if kind(to) == kind(from) {
        let k = kind(to) as usize;
        // Same width: a byte copy (memmove, since `to` may be `from`).
        std::ptr::copy(data(from).add(from_start * k), data(to).add(to_start * k), n * k);
        return;
    }
    for i in 0..n {
        write_char(to, to_start + i, read_char(from, from_start + i));
    }
}

/// A fresh string of `length` characters with the storage width of `op`, holding its
/// first `min(length, len(op))` characters (what PyUnicode_Resize and the writer need; the
/// rest is left for the caller to fill).
pub unsafe fn resized_copy(op: *mut PyObject, length: usize) -> PyResult<Obj> {
    let r = new_raw(length, max_char_value(op))?;
    copy_chars(r.as_ptr(), 0, op, 0, length.min(len(op) as usize));
    Ok(r)
}

/// True when nothing else can see `op`, so it may be written in place (CPython's
/// unicode_modifiable: one reference, no cached hash, not interned, an exact str).
pub unsafe fn modifiable(op: *mut PyObject) -> bool {
    (*op).ob_refcnt == 1 && (*(op as *mut PyASCIIObject)).hash == -1 && !is_interned(op) && check_exact(op)
}
