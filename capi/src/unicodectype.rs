//! The character properties of Objects/unicodectype.c (`_PyUnicode_Is*`, `_PyUnicode_To*`),
//! which the Py_UNICODE_IS*/TO* macros call, answered from the runtime's Unicode database.

use crate::rt::objects::unicode_db as db;
use std::ffi::c_int;

/// `extern "C" fn name(ch) -> int`: whether the character has the database flag.
macro_rules! flag_fns {
    ($($name:ident => $flag:ident,)*) => {$(
        #[no_mangle]
        pub extern "C" fn $name(ch: u32) -> c_int {
            (db::props(ch) & db::$flag != 0) as c_int
        }
    )*};
}

flag_fns! {
    _PyUnicode_IsAlpha => ALPHA,
    _PyUnicode_IsDecimalDigit => DECIMAL,
    _PyUnicode_IsDigit => DIGIT,
    _PyUnicode_IsNumeric => NUMERIC,
    _PyUnicode_IsLowercase => LOWER,
    _PyUnicode_IsUppercase => UPPER,
    _PyUnicode_IsTitlecase => TITLE,
    _PyUnicode_IsWhitespace => SPACE,
    _PyUnicode_IsLinebreak => LINEBREAK,
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
