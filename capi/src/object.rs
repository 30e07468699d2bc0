//! object.h / abstract.h (object part): repr, str, hash, comparison, attributes, calls,
//! refcounting entry points.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{boolobject, dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::rt::protocol::{call, object as proto};
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn _Py_Dealloc(op: *mut PyObject) {
    dealloc(op)
}
#[no_mangle]
pub unsafe extern "C" fn Py_IncRef(op: *mut PyObject) {
    xincref(op)
}
#[no_mangle]
pub unsafe extern "C" fn Py_DecRef(op: *mut PyObject) {
    xdecref(op)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_IncRef(op: *mut PyObject) {
    incref(op)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_DecRef(op: *mut PyObject) {
    decref(op)
}
#[no_mangle]
pub unsafe extern "C" fn Py_NewRef(op: *mut PyObject) -> *mut PyObject {
    incref(op);
    op
}
#[no_mangle]
pub unsafe extern "C" fn Py_XNewRef(op: *mut PyObject) -> *mut PyObject {
    xincref(op);
    op
}
#[no_mangle]
pub unsafe extern "C" fn Py_Is(x: *mut PyObject, y: *mut PyObject) -> c_int {
    (x == y) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsNone(x: *mut PyObject) -> c_int {
    noneobject::is_none(x) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsTrue(x: *mut PyObject) -> c_int {
    (x == boolobject::true_()) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn Py_IsFalse(x: *mut PyObject) -> c_int {
    (x == boolobject::false_()) as c_int
}

/// NULL in, SystemError out, as CPython's null_error.
unsafe fn null_error() -> *mut PyObject {
    if err::occurred().is_null() {
        err::raise(exc::system_error(), "null argument to internal routine");
    }
    null_mut()
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_Repr(op: *mut PyObject) -> *mut PyObject {
    if op.is_null() {
        return catch_obj(|| str_::from_str("<NULL>"));
    }
    catch_obj(|| proto::repr(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Str(op: *mut PyObject) -> *mut PyObject {
    if op.is_null() {
        return catch_obj(|| str_::from_str("<NULL>"));
    }
    catch_obj(|| proto::str(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_ASCII(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| proto::ascii(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Hash(op: *mut PyObject) -> Py_hash_t {
    catch(-1, || proto::hash(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_HashNotImplemented(op: *mut PyObject) -> Py_hash_t {
    proto::hash_not_implemented(op)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_HashPointer(p: *const std::ffi::c_void) -> Py_hash_t {
    proto::hash_pointer(p)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_HashDouble(inst: *mut PyObject, v: f64) -> Py_hash_t {
    crate::rt::objects::floatobject::hash_f64(inst, v)
}
#[no_mangle]
pub unsafe extern "C" fn _Py_HashBytes(p: *const std::ffi::c_void, len: Py_ssize_t) -> Py_hash_t {
    if p.is_null() || len <= 0 {
        return 0;
    }
    crate::rt::pyhash::hash_bytes(std::slice::from_raw_parts(p as *const u8, len as usize))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if a.is_null() || b.is_null() {
        return null_error();
    }
    if !(0..=5).contains(&op) {
        crate::bad_internal_call();
        return null_mut();
    }
    catch_obj(|| proto::rich_compare(a, b, op))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_RichCompareBool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> c_int {
    catch(-1, || match proto::rich_compare_bool(a, b, op) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsTrue(op: *mut PyObject) -> c_int {
    catch(-1, || match proto::is_true(op) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Not(op: *mut PyObject) -> c_int {
    match PyObject_IsTrue(op) {
        -1 => -1,
        v => (v == 0) as c_int,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Type(op: *mut PyObject) -> *mut PyObject {
    if op.is_null() {
        return null_error();
    }
    let t = type_of(op) as *mut PyObject;
    incref(t);
    t
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    catch_obj(|| proto::getattr(op, name))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetAttrString(op: *mut PyObject, name: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        let n = str_::from_cstr(name)?;
        proto::getattr(op, n.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_LookupAttr(op: *mut PyObject, name: *mut PyObject, result: *mut *mut PyObject) -> c_int {
    catch(-1, || match proto::lookup_attr(op, name) {
        Ok(Some(v)) => {
            *result = v.into_ptr();
            1
        }
        Ok(None) => {
            *result = null_mut();
            0
        }
        Err(_) => {
            *result = null_mut();
            -1
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    catch(0, || match proto::lookup_attr(op, name) {
        Ok(v) => v.is_some() as c_int,
        Err(_) => {
            err::clear();
            0
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_HasAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    let v = PyObject_GetAttrString(op, name);
    if v.is_null() {
        err::clear();
        return 0;
    }
    decref(v);
    1
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttr(op: *mut PyObject, name: *mut PyObject, v: *mut PyObject) -> c_int {
    catch_int(|| proto::setattr(op, name, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetAttrString(op: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int {
    catch_int(|| {
        let n = str_::from_cstr(name)?;
        proto::setattr(op, n.as_ptr(), v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttr(op: *mut PyObject, name: *mut PyObject) -> c_int {
    PyObject_SetAttr(op, name, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelAttrString(op: *mut PyObject, name: *const c_char) -> c_int {
    PyObject_SetAttrString(op, name, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetDict(op: *mut PyObject, ctx: *mut std::ffi::c_void) -> *mut PyObject {
    crate::rt::objects::typenew::subtype_get_dict(op, ctx)
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GetDictPtr(op: *mut PyObject) -> *mut *mut PyObject {
    proto::dict_slot(op).unwrap_or(null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyCallable_Check(op: *mut PyObject) -> c_int {
    (!op.is_null() && call::callable_check(op)) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Call(f: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    if !tuple::check(args) {
        err::raise(exc::type_error(), "argument list must be a tuple");
        return null_mut();
    }
    if !kwargs.is_null() && !dict::check(kwargs) {
        err::raise(exc::type_error(), "keyword list must be a dictionary");
        return null_mut();
    }
    catch_obj(|| call::call(f, args, kwargs))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallObject(f: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    if args.is_null() {
        return catch_obj(|| call::vectorcall(f, &[], null_mut()));
    }
    PyObject_Call(f, args, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallNoArgs(f: *mut PyObject) -> *mut PyObject {
    catch_obj(|| call::vectorcall(f, &[], null_mut()))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallOneArg(f: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
    catch_obj(|| call::vectorcall(f, &[a], null_mut()))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Vectorcall(f: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let n = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
        let v = if args.is_null() { &[][..] } else { std::slice::from_raw_parts(args, n + nkw) };
        call::vectorcall(f, v, kwnames)
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_Vectorcall(f: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    PyObject_Vectorcall(f, args, nargsf, kwnames)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallDict(f: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwargs: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let n = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let v = if args.is_null() { &[][..] } else { std::slice::from_raw_parts(args, n) };
        let t = tuple::from_slice(v)?;
        call::call(f, t.as_ptr(), kwargs)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyVectorcall_Call(f: *mut PyObject, args: *mut PyObject, kwargs: *mut PyObject) -> *mut PyObject {
    call::tp_call_via_vectorcall(f, args, kwargs)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_VectorcallMethod(name: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let n = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
        let v = std::slice::from_raw_parts(args, n + nkw);
        let m = proto::getattr(v[0], name)?;
        call::vectorcall(m.as_ptr(), &v[1..], kwnames)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsInstance(inst: *mut PyObject, cls: *mut PyObject) -> c_int {
    catch(-1, || match crate::rt::protocol::abstract_::is_instance(inst, cls) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_IsSubclass(derived: *mut PyObject, cls: *mut PyObject) -> c_int {
    catch(-1, || match crate::rt::protocol::abstract_::is_subclass(derived, cls) {
        Ok(v) => v as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SelfIter(op: *mut PyObject) -> *mut PyObject {
    incref(op);
    op
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Dir(op: *mut PyObject) -> *mut PyObject {
    if op.is_null() {
        err::raise(exc::system_error(), "dir() of the current frame needs the interpreter");
        return null_mut();
    }
    catch_obj(|| {
        let m = proto::getattr_str(op, "__dir__")?;
        let r = call::vectorcall(m.as_ptr(), &[], null_mut())?;
        let l = crate::rt::protocol::iter::collect(r.as_ptr())?;
        let ptrs: Vec<*mut PyObject> = l.iter().map(|o| o.as_ptr()).collect();
        let list = crate::rt::objects::listobject::from_slice(&ptrs)?;
        crate::listobject::sort_list(list.as_ptr())?;
        Ok(list)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Print(op: *mut PyObject, fp: *mut libc::FILE, flags: c_int) -> c_int {
    let r = if flags & 1 != 0 { PyObject_Str(op) } else { PyObject_Repr(op) };
    if r.is_null() {
        return -1;
    }
    let s = match str_::as_str(r) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            decref(r);
            return -1;
        }
    };
    decref(r);
    libc::fwrite(s.as_ptr() as *const _, 1, s.len(), fp);
    0
}

/// Name lookups used by the C shims (`%U` etc. need no more than this).
#[no_mangle]
pub unsafe extern "C" fn _ferric_type_name(op: *mut PyObject) -> *const c_char {
    (*type_of(op)).tp_name
}


/// `tp_name` of a type, for the C shims.
#[no_mangle]
pub unsafe extern "C" fn _ferric_tp_name(tp: *mut PyTypeObject) -> *const c_char {
    (*tp).tp_name
}

/// A fresh object's first reference (`Py_Initialize`'s `_Py_NewReference`): count 1.
#[no_mangle]
pub unsafe extern "C" fn _Py_NewReference(op: *mut PyObject) {
    (*op).ob_refcnt = 1;
}

/// The trashcan of `Py_TRASHCAN_BEGIN`/`END` in extension deallocators. Ferric's
/// `object::dealloc` already defers deallocations nested too deep for every object, so an
/// extension's own trashcan never needs to defer: `_PyTrash_cond` says "not needed" and the
/// deallocator runs straight through (begin/end are inert should a caller use them anyway).
#[no_mangle]
pub unsafe extern "C" fn _PyTrash_cond(_op: *mut PyObject, _dealloc: destructor) -> c_int {
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyTrash_begin(_ts: *mut PyThreadState, _op: *mut PyObject) -> c_int {
    0
}

#[no_mangle]
pub unsafe extern "C" fn _PyTrash_end(_ts: *mut PyThreadState) {}
