//! Binding a call's arguments to a Python function's parameters (CPython's
//! `initialize_locals`), with its error messages.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{dictobject as dict, functionobject as func, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;

/// Fills `lp` (the frame's localsplus, all NULL) from `args[..nargs]` positional values and
/// `args[nargs..]` keyword values named by `kwnames`. Arguments are borrowed; the frame
/// takes new references. On error what was stored is left for the frame's clear.
pub unsafe fn bind(function: *mut PyObject, lp: *mut *mut PyObject, args: &[*mut PyObject], nargs: usize, kwnames: *mut PyObject) -> PyResult<()> {
    let fo = func::raw(function);
    let co = func::code(function);
    let argcount = (*co).co_argcount as usize;
    let total = argcount + (*co).co_kwonlyargcount as usize;
    let flags = (*co).co_flags;
    let qualname = || str_::as_str((*fo).func_qualname).unwrap_or("?").to_string();
    let set = |i: usize, v: *mut PyObject| {
        incref(v);
        *lp.add(i) = v;
    };

    let kwdict = if flags & CO_VARKEYWORDS != 0 {
        let d = dict::new()?;
        let i = total + (flags & CO_VARARGS != 0) as usize;
        *lp.add(i) = d.as_ptr();
        Some(d.into_ptr())
    } else {
        None
    };

    let n = nargs.min(argcount);
    for (j, &a) in args[..n].iter().enumerate() {
        set(j, a);
    }
    if flags & CO_VARARGS != 0 {
        let rest = tuple::from_slice(&args[n..nargs])?;
        *lp.add(total) = rest.into_ptr();
    }

    if !kwnames.is_null() {
        let names = tuple::items(kwnames);
        let varnames = tuple::items((*co).co_localsplusnames);
        for (k, &keyword) in names.iter().enumerate() {
            let value = args[nargs + k];
            if !str_::check(keyword) {
                return Err(raise(exc::type_error(), format!("{}() keywords must be strings", qualname())));
            }
            let posonly = (*co).co_posonlyargcount as usize;
            let mut found = (posonly..total).find(|&j| varnames[j] == keyword);
            if found.is_none() {
                for j in posonly..total {
                    if proto::rich_compare_bool(keyword, varnames[j], Py_EQ)? {
                        found = Some(j);
                        break;
                    }
                }
            }
            match found {
                Some(j) => {
                    if !(*lp.add(j)).is_null() {
                        return Err(raise(
                            exc::type_error(),
                            format!("{}() got multiple values for argument '{}'", qualname(), str_::as_str(keyword)?),
                        ));
                    }
                    set(j, value);
                }
                None => match kwdict {
                    Some(d) => dict::set_item(d, keyword, value)?,
                    None => {
                        if posonly > 0 {
                            positional_only_as_keyword(co, names, &qualname())?;
                        }
                        return Err(raise(
                            exc::type_error(),
                            format!("{}() got an unexpected keyword argument '{}'", qualname(), str_::as_str(keyword)?),
                        ));
                    }
                },
            }
        }
    }

    if nargs > argcount && flags & CO_VARARGS == 0 {
        return Err(too_many_positional(co, nargs, (*fo).func_defaults, lp, &qualname()));
    }

    if nargs < argcount {
        let defaults = (*fo).func_defaults;
        let defs: &[*mut PyObject] = if defaults.is_null() { &[] } else { tuple::items(defaults) };
        let m = argcount - defs.len();
        let missing = (nargs..m).filter(|&i| (*lp.add(i)).is_null()).count();
        if missing > 0 {
            return Err(missing_arguments(co, 0, m, "positional", lp, &qualname()));
        }
        for (i, &d) in defs.iter().enumerate().skip(n.saturating_sub(m)) {
            if (*lp.add(m + i)).is_null() {
                set(m + i, d);
            }
        }
    }

    if (*co).co_kwonlyargcount > 0 {
        let kwdefaults = (*fo).func_kwdefaults;
        let mut missing = 0;
        for i in argcount..total {
            if !(*lp.add(i)).is_null() {
                continue;
            }
            if !kwdefaults.is_null() {
                if let Some(d) = dict::get_item(kwdefaults, tuple::get_item((*co).co_localsplusnames, i as Py_ssize_t))? {
                    set(i, d);
                    continue;
                }
            }
            missing += 1;
        }
        if missing > 0 {
            return Err(missing_arguments(co, argcount, total, "keyword-only", lp, &qualname()));
        }
    }
    Ok(())
}

unsafe fn too_many_positional(co: *mut PyCodeObject, given: usize, defaults: *mut PyObject, lp: *mut *mut PyObject, qualname: &str) -> crate::err::ErrSet {
    let argcount = (*co).co_argcount as usize;
    let kwonly_given = (argcount..argcount + (*co).co_kwonlyargcount as usize).filter(|&i| !(*lp.add(i)).is_null()).count();
    let defcount = if defaults.is_null() { 0 } else { size_of_var(defaults) as usize };
    let (sig, plural) = if defcount > 0 {
        (format!("from {} to {argcount}", argcount - defcount), true)
    } else {
        (argcount.to_string(), argcount != 1)
    };
    let kwonly_sig = if kwonly_given > 0 {
        format!(
            " positional argument{} (and {kwonly_given} keyword-only argument{})",
            if given != 1 { "s" } else { "" },
            if kwonly_given != 1 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    raise(
        exc::type_error(),
        format!(
            "{qualname}() takes {sig} positional argument{} but {given}{kwonly_sig} {} given",
            if plural { "s" } else { "" },
            if given == 1 && kwonly_given == 0 { "was" } else { "were" }
        ),
    )
}

unsafe fn missing_arguments(co: *mut PyCodeObject, start: usize, end: usize, kind: &str, lp: *mut *mut PyObject, qualname: &str) -> crate::err::ErrSet {
    let mut names = Vec::new();
    for i in start..end {
        if (*lp.add(i)).is_null() {
            match proto::repr_string(tuple::get_item((*co).co_localsplusnames, i as Py_ssize_t)) {
                Ok(s) => names.push(s),
                Err(e) => return e,
            }
        }
    }
    let list = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        n => format!("{}, {}, and {}", names[..n - 2].join(", "), names[n - 2], names[n - 1]),
    };
    raise(
        exc::type_error(),
        format!("{qualname}() missing {} required {kind} argument{}: {list}", names.len(), if names.len() == 1 { "" } else { "s" }),
    )
}

unsafe fn positional_only_as_keyword(co: *mut PyCodeObject, kwnames: &[*mut PyObject], qualname: &str) -> PyResult<()> {
    let mut conflicts = Vec::new();
    for k in 0..(*co).co_posonlyargcount as usize {
        let posonly = tuple::get_item((*co).co_localsplusnames, k as Py_ssize_t);
        for &kw in kwnames {
            if kw == posonly || proto::rich_compare_bool(posonly, kw, Py_EQ)? {
                conflicts.push(str_::as_str(kw)?.to_string());
            }
        }
    }
    if conflicts.is_empty() {
        return Ok(());
    }
    Err(raise(
        exc::type_error(),
        format!("{qualname}() got some positional-only arguments passed as keyword arguments: '{}'", conflicts.join(", ")),
    ))
}
