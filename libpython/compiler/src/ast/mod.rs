//! The abstract syntax tree: the `ast` module's nodes (`nodes.rs`, generated from
//! Python.asdl), their constants, and a JSON form shared with `tools/ast_json.py` so that
//! each half of the compiler can be tested against python3.11 on its own.

pub mod json;
mod json_gen;
mod nodes;
mod pystr;

pub use json_gen::*;
pub use nodes::*;
pub use pystr::PyStr;

use num_bigint::BigInt;

/// An identifier (NFKC-normalized by the parser, so always valid Unicode).
pub type Identifier = String;

/// Source positions as the `ast` module gives them: 1-based lines, 0-based columns counted
/// in UTF-8 bytes of the line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pos {
    pub lineno: i32,
    pub col_offset: i32,
    pub end_lineno: i32,
    pub end_col_offset: i32,
}

/// The value of a `Constant` node (or `MatchSingleton`). Tuples and frozensets appear only
/// after constant folding.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex { real: f64, imag: f64 },
    Str(PyStr),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
}
