//! The import system's native half (CPython's Python/import.c): `__import__`
//! (PyImport_ImportModuleLevelObject), the table of builtin modules, and start-up of
//! importlib from the stdlib's own `importlib/_bootstrap.py` and `_bootstrap_external.py`,
//! run as `_frozen_importlib` and `_frozen_importlib_external` with CPython's frozen file
//! names (`<frozen importlib._bootstrap>`), so tracebacks read as CPython's.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{dictobject as dict, listobject as list, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicPtr, Ordering};

/// `_frozen_importlib`, once start-up has run it (a reference kept for the process).
static IMPORTLIB: AtomicPtr<PyObject> = AtomicPtr::new(null_mut());

pub fn importlib() -> *mut PyObject {
    IMPORTLIB.load(Ordering::Acquire)
}

pub type ModuleInit = unsafe fn() -> PyResult<Obj>;

/// Modules `_imp.create_builtin` makes that are not in the start-up `sys.modules`, with
/// their makers. `sys` and `builtins` exist from start-up and cannot be made again.
pub fn builtin_init(name: &str) -> Option<ModuleInit> {
    crate::modules::lazy_builtin(name)
}

/// `sys.builtin_module_names`: sorted, as CPython's.
pub fn builtin_module_names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = crate::modules::BUILTIN_NAMES.to_vec();
    v.extend(["builtins", "sys", "marshal"]);
    v.sort_unstable();
    v.dedup();
    v
}

unsafe fn sys_modules() -> PyResult<*mut PyObject> {
    let sysdict = crate::interp::sysdict();
    let m = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "modules")? };
    if m.is_null() {
        return Err(raise(exc::runtime_error(), "lost sys.modules"));
    }
    Ok(m)
}

/// `sys.modules.get(name)`, through the mapping protocol when it is not a dict.
unsafe fn get_module(name: *mut PyObject) -> PyResult<Option<Obj>> {
    let modules = sys_modules()?;
    if dict::check_exact(modules) {
        return Ok(dict::get_item(modules, name)?.map(|m| Obj::from_borrowed(m)));
    }
    match crate::protocol::sequence::getitem(modules, name) {
        Ok(m) => Ok(Some(m)),
        Err(e) => {
            if crate::err::exception_matches(exc::key_error()) {
                crate::err::clear();
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

unsafe fn call_importlib(method: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    let lib = importlib();
    if lib.is_null() {
        return Err(raise(exc::import_error(), "the import system is not initialized (importlib._bootstrap did not start)"));
    }
    let f = proto::getattr_str(lib, method)?;
    call::vectorcall(f.as_ptr(), args, null_mut())
}

/// `builtins.__import__`, passed to importlib as CPython passes `interp->import_func`.
unsafe fn import_func() -> PyResult<Obj> {
    let f = dict::get_item_str(crate::interp::builtins(), "__import__")?;
    if f.is_null() {
        return Err(raise(exc::import_error(), "__import__ not found"));
    }
    Ok(Obj::from_borrowed(f))
}

/// PyImport_ImportModuleLevelObject: `import name`, `from name import fromlist`, with
/// `level` leading dots resolved against `globals`. The traceback of a failure loses
/// importlib's own frames, as CPython's does.
pub unsafe fn import_module_level(name: *mut PyObject, globals: *mut PyObject, fromlist: *mut PyObject, level: i64) -> PyResult<Obj> {
    let r = import_module_level_inner(name, globals, fromlist, level);
    if r.is_err() {
        remove_importlib_frames();
    }
    r
}

unsafe fn is_importlib_file(filename: *mut PyObject) -> bool {
    str_::check(filename) && matches!(str_::as_str(filename), Ok("<frozen importlib._bootstrap>" | "<frozen importlib._bootstrap_external>"))
}

/// CPython's remove_importlib_frames: an ImportError loses every run of importlib frames
/// from its traceback; other exceptions lose the runs that end in
/// `_call_with_frames_removed` (the module's own code was called from there). `-v` keeps all.
unsafe fn remove_importlib_frames() {
    if crate::modules::sys_info::verbose() > 0 {
        return;
    }
    let (mut t, mut v, mut tb) = crate::err::fetch();
    if t.is_null() {
        return;
    }
    if crate::objects::exceptions::normalize(&mut t, &mut v, &mut tb).is_err() || tb.is_null() {
        crate::err::restore(t, v, tb);
        return;
    }
    let always = crate::objects::exceptions::given_exception_matches(v, exc::import_error());
    // Walk the links: `prev` is the slot pointing at `cur`, `outer` the slot before the
    // current importlib run. Unlinking a run drops the slot's reference to its first entry.
    let mut base: *mut PyTracebackObject = tb as *mut PyTracebackObject;
    let mut prev: *mut *mut PyTracebackObject = &mut base;
    let mut outer: *mut *mut PyTracebackObject = prev;
    let mut in_importlib = false;
    let mut cur = base;
    while !cur.is_null() {
        let next = (*cur).tb_next;
        let f = (*((*cur).tb_frame as *mut PyFrameObject)).f_frame;
        let (now, name) = if f.is_null() { (false, null_mut()) } else { (is_importlib_file((*(*f).f_code).co_filename), (*(*f).f_code).co_name) };
        if now && !in_importlib {
            outer = prev;
        }
        in_importlib = now;
        let removed_here = in_importlib && (always || (str_::check(name) && matches!(str_::as_str(name), Ok("_call_with_frames_removed"))));
        if removed_here {
            xincref(next as *mut PyObject);
            let old = std::mem::replace(&mut *outer, next);
            xdecref(old as *mut PyObject);
            prev = outer;
        } else {
            prev = &mut (*cur).tb_next;
        }
        cur = next;
    }
    let tb = base as *mut PyObject;
    if !v.is_null() {
        crate::objects::exceptions::set_traceback_raw(v, if tb.is_null() { noneobject::none() } else { tb });
    }
    crate::err::restore(t, v, tb);
}

unsafe fn import_module_level_inner(name: *mut PyObject, globals: *mut PyObject, fromlist: *mut PyObject, level: i64) -> PyResult<Obj> {
    if name.is_null() {
        return Err(raise(exc::value_error(), "Empty module name"));
    }
    if !str_::check(name) {
        return Err(raise(exc::type_error(), "module name must be a string"));
    }
    if level < 0 {
        return Err(raise(exc::value_error(), "level must be >= 0"));
    }
    let abs_name = if level > 0 {
        resolve_name(name, globals, level)?
    } else {
        if str_::as_str(name)?.is_empty() {
            return Err(raise(exc::value_error(), "Empty module name"));
        }
        Obj::from_borrowed(name)
    };
    let module = match get_module(abs_name.as_ptr())? {
        Some(m) if !noneobject::is_none(m.as_ptr()) => {
            ensure_initialized(m.as_ptr(), abs_name.as_ptr())?;
            m
        }
        _ => {
            let import = import_func()?;
            call_importlib("_find_and_load", &[abs_name.as_ptr(), import.as_ptr()])?
        }
    };
    let has_from = !fromlist.is_null() && !noneobject::is_none(fromlist) && proto::is_true(fromlist)?;
    if has_from {
        if proto::lookup_attr(module.as_ptr(), str_::intern("__path__")?)?.is_some() {
            let import = import_func()?;
            return call_importlib("_handle_fromlist", &[module.as_ptr(), fromlist, import.as_ptr()]);
        }
        return Ok(module);
    }
    let name_s = str_::as_str(name)?;
    if level != 0 && name_s.is_empty() {
        return Ok(module);
    }
    let Some(dot) = name_s.find('.') else { return Ok(module) };
    if level == 0 {
        let front = str_::from_str(&name_s[..dot])?;
        return import_module_level_inner(front.as_ptr(), null_mut(), null_mut(), 0);
    }
    // `from . import a.b` gives the package the leading part names, relative to abs_name.
    let abs_s = str_::as_str(abs_name.as_ptr())?;
    let cut = name_s.chars().count() - name_s[..dot].chars().count();
    let keep: String = abs_s.chars().take(abs_s.chars().count() - cut).collect();
    let key = str_::from_str(&keep)?;
    match get_module(key.as_ptr())? {
        Some(m) => Ok(m),
        None => Err(raise(exc::key_error(), format!("'{keep}' not in sys.modules as expected"))),
    }
}

/// A module still running its body: wait for the thread importing it (the module lock).
unsafe fn ensure_initialized(module: *mut PyObject, name: *mut PyObject) -> PyResult<()> {
    let Some(spec) = proto::lookup_attr(module, str_::intern("__spec__")?)? else { return Ok(()) };
    let Some(init) = proto::lookup_attr(spec.as_ptr(), str_::intern("_initializing")?)? else { return Ok(()) };
    if proto::is_true(init.as_ptr())? {
        call_importlib("_lock_unlock_module", &[name])?;
    }
    Ok(())
}

unsafe fn globals_str(globals: *mut PyObject, key: &str) -> PyResult<Option<Obj>> {
    let v = dict::get_item_str(globals, key)?;
    Ok((!v.is_null()).then(|| Obj::from_borrowed(v)))
}

/// The absolute name of a relative import, as importlib's `_calc___package__` and
/// `_resolve_name`, with CPython's errors and ImportWarnings.
unsafe fn resolve_name(name: *mut PyObject, globals: *mut PyObject, level: i64) -> PyResult<Obj> {
    if globals.is_null() || noneobject::is_none(globals) {
        return Err(raise(exc::key_error(), "'__name__' not in globals"));
    }
    if !dict::check(globals) {
        return Err(raise(exc::type_error(), "globals must be a dict"));
    }
    let mut package = globals_str(globals, "__package__")?.filter(|p| !noneobject::is_none(p.as_ptr()));
    let spec = globals_str(globals, "__spec__")?.filter(|s| !noneobject::is_none(s.as_ptr()));
    if let Some(p) = &package {
        if !str_::check(p.as_ptr()) {
            return Err(raise(exc::type_error(), "package must be a string"));
        }
        if let Some(spec) = &spec {
            let parent = proto::getattr_str(spec.as_ptr(), "parent")?;
            if !proto::rich_compare_bool(p.as_ptr(), parent.as_ptr(), Py_EQ)? {
                crate::modules::warnings::warn_str(crate::exc::import_warning(), "__package__ != __spec__.parent", 1, null_mut())?;
            }
        }
    } else if let Some(spec) = &spec {
        let parent = proto::getattr_str(spec.as_ptr(), "parent")?;
        if !str_::check(parent.as_ptr()) {
            return Err(raise(exc::type_error(), "__spec__.parent must be a string"));
        }
        package = Some(parent);
    } else {
        crate::modules::warnings::warn_str(crate::exc::import_warning(), "can't resolve package from __spec__ or __package__, falling back on __name__ and __path__", 1, null_mut())?;
        let Some(modname) = globals_str(globals, "__name__")? else {
            return Err(raise(exc::key_error(), "'__name__' not in globals"));
        };
        if !str_::check(modname.as_ptr()) {
            return Err(raise(exc::type_error(), "__name__ must be a string"));
        }
        if globals_str(globals, "__path__")?.is_some() {
            package = Some(modname);
        } else {
            let text = str_::as_str(modname.as_ptr())?;
            let Some(dot) = text.rfind('.') else { return Err(no_parent()) };
            package = Some(str_::from_str(&text[..dot])?);
        }
    }
    let package = package.unwrap_or_else(|| Obj::from_borrowed(noneobject::none()));
    let pkg = str_::as_str(package.as_ptr())?;
    if pkg.is_empty() {
        return Err(no_parent());
    }
    let mut base = pkg;
    for _ in 1..level {
        match base.rfind('.') {
            Some(i) => base = &base[..i],
            None => return Err(raise(exc::import_error(), "attempted relative import beyond top-level package")),
        }
    }
    let name_s = str_::as_str(name)?;
    if name_s.is_empty() {
        str_::from_str(base)
    } else {
        str_::from_str(&format!("{base}.{name_s}"))
    }
}

/// Raises ImportError(msg, name=name, path=path) (either may be null).
pub unsafe fn import_error(msg: &str, name: *mut PyObject, path: *mut PyObject) -> crate::err::ErrSet {
    let made = (|| -> PyResult<Obj> {
        let args = tuple::pack(&[str_::from_str(msg)?.as_ptr()])?;
        let kw = dict::new()?;
        if !name.is_null() {
            dict::set_item_str(kw.as_ptr(), "name", name)?;
        }
        if !path.is_null() {
            dict::set_item_str(kw.as_ptr(), "path", path)?;
        }
        call::call(exc::import_error(), args.as_ptr(), kw.as_ptr())
    })();
    match made {
        Ok(e) => crate::err::set_object(exc::import_error(), e.as_ptr()),
        Err(e) => e,
    }
}

fn no_parent() -> crate::err::ErrSet {
    raise(exc::import_error(), "attempted relative import with no known parent package")
}

/// Compiles a stdlib module's source and runs it as module `modname`, registered in
/// `sys.modules` first, as CPython runs a frozen module.
unsafe fn exec_frozen(modname: &str, relpath: &str, filename: &str) -> PyResult<Obj> {
    let path = format!("{}/{relpath}", crate::pathconfig::get().stdlib_dir);
    let source = std::fs::read(&path).map_err(|e| raise(exc::import_error(), format!("can't read {path}: {e} (is the CPython 3.11 stdlib there? set PYTHONHOME)")))?;
    let code = crate::compile::compile_source(&source, filename, ferric_compiler::error::Mode::Exec, 0, -1)?;
    let name = str_::from_str(modname)?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__builtins__", crate::interp::builtins_module())?;
    dict::set_item_str(sys_modules()?, modname, m.as_ptr())?;
    crate::ceval::eval_code(code.as_ptr(), d, d)?;
    Ok(m)
}

/// Start-up of the import system (CPython's init_importlib and init_importlib_external):
/// `_imp`, the builtin and frozen importers, then the path-based finders and zipimport.
pub unsafe fn init_importlib() -> PyResult<()> {
    let modules = sys_modules()?;
    let imp = crate::modules::impmodule::init()?;
    dict::set_item_str(modules, "_imp", imp.as_ptr())?;
    let bootstrap = exec_frozen("_frozen_importlib", "importlib/_bootstrap.py", "<frozen importlib._bootstrap>")?;
    IMPORTLIB.store(bootstrap.as_ptr(), Ordering::Release);
    std::mem::forget(bootstrap);
    let sys = dict::get_item_str(modules, "sys")?;
    call_importlib("_install", &[sys, imp.as_ptr()])?;
    // The path-based finders read files through posix and _io: without them only builtin
    // modules can be imported.
    if builtin_init("posix").is_none() || builtin_init("_io").is_none() {
        return Ok(());
    }
    exec_frozen("_frozen_importlib_external", "importlib/_bootstrap_external.py", "<frozen importlib._bootstrap_external>")?;
    call_importlib("_install_external_importers", &[])?;
    init_zipimport()?;
    set_builtins_open()
}

/// `builtins.open = io.open`, as CPython's init_set_builtins_open.
unsafe fn set_builtins_open() -> PyResult<()> {
    let io = import_module("io")?;
    let open = proto::getattr_str(io.as_ptr(), "open")?;
    dict::set_item_str(crate::interp::builtins(), "open", open.as_ptr())
}

/// `zipimport.zipimporter` first on `sys.path_hooks`; as in CPython a zipimport that
/// cannot be imported is skipped (said with -v).
unsafe fn init_zipimport() -> PyResult<()> {
    let name = str_::from_str("zipimport")?;
    match import_module_level(name.as_ptr(), null_mut(), null_mut(), 0) {
        Ok(m) => {
            let hook = proto::getattr_str(m.as_ptr(), "zipimporter")?;
            if let Some(hooks) = crate::pythonrun::sys_attr("path_hooks").filter(|h| list::check(*h)) {
                list::insert(hooks, 0, hook.as_ptr())?;
            }
        }
        Err(_) => {
            crate::err::clear();
            if crate::modules::sys_info::verbose() > 0 {
                eprintln!("# can't import zipimport");
            }
        }
    }
    Ok(())
}

/// `import name` from Rust, as PyImport_ImportModule: the module itself, `a.b` giving `a.b`.
pub unsafe fn import_module(name: &str) -> PyResult<Obj> {
    let n = str_::from_str(name)?;
    let fromlist = tuple::pack(&[str_::from_str("__doc__")?.as_ptr()])?;
    import_module_level(n.as_ptr(), null_mut(), fromlist.as_ptr(), 0)
}
