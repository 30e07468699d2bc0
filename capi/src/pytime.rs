//! `cpython/pytime.h`: `_PyTime_t`, a count of nanoseconds in an i64, with conversions from
//! Python numbers and to C time structures under CPython's four rounding modes, and the
//! clocks (`Python/pytime.c`). Arithmetic clamps to the i64 range; conversions that do not
//! fit raise OverflowError with CPython's messages.

use crate::rt::ffi::*;
use crate::rt::guard::catch;
use crate::rt::objects::{floatobject as float, longobject as long};
use crate::rt::{err, exc, ErrSet, PyResult};
use libc::{time_t, timespec, timeval, tm};
use std::ffi::{c_int, c_long};

#[allow(non_camel_case_types)]
pub type _PyTime_t = i64;

const ROUND_FLOOR: c_int = 0;
const ROUND_CEILING: c_int = 1;
const ROUND_HALF_EVEN: c_int = 2;

const SEC_TO_NS: i64 = 1_000_000_000;
const MS_TO_NS: i64 = 1_000_000;
const US_TO_NS: i64 = 1_000;
const SEC_TO_US: i64 = 1_000_000;

fn time_t_overflow() -> ErrSet {
    err::raise(exc::overflow_error(), "timestamp out of range for platform time_t")
}

fn pytime_overflow() -> ErrSet {
    err::raise(exc::overflow_error(), "timestamp too large to convert to C _PyTime_t")
}

fn nan_error() -> ErrSet {
    err::raise(exc::value_error(), "Invalid value NaN (not a number)")
}

/// Rounds `x` to an integral double by `round`.
fn round_double(x: f64, round: c_int) -> f64 {
    match round {
        ROUND_HALF_EVEN => {
            let r = x.round();
            if (x - r).abs() == 0.5 {
                2.0 * (x / 2.0).round()
            } else {
                r
            }
        }
        ROUND_CEILING => x.ceil(),
        ROUND_FLOOR => x.floor(),
        _ => {
            if x >= 0.0 {
                x.ceil()
            } else {
                x.floor()
            }
        }
    }
}

/// C's `_Py_InIntegralTypeRange` for a 64-bit type (the bounds as doubles).
fn in_i64_range(d: f64) -> bool {
    i64::MIN as f64 <= d && d <= i64::MAX as f64
}

/// `t / k` rounded by `round` (`k` > 1).
fn divide(t: i64, k: i64, round: c_int) -> i64 {
    let away = |t: i64| {
        let q = t / k;
        if t % k != 0 {
            if t >= 0 {
                q + 1
            } else {
                q - 1
            }
        } else {
            q
        }
    };
    match round {
        ROUND_HALF_EVEN => {
            let (mut x, r) = (t / k, t % k);
            let abs_r = r.abs();
            if abs_r > k / 2 || (abs_r == k / 2 && x.abs() & 1 == 1) {
                x += if t >= 0 { 1 } else { -1 };
            }
            x
        }
        ROUND_CEILING => {
            if t >= 0 {
                away(t)
            } else {
                t / k
            }
        }
        ROUND_FLOOR => {
            if t >= 0 {
                t / k
            } else {
                away(t)
            }
        }
        _ => away(t),
    }
}

/// Floor division with a non-negative remainder; Err when the quotient would underflow.
fn divmod(t: i64, k: i64) -> Result<(i64, i64), (i64, i64)> {
    let (q, r) = (t / k, t % k);
    if r < 0 {
        if q == i64::MIN {
            return Err((i64::MIN, 0));
        }
        return Ok((q - 1, r + k));
    }
    Ok((q, r))
}

unsafe fn long_as_i64(obj: *mut PyObject, overflow: fn() -> ErrSet) -> PyResult<i64> {
    let v = crate::longobject::PyLong_AsLongLong(obj);
    if v == -1 && !err::occurred().is_null() {
        if err::exception_matches(exc::overflow_error()) {
            err::clear();
            return Err(overflow());
        }
        return Err(ErrSet::assume_set());
    }
    Ok(v)
}

unsafe fn from_object(obj: *mut PyObject, round: c_int, unit_to_ns: i64) -> PyResult<i64> {
    if float::check(obj) {
        let d = float::value(obj);
        if d.is_nan() {
            return Err(nan_error());
        }
        let d = round_double(d * unit_to_ns as f64, round);
        if !in_i64_range(d) {
            // 3.11.7 names time_t here (and _PyTime_t for ints).
            return Err(time_t_overflow());
        }
        return Ok(d as i64);
    }
    let v = long_as_i64(obj, pytime_overflow)?;
    v.checked_mul(unit_to_ns).ok_or_else(pytime_overflow)
}

unsafe fn store(tp: *mut _PyTime_t, r: PyResult<i64>) -> c_int {
    match r {
        Ok(v) => {
            *tp = v;
            0
        }
        Err(_) => -1,
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_FromSecondsObject(tp: *mut _PyTime_t, obj: *mut PyObject, round: c_int) -> c_int {
    catch(-1, || store(tp, from_object(obj, round, SEC_TO_NS)))
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_FromMillisecondsObject(tp: *mut _PyTime_t, obj: *mut PyObject, round: c_int) -> c_int {
    catch(-1, || store(tp, from_object(obj, round, MS_TO_NS)))
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_FromNanosecondsObject(tp: *mut _PyTime_t, obj: *mut PyObject) -> c_int {
    catch(-1, || {
        if !long::check(obj) {
            let name = crate::rt::objects::typeobject::full_name(crate::rt::object::type_of(obj));
            return store(tp, Err(err::raise(exc::type_error(), format!("expect int, got {name}"))));
        }
        store(tp, long_as_i64(obj, pytime_overflow))
    })
}

#[no_mangle]
pub extern "C" fn _PyTime_FromSeconds(seconds: c_int) -> _PyTime_t {
    seconds as i64 * SEC_TO_NS
}

#[no_mangle]
pub extern "C" fn _PyTime_FromNanoseconds(ns: _PyTime_t) -> _PyTime_t {
    ns
}

#[no_mangle]
pub extern "C" fn _PyTime_AsNanoseconds(t: _PyTime_t) -> _PyTime_t {
    t
}

#[no_mangle]
pub extern "C" fn _PyTime_AsSecondsDouble(t: _PyTime_t) -> f64 {
    // Whole seconds divide exactly in integers (1e-9 is not exact in binary).
    if t % SEC_TO_NS == 0 {
        (t / SEC_TO_NS) as f64
    } else {
        t as f64 / 1e9
    }
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsNanosecondsObject(t: _PyTime_t) -> *mut PyObject {
    crate::longobject::PyLong_FromLongLong(t)
}

#[no_mangle]
pub extern "C" fn _PyTime_AsMicroseconds(t: _PyTime_t, round: c_int) -> _PyTime_t {
    divide(t, US_TO_NS, round)
}

#[no_mangle]
pub extern "C" fn _PyTime_AsMilliseconds(t: _PyTime_t, round: c_int) -> _PyTime_t {
    divide(t, MS_TO_NS, round)
}

/// Seconds and microseconds (0..1e6); Err with the clamped pair on overflow.
fn as_timeval_parts(t: i64, round: c_int) -> Result<(i64, i64), (i64, i64)> {
    divmod(divide(t, US_TO_NS, round), SEC_TO_US)
}

unsafe fn as_timeval(t: i64, tv: *mut timeval, round: c_int, raise: bool) -> c_int {
    let (ok, (sec, usec)) = match as_timeval_parts(t, round) {
        Ok(p) => (true, p),
        Err(p) => (false, p),
    };
    (*tv).tv_sec = sec as time_t;
    (*tv).tv_usec = usec as _;
    if raise && !ok {
        time_t_overflow();
        return -1;
    }
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsTimeval(t: _PyTime_t, tv: *mut timeval, round: c_int) -> c_int {
    as_timeval(t, tv, round, true)
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsTimeval_clamp(t: _PyTime_t, tv: *mut timeval, round: c_int) {
    as_timeval(t, tv, round, false);
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsTimevalTime_t(t: _PyTime_t, p_secs: *mut time_t, us: *mut c_int, round: c_int) -> c_int {
    let (ok, (sec, usec)) = match as_timeval_parts(t, round) {
        Ok(p) => (true, p),
        Err(p) => (false, p),
    };
    *us = usec as c_int;
    if !ok {
        time_t_overflow();
        return -1;
    }
    *p_secs = sec as time_t;
    0
}

unsafe fn as_timespec(t: i64, ts: *mut timespec, raise: bool) -> c_int {
    let (ok, (sec, nsec)) = match divmod(t, SEC_TO_NS) {
        Ok(p) => (true, p),
        Err(p) => (false, p),
    };
    (*ts).tv_sec = sec as time_t;
    (*ts).tv_nsec = nsec as _;
    if raise && !ok {
        time_t_overflow();
        return -1;
    }
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsTimespec(t: _PyTime_t, ts: *mut timespec) -> c_int {
    as_timespec(t, ts, true)
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_AsTimespec_clamp(t: _PyTime_t, ts: *mut timespec) {
    as_timespec(t, ts, false);
}

unsafe fn long_as_time_t(obj: *mut PyObject) -> PyResult<time_t> {
    long_as_i64(obj, time_t_overflow).map(|v| v as time_t)
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_ObjectToTime_t(obj: *mut PyObject, sec: *mut time_t, round: c_int) -> c_int {
    catch(-1, || {
        let r = if float::check(obj) {
            let d = float::value(obj);
            if d.is_nan() {
                Err(nan_error())
            } else {
                let d = round_double(d, round).trunc();
                if in_i64_range(d) {
                    Ok(d as time_t)
                } else {
                    Err(time_t_overflow())
                }
            }
        } else {
            // As CPython, an int that does not convert leaves -1 behind.
            long_as_time_t(obj).inspect_err(|_| *sec = -1)
        };
        match r {
            Ok(v) => {
                *sec = v;
                0
            }
            Err(_) => -1,
        }
    })
}

/// Seconds and a fraction in 1/`denominator` units (0 <= numerator < denominator).
unsafe fn object_to_denominator(obj: *mut PyObject, sec: *mut time_t, numerator: *mut c_long, denominator: i64, round: c_int) -> c_int {
    catch(-1, || {
        if float::check(obj) {
            let d = float::value(obj);
            if d.is_nan() {
                *numerator = 0;
                nan_error();
                return -1;
            }
            let mut intpart = d.trunc();
            let mut floatpart = round_double((d - intpart) * denominator as f64, round);
            if floatpart >= denominator as f64 {
                floatpart -= denominator as f64;
                intpart += 1.0;
            } else if floatpart < 0.0 {
                floatpart += denominator as f64;
                intpart -= 1.0;
            }
            if !in_i64_range(intpart) {
                time_t_overflow();
                return -1;
            }
            *sec = intpart as time_t;
            *numerator = floatpart as c_long;
            0
        } else {
            *numerator = 0;
            match long_as_time_t(obj) {
                Ok(v) => {
                    *sec = v;
                    0
                }
                Err(_) => {
                    *sec = -1;
                    -1
                }
            }
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_ObjectToTimespec(obj: *mut PyObject, sec: *mut time_t, nsec: *mut c_long, round: c_int) -> c_int {
    object_to_denominator(obj, sec, nsec, SEC_TO_NS, round)
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_ObjectToTimeval(obj: *mut PyObject, sec: *mut time_t, usec: *mut c_long, round: c_int) -> c_int {
    object_to_denominator(obj, sec, usec, SEC_TO_US, round)
}

fn clock(id: libc::clockid_t) -> i64 {
    let mut ts = timespec { tv_sec: 0, tv_nsec: 0 };
    // Safety: a valid out pointer; the clocks used exist on Linux.
    if unsafe { libc::clock_gettime(id, &mut ts) } != 0 {
        return 0;
    }
    (ts.tv_sec as i64).saturating_mul(SEC_TO_NS).saturating_add(ts.tv_nsec as i64)
}

#[no_mangle]
pub extern "C" fn _PyTime_GetSystemClock() -> _PyTime_t {
    clock(libc::CLOCK_REALTIME)
}

#[no_mangle]
pub extern "C" fn _PyTime_GetMonotonicClock() -> _PyTime_t {
    clock(libc::CLOCK_MONOTONIC)
}

#[no_mangle]
pub extern "C" fn _PyTime_GetPerfCounter() -> _PyTime_t {
    clock(libc::CLOCK_MONOTONIC)
}

#[no_mangle]
pub extern "C" fn _PyDeadline_Init(timeout: _PyTime_t) -> _PyTime_t {
    _PyTime_GetMonotonicClock().saturating_add(timeout)
}

#[no_mangle]
pub extern "C" fn _PyDeadline_Get(deadline: _PyTime_t) -> _PyTime_t {
    deadline.wrapping_sub(_PyTime_GetMonotonicClock())
}

unsafe fn oserror_from_errno() -> c_int {
    if *libc::__errno_location() == 0 {
        *libc::__errno_location() = libc::EINVAL;
    }
    crate::errors::PyErr_SetFromErrno(exc::os_error());
    -1
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_localtime(t: time_t, out: *mut tm) -> c_int {
    *libc::__errno_location() = 0;
    if libc::localtime_r(&t, out).is_null() {
        return oserror_from_errno();
    }
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyTime_gmtime(t: time_t, out: *mut tm) -> c_int {
    if libc::gmtime_r(&t, out).is_null() {
        return oserror_from_errno();
    }
    0
}
