//! Ferric's compiler: tokenizer, parser, AST, symbol table, code generation and assembler,
//! producing CPython 3.11 code objects. It knows nothing of the runtime's object model and
//! builds and tests on its own.
pub mod ast;
pub mod error;
pub mod opcode;
pub use num_bigint;
