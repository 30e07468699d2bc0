//! memoryobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::objects::memoryobject as mv;
use std::ffi::{c_char, c_int};

const PYBUF_WRITE: c_int = 0x200;

#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromObject(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| mv::from_object(o))
}
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromBuffer(info: *const Py_buffer) -> *mut PyObject {
    catch_obj(|| mv::from_info(&*info))
}
/// A one-dimensional byte view of `size` bytes at `mem`, writable with PyBUF_WRITE (else
/// PyBUF_READ).
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_FromMemory(mem: *mut c_char, size: Py_ssize_t, flags: c_int) -> *mut PyObject {
    catch_obj(|| {
        // Safety: Py_buffer is plain data; fill_info sets every field used.
        let mut info: Py_buffer = std::mem::zeroed();
        let readonly = flags & PYBUF_WRITE == 0;
        crate::rt::protocol::buffer::fill_info(&mut info, std::ptr::null_mut(), mem as *mut u8, size, readonly, crate::rt::protocol::buffer::PYBUF_FULL_RO)?;
        mv::from_info(&info)
    })
}
/// A memoryview of `o`'s data in `order`: the object's own when contiguous, else a copy.
#[no_mangle]
pub unsafe extern "C" fn PyMemoryView_GetContiguous(o: *mut PyObject, buffertype: c_int, order: c_char) -> *mut PyObject {
    catch_obj(|| {
        let m = mv::from_object(o)?;
        let v = &(*(m.as_ptr() as *mut PyMemoryViewObject)).view;
        if crate::rt::protocol::buffer::is_contiguous(v, order as u8) {
            return Ok(m);
        }
        if buffertype == PYBUF_WRITE {
            return Err(crate::rt::err::raise(crate::rt::exc::buffer_error(), "writable contiguous buffer requested for a non-contiguous object."));
        }
        let data = crate::rt::protocol::buffer::Buffer::contiguous_copy(m.as_ptr())?;
        let b = crate::rt::objects::bytesobject::from_slice(&data)?;
        mv::from_object(b.as_ptr())
    })
}
