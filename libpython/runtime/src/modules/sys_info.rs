//! The data of `sys` (CPython's Python/sysmodule.c): the struct sequences (`flags`,
//! `version_info`, `float_info`, `int_info`, `hash_info`, `thread_info`), `implementation`,
//! the prefixes, `stdlib_module_names` and `copyright`; and the command-line flags behind
//! `sys.flags`.

use crate::err::PyResult;
use crate::ffi::*;
use crate::object::*;
use crate::objects::structseq;
use crate::objects::typeobject;
use crate::objects::{boolobject, dictobject as dict, floatobject as float, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_ulong, CStr};

macro_rules! seq_types {
    ($($id:ident),*) => {
        $(static mut $id: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };)*
    };
}
seq_types!(FLAGS, VERSION_INFO, FLOAT_INFO, INT_INFO, HASH_INFO, THREAD_INFO, ASYNCGEN_HOOKS, UNRAISABLE_ARGS);

/// Readies a struct sequence type once (it survives re-initialisation).
unsafe fn ready_seq(tp: *mut PyTypeObject, name: &'static CStr, doc: &'static CStr, fields: &[&'static CStr], flags: c_ulong) -> PyResult<()> {
    let names: Vec<*const std::ffi::c_char> = fields.iter().map(|n| n.as_ptr()).collect();
    structseq::ready_static(tp, name, doc, &names, fields.len(), flags)
}

/// A struct sequence of type `tp` holding `values` in order.
pub unsafe fn build(tp: *mut PyTypeObject, values: Vec<Obj>) -> PyResult<Obj> {
    let r = structseq::new(tp)?;
    for (i, v) in values.into_iter().enumerate() {
        *tuple::items_ptr(r.as_ptr()).add(i) = v.into_ptr();
    }
    Ok(r)
}

pub fn asyncgen_hooks_type() -> *mut PyTypeObject {
    &raw mut ASYNCGEN_HOOKS
}

pub fn unraisable_args_type() -> *mut PyTypeObject {
    &raw mut UNRAISABLE_ARGS
}

pub unsafe fn ready_types() -> PyResult<()> {
    let no_new = Py_TPFLAGS_DISALLOW_INSTANTIATION;
    ready_seq(&raw mut FLAGS, c"sys.flags", c"sys.flags\n\nFlags provided through command line arguments or environment vars.", &[
        c"debug", c"inspect", c"interactive", c"optimize", c"dont_write_bytecode", c"no_user_site", c"no_site",
        c"ignore_environment", c"verbose", c"bytes_warning", c"quiet", c"hash_randomization", c"isolated",
        c"dev_mode", c"utf8_mode", c"warn_default_encoding", c"safe_path", c"int_max_str_digits",
    ], no_new)?;
    ready_seq(&raw mut VERSION_INFO, c"sys.version_info", c"sys.version_info\n\nVersion information as a named tuple.", &[c"major", c"minor", c"micro", c"releaselevel", c"serial"], no_new)?;
    ready_seq(&raw mut FLOAT_INFO, c"sys.float_info", c"sys.float_info\n\nA named tuple holding information about the float type. It contains low level\ninformation about the precision and internal representation. Please study\nyour system's :file:`float.h` for more information.", &[
        c"max", c"max_exp", c"max_10_exp", c"min", c"min_exp", c"min_10_exp", c"dig", c"mant_dig", c"epsilon", c"radix", c"rounds",
    ], 0)?;
    ready_seq(&raw mut INT_INFO, c"sys.int_info", c"sys.int_info\n\nA named tuple that holds information about Python's\ninternal representation of integers.  The attributes are read only.", &[
        c"bits_per_digit", c"sizeof_digit", c"default_max_str_digits", c"str_digits_check_threshold",
    ], 0)?;
    ready_seq(&raw mut HASH_INFO, c"sys.hash_info", c"hash_info\n\nA named tuple providing parameters used for computing\nhashes. The attributes are read only.", &[
        c"width", c"modulus", c"inf", c"nan", c"imag", c"algorithm", c"hash_bits", c"seed_bits", c"cutoff",
    ], 0)?;
    ready_seq(&raw mut THREAD_INFO, c"sys.thread_info", c"sys.thread_info\n\nA named tuple holding information about the thread implementation.", &[c"name", c"lock", c"version"], 0)?;
    ready_seq(&raw mut ASYNCGEN_HOOKS, c"asyncgen_hooks", c"", &[c"firstiter", c"finalizer"], 0)?;
    ready_seq(&raw mut UNRAISABLE_ARGS, c"UnraisableHookArgs", c"UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.", &[
        c"exc_type", c"exc_value", c"exc_traceback", c"err_msg", c"object",
    ], 0)
}

// ---- flags ---------------------------------------------------------------------------------

/// What the command line set; the environment is read when `sys` is made.
#[derive(Clone, Copy)]
struct Flags {
    debug: i64,
    inspect: i64,
    interactive: i64,
    optimize: i64,
    dont_write_bytecode: i64,
    no_user_site: i64,
    no_site: i64,
    ignore_environment: i64,
    verbose: i64,
    bytes_warning: i64,
    quiet: i64,
    isolated: i64,
    dev_mode: bool,
    utf8_mode: Option<i64>,
    warn_default_encoding: i64,
    safe_path: bool,
    int_max_str_digits: i64,
}

static mut CMDLINE: Flags = Flags {
    debug: 0, inspect: 0, interactive: 0, optimize: 0, dont_write_bytecode: 0, no_user_site: 0, no_site: 0, ignore_environment: 0, verbose: 0,
    bytes_warning: 0, quiet: 0, isolated: 0, dev_mode: false, utf8_mode: None, warn_default_encoding: 0, safe_path: false,
    int_max_str_digits: -1,
};

/// `-u`: not a `sys.flags` field in 3.11, but it makes stdout unbuffered.
static UNBUFFERED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Should stdout write through at once (`-u` or `PYTHONUNBUFFERED`, as CPython's
/// `config.buffered_stdio`)?
pub fn unbuffered_stdio() -> bool {
    UNBUFFERED.load(std::sync::atomic::Ordering::Relaxed) || env_var("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty())
}

/// Is `arg` a cluster of single-letter flags this module records (`-B`, `-OO`, `-bq`)?
pub fn is_flag_cluster(arg: &str) -> bool {
    arg.len() > 1 && arg.starts_with('-') && arg[1..].chars().all(|c| "BEsSuIqObdvPi".contains(c))
}

/// Records the letters of a flag cluster (before `sys` is made).
pub fn note_flags(arg: &str) {
    // Safety: start-up, single-threaded, before anything reads the flags.
    let f = unsafe { &mut *(&raw mut CMDLINE) };
    for c in arg.chars().skip(1) {
        match c {
            'B' => f.dont_write_bytecode = 1,
            'E' => f.ignore_environment = 1,
            's' => f.no_user_site = 1,
            'S' => f.no_site = 1,
            'I' => {
                f.isolated = 1;
                f.ignore_environment = 1;
                f.no_user_site = 1;
                f.safe_path = true;
            }
            'q' => f.quiet = 1,
            'i' => {
                f.inspect = 1;
                f.interactive = 1;
            }
            'O' => f.optimize += 1,
            'b' => f.bytes_warning += 1,
            'd' => f.debug += 1,
            'v' => f.verbose += 1,
            'P' => f.safe_path = true,
            'u' => UNBUFFERED.store(true, std::sync::atomic::Ordering::Relaxed),
            _ => {}
        }
    }
}

/// Records a `-X` option that `sys.flags` shows.
pub fn note_xoption(opt: &str) {
    // Safety: as in note_flags.
    let f = unsafe { &mut *(&raw mut CMDLINE) };
    match opt.split_once('=') {
        None if opt == "dev" => f.dev_mode = true,
        None if opt == "utf8" => f.utf8_mode = Some(1),
        None if opt == "warn_default_encoding" => f.warn_default_encoding = 1,
        Some(("utf8", v)) => f.utf8_mode = Some(if v == "0" { 0 } else { 1 }),
        Some(("int_max_str_digits", v)) => f.int_max_str_digits = v.parse().unwrap_or(-1),
        _ => {}
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// CPython's `_Py_get_env_flag`: a number raises the flag to it, anything else counts as 1.
fn env_flag(flag: &mut i64, name: &str) {
    if let Some(v) = env(name) {
        let n = v.trim().parse::<i64>().ok().filter(|&n| n >= 0).unwrap_or(1);
        *flag = (*flag).max(n);
    }
}

static WARN_OPTIONS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Records a `-W` option (before `sys` is made).
pub fn note_warn_option(opt: &str) {
    if let Ok(mut v) = WARN_OPTIONS.lock() {
        v.push(opt.to_string());
    }
}

/// `sys.warnoptions`: `PYTHONWARNINGS` (comma-separated; not with -E) then the `-W` options.
pub fn warn_options() -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    if effective_flags().ignore_environment == 0 {
        if let Some(env) = env_var("PYTHONWARNINGS") {
            v.extend(env.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()));
        }
    }
    if let Ok(opts) = WARN_OPTIONS.lock() {
        v.extend(opts.iter().cloned());
    }
    v
}

/// `-v` (count) or `PYTHONVERBOSE`.
pub fn verbose() -> i64 {
    effective_flags().verbose
}

/// `-S`: no `import site` at start-up.
pub fn no_site() -> bool {
    effective_flags().no_site != 0
}

/// `-q`: no banner at the prompt.
pub fn quiet() -> bool {
    effective_flags().quiet != 0
}

/// `-i` or `PYTHONINSPECT`: the prompt after the script.
pub fn inspect() -> bool {
    effective_flags().inspect != 0
}

/// `sys.flags.optimize`: what `compile(..., optimize=-1)` means.
pub fn optimize_level() -> i32 {
    effective_flags().optimize.min(2) as i32
}

/// The flags after the environment (unless -E or -I), as CPython's PyConfig_Read.
fn effective_flags() -> Flags {
    // Safety: read after start-up parsing is done.
    let mut f = unsafe { *(&raw const CMDLINE) };
    if f.ignore_environment == 0 {
        env_flag(&mut f.debug, "PYTHONDEBUG");
        env_flag(&mut f.verbose, "PYTHONVERBOSE");
        env_flag(&mut f.optimize, "PYTHONOPTIMIZE");
        env_flag(&mut f.inspect, "PYTHONINSPECT");
        env_flag(&mut f.dont_write_bytecode, "PYTHONDONTWRITEBYTECODE");
        env_flag(&mut f.no_user_site, "PYTHONNOUSERSITE");
        f.dev_mode |= env("PYTHONDEVMODE").is_some();
        f.safe_path |= env("PYTHONSAFEPATH").is_some();
        if env("PYTHONWARNDEFAULTENCODING").is_some() {
            f.warn_default_encoding = 1;
        }
        if f.utf8_mode.is_none() {
            f.utf8_mode = env("PYTHONUTF8").map(|v| if v == "0" { 0 } else { 1 });
        }
        if f.int_max_str_digits < 0 {
            if let Some(n) = env("PYTHONINTMAXSTRDIGITS").and_then(|v| v.parse().ok()) {
                f.int_max_str_digits = n;
            }
        }
    }
    if f.utf8_mode.is_none() {
        // PEP 540: the C and POSIX locales turn the UTF-8 mode on.
        let ctype = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|n| env(n)).unwrap_or_default();
        f.utf8_mode = Some(if ctype.is_empty() || ctype == "C" || ctype == "POSIX" { 1 } else { 0 });
    }
    f
}

/// `PYTHON*` variable `name`, unless -E or -I said to ignore the environment.
pub fn env_var(name: &str) -> Option<String> {
    // Safety: read after start-up parsing is done.
    let ignore = unsafe { (*(&raw const CMDLINE)).ignore_environment } != 0;
    if ignore {
        None
    } else {
        std::env::var(name).ok()
    }
}

/// The int/str conversion limit `-X int_max_str_digits` or the environment asked for.
pub fn int_max_str_digits() -> Option<usize> {
    usize::try_from(effective_flags().int_max_str_digits).ok()
}

/// `sys.flags.dont_write_bytecode`, which `sys.dont_write_bytecode` starts as.
pub fn dont_write_bytecode() -> bool {
    effective_flags().dont_write_bytecode != 0
}

unsafe fn flags_value() -> PyResult<Obj> {
    let f = effective_flags();
    let hash_seed = if f.ignore_environment == 0 { env("PYTHONHASHSEED") } else { None };
    let hash_randomization = !matches!(hash_seed.as_deref(), Some(s) if s.trim().parse::<u64>() == Ok(0));
    let i = |v: i64| long::from_i64(v);
    let b = |v: bool| Ok(Obj::from_borrowed(boolobject::new_bool(v)));
    build(&raw mut FLAGS, vec![
        i(f.debug), i(f.inspect), i(f.interactive), i(f.optimize), i(f.dont_write_bytecode), i(f.no_user_site), i(f.no_site),
        i(f.ignore_environment), i(f.verbose), i(f.bytes_warning), i(f.quiet), i(hash_randomization as i64), i(f.isolated),
        b(f.dev_mode)?, i(f.utf8_mode.unwrap_or(0)), i(f.warn_default_encoding), b(f.safe_path)?, i(f.int_max_str_digits),
    ])
}

// ---- the other struct sequences ------------------------------------------------------------

pub unsafe fn version_info() -> PyResult<Obj> {
    build(&raw mut VERSION_INFO, vec![long::from_i64(3), long::from_i64(11), long::from_i64(7), str_::from_str("final")?, long::from_i64(0)])
}

unsafe fn float_info() -> PyResult<Obj> {
    let i = |v: i64| long::from_i64(v);
    build(&raw mut FLOAT_INFO, vec![
        float::from_f64(f64::MAX)?, i(f64::MAX_EXP as i64), i(f64::MAX_10_EXP as i64), float::from_f64(f64::MIN_POSITIVE)?,
        i(f64::MIN_EXP as i64), i(f64::MIN_10_EXP as i64), i(f64::DIGITS as i64), i(f64::MANTISSA_DIGITS as i64),
        float::from_f64(f64::EPSILON)?, i(f64::RADIX as i64), i(1),
    ])
}

unsafe fn int_info() -> PyResult<Obj> {
    let max = crate::objects::long_format::MAX_STR_DIGITS as i64;
    build(&raw mut INT_INFO, vec![long::from_i64(30), long::from_i64(4), long::from_i64(max), long::from_i64(640)])
}

unsafe fn hash_info() -> PyResult<Obj> {
    let i = |v: i64| long::from_i64(v);
    build(&raw mut HASH_INFO, vec![
        i(64), i((1 << 61) - 1), i(314159), i(0), i(1000003), str_::from_str("siphash13")?, i(64), i(128), i(0),
    ])
}

/// `NPTL 2.36`: glibc's own name for its thread library.
fn pthread_version() -> Option<String> {
    let mut buf = [0u8; 64];
    // Safety: confstr writes at most `buf.len()` bytes, NUL included.
    let n = unsafe { libc::confstr(libc::_CS_GNU_LIBPTHREAD_VERSION, buf.as_mut_ptr() as *mut libc::c_char, buf.len()) };
    if n == 0 || n > buf.len() {
        return None;
    }
    Some(String::from_utf8_lossy(&buf[..n - 1]).into_owned())
}

unsafe fn thread_info() -> PyResult<Obj> {
    let version = match pthread_version() {
        Some(v) => str_::from_str(&v)?,
        None => Obj::from_borrowed(noneobject::none()),
    };
    build(&raw mut THREAD_INFO, vec![str_::from_str("pthread")?, str_::from_str("semaphore")?, version])
}

unsafe fn implementation() -> PyResult<Obj> {
    let d = dict::new()?;
    dict::set_item_str(d.as_ptr(), "name", str_::from_str("cpython")?.as_ptr())?;
    // Ferric's own .pyc files: the same bytecode as CPython's, but written by another compiler.
    dict::set_item_str(d.as_ptr(), "cache_tag", str_::from_str("ferric-311")?.as_ptr())?;
    dict::set_item_str(d.as_ptr(), "version", version_info()?.as_ptr())?;
    dict::set_item_str(d.as_ptr(), "hexversion", long::from_i64(0x030B07F0).as_ptr())?;
    dict::set_item_str(d.as_ptr(), "_multiarch", str_::from_str("x86_64-linux-gnu")?.as_ptr())?;
    dict::set_item_str(d.as_ptr(), "_ferric", str_::from_str(env!("CARGO_PKG_VERSION"))?.as_ptr())?;
    crate::objects::namespaceobject::new(d.as_ptr())
}

const STDLIB_MODULE_NAMES: &[&str] = &[
    "__future__", "_abc", "_aix_support", "_ast", "_asyncio", "_bisect", "_blake2",
    "_bootsubprocess", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022",
    "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_collections_abc", "_compat_pickle",
    "_compression", "_contextvars", "_crypt", "_csv", "_ctypes", "_curses", "_curses_panel",
    "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io",
    "_json", "_locale", "_lsprof", "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec",
    "_multiprocessing", "_opcode", "_operator", "_osx_support", "_overlapped", "_pickle",
    "_posixshmem", "_posixsubprocess", "_py_abc", "_pydecimal", "_pyio", "_queue", "_random",
    "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512", "_signal", "_sitebuiltins", "_socket",
    "_sqlite3", "_sre", "_ssl", "_stat", "_statistics", "_string", "_strptime", "_struct",
    "_symtable", "_thread", "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_typing",
    "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "_zoneinfo", "abc", "aifc",
    "antigravity", "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit",
    "audioop", "base64", "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar",
    "cgi", "cgitb", "chunk", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys",
    "compileall", "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg",
    "crypt", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib",
    "dis", "distutils", "doctest", "email", "encodings", "ensurepip", "enum", "errno",
    "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "fractions", "ftplib", "functools",
    "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "graphlib", "grp", "gzip",
    "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "imp", "importlib",
    "inspect", "io", "ipaddress", "itertools", "json", "keyword", "lib2to3", "linecache", "locale",
    "logging", "lzma", "mailbox", "mailcap", "marshal", "math", "mimetypes", "mmap", "modulefinder",
    "msilib", "msvcrt", "multiprocessing", "netrc", "nis", "nntplib", "nt", "ntpath", "nturl2path",
    "numbers", "opcode", "operator", "optparse", "os", "ossaudiodev", "pathlib", "pdb", "pickle",
    "pickletools", "pipes", "pkgutil", "platform", "plistlib", "poplib", "posix", "posixpath",
    "pprint", "profile", "pstats", "pty", "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data",
    "pyexpat", "queue", "quopri", "random", "re", "readline", "reprlib", "resource", "rlcompleter",
    "runpy", "sched", "secrets", "select", "selectors", "shelve", "shlex", "shutil", "signal",
    "site", "smtpd", "smtplib", "sndhdr", "socket", "socketserver", "spwd", "sqlite3",
    "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string",
    "stringprep", "struct", "subprocess", "sunau", "symtable", "sys", "sysconfig", "syslog",
    "tabnanny", "tarfile", "telnetlib", "tempfile", "termios", "textwrap", "this", "threading",
    "time", "timeit", "tkinter", "token", "tokenize", "tomllib", "trace", "traceback",
    "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing", "unicodedata", "unittest",
    "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref", "webbrowser", "winreg",
    "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile", "zipimport", "zlib",
    "zoneinfo"
];

const COPYRIGHT: &str = "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";

/// Puts the data attributes into the `sys` dict `d`.
pub unsafe fn init(d: *mut PyObject) -> PyResult<()> {
    ready_types()?;
    if let Some(n) = int_max_str_digits() {
        crate::objects::long_format::set_max_str_digits(n);
    }
    let set = |name: &str, v: PyResult<Obj>| -> PyResult<()> { dict::set_item_str(d, name, v?.as_ptr()) };
    set("flags", flags_value())?;
    set("version_info", version_info())?;
    set("float_info", float_info())?;
    set("int_info", int_info())?;
    set("hash_info", hash_info())?;
    set("thread_info", thread_info())?;
    set("implementation", implementation())?;
    set("float_repr_style", str_::from_str("short"))?;
    set("copyright", str_::from_str(COPYRIGHT))?;
    set("dont_write_bytecode", Ok(Obj::from_borrowed(boolobject::new_bool(dont_write_bytecode()))))?;
    set("pycache_prefix", Ok(Obj::from_borrowed(noneobject::none())))?;
    let pc = crate::pathconfig::get();
    for (n, v) in [("prefix", &pc.prefix), ("base_prefix", &pc.prefix), ("exec_prefix", &pc.exec_prefix), ("base_exec_prefix", &pc.exec_prefix)] {
        set(n, str_::from_str(v))?;
    }
    set("_stdlib_dir", str_::from_str(&pc.stdlib_dir))?;
    set("executable", str_::from_str(&pc.executable))?;
    set("_base_executable", str_::from_str(&pc.base_executable))?;
    let path = crate::objects::listobject::new(0)?;
    for p in &pc.module_search_paths {
        crate::objects::listobject::append(path.as_ptr(), str_::from_str(p)?.as_ptr())?;
    }
    set("path", Ok(path))?;
    let names: Vec<Obj> = STDLIB_MODULE_NAMES.iter().map(|n| str_::from_str(n)).collect::<PyResult<_>>()?;
    let t = tuple::from_vec(names)?;
    set("stdlib_module_names", crate::objects::setobject::new_frozenset(t.as_ptr()))
}
