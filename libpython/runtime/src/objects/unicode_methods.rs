//! The methods of `str` (CPython's Objects/unicodeobject.c and Objects/stringlib/): case
//! mappings, predicates, searching, splitting, padding, stripping, translate/maketrans and
//! the codecs str knows itself (UTF-8, ASCII, Latin-1). `str.format` and `str.__format__`
//! are in `unicode_format.rs`, `str % args` in `unicode_percent.rs`.
//!
//! Methods work on the code points (`Vec<u32>`, lone surrogates allowed) and build their
//! results with `from_code_points`, which picks the narrowest PEP 393 kind.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{full_name, method, METHOD_END};
use crate::objects::stringlib;
use crate::objects::unicode_db as db;
use crate::objects::unicodeobject as str_;
use crate::objects::{boolobject, bytesobject, dictobject as dict, listobject as list, longobject as long, noneobject, tupleobject as tuple};
use std::ffi::c_int;

// ---- helpers shared with unicode_format.rs and unicode_percent.rs ---------------------------

/// The code points of a str.
pub(crate) unsafe fn cps(op: *mut PyObject) -> Vec<u32> {
    str_::code_points(op).collect()
}

pub(crate) unsafe fn mk(v: &[u32]) -> PyResult<Obj> {
    str_::from_code_points(v)
}

/// `self` itself when it is an exact str (CPython's unicode_result_unchanged), else a copy.
pub(crate) unsafe fn unchanged(op: *mut PyObject) -> PyResult<Obj> {
    if str_::check_exact(op) {
        Ok(Obj::from_borrowed(op))
    } else {
        mk(&cps(op))
    }
}

pub(crate) fn props(c: u32) -> u16 {
    db::props(c)
}
pub(crate) fn is_space(c: u32) -> bool {
    props(c) & db::SPACE != 0
}
fn is_linebreak(c: u32) -> bool {
    props(c) & db::LINEBREAK != 0
}
fn is_lower(c: u32) -> bool {
    props(c) & db::LOWER != 0
}
fn is_upper(c: u32) -> bool {
    props(c) & db::UPPER != 0
}
fn is_title(c: u32) -> bool {
    props(c) & db::TITLE != 0
}
fn is_cased(c: u32) -> bool {
    props(c) & db::CASED != 0
}
fn is_case_ignorable(c: u32) -> bool {
    props(c) & db::CASE_IGNORABLE != 0
}
pub(crate) fn is_decimal(c: u32) -> bool {
    props(c) & db::DECIMAL != 0
}
fn is_alnum(c: u32) -> bool {
    props(c) & (db::ALPHA | db::DECIMAL | db::DIGIT | db::NUMERIC) != 0
}
fn is_printable(c: u32) -> bool {
    char::from_u32(c).map(db::is_printable).unwrap_or(false)
}

/// The decimal value of a digit of any script (Py_UNICODE_TODECIMAL).
pub(crate) fn to_decimal(c: u32) -> Option<u32> {
    char::from_u32(c).and_then(db::decimal_value)
}

fn push_map(c: u32, which: usize, out: &mut Vec<u32>) {
    match db::case_map(c, which) {
        Some(m) => out.extend(m.iter().copied().filter(|&x| x != 0)),
        None => out.push(c),
    }
}

/// CPython's handle_capital_sigma: final sigma after a cased letter and not before one
/// (skipping case-ignorable characters both ways).
fn lower_sigma(s: &[u32], i: usize) -> u32 {
    let mut j = i;
    while j > 0 && is_case_ignorable(s[j - 1]) {
        j -= 1;
    }
    let mut fin = j > 0 && is_cased(s[j - 1]);
    if fin {
        let mut k = i + 1;
        while k < s.len() && is_case_ignorable(s[k]) {
            k += 1;
        }
        fin = k == s.len() || !is_cased(s[k]);
    }
    if fin { 0x3c2 } else { 0x3c3 }
}

fn push_lower(s: &[u32], i: usize, out: &mut Vec<u32>) {
    if s[i] == 0x3a3 {
        out.push(lower_sigma(s, i));
    } else {
        push_map(s[i], 0, out);
    }
}

pub(crate) unsafe fn type_name(op: *mut PyObject) -> String {
    full_name(type_of(op)).to_owned()
}

/// The type name in Argument Clinic's "argument must be X, not Y" messages ("None" for None).
pub(crate) unsafe fn arg_type_name(op: *mut PyObject) -> String {
    if noneobject::is_none(op) {
        "None".to_owned()
    } else {
        type_name(op)
    }
}

/// `f() argument N must be str, not T` (Argument Clinic's message).
unsafe fn want_str(func: &str, which: &str, v: *mut PyObject) -> PyResult<Vec<u32>> {
    if !str_::check(v) {
        return Err(raise(exc::type_error(), format!("{func}() argument {which} must be str, not {}", arg_type_name(v))));
    }
    Ok(cps(v))
}

/// `must be str, not T` (the stringlib parsers' message).
unsafe fn want_str_plain(v: *mut PyObject) -> PyResult<Vec<u32>> {
    if !str_::check(v) {
        return Err(raise(exc::type_error(), format!("must be str, not {}", type_name(v))));
    }
    Ok(cps(v))
}

/// `_PyLong_AsInt` of an object with __index__: OverflowError outside C int.
pub(crate) unsafe fn as_c_int(v: *mut PyObject) -> PyResult<i32> {
    let i = crate::protocol::number::index(v)?;
    match long::as_i64(i.as_ptr()).and_then(|x| i32::try_from(x).ok()) {
        Some(x) => Ok(x),
        None => Err(raise(exc::overflow_error(), "Python int too large to convert to C int")),
    }
}

/// Argument Clinic's Py_ssize_t converter: __index__, then OverflowError outside ssize_t.
pub(crate) unsafe fn ssize(v: *mut PyObject) -> PyResult<isize> {
    if crate::objects::floatobject::check(v) {
        return Err(raise(exc::type_error(), "'float' object cannot be interpreted as an integer"));
    }
    let i = crate::protocol::number::index(v)?;
    long::as_ssize_t(i.as_ptr())
}

/// PyArg_ParseTuple's count check: `f() takes at least N argument(s) (M given)`.
pub(crate) fn parse_tuple_count(func: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    let (what, lim) = if n < min {
        (if min == max { "exactly" } else { "at least" }, min)
    } else if n > max {
        (if min == max { "exactly" } else { "at most" }, max)
    } else {
        return Ok(());
    };
    let s = if lim == 1 { "" } else { "s" };
    Err(raise(exc::type_error(), format!("{func}() takes {what} {lim} argument{s} ({n} given)")))
}

/// Binds FASTCALL arguments with keywords as Argument Clinic's _PyArg_UnpackKeywords does
/// (every parameter positional-or-keyword, the first `minpos` required).
pub(crate) unsafe fn parse_kw(
    fname: &str,
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwnames: *mut PyObject,
    names: &[&str],
    minpos: usize,
) -> PyResult<Vec<Option<*mut PyObject>>> {
    let n = nargs.max(0) as usize;
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let all: &[*mut PyObject] = if args.is_null() || n + nkw == 0 { &[] } else { std::slice::from_raw_parts(args, n + nkw) };
    let maxargs = names.len();
    if n + nkw > maxargs {
        return Err(raise(
            exc::type_error(),
            format!(
                "{fname}() takes at most {maxargs} {}argument{} ({} given)",
                if n == 0 { "keyword " } else { "" },
                if maxargs == 1 { "" } else { "s" },
                n + nkw
            ),
        ));
    }
    if n < minpos {
        let what = if minpos < maxargs { "at least" } else { "exactly" };
        let s = if minpos == 1 { "" } else { "s" };
        return Err(raise(exc::type_error(), format!("{fname}() takes {what} {minpos} positional argument{s} ({n} given)")));
    }
    let mut out: Vec<Option<*mut PyObject>> = vec![None; maxargs];
    for i in 0..n {
        out[i] = Some(all[i]);
    }
    let mut matched = 0;
    let key_at = |k: usize| -> PyResult<&str> { str_::as_str(tuple::get_item(kwnames, k as isize)) };
    for (i, name) in names.iter().enumerate().skip(n) {
        for k in 0..nkw {
            if key_at(k)? == *name {
                out[i] = Some(all[n + k]);
                matched += 1;
                break;
            }
        }
        if out[i].is_none() && i < minpos {
            return Err(raise(exc::type_error(), format!("{fname}() missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    if matched < nkw {
        for (i, name) in names.iter().enumerate().take(n) {
            for k in 0..nkw {
                if key_at(k)? == *name {
                    return Err(raise(
                        exc::type_error(),
                        format!("argument for {fname}() given by name ('{name}') and position ({})", i + 1),
                    ));
                }
            }
        }
        for k in 0..nkw {
            let key = key_at(k)?;
            if !names.contains(&key) {
                return Err(raise(exc::type_error(), format!("'{key}' is an invalid keyword argument for {fname}()")));
            }
        }
    }
    Ok(out)
}

/// Clamps (start, end) slice arguments to `len` as ADJUST_INDICES does.
pub(crate) fn adjust(mut start: isize, mut end: isize, len: isize) -> (isize, isize) {
    if end > len {
        end = len;
    } else if end < 0 {
        end += len;
        if end < 0 {
            end = 0;
        }
    }
    if start < 0 {
        start += len;
        if start < 0 {
            start = 0;
        }
    }
    (start, end)
}

unsafe fn slice_arg(v: Option<*mut PyObject>, default: isize) -> PyResult<isize> {
    match v {
        None => Ok(default),
        Some(v) if noneobject::is_none(v) => Ok(default),
        Some(v) => crate::objects::sliceobject::slice_index(v),
    }
}

/// The `(sub[, start[, end]])` arguments of find/count/index/startswith.
pub(crate) unsafe fn find_args(func: &str, a: &[*mut PyObject]) -> PyResult<(*mut PyObject, isize, isize)> {
    parse_tuple_count(func, a.len(), 1, 3)?;
    let start = slice_arg(a.get(1).copied(), 0)?;
    let end = slice_arg(a.get(2).copied(), isize::MAX)?;
    Ok((a[0], start, end))
}

/// Random access to code points: a Vec's, or a str object's in place (no copy).
pub(crate) trait Chars {
    fn at(&self, i: usize) -> u32;
    fn n(&self) -> usize;
}

impl Chars for [u32] {
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
    fn n(&self) -> usize {
        self.len()
    }
}

impl Chars for Vec<u32> {
    fn at(&self, i: usize) -> u32 {
        self[i]
    }
    fn n(&self) -> usize {
        self.len()
    }
}

/// A live str's characters.
pub(crate) struct View(pub(crate) *mut PyObject);

impl Chars for View {
    fn at(&self, i: usize) -> u32 {
        // Safety: a View is made from a live str and only indexed below its length.
        unsafe { str_::read_char(self.0, i) }
    }
    fn n(&self) -> usize {
        // Safety: as above.
        unsafe { str_::len(self.0) as usize }
    }
}

fn matches_at<H: Chars + ?Sized>(h: &H, n: &[u32], at: usize) -> bool {
    n.iter().enumerate().all(|(k, &c)| h.at(at + k) == c)
}

pub(crate) fn find_in<H: Chars + ?Sized>(h: &H, n: &[u32], start: usize, end: usize) -> Option<usize> {
    if n.len() > end.saturating_sub(start) {
        return None;
    }
    if n.is_empty() {
        return Some(start);
    }
    (start..=end - n.len()).find(|&i| matches_at(h, n, i))
}

fn rfind_in<H: Chars + ?Sized>(h: &H, n: &[u32], start: usize, end: usize) -> Option<usize> {
    if n.len() > end.saturating_sub(start) {
        return None;
    }
    if n.is_empty() {
        return Some(end);
    }
    (start..=end - n.len()).rev().find(|&i| matches_at(h, n, i))
}

/// Non-overlapping occurrences, at most `max`.
fn count_in<H: Chars + ?Sized>(h: &H, n: &[u32], start: usize, end: usize, max: usize) -> usize {
    if n.is_empty() {
        return (end.saturating_sub(start) + 1).min(max);
    }
    let mut c = 0;
    let mut i = start;
    while c < max {
        match find_in(h, n, i, end) {
            Some(p) => {
                c += 1;
                i = p + n.len();
            }
            None => break,
        }
    }
    c
}

/// Reserves room for `extra` more characters, raising MemoryError rather than aborting when
/// a width or count asks for more than can be had.
pub(crate) fn grow<T>(out: &mut Vec<T>, extra: usize) -> PyResult<()> {
    if extra > (isize::MAX as usize) / 4 || out.try_reserve(extra).is_err() {
        return Err(crate::objects::exceptions::no_memory());
    }
    Ok(())
}

pub(crate) unsafe fn ret_bool(b: bool) -> PyResult<Obj> {
    Ok(Obj::from_owned_nonnull(boolobject::new_bool(b)))
}

fn int(v: i64) -> PyResult<Obj> {
    Ok(long::from_i64(v))
}

unsafe fn list_of(items: Vec<Obj>) -> PyResult<Obj> {
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    list::from_slice(&ptrs)
}

// ---- wrappers from the C conventions --------------------------------------------------------

use crate::guard::{fastcall, fastkw, noargs, onearg};

noargs! {
    m_capitalize => capitalize, m_casefold => casefold, m_lower => lower, m_upper => upper,
    m_swapcase => swapcase, m_title => title,
    m_isalnum => isalnum, m_isalpha => isalpha, m_isascii => isascii, m_isdecimal => isdecimal,
    m_isdigit => isdigit, m_isidentifier => isidentifier, m_islower => islower,
    m_isnumeric => isnumeric, m_isprintable => isprintable, m_isspace => isspace,
    m_istitle => istitle, m_isupper => isupper, m_getnewargs => getnewargs, m_sizeof => sizeof,
}
onearg! {
    m_join => join, m_partition => partition, m_rpartition => rpartition,
    m_removeprefix => removeprefix, m_removesuffix => removesuffix, m_translate => translate,
    m_zfill => zfill, m_format_map => crate::objects::unicode_format::format_map,
    m_format_spec => crate::objects::unicode_format::str_format_method,
}
fastcall! {
    m_center => center, m_ljust => ljust, m_rjust => rjust, m_count => count, m_find => find,
    m_rfind => rfind, m_index => index, m_rindex => rindex, m_startswith => startswith,
    m_endswith => endswith, m_strip => strip, m_lstrip => lstrip, m_rstrip => rstrip,
    m_replace => replace, m_maketrans => maketrans,
}
fastkw! {
    m_encode => encode_method, m_expandtabs => expandtabs, m_split => split, m_rsplit => rsplit,
    m_splitlines => splitlines,
}

unsafe extern "C" fn m_format(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    // Safety: METH_VARARGS|METH_KEYWORDS passes a tuple and a dict or NULL.
    crate::guard::catch_obj(|| unsafe { crate::objects::unicode_format::format(op, args, kwds) })
}

const F: c_int = METH_FASTCALL;
const FK: c_int = METH_FASTCALL | METH_KEYWORDS;

pub static mut UNICODE_METHODS: [PyMethodDef; 51] = [
    method(c"encode", m_encode as *const (), FK, c"Encode the string using the codec registered for encoding."),
    method(c"replace", m_replace as *const (), F, c"Return a copy with all occurrences of substring old replaced by new."),
    method(c"split", m_split as *const (), FK, c"Return a list of the substrings in the string, using sep as the separator string."),
    method(c"rsplit", m_rsplit as *const (), FK, c"Return a list of the substrings in the string, using sep as the separator string."),
    method(c"join", m_join as *const (), METH_O, c"Concatenate any number of strings."),
    method(c"capitalize", m_capitalize as *const (), METH_NOARGS, c"Return a capitalized version of the string."),
    method(c"casefold", m_casefold as *const (), METH_NOARGS, c"Return a version of the string suitable for caseless comparisons."),
    method(c"title", m_title as *const (), METH_NOARGS, c"Return a version of the string where each word is titlecased."),
    method(c"center", m_center as *const (), F, c"Return a centered string of length width."),
    method(c"count", m_count as *const (), F, c"S.count(sub[, start[, end]]) -> int"),
    method(c"expandtabs", m_expandtabs as *const (), FK, c"Return a copy where all tab characters are expanded using spaces."),
    method(c"find", m_find as *const (), F, c"S.find(sub[, start[, end]]) -> int"),
    method(c"partition", m_partition as *const (), METH_O, c"Partition the string into three parts using the given separator."),
    method(c"index", m_index as *const (), F, c"S.index(sub[, start[, end]]) -> int"),
    method(c"ljust", m_ljust as *const (), F, c"Return a left-justified string of length width."),
    method(c"lower", m_lower as *const (), METH_NOARGS, c"Return a copy of the string converted to lowercase."),
    method(c"lstrip", m_lstrip as *const (), F, c"Return a copy of the string with leading whitespace removed."),
    method(c"rfind", m_rfind as *const (), F, c"S.rfind(sub[, start[, end]]) -> int"),
    method(c"rindex", m_rindex as *const (), F, c"S.rindex(sub[, start[, end]]) -> int"),
    method(c"rjust", m_rjust as *const (), F, c"Return a right-justified string of length width."),
    method(c"rstrip", m_rstrip as *const (), F, c"Return a copy of the string with trailing whitespace removed."),
    method(c"rpartition", m_rpartition as *const (), METH_O, c"Partition the string into three parts using the given separator."),
    method(c"splitlines", m_splitlines as *const (), FK, c"Return a list of the lines in the string, breaking at line boundaries."),
    method(c"strip", m_strip as *const (), F, c"Return a copy of the string with leading and trailing whitespace removed."),
    method(c"swapcase", m_swapcase as *const (), METH_NOARGS, c"Convert uppercase characters to lowercase and lowercase characters to uppercase."),
    method(c"translate", m_translate as *const (), METH_O, c"Replace each character in the string using the given translation table."),
    method(c"upper", m_upper as *const (), METH_NOARGS, c"Return a copy of the string converted to uppercase."),
    method(c"startswith", m_startswith as *const (), F, c"S.startswith(prefix[, start[, end]]) -> bool"),
    method(c"endswith", m_endswith as *const (), F, c"S.endswith(suffix[, start[, end]]) -> bool"),
    method(c"removeprefix", m_removeprefix as *const (), METH_O, c"Return a str with the given prefix string removed if present."),
    method(c"removesuffix", m_removesuffix as *const (), METH_O, c"Return a str with the given suffix string removed if present."),
    method(c"isascii", m_isascii as *const (), METH_NOARGS, c"Return True if all characters in the string are ASCII, False otherwise."),
    method(c"islower", m_islower as *const (), METH_NOARGS, c"Return True if the string is a lowercase string, False otherwise."),
    method(c"isupper", m_isupper as *const (), METH_NOARGS, c"Return True if the string is an uppercase string, False otherwise."),
    method(c"istitle", m_istitle as *const (), METH_NOARGS, c"Return True if the string is a title-cased string, False otherwise."),
    method(c"isspace", m_isspace as *const (), METH_NOARGS, c"Return True if the string is a whitespace string, False otherwise."),
    method(c"isdecimal", m_isdecimal as *const (), METH_NOARGS, c"Return True if the string is a decimal string, False otherwise."),
    method(c"isdigit", m_isdigit as *const (), METH_NOARGS, c"Return True if the string is a digit string, False otherwise."),
    method(c"isnumeric", m_isnumeric as *const (), METH_NOARGS, c"Return True if the string is a numeric string, False otherwise."),
    method(c"isalpha", m_isalpha as *const (), METH_NOARGS, c"Return True if the string is an alphabetic string, False otherwise."),
    method(c"isalnum", m_isalnum as *const (), METH_NOARGS, c"Return True if the string is an alpha-numeric string, False otherwise."),
    method(c"isidentifier", m_isidentifier as *const (), METH_NOARGS, c"Return True if the string is a valid Python identifier, False otherwise."),
    method(c"isprintable", m_isprintable as *const (), METH_NOARGS, c"Return True if the string is printable, False otherwise."),
    method(c"zfill", m_zfill as *const (), METH_O, c"Pad a numeric string with zeros on the left, to fill a field of the given width."),
    method(c"format", m_format as *const (), METH_VARARGS | METH_KEYWORDS, c"S.format(*args, **kwargs) -> str"),
    method(c"format_map", m_format_map as *const (), METH_O, c"S.format_map(mapping) -> str"),
    method(c"__format__", m_format_spec as *const (), METH_O, c"Return a formatted version of the string as described by format_spec."),
    method(c"maketrans", m_maketrans as *const (), F | METH_STATIC, c"Return a translation table usable for str.translate()."),
    method(c"__sizeof__", m_sizeof as *const (), METH_NOARGS, c"Return the size of the string in memory, in bytes."),
    method(c"__getnewargs__", m_getnewargs as *const (), METH_NOARGS, c""),
    METHOD_END,
];

// ---- case ---------------------------------------------------------------------------------

unsafe fn lower(op: *mut PyObject) -> PyResult<Obj> {
    let s = cps(op);
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        push_lower(&s, i, &mut out);
    }
    mk(&out)
}

unsafe fn upper(op: *mut PyObject) -> PyResult<Obj> {
    let mut out = Vec::new();
    for c in str_::code_points(op) {
        push_map(c, 1, &mut out);
    }
    mk(&out)
}

unsafe fn casefold(op: *mut PyObject) -> PyResult<Obj> {
    let mut out = Vec::new();
    for c in str_::code_points(op) {
        push_map(c, 3, &mut out);
    }
    mk(&out)
}

unsafe fn swapcase(op: *mut PyObject) -> PyResult<Obj> {
    let s = cps(op);
    let mut out = Vec::new();
    for (i, &c) in s.iter().enumerate() {
        if is_upper(c) {
            push_lower(&s, i, &mut out);
        } else if is_lower(c) {
            push_map(c, 1, &mut out);
        } else {
            out.push(c);
        }
    }
    mk(&out)
}

unsafe fn capitalize(op: *mut PyObject) -> PyResult<Obj> {
    let s = cps(op);
    let mut out = Vec::new();
    for i in 0..s.len() {
        if i == 0 {
            push_map(s[0], 2, &mut out);
        } else {
            push_lower(&s, i, &mut out);
        }
    }
    mk(&out)
}

unsafe fn title(op: *mut PyObject) -> PyResult<Obj> {
    let s = cps(op);
    let mut out = Vec::new();
    let mut prev_cased = false;
    for (i, &c) in s.iter().enumerate() {
        if prev_cased {
            push_lower(&s, i, &mut out);
        } else {
            push_map(c, 2, &mut out);
        }
        prev_cased = is_cased(c);
    }
    mk(&out)
}

// ---- predicates ---------------------------------------------------------------------------

unsafe fn all_nonempty(op: *mut PyObject, f: impl Fn(u32) -> bool) -> PyResult<Obj> {
    ret_bool(str_::len(op) > 0 && str_::code_points(op).all(f))
}

unsafe fn isalnum(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, is_alnum)
}
unsafe fn isalpha(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| props(c) & db::ALPHA != 0)
}
unsafe fn isdecimal(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, is_decimal)
}
unsafe fn isdigit(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| props(c) & db::DIGIT != 0)
}
unsafe fn isnumeric(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, |c| props(c) & db::NUMERIC != 0)
}
unsafe fn isspace(op: *mut PyObject) -> PyResult<Obj> {
    all_nonempty(op, is_space)
}
unsafe fn isascii(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(str_::code_points(op).all(|c| c < 0x80))
}
unsafe fn isprintable(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(str_::code_points(op).all(is_printable))
}

/// The rule of str.isidentifier (without the keyword check).
pub(crate) fn is_identifier(s: &[u32]) -> bool {
    match s.split_first() {
        None => false,
        Some((&first, rest)) => {
            (first == '_' as u32 || props(first) & db::XID_START != 0) && rest.iter().all(|&c| props(c) & db::XID_CONTINUE != 0)
        }
    }
}

unsafe fn isidentifier(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(is_identifier(&cps(op)))
}

unsafe fn islower(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::all_cased(str_::code_points(op), is_lower, |c| is_upper(c) || is_title(c)))
}

unsafe fn isupper(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::all_cased(str_::code_points(op), is_upper, |c| is_lower(c) || is_title(c)))
}

unsafe fn istitle(op: *mut PyObject) -> PyResult<Obj> {
    ret_bool(stringlib::is_titled(str_::code_points(op), |c| is_upper(c) || is_title(c), is_lower))
}

// ---- padding ------------------------------------------------------------------------------

unsafe fn fill_arg(func: &str, a: &[*mut PyObject]) -> PyResult<(isize, u32)> {
    crate::protocol::args::check_positional(func, a.len(), 1, 2)?;
    let width = ssize(a[0])?;
    let fill = match a.get(1) {
        None => ' ' as u32,
        Some(&f) => {
            if !str_::check(f) {
                return Err(raise(exc::type_error(), format!("The fill character must be a unicode character, not {}", type_name(f))));
            }
            if str_::len(f) != 1 {
                return Err(raise(exc::type_error(), "The fill character must be exactly one character long"));
            }
            str_::read_char(f, 0)
        }
    };
    Ok((width, fill))
}

unsafe fn padded(op: *mut PyObject, left: usize, right: usize, fill: u32) -> PyResult<Obj> {
    if left == 0 && right == 0 {
        return unchanged(op);
    }
    let mut out = Vec::new();
    grow(&mut out, left.saturating_add(right).saturating_add(str_::len(op) as usize))?;
    out.extend(std::iter::repeat(fill).take(left));
    out.extend(str_::code_points(op));
    out.extend(std::iter::repeat(fill).take(right));
    mk(&out)
}

unsafe fn center(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (width, fill) = fill_arg("center", a)?;
    let len = str_::len(op);
    if width <= len {
        return unchanged(op);
    }
    let (left, right) = stringlib::center_margins(len as usize, width as usize);
    padded(op, left, right, fill)
}

unsafe fn ljust(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (width, fill) = fill_arg("ljust", a)?;
    padded(op, 0, width.saturating_sub(str_::len(op)).max(0) as usize, fill)
}

unsafe fn rjust(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (width, fill) = fill_arg("rjust", a)?;
    padded(op, width.saturating_sub(str_::len(op)).max(0) as usize, 0, fill)
}

unsafe fn zfill(op: *mut PyObject, w: *mut PyObject) -> PyResult<Obj> {
    let width = ssize(w)?;
    let len = str_::len(op);
    if width <= len {
        return unchanged(op);
    }
    mk(&stringlib::zero_fill(str_::code_points(op), len as usize, width as usize)?)
}

unsafe fn expandtabs(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let tabsize = stringlib::tabsize_arg(args, n, kw)?;
    let out = stringlib::expand_tabs(str_::code_points(op), tabsize)?;
    if !str_::code_points(op).any(|c| c == '\t' as u32) {
        return unchanged(op);
    }
    mk(&out)
}

// ---- searching ----------------------------------------------------------------------------

/// find/rfind/index/rindex/count: Ok(None) when not found.
unsafe fn search(op: *mut PyObject, a: &[*mut PyObject], func: &str, rev: bool) -> PyResult<Option<usize>> {
    let (sub, start, end) = find_args(func, a)?;
    let sub = want_str_plain(sub)?;
    let h = View(op);
    let (start, end) = adjust(start, end, h.n() as isize);
    if start > h.n() as isize || end < start {
        return Ok(None);
    }
    let (s, e) = (start as usize, end as usize);
    Ok(if rev { rfind_in(&h, &sub, s, e) } else { find_in(&h, &sub, s, e) })
}

unsafe fn find(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    int(search(op, a, "find", false)?.map(|p| p as i64).unwrap_or(-1))
}
unsafe fn rfind(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    int(search(op, a, "rfind", true)?.map(|p| p as i64).unwrap_or(-1))
}
unsafe fn index(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    match search(op, a, "index", false)? {
        Some(p) => int(p as i64),
        None => Err(raise(exc::value_error(), "substring not found")),
    }
}
unsafe fn rindex(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    match search(op, a, "rindex", true)? {
        Some(p) => int(p as i64),
        None => Err(raise(exc::value_error(), "substring not found")),
    }
}

unsafe fn count(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    let (sub, start, end) = find_args("count", a)?;
    let sub = want_str_plain(sub)?;
    let h = View(op);
    let (start, end) = adjust(start, end, h.n() as isize);
    if start > h.n() as isize || end < start {
        return int(0);
    }
    int(count_in(&h, &sub, start as usize, end as usize, usize::MAX) as i64)
}

unsafe fn tailmatch(op: *mut PyObject, a: &[*mut PyObject], func: &str, at_end: bool) -> PyResult<Obj> {
    let (sub, start, end) = find_args(func, a)?;
    let h = View(op);
    let matches = |s: &[u32]| -> bool {
        let (start, mut end) = adjust(start, end, h.n() as isize);
        end -= s.len() as isize;
        if end < start {
            return false;
        }
        if s.is_empty() {
            return true;
        }
        let at = if at_end { end as usize } else { start as usize };
        matches_at(&h, s, at)
    };
    if tuple::check(sub) {
        for &item in tuple::items(sub) {
            if !str_::check(item) {
                return Err(raise(exc::type_error(), format!("tuple for {func} must only contain str, not {}", type_name(item))));
            }
            if matches(&cps(item)) {
                return ret_bool(true);
            }
        }
        return ret_bool(false);
    }
    if !str_::check(sub) {
        return Err(raise(exc::type_error(), format!("{func} first arg must be str or a tuple of str, not {}", type_name(sub))));
    }
    ret_bool(matches(&cps(sub)))
}

unsafe fn startswith(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    tailmatch(op, a, "startswith", false)
}
unsafe fn endswith(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    tailmatch(op, a, "endswith", true)
}

// ---- stripping, prefixes --------------------------------------------------------------------

unsafe fn do_strip(op: *mut PyObject, a: &[*mut PyObject], func: &str, left: bool, right: bool) -> PyResult<Obj> {
    crate::protocol::args::check_positional(func, a.len(), 0, 1)?;
    let set: Option<Vec<u32>> = match a.first() {
        None => None,
        Some(&v) if noneobject::is_none(v) => None,
        Some(&v) if str_::check(v) => Some(cps(v)),
        Some(_) => return Err(raise(exc::type_error(), format!("{func} arg must be None or str"))),
    };
    let strip_it = |c: u32| match &set {
        None => is_space(c),
        Some(s) => s.contains(&c),
    };
    let s = cps(op);
    let (i, j) = stringlib::strip_range(&s, left, right, strip_it);
    if i == 0 && j == s.len() {
        return unchanged(op);
    }
    mk(&s[i..j])
}

unsafe fn strip(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    do_strip(op, a, "strip", true, true)
}
unsafe fn lstrip(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    do_strip(op, a, "lstrip", true, false)
}
unsafe fn rstrip(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    do_strip(op, a, "rstrip", false, true)
}

unsafe fn removeprefix(op: *mut PyObject, p: *mut PyObject) -> PyResult<Obj> {
    let p = want_str("removeprefix", "", p).map_err(|_| {
        crate::err::clear();
        raise(exc::type_error(), format!("removeprefix() argument must be str, not {}", arg_type_name(p)))
    })?;
    let s = cps(op);
    if !p.is_empty() && s.starts_with(&p) {
        return mk(&s[p.len()..]);
    }
    unchanged(op)
}

unsafe fn removesuffix(op: *mut PyObject, p: *mut PyObject) -> PyResult<Obj> {
    let p = want_str("removesuffix", "", p).map_err(|_| {
        crate::err::clear();
        raise(exc::type_error(), format!("removesuffix() argument must be str, not {}", arg_type_name(p)))
    })?;
    let s = cps(op);
    if !p.is_empty() && s.ends_with(&p) {
        return mk(&s[..s.len() - p.len()]);
    }
    unchanged(op)
}

// ---- replace, join, partition, split -------------------------------------------------------

unsafe fn replace(op: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("replace", a.len(), 2, 3)?;
    let old = want_str("replace", "1", a[0])?;
    let new = want_str("replace", "2", a[1])?;
    let mut max = match a.get(2) {
        Some(&c) => ssize(c)?,
        None => -1,
    };
    if max < 0 {
        max = isize::MAX;
    }
    let s = cps(op);
    let max = max as usize;
    if max == 0 || (old.is_empty() && new.is_empty()) {
        return unchanged(op);
    }
    let mut out = Vec::new();
    let mut n = 0;
    if old.is_empty() {
        for (i, &c) in s.iter().enumerate() {
            if n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < max {
            out.extend_from_slice(&new);
            n += 1;
        }
        let _ = n;
        return mk(&out);
    }
    let mut i = 0;
    while n < max {
        match find_in(&s, &old, i, s.len()) {
            Some(p) => {
                out.extend_from_slice(&s[i..p]);
                out.extend_from_slice(&new);
                i = p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    if n == 0 {
        return unchanged(op);
    }
    out.extend_from_slice(&s[i..]);
    mk(&out)
}

/// `sep.join(iterable)`, with CPython's messages.
pub unsafe fn join_items(sep: *mut PyObject, iterable: *mut PyObject) -> PyResult<Obj> {
    let items = match crate::protocol::iter::get_iter(iterable) {
        Ok(it) => {
            let mut v = Vec::new();
            while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
                v.push(x);
            }
            v
        }
        Err(_) => {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                return Err(raise(exc::type_error(), "can only join an iterable"));
            }
            return Err(crate::err::ErrSet::assume_set());
        }
    };
    if items.len() == 1 && str_::check_exact(items[0].as_ptr()) {
        return Ok(items[0].clone());
    }
    let s = cps(sep);
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if !str_::check(it.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("sequence item {i}: expected str instance, {} found", type_name(it.as_ptr())),
            ));
        }
        if i > 0 {
            out.extend_from_slice(&s);
        }
        out.extend(str_::code_points(it.as_ptr()));
    }
    mk(&out)
}

unsafe fn join(op: *mut PyObject, it: *mut PyObject) -> PyResult<Obj> {
    join_items(op, it)
}

unsafe fn do_partition(op: *mut PyObject, sep: *mut PyObject, rev: bool) -> PyResult<Obj> {
    let sp = want_str_plain(sep)?;
    if sp.is_empty() {
        return Err(raise(exc::value_error(), "empty separator"));
    }
    let s = cps(op);
    let found = if rev { rfind_in(&s, &sp, 0, s.len()) } else { find_in(&s, &sp, 0, s.len()) };
    let e = str_::empty();
    match found {
        None => {
            let whole = unchanged(op)?;
            if rev {
                tuple::pack(&[e.as_ptr(), e.as_ptr(), whole.as_ptr()])
            } else {
                tuple::pack(&[whole.as_ptr(), e.as_ptr(), e.as_ptr()])
            }
        }
        Some(p) => {
            let a = mk(&s[..p])?;
            let sepo = if str_::check_exact(sep) { Obj::from_borrowed(sep) } else { mk(&sp)? };
            let b = mk(&s[p + sp.len()..])?;
            tuple::pack(&[a.as_ptr(), sepo.as_ptr(), b.as_ptr()])
        }
    }
}

unsafe fn partition(op: *mut PyObject, sep: *mut PyObject) -> PyResult<Obj> {
    do_partition(op, sep, false)
}
unsafe fn rpartition(op: *mut PyObject, sep: *mut PyObject) -> PyResult<Obj> {
    do_partition(op, sep, true)
}

unsafe fn split_args(func: &str, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<(Option<Vec<u32>>, usize)> {
    let a = parse_kw(func, args, n, kw, &["sep", "maxsplit"], 0)?;
    let sep = match a[0] {
        None => None,
        Some(v) if noneobject::is_none(v) => None,
        Some(v) if str_::check(v) => Some(cps(v)),
        Some(v) => return Err(raise(exc::type_error(), format!("must be str or None, not {}", type_name(v)))),
    };
    let max = match a[1] {
        None => -1,
        Some(v) => ssize(v)?,
    };
    if let Some(s) = &sep {
        if s.is_empty() {
            return Err(raise(exc::value_error(), "empty separator"));
        }
    }
    Ok((sep, if max < 0 { usize::MAX } else { max as usize }))
}

unsafe fn pieces(op: *mut PyObject, s: &[u32], ranges: Vec<(usize, usize)>) -> PyResult<Obj> {
    let mut items = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        if a == 0 && b == s.len() && str_::check_exact(op) {
            items.push(Obj::from_borrowed(op));
        } else {
            items.push(mk(&s[a..b])?);
        }
    }
    list_of(items)
}

unsafe fn split(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let (sep, max) = split_args("split", args, n, kw)?;
    let s = cps(op);
    let r = stringlib::split_ranges(&s, sep.as_deref(), max, false, is_space);
    pieces(op, &s, r)
}

unsafe fn rsplit(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let (sep, max) = split_args("rsplit", args, n, kw)?;
    let s = cps(op);
    let r = stringlib::split_ranges(&s, sep.as_deref(), max, true, is_space);
    pieces(op, &s, r)
}

unsafe fn splitlines(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let keep = stringlib::keepends_arg(args, n, kw)?;
    let s = cps(op);
    let ranges = stringlib::line_ranges(&s, is_linebreak, keep);
    pieces(op, &s, ranges)
}

// ---- translate, maketrans -------------------------------------------------------------------

unsafe fn translate(op: *mut PyObject, table: *mut PyObject) -> PyResult<Obj> {
    let mut out = Vec::new();
    let mut cache: std::collections::HashMap<u32, Option<Vec<u32>>> = std::collections::HashMap::new();
    for c in str_::code_points(op) {
        if let Some(r) = cache.get(&c) {
            if let Some(v) = r {
                out.extend_from_slice(v);
            }
            continue;
        }
        let key = long::from_i64(c as i64);
        let r: Option<Vec<u32>> = match crate::protocol::sequence::getitem(table, key.as_ptr()) {
            Err(e) => {
                if crate::err::exception_matches(exc::lookup_error()) {
                    crate::err::clear();
                    Some(vec![c])
                } else {
                    return Err(e);
                }
            }
            Ok(v) => {
                let v = v.as_ptr();
                if noneobject::is_none(v) {
                    None
                } else if long::check(v) {
                    match long::as_i64(v) {
                        Some(x) if (0..=0x10ffff).contains(&x) => Some(vec![x as u32]),
                        _ => return Err(raise(exc::value_error(), "character mapping must be in range(0x110000)")),
                    }
                } else if str_::check(v) {
                    Some(cps(v))
                } else {
                    return Err(raise(exc::type_error(), "character mapping must return integer, None or str"));
                }
            }
        };
        if let Some(v) = &r {
            out.extend_from_slice(v);
        }
        cache.insert(c, r);
    }
    mk(&out)
}

unsafe fn maketrans(_cls: *mut PyObject, a: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::args::check_positional("maketrans", a.len(), 1, 3)?;
    let d = dict::new()?;
    if a.len() == 1 {
        let x = a[0];
        if !dict::check(x) {
            return Err(raise(exc::type_error(), "if you give only one argument to maketrans it must be a dict"));
        }
        for (k, v) in dict::entries(x) {
            if str_::check(k) {
                if str_::len(k) != 1 {
                    return Err(raise(exc::value_error(), "string keys in translate table must be of length 1"));
                }
                let key = long::from_i64(str_::read_char(k, 0) as i64);
                dict::set_item(d.as_ptr(), key.as_ptr(), v)?;
            } else if long::check(k) {
                dict::set_item(d.as_ptr(), k, v)?;
            } else {
                return Err(raise(exc::type_error(), "keys in translate table must be strings or integers"));
            }
        }
        return Ok(d);
    }
    let y = want_str("maketrans", "2", a[1])?;
    let z = match a.get(2) {
        Some(&z) => want_str("maketrans", "3", z)?,
        None => Vec::new(),
    };
    if !str_::check(a[0]) {
        return Err(raise(exc::type_error(), "first maketrans argument must be a string if there is a second argument"));
    }
    let x = cps(a[0]);
    if x.len() != y.len() {
        return Err(raise(exc::value_error(), "the first two maketrans arguments must have equal length"));
    }
    for (&k, &v) in x.iter().zip(y.iter()) {
        let key = long::from_i64(k as i64);
        let val = long::from_i64(v as i64);
        dict::set_item(d.as_ptr(), key.as_ptr(), val.as_ptr())?;
    }
    for &k in &z {
        let key = long::from_i64(k as i64);
        dict::set_item(d.as_ptr(), key.as_ptr(), noneobject::none())?;
    }
    Ok(d)
}

// ---- dunders --------------------------------------------------------------------------------

unsafe fn getnewargs(op: *mut PyObject) -> PyResult<Obj> {
    let copy = mk(&cps(op))?;
    tuple::pack(&[copy.as_ptr()])
}

unsafe fn sizeof(op: *mut PyObject) -> PyResult<Obj> {
    let n = str_::len(op) as usize;
    let compact = (*(op as *mut PyASCIIObject)).state & STATE_COMPACT != 0;
    let size = if !compact {
        std::mem::size_of::<PyUnicodeObject>() + (n + 1) * str_::kind(op) as usize
    } else if str_::is_ascii(op) {
        std::mem::size_of::<PyASCIIObject>() + n + 1
    } else {
        std::mem::size_of::<PyCompactUnicodeObject>() + (n + 1) * str_::kind(op) as usize
    };
    int(size as i64)
}

// ---- codecs -------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

/// CPython's encoding-name normalisation (lower case, runs of punctuation to '_') and the
/// aliases of the three codecs Ferric has; other names raise LookupError.
pub(crate) fn codec(name: &str) -> PyResult<Codec> {
    let mut norm = String::new();
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            punct = false;
            norm.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Ok(Codec::Utf8),
        "ascii" | "us_ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii"
        | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "iso_ir_100"
        | "ibm819" | "csisolatin1" | "iso_8859_1_1987" => Ok(Codec::Latin1),
        _ => Err(raise(exc::lookup_error(), format!("unknown encoding: {name}"))),
    }
}

pub(crate) fn codec_name(c: Codec) -> &'static str {
    match c {
        Codec::Utf8 => "utf-8",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "latin-1",
    }
}

fn unknown_handler(errors: &str) -> crate::err::ErrSet {
    raise(exc::lookup_error(), format!("unknown error handler name '{errors}'"))
}

fn push_utf8(c: u32, out: &mut Vec<u8>) {
    if c < 0x80 {
        out.push(c as u8);
    } else if c < 0x800 {
        out.extend_from_slice(&[0xc0 | (c >> 6) as u8, 0x80 | (c & 0x3f) as u8]);
    } else if c < 0x10000 {
        out.extend_from_slice(&[0xe0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]);
    } else {
        out.extend_from_slice(&[
            0xf0 | (c >> 18) as u8,
            0x80 | ((c >> 12) & 0x3f) as u8,
            0x80 | ((c >> 6) & 0x3f) as u8,
            0x80 | (c & 0x3f) as u8,
        ]);
    }
}

/// Encodes `op` (str.encode and PyUnicode_AsEncodedString for the built-in codecs).
pub unsafe fn encode(op: *mut PyObject, encoding: &str, errors: &str) -> PyResult<Obj> {
    let c = codec(encoding)?;
    let s = cps(op);
    let ok = |ch: u32| match c {
        Codec::Utf8 => !(0xd800..0xe000).contains(&ch),
        Codec::Ascii => ch < 0x80,
        Codec::Latin1 => ch < 0x100,
    };
    let reason = match c {
        Codec::Utf8 => "surrogates not allowed",
        Codec::Ascii => "ordinal not in range(128)",
        Codec::Latin1 => "ordinal not in range(256)",
    };
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let ch = s[i];
        if ok(ch) {
            if c == Codec::Utf8 {
                push_utf8(ch, &mut out);
            } else {
                out.push(ch as u8);
            }
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < s.len() && !ok(s[end]) {
            end += 1;
        }
        let strict = || crate::objects::exceptions::unicode_encode_error(codec_name(c), op, i, end, reason);
        match errors {
            "strict" => return Err(strict()),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(end - i)), // bounded by the input
            "backslashreplace" => {
                for &ch in &s[i..end] {
                    let esc = if ch < 0x100 {
                        format!("\\x{ch:02x}")
                    } else if ch < 0x10000 {
                        format!("\\u{ch:04x}")
                    } else {
                        format!("\\U{ch:08x}")
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &ch in &s[i..end] {
                    out.extend_from_slice(format!("&#{ch};").as_bytes());
                }
            }
            "surrogateescape" => {
                for (k, &ch) in s[i..end].iter().enumerate() {
                    if !(0xdc80..=0xdcff).contains(&ch) {
                        return Err(crate::objects::exceptions::unicode_encode_error(codec_name(c), op, i + k, end, reason));
                    }
                    out.push((ch - 0xdc00) as u8);
                }
            }
            "surrogatepass" if c == Codec::Utf8 => {
                for &ch in &s[i..end] {
                    push_utf8(ch, &mut out);
                }
            }
            "surrogatepass" => return Err(strict()),
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    bytesobject::from_slice(&out)
}

/// Decodes bytes with a built-in codec (bytes.decode, str(b, encoding, errors)).
pub unsafe fn decode(b: &[u8], encoding: &str, errors: &str) -> PyResult<Obj> {
    let c = codec(encoding)?;
    match c {
        Codec::Latin1 => return mk(&b.iter().map(|&x| x as u32).collect::<Vec<_>>()),
        Codec::Utf8 if errors == "strict" => return str_::from_utf8(b),
        _ => {}
    }
    let mut out: Vec<u32> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let (start, end, reason): (usize, usize, &str) = if c == Codec::Ascii {
            let j = b[i..].iter().position(|&x| x >= 0x80).map(|p| p + i).unwrap_or(b.len());
            out.extend(b[i..j].iter().map(|&x| x as u32));
            if j == b.len() {
                break;
            }
            (j, j + 1, "ordinal not in range(128)")
        } else {
            match std::str::from_utf8(&b[i..]) {
                Ok(s) => {
                    out.extend(s.chars().map(|ch| ch as u32));
                    break;
                }
                Err(e) => {
                    let good = i + e.valid_up_to();
                    // These bytes were just validated (valid_up_to).
                    out.extend(std::str::from_utf8(&b[i..good]).unwrap_or("").chars().map(|ch| ch as u32));
                    match e.error_len() {
                        Some(n) => {
                            let first = b[good];
                            let r = if (0x80..0xc2).contains(&first) || first > 0xf4 {
                                "invalid start byte"
                            } else {
                                "invalid continuation byte"
                            };
                            (good, good + n, r)
                        }
                        None => (good, b.len(), "unexpected end of data"),
                    }
                }
            }
        };
        let name = codec_name(c);
        match errors {
            "strict" => return Err(crate::objects::exceptions::unicode_decode_error(name, b, start, end, reason)),
            "ignore" => {}
            "replace" => out.push(0xfffd),
            "backslashreplace" => {
                for &x in &b[start..end] {
                    out.extend(format!("\\x{x:02x}").chars().map(|ch| ch as u32));
                }
            }
            "surrogateescape" => out.extend(b[start..end].iter().map(|&x| 0xdc00 + x as u32)),
            "surrogatepass" if c == Codec::Utf8 && end - start >= 1 && b.len() >= start + 3 && b[start] == 0xed && (0xa0..0xc0).contains(&b[start + 1]) && (0x80..0xc0).contains(&b[start + 2]) => {
                out.push(0xd000 | ((b[start + 1] as u32 & 0x3f) << 6) | (b[start + 2] as u32 & 0x3f));
                i = start + 3;
                continue;
            }
            "surrogatepass" => return Err(crate::objects::exceptions::unicode_decode_error(name, b, start, end, reason)),
            _ => return Err(unknown_handler(errors)),
        }
        i = end;
    }
    mk(&out)
}

pub(crate) unsafe fn str_arg(func: &str, name: &str, v: Option<*mut PyObject>, default: &'static str) -> PyResult<String> {
    match v {
        None => Ok(default.to_owned()),
        Some(v) if str_::check(v) => Ok(str_::as_str(v)?.to_owned()),
        Some(v) => Err(raise(exc::type_error(), format!("{func}() argument '{name}' must be str, not {}", arg_type_name(v)))),
    }
}

unsafe fn encode_method(op: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kw: *mut PyObject) -> PyResult<Obj> {
    let a = parse_kw("encode", args, n, kw, &["encoding", "errors"], 0)?;
    let enc = str_arg("encode", "encoding", a[0], "utf-8")?;
    let errors = str_arg("encode", "errors", a[1], "strict")?;
    encode(op, &enc, &errors)
}

/// `str(object='', encoding='utf-8', errors='strict')` with an encoding or errors: decodes.
pub unsafe fn str_decode(obj: *mut PyObject, encoding: Option<*mut PyObject>, errors: Option<*mut PyObject>) -> PyResult<Obj> {
    let enc = str_arg("str", "encoding", encoding, "utf-8")?;
    let errs = str_arg("str", "errors", errors, "strict")?;
    if str_::check(obj) {
        return Err(raise(exc::type_error(), "decoding str is not supported"));
    }
    if bytesobject::check(obj) {
        return decode(bytesobject::as_slice(obj), &enc, &errs);
    }
    if !crate::protocol::buffer::has_buffer(obj) {
        return Err(raise(
            exc::type_error(),
            format!("decoding to str: need a bytes-like object, {} found", type_name(obj)),
        ));
    }
    let buf = crate::protocol::buffer::Buffer::get(obj)?;
    decode(&buf, &enc, &errs)
}
