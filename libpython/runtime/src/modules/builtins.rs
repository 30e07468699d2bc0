//! The `builtins` module (CPython's Python/bltinmodule.c): the builtin types and constants,
//! and the builtin functions over the runtime's protocols. The functions that need a running
//! frame live in `bltin_eval.rs`.

use crate::err::{self, raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{full_name, METHOD_END};
use crate::objects::{boolobject, dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, iter, number as num, object as proto, sequence as seq};
use std::ffi::CStr;
use std::ptr::null_mut;

type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type FastKw = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject;
type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn meth_o(name: &'static CStr, f: Unary) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: METH_O, ml_doc: std::ptr::null() }
}

const fn fast(name: &'static CStr, f: Fast) -> PyMethodDef {
    // Safety: METH_FASTCALL makes callers use the three-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<Fast, Unary>(f) }), ml_flags: METH_FASTCALL, ml_doc: std::ptr::null() }
}

const fn fastkw(name: &'static CStr, f: FastKw) -> PyMethodDef {
    // Safety: METH_FASTCALL|METH_KEYWORDS makes callers use the four-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<FastKw, Unary>(f) }), ml_flags: METH_FASTCALL | METH_KEYWORDS, ml_doc: std::ptr::null() }
}

static mut METHODS: [PyMethodDef; 37] = [
    meth_o(c"abs", b_abs),
    meth_o(c"all", b_all),
    meth_o(c"any", b_any),
    meth_o(c"ascii", b_ascii),
    meth_o(c"bin", b_bin),
    meth_o(c"callable", b_callable),
    meth_o(c"chr", b_chr),
    fast(c"delattr", b_delattr),
    fast(c"dir", b_dir),
    fast(c"divmod", b_divmod),
    fast(c"format", b_format),
    fast(c"getattr", b_getattr),
    fast(c"hasattr", b_hasattr),
    meth_o(c"hash", b_hash),
    meth_o(c"hex", b_hex),
    meth_o(c"id", b_id),
    fast(c"input", super::bltin_input::builtin_input),
    fast(c"isinstance", b_isinstance),
    fast(c"issubclass", b_issubclass),
    fast(c"iter", b_iter),
    meth_o(c"len", b_len),
    fastkw(c"max", b_max),
    fastkw(c"min", b_min),
    fast(c"next", b_next),
    meth_o(c"oct", b_oct),
    meth_o(c"ord", b_ord),
    fastkw(c"pow", b_pow),
    fastkw(c"print", b_print),
    meth_o(c"repr", b_repr),
    fastkw(c"round", b_round),
    fast(c"setattr", b_setattr),
    fastkw(c"sorted", b_sorted),
    fastkw(c"sum", b_sum),
    fast(c"vars", b_vars),
    fast(c"aiter", b_aiter),
    fast(c"anext", b_anext),
    METHOD_END,
];

/// Makes the module, fills its dict, and installs it as the interpreter's builtins.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("builtins")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    let doc = str_::from_str("Built-in functions, exceptions, and other objects.\n\nNoteworthy: None is the `nil' object; Ellipsis represents `...' in slices.")?;
    dict::set_item_str(d, "__doc__", doc.as_ptr())?;
    for (n, tp) in crate::lifecycle::builtin_types() {
        dict::set_item_str(d, n, tp as *mut PyObject)?;
    }
    // The old names of OSError, as in CPython.
    for alias in ["IOError", "EnvironmentError"] {
        dict::set_item_str(d, alias, exc::os_error())?;
    }
    for (n, v) in [
        ("None", noneobject::none()),
        ("Ellipsis", crate::objects::sliceobject::ellipsis()),
        ("NotImplemented", noneobject::not_implemented()),
        ("True", boolobject::true_()),
        ("False", boolobject::false_()),
        ("__debug__", boolobject::true_()),
    ] {
        dict::set_item_str(d, n, v)?;
    }
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    crate::bltin_eval::register(m.as_ptr(), d)?;
    super::bltin_input::add_quitters(d)?;
    crate::interp::set_builtins(&Obj::from_borrowed(d));
    crate::interp::set_builtins_module(&m);
    Ok(m)
}

use crate::modules::args as slice;

/// Positional arguments and (name, value) keyword pairs of a FASTCALL|KEYWORDS call.
unsafe fn split<'a>(args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> (&'a [*mut PyObject], Vec<(String, *mut PyObject)>) {
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let all = slice(args, n + nkw as Py_ssize_t);
    let kws = (0..nkw).map(|i| (str_::as_str(tuple::get_item(kwnames, i as Py_ssize_t)).unwrap_or("").to_string(), all[n as usize + i])).collect();
    (&all[..n as usize], kws)
}

fn ret(r: PyResult<Obj>) -> *mut PyObject {
    crate::guard::ret_obj(r)
}

unsafe fn unexpected_kw(func: &str, kws: &[(String, *mut PyObject)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kws {
        if !allowed.contains(&k.as_str()) {
            return Err(raise(exc::type_error(), format!("{func}() got an unexpected keyword argument '{k}'")));
        }
    }
    Ok(())
}

fn kw<'a>(kws: &'a [(String, *mut PyObject)], name: &str) -> Option<*mut PyObject> {
    kws.iter().find(|(k, _)| k == name).map(|kv| kv.1)
}

fn new_bool(v: bool) -> PyResult<Obj> {
    // Safety: True/False are immortal statics.
    Ok(unsafe { Obj::from_borrowed(boolobject::new_bool(v)) })
}

unsafe extern "C" fn b_abs(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(num::absolute(o))
}

unsafe fn truth_scan(o: *mut PyObject, want: bool) -> PyResult<Obj> {
    let it = iter::get_iter(o)?;
    while let Some(x) = iter::next(it.as_ptr())? {
        if proto::is_true(x.as_ptr())? == want {
            return new_bool(want);
        }
    }
    new_bool(!want)
}

unsafe extern "C" fn b_all(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(truth_scan(o, false))
}

unsafe extern "C" fn b_any(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(truth_scan(o, true))
}

unsafe extern "C" fn b_ascii(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(proto::ascii(o))
}

unsafe fn to_base(o: *mut PyObject, base: u32) -> PyResult<Obj> {
    let i = num::index(o)?;
    crate::objects::long_format::to_base(i.as_ptr(), base)
}

unsafe extern "C" fn b_bin(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(to_base(o, 2))
}

unsafe extern "C" fn b_oct(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(to_base(o, 8))
}

unsafe extern "C" fn b_hex(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(to_base(o, 16))
}

unsafe extern "C" fn b_callable(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    boolobject::new_bool(call::callable_check(o))
}

unsafe extern "C" fn b_chr(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret((|| {
        if !long::check(o) {
            return Err(raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", full_name(type_of(o)))));
        }
        let v = match long::as_i64(o) {
            Some(v) if v <= i32::MAX as i64 && v >= i32::MIN as i64 => v,
            _ => return Err(raise(exc::overflow_error(), "Python int too large to convert to C int")),
        };
        if !(0..=0x10ffff).contains(&v) {
            return Err(raise(exc::value_error(), "chr() arg not in range(0x110000)"));
        }
        str_::from_code_points(&[v as u32])
    })())
}

unsafe extern "C" fn b_ord(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret((|| {
        if str_::check(o) {
            let n = str_::len(o);
            if n != 1 {
                return Err(raise(exc::type_error(), format!("ord() expected a character, but string of length {n} found")));
            }
            return Ok(long::from_i64(str_::read_char(o, 0) as i64));
        }
        if crate::objects::bytesobject::check(o) || crate::objects::bytearrayobject::check(o) {
            let b = crate::objects::bytes_methods::data_of(o);
            if b.len() != 1 {
                return Err(raise(exc::type_error(), format!("ord() expected a character, but string of length {} found", b.len())));
            }
            return Ok(long::from_i64(b[0] as i64));
        }
        Err(raise(exc::type_error(), format!("ord() expected string of length 1, but {} found", full_name(type_of(o)))))
    })())
}

unsafe fn check_attr_name(name: *mut PyObject, what: &str) -> PyResult<()> {
    if !str_::check(name) {
        return Err(raise(exc::type_error(), format!("{what}: attribute name must be string, not '{}'", full_name(type_of(name)))));
    }
    Ok(())
}

unsafe extern "C" fn b_getattr(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("getattr", a.len(), 2, 3)?;
        check_attr_name(a[1], "getattr()")?;
        if a.len() == 3 {
            return Ok(proto::lookup_attr(a[0], a[1])?.unwrap_or_else(|| Obj::from_borrowed(a[2])));
        }
        proto::getattr(a[0], a[1])
    })())
}

unsafe extern "C" fn b_hasattr(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("hasattr", a.len(), 2, 2)?;
        check_attr_name(a[1], "hasattr()")?;
        new_bool(proto::lookup_attr(a[0], a[1])?.is_some())
    })())
}

unsafe extern "C" fn b_setattr(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("setattr", a.len(), 3, 3)?;
        check_attr_name(a[1], "setattr()")?;
        proto::setattr(a[0], a[1], a[2])?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })())
}

unsafe extern "C" fn b_delattr(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("delattr", a.len(), 2, 2)?;
        check_attr_name(a[1], "delattr()")?;
        proto::setattr(a[0], a[1], null_mut())?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })())
}

unsafe extern "C" fn b_dir(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("dir", a.len(), 0, 1)?;
        let names = if a.is_empty() {
            let f = crate::ceval_frame::first_complete(crate::ceval_frame::current());
            if f.is_null() {
                return Err(raise(exc::system_error(), "dir(): no current frame"));
            }
            let l = crate::objects::frameobject::locals(f)?;
            call::call_method_obj(l.as_ptr(), "keys", &[])?
        } else {
            return dir_of(a[0]);
        };
        sorted_list(&iter::collect(names.as_ptr())?, null_mut(), false)
    })())
}

/// `dir(o)`: the sorted list `o.__dir__()` returns (CPython's PyObject_Dir).
pub unsafe fn dir_of(o: *mut PyObject) -> PyResult<Obj> {
    let m = crate::objects::typeslots::lookup_special(o, "__dir__")?.ok_or_else(|| raise(exc::type_error(), "object does not provide __dir__"))?;
    let names = call::vectorcall(m.as_ptr(), &[], null_mut())?;
    sorted_list(&iter::collect(names.as_ptr())?, null_mut(), false)
}

unsafe extern "C" fn b_divmod(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        if a.len() != 2 {
            return Err(raise(exc::type_error(), format!("divmod expected 2 arguments, got {}", a.len())));
        }
        num::binary_op(a[0], a[1], num::DIVMOD)
    })())
}

unsafe extern "C" fn b_format(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("format", a.len(), 1, 2)?;
        if a.len() == 2 && !str_::check(a[1]) {
            return Err(raise(exc::type_error(), format!("format() argument 2 must be str, not {}", full_name(type_of(a[1])))));
        }
        proto::format(a[0], if a.len() == 2 { a[1] } else { null_mut() })
    })())
}

unsafe extern "C" fn b_hash(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(proto::hash_checked(o).map(|h| long::from_i64(h as i64)))
}

unsafe extern "C" fn b_id(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret((|| {
        let id = long::from_u64(o as usize as u64);
        crate::modules::sys_hooks::audit("builtins.id", &[id.as_ptr()])?;
        Ok(id)
    })())
}

unsafe extern "C" fn b_isinstance(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        if a.len() != 2 {
            return Err(raise(exc::type_error(), format!("isinstance expected 2 arguments, got {}", a.len())));
        }
        new_bool(crate::protocol::abstract_::is_instance(a[0], a[1])?)
    })())
}

unsafe extern "C" fn b_issubclass(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        if a.len() != 2 {
            return Err(raise(exc::type_error(), format!("issubclass expected 2 arguments, got {}", a.len())));
        }
        new_bool(crate::protocol::abstract_::is_subclass(a[0], a[1])?)
    })())
}

unsafe extern "C" fn b_iter(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("iter", a.len(), 1, 2)?;
        if a.len() == 1 {
            return iter::get_iter(a[0]);
        }
        if !call::callable_check(a[0]) {
            return Err(raise(exc::type_error(), "iter(v, w): v must be callable"));
        }
        crate::objects::iterobject::new_call_iter(a[0], a[1])
    })())
}

unsafe extern "C" fn b_next(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("next", a.len(), 1, 2)?;
        let Some(f) = (*type_of(a[0])).tp_iternext else {
            return Err(raise(exc::type_error(), format!("'{}' object is not an iterator", full_name(type_of(a[0])))));
        };
        let r = f(a[0]);
        if !r.is_null() {
            return Ok(Obj::from_owned_nonnull(r));
        }
        if !err::occurred().is_null() {
            if a.len() == 2 && err::exception_matches(exc::stop_iteration()) {
                err::clear();
                return Ok(Obj::from_borrowed(a[1]));
            }
            return Err(ErrSet::assume_set());
        }
        if a.len() == 2 {
            return Ok(Obj::from_borrowed(a[1]));
        }
        Err(err::set_object(exc::stop_iteration(), null_mut()))
    })())
}

unsafe extern "C" fn b_len(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(seq::size(o).map(|n| long::from_i64(n as i64)))
}

/// min()/max(): one iterable or several arguments, with key= and default=.
unsafe fn min_max(args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject, name: &str, op: std::ffi::c_int) -> PyResult<Obj> {
    let (pos, kws) = split(args, n, kwnames);
    unexpected_kw(name, &kws, &["key", "default"])?;
    let key = kw(&kws, "key").filter(|&k| !noneobject::is_none(k));
    let default = kw(&kws, "default");
    let items: Vec<Obj> = match pos.len() {
        0 => return Err(raise(exc::type_error(), format!("{name} expected at least 1 argument, got 0"))),
        1 => iter::collect(pos[0])?,
        _ => {
            if default.is_some() {
                return Err(raise(exc::type_error(), format!("Cannot specify a default for {name}() with multiple positional arguments")));
            }
            pos.iter().map(|&p| Obj::from_borrowed(p)).collect()
        }
    };
    let mut best: Option<(Obj, Obj)> = None;
    for item in items {
        let k = match key {
            Some(f) => call::vectorcall(f, &[item.as_ptr()], null_mut())?,
            None => item.clone(),
        };
        best = match best {
            None => Some((item, k)),
            Some((bi, bk)) => {
                if proto::rich_compare_bool(k.as_ptr(), bk.as_ptr(), op)? {
                    Some((item, k))
                } else {
                    Some((bi, bk))
                }
            }
        };
    }
    match (best, default) {
        (Some((b, _)), _) => Ok(b),
        (None, Some(d)) => Ok(Obj::from_borrowed(d)),
        (None, None) => Err(raise(exc::value_error(), format!("{name}() arg is an empty sequence"))),
    }
}

unsafe extern "C" fn b_max(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    ret(min_max(args, n, kwnames, "max", Py_GT))
}

unsafe extern "C" fn b_min(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    ret(min_max(args, n, kwnames, "min", Py_LT))
}

unsafe extern "C" fn b_pow(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    let (pos, kws) = split(args, n, kwnames);
    ret((|| {
        unexpected_kw("pow", &kws, &["base", "exp", "mod"])?;
        let get = |i: usize, name: &str| pos.get(i).copied().or_else(|| kw(&kws, name));
        let (Some(b), Some(e)) = (get(0, "base"), get(1, "exp")) else {
            return Err(raise(exc::type_error(), format!("pow() missing required argument '{}' (pos {})", if get(0, "base").is_none() { "base" } else { "exp" }, if get(0, "base").is_none() { 1 } else { 2 })));
        };
        num::power(b, e, get(2, "mod").unwrap_or(noneobject::none()))
    })())
}

unsafe extern "C" fn b_print(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    let (pos, kws) = split(args, n, kwnames);
    ret((|| {
        unexpected_kw("print", &kws, &["sep", "end", "file", "flush"])?;
        let text_arg = |name: &str, default: &str| -> PyResult<Obj> {
            match kw(&kws, name) {
                None => str_::from_str(default),
                Some(v) if noneobject::is_none(v) => str_::from_str(default),
                Some(v) if str_::check(v) => Ok(Obj::from_borrowed(v)),
                Some(v) => Err(raise(exc::type_error(), format!("{name} must be None or a string, not {}", full_name(type_of(v))))),
            }
        };
        let sep = text_arg("sep", " ")?;
        let end = text_arg("end", "\n")?;
        let file = match kw(&kws, "file").filter(|&f| !noneobject::is_none(f)) {
            Some(f) => Obj::from_borrowed(f),
            None => match crate::pythonrun::sys_attr("stdout") {
                Some(s) if !noneobject::is_none(s) => Obj::from_borrowed(s),
                _ => return Ok(Obj::from_borrowed(noneobject::none())),
            },
        };
        let write = proto::getattr_str(file.as_ptr(), "write")?;
        for (i, &a) in pos.iter().enumerate() {
            if i > 0 {
                call::vectorcall(write.as_ptr(), &[sep.as_ptr()], null_mut())?;
            }
            let s = proto::str(a)?;
            call::vectorcall(write.as_ptr(), &[s.as_ptr()], null_mut())?;
        }
        call::vectorcall(write.as_ptr(), &[end.as_ptr()], null_mut())?;
        if let Some(f) = kw(&kws, "flush") {
            if proto::is_true(f)? {
                call::call_method_obj(file.as_ptr(), "flush", &[])?;
            }
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })())
}

unsafe extern "C" fn b_repr(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(proto::repr(o))
}

unsafe extern "C" fn b_round(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    let (pos, kws) = split(args, n, kwnames);
    ret((|| {
        unexpected_kw("round", &kws, &["number", "ndigits"])?;
        let number = pos.first().copied().or_else(|| kw(&kws, "number")).ok_or_else(|| raise(exc::type_error(), "round() missing required argument 'number' (pos 1)"))?;
        let ndigits = pos.get(1).copied().or_else(|| kw(&kws, "ndigits")).filter(|&d| !noneobject::is_none(d));
        let Some(m) = crate::objects::typeslots::lookup_special(number, "__round__")? else {
            return Err(raise(exc::type_error(), format!("type {} doesn't define __round__ method", full_name(type_of(number)))));
        };
        match ndigits {
            Some(d) => call::vectorcall(m.as_ptr(), &[d], null_mut()),
            None => call::vectorcall(m.as_ptr(), &[], null_mut()),
        }
    })())
}

/// A new sorted list of `items`: stable, `key` applied once per item; reverse keeps the
/// stability of equal items, as list.sort.
pub unsafe fn sorted_list(items: &[Obj], key: *mut PyObject, reverse: bool) -> PyResult<Obj> {
    // list.sort itself (CPython's timsort), so comparisons happen in CPython's order.
    let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
    let l = list::from_slice(&ptrs)?;
    crate::objects::list_sort::sort(l.as_ptr(), key, reverse)?;
    Ok(l)
}

unsafe extern "C" fn b_sorted(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    let (pos, kws) = split(args, n, kwnames);
    ret((|| {
        if pos.len() != 1 {
            return Err(raise(exc::type_error(), format!("sorted expected 1 argument, got {}", pos.len())));
        }
        unexpected_kw("sort", &kws, &["key", "reverse"])?;
        let key = kw(&kws, "key").filter(|&k| !noneobject::is_none(k)).unwrap_or(null_mut());
        // An int, as list.sort's `reverse` (Argument Clinic's int converter).
        let reverse = match kw(&kws, "reverse") {
            Some(r) => crate::protocol::number::as_ssize_t(r)? != 0,
            None => false,
        };
        sorted_list(&iter::collect(pos[0])?, key, reverse)
    })())
}

unsafe extern "C" fn b_sum(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    let (pos, kws) = split(args, n, kwnames);
    ret((|| {
        unexpected_kw("sum", &kws, &["start"])?;
        crate::protocol::args::check_positional("sum", pos.len(), 1, 2)?;
        let start = pos.get(1).copied().or_else(|| kw(&kws, "start"));
        let mut acc = match start {
            Some(s) => {
                if str_::check(s) {
                    return Err(raise(exc::type_error(), "sum() can't sum strings [use ''.join(seq) instead]"));
                }
                if crate::objects::bytesobject::check(s) {
                    return Err(raise(exc::type_error(), "sum() can't sum bytes [use b''.join(seq) instead]"));
                }
                if full_name(type_of(s)) == "bytearray" {
                    return Err(raise(exc::type_error(), "sum() can't sum bytearray [use b''.join(seq) instead]"));
                }
                Obj::from_borrowed(s)
            }
            None => long::from_i64(0),
        };
        let it = iter::get_iter(pos[0])?;
        // Floats are added as C doubles, as CPython does, so rounding matches.
        let mut fsum: Option<f64> = None;
        while let Some(x) = iter::next(it.as_ptr())? {
            if float_exact(acc.as_ptr()) || fsum.is_some() {
                let base = match fsum {
                    Some(v) => v,
                    None => crate::objects::floatobject::value(acc.as_ptr()),
                };
                if float_exact(x.as_ptr()) {
                    fsum = Some(base + crate::objects::floatobject::value(x.as_ptr()));
                    continue;
                }
                if long::check_exact(x.as_ptr()) {
                    if let Some(v) = long::as_i64(x.as_ptr()).filter(|v| v.unsigned_abs() < (1u64 << 53)) {
                        fsum = Some(base + v as f64);
                        continue;
                    }
                }
                if let Some(v) = fsum.take() {
                    acc = crate::objects::floatobject::from_f64(v)?;
                }
            }
            acc = num::binary_op(acc.as_ptr(), x.as_ptr(), num::ADD)?;
        }
        if let Some(v) = fsum {
            return crate::objects::floatobject::from_f64(v);
        }
        Ok(acc)
    })())
}

unsafe extern "C" fn b_vars(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("vars", a.len(), 0, 1)?;
        if a.is_empty() {
            let f = crate::ceval_frame::first_complete(crate::ceval_frame::current());
            if f.is_null() {
                return Err(raise(exc::system_error(), "vars(): no current frame"));
            }
            return crate::objects::frameobject::locals(f);
        }
        match proto::lookup_attr(a[0], str_::intern("__dict__")?)? {
            Some(d) => Ok(d),
            None => Err(raise(exc::type_error(), "vars() argument must have __dict__ attribute")),
        }
    })())
}

unsafe extern "C" fn b_aiter(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("aiter", a.len(), 1, 1)?;
        crate::objects::genobject::get_aiter(a[0])
    })())
}

unsafe extern "C" fn b_anext(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    ret((|| {
        crate::protocol::args::check_positional("anext", a.len(), 1, 1)?;
        let am = (*type_of(a[0])).tp_as_async;
        match if am.is_null() { None } else { (*am).am_anext } {
            Some(f) => Obj::from_owned(f(a[0])),
            None => Err(raise(exc::type_error(), format!("'{}' object is not an async iterator", full_name(type_of(a[0]))))),
        }
    })())
}


unsafe fn float_exact(op: *mut PyObject) -> bool {
    type_of(op) == crate::objects::floatobject::float_type()
}
