//! Algorithms str and bytes share (CPython's Objects/stringlib/, which it compiles once per
//! character width): written over code units `T` (u8 for bytes, u32 for str code points)
//! and classifier functions, so the two types run the same code.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::PyObject;
use crate::objects::unicode_methods::{as_c_int, grow, parse_kw};

/// A code unit of bytes or str.
pub(crate) trait Unit: Copy + PartialEq + Into<u32> + From<u8> {}
impl Unit for u8 {}
impl Unit for u32 {}

fn is(c: impl Into<u32>, b: u8) -> bool {
    c.into() == b as u32
}

/// istitle: upper (or title) case only after uncased, lower case only after cased, and at
/// least one cased unit.
pub(crate) fn is_titled<T: Unit>(s: impl Iterator<Item = T>, upper: impl Fn(T) -> bool, lower: impl Fn(T) -> bool) -> bool {
    let (mut cased, mut prev_cased) = (false, false);
    for c in s {
        let (u, l) = (upper(c), lower(c));
        if (u && prev_cased) || (l && !prev_cased) {
            return false;
        }
        prev_cased = u || l;
        cased |= prev_cased;
    }
    cased
}

/// islower/isupper: some unit is `want`-cased and none is `other`-cased.
pub(crate) fn all_cased<T: Unit>(s: impl Iterator<Item = T>, want: impl Fn(T) -> bool, other: impl Fn(T) -> bool) -> bool {
    let mut cased = false;
    for c in s {
        if other(c) {
            return false;
        }
        cased |= want(c);
    }
    cased
}

/// The `tabsize=8` argument of expandtabs.
pub(crate) unsafe fn tabsize_arg(args: *const *mut PyObject, n: isize, kw: *mut PyObject) -> PyResult<isize> {
    let a = parse_kw("expandtabs", args, n, kw, &["tabsize"], 0)?;
    Ok(match a[0] {
        Some(v) => as_c_int(v)? as isize,
        None => 8,
    })
}

/// Tabs to spaces up to the next multiple of `tabsize`; columns restart after \n and \r.
pub(crate) fn expand_tabs<T: Unit>(s: impl Iterator<Item = T>, tabsize: isize) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    let mut col: usize = 0;
    for c in s {
        if is(c, b'\t') {
            if tabsize > 0 {
                let incr = tabsize as usize - col % tabsize as usize;
                col += incr;
                if out.len().saturating_add(incr) > (isize::MAX as usize) / 4 {
                    return Err(raise(exc::overflow_error(), "new string is too long"));
                }
                grow(&mut out, incr)?;
                out.extend(std::iter::repeat(T::from(b' ')).take(incr));
            }
        } else {
            col += 1;
            out.push(c);
            if is(c, b'\n') || is(c, b'\r') {
                col = 0;
            }
        }
    }
    Ok(out)
}

/// The left and right padding of center(): the odd unit goes left when the width is odd.
pub(crate) fn center_margins(len: usize, width: usize) -> (usize, usize) {
    let marg = width.saturating_sub(len);
    let left = marg / 2 + (marg & width & 1);
    (left, marg - left)
}

/// `s` padded with zeros on the left to `width`, a leading sign moved in front of them.
pub(crate) fn zero_fill<T: Unit>(s: impl Iterator<Item = T>, len: usize, width: usize) -> PyResult<Vec<T>> {
    let fill = width.saturating_sub(len);
    let mut out: Vec<T> = Vec::new();
    grow(&mut out, fill.saturating_add(len))?;
    out.extend(std::iter::repeat(T::from(b'0')).take(fill));
    out.extend(s);
    if fill < out.len() && (is(out[fill], b'+') || is(out[fill], b'-')) {
        out[0] = out[fill];
        out[fill] = T::from(b'0');
    }
    Ok(out)
}

/// The `keepends=False` argument of splitlines (an int; floats refused).
pub(crate) unsafe fn keepends_arg(args: *const *mut PyObject, n: isize, kw: *mut PyObject) -> PyResult<bool> {
    let a = parse_kw("splitlines", args, n, kw, &["keepends"], 0)?;
    match a[0] {
        None => Ok(false),
        Some(v) => {
            if crate::objects::floatobject::check(v) {
                return Err(raise(exc::type_error(), "'float' object cannot be interpreted as an integer"));
            }
            Ok(as_c_int(v)? != 0)
        }
    }
}

/// The (start, end) of each line; \r\n counts as one break; `keep` keeps the breaks.
pub(crate) fn line_ranges<T: Unit>(s: &[T], is_break: impl Fn(T) -> bool, keep: bool) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let j = i;
        while i < s.len() && !is_break(s[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < s.len() {
            i += if is(s[i], b'\r') && s.get(i + 1).is_some_and(|&c| is(c, b'\n')) { 2 } else { 1 };
            if keep {
                eol = i;
            }
        }
        ranges.push((j, eol));
    }
    ranges
}

/// The first `n` in `h[start..end]`.
pub fn find_at<T: PartialEq>(h: &[T], n: &[T], start: usize, end: usize) -> Option<usize> {
    if start > end || n.len() > end - start {
        return None;
    }
    if n.is_empty() {
        return Some(start);
    }
    if n.len() == 1 {
        return h[start..end].iter().position(|c| *c == n[0]).map(|p| p + start);
    }
    h[start..end].windows(n.len()).position(|w| w == n).map(|p| p + start)
}

/// The last `n` in `h[start..end]`.
pub fn rfind_at<T: PartialEq>(h: &[T], n: &[T], start: usize, end: usize) -> Option<usize> {
    if start > end || n.len() > end - start {
        return None;
    }
    if n.is_empty() {
        return Some(end);
    }
    h[start..end].windows(n.len()).rposition(|w| w == n).map(|p| p + start)
}

/// The pieces of split (`rev`: rsplit, which splits from the right) as ranges, in order;
/// `sep` None splits at runs of whitespace, at most `max` times.
pub(crate) fn split_ranges<T: Unit>(s: &[T], sep: Option<&[T]>, max: usize, rev: bool, is_space: impl Fn(T) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    match sep {
        None if !rev => {
            let mut i = 0;
            let mut left = max;
            loop {
                while i < s.len() && is_space(s[i]) {
                    i += 1;
                }
                if i == s.len() {
                    break;
                }
                if left == 0 {
                    out.push((i, s.len()));
                    break;
                }
                let j = i;
                while i < s.len() && !is_space(s[i]) {
                    i += 1;
                }
                out.push((j, i));
                left -= 1;
            }
        }
        None => {
            let mut j = s.len();
            let mut left = max;
            loop {
                while j > 0 && is_space(s[j - 1]) {
                    j -= 1;
                }
                if j == 0 {
                    break;
                }
                if left == 0 {
                    out.push((0, j));
                    break;
                }
                let e = j;
                while j > 0 && !is_space(s[j - 1]) {
                    j -= 1;
                }
                out.push((j, e));
                left -= 1;
            }
            out.reverse();
        }
        Some(sep) if !rev => {
            let mut i = 0;
            let mut left = max;
            while left > 0 {
                match find_at(s, sep, i, s.len()) {
                    Some(p) => {
                        out.push((i, p));
                        i = p + sep.len();
                        left -= 1;
                    }
                    None => break,
                }
            }
            out.push((i, s.len()));
        }
        Some(sep) => {
            let mut j = s.len();
            let mut left = max;
            while left > 0 {
                match rfind_at(s, sep, 0, j) {
                    Some(p) => {
                        out.push((p + sep.len(), j));
                        j = p;
                        left -= 1;
                    }
                    None => break,
                }
            }
            out.push((0, j));
            out.reverse();
        }
    }
    out
}

/// What strip/lstrip/rstrip keep of `s`: the range left once units `strip_it` accepts are
/// taken off the chosen ends.
pub(crate) fn strip_range<T: Unit>(s: &[T], left: bool, right: bool, strip_it: impl Fn(T) -> bool) -> (usize, usize) {
    let (mut i, mut j) = (0, s.len());
    while left && i < j && strip_it(s[i]) {
        i += 1;
    }
    while right && j > i && strip_it(s[j - 1]) {
        j -= 1;
    }
    (i, j)
}
