//! `_io.TextIOWrapper` (CPython's Modules/_io/textio.c): text over a buffered binary
//! stream. UTF-8, ASCII and Latin-1 are coded here (incrementally, with the runtime's
//! error handlers); any other encoding goes through `codecs.getincrementaldecoder` /
//! `getincrementalencoder`. Universal newlines run through `NlCore`; `tell()` cookies are
//! CPython's (start position, decoder flags, bytes to feed, chars to skip, need-EOF packed
//! little-endian into one int), rebuilt by replaying the decoder as CPython does.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being TextIOWrapper instances. The
//! state is fetched again after every call into Python.

use super::io_iobase::*;
use super::io_newline::{chars, find_line_ending, text, NlCore};
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::full_name;
use crate::objects::unicode_methods::{self as umeth, Codec};
use crate::objects::{bytesobject as bytes, longobject as long, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::c_int;
use std::ptr::null_mut;

/// The inner decoder: a built-in codec with its undecoded tail, or a Python one.
#[derive(Clone)]
enum Dec {
    Native(Codec, Vec<u8>),
    Py(Obj),
}

#[derive(Clone)]
enum Enc {
    Native(Codec),
    Py(Obj),
}

pub struct TextIO {
    buffer: Obj,
    encoding: Obj,
    errors: String,
    dec: Option<Dec>,
    enc: Option<Enc>,
    /// The newline layer over the decoder (universal newline reading).
    nl: Option<NlCore>,
    readuniversal: bool,
    readtranslate: bool,
    readnl: Vec<u32>,
    writetranslate: bool,
    writenl: Option<Vec<u32>>,
    line_buffering: bool,
    write_through: bool,
    /// The last chunk decoded, and how much of it has been returned.
    decoded: Vec<u32>,
    used: usize,
    /// (decoder flags, bytes fed since) at the start of the last chunk.
    snapshot: Option<(i64, Vec<u8>)>,
    pending: Vec<u8>,
    seekable: bool,
    telling: bool,
    has_read1: bool,
    chunk_size: usize,
    b2cratio: f64,
    detached: bool,
}

impl TextIO {
    pub fn objects(&self) -> Vec<*mut PyObject> {
        let mut v = vec![self.buffer.as_ptr(), self.encoding.as_ptr()];
        if let Some(Dec::Py(d)) = &self.dec {
            v.push(d.as_ptr());
        }
        if let Some(Enc::Py(e)) = &self.enc {
            v.push(e.as_ptr());
        }
        v
    }
}

unsafe fn tio<'a>(op: *mut PyObject) -> PyResult<&'a mut TextIO> {
    match state(op) {
        Some(State::Text(t)) if t.detached => Err(raise(exc::value_error(), "underlying buffer has been detached")),
        Some(State::Text(t)) => Ok(t),
        _ => Err(uninitialized()),
    }
}

unsafe fn buffer(op: *mut PyObject) -> PyResult<Obj> {
    Ok(tio(op)?.buffer.clone())
}

unsafe fn check_closed(op: *mut PyObject) -> PyResult<()> {
    let closed = if type_of(op) == &raw mut TEXTIOWRAPPER_TYPE { attr_closed(buffer(op)?.as_ptr())? } else { attr_closed(op)? };
    if closed {
        return Err(closed_error());
    }
    Ok(())
}

// ---- codecs --------------------------------------------------------------------------------

unsafe fn codecs_call(func: &str, encoding: &Obj, errors: &str) -> PyResult<Obj> {
    let import = crate::objects::dictobject::get_item_str(crate::interp::builtins(), "__import__")?;
    if import.is_null() {
        return Err(raise(exc::import_error(), "__import__ not found"));
    }
    let name = str_::from_str("codecs")?;
    let m = crate::protocol::call::vectorcall(import, &[name.as_ptr()], null_mut())?;
    let factory = call(m.as_ptr(), func, &[encoding.as_ptr()])?;
    let e = str_::from_str(errors)?;
    crate::protocol::call::vectorcall(factory.as_ptr(), &[e.as_ptr()], null_mut())
}

/// The LC_CTYPE codeset of the user's locale (`locale.getencoding()`).
pub unsafe fn locale_codeset() -> String {
    // Safety: setlocale/nl_langinfo return static or locale-owned strings; the old
    // LC_CTYPE is copied before it is replaced and put back after.
    let old = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
    let old = if old.is_null() { None } else { Some(std::ffi::CStr::from_ptr(old).to_owned()) };
    libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
    let cs = libc::nl_langinfo(libc::CODESET);
    let s = if cs.is_null() { String::new() } else { std::ffi::CStr::from_ptr(cs).to_string_lossy().into_owned() };
    if let Some(o) = old {
        libc::setlocale(libc::LC_CTYPE, o.as_ptr());
    }
    if s.is_empty() {
        "utf-8".into()
    } else {
        s
    }
}

/// Is UTF-8 mode on: `-X utf8`/PYTHONUTF8, or implied by the C locale (PEP 540).
pub unsafe fn utf8_mode_effective() -> bool {
    super::io_module::utf8_mode() || locale_codeset() == "ANSI_X3.4-1968"
}

/// What `encoding=None` means: 'utf-8' in UTF-8 mode, else the locale's codeset.
unsafe fn default_encoding() -> String {
    if utf8_mode_effective() {
        "utf-8".into()
    } else {
        locale_codeset()
    }
}

unsafe fn make_decoder(encoding: &Obj, errors: &str) -> PyResult<Dec> {
    match umeth::codec(str_::as_str(encoding.as_ptr())?) {
        Ok(c) => Ok(Dec::Native(c, Vec::new())),
        Err(_) => {
            crate::err::clear();
            Ok(Dec::Py(codecs_call("getincrementaldecoder", encoding, errors)?))
        }
    }
}

unsafe fn make_encoder(encoding: &Obj, errors: &str) -> PyResult<Enc> {
    match umeth::codec(str_::as_str(encoding.as_ptr())?) {
        Ok(c) => Ok(Enc::Native(c)),
        Err(_) => {
            crate::err::clear();
            Ok(Enc::Py(codecs_call("getincrementalencoder", encoding, errors)?))
        }
    }
}

/// Runs the decoder chain (codec, then newlines) on `input`.
unsafe fn decode(op: *mut PyObject, input: &[u8], fin: bool) -> PyResult<Vec<u32>> {
    let t = tio(op)?;
    let errors = t.errors.clone();
    let out = match t.dec.as_mut() {
        None => return Err(unsupported("not readable")),
        Some(Dec::Native(c, tail)) => {
            let c = *c;
            let mut data = std::mem::take(tail);
            data.extend_from_slice(input);
            let keep = if !fin && c == Codec::Utf8 { crate::objects::unicode_codecs::utf8_incomplete_tail(&data) } else { 0 };
            let rest = data.split_off(data.len() - keep);
            *tail = rest;
            let s = umeth::decode(&data, umeth::codec_name(c), &errors)?;
            chars(s.as_ptr())
        }
        Some(Dec::Py(d)) => {
            let d = d.clone();
            let b = bytes_obj(input)?;
            let f = boolean(fin);
            let s = call(d.as_ptr(), "decode", &[b.as_ptr(), f.as_ptr()])?;
            if !str_::check(s.as_ptr()) {
                return Err(raise(exc::type_error(), format!("decoder should return a string result, not '{}'", full_name(type_of(s.as_ptr())))));
            }
            chars(s.as_ptr())
        }
    };
    let t = tio(op)?;
    Ok(match t.nl.as_mut() {
        Some(nl) => nl.feed(out, fin),
        None => out,
    })
}

/// The decoder chain's state: (undecoded bytes, flags).
unsafe fn dec_getstate(op: *mut PyObject) -> PyResult<(Vec<u8>, i64)> {
    let t = tio(op)?;
    let (buf, flags) = match t.dec.as_ref() {
        None => (Vec::new(), 0),
        Some(Dec::Native(_, tail)) => (tail.clone(), 0),
        Some(Dec::Py(d)) => {
            let d = d.clone();
            let st = call(d.as_ptr(), "getstate", &[])?;
            if !tuple::check(st.as_ptr()) || tuple::items(st.as_ptr()).len() != 2 {
                return Err(raise(exc::type_error(), "illegal decoder state"));
            }
            let it = tuple::items(st.as_ptr());
            if !bytes::check(it[0]) {
                return Err(raise(exc::type_error(), format!("illegal decoder state: the first item should be a bytes object, not '{}'", full_name(type_of(it[0])))));
            }
            (bytes::as_slice(it[0]).to_vec(), long::as_c_long(it[1])?)
        }
    };
    let t = tio(op)?;
    Ok(match &t.nl {
        Some(nl) => (buf, (flags << 1) | nl.pendingcr as i64),
        None => (buf, flags),
    })
}

unsafe fn dec_setstate(op: *mut PyObject, buf: &[u8], mut flags: i64) -> PyResult<()> {
    let t = tio(op)?;
    if let Some(nl) = t.nl.as_mut() {
        nl.pendingcr = flags & 1 != 0;
        flags >>= 1;
    }
    match t.dec.as_mut() {
        None => Ok(()),
        Some(Dec::Native(_, tail)) => {
            *tail = buf.to_vec();
            Ok(())
        }
        Some(Dec::Py(d)) => {
            let d = d.clone();
            let b = bytes_obj(buf)?;
            let f = int(flags);
            let st = tuple::pack(&[b.as_ptr(), f.as_ptr()])?;
            call(d.as_ptr(), "setstate", &[st.as_ptr()]).map(|_| ())
        }
    }
}

/// CPython's `_textiowrapper_decoder_setstate`: a cookie at the very start resets the
/// decoder (which also forgets the newlines seen), any other sets its flags.
unsafe fn dec_set_cookie(op: *mut PyObject, start_pos: i64, flags: i64) -> PyResult<()> {
    if start_pos == 0 && flags == 0 {
        dec_reset(op)
    } else {
        dec_setstate(op, b"", flags)
    }
}

unsafe fn dec_reset(op: *mut PyObject) -> PyResult<()> {
    let t = tio(op)?;
    if let Some(nl) = t.nl.as_mut() {
        nl.pendingcr = false;
        nl.seennl = 0;
    }
    match t.dec.as_mut() {
        None => Ok(()),
        Some(Dec::Native(_, tail)) => {
            tail.clear();
            Ok(())
        }
        Some(Dec::Py(d)) => {
            let d = d.clone();
            call(d.as_ptr(), "reset", &[]).map(|_| ())
        }
    }
}

/// Drops the decoded text and the snapshot and resets the decoder (after a write or a
/// seek to the end, the next read starts afresh).
unsafe fn forget_decoded(op: *mut PyObject) -> PyResult<()> {
    let t = tio(op)?;
    t.decoded.clear();
    t.used = 0;
    t.snapshot = None;
    if t.dec.is_some() {
        dec_reset(op)?;
    }
    Ok(())
}

unsafe fn encode(op: *mut PyObject, s: &Obj) -> PyResult<Vec<u8>> {
    let t = tio(op)?;
    let errors = t.errors.clone();
    match t.enc.clone() {
        None => Err(unsupported("not writable")),
        Some(Enc::Native(c)) => {
            let b = umeth::encode(s.as_ptr(), umeth::codec_name(c), &errors)?;
            Ok(bytes::as_slice(b.as_ptr()).to_vec())
        }
        Some(Enc::Py(e)) => {
            let b = call(e.as_ptr(), "encode", &[s.as_ptr()])?;
            if !bytes::check(b.as_ptr()) {
                return Err(raise(exc::type_error(), format!("encoder should return a bytes object, not '{}'", full_name(type_of(b.as_ptr())))));
            }
            Ok(bytes::as_slice(b.as_ptr()).to_vec())
        }
    }
}

unsafe fn enc_reset(op: *mut PyObject, start: bool) -> PyResult<()> {
    if let Some(Enc::Py(e)) = tio(op)?.enc.clone() {
        if start {
            call(e.as_ptr(), "reset", &[])?;
        } else {
            let z = int(0);
            call(e.as_ptr(), "setstate", &[z.as_ptr()])?;
        }
    }
    Ok(())
}

// ---- construction --------------------------------------------------------------------------

/// The newline fields for `newline` (None: universal, translated).
fn set_newline(t: &mut TextIO, newline: Option<&str>) {
    t.readuniversal = newline.map_or(true, str::is_empty);
    t.readtranslate = newline.is_none();
    t.readnl = newline.unwrap_or("").chars().map(|c| c as u32).collect();
    t.writetranslate = newline.map_or(true, |n| !n.is_empty());
    t.writenl = match newline {
        Some(n) if !t.readuniversal && n != "\n" => Some(t.readnl.clone()),
        _ => None,
    };
}

unsafe fn newline_arg(func: &str, v: Option<*mut PyObject>) -> PyResult<Option<String>> {
    let n = super::io_module::opt_str(func, "newline", v)?;
    if let Some(s) = &n {
        if !matches!(s.as_str(), "" | "\n" | "\r" | "\r\n") {
            return Err(raise(exc::value_error(), format!("illegal newline value: {s}")));
        }
    }
    Ok(n)
}

unsafe extern "C" fn textio_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let names = ["buffer", "encoding", "errors", "newline", "line_buffering", "write_through"];
        let a = crate::protocol::args::bind("TextIOWrapper", args, kwds, &names, 1)?;
        let buf = Obj::from_borrowed(a[0].expect("required"));
        let encoding = super::io_module::opt_str("TextIOWrapper", "encoding", a[1])?;
        let errors = match a[2] {
            None => "strict".to_owned(),
            Some(e) if is_none(e) => "strict".to_owned(),
            Some(e) if str_::check(e) => str_::as_str(e)?.to_owned(),
            Some(e) => return Err(raise(exc::type_error(), format!("TextIOWrapper() argument 'errors' must be str or None, not {}", full_name(type_of(e))))),
        };
        let newline = newline_arg("TextIOWrapper", a[3])?;
        let line_buffering = match a[4] {
            Some(v) => super::io_module::int_arg(v)? != 0,
            None => false,
        };
        let write_through = match a[5] {
            Some(v) => super::io_module::int_arg(v)? != 0,
            None => false,
        };
        drop_state(op);
        let enc_name = match encoding.as_deref() {
            None => default_encoding(),
            Some("locale") => locale_codeset(),
            Some(e) => e.to_owned(),
        };
        let encoding = str_::from_str(&enc_name)?;
        let mut t = TextIO {
            buffer: buf.clone(),
            encoding: encoding.clone(),
            errors: errors.clone(),
            dec: None,
            enc: None,
            nl: None,
            readuniversal: false,
            readtranslate: false,
            readnl: Vec::new(),
            writetranslate: false,
            writenl: None,
            line_buffering,
            write_through,
            decoded: Vec::new(),
            used: 0,
            snapshot: None,
            pending: Vec::new(),
            seekable: false,
            telling: false,
            has_read1: false,
            chunk_size: 8192,
            b2cratio: 0.0,
            detached: false,
        };
        set_newline(&mut t, newline.as_deref());
        // An unknown encoding fails here, as codecs.lookup does in CPython.
        if umeth::codec(&enc_name).is_err() {
            crate::err::clear();
            codecs_call("getincrementaldecoder", &encoding, &errors)?;
        }
        let r = call(buf.as_ptr(), "readable", &[])?;
        if proto::is_true(r.as_ptr())? {
            t.dec = Some(make_decoder(&encoding, &errors)?);
            if t.readuniversal {
                t.nl = Some(NlCore { translate: t.readtranslate, ..NlCore::default() });
            }
        }
        let w = call(buf.as_ptr(), "writable", &[])?;
        if proto::is_true(w.as_ptr())? {
            t.enc = Some(make_encoder(&encoding, &errors)?);
        }
        let s = call(buf.as_ptr(), "seekable", &[])?;
        t.seekable = proto::is_true(s.as_ptr())?;
        t.telling = t.seekable;
        t.has_read1 = proto::lookup_attr(buf.as_ptr(), str_::intern("read1")?)?.is_some();
        let (seekable, has_enc) = (t.seekable, t.enc.is_some());
        set_state(op, State::Text(t));
        if seekable && has_enc {
            let pos = call(buf.as_ptr(), "tell", &[])?;
            if !proto::rich_compare_bool(pos.as_ptr(), int(0).as_ptr(), Py_EQ)? {
                enc_reset(op, false)?;
            }
        }
        Ok(())
    })
}

// ---- writing -------------------------------------------------------------------------------

unsafe fn write_flush(op: *mut PyObject) -> PyResult<()> {
    let t = tio(op)?;
    if t.pending.is_empty() {
        return Ok(());
    }
    let data = std::mem::take(&mut t.pending);
    let b = bytes_obj(&data)?;
    let buf = t.buffer.clone();
    call(buf.as_ptr(), "write", &[b.as_ptr()])?;
    Ok(())
}

unsafe fn textio_write(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let s = a[0];
    tio(op)?;
    if !str_::check(s) {
        return Err(raise(exc::type_error(), format!("write() argument must be str, not {}", full_name(type_of(s)))));
    }
    check_closed(op)?;
    if tio(op)?.enc.is_none() {
        return Err(unsupported("not writable"));
    }
    let n = str_::len(s);
    let mut cps = chars(s);
    let t = tio(op)?;
    let haslf = ((t.writetranslate && t.writenl.is_some()) || t.line_buffering) && cps.contains(&0x0a);
    if haslf && t.writetranslate {
        if let Some(nl) = &t.writenl {
            let mut out = Vec::with_capacity(cps.len());
            for c in cps {
                if c == 0x0a {
                    out.extend_from_slice(nl);
                } else {
                    out.push(c);
                }
            }
            cps = out;
        }
    }
    let needflush = t.line_buffering && (haslf || cps.contains(&0x0d));
    let textobj = text(&cps)?;
    let data = encode(op, &textobj)?;
    let t = tio(op)?;
    t.pending.extend_from_slice(&data);
    if t.pending.len() > t.chunk_size || needflush || t.write_through {
        write_flush(op)?;
    }
    forget_decoded(op)?;
    if needflush {
        call(buffer(op)?.as_ptr(), "flush", &[])?;
    }
    Ok(int(n as i64))
}

// ---- reading -------------------------------------------------------------------------------

/// Reads and decodes one chunk into `decoded`; false at EOF.
unsafe fn read_chunk(op: *mut PyObject, size_hint: usize) -> PyResult<bool> {
    let t = tio(op)?;
    if t.dec.is_none() {
        return Err(unsupported("not readable"));
    }
    let telling = t.telling;
    let snap = if telling { Some(dec_getstate(op)?) } else { None };
    let t = tio(op)?;
    let hint = if size_hint > 0 { (t.b2cratio.max(1.0) * size_hint as f64) as usize } else { 0 };
    let size = int(t.chunk_size.max(hint) as i64);
    let meth = if t.has_read1 { "read1" } else { "read" };
    let buf = t.buffer.clone();
    let chunk = call(buf.as_ptr(), meth, &[size.as_ptr()])?;
    let input = match crate::protocol::buffer::Buffer::get(chunk.as_ptr()) {
        Ok(b) => b.as_slice().to_vec(),
        Err(_) => {
            crate::err::clear();
            return Err(raise(
                exc::type_error(),
                format!("underlying {meth}() should have returned a bytes-like object, not '{}'", full_name(type_of(chunk.as_ptr()))),
            ));
        }
    };
    let eof = input.is_empty();
    let out = decode(op, &input, eof)?;
    let t = tio(op)?;
    t.b2cratio = if out.is_empty() { 0.0 } else { input.len() as f64 / out.len() as f64 };
    t.decoded = out;
    t.used = 0;
    if let Some((mut buf, flags)) = snap {
        buf.extend_from_slice(&input);
        t.snapshot = Some((flags, buf));
    }
    Ok(!eof)
}

unsafe fn take_decoded(t: &mut TextIO, n: usize) -> Vec<u32> {
    let avail = t.decoded.len() - t.used;
    let k = n.min(avail);
    let out = t.decoded[t.used..t.used + k].to_vec();
    t.used += k;
    out
}

unsafe fn textio_read(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let n = size_arg(a, 0)?;
    tio(op)?;
    check_closed(op)?;
    if tio(op)?.dec.is_none() {
        return Err(unsupported("not readable"));
    }
    write_flush(op)?;
    if n < 0 {
        let buf = buffer(op)?;
        let data = call(buf.as_ptr(), "read", &[])?;
        if !bytes::check(data.as_ptr()) {
            if is_none(data.as_ptr()) {
                return Err(raise(exc::type_error(), "underlying read() should have returned a bytes object, not 'NoneType'"));
            }
            return Err(raise(exc::type_error(), format!("underlying read() should have returned a bytes object, not '{}'", full_name(type_of(data.as_ptr())))));
        }
        let mut out = take_decoded(tio(op)?, usize::MAX);
        out.extend(decode(op, bytes::as_slice(data.as_ptr()), true)?);
        let t = tio(op)?;
        t.decoded.clear();
        t.used = 0;
        t.snapshot = None;
        return text(&out);
    }
    let n = n as usize;
    let mut out = take_decoded(tio(op)?, n);
    while out.len() < n {
        if !read_chunk(op, n - out.len())? {
            break;
        }
        let more = take_decoded(tio(op)?, n - out.len());
        out.extend(more);
    }
    text(&out)
}

unsafe fn readline_impl(op: *mut PyObject, limit: isize) -> PyResult<Vec<u32>> {
    check_closed(op)?;
    write_flush(op)?;
    let t = tio(op)?;
    let mut line: Vec<u32> = t.decoded[t.used..].to_vec();
    let mut base = t.used;
    let mut chunk_start = 0usize;
    let mut search_from = 0usize;
    let endpos;
    loop {
        let t = tio(op)?;
        if let Some(e) = find_line_ending(t.readtranslate, t.readuniversal, &t.readnl, &line[search_from..]) {
            endpos = search_from + e;
            break;
        }
        if limit >= 0 && line.len() >= limit as usize {
            endpos = limit as usize;
            break;
        }
        // A `\r\n` or multi-character newline may straddle chunks: search again from
        // just before the boundary.
        search_from = line.len().saturating_sub(t.readnl.len().max(1));
        if t.readuniversal {
            search_from = line.len();
        }
        if !read_chunk(op, 0)? {
            let t = tio(op)?;
            t.decoded.clear();
            t.used = 0;
            t.snapshot = None;
            endpos = line.len();
            let end = if limit >= 0 { endpos.min(limit as usize) } else { endpos };
            line.truncate(end);
            return Ok(line);
        }
        let t = tio(op)?;
        chunk_start = line.len();
        base = 0;
        line.extend_from_slice(&t.decoded);
    }
    let end = if limit >= 0 { endpos.min(limit as usize) } else { endpos };
    let t = tio(op)?;
    // `end` lies in the last chunk (or in what was left of it): mark it used up to there.
    t.used = base + end.saturating_sub(chunk_start);
    if t.used > t.decoded.len() {
        t.used = t.decoded.len();
    }
    line.truncate(end);
    Ok(line)
}

unsafe fn textio_readline(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let limit = match a.first() {
        Some(&v) if !is_none(v) => index_arg(v)?,
        _ => -1,
    };
    tio(op)?;
    if tio(op)?.dec.is_none() {
        check_closed(op)?;
        return Err(unsupported("not readable"));
    }
    text(&readline_impl(op, limit)?)
}

unsafe extern "C" fn textio_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let r = (|| -> PyResult<Option<Obj>> {
            let line = if type_of(op) == &raw mut TEXTIOWRAPPER_TYPE {
                tio(op)?.telling = false;
                if tio(op)?.dec.is_none() {
                    check_closed(op)?;
                    return Err(unsupported("not readable"));
                }
                text(&readline_impl(op, -1)?)?
            } else {
                let l = call(op, "readline", &[])?;
                if !str_::check(l.as_ptr()) {
                    return Err(raise(exc::os_error(), format!("readline() should have returned a str object, not '{}'", full_name(type_of(l.as_ptr())))));
                }
                l
            };
            if str_::len(line.as_ptr()) == 0 {
                let t = tio(op)?;
                t.snapshot = None;
                t.telling = t.seekable;
                return Ok(None);
            }
            Ok(Some(line))
        })();
        match r {
            Ok(Some(v)) => v.into_ptr(),
            _ => null_mut(),
        }
    })
}

// ---- tell and seek -------------------------------------------------------------------------

struct Cookie {
    start_pos: i64,
    dec_flags: i64,
    bytes_to_feed: i64,
    chars_to_skip: i64,
    need_eof: bool,
}

/// The cookie as CPython lays it out: 8 + 4 + 4 + 4 + 1 bytes, little-endian.
unsafe fn build_cookie(c: &Cookie) -> PyResult<Obj> {
    let mut b = Vec::with_capacity(21);
    b.extend_from_slice(&c.start_pos.to_le_bytes());
    b.extend_from_slice(&(c.dec_flags as i32).to_le_bytes());
    b.extend_from_slice(&(c.bytes_to_feed as i32).to_le_bytes());
    b.extend_from_slice(&(c.chars_to_skip as i32).to_le_bytes());
    b.push(c.need_eof as u8);
    let data = bytes_obj(&b)?;
    let order = str_::from_str("little")?;
    call(long::long_type() as *mut PyObject, "from_bytes", &[data.as_ptr(), order.as_ptr()])
}

unsafe fn parse_cookie(v: *mut PyObject) -> PyResult<Cookie> {
    let n = int(21);
    let order = str_::from_str("little")?;
    let b = call(v, "to_bytes", &[n.as_ptr(), order.as_ptr()])?;
    let s = bytes::as_slice(b.as_ptr());
    let i32_at = |o: usize| i32::from_le_bytes([s[o], s[o + 1], s[o + 2], s[o + 3]]) as i64;
    Ok(Cookie {
        start_pos: i64::from_le_bytes(s[0..8].try_into().unwrap_or([0; 8])),
        dec_flags: i32_at(8),
        bytes_to_feed: i32_at(12),
        chars_to_skip: i32_at(16),
        need_eof: s[20] != 0,
    })
}

unsafe fn textio_tell(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    tio(op)?;
    check_closed(op)?;
    if !tio(op)?.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    if !tio(op)?.telling {
        return Err(raise(exc::os_error(), "telling position disabled by next() call"));
    }
    write_flush(op)?;
    call(op, "flush", &[])?;
    let posobj = call(buffer(op)?.as_ptr(), "tell", &[])?;
    let t = tio(op)?;
    let Some((flags, next_input)) = t.snapshot.clone().filter(|_| t.dec.is_some()) else {
        return Ok(posobj);
    };
    let pos = crate::protocol::number::index(posobj.as_ptr())?;
    let position = long::as_i64(pos.as_ptr()).unwrap_or(0) - next_input.len() as i64;
    let mut cookie = Cookie { start_pos: position, dec_flags: flags, bytes_to_feed: 0, chars_to_skip: 0, need_eof: false };
    let mut chars_to_skip = t.used as i64;
    if chars_to_skip == 0 {
        return build_cookie(&cookie);
    }
    let b2c = t.b2cratio;
    let saved = dec_getstate(op)?;
    let r = (|| -> PyResult<Obj> {
        let mut dec_flags = flags;
        // A quick search for a start point close to the position.
        let mut skip_bytes = ((b2c * chars_to_skip as f64) as i64).min(next_input.len() as i64);
        let mut skip_back = 1i64;
        while skip_bytes > 0 {
            dec_set_cookie(op, position, dec_flags)?;
            let n = decode(op, &next_input[..skip_bytes as usize], false)?.len() as i64;
            if n <= chars_to_skip {
                let (b, d) = dec_getstate(op)?;
                if b.is_empty() {
                    dec_flags = d;
                    chars_to_skip -= n;
                    break;
                }
                skip_bytes -= b.len() as i64;
                skip_back = 1;
            } else {
                skip_bytes -= skip_back;
                skip_back *= 2;
            }
        }
        if skip_bytes <= 0 {
            skip_bytes = 0;
            dec_set_cookie(op, position, dec_flags)?;
        }
        cookie.start_pos = position + skip_bytes;
        cookie.dec_flags = dec_flags;
        if chars_to_skip == 0 {
            return build_cookie(&cookie);
        }
        // Feed a byte at a time, noting the last point where the decoder held nothing.
        let mut bytes_fed = 0i64;
        let mut chars_decoded = 0i64;
        let mut done = false;
        for i in skip_bytes as usize..next_input.len() {
            bytes_fed += 1;
            chars_decoded += decode(op, &next_input[i..i + 1], false)?.len() as i64;
            let (b, d) = dec_getstate(op)?;
            if b.is_empty() && chars_decoded <= chars_to_skip {
                cookie.start_pos += bytes_fed;
                chars_to_skip -= chars_decoded;
                cookie.dec_flags = d;
                bytes_fed = 0;
                chars_decoded = 0;
            }
            if chars_decoded >= chars_to_skip {
                done = true;
                break;
            }
        }
        if !done {
            chars_decoded += decode(op, b"", true)?.len() as i64;
            cookie.need_eof = true;
            if chars_decoded < chars_to_skip {
                return Err(raise(exc::os_error(), "can't reconstruct logical file position"));
            }
        }
        cookie.bytes_to_feed = bytes_fed;
        cookie.chars_to_skip = chars_to_skip;
        build_cookie(&cookie)
    })();
    dec_setstate(op, &saved.0, saved.1)?;
    r
}

unsafe fn textio_seek(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let whence = match a.get(1) {
        Some(&w) => crate::protocol::number::c_int_arg(w)?,
        None => 0,
    };
    tio(op)?;
    check_closed(op)?;
    if !tio(op)?.seekable {
        return Err(unsupported("underlying stream is not seekable"));
    }
    let mut cookie_obj = Obj::from_borrowed(a[0]);
    let zero = int(0);
    let is_zero = |o: &Obj| proto::rich_compare_bool(o.as_ptr(), zero.as_ptr(), Py_EQ);
    match whence {
        1 => {
            if !is_zero(&cookie_obj)? {
                return Err(unsupported("can't do nonzero cur-relative seeks"));
            }
            cookie_obj = call(op, "tell", &[])?;
        }
        2 => {
            if !is_zero(&cookie_obj)? {
                return Err(unsupported("can't do nonzero end-relative seeks"));
            }
            call(op, "flush", &[])?;
            forget_decoded(op)?;
            let two = int(2);
            let res = call(buffer(op)?.as_ptr(), "seek", &[zero.as_ptr(), two.as_ptr()])?;
            if tio(op)?.enc.is_some() {
                enc_reset(op, is_zero(&res)?)?;
            }
            return Ok(res);
        }
        0 => {}
        _ => return Err(raise(exc::value_error(), format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
    }
    if !long::check(cookie_obj.as_ptr()) {
        let i = crate::protocol::number::index(cookie_obj.as_ptr())?;
        cookie_obj = i;
    }
    if proto::rich_compare_bool(cookie_obj.as_ptr(), zero.as_ptr(), Py_LT)? {
        return Err(raise(exc::value_error(), format!("negative seek position {}", proto::repr_string(cookie_obj.as_ptr())?)));
    }
    call(op, "flush", &[])?;
    let c = parse_cookie(cookie_obj.as_ptr())?;
    let sp = int(c.start_pos);
    call(buffer(op)?.as_ptr(), "seek", &[sp.as_ptr()])?;
    let t = tio(op)?;
    t.decoded.clear();
    t.used = 0;
    t.snapshot = None;
    if t.dec.is_some() {
        dec_set_cookie(op, c.start_pos, c.dec_flags)?;
        tio(op)?.snapshot = Some((c.dec_flags, Vec::new()));
    }
    if c.chars_to_skip > 0 {
        let n = int(c.bytes_to_feed);
        let chunk = call(buffer(op)?.as_ptr(), "read", &[n.as_ptr()])?;
        if !bytes::check(chunk.as_ptr()) {
            return Err(raise(exc::type_error(), format!("underlying read() should have returned a bytes object, not '{}'", full_name(type_of(chunk.as_ptr())))));
        }
        let input = bytes::as_slice(chunk.as_ptr()).to_vec();
        let out = decode(op, &input, c.need_eof)?;
        let t = tio(op)?;
        t.snapshot = Some((c.dec_flags, input));
        if (out.len() as i64) < c.chars_to_skip {
            return Err(raise(exc::os_error(), "can't restore logical file position"));
        }
        t.decoded = out;
        t.used = c.chars_to_skip as usize;
    }
    if tio(op)?.enc.is_some() {
        enc_reset(op, is_zero(&cookie_obj)?)?;
    }
    Ok(cookie_obj)
}

// ---- the rest ------------------------------------------------------------------------------

unsafe fn textio_flush(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    tio(op)?;
    check_closed(op)?;
    let t = tio(op)?;
    t.telling = t.seekable;
    write_flush(op)?;
    call(buffer(op)?.as_ptr(), "flush", &[])
}

unsafe fn textio_close(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let buf = buffer(op)?;
    if attr_closed(op)? {
        return Ok(none());
    }
    if io(op).finalizing != 0 && proto::lookup_attr(buf.as_ptr(), str_::intern("_dealloc_warn")?)?.is_some() {
        if call(buf.as_ptr(), "_dealloc_warn", &[op]).is_err() {
            crate::err::clear();
        }
    }
    let flushed = call(op, "flush", &[]);
    let saved = if flushed.is_err() { Some(crate::err::fetch()) } else { None };
    let r = call(buf.as_ptr(), "close", &[]);
    if let Some(saved) = saved {
        return Err(chain_errors(saved));
    }
    r
}

unsafe fn textio_detach(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    tio(op)?;
    call(op, "flush", &[])?;
    let t = tio(op)?;
    let b = std::mem::replace(&mut t.buffer, none());
    t.detached = true;
    Ok(b)
}

unsafe fn on_buffer(op: *mut PyObject, meth: &str) -> PyResult<Obj> {
    call(buffer(op)?.as_ptr(), meth, &[])
}

unsafe fn textio_fileno(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    on_buffer(op, "fileno")
}
unsafe fn textio_seekable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    on_buffer(op, "seekable")
}
unsafe fn textio_readable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    on_buffer(op, "readable")
}
unsafe fn textio_writable(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    on_buffer(op, "writable")
}
unsafe fn textio_isatty(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    on_buffer(op, "isatty")
}

unsafe fn textio_truncate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    tio(op)?;
    call(op, "flush", &[])?;
    let pos = a.first().copied().unwrap_or(crate::objects::noneobject::none());
    call(buffer(op)?.as_ptr(), "truncate", &[pos])
}

/// `reconfigure(*, encoding, errors, newline, line_buffering, write_through)`.
unsafe extern "C" fn textio_reconfigure(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let nargs = (n as usize) & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        if nargs > 0 {
            return Err(raise(exc::type_error(), "reconfigure() takes no positional arguments"));
        }
        let names = ["encoding", "errors", "newline", "line_buffering", "write_through"];
        let a = super::io_module::fast_bind("reconfigure", args, n as usize, kwnames, &names, 0)?;
        tio(op)?;
        let encoding = super::io_module::opt_str("reconfigure", "encoding", a[0])?;
        let errors = super::io_module::opt_str("reconfigure", "errors", a[1])?;
        let newline_given = a[2].is_some();
        let newline = if newline_given { newline_arg("reconfigure", a[2])? } else { None };
        let t = tio(op)?;
        if t.dec.is_some() && (encoding.is_some() || errors.is_some() || newline_given) && t.snapshot.is_some() {
            return Err(unsupported("It is not possible to set the encoding or newline of stream after the first read"));
        }
        let opt_bool = |v: Option<*mut PyObject>| -> PyResult<Option<bool>> {
            match v {
                None => Ok(None),
                Some(v) if is_none(v) => Ok(None),
                Some(v) => Ok(Some(proto::is_true(v)?)),
            }
        };
        let line_buffering = opt_bool(a[3])?;
        let write_through = opt_bool(a[4])?;
        call(op, "flush", &[])?;
        let t = tio(op)?;
        if encoding.is_some() || errors.is_some() {
            let new_errors = match (&encoding, &errors) {
                (_, Some(e)) => e.clone(),
                (Some(_), None) => "strict".to_owned(),
                (None, None) => t.errors.clone(),
            };
            let enc_obj = match encoding.as_deref() {
                None => t.encoding.clone(),
                Some("locale") => str_::from_str(&locale_codeset())?,
                Some(e) => str_::from_str(e)?,
            };
            let had_dec = t.dec.is_some();
            let had_enc = t.enc.is_some();
            let dec = if had_dec { Some(make_decoder(&enc_obj, &new_errors)?) } else { None };
            let enc = if had_enc { Some(make_encoder(&enc_obj, &new_errors)?) } else { None };
            let t = tio(op)?;
            t.encoding = enc_obj;
            t.errors = new_errors;
            t.dec = dec;
            t.enc = enc;
        }
        let t = tio(op)?;
        if newline_given {
            set_newline(t, newline.as_deref());
            t.nl = if t.dec.is_some() && t.readuniversal { Some(NlCore { translate: t.readtranslate, ..NlCore::default() }) } else { None };
        }
        if let Some(v) = line_buffering {
            t.line_buffering = v;
        }
        if let Some(v) = write_through {
            t.write_through = v;
        }
        Ok(none())
    })
}

/// `encoding`, `line_buffering` and `write_through` are members in CPython: readable
/// before `__init__` (None, False) and after `detach`.
unsafe fn textio_encoding(op: *mut PyObject) -> PyResult<Obj> {
    match state(op) {
        Some(State::Text(t)) => Ok(t.encoding.clone()),
        _ => Ok(none()),
    }
}
unsafe fn textio_errors(op: *mut PyObject) -> PyResult<Obj> {
    match state(op) {
        Some(State::Text(t)) => str_::from_str(&t.errors),
        _ => Err(uninitialized()),
    }
}
/// A member in CPython: None once detached.
unsafe fn textio_buffer(op: *mut PyObject) -> PyResult<Obj> {
    match state(op) {
        Some(State::Text(t)) => Ok(t.buffer.clone()),
        _ => Ok(none()),
    }
}
unsafe fn textio_line_buffering(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(matches!(state(op), Some(State::Text(t)) if t.line_buffering)))
}
unsafe fn textio_write_through(op: *mut PyObject) -> PyResult<Obj> {
    Ok(boolean(matches!(state(op), Some(State::Text(t)) if t.write_through)))
}
unsafe fn textio_closed(op: *mut PyObject) -> PyResult<Obj> {
    proto::getattr_str(buffer(op)?.as_ptr(), "closed")
}
unsafe fn textio_name(op: *mut PyObject) -> PyResult<Obj> {
    proto::getattr_str(buffer(op)?.as_ptr(), "name")
}
unsafe fn textio_newlines(op: *mut PyObject) -> PyResult<Obj> {
    match &tio(op)?.nl {
        Some(nl) => nl.newlines(),
        None => Ok(none()),
    }
}
unsafe fn textio_chunk_size(op: *mut PyObject) -> PyResult<Obj> {
    Ok(int(tio(op)?.chunk_size as i64))
}

unsafe extern "C" fn textio_set_chunk_size(op: *mut PyObject, v: *mut PyObject, _: *mut std::ffi::c_void) -> c_int {
    crate::guard::catch_int(|| {
        tio(op)?;
        if v.is_null() {
            return Err(raise(exc::attribute_error(), "cannot delete attribute"));
        }
        let n = crate::protocol::number::as_ssize_t_exc(v, exc::overflow_error())?;
        if n <= 0 {
            return Err(raise(exc::value_error(), "a strictly positive integer is required"));
        }
        tio(op)?.chunk_size = n as usize;
        Ok(())
    })
}

unsafe extern "C" fn textio_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if state(op).is_none() {
            return Err(uninitialized());
        }
        let tn = full_name(type_of(op));
        if proto::repr_enter(op) {
            return Err(raise(exc::runtime_error(), format!("reentrant call inside {tn}.__repr__")));
        }
        let r = (|| -> PyResult<String> {
            let mut s = format!("<{tn}");
            for attr in ["name", "mode"] {
                match proto::lookup_attr(op, str_::intern(attr)?) {
                    Ok(Some(v)) => s.push_str(&format!(" {attr}={}", proto::repr_string(v.as_ptr())?)),
                    Ok(None) => {}
                    Err(e) => {
                        if !crate::err::exception_matches(exc::exception()) {
                            return Err(e);
                        }
                        crate::err::clear();
                    }
                }
            }
            let enc = textio_encoding(op)?;
            s.push_str(&format!(" encoding={}>", proto::repr_string(enc.as_ptr())?));
            Ok(s)
        })();
        proto::repr_leave(op);
        str_::from_str(&r?)
    })
}

io_methods!(TEXTIO_METHODS {
    c"detach" => textio_detach(),
    c"reconfigure" => textio_reconfigure{kw},
    c"write" => textio_write(1, 1),
    c"read" => textio_read(1, 0),
    c"readline" => textio_readline(1, 0),
    c"flush" => textio_flush(),
    c"close" => textio_close(),
    c"fileno" => textio_fileno(),
    c"seekable" => textio_seekable(),
    c"readable" => textio_readable(),
    c"writable" => textio_writable(),
    c"isatty" => textio_isatty(),
    c"seek" => textio_seek(2, 1),
    c"tell" => textio_tell(),
    c"truncate" => textio_truncate(1, 0),
});

io_getters!(TEXTIO_GETSET {
    c"encoding" => textio_encoding,
    c"buffer" => textio_buffer,
    c"line_buffering" => textio_line_buffering,
    c"write_through" => textio_write_through,
    c"closed" => textio_closed,
    c"name" => textio_name,
    c"newlines" => textio_newlines,
    c"errors" => textio_errors,
    c"_CHUNK_SIZE" => textio_chunk_size,
    c"_finalizing" => finalizing,
});

io_type!(TEXTIOWRAPPER_TYPE, c"_io.TextIOWrapper", &raw mut TEXTIOBASE_TYPE, (&raw mut TEXTIO_METHODS) as *mut PyMethodDef, (&raw mut TEXTIO_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(textio_init),
    tp_repr: Some(textio_repr), tp_iternext: Some(textio_iternext),
    tp_doc: c"Character and line based layer over a BufferedIOBase object, buffer.".as_ptr());

/// `_CHUNK_SIZE` and `_finalizing` are settable.
pub unsafe fn prepare() {
    add_setter((&raw mut TEXTIO_GETSET) as *mut PyGetSetDef, c"_CHUNK_SIZE", Some(textio_set_chunk_size));
    finalizing_writable((&raw mut TEXTIO_GETSET) as *mut PyGetSetDef);
}
