//! `bytearray`: a mutable byte string in CPython 3.11's `PyByteArrayObject` layout. The
//! bytes live in a separate allocation (`ob_bytes`, `ob_alloc` bytes, NUL after the last);
//! `ob_start` is where they begin (always `ob_bytes` here); `ob_exports` counts buffer
//! exports, during which the size cannot change. The methods shared with bytes are in
//! `bytes_methods.rs`, `%` in `bytes_format.rs`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::bytes_methods::{self as methods, byte_value};
use crate::objects::typeobject::{self, full_name, method, METHOD_END};
use crate::objects::{bytesobject as bytes, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::buffer::{has_buffer, Buffer};
use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyByteArray_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"bytearray".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyByteArrayObject>() as _,
    tp_dealloc: Some(bytearray_dealloc),
    tp_repr: Some(bytearray_repr),
    tp_as_number: &raw mut BYTEARRAY_AS_NUMBER,
    tp_as_sequence: &raw mut BYTEARRAY_AS_SEQUENCE,
    tp_as_mapping: &raw mut BYTEARRAY_AS_MAPPING,
    tp_hash: Some(crate::protocol::object::hash_not_implemented),
    tp_str: Some(bytearray_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_as_buffer: &raw mut BYTEARRAY_AS_BUFFER,
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | _Py_TPFLAGS_MATCH_SELF,
    tp_doc: c"bytearray(iterable_of_ints) -> bytearray\nbytearray(string, encoding[, errors]) -> bytearray\nbytearray(bytes_or_buffer) -> mutable copy of bytes_or_buffer\nbytearray(int) -> bytes array of size given by the parameter initialized with null bytes\nbytearray() -> empty bytes array\n\nConstruct a mutable bytearray object from:\n  - an iterable yielding integers in range(256)\n  - a text string encoded using the specified encoding\n  - a bytes or a buffer object\n  - any object implementing the buffer API.\n  - an integer".as_ptr(),
    tp_richcompare: Some(bytearray_richcompare),
    tp_iter: Some(bytearray_iter),
    tp_methods: (&raw mut BYTEARRAY_METHODS) as *mut PyMethodDef,
    tp_init: Some(bytearray_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::objects::baseobject::object_new_passthrough),
    tp_free: Some(crate::objects::baseobject::object_free),
    ..PyTypeObject::EMPTY
};

/// What `PyByteArray_AS_STRING` gives for an empty bytearray.
#[no_mangle]
pub static mut _PyByteArray_empty_string: [c_char; 1] = [0];

#[inline(always)]
pub fn bytearray_type() -> *mut PyTypeObject {
    &raw mut PyByteArray_Type
}

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), bytearray_type())
}

#[inline(always)]
unsafe fn raw(op: *mut PyObject) -> *mut PyByteArrayObject {
    op as *mut PyByteArrayObject
}

/// The start of the bytes (PyByteArray_AS_STRING).
pub unsafe fn as_ptr(op: *mut PyObject) -> *mut u8 {
    if size_of_var(op) == 0 || (*raw(op)).ob_start.is_null() {
        return (&raw mut _PyByteArray_empty_string) as *mut u8;
    }
    (*raw(op)).ob_start as *mut u8
}

pub unsafe fn as_slice<'a>(op: *mut PyObject) -> &'a [u8] {
    let n = size_of_var(op) as usize;
    if n == 0 {
        return &[];
    }
    std::slice::from_raw_parts(as_ptr(op), n)
}

/// A new exact bytearray holding `b`.
pub fn from_slice(b: &[u8]) -> PyResult<Obj> {
    // Safety: a fresh bytearray from the generic allocator, resized before the copy.
    unsafe {
        let op = Obj::from_owned(typeobject::PyType_GenericAlloc(bytearray_type(), 0))?;
        set_contents(op.as_ptr(), b)?;
        Ok(op)
    }
}

unsafe fn can_resize(op: *mut PyObject) -> PyResult<()> {
    if (*raw(op)).ob_exports > 0 {
        return Err(raise(exc::buffer_error(), "Existing exports of data: object cannot be re-sized"));
    }
    Ok(())
}

/// PyByteArray_Resize with CPython's allocation policy (so `__alloc__` agrees): shrinking
/// below half reallocates exactly, a modest growth over-allocates by an eighth. Bytes
/// dropped from the front (`ob_start` past `ob_bytes`) count as used until a reallocation.
pub unsafe fn resize(op: *mut PyObject, size: Py_ssize_t) -> PyResult<()> {
    if size < 0 {
        return Err(raise(exc::value_error(), format!("Can only resize to positive sizes, got {size}")));
    }
    if size == size_of_var(op) {
        return Ok(());
    }
    can_resize(op)?;
    let b = raw(op);
    let size = size as usize;
    let offset = if (*b).ob_bytes.is_null() { 0 } else { (*b).ob_start.offset_from((*b).ob_bytes) as usize };
    let mut alloc = (*b).ob_alloc as usize;
    if size + offset + 1 <= alloc {
        if size < alloc / 2 {
            alloc = size + 1;
        } else {
            set_size(op, size as isize);
            *((*b).ob_start as *mut u8).add(size) = 0;
            return Ok(());
        }
    } else if (size as f64) <= alloc as f64 * 1.125 {
        alloc = size + (size >> 3) + if size < 9 { 3 } else { 6 };
    } else {
        alloc = size + 1;
    }
    if alloc > isize::MAX as usize {
        return Err(crate::objects::exceptions::no_memory());
    }
    let p = if offset > 0 {
        // A fresh block, so the dropped front is given back.
        let p = crate::mem::malloc(alloc);
        if !p.is_null() {
            let keep = size.min(size_of_var(op) as usize);
            std::ptr::copy_nonoverlapping((*b).ob_start as *const u8, p as *mut u8, keep);
            crate::mem::free((*b).ob_bytes as *mut c_void);
        }
        p
    } else if (*b).ob_bytes.is_null() {
        crate::mem::malloc(alloc)
    } else {
        crate::mem::realloc((*b).ob_bytes as *mut c_void, alloc)
    };
    if p.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    (*b).ob_bytes = p as *mut c_char;
    (*b).ob_start = p as *mut c_char;
    (*b).ob_alloc = alloc as isize;
    set_size(op, size as isize);
    *(p as *mut u8).add(size) = 0;
    Ok(())
}

/// Replaces bytes `lo..hi` with `new` (CPython's bytearray_setslice_linear): shrinking at
/// the front only advances `ob_start`.
pub unsafe fn splice(op: *mut PyObject, lo: usize, hi: usize, new: &[u8]) -> PyResult<()> {
    let size = size_of_var(op) as usize;
    let hi = hi.max(lo).min(size);
    let growth = new.len() as isize - (hi - lo) as isize;
    if growth < 0 {
        can_resize(op)?;
        let b = raw(op);
        if lo == 0 {
            (*b).ob_start = (*b).ob_start.offset(-growth);
        } else {
            let p = as_ptr(op);
            std::ptr::copy(p.add(hi), p.add(lo + new.len()), size - hi);
        }
        resize(op, size as isize + growth)?;
    } else if growth > 0 {
        resize(op, (size as isize).checked_add(growth).ok_or_else(crate::objects::exceptions::no_memory)?)?;
        let p = as_ptr(op);
        std::ptr::copy(p.add(hi), p.add(lo + new.len()), size - hi);
    }
    if !new.is_empty() {
        std::ptr::copy(new.as_ptr(), as_ptr(op).add(lo), new.len());
    }
    Ok(())
}

/// Makes `v` the contents (resizing as CPython would to that length).
pub unsafe fn set_contents(op: *mut PyObject, v: &[u8]) -> PyResult<()> {
    resize(op, v.len() as isize)?;
    if !v.is_empty() {
        std::ptr::copy(v.as_ptr(), as_ptr(op), v.len());
    }
    Ok(())
}

// ---- slots ----------------------------------------------------------------------------------

unsafe extern "C" fn bytearray_dealloc(op: *mut PyObject) {
    let b = raw(op);
    if !(*b).ob_bytes.is_null() {
        crate::mem::free((*b).ob_bytes as *mut c_void);
    }
    // Heap subclasses come here through subtype_dealloc, which drops the type reference.
    if let Some(free) = (*type_of(op)).tp_free {
        free(op as *mut c_void);
    }
}

/// `bytearray(b'...')`, with the class name for subclasses.
unsafe extern "C" fn bytearray_repr(op: *mut PyObject) -> *mut PyObject {
    let name = typeobject::short_name(type_of(op));
    crate::guard::ret_obj(str_::from_str(&format!("{name}({})", bytes::repr_bytes_quoting(as_slice(op), true, true))))
}

unsafe extern "C" fn bytearray_getbuffer(op: *mut PyObject, view: *mut Py_buffer, flags: c_int) -> c_int {
    if view.is_null() {
        raise(exc::buffer_error(), "bytearray_getbuffer: view==NULL argument is obsolete");
        return -1;
    }
    let r = crate::guard::catch_int(|| crate::protocol::buffer::fill_info(view, op, as_ptr(op), size_of_var(op), false, flags));
    if r == 0 {
        (*raw(op)).ob_exports += 1;
    }
    r
}

unsafe extern "C" fn bytearray_releasebuffer(op: *mut PyObject, _view: *mut Py_buffer) {
    (*raw(op)).ob_exports -= 1;
}

static mut BYTEARRAY_AS_BUFFER: PyBufferProcs =
    PyBufferProcs { bf_getbuffer: Some(bytearray_getbuffer), bf_releasebuffer: Some(bytearray_releasebuffer) };

static mut BYTEARRAY_AS_NUMBER: PyNumberMethods = PyNumberMethods { nb_remainder: Some(bytearray_mod), ..PyNumberMethods::EMPTY };

unsafe extern "C" fn bytearray_mod(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    if !check(a) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| crate::objects::bytes_format::format(a, b))
}

static mut BYTEARRAY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods {
    sq_length: Some(bytearray_length),
    sq_concat: Some(bytearray_concat),
    sq_repeat: Some(bytearray_repeat),
    sq_item: Some(bytearray_item),
    sq_ass_item: Some(bytearray_ass_item),
    sq_contains: Some(bytearray_contains),
    sq_inplace_concat: Some(bytearray_iconcat),
    sq_inplace_repeat: Some(bytearray_irepeat),
    ..PySequenceMethods::EMPTY
};

static mut BYTEARRAY_AS_MAPPING: PyMappingMethods = PyMappingMethods {
    mp_length: Some(bytearray_length),
    mp_subscript: Some(bytearray_subscript),
    mp_ass_subscript: Some(bytearray_ass_subscript),
};

unsafe extern "C" fn bytearray_length(op: *mut PyObject) -> Py_ssize_t {
    size_of_var(op)
}

unsafe extern "C" fn bytearray_contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch(-1, || match methods::contains(op, v) {
        Ok(b) => b as c_int,
        Err(_) => -1,
    })
}

pub unsafe fn concat(a: *mut PyObject, b: *mut PyObject) -> PyResult<Obj> {
    from_slice(&bytes::concat_buffers(a, b)?)
}

unsafe extern "C" fn bytearray_concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| concat(a, b))
}

/// `a += b`: any bytes-like `b`, appended in place. `b`'s buffer is held while `a` grows,
/// so `a += a` fails on the export as in CPython.
unsafe extern "C" fn bytearray_iconcat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !has_buffer(b) {
            return Err(raise(exc::type_error(), format!("can't concat {} to {}", full_name(type_of(b)), full_name(type_of(a)))));
        }
        let other = Buffer::get(b)?;
        let n = size_of_var(a);
        resize(a, n.checked_add(other.len() as isize).ok_or_else(crate::objects::exceptions::no_memory)?)?;
        std::ptr::copy_nonoverlapping(other.as_ptr(), as_ptr(a).offset(n), other.len());
        Ok(Obj::from_borrowed(a))
    })
}

unsafe extern "C" fn bytearray_repeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| from_slice(&bytes::repeat_bytes(as_slice(op), n, None)?))
}

unsafe extern "C" fn bytearray_irepeat(op: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = bytes::repeat_bytes(as_slice(op), n, None)?;
        set_contents(op, &v)?;
        Ok(Obj::from_borrowed(op))
    })
}

unsafe extern "C" fn bytearray_item(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    if i < 0 || i >= size_of_var(op) {
        raise(exc::index_error(), "bytearray index out of range");
        return null_mut();
    }
    long::from_i64(*as_ptr(op).offset(i) as i64).into_ptr()
}

unsafe extern "C" fn bytearray_ass_item(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let n = size_of_var(op);
        let i = if i < 0 { i + n } else { i };
        if i < 0 || i >= n {
            return Err(raise(exc::index_error(), "bytearray index out of range"));
        }
        if v.is_null() {
            return splice(op, i as usize, i as usize + 1, &[]);
        }
        let b = byte_value(v)?;
        *as_ptr(op).offset(i) = b;
        Ok(())
    })
}

/// An index key: the position, or TypeError naming the key's type.
unsafe fn index_of(key: *mut PyObject) -> PyResult<Py_ssize_t> {
    if !crate::protocol::number::has_index(key) {
        return Err(raise(exc::type_error(), format!("bytearray indices must be integers or slices, not {}", full_name(type_of(key)))));
    }
    crate::protocol::number::as_ssize_t_exc(key, exc::index_error())
}

unsafe extern "C" fn bytearray_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if crate::objects::sliceobject::check(key) {
            let (start, step, n) = crate::objects::sliceobject::indices_for(key, size_of_var(op))?;
            let b = as_slice(op);
            let v: Vec<u8> = (0..n).map(|i| b[(start + i * step) as usize]).collect();
            return from_slice(&v);
        }
        let mut i = index_of(key)?;
        if i < 0 {
            i += size_of_var(op);
        }
        Obj::from_owned(bytearray_item(op, i))
    })
}

unsafe extern "C" fn bytearray_ass_subscript(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if !crate::objects::sliceobject::check(key) {
            let i = index_of(key)?;
            return if bytearray_ass_item(op, i, v) < 0 { Err(crate::err::ErrSet::assume_set()) } else { Ok(()) };
        }
        assign_slice(op, key, v)
    })
}

/// `a[slice] = v` / `del a[slice]`: `v` is bytes-like or an iterable of ints.
unsafe fn assign_slice(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> PyResult<()> {
    let new: Option<Vec<u8>> = if v.is_null() {
        None
    } else if has_buffer(v) {
        Some(Buffer::get(v)?.to_vec())
    } else {
        if crate::objects::unicode_percent::is_number(v) || str_::check(v) {
            return Err(raise(exc::type_error(), "can assign only bytes, buffers, or iterables of ints in range(0, 256)"));
        }
        Some(ints_of_iterable(v, Some(&|| cannot_convert(v)))?)
    };
    let (mut start, mut stop, step) = crate::objects::sliceobject::unpack(key)?;
    let len = size_of_var(op);
    let n = crate::objects::sliceobject::adjust_indices(len, &mut start, &mut stop, step);
    if let (Some(new), 1) = (&new, step) {
        return splice(op, start as usize, stop.max(start) as usize, new);
    }
    let mut all = as_slice(op).to_vec();
    match new {
        Some(new) => {
            if new.len() as isize != n {
                return Err(raise(
                    exc::value_error(),
                    format!("attempt to assign bytes of size {} to extended slice of size {n}", new.len()),
                ));
            }
            for (i, c) in new.into_iter().enumerate() {
                all[(start + i as isize * step) as usize] = c;
            }
            // Same length: no resize, so exports do not matter.
            std::ptr::copy_nonoverlapping(all.as_ptr(), as_ptr(op), all.len());
            return Ok(());
        }
        None if n == 0 => return Ok(()),
        None if step == 1 => return splice(op, start as usize, (start + n) as usize, &[]),
        None => {
            let (step, mut start) = if step < 0 { (-step, start + step * (n - 1)) } else { (step, start) };
            let mut kill = vec![false; all.len()];
            for _ in 0..n {
                kill[start as usize] = true;
                start += step;
            }
            let mut k = kill.iter();
            all.retain(|_| !k.next().copied().unwrap_or(false));
        }
    }
    set_contents(op, &all)
}

unsafe fn cannot_convert(x: *mut PyObject) -> crate::err::ErrSet {
    raise(exc::type_error(), format!("cannot convert '{}' object to bytearray", full_name(type_of(x))))
}

/// The byte values of an iterable of ints; `cannot` names the TypeError when not iterable.
unsafe fn ints_of_iterable(v: *mut PyObject, cannot: Option<&dyn Fn() -> crate::err::ErrSet>) -> PyResult<Vec<u8>> {
    let it = match crate::protocol::iter::get_iter(v) {
        Ok(it) => it,
        Err(e) => {
            if let (Some(f), true) = (cannot, crate::err::exception_matches(exc::type_error())) {
                crate::err::clear();
                return Err(f());
            }
            return Err(e);
        }
    };
    let mut out = Vec::new();
    while let Some(item) = crate::protocol::iter::next(it.as_ptr())? {
        out.push(byte_value(item.as_ptr())?);
    }
    Ok(out)
}

unsafe extern "C" fn bytearray_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !has_buffer(a) || !has_buffer(b) {
        return noneobject::not_implemented();
    }
    let (Ok(x), Ok(y)) = (Buffer::get(a), Buffer::get(b)) else {
        crate::err::clear();
        return noneobject::not_implemented();
    };
    let ord = x.as_slice().cmp(y.as_slice());
    crate::objects::boolobject::new_bool(crate::protocol::object::ordering_matches(ord, op))
}

/// `bytearray.__init__(source=..., encoding=..., errors=...)`: replaces the contents.
unsafe extern "C" fn bytearray_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("bytearray", args, kwds, &["source", "encoding", "errors"], 0)?;
        use crate::objects::unicode_methods::str_arg;
        let enc = match a[1] {
            Some(_) => Some(str_arg("bytearray", "encoding", a[1], "utf-8")?),
            None => None,
        };
        let errs = match a[2] {
            Some(_) => Some(str_arg("bytearray", "errors", a[2], "strict")?),
            None => None,
        };
        resize(op, 0)?;
        let without = || {
            raise(exc::type_error(), if enc.is_some() { "encoding without a string argument" } else { "errors without a string argument" })
        };
        let Some(x) = a[0] else {
            return if enc.is_some() || errs.is_some() { Err(without()) } else { Ok(()) };
        };
        if str_::check(x) {
            let Some(enc) = &enc else {
                return Err(raise(exc::type_error(), "string argument without an encoding"));
            };
            let b = crate::objects::unicode_methods::encode(x, enc, errs.as_deref().unwrap_or("strict"))?;
            return set_contents(op, bytes::as_slice(b.as_ptr()));
        }
        if enc.is_some() || errs.is_some() {
            return Err(without());
        }
        if crate::protocol::number::has_index(x) {
            match crate::protocol::number::as_ssize_t(x) {
                Ok(n) if n < 0 => return Err(raise(exc::value_error(), "negative count")),
                Ok(n) => {
                    resize(op, n)?;
                    std::ptr::write_bytes(as_ptr(op), 0, n as usize);
                    return Ok(());
                }
                Err(e) => {
                    if !crate::err::exception_matches(exc::type_error()) {
                        return Err(e);
                    }
                    crate::err::clear();
                }
            }
        }
        if has_buffer(x) {
            return set_contents(op, &Buffer::contiguous_copy(x)?);
        }
        let v = ints_of_iterable(x, Some(&|| cannot_convert(x)))?;
        set_contents(op, &v)
    })
}

#[no_mangle]
pub static mut PyByteArrayIter_Type: PyTypeObject = crate::objects::indexiter::iter_type(c"bytearray_iterator");

unsafe extern "C" fn bytearray_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::indexiter::new_iter(op, &raw mut PyByteArrayIter_Type))
}

// ---- the mutating methods -------------------------------------------------------------------

fn none() -> PyResult<Obj> {
    // Safety: None is immortal.
    Ok(unsafe { Obj::from_borrowed(noneobject::none()) })
}

unsafe fn append(op: *mut PyObject, v: *mut PyObject) -> PyResult<Obj> {
    let b = byte_value(v)?;
    let n = size_of_var(op);
    resize(op, n + 1)?;
    *as_ptr(op).offset(n) = b;
    none()
}

unsafe fn extend(op: *mut PyObject, v: *mut PyObject) -> PyResult<Obj> {
    let add = if has_buffer(v) {
        Buffer::get(v)?.to_vec()
    } else {
        let cannot = || raise(exc::type_error(), format!("can't extend bytearray with {}", full_name(type_of(v))));
        ints_of_iterable(v, Some(&cannot))?
    };
    let n = size_of_var(op) as usize;
    splice(op, n, n, &add)?;
    none()
}

unsafe fn insert(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("insert", a.len(), 2, 2)?;
    let i = crate::objects::unicode_methods::ssize(a[0])?;
    let b = byte_value(a[1])?;
    let n = size_of_var(op);
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    let mut all = as_slice(op).to_vec();
    all.insert(i as usize, b);
    set_contents(op, &all)?;
    none()
}

unsafe fn pop(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("pop", a.len(), 0, 1)?;
    let i = match a.first() {
        Some(&v) => crate::objects::unicode_methods::ssize(v)?,
        None => -1,
    };
    let n = size_of_var(op);
    if n == 0 {
        return Err(raise(exc::index_error(), "pop from empty bytearray"));
    }
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(raise(exc::index_error(), "pop index out of range"));
    }
    can_resize(op)?;
    let mut all = as_slice(op).to_vec();
    let c = all.remove(i as usize);
    set_contents(op, &all)?;
    Ok(long::from_i64(c as i64))
}

unsafe fn remove(op: *mut PyObject, v: *mut PyObject) -> PyResult<Obj> {
    let b = byte_value(v)?;
    let mut all = as_slice(op).to_vec();
    let Some(i) = all.iter().position(|&c| c == b) else {
        return Err(raise(exc::value_error(), "value not found in bytearray"));
    };
    all.remove(i);
    set_contents(op, &all)?;
    none()
}

unsafe fn clear(op: *mut PyObject) -> PyResult<Obj> {
    resize(op, 0)?;
    none()
}

unsafe fn copy(op: *mut PyObject) -> PyResult<Obj> {
    from_slice(as_slice(op))
}

unsafe fn reverse(op: *mut PyObject) -> PyResult<Obj> {
    let n = size_of_var(op) as usize;
    if n > 0 {
        std::slice::from_raw_parts_mut(as_ptr(op), n).reverse();
    }
    none()
}

unsafe fn alloc(op: *mut PyObject) -> PyResult<Obj> {
    Ok(long::from_i64((*raw(op)).ob_alloc as i64))
}

unsafe fn sizeof(op: *mut PyObject) -> PyResult<Obj> {
    Ok(long::from_i64(((*type_of(op)).tp_basicsize + (*raw(op)).ob_alloc) as i64))
}

/// `(type, args, state)` as CPython's _common_reduce: latin-1 text before protocol 3.
unsafe fn common_reduce(op: *mut PyObject, proto: i32) -> PyResult<Obj> {
    let dict = match crate::protocol::object::lookup_attr(op, str_::intern("__dict__")?)? {
        Some(d) => d,
        None => Obj::from_borrowed(noneobject::none()),
    };
    let tp = type_of(op) as *mut PyObject;
    let data = as_slice(op);
    let args = if proto < 3 {
        let text = crate::objects::unicode_methods::decode(data, "latin-1", "strict")?;
        let enc = str_::from_str("latin-1")?;
        tuple::pack(&[text.as_ptr(), enc.as_ptr()])?
    } else if data.is_empty() {
        tuple::new(0)?
    } else {
        let b = bytes::from_slice(data)?;
        tuple::pack(&[b.as_ptr()])?
    };
    tuple::pack(&[tp, args.as_ptr(), dict.as_ptr()])
}

unsafe fn reduce(op: *mut PyObject) -> PyResult<Obj> {
    common_reduce(op, 2)
}

unsafe fn reduce_ex(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("__reduce_ex__", a.len(), 0, 1)?;
    let proto = match a.first() {
        Some(&p) => crate::objects::unicode_methods::as_c_int(p)?,
        None => 0,
    };
    common_reduce(op, proto)
}

crate::guard::noargs! {
    m_clear => clear, m_copy => copy, m_reverse => reverse, m_alloc => alloc, m_sizeof => sizeof,
    m_reduce => reduce,
}
crate::guard::onearg! { m_append => append, m_extend => extend, m_remove => remove }
crate::guard::fastcall! { m_insert => insert, m_pop => pop, m_reduce_ex => reduce_ex }

static mut BYTEARRAY_METHODS: [PyMethodDef; 55] = methods::table(&[
    method(c"__alloc__", m_alloc as *const (), METH_NOARGS, c"B.__alloc__() -> int\n\nReturn the number of bytes actually allocated."),
    method(c"__reduce__", m_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    method(c"__reduce_ex__", m_reduce_ex as *const (), METH_FASTCALL, c"Return state information for pickling."),
    method(c"__sizeof__", m_sizeof as *const (), METH_NOARGS, c"Returns the size of the bytearray object in memory, in bytes."),
    method(c"append", m_append as *const (), METH_O, c"Append a single item to the end of the bytearray.\n\n  item\n    The item to be appended."),
    method(c"clear", m_clear as *const (), METH_NOARGS, c"Remove all items from the bytearray."),
    method(c"copy", m_copy as *const (), METH_NOARGS, c"Return a copy of B."),
    method(c"extend", m_extend as *const (), METH_O, c"Append all the items from the iterator or sequence to the end of the bytearray.\n\n  iterable_of_ints\n    The iterable of items to append."),
    method(c"insert", m_insert as *const (), METH_FASTCALL, c"Insert a single item into the bytearray before the given index.\n\n  index\n    The index where the value is to be inserted.\n  item\n    The item to be inserted."),
    method(c"pop", m_pop as *const (), METH_FASTCALL, c"Remove and return a single item from B.\n\n  index\n    The index from where to remove the item.\n    -1 (the default value) means remove the last item.\n\nIf no index argument is given, will pop the last item."),
    method(c"remove", m_remove as *const (), METH_O, c"Remove the first occurrence of a value in the bytearray.\n\n  value\n    The value to remove."),
    method(c"reverse", m_reverse as *const (), METH_NOARGS, c"Reverse the order of the values in B in place."),
    METHOD_END,
]);

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(bytearray_type())?;
    typeobject::ready(&raw mut PyByteArrayIter_Type)
}
