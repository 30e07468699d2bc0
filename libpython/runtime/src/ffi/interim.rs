//! Struct twins the core needs right away. The full mirror of the headers (with the layout
//! test) replaces this file; names and fields are CPython's, so nothing else changes then.
use super::object::*;
use std::ffi::{c_char, c_int, c_ulong, c_void};

pub type digit = u32;
pub const PyLong_SHIFT: u32 = 30;
pub const PyLong_BASE: digit = 1 << PyLong_SHIFT;
pub const PyLong_MASK: digit = PyLong_BASE - 1;

#[repr(C)]
pub struct PyLongObject {
    pub ob_base: PyVarObject,
    pub ob_digit: [digit; 1],
}

#[repr(C)]
pub struct PyFloatObject {
    pub ob_base: PyObject,
    pub ob_fval: f64,
}

#[repr(C)]
pub struct PyTupleObject {
    pub ob_base: PyVarObject,
    pub ob_item: [*mut PyObject; 1],
}

#[repr(C)]
pub struct PyListObject {
    pub ob_base: PyVarObject,
    pub ob_item: *mut *mut PyObject,
    pub allocated: Py_ssize_t,
}

#[repr(C)]
pub struct PyDictObject {
    pub ob_base: PyObject,
    pub ma_used: Py_ssize_t,
    pub ma_version_tag: u64,
    pub ma_keys: *mut c_void,
    pub ma_values: *mut c_void,
}

#[repr(C)]
pub struct PyBytesObject {
    pub ob_base: PyVarObject,
    pub ob_shash: Py_hash_t,
    pub ob_sval: [c_char; 1],
}

#[repr(C)]
pub struct PyASCIIObject {
    pub ob_base: PyObject,
    pub length: Py_ssize_t,
    pub hash: Py_hash_t,
    /// Bitfield: interned:2, kind:3, compact:1, ascii:1, ready:1.
    pub state: u32,
    pub wstr: *mut libc::wchar_t,
}

#[repr(C)]
pub struct PyCompactUnicodeObject {
    pub _base: PyASCIIObject,
    pub utf8_length: Py_ssize_t,
    pub utf8: *mut c_char,
    pub wstr_length: Py_ssize_t,
}

#[repr(C)]
pub struct PyUnicodeObject {
    pub _base: PyCompactUnicodeObject,
    pub data: *mut c_void,
}

pub const SSTATE_NOT_INTERNED: u32 = 0;
pub const SSTATE_INTERNED_MORTAL: u32 = 1;
pub const SSTATE_INTERNED_IMMORTAL: u32 = 2;
pub const PyUnicode_1BYTE_KIND: u32 = 1;
pub const PyUnicode_2BYTE_KIND: u32 = 2;
pub const PyUnicode_4BYTE_KIND: u32 = 4;

#[repr(C)]
pub struct PyBaseExceptionObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: c_char,
}

#[repr(C)]
pub struct PyGC_Head {
    pub _gc_next: usize,
    pub _gc_prev: usize,
}

#[repr(C)]
pub struct PyDescrObject {
    pub ob_base: PyObject,
    pub d_type: *mut PyTypeObject,
    pub d_name: *mut PyObject,
    pub d_qualname: *mut PyObject,
}

#[repr(C)]
pub struct PyMethodDescrObject {
    pub d_common: PyDescrObject,
    pub d_method: *mut PyMethodDef,
    pub vectorcall: vectorcallfunc,
}

#[repr(C)]
pub struct PyMemberDescrObject {
    pub d_common: PyDescrObject,
    pub d_member: *mut PyMemberDef,
}

#[repr(C)]
pub struct PyGetSetDescrObject {
    pub d_common: PyDescrObject,
    pub d_getset: *mut PyGetSetDef,
}

pub type wrapperfunc =
    Option<unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut c_void) -> *mut PyObject>;

#[repr(C)]
pub struct wrapperbase {
    pub name: *const c_char,
    pub offset: c_int,
    pub function: *mut c_void,
    pub wrapper: wrapperfunc,
    pub doc: *const c_char,
    pub flags: c_int,
    pub name_strobj: *mut PyObject,
}

#[repr(C)]
pub struct PyWrapperDescrObject {
    pub d_common: PyDescrObject,
    pub d_base: *mut wrapperbase,
    pub d_wrapped: *mut c_void,
}

#[repr(C)]
pub struct PyCFunctionObject {
    pub ob_base: PyObject,
    pub m_ml: *mut PyMethodDef,
    pub m_self: *mut PyObject,
    pub m_module: *mut PyObject,
    pub m_weakreflist: *mut PyObject,
    pub vectorcall: vectorcallfunc,
}

#[repr(C)]
pub struct _PyErr_StackItem {
    pub exc_value: *mut PyObject,
    pub previous_item: *mut _PyErr_StackItem,
}

#[repr(C)]
pub struct _PyCFrame {
    pub use_tracing: u8,
    pub current_frame: *mut c_void,
    pub previous: *mut _PyCFrame,
}

#[repr(C)]
pub struct _opaque {
    pub computed_line: c_int,
    pub lo_next: *const u8,
    pub limit: *const u8,
}

#[repr(C)]
pub struct PyCodeAddressRange {
    pub ar_start: c_int,
    pub ar_end: c_int,
    pub ar_line: c_int,
    pub opaque: _opaque,
}

#[repr(C)]
pub struct PyTraceInfo {
    pub code: *mut PyObject,
    pub bounds: PyCodeAddressRange,
}

pub type Py_tracefunc =
    Option<unsafe extern "C" fn(*mut PyObject, *mut c_void, c_int, *mut PyObject) -> c_int>;

#[repr(C)]
pub struct PyThreadState {
    pub prev: *mut PyThreadState,
    pub next: *mut PyThreadState,
    pub interp: *mut c_void,
    pub _initialized: c_int,
    pub _static: c_int,
    pub recursion_remaining: c_int,
    pub recursion_limit: c_int,
    pub recursion_headroom: c_int,
    pub tracing: c_int,
    pub tracing_what: c_int,
    pub cframe: *mut _PyCFrame,
    pub c_profilefunc: Py_tracefunc,
    pub c_tracefunc: Py_tracefunc,
    pub c_profileobj: *mut PyObject,
    pub c_traceobj: *mut PyObject,
    pub curexc_type: *mut PyObject,
    pub curexc_value: *mut PyObject,
    pub curexc_traceback: *mut PyObject,
    pub exc_info: *mut _PyErr_StackItem,
    pub dict: *mut PyObject,
    pub gilstate_counter: c_int,
    pub async_exc: *mut PyObject,
    pub thread_id: c_ulong,
    pub native_thread_id: c_ulong,
    pub trash_delete_nesting: c_int,
    pub trash_delete_later: *mut PyObject,
    pub on_delete: Option<unsafe extern "C" fn(*mut c_void)>,
    pub on_delete_data: *mut c_void,
    pub coroutine_origin_tracking_depth: c_int,
    pub async_gen_firstiter: *mut PyObject,
    pub async_gen_finalizer: *mut PyObject,
    pub context: *mut PyObject,
    pub context_ver: u64,
    pub id: u64,
    pub trace_info: PyTraceInfo,
    pub datastack_chunk: *mut c_void,
    pub datastack_top: *mut *mut PyObject,
    pub datastack_limit: *mut *mut PyObject,
    pub exc_state: _PyErr_StackItem,
    pub root_cframe: _PyCFrame,
}

#[repr(C)]
pub struct PyModuleDef_Base {
    pub ob_base: PyObject,
    pub m_init: Option<unsafe extern "C" fn() -> *mut PyObject>,
    pub m_index: Py_ssize_t,
    pub m_copy: *mut PyObject,
}

#[repr(C)]
pub struct PyModuleDef_Slot {
    pub slot: c_int,
    pub value: *mut c_void,
}

#[repr(C)]
pub struct PyModuleDef {
    pub m_base: PyModuleDef_Base,
    pub m_name: *const c_char,
    pub m_doc: *const c_char,
    pub m_size: Py_ssize_t,
    pub m_methods: *mut PyMethodDef,
    pub m_slots: *mut PyModuleDef_Slot,
    pub m_traverse: traverseproc,
    pub m_clear: inquiry,
    pub m_free: freefunc,
}

/// Bit positions in `PyASCIIObject.state` (a C bitfield: interned:2, kind:3, compact:1,
/// ascii:1, ready:1, low bits first on GCC/x86-64).
pub const STATE_INTERNED_SHIFT: u32 = 0;
pub const STATE_KIND_SHIFT: u32 = 2;
pub const STATE_COMPACT: u32 = 1 << 5;
pub const STATE_ASCII: u32 = 1 << 6;
pub const STATE_READY: u32 = 1 << 7;
