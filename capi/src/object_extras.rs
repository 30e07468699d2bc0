//! The rest of object.h/abstract.h that extensions use: identifiers (`_Py_IDENTIFIER`),
//! bytes()/format()/length hints, sequence and mapping helpers, PyBool_FromLong, float
//! packing, allocator hooks, and small private helpers of CPython's own modules.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{boolobject, bytesobject, dictobject as dict, listobject as list, longobject as long, typeobject, unicodeobject as str_};
use crate::rt::protocol::{call, iter, number as num, object as proto, sequence as seq};
use crate::rt::{err, exc, PyResult};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

/// CPython's `_Py_Identifier`: a C string and an index (unused here: we intern by text).
#[repr(C)]
pub struct PyIdentifier {
    pub string: *const c_char,
    pub index: Py_ssize_t,
}

unsafe fn ident(id: *mut PyIdentifier) -> PyResult<*mut PyObject> {
    str_::intern_cstr((*id).string)
}

#[no_mangle]
pub unsafe extern "C" fn _PyUnicode_FromId(id: *mut PyIdentifier) -> *mut PyObject {
    catch(null_mut(), || ident(id).unwrap_or(null_mut()))
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GetAttrId(o: *mut PyObject, id: *mut PyIdentifier) -> *mut PyObject {
    catch_obj(|| proto::getattr(o, ident(id)?))
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_SetAttrId(o: *mut PyObject, id: *mut PyIdentifier, v: *mut PyObject) -> c_int {
    catch_int(|| proto::setattr(o, ident(id)?, v))
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_LookupAttrId(o: *mut PyObject, id: *mut PyIdentifier, result: *mut *mut PyObject) -> c_int {
    match ident(id) {
        Ok(n) => crate::object::_PyObject_LookupAttr(o, n, result),
        Err(_) => {
            *result = null_mut();
            -1
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_LookupSpecialId(o: *mut PyObject, id: *mut PyIdentifier) -> *mut PyObject {
    catch(null_mut(), || {
        let Ok(n) = ident(id) else { return null_mut() };
        match crate::rt::objects::typeslots::lookup_special(o, str_::as_str(n).unwrap_or("")) {
            Ok(Some(v)) => v.into_ptr(),
            _ => null_mut(),
        }
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyType_LookupId(tp: *mut PyTypeObject, id: *mut PyIdentifier) -> *mut PyObject {
    match ident(id) {
        Ok(n) => crate::typeobject::_PyType_Lookup(tp, n),
        Err(_) => null_mut(),
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_GetItemIdWithError(d: *mut PyObject, id: *mut PyIdentifier) -> *mut PyObject {
    match ident(id) {
        Ok(n) => crate::dictobject::PyDict_GetItemWithError(d, n),
        Err(_) => null_mut(),
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_SetItemId(d: *mut PyObject, id: *mut PyIdentifier, v: *mut PyObject) -> c_int {
    match ident(id) {
        Ok(n) => crate::dictobject::PyDict_SetItem(d, n, v),
        Err(_) => -1,
    }
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_ContainsId(d: *mut PyObject, id: *mut PyIdentifier) -> c_int {
    match ident(id) {
        Ok(n) => crate::dictobject::PyDict_Contains(d, n),
        Err(_) => -1,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyBool_FromLong(v: std::ffi::c_long) -> *mut PyObject {
    boolobject::new_bool(v != 0)
}

/// bytes(o): `__bytes__`, else the bytes constructor.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Bytes(o: *mut PyObject) -> *mut PyObject {
    if o.is_null() {
        return catch_obj(|| bytesobject::from_slice(b"<NULL>"));
    }
    catch_obj(|| {
        if type_of(o) == bytesobject::bytes_type() {
            return Ok(Obj::from_borrowed(o));
        }
        if let Some(m) = crate::rt::objects::typeslots::lookup_special(o, "__bytes__")? {
            let r = call::vectorcall(m.as_ptr(), &[], null_mut())?;
            if !bytesobject::check(r.as_ptr()) {
                return Err(err::raise(
                    exc::type_error(),
                    format!("__bytes__ returned non-bytes (type {})", typeobject::full_name(r.type_ptr())),
                ));
            }
            return Ok(r);
        }
        call::vectorcall(bytesobject::bytes_type() as *mut PyObject, &[o], null_mut())
    })
}

/// format(o, spec): `type(o).__format__(o, spec)`.
#[no_mangle]
pub unsafe extern "C" fn PyObject_Format(o: *mut PyObject, spec: *mut PyObject) -> *mut PyObject {
    catch_obj(|| proto::format(o, spec))
}

/// len(o), else o.__length_hint__(), else the default.
#[no_mangle]
pub unsafe extern "C" fn PyObject_LengthHint(o: *mut PyObject, default: Py_ssize_t) -> Py_ssize_t {
    catch(-1, || {
        let r = (|| -> PyResult<Py_ssize_t> {
            match seq::size(o) {
                Ok(n) => return Ok(n),
                Err(e) => {
                    if !err::exception_matches(exc::type_error()) {
                        return Err(e);
                    }
                    err::clear();
                }
            }
            let Some(m) = crate::rt::objects::typeslots::lookup_special(o, "__length_hint__")? else { return Ok(default) };
            let r = call::vectorcall(m.as_ptr(), &[], null_mut());
            let r = match r {
                Ok(r) => r,
                Err(e) => {
                    if err::exception_matches(exc::type_error()) {
                        err::clear();
                        return Ok(default);
                    }
                    return Err(e);
                }
            };
            if r.as_ptr() == crate::rt::objects::noneobject::not_implemented() {
                return Ok(default);
            }
            if !long::check(r.as_ptr()) {
                return Err(err::raise(
                    exc::type_error(),
                    format!("__length_hint__ must be an integer, not {}", typeobject::full_name(r.type_ptr())),
                ));
            }
            let n = long::as_ssize_t(r.as_ptr())?;
            if n < 0 {
                return Err(err::raise(exc::value_error(), "__length_hint__() should return >= 0"));
            }
            Ok(n)
        })();
        r.unwrap_or(-1)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyObject_GenericSetDict(o: *mut PyObject, v: *mut PyObject, ctx: *mut c_void) -> c_int {
    crate::rt::objects::typenew::generic_set_dict(o, v, ctx)
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_GenericGetAttrWithDict(o: *mut PyObject, name: *mut PyObject, d: *mut PyObject, suppress: c_int) -> *mut PyObject {
    catch(null_mut(), || {
        let r = if d.is_null() {
            proto::generic_getattr(o, name, suppress != 0)
        } else {
            match dict::get_item(d, name) {
                Ok(Some(v)) => Ok(Some(Obj::from_borrowed(v))),
                Ok(None) => proto::generic_getattr(o, name, suppress != 0),
                Err(e) => Err(e),
            }
        };
        match r {
            Ok(Some(v)) => v.into_ptr(),
            Ok(None) => {
                if suppress == 0 {
                    proto::no_attribute(o, name);
                }
                null_mut()
            }
            Err(_) => null_mut(),
        }
    })
}

/// Runs `tp_finalize` from a dealloc, once (PEP 442): returns -1 if the object was
/// resurrected and must not be freed.
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallFinalizerFromDealloc(o: *mut PyObject) -> c_int {
    let tp = type_of(o);
    let Some(fin) = (*tp).tp_finalize else { return 0 };
    let gc = typeobject::has_feature(tp, Py_TPFLAGS_HAVE_GC);
    if gc && crate::rt::gc::is_finalized(o) {
        return 0;
    }
    (*o).ob_refcnt = 1;
    if gc {
        crate::rt::gc::mark_finalized(o);
    }
    fin(o);
    (*o).ob_refcnt -= 1;
    if (*o).ob_refcnt == 0 {
        0
    } else {
        -1
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_CallFinalizer(o: *mut PyObject) {
    let tp = type_of(o);
    if let Some(fin) = (*tp).tp_finalize {
        if typeobject::has_feature(tp, Py_TPFLAGS_HAVE_GC) {
            if crate::rt::gc::is_finalized(o) {
                return;
            }
            crate::rt::gc::mark_finalized(o);
        }
        fin(o);
    }
}

/// The state pickle copies: `__getstate__()` (object's default gives `__dict__` or None).
#[no_mangle]
pub unsafe extern "C" fn _PyObject_GetState(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if let Some(m) = proto::lookup_attr(o, str_::intern("__getstate__")?)? {
            return call::vectorcall(m.as_ptr(), &[], null_mut());
        }
        match proto::instance_dict(o) {
            Some(d) if dict::len(d) > 0 => Ok(Obj::from_borrowed(d)),
            _ => Ok(Obj::from_borrowed(crate::rt::objects::noneobject::none())),
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PyObject_FastCall(f: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::object::PyObject_Vectorcall(f, args, n as usize, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_MakeTpCall(_ts: *mut c_void, f: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    call::vectorcall_via_tp_call(f, args, nargs as usize, kwnames)
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_NextNotImplemented(o: *mut PyObject) -> *mut PyObject {
    err::raise(exc::type_error(), format!("'{}' object is not iterable", typeobject::full_name(type_of(o))));
    null_mut()
}
#[no_mangle]
pub unsafe extern "C" fn _PyObject_IsFreed(_o: *mut PyObject) -> c_int {
    0
}

/// `iter.send(v)` for generators (once they exist), else `next()` when v is None.
#[no_mangle]
pub unsafe extern "C" fn PyIter_Send(it: *mut PyObject, v: *mut PyObject, result: *mut *mut PyObject) -> c_int {
    let am = (*type_of(it)).tp_as_async;
    if !am.is_null() {
        if let Some(send) = (*am).am_send {
            return send(it, v, result);
        }
    }
    let r = if crate::rt::objects::noneobject::is_none(v) && (*type_of(it)).tp_iternext.is_some() {
        iter::next(it).map(|o| o.map(|o| o.into_ptr()).unwrap_or(null_mut()))
    } else {
        call::call_method_obj(it, "send", &[v]).map(|o| o.into_ptr())
    };
    match r {
        Ok(p) if !p.is_null() => {
            *result = p;
            1 // PYGEN_NEXT
        }
        Ok(_) => {
            *result = crate::rt::objects::noneobject::new_none();
            0 // PYGEN_RETURN
        }
        Err(_) => {
            if err::exception_matches(exc::stop_iteration()) {
                let (mut t, mut val, mut tb) = err::fetch();
                let _ = crate::rt::objects::exceptions::normalize(&mut t, &mut val, &mut tb);
                let value = if val.is_null() { null_mut() } else { (*(val as *mut crate::rt::objects::exceptions::PyStopIterationObject)).value };
                let value = if value.is_null() { crate::rt::objects::noneobject::none() } else { value };
                incref(value);
                *result = value;
                xdecref(t);
                xdecref(val);
                xdecref(tb);
                return 0;
            }
            *result = null_mut();
            -1
        }
    }
}

// ---- sequences and mappings ----------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PySequence_SetItem(o: *mut PyObject, i: Py_ssize_t, v: *mut PyObject) -> c_int {
    catch_int(|| {
        let k = long::from_i64(i as i64);
        let sq = (*type_of(o)).tp_as_sequence;
        if sq.is_null() || (*sq).sq_ass_item.is_none() {
            return Err(err::raise(
                exc::type_error(),
                format!("'{}' object does not support item assignment", typeobject::full_name(type_of(o))),
            ));
        }
        seq::setitem(o, k.as_ptr(), v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_DelItem(o: *mut PyObject, i: Py_ssize_t) -> c_int {
    PySequence_SetItem(o, i, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Repeat(o: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        let sq = (*type_of(o)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_repeat {
                return Obj::from_owned(f(o, n));
            }
        }
        Err(err::raise(exc::type_error(), format!("'{}' object can't be repeated", typeobject::full_name(type_of(o)))))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceConcat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let sq = (*type_of(a)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_inplace_concat.or((*sq).sq_concat) {
                return Obj::from_owned(f(a, b));
            }
        }
        Err(err::raise(exc::type_error(), format!("'{}' object can't be concatenated", typeobject::full_name(type_of(a)))))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_InPlaceRepeat(o: *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        let sq = (*type_of(o)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_inplace_repeat.or((*sq).sq_repeat) {
                return Obj::from_owned(f(o, n));
            }
        }
        Err(err::raise(exc::type_error(), format!("'{}' object can't be repeated", typeobject::full_name(type_of(o)))))
    })
}
unsafe fn slice_obj(lo: Py_ssize_t, hi: Py_ssize_t) -> PyResult<Obj> {
    let t = crate::rt::lifecycle::builtin_types().into_iter().find(|(n, _)| *n == "slice").map(|(_, t)| t);
    let Some(t) = t else { return Err(err::raise(exc::not_implemented_error(), "Ferric: slices are not implemented yet")) };
    let (a, b) = (long::from_i64(lo as i64), long::from_i64(hi as i64));
    call::vectorcall(t as *mut PyObject, &[a.as_ptr(), b.as_ptr()], null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_GetSlice(o: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        let s = slice_obj(lo, hi)?;
        seq::getitem(o, s.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_SetSlice(o: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t, v: *mut PyObject) -> c_int {
    catch_int(|| {
        let s = slice_obj(lo, hi)?;
        seq::setitem(o, s.as_ptr(), v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_DelSlice(o: *mut PyObject, lo: Py_ssize_t, hi: Py_ssize_t) -> c_int {
    PySequence_SetSlice(o, lo, hi, null_mut())
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Count(o: *mut PyObject, v: *mut PyObject) -> Py_ssize_t {
    catch(-1, || {
        let r = (|| -> PyResult<Py_ssize_t> {
            let mut n = 0;
            for x in iter::collect(o)? {
                if proto::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
                    n += 1;
                }
            }
            Ok(n)
        })();
        r.unwrap_or(-1)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Index(o: *mut PyObject, v: *mut PyObject) -> Py_ssize_t {
    catch(-1, || {
        let r = (|| -> PyResult<Py_ssize_t> {
            for (i, x) in iter::collect(o)?.iter().enumerate() {
                if proto::rich_compare_bool(x.as_ptr(), v, Py_EQ)? {
                    return Ok(i as Py_ssize_t);
                }
            }
            Err(err::raise(exc::value_error(), "sequence.index(x): x not in sequence"))
        })();
        r.unwrap_or(-1)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_GetItemString(o: *mut PyObject, key: *const c_char) -> *mut PyObject {
    catch_obj(|| {
        let k = str_::from_cstr(key)?;
        seq::getitem(o, k.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_SetItemString(o: *mut PyObject, key: *const c_char, v: *mut PyObject) -> c_int {
    catch_int(|| {
        let k = str_::from_cstr(key)?;
        seq::setitem(o, k.as_ptr(), v)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKey(o: *mut PyObject, key: *mut PyObject) -> c_int {
    match seq::getitem(o, key) {
        Ok(_) => 1,
        Err(_) => {
            err::clear();
            0
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_HasKeyString(o: *mut PyObject, key: *const c_char) -> c_int {
    let v = PyMapping_GetItemString(o, key);
    if v.is_null() {
        err::clear();
        return 0;
    }
    decref(v);
    1
}
unsafe fn mapping_method_list(o: *mut PyObject, name: &str) -> PyResult<Obj> {
    if dict::check_exact(o) {
        let r = match name {
            "keys" => crate::dictobject::PyDict_Keys(o),
            "values" => crate::dictobject::PyDict_Values(o),
            _ => crate::dictobject::PyDict_Items(o),
        };
        return Obj::from_owned(r);
    }
    let r = call::call_method_obj(o, name, &[])?;
    let items = iter::collect(r.as_ptr())?;
    let ptrs: Vec<*mut PyObject> = items.iter().map(|x| x.as_ptr()).collect();
    list::from_slice(&ptrs)
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Keys(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| mapping_method_list(o, "keys"))
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Values(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| mapping_method_list(o, "values"))
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Items(o: *mut PyObject) -> *mut PyObject {
    catch_obj(|| mapping_method_list(o, "items"))
}

// ---- dict helpers used by CPython's own modules ----------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn _PyDict_NewPresized(_n: Py_ssize_t) -> *mut PyObject {
    crate::dictobject::PyDict_New()
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_GetItem_KnownHash(d: *mut PyObject, k: *mut PyObject, _h: Py_hash_t) -> *mut PyObject {
    crate::dictobject::PyDict_GetItemWithError(d, k)
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_SetItem_KnownHash(d: *mut PyObject, k: *mut PyObject, v: *mut PyObject, h: Py_hash_t) -> c_int {
    if d.is_null() || !dict::check(d) {
        crate::bad_internal_call();
        return -1;
    }
    catch_int(|| dict::set_item_known_hash(d, k, v, h))
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_DelItem_KnownHash(d: *mut PyObject, k: *mut PyObject, _h: Py_hash_t) -> c_int {
    crate::dictobject::PyDict_DelItem(d, k)
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_SizeOf(d: *mut PyObject) -> Py_ssize_t {
    std::mem::size_of::<PyDictObject>() as Py_ssize_t + dict::len(d) * 24
}

#[no_mangle]
pub unsafe extern "C" fn _PyModule_Add(m: *mut PyObject, name: *const c_char, v: *mut PyObject) -> c_int {
    let r = crate::moduleobject::PyModule_AddObjectRef(m, name, v);
    xdecref(v);
    r
}

#[no_mangle]
pub unsafe extern "C" fn _PyMem_Strdup(s: *const c_char) -> *mut c_char {
    let n = CStr::from_ptr(s).to_bytes_with_nul().len();
    let p = crate::memory::PyMem_Malloc(n) as *mut c_char;
    if !p.is_null() {
        std::ptr::copy_nonoverlapping(s, p, n);
    }
    p
}

// ---- PyNumber_ToBase ----------------------------------------------------------------------

/// bin()/oct()/hex() text of an int: `0b`/`0o`/`0x` prefix, sign first.
#[no_mangle]
pub unsafe extern "C" fn PyNumber_ToBase(n: *mut PyObject, base: c_int) -> *mut PyObject {
    catch_obj(|| {
        if !matches!(base, 2 | 8 | 10 | 16) {
            return Err(err::raise(exc::system_error(), "PyNumber_ToBase: base must be 2, 8, 10 or 16"));
        }
        let i = num::index(n)?;
        if base == 10 {
            return proto::str(i.as_ptr());
        }
        crate::rt::objects::long_format::to_base(i.as_ptr(), base as u32)
    })
}

// ---- float packing (PEP 3118 'e', 'f', 'd' and struct) ------------------------------------

unsafe fn store(bytes: &[u8], p: *mut u8, le: c_int) {
    for (i, &b) in bytes.iter().enumerate() {
        let j = if le != 0 { i } else { bytes.len() - 1 - i };
        *p.add(j) = b;
    }
}

unsafe fn load<const N: usize>(p: *const u8, le: c_int) -> [u8; N] {
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        let j = if le != 0 { i } else { N - 1 - i };
        *o = *p.add(j);
    }
    out
}

/// Round-half-even conversion to IEEE binary16; overflow raises as CPython.
fn to_half(x: f64) -> Result<u16, ()> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Ok(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Ok(sign | 0x7c00);
    }
    if a == 0.0 {
        return Ok(sign);
    }
    // Scale to an integer count of the smallest subnormal half (2^-24), rounding half even.
    let (m, e) = {
        let bits = a.to_bits();
        let be = ((bits >> 52) & 0x7ff) as i32;
        (a, be - 1023)
    };
    let _ = m;
    if e < -14 {
        let q = a / 2f64.powi(-24);
        let r = q.round_ties_even();
        let v = r as u32;
        if v >= 0x400 {
            return Ok(sign | 0x0400);
        }
        return Ok(sign | v as u16);
    }
    let frac = a / 2f64.powi(e) - 1.0; // in [0, 1)
    let mut mant = (frac * 1024.0).round_ties_even() as u32;
    let mut exp = e + 15;
    if mant == 1024 {
        mant = 0;
        exp += 1;
    }
    if exp >= 31 {
        return Err(());
    }
    Ok(sign | ((exp as u16) << 10) | mant as u16)
}

#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack2(x: f64, p: *mut c_char, le: c_int) -> c_int {
    match to_half(x) {
        Ok(h) => {
            store(&h.to_le_bytes(), p as *mut u8, le);
            0
        }
        Err(()) => {
            err::raise(exc::overflow_error(), "float too large to pack with e format");
            -1
        }
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack4(x: f64, p: *mut c_char, le: c_int) -> c_int {
    let f = x as f32;
    if f.is_infinite() && x.is_finite() {
        err::raise(exc::overflow_error(), "float too large to pack with f format");
        return -1;
    }
    store(&f.to_le_bytes(), p as *mut u8, le);
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Pack8(x: f64, p: *mut c_char, le: c_int) -> c_int {
    store(&x.to_le_bytes(), p as *mut u8, le);
    0
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack2(p: *const c_char, le: c_int) -> f64 {
    let h = u16::from_le_bytes(load::<2>(p as *const u8, le));
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    sign * match e {
        0 => m * 2f64.powi(-24),
        31 => if m == 0.0 { f64::INFINITY } else { f64::NAN },
        _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack4(p: *const c_char, le: c_int) -> f64 {
    f32::from_le_bytes(load::<4>(p as *const u8, le)) as f64
}
#[no_mangle]
pub unsafe extern "C" fn PyFloat_Unpack8(p: *const c_char, le: c_int) -> f64 {
    f64::from_le_bytes(load::<8>(p as *const u8, le))
}

