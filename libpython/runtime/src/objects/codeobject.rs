//! `code`: CPython 3.11 code objects. The bytecode lives inline in `co_code_adaptive`
//! (ob_size = number of 16-bit code units); locals, cells and free variables share one
//! `co_localsplusnames` tuple described by the `co_localspluskinds` bytes. The location table
//! (Objects/locations.md) drives `co_lines`, `co_positions`, `co_lnotab` and `addr2line`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_INT, T_OBJECT};
use crate::objects::long_methods::kw_args;
use ferric_compiler::opcode::{DEOPT, INLINE_CACHE_ENTRIES as CACHES, RESUME};
use crate::objects::typeobject::{self, full_name, getset, GETSET_END, METHOD_END};
use crate::objects::{
    bytesobject as bytes, floatobject as float, listobject as list, longobject as long, noneobject, setobject as set,
    tupleobject as tuple, unicodeobject as str_,
};
use crate::protocol::object as proto;
use std::ffi::{c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr::null_mut;

pub const CO_FAST_LOCAL: u8 = 0x20;
pub const CO_FAST_CELL: u8 = 0x40;
pub const CO_FAST_FREE: u8 = 0x80;
pub const CO_VARARGS: c_int = 0x04;
pub const CO_VARKEYWORDS: c_int = 0x08;
/// QUICKENING_INITIAL_WARMUP_VALUE in 3.11's pycore_code.h.
const INITIAL_WARMUP: i16 = -8;
const HEADER: usize = offset_of!(PyCodeObject, co_code_adaptive);

/// What `_PyCode_New` takes (CPython's `_PyCodeConstructor`); the objects are borrowed.
pub struct CodeFields {
    pub argcount: c_int,
    pub posonlyargcount: c_int,
    pub kwonlyargcount: c_int,
    pub stacksize: c_int,
    pub flags: c_int,
    pub firstlineno: c_int,
    pub code: *mut PyObject,
    pub consts: *mut PyObject,
    pub names: *mut PyObject,
    pub localsplusnames: *mut PyObject,
    pub localspluskinds: *mut PyObject,
    pub filename: *mut PyObject,
    pub name: *mut PyObject,
    pub qualname: *mut PyObject,
    pub linetable: *mut PyObject,
    pub exceptiontable: *mut PyObject,
}

const fn member(name: &'static CStr, type_: c_int, offset: usize) -> PyMemberDef {
    PyMemberDef { name: name.as_ptr(), type_, offset: offset as _, flags: READONLY, doc: std::ptr::null() }
}

static mut CODE_MEMBERS: [PyMemberDef; 15] = [
    member(c"co_argcount", T_INT, offset_of!(PyCodeObject, co_argcount)),
    member(c"co_posonlyargcount", T_INT, offset_of!(PyCodeObject, co_posonlyargcount)),
    member(c"co_kwonlyargcount", T_INT, offset_of!(PyCodeObject, co_kwonlyargcount)),
    member(c"co_stacksize", T_INT, offset_of!(PyCodeObject, co_stacksize)),
    member(c"co_flags", T_INT, offset_of!(PyCodeObject, co_flags)),
    member(c"co_nlocals", T_INT, offset_of!(PyCodeObject, co_nlocals)),
    member(c"co_consts", T_OBJECT, offset_of!(PyCodeObject, co_consts)),
    member(c"co_names", T_OBJECT, offset_of!(PyCodeObject, co_names)),
    member(c"co_filename", T_OBJECT, offset_of!(PyCodeObject, co_filename)),
    member(c"co_name", T_OBJECT, offset_of!(PyCodeObject, co_name)),
    member(c"co_qualname", T_OBJECT, offset_of!(PyCodeObject, co_qualname)),
    member(c"co_firstlineno", T_INT, offset_of!(PyCodeObject, co_firstlineno)),
    member(c"co_linetable", T_OBJECT, offset_of!(PyCodeObject, co_linetable)),
    member(c"co_exceptiontable", T_OBJECT, offset_of!(PyCodeObject, co_exceptiontable)),
    PyMemberDef { name: std::ptr::null(), type_: 0, offset: 0, flags: 0, doc: std::ptr::null() },
];

static mut CODE_GETSET: [PyGetSetDef; 7] = [
    getset(c"co_lnotab", Some(code_get_lnotab), None),
    getset(c"_co_code_adaptive", Some(code_get_adaptive), None),
    getset(c"co_varnames", Some(code_get_varnames), None),
    getset(c"co_cellvars", Some(code_get_cellvars), None),
    getset(c"co_freevars", Some(code_get_freevars), None),
    getset(c"co_code", Some(code_get_code), None),
    GETSET_END,
];

const fn method(name: &'static CStr, f: *const (), flags: c_int, doc: &'static CStr) -> PyMethodDef {
    // Safety: every entry's function has the signature its flags announce.
    PyMethodDef {
        ml_name: name.as_ptr(),
        ml_meth: Some(unsafe { std::mem::transmute::<*const (), unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(f) }),
        ml_flags: flags,
        ml_doc: doc.as_ptr(),
    }
}

static mut CODE_METHODS: [PyMethodDef; 6] = [
    method(c"__sizeof__", code_sizeof as *const (), METH_NOARGS, c""),
    method(c"co_lines", code_lines as *const (), METH_NOARGS, c""),
    method(c"co_positions", code_positions as *const (), METH_NOARGS, c""),
    method(c"replace", code_replace as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return a copy of the code object with new values for the specified fields."),
    method(c"_varname_from_oparg", code_varname_from_oparg as *const (), METH_FASTCALL | METH_KEYWORDS, c"(internal-only) Return the local variable name for the given oparg.\n\nWARNING: this method is for internal use only and may change or go away."),
    METHOD_END,
];

#[no_mangle]
pub static mut PyCode_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"code".as_ptr(),
    tp_basicsize: HEADER as _,
    tp_itemsize: 2,
    tp_dealloc: Some(code_dealloc),
    tp_repr: Some(code_repr),
    tp_hash: Some(code_hash),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_doc: c"Create a code object.  Not for the faint of heart.".as_ptr(),
    tp_richcompare: Some(code_richcompare),
    tp_weaklistoffset: offset_of!(PyCodeObject, co_weakreflist) as _,
    tp_methods: (&raw mut CODE_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut CODE_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut CODE_GETSET) as *mut PyGetSetDef,
    tp_new: Some(code_new),
    ..PyTypeObject::EMPTY
};

#[inline]
pub fn code_type() -> *mut PyTypeObject {
    &raw mut PyCode_Type
}

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    type_of(op) == code_type()
}

#[inline]
pub unsafe fn raw(op: *mut PyObject) -> *mut PyCodeObject {
    op as *mut PyCodeObject
}

/// The inline (possibly quickened) code units.
pub unsafe fn code_units<'a>(op: *mut PyObject) -> &'a [u16] {
    std::slice::from_raw_parts((*raw(op)).co_code_adaptive.as_ptr() as *const u16, size_of_var(op) as usize)
}

/// (nlocals, nplaincellvars, ncellvars, nfreevars) from the kinds, as get_localsplus_counts.
fn localsplus_counts(kinds: &[u8]) -> (c_int, c_int, c_int, c_int) {
    let (mut nlocals, mut nplain, mut ncells, mut nfree) = (0, 0, 0, 0);
    for &k in kinds {
        if k & CO_FAST_LOCAL != 0 {
            nlocals += 1;
            if k & CO_FAST_CELL != 0 {
                ncells += 1;
            }
        } else if k & CO_FAST_CELL != 0 {
            ncells += 1;
            nplain += 1;
        } else if k & CO_FAST_FREE != 0 {
            nfree += 1;
        }
    }
    (nlocals, nplain, ncells, nfree)
}

/// _PyCode_Validate: types and counts, with CPython's exceptions.
unsafe fn validate(f: &CodeFields) -> PyResult<()> {
    let obj_ok = |p: *mut PyObject, chk: unsafe fn(*mut PyObject) -> bool| !p.is_null() && chk(p);
    let ok = f.argcount >= f.posonlyargcount
        && f.posonlyargcount >= 0
        && f.kwonlyargcount >= 0
        && f.stacksize >= 0
        && f.flags >= 0
        && obj_ok(f.code, bytes::check)
        && obj_ok(f.consts, tuple::check)
        && obj_ok(f.names, tuple::check)
        && obj_ok(f.localsplusnames, tuple::check)
        && obj_ok(f.localspluskinds, bytes::check)
        && size_of_var(f.localsplusnames) == size_of_var(f.localspluskinds)
        && obj_ok(f.name, str_::check)
        && obj_ok(f.qualname, str_::check)
        && obj_ok(f.filename, str_::check)
        && obj_ok(f.linetable, bytes::check)
        && obj_ok(f.exceptiontable, bytes::check);
    if !ok {
        return Err(raise(exc::system_error(), "Objects/codeobject.c:250: bad argument to internal function"));
    }
    let n = size_of_var(f.code);
    if n > c_int::MAX as isize {
        return Err(raise(exc::overflow_error(), "code: co_code larger than INT_MAX"));
    }
    if n % 2 != 0 {
        return Err(raise(exc::value_error(), "code: co_code is malformed"));
    }
    let (nlocals, ..) = localsplus_counts(bytes::as_slice(f.localspluskinds));
    let nplain = nlocals as i64
        - f.argcount as i64
        - f.kwonlyargcount as i64
        - (f.flags & CO_VARARGS != 0) as i64
        - (f.flags & CO_VARKEYWORDS != 0) as i64;
    if nplain < 0 {
        return Err(raise(exc::value_error(), "code: co_varnames is too small"));
    }
    Ok(())
}

/// intern_strings: every name must be an exact str; each is interned in place.
unsafe fn intern_names(t: *mut PyObject) -> PyResult<()> {
    for i in (0..size_of_var(t)).rev() {
        let v = tuple::get_item(t, i);
        if v.is_null() || !str_::check_exact(v) {
            return Err(raise(exc::system_error(), "non-string found in code slot"));
        }
        str_::intern_in_place(tuple::items_ptr(t).offset(i));
    }
    Ok(())
}

/// [a-zA-Z0-9_]* (ASCII only), the constants CPython interns.
unsafe fn all_name_chars(s: *mut PyObject) -> bool {
    str_::is_ascii(s) && str_::code_points(s).all(|c| c == '_' as u32 || (c as u8).is_ascii_alphanumeric())
}

/// intern_string_constants: interns name-like str constants, recursing into tuples and
/// rebuilding frozensets whose members changed. Returns whether `t` was modified.
unsafe fn intern_consts(t: *mut PyObject) -> PyResult<bool> {
    let mut modified = false;
    for i in (0..size_of_var(t)).rev() {
        let slot = tuple::items_ptr(t).offset(i);
        let v = *slot;
        if str_::check_exact(v) {
            if all_name_chars(v) {
                str_::intern_in_place(slot);
                modified |= *slot != v;
            }
        } else if tuple::check_exact(v) {
            intern_consts(v)?;
        } else if set::frozenset_check_exact(v) {
            let items = set::keys(v);
            let tmp = tuple::from_slice(&items)?;
            if intern_consts(tmp.as_ptr())? {
                let fs = set::new_frozenset(tmp.as_ptr())?;
                xsetref(slot, fs.into_ptr());
                modified = true;
            }
        }
    }
    Ok(modified)
}

/// _PyCode_New: validates, interns names, and copies the bytecode inline.
pub unsafe fn new(f: &CodeFields) -> PyResult<Obj> {
    validate(f)?;
    intern_names(f.names)?;
    intern_consts(f.consts)?;
    intern_names(f.localsplusnames)?;
    let code = bytes::as_slice(f.code);
    let nunits = code.len() / 2;
    let size = (HEADER + code.len()).next_multiple_of(std::mem::size_of::<usize>());
    let op = crate::mem::malloc(size) as *mut PyObject;
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, code_type());
    set_size(op, nunits as isize);
    let co = raw(op);
    let kinds = bytes::as_slice(f.localspluskinds);
    let (nlocals, nplain, ncells, nfree) = localsplus_counts(kinds);
    for (slot, v) in [
        (&raw mut (*co).co_consts, f.consts),
        (&raw mut (*co).co_names, f.names),
        (&raw mut (*co).co_exceptiontable, f.exceptiontable),
        (&raw mut (*co).co_localsplusnames, f.localsplusnames),
        (&raw mut (*co).co_localspluskinds, f.localspluskinds),
        (&raw mut (*co).co_filename, f.filename),
        (&raw mut (*co).co_name, f.name),
        (&raw mut (*co).co_qualname, f.qualname),
        (&raw mut (*co).co_linetable, f.linetable),
    ] {
        incref(v);
        *slot = v;
    }
    (*co).co_flags = f.flags;
    (*co).co_warmup = INITIAL_WARMUP;
    (*co)._co_linearray_entry_size = 0;
    (*co).co_argcount = f.argcount;
    (*co).co_posonlyargcount = f.posonlyargcount;
    (*co).co_kwonlyargcount = f.kwonlyargcount;
    (*co).co_stacksize = f.stacksize;
    (*co).co_firstlineno = f.firstlineno;
    (*co).co_nlocalsplus = kinds.len() as c_int;
    (*co).co_nlocals = nlocals;
    (*co).co_nplaincellvars = nplain;
    (*co).co_ncellvars = ncells;
    (*co).co_nfreevars = nfree;
    (*co).co_weakreflist = null_mut();
    (*co)._co_code = null_mut();
    (*co)._co_linearray = null_mut();
    (*co).co_extra = null_mut();
    std::ptr::copy_nonoverlapping(code.as_ptr(), (*co).co_code_adaptive.as_mut_ptr() as *mut u8, code.len());
    // CPython's entry point: the first RESUME (or the end when there is none).
    let units = code_units(op);
    (*co)._co_firsttraceable = units.iter().position(|u| (u & 0xff) as u8 == RESUME).unwrap_or(units.len()) as c_int;
    Ok(Obj::from_owned_nonnull(op))
}

/// PyCode_NewWithPosOnlyArgs: builds the localsplus tables from varnames, cellvars (merged
/// into arguments of the same name) and freevars.
#[allow(clippy::too_many_arguments)]
pub unsafe fn new_with_names(
    argcount: c_int,
    posonlyargcount: c_int,
    kwonlyargcount: c_int,
    nlocals: c_int,
    stacksize: c_int,
    flags: c_int,
    code: *mut PyObject,
    consts: *mut PyObject,
    names: *mut PyObject,
    varnames: *mut PyObject,
    freevars: *mut PyObject,
    cellvars: *mut PyObject,
    filename: *mut PyObject,
    name: *mut PyObject,
    qualname: *mut PyObject,
    firstlineno: c_int,
    linetable: *mut PyObject,
    exceptiontable: *mut PyObject,
) -> PyResult<Obj> {
    if [varnames, cellvars, freevars].iter().any(|&t| t.is_null() || !tuple::check(t)) {
        return Err(raise(exc::system_error(), "Objects/codeobject.c:514: bad argument to internal function"));
    }
    let vars = tuple::items(varnames);
    let mut lnames: Vec<*mut PyObject> = vars.to_vec();
    let mut kinds: Vec<u8> = vec![CO_FAST_LOCAL; vars.len()];
    for &c in tuple::items(cellvars) {
        match vars.iter().position(|&v| str_::check(v) && str_::check(c) && str_::eq(v, c)) {
            Some(j) => kinds[j] |= CO_FAST_CELL,
            None => {
                lnames.push(c);
                kinds.push(CO_FAST_CELL);
            }
        }
    }
    for &fv in tuple::items(freevars) {
        lnames.push(fv);
        kinds.push(CO_FAST_FREE);
    }
    let lnames = tuple::from_slice(&lnames)?;
    let kinds = bytes::from_slice(&kinds)?;
    let f = CodeFields {
        argcount,
        posonlyargcount,
        kwonlyargcount,
        stacksize,
        flags,
        firstlineno,
        code,
        consts,
        names,
        localsplusnames: lnames.as_ptr(),
        localspluskinds: kinds.as_ptr(),
        filename,
        name,
        qualname,
        linetable,
        exceptiontable,
    };
    validate(&f)?;
    if nlocals as isize != size_of_var(varnames) {
        return Err(raise(exc::value_error(), "code: co_nlocals != len(co_varnames)"));
    }
    new(&f)
}

/// PyCode_NewEmpty: `assert 0`-like code (a RESUME and a RAISE) at the given line.
pub unsafe fn new_empty(filename: &str, funcname: &str, firstlineno: c_int) -> PyResult<Obj> {
    // RESUME 0; LOAD_ASSERTION_ERROR; RAISE_VARARGS 1, as CPython's assert0.
    let code = bytes::from_slice(&[RESUME, 0, 74, 0, 130, 1])?;
    let linetable = bytes::from_slice(&[0x80 | (LOC_NO_COLUMNS << 3) | 2, 0])?;
    let empty = bytes::from_slice(&[])?;
    let t = tuple::new(0)?;
    let name = str_::from_str(funcname)?;
    let file = str_::from_str(filename)?;
    new(&CodeFields {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 1,
        flags: 0,
        firstlineno,
        code: code.as_ptr(),
        consts: t.as_ptr(),
        names: t.as_ptr(),
        localsplusnames: t.as_ptr(),
        localspluskinds: empty.as_ptr(),
        filename: file.as_ptr(),
        name: name.as_ptr(),
        qualname: name.as_ptr(),
        linetable: linetable.as_ptr(),
        exceptiontable: empty.as_ptr(),
    })
}

/// `co_code`: the un-quickened bytecode (specialized opcodes mapped back, caches zeroed),
/// cached in `_co_code` as CPython does.
pub unsafe fn get_code(op: *mut PyObject) -> PyResult<Obj> {
    let co = raw(op);
    if !(*co)._co_code.is_null() {
        return Ok(Obj::from_borrowed((*co)._co_code));
    }
    let mut units = code_units(op).to_vec();
    let mut i = 0;
    while i < units.len() {
        let opcode = DEOPT[(units[i] & 0xff) as usize];
        units[i] = (units[i] & 0xff00) | opcode as u16;
        for _ in 0..CACHES[opcode as usize] {
            i += 1;
            if i < units.len() {
                units[i] = 0;
            }
        }
        i += 1;
    }
    let b: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let r = bytes::from_slice(&b)?;
    incref(r.as_ptr());
    (*co)._co_code = r.as_ptr();
    Ok(r)
}

/// The names whose kind has any bit of `kind` (co_varnames, co_cellvars, co_freevars).
pub unsafe fn localsplus_names(op: *mut PyObject, kind: u8) -> PyResult<Obj> {
    let co = raw(op);
    let kinds = bytes::as_slice((*co).co_localspluskinds);
    let names = tuple::items((*co).co_localsplusnames);
    // At most the count made at construction, as CPython sizes its tuple: kinds with several
    // bits set (only in damaged data) are counted once but match more than one kind.
    let count = match kind {
        CO_FAST_LOCAL => (*co).co_nlocals,
        CO_FAST_CELL => (*co).co_ncellvars,
        _ => (*co).co_nfreevars,
    }
    .max(0) as usize;
    let v: Vec<*mut PyObject> = names.iter().zip(kinds).filter(|(_, &k)| k & kind != 0).map(|(&n, _)| n).take(count).collect();
    tuple::from_slice(&v)
}

unsafe extern "C" fn code_dealloc(op: *mut PyObject) {
    let co = raw(op);
    if !(*co).co_weakreflist.is_null() {
        crate::objects::weakrefobject::clear_weakrefs(op);
    }
    for p in [
        (*co).co_consts,
        (*co).co_names,
        (*co).co_exceptiontable,
        (*co).co_localsplusnames,
        (*co).co_localspluskinds,
        (*co).co_filename,
        (*co).co_name,
        (*co).co_qualname,
        (*co).co_linetable,
        (*co)._co_code,
    ] {
        xdecref(p);
    }
    if !(*co)._co_linearray.is_null() {
        crate::mem::free((*co)._co_linearray as *mut c_void);
    }
    crate::mem::free(op as *mut c_void);
}

unsafe extern "C" fn code_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let co = raw(op);
        let line = if (*co).co_firstlineno != 0 { (*co).co_firstlineno } else { -1 };
        let name = proto::str((*co).co_name)?;
        let name = str_::as_str(name.as_ptr())?;
        let s = if !(*co).co_filename.is_null() && str_::check((*co).co_filename) {
            let file = str_::as_str((*co).co_filename)?;
            format!("<code object {name} at {op:p}, file \"{file}\", line {line}>")
        } else {
            format!("<code object {name} at {op:p}, file ???, line {line}>")
        };
        str_::from_str(&s)
    })
}

unsafe extern "C" fn code_hash(op: *mut PyObject) -> Py_hash_t {
    crate::guard::catch(-1, || {
        let co = raw(op);
        let mut h: Py_hash_t = 0;
        for p in [(*co).co_name, (*co).co_consts, (*co).co_names, (*co).co_localsplusnames, (*co).co_linetable, (*co).co_exceptiontable] {
            match proto::hash_checked(p) {
                Ok(x) => h ^= x,
                Err(_) => return -1,
            }
        }
        h ^= ((*co).co_argcount ^ (*co).co_posonlyargcount ^ (*co).co_kwonlyargcount ^ (*co).co_flags) as Py_hash_t;
        if h == -1 { -2 } else { h }
    })
}

/// Bytecode equality ignoring specialization and cache contents.
unsafe fn same_bytecode(a: *mut PyObject, b: *mut PyObject) -> bool {
    let (x, y) = (code_units(a), code_units(b));
    if x.len() != y.len() {
        return false;
    }
    let mut i = 0;
    while i < x.len() {
        let (oa, ob) = (DEOPT[(x[i] & 0xff) as usize], DEOPT[(y[i] & 0xff) as usize]);
        if oa != ob || x[i] >> 8 != y[i] >> 8 {
            return false;
        }
        i += 1 + CACHES[oa as usize] as usize;
    }
    true
}

/// Constant equality as CPython's `_PyCode_ConstantKey` comparison: types must match,
/// floats compare by bits (so 0.0 and -0.0 differ), containers element-wise.
pub unsafe fn const_eq(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    if type_of(a) != type_of(b) {
        return Ok(false);
    }
    if float::check(a) {
        return Ok(float::value(a).to_bits() == float::value(b).to_bits());
    }
    if tuple::check_exact(a) {
        let (x, y) = (tuple::items(a), tuple::items(b));
        if x.len() != y.len() {
            return Ok(false);
        }
        for (&p, &q) in x.iter().zip(y) {
            if !const_eq(p, q)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    if set::frozenset_check_exact(a) {
        let (x, y) = (set::keys(a), set::keys(b));
        if x.len() != y.len() {
            return Ok(false);
        }
        for &p in &x {
            let mut found = false;
            for &q in &y {
                if const_eq(p, q)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    proto::rich_compare_bool(a, b, Py_EQ)
}

unsafe fn code_equal(a: *mut PyObject, b: *mut PyObject) -> PyResult<bool> {
    let (x, y) = (raw(a), raw(b));
    if !proto::rich_compare_bool((*x).co_name, (*y).co_name, Py_EQ)? {
        return Ok(false);
    }
    let same_ints = (*x).co_argcount == (*y).co_argcount
        && (*x).co_posonlyargcount == (*y).co_posonlyargcount
        && (*x).co_kwonlyargcount == (*y).co_kwonlyargcount
        && (*x).co_flags == (*y).co_flags
        && (*x).co_firstlineno == (*y).co_firstlineno;
    if !same_ints || !same_bytecode(a, b) || !const_eq((*x).co_consts, (*y).co_consts)? {
        return Ok(false);
    }
    for (p, q) in [
        ((*x).co_names, (*y).co_names),
        ((*x).co_localsplusnames, (*y).co_localsplusnames),
        ((*x).co_linetable, (*y).co_linetable),
        ((*x).co_exceptiontable, (*y).co_exceptiontable),
    ] {
        if !proto::rich_compare_bool(p, q, Py_EQ)? {
            return Ok(false);
        }
    }
    Ok(true)
}

unsafe extern "C" fn code_richcompare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> *mut PyObject {
    if (op != Py_EQ && op != Py_NE) || !check(a) || !check(b) {
        return noneobject::not_implemented();
    }
    match crate::guard::catch(Err(crate::err::ErrSet::assume_set()), || code_equal(a, b)) {
        Ok(eq) => crate::objects::boolobject::new_bool(eq == (op == Py_EQ)),
        Err(_) => null_mut(),
    }
}

unsafe extern "C" fn code_get_lnotab(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| bytes::from_slice(&lnotab(op)))
}

unsafe extern "C" fn code_get_adaptive(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let u = code_units(op);
        bytes::from_slice(std::slice::from_raw_parts(u.as_ptr() as *const u8, u.len() * 2))
    })
}

unsafe extern "C" fn code_get_varnames(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| localsplus_names(op, CO_FAST_LOCAL))
}

unsafe extern "C" fn code_get_cellvars(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| localsplus_names(op, CO_FAST_CELL))
}

unsafe extern "C" fn code_get_freevars(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| localsplus_names(op, CO_FAST_FREE))
}

unsafe extern "C" fn code_get_code(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    crate::guard::catch_obj(|| get_code(op))
}

unsafe extern "C" fn code_sizeof(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let n = (HEADER + size_of_var(op) as usize * 2).next_multiple_of(std::mem::size_of::<usize>());
    long::from_i64(n as i64).into_ptr()
}

/// An int, or None where `none` says the value means "no line/column".
fn opt_int(v: i32, none: fn(i32) -> bool) -> Obj {
    if none(v) {
        // Safety: None is immortal.
        unsafe { Obj::from_borrowed(noneobject::none()) }
    } else {
        long::from_i64(v as i64)
    }
}

/// An iterator over a list of tuples built from `rows`.
unsafe fn iter_rows<const N: usize>(rows: Vec<[i32; N]>, keep_first: usize, none: fn(i32) -> bool) -> PyResult<Obj> {
    let l = list::new(0)?;
    for r in rows {
        let items: Vec<Obj> =
            r.iter().enumerate().map(|(i, &v)| if i < keep_first { long::from_i64(v as i64) } else { opt_int(v, none) }).collect();
        let t = tuple::from_vec(items)?;
        list::append(l.as_ptr(), t.as_ptr())?;
    }
    crate::protocol::iter::get_iter(l.as_ptr())
}

unsafe extern "C" fn code_lines(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::code_iters::wrap(iter_rows(lines(op), 2, |line| line < 0)?, false))
}

unsafe extern "C" fn code_positions(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| crate::objects::code_iters::wrap(iter_rows(positions(op), 0, |v| v == -1)?, true))
}

unsafe fn int_arg(func: &str, name: &str, v: *mut PyObject) -> PyResult<c_int> {
    if !long::check(v) {
        return Err(raise(exc::type_error(), format!("{func}() argument '{name}' must be int, not {}", full_name(type_of(v)))));
    }
    match long::as_i64(v) {
        Some(x) if x >= c_int::MIN as i64 && x <= c_int::MAX as i64 => Ok(x as c_int),
        _ => Err(raise(exc::overflow_error(), "Python int too large to convert to C int")),
    }
}

unsafe fn typed_arg(func: &str, name: &str, v: *mut PyObject, chk: unsafe fn(*mut PyObject) -> bool, tname: &str) -> PyResult<*mut PyObject> {
    if !chk(v) {
        return Err(raise(exc::type_error(), format!("{func}() argument '{name}' must be {tname}, not {}", full_name(type_of(v)))));
    }
    Ok(v)
}

/// `code.replace(**changes)` (keyword-only).
unsafe extern "C" fn code_replace(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        const INTS: [&str; 7] = ["co_argcount", "co_posonlyargcount", "co_kwonlyargcount", "co_nlocals", "co_stacksize", "co_flags", "co_firstlineno"];
        const OBJS: [&str; 11] = [
            "co_code", "co_consts", "co_names", "co_varnames", "co_freevars", "co_cellvars", "co_filename", "co_name", "co_qualname",
            "co_linetable", "co_exceptiontable",
        ];
        let all: Vec<&str> = INTS.iter().chain(OBJS.iter()).copied().collect();
        let a = kw_args("replace", args, nargs, kwnames, &[], &all)?;
        let co = raw(op);
        let defaults = [
            (*co).co_argcount,
            (*co).co_posonlyargcount,
            (*co).co_kwonlyargcount,
            (*co).co_nlocals,
            (*co).co_stacksize,
            (*co).co_flags,
            (*co).co_firstlineno,
        ];
        let mut ints = [0; 7];
        for i in 0..7 {
            ints[i] = match a[i] {
                Some(v) => int_arg("replace", INTS[i], v)?,
                None => defaults[i],
            };
            if ints[i] < 0 {
                return Err(raise(exc::value_error(), format!("{} must be a positive integer", INTS[i])));
            }
        }
        let code_obj = get_code(op)?;
        let varnames = localsplus_names(op, CO_FAST_LOCAL)?;
        let freevars = localsplus_names(op, CO_FAST_FREE)?;
        let cellvars = localsplus_names(op, CO_FAST_CELL)?;
        let own = [
            code_obj.as_ptr(),
            (*co).co_consts,
            (*co).co_names,
            varnames.as_ptr(),
            freevars.as_ptr(),
            cellvars.as_ptr(),
            (*co).co_filename,
            (*co).co_name,
            (*co).co_qualname,
            (*co).co_linetable,
            (*co).co_exceptiontable,
        ];
        let mut objs = own;
        for i in 0..OBJS.len() {
            if let Some(v) = a[7 + i] {
                let (chk, tname): (unsafe fn(*mut PyObject) -> bool, &str) = match i {
                    0 | 9 | 10 => (bytes::check, "bytes"),
                    6..=8 => (str_::check, "str"),
                    _ => (tuple::check, "tuple"),
                };
                objs[i] = typed_arg("replace", OBJS[i], v, chk, tname)?;
            }
        }
        new_with_names(
            ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], objs[0], objs[1], objs[2], objs[3], objs[4], objs[5], objs[6],
            objs[7], objs[8], ints[6], objs[9], objs[10],
        )
    })
}

unsafe extern "C" fn code_varname_from_oparg(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = kw_args("_varname_from_oparg", args, nargs, kwnames, &["oparg"], &[])?;
        let Some(v) = a[0] else {
            return Err(raise(exc::type_error(), "_varname_from_oparg() missing required argument 'oparg' (pos 1)"));
        };
        let i = int_arg("_varname_from_oparg", "oparg", v)?;
        let names = (*raw(op)).co_localsplusnames;
        if i < 0 || i as isize >= size_of_var(names) {
            return Err(raise(exc::index_error(), "tuple index out of range"));
        }
        Ok(Obj::from_borrowed(tuple::get_item(names, i as isize)))
    })
}

/// `code(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, codestring,
/// constants, names, varnames, filename, name, qualname, firstlineno, linetable,
/// exceptiontable, freevars=(), cellvars=(), /)`.
unsafe extern "C" fn code_new(_tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::no_keywords("code", kwds)?;
        let a = tuple::items(args);
        crate::protocol::args::check_positional("code", a.len(), 16, 18)?;
        const INT_AT: [(usize, &str); 7] =
            [(0, "argcount"), (1, "posonlyargcount"), (2, "kwonlyargcount"), (3, "nlocals"), (4, "stacksize"), (5, "flags"), (13, "firstlineno")];
        let mut ints = [0; 7];
        for (k, (i, name)) in INT_AT.iter().enumerate() {
            ints[k] = int_arg("code", name, a[*i])?;
        }
        let b = |i: usize, n: &str| typed_arg("code", n, a[i], bytes::check, "bytes");
        let t = |i: usize, n: &str| typed_arg("code", n, a[i], tuple::check, "tuple");
        let s = |i: usize, n: &str| typed_arg("code", n, a[i], str_::check, "str");
        let empty = tuple::new(0)?;
        let freevars = if a.len() > 16 { t(16, "freevars")? } else { empty.as_ptr() };
        let cellvars = if a.len() > 17 { t(17, "cellvars")? } else { empty.as_ptr() };
        new_with_names(
            ints[0], ints[1], ints[2], ints[3], ints[4], ints[5], b(6, "codestring")?, t(7, "constants")?, t(8, "names")?,
            t(9, "varnames")?, freevars, cellvars, s(10, "filename")?, s(11, "name")?, s(12, "qualname")?, ints[6],
            b(14, "linetable")?, b(15, "exceptiontable")?,
        )
    })
}

// ---- the location table (Objects/locations.md) ---------------------------------------------

const LOC_NONE: u8 = 15;
const LOC_LONG: u8 = 14;
const LOC_NO_COLUMNS: u8 = 13;
const LOC_ONE_LINE0: u8 = 10;

/// CPython's `PyCodeAddressRange`: walks the table forwards and backwards. Reads past
/// either end yield 0, so malformed tables cannot read out of bounds.
pub struct AddressRange<'a> {
    table: &'a [u8],
    next: usize,
    pub start: i32,
    pub end: i32,
    pub line: i32,
    computed_line: i32,
}

impl<'a> AddressRange<'a> {
    pub fn new(table: &'a [u8], firstlineno: i32) -> Self {
        AddressRange { table, next: 0, start: -1, end: 0, line: -1, computed_line: firstlineno }
    }

    fn at(&self, i: usize) -> u8 {
        self.table.get(i).copied().unwrap_or(0)
    }

    fn read_byte(&mut self) -> u8 {
        let b = self.at(self.next);
        self.next += 1;
        b
    }

    fn read_varint(&mut self) -> u32 {
        let mut b = self.read_byte() as u32;
        let mut val = b & 63;
        let mut shift = 0;
        while b & 64 != 0 {
            b = self.read_byte() as u32;
            shift += 6;
            if shift < 32 {
                val |= (b & 63) << shift;
            }
        }
        val
    }

    fn read_svarint(&mut self) -> i32 {
        let u = self.read_varint();
        if u & 1 != 0 { -((u >> 1) as i32) } else { (u >> 1) as i32 }
    }

    /// The line delta of the entry at `i` (get_line_delta).
    fn line_delta(&self, i: usize) -> i32 {
        let code = (self.at(i) >> 3) & 15;
        match code {
            LOC_NO_COLUMNS | LOC_LONG => {
                let mut r = AddressRange { next: i + 1, ..AddressRange::new(self.table, 0) };
                r.read_svarint()
            }
            11 => 1,
            12 => 2,
            _ => 0,
        }
    }

    pub fn at_end(&self) -> bool {
        self.next >= self.table.len()
    }

    fn advance(&mut self) {
        self.computed_line = self.computed_line.wrapping_add(self.line_delta(self.next));
        let b = self.at(self.next);
        self.line = if b >> 3 == 0x1f { -1 } else { self.computed_line };
        self.start = self.end;
        self.end = self.end.wrapping_add(((b & 7) as i32 + 1) * 2);
        loop {
            self.next += 1;
            if self.next >= self.table.len() || self.at(self.next) & 128 != 0 {
                break;
            }
        }
    }

    fn previous_code_delta(&self) -> i32 {
        if self.start == 0 {
            return 1;
        }
        let mut p = self.next.saturating_sub(1);
        while p > 0 && self.at(p) & 128 == 0 {
            p -= 1;
        }
        ((self.at(p) & 7) as i32 + 1) * 2
    }

    fn retreat(&mut self) {
        loop {
            if self.next == 0 {
                break;
            }
            self.next -= 1;
            if self.at(self.next) & 128 != 0 {
                break;
            }
        }
        self.computed_line = self.computed_line.wrapping_sub(self.line_delta(self.next));
        self.end = self.start;
        self.start -= self.previous_code_delta();
        let before = if self.next == 0 { 0 } else { self.at(self.next - 1) };
        self.line = if before >> 3 == 0x1f { -1 } else { self.computed_line };
    }

    pub fn next_range(&mut self) -> bool {
        if self.at_end() {
            return false;
        }
        self.advance();
        true
    }

    pub fn previous_range(&mut self) -> bool {
        if self.start <= 0 {
            return false;
        }
        self.retreat();
        true
    }

    /// _PyCode_CheckLineNumber: moves to the range holding `lasti`; its line or -1.
    pub fn check_line(&mut self, lasti: i32) -> i32 {
        while self.end <= lasti {
            if !self.next_range() {
                return -1;
            }
        }
        while self.start > lasti {
            if !self.previous_range() {
                return -1;
            }
        }
        self.line
    }

    /// advance_with_locations: the next entry with its (end line, column, end column).
    pub fn advance_with_locations(&mut self) -> (i32, i32, i32) {
        let first = self.read_byte();
        let code = (first >> 3) & 15;
        self.start = self.end;
        self.end = self.start.wrapping_add(((first & 7) as i32 + 1) * 2);
        match code {
            LOC_NONE => {
                self.line = -1;
                (-1, -1, -1)
            }
            LOC_LONG => {
                self.computed_line = self.computed_line.wrapping_add(self.read_svarint());
                self.line = self.computed_line;
                let endline = self.line.wrapping_add(self.read_varint() as i32);
                let col = (self.read_varint() as i32).wrapping_sub(1);
                let endcol = (self.read_varint() as i32).wrapping_sub(1);
                (endline, col, endcol)
            }
            LOC_NO_COLUMNS => {
                self.computed_line = self.computed_line.wrapping_add(self.read_svarint());
                self.line = self.computed_line;
                (self.line, -1, -1)
            }
            10..=12 => {
                self.computed_line = self.computed_line.wrapping_add((code - LOC_ONE_LINE0) as i32);
                self.line = self.computed_line;
                let col = self.read_byte() as i32;
                let endcol = self.read_byte() as i32;
                (self.line, col, endcol)
            }
            _ => {
                let second = self.read_byte() as i32;
                self.line = self.computed_line;
                let col = (code as i32) << 3 | (second >> 4);
                (self.line, col, col + (second & 15))
            }
        }
    }
}

unsafe fn range_of<'a>(op: *mut PyObject) -> AddressRange<'a> {
    let co = raw(op);
    AddressRange::new(bytes::as_slice((*co).co_linetable), (*co).co_firstlineno)
}

/// PyCode_Addr2Line: the line of the instruction at byte offset `addrq` (-1 if none).
pub unsafe fn addr2line(op: *mut PyObject, addrq: c_int) -> c_int {
    if addrq < 0 {
        return (*raw(op)).co_firstlineno;
    }
    range_of(op).check_line(addrq)
}

/// PyCode_Addr2Location: (start line, start column, end line, end column).
pub unsafe fn addr2location(op: *mut PyObject, addrq: c_int) -> (c_int, c_int, c_int, c_int) {
    if addrq < 0 {
        let l = (*raw(op)).co_firstlineno;
        return (l, 0, l, 0);
    }
    let mut r = range_of(op);
    r.check_line(addrq);
    r.retreat();
    let (endline, col, endcol) = r.advance_with_locations();
    (r.line, col, endline, endcol)
}

/// `co_lines()` rows: (start, end, line or -1).
pub unsafe fn lines(op: *mut PyObject) -> Vec<[i32; 3]> {
    let mut r = range_of(op);
    let mut out = Vec::new();
    while r.next_range() {
        out.push([r.start, r.end, r.line]);
    }
    out
}

/// `co_positions()` rows, one per code unit the table covers: (line, end line, column,
/// end column), -1 for None.
pub unsafe fn positions(op: *mut PyObject) -> Vec<[i32; 4]> {
    let mut r = range_of(op);
    let mut offset = r.end;
    let mut loc = (-1, -1, -1);
    let mut out = Vec::new();
    loop {
        if offset >= r.end {
            if r.at_end() {
                break;
            }
            loc = r.advance_with_locations();
        }
        offset += 2;
        out.push([r.line, loc.0, loc.1, loc.2]);
    }
    out
}

/// `co_lnotab`, derived from the location table as decode_linetable does.
pub unsafe fn lnotab(op: *mut PyObject) -> Vec<u8> {
    let mut r = range_of(op);
    let mut out = Vec::new();
    let (mut code_offset, mut line) = (0i32, (*raw(op)).co_firstlineno);
    let pair = |a: i32, b: i32, out: &mut Vec<u8>| {
        out.push(a as u8);
        out.push(b as u8);
    };
    while r.next_range() {
        if r.computed_line != line {
            let mut bdelta = r.start - code_offset;
            let mut ldelta = r.computed_line.wrapping_sub(line);
            while bdelta > 255 {
                pair(255, 0, &mut out);
                bdelta -= 255;
            }
            while ldelta > 127 {
                pair(bdelta, 127, &mut out);
                bdelta = 0;
                ldelta -= 127;
            }
            while ldelta < -128 {
                pair(bdelta, -128, &mut out);
                bdelta = 0;
                ldelta += 128;
            }
            pair(bdelta, ldelta, &mut out);
            code_offset = r.start;
            line = r.computed_line;
        }
    }
    out
}

pub unsafe fn ready_type() -> PyResult<()> {
    typeobject::ready(code_type())
}

/// The line of the code unit at `index`, from `_co_linearray` (one entry per code unit,
/// built on first use as CPython's `_PyCode_CreateLineArray`): tracing asks for it on every
/// instruction, where walking `co_linetable` would cost a scan each time.
pub unsafe fn line_at_index(co: *mut PyCodeObject, index: c_int) -> PyResult<c_int> {
    if (*co)._co_linearray.is_null() {
        let rows = lines(co as *mut PyObject);
        let n = size_of_var(co as *mut PyObject) as usize;
        let wide = rows.iter().any(|r| r[2] > i16::MAX as i32);
        let size = if wide { 4 } else { 2 };
        let p = crate::mem::calloc(n.max(1), size) as *mut u8;
        if p.is_null() {
            return Err(crate::objects::exceptions::no_memory());
        }
        for [start, end, line] in rows {
            for unit in (start / 2)..(end / 2).min(n as i32) {
                // Safety: `unit < n`, and the array has `n` entries of `size` bytes.
                if wide {
                    *(p as *mut i32).add(unit as usize) = line;
                } else {
                    *(p as *mut i16).add(unit as usize) = line as i16;
                }
            }
        }
        (*co)._co_linearray = p as *mut std::ffi::c_char;
        (*co)._co_linearray_entry_size = size as i16;
    }
    if index < 0 || index as isize >= size_of_var(co as *mut PyObject) {
        return Ok(-1);
    }
    let p = (*co)._co_linearray;
    Ok(if (*co)._co_linearray_entry_size == 4 { *(p as *const i32).add(index as usize) } else { *(p as *const i16).add(index as usize) as c_int })
}
