//! `complex`: a pair of C doubles (CPython's Objects/complexobject.c). Construction from
//! numbers, strings and `__complex__`, repr with float's shortest round-trip digits, hashing
//! consistent with int and float, equality, and the arithmetic CPython defines
//! (`+ - * / **`; no floor division or modulo since 3.10).

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_DOUBLE};
use crate::objects::typeobject::{self, full_name};
use crate::objects::{boolobject, floatobject as float, longobject as long, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};

#[no_mangle]
pub static mut PyComplex_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"complex".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyComplexObject>() as _,
    tp_dealloc: Some(complex_dealloc),
    tp_repr: Some(complex_repr),
    tp_as_number: &raw mut COMPLEX_AS_NUMBER,
    tp_hash: Some(complex_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    tp_doc: c"Create a complex number from a real part and an optional imaginary part.\n\nThis is equivalent to (real + imag*1j) where imag defaults to 0.".as_ptr(),
    tp_richcompare: Some(complex_richcompare),
    tp_methods: (&raw mut COMPLEX_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut COMPLEX_MEMBERS) as *mut PyMemberDef,
    tp_new: Some(complex_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

static mut COMPLEX_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(complex_add),
    nb_subtract: Some(complex_sub),
    nb_multiply: Some(complex_mul),
    nb_true_divide: Some(complex_div),
    nb_power: Some(complex_pow),
    nb_negative: Some(complex_neg),
    nb_positive: Some(complex_pos),
    nb_absolute: Some(complex_abs),
    nb_bool: Some(complex_bool),
    ..PyNumberMethods::EMPTY
};

static mut COMPLEX_MEMBERS: [PyMemberDef; 3] = [
    member(c"real", T_DOUBLE, std::mem::offset_of!(PyComplexObject, cval.real), READONLY),
    member(c"imag", T_DOUBLE, std::mem::offset_of!(PyComplexObject, cval.imag), READONLY),
    MEMBER_END,
];

static mut COMPLEX_METHODS: [PyMethodDef; 5] = [
    typeobject::method(c"conjugate", complex_conjugate as *const (), METH_NOARGS, c"Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."),
    typeobject::method(c"__complex__", complex_complex as *const (), METH_NOARGS, c"Convert this value to exact type complex."),
    typeobject::method(c"__getnewargs__", complex_getnewargs as *const (), METH_NOARGS, c""),
    typeobject::method(c"__format__", complex_format as *const (), METH_O, c"Convert to a string according to format_spec."),
    typeobject::METHOD_END,
];

#[inline(always)]
pub fn complex_type() -> *mut PyTypeObject {
    &raw mut PyComplex_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), complex_type())
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == complex_type()
}

/// The value of a complex (or complex subclass) instance.
#[inline(always)]
pub unsafe fn value(op: *mut PyObject) -> Py_complex {
    (*(op as *mut PyComplexObject)).cval
}

pub unsafe fn real(op: *mut PyObject) -> f64 {
    value(op).real
}

pub unsafe fn imag(op: *mut PyObject) -> f64 {
    value(op).imag
}

pub fn from_c(c: Py_complex) -> PyResult<Obj> {
    // Safety: fresh allocation of the right size, header set before use.
    unsafe {
        let op = crate::mem::malloc(std::mem::size_of::<PyComplexObject>()) as *mut PyObject;
        if op.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        typeobject::init_object(op, complex_type());
        (*(op as *mut PyComplexObject)).cval = c;
        Ok(Obj::from_owned_nonnull(op))
    }
}

pub fn from_parts(real: f64, imag: f64) -> PyResult<Obj> {
    from_c(Py_complex { real, imag })
}

/// An instance of `tp` (complex or a subclass) holding `c`.
unsafe fn subtype_from_c(tp: *mut PyTypeObject, c: Py_complex) -> PyResult<Obj> {
    if tp == complex_type() {
        return from_c(c);
    }
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let r = Obj::from_owned(alloc(tp, 0))?;
    (*(r.as_ptr() as *mut PyComplexObject)).cval = c;
    Ok(r)
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(complex_type())
}

// ---- the C-level arithmetic (_Py_c_*) -------------------------------------------------------

/// errno as complexobject.c uses it: EDOM for division by zero, ERANGE for overflow.
#[derive(PartialEq, Clone, Copy)]
pub enum Errno {
    Ok,
    Dom,
}

const C_1: Py_complex = Py_complex { real: 1.0, imag: 0.0 };

pub fn c_sum(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real + b.real, imag: a.imag + b.imag }
}

pub fn c_diff(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real - b.real, imag: a.imag - b.imag }
}

pub fn c_prod(a: Py_complex, b: Py_complex) -> Py_complex {
    Py_complex { real: a.real * b.real - a.imag * b.imag, imag: a.real * b.imag + a.imag * b.real }
}

/// Smith's algorithm: scale by whichever part of the divisor is larger in magnitude.
pub fn c_quot(a: Py_complex, b: Py_complex, errno: &mut Errno) -> Py_complex {
    let abs_breal = b.real.abs();
    let abs_bimag = b.imag.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            *errno = Errno::Dom;
            Py_complex { real: 0.0, imag: 0.0 }
        } else {
            let ratio = b.imag / b.real;
            let denom = b.real + b.imag * ratio;
            Py_complex { real: (a.real + a.imag * ratio) / denom, imag: (a.imag - a.real * ratio) / denom }
        }
    } else if abs_bimag >= abs_breal {
        let ratio = b.real / b.imag;
        let denom = b.real * ratio + b.imag;
        Py_complex { real: (a.real * ratio + a.imag) / denom, imag: (a.imag * ratio - a.real) / denom }
    } else {
        // At least one part of the divisor is a NaN.
        Py_complex { real: f64::NAN, imag: f64::NAN }
    }
}

pub fn c_pow(a: Py_complex, b: Py_complex, errno: &mut Errno) -> Py_complex {
    if b.real == 0.0 && b.imag == 0.0 {
        return C_1;
    }
    if a.real == 0.0 && a.imag == 0.0 {
        if b.imag != 0.0 || b.real < 0.0 {
            *errno = Errno::Dom;
        }
        return Py_complex { real: 0.0, imag: 0.0 };
    }
    let vabs = a.real.hypot(a.imag);
    let mut len = vabs.powf(b.real);
    let at = a.imag.atan2(a.real);
    let mut phase = at * b.real;
    if b.imag != 0.0 {
        len /= (at * b.imag).exp();
        phase += b.imag * vabs.ln();
    }
    Py_complex { real: len * phase.cos(), imag: len * phase.sin() }
}

fn c_powu(x: Py_complex, n: i64) -> Py_complex {
    let mut r = C_1;
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

fn c_powi(x: Py_complex, n: i64, errno: &mut Errno) -> Py_complex {
    if n > 0 {
        c_powu(x, n)
    } else {
        c_quot(C_1, c_powu(x, -n), errno)
    }
}

/// `_Py_c_abs`: infinity wins over NaN (C99); None when a finite value overflows.
pub fn c_abs(z: Py_complex) -> Option<f64> {
    if !z.real.is_finite() || !z.imag.is_finite() {
        if z.real.is_infinite() {
            return Some(z.real.abs());
        }
        if z.imag.is_infinite() {
            return Some(z.imag.abs());
        }
        return Some(f64::NAN);
    }
    let r = z.real.hypot(z.imag);
    if r.is_finite() {
        Some(r)
    } else {
        None
    }
}

// ---- slots ----------------------------------------------------------------------------------

unsafe extern "C" fn complex_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

/// A part formatted as PyOS_double_to_string(x, 'r', 0, flags) does: float's repr without
/// the ".0" that float adds to integral values.
fn part_repr(x: f64, with_sign: bool) -> String {
    let mut s = float::repr_f64(x);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    if with_sign && !s.starts_with('-') {
        s.insert(0, '+');
    }
    s
}

/// CPython's complex repr: `2j` for a +0 real part, `(re±imj)` otherwise.
pub fn repr_c(c: Py_complex) -> String {
    if c.real == 0.0 && c.real.is_sign_positive() {
        format!("{}j", part_repr(c.imag, false))
    } else {
        format!("({}{}j)", part_repr(c.real, false), part_repr(c.imag, true))
    }
}

unsafe extern "C" fn complex_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&repr_c(value(op))))
}

/// hash(real) + 1000003 * hash(imag), so that hash(x + 0j) == hash(x).
pub fn hash_c(inst: *mut PyObject, c: Py_complex) -> Py_hash_t {
    const IMAG: u64 = 1000003;
    let hr = float::hash_f64(inst, c.real) as u64;
    let hi = float::hash_f64(inst, c.imag) as u64;
    let combined = hr.wrapping_add(IMAG.wrapping_mul(hi)) as i64;
    if combined == -1 {
        -2
    } else {
        combined as Py_hash_t
    }
}

unsafe extern "C" fn complex_hash(op: *mut PyObject) -> Py_hash_t {
    hash_c(op, value(op))
}

/// TO_COMPLEX: complex, int and float operands; Ok(None) for other types (NotImplemented).
unsafe fn to_complex(o: *mut PyObject) -> PyResult<Option<Py_complex>> {
    if check(o) {
        return Ok(Some(value(o)));
    }
    if long::check(o) {
        return Ok(Some(Py_complex { real: float::long_to_f64(o)?, imag: 0.0 }));
    }
    if float::check(o) {
        return Ok(Some(Py_complex { real: float::value(o), imag: 0.0 }));
    }
    Ok(None)
}

unsafe fn binop(a: *mut PyObject, b: *mut PyObject, f: impl FnOnce(Py_complex, Py_complex) -> PyResult<Py_complex>) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (Some(x), Some(y)) = (to_complex(a)?, to_complex(b)?) else {
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        };
        from_c(f(x, y)?)
    })
}

unsafe extern "C" fn complex_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(c_sum(x, y)))
}

unsafe extern "C" fn complex_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(c_diff(x, y)))
}

unsafe extern "C" fn complex_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| Ok(c_prod(x, y)))
}

unsafe extern "C" fn complex_div(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binop(a, b, |x, y| {
        let mut errno = Errno::Ok;
        let q = c_quot(x, y, &mut errno);
        if errno == Errno::Dom {
            return Err(raise(exc::zero_division_error(), "complex division by zero"));
        }
        Ok(q)
    })
}

unsafe extern "C" fn complex_pow(a: *mut PyObject, b: *mut PyObject, m: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (Some(x), Some(y)) = (to_complex(a)?, to_complex(b)?) else {
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        };
        if !m.is_null() && !noneobject::is_none(m) {
            return Err(raise(exc::value_error(), "complex modulo"));
        }
        let mut errno = Errno::Ok;
        // A small integral exponent uses repeated squaring: faster and more accurate.
        let p = if y.imag == 0.0 && y.real == y.real.floor() && y.real.abs() <= 100.0 {
            c_powi(x, y.real as i64, &mut errno)
        } else {
            c_pow(x, y, &mut errno)
        };
        if errno == Errno::Dom {
            return Err(raise(exc::zero_division_error(), "0.0 to a negative or complex power"));
        }
        if p.real.is_infinite() || p.imag.is_infinite() {
            return Err(raise(exc::overflow_error(), "complex exponentiation"));
        }
        from_c(p)
    })
}

unsafe extern "C" fn complex_neg(a: *mut PyObject) -> *mut PyObject {
    let c = value(a);
    crate::guard::ret_obj(from_parts(-c.real, -c.imag))
}

unsafe extern "C" fn complex_pos(a: *mut PyObject) -> *mut PyObject {
    if check_exact(a) {
        incref(a);
        return a;
    }
    crate::guard::ret_obj(from_c(value(a)))
}

unsafe extern "C" fn complex_abs(a: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match c_abs(value(a)) {
        Some(r) => float::from_f64(r),
        None => Err(raise(exc::overflow_error(), "absolute value too large")),
    })
}

unsafe extern "C" fn complex_bool(a: *mut PyObject) -> c_int {
    let c = value(a);
    (c.real != 0.0 || c.imag != 0.0) as c_int
}

unsafe extern "C" fn complex_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) {
        return noneobject::not_implemented();
    }
    let i = value(a);
    let equal = if long::check(b) {
        if i.imag == 0.0 {
            // Exact comparison of the real part with the int, as float does it.
            return crate::guard::catch_obj(|| {
                let j = float::from_f64(i.real)?;
                crate::protocol::object::rich_compare(j.as_ptr(), b, op)
            });
        }
        false
    } else if float::check(b) {
        i.real == float::value(b) && i.imag == 0.0
    } else if check(b) {
        let j = value(b);
        i.real == j.real && i.imag == j.imag
    } else {
        return noneobject::not_implemented();
    };
    boolobject::new_bool(equal == (op == Py_EQ))
}

// ---- methods --------------------------------------------------------------------------------

unsafe extern "C" fn complex_conjugate(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let c = value(op);
    crate::guard::ret_obj(from_parts(c.real, -c.imag))
}

unsafe extern "C" fn complex_complex(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    complex_pos(op)
}

unsafe extern "C" fn complex_getnewargs(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let c = value(op);
    crate::guard::catch_obj(|| {
        let (r, i) = (float::from_f64(c.real)?, float::from_f64(c.imag)?);
        crate::objects::tupleobject::pack(&[r.as_ptr(), i.as_ptr()])
    })
}

/// `format(z, spec)`: str(z) for an empty spec, else format_complex_internal: both parts
/// formatted as floats (the imaginary one always signed unless the real part is omitted),
/// then padded as a whole. No zero padding and no '=' alignment.
unsafe extern "C" fn complex_format(op: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(spec) {
            return Err(raise(exc::type_error(), format!("__format__() argument must be str, not {}", full_name(type_of(spec)))));
        }
        if str_::len(spec) == 0 {
            return crate::protocol::object::str(op);
        }
        let text = format_spec(value(op), str_::as_str(spec)?)?;
        str_::from_str(&text)
    })
}

fn format_spec(c: Py_complex, spec_text: &str) -> PyResult<String> {
    use crate::objects::float_format as ff;
    let spec = ff::parse_for(spec_text, Some("complex"))?;
    if let Some(t) = spec.ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') {
            return Err(raise(exc::value_error(), format!("Unknown format code '{t}' for object of type 'complex'")));
        }
    }
    if spec.fill == '0' {
        return Err(raise(exc::value_error(), "Zero padding is not allowed in complex format specifier"));
    }
    if spec.align == Some('=') {
        return Err(raise(exc::value_error(), "'=' alignment flag is not allowed in complex format specifier"));
    }
    let (skip_re, parens) = if spec.ty.is_none() {
        let skip = c.real == 0.0 && c.real.is_sign_positive();
        (skip, !skip)
    } else {
        (false, false)
    };
    let part = |x: f64, sign: char| -> PyResult<String> {
        if spec.ty.is_none() && spec.precision.is_none() {
            // 'r': shortest round-trip digits, no ".0".
            let mut body = part_repr(x, false);
            let neg = body.starts_with('-');
            if neg {
                body.remove(0);
            }
            if spec.no_neg_zero && neg && !body.chars().any(|d| d.is_ascii_digit() && d != '0') {
                return Ok(sign_prefix(false, sign) + &body);
            }
            if let (Some(sep), true) = (spec.grouping, x.is_finite()) {
                let end = body.find(['.', 'e']).unwrap_or(body.len());
                body = format!("{}{}", ff::group_every(&body[..end], sep, 3), &body[end..]);
            }
            return Ok(sign_prefix(neg, sign) + &body);
        }
        let mut sub = String::new();
        if sign != '-' {
            sub.push(sign);
        }
        if spec.no_neg_zero {
            sub.push('z');
        }
        if spec.alternate {
            sub.push('#');
        }
        if let Some(g) = spec.grouping {
            sub.push(g);
        }
        if let Some(p) = spec.precision {
            sub.push_str(&format!(".{p}"));
        }
        sub.push(spec.ty.unwrap_or('g'));
        let r = ff::format(x, &sub)?;
        // Safety: `r` is a str object owned here.
        unsafe { Ok(str_::as_str(r.as_ptr())?.to_owned()) }
    };
    let re = if skip_re { String::new() } else { part(c.real, spec.sign)? };
    let im = part(c.imag, if skip_re { spec.sign } else { '+' })?;
    let body = if parens { format!("({re}{im}j)") } else { format!("{re}{im}j") };
    Ok(ff::pad(&spec, "", &body, '>'))
}

fn sign_prefix(neg: bool, sign: char) -> String {
    if neg {
        "-".into()
    } else if sign == '+' || sign == ' ' {
        sign.to_string()
    } else {
        String::new()
    }
}

// ---- construction ---------------------------------------------------------------------------

/// try_complex_special_method: the result of `op.__complex__()`, if the type defines it.
unsafe fn try_complex_special(op: *mut PyObject) -> PyResult<Option<Obj>> {
    let Some(f) = crate::objects::typeslots::lookup_special(op, "__complex__")? else {
        return Ok(None);
    };
    let res = crate::protocol::call::vectorcall(f.as_ptr(), &[], std::ptr::null_mut())?;
    if check_exact(res.as_ptr()) {
        return Ok(Some(res));
    }
    if !check(res.as_ptr()) {
        return Err(raise(exc::type_error(), format!("__complex__ returned non-complex (type {})", full_name(res.type_ptr()))));
    }
    crate::report::warn(
        (&raw mut crate::objects::exceptions::_PyExc_DeprecationWarning) as *mut PyObject,
        &format!(
            "__complex__ returned non-complex (type {}).  The ability to return an instance of a strict subclass of complex is deprecated, and may be removed in a future version of Python.",
            full_name(res.type_ptr())
        ),
    )?;
    Ok(Some(res))
}

/// PyComplex_AsCComplex: complex, `__complex__`, or float(op) as the real part.
pub unsafe fn as_c_complex(op: *mut PyObject) -> PyResult<Py_complex> {
    if check(op) {
        return Ok(value(op));
    }
    if let Some(c) = try_complex_special(op)? {
        return Ok(value(c.as_ptr()));
    }
    Ok(Py_complex { real: float::as_f64(op)?, imag: 0.0 })
}

/// Whether the number protocol can make a float (or complex) of `op`.
unsafe fn is_number(op: *mut PyObject) -> bool {
    let nb = (*type_of(op)).tp_as_number;
    !nb.is_null() && ((*nb).nb_float.is_some() || (*nb).nb_index.is_some() || check(op))
}

/// float(op) for a real-number argument of complex().
unsafe fn number_float(op: *mut PyObject) -> PyResult<f64> {
    float::as_f64(op)
}

unsafe extern "C" fn complex_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("complex", args, kwds, &["real", "imag"], 0)?;
        let zero = long::from_i64(0);
        let r = a[0].unwrap_or(zero.as_ptr());
        let i = a[1];
        if check_exact(r) && i.is_none() && tp == complex_type() {
            return Ok(Obj::from_borrowed(r));
        }
        if str_::check(r) {
            if i.is_some() {
                return Err(raise(exc::type_error(), "complex() can't take second arg if first is a string"));
            }
            return from_string(tp, r);
        }
        if let Some(i) = i {
            if str_::check(i) {
                return Err(raise(exc::type_error(), "complex() second arg can't be a string"));
            }
        }
        let special = try_complex_special(r)?;
        let r = special.as_ref().map_or(r, |o| o.as_ptr());
        if !is_number(r) {
            return Err(raise(
                exc::type_error(),
                format!("complex() first argument must be a string or a number, not '{}'", full_name(type_of(r))),
            ));
        }
        if let Some(i) = i {
            if !is_number(i) {
                return Err(raise(
                    exc::type_error(),
                    format!("complex() second argument must be a number, not '{}'", full_name(type_of(i))),
                ));
            }
        }
        let (cr, cr_is_complex) = if check(r) { (value(r), true) } else { (Py_complex { real: number_float(r)?, imag: 0.0 }, false) };
        let (mut ci_real, ci_imag, ci_is_complex) = match i {
            None => (cr.imag, 0.0, false),
            Some(i) if check(i) => {
                let c = value(i);
                (c.real, c.imag, true)
            }
            Some(i) => (number_float(i)?, 0.0, false),
        };
        let mut re = cr.real;
        if ci_is_complex {
            re -= ci_imag;
        }
        if cr_is_complex && i.is_some() {
            ci_real += cr.imag;
        }
        subtype_from_c(tp, Py_complex { real: re, imag: ci_real })
    })
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The longest prefix of `s` that is a float literal (float()'s syntax, no underscores):
/// its value and length, or None when no prefix parses (PyOS_string_to_double with an end).
pub fn parse_float_prefix(s: &[u8]) -> Option<(f64, usize)> {
    let mut i = 0;
    if matches!(s.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let rest = &s[i..];
    let lower: Vec<u8> = rest.iter().take(8).map(|b| b.to_ascii_lowercase()).collect();
    let word = if lower.starts_with(b"infinity") {
        Some(8)
    } else if lower.starts_with(b"inf") || lower.starts_with(b"nan") {
        Some(3)
    } else {
        None
    };
    if let Some(n) = word {
        let neg = s[0] == b'-';
        let v = if lower[0] == b'n' { f64::NAN } else { f64::INFINITY };
        return Some((if neg { -v } else { v }, i + n));
    }
    let start_digits = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    let mut ndigits = i - start_digits;
    if i < s.len() && s[i] == b'.' {
        let j = i + 1;
        let mut k = j;
        while k < s.len() && s[k].is_ascii_digit() {
            k += 1;
        }
        ndigits += k - j;
        if ndigits > 0 {
            i = k;
        }
    }
    if ndigits == 0 {
        return None;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut k = i + 1;
        if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
            k += 1;
        }
        let ds = k;
        while k < s.len() && s[k].is_ascii_digit() {
            k += 1;
        }
        if k > ds {
            i = k;
        }
    }
    let text = std::str::from_utf8(&s[..i]).ok()?;
    text.parse::<f64>().ok().map(|v| (v, i))
}

/// complex_from_string_inner: `<float>`, `<float>j`, `<float><signed-float>j`, and the old
/// forms `<float><sign>j`, `<sign>j`, `j`, optionally in parentheses, with spaces around.
fn parse_complex(s: &[u8]) -> Option<(f64, f64)> {
    let mut p = 0;
    let at = |p: usize| s.get(p).copied().unwrap_or(0);
    while is_space(at(p)) {
        p += 1;
    }
    let bracket = at(p) == b'(';
    if bracket {
        p += 1;
        while is_space(at(p)) {
            p += 1;
        }
    }
    let (mut x, mut y) = (0.0, 0.0);
    if let Some((z, n)) = parse_float_prefix(&s[p..]) {
        p += n;
        if matches!(at(p), b'+' | b'-') {
            x = z;
            if let Some((w, n)) = parse_float_prefix(&s[p..]) {
                y = w;
                p += n;
            } else {
                y = if at(p) == b'+' { 1.0 } else { -1.0 };
                p += 1;
            }
            if !matches!(at(p), b'j' | b'J') {
                return None;
            }
            p += 1;
        } else if matches!(at(p), b'j' | b'J') {
            p += 1;
            y = z;
        } else {
            x = z;
        }
    } else {
        if matches!(at(p), b'+' | b'-') {
            y = if at(p) == b'+' { 1.0 } else { -1.0 };
            p += 1;
        } else {
            y = 1.0;
        }
        if !matches!(at(p), b'j' | b'J') {
            return None;
        }
        p += 1;
    }
    while is_space(at(p)) {
        p += 1;
    }
    if bracket {
        if at(p) != b')' {
            return None;
        }
        p += 1;
        while is_space(at(p)) {
            p += 1;
        }
    }
    if p != s.len() {
        return None;
    }
    Some((x, y))
}

/// complex(str): unicode spaces and decimal digits map to ASCII first; underscores are
/// allowed only between digits (then removed), as _Py_string_to_number_with_underscores.
unsafe fn from_string(tp: *mut PyTypeObject, v: *mut PyObject) -> PyResult<Obj> {
    let text = str_::as_str(v)?;
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            bytes.push(c as u8);
        } else if c.is_whitespace() {
            bytes.push(b' ');
        } else if let Some(d) = crate::objects::unicode_db::decimal_value(c) {
            bytes.push(b'0' + d as u8);
        } else {
            // Not representable: certainly malformed (CPython maps it to '?').
            bytes.push(b'?');
        }
    }
    if bytes.contains(&b'_') {
        let ok = bytes.iter().enumerate().all(|(i, &b)| {
            b != b'_' || (i > 0 && i + 1 < bytes.len() && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit())
        });
        if !ok {
            let r = crate::protocol::object::repr_string(v)?;
            return Err(raise(exc::value_error(), format!("could not convert string to complex: {r}")));
        }
        bytes.retain(|&b| b != b'_');
    }
    match parse_complex(&bytes) {
        Some((x, y)) => subtype_from_c(tp, Py_complex { real: x, imag: y }),
        None => Err(raise(exc::value_error(), "complex() arg is a malformed string")),
    }
}
