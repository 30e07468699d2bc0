//! The `_ast` module (CPython's Python/Python-ast.c, hand-written half): the `AST` base type,
//! the node classes made from `ast_nodes::CLASSES` as `type(name, (base,), ns)` with
//! `__module__ = 'ast'`, and the helpers the generated conversions call. The classes are made
//! once per process and live forever, so ASTs from `compile(..., PyCF_ONLY_AST)` and the
//! `_ast` module always share them.

use super::ast_nodes::{self, k, CLASSES};
use crate::err::{raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{
    boolobject, bytesobject as bytes, complexobject, dictobject as dict, floatobject as float, listobject as list,
    longobject as long, moduleobject, noneobject, setobject, sliceobject, tupleobject as tuple, unicodeobject as str_,
};
use crate::protocol::object as proto;
use ferric_compiler::ast::{Constant, Pos, PyStr};
use ferric_compiler::num_bigint::{BigInt, Sign};
use std::ffi::c_int;
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

pub const PY_CF_ONLY_AST: i64 = 0x400;
pub const PY_CF_TYPE_COMMENTS: i64 = 0x1000;
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// One node class: its `_fields`, its `_attributes` (on the abstract classes only, as
/// CPython), the fields whose class attribute is None, and its docstring.
pub struct ClassSpec {
    pub name: &'static str,
    pub base: Option<usize>,
    pub fields: &'static [&'static str],
    pub attributes: Option<&'static [&'static str]>,
    pub none_defaults: &'static [&'static str],
    pub doc: &'static str,
    pub singleton: bool,
}

#[repr(C)]
pub struct AstObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
}

static mut AST_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(ast_reduce), ml_flags: METH_NOARGS, ml_doc: std::ptr::null() },
    METHOD_END,
];

static mut AST_GETSET: [PyGetSetDef; 2] = [
    PyGetSetDef {
        name: c"__dict__".as_ptr(),
        get: Some(crate::objects::typenew::subtype_get_dict),
        set: Some(crate::objects::typenew::subtype_set_dict),
        doc: std::ptr::null(),
        closure: null_mut(),
    },
    PyGetSetDef { name: std::ptr::null(), get: None, set: None, doc: std::ptr::null(), closure: null_mut() },
];

#[no_mangle]
pub static mut _PyAST_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"ast.AST".as_ptr(),
    tp_basicsize: size_of::<AstObject>() as _,
    tp_dealloc: Some(ast_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_setattro: Some(proto::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_traverse: Some(ast_traverse),
    tp_clear: Some(ast_clear),
    tp_methods: (&raw mut AST_METHODS) as *mut PyMethodDef,
    tp_getset: (&raw mut AST_GETSET) as *mut PyGetSetDef,
    tp_dictoffset: offset_of!(AstObject, dict) as _,
    tp_init: Some(ast_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(ast_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// PyType_GenericNew: the fields are set by `__init__` or by the converters.
unsafe extern "C" fn ast_new(tp: *mut PyTypeObject, _: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    alloc(tp, 0)
}

fn ast_type() -> *mut PyTypeObject {
    &raw mut _PyAST_Type
}

unsafe extern "C" fn ast_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    ast_clear(op);
    let tp = type_of(op);
    typeobject::free_instance(op);
    if typeobject::has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn ast_traverse(op: *mut PyObject, visit: visitproc, arg: *mut std::ffi::c_void) -> c_int {
    crate::gc::visit_each(&[(*(op as *mut AstObject)).dict, type_of(op) as *mut PyObject], visit, arg)
}

unsafe extern "C" fn ast_clear(op: *mut PyObject) -> c_int {
    xsetref(&raw mut (*(op as *mut AstObject)).dict, null_mut());
    0
}

/// `AST.__init__`: positional arguments fill `_fields` in order, keywords set any attribute.
unsafe extern "C" fn ast_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let fields = match proto::lookup_attr(type_of(op) as *mut PyObject, str_::intern("_fields")?)? {
            Some(f) => crate::protocol::iter::collect(f.as_ptr())?,
            None => Vec::new(),
        };
        let pos = if args.is_null() { &[][..] } else { tuple::items(args) };
        if pos.len() > fields.len() {
            let n = fields.len();
            return Err(raise(
                exc::type_error(),
                format!("{} constructor takes at most {n} positional argument{}", typeobject::short_name(type_of(op)), if n == 1 { "" } else { "s" }),
            ));
        }
        for (name, &value) in fields.iter().zip(pos) {
            proto::setattr(op, name.as_ptr(), value)?;
        }
        if !kwds.is_null() {
            for (key, value) in dict::entries(kwds) {
                proto::setattr(op, key, value)?;
            }
        }
        Ok(())
    })
}

/// `AST.__reduce__`: `(type(self), (), self.__dict__)`.
unsafe extern "C" fn ast_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let empty = tuple::from_vec(Vec::new())?;
        match proto::lookup_attr(op, str_::intern("__dict__")?)? {
            Some(d) => tuple::pack(&[type_of(op) as *mut PyObject, empty.as_ptr(), d.as_ptr()]),
            None => tuple::pack(&[type_of(op) as *mut PyObject, empty.as_ptr()]),
        }
    })
}

struct State {
    classes: Vec<*mut PyObject>,
    singletons: Vec<*mut PyObject>,
}

static mut STATE: Option<State> = None;

/// The node classes, made on first use.
unsafe fn state() -> PyResult<&'static State> {
    // Safety: the runtime holds the GIL here; STATE is written once and then only read.
    if let Some(s) = (*(&raw const STATE)).as_ref() {
        return Ok(s);
    }
    typeobject::ready(ast_type())?;
    let ast = ast_type() as *mut PyObject;
    let td = (*ast_type()).tp_dict;
    let empty = tuple::from_vec(Vec::new())?;
    dict::set_item_str(td, "__module__", str_::from_str("ast")?.as_ptr())?;
    for key in ["_fields", "__match_args__", "_attributes"] {
        dict::set_item_str(td, key, empty.as_ptr())?;
    }
    typeobject::modified(ast_type());
    let mut classes = Vec::with_capacity(CLASSES.len());
    let mut singletons = vec![null_mut(); CLASSES.len()];
    for (i, spec) in CLASSES.iter().enumerate() {
        let base = match spec.base {
            Some(b) => classes[b],
            None => ast,
        };
        let fields = str_tuple(spec.fields)?;
        let ns = dict::new()?;
        dict::set_item_str(ns.as_ptr(), "_fields", fields.as_ptr())?;
        dict::set_item_str(ns.as_ptr(), "__match_args__", fields.as_ptr())?;
        dict::set_item_str(ns.as_ptr(), "__module__", str_::from_str("ast")?.as_ptr())?;
        dict::set_item_str(ns.as_ptr(), "__doc__", str_::from_str(spec.doc)?.as_ptr())?;
        let name = str_::from_str(spec.name)?;
        let bases = tuple::pack(&[base])?;
        let args = tuple::pack(&[name.as_ptr(), bases.as_ptr(), ns.as_ptr()])?;
        let cls = crate::protocol::call::call(typeobject::type_type() as *mut PyObject, args.as_ptr(), null_mut())?;
        if let Some(attrs) = spec.attributes {
            proto::setattr(cls.as_ptr(), str_::intern("_attributes")?, str_tuple(attrs)?.as_ptr())?;
        }
        for n in spec.none_defaults {
            proto::setattr(cls.as_ptr(), str_::intern(n)?, noneobject::none())?;
        }
        if spec.singleton {
            let empty = tuple::from_vec(Vec::new())?;
            singletons[i] = crate::protocol::call::call(cls.as_ptr(), empty.as_ptr(), null_mut())?.into_ptr();
        }
        classes.push(cls.into_ptr());
    }
    *(&raw mut STATE) = Some(State { classes, singletons });
    Ok((*(&raw const STATE)).as_ref().expect("just set"))
}

unsafe fn str_tuple(items: &[&str]) -> PyResult<Obj> {
    let mut v = Vec::with_capacity(items.len());
    for s in items {
        v.push(Obj::from_borrowed(str_::intern(s)?));
    }
    tuple::from_vec(v)
}

/// Makes the `_ast` module.
pub unsafe fn init() -> PyResult<Obj> {
    let st = state()?;
    let name = str_::from_str("_ast")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "AST", ast_type() as *mut PyObject)?;
    for (spec, &cls) in CLASSES.iter().zip(&st.classes) {
        dict::set_item_str(d, spec.name, cls)?;
    }
    for (key, v) in [("PyCF_ONLY_AST", PY_CF_ONLY_AST), ("PyCF_TYPE_COMMENTS", PY_CF_TYPE_COMMENTS), ("PyCF_ALLOW_TOP_LEVEL_AWAIT", PY_CF_ALLOW_TOP_LEVEL_AWAIT)] {
        dict::set_item_str(d, key, long::from_i64(v).as_ptr())?;
    }
    Ok(m)
}

/// `ast.Module`'s result for a parsed module: the Python form of `module`.
pub unsafe fn mod_to_py(module: &ferric_compiler::ast::Mod) -> PyResult<Obj> {
    state()?;
    ast_nodes::mod_to_py(module)
}

/// The compiler's form of an AST object passed to `compile()`; `mode` names the node class
/// the mode wants ("Module", "Expression", "Interactive", "FunctionType").
pub unsafe fn mod_from_py(o: *mut PyObject, mode: &str) -> PyResult<ferric_compiler::ast::Mod> {
    let st = state()?;
    let want = match mode {
        "exec" => k::C_Module,
        "eval" => k::C_Expression,
        "single" => k::C_Interactive,
        _ => k::C_FunctionType,
    };
    if !crate::protocol::abstract_::is_instance(o, st.classes[want])? {
        return Err(raise(exc::type_error(), format!("expected {} node, got {}", CLASSES[want].name, full_name(type_of(o)))));
    }
    ast_nodes::mod_from_py(o)
}

/// The checks CPython makes on a tree `compile()` did not parse (`_PyAST_Validate`).
pub unsafe fn validate(tree: &ferric_compiler::ast::Mod) -> PyResult<()> {
    use ferric_compiler::ast_validate::{validate, ValidateErrorKind};
    let limit = (*crate::pystate::tstate()).recursion_limit.max(1) as usize;
    validate(tree, limit).map_err(|e| {
        let tp = match e.kind {
            ValidateErrorKind::ValueError => exc::value_error(),
            ValidateErrorKind::TypeError => exc::type_error(),
            ValidateErrorKind::RecursionError => exc::recursion_error(),
        };
        raise(tp, e.msg)
    })
}

/// Whether `o` is an instance of `ast.AST` (what makes `compile()` take it as a tree).
pub unsafe fn is_ast(o: *mut PyObject) -> PyResult<bool> {
    state()?;
    Ok(typeobject::is_subtype(type_of(o), ast_type()))
}

// ---- helpers for the generated to_py functions ----

pub unsafe fn new_node(class: usize) -> PyResult<Obj> {
    let cls = state()?.classes[class] as *mut PyTypeObject;
    let new = (*cls).tp_new.unwrap_or(ast_new);
    let empty = tuple::from_vec(Vec::new())?;
    Obj::from_owned(new(cls, empty.as_ptr(), null_mut()))
}

pub unsafe fn singleton(class: usize) -> Obj {
    // Safety: to_py functions run after state() made the singletons.
    Obj::from_borrowed((*(&raw const STATE)).as_ref().expect("ast state").singletons[class])
}

pub unsafe fn set(o: &Obj, name: &str, value: Obj) -> PyResult<()> {
    proto::setattr(o.as_ptr(), str_::intern(name)?, value.as_ptr())
}

pub unsafe fn set_pos(o: &Obj, pos: &Pos) -> PyResult<()> {
    set(o, "lineno", long::from_i64(pos.lineno as i64))?;
    set(o, "col_offset", long::from_i64(pos.col_offset as i64))?;
    set(o, "end_lineno", long::from_i64(pos.end_lineno as i64))?;
    set(o, "end_col_offset", long::from_i64(pos.end_col_offset as i64))
}

pub unsafe fn none() -> Obj {
    Obj::from_borrowed(noneobject::none())
}

pub unsafe fn py_str(s: &str) -> PyResult<Obj> {
    str_::from_str(s)
}

pub unsafe fn py_int(i: i32) -> PyResult<Obj> {
    Ok(long::from_i64(i as i64))
}

pub unsafe fn py_list<T>(items: impl Iterator<Item = T>, f: impl Fn(T) -> PyResult<Obj>) -> PyResult<Obj> {
    let mut v = Vec::new();
    for item in items {
        v.push(f(item)?);
    }
    let ptrs: Vec<*mut PyObject> = v.iter().map(|o| o.as_ptr()).collect();
    list::from_slice(&ptrs)
}

pub unsafe fn py_bigint(i: &BigInt) -> PyResult<Obj> {
    let (sign, mag) = i.to_u32_digits();
    // Repack base 2**32 into CPython's 30-bit digits.
    let mut digits = Vec::new();
    let (mut acc, mut bits) = (0u64, 0u32);
    for d in mag {
        acc |= (d as u64) << bits;
        bits += 32;
        while bits >= PyLong_SHIFT {
            digits.push((acc & (PyLong_BASE as u64 - 1)) as digit);
            acc >>= PyLong_SHIFT;
            bits -= PyLong_SHIFT;
        }
    }
    if acc != 0 {
        digits.push(acc as digit);
    }
    while digits.last() == Some(&0) {
        digits.pop();
    }
    long::from_digits(sign == Sign::Minus, &digits)
}

pub unsafe fn py_pystr(s: &PyStr) -> PyResult<Obj> {
    match s.as_str() {
        Some(text) => str_::from_str(text),
        None => str_::from_code_points(&s.code_points().collect::<Vec<_>>()),
    }
}

pub unsafe fn py_constant(c: &Constant) -> PyResult<Obj> {
    Ok(match c {
        Constant::None => none(),
        Constant::Ellipsis => Obj::from_borrowed(sliceobject::ellipsis()),
        Constant::Bool(b) => Obj::from_borrowed(boolobject::new_bool(*b)),
        Constant::Int(i) => py_bigint(i)?,
        Constant::Float(f) => float::from_f64(*f)?,
        Constant::Complex { real, imag } => complexobject::from_parts(*real, *imag)?,
        Constant::Str(s) => py_pystr(s)?,
        Constant::Bytes(b) => bytes::from_slice(b)?,
        Constant::Tuple(items) => {
            let v = items.iter().map(|c| py_constant(c)).collect::<PyResult<Vec<_>>>()?;
            tuple::from_vec(v)?
        }
        Constant::FrozenSet(items) => {
            let v = items.iter().map(|c| py_constant(c)).collect::<PyResult<Vec<_>>>()?;
            setobject::new_frozenset(tuple::from_vec(v)?.as_ptr())?
        }
    })
}

// ---- helpers for the generated from_py functions ----

pub struct RecursionGuard;

impl Drop for RecursionGuard {
    fn drop(&mut self) {
        // Safety: paired with the enter_recursive_call that made the guard.
        unsafe { crate::ceval_guard::leave_recursive_call() }
    }
}

pub unsafe fn enter(where_: &str) -> PyResult<RecursionGuard> {
    crate::ceval_guard::enter_recursive_call(where_)?;
    Ok(RecursionGuard)
}

pub unsafe fn is_none(o: *mut PyObject) -> bool {
    noneobject::is_none(o)
}

pub unsafe fn is_instance(o: *mut PyObject, class: usize) -> PyResult<bool> {
    crate::protocol::abstract_::is_instance(o, state()?.classes[class])
}

pub unsafe fn expected(what: &str, o: *mut PyObject) -> ErrSet {
    match proto::repr_string(o) {
        Ok(r) => raise(exc::type_error(), format!("expected some sort of {what}, but got {r}")),
        Err(e) => e,
    }
}

/// Reads the fields of one node object, with CPython's messages for what is missing.
pub struct Fields {
    o: *mut PyObject,
    owner: &'static str,
}

impl Fields {
    pub fn new(o: *mut PyObject, owner: &'static str) -> Self {
        Fields { o, owner }
    }

    pub unsafe fn opt(&self, name: &str) -> PyResult<Option<Obj>> {
        match proto::lookup_attr(self.o, str_::intern(name)?)? {
            Some(v) if !is_none(v.as_ptr()) => Ok(Some(v)),
            _ => Ok(None),
        }
    }

    pub unsafe fn req(&self, name: &str) -> PyResult<Obj> {
        match proto::lookup_attr(self.o, str_::intern(name)?)? {
            Some(v) => Ok(v),
            None => Err(raise(exc::type_error(), format!("required field \"{name}\" missing from {}", self.owner))),
        }
    }

    /// A required node: present, and not None (CPython's node constructors refuse NULL).
    pub unsafe fn req_node(&self, name: &str) -> PyResult<Obj> {
        let v = self.req(name)?;
        if is_none(v.as_ptr()) {
            return Err(raise(exc::value_error(), format!("field '{name}' is required for {}", self.owner)));
        }
        Ok(v)
    }

    /// A list of statements or expressions, which may not hold None.
    pub unsafe fn list_nonnull<T>(&self, name: &str, what: &str, f: impl Fn(*mut PyObject) -> PyResult<T>) -> PyResult<Vec<T>> {
        self.list(name, |o| {
            if is_none(o) {
                return Err(raise(exc::value_error(), format!("None disallowed in {what} list")));
            }
            f(o)
        })
    }

    pub unsafe fn req_int(&self, name: &str) -> PyResult<i32> {
        int_from_py(self.req(name)?.as_ptr())
    }

    pub unsafe fn opt_int(&self, name: &str) -> PyResult<Option<i32>> {
        match self.opt(name)? {
            Some(v) => int_from_py(v.as_ptr()).map(Some),
            None => Ok(None),
        }
    }

    pub unsafe fn list<T>(&self, name: &str, f: impl Fn(*mut PyObject) -> PyResult<T>) -> PyResult<Vec<T>> {
        let l = self.req(name)?;
        if !list::check(l.as_ptr()) {
            return Err(raise(
                exc::type_error(),
                format!("{} field \"{name}\" must be a list, not a {}", self.owner, typeobject::short_name(type_of(l.as_ptr()))),
            ));
        }
        let n = list::items(l.as_ptr()).len();
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let item = Obj::from_borrowed(list::get_item(l.as_ptr(), i as Py_ssize_t));
            out.push(f(item.as_ptr())?);
            if list::items(l.as_ptr()).len() != n {
                return Err(raise(exc::runtime_error(), format!("{} field \"{name}\" changed size during iteration", self.owner)));
            }
        }
        Ok(out)
    }
}

pub unsafe fn identifier_from_py(o: *mut PyObject) -> PyResult<String> {
    if !str_::check_exact(o) {
        return Err(raise(exc::type_error(), "AST identifier must be of type str"));
    }
    Ok(str_::as_str(o)?.to_string())
}

pub unsafe fn string_from_py(o: *mut PyObject) -> PyResult<String> {
    if !str_::check_exact(o) {
        return Err(raise(exc::type_error(), "AST string must be of type str"));
    }
    Ok(str_::as_str(o)?.to_string())
}

pub unsafe fn int_from_py(o: *mut PyObject) -> PyResult<i32> {
    if !long::check(o) {
        let r = proto::repr_string(o)?;
        return Err(raise(exc::value_error(), format!("invalid integer value: {r}")));
    }
    let v = long::as_c_long(o)?;
    i32::try_from(v).map_err(|_| raise(exc::overflow_error(), "Python int too large to convert to C int"))
}

pub unsafe fn bigint_from_py(o: *mut PyObject) -> BigInt {
    let mut mag = BigInt::from(0u32);
    for &d in long::digits(o).iter().rev() {
        mag = (mag << PyLong_SHIFT) + BigInt::from(d);
    }
    if long::is_negative(o) {
        -mag
    } else {
        mag
    }
}

pub unsafe fn constant_from_py(o: *mut PyObject) -> PyResult<Constant> {
    let tp = type_of(o);
    Ok(if noneobject::is_none(o) {
        Constant::None
    } else if o == sliceobject::ellipsis() {
        Constant::Ellipsis
    } else if boolobject::check(o) {
        Constant::Bool(o == boolobject::new_bool(true))
    } else if long::check(o) {
        Constant::Int(bigint_from_py(o))
    } else if float::check(o) {
        Constant::Float(float::value(o))
    } else if complexobject::check(o) {
        let c = complexobject::value(o);
        Constant::Complex { real: c.real, imag: c.imag }
    } else if str_::check(o) {
        Constant::Str(PyStr::from_code_points(str_::code_points(o)))
    } else if bytes::check(o) {
        Constant::Bytes(bytes::as_slice(o).to_vec())
    } else if tuple::check(o) {
        Constant::Tuple(tuple::items(o).iter().map(|&c| constant_from_py(c)).collect::<PyResult<_>>()?)
    } else if setobject::frozenset_check(o) {
        let items = crate::protocol::iter::collect(o)?;
        Constant::FrozenSet(items.iter().map(|c| constant_from_py(c.as_ptr())).collect::<PyResult<_>>()?)
    } else {
        return Err(raise(exc::type_error(), format!("got an invalid type in Constant: {}", typeobject::short_name(tp))));
    })
}
