//! What the compiler reports: a `SyntaxError` (or one of its subclasses) with CPython's
//! message and position, and the warnings it emits on the way (`SyntaxWarning`,
//! `DeprecationWarning` for invalid escape sequences). The runtime turns these into
//! exception objects and `warnings.warn_explicit` calls.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// pegen's stack limit (MAXSTACK): a MemoryError without a message.
    MemoryError,
    /// The compile-time recursion limit on the tree (ast_opt.c, symtable.c).
    RecursionError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }
}

/// A `SyntaxError` as Python sees it: `lineno`/`end_lineno` are 1-based, `offset`/
/// `end_offset` are the exception's attributes (1-based; 0 where CPython gives 0). `text` is
/// the source line when CPython shows one (the runtime may fill it from the file otherwise).
#[derive(Clone, Debug, PartialEq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub msg: String,
    pub lineno: i32,
    pub offset: i32,
    pub end_lineno: i32,
    pub end_offset: i32,
    pub text: Option<String>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (line {}, offset {})", self.kind.name(), self.msg, self.lineno, self.offset)
    }
}

impl std::error::Error for CompileError {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningCategory {
    SyntaxWarning,
    DeprecationWarning,
}

/// A warning the compiler emits, with the position CPython gives `warn_explicit`.
#[derive(Clone, Debug, PartialEq)]
pub struct CompileWarning {
    pub category: WarningCategory,
    pub msg: String,
    pub lineno: i32,
    pub col_offset: i32,
    pub end_lineno: i32,
    pub end_col_offset: i32,
}

/// The start symbol, as `compile()`'s `mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}
