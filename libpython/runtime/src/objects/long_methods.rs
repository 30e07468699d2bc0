//! The methods and attributes of `int`: bit_length, bit_count, to_bytes, from_bytes,
//! as_integer_ratio, conjugate, the rounding dunders, __format__, real/imag/numerator/
//! denominator.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::float_format::{self, pad, parse, Spec};
use crate::objects::long_arith::{divmod_signed, pack, unpack};
use crate::objects::long_mag as mag;
use crate::objects::longobject as long;
use crate::objects::typeobject::{full_name, getset, GETSET_END, METHOD_END};
use crate::objects::{bytesobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

const fn m(name: &'static CStr, f: *const (), flags: c_int, doc: &'static CStr) -> PyMethodDef {
    // Safety: every entry's function has the signature its flags announce.
    PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(f) }),
        ml_flags: flags,
        ml_doc: doc.as_ptr(),
    }
}

pub static mut LONG_METHODS: [PyMethodDef; 14] = [
    m(c"conjugate", int_self as *const (), METH_NOARGS, c"Returns self, the complex conjugate of any int."),
    m(c"bit_length", int_bit_length as *const (), METH_NOARGS, c"Number of bits necessary to represent self in binary.\n\n>>> bin(37)\n'0b100101'\n>>> (37).bit_length()\n6"),
    m(c"bit_count", int_bit_count as *const (), METH_NOARGS, c"Number of ones in the binary representation of the absolute value of self.\n\nAlso known as the population count.\n\n>>> bin(13)\n'0b1101'\n>>> (13).bit_count()\n3"),
    m(c"to_bytes", int_to_bytes as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return an array of bytes representing an integer."),
    m(c"from_bytes", int_from_bytes as *const (), METH_FASTCALL | METH_KEYWORDS | METH_CLASS, c"Return the integer represented by the given array of bytes."),
    m(c"as_integer_ratio", int_as_integer_ratio as *const (), METH_NOARGS, c"Return integer ratio.\n\nReturn a pair of integers, whose ratio is exactly equal to the original int\nand with a positive denominator.\n\n>>> (10).as_integer_ratio()\n(10, 1)\n>>> (-10).as_integer_ratio()\n(-10, 1)\n>>> (0).as_integer_ratio()\n(0, 1)"),
    m(c"__trunc__", int_self as *const (), METH_NOARGS, c"Truncating an Integral returns itself."),
    m(c"__floor__", int_self as *const (), METH_NOARGS, c"Flooring an Integral returns itself."),
    m(c"__ceil__", int_self as *const (), METH_NOARGS, c"Ceiling of an Integral returns itself."),
    m(c"__round__", int_round as *const (), METH_FASTCALL, c"Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an integer."),
    m(c"__getnewargs__", int_getnewargs as *const (), METH_NOARGS, c""),
    m(c"__format__", int_format as *const (), METH_O, c""),
    m(c"__sizeof__", int_sizeof as *const (), METH_NOARGS, c"Returns size in memory, in bytes."),
    METHOD_END,
];

pub static mut LONG_GETSET: [PyGetSetDef; 5] = [
    getset(c"real", Some(get_self), None),
    getset(c"imag", Some(get_zero), None),
    getset(c"numerator", Some(get_self), None),
    getset(c"denominator", Some(get_one), None),
    GETSET_END,
];

unsafe extern "C" fn get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::ret_obj(long::copy_exact(op))
}
unsafe extern "C" fn get_zero(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    long::from_i64(0).into_ptr()
}
unsafe extern "C" fn get_one(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    long::from_i64(1).into_ptr()
}

unsafe extern "C" fn int_self(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(long::copy_exact(op))
}

unsafe extern "C" fn int_bit_length(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    long::from_u64(long::bit_length(op)).into_ptr()
}

unsafe extern "C" fn int_bit_count(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let n: u64 = long::digits(op).iter().map(|d| d.count_ones() as u64).sum();
    long::from_u64(n).into_ptr()
}

unsafe extern "C" fn int_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let n = long::digits(op).len().max(1);
    long::from_i64((std::mem::offset_of!(PyLongObject, ob_digit) + 4 * n) as i64).into_ptr()
}

unsafe extern "C" fn int_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = long::copy_exact(op)?;
        tuple::pack(&[v.as_ptr()])
    })
}

unsafe extern "C" fn int_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = long::copy_exact(op)?;
        let one = long::from_i64(1);
        tuple::pack(&[v.as_ptr(), one.as_ptr()])
    })
}

/// Parses `(length=1, byteorder='big', *, signed=False)`-style arguments of to/from_bytes.
pub unsafe fn kw_args<'a>(
    func: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    pos_names: &[&str],
    kw_only: &[&str],
) -> PyResult<Vec<Option<*mut PyObject>>> {
    let n = nargs as usize;
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let all = if args.is_null() { &[][..] } else { std::slice::from_raw_parts(args, n + nkw) };
    if n > pos_names.len() {
        return Err(raise(
            exc::type_error(),
            format!("{func}() takes at most {} positional arguments ({n} given)", pos_names.len()),
        ));
    }
    let names: Vec<&str> = pos_names.iter().chain(kw_only).copied().collect();
    let mut out: Vec<Option<*mut PyObject>> = vec![None; names.len()];
    for i in 0..n {
        out[i] = Some(all[i]);
    }
    for k in 0..nkw {
        let key = str_::as_str(tuple::get_item(kwnames, k as isize))?;
        match names.iter().position(|x| *x == key) {
            Some(i) if out[i].is_some() => {
                return Err(raise(exc::type_error(), format!("argument for {func}() given by name ('{key}') and position ({})", i + 1)))
            }
            Some(i) => out[i] = Some(all[n + k]),
            None => return Err(raise(exc::type_error(), format!("{func}() got an unexpected keyword argument '{key}'"))),
        }
    }
    Ok(out)
}

unsafe fn byteorder(v: Option<*mut PyObject>, func: &str) -> PyResult<bool> {
    let Some(v) = v else { return Ok(false) };
    if !str_::check(v) {
        return Err(raise(exc::type_error(), format!("{func}() argument 'byteorder' must be str, not {}", full_name(type_of(v)))));
    }
    match str_::as_str(v)? {
        "little" => Ok(true),
        "big" => Ok(false),
        _ => Err(raise(exc::value_error(), "byteorder must be either 'little' or 'big'")),
    }
}

unsafe fn flag(v: Option<*mut PyObject>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => crate::protocol::object::is_true(v),
    }
}

unsafe extern "C" fn int_to_bytes(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = kw_args("to_bytes", args, nargs, kwnames, &["length", "byteorder"], &["signed"])?;
        let length = match a[0] {
            None => 1,
            Some(l) => crate::protocol::number::as_ssize_t(l)?,
        };
        if length < 0 {
            return Err(raise(exc::value_error(), "length argument must be non-negative"));
        }
        let little = byteorder(a[1], "to_bytes")?;
        let signed = flag(a[2])?;
        let (neg, m) = unpack(op);
        if neg && !signed {
            return Err(raise(exc::overflow_error(), "can't convert negative int to unsigned"));
        }
        // Two's complement bytes, little-endian first.
        let len = length as usize;
        let mut bytes = vec![0u8; len];
        let mut acc: u64 = 0;
        let mut nacc = 0;
        let mut k = 0;
        let mut overflow = false;
        let mut carry = 1u32;
        for &d in m.iter() {
            let d = if neg {
                let v = (!d & mag::MASK) + carry;
                carry = v >> mag::SHIFT;
                v & mag::MASK
            } else {
                d
            };
            acc |= (d as u64) << nacc;
            nacc += 30;
            while nacc >= 8 {
                if k < len {
                    bytes[k] = acc as u8;
                } else if (acc as u8) != if neg { 0xff } else { 0 } {
                    overflow = true;
                }
                k += 1;
                acc >>= 8;
                nacc -= 8;
            }
        }
        let fill: u8 = if neg { 0xff } else { 0 };
        if nacc > 0 {
            let last = if neg { (acc as u8) | (0xffu8 << nacc) } else { acc as u8 };
            if k < len {
                bytes[k] = last;
            } else if last != fill {
                overflow = true;
            }
            k += 1;
        }
        for b in bytes.iter_mut().skip(k) {
            *b = fill;
        }
        // The top bit must agree with the sign for signed output.
        if !overflow && signed && len > 0 && ((bytes[len - 1] & 0x80 != 0) != neg) {
            overflow = true;
        }
        if !overflow && signed && len == 0 && neg {
            overflow = true;
        }
        if overflow {
            return Err(raise(exc::overflow_error(), "int too big to convert"));
        }
        if !little {
            bytes.reverse();
        }
        bytesobject::from_slice(&bytes)
    })
}

unsafe extern "C" fn int_from_bytes(cls: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = kw_args("from_bytes", args, nargs, kwnames, &["bytes", "byteorder"], &["signed"])?;
        let Some(src) = a[0] else {
            return Err(raise(exc::type_error(), "from_bytes() missing required argument 'bytes' (pos 1)"));
        };
        let little = byteorder(a[1], "from_bytes")?;
        let signed = flag(a[2])?;
        let mut data: Vec<u8> = if bytesobject::check(src) {
            bytesobject::as_slice(src).to_vec()
        } else {
            let b = crate::protocol::call::vectorcall(bytesobject::bytes_type() as *mut PyObject, &[src], null_mut())?;
            bytesobject::as_slice(b.as_ptr()).to_vec()
        };
        if !little {
            data.reverse();
        }
        let neg = signed && data.last().map(|&b| b & 0x80 != 0).unwrap_or(false);
        if neg {
            // Magnitude of a negative two's complement value: invert and add one.
            let mut carry = 1u16;
            for b in data.iter_mut() {
                let v = (!*b) as u16 + carry;
                *b = v as u8;
                carry = v >> 8;
            }
        }
        let mut digits: Vec<u32> = Vec::new();
        let mut acc: u64 = 0;
        let mut nacc = 0;
        for &b in &data {
            acc |= (b as u64) << nacc;
            nacc += 8;
            if nacc >= 30 {
                digits.push((acc as u32) & mag::MASK);
                acc >>= 30;
                nacc -= 30;
            }
        }
        digits.push(acc as u32);
        let v = pack(neg, mag::normalize(digits))?;
        if cls == long::long_type() as *mut PyObject {
            return Ok(v);
        }
        crate::protocol::call::vectorcall(cls, &[v.as_ptr()], null_mut())
    })
}

unsafe extern "C" fn int_round(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("__round__", nargs as usize, 0, 1)?;
        if nargs == 0 || noneobject::is_none(*args) {
            return long::copy_exact(op);
        }
        let nd = crate::protocol::number::index(*args)?;
        if !long::is_negative(nd.as_ptr()) {
            return long::copy_exact(op);
        }
        // Round to a multiple of 10**(-ndigits), half to even.
        let (_, ndm) = unpack(nd.as_ptr());
        let Some(e) = mag::to_u128(&ndm).filter(|&e| e < 100_000) else {
            return Ok(long::from_i64(0));
        };
        let mut pow10: mag::Mag = vec![1];
        for _ in 0..e {
            pow10 = mag::mul(&pow10, &[10]);
        }
        let (an, am) = unpack(op);
        let ((qn, q), (_, r)) = divmod_signed(an, &am, false, &pow10);
        // r in [0, pow10): compare 2r with pow10 for the tie.
        let twice = mag::add(&r, &r);
        let mut q = (qn, q);
        let up = match mag::cmp(&twice, &pow10) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Equal => q.1.first().map(|&d| d & 1 == 1).unwrap_or(false),
            std::cmp::Ordering::Less => false,
        };
        if up {
            q = crate::objects::long_arith::add_signed(q.0, &q.1, false, &[1]);
        }
        let prod = mag::mul(&q.1, &pow10);
        pack(q.0, prod)
    })
}

/// Formats an int with the format-spec mini-language (CPython's format_long_internal).
pub unsafe fn format_int(op: *mut PyObject, spec_text: &str) -> PyResult<Obj> {
    let spec: Spec = parse(spec_text)?;
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let f = crate::objects::floatobject::long_to_f64(op)?;
            return float_format::format(f, spec_text);
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        t => {
            return Err(raise(exc::value_error(), format!("Unknown format code '{t}' for object of type 'int'")));
        }
    }
    if spec.precision.is_some() {
        return Err(raise(exc::value_error(), "Precision not allowed in integer format specifier"));
    }
    if spec.no_neg_zero {
        return Err(raise(exc::value_error(), "Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        if spec.sign != '-' {
            return Err(raise(exc::value_error(), "Sign not allowed with integer format specifier 'c'"));
        }
        if spec.alternate {
            return Err(raise(exc::value_error(), "Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let v = long::as_i64(op).filter(|v| (0..=0x10ffff).contains(v));
        let Some(v) = v else {
            return Err(raise(exc::overflow_error(), "%c arg not in range(0x110000)"));
        };
        let ch = char::from_u32(v as u32).map(|c| c.to_string()).unwrap_or_default();
        return str_::from_str(&pad(&spec, "", &ch, '<'));
    }
    if let Some(g) = spec.grouping {
        if g == ',' && matches!(ty, 'b' | 'o' | 'x' | 'X') {
            return Err(raise(exc::value_error(), format!("Cannot specify ',' with '{ty}'.")));
        }
        if ty == 'n' {
            return Err(raise(exc::value_error(), format!("Cannot specify '{g}' with 'n'.")));
        }
    }
    let (neg, m) = unpack(op);
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if radix == 10 {
        let abs = pack(false, m)?;
        crate::objects::long_format::to_decimal(abs.as_ptr())?
    } else {
        to_radix(&m, radix)
    };
    if ty == 'X' {
        digits = digits.to_uppercase();
    }
    if let Some(g) = spec.grouping {
        let every = if radix == 10 { 3 } else { 4 };
        digits = float_format::group_every(&digits, g, every);
    }
    let sign = if neg { "-" } else if spec.sign == '+' { "+" } else if spec.sign == ' ' { " " } else { "" };
    let lead = if spec.alternate { format!("{sign}{prefix}") } else { sign.to_owned() };
    // Zero padding with grouping inserts separators into the padding, as CPython does.
    if spec.align == Some('=') && spec.fill == '0' && spec.grouping.is_some() {
        let every = if radix == 10 { 3 } else { 4 };
        let want = spec.width.saturating_sub(lead.chars().count());
        let raw: String = digits.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let mut padded = raw.clone();
        while float_format::group_every(&padded, spec.grouping.unwrap_or(','), every).chars().count() < want {
            padded.insert(0, '0');
        }
        let body = float_format::group_every(&padded, spec.grouping.unwrap_or(','), every);
        return str_::from_str(&format!("{lead}{body}"));
    }
    str_::from_str(&pad(&spec, &lead, &digits, '>'))
}

/// Digits of a magnitude in base 2, 8 or 16.
pub fn to_radix(m: &[u32], radix: u32) -> String {
    let bits = match radix {
        2 => 1,
        8 => 3,
        _ => 4,
    };
    let mut out: Vec<u8> = Vec::new();
    let mut acc: u64 = 0;
    let mut nacc = 0;
    for &d in m {
        acc |= (d as u64) << nacc;
        nacc += 30;
        while nacc >= bits {
            out.push((acc & ((1 << bits) - 1)) as u8);
            acc >>= bits;
            nacc -= bits;
        }
    }
    if nacc > 0 {
        out.push(acc as u8);
    }
    while out.len() > 1 && out.last() == Some(&0) {
        out.pop();
    }
    if out.is_empty() {
        out.push(0);
    }
    out.iter().rev().map(|&d| std::char::from_digit(d as u32, 16).unwrap_or('?')).collect()
}

unsafe extern "C" fn int_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(spec) {
            return Err(raise(exc::type_error(), format!("__format__() argument must be str, not {}", full_name(type_of(spec)))));
        }
        if str_::len(spec) == 0 {
            return crate::protocol::object::str(op);
        }
        format_int(op, str_::as_str(spec)?)
    })
}
