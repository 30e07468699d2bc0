//! `function`: what `def` and `lambda` make (CPython's funcobject.c). Calls go through
//! vectorcall straight into the eval loop (`ceval::function_vectorcall`).

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_OBJECT};
use crate::objects::typeobject::{self, getset, GETSET_END};
use crate::objects::{dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::mem::offset_of;
use std::ptr::null_mut;
use std::sync::atomic::{AtomicU32, Ordering};

static mut FUNC_MEMBERS: [PyMemberDef; 6] = [
    member(c"__closure__", T_OBJECT, offset_of!(PyFunctionObject, func_closure), READONLY),
    member(c"__doc__", T_OBJECT, offset_of!(PyFunctionObject, func_doc), 0),
    member(c"__globals__", T_OBJECT, offset_of!(PyFunctionObject, func_globals), READONLY),
    member(c"__module__", T_OBJECT, offset_of!(PyFunctionObject, func_module), 0),
    member(c"__builtins__", T_OBJECT, offset_of!(PyFunctionObject, func_builtins), READONLY),
    MEMBER_END,
];

static mut FUNC_GETSET: [PyGetSetDef; 8] = [
    getset(c"__code__", Some(get_code), Some(set_code)),
    getset(c"__defaults__", Some(get_defaults), Some(set_defaults)),
    getset(c"__kwdefaults__", Some(get_kwdefaults), Some(set_kwdefaults)),
    getset(c"__annotations__", Some(get_annotations), Some(set_annotations)),
    getset(c"__dict__", Some(crate::objects::typenew::subtype_get_dict), Some(crate::objects::typenew::generic_set_dict)),
    getset(c"__name__", Some(get_name), Some(set_name)),
    getset(c"__qualname__", Some(get_qualname), Some(set_qualname)),
    GETSET_END,
];

#[no_mangle]
pub static mut PyFunction_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"function".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyFunctionObject>() as _,
    tp_dealloc: Some(func_dealloc),
    tp_vectorcall_offset: offset_of!(PyFunctionObject, vectorcall) as _,
    tp_repr: Some(func_repr),
    tp_call: Some(crate::protocol::call::tp_call_via_vectorcall),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR,
    tp_doc: c"Create a function object.\n\n  code\n    a code object\n  globals\n    the globals dictionary\n  name\n    a string that overrides the name from the code object\n  argdefs\n    a tuple that specifies the default argument values\n  closure\n    a tuple that supplies the bindings for free variables".as_ptr(),
    tp_traverse: Some(func_traverse),
    tp_clear: Some(func_clear),
    tp_weaklistoffset: offset_of!(PyFunctionObject, func_weakreflist) as _,
    tp_members: (&raw mut FUNC_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut FUNC_GETSET) as *mut PyGetSetDef,
    tp_descr_get: Some(func_descr_get),
    tp_dictoffset: offset_of!(PyFunctionObject, func_dict) as _,
    tp_new: Some(func_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// Versions key the call caches; 0 means "no version" (changed defaults or code).
static NEXT_FUNC_VERSION: AtomicU32 = AtomicU32::new(1);

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyFunction_Type
}

#[inline]
pub unsafe fn raw(op: *mut PyObject) -> *mut PyFunctionObject {
    op as *mut PyFunctionObject
}

#[inline]
pub unsafe fn code(op: *mut PyObject) -> *mut PyCodeObject {
    (*raw(op)).func_code as *mut PyCodeObject
}

/// The builtins a function made with `globals` runs with: `globals['__builtins__']` (a module's
/// dict when it is a module), else the interpreter's.
pub unsafe fn builtins_for(globals: *mut PyObject) -> PyResult<Obj> {
    if dict::check(globals) {
        if let Some(b) = dict::get_item_str(globals, "__builtins__").ok().filter(|p| !p.is_null()) {
            if crate::objects::moduleobject::check(b) {
                return Ok(Obj::from_borrowed(crate::objects::moduleobject::get_dict(b)));
            }
            return Ok(Obj::from_borrowed(b));
        }
    }
    Ok(Obj::from_borrowed(crate::interp::builtins()))
}

/// PyFunction_NewWithQualName: `qualname` may be NULL (then the code's).
pub unsafe fn new(code_obj: *mut PyObject, globals: *mut PyObject, qualname: *mut PyObject) -> PyResult<Obj> {
    let co = code_obj as *mut PyCodeObject;
    let consts = (*co).co_consts;
    // 3.11 has no docstring flag: the first constant is the doc when it is a str.
    let doc = match consts.is_null() || size_of_var(consts) == 0 {
        false if str_::check(tuple::get_item(consts, 0)) => tuple::get_item(consts, 0),
        _ => noneobject::none(),
    };
    let module = if dict::check(globals) { dict::get_item_str(globals, "__name__")? } else { null_mut() };
    let builtins = builtins_for(globals)?;
    let op = crate::gc::alloc(std::mem::size_of::<PyFunctionObject>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyFunction_Type);
    let f = raw(op);
    let qualname = if qualname.is_null() { (*co).co_qualname } else { qualname };
    for (slot, v) in [
        (&raw mut (*f).func_globals, globals),
        (&raw mut (*f).func_name, (*co).co_name),
        (&raw mut (*f).func_qualname, qualname),
        (&raw mut (*f).func_code, code_obj),
        (&raw mut (*f).func_doc, doc),
        (&raw mut (*f).func_module, module),
    ] {
        xincref(v);
        *slot = v;
    }
    (*f).func_builtins = builtins.into_ptr();
    (*f).func_defaults = null_mut();
    (*f).func_kwdefaults = null_mut();
    (*f).func_closure = null_mut();
    (*f).func_dict = null_mut();
    (*f).func_weakreflist = null_mut();
    (*f).func_annotations = null_mut();
    (*f).vectorcall = Some(crate::ceval::function_vectorcall);
    (*f).func_version = NEXT_FUNC_VERSION.fetch_add(1, Ordering::Relaxed);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe fn fields(f: *mut PyFunctionObject) -> [*mut *mut PyObject; 12] {
    [
        &raw mut (*f).func_globals,
        &raw mut (*f).func_builtins,
        &raw mut (*f).func_name,
        &raw mut (*f).func_qualname,
        &raw mut (*f).func_code,
        &raw mut (*f).func_defaults,
        &raw mut (*f).func_kwdefaults,
        &raw mut (*f).func_closure,
        &raw mut (*f).func_doc,
        &raw mut (*f).func_dict,
        &raw mut (*f).func_module,
        &raw mut (*f).func_annotations,
    ]
}

unsafe extern "C" fn func_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    if !(*raw(op)).func_weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    func_clear(op);
    crate::gc::free(op);
}

unsafe extern "C" fn func_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for slot in fields(raw(op)) {
        let v = *slot;
        if !v.is_null() {
            let r = visit(v, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn func_clear(op: *mut PyObject) -> c_int {
    for slot in fields(raw(op)) {
        xsetref(slot, null_mut());
    }
    0
}

unsafe extern "C" fn func_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let q = str_::as_str((*raw(op)).func_qualname).unwrap_or("?");
        str_::from_str(&format!("<function {q} at {op:p}>"))
    })
}

unsafe extern "C" fn func_descr_get(f: *mut PyObject, obj: *mut PyObject, _tp: *mut PyObject) -> *mut PyObject {
    if obj.is_null() || noneobject::is_none(obj) {
        incref(f);
        return f;
    }
    crate::guard::ret_obj(crate::objects::classobject::new_method(f, obj))
}

/// function(code, globals, name=None, argdefs=None, closure=None)
unsafe extern "C" fn func_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let got = crate::protocol::args::bind("function", args, kwds, &["code", "globals", "name", "argdefs", "closure"], 2)?;
        let [code_obj, globals, name, argdefs, closure]: [*mut PyObject; 5] = std::array::from_fn(|i| got[i].unwrap_or(null_mut()));
        if !crate::objects::codeobject::check(code_obj) {
            return Err(raise(exc::type_error(), format!("function() argument 'code' must be code, not {}", typeobject::full_name(type_of(code_obj)))));
        }
        if !dict::check(globals) {
            return Err(raise(exc::type_error(), format!("function() argument 'globals' must be dict, not {}", typeobject::full_name(type_of(globals)))));
        }
        let f = new(code_obj, globals, null_mut())?;
        let fo = raw(f.as_ptr());
        if !name.is_null() && !noneobject::is_none(name) {
            if !str_::check(name) {
                return Err(raise(exc::type_error(), "arg 3 (name) must be None or string"));
            }
            incref(name);
            xsetref(&raw mut (*fo).func_name, name);
        }
        if !argdefs.is_null() && !noneobject::is_none(argdefs) {
            if !tuple::check(argdefs) {
                return Err(raise(exc::type_error(), "arg 4 (defaults) must be None or tuple"));
            }
            incref(argdefs);
            (*fo).func_defaults = argdefs;
        }
        let nfree = (*code(f.as_ptr())).co_nfreevars as Py_ssize_t;
        let given = if closure.is_null() || noneobject::is_none(closure) { 0 } else { size_of_var(closure) };
        if !closure.is_null() && !noneobject::is_none(closure) && !tuple::check(closure) {
            return Err(raise(exc::type_error(), "arg 5 (closure) must be tuple"));
        }
        if nfree != given {
            if nfree == 0 {
                return Err(raise(exc::type_error(), format!("{} closure must be empty/None", str_::as_str((*code(f.as_ptr())).co_name)?)));
            }
            return Err(raise(exc::value_error(), format!("{} requires closure of length {nfree}, not {given}", str_::as_str((*code(f.as_ptr())).co_name)?)));
        }
        if given > 0 {
            for &c in tuple::items(closure) {
                if !crate::objects::cellobject::check(c) {
                    return Err(raise(exc::type_error(), format!("arg 5 (closure) expected cell, found {}", typeobject::full_name(type_of(c)))));
                }
            }
            incref(closure);
            (*fo).func_closure = closure;
        }
        Ok(f)
    })
}

unsafe fn get_field(p: *mut PyObject) -> *mut PyObject {
    let v = if p.is_null() { noneobject::none() } else { p };
    incref(v);
    v
}

unsafe extern "C" fn get_code(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).func_code)
}

unsafe extern "C" fn set_code(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() || !crate::objects::codeobject::check(v) {
        raise(exc::type_error(), "__code__ must be set to a code object");
        return -1;
    }
    let nfree = (*(v as *mut PyCodeObject)).co_nfreevars as Py_ssize_t;
    let f = raw(op);
    let nclosure = if (*f).func_closure.is_null() { 0 } else { size_of_var((*f).func_closure) };
    if nclosure != nfree {
        let name = str_::as_str((*f).func_name).unwrap_or("?");
        raise(exc::value_error(), format!("{name}() requires a code object with {nclosure} free vars, not {nfree}"));
        return -1;
    }
    incref(v);
    xsetref(&raw mut (*f).func_code, v);
    (*f).func_version = 0;
    0
}

unsafe extern "C" fn get_defaults(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).func_defaults)
}

unsafe extern "C" fn set_defaults(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let v = if v.is_null() || noneobject::is_none(v) { null_mut() } else { v };
    if !v.is_null() && !tuple::check(v) {
        raise(exc::type_error(), "__defaults__ must be set to a tuple object");
        return -1;
    }
    xincref(v);
    xsetref(&raw mut (*raw(op)).func_defaults, v);
    (*raw(op)).func_version = 0;
    0
}

unsafe extern "C" fn get_kwdefaults(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).func_kwdefaults)
}

unsafe extern "C" fn set_kwdefaults(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let v = if v.is_null() || noneobject::is_none(v) { null_mut() } else { v };
    if !v.is_null() && !dict::check(v) {
        raise(exc::type_error(), "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    xincref(v);
    xsetref(&raw mut (*raw(op)).func_kwdefaults, v);
    (*raw(op)).func_version = 0;
    0
}

/// `__annotations__` is made on first access; a tuple of name/value pairs from
/// MAKE_FUNCTION (flag 0x04) becomes a dict then, as CPython.
unsafe extern "C" fn get_annotations(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = raw(op);
        if (*f).func_annotations.is_null() {
            (*f).func_annotations = dict::new()?.into_ptr();
        } else if tuple::check((*f).func_annotations) {
            let t = (*f).func_annotations;
            let d = dict::new()?;
            for pair in tuple::items(t).chunks(2) {
                if let [k, v] = pair {
                    dict::set_item(d.as_ptr(), *k, *v)?;
                }
            }
            (*f).func_annotations = d.into_ptr();
            decref(t);
        }
        Ok(Obj::from_borrowed((*f).func_annotations))
    })
}

unsafe extern "C" fn set_annotations(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let v = if !v.is_null() && noneobject::is_none(v) { null_mut() } else { v };
    if !v.is_null() && !dict::check(v) {
        raise(exc::type_error(), "__annotations__ must be set to a dict object");
        return -1;
    }
    xincref(v);
    xsetref(&raw mut (*raw(op)).func_annotations, v);
    0
}

unsafe fn set_str_field(slot: *mut *mut PyObject, v: *mut PyObject, what: &str) -> c_int {
    if v.is_null() || !str_::check(v) {
        raise(exc::type_error(), format!("{what} must be set to a string object"));
        return -1;
    }
    incref(v);
    xsetref(slot, v);
    0
}

unsafe extern "C" fn get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).func_name)
}

unsafe extern "C" fn set_name(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_str_field(&raw mut (*raw(op)).func_name, v, "__name__")
}

unsafe extern "C" fn get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_field((*raw(op)).func_qualname)
}

unsafe extern "C" fn set_qualname(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    set_str_field(&raw mut (*raw(op)).func_qualname, v, "__qualname__")
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(&raw mut PyFunction_Type)
}
