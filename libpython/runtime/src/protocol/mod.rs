//! The abstract object protocols (CPython's Objects/object.c, abstract.c and call.c):
//! what the interpreter and the C API call, dispatching through the type slots.

pub mod args;
pub mod call;
pub mod iter;
pub mod number;
pub mod object;
pub mod sequence;
pub mod abstract_;
pub mod buffer;
