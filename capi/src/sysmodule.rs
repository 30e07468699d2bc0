//! sysmodule.h: `sys` attributes by name, audit hooks and events, `_PySys_GetSizeOf`.
//! `PySys_Audit` itself is variadic, so it is a C shim (`shims/sysmodule.c`) over
//! `_ferric_sys_audit`.

use crate::rt::err;
use crate::rt::ffi::*;
use crate::rt::guard::catch_int;
use crate::rt::modules::{sys, sys_hooks};
use crate::rt::objects::{dictobject as dict, unicodeobject as str_};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

/// `sys.<name>` (borrowed), NULL without an exception when missing; a pending exception
/// is kept, as in CPython.
#[no_mangle]
pub unsafe extern "C" fn PySys_GetObject(name: *const c_char) -> *mut PyObject {
    let d = crate::rt::interp::sysdict();
    if d.is_null() || name.is_null() {
        return null_mut();
    }
    let saved = err::fetch();
    let v = CStr::from_ptr(name).to_str().ok().and_then(|n| dict::get_item_str(d, n).ok()).unwrap_or(null_mut());
    err::restore(saved.0, saved.1, saved.2);
    v
}

/// `_PySys_GetAttr(tstate, name)`: `sys.<name>` (borrowed) for a str name, else NULL.
#[no_mangle]
pub unsafe extern "C" fn _PySys_GetAttr(_tstate: *mut PyThreadState, name: *mut PyObject) -> *mut PyObject {
    let d = crate::rt::interp::sysdict();
    if d.is_null() || name.is_null() {
        return null_mut();
    }
    match dict::get_item(d, name) {
        Ok(Some(v)) => v,
        _ => null_mut(),
    }
}

/// Sets `sys.<name>` to `v`, or removes it when `v` is NULL (absent is fine).
#[no_mangle]
pub unsafe extern "C" fn PySys_SetObject(name: *const c_char, v: *mut PyObject) -> c_int {
    catch_int(|| {
        let d = crate::rt::interp::sysdict();
        if d.is_null() {
            return Err(err::raise(crate::rt::exc::runtime_error(), "lost sys module"));
        }
        let key = str_::from_cstr(name)?;
        if v.is_null() {
            dict::del_item(d, key.as_ptr())?;
            Ok(())
        } else {
            dict::set_item(d, key.as_ptr(), v)
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn _PySys_GetSizeOf(o: *mut PyObject) -> usize {
    crate::rt::guard::catch(usize::MAX, || sys::getsizeof(o).map_or(usize::MAX, |n| n as usize))
}

#[no_mangle]
pub unsafe extern "C" fn PySys_AddAuditHook(hook: Option<sys_hooks::CAuditHook>, data: *mut c_void) -> c_int {
    let Some(hook) = hook else { return 0 };
    catch_int(|| sys_hooks::add_c_audit_hook(hook, data))
}

/// Does any audit hook listen? The shim skips building the arguments otherwise.
#[no_mangle]
pub extern "C" fn _ferric_audit_enabled() -> c_int {
    sys_hooks::audit_enabled() as c_int
}

/// The event with its arguments built by the shim (a tuple, another object that becomes a
/// 1-tuple, or NULL for none).
#[no_mangle]
pub unsafe extern "C" fn _ferric_sys_audit(event: *const c_char, args: *mut PyObject) -> c_int {
    catch_int(|| {
        use crate::rt::objects::tupleobject as tuple;
        let event = CStr::from_ptr(event).to_string_lossy();
        let t = if args.is_null() {
            tuple::from_slice(&[])?
        } else if tuple::check(args) {
            crate::rt::object::Obj::from_borrowed(args)
        } else {
            tuple::pack(&[args])?
        };
        sys_hooks::audit_tuple(&event, t.as_ptr())
    })
}
