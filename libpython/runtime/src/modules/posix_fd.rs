//! The `posix` functions on file descriptors: `open`, `close`, `closerange`, `read`,
//! `write`, `pread`, `pwrite`, `readv`, `writev`, `lseek`, `fsync`, `fdatasync`,
//! `ftruncate`, `isatty`, `ttyname`, `device_encoding`, the inheritable and blocking flags,
//! `dup`, `dup2`, `pipe`, `pipe2`, `lockf`, `fchmod`, `fchown`, `fchdir`, `fpathconf`,
//! `sendfile`, `copy_file_range`, `splice`, `memfd_create`, `eventfd`, `posix_fallocate`,
//! `posix_fadvise`, `get_terminal_size` (CPython's posixmodule.c).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! buffers handed to libc are exported (or owned) for the length of the call.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::typeobject::{self, METHOD_END};
use crate::objects::{bytesobject as bytes, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::posix_fns;
use crate::protocol::buffer::{Buffer, PYBUF_SIMPLE, PYBUF_WRITABLE};
use std::ffi::c_int;

pub static mut TERMINAL_SIZE: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };

pub unsafe fn ready_types() -> PyResult<()> {
    crate::objects::structseq::ready_static(
        &raw mut TERMINAL_SIZE,
        c"os.terminal_size",
        c"A tuple of (columns, lines) for holding terminal window size",
        &[c"columns".as_ptr(), c"lines".as_ptr()],
        2,
        0,
    )
}

/// PyObject_AsFileDescriptor: an int, or what `fileno()` returns.
pub unsafe fn fildes_arg(o: *mut PyObject) -> PyResult<c_int> {
    let v = if long::check(o) {
        Obj::from_borrowed(o)
    } else {
        let Some(f) = crate::protocol::object::lookup_attr(o, str_::intern("fileno")?)? else {
            return Err(raise(exc::type_error(), "argument must be an int, or have a fileno() method."));
        };
        let r = crate::protocol::call::vectorcall(f.as_ptr(), &[], std::ptr::null_mut())?;
        if !long::check(r.as_ptr()) {
            return Err(raise(exc::type_error(), "fileno() returned a non-integer"));
        }
        r
    };
    let fd = long::as_i64(v.as_ptr()).and_then(|x| c_int::try_from(x).ok());
    let Some(fd) = fd else { return Err(raise(exc::overflow_error(), "Python int too large to convert to C int")) };
    if fd < 0 {
        return Err(raise(exc::value_error(), format!("file descriptor cannot be a negative integer ({fd})")));
    }
    Ok(fd)
}

fn fd_result(r: c_int) -> PyResult<Obj> {
    nonneg(r as i64)
}

fn size_result(r: isize) -> PyResult<Obj> {
    nonneg(r as i64)
}

pub unsafe fn get_inheritable(fd: c_int) -> PyResult<bool> {
    let flags = libc::fcntl(fd, libc::F_GETFD);
    if flags < 0 {
        return Err(errno_error());
    }
    Ok(flags & libc::FD_CLOEXEC == 0)
}

pub unsafe fn set_inheritable(fd: c_int, inheritable: bool) -> PyResult<()> {
    let flags = libc::fcntl(fd, libc::F_GETFD);
    if flags < 0 {
        return Err(errno_error());
    }
    let new = if inheritable { flags & !libc::FD_CLOEXEC } else { flags | libc::FD_CLOEXEC };
    if new != flags && libc::fcntl(fd, libc::F_SETFD, new) < 0 {
        return Err(errno_error());
    }
    Ok(())
}

/// Reads up to `n` bytes with `f` (read or pread) into a new bytes object.
unsafe fn read_into(n: isize, f: impl Fn(*mut libc::c_void, usize) -> isize) -> PyResult<Obj> {
    if n < 0 {
        *libc::__errno_location() = libc::EINVAL;
        return Err(errno_error());
    }
    let mut buf = alloc_buf(n as usize)?;
    let got = retry(-1, || f(buf.as_mut_ptr() as *mut _, buf.len()));
    if got < 0 {
        return Err(errno_error());
    }
    bytes::from_slice(&buf[..got as usize])
}

/// Clinic's `unsigned int` converter (`_PyLong_UnsignedInt_Converter`).
unsafe fn uint_arg(o: *mut PyObject) -> PyResult<u32> {
    let v = crate::protocol::number::index(o)?;
    if long::is_negative(v.as_ptr()) {
        return Err(raise(exc::value_error(), "value must be positive"));
    }
    long::as_i64(v.as_ptr()).and_then(|x| u32::try_from(x).ok()).ok_or_else(|| raise(exc::overflow_error(), "Python int too large for C unsigned int"))
}

/// CPython's `_Py_GetLocaleEncoding`: "utf-8" in UTF-8 mode, else the codeset of the
/// LC_CTYPE locale the environment names (what CPython's start-up `setlocale` selects).
unsafe fn locale_encoding() -> PyResult<String> {
    let flags = crate::objects::dictobject::get_item_str(crate::interp::sysdict(), "flags")?;
    if !flags.is_null() {
        let u = crate::protocol::object::getattr_str(flags, "utf8_mode")?;
        if crate::protocol::object::is_true(u.as_ptr())? {
            return Ok("utf-8".to_owned());
        }
    }
    let loc = libc::newlocale(libc::LC_CTYPE_MASK, c"".as_ptr(), std::ptr::null_mut());
    if loc.is_null() {
        // A locale that is not installed leaves CPython in "C", which turns UTF-8 mode on.
        return Ok("utf-8".to_owned());
    }
    let cs = libc::nl_langinfo_l(libc::CODESET, loc);
    let name = if cs.is_null() { String::new() } else { std::ffi::CStr::from_ptr(cs).to_string_lossy().into_owned() };
    libc::freelocale(loc);
    Ok(if name.is_empty() { "utf-8".to_owned() } else { name })
}

/// PySequence_Check: a `sq_item` and not a dict.
unsafe fn is_sequence(o: *mut PyObject) -> bool {
    let sq = (*type_of(o)).tp_as_sequence;
    !crate::objects::dictobject::check(o) && !sq.is_null() && (*sq).sq_item.is_some()
}

/// Exports of each buffer in a sequence, for readv/writev.
unsafe fn buffers(func: &str, seq: *mut PyObject, writable: bool) -> PyResult<Vec<Buffer>> {
    if !is_sequence(seq) {
        return Err(raise(exc::type_error(), format!("{func}() arg 2 must be a sequence")));
    }
    let items = crate::protocol::iter::collect(seq)?;
    let flags = if writable { PYBUF_WRITABLE } else { PYBUF_SIMPLE };
    items.iter().map(|o| Buffer::get_flags(o.as_ptr(), flags)).collect()
}

unsafe fn iovecs(bufs: &mut [Buffer]) -> Vec<libc::iovec> {
    bufs.iter_mut().map(|b| libc::iovec { iov_base: (*b.raw()).buf, iov_len: (*b.raw()).len as usize }).collect()
}

/// preadv/pwritev (fd, buffers, offset, flags); `func` is what CPython's message names.
unsafe fn positioned_vec_io(func: &str, a: &[*mut PyObject], read: bool) -> PyResult<Obj> {
    let fd = int_arg(a[0])?;
    let mut bufs = buffers(func, a[1], read)?;
    let off = off_arg(a[2])?;
    let flags = int_or(a[3], 0)?;
    let v = iovecs(&mut bufs);
    let n = v.len() as c_int;
    size_result(retry(-1, || if read { libc::preadv2(fd, v.as_ptr(), n, off, flags) } else { libc::pwritev2(fd, v.as_ptr(), n, off, flags) }))
}

/// An optional `off_t` in/out argument (None means the file position).
unsafe fn opt_offset(o: *mut PyObject) -> PyResult<Option<i64>> {
    if o.is_null() || noneobject::is_none(o) {
        Ok(None)
    } else {
        Ok(Some(off_arg(o)?))
    }
}

unsafe fn terminal_size(fd: c_int) -> PyResult<Obj> {
    let mut w: libc::winsize = std::mem::zeroed();
    if libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) != 0 {
        return Err(errno_error());
    }
    crate::modules::sys_info::build(&raw mut TERMINAL_SIZE, vec![long::from_i64(w.ws_col as i64), long::from_i64(w.ws_row as i64)])
}

posix_fns! {
    posix_open("open", ["path", "flags", "mode", "dir_fd"], 0, 2, 3) = |a| {
        let p = path_arg("open", "path", a[0], false, false)?;
        let flags = int_arg(a[1])? | libc::O_CLOEXEC;
        let mode = int_or(a[2], 0o777)?;
        let dir_fd = dir_fd_arg(a[3])?;
        let fd = retry(-1, || libc::openat(dir_fd, p.ptr(), flags, mode as libc::c_uint));
        if fd < 0 {
            return Err(p.error());
        }
        Ok(long::from_i64(fd as i64))
    };
    posix_close("close", ["fd"], 0, 1, 1) = |a| ok(libc::close(int_arg(a[0])?));
    posix_closerange("closerange", ["fd_low", "fd_high"], 2, 2, 2) = |a| {
        let (lo, hi) = (int_arg(a[0])?.max(0), int_arg(a[1])?);
        for fd in lo..hi {
            libc::close(fd);
        }
        Ok(none())
    };
    posix_read("read", ["fd", "length"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        read_into(ssize_arg(a[1])?, |p, n| libc::read(fd, p, n))
    };
    posix_pread("pread", ["fd", "length", "offset"], 3, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let n = ssize_arg(a[1])?;
        let off = off_arg(a[2])?;
        read_into(n, |p, n| libc::pread(fd, p, n, off))
    };
    posix_write("write", ["fd", "data"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let b = Buffer::get(a[1])?;
        let s = b.as_slice();
        size_result(retry(-1, || libc::write(fd, s.as_ptr() as *const _, s.len())))
    };
    posix_pwrite("pwrite", ["fd", "buffer", "offset"], 3, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let b = Buffer::get(a[1])?;
        let off = off_arg(a[2])?;
        let s = b.as_slice();
        size_result(retry(-1, || libc::pwrite(fd, s.as_ptr() as *const _, s.len(), off)))
    };
    posix_readv("readv", ["fd", "buffers"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let mut bufs = buffers("readv", a[1], true)?;
        let v = iovecs(&mut bufs);
        size_result(retry(-1, || libc::readv(fd, v.as_ptr(), v.len() as c_int)))
    };
    posix_writev("writev", ["fd", "buffers"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let mut bufs = buffers("writev", a[1], false)?;
        let v = iovecs(&mut bufs);
        size_result(retry(-1, || libc::writev(fd, v.as_ptr(), v.len() as c_int)))
    };
    posix_preadv("preadv", ["fd", "buffers", "offset", "flags"], 4, 3, 4) = |a| positioned_vec_io("preadv2", a, true);
    posix_pwritev("pwritev", ["fd", "buffers", "offset", "flags"], 4, 3, 4) = |a| positioned_vec_io("pwritev", a, false);
    posix_lseek("lseek", ["fd", "position", "whence"], 3, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let pos = off_arg(a[1])?;
        let how = int_arg(a[2])?;
        let r = libc::lseek(fd, pos, how);
        if r < 0 {
            return Err(errno_error());
        }
        Ok(long::from_i64(r))
    };
    posix_fsync("fsync", ["fd"], 0, 1, 1) = |a| {
        let fd = fildes_arg(a[0])?;
        ok(retry(-1, || libc::fsync(fd)))
    };
    posix_fdatasync("fdatasync", ["fd"], 0, 1, 1) = |a| {
        let fd = fildes_arg(a[0])?;
        ok(retry(-1, || libc::fdatasync(fd)))
    };
    posix_fchdir("fchdir", ["fd"], 0, 1, 1) = |a| {
        let fd = fildes_arg(a[0])?;
        ok(retry(-1, || libc::fchdir(fd)))
    };
    posix_ftruncate("ftruncate", ["fd", "length"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let len = off_arg(a[1])?;
        ok(retry(-1, || libc::ftruncate(fd, len)))
    };
    posix_isatty("isatty", ["fd"], 1, 1, 1) = |a| Ok(bool_obj(libc::isatty(int_arg(a[0])?) == 1));
    posix_ttyname("ttyname", ["fd"], 1, 1, 1) = |a| {
        let fd = int_arg(a[0])?;
        let mut buf = [0u8; 4096];
        let r = libc::ttyname_r(fd, buf.as_mut_ptr() as *mut _, buf.len());
        if r != 0 {
            *libc::__errno_location() = r;
            return Err(errno_error());
        }
        decode_fs(std::ffi::CStr::from_ptr(buf.as_ptr() as *const _).to_bytes())
    };
    posix_device_encoding("device_encoding", ["fd"], 0, 1, 1) = |a| {
        if libc::isatty(int_arg(a[0])?) != 1 {
            return Ok(none());
        }
        str_::from_str(&locale_encoding()?)
    };
    posix_get_inheritable("get_inheritable", ["fd"], 1, 1, 1) = |a| Ok(bool_obj(get_inheritable(int_arg(a[0])?)?));
    posix_set_inheritable("set_inheritable", ["fd", "inheritable"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        set_inheritable(fd, int_arg(a[1])? != 0)?;
        Ok(none())
    };
    posix_get_blocking("get_blocking", ["fd"], 1, 1, 1) = |a| {
        let flags = libc::fcntl(int_arg(a[0])?, libc::F_GETFL);
        if flags < 0 {
            return Err(errno_error());
        }
        Ok(bool_obj(flags & libc::O_NONBLOCK == 0))
    };
    posix_set_blocking("set_blocking", ["fd", "blocking"], 2, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let blocking = int_arg(a[1])? != 0;
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return Err(errno_error());
        }
        let new = if blocking { flags & !libc::O_NONBLOCK } else { flags | libc::O_NONBLOCK };
        if new != flags && libc::fcntl(fd, libc::F_SETFL, new) < 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_dup("dup", ["fd"], 1, 1, 1) = |a| fd_result(libc::fcntl(int_arg(a[0])?, libc::F_DUPFD_CLOEXEC, 0));
    posix_dup2("dup2", ["fd", "fd2", "inheritable"], 0, 2, 3) = |a| {
        let (fd, fd2) = (int_arg(a[0])?, int_arg(a[1])?);
        let inheritable = bool_or(a[2], true)?;
        let r = if inheritable { libc::dup2(fd, fd2) } else { libc::dup3(fd, fd2, libc::O_CLOEXEC) };
        fd_result(r)
    };
    posix_pipe("pipe", [], 0, 0, 0) = |_a| {
        let mut fds = [0 as c_int; 2];
        if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) != 0 {
            return Err(errno_error());
        }
        tuple::pack(&[long::from_i64(fds[0] as i64).as_ptr(), long::from_i64(fds[1] as i64).as_ptr()])
    };
    posix_pipe2("pipe2", ["flags"], 1, 1, 1) = |a| {
        let flags = int_arg(a[0])?;
        let mut fds = [0 as c_int; 2];
        if libc::pipe2(fds.as_mut_ptr(), flags) != 0 {
            return Err(errno_error());
        }
        tuple::pack(&[long::from_i64(fds[0] as i64).as_ptr(), long::from_i64(fds[1] as i64).as_ptr()])
    };
    posix_lockf("lockf", ["fd", "command", "length"], 3, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let cmd = int_arg(a[1])?;
        let len = off_arg(a[2])?;
        ok(libc::lockf(fd, cmd, len))
    };
    posix_fchmod("fchmod", ["fd", "mode"], 0, 2, 2) = |a| {
        let fd = int_arg(a[0])?;
        let mode = int_arg(a[1])?;
        ok(retry(-1, || libc::fchmod(fd, mode as libc::mode_t)))
    };
    posix_fchown("fchown", ["fd", "uid", "gid"], 0, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let uid = crate::modules::posix_fs::id_arg(a[1], "uid")?;
        let gid = crate::modules::posix_fs::id_arg(a[2], "gid")?;
        ok(retry(-1, || libc::fchown(fd, uid, gid)))
    };
    posix_fpathconf("fpathconf", ["fd", "name"], 2, 2, 2) = |a| {
        let fd = fildes_arg(a[0])?;
        let name = crate::modules::posix_fs::conf_name(a[1], &crate::modules::posix_consts::PATHCONF_NAMES)?;
        *libc::__errno_location() = 0;
        crate::modules::posix_fs::conf_result(libc::fpathconf(fd, name), None)
    };
    posix_sendfile("sendfile", ["out_fd", "in_fd", "offset", "count"], 0, 4, 4) = |a| {
        let (out, inp) = (int_arg(a[0])?, int_arg(a[1])?);
        let mut off = opt_offset(a[2])?;
        // A negative count reaches the kernel as a huge one (EINVAL), as in CPython.
        let count = ssize_arg(a[3])?;
        let offp = off.as_mut().map(|o| o as *mut i64).unwrap_or(std::ptr::null_mut());
        size_result(retry(-1, || libc::sendfile(out, inp, offp, count as usize)))
    };
    posix_copy_file_range("copy_file_range", ["src", "dst", "count", "offset_src", "offset_dst"], 0, 3, 5) = |a| {
        let (src, dst) = (int_arg(a[0])?, int_arg(a[1])?);
        let count = ssize_arg(a[2])?;
        if count < 0 {
            return Err(raise(exc::value_error(), "negative value for 'count' not allowed"));
        }
        let (mut os, mut od) = (opt_offset(a[3])?, opt_offset(a[4])?);
        let ps = os.as_mut().map(|o| o as *mut i64).unwrap_or(std::ptr::null_mut());
        let pd = od.as_mut().map(|o| o as *mut i64).unwrap_or(std::ptr::null_mut());
        size_result(retry(-1, || libc::copy_file_range(src, ps, dst, pd, count as usize, 0)))
    };
    posix_splice("splice", ["src", "dst", "count", "offset_src", "offset_dst", "flags"], 0, 3, 6) = |a| {
        let (src, dst) = (int_arg(a[0])?, int_arg(a[1])?);
        let count = ssize_arg(a[2])?;
        if count < 0 {
            return Err(raise(exc::value_error(), "negative value for 'count' not allowed"));
        }
        let (mut os, mut od) = (opt_offset(a[3])?, opt_offset(a[4])?);
        let flags = if a[5].is_null() { 0 } else { uint_arg(a[5])? };
        let ps = os.as_mut().map(|o| o as *mut i64).unwrap_or(std::ptr::null_mut());
        let pd = od.as_mut().map(|o| o as *mut i64).unwrap_or(std::ptr::null_mut());
        size_result(retry(-1, || libc::splice(src, ps, dst, pd, count as usize, flags)))
    };
    posix_memfd_create("memfd_create", ["name", "flags"], 0, 1, 2) = |a| {
        let name = fs_converter(a[0])?;
        let flags = if a[1].is_null() { libc::MFD_CLOEXEC } else { int_arg(a[1])? as libc::c_uint };
        fd_result(libc::memfd_create(name.as_ptr(), flags))
    };
    posix_eventfd("eventfd", ["initval", "flags"], 0, 1, 2) = |a| {
        let init = uint_arg(a[0])?;
        let flags = int_or(a[1], libc::EFD_CLOEXEC)?;
        fd_result(libc::eventfd(init, flags))
    };
    posix_eventfd_read("eventfd_read", ["fd"], 0, 1, 1) = |a| {
        let fd = fildes_arg(a[0])?;
        let mut v: u64 = 0;
        if retry(-1, || libc::read(fd, (&raw mut v) as *mut _, 8)) < 0 {
            return Err(errno_error());
        }
        Ok(long::from_u64(v))
    };
    posix_eventfd_write("eventfd_write", ["fd", "value"], 0, 2, 2) = |a| {
        let fd = fildes_arg(a[0])?;
        let v = crate::protocol::number::index(a[1])?;
        if long::is_negative(v.as_ptr()) {
            return Err(raise(exc::value_error(), "value must be positive"));
        }
        let Some(v) = long::as_i128(v.as_ptr()).and_then(|x| u64::try_from(x).ok()) else {
            return Err(raise(exc::overflow_error(), "int too big to convert"));
        };
        if retry(-1, || libc::write(fd, (&raw const v) as *const _, 8)) < 0 {
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_fallocate("posix_fallocate", ["fd", "offset", "length"], 3, 3, 3) = |a| {
        let fd = int_arg(a[0])?;
        let (off, len) = (off_arg(a[1])?, off_arg(a[2])?);
        let r = retry(libc::EINTR, || libc::posix_fallocate(fd, off, len));
        if r != 0 {
            *libc::__errno_location() = r;
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_fadvise("posix_fadvise", ["fd", "offset", "length", "advice"], 4, 4, 4) = |a| {
        let fd = int_arg(a[0])?;
        let (off, len) = (off_arg(a[1])?, off_arg(a[2])?);
        let advice = int_arg(a[3])?;
        let r = libc::posix_fadvise(fd, off, len, advice);
        if r != 0 {
            *libc::__errno_location() = r;
            return Err(errno_error());
        }
        Ok(none())
    };
    posix_get_terminal_size("get_terminal_size", ["fd"], 1, 0, 1) = |a| terminal_size(int_or(a[0], 1)?);
}

pub static mut METHODS: [PyMethodDef; 42] = [
    crate::modules::fast_kw(c"open", posix_open),
    crate::modules::fast_kw(c"close", posix_close),
    crate::modules::fast_kw(c"closerange", posix_closerange),
    crate::modules::fast_kw(c"read", posix_read),
    crate::modules::fast_kw(c"pread", posix_pread),
    crate::modules::fast_kw(c"write", posix_write),
    crate::modules::fast_kw(c"pwrite", posix_pwrite),
    crate::modules::fast_kw(c"readv", posix_readv),
    crate::modules::fast_kw(c"writev", posix_writev),
    crate::modules::fast_kw(c"preadv", posix_preadv),
    crate::modules::fast_kw(c"pwritev", posix_pwritev),
    crate::modules::fast_kw(c"lseek", posix_lseek),
    crate::modules::fast_kw(c"fsync", posix_fsync),
    crate::modules::fast_kw(c"fdatasync", posix_fdatasync),
    crate::modules::fast_kw(c"fchdir", posix_fchdir),
    crate::modules::fast_kw(c"ftruncate", posix_ftruncate),
    crate::modules::fast_kw(c"isatty", posix_isatty),
    crate::modules::fast_kw(c"ttyname", posix_ttyname),
    crate::modules::fast_kw(c"device_encoding", posix_device_encoding),
    crate::modules::fast_kw(c"get_inheritable", posix_get_inheritable),
    crate::modules::fast_kw(c"set_inheritable", posix_set_inheritable),
    crate::modules::fast_kw(c"get_blocking", posix_get_blocking),
    crate::modules::fast_kw(c"set_blocking", posix_set_blocking),
    crate::modules::fast_kw(c"dup", posix_dup),
    crate::modules::fast_kw(c"dup2", posix_dup2),
    crate::modules::fast_kw(c"pipe", posix_pipe),
    crate::modules::fast_kw(c"pipe2", posix_pipe2),
    crate::modules::fast_kw(c"lockf", posix_lockf),
    crate::modules::fast_kw(c"fchmod", posix_fchmod),
    crate::modules::fast_kw(c"fchown", posix_fchown),
    crate::modules::fast_kw(c"fpathconf", posix_fpathconf),
    crate::modules::fast_kw(c"sendfile", posix_sendfile),
    crate::modules::fast_kw(c"copy_file_range", posix_copy_file_range),
    crate::modules::fast_kw(c"splice", posix_splice),
    crate::modules::fast_kw(c"memfd_create", posix_memfd_create),
    crate::modules::fast_kw(c"eventfd", posix_eventfd),
    crate::modules::fast_kw(c"eventfd_read", posix_eventfd_read),
    crate::modules::fast_kw(c"eventfd_write", posix_eventfd_write),
    crate::modules::fast_kw(c"posix_fallocate", posix_fallocate),
    crate::modules::fast_kw(c"posix_fadvise", posix_fadvise),
    crate::modules::fast_kw(c"get_terminal_size", posix_get_terminal_size),
    METHOD_END,
];
