//! The buffer protocol (CPython's abstract.c and pybuffer.h): getting and releasing a
//! `Py_buffer` through `tp_as_buffer`, `PyBuffer_FillInfo` for exporters of one flat run of
//! bytes, and `Buffer`, an owned export that releases itself.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::full_name;
use std::ffi::c_int;
use std::ptr::null_mut;

pub const PYBUF_SIMPLE: c_int = 0;
pub const PYBUF_WRITABLE: c_int = 0x0001;
pub const PYBUF_FORMAT: c_int = 0x0004;
pub const PYBUF_ND: c_int = 0x0008;
pub const PYBUF_STRIDES: c_int = 0x0010 | PYBUF_ND;
pub const PYBUF_C_CONTIGUOUS: c_int = 0x0020 | PYBUF_STRIDES;
pub const PYBUF_F_CONTIGUOUS: c_int = 0x0040 | PYBUF_STRIDES;
pub const PYBUF_ANY_CONTIGUOUS: c_int = 0x0080 | PYBUF_STRIDES;
pub const PYBUF_INDIRECT: c_int = 0x0100 | PYBUF_STRIDES;
pub const PYBUF_FULL_RO: c_int = PYBUF_INDIRECT | PYBUF_FORMAT;
pub const PYBUF_RECORDS_RO: c_int = PYBUF_STRIDES | PYBUF_FORMAT;

/// PyObject_CheckBuffer.
pub unsafe fn has_buffer(op: *mut PyObject) -> bool {
    let procs = (*type_of(op)).tp_as_buffer;
    !procs.is_null() && (*procs).bf_getbuffer.is_some()
}

/// PyObject_GetBuffer: fills `view` from the exporter, or raises CPython's TypeError.
pub unsafe fn get_buffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> PyResult<()> {
    let procs = (*type_of(op)).tp_as_buffer;
    match if procs.is_null() { None } else { (*procs).bf_getbuffer } {
        Some(get) => {
            if get(op, view, flags) < 0 {
                Err(crate::err::ErrSet::assume_set())
            } else {
                Ok(())
            }
        }
        None => Err(raise(exc::type_error(), format!("a bytes-like object is required, not '{}'", full_name(type_of(op))))),
    }
}

/// PyBuffer_Release: hands the view back to its exporter and drops the reference.
pub unsafe fn release(view: *mut Py_buffer) {
    let obj = (*view).obj;
    if obj.is_null() {
        return;
    }
    let procs = (*type_of(obj)).tp_as_buffer;
    if !procs.is_null() {
        if let Some(rel) = (*procs).bf_releasebuffer {
            rel(obj, view);
        }
    }
    (*view).obj = null_mut();
    decref(obj);
}

static mut FORMAT_B: [u8; 2] = *b"B\0";

/// PyBuffer_FillInfo: a one-dimensional view of `len` unsigned bytes at `buf` owned by `obj`.
pub unsafe fn fill_info(view: *mut Py_buffer, obj: *mut PyObject, buf: *mut u8, len: Py_ssize_t, readonly: bool, flags: c_int) -> PyResult<()> {
    if view.is_null() {
        return Err(raise(exc::buffer_error(), "PyBuffer_FillInfo: view==NULL argument is obsolete"));
    }
    if flags & PYBUF_WRITABLE != 0 && readonly {
        return Err(raise(exc::buffer_error(), "Object is not writable."));
    }
    if !obj.is_null() {
        incref(obj);
    }
    let v = &mut *view;
    v.obj = obj;
    v.buf = buf as *mut _;
    v.len = len;
    v.readonly = readonly as c_int;
    v.itemsize = 1;
    v.format = if flags & PYBUF_FORMAT != 0 { (&raw mut FORMAT_B) as *mut std::ffi::c_char } else { null_mut() };
    v.ndim = 1;
    v.shape = if flags & PYBUF_ND == PYBUF_ND { &mut v.len } else { null_mut() };
    v.strides = if flags & PYBUF_STRIDES == PYBUF_STRIDES { &mut v.itemsize } else { null_mut() };
    v.suboffsets = null_mut();
    v.internal = null_mut();
    Ok(())
}

/// An export held for as long as the value lives (a simple, C-contiguous view).
pub struct Buffer {
    view: Box<Py_buffer>,
}

impl Buffer {
    /// The bytes of a bytes-like object; `TypeError: a bytes-like object is required, not 'T'`.
    pub unsafe fn get(op: *mut PyObject) -> PyResult<Buffer> {
        Self::get_flags(op, PYBUF_SIMPLE)
    }

    pub unsafe fn get_flags(op: *mut PyObject, flags: c_int) -> PyResult<Buffer> {
        // Safety: Py_buffer is plain data; all-zero is its "unfilled" state.
        let mut view: Box<Py_buffer> = Box::new(std::mem::zeroed());
        get_buffer(op, &mut *view, flags)?;
        Ok(Buffer { view })
    }

    pub fn as_slice(&self) -> &[u8] {
        if self.view.len <= 0 || self.view.buf.is_null() {
            return &[];
        }
        // Safety: a successful getbuffer exports `len` readable bytes at `buf` until released.
        unsafe { std::slice::from_raw_parts(self.view.buf as *const u8, self.view.len as usize) }
    }

    pub fn raw(&mut self) -> *mut Py_buffer {
        &mut *self.view
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        // Safety: the view was filled by get_buffer and is released once.
        unsafe { release(&mut *self.view) }
    }
}

impl std::ops::Deref for Buffer {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}
