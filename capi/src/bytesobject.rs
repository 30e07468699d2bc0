//! bytesobject.h (and cpython/bytesobject.h): creation, access, concatenation, the escape
//! decoder, search helpers and `_PyBytesWriter`.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::bytesobject as bytes;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromStringAndSize(s: *const c_char, n: Py_ssize_t) -> *mut PyObject {
    if n < 0 {
        err::raise(exc::system_error(), "Negative size passed to PyBytes_FromStringAndSize");
        return null_mut();
    }
    if s.is_null() {
        return catch_obj(|| {
            let b = bytes::new_uninit(n as usize)?;
            std::ptr::write_bytes(bytes::data(b.as_ptr()), 0, n as usize);
            Ok(b)
        });
    }
    catch_obj(|| bytes::from_slice(std::slice::from_raw_parts(s as *const u8, n as usize)))
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromString(s: *const c_char) -> *mut PyObject {
    catch_obj(|| bytes::from_slice(CStr::from_ptr(s).to_bytes()))
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Size(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !bytes::check(op) {
        err::raise(exc::type_error(), format!("expected bytes, {} found", crate::rt::objects::typeobject::short_name(type_of(op))));
        return -1;
    }
    size_of_var(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsString(op: *mut PyObject) -> *mut c_char {
    if op.is_null() || !bytes::check(op) {
        err::raise(exc::type_error(), format!("expected bytes, {} found", crate::rt::objects::typeobject::short_name(type_of(op))));
        return null_mut();
    }
    bytes::data(op) as *mut c_char
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_AsStringAndSize(op: *mut PyObject, s: *mut *mut c_char, len: *mut Py_ssize_t) -> c_int {
    let p = PyBytes_AsString(op);
    if p.is_null() {
        return -1;
    }
    *s = p;
    let n = size_of_var(op);
    if len.is_null() {
        if bytes::as_slice(op).contains(&0) {
            err::raise(exc::value_error(), "embedded null byte");
            return -1;
        }
    } else {
        *len = n;
    }
    0
}
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Resize(p: *mut *mut PyObject, n: Py_ssize_t) -> c_int {
    let op = *p;
    if op.is_null() || !bytes::check(op) || n < 0 || (*op).ob_refcnt != 1 {
        *p = null_mut();
        xdecref(op);
        crate::bad_internal_call();
        return -1;
    }
    let keep = (n as usize).min(size_of_var(op) as usize);
    match bytes::new_uninit(n as usize) {
        Ok(b) => {
            std::ptr::copy_nonoverlapping(bytes::data(op), bytes::data(b.as_ptr()), keep);
            decref(op);
            *p = b.into_ptr();
            0
        }
        Err(_) => {
            decref(op);
            *p = null_mut();
            -1
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_FromObject(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| bytes::from_object(o))
}

/// `*pv = *pv + w`; on failure (or a NULL `w`) `*pv` is released and set to NULL.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_Concat(pv: *mut *mut PyObject, w: *mut PyObject) {
    if pv.is_null() || (*pv).is_null() {
        return;
    }
    let old = *pv;
    *pv = null_mut();
    if !w.is_null() {
        *pv = catch_obj(|| bytes::from_slice(&bytes::concat_buffers(old, w)?));
    }
    decref(old);
}
#[no_mangle]
pub unsafe extern "C" fn PyBytes_ConcatAndDel(pv: *mut *mut PyObject, w: *mut PyObject) {
    PyBytes_Concat(pv, w);
    xdecref(w);
}

#[no_mangle]
pub unsafe extern "C" fn PyBytes_Repr(op: *mut PyObject, smartquotes: c_int) -> *mut PyObject {
    if op.is_null() || !bytes::check(op) {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| crate::rt::objects::unicodeobject::from_str(&bytes::repr_bytes_quoting(bytes::as_slice(op), smartquotes != 0, false)))
}

unsafe fn escape_args<'a>(s: *const c_char, len: Py_ssize_t, errors: *const c_char) -> (&'a [u8], String) {
    let data = if s.is_null() || len <= 0 { &[][..] } else { std::slice::from_raw_parts(s as *const u8, len as usize) };
    let errs = if errors.is_null() { "strict".to_owned() } else { CStr::from_ptr(errors).to_string_lossy().into_owned() };
    (data, errs)
}

/// The escape decoder, reporting the first unknown escape through `first_invalid`.
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_DecodeEscape(
    s: *const c_char,
    len: Py_ssize_t,
    errors: *const c_char,
    first_invalid: *mut *const c_char,
) -> *mut PyObject {
    let (data, errs) = escape_args(s, len, errors);
    catch_obj(|| {
        let (out, bad) = bytes::decode_escape(data, &errs)?;
        if !first_invalid.is_null() {
            *first_invalid = bad.map_or(std::ptr::null(), |i| s.add(i));
        }
        bytes::from_slice(&out)
    })
}

/// The escape decoder; an unknown escape gives CPython's DeprecationWarning.
#[no_mangle]
pub unsafe extern "C" fn PyBytes_DecodeEscape(
    s: *const c_char,
    len: Py_ssize_t,
    errors: *const c_char,
    _unicode: Py_ssize_t,
    _recode_encoding: *const c_char,
) -> *mut PyObject {
    let (data, errs) = escape_args(s, len, errors);
    catch_obj(|| {
        let (out, bad) = bytes::decode_escape(data, &errs)?;
        if let Some(i) = bad {
            let msg = format!("invalid escape sequence '\\{}'", data[i] as char);
            crate::rt::report::warn(exc::deprecation_warning(), &msg)?;
        }
        bytes::from_slice(&out)
    })
}

unsafe fn raw_slice<'a>(p: *const c_char, n: Py_ssize_t) -> &'a [u8] {
    if p.is_null() || n <= 0 {
        &[]
    } else {
        std::slice::from_raw_parts(p as *const u8, n as usize)
    }
}

/// Index of `needle` in `haystack` plus `offset`, or -1.
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Find(h: *const c_char, nh: Py_ssize_t, n: *const c_char, nn: Py_ssize_t, offset: Py_ssize_t) -> Py_ssize_t {
    let (h, n) = (raw_slice(h, nh), raw_slice(n, nn));
    crate::rt::objects::stringlib::find_at(h, n, 0, h.len()).map_or(-1, |p| p as isize + offset)
}
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_ReverseFind(h: *const c_char, nh: Py_ssize_t, n: *const c_char, nn: Py_ssize_t, offset: Py_ssize_t) -> Py_ssize_t {
    let (h, n) = (raw_slice(h, nh), raw_slice(n, nn));
    crate::rt::objects::stringlib::rfind_at(h, n, 0, h.len()).map_or(-1, |p| p as isize + offset)
}

/// Fills `dest` with copies of `src`, the last one cut short.
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Repeat(dest: *mut c_char, len_dest: Py_ssize_t, src: *const c_char, len_src: Py_ssize_t) {
    if len_dest <= 0 || len_src <= 0 {
        return;
    }
    for i in 0..len_dest as usize {
        *dest.add(i) = *src.add(i % len_src as usize);
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytes_Join(sep: *mut PyObject, iterable: *mut PyObject) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::bytes_methods::join(sep, iterable))
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytes_FromHex(string: *mut PyObject, use_bytearray: c_int) -> *mut PyObject {
    catch_obj(|| {
        let v = crate::rt::objects::bytes_methods::parse_fromhex(string)?;
        if use_bytearray != 0 {
            crate::rt::objects::bytearrayobject::from_slice(&v)
        } else {
            bytes::from_slice(&v)
        }
    })
}

/// `format % args` over raw bytes, giving bytes or a bytearray.
#[no_mangle]
pub unsafe extern "C" fn _PyBytes_FormatEx(format: *const c_char, len: Py_ssize_t, args: *mut PyObject, use_bytearray: c_int) -> *mut PyObject {
    catch_obj(|| {
        let f = raw_slice(format, len);
        let fmt = if use_bytearray != 0 { crate::rt::objects::bytearrayobject::from_slice(f)? } else { bytes::from_slice(f)? };
        crate::rt::objects::bytes_format::format(fmt.as_ptr(), args)
    })
}

// ---- _PyBytesWriter: a growing byte buffer, on the stack while it fits 512 bytes ------------

/// What the writer's current text starts at.
unsafe fn writer_start(w: *mut _PyBytesWriter) -> *mut c_char {
    if (*w).use_small_buffer != 0 {
        (*w).small_buffer.as_mut_ptr()
    } else if (*w).use_bytearray != 0 {
        crate::rt::objects::bytearrayobject::as_ptr((*w).buffer) as *mut c_char
    } else {
        bytes::data((*w).buffer) as *mut c_char
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Init(w: *mut _PyBytesWriter) {
    (*w).buffer = null_mut();
    (*w).allocated = 0;
    (*w).min_size = 0;
    (*w).use_bytearray = 0;
    (*w).overallocate = 0;
    (*w).use_small_buffer = 0;
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Dealloc(w: *mut _PyBytesWriter) {
    let b = (*w).buffer;
    (*w).buffer = null_mut();
    xdecref(b);
}

/// Makes room for `size` bytes in all, `str` being the write position; returns the new one.
#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Resize(w: *mut _PyBytesWriter, s: *mut c_void, size: Py_ssize_t) -> *mut c_void {
    let pos = (s as *mut c_char).offset_from(writer_start(w));
    let mut alloc = size;
    // CPython over-allocates by a quarter on POSIX.
    if (*w).overallocate != 0 && alloc <= isize::MAX - alloc / 4 {
        alloc += alloc / 4;
    }
    let ok = if !(*w).buffer.is_null() {
        if (*w).use_bytearray != 0 {
            crate::rt::guard::catch_int(|| crate::rt::objects::bytearrayobject::resize((*w).buffer, alloc)) == 0
        } else {
            _PyBytes_Resize(&mut (*w).buffer, alloc) == 0
        }
    } else {
        let fresh = if (*w).use_bytearray != 0 {
            crate::PyByteArray_FromStringAndSize(null_mut(), alloc)
        } else {
            PyBytes_FromStringAndSize(null_mut(), alloc)
        };
        if !fresh.is_null() {
            (*w).buffer = fresh;
            if pos > 0 {
                std::ptr::copy_nonoverlapping((*w).small_buffer.as_ptr(), writer_start_of(fresh, (*w).use_bytearray), pos as usize);
            }
            (*w).use_small_buffer = 0;
        }
        !fresh.is_null()
    };
    if !ok {
        return null_mut();
    }
    (*w).allocated = alloc;
    writer_start(w).offset(pos) as *mut c_void
}

unsafe fn writer_start_of(buf: *mut PyObject, use_bytearray: c_int) -> *mut c_char {
    if use_bytearray != 0 {
        crate::rt::objects::bytearrayobject::as_ptr(buf) as *mut c_char
    } else {
        bytes::data(buf) as *mut c_char
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Prepare(w: *mut _PyBytesWriter, s: *mut c_void, size: Py_ssize_t) -> *mut c_void {
    if size == 0 {
        return s;
    }
    if (*w).min_size > isize::MAX - size {
        crate::rt::objects::exceptions::no_memory();
        _PyBytesWriter_Dealloc(w);
        return null_mut();
    }
    let min = (*w).min_size + size;
    let mut s = s;
    if min > (*w).allocated {
        s = _PyBytesWriter_Resize(w, s, min);
        if s.is_null() {
            return null_mut();
        }
    }
    (*w).min_size = min;
    s
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Alloc(w: *mut _PyBytesWriter, size: Py_ssize_t) -> *mut c_void {
    (*w).use_small_buffer = 1;
    (*w).allocated = (*w).small_buffer.len() as Py_ssize_t;
    _PyBytesWriter_Prepare(w, (*w).small_buffer.as_mut_ptr() as *mut c_void, size)
}

#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_WriteBytes(w: *mut _PyBytesWriter, p: *mut c_void, b: *const c_void, size: Py_ssize_t) -> *mut c_void {
    let s = _PyBytesWriter_Prepare(w, p, size);
    if s.is_null() {
        return null_mut();
    }
    if size > 0 {
        std::ptr::copy_nonoverlapping(b as *const u8, s as *mut u8, size as usize);
    }
    (s as *mut u8).offset(size) as *mut c_void
}

/// The bytes (or bytearray) written up to `str`; the writer lets go of its buffer.
#[no_mangle]
pub unsafe extern "C" fn _PyBytesWriter_Finish(w: *mut _PyBytesWriter, s: *mut c_void) -> *mut PyObject {
    let size = (s as *mut c_char).offset_from(writer_start(w));
    let ba = (*w).use_bytearray != 0;
    if size == 0 && !ba {
        _PyBytesWriter_Dealloc(w);
        return PyBytes_FromStringAndSize(null_mut(), 0);
    }
    if (*w).use_small_buffer != 0 {
        let p = (*w).small_buffer.as_ptr();
        return if ba { crate::PyByteArray_FromStringAndSize(p, size) } else { PyBytes_FromStringAndSize(p, size) };
    }
    let mut r = (*w).buffer;
    (*w).buffer = null_mut();
    if size != (*w).allocated {
        if ba {
            if crate::rt::guard::catch_int(|| crate::rt::objects::bytearrayobject::resize(r, size)) != 0 {
                decref(r);
                return null_mut();
            }
        } else if _PyBytes_Resize(&mut r, size) != 0 {
            return null_mut();
        }
    }
    r
}
