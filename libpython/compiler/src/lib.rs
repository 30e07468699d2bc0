//! Ferric's compiler: tokenizer, parser, AST, symbol table, code generation and assembler,
//! producing CPython 3.11 code objects. It knows nothing of the runtime's object model and
//! builds and tests on its own.
pub mod assemble;
pub mod ast;
pub mod ast_opt;
pub mod ast_validate;
pub mod code;
pub mod codegen;
pub mod decode;
pub mod driver;
pub mod error;
pub mod flowgraph;
pub mod marshal_out;
pub mod nfkc;
mod nfkc_table;
pub mod op16;
pub mod opcode;
pub mod parser;
pub mod source_codecs;
pub mod symtable;
pub mod tokenizer;
pub mod unicode_names;
pub mod unparse;
mod xid_table;

pub use codegen::{compile as compile_ast, CompileFlags};
pub use driver::{compile_tree, parse_source, Flags};
pub use num_bigint;
pub use parser::{parse, parse_text, parse_type_comments};
