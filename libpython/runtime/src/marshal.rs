//! marshal (Python/marshal.c): the `.pyc` object format, versions 0 to 4, with object
//! references (FLAG_REF / TYPE_REF) from version 3. Bad data raises CPython's exceptions.

use crate::err::{raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::codeobject::{self as code, CodeFields};
use crate::objects::{
    boolobject, bytesobject as bytes, dictobject as dict, float_format, floatobject as float, listobject as list,
    longobject as long, noneobject, setobject as set, sliceobject, tupleobject as tuple, unicodeobject as str_,
};
use std::collections::HashMap;
use std::ffi::c_int;

pub const VERSION: c_int = 4;
const MAX_DEPTH: u32 = 2000;
const FLAG_REF: u8 = 0x80;
const SIZE32_MAX: i64 = 0x7fff_ffff;

const TYPE_NULL: u8 = b'0';
const TYPE_NONE: u8 = b'N';
const TYPE_FALSE: u8 = b'F';
const TYPE_TRUE: u8 = b'T';
const TYPE_STOPITER: u8 = b'S';
const TYPE_ELLIPSIS: u8 = b'.';
const TYPE_INT: u8 = b'i';
const TYPE_INT64: u8 = b'I';
const TYPE_FLOAT: u8 = b'f';
const TYPE_BINARY_FLOAT: u8 = b'g';
const TYPE_COMPLEX: u8 = b'x';
const TYPE_BINARY_COMPLEX: u8 = b'y';
const TYPE_LONG: u8 = b'l';
const TYPE_STRING: u8 = b's';
const TYPE_INTERNED: u8 = b't';
const TYPE_REF: u8 = b'r';
const TYPE_TUPLE: u8 = b'(';
const TYPE_LIST: u8 = b'[';
const TYPE_DICT: u8 = b'{';
const TYPE_CODE: u8 = b'c';
const TYPE_UNICODE: u8 = b'u';
const TYPE_UNKNOWN: u8 = b'?';
const TYPE_SET: u8 = b'<';
const TYPE_FROZENSET: u8 = b'>';
const TYPE_ASCII: u8 = b'a';
const TYPE_ASCII_INTERNED: u8 = b'A';
const TYPE_SMALL_TUPLE: u8 = b')';
const TYPE_SHORT_ASCII: u8 = b'z';
const TYPE_SHORT_ASCII_INTERNED: u8 = b'Z';

/// A loaded object, or `None` for CPython's "NULL without an exception" (TYPE_NULL, which
/// ends dicts and is an error elsewhere).
type Load = PyResult<Option<Obj>>;

fn eof_object() -> ErrSet {
    raise(exc::eof_error(), "EOF read where object expected")
}

/// A one-byte length missing at the end of the data (CPython 3.11.7's r_byte).
fn eof_byte() -> ErrSet {
    raise(exc::eof_error(), "EOF read where not expected")
}

fn bad(what: &str) -> ErrSet {
    raise(exc::value_error(), format!("bad marshal data ({what})"))
}

/// The reader state (CPython's RFILE over a buffer).
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    depth: u32,
    /// Objects stored with FLAG_REF; `None` marks a slot reserved for an object under construction.
    refs: Vec<Option<Obj>>,
}

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data, pos: 0, depth: 0, refs: Vec::new() }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    fn byte(&mut self) -> Option<u8> {
        let b = self.data.get(self.pos).copied();
        if b.is_some() {
            self.pos += 1;
        }
        b
    }

    fn string(&mut self, n: usize) -> PyResult<&'a [u8]> {
        if self.data.len() - self.pos < n {
            return Err(raise(exc::eof_error(), "marshal data too short"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn long(&mut self) -> PyResult<i32> {
        Ok(i32::from_le_bytes(self.string(4)?.try_into().unwrap_or([0; 4])))
    }

    pub fn short(&mut self) -> PyResult<i16> {
        Ok(i16::from_le_bytes(self.string(2)?.try_into().unwrap_or([0; 2])))
    }

    fn size(&mut self, what: &str) -> PyResult<usize> {
        let n = self.long()?;
        if n < 0 {
            return Err(bad(&format!("{what} size out of range")));
        }
        Ok(n as usize)
    }

    fn remember(&mut self, flag: bool, o: Obj) -> Obj {
        if flag {
            self.refs.push(Some(o.clone()));
        }
        o
    }

    fn reserve(&mut self, flag: bool) -> PyResult<usize> {
        if !flag {
            return Ok(0);
        }
        if self.refs.len() >= 0x7fff_fffe {
            return Err(bad("index list too large"));
        }
        self.refs.push(None);
        Ok(self.refs.len() - 1)
    }

    fn fill(&mut self, flag: bool, idx: usize, o: &Obj) {
        if flag {
            self.refs[idx] = Some(o.clone());
        }
    }

    /// r_object: one object. Kept small, with the bulky cases in their own functions, so
    /// that 2000 levels of nesting fit in a thread's stack.
    pub unsafe fn object(&mut self) -> Load {
        let Some(code) = self.byte() else { return Err(eof_object()) };
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            return Err(raise(exc::value_error(), "recursion limit exceeded"));
        }
        let r = self.typed(code & !FLAG_REF, code & FLAG_REF != 0);
        self.depth -= 1;
        r
    }

    unsafe fn typed(&mut self, ty: u8, flag: bool) -> Load {
        let singleton = match ty {
            TYPE_NULL => return Ok(None),
            TYPE_NONE => noneobject::none(),
            TYPE_STOPITER => exc::stop_iteration(),
            TYPE_ELLIPSIS => sliceobject::ellipsis(),
            TYPE_FALSE => boolobject::false_(),
            TYPE_TRUE => boolobject::true_(),
            TYPE_TUPLE | TYPE_SMALL_TUPLE => return self.tuple(ty, flag),
            TYPE_LIST => return self.list(flag),
            TYPE_DICT => return self.dict(flag),
            TYPE_SET | TYPE_FROZENSET => return self.set(ty, flag),
            TYPE_CODE => return self.code(flag),
            TYPE_REF => return self.reference().map(Some),
            _ => return self.scalar(ty, flag).map(|o| Some(self.remember(flag, o))),
        };
        Ok(Some(Obj::from_borrowed(singleton)))
    }

    /// Numbers, bytes and str: objects without children.
    unsafe fn scalar(&mut self, ty: u8, _flag: bool) -> PyResult<Obj> {
        match ty {
            TYPE_INT => Ok(long::from_i64(self.long()? as i64)),
            TYPE_INT64 => Ok(long::from_i64(i64::from_le_bytes(self.string(8)?.try_into().unwrap_or([0; 8])))),
            TYPE_LONG => self.pylong(),
            TYPE_FLOAT => float::from_f64(self.float_str()?),
            TYPE_BINARY_FLOAT => float::from_f64(self.float_bin()?),
            TYPE_COMPLEX => {
                let re = self.float_str()?;
                let im = self.float_str()?;
                crate::objects::complexobject::from_parts(re, im)
            }
            TYPE_BINARY_COMPLEX => {
                let re = self.float_bin()?;
                let im = self.float_bin()?;
                crate::objects::complexobject::from_parts(re, im)
            }
            TYPE_STRING => {
                let n = self.size("bytes object")?;
                bytes::from_slice(self.string(n)?)
            }
            TYPE_ASCII | TYPE_ASCII_INTERNED | TYPE_SHORT_ASCII | TYPE_SHORT_ASCII_INTERNED => {
                let n = if ty == TYPE_ASCII || ty == TYPE_ASCII_INTERNED {
                    self.size("string")?
                } else {
                    self.byte().ok_or_else(eof_byte)? as usize
                };
                // CPython reads these as Latin-1, without checking for ASCII.
                let cps: Vec<u32> = self.string(n)?.iter().map(|&b| b as u32).collect();
                let s = str_::from_code_points(&cps)?;
                Ok(intern_if(s, ty == TYPE_ASCII_INTERNED || ty == TYPE_SHORT_ASCII_INTERNED))
            }
            TYPE_UNICODE | TYPE_INTERNED => {
                let n = self.size("string")?;
                let s = decode_utf8_surrogatepass(self.string(n)?)?;
                Ok(intern_if(s, ty == TYPE_INTERNED))
            }
            _ => Err(bad("unknown type code")),
        }
    }

    fn float_bin(&mut self) -> PyResult<f64> {
        Ok(f64::from_le_bytes(self.string(8)?.try_into().unwrap_or([0; 8])))
    }

    fn float_str(&mut self) -> PyResult<f64> {
        let n = self.byte().ok_or_else(eof_byte)? as usize;
        let raw = self.string(n)?;
        // The C code parses up to the first NUL.
        let text = raw.split(|&b| b == 0).next().unwrap_or(&[]);
        let text = String::from_utf8_lossy(text);
        text.parse::<f64>()
            .map_err(|_| raise(exc::value_error(), format!("could not convert string to float: '{text}'")))
    }

    /// r_PyLong: sign and count of 15-bit digits, least significant first.
    unsafe fn pylong(&mut self) -> PyResult<Obj> {
        let n = self.long()? as i64;
        if n == 0 {
            return Ok(long::from_i64(0));
        }
        if !(-SIZE32_MAX..=SIZE32_MAX).contains(&n) {
            return Err(bad("long size out of range"));
        }
        let count = n.unsigned_abs() as usize;
        let mut mag: Vec<digit> = Vec::with_capacity(count.min(self.data.len()) / 2 + 1);
        let (mut acc, mut bits) = (0u64, 0u32);
        for j in 0..count {
            let md = self.short()?;
            if !(0..=(1 << 15)).contains(&(md as i32)) {
                return Err(bad("digit out of range in long"));
            }
            if md == 0 && j == count - 1 {
                return Err(bad("unnormalized long data"));
            }
            acc += (md as u64) << bits;
            bits += 15;
            if bits >= PyLong_SHIFT {
                mag.push((acc & ((1 << PyLong_SHIFT) - 1)) as digit);
                acc >>= PyLong_SHIFT;
                bits -= PyLong_SHIFT;
            }
        }
        while acc != 0 {
            mag.push((acc & ((1 << PyLong_SHIFT) - 1)) as digit);
            acc >>= PyLong_SHIFT;
        }
        long::from_digits(n < 0, &mag)
    }

    unsafe fn reference(&mut self) -> PyResult<Obj> {
        let n = self.long()?;
        match usize::try_from(n).ok().and_then(|i| self.refs.get(i)) {
            Some(Some(o)) => Ok(o.clone()),
            _ => Err(bad("invalid reference")),
        }
    }

    unsafe fn tuple(&mut self, ty: u8, flag: bool) -> Load {
        let n = if ty == TYPE_SMALL_TUPLE {
            self.byte().ok_or_else(eof_byte)? as usize
        } else {
            self.size("tuple")?
        };
        if n > self.data.len() - self.pos {
            // Too few bytes left for n items: collect them without preallocating n slots;
            // reading must fail before the tuple is complete.
            let idx = self.reserve(flag)?;
            let mut items = Vec::new();
            for _ in 0..n {
                items.push(self.item("tuple")?);
            }
            let t = tuple::from_vec(items)?;
            self.fill(flag, idx, &t);
            return Ok(Some(t));
        }
        // Filled with None first, so a reference to the tuple from inside never sees NULL.
        let t = tuple::new(n as isize)?;
        for i in 0..n {
            tuple::set_item_steal(t.as_ptr(), i as isize, noneobject::new_none());
        }
        let t = self.remember(flag, t);
        for i in 0..n {
            let v = self.item("tuple")?;
            xsetref(tuple::items_ptr(t.as_ptr()).add(i), v.into_ptr());
        }
        Ok(Some(t))
    }

    /// A container item: NULL is an error here.
    unsafe fn item(&mut self, what: &str) -> PyResult<Obj> {
        match self.object()? {
            Some(o) => Ok(o),
            None => Err(raise(exc::type_error(), format!("NULL object in marshal data for {what}"))),
        }
    }

    unsafe fn list(&mut self, flag: bool) -> Load {
        let n = self.size("list")?;
        let l = self.remember(flag, list::new(0)?);
        for _ in 0..n {
            let v = self.item("list")?;
            list::append(l.as_ptr(), v.as_ptr())?;
        }
        Ok(Some(l))
    }

    unsafe fn dict(&mut self, flag: bool) -> Load {
        let d = self.remember(flag, dict::new()?);
        loop {
            let Some(k) = self.object()? else { break };
            let Some(v) = self.object()? else { break };
            dict::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr())?;
        }
        Ok(Some(d))
    }

    unsafe fn set(&mut self, ty: u8, flag: bool) -> Load {
        let n = self.size("set")?;
        if n == 0 && ty == TYPE_FROZENSET {
            let s = set::new_frozenset(std::ptr::null_mut())?;
            return Ok(Some(self.remember(flag, s)));
        }
        // Frozensets are registered only once complete, as in CPython.
        let (s, idx) = if ty == TYPE_SET {
            (self.remember(flag, set::new_set(std::ptr::null_mut())?), 0)
        } else {
            (set::new_frozenset(std::ptr::null_mut())?, self.reserve(flag)?)
        };
        for _ in 0..n {
            let v = self.item("set")?;
            set::add(s.as_ptr(), v.as_ptr())?;
        }
        if ty == TYPE_FROZENSET {
            self.fill(flag, idx, &s);
        }
        Ok(Some(s))
    }

    unsafe fn code(&mut self, flag: bool) -> Load {
        let idx = self.reserve(flag)?;
        let mut ints = [0 as c_int; 5];
        for v in ints.iter_mut() {
            *v = self.long()?;
        }
        let mut objs: Vec<Obj> = Vec::with_capacity(10);
        // code .. qualname, then firstlineno, then linetable and exceptiontable.
        for _ in 0..8 {
            objs.push(self.item("code object")?);
        }
        let first = self.long()?;
        let co = self.code_rest(ints, first, &mut objs)?;
        let Some(co) = co else { return Ok(None) };
        self.fill(flag, idx, &co);
        Ok(Some(co))
    }

    /// The fields after firstlineno (linetable, exceptiontable), then the code object.
    unsafe fn code_rest(&mut self, ints: [c_int; 5], firstlineno: c_int, objs: &mut Vec<Obj>) -> Load {
        for _ in 0..2 {
            objs.push(self.item("code object")?);
        }
        let p: Vec<*mut PyObject> = objs.iter().map(|o| o.as_ptr()).collect();
        let f = CodeFields {
            argcount: ints[0],
            posonlyargcount: ints[1],
            kwonlyargcount: ints[2],
            stacksize: ints[3],
            flags: ints[4],
            firstlineno,
            code: p[0],
            consts: p[1],
            names: p[2],
            localsplusnames: p[3],
            localspluskinds: p[4],
            filename: p[5],
            name: p[6],
            qualname: p[7],
            linetable: p[8],
            exceptiontable: p[9],
        };
        code::new(&f).map(Some)
    }
}

unsafe fn intern_if(s: Obj, interned: bool) -> Obj {
    if !interned {
        return s;
    }
    let mut p = s.into_ptr();
    str_::intern_in_place(&mut p);
    Obj::from_owned_nonnull(p)
}

/// UTF-8 with the "surrogatepass" handler (encoded lone surrogates are accepted), raising
/// UnicodeDecodeError with CPython's reasons otherwise.
pub fn decode_utf8_surrogatepass(b: &[u8]) -> PyResult<Obj> {
    if let Ok(s) = std::str::from_utf8(b) {
        return str_::from_str(s);
    }
    let cont = |i: usize| b.get(i).is_some_and(|&c| (0x80..0xc0).contains(&c));
    let mut cps = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let (len, lo, hi) = match c {
            0..=0x7f => {
                cps.push(c as u32);
                i += 1;
                continue;
            }
            0xc2..=0xdf => (2, 0x80, 0xbf),
            0xe0 => (3, 0xa0, 0xbf),
            // 0xed includes the surrogates, which surrogatepass lets through.
            0xe1..=0xef => (3, 0x80, 0xbf),
            0xf0 => (4, 0x90, 0xbf),
            0xf1..=0xf3 => (4, 0x80, 0xbf),
            0xf4 => (4, 0x80, 0x8f),
            _ => return Err(crate::objects::exceptions::unicode_decode_error("utf-8", b, i, i + 1, "invalid start byte")),
        };
        for k in 1..len {
            let ok = match b.get(i + k) {
                None => {
                    return Err(crate::objects::exceptions::unicode_decode_error("utf-8", b, i, b.len(), "unexpected end of data"))
                }
                Some(&x) if k == 1 => (lo..=hi).contains(&x),
                Some(_) => cont(i + k),
            };
            if !ok {
                return Err(crate::objects::exceptions::unicode_decode_error("utf-8", b, i, i + k, "invalid continuation byte"));
            }
        }
        let mut cp = (c as u32) & (0x7f >> len);
        for k in 1..len {
            cp = (cp << 6) | (b[i + k] as u32 & 0x3f);
        }
        cps.push(cp);
        i += len;
    }
    // Safety: the code points are at most 0x10ffff.
    unsafe { str_::from_code_points(&cps) }
}

/// UTF-8 of a str, lone surrogates encoded as three bytes ("surrogatepass").
pub unsafe fn encode_utf8_surrogatepass(s: *mut PyObject) -> Vec<u8> {
    let mut out = Vec::with_capacity(str_::len(s) as usize);
    for cp in str_::code_points(s) {
        match cp {
            0..=0x7f => out.push(cp as u8),
            0x80..=0x7ff => out.extend_from_slice(&[0xc0 | (cp >> 6) as u8, 0x80 | (cp & 0x3f) as u8]),
            0x800..=0xffff => {
                out.extend_from_slice(&[0xe0 | (cp >> 12) as u8, 0x80 | ((cp >> 6) & 0x3f) as u8, 0x80 | (cp & 0x3f) as u8])
            }
            _ => out.extend_from_slice(&[
                0xf0 | (cp >> 18) as u8,
                0x80 | ((cp >> 12) & 0x3f) as u8,
                0x80 | ((cp >> 6) & 0x3f) as u8,
                0x80 | (cp & 0x3f) as u8,
            ]),
        }
    }
    out
}

/// marshal.loads: the first object in `data` (trailing bytes are ignored, as in CPython).
pub unsafe fn loads(data: &[u8]) -> PyResult<Obj> {
    let mut r = Reader::new(data);
    read_top(&mut r)
}

/// read_object: NULL without an exception becomes a TypeError.
pub unsafe fn read_top(r: &mut Reader) -> PyResult<Obj> {
    match r.object()? {
        Some(o) => Ok(o),
        None => Err(raise(exc::type_error(), "NULL object in marshal data for object")),
    }
}

// ---- writing ------------------------------------------------------------------------------

enum WErr {
    Unmarshallable,
    TooDeep,
    Raised,
}

impl From<ErrSet> for WErr {
    fn from(_: ErrSet) -> WErr {
        WErr::Raised
    }
}

type W = Result<(), WErr>;

struct Writer {
    buf: Vec<u8>,
    version: c_int,
    depth: u32,
    /// Objects already written with FLAG_REF, by address; `keep` holds them alive.
    table: HashMap<usize, u32>,
    keep: Vec<Obj>,
}

impl Writer {
    fn long(&mut self, x: i32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    fn size(&mut self, n: usize) -> W {
        if n as i64 > SIZE32_MAX {
            return Err(WErr::Unmarshallable);
        }
        self.long(n as i32);
        Ok(())
    }

    fn pstring(&mut self, b: &[u8]) -> W {
        self.size(b.len())?;
        self.buf.extend_from_slice(b);
        Ok(())
    }

    unsafe fn object(&mut self, v: *mut PyObject) -> W {
        self.depth += 1;
        let r = if self.depth > MAX_DEPTH { Err(WErr::TooDeep) } else { self.object_inner(v) };
        self.depth -= 1;
        r
    }

    unsafe fn object_inner(&mut self, v: *mut PyObject) -> W {
        let ty = if v.is_null() {
            TYPE_NULL
        } else if v == noneobject::none() {
            TYPE_NONE
        } else if v == exc::stop_iteration() {
            TYPE_STOPITER
        } else if v == sliceobject::ellipsis() {
            TYPE_ELLIPSIS
        } else if v == boolobject::false_() {
            TYPE_FALSE
        } else if v == boolobject::true_() {
            TYPE_TRUE
        } else {
            let mut flag = 0;
            if self.reference(v, &mut flag) {
                return Ok(());
            }
            return self.complex_object(v, flag);
        };
        self.buf.push(ty);
        Ok(())
    }

    /// w_ref: writes TYPE_REF for an object seen before, or marks a shared one with FLAG_REF.
    unsafe fn reference(&mut self, v: *mut PyObject, flag: &mut u8) -> bool {
        if self.version < 3 {
            return false;
        }
        if (*v).ob_refcnt == 1 && !(str_::check_exact(v) && str_::is_interned(v)) {
            return false;
        }
        if let Some(&w) = self.table.get(&(v as usize)) {
            self.buf.push(TYPE_REF);
            self.long(w as i32);
            return true;
        }
        self.table.insert(v as usize, self.table.len() as u32);
        self.keep.push(Obj::from_borrowed(v));
        *flag = FLAG_REF;
        false
    }

    unsafe fn complex_object(&mut self, v: *mut PyObject, flag: u8) -> W {
        if long::check_exact(v) {
            match long::as_i64(v) {
                Some(x) if i32::try_from(x).is_ok() => {
                    self.buf.push(TYPE_INT | flag);
                    self.long(x as i32);
                }
                _ => self.pylong(v, flag)?,
            }
        } else if float::check(v) && type_of(v) == float::float_type() {
            let x = float::value(v);
            if self.version > 1 {
                self.buf.push(TYPE_BINARY_FLOAT | flag);
                self.buf.extend_from_slice(&x.to_le_bytes());
            } else {
                self.buf.push(TYPE_FLOAT | flag);
                self.float_str(x)?;
            }
        } else if crate::objects::complexobject::check_exact(v) {
            let c = crate::objects::complexobject::value(v);
            if self.version > 1 {
                self.buf.push(TYPE_BINARY_COMPLEX | flag);
                self.buf.extend_from_slice(&c.real.to_le_bytes());
                self.buf.extend_from_slice(&c.imag.to_le_bytes());
            } else {
                self.buf.push(TYPE_COMPLEX | flag);
                self.float_str(c.real)?;
                self.float_str(c.imag)?;
            }
        } else if type_of(v) == bytes::bytes_type() {
            self.buf.push(TYPE_STRING | flag);
            self.pstring(bytes::as_slice(v))?;
        } else if str_::check_exact(v) {
            self.unicode(v, flag)?;
        } else if tuple::check_exact(v) {
            let items = tuple::items(v);
            if self.version >= 4 && items.len() < 256 {
                self.buf.push(TYPE_SMALL_TUPLE | flag);
                self.buf.push(items.len() as u8);
            } else {
                self.buf.push(TYPE_TUPLE | flag);
                self.size(items.len())?;
            }
            for &it in items {
                self.object(it)?;
            }
        } else if list::check_exact(v) {
            self.buf.push(TYPE_LIST | flag);
            let n = size_of_var(v);
            self.size(n as usize)?;
            // Index each time: writing cannot run Python code, but stay in bounds regardless.
            let mut i = 0;
            while i < size_of_var(v) && i < n {
                self.object(list::get_item(v, i))?;
                i += 1;
            }
        } else if dict::check_exact(v) {
            self.buf.push(TYPE_DICT | flag);
            for (k, val) in dict::entries(v) {
                self.object(k)?;
                self.object(val)?;
            }
            self.object(std::ptr::null_mut())?;
        } else if set::check_exact(v) || set::frozenset_check_exact(v) {
            self.set(v, flag)?;
        } else if code::check(v) {
            self.code(v, flag)?;
        } else if bytes::check(v) {
            self.buf.push(TYPE_STRING | flag);
            self.pstring(bytes::as_slice(v))?;
        } else if crate::protocol::buffer::has_buffer(v) {
            // Other bytes-like objects are written as bytes.
            let data = crate::protocol::buffer::Buffer::contiguous_copy(v)?;
            self.buf.push(TYPE_STRING | flag);
            self.pstring(&data)?;
        } else {
            self.buf.push(TYPE_UNKNOWN | flag);
            return Err(WErr::Unmarshallable);
        }
        Ok(())
    }

    unsafe fn pylong(&mut self, v: *mut PyObject, flag: u8) -> W {
        self.buf.push(TYPE_LONG | flag);
        let ds = long::digits(v);
        let mut shorts: Vec<u16> = Vec::with_capacity(ds.len() * 2);
        for (i, &d) in ds.iter().enumerate() {
            let (lo, hi) = ((d & 0x7fff) as u16, (d >> 15) as u16);
            shorts.push(lo);
            if i + 1 < ds.len() || hi != 0 {
                shorts.push(hi);
            }
        }
        if shorts.len() as i64 > SIZE32_MAX {
            return Err(WErr::Unmarshallable);
        }
        let n = shorts.len() as i32;
        self.long(if long::is_negative(v) { -n } else { n });
        for s in shorts {
            self.buf.extend_from_slice(&s.to_le_bytes());
        }
        Ok(())
    }

    unsafe fn float_str(&mut self, x: f64) -> W {
        let s = float_format::format(x, ".17g")?;
        let text = str_::as_str(s.as_ptr())?;
        self.buf.push(text.len() as u8);
        self.buf.extend_from_slice(text.as_bytes());
        Ok(())
    }

    unsafe fn unicode(&mut self, v: *mut PyObject, flag: u8) -> W {
        let interned = str_::is_interned(v);
        if self.version >= 4 && str_::is_ascii(v) {
            let text: Vec<u8> = str_::code_points(v).map(|c| c as u8).collect();
            if text.len() < 256 {
                self.buf.push(if interned { TYPE_SHORT_ASCII_INTERNED } else { TYPE_SHORT_ASCII } | flag);
                self.buf.push(text.len() as u8);
                self.buf.extend_from_slice(&text);
            } else {
                self.buf.push(if interned { TYPE_ASCII_INTERNED } else { TYPE_ASCII } | flag);
                self.pstring(&text)?;
            }
        } else {
            let utf8 = encode_utf8_surrogatepass(v);
            self.buf.push(if self.version >= 3 && interned { TYPE_INTERNED } else { TYPE_UNICODE } | flag);
            self.pstring(&utf8)?;
        }
        Ok(())
    }

    /// Sets are written in the order of their members' own marshal data (bpo-37596), so
    /// the output does not depend on hash randomization.
    unsafe fn set(&mut self, v: *mut PyObject, flag: u8) -> W {
        self.buf.push(if set::frozenset_check_exact(v) { TYPE_FROZENSET } else { TYPE_SET } | flag);
        let keys = set::keys(v);
        self.size(keys.len())?;
        let mut pairs = Vec::with_capacity(keys.len());
        for &k in &keys {
            match dump_bytes(k, self.version) {
                Ok(b) => pairs.push((b, k)),
                Err(WErr::Raised) => return Err(WErr::Raised),
                Err(_) => return Err(WErr::Unmarshallable),
            }
        }
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, k) in pairs {
            self.object(k)?;
        }
        Ok(())
    }

    unsafe fn code(&mut self, v: *mut PyObject, flag: u8) -> W {
        let co = code::raw(v);
        let bytecode = code::get_code(v)?;
        self.buf.push(TYPE_CODE | flag);
        for x in [(*co).co_argcount, (*co).co_posonlyargcount, (*co).co_kwonlyargcount, (*co).co_stacksize, (*co).co_flags] {
            self.long(x);
        }
        for o in [
            bytecode.as_ptr(),
            (*co).co_consts,
            (*co).co_names,
            (*co).co_localsplusnames,
            (*co).co_localspluskinds,
            (*co).co_filename,
            (*co).co_name,
            (*co).co_qualname,
        ] {
            self.object(o)?;
        }
        self.long((*co).co_firstlineno);
        self.object((*co).co_linetable)?;
        self.object((*co).co_exceptiontable)
    }
}

unsafe fn dump_bytes(obj: *mut PyObject, version: c_int) -> Result<Vec<u8>, WErr> {
    let mut w = Writer { buf: Vec::new(), version, depth: 0, table: HashMap::new(), keep: Vec::new() };
    w.object(obj)?;
    Ok(w.buf)
}

/// marshal.dumps(obj, version) as raw bytes, with CPython's errors.
pub unsafe fn dumps_vec(obj: *mut PyObject, version: c_int) -> PyResult<Vec<u8>> {
    match dump_bytes(obj, version) {
        Ok(b) => Ok(b),
        Err(WErr::Raised) => Err(ErrSet::assume_set()),
        Err(WErr::Unmarshallable) => Err(raise(exc::value_error(), "unmarshallable object")),
        Err(WErr::TooDeep) => Err(raise(exc::value_error(), "object too deeply nested to marshal")),
    }
}

/// marshal.dumps(obj, version): a bytes object.
pub unsafe fn dumps(obj: *mut PyObject, version: c_int) -> PyResult<Obj> {
    bytes::from_slice(&dumps_vec(obj, version)?)
}
