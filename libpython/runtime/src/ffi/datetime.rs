//! Twins of datetime.h (not included by Python.h; `_datetime` and its clients use it).
use super::object::*;
use std::ffi::{c_char, c_int, c_uchar};

pub const _PyDateTime_DATE_DATASIZE: usize = 4;
pub const _PyDateTime_TIME_DATASIZE: usize = 6;
pub const _PyDateTime_DATETIME_DATASIZE: usize = 10;

#[repr(C)]
pub struct PyDateTime_Delta {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub days: c_int,
    pub seconds: c_int,
    pub microseconds: c_int,
}

#[repr(C)]
pub struct PyDateTime_TZInfo {
    pub ob_base: PyObject,
}

#[repr(C)]
pub struct _PyDateTime_BaseTZInfo {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
}

#[repr(C)]
pub struct _PyDateTime_BaseTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; _PyDateTime_TIME_DATASIZE],
}

#[repr(C)]
pub struct PyDateTime_Time {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; _PyDateTime_TIME_DATASIZE],
    pub fold: c_uchar,
    pub tzinfo: *mut PyObject,
}

#[repr(C)]
pub struct PyDateTime_Date {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; _PyDateTime_DATE_DATASIZE],
}

#[repr(C)]
pub struct _PyDateTime_BaseDateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; _PyDateTime_DATETIME_DATASIZE],
}

#[repr(C)]
pub struct PyDateTime_DateTime {
    pub ob_base: PyObject,
    pub hashcode: Py_hash_t,
    pub hastzinfo: c_char,
    pub data: [c_uchar; _PyDateTime_DATETIME_DATASIZE],
    pub fold: c_uchar,
    pub tzinfo: *mut PyObject,
}

type TypeP = *mut PyTypeObject;
type Obj = *mut PyObject;

#[repr(C)]
pub struct PyDateTime_CAPI {
    pub DateType: TypeP,
    pub DateTimeType: TypeP,
    pub TimeType: TypeP,
    pub DeltaType: TypeP,
    pub TZInfoType: TypeP,
    pub TimeZone_UTC: Obj,
    pub Date_FromDate: Option<unsafe extern "C" fn(c_int, c_int, c_int, TypeP) -> Obj>,
    pub DateTime_FromDateAndTime: Option<unsafe extern "C" fn(c_int, c_int, c_int, c_int, c_int, c_int, c_int, Obj, TypeP) -> Obj>,
    pub Time_FromTime: Option<unsafe extern "C" fn(c_int, c_int, c_int, c_int, Obj, TypeP) -> Obj>,
    pub Delta_FromDelta: Option<unsafe extern "C" fn(c_int, c_int, c_int, c_int, TypeP) -> Obj>,
    pub TimeZone_FromTimeZone: Option<unsafe extern "C" fn(Obj, Obj) -> Obj>,
    pub DateTime_FromTimestamp: Option<unsafe extern "C" fn(Obj, Obj, Obj) -> Obj>,
    pub Date_FromTimestamp: Option<unsafe extern "C" fn(Obj, Obj) -> Obj>,
    pub DateTime_FromDateAndTimeAndFold: Option<unsafe extern "C" fn(c_int, c_int, c_int, c_int, c_int, c_int, c_int, Obj, c_int, TypeP) -> Obj>,
    pub Time_FromTimeAndFold: Option<unsafe extern "C" fn(c_int, c_int, c_int, c_int, Obj, c_int, TypeP) -> Obj>,
}
