//! The `libpython3.11.so` crate: links the runtime and the C API so that every exported
//! symbol of theirs is exported from the shared library.
pub use ferric_capi;
pub use ferric_runtime;

/// Rust's own allocations (compiler trees, runtime tables) share mimalloc with PyMem_*.
#[global_allocator]
static GLOBAL: ferric_alloc::MiMalloc = ferric_alloc::MiMalloc;
