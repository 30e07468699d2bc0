//! unicodeobject.h: the part the core types need; the str methods come with the str work.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::unicodeobject as str_;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromString(s: *const c_char) -> *mut PyObject {
    catch_obj(|| str_::from_cstr(s))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    if n < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyUnicode_FromStringAndSize");
        return null_mut();
    }
    if s.is_null() {
        if n == 0 {
            return str_::empty().into_ptr();
        }
        err::raise(exc::system_error(), "NULL string with positive size with NULL passed to PyUnicode_FromStringAndSize");
        return null_mut();
    }
    catch_obj(|| str_::from_utf8(std::slice::from_raw_parts(s as *const u8, n as usize)))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8(s: *const c_char, n: Py_ssize_t, errors: *const c_char) -> *mut PyObject {
    crate::unicode_codecs::PyUnicode_DecodeUTF8Stateful(s, n, errors, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_New(size: Py_ssize_t, maxchar: u32) -> *mut PyObject {
    if size < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyUnicode_New");
        return null_mut();
    }
    if size == 0 {
        return str_::empty().into_ptr();
    }
    catch_obj(|| str_::new_raw(size as usize, maxchar))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromOrdinal(c: c_int) -> *mut PyObject {
    if !(0..=0x10ffff).contains(&c) {
        err::raise(exc::value_error(), "chr() arg not in range(0x110000)");
        return null_mut();
    }
    catch_obj(|| str_::from_code_points(&[c as u32]))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromKindAndData(kind: c_int, buf: *const std::ffi::c_void, size: Py_ssize_t) -> *mut PyObject {
    if size < 0 {
        err::raise(exc::value_error(), "size must be positive");
        return null_mut();
    }
    let n = size as usize;
    let cps: Vec<u32> = match kind {
        1 => std::slice::from_raw_parts(buf as *const u8, n).iter().map(|&c| c as u32).collect(),
        2 => std::slice::from_raw_parts(buf as *const u16, n).iter().map(|&c| c as u32).collect(),
        4 => std::slice::from_raw_parts(buf as *const u32, n).to_vec(),
        _ => {
            err::raise(exc::system_error(), "invalid kind");
            return null_mut();
        }
    };
    if cps.iter().any(|&c| c > 0x10ffff) {
        err::raise(exc::value_error(), "character U+110000 is not in range [U+0000; U+10ffff]");
        return null_mut();
    }
    catch_obj(|| str_::from_code_points(&cps))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8AndSize(op: *mut PyObject, size: *mut Py_ssize_t) -> *const c_char {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return std::ptr::null();
    }
    catch(std::ptr::null(), || match str_::as_str(op) {
        Ok(s) => {
            if !size.is_null() {
                *size = s.len() as Py_ssize_t;
            }
            s.as_ptr() as *const c_char
        }
        Err(_) => std::ptr::null(),
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8(op: *mut PyObject) -> *const c_char {
    PyUnicode_AsUTF8AndSize(op, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUTF8String(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if !str_::check(op) {
            return Err(err::raise(exc::type_error(), "bad argument type for built-in operation"));
        }
        crate::rt::objects::bytesobject::from_slice(str_::as_str(op)?.as_bytes())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_GetLength(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return -1;
    }
    str_::len(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_ReadChar(op: *mut PyObject, i: Py_ssize_t) -> u32 {
    if op.is_null() || !str_::check(op) {
        err::raise(exc::type_error(), "bad argument type for built-in operation");
        return u32::MAX;
    }
    if i < 0 || i >= str_::len(op) {
        err::raise(exc::index_error(), "string index out of range");
        return u32::MAX;
    }
    str_::read_char(op, i as usize)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternInPlace(p: *mut *mut PyObject) {
    str_::intern_in_place(p)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_InternFromString(s: *const c_char) -> *mut PyObject {
    let mut p = PyUnicode_FromString(s);
    if !p.is_null() {
        str_::intern_in_place(&mut p);
    }
    p
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if !str_::check(a) {
            return Err(err::raise(
                exc::type_error(),
                format!("must be str, not {}", crate::rt::objects::typeobject::short_name(type_of(a))),
            ));
        }
        str_::concat(a, b)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Compare(a: *mut PyObject, b: *mut PyObject) -> c_int {
    if str_::check(a) && str_::check(b) {
        return str_::compare(a, b) as c_int;
    }
    err::raise(
        exc::type_error(),
        format!(
            "Can't compare {} and {}",
            crate::rt::objects::typeobject::short_name(type_of(a)),
            crate::rt::objects::typeobject::short_name(type_of(b))
        ),
    );
    -1
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CompareWithASCIIString(a: *mut PyObject, s: *const c_char) -> c_int {
    let b = CStr::from_ptr(s).to_bytes();
    let cps = str_::code_points(a);
    cps.cmp(b.iter().map(|&c| c as u32)) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_EqualToASCIIString(a: *mut PyObject, s: *const c_char) -> c_int {
    (PyUnicode_CompareWithASCIIString(a, s) == 0) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Contains(hay: *mut PyObject, needle: *mut PyObject) -> c_int {
    crate::abstract_::PySequence_Contains(hay, needle)
}

// ---- building, slicing, searching ---------------------------------------------------------

use crate::rt::objects::typeobject::full_name;
use crate::rt::PyResult;

/// CPython's ensure_unicode: TypeError "must be str, not T".
pub(crate) unsafe fn ensure(op: *mut PyObject) -> PyResult<()> {
    if op.is_null() || !str_::check(op) {
        let t = if op.is_null() { "NULL" } else { full_name(type_of(op)) };
        return Err(err::raise(exc::type_error(), format!("must be str, not {t}")));
    }
    Ok(())
}

/// SystemError "bad argument to internal function" unless `op` is a str.
pub(crate) unsafe fn internal_str(op: *mut PyObject) -> PyResult<()> {
    if op.is_null() || !str_::check(op) {
        crate::bad_internal_call();
        return Err(err::ErrSet::assume_set());
    }
    Ok(())
}

/// CPython's unicode_check_modifiable.
unsafe fn check_modifiable(op: *mut PyObject) -> PyResult<()> {
    if !str_::modifiable(op) {
        return Err(err::raise(exc::system_error(), "Cannot modify a string currently used"));
    }
    Ok(())
}

/// CPython's ADJUST_INDICES: slice bounds clipped to `len`.
fn adjust(mut start: isize, mut end: isize, len: isize) -> (isize, isize) {
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Substring(s: *mut PyObject, start: Py_ssize_t, end: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        internal_str(s)?;
        let n = str_::len(s);
        if start < 0 || end < 0 {
            return Err(err::raise(exc::index_error(), "string index out of range"));
        }
        let end = end.min(n);
        if start == 0 && end == n && str_::check_exact(s) {
            return Ok(Obj::from_borrowed(s));
        }
        if start >= n || end < start {
            return Ok(str_::empty());
        }
        let cps: Vec<u32> = (start..end).map(|i| str_::read_char(s, i as usize)).collect();
        str_::from_code_points(&cps)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Join(sep: *mut PyObject, seq: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let space;
        let sep = if sep.is_null() {
            space = str_::from_str(" ")?;
            space.as_ptr()
        } else {
            ensure_sep(sep)?;
            sep
        };
        crate::rt::objects::unicode_methods::join_items(sep, seq)
    })
}

unsafe fn ensure_sep(sep: *mut PyObject) -> PyResult<()> {
    if !str_::check(sep) {
        return Err(err::raise(
            exc::type_error(),
            format!("separator: expected str instance, {} found", full_name(type_of(sep))),
        ));
    }
    Ok(())
}

unsafe fn method(op: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    crate::rt::protocol::call::call_method_obj(op, name, args)
}

unsafe fn ssize_obj(n: Py_ssize_t) -> PyResult<Obj> {
    Obj::from_owned(crate::longobject::PyLong_FromSsize_t(n))
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Split(s: *mut PyObject, sep: *mut PyObject, maxsplit: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        ensure(s)?;
        if !sep.is_null() {
            ensure(sep)?;
        }
        let sep = if sep.is_null() { crate::rt::objects::noneobject::none() } else { sep };
        method(s, "split", &[sep, ssize_obj(maxsplit)?.as_ptr()])
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Splitlines(s: *mut PyObject, keepends: c_int) -> *mut PyObject {
    catch_obj(|| {
        ensure(s)?;
        method(s, "splitlines", &[crate::rt::objects::boolobject::new_bool(keepends != 0)])
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Replace(
    s: *mut PyObject,
    sub: *mut PyObject,
    repl: *mut PyObject,
    maxcount: Py_ssize_t,
) -> *mut PyObject {
    catch_obj(|| {
        ensure(s)?;
        ensure(sub)?;
        ensure(repl)?;
        method(s, "replace", &[sub, repl, ssize_obj(maxcount)?.as_ptr()])
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Tailmatch(
    s: *mut PyObject,
    sub: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
    direction: c_int,
) -> Py_ssize_t {
    let r = catch_obj(|| {
        ensure(s)?;
        ensure(sub)?;
        let name = if direction > 0 { "endswith" } else { "startswith" };
        method(s, name, &[sub, ssize_obj(start)?.as_ptr(), ssize_obj(end)?.as_ptr()])
    });
    if r.is_null() {
        return -1;
    }
    let hit = r == crate::rt::objects::boolobject::true_();
    decref(r);
    hit as Py_ssize_t
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FindChar(s: *mut PyObject, ch: u32, start: Py_ssize_t, end: Py_ssize_t, direction: c_int) -> Py_ssize_t {
    if internal_str(s).is_err() {
        return -2;
    }
    let (start, end) = adjust(start, end, str_::len(s));
    let hit = |i: &isize| str_::read_char(s, *i as usize) == ch;
    let found = if direction > 0 { (start..end).find(hit) } else { (start..end).rev().find(hit) };
    found.unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Append(pleft: *mut *mut PyObject, right: *mut PyObject) {
    if pleft.is_null() || (*pleft).is_null() {
        return;
    }
    let left = *pleft;
    if right.is_null() || !str_::check(left) || !str_::check(right) {
        if err::occurred().is_null() {
            crate::bad_internal_call();
        }
        *pleft = null_mut();
        decref(left);
        return;
    }
    *pleft = catch_obj(|| str_::concat(left, right));
    decref(left);
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AppendAndDel(pleft: *mut *mut PyObject, right: *mut PyObject) {
    PyUnicode_Append(pleft, right);
    if !right.is_null() {
        decref(right);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Format(format: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        ensure(format)?;
        if args.is_null() {
            crate::bad_internal_call();
            return Err(err::ErrSet::assume_set());
        }
        crate::rt::objects::unicode_percent::percent_format(format, args)
    })
}

// ---- writing into fresh strings -------------------------------------------------------------

unsafe fn kind_name(op: *mut PyObject) -> &'static str {
    match str_::max_char_value(op) {
        0x7f => "ascii",
        0xff => "latin1",
        0xffff => "UCS2",
        _ => "UCS4",
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_FastCopyCharacters(
    to: *mut PyObject,
    to_start: Py_ssize_t,
    from: *mut PyObject,
    from_start: Py_ssize_t,
    n: Py_ssize_t,
) {
    // CPython only asserts here; the checked version is PyUnicode_CopyCharacters.
    if n > 0 {
        str_::copy_chars(to, to_start as usize, from, from_start as usize, n as usize);
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_CopyCharacters(
    to: *mut PyObject,
    to_start: Py_ssize_t,
    from: *mut PyObject,
    from_start: Py_ssize_t,
    how_many: Py_ssize_t,
) -> Py_ssize_t {
    let r = (|| -> PyResult<Py_ssize_t> {
        internal_str(to)?;
        internal_str(from)?;
        let (to_len, from_len) = (str_::len(to), str_::len(from));
        if from_start < 0 || from_start > from_len || to_start < 0 || to_start > to_len {
            return Err(err::raise(exc::index_error(), "string index out of range"));
        }
        if how_many < 0 {
            return Err(err::raise(exc::system_error(), "how_many cannot be negative"));
        }
        let n = how_many.min(from_len - from_start);
        if to_start + n > to_len {
            return Err(err::raise(
                exc::system_error(),
                format!("Cannot write {n} characters at {to_start} in a string of {to_len} characters"),
            ));
        }
        if n == 0 {
            return Ok(0);
        }
        check_modifiable(to)?;
        let widest = (from_start..from_start + n).map(|i| str_::read_char(from, i as usize)).max().unwrap_or(0);
        if widest > str_::max_char_value(to) {
            return Err(err::raise(
                exc::system_error(),
                format!("Cannot copy {} characters into a string of {} characters", kind_name(from), kind_name(to)),
            ));
        }
        str_::copy_chars(to, to_start as usize, from, from_start as usize, n as usize);
        Ok(n)
    })();
    r.unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Fill(s: *mut PyObject, start: Py_ssize_t, length: Py_ssize_t, fill: u32) -> Py_ssize_t {
    let r = (|| -> PyResult<Py_ssize_t> {
        internal_str(s)?;
        check_modifiable(s)?;
        if start < 0 {
            return Err(err::raise(exc::index_error(), "string index out of range"));
        }
        if fill > str_::max_char_value(s) {
            return Err(err::raise(exc::value_error(), "fill character is bigger than the string maximum character"));
        }
        let n = length.min(str_::len(s) - start);
        for i in start..start + n.max(0) {
            str_::write_char(s, i as usize, fill);
        }
        Ok(n.max(0))
    })();
    r.unwrap_or(-1)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_WriteChar(s: *mut PyObject, index: Py_ssize_t, ch: u32) -> c_int {
    let r = (|| -> PyResult<()> {
        internal_str(s)?;
        if index < 0 || index >= str_::len(s) {
            return Err(err::raise(exc::index_error(), "string index out of range"));
        }
        check_modifiable(s)?;
        if ch > str_::max_char_value(s) {
            return Err(err::raise(exc::value_error(), "character out of range"));
        }
        str_::write_char(s, index as usize, ch);
        Ok(())
    })();
    crate::rt::guard::ret_int(r)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Resize(p: *mut *mut PyObject, length: Py_ssize_t) -> c_int {
    if p.is_null() || (*p).is_null() || !str_::check(*p) || length < 0 {
        crate::bad_internal_call();
        return -1;
    }
    let old = *p;
    if length == str_::len(old) {
        return 0;
    }
    let new = if length == 0 { Ok(str_::empty()) } else { str_::resized_copy(old, length as usize) };
    match new {
        Ok(n) => {
            *p = n.into_ptr();
            decref(old);
            0
        }
        Err(_) => -1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_Copy(s: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        internal_str(s)?;
        if str_::len(s) == 0 {
            return Ok(str_::empty());
        }
        str_::resized_copy(s, str_::len(s) as usize)
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_Equal(a: *mut PyObject, b: *mut PyObject) -> c_int {
    str_::eq(a, b) as c_int
}

/// Ferric's strings are always ready (PEP 393 compact).
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_Ready(_s: *mut PyObject) -> c_int {
    0
}
