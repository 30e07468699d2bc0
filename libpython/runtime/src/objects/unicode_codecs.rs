//! Decoders beyond the three `str` knows itself (those are in `unicode_methods.rs`): UTF-16,
//! UTF-32 and raw-unicode-escape, with CPython's error positions and reasons, and the
//! stateful UTF-8 decoder that stops before an incomplete final sequence.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::object::Obj;
use crate::objects::exceptions::unicode_decode_error;
use crate::objects::unicode_methods as meth;

/// The built-in decode error handlers for `data[start..end]` (CPython looks them up in the
/// codec registry; these are the ones registered at startup that make sense for decoding).
pub fn on_decode_error(
    errors: &str,
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    out: &mut Vec<u32>,
) -> PyResult<()> {
    match errors {
        "strict" => Err(unicode_decode_error(encoding, data, start, end, reason)),
        "ignore" => Ok(()),
        "replace" => {
            out.push(0xfffd);
            Ok(())
        }
        "backslashreplace" => {
            for &x in &data[start..end] {
                out.extend(format!("\\x{x:02x}").bytes().map(u32::from));
            }
            Ok(())
        }
        // Only bytes that are not ASCII can be smuggled as lone surrogates.
        "surrogateescape" if data[start..end].iter().all(|&x| x >= 0x80) => {
            out.extend(data[start..end].iter().map(|&x| 0xdc00 + x as u32));
            Ok(())
        }
        "surrogateescape" => Err(unicode_decode_error(encoding, data, start, end, reason)),
        _ => Err(raise(exc::lookup_error(), format!("unknown error handler name '{errors}'"))),
    }
}

/// Resolves the byte order: `bo` -1 little, 1 big, 0 from a leading BOM (skipped), else
/// little (the native order here). Returns the order and where the data starts.
fn byte_order(data: &[u8], bo: i32, width: usize) -> (i32, usize) {
    if bo != 0 || data.len() < width {
        return (bo, 0);
    }
    let le_bom: &[u8] = if width == 2 { &[0xff, 0xfe] } else { &[0xff, 0xfe, 0, 0] };
    let be_bom: &[u8] = if width == 2 { &[0xfe, 0xff] } else { &[0, 0, 0xfe, 0xff] };
    if data.starts_with(le_bom) {
        (-1, width)
    } else if data.starts_with(be_bom) {
        (1, width)
    } else {
        (0, 0)
    }
}

/// Bytes after the last whole code unit: kept for the next call when `stateful`, else
/// "truncated data". Returns the bytes consumed.
fn leftover(errors: &str, encoding: &str, data: &[u8], q: usize, stateful: bool, out: &mut Vec<u32>) -> PyResult<usize> {
    if q == data.len() || stateful {
        return Ok(q);
    }
    on_decode_error(errors, encoding, data, q, data.len(), "truncated data", out)?;
    Ok(data.len())
}

/// What a decoder gives back: the str, the byte order it settled on, and the bytes consumed.
pub struct Decoded {
    pub text: Obj,
    pub byteorder: i32,
    pub consumed: usize,
}

/// CPython's PyUnicode_DecodeUTF16Stateful. `stateful`: stop before incomplete input.
pub unsafe fn decode_utf16(data: &[u8], errors: &str, bo: i32, stateful: bool) -> PyResult<Decoded> {
    let (bo, mut q) = byte_order(data, bo, 2);
    let encoding = if bo <= 0 { "utf-16-le" } else { "utf-16-be" };
    let unit = |i: usize| if bo <= 0 { u16::from_le_bytes([data[i], data[i + 1]]) } else { u16::from_be_bytes([data[i], data[i + 1]]) } as u32;
    let mut out = Vec::with_capacity(data.len() / 2);
    let e = data.len();
    while e - q >= 2 {
        let ch = unit(q);
        if !(0xd800..0xe000).contains(&ch) {
            out.push(ch);
            q += 2;
        } else if ch >= 0xdc00 {
            on_decode_error(errors, encoding, data, q, q + 2, "illegal encoding", &mut out)?;
            q += 2;
        } else if e - q < 4 {
            if stateful {
                break;
            }
            on_decode_error(errors, encoding, data, q, e, "unexpected end of data", &mut out)?;
            q = e;
        } else if (0xdc00..0xe000).contains(&unit(q + 2)) {
            out.push(0x10000 + ((ch - 0xd800) << 10) + (unit(q + 2) - 0xdc00));
            q += 4;
        } else {
            // The high surrogate alone is bad; what follows it is decoded afresh.
            on_decode_error(errors, encoding, data, q, q + 2, "illegal UTF-16 surrogate", &mut out)?;
            q += 2;
        }
    }
    let q = leftover(errors, encoding, data, q, stateful, &mut out)?;
    Ok(Decoded { text: meth::mk(&out)?, byteorder: bo, consumed: q })
}

/// CPython's PyUnicode_DecodeUTF32Stateful.
pub unsafe fn decode_utf32(data: &[u8], errors: &str, bo: i32, stateful: bool) -> PyResult<Decoded> {
    let (bo, mut q) = byte_order(data, bo, 4);
    let encoding = if bo <= 0 { "utf-32-le" } else { "utf-32-be" };
    let mut out = Vec::with_capacity(data.len() / 4);
    let e = data.len();
    while e - q >= 4 {
        let b = [data[q], data[q + 1], data[q + 2], data[q + 3]];
        let ch = if bo <= 0 { u32::from_le_bytes(b) } else { u32::from_be_bytes(b) };
        if (0xd800..0xe000).contains(&ch) {
            let reason = "code point in surrogate code point range(0xd800, 0xe000)";
            on_decode_error(errors, encoding, data, q, q + 4, reason, &mut out)?;
        } else if ch >= 0x110000 {
            on_decode_error(errors, encoding, data, q, q + 4, "code point not in range(0x110000)", &mut out)?;
        } else {
            out.push(ch);
        }
        q += 4;
    }
    let q = leftover(errors, encoding, data, q, stateful, &mut out)?;
    Ok(Decoded { text: meth::mk(&out)?, byteorder: bo, consumed: q })
}

/// CPython's raw-unicode-escape decoder: `\uXXXX` and `\UXXXXXXXX` are escapes, every other
/// byte (a backslash and what follows it included) is a Latin-1 character.
pub unsafe fn decode_raw_unicode_escape(data: &[u8], errors: &str) -> PyResult<Obj> {
    let encoding = "rawunicodeescape";
    let mut out = Vec::with_capacity(data.len());
    let mut s = 0;
    let e = data.len();
    while s < e {
        let c = data[s];
        s += 1;
        if c != b'\\' || s >= e {
            out.push(c as u32);
            continue;
        }
        let start = s - 1;
        let c = data[s];
        s += 1;
        let (count, message) = match c {
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            _ => {
                out.extend([b'\\' as u32, c as u32]);
                continue;
            }
        };
        let mut ch: u32 = 0;
        let mut digits = 0;
        while digits < count && s < e {
            let Some(d) = (data[s] as char).to_digit(16) else { break };
            ch = (ch << 4) | d;
            s += 1;
            digits += 1;
        }
        if digits < count {
            on_decode_error(errors, encoding, data, start, s, message, &mut out)?;
        } else if ch > 0x10ffff {
            on_decode_error(errors, encoding, data, start, s, "\\Uxxxxxxxx out of range", &mut out)?;
        } else {
            out.push(ch);
        }
    }
    meth::mk(&out)
}

/// How many bytes at the end of `data` start a UTF-8 sequence that is valid so far but
/// incomplete (what a stateful decoder keeps for the next call).
pub fn utf8_incomplete_tail(data: &[u8]) -> usize {
    for back in 1..=3.min(data.len()) {
        let lead = data[data.len() - back];
        if lead & 0xc0 == 0x80 {
            continue;
        }
        let need = match lead {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => return 0,
        };
        let tail = &data[data.len() - back..];
        let prefix_ok = matches!(std::str::from_utf8(tail), Err(e) if e.valid_up_to() == 0 && e.error_len().is_none());
        return if need > back && prefix_ok { back } else { 0 };
    }
    0
}
