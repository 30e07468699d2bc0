//! unicodeobject.h: the encode/decode family, the file-system and locale codecs (UTF-8 with
//! surrogateescape, as CPython in a UTF-8 locale) and the wchar_t/UCS4 conversions.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::bytesobject as bytes;
use crate::rt::objects::typeobject::full_name;
use crate::rt::objects::unicode_codecs as codecs;
use crate::rt::objects::unicode_methods as meth;
use crate::rt::objects::unicodeobject as str_;
use crate::rt::{err, exc, PyResult};
use crate::unicodeobject::internal_str;
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

/// A C string argument that may be NULL (then `default`); names that are not UTF-8 are
/// read lossily (they then match no codec or handler, and the error names them).
unsafe fn opt<'a>(p: *const c_char, default: &'a str) -> PyResult<std::borrow::Cow<'a, str>> {
    if p.is_null() {
        return Ok(default.into());
    }
    Ok(CStr::from_ptr(p).to_string_lossy())
}

/// The `size` bytes at `s` (NULL with size 0 is an empty input).
unsafe fn input<'a>(s: *const c_char, size: Py_ssize_t) -> PyResult<&'a [u8]> {
    if size < 0 || (s.is_null() && size != 0) {
        crate::bad_internal_call();
        return Err(err::ErrSet::assume_set());
    }
    if size == 0 {
        return Ok(&[]);
    }
    Ok(std::slice::from_raw_parts(s as *const u8, size as usize))
}

/// TypeError "bad argument type for built-in operation" (CPython's PyErr_BadArgument).
unsafe fn want_str(op: *mut PyObject) -> PyResult<()> {
    if op.is_null() || !str_::check(op) {
        return Err(err::raise(exc::type_error(), "bad argument type for built-in operation"));
    }
    Ok(())
}

// ---- encoding -----------------------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsEncodedString(s: *mut PyObject, encoding: *const c_char, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, &opt(encoding, "utf-8")?, &opt(errors, "strict")?)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsASCIIString(s: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, "ascii", "strict")
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsLatin1String(s: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, "latin-1", "strict")
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_AsUTF8String(s: *mut PyObject, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, "utf-8", &opt(errors, "strict")?)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeFSDefault(s: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, "utf-8", "surrogateescape")
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_EncodeLocale(s: *mut PyObject, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        want_str(s)?;
        meth::encode(s, "utf-8", locale_errors(errors)?)
    })
}

/// The locale codecs take only these two handlers (CPython's get_error_handler_wide).
unsafe fn locale_errors(errors: *const c_char) -> PyResult<&'static str> {
    match &*opt(errors, "strict")? {
        "strict" => Ok("strict"),
        "surrogateescape" => Ok("surrogateescape"),
        other => Err(err::raise(exc::value_error(), format!("unsupported error handler for the locale codec: {other}"))),
    }
}

// ---- decoding -----------------------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_Decode(
    s: *const c_char,
    size: Py_ssize_t,
    encoding: *const c_char,
    errors: *const c_char,
) -> *mut PyObject {
    catch_obj(|| meth::decode(input(s, size)?, &opt(encoding, "utf-8")?, &opt(errors, "strict")?))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeASCII(s: *const c_char, size: Py_ssize_t, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| meth::decode(input(s, size)?, "ascii", &opt(errors, "strict")?))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLatin1(s: *const c_char, size: Py_ssize_t, _errors: *const c_char) -> *mut PyObject {
    // Every byte is a Latin-1 character: there are no errors to handle.
    catch_obj(|| meth::decode(input(s, size)?, "latin-1", "strict"))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF8Stateful(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
    consumed: *mut Py_ssize_t,
) -> *mut PyObject {
    catch_obj(|| {
        let mut data = input(s, size)?;
        if !consumed.is_null() {
            // An incomplete last sequence is left for the next call, not an error.
            data = &data[..data.len() - codecs::utf8_incomplete_tail(data)];
            *consumed = data.len() as Py_ssize_t;
        }
        meth::decode(data, "utf-8", &opt(errors, "strict")?)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF16(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    decode_wide(s, size, errors, byteorder, codecs::decode_utf16)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeUTF32(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
    byteorder: *mut c_int,
) -> *mut PyObject {
    decode_wide(s, size, errors, byteorder, codecs::decode_utf32)
}

/// UTF-16/32: `*byteorder` 0 means "from the BOM", and is set to what the BOM said.
unsafe fn decode_wide(
    s: *const c_char,
    size: Py_ssize_t,
    errors: *const c_char,
    byteorder: *mut c_int,
    f: unsafe fn(&[u8], &str, i32, bool) -> PyResult<codecs::Decoded>,
) -> *mut PyObject {
    catch_obj(|| {
        let bo = if byteorder.is_null() { 0 } else { *byteorder };
        let d = f(input(s, size)?, &opt(errors, "strict")?, bo, false)?;
        if !byteorder.is_null() && bo == 0 {
            *byteorder = d.byteorder;
        }
        Ok(d.text)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeRawUnicodeEscape(s: *const c_char, size: Py_ssize_t, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| codecs::decode_raw_unicode_escape(input(s, size)?, &opt(errors, "strict")?))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefaultAndSize(s: *const c_char, size: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| meth::decode(input(s, size)?, "utf-8", "surrogateescape"))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeFSDefault(s: *const c_char) -> *mut PyObject {
    PyUnicode_DecodeFSDefaultAndSize(s, CStr::from_ptr(s).to_bytes().len() as Py_ssize_t)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_DecodeLocale(s: *const c_char, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| meth::decode(CStr::from_ptr(s).to_bytes(), "utf-8", locale_errors(errors)?))
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromEncodedObject(obj: *mut PyObject, encoding: *const c_char, errors: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        if obj.is_null() {
            crate::bad_internal_call();
            return Err(err::ErrSet::assume_set());
        }
        if bytes::check(obj) {
            let b = bytes::as_slice(obj);
            if b.is_empty() {
                return Ok(str_::empty());
            }
            return meth::decode(b, &opt(encoding, "utf-8")?, &opt(errors, "strict")?);
        }
        if str_::check(obj) {
            return Err(err::raise(exc::type_error(), "decoding str is not supported"));
        }
        Err(err::raise(
            exc::type_error(),
            format!("decoding to str: need a bytes-like object, {} found", full_name(type_of(obj))),
        ))
    })
}

/// `PyArg_Parse` "O&" converter to file-system bytes (Py_CLEANUP_SUPPORTED: called again
/// with NULL to release the result).
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FSConverter(arg: *mut PyObject, addr: *mut std::ffi::c_void) -> c_int {
    let out = addr as *mut *mut PyObject;
    if arg.is_null() {
        let old = std::mem::replace(&mut *out, null_mut());
        if !old.is_null() {
            decref(old);
        }
        return 1;
    }
    let r = catch_obj(|| {
        let path = fspath(arg)?;
        let b = if bytes::check(path.as_ptr()) { path } else { meth::encode(path.as_ptr(), "utf-8", "surrogateescape")? };
        if bytes::as_slice(b.as_ptr()).contains(&0) {
            return Err(err::raise(exc::value_error(), "embedded null byte"));
        }
        Ok(b)
    });
    if r.is_null() {
        return 0;
    }
    *out = r;
    0x20000
}

/// CPython's PyOS_FSPath.
unsafe fn fspath(p: *mut PyObject) -> PyResult<Obj> {
    crate::rt::modules::posix_path::fspath(p)
}

// ---- UCS4 and wchar_t (4 bytes on Linux) --------------------------------------------------

/// Copies the code points (plus a NUL when `nul`) into a PyMem buffer or the caller's.
unsafe fn ucs4_into(s: *mut PyObject, target: *mut u32, size: Py_ssize_t, nul: bool) -> *mut u32 {
    if internal_str(s).is_err() {
        return null_mut();
    }
    let n = str_::len(s) as usize;
    let need = n + nul as usize;
    let target = if target.is_null() {
        let p = crate::memory::PyMem_Malloc(need.max(1) * 4) as *mut u32;
        if p.is_null() {
            crate::rt::objects::exceptions::no_memory();
            return null_mut();
        }
        p
    } else if (size as usize) < need || size < 0 {
        err::raise(exc::system_error(), "string is longer than the buffer");
        if nul && size > 0 {
            *target = 0;
        }
        return null_mut();
    } else {
        target
    };
    for i in 0..n {
        *target.add(i) = str_::read_char(s, i);
    }
    if nul {
        *target.add(n) = 0;
    }
    target
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4(s: *mut PyObject, buf: *mut u32, buflen: Py_ssize_t, copy_null: c_int) -> *mut u32 {
    if buf.is_null() || buflen < 0 {
        crate::bad_internal_call();
        return null_mut();
    }
    ucs4_into(s, buf, buflen, copy_null != 0)
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUCS4Copy(s: *mut PyObject) -> *mut u32 {
    ucs4_into(s, null_mut(), 0, true)
}

#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideChar(s: *mut PyObject, w: *mut libc_wchar, size: Py_ssize_t) -> Py_ssize_t {
    if s.is_null() {
        crate::bad_internal_call();
        return -1;
    }
    if want_str(s).is_err() {
        return -1;
    }
    let n = str_::len(s);
    if w.is_null() {
        return n + 1;
    }
    // Room for the NUL too: copy it; else fill the buffer, unterminated.
    let (copy, ret) = if size > n { (n + 1, n) } else { (size.max(0), size.max(0)) };
    for i in 0..copy {
        *w.add(i as usize) = if i < n { str_::read_char(s, i as usize) as libc_wchar } else { 0 };
    }
    ret
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsWideCharString(s: *mut PyObject, size: *mut Py_ssize_t) -> *mut libc_wchar {
    if s.is_null() {
        crate::bad_internal_call();
        return null_mut();
    }
    if want_str(s).is_err() {
        return null_mut();
    }
    if size.is_null() && str_::code_points(s).any(|c| c == 0) {
        err::raise(exc::value_error(), "embedded null character");
        return null_mut();
    }
    let p = ucs4_into(s, null_mut(), 0, true);
    if !p.is_null() && !size.is_null() {
        *size = str_::len(s);
    }
    p as *mut libc_wchar
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromWideChar(w: *const libc_wchar, size: Py_ssize_t) -> *mut PyObject {
    if w.is_null() && size != 0 {
        crate::bad_internal_call();
        return null_mut();
    }
    let n = if size == -1 { (0..).take_while(|&i| *w.add(i) != 0).count() } else { size.max(0) as usize };
    if n == 0 {
        return str_::empty().into_ptr();
    }
    let cps: Vec<u32> = std::slice::from_raw_parts(w, n).iter().map(|&c| c as u32).collect();
    if let Some(bad) = cps.iter().find(|&&c| c > 0x10ffff) {
        err::raise(exc::value_error(), format!("character U+{bad:x} is not in range [U+0000; U+10ffff]"));
        return null_mut();
    }
    catch_obj(|| str_::from_code_points(&cps))
}

// ---- the deprecated Py_UNICODE (wchar_t) API ------------------------------------------------

/// A wchar_t copy cached on the str (freed with it), as CPython 3.11 keeps in `wstr`.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUnicodeAndSize(s: *mut PyObject, size: *mut Py_ssize_t) -> *mut libc_wchar {
    if want_str(s).is_err() {
        return null_mut();
    }
    let a = s as *mut PyASCIIObject;
    if (*a).wstr.is_null() {
        let w = ucs4_into(s, null_mut(), 0, true);
        if w.is_null() {
            return null_mut();
        }
        (*a).wstr = w as *mut _;
        if !str_::is_compact_ascii(s) {
            (*(s as *mut PyCompactUnicodeObject)).wstr_length = str_::len(s);
        }
    }
    if !size.is_null() {
        *size = str_::len(s);
    }
    (*a).wstr as *mut libc_wchar
}
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_AsUnicode(s: *mut PyObject) -> *mut libc_wchar {
    PyUnicode_AsUnicodeAndSize(s, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_AsUnicode(s: *mut PyObject) -> *const libc_wchar {
    PyUnicode_AsUnicodeAndSize(s, null_mut())
}
/// Only with characters: `PyUnicode_FromUnicode(NULL, n)` made a string to fill through its
/// wchar_t buffer, a not-ready legacy string Ferric does not have.
#[no_mangle]
pub unsafe extern "C" fn PyUnicode_FromUnicode(u: *const libc_wchar, size: Py_ssize_t) -> *mut PyObject {
    if u.is_null() && size > 0 {
        err::raise(exc::system_error(), "Ferric: PyUnicode_FromUnicode(NULL, size) is not supported; use PyUnicode_New()");
        return null_mut();
    }
    PyUnicode_FromWideChar(u, size)
}

/// C's wchar_t on the Linux targets Ferric builds for.
#[allow(non_camel_case_types)]
type libc_wchar = i32;
