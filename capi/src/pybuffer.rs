//! pybuffer.h: the buffer protocol.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int};
use crate::rt::protocol::buffer as buf;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_void, CStr};

#[no_mangle]
pub unsafe extern "C" fn PyObject_CheckBuffer(o: *mut PyObject) -> c_int {
    buf::has_buffer(o) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetBuffer(o: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    catch_int(|| buf::get_buffer(o, view, flags))
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_Release(view: *mut Py_buffer) {
    catch((), || buf::release(view))
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillInfo(
    view: *mut Py_buffer,
    o: *mut PyObject,
    b: *mut c_void,
    len: Py_ssize_t,
    readonly: c_int,
    flags: c_int,
) -> c_int {
    catch_int(|| buf::fill_info(view, o, b as *mut u8, len, readonly != 0, flags))
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_IsContiguous(view: *const Py_buffer, order: c_char) -> c_int {
    buf::is_contiguous(&*view, order as u8) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_GetPointer(view: *const Py_buffer, indices: *const Py_ssize_t) -> *mut c_void {
    let nd = (*view).ndim.max(0) as usize;
    let idx = if nd == 0 { &[][..] } else { std::slice::from_raw_parts(indices, nd) };
    buf::item_pointer(&*view, idx) as *mut c_void
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_SizeFromFormat(format: *const c_char) -> Py_ssize_t {
    let f = if format.is_null() { &b"B"[..] } else { CStr::from_ptr(format).to_bytes() };
    match buf::calcsize(f) {
        Some(n) => n,
        None => {
            err::raise(exc::value_error(), "bad char in struct format");
            -1
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_ToContiguous(b: *mut c_void, view: *const Py_buffer, len: Py_ssize_t, order: c_char) -> c_int {
    catch_int(|| buf::to_contiguous(b as *mut u8, &*view, len, order as u8))
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FromContiguous(view: *const Py_buffer, b: *const c_void, len: Py_ssize_t, order: c_char) -> c_int {
    catch_int(|| buf::from_contiguous(&*view, b as *const u8, len, order as u8))
}
#[no_mangle]
pub unsafe extern "C" fn PyBuffer_FillContiguousStrides(
    nd: c_int,
    shape: *mut Py_ssize_t,
    strides: *mut Py_ssize_t,
    itemsize: c_int,
    order: c_char,
) {
    if nd <= 0 {
        return;
    }
    let sh = std::slice::from_raw_parts(shape, nd as usize);
    let st = if order as u8 == b'F' { buf::f_strides(sh, itemsize as isize) } else { buf::c_strides(sh, itemsize as isize) };
    std::ptr::copy_nonoverlapping(st.as_ptr(), strides, nd as usize);
}
/// Copies the items of `src` into `dest` (same shape), through a contiguous copy.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CopyData(dest: *mut PyObject, src: *mut PyObject) -> c_int {
    catch_int(|| {
        let mut d = buf::Buffer::get_flags(dest, buf::PYBUF_FULL_RO | buf::PYBUF_WRITABLE)?;
        let s = buf::Buffer::get_flags(src, buf::PYBUF_FULL_RO)?;
        let (dv, svw) = (&*d.raw(), s.view());
        if dv.len < svw.len {
            return Err(err::raise(exc::buffer_error(), "destination is too small to receive data from source"));
        }
        let mut tmp = vec![0u8; svw.len as usize];
        buf::to_contiguous(tmp.as_mut_ptr(), svw, svw.len, b'C')?;
        buf::from_contiguous(dv, tmp.as_ptr(), svw.len, b'C')
    })
}
