//! The `_warnings` module (CPython's Python/_warnings.c): `warn`, `warn_explicit`, the
//! `filters` list with CPython's default filters (and `-W` options), the once-registry, the
//! per-module `__warningregistry__`, and the report (through `warnings._showwarnmsg` when the
//! `warnings` module is loaded, else CPython's own format on `sys.stderr`). Every warning the
//! runtime issues goes through here.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::exceptions as e;
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ptr::null_mut;

unsafe fn is_warning_instance(o: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(o), (&raw mut e::_PyExc_Warning) as *mut PyTypeObject)
}

struct State {
    filters: *mut PyObject,
    once_registry: *mut PyObject,
    default_action: *mut PyObject,
    version: i64,
}

static mut STATE: Option<State> = None;

/// The filters, made on first use: `-W` options first (the last given wins, as
/// warnings.py inserts each at the front), then CPython's defaults.
unsafe fn state() -> PyResult<&'static mut State> {
    // Safety: the runtime holds the GIL; STATE is made once.
    if let Some(s) = (*(&raw mut STATE)).as_mut() {
        return Ok(s);
    }
    let filters = list::new(0)?;
    for opt in crate::modules::sys_info::warn_options().iter().rev() {
        if let Some(f) = option_filter(opt)? {
            list::append(filters.as_ptr(), f.as_ptr())?;
        }
    }
    let none = noneobject::none();
    let cats: [(&str, *mut PyObject, *mut PyObject); 5] = [
        ("default", (&raw mut e::_PyExc_DeprecationWarning) as *mut PyObject, str_::from_str("__main__")?.into_ptr()),
        ("ignore", (&raw mut e::_PyExc_DeprecationWarning) as *mut PyObject, none),
        ("ignore", (&raw mut e::_PyExc_PendingDeprecationWarning) as *mut PyObject, none),
        ("ignore", (&raw mut e::_PyExc_ImportWarning) as *mut PyObject, none),
        ("ignore", (&raw mut e::_PyExc_ResourceWarning) as *mut PyObject, none),
    ];
    for (action, cat, module) in cats {
        let item = tuple::pack(&[str_::intern(action)?, none, cat, module, long::from_i64(0).as_ptr()])?;
        list::append(filters.as_ptr(), item.as_ptr())?;
    }
    *(&raw mut STATE) = Some(State {
        filters: filters.into_ptr(),
        once_registry: dict::new()?.into_ptr(),
        default_action: str_::intern("default")?,
        version: 0,
    });
    Ok((*(&raw mut STATE)).as_mut().expect("just set"))
}

/// A `-W action:message:category:module:lineno` option as a filter, for the builtin
/// categories (others need the `warnings` module, which resolves names by import).
unsafe fn option_filter(opt: &str) -> PyResult<Option<Obj>> {
    let parts: Vec<&str> = opt.splitn(5, ':').map(|p| p.trim()).collect();
    let get = |i: usize| parts.get(i).copied().unwrap_or("");
    let action = match get(0) {
        "" | "d" | "default" => "default",
        "a" | "always" => "always",
        "e" | "error" => "error",
        "i" | "ignore" => "ignore",
        "m" | "module" => "module",
        "o" | "once" => "once",
        _ => return Ok(None),
    };
    let category = if get(2).is_empty() { "Warning" } else { get(2) };
    let Some(cat) = e::all_types().into_iter().find(|(n, _)| *n == category).map(|(_, t)| t as *mut PyObject) else { return Ok(None) };
    let lineno: i64 = if get(4).is_empty() { 0 } else { get(4).parse().unwrap_or(0) };
    // Message and module patterns need `re`; an exact text stands in for a pattern here.
    let text = |s: &str| -> PyResult<Obj> { if s.is_empty() { Ok(Obj::from_borrowed(noneobject::none())) } else { str_::from_str(s) } };
    let item = tuple::from_vec(vec![Obj::from_borrowed(str_::intern(action)?), text(get(1))?, Obj::from_borrowed(cat), text(get(3))?, long::from_i64(lineno)])?;
    Ok(Some(item))
}

/// Does filter field `pattern` accept `text`: None always, a str by equality, else
/// `pattern.match(text)`.
unsafe fn matches(pattern: *mut PyObject, text: *mut PyObject) -> PyResult<bool> {
    if noneobject::is_none(pattern) {
        return Ok(true);
    }
    if str_::check_exact(pattern) {
        return Ok(str_::eq(pattern, text));
    }
    let r = crate::protocol::call::call_method_obj(pattern, "match", &[text])?;
    proto::is_true(r.as_ptr())
}

/// The action for a warning, and the filter that chose it (None for the default action).
unsafe fn get_filter(category: *mut PyObject, text: *mut PyObject, lineno: i64, module: *mut PyObject) -> PyResult<(Obj, Obj)> {
    let st = state()?;
    // A `warnings.filters` rebound by the warnings module is the list to read.
    let filters = match warnings_module_attr("filters")? {
        Some(f) if list::check(f.as_ptr()) => f,
        _ => Obj::from_borrowed(st.filters),
    };
    let n = list::items(filters.as_ptr()).len();
    for i in 0..n {
        let items = list::items(filters.as_ptr());
        let Some(&item) = items.get(i) else { break };
        let item = Obj::from_borrowed(item);
        if !tuple::check(item.as_ptr()) || tuple::items(item.as_ptr()).len() != 5 {
            return Err(raise(exc::value_error(), format!("warnings.filters item {i} isn't a 5-tuple")));
        }
        let [action, msg, cat, modpat, ln] = <[*mut PyObject; 5]>::try_from(tuple::items(item.as_ptr())).expect("5-tuple");
        if !str_::check(action) {
            return Err(raise(exc::type_error(), format!("action must be a string, not '{}'", full_name(type_of(action)))));
        }
        let ln = long::as_c_long(ln)?;
        let good_msg = matches(msg, text)?;
        let is_sub = crate::protocol::abstract_::is_subclass(category, cat)?;
        let good_mod = matches(modpat, module)?;
        if good_msg && is_sub && good_mod && (ln == 0 || ln == lineno) {
            return Ok((Obj::from_borrowed(action), item));
        }
    }
    let action = match warnings_module_attr("_defaultaction")? {
        Some(a) if str_::check(a.as_ptr()) => a,
        _ => Obj::from_borrowed(st.default_action),
    };
    Ok((action, Obj::from_borrowed(noneobject::none())))
}

/// An attribute of the `warnings` module, if it has been imported.
unsafe fn warnings_module_attr(name: &str) -> PyResult<Option<Obj>> {
    let sysdict = crate::interp::sysdict();
    let modules = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "modules")? };
    if modules.is_null() {
        return Ok(None);
    }
    let m = dict::get_item_str(modules, "warnings")?;
    if m.is_null() {
        return Ok(None);
    }
    proto::lookup_attr(m, str_::intern(name)?)
}

/// The module name CPython derives from a file name when the caller gives none.
fn normalize_module(filename: &str) -> String {
    if filename.is_empty() {
        return "<unknown>".into();
    }
    filename.strip_suffix(".py").unwrap_or(filename).to_string()
}

/// `warnings.warn_explicit`: the warning `message` (text or Warning instance) at
/// `filename:lineno`; `registry` is the module's `__warningregistry__` (or None).
pub unsafe fn warn_explicit(
    category: *mut PyObject,
    message: *mut PyObject,
    filename: *mut PyObject,
    lineno: i64,
    module: *mut PyObject,
    registry: *mut PyObject,
    source: *mut PyObject,
) -> PyResult<()> {
    let st = state()?;
    let module = if module.is_null() || noneobject::is_none(module) {
        str_::from_str(&normalize_module(str_::as_str(filename)?))?
    } else {
        Obj::from_borrowed(module)
    };
    // The text and the instance: a Warning instance gives its own category.
    let (text, instance, category) = if is_warning_instance(message) {
        (proto::str(message)?, Obj::from_borrowed(message), Obj::from_borrowed(type_of(message) as *mut PyObject))
    } else {
        let args = tuple::pack(&[message])?;
        let inst = crate::protocol::call::call(category, args.as_ptr(), null_mut())?;
        (Obj::from_borrowed(message), inst, Obj::from_borrowed(category))
    };
    let lineno_obj = long::from_i64(lineno);
    let key = tuple::pack(&[text.as_ptr(), category.as_ptr(), lineno_obj.as_ptr()])?;
    let registry = if registry.is_null() || noneobject::is_none(registry) { null_mut() } else { registry };
    if !registry.is_null() {
        if !dict::check(registry) {
            return Err(raise(exc::type_error(), "'registry' must be a dict or None"));
        }
        let version = dict::get_item_str(registry, "version")?;
        if version.is_null() || long::as_c_long(version).ok() != Some(st.version) {
            dict::clear(registry);
            dict::set_item_str(registry, "version", long::from_i64(st.version).as_ptr())?;
        } else if let Some(v) = dict::get_item(registry, key.as_ptr())? {
            if proto::is_true(v)? {
                return Ok(());
            }
        }
    }
    let (action, item) = get_filter(category.as_ptr(), text.as_ptr(), lineno, module.as_ptr())?;
    let action_text = str_::as_str(action.as_ptr())?.to_string();
    if action_text == "error" {
        return Err(crate::err::set_object(category.as_ptr(), instance.as_ptr()));
    }
    if action_text == "ignore" {
        return Ok(());
    }
    let true_ = crate::objects::boolobject::new_bool(true);
    match action_text.as_str() {
        "once" => {
            let key2 = tuple::pack(&[text.as_ptr(), category.as_ptr()])?;
            if dict::get_item(st.once_registry, key2.as_ptr())?.is_some() {
                return Ok(());
            }
            dict::set_item(st.once_registry, key2.as_ptr(), true_)?;
        }
        "module" => {
            if !registry.is_null() {
                let zero = long::from_i64(0);
                let key2 = tuple::pack(&[text.as_ptr(), category.as_ptr(), zero.as_ptr()])?;
                if dict::get_item(registry, key2.as_ptr())?.is_some() {
                    return Ok(());
                }
                dict::set_item(registry, key2.as_ptr(), true_)?;
            }
        }
        "always" => {}
        "default" => {
            if !registry.is_null() {
                dict::set_item(registry, key.as_ptr(), true_)?;
            }
        }
        _ => {
            let r = proto::repr_string(action.as_ptr())?;
            let i = proto::repr_string(item.as_ptr())?;
            return Err(raise(exc::runtime_error(), format!("Unrecognized action ({r}) in warnings.filters:\n {i}")));
        }
    }
    show(instance.as_ptr(), category.as_ptr(), text.as_ptr(), filename, lineno, source)
}

/// The report: `warnings._showwarnmsg` when the module is loaded, else CPython's format.
unsafe fn show(instance: *mut PyObject, category: *mut PyObject, text: *mut PyObject, filename: *mut PyObject, lineno: i64, source: *mut PyObject) -> PyResult<()> {
    if let Some(show) = warnings_module_attr("_showwarnmsg")? {
        if let Some(cls) = warnings_module_attr("WarningMessage")? {
            let none = noneobject::none();
            let src = if source.is_null() { none } else { source };
            let lineno = long::from_i64(lineno);
            let args = tuple::pack(&[instance, category, filename, lineno.as_ptr(), none, none, src])?;
            let msg = crate::protocol::call::call(cls.as_ptr(), args.as_ptr(), null_mut())?;
            crate::protocol::call::vectorcall(show.as_ptr(), &[msg.as_ptr()], null_mut())?;
            return Ok(());
        }
    }
    let name = typeobject::short_name(category as *mut PyTypeObject);
    let file = str_::as_str(filename)?.to_string();
    let mut out = format!("{file}:{lineno}: {name}: {}\n", str_::as_str(text)?);
    if let Some(src) = crate::objects::traceback::source_line(&file, lineno as i32) {
        let src = src.trim();
        if !src.is_empty() {
            out.push_str(&format!("  {src}\n"));
        }
    }
    if !source.is_null() && !noneobject::is_none(source) {
        out.push_str(&format!("{name}: Enable tracemalloc to get the object allocation traceback\n"));
    }
    crate::modules::sys::write_stderr(&out)
}

/// `warnings.warn`: the warning is attributed to the frame `stacklevel` levels up.
pub unsafe fn warn(message: *mut PyObject, category: *mut PyObject, stacklevel: i64, source: *mut PyObject) -> PyResult<()> {
    let category = if is_warning_instance(message) {
        type_of(message) as *mut PyObject
    } else if category.is_null() || noneobject::is_none(category) {
        (&raw mut e::_PyExc_UserWarning) as *mut PyObject
    } else {
        if !typeobject::is_type(category) || !typeobject::is_subtype(category as *mut PyTypeObject, (&raw mut e::_PyExc_Warning) as *mut PyTypeObject) {
            return Err(raise(exc::type_error(), format!("category must be a Warning subclass, not '{}'", full_name(type_of(category)))));
        }
        category
    };
    let mut f = crate::ceval_frame::first_complete(crate::ceval_frame::current());
    for _ in 1..stacklevel.max(1) {
        if f.is_null() {
            break;
        }
        f = crate::ceval_frame::first_complete((*f).previous);
    }
    if f.is_null() {
        // Beyond the outermost frame: `sys` at line 1, as CPython.
        let globals = crate::interp::sysdict();
        let registry = registry_of(globals)?;
        let file = str_::from_str("sys")?;
        let module = str_::from_str("sys")?;
        return warn_explicit(category, message, file.as_ptr(), 1, module.as_ptr(), registry.as_ptr(), source);
    }
    let globals = (*f).f_globals;
    let file = Obj::from_borrowed((*(*f).f_code).co_filename);
    let lineno = crate::objects::frameobject::line_of(f) as i64;
    let name = dict::get_item_str(globals, "__name__")?;
    let module = if !name.is_null() && str_::check(name) { Obj::from_borrowed(name) } else { str_::from_str("<string>")? };
    let registry = registry_of(globals)?;
    warn_explicit(category, message, file.as_ptr(), lineno, module.as_ptr(), registry.as_ptr(), source)
}

/// `globals['__warningregistry__']`, made if missing.
unsafe fn registry_of(globals: *mut PyObject) -> PyResult<Obj> {
    if globals.is_null() {
        return Ok(Obj::from_borrowed(noneobject::none()));
    }
    let r = dict::get_item_str(globals, "__warningregistry__")?;
    if !r.is_null() {
        return Ok(Obj::from_borrowed(r));
    }
    let r = dict::new()?;
    dict::set_item_str(globals, "__warningregistry__", r.as_ptr())?;
    Ok(r)
}

/// For Rust callers: a warning with text `msg` of `category` at the running frame.
pub unsafe fn warn_str(category: *mut PyObject, msg: &str, stacklevel: i64, source: *mut PyObject) -> PyResult<()> {
    let m = str_::from_str(msg)?;
    warn(m.as_ptr(), category, stacklevel, source)
}

/// For Rust callers: `warn_explicit` with text and a file name.
pub unsafe fn warn_explicit_str(category: *mut PyObject, msg: &str, filename: &str, lineno: i64) -> PyResult<()> {
    let m = str_::from_str(msg)?;
    let f = str_::from_str(filename)?;
    warn_explicit(category, m.as_ptr(), f.as_ptr(), lineno, null_mut(), null_mut(), null_mut())
}

// ---- the module ----

unsafe fn kwargs<'a>(args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject, names: &[&str], fname: &str, required: usize) -> PyResult<Vec<*mut PyObject>> {
    let pos = crate::modules::args(args, nargs);
    if pos.len() > names.len() {
        return Err(raise(exc::type_error(), format!("{fname}() takes at most {} arguments ({} given)", names.len(), pos.len())));
    }
    let mut vals = vec![null_mut(); names.len()];
    vals[..pos.len()].copy_from_slice(pos);
    if !kwnames.is_null() {
        for (i, &k) in tuple::items(kwnames).iter().enumerate() {
            let key = str_::as_str(k)?;
            let v = *args.add(pos.len() + i);
            match names.iter().position(|n| *n == key) {
                Some(j) if vals[j].is_null() => vals[j] = v,
                Some(j) => return Err(raise(exc::type_error(), format!("argument for {fname}() given by name ('{key}') and position ({})", j + 1))),
                None => return Err(raise(exc::type_error(), format!("{fname}() got an unexpected keyword argument '{key}'"))),
            }
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if vals[i].is_null() {
            return Err(raise(exc::type_error(), format!("{fname}() missing required argument '{name}' (pos {})", i + 1)));
        }
    }
    Ok(vals)
}

unsafe extern "C" fn warnings_warn(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = kwargs(args, nargs, kwnames, &["message", "category", "stacklevel", "source"], "warn", 1)?;
        let stacklevel = if v[2].is_null() { 1 } else { long::as_c_long(v[2])? };
        warn(v[0], v[1], stacklevel, v[3])?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn warnings_warn_explicit(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = ["message", "category", "filename", "lineno", "module", "registry", "module_globals", "source"];
        let v = kwargs(args, nargs, kwnames, &names, "warn_explicit", 4)?;
        if !str_::check(v[2]) {
            return Err(raise(exc::type_error(), format!("warn_explicit() argument 'filename' must be str, not {}", full_name(type_of(v[2])))));
        }
        let lineno = long::as_c_long(v[3])?;
        warn_explicit(v[1], v[0], v[2], lineno, v[4], v[5], v[7])?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn warnings_filters_mutated(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        state()?.version += 1;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

static mut METHODS: [PyMethodDef; 4] = [
    crate::modules::fast_kw(c"warn", warnings_warn),
    crate::modules::fast_kw(c"warn_explicit", warnings_warn_explicit),
    crate::modules::meth(c"_filters_mutated", warnings_filters_mutated, METH_NOARGS),
    METHOD_END,
];

/// Makes the `_warnings` module.
pub unsafe fn init() -> PyResult<Obj> {
    let st = state()?;
    let name = str_::from_str("_warnings")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    dict::set_item_str(d, "filters", st.filters)?;
    dict::set_item_str(d, "_onceregistry", st.once_registry)?;
    dict::set_item_str(d, "_defaultaction", st.default_action)?;
    Ok(m)
}
