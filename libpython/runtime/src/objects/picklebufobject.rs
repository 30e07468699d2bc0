//! `pickle.PickleBuffer` (`Objects/picklebufobject.c`): holds one buffer export of another
//! object for pickle protocol 5's out-of-band data; itself exports that buffer, `raw()` gives
//! a flat byte view of it, and `release()` gives the export back.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::protocol::buffer;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

const MEMORYVIEW_C: c_int = 0x002;
const MEMORYVIEW_FORTRAN: c_int = 0x004;

#[repr(C)]
pub struct PyPickleBufferObject {
    pub ob_base: PyObject,
    pub view: Py_buffer,
    pub weakreflist: *mut PyObject,
}

static mut PICKLEBUF_METHODS: [PyMethodDef; 3] = [
    method(c"raw", picklebuf_raw as *const (), METH_NOARGS, c"raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\nWill raise BufferError is the buffer isn't contiguous."),
    method(c"release", picklebuf_release as *const (), METH_NOARGS, c"release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer object."),
    METHOD_END,
];

static mut PICKLEBUF_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(picklebuf_getbuf), bf_releasebuffer: None };

#[no_mangle]
pub static mut PyPickleBuffer_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"pickle.PickleBuffer".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyPickleBufferObject>() as _,
    tp_dealloc: Some(picklebuf_dealloc),
    tp_as_buffer: &raw mut PICKLEBUF_AS_BUFFER,
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"Wrapper for potentially out-of-band buffers".as_ptr(),
    tp_traverse: Some(picklebuf_traverse),
    tp_clear: Some(picklebuf_clear),
    tp_weaklistoffset: std::mem::offset_of!(PyPickleBufferObject, weakreflist) as _,
    tp_methods: (&raw mut PICKLEBUF_METHODS) as *mut PyMethodDef,
    tp_new: Some(picklebuf_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyPickleBuffer_Type
}

unsafe fn pb(op: *mut PyObject) -> *mut PyPickleBufferObject {
    op as *mut PyPickleBufferObject
}

fn released() -> crate::ErrSet {
    raise(exc::value_error(), "operation forbidden on released PickleBuffer object")
}

/// `PyPickleBuffer_FromObject`: a PickleBuffer over a full read-only-or-writable export.
pub unsafe fn from_object(base: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PyPickleBufferObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyPickleBuffer_Type);
    std::ptr::write_bytes(&raw mut (*pb(op)).view, 0, 1);
    (*pb(op)).weakreflist = null_mut();
    // Owned from here: dropping it on failure releases nothing (view.obj is NULL).
    let obj = Obj::from_owned_nonnull(op);
    buffer::get_buffer(base, &raw mut (*pb(op)).view, buffer::PYBUF_FULL_RO)?;
    crate::gc::track(op);
    Ok(obj)
}

/// `PyPickleBuffer_GetBuffer`: the held export, or an error if `op` is not a PickleBuffer
/// or was released.
pub unsafe fn get_buffer(op: *mut PyObject) -> PyResult<*const Py_buffer> {
    if !check(op) {
        return Err(raise(exc::type_error(), format!("expected PickleBuffer, {:.200} found", typeobject::full_name(type_of(op)))));
    }
    if (*pb(op)).view.obj.is_null() {
        return Err(released());
    }
    Ok(&raw const (*pb(op)).view)
}

/// `PyPickleBuffer_Release`.
pub unsafe fn release(op: *mut PyObject) -> PyResult<()> {
    if !check(op) {
        return Err(raise(exc::type_error(), format!("expected PickleBuffer, {:.200} found", typeobject::full_name(type_of(op)))));
    }
    buffer::release(&raw mut (*pb(op)).view);
    Ok(())
}

unsafe extern "C" fn picklebuf_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        // PyArg_ParseTupleAndKeywords(args, kwds, "O:PickleBuffer", {"", NULL}) in CPython.
        let n = size_of_var(args) as usize;
        let nkw = if kwds.is_null() { 0 } else { crate::objects::dictobject::len(kwds) as usize };
        if n + nkw > 1 {
            return Err(raise(exc::type_error(), format!("PickleBuffer() takes at most 1 argument ({} given)", n + nkw)));
        }
        if n == 0 {
            return Err(raise(exc::type_error(), "PickleBuffer() takes exactly 1 positional argument (0 given)"));
        }
        from_object(crate::objects::tupleobject::get_item(args, 0))
    })
}

unsafe extern "C" fn picklebuf_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    if !(*pb(op)).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    buffer::release(&raw mut (*pb(op)).view);
    crate::gc::free(op);
}

unsafe extern "C" fn picklebuf_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match visit {
        Some(visit) if !(*pb(op)).view.obj.is_null() => visit((*pb(op)).view.obj, arg),
        _ => 0,
    }
}

unsafe extern "C" fn picklebuf_clear(op: *mut PyObject) -> c_int {
    buffer::release(&raw mut (*pb(op)).view);
    0
}

/// Exports the held buffer again (a new export of the underlying object).
unsafe extern "C" fn picklebuf_getbuf(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    let held = (*pb(op)).view.obj;
    if held.is_null() {
        released();
        return -1;
    }
    crate::guard::catch_int(|| buffer::get_buffer(held, view, flags))
}

/// A one-dimensional unsigned-byte memoryview of the whole (contiguous) buffer.
unsafe extern "C" fn picklebuf_raw(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = &(*pb(op)).view;
        if v.obj.is_null() {
            return Err(released());
        }
        if !v.suboffsets.is_null() || !buffer::is_contiguous(v, b'A') {
            return Err(raise(exc::buffer_error(), "cannot extract raw buffer from non-contiguous buffer"));
        }
        let mv = crate::objects::memoryobject::from_object(op)?;
        let m = mv.as_ptr() as *mut PyMemoryViewObject;
        // The view is the same memory seen as len unsigned bytes (as CPython rewrites it).
        let mview = &mut (*m).view;
        mview.itemsize = 1;
        mview.ndim = 1;
        mview.format = c"B".as_ptr() as *mut _;
        mview.shape = &raw mut mview.len;
        mview.strides = &raw mut mview.itemsize;
        mview.suboffsets = null_mut();
        (*m).flags = MEMORYVIEW_C | MEMORYVIEW_FORTRAN;
        Ok(mv)
    })
}

unsafe extern "C" fn picklebuf_release(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    buffer::release(&raw mut (*pb(op)).view);
    let none = crate::objects::noneobject::none();
    incref(none);
    none
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyPickleBuffer_Type)
}
