//! The larger pieces of opcodes, kept out of the dispatch loop: raising, unpacking,
//! pattern matching, imports, f-string conversions, method lookup, exception groups.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name};
use crate::objects::{dictobject as dict, exceptions, listobject as list, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, iter, object as proto};
use std::ptr::null_mut;

/// The innermost handled exception (skipping exhausted entries), CPython's
/// `_PyErr_GetTopmostException`; None or NULL when nothing is being handled.
pub unsafe fn topmost_exception() -> *mut PyObject {
    let ts = crate::pystate::tstate();
    let mut info = (*ts).exc_info;
    while !info.is_null() && ((*info).exc_value.is_null() || noneobject::is_none((*info).exc_value)) && !(*info).previous_item.is_null() {
        info = (*info).previous_item;
    }
    if info.is_null() {
        null_mut()
    } else {
        (*info).exc_value
    }
}

/// Sets the indicator from an exception instance, keeping its traceback.
pub unsafe fn restore_instance(val: *mut PyObject) {
    let t = type_of(val) as *mut PyObject;
    incref(t);
    incref(val);
    let tb = (*(val as *mut PyBaseExceptionObject)).traceback;
    xincref(tb);
    err::restore(t, val, tb);
}

/// `raise exc from cause`; `raise` alone re-raises (returns true: no new traceback entry).
pub unsafe fn do_raise(exc_obj: *mut PyObject, cause: *mut PyObject) -> bool {
    if exc_obj.is_null() {
        let v = topmost_exception();
        if v.is_null() || noneobject::is_none(v) {
            raise(exc::runtime_error(), "No active exception to reraise");
            return false;
        }
        restore_instance(v);
        return true;
    }
    let value = if exceptions::class_check(exc_obj) {
        let Ok(v) = call::vectorcall(exc_obj, &[], null_mut()) else { return false };
        if !exceptions::check(v.as_ptr()) {
            let (a, b) = (proto::repr_string(exc_obj), proto::repr_string(type_of(v.as_ptr()) as *mut PyObject));
            if let (Ok(a), Ok(b)) = (a, b) {
                raise(exc::type_error(), format!("calling {a} should have returned an instance of BaseException, not {b}"));
            }
            return false;
        }
        v
    } else if exceptions::check(exc_obj) {
        Obj::from_borrowed(exc_obj)
    } else {
        raise(exc::type_error(), "exceptions must derive from BaseException");
        return false;
    };
    if !cause.is_null() {
        let fixed = if exceptions::class_check(cause) {
            match call::vectorcall(cause, &[], null_mut()) {
                Ok(c) => c.into_ptr(),
                Err(_) => return false,
            }
        } else if exceptions::check(cause) {
            incref(cause);
            cause
        } else if noneobject::is_none(cause) {
            null_mut()
        } else {
            raise(exc::type_error(), "exception causes must derive from BaseException");
            return false;
        };
        let e = value.as_ptr() as *mut PyBaseExceptionObject;
        xsetref(&raw mut (*e).cause, fixed);
        (*e).suppress_context = 1;
    }
    err::set_object(type_of(value.as_ptr()) as *mut PyObject, value.as_ptr());
    false
}

/// UNPACK_SEQUENCE / UNPACK_EX: exactly `before` items, then (with `star`) a list of the
/// middle, then `after` items.
pub unsafe fn unpack(v: *mut PyObject, before: usize, star: bool, after: usize) -> PyResult<Vec<Obj>> {
    let it = match iter::get_iter(v) {
        Ok(it) => it,
        Err(e) => {
            if err::exception_matches(exc::type_error()) && (*type_of(v)).tp_iter.is_none() && (*type_of(v)).tp_as_sequence.is_null() {
                err::clear();
                return Err(raise(exc::type_error(), format!("cannot unpack non-iterable {} object", full_name(type_of(v)))));
            }
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(before + after + star as usize);
    for i in 0..before {
        match iter::next(it.as_ptr())? {
            Some(x) => out.push(x),
            None => {
                return Err(if star {
                    raise(exc::value_error(), format!("not enough values to unpack (expected at least {}, got {i})", before + after))
                } else {
                    raise(exc::value_error(), format!("not enough values to unpack (expected {before}, got {i})"))
                })
            }
        }
    }
    if !star {
        if iter::next(it.as_ptr())?.is_some() {
            return Err(raise(exc::value_error(), format!("too many values to unpack (expected {before})")));
        }
        return Ok(out);
    }
    let rest = list::new(0)?;
    while let Some(x) = iter::next(it.as_ptr())? {
        list::append(rest.as_ptr(), x.as_ptr())?;
    }
    let n = size_of_var(rest.as_ptr()) as usize;
    if n < after {
        return Err(raise(exc::value_error(), format!("not enough values to unpack (expected at least {}, got {})", before + after, before + n)));
    }
    let tail: Vec<Obj> = list::items(rest.as_ptr())[n - after..].iter().map(|&p| Obj::from_borrowed(p)).collect();
    crate::objects::listobject::truncate(rest.as_ptr(), n - after);
    out.push(rest);
    out.extend(tail);
    Ok(out)
}

/// MATCH_CLASS: the attributes for the sub-patterns, or None when `subject` does not match.
pub unsafe fn match_class(subject: *mut PyObject, tp: *mut PyObject, nargs: usize, kwnames: *mut PyObject) -> PyResult<Option<Obj>> {
    if !typeobject::is_type(tp) {
        return Err(raise(exc::type_error(), "called match pattern must be a type"));
    }
    if !crate::protocol::abstract_::is_instance(subject, tp)? {
        return Ok(None);
    }
    let tpp = tp as *mut PyTypeObject;
    let mut seen: Vec<Obj> = Vec::new();
    let mut attrs: Vec<Obj> = Vec::new();
    let attr_of = |name: *mut PyObject, seen: &mut Vec<Obj>| -> PyResult<Option<Obj>> {
        for s in seen.iter() {
            if proto::rich_compare_bool(s.as_ptr(), name, Py_EQ)? {
                return Err(raise(exc::type_error(), format!("{}() got multiple sub-patterns for attribute {}", full_name(tpp), proto::repr_string(name)?)));
            }
        }
        seen.push(Obj::from_borrowed(name));
        proto::lookup_attr(subject, name)
    };
    if nargs > 0 {
        let (match_args, match_self) = match proto::getattr_str(tp, "__match_args__") {
            Ok(m) => {
                if !tuple::check_exact(m.as_ptr()) {
                    return Err(raise(exc::type_error(), format!("{}.__match_args__ must be a tuple (got {})", full_name(tpp), full_name(type_of(m.as_ptr())))));
                }
                (m, false)
            }
            Err(e) => {
                if !err::exception_matches(exc::attribute_error()) {
                    return Err(e);
                }
                err::clear();
                (tuple::new(0)?, typeobject::has_feature(tpp, _Py_TPFLAGS_MATCH_SELF))
            }
        };
        let allowed = if match_self { 1 } else { size_of_var(match_args.as_ptr()) as usize };
        if allowed < nargs {
            return Err(raise(
                exc::type_error(),
                format!("{}() accepts {allowed} positional sub-pattern{} ({nargs} given)", full_name(tpp), if allowed == 1 { "" } else { "s" }),
            ));
        }
        if match_self {
            attrs.push(Obj::from_borrowed(subject));
        } else {
            for &name in &tuple::items(match_args.as_ptr())[..nargs] {
                if !str_::check_exact(name) {
                    return Err(raise(exc::type_error(), format!("__match_args__ elements must be strings (got {})", full_name(type_of(name)))));
                }
                match attr_of(name, &mut seen)? {
                    Some(a) => attrs.push(a),
                    None => return Ok(None),
                }
            }
        }
    }
    for &name in tuple::items(kwnames) {
        match attr_of(name, &mut seen)? {
            Some(a) => attrs.push(a),
            None => return Ok(None),
        }
    }
    Ok(Some(tuple::from_vec(attrs)?))
}

/// MATCH_KEYS: a tuple of the values for `keys`, or None when one is missing.
pub unsafe fn match_keys(subject: *mut PyObject, keys: *mut PyObject) -> PyResult<Obj> {
    let n = size_of_var(keys);
    if n == 0 {
        return tuple::new(0);
    }
    let get = proto::getattr_str(subject, "get")?;
    let dummy = call::vectorcall(crate::objects::baseobject::object_type() as *mut PyObject, &[], null_mut())?;
    let mut seen: Vec<*mut PyObject> = Vec::new();
    let mut values = Vec::new();
    for &key in tuple::items(keys) {
        for &s in &seen {
            if proto::rich_compare_bool(s, key, Py_EQ)? {
                return Err(raise(exc::value_error(), format!("mapping pattern checks duplicate key ({})", proto::repr_string(key)?)));
            }
        }
        seen.push(key);
        let v = call::vectorcall(get.as_ptr(), &[key, dummy.as_ptr()], null_mut())?;
        if v.as_ptr() == dummy.as_ptr() {
            return Ok(Obj::from_borrowed(noneobject::none()));
        }
        values.push(v);
    }
    tuple::from_vec(values)
}

/// IMPORT_NAME through `builtins.__import__`, as CPython's import_name.
pub unsafe fn import_name(f: *mut crate::ceval_frame::Frame, name: *mut PyObject, fromlist: *mut PyObject, level: *mut PyObject) -> PyResult<Obj> {
    let import = dict::get_item_str((*f).f_builtins, "__import__")?;
    if import.is_null() {
        return Err(raise(exc::import_error(), "__import__ not found"));
    }
    let locals = if (*f).f_locals.is_null() { noneobject::none() } else { (*f).f_locals };
    call::vectorcall(import, &[name, (*f).f_globals, locals, fromlist, level], null_mut())
}

/// IMPORT_FROM: `from module import name`, falling back to `sys.modules["pkg.name"]` for
/// submodules still being imported.
pub unsafe fn import_from(module: *mut PyObject, name: *mut PyObject) -> PyResult<Obj> {
    match proto::getattr(module, name) {
        Ok(v) => return Ok(v),
        Err(e) => {
            if !err::exception_matches(exc::attribute_error()) {
                return Err(e);
            }
            err::clear();
        }
    }
    let pkgname = proto::getattr_str(module, "__name__").ok().filter(|n| str_::check(n.as_ptr()));
    if let Some(pkg) = &pkgname {
        let full = format!("{}.{}", str_::as_str(pkg.as_ptr())?, str_::as_str(name)?);
        let sysdict = crate::interp::sysdict();
        if !sysdict.is_null() {
            let modules = dict::get_item_str(sysdict, "modules")?;
            if !modules.is_null() {
                let key = str_::from_str(&full)?;
                if let Ok(m) = crate::protocol::sequence::getitem(modules, key.as_ptr()) {
                    return Ok(m);
                }
                err::clear();
            }
        }
    }
    let name_s = str_::as_str(name)?;
    let Some(pkg) = &pkgname else {
        return Err(raise(exc::import_error(), format!("cannot import name '{name_s}' from '<unknown module name>' (unknown location)")));
    };
    let pkg_s = str_::as_str(pkg.as_ptr())?;
    let file = proto::getattr_str(module, "__file__").ok().filter(|f| str_::check(f.as_ptr()));
    let Some(file) = file else {
        err::clear();
        let msg = format!("cannot import name '{name_s}' from '{pkg_s}' (unknown location)");
        return Err(crate::import::import_error(&msg, pkg.as_ptr(), null_mut()));
    };
    let file_s = str_::as_str(file.as_ptr())?;
    let msg = if module_initializing(module) {
        format!("cannot import name '{name_s}' from partially initialized module '{pkg_s}' (most likely due to a circular import) ({file_s})")
    } else {
        format!("cannot import name '{name_s}' from '{pkg_s}' ({file_s})")
    };
    Err(crate::import::import_error(&msg, pkg.as_ptr(), file.as_ptr()))
}

/// `module.__spec__._initializing`: is the module's body still running?
unsafe fn module_initializing(module: *mut PyObject) -> bool {
    let r = (|| -> PyResult<bool> {
        let spec = proto::getattr_str(module, "__spec__")?;
        let init = proto::getattr_str(spec.as_ptr(), "_initializing")?;
        proto::is_true(init.as_ptr())
    })();
    r.unwrap_or_else(|_| {
        err::clear();
        false
    })
}

/// IMPORT_STAR: copies the public names (or `__all__`) of `module` into `locals`.
pub unsafe fn import_star(locals: *mut PyObject, module: *mut PyObject) -> PyResult<()> {
    if locals.is_null() {
        return Err(raise(exc::system_error(), "no locals found during 'import *'"));
    }
    let (names, skip_private) = match proto::getattr_str(module, "__all__") {
        Ok(all) => (all, false),
        Err(e) => {
            if !err::exception_matches(exc::attribute_error()) {
                return Err(e);
            }
            err::clear();
            let d = proto::getattr_str(module, "__dict__").map_err(|e| {
                if err::exception_matches(exc::attribute_error()) {
                    err::clear();
                    raise(exc::import_error(), "from-import-* object has no __dict__ and no __all__")
                } else {
                    e
                }
            })?;
            (call::call_method_obj(d.as_ptr(), "keys", &[])?, true)
        }
    };
    for name in iter::collect(names.as_ptr())? {
        if !str_::check(name.as_ptr()) {
            let what = if skip_private { "Key in __dict__" } else { "Item in __all__" };
            let modname = proto::getattr_str(module, "__name__").and_then(|n| Ok(str_::as_str(n.as_ptr())?.to_string())).unwrap_or_default();
            return Err(raise(exc::type_error(), format!("{what} of {modname} must be str, not {}", full_name(type_of(name.as_ptr())))));
        }
        if skip_private && str_::as_str(name.as_ptr())?.starts_with('_') {
            continue;
        }
        let v = proto::getattr(module, name.as_ptr())?;
        crate::protocol::sequence::setitem(locals, name.as_ptr(), v.as_ptr())?;
    }
    Ok(())
}

/// FORMAT_VALUE: `conversion` is 0 (none), 1 (`!s`), 2 (`!r`) or 3 (`!a`).
pub unsafe fn format_value(value: *mut PyObject, conversion: u32, spec: *mut PyObject) -> PyResult<Obj> {
    let converted = match conversion {
        1 => proto::str(value)?,
        2 => proto::repr(value)?,
        3 => proto::ascii(value)?,
        _ => Obj::from_borrowed(value),
    };
    if spec.is_null() && str_::check_exact(converted.as_ptr()) {
        return Ok(converted);
    }
    proto::format(converted.as_ptr(), spec)
}

/// LOAD_METHOD's lookup: `(method, true)` when `name` is a plain method found on the type
/// (the caller passes `obj` as self), else `(attribute, false)`.
pub unsafe fn load_method(obj: *mut PyObject, name: *mut PyObject) -> PyResult<(Obj, bool)> {
    let tp = type_of(obj);
    if (*tp).tp_getattro.map(|f| f as usize) == Some(proto::PyObject_GenericGetAttr as *const () as usize) {
        let descr = typeobject::lookup(tp, name);
        if !descr.is_null() && typeobject::has_feature(type_of(descr), Py_TPFLAGS_METHOD_DESCRIPTOR) {
            // An instance attribute of that name shadows the method.
            let shadowed = match proto::instance_dict(obj) {
                Some(d) if !d.is_null() => dict::get_item(d, name)?.is_some(),
                _ => false,
            };
            if !shadowed {
                return Ok((Obj::from_borrowed(descr), true));
            }
        }
    }
    Ok((proto::getattr(obj, name)?, false))
}

/// CHECK_EG_MATCH: `(match, rest)` of `exc_value` against `match_type`; match is None when
/// nothing matches. A naked exception that matches is wrapped in an ExceptionGroup.
pub unsafe fn exception_group_match(exc_value: *mut PyObject, match_type: *mut PyObject) -> PyResult<(Obj, Obj)> {
    let none = || Obj::from_borrowed(noneobject::none());
    if noneobject::is_none(exc_value) {
        return Ok((none(), none()));
    }
    if exceptions::given_exception_matches(exc_value, match_type) {
        let is_group = typeobject::is_subtype(type_of(exc_value), exc::base_exception_group() as *mut PyTypeObject);
        if is_group {
            return Ok((Obj::from_borrowed(exc_value), none()));
        }
        // Naked exception: wrap it, keeping its traceback on the group.
        let excs = tuple::pack(&[exc_value])?;
        let msg = str_::from_str("")?;
        let group = call::vectorcall(exc::exception_group(), &[msg.as_ptr(), excs.as_ptr()], null_mut())?;
        let tb = (*(exc_value as *mut PyBaseExceptionObject)).traceback;
        if !tb.is_null() {
            xincref(tb);
            xsetref(&raw mut (*(group.as_ptr() as *mut PyBaseExceptionObject)).traceback, tb);
        }
        return Ok((group, none()));
    }
    if typeobject::is_subtype(type_of(exc_value), exc::base_exception_group() as *mut PyTypeObject) {
        let pair = call::call_method_obj(exc_value, "split", &[match_type])?;
        if !tuple::check_exact(pair.as_ptr()) || size_of_var(pair.as_ptr()) != 2 {
            return Err(raise(exc::type_error(), format!("{}.split must return a 2-tuple, got {}", full_name(type_of(exc_value)), full_name(type_of(pair.as_ptr())))));
        }
        let m = Obj::from_borrowed(tuple::get_item(pair.as_ptr(), 0));
        let r = Obj::from_borrowed(tuple::get_item(pair.as_ptr(), 1));
        return Ok((m, r));
    }
    Ok((none(), none()))
}

/// Is `right` a valid `except*` target (no ExceptionGroup types)?
pub unsafe fn check_except_star_type_valid(right: *mut PyObject) -> PyResult<()> {
    check_except_type_valid(right)?;
    let bad = |t: *mut PyObject| typeobject::is_type(t) && typeobject::is_subtype(t as *mut PyTypeObject, exc::base_exception_group() as *mut PyTypeObject);
    let is_bad = if tuple::check(right) { tuple::items(right).iter().any(|&t| bad(t)) } else { bad(right) };
    if is_bad {
        return Err(raise(exc::type_error(), "catching ExceptionGroup with except* is not allowed. Use except instead."));
    }
    Ok(())
}

/// Is `right` a valid `except` target (an exception class or a tuple of them)?
pub unsafe fn check_except_type_valid(right: *mut PyObject) -> PyResult<()> {
    let ok = if tuple::check(right) { tuple::items(right).iter().all(|&t| exceptions::class_check(t)) } else { exceptions::class_check(right) };
    if !ok {
        return Err(raise(exc::type_error(), "catching classes that do not inherit from BaseException is not allowed"));
    }
    Ok(())
}

/// The error for a call argument after `*` that is not iterable.
pub unsafe fn check_args_iterable(func: *mut PyObject, args: *mut PyObject) -> PyResult<()> {
    if (*type_of(args)).tp_iter.is_none() && (*type_of(args)).tp_as_sequence.is_null() {
        err::clear();
        return Err(raise(exc::type_error(), format!("{} argument after * must be an iterable, not {}", func_description(func)?, full_name(type_of(args)))));
    }
    Ok(())
}

/// `f()` as CPython's `_PyObject_FunctionStr` names callables in argument errors.
pub unsafe fn func_description(func: *mut PyObject) -> PyResult<String> {
    let qual = proto::lookup_attr(func, str_::intern("__qualname__")?)?;
    let Some(qual) = qual.filter(|q| str_::check(q.as_ptr())) else {
        return Ok(format!("{} object", full_name(type_of(func))));
    };
    let q = str_::as_str(qual.as_ptr())?.to_string();
    if let Some(m) = proto::lookup_attr(func, str_::intern("__module__")?)? {
        if str_::check(m.as_ptr()) {
            let ms = str_::as_str(m.as_ptr())?;
            if ms != "builtins" {
                return Ok(format!("{ms}.{q}()"));
            }
        }
    }
    Ok(format!("{q}()"))
}

/// DICT_MERGE / CALL_FUNCTION_EX: merges `**kwargs` into `d`, with CPython's messages for
/// non-mappings and repeated keywords.
pub unsafe fn merge_kwargs(func: *mut PyObject, d: *mut PyObject, other: *mut PyObject) -> PyResult<()> {
    let keys = if dict::check(other) {
        None
    } else {
        match proto::getattr_str(other, "keys") {
            Ok(k) => Some(k),
            Err(_) => {
                err::clear();
                return Err(raise(exc::type_error(), format!("{} argument after ** must be a mapping, not {}", func_description(func)?, full_name(type_of(other)))));
            }
        }
    };
    let pairs: Vec<(Obj, Obj)> = match keys {
        None => dict::entries(other).into_iter().map(|(k, v)| (Obj::from_borrowed(k), Obj::from_borrowed(v))).collect(),
        Some(k) => {
            let ks = call::vectorcall(k.as_ptr(), &[], null_mut())?;
            let mut v = Vec::new();
            for key in iter::collect(ks.as_ptr())? {
                let val = crate::protocol::sequence::getitem(other, key.as_ptr())?;
                v.push((key, val));
            }
            v
        }
    };
    for (k, v) in pairs {
        if !str_::check(k.as_ptr()) {
            return Err(raise(exc::type_error(), format!("{} keywords must be strings", func_description(func)?)));
        }
        if dict::get_item(d, k.as_ptr())?.is_some() {
            return Err(raise(exc::type_error(), format!("{} got multiple values for keyword argument '{}'", func_description(func)?, str_::as_str(k.as_ptr())?)));
        }
        dict::set_item(d, k.as_ptr(), v.as_ptr())?;
    }
    Ok(())
}

/// PREP_RERAISE_STAR: what leaves an `except*` block, from the original group and the
/// exceptions its clauses raised or re-raised (None for handled ones).
pub unsafe fn prep_reraise_star(orig: *mut PyObject, excs: *mut PyObject) -> PyResult<Obj> {
    crate::objects::exceptiongroup::prep_reraise_star(orig, excs)
}

/// COMPARE_OP. Two exact ints, floats or strs compare through their own slot without the
/// recursion check, as CPython 3.11's specialized COMPARE_OP_*_JUMP forms do; so a recursion
/// limit is hit at the call, with CPython's message, not "in comparison".
pub unsafe fn compare(a: *mut PyObject, b: *mut PyObject, op: std::ffi::c_int) -> PyResult<Obj> {
    let tp = type_of(a);
    if tp == type_of(b) && (tp == crate::objects::longobject::long_type() || tp == crate::objects::floatobject::float_type() || tp == crate::objects::unicodeobject::unicode_type()) {
        if let Some(f) = (*tp).tp_richcompare {
            return Obj::from_owned(f(a, b, op));
        }
    }
    crate::protocol::object::rich_compare(a, b, op)
}
