//! The `python3` executable: a thin `main` over the exported `Py_BytesMain`, linked against
//! `libpython3.11.so` exactly as CPython's own executable is (build.rs sets it up).
use std::ffi::{c_char, c_int, CString};

extern "C" {
    fn Py_BytesMain(argc: c_int, argv: *mut *mut c_char) -> c_int;
}

fn main() {
    use std::os::unix::ffi::OsStringExt;
    let args: Vec<CString> = std::env::args_os()
        .map(|a| CString::new(a.into_vec()).unwrap_or_default())
        .collect();
    let mut argv: Vec<*mut c_char> = args.iter().map(|a| a.as_ptr() as *mut c_char).collect();
    argv.push(std::ptr::null_mut());
    // Safety: argv is a NULL-terminated array of NUL-terminated strings that outlive the call.
    let status = unsafe { Py_BytesMain(args.len() as c_int, argv.as_mut_ptr()) };
    std::process::exit(status);
}
