//! `int` arithmetic and comparison. Word-sized operands take an i128 fast path; the digit
//! algorithms for larger values are not written yet and raise NotImplementedError.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::longobject::{self as long, check};
use crate::objects::{boolobject, noneobject};
use std::cmp::Ordering;
use std::ffi::c_int;

pub static mut LONG_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(long_add),
    nb_subtract: Some(long_sub),
    nb_multiply: Some(long_mul),
    nb_negative: Some(long_neg),
    nb_positive: Some(long_pos),
    nb_absolute: Some(long_abs),
    nb_bool: Some(long_bool),
    nb_int: Some(long_pos),
    nb_index: Some(long_pos),
    ..PyNumberMethods::EMPTY
};

/// Compares magnitudes and signs digit by digit: works for any size.
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject) -> Ordering {
    let (sa, sb) = (size_of_var(a), size_of_var(b));
    if sa != sb {
        return sa.cmp(&sb);
    }
    let (da, db) = (long::digits(a), long::digits(b));
    let mag = da.iter().rev().cmp(db.iter().rev());
    if sa < 0 {
        mag.reverse()
    } else {
        mag
    }
}

pub unsafe extern "C" fn long_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let ord = compare(a, b);
    boolobject::new_bool(crate::protocol::object::ordering_matches(ord, op))
}

unsafe fn binary(a: *mut PyObject, b: *mut PyObject, what: &str, f: fn(i128, i128) -> Option<i128>) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let r = (|| -> PyResult<Obj> {
        match (long::as_i128(a), long::as_i128(b)) {
            (Some(x), Some(y)) => match f(x, y) {
                Some(v) => long::from_i128(v),
                None => Err(too_big(what)),
            },
            _ => Err(too_big(what)),
        }
    })();
    crate::guard::ret_obj(r)
}

fn too_big(what: &str) -> crate::err::ErrSet {
    raise(exc::not_implemented_error(), format!("Ferric: int {what} beyond 120 bits is not implemented yet"))
}

unsafe extern "C" fn long_add(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binary(a, b, "addition", i128::checked_add)
}

unsafe extern "C" fn long_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binary(a, b, "subtraction", i128::checked_sub)
}

unsafe extern "C" fn long_mul(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    binary(a, b, "multiplication", i128::checked_mul)
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
