//! Context variables (`Python/context.c`): `Context`, `ContextVar` and `Token`, with the
//! thread state's `context`/`context_ver` as CPython keeps them. CPython maps variables to
//! values in a HAMT; here each context holds a dict that is never changed once another
//! context may share it (a set copies it first), so copies stay O(1) and independent.
//! The object layouts follow 3.11's `internal/pycore_context.h` with the dict in place of
//! the HAMT.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{dictobject as dict, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;

#[repr(C)]
pub struct PyContext {
    pub ob_base: PyObject,
    pub ctx_prev: *mut PyContext,
    /// A dict from ContextVar to value, shared between copies: replaced, never mutated.
    pub ctx_vars: *mut PyObject,
    pub ctx_weakreflist: *mut PyObject,
    pub ctx_entered: c_int,
}

#[repr(C)]
pub struct PyContextVar {
    pub ob_base: PyObject,
    pub var_name: *mut PyObject,
    pub var_default: *mut PyObject,
    pub var_cached: *mut PyObject,
    pub var_cached_tsid: u64,
    pub var_cached_tsver: u64,
    pub var_hash: Py_hash_t,
}

#[repr(C)]
pub struct PyContextToken {
    pub ob_base: PyObject,
    pub tok_ctx: *mut PyContext,
    pub tok_var: *mut PyContextVar,
    pub tok_oldval: *mut PyObject,
    pub tok_used: c_int,
}

macro_rules! static_type {
    ($name:ident, $tp_name:literal, $size:ty, { $($field:ident : $value:expr),* $(,)? }) => {
        #[no_mangle]
        pub static mut $name: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $tp_name.as_ptr(),
            tp_basicsize: std::mem::size_of::<$size>() as _,
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            $($field: $value,)*
            ..PyTypeObject::EMPTY
        };
    };
}

static_type!(PyContext_Type, c"_contextvars.Context", PyContext, {
    tp_dealloc: Some(ctx_dealloc),
    tp_traverse: Some(ctx_traverse),
    tp_clear: Some(ctx_clear),
    tp_weaklistoffset: std::mem::offset_of!(PyContext, ctx_weakreflist) as _,
    tp_methods: (&raw mut CTX_METHODS) as *mut PyMethodDef,
    tp_as_mapping: &raw mut CTX_AS_MAPPING,
    tp_as_sequence: &raw mut CTX_AS_SEQUENCE,
    tp_hash: Some(proto::hash_not_implemented),
    tp_new: Some(ctx_new),
});

static_type!(PyContextVar_Type, c"_contextvars.ContextVar", PyContextVar, {
    tp_dealloc: Some(var_dealloc),
    tp_traverse: Some(var_traverse),
    tp_methods: (&raw mut VAR_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut VAR_MEMBERS) as *mut PyMemberDef,
    tp_hash: Some(var_hash),
    tp_repr: Some(var_repr),
    tp_new: Some(var_new),
});

static_type!(PyContextToken_Type, c"_contextvars.Token", PyContextToken, {
    tp_dealloc: Some(tok_dealloc),
    tp_traverse: Some(tok_traverse),
    tp_getset: (&raw mut TOK_GETSET) as *mut PyGetSetDef,
    tp_repr: Some(tok_repr),
    tp_hash: Some(proto::hash_not_implemented),
});

static mut CTX_METHODS: [PyMethodDef; 4] = [
    method(c"run", ctx_run as *const (), METH_FASTCALL | METH_KEYWORDS, c""),
    method(c"copy", ctx_copy_meth as *const (), METH_NOARGS, c""),
    method(c"get", ctx_get_meth as *const (), METH_FASTCALL, c""),
    METHOD_END,
];

static mut CTX_AS_MAPPING: PyMappingMethods =
    PyMappingMethods { mp_length: Some(ctx_len), mp_subscript: Some(ctx_subscript), mp_ass_subscript: None };

static mut CTX_AS_SEQUENCE: PySequenceMethods = PySequenceMethods { sq_contains: Some(ctx_contains), ..PySequenceMethods::EMPTY };

static mut VAR_METHODS: [PyMethodDef; 4] = [
    method(c"get", var_get_meth as *const (), METH_FASTCALL, c""),
    method(c"set", var_set_meth as *const (), METH_O, c""),
    method(c"reset", var_reset_meth as *const (), METH_O, c""),
    METHOD_END,
];

static mut VAR_MEMBERS: [PyMemberDef; 2] = [
    PyMemberDef {
        name: c"name".as_ptr(),
        type_: crate::objects::descrobject::T_OBJECT,
        offset: std::mem::offset_of!(PyContextVar, var_name) as _,
        flags: crate::objects::descrobject::READONLY,
        doc: std::ptr::null(),
    },
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut TOK_GETSET: [PyGetSetDef; 3] = [
    PyGetSetDef { name: c"var".as_ptr(), get: Some(tok_get_var), set: None, doc: std::ptr::null(), closure: null_mut() },
    PyGetSetDef { name: c"old_value".as_ptr(), get: Some(tok_get_old_value), set: None, doc: std::ptr::null(), closure: null_mut() },
    typeobject::GETSET_END,
];

/// `Token.MISSING`: the old value of a token whose variable had none.
static mut TOKEN_MISSING: *mut PyObject = null_mut();

pub unsafe fn ctx_check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyContext_Type
}
pub unsafe fn var_check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyContextVar_Type
}
pub unsafe fn token_check(op: *mut PyObject) -> bool {
    type_of(op) == &raw mut PyContextToken_Type
}

unsafe fn alloc<T>(tp: *mut PyTypeObject) -> PyResult<*mut T> {
    let op = crate::gc::alloc(std::mem::size_of::<T>());
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    std::ptr::write_bytes((op as *mut u8).add(std::mem::size_of::<PyObject>()), 0, std::mem::size_of::<T>() - std::mem::size_of::<PyObject>());
    typeobject::init_object(op, tp);
    Ok(op as *mut T)
}

/// A context holding `vars` (a new reference is taken).
unsafe fn new_context(vars: *mut PyObject) -> PyResult<Obj> {
    let c = alloc::<PyContext>(&raw mut PyContext_Type)?;
    incref(vars);
    (*c).ctx_vars = vars;
    crate::gc::track(c as *mut PyObject);
    Ok(Obj::from_owned_nonnull(c as *mut PyObject))
}

/// `PyContext_New`.
pub unsafe fn new_empty() -> PyResult<Obj> {
    let d = dict::new()?;
    new_context(d.as_ptr())
}

/// `PyContext_Copy`: the same variables (the dict is shared; neither side mutates it).
pub unsafe fn copy(ctx: *mut PyObject) -> PyResult<Obj> {
    if !ctx_check(ctx) {
        return Err(raise(exc::type_error(), "an instance of Context was expected"));
    }
    new_context((*(ctx as *mut PyContext)).ctx_vars)
}

/// The thread's current context, made (empty) on first use (borrowed).
pub unsafe fn current() -> PyResult<*mut PyObject> {
    let ts = crate::pystate::tstate();
    if (*ts).context.is_null() {
        (*ts).context = new_empty()?.into_ptr();
        (*ts).context_ver += 1;
    }
    Ok((*ts).context)
}

/// `PyContext_CopyCurrent`.
pub unsafe fn copy_current() -> PyResult<Obj> {
    copy(current()?)
}

pub unsafe fn enter(ctx: *mut PyObject) -> PyResult<()> {
    if !ctx_check(ctx) {
        return Err(raise(exc::type_error(), "an instance of Context was expected"));
    }
    let c = ctx as *mut PyContext;
    if (*c).ctx_entered != 0 {
        return Err(raise(exc::runtime_error(), format!("cannot enter context: {} is already entered", proto::repr_string(ctx)?)));
    }
    let ts = crate::pystate::tstate();
    (*c).ctx_prev = (*ts).context as *mut PyContext; // the reference moves to ctx_prev
    (*c).ctx_entered = 1;
    incref(ctx);
    (*ts).context = ctx;
    (*ts).context_ver += 1;
    Ok(())
}

pub unsafe fn exit(ctx: *mut PyObject) -> PyResult<()> {
    if !ctx_check(ctx) {
        return Err(raise(exc::type_error(), "an instance of Context was expected"));
    }
    let c = ctx as *mut PyContext;
    if (*c).ctx_entered == 0 {
        return Err(raise(exc::runtime_error(), format!("cannot exit context: {} has not been entered", proto::repr_string(ctx)?)));
    }
    let ts = crate::pystate::tstate();
    if (*ts).context != ctx {
        return Err(raise(exc::runtime_error(), "cannot exit context: thread state references a different context object"));
    }
    (*ts).context = (*c).ctx_prev as *mut PyObject;
    (*ts).context_ver += 1;
    (*c).ctx_prev = null_mut();
    (*c).ctx_entered = 0;
    decref(ctx);
    Ok(())
}

/// `PyContextVar_New`.
pub unsafe fn new_var(name: *mut PyObject, default: *mut PyObject) -> PyResult<Obj> {
    if !str_::check(name) {
        return Err(raise(exc::type_error(), "context variable name must be a str"));
    }
    let v = alloc::<PyContextVar>(&raw mut PyContextVar_Type)?;
    incref(name);
    (*v).var_name = name;
    xincref(default);
    (*v).var_default = default;
    let name_hash = proto::hash(name);
    let obj = Obj::from_owned_nonnull(v as *mut PyObject);
    if name_hash == -1 {
        return Err(crate::ErrSet::assume_set());
    }
    // CPython's contextvar_generate_hash: the address mixed with the name's hash.
    let addr = proto::hash_pointer(v as *const c_void);
    let h = addr ^ name_hash;
    (*v).var_hash = if h == -1 { -2 } else { h };
    crate::gc::track(v as *mut PyObject);
    Ok(obj)
}

unsafe fn vars_of(ctx: *mut PyObject) -> *mut PyObject {
    (*(ctx as *mut PyContext)).ctx_vars
}

/// `PyContextVar_Get`: the value in the current context, else `default`, else the variable's
/// default; None when there is none (no error).
pub unsafe fn get(var: *mut PyObject, default: *mut PyObject) -> PyResult<Option<Obj>> {
    if !var_check(var) {
        return Err(raise(exc::type_error(), "an instance of ContextVar was expected"));
    }
    let ts = crate::pystate::tstate();
    if !(*ts).context.is_null() {
        if let Some(v) = dict::get_item(vars_of((*ts).context), var)? {
            return Ok(Some(Obj::from_borrowed(v)));
        }
    }
    if !default.is_null() {
        return Ok(Some(Obj::from_borrowed(default)));
    }
    let d = (*(var as *mut PyContextVar)).var_default;
    Ok((!d.is_null()).then(|| Obj::from_borrowed(d)))
}

/// Replaces the current context's variables by a changed copy.
unsafe fn update(ctx: *mut PyObject, var: *mut PyObject, value: Option<*mut PyObject>) -> PyResult<()> {
    let c = ctx as *mut PyContext;
    let new = dict::copy((*c).ctx_vars)?;
    match value {
        Some(v) => dict::set_item(new.as_ptr(), var, v)?,
        None => {
            dict::del_item(new.as_ptr(), var)?;
        }
    }
    xsetref(&raw mut (*c).ctx_vars, new.into_ptr());
    let ts = crate::pystate::tstate();
    (*ts).context_ver += 1;
    Ok(())
}

/// `PyContextVar_Set`: sets the value in the current context; the Token to undo it.
pub unsafe fn set(var: *mut PyObject, value: *mut PyObject) -> PyResult<Obj> {
    if !var_check(var) {
        return Err(raise(exc::type_error(), "an instance of ContextVar was expected"));
    }
    let ctx = current()?;
    let old = dict::get_item(vars_of(ctx), var)?;
    let t = alloc::<PyContextToken>(&raw mut PyContextToken_Type)?;
    incref(ctx);
    (*t).tok_ctx = ctx as *mut PyContext;
    incref(var);
    (*t).tok_var = var as *mut PyContextVar;
    if let Some(o) = old {
        incref(o);
        (*t).tok_oldval = o;
    }
    crate::gc::track(t as *mut PyObject);
    let token = Obj::from_owned_nonnull(t as *mut PyObject);
    update(ctx, var, Some(value))?;
    Ok(token)
}

/// `PyContextVar_Reset`: restores what the variable was before the `set` that made `token`.
pub unsafe fn reset(var: *mut PyObject, token: *mut PyObject) -> PyResult<()> {
    if !var_check(var) {
        return Err(raise(exc::type_error(), "an instance of ContextVar was expected"));
    }
    if !token_check(token) {
        return Err(raise(exc::type_error(), format!("an instance of Token was expected, got {}", proto::repr_string(token)?)));
    }
    let t = token as *mut PyContextToken;
    if (*t).tok_used != 0 {
        return Err(raise(exc::runtime_error(), format!("{} has already been used once", proto::repr_string(token)?)));
    }
    if (*t).tok_var as *mut PyObject != var {
        return Err(raise(exc::value_error(), format!("{} was created by a different ContextVar", proto::repr_string(token)?)));
    }
    let ctx = current()?;
    if (*t).tok_ctx as *mut PyObject != ctx {
        return Err(raise(exc::value_error(), format!("{} was created in a different Context", proto::repr_string(token)?)));
    }
    (*t).tok_used = 1;
    let old = (*t).tok_oldval;
    update(ctx, var, if old.is_null() { None } else { Some(old) })
}

// ---- Context's Python methods ------------------------------------------------------------

unsafe extern "C" fn ctx_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if size_of_var(args) != 0 || (!kwds.is_null() && dict::len(kwds) != 0) {
            return Err(raise(exc::type_error(), "Context() does not accept any arguments"));
        }
        new_empty()
    })
}

unsafe extern "C" fn ctx_run(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if nargs < 1 {
            return Err(raise(exc::type_error(), "run() missing 1 required positional argument"));
        }
        enter(op)?;
        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
        let rest = std::slice::from_raw_parts(args.add(1), nargs as usize - 1 + nkw);
        let r = crate::protocol::call::vectorcall(*args, rest, kwnames);
        exit(op)?;
        r
    })
}

unsafe extern "C" fn ctx_copy_meth(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| copy(op))
}

unsafe fn check_key(key: *mut PyObject) -> PyResult<()> {
    if !var_check(key) {
        return Err(raise(exc::type_error(), format!("a ContextVar key was expected, got {}", proto::repr_string(key)?)));
    }
    Ok(())
}

unsafe extern "C" fn ctx_get_meth(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("get", nargs as usize, 1, 2)?;
        let key = *args;
        check_key(key)?;
        match dict::get_item(vars_of(op), key)? {
            Some(v) => Ok(Obj::from_borrowed(v)),
            None if nargs == 2 => Ok(Obj::from_borrowed(*args.add(1))),
            None => Ok(Obj::from_borrowed(crate::objects::noneobject::none())),
        }
    })
}

unsafe extern "C" fn ctx_subscript(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        check_key(key)?;
        match dict::get_item(vars_of(op), key)? {
            Some(v) => Ok(Obj::from_borrowed(v)),
            None => Err(crate::err::set_object(exc::key_error(), key)),
        }
    })
}

unsafe extern "C" fn ctx_contains(op: *mut PyObject, key: *mut PyObject) -> c_int {
    crate::guard::catch(-1, || {
        if check_key(key).is_err() {
            return -1;
        }
        match dict::get_item(vars_of(op), key) {
            Ok(v) => v.is_some() as c_int,
            Err(_) => -1,
        }
    })
}

unsafe extern "C" fn ctx_len(op: *mut PyObject) -> Py_ssize_t {
    dict::len(vars_of(op))
}

unsafe extern "C" fn ctx_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let c = op as *mut PyContext;
    if !(*c).ctx_weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    ctx_clear(op);
    crate::gc::free(op);
}

unsafe extern "C" fn ctx_clear(op: *mut PyObject) -> c_int {
    let c = op as *mut PyContext;
    xsetref(&raw mut (*c).ctx_prev as *mut *mut PyObject, null_mut());
    xsetref(&raw mut (*c).ctx_vars, null_mut());
    0
}

unsafe fn visit_all(items: &[*mut PyObject], visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    for &p in items {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn ctx_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let c = op as *mut PyContext;
    visit_all(&[(*c).ctx_prev as *mut PyObject, (*c).ctx_vars], visit, arg)
}

// ---- ContextVar's ----------------------------------------------------------------------

unsafe extern "C" fn var_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let n = size_of_var(args) as usize;
        let mut default = null_mut();
        if !kwds.is_null() {
            for (k, v) in dict::entries(kwds) {
                if str_::check(k) && str_::eq_str(k, "default") {
                    default = v;
                } else {
                    let k = proto::str(k)?;
                    return Err(raise(exc::type_error(), format!("'{}' is an invalid keyword argument for ContextVar", str_::as_str(k.as_ptr())?)));
                }
            }
        }
        if n != 1 {
            return Err(raise(exc::type_error(), format!("ContextVar() takes exactly 1 positional argument ({n} given)")));
        }
        new_var(crate::objects::tupleobject::get_item(args, 0), default)
    })
}

unsafe extern "C" fn var_get_meth(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("get", nargs as usize, 0, 1)?;
        let default = if nargs == 1 { *args } else { null_mut() };
        match get(op, default)? {
            Some(v) => Ok(v),
            None => Err(crate::err::set_object(crate::exc::lookup_error(), op)),
        }
    })
}

unsafe extern "C" fn var_set_meth(op: *mut PyObject, value: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| set(op, value))
}

unsafe extern "C" fn var_reset_meth(op: *mut PyObject, token: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        reset(op, token)?;
        Ok(Obj::from_borrowed(crate::objects::noneobject::none()))
    })
}

unsafe extern "C" fn var_hash(op: *mut PyObject) -> Py_hash_t {
    (*(op as *mut PyContextVar)).var_hash
}

/// `<ContextVar name='x' default=1 at 0x...>`.
unsafe extern "C" fn var_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let v = op as *mut PyContextVar;
        let mut s = format!("<ContextVar name={}", proto::repr_string((*v).var_name)?);
        if !(*v).var_default.is_null() {
            s.push_str(&format!(" default={}", proto::repr_string((*v).var_default)?));
        }
        s.push_str(&format!(" at {:p}>", op));
        str_::from_str(&s)
    })
}

unsafe extern "C" fn var_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let v = op as *mut PyContextVar;
    xdecref((*v).var_name);
    xdecref((*v).var_default);
    xdecref((*v).var_cached);
    crate::gc::free(op);
}

unsafe extern "C" fn var_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let v = op as *mut PyContextVar;
    visit_all(&[(*v).var_name, (*v).var_default, (*v).var_cached], visit, arg)
}

// ---- Token's -----------------------------------------------------------------------------

unsafe extern "C" fn tok_get_var(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let v = (*(op as *mut PyContextToken)).tok_var as *mut PyObject;
    incref(v);
    v
}

unsafe extern "C" fn tok_get_old_value(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let old = (*(op as *mut PyContextToken)).tok_oldval;
    let r = if old.is_null() { TOKEN_MISSING } else { old };
    incref(r);
    r
}

/// `<Token var=<ContextVar ...> at 0x...>` (`<Token used var=...>` once used).
unsafe extern "C" fn tok_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let t = op as *mut PyContextToken;
        let used = if (*t).tok_used != 0 { " used" } else { "" };
        let var = proto::repr_string((*t).tok_var as *mut PyObject)?;
        str_::from_str(&format!("<Token{used} var={var} at {:p}>", op))
    })
}

unsafe extern "C" fn tok_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let t = op as *mut PyContextToken;
    xdecref((*t).tok_ctx as *mut PyObject);
    xdecref((*t).tok_var as *mut PyObject);
    xdecref((*t).tok_oldval);
    crate::gc::free(op);
}

unsafe extern "C" fn tok_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let t = op as *mut PyContextToken;
    visit_all(&[(*t).tok_ctx as *mut PyObject, (*t).tok_var as *mut PyObject, (*t).tok_oldval], visit, arg)
}

// ---- Token.MISSING -------------------------------------------------------------------------

#[repr(C)]
struct MissingObject {
    ob_base: PyObject,
}

static mut MISSING_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"Token.MISSING".as_ptr(),
    tp_basicsize: std::mem::size_of::<MissingObject>() as _,
    tp_repr: Some(missing_repr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    ..PyTypeObject::EMPTY
};

static mut MISSING: MissingObject = MissingObject { ob_base: immortal_head(&raw mut MISSING_TYPE) };

unsafe extern "C" fn missing_repr(_: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| str_::from_str("<Token.MISSING>"))
}

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut MISSING_TYPE)?;
    TOKEN_MISSING = (&raw mut MISSING) as *mut PyObject;
    for tp in [&raw mut PyContext_Type, &raw mut PyContextVar_Type, &raw mut PyContextToken_Type] {
        typeobject::ready(tp)?;
    }
    dict::set_item_str((*(&raw mut PyContextToken_Type)).tp_dict, "MISSING", TOKEN_MISSING)?;
    Ok(())
}
