//! Ferric's runtime: CPython 3.11's object model, bit for bit, and the types built on it.
//! See ARCHITECTURE.md at the repository root for the map.
#![allow(clippy::missing_safety_doc, non_upper_case_globals, non_snake_case, non_camel_case_types, static_mut_refs)]

pub mod bltin_eval;
pub mod ceval;
pub mod compile;
pub mod ceval_args;
pub mod ceval_frame;
pub mod ceval_guard;
pub mod ceval_ops;
pub mod ceval_trace;
pub mod err;
pub mod eval_hooks;
pub mod exc;
pub mod ffi;
pub mod gc;
pub mod global_strings;
pub mod guard;
pub mod interactive;
pub mod interp;
pub mod lifecycle;
pub mod marshal;
pub mod mem;
pub mod modules;
pub mod native_stack;
pub mod object;
pub mod pathconfig;
pub mod pythread;
pub mod import;
pub mod objects;
pub mod protocol;
pub mod pyhash;
pub mod pymain;
pub mod pystate;
pub mod pythonrun;
pub mod report;
pub mod runtime_state;
pub mod suggestions;

pub use err::{ErrSet, PyResult};
pub use object::Obj;
/// The opcode table, for the C API (code objects made from C).
pub use ferric_compiler::opcode;
