//! `genericaliasobject.h`: `types.GenericAlias` from C.

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::objects::genericaliasobject as ga;

/// `origin[args]` as `types.GenericAlias` (`args` a tuple or a single argument).
#[no_mangle]
pub unsafe extern "C" fn Py_GenericAlias(origin: *mut PyObject, args: *mut PyObject) -> *mut PyObject {
    catch_obj(|| ga::new(origin, args))
}
