//! The methods `bytes` and `bytearray` share (CPython's Objects/bytes_methods.c and the
//! byte flavour of Objects/stringlib/): searching, splitting, padding, stripping, case
//! mappings and predicates (ASCII only), hex/fromhex, translate/maketrans and decode. Each method reads `self` as a byte slice and builds its result
//! in the type of `self` (`like`), so one table entry serves both types.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::bytearrayobject as ba;
use crate::objects::bytesobject as bytes;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::unicode_methods::{adjust, arg_type_name, as_c_int, find_args, parse_kw, ret_bool, ssize, str_arg, type_name};
use crate::objects::stringlib::{self, find_at, rfind_at};
use crate::objects::unicodeobject as str_;
use crate::objects::{listobject as list, longobject as long, noneobject, tupleobject as tuple};
use crate::protocol::buffer::Buffer;
use std::ffi::c_int;

// ---- self, results, arguments ---------------------------------------------------------------

/// The bytes of a bytes or bytearray `self`. Valid until the object is next mutated, so
/// callers convert all their arguments first.
pub(crate) unsafe fn data_of<'a>(op: *mut PyObject) -> &'a [u8] {
    if ba::check(op) {
        ba::as_slice(op)
    } else {
        bytes::as_slice(op)
    }
}

/// A new object of the kind of `op` (exact bytes or exact bytearray) holding `v`.
pub(crate) unsafe fn like(op: *mut PyObject, v: &[u8]) -> PyResult<Obj> {
    if ba::check(op) {
        ba::from_slice(v)
    } else {
        bytes::from_slice(v)
    }
}

/// `self` unchanged: itself when an exact bytes (immutable), otherwise a copy.
unsafe fn same(op: *mut PyObject) -> PyResult<Obj> {
    if bytes::check_exact(op) {
        Ok(Obj::from_borrowed(op))
    } else {
        like(op, data_of(op))
    }
}

/// Py_ISSPACE: space, \t, \n, \v, \f, \r.
pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// A byte value from an int-like (`_getbytevalue`): ValueError outside range(0, 256).
pub(crate) unsafe fn byte_value(v: *mut PyObject) -> PyResult<u8> {
    let i = crate::protocol::number::index(v)?;
    match long::as_i64(i.as_ptr()) {
        Some(x) if (0..256).contains(&x) => Ok(x as u8),
        _ => Err(raise(exc::value_error(), "byte must be in range(0, 256)")),
    }
}

/// The `sub` of find/count/index/`in`: an int in range(0, 256) or a bytes-like object.
enum Sub {
    Byte([u8; 1]),
    Buf(Buffer),
}

impl Sub {
    fn bytes(&self) -> &[u8] {
        match self {
            Sub::Byte(b) => b,
            Sub::Buf(b) => b,
        }
    }
}

unsafe fn sub_arg(v: *mut PyObject) -> PyResult<Sub> {
    if crate::protocol::buffer::has_buffer(v) {
        return Ok(Sub::Buf(Buffer::get(v)?));
    }
    if !crate::protocol::number::has_index(v) {
        return Err(raise(exc::type_error(), format!("argument should be integer or bytes-like object, not '{}'", type_name(v))));
    }
    Ok(Sub::Byte([byte_value(v)?]))
}

fn int(v: i64) -> PyResult<Obj> {
    Ok(long::from_i64(v))
}

unsafe fn list_of(items: Vec<Obj>) -> PyResult<Obj> {
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    list::from_slice(&ptrs)
}

fn grow(out: &mut Vec<u8>, extra: usize) -> PyResult<()> {
    crate::objects::unicode_methods::grow(out, extra)
}

// ---- searching ------------------------------------------------------------------------------

fn count_at(h: &[u8], n: &[u8], start: usize, end: usize, max: usize) -> usize {
    if start > end {
        return 0;
    }
    if n.is_empty() {
        return (end - start + 1).min(max);
    }
    let (mut c, mut i) = (0, start);
    while c < max {
        match find_at(h, n, i, end) {
            Some(p) => {
                c += 1;
                i = p + n.len();
            }
            None => break,
        }
    }
    c
}

/// The (start, end) of a search clamped to the data, as usize.
fn window(start: isize, end: isize, len: usize) -> (usize, usize) {
    let (s, e) = adjust(start, end, len as isize);
    (s as usize, e.max(0) as usize)
}

unsafe fn search(op: *mut PyObject, a: &[*mut PyObject], func: &str, rev: bool) -> PyResult<Option<usize>> {
    let (sub, start, end) = find_args(func, a)?;
    let sub = sub_arg(sub)?;
    let s = data_of(op);
    let (st, en) = window(start, end, s.len());
    Ok(if rev { rfind_at(s, sub.bytes(), st, en) } else { find_at(s, sub.bytes(), st, en) })
}

/// find/rfind give -1 when absent, index/rindex raise ValueError.
unsafe fn position(op: *mut PyObject, a: &[*mut PyObject], func: &str) -> PyResult<Obj> {
    match search(op, a, func, func.starts_with('r'))? {
        Some(p) => int(p as i64),
        None if func.ends_with("find") => int(-1),
        None => Err(raise(exc::value_error(), "subsection not found")),
    }
}


unsafe fn count(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (sub, start, end) = find_args("count", a)?;
    let sub = sub_arg(sub)?;
    let s = data_of(op);
    let (st, en) = window(start, end, s.len());
    int(count_at(s, sub.bytes(), st, en, usize::MAX) as i64)
}

/// `x in b`: an int is a byte value, anything else must be bytes-like.
pub(crate) unsafe fn contains(op: *mut PyObject, v: *mut PyObject) -> PyResult<bool> {
    if crate::protocol::number::has_index(v) {
        let b = byte_value(v)?;
        return Ok(data_of(op).contains(&b));
    }
    let sub = Buffer::get(v)?;
    let s = data_of(op);
    Ok(find_at(s, &sub, 0, s.len()).is_some())
}

unsafe fn tailmatch(op: *mut PyObject, a: &[*mut PyObject], func: &str, at_end: bool) -> PyResult<Obj> {
    let (sub, start, end) = find_args(func, a)?;
    let one = |p: *mut PyObject| -> PyResult<bool> {
        let n = Buffer::get(p)?;
        let s = data_of(op);
        let len = s.len() as isize;
        let (st, en) = adjust(start, end, len);
        let slen = n.len() as isize;
        let at = if at_end {
            if en - st < slen || st > len {
                return Ok(false);
            }
            st.max(en - slen)
        } else {
            if st > len - slen {
                return Ok(false);
            }
            st
        };
        Ok(en - at >= slen && &s[at as usize..(at + slen) as usize] == &n[..])
    };
    if tuple::check(sub) {
        for &p in tuple::items(sub) {
            if one(p)? {
                return ret_bool(true);
            }
        }
        return ret_bool(false);
    }
    if !crate::protocol::buffer::has_buffer(sub) {
        return Err(raise(
            exc::type_error(),
            format!("{func} first arg must be bytes or a tuple of bytes, not {}", type_name(sub)),
        ));
    }
    ret_bool(one(sub)?)
}


// ---- case mappings and predicates (ASCII) ---------------------------------------------------

unsafe fn map_bytes(op: *mut PyObject, f: impl Fn(u8) -> u8) -> PyResult<Obj> {
    let v: Vec<u8> = data_of(op).iter().map(|&c| f(c)).collect();
    like(op, &v)
}

unsafe fn lower(op: *mut PyObject) -> PyResult<Obj> {
    map_bytes(op, |c| c.to_ascii_lowercase())
}
unsafe fn upper(op: *mut PyObject) -> PyResult<Obj> {
    map_bytes(op, |c| c.to_ascii_uppercase())
}
fn swap(c: u8) -> u8 {
    if c.is_ascii_lowercase() {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    }
}
unsafe fn swapcase(op: *mut PyObject) -> PyResult<Obj> {
    map_bytes(op, swap)
}

unsafe fn capitalize(op: *mut PyObject) -> PyResult<Obj> {
    let v: Vec<u8> =
        data_of(op).iter().enumerate().map(|(i, &c)| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect();
    like(op, &v)
}

unsafe fn title(op: *mut PyObject) -> PyResult<Obj> {
    let mut prev_cased = false;
    let mut v = Vec::with_capacity(data_of(op).len());
    for &c in data_of(op) {
        let cased = c.is_ascii_alphabetic();
        v.push(if !cased {
            c
        } else if prev_cased {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        });
        prev_cased = cased;
    }
    like(op, &v)
}

unsafe fn all_nonempty(op: *mut PyObject, f: impl Fn(u8) -> bool) -> PyResult<Obj> {
    let s = data_of(op);
    ret_bool(!s.is_empty() && s.iter().all(|&c| f(c)))
}
unsafe fn isalnum(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| c.is_ascii_alphanumeric())
}
unsafe fn isalpha(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| c.is_ascii_alphabetic())
}
unsafe fn isdigit(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| c.is_ascii_digit())
}
unsafe fn isspace(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, is_space)
}
unsafe fn isascii(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(data_of(op).is_ascii())
}
unsafe fn islower(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::all_cased(data_of(op).iter().copied(), |c| c.is_ascii_lowercase(), |c| c.is_ascii_uppercase()))
}
unsafe fn isupper(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::all_cased(data_of(op).iter().copied(), |c| c.is_ascii_uppercase(), |c| c.is_ascii_lowercase()))
}
unsafe fn istitle(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::is_titled(data_of(op).iter().copied(), |c| c.is_ascii_uppercase(), |c| c.is_ascii_lowercase()))
}

// ---- padding --------------------------------------------------------------------------------

/// The `(width[, fillchar])` of center/ljust/rjust; fillchar is a bytes or bytearray of one.
unsafe fn fill_arg(func: &str, a: &[*mut PyObject]) -> PyResult<(usize, u8)> {
    crate::protocol::args::check_positional(func, a.len(), 1, 2)?;
    let width = ssize(a[0])?.max(0) as usize;
    let fill = match a.get(1) {
        None => b' ',
        Some(&f) if bytes::check(f) && size_of_var(f) == 1 => bytes::as_slice(f)[0],
        Some(&f) if ba::check(f) && size_of_var(f) == 1 => ba::as_slice(f)[0],
        Some(&f) => {
            return Err(raise(
                exc::type_error(),
                format!("{func}() argument 2 must be a byte string of length 1, not {}", arg_type_name(f)),
            ))
        }
    };
    Ok((width, fill))
}

unsafe fn padded(op: *mut PyObject, left: usize, right: usize, fill: u8) -> PyResult<Obj> {
    let s = data_of(op);
    if left == 0 && right == 0 {
        return same(op);
    }
    let mut v = Vec::new();
    grow(&mut v, s.len().saturating_add(left).saturating_add(right))?;
    v.resize(left, fill);
    v.extend_from_slice(s);
    v.resize(v.len() + right, fill);
    like(op, &v)
}

unsafe fn center(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (w, fill) = fill_arg("center", a)?;
    let (left, right) = stringlib::center_margins(data_of(op).len(), w);
    padded(op, left, right, fill)
}
unsafe fn ljust(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (w, fill) = fill_arg("ljust", a)?;
    padded(op, 0, w.saturating_sub(data_of(op).len()), fill)
}
unsafe fn rjust(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (w, fill) = fill_arg("rjust", a)?;
    padded(op, w.saturating_sub(data_of(op).len()), 0, fill)
}

unsafe fn zfill(op: *mut PyObject, w: *mut PyObject) -> PyResult<Obj> {
    let w = ssize(w)?.max(0) as usize;
    let s = data_of(op);
    if w <= s.len() {
        return same(op);
    }
    let v = stringlib::zero_fill(s.iter().copied(), s.len(), w)?;
    like(op, &v)
}

unsafe fn expandtabs(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let tabsize = stringlib::tabsize_arg(args, n, kw)?;
    let out = stringlib::expand_tabs(data_of(op).iter().copied(), tabsize)?;
    like(op, &out)
}

// ---- stripping, prefixes, replace -----------------------------------------------------------

unsafe fn do_strip(op: *mut PyObject, a: &[*mut PyObject], func: &str, left: bool, right: bool) -> PyResult<Obj> {
    crate::protocol::args::check_positional(func, a.len(), 0, 1)?;
    let chars = match a.first() {
        Some(&c) if !noneobject::is_none(c) => Some(Buffer::get(c)?),
        _ => None,
    };
    let strip_it = |c: u8| match &chars {
        Some(set) => set.contains(&c),
        None => is_space(c),
    };
    let s = data_of(op);
    let (i, j) = stringlib::strip_range(&s, left, right, strip_it);
    if i == 0 && j == s.len() {
        return same(op);
    }
    like(op, &s[i..j])
}


unsafe fn removeprefix(op: *mut PyObject, p: *mut PyObject) -> PyResult<Obj> {
    let p = Buffer::get(p)?;
    let s = data_of(op);
    match s.strip_prefix(&p[..]) {
        Some(rest) if !p.is_empty() => like(op, rest),
        _ => same(op),
    }
}
unsafe fn removesuffix(op: *mut PyObject, p: *mut PyObject) -> PyResult<Obj> {
    let p = Buffer::get(p)?;
    let s = data_of(op);
    match s.strip_suffix(&p[..]) {
        Some(rest) if !p.is_empty() => like(op, rest),
        _ => same(op),
    }
}

unsafe fn replace(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("replace", a.len(), 2, 3)?;
    let old = Buffer::get(a[0])?;
    let new = Buffer::get(a[1])?;
    let max = match a.get(2) {
        Some(&c) => ssize(c)?,
        None => -1,
    };
    let s = data_of(op);
    let max = if max < 0 { usize::MAX } else { max as usize };
    let n = count_at(s, &old, 0, s.len(), max);
    if n == 0 {
        return same(op);
    }
    let total = (s.len() as u128 + n as u128 * new.len() as u128).saturating_sub(n as u128 * old.len() as u128);
    if total > isize::MAX as u128 {
        return Err(raise(exc::overflow_error(), "replace bytes is too long"));
    }
    let mut out = Vec::new();
    grow(&mut out, total as usize)?;
    let mut i = 0;
    for k in 0..n {
        if old.is_empty() {
            out.extend_from_slice(&new);
            if k < s.len() {
                out.push(s[k]);
            }
            i = k + 1;
            continue;
        }
        // `n` occurrences were counted above, so each search succeeds.
        let Some(p) = find_at(s, &old, i, s.len()) else { break };
        out.extend_from_slice(&s[i..p]);
        out.extend_from_slice(&new);
        i = p + old.len();
    }
    if i < s.len() {
        out.extend_from_slice(&s[i..]);
    }
    like(op, &out)
}

// ---- join, partition, split -----------------------------------------------------------------

/// `sep.join(iterable)` (also _PyBytes_Join).
pub unsafe fn join(op: *mut PyObject, iterable: *mut PyObject) -> PyResult<Obj> {
    let items = crate::protocol::iter::collect(iterable).map_err(|e| {
        if crate::err::exception_matches(exc::type_error()) && !is_iterable(iterable) {
            crate::err::clear();
            raise(exc::type_error(), "can only join an iterable")
        } else {
            e
        }
    })?;
    let mut bufs = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        if !crate::protocol::buffer::has_buffer(it.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("sequence item {i}: expected a bytes-like object, {} found", type_name(it.as_ptr())),
            ));
        }
        bufs.push(Buffer::get(it.as_ptr())?);
    }
    if bytes::check_exact(op) && items.len() == 1 && bytes::check_exact(items[0].as_ptr()) {
        return Ok(Obj::from_borrowed(items[0].as_ptr()));
    }
    let sep = data_of(op).to_vec();
    let mut out = Vec::new();
    for (i, b) in bufs.iter().enumerate() {
        if i > 0 {
            grow(&mut out, sep.len())?;
            out.extend_from_slice(&sep);
        }
        grow(&mut out, b.len())?;
        out.extend_from_slice(b);
    }
    like(op, &out)
}

/// PyObject_GetIter would succeed (a tp_iter or a sequence's sq_item).
unsafe fn is_iterable(op: *mut PyObject) -> bool {
    let tp = type_of(op);
    (*tp).tp_iter.is_some() || (!(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_item.is_some())
}

/// partition/rpartition. A bytes `self` puts the separator object itself in the middle (as
/// CPython's stringlib does); a bytearray a copy.
unsafe fn do_partition(op: *mut PyObject, sep_obj: *mut PyObject, rev: bool) -> PyResult<Obj> {
    let sep = Buffer::get(sep_obj)?;
    if sep.is_empty() {
        return Err(raise(exc::value_error(), "empty separator"));
    }
    let s = data_of(op);
    let found = if rev { rfind_at(s, &sep, 0, s.len()) } else { find_at(s, &sep, 0, s.len()) };
    let middle = || if ba::check(op) { like(op, &sep) } else { Ok(Obj::from_borrowed(sep_obj)) };
    let parts: [Obj; 3] = match found {
        Some(p) => [like(op, &s[..p])?, middle()?, like(op, &s[p + sep.len()..])?],
        None if rev => [like(op, b"")?, like(op, b"")?, same(op)?],
        None => [same(op)?, like(op, b"")?, like(op, b"")?],
    };
    tuple::pack(&[parts[0].as_ptr(), parts[1].as_ptr(), parts[2].as_ptr()])
}


/// The `(sep=None, maxsplit=-1)` of split and rsplit.
unsafe fn split_args(func: &str, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<(Option<Buffer>, usize)> {
    let a = parse_kw(func, args, n, kw, &["sep", "maxsplit"], 0)?;
    let sep = match a[0] {
        Some(s) if !noneobject::is_none(s) => Some(Buffer::get(s)?),
        _ => None,
    };
    let max = match a[1] {
        Some(m) => ssize(m)?,
        None => -1,
    };
    if let Some(s) = &sep {
        if s.is_empty() {
            return Err(raise(exc::value_error(), "empty separator"));
        }
    }
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

unsafe fn pieces(op: *mut PyObject, ranges: Vec<(usize, usize)>) -> PyResult<Obj> {
    let s = data_of(op);
    let mut items = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        items.push(if a == 0 && b == s.len() { same(op)? } else { like(op, &s[a..b])? });
    }
    list_of(items)
}

unsafe fn split(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let (sep, max) = split_args("split", args, n, kw)?;
    pieces(op, stringlib::split_ranges(data_of(op), sep.as_deref(), max, false, is_space))
}
unsafe fn rsplit(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let (sep, max) = split_args("rsplit", args, n, kw)?;
    pieces(op, stringlib::split_ranges(data_of(op), sep.as_deref(), max, true, is_space))
}

unsafe fn splitlines(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let keep = stringlib::keepends_arg(args, n, kw)?;
    let ranges = stringlib::line_ranges(data_of(op), |c| c == b'\n' || c == b'\r', keep);
    pieces(op, ranges)
}

// ---- translate, maketrans, decode, hex, fromhex ---------------------------------------------

unsafe fn translate(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = parse_kw("translate", args, n, kw, &["table", "delete"], 1)?;
    let table = match a[0] {
        Some(t) if !noneobject::is_none(t) => {
            let b = Buffer::get(t)?;
            if b.len() != 256 {
                return Err(raise(exc::value_error(), "translation table must be 256 characters long"));
            }
            Some(b)
        }
        _ => None,
    };
    let delete = match a[1] {
        Some(d) => Some(Buffer::get(d)?),
        None => None,
    };
    let s = data_of(op);
    let out: Vec<u8> = s
        .iter()
        .filter(|c| delete.as_ref().map_or(true, |d| !d.contains(c)))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    if table.is_none() && out.len() == s.len() {
        return same(op);
    }
    like(op, &out)
}

unsafe fn maketrans(_cls: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("maketrans", a.len(), 2, 2)?;
    let frm = Buffer::get(a[0])?;
    let to = Buffer::get(a[1])?;
    if frm.len() != to.len() {
        return Err(raise(exc::value_error(), "maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (&f, &x) in frm.iter().zip(to.iter()) {
        t[f as usize] = x;
    }
    bytes::from_slice(&t)
}

unsafe fn decode(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = parse_kw("decode", args, n, kw, &["encoding", "errors"], 0)?;
    let enc = str_arg("decode", "encoding", a[0], "utf-8")?;
    let errors = str_arg("decode", "errors", a[1], "strict")?;
    crate::objects::unicode_methods::decode(data_of(op), &enc, &errors)
}

/// `hex(sep, bytes_per_sep)` (Python/pystrhex.c): groups counted from the right when
/// bytes_per_sep is positive, from the left when negative.
pub(crate) unsafe fn hex_with(data: &[u8], sep: Option<*mut PyObject>, per: Option<*mut PyObject>) -> PyResult<Obj> {
    let per = match per {
        Some(p) => as_c_int(p)? as isize,
        None => 1,
    };
    let out = hex_digits(data, hex_sep(sep.unwrap_or(std::ptr::null_mut()))?, per)?;
    // Only ASCII digits and an ASCII separator were written.
    str_::from_str(std::str::from_utf8(&out).unwrap_or(""))
}

/// The separator of hex(): NULL for none, else a str or bytes-like of one ASCII character.
pub unsafe fn hex_sep(sep: *mut PyObject) -> PyResult<Option<u8>> {
    if sep.is_null() {
        return Ok(None);
    }
    let n = crate::protocol::sequence::size(sep)?;
    if n != 1 {
        return Err(raise(exc::value_error(), "sep must be length 1."));
    }
    let c = if str_::check(sep) { str_::read_char(sep, 0) } else { Buffer::get(sep)?.first().copied().unwrap_or(0) as u32 };
    if c > 127 {
        return Err(raise(exc::value_error(), "sep must be ASCII."));
    }
    Ok(Some(c as u8))
}

/// The hex digits of `data`, `sep` between groups of |per| bytes (none when `per` is 0).
pub fn hex_digits(data: &[u8], sep: Option<u8>, per: isize) -> PyResult<Vec<u8>> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::new();
    grow(&mut out, data.len().saturating_mul(3))?;
    let group = per.unsigned_abs();
    for (i, &c) in data.iter().enumerate() {
        if let Some(sc) = sep.filter(|_| per != 0 && i > 0) {
            let boundary = if per > 0 { (data.len() - i) % group == 0 } else { i % group == 0 };
            if boundary {
                out.push(sc);
            }
        }
        out.push(HEX[(c >> 4) as usize]);
        out.push(HEX[(c & 15) as usize]);
    }
    Ok(out)
}

unsafe fn hex(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = parse_kw("hex", args, n, kw, &["sep", "bytes_per_sep"], 0)?;
    let d = data_of(op).to_vec();
    hex_with(&d, a[0], a[1])
}

/// The bytes of `bytes.fromhex(string)`: pairs of hex digits, whitespace between pairs.
pub unsafe fn parse_fromhex(s: *mut PyObject) -> PyResult<Vec<u8>> {
    if !str_::check(s) {
        return Err(raise(exc::type_error(), format!("fromhex() argument must be str, not {}", arg_type_name(s))));
    }
    let cps: Vec<u32> = str_::code_points(s).collect();
    let bad = |i: usize| raise(exc::value_error(), format!("non-hexadecimal number found in fromhex() arg at position {i}"));
    let digit = |i: usize| -> Option<u8> { cps.get(i).and_then(|&c| char::from_u32(c)).and_then(|c| c.to_digit(16)).map(|d| d as u8) };
    // CPython reports the first non-ASCII character before parsing anything.
    if let Some(p) = cps.iter().position(|&c| c > 127) {
        return Err(bad(p));
    }
    let mut out = Vec::with_capacity(cps.len() / 2);
    let mut i = 0;
    while i < cps.len() {
        if cps[i] < 128 && is_space(cps[i] as u8) {
            i += 1;
            continue;
        }
        let Some(hi) = digit(i) else { return Err(bad(i)) };
        let Some(lo) = digit(i + 1) else { return Err(bad(i + 1)) };
        out.push(hi * 16 + lo);
        i += 2;
    }
    Ok(out)
}

/// `cls.fromhex(string)`: the exact type's object, or `cls(that)` for a subclass.
unsafe fn fromhex(cls: *mut PyObject, s: *mut PyObject) -> PyResult<Obj> {
    let v = parse_fromhex(s)?;
    let tp = cls as *mut PyTypeObject;
    let is_ba = typeobject::is_subtype(tp, ba::bytearray_type());
    let r = if is_ba { ba::from_slice(&v)? } else { bytes::from_slice(&v)? };
    if tp == bytes::bytes_type() || tp == ba::bytearray_type() {
        return Ok(r);
    }
    crate::protocol::call::vectorcall(cls, &[r.as_ptr()], std::ptr::null_mut())
}

// ---- the C wrappers and the shared table ----------------------------------------------------

use crate::guard::{fastcall, fastkw, noargs, onearg};

noargs! {
    m_capitalize => capitalize, m_lower => lower, m_upper => upper, m_swapcase => swapcase,
    m_title => title, m_isalnum => isalnum, m_isalpha => isalpha, m_isascii => isascii,
    m_isdigit => isdigit, m_islower => islower, m_isspace => isspace, m_istitle => istitle,
    m_isupper => isupper,
}
onearg! {
    m_join => join, m_partition => |op, sep| do_partition(op, sep, false),
    m_rpartition => |op, sep| do_partition(op, sep, true),
    m_removeprefix => removeprefix, m_removesuffix => removesuffix, m_zfill => zfill,
    m_fromhex => fromhex,
}
fastcall! {
    m_center => center, m_ljust => ljust, m_rjust => rjust, m_count => count,
    m_find => |op, a| position(op, a, "find"), m_rfind => |op, a| position(op, a, "rfind"),
    m_index => |op, a| position(op, a, "index"), m_rindex => |op, a| position(op, a, "rindex"),
    m_startswith => |op, a| tailmatch(op, a, "startswith", false),
    m_endswith => |op, a| tailmatch(op, a, "endswith", true),
    m_strip => |op, a| do_strip(op, a, "strip", true, true),
    m_lstrip => |op, a| do_strip(op, a, "lstrip", true, false),
    m_rstrip => |op, a| do_strip(op, a, "rstrip", false, true),
    m_replace => replace, m_maketrans => maketrans,
}
fastkw! {
    m_decode => decode, m_expandtabs => expandtabs, m_split => split, m_rsplit => rsplit,
    m_splitlines => splitlines, m_translate => translate, m_hex => hex,
}

const F: c_int = METH_FASTCALL;
const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

/// The entries both types have; each type's table starts with these.
pub(crate) const SHARED_METHODS: [PyMethodDef; 43] = [
    method(c"capitalize", m_capitalize as *const (), METH_NOARGS, c"B.capitalize() -> copy of B\n\nReturn a copy of B with only its first character capitalized (ASCII)\nand the rest lower-cased."),
    method(c"center", m_center as *const (), F, c"Return a centered string of length width.\n\nPadding is done using the specified fill character."),
    method(c"count", m_count as *const (), F, c"B.count(sub[, start[, end]]) -> int\n\nReturn the number of non-overlapping occurrences of subsection sub in\nbytes B[start:end].  Optional arguments start and end are interpreted\nas in slice notation."),
    method(c"decode", m_decode as *const (), FK, c"Decode the bytes using the codec registered for encoding."),
    method(c"endswith", m_endswith as *const (), F, c"B.endswith(suffix[, start[, end]]) -> bool\n\nReturn True if B ends with the specified suffix, False otherwise."),
    method(c"expandtabs", m_expandtabs as *const (), FK, c"Return a copy where all tab characters are expanded using spaces.\n\nIf tabsize is not given, a tab size of 8 characters is assumed."),
    method(c"find", m_find as *const (), F, c"B.find(sub[, start[, end]]) -> int\n\nReturn the lowest index in B where subsection sub is found."),
    method(c"fromhex", m_fromhex as *const (), METH_O | METH_CLASS, c"Create a bytes object from a string of hexadecimal numbers.\n\nSpaces between two numbers are accepted.\nExample: bytes.fromhex('B9 01EF') -> b'\\\\xb9\\\\x01\\\\xef'."),
    method(c"hex", m_hex as *const (), FK, c"Create a string of hexadecimal numbers from a bytes object."),
    method(c"index", m_index as *const (), F, c"B.index(sub[, start[, end]]) -> int\n\nReturn the lowest index in B where subsection sub is found.\nRaises ValueError when the subsection is not found."),
    method(c"isalnum", m_isalnum as *const (), METH_NOARGS, c"B.isalnum() -> bool\n\nReturn True if all characters in B are alphanumeric\nand there is at least one character in B, False otherwise."),
    method(c"isalpha", m_isalpha as *const (), METH_NOARGS, c"B.isalpha() -> bool\n\nReturn True if all characters in B are alphabetic\nand there is at least one character in B, False otherwise."),
    method(c"isascii", m_isascii as *const (), METH_NOARGS, c"B.isascii() -> bool\n\nReturn True if B is empty or all characters in B are ASCII,\nFalse otherwise."),
    method(c"isdigit", m_isdigit as *const (), METH_NOARGS, c"B.isdigit() -> bool\n\nReturn True if all characters in B are digits\nand there is at least one character in B, False otherwise."),
    method(c"islower", m_islower as *const (), METH_NOARGS, c"B.islower() -> bool\n\nReturn True if all cased characters in B are lowercase and there is\nat least one cased character in B, False otherwise."),
    method(c"isspace", m_isspace as *const (), METH_NOARGS, c"B.isspace() -> bool\n\nReturn True if all characters in B are whitespace\nand there is at least one character in B, False otherwise."),
    method(c"istitle", m_istitle as *const (), METH_NOARGS, c"B.istitle() -> bool\n\nReturn True if B is a titlecased string and there is at least one\ncharacter in B, i.e. uppercase characters may only follow uncased\ncharacters and lowercase characters only cased ones. Return False\notherwise."),
    method(c"isupper", m_isupper as *const (), METH_NOARGS, c"B.isupper() -> bool\n\nReturn True if all cased characters in B are uppercase and there is\nat least one cased character in B, False otherwise."),
    method(c"join", m_join as *const (), METH_O, c"Concatenate any number of bytes objects."),
    method(c"ljust", m_ljust as *const (), F, c"Return a left-justified string of length width.\n\nPadding is done using the specified fill character."),
    method(c"lower", m_lower as *const (), METH_NOARGS, c"B.lower() -> copy of B\n\nReturn a copy of B with all ASCII characters converted to lowercase."),
    method(c"lstrip", m_lstrip as *const (), F, c"Strip leading bytes contained in the argument.\n\nIf the argument is omitted or None, strip leading  ASCII whitespace."),
    method(c"maketrans", m_maketrans as *const (), F | METH_STATIC, c"Return a translation table useable for the bytes or bytearray translate method."),
    method(c"partition", m_partition as *const (), METH_O, c"Partition the bytes into three parts using the given separator."),
    method(c"replace", m_replace as *const (), F, c"Return a copy with all occurrences of substring old replaced by new."),
    method(c"removeprefix", m_removeprefix as *const (), METH_O, c"Return a bytes object with the given prefix string removed if present."),
    method(c"removesuffix", m_removesuffix as *const (), METH_O, c"Return a bytes object with the given suffix string removed if present."),
    method(c"rfind", m_rfind as *const (), F, c"B.rfind(sub[, start[, end]]) -> int\n\nReturn the highest index in B where subsection sub is found."),
    method(c"rindex", m_rindex as *const (), F, c"B.rindex(sub[, start[, end]]) -> int\n\nReturn the highest index in B where subsection sub is found.\nRaise ValueError when the subsection is not found."),
    method(c"rjust", m_rjust as *const (), F, c"Return a right-justified string of length width.\n\nPadding is done using the specified fill character."),
    method(c"rpartition", m_rpartition as *const (), METH_O, c"Partition the bytes into three parts using the given separator."),
    method(c"rsplit", m_rsplit as *const (), FK, c"Return a list of the sections in the bytes, using sep as the delimiter."),
    method(c"rstrip", m_rstrip as *const (), F, c"Strip trailing bytes contained in the argument.\n\nIf the argument is omitted or None, strip trailing ASCII whitespace."),
    method(c"split", m_split as *const (), FK, c"Return a list of the sections in the bytes, using sep as the delimiter."),
    method(c"splitlines", m_splitlines as *const (), FK, c"Return a list of the lines in the bytes, breaking at line boundaries."),
    method(c"startswith", m_startswith as *const (), F, c"B.startswith(prefix[, start[, end]]) -> bool\n\nReturn True if B starts with the specified prefix, False otherwise."),
    method(c"strip", m_strip as *const (), F, c"Strip leading and trailing bytes contained in the argument.\n\nIf the argument is omitted or None, strip leading and trailing ASCII whitespace."),
    method(c"swapcase", m_swapcase as *const (), METH_NOARGS, c"B.swapcase() -> copy of B\n\nReturn a copy of B with uppercase ASCII characters converted\nto lowercase ASCII and vice versa."),
    method(c"title", m_title as *const (), METH_NOARGS, c"B.title() -> copy of B\n\nReturn a titlecased version of B, i.e. ASCII words start with uppercase\ncharacters, all remaining cased characters have lowercase."),
    method(c"translate", m_translate as *const (), FK, c"Return a copy with each character mapped by the given translation table."),
    method(c"upper", m_upper as *const (), METH_NOARGS, c"B.upper() -> copy of B\n\nReturn a copy of B with all ASCII characters converted to uppercase."),
    method(c"zfill", m_zfill as *const (), METH_O, c"Pad a numeric string with zeros on the left, to fill a field of the given width.\n\nThe original string is never truncated."),
    METHOD_END,
];

/// A method table of the shared entries followed by `extra` (which ends with METHOD_END).
pub(crate) const fn table<const N: usize>(extra: &[PyMethodDef]) -> [PyMethodDef; N] {
    let mut out = [METHOD_END; N];
    let mut i = 0;
    while i < SHARED_METHODS.len() - 1 {
        out[i] = SHARED_METHODS[i];
        i += 1;
    }
    let mut j = 0;
    while j < extra.len() {
        out[i + j] = extra[j];
        j += 1;
    }
    out
}
