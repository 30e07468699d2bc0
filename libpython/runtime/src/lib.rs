//! Ferric's runtime: CPython 3.11's object model, bit for bit, and the types built on it.
//! See ARCHITECTURE.md at the repository root for the map.
#![allow(clippy::missing_safety_doc, non_upper_case_globals, non_snake_case, non_camel_case_types, static_mut_refs)]

pub mod ceval_guard;
pub mod err;
pub mod eval_hooks;
pub mod exc;
pub mod ffi;
pub mod gc;
pub mod guard;
pub mod lifecycle;
pub mod mem;
pub mod object;
pub mod objects;
pub mod protocol;
pub mod pyhash;
pub mod pystate;
pub mod report;

pub use err::{ErrSet, PyResult};
pub use object::Obj;
