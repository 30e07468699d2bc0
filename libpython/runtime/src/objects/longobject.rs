//! `int`: arbitrary-precision integers in CPython 3.11's layout (30-bit digits in `ob_digit`,
//! the sign in `ob_size`), with the small ints -5..=256 as immortal statics.
//!
//! This file holds the representation and the machine-word conversions; the arithmetic on
//! digits lives in `long_arith.rs`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, has_feature};
use std::ffi::c_int;


pub const SMALL_NEG: i64 = 5;
pub const SMALL_POS: i64 = 257;
const NSMALL: usize = (SMALL_NEG + SMALL_POS) as usize;

/// The small ints, -5..=256, immortal, for `_PyRuntime.global_objects.singletons.small_ints`
/// (`runtime_state.rs`), where CPython 3.11 keeps them. Index i holds the value i - 5.
pub(crate) const fn make_small_ints(tp: *mut PyTypeObject) -> [PyLongObject; NSMALL] {
    let mut out = [const {
        PyLongObject { ob_base: immortal_var_head(std::ptr::null_mut(), 0), ob_digit: [0] }
    }; NSMALL];
    let mut i = 0;
    while i < NSMALL {
        let v = i as i64 - SMALL_NEG;
        let size = if v < 0 { -1 } else if v == 0 { 0 } else { 1 };
        out[i] = PyLongObject { ob_base: immortal_var_head(tp, size), ob_digit: [v.unsigned_abs() as u32] };
        i += 1;
    }
    out
}

#[no_mangle]
pub static mut PyLong_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"int".as_ptr(),
    tp_basicsize: std::mem::offset_of!(PyLongObject, ob_digit) as _,
    tp_itemsize: std::mem::size_of::<digit>() as _,
    tp_dealloc: Some(long_dealloc),
    tp_repr: Some(crate::objects::long_format::long_repr),
    tp_as_number: &raw mut crate::objects::long_arith::LONG_AS_NUMBER,
    tp_hash: Some(long_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_LONG_SUBCLASS | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"int([x]) -> integer\nint(x, base=10) -> integer".as_ptr(),
    tp_richcompare: Some(crate::objects::long_arith::long_richcompare),
    tp_methods: (&raw mut crate::objects::long_methods::LONG_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut crate::objects::long_methods::LONG_GETSET) as *mut PyGetSetDef,
    tp_new: Some(crate::objects::long_format::long_new),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

#[inline(always)]
pub fn long_type() -> *mut PyTypeObject {
    &raw mut PyLong_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_LONG_SUBCLASS)
}

#[inline(always)]
pub unsafe fn check_exact(op: *mut PyObject) -> bool {
    type_of(op) == long_type()
}

#[inline(always)]
pub unsafe fn digits<'a>(op: *mut PyObject) -> &'a [digit] {
    let n = size_of_var(op).unsigned_abs();
    std::slice::from_raw_parts((*(op as *mut PyLongObject)).ob_digit.as_ptr(), n)
}

#[inline(always)]
pub unsafe fn digits_mut<'a>(op: *mut PyObject, n: usize) -> &'a mut [digit] {
    std::slice::from_raw_parts_mut((*(op as *mut PyLongObject)).ob_digit.as_mut_ptr(), n)
}

#[inline(always)]
pub unsafe fn is_negative(op: *mut PyObject) -> bool {
    size_of_var(op) < 0
}

pub fn small_int(v: i64) -> Option<*mut PyObject> {
    if (-SMALL_NEG..SMALL_POS).contains(&v) {
        // Safety: the index is in range; the statics are immortal and never move.
        Some(crate::runtime_state::small_int_slot((v + SMALL_NEG) as usize))
    } else {
        None
    }
}

/// A fresh int with room for `ndigits` digits, `ob_size` set to `ndigits` (positive).
pub unsafe fn alloc(ndigits: usize) -> PyResult<Obj> {
    if ndigits > (isize::MAX as usize - 64) / 4 {
        return Err(raise(exc::overflow_error(), "too many digits in integer"));
    }
    let size = std::mem::offset_of!(PyLongObject, ob_digit) + std::mem::size_of::<digit>() * ndigits.max(1);
    let op = crate::mem::malloc(size) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, long_type());
    set_size(op, ndigits as isize);
    Ok(Obj::from_owned_nonnull(op))
}

/// Drops leading zero digits and returns the small-int singleton where there is one.
pub unsafe fn normalize(v: Obj) -> Obj {
    let op = v.as_ptr();
    let size = size_of_var(op);
    let mut n = size.unsigned_abs();
    let d = (*(op as *mut PyLongObject)).ob_digit.as_ptr();
    while n > 0 && *d.add(n - 1) == 0 {
        n -= 1;
    }
    let new_size = if size < 0 { -(n as isize) } else { n as isize };
    set_size(op, new_size);
    if n <= 1 {
        let val = if n == 0 { 0 } else { *d as i64 };
        let val = if new_size < 0 { -val } else { val };
        if let Some(s) = small_int(val) {
            return Obj::from_borrowed(s);
        }
    }
    v
}

/// Builds an int from a sign and magnitude digits (least significant first).
pub unsafe fn from_digits(negative: bool, mag: &[digit]) -> PyResult<Obj> {
    let mut n = mag.len();
    while n > 0 && mag[n - 1] == 0 {
        n -= 1;
    }
    if n <= 1 {
        let v = if n == 0 { 0 } else { mag[0] as i64 };
        return Ok(from_i64(if negative { -v } else { v }));
    }
    let r = alloc(n)?;
    digits_mut(r.as_ptr(), n).copy_from_slice(&mag[..n]);
    if negative {
        set_size(r.as_ptr(), -(n as isize));
    }
    Ok(r)
}

pub fn from_i64(v: i64) -> Obj {
    if let Some(s) = small_int(v) {
        // Safety: small ints are immortal statics.
        return unsafe { Obj::from_borrowed(s) };
    }
    from_i128_uncached(v as i128).unwrap_or_else(|_| unreachable_no_memory())
}

fn unreachable_no_memory() -> Obj {
    // Allocation failure for a 3-digit int: treat as fatal rather than return a lie.
    std::process::abort()
}

pub fn from_u64(v: u64) -> Obj {
    if v < SMALL_POS as u64 {
        return from_i64(v as i64);
    }
    from_i128_uncached(v as i128).unwrap_or_else(|_| unreachable_no_memory())
}

pub fn from_i128(v: i128) -> PyResult<Obj> {
    if let Ok(small) = i64::try_from(v) {
        if small_int(small).is_some() {
            return Ok(from_i64(small));
        }
    }
    from_i128_uncached(v)
}

fn from_i128_uncached(v: i128) -> PyResult<Obj> {
    let mut mag = v.unsigned_abs();
    let mut ds = [0u32; 5];
    let mut n = 0;
    while mag != 0 {
        ds[n] = (mag as u32) & PyLong_MASK;
        mag >>= PyLong_SHIFT;
        n += 1;
    }
    // Safety: alloc returns an int with room for n digits.
    unsafe {
        let r = alloc(n.max(1))?;
        digits_mut(r.as_ptr(), n).copy_from_slice(&ds[..n]);
        set_size(r.as_ptr(), if v < 0 { -(n as isize) } else { n as isize });
        Ok(r)
    }
}

/// The value as i128 when it fits (ints of up to four digits always do).
pub unsafe fn as_i128(op: *mut PyObject) -> Option<i128> {
    let ds = digits(op);
    if ds.len() > 4 {
        return None;
    }
    let mut acc: i128 = 0;
    for &d in ds.iter().rev() {
        acc = (acc << PyLong_SHIFT) | d as i128;
    }
    Some(if is_negative(op) { -acc } else { acc })
}

/// The value as i64, or None when it does not fit.
pub unsafe fn as_i64(op: *mut PyObject) -> Option<i64> {
    as_i128(op).and_then(|v| i64::try_from(v).ok())
}

/// `op` (an int) as a C long, raising CPython's OverflowError otherwise.
pub unsafe fn as_c_long(op: *mut PyObject) -> PyResult<i64> {
    as_i64(op).ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C long"))
}

pub unsafe fn as_ssize_t(op: *mut PyObject) -> PyResult<isize> {
    as_i64(op)
        .map(|v| v as isize)
        .ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C ssize_t"))
}

/// CPython's int hash: the value modulo the Mersenne prime 2^61 - 1, sign kept, -1 → -2.
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    let mut x: u64 = 0;
    for &d in digits(op).iter().rev() {
        x = ((x << PyLong_SHIFT) & MODULUS) | (x >> (BITS - PyLong_SHIFT));
        x += d as u64;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let mut h = x as i64;
    if is_negative(op) {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h as Py_hash_t
    }
}

unsafe extern "C" fn long_hash(op: *mut PyObject) -> Py_hash_t {
    hash(op)
}

unsafe extern "C" fn long_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut _);
    }
}

/// Number of bits in the magnitude.
pub unsafe fn bit_length(op: *mut PyObject) -> u64 {
    let ds = digits(op);
    match ds.last() {
        None => 0,
        Some(&top) => (ds.len() as u64 - 1) * PyLong_SHIFT as u64 + (32 - top.leading_zeros()) as u64,
    }
}

pub unsafe fn sign(op: *mut PyObject) -> c_int {
    size_of_var(op).signum() as c_int
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(long_type())
}

/// A copy of an int subclass instance as an exact int.
pub unsafe fn copy_exact(op: *mut PyObject) -> PyResult<Obj> {
    if check_exact(op) {
        return Ok(Obj::from_borrowed(op));
    }
    from_digits(is_negative(op), digits(op))
}

