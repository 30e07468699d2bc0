//! objimpl.h (GC part): running and switching the cycle collector from C.

use crate::rt::gc;
use std::ffi::c_int;

#[no_mangle]
pub unsafe extern "C" fn PyGC_Collect() -> isize {
    if !gc::enabled() {
        return 0;
    }
    gc::collect() as isize
}
#[no_mangle]
pub unsafe extern "C" fn PyGC_Enable() -> c_int {
    let was = gc::enabled();
    gc::set_enabled(true);
    was as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyGC_Disable() -> c_int {
    let was = gc::enabled();
    gc::set_enabled(false);
    was as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyGC_IsEnabled() -> c_int {
    gc::enabled() as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GC_IsFinalized(op: *mut crate::rt::ffi::PyObject) -> c_int {
    gc::is_finalized(op) as c_int
}
