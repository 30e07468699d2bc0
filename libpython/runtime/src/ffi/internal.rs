//! The few structs of CPython 3.11's internal headers that extensions reach through macros
//! or that Ferric mirrors exactly: frames (`_PyInterpreterFrame`, `struct _frame`).
use super::object::*;
use super::objects::PyCodeObject;
use std::ffi::{c_char, c_int};

#[repr(C)]
pub struct _PyInterpreterFrame {
    pub f_func: *mut PyObject,
    pub f_globals: *mut PyObject,
    pub f_builtins: *mut PyObject,
    pub f_locals: *mut PyObject,
    pub f_code: *mut PyCodeObject,
    pub frame_obj: *mut PyFrameObject,
    pub previous: *mut _PyInterpreterFrame,
    pub prev_instr: *mut u16,
    pub stacktop: c_int,
    pub is_entry: bool,
    pub owner: c_char,
    pub localsplus: [*mut PyObject; 1],
}

/// `struct _frame`: the Python-visible frame object.
#[repr(C)]
pub struct PyFrameObject {
    pub ob_base: PyObject,
    pub f_back: *mut PyFrameObject,
    pub f_frame: *mut _PyInterpreterFrame,
    pub f_trace: *mut PyObject,
    pub f_lineno: c_int,
    pub f_trace_lines: c_char,
    pub f_trace_opcodes: c_char,
    pub f_fast_as_locals: c_char,
    pub _f_frame_data: [*mut PyObject; 1],
}
