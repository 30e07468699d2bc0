//! The `_imp` module (CPython's Python/import.c): what importlib's bootstrap asks of the
//! runtime: the import lock, builtin modules, the frozen-module queries (Ferric freezes
//! nothing: importlib itself is compiled from the stdlib at start-up), `_fix_co_filename`,
//! `source_hash`, extension suffixes, and the dynamic loader, which lives in the C-API crate
//! (`capi/src/importdl.rs`) and is reached through `DYNAMIC_LOADER`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{method, METHOD_END};
use crate::objects::{boolobject, bytesobject as bytes, dictobject as dict, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use crate::pythread::{get_ident, RawLock};
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// `create_dynamic(spec, file)` and `exec_dynamic(module)`, given by the C-API crate.
pub struct DynamicLoader {
    pub create: unsafe fn(spec: *mut PyObject) -> PyResult<Obj>,
    pub exec: unsafe fn(module: *mut PyObject) -> PyResult<i32>,
}

pub static DYNAMIC_LOADER: OnceLock<DynamicLoader> = OnceLock::new();

// ---- the import lock: re-entrant, held by one thread ---------------------------------------

static IMPORT_LOCK: RawLock = RawLock::new();
static LOCK_OWNER: AtomicU64 = AtomicU64::new(0);
static LOCK_COUNT: AtomicU64 = AtomicU64::new(0);

unsafe extern "C" fn imp_acquire_lock(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let me = get_ident();
    if LOCK_COUNT.load(Ordering::Acquire) > 0 && LOCK_OWNER.load(Ordering::Acquire) == me {
        LOCK_COUNT.fetch_add(1, Ordering::AcqRel);
    } else {
        IMPORT_LOCK.acquire(None);
        LOCK_OWNER.store(me, Ordering::Release);
        LOCK_COUNT.store(1, Ordering::Release);
    }
    none()
}

unsafe extern "C" fn imp_release_lock(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if LOCK_COUNT.load(Ordering::Acquire) == 0 || LOCK_OWNER.load(Ordering::Acquire) != get_ident() {
            return Err(raise(exc::runtime_error(), "not holding the import lock"));
        }
        if LOCK_COUNT.fetch_sub(1, Ordering::AcqRel) == 1 {
            LOCK_OWNER.store(0, Ordering::Release);
            IMPORT_LOCK.release();
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn imp_lock_held(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    py_bool(LOCK_COUNT.load(Ordering::Acquire) > 0)
}

fn none() -> *mut PyObject {
    let n = noneobject::none();
    // Safety: None is immortal; the caller gets a new reference.
    unsafe { incref(n) };
    n
}

fn py_bool(b: bool) -> *mut PyObject {
    let v = boolobject::new_bool(b);
    // Safety: True and False are immortal; the caller gets a new reference.
    unsafe { incref(v) };
    v
}

// ---- builtin modules ---------------------------------------------------------------------

unsafe fn name_arg(o: *mut PyObject, func: &str) -> PyResult<String> {
    if !str_::check(o) {
        return Err(raise(exc::type_error(), format!("{func}() argument must be str, not {}", crate::objects::typeobject::full_name(type_of(o)))));
    }
    Ok(str_::as_str(o)?.to_owned())
}

/// 1 for a module `create_builtin` can make, -1 for `sys` and `builtins` (which exist once),
/// 0 for any other name.
unsafe extern "C" fn imp_is_builtin(_m: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let n = name_arg(name, "is_builtin")?;
        let v = match n.as_str() {
            "sys" | "builtins" => -1,
            _ if crate::import::builtin_init(&n).is_some() || n == "marshal" => 1,
            _ => 0,
        };
        Ok(long::from_i64(v))
    })
}

/// The module `spec.name` names: the existing one for `sys` and `builtins`, else a new one.
unsafe extern "C" fn imp_create_builtin(_m: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let name = proto::getattr_str(spec, "name")?;
        if !str_::check(name.as_ptr()) {
            return Err(raise(exc::type_error(), format!("name must be string, not {}", crate::objects::typeobject::full_name(type_of(name.as_ptr())))));
        }
        let n = str_::as_str(name.as_ptr())?;
        match n {
            "sys" | "builtins" => {
                let modules = dict::get_item_str(crate::interp::sysdict(), "modules")?;
                let m = if modules.is_null() { null_mut() } else { dict::get_item_str(modules, n)? };
                if m.is_null() {
                    return Err(raise(exc::import_error(), format!("no built-in module named {n}")));
                }
                Ok(Obj::from_borrowed(m))
            }
            "marshal" => crate::modules::marshalmodule::init(),
            _ => match crate::import::builtin_init(n) {
                Some(init) => init(),
                None => Ok(Obj::from_borrowed(noneobject::none())),
            },
        }
    })
}

/// Builtin modules here are made whole by their maker: nothing is left to execute.
unsafe extern "C" fn imp_exec_builtin(_m: *mut PyObject, _module: *mut PyObject) -> *mut PyObject {
    long::from_i64(0).into_ptr()
}

// ---- frozen modules: there are none ------------------------------------------------------

unsafe fn no_frozen(name: *mut PyObject) -> crate::err::ErrSet {
    let r = proto::repr(name).ok().and_then(|r| str_::as_str(r.as_ptr()).ok().map(str::to_owned)).unwrap_or_default();
    crate::err::clear();
    crate::import::import_error(&format!("No such frozen object named {r}"), name, null_mut())
}

unsafe extern "C" fn imp_is_frozen(_m: *mut PyObject, _name: *mut PyObject) -> *mut PyObject {
    py_bool(false)
}

unsafe extern "C" fn imp_find_frozen(_m: *mut PyObject, _args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    none()
}

unsafe extern "C" fn imp_init_frozen(_m: *mut PyObject, _name: *mut PyObject) -> *mut PyObject {
    none()
}

unsafe extern "C" fn imp_get_frozen_object(_m: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("get_frozen_object", args, kwds, &["name", "data"], 1)?;
        Err(no_frozen(a[0].unwrap_or(noneobject::none())))
    })
}

unsafe extern "C" fn imp_is_frozen_package(_m: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Err(no_frozen(name)))
}

unsafe extern "C" fn imp_frozen_module_names(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| tuple::new(0))
}

unsafe extern "C" fn imp_override_frozen(_m: *mut PyObject, _override: *mut PyObject) -> *mut PyObject {
    none()
}

// ---- code, hashes, suffixes --------------------------------------------------------------

/// Sets `co_filename` of `code` and of every code object nested in its constants.
unsafe fn fix_filename(code: *mut PyObject, old: *mut PyObject, new: *mut PyObject) -> PyResult<()> {
    let c = code as *mut PyCodeObject;
    if !proto::rich_compare_bool((*c).co_filename, old, Py_EQ)? {
        return Ok(());
    }
    incref(new);
    let prev = std::mem::replace(&mut (*c).co_filename, new);
    decref(prev);
    for &k in tuple::items((*c).co_consts) {
        if crate::objects::codeobject::check(k) {
            fix_filename(k, old, new)?;
        }
    }
    Ok(())
}

unsafe extern "C" fn imp_fix_co_filename(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("_fix_co_filename", a.len(), 2, 2)?;
        let (code, path) = (a[0], a[1]);
        if !crate::objects::codeobject::check(code) {
            return Err(raise(exc::type_error(), format!("_fix_co_filename() argument 1 must be code, not {}", crate::objects::typeobject::full_name(type_of(code)))));
        }
        if !str_::check(path) {
            return Err(raise(exc::type_error(), format!("_fix_co_filename() argument 2 must be str, not {}", crate::objects::typeobject::full_name(type_of(path)))));
        }
        let old = Obj::from_borrowed((*(code as *mut PyCodeObject)).co_filename);
        if !proto::rich_compare_bool(old.as_ptr(), path, Py_EQ)? {
            fix_filename(code, old.as_ptr(), path)?;
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

/// `source_hash(key, source)`: SipHash-1-3 of the source keyed by `key`, as the 8 bytes
/// hash-based `.pyc` files store (CPython's _Py_KeyedHash).
unsafe extern "C" fn imp_source_hash(_m: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("source_hash", args, kwds, &["key", "source"], 2)?;
        let key = long::as_c_long(a[0].unwrap_or(noneobject::none()))?;
        let buf = crate::protocol::buffer::Buffer::get(a[1].unwrap_or(noneobject::none()))?;
        let h = crate::pyhash::siphash13(key as u64, 0, buf.as_slice());
        bytes::from_slice(&h.to_ne_bytes())
    })
}

unsafe extern "C" fn imp_extension_suffixes(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let l = crate::objects::listobject::new(0)?;
        for s in [".cpython-311-x86_64-linux-gnu.so", ".abi3.so", ".so"] {
            crate::objects::listobject::append(l.as_ptr(), str_::from_str(s)?.as_ptr())?;
        }
        Ok(l)
    })
}

// ---- extension modules -------------------------------------------------------------------

unsafe extern "C" fn imp_create_dynamic(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("create_dynamic", a.len(), 1, 2)?;
        match DYNAMIC_LOADER.get() {
            Some(l) => (l.create)(a[0]),
            None => Err(raise(exc::import_error(), "extension modules need the C API, which is not linked in")),
        }
    })
}

unsafe extern "C" fn imp_exec_dynamic(_m: *mut PyObject, module: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match DYNAMIC_LOADER.get() {
        Some(l) => Ok(long::from_i64((l.exec)(module)? as i64)),
        None => Ok(long::from_i64(0)),
    })
}

static mut METHODS: [PyMethodDef; 20] = [
    method(c"lock_held", imp_lock_held as *const (), METH_NOARGS, c"Return True if the import lock is currently held, else False.\n\nOn platforms without threads, return False."),
    method(c"acquire_lock", imp_acquire_lock as *const (), METH_NOARGS, c"Acquires the interpreter's import lock for the current thread.\n\nThis lock should be used by import hooks to ensure thread-safety when importing\nmodules. On platforms without threads, this function does nothing."),
    method(c"release_lock", imp_release_lock as *const (), METH_NOARGS, c"Release the interpreter's import lock.\n\nOn platforms without threads, this function does nothing."),
    method(c"find_frozen", imp_find_frozen as *const (), METH_VARARGS | METH_KEYWORDS, c"Return info about the corresponding frozen module (if there is one) or None."),
    method(c"get_frozen_object", imp_get_frozen_object as *const (), METH_VARARGS | METH_KEYWORDS, c"Create a code object for a frozen module."),
    method(c"is_frozen_package", imp_is_frozen_package as *const (), METH_O, c"Returns True if the module name is of a frozen package."),
    method(c"create_builtin", imp_create_builtin as *const (), METH_O, c"Create an extension module."),
    method(c"init_frozen", imp_init_frozen as *const (), METH_O, c"Initializes a frozen module."),
    method(c"is_builtin", imp_is_builtin as *const (), METH_O, c"Returns True if the module name corresponds to a built-in module."),
    method(c"is_frozen", imp_is_frozen as *const (), METH_O, c"Returns True if the module name corresponds to a frozen module."),
    method(c"_frozen_module_names", imp_frozen_module_names as *const (), METH_NOARGS, c"Returns the list of available frozen modules."),
    method(c"_override_frozen_modules_for_tests", imp_override_frozen as *const (), METH_O, c"(internal-only) Override PyConfig.use_frozen_modules.\n\n(-1: \"off\", 1: \"on\", 0: no override)\nSee frozen_modules() in Lib/test/support/import_helper.py."),
    method(c"create_dynamic", imp_create_dynamic as *const (), METH_FASTCALL, c"Create an extension module."),
    method(c"exec_dynamic", imp_exec_dynamic as *const (), METH_O, c"Initialize an extension module."),
    method(c"exec_builtin", imp_exec_builtin as *const (), METH_O, c"Initialize a built-in module."),
    method(c"_fix_co_filename", imp_fix_co_filename as *const (), METH_FASTCALL, c"Changes code.co_filename to specify the passed-in file path.\n\n  code\n    Code object to change.\n  path\n    File path to use."),
    method(c"extension_suffixes", imp_extension_suffixes as *const (), METH_NOARGS, c"Returns the list of file suffixes used to identify extension modules."),
    method(c"source_hash", imp_source_hash as *const (), METH_VARARGS | METH_KEYWORDS, c""),
    METHOD_END,
    METHOD_END,
];

/// Makes the `_imp` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("_imp")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str("(Extremely) low-level import machinery bits as used by importlib and imp.")?.as_ptr())?;
    // `--check-hash-based-pycs` is not parsed yet: CPython's default.
    dict::set_item_str(d, "check_hash_based_pycs", str_::from_str("default")?.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    Ok(m)
}
