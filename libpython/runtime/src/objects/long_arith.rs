//! `int` arithmetic, comparison and bitwise operations with CPython's semantics and messages,
//! on top of the digit algorithms in `long_mag.rs`. Word-sized operands take an i128 path.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::long_mag::{self as mag, Mag};
use crate::objects::longobject::{self as long, check};
use crate::objects::{boolobject, noneobject};
use std::cmp::Ordering;
use std::ffi::c_int;


pub static mut LONG_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(long_add),
    nb_subtract: Some(long_sub),
    nb_multiply: Some(long_mul),
    nb_remainder: Some(long_mod),
    nb_divmod: Some(long_divmod),
    nb_power: Some(long_pow),
    nb_negative: Some(long_neg),
    nb_positive: Some(long_pos),
    nb_absolute: Some(long_abs),
    nb_bool: Some(long_bool),
    nb_invert: Some(long_invert),
    nb_lshift: Some(long_lshift),
    nb_rshift: Some(long_rshift),
    nb_and: Some(long_and),
    nb_xor: Some(long_xor),
    nb_or: Some(long_or),
    nb_int: Some(long_pos),
    nb_float: Some(long_float),
    nb_floor_divide: Some(long_floordiv),
    nb_true_divide: Some(long_truediv),
    nb_index: Some(long_pos),
    ..PyNumberMethods::EMPTY
};

/// Sign and magnitude of an int.
pub unsafe fn unpack(op: *mut PyObject) -> (bool, Mag) {
    (long::is_negative(op), long::digits(op).to_vec())
}

pub unsafe fn pack(neg: bool, m: Mag) -> PyResult<Obj> {
    long::from_digits(neg && !m.is_empty(), &m)
}

/// Compares any two ints.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> Ordering {
    let (sa, sb) = (size_of_var(a), size_of_var(b));
    if sa != sb {
        return sa.cmp(&sb);
    }
    let m = mag::cmp(long::digits(a), long::digits(b));
    if sa < 0 {
        m.reverse()
    } else {
        m
    }
}

pub unsafe extern "C" fn long_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    boolobject::new_bool(crate::protocol::object::ordering_matches(compare(a, b), op))
}

/// Signed addition of (neg, mag) values.
pub fn add_signed(an: bool, a: &[u32], bn: bool, b: &[u32]) -> (bool, Mag) {
    if an == bn {
        return (an, mag::add(a, b));
    }
    match mag::cmp(a, b) {
        Ordering::Less => (bn, mag::sub(b, a)),
        _ => (an, mag::sub(a, b)),
    }
}

/// Floor division and modulo with Python's signs: the remainder has the divisor's sign.
pub fn divmod_signed(an: bool, a: &[u32], bn: bool, b: &[u32]) -> ((bool, Mag), (bool, Mag)) {
    let (q0, r0) = mag::divrem(a, b);
    if an == bn {
        return ((false, q0), (bn, r0));
    }
    if r0.is_empty() {
        return ((true, q0), (false, Vec::new()));
    }
    ((true, mag::add(&q0, &[1])), (bn, mag::sub(b, &r0)))
}

macro_rules! int_binary {
    ($name:ident, |$a:ident, $b:ident| $body:expr) => {
        unsafe extern "C" fn $name($a: *mut PyObject, $b: *mut PyObject) -> *mut PyObject {
            if !check($a) || !check($b) {
                return noneobject::not_implemented();
            }
            crate::guard::catch_obj(|| $body)
        }
    };
}

int_binary!(long_add, |a, b| {
    if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
        return long::from_i128(x as i128 + y as i128);
    }
    let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
    let (n, m) = add_signed(an, &am, bn, &bm);
    pack(n, m)
});

int_binary!(long_sub, |a, b| {
    if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
        return long::from_i128(x as i128 - y as i128);
    }
    let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
    let (n, m) = add_signed(an, &am, !bn, &bm);
    pack(n, m)
});

int_binary!(long_mul, |a, b| {
    if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
        return long::from_i128(x as i128 * y as i128);
    }
    let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
    pack(an != bn, mag::mul(&am, &bm))
});

fn zero_div(msg: &str) -> crate::err::ErrSet {
    raise(exc::zero_division_error(), msg)
}

unsafe fn floordiv_mod_msg(a: *mut PyObject, b: *mut PyObject, msg: &str) -> PyResult<((bool, Mag), (bool, Mag))> {
    let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
    if bm.is_empty() {
        return Err(zero_div(msg));
    }
    Ok(divmod_signed(an, &am, bn, &bm))
}

int_binary!(long_floordiv, |a, b| {
    if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
        if y == 0 {
            return Err(zero_div("integer division or modulo by zero"));
        }
        let (x, y) = (x as i128, y as i128);
        let q = x / y;
        return long::from_i128(if x % y != 0 && ((x < 0) != (y < 0)) { q - 1 } else { q });
    }
    let ((qn, q), _) = floordiv_mod_msg(a, b, "integer division or modulo by zero")?;
    pack(qn, q)
});

int_binary!(long_mod, |a, b| {
    if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
        if y == 0 {
            return Err(zero_div("integer modulo by zero"));
        }
        let r = (x as i128) % (y as i128);
        let r = if r != 0 && ((r < 0) != (y < 0)) { r + y as i128 } else { r };
        return long::from_i128(r);
    }
    let (_, (rn, r)) = floordiv_mod_msg(a, b, "integer modulo by zero")?;
    pack(rn, r)
});

int_binary!(long_divmod, |a, b| {
    let ((qn, q), (rn, r)) = floordiv_mod_msg(a, b, "integer division or modulo by zero")?;
    let (q, r) = (pack(qn, q)?, pack(rn, r)?);
    crate::objects::tupleobject::pack(&[q.as_ptr(), r.as_ptr()])
});

/// Correctly rounded a / b (CPython's long_true_divide).
pub unsafe fn true_divide(a: *mut PyObject, b: *mut PyObject) -> PyResult<f64> {
    let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
    if bm.is_empty() {
        return Err(zero_div("division by zero"));
    }
    if am.is_empty() {
        return Ok(if an != bn { -0.0 } else { 0.0 });
    }
    let neg = an != bn;
    // Both exactly representable: one IEEE division is correctly rounded.
    let exact = |m: &Mag| mag::bit_length(m) <= 53;
    if exact(&am) && exact(&bm) {
        let (x, y) = (mag::to_u128(&am).unwrap_or(0) as f64, mag::to_u128(&bm).unwrap_or(0) as f64);
        return Ok(if neg { -(x / y) } else { x / y });
    }
    // Scale so the quotient has 55 bits (53 + guard + round), then round half to even.
    let la = mag::bit_length(&am) as i64;
    let lb = mag::bit_length(&bm) as i64;
    let diff = la - lb;
    if diff > 1024 + 1 {
        return Err(raise(exc::overflow_error(), "integer division result too large for a float"));
    }
    if diff < -1074 - 55 {
        return Ok(if neg { -0.0 } else { 0.0 });
    }
    let shift = diff - 55;
    let (num, den) = if shift < 0 { (mag::shl(&am, (-shift) as usize), bm.clone()) } else { (am.clone(), mag::shl(&bm, shift as usize)) };
    let (q, r) = mag::divrem(&num, &den);
    let mut qv = mag::to_u128(&q).unwrap_or(u128::MAX);
    // Where the result lands in the double's precision (fewer bits for subnormals).
    let qbits = 128 - qv.leading_zeros() as i64;
    let exp = qbits + shift; // value ~ 2^exp
    let keep = if exp - 1 < -1022 { (53 - (-1022 - (exp - 1))).max(0) } else { 53 };
    let drop = (qbits - keep).max(0) as u32;
    if drop > 0 {
        let mask = (1u128 << drop) - 1;
        let rem = qv & mask;
        let half = 1u128 << (drop - 1);
        qv >>= drop;
        let sticky = !r.is_empty();
        if rem > half || (rem == half && (sticky || qv & 1 == 1)) {
            qv += 1;
        }
    }
    let total_shift = shift + drop as i64;
    let h = (total_shift / 2) as i32;
    let v = (qv as f64) * 2f64.powi(h) * 2f64.powi(total_shift as i32 - h);
    if v.is_infinite() {
        return Err(raise(exc::overflow_error(), "integer division result too large for a float"));
    }
    Ok(if neg { -v } else { v })
}

int_binary!(long_truediv, |a, b| crate::objects::floatobject::from_f64(true_divide(a, b)?));

unsafe extern "C" fn long_float(a: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::floatobject::from_f64(crate::objects::floatobject::long_to_f64(a)?))
}

/// (a * b) mod m for non-negative magnitudes.
fn mulmod(a: &[u32], b: &[u32], m: &[u32]) -> Mag {
    mag::divrem(&mag::mul(a, b), m).1
}

/// Modular inverse of a mod m (both non-negative, m > 1), or None.
fn mod_inverse(a: &[u32], m: &[u32]) -> Option<Mag> {
    // Extended Euclid with signed coefficients.
    let (mut r0, mut r1) = (m.to_vec(), mag::divrem(a, m).1);
    let (mut s0, mut s1): ((bool, Mag), (bool, Mag)) = ((false, Vec::new()), (false, vec![1]));
    while !r1.is_empty() {
        let (q, r2) = mag::divrem(&r0, &r1);
        // s2 = s0 - q * s1
        let qs1 = (s1.0, mag::mul(&q, &s1.1));
        let s2 = add_signed(s0.0, &s0.1, !qs1.0, &qs1.1);
        r0 = r1;
        r1 = r2;
        s0 = s1;
        s1 = s2;
    }
    if r0 != vec![1] {
        return None;
    }
    let (neg, v) = s0;
    Some(if neg && !v.is_empty() { mag::sub(m, &mag::divrem(&v, m).1) } else { mag::divrem(&v, m).1 })
}

unsafe extern "C" fn long_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let has_mod = !noneobject::is_none(c);
    if has_mod && !check(c) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
        if !has_mod {
            if bn {
                // Negative exponent: a float result.
                let x = crate::objects::floatobject::long_to_f64(a)?;
                let y = crate::objects::floatobject::long_to_f64(b)?;
                if x == 0.0 {
                    return Err(raise(exc::zero_division_error(), "0.0 cannot be raised to a negative power"));
                }
                return crate::objects::floatobject::from_f64(x.powf(y));
            }
            // Exponentiation by squaring, with a guard against absurd sizes.
            let abits = mag::bit_length(&am);
            if abits > 1 && bm.len() > 2 {
                return Err(crate::objects::exceptions::no_memory());
            }
            let e = mag::to_u128(&bm).unwrap_or(u128::MAX);
            if abits > 1 && (abits as u128).saturating_mul(e) > (1u128 << 40) {
                return Err(crate::objects::exceptions::no_memory());
            }
            let mut result: Mag = vec![1];
            let mut base = am.clone();
            let mut e2 = e;
            if am.is_empty() {
                result = if e == 0 { vec![1] } else { Vec::new() };
            } else if abits == 1 {
                result = vec![1];
            } else {
                while e2 > 0 {
                    if e2 & 1 == 1 {
                        result = mag::mul(&result, &base);
                    }
                    e2 >>= 1;
                    if e2 > 0 {
                        base = mag::mul(&base, &base);
                    }
                }
            }
            let neg = an && e & 1 == 1;
            return pack(neg, result);
        }
        let (cn, cm) = unpack(c);
        if cm.is_empty() {
            return Err(raise(exc::value_error(), "pow() 3rd argument cannot be 0"));
        }
        if cm == vec![1] {
            return Ok(long::from_i64(0));
        }
        // Reduce the base into [0, |c|), invert for a negative exponent.
        let mut base = mag::divrem(&am, &cm).1;
        if an && !base.is_empty() {
            base = mag::sub(&cm, &base);
        }
        if bn {
            base = mod_inverse(&base, &cm).ok_or_else(|| raise(exc::value_error(), "base is not invertible for the given modulus"))?;
        }
        let mut result: Mag = vec![1];
        let bits = mag::bit_length(&bm);
        for i in (0..bits).rev() {
            result = mulmod(&result, &result, &cm);
            let (w, bit) = ((i / 30) as usize, (i % 30) as u32);
            if bm[w] >> bit & 1 == 1 {
                result = mulmod(&result, &base, &cm);
            }
        }
        // Python's result has the sign of the modulus.
        if cn && !result.is_empty() {
            result = mag::sub(&cm, &result);
            return pack(true, result);
        }
        pack(false, result)
    })
}

unsafe extern "C" fn long_neg(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(long::from_digits(!long::is_negative(a), long::digits(a)))
}

unsafe extern "C" fn long_pos(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(long::copy_exact(a))
}

unsafe extern "C" fn long_abs(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(long::from_digits(false, long::digits(a)))
}

unsafe extern "C" fn long_bool(a: *mut PyObject) -> c_int {
    (size_of_var(a) != 0) as c_int
}

unsafe extern "C" fn long_invert(a: *mut PyObject) -> *mut PyObject {
    // ~x == -(x + 1)
    crate::guard::catch_obj(|| {
        let (an, am) = unpack(a);
        let (n, m) = add_signed(an, &am, false, &[1]);
        pack(!n, m)
    })
}

/// The shift count as usize, with CPython's errors for negative and huge counts.
unsafe fn shift_count(b: *mut PyObject) -> PyResult<Option<usize>> {
    if long::is_negative(b) {
        return Err(raise(exc::value_error(), "negative shift count"));
    }
    Ok(long::as_i64(b).and_then(|v| usize::try_from(v).ok()))
}

int_binary!(long_lshift, |a, b| {
    let count = shift_count(b)?;
    if size_of_var(a) == 0 {
        return Ok(long::from_i64(0));
    }
    let Some(n) = count.filter(|&n| n < (isize::MAX as usize) / 4) else {
        return Err(raise(exc::overflow_error(), "too many digits in integer"));
    };
    if let Some(x) = long::as_i64(a) {
        if n < 63 && (x.unsigned_abs() as u128) << n < (1u128 << 126) {
            return long::from_i128((x as i128) << n);
        }
    }
    let (an, am) = unpack(a);
    pack(an, mag::shl(&am, n))
});

int_binary!(long_rshift, |a, b| {
    let count = shift_count(b)?;
    let (an, am) = unpack(a);
    let Some(n) = count else {
        return Ok(long::from_i64(if an { -1 } else { 0 }));
    };
    if !an {
        return pack(false, mag::shr(&am, n));
    }
    // Floor for negatives: -((|a| - 1) >> n) - 1
    let t = mag::shr(&mag::sub(&am, &[1]), n);
    pack(true, mag::add(&t, &[1]))
});

macro_rules! int_bitwise {
    ($name:ident, $op:expr) => {
        int_binary!($name, |a, b| {
            if let (Some(x), Some(y)) = (long::as_i64(a), long::as_i64(b)) {
                return Ok(long::from_i64(match $op {
                    '&' => x & y,
                    '|' => x | y,
                    _ => x ^ y,
                }));
            }
            let ((an, am), (bn, bm)) = (unpack(a), unpack(b));
            let (n, m) = mag::bitwise($op, an, &am, bn, &bm);
            pack(n, m)
        });
    };
}

int_bitwise!(long_and, '&');
int_bitwise!(long_or, '|');
int_bitwise!(long_xor, '^');

