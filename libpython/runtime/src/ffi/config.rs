//! Twins of the configuration and allocator structs: initconfig.h, pymem.h, objimpl.h,
//! import.h, pyhash.h.
use super::object::*;
use std::ffi::{c_char, c_int, c_uchar, c_ulong, c_void};

#[repr(C)]
pub struct PyStatus {
    pub _type: c_int,
    pub func: *const c_char,
    pub err_msg: *const c_char,
    pub exitcode: c_int,
}

#[repr(C)]
pub struct PyWideStringList {
    pub length: Py_ssize_t,
    pub items: *mut *mut libc::wchar_t,
}

#[repr(C)]
pub struct PyPreConfig {
    pub _config_init: c_int,
    pub parse_argv: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub configure_locale: c_int,
    pub coerce_c_locale: c_int,
    pub coerce_c_locale_warn: c_int,
    pub utf8_mode: c_int,
    pub dev_mode: c_int,
    pub allocator: c_int,
}

#[repr(C)]
pub struct PyConfig {
    pub _config_init: c_int,
    pub isolated: c_int,
    pub use_environment: c_int,
    pub dev_mode: c_int,
    pub install_signal_handlers: c_int,
    pub use_hash_seed: c_int,
    pub hash_seed: c_ulong,
    pub faulthandler: c_int,
    pub tracemalloc: c_int,
    pub import_time: c_int,
    pub code_debug_ranges: c_int,
    pub show_ref_count: c_int,
    pub dump_refs: c_int,
    pub dump_refs_file: *mut libc::wchar_t,
    pub malloc_stats: c_int,
    pub filesystem_encoding: *mut libc::wchar_t,
    pub filesystem_errors: *mut libc::wchar_t,
    pub pycache_prefix: *mut libc::wchar_t,
    pub parse_argv: c_int,
    pub orig_argv: PyWideStringList,
    pub argv: PyWideStringList,
    pub xoptions: PyWideStringList,
    pub warnoptions: PyWideStringList,
    pub site_import: c_int,
    pub bytes_warning: c_int,
    pub warn_default_encoding: c_int,
    pub inspect: c_int,
    pub interactive: c_int,
    pub optimization_level: c_int,
    pub parser_debug: c_int,
    pub write_bytecode: c_int,
    pub verbose: c_int,
    pub quiet: c_int,
    pub user_site_directory: c_int,
    pub configure_c_stdio: c_int,
    pub buffered_stdio: c_int,
    pub stdio_encoding: *mut libc::wchar_t,
    pub stdio_errors: *mut libc::wchar_t,
    pub check_hash_pycs_mode: *mut libc::wchar_t,
    pub use_frozen_modules: c_int,
    pub safe_path: c_int,
    pub pathconfig_warnings: c_int,
    pub program_name: *mut libc::wchar_t,
    pub pythonpath_env: *mut libc::wchar_t,
    pub home: *mut libc::wchar_t,
    pub platlibdir: *mut libc::wchar_t,
    pub module_search_paths_set: c_int,
    pub module_search_paths: PyWideStringList,
    pub stdlib_dir: *mut libc::wchar_t,
    pub executable: *mut libc::wchar_t,
    pub base_executable: *mut libc::wchar_t,
    pub prefix: *mut libc::wchar_t,
    pub base_prefix: *mut libc::wchar_t,
    pub exec_prefix: *mut libc::wchar_t,
    pub base_exec_prefix: *mut libc::wchar_t,
    pub skip_source_first_line: c_int,
    pub run_command: *mut libc::wchar_t,
    pub run_module: *mut libc::wchar_t,
    pub run_filename: *mut libc::wchar_t,
    pub _install_importlib: c_int,
    pub _init_main: c_int,
    pub _isolated_interpreter: c_int,
    pub _is_python_build: c_int,
}

#[repr(C)]
pub struct PyMemAllocatorEx {
    pub ctx: *mut c_void,
    pub malloc: Option<unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void>,
    pub calloc: Option<unsafe extern "C" fn(*mut c_void, usize, usize) -> *mut c_void>,
    pub realloc: Option<unsafe extern "C" fn(*mut c_void, *mut c_void, usize) -> *mut c_void>,
    pub free: Option<unsafe extern "C" fn(*mut c_void, *mut c_void)>,
}

#[repr(C)]
pub struct PyObjectArenaAllocator {
    pub ctx: *mut c_void,
    pub alloc: Option<unsafe extern "C" fn(*mut c_void, usize) -> *mut c_void>,
    pub free: Option<unsafe extern "C" fn(*mut c_void, *mut c_void, usize)>,
}

#[repr(C)]
pub struct _inittab {
    pub name: *const c_char,
    pub initfunc: Option<unsafe extern "C" fn() -> *mut PyObject>,
}

#[repr(C)]
pub struct _frozen {
    pub name: *const c_char,
    pub code: *const c_uchar,
    pub size: c_int,
    pub is_package: c_int,
    pub get_code: Option<unsafe extern "C" fn() -> *mut PyObject>,
}

#[repr(C)]
pub struct PyHash_FuncDef {
    pub hash: Option<unsafe extern "C" fn(*const c_void, Py_ssize_t) -> Py_hash_t>,
    pub name: *const c_char,
    pub hash_bits: c_int,
    pub seed_bits: c_int,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_fnv {
    pub prefix: Py_hash_t,
    pub suffix: Py_hash_t,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_siphash {
    pub k0: u64,
    pub k1: u64,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_djbx33a {
    pub padding: [c_uchar; 16],
    pub suffix: Py_hash_t,
}
#[repr(C)]
#[derive(Clone, Copy)]
pub struct _Py_HashSecret_expat {
    pub padding: [c_uchar; 16],
    pub hashsalt: Py_hash_t,
}

#[repr(C)]
pub union _Py_HashSecret_t {
    pub uc: [c_uchar; 24],
    pub fnv: _Py_HashSecret_fnv,
    pub siphash: _Py_HashSecret_siphash,
    pub djbx33a: _Py_HashSecret_djbx33a,
    pub expat: _Py_HashSecret_expat,
}
