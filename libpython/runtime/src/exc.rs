//! Short accessors for the exception types Rust code raises: `exc::type_error()` is
//! `PyExc_TypeError`.
#![allow(clippy::missing_safety_doc)]

use crate::ffi::PyObject;
use crate::objects::exceptions as e;

macro_rules! accessors {
    ($($f:ident => $s:ident),* $(,)?) => {
        $(
            #[inline(always)]
            pub fn $f() -> *mut PyObject {
                (&raw mut e::$s) as *mut PyObject
            }
        )*
    };
}

accessors! {
    base_exception => _PyExc_BaseException,
    exception => _PyExc_Exception,
    type_error => _PyExc_TypeError,
    value_error => _PyExc_ValueError,
    index_error => _PyExc_IndexError,
    key_error => _PyExc_KeyError,
    attribute_error => _PyExc_AttributeError,
    overflow_error => _PyExc_OverflowError,
    zero_division_error => _PyExc_ZeroDivisionError,
    system_error => _PyExc_SystemError,
    memory_error => _PyExc_MemoryError,
    runtime_error => _PyExc_RuntimeError,
    recursion_error => _PyExc_RecursionError,
    not_implemented_error => _PyExc_NotImplementedError,
    stop_iteration => _PyExc_StopIteration,
    unicode_decode_error => _PyExc_UnicodeDecodeError,
    unicode_encode_error => _PyExc_UnicodeEncodeError,
    os_error => _PyExc_OSError,
    file_not_found_error => _PyExc_FileNotFoundError,
    name_error => _PyExc_NameError,
    import_error => _PyExc_ImportError,
    import_warning => _PyExc_ImportWarning,
    lookup_error => _PyExc_LookupError,
    buffer_error => _PyExc_BufferError,
    system_exit => _PyExc_SystemExit,
    syntax_error => _PyExc_SyntaxError,
    deprecation_warning => _PyExc_DeprecationWarning,
    runtime_warning => _PyExc_RuntimeWarning,
    resource_warning => _PyExc_ResourceWarning,
    reference_error => _PyExc_ReferenceError,
    stop_async_iteration => _PyExc_StopAsyncIteration,
    generator_exit => _PyExc_GeneratorExit,
    assertion_error => _PyExc_AssertionError,
    unbound_local_error => _PyExc_UnboundLocalError,
    base_exception_group => _PyExc_BaseExceptionGroup,
    exception_group => _PyExc_ExceptionGroup,
    keyboard_interrupt => _PyExc_KeyboardInterrupt,
    module_not_found_error => _PyExc_ModuleNotFoundError,
    eof_error => _PyExc_EOFError,
}
