//! Struct sequences (`os.stat_result`, `time.struct_time`, `sys.flags`): tuple subclasses
//! whose first `n_sequence_fields` items are the visible tuple and the rest reachable only
//! by name. The counts live in the type's dict, as in CPython, because extensions size their
//! static types before readying them.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_OBJECT};
use crate::objects::typeobject::{self, full_name, has_feature, METHOD_END};
use crate::objects::{dictobject as dict, longobject as long, noneobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_char, c_int, c_ulong, c_void, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

#[repr(C)]
pub struct PyStructSequence_Field {
    pub name: *const c_char,
    pub doc: *const c_char,
}

#[repr(C)]
pub struct PyStructSequence_Desc {
    pub name: *const c_char,
    pub doc: *const c_char,
    pub fields: *mut PyStructSequence_Field,
    pub n_in_sequence: c_int,
}

static UNNAMED: &CStr = c"unnamed field";

/// The marker name of fields without a name (compared by address, as CPython does).
#[no_mangle]
pub static PyStructSequence_UnnamedField: StaticCStr = StaticCStr(UNNAMED.as_ptr());

#[repr(transparent)]
pub struct StaticCStr(pub *const c_char);
// Safety: points at a static, immutable C string.
unsafe impl Sync for StaticCStr {}

static mut STRUCTSEQ_METHODS: [PyMethodDef; 2] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(structseq_reduce), ml_flags: METH_NOARGS, ml_doc: std::ptr::null() },
    METHOD_END,
];

unsafe fn size_attr(tp: *mut PyTypeObject, key: &str) -> PyResult<Py_ssize_t> {
    let v = dict::get_item_str((*tp).tp_dict, key)?;
    if v.is_null() {
        return Err(raise(exc::type_error(), format!("Missed attribute '{key}' of type {}", full_name(tp))));
    }
    long::as_ssize_t(v)
}

pub unsafe fn visible_size(tp: *mut PyTypeObject) -> PyResult<Py_ssize_t> {
    size_attr(tp, "n_sequence_fields")
}

pub unsafe fn real_size(tp: *mut PyTypeObject) -> PyResult<Py_ssize_t> {
    size_attr(tp, "n_fields")
}

/// A struct sequence with all `n_fields` slots NULL (CPython's PyStructSequence_New).
pub unsafe fn new(tp: *mut PyTypeObject) -> PyResult<Obj> {
    let size = real_size(tp)?;
    let vsize = visible_size(tp)?;
    let Some(bytes) = typeobject::var_size(tp, size) else {
        return Err(crate::objects::exceptions::no_memory());
    };
    let op = crate::gc::alloc(bytes);
    if op.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    typeobject::init_object(op, tp);
    set_size(op, vsize);
    std::ptr::write_bytes(tuple::items_ptr(op), 0, size as usize);
    crate::gc::track(op);
    Ok(Obj::from_owned_nonnull(op))
}

fn count_members(desc: *mut PyStructSequence_Desc) -> (usize, usize) {
    let (mut n, mut unnamed) = (0, 0);
    // Safety: the fields array ends with a NULL name.
    unsafe {
        let mut f = (*desc).fields;
        while !(*f).name.is_null() {
            if (*f).name == UNNAMED.as_ptr() {
                unnamed += 1;
            }
            n += 1;
            f = f.add(1);
        }
    }
    (n, unnamed)
}

/// Member descriptors for the named fields, pointing into `ob_item`.
unsafe fn members_for(desc: *mut PyStructSequence_Desc) -> *mut PyMemberDef {
    let (n, unnamed) = count_members(desc);
    let members = crate::mem::calloc(n - unnamed + 1, size_of::<PyMemberDef>()) as *mut PyMemberDef;
    if members.is_null() {
        return members;
    }
    let mut k = 0;
    for i in 0..n {
        let f = (*desc).fields.add(i);
        if (*f).name == UNNAMED.as_ptr() {
            continue;
        }
        *members.add(k) = PyMemberDef {
            name: (*f).name,
            type_: T_OBJECT,
            offset: (offset_of!(PyTupleObject, ob_item) + i * size_of::<*mut PyObject>()) as Py_ssize_t,
            flags: READONLY,
            doc: (*f).doc,
        };
        k += 1;
    }
    members
}

/// The dict entries CPython keeps on every struct sequence type.
unsafe fn fill_dict(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) -> PyResult<()> {
    let (n, unnamed) = count_members(desc);
    let d = (*tp).tp_dict;
    dict::set_item_str(d, "n_sequence_fields", long::from_i64((*desc).n_in_sequence as i64).as_ptr())?;
    dict::set_item_str(d, "n_fields", long::from_i64(n as i64).as_ptr())?;
    dict::set_item_str(d, "n_unnamed_fields", long::from_i64(unnamed as i64).as_ptr())?;
    let mut names = Vec::new();
    for i in 0..(*desc).n_in_sequence as usize {
        let f = (*desc).fields.add(i);
        if (*f).name != UNNAMED.as_ptr() {
            names.push(str_::from_cstr((*f).name)?);
        }
    }
    let t = tuple::from_vec(names)?;
    dict::set_item_str(d, "__match_args__", t.as_ptr())
}

/// Readies a static struct sequence type (CPython's PyStructSequence_InitType2).
pub unsafe fn init_type(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc, flags: c_ulong) -> PyResult<()> {
    if has_feature(tp, Py_TPFLAGS_READY) {
        return Err(raise(exc::runtime_error(), format!("PyStructSequence_InitType2: type '{}' is already initialized", full_name(tp))));
    }
    (*tp).tp_name = (*desc).name;
    (*tp).tp_basicsize = (size_of::<PyTupleObject>() - size_of::<*mut PyObject>()) as Py_ssize_t;
    (*tp).tp_itemsize = size_of::<*mut PyObject>() as Py_ssize_t;
    (*tp).tp_dealloc = Some(structseq_dealloc);
    (*tp).tp_repr = Some(structseq_repr);
    (*tp).tp_doc = (*desc).doc;
    (*tp).tp_base = tuple::tuple_type();
    (*tp).tp_methods = (&raw mut STRUCTSEQ_METHODS) as *mut PyMethodDef;
    // Types that forbid instances (`sys.flags`) get no `tp_new`, as type_ready leaves them.
    (*tp).tp_new = if flags & Py_TPFLAGS_DISALLOW_INSTANTIATION != 0 { None } else { Some(structseq_new) };
    (*tp).tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | flags;
    (*tp).tp_traverse = Some(structseq_traverse);
    (*tp).tp_members = members_for(desc);
    if (*tp).tp_members.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    if (*tp).ob_base.ob_base.ob_refcnt == 0 {
        (*tp).ob_base.ob_base.ob_refcnt = IMMORTAL_REFCNT;
    }
    typeobject::ready(tp)?;
    fill_dict(tp, desc)
}

unsafe extern "C" fn structseq_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    let tp = type_of(op);
    let n = real_size(tp).unwrap_or_else(|_| {
        crate::err::clear();
        size_of_var(op)
    });
    for i in 0..n {
        xdecref(*tuple::items_ptr(op).offset(i));
    }
    crate::gc::free(op);
    if has_feature(tp, Py_TPFLAGS_HEAPTYPE) {
        decref(tp as *mut PyObject);
    }
}

unsafe extern "C" fn structseq_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let n = match real_size(type_of(op)) {
        Ok(n) => n,
        Err(_) => {
            crate::err::clear();
            size_of_var(op)
        }
    };
    if has_feature(type_of(op), Py_TPFLAGS_HEAPTYPE) {
        let r = visit(type_of(op) as *mut PyObject, arg);
        if r != 0 {
            return r;
        }
    }
    for i in 0..n {
        let it = *tuple::items_ptr(op).offset(i);
        if !it.is_null() {
            let r = visit(it, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn structseq_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = type_of(op);
        let mut s = format!("{}(", full_name(tp));
        for i in 0..size_of_var(op) {
            if i > 0 {
                s.push_str(", ");
            }
            let m = (*tp).tp_members.offset(i);
            if (*m).name.is_null() {
                return Err(raise(exc::system_error(), format!("In structseq_repr(), member {i} name is NULL for type {}", full_name(tp))));
            }
            s.push_str(&CStr::from_ptr((*m).name).to_string_lossy());
            s.push('=');
            let v = *tuple::items_ptr(op).offset(i);
            s.push_str(&crate::protocol::object::repr_string(v)?);
        }
        s.push(')');
        str_::from_str(&s)
    })
}

unsafe extern "C" fn structseq_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let tp = type_of(op);
        let n_visible = size_of_var(op);
        let n_fields = real_size(tp)?;
        let n_unnamed = size_attr(tp, "n_unnamed_fields")?;
        let visible = tuple::from_slice(&tuple::items(op)[..n_visible as usize])?;
        let d = dict::new()?;
        for i in n_visible..n_fields {
            let m = (*tp).tp_members.offset(i - n_unnamed);
            let name = CStr::from_ptr((*m).name).to_string_lossy().into_owned();
            dict::set_item_str(d.as_ptr(), &name, *tuple::items_ptr(op).offset(i))?;
        }
        let args = tuple::pack(&[visible.as_ptr(), d.as_ptr()])?;
        tuple::pack(&[tp as *mut PyObject, args.as_ptr()])
    })
}

unsafe extern "C" fn structseq_new(tp: *mut PyTypeObject, args: *mut PyObject, kwds: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::protocol::args::bind("structseq", args, kwds, &["sequence", "dict"], 1)?;
        let seq = a[0].unwrap_or(null_mut());
        let d = a[1].filter(|&d| !noneobject::is_none(d)).unwrap_or(null_mut());
        let min_len = visible_size(tp)?;
        let max_len = real_size(tp)?;
        let n_unnamed = size_attr(tp, "n_unnamed_fields")?;
        let items = crate::protocol::iter::collect(seq).map_err(|e| {
            if crate::err::exception_matches(exc::type_error()) {
                crate::err::clear();
                raise(exc::type_error(), "constructor requires a sequence")
            } else {
                e
            }
        })?;
        if !d.is_null() && !dict::check(d) {
            return Err(raise(exc::type_error(), format!("{}() takes a dict as second arg, if any", full_name(tp))));
        }
        let len = items.len() as Py_ssize_t;
        if min_len != max_len {
            if len < min_len {
                return Err(raise(exc::type_error(), format!("{}() takes an at least {min_len}-sequence ({len}-sequence given)", full_name(tp))));
            }
            if len > max_len {
                return Err(raise(exc::type_error(), format!("{}() takes an at most {max_len}-sequence ({len}-sequence given)", full_name(tp))));
            }
        } else if len != min_len {
            return Err(raise(exc::type_error(), format!("{}() takes a {min_len}-sequence ({len}-sequence given)", full_name(tp))));
        }
        let r = new(tp)?;
        let slots = tuple::items_ptr(r.as_ptr());
        for (i, v) in items.into_iter().enumerate() {
            *slots.add(i) = v.into_ptr();
        }
        for i in len..max_len {
            let mut v = noneobject::none();
            if !d.is_null() {
                let m = (*tp).tp_members.offset(i - n_unnamed);
                let name = CStr::from_ptr((*m).name).to_string_lossy().into_owned();
                let found = dict::get_item_str(d, &name)?;
                if !found.is_null() {
                    v = found;
                }
            }
            incref(v);
            *slots.offset(i) = v;
        }
        Ok(r)
    })
}

/// Readies a static struct sequence type once (it survives re-initialisation): `fields` are
/// static C names (`UNNAMED_FIELD` for unnamed ones), the first `n_in_sequence` visible.
pub unsafe fn ready_static(tp: *mut PyTypeObject, name: &'static CStr, doc: &'static CStr, fields: &[*const c_char], n_in_sequence: usize, flags: c_ulong) -> PyResult<()> {
    if has_feature(tp, Py_TPFLAGS_READY) {
        return Ok(());
    }
    let mut f: Vec<PyStructSequence_Field> = fields.iter().map(|&n| PyStructSequence_Field { name: n, doc: std::ptr::null() }).collect();
    f.push(PyStructSequence_Field { name: std::ptr::null(), doc: std::ptr::null() });
    // The desc is read only while readying; the names are static.
    let mut desc = PyStructSequence_Desc { name: name.as_ptr(), doc: doc.as_ptr(), fields: f.as_mut_ptr(), n_in_sequence: n_in_sequence as c_int };
    init_type(tp, &mut desc, flags)
}

/// The name marking an unnamed field for `ready_static`.
pub fn unnamed_field() -> *const c_char {
    UNNAMED.as_ptr()
}

/// Fills a heap type made from a spec with the struct sequence behaviour.
pub unsafe fn finish_heap_type(tp: *mut PyTypeObject, desc: *mut PyStructSequence_Desc) -> PyResult<()> {
    fill_dict(tp, desc)
}

/// The pieces `PyStructSequence_NewType` passes as slots.
pub unsafe fn slots_for(desc: *mut PyStructSequence_Desc) -> PyResult<Vec<(c_int, *mut c_void)>> {
    let members = members_for(desc);
    if members.is_null() {
        return Err(crate::objects::exceptions::no_memory());
    }
    Ok(vec![
        (66, structseq_repr as *mut c_void),    // Py_tp_repr
        (56, (*desc).doc as *mut c_void),       // Py_tp_doc
        (72, members as *mut c_void),           // Py_tp_members
        (64, (&raw mut STRUCTSEQ_METHODS) as *mut c_void), // Py_tp_methods
        (65, structseq_new as *mut c_void),     // Py_tp_new
        (71, structseq_traverse as *mut c_void), // Py_tp_traverse
        (52, structseq_dealloc as *mut c_void), // Py_tp_dealloc
    ])
}
