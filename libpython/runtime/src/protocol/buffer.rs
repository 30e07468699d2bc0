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

    /// A copy of the items of any exporter in C order, contiguous or not (PyBUF_FULL_RO and
    /// PyBuffer_ToContiguous, as bytes() and bytearray() take them).
    pub unsafe fn contiguous_copy(op: *mut PyObject) -> PyResult<Vec<u8>> {
        let b = Self::get_flags(op, PYBUF_FULL_RO)?;
        let v = b.view();
        let mut out = vec![0u8; v.len.max(0) as usize];
        to_contiguous(out.as_mut_ptr(), v, v.len, b'C')?;
        Ok(out)
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

    pub fn view(&self) -> &Py_buffer {
        &self.view
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

// ---- shapes and strides ---------------------------------------------------------------------

/// The shape and strides of a view as vectors (a flat view of bytes when they are absent).
pub unsafe fn dims(v: &Py_buffer) -> (Vec<isize>, Vec<isize>) {
    let nd = v.ndim.max(0) as usize;
    if nd == 0 {
        return (vec![], vec![]);
    }
    let shape: Vec<isize> =
        if v.shape.is_null() { vec![v.len / v.itemsize.max(1)] } else { std::slice::from_raw_parts(v.shape, nd).to_vec() };
    let strides = if v.strides.is_null() { c_strides(&shape, v.itemsize) } else { std::slice::from_raw_parts(v.strides, nd).to_vec() };
    (shape, strides)
}

/// The strides of a C-contiguous (row-major) array.
pub fn c_strides(shape: &[isize], itemsize: isize) -> Vec<isize> {
    let mut st = vec![0; shape.len()];
    let mut sd = itemsize;
    for i in (0..shape.len()).rev() {
        st[i] = sd;
        sd *= shape[i];
    }
    st
}

/// The strides of a Fortran-contiguous (column-major) array.
pub fn f_strides(shape: &[isize], itemsize: isize) -> Vec<isize> {
    let mut st = vec![0; shape.len()];
    let mut sd = itemsize;
    for i in 0..shape.len() {
        st[i] = sd;
        sd *= shape[i];
    }
    st
}

/// True when strides agree with `want` wherever the dimension is longer than one.
fn strides_match(shape: &[isize], strides: &[isize], want: &[isize]) -> bool {
    shape.iter().zip(strides.iter().zip(want)).all(|(&d, (&s, &w))| d <= 1 || s == w)
}

/// PyBuffer_IsContiguous for order 'C', 'F' or 'A' (either).
pub unsafe fn is_contiguous(v: &Py_buffer, order: u8) -> bool {
    if !v.suboffsets.is_null() {
        return false;
    }
    if v.len == 0 || v.strides.is_null() && (order != b'F' || v.ndim <= 1) {
        return true;
    }
    let (shape, strides) = dims(v);
    if v.strides.is_null() {
        // C-contiguous by definition; Fortran too when at most one dimension is long.
        return shape.iter().filter(|&&d| d > 1).count() <= 1;
    }
    let c = strides_match(&shape, &strides, &c_strides(&shape, v.itemsize));
    let f = strides_match(&shape, &strides, &f_strides(&shape, v.itemsize));
    match order {
        b'C' => c,
        b'F' => f,
        _ => c || f,
    }
}

/// The address of the item at `idx` (PyBuffer_GetPointer), following suboffsets.
pub unsafe fn item_pointer(v: &Py_buffer, idx: &[isize]) -> *mut u8 {
    let (_, strides) = dims(v);
    let mut p = v.buf as *mut u8;
    for (i, &k) in idx.iter().enumerate() {
        p = p.offset(strides[i] * k);
        if !v.suboffsets.is_null() && *v.suboffsets.add(i) >= 0 {
            p = (*(p as *mut *mut u8)).offset(*v.suboffsets.add(i));
        }
    }
    p
}

/// Calls `f` with each index of `shape`, the last index varying fastest ('C') or the first
/// ('F').
pub fn for_each_index(shape: &[isize], order: u8, mut f: impl FnMut(&[isize])) {
    if shape.iter().any(|&d| d <= 0) {
        return;
    }
    let nd = shape.len();
    let mut idx = vec![0isize; nd];
    loop {
        f(&idx);
        let mut k = 0;
        loop {
            if k == nd {
                return;
            }
            let d = if order == b'F' { k } else { nd - 1 - k };
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
            k += 1;
        }
    }
}

/// PyBuffer_ToContiguous: the items of `v` into `dst` (at least `v.len` bytes) in `order`.
pub unsafe fn to_contiguous(dst: *mut u8, v: &Py_buffer, len: isize, order: u8) -> PyResult<()> {
    if len != v.len {
        return Err(raise(exc::value_error(), "PyBuffer_ToContiguous: len != view->len"));
    }
    if is_contiguous(v, if order == b'A' { b'C' } else { order }) || (order == b'A' && is_contiguous(v, b'F')) {
        std::ptr::copy_nonoverlapping(v.buf as *const u8, dst, len as usize);
        return Ok(());
    }
    let (shape, _) = dims(v);
    let item = v.itemsize as usize;
    // Never write past `len`, whatever an inconsistent exporter claims.
    if shape.iter().try_fold(v.itemsize, |acc, &d| acc.checked_mul(d.max(0))) != Some(len) {
        return Err(raise(exc::buffer_error(), "PyBuffer_ToContiguous: shape and itemsize do not match len"));
    }
    let mut off = 0;
    for_each_index(&shape, if order == b'F' { b'F' } else { b'C' }, |idx| {
        std::ptr::copy_nonoverlapping(item_pointer(v, idx), dst.add(off), item);
        off += item;
    });
    Ok(())
}

/// PyBuffer_FromContiguous: `len` bytes at `src`, in `order`, into the items of `v`.
pub unsafe fn from_contiguous(v: &Py_buffer, src: *const u8, len: isize, order: u8) -> PyResult<()> {
    let len = len.min(v.len).max(0);
    let (shape, _) = dims(v);
    let item = v.itemsize as usize;
    let mut off = 0usize;
    for_each_index(&shape, if order == b'F' { b'F' } else { b'C' }, |idx| {
        if off + item <= len as usize {
            std::ptr::copy_nonoverlapping(src.add(off), item_pointer(v, idx), item);
        }
        off += item;
    });
    Ok(())
}

/// The size of one item of a struct format (PyBuffer_SizeFromFormat, struct.calcsize):
/// native sizes and alignment for '@' (the default), standard sizes for '<', '>', '=', '!'.
pub fn calcsize(fmt: &[u8]) -> Option<isize> {
    let (native, body) = match fmt.first() {
        Some(b'@') => (true, &fmt[1..]),
        Some(b'<' | b'>' | b'=' | b'!') => (false, &fmt[1..]),
        _ => (true, fmt),
    };
    let mut size: isize = 0;
    let mut i = 0;
    while i < body.len() {
        let mut count: isize = 1;
        if body[i].is_ascii_digit() {
            count = 0;
            while i < body.len() && body[i].is_ascii_digit() {
                count = count.checked_mul(10)?.checked_add((body[i] - b'0') as isize)?;
                i += 1;
            }
        }
        let c = *body.get(i)?;
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        let (sz, align): (isize, isize) = match (c, native) {
            (b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p', _) => (1, 1),
            (b'h' | b'H' | b'e', _) => (2, 2),
            (b'i' | b'I' | b'f', _) => (4, 4),
            (b'l' | b'L', true) => (8, 8),
            (b'l' | b'L', false) => (4, 4),
            (b'q' | b'Q' | b'd', _) => (8, 8),
            (b'n' | b'N' | b'P', true) => (8, 8),
            _ => return None,
        };
        if native {
            size = (size + align - 1) / align * align;
        }
        size = if matches!(c, b's' | b'p') { size.checked_add(count)? } else { size.checked_add(sz.checked_mul(count)?)? };
    }
    Some(size)
}
