//! Heap types from C: `PyType_FromSpec`, `PyType_FromSpecWithBases`,
//! `PyType_FromModuleAndSpec`, and `PyType_GetSlot`/`GetModule`/`GetModuleByDef`.
//! A slot id (typeslots.h) maps to a field: either of the type object itself or of one of its
//! method suites, found through the suite pointer.

use crate::rt::err::{raise, PyResult};
use crate::rt::exc;
use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::object::*;
use crate::rt::objects::typeobject::{self, has_feature};
use crate::rt::objects::{baseobject, descrobject, dictobject as dict, moduleobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

/// Where slot `id` lives: (offset of the suite pointer in PyTypeObject, or None for the type
/// itself; offset of the field in that suite or type).
fn slot_location(id: c_int) -> Option<(Option<usize>, usize)> {
    macro_rules! nb { ($f:ident) => { Some((Some(offset_of!(PyTypeObject, tp_as_number)), offset_of!(PyNumberMethods, $f))) }; }
    macro_rules! sq { ($f:ident) => { Some((Some(offset_of!(PyTypeObject, tp_as_sequence)), offset_of!(PySequenceMethods, $f))) }; }
    macro_rules! mp { ($f:ident) => { Some((Some(offset_of!(PyTypeObject, tp_as_mapping)), offset_of!(PyMappingMethods, $f))) }; }
    macro_rules! am { ($f:ident) => { Some((Some(offset_of!(PyTypeObject, tp_as_async)), offset_of!(PyAsyncMethods, $f))) }; }
    macro_rules! bf { ($f:ident) => { Some((Some(offset_of!(PyTypeObject, tp_as_buffer)), offset_of!(PyBufferProcs, $f))) }; }
    macro_rules! tp { ($f:ident) => { Some((None, offset_of!(PyTypeObject, $f))) }; }
    match id {
        1 => bf!(bf_getbuffer), 2 => bf!(bf_releasebuffer),
        3 => mp!(mp_ass_subscript), 4 => mp!(mp_length), 5 => mp!(mp_subscript),
        6 => nb!(nb_absolute), 7 => nb!(nb_add), 8 => nb!(nb_and), 9 => nb!(nb_bool), 10 => nb!(nb_divmod),
        11 => nb!(nb_float), 12 => nb!(nb_floor_divide), 13 => nb!(nb_index), 14 => nb!(nb_inplace_add),
        15 => nb!(nb_inplace_and), 16 => nb!(nb_inplace_floor_divide), 17 => nb!(nb_inplace_lshift),
        18 => nb!(nb_inplace_multiply), 19 => nb!(nb_inplace_or), 20 => nb!(nb_inplace_power),
        21 => nb!(nb_inplace_remainder), 22 => nb!(nb_inplace_rshift), 23 => nb!(nb_inplace_subtract),
        24 => nb!(nb_inplace_true_divide), 25 => nb!(nb_inplace_xor), 26 => nb!(nb_int), 27 => nb!(nb_invert),
        28 => nb!(nb_lshift), 29 => nb!(nb_multiply), 30 => nb!(nb_negative), 31 => nb!(nb_or),
        32 => nb!(nb_positive), 33 => nb!(nb_power), 34 => nb!(nb_remainder), 35 => nb!(nb_rshift),
        36 => nb!(nb_subtract), 37 => nb!(nb_true_divide), 38 => nb!(nb_xor),
        39 => sq!(sq_ass_item), 40 => sq!(sq_concat), 41 => sq!(sq_contains), 42 => sq!(sq_inplace_concat),
        43 => sq!(sq_inplace_repeat), 44 => sq!(sq_item), 45 => sq!(sq_length), 46 => sq!(sq_repeat),
        47 => tp!(tp_alloc), 48 => tp!(tp_base), 49 => tp!(tp_bases), 50 => tp!(tp_call), 51 => tp!(tp_clear),
        52 => tp!(tp_dealloc), 53 => tp!(tp_del), 54 => tp!(tp_descr_get), 55 => tp!(tp_descr_set),
        56 => tp!(tp_doc), 57 => tp!(tp_getattr), 58 => tp!(tp_getattro), 59 => tp!(tp_hash), 60 => tp!(tp_init),
        61 => tp!(tp_is_gc), 62 => tp!(tp_iter), 63 => tp!(tp_iternext), 64 => tp!(tp_methods), 65 => tp!(tp_new),
        66 => tp!(tp_repr), 67 => tp!(tp_richcompare), 68 => tp!(tp_setattr), 69 => tp!(tp_setattro),
        70 => tp!(tp_str), 71 => tp!(tp_traverse), 72 => tp!(tp_members), 73 => tp!(tp_getset), 74 => tp!(tp_free),
        75 => nb!(nb_matrix_multiply), 76 => nb!(nb_inplace_matrix_multiply),
        77 => am!(am_await), 78 => am!(am_aiter), 79 => am!(am_anext), 80 => tp!(tp_finalize), 81 => am!(am_send),
        _ => None,
    }
}

const PY_TP_BASE: c_int = 48;
const PY_TP_BASES: c_int = 49;
const PY_TP_DOC: c_int = 56;
const PY_TP_MEMBERS: c_int = 72;

unsafe fn slots_of(spec: *mut PyType_Spec) -> Vec<(c_int, *mut c_void)> {
    let mut out = Vec::new();
    let mut s = (*spec).slots;
    while !s.is_null() && (*s).slot != 0 {
        out.push(((*s).slot, (*s).pfunc));
        s = s.add(1);
    }
    out
}

unsafe fn from_spec(module: *mut PyObject, spec: *mut PyType_Spec, bases_in: *mut PyObject) -> PyResult<Obj> {
    let slots = slots_of(spec);
    let full_name = CStr::from_ptr((*spec).name).to_str().map_err(|_| raise(exc::system_error(), "type name is not UTF-8"))?;
    // Members: counted for the trailing PyMemberDef array; the special offset members are
    // consumed here and not copied as descriptors.
    let mut members: Vec<PyMemberDef> = Vec::new();
    let (mut weaklistoffset, mut dictoffset, mut vectorcalloffset) = (0isize, 0isize, 0isize);
    for &(id, p) in &slots {
        if id == PY_TP_MEMBERS {
            let mut m = p as *mut PyMemberDef;
            while !(*m).name.is_null() {
                match CStr::from_ptr((*m).name).to_bytes() {
                    b"__weaklistoffset__" => weaklistoffset = (*m).offset,
                    b"__dictoffset__" => dictoffset = (*m).offset,
                    b"__vectorcalloffset__" => vectorcalloffset = (*m).offset,
                    _ => members.push(std::ptr::read(m)),
                }
                m = m.add(1);
            }
        }
        if id != 0 && slot_location(id).is_none() {
            return Err(raise(exc::runtime_error(), format!("invalid slot offset")));
        }
    }
    // Bases: the argument, else Py_tp_bases, else Py_tp_base, else object.
    let bases = if !bases_in.is_null() {
        if tuple::check(bases_in) { Obj::from_borrowed(bases_in) } else { tuple::pack(&[bases_in])? }
    } else if let Some(&(_, p)) = slots.iter().find(|(id, _)| *id == PY_TP_BASES) {
        Obj::from_borrowed(p as *mut PyObject)
    } else if let Some(&(_, p)) = slots.iter().find(|(id, _)| *id == PY_TP_BASE) {
        tuple::pack(&[p as *mut PyObject])?
    } else {
        tuple::pack(&[baseobject::object_type() as *mut PyObject])?
    };
    let base = tuple::get_item(bases.as_ptr(), 0) as *mut PyTypeObject;
    for &b in tuple::items(bases.as_ptr()) {
        if !typeobject::is_type(b) {
            return Err(raise(exc::type_error(), "bases must be types"));
        }
        if !has_feature(b as *mut PyTypeObject, Py_TPFLAGS_BASETYPE) {
            return Err(raise(
                exc::type_error(),
                format!("type '{}' is not an acceptable base type", typeobject::full_name(b as *mut PyTypeObject)),
            ));
        }
    }
    let meta = typeobject::type_type();
    let t = Obj::from_owned(typeobject::PyType_GenericAlloc(meta, members.len() as Py_ssize_t))?;
    let et = t.as_ptr() as *mut PyHeapTypeObject;
    let tp = t.as_ptr() as *mut PyTypeObject;
    (*tp).tp_as_async = &raw mut (*et).as_async;
    (*tp).tp_as_number = &raw mut (*et).as_number;
    (*tp).tp_as_sequence = &raw mut (*et).as_sequence;
    (*tp).tp_as_mapping = &raw mut (*et).as_mapping;
    (*tp).tp_as_buffer = &raw mut (*et).as_buffer;
    (*tp).tp_flags = (*spec).flags as std::ffi::c_ulong | Py_TPFLAGS_HEAPTYPE;

    let short = full_name.rsplit('.').next().unwrap_or(full_name);
    (*et).ht_name = str_::from_str(short)?.into_ptr();
    incref((*et).ht_name);
    (*et).ht_qualname = (*et).ht_name;
    let buf = crate::rt::mem::malloc(full_name.len() + 1) as *mut u8;
    if buf.is_null() {
        return Err(crate::rt::objects::exceptions::no_memory());
    }
    std::ptr::copy_nonoverlapping(full_name.as_ptr(), buf, full_name.len());
    *buf.add(full_name.len()) = 0;
    (*et)._ht_tpname = buf as *mut _;
    (*tp).tp_name = buf as *const _;
    xincref(module);
    (*et).ht_module = module;

    (*tp).tp_bases = bases.clone().into_ptr();
    incref(base as *mut PyObject);
    (*tp).tp_base = base;
    (*tp).tp_basicsize = (*spec).basicsize as Py_ssize_t;
    (*tp).tp_itemsize = (*spec).itemsize as Py_ssize_t;

    for &(id, p) in &slots {
        match id {
            PY_TP_BASE | PY_TP_BASES => {}
            PY_TP_DOC => {
                if !p.is_null() {
                    let text = CStr::from_ptr(p as *const std::ffi::c_char).to_bytes();
                    let d = crate::rt::mem::malloc(text.len() + 1) as *mut u8;
                    if d.is_null() {
                        return Err(crate::rt::objects::exceptions::no_memory());
                    }
                    std::ptr::copy_nonoverlapping(text.as_ptr(), d, text.len());
                    *d.add(text.len()) = 0;
                    (*tp).tp_doc = d as *const _;
                }
            }
            PY_TP_MEMBERS => {
                let mp = (et as *mut u8).add(size_of::<PyHeapTypeObject>()) as *mut PyMemberDef;
                for (i, m) in members.iter().enumerate() {
                    std::ptr::write(mp.add(i), std::ptr::read(m));
                }
                (*tp).tp_members = mp;
            }
            _ => {
                if let Some((suite, field)) = slot_location(id) {
                    let owner = match suite {
                        None => tp as *mut u8,
                        Some(off) => *((tp as *mut u8).add(off) as *mut *mut u8),
                    };
                    *(owner.add(field) as *mut *mut c_void) = p;
                }
            }
        }
    }
    if weaklistoffset != 0 {
        (*tp).tp_weaklistoffset = weaklistoffset;
    }
    if dictoffset != 0 {
        (*tp).tp_dictoffset = dictoffset;
    }
    if vectorcalloffset != 0 {
        (*tp).tp_vectorcall_offset = vectorcalloffset;
    }
    if (*tp).tp_dealloc.is_none() {
        (*tp).tp_dealloc = crate::rt::objects::typenew::subtype_dealloc_fn();
    }
    typeobject::ready(tp)?;
    // __module__ from the dotted name, as CPython does.
    if let Some(dot) = full_name.rfind('.') {
        let m = str_::from_str(&full_name[..dot])?;
        dict::set_item_str((*tp).tp_dict, "__module__", m.as_ptr())?;
    }
    let _ = (moduleobject::check, descrobject::new_member);
    Ok(t)
}

#[no_mangle]
pub unsafe extern "C" fn PyType_FromModuleAndSpec(module: *mut PyObject, spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject {
    catch_obj(|| from_spec(module, spec, bases))
}
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpecWithBases(spec: *mut PyType_Spec, bases: *mut PyObject) -> *mut PyObject {
    catch_obj(|| from_spec(null_mut(), spec, bases))
}
#[no_mangle]
pub unsafe extern "C" fn PyType_FromSpec(spec: *mut PyType_Spec) -> *mut PyObject {
    catch_obj(|| from_spec(null_mut(), spec, null_mut()))
}

#[no_mangle]
pub unsafe extern "C" fn PyType_GetSlot(tp: *mut PyTypeObject, id: c_int) -> *mut c_void {
    let Some((suite, field)) = slot_location(id) else {
        crate::bad_internal_call();
        return null_mut();
    };
    if id == PY_TP_BASES {
        return null_mut();
    }
    let owner = match suite {
        None => tp as *mut u8,
        Some(off) => *((tp as *mut u8).add(off) as *mut *mut u8),
    };
    if owner.is_null() {
        return null_mut();
    }
    *(owner.add(field) as *mut *mut c_void)
}

#[no_mangle]
pub unsafe extern "C" fn PyType_GetModule(tp: *mut PyTypeObject) -> *mut PyObject {
    if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        raise(exc::type_error(), format!("PyType_GetModule: Type '{}' is not a heap type", typeobject::full_name(tp)));
        return null_mut();
    }
    let m = (*(tp as *mut PyHeapTypeObject)).ht_module;
    if m.is_null() {
        raise(exc::type_error(), format!("PyType_GetModule: Type '{}' has no associated module", typeobject::full_name(tp)));
        return null_mut();
    }
    m
}

#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleState(tp: *mut PyTypeObject) -> *mut c_void {
    let m = PyType_GetModule(tp);
    if m.is_null() {
        return null_mut();
    }
    (*(m as *mut moduleobject::PyModuleObject)).md_state
}

/// The module of the first heap type in the MRO whose module was made from `def`.
#[no_mangle]
pub unsafe extern "C" fn PyType_GetModuleByDef(tp: *mut PyTypeObject, def: *mut PyModuleDef) -> *mut PyObject {
    let mro = (*tp).tp_mro;
    if !mro.is_null() {
        for &b in tuple::items(mro) {
            let bt = b as *mut PyTypeObject;
            if !has_feature(bt, Py_TPFLAGS_HEAPTYPE) {
                continue;
            }
            let m = (*(bt as *mut PyHeapTypeObject)).ht_module;
            if !m.is_null() && (*(m as *mut moduleobject::PyModuleObject)).md_def == def {
                return m;
            }
        }
    }
    raise(exc::type_error(), format!("PyType_GetModuleByDef: No superclass of '{}' has the given module", typeobject::full_name(tp)));
    null_mut()
}

// ---- struct sequences ----------------------------------------------------------------------

use crate::rt::objects::structseq::{self, PyStructSequence_Desc};

#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType2(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) -> c_int {
    crate::rt::guard::catch_int(|| structseq::init_type(tp, desc, 0))
}
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_InitType(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) {
    if PyStructSequence_InitType2(tp, desc) < 0 {
        crate::rt::err::clear();
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyStructSequence_InitType(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc, flags: std::ffi::c_ulong) -> c_int {
    crate::rt::guard::catch_int(|| structseq::init_type(tp, desc, flags))
}
unsafe fn new_structseq_type(desc: *mut PyStructSequence_Desc, flags: std::ffi::c_ulong) -> PyResult<Obj> {
    let mut slots: Vec<PyType_Slot> = structseq::slots_for(desc)?
        .into_iter()
        .map(|(slot, pfunc)| PyType_Slot { slot, pfunc })
        .collect();
    slots.push(PyType_Slot { slot: 0, pfunc: null_mut() });
    let mut spec = PyType_Spec {
        name: (*desc).name,
        basicsize: (size_of::<PyTupleObject>() - size_of::<*mut PyObject>()) as c_int,
        itemsize: size_of::<*mut PyObject>() as c_int,
        flags: (Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | flags) as std::ffi::c_uint,
        slots: slots.as_mut_ptr(),
    };
    let base = tuple::pack(&[tuple::tuple_type() as *mut PyObject])?;
    let t = from_spec(null_mut(), &mut spec, base.as_ptr())?;
    structseq::finish_heap_type(t.as_ptr() as *mut PyTypeObject, desc)?;
    Ok(t)
}
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_NewType(desc: *mut PyStructSequence_Desc) -> *mut PyTypeObject {
    catch_obj(|| new_structseq_type(desc, 0)) as *mut PyTypeObject
}
#[no_mangle]
pub unsafe extern "C" fn _PyStructSequence_NewType(desc: *mut PyStructSequence_Desc, flags: std::ffi::c_ulong) -> *mut PyTypeObject {
    catch_obj(|| new_structseq_type(desc, flags)) as *mut PyTypeObject
}
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_New(tp: *mut PyTypeObject) -> *mut PyObject {
    catch_obj(|| structseq::new(tp))
}
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_SetItem(op: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) {
    let slot = tuple::items_ptr(op).offset(i);
    let old = *slot;
    *slot = v;
    xdecref(old);
}
#[no_mangle]
pub unsafe extern "C" fn PyStructSequence_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    *tuple::items_ptr(op).offset(i)
}
