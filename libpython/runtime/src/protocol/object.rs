//! repr/str, hashing, rich comparison, truth, and attribute access.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name};
use crate::objects::{boolobject, dictobject as dict, noneobject, unicodeobject as str_};
use std::cmp::Ordering;
use std::ffi::c_int;
use std::ptr::null_mut;

pub unsafe fn repr(op: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(op);
    let Some(f) = (*tp).tp_repr else {
        return str_::from_str(&format!("<{} object at {op:p}>", full_name(tp)));
    };
    crate::ceval_guard::enter_recursive_call(" while getting the repr of an object")?;
    let r = Obj::from_owned(f(op));
    crate::ceval_guard::leave_recursive_call();
    let r = r?;
    if !str_::check(r.as_ptr()) {
        return Err(raise(
            exc::type_error(),
            format!("__repr__ returned non-string (type {})", full_name(r.type_ptr())),
        ));
    }
    Ok(r)
}

pub unsafe fn str(op: *mut PyObject) -> PyResult<Obj> {
    if str_::check_exact(op) {
        return Ok(Obj::from_borrowed(op));
    }
    let tp = type_of(op);
    let Some(f) = (*tp).tp_str else { return repr(op) };
    crate::ceval_guard::enter_recursive_call(" while getting the str of an object")?;
    let r = Obj::from_owned(f(op));
    crate::ceval_guard::leave_recursive_call();
    let r = r?;
    if !str_::check(r.as_ptr()) {
        return Err(raise(
            exc::type_error(),
            format!("__str__ returned non-string (type {})", full_name(r.type_ptr())),
        ));
    }
    Ok(r)
}

/// repr() as a Rust String (for messages).
pub unsafe fn repr_string(op: *mut PyObject) -> PyResult<String> {
    let r = repr(op)?;
    Ok(str_::as_str(r.as_ptr())?.to_owned())
}

/// Guards container reprs against recursion (`[...]`), CPython's Py_ReprEnter/Leave.
pub struct ReprGuard(*mut PyObject);

static mut REPR_STACK: Vec<usize> = Vec::new();

impl ReprGuard {
    /// Some(guard) when `op` is not already being repr'd on this thread, else None.
    pub unsafe fn enter(op: *mut PyObject) -> PyResult<Option<ReprGuard>> {
        let stack = &mut *(&raw mut REPR_STACK);
        if stack.contains(&(op as usize)) {
            return Ok(None);
        }
        stack.push(op as usize);
        Ok(Some(ReprGuard(op)))
    }
}

/// Py_ReprEnter: true when `op` is already being repr'd on this thread (else it is marked).
pub unsafe fn repr_enter(op: *mut PyObject) -> bool {
    let stack = &mut *(&raw mut REPR_STACK);
    if stack.contains(&(op as usize)) {
        return true;
    }
    stack.push(op as usize);
    false
}

/// Py_ReprLeave: unmarks `op`.
pub unsafe fn repr_leave(op: *mut PyObject) {
    let stack = &mut *(&raw mut REPR_STACK);
    if let Some(pos) = stack.iter().rposition(|&p| p == op as usize) {
        stack.remove(pos);
    }
}

impl Drop for ReprGuard {
    fn drop(&mut self) {
        // Safety: the stack is touched only under the GIL.
        unsafe { repr_leave(self.0) }
    }
}

// ---- hashing -------------------------------------------------------------------------------

/// CPython's `_Py_HashPointer`: the address rotated right by 4 bits.
pub fn hash_pointer(p: *const std::ffi::c_void) -> Py_hash_t {
    let y = (p as usize).rotate_right(4) as Py_hash_t;
    if y == -1 {
        -2
    } else {
        y
    }
}

pub unsafe extern "C" fn hash_pointer_slot(op: *mut PyObject) -> Py_hash_t {
    hash_pointer(op as *const _)
}

/// `tp_hash` of unhashable types.
pub unsafe extern "C" fn hash_not_implemented(op: *mut PyObject) -> Py_hash_t {
    raise(exc::type_error(), format!("unhashable type: '{}'", full_name(type_of(op))));
    -1
}

/// hash(op); -1 with an error set on failure.
pub unsafe fn hash(op: *mut PyObject) -> Py_hash_t {
    let tp = type_of(op);
    match (*tp).tp_hash {
        Some(h) => h(op),
        None => hash_not_implemented(op),
    }
}

pub unsafe fn hash_checked(op: *mut PyObject) -> PyResult<Py_hash_t> {
    if str_::check_exact(op) {
        return Ok(str_::hash(op));
    }
    let h = hash(op);
    if h == -1 && !err::occurred().is_null() {
        return Err(err::ErrSet::assume_set());
    }
    Ok(h)
}

// ---- comparison ----------------------------------------------------------------------------

pub fn ordering_matches(ord: Ordering, op: c_int) -> bool {
    match op {
        Py_LT => ord == Ordering::Less,
        Py_LE => ord != Ordering::Greater,
        Py_EQ => ord == Ordering::Equal,
        Py_NE => ord != Ordering::Equal,
        Py_GT => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

const SWAPPED: [c_int; 6] = [Py_GT, Py_GE, Py_EQ, Py_NE, Py_LT, Py_LE];
const OP_STRINGS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `a op b` with CPython's dispatch: the reflected method of a subclass first, then the left
/// operand's, then the right's; identity for == and != as the last resort.
pub unsafe fn rich_compare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<Obj> {
    crate::ceval_guard::enter_recursive_call(" in comparison")?;
    let r = do_rich_compare(a, b, op);
    crate::ceval_guard::leave_recursive_call();
    r
}

unsafe fn do_rich_compare(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<Obj> {
    let (ta, tb) = (type_of(a), type_of(b));
    let mut checked_reverse = false;
    if ta != tb && typeobject::is_subtype(tb, ta) {
        if let Some(f) = (*tb).tp_richcompare {
            checked_reverse = true;
            let r = Obj::from_owned(f(b, a, SWAPPED[op as usize]))?;
            if r.as_ptr() != noneobject::not_implemented() {
                return Ok(r);
            }
        }
    }
    if let Some(f) = (*ta).tp_richcompare {
        let r = Obj::from_owned(f(a, b, op))?;
        if r.as_ptr() != noneobject::not_implemented() {
            return Ok(r);
        }
    }
    if !checked_reverse {
        if let Some(f) = (*tb).tp_richcompare {
            let r = Obj::from_owned(f(b, a, SWAPPED[op as usize]))?;
            if r.as_ptr() != noneobject::not_implemented() {
                return Ok(r);
            }
        }
    }
    match op {
        Py_EQ => Ok(Obj::from_borrowed(boolobject::new_bool(a == b))),
        Py_NE => Ok(Obj::from_borrowed(boolobject::new_bool(a != b))),
        _ => Err(raise(
            exc::type_error(),
            format!(
                "'{}' not supported between instances of '{}' and '{}'",
                OP_STRINGS[op as usize],
                full_name(ta),
                full_name(tb)
            ),
        )),
    }
}

/// Like `rich_compare` but as a bool; identity implies equality (as in CPython).
pub unsafe fn rich_compare_bool(a: *mut PyObject, b: *mut PyObject, op: c_int) -> PyResult<bool> {
    if a == b {
        if op == Py_EQ {
            return Ok(true);
        }
        if op == Py_NE {
            return Ok(false);
        }
    }
    let r = rich_compare(a, b, op)?;
    if r.as_ptr() == boolobject::true_() {
        return Ok(true);
    }
    if r.as_ptr() == boolobject::false_() {
        return Ok(false);
    }
    is_true(r.as_ptr())
}

/// Lexicographic comparison of two item sequences (tuple and list share it).
pub unsafe fn compare_sequences(x: &[*mut PyObject], y: &[*mut PyObject], op: c_int) -> PyResult<Obj> {
    if (op == Py_EQ || op == Py_NE) && x.len() != y.len() {
        return Ok(Obj::from_borrowed(boolobject::new_bool(op == Py_NE)));
    }
    let mut i = 0;
    while i < x.len() && i < y.len() {
        if !rich_compare_bool(x[i], y[i], Py_EQ)? {
            break;
        }
        i += 1;
    }
    if i >= x.len() || i >= y.len() {
        return Ok(Obj::from_borrowed(boolobject::new_bool(ordering_matches(x.len().cmp(&y.len()), op))));
    }
    match op {
        Py_EQ => Ok(Obj::from_borrowed(boolobject::false_())),
        Py_NE => Ok(Obj::from_borrowed(boolobject::true_())),
        _ => rich_compare(x[i], y[i], op),
    }
}

// ---- truth ---------------------------------------------------------------------------------

/// bool(op): nb_bool, then mp_length, then sq_length, else True.
pub unsafe fn is_true(op: *mut PyObject) -> PyResult<bool> {
    if op == boolobject::true_() {
        return Ok(true);
    }
    if op == boolobject::false_() || op == noneobject::none() {
        return Ok(false);
    }
    let tp = type_of(op);
    let n: Py_ssize_t;
    if !(*tp).tp_as_number.is_null() && (*(*tp).tp_as_number).nb_bool.is_some() {
        let r = ((*(*tp).tp_as_number).nb_bool.unwrap())(op);
        if r < 0 {
            return Err(err::ErrSet::assume_set());
        }
        return Ok(r > 0);
    } else if !(*tp).tp_as_mapping.is_null() && (*(*tp).tp_as_mapping).mp_length.is_some() {
        n = ((*(*tp).tp_as_mapping).mp_length.unwrap())(op);
    } else if !(*tp).tp_as_sequence.is_null() && (*(*tp).tp_as_sequence).sq_length.is_some() {
        n = ((*(*tp).tp_as_sequence).sq_length.unwrap())(op);
    } else {
        return Ok(true);
    }
    if n < 0 {
        return Err(err::ErrSet::assume_set());
    }
    Ok(n > 0)
}

// ---- attributes ----------------------------------------------------------------------------

pub unsafe fn getattr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Obj> {
    let tp = type_of(op);
    if !str_::check(name) {
        return Err(raise(
            exc::type_error(),
            format!("attribute name must be string, not '{}'", full_name(type_of(name))),
        ));
    }
    let r = if let Some(f) = (*tp).tp_getattro {
        f(op, name)
    } else if let Some(f) = (*tp).tp_getattr {
        let s = str_::as_utf8_ptr(name)?;
        f(op, s as *mut _)
    } else {
        return Err(no_attribute(op, name));
    };
    if r.is_null() {
        set_attribute_error_context(op, name);
    }
    Obj::from_owned(r)
}

/// Gives a pending AttributeError that has neither `name` nor `obj` yet the attribute and
/// the object it was looked up on, as CPython 3.11's PyObject_GetAttr does for suggestions.
pub unsafe fn set_attribute_error_context(op: *mut PyObject, name: *mut PyObject) {
    if !err::exception_matches(exc::attribute_error()) {
        return;
    }
    let (mut t, mut v, mut tb) = err::fetch();
    let _ = crate::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    if !v.is_null() && crate::objects::exceptions::given_exception_matches(v, exc::attribute_error()) {
        let e = v as *mut crate::objects::exceptions::PyAttributeErrorObject;
        if (*e).name.is_null() && (*e).obj.is_null() {
            let set = |field: &str, x: *mut PyObject| str_::intern(field).and_then(|f| setattr(v, f, x));
            if set("name", name).is_err() || set("obj", op).is_err() {
                xdecref(t);
                xdecref(v);
                xdecref(tb);
                return;
            }
        }
    }
    err::restore(t, v, tb);
}

pub unsafe fn getattr_str(op: *mut PyObject, name: &str) -> PyResult<Obj> {
    getattr(op, str_::intern(name)?)
}

/// getattr that turns AttributeError into None (CPython's _PyObject_LookupAttr).
pub unsafe fn lookup_attr(op: *mut PyObject, name: *mut PyObject) -> PyResult<Option<Obj>> {
    match getattr(op, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            if err::exception_matches(exc::attribute_error()) {
                err::clear();
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

pub unsafe fn setattr(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> PyResult<()> {
    let tp = type_of(op);
    if !str_::check(name) {
        return Err(raise(
            exc::type_error(),
            format!("attribute name must be string, not '{}'", full_name(type_of(name))),
        ));
    }
    if let Some(f) = (*tp).tp_setattro {
        return if f(op, name, value) < 0 { Err(err::ErrSet::assume_set()) } else { Ok(()) };
    }
    if let Some(f) = (*tp).tp_setattr {
        let s = str_::as_utf8_ptr(name)?;
        return if f(op, s as *mut _, value) < 0 { Err(err::ErrSet::assume_set()) } else { Ok(()) };
    }
    let what = if value.is_null() { "del" } else { "assign to" };
    let has_getattr = (*tp).tp_getattro.is_some() || (*tp).tp_getattr.is_some();
    let n = str_::as_str(name)?;
    if has_getattr {
        Err(raise(
            exc::attribute_error(),
            format!("'{}' object attribute '{n}' is read-only", full_name(tp)),
        ))
    } else {
        Err(raise(
            exc::attribute_error(),
            format!("'{}' object has no attributes ({what} .{n})", full_name(tp)),
        ))
    }
}

/// AttributeError "'T' object has no attribute 'x'" with `name` and `obj` set.
pub unsafe fn no_attribute(op: *mut PyObject, name: *mut PyObject) -> err::ErrSet {
    let n = str_::as_str(name).unwrap_or("?");
    crate::objects::exceptions::attribute_error_with(
        format!("'{}' object has no attribute '{n}'", full_name(type_of(op))),
        op,
        name,
    )
}

/// The instance `__dict__` of `op`, if its type has one (borrowed; may be NULL inside).
pub unsafe fn instance_dict(op: *mut PyObject) -> Option<*mut PyObject> {
    let slot = dict_slot(op)?;
    let d = *slot;
    if d.is_null() {
        None
    } else {
        Some(d)
    }
}

/// Address of the `__dict__` pointer of `op`, if its type has one.
pub unsafe fn dict_slot(op: *mut PyObject) -> Option<*mut *mut PyObject> {
    let tp = type_of(op);
    if (*tp).tp_flags & Py_TPFLAGS_MANAGED_DICT != 0 {
        // CPython 3.11 keeps it three words before the object, ahead of the GC head.
        return Some((op as *mut *mut PyObject).sub(3));
    }
    let mut off = (*tp).tp_dictoffset;
    if off == 0 {
        return None;
    }
    if off < 0 {
        // Negative offsets count from the end of a variable-size object.
        let size = size_of_var(op).unsigned_abs() as isize;
        let total = (*tp).tp_basicsize + size * (*tp).tp_itemsize;
        off += (total + 7) & !7;
    }
    Some((op as *mut u8).offset(off) as *mut *mut PyObject)
}

/// CPython's `PyObject_GenericGetAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericGetAttr(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| generic_getattr(op, name, false).and_then(|r| r.ok_or_else(|| no_attribute(op, name))))
}

/// Descriptor-aware lookup: data descriptor on the type, instance dict, then non-data
/// descriptor or plain class attribute. `Ok(None)` means absent (no error set).
pub unsafe fn generic_getattr(op: *mut PyObject, name: *mut PyObject, _suppress: bool) -> PyResult<Option<Obj>> {
    let tp = type_of(op);
    if !str_::check(name) {
        return Err(raise(
            exc::type_error(),
            format!("attribute name must be string, not '{}'", full_name(type_of(name))),
        ));
    }
    if (*tp).tp_dict.is_null() {
        typeobject::ready(tp)?;
    }
    let descr = typeobject::lookup(tp, name);
    let descr = if descr.is_null() { None } else { Some(Obj::from_borrowed(descr)) };
    let mut getf: descrgetfunc = None;
    if let Some(d) = &descr {
        let dt = d.type_ptr();
        getf = (*dt).tp_descr_get;
        if let Some(g) = getf {
            if (*dt).tp_descr_set.is_some() {
                return Obj::from_owned(g(d.as_ptr(), op, tp as *mut PyObject)).map(Some);
            }
        }
    }
    if let Some(d) = instance_dict(op) {
        let d = Obj::from_borrowed(d);
        if let Some(v) = dict::get_item(d.as_ptr(), name)? {
            return Ok(Some(Obj::from_borrowed(v)));
        }
    }
    if let Some(g) = getf {
        let d = descr.as_ref().map(|d| d.as_ptr()).unwrap_or(null_mut());
        return Obj::from_owned(g(d, op, tp as *mut PyObject)).map(Some);
    }
    Ok(descr)
}

/// CPython's `PyObject_GenericSetAttr`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetAttr(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject) -> c_int {
    generic_setattr_with_dict(op, name, value, null_mut())
}

/// Generic setattr; `dict` overrides the instance dict (type objects pass their tp_dict).
pub unsafe fn generic_setattr_with_dict(op: *mut PyObject, name: *mut PyObject, value: *mut PyObject, dict_override: *mut PyObject) -> c_int {
    crate::guard::catch_int(|| {
        let tp = type_of(op);
        if !str_::check(name) {
            return Err(raise(
                exc::type_error(),
                format!("attribute name must be string, not '{}'", full_name(type_of(name))),
            ));
        }
        if (*tp).tp_dict.is_null() {
            typeobject::ready(tp)?;
        }
        let descr = typeobject::lookup(tp, name);
        if !descr.is_null() {
            let descr = Obj::from_borrowed(descr);
            if let Some(set) = (*descr.type_ptr()).tp_descr_set {
                return if set(descr.as_ptr(), op, value) < 0 { Err(err::ErrSet::assume_set()) } else { Ok(()) };
            }
        }
        let dslot: *mut *mut PyObject;
        let mut tmp = dict_override;
        if !dict_override.is_null() {
            dslot = &mut tmp;
        } else {
            match dict_slot(op) {
                Some(s) => dslot = s,
                None => {
                    let n = str_::as_str(name)?;
                    if descr_is_null_or_plain(tp, name) {
                        return Err(raise(exc::attribute_error(), format!("'{}' object has no attribute '{n}'", full_name(tp))));
                    }
                    return Err(raise(
                        exc::attribute_error(),
                        format!("'{}' object attribute '{n}' is read-only", full_name(tp)),
                    ));
                }
            }
        }
        if (*dslot).is_null() {
            if value.is_null() {
                return Err(missing_on_delete(op, name));
            }
            *dslot = dict::new()?.into_ptr();
        }
        let d = *dslot;
        if value.is_null() {
            if !dict::del_item(d, name)? {
                return Err(missing_on_delete(op, name));
            }
            Ok(())
        } else {
            dict::set_item(d, name, value)
        }
    })
}

/// `del o.x` of a missing attribute (3.11 gives this error no `name`/`obj`).
unsafe fn missing_on_delete(op: *mut PyObject, name: *mut PyObject) -> err::ErrSet {
    let n = str_::as_str(name).unwrap_or("?");
    if typeobject::is_type(op) {
        raise(exc::attribute_error(), format!("type object '{}' has no attribute '{n}'", full_name(op as *mut PyTypeObject)))
    } else {
        raise(exc::attribute_error(), format!("'{}' object has no attribute '{n}'", full_name(type_of(op))))
    }
}

unsafe fn descr_is_null_or_plain(tp: *mut PyTypeObject, name: *mut PyObject) -> bool {
    typeobject::lookup(tp, name).is_null()
}

/// format(o, spec) (PyObject_Format): `type(o).__format__(o, spec)`; `spec` may be NULL.
pub unsafe fn format(o: *mut PyObject, spec: *mut PyObject) -> PyResult<Obj> {
    let spec = if spec.is_null() { str_::empty() } else { Obj::from_borrowed(spec) };
    if !str_::check(spec.as_ptr()) {
        return Err(raise(
            exc::system_error(),
            format!("Format specifier must be a string, not {}", full_name(spec.type_ptr())),
        ));
    }
    if str_::len(spec.as_ptr()) == 0 {
        if str_::check_exact(o) {
            return Ok(Obj::from_borrowed(o));
        }
        if crate::objects::longobject::check_exact(o) {
            return str(o);
        }
    }
    let m = crate::objects::typeslots::lookup_special(o, "__format__")?.ok_or_else(|| {
        raise(exc::type_error(), format!("Type {} doesn't define __format__", full_name(type_of(o))))
    })?;
    let r = crate::protocol::call::vectorcall(m.as_ptr(), &[spec.as_ptr()], null_mut())?;
    if !str_::check(r.as_ptr()) {
        return Err(raise(
            exc::type_error(),
            format!("__format__ must return a str, not {}", full_name(r.type_ptr())),
        ));
    }
    Ok(r)
}

/// ascii(o) (PyObject_ASCII): the repr with non-ASCII characters escaped.
pub unsafe fn ascii(op: *mut PyObject) -> PyResult<Obj> {
    let r = repr(op)?;
    if str_::is_ascii(r.as_ptr()) {
        return Ok(r);
    }
    let mut out = String::new();
    for cp in str_::code_points(r.as_ptr()) {
        match cp {
            0..=0x7f => out.push(cp as u8 as char),
            0x80..=0xff => out.push_str(&format!("\\x{cp:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{cp:04x}")),
            _ => out.push_str(&format!("\\U{cp:08x}")),
        }
    }
    str_::from_str(&out)
}
