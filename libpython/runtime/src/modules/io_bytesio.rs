//! `_io.BytesIO` (CPython's Modules/_io/bytesio.c): an in-memory bytes buffer, with
//! `getbuffer()` views (through `_io._BytesIOBuffer`) that block resizing while they live.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being BytesIO instances.

use super::io_iobase::*;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::{dictobject as dict, tupleobject as tuple};
use std::ffi::c_int;
use std::ptr::null_mut;

pub struct BytesIO {
    pub buf: Vec<u8>,
    pub pos: usize,
    pub closed: bool,
    pub exports: isize,
}

unsafe fn bio<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesIO> {
    match state(op) {
        Some(State::Bytes(b)) => Ok(b),
        _ => Err(uninitialized()),
    }
}

/// The open buffer (ValueError when closed).
unsafe fn open_bio<'a>(op: *mut PyObject) -> PyResult<&'a mut BytesIO> {
    let b = bio(op)?;
    if b.closed {
        return Err(closed_error());
    }
    Ok(b)
}

fn check_exports(b: &BytesIO) -> PyResult<()> {
    if b.exports > 0 {
        return Err(raise(exc::buffer_error(), "Existing exports of data: object cannot be re-sized"));
    }
    Ok(())
}

unsafe extern "C" fn bytesio_new(tp: *mut PyTypeObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let op = typeobject::alloc_instance(tp)?;
        set_state(op.as_ptr(), State::Bytes(BytesIO { buf: Vec::new(), pos: 0, closed: false, exports: 0 }));
        Ok(op)
    })
}

unsafe extern "C" fn bytesio_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("BytesIO", args, kwds, &["initial_bytes"], 0)?;
        let b = bio(op)?;
        check_exports(b)?;
        b.buf.clear();
        b.pos = 0;
        b.closed = false;
        if let Some(v) = a[0].filter(|v| !is_none(*v)) {
            b.buf = buffer_bytes(v)?;
        }
        Ok(())
    })
}

/// Writes at the position (zero-filling a gap); returns the count.
unsafe fn write_bytes(b: &mut BytesIO, data: &[u8]) -> PyResult<usize> {
    let end = b.pos + data.len();
    if end > b.buf.len() && b.buf.try_reserve(end - b.buf.len()).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    if b.buf.len() < b.pos {
        b.buf.resize(b.pos, 0);
    }
    if b.buf.len() < end {
        b.buf.resize(end, 0);
    }
    b.buf[b.pos..end].copy_from_slice(data);
    b.pos = end;
    Ok(data.len())
}

/// The next `n` bytes (all that is left for a negative `n`), advancing.
fn take(b: &mut BytesIO, n: isize) -> &[u8] {
    let start = b.pos.min(b.buf.len());
    let avail = b.buf.len() - start;
    let n = if n < 0 { avail } else { (n as usize).min(avail) };
    b.pos = start + n;
    &b.buf[start..start + n]
}

/// The length of the next line (up to `limit` when it is not negative).
fn scan_eol(b: &BytesIO, limit: isize) -> usize {
    let start = b.pos.min(b.buf.len());
    let rest = &b.buf[start..];
    let mut n = match rest.iter().position(|&c| c == b'\n') {
        Some(i) => i + 1,
        None => rest.len(),
    };
    if limit >= 0 && n > limit as usize {
        n = limit as usize;
    }
    n
}

unsafe fn bytesio_getvalue(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    bytes_obj(&open_bio(op)?.buf)
}

unsafe fn bytesio_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    let b = open_bio(op)?;
    bytes_obj(take(b, n))
}

unsafe fn bytesio_read1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    bytesio_read(op, a)
}

unsafe fn bytesio_readline(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    let b = open_bio(op)?;
    let len = scan_eol(b, n);
    bytes_obj(take(b, len as isize))
}

unsafe fn bytesio_readlines(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let hint = size_arg(a, 0)?;
    let b = open_bio(op)?;
    let out = crate::objects::listobject::new(0)?;
    let mut total = 0usize;
    loop {
        let n = scan_eol(b, -1);
        if n == 0 {
            break;
        }
        let line = bytes_obj(take(b, n as isize))?;
        crate::objects::listobject::append(out.as_ptr(), line.as_ptr())?;
        total += n;
        if hint > 0 && total >= hint as usize {
            break;
        }
    }
    Ok(out)
}

unsafe fn bytesio_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    with_writable(a[0], |dst| {
        let b = bio(op)?;
        let src = take(b, dst.len() as isize);
        dst[..src.len()].copy_from_slice(src);
        Ok(int(src.len() as i64))
    })
}

unsafe fn bytesio_truncate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let b = open_bio(op)?;
    check_exports(b)?;
    let size = match a.first() {
        None => b.pos as isize,
        Some(&v) if is_none(v) => b.pos as isize,
        Some(&v) => index_arg(v)?,
    };
    if size < 0 {
        return Err(raise(exc::value_error(), format!("negative size value {size}")));
    }
    if (size as usize) < b.buf.len() {
        b.buf.truncate(size as usize);
    }
    Ok(int(size as i64))
}

/// The `(pos, whence)` arguments of a seek.
pub unsafe fn seek_args(a: &[*mut PyObject]) -> PyResult<(isize, c_int)> {
    let pos = index_arg(a[0])?;
    let whence = match a.get(1) {
        Some(&w) => {
            if crate::objects::floatobject::check(w) {
                return Err(raise(exc::type_error(), "'float' object cannot be interpreted as an integer"));
            }
            crate::protocol::number::c_int_arg(w)?
        }
        None => 0,
    };
    Ok((pos, whence))
}

unsafe fn bytesio_seek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (mut pos, whence) = seek_args(a)?;
    let b = open_bio(op)?;
    if pos < 0 && whence == 0 {
        return Err(raise(exc::value_error(), format!("negative seek value {pos}")));
    }
    match whence {
        0 => {}
        1 => pos = pos.checked_add(b.pos as isize).ok_or_else(|| raise(exc::overflow_error(), "new position too large"))?,
        2 => pos = pos.checked_add(b.buf.len() as isize).ok_or_else(|| raise(exc::overflow_error(), "new position too large"))?,
        _ => return Err(raise(exc::value_error(), format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
    b.pos = pos.max(0) as usize;
    Ok(int(b.pos as i64))
}

unsafe fn bytesio_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(int(open_bio(op)?.pos as i64))
}

unsafe fn bytesio_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let b = open_bio(op)?;
    check_exports(b)?;
    let data = buffer_bytes(a[0])?;
    let b = open_bio(op)?;
    Ok(int(write_bytes(b, &data)? as i64))
}

unsafe fn bytesio_writelines(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    let it = crate::protocol::iter::get_iter(a[0])?;
    while let Some(line) = crate::protocol::iter::next(it.as_ptr())? {
        bytesio_write(op, &[line.as_ptr()])?;
    }
    Ok(none())
}

unsafe fn bytesio_true(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    Ok(boolean(true))
}
unsafe fn bytesio_readable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    bytesio_true(op, a)
}
unsafe fn bytesio_writable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    bytesio_true(op, a)
}
unsafe fn bytesio_seekable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    bytesio_true(op, a)
}

unsafe fn bytesio_flush(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    Ok(none())
}

unsafe fn bytesio_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    Ok(boolean(false))
}

unsafe fn bytesio_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let b = bio(op)?;
    check_exports(b)?;
    b.closed = true;
    b.buf = Vec::new();
    Ok(none())
}

unsafe fn bytesio_closed(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(bio(op)?.closed))
}

unsafe fn bytesio_getstate(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let value = bytesio_getvalue(op, &[])?;
    let pos = int(bio(op)?.pos as i64);
    let d = io(op).dict;
    let d = if d.is_null() { none() } else { dict::copy(d)? };
    tuple::pack(&[value.as_ptr(), pos.as_ptr(), d.as_ptr()])
}

unsafe fn bytesio_setstate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let st = a[0];
    if !tuple::check(st) || tuple::items(st).len() < 3 {
        return Err(raise(
            exc::type_error(),
            format!("{}.__setstate__ argument should be 3-tuple, got {}", typeobject::full_name(type_of(op)), typeobject::full_name(type_of(st))),
        ));
    }
    let items = tuple::items(st);
    let b = bio(op)?;
    check_exports(b)?;
    b.buf.clear();
    b.pos = 0;
    bytesio_write(op, &[items[0]])?;
    if !crate::objects::longobject::check(items[1]) {
        return Err(raise(exc::type_error(), format!("second item of state must be an integer, not {}", typeobject::full_name(type_of(items[1])))));
    }
    let pos = crate::objects::longobject::as_ssize_t(items[1])?;
    if pos < 0 {
        return Err(raise(exc::value_error(), "position value cannot be negative"));
    }
    bio(op)?.pos = pos as usize;
    set_state_dict(op, items[2])?;
    Ok(none())
}

/// The third item of a `__setstate__` tuple: merged into the instance dict.
pub unsafe fn set_state_dict(op: *mut PyObject, d: *mut PyObject) -> PyResult<()> {
    if is_none(d) {
        return Ok(());
    }
    if !dict::check(d) {
        return Err(raise(exc::type_error(), format!("third item of state should be a dict, got a {}", typeobject::full_name(type_of(d)))));
    }
    let io = io(op);
    if io.dict.is_null() {
        incref(d);
        io.dict = d;
    } else {
        dict::merge(io.dict, d, true)?;
    }
    Ok(())
}

unsafe fn bytesio_sizeof(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let b = bio(op)?;
    let base = (*type_of(op)).tp_basicsize as usize;
    let extra = if b.buf.is_empty() { 0 } else { b.buf.len() + 1 + std::mem::size_of::<PyBytesObject>() };
    Ok(int((base + extra) as i64))
}

/// `getbuffer()`: a writable memoryview over the contents.
unsafe fn bytesio_getbuffer(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    open_bio(op)?;
    let holder = typeobject::alloc_instance(&raw mut BYTESIOBUF_TYPE)?;
    incref(op);
    (*(holder.as_ptr() as *mut BufObject)).source = op;
    crate::objects::memoryobject::from_object(holder.as_ptr())
}

unsafe extern "C" fn bytesio_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let r = (|| -> PyResult<Option<Obj>> {
            let b = open_bio(op)?;
            let n = scan_eol(b, -1);
            if n == 0 {
                return Ok(None);
            }
            Ok(Some(bytes_obj(take(b, n as isize))?))
        })();
        match r {
            Ok(Some(v)) => v.into_ptr(),
            _ => null_mut(),
        }
    })
}

io_methods!(BYTESIO_METHODS {
    c"readable" => bytesio_readable(),
    c"seekable" => bytesio_seekable(),
    c"writable" => bytesio_writable(),
    c"close" => bytesio_close(),
    c"flush" => bytesio_flush(),
    c"isatty" => bytesio_isatty(),
    c"tell" => bytesio_tell(),
    c"write" => bytesio_write(1, 1),
    c"writelines" => bytesio_writelines(1, 1),
    c"read1" => bytesio_read1(1, 0),
    c"readinto" => bytesio_readinto(1, 1),
    c"readline" => bytesio_readline(1, 0),
    c"readlines" => bytesio_readlines(1, 0),
    c"read" => bytesio_read(1, 0),
    c"getbuffer" => bytesio_getbuffer(),
    c"getvalue" => bytesio_getvalue(),
    c"seek" => bytesio_seek(2, 1),
    c"truncate" => bytesio_truncate(1, 0),
    c"__getstate__" => bytesio_getstate(),
    c"__setstate__" => bytesio_setstate(1, 1),
    c"__sizeof__" => bytesio_sizeof(),
});

io_getters!(BYTESIO_GETSET { c"closed" => bytesio_closed });

io_type!(BYTESIO_TYPE, c"_io.BytesIO", &raw mut BUFIOBASE_TYPE, (&raw mut BYTESIO_METHODS) as *mut PyMethodDef, (&raw mut BYTESIO_GETSET) as *mut PyGetSetDef,
    Some(bytesio_new), Some(bytesio_init),
    tp_iter: Some(crate::objects::iterobject::self_iter), tp_iternext: Some(bytesio_iternext),
    tp_doc: c"Buffered I/O implementation using an in-memory bytes buffer.".as_ptr());

// ---- _io._BytesIOBuffer: the exporter behind getbuffer() ----------------------------------

#[repr(C)]
struct BufObject {
    ob_base: PyObject,
    source: *mut PyObject,
}

unsafe extern "C" fn buf_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    crate::guard::catch_int(|| {
        let src = (*(op as *mut BufObject)).source;
        let b = bio(src)?;
        crate::protocol::buffer::fill_info(view, op, b.buf.as_mut_ptr(), b.buf.len() as isize, false, flags)?;
        b.exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn buf_releasebuffer(op: *mut PyObject, _: *mut Py_buffer) {
    let src = (*(op as *mut BufObject)).source;
    if let Ok(b) = bio(src) {
        b.exports -= 1;
    }
}

unsafe extern "C" fn buf_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xsetref(&raw mut (*(op as *mut BufObject)).source, null_mut());
    typeobject::free_instance(op);
}

unsafe extern "C" fn buf_traverse(op: *mut PyObject, visit: visitproc, arg: *mut std::ffi::c_void) -> c_int {
    crate::gc::visit_each(&[(*(op as *mut BufObject)).source], visit, arg)
}

static mut BUF_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(buf_getbuffer), bf_releasebuffer: Some(buf_releasebuffer) };

pub static mut BYTESIOBUF_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"_io._BytesIOBuffer".as_ptr(),
    tp_basicsize: std::mem::size_of::<BufObject>() as _,
    tp_dealloc: Some(buf_dealloc),
    tp_as_buffer: &raw mut BUF_AS_BUFFER,
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(buf_traverse),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};
