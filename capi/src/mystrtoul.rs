//! `PyOS_strtoul`/`PyOS_strtol` (`Python/mystrtoul.c`): C's strtoul without the locale,
//! accepting the `0b`/`0o`/`0x` prefixes; overflow sets `errno` to ERANGE and returns the
//! limit (all digits consumed), as CPython.

use crate::longobject::_PyLong_DigitValue;
use std::ffi::{c_char, c_int, c_long, c_ulong};

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

unsafe fn digit(p: *const u8) -> u32 {
    _PyLong_DigitValue[*p as usize] as u32
}

unsafe fn set_end(ptr: *mut *mut c_char, p: *const u8) {
    if !ptr.is_null() {
        *ptr = p as *mut c_char;
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyOS_strtoul(s: *const c_char, ptr: *mut *mut c_char, mut base: c_int) -> c_ulong {
    let mut p = s as *const u8;
    while *p != 0 && is_space(*p) {
        p = p.add(1);
    }
    // A prefix must be followed by a digit of its base; else parsing stops after the 0.
    let prefix = |p: &mut *const u8, letter: u8, radix: u32| -> Option<bool> {
        if (**p | 0x20) == letter {
            if digit(p.add(1)) >= radix {
                return Some(false);
            }
            *p = p.add(1);
            return Some(true);
        }
        None
    };
    match base {
        0 => {
            if *p == b'0' {
                p = p.add(1);
                let found = [(b'x', 16), (b'o', 8), (b'b', 2)].into_iter().find_map(|(l, r)| prefix(&mut p, l, r as u32).map(|ok| (ok, r)));
                match found {
                    Some((false, _)) => {
                        set_end(ptr, p);
                        return 0;
                    }
                    Some((true, r)) => base = r,
                    None => {
                        while *p == b'0' {
                            p = p.add(1);
                        }
                        while is_space(*p) {
                            p = p.add(1);
                        }
                        set_end(ptr, p);
                        return 0;
                    }
                }
            } else {
                base = 10;
            }
        }
        16 | 8 | 2 => {
            if *p == b'0' {
                p = p.add(1);
                let letter = match base {
                    16 => b'x',
                    8 => b'o',
                    _ => b'b',
                };
                if prefix(&mut p, letter, base as u32) == Some(false) {
                    set_end(ptr, p);
                    return 0;
                }
            }
        }
        _ => {}
    }
    if !(2..=36).contains(&base) {
        set_end(ptr, p);
        return 0;
    }
    while *p == b'0' {
        p = p.add(1);
    }
    let mut result: c_ulong = 0;
    let mut overflow = false;
    while digit(p) < base as u32 {
        if !overflow {
            match result.checked_mul(base as c_ulong).and_then(|r| r.checked_add(digit(p) as c_ulong)) {
                Some(r) => result = r,
                None => overflow = true,
            }
        }
        p = p.add(1);
    }
    set_end(ptr, p);
    if overflow {
        *libc::__errno_location() = libc::ERANGE;
        return c_ulong::MAX;
    }
    result
}

#[no_mangle]
pub unsafe extern "C" fn PyOS_strtol(s: *const c_char, ptr: *mut *mut c_char, base: c_int) -> c_long {
    let mut p = s as *const u8;
    while *p != 0 && is_space(*p) {
        p = p.add(1);
    }
    let sign = *p;
    if sign == b'+' || sign == b'-' {
        p = p.add(1);
    }
    let u = PyOS_strtoul(p as *const c_char, ptr, base);
    if u <= c_long::MAX as c_ulong {
        let r = u as c_long;
        if sign == b'-' {
            -r
        } else {
            r
        }
    } else if sign == b'-' && u == c_long::MIN.unsigned_abs() {
        c_long::MIN
    } else {
        *libc::__errno_location() = libc::ERANGE;
        c_long::MAX
    }
}
