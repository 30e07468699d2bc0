//! Newline handling shared by StringIO and TextIOWrapper (CPython's textio.c):
//! `_io.IncrementalNewlineDecoder`, its Rust core `NlCore` (pending `\r`, the kinds of
//! newline seen, translation to `\n`), and `find_line_ending`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the state accessors rely on the objects being decoder instances.

use super::io_iobase::*;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject;
use crate::objects::{longobject as long, tupleobject as tuple, unicodeobject as str_};
use std::ffi::c_int;

pub const SEEN_LF: u8 = 1;
pub const SEEN_CR: u8 = 2;
pub const SEEN_CRLF: u8 = 4;

#[derive(Clone, Default)]
pub struct NlCore {
    pub translate: bool,
    pub pendingcr: bool,
    pub seennl: u8,
}

impl NlCore {
    /// Decodes one chunk of already-decoded text: carries a final `\r` to the next call
    /// (unless `fin`), notes the newlines seen, translates them to `\n` if asked.
    pub fn feed(&mut self, mut text: Vec<u32>, fin: bool) -> Vec<u32> {
        if self.pendingcr && (fin || !text.is_empty()) {
            text.insert(0, '\r' as u32);
            self.pendingcr = false;
        }
        if !fin && text.last() == Some(&('\r' as u32)) {
            text.pop();
            self.pendingcr = true;
        }
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                0x0a => self.seennl |= SEEN_LF,
                0x0d if text.get(i + 1) == Some(&0x0a) => {
                    self.seennl |= SEEN_CRLF;
                    i += 1;
                }
                0x0d => self.seennl |= SEEN_CR,
                _ => {}
            }
            i += 1;
        }
        if !self.translate {
            return text;
        }
        let mut out = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let c = text[i];
            if c == 0x0d {
                out.push(0x0a);
                if text.get(i + 1) == Some(&0x0a) {
                    i += 1;
                }
            } else {
                out.push(c);
            }
            i += 1;
        }
        out
    }

    /// The `newlines` attribute: None, one string, or a tuple of them.
    pub unsafe fn newlines(&self) -> PyResult<Obj> {
        let mut names = Vec::new();
        if self.seennl & SEEN_CR != 0 {
            names.push(str_::from_str("\r")?);
        }
        if self.seennl & SEEN_LF != 0 {
            names.push(str_::from_str("\n")?);
        }
        if self.seennl & SEEN_CRLF != 0 {
            names.push(str_::from_str("\r\n")?);
        }
        match names.len() {
            0 => Ok(none()),
            1 => Ok(names.pop().expect("one name")),
            _ => tuple::from_vec(names),
        }
    }
}

/// CPython's `_PyIO_find_line_ending`: the end of the first line in `s` (after its line
/// ending), or None. `translated`: only `\n`; `universal`: `\r`, `\n`, `\r\n`; else `readnl`.
pub fn find_line_ending(translated: bool, universal: bool, readnl: &[u32], s: &[u32]) -> Option<usize> {
    if translated {
        return s.iter().position(|&c| c == 0x0a).map(|i| i + 1);
    }
    if universal {
        let i = s.iter().position(|&c| c == 0x0a || c == 0x0d)?;
        if s[i] == 0x0d && s.get(i + 1) == Some(&0x0a) {
            return Some(i + 2);
        }
        return Some(i + 1);
    }
    if readnl.is_empty() {
        return None;
    }
    s.windows(readnl.len()).position(|w| w == readnl).map(|i| i + readnl.len())
}

/// The code points of a str.
pub unsafe fn chars(s: *mut PyObject) -> Vec<u32> {
    str_::code_points(s).collect()
}

pub unsafe fn text(cps: &[u32]) -> PyResult<Obj> {
    str_::from_code_points(cps)
}

/// The `newline` argument: None, or one of '', '\n', '\r', '\r\n'.
pub unsafe fn newline_arg(v: Option<*mut PyObject>, default: Option<&str>) -> PyResult<Option<String>> {
    let v = match v {
        None => return Ok(default.map(str::to_owned)),
        Some(v) if is_none(v) => return Ok(None),
        Some(v) => v,
    };
    if !str_::check(v) {
        return Err(raise(exc::type_error(), format!("newline must be str or None, not {}", typeobject::full_name(type_of(v)))));
    }
    let s = str_::as_str(v)?.to_owned();
    if !matches!(s.as_str(), "" | "\n" | "\r" | "\r\n") {
        return Err(raise(exc::value_error(), format!("illegal newline value: {}", str_::repr_string(v))));
    }
    Ok(Some(s))
}

// ---- _io.IncrementalNewlineDecoder ---------------------------------------------------------

pub struct NlDecoder {
    pub decoder: Obj,
    pub errors: Obj,
    pub core: NlCore,
}

impl NlDecoder {
    pub fn objects(&self) -> Vec<*mut PyObject> {
        vec![self.decoder.as_ptr(), self.errors.as_ptr()]
    }
}

unsafe fn dec<'a>(op: *mut PyObject) -> PyResult<&'a mut NlDecoder> {
    match state(op) {
        Some(State::NlDecoder(d)) => Ok(d),
        _ => Err(raise(exc::value_error(), "IncrementalNewlineDecoder.__init__() not called")),
    }
}

unsafe extern "C" fn nldec_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let a = crate::protocol::args::bind("IncrementalNewlineDecoder", args, kwds, &["decoder", "translate", "errors"], 2)?;
        let translate = crate::protocol::object::is_true(a[1].expect("required"))?;
        let errors = match a[2] {
            Some(e) => Obj::from_borrowed(e),
            None => str_::from_str("strict")?,
        };
        let core = NlCore { translate, ..NlCore::default() };
        set_state(op, State::NlDecoder(NlDecoder { decoder: Obj::from_borrowed(a[0].expect("required")), errors, core }));
        Ok(())
    })
}

/// `decode(input, final=False)`.
unsafe fn nldec_decode_impl(op: *mut PyObject, input: *mut PyObject, fin: bool) -> PyResult<Obj> {
    let inner = dec(op)?.decoder.clone();
    let output = if is_none(inner.as_ptr()) {
        Obj::from_borrowed(input)
    } else {
        let f = boolean(fin);
        let kw = crate::objects::dictobject::new()?;
        crate::objects::dictobject::set_item_str(kw.as_ptr(), "final", f.as_ptr())?;
        let m = crate::protocol::object::getattr_str(inner.as_ptr(), "decode")?;
        let args = tuple::pack(&[input])?;
        crate::protocol::call::call(m.as_ptr(), args.as_ptr(), kw.as_ptr())?
    };
    if !str_::check(output.as_ptr()) {
        return Err(raise(exc::type_error(), format!("decoder should return a string result, not '{}'", typeobject::full_name(type_of(output.as_ptr())))));
    }
    let out = dec(op)?.core.feed(chars(output.as_ptr()), fin);
    text(&out)
}

unsafe extern "C" fn nldec_decode(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::with_vectorcall(args, n as usize, kwnames, |sp| {
            let mut input = sp.pos.first().copied();
            let mut fin = sp.pos.get(1).copied();
            crate::protocol::args::check_positional("decode", sp.pos.len(), 0, 2)?;
            for (k, v) in sp.names.iter().zip(sp.values) {
                match str_::as_str(*k)? {
                    "input" if input.is_none() => input = Some(*v),
                    "final" if fin.is_none() => fin = Some(*v),
                    other => return Err(raise(exc::type_error(), format!("'{other}' is an invalid keyword argument for decode()"))),
                }
            }
            let input = input.ok_or_else(|| raise(exc::type_error(), "decode() missing required argument 'input' (pos 1)"))?;
            let fin = match fin {
                Some(f) => crate::protocol::object::is_true(f)?,
                None => false,
            };
            nldec_decode_impl(op, input, fin)
        })
    })
}

unsafe fn nldec_getstate(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let d = dec(op)?;
    let (buf, mut flag) = if is_none(d.decoder.as_ptr()) {
        (bytes_obj(b"")?, 0i64)
    } else {
        let st = call(d.decoder.as_ptr(), "getstate", &[])?;
        if !tuple::check(st.as_ptr()) || tuple::items(st.as_ptr()).len() != 2 {
            return Err(raise(exc::type_error(), "illegal decoder state"));
        }
        let it = tuple::items(st.as_ptr());
        let f = long::as_c_long(it[1])?;
        (Obj::from_borrowed(it[0]), f)
    };
    flag <<= 1;
    if dec(op)?.core.pendingcr {
        flag |= 1;
    }
    let f = int(flag);
    tuple::pack(&[buf.as_ptr(), f.as_ptr()])
}

unsafe fn nldec_setstate(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let st = a[0];
    if !tuple::check(st) {
        return Err(raise(exc::type_error(), "state argument must be a tuple"));
    }
    let it = tuple::items(st);
    if it.len() != 2 {
        return Err(raise(exc::type_error(), format!("setstate expected 2 arguments, got {}", it.len())));
    }
    let flag = long::as_c_long(it[1])?;
    let d = dec(op)?;
    d.core.pendingcr = flag & 1 != 0;
    if !is_none(d.decoder.as_ptr()) {
        let f = int(flag >> 1);
        let t = tuple::pack(&[it[0], f.as_ptr()])?;
        call(d.decoder.as_ptr(), "setstate", &[t.as_ptr()])?;
    }
    Ok(none())
}

unsafe fn nldec_reset(op: *mut PyObject, _: &[*mut PyObject]) -> PyResult<Obj> {
    let d = dec(op)?;
    d.core.seennl = 0;
    d.core.pendingcr = false;
    if !is_none(d.decoder.as_ptr()) {
        call(d.decoder.as_ptr(), "reset", &[])?;
    }
    Ok(none())
}

unsafe fn nldec_newlines(op: *mut PyObject) -> PyResult<Obj> {
    dec(op)?.core.newlines()
}

io_methods!(NLDEC_METHODS {
    c"decode" => nldec_decode{kw},
    c"getstate" => nldec_getstate(),
    c"setstate" => nldec_setstate(1, 1),
    c"reset" => nldec_reset(),
});

io_getters!(NLDEC_GETSET { c"newlines" => nldec_newlines });

io_type!(NLDEC_TYPE, c"_io.IncrementalNewlineDecoder", std::ptr::null_mut(), (&raw mut NLDEC_METHODS) as *mut PyMethodDef, (&raw mut NLDEC_GETSET) as *mut PyGetSetDef,
    Some(generic_new), Some(nldec_init),
    tp_doc: c"Codec used when reading a file in universal newlines mode.".as_ptr());

