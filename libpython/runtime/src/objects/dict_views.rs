//! The dict views `dict_keys`, `dict_values`, `dict_items` (CPython's `_PyDictViewObject`)
//! and the six dict iterators (`dictiterobject`, forward and reversed), as in CPython's
//! `Objects/dictobject.c`: set operations and set-like comparisons on keys and items views,
//! `reversed()`, the `mapping` attribute, `dict_keys([...])` reprs, and the
//! "dictionary changed size during iteration" / "dictionary keys changed during iteration"
//! checks.
//!
//! Safety: every `unsafe fn` here takes live objects of the types its names say (a dict for
//! `d`, a view or iterator for `op`) and runs with the thread state attached.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::dictobject as dict;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{boolobject, listobject as list, longobject as long, noneobject, setobject as set, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Keys,
    Values,
    Items,
}

// ---- views ---------------------------------------------------------------------------------

/// CPython's `_PyDictViewObject`.
#[repr(C)]
pub struct DictViewObject {
    pub ob_base: PyObject,
    pub dv_dict: *mut PyObject,
}

static mut KEYS_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_subtract: Some(views_sub),
    nb_and: Some(views_and),
    nb_xor: Some(views_xor),
    nb_or: Some(views_or),
    ..PyNumberMethods::EMPTY
};

static mut KEYS_AS_SEQUENCE: PySequenceMethods =
    PySequenceMethods { sq_length: Some(view_len), sq_contains: Some(keys_contains), ..PySequenceMethods::EMPTY };
static mut ITEMS_AS_SEQUENCE: PySequenceMethods =
    PySequenceMethods { sq_length: Some(view_len), sq_contains: Some(items_contains), ..PySequenceMethods::EMPTY };
static mut VALUES_AS_SEQUENCE: PySequenceMethods =
    PySequenceMethods { sq_length: Some(view_len), ..PySequenceMethods::EMPTY };

static mut VIEW_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef {
        name: c"mapping".as_ptr(),
        get: Some(view_mapping),
        set: None,
        doc: c"dictionary that this view refers to".as_ptr(),
        closure: null_mut(),
    },
    typeobject::GETSET_END,
];

static mut KEYS_METHODS: [PyMethodDef; 3] = [
    method(c"isdisjoint", view_isdisjoint as *const (), METH_O, c"Return True if the view and the given iterable have a null intersection."),
    method(c"__reversed__", view_reversed as *const (), METH_NOARGS, c"Return a reverse iterator over the dict keys."),
    METHOD_END,
];
static mut ITEMS_METHODS: [PyMethodDef; 3] = [
    method(c"isdisjoint", view_isdisjoint as *const (), METH_O, c"Return True if the view and the given iterable have a null intersection."),
    method(c"__reversed__", view_reversed as *const (), METH_NOARGS, c"Return a reverse iterator over the dict items."),
    METHOD_END,
];
static mut VALUES_METHODS: [PyMethodDef; 2] = [
    method(c"__reversed__", view_reversed as *const (), METH_NOARGS, c"Return a reverse iterator over the dict values."),
    METHOD_END,
];

macro_rules! view_type {
    ($name:ident, $tpname:expr, $number:expr, $seq:expr, $hash:expr, $cmp:expr, $methods:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: size_of::<DictViewObject>() as _,
            tp_dealloc: Some(view_dealloc),
            tp_repr: Some(view_repr),
            tp_as_number: $number,
            tp_as_sequence: $seq,
            tp_hash: $hash,
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(view_traverse),
            tp_richcompare: $cmp,
            tp_iter: Some(view_iter),
            tp_methods: (&raw mut $methods) as *mut PyMethodDef,
            tp_getset: (&raw mut VIEW_GETSET) as *mut PyGetSetDef,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

view_type!(PyDictKeys_Type, c"dict_keys", &raw mut KEYS_AS_NUMBER, &raw mut KEYS_AS_SEQUENCE, Some(proto::hash_not_implemented), Some(view_richcompare), KEYS_METHODS);
view_type!(PyDictItems_Type, c"dict_items", &raw mut KEYS_AS_NUMBER, &raw mut ITEMS_AS_SEQUENCE, Some(proto::hash_not_implemented), Some(view_richcompare), ITEMS_METHODS);
view_type!(PyDictValues_Type, c"dict_values", null_mut(), &raw mut VALUES_AS_SEQUENCE, None, None, VALUES_METHODS);

unsafe fn view_kind(op: *mut PyObject) -> Option<Kind> {
    let tp = type_of(op);
    if tp == &raw mut PyDictKeys_Type {
        Some(Kind::Keys)
    } else if tp == &raw mut PyDictItems_Type {
        Some(Kind::Items)
    } else if tp == &raw mut PyDictValues_Type {
        Some(Kind::Values)
    } else {
        None
    }
}

/// A keys or items view (the set-like ones).
unsafe fn is_set_view(op: *mut PyObject) -> bool {
    matches!(view_kind(op), Some(Kind::Keys | Kind::Items))
}

unsafe fn view_dict(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut DictViewObject)).dv_dict
}

/// `d.keys()`, `d.values()` or `d.items()`.
pub unsafe fn new_view(d: *mut PyObject, kind: Kind) -> PyResult<Obj> {
    let tp = match kind {
        Kind::Keys => &raw mut PyDictKeys_Type,
        Kind::Values => &raw mut PyDictValues_Type,
        Kind::Items => &raw mut PyDictItems_Type,
    };
    let op = crate::gc::alloc(size_of::<DictViewObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    incref(d);
    (*(op as *mut DictViewObject)).dv_dict = d;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn view_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref(view_dict(op));
    crate::gc::free(op);
}

unsafe extern "C" fn view_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let d = view_dict(op);
    match visit {
        Some(v) if !d.is_null() => v(d, arg),
        _ => 0,
    }
}

unsafe extern "C" fn view_len(op: *mut PyObject) -> Py_ssize_t {
    dict::len(view_dict(op))
}

unsafe extern "C" fn view_iter(op: *mut PyObject) -> *mut PyObject {
    let kind = view_kind(op).unwrap_or(Kind::Keys);
    crate::guard::catch_obj(|| new_iter(view_dict(op), kind, false))
}

unsafe extern "C" fn view_reversed(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let kind = view_kind(op).unwrap_or(Kind::Keys);
    crate::guard::catch_obj(|| new_iter(view_dict(op), kind, true))
}

unsafe extern "C" fn view_mapping(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::mappingproxy::new(view_dict(op)))
}

unsafe extern "C" fn keys_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    match dict::get_item(view_dict(op), key) {
        Ok(found) => found.is_some() as c_int,
        Err(_) => -1,
    }
}

unsafe fn items_contains_rs(op: *mut PyObject, item: *mut PyObject) -> PyResult<bool> {
    if !tuple::check(item) || size_of_var(item) != 2 {
        return Ok(false);
    }
    let (k, v) = (tuple::get_item(item, 0), tuple::get_item(item, 1));
    match dict::get_item(view_dict(op), k)? {
        None => Ok(false),
        Some(found) => {
            let found = Obj::from_borrowed(found);
            proto::rich_compare_bool(found.as_ptr(), v, Py_EQ)
        }
    }
}

unsafe extern "C" fn items_contains(op: *mut PyObject, item: *mut PyObject) -> c_int {
    match items_contains_rs(op, item) {
        Ok(b) => b as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn view_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let name = typeobject::full_name(type_of(op));
        let _guard = match proto::ReprGuard::enter(op)? {
            Some(g) => g,
            None => return str_::from_str("..."),
        };
        let items = crate::protocol::iter::collect(op)?;
        let l = list::from_slice(&items.iter().map(|o| o.as_ptr()).collect::<Vec<_>>())?;
        let r = proto::repr(l.as_ptr())?;
        str_::from_str(&format!("{name}({})", str_::as_str(r.as_ptr())?))
    })
}

/// Every item of `a` is in `b`.
unsafe fn all_contained_in(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    let it = crate::protocol::iter::get_iter(a)?;
    while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
        if !crate::protocol::sequence::contains(b, x.as_ptr())? {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe extern "C" fn view_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !set::any_check(b) && !is_set_view(b) {
        return noneobject::not_implemented();
    }
    crate::guard::catch_obj(|| {
        let la = crate::protocol::sequence::size(a)?;
        let lb = crate::protocol::sequence::size(b)?;
        let ok = match op {
            Py_EQ | Py_NE => {
                let eq = la == lb && all_contained_in(a, b)?;
                if op == Py_NE { !eq } else { eq }
            }
            Py_LT => la < lb && all_contained_in(a, b)?,
            Py_LE => la <= lb && all_contained_in(a, b)?,
            Py_GT => la > lb && all_contained_in(b, a)?,
            Py_GE => la >= lb && all_contained_in(b, a)?,
            _ => return Ok(Obj::from_borrowed(noneobject::not_implemented())),
        };
        Ok(Obj::from_borrowed(boolobject::new_bool(ok)))
    })
}

/// `set(a)` with `method(b)` applied: the shape of the view operators.
unsafe fn set_then(a: *mut PyObject, name: &str, b: *mut PyObject) -> PyResult<Obj> {
    let r = set::new_set(a)?;
    crate::protocol::call::call_method_obj(r.as_ptr(), name, &[b])?;
    Ok(r)
}

unsafe extern "C" fn views_sub(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| set_then(a, "difference_update", b))
}

unsafe extern "C" fn views_or(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| set_then(a, "update", b))
}

unsafe extern "C" fn views_xor(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| set_then(a, "symmetric_difference_update", b))
}

/// CPython's `_PyDictView_Intersect`: iterate the other operand (the smaller one when both
/// are sized set-likes) and keep what the view contains.
unsafe extern "C" fn views_and(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (mut view, mut other) = if is_set_view(a) { (a, b) } else { (b, a) };
        let len_view = dict::len(view_dict(view));
        if set::any_check(other) || is_set_view(other) {
            let len_other = crate::protocol::sequence::size(other)?;
            if len_other > len_view && is_set_view(other) {
                std::mem::swap(&mut view, &mut other);
            }
        }
        if set::check_exact(other) && len_view <= set::len(other) {
            return crate::protocol::call::call_method_obj(other, "intersection", &[view]);
        }
        let result = set::new_set(null_mut())?;
        let it = crate::protocol::iter::get_iter(other)?;
        let items = view_kind(view) == Some(Kind::Items);
        while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
            let found = if items {
                items_contains_rs(view, x.as_ptr())?
            } else {
                dict::get_item(view_dict(view), x.as_ptr())?.is_some()
            };
            if found {
                set::add(result.as_ptr(), x.as_ptr())?;
            }
        }
        Ok(result)
    })
}

unsafe extern "C" fn view_isdisjoint(op: *mut PyObject, other: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if op == other {
            return Ok(Obj::from_borrowed(boolobject::new_bool(dict::len(view_dict(op)) == 0)));
        }
        // Iterate the smaller of two sized set-likes; otherwise the other operand.
        let (iterated, container) = if (set::any_check(other) || is_set_view(other))
            && crate::protocol::sequence::size(other)? > dict::len(view_dict(op))
        {
            (op, other)
        } else {
            (other, op)
        };
        let it = crate::protocol::iter::get_iter(iterated)?;
        while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
            if crate::protocol::sequence::contains(container, x.as_ptr())? {
                return Ok(Obj::from_borrowed(boolobject::false_()));
            }
        }
        Ok(Obj::from_borrowed(boolobject::true_()))
    })
}

// ---- iterators -----------------------------------------------------------------------------

/// CPython's `dictiterobject`.
#[repr(C)]
pub struct DictIterObject {
    pub ob_base: PyObject,
    /// NULL once exhausted.
    pub di_dict: *mut PyObject,
    pub di_used: Py_ssize_t,
    pub di_pos: Py_ssize_t,
    pub di_result: *mut PyObject,
    pub len: Py_ssize_t,
}

static mut DICTITER_METHODS: [PyMethodDef; 3] = [
    method(c"__length_hint__", dictiter_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", dictiter_reduce as *const (), METH_NOARGS, c"Return state information for pickling."),
    METHOD_END,
];

macro_rules! iter_type {
    ($name:ident, $tpname:expr, $next:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: size_of::<DictIterObject>() as _,
            tp_dealloc: Some(dictiter_dealloc),
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(dictiter_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some($next),
            tp_methods: (&raw mut DICTITER_METHODS) as *mut PyMethodDef,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

iter_type!(PyDictIterKey_Type, c"dict_keyiterator", dictiter_next_key);
iter_type!(PyDictIterValue_Type, c"dict_valueiterator", dictiter_next_value);
iter_type!(PyDictIterItem_Type, c"dict_itemiterator", dictiter_next_item);
iter_type!(PyDictRevIterKey_Type, c"dict_reversekeyiterator", dictreviter_next_key);
iter_type!(PyDictRevIterValue_Type, c"dict_reversevalueiterator", dictreviter_next_value);
iter_type!(PyDictRevIterItem_Type, c"dict_reverseitemiterator", dictreviter_next_item);

unsafe fn iter_kind(op: *mut PyObject) -> (Kind, bool) {
    let tp = type_of(op);
    if tp == &raw mut PyDictIterValue_Type {
        (Kind::Values, false)
    } else if tp == &raw mut PyDictIterItem_Type {
        (Kind::Items, false)
    } else if tp == &raw mut PyDictRevIterKey_Type {
        (Kind::Keys, true)
    } else if tp == &raw mut PyDictRevIterValue_Type {
        (Kind::Values, true)
    } else if tp == &raw mut PyDictRevIterItem_Type {
        (Kind::Items, true)
    } else {
        (Kind::Keys, false)
    }
}

/// An iterator over `d`'s keys, values or items, forward or reversed.
pub unsafe fn new_iter(d: *mut PyObject, kind: Kind, reversed: bool) -> PyResult<Obj> {
    let tp = match (kind, reversed) {
        (Kind::Keys, false) => &raw mut PyDictIterKey_Type,
        (Kind::Values, false) => &raw mut PyDictIterValue_Type,
        (Kind::Items, false) => &raw mut PyDictIterItem_Type,
        (Kind::Keys, true) => &raw mut PyDictRevIterKey_Type,
        (Kind::Values, true) => &raw mut PyDictRevIterValue_Type,
        (Kind::Items, true) => &raw mut PyDictRevIterItem_Type,
    };
    let op = crate::gc::alloc(size_of::<DictIterObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    let di = op as *mut DictIterObject;
    incref(d);
    (*di).di_dict = d;
    (*di).di_used = dict::len(d);
    (*di).len = dict::len(d);
    (*di).di_pos = if reversed { dict::keys_of(d).entries.len() as Py_ssize_t - 1 } else { 0 };
    (*di).di_result = null_mut();
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn dictiter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let di = op as *mut DictIterObject;
    xdecref((*di).di_dict);
    xdecref((*di).di_result);
    crate::gc::free(op);
}

unsafe extern "C" fn dictiter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let di = op as *mut DictIterObject;
    for p in [(*di).di_dict, (*di).di_result] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe fn exhaust(di: *mut DictIterObject) {
    let d = (*di).di_dict;
    (*di).di_dict = null_mut();
    xdecref(d);
}

/// The next live entry (borrowed key and value), with CPython's mutation checks.
unsafe fn next_entry(op: *mut PyObject, reversed: bool) -> Option<(*mut PyObject, *mut PyObject)> {
    let di = op as *mut DictIterObject;
    let d = (*di).di_dict;
    if d.is_null() {
        return None;
    }
    if (*di).di_used != dict::len(d) {
        raise(exc::runtime_error(), "dictionary changed size during iteration");
        (*di).di_used = -1; // sticky
        return None;
    }
    let entries = &dict::keys_of(d).entries;
    let mut i = (*di).di_pos;
    if reversed {
        while i >= 0 && (i as usize >= entries.len() || entries[i as usize].key.is_null()) {
            i -= 1;
        }
        if i < 0 {
            exhaust(di);
            return None;
        }
        let e = &entries[i as usize];
        (*di).di_pos = i - 1;
        (*di).len -= 1;
        return Some((e.key, e.value));
    }
    let n = entries.len() as Py_ssize_t;
    while i < n && entries[i as usize].key.is_null() {
        i += 1;
    }
    if i >= n {
        exhaust(di);
        return None;
    }
    if (*di).len == 0 {
        raise(exc::runtime_error(), "dictionary keys changed during iteration");
        exhaust(di);
        return None;
    }
    let e = &entries[i as usize];
    (*di).di_pos = i + 1;
    (*di).len -= 1;
    Some((e.key, e.value))
}

unsafe fn yield_key(op: *mut PyObject, reversed: bool) -> *mut PyObject {
    match next_entry(op, reversed) {
        Some((k, _)) => {
            incref(k);
            k
        }
        None => null_mut(),
    }
}

unsafe fn yield_value(op: *mut PyObject, reversed: bool) -> *mut PyObject {
    match next_entry(op, reversed) {
        Some((_, v)) => {
            incref(v);
            v
        }
        None => null_mut(),
    }
}

unsafe fn yield_item(op: *mut PyObject, reversed: bool) -> *mut PyObject {
    match next_entry(op, reversed) {
        Some((k, v)) => crate::guard::ret_obj(tuple::pack(&[k, v])),
        None => null_mut(),
    }
}

unsafe extern "C" fn dictiter_next_key(op: *mut PyObject) -> *mut PyObject {
    yield_key(op, false)
}
unsafe extern "C" fn dictiter_next_value(op: *mut PyObject) -> *mut PyObject {
    yield_value(op, false)
}
unsafe extern "C" fn dictiter_next_item(op: *mut PyObject) -> *mut PyObject {
    yield_item(op, false)
}
unsafe extern "C" fn dictreviter_next_key(op: *mut PyObject) -> *mut PyObject {
    yield_key(op, true)
}
unsafe extern "C" fn dictreviter_next_value(op: *mut PyObject) -> *mut PyObject {
    yield_value(op, true)
}
unsafe extern "C" fn dictreviter_next_item(op: *mut PyObject) -> *mut PyObject {
    yield_item(op, true)
}

unsafe extern "C" fn dictiter_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let di = op as *mut DictIterObject;
    let d = (*di).di_dict;
    let n = if !d.is_null() && (*di).di_used == dict::len(d) { (*di).len } else { 0 };
    long::from_i64(n as i64).into_ptr()
}

/// `(iter, (list of the remaining items,))`, computed on a copy of the iterator.
unsafe extern "C" fn dictiter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let di = op as *mut DictIterObject;
        let (kind, reversed) = iter_kind(op);
        let mut rest: Vec<Obj> = Vec::new();
        if !(*di).di_dict.is_null() {
            let copy = new_iter((*di).di_dict, kind, reversed)?;
            let c = copy.as_ptr() as *mut DictIterObject;
            (*c).di_used = (*di).di_used;
            (*c).di_pos = (*di).di_pos;
            (*c).len = (*di).len;
            while let Some(x) = crate::protocol::iter::next(copy.as_ptr())? {
                rest.push(x);
            }
        }
        let l = list::from_slice(&rest.iter().map(|o| o.as_ptr()).collect::<Vec<_>>())?;
        let iter = crate::eval_hooks::builtin("iter")?;
        let args = tuple::pack(&[l.as_ptr()])?;
        tuple::pack(&[iter.as_ptr(), args.as_ptr()])
    })
}

pub unsafe fn ready_types() -> PyResult<()> {
    for tp in [
        &raw mut PyDictKeys_Type,
        &raw mut PyDictValues_Type,
        &raw mut PyDictItems_Type,
        &raw mut PyDictIterKey_Type,
        &raw mut PyDictIterValue_Type,
        &raw mut PyDictIterItem_Type,
        &raw mut PyDictRevIterKey_Type,
        &raw mut PyDictRevIterValue_Type,
        &raw mut PyDictRevIterItem_Type,
    ] {
        typeobject::ready(tp)?;
    }
    Ok(())
}
