//! `builtin_function_or_method`: a C function from a `PyMethodDef`, maybe bound to `m_self`,
//! called through vectorcall according to its `METH_*` calling convention.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, getset, has_feature, GETSET_END};
use crate::objects::{dictobject as dict, moduleobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void, CStr};
use std::ptr::null_mut;

#[no_mangle]
pub static mut PyCFunction_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"builtin_function_or_method".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyCFunctionObject>() as _,
    tp_dealloc: Some(meth_dealloc),
    tp_vectorcall_offset: std::mem::offset_of!(PyCFunctionObject, vectorcall) as _,
    tp_repr: Some(meth_repr),
    tp_hash: Some(meth_hash),
    tp_call: Some(crate::protocol::call::tp_call_via_vectorcall),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    tp_traverse: Some(meth_traverse),
    tp_richcompare: Some(meth_richcompare),
    tp_weaklistoffset: std::mem::offset_of!(PyCFunctionObject, m_weakreflist) as _,
    tp_getset: (&raw mut METH_GETSET) as *mut PyGetSetDef,
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

static mut METH_GETSET: [PyGetSetDef; 6] = [
    getset(c"__doc__", Some(meth_get_doc), None),
    getset(c"__name__", Some(meth_get_name), None),
    getset(c"__qualname__", Some(meth_get_qualname), None),
    getset(c"__self__", Some(meth_get_self), None),
    getset(c"__module__", Some(meth_get_module), None),
    GETSET_END,
];

#[inline(always)]
pub unsafe fn check(op: *mut PyObject) -> bool {
    typeobject::is_subtype(type_of(op), &raw mut PyCFunction_Type)
}

/// CPython's `PyCMethodObject`: a builtin function whose METH_METHOD implementation also
/// receives its defining class.
#[repr(C)]
pub struct PyCMethodObject {
    pub func: PyCFunctionObject,
    pub mm_class: *mut PyTypeObject,
}

/// A builtin function for `ml`, bound to `self_` (a module, an instance, or NULL).
pub unsafe fn new_cfunction(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject) -> PyResult<Obj> {
    new_cmethod(ml, self_, module, null_mut())
}

/// `new_cfunction` with the defining class that METH_METHOD functions receive.
pub unsafe fn new_cmethod(ml: *mut PyMethodDef, self_: *mut PyObject, module: *mut PyObject, cls: *mut PyTypeObject) -> PyResult<Obj> {
    let is_method = (*ml).ml_flags & METH_METHOD != 0;
    if is_method && cls.is_null() {
        return Err(raise(exc::system_error(), "attempting to create PyCMethod with a METH_METHOD flag but no class"));
    }
    if !is_method && !cls.is_null() {
        return Err(raise(exc::system_error(), "attempting to create PyCFunction with class but no METH_METHOD flag"));
    }
    let size = if is_method { std::mem::size_of::<PyCMethodObject>() } else { std::mem::size_of::<PyCFunctionObject>() };
    let op = crate::gc::alloc(size);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, &raw mut PyCFunction_Type);
    let f = op as *mut PyCFunctionObject;
    (*f).m_ml = ml;
    xincref(self_);
    (*f).m_self = self_;
    xincref(module);
    (*f).m_module = module;
    (*f).m_weakreflist = null_mut();
    (*f).vectorcall = Some(cfunction_vectorcall);
    if is_method {
        xincref(cls as *mut PyObject);
        (*(op as *mut PyCMethodObject)).mm_class = cls;
    }
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

unsafe extern "C" fn cfunction_vectorcall(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    let f = callable as *mut PyCFunctionObject;
    let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
    let name = || function_str(f);
    let cls = if (*(*f).m_ml).ml_flags & METH_METHOD != 0 { (*(callable as *mut PyCMethodObject)).mm_class } else { null_mut() };
    // C functions count against the recursion limit, as CPython's cfunction_vectorcall_*.
    crate::guard::catch_obj(|| {
        crate::ceval_guard::enter_recursive_call(" while calling a Python object")?;
        let r = call_methoddef((*f).m_ml, (*f).m_self, args, nargs, kwnames, cls, &name);
        crate::ceval_guard::leave_recursive_call();
        r
    })
}

/// The name in argument errors (CPython's `_PyObject_FunctionStr`): the qualified name,
/// after `module.` unless the module is `builtins`.
unsafe fn function_str(f: *mut PyCFunctionObject) -> String {
    let q = display_name((*f).m_ml, (*f).m_self);
    let m = (*f).m_module;
    match (!m.is_null() && str_::check(m)).then(|| str_::as_str(m).ok()).flatten() {
        Some(m) if m != "builtins" => format!("{m}.{q}"),
        _ => q,
    }
}

/// The qualified name: `len` for module functions, `list.append`
/// for methods.
pub unsafe fn display_name(ml: *mut PyMethodDef, self_: *mut PyObject) -> String {
    let name = CStr::from_ptr((*ml).ml_name).to_string_lossy().into_owned();
    if self_.is_null() || moduleobject::check(self_) {
        return name;
    }
    let tp = if typeobject::is_type(self_) { self_ as *mut PyTypeObject } else { type_of(self_) };
    format!("{}.{}", typeobject::type_qualname_str(tp).unwrap_or_default(), name)
}

/// Calls the C function of `ml` with `self_` and vectorcall-style arguments, adapting to its
/// `METH_*` convention; `cls` is the defining class for METH_METHOD.
pub unsafe fn call_methoddef(
    ml: *mut PyMethodDef,
    self_: *mut PyObject,
    args: *const *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    cls: *mut PyTypeObject,
    name: &dyn Fn() -> String,
) -> PyResult<Obj> {
    let flags = (*ml).ml_flags & !(METH_CLASS | METH_STATIC | METH_COEXIST);
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let Some(meth) = (*ml).ml_meth else {
        return Err(raise(exc::system_error(), format!("{}() has no C implementation", name())));
    };
    let argv: &[*mut PyObject] = if args.is_null() { &[] } else { std::slice::from_raw_parts(args, nargs + nkw) };
    let no_kw = |nkw: usize| -> PyResult<()> {
        if nkw != 0 {
            return Err(raise(exc::type_error(), format!("{}() takes no keyword arguments", name())));
        }
        Ok(())
    };
    let callable_for_check = null_mut();
    let r = match flags {
        METH_NOARGS => {
            no_kw(nkw)?;
            if nargs != 0 {
                return Err(raise(exc::type_error(), format!("{}() takes no arguments ({nargs} given)", name())));
            }
            meth(self_, null_mut())
        }
        METH_O => {
            no_kw(nkw)?;
            if nargs != 1 {
                return Err(raise(
                    exc::type_error(),
                    format!("{}() takes exactly one argument ({nargs} given)", name()),
                ));
            }
            meth(self_, argv[0])
        }
        METH_VARARGS => {
            no_kw(nkw)?;
            let t = tuple::from_slice(&argv[..nargs])?;
            meth(self_, t.as_ptr())
        }
        x if x == METH_VARARGS | METH_KEYWORDS => {
            let t = tuple::from_slice(&argv[..nargs])?;
            let kw = if nkw == 0 {
                None
            } else {
                let d = dict::new()?;
                for i in 0..nkw {
                    dict::set_item(d.as_ptr(), tuple::get_item(kwnames, i as isize), argv[nargs + i])?;
                }
                Some(d)
            };
            let f: unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject =
                std::mem::transmute(meth);
            f(self_, t.as_ptr(), kw.as_ref().map(|d| d.as_ptr()).unwrap_or(null_mut()))
        }
        METH_FASTCALL => {
            no_kw(nkw)?;
            let f: unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject =
                std::mem::transmute(meth);
            f(self_, argv.as_ptr(), nargs as Py_ssize_t)
        }
        x if x == METH_FASTCALL | METH_KEYWORDS => {
            let f: unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject =
                std::mem::transmute(meth);
            f(self_, argv.as_ptr(), nargs as Py_ssize_t, if nkw == 0 { null_mut() } else { kwnames })
        }
        x if x == METH_METHOD | METH_FASTCALL | METH_KEYWORDS => {
            let f: unsafe extern "C" fn(
                *mut PyObject,
                *mut PyTypeObject,
                *const *mut PyObject,
                Py_ssize_t,
                *mut PyObject,
            ) -> *mut PyObject = std::mem::transmute(meth);
            f(self_, cls, argv.as_ptr(), nargs as Py_ssize_t, if nkw == 0 { null_mut() } else { kwnames })
        }
        _ => {
            return Err(raise(
                exc::system_error(),
                format!("{}() method: bad call flags", name()),
            ))
        }
    };
    crate::protocol::call::check_result(callable_for_check, r)
}

unsafe extern "C" fn meth_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let f = op as *mut PyCFunctionObject;
    crate::objects::weakrefobject::clear_weakrefs(op);
    xdecref((*f).m_self);
    xdecref((*f).m_module);
    if (*(*f).m_ml).ml_flags & METH_METHOD != 0 {
        xdecref((*(op as *mut PyCMethodObject)).mm_class as *mut PyObject);
    }
    crate::gc::free(op);
}

unsafe extern "C" fn meth_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let f = op as *mut PyCFunctionObject;
    let Some(visit) = visit else { return 0 };
    for p in [(*f).m_self, (*f).m_module] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn meth_repr(op: *mut PyObject) -> *mut PyObject {
    let f = op as *mut PyCFunctionObject;
    let name = CStr::from_ptr((*(*f).m_ml).ml_name).to_string_lossy();
    let s = if (*f).m_self.is_null() || moduleobject::check((*f).m_self) {
        format!("<built-in function {name}>")
    } else {
        let s = (*f).m_self;
        format!("<built-in method {name} of {} object at {s:p}>", typeobject::full_name(type_of(s)))
    };
    crate::guard::ret_obj(str_::from_str(&s))
}

unsafe extern "C" fn meth_hash(op: *mut PyObject) -> Py_hash_t {
    let f = op as *mut PyCFunctionObject;
    let x = crate::protocol::object::hash_pointer((*f).m_self as *const c_void);
    let y = crate::protocol::object::hash_pointer((*(*f).m_ml).ml_meth.map(|m| m as *const c_void).unwrap_or(std::ptr::null()));
    let h = x ^ y;
    if h == -1 {
        -2
    } else {
        h
    }
}

unsafe extern "C" fn meth_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
        return crate::objects::noneobject::not_implemented();
    }
    let (fa, fb) = (a as *mut PyCFunctionObject, b as *mut PyCFunctionObject);
    let eq = (*fa).m_self == (*fb).m_self
        && (*(*fa).m_ml).ml_meth.map(|m| m as usize) == (*(*fb).m_ml).ml_meth.map(|m| m as usize);
    crate::objects::boolobject::new_bool(eq == (op == Py_EQ))
}

unsafe extern "C" fn meth_get_doc(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let ml = (*(op as *mut PyCFunctionObject)).m_ml;
    crate::objects::descrobject::doc_from_cstr((*ml).ml_doc)
}

unsafe extern "C" fn meth_get_name(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let ml = (*(op as *mut PyCFunctionObject)).m_ml;
    crate::guard::ret_obj(str_::from_cstr((*ml).ml_name))
}

unsafe extern "C" fn meth_get_qualname(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let f = op as *mut PyCFunctionObject;
    crate::guard::ret_obj(str_::from_str(&display_name((*f).m_ml, (*f).m_self)))
}

unsafe extern "C" fn meth_get_self(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let s = (*(op as *mut PyCFunctionObject)).m_self;
    let s = if s.is_null() { crate::objects::noneobject::none() } else { s };
    incref(s);
    s
}

unsafe extern "C" fn meth_get_module(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let m = (*(op as *mut PyCFunctionObject)).m_module;
    let m = if m.is_null() { crate::objects::noneobject::none() } else { m };
    incref(m);
    m
}

pub unsafe fn ready_type() -> PyResult<()> {
    let _ = has_feature;
    typeobject::ready(&raw mut PyCFunction_Type)
}
