//! `_io.BufferedReader`, `BufferedWriter`, `BufferedRandom` and `BufferedRWPair` (CPython's
//! Modules/_io/bufferedio.c) over any raw stream, called through its Python methods.
//!
//! One state serves the three single-stream types: a read-ahead buffer and a buffer of
//! pending writes, never both non-empty (reads flush the writes; writes first give the
//! read-ahead back by seeking the raw stream), so the logical position is always
//! `raw.tell() - readahead + pending`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being buffered instances. The state
//! is fetched again after every call into Python, so no borrow lives across one.

use super::io_iobase::*;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::{bytearrayobject as bytearray, bytesobject as bytes, longobject as long, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::c_int;
use std::ptr::null_mut;

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Reader,
    Writer,
    Random,
}

pub struct Buffered {
    pub raw: Obj,
    pub kind: Kind,
    pub size: usize,
    pub rbuf: Vec<u8>,
    pub rpos: usize,
    pub wbuf: Vec<u8>,
    pub detached: bool,
}

impl Buffered {
    pub fn objects(&self) -> Vec<*mut PyObject> {
        vec![self.raw.as_ptr()]
    }
    fn readable(&self) -> bool {
        self.kind != Kind::Writer
    }
    fn writable(&self) -> bool {
        self.kind != Kind::Reader
    }
    fn readahead(&self) -> usize {
        self.rbuf.len() - self.rpos
    }
}

unsafe fn buf<'a>(op: *mut PyObject) -> PyResult<&'a mut Buffered> {
    match state(op) {
        Some(State::Buffered(b)) if b.detached => Err(raise(exc::value_error(), "raw stream has been detached")),
        Some(State::Buffered(b)) => Ok(b),
        _ => Err(uninitialized()),
    }
}

unsafe fn raw(op: *mut PyObject) -> PyResult<Obj> {
    Ok(buf(op)?.raw.clone())
}

/// CPython's CHECK_CLOSED: the raw stream is closed and nothing is left to read.
unsafe fn check_closed(op: *mut PyObject, msg: &str) -> PyResult<()> {
    let r = raw(op)?;
    if attr_closed(r.as_ptr())? && buf(op)?.readahead() == 0 {
        return Err(raise(exc::value_error(), msg));
    }
    Ok(())
}

/// `_PyIOBase_check_*`: `raw.<meth>()` must be True.
unsafe fn check_raw(raw: *mut PyObject, meth: &str) -> PyResult<()> {
    let r = call(raw, meth, &[])?;
    if r.as_ptr() != crate::objects::boolobject::true_() {
        return Err(unsupported(&format!("File or stream is not {meth}.")));
    }
    Ok(())
}

unsafe fn init_common(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject, name: &str, kind: Kind) -> PyResult<()> {
    let a = crate::protocol::args::bind(name, args, kwds, &["raw", "buffer_size"], 1)?;
    let r = a[0].expect("required");
    if kind == Kind::Random {
        check_raw(r, "seekable")?;
    }
    if kind != Kind::Writer {
        check_raw(r, "readable")?;
    }
    if kind != Kind::Reader {
        check_raw(r, "writable")?;
    }
    let size = match a[1] {
        None => DEFAULT_BUFFER_SIZE as isize,
        Some(s) => index_arg(s)?,
    };
    if size <= 0 {
        return Err(raise(exc::value_error(), "buffer size must be strictly positive"));
    }
    let b = Buffered { raw: Obj::from_borrowed(r), kind, size: size as usize, rbuf: Vec::new(), rpos: 0, wbuf: Vec::new(), detached: false };
    set_state(op, State::Buffered(b));
    Ok(())
}

unsafe extern "C" fn reader_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| init_common(op, args, kwds, "BufferedReader", Kind::Reader))
}
unsafe extern "C" fn writer_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| init_common(op, args, kwds, "BufferedWriter", Kind::Writer))
}
unsafe extern "C" fn random_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| init_common(op, args, kwds, "BufferedRandom", Kind::Random))
}

// ---- raw calls -----------------------------------------------------------------------------

/// `raw.readinto` of up to `n` bytes; None when the stream would block.
unsafe fn raw_read(op: *mut PyObject, n: usize) -> PyResult<Option<Vec<u8>>> {
    let r = raw(op)?;
    let ba = bytearray::from_slice(&zeroed(n)?)?;
    let mv = crate::objects::memoryobject::from_object(ba.as_ptr())?;
    let res = loop {
        match call(r.as_ptr(), "readinto", &[mv.as_ptr()]) {
            Err(e) if crate::err::exception_matches((&raw mut crate::objects::exceptions::_PyExc_InterruptedError) as *mut PyObject) => {
                crate::err::clear();
                let _ = e;
            }
            other => break other?,
        }
    };
    let _ = call(mv.as_ptr(), "release", &[]);
    if is_none(res.as_ptr()) {
        return Ok(None);
    }
    let got = index_arg(res.as_ptr())?;
    if got < 0 || got as usize > n {
        return Err(raise(exc::os_error(), format!("raw readinto() returned invalid length {got} (should have been between 0 and {n})")));
    }
    Ok(Some(bytearray::as_slice(ba.as_ptr())[..got as usize].to_vec()))
}

/// `raw.write`; None when the stream would block.
unsafe fn raw_write(op: *mut PyObject, data: &[u8]) -> PyResult<Option<usize>> {
    let r = raw(op)?;
    let b = bytes_obj(data)?;
    let mv = crate::objects::memoryobject::from_object(b.as_ptr())?;
    let res = call(r.as_ptr(), "write", &[mv.as_ptr()])?;
    if is_none(res.as_ptr()) {
        return Ok(None);
    }
    let n = index_arg(res.as_ptr())?;
    if n < 0 || n as usize > data.len() {
        return Err(raise(exc::os_error(), format!("raw write() returned invalid length {n} (should have been between 0 and {})", data.len())));
    }
    Ok(Some(n as usize))
}

unsafe fn raw_tell(op: *mut PyObject) -> PyResult<i64> {
    let r = raw(op)?;
    let t = call(r.as_ptr(), "tell", &[])?;
    let n = crate::protocol::number::index(t.as_ptr())?;
    let n = long::as_i64(n.as_ptr()).unwrap_or(-1);
    if n < 0 {
        return Err(raise(exc::os_error(), format!("Raw stream returned invalid position {n}")));
    }
    Ok(n)
}

unsafe fn raw_seek(op: *mut PyObject, target: i64, whence: c_int) -> PyResult<i64> {
    let r = raw(op)?;
    let t = int(target);
    let w = int(whence as i64);
    let res = call(r.as_ptr(), "seek", &[t.as_ptr(), w.as_ptr()])?;
    let n = crate::protocol::number::index(res.as_ptr())?;
    let n = long::as_i64(n.as_ptr()).unwrap_or(-1);
    if n < 0 {
        return Err(raise(exc::os_error(), format!("Raw stream returned invalid position {n}")));
    }
    Ok(n)
}

/// BlockingIOError(EAGAIN, msg, written).
unsafe fn blocking(msg: &str, written: usize) -> crate::err::ErrSet {
    let made = (|| -> PyResult<Obj> {
        let e = int(libc::EAGAIN as i64);
        let m = str_::from_str(msg)?;
        let w = int(written as i64);
        crate::protocol::call::vectorcall((&raw mut crate::objects::exceptions::_PyExc_BlockingIOError) as *mut PyObject, &[e.as_ptr(), m.as_ptr(), w.as_ptr()], null_mut())
    })();
    match made {
        Ok(v) => crate::err::set_object(type_of(v.as_ptr()) as *mut PyObject, v.as_ptr()),
        Err(e) => e,
    }
}

/// Writes out the pending bytes.
unsafe fn flush_writes(op: *mut PyObject) -> PyResult<()> {
    while !buf(op)?.wbuf.is_empty() {
        let data = buf(op)?.wbuf.clone();
        match raw_write(op, &data)? {
            None => return Err(blocking("write could not complete without blocking", 0)),
            Some(n) => {
                buf(op)?.wbuf.drain(..n);
            }
        }
    }
    Ok(())
}

/// Gives the read-ahead back to the raw stream (seeking it back), so writes land at the
/// logical position.
unsafe fn rewind_reads(op: *mut PyObject) -> PyResult<()> {
    let ahead = buf(op)?.readahead();
    if ahead > 0 {
        raw_seek(op, -(ahead as i64), 1)?;
    }
    let b = buf(op)?;
    b.rbuf.clear();
    b.rpos = 0;
    Ok(())
}

/// Empties the read buffer (CPython's `_bufferedreader_reset_buf`).
unsafe fn reset(op: *mut PyObject) -> PyResult<()> {
    let b = buf(op)?;
    b.rbuf.clear();
    b.rpos = 0;
    Ok(())
}

/// CPython's `_bufferedreader_fill_buffer`: one raw read onto the end of what the buffer
/// holds, up to its size; the count read, None if the stream would block.
unsafe fn fill(op: *mut PyObject) -> PyResult<Option<usize>> {
    let room = {
        let b = buf(op)?;
        b.size - b.rbuf.len()
    };
    let data = raw_read(op, room)?;
    Ok(match data {
        None => None,
        Some(d) => {
            let n = d.len();
            buf(op)?.rbuf.extend_from_slice(&d);
            Some(n)
        }
    })
}

/// Takes up to `n` bytes of read-ahead.
unsafe fn take(op: *mut PyObject, n: usize) -> PyResult<Vec<u8>> {
    let b = buf(op)?;
    let k = n.min(b.readahead());
    let out = b.rbuf[b.rpos..b.rpos + k].to_vec();
    b.rpos += k;
    Ok(out)
}

unsafe fn before_read(op: *mut PyObject) -> PyResult<()> {
    if buf(op)?.writable() {
        flush_writes(op)?;
    }
    Ok(())
}

// ---- reading -------------------------------------------------------------------------------

unsafe fn read_all(op: *mut PyObject) -> PyResult<Obj> {
    let mut out = take(op, usize::MAX)?;
    let r = raw(op)?;
    if proto::lookup_attr(r.as_ptr(), str_::intern("readall")?)?.is_some() {
        let data = call(r.as_ptr(), "readall", &[])?;
        if is_none(data.as_ptr()) {
            return if out.is_empty() { Ok(data) } else { bytes_obj(&out) };
        }
        if !bytes::check(data.as_ptr()) {
            return Err(raise(exc::type_error(), "readall() should return bytes"));
        }
        out.extend_from_slice(bytes::as_slice(data.as_ptr()));
        return bytes_obj(&out);
    }
    loop {
        let data = call(r.as_ptr(), "read", &[])?;
        if is_none(data.as_ptr()) {
            return if out.is_empty() { Ok(data) } else { bytes_obj(&out) };
        }
        if !bytes::check(data.as_ptr()) {
            return Err(raise(exc::type_error(), "read() should return bytes"));
        }
        let s = bytes::as_slice(data.as_ptr());
        if s.is_empty() {
            return bytes_obj(&out);
        }
        out.extend_from_slice(s);
    }
}

unsafe fn buffered_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    buf(op)?;
    if n < -1 {
        return Err(raise(exc::value_error(), "read length must be non-negative or -1"));
    }
    check_closed(op, "read of closed file")?;
    if n == -1 {
        before_read(op)?;
        return read_all(op);
    }
    let n = n as usize;
    if n <= buf(op)?.readahead() {
        return bytes_obj(&take(op, n)?);
    }
    read_generic(op, n)
}

/// The result of a read cut short by EOF (`Some(0)`) or a stream that would block (None).
fn short(out: Vec<u8>, eof: bool) -> PyResult<Obj> {
    if eof || !out.is_empty() {
        bytes_obj(&out)
    } else {
        Ok(none())
    }
}

/// CPython's `_bufferedreader_read_generic`: the read-ahead, then whole buffers straight
/// from the raw stream, then the last part through the buffer (what is left stays there).
unsafe fn read_generic(op: *mut PyObject, n: usize) -> PyResult<Obj> {
    let mut out = take(op, n)?;
    before_read(op)?;
    reset(op)?;
    let size = buf(op)?.size;
    let mut remaining = n - out.len();
    while remaining > 0 {
        let r = size * (remaining / size);
        if r == 0 {
            break;
        }
        match raw_read(op, r)? {
            None => return short(out, false),
            Some(d) if d.is_empty() => return short(out, true),
            Some(d) => {
                remaining -= d.len();
                out.extend(d);
            }
        }
    }
    while remaining > 0 && buf(op)?.rbuf.len() < size {
        match fill(op)? {
            None => return short(out, false),
            Some(0) => return short(out, true),
            Some(_) => {
                let got = take(op, remaining)?;
                remaining -= got.len();
                out.extend(got);
            }
        }
    }
    bytes_obj(&out)
}

unsafe fn buffered_read1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let mut n = size_arg(a, 0)?;
    if n < 0 {
        n = buf(op)?.size as isize;
    }
    check_closed(op, "read of closed file")?;
    if n == 0 {
        return bytes_obj(b"");
    }
    if buf(op)?.readahead() > 0 {
        return bytes_obj(&take(op, n as usize)?);
    }
    before_read(op)?;
    reset(op)?;
    match raw_read(op, n as usize)? {
        Some(d) => bytes_obj(&d),
        None => bytes_obj(b""),
    }
}

/// `peek()`: the read-ahead if there is some, else one buffer's worth (without moving).
unsafe fn buffered_peek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    if let Some(&v) = a.first() {
        index_arg(v)?;
    }
    check_closed(op, "peek of closed file")?;
    before_read(op)?;
    if buf(op)?.readahead() == 0 {
        reset(op)?;
        fill(op)?;
    }
    let b = buf(op)?;
    bytes_obj(&b.rbuf[b.rpos..])
}

/// CPython's `_buffered_readinto_generic` (`once`: readinto1, at most one raw read).
unsafe fn readinto_generic(op: *mut PyObject, target: *mut PyObject, once: bool) -> PyResult<Obj> {
    check_closed(op, "readinto of closed file")?;
    with_writable(target, |dst| {
        let have = buf(op)?.readahead();
        let first = take(op, dst.len())?;
        dst[..first.len()].copy_from_slice(&first);
        let mut written = first.len();
        if have > 0 && have >= dst.len() {
            return Ok(int(written as i64));
        }
        before_read(op)?;
        reset(op)?;
        let size = buf(op)?.size;
        while written < dst.len() {
            let remaining = dst.len() - written;
            let n = if remaining > size {
                match raw_read(op, remaining)? {
                    None => None,
                    Some(d) => {
                        dst[written..written + d.len()].copy_from_slice(&d);
                        Some(d.len())
                    }
                }
            } else if !(once && written > 0) {
                match fill(op)? {
                    Some(k) if k > 0 => {
                        let d = take(op, remaining)?;
                        dst[written..written + d.len()].copy_from_slice(&d);
                        written += d.len();
                        continue;
                    }
                    other => other,
                }
            } else {
                Some(0)
            };
            match n {
                Some(0) => break,
                None if written > 0 => break,
                None => return Ok(none()),
                Some(k) => {
                    written += k;
                    if once {
                        break;
                    }
                }
            }
        }
        Ok(int(written as i64))
    })
}

unsafe fn buffered_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    readinto_generic(op, a[0], false)
}

unsafe fn buffered_readinto1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    readinto_generic(op, a[0], true)
}

/// CPython's `_buffered_readline`: a line from the read-ahead, else buffer refills.
unsafe fn buffered_readline(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let mut limit = size_arg(a, 0)?;
    buf(op)?;
    check_closed(op, "readline of closed file")?;
    let b = buf(op)?;
    let mut n = b.readahead();
    if limit >= 0 && n > limit as usize {
        n = limit as usize;
    }
    if let Some(i) = b.rbuf[b.rpos..b.rpos + n].iter().position(|&c| c == b'\n') {
        return bytes_obj(&take(op, i + 1)?);
    }
    if limit >= 0 && n == limit as usize {
        return bytes_obj(&take(op, n)?);
    }
    let mut out = take(op, n)?;
    if limit >= 0 {
        limit -= n as isize;
    }
    before_read(op)?;
    loop {
        reset(op)?;
        let k = match fill(op)? {
            Some(k) if k > 0 => k,
            _ => break,
        };
        let k = if limit >= 0 { k.min(limit as usize) } else { k };
        let b = buf(op)?;
        if let Some(i) = b.rbuf[..k].iter().position(|&c| c == b'\n') {
            out.extend(take(op, i + 1)?);
            break;
        }
        out.extend(take(op, k)?);
        if limit >= 0 {
            if k as isize == limit {
                break;
            }
            limit -= k as isize;
        }
    }
    bytes_obj(&out)
}

// ---- writing, position ---------------------------------------------------------------------

unsafe fn buffered_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    let data = buffer_bytes(a[0])?;
    let r = raw(op)?;
    if attr_closed(r.as_ptr())? {
        return Err(raise(exc::value_error(), "write to closed file"));
    }
    if buf(op)?.readahead() > 0 {
        rewind_reads(op)?;
    }
    let b = buf(op)?;
    if b.wbuf.len() + data.len() <= b.size {
        b.wbuf.extend_from_slice(&data);
        return Ok(int(data.len() as i64));
    }
    // As CPython: out with what is buffered, then straight to the raw stream while more
    // than a buffer's worth is left; the rest is buffered.
    flush_writes(op)?;
    let mut written = 0;
    while data.len() - written > buf(op)?.size {
        match raw_write(op, &data[written..])? {
            None => return Err(blocking("write could not complete without blocking", written)),
            Some(n) => written += n,
        }
    }
    buf(op)?.wbuf.extend_from_slice(&data[written..]);
    Ok(int(data.len() as i64))
}

unsafe fn buffered_flush(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    check_closed(op, "flush of closed file")?;
    flush_writes(op)?;
    if buf(op)?.readable() {
        rewind_reads(op)?;
    }
    Ok(none())
}

/// BufferedReader.flush: the raw stream's.
unsafe fn reader_flush(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    call(raw(op)?.as_ptr(), "flush", &[])
}

unsafe fn buffered_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let pos = raw_tell(op)?;
    let b = buf(op)?;
    let p = pos - b.readahead() as i64 + b.wbuf.len() as i64;
    Ok(int(p.max(0)))
}

unsafe fn buffered_seek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let whence = match a.get(1) {
        Some(&w) => crate::protocol::number::c_int_arg(w)?,
        None => 0,
    };
    buf(op)?;
    if !(0..=4).contains(&whence) {
        return Err(raise(exc::value_error(), format!("whence value {whence} unsupported")));
    }
    check_closed(op, "seek of closed file")?;
    check_raw(raw(op)?.as_ptr(), "seekable")?;
    let t = crate::protocol::number::index(a[0])?;
    let mut target = long::as_i64(t.as_ptr()).ok_or_else(|| raise(exc::value_error(), "cannot fit 'int' into an offset-sized integer"))?;
    if (whence == 0 || whence == 1) && buf(op)?.readable() && buf(op)?.readahead() > 0 {
        let current = raw_tell(op)?;
        let b = buf(op)?;
        let ahead = b.readahead() as i64;
        let logical = current - ahead;
        let offset = if whence == 0 { target - logical } else { target };
        if offset >= -(b.rpos as i64) && offset <= ahead {
            b.rpos = (b.rpos as i64 + offset) as usize;
            return Ok(int(logical + offset));
        }
    }
    if buf(op)?.writable() {
        flush_writes(op)?;
    }
    if whence == 1 {
        target -= buf(op)?.readahead() as i64;
    }
    let n = raw_seek(op, target, whence)?;
    let b = buf(op)?;
    b.rbuf.clear();
    b.rpos = 0;
    Ok(int(n))
}

unsafe fn buffered_truncate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    check_closed(op, "truncate of closed file")?;
    if !buf(op)?.writable() {
        return Err(unsupported("truncate"));
    }
    flush_writes(op)?;
    if buf(op)?.readable() {
        rewind_reads(op)?;
    }
    let pos = a.first().copied().unwrap_or(crate::objects::noneobject::none());
    call(raw(op)?.as_ptr(), "truncate", &[pos])
}

// ---- the rest ------------------------------------------------------------------------------

unsafe fn buffered_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let r = raw(op)?;
    if attr_closed(r.as_ptr())? {
        return Ok(none());
    }
    if io(op).finalizing != 0 && buffered_dealloc_warn(op, &[op]).is_err() {
        crate::err::clear();
    }
    let flushed = call(op, "flush", &[]);
    let saved = if flushed.is_err() { Some(crate::err::fetch()) } else { None };
    let res = call(r.as_ptr(), "close", &[]);
    if let Ok(b) = buf(op) {
        b.rbuf.clear();
        b.rpos = 0;
    }
    if let Some(saved) = saved {
        return Err(chain_errors(saved));
    }
    res
}

unsafe fn buffered_detach(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    buf(op)?;
    call(op, "flush", &[])?;
    let b = buf(op)?;
    let r = std::mem::replace(&mut b.raw, none());
    b.detached = true;
    Ok(r)
}

unsafe fn delegate(op: *mut PyObject, meth: &str) -> PyResult<Obj> {
    call(raw(op)?.as_ptr(), meth, &[])
}

unsafe fn buffered_seekable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    delegate(op, "seekable")
}
unsafe fn buffered_readable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    delegate(op, "readable")
}
unsafe fn buffered_writable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    delegate(op, "writable")
}
unsafe fn buffered_fileno(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    delegate(op, "fileno")
}
unsafe fn buffered_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    delegate(op, "isatty")
}

unsafe fn buffered_dealloc_warn(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    if let Ok(r) = raw(op) {
        if proto::lookup_attr(r.as_ptr(), str_::intern("_dealloc_warn")?)?.is_some() {
            call(r.as_ptr(), "_dealloc_warn", &[a[0]])?;
        }
    }
    Ok(none())
}

unsafe fn buffered_sizeof(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let base = (*type_of(op)).tp_basicsize as i64;
    let extra = match state(op) {
        Some(State::Buffered(b)) if !b.detached => b.size as i64,
        _ => 0,
    };
    Ok(int(base + extra))
}

/// A member in CPython: None before `__init__`.
unsafe fn buffered_raw(op: *mut PyObject) -> PyResult<Obj> {
    match state(op) {
        Some(State::Buffered(b)) => Ok(b.raw.clone()),
        _ => Ok(none()),
    }
}
unsafe fn buffered_closed(op: *mut PyObject) -> PyResult<Obj> {
    proto::getattr_str(raw(op)?.as_ptr(), "closed")
}
unsafe fn buffered_name(op: *mut PyObject) -> PyResult<Obj> {
    proto::getattr_str(raw(op)?.as_ptr(), "name")
}
unsafe fn buffered_mode(op: *mut PyObject) -> PyResult<Obj> {
    proto::getattr_str(raw(op)?.as_ptr(), "mode")
}

unsafe extern "C" fn buffered_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tn = typeobject::full_name(type_of(op));
        let name = match proto::lookup_attr(op, str_::intern("name")?) {
            Ok(n) => n,
            Err(e) => {
                if !crate::err::exception_matches(exc::value_error()) {
                    return Err(e);
                }
                crate::err::clear();
                None
            }
        };
        match name {
            None => str_::from_str(&format!("<{tn}>")),
            Some(n) => {
                if proto::repr_enter(op) {
                    return Err(raise(exc::runtime_error(), format!("reentrant call inside {tn}.__repr__")));
                }
                let r = proto::repr_string(n.as_ptr());
                proto::repr_leave(op);
                str_::from_str(&format!("<{tn} name={}>", r?))
            }
        }
    })
}

io_methods!(READER_METHODS {
    c"detach" => buffered_detach(),
    c"flush" => reader_flush(),
    c"close" => buffered_close(),
    c"seekable" => buffered_seekable(),
    c"readable" => buffered_readable(),
    c"fileno" => buffered_fileno(),
    c"isatty" => buffered_isatty(),
    c"_dealloc_warn" => buffered_dealloc_warn(1, 1),
    c"read" => buffered_read(1, 0),
    c"peek" => buffered_peek(1, 0),
    c"read1" => buffered_read1(1, 0),
    c"readinto" => buffered_readinto(1, 1),
    c"readinto1" => buffered_readinto1(1, 1),
    c"readline" => buffered_readline(1, 0),
    c"seek" => buffered_seek(2, 1),
    c"tell" => buffered_tell(),
    c"truncate" => buffered_truncate(1, 0),
    c"__sizeof__" => buffered_sizeof(),
});

io_methods!(WRITER_METHODS {
    c"close" => buffered_close(),
    c"detach" => buffered_detach(),
    c"seekable" => buffered_seekable(),
    c"writable" => buffered_writable(),
    c"fileno" => buffered_fileno(),
    c"isatty" => buffered_isatty(),
    c"_dealloc_warn" => buffered_dealloc_warn(1, 1),
    c"write" => buffered_write(1, 1),
    c"truncate" => buffered_truncate(1, 0),
    c"flush" => buffered_flush(),
    c"seek" => buffered_seek(2, 1),
    c"tell" => buffered_tell(),
    c"__sizeof__" => buffered_sizeof(),
});

io_methods!(RANDOM_METHODS {
    c"close" => buffered_close(),
    c"detach" => buffered_detach(),
    c"seekable" => buffered_seekable(),
    c"readable" => buffered_readable(),
    c"writable" => buffered_writable(),
    c"fileno" => buffered_fileno(),
    c"isatty" => buffered_isatty(),
    c"_dealloc_warn" => buffered_dealloc_warn(1, 1),
    c"flush" => buffered_flush(),
    c"seek" => buffered_seek(2, 1),
    c"tell" => buffered_tell(),
    c"truncate" => buffered_truncate(1, 0),
    c"read" => buffered_read(1, 0),
    c"read1" => buffered_read1(1, 0),
    c"readinto" => buffered_readinto(1, 1),
    c"readinto1" => buffered_readinto1(1, 1),
    c"readline" => buffered_readline(1, 0),
    c"peek" => buffered_peek(1, 0),
    c"write" => buffered_write(1, 1),
    c"__sizeof__" => buffered_sizeof(),
});

io_getters!(BUFFERED_GETSET {
    c"raw" => buffered_raw,
    c"closed" => buffered_closed,
    c"name" => buffered_name,
    c"mode" => buffered_mode,
    c"_finalizing" => finalizing,
});

io_type!(BUFFEREDREADER_TYPE, c"_io.BufferedReader", &raw mut BUFIOBASE_TYPE, (&raw mut READER_METHODS) as *mut PyMethodDef, (&raw mut BUFFERED_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(reader_init), tp_repr: Some(buffered_repr), tp_iternext: Some(iobase_iternext),
    tp_doc: c"Create a new buffered reader using the given readable raw IO object.".as_ptr());
io_type!(BUFFEREDWRITER_TYPE, c"_io.BufferedWriter", &raw mut BUFIOBASE_TYPE, (&raw mut WRITER_METHODS) as *mut PyMethodDef, (&raw mut BUFFERED_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(writer_init), tp_repr: Some(buffered_repr),
    tp_doc: c"A buffer for a writeable sequential RawIO object.".as_ptr());
io_type!(BUFFEREDRANDOM_TYPE, c"_io.BufferedRandom", &raw mut BUFIOBASE_TYPE, (&raw mut RANDOM_METHODS) as *mut PyMethodDef, (&raw mut BUFFERED_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(random_init), tp_repr: Some(buffered_repr), tp_iternext: Some(iobase_iternext),
    tp_doc: c"A buffered interface to random access streams.".as_ptr());

// ---- BufferedRWPair ------------------------------------------------------------------------

pub struct RwPair {
    pub reader: Obj,
    pub writer: Obj,
}

impl RwPair {
    pub fn objects(&self) -> Vec<*mut PyObject> {
        vec![self.reader.as_ptr(), self.writer.as_ptr()]
    }
}

unsafe fn pair<'a>(op: *mut PyObject) -> PyResult<&'a mut RwPair> {
    match state(op) {
        Some(State::Pair(p)) => Ok(p),
        _ => Err(uninitialized()),
    }
}

unsafe extern "C" fn rwpair_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        crate::protocol::args::no_keywords("BufferedRWPair", kwds)?;
        let a = crate::objects::tupleobject::items(args);
        crate::protocol::args::check_positional("BufferedRWPair", a.len(), 2, 3)?;
        check_raw(a[0], "readable")?;
        check_raw(a[1], "writable")?;
        let size = match a.get(2) {
            Some(&s) => int(index_arg(s)? as i64),
            None => int(DEFAULT_BUFFER_SIZE as i64),
        };
        let reader = crate::protocol::call::vectorcall((&raw mut BUFFEREDREADER_TYPE) as *mut PyObject, &[a[0], size.as_ptr()], null_mut())?;
        let writer = crate::protocol::call::vectorcall((&raw mut BUFFEREDWRITER_TYPE) as *mut PyObject, &[a[1], size.as_ptr()], null_mut())?;
        set_state(op, State::Pair(RwPair { reader, writer }));
        Ok(())
    })
}

unsafe fn on_reader(op: *mut PyObject, meth: &str, a: &[*mut PyObject]) -> PyResult<Obj> {
    let r = pair(op)?.reader.clone();
    call(r.as_ptr(), meth, a)
}

unsafe fn on_writer(op: *mut PyObject, meth: &str, a: &[*mut PyObject]) -> PyResult<Obj> {
    let w = pair(op)?.writer.clone();
    call(w.as_ptr(), meth, a)
}

unsafe fn rwpair_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "read", a)
}
unsafe fn rwpair_peek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "peek", a)
}
unsafe fn rwpair_read1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "read1", a)
}
unsafe fn rwpair_readinto(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "readinto", a)
}
unsafe fn rwpair_readinto1(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "readinto1", a)
}
unsafe fn rwpair_readable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_reader(op, "readable", a)
}
unsafe fn rwpair_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_writer(op, "write", a)
}
unsafe fn rwpair_flush(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_writer(op, "flush", a)
}
unsafe fn rwpair_writable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    on_writer(op, "writable", a)
}

unsafe fn rwpair_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let w = on_writer(op, "isatty", &[])?;
    if w.as_ptr() != crate::objects::boolobject::false_() {
        return Ok(w);
    }
    on_reader(op, "isatty", &[])
}

unsafe fn rwpair_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let w = on_writer(op, "close", &[]);
    let saved = if w.is_err() { Some(crate::err::fetch()) } else { None };
    let r = on_reader(op, "close", &[]);
    if let Some(saved) = saved {
        return Err(chain_errors(saved));
    }
    r
}

unsafe fn rwpair_closed(op: *mut PyObject) -> PyResult<Obj> {
    let w = pair(op)?.writer.clone();
    proto::getattr_str(w.as_ptr(), "closed")
}

io_methods!(RWPAIR_METHODS {
    c"read" => rwpair_read(1, 0),
    c"peek" => rwpair_peek(1, 0),
    c"read1" => rwpair_read1(1, 0),
    c"readinto" => rwpair_readinto(99, 0),
    c"readinto1" => rwpair_readinto1(99, 0),
    c"write" => rwpair_write(99, 0),
    c"flush" => rwpair_flush(),
    c"readable" => rwpair_readable(),
    c"writable" => rwpair_writable(),
    c"close" => rwpair_close(),
    c"isatty" => rwpair_isatty(),
});

io_getters!(RWPAIR_GETSET { c"closed" => rwpair_closed });

io_type!(BUFFEREDRWPAIR_TYPE, c"_io.BufferedRWPair", &raw mut BUFIOBASE_TYPE, (&raw mut RWPAIR_METHODS) as *mut PyMethodDef, (&raw mut RWPAIR_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(rwpair_init),
    tp_doc: c"A buffered reader and writer object together.".as_ptr());
