//! `int` to and from text: `repr`/`str` and the `int()` constructor.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::longobject as long;
use crate::objects::unicodeobject as str_;


/// CPython's default limit on decimal conversions of huge ints (sys.int_info.default_max_str_digits).
pub const MAX_STR_DIGITS: usize = 4300;

/// The limit in force (`sys.set_int_max_str_digits`); 0 means none.
static LIMIT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(MAX_STR_DIGITS);

pub fn max_str_digits() -> usize {
    LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

pub fn set_max_str_digits(n: usize) {
    LIMIT.store(n, std::sync::atomic::Ordering::Relaxed);
}

fn limit_error() -> crate::err::ErrSet {
    let max = max_str_digits();
    raise(exc::value_error(), format!("Exceeds the limit ({max} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"))
}

/// Decimal text of any int, by repeated division of the 30-bit digits by 10^9.
pub unsafe fn to_decimal(op: *mut PyObject) -> PyResult<String> {
    let ds = long::digits(op);
    // Cheap pre-check on the bit length: more than the limit's digits for sure.
    let max = max_str_digits();
    if max > 0 && ds.len() > 1 && (ds.len() as u64 - 1) * 30 * 30103 / 100000 > max as u64 + 2 {
        return Err(limit_error());
    }
    let mut mag: Vec<u32> = ds.to_vec();
    let mut chunks: Vec<u32> = Vec::new();
    while !mag.is_empty() {
        let mut rem: u64 = 0;
        for d in mag.iter_mut().rev() {
            let cur = (rem << 30) | *d as u64;
            *d = (cur / 1_000_000_000) as u32;
            rem = cur % 1_000_000_000;
        }
        chunks.push(rem as u32);
        while mag.last() == Some(&0) {
            mag.pop();
        }
    }
    let mut s = String::new();
    if long::is_negative(op) {
        s.push('-');
    }
    match chunks.pop() {
        None => s.push('0'),
        Some(top) => s.push_str(&top.to_string()),
    }
    for c in chunks.iter().rev() {
        s.push_str(&format!("{c:09}"));
    }
    if max > 0 && s.len() - (long::is_negative(op) as usize) > max {
        return Err(limit_error());
    }
    Ok(s)
}

pub unsafe extern "C" fn long_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(to_decimal(op).and_then(|s| str_::from_str(&s)))
}

/// Parses an int literal in `base` (2..=36, or 0 for prefix detection), with underscores
/// between digits and surrounding whitespace allowed, as `int(str, base)` does.
pub fn parse(text: &str, base: u32) -> Option<(bool, Vec<u32>)> {
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let (base, body) = match base {
        0 => {
            if lower.starts_with("0x") {
                (16, &t[2..])
            } else if lower.starts_with("0o") {
                (8, &t[2..])
            } else if lower.starts_with("0b") {
                (2, &t[2..])
            } else {
                // base 0 forbids leading zeros on non-zero decimals
                if t.len() > 1 && t.starts_with('0') && t.trim_start_matches(['0', '_']).len() > 0 {
                    return None;
                }
                (10, t)
            }
        }
        16 if lower.starts_with("0x") => (16, &t[2..]),
        8 if lower.starts_with("0o") => (8, &t[2..]),
        2 if lower.starts_with("0b") => (2, &t[2..]),
        b => (b, t),
    };
    let body = body.strip_prefix('_').filter(|_| t.len() != body.len()).unwrap_or(body);
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let mut mag: Vec<u32> = Vec::new();
    for c in body.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(36).filter(|&d| d < base).or_else(|| unicode_decimal(c).filter(|&d| d < base))?;
        // mag = mag * base + d
        let mut carry = d as u64;
        for x in mag.iter_mut() {
            let cur = *x as u64 * base as u64 + carry;
            *x = (cur & 0x3fff_ffff) as u32;
            carry = cur >> 30;
        }
        while carry != 0 {
            mag.push((carry & 0x3fff_ffff) as u32);
            carry >>= 30;
        }
    }
    Some((neg, mag))
}

/// Decimal digits of other scripts, which int() accepts (the Nd category, in runs of ten).
fn unicode_decimal(c: char) -> Option<u32> {
    crate::objects::unicode_db::decimal_value(c)
}

pub unsafe extern "C" fn long_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("int", args, kwds, &["x", "base"], 0)?;
        // `x` is positional-only in 3.11.
        if !kwds.is_null() && !crate::objects::dictobject::get_item_str(kwds, "x")?.is_null() {
            return Err(raise(exc::type_error(), "'x' is an invalid keyword argument for int()"));
        }
        let v = match (a[0], a[1]) {
            (None, None) => long::from_i64(0),
            (None, Some(_)) => return Err(raise(exc::type_error(), "int() missing string argument")),
            (Some(x), None) => crate::protocol::number::number_long(x)?,
            (Some(x), Some(base_obj)) => {
                let base = crate::protocol::number::as_ssize_t(base_obj)?;
                if base != 0 && !(2..=36).contains(&base) {
                    return Err(raise(exc::value_error(), "int() base must be >= 2 and <= 36, or 0"));
                }
                if str_::check(x) {
                    from_str_obj(x, base as u32)?
                } else if crate::objects::bytesobject::check(x) {
                    from_bytes_obj(x, base as u32)?
                } else if crate::objects::bytearrayobject::check(x) {
                    let b = crate::objects::bytesobject::from_slice(crate::objects::bytearrayobject::as_slice(x))?;
                    from_bytes_obj(b.as_ptr(), base as u32)?
                } else {
                    return Err(raise(exc::type_error(), "int() can't convert non-string with explicit base"));
                }
            }
        };
        if tp == long::long_type() {
            return Ok(v);
        }
        // A subclass: allocate through it and copy the digits.
        let ds = long::digits(v.as_ptr());
        let alloc = (*tp).tp_alloc.unwrap_or(crate::objects::typeobject::PyType_GenericAlloc);
        let r = Obj::from_owned(alloc(tp, ds.len().max(1) as Py_ssize_t))?;
        long::digits_mut(r.as_ptr(), ds.len()).copy_from_slice(ds);
        set_size(r.as_ptr(), size_of_var(v.as_ptr()));
        Ok(r)
    })
}

/// `int(b, base)` for bytes: the text must be ASCII.
pub unsafe fn from_bytes_obj(b: *mut PyObject, base: u32) -> PyResult<Obj> {
    let data = crate::objects::bytesobject::as_slice(b);
    match std::str::from_utf8(data).ok().and_then(|t| parse(t, base)) {
        Some((neg, mag)) => {
            check_digit_limit(data.len(), base)?;
            long::from_digits(neg, &mag)
        }
        None => {
            let r = crate::protocol::object::repr_string(b)?;
            Err(raise(exc::value_error(), format!("invalid literal for int() with base {base}: {r}")))
        }
    }
}

/// CPython's limit on decimal strings (other bases are unlimited).
fn check_digit_limit(ndigits: usize, base: u32) -> PyResult<()> {
    let max = max_str_digits();
    if base != 10 && base != 0 || max == 0 || ndigits <= max {
        return Ok(());
    }
    Err(raise(
        exc::value_error(),
        format!("Exceeds the limit ({max} digits) for integer string conversion: value has {ndigits} digits; use sys.set_int_max_str_digits() to increase the limit"),
    ))
}

/// `int(s, base)` for a str object, with CPython's error message.
pub unsafe fn from_str_obj(s: *mut PyObject, base: u32) -> PyResult<Obj> {
    let text = str_::as_str(s)?;
    match parse(text, base) {
        Some((neg, mag)) => {
            // The limit counts the digits of the literal, underscores and signs aside.
            let is_decimal = base == 10 || (base == 0 && !text.trim_start().trim_start_matches(['+', '-']).to_ascii_lowercase().starts_with("0"));
            if is_decimal {
                let n = text.chars().filter(|c| c.is_numeric()).count();
                check_digit_limit(n, 10)?;
            }
            long::from_digits(neg, &mag)
        }
        None => {
            let r = crate::protocol::object::repr(s)?;
            Err(raise(
                exc::value_error(),
                format!("invalid literal for int() with base {base}: {}", str_::as_str(r.as_ptr())?),
            ))
        }
    }
}


/// int(v) for a finite float: truncation toward zero, exact for any magnitude.
pub fn long_from_f64_trunc(v: f64) -> PyResult<Obj> {
    if v.is_nan() {
        return Err(raise(exc::value_error(), "cannot convert float NaN to integer"));
    }
    if v.is_infinite() {
        return Err(raise(exc::overflow_error(), "cannot convert float infinity to integer"));
    }
    let t = v.trunc();
    if t.abs() < 9.2e18 {
        return Ok(long::from_i64(t as i64));
    }
    // |t| = mantissa * 2^shift with a 53-bit mantissa; build the digits by shifting.
    let bits = t.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let total_bits = 53 + exp as usize;
    let ndigits = total_bits / 30 + 1;
    let mut ds = vec![0u32; ndigits + 1];
    let (dshift, bshift) = ((exp / 30) as usize, (exp % 30) as u32);
    let wide = (mant as u128) << bshift;
    for k in 0..4 {
        let part = ((wide >> (30 * k)) & 0x3fff_ffff) as u32;
        if dshift + k < ds.len() {
            ds[dshift + k] = part;
        }
    }
    // Safety: from_digits copies the digits into a new int.
    unsafe { long::from_digits(t < 0.0, &ds) }
}

/// bin()/oct()/hex() text of int `i`: `0b`/`0o`/`0x` prefix, sign first (base 2, 8 or 16).
pub unsafe fn to_base(i: *mut PyObject, base: u32) -> PyResult<Obj> {
    let bits_per = match base { 2 => 1, 8 => 3, _ => 4 };
    let ds = crate::objects::longobject::digits(i);
    let mut digits: Vec<u8> = Vec::new();
    let mut acc: u64 = 0;
    let mut nacc = 0;
    for &d in ds {
        acc |= (d as u64) << nacc;
        nacc += 30;
        while nacc >= bits_per {
            digits.push((acc & ((1 << bits_per) - 1)) as u8);
            acc >>= bits_per;
            nacc -= bits_per;
        }
    }
    if nacc > 0 {
        digits.push(acc as u8);
    }
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(0);
    }
    let prefix = match base { 2 => "0b", 8 => "0o", _ => "0x" };
    let body: String = digits.iter().rev().map(|&d| std::char::from_digit(d as u32, 16).unwrap_or('?')).collect();
    let sign = if crate::objects::longobject::is_negative(i) { "-" } else { "" };
    crate::objects::unicodeobject::from_str(&format!("{sign}{prefix}{body}"))
}
