//! `_io.StringIO` (CPython's Modules/_io/stringio.c): an in-memory text buffer of code
//! points, with the `newline` modes (universal reading through `NlCore`, `\r`/`\r\n`
//! written for `\n`).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being StringIO instances.

use super::io_iobase::*;
use super::io_newline::{chars, find_line_ending, newline_arg, text, NlCore};
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::{dictobject as dict, tupleobject as tuple, unicodeobject as str_};
use std::ffi::c_int;
use std::ptr::null_mut;

pub struct StringIO {
    pub buf: Vec<u32>,
    pub pos: usize,
    pub closed: bool,
    /// The `newline` argument (None: universal with translation).
    pub newline: Option<String>,
    pub readnl: Vec<u32>,
    pub writenl: Option<Vec<u32>>,
    pub readuniversal: bool,
    pub readtranslate: bool,
    /// The newline decoder of universal mode.
    pub decoder: Option<NlCore>,
}

unsafe fn sio<'a>(op: *mut PyObject) -> PyResult<&'a mut StringIO> {
    match state(op) {
        Some(State::Str(b)) => Ok(b),
        _ => Err(uninitialized()),
    }
}

unsafe fn open_sio<'a>(op: *mut PyObject) -> PyResult<&'a mut StringIO> {
    let b = sio(op)?;
    if b.closed {
        return Err(closed_file());
    }
    Ok(b)
}

fn configure(newline: Option<String>) -> StringIO {
    let readnl: Vec<u32> = newline.as_deref().unwrap_or("").chars().map(|c| c as u32).collect();
    let readuniversal = newline.as_deref().map_or(true, str::is_empty);
    let readtranslate = newline.is_none();
    let writenl = if newline.as_deref().is_some_and(|n| n.starts_with('\r')) { Some(readnl.clone()) } else { None };
    let decoder = if readuniversal { Some(NlCore { translate: readtranslate, ..NlCore::default() }) } else { None };
    StringIO { buf: Vec::new(), pos: 0, closed: false, newline, readnl, writenl, readuniversal, readtranslate, decoder }
}

unsafe extern "C" fn stringio_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("StringIO", args, kwds, &["initial_value", "newline"], 0)?;
        let newline = newline_arg(a[1], Some("\n"))?;
        if let Some(v) = a[0].filter(|v| !is_none(*v)) {
            if !str_::check(v) {
                return Err(raise(exc::type_error(), format!("initial_value must be str or None, not {}", typeobject::full_name(type_of(v)))));
            }
        }
        set_state(op, State::Str(configure(newline)));
        if let Some(v) = a[0].filter(|v| !is_none(*v)) {
            write_str(sio(op)?, chars(v))?;
            sio(op)?.pos = 0;
        }
        Ok(())
    })
}

/// Writes text at the position after the newline translation; zero-fills a gap.
fn write_str(b: &mut StringIO, s: Vec<u32>) -> PyResult<()> {
    let mut s = match &mut b.decoder {
        Some(d) => d.feed(s, true),
        None => s,
    };
    if let Some(nl) = &b.writenl {
        let mut out = Vec::with_capacity(s.len());
        for c in s {
            if c == 0x0a {
                out.extend_from_slice(nl);
            } else {
                out.push(c);
            }
        }
        s = out;
    }
    if s.is_empty() {
        return Ok(());
    }
    let end = b.pos + s.len();
    if end > b.buf.len() && b.buf.try_reserve(end - b.buf.len()).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    if b.buf.len() < end {
        b.buf.resize(end, 0);
    }
    b.buf[b.pos..end].copy_from_slice(&s);
    b.pos = end;
    Ok(())
}

unsafe fn stringio_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let v = a[0];
    if !str_::check(v) {
        return Err(raise(exc::type_error(), format!("string argument expected, got '{}'", typeobject::full_name(type_of(v)))));
    }
    let b = open_sio(op)?;
    let n = str_::len(v);
    write_str(b, chars(v))?;
    Ok(int(n as i64))
}

unsafe fn stringio_getvalue(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    text(&open_sio(op)?.buf)
}

unsafe fn stringio_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    let b = open_sio(op)?;
    let start = b.pos.min(b.buf.len());
    let avail = b.buf.len() - start;
    let n = if n < 0 { avail } else { (n as usize).min(avail) };
    b.pos = start + n;
    text(&b.buf[start..start + n])
}

/// The next line, bounded by `limit` when it is not negative.
fn next_line(b: &mut StringIO, limit: isize) -> &[u32] {
    let start = b.pos.min(b.buf.len());
    let mut lim = b.buf.len() - start;
    if limit >= 0 && (limit as usize) < lim {
        lim = limit as usize;
    }
    let seg = &b.buf[start..start + lim];
    let end = find_line_ending(b.readtranslate, b.readuniversal, &b.readnl, seg).unwrap_or(lim);
    b.pos = start + end;
    &b.buf[start..start + end]
}

unsafe fn stringio_readline(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    let b = open_sio(op)?;
    text(next_line(b, n))
}

unsafe fn stringio_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    Ok(int(open_sio(op)?.pos as i64))
}

unsafe fn stringio_seek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (pos, whence) = super::io_bytesio::seek_args(a)?;
    let b = open_sio(op)?;
    if !(0..=2).contains(&whence) {
        return Err(raise(exc::value_error(), format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(raise(exc::value_error(), format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(raise(exc::os_error(), "Can't do nonzero cur-relative seeks"));
    }
    b.pos = match whence {
        1 => b.pos,
        2 => b.buf.len(),
        _ => pos as usize,
    };
    Ok(int(b.pos as i64))
}

unsafe fn stringio_truncate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let b = open_sio(op)?;
    let size = match a.first() {
        None => b.pos as isize,
        Some(&v) if is_none(v) => b.pos as isize,
        Some(&v) => index_arg(v)?,
    };
    if size < 0 {
        return Err(raise(exc::value_error(), format!("Negative size value {size}")));
    }
    if (size as usize) < b.buf.len() {
        b.buf.truncate(size as usize);
    }
    Ok(int(size as i64))
}

unsafe fn stringio_true(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    open_sio(op)?;
    Ok(boolean(true))
}
unsafe fn stringio_readable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    stringio_true(op, a)
}
unsafe fn stringio_writable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    stringio_true(op, a)
}
unsafe fn stringio_seekable(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    stringio_true(op, a)
}

unsafe fn stringio_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let Some(State::Str(b)) = state(op) else {
        return Ok(none()); // CPython's close does not ask for __init__
    };
    b.closed = true;
    b.buf = Vec::new();
    Ok(none())
}

unsafe fn stringio_closed(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(sio(op)?.closed))
}

unsafe fn stringio_line_buffering(op: *mut PyObject) -> PyResult<Obj> {
    open_sio(op)?;
    Ok(boolean(false))
}

unsafe fn stringio_newlines(op: *mut PyObject) -> PyResult<Obj> {
    match &open_sio(op)?.decoder {
        Some(d) => d.newlines(),
        None => Ok(none()),
    }
}

unsafe fn stringio_getstate(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let value = stringio_getvalue(op, &[])?;
    let b = sio(op)?;
    let nl = match &b.newline {
        Some(n) => str_::from_str(n)?,
        None => none(),
    };
    let pos = int(b.pos as i64);
    let d = io(op).dict;
    let d = if d.is_null() { none() } else { dict::copy(d)? };
    tuple::pack(&[value.as_ptr(), nl.as_ptr(), pos.as_ptr(), d.as_ptr()])
}

unsafe fn stringio_setstate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let st = a[0];
    if !tuple::check(st) || tuple::items(st).len() < 4 {
        return Err(raise(
            exc::type_error(),
            format!("{}.__setstate__ argument should be 4-tuple, got {}", typeobject::full_name(type_of(op)), typeobject::full_name(type_of(st))),
        ));
    }
    let it = tuple::items(st);
    open_sio(op)?;
    let newline = newline_arg(Some(it[1]), None)?;
    if !is_none(it[0]) && !str_::check(it[0]) {
        return Err(raise(exc::type_error(), format!("initial_value must be str or None, not {}", typeobject::full_name(type_of(it[0])))));
    }
    let mut s = configure(newline);
    // The value is restored as it is, without newline translation.
    if str_::check(it[0]) {
        s.buf = chars(it[0]);
    }
    if !crate::objects::longobject::check(it[2]) {
        return Err(raise(exc::type_error(), format!("third item of state must be an integer, got {}", typeobject::full_name(type_of(it[2])))));
    }
    let pos = crate::objects::longobject::as_ssize_t(it[2])?;
    if pos < 0 {
        return Err(raise(exc::value_error(), "position value cannot be negative"));
    }
    s.pos = pos as usize;
    set_state(op, State::Str(s));
    if !is_none(it[3]) && !dict::check(it[3]) {
        return Err(raise(exc::type_error(), format!("fourth item of state should be a dict, got a {}", typeobject::full_name(type_of(it[3])))));
    }
    super::io_bytesio::set_state_dict(op, it[3])?;
    Ok(none())
}

unsafe extern "C" fn stringio_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let r = (|| -> PyResult<Option<Obj>> {
            let line = if type_of(op) == &raw mut STRINGIO_TYPE {
                let b = open_sio(op)?;
                text(next_line(b, -1))?
            } else {
                let l = call(op, "readline", &[])?;
                if !str_::check(l.as_ptr()) {
                    return Err(raise(exc::os_error(), format!("readline() should have returned a str object, not '{}'", typeobject::full_name(type_of(l.as_ptr())))));
                }
                l
            };
            Ok(if str_::len(line.as_ptr()) == 0 { None } else { Some(line) })
        })();
        match r {
            Ok(Some(v)) => v.into_ptr(),
            _ => null_mut(),
        }
    })
}

io_methods!(STRINGIO_METHODS {
    c"close" => stringio_close(),
    c"getvalue" => stringio_getvalue(),
    c"read" => stringio_read(1, 0),
    c"readline" => stringio_readline(1, 0),
    c"tell" => stringio_tell(),
    c"truncate" => stringio_truncate(1, 0),
    c"seek" => stringio_seek(2, 1),
    c"write" => stringio_write(1, 1),
    c"seekable" => stringio_seekable(),
    c"readable" => stringio_readable(),
    c"writable" => stringio_writable(),
    c"__getstate__" => stringio_getstate(),
    c"__setstate__" => stringio_setstate(1, 1),
});

io_getters!(STRINGIO_GETSET {
    c"closed" => stringio_closed,
    c"newlines" => stringio_newlines,
    c"line_buffering" => stringio_line_buffering,
});

io_type!(STRINGIO_TYPE, c"_io.StringIO", &raw mut TEXTIOBASE_TYPE, (&raw mut STRINGIO_METHODS) as *mut PyMethodDef, (&raw mut STRINGIO_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(stringio_init),
    tp_iternext: Some(stringio_iternext),
    tp_doc: c"Text I/O implementation using an in-memory buffer.".as_ptr());
