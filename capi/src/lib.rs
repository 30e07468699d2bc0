//! The exported CPython 3.11 C API: thin `extern "C"` wrappers over `ferric-runtime`,
//! grouped like CPython's headers. Variadic functions are C shims in `../shims/` that call
//! back into these.
//!
//! Conventions: every function that can fail returns CPython's error value (NULL or -1) with
//! the error indicator set; none lets a Rust panic cross into C (`guard::catch*`).
#![allow(non_snake_case, clippy::missing_safety_doc)]

pub mod abstract_;
pub mod accu;
pub mod bytearrayobject;
pub mod bytesobject;
pub mod ceval;
pub mod codeobject;
pub mod complexobject;
pub mod context;
pub mod descrobject;
pub mod dictobject;
pub mod errors;
pub mod fileobject;
pub mod fileutils;
pub mod floatobject;
pub mod frameobject;
pub mod genericaliasobject;
pub mod getargs;
pub mod gc;
pub mod hashtable;
pub mod import;
pub mod importdl;
pub mod listobject;
pub mod longobject;
pub mod marshal;
pub mod memoryobject;
pub mod memory;
pub mod moduleobject;
pub mod mystrtoul;
pub mod object;
pub mod object_extras;
pub mod picklebufobject;
pub mod posixmodule;
pub mod pybuffer;
pub mod pyctype;
pub mod pylifecycle;
pub mod pylifecycle_os;
pub mod pystrhex;
pub mod pystrtod;
pub mod pythonrun;
pub mod pythread;
pub mod pytime;
pub mod pystate;
pub mod pystate_modules;
pub mod setobject;
pub mod sysmodule;
pub mod tupleobject;
pub mod typeobject;
pub mod typeslots;
pub mod unicodeobject;
pub mod unicode_codecs;
pub mod unicodectype;
pub mod unicode_errors;
pub mod unicode_writer;

pub use ferric_runtime as rt;
pub(crate) use bytearrayobject::PyByteArray_FromStringAndSize;

/// `BadInternalCall` for NULL arguments where CPython checks them.
#[inline]
pub(crate) fn bad_internal_call() {
    rt::err::raise(rt::exc::system_error(), "bad argument to internal function");
}
