//! The eval loop: runs CPython 3.11 bytecode (`co_code_adaptive`, 16-bit code units of
//! opcode and argument, each followed by its inline `CACHE` units) over an interpreter frame.
//!
//! Calls recurse: a Python function call runs a fresh `eval_frame` on the Rust stack, guarded
//! by the recursion limit and a native stack check. Exceptions unwind through the code
//! object's exception table, as CPython's zero-cost `try`.

use crate::ceval_frame::{self as frame, Frame};
use crate::err::{self, raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::full_name;
use crate::objects::{
    boolobject, cellobject as cell, dictobject as dict, exceptions, functionobject as func, listobject as list, longobject as long, noneobject, sliceobject, tupleobject as tuple,
    unicodeobject as str_,
};
use crate::protocol::{call, iter, number as num, object as proto, sequence as seq};
use crate::{ceval_ops as ops, ceval_trace as trace, Obj};
use ferric_compiler::opcode as op;
use std::ffi::c_int;
use std::ptr::null_mut;

/// vectorcall of `function` objects.
pub unsafe extern "C" fn function_vectorcall(callable: *mut PyObject, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let nargs = nargsf & !PY_VECTORCALL_ARGUMENTS_OFFSET;
        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
        let argv: &[*mut PyObject] = if nargs + nkw == 0 { &[] } else { std::slice::from_raw_parts(args, nargs + nkw) };
        let co = func::code(callable);
        let locals = if (*co).co_flags & CO_OPTIMIZED == 0 { (*func::raw(callable)).func_globals } else { null_mut() };
        match call_with_locals(callable, locals, argv, nargs, kwnames) {
            Ok(r) => r.into_ptr(),
            Err(_) => null_mut(),
        }
    })
}

/// Runs `function` with the given namespace as `f_locals` (class bodies, `exec`).
pub unsafe fn call_with_locals(function: *mut PyObject, locals: *mut PyObject, args: &[*mut PyObject], nargs: usize, kwnames: *mut PyObject) -> PyResult<Obj> {
    let f = frame::alloc(function, locals)?;
    if let Err(e) = crate::ceval_args::bind(function, frame::localsplus(f), args, nargs, kwnames) {
        frame::clear_and_free(f);
        return Err(e);
    }
    let r = eval_frame(f, false);
    frame::clear_and_free(f);
    Obj::from_owned(r)
}

/// PyEval_EvalCode: runs a module-level or class-level code object in `globals`/`locals`.
pub unsafe fn eval_code(code: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> PyResult<Obj> {
    if dict::get_item_str(globals, "__builtins__")?.is_null() {
        dict::set_item_str(globals, "__builtins__", crate::interp::builtins_module())?;
    }
    let function = func::new(code, globals, null_mut())?;
    call_with_locals(function.as_ptr(), locals, &[], 0, null_mut())
}

/// Runs frame `f` from its next instruction until it returns or yields. The caller owns
/// the frame (and clears it); NULL means an exception is set.
pub unsafe fn eval_frame(f: *mut Frame, throwflag: bool) -> *mut PyObject {
    if crate::ceval_guard::enter_recursive_call("").is_err() {
        return null_mut();
    }
    (*f).previous = frame::current();
    frame::set_current(f);
    let r = if crate::native_stack::exhausted() {
        // Safety: the frame stays owned by this call while it runs on the other segment.
        crate::native_stack::on_new_segment(|| unsafe { run(f, throwflag) }).unwrap_or_else(|| {
            raise(exc::recursion_error(), "maximum recursion depth exceeded");
            null_mut()
        })
    } else {
        run(f, throwflag)
    };
    frame::set_current((*f).previous);
    crate::ceval_guard::leave_recursive_call();
    r
}

/// Where an error came from: a new one gets a traceback entry for this frame, a re-raised
/// one (`raise`, RERAISE) keeps the traceback it has.
enum Fault {
    Error,
    Reraise,
}

/// The handler covering instruction `index` in the exception table: (stack depth, target,
/// push lasti).
unsafe fn find_handler(co: *mut PyCodeObject, index: c_int) -> Option<(usize, usize, bool)> {
    let table = crate::objects::bytesobject::as_slice((*co).co_exceptiontable);
    let mut i = 0;
    let read = |i: &mut usize| -> u32 {
        let mut b = table[*i];
        *i += 1;
        let mut v = (b & 63) as u32;
        while b & 64 != 0 {
            b = table[*i];
            *i += 1;
            v = (v << 6) | (b & 63) as u32;
        }
        v
    };
    while i < table.len() {
        let start = read(&mut i) as c_int;
        let size = read(&mut i) as c_int;
        let target = read(&mut i) as usize;
        let depth_lasti = read(&mut i);
        if index < start {
            return None;
        }
        if index < start + size {
            return Some(((depth_lasti >> 1) as usize, target, depth_lasti & 1 != 0));
        }
    }
    None
}

/// `NameError: name 'x' is not defined`.
unsafe fn name_error(name: *mut PyObject) -> ErrSet {
    let s = str_::as_str(name).unwrap_or("?");
    let e = raise(exc::name_error(), format!("name '{s}' is not defined"));
    crate::objects::exceptions::set_name_error_name(name);
    e
}

/// The error for reading an empty local, cell or free variable.
unsafe fn unbound_error(co: *mut PyCodeObject, index: usize) -> ErrSet {
    let name = tuple::get_item((*co).co_localsplusnames, index as Py_ssize_t);
    let s = str_::as_str(name).unwrap_or("?");
    let kind = crate::objects::bytesobject::as_slice((*co).co_localspluskinds)[index];
    if kind & CO_FAST_FREE != 0 {
        let e = raise(exc::name_error(), format!("cannot access free variable '{s}' where it is not associated with a value in enclosing scope"));
        crate::objects::exceptions::set_name_error_name(name);
        e
    } else {
        raise(exc::unbound_local_error(), format!("cannot access local variable '{s}' where it is not associated with a value"))
    }
}

/// LOAD_GLOBAL/LOAD_NAME's last steps: globals, then builtins.
unsafe fn load_global(f: *mut Frame, name: *mut PyObject) -> PyResult<Obj> {
    if let Some(v) = dict::get_item((*f).f_globals, name)? {
        return Ok(Obj::from_borrowed(v));
    }
    let b = (*f).f_builtins;
    if dict::check_exact(b) {
        if let Some(v) = dict::get_item(b, name)? {
            return Ok(Obj::from_borrowed(v));
        }
        return Err(name_error(name));
    }
    match seq::getitem(b, name) {
        Ok(v) => Ok(v),
        Err(e) => {
            if err::exception_matches(exc::key_error()) {
                err::clear();
                return Err(name_error(name));
            }
            Err(e)
        }
    }
}

/// A lookup in a namespace that may be any mapping: Ok(None) when missing.
unsafe fn mapping_lookup(m: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Obj>> {
    if dict::check_exact(m) {
        return Ok(dict::get_item(m, name)?.map(|v| Obj::from_borrowed(v)));
    }
    match seq::getitem(m, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            if err::exception_matches(exc::key_error()) {
                err::clear();
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

const BINARY_OPS: [num::BinOp; 13] = [
    num::ADD,
    num::AND,
    num::FLOOR_DIVIDE,
    num::LSHIFT,
    num::MATRIX_MULTIPLY,
    num::MULTIPLY,
    num::REMAINDER,
    num::OR,
    num::ADD, // NB_POWER goes through pow()
    num::RSHIFT,
    num::SUBTRACT,
    num::TRUE_DIVIDE,
    num::XOR,
];

const INPLACE_OPS: [num::BinOp; 13] = [
    num::INPLACE_ADD,
    num::INPLACE_AND,
    num::INPLACE_FLOOR_DIVIDE,
    num::INPLACE_LSHIFT,
    num::INPLACE_MATRIX_MULTIPLY,
    num::INPLACE_MULTIPLY,
    num::INPLACE_REMAINDER,
    num::INPLACE_OR,
    num::INPLACE_ADD, // NB_INPLACE_POWER goes through pow()
    num::INPLACE_RSHIFT,
    num::INPLACE_SUBTRACT,
    num::INPLACE_TRUE_DIVIDE,
    num::INPLACE_XOR,
];

const NB_POWER: u32 = 8;

unsafe fn binary_op(a: *mut PyObject, b: *mut PyObject, oparg: u32) -> PyResult<Obj> {
    if oparg < 13 {
        if oparg == NB_POWER {
            return num::power(a, b, noneobject::none());
        }
        return num::binary_op(a, b, BINARY_OPS[oparg as usize]);
    }
    let i = oparg - 13;
    if i >= 13 {
        return Err(raise(exc::system_error(), format!("bad BINARY_OP argument {oparg}")));
    }
    if i == NB_POWER {
        return num::inplace_power(a, b);
    }
    num::inplace_op(a, b, INPLACE_OPS[i as usize], BINARY_OPS[i as usize])
}

/// The body of the loop. Stack slots are owned references between `stack_base` and `sp`.
unsafe fn run(f: *mut Frame, throwflag: bool) -> *mut PyObject {
    let co = (*f).f_code;
    let first = frame::code_units(co);
    let consts = tuple::items_ptr((*co).co_consts);
    let names = tuple::items_ptr((*co).co_names);
    let lp = frame::localsplus(f);
    let mut sp = lp.add((*f).stacktop.max((*co).co_nlocalsplus) as usize);
    let mut next_instr = (*f).prev_instr.add(1);
    let mut kwnames: *mut PyObject = null_mut();
    let ts = crate::pystate::tstate();
    // While running, the stack top lives in `sp`; -1 tells traversal not to trust stacktop.
    (*f).stacktop = -1;

    macro_rules! push {
        ($v:expr) => {{
            *sp = $v;
            sp = sp.add(1);
        }};
    }
    macro_rules! pop {
        () => {{
            sp = sp.sub(1);
            *sp
        }};
    }
    macro_rules! peek {
        ($n:expr) => {
            *sp.sub($n)
        };
    }
    macro_rules! set_peek {
        ($n:expr, $v:expr) => {
            *sp.sub($n) = $v
        };
    }
    macro_rules! save_sp {
        () => {
            (*f).stacktop = sp.offset_from(lp) as c_int
        };
    }

    // Leaving by an exception without looking for a handler here (CPython's exit_unwind).
    macro_rules! exit_unwind {
        () => {{
            while sp > frame::stack_base(f) {
                xdecref(pop!());
            }
            save_sp!();
            if let Some(g) = crate::objects::genobject::of_frame(f) {
                crate::objects::genobject::mark_completed(g);
            }
            return null_mut();
        }};
    }
    if throwflag && trace::active(ts) && trace::function_entry(f).is_err() {
        exit_unwind!();
    }
    let mut fault: Option<Fault> = if throwflag { Some(Fault::Error) } else { None };
    // The instruction running now. Handlers are looked up from it, not from `prev_instr`,
    // which RERAISE points back at the original failing instruction.
    let mut current = (*f).prev_instr;
    loop {
        if fault.is_none() {
            let mut word = *next_instr;
            let prev = current;
            current = next_instr;
            (*f).prev_instr = next_instr;
            if trace::active(ts) {
                save_sp!();
                let r = trace::instruction(f, current.offset_from(first) as c_int, prev.offset_from(first) as c_int, (word & 0xff) as u8);
                (*f).stacktop = -1;
                if r.is_err() {
                    fault = Some(Fault::Error);
                    next_instr = next_instr.add(1);
                    continue;
                }
                // A trace function may have changed the line to run (f_lineno).
                next_instr = (*f).prev_instr;
                current = next_instr;
                word = *next_instr;
            }
            next_instr = next_instr.add(1);
            let mut opcode = (word & 0xff) as u8;
            let mut oparg = (word >> 8) as u32;
            while opcode == op::EXTENDED_ARG {
                word = *next_instr;
                (*f).prev_instr = next_instr;
                next_instr = next_instr.add(1);
                opcode = (word & 0xff) as u8;
                oparg = (oparg << 8) | (word >> 8) as u32;
                current = (*f).prev_instr;
            }
            next_instr = next_instr.add(ferric_compiler::opcode::INLINE_CACHE_ENTRIES[opcode as usize] as usize);

            fault = 'op: {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(_) => break 'op Some(Fault::Error),
                        }
                    };
                }
                macro_rules! fail {
                    () => {
                        break 'op Some(Fault::Error)
                    };
                }
                match opcode {
                    op::NOP | op::RESUME => {}
                    op::LOAD_FAST => {
                        let v = *lp.add(oparg as usize);
                        if v.is_null() {
                            unbound_error(co, oparg as usize);
                            fail!();
                        }
                        incref(v);
                        push!(v);
                    }
                    op::LOAD_CONST => {
                        let v = *consts.add(oparg as usize);
                        incref(v);
                        push!(v);
                    }
                    op::STORE_FAST => {
                        let v = pop!();
                        xsetref(lp.add(oparg as usize), v);
                    }
                    op::DELETE_FAST => {
                        if (*lp.add(oparg as usize)).is_null() {
                            unbound_error(co, oparg as usize);
                            fail!();
                        }
                        xsetref(lp.add(oparg as usize), null_mut());
                    }
                    op::POP_TOP => decref(pop!()),
                    op::PUSH_NULL => push!(null_mut()),
                    op::SWAP => {
                        let n = oparg as usize;
                        let top = peek!(1);
                        set_peek!(1, peek!(n));
                        set_peek!(n, top);
                    }
                    op::COPY => {
                        let v = peek!(oparg as usize);
                        incref(v);
                        push!(v);
                    }
                    op::UNARY_POSITIVE | op::UNARY_NEGATIVE | op::UNARY_INVERT => {
                        let v = peek!(1);
                        let r = tri!(match opcode {
                            op::UNARY_POSITIVE => num::positive(v),
                            op::UNARY_NEGATIVE => num::negative(v),
                            _ => num::invert(v),
                        });
                        decref(v);
                        set_peek!(1, r.into_ptr());
                    }
                    op::UNARY_NOT => {
                        let v = peek!(1);
                        let t = tri!(proto::is_true(v));
                        decref(v);
                        set_peek!(1, boolobject::new_bool(!t));
                    }
                    op::BINARY_OP => {
                        let (a, b) = (peek!(2), peek!(1));
                        let r = tri!(binary_op(a, b, oparg));
                        decref(b);
                        decref(a);
                        sp = sp.sub(1);
                        set_peek!(1, r.into_ptr());
                    }
                    op::BINARY_SUBSCR => {
                        let (container, sub) = (peek!(2), peek!(1));
                        let r = tri!(seq::getitem(container, sub));
                        decref(sub);
                        decref(container);
                        sp = sp.sub(1);
                        set_peek!(1, r.into_ptr());
                    }
                    op::STORE_SUBSCR => {
                        let (v, container, sub) = (peek!(3), peek!(2), peek!(1));
                        tri!(seq::setitem(container, sub, v));
                        sp = sp.sub(3);
                        decref(v);
                        decref(container);
                        decref(sub);
                    }
                    op::DELETE_SUBSCR => {
                        let (container, sub) = (peek!(2), peek!(1));
                        tri!(seq::setitem(container, sub, null_mut()));
                        sp = sp.sub(2);
                        decref(container);
                        decref(sub);
                    }
                    op::GET_LEN => {
                        let n = tri!(seq::size(peek!(1)));
                        push!(long::from_i64(n as i64).into_ptr());
                    }
                    op::BUILD_TUPLE => {
                        let n = oparg as usize;
                        let t = tri!(tuple::new(n as Py_ssize_t));
                        sp = sp.sub(n);
                        for i in 0..n {
                            tuple::set_item_steal(t.as_ptr(), i as Py_ssize_t, *sp.add(i));
                        }
                        push!(t.into_ptr());
                    }
                    op::BUILD_LIST => {
                        let n = oparg as usize;
                        let items = std::slice::from_raw_parts(sp.sub(n), n);
                        let l = tri!(list::from_slice(items));
                        for _ in 0..n {
                            decref(pop!());
                        }
                        push!(l.into_ptr());
                    }
                    op::BUILD_SET => {
                        let n = oparg as usize;
                        let s = tri!(crate::objects::setobject::new_set(null_mut()));
                        let mut r = Ok(());
                        for i in 0..n {
                            if r.is_ok() {
                                r = crate::objects::setobject::add(s.as_ptr(), *sp.sub(n - i));
                            }
                        }
                        for _ in 0..n {
                            decref(pop!());
                        }
                        tri!(r);
                        push!(s.into_ptr());
                    }
                    op::BUILD_MAP => {
                        let n = oparg as usize;
                        let d = tri!(dict::new());
                        let mut r = Ok(());
                        for i in 0..n {
                            if r.is_ok() {
                                r = dict::set_item(d.as_ptr(), *sp.sub(2 * (n - i)), *sp.sub(2 * (n - i) - 1));
                            }
                        }
                        for _ in 0..2 * n {
                            decref(pop!());
                        }
                        tri!(r);
                        push!(d.into_ptr());
                    }
                    op::BUILD_CONST_KEY_MAP => {
                        let n = oparg as usize;
                        let keys = peek!(1);
                        if !tuple::check_exact(keys) || size_of_var(keys) as usize != n {
                            raise(exc::system_error(), "bad BUILD_CONST_KEY_MAP keys argument");
                            fail!();
                        }
                        let d = tri!(dict::new());
                        let mut r = Ok(());
                        for i in 0..n {
                            if r.is_ok() {
                                r = dict::set_item(d.as_ptr(), tuple::get_item(keys, i as Py_ssize_t), *sp.sub(n + 1 - i));
                            }
                        }
                        for _ in 0..n + 1 {
                            decref(pop!());
                        }
                        tri!(r);
                        push!(d.into_ptr());
                    }
                    op::BUILD_STRING => {
                        let n = oparg as usize;
                        let mut out = str_::empty();
                        let mut r = Ok(());
                        for i in 0..n {
                            if r.is_ok() {
                                match str_::concat(out.as_ptr(), *sp.sub(n - i)) {
                                    Ok(s) => out = s,
                                    Err(e) => r = Err(e),
                                }
                            }
                        }
                        for _ in 0..n {
                            decref(pop!());
                        }
                        tri!(r);
                        push!(out.into_ptr());
                    }
                    op::BUILD_SLICE => {
                        let step = if oparg == 3 { pop!() } else { null_mut() };
                        let stop = pop!();
                        let start = peek!(1);
                        let r = sliceobject::new(start, stop, step);
                        decref(start);
                        decref(stop);
                        xdecref(step);
                        match r {
                            Ok(s) => set_peek!(1, s.into_ptr()),
                            Err(_) => {
                                sp = sp.sub(1);
                                fail!();
                            }
                        }
                    }
                    op::LIST_APPEND => {
                        let v = pop!();
                        let r = list::append(peek!(oparg as usize), v);
                        decref(v);
                        tri!(r);
                    }
                    op::SET_ADD => {
                        let v = pop!();
                        let r = crate::objects::setobject::add(peek!(oparg as usize), v);
                        decref(v);
                        tri!(r);
                    }
                    op::MAP_ADD => {
                        let value = pop!();
                        let key = pop!();
                        let r = dict::set_item(peek!(oparg as usize), key, value);
                        decref(key);
                        decref(value);
                        tri!(r);
                    }
                    op::LIST_EXTEND => {
                        let iterable = pop!();
                        let l = peek!(oparg as usize);
                        let r = list_extend(l, iterable);
                        decref(iterable);
                        tri!(r);
                    }
                    op::SET_UPDATE => {
                        let iterable = pop!();
                        let s = peek!(oparg as usize);
                        let r = set_update(s, iterable);
                        decref(iterable);
                        tri!(r);
                    }
                    op::DICT_UPDATE => {
                        let update = pop!();
                        let d = peek!(oparg as usize);
                        let r = dict::merge(d, update, true);
                        if r.is_err() && err::exception_matches(exc::attribute_error()) {
                            err::clear();
                            raise(exc::type_error(), format!("'{}' object is not a mapping", full_name(type_of(update))));
                        }
                        decref(update);
                        tri!(r);
                    }
                    op::DICT_MERGE => {
                        let update = pop!();
                        let d = peek!(oparg as usize);
                        let callee = peek!(2 + oparg as usize);
                        let r = ops::merge_kwargs(callee, d, update);
                        decref(update);
                        tri!(r);
                    }
                    op::LIST_TO_TUPLE => {
                        let l = peek!(1);
                        let t = tri!(list::as_tuple(l));
                        decref(l);
                        set_peek!(1, t.into_ptr());
                    }
                    op::LOAD_NAME => {
                        let name = *names.add(oparg as usize);
                        let locals = (*f).f_locals;
                        if locals.is_null() {
                            raise(exc::system_error(), format!("no locals when loading {}", proto::repr_string(name).unwrap_or_default()));
                            fail!();
                        }
                        let v = match tri!(mapping_lookup(locals, name)) {
                            Some(v) => v,
                            None => tri!(load_global(f, name)),
                        };
                        push!(v.into_ptr());
                    }
                    op::STORE_NAME => {
                        let name = *names.add(oparg as usize);
                        let v = pop!();
                        let locals = (*f).f_locals;
                        let r = if locals.is_null() {
                            Err(raise(exc::system_error(), format!("no locals found when storing {}", proto::repr_string(name).unwrap_or_default())))
                        } else if dict::check_exact(locals) {
                            dict::set_item(locals, name, v)
                        } else {
                            seq::setitem(locals, name, v)
                        };
                        decref(v);
                        tri!(r);
                    }
                    op::DELETE_NAME => {
                        let name = *names.add(oparg as usize);
                        let locals = (*f).f_locals;
                        if locals.is_null() {
                            raise(exc::system_error(), format!("no locals when deleting {}", proto::repr_string(name).unwrap_or_default()));
                            fail!();
                        }
                        if seq::setitem(locals, name, null_mut()).is_err() {
                            if err::exception_matches(exc::key_error()) {
                                err::clear();
                                name_error(name);
                            }
                            fail!();
                        }
                    }
                    op::LOAD_GLOBAL => {
                        let name = *names.add((oparg >> 1) as usize);
                        let v = tri!(load_global(f, name));
                        if oparg & 1 != 0 {
                            push!(null_mut());
                        }
                        push!(v.into_ptr());
                    }
                    op::STORE_GLOBAL => {
                        let name = *names.add(oparg as usize);
                        let v = pop!();
                        let r = dict::set_item((*f).f_globals, name, v);
                        decref(v);
                        tri!(r);
                    }
                    op::DELETE_GLOBAL => {
                        let name = *names.add(oparg as usize);
                        if !tri!(dict::del_item((*f).f_globals, name)) {
                            name_error(name);
                            fail!();
                        }
                    }
                    op::LOAD_ATTR => {
                        let owner = peek!(1);
                        let v = tri!(proto::getattr(owner, *names.add(oparg as usize)));
                        decref(owner);
                        set_peek!(1, v.into_ptr());
                    }
                    op::STORE_ATTR => {
                        let (v, owner) = (peek!(2), peek!(1));
                        let r = proto::setattr(owner, *names.add(oparg as usize), v);
                        sp = sp.sub(2);
                        decref(owner);
                        decref(v);
                        tri!(r);
                    }
                    op::DELETE_ATTR => {
                        let owner = pop!();
                        let r = proto::setattr(owner, *names.add(oparg as usize), null_mut());
                        decref(owner);
                        tri!(r);
                    }
                    op::LOAD_METHOD => {
                        let obj = peek!(1);
                        let (m, is_method) = tri!(ops::load_method(obj, *names.add(oparg as usize)));
                        if is_method {
                            set_peek!(1, m.into_ptr());
                            push!(obj);
                        } else {
                            set_peek!(1, null_mut());
                            decref(obj);
                            push!(m.into_ptr());
                        }
                    }
                    op::COMPARE_OP => {
                        let (a, b) = (peek!(2), peek!(1));
                        let r = tri!(ops::compare(a, b, oparg as c_int));
                        decref(b);
                        decref(a);
                        sp = sp.sub(1);
                        set_peek!(1, r.into_ptr());
                    }
                    op::IS_OP => {
                        let (a, b) = (peek!(2), peek!(1));
                        let r = (a == b) ^ (oparg != 0);
                        decref(b);
                        decref(a);
                        sp = sp.sub(1);
                        set_peek!(1, boolobject::new_bool(r));
                    }
                    op::CONTAINS_OP => {
                        let (left, right) = (peek!(2), peek!(1));
                        let r = tri!(seq::contains(right, left));
                        decref(right);
                        decref(left);
                        sp = sp.sub(1);
                        set_peek!(1, boolobject::new_bool(r ^ (oparg != 0)));
                    }
                    op::JUMP_FORWARD => next_instr = next_instr.add(oparg as usize),
                    op::JUMP_BACKWARD | op::JUMP_BACKWARD_NO_INTERRUPT => next_instr = next_instr.sub(oparg as usize),
                    op::POP_JUMP_FORWARD_IF_FALSE | op::POP_JUMP_FORWARD_IF_TRUE | op::POP_JUMP_BACKWARD_IF_FALSE | op::POP_JUMP_BACKWARD_IF_TRUE => {
                        let v = pop!();
                        let t = if v == boolobject::true_() {
                            true
                        } else if v == boolobject::false_() {
                            false
                        } else {
                            let r = proto::is_true(v);
                            decref(v);
                            tri!(r)
                        };
                        let want = matches!(opcode, op::POP_JUMP_FORWARD_IF_TRUE | op::POP_JUMP_BACKWARD_IF_TRUE);
                        if t == want {
                            if matches!(opcode, op::POP_JUMP_FORWARD_IF_FALSE | op::POP_JUMP_FORWARD_IF_TRUE) {
                                next_instr = next_instr.add(oparg as usize);
                            } else {
                                next_instr = next_instr.sub(oparg as usize);
                            }
                        }
                    }
                    op::POP_JUMP_FORWARD_IF_NONE | op::POP_JUMP_FORWARD_IF_NOT_NONE | op::POP_JUMP_BACKWARD_IF_NONE | op::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                        let v = pop!();
                        let is_none = noneobject::is_none(v);
                        decref(v);
                        let want_none = matches!(opcode, op::POP_JUMP_FORWARD_IF_NONE | op::POP_JUMP_BACKWARD_IF_NONE);
                        if is_none == want_none {
                            if matches!(opcode, op::POP_JUMP_FORWARD_IF_NONE | op::POP_JUMP_FORWARD_IF_NOT_NONE) {
                                next_instr = next_instr.add(oparg as usize);
                            } else {
                                next_instr = next_instr.sub(oparg as usize);
                            }
                        }
                    }
                    op::JUMP_IF_FALSE_OR_POP | op::JUMP_IF_TRUE_OR_POP => {
                        let v = peek!(1);
                        let t = tri!(proto::is_true(v));
                        if t == (opcode == op::JUMP_IF_TRUE_OR_POP) {
                            next_instr = next_instr.add(oparg as usize);
                        } else {
                            decref(pop!());
                        }
                    }
                    op::GET_ITER => {
                        let v = peek!(1);
                        let it = tri!(iter::get_iter(v));
                        decref(v);
                        set_peek!(1, it.into_ptr());
                    }
                    op::FOR_ITER => {
                        let it = peek!(1);
                        let next = (*type_of(it)).tp_iternext;
                        let v = match next {
                            Some(n) => n(it),
                            None => {
                                raise(exc::type_error(), format!("'{}' object is not an iterator", full_name(type_of(it))));
                                null_mut()
                            }
                        };
                        if !v.is_null() {
                            push!(v);
                        } else {
                            if !err::occurred().is_null() {
                                if !err::exception_matches(exc::stop_iteration()) {
                                    fail!();
                                }
                                err::clear();
                            }
                            decref(pop!());
                            next_instr = next_instr.add(oparg as usize);
                        }
                    }
                    op::RETURN_VALUE => {
                        let v = pop!();
                        save_sp!();
                        if trace::active(ts) && trace::function_exit(f, v).is_err() {
                            decref(v);
                            exit_unwind!();
                        }
                        if let Some(g) = crate::objects::genobject::of_frame(f) {
                            crate::objects::genobject::mark_completed(g);
                        }
                        return v;
                    }
                    op::MAKE_FUNCTION => {
                        let code = pop!();
                        let fr = func::new(code, (*f).f_globals, null_mut());
                        decref(code);
                        let fo = match fr {
                            Ok(fo) => fo,
                            Err(_) => {
                                // Drop the operands the function would have taken.
                                for bit in [8u32, 4, 2, 1] {
                                    if oparg & bit != 0 {
                                        decref(pop!());
                                    }
                                }
                                fail!();
                            }
                        };
                        let fp = func::raw(fo.as_ptr());
                        if oparg & 8 != 0 {
                            (*fp).func_closure = pop!();
                        }
                        if oparg & 4 != 0 {
                            (*fp).func_annotations = pop!();
                        }
                        if oparg & 2 != 0 {
                            (*fp).func_kwdefaults = pop!();
                        }
                        if oparg & 1 != 0 {
                            (*fp).func_defaults = pop!();
                        }
                        push!(fo.into_ptr());
                    }
                    op::MAKE_CELL => {
                        let slot = lp.add(oparg as usize);
                        let c = tri!(cell::new(*slot));
                        xsetref(slot, c.into_ptr());
                    }
                    op::COPY_FREE_VARS => frame::copy_free_vars(f, oparg as usize),
                    op::LOAD_CLOSURE => {
                        let v = *lp.add(oparg as usize);
                        incref(v);
                        push!(v);
                    }
                    op::LOAD_DEREF => {
                        let v = cell::get(*lp.add(oparg as usize));
                        if v.is_null() {
                            unbound_error(co, oparg as usize);
                            fail!();
                        }
                        incref(v);
                        push!(v);
                    }
                    op::LOAD_CLASSDEREF => {
                        let name = tuple::get_item((*co).co_localsplusnames, oparg as Py_ssize_t);
                        let locals = (*f).f_locals;
                        let found = if locals.is_null() { None } else { tri!(mapping_lookup(locals, name)) };
                        match found {
                            Some(v) => push!(v.into_ptr()),
                            None => {
                                let v = cell::get(*lp.add(oparg as usize));
                                if v.is_null() {
                                    unbound_error(co, oparg as usize);
                                    fail!();
                                }
                                incref(v);
                                push!(v);
                            }
                        }
                    }
                    op::STORE_DEREF => {
                        let v = pop!();
                        let c = *lp.add(oparg as usize);
                        cell::set(c, v);
                        decref(v);
                    }
                    op::DELETE_DEREF => {
                        let c = *lp.add(oparg as usize);
                        if cell::get(c).is_null() {
                            unbound_error(co, oparg as usize);
                            fail!();
                        }
                        cell::set(c, null_mut());
                    }
                    op::LOAD_BUILD_CLASS => {
                        let bc = tri!(mapping_lookup((*f).f_builtins, str_::intern("__build_class__").unwrap_or(null_mut())));
                        match bc {
                            Some(v) => push!(v.into_ptr()),
                            None => {
                                raise(exc::name_error(), "__build_class__ not found");
                                fail!();
                            }
                        }
                    }
                    op::LOAD_ASSERTION_ERROR => {
                        let e = exc::assertion_error();
                        incref(e);
                        push!(e);
                    }
                    op::RAISE_VARARGS => {
                        let (exc_obj, cause) = match oparg {
                            2 => {
                                let c = pop!();
                                (pop!(), c)
                            }
                            1 => (pop!(), null_mut()),
                            0 => (null_mut(), null_mut()),
                            _ => {
                                raise(exc::system_error(), "bad RAISE_VARARGS oparg");
                                fail!();
                            }
                        };
                        let reraise = ops::do_raise(exc_obj, cause);
                        xdecref(exc_obj);
                        xdecref(cause);
                        break 'op Some(if reraise { Fault::Reraise } else { Fault::Error });
                    }
                    op::PUSH_EXC_INFO => {
                        let v = peek!(1);
                        let info = (*crate::pystate::tstate()).exc_info;
                        let prev = (*info).exc_value;
                        set_peek!(1, if prev.is_null() { noneobject::new_none() } else { prev });
                        incref(v);
                        (*info).exc_value = v;
                        push!(v);
                    }
                    op::POP_EXCEPT => {
                        let info = (*crate::pystate::tstate()).exc_info;
                        let old = (*info).exc_value;
                        (*info).exc_value = pop!();
                        xdecref(old);
                    }
                    op::RERAISE => {
                        if oparg != 0 {
                            let l = peek!(oparg as usize + 1);
                            match long::as_i64(l) {
                                Some(i) => (*f).prev_instr = first.add(i as usize),
                                None => {
                                    raise(exc::system_error(), "lasti is not an int");
                                    fail!();
                                }
                            }
                        }
                        let v = pop!();
                        ops::restore_instance(v);
                        decref(v);
                        break 'op Some(Fault::Reraise);
                    }
                    op::CHECK_EXC_MATCH => {
                        let right = pop!();
                        let left = peek!(1);
                        let r = ops::check_except_type_valid(right);
                        let m = r.is_ok() && exceptions::given_exception_matches(left, right);
                        decref(right);
                        tri!(r);
                        push!(boolobject::new_bool(m));
                    }
                    op::CHECK_EG_MATCH => {
                        let match_type = pop!();
                        let r = ops::check_except_star_type_valid(match_type).and_then(|_| ops::exception_group_match(peek!(1), match_type));
                        decref(match_type);
                        let (m, rest) = tri!(r);
                        if noneobject::is_none(m.as_ptr()) {
                            push!(m.into_ptr());
                        } else {
                            let exc_value = peek!(1);
                            set_peek!(1, rest.into_ptr());
                            let info = (*crate::pystate::tstate()).exc_info;
                            incref(m.as_ptr());
                            xsetref(&raw mut (*info).exc_value, m.as_ptr());
                            push!(m.into_ptr());
                            decref(exc_value);
                        }
                    }
                    op::PREP_RERAISE_STAR => {
                        let excs = pop!();
                        let orig = pop!();
                        let r = ops::prep_reraise_star(orig, excs);
                        decref(excs);
                        decref(orig);
                        push!(tri!(r).into_ptr());
                    }
                    op::WITH_EXCEPT_START => {
                        let val = peek!(1);
                        let exit = peek!(4);
                        let tb = (*(val as *mut PyBaseExceptionObject)).traceback;
                        let tb = if tb.is_null() { noneobject::none() } else { tb };
                        let r = tri!(call::vectorcall(exit, &[type_of(val) as *mut PyObject, val, tb], null_mut()));
                        push!(r.into_ptr());
                    }
                    op::BEFORE_WITH | op::BEFORE_ASYNC_WITH => {
                        let mgr = peek!(1);
                        let (enter_name, exit_name, what) = if opcode == op::BEFORE_WITH {
                            ("__enter__", "__exit__", "the context manager protocol")
                        } else {
                            ("__aenter__", "__aexit__", "the asynchronous context manager protocol")
                        };
                        let Some(enter) = tri!(crate::objects::typeslots::lookup_special(mgr, enter_name)) else {
                            raise(exc::type_error(), format!("'{}' object does not support {what}", full_name(type_of(mgr))));
                            fail!();
                        };
                        let Some(exit) = tri!(crate::objects::typeslots::lookup_special(mgr, exit_name)) else {
                            raise(exc::type_error(), format!("'{}' object does not support {what} (missed {exit_name} method)", full_name(type_of(mgr))));
                            fail!();
                        };
                        set_peek!(1, exit.into_ptr());
                        decref(mgr);
                        let r = tri!(call::vectorcall(enter.as_ptr(), &[], null_mut()));
                        push!(r.into_ptr());
                    }
                    op::KW_NAMES => kwnames = *consts.add(oparg as usize),
                    op::PRECALL => {
                        let is_meth = !peek!(oparg as usize + 2).is_null();
                        let callable = peek!(oparg as usize + 1);
                        if !is_meth && crate::objects::classobject::check(callable) {
                            let m = callable as *mut crate::objects::classobject::PyMethodObject;
                            incref((*m).im_func);
                            incref((*m).im_self);
                            set_peek!(oparg as usize + 1, (*m).im_self);
                            set_peek!(oparg as usize + 2, (*m).im_func);
                            decref(callable);
                        }
                    }
                    op::CALL => {
                        let is_meth = !peek!(oparg as usize + 2).is_null();
                        let total = oparg as usize + is_meth as usize;
                        let callable = peek!(total + 1);
                        let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
                        let _ = nkw;
                        let args = std::slice::from_raw_parts(sp.sub(total), total);
                        save_sp!();
                        let r = if trace::active(ts) { trace::call(callable, args, kwnames) } else { call::vectorcall(callable, args, kwnames) };
                        (*f).stacktop = -1;
                        kwnames = null_mut();
                        for _ in 0..total {
                            decref(pop!());
                        }
                        decref(callable);
                        sp = sp.sub(2 - is_meth as usize);
                        // On failure the operands are gone already.
                        push!(match r {
                            Ok(v) => v.into_ptr(),
                            Err(_) => fail!(),
                        });
                    }
                    op::CALL_FUNCTION_EX => {
                        let kwargs = if oparg & 1 != 0 { pop!() } else { null_mut() };
                        let callargs = pop!();
                        let callable = peek!(1);
                        let r = if trace::active(ts) {
                            trace::call_ex(callable, callargs, kwargs, |c, a| call_ex(c, a, kwargs))
                        } else {
                            call_ex(callable, callargs, kwargs)
                        };
                        xdecref(kwargs);
                        decref(callargs);
                        decref(pop!());
                        // The NULL (or self) pushed before the callable.
                        xdecref(pop!());
                        // On failure the operands are gone already.
                        push!(match r {
                            Ok(v) => v.into_ptr(),
                            Err(_) => fail!(),
                        });
                    }
                    op::IMPORT_NAME => {
                        let name = *names.add(oparg as usize);
                        let fromlist = pop!();
                        let level = peek!(1);
                        let r = ops::import_name(f, name, fromlist, level);
                        decref(fromlist);
                        decref(level);
                        match r {
                            Ok(m) => set_peek!(1, m.into_ptr()),
                            Err(_) => {
                                sp = sp.sub(1);
                                fail!();
                            }
                        }
                    }
                    op::IMPORT_FROM => {
                        let v = tri!(ops::import_from(peek!(1), *names.add(oparg as usize)));
                        push!(v.into_ptr());
                    }
                    op::IMPORT_STAR => {
                        let m = pop!();
                        let locals = crate::objects::frameobject::locals(f).ok();
                        let r = ops::import_star((*f).f_locals, m);
                        drop(locals);
                        decref(m);
                        tri!(r);
                    }
                    op::UNPACK_SEQUENCE => {
                        let v = pop!();
                        let n = oparg as usize;
                        let fast: Option<&[*mut PyObject]> = if tuple::check_exact(v) && size_of_var(v) as usize == n {
                            Some(tuple::items(v))
                        } else if list::check_exact(v) && size_of_var(v) as usize == n {
                            Some(list::items(v))
                        } else {
                            None
                        };
                        if let Some(items) = fast {
                            for &x in items.iter().rev() {
                                incref(x);
                                push!(x);
                            }
                            decref(v);
                        } else {
                            let r = ops::unpack(v, n, false, 0);
                            decref(v);
                            for x in tri!(r).into_iter().rev() {
                                push!(x.into_ptr());
                            }
                        }
                    }
                    op::UNPACK_EX => {
                        let v = pop!();
                        let r = ops::unpack(v, (oparg & 0xff) as usize, true, (oparg >> 8) as usize);
                        decref(v);
                        for x in tri!(r).into_iter().rev() {
                            push!(x.into_ptr());
                        }
                    }
                    op::FORMAT_VALUE => {
                        let spec = if oparg & 4 != 0 { pop!() } else { null_mut() };
                        let v = peek!(1);
                        let r = ops::format_value(v, oparg & 3, spec);
                        xdecref(spec);
                        decref(v);
                        match r {
                            Ok(s) => set_peek!(1, s.into_ptr()),
                            Err(_) => {
                                sp = sp.sub(1);
                                fail!();
                            }
                        }
                    }
                    op::PRINT_EXPR => {
                        let v = pop!();
                        let r = print_expr(v);
                        decref(v);
                        tri!(r);
                    }
                    op::SETUP_ANNOTATIONS => {
                        let locals = (*f).f_locals;
                        if locals.is_null() {
                            raise(exc::system_error(), "no locals found when setting up annotations");
                            fail!();
                        }
                        let key = tri!(str_::intern("__annotations__"));
                        if tri!(mapping_lookup(locals, key)).is_none() {
                            let d = tri!(dict::new());
                            tri!(seq::setitem(locals, key, d.as_ptr()));
                        }
                    }
                    op::MATCH_MAPPING | op::MATCH_SEQUENCE => {
                        let flag = if opcode == op::MATCH_MAPPING { Py_TPFLAGS_MAPPING } else { Py_TPFLAGS_SEQUENCE };
                        let m = (*type_of(peek!(1))).tp_flags & flag != 0;
                        push!(boolobject::new_bool(m));
                    }
                    op::MATCH_KEYS => {
                        let r = tri!(ops::match_keys(peek!(2), peek!(1)));
                        push!(r.into_ptr());
                    }
                    op::MATCH_CLASS => {
                        let kw = pop!();
                        let tp = pop!();
                        let subject = peek!(1);
                        let r = ops::match_class(subject, tp, oparg as usize, kw);
                        decref(kw);
                        decref(tp);
                        match r {
                            Ok(Some(attrs)) => {
                                set_peek!(1, attrs.into_ptr());
                                decref(subject);
                            }
                            Ok(None) => {
                                set_peek!(1, noneobject::new_none());
                                decref(subject);
                            }
                            Err(_) => fail!(),
                        }
                    }
                    op::RETURN_GENERATOR => {
                        save_sp!();
                        let g = tri!(crate::objects::genobject::make_from_frame(f));
                        return g.into_ptr();
                    }
                    op::YIELD_VALUE => {
                        let v = pop!();
                        save_sp!();
                        if trace::active(ts) && trace::function_exit(f, v).is_err() {
                            decref(v);
                            exit_unwind!();
                        }
                        if let Some(g) = crate::objects::genobject::of_frame(f) {
                            crate::objects::genobject::mark_suspended(g);
                        }
                        return v;
                    }
                    op::GET_YIELD_FROM_ITER => {
                        let v = peek!(1);
                        if crate::objects::genobject::coro_check_exact(v) {
                            if (*co).co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE) == 0 {
                                raise(exc::type_error(), "cannot 'yield from' a coroutine object in a non-coroutine generator");
                                fail!();
                            }
                        } else if !crate::objects::genobject::gen_check_exact(v) {
                            let it = tri!(iter::get_iter(v));
                            decref(v);
                            set_peek!(1, it.into_ptr());
                        }
                    }
                    op::SEND => {
                        let v = pop!();
                        let receiver = peek!(1);
                        save_sp!();
                        let r = crate::objects::genobject::send(receiver, v);
                        (*f).stacktop = -1;
                        decref(v);
                        match tri!(r) {
                            crate::objects::genobject::SendResult::Next(x) => push!(x.into_ptr()),
                            crate::objects::genobject::SendResult::Return(x) => {
                                decref(receiver);
                                set_peek!(1, x.into_ptr());
                                next_instr = next_instr.add(oparg as usize);
                            }
                        }
                    }
                    op::GET_AWAITABLE => {
                        let v = peek!(1);
                        let it = crate::objects::genobject::get_awaitable_iter(v, oparg);
                        decref(v);
                        match it {
                            Ok(i) => set_peek!(1, i.into_ptr()),
                            Err(_) => {
                                sp = sp.sub(1);
                                fail!();
                            }
                        }
                    }
                    op::GET_AITER => {
                        let v = peek!(1);
                        let it = crate::objects::genobject::get_aiter(v);
                        decref(v);
                        match it {
                            Ok(i) => set_peek!(1, i.into_ptr()),
                            Err(_) => {
                                sp = sp.sub(1);
                                fail!();
                            }
                        }
                    }
                    op::GET_ANEXT => {
                        let a = tri!(crate::objects::genobject::get_anext(peek!(1)));
                        push!(a.into_ptr());
                    }
                    op::END_ASYNC_FOR => {
                        let val = pop!();
                        if exceptions::given_exception_matches(val, exc::stop_async_iteration()) {
                            decref(val);
                            decref(pop!());
                        } else {
                            ops::restore_instance(val);
                            decref(val);
                            break 'op Some(Fault::Reraise);
                        }
                    }
                    op::ASYNC_GEN_WRAP => {
                        let v = peek!(1);
                        let w = tri!(crate::objects::genobject::async_gen_wrap(v));
                        decref(v);
                        set_peek!(1, w.into_ptr());
                    }
                    _ => {
                        raise(exc::system_error(), format!("unknown opcode {opcode} ({})", ferric_compiler::opcode::OPNAMES[opcode as usize]));
                        fail!();
                    }
                }
                None
            };
            if fault.is_none() {
                continue;
            }
        }

        // An exception is pending: record this frame in its traceback, then find a handler.
        if let Some(Fault::Error) = fault {
            if frame::is_complete(f) {
                let _ = crate::objects::traceback::here(f);
            }
            if (*ts).c_tracefunc.is_some() {
                save_sp!();
                trace::exception(f);
                (*f).stacktop = -1;
            }
        }
        fault = None;
        let stack_base = frame::stack_base(f);
        match find_handler(co, current.offset_from(first) as c_int) {
            None => {
                while sp > stack_base {
                    xdecref(pop!());
                }
                save_sp!();
                if trace::active(ts) {
                    // Already unwinding: an error from the trace function replaces the exception.
                    let _ = trace::function_exit(f, null_mut());
                }
                exit_unwind!();
            }
            Some((depth, target, push_lasti)) => {
                let new_top = stack_base.add(depth);
                while sp > new_top {
                    xdecref(pop!());
                }
                if push_lasti {
                    push!(long::from_i64(frame::lasti(f) as i64).into_ptr());
                }
                let (mut t, mut v, mut tb) = err::fetch();
                if exceptions::normalize(&mut t, &mut v, &mut tb).is_err() {
                    // Normalizing raised instead: handle that exception.
                    xdecref(t);
                    xdecref(v);
                    xdecref(tb);
                    let (t2, v2, tb2) = err::fetch();
                    t = t2;
                    v = v2;
                    tb = tb2;
                    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
                }
                crate::objects::exceptions::set_traceback_raw(v, if tb.is_null() { noneobject::none() } else { tb });
                xdecref(tb);
                xdecref(t);
                push!(v);
                next_instr = first.add(target);
            }
        }
    }
}

unsafe fn list_extend(l: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    let items = match iter::collect(iterable) {
        Ok(v) => v,
        Err(e) => {
            if err::exception_matches(exc::type_error()) && (*type_of(iterable)).tp_iter.is_none() && (*type_of(iterable)).tp_as_sequence.is_null() {
                err::clear();
                return Err(raise(exc::type_error(), format!("Value after * must be an iterable, not {}", full_name(type_of(iterable)))));
            }
            return Err(e);
        }
    };
    for x in items {
        list::append(l, x.as_ptr())?;
    }
    Ok(())
}

unsafe fn set_update(s: *mut PyObject, iterable: *mut PyObject) -> PyResult<()> {
    for x in iter::collect(iterable)? {
        crate::objects::setobject::add(s, x.as_ptr())?;
    }
    Ok(())
}

/// `f(*args, **kwargs)`: the arguments become a tuple and a dict first.
unsafe fn call_ex(callable: *mut PyObject, callargs: *mut PyObject, kwargs: *mut PyObject) -> PyResult<Obj> {
    let args = if tuple::check_exact(callargs) {
        Obj::from_borrowed(callargs)
    } else {
        match iter::collect(callargs) {
            Ok(items) => tuple::from_vec(items)?,
            Err(e) => {
                if err::exception_matches(exc::type_error()) {
                    ops::check_args_iterable(callable, callargs)?;
                }
                return Err(e);
            }
        }
    };
    let kw = if kwargs.is_null() {
        None
    } else if dict::check_exact(kwargs) {
        Some(Obj::from_borrowed(kwargs))
    } else {
        let d = dict::new()?;
        ops::merge_kwargs(callable, d.as_ptr(), kwargs)?;
        Some(d)
    };
    call::call(callable, args.as_ptr(), kw.as_ref().map_or(null_mut(), |k| k.as_ptr()))
}

/// PRINT_EXPR: `sys.displayhook(v)` (the interactive prompt's echo).
unsafe fn print_expr(v: *mut PyObject) -> PyResult<()> {
    let sysdict = crate::interp::sysdict();
    let hook = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "displayhook")? };
    if hook.is_null() {
        return Err(raise(exc::runtime_error(), "lost sys.displayhook"));
    }
    call::vectorcall(hook, &[v], null_mut())?;
    Ok(())
}
