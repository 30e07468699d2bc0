//! The `marshal` module (CPython's Python/marshal.c, module part): `loads`, `dumps`, `load`,
//! `dump` and `version`, over the codec in `crate::marshal`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::marshal;
use crate::modules::args as slice;
use crate::object::*;
use crate::objects::typeobject::{full_name, METHOD_END};
use crate::objects::{bytesobject as bytes, longobject as long, moduleobject, noneobject, unicodeobject as str_};
use crate::protocol::{args::check_positional, call, number};
use std::ffi::{c_int, CStr};

type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn fast(name: &'static CStr, f: Fast, doc: &'static CStr) -> PyMethodDef {
    // Safety: METH_FASTCALL makes callers use the three-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<Fast, Unary>(f) }), ml_flags: METH_FASTCALL, ml_doc: doc.as_ptr() }
}

static mut METHODS: [PyMethodDef; 5] = [
    fast(c"dumps", marshal_dumps, c"Return the bytes object that would be written to a file by dump(value, file)."),
    fast(c"loads", marshal_loads, c"Convert the bytes-like object to a value."),
    fast(c"dump", marshal_dump, c"Write the value on the open file."),
    fast(c"load", marshal_load, c"Read one value from the open file and return it."),
    METHOD_END,
];

/// Makes the `marshal` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("marshal")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    crate::objects::dictobject::set_item_str(d, "version", long::from_i64(marshal::VERSION as i64).as_ptr())?;
    Ok(m)
}

/// The bytes of a bytes-like argument: `bytes`, or any object exporting a buffer.
unsafe fn with_bytes_like<R>(op: *mut PyObject, f: impl FnOnce(&[u8]) -> PyResult<R>) -> PyResult<R> {
    if bytes::check(op) {
        return f(bytes::as_slice(op));
    }
    let buf = crate::protocol::buffer::Buffer::get(op)?;
    f(&buf)
}

unsafe fn version_arg(a: &[*mut PyObject], i: usize) -> PyResult<c_int> {
    match a.get(i) {
        None => Ok(marshal::VERSION),
        Some(&v) => number::c_int_arg(v),
    }
}

unsafe extern "C" fn marshal_dumps(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("dumps", a.len(), 1, 2)?;
        let version = version_arg(a, 1)?;
        marshal::dumps(a[0], version)
    })
}

unsafe extern "C" fn marshal_loads(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("loads", a.len(), 1, 1)?;
        with_bytes_like(a[0], |data| marshal::loads(data))
    })
}

unsafe extern "C" fn marshal_dump(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("dump", a.len(), 2, 3)?;
        let version = version_arg(a, 2)?;
        let data = marshal::dumps(a[0], version)?;
        call::call_method_obj(a[1], "write", &[data.as_ptr()])?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

/// Reads what is left of the file, decodes one object and, when the file can seek, moves
/// back over the bytes after it, so the file is left where CPython leaves it.
unsafe extern "C" fn marshal_load(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("load", a.len(), 1, 1)?;
        let file = a[0];
        let data = call::call_method_obj(file, "read", &[])?;
        if !bytes::check(data.as_ptr()) {
            return Err(raise(exc::type_error(), format!("file.read() returned not bytes but {}", full_name(data.type_ptr()))));
        }
        let buf = bytes::as_slice(data.as_ptr());
        let mut r = marshal::Reader::new(buf);
        let obj = marshal::read_top(&mut r)?;
        let unread = buf.len() - r.position();
        if unread > 0 && crate::protocol::object::lookup_attr(file, str_::intern_obj("seek")?.as_ptr())?.is_some() {
            let back = long::from_i64(-(unread as i64));
            call::call_method_obj(file, "seek", &[back.as_ptr(), long::from_i64(1).as_ptr()])?;
        }
        Ok(obj)
    })
}
