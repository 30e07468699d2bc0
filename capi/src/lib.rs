//! The exported CPython 3.11 C API: thin `extern "C"` wrappers over `ferric-runtime`,
//! grouped like CPython's headers. Variadic functions are C shims in `shims/`.

use std::ffi::{c_char, c_int};

/// Placeholder until the runtime's start-up lands: reports that nothing can run yet.
#[no_mangle]
pub unsafe extern "C" fn Py_BytesMain(_argc: c_int, _argv: *mut *mut c_char) -> c_int {
    eprintln!("ferric: the interpreter is not built yet");
    1
}
