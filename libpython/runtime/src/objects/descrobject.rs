//! Descriptors made by `PyType_Ready` from a type's tables: method descriptors
//! (`tp_methods`), class-method descriptors, member descriptors (`tp_members`),
//! getset descriptors (`tp_getset`), and slot wrappers with their bound `method-wrapper`s.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::methodobject;
use crate::objects::typeobject::{self, getset, full_name, GETSET_END};
use crate::objects::{boolobject, longobject as long, noneobject, unicodeobject as str_};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

macro_rules! descr_type {
    ($name:ident, $tpname:expr, $basic:ty, get: $get:expr, set: $set:expr, repr: $repr:expr, call: $call:expr, vc: $vc:expr) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tpname.as_ptr(),
            tp_basicsize: std::mem::size_of::<$basic>() as _,
            tp_dealloc: Some(descr_dealloc),
            tp_vectorcall_offset: $vc,
            tp_repr: Some($repr),
            tp_call: $call,
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | if $vc != 0 { Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR } else { 0 },
            tp_traverse: Some(descr_traverse),
            tp_getset: (&raw mut DESCR_GETSET) as *mut PyGetSetDef,
            tp_descr_get: $get,
            tp_descr_set: $set,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

descr_type!(PyMethodDescr_Type, c"method_descriptor", PyMethodDescrObject,
    get: Some(method_get), set: None, repr: method_repr,
    call: Some(crate::protocol::call::tp_call_via_vectorcall),
    vc: std::mem::offset_of!(PyMethodDescrObject, vectorcall) as isize);
descr_type!(PyClassMethodDescr_Type, c"classmethod_descriptor", PyMethodDescrObject,
    get: Some(classmethod_get), set: None, repr: method_repr,
    call: Some(classmethoddescr_call), vc: 0);
descr_type!(PyMemberDescr_Type, c"member_descriptor", PyMemberDescrObject,
    get: Some(member_get), set: Some(member_set), repr: member_repr, call: None, vc: 0);
descr_type!(PyGetSetDescr_Type, c"getset_descriptor", PyGetSetDescrObject,
    get: Some(getset_get), set: Some(getset_set), repr: getset_repr, call: None, vc: 0);
descr_type!(PyWrapperDescr_Type, c"wrapper_descriptor", PyWrapperDescrObject,
    get: Some(wrapperdescr_get), set: None, repr: wrapperdescr_repr,
    call: Some(wrapperdescr_call), vc: 0);

static mut DESCR_GETSET: [PyGetSetDef; 5] = [
    getset(c"__doc__", Some(descr_get_doc), None),
    getset(c"__qualname__", Some(descr_get_qualname), None),
    getset(c"__name__", Some(descr_get_name), None),
    getset(c"__objclass__", Some(descr_get_objclass), None),
    GETSET_END,
];

/// The bound form of a slot wrapper: `(1).__add__` is a method-wrapper.
#[repr(C)]
pub struct WrapperObject {
    pub ob_base: PyObject,
    pub descr: *mut PyWrapperDescrObject,
    pub self_: *mut PyObject,
}

#[no_mangle]
pub static mut _PyMethodWrapper_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"method-wrapper".as_ptr(),
    tp_basicsize: std::mem::size_of::<WrapperObject>() as _,
    tp_dealloc: Some(wrapper_dealloc),
    tp_repr: Some(wrapper_repr),
    tp_call: Some(wrapper_call),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_traverse: Some(wrapper_traverse),
    tp_getset: (&raw mut WRAPPER_GETSET) as *mut PyGetSetDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut WRAPPER_GETSET: [PyGetSetDef; 6] = [
    getset(c"__objclass__", Some(wrapper_objclass), None),
    getset(c"__name__", Some(wrapper_name), None),
    getset(c"__qualname__", Some(wrapper_qualname), None),
    getset(c"__doc__", Some(wrapper_doc), None),
    getset(c"__self__", Some(wrapper_self), None),
    GETSET_END,
];

unsafe extern "C" fn wrapper_objclass(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    descr_get_objclass((*(op as *mut WrapperObject)).descr as *mut PyObject, c)
}
unsafe extern "C" fn wrapper_name(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    descr_get_name((*(op as *mut WrapperObject)).descr as *mut PyObject, c)
}
unsafe extern "C" fn wrapper_qualname(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    descr_get_qualname((*(op as *mut WrapperObject)).descr as *mut PyObject, c)
}
unsafe extern "C" fn wrapper_doc(op: *mut PyObject, c: *mut c_void) -> *mut PyObject {
    descr_get_doc((*(op as *mut WrapperObject)).descr as *mut PyObject, c)
}
unsafe extern "C" fn wrapper_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let s = (*(op as *mut WrapperObject)).self_;
    incref(s);
    s
}

unsafe fn alloc_descr(tp: *mut PyTypeObject, owner: *mut PyTypeObject, name: *const c_char) -> PyResult<*mut PyObject> {
    let op = crate::gc::alloc((*tp).tp_basicsize as usize);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    let d = op as *mut PyDescrObject;
    xincref(owner as *mut PyObject);
    (*d).d_type = owner;
    (*d).d_name = match str_::intern_cstr(name) {
        Ok(n) => n,
        Err(e) => {
            crate::gc::free(op);
            return Err(e);
        }
    };
    (*d).d_qualname = null_mut();
    crate::gc::track(op);
    Ok(op)
}

pub unsafe fn new_method(owner: *mut PyTypeObject, ml: *mut PyMethodDef) -> PyResult<Obj> {
    let op = alloc_descr(&raw mut PyMethodDescr_Type, owner, (*ml).ml_name)?;
    let d = op as *mut PyMethodDescrObject;
    (*d).d_method = ml;
    (*d).vectorcall = Some(method_vectorcall);
    Ok(Obj::from_owned_nonnull(op))
}

pub unsafe fn new_classmethod(owner: *mut PyTypeObject, ml: *mut PyMethodDef) -> PyResult<Obj> {
    let op = alloc_descr(&raw mut PyClassMethodDescr_Type, owner, (*ml).ml_name)?;
    let d = op as *mut PyMethodDescrObject;
    (*d).d_method = ml;
    (*d).vectorcall = None;
    Ok(Obj::from_owned_nonnull(op))
}

pub unsafe fn new_member(owner: *mut PyTypeObject, m: *mut PyMemberDef) -> PyResult<Obj> {
    let op = alloc_descr(&raw mut PyMemberDescr_Type, owner, (*m).name)?;
    (*(op as *mut PyMemberDescrObject)).d_member = m;
    Ok(Obj::from_owned_nonnull(op))
}

pub unsafe fn new_getset(owner: *mut PyTypeObject, g: *mut PyGetSetDef) -> PyResult<Obj> {
    let op = alloc_descr(&raw mut PyGetSetDescr_Type, owner, (*g).name)?;
    (*(op as *mut PyGetSetDescrObject)).d_getset = g;
    Ok(Obj::from_owned_nonnull(op))
}

pub unsafe fn new_wrapper(owner: *mut PyTypeObject, base: *mut wrapperbase, wrapped: *mut c_void) -> PyResult<Obj> {
    let op = alloc_descr(&raw mut PyWrapperDescr_Type, owner, (*base).name)?;
    let d = op as *mut PyWrapperDescrObject;
    (*d).d_base = base;
    (*d).d_wrapped = wrapped;
    Ok(Obj::from_owned_nonnull(op))
}

#[inline]
pub unsafe fn is_wrapper_descr(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyWrapperDescr_Type
}

unsafe fn name_of(d: *mut PyObject) -> &'static str {
    let n = (*(d as *mut PyDescrObject)).d_name;
    if n.is_null() {
        "?"
    } else {
        str_::as_str(n).unwrap_or("?")
    }
}

unsafe fn owner_name(d: *mut PyObject) -> &'static str {
    full_name((*(d as *mut PyDescrObject)).d_type)
}

/// The instance-type check every descriptor makes, with CPython's message.
unsafe fn check_instance(d: *mut PyObject, obj: *mut PyObject) -> PyResult<()> {
    let owner = (*(d as *mut PyDescrObject)).d_type;
    if !typeobject::is_subtype(type_of(obj), owner) {
        return Err(raise(
            exc::type_error(),
            format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                name_of(d),
                owner_name(d),
                full_name(type_of(obj))
            ),
        ));
    }
    Ok(())
}

unsafe extern "C" fn descr_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let d = op as *mut PyDescrObject;
    xdecref((*d).d_type as *mut PyObject);
    xdecref((*d).d_qualname);
    crate::gc::free(op);
}

unsafe extern "C" fn descr_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let d = op as *mut PyDescrObject;
    match visit {
        Some(v) if !(*d).d_type.is_null() => v((*d).d_type as *mut PyObject, arg),
        _ => 0,
    }
}

// ---- methods -------------------------------------------------------------------------------

unsafe extern "C" fn method_get(d: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    if obj.is_null() {
        incref(d);
        return d;
    }
    crate::guard::catch_obj(|| {
        check_instance(d, obj)?;
        let ml = (*(d as *mut PyMethodDescrObject)).d_method;
        methodobject::new_cfunction(ml, obj, null_mut())
    })
}

unsafe extern "C" fn method_vectorcall(
    d: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
    crate::guard::catch_obj(|| {
        let qual = || format!("{}.{}", owner_name(d), name_of(d));
        if nargs < 1 {
            return Err(raise(
                exc::type_error(),
                format!("unbound method {}() needs an argument", qual()),
            ));
        }
        let self_ = *args;
        check_instance(d, self_)?;
        let ml = (*(d as *mut PyMethodDescrObject)).d_method;
        let owner = (*(d as *mut PyDescrObject)).d_type;
        // Counted against the recursion limit, as CPython's method_vectorcall_*.
        crate::ceval_guard::enter_recursive_call(" while calling a Python object")?;
        let r = methodobject::call_methoddef(ml, self_, args.add(1), nargs - 1, kwnames, owner, &qual);
        crate::ceval_guard::leave_recursive_call();
        r
    })
}

unsafe extern "C" fn classmethod_get(d: *mut PyObject, obj: *mut PyObject, tp: *mut PyObject) -> *mut PyObject {
    let tp = if tp.is_null() { type_of(obj) as *mut PyObject } else { tp };
    crate::guard::catch_obj(|| {
        let owner = (*(d as *mut PyDescrObject)).d_type;
        if !typeobject::is_type(tp) || !typeobject::is_subtype(tp as *mut PyTypeObject, owner) {
            return Err(raise(
                exc::type_error(),
                format!(
                    "descriptor '{}' for type '{}' needs a subtype of '{}', not a '{}'",
                    name_of(d),
                    owner_name(d),
                    owner_name(d),
                    full_name(type_of(tp))
                ),
            ));
        }
        let ml = (*(d as *mut PyMethodDescrObject)).d_method;
        methodobject::new_cfunction(ml, tp, null_mut())
    })
}

unsafe extern "C" fn classmethoddescr_call(d: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let n = size_of_var(args);
        if n < 1 {
            return Err(raise(
                exc::type_error(),
                format!("descriptor '{}' of '{}' object needs an argument", name_of(d), owner_name(d)),
            ));
        }
        let tp = crate::objects::tupleobject::get_item(args, 0);
        let bound = Obj::from_owned(classmethod_get(d, null_mut(), tp))?;
        let rest = crate::objects::tupleobject::from_slice(&crate::objects::tupleobject::items(args)[1..])?;
        crate::protocol::call::call(bound.as_ptr(), rest.as_ptr(), kwds)
    })
}

unsafe extern "C" fn method_repr(d: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&format!("<method '{}' of '{}' objects>", name_of(d), owner_name(d))))
}

// ---- members -------------------------------------------------------------------------------

/// A `PyMemberDef` entry for static tables.
pub const fn member(name: &'static std::ffi::CStr, type_: c_int, offset: usize, flags: c_int) -> PyMemberDef {
    PyMemberDef { name: name.as_ptr(), type_, offset: offset as Py_ssize_t, flags, doc: std::ptr::null() }
}
pub const MEMBER_END: PyMemberDef = PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() };

pub const T_SHORT: c_int = 0;
pub const T_INT: c_int = 1;
pub const T_LONG: c_int = 2;
pub const T_FLOAT: c_int = 3;
pub const T_DOUBLE: c_int = 4;
pub const T_STRING: c_int = 5;
pub const T_OBJECT: c_int = 6;
pub const T_CHAR: c_int = 7;
pub const T_BYTE: c_int = 8;
pub const T_UBYTE: c_int = 9;
pub const T_USHORT: c_int = 10;
pub const T_UINT: c_int = 11;
pub const T_ULONG: c_int = 12;
pub const T_STRING_INPLACE: c_int = 13;
pub const T_BOOL: c_int = 14;
pub const T_OBJECT_EX: c_int = 16;
pub const T_LONGLONG: c_int = 17;
pub const T_ULONGLONG: c_int = 18;
pub const T_PYSSIZET: c_int = 19;
pub const T_NONE: c_int = 20;
pub const READONLY: c_int = 1;

/// Reads a struct member (CPython's PyMember_GetOne).
pub unsafe fn member_get_one(obj: *mut PyObject, m: *mut PyMemberDef) -> PyResult<Obj> {
    let addr = (obj as *mut u8).offset((*m).offset);
    let r = match (*m).type_ {
        T_BOOL => Obj::from_borrowed(boolobject::new_bool(*(addr as *const c_char) != 0)),
        T_BYTE => long::from_i64(*(addr as *const i8) as i64),
        T_UBYTE => long::from_i64(*addr as i64),
        T_SHORT => long::from_i64(*(addr as *const i16) as i64),
        T_USHORT => long::from_i64(*(addr as *const u16) as i64),
        T_INT => long::from_i64(*(addr as *const i32) as i64),
        T_UINT => long::from_i64(*(addr as *const u32) as i64),
        T_LONG | T_LONGLONG | T_PYSSIZET => long::from_i64(*(addr as *const i64)),
        T_ULONG | T_ULONGLONG => long::from_u64(*(addr as *const u64)),
        T_FLOAT => crate::objects::floatobject::from_f64(*(addr as *const f32) as f64)?,
        T_DOUBLE => crate::objects::floatobject::from_f64(*(addr as *const f64))?,
        T_STRING => {
            let p = *(addr as *const *const c_char);
            if p.is_null() {
                Obj::from_borrowed(noneobject::none())
            } else {
                str_::from_cstr(p)?
            }
        }
        T_STRING_INPLACE => str_::from_cstr(addr as *const c_char)?,
        T_CHAR => str_::from_code_points(&[*addr as u32])?,
        T_OBJECT => {
            let p = *(addr as *const *mut PyObject);
            Obj::from_borrowed(if p.is_null() { noneobject::none() } else { p })
        }
        T_OBJECT_EX => {
            let p = *(addr as *const *mut PyObject);
            if p.is_null() {
                let n = CStr::from_ptr((*m).name).to_string_lossy();
                return Err(crate::objects::exceptions::attribute_error_with(
                    format!("'{}' object has no attribute '{n}'", full_name(type_of(obj))),
                    obj,
                    null_mut(),
                ));
            }
            Obj::from_borrowed(p)
        }
        T_NONE => Obj::from_borrowed(noneobject::none()),
        _ => return Err(raise(exc::system_error(), "bad memberdescr type")),
    };
    Ok(r)
}

/// Writes a struct member (CPython's PyMember_SetOne); `v` NULL deletes.
pub unsafe fn member_set_one(obj: *mut PyObject, m: *mut PyMemberDef, v: *mut PyObject) -> PyResult<()> {
    let addr = (obj as *mut u8).offset((*m).offset);
    if (*m).flags & READONLY != 0 {
        return Err(raise(exc::attribute_error(), "readonly attribute"));
    }
    if v.is_null() {
        match (*m).type_ {
            T_OBJECT_EX => {
                if (*(addr as *const *mut PyObject)).is_null() {
                    let n = CStr::from_ptr((*m).name).to_string_lossy().into_owned();
                    return Err(raise(exc::attribute_error(), n));
                }
            }
            T_OBJECT => {}
            _ => return Err(raise(exc::type_error(), "can't delete numeric/char attribute")),
        }
    }
    let as_long = |v: *mut PyObject| -> PyResult<i64> {
        if !long::check(v) {
            let i = crate::protocol::number::index(v)?;
            return long::as_c_long(i.as_ptr());
        }
        long::as_c_long(v)
    };
    match (*m).type_ {
        T_BOOL => {
            if !boolobject::check(v) {
                return Err(raise(exc::type_error(), "attribute value type must be bool"));
            }
            *(addr as *mut c_char) = (v == boolobject::true_()) as c_char;
        }
        T_BYTE => *(addr as *mut i8) = as_long(v)? as i8,
        T_UBYTE => *addr = as_long(v)? as u8,
        T_SHORT => *(addr as *mut i16) = as_long(v)? as i16,
        T_USHORT => *(addr as *mut u16) = as_long(v)? as u16,
        T_INT => *(addr as *mut i32) = as_long(v)? as i32,
        T_UINT => *(addr as *mut u32) = as_long(v)? as u32,
        T_LONG | T_LONGLONG | T_PYSSIZET => *(addr as *mut i64) = as_long(v)?,
        T_ULONG | T_ULONGLONG => *(addr as *mut u64) = as_long(v)? as u64,
        T_DOUBLE => *(addr as *mut f64) = crate::objects::floatobject::as_f64(v)?,
        T_FLOAT => *(addr as *mut f32) = crate::objects::floatobject::as_f64(v)? as f32,
        T_OBJECT | T_OBJECT_EX => {
            xincref(v);
            xsetref(addr as *mut *mut PyObject, v);
        }
        T_CHAR => {
            if !str_::check(v) || str_::len(v) != 1 {
                return Err(raise(exc::type_error(), "bad argument type for built-in operation"));
            }
            let c = str_::read_char(v, 0);
            if c > 0xff {
                return Err(raise(exc::type_error(), "bad argument type for built-in operation"));
            }
            *addr = c as u8;
        }
        T_STRING | T_STRING_INPLACE => return Err(raise(exc::type_error(), "readonly attribute")),
        _ => {
            let n = CStr::from_ptr((*m).name).to_string_lossy();
            return Err(raise(exc::system_error(), format!("bad memberdescr type for {n}")));
        }
    }
    Ok(())
}

unsafe extern "C" fn member_get(d: *mut PyObject, obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    if obj.is_null() {
        incref(d);
        return d;
    }
    crate::guard::catch_obj(|| {
        check_instance(d, obj)?;
        member_get_one(obj, (*(d as *mut PyMemberDescrObject)).d_member)
    })
}

unsafe extern "C" fn member_set(d: *mut PyObject, obj: *mut PyObject, v: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        check_instance(d, obj)?;
        member_set_one(obj, (*(d as *mut PyMemberDescrObject)).d_member, v)
    })
}

unsafe extern "C" fn member_repr(d: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&format!("<member '{}' of '{}' objects>", name_of(d), owner_name(d))))
}

// ---- getset --------------------------------------------------------------------------------

unsafe extern "C" fn getset_get(d: *mut PyObject, obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    if obj.is_null() {
        incref(d);
        return d;
    }
    let g = (*(d as *mut PyGetSetDescrObject)).d_getset;
    if let Err(_) = check_instance(d, obj) {
        return null_mut();
    }
    match (*g).get {
        Some(f) => f(obj, (*g).closure),
        None => {
            raise(
                exc::attribute_error(),
                format!("attribute '{}' of '{}' objects is not readable", name_of(d), owner_name(d)),
            );
            null_mut()
        }
    }
}

unsafe extern "C" fn getset_set(d: *mut PyObject, obj: *mut PyObject, v: *mut PyObject) -> c_int {
    let g = (*(d as *mut PyGetSetDescrObject)).d_getset;
    if check_instance(d, obj).is_err() {
        return -1;
    }
    match (*g).set {
        Some(f) => f(obj, v, (*g).closure),
        None => {
            raise(
                exc::attribute_error(),
                format!("attribute '{}' of '{}' objects is not writable", name_of(d), owner_name(d)),
            );
            -1
        }
    }
}

unsafe extern "C" fn getset_repr(d: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&format!("<attribute '{}' of '{}' objects>", name_of(d), owner_name(d))))
}

// ---- slot wrappers -------------------------------------------------------------------------

unsafe extern "C" fn wrapperdescr_get(d: *mut PyObject, obj: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    if obj.is_null() {
        incref(d);
        return d;
    }
    crate::guard::catch_obj(|| {
        check_instance(d, obj)?;
        new_method_wrapper(d, obj)
    })
}

pub unsafe fn new_method_wrapper(d: *mut PyObject, obj: *mut PyObject) -> PyResult<Obj> {
    let op = crate::gc::alloc(std::mem::size_of::<WrapperObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut _PyMethodWrapper_Type);
    let w = op as *mut WrapperObject;
    incref(d);
    (*w).descr = d as *mut PyWrapperDescrObject;
    incref(obj);
    (*w).self_ = obj;
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

/// Runs a slot wrapper's function on `self_` with a tuple of arguments.
unsafe fn call_wrapper(d: *mut PyWrapperDescrObject, self_: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    let base = (*d).d_base;
    let Some(wrapper) = (*base).wrapper else {
        raise(exc::system_error(), "slot wrapper without a wrapper function");
        return null_mut();
    };
    if (*base).flags & crate::objects::typeslots::PyWrapperFlag_KEYWORDS != 0 {
        let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut c_void, *mut PyObject) -> *mut PyObject =
            std::mem::transmute(wrapper);
        return f(self_, args, (*d).d_wrapped, kwds);
    }
    if !kwds.is_null() && crate::objects::dictobject::len(kwds) != 0 {
        let n = name_of(d as *mut PyObject);
        raise(exc::type_error(), format!("wrapper {n}() takes no keyword arguments"));
        return null_mut();
    }
    wrapper(self_, args, (*d).d_wrapped)
}

unsafe extern "C" fn wrapperdescr_call(d: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let n = size_of_var(args);
        if n < 1 {
            return Err(raise(
                exc::type_error(),
                format!("descriptor '{}' of '{}' object needs an argument", name_of(d), owner_name(d)),
            ));
        }
        let self_ = crate::objects::tupleobject::get_item(args, 0);
        let owner = (*(d as *mut PyDescrObject)).d_type;
        if !typeobject::is_subtype(type_of(self_), owner) {
            return Err(raise(
                exc::type_error(),
                format!(
                    "descriptor '{}' requires a '{}' object but received a '{}'",
                    name_of(d),
                    owner_name(d),
                    full_name(type_of(self_))
                ),
            ));
        }
        let rest = crate::objects::tupleobject::from_slice(&crate::objects::tupleobject::items(args)[1..])?;
        Obj::from_owned(call_wrapper(d as *mut PyWrapperDescrObject, self_, rest.as_ptr(), kwds))
    })
}

unsafe extern "C" fn wrapperdescr_repr(d: *mut PyObject) -> *mut PyObject {
    crate::guard::ret_obj(str_::from_str(&format!("<slot wrapper '{}' of '{}' objects>", name_of(d), owner_name(d))))
}

unsafe extern "C" fn wrapper_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let w = op as *mut WrapperObject;
    xdecref((*w).descr as *mut PyObject);
    xdecref((*w).self_);
    crate::gc::free(op);
}

unsafe extern "C" fn wrapper_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let w = op as *mut WrapperObject;
    let Some(visit) = visit else { return 0 };
    let r = visit((*w).descr as *mut PyObject, arg);
    if r != 0 {
        return r;
    }
    visit((*w).self_, arg)
}

unsafe extern "C" fn wrapper_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    let w = op as *mut WrapperObject;
    call_wrapper((*w).descr, (*w).self_, args, kwds)
}

unsafe extern "C" fn wrapper_repr(op: *mut PyObject) -> *mut PyObject {
    let w = op as *mut WrapperObject;
    let s = (*w).self_;
    crate::guard::ret_obj(str_::from_str(&format!(
        "<method-wrapper '{}' of {} object at {s:p}>",
        name_of((*w).descr as *mut PyObject),
        full_name(type_of(s))
    )))
}

// ---- common getters ------------------------------------------------------------------------

/// `__doc__` from a C doc string: the part after a `--\n\n` signature block, or None.
pub unsafe fn doc_from_cstr(doc: *const c_char) -> *mut PyObject {
    if doc.is_null() {
        return noneobject::new_none();
    }
    let text = CStr::from_ptr(doc).to_string_lossy();
    let body = match text.find(")\n--\n\n") {
        Some(i) if text[..i].contains('(') => &text[i + 6..],
        _ => &text[..],
    };
    crate::guard::ret_obj(str_::from_str(body))
}

unsafe extern "C" fn descr_get_doc(d: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let tp = type_of(d);
    let doc = if tp == &raw mut PyMethodDescr_Type || tp == &raw mut PyClassMethodDescr_Type {
        (*(*(d as *mut PyMethodDescrObject)).d_method).ml_doc
    } else if tp == &raw mut PyMemberDescr_Type {
        (*(*(d as *mut PyMemberDescrObject)).d_member).doc
    } else if tp == &raw mut PyGetSetDescr_Type {
        (*(*(d as *mut PyGetSetDescrObject)).d_getset).doc
    } else if tp == &raw mut PyWrapperDescr_Type {
        (*(*(d as *mut PyWrapperDescrObject)).d_base).doc
    } else {
        std::ptr::null()
    };
    doc_from_cstr(doc)
}

unsafe extern "C" fn descr_get_name(d: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let n = (*(d as *mut PyDescrObject)).d_name;
    incref(n);
    n
}

unsafe extern "C" fn descr_get_qualname(d: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let dd = d as *mut PyDescrObject;
    if (*dd).d_qualname.is_null() {
        let q = typeobject::type_qualname_str((*dd).d_type)
            .and_then(|t| str_::from_str(&format!("{t}.{}", name_of(d))));
        match q {
            Ok(q) => (*dd).d_qualname = q.into_ptr(),
            Err(_) => return null_mut(),
        }
    }
    incref((*dd).d_qualname);
    (*dd).d_qualname
}

unsafe extern "C" fn descr_get_objclass(d: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let t = (*(d as *mut PyDescrObject)).d_type as *mut PyObject;
    incref(t);
    t
}

pub unsafe fn ready_types() -> PyResult<()> {
    let _ = err::occurred;
    for t in [
        &raw mut PyMethodDescr_Type,
        &raw mut PyClassMethodDescr_Type,
        &raw mut PyMemberDescr_Type,
        &raw mut PyGetSetDescr_Type,
        &raw mut PyWrapperDescr_Type,
        &raw mut _PyMethodWrapper_Type,
    ] {
        typeobject::ready(t)?;
    }
    Ok(())
}
