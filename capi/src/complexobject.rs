//! complexobject.h: complex numbers from C, and the `_Py_c_*` arithmetic that sets `errno`
//! as CPython's does (EDOM for division by zero and zero to a negative power, ERANGE when
//! `abs` overflows).

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_obj};
use crate::rt::objects::complexobject::{self as complex, Errno};
use crate::rt::objects::floatobject as float;
use std::ffi::c_double;

unsafe fn set_errno(v: i32) {
    *libc::__errno_location() = v;
}

#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromCComplex(c: Py_complex) -> *mut PyObject {
    catch_obj(|| complex::from_c(c))
}

#[no_mangle]
pub unsafe extern "C" fn PyComplex_FromDoubles(real: c_double, imag: c_double) -> *mut PyObject {
    catch_obj(|| complex::from_parts(real, imag))
}

/// The real part of a complex; anything else is converted as `float()` would.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_RealAsDouble(op: *mut PyObject) -> c_double {
    if op.is_null() {
        crate::bad_internal_call();
        return -1.0;
    }
    if complex::check(op) {
        return complex::real(op);
    }
    catch(-1.0, || float::as_f64(op).unwrap_or(-1.0))
}

/// The imaginary part of a complex; 0.0 for anything else (as CPython 3.11).
#[no_mangle]
pub unsafe extern "C" fn PyComplex_ImagAsDouble(op: *mut PyObject) -> c_double {
    if !op.is_null() && complex::check(op) {
        complex::imag(op)
    } else {
        0.0
    }
}

/// -1.0 + 0j with an exception set on failure.
#[no_mangle]
pub unsafe extern "C" fn PyComplex_AsCComplex(op: *mut PyObject) -> Py_complex {
    let failed = Py_complex { real: -1.0, imag: 0.0 };
    if op.is_null() {
        crate::bad_internal_call();
        return failed;
    }
    catch(failed, || complex::as_c_complex(op).unwrap_or(failed))
}

#[no_mangle]
pub extern "C" fn _Py_c_sum(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_sum(a, b)
}

#[no_mangle]
pub extern "C" fn _Py_c_diff(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_diff(a, b)
}

#[no_mangle]
pub extern "C" fn _Py_c_neg(a: Py_complex) -> Py_complex {
    Py_complex { real: -a.real, imag: -a.imag }
}

#[no_mangle]
pub extern "C" fn _Py_c_prod(a: Py_complex, b: Py_complex) -> Py_complex {
    complex::c_prod(a, b)
}

#[no_mangle]
pub unsafe extern "C" fn _Py_c_quot(a: Py_complex, b: Py_complex) -> Py_complex {
    let mut e = Errno::Ok;
    let r = complex::c_quot(a, b, &mut e);
    if e == Errno::Dom {
        set_errno(libc::EDOM);
    }
    r
}

#[no_mangle]
pub unsafe extern "C" fn _Py_c_pow(a: Py_complex, b: Py_complex) -> Py_complex {
    let mut e = Errno::Ok;
    let r = complex::c_pow(a, b, &mut e);
    if e == Errno::Dom {
        set_errno(libc::EDOM);
    }
    r
}

#[no_mangle]
pub unsafe extern "C" fn _Py_c_abs(z: Py_complex) -> c_double {
    match complex::c_abs(z) {
        Some(v) => v,
        None => {
            set_errno(libc::ERANGE);
            f64::INFINITY
        }
    }
}
