//! `picklebufobject.h`: `pickle.PickleBuffer` from C.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::objects::picklebufobject as pb;
use std::ffi::c_int;

#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_FromObject(base: *mut PyObject) -> *mut PyObject {
    catch_obj(|| pb::from_object(base))
}

/// The buffer a PickleBuffer holds (borrowed; valid until it is released).
#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_GetBuffer(op: *mut PyObject) -> *const Py_buffer {
    catch(std::ptr::null(), || pb::get_buffer(op).unwrap_or(std::ptr::null()))
}

#[no_mangle]
pub unsafe extern "C" fn PyPickleBuffer_Release(op: *mut PyObject) -> c_int {
    catch_int(|| pb::release(op))
}
