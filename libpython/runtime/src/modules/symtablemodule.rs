//! The `_symtable` module (CPython's Modules/symtablemodule.c and the `symtable entry` type of
//! Python/symtable.c): `symtable(source, filename, mode)` runs the compiler's symbol table
//! on the parsed (not yet optimized) tree, as CPython does, and returns the top block.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_OBJECT};
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{dictobject as dict, listobject as list, longobject as long, moduleobject, unicodeobject as str_};
use ferric_compiler::symtable::{self, BlockType, Scope, SymbolTable};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

/// Where a symbol's scope sits in its flags (`SCOPE_OFF`), as CPython's symtable.h.
const SCOPE_OFFSET: u32 = 11;

#[repr(C)]
pub struct EntryObject {
    pub ob_base: PyObject,
    pub id: *mut PyObject,
    pub name: *mut PyObject,
    pub symbols: *mut PyObject,
    pub varnames: *mut PyObject,
    pub children: *mut PyObject,
    pub nested: *mut PyObject,
    pub block_type: *mut PyObject,
    pub lineno: *mut PyObject,
}

static mut ENTRY_MEMBERS: [PyMemberDef; 9] = [
    member(c"id", T_OBJECT, offset_of!(EntryObject, id), READONLY),
    member(c"name", T_OBJECT, offset_of!(EntryObject, name), READONLY),
    member(c"symbols", T_OBJECT, offset_of!(EntryObject, symbols), READONLY),
    member(c"varnames", T_OBJECT, offset_of!(EntryObject, varnames), READONLY),
    member(c"children", T_OBJECT, offset_of!(EntryObject, children), READONLY),
    member(c"nested", T_OBJECT, offset_of!(EntryObject, nested), READONLY),
    member(c"type", T_OBJECT, offset_of!(EntryObject, block_type), READONLY),
    member(c"lineno", T_OBJECT, offset_of!(EntryObject, lineno), READONLY),
    MEMBER_END,
];

#[no_mangle]
pub static mut PySTEntry_Type: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"symtable entry".as_ptr(),
    tp_basicsize: size_of::<EntryObject>() as _,
    tp_dealloc: Some(entry_dealloc),
    tp_repr: Some(entry_repr),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT,
    tp_members: (&raw mut ENTRY_MEMBERS) as *mut PyMemberDef,
    ..PyTypeObject::EMPTY
};

fn entry_type() -> *mut PyTypeObject {
    &raw mut PySTEntry_Type
}

unsafe fn fields(op: *mut PyObject) -> [*mut *mut PyObject; 8] {
    let e = op as *mut EntryObject;
    [
        &raw mut (*e).id,
        &raw mut (*e).name,
        &raw mut (*e).symbols,
        &raw mut (*e).varnames,
        &raw mut (*e).children,
        &raw mut (*e).nested,
        &raw mut (*e).block_type,
        &raw mut (*e).lineno,
    ]
}

unsafe extern "C" fn entry_dealloc(op: *mut PyObject) {
    for f in fields(op) {
        xsetref(f, null_mut());
    }
    typeobject::free_instance(op);
}

unsafe extern "C" fn entry_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let e = op as *mut EntryObject;
        let id = crate::protocol::object::repr_string((*e).id)?;
        let line = long::as_c_long((*e).lineno)?;
        str_::from_str(&format!("<symtable entry {}({id}), line {line}>", str_::as_str((*e).name)?))
    })
}

/// The Python form of block `index` of `table` and, recursively, of its children.
unsafe fn make_entry(table: &SymbolTable, index: usize, ids: &[usize]) -> PyResult<Obj> {
    let ste = &table.entries[index];
    let symbols = dict::new()?;
    for (name, flags) in &ste.symbols {
        let scope = match ste.scope(name) {
            Some(Scope::Local) => 1,
            Some(Scope::GlobalExplicit) => 2,
            Some(Scope::GlobalImplicit) => 3,
            Some(Scope::Free) => 4,
            Some(Scope::Cell) => 5,
            None => 0,
        };
        let value = long::from_i64((flags | (scope << SCOPE_OFFSET)) as i64);
        dict::set_item(symbols.as_ptr(), str_::from_str(name)?.as_ptr(), value.as_ptr())?;
    }
    let varnames = list::new(0)?;
    for v in &ste.varnames {
        list::append(varnames.as_ptr(), str_::from_str(v)?.as_ptr())?;
    }
    let children = list::new(0)?;
    for &c in &ste.children {
        list::append(children.as_ptr(), make_entry(table, c, ids)?.as_ptr())?;
    }
    let block_type = match ste.typ {
        BlockType::Function => 0,
        BlockType::Class => 1,
        BlockType::Module => 2,
    };
    let alloc = typeobject::alloc_instance(entry_type())?;
    let values = [
        long::from_u64(ids[index] as u64),
        str_::from_str(&ste.name)?,
        symbols,
        varnames,
        children,
        long::from_i64(ste.nested as i64),
        long::from_i64(block_type),
        long::from_i64(ste.lineno as i64),
    ];
    for (slot, v) in fields(alloc.as_ptr()).into_iter().zip(values) {
        *slot = v.into_ptr();
    }
    Ok(alloc)
}

unsafe extern "C" fn symtable_symtable(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, nargs);
        crate::protocol::args::check_positional("symtable", a.len(), 3, 3)?;
        let (text, filename, mode) = (a[0], a[1], a[2]);
        let source: Vec<u8> = if str_::check(text) {
            crate::marshal::encode_utf8_surrogatepass(text)
        } else if crate::objects::bytesobject::check(text) {
            crate::objects::bytesobject::as_slice(text).to_vec()
        } else {
            return Err(raise(exc::type_error(), format!("symtable() argument 'source' must be str, bytes or bytearray, not {}", full_name(type_of(text)))));
        };
        if !str_::check(filename) {
            return Err(raise(exc::type_error(), format!("symtable() argument 'filename' must be str, not {}", full_name(type_of(filename)))));
        }
        if !str_::check(mode) {
            return Err(raise(exc::type_error(), format!("symtable() argument 'startstr' must be str, not {}", full_name(type_of(mode)))));
        }
        let mode = match str_::as_str(mode)? {
            "exec" => ferric_compiler::error::Mode::Exec,
            "eval" => ferric_compiler::error::Mode::Eval,
            "single" => ferric_compiler::error::Mode::Single,
            _ => return Err(raise(exc::value_error(), "symtable() arg 3 must be 'exec' or 'eval' or 'single'")),
        };
        let filename = str_::as_str(filename)?.to_string();
        let flags = if str_::check(text) { crate::compile::PY_CF_IGNORE_COOKIE } else { 0 };
        let module = crate::compile::parse_source(&source, &filename, mode, flags)?;
        let table = symtable::build(&module, false).map_err(|e| crate::compile::raise_compile_error(&e, &filename, mode))?;
        // Each block's id: a stable number per block, as CPython's (an address) is.
        let base = &table as *const SymbolTable as usize;
        let ids: Vec<usize> = (0..table.entries.len()).map(|i| base + 16 * i).collect();
        make_entry(&table, 0, &ids)
    })
}

static mut METHODS: [PyMethodDef; 2] = [crate::modules::fast(c"symtable", symtable_symtable), METHOD_END];

/// Makes the `_symtable` module.
pub unsafe fn init() -> PyResult<Obj> {
    typeobject::ready(entry_type())?;
    let name = str_::from_str("_symtable")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    let consts: [(&str, u32); 20] = [
        ("USE", symtable::USE),
        ("DEF_GLOBAL", symtable::DEF_GLOBAL),
        ("DEF_NONLOCAL", symtable::DEF_NONLOCAL),
        ("DEF_LOCAL", symtable::DEF_LOCAL),
        ("DEF_PARAM", symtable::DEF_PARAM),
        ("DEF_FREE", symtable::DEF_FREE),
        ("DEF_FREE_CLASS", symtable::DEF_FREE_CLASS),
        ("DEF_IMPORT", symtable::DEF_IMPORT),
        ("DEF_BOUND", symtable::DEF_BOUND),
        ("DEF_ANNOT", symtable::DEF_ANNOT),
        ("TYPE_FUNCTION", 0),
        ("TYPE_CLASS", 1),
        ("TYPE_MODULE", 2),
        ("LOCAL", 1),
        ("GLOBAL_EXPLICIT", 2),
        ("GLOBAL_IMPLICIT", 3),
        ("FREE", 4),
        ("CELL", 5),
        ("SCOPE_OFF", SCOPE_OFFSET),
        ("SCOPE_MASK", symtable::DEF_GLOBAL | symtable::DEF_LOCAL | symtable::DEF_PARAM | symtable::DEF_NONLOCAL),
    ];
    for (k, v) in consts {
        dict::set_item_str(d, k, long::from_i64(v as i64).as_ptr())?;
    }
    Ok(m)
}
