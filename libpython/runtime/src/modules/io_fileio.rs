//! `_io.FileIO` (CPython's Modules/_io/fileio.c): raw I/O on a file descriptor through
//! libc: mode parsing, `opener`, `closefd`, directories refused, EINTR retried, EAGAIN
//! read as None.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being FileIO instances; the libc
//! calls get descriptors this object owns and buffers of the stated length.

use super::io_iobase::*;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::{bytesobject as bytes, longobject as long, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::c_int;

pub struct FileIO {
    pub fd: c_int,
    pub created: bool,
    pub readable: bool,
    pub writable: bool,
    pub appending: bool,
    /// -1 not yet known.
    pub seekable: i8,
    pub closefd: bool,
    pub blksize: i64,
}

unsafe fn fio<'a>(op: *mut PyObject) -> PyResult<&'a mut FileIO> {
    match state(op) {
        Some(State::File(f)) => Ok(f),
        _ => Err(uninitialized()),
    }
}

unsafe fn open_fio<'a>(op: *mut PyObject) -> PyResult<&'a mut FileIO> {
    let f = fio(op)?;
    if f.fd < 0 {
        return Err(closed_file());
    }
    Ok(f)
}

unsafe fn err_mode(action: &str) -> crate::err::ErrSet {
    unsupported(&format!("File not open for {action}"))
}

fn mode_string(f: &FileIO) -> &'static str {
    if f.created {
        if f.readable { "xb+" } else { "xb" }
    } else if f.appending {
        if f.readable { "ab+" } else { "ab" }
    } else if f.readable {
        if f.writable { "rb+" } else { "rb" }
    } else {
        "wb"
    }
}

unsafe extern "C" fn fileio_new(tp: *mut PyTypeObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let op = typeobject::alloc_instance(tp)?;
        let f = FileIO { fd: -1, created: false, readable: false, writable: false, appending: false, seekable: -1, closefd: true, blksize: 0 };
        set_state(op.as_ptr(), State::File(f));
        Ok(op)
    })
}

/// PyOS_FSPath: str and bytes as they are, else `__fspath__()`.
pub unsafe fn fspath(p: *mut PyObject) -> PyResult<Obj> {
    if str_::check(p) || bytes::check(p) {
        return Ok(Obj::from_borrowed(p));
    }
    let tp = type_of(p);
    let f = typeobject::lookup_str(tp, "__fspath__");
    if f.is_null() || is_none(f) {
        return Err(raise(exc::type_error(), format!("expected str, bytes or os.PathLike object, not {}", typeobject::full_name(tp))));
    }
    let r = crate::protocol::call::call_method_obj(p, "__fspath__", &[])?;
    if !str_::check(r.as_ptr()) && !bytes::check(r.as_ptr()) {
        return Err(raise(
            exc::type_error(),
            format!("expected {}.__fspath__() to return str or bytes, not {}", typeobject::full_name(tp), typeobject::full_name(type_of(r.as_ptr()))),
        ));
    }
    Ok(r)
}

/// PyUnicode_FSConverter: the path's bytes (utf-8 with surrogateescape), no NUL inside.
unsafe fn fs_bytes(p: *mut PyObject) -> PyResult<Vec<u8>> {
    let p = fspath(p)?;
    let b = if str_::check(p.as_ptr()) {
        let e = crate::objects::unicode_methods::encode(p.as_ptr(), "utf-8", "surrogateescape")?;
        bytes::as_slice(e.as_ptr()).to_vec()
    } else {
        bytes::as_slice(p.as_ptr()).to_vec()
    };
    if b.contains(&0) {
        return Err(raise(exc::value_error(), "embedded null byte"));
    }
    Ok(b)
}

unsafe extern "C" fn fileio_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("FileIO", args, kwds, &["file", "mode", "closefd", "opener"], 1)?;
        let nameobj = a[0].expect("required");
        let mode = match a[1] {
            None => "r".to_owned(),
            Some(m) if str_::check(m) => str_::as_str(m)?.to_owned(),
            Some(m) => return Err(raise(exc::type_error(), format!("FileIO() argument 'mode' must be str, not {}", typeobject::full_name(type_of(m))))),
        };
        let closefd = match a[2] {
            None => true,
            Some(c) => proto::is_true(c)?,
        };
        let opener = a[3].filter(|o| !is_none(*o));
        init_impl(op, nameobj, &mode, closefd, opener)
    })
}

unsafe fn init_impl(op: *mut PyObject, nameobj: *mut PyObject, mode: &str, closefd: bool, opener: Option<*mut PyObject>) -> PyResult<()> {
    {
        let f = fio(op)?;
        if f.fd >= 0 {
            if f.closefd {
                internal_close(f)?;
            } else {
                f.fd = -1;
            }
        }
    }
    // A descriptor when the object is an int (bools and other `__index__` ints too).
    let mut fd: c_int = -1;
    let mut path: Option<Vec<u8>> = None;
    if crate::protocol::number::has_index(nameobj) && !str_::check(nameobj) {
        let v = crate::protocol::number::index(nameobj)?;
        fd = match long::as_i64(v.as_ptr()) {
            Some(v) if v >= i32::MIN as i64 && v <= i32::MAX as i64 => v as c_int,
            _ => return Err(raise(exc::overflow_error(), "Python int too large to convert to C int")),
        };
        if fd < 0 {
            return Err(raise(exc::value_error(), "negative file descriptor"));
        }
    } else {
        path = Some(fs_bytes(nameobj)?);
    }
    let (mut rwa, mut plus) = (false, false);
    let mut st = FileIO { fd: -1, created: false, readable: false, writable: false, appending: false, seekable: -1, closefd: true, blksize: 0 };
    let mut flags: c_int = 0;
    let bad_mode = || raise(exc::value_error(), "Must have exactly one of create/read/write/append mode and at most one plus");
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(bad_mode());
                }
                rwa = true;
                match c {
                    'x' => {
                        st.created = true;
                        st.writable = true;
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => st.readable = true,
                    'w' => {
                        st.writable = true;
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        st.writable = true;
                        st.appending = true;
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(bad_mode());
                }
                st.readable = true;
                st.writable = true;
                plus = true;
            }
            _ => return Err(raise(exc::value_error(), format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(bad_mode());
    }
    flags |= if st.readable && st.writable {
        libc::O_RDWR
    } else if st.readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    flags |= libc::O_CLOEXEC;
    let mut own = false;
    if let Some(path) = &path {
        if !closefd {
            return Err(raise(exc::value_error(), "Cannot use closefd=False with file name"));
        }
        st.closefd = true;
        match opener {
            None => {
                let c = std::ffi::CString::new(path.clone()).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
                loop {
                    // Safety: `c` is a NUL-terminated path.
                    fd = libc::open(c.as_ptr(), flags, 0o666 as libc::c_uint);
                    if fd < 0 && last_errno() == libc::EINTR {
                        continue;
                    }
                    break;
                }
                if fd < 0 {
                    return Err(os_error(last_errno(), Some(nameobj)));
                }
            }
            Some(opener) => {
                let fl = int(flags as i64);
                let r = crate::protocol::call::vectorcall(opener, &[nameobj, fl.as_ptr()], std::ptr::null_mut())?;
                if !long::check(r.as_ptr()) {
                    return Err(raise(exc::type_error(), "expected integer from opener"));
                }
                fd = long::as_i64(r.as_ptr()).filter(|v| *v >= i32::MIN as i64 && *v <= i32::MAX as i64).ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C int"))? as c_int;
                if fd < 0 {
                    return Err(raise(exc::value_error(), format!("opener returned {fd}")));
                }
            }
        }
        own = true;
    } else {
        st.closefd = closefd;
    }
    st.fd = fd;
    let fail = |e| {
        if own {
            // Safety: the descriptor was opened here and is not shared yet.
            libc::close(fd);
        }
        Err(e)
    };
    st.blksize = DEFAULT_BUFFER_SIZE as i64;
    // Safety: a zeroed stat is a valid out-parameter.
    let mut sb: libc::stat = std::mem::zeroed();
    if libc::fstat(fd, &mut sb) < 0 {
        if last_errno() == libc::EBADF {
            return fail(os_error(libc::EBADF, None));
        }
    } else {
        if sb.st_mode & libc::S_IFMT == libc::S_IFDIR {
            return fail(os_error(libc::EISDIR, Some(nameobj)));
        }
        if sb.st_blksize > 1 {
            st.blksize = sb.st_blksize as i64;
        }
    }
    let appending = st.appending;
    *fio(op)? = st;
    let key = str_::intern("name")?;
    if let Err(e) = proto::setattr(op, key, nameobj) {
        fio(op)?.fd = -1;
        return fail(e);
    }
    if appending {
        // For consistent behaviour, seek to the end of the file now.
        libc::lseek(fd, 0, libc::SEEK_END);
    }
    Ok(())
}

unsafe fn internal_close(f: &mut FileIO) -> PyResult<()> {
    if f.fd >= 0 {
        let fd = std::mem::replace(&mut f.fd, -1);
        if libc::close(fd) < 0 {
            return Err(os_error(last_errno(), None));
        }
    }
    Ok(())
}

/// Retries a call interrupted by a signal; Err(errno) on failure.
unsafe fn retry(mut f: impl FnMut() -> isize) -> Result<isize, c_int> {
    loop {
        let r = f();
        if r >= 0 {
            return Ok(r);
        }
        let e = last_errno();
        if e != libc::EINTR {
            return Err(e);
        }
    }
}

unsafe fn fileio_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    let f = open_fio(op)?;
    if !f.readable {
        return Err(err_mode("reading"));
    }
    if n < 0 {
        return fileio_readall(op, &[]);
    }
    let fd = f.fd;
    let mut buf = zeroed(n as usize)?;
    match retry(|| libc::read(fd, buf.as_mut_ptr() as *mut _, buf.len())) {
        Ok(got) => bytes_obj(&buf[..got as usize]),
        Err(libc::EAGAIN) => Ok(none()),
        Err(e) => Err(os_error(e, None)),
    }
}

unsafe fn fileio_readall(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let f = open_fio(op)?;
    let fd = f.fd;
    let pos = libc::lseek(fd, 0, libc::SEEK_CUR);
    // Safety: a zeroed stat is a valid out-parameter.
    let mut sb: libc::stat = std::mem::zeroed();
    let end = if libc::fstat(fd, &mut sb) == 0 { sb.st_size } else { -1 };
    let mut bufsize = if end > 0 && pos >= 0 && end >= pos { (end - pos + 1) as usize } else { 8192 };
    let mut out: Vec<u8> = Vec::new();
    loop {
        if out.len() >= bufsize {
            bufsize = out.len() + (out.len() >> 3) + 8192.max(out.len() >> 3);
        }
        let start = out.len();
        out.resize(bufsize, 0);
        match retry(|| libc::read(fd, out.as_mut_ptr().add(start) as *mut _, bufsize - start)) {
            Ok(0) => {
                out.truncate(start);
                break;
            }
            Ok(got) => out.truncate(start + got as usize),
            Err(libc::EAGAIN) => {
                out.truncate(start);
                if start > 0 {
                    break;
                }
                return Ok(none());
            }
            Err(e) => return Err(os_error(e, None)),
        }
    }
    bytes_obj(&out)
}

unsafe fn fileio_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let f = open_fio(op)?;
    if !f.readable {
        return Err(err_mode("reading"));
    }
    let fd = f.fd;
    with_writable(a[0], |dst| match retry(|| libc::read(fd, dst.as_mut_ptr() as *mut _, dst.len())) {
        Ok(n) => Ok(int(n as i64)),
        Err(libc::EAGAIN) => Ok(none()),
        Err(e) => Err(os_error(e, None)),
    })
}

unsafe fn fileio_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let f = open_fio(op)?;
    if !f.writable {
        return Err(err_mode("writing"));
    }
    let fd = f.fd;
    let b = crate::protocol::buffer::Buffer::get(a[0])?;
    let s = b.as_slice();
    match retry(|| libc::write(fd, s.as_ptr() as *const _, s.len())) {
        Ok(n) => Ok(int(n as i64)),
        Err(libc::EAGAIN) => Ok(none()),
        Err(e) => Err(os_error(e, None)),
    }
}

unsafe fn lseek(f: &mut FileIO, pos: i64, whence: c_int) -> PyResult<Obj> {
    let r = libc::lseek(f.fd, pos, whence);
    if f.seekable < 0 {
        f.seekable = (r >= 0) as i8;
    }
    if r < 0 {
        return Err(os_error(last_errno(), None));
    }
    Ok(int(r))
}

unsafe fn fileio_seek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    if crate::objects::floatobject::check(a[0]) {
        return Err(raise(exc::type_error(), "an integer is required"));
    }
    let whence = match a.get(1) {
        Some(&w) => crate::protocol::number::c_int_arg(w)?,
        None => 0,
    };
    let f = open_fio(op)?;
    let pos = crate::protocol::number::index(a[0])?;
    let pos = long::as_i64(pos.as_ptr()).ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C long"))?;
    lseek(f, pos, whence)
}

unsafe fn fileio_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    lseek(open_fio(op)?, 0, libc::SEEK_CUR)
}

unsafe fn fileio_truncate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let f = open_fio(op)?;
    if !f.writable {
        return Err(err_mode("writing"));
    }
    let size = match a.first() {
        Some(&v) if !is_none(v) => {
            let v = crate::protocol::number::index(v)?;
            long::as_i64(v.as_ptr()).ok_or_else(|| raise(exc::overflow_error(), "Python int too large to convert to C long"))?
        }
        _ => {
            let r = libc::lseek(f.fd, 0, libc::SEEK_CUR);
            if r < 0 {
                return Err(os_error(last_errno(), None));
            }
            r
        }
    };
    if libc::ftruncate(f.fd, size) < 0 {
        return Err(os_error(last_errno(), None));
    }
    Ok(int(size))
}

unsafe fn fileio_seekable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let f = open_fio(op)?;
    if f.seekable < 0 {
        let r = libc::lseek(f.fd, 0, libc::SEEK_CUR);
        f.seekable = (r >= 0) as i8;
    }
    Ok(boolean(f.seekable > 0))
}

unsafe fn fileio_readable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(boolean(open_fio(op)?.readable))
}

unsafe fn fileio_writable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(boolean(open_fio(op)?.writable))
}

unsafe fn fileio_fileno(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(int(open_fio(op)?.fd as i64))
}

unsafe fn fileio_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(boolean(libc::isatty(open_fio(op)?.fd) == 1))
}

unsafe fn fileio_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    // _RawIOBase.close: flush and set the base's flag.
    let res = if io(op).base_closed == 0 {
        let r = call(op, "flush", &[]);
        io(op).base_closed = 1;
        r.map(|_| none())
    } else {
        Ok(none())
    };
    let f = fio(op)?;
    if !f.closefd {
        f.fd = -1;
        return res;
    }
    if io(op).finalizing != 0 {
        fileio_dealloc_warn(op, &[op])?;
    }
    let f = fio(op)?;
    let rc = internal_close(f);
    match (res, rc) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(r), Ok(())) => Ok(r),
    }
}

unsafe fn fileio_closed(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(fio(op)?.fd < 0))
}

unsafe fn fileio_closefd(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(fio(op)?.closefd))
}

unsafe fn fileio_mode(op: *mut PyObject) -> PyResult<Obj> {
    str_::from_str(mode_string(fio(op)?))
}

unsafe fn fileio_blksize(op: *mut PyObject) -> PyResult<Obj> {
    Ok(int(fio(op)?.blksize))
}

unsafe extern "C" fn fileio_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fio(op)?;
        if f.fd < 0 {
            return str_::from_str("<_io.FileIO [closed]>");
        }
        let (fd, mode, closefd) = (f.fd, mode_string(f), if f.closefd { "True" } else { "False" });
        match proto::lookup_attr(op, str_::intern("name")?)? {
            None => str_::from_str(&format!("<_io.FileIO fd={fd} mode='{mode}' closefd={closefd}>")),
            Some(name) => {
                if proto::repr_enter(op) {
                    return Err(raise(exc::runtime_error(), format!("reentrant call inside {}.__repr__", typeobject::full_name(type_of(op)))));
                }
                let r = proto::repr_string(name.as_ptr());
                proto::repr_leave(op);
                str_::from_str(&format!("<_io.FileIO name={} mode='{mode}' closefd={closefd}>", r?))
            }
        }
    })
}

/// `_dealloc_warn(source)`: the ResourceWarning of a file closed by its finalizer.
unsafe fn fileio_dealloc_warn(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let f = fio(op)?;
    if f.fd >= 0 && f.closefd {
        let r = proto::repr_string(a[0]);
        let warned = r.and_then(|r| {
            let rw = (&raw mut crate::objects::exceptions::_PyExc_ResourceWarning) as *mut PyObject;
            crate::report::warn_about_object(rw, &format!("unclosed file {r}"), a[0])
        });
        if warned.is_err() {
            // A warning made an error goes to the unraisable hook, as CPython's.
            if crate::err::exception_matches((&raw mut crate::objects::exceptions::_PyExc_Warning) as *mut PyObject) {
                crate::report::write_unraisable("", op);
            } else {
                crate::err::clear();
            }
        }
    }
    Ok(none())
}

io_methods!(FILEIO_METHODS {
    c"read" => fileio_read(1, 0),
    c"readall" => fileio_readall(),
    c"readinto" => fileio_readinto(1, 1),
    c"write" => fileio_write(1, 1),
    c"seek" => fileio_seek(2, 1),
    c"tell" => fileio_tell(),
    c"truncate" => fileio_truncate(1, 0),
    c"close" => fileio_close(),
    c"seekable" => fileio_seekable(),
    c"readable" => fileio_readable(),
    c"writable" => fileio_writable(),
    c"fileno" => fileio_fileno(),
    c"isatty" => fileio_isatty(),
    c"_dealloc_warn" => fileio_dealloc_warn(1, 1),
});

io_getters!(FILEIO_GETSET {
    c"closed" => fileio_closed,
    c"closefd" => fileio_closefd,
    c"mode" => fileio_mode,
    c"_blksize" => fileio_blksize,
    c"_finalizing" => finalizing,
});

io_type!(FILEIO_TYPE, c"_io.FileIO", &raw mut RAWIOBASE_TYPE, (&raw mut FILEIO_METHODS) as *mut PyMethodDef, (&raw mut FILEIO_GETSET) as *mut PyGetSetDef,
    Some(fileio_new), Some(fileio_init),
    tp_repr: Some(fileio_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_doc: c"Open a file.".as_ptr());
