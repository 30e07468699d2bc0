//! Twins of the object structs of `cpython/*.h` not defined next to their type's code:
//! code, functions, generators, frames, tracebacks, sets, slices, complex, bytearray,
//! memoryview, dict views, instance methods, the writers, and the small helper structs.
use super::object::*;
use super::interim::*;
use std::ffi::{c_char, c_int, c_uchar, c_void};

#[repr(C)]
pub struct PyByteArrayObject {
    pub ob_base: PyVarObject,
    pub ob_alloc: Py_ssize_t,
    pub ob_bytes: *mut c_char,
    pub ob_start: *mut c_char,
    pub ob_exports: Py_ssize_t,
}

#[repr(C)]
pub struct _PyBytesWriter {
    pub buffer: *mut PyObject,
    pub allocated: Py_ssize_t,
    pub min_size: Py_ssize_t,
    pub use_bytearray: c_int,
    pub overallocate: c_int,
    pub use_small_buffer: c_int,
    pub small_buffer: [c_char; 512],
}

#[repr(C)]
pub struct PyInstanceMethodObject {
    pub ob_base: PyObject,
    pub func: *mut PyObject,
}

#[repr(C)]
pub struct PyCompilerFlags {
    pub cf_flags: c_int,
    pub cf_feature_version: c_int,
}

#[repr(C)]
pub struct PyFutureFeatures {
    pub ff_features: c_int,
    pub ff_lineno: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Py_complex {
    pub real: f64,
    pub imag: f64,
}

#[repr(C)]
pub struct PyComplexObject {
    pub ob_base: PyObject,
    pub cval: Py_complex,
}

#[repr(C)]
pub struct _PyDictViewObject {
    pub ob_base: PyObject,
    pub dv_dict: *mut PyDictObject,
}

#[repr(C)]
pub struct PyFrameConstructor {
    pub fc_globals: *mut PyObject,
    pub fc_builtins: *mut PyObject,
    pub fc_name: *mut PyObject,
    pub fc_qualname: *mut PyObject,
    pub fc_code: *mut PyObject,
    pub fc_defaults: *mut PyObject,
    pub fc_kwdefaults: *mut PyObject,
    pub fc_closure: *mut PyObject,
}

#[repr(C)]
pub struct PyFunctionObject {
    pub ob_base: PyObject,
    pub func_globals: *mut PyObject,
    pub func_builtins: *mut PyObject,
    pub func_name: *mut PyObject,
    pub func_qualname: *mut PyObject,
    pub func_code: *mut PyObject,
    pub func_defaults: *mut PyObject,
    pub func_kwdefaults: *mut PyObject,
    pub func_closure: *mut PyObject,
    pub func_doc: *mut PyObject,
    pub func_dict: *mut PyObject,
    pub func_weakreflist: *mut PyObject,
    pub func_module: *mut PyObject,
    pub func_annotations: *mut PyObject,
    pub vectorcall: vectorcallfunc,
    pub func_version: u32,
}

/// CPython 3.11's code object; `co_code_adaptive` holds the (quickened) bytecode inline.
#[repr(C)]
pub struct PyCodeObject {
    pub ob_base: PyVarObject,
    pub co_consts: *mut PyObject,
    pub co_names: *mut PyObject,
    pub co_exceptiontable: *mut PyObject,
    pub co_flags: c_int,
    pub co_warmup: i16,
    pub _co_linearray_entry_size: i16,
    pub co_argcount: c_int,
    pub co_posonlyargcount: c_int,
    pub co_kwonlyargcount: c_int,
    pub co_stacksize: c_int,
    pub co_firstlineno: c_int,
    pub co_nlocalsplus: c_int,
    pub co_nlocals: c_int,
    pub co_nplaincellvars: c_int,
    pub co_ncellvars: c_int,
    pub co_nfreevars: c_int,
    pub co_localsplusnames: *mut PyObject,
    pub co_localspluskinds: *mut PyObject,
    pub co_filename: *mut PyObject,
    pub co_name: *mut PyObject,
    pub co_qualname: *mut PyObject,
    pub co_linetable: *mut PyObject,
    pub co_weakreflist: *mut PyObject,
    pub _co_code: *mut PyObject,
    pub _co_linearray: *mut c_char,
    pub _co_firsttraceable: c_int,
    pub co_extra: *mut c_void,
    pub co_code_adaptive: [c_char; 1],
}

/// Generators, coroutines and async generators share one layout with different prefixes.
#[repr(C)]
pub struct PyGenObject {
    pub ob_base: PyObject,
    pub gi_code: *mut PyCodeObject,
    pub gi_weakreflist: *mut PyObject,
    pub gi_name: *mut PyObject,
    pub gi_qualname: *mut PyObject,
    pub gi_exc_state: _PyErr_StackItem,
    pub gi_origin_or_finalizer: *mut PyObject,
    pub gi_hooks_inited: c_char,
    pub gi_closed: c_char,
    pub gi_running_async: c_char,
    pub gi_frame_state: i8,
    pub gi_iframe: [*mut PyObject; 1],
}

#[repr(C)]
pub struct PyCoroObject {
    pub ob_base: PyObject,
    pub cr_code: *mut PyCodeObject,
    pub cr_weakreflist: *mut PyObject,
    pub cr_name: *mut PyObject,
    pub cr_qualname: *mut PyObject,
    pub cr_exc_state: _PyErr_StackItem,
    pub cr_origin_or_finalizer: *mut PyObject,
    pub cr_hooks_inited: c_char,
    pub cr_closed: c_char,
    pub cr_running_async: c_char,
    pub cr_frame_state: i8,
    pub cr_iframe: [*mut PyObject; 1],
}

#[repr(C)]
pub struct PyAsyncGenObject {
    pub ob_base: PyObject,
    pub ag_code: *mut PyCodeObject,
    pub ag_weakreflist: *mut PyObject,
    pub ag_name: *mut PyObject,
    pub ag_qualname: *mut PyObject,
    pub ag_exc_state: _PyErr_StackItem,
    pub ag_origin_or_finalizer: *mut PyObject,
    pub ag_hooks_inited: c_char,
    pub ag_closed: c_char,
    pub ag_running_async: c_char,
    pub ag_frame_state: i8,
    pub ag_iframe: [*mut PyObject; 1],
}

#[repr(C)]
pub struct PyTracebackObject {
    pub ob_base: PyObject,
    pub tb_next: *mut PyTracebackObject,
    pub tb_frame: *mut PyObject,
    pub tb_lasti: c_int,
    pub tb_lineno: c_int,
}

pub const PySet_MINSIZE: usize = 8;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct setentry {
    pub key: *mut PyObject,
    pub hash: Py_hash_t,
}

#[repr(C)]
pub struct PySetObject {
    pub ob_base: PyObject,
    pub fill: Py_ssize_t,
    pub used: Py_ssize_t,
    pub mask: Py_ssize_t,
    pub table: *mut setentry,
    pub hash: Py_hash_t,
    pub finger: Py_ssize_t,
    pub smalltable: [setentry; PySet_MINSIZE],
    pub weakreflist: *mut PyObject,
}

#[repr(C)]
pub struct PySliceObject {
    pub ob_base: PyObject,
    pub start: *mut PyObject,
    pub stop: *mut PyObject,
    pub step: *mut PyObject,
}

#[repr(C)]
pub struct _PyManagedBufferObject {
    pub ob_base: PyObject,
    pub flags: c_int,
    pub exports: Py_ssize_t,
    pub master: Py_buffer,
}

#[repr(C)]
pub struct PyMemoryViewObject {
    pub ob_base: PyVarObject,
    pub mbuf: *mut _PyManagedBufferObject,
    pub hash: Py_hash_t,
    pub flags: c_int,
    pub exports: Py_ssize_t,
    pub view: Py_buffer,
    pub weakreflist: *mut PyObject,
    pub ob_array: [Py_ssize_t; 1],
}

#[repr(C)]
pub struct _PyUnicodeWriter {
    pub buffer: *mut PyObject,
    pub data: *mut c_void,
    pub kind: c_int,
    pub maxchar: u32,
    pub size: Py_ssize_t,
    pub pos: Py_ssize_t,
    pub min_length: Py_ssize_t,
    pub min_char: u32,
    pub overallocate: c_uchar,
    pub readonly: c_uchar,
}

#[repr(C)]
pub struct _PyArg_Parser {
    pub format: *const c_char,
    pub keywords: *const *const c_char,
    pub fname: *const c_char,
    pub custom_msg: *const c_char,
    pub pos: c_int,
    pub min: c_int,
    pub max: c_int,
    pub kwtuple: *mut PyObject,
    pub next: *mut _PyArg_Parser,
}

#[repr(C)]
pub struct _Py_Identifier {
    pub string: *const c_char,
    pub index: Py_ssize_t,
}

#[repr(C)]
pub struct _PyStackChunk {
    pub previous: *mut _PyStackChunk,
    pub size: usize,
    pub top: usize,
    pub data: [*mut PyObject; 1],
}

/// `_PyCrossInterpreterData` (`struct _xid`).
#[repr(C)]
pub struct _xid {
    pub data: *mut c_void,
    pub obj: *mut PyObject,
    pub interp: i64,
    pub new_object: Option<unsafe extern "C" fn(*mut _xid) -> *mut PyObject>,
    pub free: Option<unsafe extern "C" fn(*mut c_void)>,
}

#[repr(C)]
pub struct _Py_tss_t {
    pub _is_initialized: c_int,
    pub _key: libc::pthread_key_t,
}

#[repr(C)]
pub struct _Py_clock_info_t {
    pub implementation: *const c_char,
    pub monotonic: c_int,
    pub adjustable: c_int,
    pub resolution: f64,
}


/// pyexpat.h's capsule table (`pyexpat.expat_CAPI`); the function pointers are expat's, kept
/// opaque here.
#[repr(C)]
pub struct PyExpat_CAPI {
    pub magic: *mut c_char,
    pub size: c_int,
    pub MAJOR_VERSION: c_int,
    pub MINOR_VERSION: c_int,
    pub MICRO_VERSION: c_int,
    pub ErrorString: *mut c_void,
    pub GetErrorCode: *mut c_void,
    pub GetErrorColumnNumber: *mut c_void,
    pub GetErrorLineNumber: *mut c_void,
    pub Parse: *mut c_void,
    pub ParserCreate_MM: *mut c_void,
    pub ParserFree: *mut c_void,
    pub SetCharacterDataHandler: *mut c_void,
    pub SetCommentHandler: *mut c_void,
    pub SetDefaultHandlerExpand: *mut c_void,
    pub SetElementHandler: *mut c_void,
    pub SetNamespaceDeclHandler: *mut c_void,
    pub SetProcessingInstructionHandler: *mut c_void,
    pub SetUnknownEncodingHandler: *mut c_void,
    pub SetUserData: *mut c_void,
    pub SetStartDoctypeDeclHandler: *mut c_void,
    pub SetEncoding: *mut c_void,
    pub DefaultUnknownEncodingHandler: *mut c_void,
    pub SetHashSalt: *mut c_void,
}

// code.h: co_flags bits and the kinds of `co_localspluskinds`.
pub const CO_OPTIMIZED: c_int = 0x0001;
pub const CO_NEWLOCALS: c_int = 0x0002;
pub const CO_VARARGS: c_int = 0x0004;
pub const CO_VARKEYWORDS: c_int = 0x0008;
pub const CO_NESTED: c_int = 0x0010;
pub const CO_GENERATOR: c_int = 0x0020;
pub const CO_NOFREE: c_int = 0x0040;
pub const CO_COROUTINE: c_int = 0x0080;
pub const CO_ITERABLE_COROUTINE: c_int = 0x0100;
pub const CO_ASYNC_GENERATOR: c_int = 0x0200;
pub const CO_FAST_LOCAL: u8 = 0x20;
pub const CO_FAST_CELL: u8 = 0x40;
pub const CO_FAST_FREE: u8 = 0x80;
