//! `PyStr`: a Python `str` value as the compiler holds it. Python strings may hold lone
//! surrogates (`"\ud800"`), which Rust's `String` cannot, so the text is kept as its
//! `encode('utf-8', 'surrogatepass')` bytes: UTF-8 in which each surrogate code point is its
//! own 3-byte sequence. That is also the form marshal writes.

use std::fmt;

#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyStr {
    bytes: Vec<u8>,
}

impl PyStr {
    pub fn new() -> Self {
        PyStr { bytes: Vec::new() }
    }

    /// Appends one code point (0..=0x10FFFF, surrogates included).
    pub fn push(&mut self, cp: u32) {
        debug_assert!(cp <= 0x10FFFF);
        match cp {
            0..=0x7F => self.bytes.push(cp as u8),
            0x80..=0x7FF => {
                self.bytes.push(0xC0 | (cp >> 6) as u8);
                self.bytes.push(0x80 | (cp & 0x3F) as u8);
            }
            0x800..=0xFFFF => {
                self.bytes.push(0xE0 | (cp >> 12) as u8);
                self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                self.bytes.push(0x80 | (cp & 0x3F) as u8);
            }
            _ => {
                self.bytes.push(0xF0 | (cp >> 18) as u8);
                self.bytes.push(0x80 | ((cp >> 12) & 0x3F) as u8);
                self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                self.bytes.push(0x80 | (cp & 0x3F) as u8);
            }
        }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push_pystr(&mut self, s: &PyStr) {
        self.bytes.extend_from_slice(&s.bytes);
    }

    /// The `utf-8`/`surrogatepass` encoding of the string.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, if it holds no surrogates.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    pub fn to_string_lossy(&self) -> String {
        self.code_points().map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect()
    }

    pub fn is_ascii(&self) -> bool {
        self.bytes.is_ascii()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The number of code points: Python's `len()`.
    pub fn char_len(&self) -> usize {
        self.bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }

    pub fn code_points(&self) -> CodePoints<'_> {
        CodePoints { bytes: &self.bytes, at: 0 }
    }

    pub fn from_code_points(cps: impl IntoIterator<Item = u32>) -> Self {
        let mut s = PyStr::new();
        for cp in cps {
            s.push(cp);
        }
        s
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> Self {
        PyStr { bytes: s.as_bytes().to_vec() }
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> Self {
        PyStr { bytes: s.into_bytes() }
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string_lossy())
    }
}

pub struct CodePoints<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for CodePoints<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let b = &self.bytes[self.at..];
        let (cp, len) = match *b.first()? {
            lead @ 0..=0x7F => (lead as u32, 1),
            lead @ 0xC0..=0xDF => (((lead as u32 & 0x1F) << 6) | (b[1] as u32 & 0x3F), 2),
            lead @ 0xE0..=0xEF => {
                (((lead as u32 & 0x0F) << 12) | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F), 3)
            }
            lead => (
                ((lead as u32 & 0x07) << 18)
                    | ((b[1] as u32 & 0x3F) << 12)
                    | ((b[2] as u32 & 0x3F) << 6)
                    | (b[3] as u32 & 0x3F),
                4,
            ),
        };
        self.at += len;
        Some(cp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_round_trip_as_separate_code_points() {
        let s = PyStr::from_code_points([0x61, 0xD800, 0xDC00, 0x1F600]);
        assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0x61, 0xD800, 0xDC00, 0x1F600]);
        assert_eq!(s.char_len(), 4);
        assert!(s.as_str().is_none());
        // python3.11: 'a\ud800\udc00\U0001f600'.encode('utf-8', 'surrogatepass')
        assert_eq!(s.as_bytes(), b"a\xed\xa0\x80\xed\xb0\x80\xf0\x9f\x98\x80");
    }
}
