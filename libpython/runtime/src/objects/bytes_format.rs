//! `bytes % args` and `bytearray % args` (CPython's _PyBytes_FormatEx): the printf-style
//! parser and numeric conversions of `unicode_percent.rs`, with the bytes conversions:
//! `%s`/`%b` take a buffer or `__bytes__`, `%r`/`%a` give `ascii()`, `%c` one byte, and
//! `%(key)` keys are bytes.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::bytes_methods::{data_of, like};
use crate::objects::unicode_percent::{format_units, is_mapping_arg, Flavor};
use crate::objects::{bytearrayobject as ba, bytesobject as bytes, longobject as long, unicodeobject as str_};
use crate::protocol::buffer::Buffer;

struct BytesFlavor;

fn units(b: &[u8]) -> Vec<u32> {
    b.iter().map(|&c| c as u32).collect()
}

/// The bytes `%s`/`%b` insert: a bytes-like object's, or what `__bytes__` returns.
pub(crate) unsafe fn bytes_of_arg(v: *mut PyObject) -> PyResult<Vec<u8>> {
    if bytes::check(v) {
        return Ok(bytes::as_slice(v).to_vec());
    }
    if crate::protocol::buffer::has_buffer(v) {
        return Ok(Buffer::get(v)?.to_vec());
    }
    if let Some(f) = crate::objects::typeslots::lookup_special(v, "__bytes__")? {
        let r = crate::protocol::call::vectorcall(f.as_ptr(), &[], std::ptr::null_mut())?;
        if !bytes::check(r.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("__bytes__ returned non-bytes (type {})", crate::objects::typeobject::full_name(type_of(r.as_ptr()))),
            ));
        }
        return Ok(bytes::as_slice(r.as_ptr()).to_vec());
    }
    Err(raise(
        exc::type_error(),
        format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            crate::objects::typeobject::full_name(type_of(v))
        ),
    ))
}

/// `%c`: a bytes or bytearray of length one, or an int in range(256).
unsafe fn byte_of_arg(v: *mut PyObject) -> PyResult<u32> {
    if (bytes::check(v) || ba::check(v)) && data_of(v).len() == 1 {
        return Ok(data_of(v)[0] as u32);
    }
    let wrong = || raise(exc::type_error(), "%c requires an integer in range(256) or a single byte");
    if !long::check(v) && !crate::protocol::number::has_index(v) {
        return Err(wrong());
    }
    let i = crate::protocol::number::index(v)?;
    match long::as_i64(i.as_ptr()) {
        Some(c) if (0..256).contains(&c) => Ok(c as u32),
        _ => Err(raise(exc::overflow_error(), "%c arg not in range(256)")),
    }
}

impl Flavor for BytesFlavor {
    unsafe fn text(&self, ty: char, v: *mut PyObject, prec: isize) -> PyResult<Option<Vec<u32>>> {
        let mut body = match ty {
            's' | 'b' => units(&bytes_of_arg(v)?),
            'r' | 'a' => {
                let s = crate::protocol::object::ascii(v)?;
                str_::code_points(s.as_ptr()).collect()
            }
            'c' => return Ok(Some(vec![byte_of_arg(v)?])),
            _ => return Ok(None),
        };
        if prec >= 0 && body.len() > prec as usize {
            body.truncate(prec as usize);
        }
        Ok(Some(body))
    }
    unsafe fn key(&self, k: &[u32]) -> PyResult<Obj> {
        let b: Vec<u8> = k.iter().map(|&c| c as u8).collect();
        bytes::from_slice(&b)
    }
    unsafe fn takes_mapping(&self, args: *mut PyObject) -> bool {
        is_mapping_arg(args) && !bytes::check(args) && !ba::check(args) && !str_::check(args)
    }
    fn what(&self) -> &'static str {
        "bytes"
    }
    unsafe fn float_value(&self, v: *mut PyObject) -> PyResult<f64> {
        crate::objects::floatobject::as_f64(v).map_err(|_| {
            crate::err::clear();
            raise(exc::type_error(), format!("float argument required, not {}", crate::objects::typeobject::full_name(type_of(v))))
        })
    }
    /// CPython shows the character raw; one past ASCII fails inside its message formatting.
    fn unsupported(&self, ch: u32, index: usize) -> crate::err::ErrSet {
        if ch > 127 {
            return raise(exc::overflow_error(), "character argument not in range(0x110000)");
        }
        let shown = char::from_u32(ch).unwrap_or('?');
        raise(exc::value_error(), format!("unsupported format character '{shown}' (0x{ch:x}) at index {index}"))
    }
}

/// `fmt % args` for a bytes or bytearray `fmt`; the result has the type of `fmt`.
pub unsafe fn format(fmt: *mut PyObject, args: *mut PyObject) -> PyResult<Obj> {
    let f = units(data_of(fmt));
    let out = format_units(&f, args, &BytesFlavor)?;
    let b: Vec<u8> = out.into_iter().map(|c| c as u8).collect();
    like(fmt, &b)
}
