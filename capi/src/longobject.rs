//! longobject.h: int from and to C integers and doubles.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{floatobject, longobject as long, unicodeobject as str_};
use crate::rt::protocol::number as num;
use crate::rt::{err, exc, PyResult};
use std::ffi::{c_char, c_double, c_int, c_long, c_longlong, c_ulong, c_ulonglong, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLong(v: c_long) -> *mut PyObject {
    long::from_i64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLong(v: c_ulong) -> *mut PyObject {
    long::from_u64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromLongLong(v: c_longlong) -> *mut PyObject {
    long::from_i64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnsignedLongLong(v: c_ulonglong) -> *mut PyObject {
    long::from_u64(v).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSsize_t(v: Py_ssize_t) -> *mut PyObject {
    long::from_i64(v as i64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromSize_t(v: usize) -> *mut PyObject {
    long::from_u64(v as u64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromDouble(v: c_double) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::long_format::long_from_f64_trunc(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromVoidPtr(p: *mut std::ffi::c_void) -> *mut PyObject {
    long::from_u64(p as usize as u64).into_ptr()
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_FromString(s: *const c_char, pend: *mut *mut c_char, base: c_int) -> *mut PyObject {
    catch_obj(|| {
        let text = CStr::from_ptr(s).to_string_lossy().into_owned();
        if base != 0 && !(2..=36).contains(&base) {
            return Err(err::raise(exc::value_error(), "int() arg 2 must be >= 2 and <= 36"));
        }
        if !pend.is_null() {
            *pend = s.add(CStr::from_ptr(s).to_bytes().len()) as *mut c_char;
        }
        let o = str_::from_str(&text)?;
        crate::rt::objects::long_format::from_str_obj(o.as_ptr(), base as u32)
    })
}

/// The int behind `op`: itself, or `__index__` (CPython 3.10+ no longer calls `__int__`).
unsafe fn as_int(op: *mut PyObject) -> PyResult<Obj> {
    if op.is_null() {
        crate::bad_internal_call();
        return Err(err::ErrSet::assume_set());
    }
    if long::check(op) {
        return Ok(Obj::from_borrowed(op));
    }
    num::index(op)
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLong(op: *mut PyObject) -> c_long {
    catch(-1, || as_int(op).and_then(|i| long::as_c_long(i.as_ptr())).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLong(op: *mut PyObject) -> c_longlong {
    PyLong_AsLong(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_long {
    *overflow = 0;
    catch(-1, || match as_int(op) {
        Ok(i) => match long::as_i64(i.as_ptr()) {
            Some(v) => v,
            None => {
                *overflow = if long::is_negative(i.as_ptr()) { -1 } else { 1 };
                -1
            }
        },
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsLongLongAndOverflow(op: *mut PyObject, overflow: *mut c_int) -> c_longlong {
    PyLong_AsLongAndOverflow(op, overflow)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSsize_t(op: *mut PyObject) -> Py_ssize_t {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return -1;
    }
    catch(-1, || long::as_ssize_t(op).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsSize_t(op: *mut PyObject) -> usize {
    as_unsigned(op, "size_t", false) as usize
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLong(op: *mut PyObject) -> c_ulong {
    as_unsigned(op, "C unsigned long", false)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLong(op: *mut PyObject) -> c_ulonglong {
    as_unsigned(op, "C unsigned long long", false)
}

unsafe fn as_unsigned(op: *mut PyObject, what: &str, _mask: bool) -> u64 {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return u64::MAX;
    }
    if long::is_negative(op) {
        err::raise(exc::overflow_error(), format!("can't convert negative value to {}", if what == "size_t" { "size_t" } else { "unsigned int" }));
        return u64::MAX;
    }
    match long::as_i128(op).and_then(|v| u64::try_from(v).ok()) {
        Some(v) => v,
        None => {
            err::raise(exc::overflow_error(), format!("Python int too large to convert to {what}"));
            u64::MAX
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongMask(op: *mut PyObject) -> c_ulong {
    catch(u64::MAX, || match as_int(op) {
        Ok(i) => {
            let ds = long::digits(i.as_ptr());
            let mut acc: u64 = 0;
            for &d in ds.iter().rev() {
                acc = (acc << 30) | d as u64;
            }
            if long::is_negative(i.as_ptr()) {
                acc.wrapping_neg()
            } else {
                acc
            }
        }
        Err(_) => u64::MAX,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsUnsignedLongLongMask(op: *mut PyObject) -> c_ulonglong {
    PyLong_AsUnsignedLongMask(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsDouble(op: *mut PyObject) -> c_double {
    if op.is_null() || !long::check(op) {
        if op.is_null() {
            crate::bad_internal_call();
        } else {
            err::raise(exc::type_error(), "an integer is required");
        }
        return -1.0;
    }
    catch(-1.0, || floatobject::long_to_f64(op).unwrap_or(-1.0))
}
#[no_mangle]
pub unsafe extern "C" fn PyLong_AsVoidPtr(op: *mut PyObject) -> *mut std::ffi::c_void {
    let v = PyLong_AsUnsignedLongMask(op);
    if v == u64::MAX && !err::occurred().is_null() {
        return null_mut();
    }
    v as usize as *mut std::ffi::c_void
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Sign(op: *mut PyObject) -> c_int {
    long::sign(op)
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_NumBits(op: *mut PyObject) -> usize {
    long::bit_length(op) as usize
}

// ---- the private helpers CPython's own modules import ---------------------------------------

use crate::rt::objects::{long_arith, long_mag as mag};

/// Little- or big-endian bytes to int (CPython's _PyLong_FromByteArray).
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromByteArray(bytes: *const u8, n: usize, little_endian: c_int, is_signed: c_int) -> *mut PyObject {
    catch_obj(|| {
        let data = if n == 0 { &[][..] } else { std::slice::from_raw_parts(bytes, n) };
        let b = crate::rt::objects::bytesobject::from_slice(data)?;
        let order = str_::from_str(if little_endian != 0 { "little" } else { "big" })?;
        let signed = crate::rt::objects::boolobject::new_bool(is_signed != 0);
        let kw = crate::rt::objects::tupleobject::pack(&[str_::intern("signed")?])?;
        let f = crate::rt::protocol::object::getattr_str(long::long_type() as *mut PyObject, "from_bytes")?;
        crate::rt::protocol::call::vectorcall(f.as_ptr(), &[b.as_ptr(), order.as_ptr(), signed], kw.as_ptr())
    })
}

/// int to bytes in a caller's buffer; OverflowError if it does not fit.
#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsByteArray(v: *mut PyObject, bytes: *mut u8, n: usize, little_endian: c_int, is_signed: c_int) -> c_int {
    crate::rt::guard::catch_int(|| {
        let len = long::from_i64(n as i64);
        let order = str_::from_str(if little_endian != 0 { "little" } else { "big" })?;
        let signed = crate::rt::objects::boolobject::new_bool(is_signed != 0);
        let kw = crate::rt::objects::tupleobject::pack(&[str_::intern("signed")?])?;
        let f = crate::rt::protocol::object::getattr_str(v, "to_bytes")?;
        let r = crate::rt::protocol::call::vectorcall(f.as_ptr(), &[len.as_ptr(), order.as_ptr(), signed], kw.as_ptr())?;
        let out = crate::rt::objects::bytesobject::as_slice(r.as_ptr());
        std::ptr::copy_nonoverlapping(out.as_ptr(), bytes, n);
        Ok(())
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyLong_FromUnicodeObject(u: *mut PyObject, base: c_int) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::long_format::from_str_obj(u, base as u32))
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Copy(v: *mut PyObject) -> *mut PyObject {
    catch_obj(|| long::from_digits(long::is_negative(v), long::digits(v)))
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_New(n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        let r = long::alloc(n.max(0) as usize)?;
        long::digits_mut(r.as_ptr(), n.max(0) as usize).fill(0);
        Ok(r)
    })
}
/// Mantissa in [0.5, 1) and exponent: v = m * 2**e (CPython's _PyLong_Frexp).
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Frexp(v: *mut PyObject, e: *mut Py_ssize_t) -> f64 {
    let bits = long::bit_length(v) as i64;
    if bits == 0 {
        *e = 0;
        return 0.0;
    }
    let shift = (bits - 55).max(0) as usize;
    let (neg, m) = long_arith::unpack(v);
    let top = mag::shr(&m, shift);
    let sticky = shift > 0 && mag::shl(&top, shift) != m;
    let mut t = mag::to_u128(&top).unwrap_or(0);
    if sticky {
        t |= 1;
    }
    let x = t as f64; // rounds to 53 bits, half even
    let scaled = x / 2f64.powi((bits - shift as i64) as i32);
    let (mant, extra) = if scaled >= 1.0 { (scaled / 2.0, 1) } else { (scaled, 0) };
    *e = bits as Py_ssize_t + extra;
    if neg {
        -mant
    } else {
        mant
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Format(v: *mut PyObject, base: c_int) -> *mut PyObject {
    crate::object_extras::PyNumber_ToBase(v, base)
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsInt(v: *mut PyObject) -> c_int {
    let r = PyLong_AsLong(v);
    if r == -1 && !err::occurred().is_null() {
        return -1;
    }
    if r > c_int::MAX as c_long || r < c_int::MIN as c_long {
        err::raise(exc::overflow_error(), "Python int too large to convert to C int");
        return -1;
    }
    r as c_int
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_GCD(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let (mut x, mut y) = (long::digits(a).to_vec(), long::digits(b).to_vec());
        while !y.is_empty() {
            let r = mag::divrem(&x, &y).1;
            x = y;
            y = r;
        }
        long_arith::pack(false, x)
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Lshift(a: *mut PyObject, n: usize) -> *mut PyObject {
    let c = long::from_u64(n as u64);
    crate::abstract_::PyNumber_Lshift(a, c.as_ptr())
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_Rshift(a: *mut PyObject, n: usize) -> *mut PyObject {
    let c = long::from_u64(n as u64);
    crate::abstract_::PyNumber_Rshift(a, c.as_ptr())
}
/// (q, r) with q the nearest integer to a/b, ties to even (CPython's _PyLong_DivmodNear).
#[no_mangle]
pub unsafe extern "C" fn _PyLong_DivmodNear(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if !long::check(a) || !long::check(b) {
            return Err(err::raise(exc::type_error(), "non-integer arguments in division"));
        }
        let ((an, am), (bn, bm)) = (long_arith::unpack(a), long_arith::unpack(b));
        if bm.is_empty() {
            return Err(err::raise(exc::zero_division_error(), "integer division or modulo by zero"));
        }
        let ((qn, q), (rn, r)) = long_arith::divmod_signed(an, &am, bn, &bm);
        // Compare 2|r| with |b|; round away from the floor when past half, or at half with q odd.
        let twice = mag::add(&r, &r);
        let c = mag::cmp(&twice, &bm);
        let q_odd = q.first().map(|&d| d & 1 == 1).unwrap_or(false);
        let greater = c == std::cmp::Ordering::Greater || (c == std::cmp::Ordering::Equal && q_odd);
        let (q, r) = if greater {
            (long_arith::add_signed(qn, &q, false, &[1]), long_arith::add_signed(rn, &r, !bn, &bm))
        } else {
            ((qn, q), (rn, r))
        };
        let (q, r) = (long_arith::pack(q.0, q.1)?, long_arith::pack(r.0, r.1)?);
        crate::rt::objects::tupleobject::pack(&[q.as_ptr(), r.as_ptr()])
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_AsTime_t(v: *mut PyObject) -> libc::time_t {
    let r = PyLong_AsLongLong(v);
    if r == -1 && !err::occurred().is_null() && err::exception_matches(exc::overflow_error()) {
        err::clear();
        err::raise(exc::overflow_error(), "timestamp out of range for platform time_t");
    }
    r as libc::time_t
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromTime_t(t: libc::time_t) -> *mut PyObject {
    PyLong_FromLongLong(t as c_longlong)
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromGid(g: libc::gid_t) -> *mut PyObject {
    if g == libc::gid_t::MAX {
        return PyLong_FromLong(-1);
    }
    PyLong_FromUnsignedLong(g as c_ulong)
}
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FromUid(u: libc::uid_t) -> *mut PyObject {
    if u == libc::uid_t::MAX {
        return PyLong_FromLong(-1);
    }
    PyLong_FromUnsignedLong(u as c_ulong)
}

/// Digit values of ASCII characters for bases up to 36, 37 elsewhere (CPython's table).
#[no_mangle]
pub static _PyLong_DigitValue: [u8; 256] = {
    let mut t = [37u8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut j = 0;
    while j < 26 {
        t[b'a' as usize + j] = 10 + j as u8;
        t[b'A' as usize + j] = 10 + j as u8;
        j += 1;
    }
    t
};

macro_rules! converter {
    ($name:ident, $t:ty, $max:expr, $what:expr) => {
        /// An "O&" converter of Argument Clinic: a non-negative int of the C type.
        #[no_mangle]
        pub unsafe extern "C" fn $name(o: *mut PyObject, p: *mut std::ffi::c_void) -> c_int {
            if long::check(o) && long::is_negative(o) {
                err::raise(exc::value_error(), "value must be positive");
                return 0;
            }
            let v = PyLong_AsUnsignedLongLong(o) as u128;
            if v == u64::MAX as u128 && !err::occurred().is_null() {
                return 0;
            }
            if v > $max as u128 {
                err::raise(exc::overflow_error(), concat!("Python int too large for C ", $what));
                return 0;
            }
            *(p as *mut $t) = v as $t;
            1
        }
    };
}
converter!(_PyLong_UnsignedShort_Converter, u16, u16::MAX, "unsigned short");
converter!(_PyLong_UnsignedInt_Converter, u32, u32::MAX, "unsigned int");
converter!(_PyLong_UnsignedLong_Converter, u64, u64::MAX, "unsigned long");
converter!(_PyLong_UnsignedLongLong_Converter, u64, u64::MAX, "unsigned long long");
converter!(_PyLong_Size_t_Converter, usize, usize::MAX, "size_t");

/// An "O&" converter for file descriptors: an int, or an object with fileno().
#[no_mangle]
pub unsafe extern "C" fn _PyLong_FileDescriptor_Converter(o: *mut PyObject, p: *mut std::ffi::c_void) -> c_int {
    let fd = crate::rt::guard::catch(-1, || {
        let r = (|| -> PyResult<i64> {
            let v = if long::check(o) { Obj::from_borrowed(o) } else {
                let f = crate::rt::protocol::object::getattr_str(o, "fileno").map_err(|e| {
                    if err::exception_matches(exc::attribute_error()) {
                        err::clear();
                        err::raise(exc::type_error(), "argument must be an int, or have a fileno() method.")
                    } else {
                        e
                    }
                })?;
                let r = crate::rt::protocol::call::vectorcall(f.as_ptr(), &[], null_mut())?;
                if !long::check(r.as_ptr()) {
                    return Err(err::raise(exc::type_error(), format!("fileno() returned a non-integer")));
                }
                r
            };
            let n = long::as_c_long(v.as_ptr())?;
            if n < 0 {
                return Err(err::raise(exc::value_error(), format!("file descriptor cannot be a negative integer ({n})")));
            }
            if n > c_int::MAX as i64 {
                return Err(err::raise(exc::overflow_error(), "Python int too large to convert to C int"));
            }
            Ok(n)
        })();
        r.unwrap_or(-1)
    });
    if fd < 0 {
        return 0;
    }
    *(p as *mut c_int) = fd as c_int;
    1
}

