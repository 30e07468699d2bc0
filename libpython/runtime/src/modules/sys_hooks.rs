//! The hooks and knobs of `sys` (CPython's Python/sysmodule.c and errors.c): audit hooks,
//! `unraisablehook` and the report of unraisable exceptions, `call_tracing`, the async
//! generator hooks, coroutine origin tracking, the switch interval and the dlopen flags.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{full_name, METHOD_END};
use crate::objects::{dictobject as dict, floatobject as float, listobject as list, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{args::check_positional, call, number, object as proto};
use crate::modules::{args as slice, fast, fast_kw, meth, var_kw};
use crate::modules::sys_info;
use std::ffi::c_int;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};

pub static mut METHODS: [PyMethodDef; 18] = [
    fast(c"audit", sys_audit),
    fast_kw(c"addaudithook", sys_addaudithook),
    meth(c"unraisablehook", sys_unraisablehook, METH_O),
    fast(c"call_tracing", sys_call_tracing),
    meth(c"get_asyncgen_hooks", sys_get_asyncgen_hooks, METH_NOARGS),
    var_kw(c"set_asyncgen_hooks", sys_set_asyncgen_hooks),
    meth(c"get_coroutine_origin_tracking_depth", sys_get_coro_depth, METH_NOARGS),
    fast_kw(c"set_coroutine_origin_tracking_depth", sys_set_coro_depth),
    meth(c"getswitchinterval", sys_getswitchinterval, METH_NOARGS),
    meth(c"setswitchinterval", sys_setswitchinterval, METH_O),
    meth(c"getdlopenflags", sys_getdlopenflags, METH_NOARGS),
    meth(c"setdlopenflags", sys_setdlopenflags, METH_O),
    meth(c"is_finalizing", sys_is_finalizing, METH_NOARGS),
    meth(c"getfilesystemencodeerrors", sys_getfilesystemencodeerrors, METH_NOARGS),
    meth(c"_clear_type_cache", sys_clear_type_cache, METH_NOARGS),
    meth(c"get_int_max_str_digits", sys_get_int_max_str_digits, METH_NOARGS),
    fast_kw(c"set_int_max_str_digits", sys_set_int_max_str_digits),
    METHOD_END,
];

unsafe fn none() -> PyResult<Obj> {
    Ok(Obj::from_borrowed(noneobject::none()))
}

// ---- audit hooks ---------------------------------------------------------------------------

/// The hooks `sys.addaudithook` added (a list), NULL until the first.
static mut AUDIT_HOOKS: *mut PyObject = null_mut();

/// A C audit hook (`Py_AuditHookFunction`): event, args tuple, user data; -1 on error.
pub type CAuditHook = unsafe extern "C" fn(*const std::ffi::c_char, *mut PyObject, *mut std::ffi::c_void) -> c_int;

/// The hooks `PySys_AddAuditHook` added, called before the Python ones (with user data).
static mut C_AUDIT_HOOKS: Vec<(CAuditHook, usize)> = Vec::new();

/// Is any audit hook installed? Without one, events cost nothing.
pub fn audit_enabled() -> bool {
    // Safety: the hook lists change only under the GIL.
    unsafe { !AUDIT_HOOKS.is_null() || !(*(&raw const C_AUDIT_HOOKS)).is_empty() }
}

/// `PySys_AddAuditHook`: existing hooks may veto (a RuntimeError from them is swallowed).
pub unsafe fn add_c_audit_hook(hook: CAuditHook, data: *mut std::ffi::c_void) -> PyResult<()> {
    if crate::lifecycle::is_initialized() && audit("sys.addaudithook", &[]).is_err() {
        if err::exception_matches(exc::runtime_error()) {
            err::clear();
            return Ok(());
        }
        return Err(err::ErrSet::assume_set());
    }
    (*(&raw mut C_AUDIT_HOOKS)).push((hook, data as usize));
    Ok(())
}

/// Raises audit event `event` with `args` (CPython's PySys_Audit): each hook is called with
/// `(event, args)`; the first error stops and propagates. A pending exception is kept.
pub unsafe fn audit(event: &str, args: &[*mut PyObject]) -> PyResult<()> {
    if !audit_enabled() {
        return Ok(());
    }
    audit_tuple(event, tuple::from_slice(args)?.as_ptr())
}

/// `audit` with the hooks' second argument, a tuple, given as is.
pub unsafe fn audit_tuple(event: &str, t: *mut PyObject) -> PyResult<()> {
    let saved = err::fetch();
    let r = (|| -> PyResult<()> {
        let c_event = std::ffi::CString::new(event).map_err(|_| raise(exc::value_error(), "embedded null character"))?;
        let c_hooks: Vec<(CAuditHook, usize)> = (*(&raw const C_AUDIT_HOOKS)).clone();
        for (hook, data) in c_hooks {
            if hook(c_event.as_ptr(), t, data as *mut std::ffi::c_void) < 0 {
                return Err(err::ErrSet::assume_set());
            }
        }
        if AUDIT_HOOKS.is_null() {
            return Ok(());
        }
        let name = str_::from_str(event)?;
        let hooks = Obj::from_borrowed(AUDIT_HOOKS);
        // Hooks added by a hook run from the next event on, as CPython iterates a snapshot.
        let snapshot: Vec<Obj> = list::items(hooks.as_ptr()).iter().map(|&h| Obj::from_borrowed(h)).collect();
        for h in snapshot {
            proto::lookup_attr(h.as_ptr(), str_::intern("__cantrace__")?)?;
            call::vectorcall(h.as_ptr(), &[name.as_ptr(), t], null_mut())?;
        }
        Ok(())
    })();
    match r {
        Ok(()) => err::restore(saved.0, saved.1, saved.2),
        Err(_) => {
            xdecref(saved.0);
            xdecref(saved.1);
            xdecref(saved.2);
        }
    }
    r
}

unsafe extern "C" fn sys_audit(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        let Some(&event) = a.first() else {
            return Err(raise(exc::type_error(), "audit() missing 1 required positional argument: 'event'"));
        };
        if !audit_enabled() {
            return none();
        }
        if !str_::check(event) {
            return Err(raise(exc::type_error(), format!("expected str for argument 'event', not {}", full_name(type_of(event)))));
        }
        let rest = tuple::from_slice(&a[1..])?;
        audit_tuple(str_::as_str(event)?, rest.as_ptr())?;
        none()
    })
}

/// Binds the single parameter `name` of a clinic function from a vectorcall, with
/// `_PyArg_UnpackKeywords`' messages.
unsafe fn one_arg(func: &str, name: &str, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> PyResult<*mut PyObject> {
    let nargs = n as usize;
    let kw: &[*mut PyObject] = if kwnames.is_null() { &[] } else { tuple::items(kwnames) };
    let all = slice(args, (nargs + kw.len()) as Py_ssize_t);
    let total = nargs + kw.len();
    if total > 1 {
        let what = if nargs == 0 { "keyword " } else { "" };
        return Err(raise(exc::type_error(), format!("{func}() takes at most 1 {what}argument ({total} given)")));
    }
    let found = nargs == 1 || kw.first().is_some_and(|&k| str_::check(k) && str_::eq_str(k, name));
    if !found {
        return Err(raise(exc::type_error(), format!("{func}() missing required argument '{name}' (pos 1)")));
    }
    Ok(all[0])
}

unsafe extern "C" fn sys_addaudithook(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let hook = one_arg("addaudithook", "hook", args, n, kwnames)?;
        // The hooks there already may veto; an Exception from them is swallowed.
        if audit("sys.addaudithook", &[]).is_err() {
            if err::exception_matches(exc::exception()) {
                err::clear();
                return none();
            }
            return Err(err::ErrSet::assume_set());
        }
        if AUDIT_HOOKS.is_null() {
            AUDIT_HOOKS = list::new(0)?.into_ptr();
        }
        list::append(AUDIT_HOOKS, hook)?;
        none()
    })
}

// ---- unraisable exceptions -----------------------------------------------------------------

/// Writes `text` to `sys.stderr` (to fd 2 before `sys` exists; nowhere when it is None).
unsafe fn write_err(text: &str) -> PyResult<()> {
    if crate::interp::sysdict().is_null() {
        eprint!("{text}");
        return Ok(());
    }
    let Some(f) = crate::pythonrun::sys_attr("stderr").filter(|&f| !noneobject::is_none(f)) else {
        return Ok(());
    };
    let s = str_::from_str(text)?;
    call::call_method_obj(f, "write", &[s.as_ptr()])?;
    Ok(())
}

unsafe fn str_or(v: *mut PyObject, failed: &str) -> String {
    match proto::str(v).and_then(|s| Ok(str_::as_str(s.as_ptr())?.to_owned())) {
        Ok(s) => s,
        Err(_) => {
            err::clear();
            failed.to_owned()
        }
    }
}

/// The default `sys.unraisablehook` text (CPython's write_unraisable_exc_file).
unsafe fn default_unraisable(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject, msg: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    let given = |p: *mut PyObject| !p.is_null() && !noneobject::is_none(p);
    let mut out = String::new();
    if given(obj) {
        out.push_str(&if given(msg) { format!("{}: ", str_or(msg, "")) } else { "Exception ignored in: ".to_owned() });
        out.push_str(&proto::repr_string(obj).unwrap_or_else(|_| {
            err::clear();
            "<object repr() failed>".to_owned()
        }));
        out.push('\n');
    } else if given(msg) {
        out.push_str(&format!("{}:\n", str_or(msg, "")));
    }
    if given(tb) && crate::objects::traceback::check(tb) {
        match crate::objects::traceback::format(tb) {
            Ok(s) => out.push_str(&s),
            Err(_) => err::clear(),
        }
    }
    if !given(t) {
        return write_err(&out);
    }
    let module = proto::getattr_str(t, "__module__").ok().filter(|m| str_::check(m.as_ptr()));
    match module {
        None => {
            err::clear();
            out.push_str("<unknown>");
        }
        Some(m) => {
            let m = str_::as_str(m.as_ptr())?;
            if m != "builtins" && m != "__main__" {
                out.push_str(m);
                out.push('.');
            }
        }
    }
    let qualname = if crate::objects::typeobject::is_type(t) { crate::objects::typeobject::type_qualname_str(t as *mut PyTypeObject).ok() } else { None };
    out.push_str(qualname.as_deref().unwrap_or("<unknown>"));
    if given(v) {
        out.push_str(": ");
        out.push_str(&str_or(v, "<exception str() failed>"));
    }
    out.push('\n');
    write_err(&out)?;
    if let Some(f) = crate::pythonrun::sys_attr("stderr").filter(|&f| !noneobject::is_none(f)) {
        call::call_method_obj(f, "flush", &[])?;
    }
    Ok(())
}

unsafe extern "C" fn sys_unraisablehook(_: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if type_of(a) != sys_info::unraisable_args_type() {
            return Err(raise(exc::type_error(), "sys.unraisablehook argument type must be UnraisableHookArgs"));
        }
        let f = tuple::items(a);
        default_unraisable(f[0], f[1], f[2], f[3], f[4])?;
        none()
    })
}

/// Reports the pending exception through `sys.unraisablehook` and clears it (CPython's
/// `_PyErr_WriteUnraisableMsg`); `msg` is the whole first line's lead, e.g.
/// "Exception ignored in finalizer", or None for "Exception ignored in: <obj>".
pub unsafe fn write_unraisable(msg: Option<&str>, obj: *mut PyObject) {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return;
    }
    let _ = crate::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    err::clear();
    if !tb.is_null() && crate::objects::traceback::check(tb) && crate::objects::exceptions::check(v) {
        crate::objects::exceptions::set_traceback_raw(v, tb);
    }
    let or_none = |p: *mut PyObject| if p.is_null() { noneobject::none() } else { p };
    let msg_obj = msg.and_then(|m| str_::from_str(m).ok());
    let msg_ptr = msg_obj.as_ref().map_or(null_mut(), |m| m.as_ptr());
    let fields = || -> PyResult<Obj> {
        let vals = [t, v, tb, msg_ptr, obj].iter().map(|&p| Obj::from_borrowed(or_none(p))).collect();
        sys_info::build(sys_info::unraisable_args_type(), vals)
    };
    let hook = crate::pythonrun::sys_attr("unraisablehook");
    let outcome: Result<(), (&str, *mut PyObject)> = match (fields(), hook) {
        (Err(_), _) => Err(("Exception ignored on building sys.unraisablehook arguments", obj)),
        (Ok(_), None) => {
            let _ = default_unraisable(t, v, tb, msg_ptr, obj);
            Ok(())
        }
        (Ok(args), Some(hook)) => {
            let hook = Obj::from_borrowed(hook);
            if audit("sys.unraisablehook", &[hook.as_ptr(), args.as_ptr()]).is_err() {
                Err(("Exception ignored in audit hook", null_mut()))
            } else if noneobject::is_none(hook.as_ptr()) {
                let _ = default_unraisable(t, v, tb, msg_ptr, obj);
                Ok(())
            } else if call::vectorcall(hook.as_ptr(), &[args.as_ptr()], null_mut()).is_err() {
                Err(("Exception ignored in sys.unraisablehook", hook.into_ptr()))
            } else {
                Ok(())
            }
        }
    };
    if let Err((lead, what)) = outcome {
        // The hook itself failed: the default hook reports that error instead.
        let (mut t2, mut v2, mut tb2) = err::fetch();
        let _ = crate::objects::exceptions::normalize(&mut t2, &mut v2, &mut tb2);
        let m = str_::from_str(lead).ok();
        let _ = default_unraisable(t2, v2, tb2, m.as_ref().map_or(null_mut(), |m| m.as_ptr()), what);
        if what != obj {
            xdecref(what);
        }
        xdecref(t2);
        xdecref(v2);
        xdecref(tb2);
    }
    err::clear();
    xdecref(t);
    xdecref(v);
    xdecref(tb);
}

// ---- calls and async generator hooks -------------------------------------------------------

unsafe extern "C" fn sys_call_tracing(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("call_tracing", a.len(), 2, 2)?;
        if !tuple::check(a[1]) {
            return Err(raise(exc::type_error(), format!("call_tracing() argument 2 must be tuple, not {}", full_name(type_of(a[1])))));
        }
        // Tracing is allowed again inside, as _PyEval_CallTracing does.
        crate::ceval_trace::call_tracing(a[0], a[1])
    })
}

unsafe extern "C" fn sys_get_asyncgen_hooks(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let ts = crate::pystate::tstate();
        let or_none = |p: *mut PyObject| Obj::from_borrowed(if p.is_null() { noneobject::none() } else { p });
        sys_info::build(sys_info::asyncgen_hooks_type(), vec![or_none((*ts).async_gen_firstiter), or_none((*ts).async_gen_finalizer)])
    })
}

/// Sets one async generator hook: None clears it, anything else must be callable.
unsafe fn set_hook(slot: *mut *mut PyObject, v: Option<*mut PyObject>, what: &str) -> PyResult<()> {
    let Some(v) = v else { return Ok(()) };
    let v = if noneobject::is_none(v) {
        null_mut()
    } else if call::callable_check(v) {
        v
    } else {
        return Err(raise(exc::type_error(), format!("callable {what} expected, got {}", full_name(type_of(v)))));
    };
    audit(&format!("sys.set_asyncgen_hook_{what}"), &[])?;
    xincref(v);
    xsetref(slot, v);
    Ok(())
}

unsafe extern "C" fn sys_set_asyncgen_hooks(_: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        // PyArg_ParseTupleAndKeywords("|OO") without a function name, hence its messages.
        let pos = tuple::items(args);
        let kw = if kwds.is_null() { Vec::new() } else { dict::entries(kwds) };
        if pos.len() + kw.len() > 2 {
            return Err(raise(exc::type_error(), format!("function takes at most 2 arguments ({} given)", pos.len() + kw.len())));
        }
        let mut got: [Option<*mut PyObject>; 2] = [pos.first().copied(), pos.get(1).copied()];
        for (k, v) in kw {
            let name = if str_::check(k) { str_::as_str(k)? } else { "" };
            let i = match name {
                "firstiter" => 0,
                "finalizer" => 1,
                _ => return Err(raise(exc::type_error(), format!("'{name}' is an invalid keyword argument for this function"))),
            };
            if got[i].is_some() {
                return Err(raise(exc::type_error(), format!("argument for function given by name ('{name}') and position ({})", i + 1)));
            }
            got[i] = Some(v);
        }
        let ts = crate::pystate::tstate();
        // The finalizer first, as CPython (the order shows in audit events and errors).
        set_hook(&raw mut (*ts).async_gen_finalizer, got[1], "finalizer")?;
        set_hook(&raw mut (*ts).async_gen_firstiter, got[0], "firstiter")?;
        none()
    })
}

unsafe extern "C" fn sys_get_coro_depth(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64((*crate::pystate::tstate()).coroutine_origin_tracking_depth as i64)))
}

unsafe extern "C" fn sys_set_coro_depth(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let depth = number::c_int_arg(one_arg("set_coroutine_origin_tracking_depth", "depth", args, n, kwnames)?)?;
        if depth < 0 {
            return Err(raise(exc::value_error(), "depth must be >= 0"));
        }
        (*crate::pystate::tstate()).coroutine_origin_tracking_depth = depth;
        none()
    })
}

// ---- switch interval, dlopen flags, finalization -------------------------------------------

/// The switch interval in microseconds, as CPython keeps it (5 ms by default).
static SWITCH_INTERVAL_US: AtomicU64 = AtomicU64::new(5000);

pub fn switch_interval_us() -> u64 {
    SWITCH_INTERVAL_US.load(Ordering::Relaxed)
}

unsafe extern "C" fn sys_getswitchinterval(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(float::from_f64(1e-6 * switch_interval_us() as f64))
}

unsafe extern "C" fn sys_setswitchinterval(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let interval = float::as_f64(v)?;
        if interval <= 0.0 {
            return Err(raise(exc::value_error(), "switch interval must be strictly positive"));
        }
        SWITCH_INTERVAL_US.store((1e6 * interval) as u64, Ordering::Relaxed);
        none()
    })
}

/// The flags extension modules are opened with (RTLD_NOW by default, as CPython).
static DLOPEN_FLAGS: AtomicI32 = AtomicI32::new(libc::RTLD_NOW);

pub fn dlopen_flags() -> c_int {
    DLOPEN_FLAGS.load(Ordering::Relaxed)
}

unsafe extern "C" fn sys_getdlopenflags(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64(dlopen_flags() as i64)))
}

unsafe extern "C" fn sys_setdlopenflags(_: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        DLOPEN_FLAGS.store(number::c_int_arg(v)?, Ordering::Relaxed);
        none()
    })
}

unsafe extern "C" fn sys_is_finalizing(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(Obj::from_borrowed(crate::objects::boolobject::new_bool(crate::lifecycle::is_finalizing()))))
}

unsafe extern "C" fn sys_getfilesystemencodeerrors(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str("surrogateescape"))
}

unsafe extern "C" fn sys_clear_type_cache(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    // No method cache yet, so nothing to clear.
    crate::guard::ret_obj(none())
}

unsafe extern "C" fn sys_get_int_max_str_digits(_: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(Ok(long::from_i64(crate::objects::long_format::max_str_digits() as i64)))
}

unsafe extern "C" fn sys_set_int_max_str_digits(_: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let max = number::c_int_arg(one_arg("set_int_max_str_digits", "maxdigits", args, n, kwnames)?)?;
        // 640 is CPython's _PY_LONG_MAX_STR_DIGITS_THRESHOLD; smaller limits are refused
        // (negative ones too: the check is signed).
        if max != 0 && max < 640 {
            return Err(raise(exc::value_error(), "maxdigits must be 0 or larger than 640"));
        }
        crate::objects::long_format::set_max_str_digits(max as usize);
        none()
    })
}
