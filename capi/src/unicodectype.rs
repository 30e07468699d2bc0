//! The character properties of Objects/unicodectype.c (`_PyUnicode_Is*`, `_PyUnicode_To*`),
//! which the Py_UNICODE_IS*/TO* macros call, answered from the runtime's Unicode database.

use crate::rt::objects::unicode_db as db;
use std::ffi::c_int;

fn has(ch: u32, flag: u16) -> c_int {
    (db::props(ch) & flag != 0) as c_int
}

#[no_mangle]
pub extern "C" fn _PyUnicode_IsAlpha(ch: u32) -> c_int {
    has(ch, db::ALPHA)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsDecimalDigit(ch: u32) -> c_int {
    has(ch, db::DECIMAL)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsDigit(ch: u32) -> c_int {
    has(ch, db::DIGIT)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsNumeric(ch: u32) -> c_int {
    has(ch, db::NUMERIC)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsLowercase(ch: u32) -> c_int {
    has(ch, db::LOWER)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsUppercase(ch: u32) -> c_int {
    has(ch, db::UPPER)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsTitlecase(ch: u32) -> c_int {
    has(ch, db::TITLE)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsWhitespace(ch: u32) -> c_int {
    has(ch, db::SPACE)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsLinebreak(ch: u32) -> c_int {
    has(ch, db::LINEBREAK)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_IsPrintable(ch: u32) -> c_int {
    char::from_u32(ch).map(db::is_printable).unwrap_or(false) as c_int
}
#[no_mangle]
pub extern "C" fn _PyUnicode_ToDecimalDigit(ch: u32) -> c_int {
    char::from_u32(ch).and_then(db::decimal_value).map(|d| d as c_int).unwrap_or(-1)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_ToDigit(ch: u32) -> c_int {
    db::digit_value(ch).map(|d| d as c_int).unwrap_or(-1)
}
#[no_mangle]
pub extern "C" fn _PyUnicode_ToNumeric(ch: u32) -> f64 {
    db::numeric_value(ch).unwrap_or(-1.0)
}
