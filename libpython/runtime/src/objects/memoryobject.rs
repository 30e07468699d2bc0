//! `memoryview` and the `managedbuffer` behind it (CPython's Objects/memoryobject.c): a
//! managed buffer holds the one export taken from the underlying object; every memoryview
//! made from it (slices, casts) shares it and keeps its own `view` (3.11 layout, with shape,
//! strides and suboffsets in `ob_array`). Items are unpacked and packed for the native
//! single-character struct formats.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, getset, method, GETSET_END, METHOD_END};
use crate::objects::{boolobject, bytesobject as bytes, floatobject, longobject as long, noneobject, tupleobject as tuple};
use crate::objects::indexiter::IndexIterObject;
use crate::protocol::buffer::{self as buf, Buffer};
use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

// ---- managedbuffer --------------------------------------------------------------------------

#[no_mangle]
pub static mut _PyManagedBuffer_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"managedbuffer".as_ptr(),
    tp_basicsize: std::mem::size_of::<_PyManagedBufferObject>() as _,
    tp_dealloc: Some(mbuf_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(mbuf_traverse),
    tp_clear: Some(mbuf_clear),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

const MBUF_RELEASED: c_int = 1;

unsafe fn mbuf_release(m: *mut _PyManagedBufferObject) {
    if (*m).flags & MBUF_RELEASED == 0 {
        (*m).flags |= MBUF_RELEASED;
        buf::release(&mut (*m).master);
    }
}

unsafe extern "C" fn mbuf_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    mbuf_release(op as *mut _PyManagedBufferObject);
    crate::gc::free(op);
}

/// The exporter is the one reference a managed buffer holds.
unsafe extern "C" fn mbuf_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let o = (*(op as *mut _PyManagedBufferObject)).master.obj;
    match visit {
        Some(v) if !o.is_null() => v(o, arg),
        _ => 0,
    }
}

unsafe extern "C" fn mbuf_clear(op: *mut PyObject) -> c_int {
    mbuf_release(op as *mut _PyManagedBufferObject);
    0
}

/// A zeroed, GC-tracked object of `size` bytes and type `tp`.
unsafe fn gc_new(size: usize, tp: *mut PyTypeObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(size);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    std::ptr::write_bytes(op as *mut u8, 0, size);
    typeobject::init_object(op, tp);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// A managed buffer holding a full export of `obj`.
unsafe fn mbuf_from_object(obj: *mut PyObject) -> PyResult<Obj> {
    let m = gc_new(std::mem::size_of::<_PyManagedBufferObject>(), &raw mut _PyManagedBuffer_Type)?;
    let mb = m.as_ptr() as *mut _PyManagedBufferObject;
    if let Err(e) = buf::get_buffer(obj, &mut (*mb).master, buf::PYBUF_FULL_RO) {
        (*mb).flags |= MBUF_RELEASED;
        if crate::err::exception_matches(exc::type_error()) && !buf::has_buffer(obj) {
            crate::err::clear();
            return Err(raise(exc::type_error(), format!("memoryview: a bytes-like object is required, not '{}'", full_name(type_of(obj)))));
        }
        return Err(e);
    }
    Ok(m)
}

// ---- memoryview layout ----------------------------------------------------------------------

#[no_mangle]
pub static mut PyMemoryView_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"memoryview".as_ptr(),
    tp_basicsize: std::mem::offset_of!(PyMemoryViewObject, ob_array) as _,
    tp_itemsize: std::mem::size_of::<Py_ssize_t>() as _,
    tp_dealloc: Some(memory_dealloc),
    tp_repr: Some(memory_repr),
    tp_as_sequence: &raw mut MEMORY_AS_SEQUENCE,
    tp_as_mapping: &raw mut MEMORY_AS_MAPPING,
    tp_hash: Some(memory_hash),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_as_buffer: &raw mut MEMORY_AS_BUFFER,
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_SEQUENCE,
    tp_doc: c"Create a new memoryview object which references the given object.".as_ptr(),
    tp_traverse: Some(memory_traverse),
    tp_clear: Some(memory_clear),
    tp_richcompare: Some(memory_richcompare),
    tp_iter: Some(memory_iter),
    tp_methods: (&raw mut MEMORY_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut MEMORY_GETSET) as *mut PyGetSetDef,
    tp_new: Some(memory_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

const MV_RELEASED: c_int = 0x001;

pub fn memoryview_type() -> *mut PyTypeObject {
    &raw mut PyMemoryView_Type
}

pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == memoryview_type()
}

unsafe fn mv(op: *mut PyObject) -> *mut PyMemoryViewObject {
    op as *mut PyMemoryViewObject
}

/// The view of a live memoryview; ValueError once released.
unsafe fn view<'a>(op: *mut PyObject) -> PyResult<&'a mut Py_buffer> {
    if (*mv(op)).flags & MV_RELEASED != 0 || (*(*mv(op)).mbuf).flags & MBUF_RELEASED != 0 {
        return Err(raise(exc::value_error(), "operation forbidden on released memoryview object"));
    }
    Ok(&mut (*mv(op)).view)
}

/// A memoryview on `mbuf` with `ndim` dimensions; `fill` sets up its view from the master.
unsafe fn new_view(mbuf: *mut PyObject, ndim: usize, fill: impl FnOnce(&mut Py_buffer, &Py_buffer)) -> PyResult<Obj> {
    let size = std::mem::offset_of!(PyMemoryViewObject, ob_array) + 3 * ndim.max(1) * std::mem::size_of::<Py_ssize_t>();
    let obj = gc_new(size, memoryview_type())?;
    let op = obj.as_ptr();
    set_size(op, 3 * ndim as isize);
    let m = mv(op);
    incref(mbuf);
    (*m).mbuf = mbuf as *mut _PyManagedBufferObject;
    (*(*m).mbuf).exports += 1;
    (*m).hash = -1;
    let master = &(*(*m).mbuf).master;
    let v = &mut (*m).view;
    v.obj = master.obj;
    v.buf = master.buf;
    v.len = master.len;
    v.readonly = master.readonly;
    v.itemsize = master.itemsize;
    v.format = master.format;
    v.ndim = ndim as c_int;
    let arr = (*m).ob_array.as_mut_ptr();
    v.shape = arr;
    v.strides = arr.add(ndim);
    v.suboffsets = null_mut();
    fill(v, master);
    Ok(obj)
}

/// A memoryview sharing `op`'s managed buffer with the same view.
unsafe fn copy_view(op: *mut PyObject) -> PyResult<Obj> {
    let src = view(op)?;
    let (shape, strides) = buf::dims(src);
    derived(op, src.buf, src.itemsize, src.format, &shape, &strides)
}

/// A memoryview on `op`'s managed buffer with another geometry (read-only when `op` is).
unsafe fn derived(op: *mut PyObject, b: *mut c_void, item: isize, fmt: *mut c_char, shape: &[isize], strides: &[isize]) -> PyResult<Obj> {
    let ro = view(op)?.readonly;
    let len = shape.iter().product::<isize>() * item;
    new_view((*mv(op)).mbuf as *mut PyObject, shape.len(), |v, _| {
        v.buf = b;
        v.len = len;
        v.readonly = ro;
        v.itemsize = item;
        v.format = fmt;
        set_dims(v, shape, strides);
    })
}

unsafe fn set_dims(v: &mut Py_buffer, shape: &[isize], strides: &[isize]) {
    for i in 0..shape.len() {
        *v.shape.add(i) = shape[i];
        *v.strides.add(i) = strides[i];
    }
}

/// PyMemoryView_FromObject: a memoryview of any exporter (a memoryview shares its buffer).
pub unsafe fn from_object(obj: *mut PyObject) -> PyResult<Obj> {
    if check(obj) {
        return copy_view(obj);
    }
    let mbuf = mbuf_from_object(obj)?;
    let master = &(*(mbuf.as_ptr() as *mut _PyManagedBufferObject)).master;
    if !master.suboffsets.is_null() {
        return Err(raise(exc::not_implemented_error(), "memoryview: suboffsets are not supported"));
    }
    view_of_master(mbuf.as_ptr(), master)
}

/// The first memoryview of a fresh managed buffer: the master's shape, strides and format.
unsafe fn view_of_master(mbuf: *mut PyObject, master: &Py_buffer) -> PyResult<Obj> {
    let (shape, strides) = buf::dims(master);
    new_view(mbuf, shape.len(), |v, m| {
        if m.format.is_null() {
            v.format = FORMATS[0].1.as_ptr() as *mut c_char;
        }
        set_dims(v, &shape, &strides);
    })
}

/// A memoryview over memory no object owns (PyMemoryView_FromBuffer/FromMemory): the
/// managed buffer holds a copy of `info` with no exporter to release.
pub unsafe fn from_info(info: &Py_buffer) -> PyResult<Obj> {
    if info.buf.is_null() {
        return Err(raise(exc::value_error(), "PyMemoryView_FromBuffer(): info->buf must not be NULL"));
    }
    let mbuf = gc_new(std::mem::size_of::<_PyManagedBufferObject>(), &raw mut _PyManagedBuffer_Type)?;
    let mb = mbuf.as_ptr() as *mut _PyManagedBufferObject;
    std::ptr::copy_nonoverlapping(info as *const Py_buffer, &mut (*mb).master, 1);
    (*mb).master.obj = null_mut();
    view_of_master(mbuf.as_ptr(), info)
}

unsafe extern "C" fn memory_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("memoryview", args, kwds, &["object"], 1)?;
        from_object(a[0].unwrap_or(null_mut()))
    })
}

/// Ends the view; BufferError while views of it are exported.
unsafe fn release(op: *mut PyObject) -> PyResult<()> {
    let m = mv(op);
    if (*m).flags & MV_RELEASED != 0 {
        return Ok(());
    }
    if (*m).exports > 0 {
        let n = (*m).exports;
        return Err(raise(exc::buffer_error(), format!("memoryview has {n} exported buffer{}", if n == 1 { "" } else { "s" })));
    }
    (*m).flags |= MV_RELEASED;
    let mb = (*m).mbuf;
    (*mb).exports -= 1;
    if (*mb).exports == 0 {
        mbuf_release(mb);
    }
    Ok(())
}

unsafe extern "C" fn memory_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    memory_clear(op);
    crate::gc::free(op);
}

/// Releases the view (even with exports outstanding, as at deallocation) and drops the
/// managed buffer.
unsafe extern "C" fn memory_clear(op: *mut PyObject) -> c_int {
    let m = mv(op);
    if (*m).flags & MV_RELEASED == 0 {
        (*m).exports = 0;
        let _ = release(op);
    }
    let mb = (*m).mbuf;
    (*m).mbuf = null_mut();
    xdecref(mb as *mut PyObject);
    0
}

unsafe extern "C" fn memory_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let mb = (*mv(op)).mbuf as *mut PyObject;
    match visit {
        Some(v) if !mb.is_null() => v(mb, arg),
        _ => 0,
    }
}

unsafe extern "C" fn memory_repr(op: *mut PyObject) -> *mut PyObject {
    let released = if (*mv(op)).flags & MV_RELEASED != 0 { "released " } else { "" };
    crate::guard::ret_obj(crate::objects::unicodeobject::from_str(&format!("<{released}memory at {op:p}>")))
}

// ---- buffer export --------------------------------------------------------------------------

unsafe extern "C" fn memory_getbuf(op: *mut PyObject, out: *mut Py_buffer, flags: c_int) -> c_int {
    crate::guard::catch_int(|| {
        let v = view(op)?;
        if flags & buf::PYBUF_WRITABLE != 0 && v.readonly != 0 {
            return Err(raise(exc::buffer_error(), "memoryview: underlying buffer is not writable"));
        }
        if flags & buf::PYBUF_ND != buf::PYBUF_ND && !buf::is_contiguous(v, b'C') {
            return Err(raise(exc::buffer_error(), "memoryview: underlying buffer is not C-contiguous"));
        }
        std::ptr::copy_nonoverlapping(v as *const Py_buffer, out, 1);
        let o = &mut *out;
        if flags & buf::PYBUF_FORMAT == 0 {
            o.format = null_mut();
        }
        if flags & buf::PYBUF_ND != buf::PYBUF_ND {
            o.shape = null_mut();
        }
        if flags & buf::PYBUF_STRIDES != buf::PYBUF_STRIDES {
            o.strides = null_mut();
        }
        incref(op);
        o.obj = op;
        (*mv(op)).exports += 1;
        Ok(())
    })
}

unsafe extern "C" fn memory_releasebuf(op: *mut PyObject, _v: *mut Py_buffer) {
    (*mv(op)).exports -= 1;
}

static mut MEMORY_AS_BUFFER: PyBufferProcs = PyBufferProcs { bf_getbuffer: Some(memory_getbuf), bf_releasebuffer: Some(memory_releasebuf) };

// ---- formats: unpacking and packing items ---------------------------------------------------

/// The native single-character formats and their item sizes.
static FORMATS: [(u8, &std::ffi::CStr, isize); 18] = [
    (b'B', c"B", 1), (b'b', c"b", 1), (b'c', c"c", 1), (b'?', c"?", 1),
    (b'h', c"h", 2), (b'H', c"H", 2), (b'i', c"i", 4), (b'I', c"I", 4),
    (b'l', c"l", 8), (b'L', c"L", 8), (b'q', c"q", 8), (b'Q', c"Q", 8),
    (b'n', c"n", 8), (b'N', c"N", 8), (b'f', c"f", 4), (b'd', c"d", 8),
    (b'P', c"P", 8), (b'e', c"e", 2),
];

/// The format character of a native single-character format ("B", "@i"), if it is one.
fn native_char(fmt: &[u8]) -> Option<u8> {
    let f = fmt.strip_prefix(b"@").unwrap_or(fmt);
    match f {
        [c] if FORMATS.iter().any(|(x, _, _)| x == c) => Some(*c),
        _ => None,
    }
}

unsafe fn format_bytes<'a>(v: &Py_buffer) -> &'a [u8] {
    if v.format.is_null() {
        b"B"
    } else {
        std::ffi::CStr::from_ptr(v.format).to_bytes()
    }
}

unsafe fn format_char(v: &Py_buffer) -> PyResult<u8> {
    let f = format_bytes(v);
    match native_char(f) {
        Some(c) if c != b'e' => Ok(c),
        _ => Err(raise(
            exc::not_implemented_error(),
            format!("memoryview: format {} not supported", String::from_utf8_lossy(f)),
        )),
    }
}

/// The Python value of the item at `p`.
unsafe fn unpack(fmt: u8, p: *const u8) -> PyResult<Obj> {
    macro_rules! rd {
        ($t:ty) => {
            std::ptr::read_unaligned(p as *const $t)
        };
    }
    Ok(match fmt {
        b'B' => long::from_i64(*p as i64),
        b'b' => long::from_i64(*p as i8 as i64),
        b'c' => bytes::from_slice(&[*p])?,
        b'?' => Obj::from_owned_nonnull(boolobject::new_bool(*p != 0)),
        b'h' => long::from_i64(rd!(i16) as i64),
        b'H' => long::from_i64(rd!(u16) as i64),
        b'i' => long::from_i64(rd!(i32) as i64),
        b'I' => long::from_i64(rd!(u32) as i64),
        b'l' | b'q' | b'n' => long::from_i64(rd!(i64)),
        b'L' | b'Q' | b'N' | b'P' => long::from_u64(rd!(u64)),
        b'f' => floatobject::from_f64(rd!(f32) as f64)?,
        _ => floatobject::from_f64(rd!(f64))?,
    })
}

/// Writes `v` as an item of format `fmt` at `p`, with CPython's errors.
unsafe fn pack(fmt: u8, p: *mut u8, v: *mut PyObject) -> PyResult<()> {
    let f = fmt as char;
    let bad_type = || raise(exc::type_error(), format!("memoryview: invalid type for format '{f}'"));
    let bad_value = || raise(exc::value_error(), format!("memoryview: invalid value for format '{f}'"));
    macro_rules! wr {
        ($t:ty, $x:expr) => {
            std::ptr::write_unaligned(p as *mut $t, $x)
        };
    }
    match fmt {
        b'c' => {
            if !bytes::check(v) {
                return Err(bad_type());
            }
            if size_of_var(v) != 1 {
                return Err(bad_value());
            }
            *p = bytes::as_slice(v)[0];
        }
        b'?' => *p = crate::protocol::object::is_true(v)? as u8,
        b'f' | b'd' => {
            if !floatobject::check(v) && !long::check(v) && !crate::protocol::number::has_index(v) && (*type_of(v)).tp_as_number.is_null() {
                return Err(bad_type());
            }
            let x = floatobject::as_f64(v).map_err(|_| {
                crate::err::clear();
                bad_type()
            })?;
            if fmt == b'f' {
                wr!(f32, x as f32)
            } else {
                wr!(f64, x)
            }
        }
        _ => {
            if !crate::protocol::number::has_index(v) {
                return Err(bad_type());
            }
            let i = crate::protocol::number::index(v)?;
            let x = long::as_i128(i.as_ptr()).ok_or_else(bad_value)?;
            let (lo, hi): (i128, i128) = match fmt {
                b'B' => (0, u8::MAX as i128),
                b'b' => (i8::MIN as i128, i8::MAX as i128),
                b'h' => (i16::MIN as i128, i16::MAX as i128),
                b'H' => (0, u16::MAX as i128),
                b'i' => (i32::MIN as i128, i32::MAX as i128),
                b'I' => (0, u32::MAX as i128),
                b'l' | b'q' | b'n' => (i64::MIN as i128, i64::MAX as i128),
                _ => (0, u64::MAX as i128),
            };
            if x < lo || x > hi {
                return Err(bad_value());
            }
            match fmt {
                b'B' | b'b' => *p = x as u8,
                b'h' | b'H' => wr!(u16, x as u16),
                b'i' | b'I' => wr!(u32, x as u32),
                _ => wr!(u64, x as u64),
            }
        }
    }
    Ok(())
}

// ---- items, slices, lists -------------------------------------------------------------------

/// `mv[i]` on dimension 0 as an address.
unsafe fn item_address(v: &Py_buffer, i: isize) -> PyResult<*mut u8> {
    let (shape, strides) = buf::dims(v);
    let n = shape[0];
    let k = if i < 0 { i + n } else { i };
    if k < 0 || k >= n {
        return Err(raise(exc::index_error(), "index out of bounds on dimension 1"));
    }
    Ok((v.buf as *mut u8).offset(strides[0] * k))
}

/// The address of the item at a tuple of indices (one per dimension).
unsafe fn tuple_address(v: &Py_buffer, key: *mut PyObject) -> PyResult<*mut u8> {
    let (shape, strides) = buf::dims(v);
    let items = tuple::items(key);
    if items.len() < shape.len() {
        return Err(raise(exc::not_implemented_error(), "sub-views are not implemented"));
    }
    if items.len() > shape.len() {
        return Err(raise(exc::type_error(), format!("cannot index {}-dimension view with {}-element tuple", shape.len(), items.len())));
    }
    let mut p = v.buf as *mut u8;
    for (d, &it) in items.iter().enumerate() {
        if !crate::protocol::number::has_index(it) {
            return Err(raise(exc::type_error(), "memoryview: invalid slice key"));
        }
        let i = crate::protocol::number::as_ssize_t_exc(it, exc::index_error())?;
        let k = if i < 0 { i + shape[d] } else { i };
        if k < 0 || k >= shape[d] {
            return Err(raise(exc::index_error(), format!("index out of bounds on dimension {}", d + 1)));
        }
        p = p.offset(strides[d] * k);
    }
    Ok(p)
}

unsafe fn slice_view(op: *mut PyObject, key: *mut PyObject) -> PyResult<Obj> {
    let v = view(op)?;
    let (mut shape, mut strides) = buf::dims(v);
    let (start, step, n) = crate::objects::sliceobject::indices_for(key, shape[0])?;
    let b = (v.buf as *mut u8).offset(strides[0] * start) as *mut c_void;
    shape[0] = n;
    strides[0] *= step;
    derived(op, b, v.itemsize, v.format, &shape, &strides)
}

unsafe extern "C" fn memory_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = view(op)?;
        let fmt = format_char(v);
        if v.ndim == 0 {
            if tuple::check(key) && size_of_var(key) == 0 {
                return unpack(fmt?, v.buf as *const u8);
            }
            if key == crate::objects::sliceobject::ellipsis() {
                return Ok(Obj::from_borrowed(op));
            }
            return Err(raise(exc::type_error(), "invalid indexing of 0-dim memory"));
        }
        if crate::protocol::number::has_index(key) {
            if v.ndim > 1 {
                return Err(raise(exc::not_implemented_error(), "multi-dimensional sub-views are not implemented"));
            }
            let i = crate::protocol::number::as_ssize_t_exc(key, exc::index_error())?;
            return unpack(fmt?, item_address(v, i)?);
        }
        if crate::objects::sliceobject::check(key) {
            return slice_view(op, key);
        }
        if tuple::check(key) {
            if tuple::items(key).iter().all(|&k| crate::objects::sliceobject::check(k)) {
                return Err(raise(exc::not_implemented_error(), "multi-dimensional slicing is not implemented"));
            }
            return unpack(fmt?, tuple_address(v, key)?);
        }
        Err(raise(exc::type_error(), "memoryview: invalid slice key"))
    })
}

unsafe extern "C" fn memory_ass_subscript(op: *mut PyObject, key: *mut PyObject, value: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let v = view(op)?;
        if v.readonly != 0 {
            return Err(raise(exc::type_error(), "cannot modify read-only memory"));
        }
        if value.is_null() {
            return Err(raise(exc::type_error(), "cannot delete memory"));
        }
        let fmt = format_char(v)?;
        if v.ndim == 0 {
            if key == crate::objects::sliceobject::ellipsis() || (tuple::check(key) && size_of_var(key) == 0) {
                return pack(fmt, v.buf as *mut u8, value);
            }
            return Err(raise(exc::type_error(), "invalid indexing of 0-dim memory"));
        }
        if crate::protocol::number::has_index(key) {
            if v.ndim > 1 {
                return Err(raise(exc::not_implemented_error(), "sub-views are not implemented"));
            }
            let i = crate::protocol::number::as_ssize_t_exc(key, exc::index_error())?;
            return pack(fmt, item_address(v, i)?, value);
        }
        if tuple::check(key) && !tuple::items(key).iter().any(|&k| crate::objects::sliceobject::check(k)) {
            return pack(fmt, tuple_address(v, key)?, value);
        }
        if !crate::objects::sliceobject::check(key) || v.ndim != 1 {
            return Err(raise(exc::not_implemented_error(), "memoryview slice assignments are currently restricted to ndim = 1"));
        }
        // Slice assignment: the source must have the same structure (format, length).
        let dst = slice_view(op, key)?;
        let src = Buffer::get_flags(value, buf::PYBUF_FULL_RO)?;
        let dv = view(dst.as_ptr())?;
        let sv = src.view();
        let (dshape, _) = buf::dims(dv);
        let (sshape, _) = buf::dims(sv);
        if format_bytes(sv) != format_bytes(dv) && !(native_char(format_bytes(sv)) == Some(fmt) && native_char(format_bytes(dv)) == Some(fmt))
            || dshape != sshape
            || sv.itemsize != dv.itemsize
        {
            return Err(raise(exc::value_error(), "memoryview assignment: lvalue and rvalue have different structures"));
        }
        let mut tmp = vec![0u8; sv.len as usize];
        buf::to_contiguous(tmp.as_mut_ptr(), sv, sv.len, b'C')?;
        buf::from_contiguous(dv, tmp.as_ptr(), sv.len, b'C')
    })
}

/// The items from dimension `d` on, starting at `p`, as nested lists.
unsafe fn to_list(fmt: u8, p: *const u8, shape: &[isize], strides: &[isize]) -> PyResult<Obj> {
    let mut items = Vec::with_capacity(shape[0].max(0) as usize);
    for i in 0..shape[0] {
        let q = p.offset(i * strides[0]);
        items.push(if shape.len() == 1 { unpack(fmt, q)? } else { to_list(fmt, q, &shape[1..], &strides[1..])? });
    }
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    crate::objects::listobject::from_slice(&ptrs)
}

unsafe fn tolist(op: *mut PyObject) -> PyResult<Obj> {
    let v = view(op)?;
    let fmt = format_char(v)?;
    if v.ndim == 0 {
        return unpack(fmt, v.buf as *const u8);
    }
    let (shape, strides) = buf::dims(v);
    to_list(fmt, v.buf as *const u8, &shape, &strides)
}

/// The bytes of the view in `order` ('C', 'F' or 'A').
unsafe fn contiguous_bytes(op: *mut PyObject, order: u8) -> PyResult<Vec<u8>> {
    let v = view(op)?;
    if order == b'C' {
        return Buffer::contiguous_copy(op);
    }
    let mut out = vec![0u8; v.len.max(0) as usize];
    buf::to_contiguous(out.as_mut_ptr(), v, v.len, order)?;
    Ok(out)
}

unsafe fn tobytes(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = crate::objects::unicode_methods::parse_kw("tobytes", args, n, kw, &["order"], 0)?;
    let order = match a[0] {
        None => b'C',
        Some(o) if noneobject::is_none(o) => b'C',
        Some(o) => match crate::objects::unicodeobject::as_str(o) {
            Ok("C") => b'C',
            Ok("F") => b'F',
            Ok("A") => b'A',
            _ => {
                crate::err::clear();
                return Err(raise(exc::value_error(), "order must be 'C', 'F' or 'A'"));
            }
        },
    };
    bytes::from_slice(&contiguous_bytes(op, order)?)
}

unsafe fn hex(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = crate::objects::unicode_methods::parse_kw("hex", args, n, kw, &["sep", "bytes_per_sep"], 0)?;
    let data = contiguous_bytes(op, b'C')?;
    crate::objects::bytes_methods::hex_with(&data, a[0], a[1])
}

/// `cast(format[, shape])`: a C-contiguous view reinterpreted (1-D to N-D or N-D to 1-D).
unsafe fn cast(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = crate::objects::unicode_methods::parse_kw("cast", args, n, kw, &["format", "shape"], 1)?;
    let v = view(op)?;
    let fmt_obj = a[0].unwrap_or(null_mut());
    if !crate::objects::unicodeobject::check(fmt_obj) {
        return Err(raise(exc::type_error(), "memoryview: format argument must be a string"));
    }
    if !buf::is_contiguous(v, b'C') {
        return Err(raise(exc::type_error(), "memoryview: casts are restricted to C-contiguous views"));
    }
    let shape_arg = a[1].filter(|s| !noneobject::is_none(*s));
    if shape_arg.is_some() && v.ndim != 1 {
        return Err(raise(exc::type_error(), "memoryview: cast must be 1D -> ND or ND -> 1D"));
    }
    let fmt_text = crate::objects::unicodeobject::as_str(fmt_obj)?.as_bytes();
    let Some(dest) = native_char(fmt_text).filter(|&c| c != b'e') else {
        return Err(raise(
            exc::value_error(),
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    let src = native_char(format_bytes(v));
    let byte_fmt = |c: Option<u8>| matches!(c, Some(b'B' | b'b' | b'c'));
    if !byte_fmt(src) && !byte_fmt(Some(dest)) {
        return Err(raise(exc::type_error(), "memoryview: cannot cast between two non-byte formats"));
    }
    let item = FORMATS.iter().find(|(c, _, _)| *c == dest).map(|x| x.2).unwrap_or(1);
    if v.len % item != 0 {
        return Err(raise(exc::type_error(), "memoryview: length is not a multiple of itemsize"));
    }
    let shape: Vec<isize> = match shape_arg {
        None => vec![v.len / item],
        Some(s) => {
            if !tuple::check(s) && !crate::objects::listobject::check(s) {
                return Err(raise(exc::type_error(), "shape must be a list or a tuple"));
            }
            let items = crate::protocol::iter::collect(s)?;
            if items.len() > 64 {
                return Err(raise(exc::value_error(), "memoryview: number of dimensions must not exceed 64"));
            }
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                if !long::check(it.as_ptr()) {
                    return Err(raise(exc::type_error(), "memoryview.cast(): elements of shape must be integers"));
                }
                let x = long::as_ssize_t(it.as_ptr())?;
                if x <= 0 {
                    return Err(raise(exc::value_error(), "memoryview.cast(): elements of shape must be integers > 0"));
                }
                out.push(x);
            }
            let Some(count) = out.iter().try_fold(1isize, |acc, &d| acc.checked_mul(d)) else {
                return Err(raise(exc::value_error(), "memoryview.cast(): product(shape) > SSIZE_MAX"));
            };
            if count.checked_mul(item) != Some(v.len) {
                return Err(raise(exc::type_error(), "memoryview: product(shape) * itemsize != buffer size"));
            }
            out
        }
    };
    let strides = buf::c_strides(&shape, item);
    derived(op, v.buf, item, cast_format(dest, fmt_text.first() == Some(&b'@')), &shape, &strides)
}

/// A static C string for a cast's format ("B", or "@B" when asked that way).
fn cast_format(c: u8, at: bool) -> *mut c_char {
    static AT_FORMATS: [&std::ffi::CStr; 18] = [
        c"@B", c"@b", c"@c", c"@?", c"@h", c"@H", c"@i", c"@I", c"@l", c"@L", c"@q", c"@Q", c"@n", c"@N", c"@f", c"@d", c"@P", c"@e",
    ];
    let i = FORMATS.iter().position(|(x, _, _)| *x == c).unwrap_or(0);
    (if at { AT_FORMATS[i] } else { FORMATS[i].1 }).as_ptr() as *mut c_char
}

unsafe fn toreadonly(op: *mut PyObject) -> PyResult<Obj> {
    let r = copy_view(op)?;
    (*mv(r.as_ptr())).view.readonly = 1;
    Ok(r)
}

unsafe fn release_method(op: *mut PyObject) -> PyResult<Obj> {
    release(op)?;
    Ok(Obj::from_borrowed(noneobject::none()))
}

unsafe fn enter(op: *mut PyObject) -> PyResult<Obj> {
    view(op)?;
    Ok(Obj::from_borrowed(op))
}

unsafe fn exit(op: *mut PyObject, _a: &[*mut PyObject]) -> PyResult<Obj> {
    release_method(op)
}

// ---- sequence slots, comparison, hash, iteration --------------------------------------------

unsafe extern "C" fn memory_length(op: *mut PyObject) -> Py_ssize_t {
    match view(op) {
        Ok(v) if v.ndim == 0 => {
            raise(exc::type_error(), "0-dim memory has no length");
            -1
        }
        Ok(v) => buf::dims(v).0[0],
        Err(_) => -1,
    }
}

static mut MEMORY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods { sq_length: Some(memory_length), ..PySequenceMethods::EMPTY };

static mut MEMORY_AS_MAPPING: PyMappingMethods =
    PyMappingMethods { mp_length: Some(memory_length), mp_subscript: Some(memory_subscript), mp_ass_subscript: Some(memory_ass_subscript) };

/// The flat list of a view's items (one for a 0-dim view) and its shape, for equality.
unsafe fn flat_items(v: &Py_buffer) -> PyResult<Option<(Vec<isize>, Vec<Obj>)>> {
    let Ok(fmt) = format_char(v) else {
        crate::err::clear();
        return Ok(None);
    };
    let (shape, _) = buf::dims(v);
    let mut items = Vec::new();
    let mut err = None;
    buf::for_each_index(&shape, b'C', |idx| {
        if err.is_none() {
            match unpack(fmt, buf::item_pointer(v, idx)) {
                Ok(o) => items.push(o),
                Err(e) => err = Some(e),
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    Ok(Some((shape, items)))
}

unsafe fn equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    let va = view(a);
    if va.is_err() {
        crate::err::clear();
        return Ok(false);
    }
    if check(b) && view(b).is_err() {
        crate::err::clear();
        return Ok(false);
    }
    let bb = Buffer::get_flags(b, buf::PYBUF_FULL_RO)?;
    let (Some((sa, ia)), Some((sb, ib))) = (flat_items(va?)?, flat_items(bb.view())?) else {
        return Ok(false);
    };
    if sa != sb {
        return Ok(false);
    }
    for (x, y) in ia.iter().zip(ib.iter()) {
        if !crate::protocol::object::rich_compare_bool(x.as_ptr(), y.as_ptr(), Py_EQ)? {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe extern "C" fn memory_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) || !buf::has_buffer(b) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let eq = equal(a, b)?;
        Ok(Obj::from_owned_nonnull(boolobject::new_bool(eq == (op == Py_EQ))))
    })
}

unsafe extern "C" fn memory_hash(op: *mut PyObject) -> Py_hash_t {
    crate::guard::catch(-1, || {
        let m = mv(op);
        if (*m).hash != -1 {
            return (*m).hash;
        }
        let r = (|| -> PyResult<Py_hash_t> {
            let v = view(op)?;
            if v.readonly == 0 {
                return Err(raise(exc::value_error(), "cannot hash writable memoryview object"));
            }
            if !matches!(native_char(format_bytes(v)), Some(b'B' | b'b' | b'c')) {
                return Err(raise(exc::value_error(), "memoryview: hashing is restricted to formats 'B', 'b' or 'c'"));
            }
            if !v.obj.is_null() {
                crate::protocol::object::hash_checked(v.obj)?;
            }
            let data = contiguous_bytes(op, b'C')?;
            Ok(crate::pyhash::hash_bytes(&data))
        })();
        match r {
            Ok(h) => {
                (*m).hash = h;
                h
            }
            Err(_) => -1,
        }
    })
}

/// memory_iterator: the positional iterator's fields, then the length and item format
/// fixed when it was made.
#[repr(C)]
struct MemIterObject {
    base: IndexIterObject,
    it_length: Py_ssize_t,
    it_fmt: u8,
}

static mut _PyMemoryIter_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"memory_iterator".as_ptr(),
    tp_basicsize: std::mem::size_of::<MemIterObject>() as _,
    tp_dealloc: Some(crate::objects::indexiter::iter_dealloc),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(crate::objects::indexiter::iter_traverse),
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(memiter_next),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn memory_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = view(op)?;
        if v.ndim == 0 {
            return Err(raise(exc::type_error(), "invalid indexing of 0-dim memory"));
        }
        if v.ndim != 1 {
            return Err(raise(exc::not_implemented_error(), "multi-dimensional sub-views are not implemented"));
        }
        let fmt = format_char(v)?;
        let it = crate::objects::indexiter::new_iter_sized(op, &raw mut _PyMemoryIter_Type, std::mem::size_of::<MemIterObject>())?;
        let mi = it.as_ptr() as *mut MemIterObject;
        (*mi).it_length = buf::dims(v).0[0];
        (*mi).it_fmt = fmt;
        Ok(it)
    })
}

unsafe extern "C" fn memiter_next(op: *mut PyObject) -> *mut PyObject {
    let mi = op as *mut MemIterObject;
    let s = (*mi).base.it_seq;
    if s.is_null() {
        return null_mut();
    }
    if (*mi).base.it_index >= (*mi).it_length {
        (*mi).base.it_seq = null_mut();
        decref(s);
        return null_mut();
    }
    crate::guard::catch_obj(|| {
        let p = item_address(view(s)?, (*mi).base.it_index)?;
        (*mi).base.it_index += 1;
        unpack((*mi).it_fmt, p)
    })
}

// ---- attributes and the method table --------------------------------------------------------

unsafe fn tuple_of(v: &[isize]) -> PyResult<Obj> {
    let items: Vec<Obj> = v.iter().map(|&x| long::from_i64(x as i64)).collect();
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    tuple::pack(&ptrs)
}

macro_rules! getter {
    ($($name:ident => |$v:ident, $op:ident| $body:expr),* $(,)?) => {$(
        unsafe extern "C" fn $name($op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
            // Safety: called by the getset descriptor with a live memoryview.
            crate::guard::catch_obj(|| unsafe {
                let $v = view($op)?;
                $body
            })
        }
    )*};
}

getter! {
    g_obj => |v, _op| Ok(Obj::from_borrowed(if v.obj.is_null() { noneobject::none() } else { v.obj })),
    g_nbytes => |v, _op| Ok(long::from_i64(v.len as i64)),
    g_readonly => |v, _op| Ok(Obj::from_owned_nonnull(boolobject::new_bool(v.readonly != 0))),
    g_itemsize => |v, _op| Ok(long::from_i64(v.itemsize as i64)),
    g_format => |v, _op| crate::objects::unicodeobject::from_str(&String::from_utf8_lossy(format_bytes(v))),
    g_ndim => |v, _op| Ok(long::from_i64(v.ndim as i64)),
    g_shape => |v, _op| tuple_of(&buf::dims(v).0),
    g_strides => |v, _op| tuple_of(&buf::dims(v).1),
    g_suboffsets => |_v, _op| tuple::new(0),
    g_c_contiguous => |v, _op| Ok(Obj::from_owned_nonnull(boolobject::new_bool(buf::is_contiguous(v, b'C')))),
    g_f_contiguous => |v, _op| Ok(Obj::from_owned_nonnull(boolobject::new_bool(buf::is_contiguous(v, b'F')))),
    g_contiguous => |v, _op| Ok(Obj::from_owned_nonnull(boolobject::new_bool(buf::is_contiguous(v, b'A')))),
}

static mut MEMORY_GETSET: [PyGetSetDef; 13] = [
    getset(c"obj", Some(g_obj), None),
    getset(c"nbytes", Some(g_nbytes), None),
    getset(c"readonly", Some(g_readonly), None),
    getset(c"itemsize", Some(g_itemsize), None),
    getset(c"format", Some(g_format), None),
    getset(c"ndim", Some(g_ndim), None),
    getset(c"shape", Some(g_shape), None),
    getset(c"strides", Some(g_strides), None),
    getset(c"suboffsets", Some(g_suboffsets), None),
    getset(c"c_contiguous", Some(g_c_contiguous), None),
    getset(c"f_contiguous", Some(g_f_contiguous), None),
    getset(c"contiguous", Some(g_contiguous), None),
    GETSET_END,
];

crate::guard::noargs! {
    m_tolist => tolist, m_release => release_method, m_toreadonly => toreadonly, m_enter => enter,
}
crate::guard::fastcall! { m_exit => exit }
crate::guard::fastkw! { m_tobytes => tobytes, m_hex => hex, m_cast => cast }

static mut MEMORY_METHODS: [PyMethodDef; 9] = [
    method(c"release", m_release as *const (), METH_NOARGS, c"Release the underlying buffer exposed by the memoryview object."),
    method(c"tobytes", m_tobytes as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return the data in the buffer as a byte string."),
    method(c"hex", m_hex as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return the data in the buffer as a str of hexadecimal numbers."),
    method(c"tolist", m_tolist as *const (), METH_NOARGS, c"Return the data in the buffer as a list of elements."),
    method(c"cast", m_cast as *const (), METH_FASTCALL | METH_KEYWORDS, c"Cast a memoryview to a new format or shape."),
    method(c"toreadonly", m_toreadonly as *const (), METH_NOARGS, c"Return a readonly version of the memoryview."),
    method(c"__enter__", m_enter as *const (), METH_NOARGS, c""),
    method(c"__exit__", m_exit as *const (), METH_FASTCALL, c""),
    METHOD_END,
];

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut _PyManagedBuffer_Type)?;
    typeobject::ready(memoryview_type())?;
    typeobject::ready(&raw mut _PyMemoryIter_Type)
}
