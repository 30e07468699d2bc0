//! The compiler's output: a CPython 3.11 code object, field by field.

use crate::ast::PyStr;
use num_bigint::BigInt;

/// `co_localspluskinds` bits.
pub const CO_FAST_LOCAL: u8 = 0x20;
pub const CO_FAST_CELL: u8 = 0x40;
pub const CO_FAST_FREE: u8 = 0x80;

pub const CO_OPTIMIZED: u32 = 0x1;
pub const CO_NEWLOCALS: u32 = 0x2;
pub const CO_VARARGS: u32 = 0x4;
pub const CO_VARKEYWORDS: u32 = 0x8;
pub const CO_NESTED: u32 = 0x10;
pub const CO_GENERATOR: u32 = 0x20;
pub const CO_NOFREE: u32 = 0x40;
pub const CO_COROUTINE: u32 = 0x80;
pub const CO_ITERABLE_COROUTINE: u32 = 0x100;
pub const CO_ASYNC_GENERATOR: u32 = 0x200;
pub const CO_FUTURE_DIVISION: u32 = 0x20000;
pub const CO_FUTURE_ABSOLUTE_IMPORT: u32 = 0x40000;
pub const CO_FUTURE_WITH_STATEMENT: u32 = 0x80000;
pub const CO_FUTURE_PRINT_FUNCTION: u32 = 0x100000;
pub const CO_FUTURE_UNICODE_LITERALS: u32 = 0x200000;
pub const CO_FUTURE_BARRY_AS_BDFL: u32 = 0x400000;
pub const CO_FUTURE_GENERATOR_STOP: u32 = 0x800000;
pub const CO_FUTURE_ANNOTATIONS: u32 = 0x1000000;

/// A value in `co_consts`.
#[derive(Clone, Debug, PartialEq)]
pub enum ConstValue {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(PyStr),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstValue>),
    FrozenSet(Vec<ConstValue>),
    Code(Box<CodeObject>),
}

impl ConstValue {
    /// A key equal for constants that CPython's `_PyCode_ConstantKey` merges: the type and
    /// value, with -0.0 and 0.0 (and 0 and False) kept apart.
    pub fn key(&self) -> ConstKey {
        match self {
            ConstValue::None => ConstKey::None,
            ConstValue::Bool(b) => ConstKey::Bool(*b),
            ConstValue::Ellipsis => ConstKey::Ellipsis,
            ConstValue::Int(i) => ConstKey::Int(i.clone()),
            ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
            ConstValue::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
            ConstValue::Str(s) => ConstKey::Str(s.as_bytes().to_vec()),
            ConstValue::Bytes(b) => ConstKey::Bytes(b.clone()),
            ConstValue::Tuple(t) => ConstKey::Tuple(t.iter().map(|c| c.key()).collect()),
            ConstValue::FrozenSet(t) => {
                let mut v: Vec<ConstKey> = t.iter().map(|c| c.key()).collect();
                v.sort();
                ConstKey::FrozenSet(v)
            }
            // Equal code objects (a `finally` body compiled twice) are merged, as CPython's
            // code objects compare by value; the digest stands for the value, so a key costs
            // nothing however deeply the code nests.
            ConstValue::Code(c) => ConstKey::Code(c.digest),
        }
    }

    /// Python truth value (for constant conditions); None for code objects.
    pub fn is_true(&self) -> bool {
        use num_traits::Zero;
        match self {
            ConstValue::None => false,
            ConstValue::Bool(b) => *b,
            ConstValue::Ellipsis => true,
            ConstValue::Int(i) => !i.is_zero(),
            ConstValue::Float(f) => *f != 0.0,
            ConstValue::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            ConstValue::Str(s) => !s.is_empty(),
            ConstValue::Bytes(b) => !b.is_empty(),
            ConstValue::Tuple(t) | ConstValue::FrozenSet(t) => !t.is_empty(),
            ConstValue::Code(_) => true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConstKey {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(u128),
}

/// A CPython 3.11 code object.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: u32,
    /// The bytecode, CACHE entries zeroed.
    pub code: Vec<u8>,
    pub consts: Vec<ConstValue>,
    pub names: Vec<String>,
    pub localsplusnames: Vec<String>,
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: i32,
    pub linetable: Vec<u8>,
    pub exceptiontable: Vec<u8>,
    /// A 128-bit digest of every field above (nested code objects by their own digest):
    /// what constant merging compares. `seal()` sets it once the fields are final.
    pub digest: u128,
}

impl CodeObject {
    /// Computes `digest` from the other fields (two SipHash passes with different seeds).
    pub fn seal(mut self) -> Self {
        use std::hash::{Hash, Hasher};
        let mut halves = [0u64; 2];
        for (seed, half) in halves.iter_mut().enumerate() {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            seed.hash(&mut h);
            (self.argcount, self.posonlyargcount, self.kwonlyargcount, self.stacksize, self.flags).hash(&mut h);
            self.code.hash(&mut h);
            for c in &self.consts {
                c.key().hash(&mut h);
            }
            (&self.names, &self.localsplusnames, &self.localspluskinds).hash(&mut h);
            (&self.filename, &self.name, &self.qualname, self.firstlineno).hash(&mut h);
            (&self.linetable, &self.exceptiontable).hash(&mut h);
            *half = h.finish();
        }
        self.digest = ((halves[0] as u128) << 64) | halves[1] as u128;
        self
    }

    fn names_of_kind(&self, kind: u8) -> Vec<String> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, k)| **k & kind != 0)
            .map(|(n, _)| n.clone())
            .collect()
    }
    /// `co_varnames`.
    pub fn varnames(&self) -> Vec<String> {
        self.names_of_kind(CO_FAST_LOCAL)
    }
    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<String> {
        self.names_of_kind(CO_FAST_CELL)
    }
    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<String> {
        self.names_of_kind(CO_FAST_FREE)
    }
}
