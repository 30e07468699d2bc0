//! The `_weakref` module (CPython's Modules/_weakref.c): the reference types of
//! `objects/weakrefobject.rs` under their module names, `getweakrefcount`, `getweakrefs`,
//! `proxy` and `_remove_dead_weakref`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{method, METHOD_END};
use crate::objects::weakrefobject as weakref;
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, unicodeobject as str_};

unsafe extern "C" fn getweakrefcount(_m: *mut PyObject, ob: *mut PyObject) -> *mut PyObject {
    long::from_i64(weakref::count(ob) as i64).into_ptr()
}

unsafe extern "C" fn getweakrefs(_m: *mut PyObject, ob: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let out = list::new(0)?;
        if let Some(head) = weakref::list_ptr(ob) {
            let mut cur = *head;
            while !cur.is_null() {
                list::append(out.as_ptr(), cur as *mut PyObject)?;
                cur = (*cur).wr_next;
            }
        }
        Ok(out)
    })
}

unsafe extern "C" fn proxy(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("proxy", a.len(), 1, 2)?;
        weakref::new_proxy(a[0], a.get(1).copied().unwrap_or(std::ptr::null_mut()))
    })
}

/// Deletes `d[key]` if it is a dead weak reference; a missing key is not an error.
unsafe extern "C" fn remove_dead_weakref(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("_remove_dead_weakref", a.len(), 2, 2)?;
        let (d, key) = (a[0], a[1]);
        if !dict::check(d) {
            return Err(raise(exc::type_error(), format!("_remove_dead_weakref() argument 1 must be dict, not {}", crate::objects::typeobject::full_name(type_of(d)))));
        }
        if let Some(w) = dict::get_item(d, key)? {
            let is_ref = crate::objects::typeobject::is_subtype(type_of(w), weakref::ref_type()) || weakref::is_proxy(w);
            if !is_ref {
                return Err(raise(exc::type_error(), "not a weakref"));
            }
            if noneobject::is_none(weakref::referent(w)) {
                dict::del_item(d, key)?;
            }
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

static mut METHODS: [PyMethodDef; 5] = [
    method(c"getweakrefcount", getweakrefcount as *const (), METH_O, c"Return the number of weak references to 'object'."),
    method(c"getweakrefs", getweakrefs as *const (), METH_O, c"Return a list of all weak reference objects pointing to 'object'."),
    method(c"proxy", proxy as *const (), METH_FASTCALL, c"Create a proxy object that weakly references 'object'.\n\n'callback', if given, is called with a reference to the\nproxy when 'object' is about to be finalized."),
    method(c"_remove_dead_weakref", remove_dead_weakref as *const (), METH_FASTCALL, c"Atomically remove key from dict if it points to a dead weakref."),
    METHOD_END,
];

/// Makes the `_weakref` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("_weakref")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str("Weak-reference support module.")?.as_ptr())?;
    let r = weakref::ref_type() as *mut PyObject;
    dict::set_item_str(d, "ref", r)?;
    dict::set_item_str(d, "ReferenceType", r)?;
    dict::set_item_str(d, "ProxyType", (&raw mut weakref::_PyWeakref_ProxyType) as *mut PyObject)?;
    dict::set_item_str(d, "CallableProxyType", (&raw mut weakref::_PyWeakref_CallableProxyType) as *mut PyObject)?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    Ok(m)
}
