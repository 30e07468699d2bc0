//! `_io`'s shared layout and its abstract bases (CPython's Modules/_io/iobase.c,
//! bufferedio.c and textio.c heads): `_IOBase`, `_RawIOBase`, `_BufferedIOBase`,
//! `_TextIOBase`; the method-table macro and the helpers the concrete types share.
//!
//! Every `_io` type has one layout, `IoObject`: the instance dict, the weak reference list,
//! the `_IOBase` closed flag, and a boxed `State` that the concrete type's constructor puts
//! there (null for instances of the bases). So dealloc, traverse, clear and finalization
//! are shared, and Python subclasses of any of them work alike.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; `IoObject` field accesses rely on `op` being an instance of an `_io` type.

use crate::err::{raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, GETSET_END};
use crate::objects::{boolobject, bytearrayobject as bytearray, bytesobject as bytes, noneobject, unicodeobject as str_};
use crate::protocol::call::call_method_obj;
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

pub const DEFAULT_BUFFER_SIZE: usize = 8192;

#[repr(C)]
pub struct IoObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub weakreflist: *mut PyObject,
    /// `_IOBase`'s own closed flag (CPython's `__IOBase_closed` attribute).
    pub base_closed: usize,
    /// `_finalizing`: set by the finalizer before it closes the file.
    pub finalizing: usize,
    pub st: *mut State,
}

/// The concrete type's data.
pub enum State {
    Bytes(super::io_bytesio::BytesIO),
    Str(super::io_stringio::StringIO),
    File(super::io_fileio::FileIO),
    Buffered(super::io_buffered::Buffered),
    Pair(super::io_buffered::RwPair),
    Text(super::io_textio::TextIO),
    NlDecoder(super::io_newline::NlDecoder),
}

impl State {
    /// The objects the state holds, for traverse.
    fn objects(&self) -> Vec<*mut PyObject> {
        match self {
            State::Bytes(_) | State::Str(_) => Vec::new(),
            State::File(_) => Vec::new(),
            State::Buffered(b) => b.objects(),
            State::Pair(p) => p.objects(),
            State::Text(t) => t.objects(),
            State::NlDecoder(d) => d.objects(),
        }
    }
}

pub unsafe fn io<'a>(op: *mut PyObject) -> &'a mut IoObject {
    &mut *(op as *mut IoObject)
}

/// The state, if the constructor has run.
pub unsafe fn state<'a>(op: *mut PyObject) -> Option<&'a mut State> {
    let p = io(op).st;
    if p.is_null() {
        None
    } else {
        Some(&mut *p)
    }
}

// ---- files still open at exit -------------------------------------------------------------

/// The live objects holding a file or a stream (address to creation order). CPython closes
/// them at shut-down when it clears the modules; until Ferric's shut-down does that,
/// `close_live_files` does, so buffered data is not lost.
static LIVE: std::sync::Mutex<Option<(u64, std::collections::HashMap<usize, u64>)>> = std::sync::Mutex::new(None);

fn live<R>(f: impl FnOnce(&mut (u64, std::collections::HashMap<usize, u64>)) -> R) -> R {
    let mut g = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(|| (0, std::collections::HashMap::new())))
}

/// Closes the files and streams still open, the newest first (a text layer before its
/// buffer, a buffer before its raw file); errors are dropped, as the finalizer drops them.
pub unsafe fn close_live_files() {
    let mut order: Vec<(u64, usize)> = live(|l| l.1.iter().map(|(&a, &n)| (n, a)).collect());
    order.sort_unstable_by(|a, b| b.cmp(a));
    for (_, addr) in order {
        if !live(|l| l.1.contains_key(&addr)) {
            continue; // freed by an earlier close
        }
        let op = addr as *mut PyObject;
        incref(op);
        iobase_finalize(op);
        decref(op);
    }
}

/// Installs a fresh state (dropping any old one).
pub unsafe fn set_state(op: *mut PyObject, s: State) {
    if matches!(s, State::File(_) | State::Buffered(_) | State::Pair(_) | State::Text(_)) {
        live(|l| {
            l.0 += 1;
            let n = l.0;
            l.1.insert(op as usize, n);
        });
    }
    let old = std::mem::replace(&mut io(op).st, Box::into_raw(Box::new(s)));
    if !old.is_null() {
        drop(Box::from_raw(old));
    }
}

pub unsafe fn drop_state(op: *mut PyObject) {
    let old = std::mem::replace(&mut io(op).st, null_mut());
    if !old.is_null() {
        drop(Box::from_raw(old));
    }
}

// ---- errors ------------------------------------------------------------------------------

static mut UNSUPPORTED: *mut PyObject = null_mut();

/// `io.UnsupportedOperation`, made once (a subclass of OSError and ValueError).
pub unsafe fn unsupported_type() -> PyResult<*mut PyObject> {
    if UNSUPPORTED.is_null() {
        let d = crate::objects::dictobject::new()?;
        crate::objects::dictobject::set_item_str(d.as_ptr(), "__module__", str_::from_str("io")?.as_ptr())?;
        let bases = crate::objects::tupleobject::pack(&[exc::os_error(), exc::value_error()])?;
        let name = str_::from_str("UnsupportedOperation")?;
        let args = crate::objects::tupleobject::pack(&[name.as_ptr(), bases.as_ptr(), d.as_ptr()])?;
        let t = crate::protocol::call::call(typeobject::type_type() as *mut PyObject, args.as_ptr(), null_mut())?;
        UNSUPPORTED = t.into_ptr();
    }
    Ok(UNSUPPORTED)
}

pub unsafe fn unsupported(msg: &str) -> ErrSet {
    match unsupported_type() {
        Ok(t) => raise(t, msg),
        Err(e) => e,
    }
}

pub fn closed_error() -> ErrSet {
    raise(exc::value_error(), "I/O operation on closed file.")
}

/// The same without the period, as FileIO and StringIO say it.
pub fn closed_file() -> ErrSet {
    raise(exc::value_error(), "I/O operation on closed file")
}

pub fn uninitialized() -> ErrSet {
    raise(exc::value_error(), "I/O operation on uninitialized object")
}

/// OSError (the errno's subclass) from `errno`, with an optional filename.
pub unsafe fn os_error(errno: c_int, filename: Option<*mut PyObject>) -> ErrSet {
    // Safety: strerror returns a static or thread-local NUL-terminated string.
    let msg = std::ffi::CStr::from_ptr(libc::strerror(errno)).to_string_lossy().into_owned();
    let made = (|| -> PyResult<Obj> {
        let e = crate::objects::longobject::from_i64(errno as i64);
        let m = str_::from_str(&msg)?;
        let args = match filename {
            Some(f) => crate::objects::tupleobject::pack(&[e.as_ptr(), m.as_ptr(), f])?,
            None => crate::objects::tupleobject::pack(&[e.as_ptr(), m.as_ptr()])?,
        };
        crate::protocol::call::call(exc::os_error(), args.as_ptr(), null_mut())
    })();
    match made {
        Ok(v) => crate::err::set_object(type_of(v.as_ptr()) as *mut PyObject, v.as_ptr()),
        Err(e) => e,
    }
}

pub fn last_errno() -> c_int {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

// ---- small helpers -----------------------------------------------------------------------

pub fn none() -> Obj {
    // Safety: None is immortal.
    unsafe { Obj::from_borrowed(noneobject::none()) }
}

pub fn boolean(v: bool) -> Obj {
    // Safety: True and False are immortal.
    unsafe { Obj::from_borrowed(boolobject::new_bool(v)) }
}

pub fn int(v: i64) -> Obj {
    crate::objects::longobject::from_i64(v)
}

pub fn is_none(o: *mut PyObject) -> bool {
    noneobject::is_none(o)
}

/// `obj.name(*args)`.
pub unsafe fn call(obj: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    call_method_obj(obj, name, args)
}

pub unsafe fn truthy(o: &Obj) -> PyResult<bool> {
    proto::is_true(o.as_ptr())
}

/// `self.closed` as a bool.
pub unsafe fn attr_closed(op: *mut PyObject) -> PyResult<bool> {
    let c = proto::getattr_str(op, "closed")?;
    truthy(&c)
}

/// An optional size argument: None or absent is -1, else an index (`Py_ssize_t` converter).
pub unsafe fn size_arg(a: &[*mut PyObject], i: usize) -> PyResult<isize> {
    match a.get(i) {
        None => Ok(-1),
        Some(&v) if is_none(v) => Ok(-1),
        Some(&v) => {
            if !crate::protocol::number::has_index(v) {
                return Err(raise(exc::type_error(), format!("argument should be integer or None, not '{}'", typeobject::full_name(type_of(v)))));
            }
            crate::protocol::number::as_ssize_t_exc(v, exc::overflow_error())
        }
    }
}

/// An integer argument (`Py_ssize_t`, `__index__`).
pub unsafe fn index_arg(v: *mut PyObject) -> PyResult<isize> {
    if crate::objects::floatobject::check(v) {
        return Err(raise(exc::type_error(), "'float' object cannot be interpreted as an integer"));
    }
    crate::protocol::number::as_ssize_t_exc(v, exc::overflow_error())
}

/// The bytes of a bytes-like argument, copied.
pub unsafe fn buffer_bytes(o: *mut PyObject) -> PyResult<Vec<u8>> {
    Ok(crate::protocol::buffer::Buffer::get(o)?.as_slice().to_vec())
}

/// Writes `data` into the writable buffer `b` (readinto's target); returns the length of `b`.
pub unsafe fn with_writable<R>(b: *mut PyObject, f: impl FnOnce(&mut [u8]) -> PyResult<R>) -> PyResult<R> {
    let buf = crate::protocol::buffer::Buffer::get_flags(b, crate::protocol::buffer::PYBUF_WRITABLE)?;
    let v = buf.view();
    let s: &mut [u8] = if v.len <= 0 || v.buf.is_null() { &mut [] } else { std::slice::from_raw_parts_mut(v.buf as *mut u8, v.len as usize) };
    f(s)
}

/// `n` zero bytes, or MemoryError (a read's buffer is sized by its caller's argument, so
/// allocation failure must not abort). Zeroed pages come lazily from the allocator.
pub fn zeroed(n: usize) -> PyResult<Vec<u8>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    let Ok(layout) = std::alloc::Layout::array::<u8>(n) else {
        return Err(crate::objects::exceptions::no_memory());
    };
    // Safety: the layout is non-zero-sized; a non-null result is `n` zeroed bytes owned
    // by the Vec made from it, with the same layout Vec<u8> uses to free it.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout);
        if p.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        Ok(Vec::from_raw_parts(p, n, n))
    }
}

pub fn bytes_obj(b: &[u8]) -> PyResult<Obj> {
    bytes::from_slice(b)
}

/// A method result that must be bytes (or None when `none_ok`), as CPython checks.
pub unsafe fn expect_bytes(r: &Obj, what: &str) -> PyResult<()> {
    if !bytes::check(r.as_ptr()) {
        return Err(raise(exc::type_error(), format!("{what}() should have returned a bytes object, not '{}'", typeobject::full_name(type_of(r.as_ptr())))));
    }
    Ok(())
}

// ---- the method-table macro -----------------------------------------------------------------

/// Method tables: `c"name" => f()` is METH_NOARGS, `c"name" => f(1, 1)` METH_O,
/// `c"name" => f(max, min)` METH_FASTCALL positional-only with CPython's count messages, `c"name" => f{kw}` an `extern "C"`
/// METH_FASTCALL | METH_KEYWORDS function used as it is. Each `f` is
/// `unsafe fn(*mut PyObject, &[*mut PyObject]) -> PyResult<Obj>`; the wrappers live in a
/// module of the same name inside one named after the table (modules and statics or
/// functions do not share a namespace).
macro_rules! io_methods {
    ($table:ident { $( $py:literal => $f:ident $spec:tt ),* $(,)? }) => {
        #[allow(non_snake_case)]
        mod $table {
            $( crate::modules::io_iobase::io_methods!(@wrap $py, $f, $spec); )*
        }
        pub static mut $table: [PyMethodDef; [$($py),*].len() + 1] = [
            $( crate::modules::io_iobase::io_methods!(@def $table, $py, $f, $spec), )*
            crate::objects::typeobject::METHOD_END
        ];
    };
    (@wrap $py:literal, $f:ident, ()) => {
        pub mod $f {
            use crate::ffi::PyObject;
            pub unsafe extern "C" fn w(s: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
                crate::guard::catch_obj(|| super::super::$f(s, &[]))
            }
        }
    };
    (@wrap $py:literal, $f:ident, (1, 1)) => {
        pub mod $f {
            use crate::ffi::PyObject;
            pub unsafe extern "C" fn w(s: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
                crate::guard::catch_obj(|| super::super::$f(s, &[arg]))
            }
        }
    };
    (@wrap $py:literal, $f:ident, ($max:literal, $min:literal)) => {
        pub mod $f {
            use crate::ffi::{PyObject, Py_ssize_t};
            pub unsafe extern "C" fn w(s: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
                crate::guard::catch_obj(|| {
                    let a = crate::modules::args(args, n);
                    crate::protocol::args::check_positional($py.to_str().unwrap_or("?"), a.len(), $min, $max)?;
                    super::super::$f(s, a)
                })
            }
        }
    };
    (@wrap $py:literal, $f:ident, {kw}) => {};
    (@def $t:ident, $py:literal, $f:ident, ()) => {
        crate::objects::typeobject::method($py, $t::$f::w as *const (), crate::ffi::METH_NOARGS, c"")
    };
    (@def $t:ident, $py:literal, $f:ident, (1, 1)) => {
        crate::objects::typeobject::method($py, $t::$f::w as *const (), crate::ffi::METH_O, c"")
    };
    (@def $t:ident, $py:literal, $f:ident, ($max:literal, $min:literal)) => {
        crate::objects::typeobject::method($py, $t::$f::w as *const (), crate::ffi::METH_FASTCALL, c"")
    };
    (@def $t:ident, $py:literal, $f:ident, {kw}) => {
        crate::objects::typeobject::method($py, $f as *const (), crate::ffi::METH_FASTCALL | crate::ffi::METH_KEYWORDS, c"")
    };
}
pub(crate) use io_methods;

/// Getters: `getters!(TABLE { c"name" => f, ... })` with `f: unsafe fn(*mut PyObject) -> PyResult<Obj>`.
macro_rules! io_getters {
    ($table:ident { $( $py:literal => $f:ident ),* $(,)? }) => {
        $(
            #[allow(non_snake_case)]
            mod $f {
                use crate::ffi::PyObject;
                pub unsafe extern "C" fn g(s: *mut PyObject, _: *mut std::ffi::c_void) -> *mut PyObject {
                    crate::guard::catch_obj(|| super::$f(s))
                }
            }
        )*
        pub static mut $table: [PyGetSetDef; [$($py),*].len() + 1] = [
            $( crate::objects::typeobject::getset($py, Some($f::g), None), )*
            crate::objects::typeobject::GETSET_END
        ];
    };
}
pub(crate) use io_getters;

/// A static `_io` type over `IoObject`.
macro_rules! io_type {
    ($static:ident, $name:literal, $base:expr, $methods:expr, $getset:expr, $new:expr, $init:expr $(, $field:ident : $val:expr)* $(,)?) => {
        pub static mut $static: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut crate::objects::typeobject::PyType_Type, 0),
            tp_name: $name.as_ptr(),
            tp_basicsize: std::mem::size_of::<crate::modules::io_iobase::IoObject>() as _,
            tp_dealloc: Some(crate::modules::io_iobase::io_dealloc),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
            tp_traverse: Some(crate::modules::io_iobase::io_traverse),
            tp_clear: Some(crate::modules::io_iobase::io_clear),
            tp_weaklistoffset: std::mem::offset_of!(crate::modules::io_iobase::IoObject, weakreflist) as _,
            tp_methods: $methods,
            tp_getset: $getset,
            tp_base: $base,
            tp_dictoffset: std::mem::offset_of!(crate::modules::io_iobase::IoObject, dict) as _,
            tp_init: $init,
            tp_alloc: Some(crate::objects::typeobject::PyType_GenericAlloc),
            tp_new: $new,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            $($field: $val,)*
            ..PyTypeObject::EMPTY
        };
    };
}
pub(crate) use io_type;

// ---- shared slots --------------------------------------------------------------------------

pub unsafe extern "C" fn io_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    if (*tp).tp_finalize.is_some() && !crate::gc::is_finalized(op) {
        crate::gc::mark_finalized(op);
        // Resurrect for the finalizer, as PyObject_CallFinalizerFromDealloc.
        (*op).ob_refcnt = 1;
        if let Some(f) = (*tp).tp_finalize {
            f(op);
        }
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt > 0 {
            return;
        }
    }
    crate::gc::untrack(op);
    live(|l| l.1.remove(&(op as usize)));
    if !io(op).weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    io_clear(op);
    // Heap subclasses come here through subtype_dealloc, which drops the type reference.
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

pub unsafe extern "C" fn io_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let mut objs = vec![io(op).dict];
    if let Some(s) = state(op) {
        objs.extend(s.objects());
    }
    // A heap subclass's type is visited by subtype_traverse; static types need no visit.
    crate::gc::visit_each(&objs, visit, arg)
}

pub unsafe extern "C" fn io_clear(op: *mut PyObject) -> c_int {
    xsetref(&raw mut io(op).dict, null_mut());
    drop_state(op);
    0
}

/// CPython's iobase_finalize: close a file that is still open; errors are dropped.
pub unsafe extern "C" fn iobase_finalize(op: *mut PyObject) {
    crate::guard::catch((), || finalize_body(op))
}

unsafe fn finalize_body(op: *mut PyObject) {
    let saved = crate::err::fetch();
    let closed = match proto::getattr_str(op, "closed") {
        Ok(c) => proto::is_true(c.as_ptr()).unwrap_or(true),
        Err(_) => {
            crate::err::clear();
            true
        }
    };
    if !closed {
        let key = str_::from_str("_finalizing");
        if let Ok(k) = key {
            if proto::setattr(op, k.as_ptr(), boolobject::true_()).is_err() {
                crate::err::clear();
            }
        }
        if call(op, "close", &[]).is_err() {
            crate::err::clear();
        }
    }
    crate::err::restore(saved.0, saved.1, saved.2);
}

pub unsafe extern "C" fn generic_new(tp: *mut PyTypeObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    alloc(tp, 0)
}

/// `tp_iter`: the closed check, then self.
pub unsafe extern "C" fn iobase_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        check_closed_attr(op)?;
        Ok(Obj::from_borrowed(op))
    })
}

/// `tp_iternext`: `self.readline()` until it is empty.
pub unsafe extern "C" fn iobase_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || match call(op, "readline", &[]) {
        Ok(line) => {
            let n = crate::protocol::sequence::size(line.as_ptr()).unwrap_or(-1);
            if n == 0 {
                null_mut()
            } else {
                line.into_ptr()
            }
        }
        Err(_) => null_mut(),
    })
}

// ---- _IOBase -------------------------------------------------------------------------------

pub unsafe fn check_closed_attr(op: *mut PyObject) -> PyResult<()> {
    if attr_closed(op)? {
        return Err(closed_error());
    }
    Ok(())
}

unsafe fn iobase_seek(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("seek"))
}

unsafe fn iobase_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let z = int(0);
    let one = int(1);
    call(op, "seek", &[z.as_ptr(), one.as_ptr()])
}

unsafe fn iobase_truncate(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("truncate"))
}

unsafe fn iobase_flush(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    if io(op).base_closed != 0 {
        return Err(closed_error());
    }
    Ok(none())
}

unsafe fn iobase_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    if io(op).base_closed != 0 {
        return Ok(none());
    }
    let r = call(op, "flush", &[]);
    io(op).base_closed = 1;
    r.map(|_| none())
}

unsafe fn iobase_closed(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(io(op).base_closed != 0))
}

unsafe fn iobase_false(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(boolean(false))
}

unsafe fn check_ability(op: *mut PyObject, meth: &str, what: &str) -> PyResult<Obj> {
    let r = call(op, meth, &[])?;
    if r.as_ptr() != boolobject::true_() {
        return Err(unsupported(&format!("File or stream is not {what}.")));
    }
    Ok(r)
}

unsafe fn iobase_check_closed(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_closed_attr(op)?;
    Ok(none())
}

unsafe fn iobase_check_seekable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_ability(op, "seekable", "seekable")
}

unsafe fn iobase_check_readable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_ability(op, "readable", "readable")
}

unsafe fn iobase_check_writable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_ability(op, "writable", "writable")
}

unsafe fn iobase_fileno(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("fileno"))
}

unsafe fn iobase_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_closed_attr(op)?;
    Ok(boolean(false))
}

unsafe fn iobase_enter(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    check_closed_attr(op)?;
    Ok(Obj::from_borrowed(op))
}

unsafe fn iobase_exit(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    call(op, "close", &[])
}

/// `readline(size=-1)`: through `peek` when there is one, else a byte at a time.
unsafe fn iobase_readline(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let limit = size_arg(a, 0)?;
    let peek = proto::lookup_attr(op, str_::intern("peek")?)?;
    let mut out: Vec<u8> = Vec::new();
    while limit < 0 || (out.len() as isize) < limit {
        let mut nreadahead = 1isize;
        if let Some(p) = &peek {
            let one = int(1);
            let ahead = crate::protocol::call::vectorcall(p.as_ptr(), &[one.as_ptr()], null_mut())?;
            if !bytes::check(ahead.as_ptr()) {
                return Err(raise(exc::os_error(), format!("peek() should have returned a bytes object, not '{}'", typeobject::full_name(type_of(ahead.as_ptr())))));
            }
            let buf = bytes::as_slice(ahead.as_ptr());
            if !buf.is_empty() {
                let cap = if limit >= 0 { (limit as usize - out.len()).min(buf.len()) } else { buf.len() };
                let mut n = 0;
                while n < cap {
                    n += 1;
                    if buf[n - 1] == b'\n' {
                        break;
                    }
                }
                nreadahead = n as isize;
            }
        }
        let n = int(nreadahead as i64);
        let b = call(op, "read", &[n.as_ptr()])?;
        if !bytes::check(b.as_ptr()) {
            return Err(raise(exc::os_error(), format!("read() should have returned a bytes object, not '{}'", typeobject::full_name(type_of(b.as_ptr())))));
        }
        let s = bytes::as_slice(b.as_ptr());
        if s.is_empty() {
            break;
        }
        out.extend_from_slice(s);
        if out.last() == Some(&b'\n') {
            break;
        }
    }
    bytes_obj(&out)
}

/// `readlines(hint=-1)`: lines until their total length reaches `hint`.
pub unsafe fn iobase_readlines(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let hint = size_arg(a, 0)?;
    let out = crate::objects::listobject::new(0)?;
    if hint <= 0 {
        crate::objects::listobject::extend(out.as_ptr(), op)?;
        return Ok(out);
    }
    let it = crate::protocol::iter::get_iter(op)?;
    let mut total = 0isize;
    while let Some(line) = crate::protocol::iter::next(it.as_ptr())? {
        crate::objects::listobject::append(out.as_ptr(), line.as_ptr())?;
        total += crate::protocol::sequence::size(line.as_ptr())?;
        if total >= hint {
            break;
        }
    }
    Ok(out)
}

unsafe fn iobase_writelines(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    check_closed_attr(op)?;
    let it = crate::protocol::iter::get_iter(a[0])?;
    while let Some(line) = crate::protocol::iter::next(it.as_ptr())? {
        call(op, "write", &[line.as_ptr()])?;
    }
    Ok(none())
}

io_methods!(IOBASE_METHODS {
    c"seek" => iobase_seek(2, 0),
    c"tell" => iobase_tell(),
    c"truncate" => iobase_truncate(1, 0),
    c"flush" => iobase_flush(),
    c"close" => iobase_close(),
    c"seekable" => iobase_seekable(),
    c"readable" => iobase_readable(),
    c"writable" => iobase_writable(),
    c"_checkClosed" => iobase_check_closed(1, 0),
    c"_checkSeekable" => iobase_check_seekable(1, 0),
    c"_checkReadable" => iobase_check_readable(1, 0),
    c"_checkWritable" => iobase_check_writable(1, 0),
    c"fileno" => iobase_fileno(),
    c"isatty" => iobase_isatty(),
    c"__enter__" => iobase_enter(),
    c"__exit__" => iobase_exit(99, 0),
    c"readline" => iobase_readline(1, 0),
    c"readlines" => iobase_readlines(1, 0),
    c"writelines" => iobase_writelines(1, 1),
});

unsafe fn iobase_seekable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    iobase_false(op, a)
}
unsafe fn iobase_readable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    iobase_false(op, a)
}
unsafe fn iobase_writable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    iobase_false(op, a)
}

pub static mut IOBASE_GETSET: [PyGetSetDef; 3] = [
    getset(c"__dict__", Some(crate::objects::typenew::subtype_get_dict), Some(crate::objects::typenew::subtype_set_dict)),
    getset(c"closed", Some(iobase_closed_get), None),
    GETSET_END,
];

unsafe extern "C" fn iobase_closed_get(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| iobase_closed(op))
}

unsafe extern "C" fn finalizing_set(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    crate::guard::catch_int(|| {
        if v.is_null() {
            return Err(raise(exc::type_error(), "can't delete numeric/char attribute"));
        }
        if !boolobject::check(v) {
            return Err(raise(exc::type_error(), "attribute value type must be bool"));
        }
        io(op).finalizing = (v == boolobject::true_()) as usize;
        Ok(())
    })
}

/// Gives the getter named `name` in `table` a setter (the macro makes read-only ones).
pub unsafe fn add_setter(table: *mut PyGetSetDef, name: &std::ffi::CStr, set: setter) {
    let mut g = table;
    while !(*g).name.is_null() {
        if std::ffi::CStr::from_ptr((*g).name) == name {
            (*g).set = set;
        }
        g = g.add(1);
    }
}

/// The `_finalizing` member of FileIO, the buffered types and TextIOWrapper.
pub unsafe fn finalizing(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(io(op).finalizing != 0))
}

/// Makes `_finalizing` writable in a getset table.
pub unsafe fn finalizing_writable(table: *mut PyGetSetDef) {
    add_setter(table, c"_finalizing", Some(finalizing_set));
}

io_type!(IOBASE_TYPE, c"_io._IOBase", null_mut(), (&raw mut IOBASE_METHODS) as *mut PyMethodDef, (&raw mut IOBASE_GETSET) as *mut PyGetSetDef,
    Some(generic_new), None,
    tp_iter: Some(iobase_iter), tp_iternext: Some(iobase_iternext), tp_finalize: Some(iobase_finalize),
    tp_doc: c"The abstract base class for all I/O classes.".as_ptr());

// ---- _RawIOBase ----------------------------------------------------------------------------

/// `read(size=-1)`: `readall()` for a negative size, else `readinto` a fresh bytearray.
unsafe fn rawiobase_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    if n < 0 {
        return call(op, "readall", &[]);
    }
    let b = bytearray::from_slice(&zeroed(n as usize)?)?;
    let r = call(op, "readinto", &[b.as_ptr()])?;
    if is_none(r.as_ptr()) {
        return Ok(r);
    }
    let got = index_arg(r.as_ptr())?;
    let data = bytearray::as_slice(b.as_ptr());
    bytes_obj(&data[..(got.max(0) as usize).min(data.len())])
}

unsafe fn rawiobase_readall(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let mut out: Vec<u8> = Vec::new();
    let size = int(DEFAULT_BUFFER_SIZE as i64);
    loop {
        let data = call(op, "read", &[size.as_ptr()])?;
        if is_none(data.as_ptr()) {
            if out.is_empty() {
                return Ok(data);
            }
            break;
        }
        if !bytes::check(data.as_ptr()) {
            return Err(raise(exc::type_error(), "read() should return bytes"));
        }
        let s = bytes::as_slice(data.as_ptr());
        if s.is_empty() {
            break;
        }
        out.extend_from_slice(s);
    }
    bytes_obj(&out)
}

unsafe fn not_implemented(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(crate::err::set_object(exc::not_implemented_error(), null_mut()))
}

unsafe fn rawiobase_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    not_implemented(op, a)
}

unsafe fn rawiobase_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    not_implemented(op, a)
}

io_methods!(RAWIOBASE_METHODS {
    c"read" => rawiobase_read(1, 0),
    c"readall" => rawiobase_readall(),
    c"readinto" => rawiobase_readinto(99, 0),
    c"write" => rawiobase_write(99, 0),
});

io_type!(RAWIOBASE_TYPE, c"_io._RawIOBase", &raw mut IOBASE_TYPE, (&raw mut RAWIOBASE_METHODS) as *mut PyMethodDef, null_mut(),
    None, None, tp_doc: c"Base class for raw binary I/O.".as_ptr());

// ---- _BufferedIOBase -----------------------------------------------------------------------

unsafe fn bufbase_detach(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("detach"))
}
unsafe fn bufbase_read(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("read"))
}
unsafe fn bufbase_read1(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("read1"))
}
unsafe fn bufbase_write(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("write"))
}

/// `readinto(b)` through `read(len(b))` (or `read1`).
unsafe fn readinto_via(op: *mut PyObject, b: *mut PyObject, meth: &str) -> PyResult<Obj> {
    with_writable(b, |dst| {
        let n = int(dst.len() as i64);
        let data = call(op, meth, &[n.as_ptr()])?;
        if !bytes::check(data.as_ptr()) {
            return Err(raise(exc::type_error(), "read() should return bytes"));
        }
        let s = bytes::as_slice(data.as_ptr());
        if s.len() > dst.len() {
            return Err(raise(exc::value_error(), format!("read() returned too much data: {} bytes requested, {} returned", dst.len(), s.len())));
        }
        dst[..s.len()].copy_from_slice(s);
        Ok(int(s.len() as i64))
    })
}

unsafe fn bufbase_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    readinto_via(op, a[0], "read")
}
unsafe fn bufbase_readinto1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    readinto_via(op, a[0], "read1")
}

io_methods!(BUFBASE_METHODS {
    c"detach" => bufbase_detach(),
    c"read" => bufbase_read(1, 0),
    c"read1" => bufbase_read1(1, 0),
    c"readinto" => bufbase_readinto(1, 1),
    c"readinto1" => bufbase_readinto1(1, 1),
    c"write" => bufbase_write(99, 0),
});

io_type!(BUFIOBASE_TYPE, c"_io._BufferedIOBase", &raw mut IOBASE_TYPE, (&raw mut BUFBASE_METHODS) as *mut PyMethodDef, null_mut(),
    None, None, tp_doc: c"Base class for buffered IO objects.".as_ptr());

// ---- _TextIOBase ---------------------------------------------------------------------------

unsafe fn textbase_detach(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("detach"))
}
unsafe fn textbase_read(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("read"))
}
unsafe fn textbase_readline(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("readline"))
}
unsafe fn textbase_write(_: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Err(unsupported("write"))
}
unsafe fn textbase_none(_: *mut PyObject) -> PyResult<Obj> {
    Ok(none())
}
unsafe fn textbase_encoding(op: *mut PyObject) -> PyResult<Obj> {
    textbase_none(op)
}
unsafe fn textbase_newlines(op: *mut PyObject) -> PyResult<Obj> {
    textbase_none(op)
}
unsafe fn textbase_errors(op: *mut PyObject) -> PyResult<Obj> {
    textbase_none(op)
}

io_methods!(TEXTBASE_METHODS {
    c"detach" => textbase_detach(),
    c"read" => textbase_read(1, 0),
    c"readline" => textbase_readline(1, 0),
    c"write" => textbase_write(1, 0),
});

io_getters!(TEXTBASE_GETSET { c"encoding" => textbase_encoding, c"newlines" => textbase_newlines, c"errors" => textbase_errors });

io_type!(TEXTIOBASE_TYPE, c"_io._TextIOBase", &raw mut IOBASE_TYPE, (&raw mut TEXTBASE_METHODS) as *mut PyMethodDef, (&raw mut TEXTBASE_GETSET) as *mut PyGetSetDef,
    None, None, tp_doc: c"Base class for text I/O.".as_ptr());

#[allow(dead_code)]
const _LAYOUT: () = assert!(offset_of!(IoObject, dict) == size_of::<PyObject>());

/// CPython's _PyErr_ChainExceptions: the pending exception gets the `saved` one as its
/// `__context__`; with none pending, `saved` is restored.
pub unsafe fn chain_errors(saved: (*mut PyObject, *mut PyObject, *mut PyObject)) -> ErrSet {
    if crate::err::occurred().is_null() {
        crate::err::restore(saved.0, saved.1, saved.2);
        return ErrSet::assume_set();
    }
    let (t, v, tb) = crate::err::fetch();
    if !v.is_null() && !saved.1.is_null() && crate::objects::exceptions::check(v) && crate::objects::exceptions::check(saved.1) {
        if let Ok(k) = str_::intern("__context__") {
            if proto::setattr(v, k, saved.1).is_err() {
                crate::err::clear();
            }
        }
    }
    xdecref(saved.0);
    xdecref(saved.1);
    xdecref(saved.2);
    crate::err::restore(t, v, tb);
    ErrSet::assume_set()
}
