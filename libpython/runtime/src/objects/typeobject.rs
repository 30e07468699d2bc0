//! `type`: the metatype, `PyType_Ready`, the MRO, slot inheritance, attribute lookup on types,
//! generic allocation, and heap types made by `type(name, bases, dict)`.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{dictobject as dict, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::{addr_of_mut, null_mut};

#[no_mangle]
pub static mut PyType_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut PyType_Type, 0),
    tp_name: c"type".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyHeapTypeObject>() as _,
    tp_itemsize: std::mem::size_of::<PyMemberDef>() as _,
    tp_dealloc: Some(type_dealloc),
    tp_vectorcall_offset: std::mem::offset_of!(PyTypeObject, tp_vectorcall) as _,
    tp_repr: Some(type_repr),
    tp_call: Some(type_call),
    tp_getattro: Some(type_getattro),
    tp_setattro: Some(type_setattro),
    tp_as_number: &raw mut crate::objects::unionobject::UNIONABLE_AS_NUMBER,
    tp_flags: Py_TPFLAGS_DEFAULT
        | Py_TPFLAGS_HAVE_GC
        | Py_TPFLAGS_BASETYPE
        | Py_TPFLAGS_TYPE_SUBCLASS
        | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_doc: c"type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type".as_ptr(),
    tp_traverse: Some(type_traverse),
    tp_clear: Some(type_clear),
    tp_weaklistoffset: std::mem::offset_of!(PyTypeObject, tp_weaklist) as _,
    tp_getset: (&raw mut TYPE_GETSET) as *mut PyGetSetDef,
    tp_methods: (&raw mut TYPE_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut crate::objects::type_attrs::TYPE_MEMBERS) as *mut PyMemberDef,
    tp_dictoffset: std::mem::offset_of!(PyTypeObject, tp_dict) as _,
    tp_alloc: Some(PyType_GenericAlloc),
    tp_new: Some(crate::objects::typenew::type_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    tp_is_gc: Some(type_is_gc),
    tp_vectorcall: Some(type_vectorcall),
    ..PyTypeObject::EMPTY
};

static mut TYPE_GETSET: [PyGetSetDef; 12] = [
    getset(c"__dict__", Some(type_get_dict), None),
    getset(c"__name__", Some(type_get_name), Some(crate::objects::type_attrs::set_name)),
    getset(c"__qualname__", Some(type_get_qualname), Some(crate::objects::type_attrs::set_qualname)),
    getset(c"__module__", Some(type_get_module), Some(crate::objects::type_attrs::set_module)),
    getset(c"__mro__", Some(type_get_mro), None),
    getset(c"__bases__", Some(type_get_bases), None),
    getset(c"__base__", Some(type_get_base), None),
    getset(c"__doc__", Some(type_get_doc), Some(crate::objects::type_attrs::set_doc)),
    getset(c"__text_signature__", Some(crate::objects::type_attrs::get_text_signature), None),
    getset(c"__abstractmethods__", Some(crate::objects::type_attrs::get_abstractmethods), Some(crate::objects::type_attrs::set_abstractmethods)),
    getset(c"__annotations__", Some(crate::objects::type_attrs::get_annotations), Some(crate::objects::type_attrs::set_annotations)),
    GETSET_END,
];

static mut TYPE_METHODS: [PyMethodDef; 7] = [
    PyMethodDef {
        ml_name: c"mro".as_ptr(),
        ml_meth: Some(type_mro_method),
        ml_flags: METH_NOARGS,
        ml_doc: c"Return a type's method resolution order.".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"__subclasscheck__".as_ptr(),
        ml_meth: Some(type_subclasscheck),
        ml_flags: METH_O,
        ml_doc: c"Check if a class is a subclass of this class.".as_ptr(),
    },
    method(c"__instancecheck__", crate::objects::type_attrs::type_instancecheck as *const (), METH_O, c"Check if an object is an instance."),
    method(c"__subclasses__", crate::objects::type_attrs::type_subclasses as *const (), METH_NOARGS, c"Return a list of immediate subclasses."),
    method(c"__dir__", crate::objects::type_attrs::type_dir as *const (), METH_NOARGS, c"Specialized __dir__ implementation for types."),
    method(
        c"__prepare__",
        crate::objects::type_attrs::type_prepare as *const (),
        METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
        c"__prepare__() -> dict\nused to create the namespace for the class statement",
    ),
    METHOD_END,
];

pub const GETSET_END: PyGetSetDef =
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() };
pub const METHOD_END: PyMethodDef =
    PyMethodDef { ml_name: std::ptr::null(), ml_meth: None, ml_flags: 0, ml_doc: std::ptr::null() };

/// A method table entry for any `METH_*` calling convention (`f` is cast to `PyCFunction`).
pub const fn method(name: &'static CStr, f: *const (), flags: std::ffi::c_int, doc: &'static CStr) -> PyMethodDef {
    // Safety: the caller passes a function with the signature its flags announce; the
    // call machinery casts it back by those flags, as CPython does.
    PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(f) }),
        ml_flags: flags,
        ml_doc: doc.as_ptr(),
    }
}

pub const fn getset(name: &'static CStr, get: getter, set: setter) -> PyGetSetDef {
    PyGetSetDef { name: name.as_ptr(), get, set, doc: std::ptr::null(), closure: null_mut() }
}

#[inline(always)]
pub unsafe fn has_feature(tp: *mut PyTypeObject, flag: std::ffi::c_ulong) -> bool {
    (*tp).tp_flags & flag != 0
}

#[inline(always)]
pub unsafe fn is_type(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_TYPE_SUBCLASS)
}

pub fn type_type() -> *mut PyTypeObject {
    &raw mut PyType_Type
}

/// The type's short name, `tp_name` after its last dot.
pub unsafe fn short_name(tp: *mut PyTypeObject) -> &'static str {
    let full = full_name(tp);
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        return full;
    }
    full.rsplit('.').next().unwrap_or(full)
}

/// `tp_name` as a str slice (static for static types; lives as long as the type otherwise).
pub unsafe fn full_name(tp: *mut PyTypeObject) -> &'static str {
    if (*tp).tp_name.is_null() {
        return "?";
    }
    CStr::from_ptr((*tp).tp_name).to_str().unwrap_or("?")
}

/// `a` is `b` or a subclass of it, following `tp_mro` (or `tp_base` before the type is ready).
pub unsafe fn is_subtype(a: *mut PyTypeObject, b: *mut PyTypeObject) -> bool {
    if a == b {
        return true;
    }
    let mro = (*a).tp_mro;
    if !mro.is_null() {
        let n = size_of_var(mro);
        for i in 0..n {
            if tuple::get_item(mro, i) == b as *mut PyObject {
                return true;
            }
        }
        return false;
    }
    let mut t = (*a).tp_base;
    while !t.is_null() {
        if t == b {
            return true;
        }
        t = (*t).tp_base;
    }
    b == crate::objects::baseobject::object_type()
}

/// Finds `name` in the dicts along the MRO: a borrowed reference or NULL, no error set.
pub unsafe fn lookup(tp: *mut PyTypeObject, name: *mut PyObject) -> *mut PyObject {
    let mro = (*tp).tp_mro;
    if mro.is_null() {
        return null_mut();
    }
    let n = size_of_var(mro);
    for i in 0..n {
        let base = tuple::get_item(mro, i) as *mut PyTypeObject;
        let d = (*base).tp_dict;
        if d.is_null() {
            continue;
        }
        let v = dict::get_item_str_known_hash(d, name);
        if !v.is_null() {
            return v;
        }
    }
    null_mut()
}

/// `lookup` with a Rust string name (interned on first use).
pub unsafe fn lookup_str(tp: *mut PyTypeObject, name: &str) -> *mut PyObject {
    match str_::intern(name) {
        Ok(n) => lookup(tp, n),
        Err(_) => {
            err::clear();
            null_mut()
        }
    }
}

// ---- PyType_Ready -------------------------------------------------------------------------

/// Readies a static or heap type: base, bases, MRO, inherited slots, and `tp_dict` filled with
/// descriptors for its methods, members, getsets and slot wrappers.
pub unsafe fn ready(tp: *mut PyTypeObject) -> PyResult<()> {
    if has_feature(tp, Py_TPFLAGS_READY) {
        return Ok(());
    }
    (*tp).tp_flags |= Py_TPFLAGS_READYING;
    let r = ready_inner(tp);
    (*tp).tp_flags &= !Py_TPFLAGS_READYING;
    if r.is_ok() {
        (*tp).tp_flags |= Py_TPFLAGS_READY;
    }
    r
}

unsafe fn ready_inner(tp: *mut PyTypeObject) -> PyResult<()> {
    let object = crate::objects::baseobject::object_type();
    if (*tp).ob_base.ob_base.ob_type.is_null() {
        (*tp).ob_base.ob_base.ob_type = type_type();
    }
    if (*tp).tp_base.is_null() && tp != object {
        (*tp).tp_base = object;
    }
    let base = (*tp).tp_base;
    if !base.is_null() && !has_feature(base, Py_TPFLAGS_READY) {
        ready(base)?;
    }
    if (*tp).ob_base.ob_base.ob_type.is_null() && !base.is_null() {
        (*tp).ob_base.ob_base.ob_type = (*base).ob_base.ob_base.ob_type;
    }
    if (*tp).tp_bases.is_null() {
        let bases = if base.is_null() {
            tuple::new(0)?
        } else {
            tuple::pack(&[base as *mut PyObject])?
        };
        (*tp).tp_bases = bases.into_ptr();
    }
    if (*tp).tp_dict.is_null() {
        (*tp).tp_dict = dict::new()?.into_ptr();
    }
    crate::objects::typeslots::add_operators(tp)?;
    add_methods(tp)?;
    add_members(tp)?;
    add_getsets(tp)?;
    mro_internal(tp)?;
    if !base.is_null() {
        inherit_special(tp, base);
    }
    let mro = (*tp).tp_mro;
    for i in 1..size_of_var(mro) {
        let b = tuple::get_item(mro, i) as *mut PyTypeObject;
        inherit_slots(tp, b);
    }
    // A class that defines __eq__ but not __hash__ is unhashable, as in CPython.
    if (*tp).tp_hash.is_none() && (*tp).tp_richcompare.is_some() {
        (*tp).tp_hash = Some(crate::protocol::object::hash_not_implemented);
        let hash_name = str_::intern("__hash__")?;
        if dict::get_item_str_known_hash((*tp).tp_dict, hash_name).is_null() {
            dict::set_item((*tp).tp_dict, hash_name, crate::objects::noneobject::none())?;
        }
    }
    set_doc(tp)?;
    for &b in tuple::items((*tp).tp_bases) {
        crate::objects::type_attrs::add_subclass(b as *mut PyTypeObject, tp)?;
    }
    Ok(())
}

unsafe fn set_doc(tp: *mut PyTypeObject) -> PyResult<()> {
    let key = str_::intern("__doc__")?;
    if !dict::get_item_str_known_hash((*tp).tp_dict, key).is_null() {
        return Ok(());
    }
    if (*tp).tp_doc.is_null() {
        dict::set_item((*tp).tp_dict, key, crate::objects::noneobject::none())
    } else {
        let doc = CStr::from_ptr((*tp).tp_doc).to_string_lossy();
        let doc = str_::from_str(&doc)?;
        dict::set_item((*tp).tp_dict, key, doc.as_ptr())
    }
}

unsafe fn add_methods(tp: *mut PyTypeObject) -> PyResult<()> {
    let mut m = (*tp).tp_methods;
    if m.is_null() {
        return Ok(());
    }
    while !(*m).ml_name.is_null() {
        let name = str_::intern_cstr((*m).ml_name)?;
        if (*m).ml_flags & METH_COEXIST == 0
            && !dict::get_item_str_known_hash((*tp).tp_dict, name).is_null()
        {
            m = m.add(1);
            continue;
        }
        let descr = if (*m).ml_flags & METH_CLASS != 0 {
            crate::objects::descrobject::new_classmethod(tp, m)?
        } else if (*m).ml_flags & METH_STATIC != 0 {
            let f = crate::objects::methodobject::new_cfunction(m, tp as *mut PyObject, null_mut())?;
            crate::objects::funcobject::new_staticmethod(f.as_ptr())?
        } else {
            crate::objects::descrobject::new_method(tp, m)?
        };
        dict::set_item((*tp).tp_dict, name, descr.as_ptr())?;
        m = m.add(1);
    }
    Ok(())
}

unsafe fn add_members(tp: *mut PyTypeObject) -> PyResult<()> {
    let mut m = (*tp).tp_members;
    if m.is_null() {
        return Ok(());
    }
    while !(*m).name.is_null() {
        let name = str_::intern_cstr((*m).name)?;
        if dict::get_item_str_known_hash((*tp).tp_dict, name).is_null() {
            let d = crate::objects::descrobject::new_member(tp, m)?;
            dict::set_item((*tp).tp_dict, name, d.as_ptr())?;
        }
        m = m.add(1);
    }
    Ok(())
}

unsafe fn add_getsets(tp: *mut PyTypeObject) -> PyResult<()> {
    let mut g = (*tp).tp_getset;
    if g.is_null() {
        return Ok(());
    }
    while !(*g).name.is_null() {
        let name = str_::intern_cstr((*g).name)?;
        if dict::get_item_str_known_hash((*tp).tp_dict, name).is_null() {
            let d = crate::objects::descrobject::new_getset(tp, g)?;
            dict::set_item((*tp).tp_dict, name, d.as_ptr())?;
        }
        g = g.add(1);
    }
    Ok(())
}

// ---- MRO ----------------------------------------------------------------------------------

unsafe fn mro_internal(tp: *mut PyTypeObject) -> PyResult<()> {
    // A metaclass overriding mro() is honoured by the heap-type path in typenew.rs.
    let mro = compute_c3_mro(tp)?;
    xsetref(&raw mut (*tp).tp_mro, mro.into_ptr());
    Ok(())
}

/// C3 linearisation of `tp` over `tp_bases`, with CPython's error message on failure.
pub unsafe fn compute_c3_mro(tp: *mut PyTypeObject) -> PyResult<Obj> {
    let bases = (*tp).tp_bases;
    let nbases = size_of_var(bases);
    let mut seqs: Vec<Vec<*mut PyObject>> = Vec::with_capacity(nbases as usize + 1);
    for i in 0..nbases {
        let b = tuple::get_item(bases, i) as *mut PyTypeObject;
        let bm = (*b).tp_mro;
        if bm.is_null() {
            return Err(raise(exc::type_error(), format!("Cannot create a consistent method resolution order (MRO) for bases {}", short_name(b))));
        }
        seqs.push((0..size_of_var(bm)).map(|j| tuple::get_item(bm, j)).collect());
    }
    seqs.push((0..nbases).map(|i| tuple::get_item(bases, i)).collect());
    // A duplicate base is its own error in CPython.
    for i in 0..nbases {
        for j in 0..i {
            if tuple::get_item(bases, i) == tuple::get_item(bases, j) {
                let b = tuple::get_item(bases, i) as *mut PyTypeObject;
                return Err(raise(exc::type_error(), format!("duplicate base class {}", short_name(b))));
            }
        }
    }
    let mut result: Vec<*mut PyObject> = vec![tp as *mut PyObject];
    let mut heads = vec![0usize; seqs.len()];
    loop {
        let mut candidate = null_mut();
        let mut any_left = false;
        for (k, seq) in seqs.iter().enumerate() {
            if heads[k] >= seq.len() {
                continue;
            }
            any_left = true;
            let c = seq[heads[k]];
            let in_tail = seqs.iter().enumerate().any(|(m, s)| s[heads[m].min(s.len())..].iter().skip(1).any(|&x| x == c));
            if !in_tail {
                candidate = c;
                break;
            }
        }
        if !any_left {
            break;
        }
        if candidate.is_null() {
            let mut names: Vec<&str> = Vec::new();
            for (k, seq) in seqs.iter().enumerate() {
                if k + 1 == seqs.len() || heads[k] >= seq.len() {
                    continue;
                }
                let n = short_name(seq[heads[k]] as *mut PyTypeObject);
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(raise(
                exc::type_error(),
                format!("Cannot create a consistent method resolution\norder (MRO) for bases {}", names.join(", ")),
            ));
        }
        result.push(candidate);
        for (k, seq) in seqs.iter().enumerate() {
            if heads[k] < seq.len() && seq[heads[k]] == candidate {
                heads[k] += 1;
            }
        }
    }
    tuple::from_slice(&result)
}

// ---- inheritance --------------------------------------------------------------------------

unsafe fn inherit_special(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    // GC-ness is inherited when the subtype adds no traversal of its own.
    if !has_feature(tp, Py_TPFLAGS_HAVE_GC)
        && has_feature(base, Py_TPFLAGS_HAVE_GC)
        && (*tp).tp_traverse.is_none()
        && (*tp).tp_clear.is_none()
    {
        (*tp).tp_flags |= Py_TPFLAGS_HAVE_GC;
        (*tp).tp_traverse = (*base).tp_traverse;
        (*tp).tp_clear = (*base).tp_clear;
    }
    if (*tp).tp_basicsize == 0 {
        (*tp).tp_basicsize = (*base).tp_basicsize;
    }
    if (*tp).tp_itemsize == 0 {
        (*tp).tp_itemsize = (*base).tp_itemsize;
    }
    if (*tp).tp_weaklistoffset == 0 {
        (*tp).tp_weaklistoffset = (*base).tp_weaklistoffset;
    }
    if (*tp).tp_dictoffset == 0 {
        (*tp).tp_dictoffset = (*base).tp_dictoffset;
    }
    (*tp).tp_flags |= (*base).tp_flags & Py_TPFLAGS_MANAGED_DICT;
    let subclass_bits = Py_TPFLAGS_LONG_SUBCLASS
        | Py_TPFLAGS_LIST_SUBCLASS
        | Py_TPFLAGS_TUPLE_SUBCLASS
        | Py_TPFLAGS_BYTES_SUBCLASS
        | Py_TPFLAGS_UNICODE_SUBCLASS
        | Py_TPFLAGS_DICT_SUBCLASS
        | Py_TPFLAGS_BASE_EXC_SUBCLASS
        | Py_TPFLAGS_TYPE_SUBCLASS;
    (*tp).tp_flags |= (*base).tp_flags & subclass_bits;
    if (*tp).tp_new.is_none()
        && !has_feature(tp, Py_TPFLAGS_DISALLOW_INSTANTIATION)
        && (*tp).tp_base == base
    {
        (*tp).tp_new = (*base).tp_new;
    }
}

macro_rules! inherit {
    ($tp:expr, $base:expr, $($field:ident),+) => {
        $( if (*$tp).$field.is_none() { (*$tp).$field = (*$base).$field; } )+
    };
}

macro_rules! inherit_suite {
    ($tp:expr, $base:expr, $suite:ident, $($field:ident),+) => {
        if !(*$base).$suite.is_null() {
            if (*$tp).$suite.is_null() {
                (*$tp).$suite = (*$base).$suite;
            } else if (*$tp).$suite != (*$base).$suite {
                let (t, b) = ((*$tp).$suite, (*$base).$suite);
                $( if (*t).$field.is_none() { (*t).$field = (*b).$field; } )+
            }
        }
    };
}

/// Copies every slot `tp` leaves empty from `base`, as CPython's inherit_slots does.
unsafe fn inherit_slots(tp: *mut PyTypeObject, base: *mut PyTypeObject) {
    if (*tp).tp_as_number != (*base).tp_as_number && !has_feature(tp, Py_TPFLAGS_HEAPTYPE) && !(*tp).tp_as_number.is_null() {
        // static types own their suites; fill the empty entries in place
    }
    inherit_suite!(tp, base, tp_as_number,
        nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod, nb_power, nb_negative,
        nb_positive, nb_absolute, nb_bool, nb_invert, nb_lshift, nb_rshift, nb_and, nb_xor,
        nb_or, nb_int, nb_float, nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply,
        nb_inplace_remainder, nb_inplace_power, nb_inplace_lshift, nb_inplace_rshift,
        nb_inplace_and, nb_inplace_xor, nb_inplace_or, nb_floor_divide, nb_true_divide,
        nb_inplace_floor_divide, nb_inplace_true_divide, nb_index, nb_matrix_multiply,
        nb_inplace_matrix_multiply);
    inherit_suite!(tp, base, tp_as_sequence,
        sq_length, sq_concat, sq_repeat, sq_item, sq_ass_item, sq_contains, sq_inplace_concat,
        sq_inplace_repeat);
    inherit_suite!(tp, base, tp_as_mapping, mp_length, mp_subscript, mp_ass_subscript);
    inherit_suite!(tp, base, tp_as_async, am_await, am_aiter, am_anext, am_send);
    inherit_suite!(tp, base, tp_as_buffer, bf_getbuffer, bf_releasebuffer);
    inherit!(tp, base, tp_dealloc);
    if (*tp).tp_getattr.is_none() && (*tp).tp_getattro.is_none() {
        (*tp).tp_getattr = (*base).tp_getattr;
        (*tp).tp_getattro = (*base).tp_getattro;
    }
    if (*tp).tp_setattr.is_none() && (*tp).tp_setattro.is_none() {
        (*tp).tp_setattr = (*base).tp_setattr;
        (*tp).tp_setattro = (*base).tp_setattro;
    }
    inherit!(tp, base, tp_repr, tp_call, tp_str);
    // tp_hash and tp_richcompare are inherited together, and only if both are empty.
    if (*tp).tp_richcompare.is_none() && (*tp).tp_hash.is_none() {
        let hash_name = str_::intern("__hash__").map(|o| o).unwrap_or(null_mut());
        let overrides_hash = !hash_name.is_null()
            && !(*tp).tp_dict.is_null()
            && !dict::get_item_str_known_hash((*tp).tp_dict, hash_name).is_null();
        if !overrides_hash {
            (*tp).tp_richcompare = (*base).tp_richcompare;
            (*tp).tp_hash = (*base).tp_hash;
        }
    }
    inherit!(tp, base, tp_iter, tp_iternext, tp_descr_get, tp_descr_set, tp_init, tp_alloc,
        tp_is_gc, tp_finalize);
    if (*tp).tp_vectorcall_offset == 0 && has_feature(base, Py_TPFLAGS_HAVE_VECTORCALL)
        && (*tp).tp_call.is_none() {
        // vectorcall is inherited only by static types that also inherit tp_call (3.11 rule)
    }
    if (*tp).tp_free.is_none() {
        // A GC subtype of a non-GC base gets the GC free, as in CPython.
        if has_feature(tp, Py_TPFLAGS_HAVE_GC) == has_feature(base, Py_TPFLAGS_HAVE_GC) {
            (*tp).tp_free = (*base).tp_free;
        } else if has_feature(tp, Py_TPFLAGS_HAVE_GC) {
            (*tp).tp_free = Some(crate::objects::baseobject::object_gc_free);
        }
    }
}

// ---- allocation ---------------------------------------------------------------------------

/// CPython's `PyType_GenericAlloc`: zeroed memory for `nitems` items plus a sentinel,
/// header initialised, GC-tracked when the type is a GC type.
#[no_mangle]
pub unsafe extern "C" fn PyType_GenericAlloc(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> *mut PyObject {
    let Some(size) = var_size(tp, nitems.saturating_add(1)) else {
        crate::objects::exceptions::no_memory();
        return null_mut();
    };
    let obj = if has_feature(tp, Py_TPFLAGS_HAVE_GC) {
        crate::gc::alloc_with_preheader(size, crate::gc::preheader_size(tp))
    } else {
        crate::mem::calloc(1, size) as *mut PyObject
    };
    if obj.is_null() {
        crate::objects::exceptions::no_memory();
        return null_mut();
    }
    init_object(obj, tp);
    if (*tp).tp_itemsize != 0 {
        set_size(obj, nitems);
    }
    if has_feature(tp, Py_TPFLAGS_HAVE_GC) {
        crate::gc::track(obj);
    }
    obj
}

/// Size of an object of `tp` with `nitems` items, pointer-aligned; None on overflow.
pub unsafe fn var_size(tp: *mut PyTypeObject, nitems: Py_ssize_t) -> Option<usize> {
    let items = ((*tp).tp_itemsize as usize).checked_mul(nitems.max(0) as usize)?;
    let raw = ((*tp).tp_basicsize as usize).checked_add(items)?;
    raw.checked_add(7).map(|s| s & !7)
}

/// A new, zeroed instance of `tp` from its `tp_alloc` (GC-tracked for GC types).
pub unsafe fn alloc_instance(tp: *mut PyTypeObject) -> PyResult<Obj> {
    let alloc = (*tp).tp_alloc.unwrap_or(PyType_GenericAlloc);
    Obj::from_owned(alloc(tp, 0))
}

/// The end of a static type's `tp_dealloc`: `tp_free`. When the object is an instance of
/// a heap subclass, `subtype_dealloc` called us and drops the reference to the type itself.
pub unsafe fn free_instance(op: *mut PyObject) {
    let tp = (*op).ob_type;
    if let Some(free) = (*tp).tp_free {
        free(op as *mut std::ffi::c_void);
    }
}

/// Sets the header of fresh memory: type (a reference to it for heap types) and count 1.
#[inline]
pub unsafe fn init_object(obj: *mut PyObject, tp: *mut PyTypeObject) {
    (*obj).ob_type = tp;
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        incref(tp as *mut PyObject);
    }
    (*obj).ob_refcnt = 1;
}

// ---- slots of `type` itself -----------------------------------------------------------------

unsafe extern "C" fn type_is_gc(op: *mut PyObject) -> c_int {
    has_feature(op as *mut PyTypeObject, Py_TPFLAGS_HEAPTYPE) as c_int
}

unsafe extern "C" fn type_dealloc(op: *mut PyObject) {
    let tp = op as *mut PyTypeObject;
    if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        return; // static types are immortal; a stray decref from C must not free them
    }
    crate::gc::untrack(op);
    crate::objects::type_attrs::remove_from_bases(tp);
    crate::objects::weakrefobject::clear_weakrefs(op);
    type_clear(op);
    let et = op as *mut PyHeapTypeObject;
    xdecref((*et).ht_name);
    xdecref((*et).ht_qualname);
    xdecref((*et).ht_slots);
    xdecref((*et).ht_module);
    xdecref((*tp).tp_base as *mut PyObject);
    if !(*et)._ht_tpname.is_null() {
        crate::mem::free((*et)._ht_tpname as *mut c_void);
    }
    if !(*tp).tp_doc.is_null() {
        crate::mem::free((*tp).tp_doc as *mut c_void);
    }
    crate::gc::free(op);
}

unsafe extern "C" fn type_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let tp = op as *mut PyTypeObject;
    let Some(visit) = visit else { return 0 };
    for p in [(*tp).tp_dict, (*tp).tp_cache, (*tp).tp_mro, (*tp).tp_bases, (*tp).tp_base as *mut PyObject] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn type_clear(op: *mut PyObject) -> c_int {
    let tp = op as *mut PyTypeObject;
    xsetref(addr_of_mut!((*tp).tp_dict), null_mut());
    xsetref(addr_of_mut!((*tp).tp_mro), null_mut());
    xsetref(addr_of_mut!((*tp).tp_bases), null_mut());
    xsetref(addr_of_mut!((*tp).tp_cache), null_mut());
    0
}

unsafe extern "C" fn type_repr(op: *mut PyObject) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    let r = (|| -> PyResult<Obj> {
        let module = type_module_str(tp)?;
        let qual = type_qualname_str(tp)?;
        let s = match module {
            Some(m) if m != "builtins" => format!("<class '{m}.{qual}'>"),
            _ => format!("<class '{qual}'>"),
        };
        str_::from_str(&s)
    })();
    crate::guard::ret_obj(r)
}

/// `__module__` of a type as text, when it is a str.
pub unsafe fn type_module_str(tp: *mut PyTypeObject) -> PyResult<Option<String>> {
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let key = str_::intern("__module__")?;
        let m = dict::get_item_str_known_hash((*tp).tp_dict, key);
        if !m.is_null() && str_::check(m) {
            return Ok(Some(str_::as_str(m)?.to_owned()));
        }
        return Ok(None);
    }
    let full = full_name(tp);
    Ok(Some(match full.rfind('.') {
        Some(i) => full[..i].to_owned(),
        None => "builtins".to_owned(),
    }))
}

pub unsafe fn type_qualname_str(tp: *mut PyTypeObject) -> PyResult<String> {
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let et = tp as *mut PyHeapTypeObject;
        if !(*et).ht_qualname.is_null() {
            return Ok(str_::as_str((*et).ht_qualname)?.to_owned());
        }
    }
    Ok(short_name(tp).to_owned())
}

unsafe extern "C" fn type_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    // type(x) with one argument returns x's type.
    if tp == type_type() && tuple::check_exact(args) && size_of_var(args) == 1
        && (kwds.is_null() || dict::len(kwds) == 0)
    {
        let o = tuple::get_item(args, 0) as *mut PyObject;
        let t = type_of(o) as *mut PyObject;
        incref(t);
        return t;
    }
    let Some(new) = (*tp).tp_new else {
        err::raise(exc::type_error(), format!("cannot create '{}' instances", full_name(tp)));
        return null_mut();
    };
    let obj = new(tp, args, kwds);
    if obj.is_null() {
        return null_mut();
    }
    // __init__ runs only when __new__ returned an instance of the type.
    if !is_subtype(type_of(obj), tp) {
        return obj;
    }
    let otp = type_of(obj);
    if let Some(init) = (*otp).tp_init {
        if init(obj, args, kwds) < 0 {
            decref(obj);
            return null_mut();
        }
    }
    obj
}

unsafe extern "C" fn type_vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    crate::protocol::call::vectorcall_via_tp_call(callable, args, nargsf, kwnames)
}

/// Attribute lookup on a type: data descriptors of the metatype, then the type's own MRO
/// (binding with `__get__(None, type)`), then other attributes of the metatype.
unsafe extern "C" fn type_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    if !str_::check(name) {
        err::raise(exc::type_error(), format!("attribute name must be string, not '{}'", full_name(type_of(name))));
        return null_mut();
    }
    let meta = type_of(op);
    let meta_attr = lookup(meta, name);
    let mut meta_get: descrgetfunc = None;
    if !meta_attr.is_null() {
        incref(meta_attr);
        meta_get = (*type_of(meta_attr)).tp_descr_get;
        if let (Some(get), Some(_)) = (meta_get, (*type_of(meta_attr)).tp_descr_set) {
            let r = get(meta_attr, op, meta as *mut PyObject);
            decref(meta_attr);
            return r;
        }
    }
    let attr = lookup(tp, name);
    if !attr.is_null() {
        xdecref(meta_attr);
        let local_get = (*type_of(attr)).tp_descr_get;
        if let Some(g) = local_get {
            return g(attr, null_mut(), op);
        }
        incref(attr);
        return attr;
    }
    if let Some(g) = meta_get {
        let r = g(meta_attr, op, meta as *mut PyObject);
        decref(meta_attr);
        return r;
    }
    if !meta_attr.is_null() {
        return meta_attr;
    }
    let n = str_::as_str(name).unwrap_or("?");
    // tp_name, as CPython (the short name for classes, the dotted one for static types).
    let qual = full_name(tp);
    err::set_object(
        exc::attribute_error(),
        str_::from_str(&format!("type object '{qual}' has no attribute '{n}'")).map(|s| s.into_ptr()).unwrap_or(null_mut()),
    );
    null_mut()
}

unsafe extern "C" fn type_setattro(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    let tp = op as *mut PyTypeObject;
    if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) || has_feature(tp, Py_TPFLAGS_IMMUTABLETYPE) {
        let n = str_::as_str(name).unwrap_or("?");
        err::raise(
            exc::type_error(),
            format!("cannot set '{n}' attribute of immutable type '{}'", full_name(tp)),
        );
        return -1;
    }
    let r = crate::protocol::object::generic_setattr_with_dict(op, name, value, (*tp).tp_dict);
    if r == 0 {
        modified(tp);
        crate::objects::typeslots::update_slot(tp, name);
    }
    r
}

/// Invalidates attribute caches keyed on `tp_version_tag` (CPython's PyType_Modified).
pub unsafe fn modified(tp: *mut PyTypeObject) {
    (*tp).tp_flags &= !Py_TPFLAGS_VALID_VERSION_TAG;
    (*tp).tp_version_tag = 0;
}

unsafe extern "C" fn type_get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let n = (*(tp as *mut PyHeapTypeObject)).ht_name;
        incref(n);
        return n;
    }
    crate::guard::ret_obj(str_::from_str(short_name(tp)))
}

unsafe extern "C" fn type_get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let n = (*(tp as *mut PyHeapTypeObject)).ht_qualname;
        incref(n);
        return n;
    }
    crate::guard::ret_obj(str_::from_str(short_name(tp)))
}

unsafe extern "C" fn type_get_module(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        let key = match str_::intern("__module__") {
            Ok(k) => k,
            Err(_) => return null_mut(),
        };
        let m = dict::get_item_str_known_hash((*tp).tp_dict, key);
        if m.is_null() {
            err::raise(exc::attribute_error(), "__module__");
            return null_mut();
        }
        incref(m);
        return m;
    }
    crate::guard::ret_obj(type_module_str(tp).and_then(|m| str_::from_str(&m.unwrap_or_default())))
}

unsafe extern "C" fn type_get_mro(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let m = (*(op as *mut PyTypeObject)).tp_mro;
    if m.is_null() {
        return crate::objects::noneobject::new_none();
    }
    incref(m);
    m
}

unsafe extern "C" fn type_get_bases(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let b = (*(op as *mut PyTypeObject)).tp_bases;
    if b.is_null() {
        return crate::guard::ret_obj(tuple::new(0));
    }
    incref(b);
    b
}

unsafe extern "C" fn type_get_base(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let b = (*(op as *mut PyTypeObject)).tp_base as *mut PyObject;
    if b.is_null() {
        return crate::objects::noneobject::new_none();
    }
    incref(b);
    b
}

unsafe extern "C" fn type_get_dict(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let d = (*(op as *mut PyTypeObject)).tp_dict;
    if d.is_null() {
        return crate::objects::noneobject::new_none();
    }
    crate::guard::ret_obj(crate::objects::mappingproxy::new(d))
}

unsafe extern "C" fn type_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    let key = match str_::intern("__doc__") {
        Ok(k) => k,
        Err(_) => return null_mut(),
    };
    let d = if (*tp).tp_dict.is_null() { null_mut() } else { dict::get_item_str_known_hash((*tp).tp_dict, key) };
    if d.is_null() {
        return crate::objects::noneobject::new_none();
    }
    if let Some(g) = (*type_of(d)).tp_descr_get {
        return g(d, null_mut(), op);
    }
    incref(d);
    d
}

unsafe extern "C" fn type_mro_method(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let tp = op as *mut PyTypeObject;
    crate::guard::ret_obj(compute_c3_mro(tp).and_then(|t| crate::objects::listobject::from_tuple(t.as_ptr())))
}

unsafe extern "C" fn type_subclasscheck(op: *mut PyObject, sub: *mut PyObject) -> *mut PyObject {
    if !is_type(sub) {
        err::raise(exc::type_error(), "issubclass() arg 1 must be a class");
        return null_mut();
    }
    crate::objects::boolobject::new_bool(is_subtype(sub as *mut PyTypeObject, op as *mut PyTypeObject))
}
