//! `context.h`: contextvars from C (`rt::objects::contextobject`).

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::objects::contextobject as cv;
use std::ffi::c_int;
use std::ptr::null_mut;

#[no_mangle]
pub unsafe extern "C" fn PyContext_New() -> *mut PyObject {
    catch_obj(|| cv::new_empty())
}

#[no_mangle]
pub unsafe extern "C" fn PyContext_Copy(ctx: *mut PyObject) -> *mut PyObject {
    catch_obj(|| cv::copy(ctx))
}

#[no_mangle]
pub unsafe extern "C" fn PyContext_CopyCurrent() -> *mut PyObject {
    catch_obj(|| cv::copy_current())
}

#[no_mangle]
pub unsafe extern "C" fn PyContext_Enter(ctx: *mut PyObject) -> c_int {
    catch_int(|| cv::enter(ctx))
}

#[no_mangle]
pub unsafe extern "C" fn PyContext_Exit(ctx: *mut PyObject) -> c_int {
    catch_int(|| cv::exit(ctx))
}

#[no_mangle]
pub unsafe extern "C" fn PyContextVar_New(name: *const std::ffi::c_char, def: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let n = crate::rt::objects::unicodeobject::from_cstr(name)?;
        cv::new_var(n.as_ptr(), def)
    })
}

/// 0 with `*value` a new reference or NULL (no value and no default); -1 on error.
#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Get(var: *mut PyObject, def: *mut PyObject, value: *mut *mut PyObject) -> c_int {
    catch(-1, || match cv::get(var, def) {
        Ok(v) => {
            *value = v.map_or(null_mut(), |o| o.into_ptr());
            0
        }
        Err(_) => {
            *value = null_mut();
            -1
        }
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Set(var: *mut PyObject, value: *mut PyObject) -> *mut PyObject {
    catch_obj(|| cv::set(var, value))
}

#[no_mangle]
pub unsafe extern "C" fn PyContextVar_Reset(var: *mut PyObject, token: *mut PyObject) -> c_int {
    catch_int(|| cv::reset(var, token))
}
