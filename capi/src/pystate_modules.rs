//! The interpreter's table of single-phase extension modules by `m_index`
//! (PyState_FindModule and friends).

use crate::rt::ffi::*;
use crate::rt::object::*;

static mut NEXT_INDEX: Py_ssize_t = 1;
static mut MODULES: Vec<*mut PyObject> = Vec::new();

/// Gives a definition its index the first time it is seen.
pub unsafe fn assign_index(def: *mut PyModuleDef) {
    if (*def).m_base.m_index == 0 {
        (*def).m_base.m_index = NEXT_INDEX;
        NEXT_INDEX += 1;
    }
}

pub unsafe fn find(def: *mut PyModuleDef) -> *mut PyObject {
    let i = (*def).m_base.m_index;
    let mods = &*(&raw const MODULES);
    if i <= 0 || i as usize >= mods.len() + 1 {
        return std::ptr::null_mut();
    }
    mods[i as usize - 1]
}

pub unsafe fn add(m: *mut PyObject, def: *mut PyModuleDef) {
    assign_index(def);
    let i = (*def).m_base.m_index as usize;
    let mods = &mut *(&raw mut MODULES);
    if mods.len() < i {
        mods.resize(i, std::ptr::null_mut());
    }
    incref(m);
    let old = std::mem::replace(&mut mods[i - 1], m);
    xdecref(old);
}

pub unsafe fn remove(def: *mut PyModuleDef) -> bool {
    let i = (*def).m_base.m_index as usize;
    let mods = &mut *(&raw mut MODULES);
    if i == 0 || i > mods.len() {
        return false;
    }
    let old = std::mem::replace(&mut mods[i - 1], std::ptr::null_mut());
    xdecref(old);
    true
}
