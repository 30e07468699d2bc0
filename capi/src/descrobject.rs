//! descrobject.h, methodobject.h, funcobject.h (static/class methods), cellobject.h,
//! pycapsule.h, classobject.h: descriptors and small wrapper objects from C.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::capsule::{self, PyCapsule, PyCapsule_Destructor};
use crate::rt::objects::{cellobject, classobject, descrobject, funcobject, methodobject};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_void};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMethod(tp: *mut PyTypeObject, ml: *mut PyMethodDef) -> *mut PyObject {
    catch_obj(|| descrobject::new_method(tp, ml))
}
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewClassMethod(tp: *mut PyTypeObject, ml: *mut PyMethodDef) -> *mut PyObject {
    catch_obj(|| descrobject::new_classmethod(tp, ml))
}
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewMember(tp: *mut PyTypeObject, m: *mut PyMemberDef) -> *mut PyObject {
    catch_obj(|| descrobject::new_member(tp, m))
}
#[no_mangle]
pub unsafe extern "C" fn PyDescr_NewGetSet(tp: *mut PyTypeObject, g: *mut PyGetSetDef) -> *mut PyObject {
    catch_obj(|| descrobject::new_getset(tp, g))
}
#[no_mangle]
pub unsafe extern "C" fn PyMember_GetOne(obj: *const c_char, m: *mut PyMemberDef) -> *mut PyObject {
    catch_obj(|| descrobject::member_get_one(obj as *mut PyObject, m))
}
#[no_mangle]
pub unsafe extern "C" fn PyMember_SetOne(obj: *mut c_char, m: *mut PyMemberDef, v: *mut PyObject) -> c_int {
    catch_int(|| descrobject::member_set_one(obj as *mut PyObject, m, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyCMethod_New(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject, cls: *mut PyTypeObject) -> *mut PyObject {
    catch_obj(|| methodobject::new_cmethod(ml, self_, module, cls))
}
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_NewEx(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject) -> *mut PyObject {
    catch_obj(|| methodobject::new_cfunction(ml, self_, module))
}
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_New(ml: *mut PyMethodDef, self_: *mut PyObject) -> *mut PyObject {
    PyCFunction_NewEx(ml, self_, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFunction(op: *mut PyObject) -> PyCFunction {
    if !methodobject::check(op) {
        crate::bad_internal_call();
        return None;
    }
    (*(*(op as *mut PyCFunctionObject)).m_ml).ml_meth
}
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetSelf(op: *mut PyObject) -> *mut PyObject {
    if !methodobject::check(op) {
        crate::bad_internal_call();
        return null_mut();
    }
    (*(op as *mut PyCFunctionObject)).m_self
}
#[no_mangle]
pub unsafe extern "C" fn PyCFunction_GetFlags(op: *mut PyObject) -> c_int {
    if !methodobject::check(op) {
        crate::bad_internal_call();
        return -1;
    }
    (*(*(op as *mut PyCFunctionObject)).m_ml).ml_flags
}
#[no_mangle]
pub unsafe extern "C" fn PyMethod_New(func: *mut PyObject, self_: *mut PyObject) -> *mut PyObject {
    if self_.is_null() {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| classobject::new_method(func, self_))
}
#[no_mangle]
pub unsafe extern "C" fn PyStaticMethod_New(f: *mut PyObject) -> *mut PyObject {
    catch_obj(|| funcobject::new_staticmethod(f))
}
#[no_mangle]
pub unsafe extern "C" fn PyClassMethod_New(f: *mut PyObject) -> *mut PyObject {
    catch_obj(|| funcobject::new_classmethod(f))
}

#[no_mangle]
pub unsafe extern "C" fn PyCell_New(v: *mut PyObject) -> *mut PyObject {
    catch_obj(|| cellobject::new(v))
}
#[no_mangle]
pub unsafe extern "C" fn PyCell_Get(op: *mut PyObject) -> *mut PyObject {
    if op.is_null() || !cellobject::check(op) {
        crate::bad_internal_call();
        return null_mut();
    }
    let v = cellobject::get(op);
    xincref(v);
    v
}
#[no_mangle]
pub unsafe extern "C" fn PyCell_Set(op: *mut PyObject, v: *mut PyObject) -> c_int {
    if op.is_null() || !cellobject::check(op) {
        crate::bad_internal_call();
        return -1;
    }
    cellobject::set(op, v);
    0
}

#[no_mangle]
pub unsafe extern "C" fn PyCapsule_New(p: *mut c_void, name: *const c_char, d: PyCapsule_Destructor) -> *mut PyObject {
    catch_obj(|| capsule::new(p, name, d))
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_IsValid(op: *mut PyObject, name: *const c_char) -> c_int {
    (!op.is_null()
        && capsule::check(op)
        && !(*(op as *mut PyCapsule)).pointer.is_null()
        && capsule::names_match((*(op as *mut PyCapsule)).name, name)) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetPointer(op: *mut PyObject, name: *const c_char) -> *mut c_void {
    catch(null_mut(), || match capsule::legal(op, "PyCapsule_GetPointer called with invalid PyCapsule object") {
        Ok(c) => {
            if !capsule::names_match((*c).name, name) {
                err::raise(exc::value_error(), "PyCapsule_GetPointer called with incorrect name");
                return null_mut();
            }
            (*c).pointer
        }
        Err(_) => null_mut(),
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetName(op: *mut PyObject) -> *const c_char {
    match capsule::legal(op, "PyCapsule_GetName called with invalid PyCapsule object") {
        Ok(c) => (*c).name,
        Err(_) => std::ptr::null(),
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetContext(op: *mut PyObject) -> *mut c_void {
    match capsule::legal(op, "PyCapsule_GetContext called with invalid PyCapsule object") {
        Ok(c) => (*c).context,
        Err(_) => null_mut(),
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_GetDestructor(op: *mut PyObject) -> PyCapsule_Destructor {
    match capsule::legal(op, "PyCapsule_GetDestructor called with invalid PyCapsule object") {
        Ok(c) => (*c).destructor,
        Err(_) => None,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetPointer(op: *mut PyObject, p: *mut c_void) -> c_int {
    if p.is_null() {
        err::raise(exc::value_error(), "PyCapsule_SetPointer called with null pointer");
        return -1;
    }
    match capsule::legal(op, "PyCapsule_SetPointer called with invalid PyCapsule object") {
        Ok(c) => {
            (*c).pointer = p;
            0
        }
        Err(_) => -1,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetName(op: *mut PyObject, name: *const c_char) -> c_int {
    match capsule::legal(op, "PyCapsule_SetName called with invalid PyCapsule object") {
        Ok(c) => {
            (*c).name = name;
            0
        }
        Err(_) => -1,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetContext(op: *mut PyObject, ctx: *mut c_void) -> c_int {
    match capsule::legal(op, "PyCapsule_SetContext called with invalid PyCapsule object") {
        Ok(c) => {
            (*c).context = ctx;
            0
        }
        Err(_) => -1,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_SetDestructor(op: *mut PyObject, d: PyCapsule_Destructor) -> c_int {
    match capsule::legal(op, "PyCapsule_SetDestructor called with invalid PyCapsule object") {
        Ok(c) => {
            (*c).destructor = d;
            0
        }
        Err(_) => -1,
    }
}
/// Imports "package.module.attr" and returns the capsule's pointer. Needs the import
/// system, which is not there yet.
#[no_mangle]
pub unsafe extern "C" fn PyCapsule_Import(name: *const c_char, _no_block: c_int) -> *mut c_void {
    let n = std::ffi::CStr::from_ptr(name).to_string_lossy();
    err::raise(exc::import_error(), format!("Ferric: PyCapsule_Import(\"{n}\") needs the import system, which is not implemented yet"));
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyWeakref_NewRef(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::weakrefobject::new_ref(crate::rt::objects::weakrefobject::ref_type(), ob, callback))
}
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_NewProxy(ob: *mut PyObject, callback: *mut PyObject) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::weakrefobject::new_proxy(ob, callback))
}
/// Borrowed referent, or None when it has died.
#[no_mangle]
pub unsafe extern "C" fn PyWeakref_GetObject(r: *mut PyObject) -> *mut PyObject {
    use crate::rt::objects::{typeobject, weakrefobject as w};
    if r.is_null() || !(typeobject::is_subtype(type_of(r), w::ref_type()) || w::is_proxy(r)) {
        crate::bad_internal_call();
        return null_mut();
    }
    w::referent(r)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_ClearWeakRefs(ob: *mut PyObject) {
    crate::rt::objects::weakrefobject::clear_weakrefs(ob)
}
#[no_mangle]
pub unsafe extern "C" fn _PyWeakref_GetWeakrefCount(head: *mut c_void) -> Py_ssize_t {
    let mut n = 0;
    let mut cur = head as *mut crate::rt::objects::weakrefobject::PyWeakReference;
    while !cur.is_null() {
        n += 1;
        cur = (*cur).wr_next;
    }
    n
}
#[no_mangle]
pub unsafe extern "C" fn PyDictProxy_New(mapping: *mut PyObject) -> *mut PyObject {
    catch_obj(|| crate::rt::objects::mappingproxy::new(mapping))
}

// ---- slices --------------------------------------------------------------------------------

use crate::rt::objects::sliceobject;

#[no_mangle]
pub unsafe extern "C" fn PySlice_New(start: *mut PyObject, stop: *mut PyObject, step: *mut PyObject) -> *mut PyObject {
    catch_obj(|| sliceobject::new(start, stop, step))
}
#[no_mangle]
pub unsafe extern "C" fn PySlice_Unpack(s: *mut PyObject, start: *mut Py_ssize_t, stop: *mut Py_ssize_t, step: *mut Py_ssize_t) -> c_int {
    catch(-1, || match sliceobject::unpack(s) {
        Ok((a, b, c)) => {
            *start = a;
            *stop = b;
            *step = c;
            0
        }
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySlice_AdjustIndices(length: Py_ssize_t, start: *mut Py_ssize_t, stop: *mut Py_ssize_t, step: Py_ssize_t) -> Py_ssize_t {
    sliceobject::adjust_indices(length, &mut *start, &mut *stop, step)
}
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndicesEx(s: *mut PyObject, length: Py_ssize_t, start: *mut Py_ssize_t, stop: *mut Py_ssize_t, step: *mut Py_ssize_t, slicelength: *mut Py_ssize_t) -> c_int {
    if PySlice_Unpack(s, start, stop, step) < 0 {
        return -1;
    }
    *slicelength = sliceobject::adjust_indices(length, &mut *start, &mut *stop, *step);
    0
}
/// The old form: indices must already be in range (errors otherwise, as CPython).
#[no_mangle]
pub unsafe extern "C" fn PySlice_GetIndices(s: *mut PyObject, length: Py_ssize_t, start: *mut Py_ssize_t, stop: *mut Py_ssize_t, step: *mut Py_ssize_t) -> c_int {
    if PySlice_Unpack(s, start, stop, step) < 0 {
        crate::rt::err::clear();
        return -1;
    }
    let r = &*(s as *mut PySliceObject);
    let none = crate::rt::objects::noneobject::is_none;
    if none(r.start) {
        *start = if *step < 0 { length - 1 } else { 0 };
    } else if *start < 0 {
        *start += length;
    }
    if none(r.stop) {
        *stop = if *step < 0 { -1 } else { length };
    } else if *stop < 0 {
        *stop += length;
    }
    if *stop > length || *start >= length || *step == 0 {
        return -1;
    }
    0
}

/// `PyInstanceMethod_New`: `func` bound to instances as a method.
#[no_mangle]
pub unsafe extern "C" fn PyInstanceMethod_New(func: *mut PyObject) -> *mut PyObject {
    crate::rt::guard::catch_obj(|| crate::rt::objects::instancemethod::new(func))
}

#[no_mangle]
pub unsafe extern "C" fn PyInstanceMethod_Function(im: *mut PyObject) -> *mut PyObject {
    if !crate::rt::objects::instancemethod::check(im) {
        crate::bad_internal_call();
        return std::ptr::null_mut();
    }
    (*(im as *mut PyInstanceMethodObject)).func
}
