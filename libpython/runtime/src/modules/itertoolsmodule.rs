//! The `itertools` module (CPython's Modules/itertoolsmodule.c), all but `groupby` and
//! `tee`: `count`, `cycle`, `repeat`, `accumulate`, `chain` (+ `from_iterable`), `compress`,
//! `dropwhile`, `takewhile`, `filterfalse`, `islice`, `starmap`, `pairwise`, `zip_longest`,
//! `product`, `combinations`, `combinations_with_replacement`, `permutations`, with
//! CPython's argument errors, reprs and `__reduce__`/`__setstate__`.
//!
//! All the types share one layout: four object slots and four integer slots, whose meaning
//! each type's functions fix; so dealloc and traverse are shared.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached; the raw field accesses rely on `op` being one of this module's iterators.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, method, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::args::{bind, check_positional, no_keywords};
use crate::protocol::iter::{get_iter, next};
use crate::protocol::number as num;
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void};
use std::mem::size_of;
use std::ptr::null_mut;

#[repr(C)]
pub struct IterObject {
    pub ob_base: PyObject,
    pub o: [*mut PyObject; 4],
    pub n: [isize; 4],
}

unsafe fn fields<'a>(op: *mut PyObject) -> &'a mut IterObject {
    &mut *(op as *mut IterObject)
}

/// Replaces object slot `i` (taking `v`, which may be null).
unsafe fn set(op: *mut PyObject, i: usize, v: *mut PyObject) {
    let old = std::mem::replace(&mut fields(op).o[i], v);
    xdecref(old);
}

unsafe extern "C" fn it_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    for i in 0..4 {
        set(op, i, null_mut());
    }
    typeobject::free_instance(op);
}

unsafe extern "C" fn it_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    crate::gc::visit_each(&fields(op).o, visit, arg)
}

unsafe fn alloc(tp: *mut PyTypeObject, objs: &[*mut PyObject], ints: &[isize]) -> PyResult<Obj> {
    let op = typeobject::alloc_instance(tp)?;
    let f = fields(op.as_ptr());
    for (i, &o) in objs.iter().enumerate() {
        if !o.is_null() {
            incref(o);
        }
        f.o[i] = o;
    }
    for (i, &v) in ints.iter().enumerate() {
        f.n[i] = v;
    }
    Ok(op)
}

/// Runs an iternext body: Some is the item, None the end (no exception set).
unsafe fn iternext(f: impl FnOnce() -> PyResult<Option<Obj>>) -> *mut PyObject {
    crate::guard::catch(null_mut(), || match f() {
        Ok(Some(v)) => v.into_ptr(),
        Ok(None) | Err(_) => null_mut(),
    })
}

unsafe fn pos_only(name: &str, args: *mut PyObject, kwds: *mut PyObject, min: usize, max: usize) -> PyResult<&'static [*mut PyObject]> {
    no_keywords(name, kwds)?;
    let a = tuple::items(args);
    check_positional(name, a.len(), min, max)?;
    Ok(a)
}

fn none() -> *mut PyObject {
    noneobject::none()
}

unsafe fn pack(items: &[*mut PyObject]) -> PyResult<Obj> {
    tuple::pack(items)
}

macro_rules! itertype {
    ($static:ident, $name:expr, $doc:expr, $new:ident, $next:ident, $repr:expr, $methods:expr) => {
        pub static mut $static: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $name.as_ptr(),
            tp_basicsize: size_of::<IterObject>() as _,
            tp_dealloc: Some(it_dealloc),
            tp_repr: $repr,
            tp_getattro: Some(proto::PyObject_GenericGetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
            tp_doc: $doc.as_ptr(),
            tp_traverse: Some(it_traverse),
            tp_iter: Some(crate::objects::iterobject::self_iter),
            tp_iternext: Some($next),
            tp_methods: $methods,
            tp_alloc: Some(typeobject::PyType_GenericAlloc),
            tp_new: Some($new),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
    };
}

const REDUCE_DOC: &std::ffi::CStr = c"Return state information for pickling.";
const SETSTATE_DOC: &std::ffi::CStr = c"Set state information for unpickling.";

// ---- count(start=0, step=1): o[0] the count, o[1] the step -------------------------------

/// PyNumber_Check: an int, a float, a complex, or something with `__index__`/`__int__`/`__float__`.
unsafe fn number_check(o: *mut PyObject) -> bool {
    let nb = (*type_of(o)).tp_as_number;
    (!nb.is_null() && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some()))
        || crate::objects::complexobject::check(o)
}

unsafe extern "C" fn count_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = bind("count", args, kwds, &["start", "step"], 0)?;
        let zero = long::from_i64(0);
        let one = long::from_i64(1);
        let start = a[0].unwrap_or(zero.as_ptr());
        let step = a[1].unwrap_or(one.as_ptr());
        if !number_check(start) || !number_check(step) {
            return Err(raise(exc::type_error(), "a number is required"));
        }
        alloc(tp, &[start, step], &[])
    })
}

unsafe extern "C" fn count_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        let cur = Obj::from_borrowed(f.o[0]);
        let nxt = num::binary_op(cur.as_ptr(), f.o[1], num::ADD)?;
        set(op, 0, nxt.into_ptr());
        Ok(Some(cur))
    })
}

/// Is the step exactly the int 1 (then repr and reduce leave it out).
unsafe fn step_is_one(step: *mut PyObject) -> bool {
    long::check(step) && long::as_i64(step) == Some(1)
}

unsafe extern "C" fn count_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let name = typeobject::short_name(type_of(op));
        let text = if step_is_one(f.o[1]) {
            format!("{name}({})", proto::repr_string(f.o[0])?)
        } else {
            format!("{name}({}, {})", proto::repr_string(f.o[0])?, proto::repr_string(f.o[1])?)
        };
        str_::from_str(&text)
    })
}

unsafe extern "C" fn count_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let args = if step_is_one(f.o[1]) { pack(&[f.o[0]])? } else { pack(&[f.o[0], f.o[1]])? };
        pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

static mut COUNT_METHODS: [PyMethodDef; 2] = [method(c"__reduce__", count_reduce as *const (), METH_NOARGS, REDUCE_DOC), METHOD_END];
itertype!(COUNT_TYPE, c"itertools.count", c"Return a count object whose .__next__() method returns consecutive values.\n\nEquivalent to:\n    def count(firstval=0, step=1):\n        x = firstval\n        while 1:\n            yield x\n            x += step", count_new, count_next, Some(count_repr), (&raw mut COUNT_METHODS) as *mut PyMethodDef);

// ---- repeat(object[, times]): o[0] the element, n[0] the count left (-1: forever) --------

unsafe extern "C" fn repeat_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = bind("repeat", args, kwds, &["object", "times"], 1)?;
        let cnt = match a[1] {
            Some(t) => num::as_ssize_t(t)?.max(0),
            None => -1,
        };
        alloc(tp, &[a[0].expect("required")], &[cnt])
    })
}

unsafe extern "C" fn repeat_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.n[0] == 0 {
            return Ok(None);
        }
        if f.n[0] > 0 {
            f.n[0] -= 1;
        }
        Ok(Some(Obj::from_borrowed(f.o[0])))
    })
}

unsafe extern "C" fn repeat_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let name = typeobject::short_name(type_of(op));
        let elem = proto::repr_string(f.o[0])?;
        let text = if f.n[0] == -1 { format!("{name}({elem})") } else { format!("{name}({elem}, {})", f.n[0]) };
        str_::from_str(&text)
    })
}

unsafe extern "C" fn repeat_len(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        if f.n[0] == -1 {
            return Err(raise(exc::type_error(), "len() of unsized object"));
        }
        Ok(long::from_i64(f.n[0] as i64))
    })
}

unsafe extern "C" fn repeat_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let args = if f.n[0] == -1 { pack(&[f.o[0]])? } else { pack(&[f.o[0], long::from_i64(f.n[0] as i64).as_ptr()])? };
        pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

static mut REPEAT_METHODS: [PyMethodDef; 3] = [
    method(c"__length_hint__", repeat_len as *const (), METH_NOARGS, c"Private method returning an estimate of len(list(it))."),
    method(c"__reduce__", repeat_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    METHOD_END,
];
itertype!(REPEAT_TYPE, c"itertools.repeat", c"repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly.", repeat_new, repeat_next, Some(repeat_repr), (&raw mut REPEAT_METHODS) as *mut PyMethodDef);

// ---- cycle(iterable): o[0] the iterator (null once exhausted), o[1] the saved list,
// n[0] the index into it, n[1] firstpass -------------------------------------------------

unsafe extern "C" fn cycle_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = pos_only("cycle", args, kwds, 1, 1)?;
        let it = get_iter(a[0])?;
        let saved = list::new(0)?;
        alloc(tp, &[it.as_ptr(), saved.as_ptr()], &[0, 0])
    })
}

unsafe extern "C" fn cycle_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if !f.o[0].is_null() {
            if let Some(item) = next(f.o[0])? {
                if f.n[1] == 0 {
                    list::append(f.o[1], item.as_ptr())?;
                }
                return Ok(Some(item));
            }
            set(op, 0, null_mut());
        }
        let saved = list::items(f.o[1]);
        if saved.is_empty() {
            return Ok(None);
        }
        let i = f.n[0] as usize % saved.len();
        let item = Obj::from_borrowed(saved[i]);
        f.n[0] = if i + 1 >= saved.len() { 0 } else { (i + 1) as isize };
        Ok(Some(item))
    })
}

unsafe extern "C" fn cycle_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        if f.o[0].is_null() {
            // Exhausted: a fresh iterator over what was saved, advanced to the index.
            let it = get_iter(f.o[1])?;
            if f.n[0] != 0 {
                crate::protocol::call::call_method_obj(it.as_ptr(), "__setstate__", &[long::from_i64(f.n[0] as i64).as_ptr()])?;
            }
            let state = pack(&[f.o[1], crate::objects::boolobject::true_()])?;
            return pack(&[tp, pack(&[it.as_ptr()])?.as_ptr(), state.as_ptr()]);
        }
        let state = pack(&[f.o[1], crate::objects::boolobject::new_bool(f.n[1] != 0)])?;
        pack(&[tp, pack(&[f.o[0]])?.as_ptr(), state.as_ptr()])
    })
}

/// PyArg_ParseTuple's count check for a state tuple ("function takes ...").
unsafe fn state_items(state: *mut PyObject, min: usize, max: usize) -> PyResult<&'static [*mut PyObject]> {
    if !tuple::check(state) {
        return Err(raise(exc::type_error(), "state is not a tuple"));
    }
    let a = tuple::items(state);
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if a.len() < min || a.len() > max {
        let msg = if min == max {
            format!("function takes exactly {min} argument{} ({} given)", s(min), a.len())
        } else if a.len() < min {
            format!("function takes at least {min} argument{} ({} given)", s(min), a.len())
        } else {
            format!("function takes at most {max} argument{} ({} given)", s(max), a.len())
        };
        return Err(raise(exc::type_error(), msg));
    }
    Ok(a)
}

unsafe extern "C" fn cycle_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = state_items(state, 2, 2)?;
        if !list::check(a[0]) {
            return Err(raise(exc::type_error(), format!("argument 1 must be list, not {}", full_name(type_of(a[0])))));
        }
        let firstpass = num::c_int_arg(a[1])?;
        incref(a[0]);
        set(op, 1, a[0]);
        let f = fields(op);
        f.n[1] = (firstpass != 0) as isize;
        f.n[0] = 0;
        Ok(Obj::from_borrowed(none()))
    })
}

static mut CYCLE_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", cycle_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", cycle_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(CYCLE_TYPE, c"itertools.cycle", c"Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.", cycle_new, cycle_next, None, (&raw mut CYCLE_METHODS) as *mut PyMethodDef);

// ---- accumulate(iterable, func=None, *, initial=None): o[0] the iterator, o[1] func
// (null for +), o[2] the running total, o[3] the initial value not yet given ------------------

unsafe extern "C" fn accumulate_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let pos = tuple::items(args);
        if pos.len() > 2 {
            let total = pos.len() + if kwds.is_null() { 0 } else { dict::len(kwds) as usize };
            return Err(raise(exc::type_error(), format!("accumulate() takes at most 2 positional arguments ({total} given)")));
        }
        let a = bind("accumulate", args, kwds, &["iterable", "func", "initial"], 1)?;
        let it = get_iter(a[0].expect("required"))?;
        let func = a[1].filter(|&f| !noneobject::is_none(f)).unwrap_or(null_mut());
        let initial = a[2].filter(|&f| !noneobject::is_none(f)).unwrap_or(null_mut());
        alloc(tp, &[it.as_ptr(), func, null_mut(), initial], &[])
    })
}

unsafe extern "C" fn accumulate_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if !f.o[3].is_null() {
            let init = std::mem::replace(&mut f.o[3], null_mut());
            incref(init);
            set(op, 2, init);
            return Ok(Some(Obj::from_owned_nonnull(init)));
        }
        let Some(val) = next(f.o[0])? else { return Ok(None) };
        let total = if f.o[2].is_null() {
            val
        } else if f.o[1].is_null() {
            num::binary_op(f.o[2], val.as_ptr(), num::ADD)?
        } else {
            crate::protocol::call::vectorcall(f.o[1], &[f.o[2], val.as_ptr()], null_mut())?
        };
        incref(total.as_ptr());
        set(op, 2, total.as_ptr());
        Ok(Some(total))
    })
}

unsafe extern "C" fn accumulate_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        let func = if f.o[1].is_null() { none() } else { f.o[1] };
        let chain = (&raw mut CHAIN_TYPE) as *mut PyObject;
        if !f.o[3].is_null() {
            // The initial value not yet given goes in front of the rest.
            let it = crate::protocol::call::vectorcall(chain, &[pack(&[f.o[3]])?.as_ptr(), f.o[0]], null_mut())?;
            return pack(&[tp, pack(&[it.as_ptr(), func])?.as_ptr(), none()]);
        }
        if !f.o[2].is_null() && noneobject::is_none(f.o[2]) {
            let it = crate::protocol::call::vectorcall(chain, &[pack(&[f.o[2]])?.as_ptr(), f.o[0]], null_mut())?;
            let acc = crate::protocol::call::vectorcall(tp, &[it.as_ptr(), func], null_mut())?;
            let one = long::from_i64(1);
            return pack(&[(&raw mut ISLICE_TYPE) as *mut PyObject, pack(&[acc.as_ptr(), one.as_ptr(), none()])?.as_ptr()]);
        }
        let total = if f.o[2].is_null() { none() } else { f.o[2] };
        pack(&[tp, pack(&[f.o[0], func])?.as_ptr(), total])
    })
}

unsafe extern "C" fn accumulate_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        incref(state);
        set(op, 2, state);
        Ok(Obj::from_borrowed(none()))
    })
}

static mut ACCUMULATE_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", accumulate_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", accumulate_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(ACCUMULATE_TYPE, c"itertools.accumulate", c"Return series of accumulated sums (or other binary function results).", accumulate_new, accumulate_next, None, (&raw mut ACCUMULATE_METHODS) as *mut PyMethodDef);

// ---- chain(*iterables): o[0] the source iterator (null when done), o[1] the active one ----

unsafe extern "C" fn chain_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if tp == &raw mut CHAIN_TYPE {
            no_keywords("chain", kwds)?;
        }
        let source = get_iter(args)?;
        alloc(tp, &[source.as_ptr(), null_mut()], &[])
    })
}

unsafe extern "C" fn chain_from_iterable(tp: *mut PyObject, arg: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let source = get_iter(arg)?;
        alloc(tp as *mut PyTypeObject, &[source.as_ptr(), null_mut()], &[])
    })
}

unsafe extern "C" fn chain_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        loop {
            if f.o[1].is_null() {
                if f.o[0].is_null() {
                    return Ok(None);
                }
                let iterable = match next(f.o[0]) {
                    Ok(Some(x)) => x,
                    Ok(None) => {
                        set(op, 0, null_mut());
                        return Ok(None);
                    }
                    Err(e) => return Err(e),
                };
                match get_iter(iterable.as_ptr()) {
                    Ok(it) => set(op, 1, it.into_ptr()),
                    Err(e) => {
                        set(op, 0, null_mut());
                        return Err(e);
                    }
                }
            }
            if let Some(item) = next(f.o[1])? {
                return Ok(Some(item));
            }
            set(op, 1, null_mut());
        }
    })
}

unsafe extern "C" fn chain_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        let empty = tuple::new(0)?;
        if f.o[0].is_null() {
            return pack(&[tp, empty.as_ptr()]);
        }
        let state = if f.o[1].is_null() { pack(&[f.o[0]])? } else { pack(&[f.o[0], f.o[1]])? };
        pack(&[tp, empty.as_ptr(), state.as_ptr()])
    })
}

/// PyIter_Check.
unsafe fn is_iterator(o: *mut PyObject) -> bool {
    (*type_of(o)).tp_iternext.is_some()
}

unsafe extern "C" fn chain_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = state_items(state, 1, 2)?;
        if !is_iterator(a[0]) || (a.len() == 2 && !is_iterator(a[1])) {
            return Err(raise(exc::type_error(), "Arguments must be iterators."));
        }
        incref(a[0]);
        set(op, 0, a[0]);
        let active = a.get(1).copied().unwrap_or(null_mut());
        if !active.is_null() {
            incref(active);
        }
        set(op, 1, active);
        Ok(Obj::from_borrowed(none()))
    })
}

static mut CHAIN_METHODS: [PyMethodDef; 5] = [
    method(c"__reduce__", chain_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", chain_setstate as *const (), METH_O, SETSTATE_DOC),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    method(c"from_iterable", chain_from_iterable as *const (), METH_O | METH_CLASS, c"Alternative chain() constructor taking a single iterable argument that evaluates lazily."),
    METHOD_END,
];
itertype!(CHAIN_TYPE, c"itertools.chain", c"chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted.", chain_new, chain_next, None, (&raw mut CHAIN_METHODS) as *mut PyMethodDef);

// ---- compress(data, selectors): o[0] data, o[1] selectors --------------------------------

unsafe extern "C" fn compress_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = bind("compress", args, kwds, &["data", "selectors"], 2)?;
        let data = get_iter(a[0].expect("required"))?;
        let selectors = get_iter(a[1].expect("required"))?;
        alloc(tp, &[data.as_ptr(), selectors.as_ptr()], &[])
    })
}

unsafe extern "C" fn compress_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        loop {
            let Some(datum) = next(f.o[0])? else { return Ok(None) };
            let Some(sel) = next(f.o[1])? else { return Ok(None) };
            if proto::is_true(sel.as_ptr())? {
                return Ok(Some(datum));
            }
        }
    })
}

unsafe extern "C" fn pair_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let args = pack(&[f.o[0], f.o[1]])?;
        pack(&[type_of(op) as *mut PyObject, args.as_ptr()])
    })
}

static mut COMPRESS_METHODS: [PyMethodDef; 2] = [method(c"__reduce__", pair_reduce as *const (), METH_NOARGS, REDUCE_DOC), METHOD_END];
itertype!(COMPRESS_TYPE, c"itertools.compress", c"Return data elements corresponding to true selector elements.\n\nForms a shorter iterator from selected data elements using the selectors to\nchoose the data elements.", compress_new, compress_next, None, (&raw mut COMPRESS_METHODS) as *mut PyMethodDef);

// ---- dropwhile, takewhile, filterfalse, starmap (func, iterable): o[0] func, o[1] the
// iterator, n[0] dropwhile's "dropped" / takewhile's "stopped" ------------------------------

unsafe fn func_iter_new(name: &str, tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Obj> {
    let a = pos_only(name, args, kwds, 2, 2)?;
    let it = get_iter(a[1])?;
    alloc(tp, &[a[0], it.as_ptr()], &[0])
}

unsafe fn call1(f: *mut PyObject, x: *mut PyObject) -> PyResult<bool> {
    let r = crate::protocol::call::vectorcall(f, &[x], null_mut())?;
    proto::is_true(r.as_ptr())
}

unsafe extern "C" fn dropwhile_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| func_iter_new("dropwhile", tp, args, kwds))
}

unsafe extern "C" fn dropwhile_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        loop {
            let Some(item) = next(f.o[1])? else { return Ok(None) };
            if f.n[0] == 1 {
                return Ok(Some(item));
            }
            if !call1(f.o[0], item.as_ptr())? {
                f.n[0] = 1;
                return Ok(Some(item));
            }
        }
    })
}

unsafe extern "C" fn flag_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let args = pack(&[f.o[0], f.o[1]])?;
        let flag = long::from_i64((f.n[0] != 0) as i64);
        pack(&[type_of(op) as *mut PyObject, args.as_ptr(), flag.as_ptr()])
    })
}

unsafe extern "C" fn flag_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        fields(op).n[0] = proto::is_true(state)? as isize;
        Ok(Obj::from_borrowed(none()))
    })
}

static mut FLAG_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", flag_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", flag_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(DROPWHILE_TYPE, c"itertools.dropwhile", c"Drop items from the iterable while predicate(item) is true.\n\nAfterwards, return every element until the iterable is exhausted.", dropwhile_new, dropwhile_next, None, (&raw mut FLAG_METHODS) as *mut PyMethodDef);

unsafe extern "C" fn takewhile_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| func_iter_new("takewhile", tp, args, kwds))
}

unsafe extern "C" fn takewhile_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.n[0] != 0 {
            return Ok(None);
        }
        let Some(item) = next(f.o[1])? else { return Ok(None) };
        if call1(f.o[0], item.as_ptr())? {
            return Ok(Some(item));
        }
        f.n[0] = 1;
        Ok(None)
    })
}

itertype!(TAKEWHILE_TYPE, c"itertools.takewhile", c"Return successive entries from an iterable as long as the predicate evaluates to true for each entry.", takewhile_new, takewhile_next, None, (&raw mut FLAG_METHODS) as *mut PyMethodDef);

unsafe extern "C" fn filterfalse_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| func_iter_new("filterfalse", tp, args, kwds))
}

unsafe extern "C" fn filterfalse_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        loop {
            let Some(item) = next(f.o[1])? else { return Ok(None) };
            let ok = if noneobject::is_none(f.o[0]) || f.o[0] == (&raw mut crate::objects::boolobject::PyBool_Type) as *mut PyObject {
                proto::is_true(item.as_ptr())?
            } else {
                call1(f.o[0], item.as_ptr())?
            };
            if !ok {
                return Ok(Some(item));
            }
        }
    })
}

static mut PAIR_METHODS: [PyMethodDef; 2] = [method(c"__reduce__", pair_reduce as *const (), METH_NOARGS, REDUCE_DOC), METHOD_END];
itertype!(FILTERFALSE_TYPE, c"itertools.filterfalse", c"Return those items of iterable for which function(item) is false.\n\nIf function is None, return the items that are false.", filterfalse_new, filterfalse_next, None, (&raw mut PAIR_METHODS) as *mut PyMethodDef);

unsafe extern "C" fn starmap_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| func_iter_new("starmap", tp, args, kwds))
}

unsafe extern "C" fn starmap_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        let Some(args) = next(f.o[1])? else { return Ok(None) };
        let args = if tuple::check(args.as_ptr()) { args } else { tuple::from_vec(crate::protocol::iter::collect(args.as_ptr())?)? };
        crate::protocol::call::call(f.o[0], args.as_ptr(), null_mut()).map(Some)
    })
}

itertype!(STARMAP_TYPE, c"itertools.starmap", c"Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.", starmap_new, starmap_next, None, (&raw mut PAIR_METHODS) as *mut PyMethodDef);

// ---- islice(iterable, [start,] stop[, step]): o[0] the iterator (null when done),
// n[0] next index, n[1] stop (-1: none), n[2] step, n[3] count consumed ---------------------

/// `PyNumber_AsSsize_t(o, OverflowError)` with any error cleared (None), as islice reads
/// its bounds.
unsafe fn ssize_arg(o: *mut PyObject) -> Option<isize> {
    match num::index(o).and_then(|v| num::as_ssize_t_exc(v.as_ptr(), exc::overflow_error())) {
        Ok(v) => Some(v),
        Err(_) => {
            crate::err::clear();
            None
        }
    }
}

unsafe extern "C" fn islice_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = if tp == &raw mut ISLICE_TYPE { pos_only("islice", args, kwds, 2, 4)? } else { let a = tuple::items(args); check_positional("islice", a.len(), 2, 4)?; a };
        const STOP_ERR: &str = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
        let (mut start, mut stop, mut step) = (0isize, -1isize, 1isize);
        if a.len() == 2 {
            if !noneobject::is_none(a[1]) {
                stop = ssize_arg(a[1]).unwrap_or(-1);
                if stop == -1 {
                    return Err(raise(exc::value_error(), STOP_ERR));
                }
            }
        } else {
            if !noneobject::is_none(a[1]) {
                start = ssize_arg(a[1]).unwrap_or(-1);
            }
            if !noneobject::is_none(a[2]) {
                stop = ssize_arg(a[2]).unwrap_or(-1);
                if stop == -1 {
                    return Err(raise(exc::value_error(), STOP_ERR));
                }
            }
        }
        if start < 0 || stop < -1 {
            return Err(raise(exc::value_error(), "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."));
        }
        if let Some(&s) = a.get(3) {
            if !noneobject::is_none(s) {
                step = ssize_arg(s).unwrap_or(-1);
            }
        }
        if step < 1 {
            return Err(raise(exc::value_error(), "Step for islice() must be a positive integer or None."));
        }
        let it = get_iter(a[0])?;
        alloc(tp, &[it.as_ptr()], &[start, stop, step, 0])
    })
}

unsafe extern "C" fn islice_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.o[0].is_null() {
            return Ok(None);
        }
        let stop = f.n[1];
        while f.n[3] < f.n[0] {
            if next(f.o[0])?.is_none() {
                set(op, 0, null_mut());
                return Ok(None);
            }
            f.n[3] += 1;
        }
        if stop != -1 && f.n[3] >= stop {
            set(op, 0, null_mut());
            return Ok(None);
        }
        let Some(item) = next(f.o[0])? else {
            set(op, 0, null_mut());
            return Ok(None);
        };
        f.n[3] += 1;
        let old = f.n[0];
        f.n[0] = f.n[0].wrapping_add(f.n[2]);
        if f.n[0] < old || (stop != -1 && f.n[0] > stop) {
            f.n[0] = stop;
        }
        Ok(Some(item))
    })
}

unsafe extern "C" fn islice_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        let zero = long::from_i64(0);
        if f.o[0].is_null() {
            let empty = get_iter(list::new(0)?.as_ptr())?;
            return pack(&[tp, pack(&[empty.as_ptr(), zero.as_ptr()])?.as_ptr(), zero.as_ptr()]);
        }
        let stop = if f.n[1] == -1 { Obj::from_borrowed(none()) } else { long::from_i64(f.n[1] as i64) };
        let (next_, step, cnt) = (long::from_i64(f.n[0] as i64), long::from_i64(f.n[2] as i64), long::from_i64(f.n[3] as i64));
        let args = pack(&[f.o[0], next_.as_ptr(), stop.as_ptr(), step.as_ptr()])?;
        pack(&[tp, args.as_ptr(), cnt.as_ptr()])
    })
}

unsafe extern "C" fn islice_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !long::check(state) {
            // PyLong_AsSsize_t: no __index__.
            return Err(raise(exc::type_error(), "an integer is required"));
        }
        fields(op).n[3] = long::as_ssize_t(state)?;
        Ok(Obj::from_borrowed(none()))
    })
}

static mut ISLICE_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", islice_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", islice_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(ISLICE_TYPE, c"itertools.islice", c"islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object\n\nReturn an iterator whose next() method returns selected values from an\niterable.  If start is specified, will skip all preceding elements;\notherwise, start defaults to zero.  Step defaults to one.  If\nspecified as another value, step determines how many values are\nskipped between successive calls.  Works like a slice() on a list\nbut returns an iterator.", islice_new, islice_next, None, (&raw mut ISLICE_METHODS) as *mut PyMethodDef);

// ---- pairwise(iterable): o[0] the iterator (null when done), o[1] the previous item ------

unsafe extern "C" fn pairwise_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = pos_only("pairwise", args, kwds, 1, 1)?;
        let it = get_iter(a[0])?;
        alloc(tp, &[it.as_ptr(), null_mut()], &[])
    })
}

unsafe extern "C" fn pairwise_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.o[0].is_null() {
            return Ok(None);
        }
        if f.o[1].is_null() {
            match next(f.o[0]) {
                Ok(Some(v)) => set(op, 1, v.into_ptr()),
                r => {
                    set(op, 0, null_mut());
                    return r.map(|_| None);
                }
            }
        }
        let new = match next(f.o[0]) {
            Ok(Some(v)) => v,
            r => {
                set(op, 0, null_mut());
                set(op, 1, null_mut());
                return r.map(|_| None);
            }
        };
        let pair = pack(&[f.o[1], new.as_ptr()])?;
        set(op, 1, new.into_ptr());
        Ok(Some(pair))
    })
}

itertype!(PAIRWISE_TYPE, c"itertools.pairwise", c"Return an iterator of overlapping pairs taken from the input iterator.\n\n    s -> (s0,s1), (s1,s2), (s2, s3), ...", pairwise_new, pairwise_next, None, null_mut());

// ---- zip_longest(*iterables, fillvalue=None): o[0] a tuple of the iterators (None once one
// is exhausted), o[1] the fill value, n[0] how many are still active ------------------------

unsafe extern "C" fn zip_longest_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut fill = none();
        if !kwds.is_null() && dict::check(kwds) && dict::len(kwds) > 0 {
            let v = dict::get_item_str(kwds, "fillvalue")?;
            if v.is_null() || dict::len(kwds) > 1 {
                return Err(raise(exc::type_error(), "zip_longest() got an unexpected keyword argument"));
            }
            fill = v;
        }
        let its = tuple::items(args).iter().map(|&a| get_iter(a)).collect::<PyResult<Vec<_>>>()?;
        let n = its.len() as isize;
        let iters = tuple::from_vec(its)?;
        alloc(tp, &[iters.as_ptr(), fill], &[n])
    })
}

unsafe extern "C" fn zip_longest_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        let its = tuple::items(f.o[0]);
        if its.is_empty() || f.n[0] == 0 {
            return Ok(None);
        }
        let mut out = Vec::with_capacity(its.len());
        for i in 0..its.len() {
            let slot = tuple::items_ptr(f.o[0]).add(i);
            if noneobject::is_none(*slot) {
                out.push(Obj::from_borrowed(f.o[1]));
                continue;
            }
            match next(*slot)? {
                Some(v) => out.push(v),
                None => {
                    f.n[0] -= 1;
                    if f.n[0] == 0 {
                        return Ok(None);
                    }
                    // The tuple is private to this object: an exhausted iterator's place
                    // holds None (CPython's NULL; no iterator is None).
                    incref(none());
                    let old = std::mem::replace(&mut *slot, none());
                    decref(old);
                    out.push(Obj::from_borrowed(f.o[1]));
                }
            }
        }
        tuple::from_vec(out).map(Some)
    })
}

unsafe extern "C" fn zip_longest_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let mut args = Vec::new();
        for &it in tuple::items(f.o[0]) {
            args.push(if noneobject::is_none(it) { tuple::new(0)? } else { Obj::from_borrowed(it) });
        }
        let args = tuple::from_vec(args)?;
        pack(&[type_of(op) as *mut PyObject, args.as_ptr(), f.o[1]])
    })
}

unsafe extern "C" fn zip_longest_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        incref(state);
        set(op, 1, state);
        Ok(Obj::from_borrowed(none()))
    })
}

static mut ZIP_LONGEST_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", zip_longest_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", zip_longest_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(ZIP_LONGEST_TYPE, c"itertools.zip_longest", c"zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object\n\nReturn a zip_longest object whose .__next__() method returns a tuple where\nthe i-th element comes from the i-th iterable argument.  The .__next__()\nmethod continues until the longest iterable in the argument sequence\nis exhausted and then it raises StopIteration.  When the shorter iterables\nare exhausted, the fillvalue is substituted in their place.  The fillvalue\ndefaults to None or can be specified by a keyword argument.", zip_longest_new, zip_longest_next, None, (&raw mut ZIP_LONGEST_METHODS) as *mut PyMethodDef);

// ---- product(*iterables, repeat=1): o[0] the pools (a tuple of tuples), o[1] the last
// result (null before the first), n[0] stopped, n[1] the indices (a leaked Box<Vec>) --------

unsafe fn product_indices<'a>(op: *mut PyObject) -> &'a mut Vec<isize> {
    &mut *(fields(op).n[1] as *mut Vec<isize>)
}

unsafe extern "C" fn product_dealloc(op: *mut PyObject) {
    let p = fields(op).n[1] as *mut Vec<isize>;
    if !p.is_null() {
        // Safety: n[1] was made by Box::into_raw in product_new and is freed once, here.
        drop(Box::from_raw(p));
        fields(op).n[1] = 0;
    }
    it_dealloc(op)
}

unsafe extern "C" fn product_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mut repeat = 1isize;
        if !kwds.is_null() {
            let empty = tuple::new(0)?;
            let a = bind("product", empty.as_ptr(), kwds, &["repeat"], 0)?;
            if let Some(r) = a[0] {
                repeat = num::as_ssize_t(r)?;
            }
            if repeat < 0 {
                return Err(raise(exc::value_error(), "repeat argument cannot be negative"));
            }
        }
        let given = tuple::items(args);
        let nargs = if repeat == 0 { 0 } else { given.len() };
        if repeat != 0 && nargs > (isize::MAX as usize) / 8 / repeat as usize {
            return Err(raise(exc::overflow_error(), "repeat argument too large"));
        }
        let mut pools = Vec::with_capacity(nargs * repeat as usize);
        for &g in &given[..nargs] {
            pools.push(tuple::from_vec(crate::protocol::iter::collect(g)?)?);
        }
        for i in nargs..nargs * repeat as usize {
            pools.push(Obj::from_borrowed(pools[i - nargs].as_ptr()));
        }
        let n = pools.len();
        let pools = tuple::from_vec(pools)?;
        let op = alloc(tp, &[pools.as_ptr()], &[0])?;
        fields(op.as_ptr()).n[1] = Box::into_raw(Box::new(vec![0isize; n])) as isize;
        Ok(op)
    })
}

unsafe extern "C" fn product_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.n[0] != 0 {
            return Ok(None);
        }
        let pools = tuple::items(f.o[0]);
        let idx = product_indices(op);
        if f.o[1].is_null() {
            // The first result: the first element of every pool.
            let mut first = Vec::with_capacity(pools.len());
            for &pool in pools {
                match tuple::items(pool).first() {
                    Some(&e) => first.push(Obj::from_borrowed(e)),
                    None => {
                        f.n[0] = 1;
                        return Ok(None);
                    }
                }
            }
            let r = tuple::from_vec(first)?;
            set(op, 1, r.clone().into_ptr());
            return Ok(Some(r));
        }
        // The odometer: bump the rightmost index that has not rolled over.
        let mut cur: Vec<*mut PyObject> = tuple::items(f.o[1]).to_vec();
        let mut i = pools.len();
        loop {
            if i == 0 {
                f.n[0] = 1;
                return Ok(None);
            }
            i -= 1;
            let pool = tuple::items(pools[i]);
            idx[i] += 1;
            if idx[i] as usize == pool.len() {
                idx[i] = 0;
                cur[i] = pool[0];
            } else {
                cur[i] = pool[idx[i] as usize];
                break;
            }
        }
        let r = tuple::from_slice(&cur)?;
        set(op, 1, r.clone().into_ptr());
        Ok(Some(r))
    })
}

unsafe extern "C" fn product_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        if f.n[0] != 0 {
            return pack(&[tp, pack(&[tuple::new(0)?.as_ptr()])?.as_ptr()]);
        }
        if f.o[1].is_null() {
            return pack(&[tp, f.o[0]]);
        }
        let idx = product_indices(op).iter().map(|&i| long::from_i64(i as i64)).collect();
        pack(&[tp, f.o[0], tuple::from_vec(idx)?.as_ptr()])
    })
}

unsafe extern "C" fn product_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let pools = tuple::items(f.o[0]);
        if !tuple::check(state) || tuple::items(state).len() != pools.len() {
            return Err(raise(exc::value_error(), "invalid arguments"));
        }
        let idx = product_indices(op);
        for (i, &v) in tuple::items(state).iter().enumerate() {
            if !long::check(v) {
                return Err(raise(exc::type_error(), "an integer is required"));
            }
            let index = long::as_ssize_t(v)?;
            let size = tuple::items(pools[i]).len() as isize;
            if size == 0 {
                f.n[0] = 1;
                return Ok(Obj::from_borrowed(none()));
            }
            idx[i] = index.clamp(0, size - 1);
        }
        let cur: Vec<*mut PyObject> = pools.iter().zip(idx.iter()).map(|(&p, &i)| tuple::items(p)[i as usize]).collect();
        let r = tuple::from_slice(&cur)?;
        set(op, 1, r.into_ptr());
        Ok(Obj::from_borrowed(none()))
    })
}

static mut PRODUCT_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", product_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", product_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(PRODUCT_TYPE, c"itertools.product", c"Cartesian product of input iterables.  Equivalent to nested for-loops.", product_new, product_next, None, (&raw mut PRODUCT_METHODS) as *mut PyMethodDef);

// ---- combinations(iterable, r): o[0] the pool, o[1] the last result, n[0] stopped,
// n[1] the indices (a leaked Box<Vec>, freed by product_dealloc), n[2] r ---------------------

unsafe extern "C" fn combinations_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    combo_new("combinations", tp, args, kwds, false)
}

unsafe extern "C" fn cwr_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    combo_new("combinations_with_replacement", tp, args, kwds, true)
}

/// combinations and combinations_with_replacement (`n[3]` set) share their state.
unsafe fn combo_new(name: &str, tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject, repl: bool) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = bind(name, args, kwds, &["iterable", "r"], 2)?;
        let pool = tuple::from_vec(crate::protocol::iter::collect(a[0].expect("required"))?)?;
        let r = num::as_ssize_t(num::index(a[1].expect("required"))?.as_ptr())?;
        if r < 0 {
            return Err(raise(exc::value_error(), "r must be non-negative"));
        }
        let n = tuple::items(pool.as_ptr()).len() as isize;
        let stopped = if repl { n == 0 && r > 0 } else { r > n };
        let op = alloc(tp, &[pool.as_ptr()], &[stopped as isize, 0, r, repl as isize])?;
        let indices: Vec<isize> = if repl { vec![0; r as usize] } else { (0..r).collect() };
        fields(op.as_ptr()).n[1] = Box::into_raw(Box::new(indices)) as isize;
        Ok(op)
    })
}

unsafe fn combo_result(op: *mut PyObject) -> PyResult<Obj> {
    let f = fields(op);
    let pool = tuple::items(f.o[0]);
    let cur: Vec<*mut PyObject> = product_indices(op).iter().map(|&i| pool[i as usize]).collect();
    let r = tuple::from_slice(&cur)?;
    set(op, 1, r.clone().into_ptr());
    Ok(r)
}

unsafe extern "C" fn combinations_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.n[0] != 0 {
            return Ok(None);
        }
        if !f.o[1].is_null() {
            let n = tuple::items(f.o[0]).len() as isize;
            let r = f.n[2];
            let idx = product_indices(op);
            if f.n[3] != 0 {
                // With replacement: the rightmost index below n - 1, and all after it
                // set to its new value.
                let mut i = r - 1;
                while i >= 0 && idx[i as usize] == n - 1 {
                    i -= 1;
                }
                if i < 0 {
                    f.n[0] = 1;
                    return Ok(None);
                }
                let v = idx[i as usize] + 1;
                for j in i as usize..r as usize {
                    idx[j] = v;
                }
                return combo_result(op).map(Some);
            }
            // The rightmost index not yet at its maximum, i + n - r.
            let mut i = r - 1;
            while i >= 0 && idx[i as usize] == i + n - r {
                i -= 1;
            }
            if i < 0 {
                f.n[0] = 1;
                return Ok(None);
            }
            idx[i as usize] += 1;
            for j in (i + 1) as usize..r as usize {
                idx[j] = idx[j - 1] + 1;
            }
        }
        combo_result(op).map(Some)
    })
}

unsafe extern "C" fn combinations_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        let r = long::from_i64(f.n[2] as i64);
        if f.o[1].is_null() {
            return pack(&[tp, pack(&[f.o[0], r.as_ptr()])?.as_ptr()]);
        }
        if f.n[0] != 0 {
            return pack(&[tp, pack(&[tuple::new(0)?.as_ptr(), r.as_ptr()])?.as_ptr()]);
        }
        let idx = product_indices(op).iter().map(|&i| long::from_i64(i as i64)).collect();
        pack(&[tp, pack(&[f.o[0], r.as_ptr()])?.as_ptr(), tuple::from_vec(idx)?.as_ptr()])
    })
}

unsafe extern "C" fn combinations_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let n = tuple::items(f.o[0]).len() as isize;
        let r = f.n[2];
        if !tuple::check(state) || tuple::items(state).len() as isize != r {
            return Err(raise(exc::value_error(), "invalid arguments"));
        }
        let idx = product_indices(op);
        for (i, &v) in tuple::items(state).iter().enumerate() {
            if !long::check(v) {
                return Err(raise(exc::type_error(), "an integer is required"));
            }
            let index = long::as_ssize_t(v)?;
            idx[i] = if f.n[3] != 0 {
                if index < 0 { 0 } else { index.min(n - 1) }
            } else {
                index.min(i as isize + n - r).max(0)
            };
        }
        combo_result(op)?;
        Ok(Obj::from_borrowed(none()))
    })
}

static mut COMBINATIONS_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", combinations_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", combinations_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(COMBINATIONS_TYPE, c"itertools.combinations", c"Return successive r-length combinations of elements in the iterable.\n\ncombinations(range(4), 3) --> (0,1,2), (0,1,3), (0,2,3), (1,2,3)", combinations_new, combinations_next, None, (&raw mut COMBINATIONS_METHODS) as *mut PyMethodDef);

itertype!(CWR_TYPE, c"itertools.combinations_with_replacement", c"Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.\n\ncombinations_with_replacement('ABC', 2) --> ('A','A'), ('A','B'), ('A','C'), ('B','B'), ('B','C'), ('C','C')", cwr_new, combinations_next, None, (&raw mut COMBINATIONS_METHODS) as *mut PyMethodDef);

// ---- permutations(iterable, r=None): o[0] the pool, o[1] the last result, n[0] stopped,
// n[1] the indices (n of them) then the cycles (r) in one leaked Box<Vec>, n[2] r ------------

unsafe extern "C" fn permutations_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = bind("permutations", args, kwds, &["iterable", "r"], 1)?;
        let pool = tuple::from_vec(crate::protocol::iter::collect(a[0].expect("required"))?)?;
        let n = tuple::items(pool.as_ptr()).len() as isize;
        let mut r = n;
        if let Some(ro) = a[1].filter(|&o| !noneobject::is_none(o)) {
            if !long::check(ro) {
                return Err(raise(exc::type_error(), "Expected int as r"));
            }
            r = long::as_ssize_t(ro)?;
        }
        if r < 0 {
            return Err(raise(exc::value_error(), "r must be non-negative"));
        }
        let op = alloc(tp, &[pool.as_ptr()], &[(r > n) as isize, 0, r])?;
        let mut state: Vec<isize> = (0..n).collect();
        state.extend((0..r.min(n)).map(|i| n - i));
        state.resize((n + r) as usize, 0);
        fields(op.as_ptr()).n[1] = Box::into_raw(Box::new(state)) as isize;
        Ok(op)
    })
}

unsafe fn perm_result(op: *mut PyObject) -> PyResult<Obj> {
    let f = fields(op);
    let pool = tuple::items(f.o[0]);
    let r = f.n[2] as usize;
    let cur: Vec<*mut PyObject> = product_indices(op)[..r].iter().map(|&i| pool[i as usize]).collect();
    let t = tuple::from_slice(&cur)?;
    set(op, 1, t.clone().into_ptr());
    Ok(t)
}

unsafe extern "C" fn permutations_next(op: *mut PyObject) -> *mut PyObject {
    iternext(|| {
        let f = fields(op);
        if f.n[0] != 0 {
            return Ok(None);
        }
        if !f.o[1].is_null() {
            let n = tuple::items(f.o[0]).len();
            let r = f.n[2] as usize;
            if n == 0 {
                f.n[0] = 1;
                return Ok(None);
            }
            let st = product_indices(op);
            let (indices, cycles) = st.split_at_mut(n);
            let mut done = true;
            for i in (0..r).rev() {
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    indices[i..].rotate_left(1);
                    cycles[i] = (n - i) as isize;
                } else {
                    let j = cycles[i] as usize;
                    indices.swap(i, n - j);
                    done = false;
                    break;
                }
            }
            if done {
                f.n[0] = 1;
                return Ok(None);
            }
        }
        perm_result(op).map(Some)
    })
}

unsafe extern "C" fn permutations_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let f = fields(op);
        let tp = type_of(op) as *mut PyObject;
        let r = long::from_i64(f.n[2] as i64);
        if f.o[1].is_null() {
            return pack(&[tp, pack(&[f.o[0], r.as_ptr()])?.as_ptr()]);
        }
        if f.n[0] != 0 {
            return pack(&[tp, pack(&[tuple::new(0)?.as_ptr(), r.as_ptr()])?.as_ptr()]);
        }
        let n = tuple::items(f.o[0]).len();
        let st = product_indices(op);
        let ints = |v: &[isize]| tuple::from_vec(v.iter().map(|&i| long::from_i64(i as i64)).collect());
        let state = pack(&[ints(&st[..n])?.as_ptr(), ints(&st[n..])?.as_ptr()])?;
        pack(&[tp, pack(&[f.o[0], r.as_ptr()])?.as_ptr(), state.as_ptr()])
    })
}

unsafe extern "C" fn permutations_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = state_items(state, 2, 2)?;
        for (k, &t) in a.iter().enumerate() {
            if !tuple::check(t) {
                return Err(raise(exc::type_error(), format!("argument {} must be tuple, not {}", k + 1, full_name(type_of(t)))));
            }
        }
        let f = fields(op);
        let n = tuple::items(f.o[0]).len();
        let r = f.n[2] as usize;
        let (ind, cyc) = (tuple::items(a[0]), tuple::items(a[1]));
        if ind.len() != n || cyc.len() != r {
            return Err(raise(exc::value_error(), "invalid arguments"));
        }
        let int = |v: *mut PyObject| -> PyResult<isize> {
            if !long::check(v) {
                return Err(raise(exc::type_error(), "an integer is required"));
            }
            long::as_ssize_t(v)
        };
        let st = product_indices(op);
        for (i, &v) in ind.iter().enumerate() {
            st[i] = int(v)?.clamp(0, n as isize - 1);
        }
        for (i, &v) in cyc.iter().enumerate() {
            let c = int(v)?;
            st[n + i] = if c < 1 { 1 } else { c.min((n - i) as isize) };
        }
        perm_result(op)?;
        Ok(Obj::from_borrowed(none()))
    })
}

static mut PERMUTATIONS_METHODS: [PyMethodDef; 3] = [
    method(c"__reduce__", permutations_reduce as *const (), METH_NOARGS, REDUCE_DOC),
    method(c"__setstate__", permutations_setstate as *const (), METH_O, SETSTATE_DOC),
    METHOD_END,
];
itertype!(PERMUTATIONS_TYPE, c"itertools.permutations", c"Return successive r-length permutations of elements in the iterable.\n\npermutations(range(3), 2) --> (0,1), (0,2), (1,0), (1,2), (2,0), (2,1)", permutations_new, permutations_next, None, (&raw mut PERMUTATIONS_METHODS) as *mut PyMethodDef);

const DOC: &str = "Functional tools for creating and using iterators.";

/// `groupby` and `tee` are not written yet: calling them says so rather than the module
/// seeming to lack them.
unsafe extern "C" fn not_yet_groupby(_m: *mut PyObject, _a: *const *mut PyObject, _n: Py_ssize_t) -> *mut PyObject {
    crate::err::raise(exc::not_implemented_error(), "itertools.groupby is not implemented in Ferric yet");
    std::ptr::null_mut()
}

unsafe extern "C" fn not_yet_tee(_m: *mut PyObject, _a: *const *mut PyObject, _n: Py_ssize_t) -> *mut PyObject {
    crate::err::raise(exc::not_implemented_error(), "itertools.tee is not implemented in Ferric yet");
    std::ptr::null_mut()
}

static mut NOT_YET: [PyMethodDef; 3] = [crate::modules::fast(c"groupby", not_yet_groupby), crate::modules::fast(c"tee", not_yet_tee), METHOD_END];

/// Makes the `itertools` module.
pub unsafe fn init() -> PyResult<Obj> {
    let types: [(&str, *mut PyTypeObject); 17] = [
        ("accumulate", &raw mut ACCUMULATE_TYPE),
        ("chain", &raw mut CHAIN_TYPE),
        ("combinations", &raw mut COMBINATIONS_TYPE),
        ("combinations_with_replacement", &raw mut CWR_TYPE),
        ("compress", &raw mut COMPRESS_TYPE),
        ("count", &raw mut COUNT_TYPE),
        ("cycle", &raw mut CYCLE_TYPE),
        ("dropwhile", &raw mut DROPWHILE_TYPE),
        ("filterfalse", &raw mut FILTERFALSE_TYPE),
        ("islice", &raw mut ISLICE_TYPE),
        ("pairwise", &raw mut PAIRWISE_TYPE),
        ("permutations", &raw mut PERMUTATIONS_TYPE),
        ("product", &raw mut PRODUCT_TYPE),
        ("repeat", &raw mut REPEAT_TYPE),
        ("starmap", &raw mut STARMAP_TYPE),
        ("takewhile", &raw mut TAKEWHILE_TYPE),
        ("zip_longest", &raw mut ZIP_LONGEST_TYPE),
    ];
    let name = str_::from_str("itertools")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    // product keeps its indices outside the shared slots, so it frees them itself.
    (*(&raw mut PRODUCT_TYPE)).tp_dealloc = Some(product_dealloc);
    (*(&raw mut COMBINATIONS_TYPE)).tp_dealloc = Some(product_dealloc);
    (*(&raw mut CWR_TYPE)).tp_dealloc = Some(product_dealloc);
    (*(&raw mut PERMUTATIONS_TYPE)).tp_dealloc = Some(product_dealloc);
    for (k, tp) in types {
        typeobject::ready(tp)?;
        dict::set_item_str(d, k, tp as *mut PyObject)?;
    }
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut NOT_YET) as *mut PyMethodDef, name.as_ptr())?;
    Ok(m)
}
