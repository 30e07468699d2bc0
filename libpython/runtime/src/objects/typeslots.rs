//! The slot table (CPython's `slotdefs`): which dunder name goes with which C slot.
//! It is used both ways:
//! - `add_operators`: a type's C slots appear in its `__dict__` as slot wrappers
//!   (`int.__add__` is a `wrapper_descriptor` around `nb_add`);
//! - `fixup_slot_dispatchers`: a class whose dict defines `__add__` gets `nb_add` set to a
//!   dispatcher that looks the method up and calls it.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject;
use crate::objects::typeobject::{self, has_feature, full_name};
use crate::objects::{boolobject, dictobject as dict, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

pub const PyWrapperFlag_KEYWORDS: c_int = 1;

type Getter = unsafe fn(*mut PyTypeObject) -> *mut c_void;
type Setter = unsafe fn(*mut PyTypeObject, *mut c_void);

pub struct SlotDef {
    pub name: &'static CStr,
    pub get: Getter,
    pub set: Setter,
    pub wrapper: wrapperfunc,
    pub dispatcher: *mut c_void,
    pub flags: c_int,
    pub doc: &'static CStr,
}

// Safety: the table is immutable and holds only pointers to code and static strings.
unsafe impl Sync for SlotDef {}
unsafe impl Send for SlotDef {}

macro_rules! tp_field {
    ($field:ident) => {
        (
            (|t: *mut PyTypeObject| unsafe { std::mem::transmute::<_, *mut c_void>((*t).$field) }) as Getter,
            (|t: *mut PyTypeObject, p: *mut c_void| unsafe { (*t).$field = std::mem::transmute(p) }) as Setter,
        )
    };
}

macro_rules! suite_field {
    ($suite:ident, $field:ident) => {
        (
            (|t: *mut PyTypeObject| unsafe {
                let s = (*t).$suite;
                if s.is_null() { null_mut() } else { std::mem::transmute::<_, *mut c_void>((*s).$field) }
            }) as Getter,
            (|t: *mut PyTypeObject, p: *mut c_void| unsafe {
                let s = (*t).$suite;
                if !s.is_null() {
                    (*s).$field = std::mem::transmute(p);
                }
            }) as Setter,
        )
    };
}

macro_rules! slotdef {
    ($name:expr, $acc:expr, $wrap:expr, $disp:expr, $doc:expr) => {
        slotdef!($name, $acc, $wrap, $disp, 0, $doc)
    };
    ($name:expr, $acc:expr, $wrap:expr, $disp:expr, $flags:expr, $doc:expr) => {{
        let (get, set) = $acc;
        SlotDef {
            name: $name,
            get,
            set,
            wrapper: Some($wrap),
            dispatcher: $disp as *mut c_void,
            flags: $flags,
            doc: $doc,
        }
    }};
}

/// The table, in CPython's order (which decides which slot wins for shared names).
pub fn slotdefs() -> &'static [SlotDef] {
    static TABLE: std::sync::OnceLock<Vec<SlotDef>> = std::sync::OnceLock::new();
    TABLE.get_or_init(build_slotdefs)
}

fn build_slotdefs() -> Vec<SlotDef> {
    vec![
        slotdef!(c"__repr__", tp_field!(tp_repr), wrap_unaryfunc, slot_tp_repr as *const () as usize, c"Return repr(self)."),
        slotdef!(c"__hash__", tp_field!(tp_hash), wrap_hashfunc, slot_tp_hash as *const () as usize, c"Return hash(self)."),
        slotdef!(c"__call__", tp_field!(tp_call), kw_wrapper(wrap_call_kw), slot_tp_call as *const () as usize, PyWrapperFlag_KEYWORDS, c"Call self as a function."),
        slotdef!(c"__str__", tp_field!(tp_str), wrap_unaryfunc, slot_tp_str as *const () as usize, c"Return str(self)."),
        slotdef!(c"__getattribute__", tp_field!(tp_getattro), wrap_binaryfunc, slot_tp_getattr_hook as *const () as usize, c"Return getattr(self, name)."),
        slotdef!(c"__getattr__", tp_field!(tp_getattro), wrap_binaryfunc, slot_tp_getattr_hook as *const () as usize, c""),
        slotdef!(c"__setattr__", tp_field!(tp_setattro), wrap_setattr, slot_tp_setattro as *const () as usize, c"Implement setattr(self, name, value)."),
        slotdef!(c"__delattr__", tp_field!(tp_setattro), wrap_delattr, slot_tp_setattro as *const () as usize, c"Implement delattr(self, name)."),
        slotdef!(c"__lt__", tp_field!(tp_richcompare), wrap_richcmp_lt, slot_tp_richcompare as *const () as usize, c"Return self<value."),
        slotdef!(c"__le__", tp_field!(tp_richcompare), wrap_richcmp_le, slot_tp_richcompare as *const () as usize, c"Return self<=value."),
        slotdef!(c"__eq__", tp_field!(tp_richcompare), wrap_richcmp_eq, slot_tp_richcompare as *const () as usize, c"Return self==value."),
        slotdef!(c"__ne__", tp_field!(tp_richcompare), wrap_richcmp_ne, slot_tp_richcompare as *const () as usize, c"Return self!=value."),
        slotdef!(c"__gt__", tp_field!(tp_richcompare), wrap_richcmp_gt, slot_tp_richcompare as *const () as usize, c"Return self>value."),
        slotdef!(c"__ge__", tp_field!(tp_richcompare), wrap_richcmp_ge, slot_tp_richcompare as *const () as usize, c"Return self>=value."),
        slotdef!(c"__iter__", tp_field!(tp_iter), wrap_unaryfunc, slot_tp_iter as *const () as usize, c"Implement iter(self)."),
        slotdef!(c"__next__", tp_field!(tp_iternext), wrap_next, slot_tp_iternext as *const () as usize, c"Implement next(self)."),
        slotdef!(c"__get__", tp_field!(tp_descr_get), wrap_descr_get, slot_tp_descr_get as *const () as usize, c"Return an attribute of instance, which is of type owner."),
        slotdef!(c"__set__", tp_field!(tp_descr_set), wrap_descr_set, slot_tp_descr_set as *const () as usize, c"Set an attribute of instance to value."),
        slotdef!(c"__delete__", tp_field!(tp_descr_set), wrap_descr_delete, slot_tp_descr_set as *const () as usize, c"Delete an attribute of instance."),
        slotdef!(c"__init__", tp_field!(tp_init), kw_wrapper(wrap_init_kw), slot_tp_init as *const () as usize, PyWrapperFlag_KEYWORDS, c"Initialize self.  See help(type(self)) for accurate signature."),
        slotdef!(c"__del__", tp_field!(tp_finalize), wrap_del, slot_tp_finalize as *const () as usize, c"Called when the instance is about to be destroyed."),
        slotdef!(c"__await__", suite_field!(tp_as_async, am_await), wrap_unaryfunc, slot_am_await as *const () as usize, c"Return an iterator to be used in await expression."),
        slotdef!(c"__aiter__", suite_field!(tp_as_async, am_aiter), wrap_unaryfunc, slot_am_aiter as *const () as usize, c"Return an awaitable, that resolves in asynchronous iterator."),
        slotdef!(c"__anext__", suite_field!(tp_as_async, am_anext), wrap_unaryfunc, slot_am_anext as *const () as usize, c"Return a value or raise StopAsyncIteration."),
        slotdef!(c"__add__", suite_field!(tp_as_number, nb_add), wrap_binaryfunc_l, slot_nb_add as *const () as usize, c"Return self+value."),
        slotdef!(c"__radd__", suite_field!(tp_as_number, nb_add), wrap_binaryfunc_r, slot_nb_add as *const () as usize, c"Return value+self."),
        slotdef!(c"__sub__", suite_field!(tp_as_number, nb_subtract), wrap_binaryfunc_l, slot_nb_subtract as *const () as usize, c"Return self-value."),
        slotdef!(c"__rsub__", suite_field!(tp_as_number, nb_subtract), wrap_binaryfunc_r, slot_nb_subtract as *const () as usize, c"Return value-self."),
        slotdef!(c"__mul__", suite_field!(tp_as_number, nb_multiply), wrap_binaryfunc_l, slot_nb_multiply as *const () as usize, c"Return self*value."),
        slotdef!(c"__rmul__", suite_field!(tp_as_number, nb_multiply), wrap_binaryfunc_r, slot_nb_multiply as *const () as usize, c"Return value*self."),
        slotdef!(c"__mod__", suite_field!(tp_as_number, nb_remainder), wrap_binaryfunc_l, slot_nb_remainder as *const () as usize, c"Return self%value."),
        slotdef!(c"__rmod__", suite_field!(tp_as_number, nb_remainder), wrap_binaryfunc_r, slot_nb_remainder as *const () as usize, c"Return value%self."),
        slotdef!(c"__divmod__", suite_field!(tp_as_number, nb_divmod), wrap_binaryfunc_l, slot_nb_divmod as *const () as usize, c"Return divmod(self, value)."),
        slotdef!(c"__rdivmod__", suite_field!(tp_as_number, nb_divmod), wrap_binaryfunc_r, slot_nb_divmod as *const () as usize, c"Return divmod(value, self)."),
        slotdef!(c"__pow__", suite_field!(tp_as_number, nb_power), wrap_ternaryfunc, slot_nb_power as *const () as usize, c"Return pow(self, value, mod)."),
        slotdef!(c"__rpow__", suite_field!(tp_as_number, nb_power), wrap_ternaryfunc_r, slot_nb_power as *const () as usize, c"Return pow(value, self, mod)."),
        slotdef!(c"__neg__", suite_field!(tp_as_number, nb_negative), wrap_unaryfunc, slot_nb_negative as *const () as usize, c"-self"),
        slotdef!(c"__pos__", suite_field!(tp_as_number, nb_positive), wrap_unaryfunc, slot_nb_positive as *const () as usize, c"+self"),
        slotdef!(c"__abs__", suite_field!(tp_as_number, nb_absolute), wrap_unaryfunc, slot_nb_absolute as *const () as usize, c"abs(self)"),
        slotdef!(c"__bool__", suite_field!(tp_as_number, nb_bool), wrap_inquirypred, slot_nb_bool as *const () as usize, c"True if self else False"),
        slotdef!(c"__invert__", suite_field!(tp_as_number, nb_invert), wrap_unaryfunc, slot_nb_invert as *const () as usize, c"~self"),
        slotdef!(c"__lshift__", suite_field!(tp_as_number, nb_lshift), wrap_binaryfunc_l, slot_nb_lshift as *const () as usize, c"Return self<<value."),
        slotdef!(c"__rlshift__", suite_field!(tp_as_number, nb_lshift), wrap_binaryfunc_r, slot_nb_lshift as *const () as usize, c"Return value<<self."),
        slotdef!(c"__rshift__", suite_field!(tp_as_number, nb_rshift), wrap_binaryfunc_l, slot_nb_rshift as *const () as usize, c"Return self>>value."),
        slotdef!(c"__rrshift__", suite_field!(tp_as_number, nb_rshift), wrap_binaryfunc_r, slot_nb_rshift as *const () as usize, c"Return value>>self."),
        slotdef!(c"__and__", suite_field!(tp_as_number, nb_and), wrap_binaryfunc_l, slot_nb_and as *const () as usize, c"Return self&value."),
        slotdef!(c"__rand__", suite_field!(tp_as_number, nb_and), wrap_binaryfunc_r, slot_nb_and as *const () as usize, c"Return value&self."),
        slotdef!(c"__xor__", suite_field!(tp_as_number, nb_xor), wrap_binaryfunc_l, slot_nb_xor as *const () as usize, c"Return self^value."),
        slotdef!(c"__rxor__", suite_field!(tp_as_number, nb_xor), wrap_binaryfunc_r, slot_nb_xor as *const () as usize, c"Return value^self."),
        slotdef!(c"__or__", suite_field!(tp_as_number, nb_or), wrap_binaryfunc_l, slot_nb_or as *const () as usize, c"Return self|value."),
        slotdef!(c"__ror__", suite_field!(tp_as_number, nb_or), wrap_binaryfunc_r, slot_nb_or as *const () as usize, c"Return value|self."),
        slotdef!(c"__int__", suite_field!(tp_as_number, nb_int), wrap_unaryfunc, slot_nb_int as *const () as usize, c"int(self)"),
        slotdef!(c"__float__", suite_field!(tp_as_number, nb_float), wrap_unaryfunc, slot_nb_float as *const () as usize, c"float(self)"),
        slotdef!(c"__iadd__", suite_field!(tp_as_number, nb_inplace_add), wrap_binaryfunc, slot_nb_inplace_add as *const () as usize, c"Return self+=value."),
        slotdef!(c"__isub__", suite_field!(tp_as_number, nb_inplace_subtract), wrap_binaryfunc, slot_nb_inplace_subtract as *const () as usize, c"Return self-=value."),
        slotdef!(c"__imul__", suite_field!(tp_as_number, nb_inplace_multiply), wrap_binaryfunc, slot_nb_inplace_multiply as *const () as usize, c"Return self*=value."),
        slotdef!(c"__imod__", suite_field!(tp_as_number, nb_inplace_remainder), wrap_binaryfunc, slot_nb_inplace_remainder as *const () as usize, c"Return self%=value."),
        slotdef!(c"__ipow__", suite_field!(tp_as_number, nb_inplace_power), wrap_ternaryfunc, slot_nb_inplace_power as *const () as usize, c"Return self**=value."),
        slotdef!(c"__ilshift__", suite_field!(tp_as_number, nb_inplace_lshift), wrap_binaryfunc, slot_nb_inplace_lshift as *const () as usize, c"Return self<<=value."),
        slotdef!(c"__irshift__", suite_field!(tp_as_number, nb_inplace_rshift), wrap_binaryfunc, slot_nb_inplace_rshift as *const () as usize, c"Return self>>=value."),
        slotdef!(c"__iand__", suite_field!(tp_as_number, nb_inplace_and), wrap_binaryfunc, slot_nb_inplace_and as *const () as usize, c"Return self&=value."),
        slotdef!(c"__ixor__", suite_field!(tp_as_number, nb_inplace_xor), wrap_binaryfunc, slot_nb_inplace_xor as *const () as usize, c"Return self^=value."),
        slotdef!(c"__ior__", suite_field!(tp_as_number, nb_inplace_or), wrap_binaryfunc, slot_nb_inplace_or as *const () as usize, c"Return self|=value."),
        slotdef!(c"__floordiv__", suite_field!(tp_as_number, nb_floor_divide), wrap_binaryfunc_l, slot_nb_floor_divide as *const () as usize, c"Return self//value."),
        slotdef!(c"__rfloordiv__", suite_field!(tp_as_number, nb_floor_divide), wrap_binaryfunc_r, slot_nb_floor_divide as *const () as usize, c"Return value//self."),
        slotdef!(c"__truediv__", suite_field!(tp_as_number, nb_true_divide), wrap_binaryfunc_l, slot_nb_true_divide as *const () as usize, c"Return self/value."),
        slotdef!(c"__rtruediv__", suite_field!(tp_as_number, nb_true_divide), wrap_binaryfunc_r, slot_nb_true_divide as *const () as usize, c"Return value/self."),
        slotdef!(c"__ifloordiv__", suite_field!(tp_as_number, nb_inplace_floor_divide), wrap_binaryfunc, slot_nb_inplace_floor_divide as *const () as usize, c"Return self//=value."),
        slotdef!(c"__itruediv__", suite_field!(tp_as_number, nb_inplace_true_divide), wrap_binaryfunc, slot_nb_inplace_true_divide as *const () as usize, c"Return self/=value."),
        slotdef!(c"__index__", suite_field!(tp_as_number, nb_index), wrap_unaryfunc, slot_nb_index as *const () as usize, c"Return self converted to an integer, if self is suitable for use as an index into a list."),
        slotdef!(c"__matmul__", suite_field!(tp_as_number, nb_matrix_multiply), wrap_binaryfunc_l, slot_nb_matrix_multiply as *const () as usize, c"Return self@value."),
        slotdef!(c"__rmatmul__", suite_field!(tp_as_number, nb_matrix_multiply), wrap_binaryfunc_r, slot_nb_matrix_multiply as *const () as usize, c"Return value@self."),
        slotdef!(c"__imatmul__", suite_field!(tp_as_number, nb_inplace_matrix_multiply), wrap_binaryfunc, slot_nb_inplace_matrix_multiply as *const () as usize, c"Return self@=value."),
        slotdef!(c"__len__", suite_field!(tp_as_mapping, mp_length), wrap_lenfunc, slot_sq_length as *const () as usize, c"Return len(self)."),
        slotdef!(c"__getitem__", suite_field!(tp_as_mapping, mp_subscript), wrap_binaryfunc, slot_mp_subscript as *const () as usize, c"Return self[key]."),
        slotdef!(c"__setitem__", suite_field!(tp_as_mapping, mp_ass_subscript), wrap_objobjargproc, slot_mp_ass_subscript as *const () as usize, c"Set self[key] to value."),
        slotdef!(c"__delitem__", suite_field!(tp_as_mapping, mp_ass_subscript), wrap_delitem, slot_mp_ass_subscript as *const () as usize, c"Delete self[key]."),
        slotdef!(c"__len__", suite_field!(tp_as_sequence, sq_length), wrap_lenfunc, slot_sq_length as *const () as usize, c"Return len(self)."),
        slotdef!(c"__add__", suite_field!(tp_as_sequence, sq_concat), wrap_binaryfunc, 0usize, c"Return self+value."),
        slotdef!(c"__mul__", suite_field!(tp_as_sequence, sq_repeat), wrap_indexargfunc, 0usize, c"Return self*value."),
        slotdef!(c"__rmul__", suite_field!(tp_as_sequence, sq_repeat), wrap_indexargfunc, 0usize, c"Return value*self."),
        slotdef!(c"__getitem__", suite_field!(tp_as_sequence, sq_item), wrap_sq_item, slot_sq_item as *const () as usize, c"Return self[key]."),
        slotdef!(c"__setitem__", suite_field!(tp_as_sequence, sq_ass_item), wrap_sq_setitem, slot_sq_ass_item as *const () as usize, c"Set self[key] to value."),
        slotdef!(c"__delitem__", suite_field!(tp_as_sequence, sq_ass_item), wrap_sq_delitem, slot_sq_ass_item as *const () as usize, c"Delete self[key]."),
        slotdef!(c"__contains__", suite_field!(tp_as_sequence, sq_contains), wrap_objobjproc, slot_sq_contains as *const () as usize, c"Return key in self."),
        slotdef!(c"__iadd__", suite_field!(tp_as_sequence, sq_inplace_concat), wrap_binaryfunc, 0usize, c"Implement self+=value."),
        slotdef!(c"__imul__", suite_field!(tp_as_sequence, sq_inplace_repeat), wrap_indexargfunc, 0usize, c"Implement self*=value."),
    ]
}

/// One `wrapperbase` per slotdef, made once; slot wrappers point into it (`d_base`).
fn wrapperbases() -> &'static [wrapperbase] {
    struct Bases(Vec<wrapperbase>);
    // Safety: built once, never mutated afterwards; holds pointers to static data only.
    unsafe impl Sync for Bases {}
    unsafe impl Send for Bases {}
    static BASES: std::sync::OnceLock<Bases> = std::sync::OnceLock::new();
    &BASES
        .get_or_init(|| {
            Bases(
                slotdefs()
                    .iter()
                    .map(|s| wrapperbase {
                        name: s.name.as_ptr(),
                        offset: 0,
                        function: null_mut(),
                        wrapper: s.wrapper,
                        doc: s.doc.as_ptr(),
                        flags: s.flags,
                        name_strobj: null_mut(),
                    })
                    .collect(),
            )
        })
        .0
}

/// Adds a slot wrapper to `tp.__dict__` for each C slot `tp` defines itself, plus `__new__`.
pub unsafe fn add_operators(tp: *mut PyTypeObject) -> PyResult<()> {
    let d = (*tp).tp_dict;
    // As CPython: `__new__` comes first in the dict, then the wrappers in slot order.
    if (*tp).tp_new.is_some() {
        add_tp_new_wrapper(tp)?;
    }
    let bases = wrapperbases();
    for (i, s) in slotdefs().iter().enumerate() {
        let f = (s.get)(tp);
        if f.is_null() {
            continue;
        }
        let name = str_::intern(s.name.to_str().unwrap_or("?"))?;
        if !dict::get_item_str_known_hash(d, name).is_null() {
            continue;
        }
        if f == crate::protocol::object::hash_not_implemented as *mut c_void {
            dict::set_item(d, name, noneobject::none())?;
            continue;
        }
        // __getattr__ has no C slot of its own; only __getattribute__ wraps tp_getattro.
        if s.name == c"__getattr__" {
            continue;
        }
        let w = descrobject::new_wrapper(tp, &bases[i] as *const wrapperbase as *mut wrapperbase, f)?;
        dict::set_item(d, name, w.as_ptr())?;
    }
    Ok(())
}

static mut TP_NEW_METHODDEF: PyMethodDef = PyMethodDef {
    ml_name: c"__new__".as_ptr(),
    ml_meth: Some(unsafe { std::mem::transmute::<_, unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(tp_new_wrapper as unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject) }),
    ml_flags: METH_VARARGS | METH_KEYWORDS,
    ml_doc: c"Create and return a new object.  See help(type) for accurate signature.".as_ptr(),
};

unsafe fn add_tp_new_wrapper(tp: *mut PyTypeObject) -> PyResult<()> {
    let name = str_::intern("__new__")?;
    if !dict::get_item_str_known_hash((*tp).tp_dict, name).is_null() {
        return Ok(());
    }
    let f = crate::objects::methodobject::new_cfunction(&raw mut TP_NEW_METHODDEF, tp as *mut PyObject, null_mut())?;
    dict::set_item((*tp).tp_dict, name, f.as_ptr())
}

/// `T.__new__(S, ...)`: checks S is a subtype of T and that T's tp_new is safe for S.
unsafe extern "C" fn tp_new_wrapper(self_: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = self_ as *mut PyTypeObject;
        if size_of_var(args) < 1 {
            return Err(raise(exc::type_error(), format!("{}.__new__(): not enough arguments", full_name(tp))));
        }
        let arg0 = tuple::get_item(args, 0);
        if !typeobject::is_type(arg0) {
            return Err(raise(
                exc::type_error(),
                format!("{}.__new__(X): X is not a type object ({})", full_name(tp), full_name(type_of(arg0))),
            ));
        }
        let sub = arg0 as *mut PyTypeObject;
        if !typeobject::is_subtype(sub, tp) {
            return Err(raise(
                exc::type_error(),
                format!("{}.__new__({}): {} is not a subtype of {}", full_name(tp), full_name(sub), full_name(sub), full_name(tp)),
            ));
        }
        // Refuse unsafe uses such as object.__new__(dict): the most derived static base of
        // the subtype must be allocated by this very `tp_new`.
        let mut static_base = sub;
        while !static_base.is_null() && (*static_base).tp_new.map(|f| f as usize) == Some(slot_tp_new as *const () as usize) {
            static_base = (*static_base).tp_base;
        }
        if !static_base.is_null() && (*static_base).tp_new.map(|f| f as usize) != (*tp).tp_new.map(|f| f as usize) {
            return Err(raise(
                exc::type_error(),
                format!("{}.__new__({}) is not safe, use {}.__new__()", full_name(tp), full_name(sub), full_name(static_base)),
            ));
        }
        let Some(new) = (*tp).tp_new else {
            return Err(raise(exc::type_error(), format!("cannot create '{}' instances", full_name(tp))));
        };
        let rest = tuple::from_slice(&tuple::items(args)[1..])?;
        Obj::from_owned(new(sub, rest.as_ptr(), kwds))
    })
}

/// Sets the slots of a heap type from the dunder methods visible along its MRO.
pub unsafe fn fixup_slot_dispatchers(tp: *mut PyTypeObject) {
    for s in slotdefs() {
        update_one_slot(tp, s);
    }
}

/// After `cls.name = value` on a heap type: recompute the slots that use `name`.
pub unsafe fn update_slot(tp: *mut PyTypeObject, name: *mut PyObject) {
    if !has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        return;
    }
    for s in slotdefs() {
        if str_::eq_str(name, s.name.to_str().unwrap_or("")) {
            update_one_slot(tp, s);
        }
    }
}

unsafe fn update_one_slot(tp: *mut PyTypeObject, s: &SlotDef) {
    if s.dispatcher.is_null() {
        return;
    }
    let Ok(name) = str_::intern(s.name.to_str().unwrap_or("")) else {
        err::clear();
        return;
    };
    let descr = typeobject::lookup(tp, name);
    if descr.is_null() {
        // Another name may share the slot (__getattr__/__getattribute__, __set__/__delete__,
        // __radd__/__add__...): keep a dispatcher if any sibling name is defined.
        if !sibling_defined(tp, s) {
            if (s.get)(tp) == s.dispatcher {
                (s.set)(tp, null_mut());
                inherit_from_base(tp, s);
            }
        }
        return;
    }
    if s.name == c"__hash__" && noneobject::is_none(descr) {
        (s.set)(tp, crate::protocol::object::hash_not_implemented as *mut c_void);
        return;
    }
    if descrobject::is_wrapper_descr(descr) {
        let w = descr as *mut PyWrapperDescrObject;
        if (*(*w).d_base).wrapper.map(|f| f as usize) == s.wrapper.map(|f| f as usize)
            && typeobject::is_subtype(tp, (*(w as *mut PyDescrObject)).d_type)
            && !sibling_defined_as_python(tp, s)
        {
            (s.set)(tp, (*w).d_wrapped);
            return;
        }
    }
    (s.set)(tp, s.dispatcher);
}

unsafe fn sibling_defined(tp: *mut PyTypeObject, s: &SlotDef) -> bool {
    slotdefs().iter().any(|o| {
        o.dispatcher == s.dispatcher
            && o.name != s.name
            && str_::intern(o.name.to_str().unwrap_or("")).map(|n| !typeobject::lookup(tp, n).is_null()).unwrap_or(false)
    })
}

unsafe fn sibling_defined_as_python(tp: *mut PyTypeObject, s: &SlotDef) -> bool {
    slotdefs().iter().any(|o| {
        o.dispatcher == s.dispatcher
            && o.name != s.name
            && str_::intern(o.name.to_str().unwrap_or(""))
                .map(|n| {
                    let d = typeobject::lookup(tp, n);
                    !d.is_null() && !descrobject::is_wrapper_descr(d)
                })
                .unwrap_or(false)
    })
}

unsafe fn inherit_from_base(tp: *mut PyTypeObject, s: &SlotDef) {
    let base = (*tp).tp_base;
    if !base.is_null() {
        (s.set)(tp, (s.get)(base));
    }
}

// ---- wrappers: C slot called from Python ---------------------------------------------------

unsafe fn args_exact(args: *mut PyObject, n: isize) -> PyResult<()> {
    let got = size_of_var(args);
    if got != n {
        return Err(raise(exc::type_error(), format!("expected {n} argument{}, got {got}", if n == 1 { "" } else { "s" })));
    }
    Ok(())
}

unsafe extern "C" fn wrap_unaryfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(self_)
}

unsafe extern "C" fn wrap_binaryfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(self_, tuple::get_item(args, 0))
}

unsafe extern "C" fn wrap_binaryfunc_l(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    wrap_binaryfunc(self_, args, f)
}

unsafe extern "C" fn wrap_binaryfunc_r(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(tuple::get_item(args, 0), self_)
}

unsafe fn ternary_args(args: *mut PyObject) -> PyResult<(*mut PyObject, *mut PyObject)> {
    let n = size_of_var(args);
    if !(1..=2).contains(&n) {
        return Err(raise(exc::type_error(), format!("expected 1 or 2 arguments, got {n}")));
    }
    let third = if n == 2 { tuple::get_item(args, 1) } else { noneobject::none() };
    Ok((tuple::get_item(args, 0), third))
}

unsafe extern "C" fn wrap_ternaryfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    let Ok((other, third)) = ternary_args(args) else { return null_mut() };
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(self_, other, third)
}

unsafe extern "C" fn wrap_ternaryfunc_r(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    let Ok((other, third)) = ternary_args(args) else { return null_mut() };
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(other, self_, third)
}

unsafe extern "C" fn wrap_inquirypred(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) -> c_int = std::mem::transmute(f);
    let r = f(self_);
    if r < 0 {
        return null_mut();
    }
    boolobject::new_bool(r != 0)
}

unsafe extern "C" fn wrap_lenfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) -> Py_ssize_t = std::mem::transmute(f);
    let r = f(self_);
    if r < 0 && !err::occurred().is_null() {
        return null_mut();
    }
    long::from_i64(r as i64).into_ptr()
}

unsafe extern "C" fn wrap_hashfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) -> Py_hash_t = std::mem::transmute(f);
    let r = f(self_);
    if r == -1 && !err::occurred().is_null() {
        return null_mut();
    }
    long::from_i64(r as i64).into_ptr()
}

/// A keyword-taking wrapper stored in the `wrapperfunc` field: slots flagged
/// PyWrapperFlag_KEYWORDS are called with this four-argument signature (`call_wrapper` in
/// descrobject.rs), as CPython's `wrapperfunc_kwds`.
fn kw_wrapper(f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut c_void, *mut PyObject) -> *mut PyObject) -> unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut c_void) -> *mut PyObject {
    // Safety: only ever called back through its real signature (see above).
    unsafe { std::mem::transmute(f as *const ()) }
}

unsafe extern "C" fn wrap_call_kw(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void, kwds: *mut PyObject) -> *mut PyObject {
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(self_, args, kwds)
}

unsafe fn richcmp(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void, op: c_int) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, c_int) -> *mut PyObject = std::mem::transmute(f);
    f(self_, tuple::get_item(args, 0), op)
}

unsafe extern "C" fn wrap_richcmp_lt(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_LT)
}
unsafe extern "C" fn wrap_richcmp_le(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_LE)
}
unsafe extern "C" fn wrap_richcmp_eq(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_EQ)
}
unsafe extern "C" fn wrap_richcmp_ne(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_NE)
}
unsafe extern "C" fn wrap_richcmp_gt(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_GT)
}
unsafe extern "C" fn wrap_richcmp_ge(s: *mut PyObject, a: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    richcmp(s, a, f, Py_GE)
}

unsafe fn int_result(r: c_int) -> *mut PyObject {
    if r < 0 {
        null_mut()
    } else {
        noneobject::new_none()
    }
}

unsafe extern "C" fn wrap_setattr(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 2).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), tuple::get_item(args, 1)))
}

unsafe extern "C" fn wrap_delattr(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), null_mut()))
}

unsafe extern "C" fn wrap_next(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    let r = f(self_);
    if r.is_null() && err::occurred().is_null() {
        err::set_object(exc::stop_iteration(), null_mut());
    }
    r
}

unsafe extern "C" fn wrap_descr_get(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    let n = size_of_var(args);
    if !(1..=2).contains(&n) {
        raise(exc::type_error(), format!("expected 1 or 2 arguments, got {n}"));
        return null_mut();
    }
    let mut obj = tuple::get_item(args, 0);
    let mut tp = if n == 2 { tuple::get_item(args, 1) } else { null_mut() };
    if noneobject::is_none(obj) {
        obj = null_mut();
    }
    if !tp.is_null() && noneobject::is_none(tp) {
        tp = null_mut();
    }
    if obj.is_null() && tp.is_null() {
        raise(exc::type_error(), "__get__(None, None) is invalid");
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject = std::mem::transmute(f);
    f(self_, obj, tp)
}

unsafe extern "C" fn wrap_descr_set(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 2).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), tuple::get_item(args, 1)))
}

unsafe extern "C" fn wrap_descr_delete(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), null_mut()))
}

unsafe extern "C" fn wrap_init_kw(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void, kwds: *mut PyObject) -> *mut PyObject {
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, args, kwds))
}

unsafe extern "C" fn wrap_del(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 0).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject) = std::mem::transmute(f);
    f(self_);
    noneobject::new_none()
}

unsafe fn index_arg(self_: *mut PyObject, arg: *mut PyObject) -> PyResult<Py_ssize_t> {
    let mut i = crate::protocol::number::as_ssize_t_exc(arg, exc::overflow_error())?;
    if i < 0 {
        let sq = (*type_of(self_)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(l) = (*sq).sq_length {
                let n = l(self_);
                if n < 0 {
                    return Err(err::ErrSet::assume_set());
                }
                i += n;
            }
        }
    }
    Ok(i)
}

unsafe extern "C" fn wrap_sq_item(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let Ok(i) = index_arg(self_, tuple::get_item(args, 0)) else { return null_mut() };
    let f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject = std::mem::transmute(f);
    f(self_, i)
}

unsafe extern "C" fn wrap_sq_setitem(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 2).is_err() {
        return null_mut();
    }
    let Ok(i) = index_arg(self_, tuple::get_item(args, 0)) else { return null_mut() };
    let f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, i, tuple::get_item(args, 1)))
}

unsafe extern "C" fn wrap_sq_delitem(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let Ok(i) = index_arg(self_, tuple::get_item(args, 0)) else { return null_mut() };
    let f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, i, null_mut()))
}

unsafe extern "C" fn wrap_indexargfunc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let Ok(i) = crate::protocol::number::as_ssize_t_exc(tuple::get_item(args, 0), exc::overflow_error()) else {
        return null_mut();
    };
    let f: unsafe extern "C" fn(*mut PyObject, Py_ssize_t) -> *mut PyObject = std::mem::transmute(f);
    f(self_, i)
}

unsafe extern "C" fn wrap_objobjargproc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 2).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), tuple::get_item(args, 1)))
}

unsafe extern "C" fn wrap_delitem(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    int_result(f(self_, tuple::get_item(args, 0), null_mut()))
}

unsafe extern "C" fn wrap_objobjproc(self_: *mut PyObject, args: *mut PyObject, f: *mut c_void) -> *mut PyObject {
    if args_exact(args, 1).is_err() {
        return null_mut();
    }
    let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> c_int = std::mem::transmute(f);
    let r = f(self_, tuple::get_item(args, 0));
    if r < 0 {
        return null_mut();
    }
    boolobject::new_bool(r != 0)
}

// ---- dispatchers: Python method called from a C slot ---------------------------------------

/// Looks `name` up on the type of `self_` (special-method lookup skips the instance) and
/// binds it. Ok(None) when absent.
pub unsafe fn lookup_special(self_: *mut PyObject, name: &str) -> PyResult<Option<Obj>> {
    let f = typeobject::lookup_str(type_of(self_), name);
    if f.is_null() {
        return Ok(None);
    }
    let f = Obj::from_borrowed(f);
    match (*f.type_ptr()).tp_descr_get {
        Some(g) => Obj::from_owned(g(f.as_ptr(), self_, type_of(self_) as *mut PyObject)).map(Some),
        None => Ok(Some(f)),
    }
}

unsafe fn call_special(self_: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    match lookup_special(self_, name)? {
        Some(m) => call::vectorcall(m.as_ptr(), args, null_mut()),
        None => Err(raise(exc::attribute_error(), name.to_owned())),
    }
}

/// Like `call_special` but NotImplemented when the method is missing.
unsafe fn call_special_maybe(self_: *mut PyObject, name: &str, args: &[*mut PyObject]) -> PyResult<Obj> {
    match lookup_special(self_, name)? {
        Some(m) => call::vectorcall(m.as_ptr(), args, null_mut()),
        None => Ok(Obj::from_borrowed(noneobject::not_implemented())),
    }
}

unsafe extern "C" fn slot_tp_repr(s: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match lookup_special(s, "__repr__")? {
        Some(m) => call::vectorcall(m.as_ptr(), &[], null_mut()),
        None => str_::from_str(&format!("<{} object at {s:p}>", full_name(type_of(s)))),
    })
}

unsafe extern "C" fn slot_tp_str(s: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| call_special(s, "__str__", &[]))
}

unsafe extern "C" fn slot_tp_hash(s: *mut PyObject) -> Py_hash_t {
    let r = crate::guard::catch(Err(err::ErrSet::assume_set()), || -> PyResult<Py_hash_t> {
        let f = typeobject::lookup_str(type_of(s), "__hash__");
        if f.is_null() || noneobject::is_none(f) {
            return Err(raise(exc::type_error(), format!("unhashable type: '{}'", full_name(type_of(s)))));
        }
        let r = call_special(s, "__hash__", &[])?;
        if !long::check(r.as_ptr()) {
            return Err(raise(exc::type_error(), "__hash__ method should return an integer"));
        }
        // Big results are reduced the way int's hash reduces them.
        let h = match long::as_i64(r.as_ptr()) {
            Some(v) if v != -1 => v as Py_hash_t,
            _ => long::hash(r.as_ptr()),
        };
        Ok(h)
    });
    r.unwrap_or(-1)
}

unsafe extern "C" fn slot_tp_call(s: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match lookup_special(s, "__call__")? {
        Some(m) => call::call(m.as_ptr(), args, kwds),
        None => Err(raise(exc::type_error(), format!("'{}' object is not callable", full_name(type_of(s))))),
    })
}

/// `__getattribute__` (or the generic lookup), then `__getattr__` on AttributeError.
unsafe extern "C" fn slot_tp_getattr_hook(s: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = type_of(s);
        let getattribute = typeobject::lookup_str(tp, "__getattribute__");
        let r = if getattribute.is_null()
            || (descrobject::is_wrapper_descr(getattribute)
                && (*(getattribute as *mut PyWrapperDescrObject)).d_wrapped
                    == crate::protocol::object::PyObject_GenericGetAttr as *mut c_void)
        {
            Obj::from_owned(crate::protocol::object::PyObject_GenericGetAttr(s, name))
        } else {
            call_special(s, "__getattribute__", &[name])
        };
        match r {
            Ok(v) => Ok(v),
            Err(e) => {
                let getattr = typeobject::lookup_str(tp, "__getattr__");
                if getattr.is_null() || !err::exception_matches(exc::attribute_error()) {
                    return Err(e);
                }
                err::clear();
                call_special(s, "__getattr__", &[name])
            }
        }
    })
}

unsafe extern "C" fn slot_tp_setattro(s: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if v.is_null() {
            call_special(s, "__delattr__", &[name])?;
        } else {
            call_special(s, "__setattr__", &[name, v])?;
        }
        Ok(())
    })
}

const RICHCMP_NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

unsafe extern "C" fn slot_tp_richcompare(s: *mut PyObject, other: *mut PyObject, op: c_int) -> *mut PyObject {
    crate::guard::catch_obj(|| call_special_maybe(s, RICHCMP_NAMES[op as usize], &[other]))
}

unsafe extern "C" fn slot_tp_iter(s: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = typeobject::lookup_str(type_of(s), "__iter__");
        if !f.is_null() && noneobject::is_none(f) {
            return Err(raise(exc::type_error(), format!("'{}' object is not iterable", full_name(type_of(s)))));
        }
        if f.is_null() {
            if !typeobject::lookup_str(type_of(s), "__getitem__").is_null() {
                return crate::objects::iterobject::new_seq_iter(s);
            }
            return Err(raise(exc::type_error(), format!("'{}' object is not iterable", full_name(type_of(s)))));
        }
        call_special(s, "__iter__", &[])
    })
}

unsafe extern "C" fn slot_tp_iternext(s: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| call_special(s, "__next__", &[]))
}

unsafe extern "C" fn slot_tp_descr_get(s: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = typeobject::lookup_str(type_of(s), "__get__");
        if f.is_null() {
            return Ok(Obj::from_borrowed(s));
        }
        let obj = if obj.is_null() { noneobject::none() } else { obj };
        let tp = if tp.is_null() { noneobject::none() } else { tp };
        call::vectorcall(f, &[s, obj, tp], null_mut())
    })
}

unsafe extern "C" fn slot_tp_descr_set(s: *mut PyObject, obj: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if v.is_null() {
            call_special(s, "__delete__", &[obj])?;
        } else {
            call_special(s, "__set__", &[obj, v])?;
        }
        Ok(())
    })
}

unsafe extern "C" fn slot_tp_init(s: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let m = lookup_special(s, "__init__")?.ok_or_else(|| raise(exc::attribute_error(), "__init__"))?;
        let r = call::call(m.as_ptr(), args, kwds)?;
        if !noneobject::is_none(r.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("__init__() should return None, not '{}'", full_name(r.type_ptr())),
            ));
        }
        Ok(())
    })
}

/// `tp_new` of classes that define `__new__`: calls it as a static method with the type first.
pub unsafe extern "C" fn slot_tp_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = crate::protocol::object::getattr_str(tp as *mut PyObject, "__new__")?;
        let mut all = vec![tp as *mut PyObject];
        all.extend_from_slice(tuple::items(args));
        let t = tuple::from_slice(&all)?;
        call::call(f.as_ptr(), t.as_ptr(), kwds)
    })
}

unsafe extern "C" fn slot_tp_finalize(s: *mut PyObject) {
    let saved = err::fetch();
    if call_special(s, "__del__", &[]).is_err() {
        // CPython names the `__del__` function, not the instance.
        let del = str_::intern("__del__").map(|n| crate::objects::typeobject::lookup(type_of(s), n)).unwrap_or(null_mut());
        crate::report::write_unraisable("Exception ignored in", if del.is_null() { s } else { del });
    }
    err::restore(saved.0, saved.1, saved.2);
}

macro_rules! unary_dispatch {
    ($($f:ident => $name:expr),* $(,)?) => {
        $( unsafe extern "C" fn $f(s: *mut PyObject) -> *mut PyObject {
            crate::guard::catch_obj(|| call_special(s, $name, &[]))
        } )*
    };
}

unary_dispatch! {
    slot_nb_negative => "__neg__", slot_nb_positive => "__pos__", slot_nb_absolute => "__abs__",
    slot_nb_invert => "__invert__", slot_nb_int => "__int__", slot_nb_float => "__float__",
    slot_nb_index => "__index__", slot_am_await => "__await__", slot_am_aiter => "__aiter__",
    slot_am_anext => "__anext__",
}

/// Does `tp` define `name` somewhere other than as a C slot wrapper, i.e. overload it?
unsafe fn defines(tp: *mut PyTypeObject, name: &str) -> bool {
    !typeobject::lookup_str(tp, name).is_null()
}

/// CPython's SLOT1BINFULL: `self op other` tries `self.__op__`, then `other.__rop__`, with a
/// subclass's reflected method first.
unsafe fn binary_dispatch(s: *mut PyObject, o: *mut PyObject, slot: *mut c_void, get: Getter, op: &str, rop: &str) -> PyResult<Obj> {
    let (ts, to) = (type_of(s), type_of(o));
    let do_other = ts != to && (get)(to) == slot && defines(to, rop);
    if (get)(ts) == slot && defines(ts, op) {
        if do_other && typeobject::is_subtype(to, ts) {
            let r = call_special_maybe(o, rop, &[s])?;
            if r.as_ptr() != noneobject::not_implemented() {
                return Ok(r);
            }
            let r = call_special_maybe(s, op, &[o])?;
            return Ok(r);
        }
        let r = call_special_maybe(s, op, &[o])?;
        if r.as_ptr() != noneobject::not_implemented() || ts == to {
            return Ok(r);
        }
    }
    if do_other {
        return call_special_maybe(o, rop, &[s]);
    }
    Ok(Obj::from_borrowed(noneobject::not_implemented()))
}

macro_rules! binary_dispatch_fns {
    ($($f:ident, $field:ident, $op:expr, $rop:expr;)*) => {
        $( unsafe extern "C" fn $f(s: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
            let (get, _) = suite_field!(tp_as_number, $field);
            crate::guard::catch_obj(|| binary_dispatch(s, o, $f as *mut c_void, get, $op, $rop))
        } )*
    };
}

binary_dispatch_fns! {
    slot_nb_add, nb_add, "__add__", "__radd__";
    slot_nb_subtract, nb_subtract, "__sub__", "__rsub__";
    slot_nb_multiply, nb_multiply, "__mul__", "__rmul__";
    slot_nb_remainder, nb_remainder, "__mod__", "__rmod__";
    slot_nb_divmod, nb_divmod, "__divmod__", "__rdivmod__";
    slot_nb_lshift, nb_lshift, "__lshift__", "__rlshift__";
    slot_nb_rshift, nb_rshift, "__rshift__", "__rrshift__";
    slot_nb_and, nb_and, "__and__", "__rand__";
    slot_nb_xor, nb_xor, "__xor__", "__rxor__";
    slot_nb_or, nb_or, "__or__", "__ror__";
    slot_nb_floor_divide, nb_floor_divide, "__floordiv__", "__rfloordiv__";
    slot_nb_true_divide, nb_true_divide, "__truediv__", "__rtruediv__";
    slot_nb_matrix_multiply, nb_matrix_multiply, "__matmul__", "__rmatmul__";
}

macro_rules! inplace_dispatch_fns {
    ($($f:ident => $name:expr),* $(,)?) => {
        $( unsafe extern "C" fn $f(s: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
            crate::guard::catch_obj(|| call_special_maybe(s, $name, &[o]))
        } )*
    };
}

inplace_dispatch_fns! {
    slot_nb_inplace_add => "__iadd__", slot_nb_inplace_subtract => "__isub__",
    slot_nb_inplace_multiply => "__imul__", slot_nb_inplace_remainder => "__imod__",
    slot_nb_inplace_lshift => "__ilshift__", slot_nb_inplace_rshift => "__irshift__",
    slot_nb_inplace_and => "__iand__", slot_nb_inplace_xor => "__ixor__",
    slot_nb_inplace_or => "__ior__", slot_nb_inplace_floor_divide => "__ifloordiv__",
    slot_nb_inplace_true_divide => "__itruediv__", slot_nb_inplace_matrix_multiply => "__imatmul__",
}

unsafe extern "C" fn slot_nb_power(s: *mut PyObject, o: *mut PyObject, m: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if noneobject::is_none(m) {
            let (get, _) = suite_field!(tp_as_number, nb_power);
            let (ts, to) = (type_of(s), type_of(o));
            let slot = slot_nb_power as *mut c_void;
            let do_other = ts != to && (get)(to) == slot && defines(to, "__rpow__");
            if (get)(ts) == slot && defines(ts, "__pow__") {
                let r = call_special_maybe(s, "__pow__", &[o])?;
                if r.as_ptr() != noneobject::not_implemented() || ts == to {
                    return Ok(r);
                }
            }
            if do_other {
                return call_special_maybe(o, "__rpow__", &[s]);
            }
            return Ok(Obj::from_borrowed(noneobject::not_implemented()));
        }
        // Three-argument pow never tries the reflected method.
        if defines(type_of(s), "__pow__") {
            return call_special_maybe(s, "__pow__", &[o, m]);
        }
        Ok(Obj::from_borrowed(noneobject::not_implemented()))
    })
}

unsafe extern "C" fn slot_nb_inplace_power(s: *mut PyObject, o: *mut PyObject, _m: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| call_special_maybe(s, "__ipow__", &[o]))
}

unsafe extern "C" fn slot_nb_bool(s: *mut PyObject) -> c_int {
    let r = crate::guard::catch(Err(err::ErrSet::assume_set()), || -> PyResult<bool> {
        if let Some(m) = lookup_special(s, "__bool__")? {
            let r = call::vectorcall(m.as_ptr(), &[], null_mut())?;
            if !boolobject::check(r.as_ptr()) {
                return Err(raise(
                    exc::type_error(),
                    format!("__bool__ should return bool, returned {}", full_name(r.type_ptr())),
                ));
            }
            return Ok(r.as_ptr() == boolobject::true_());
        }
        if let Some(m) = lookup_special(s, "__len__")? {
            let r = call::vectorcall(m.as_ptr(), &[], null_mut())?;
            return Ok(len_result(r.as_ptr())? != 0);
        }
        Ok(true)
    });
    match r {
        Ok(b) => b as c_int,
        Err(_) => -1,
    }
}

/// Validates what `__len__` returned, with CPython's messages.
unsafe fn len_result(r: *mut PyObject) -> PyResult<Py_ssize_t> {
    let i = crate::protocol::number::index(r).map_err(|e| {
        if err::exception_matches(exc::type_error()) {
            err::clear();
            raise(exc::type_error(), format!("'{}' object cannot be interpreted as an integer", full_name(type_of(r))))
        } else {
            e
        }
    })?;
    if long::is_negative(i.as_ptr()) {
        return Err(raise(exc::value_error(), "__len__() should return >= 0"));
    }
    long::as_i64(i.as_ptr())
        .map(|v| v as Py_ssize_t)
        .ok_or_else(|| raise(exc::overflow_error(), "cannot fit 'int' into an index-sized integer"))
}

unsafe extern "C" fn slot_sq_length(s: *mut PyObject) -> Py_ssize_t {
    let r = crate::guard::catch(Err(err::ErrSet::assume_set()), || -> PyResult<Py_ssize_t> {
        let r = call_special(s, "__len__", &[])?;
        len_result(r.as_ptr())
    });
    r.unwrap_or(-1)
}

unsafe extern "C" fn slot_mp_subscript(s: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| call_special(s, "__getitem__", &[k]))
}

unsafe extern "C" fn slot_sq_item(s: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let k = long::from_i64(i as i64);
        call_special(s, "__getitem__", &[k.as_ptr()])
    })
}

unsafe extern "C" fn slot_mp_ass_subscript(s: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        if v.is_null() {
            call_special(s, "__delitem__", &[k])?;
        } else {
            call_special(s, "__setitem__", &[k, v])?;
        }
        Ok(())
    })
}

unsafe extern "C" fn slot_sq_ass_item(s: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    let k = long::from_i64(i as i64);
    slot_mp_ass_subscript(s, k.as_ptr(), v)
}

unsafe extern "C" fn slot_sq_contains(s: *mut PyObject, v: *mut PyObject) -> c_int {
    let r = crate::guard::catch(Err(err::ErrSet::assume_set()), || -> PyResult<bool> {
        match lookup_special(s, "__contains__")? {
            Some(m) => {
                let r = call::vectorcall(m.as_ptr(), &[v], null_mut())?;
                proto::is_true(r.as_ptr())
            }
            None => {
                // Fall back to iteration, as PySequence_Contains does.
                let it = crate::protocol::iter::get_iter(s)?;
                while let Some(x) = crate::protocol::iter::next(it.as_ptr())? {
                    if proto::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    });
    match r {
        Ok(b) => b as c_int,
        Err(_) => -1,
    }
}
