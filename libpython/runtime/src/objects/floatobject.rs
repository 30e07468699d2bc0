//! `float`: a C double. Representation, repr (shortest round-trip, CPython's 'r' format),
//! hashing consistent with int, comparison with ints, and the basic arithmetic.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name};
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
    tp_methods: (&raw mut FLOAT_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut FLOAT_GETSET) as *mut PyGetSetDef,
    tp_new: Some(float_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut FLOAT_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(float_add),
    nb_subtract: Some(float_sub),
    nb_multiply: Some(float_mul),
    nb_true_divide: Some(float_div),
    nb_remainder: Some(float_rem),
    nb_divmod: Some(float_divmod),
    nb_floor_divide: Some(float_floordiv),
    nb_power: Some(float_pow),
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
    // Rust's shortest digits; where two shortest strings are equally near v (2**-25) and
    // both read back as v, CPython's dtoa takes the even last digit, as exact rounding does.
    let shortest = format!("{:e}", v);
    let ndigits = shortest.split('e').next().unwrap_or("").chars().filter(|c| c.is_ascii_digit()).count().max(1);
    let even = format!("{:.*e}", ndigits - 1, v);
    let sci = if even != shortest && even.parse::<f64>() == Ok(v) { even } else { shortest };
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
        crate::protocol::args::no_keywords("float", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("float", n, 0, 1)?;
        let v = if n == 0 {
            from_f64(0.0)?
        } else {
            let x = crate::objects::tupleobject::get_item(args, 0);
            if type_of(x) == float_type() {
                Obj::from_borrowed(x)
            } else if str_::check(x) {
                from_string(x)?
            } else if crate::protocol::buffer::has_buffer(x) && ((*type_of(x)).tp_as_number.is_null() || (*(*type_of(x)).tp_as_number).nb_float.is_none()) {
                from_bytes_like(x)?
            } else {
                let nb = (*type_of(x)).tp_as_number;
                if nb.is_null() || ((*nb).nb_float.is_none() && (*nb).nb_index.is_none()) {
                    // PyNumber_Float's message for what is neither a number nor a string.
                    return Err(raise(exc::type_error(), format!("float() argument must be a string or a real number, not '{}'", full_name(type_of(x)))));
                }
                from_f64(as_f64(x)?)?
            }
        };
        if tp == float_type() {
            return Ok(v);
        }
        // A subclass: allocate through it and copy the value.
        let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
        let r = Obj::from_owned(alloc(tp, 0))?;
        (*(r.as_ptr() as *mut PyFloatObject)).ob_fval = value(v.as_ptr());
        Ok(r)
    })
}

/// float(str): Python's float syntax (underscores between digits, inf/nan words).
pub unsafe fn from_string(s: *mut PyObject) -> PyResult<Obj> {
    from_text(str_::as_str(s)?, s)
}

/// float(b) for bytes, bytearray or any bytes-like object: the bytes as Latin-1 text (so
/// anything not ASCII fails), the error naming the object.
pub unsafe fn from_bytes_like(b: *mut PyObject) -> PyResult<Obj> {
    let data = crate::protocol::buffer::Buffer::contiguous_copy(b)?;
    let text: String = data.iter().map(|&c| c as char).collect();
    from_text(&text, b)
}

/// Parses `text`; `shown` is the object the error message shows.
unsafe fn from_text(text: &str, shown: *mut PyObject) -> PyResult<Obj> {
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
    let r = crate::protocol::object::repr_string(shown)?;
    Err(raise(exc::value_error(), format!("could not convert string to float: {r}")))
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(float_type())
}

// ---- arithmetic beyond + - * / ------------------------------------------------------------

/// Python's float divmod: the remainder takes the divisor's sign; the quotient is floored
/// (and rounded back when fmod's result pushes it across an integer).
fn divmod_f64(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

unsafe extern "C" fn float_rem(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| {
        if y == 0.0 {
            return Err(raise(exc::zero_division_error(), "float modulo"));
        }
        let mut m = x % y;
        if m != 0.0 {
            if (y < 0.0) != (m < 0.0) {
                m += y;
            }
        } else {
            m = 0.0f64.copysign(y);
        }
        Ok(m)
    })
}

unsafe extern "C" fn float_floordiv(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| {
        if y == 0.0 {
            return Err(raise(exc::zero_division_error(), "float floor division by zero"));
        }
        Ok(divmod_f64(x, y).0)
    })
}

unsafe extern "C" fn float_divmod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    match operands(a, b) {
        Err(()) => std::ptr::null_mut(),
        Ok(None) => noneobject::not_implemented(),
        Ok(Some((x, y))) => crate::guard::catch_obj(|| {
            if y == 0.0 {
                return Err(raise(exc::zero_division_error(), "float divmod()"));
            }
            let (d, m) = divmod_f64(x, y);
            let (d, m) = (from_f64(d)?, from_f64(m)?);
            crate::objects::tupleobject::pack(&[d.as_ptr(), m.as_ptr()])
        }),
    }
}

fn is_odd_integer(x: f64) -> bool {
    (x.abs() % 2.0) == 1.0
}

unsafe extern "C" fn float_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    if !noneobject::is_none(c) {
        raise(exc::type_error(), "pow() 3rd argument not allowed unless all arguments are integers");
        return std::ptr::null_mut();
    }
    let (iv, iw) = match operands(a, b) {
        Err(()) => return std::ptr::null_mut(),
        Ok(None) => return noneobject::not_implemented(),
        Ok(Some(p)) => p,
    };
    crate::guard::catch_obj(|| {
        if iw == 0.0 {
            return from_f64(1.0);
        }
        if iv.is_nan() {
            return from_f64(iv);
        }
        if iw.is_nan() {
            return from_f64(if iv == 1.0 { 1.0 } else { iw });
        }
        if iw.is_infinite() {
            let av = iv.abs();
            return from_f64(if av == 1.0 { 1.0 } else if (iw > 0.0) == (av > 1.0) { iw.abs() } else { 0.0 });
        }
        if iv.is_infinite() {
            let odd = is_odd_integer(iw);
            return from_f64(if iw > 0.0 { if odd { iv } else { iv.abs() } } else if odd { 0.0f64.copysign(iv) } else { 0.0 });
        }
        if iv == 0.0 {
            if iw < 0.0 {
                return Err(raise(exc::zero_division_error(), "0.0 cannot be raised to a negative power"));
            }
            return from_f64(if is_odd_integer(iw) { iv } else { 0.0 });
        }
        let mut base = iv;
        let mut negate = false;
        if base < 0.0 {
            if iw != iw.floor() {
                // A negative base to a fractional power is complex.
                let complex = crate::lifecycle::builtin_types().into_iter().find(|(n, _)| *n == "complex").map(|(_, t)| t);
                let Some(ct) = complex else {
                    return Err(raise(exc::not_implemented_error(), "Ferric: a negative float to a fractional power needs the complex type"));
                };
                let nb = (*ct).tp_as_number;
                let f = if nb.is_null() { None } else { (*nb).nb_power };
                return match f {
                    Some(f) => Obj::from_owned(f(a, b, c)),
                    None => Err(raise(exc::not_implemented_error(), "Ferric: complex power")),
                };
            }
            base = -base;
            negate = is_odd_integer(iw);
        }
        if base == 1.0 {
            return from_f64(if negate { -1.0 } else { 1.0 });
        }
        let r = base.powf(iw);
        if r.is_infinite() {
            let args = crate::objects::tupleobject::pack(&[
                crate::objects::longobject::from_i64(34).as_ptr(),
                str_::from_str("Numerical result out of range")?.as_ptr(),
            ])?;
            return Err(crate::err::set_object(exc::overflow_error(), args.as_ptr()));
        }
        from_f64(if negate { -r } else { r })
    })
}

// ---- methods -------------------------------------------------------------------------------

static mut FLOAT_METHODS: [PyMethodDef; 13] = [
    method(c"conjugate", float_conjugate, METH_NOARGS, c"Return self, the complex conjugate of any float."),
    method(c"__trunc__", float_trunc, METH_NOARGS, c"Return the Integral closest to x between 0 and x."),
    method(c"__floor__", float_floor, METH_NOARGS, c"Return the floor as an Integral."),
    method(c"__ceil__", float_ceil, METH_NOARGS, c"Return the ceiling as an Integral."),
    PyMethodDef {
        ml_name: c"__round__".as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(float_round as *const ()) }),
        ml_flags: METH_FASTCALL,
        ml_doc: c"Return the Integral closest to x, rounding half toward even.\n\nWhen an argument is passed, work like built-in round(x, ndigits).".as_ptr(),
    },
    method(c"as_integer_ratio", float_as_integer_ratio, METH_NOARGS, c"Return integer ratio.\n\nReturn a pair of integers, whose ratio is exactly equal to the original float\nand with a positive denominator.\n\nRaise OverflowError on infinities and a ValueError on NaNs.\n\n>>> (10.0).as_integer_ratio()\n(10, 1)\n>>> (0.0).as_integer_ratio()\n(0, 1)\n>>> (-.25).as_integer_ratio()\n(-1, 4)"),
    PyMethodDef { ml_name: c"fromhex".as_ptr(), ml_meth: Some(float_fromhex), ml_flags: METH_O | METH_CLASS, ml_doc: c"Create a floating-point number from a hexadecimal string.\n\n>>> float.fromhex('0x1.ffffp10')\n2047.984375\n>>> float.fromhex('-0x1p-1074')\n-5e-324".as_ptr() },
    method(c"hex", float_hex, METH_NOARGS, c"Return a hexadecimal representation of a floating-point number.\n\n>>> (-0.1).hex()\n'-0x1.999999999999ap-4'\n>>> 3.14159.hex()\n'0x1.921f9f01b866ep+1'"),
    method(c"is_integer", float_is_integer, METH_NOARGS, c"Return True if the float is an integer."),
    method(c"__getnewargs__", float_getnewargs, METH_NOARGS, c""),
    PyMethodDef { ml_name: c"__getformat__".as_ptr(), ml_meth: Some(float_getformat), ml_flags: METH_O | METH_CLASS, ml_doc: c"You probably don't want to use this function.\n\n  typestr\n    Must be 'double' or 'float'.\n\nIt exists mainly to be used in Python's test suite.\n\nThis function returns whichever of 'unknown', 'IEEE, big-endian' or 'IEEE,\nlittle-endian' best describes the format of floating point numbers used by the\nC type named by typestr.".as_ptr() },
    method(c"__format__", float_format, METH_O, c"Formats the float according to format_spec."),
    PyMethodDef { ml_name: std::ptr::null(), ml_meth: None, ml_flags: 0, ml_doc: std::ptr::null() },
];

const fn method(name: &'static std::ffi::CStr, f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject, flags: c_int, doc: &'static std::ffi::CStr) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: doc.as_ptr() }
}

static mut FLOAT_GETSET: [PyGetSetDef; 3] = [
    typeobject::getset(c"real", Some(float_get_real), None),
    typeobject::getset(c"imag", Some(float_get_imag), None),
    typeobject::GETSET_END,
];

unsafe extern "C" fn float_get_real(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    float_pos(op)
}

unsafe extern "C" fn float_get_imag(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::ret_obj(from_f64(0.0))
}

unsafe extern "C" fn float_conjugate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    float_pos(op)
}

unsafe extern "C" fn float_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = from_f64(value(op))?;
        crate::objects::tupleobject::pack(&[v.as_ptr()])
    })
}

unsafe extern "C" fn float_trunc(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::long_format::long_from_f64_trunc(value(op)))
}

unsafe extern "C" fn float_floor(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::long_format::long_from_f64_trunc(value(op).floor()))
}

unsafe extern "C" fn float_ceil(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(crate::objects::long_format::long_from_f64_trunc(value(op).ceil()))
}

unsafe extern "C" fn float_is_integer(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let x = value(op);
    boolobject::new_bool(x.is_finite() && x.floor() == x)
}

unsafe extern "C" fn float_getformat(_cls: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(arg) {
            return Err(raise(exc::type_error(), format!("__getformat__() argument must be str, not {}", full_name(type_of(arg)))));
        }
        match str_::as_str(arg)? {
            "double" | "float" => str_::from_str("IEEE, little-endian"),
            _ => Err(raise(exc::value_error(), "__getformat__() argument 1 must be 'double' or 'float'")),
        }
    })
}

/// Rounds the exact decimal expansion of `x` to `nd` places after the point (negative `nd`
/// rounds to tens, hundreds...), half to even, as CPython's dtoa-based double_round.
fn round_decimal(x: f64, nd: i32) -> f64 {
    let neg = x.is_sign_negative();
    let exact = format!("{:.1100}", x.abs());
    let (int_part, frac_part) = exact.split_once('.').unwrap_or((&exact, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).map(|b| b - b'0').collect();
    let point = int_part.len() as i64;
    let keep = point + nd as i64; // digits kept before the rounding position
    if keep < 0 {
        return if neg { -0.0 } else { 0.0 };
    }
    let keep = keep as usize;
    if keep >= digits.len() {
        return x;
    }
    let rest = &digits[keep..];
    let first = rest[0];
    let beyond_nonzero = rest[1..].iter().any(|&d| d != 0);
    let last_kept = if keep == 0 { 0 } else { digits[keep - 1] };
    let round_up = first > 5 || (first == 5 && (beyond_nonzero || last_kept % 2 == 1));
    digits.truncate(keep);
    if round_up {
        let mut i = keep;
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let carry = digits.len() - keep; // 1 when rounding added a leading digit
    let int_digits = (point as usize + carry).min(digits.len());
    let mut text = String::new();
    if neg {
        text.push('-');
    }
    if int_digits == 0 {
        text.push('0');
    }
    text.extend(digits[..int_digits].iter().map(|d| (b'0' + d) as char));
    // Digits dropped from the integer part (nd < 0) come back as zeros.
    let int_len = point as usize + carry;
    text.extend(std::iter::repeat('0').take(int_len.saturating_sub(int_digits)));
    if digits.len() > int_digits {
        text.push('.');
        text.extend(digits[int_digits..].iter().map(|d| (b'0' + d) as char));
    }
    text.parse().unwrap_or(x)
}

unsafe extern "C" fn float_round(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("__round__", n as usize, 0, 1)?;
        let x = value(op);
        let nd = if n == 1 { *args } else { std::ptr::null_mut() };
        if nd.is_null() || noneobject::is_none(nd) {
            // Round half to even, to an int.
            let r = x.round();
            let r = if (x - x.trunc()).abs() == 0.5 { 2.0 * (x / 2.0).round() } else { r };
            return crate::objects::long_format::long_from_f64_trunc(r);
        }
        let nd = crate::protocol::number::as_ssize_t_exc(nd, std::ptr::null_mut())?;
        if !x.is_finite() || x == 0.0 {
            return from_f64(x);
        }
        const NDIGITS_MAX: isize = 323;
        const NDIGITS_MIN: isize = -308;
        if nd > NDIGITS_MAX {
            return from_f64(x);
        }
        if nd < NDIGITS_MIN {
            return from_f64(0.0 * x);
        }
        let r = round_decimal(x, nd as i32);
        if r.is_infinite() {
            return Err(raise(exc::overflow_error(), "rounded value too large to represent"));
        }
        from_f64(r)
    })
}

unsafe extern "C" fn float_as_integer_ratio(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let x = value(op);
    crate::guard::catch_obj(|| {
        if x.is_infinite() {
            return Err(raise(exc::overflow_error(), "cannot convert Infinity to integer ratio"));
        }
        if x.is_nan() {
            return Err(raise(exc::value_error(), "cannot convert NaN to integer ratio"));
        }
        // x = mant * 2^exp with an odd (or zero) integer mantissa.
        let bits = x.abs().to_bits();
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let mut mant = bits & ((1u64 << 52) - 1);
        let mut exp = if biased == 0 { -1074 } else { mant |= 1 << 52; biased - 1075 };
        if mant == 0 {
            exp = 0;
        }
        while mant != 0 && mant & 1 == 0 {
            mant >>= 1;
            exp += 1;
        }
        let signed = |m: u64, neg: bool| -> PyResult<Obj> {
            crate::objects::longobject::from_i128(if neg { -(m as i128) } else { m as i128 })
        };
        let one = crate::objects::longobject::from_i64(1);
        let (num, den) = if exp >= 0 {
            let m = signed(mant, x < 0.0)?;
            let shift = crate::objects::longobject::from_i64(exp);
            (crate::protocol::number::binary_op(m.as_ptr(), shift.as_ptr(), crate::protocol::number::LSHIFT)?, one)
        } else {
            let shift = crate::objects::longobject::from_i64(-exp);
            (signed(mant, x < 0.0)?, crate::protocol::number::binary_op(one.as_ptr(), shift.as_ptr(), crate::protocol::number::LSHIFT)?)
        };
        crate::objects::tupleobject::pack(&[num.as_ptr(), den.as_ptr()])
    })
}

/// CPython's float.hex(): `[-]0x1.<13 hex digits>p<exp>` (0x0.0p+0 for zero).
pub fn hex_f64(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, frac, exp) = if biased == 0 {
        // Subnormals keep a leading 0 and the minimum exponent.
        (0, frac, -1022)
    } else {
        (1, frac, biased - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

unsafe extern "C" fn float_hex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&hex_f64(value(op))))
}

/// Parses float.fromhex() syntax with round-half-even to the nearest double.
fn parse_hex_float(text: &str) -> Result<f64, &'static str> {
    const INVALID: &str = "invalid hexadecimal floating-point string";
    let t = text.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if lower == "nan" {
        return Ok(if neg { -f64::NAN } else { f64::NAN });
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant_text, exp_text) = match body.find('p') {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_digits, frac_digits) = match mant_text.find('.') {
        Some(i) => (&mant_text[..i], &mant_text[i + 1..]),
        None => (mant_text, ""),
    };
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(INVALID);
    }
    if !int_digits.chars().chain(frac_digits.chars()).all(|c| c.is_ascii_hexdigit()) {
        return Err(INVALID);
    }
    let mut exp: i64 = match exp_text {
        None => 0,
        Some(e) => {
            let digits = e.trim_start_matches(['+', '-']);
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || e.len() - digits.len() > 1 {
                return Err(INVALID);
            }
            // Clamp huge exponents; the result saturates to 0 or inf anyway.
            let v: i64 = digits.chars().take(12).fold(0i64, |a, c| a * 10 + (c as i64 - 48));
            if e.starts_with('-') { -v } else { v }
        }
    };
    if int_digits.len() + frac_digits.len() > 1_000_000 {
        return Err("hexadecimal string too long to convert");
    }
    exp -= 4 * frac_digits.len() as i64;
    // Accumulate up to 30 significant hex digits; the rest only matter as a sticky bit.
    let all: Vec<u32> = int_digits.chars().chain(frac_digits.chars()).filter_map(|c| c.to_digit(16)).collect();
    let first = all.iter().position(|&d| d != 0);
    let Some(first) = first else { return Ok(if neg { -0.0 } else { 0.0 }) };
    let sig = &all[first..];
    let take = sig.len().min(30);
    let mut m: u128 = 0;
    for &d in &sig[..take] {
        m = (m << 4) | d as u128;
    }
    let sticky = sig[take..].iter().any(|&d| d != 0);
    exp += 4 * (sig.len() - take) as i64;
    // value = m * 2^exp (+ sticky). Round to 53 bits, handling subnormals and overflow.
    let nbits = 128 - m.leading_zeros() as i64;
    let top_exp = exp + nbits - 1; // exponent of the leading bit
    if top_exp > 1023 {
        return Err("hexadecimal value too large to represent as a float");
    }
    let lsb_exp = if top_exp < -1022 { -1074 } else { top_exp - 52 }; // weight of the last kept bit
    let drop = lsb_exp - exp;
    let (mut kept, round_up) = if drop <= 0 {
        ((m << (-drop).min(127)) as u128, false)
    } else if drop >= 128 {
        (0u128, false)
    } else {
        let kept = m >> drop;
        let rem = m & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        let up = rem > half || (rem == half && (sticky || kept & 1 == 1)) || (rem == half && sticky);
        (kept, up)
    };
    if round_up {
        kept += 1;
    }
    // kept * 2^lsb_exp is exact; scale in two halves so neither factor under/overflows.
    let half = (lsb_exp / 2) as i32;
    let v = (kept as f64) * 2f64.powi(half) * 2f64.powi(lsb_exp as i32 - half);
    if v.is_infinite() {
        return Err("hexadecimal value too large to represent as a float");
    }
    Ok(if neg { -v } else { v })
}

unsafe extern "C" fn float_fromhex(cls: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(arg) {
            return Err(raise(exc::type_error(), format!("fromhex() argument must be str, not {}", full_name(type_of(arg)))));
        }
        let v = match parse_hex_float(str_::as_str(arg)?) {
            Ok(v) => v,
            Err(msg) => {
                let t = if msg.contains("too large") { exc::overflow_error() } else { exc::value_error() };
                return Err(raise(t, msg));
            }
        };
        let f = from_f64(v)?;
        if cls == float_type() as *mut PyObject {
            return Ok(f);
        }
        crate::protocol::call::vectorcall(cls, &[f.as_ptr()], std::ptr::null_mut())
    })
}

/// `format(x, '')` is `str(x)`; other specs need the format-spec machinery.
unsafe extern "C" fn float_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(spec) {
            return Err(raise(exc::type_error(), format!("__format__() argument must be str, not {}", full_name(type_of(spec)))));
        }
        if str_::len(spec) == 0 {
            return crate::protocol::object::str(op);
        }
        crate::objects::float_format::format(value(op), str_::as_str(spec)?)
    })
}
