//! `_PyRuntime`, CPython 3.11's `_PyRuntimeState` (`internal/pycore_runtime.h`), exported as
//! data because CPython's own extension modules (built with `Py_BUILD_CORE_MODULE`) read it
//! through inline code: `_Py_ID(name)` and `_Py_STR(name)` are addresses of its static
//! strings, `_PyLong_GetZero()`/`GetOne()` of its small ints, and `_PyThreadState_GET()`
//! loads `gilstate.tstate_current`.
//!
//! Only what Ferric keeps there is typed; the rest is zeroed space of the right size.
//! The objects it holds are Ferric's own: the small ints (`longobject::small_int`), the
//! empty string and the one-character strings (`unicodeobject::empty`/`latin1_char`), and
//! the identifiers, which seed the interned-string table so that `intern("__name__")` *is*
//! `_Py_ID(__name__)`. `tests/runtime_state.rs` checks the offsets against the host headers.

use crate::ffi::*;
use crate::global_strings::{Identifiers, Literals, IDENTIFIERS, LITERALS};
use crate::object::IMMORTAL_REFCNT;
use crate::objects::longobject::{make_small_ints, PyLong_Type};
use crate::objects::unicodeobject::PyUnicode_Type;
use std::ffi::{c_int, c_ulong, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

/// A static ASCII str: `PyASCIIObject` followed by its `N` bytes (text and NUL), as
/// `STRUCT_FOR_ASCII_STR` lays it out (padded to 8 by `repr(C)`, as C pads it).
#[repr(C)]
pub struct AsciiStr<const N: usize> {
    pub head: PyASCIIObject,
    pub data: [u8; N],
}

const fn ascii_head(len: usize, interned: bool) -> PyASCIIObject {
    PyASCIIObject {
        ob_base: PyObject { ob_refcnt: IMMORTAL_REFCNT, ob_type: &raw mut PyUnicode_Type },
        length: len as Py_ssize_t,
        hash: -1,
        state: (1 << STATE_KIND_SHIFT)
            | STATE_COMPACT
            | STATE_ASCII
            | STATE_READY
            | if interned { SSTATE_INTERNED_IMMORTAL << STATE_INTERNED_SHIFT } else { 0 },
        wstr: null_mut(),
    }
}

impl<const N: usize> AsciiStr<N> {
    /// `text` is the string's bytes with the terminating NUL.
    pub const fn new(text: &[u8; N], interned: bool) -> Self {
        AsciiStr { head: ascii_head(N - 1, interned), data: *text }
    }
}

/// One of the 128 non-ASCII Latin-1 characters: a compact (not ASCII) str of kind 1.
#[repr(C)]
pub struct Latin1Char {
    pub head: PyCompactUnicodeObject,
    pub data: [u8; 2],
}

#[repr(C)]
pub struct SingletonStrings {
    pub literals: Literals,
    pub identifiers: Identifiers,
    pub ascii: [AsciiStr<2>; 128],
    pub latin1: [Latin1Char; 128],
}

const fn one_char_strings() -> ([AsciiStr<2>; 128], [Latin1Char; 128]) {
    let mut ascii = [const { AsciiStr::new(&[0, 0], false) }; 128];
    let mut latin1 = [const {
        Latin1Char {
            head: PyCompactUnicodeObject { _base: ascii_head(1, false), utf8_length: 0, utf8: null_mut(), wstr_length: 0 },
            data: [0, 0],
        }
    }; 128];
    let mut i = 0;
    while i < 128 {
        ascii[i].data[0] = i as u8;
        latin1[i].head._base.state &= !STATE_ASCII;
        latin1[i].data[0] = 128 + i as u8;
        i += 1;
    }
    (ascii, latin1)
}

pub const NSMALLINTS: usize = 262;

/// CPython 3.11.7's `_PyRuntimeState` (x86_64 and aarch64 Linux, release build).
#[repr(C)]
pub struct PyRuntimeState {
    pub _initialized: c_int,
    pub preinitializing: c_int,
    pub preinitialized: c_int,
    pub core_initialized: c_int,
    pub initialized: c_int,
    pub _finalizing: *mut PyThreadState,
    pub interpreters_mutex: *mut c_void,
    pub interpreters_head: *mut c_void,
    pub interpreters_main: *mut c_void,
    pub interpreters_next_id: i64,
    pub _xidregistry: [usize; 2],
    pub main_thread: c_ulong,
    /// `exitfuncs`, `nexitfuncs`, `ceval`, `gilstate.check_enabled`.
    pub _before_gilstate: [u8; 576 - 88],
    /// `gilstate.tstate_current`: the thread state of the thread running Python code.
    pub tstate_current: *mut PyThreadState,
    /// The rest of `gilstate`, `preconfig`, `open_code_hook`/`userdata`, `audit_hook_head`,
    /// `unicode_ids`.
    pub _before_objects: [u8; 680 - 584],
    pub small_ints: [PyLongObject; NSMALLINTS],
    /// `bytes_empty` and `bytes_characters` (Ferric's bytes singletons live elsewhere yet).
    pub _bytes: [u8; 21392 - 9064],
    pub strings: SingletonStrings,
    /// The GC head and the `tuple_empty` (Ferric's lives elsewhere yet), then the rest.
    pub _tail: [u8; 166688 - 58888],
}

pub const RUNTIME_STATE_SIZE: usize = 166688;
const _: () = {
    assert!(size_of::<PyRuntimeState>() == RUNTIME_STATE_SIZE);
    assert!(offset_of!(PyRuntimeState, _finalizing) == 24);
    assert!(offset_of!(PyRuntimeState, interpreters_main) == 48);
    assert!(offset_of!(PyRuntimeState, main_thread) == 80);
    assert!(offset_of!(PyRuntimeState, tstate_current) == 576);
    assert!(offset_of!(PyRuntimeState, small_ints) == 680);
    assert!(offset_of!(PyRuntimeState, strings) == 21392);
    assert!(offset_of!(PyRuntimeState, strings.ascii) == 41480);
    assert!(offset_of!(PyRuntimeState, strings.latin1) == 48648);
};

const ONE_CHAR: ([AsciiStr<2>; 128], [Latin1Char; 128]) = one_char_strings();

#[no_mangle]
pub static mut _PyRuntime: PyRuntimeState = PyRuntimeState {
    _initialized: 0,
    preinitializing: 0,
    preinitialized: 0,
    core_initialized: 0,
    initialized: 0,
    _finalizing: null_mut(),
    interpreters_mutex: null_mut(),
    interpreters_head: null_mut(),
    interpreters_main: null_mut(),
    interpreters_next_id: 0,
    _xidregistry: [0; 2],
    main_thread: 0,
    _before_gilstate: [0; 576 - 88],
    tstate_current: null_mut(),
    _before_objects: [0; 680 - 584],
    small_ints: make_small_ints(&raw mut PyLong_Type),
    _bytes: [0; 21392 - 9064],
    strings: SingletonStrings { literals: LITERALS, identifiers: IDENTIFIERS, ascii: ONE_CHAR.0, latin1: ONE_CHAR.1 },
    _tail: [0; 166688 - 58888],
};

/// The runtime's state: a raw pointer, since C code reads and writes it too.
#[inline(always)]
pub fn runtime() -> *mut PyRuntimeState {
    &raw mut _PyRuntime
}

/// `_Py_SINGLETON(small_ints)[i]` (the value i - 5).
#[inline(always)]
pub fn small_int_slot(i: usize) -> *mut PyObject {
    // Safety: an in-bounds field address of the static; nothing is read.
    unsafe { (&raw mut (*runtime()).small_ints[i]).cast() }
}

/// `_Py_STR(empty)`.
#[inline(always)]
pub fn empty_str() -> *mut PyObject {
    // Safety: a field address of the static.
    unsafe { (&raw mut (*runtime()).strings.literals._empty).cast() }
}

/// `LATIN1(c)`: the one-character str of code point `c`.
#[inline(always)]
pub fn latin1_str(c: u8) -> *mut PyObject {
    // Safety: field addresses of the static, indices in bounds.
    unsafe {
        if c < 128 {
            (&raw mut (*runtime()).strings.ascii[c as usize]).cast()
        } else {
            (&raw mut (*runtime()).strings.latin1[c as usize - 128]).cast()
        }
    }
}

/// Calls `f` with each identifier's text and object (for the interned-string table).
pub fn each_identifier(f: impl FnMut(&'static str, *mut PyObject)) {
    // Safety: a field address of the static.
    crate::global_strings::each_identifier(unsafe { &raw mut (*runtime()).strings.identifiers }, f)
}

/// Records `ts` as the thread state of the running thread (`gilstate.tstate_current`).
pub fn set_current_tstate(ts: *mut PyThreadState) {
    // Safety: a plain store to the static; C readers load it with an atomic relaxed load.
    unsafe {
        std::ptr::write_volatile(&raw mut (*runtime()).tstate_current, ts);
    }
}
