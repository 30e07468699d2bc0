//! The `libpython3.11.so` crate: links the runtime and the C API so that every exported
//! symbol of theirs is exported from the shared library.
pub use ferric_capi;
pub use ferric_runtime;
