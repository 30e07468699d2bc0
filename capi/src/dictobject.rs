//! dictobject.h.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{dictobject as dict, listobject as list, tupleobject as tuple, unicodeobject as str_};
use crate::rt::err;
use std::ffi::{c_char, c_int};
use std::ptr::null_mut;

unsafe fn checked(op: *mut PyObject) -> bool {
    if op.is_null() || !dict::check(op) {
        crate::bad_internal_call();
        return false;
    }
    true
}

#[no_mangle]
pub unsafe extern "C" fn PyDict_New() -> *mut PyObject {
    catch_obj(dict::new)
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItem(d: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> c_int {
    if !checked(d) || k.is_null() || v.is_null() {
        return -1;
    }
    catch_int(|| dict::set_item(d, k, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetItemString(d: *mut PyObject, k: *const c_char, v: *mut PyObject) -> c_int {
    if !checked(d) {
        return -1;
    }
    catch_int(|| {
        let key = str_::from_cstr(k)?;
        let mut kp = key.into_ptr();
        str_::intern_in_place(&mut kp);
        let key = Obj::from_owned_nonnull(kp);
        dict::set_item(d, key.as_ptr(), v)
    })
}
/// Borrowed value or NULL; errors are swallowed, as CPython's PyDict_GetItem does.
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItem(d: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    if d.is_null() || !dict::check(d) {
        return null_mut();
    }
    let saved = err::fetch();
    let r = catch(null_mut(), || match dict::get_item(d, k) {
        Ok(Some(v)) => v,
        _ => null_mut(),
    });
    err::restore(saved.0, saved.1, saved.2);
    r
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemWithError(d: *mut PyObject, k: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch(null_mut(), || match dict::get_item(d, k) {
        Ok(Some(v)) => v,
        _ => null_mut(),
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyDict_GetItemStringWithError(d: *mut PyObject, k: *const c_char) -> *mut PyObject {
    let key = match str_::from_cstr(k) {
        Ok(k) => k,
        Err(_) => return null_mut(),
    };
    PyDict_GetItemWithError(d, key.as_ptr())
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_GetItemString(d: *mut PyObject, k: *const c_char) -> *mut PyObject {
    let key = match str_::from_cstr(k) {
        Ok(k) => k,
        Err(_) => {
            err::clear();
            return null_mut();
        }
    };
    PyDict_GetItem(d, key.as_ptr())
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItem(d: *mut PyObject, k: *mut PyObject) -> c_int {
    if !checked(d) {
        return -1;
    }
    catch_int(|| {
        if !dict::del_item(d, k)? {
            return Err(crate::rt::objects::exceptions::set_key_error(k));
        }
        Ok(())
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_DelItemString(d: *mut PyObject, k: *const c_char) -> c_int {
    let key = match str_::from_cstr(k) {
        Ok(k) => k,
        Err(_) => return -1,
    };
    PyDict_DelItem(d, key.as_ptr())
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Contains(d: *mut PyObject, k: *mut PyObject) -> c_int {
    if !checked(d) {
        return -1;
    }
    catch(-1, || match dict::get_item(d, k) {
        Ok(v) => v.is_some() as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Size(d: *mut PyObject) -> Py_ssize_t {
    if !checked(d) {
        return -1;
    }
    dict::len(d)
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Next(d: *mut PyObject, pos: *mut Py_ssize_t, k: *mut *mut PyObject, v: *mut *mut PyObject) -> c_int {
    if d.is_null() || !dict::check(d) {
        return 0;
    }
    match dict::next(d, &mut *pos) {
        Some((key, val)) => {
            if !k.is_null() {
                *k = key;
            }
            if !v.is_null() {
                *v = val;
            }
            1
        }
        None => 0,
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Clear(d: *mut PyObject) {
    if !d.is_null() && dict::check(d) {
        dict::clear(d)
    }
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Copy(d: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch_obj(|| dict::copy(d))
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Keys(d: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch_obj(|| list::from_slice(&dict::entries(d).iter().map(|e| e.0).collect::<Vec<_>>()))
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Values(d: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch_obj(|| list::from_slice(&dict::entries(d).iter().map(|e| e.1).collect::<Vec<_>>()))
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Items(d: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch_obj(|| {
        let mut pairs = Vec::new();
        for (k, v) in dict::entries(d) {
            pairs.push(tuple::pack(&[k, v])?);
        }
        let ptrs: Vec<*mut PyObject> = pairs.iter().map(|o| o.as_ptr()).collect();
        list::from_slice(&ptrs)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Merge(a: *mut PyObject, b: *mut PyObject, overwrite: c_int) -> c_int {
    if !checked(a) || b.is_null() {
        return -1;
    }
    // Dicts directly, other mappings through keys() and __getitem__ (CPython's dict_merge).
    catch_int(|| dict::merge_any(a, b, overwrite.clamp(0, 2) as u8))
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_Update(a: *mut PyObject, b: *mut PyObject) -> c_int {
    PyDict_Merge(a, b, 1)
}
#[no_mangle]
pub unsafe extern "C" fn PyDict_SetDefault(d: *mut PyObject, k: *mut PyObject, v: *mut PyObject) -> *mut PyObject {
    if !checked(d) {
        return null_mut();
    }
    catch(null_mut(), || match dict::get_item(d, k) {
        Ok(Some(x)) => x,
        Ok(None) => match dict::set_item(d, k, v) {
            Ok(()) => v,
            Err(_) => null_mut(),
        },
        Err(_) => null_mut(),
    })
}
