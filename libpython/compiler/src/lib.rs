//! Ferric's compiler: tokenizer, parser, AST, symbol table, code generation and assembler,
//! producing CPython 3.11 code objects. It knows nothing of the runtime's object model and
//! builds and tests on its own.
pub mod ast;
pub mod error;
pub mod opcode;
pub mod assemble;
pub mod ast_opt;
pub mod code;
pub mod codegen;
pub mod flowgraph;
pub mod marshal_out;
pub mod op16;
pub mod symtable;
pub mod unparse;

pub use codegen::{compile as compile_ast, CompileFlags};
