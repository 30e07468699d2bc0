//! Ferric's compiler: tokenizer, parser, AST, symbol table, code generation and assembler,
//! producing CPython 3.11 code objects. It knows nothing of the runtime's object model and
//! builds and tests on its own.
pub mod ast;
pub mod error;
pub mod opcode;
pub mod decode;
pub mod source_codecs;
pub mod nfkc;
mod nfkc_table;
pub mod parser;
pub mod tokenizer;
pub mod unicode_names;
mod xid_table;

pub use parser::{parse, parse_text};
