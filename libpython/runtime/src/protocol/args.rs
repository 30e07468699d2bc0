//! Argument checks shared by builtin constructors and methods, with CPython's messages.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::dictobject as dict;

pub unsafe fn no_keywords(func: &str, kwds: *mut PyObject) -> PyResult<()> {
    if kwds.is_null() || (dict::check(kwds) && dict::len(kwds) == 0) {
        return Ok(());
    }
    Err(raise(exc::type_error(), format!("{func}() takes no keyword arguments")))
}

pub unsafe fn no_arguments(func: &str, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<()> {
    if (!args.is_null() && size_of_var(args) != 0) || (!kwds.is_null() && dict::len(kwds) != 0) {
        return Err(raise(exc::type_error(), format!("{func} takes no arguments")));
    }
    Ok(())
}

/// CPython's `_PyArg_CheckPositional`: `name expected at least/most N argument(s), got M`.
pub fn check_positional(name: &str, nargs: usize, min: usize, max: usize) -> PyResult<()> {
    if nargs < min {
        let what = if min == max { "" } else { "at least " };
        let s = if min == 1 { "" } else { "s" };
        return Err(raise(exc::type_error(), format!("{name} expected {what}{min} argument{s}, got {nargs}")));
    }
    if nargs > max {
        let what = if min == max { "" } else { "at most " };
        let s = if max == 1 { "" } else { "s" };
        return Err(raise(exc::type_error(), format!("{name} expected {what}{max} argument{s}, got {nargs}")));
    }
    Ok(())
}

/// Binds `args` and `kwds` of a `tp_new`/`tp_init` to the parameter `names` the way
/// Argument Clinic's generated parsers do (positional-or-keyword parameters, the first `min`
/// required), with CPython's messages. Returns borrowed references; absent ones are None.
pub unsafe fn bind(
    func: &str,
    args: *mut PyObject,
    kwds: *mut PyObject,
    names: &[&str],
    min: usize,
) -> PyResult<Vec<Option<*mut PyObject>>> {
    use crate::objects::{tupleobject as tuple, unicodeobject as str_};
    let pos: &[*mut PyObject] = if args.is_null() { &[] } else { tuple::items(args) };
    let nkw = if kwds.is_null() { 0 } else { dict::len(kwds) as usize };
    if pos.len() + nkw > names.len() || pos.len() > names.len() {
        let total = pos.len() + nkw;
        let s = if names.len() == 1 { "" } else { "s" };
        return Err(raise(
            exc::type_error(),
            format!("{func}() takes at most {} argument{s} ({total} given)", names.len()),
        ));
    }
    let mut out: Vec<Option<*mut PyObject>> = names.iter().map(|_| None).collect();
    for (i, &a) in pos.iter().enumerate() {
        out[i] = Some(a);
    }
    if nkw > 0 {
        for (k, v) in dict::entries(kwds) {
            if !str_::check(k) {
                return Err(raise(exc::type_error(), "keywords must be strings"));
            }
            let key = str_::as_str(k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) if out[i].is_some() => {
                    return Err(raise(
                        exc::type_error(),
                        format!("argument for {func}() given by name ('{key}') and position ({})", i + 1),
                    ))
                }
                Some(i) => out[i] = Some(v),
                None => {
                    return Err(raise(
                        exc::type_error(),
                        format!("'{key}' is an invalid keyword argument for {func}()"),
                    ))
                }
            }
        }
    }
    for (i, v) in out.iter().enumerate().take(min) {
        if v.is_none() {
            return Err(raise(
                exc::type_error(),
                format!("{func}() missing required argument '{}' (pos {})", names[i], i + 1),
            ));
        }
    }
    Ok(out)
}

/// CPython's `_PyArg_NoKwnames`.
pub fn no_kwnames(func: &str, kwnames: &[*mut PyObject]) -> PyResult<()> {
    if kwnames.is_empty() {
        return Ok(());
    }
    Err(raise(exc::type_error(), format!("{func}() takes no keyword arguments")))
}

/// Arguments split as a vectorcall passes them: positional ones, keyword names, and
/// keyword values (all borrowed).
pub struct Split<'a> {
    pub pos: &'a [*mut PyObject],
    pub names: &'a [*mut PyObject],
    pub values: &'a [*mut PyObject],
}

/// Runs `f` on the arguments of a vectorcall.
pub unsafe fn with_vectorcall<R>(args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject, f: impl FnOnce(Split) -> R) -> R {
    use crate::objects::tupleobject as tuple;
    let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
    let names: &[*mut PyObject] = if kwnames.is_null() { &[] } else { tuple::items(kwnames) };
    let all = if args.is_null() { &[][..] } else { std::slice::from_raw_parts(args, nargs + names.len()) };
    f(Split { pos: &all[..nargs], names, values: &all[nargs..] })
}

/// Runs `f` on the arguments of a `tp_new`/`tp_init` (tuple and dict) split the same way,
/// so one binding serves both entry points.
pub unsafe fn with_tuple_dict<R>(args: *mut PyObject, kwds: *mut PyObject, f: impl FnOnce(Split) -> R) -> R {
    use crate::objects::tupleobject as tuple;
    let (names, values): (Vec<*mut PyObject>, Vec<*mut PyObject>) =
        if kwds.is_null() { (Vec::new(), Vec::new()) } else { dict::entries(kwds).into_iter().unzip() };
    let pos: &[*mut PyObject] = if args.is_null() { &[] } else { tuple::items(args) };
    f(Split { pos, names: &names, values: &values })
}

/// An Argument Clinic signature: parameters `names` in order, the first `posonly` of them
/// positional-only, at most `maxpos` positional, the first `minpos` required; those after
/// `maxpos` are keyword-only and optional.
pub struct Clinic {
    pub fname: &'static str,
    pub names: &'static [&'static str],
    pub posonly: usize,
    pub minpos: usize,
    pub maxpos: usize,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Binds a vectorcall's arguments to `sig` as `_PyArg_UnpackKeywords` does, with its
/// messages: one borrowed slot per parameter, null for an absent optional one.
pub unsafe fn clinic(sig: &Clinic, a: &Split) -> PyResult<Vec<*mut PyObject>> {
    use crate::objects::unicodeobject as str_;
    let f = sig.fname;
    let (nargs, nkw, maxargs) = (a.pos.len(), a.names.len(), sig.names.len());
    if nargs + nkw > maxargs {
        let kw = if nargs == 0 { "keyword " } else { "" };
        return Err(raise(exc::type_error(), format!("{f}() takes at most {maxargs} {kw}argument{} ({} given)", plural(maxargs), nargs + nkw)));
    }
    if nargs > sig.maxpos {
        let msg = if sig.maxpos == 0 {
            format!("{f}() takes no positional arguments")
        } else {
            let q = if sig.minpos < sig.maxpos { "at most" } else { "exactly" };
            format!("{f}() takes {q} {} positional argument{} ({nargs} given)", sig.maxpos, plural(sig.maxpos))
        };
        return Err(raise(exc::type_error(), msg));
    }
    let minposonly = sig.posonly.min(sig.minpos);
    if nargs < minposonly {
        let q = if minposonly < sig.maxpos { "at least" } else { "exactly" };
        return Err(raise(exc::type_error(), format!("{f}() takes {q} {minposonly} positional argument{} ({nargs} given)", plural(minposonly))));
    }
    let mut out = vec![std::ptr::null_mut(); maxargs];
    out[..nargs].copy_from_slice(a.pos);
    let mut used = 0;
    for (k, &name) in a.names.iter().enumerate() {
        let key = str_::as_str(name)?;
        match sig.names.iter().position(|n| *n == key) {
            Some(i) if i >= sig.posonly && i < nargs => {
                return Err(raise(exc::type_error(), format!("argument for {f}() given by name ('{key}') and position ({})", i + 1)));
            }
            Some(i) if i >= sig.posonly => {
                out[i] = a.values[k];
                used += 1;
            }
            _ => {}
        }
    }
    for (i, v) in out.iter().enumerate().take(sig.minpos).skip(nargs) {
        if v.is_null() {
            return Err(raise(exc::type_error(), format!("{f}() missing required argument '{}' (pos {})", sig.names[i], i + 1)));
        }
    }
    if used < nkw {
        for &name in a.names {
            let key = str_::as_str(name)?;
            if !sig.names[sig.posonly..].contains(&key) {
                return Err(raise(exc::type_error(), format!("'{key}' is an invalid keyword argument for {f}()")));
            }
        }
    }
    Ok(out)
}
