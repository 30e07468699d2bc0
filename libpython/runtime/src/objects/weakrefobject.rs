//! Weak references: `weakref.ReferenceType`, `weakref.ProxyType` and
//! `weakref.CallableProxyType`, with CPython 3.11's `PyWeakReference` layout (extensions read
//! `wr_object` through `PyWeakref_GET_OBJECT`). Each referent keeps a doubly linked list of
//! its weak references at `tp_weaklistoffset`; `clear_weakrefs` runs when it dies.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name};
use crate::objects::{noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, number as num, object as proto};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct PyWeakReference {
    pub ob_base: PyObject,
    pub wr_object: *mut PyObject,
    pub wr_callback: *mut PyObject,
    pub hash: Py_hash_t,
    pub wr_prev: *mut PyWeakReference,
    pub wr_next: *mut PyWeakReference,
    pub vectorcall: vectorcallfunc,
}

static mut REF_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"__callback__".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyWeakReference, wr_callback) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

#[no_mangle]
pub static mut _PyWeakref_RefType: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"weakref.ReferenceType".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyWeakReference>() as _,
    tp_dealloc: Some(weakref_dealloc),
    tp_vectorcall_offset: std::mem::offset_of!(PyWeakReference, vectorcall) as _,
    tp_repr: Some(weakref_repr),
    tp_hash: Some(weakref_hash),
    tp_call: Some(call::tp_call_via_vectorcall),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_BASETYPE,
    tp_traverse: Some(weakref_traverse),
    tp_clear: Some(weakref_tp_clear),
    tp_richcompare: Some(weakref_richcompare),
    tp_members: (&raw mut REF_MEMBERS) as *mut PyMemberDef,
    tp_init: Some(weakref_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(weakref_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

macro_rules! proxy_type {
    ($name:ident, $tpname:expr, $call:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: std::mem::size_of::<PyWeakReference>() as _,
            tp_dealloc: Some(weakref_dealloc),
            tp_repr: Some(proxy_repr),
            tp_as_number: &raw mut PROXY_AS_NUMBER,
            tp_as_sequence: &raw mut PROXY_AS_SEQUENCE,
            tp_as_mapping: &raw mut PROXY_AS_MAPPING,
            tp_hash: Some(proto::hash_not_implemented),
            tp_call: $call,
            tp_str: Some(proxy_str),
            tp_getattro: Some(proxy_getattr),
            tp_setattro: Some(proxy_setattr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_traverse: Some(weakref_traverse),
            tp_clear: Some(weakref_tp_clear),
            tp_richcompare: Some(proxy_richcompare),
            tp_iter: Some(proxy_iter),
            tp_iternext: Some(proxy_iternext),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

proxy_type!(_PyWeakref_ProxyType, c"weakref.ProxyType", None);
proxy_type!(_PyWeakref_CallableProxyType, c"weakref.CallableProxyType", Some(proxy_call));

#[inline]
unsafe fn raw(op: *mut PyObject) -> *mut PyWeakReference {
    op as *mut PyWeakReference
}

pub fn ref_type() -> *mut PyTypeObject {
    &raw mut _PyWeakref_RefType
}

pub unsafe fn is_proxy(op: *mut PyObject) -> bool {
    let t = type_of(op);
    t == &raw mut _PyWeakref_ProxyType || t == &raw mut _PyWeakref_CallableProxyType
}

/// The referent, or None once it has died (CPython's PyWeakref_GET_OBJECT).
#[inline]
pub unsafe fn referent(op: *mut PyObject) -> *mut PyObject {
    let o = (*raw(op)).wr_object;
    if o.is_null() || (*o).ob_refcnt <= 0 {
        noneobject::none()
    } else {
        o
    }
}

/// Address of the head of `ob`'s weak-reference list, if its type supports them.
pub unsafe fn list_ptr(ob: *mut PyObject) -> Option<*mut *mut PyWeakReference> {
    let off = (*type_of(ob)).tp_weaklistoffset;
    if off <= 0 {
        return None;
    }
    Some((ob as *mut u8).offset(off) as *mut *mut PyWeakReference)
}

/// The reusable basic ref and proxy at the head of a list (no callback, exact types).
unsafe fn basic_refs(head: *mut PyWeakReference) -> (*mut PyWeakReference, *mut PyWeakReference) {
    let (mut r, mut p) = (null_mut(), null_mut());
    let mut cur = head;
    if !cur.is_null() && (*cur).wr_callback.is_null() && type_of(cur as *mut PyObject) == ref_type() {
        r = cur;
        cur = (*cur).wr_next;
    }
    if !cur.is_null() && (*cur).wr_callback.is_null() && is_proxy(cur as *mut PyObject) {
        p = cur;
    }
    (r, p)
}

unsafe fn insert_head(w: *mut PyWeakReference, list: *mut *mut PyWeakReference) {
    let next = *list;
    (*w).wr_prev = null_mut();
    (*w).wr_next = next;
    if !next.is_null() {
        (*next).wr_prev = w;
    }
    *list = w;
}

unsafe fn insert_after(w: *mut PyWeakReference, prev: *mut PyWeakReference) {
    (*w).wr_prev = prev;
    (*w).wr_next = (*prev).wr_next;
    if !(*prev).wr_next.is_null() {
        (*(*prev).wr_next).wr_prev = w;
    }
    (*prev).wr_next = w;
}

/// Unlinks `w` from its referent's list and forgets the referent and callback (the GC uses
/// this on weak references to garbage).
pub unsafe fn clear_one(w: *mut PyWeakReference) {
    clear_ref(w)
}

/// Unlinks `w` from its referent's list and forgets the referent.
unsafe fn clear_ref(w: *mut PyWeakReference) {
    let ob = (*w).wr_object;
    if !ob.is_null() && !noneobject::is_none(ob) {
        if let Some(list) = list_ptr(ob) {
            if *list == w {
                *list = (*w).wr_next;
            }
        }
        if !(*w).wr_prev.is_null() {
            (*(*w).wr_prev).wr_next = (*w).wr_next;
        }
        if !(*w).wr_next.is_null() {
            (*(*w).wr_next).wr_prev = (*w).wr_prev;
        }
        (*w).wr_object = noneobject::none();
        (*w).wr_prev = null_mut();
        (*w).wr_next = null_mut();
    }
    xsetref(&raw mut (*w).wr_callback, null_mut());
}

unsafe fn alloc_ref(tp: *mut PyTypeObject, ob: *mut PyObject, callback: *mut PyObject) -> PyResult<*mut PyWeakReference> {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = alloc(tp, 0);
    if op.is_null() {
        return Err(err::ErrSet::assume_set());
    }
    let w = raw(op);
    (*w).wr_object = ob;
    xincref(callback);
    (*w).wr_callback = callback;
    (*w).hash = -1;
    (*w).vectorcall = if tp == ref_type() || typeobject::is_subtype(tp, ref_type()) { Some(weakref_vectorcall) } else { None };
    Ok(w)
}

fn unsupported(ob: *mut PyObject) -> err::ErrSet {
    // Safety: ob is a live object.
    let name = unsafe { typeobject::full_name(type_of(ob)) };
    raise(exc::type_error(), format!("cannot create weak reference to '{name}' object"))
}

/// `weakref.ref(ob, callback)`; basic refs (no callback, exact type) are shared.
pub unsafe fn new_ref(tp: *mut PyTypeObject, ob: *mut PyObject, callback: *mut PyObject) -> PyResult<Obj> {
    let Some(list) = list_ptr(ob) else { return Err(unsupported(ob)) };
    let callback = if !callback.is_null() && noneobject::is_none(callback) { null_mut() } else { callback };
    let (basic, basic_proxy) = basic_refs(*list);
    if callback.is_null() && tp == ref_type() && !basic.is_null() {
        return Ok(Obj::from_borrowed(basic as *mut PyObject));
    }
    let w = alloc_ref(tp, ob, callback)?;
    // Re-read: allocation may have run code that changed the list.
    let (basic, basic_proxy2) = basic_refs(*list);
    let _ = basic_proxy;
    if callback.is_null() && tp == ref_type() {
        insert_head(w, list);
    } else {
        let prev = if basic_proxy2.is_null() { basic } else { basic_proxy2 };
        if prev.is_null() {
            insert_head(w, list);
        } else {
            insert_after(w, prev);
        }
    }
    Ok(Obj::from_owned_nonnull(w as *mut PyObject))
}

/// `weakref.proxy(ob, callback)`.
pub unsafe fn new_proxy(ob: *mut PyObject, callback: *mut PyObject) -> PyResult<Obj> {
    let Some(list) = list_ptr(ob) else { return Err(unsupported(ob)) };
    let callback = if !callback.is_null() && noneobject::is_none(callback) { null_mut() } else { callback };
    let (basic, proxy) = basic_refs(*list);
    if callback.is_null() && !proxy.is_null() {
        return Ok(Obj::from_borrowed(proxy as *mut PyObject));
    }
    let tp = if call::callable_check(ob) { &raw mut _PyWeakref_CallableProxyType } else { &raw mut _PyWeakref_ProxyType };
    let w = alloc_ref(tp, ob, callback)?;
    let (basic2, _) = basic_refs(*list);
    let _ = basic;
    if callback.is_null() {
        if basic2.is_null() {
            insert_head(w, list);
        } else {
            insert_after(w, basic2);
        }
    } else {
        let (b, p) = basic_refs(*list);
        let prev = if p.is_null() { b } else { p };
        if prev.is_null() {
            insert_head(w, list);
        } else {
            insert_after(w, prev);
        }
    }
    Ok(Obj::from_owned_nonnull(w as *mut PyObject))
}

/// Number of weak references to `ob`.
pub unsafe fn count(ob: *mut PyObject) -> Py_ssize_t {
    let Some(list) = list_ptr(ob) else { return 0 };
    let mut n = 0;
    let mut cur = *list;
    while !cur.is_null() {
        n += 1;
        cur = (*cur).wr_next;
    }
    n
}

/// Clears the weak references to `ob` (which is dying) and runs their callbacks, oldest
/// last as in CPython. Exceptions in callbacks are reported, not raised.
pub unsafe fn clear_weakrefs(ob: *mut PyObject) {
    let Some(list) = list_ptr(ob) else { return };
    if (*list).is_null() {
        return;
    }
    let saved = err::fetch();
    let mut callbacks: Vec<(Obj, Obj)> = Vec::new();
    while !(*list).is_null() {
        let w = *list;
        let cb = (*w).wr_callback;
        if !cb.is_null() && (*(w as *mut PyObject)).ob_refcnt > 0 {
            callbacks.push((Obj::from_borrowed(w as *mut PyObject), Obj::from_borrowed(cb)));
        }
        clear_ref(w);
    }
    for (w, cb) in callbacks {
        if call::vectorcall(cb.as_ptr(), &[w.as_ptr()], null_mut()).is_err() {
            crate::report::write_unraisable("Exception ignored in", cb.as_ptr());
        }
    }
    err::restore(saved.0, saved.1, saved.2);
}

unsafe extern "C" fn weakref_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    clear_ref(raw(op));
    let tp = type_of(op);
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

unsafe extern "C" fn weakref_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let cb = (*raw(op)).wr_callback;
    match visit {
        Some(v) if !cb.is_null() => v(cb, arg),
        _ => 0,
    }
}

unsafe extern "C" fn weakref_tp_clear(op: *mut PyObject) -> c_int {
    clear_ref(raw(op));
    0
}

unsafe extern "C" fn weakref_vectorcall(op: *mut PyObject, _args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
    if !kwnames.is_null() && size_of_var(kwnames) > 0 {
        raise(exc::type_error(), "weakref() takes no keyword arguments");
        return null_mut();
    }
    if nargs != 0 {
        raise(exc::type_error(), format!("weakref expected 0 arguments, got {nargs}"));
        return null_mut();
    }
    let r = referent(op);
    incref(r);
    r
}

unsafe extern "C" fn weakref_hash(op: *mut PyObject) -> Py_hash_t {
    let w = raw(op);
    if (*w).hash != -1 {
        return (*w).hash;
    }
    let r = referent(op);
    if noneobject::is_none(r) {
        raise(exc::type_error(), "weak object has gone away");
        return -1;
    }
    incref(r);
    let h = proto::hash(r);
    decref(r);
    (*w).hash = h;
    h
}

unsafe extern "C" fn weakref_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = referent(op);
        if noneobject::is_none(r) {
            return str_::from_str(&format!("<weakref at {op:p}; dead>"));
        }
        let r = Obj::from_borrowed(r);
        let tn = typeobject::full_name(r.type_ptr());
        let name = proto::lookup_attr(r.as_ptr(), str_::intern("__name__")?)?;
        let s = match name {
            Some(n) if str_::check(n.as_ptr()) => {
                format!("<weakref at {op:p}; to '{tn}' at {:p} ({})>", r.as_ptr(), str_::as_str(n.as_ptr())?)
            }
            _ => format!("<weakref at {op:p}; to '{tn}' at {:p}>", r.as_ptr()),
        };
        str_::from_str(&s)
    })
}

unsafe extern "C" fn weakref_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    let is_ref = |o: *mut PyObject| typeobject::is_subtype(type_of(o), ref_type());
    if (op != Py_EQ && op != Py_NE) || !is_ref(a) || !is_ref(b) {
        return noneobject::not_implemented();
    }
    let (x, y) = (referent(a), referent(b));
    if noneobject::is_none(x) || noneobject::is_none(y) {
        return crate::objects::boolobject::new_bool((a == b) == (op == Py_EQ));
    }
    let (x, y) = (Obj::from_borrowed(x), Obj::from_borrowed(y));
    crate::guard::ret_obj(proto::rich_compare(x.as_ptr(), y.as_ptr(), op))
}

/// `ref(ob, callback=None)` argument parsing shared by `__new__` and `__init__`.
unsafe fn parse_args(func: &str, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    crate::protocol::args::no_keywords(func, kwds)?;
    let n = size_of_var(args) as usize;
    crate::protocol::args::check_positional(func, n, 1, 2)?;
    Ok((tuple::get_item(args, 0), if n == 2 { tuple::get_item(args, 1) } else { null_mut() }))
}

unsafe extern "C" fn weakref_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (ob, cb) = parse_args("__new__", args, kwds)?;
        new_ref(tp, ob, cb)
    })
}

unsafe extern "C" fn weakref_init(_op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| parse_args("__init__", args, kwds).map(|_| ()))
}

// ---- proxies -------------------------------------------------------------------------------

/// The live referent of a proxy, or ReferenceError.
unsafe fn live(op: *mut PyObject) -> PyResult<Obj> {
    let r = referent(op);
    if noneobject::is_none(r) {
        return Err(raise(crate::exc::reference_error(), "weakly-referenced object no longer exists"));
    }
    Ok(Obj::from_borrowed(r))
}

/// A proxy operand unwrapped; anything else as is.
unsafe fn unwrap(op: *mut PyObject) -> PyResult<Obj> {
    if is_proxy(op) {
        live(op)
    } else {
        Ok(Obj::from_borrowed(op))
    }
}

unsafe extern "C" fn proxy_repr(op: *mut PyObject) -> *mut PyObject {
    let r = referent(op);
    crate::guard::ret_obj(str_::from_str(&format!(
        "<weakproxy at {op:p} to {} at {r:p}>",
        typeobject::full_name(type_of(r))
    )))
}

unsafe extern "C" fn proxy_str(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| proto::str(live(op)?.as_ptr()))
}

unsafe extern "C" fn proxy_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| call::call(live(op)?.as_ptr(), args, kwds))
}

unsafe extern "C" fn proxy_getattr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| proto::getattr(live(op)?.as_ptr(), name))
}

unsafe extern "C" fn proxy_setattr(op: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| proto::setattr(live(op)?.as_ptr(), name, v))
}

unsafe extern "C" fn proxy_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (x, y) = (unwrap(a)?, unwrap(b)?);
        proto::rich_compare(x.as_ptr(), y.as_ptr(), op)
    })
}

unsafe extern "C" fn proxy_iter(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::iter::get_iter(live(op)?.as_ptr()))
}

unsafe extern "C" fn proxy_iternext(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = live(op)?;
        match (*r.type_ptr()).tp_iternext {
            Some(f) => Obj::from_owned(f(r.as_ptr())),
            None => Err(raise(
                exc::type_error(),
                format!("Weakref proxy referenced a non-iterator '{}' object", full_name(r.type_ptr())),
            )),
        }
    })
}

macro_rules! proxy_binary {
    ($($f:ident => $op:ident),* $(,)?) => {
        $( unsafe extern "C" fn $f(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            crate::guard::catch_obj(|| {
                let (x, y) = (unwrap(a)?, unwrap(b)?);
                num::binary_op(x.as_ptr(), y.as_ptr(), num::$op)
            })
        } )*
    };
}

proxy_binary! {
    proxy_add => ADD, proxy_sub => SUBTRACT, proxy_mul => MULTIPLY, proxy_mod => REMAINDER,
    proxy_divmod => DIVMOD, proxy_lshift => LSHIFT, proxy_rshift => RSHIFT, proxy_and => AND,
    proxy_xor => XOR, proxy_or => OR, proxy_floordiv => FLOOR_DIVIDE, proxy_truediv => TRUE_DIVIDE,
    proxy_matmul => MATRIX_MULTIPLY,
}

macro_rules! proxy_unary {
    ($($f:ident => $g:path),* $(,)?) => {
        $( unsafe extern "C" fn $f(a: *mut PyObject) -> *mut PyObject {
            crate::guard::catch_obj(|| $g(live(a)?.as_ptr()))
        } )*
    };
}

proxy_unary! {
    proxy_neg => num::negative, proxy_pos => num::positive, proxy_abs => num::absolute,
    proxy_invert => num::invert, proxy_int => num::number_long, proxy_index => num::index,
}

unsafe extern "C" fn proxy_pow(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (x, y, z) = (unwrap(a)?, unwrap(b)?, unwrap(c)?);
        num::power(x.as_ptr(), y.as_ptr(), z.as_ptr())
    })
}

unsafe extern "C" fn proxy_float(a: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let r = live(a)?;
        crate::objects::floatobject::from_f64(crate::objects::floatobject::as_f64(r.as_ptr())?)
    })
}

unsafe extern "C" fn proxy_bool(a: *mut PyObject) -> c_int {
    match live(a).and_then(|r| proto::is_true(r.as_ptr())) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn proxy_length(a: *mut PyObject) -> Py_ssize_t {
    match live(a).and_then(|r| crate::protocol::sequence::size(r.as_ptr())) {
        Ok(n) => n,
        Err(_) => -1,
    }
}

unsafe extern "C" fn proxy_contains(a: *mut PyObject, v: *mut PyObject) -> c_int {
    match live(a).and_then(|r| crate::protocol::sequence::contains(r.as_ptr(), v)) {
        Ok(b) => b as c_int,
        Err(_) => -1,
    }
}

unsafe extern "C" fn proxy_getitem(a: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::protocol::sequence::getitem(live(a)?.as_ptr(), k))
}

unsafe extern "C" fn proxy_setitem(a: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| crate::protocol::sequence::setitem(live(a)?.as_ptr(), k, v))
}

static mut PROXY_AS_NUMBER: PyNumberMethods = PyNumberMethods {
    nb_add: Some(proxy_add),
    nb_subtract: Some(proxy_sub),
    nb_multiply: Some(proxy_mul),
    nb_remainder: Some(proxy_mod),
    nb_divmod: Some(proxy_divmod),
    nb_power: Some(proxy_pow),
    nb_negative: Some(proxy_neg),
    nb_positive: Some(proxy_pos),
    nb_absolute: Some(proxy_abs),
    nb_bool: Some(proxy_bool),
    nb_invert: Some(proxy_invert),
    nb_lshift: Some(proxy_lshift),
    nb_rshift: Some(proxy_rshift),
    nb_and: Some(proxy_and),
    nb_xor: Some(proxy_xor),
    nb_or: Some(proxy_or),
    nb_int: Some(proxy_int),
    nb_float: Some(proxy_float),
    nb_floor_divide: Some(proxy_floordiv),
    nb_true_divide: Some(proxy_truediv),
    nb_index: Some(proxy_index),
    nb_matrix_multiply: Some(proxy_matmul),
    ..PyNumberMethods::EMPTY
};

static mut PROXY_AS_SEQUENCE: PySequenceMethods = PySequenceMethods { sq_contains: Some(proxy_contains), ..PySequenceMethods::EMPTY };

static mut PROXY_AS_MAPPING: PyMappingMethods =
    PyMappingMethods { mp_length: Some(proxy_length), mp_subscript: Some(proxy_getitem), mp_ass_subscript: Some(proxy_setitem) };

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(ref_type())?;
    typeobject::ready(&raw mut _PyWeakref_ProxyType)?;
    typeobject::ready(&raw mut _PyWeakref_CallableProxyType)
}
