//! The interim text streams behind `sys.stdin`/`stdout`/`stderr` until `_io` lands: UTF-8
//! text to and from a file descriptor. stdout is buffered (line-buffered on a terminal),
//! stderr is written at once, with backslashreplace for unencodable text as CPython's.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, getset, GETSET_END, METHOD_END};
use crate::objects::{boolobject, longobject as long, noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};

#[repr(C)]
pub struct StdStream {
    pub ob_base: PyObject,
    pub fd: c_int,
    pub buffered: bool,
    pub line_buffered: bool,
    pub name: *mut PyObject,
    pub mode: *mut PyObject,
    pub errors: *mut PyObject,
    pub buffer: *mut Vec<u8>,
}

type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn m(name: &'static std::ffi::CStr, f: Unary, flags: c_int) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: flags, ml_doc: std::ptr::null() }
}

static mut METHODS: [PyMethodDef; 8] = [
    m(c"write", stream_write, METH_O),
    m(c"flush", stream_flush, METH_NOARGS),
    m(c"fileno", stream_fileno, METH_NOARGS),
    m(c"isatty", stream_isatty, METH_NOARGS),
    m(c"readline", stream_readline, METH_NOARGS),
    m(c"writable", stream_writable, METH_NOARGS),
    m(c"readable", stream_readable, METH_NOARGS),
    METHOD_END,
];

static mut GETSET: [PyGetSetDef; 6] = [
    getset(c"name", Some(get_name), None),
    getset(c"mode", Some(get_mode), None),
    getset(c"encoding", Some(get_encoding), None),
    getset(c"errors", Some(get_errors), None),
    getset(c"closed", Some(get_closed), None),
    GETSET_END,
];

#[no_mangle]
pub static mut FerricStdStream_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"_io.TextIOWrapper".as_ptr(),
    tp_basicsize: std::mem::size_of::<StdStream>() as _,
    tp_dealloc: Some(stream_dealloc),
    tp_repr: Some(stream_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_methods: (&raw mut METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut GETSET) as *mut PyGetSetDef,
    ..PyTypeObject::EMPTY
};

unsafe fn raw(op: *mut PyObject) -> *mut StdStream {
    op as *mut StdStream
}

/// A stream over `fd`: buffered ones keep text until a flush (or a newline on a terminal).
pub unsafe fn new(fd: c_int, name: &str, mode: &str, errors: &str, buffered: bool) -> PyResult<Obj> {
    typeobject::ready(&raw mut FerricStdStream_Type)?;
    let op = crate::mem::malloc(std::mem::size_of::<StdStream>()) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut FerricStdStream_Type);
    let s = raw(op);
    (*s).fd = fd;
    (*s).buffered = buffered;
    (*s).line_buffered = libc::isatty(fd) == 1;
    (*s).name = str_::from_str(name)?.into_ptr();
    (*s).mode = str_::from_str(mode)?.into_ptr();
    (*s).errors = str_::from_str(errors)?.into_ptr();
    (*s).buffer = Box::into_raw(Box::new(Vec::new()));
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn stream_dealloc(op: *mut PyObject) {
    let s = raw(op);
    let _ = flush(s);
    drop(Box::from_raw((*s).buffer));
    xdecref((*s).name);
    xdecref((*s).mode);
    xdecref((*s).errors);
    crate::mem::free(op as *mut c_void);
}

unsafe fn write_fd(fd: c_int, mut b: &[u8]) -> PyResult<()> {
    while !b.is_empty() {
        let n = libc::write(fd, b.as_ptr() as *const c_void, b.len());
        if n < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(raise(exc::os_error(), format!("[Errno {}] {}", e.raw_os_error().unwrap_or(0), e)));
        }
        b = &b[n as usize..];
    }
    Ok(())
}

unsafe fn flush(s: *mut StdStream) -> PyResult<()> {
    let buf = &mut *(*s).buffer;
    if buf.is_empty() {
        return Ok(());
    }
    let data = std::mem::take(buf);
    write_fd((*s).fd, &data)
}

/// The UTF-8 bytes of `text`; lone surrogates become `\udXXX` (stderr's backslashreplace)
/// or an error, as the stream's `errors` say.
unsafe fn encode(s: *mut StdStream, text: *mut PyObject) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(str_::len(text) as usize);
    let backslash = str_::eq_str((*s).errors, "backslashreplace");
    for (i, cp) in str_::code_points(text).enumerate() {
        match char::from_u32(cp) {
            Some(c) => {
                let mut b = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
            }
            None if backslash => out.extend_from_slice(format!("\\u{cp:04x}").as_bytes()),
            None => {
                return Err(crate::objects::exceptions::unicode_encode_error("utf-8", text, i, i + 1, "surrogates not allowed"));
            }
        }
    }
    Ok(out)
}

unsafe extern "C" fn stream_write(op: *mut PyObject, text: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(text) {
            return Err(raise(exc::type_error(), format!("write() argument must be str, not {}", full_name(type_of(text)))));
        }
        let s = raw(op);
        let bytes = encode(s, text)?;
        if !(*s).buffered {
            write_fd((*s).fd, &bytes)?;
        } else {
            let buf = &mut *(*s).buffer;
            buf.extend_from_slice(&bytes);
            if ((*s).line_buffered && bytes.contains(&b'\n')) || buf.len() >= 8192 {
                flush(s)?;
            }
        }
        Ok(long::from_i64(str_::len(text) as i64))
    })
}

unsafe extern "C" fn stream_flush(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        flush(raw(op))?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn stream_fileno(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64((*raw(op)).fd as i64)))
}

unsafe extern "C" fn stream_isatty(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    boolobject::new_bool(libc::isatty((*raw(op)).fd) == 1)
}

unsafe extern "C" fn stream_writable(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    boolobject::new_bool((*raw(op)).fd != 0)
}

unsafe extern "C" fn stream_readable(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    boolobject::new_bool((*raw(op)).fd == 0)
}

/// One line from the descriptor, newline included; '' at end of file.
unsafe extern "C" fn stream_readline(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let fd = (*raw(op)).fd;
        let mut line = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            let n = libc::read(fd, byte.as_mut_ptr() as *mut c_void, 1);
            if n <= 0 {
                break;
            }
            line.push(byte[0]);
            if byte[0] == b'\n' {
                break;
            }
        }
        str_::from_utf8(&line)
    })
}

unsafe extern "C" fn stream_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let s = raw(op);
        str_::from_str(&format!("<_io.TextIOWrapper name={} mode={} encoding='utf-8'>", crate::protocol::object::repr_string((*s).name)?, crate::protocol::object::repr_string((*s).mode)?))
    })
}

unsafe fn get_field(p: *mut PyObject) -> *mut PyObject {
    incref(p);
    p
}

unsafe extern "C" fn get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).name)
}

unsafe extern "C" fn get_mode(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).mode)
}

unsafe extern "C" fn get_errors(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).errors)
}

unsafe extern "C" fn get_encoding(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str("utf-8"))
}

unsafe extern "C" fn get_closed(_: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    boolobject::new_bool(false)
}
