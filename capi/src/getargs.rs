//! Argument Clinic's helpers (`Python/getargs.c`, `Include/cpython/modsupport.h`): what the
//! generated `*.c.h` parsers of CPython's own modules call. `_PyArg_Parser` is CPython 3.11's
//! struct; clinic emits it as a static with `keywords` and `format`/`fname` filled, and the
//! callee completes it on first use (`pos`, `min`, `max`, the interned `kwtuple`). The
//! variadic ones (`_PyArg_UnpackStack`, `_PyArg_ParseStack_SizeT`, `_PyArg_Parse_SizeT`) are in
//! `shims/getargs.c`.

use crate::rt::ffi::*;
use crate::rt::guard::catch;
use crate::rt::object::*;
use crate::rt::objects::{dictobject as dict, noneobject, tupleobject as tuple, typeobject, unicodeobject as str_};
use crate::rt::protocol::{object as proto, sequence};
use crate::rt::{err, exc, ErrSet, PyResult};
use std::ffi::{c_char, c_int, CStr};
use std::ptr::{null, null_mut};

unsafe fn cstr(p: *const c_char) -> String {
    CStr::from_ptr(p).to_string_lossy().into_owned()
}

/// The `tp_name` shown by "must be X, not Y" ("None" for None).
unsafe fn arg_type_name(arg: *mut PyObject) -> String {
    if noneobject::is_none(arg) {
        "None".to_owned()
    } else {
        typeobject::full_name(type_of(arg)).to_owned()
    }
}

/// The `%.200s` of CPython's messages: at most 200 bytes, cut on a character boundary.
fn trunc(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

unsafe fn callee(fname: *const c_char) -> String {
    if fname.is_null() {
        "function".to_owned()
    } else {
        format!("{}()", trunc(&cstr(fname), 200))
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The number of items one format unit stands for is always one; this steps over it as
/// CPython's `skipitem` does (without a va_list), or names what is wrong with it.
fn skip_format_item(f: &[u8], mut i: usize) -> Result<usize, &'static str> {
    let at = |i: usize| f.get(i).copied().unwrap_or(0);
    let c = at(i);
    i += 1;
    match c {
        b'b' | b'B' | b'h' | b'H' | b'i' | b'I' | b'l' | b'k' | b'L' | b'K' | b'n' | b'f' | b'd' | b'D' | b'c'
        | b'C' | b'p' | b'S' | b'Y' | b'U' => Ok(i),
        b'e' | b's' | b'z' | b'y' | b'u' | b'Z' | b'w' => {
            if c == b'e' {
                if at(i) != b's' && at(i) != b't' {
                    return Err("impossible<bad format char>");
                }
                i += 1;
            }
            if at(i) == b'#' || (matches!(c, b's' | b'z' | b'y' | b'w') && at(i) == b'*') {
                i += 1;
            }
            Ok(i)
        }
        b'O' => Ok(if at(i) == b'!' || at(i) == b'&' { i + 1 } else { i }),
        b'(' => loop {
            if at(i) == b')' {
                return Ok(i + 1);
            }
            if matches!(at(i), 0 | b';' | b':') {
                return Err("Unmatched left paren in format string");
            }
            i = skip_format_item(f, i)?;
        },
        b')' => Err("Unmatched right paren in format string"),
        _ => Err("impossible<bad format char>"),
    }
}

/// CPython's `parser_init`: counts positional-only names, reads `format` when there is one,
/// and builds the tuple of interned keyword names.
unsafe fn parser_init(p: *mut _PyArg_Parser) -> PyResult<()> {
    if !(*p).kwtuple.is_null() {
        return Ok(());
    }
    if (*p).keywords.is_null() {
        return Err(raise_bad_call());
    }
    let mut names = Vec::new();
    let mut k = (*p).keywords;
    while !(*k).is_null() {
        names.push(CStr::from_ptr(*k));
        k = k.add(1);
    }
    let pos = names.iter().take_while(|n| n.to_bytes().is_empty()).count();
    if names[pos..].iter().any(|n| n.to_bytes().is_empty()) {
        return Err(err::raise(exc::system_error(), "Empty keyword parameter name"));
    }
    let len = names.len();
    (*p).pos = pos as c_int;
    if !(*p).format.is_null() {
        let f = CStr::from_ptr((*p).format).to_bytes();
        let end_at = |i: usize| matches!(f.get(i).copied().unwrap_or(0), 0 | b';' | b':');
        match f.iter().position(|&c| c == b':') {
            Some(colon) => {
                (*p).fname = (*p).format.add(colon + 1);
                (*p).custom_msg = null();
            }
            None => {
                (*p).custom_msg = match f.iter().position(|&c| c == b';') {
                    Some(semi) => (*p).format.add(semi + 1),
                    None => null(),
                };
            }
        }
        let (mut min, mut max) = (c_int::MAX, c_int::MAX);
        let mut i = 0usize;
        for n in 0..len {
            if f.get(i) == Some(&b'|') {
                if min != c_int::MAX {
                    return Err(err::raise(exc::system_error(), "Invalid format string (| specified twice)"));
                }
                if max != c_int::MAX {
                    return Err(err::raise(exc::system_error(), "Invalid format string ($ before |)"));
                }
                min = n as c_int;
                i += 1;
            }
            if f.get(i) == Some(&b'$') {
                if max != c_int::MAX {
                    return Err(err::raise(exc::system_error(), "Invalid format string ($ specified twice)"));
                }
                if n < pos {
                    return Err(err::raise(exc::system_error(), "Empty parameter name after $"));
                }
                max = n as c_int;
                i += 1;
            }
            if end_at(i) {
                return Err(err::raise(
                    exc::system_error(),
                    format!("More keyword list entries ({len}) than format specifiers ({n})"),
                ));
            }
            match skip_format_item(f, i) {
                Ok(next) => i = next,
                Err(msg) => {
                    let rest = String::from_utf8_lossy(&f[i.min(f.len())..]);
                    return Err(err::raise(exc::system_error(), format!("{msg}: '{rest}'")));
                }
            }
        }
        (*p).min = min.min(len as c_int);
        (*p).max = max.min(len as c_int);
        if !end_at(i) && f[i] != b'|' && f[i] != b'$' {
            let rest = String::from_utf8_lossy(&f[i..]);
            return Err(err::raise(
                exc::system_error(),
                format!("more argument specifiers than keyword list entries (remaining format:'{rest}')"),
            ));
        }
    }
    let mut items = Vec::with_capacity(len - pos);
    for n in &names[pos..] {
        let s = str_::from_utf8(n.to_bytes())?;
        let mut raw = s.into_ptr();
        str_::intern_in_place(&mut raw);
        items.push(Obj::from_owned_nonnull(raw));
    }
    (*p).kwtuple = tuple::from_vec(items)?.into_ptr();
    Ok(())
}

fn raise_bad_call() -> ErrSet {
    err::raise(exc::system_error(), "bad argument to internal function")
}

/// The value passed for `key` among the vectorcall keywords: by identity first (the names
/// are normally interned), then by equality.
unsafe fn find_keyword(kwnames: *mut PyObject, kwstack: *const *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    let names = tuple::items(kwnames);
    if let Some(i) = names.iter().position(|&n| n == key) {
        return *kwstack.add(i);
    }
    match names.iter().position(|&n| str_::check(n) && str_::eq(n, key)) {
        Some(i) => *kwstack.add(i),
        None => null_mut(),
    }
}

/// The keyword value for `keyword` from the dict or the vectorcall names; NULL if absent.
unsafe fn keyword_arg(
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    kwstack: *const *mut PyObject,
    keyword: *mut PyObject,
) -> PyResult<*mut PyObject> {
    if !kwargs.is_null() {
        Ok(dict::get_item(kwargs, keyword)?.unwrap_or(null_mut()))
    } else {
        Ok(find_keyword(kwnames, kwstack, keyword))
    }
}

/// CPython's `error_unexpected_keyword_arg`: names the first keyword not in `kwtuple`.
unsafe fn unexpected_keyword(kwargs: *mut PyObject, kwnames: *mut PyObject, kwtuple: *mut PyObject, fname: *const c_char) -> ErrSet {
    let keys: Vec<*mut PyObject> = if !kwargs.is_null() {
        dict::entries(kwargs).into_iter().map(|(k, _)| k).collect()
    } else {
        tuple::items(kwnames).to_vec()
    };
    let (this, paren) = if fname.is_null() { ("this function".to_owned(), "") } else { (trunc(&cstr(fname), 200).to_owned(), "()") };
    for key in keys {
        if !str_::check(key) {
            return err::raise(exc::type_error(), "keywords must be strings");
        }
        match sequence::contains(kwtuple, key) {
            Err(e) => return e,
            Ok(true) => {}
            Ok(false) => {
                let shown = match proto::str(key) {
                    Ok(s) => str_::as_str(s.as_ptr()).map(str::to_owned).unwrap_or_default(),
                    Err(e) => return e,
                };
                return err::raise(exc::type_error(), format!("'{shown}' is an invalid keyword argument for {this}{paren}"));
            }
        }
    }
    err::raise(exc::type_error(), format!("invalid keyword argument for {this}{paren}"))
}

unsafe fn kw_text(kwtuple: *mut PyObject, i: usize) -> String {
    str_::as_str(tuple::items(kwtuple)[i]).map(str::to_owned).unwrap_or_default()
}

struct Unpack {
    args: *const *mut PyObject,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    kwstack: *const *mut PyObject,
    nkwargs: Py_ssize_t,
    kwtuple: *mut PyObject,
    posonly: i64,
    minposonly: i64,
    maxargs: i64,
}

impl Unpack {
    /// The value given by keyword for parameter `i` (a keyword parameter); NULL if none.
    unsafe fn keyword_value(&self, i: i64) -> PyResult<*mut PyObject> {
        let keyword = tuple::items(self.kwtuple)[(i - self.posonly) as usize];
        keyword_arg(self.kwargs, self.kwnames, self.kwstack, keyword)
    }
}

/// The part both unpackers share: argument checks, `parser_init`, the keyword source.
unsafe fn begin(
    mut args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    parser: *mut _PyArg_Parser,
    minpos: c_int,
    buf: *mut *mut PyObject,
) -> PyResult<Unpack> {
    if parser.is_null() || (!kwnames.is_null() && !tuple::check(kwnames)) || (!kwargs.is_null() && !dict::check(kwargs)) {
        return Err(raise_bad_call());
    }
    if args.is_null() && nargs == 0 {
        args = buf;
    }
    parser_init(parser)?;
    let kwtuple = (*parser).kwtuple;
    let posonly = (*parser).pos as i64;
    let (nkwargs, kwstack) = if !kwargs.is_null() {
        (dict::len(kwargs), null())
    } else if !kwnames.is_null() {
        (tuple::items(kwnames).len() as Py_ssize_t, args.add(nargs as usize))
    } else {
        (0, null())
    };
    Ok(Unpack {
        args,
        kwargs,
        kwnames,
        kwstack,
        nkwargs,
        kwtuple,
        posonly,
        minposonly: posonly.min(minpos as i64),
        maxargs: posonly + tuple::items(kwtuple).len() as i64,
    })
}

unsafe fn too_few_positional(fname: *const c_char, minposonly: i64, maxpos: c_int, nargs: Py_ssize_t) -> ErrSet {
    err::raise(
        exc::type_error(),
        format!(
            "{} takes {} {} positional argument{} ({} given)",
            callee(fname),
            if minposonly < maxpos as i64 { "at least" } else { "exactly" },
            minposonly,
            plural(minposonly),
            nargs
        ),
    )
}

unsafe fn missing(fname: *const c_char, u: &Unpack, i: i64) -> ErrSet {
    let kw = kw_text(u.kwtuple, (i - u.posonly) as usize);
    err::raise(exc::type_error(), format!("{} missing required argument '{kw}' (pos {})", callee(fname), i + 1))
}

#[allow(clippy::too_many_arguments)]
unsafe fn unpack_keywords(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    parser: *mut _PyArg_Parser,
    minpos: c_int,
    maxpos: c_int,
    minkw: c_int,
    buf: *mut *mut PyObject,
) -> PyResult<*const *mut PyObject> {
    let mut u = begin(args, nargs, kwargs, kwnames, parser, minpos, buf)?;
    let fname = (*parser).fname;
    let reqlimit = if minkw != 0 { maxpos as i64 + minkw as i64 } else { minpos as i64 };
    if u.nkwargs == 0 && minkw == 0 && minpos as Py_ssize_t <= nargs && nargs <= maxpos as Py_ssize_t {
        return Ok(u.args);
    }
    if (nargs + u.nkwargs) as i64 > u.maxargs {
        return Err(err::raise(
            exc::type_error(),
            format!(
                "{} takes at most {} {}argument{} ({} given)",
                callee(fname),
                u.maxargs,
                if nargs == 0 { "keyword " } else { "" },
                plural(u.maxargs),
                nargs + u.nkwargs
            ),
        ));
    }
    if nargs > maxpos as Py_ssize_t {
        let msg = if maxpos == 0 {
            format!("{} takes no positional arguments", callee(fname))
        } else {
            format!(
                "{} takes {} {} positional argument{} ({} given)",
                callee(fname),
                if minpos < maxpos { "at most" } else { "exactly" },
                maxpos,
                plural(maxpos as i64),
                nargs
            )
        };
        return Err(err::raise(exc::type_error(), msg));
    }
    if (nargs as i64) < u.minposonly {
        return Err(too_few_positional(fname, u.minposonly, maxpos, nargs));
    }
    for i in 0..nargs as usize {
        *buf.add(i) = *u.args.add(i);
    }
    let mut i = (nargs as i64).max(u.posonly);
    while i < u.maxargs {
        let current = if u.nkwargs != 0 {
            u.keyword_value(i)?
        } else if i >= reqlimit {
            break;
        } else {
            null_mut()
        };
        *buf.add(i as usize) = current;
        if !current.is_null() {
            u.nkwargs -= 1;
        } else if i < minpos as i64 || (maxpos as i64 <= i && i < reqlimit) {
            return Err(missing(fname, &u, i));
        }
        i += 1;
    }
    if u.nkwargs > 0 {
        for i in u.posonly..nargs as i64 {
            if !u.keyword_value(i)?.is_null() {
                let kw = kw_text(u.kwtuple, (i - u.posonly) as usize);
                return Err(err::raise(
                    exc::type_error(),
                    format!("argument for {} given by name ('{kw}') and position ({})", callee(fname), i + 1),
                ));
            }
        }
        return Err(unexpected_keyword(u.kwargs, u.kwnames, u.kwtuple, fname));
    }
    Ok(buf)
}

/// Fills `buf` with the positional arguments then the keyword ones in parameter order (NULL
/// for absent optional ones) and returns it, or returns `args` itself when there is nothing
/// to rearrange; NULL with TypeError when the call does not fit the signature.
#[no_mangle]
pub unsafe extern "C" fn _PyArg_UnpackKeywords(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    parser: *mut _PyArg_Parser,
    minpos: c_int,
    maxpos: c_int,
    minkw: c_int,
    buf: *mut *mut PyObject,
) -> *const *mut PyObject {
    catch(null(), || {
        unpack_keywords(args, nargs, kwargs, kwnames, parser, minpos, maxpos, minkw, buf).unwrap_or(null())
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn unpack_keywords_vararg(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    parser: *mut _PyArg_Parser,
    minpos: c_int,
    maxpos: c_int,
    minkw: c_int,
    vararg: c_int,
    buf: *mut *mut PyObject,
) -> PyResult<*const *mut PyObject> {
    let mut u = begin(args, nargs, kwargs, kwnames, parser, minpos, buf)?;
    let fname = (*parser).fname;
    let reqlimit = if minkw != 0 { maxpos as i64 + minkw as i64 } else { minpos as i64 };
    if (nargs as i64) < u.minposonly {
        return Err(too_few_positional(fname, u.minposonly, maxpos, nargs));
    }
    let varargssize = (nargs - maxpos as Py_ssize_t).max(0);
    let va = vararg as usize;
    // The tuple's items past the stored ones stay NULL until set (CPython's PyTuple_New).
    let star = tuple::new(varargssize)?;
    for i in 0..nargs as usize {
        let a = *u.args.add(i);
        if i >= va {
            incref(a);
            tuple::set_item_steal(star.as_ptr(), (i - va) as Py_ssize_t, a);
        } else {
            *buf.add(i) = a;
        }
    }
    *buf.add(va) = star.into_ptr();
    let fail = |e: ErrSet| {
        decref(*buf.add(va));
        e
    };
    let mut i = (nargs as i64).max(u.posonly) - varargssize as i64;
    while i < u.maxargs {
        let current = if u.nkwargs != 0 {
            u.keyword_value(i).map_err(fail)?
        } else {
            null_mut()
        };
        if (nargs as i64) < vararg as i64 {
            *buf.add(i as usize) = current;
        } else {
            *buf.add(i as usize + 1) = current;
        }
        if !current.is_null() {
            u.nkwargs -= 1;
        } else if i < minpos as i64 || (maxpos as i64 <= i && i < reqlimit) {
            return Err(fail(missing(fname, &u, i)));
        }
        i += 1;
    }
    if u.nkwargs > 0 {
        return Err(fail(unexpected_keyword(u.kwargs, u.kwnames, u.kwtuple, fname)));
    }
    Ok(buf)
}

/// `_PyArg_UnpackKeywords` for signatures with `*args`: `buf[vararg]` receives a new tuple of
/// the extra positional arguments (the caller owns it).
#[no_mangle]
pub unsafe extern "C" fn _PyArg_UnpackKeywordsWithVararg(
    args: *const *mut PyObject,
    nargs: Py_ssize_t,
    kwargs: *mut PyObject,
    kwnames: *mut PyObject,
    parser: *mut _PyArg_Parser,
    minpos: c_int,
    maxpos: c_int,
    minkw: c_int,
    vararg: c_int,
    buf: *mut *mut PyObject,
) -> *const *mut PyObject {
    catch(null(), || {
        unpack_keywords_vararg(args, nargs, kwargs, kwnames, parser, minpos, maxpos, minkw, vararg, buf).unwrap_or(null())
    })
}

/// 1 if `min <= nargs <= max`, else 0 with CPython's TypeError.
#[no_mangle]
pub unsafe extern "C" fn _PyArg_CheckPositional(name: *const c_char, nargs: Py_ssize_t, min: Py_ssize_t, max: Py_ssize_t) -> c_int {
    let name = if name.is_null() { None } else { Some(trunc(&cstr(name), 200).to_owned()) };
    let complain = |bound: Py_ssize_t, which: &str| {
        let qual = if min == max { "" } else { which };
        let msg = match &name {
            Some(n) => format!("{n} expected {qual}{bound} argument{}, got {nargs}", plural(bound as i64)),
            None => format!("unpacked tuple should have {qual}{bound} element{}, but has {nargs}", plural(bound as i64)),
        };
        err::raise(exc::type_error(), msg);
        0
    };
    if nargs < min {
        return complain(min, "at least ");
    }
    if nargs != 0 && nargs > max {
        return complain(max, "at most ");
    }
    1
}

/// "f() argument 'x' must be int, not str".
#[no_mangle]
pub unsafe extern "C" fn _PyArg_BadArgument(fname: *const c_char, displayname: *const c_char, expected: *const c_char, arg: *mut PyObject) {
    catch((), || {
        let msg = format!(
            "{}() {} must be {}, not {}",
            trunc(&cstr(fname), 200),
            trunc(&cstr(displayname), 200),
            trunc(&cstr(expected), 50),
            trunc(&arg_type_name(arg), 50)
        );
        err::raise(exc::type_error(), msg);
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyArg_NoKeywords(funcname: *const c_char, kwargs: *mut PyObject) -> c_int {
    if kwargs.is_null() {
        return 1;
    }
    if !dict::check_exact(kwargs) {
        raise_bad_call();
        return 0;
    }
    if dict::len(kwargs) == 0 {
        return 1;
    }
    err::raise(exc::type_error(), format!("{}() takes no keyword arguments", trunc(&cstr(funcname), 200)));
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyArg_NoPositional(funcname: *const c_char, args: *mut PyObject) -> c_int {
    if args.is_null() {
        return 1;
    }
    if !tuple::check_exact(args) {
        raise_bad_call();
        return 0;
    }
    if tuple::items(args).is_empty() {
        return 1;
    }
    err::raise(exc::type_error(), format!("{}() takes no positional arguments", trunc(&cstr(funcname), 200)));
    0
}

/// 1 if `kwargs` is a dict whose keys are all str; else 0 with an exception.
#[no_mangle]
pub unsafe extern "C" fn PyArg_ValidateKeywordArguments(kwargs: *mut PyObject) -> c_int {
    if kwargs.is_null() || !dict::check(kwargs) {
        raise_bad_call();
        return 0;
    }
    if dict::entries(kwargs).iter().any(|&(k, _)| !str_::check(k)) {
        err::raise(exc::type_error(), "keywords must be strings");
        return 0;
    }
    1
}

/// Argument Clinic's converter for `Py_ssize_t(accept={int, NoneType})`: None leaves
/// `*result` as it is.
#[no_mangle]
pub unsafe extern "C" fn _Py_convert_optional_to_ssize_t(obj: *mut PyObject, result: *mut std::ffi::c_void) -> c_int {
    if noneobject::is_none(obj) {
        return 1;
    }
    if !crate::rt::protocol::number::has_index(obj) {
        err::raise(exc::type_error(), format!("argument should be integer or None, not '{}'", trunc(&arg_type_name(obj), 200)));
        return 0;
    }
    let r = catch(Err(ErrSet::assume_set()), || crate::rt::protocol::number::as_ssize_t_exc(obj, exc::overflow_error()));
    match r {
        Ok(v) => {
            *(result as *mut Py_ssize_t) = v;
            1
        }
        Err(_) => 0,
    }
}
