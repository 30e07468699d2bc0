//! `_PyUnicodeWriter` (cpython/unicodeobject.h): extensions keep the struct on their stack,
//! grow it with `_PyUnicodeWriter_Prepare` (a macro that calls PrepareInternal only when the
//! buffer is too small or too narrow) and store into `writer->data` with PyUnicode_WRITE.
//! So the fields must mean exactly what they mean in CPython: `buffer` is a str whose
//! storage `data`/`kind`/`maxchar`/`size` describe, `pos` the characters written.

use crate::rt::ffi::*;
use crate::rt::guard::{catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::unicodeobject as str_;
use crate::rt::{err, exc, PyResult};
use std::ffi::c_int;
use std::ptr::null_mut;

/// Growth step when `overallocate` is set (CPython's OVERALLOCATE_FACTOR off Windows).
const OVERALLOCATE_FACTOR: isize = 4;

/// CPython's `_PyUnicodeWriter_Update`: refreshes the cached view of `buffer`. A read-only
/// buffer (a str written whole, shared with its owner) shows kind 0 and size 0, so the next
/// Prepare always copies it before anything is written into it.
unsafe fn update(w: &mut _PyUnicodeWriter) {
    let b = w.buffer;
    w.maxchar = str_::max_char_value(b);
    w.data = str_::data(b) as *mut _;
    if w.readonly == 0 {
        w.kind = str_::kind(b) as c_int;
        w.size = str_::len(b);
    } else {
        w.kind = 0;
        w.size = 0;
    }
}

fn grown(w: &_PyUnicodeWriter, mut newlen: isize) -> isize {
    if w.overallocate != 0 && newlen <= isize::MAX - newlen / OVERALLOCATE_FACTOR {
        newlen += newlen / OVERALLOCATE_FACTOR;
    }
    newlen.max(w.min_length)
}

/// A new buffer of `newlen` characters up to `maxchar` holding what was written so far.
unsafe fn rebuffer(w: &mut _PyUnicodeWriter, newlen: isize, maxchar: u32) -> PyResult<()> {
    let nb = str_::new_raw(newlen as usize, maxchar)?;
    str_::copy_chars(nb.as_ptr(), 0, w.buffer, 0, w.pos as usize);
    decref(w.buffer);
    w.buffer = nb.into_ptr();
    w.readonly = 0;
    Ok(())
}

unsafe fn prepare(w: &mut _PyUnicodeWriter, length: isize, maxchar: u32) -> PyResult<()> {
    if maxchar > 0x10ffff {
        return Err(err::raise(exc::system_error(), "invalid maximum character passed to PyUnicode_New"));
    }
    if length < 0 || length > isize::MAX - w.pos {
        return Err(crate::rt::objects::exceptions::no_memory());
    }
    let newlen = w.pos + length;
    let maxchar = maxchar.max(w.min_char);
    if w.buffer.is_null() {
        // PyUnicode_New(0, ...) is the empty singleton whatever the maxchar, as in CPython.
        let n = grown(w, newlen) as usize;
        w.buffer = if n == 0 { str_::empty() } else { str_::new_raw(n, maxchar)? }.into_ptr();
    } else if newlen > w.size {
        // Growing always moves (a readonly buffer must be copied anyway).
        rebuffer(w, grown(w, newlen), maxchar.max(w.maxchar))?;
    } else if maxchar > w.maxchar {
        rebuffer(w, w.size, maxchar)?;
    }
    update(w);
    Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_Init(w: *mut _PyUnicodeWriter) {
    // Safety: the caller passes its writer struct; every field is plain data.
    std::ptr::write_bytes(w, 0, 1);
    // ASCII is the least a buffer holds; kind 0 (below 1-byte) makes PrepareKind copy.
    (*w).min_char = 127;
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_PrepareInternal(w: *mut _PyUnicodeWriter, length: Py_ssize_t, maxchar: u32) -> c_int {
    // Safety: `w` is an initialised writer owned by the caller.
    catch_int(|| prepare(&mut *w, length, maxchar))
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_PrepareKindInternal(w: *mut _PyUnicodeWriter, kind: c_int) -> c_int {
    let maxchar = match kind {
        1 => 0xff,
        2 => 0xffff,
        4 => 0x10ffff,
        _ => {
            err::raise(exc::system_error(), "invalid kind");
            return -1;
        }
    };
    // Safety: as for PrepareInternal.
    catch_int(|| prepare(&mut *w, 0, maxchar))
}

unsafe fn write_char(w: &mut _PyUnicodeWriter, ch: u32) -> PyResult<()> {
    if ch > w.maxchar || w.size - w.pos < 1 {
        prepare(w, 1, ch)?;
    }
    str_::write_char(w.buffer, w.pos as usize, ch);
    w.pos += 1;
    Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_WriteChar(w: *mut _PyUnicodeWriter, ch: u32) -> c_int {
    // Safety: as for PrepareInternal.
    catch_int(|| write_char(&mut *w, ch))
}

unsafe fn write_str(w: &mut _PyUnicodeWriter, s: *mut PyObject) -> PyResult<()> {
    let n = str_::len(s);
    if n == 0 {
        return Ok(());
    }
    let maxchar = str_::max_char_value(s);
    if maxchar > w.maxchar || n > w.size - w.pos {
        if w.buffer.is_null() && w.overallocate == 0 {
            // The whole result may be this one str: share it, copy on the next write.
            w.readonly = 1;
            incref(s);
            w.buffer = s;
            update(w);
            w.pos += n;
            return Ok(());
        }
        prepare(w, n, maxchar)?;
    }
    str_::copy_chars(w.buffer, w.pos as usize, s, 0, n as usize);
    w.pos += n;
    Ok(())
}

unsafe fn want_str(s: *mut PyObject) -> PyResult<()> {
    if s.is_null() || !str_::check(s) {
        return Err(err::raise(exc::system_error(), "bad argument to internal function"));
    }
    Ok(())
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_WriteStr(w: *mut _PyUnicodeWriter, s: *mut PyObject) -> c_int {
    // Safety: as for PrepareInternal; `s` is checked to be a str.
    catch_int(|| {
        want_str(s)?;
        write_str(&mut *w, s)
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_WriteSubstring(
    w: *mut _PyUnicodeWriter,
    s: *mut PyObject,
    start: Py_ssize_t,
    end: Py_ssize_t,
) -> c_int {
    // Safety: as for WriteStr; the range is checked against `s`.
    catch_int(|| {
        want_str(s)?;
        let w = &mut *w;
        let n = str_::len(s);
        if start < 0 || end > n || start > end {
            return Err(err::raise(exc::system_error(), "bad argument to internal function"));
        }
        if start == 0 && end == n {
            return write_str(w, s);
        }
        let len = end - start;
        let maxchar = if str_::max_char_value(s) > w.maxchar {
            (start..end).map(|i| str_::read_char(s, i as usize)).max().unwrap_or(0)
        } else {
            w.maxchar
        };
        if len == 0 {
            return Ok(());
        }
        if maxchar > w.maxchar || len > w.size - w.pos {
            prepare(w, len, maxchar)?;
        }
        str_::copy_chars(w.buffer, w.pos as usize, s, start as usize, len as usize);
        w.pos += len;
        Ok(())
    })
}

/// Appends ASCII bytes (`len` -1: up to the NUL).
#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_WriteASCIIString(w: *mut _PyUnicodeWriter, s: *const std::ffi::c_char, len: Py_ssize_t) -> c_int {
    let n = if len < 0 { std::ffi::CStr::from_ptr(s).to_bytes().len() } else { len as usize };
    // Safety: the caller passes `n` readable bytes and an initialised writer.
    catch_int(|| {
        let w = &mut *w;
        let bytes = std::slice::from_raw_parts(s as *const u8, n);
        if w.buffer.is_null() && w.overallocate == 0 {
            // As WriteStr: the text may be the whole result, so it becomes the buffer.
            w.buffer = str_::from_utf8(bytes)?.into_ptr();
            w.readonly = 1;
            update(w);
            w.pos += n as isize;
            return Ok(());
        }
        if n as isize > w.size - w.pos {
            prepare(w, n as isize, 0x7f)?;
        }
        for (i, &b) in bytes.iter().enumerate() {
            str_::write_char(w.buffer, w.pos as usize + i, b as u32);
        }
        w.pos += n as isize;
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_Finish(w: *mut _PyUnicodeWriter) -> *mut PyObject {
    // Safety: as for PrepareInternal; the writer gives up its buffer.
    catch_obj(|| {
        let w = &mut *w;
        let b = std::mem::replace(&mut w.buffer, null_mut());
        if w.pos == 0 {
            if !b.is_null() {
                decref(b);
            }
            return Ok(str_::empty());
        }
        let b = Obj::from_owned_nonnull(b);
        if w.readonly != 0 {
            return Ok(b);
        }
        // Shrink to what was written; one Latin-1 character is the shared singleton.
        let pos = w.pos as usize;
        if pos == 1 && str_::read_char(b.as_ptr(), 0) < 256 {
            return Ok(str_::latin1_char(str_::read_char(b.as_ptr(), 0) as u8));
        }
        if str_::len(b.as_ptr()) as usize != pos {
            return str_::resized_copy(b.as_ptr(), pos);
        }
        Ok(b)
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicodeWriter_Dealloc(w: *mut _PyUnicodeWriter) {
    // Safety: as for PrepareInternal.
    let w = &mut *w;
    if !w.buffer.is_null() {
        decref(std::mem::replace(&mut w.buffer, null_mut()));
    }
}
