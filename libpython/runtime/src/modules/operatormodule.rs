//! The `_operator` module (CPython's Modules/_operator.c): the operator functions, and the
//! `itemgetter`, `attrgetter` (dotted names) and `methodcaller` types with their reprs and
//! `__reduce__`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; raw field accesses of the three object structs rely on their types.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::args as slice;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, method, METHOD_END};
use crate::objects::{boolobject, dictobject as dict, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::args::check_positional;
use crate::protocol::number as num;
use crate::protocol::object as proto;
use crate::protocol::sequence as seq;
use std::ffi::{c_int, c_void, CStr};
use std::mem::size_of;
use std::ptr::null_mut;

type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;
type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn fast(name: &'static CStr, f: Fast, doc: &'static CStr) -> PyMethodDef {
    // Safety: METH_FASTCALL makes callers use the three-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<Fast, Unary>(f) }), ml_flags: METH_FASTCALL, ml_doc: doc.as_ptr() }
}

const fn meth_o(name: &'static CStr, f: Unary, doc: &'static CStr) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: METH_O, ml_doc: doc.as_ptr() }
}

fn bool_obj(v: bool) -> Obj {
    // Safety: True and False are immortal.
    unsafe { Obj::from_borrowed(boolobject::new_bool(v)) }
}

/// A two-argument function (`name expected 2 arguments, got N`).
unsafe fn binary(name: &str, args: *const *mut PyObject, n: Py_ssize_t, f: impl FnOnce(*mut PyObject, *mut PyObject) -> PyResult<Obj>) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional(name, a.len(), 2, 2)?;
        f(a[0], a[1])
    })
}

macro_rules! binop_fns {
    ($($fname:ident, $py:expr, $op:expr;)*) => {
        $(unsafe extern "C" fn $fname(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
            binary($py, args, n, |a, b| num::binary_op(a, b, $op))
        })*
    };
}

binop_fns! {
    op_add, "add", num::ADD;
    op_sub, "sub", num::SUBTRACT;
    op_mul, "mul", num::MULTIPLY;
    op_matmul, "matmul", num::MATRIX_MULTIPLY;
    op_floordiv, "floordiv", num::FLOOR_DIVIDE;
    op_truediv, "truediv", num::TRUE_DIVIDE;
    op_mod, "mod", num::REMAINDER;
    op_lshift, "lshift", num::LSHIFT;
    op_rshift, "rshift", num::RSHIFT;
    op_and, "and_", num::AND;
    op_xor, "xor", num::XOR;
    op_or, "or_", num::OR;
}

macro_rules! inplace_fns {
    ($($fname:ident, $py:expr, $iop:expr, $op:expr;)*) => {
        $(unsafe extern "C" fn $fname(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
            binary($py, args, n, |a, b| num::inplace_op(a, b, $iop, $op))
        })*
    };
}

inplace_fns! {
    op_iadd, "iadd", num::INPLACE_ADD, num::ADD;
    op_isub, "isub", num::INPLACE_SUBTRACT, num::SUBTRACT;
    op_imul, "imul", num::INPLACE_MULTIPLY, num::MULTIPLY;
    op_imatmul, "imatmul", num::INPLACE_MATRIX_MULTIPLY, num::MATRIX_MULTIPLY;
    op_ifloordiv, "ifloordiv", num::INPLACE_FLOOR_DIVIDE, num::FLOOR_DIVIDE;
    op_itruediv, "itruediv", num::INPLACE_TRUE_DIVIDE, num::TRUE_DIVIDE;
    op_imod, "imod", num::INPLACE_REMAINDER, num::REMAINDER;
    op_ilshift, "ilshift", num::INPLACE_LSHIFT, num::LSHIFT;
    op_irshift, "irshift", num::INPLACE_RSHIFT, num::RSHIFT;
    op_iand, "iand", num::INPLACE_AND, num::AND;
    op_ixor, "ixor", num::INPLACE_XOR, num::XOR;
    op_ior, "ior", num::INPLACE_OR, num::OR;
}

macro_rules! compare_fns {
    ($($fname:ident, $py:expr, $op:expr;)*) => {
        $(unsafe extern "C" fn $fname(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
            binary($py, args, n, |a, b| proto::rich_compare(a, b, $op))
        })*
    };
}

compare_fns! {
    op_lt, "lt", Py_LT;
    op_le, "le", Py_LE;
    op_eq, "eq", Py_EQ;
    op_ne, "ne", Py_NE;
    op_gt, "gt", Py_GT;
    op_ge, "ge", Py_GE;
}

macro_rules! unary_fns {
    ($($fname:ident, $f:expr;)*) => {
        $(unsafe extern "C" fn $fname(_m: *mut PyObject, a: *mut PyObject) -> *mut PyObject {
            crate::guard::catch_obj(|| $f(a))
        })*
    };
}

unary_fns! {
    op_neg, |a| num::negative(a);
    op_pos, |a| num::positive(a);
    op_abs, |a| num::absolute(a);
    op_inv, |a| num::invert(a);
    op_index, |a| num::index(a);
    op_truth, |a| Ok(bool_obj(proto::is_true(a)?));
    op_not, |a| Ok(bool_obj(!proto::is_true(a)?));
}

unsafe extern "C" fn op_is(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("is_", args, n, |a, b| Ok(bool_obj(a == b)))
}

unsafe extern "C" fn op_is_not(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("is_not", args, n, |a, b| Ok(bool_obj(a != b)))
}

unsafe extern "C" fn op_pow(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("pow", args, n, |a, b| num::power(a, b, noneobject::none()))
}

unsafe extern "C" fn op_ipow(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("ipow", args, n, |a, b| num::inplace_power(a, b))
}

unsafe extern "C" fn op_contains(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("contains", args, n, |a, b| Ok(bool_obj(seq::contains(a, b)?)))
}

unsafe extern "C" fn op_getitem(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("getitem", args, n, |a, b| seq::getitem(a, b))
}

unsafe extern "C" fn op_delitem(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("delitem", args, n, |a, b| {
        seq::setitem(a, b, null_mut())?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn op_setitem(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("setitem", a.len(), 3, 3)?;
        seq::setitem(a[0], a[1], a[2])?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

/// CPython's PySequence_Check: a `sq_item` and not a dict.
unsafe fn is_sequence(o: *mut PyObject) -> bool {
    if dict::check(o) {
        return false;
    }
    let sq = (*type_of(o)).tp_as_sequence;
    !sq.is_null() && (*sq).sq_item.is_some()
}

unsafe fn not_concatenable(a: *mut PyObject) -> crate::err::ErrSet {
    raise(exc::type_error(), format!("'{}' object can't be concatenated", full_name(type_of(a))))
}

/// PySequence_Concat and PySequence_InPlaceConcat: the sequence slots, then `+` between
/// two sequences.
unsafe fn concat(a: *mut PyObject, b: *mut PyObject, inplace: bool) -> PyResult<Obj> {
    let sq = (*type_of(a)).tp_as_sequence;
    if !sq.is_null() {
        let f = if inplace { (*sq).sq_inplace_concat.or((*sq).sq_concat) } else { (*sq).sq_concat };
        if let Some(f) = f {
            return Obj::from_owned(f(a, b));
        }
    }
    if is_sequence(a) && is_sequence(b) {
        let r = if inplace { num::inplace_op(a, b, num::INPLACE_ADD, num::ADD) } else { num::binary_op1(a, b, num::ADD) };
        match r {
            Ok(r) if r.as_ptr() != noneobject::not_implemented() => return Ok(r),
            Ok(_) => {}
            Err(e) if !inplace => return Err(e),
            // The in-place `+` raised its own "unsupported operand" error: CPython's message.
            Err(_) => crate::err::clear(),
        }
    }
    Err(not_concatenable(a))
}

unsafe extern "C" fn op_concat(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("concat", args, n, |a, b| concat(a, b, false))
}

unsafe extern "C" fn op_iconcat(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("iconcat", args, n, |a, b| concat(a, b, true))
}

/// `_PySequence_IterSearch`: how often `item` occurs, or its first index.
unsafe fn iter_search(seq_: *mut PyObject, item: *mut PyObject, count: bool) -> PyResult<Obj> {
    let it = match crate::protocol::iter::get_iter(seq_) {
        Ok(it) => it,
        Err(e) => {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                return Err(raise(exc::type_error(), format!("argument of type '{}' is not iterable", full_name(type_of(seq_)))));
            }
            return Err(e);
        }
    };
    let mut n: i64 = 0;
    while let Some(v) = crate::protocol::iter::next(it.as_ptr())? {
        if proto::rich_compare_bool(v.as_ptr(), item, Py_EQ)? {
            if !count {
                return Ok(long::from_i64(n));
            }
            n += 1;
        } else if !count {
            n += 1;
        }
    }
    if count {
        Ok(long::from_i64(n))
    } else {
        Err(raise(exc::value_error(), "sequence.index(x): x not in sequence"))
    }
}

unsafe extern "C" fn op_count_of(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("countOf", args, n, |a, b| iter_search(a, b, true))
}

unsafe extern "C" fn op_index_of(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("indexOf", args, n, |a, b| iter_search(a, b, false))
}

/// PyObject_LengthHint: `len(o)`, else `o.__length_hint__()`, else `default`.
unsafe fn length_hint(o: *mut PyObject, default: isize) -> PyResult<isize> {
    let tp = type_of(o);
    let has_len = (!(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some())
        || (!(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some());
    if has_len {
        match seq::size(o) {
            Ok(n) => return Ok(n as isize),
            Err(e) => {
                if !crate::err::exception_matches(exc::type_error()) {
                    return Err(e);
                }
                crate::err::clear();
            }
        }
    }
    if typeobject::lookup_str(tp, "__length_hint__").is_null() {
        return Ok(default);
    }
    let r = match crate::protocol::call::call_method_obj(o, "__length_hint__", &[]) {
        Ok(r) => r,
        Err(e) => {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                return Ok(default);
            }
            return Err(e);
        }
    };
    if r.as_ptr() == noneobject::not_implemented() {
        return Ok(default);
    }
    if !long::check(r.as_ptr()) {
        return Err(raise(exc::type_error(), format!("__length_hint__ must be an integer, not {}", full_name(r.type_ptr()))));
    }
    let n = num::as_ssize_t(r.as_ptr())?;
    if n < 0 {
        return Err(raise(exc::value_error(), "__length_hint__() should return >= 0"));
    }
    Ok(n)
}

unsafe extern "C" fn op_length_hint(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    let a = slice(args, n);
    crate::guard::catch_obj(|| {
        check_positional("length_hint", a.len(), 1, 2)?;
        let default = match a.get(1) {
            Some(&d) => num::as_ssize_t_exc(num::index(d)?.as_ptr(), exc::overflow_error())?,
            None => 0,
        };
        Ok(long::from_i64(length_hint(a[0], default)? as i64))
    })
}

/// `hmac.compare_digest`'s core: equal length and bytes (CPython times it constantly; the
/// answer is what matters here).
unsafe extern "C" fn op_compare_digest(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    binary("_compare_digest", args, n, |a, b| {
        if str_::check(a) && str_::check(b) {
            if !str_::is_ascii(a) || !str_::is_ascii(b) {
                return Err(raise(exc::type_error(), "comparing strings with non-ASCII characters is not supported"));
            }
            return Ok(bool_obj(str_::as_str(a)? == str_::as_str(b)?));
        }
        if !crate::protocol::buffer::has_buffer(a) && !crate::protocol::buffer::has_buffer(b) {
            return Err(raise(
                exc::type_error(),
                format!("unsupported operand types(s) or combination of types: '{}' and '{}'", full_name(type_of(a)), full_name(type_of(b))),
            ));
        }
        let va = crate::protocol::buffer::Buffer::get(a)?;
        let vb = crate::protocol::buffer::Buffer::get(b)?;
        let (x, y): (&[u8], &[u8]) = (&va, &vb);
        let mut diff = (x.len() != y.len()) as u8;
        for (p, q) in x.iter().zip(y.iter()) {
            diff |= p ^ q;
        }
        Ok(bool_obj(diff == 0))
    })
}

unsafe extern "C" fn op_call(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let nkw = if kwnames.is_null() { 0 } else { tuple::items(kwnames).len() };
        let all = std::slice::from_raw_parts(args, n as usize + nkw);
        check_positional("call", n as usize, 1, usize::MAX)?;
        crate::protocol::call::vectorcall(all[0], &all[1..], kwnames)
    })
}

// ---- itemgetter --------------------------------------------------------------------------

#[repr(C)]
pub struct ItemGetter {
    pub ob_base: PyObject,
    /// The items as a tuple (one item for a single-key getter).
    pub items: *mut PyObject,
    pub single: bool,
}

static mut ITEMGETTER_METHODS: [PyMethodDef; 2] =
    [method(c"__reduce__", itemgetter_reduce as *const (), METH_NOARGS, c"Return state information for pickling"), METHOD_END];

pub static mut ITEMGETTER_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"operator.itemgetter".as_ptr(),
    tp_basicsize: size_of::<ItemGetter>() as _,
    tp_dealloc: Some(getter_dealloc),
    tp_repr: Some(itemgetter_repr),
    tp_call: Some(itemgetter_call),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"itemgetter(item, ...) --> itemgetter object\n\nReturn a callable object that fetches the given item(s) from its operand.\nAfter f = itemgetter(2), the call f(r) returns r[2].\nAfter g = itemgetter(2, 5, 3), the call g(r) returns (r[2], r[5], r[3])".as_ptr(),
    tp_traverse: Some(getter_traverse),
    tp_methods: (&raw mut ITEMGETTER_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(itemgetter_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

/// itemgetter and attrgetter share a layout (a tuple and a flag), so they share these.
unsafe extern "C" fn getter_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    xdecref((*(op as *mut ItemGetter)).items);
    typeobject::free_instance(op);
}

unsafe extern "C" fn getter_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    crate::gc::visit_each(&[(*(op as *mut ItemGetter)).items], visit, arg)
}

unsafe fn new_getter(tp: *mut PyTypeObject, items: Obj, single: bool) -> PyResult<Obj> {
    let op = typeobject::alloc_instance(tp)?;
    let g = op.as_ptr() as *mut ItemGetter;
    (*g).items = items.into_ptr();
    (*g).single = single;
    Ok(op)
}

unsafe extern "C" fn itemgetter_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("itemgetter", kwds)?;
        let a = tuple::items(args);
        // Zero arguments is reported as CPython's one-argument unpacking does.
        check_positional("itemgetter", a.len(), 1, if a.is_empty() { 1 } else { usize::MAX })?;
        new_getter(tp, Obj::from_borrowed(args), a.len() == 1)
    })
}

/// The call check both getters and methodcaller share: one positional argument, no keywords.
unsafe fn call_arg(name: &str, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<*mut PyObject> {
    crate::protocol::args::no_keywords(name, kwds)?;
    let a = tuple::items(args);
    check_positional(name, a.len(), 1, 1)?;
    Ok(a[0])
}

unsafe extern "C" fn itemgetter_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let obj = call_arg("itemgetter", args, kwds)?;
        let g = op as *mut ItemGetter;
        let items = tuple::items((*g).items);
        if (*g).single {
            return seq::getitem(obj, items[0]);
        }
        let vals = items.iter().map(|&k| seq::getitem(obj, k)).collect::<PyResult<Vec<_>>>()?;
        tuple::from_vec(vals)
    })
}

/// `name(args)`: one argument as its repr, several as the tuple's; `name(...)` when recursive.
unsafe fn getter_repr(op: *mut PyObject, args: *mut PyObject, single: bool) -> PyResult<Obj> {
    let name = CStr::from_ptr((*type_of(op)).tp_name).to_string_lossy().into_owned();
    let Some(_guard) = proto::ReprGuard::enter(op)? else { return str_::from_str(&format!("{name}(...)")) };
    let text = if single {
        format!("{name}({})", proto::repr_string(tuple::items(args)[0])?)
    } else {
        format!("{name}{}", proto::repr_string(args)?)
    };
    str_::from_str(&text)
}

unsafe extern "C" fn itemgetter_repr(op: *mut PyObject) -> *mut PyObject {
    let g = op as *mut ItemGetter;
    crate::guard::catch_obj(|| getter_repr(op, (*g).items, (*g).single))
}

unsafe extern "C" fn itemgetter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let g = op as *mut ItemGetter;
    crate::guard::catch_obj(|| tuple::pack(&[type_of(op) as *mut PyObject, (*g).items]))
}

// ---- attrgetter --------------------------------------------------------------------------

static mut ATTRGETTER_METHODS: [PyMethodDef; 2] =
    [method(c"__reduce__", attrgetter_reduce as *const (), METH_NOARGS, c"Return state information for pickling"), METHOD_END];

/// Same layout as itemgetter: `items` holds, per name, an interned str or (dotted) a tuple of them.
pub static mut ATTRGETTER_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"operator.attrgetter".as_ptr(),
    tp_basicsize: size_of::<ItemGetter>() as _,
    tp_dealloc: Some(getter_dealloc),
    tp_repr: Some(attrgetter_repr),
    tp_call: Some(attrgetter_call),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"attrgetter(attr, ...) --> attrgetter object\n\nReturn a callable object that fetches the given attribute(s) from its operand.\nAfter f = attrgetter('name'), the call f(r) returns r.name.\nAfter g = attrgetter('name', 'date'), the call g(r) returns (r.name, r.date).\nAfter h = attrgetter('name.first', 'name.last'), the call h(r) returns\n(r.name.first, r.name.last).".as_ptr(),
    tp_traverse: Some(getter_traverse),
    tp_methods: (&raw mut ATTRGETTER_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(attrgetter_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn attrgetter_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("attrgetter", kwds)?;
        let a = tuple::items(args);
        // Zero arguments is reported as CPython's one-argument unpacking does.
        check_positional("attrgetter", a.len(), 1, if a.is_empty() { 1 } else { usize::MAX })?;
        let mut names = Vec::with_capacity(a.len());
        for &item in a {
            if !str_::check(item) {
                return Err(raise(exc::type_error(), "attribute name must be a string"));
            }
            let text = str_::as_str(item)?;
            if !text.contains('.') {
                let mut s = item;
                incref(s);
                str_::intern_in_place(&mut s);
                names.push(Obj::from_owned(s)?);
            } else {
                let parts = text.split('.').map(str_::intern_obj).collect::<PyResult<Vec<_>>>()?;
                names.push(tuple::from_vec(parts)?);
            }
        }
        new_getter(tp, tuple::from_vec(names)?, a.len() == 1)
    })
}

unsafe fn dotted_getattr(obj: *mut PyObject, name: *mut PyObject) -> PyResult<Obj> {
    if str_::check(name) {
        return proto::getattr(obj, name);
    }
    let mut cur = Obj::from_borrowed(obj);
    for &part in tuple::items(name) {
        cur = proto::getattr(cur.as_ptr(), part)?;
    }
    Ok(cur)
}

unsafe extern "C" fn attrgetter_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let obj = call_arg("attrgetter", args, kwds)?;
        let g = op as *mut ItemGetter;
        let names = tuple::items((*g).items);
        if (*g).single {
            return dotted_getattr(obj, names[0]);
        }
        let vals = names.iter().map(|&k| dotted_getattr(obj, k)).collect::<PyResult<Vec<_>>>()?;
        tuple::from_vec(vals)
    })
}

/// The names as given: dotted chains joined back with '.'.
unsafe fn attr_strings(op: *mut PyObject) -> PyResult<Obj> {
    let g = op as *mut ItemGetter;
    let mut out = Vec::new();
    for &n in tuple::items((*g).items) {
        if str_::check(n) {
            out.push(Obj::from_borrowed(n));
        } else {
            let parts = tuple::items(n).iter().map(|&p| str_::as_str(p).map(|s| s.to_string())).collect::<PyResult<Vec<_>>>()?;
            out.push(str_::from_str(&parts.join("."))?);
        }
    }
    tuple::from_vec(out)
}

unsafe extern "C" fn attrgetter_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = attr_strings(op)?;
        getter_repr(op, names.as_ptr(), (*(op as *mut ItemGetter)).single)
    })
}

unsafe extern "C" fn attrgetter_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = attr_strings(op)?;
        tuple::pack(&[type_of(op) as *mut PyObject, names.as_ptr()])
    })
}

// ---- methodcaller ------------------------------------------------------------------------

#[repr(C)]
pub struct MethodCaller {
    pub ob_base: PyObject,
    pub name: *mut PyObject,
    pub args: *mut PyObject,
    pub kwds: *mut PyObject,
}

static mut METHODCALLER_METHODS: [PyMethodDef; 2] =
    [method(c"__reduce__", methodcaller_reduce as *const (), METH_NOARGS, c"Return state information for pickling"), METHOD_END];

pub static mut METHODCALLER_TYPE: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"operator.methodcaller".as_ptr(),
    tp_basicsize: size_of::<MethodCaller>() as _,
    tp_dealloc: Some(methodcaller_dealloc),
    tp_repr: Some(methodcaller_repr),
    tp_call: Some(methodcaller_call),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    tp_doc: c"methodcaller(name, ...) --> methodcaller object\n\nReturn a callable object that calls the given method on its operand.\nAfter f = methodcaller('name'), the call f(r) returns r.name().\nAfter g = methodcaller('name', 'date', foo=1), the call g(r) returns\nr.name('date', foo=1).".as_ptr(),
    tp_traverse: Some(methodcaller_traverse),
    tp_methods: (&raw mut METHODCALLER_METHODS) as *mut PyMethodDef,
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(methodcaller_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};

unsafe extern "C" fn methodcaller_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let m = op as *mut MethodCaller;
    xdecref((*m).name);
    xdecref((*m).args);
    xdecref((*m).kwds);
    typeobject::free_instance(op);
}

unsafe extern "C" fn methodcaller_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let m = op as *mut MethodCaller;
    crate::gc::visit_each(&[(*m).name, (*m).args, (*m).kwds], visit, arg)
}

unsafe extern "C" fn methodcaller_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = tuple::items(args);
        if a.is_empty() {
            return Err(raise(exc::type_error(), "methodcaller needs at least one argument, the method name"));
        }
        if !str_::check(a[0]) {
            return Err(raise(exc::type_error(), "method name must be a string"));
        }
        let mut name = a[0];
        incref(name);
        str_::intern_in_place(&mut name);
        let name = Obj::from_owned(name)?;
        let rest = tuple::from_slice(&a[1..])?;
        let kw = if kwds.is_null() { dict::new()? } else { dict::copy(kwds)? };
        let op = typeobject::alloc_instance(tp)?;
        let m = op.as_ptr() as *mut MethodCaller;
        (*m).name = name.into_ptr();
        (*m).args = rest.into_ptr();
        (*m).kwds = kw.into_ptr();
        Ok(op)
    })
}

unsafe extern "C" fn methodcaller_call(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let obj = call_arg("methodcaller", args, kwds)?;
        let m = op as *mut MethodCaller;
        let meth = proto::getattr(obj, (*m).name)?;
        crate::protocol::call::call(meth.as_ptr(), (*m).args, (*m).kwds)
    })
}

unsafe extern "C" fn methodcaller_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let m = op as *mut MethodCaller;
        let name = CStr::from_ptr((*type_of(op)).tp_name).to_string_lossy().into_owned();
        let Some(_guard) = proto::ReprGuard::enter(op)? else { return str_::from_str(&format!("{name}(...)")) };
        let mut parts = vec![proto::repr_string((*m).name)?];
        for &a in tuple::items((*m).args) {
            parts.push(proto::repr_string(a)?);
        }
        for (k, v) in dict::entries((*m).kwds) {
            parts.push(format!("{}={}", str_::as_str(k)?, proto::repr_string(v)?));
        }
        str_::from_str(&format!("{name}({})", parts.join(", ")))
    })
}

unsafe extern "C" fn methodcaller_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let m = op as *mut MethodCaller;
        if dict::len((*m).kwds) == 0 {
            let mut items = vec![(*m).name];
            items.extend_from_slice(tuple::items((*m).args));
            let newargs = tuple::from_slice(&items)?;
            return tuple::pack(&[type_of(op) as *mut PyObject, newargs.as_ptr()]);
        }
        // Keywords: functools.partial(type, name, **kwds) called with the positional args.
        let import = dict::get_item_str(crate::interp::builtins(), "__import__")?;
        if import.is_null() {
            return Err(raise(exc::import_error(), "__import__ not found"));
        }
        let functools = crate::protocol::call::vectorcall(import, &[str_::intern("functools")?], null_mut())?;
        let partial = proto::getattr_str(functools.as_ptr(), "partial")?;
        let pos = tuple::pack(&[type_of(op) as *mut PyObject, (*m).name])?;
        let constructor = crate::protocol::call::call(partial.as_ptr(), pos.as_ptr(), (*m).kwds)?;
        tuple::pack(&[constructor.as_ptr(), (*m).args])
    })
}

// ---- the module --------------------------------------------------------------------------

static mut METHODS: [PyMethodDef; 55] = [
    meth_o(c"truth", op_truth, c"Return True if a is true, False otherwise."),
    fast(c"contains", op_contains, c"Same as b in a (note reversed operands)."),
    fast(c"indexOf", op_index_of, c"Return the first index of b in a."),
    fast(c"countOf", op_count_of, c"Return the number of items in a which are, or which equal, b."),
    fast(c"is_", op_is, c"Same as a is b."),
    fast(c"is_not", op_is_not, c"Same as a is not b."),
    meth_o(c"index", op_index, c"Same as a.__index__()"),
    fast(c"add", op_add, c"Same as a + b."),
    fast(c"sub", op_sub, c"Same as a - b."),
    fast(c"mul", op_mul, c"Same as a * b."),
    fast(c"matmul", op_matmul, c"Same as a @ b."),
    fast(c"floordiv", op_floordiv, c"Same as a // b."),
    fast(c"truediv", op_truediv, c"Same as a / b."),
    fast(c"mod", op_mod, c"Same as a % b."),
    meth_o(c"neg", op_neg, c"Same as -a."),
    meth_o(c"pos", op_pos, c"Same as +a."),
    meth_o(c"abs", op_abs, c"Same as abs(a)."),
    meth_o(c"inv", op_inv, c"Same as ~a."),
    meth_o(c"invert", op_inv, c"Same as ~a."),
    fast(c"lshift", op_lshift, c"Same as a << b."),
    fast(c"rshift", op_rshift, c"Same as a >> b."),
    meth_o(c"not_", op_not, c"Same as not a."),
    fast(c"and_", op_and, c"Same as a & b."),
    fast(c"xor", op_xor, c"Same as a ^ b."),
    fast(c"or_", op_or, c"Same as a | b."),
    fast(c"iadd", op_iadd, c"Same as a += b."),
    fast(c"isub", op_isub, c"Same as a -= b."),
    fast(c"imul", op_imul, c"Same as a *= b."),
    fast(c"imatmul", op_imatmul, c"Same as a @= b."),
    fast(c"ifloordiv", op_ifloordiv, c"Same as a //= b."),
    fast(c"itruediv", op_itruediv, c"Same as a /= b."),
    fast(c"imod", op_imod, c"Same as a %= b."),
    fast(c"ilshift", op_ilshift, c"Same as a <<= b."),
    fast(c"irshift", op_irshift, c"Same as a >>= b."),
    fast(c"iand", op_iand, c"Same as a &= b."),
    fast(c"ixor", op_ixor, c"Same as a ^= b."),
    fast(c"ior", op_ior, c"Same as a |= b."),
    fast(c"concat", op_concat, c"Same as a + b, for a and b sequences."),
    fast(c"iconcat", op_iconcat, c"Same as a += b, for a and b sequences."),
    fast(c"getitem", op_getitem, c"Same as a[b]."),
    fast(c"setitem", op_setitem, c"Same as a[b] = c."),
    fast(c"delitem", op_delitem, c"Same as del a[b]."),
    fast(c"pow", op_pow, c"Same as a ** b."),
    fast(c"ipow", op_ipow, c"Same as a **= b."),
    fast(c"eq", op_eq, c"Same as a == b."),
    fast(c"ne", op_ne, c"Same as a != b."),
    fast(c"lt", op_lt, c"Same as a < b."),
    fast(c"le", op_le, c"Same as a <= b."),
    fast(c"gt", op_gt, c"Same as a > b."),
    fast(c"ge", op_ge, c"Same as a >= b."),
    fast(c"_compare_digest", op_compare_digest, c"Return 'a == b'."),
    fast(c"length_hint", op_length_hint, c"Return an estimate of the number of items in obj."),
    crate::modules::fast_kw(c"call", op_call),
    METHOD_END,
    METHOD_END,
];

const DOC: &str = "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.";

/// Makes the `_operator` module.
pub unsafe fn init() -> PyResult<Obj> {
    let types = [&raw mut ATTRGETTER_TYPE, &raw mut ITEMGETTER_TYPE, &raw mut METHODCALLER_TYPE];
    for tp in types {
        typeobject::ready(tp)?;
    }
    let name = str_::from_str("_operator")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    for (k, tp) in ["attrgetter", "itemgetter", "methodcaller"].into_iter().zip(types) {
        dict::set_item_str(d, k, tp as *mut PyObject)?;
    }
    Ok(m)
}
