//! Writes a `CodeObject` in marshal format version 4, as python3.11's `marshal.loads` reads.

use crate::ast::PyStr;
use crate::code::{CodeObject, ConstValue};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

struct W {
    out: Vec<u8>,
}

fn is_identifier_like(s: &[u8]) -> bool {
    // CPython interns string constants made only of [A-Za-z0-9_] (all_name_chars).
    s.iter().all(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

impl W {
    fn long(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.out.push(b's');
        self.long(b.len() as i32);
        self.out.extend_from_slice(b);
    }
    fn str_bytes(&mut self, b: &[u8], interned: bool) {
        if b.is_ascii() {
            if b.len() < 256 {
                self.out.push(if interned { b'Z' } else { b'z' });
                self.out.push(b.len() as u8);
            } else {
                self.out.push(if interned { b'A' } else { b'a' });
                self.long(b.len() as i32);
            }
        } else {
            self.out.push(if interned { b't' } else { b'u' });
            self.long(b.len() as i32);
        }
        self.out.extend_from_slice(b);
    }
    fn name(&mut self, s: &str) {
        self.str_bytes(s.as_bytes(), true);
    }
    fn names(&mut self, v: &[String]) {
        self.tuple_header(v.len());
        for s in v {
            self.name(s);
        }
    }
    fn tuple_header(&mut self, n: usize) {
        if n < 256 {
            self.out.push(b')');
            self.out.push(n as u8);
        } else {
            self.out.push(b'(');
            self.long(n as i32);
        }
    }
    fn int(&mut self, i: &BigInt) {
        if let Some(v) = i.to_i32() {
            self.out.push(b'i');
            self.long(v);
            return;
        }
        let (sign, mag) = i.to_u32_digits();
        // 15-bit digits, least significant first.
        let mut digits: Vec<u16> = Vec::new();
        let mut acc: u64 = 0;
        let mut bits = 0;
        for d in mag {
            acc |= (d as u64) << bits;
            bits += 32;
            while bits >= 15 {
                digits.push((acc & 0x7fff) as u16);
                acc >>= 15;
                bits -= 15;
            }
        }
        if bits > 0 {
            digits.push((acc & 0x7fff) as u16);
        }
        while digits.last() == Some(&0) {
            digits.pop();
        }
        self.out.push(b'l');
        let n = digits.len() as i32;
        self.long(if sign == Sign::Minus { -n } else { n });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }
    fn pystr(&mut self, s: &PyStr) {
        self.str_bytes(s.as_bytes(), is_identifier_like(s.as_bytes()));
    }
    fn constant(&mut self, c: &ConstValue) {
        match c {
            ConstValue::None => self.out.push(b'N'),
            ConstValue::Bool(true) => self.out.push(b'T'),
            ConstValue::Bool(false) => self.out.push(b'F'),
            ConstValue::Ellipsis => self.out.push(b'.'),
            ConstValue::Int(i) => self.int(i),
            ConstValue::Float(f) => {
                self.out.push(b'g');
                self.out.extend_from_slice(&f.to_le_bytes());
            }
            ConstValue::Complex { real, imag } => {
                self.out.push(b'y');
                self.out.extend_from_slice(&real.to_le_bytes());
                self.out.extend_from_slice(&imag.to_le_bytes());
            }
            ConstValue::Str(s) => self.pystr(s),
            ConstValue::Bytes(b) => self.bytes(b),
            ConstValue::Tuple(t) => {
                self.tuple_header(t.len());
                for c in t {
                    self.constant(c);
                }
            }
            ConstValue::FrozenSet(t) => {
                self.out.push(b'>');
                self.long(t.len() as i32);
                for c in t {
                    self.constant(c);
                }
            }
            ConstValue::Code(code) => self.code(code),
        }
    }
    fn code(&mut self, co: &CodeObject) {
        self.out.push(b'c');
        self.long(co.argcount as i32);
        self.long(co.posonlyargcount as i32);
        self.long(co.kwonlyargcount as i32);
        self.long(co.stacksize as i32);
        self.long(co.flags as i32);
        self.bytes(&co.code);
        self.tuple_header(co.consts.len());
        for c in &co.consts {
            self.constant(c);
        }
        self.names(&co.names);
        self.names(&co.localsplusnames);
        self.bytes(&co.localspluskinds);
        self.str_bytes(co.filename.as_bytes(), false);
        self.name(&co.name);
        self.name(&co.qualname);
        self.long(co.firstlineno);
        self.bytes(&co.linetable);
        self.bytes(&co.exceptiontable);
    }
}

/// The marshal (version 4) bytes of a code object.
pub fn dumps_code(co: &CodeObject) -> Vec<u8> {
    let mut w = W { out: Vec::new() };
    w.code(co);
    w.out
}

/// The marshal bytes of one constant.
pub fn dumps_const(c: &ConstValue) -> Vec<u8> {
    let mut w = W { out: Vec::new() };
    w.constant(c);
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_as_python_writes_them() {
        // python3.11: marshal.dumps(2**40) == b'\xec\x03\x00\x00\x00\x00\x00\x00\x00\x00\x04'
        // (0xec is 'l'|FLAG_REF; we write no refs)
        let b = dumps_const(&ConstValue::Int(BigInt::from(1u64 << 40)));
        assert_eq!(b, b"l\x03\x00\x00\x00\x00\x00\x00\x00\x00\x04");
        let b = dumps_const(&ConstValue::Int(BigInt::from(-5)));
        assert_eq!(b, b"i\xfb\xff\xff\xff");
    }
}
