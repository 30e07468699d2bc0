//! The number protocol: binary operators with CPython's operand dispatch (a subclass's
//! reflected slot first), in-place variants, the sequence fallbacks of `+` and `*`, and the
//! conversions `int()`, `__index__`, and ssize_t.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{is_subtype, full_name};
use crate::objects::{longobject as long, noneobject, unicodeobject as str_};


pub type NbSlot = fn(&PyNumberMethods) -> binaryfunc;
type ternaryfunc_inner = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;

#[derive(Clone, Copy)]
pub struct BinOp {
    pub slot: NbSlot,
    pub symbol: &'static str,
}

macro_rules! binops {
    ($($name:ident: $field:ident, $sym:expr;)*) => {
        $( pub const $name: BinOp = BinOp { slot: |n| n.$field, symbol: $sym }; )*
    };
}

binops! {
    ADD: nb_add, "+";
    SUBTRACT: nb_subtract, "-";
    MULTIPLY: nb_multiply, "*";
    REMAINDER: nb_remainder, "%";
    DIVMOD: nb_divmod, "divmod()";
    LSHIFT: nb_lshift, "<<";
    RSHIFT: nb_rshift, ">>";
    AND: nb_and, "&";
    XOR: nb_xor, "^";
    OR: nb_or, "|";
    FLOOR_DIVIDE: nb_floor_divide, "//";
    TRUE_DIVIDE: nb_true_divide, "/";
    MATRIX_MULTIPLY: nb_matrix_multiply, "@";
    INPLACE_ADD: nb_inplace_add, "+=";
    INPLACE_SUBTRACT: nb_inplace_subtract, "-=";
    INPLACE_MULTIPLY: nb_inplace_multiply, "*=";
    INPLACE_REMAINDER: nb_inplace_remainder, "%=";
    INPLACE_LSHIFT: nb_inplace_lshift, "<<=";
    INPLACE_RSHIFT: nb_inplace_rshift, ">>=";
    INPLACE_AND: nb_inplace_and, "&=";
    INPLACE_XOR: nb_inplace_xor, "^=";
    INPLACE_OR: nb_inplace_or, "|=";
    INPLACE_FLOOR_DIVIDE: nb_inplace_floor_divide, "//=";
    INPLACE_TRUE_DIVIDE: nb_inplace_true_divide, "/=";
    INPLACE_MATRIX_MULTIPLY: nb_inplace_matrix_multiply, "@=";
}

unsafe fn slot_of(tp: *mut PyTypeObject, op: BinOp) -> binaryfunc {
    let nb = (*tp).tp_as_number;
    if nb.is_null() {
        None
    } else {
        (op.slot)(&*nb)
    }
}

/// CPython's binary_op1: NotImplemented (a new reference) when neither side handles it.
pub unsafe fn binary_op1(a: *mut PyObject, b: *mut PyObject, op: BinOp) -> PyResult<Obj> {
    let (ta, tb) = (type_of(a), type_of(b));
    let slotv = slot_of(ta, op);
    let mut slotw = if ta != tb { slot_of(tb, op) } else { None };
    if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
        slotw = None;
    }
    if let Some(v) = slotv {
        if let Some(w) = slotw {
            if is_subtype(tb, ta) {
                let x = Obj::from_owned(w(a, b))?;
                if x.as_ptr() != noneobject::not_implemented() {
                    return Ok(x);
                }
                slotw = None;
            }
        }
        let x = Obj::from_owned(v(a, b))?;
        if x.as_ptr() != noneobject::not_implemented() {
            return Ok(x);
        }
    }
    if let Some(w) = slotw {
        return Obj::from_owned(w(a, b));
    }
    Ok(Obj::from_borrowed(noneobject::not_implemented()))
}

fn unsupported(a: *mut PyObject, b: *mut PyObject, symbol: &str) -> crate::err::ErrSet {
    // Safety: a and b are live objects.
    let (na, nb) = unsafe { (full_name(type_of(a)), full_name(type_of(b))) };
    raise(exc::type_error(), format!("unsupported operand type(s) for {symbol}: '{na}' and '{nb}'"))
}

pub unsafe fn binary_op(a: *mut PyObject, b: *mut PyObject, op: BinOp) -> PyResult<Obj> {
    let r = binary_op1(a, b, op)?;
    if r.as_ptr() != noneobject::not_implemented() {
        return Ok(r);
    }
    // + and * fall back to sequence concatenation and repetition.
    let sq = (*type_of(a)).tp_as_sequence;
    if op.symbol == "+" && !sq.is_null() {
        if let Some(f) = (*sq).sq_concat {
            return Obj::from_owned(f(a, b));
        }
    }
    if op.symbol == "*" {
        if let Some(r) = sequence_repeat(a, b)? {
            return Ok(r);
        }
        if let Some(r) = sequence_repeat(b, a)? {
            return Ok(r);
        }
    }
    if op.symbol == ">>" && crate::objects::typeobject::full_name(type_of(a)) == "builtin_function_or_method" {
        // CPython's hint for `print >> f`.
    }
    Err(unsupported(a, b, op.symbol))
}

unsafe fn sequence_repeat(seq: *mut PyObject, n: *mut PyObject) -> PyResult<Option<Obj>> {
    let sq = (*type_of(seq)).tp_as_sequence;
    if sq.is_null() {
        return Ok(None);
    }
    let Some(f) = (*sq).sq_repeat else { return Ok(None) };
    if !has_index(n) {
        return Err(raise(
            exc::type_error(),
            format!("can't multiply sequence by non-int of type '{}'", full_name(type_of(n))),
        ));
    }
    let count = as_ssize_t_exc(n, exc::overflow_error())?;
    Obj::from_owned(f(seq, count)).map(Some)
}

/// In-place operator: the in-place slot, then the plain one (`a += b`).
pub unsafe fn inplace_op(a: *mut PyObject, b: *mut PyObject, iop: BinOp, op: BinOp) -> PyResult<Obj> {
    if let Some(f) = slot_of(type_of(a), iop) {
        let x = Obj::from_owned(f(a, b))?;
        if x.as_ptr() != noneobject::not_implemented() {
            return Ok(x);
        }
    }
    let r = binary_op1(a, b, op)?;
    if r.as_ptr() != noneobject::not_implemented() {
        return Ok(r);
    }
    let sq = (*type_of(a)).tp_as_sequence;
    if iop.symbol == "+=" && !sq.is_null() {
        if let Some(f) = (*sq).sq_inplace_concat.or((*sq).sq_concat) {
            return Obj::from_owned(f(a, b));
        }
    }
    // `*=` falls back to in-place repetition, then repetition, as PyNumber_InPlaceMultiply.
    if iop.symbol == "*=" {
        let seq_slot = |s: *mut PyObject, inplace: bool| {
            let sq = (*type_of(s)).tp_as_sequence;
            if sq.is_null() {
                None
            } else if inplace {
                (*sq).sq_inplace_repeat.or((*sq).sq_repeat)
            } else {
                (*sq).sq_repeat
            }
        };
        // Only the left operand is repeated in place (`n *= seq` must not change `seq`).
        let (seq, n, f) = match (seq_slot(a, true), seq_slot(b, false)) {
            (Some(f), _) => (a, b, f),
            (None, Some(f)) => (b, a, f),
            (None, None) => return Err(unsupported(a, b, iop.symbol)),
        };
        if !has_index(n) {
            return Err(raise(
                exc::type_error(),
                format!("can't multiply sequence by non-int of type '{}'", full_name(type_of(n))),
            ));
        }
        let count = as_ssize_t_exc(n, exc::overflow_error())?;
        return Obj::from_owned(f(seq, count));
    }
    Err(unsupported(a, b, iop.symbol))
}

pub unsafe fn has_index(op: *mut PyObject) -> bool {
    let nb = (*type_of(op)).tp_as_number;
    !nb.is_null() && (*nb).nb_index.is_some()
}

/// `operator.index(op)`: an exact int (or int subclass, as CPython 3.11 returns it).
pub unsafe fn index(op: *mut PyObject) -> PyResult<Obj> {
    if long::check(op) {
        return Ok(Obj::from_borrowed(op));
    }
    let nb = (*type_of(op)).tp_as_number;
    let f = if nb.is_null() { None } else { (*nb).nb_index };
    let Some(f) = f else {
        return Err(raise(
            exc::type_error(),
            format!("'{}' object cannot be interpreted as an integer", full_name(type_of(op))),
        ));
    };
    let r = Obj::from_owned(f(op))?;
    if !long::check(r.as_ptr()) {
        return Err(raise(
            exc::type_error(),
            format!("__index__ returned non-int (type {})", full_name(r.type_ptr())),
        ));
    }
    Ok(r)
}

/// PyNumber_AsSsize_t: `exc` NULL clamps on overflow, otherwise raises it.
/// Argument Clinic's `int` converter: `__index__` only, a C int, CPython's messages.
pub unsafe fn c_int_arg(v: *mut PyObject) -> PyResult<std::ffi::c_int> {
    if !long::check(v) && !has_index(v) {
        return Err(raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", crate::objects::typeobject::full_name(type_of(v)))));
    }
    let n = as_ssize_t_exc(v, exc::overflow_error())?;
    std::ffi::c_int::try_from(n).map_err(|_| raise(exc::overflow_error(), "Python int too large to convert to C int"))
}

pub unsafe fn as_ssize_t_exc(op: *mut PyObject, exc_type: *mut PyObject) -> PyResult<isize> {
    let v = index(op)?;
    match long::as_i64(v.as_ptr()) {
        Some(x) => Ok(x as isize),
        None => {
            if exc_type.is_null() {
                Ok(if long::is_negative(v.as_ptr()) { isize::MIN } else { isize::MAX })
            } else {
                Err(raise(
                    exc_type,
                    format!("cannot fit '{}' into an index-sized integer", full_name(type_of(op))),
                ))
            }
        }
    }
}

pub unsafe fn as_ssize_t(op: *mut PyObject) -> PyResult<isize> {
    as_ssize_t_exc(op, exc::overflow_error())
}

/// `int(x)` for one argument, as CPython's PyNumber_Long.
pub unsafe fn number_long(op: *mut PyObject) -> PyResult<Obj> {
    if long::check_exact(op) {
        return Ok(Obj::from_borrowed(op));
    }
    let nb = (*type_of(op)).tp_as_number;
    if !nb.is_null() {
        if let Some(f) = (*nb).nb_int {
            let r = Obj::from_owned(f(op))?;
            if !long::check(r.as_ptr()) {
                return Err(raise(
                    exc::type_error(),
                    format!("__int__ returned non-int (type {})", full_name(r.type_ptr())),
                ));
            }
            return long::copy_exact(r.as_ptr());
        }
        if (*nb).nb_index.is_some() {
            let r = index(op)?;
            return long::copy_exact(r.as_ptr());
        }
    }
    if str_::check(op) {
        return crate::objects::long_format::from_str_obj(op, 10);
    }
    if crate::objects::bytesobject::check(op) {
        return crate::objects::long_format::from_bytes_obj(op, 10);
    }
    if crate::protocol::buffer::has_buffer(op) {
        // Other bytes-like objects are parsed as a bytes copy, as CPython does.
        let b = crate::objects::bytesobject::from_slice(&crate::protocol::buffer::Buffer::contiguous_copy(op)?)?;
        return crate::objects::long_format::from_bytes_obj(b.as_ptr(), 10);
    }
    Err(raise(
        exc::type_error(),
        format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            full_name(type_of(op))
        ),
    ))
}

pub unsafe fn negative(op: *mut PyObject) -> PyResult<Obj> {
    unary(op, |n| n.nb_negative, "unary -")
}

pub unsafe fn positive(op: *mut PyObject) -> PyResult<Obj> {
    unary(op, |n| n.nb_positive, "unary +")
}

pub unsafe fn invert(op: *mut PyObject) -> PyResult<Obj> {
    unary(op, |n| n.nb_invert, "unary ~")
}

pub unsafe fn absolute(op: *mut PyObject) -> PyResult<Obj> {
    unary(op, |n| n.nb_absolute, "abs()")
}

unsafe fn unary(op: *mut PyObject, slot: fn(&PyNumberMethods) -> unaryfunc, what: &str) -> PyResult<Obj> {
    let nb = (*type_of(op)).tp_as_number;
    if !nb.is_null() {
        if let Some(f) = slot(&*nb) {
            return Obj::from_owned(f(op));
        }
    }
    Err(raise(exc::type_error(), format!("bad operand type for {what}: '{}'", full_name(type_of(op)))))
}

/// `pow(a, b, c)`; `c` is None for two-argument pow.
pub unsafe fn power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> PyResult<Obj> {
    ternary_power(a, b, c, "** or pow()")
}

/// `a **= b`: the in-place slot, then pow's.
pub unsafe fn inplace_power(a: *mut PyObject, b: *mut PyObject) -> PyResult<Obj> {
    let nb = (*type_of(a)).tp_as_number;
    if !nb.is_null() {
        if let Some(f) = (*nb).nb_inplace_power {
            let x = Obj::from_owned(f(a, b, noneobject::none()))?;
            if x.as_ptr() != noneobject::not_implemented() {
                return Ok(x);
            }
        }
    }
    ternary_power(a, b, noneobject::none(), "**=")
}

unsafe fn ternary_power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject, symbol: &str) -> PyResult<Obj> {
    let (ta, tb) = (type_of(a), type_of(b));
    let get = |t: *mut PyTypeObject| {
        let nb = (*t).tp_as_number;
        if nb.is_null() {
            None
        } else {
            (*nb).nb_power
        }
    };
    let slotv = get(ta);
    let mut slotw = if ta != tb { get(tb) } else { None };
    if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
        slotw = None;
    }
    if let Some(v) = slotv {
        if let Some(w) = slotw {
            if is_subtype(tb, ta) {
                let x = Obj::from_owned(w(a, b, c))?;
                if x.as_ptr() != noneobject::not_implemented() {
                    return Ok(x);
                }
                slotw = None;
            }
        }
        let x = Obj::from_owned(v(a, b, c))?;
        if x.as_ptr() != noneobject::not_implemented() {
            return Ok(x);
        }
    }
    if let Some(w) = slotw {
        let x = Obj::from_owned(w(a, b, c))?;
        if x.as_ptr() != noneobject::not_implemented() {
            return Ok(x);
        }
    }
    // The third argument's type gets a say too (CPython's ternary_op).
    if !noneobject::is_none(c) {
        let tc = type_of(c);
        if let Some(z) = get(tc) {
            let seen = |f: Option<ternaryfunc_inner>| f.map(|f| f as usize) == Some(z as usize);
            if !seen(slotv) && !seen(get(tb)) {
                let x = Obj::from_owned(z(a, b, c))?;
                if x.as_ptr() != noneobject::not_implemented() {
                    return Ok(x);
                }
            }
        }
    }
    if noneobject::is_none(c) {
        Err(unsupported(a, b, symbol))
    } else {
        Err(raise(
            exc::type_error(),
            format!(
                "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
                full_name(ta),
                full_name(tb),
                full_name(type_of(c))
            ),
        ))
    }
}

