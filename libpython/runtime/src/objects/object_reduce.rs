//! `object.__getstate__`, `__reduce__` and `__reduce_ex__`: the default pickling and
//! copying protocol (the reduce part of CPython's Objects/typeobject.c). The state is the
//! instance dict plus the `__slots__` values; protocols 2 and up reduce through
//! `copyreg.__newobj__`/`__newobj_ex__`, lower ones through `copyreg._reduce_ex`, so the
//! result names the same functions as CPython's (pickles stay interchangeable).
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::full_name;
use crate::objects::{dictobject as dict, listobject as list, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ptr::null_mut;

unsafe fn import_copyreg() -> PyResult<Obj> {
    let import = dict::get_item_str(crate::interp::builtins(), "__import__")?;
    if import.is_null() {
        return Err(raise(exc::import_error(), "__import__ not found"));
    }
    let name = str_::from_str("copyreg")?;
    call::vectorcall(import, &[name.as_ptr()], null_mut())
}

/// The names of the `__slots__` of `cls` and its bases (private names mangled), cached in
/// `cls.__slotnames__`, as `copyreg._slotnames` computes them.
unsafe fn slot_names(cls: *mut PyTypeObject) -> PyResult<Obj> {
    let cached = dict::get_item_str((*cls).tp_dict, "__slotnames__")?;
    if !cached.is_null() {
        if !noneobject::is_none(cached) && !list::check(cached) {
            return Err(raise(exc::type_error(), format!("{}.__slotnames__ should be a list or None, not {}", full_name(cls), full_name(type_of(cached)))));
        }
        return Ok(Obj::from_borrowed(cached));
    }
    let names = list::new(0)?;
    for &c in tuple::items((*cls).tp_mro) {
        let c = c as *mut PyTypeObject;
        let slots = dict::get_item_str((*c).tp_dict, "__slots__")?;
        if slots.is_null() {
            continue;
        }
        let items: Vec<Obj> = if str_::check(slots) { vec![Obj::from_borrowed(slots)] } else { crate::protocol::iter::collect(slots)? };
        let cname = crate::objects::typeobject::short_name(c);
        for name in items {
            let n = str_::as_str(name.as_ptr())?;
            if n == "__dict__" || n == "__weakref__" {
                continue;
            }
            match crate::objects::typenew::mangle(cname, n) {
                Some(m) => list::append(names.as_ptr(), str_::from_str(&m)?.as_ptr())?,
                None => list::append(names.as_ptr(), name.as_ptr())?,
            }
        }
    }
    // Caching is best effort, as copyreg's `try: cls.__slotnames__ = names`.
    if proto::setattr(cls as *mut PyObject, str_::intern("__slotnames__")?, names.as_ptr()).is_err() {
        crate::err::clear();
    }
    Ok(names)
}

/// `object.__getstate__()` with CPython's `required` check: objects whose layout holds more
/// than a dict, weakrefs and slots cannot be pickled without their own reduce.
unsafe fn default_state(obj: *mut PyObject, required: bool) -> PyResult<Obj> {
    let tp = type_of(obj);
    if required && (*tp).tp_itemsize != 0 {
        return Err(raise(exc::type_error(), format!("cannot pickle {} objects", full_name(tp))));
    }
    let mut state = match proto::instance_dict(obj) {
        Some(d) if dict::len(d) > 0 => Obj::from_borrowed(d),
        _ => Obj::from_borrowed(noneobject::none()),
    };
    let names = slot_names(tp)?;
    let nslots = if list::check(names.as_ptr()) { size_of_var(names.as_ptr()) } else { 0 };
    if required {
        let mut basic = (*crate::objects::baseobject::object_type()).tp_basicsize;
        if (*tp).tp_dictoffset != 0 && (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT == 0 {
            basic += std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        }
        if (*tp).tp_weaklistoffset != 0 {
            basic += std::mem::size_of::<*mut PyObject>() as Py_ssize_t;
        }
        basic += std::mem::size_of::<*mut PyObject>() as Py_ssize_t * nslots;
        if (*tp).tp_basicsize > basic {
            return Err(raise(exc::type_error(), format!("cannot pickle '{}' object", full_name(tp))));
        }
    }
    if nslots > 0 {
        let slots = dict::new()?;
        for i in 0..nslots {
            let name = list::get_item(names.as_ptr(), i);
            if let Some(v) = proto::lookup_attr(obj, name)? {
                dict::set_item(slots.as_ptr(), name, v.as_ptr())?;
            }
            if size_of_var(names.as_ptr()) != nslots {
                return Err(raise(exc::runtime_error(), "__slotsname__ changed size during iteration"));
            }
        }
        if dict::len(slots.as_ptr()) > 0 {
            state = tuple::pack(&[state.as_ptr(), slots.as_ptr()])?;
        }
    }
    Ok(state)
}

/// `obj.__getstate__()`, passing `required` when it is the default one.
unsafe fn get_state(obj: *mut PyObject, required: bool) -> PyResult<Obj> {
    let getstate = proto::getattr_str(obj, "__getstate__")?;
    let g = getstate.as_ptr();
    if crate::objects::methodobject::check(g) {
        let f = g as *mut PyCFunctionObject;
        let default = (*(*f).m_ml).ml_meth.is_some_and(|m| m as *const () == object_getstate as *const ());
        if (*f).m_self == obj && default {
            return default_state(obj, required);
        }
    }
    call::vectorcall(g, &[], null_mut())
}

/// `__getnewargs_ex__()` or `__getnewargs__()`: (args, kwargs), either absent.
unsafe fn new_arguments(obj: *mut PyObject) -> PyResult<(Option<Obj>, Option<Obj>)> {
    use crate::objects::typeslots::lookup_special;
    if let Some(f) = lookup_special(obj, "__getnewargs_ex__")? {
        let r = call::vectorcall(f.as_ptr(), &[], null_mut())?;
        if !tuple::check(r.as_ptr()) {
            return Err(raise(exc::type_error(), format!("__getnewargs_ex__ should return a tuple, not '{}'", full_name(type_of(r.as_ptr())))));
        }
        if size_of_var(r.as_ptr()) != 2 {
            return Err(raise(exc::value_error(), format!("__getnewargs_ex__ should return a tuple of length 2, not {}", size_of_var(r.as_ptr()))));
        }
        let (a, k) = (tuple::get_item(r.as_ptr(), 0), tuple::get_item(r.as_ptr(), 1));
        if !tuple::check(a) {
            return Err(raise(exc::type_error(), format!("first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'", full_name(type_of(a)))));
        }
        if !dict::check(k) {
            return Err(raise(exc::type_error(), format!("second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'", full_name(type_of(k)))));
        }
        return Ok((Some(Obj::from_borrowed(a)), Some(Obj::from_borrowed(k))));
    }
    if let Some(f) = lookup_special(obj, "__getnewargs__")? {
        let r = call::vectorcall(f.as_ptr(), &[], null_mut())?;
        if !tuple::check(r.as_ptr()) {
            return Err(raise(exc::type_error(), format!("__getnewargs__ should return a tuple, not '{}'", full_name(type_of(r.as_ptr())))));
        }
        return Ok((Some(r), None));
    }
    Ok((None, None))
}

/// Protocol 2+: `(copyreg.__newobj__, (cls, *args), state, listitems, dictitems)`.
unsafe fn reduce_newobj(obj: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(obj);
    if (*tp).tp_new.is_none() {
        return Err(raise(exc::type_error(), format!("cannot pickle '{}' object", full_name(tp))));
    }
    let (args, kwargs) = new_arguments(obj)?;
    let copyreg = import_copyreg()?;
    let has_args = args.is_some();
    let (newobj, newargs) = match kwargs.filter(|k| dict::len(k.as_ptr()) > 0) {
        None => {
            let mut items = vec![tp as *mut PyObject];
            if let Some(a) = &args {
                items.extend_from_slice(tuple::items(a.as_ptr()));
            }
            (proto::getattr_str(copyreg.as_ptr(), "__newobj__")?, tuple::from_slice(&items)?)
        }
        Some(k) => {
            let a = args.ok_or_else(|| raise(exc::system_error(), "bad internal call"))?;
            (proto::getattr_str(copyreg.as_ptr(), "__newobj_ex__")?, tuple::pack(&[tp as *mut PyObject, a.as_ptr(), k.as_ptr()])?)
        }
    };
    let is_list = list::check(obj);
    let is_dict = dict::check(obj);
    let state = get_state(obj, !(has_args || is_list || is_dict))?;
    let none = Obj::from_borrowed(noneobject::none());
    let list_items = if is_list { crate::protocol::iter::get_iter(obj)? } else { none.clone() };
    let dict_items = if is_dict {
        let items = call::call_method_obj(obj, "items", &[])?;
        crate::protocol::iter::get_iter(items.as_ptr())?
    } else {
        none
    };
    tuple::pack(&[newobj.as_ptr(), newargs.as_ptr(), state.as_ptr(), list_items.as_ptr(), dict_items.as_ptr()])
}

unsafe fn common_reduce(obj: *mut PyObject, protocol: i64) -> PyResult<Obj> {
    if protocol >= 2 {
        return reduce_newobj(obj);
    }
    let copyreg = import_copyreg()?;
    let p = long::from_i64(protocol);
    call::call_method_obj(copyreg.as_ptr(), "_reduce_ex", &[obj, p.as_ptr()])
}

pub unsafe extern "C" fn object_getstate(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| default_state(obj, false))
}

pub unsafe extern "C" fn object_reduce(obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| common_reduce(obj, 0))
}

/// `__reduce_ex__(protocol)`: a class's own `__reduce__` wins over the default.
pub unsafe extern "C" fn object_reduce_ex(obj: *mut PyObject, protocol: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !long::check(protocol) {
            return Err(raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", full_name(type_of(protocol)))));
        }
        let protocol = long::as_c_long(protocol)?;
        let object_reduce = dict::get_item_str((*crate::objects::baseobject::object_type()).tp_dict, "__reduce__")?;
        if let Some(reduce) = proto::lookup_attr(obj, str_::intern("__reduce__")?)? {
            let cls_reduce = proto::getattr_str(type_of(obj) as *mut PyObject, "__reduce__")?;
            if cls_reduce.as_ptr() != object_reduce {
                return call::vectorcall(reduce.as_ptr(), &[], null_mut());
            }
        }
        common_reduce(obj, protocol)
    })
}
