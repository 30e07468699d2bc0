//! `float`: a C double. Representation, repr (shortest round-trip, CPython's 'r' format),
//! hashing consistent with int, comparison with ints, and the basic arithmetic.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature, full_name};
use crate::objects::{boolobject, longobject as long, noneobject, unicodeobject as str_};
use std::cmp::Ordering;
use std::ffi::{c_int, c_void};

#[no_mangle]
pub static mut PyFloat_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"float".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyFloatObject>() as _,
    tp_dealloc: Some(float_dealloc),
    tp_repr: Some(float_repr),
    tp_as_number: &raw mut FLOAT_AS_NUMBER,
    tp_hash: Some(float_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"Convert a string or number to a floating point number, if possible.".as_ptr(),
    tp_richcompare: Some(float_richcompare),
    tp_new: Some(float_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut FLOAT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(float_add),
    nb_subtract: Some(float_sub),
    nb_multiply: Some(float_mul),
    nb_true_divide: Some(float_div),
    nb_negative: Some(float_neg),
    nb_positive: Some(float_pos),
    nb_absolute: Some(float_abs),
    nb_bool: Some(float_bool),
    nb_int: Some(float_int),
    nb_float: Some(float_pos),
    ..PyNumberMethods::EMPTY
};

#[inline(always)]
pub fn float_type() -> *mut PyTypeObject {
    &raw mut PyFloat_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), float_type())
}

#[inline(always)]
pub unsafe fn value(op: *mut PyObject) -> f64 {
    (*(op as *mut PyFloatObject)).ob_fval
}

pub fn from_f64(v: f64) -> PyResult<Obj> {
    // Safety: fresh allocation of the right size, header set before use.
    unsafe {
        let op = crate::mem::malloc(std::mem::size_of::<PyFloatObject>()) as *mut PyObject;
        if op.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        typeobject::init_object(op, float_type());
        (*(op as *mut PyFloatObject)).ob_fval = v;
        Ok(Obj::from_owned_nonnull(op))
    }
}

/// float(op) as f64 for floats, ints and objects with `__float__`/`__index__`.
pub unsafe fn as_f64(op: *mut PyObject) -> PyResult<f64> {
    if check(op) {
        return Ok(value(op));
    }
    if long::check(op) {
        return long_to_f64(op);
    }
    let nb = (*type_of(op)).tp_as_number;
    if !nb.is_null() {
        if let Some(f) = (*nb).nb_float {
            let r = Obj::from_owned(f(op))?;
            if !check(r.as_ptr()) {
                return Err(raise(
                    exc::type_error(),
                    format!("{}.__float__ returned non-float (type {})", full_name(type_of(op)), full_name(r.type_ptr())),
                ));
            }
            return Ok(value(r.as_ptr()));
        }
        if (*nb).nb_index.is_some() {
            let i = crate::protocol::number::index(op)?;
            return long_to_f64(i.as_ptr());
        }
    }
    Err(raise(exc::type_error(), format!("must be real number, not {}", full_name(type_of(op)))))
}

/// Correctly rounded int → float (round-half-even on the bits that do not fit).
pub unsafe fn long_to_f64(op: *mut PyObject) -> PyResult<f64> {
    if let Some(v) = long::as_i64(op) {
        return Ok(v as f64);
    }
    let nbits = long::bit_length(op);
    if nbits > 1024 {
        return Err(raise(exc::overflow_error(), "int too large to convert to float"));
    }
    // Collect the top 64+ bits with a sticky bit, then let the u128 → f64 cast round.
    let ds = long::digits(op);
    let mut mant: u128 = 0;
    let mut shift: i64 = 0;
    let mut sticky = false;
    for (i, &d) in ds.iter().enumerate().rev() {
        if mant >> 90 != 0 {
            sticky |= ds[..=i].iter().any(|&x| x != 0);
            shift = (i as i64 + 1) * 30;
            break;
        }
        mant = (mant << 30) | d as u128;
    }
    if sticky {
        mant |= 1;
    }
    let v = (mant as f64) * 2f64.powi(shift as i32);
    if v.is_infinite() {
        return Err(raise(exc::overflow_error(), "int too large to convert to float"));
    }
    Ok(if long::is_negative(op) { -v } else { v })
}

/// CPython's repr of a float: shortest digits that round-trip; scientific notation when
/// the decimal exponent is below -4 or at least 16.
pub fn repr_f64(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let sci = format!("{:e}", v);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let decpt = exp + 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat('0').take((-decpt) as usize));
            out.push_str(&digits);
        } else if digits.len() as i32 <= decpt {
            out.push_str(&digits);
            out.extend(std::iter::repeat('0').take((decpt - digits.len() as i32) as usize));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        out.push_str(&format!("e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs()));
    }
    out
}

/// CPython's `_Py_HashDouble`: equal to hash(int(v)) for integral values.
pub fn hash_f64(inst: *mut PyObject, v: f64) -> Py_hash_t {
    const BITS: i32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if !v.is_finite() {
        if v.is_infinite() {
            return if v > 0.0 { 314159 } else { -314159 };
        }
        return crate::protocol::object::hash_pointer(inst as *const c_void);
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % BITS } else { BITS - 1 - ((-1 - e) % BITS) };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64) * sign;
    if h == -1 {
        -2
    } else {
        h as Py_hash_t
    }
}

/// frexp: v = m * 2^e with 0.5 <= |m| < 1.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // subnormal: scale up first
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

unsafe extern "C" fn float_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn float_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&repr_f64(value(op))))
}

unsafe extern "C" fn float_hash(op: *mut PyObject) -> Py_hash_t {
    hash_f64(op, value(op))
}

/// Exact comparison of a float with an int, as CPython's float_richcompare does.
unsafe fn compare_with_long(v: f64, w: *mut PyObject) -> Option<Ordering> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { Ordering::Greater } else { Ordering::Less });
    }
    if let Some(i) = long::as_i64(w) {
        if i.unsigned_abs() < (1u64 << 53) {
            return v.partial_cmp(&(i as f64));
        }
    }
    // Compare integer parts exactly, then the fraction.
    let t = v.trunc();
    let ti = crate::objects::long_format::long_from_f64_trunc(t).ok()?;
    let ord = crate::objects::long_arith::compare(ti.as_ptr(), w);
    if ord != Ordering::Equal {
        return Some(ord);
    }
    let frac = v - t;
    Some(frac.partial_cmp(&0.0).unwrap_or(Ordering::Equal))
}

unsafe extern "C" fn float_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) {
        return noneobject::not_implemented();
    }
    let va = value(a);
    let ord = if check(b) {
        va.partial_cmp(&value(b))
    } else if long::check(b) {
        compare_with_long(va, b)
    } else {
        return noneobject::not_implemented();
    };
    let r = match ord {
        None => op == Py_NE,
        Some(o) => crate::protocol::object::ordering_matches(o, op),
    };
    boolobject::new_bool(r)
}

/// Both operands as f64, or NotImplemented for other types.
unsafe fn operands(a: *mut PyObject, b: *mut PyObject) -> Result<Option<(f64, f64)>, ()> {
    let conv = |o: *mut PyObject| -> Result<Option<f64>, ()> {
        if check(o) {
            Ok(Some(value(o)))
        } else if long::check(o) {
            long_to_f64(o).map(Some).map_err(|_| ())
        } else {
            Ok(None)
        }
    };
    match (conv(a)?, conv(b)?) {
        (Some(x), Some(y)) => Ok(Some((x, y))),
        _ => Ok(None),
    }
}

unsafe fn binop(a: *mut PyObject, b: *mut PyObject, f: impl Fn(f64, f64) -> PyResult<f64>) -> *mut PyObject {
    match operands(a, b) {
        Err(()) => std::ptr::null_mut(),
        Ok(None) => noneobject::not_implemented(),
        Ok(Some((x, y))) => crate::guard::ret_obj(f(x, y).and_then(from_f64)),
    }
}

unsafe extern "C" fn float_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(x + y))
}

unsafe extern "C" fn float_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(x - y))
}

unsafe extern "C" fn float_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(x * y))
}

unsafe extern "C" fn float_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| {
        if y == 0.0 {
            Err(raise(exc::zero_division_error(), "float division by zero"))
        } else {
            Ok(x / y)
        }
    })
}

unsafe extern "C" fn float_neg(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(from_f64(-value(a)))
}

unsafe extern "C" fn float_pos(a: *mut PyObject) -> *mut PyObject {
    if type_of(a) == float_type() {
        incref(a);
        return a;
    }
    crate::guard::ret_obj(from_f64(value(a)))
}

unsafe extern "C" fn float_abs(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(from_f64(value(a).abs()))
}

unsafe extern "C" fn float_bool(a: *mut PyObject) -> c_int {
    (value(a) != 0.0) as c_int
}

unsafe extern "C" fn float_int(a: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::long_format::long_from_f64_trunc(value(a)))
}

unsafe extern "C" fn float_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if tp != float_type() {
            return Err(raise(exc::not_implemented_error(), "Ferric: subclasses of float are not implemented yet"));
        }
        crate::protocol::args::no_keywords("float", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("float", n, 0, 1)?;
        if n == 0 {
            return from_f64(0.0);
        }
        let x = crate::objects::tupleobject::get_item(args, 0);
        if str_::check(x) {
            return from_string(x);
        }
        from_f64(as_f64(x)?)
    })
}

/// float(str): Python's float syntax (underscores between digits, inf/nan words).
pub unsafe fn from_string(s: *mut PyObject) -> PyResult<Obj> {
    let text = str_::as_str(s)?;
    let t = text.trim();
    let ok_underscores = !t.starts_with('_') && !t.ends_with('_') && !t.contains("__")
        && t.char_indices().all(|(i, c)| {
            c != '_' || {
                let b = t.as_bytes();
                i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit()
            }
        });
    let cleaned: String = t.chars().filter(|&c| c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    let valid_word = matches!(body, "inf" | "infinity" | "nan");
    let valid_num = !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-'))
        && body.chars().any(|c| c.is_ascii_digit());
    if ok_underscores && (valid_word || valid_num) {
        if let Ok(v) = cleaned.parse::<f64>() {
            return from_f64(v);
        }
    }
    let r = crate::protocol::object::repr_string(s)?;
    Err(raise(exc::value_error(), format!("could not convert string to float: {r}")))
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(float_type())
}
