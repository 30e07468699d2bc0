//! `#[repr(C)]` twins of the structs in CPython 3.11's public headers, one file per header
//! family. Nothing here has behaviour; the types live in `objects/`.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

pub mod object;
pub use object::*;
pub mod interim;
pub use interim::*;
pub mod config;
pub mod datetime;
pub mod internal;
pub mod objects;
pub use config::*;
pub use datetime::*;
pub use internal::*;
pub use objects::*;
