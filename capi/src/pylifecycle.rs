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
        let (mut t, mut v, mut tb) = crate::rt::err::fetch();
        let _ = crate::rt::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
        eprintln!("Fatal Python error: Py_Initialize: can't initialize the runtime: {}", crate::rt::report::format_exception_only(t, v));
        std::process::abort();
    }
}

#[no_mangle]
pub unsafe extern "C" fn Py_IsInitialized() -> c_int {
    lifecycle::is_initialized() as c_int
}

/// Runs the `Py_AtExit` functions, flushes the standard streams and tears down.
#[no_mangle]
pub unsafe extern "C" fn Py_FinalizeEx() -> c_int {
    if !lifecycle::is_initialized() {
        return 0;
    }
    crate::rt::pythonrun::flush_std_streams();
    lifecycle::finalize();
    let funcs = AT_EXIT.lock().map(|mut f| std::mem::take(&mut *f)).unwrap_or_default();
    for f in funcs.into_iter().rev() {
        f();
    }
    0
}

/// Functions registered by `Py_AtExit`, run last-registered first by `Py_FinalizeEx`.
static AT_EXIT: std::sync::Mutex<Vec<extern "C" fn()>> = std::sync::Mutex::new(Vec::new());

/// CPython keeps at most 32.
const NEXITFUNCS: usize = 32;

#[no_mangle]
pub unsafe extern "C" fn Py_AtExit(func: Option<extern "C" fn()>) -> c_int {
    let Some(func) = func else { return -1 };
    let Ok(mut funcs) = AT_EXIT.lock() else { return -1 };
    if funcs.len() >= NEXITFUNCS {
        return -1;
    }
    funcs.push(func);
    0
}

/// Finalizes, then exits the process with `status` (120 if finalizing failed, as CPython).
#[no_mangle]
pub unsafe extern "C" fn Py_Exit(status: c_int) -> ! {
    let status = if Py_FinalizeEx() < 0 && status == 0 { 120 } else { status };
    std::process::exit(status)
}

#[no_mangle]
pub unsafe extern "C" fn Py_Finalize() {
    Py_FinalizeEx();
}

/// `PY_VERSION_HEX` of the CPython release Ferric stands in for (3.11.7 final).
#[no_mangle]
pub static Py_Version: std::ffi::c_ulong = 0x030B_07F0;

#[no_mangle]
pub unsafe extern "C" fn Py_GetVersion() -> *const c_char {
    static VERSION: &CStr = c"3.11.7 (ferric 0.1.0) [rustc]";
    VERSION.as_ptr()
}

/// Py_Main: the command line given as wide strings (code points, as wchar_t on Linux).
#[no_mangle]
pub unsafe extern "C" fn Py_Main(argc: c_int, argv: *mut *mut libc::wchar_t) -> c_int {
    crate::rt::guard::catch(1, || {
        let args: Vec<String> = (0..argc.max(0) as usize).map(|i| wide_to_string(*argv.add(i))).collect();
        crate::rt::pymain::run(&args)
    })
}

/// A NUL-terminated wchar_t string; invalid code points become U+FFFD.
unsafe fn wide_to_string(mut p: *const libc::wchar_t) -> String {
    let mut s = String::new();
    while !p.is_null() && *p != 0 {
        s.push(char::from_u32(*p as u32).unwrap_or(char::REPLACEMENT_CHARACTER));
        p = p.add(1);
    }
    s
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

/// 1 once finalization has started.
#[no_mangle]
pub extern "C" fn _Py_IsFinalizing() -> std::ffi::c_int {
    crate::rt::lifecycle::is_finalizing() as std::ffi::c_int
}

/// `Py_FatalError(msg)` (a macro for this in 3.11): reports and aborts the process.
#[no_mangle]
pub unsafe extern "C" fn _Py_FatalErrorFunc(func: *const c_char, msg: *const c_char) -> ! {
    let text = |p: *const c_char| if p.is_null() { String::new() } else { CStr::from_ptr(p).to_string_lossy().into_owned() };
    if func.is_null() {
        eprintln!("Fatal Python error: {}", text(msg));
    } else {
        eprintln!("Fatal Python error: {}: {}", text(func), text(msg));
    }
    std::process::abort()
}

#[no_mangle]
pub unsafe extern "C" fn Py_FatalError(msg: *const c_char) -> ! {
    _Py_FatalErrorFunc(std::ptr::null(), msg)
}

/// The legacy `-O` global (`sys.flags.optimize` is the real setting).
#[no_mangle]
pub static mut Py_OptimizeFlag: std::ffi::c_int = 0;

/// Called by the interactive prompt while it waits for input (set by extensions such as
/// tkinter); NULL until one is installed.
#[no_mangle]
pub static mut PyOS_InputHook: Option<unsafe extern "C" fn() -> std::ffi::c_int> = None;
