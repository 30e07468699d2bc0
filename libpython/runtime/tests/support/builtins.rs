//! Builtin functions for the case files of oracle tests, made as real
//! `builtin_function_or_method` objects over the runtime's protocols. They exist only until
//! the real `builtins` module lands.
#![allow(dead_code)]

use ferric_runtime::ffi::*;
use ferric_runtime::object::*;
use ferric_runtime::objects::{boolobject, longobject, methodobject, noneobject, tupleobject, typeobject, unicodeobject as str_};
use ferric_runtime::protocol::{call, number as num, object as proto, sequence as seq};
use ferric_runtime::{err, exc, Obj, PyResult};
use std::ptr::null_mut;

unsafe fn ret(r: PyResult<Obj>) -> *mut PyObject {
    ferric_runtime::guard::ret_obj(r)
}

unsafe fn args<'a>(a: *const *mut PyObject, n: Py_ssize_t) -> &'a [*mut PyObject] {
    if n == 0 {
        &[]
    } else {
        std::slice::from_raw_parts(a, n as usize)
    }
}

unsafe extern "C" fn b_repr(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(proto::repr(o))
}
unsafe extern "C" fn b_hash(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(proto::hash_checked(o).map(|h| longobject::from_i64(h as i64)))
}
unsafe extern "C" fn b_len(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(seq::size(o).map(|n| longobject::from_i64(n as i64)))
}
unsafe extern "C" fn b_abs(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(num::absolute(o))
}
unsafe extern "C" fn b_divmod(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    if a.len() != 2 {
        err::raise(exc::type_error(), format!("divmod expected 2 arguments, got {}", a.len()));
        return null_mut();
    }
    ret(num::binary_op(a[0], a[1], num::DIVMOD))
}
unsafe extern "C" fn b_pow(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    if !(2..=3).contains(&a.len()) {
        err::raise(exc::type_error(), format!("pow expected at least 2 arguments, got {}", a.len()));
        return null_mut();
    }
    ret(num::power(a[0], a[1], if a.len() == 3 { a[2] } else { noneobject::none() }))
}
unsafe extern "C" fn b_format(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    let spec = if a.len() > 1 { Obj::from_borrowed(a[1]) } else { str_::empty() };
    ret((|| {
        let m = ferric_runtime::objects::typeslots::lookup_special(a[0], "__format__")?
            .ok_or_else(|| err::raise(exc::type_error(), "no __format__"))?;
        call::vectorcall(m.as_ptr(), &[spec.as_ptr()], null_mut())
    })())
}
unsafe extern "C" fn b_isinstance(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    ret((|| {
        let r = ferric_capi::object::PyObject_IsInstance(a[0], a[1]);
        if r < 0 {
            return Err(ferric_runtime::ErrSet::assume_set());
        }
        Ok(Obj::from_borrowed(boolobject::new_bool(r == 1)))
    })())
}
unsafe extern "C" fn b_issubclass(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    ret((|| {
        let r = ferric_capi::object::PyObject_IsSubclass(a[0], a[1]);
        if r < 0 {
            return Err(ferric_runtime::ErrSet::assume_set());
        }
        Ok(Obj::from_borrowed(boolobject::new_bool(r == 1)))
    })())
}
unsafe extern "C" fn b_ascii(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ferric_capi::object::PyObject_ASCII(o)
}
unsafe extern "C" fn b_iter(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(ferric_runtime::protocol::iter::get_iter(o))
}
unsafe extern "C" fn b_next(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(match ferric_runtime::protocol::iter::next(o) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(err::raise(exc::stop_iteration(), "")),
        Err(e) => Err(e),
    })
}
unsafe extern "C" fn b_getattr(_: *mut PyObject, a: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = args(a, n);
    ret(proto::getattr(a[0], a[1]))
}
unsafe extern "C" fn b_type_name(_: *mut PyObject, o: *mut PyObject) -> *mut PyObject {
    ret(str_::from_str(typeobject::full_name(type_of(o))))
}

macro_rules! defs {
    ($($name:expr => $f:ident, $flags:expr;)*) => {
        static mut DEFS: [PyMethodDef; 0 $(+ { let _ = $name; 1 })*] = [
            $( PyMethodDef { ml_name: $name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>($f as *const ()) }), ml_flags: $flags, ml_doc: std::ptr::null() }, )*
        ];
    };
}

defs! {
    c"repr" => b_repr, METH_O;
    c"hash" => b_hash, METH_O;
    c"len" => b_len, METH_O;
    c"abs" => b_abs, METH_O;
    c"divmod" => b_divmod, METH_FASTCALL;
    c"pow" => b_pow, METH_FASTCALL;
    c"format" => b_format, METH_FASTCALL;
    c"isinstance" => b_isinstance, METH_FASTCALL;
    c"issubclass" => b_issubclass, METH_FASTCALL;
    c"ascii" => b_ascii, METH_O;
    c"iter" => b_iter, METH_O;
    c"next" => b_next, METH_O;
    c"getattr" => b_getattr, METH_FASTCALL;
    c"type_name" => b_type_name, METH_O;
}

/// A builtin function by name.
pub unsafe fn lookup(name: &str) -> Option<Obj> {
    let defs = &raw mut DEFS;
    for i in 0..(*defs).len() {
        let d = (defs as *mut PyMethodDef).add(i);
        if std::ffi::CStr::from_ptr((*d).ml_name).to_str().ok() == Some(name) {
            return methodobject::new_cfunction(d, null_mut(), null_mut()).ok();
        }
    }
    None
}

/// A builtin type or exception class of the runtime, by its builtins name.
pub unsafe fn runtime_type(name: &str) -> Option<Obj> {
    ferric_runtime::lifecycle::builtin_types()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| Obj::from_borrowed(t as *mut PyObject))
}

#[allow(unused)]
fn _t() -> *mut PyObject {
    tupleobject::tuple_type() as *mut PyObject
}
