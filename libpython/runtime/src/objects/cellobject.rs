//! `cell`: a box holding one reference (closures' free variables).

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, GETSET_END};
use crate::objects::{noneobject, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct PyCellObject {
    pub ob_base: PyObject,
    pub ob_ref: *mut PyObject,
}

static mut CELL_GETSET: [PyGetSetDef; 2] = [getset(c"cell_contents", Some(cell_get_contents), Some(cell_set_contents)), GETSET_END];

#[no_mangle]
pub static mut PyCell_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"cell".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyCellObject>() as _,
    tp_dealloc: Some(cell_dealloc),
    tp_repr: Some(cell_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"Create a new cell object.\n\n  contents\n    the contents of the cell. If not specified, the cell will be empty,\n    and \n further attempts to access its cell_contents attribute will\n    raise a ValueError.".as_ptr(),
    tp_traverse: Some(cell_traverse),
    tp_clear: Some(cell_clear),
    tp_richcompare: Some(cell_richcompare),
    tp_getset: (&raw mut CELL_GETSET) as *mut PyGetSetDef,
    tp_new: Some(cell_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyCell_Type
}

/// A new cell holding `v` (borrowed; may be NULL for an empty cell).
pub unsafe fn new(v: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<PyCellObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyCell_Type);
    xincref(v);
    (*(op as *mut PyCellObject)).ob_ref = v;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

#[inline]
pub unsafe fn get(op: *mut PyObject) -> *mut PyObject {
    (*(op as *mut PyCellObject)).ob_ref
}

/// Replaces the contents (borrowed `v`, may be NULL).
pub unsafe fn set(op: *mut PyObject, v: *mut PyObject) {
    xincref(v);
    xsetref(&raw mut (*(op as *mut PyCellObject)).ob_ref, v);
}

unsafe extern "C" fn cell_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("cell", kwds)?;
        let n = size_of_var(args) as usize;
        crate::protocol::args::check_positional("cell", n, 0, 1)?;
        new(if n == 1 { crate::objects::tupleobject::get_item(args, 0) } else { null_mut() })
    })
}

unsafe extern "C" fn cell_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref(get(op));
    crate::gc::free(op);
}

unsafe extern "C" fn cell_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    match (visit, get(op)) {
        (Some(v), r) if !r.is_null() => v(r, arg),
        _ => 0,
    }
}

unsafe extern "C" fn cell_clear(op: *mut PyObject) -> c_int {
    xsetref(&raw mut (*(op as *mut PyCellObject)).ob_ref, null_mut());
    0
}

unsafe extern "C" fn cell_repr(op: *mut PyObject) -> *mut PyObject {
    let r = get(op);
    let s = if r.is_null() {
        format!("<cell at {op:p}: empty>")
    } else {
        format!("<cell at {op:p}: {} object at {r:p}>", typeobject::full_name(type_of(r)))
    };
    crate::guard::ret_obj(str_::from_str(&s))
}

/// Cells compare by contents; an empty cell sorts before any full one.
unsafe extern "C" fn cell_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    let (x, y) = (get(a), get(b));
    if !x.is_null() && !y.is_null() {
        return crate::guard::ret_obj(crate::protocol::object::rich_compare(x, y, op));
    }
    let ord = (!x.is_null()).cmp(&!y.is_null());
    crate::objects::boolobject::new_bool(crate::protocol::object::ordering_matches(ord, op))
}

unsafe extern "C" fn cell_get_contents(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let r = get(op);
    if r.is_null() {
        raise(exc::value_error(), "Cell is empty");
        return null_mut();
    }
    incref(r);
    r
}

unsafe extern "C" fn cell_set_contents(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set(op, v);
    0
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyCell_Type)
}
