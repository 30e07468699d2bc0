//! Heap types: `type(name, bases, dict)` and `class` statements. Picks the metatype and
//! the solid base, lays out `__slots__`/`__dict__`/`__weakref__`, readies the type, points its
//! slots at the dunder methods, and runs `__set_name__` and `__init_subclass__`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{T_OBJECT_EX, READONLY};
use crate::objects::typeobject::{self, has_feature, full_name, type_type};
use crate::objects::{baseobject, dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

/// `tp_new` of `type`.
pub unsafe extern "C" fn type_new(metatype: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| type_new_impl(metatype, args, kwds))
}

unsafe fn type_new_impl(metatype: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Obj> {
    let nargs = size_of_var(args);
    if nargs == 1 && metatype == type_type() && (kwds.is_null() || dict::len(kwds) == 0) {
        return Ok(Obj::from_borrowed(type_of(tuple::get_item(args, 0)) as *mut PyObject));
    }
    if nargs != 3 {
        return Err(raise(exc::type_error(), "type() takes 1 or 3 arguments"));
    }
    let (name, bases, ns) = (tuple::get_item(args, 0), tuple::get_item(args, 1), tuple::get_item(args, 2));
    if !str_::check(name) {
        return Err(raise(exc::type_error(), format!("type.__new__() argument 1 must be str, not {}", full_name(type_of(name)))));
    }
    if !tuple::check(bases) {
        return Err(raise(exc::type_error(), format!("type.__new__() argument 2 must be tuple, not {}", full_name(type_of(bases)))));
    }
    if !dict::check(ns) {
        return Err(raise(exc::type_error(), format!("type.__new__() argument 3 must be dict, not {}", full_name(type_of(ns)))));
    }
    // The most derived metatype wins; defer to it when it is not this one.
    let winner = calculate_metaclass(metatype, bases)?;
    if winner != metatype {
        if let Some(new) = (*winner).tp_new {
            if new as usize != type_new as *const () as usize {
                return Obj::from_owned(new(winner, args, kwds));
            }
        }
    }
    let metatype = winner;
    let bases_obj = if size_of_var(bases) == 0 {
        tuple::pack(&[baseobject::object_type() as *mut PyObject])?
    } else {
        Obj::from_borrowed(bases)
    };
    let base = best_base(bases_obj.as_ptr())?;

    let ns = dict::copy(ns)?;
    let slots = slots_of(ns.as_ptr())?;
    let (add_dict, add_weak, slot_names) = layout(base, str_::as_str(name)?, slots.as_ref().map(|s| s.as_slice()))?;

    let alloc = (*metatype).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let t = Obj::from_owned(alloc(metatype, slot_names.len() as Py_ssize_t))?;
    let et = t.as_ptr() as *mut PyHeapTypeObject;
    let tp = t.as_ptr() as *mut PyTypeObject;
    (*tp).tp_as_async = &raw mut (*et).as_async;
    (*tp).tp_as_number = &raw mut (*et).as_number;
    (*tp).tp_as_sequence = &raw mut (*et).as_sequence;
    (*tp).tp_as_mapping = &raw mut (*et).as_mapping;
    (*tp).tp_as_buffer = &raw mut (*et).as_buffer;
    (*tp).tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC;
    if has_feature(base, Py_TPFLAGS_IS_ABSTRACT) {
        // abstractness is recomputed by abc; don't inherit the flag
    }

    incref(name);
    (*et).ht_name = name;
    let tpname = str_::as_str(name)?;
    if tpname.contains('\0') {
        return Err(raise(exc::value_error(), "type name must not contain null characters"));
    }
    let buf = crate::mem::malloc(tpname.len() + 1) as *mut u8;
    if buf.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    std::ptr::copy_nonoverlapping(tpname.as_ptr(), buf, tpname.len());
    *buf.add(tpname.len()) = 0;
    (*et)._ht_tpname = buf as *mut _;
    (*tp).tp_name = buf as *const _;

    (*tp).tp_bases = bases_obj.into_ptr();
    incref(base as *mut PyObject);
    (*tp).tp_base = base;

    // __qualname__ comes out of the namespace; __module__ defaults from the caller's globals.
    let qualname = dict::get_item_str(ns.as_ptr(), "__qualname__")?;
    if !qualname.is_null() {
        if !str_::check(qualname) {
            return Err(raise(
                exc::type_error(),
                format!("type __qualname__ must be a str, not {}", full_name(type_of(qualname))),
            ));
        }
        incref(qualname);
        (*et).ht_qualname = qualname;
        dict::del_item(ns.as_ptr(), str_::intern("__qualname__")?)?;
    } else {
        incref(name);
        (*et).ht_qualname = name;
    }
    if dict::get_item_str(ns.as_ptr(), "__module__")?.is_null() {
        if let Some(m) = crate::eval_hooks::current_module_name() {
            dict::set_item_str(ns.as_ptr(), "__module__", m.as_ptr())?;
        }
    }
    // __new__ is a static method; __init_subclass__ and __class_getitem__ class methods.
    wrap_special(ns.as_ptr(), "__new__", crate::objects::funcobject::new_staticmethod)?;
    wrap_special(ns.as_ptr(), "__init_subclass__", crate::objects::funcobject::new_classmethod)?;
    wrap_special(ns.as_ptr(), "__class_getitem__", crate::objects::funcobject::new_classmethod)?;

    // `__classcell__` (from a body using `super()` or `__class__`) is filled in below.
    let classcell = dict::get_item_str(ns.as_ptr(), "__classcell__")?;
    let classcell = if classcell.is_null() {
        None
    } else {
        if !crate::objects::cellobject::check(classcell) {
            return Err(raise(
                exc::type_error(),
                format!("__classcell__ must be a nonlocal cell, not {}", crate::protocol::object::repr_string(type_of(classcell) as *mut PyObject)?),
            ));
        }
        let c = Obj::from_borrowed(classcell);
        dict::del_item(ns.as_ptr(), str_::intern("__classcell__")?)?;
        Some(c)
    };
    let doc = dict::get_item_str(ns.as_ptr(), "__doc__")?;
    if !doc.is_null() && str_::check(doc) {
        let text = str_::as_str(doc)?;
        let p = crate::mem::malloc(text.len() + 1) as *mut u8;
        if !p.is_null() {
            std::ptr::copy_nonoverlapping(text.as_ptr(), p, text.len());
            *p.add(text.len()) = 0;
            (*tp).tp_doc = p as *const _;
        }
    }

    // Instance layout: base size, then one pointer per slot, then __dict__ and __weakref__.
    let mut size = (*base).tp_basicsize;
    let members = (*et).ht_type.ob_base.ob_size as usize;
    let mp = (et as *mut u8).add(size_of::<PyHeapTypeObject>()) as *mut PyMemberDef;
    for (i, s) in slot_names.iter().enumerate().take(members) {
        let n = str_::as_utf8_ptr(s.as_ptr())?;
        *mp.add(i) = PyMemberDef { name: n as *const _, type_: T_OBJECT_EX, offset: size, flags: 0, doc: std::ptr::null() };
        size += size_of::<*mut PyObject>() as isize;
    }
    // A dict of a variable-size instance goes at its end; otherwise it is "managed": kept
    // in front of the GC head, with CPython 3.11's offset arithmetic.
    if add_dict && (*base).tp_itemsize != 0 {
        (*tp).tp_dictoffset = -(size_of::<*mut PyObject>() as isize);
        size += size_of::<*mut PyObject>() as isize;
    }
    if add_weak {
        (*tp).tp_weaklistoffset = size;
        size += size_of::<*mut PyObject>() as isize;
    }
    if add_dict && (*base).tp_itemsize == 0 {
        (*tp).tp_flags |= Py_TPFLAGS_MANAGED_DICT;
        (*tp).tp_dictoffset = -size - 3 * size_of::<*mut PyObject>() as isize;
    }
    (*tp).tp_basicsize = size;
    (*tp).tp_itemsize = (*base).tp_itemsize;
    (*tp).tp_members = mp;
    if !slot_names.is_empty() {
        let t = tuple::from_vec(slot_names)?;
        (*et).ht_slots = t.into_ptr();
    }
    (*tp).tp_dealloc = Some(subtype_dealloc);
    (*tp).tp_traverse = Some(subtype_traverse);
    (*tp).tp_clear = Some(subtype_clear);
    (*tp).tp_free = Some(baseobject::object_gc_free);
    (*tp).tp_alloc = Some(typeobject::PyType_GenericAlloc);
    (*tp).tp_dict = ns.into_ptr();
    if add_dict {
        add_dict_getset(tp)?;
    }
    if add_weak {
        add_weakref_getset(tp)?;
    }

    typeobject::ready(tp)?;
    crate::objects::typeslots::fixup_slot_dispatchers(tp);
    if !dict::get_item_str((*tp).tp_dict, "__new__")?.is_null() {
        (*tp).tp_new = Some(crate::objects::typeslots::slot_tp_new);
    }

    if let Some(c) = classcell {
        crate::objects::cellobject::set(c.as_ptr(), t.as_ptr());
    }
    set_names(tp)?;
    init_subclass(tp, kwds)?;
    Ok(t)
}

unsafe fn wrap_special(ns: *mut PyObject, name: &str, wrap: unsafe fn(*mut PyObject) -> PyResult<Obj>) -> PyResult<()> {
    let f = dict::get_item_str(ns, name)?;
    if !f.is_null() && crate::eval_hooks::is_python_function(f) {
        let w = wrap(f)?;
        dict::set_item_str(ns, name, w.as_ptr())?;
    }
    Ok(())
}

pub unsafe fn calculate_metaclass(metatype: *mut PyTypeObject, bases: *mut PyObject) -> PyResult<*mut PyTypeObject> {
    let mut winner = metatype;
    for &b in tuple::items(bases) {
        let bt = type_of(b);
        if typeobject::is_subtype(winner, bt) {
            continue;
        }
        if typeobject::is_subtype(bt, winner) {
            winner = bt;
            continue;
        }
        return Err(raise(
            exc::type_error(),
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The base that defines the instance layout (CPython's solid_base).
unsafe fn solid_base(tp: *mut PyTypeObject) -> *mut PyTypeObject {
    let base = (*tp).tp_base;
    let base_solid = if base.is_null() { baseobject::object_type() } else { solid_base(base) };
    if !base.is_null() && extra_ivars(tp, base) {
        tp
    } else {
        base_solid
    }
}

unsafe fn extra_ivars(tp: *mut PyTypeObject, base: *mut PyTypeObject) -> bool {
    let mut t_size = (*tp).tp_basicsize;
    let b_size = (*base).tp_basicsize;
    if (*tp).tp_itemsize != 0 || (*base).tp_itemsize != 0 {
        return t_size != b_size || (*tp).tp_itemsize != (*base).tp_itemsize;
    }
    if (*tp).tp_weaklistoffset != 0 && (*base).tp_weaklistoffset == 0 && (*tp).tp_weaklistoffset + 8 == t_size {
        t_size -= 8;
    }
    if (*tp).tp_dictoffset != 0 && (*base).tp_dictoffset == 0 && (*tp).tp_dictoffset + 8 == t_size {
        t_size -= 8;
    }
    t_size != b_size
}

unsafe fn best_base(bases: *mut PyObject) -> PyResult<*mut PyTypeObject> {
    let mut base: *mut PyTypeObject = null_mut();
    let mut winner: *mut PyTypeObject = null_mut();
    for &b in tuple::items(bases) {
        if !typeobject::is_type(b) {
            return Err(raise(exc::type_error(), "bases must be types"));
        }
        let bt = b as *mut PyTypeObject;
        if !has_feature(bt, Py_TPFLAGS_READY) {
            typeobject::ready(bt)?;
        }
        if !has_feature(bt, Py_TPFLAGS_BASETYPE) {
            return Err(raise(
                exc::type_error(),
                format!("type '{}' is not an acceptable base type", typeobject::full_name(bt)),
            ));
        }
        let candidate = solid_base(bt);
        if winner.is_null() {
            winner = candidate;
            base = bt;
        } else if typeobject::is_subtype(winner, candidate) {
        } else if typeobject::is_subtype(candidate, winner) {
            winner = candidate;
            base = bt;
        } else {
            return Err(raise(exc::type_error(), "multiple bases have instance lay-out conflict"));
        }
    }
    Ok(base)
}

/// `__slots__` from the namespace as a list of names (a single str counts as one name).
unsafe fn slots_of(ns: *mut PyObject) -> PyResult<Option<Vec<Obj>>> {
    let s = dict::get_item_str(ns, "__slots__")?;
    if s.is_null() {
        return Ok(None);
    }
    let names = if str_::check(s) { vec![Obj::from_borrowed(s)] } else { crate::protocol::iter::collect(s)? };
    for n in &names {
        if !str_::check(n.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("__slots__ items must be strings, not '{}'", full_name(n.type_ptr())),
            ));
        }
        let text = str_::as_str(n.as_ptr())?;
        let valid = text.chars().next().map(|c| c == '_' || c.is_alphabetic()).unwrap_or(false)
            && text.chars().all(|c| c == '_' || c.is_alphanumeric());
        if !valid {
            return Err(raise(exc::type_error(), "__slots__ must be identifiers"));
        }
        if !dict::get_item_str_known_hash(ns, n.as_ptr()).is_null() && text != "__dict__" && text != "__weakref__" {
            return Err(raise(
                exc::value_error(),
                format!("'{text}' in __slots__ conflicts with class variable"),
            ));
        }
    }
    Ok(Some(names))
}

/// `__x` inside class `_C` is `_C__x`, as the compiler mangles private names.
pub fn mangle(class_name: &str, name: &str) -> Option<String> {
    let stripped = class_name.trim_start_matches('_');
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') || stripped.is_empty() {
        return None;
    }
    Some(format!("_{stripped}{name}"))
}

/// Decides `__dict__`/`__weakref__` and the slot members (private names mangled, sorted).
unsafe fn layout(base: *mut PyTypeObject, class_name: &str, slots: Option<&[Obj]>) -> PyResult<(bool, bool, Vec<Obj>)> {
    let may_add_dict = (*base).tp_dictoffset == 0;
    let may_add_weak = (*base).tp_weaklistoffset == 0 && (*base).tp_itemsize == 0;
    let Some(slots) = slots else {
        return Ok((may_add_dict, may_add_weak, Vec::new()));
    };
    let mut add_dict = false;
    let mut add_weak = false;
    let mut names = Vec::new();
    for s in slots {
        let text = str_::as_str(s.as_ptr())?;
        if text == "__dict__" {
            if !may_add_dict || add_dict {
                return Err(raise(exc::type_error(), "__dict__ slot disallowed: we already got one"));
            }
            add_dict = true;
        } else if text == "__weakref__" {
            if !may_add_weak || add_weak {
                return Err(raise(exc::type_error(), "__weakref__ slot disallowed: either we already got one, or the base type does not support weak references"));
            }
            add_weak = true;
        } else {
            if (*base).tp_itemsize != 0 {
                return Err(raise(
                    exc::type_error(),
                    format!("nonempty __slots__ not supported for subtype of '{}'", typeobject::full_name(base)),
                ));
            }
            match mangle(class_name, text) {
                Some(m) => names.push(str_::from_str(&m)?),
                None => names.push(s.clone()),
            }
        }
    }
    names.sort_by(|a, b| str_::compare(a.as_ptr(), b.as_ptr()));
    Ok((add_dict, add_weak, names))
}

static mut SUBTYPE_DICT_GETSET: [PyGetSetDef; 2] = [
    typeobject::getset(c"__dict__", Some(subtype_get_dict), Some(subtype_set_dict)),
    typeobject::GETSET_END,
];

unsafe fn add_dict_getset(tp: *mut PyTypeObject) -> PyResult<()> {
    let d = crate::objects::descrobject::new_getset(tp, (&raw mut SUBTYPE_DICT_GETSET) as *mut PyGetSetDef)?;
    let key = str_::intern("__dict__")?;
    if dict::get_item_str_known_hash((*tp).tp_dict, key).is_null() {
        dict::set_item((*tp).tp_dict, key, d.as_ptr())?;
    }
    Ok(())
}

/// PyObject_GenericGetDict: the instance dict, made on first use.
pub unsafe extern "C" fn subtype_get_dict(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let slot = proto::dict_slot(op).ok_or_else(|| raise(exc::attribute_error(), "This object has no __dict__"))?;
        if (*slot).is_null() {
            *slot = dict::new()?.into_ptr();
        }
        Ok(Obj::from_borrowed(*slot))
    })
}

pub unsafe extern "C" fn subtype_set_dict(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_dict(op, v, true)
}

/// PyObject_GenericSetDict: as a class's `__dict__` setter, but deleting is an error.
pub unsafe extern "C" fn generic_set_dict(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_dict(op, v, false)
}

unsafe fn set_dict(op: *mut PyObject, v: *mut PyObject, may_delete: bool) -> c_int {
    crate::guard::catch_int(|| {
        let slot = proto::dict_slot(op).ok_or_else(|| raise(exc::attribute_error(), "This object has no __dict__"))?;
        if v.is_null() && !may_delete {
            return Err(raise(exc::type_error(), "cannot delete __dict__"));
        }
        if !v.is_null() && !dict::check(v) {
            return Err(raise(
                exc::type_error(),
                format!("__dict__ must be set to a dictionary, not a '{}'", full_name(type_of(v))),
            ));
        }
        xincref(v);
        xsetref(slot, v);
        Ok(())
    })
}

static mut SUBTYPE_WEAKREF_GETSET: [PyGetSetDef; 2] = [
    typeobject::getset(c"__weakref__", Some(subtype_get_weakref), None),
    typeobject::GETSET_END,
];

unsafe fn add_weakref_getset(tp: *mut PyTypeObject) -> PyResult<()> {
    let d = crate::objects::descrobject::new_getset(tp, (&raw mut SUBTYPE_WEAKREF_GETSET) as *mut PyGetSetDef)?;
    let key = str_::intern("__weakref__")?;
    if dict::get_item_str_known_hash((*tp).tp_dict, key).is_null() {
        dict::set_item((*tp).tp_dict, key, d.as_ptr())?;
    }
    Ok(())
}

/// `obj.__weakref__`: the first weak reference to it, or None.
unsafe extern "C" fn subtype_get_weakref(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let first = match crate::objects::weakrefobject::list_ptr(op) {
        Some(list) if !(*list).is_null() => *list as *mut PyObject,
        _ => noneobject::none(),
    };
    incref(first);
    first
}

/// The slots a heap type adds over its nearest static base: member pointers and the dict.
unsafe fn added_pointers(op: *mut PyObject) -> Vec<*mut *mut PyObject> {
    let mut out = Vec::new();
    let mut tp = type_of(op);
    while has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let n = (*tp).ob_base.ob_size as usize;
        let mp = (*tp).tp_members;
        if !mp.is_null() {
            for i in 0..n {
                let m = mp.add(i);
                if (*m).type_ == T_OBJECT_EX && (*m).flags & READONLY == 0 {
                    out.push((op as *mut u8).offset((*m).offset) as *mut *mut PyObject);
                }
            }
        }
        tp = (*tp).tp_base;
        if tp.is_null() {
            break;
        }
    }
    if let Some(d) = proto::dict_slot(op) {
        out.push(d);
    }
    out
}

/// The nearest base whose dealloc is not ours.
unsafe fn static_base(mut tp: *mut PyTypeObject) -> *mut PyTypeObject {
    while !tp.is_null() && (*tp).tp_dealloc.map(|f| f as usize) == Some(subtype_dealloc as *const () as usize) {
        tp = (*tp).tp_base;
    }
    tp
}

unsafe extern "C" fn subtype_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(v) = visit else { return 0 };
    for slot in added_pointers(op) {
        if !(*slot).is_null() {
            let r = v(*slot, arg);
            if r != 0 {
                return r;
            }
        }
    }
    let tp = type_of(op);
    let r = v(tp as *mut PyObject, arg);
    if r != 0 {
        return r;
    }
    let base = static_base(tp);
    if !base.is_null() && has_feature(base, Py_TPFLAGS_HAVE_GC) {
        if let Some(t) = (*base).tp_traverse {
            return t(op, visit, arg);
        }
    }
    0
}

unsafe extern "C" fn subtype_clear(op: *mut PyObject) -> c_int {
    for slot in added_pointers(op) {
        xsetref(slot, null_mut());
    }
    let base = static_base(type_of(op));
    if !base.is_null() {
        if let Some(c) = (*base).tp_clear {
            return c(op);
        }
    }
    0
}

/// Dealloc of instances of heap types: finalizer, added slots, then the static base's dealloc.
unsafe extern "C" fn subtype_dealloc(op: *mut PyObject) {
    let tp = type_of(op);
    let already = has_feature(tp, Py_TPFLAGS_HAVE_GC) && crate::gc::is_finalized(op);
    if let Some(fin) = (*tp).tp_finalize.filter(|_| !already) {
        if has_feature(tp, Py_TPFLAGS_HAVE_GC) {
            crate::gc::mark_finalized(op);
        }
        // Resurrect for the call so the finalizer sees a live object.
        (*op).ob_refcnt = 1;
        fin(op);
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt > 0 {
            return; // resurrected
        }
    }
    let gc = has_feature(tp, Py_TPFLAGS_HAVE_GC);
    if gc {
        crate::gc::untrack(op);
    }
    if (*tp).tp_weaklistoffset != 0 && { let b = static_base(tp); b.is_null() || (*b).tp_weaklistoffset == 0 } {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    for slot in added_pointers(op) {
        xsetref(slot, null_mut());
    }
    let base = static_base(tp);
    // The static base's dealloc frees the memory; it must not decref our heap type, so we do.
    let base_dealloc = if base.is_null() { None } else { (*base).tp_dealloc };
    if !base.is_null() && has_feature(base, Py_TPFLAGS_HAVE_GC) && gc {
        crate::gc::track(op); // the base's dealloc untracks
    }
    match base_dealloc {
        Some(d) if base != baseobject::object_type() => d(op),
        _ => {
            if let Some(free) = (*tp).tp_free {
                free(op as *mut c_void);
            }
        }
    }
    if !has_feature(base, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

/// Calls `__set_name__(owner, name)` on every attribute that has one.
unsafe fn set_names(tp: *mut PyTypeObject) -> PyResult<()> {
    let items = dict::entries((*tp).tp_dict);
    for (k, v) in items {
        let (k, v) = (Obj::from_borrowed(k), Obj::from_borrowed(v));
        if let Some(m) = crate::objects::typeslots::lookup_special(v.as_ptr(), "__set_name__")? {
            if let Err(e) = call::vectorcall(m.as_ptr(), &[tp as *mut PyObject, k.as_ptr()], null_mut()) {
                // CPython 3.11 adds a note naming the attribute and the class.
                let _ = e;
                return Err(crate::err::ErrSet::assume_set());
            }
        }
    }
    Ok(())
}

/// `super(type, type).__init_subclass__(**kwds)`.
unsafe fn init_subclass(tp: *mut PyTypeObject, kwds: *mut PyObject) -> PyResult<()> {
    let mro = (*tp).tp_mro;
    let name = str_::intern("__init_subclass__")?;
    for &b in tuple::items(mro).iter().skip(1) {
        let d = (*(b as *mut PyTypeObject)).tp_dict;
        if d.is_null() {
            continue;
        }
        let f = dict::get_item_str_known_hash(d, name);
        if f.is_null() {
            continue;
        }
        let f = Obj::from_borrowed(f);
        let bound = match (*f.type_ptr()).tp_descr_get {
            Some(g) => Obj::from_owned(g(f.as_ptr(), null_mut(), tp as *mut PyObject))?,
            None => f,
        };
        let empty = tuple::new(0)?;
        let kw = if kwds.is_null() || dict::len(kwds) == 0 { null_mut() } else { kwds };
        call::call(bound.as_ptr(), empty.as_ptr(), kw)?;
        return Ok(());
    }
    let _ = noneobject::none();
    Ok(())
}

/// The dealloc heap types get when their spec gives none (PyType_FromSpec).
pub fn subtype_dealloc_fn() -> destructor {
    Some(subtype_dealloc)
}
