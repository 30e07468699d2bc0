//! `pystrtod.h`: locale-independent conversions between doubles and text
//! (`Python/pystrtod.c`), and dtoa's `_Py_dg_infinity`/`_Py_dg_stdnan`. Formatting goes
//! through float's `__format__` machinery, so the digits are the ones `format()` gives.

use crate::memory::PyMem_Malloc;
use crate::rt::guard::catch;
use crate::rt::objects::complexobject::parse_float_prefix;
use crate::rt::objects::floatobject;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::null_mut;

const DTSF_SIGN: c_int = 0x01;
const DTSF_ADD_DOT_0: c_int = 0x02;
const DTSF_ALT: c_int = 0x04;
const DTSF_NO_NEG_0: c_int = 0x08;
const DTST_FINITE: c_int = 0;
const DTST_INFINITE: c_int = 1;
const DTST_NAN: c_int = 2;

#[no_mangle]
pub extern "C" fn _Py_dg_infinity(sign: c_int) -> f64 {
    if sign != 0 {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    }
}

/// The quiet NaN CPython makes (sign bit from `sign`).
#[no_mangle]
pub extern "C" fn _Py_dg_stdnan(sign: c_int) -> f64 {
    let nan = f64::from_bits(0x7ff8_0000_0000_0000);
    if sign != 0 {
        -nan
    } else {
        nan
    }
}

/// The correctly rounded decimal digits of finite `x >= 0` and the position of the decimal
/// point (dtoa's `decpt`), trailing zeros dropped: `mode` 0 is the shortest repr, 2 is
/// `ndigits` significant digits, 3 is `ndigits` digits after the point. Zero is ("0", 1).
fn dtoa(x: f64, mode: u8, ndigits: usize) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    let (mut digits, mut decpt): (Vec<u8>, i64) = match mode {
        0 | 2 => {
            let text = if mode == 0 { floatobject::repr_f64(x) } else { format!("{:.*e}", ndigits.max(1) - 1, x) };
            match text.split_once(['e', 'E']) {
                Some((mant, exp)) => {
                    let exp: i64 = exp.parse().unwrap_or(0);
                    (mant.bytes().filter(u8::is_ascii_digit).collect(), exp + 1)
                }
                None => {
                    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
                    let all: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
                    (all, int.len() as i64)
                }
            }
        }
        _ => {
            let text = format!("{:.*}", ndigits, x);
            let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
            (int.bytes().chain(frac.bytes()).collect(), int.len() as i64)
        }
    };
    let lead = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..lead);
    decpt -= lead as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return (b"0".to_vec(), 1);
    }
    (digits, decpt)
}

/// CPython's `format_float_short`: lays out dtoa's digits for 'e', 'f', 'g' or 'r'.
fn float_short(val: f64, code: u8, mode: u8, precision: i64, flags: c_int, upper: bool) -> String {
    let (sign_flag, dot0, alt, no_neg_0) =
        (flags & DTSF_SIGN != 0, flags & DTSF_ADD_DOT_0 != 0, flags & DTSF_ALT != 0, flags & DTSF_NO_NEG_0 != 0);
    let mut out = String::new();
    let mut negative = val.is_sign_negative() && !val.is_nan();
    if !val.is_finite() {
        if negative {
            out.push('-');
        } else if sign_flag {
            out.push('+');
        }
        let word = if val.is_nan() { "nan" } else { "inf" };
        out.push_str(&if upper { word.to_ascii_uppercase() } else { word.to_owned() });
        return out;
    }
    let (digits, decpt0) = dtoa(val.abs(), mode, precision.max(0) as usize);
    if no_neg_0 && negative && digits == b"0" {
        negative = false;
    }
    let ndigits = digits.len() as i64;
    let mut decpt = decpt0;
    let mut vend = ndigits;
    let mut use_exp = false;
    match code {
        b'e' => {
            use_exp = true;
            vend = precision;
        }
        b'f' => vend = decpt + precision,
        b'g' => {
            if decpt <= -4 || decpt > if dot0 { precision - 1 } else { precision } {
                use_exp = true;
            }
            if alt {
                vend = precision;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vstart = if decpt <= 0 { decpt - 1 } else { 0 };
    vend = if !use_exp && dot0 { vend.max(decpt + 1) } else { vend.max(decpt) };
    if negative {
        out.push('-');
    } else if sign_flag {
        out.push('+');
    }
    // The slice vstart..vend of the digits padded with zeros on both sides, with the point
    // before index decpt.
    for i in vstart..vend {
        if i == decpt {
            out.push('.');
        }
        out.push(if (0..ndigits).contains(&i) { digits[i as usize] as char } else { '0' });
    }
    if decpt == vend {
        out.push('.');
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push_str(&format!("{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs()));
    }
    out
}

/// The text of `val` for a format code of 'e', 'f', 'g' (or upper case) or 'r'; None for
/// a bad code or a precision given with 'r'.
fn double_text(val: f64, code: u8, precision: c_int, flags: c_int) -> Option<String> {
    let upper = matches!(code, b'E' | b'F' | b'G');
    let precision = precision as i64;
    let (code, mode, precision) = match code.to_ascii_lowercase() {
        b'e' if code != b'r' => (b'e', 2, precision + 1),
        b'f' => (b'f', 3, precision),
        b'g' => (b'g', 2, precision.max(1)),
        b'r' if code == b'r' => {
            if precision != 0 {
                return None;
            }
            (b'r', 0, 0)
        }
        _ => return None,
    };
    Some(float_short(val, code, mode, precision, flags, upper))
}

/// A new `PyMem_Malloc` buffer with the text of `val`; `*type` says finite, infinite or NaN.
/// NULL with SystemError for a bad format code (or 'r' with a precision).
#[no_mangle]
pub unsafe extern "C" fn PyOS_double_to_string(val: f64, format_code: c_char, precision: c_int, flags: c_int, ty: *mut c_int) -> *mut c_char {
    catch(null_mut(), || {
        let Some(text) = double_text(val, format_code as u8, precision, flags) else {
            err::clear();
            crate::bad_internal_call();
            return null_mut();
        };
        let buf = PyMem_Malloc(text.len() + 1) as *mut u8;
        if buf.is_null() {
            crate::rt::objects::exceptions::no_memory();
            return null_mut();
        }
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf, text.len());
        *buf.add(text.len()) = 0;
        if !ty.is_null() {
            *ty = if val.is_nan() {
                DTST_NAN
            } else if val.is_infinite() {
                DTST_INFINITE
            } else {
                DTST_FINITE
            };
        }
        buf as *mut c_char
    })
}

/// Parses a float at the start of `s` (no leading whitespace). Without `endptr` the whole
/// string must be the number. On overflow: `overflow_exception` if given, else ±inf.
/// -1.0 with ValueError when nothing parses.
#[no_mangle]
pub unsafe extern "C" fn PyOS_string_to_double(s: *const c_char, endptr: *mut *mut c_char, overflow_exception: *mut crate::rt::ffi::PyObject) -> f64 {
    catch(-1.0, || {
        let bytes = CStr::from_ptr(s).to_bytes();
        let parsed = parse_float_prefix(bytes);
        let end = parsed.map_or(0, |(_, n)| n);
        let shown = || {
            let t = String::from_utf8_lossy(bytes);
            let mut cut = t.len().min(200);
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            t[..cut].to_owned()
        };
        let mut result = -1.0;
        match parsed {
            None => {
                err::raise(exc::value_error(), format!("could not convert string to float: '{}'", shown()));
            }
            Some(_) if endptr.is_null() && end != bytes.len() => {
                err::raise(exc::value_error(), format!("could not convert string to float: '{}'", shown()));
            }
            Some((x, _)) => {
                let word = bytes[..end].iter().any(|b| b.is_ascii_alphabetic() && !matches!(b | 0x20, b'e'));
                if x.is_infinite() && !word && !overflow_exception.is_null() {
                    err::raise(overflow_exception, format!("value too large to convert to float: '{}'", shown()));
                } else {
                    result = x;
                }
            }
        }
        if !endptr.is_null() {
            *endptr = s.add(end) as *mut c_char;
        }
        result
    })
}
