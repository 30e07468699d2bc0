//! `pyctype.h`: locale-independent character classes for bytes (ASCII only; bytes from 128 on
//! are in no class and map to themselves), and the small character tables CPython exports
//! beside them (`Py_hexdigits`, `_Py_ascii_whitespace`), plus `PyOS_mystrnicmp`/`mystricmp`.

use std::ffi::{c_char, c_int, c_uint};

const LOWER: c_uint = 0x01;
const UPPER: c_uint = 0x02;
const DIGIT: c_uint = 0x04;
const SPACE: c_uint = 0x08;
const XDIGIT: c_uint = 0x10;

const fn ctype_table() -> [c_uint; 256] {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        let mut f = 0;
        if b.is_ascii_lowercase() {
            f |= LOWER;
        }
        if b.is_ascii_uppercase() {
            f |= UPPER;
        }
        if b.is_ascii_digit() {
            f |= DIGIT;
        }
        // C's isspace: space, \t \n \v \f \r.
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            f |= SPACE;
        }
        if b.is_ascii_hexdigit() {
            f |= XDIGIT;
        }
        t[c] = f;
        c += 1;
    }
    t
}

const fn case_table(upper: bool) -> [u8; 256] {
    let mut t = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
        c += 1;
    }
    t
}

#[no_mangle]
pub static _Py_ctype_table: [c_uint; 256] = ctype_table();
#[no_mangle]
pub static _Py_ctype_tolower: [u8; 256] = case_table(false);
#[no_mangle]
pub static _Py_ctype_toupper: [u8; 256] = case_table(true);

/// `str.split()`'s whitespace among the ASCII characters (the C0 separators count).
#[no_mangle]
pub static _Py_ascii_whitespace: [u8; 128] = {
    let mut t = [0; 128];
    let mut c = 0;
    while c < 128 {
        t[c] = matches!(c, 0x09..=0x0d | 0x1c..=0x20) as u8;
        c += 1;
    }
    t
};

/// A pointer variable in CPython (`const char *Py_hexdigits`), so extensions load it first.
#[repr(transparent)]
pub struct CStrPtr(pub *const c_char);
// Safety: points at immutable static bytes.
unsafe impl Sync for CStrPtr {}

#[no_mangle]
pub static Py_hexdigits: CStrPtr = CStrPtr(c"0123456789abcdef".as_ptr());

/// Case-insensitive comparison of at most `size` bytes (C's `tolower`, as CPython uses).
#[no_mangle]
pub unsafe extern "C" fn PyOS_mystrnicmp(s1: *const c_char, s2: *const c_char, size: isize) -> c_int {
    if size == 0 {
        return 0;
    }
    let (mut p1, mut p2) = (s1 as *const u8, s2 as *const u8);
    let mut left = size;
    loop {
        left -= 1;
        if !(left > 0 && *p1 != 0 && *p2 != 0 && libc::tolower(*p1 as c_int) == libc::tolower(*p2 as c_int)) {
            break;
        }
        p1 = p1.add(1);
        p2 = p2.add(1);
    }
    libc::tolower(*p1 as c_int) - libc::tolower(*p2 as c_int)
}

#[no_mangle]
pub unsafe extern "C" fn PyOS_mystricmp(s1: *const c_char, s2: *const c_char) -> c_int {
    let (mut p1, mut p2) = (s1 as *const u8, s2 as *const u8);
    while *p1 != 0 && *p2 != 0 && libc::tolower(*p1 as c_int) == libc::tolower(*p2 as c_int) {
        p1 = p1.add(1);
        p2 = p2.add(1);
    }
    libc::tolower(*p1 as c_int) - libc::tolower(*p2 as c_int)
}
