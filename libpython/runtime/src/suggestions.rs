//! "Did you mean" suggestions for the report of an uncaught AttributeError or NameError
//! (CPython 3.11's Python/suggestions.c): the closest name by an edit distance where a case
//! flip costs half of any other edit.

use crate::err::{self, PyResult};
use crate::ffi::*;
use crate::object::*;
use crate::objects::exceptions::{PyAttributeErrorObject, PyNameErrorObject, _PyExc_AttributeError, _PyExc_NameError};
use crate::objects::{listobject as list, unicodeobject as str_};
use crate::protocol::object as proto;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance of two UTF-8 strings, or `max_cost + 1` once it is known to exceed it.
pub fn levenshtein_distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    // Common prefixes and suffixes cost nothing.
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    // One row of the matrix, updated in place: row[i] is the cost of b[..j] to a[..i + 1].
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (j, &code) in b.iter().enumerate() {
        let mut diagonal = j * MOVE_COST;
        result = diagonal;
        let mut minimum = usize::MAX;
        for (i, &ai) in a.iter().enumerate() {
            let substitute = diagonal + substitution_cost(code, ai);
            diagonal = row[i];
            result = (result.min(diagonal) + MOVE_COST).min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough; errors (a non-str candidate)
/// give no suggestion, as in CPython.
unsafe fn closest(candidates: &[*mut PyObject], name: &str) -> PyResult<Option<String>> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return Ok(None);
    }
    let mut best: Option<(&str, usize)> = None;
    for &item in candidates {
        if !str_::check(item) {
            return Err(crate::err::raise(crate::exc::type_error(), "bad argument type"));
        }
        let s = str_::as_str(item)?;
        if s == name {
            continue;
        }
        // No more than a third of the characters involved may change.
        let mut max = (name.len() + s.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = levenshtein_distance(name.as_bytes(), s.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.map_or(true, |(_, bd)| d < bd) {
            best = Some((s, d));
        }
    }
    Ok(best.map(|(s, _)| s.to_owned()))
}

unsafe fn closest_in(seq: *mut PyObject, name: &str) -> PyResult<Option<String>> {
    let l = crate::protocol::iter::collect(seq)?;
    let items: Vec<*mut PyObject> = l.iter().map(|o| o.as_ptr()).collect();
    closest(&items, name)
}

unsafe fn for_attribute_error(v: *mut PyObject) -> PyResult<Option<String>> {
    let e = v as *mut PyAttributeErrorObject;
    let (name, obj) = ((*e).name, (*e).obj);
    if name.is_null() || obj.is_null() || !str_::check_exact(name) {
        return Ok(None);
    }
    let dir = crate::modules::builtins::dir_of(obj)?;
    closest(list::items(dir.as_ptr()), str_::as_str(name)?)
}

unsafe fn for_name_error(v: *mut PyObject) -> PyResult<Option<String>> {
    let name = (*(v as *mut PyNameErrorObject)).name;
    let mut tb = (*(v as *mut PyBaseExceptionObject)).traceback;
    if name.is_null() || !str_::check_exact(name) || tb.is_null() || !crate::objects::traceback::check(tb) {
        return Ok(None);
    }
    let name = str_::as_str(name)?;
    // The innermost frame is where the name was looked up.
    loop {
        let next = (*(tb as *mut PyTracebackObject)).tb_next as *mut PyObject;
        if next.is_null() || !crate::objects::traceback::check(next) {
            break;
        }
        tb = next;
    }
    let frame = (*(tb as *mut PyTracebackObject)).tb_frame as *mut PyObject;
    let code = proto::getattr_str(frame, "f_code")?;
    let varnames = proto::getattr_str(code.as_ptr(), "co_varnames")?;
    if let Some(s) = closest_in(varnames.as_ptr(), name)? {
        return Ok(Some(s));
    }
    for scope in ["f_globals", "f_builtins"] {
        let d = proto::getattr_str(frame, scope)?;
        if let Some(s) = closest_in(d.as_ptr(), name)? {
            return Ok(Some(s));
        }
    }
    Ok(None)
}

/// The suggestion for exception instance `v` (exactly an AttributeError or a NameError,
/// not a subclass, as CPython), if there is one; never leaves an error set.
pub unsafe fn offer(v: *mut PyObject) -> Option<String> {
    let tp = type_of(v);
    let r = if tp == &raw mut _PyExc_AttributeError {
        for_attribute_error(v)
    } else if tp == &raw mut _PyExc_NameError {
        for_name_error(v)
    } else {
        return None;
    };
    r.unwrap_or_else(|_| {
        err::clear();
        None
    })
}

#[cfg(test)]
mod tests {
    use super::levenshtein_distance as d;

    #[test]
    fn distances() {
        assert_eq!(d(b"abc", b"abc", 100), 0);
        assert_eq!(d(b"abc", b"Abc", 100), 1);
        assert_eq!(d(b"abc", b"abd", 100), 2);
        assert_eq!(d(b"verbos", b"verbose", 100), 2);
        assert_eq!(d(b"timeut", b"timeout", 100), 2);
        assert_eq!(d(b"kitten", b"sitting", 100), 6);
        assert!(d(b"kitten", b"sitting", 3) > 3);
    }
}
