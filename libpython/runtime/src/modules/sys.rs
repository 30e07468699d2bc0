//! The `sys` module (CPython's Python/sysmodule.c), as far as programs need it before the
//! import system: streams, argv/path/modules, version data, limits, exception state, hooks.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{full_name, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ptr::null_mut;

use crate::modules::{fast, meth};

static mut METHODS: [PyMethodDef; 14] = [
    fast(c"exit", sys_exit),
    meth(c"exc_info", sys_exc_info, METH_NOARGS),
    meth(c"exception", sys_exception, METH_NOARGS),
    meth(c"getrecursionlimit", sys_getrecursionlimit, METH_NOARGS),
    meth(c"setrecursionlimit", sys_setrecursionlimit, METH_O),
    meth(c"getrefcount", sys_getrefcount, METH_O),
    meth(c"intern", sys_intern, METH_O),
    fast(c"_getframe", sys_getframe),
    fast(c"excepthook", sys_excepthook),
    meth(c"displayhook", sys_displayhook, METH_O),
    meth(c"getdefaultencoding", sys_getdefaultencoding, METH_NOARGS),
    meth(c"getfilesystemencoding", sys_getdefaultencoding, METH_NOARGS),
    fast(c"getsizeof", sys_getsizeof),
    METHOD_END,
];

/// Makes `sys` and registers it (and `builtins`) in `sys.modules`.
pub unsafe fn init(builtins: &Obj) -> PyResult<Obj> {
    let name = str_::from_str("sys")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut crate::ceval_trace::SYS_METHODS) as *mut PyMethodDef, name.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut super::sys_hooks::METHODS) as *mut PyMethodDef, name.as_ptr())?;
    for hook in ["excepthook", "displayhook", "unraisablehook", "breakpointhook"] {
        let h = dict::get_item_str(d, hook)?;
        if h.is_null() {
            return Err(crate::err::raise(exc::system_error(), format!("sys.{hook} is missing")));
        }
        dict::set_item_str(d, &format!("__{hook}__"), h)?;
    }
    let modules = dict::new()?;
    dict::set_item_str(modules.as_ptr(), "sys", m.as_ptr())?;
    dict::set_item_str(modules.as_ptr(), "builtins", builtins.as_ptr())?;
    dict::set_item_str(modules.as_ptr(), "marshal", super::marshalmodule::init()?.as_ptr())?;
    dict::set_item_str(d, "modules", modules.as_ptr())?;
    for (n, fd, mode, errors, buffered) in [("stdin", 0, "r", "strict", false), ("stdout", 1, "w", "strict", true), ("stderr", 2, "w", "backslashreplace", false)] {
        let buffered = buffered && !super::sys_info::unbuffered_stdio();
        let s = super::stdio::new(fd, &format!("<{n}>"), mode, errors, buffered)?;
        dict::set_item_str(d, n, s.as_ptr())?;
        dict::set_item_str(d, &format!("__{n}__"), s.as_ptr())?;
    }
    for n in ["argv", "orig_argv", "meta_path", "path_hooks"] {
        dict::set_item_str(d, n, list::new(0)?.as_ptr())?;
    }
    let warnoptions = list::new(0)?;
    for w in super::sys_info::warn_options() {
        list::append(warnoptions.as_ptr(), str_::from_str(&w)?.as_ptr())?;
    }
    dict::set_item_str(d, "warnoptions", warnoptions.as_ptr())?;
    dict::set_item_str(d, "path_importer_cache", dict::new()?.as_ptr())?;
    dict::set_item_str(d, "_xoptions", dict::new()?.as_ptr())?;
    let version = str_::from_str(&crate::interp::version_string())?;
    dict::set_item_str(d, "version", version.as_ptr())?;
    super::sys_info::init(d)?;
    for (n, v) in [("hexversion", 0x030B07F0i64), ("api_version", 1013), ("maxsize", isize::MAX as i64), ("maxunicode", 0x10ffff)] {
        dict::set_item_str(d, n, long::from_i64(v).as_ptr())?;
    }
    for (n, v) in [("byteorder", "little"), ("platform", "linux"), ("platlibdir", "lib"), ("abiflags", "")] {
        dict::set_item_str(d, n, str_::from_str(v)?.as_ptr())?;
    }
    let names = tuple::from_vec(crate::import::builtin_module_names().into_iter().map(str_::from_str).collect::<PyResult<_>>()?)?;
    dict::set_item_str(d, "builtin_module_names", names.as_ptr())?;
    crate::interp::set_sysdict(&Obj::from_borrowed(d));
    Ok(m)
}

use crate::modules::args as slice;

unsafe extern "C" fn sys_exit(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    if crate::protocol::args::check_positional("exit", a.len(), 0, 1).is_err() {
        return null_mut();
    }
    err::set_object(exc::system_exit(), a.first().copied().unwrap_or(null_mut()));
    null_mut()
}

unsafe fn handled() -> *mut PyObject {
    let v = crate::ceval_ops::topmost_exception();
    if v.is_null() {
        noneobject::none()
    } else {
        v
    }
}

unsafe extern "C" fn sys_exc_info(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = handled();
        if noneobject::is_none(v) {
            return tuple::pack(&[v, v, v]);
        }
        let tb = (*(v as *mut PyBaseExceptionObject)).traceback;
        tuple::pack(&[type_of(v) as *mut PyObject, v, if tb.is_null() { noneobject::none() } else { tb }])
    })
}

unsafe extern "C" fn sys_exception(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let v = handled();
    incref(v);
    v
}

unsafe extern "C" fn sys_getrecursionlimit(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64((*crate::pystate::tstate()).recursion_limit as i64)))
}

unsafe extern "C" fn sys_setrecursionlimit(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !long::check(v) {
            return Err(raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", full_name(type_of(v)))));
        }
        let n = long::as_c_long(v)?;
        if n < 1 {
            return Err(raise(exc::value_error(), "recursion limit must be greater or equal than 1"));
        }
        let n = n.min(i32::MAX as i64) as i32;
        let ts = crate::pystate::tstate();
        let depth = (*ts).recursion_limit - (*ts).recursion_remaining;
        if depth >= n {
            return Err(raise(exc::recursion_error(), format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low")));
        }
        (*ts).recursion_remaining = n - depth;
        (*ts).recursion_limit = n;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn sys_getrefcount(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64((*v).ob_refcnt as i64)))
}

unsafe extern "C" fn sys_intern(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check_exact(v) {
            return Err(raise(exc::type_error(), format!("intern() argument must be str, not {}", full_name(type_of(v)))));
        }
        let mut p = v;
        incref(p);
        str_::intern_in_place(&mut p);
        Ok(Obj::from_owned_nonnull(p))
    })
}

unsafe extern "C" fn sys_getframe(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("_getframe", a.len(), 0, 1)?;
        let mut depth = if a.is_empty() { 0 } else { long::as_c_long(a[0])? };
        let mut f = crate::ceval_frame::first_complete(crate::ceval_frame::current());
        while depth > 0 && !f.is_null() {
            f = crate::ceval_frame::first_complete((*f).previous);
            depth -= 1;
        }
        if f.is_null() {
            return Err(raise(exc::value_error(), "call stack is not deep enough"));
        }
        let fo = Obj::from_borrowed(crate::objects::frameobject::get(f)? as *mut PyObject);
        super::sys_hooks::audit("sys._getframe", &[fo.as_ptr()])?;
        Ok(fo)
    })
}

/// The default `sys.excepthook`: the traceback and exception to stderr.
unsafe extern "C" fn sys_excepthook(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("excepthook", a.len(), 3, 3)?;
        let v = a[1];
        if !noneobject::is_none(a[2]) && crate::objects::exceptions::check(v) {
            crate::objects::exceptions::set_traceback_raw(v, a[2]);
        }
        let text = crate::pythonrun::format_exception(v);
        write_stderr(&text)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

/// Writes text through `sys.stderr` (after flushing stdout, so the two interleave in order).
pub unsafe fn write_stderr(text: &str) -> PyResult<()> {
    crate::pythonrun::flush_std_streams();
    let Some(e) = crate::pythonrun::sys_attr("stderr").filter(|&e| !noneobject::is_none(e)) else {
        eprint!("{text}");
        return Ok(());
    };
    let s = str_::from_str(text)?;
    call::call_method_obj(e, "write", &[s.as_ptr()])?;
    call::call_method_obj(e, "flush", &[])?;
    Ok(())
}

/// The default `sys.displayhook`: repr to stdout, and the value kept as `builtins._`.
unsafe extern "C" fn sys_displayhook(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if noneobject::is_none(v) {
            return Ok(Obj::from_borrowed(noneobject::none()));
        }
        let b = crate::interp::builtins();
        dict::set_item_str(b, "_", noneobject::none())?;
        let out = crate::pythonrun::sys_attr("stdout").ok_or_else(|| raise(exc::runtime_error(), "lost sys.stdout"))?;
        let r = proto::repr(v)?;
        call::call_method_obj(out, "write", &[r.as_ptr()])?;
        let nl = str_::from_str("\n")?;
        call::call_method_obj(out, "write", &[nl.as_ptr()])?;
        dict::set_item_str(b, "_", v)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn sys_getdefaultencoding(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str("utf-8"))
}

unsafe extern "C" fn sys_getsizeof(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("getsizeof", a.len(), 1, 2)?;
        match getsizeof(a[0]) {
            Ok(n) => Ok(long::from_i64(n)),
            // The default replaces only the TypeError of a type without __sizeof__.
            Err(_) if a.len() == 2 && err::exception_matches(exc::type_error()) => {
                err::clear();
                Ok(Obj::from_borrowed(a[1]))
            }
            Err(e) => Err(e),
        }
    })
}

/// `sys.getsizeof(o)` without a default (CPython's _PySys_GetSizeOf): `__sizeof__()` plus
/// the GC head.
pub unsafe fn getsizeof(o: *mut PyObject) -> PyResult<i64> {
    let size = match crate::objects::typeslots::lookup_special(o, "__sizeof__")? {
        Some(m) => call::vectorcall(m.as_ptr(), &[], null_mut())?,
        None => return Err(raise(exc::type_error(), format!("Type {} doesn't define __sizeof__", full_name(type_of(o))))),
    };
    let mut n = long::as_c_long(size.as_ptr())?;
    if n < 0 {
        return Err(raise(exc::value_error(), "__sizeof__() should return >= 0"));
    }
    if (*type_of(o)).tp_flags & Py_TPFLAGS_HAVE_GC != 0 {
        n += std::mem::size_of::<PyGC_Head>() as i64;
    }
    Ok(n)
}
