//! pylifecycle.h and the entry points of embedders and the `python3` executable.

use crate::rt::lifecycle;
use std::ffi::{c_char, c_int, CStr};

/// CPython's version string prefix; Ferric's own version follows in `sys.version`.
pub const PY_VERSION: &str = crate::rt::interp::PY_VERSION;

#[no_mangle]
pub unsafe extern "C" fn Py_Initialize() {
    Py_InitializeEx(1)
}

#[no_mangle]
pub unsafe extern "C" fn Py_InitializeEx(_install_sigs: c_int) {
    if lifecycle::initialize().is_err() {
        eprintln!("Fatal Python error: Py_Initialize: can't initialize the builtin types");
        std::process::abort();
    }
}

#[no_mangle]
pub unsafe extern "C" fn Py_IsInitialized() -> c_int {
    lifecycle::is_initialized() as c_int
}

#[no_mangle]
pub unsafe extern "C" fn Py_FinalizeEx() -> c_int {
    lifecycle::finalize();
    0
}

#[no_mangle]
pub unsafe extern "C" fn Py_Finalize() {
    Py_FinalizeEx();
}

#[no_mangle]
pub unsafe extern "C" fn Py_GetVersion() -> *const c_char {
    static VERSION: &CStr = c"3.11.7 (ferric 0.1.0) [rustc]";
    VERSION.as_ptr()
}

/// The `python3` executable's main: the command line as CPython's (see `pymain.rs`).
#[no_mangle]
pub unsafe extern "C" fn Py_BytesMain(argc: c_int, argv: *mut *mut c_char) -> c_int {
    crate::rt::guard::catch(1, || {
        let args: Vec<String> = (0..argc.max(0) as usize)
            .map(|i| CStr::from_ptr(*argv.add(i)).to_string_lossy().into_owned())
            .collect();
        crate::rt::pymain::run(&args)
    })
}
