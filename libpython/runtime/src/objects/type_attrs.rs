//! The attributes of `type` beyond naming and the MRO (those are in `typeobject.rs`):
//! `__subclasses__` (and the `tp_subclasses` registry behind it: a dict from the subclass's
//! address to a weak reference, as CPython 3.11 keeps it), `__dir__`, `__prepare__`,
//! `__instancecheck__`, the layout members, `__text_signature__`, `__abstractmethods__`
//! and `__annotations__`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_PYSSIZET, T_ULONG};
use crate::objects::typeobject::{full_name, has_feature, short_name};
use crate::objects::{boolobject, dictobject as dict, listobject as list, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr::null_mut;

const fn member(name: &'static CStr, type_: c_int, offset: usize) -> PyMemberDef {
    PyMemberDef { name: name.as_ptr(), type_, offset: offset as _, flags: READONLY, doc: std::ptr::null() }
}

pub static mut TYPE_MEMBERS: [PyMemberDef; 6] = [
    member(c"__basicsize__", T_PYSSIZET, offset_of!(PyTypeObject, tp_basicsize)),
    member(c"__itemsize__", T_PYSSIZET, offset_of!(PyTypeObject, tp_itemsize)),
    member(c"__flags__", T_ULONG, offset_of!(PyTypeObject, tp_flags)),
    member(c"__weakrefoffset__", T_PYSSIZET, offset_of!(PyTypeObject, tp_weaklistoffset)),
    member(c"__dictoffset__", T_PYSSIZET, offset_of!(PyTypeObject, tp_dictoffset)),
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

// ---- tp_subclasses ----------------------------------------------------------------------

/// Records `sub` among `base`'s subclasses (PyType_Ready does it for every base).
pub unsafe fn add_subclass(base: *mut PyTypeObject, sub: *mut PyTypeObject) -> PyResult<()> {
    if (*base).tp_subclasses.is_null() {
        (*base).tp_subclasses = dict::new()?.into_ptr();
    }
    let key = long::from_u64(sub as usize as u64);
    let weak = crate::objects::weakrefobject::new_ref(crate::objects::weakrefobject::ref_type(), sub as *mut PyObject, null_mut())?;
    dict::set_item((*base).tp_subclasses, key.as_ptr(), weak.as_ptr())
}

/// A dying type leaves its bases' registries, and drops its own.
pub unsafe fn remove_from_bases(tp: *mut PyTypeObject) {
    let (t, v, tb) = err::fetch();
    if !(*tp).tp_bases.is_null() {
        let key = long::from_u64(tp as usize as u64);
        for &b in tuple::items((*tp).tp_bases) {
            let subs = (*(b as *mut PyTypeObject)).tp_subclasses;
            if !subs.is_null() && dict::del_item(subs, key.as_ptr()).is_err() {
                err::clear();
            }
        }
    }
    xsetref(&raw mut (*tp).tp_subclasses, null_mut());
    err::restore(t, v, tb);
}

/// `type.__subclasses__()`: the live subclasses, oldest first.
pub unsafe extern "C" fn type_subclasses(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let out = list::new(0)?;
        let subs = (*(op as *mut PyTypeObject)).tp_subclasses;
        if !subs.is_null() {
            for (_, weak) in dict::entries(subs) {
                let sub = crate::objects::weakrefobject::referent(weak);
                if !sub.is_null() && !noneobject::is_none(sub) {
                    list::append(out.as_ptr(), sub)?;
                }
            }
        }
        Ok(out)
    })
}

// ---- methods ----------------------------------------------------------------------------

/// `type.__dir__()`: the names in the class's dict and, recursively, its bases' dicts.
pub unsafe extern "C" fn type_dir(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = dict::new()?;
        merge_class_dict(names.as_ptr(), op)?;
        let keys: Vec<*mut PyObject> = dict::entries(names.as_ptr()).into_iter().map(|e| e.0).collect();
        list::from_slice(&keys)
    })
}

/// CPython's `merge_class_dict`: through the `__dict__` and `__bases__` attributes, so
/// classes that override them are followed.
unsafe fn merge_class_dict(names: *mut PyObject, cls: *mut PyObject) -> PyResult<()> {
    if let Some(d) = proto::lookup_attr(cls, str_::intern("__dict__")?)? {
        dict::merge_any(names, d.as_ptr(), 1)?;
    }
    let Some(bases) = proto::lookup_attr(cls, str_::intern("__bases__")?)? else { return Ok(()) };
    if tuple::check(bases.as_ptr()) {
        for &b in tuple::items(bases.as_ptr()) {
            merge_class_dict(names, b)?;
        }
    }
    Ok(())
}

/// `type.__prepare__(name, bases, **kwds)`: a new empty dict.
pub unsafe extern "C" fn type_prepare(_cls: *mut PyObject, _args: *const *mut PyObject, _nargs: Py_ssize_t, _kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(dict::new)
}

/// `type.__instancecheck__(instance)`: the check `isinstance` makes without hooks.
pub unsafe extern "C" fn type_instancecheck(op: *mut PyObject, inst: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = crate::protocol::abstract_::recursive_isinstance(inst, op)?;
        Ok(Obj::from_borrowed(boolobject::new_bool(r)))
    })
}

// ---- getsets ----------------------------------------------------------------------------

/// The `(...)` part of a docstring that starts with `name(...)\n--\n\n`, as CPython's
/// `_PyType_GetTextSignatureFromInternalDoc`; None otherwise.
pub unsafe extern "C" fn get_text_signature(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    crate::guard::catch_obj(|| {
        if !(*tp).tp_doc.is_null() {
            let doc = CStr::from_ptr((*tp).tp_doc).to_string_lossy();
            if let Some(rest) = doc.strip_prefix(short_name(tp)) {
                if rest.starts_with('(') {
                    if let Some(end) = rest.find(")\n--\n\n") {
                        return str_::from_str(&rest[..=end]);
                    }
                }
            }
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe fn no_attr(tp: *mut PyTypeObject, name: &str) -> crate::err::ErrSet {
    raise(exc::attribute_error(), format!("type object '{}' has no attribute '{name}'", short_name(tp)))
}

pub unsafe extern "C" fn get_abstractmethods(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    crate::guard::catch_obj(|| {
        // `type` itself has the descriptor in its dict; its own value is not there.
        let v = if tp == crate::objects::typeobject::type_type() { null_mut() } else { dict::get_item_str((*tp).tp_dict, "__abstractmethods__")? };
        if v.is_null() {
            return Err(raise(exc::attribute_error(), "__abstractmethods__"));
        }
        Ok(Obj::from_borrowed(v))
    })
}

/// Setting it marks the class abstract (for `object.__new__`'s check) when the value is
/// true; deleting it clears the mark.
pub unsafe extern "C" fn set_abstractmethods(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let tp = op as *mut PyTypeObject;
    crate::guard::catch_int(|| {
        let key = str_::intern("__abstractmethods__")?;
        let abstract_ = if v.is_null() {
            if !dict::del_item((*tp).tp_dict, key)? {
                return Err(raise(exc::attribute_error(), "__abstractmethods__"));
            }
            false
        } else {
            let truth = proto::is_true(v)?;
            dict::set_item((*tp).tp_dict, key, v)?;
            truth
        };
        crate::objects::typeobject::modified(tp);
        if abstract_ {
            (*tp).tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
        } else {
            (*tp).tp_flags &= !Py_TPFLAGS_IS_ABSTRACT;
        }
        Ok(())
    })
}

/// Heap types keep `__annotations__` in their dict, made empty on first read.
pub unsafe extern "C" fn get_annotations(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    crate::guard::catch_obj(|| {
        if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
            return Err(no_attr(tp, "__annotations__"));
        }
        let v = dict::get_item_str((*tp).tp_dict, "__annotations__")?;
        if v.is_null() {
            let d = dict::new()?;
            dict::set_item_str((*tp).tp_dict, "__annotations__", d.as_ptr())?;
            crate::objects::typeobject::modified(tp);
            return Ok(d);
        }
        match (*type_of(v)).tp_descr_get {
            Some(get) => Obj::from_owned(get(v, null_mut(), op)),
            None => Ok(Obj::from_borrowed(v)),
        }
    })
}

pub unsafe extern "C" fn set_annotations(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let tp = op as *mut PyTypeObject;
    crate::guard::catch_int(|| {
        if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
            return Err(raise(exc::type_error(), format!("cannot set '__annotations__' attribute of immutable type '{}'", full_name(tp))));
        }
        let key = str_::intern("__annotations__")?;
        if v.is_null() {
            if !dict::del_item((*tp).tp_dict, key)? {
                return Err(raise(exc::attribute_error(), "__annotations__"));
            }
        } else {
            dict::set_item((*tp).tp_dict, key, v)?;
        }
        crate::objects::typeobject::modified(tp);
        Ok(())
    })
}
