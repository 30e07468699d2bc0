//! The 3.11 exception hierarchy: static types `_PyExc_*` with the exported `PyExc_*`
//! pointers to them, `BaseException`'s behaviour, and helpers that raise specific errors.
//!
//! Exceptions with extra fields use CPython's structs (`PySyntaxErrorObject`, ...), so
//! extensions reading them through the headers see the same layout.

use crate::err::{self, raise, ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::descrobject::{READONLY, T_BOOL, T_OBJECT, T_PYSSIZET};
use crate::objects::typeobject::{self, getset, has_feature, full_name, GETSET_END, METHOD_END};
use crate::objects::{dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use std::ffi::{c_int, c_void};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

#[repr(C)]
pub struct PySystemExitObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub code: *mut PyObject,
}
#[repr(C)]
pub struct PyStopIterationObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub value: *mut PyObject,
}
#[repr(C)]
pub struct PyNameErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub name: *mut PyObject,
}
#[repr(C)]
pub struct PyAttributeErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub obj: *mut PyObject,
    pub name: *mut PyObject,
}
#[repr(C)]
pub struct PyImportErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub msg: *mut PyObject,
    pub name: *mut PyObject,
    pub path: *mut PyObject,
}
#[repr(C)]
pub struct PyOSErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub myerrno: *mut PyObject,
    pub strerror: *mut PyObject,
    pub filename: *mut PyObject,
    pub filename2: *mut PyObject,
    pub written: Py_ssize_t,
}
#[repr(C)]
pub struct PySyntaxErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub msg: *mut PyObject,
    pub filename: *mut PyObject,
    pub lineno: *mut PyObject,
    pub offset: *mut PyObject,
    pub end_lineno: *mut PyObject,
    pub end_offset: *mut PyObject,
    pub text: *mut PyObject,
    pub print_file_and_line: *mut PyObject,
}
#[repr(C)]
pub struct PyUnicodeErrorObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub encoding: *mut PyObject,
    pub object: *mut PyObject,
    pub start: Py_ssize_t,
    pub end: Py_ssize_t,
    pub reason: *mut PyObject,
}
#[repr(C)]
pub struct PyBaseExceptionGroupObject {
    pub ob_base: PyObject,
    pub dict: *mut PyObject,
    pub args: *mut PyObject,
    pub notes: *mut PyObject,
    pub traceback: *mut PyObject,
    pub context: *mut PyObject,
    pub cause: *mut PyObject,
    pub suppress_context: std::ffi::c_char,
    pub msg: *mut PyObject,
    pub excs: *mut PyObject,
}

use crate::objects::descrobject::{member, MEMBER_END};

static mut BASE_MEMBERS: [PyMemberDef; 2] = [
    member(c"__suppress_context__", T_BOOL, offset_of!(PyBaseExceptionObject, suppress_context), 0),
    MEMBER_END,
];
static mut SYSTEMEXIT_MEMBERS: [PyMemberDef; 2] = [member(c"code", T_OBJECT, offset_of!(PySystemExitObject, code), 0), MEMBER_END];
static mut STOPITER_MEMBERS: [PyMemberDef; 2] = [member(c"value", T_OBJECT, offset_of!(PyStopIterationObject, value), 0), MEMBER_END];
static mut NAMEERROR_MEMBERS: [PyMemberDef; 2] = [member(c"name", T_OBJECT, offset_of!(PyNameErrorObject, name), 0), MEMBER_END];
static mut ATTRERROR_MEMBERS: [PyMemberDef; 3] = [
    member(c"name", T_OBJECT, offset_of!(PyAttributeErrorObject, name), 0),
    member(c"obj", T_OBJECT, offset_of!(PyAttributeErrorObject, obj), 0),
    MEMBER_END,
];
static mut IMPORTERROR_MEMBERS: [PyMemberDef; 4] = [
    member(c"msg", T_OBJECT, offset_of!(PyImportErrorObject, msg), 0),
    member(c"name", T_OBJECT, offset_of!(PyImportErrorObject, name), 0),
    member(c"path", T_OBJECT, offset_of!(PyImportErrorObject, path), 0),
    MEMBER_END,
];
static mut OSERROR_MEMBERS: [PyMemberDef; 5] = [
    member(c"errno", T_OBJECT, offset_of!(PyOSErrorObject, myerrno), 0),
    member(c"strerror", T_OBJECT, offset_of!(PyOSErrorObject, strerror), 0),
    member(c"filename", T_OBJECT, offset_of!(PyOSErrorObject, filename), 0),
    member(c"filename2", T_OBJECT, offset_of!(PyOSErrorObject, filename2), 0),
    MEMBER_END,
];
static mut SYNTAXERROR_MEMBERS: [PyMemberDef; 9] = [
    member(c"msg", T_OBJECT, offset_of!(PySyntaxErrorObject, msg), 0),
    member(c"filename", T_OBJECT, offset_of!(PySyntaxErrorObject, filename), 0),
    member(c"lineno", T_OBJECT, offset_of!(PySyntaxErrorObject, lineno), 0),
    member(c"offset", T_OBJECT, offset_of!(PySyntaxErrorObject, offset), 0),
    member(c"text", T_OBJECT, offset_of!(PySyntaxErrorObject, text), 0),
    member(c"end_lineno", T_OBJECT, offset_of!(PySyntaxErrorObject, end_lineno), 0),
    member(c"end_offset", T_OBJECT, offset_of!(PySyntaxErrorObject, end_offset), 0),
    member(c"print_file_and_line", T_OBJECT, offset_of!(PySyntaxErrorObject, print_file_and_line), 0),
    MEMBER_END,
];
static mut UNICODEERROR_MEMBERS: [PyMemberDef; 6] = [
    member(c"encoding", T_OBJECT, offset_of!(PyUnicodeErrorObject, encoding), 0),
    member(c"object", T_OBJECT, offset_of!(PyUnicodeErrorObject, object), 0),
    member(c"start", T_PYSSIZET, offset_of!(PyUnicodeErrorObject, start), 0),
    member(c"end", T_PYSSIZET, offset_of!(PyUnicodeErrorObject, end), 0),
    member(c"reason", T_OBJECT, offset_of!(PyUnicodeErrorObject, reason), 0),
    MEMBER_END,
];
static mut GROUP_MEMBERS: [PyMemberDef; 3] = [
    member(c"message", T_OBJECT, offset_of!(PyBaseExceptionGroupObject, msg), READONLY),
    member(c"exceptions", T_OBJECT, offset_of!(PyBaseExceptionGroupObject, excs), READONLY),
    MEMBER_END,
];

static mut BASE_GETSET: [PyGetSetDef; 6] = [
    getset(c"__dict__", Some(crate::objects::typenew::subtype_get_dict), Some(crate::objects::typenew::generic_set_dict)),
    getset(c"args", Some(exc_get_args), Some(exc_set_args)),
    getset(c"__traceback__", Some(exc_get_traceback), Some(exc_set_traceback)),
    getset(c"__context__", Some(exc_get_context), Some(exc_set_context)),
    getset(c"__cause__", Some(exc_get_cause), Some(exc_set_cause)),
    GETSET_END,
];

static mut BASE_METHODS: [PyMethodDef; 5] = [
    PyMethodDef { ml_name: c"__reduce__".as_ptr(), ml_meth: Some(exc_reduce), ml_flags: METH_NOARGS, ml_doc: std::ptr::null() },
    PyMethodDef { ml_name: c"__setstate__".as_ptr(), ml_meth: Some(exc_setstate), ml_flags: METH_O, ml_doc: std::ptr::null() },
    PyMethodDef {
        ml_name: c"with_traceback".as_ptr(),
        ml_meth: Some(exc_with_traceback),
        ml_flags: METH_O,
        ml_doc: c"Exception.with_traceback(tb) --\n    set self.__traceback__ to tb and return self.".as_ptr(),
    },
    PyMethodDef {
        ml_name: c"add_note".as_ptr(),
        ml_meth: Some(exc_add_note),
        ml_flags: METH_O,
        ml_doc: c"Exception.add_note(note) --\n    add a note to the exception".as_ptr(),
    },
    METHOD_END,
];

/// Declares one static exception type and its exported `PyExc_*` pointer.
macro_rules! exception {
    ($ty:ident, $ptr:ident, $name:expr, $base:expr, $size:ty, $members:expr, $doc:expr) => {
        exception!($ty, $ptr, $name, $base, $size, $members, $doc, BaseException_str);
    };
    ($ty:ident, $ptr:ident, $name:expr, $base:expr, $size:ty, $members:expr, $doc:expr, $str:ident) => {
        #[no_mangle]
        pub static mut $ty: PyTypeObject = PyTypeObject {
            ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
            tp_name: $name.as_ptr(),
            tp_basicsize: size_of::<$size>() as _,
            tp_dealloc: Some(BaseException_dealloc),
            tp_repr: Some(BaseException_repr),
            tp_str: Some($str),
            tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
            tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
            tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS,
            tp_doc: $doc.as_ptr(),
            tp_traverse: Some(BaseException_traverse),
            tp_clear: Some(BaseException_clear),
            tp_members: $members,
            tp_base: $base,
            tp_dictoffset: offset_of!(PyBaseExceptionObject, dict) as _,
            tp_init: Some(BaseException_init),
            tp_alloc: Some(typeobject::PyType_GenericAlloc),
            tp_new: Some(BaseException_new),
            tp_free: Some(crate::objects::baseobject::object_gc_free),
            ..PyTypeObject::EMPTY
        };
        #[no_mangle]
        pub static mut $ptr: *mut PyObject = (&raw mut $ty) as *mut PyObject;
    };
}

type B = PyBaseExceptionObject;
const NO_MEMBERS: *mut PyMemberDef = null_mut();

#[no_mangle]
pub static mut _PyExc_BaseException: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"BaseException".as_ptr(),
    tp_basicsize: size_of::<PyBaseExceptionObject>() as _,
    tp_dealloc: Some(BaseException_dealloc),
    tp_repr: Some(BaseException_repr),
    tp_str: Some(BaseException_str),
    tp_getattro: Some(crate::protocol::object::PyObject_GenericGetAttr),
    tp_setattro: Some(crate::protocol::object::PyObject_GenericSetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASE_EXC_SUBCLASS,
    tp_doc: c"Common base class for all exceptions".as_ptr(),
    tp_traverse: Some(BaseException_traverse),
    tp_clear: Some(BaseException_clear),
    tp_methods: (&raw mut BASE_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut BASE_MEMBERS) as *mut PyMemberDef,
    tp_getset: (&raw mut BASE_GETSET) as *mut PyGetSetDef,
    tp_dictoffset: offset_of!(PyBaseExceptionObject, dict) as _,
    tp_init: Some(BaseException_init),
    tp_alloc: Some(typeobject::PyType_GenericAlloc),
    tp_new: Some(BaseException_new),
    tp_free: Some(crate::objects::baseobject::object_gc_free),
    ..PyTypeObject::EMPTY
};
#[no_mangle]
pub static mut PyExc_BaseException: *mut PyObject = (&raw mut _PyExc_BaseException) as *mut PyObject;

macro_rules! m {
    ($x:ident) => {
        (&raw mut $x) as *mut PyMemberDef
    };
}

exception!(_PyExc_Exception, PyExc_Exception, c"Exception", &raw mut _PyExc_BaseException, B, NO_MEMBERS, c"Common base class for all non-exit exceptions.");
exception!(_PyExc_BaseExceptionGroup, PyExc_BaseExceptionGroup, c"BaseExceptionGroup", &raw mut _PyExc_BaseException, PyBaseExceptionGroupObject, m!(GROUP_MEMBERS), c"A combination of multiple unrelated exceptions.");
exception!(_PyExc_ExceptionGroup, PyExc_ExceptionGroup, c"ExceptionGroup", &raw mut _PyExc_BaseExceptionGroup, PyBaseExceptionGroupObject, NO_MEMBERS, c"");
exception!(_PyExc_GeneratorExit, PyExc_GeneratorExit, c"GeneratorExit", &raw mut _PyExc_BaseException, B, NO_MEMBERS, c"Request that a generator exit.");
exception!(_PyExc_KeyboardInterrupt, PyExc_KeyboardInterrupt, c"KeyboardInterrupt", &raw mut _PyExc_BaseException, B, NO_MEMBERS, c"Program interrupted by user.");
exception!(_PyExc_SystemExit, PyExc_SystemExit, c"SystemExit", &raw mut _PyExc_BaseException, PySystemExitObject, m!(SYSTEMEXIT_MEMBERS), c"Request to exit from the interpreter.");
exception!(_PyExc_ArithmeticError, PyExc_ArithmeticError, c"ArithmeticError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Base class for arithmetic errors.");
exception!(_PyExc_FloatingPointError, PyExc_FloatingPointError, c"FloatingPointError", &raw mut _PyExc_ArithmeticError, B, NO_MEMBERS, c"Floating point operation failed.");
exception!(_PyExc_OverflowError, PyExc_OverflowError, c"OverflowError", &raw mut _PyExc_ArithmeticError, B, NO_MEMBERS, c"Result too large to be represented.");
exception!(_PyExc_ZeroDivisionError, PyExc_ZeroDivisionError, c"ZeroDivisionError", &raw mut _PyExc_ArithmeticError, B, NO_MEMBERS, c"Second argument to a division or modulo operation was zero.");
exception!(_PyExc_AssertionError, PyExc_AssertionError, c"AssertionError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Assertion failed.");
exception!(_PyExc_AttributeError, PyExc_AttributeError, c"AttributeError", &raw mut _PyExc_Exception, PyAttributeErrorObject, m!(ATTRERROR_MEMBERS), c"Attribute not found.");
exception!(_PyExc_BufferError, PyExc_BufferError, c"BufferError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Buffer error.");
exception!(_PyExc_EOFError, PyExc_EOFError, c"EOFError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Read beyond end of file.");
exception!(_PyExc_ImportError, PyExc_ImportError, c"ImportError", &raw mut _PyExc_Exception, PyImportErrorObject, m!(IMPORTERROR_MEMBERS), c"Import can't find module, or can't find name in module.", ImportError_str);
exception!(_PyExc_ModuleNotFoundError, PyExc_ModuleNotFoundError, c"ModuleNotFoundError", &raw mut _PyExc_ImportError, PyImportErrorObject, NO_MEMBERS, c"Module not found.", ImportError_str);
exception!(_PyExc_LookupError, PyExc_LookupError, c"LookupError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Base class for lookup errors.");
exception!(_PyExc_IndexError, PyExc_IndexError, c"IndexError", &raw mut _PyExc_LookupError, B, NO_MEMBERS, c"Sequence index out of range.");
exception!(_PyExc_KeyError, PyExc_KeyError, c"KeyError", &raw mut _PyExc_LookupError, B, NO_MEMBERS, c"Mapping key not found.", KeyError_str);
exception!(_PyExc_MemoryError, PyExc_MemoryError, c"MemoryError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Out of memory.");
exception!(_PyExc_NameError, PyExc_NameError, c"NameError", &raw mut _PyExc_Exception, PyNameErrorObject, m!(NAMEERROR_MEMBERS), c"Name not found globally.");
exception!(_PyExc_UnboundLocalError, PyExc_UnboundLocalError, c"UnboundLocalError", &raw mut _PyExc_NameError, PyNameErrorObject, NO_MEMBERS, c"Local name referenced but not bound to a value.");
exception!(_PyExc_OSError, PyExc_OSError, c"OSError", &raw mut _PyExc_Exception, PyOSErrorObject, m!(OSERROR_MEMBERS), c"Base class for I/O related errors.", OSError_str);
exception!(_PyExc_BlockingIOError, PyExc_BlockingIOError, c"BlockingIOError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"I/O operation would block.", OSError_str);
exception!(_PyExc_ChildProcessError, PyExc_ChildProcessError, c"ChildProcessError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Child process error.", OSError_str);
exception!(_PyExc_ConnectionError, PyExc_ConnectionError, c"ConnectionError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Connection error.", OSError_str);
exception!(_PyExc_BrokenPipeError, PyExc_BrokenPipeError, c"BrokenPipeError", &raw mut _PyExc_ConnectionError, PyOSErrorObject, NO_MEMBERS, c"Broken pipe.", OSError_str);
exception!(_PyExc_ConnectionAbortedError, PyExc_ConnectionAbortedError, c"ConnectionAbortedError", &raw mut _PyExc_ConnectionError, PyOSErrorObject, NO_MEMBERS, c"Connection aborted.", OSError_str);
exception!(_PyExc_ConnectionRefusedError, PyExc_ConnectionRefusedError, c"ConnectionRefusedError", &raw mut _PyExc_ConnectionError, PyOSErrorObject, NO_MEMBERS, c"Connection refused.", OSError_str);
exception!(_PyExc_ConnectionResetError, PyExc_ConnectionResetError, c"ConnectionResetError", &raw mut _PyExc_ConnectionError, PyOSErrorObject, NO_MEMBERS, c"Connection reset.", OSError_str);
exception!(_PyExc_FileExistsError, PyExc_FileExistsError, c"FileExistsError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"File already exists.", OSError_str);
exception!(_PyExc_FileNotFoundError, PyExc_FileNotFoundError, c"FileNotFoundError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"File not found.", OSError_str);
exception!(_PyExc_InterruptedError, PyExc_InterruptedError, c"InterruptedError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Interrupted by signal.", OSError_str);
exception!(_PyExc_IsADirectoryError, PyExc_IsADirectoryError, c"IsADirectoryError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Operation doesn't work on directories.", OSError_str);
exception!(_PyExc_NotADirectoryError, PyExc_NotADirectoryError, c"NotADirectoryError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Operation only works on directories.", OSError_str);
exception!(_PyExc_PermissionError, PyExc_PermissionError, c"PermissionError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Not enough permissions.", OSError_str);
exception!(_PyExc_ProcessLookupError, PyExc_ProcessLookupError, c"ProcessLookupError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Process not found.", OSError_str);
exception!(_PyExc_TimeoutError, PyExc_TimeoutError, c"TimeoutError", &raw mut _PyExc_OSError, PyOSErrorObject, NO_MEMBERS, c"Timeout expired.", OSError_str);
exception!(_PyExc_ReferenceError, PyExc_ReferenceError, c"ReferenceError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Weak ref proxy used after referent went away.");
exception!(_PyExc_RuntimeError, PyExc_RuntimeError, c"RuntimeError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Unspecified run-time error.");
exception!(_PyExc_NotImplementedError, PyExc_NotImplementedError, c"NotImplementedError", &raw mut _PyExc_RuntimeError, B, NO_MEMBERS, c"Method or function hasn't been implemented yet.");
exception!(_PyExc_RecursionError, PyExc_RecursionError, c"RecursionError", &raw mut _PyExc_RuntimeError, B, NO_MEMBERS, c"Recursion limit exceeded.");
exception!(_PyExc_StopAsyncIteration, PyExc_StopAsyncIteration, c"StopAsyncIteration", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Signal the end from iterator.__anext__().");
exception!(_PyExc_StopIteration, PyExc_StopIteration, c"StopIteration", &raw mut _PyExc_Exception, PyStopIterationObject, m!(STOPITER_MEMBERS), c"Signal the end from iterator.__next__().");
exception!(_PyExc_SyntaxError, PyExc_SyntaxError, c"SyntaxError", &raw mut _PyExc_Exception, PySyntaxErrorObject, m!(SYNTAXERROR_MEMBERS), c"Invalid syntax.", SyntaxError_str);
exception!(_PyExc_IndentationError, PyExc_IndentationError, c"IndentationError", &raw mut _PyExc_SyntaxError, PySyntaxErrorObject, NO_MEMBERS, c"Improper indentation.", SyntaxError_str);
exception!(_PyExc_TabError, PyExc_TabError, c"TabError", &raw mut _PyExc_IndentationError, PySyntaxErrorObject, NO_MEMBERS, c"Improper mixture of spaces and tabs.", SyntaxError_str);
exception!(_PyExc_SystemError, PyExc_SystemError, c"SystemError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.");
exception!(_PyExc_TypeError, PyExc_TypeError, c"TypeError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Inappropriate argument type.");
exception!(_PyExc_ValueError, PyExc_ValueError, c"ValueError", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Inappropriate argument value (of correct type).");
exception!(_PyExc_UnicodeError, PyExc_UnicodeError, c"UnicodeError", &raw mut _PyExc_ValueError, PyUnicodeErrorObject, m!(UNICODEERROR_MEMBERS), c"Unicode related error.");
exception!(_PyExc_UnicodeDecodeError, PyExc_UnicodeDecodeError, c"UnicodeDecodeError", &raw mut _PyExc_UnicodeError, PyUnicodeErrorObject, NO_MEMBERS, c"Unicode decoding error.", UnicodeError_str);
exception!(_PyExc_UnicodeEncodeError, PyExc_UnicodeEncodeError, c"UnicodeEncodeError", &raw mut _PyExc_UnicodeError, PyUnicodeErrorObject, NO_MEMBERS, c"Unicode encoding error.", UnicodeError_str);
exception!(_PyExc_UnicodeTranslateError, PyExc_UnicodeTranslateError, c"UnicodeTranslateError", &raw mut _PyExc_UnicodeError, PyUnicodeErrorObject, NO_MEMBERS, c"Unicode translation error.", UnicodeError_str);
exception!(_PyExc_Warning, PyExc_Warning, c"Warning", &raw mut _PyExc_Exception, B, NO_MEMBERS, c"Base class for warning categories.");
exception!(_PyExc_BytesWarning, PyExc_BytesWarning, c"BytesWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.");
exception!(_PyExc_DeprecationWarning, PyExc_DeprecationWarning, c"DeprecationWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about deprecated features.");
exception!(_PyExc_EncodingWarning, PyExc_EncodingWarning, c"EncodingWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about encodings.");
exception!(_PyExc_FutureWarning, PyExc_FutureWarning, c"FutureWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about constructs that will change semantically\nin the future.");
exception!(_PyExc_ImportWarning, PyExc_ImportWarning, c"ImportWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about probable mistakes in module imports");
exception!(_PyExc_PendingDeprecationWarning, PyExc_PendingDeprecationWarning, c"PendingDeprecationWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about features which will be deprecated\nin the future.");
exception!(_PyExc_ResourceWarning, PyExc_ResourceWarning, c"ResourceWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about resource usage.");
exception!(_PyExc_RuntimeWarning, PyExc_RuntimeWarning, c"RuntimeWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about dubious runtime behavior.");
exception!(_PyExc_SyntaxWarning, PyExc_SyntaxWarning, c"SyntaxWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about dubious syntax.");
exception!(_PyExc_UnicodeWarning, PyExc_UnicodeWarning, c"UnicodeWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.");
exception!(_PyExc_UserWarning, PyExc_UserWarning, c"UserWarning", &raw mut _PyExc_Warning, B, NO_MEMBERS, c"Base class for warnings generated by user code.");

/// `EnvironmentError` and `IOError` are OSError (exported names kept for old extensions).
#[no_mangle]
pub static mut PyExc_EnvironmentError: *mut PyObject = (&raw mut _PyExc_OSError) as *mut PyObject;
#[no_mangle]
pub static mut PyExc_IOError: *mut PyObject = (&raw mut _PyExc_OSError) as *mut PyObject;

/// Every exception type in readying order, with its builtins name.
pub fn all_types() -> Vec<(&'static str, *mut PyTypeObject)> {
    macro_rules! list { ($($n:expr => $t:ident),* $(,)?) => { vec![$(($n, &raw mut $t)),*] }; }
    list![
        "BaseException" => _PyExc_BaseException, "Exception" => _PyExc_Exception,
        "BaseExceptionGroup" => _PyExc_BaseExceptionGroup, "ExceptionGroup" => _PyExc_ExceptionGroup,
        "GeneratorExit" => _PyExc_GeneratorExit, "KeyboardInterrupt" => _PyExc_KeyboardInterrupt,
        "SystemExit" => _PyExc_SystemExit, "ArithmeticError" => _PyExc_ArithmeticError,
        "FloatingPointError" => _PyExc_FloatingPointError, "OverflowError" => _PyExc_OverflowError,
        "ZeroDivisionError" => _PyExc_ZeroDivisionError, "AssertionError" => _PyExc_AssertionError,
        "AttributeError" => _PyExc_AttributeError, "BufferError" => _PyExc_BufferError,
        "EOFError" => _PyExc_EOFError, "ImportError" => _PyExc_ImportError,
        "ModuleNotFoundError" => _PyExc_ModuleNotFoundError, "LookupError" => _PyExc_LookupError,
        "IndexError" => _PyExc_IndexError, "KeyError" => _PyExc_KeyError,
        "MemoryError" => _PyExc_MemoryError, "NameError" => _PyExc_NameError,
        "UnboundLocalError" => _PyExc_UnboundLocalError, "OSError" => _PyExc_OSError,
        "BlockingIOError" => _PyExc_BlockingIOError, "ChildProcessError" => _PyExc_ChildProcessError,
        "ConnectionError" => _PyExc_ConnectionError, "BrokenPipeError" => _PyExc_BrokenPipeError,
        "ConnectionAbortedError" => _PyExc_ConnectionAbortedError,
        "ConnectionRefusedError" => _PyExc_ConnectionRefusedError,
        "ConnectionResetError" => _PyExc_ConnectionResetError, "FileExistsError" => _PyExc_FileExistsError,
        "FileNotFoundError" => _PyExc_FileNotFoundError, "InterruptedError" => _PyExc_InterruptedError,
        "IsADirectoryError" => _PyExc_IsADirectoryError, "NotADirectoryError" => _PyExc_NotADirectoryError,
        "PermissionError" => _PyExc_PermissionError, "ProcessLookupError" => _PyExc_ProcessLookupError,
        "TimeoutError" => _PyExc_TimeoutError, "ReferenceError" => _PyExc_ReferenceError,
        "RuntimeError" => _PyExc_RuntimeError, "NotImplementedError" => _PyExc_NotImplementedError,
        "RecursionError" => _PyExc_RecursionError, "StopAsyncIteration" => _PyExc_StopAsyncIteration,
        "StopIteration" => _PyExc_StopIteration, "SyntaxError" => _PyExc_SyntaxError,
        "IndentationError" => _PyExc_IndentationError, "TabError" => _PyExc_TabError,
        "SystemError" => _PyExc_SystemError, "TypeError" => _PyExc_TypeError,
        "ValueError" => _PyExc_ValueError, "UnicodeError" => _PyExc_UnicodeError,
        "UnicodeDecodeError" => _PyExc_UnicodeDecodeError, "UnicodeEncodeError" => _PyExc_UnicodeEncodeError,
        "UnicodeTranslateError" => _PyExc_UnicodeTranslateError, "Warning" => _PyExc_Warning,
        "BytesWarning" => _PyExc_BytesWarning, "DeprecationWarning" => _PyExc_DeprecationWarning,
        "EncodingWarning" => _PyExc_EncodingWarning, "FutureWarning" => _PyExc_FutureWarning,
        "ImportWarning" => _PyExc_ImportWarning,
        "PendingDeprecationWarning" => _PyExc_PendingDeprecationWarning,
        "ResourceWarning" => _PyExc_ResourceWarning, "RuntimeWarning" => _PyExc_RuntimeWarning,
        "SyntaxWarning" => _PyExc_SyntaxWarning, "UnicodeWarning" => _PyExc_UnicodeWarning,
        "UserWarning" => _PyExc_UserWarning,
    ]
}

pub unsafe fn ready_types() -> PyResult<()> {
    use crate::objects::exceptiongroup as group;
    for t in [&raw mut _PyExc_BaseExceptionGroup, &raw mut _PyExc_ExceptionGroup] {
        (*t).tp_new = Some(group::group_new);
        (*t).tp_init = Some(group::group_init);
        (*t).tp_str = Some(group::group_str);
    }
    _PyExc_BaseExceptionGroup.tp_methods = (&raw mut group::GROUP_METHODS) as *mut PyMethodDef;
    // ExceptionGroup derives from both BaseExceptionGroup and Exception.
    let eg = &raw mut _PyExc_ExceptionGroup;
    if (*eg).tp_bases.is_null() {
        typeobject::ready(&raw mut _PyExc_BaseExceptionGroup)?;
        typeobject::ready(&raw mut _PyExc_Exception)?;
        (*eg).tp_bases = tuple::pack(&[
            (&raw mut _PyExc_BaseExceptionGroup) as *mut PyObject,
            (&raw mut _PyExc_Exception) as *mut PyObject,
        ])?
        .into_ptr();
    }
    _PyExc_OSError.tp_getset = (&raw mut OSERROR_GETSET) as *mut PyGetSetDef;
    for (_, t) in all_types() {
        typeobject::ready(t)?;
    }
    // CPython makes ExceptionGroup at start-up as a class of `builtins`, so it has a __module__.
    let name = crate::objects::unicodeobject::from_str("builtins")?;
    crate::objects::dictobject::set_item_str((*eg).tp_dict, "__module__", name.as_ptr())?;
    Ok(())
}

static mut OSERROR_GETSET: [PyGetSetDef; 2] = [getset(c"characters_written", Some(oserror_written_get), Some(oserror_written_set)), GETSET_END];

/// `characters_written` exists once set (BlockingIOError's third argument or assignment).
unsafe extern "C" fn oserror_written_get(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let w = (*(op as *mut PyOSErrorObject)).written;
    if w == -1 {
        raise(exc::attribute_error(), "characters_written");
        return null_mut();
    }
    crate::objects::longobject::from_i64(w as i64).into_ptr()
}

unsafe extern "C" fn oserror_written_set(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    let e = op as *mut PyOSErrorObject;
    if v.is_null() {
        if (*e).written == -1 {
            raise(exc::attribute_error(), "characters_written");
            return -1;
        }
        (*e).written = -1;
        return 0;
    }
    crate::guard::catch_int(|| {
        (*e).written = crate::protocol::number::as_ssize_t_exc(v, exc::value_error())?;
        Ok(())
    })
}

// ---- BaseException -------------------------------------------------------------------------

#[inline]
pub unsafe fn check(op: *mut PyObject) -> bool {
    has_feature(type_of(op), Py_TPFLAGS_BASE_EXC_SUBCLASS)
}

#[inline]
pub unsafe fn class_check(op: *mut PyObject) -> bool {
    typeobject::is_type(op) && has_feature(op as *mut PyTypeObject, Py_TPFLAGS_BASE_EXC_SUBCLASS)
}

unsafe fn raw(op: *mut PyObject) -> *mut PyBaseExceptionObject {
    op as *mut PyBaseExceptionObject
}

/// OSError(errno, ...) makes the subclass that goes with the errno, as CPython does.
unsafe fn oserror_subclass(errno: i64) -> Option<*mut PyTypeObject> {
    use libc::*;
    let t = match errno as c_int {
        EAGAIN | EALREADY | EINPROGRESS => &raw mut _PyExc_BlockingIOError,
        ECHILD => &raw mut _PyExc_ChildProcessError,
        EPIPE | ESHUTDOWN => &raw mut _PyExc_BrokenPipeError,
        ECONNABORTED => &raw mut _PyExc_ConnectionAbortedError,
        ECONNREFUSED => &raw mut _PyExc_ConnectionRefusedError,
        ECONNRESET => &raw mut _PyExc_ConnectionResetError,
        EEXIST => &raw mut _PyExc_FileExistsError,
        ENOENT => &raw mut _PyExc_FileNotFoundError,
        EISDIR => &raw mut _PyExc_IsADirectoryError,
        ENOTDIR => &raw mut _PyExc_NotADirectoryError,
        EINTR => &raw mut _PyExc_InterruptedError,
        EACCES | EPERM => &raw mut _PyExc_PermissionError,
        ESRCH => &raw mut _PyExc_ProcessLookupError,
        ETIMEDOUT => &raw mut _PyExc_TimeoutError,
        _ => return None,
    };
    Some(t)
}

pub(crate) unsafe extern "C" fn BaseException_new(tp: *mut PyTypeObject, args: *mut PyObject, _kwds: *mut PyObject) -> *mut PyObject {
    let mut tp = tp;
    if tp == &raw mut _PyExc_OSError && !args.is_null() && (2..=5).contains(&size_of_var(args)) {
        let e = tuple::get_item(args, 0);
        if crate::objects::longobject::check(e) {
            if let Some(sub) = crate::objects::longobject::as_i64(e).and_then(|v| oserror_subclass(v)) {
                tp = sub;
            }
        }
    }
    let alloc = (*tp).tp_alloc.unwrap_or(typeobject::PyType_GenericAlloc);
    let op = alloc(tp, 0);
    if op.is_null() {
        return null_mut();
    }
    let args = if args.is_null() { (&raw mut tuple::_Py_EmptyTupleStruct) as *mut PyObject } else { args };
    incref(args);
    (*raw(op)).args = args;
    if typeobject::is_subtype(tp, &raw mut _PyExc_OSError) {
        (*(op as *mut PyOSErrorObject)).written = -1;
    }
    op
}

pub(crate) unsafe extern "C" fn BaseException_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    let tp = type_of(op);
    crate::guard::catch_int(|| {
        let takes_kw = typeobject::is_subtype(tp, &raw mut _PyExc_NameError)
            || typeobject::is_subtype(tp, &raw mut _PyExc_AttributeError)
            || typeobject::is_subtype(tp, &raw mut _PyExc_ImportError);
        if !takes_kw {
            crate::protocol::args::no_keywords(full_name(tp), kwds)?;
        }
        incref(args);
        xsetref(&raw mut (*raw(op)).args, args);
        init_fields(op, args, kwds)
    })
}

/// Sets the extra fields of the exceptions that have them from their arguments.
unsafe fn init_fields(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<()> {
    let tp = type_of(op);
    let n = size_of_var(args);
    let arg = |i: isize| if i < n { tuple::get_item(args, i) } else { noneobject::none() };
    let set = |slot: *mut *mut PyObject, v: *mut PyObject| {
        incref(v);
        xsetref(slot, v);
    };
    let kw = |name: &str| -> PyResult<*mut PyObject> {
        if kwds.is_null() {
            return Ok(null_mut());
        }
        dict::get_item_str(kwds, name)
    };
    if typeobject::is_subtype(tp, &raw mut _PyExc_StopIteration) {
        set(&raw mut (*(op as *mut PyStopIterationObject)).value, arg(0));
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_SystemExit) {
        let code = if n == 1 { arg(0) } else if n == 0 { noneobject::none() } else { args };
        set(&raw mut (*(op as *mut PySystemExitObject)).code, code);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_NameError) {
        check_kwargs(tp, kwds, &["name"])?;
        // Fields not given stay NULL (read as None), so later code can tell them unset.
        let name = kw("name")?;
        xincref(name);
        xsetref(&raw mut (*(op as *mut PyNameErrorObject)).name, name);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_AttributeError) {
        check_kwargs(tp, kwds, &["name", "obj"])?;
        let e = op as *mut PyAttributeErrorObject;
        let (name, obj) = (kw("name")?, kw("obj")?);
        xincref(name);
        xsetref(&raw mut (*e).name, name);
        xincref(obj);
        xsetref(&raw mut (*e).obj, obj);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_ImportError) {
        check_kwargs(tp, kwds, &["name", "path"])?;
        let e = op as *mut PyImportErrorObject;
        let (name, path) = (kw("name")?, kw("path")?);
        set(&raw mut (*e).name, if name.is_null() { noneobject::none() } else { name });
        set(&raw mut (*e).path, if path.is_null() { noneobject::none() } else { path });
        if n == 1 {
            set(&raw mut (*e).msg, arg(0));
        }
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_OSError) {
        let e = op as *mut PyOSErrorObject;
        if (2..=5).contains(&n) {
            set(&raw mut (*e).myerrno, arg(0));
            set(&raw mut (*e).strerror, arg(1));
            let third = if n >= 3 { arg(2) } else { null_mut() };
            let written = tp == &raw mut _PyExc_BlockingIOError && !third.is_null() && crate::protocol::number::has_index(third);
            if written {
                // BlockingIOError's third argument is the number of characters written.
                (*e).written = crate::protocol::number::as_ssize_t_exc(third, exc::value_error())?;
            } else if !third.is_null() && !noneobject::is_none(third) {
                set(&raw mut (*e).filename, third);
                // With a filename, args is narrowed to (errno, strerror) as in CPython.
                let two = tuple::from_slice(&tuple::items(args)[..2])?;
                xsetref(&raw mut (*raw(op)).args, two.into_ptr());
            }
            if n == 5 {
                set(&raw mut (*e).filename2, arg(4));
            }
        }
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_UnicodeError) && tp != &raw mut _PyExc_UnicodeError {
        // (encoding, object, start, end, reason); UnicodeTranslateError has no encoding.
        let translate = typeobject::is_subtype(tp, &raw mut _PyExc_UnicodeTranslateError);
        let want = if translate { 4 } else { 5 };
        if n != want {
            return Err(raise(exc::type_error(), format!("function takes exactly {want} arguments ({n} given)")));
        }
        let e = op as *mut PyUnicodeErrorObject;
        let a: Vec<*mut PyObject> = tuple::items(args).to_vec();
        let (enc, rest) = if translate { (None, &a[..]) } else { (Some(a[0]), &a[1..]) };
        let object_ok = if typeobject::is_subtype(tp, &raw mut _PyExc_UnicodeDecodeError) { crate::objects::bytesobject::check(rest[0]) } else { str_::check(rest[0]) };
        if enc.map(|x| !str_::check(x)).unwrap_or(false) || !object_ok || !str_::check(rest[3]) {
            return Err(raise(exc::type_error(), format!("{}() arguments have the wrong types", full_name(tp))));
        }
        let start = crate::protocol::number::as_ssize_t(rest[1])?;
        let end = crate::protocol::number::as_ssize_t(rest[2])?;
        if let Some(enc) = enc {
            set(&raw mut (*e).encoding, enc);
        }
        set(&raw mut (*e).object, rest[0]);
        set(&raw mut (*e).reason, rest[3]);
        (*e).start = start;
        (*e).end = end;
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_SyntaxError) {
        let e = op as *mut PySyntaxErrorObject;
        if n >= 1 {
            set(&raw mut (*e).msg, arg(0));
        }
        if n == 2 {
            let info = crate::protocol::iter::collect(arg(1))?;
            if info.len() < 4 || info.len() > 6 {
                return Err(raise(exc::index_error(), "tuple index out of range"));
            }
            set(&raw mut (*e).filename, info[0].as_ptr());
            set(&raw mut (*e).lineno, info[1].as_ptr());
            set(&raw mut (*e).offset, info[2].as_ptr());
            set(&raw mut (*e).text, info[3].as_ptr());
            if info.len() > 4 {
                set(&raw mut (*e).end_lineno, info[4].as_ptr());
            }
            if info.len() > 5 {
                set(&raw mut (*e).end_offset, info[5].as_ptr());
            }
        }
    }
    Ok(())
}

unsafe fn check_kwargs(tp: *mut PyTypeObject, kwds: *mut PyObject, allowed: &[&str]) -> PyResult<()> {
    if kwds.is_null() {
        return Ok(());
    }
    for (k, _) in dict::entries(kwds) {
        let name = str_::as_str(k)?;
        if !allowed.contains(&name) {
            return Err(raise(
                exc::type_error(),
                format!("{}() got an unexpected keyword argument '{name}'", full_name(tp)),
            ));
        }
    }
    Ok(())
}

unsafe extern "C" fn BaseException_dealloc(op: *mut PyObject) {
    crate::gc::untrack(op);
    BaseException_clear(op);
    let tp = type_of(op);
    // Heap subclasses come here through subtype_dealloc, which drops the type reference.
    if let Some(free) = (*tp).tp_free {
        free(op as *mut c_void);
    }
}

/// The object slots after the common header, for the exceptions that have them.
unsafe fn extra_slots(op: *mut PyObject) -> Vec<*mut *mut PyObject> {
    let tp = type_of(op);
    let mut v = Vec::new();
    if typeobject::is_subtype(tp, &raw mut _PyExc_StopIteration) {
        v.push(&raw mut (*(op as *mut PyStopIterationObject)).value);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_SystemExit) {
        v.push(&raw mut (*(op as *mut PySystemExitObject)).code);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_NameError) {
        v.push(&raw mut (*(op as *mut PyNameErrorObject)).name);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_AttributeError) {
        let e = op as *mut PyAttributeErrorObject;
        v.extend([&raw mut (*e).obj, &raw mut (*e).name]);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_ImportError) {
        let e = op as *mut PyImportErrorObject;
        v.extend([&raw mut (*e).msg, &raw mut (*e).name, &raw mut (*e).path]);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_OSError) {
        let e = op as *mut PyOSErrorObject;
        v.extend([&raw mut (*e).myerrno, &raw mut (*e).strerror, &raw mut (*e).filename, &raw mut (*e).filename2]);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_SyntaxError) {
        let e = op as *mut PySyntaxErrorObject;
        v.extend([
            &raw mut (*e).msg, &raw mut (*e).filename, &raw mut (*e).lineno, &raw mut (*e).offset,
            &raw mut (*e).end_lineno, &raw mut (*e).end_offset, &raw mut (*e).text,
            &raw mut (*e).print_file_and_line,
        ]);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_UnicodeError) {
        let e = op as *mut PyUnicodeErrorObject;
        v.extend([&raw mut (*e).encoding, &raw mut (*e).object, &raw mut (*e).reason]);
    } else if typeobject::is_subtype(tp, &raw mut _PyExc_BaseExceptionGroup) {
        let e = op as *mut PyBaseExceptionGroupObject;
        v.extend([&raw mut (*e).msg, &raw mut (*e).excs]);
    }
    v
}

unsafe extern "C" fn BaseException_clear(op: *mut PyObject) -> c_int {
    let e = raw(op);
    for slot in [&raw mut (*e).dict, &raw mut (*e).args, &raw mut (*e).notes, &raw mut (*e).traceback, &raw mut (*e).context, &raw mut (*e).cause] {
        xsetref(slot, null_mut());
    }
    for slot in extra_slots(op) {
        xsetref(slot, null_mut());
    }
    0
}

unsafe extern "C" fn BaseException_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    let Some(visit) = visit else { return 0 };
    let e = raw(op);
    let mut all = vec![(*e).dict, (*e).args, (*e).notes, (*e).traceback, (*e).context, (*e).cause];
    all.extend(extra_slots(op).into_iter().map(|s| *s));
    for p in all {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe fn args_of(op: *mut PyObject) -> *mut PyObject {
    let a = (*raw(op)).args;
    if a.is_null() {
        (&raw mut tuple::_Py_EmptyTupleStruct) as *mut PyObject
    } else {
        a
    }
}

unsafe extern "C" fn BaseException_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let name = typeobject::type_qualname_str(type_of(op))?;
        let args = args_of(op);
        let s = if size_of_var(args) == 1 {
            format!("{name}({})", crate::protocol::object::repr_string(tuple::get_item(args, 0))?)
        } else {
            format!("{name}{}", crate::protocol::object::repr_string(args)?)
        };
        str_::from_str(&s)
    })
}

unsafe extern "C" fn BaseException_str(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let args = args_of(op);
        match size_of_var(args) {
            0 => Ok(str_::empty()),
            1 => crate::protocol::object::str(tuple::get_item(args, 0)),
            _ => crate::protocol::object::str(args),
        }
    })
}

unsafe extern "C" fn KeyError_str(op: *mut PyObject) -> *mut PyObject {
    let args = args_of(op);
    if size_of_var(args) == 1 {
        return crate::guard::catch_obj(|| crate::protocol::object::repr(tuple::get_item(args, 0)));
    }
    BaseException_str(op)
}

unsafe extern "C" fn ImportError_str(op: *mut PyObject) -> *mut PyObject {
    let msg = (*(op as *mut PyImportErrorObject)).msg;
    if !msg.is_null() && str_::check(msg) {
        incref(msg);
        return msg;
    }
    BaseException_str(op)
}

unsafe extern "C" fn OSError_str(op: *mut PyObject) -> *mut PyObject {
    let e = op as *mut PyOSErrorObject;
    crate::guard::catch_obj(|| {
        let r = |p: *mut PyObject| crate::protocol::object::repr_string(p);
        let s = |p: *mut PyObject| -> PyResult<String> {
            let o = crate::protocol::object::str(p)?;
            Ok(str_::as_str(o.as_ptr())?.to_owned())
        };
        let (errno, strerror, f1, f2) = ((*e).myerrno, (*e).strerror, (*e).filename, (*e).filename2);
        let set = |p: *mut PyObject| !p.is_null() && !noneobject::is_none(p);
        if set(f1) {
            let text = if set(f2) {
                format!("[Errno {}] {}: {} -> {}", s(errno)?, s(strerror)?, r(f1)?, r(f2)?)
            } else {
                format!("[Errno {}] {}: {}", s(errno)?, s(strerror)?, r(f1)?)
            };
            return str_::from_str(&text);
        }
        if set(errno) && set(strerror) {
            return str_::from_str(&format!("[Errno {}] {}", s(errno)?, s(strerror)?));
        }
        Obj::from_owned(BaseException_str(op))
    })
}

unsafe extern "C" fn SyntaxError_str(op: *mut PyObject) -> *mut PyObject {
    let e = op as *mut PySyntaxErrorObject;
    crate::guard::catch_obj(|| {
        let msg = if (*e).msg.is_null() { str_::empty() } else { crate::protocol::object::str((*e).msg)? };
        let msg = str_::as_str(msg.as_ptr())?.to_owned();
        let filename = (*e).filename;
        let file = if !filename.is_null() && str_::check(filename) {
            let f = str_::as_str(filename)?;
            Some(f.rsplit('/').next().unwrap_or(f).to_owned())
        } else {
            None
        };
        let lineno = (*e).lineno;
        let line = if !lineno.is_null() && crate::objects::longobject::check(lineno) {
            crate::objects::longobject::as_i64(lineno)
        } else {
            None
        };
        let s = match (file, line) {
            (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
            (Some(f), None) => format!("{msg} ({f})"),
            (None, Some(l)) => format!("{msg} (line {l})"),
            (None, None) => msg,
        };
        str_::from_str(&s)
    })
}

unsafe extern "C" fn UnicodeError_str(op: *mut PyObject) -> *mut PyObject {
    let e = op as *mut PyUnicodeErrorObject;
    crate::guard::catch_obj(|| {
        if (*e).object.is_null() || (*e).encoding.is_null() || (*e).reason.is_null() {
            return str_::from_str("");
        }
        let reason = str_::as_str((*e).reason)?.to_owned();
        let enc = str_::as_str((*e).encoding)?.to_owned();
        let (start, end) = ((*e).start, (*e).end);
        let tp = type_of(op);
        let s = if tp == &raw mut _PyExc_UnicodeDecodeError {
            let obj = (*e).object;
            let bytes = crate::objects::bytesobject::as_slice(obj);
            if end == start + 1 && (start as usize) < bytes.len() {
                format!("'{enc}' codec can't decode byte 0x{:02x} in position {start}: {reason}", bytes[start as usize])
            } else {
                format!("'{enc}' codec can't decode bytes in position {start}-{}: {reason}", end - 1)
            }
        } else {
            let obj = (*e).object;
            if end == start + 1 && start < str_::len(obj) {
                let c = str_::read_char(obj, start as usize);
                let esc = if c <= 0xff {
                    format!("\\x{c:02x}")
                } else if c <= 0xffff {
                    format!("\\u{c:04x}")
                } else {
                    format!("\\U{c:08x}")
                };
                let verb = if tp == &raw mut _PyExc_UnicodeEncodeError { format!("'{enc}' codec can't encode") } else { "can't translate".to_owned() };
                format!("{verb} character '{esc}' in position {start}: {reason}")
            } else {
                let verb = if tp == &raw mut _PyExc_UnicodeEncodeError { format!("'{enc}' codec can't encode") } else { "can't translate".to_owned() };
                format!("{verb} characters in position {start}-{}: {reason}", end - 1)
            }
        };
        str_::from_str(&s)
    })
}

/// `(type, args)`, or `(type, args, __dict__)` once the instance has a dict.
unsafe extern "C" fn exc_reduce(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    let e = op as *mut PyBaseExceptionObject;
    let tp = type_of(op) as *mut PyObject;
    crate::guard::catch_obj(|| if (*e).dict.is_null() { tuple::pack(&[tp, args_of(op)]) } else { tuple::pack(&[tp, args_of(op), (*e).dict]) })
}

/// Restores attributes from a dict (None: nothing to do).
unsafe extern "C" fn exc_setstate(op: *mut PyObject, state: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !noneobject::is_none(state) {
            if !crate::objects::dictobject::check(state) {
                return Err(raise(exc::type_error(), "state is not a dictionary"));
            }
            for (k, v) in crate::objects::dictobject::entries(state) {
                crate::protocol::object::setattr(op, k, v)?;
            }
        }
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn exc_get_args(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    let a = args_of(op);
    incref(a);
    a
}

unsafe extern "C" fn exc_set_args(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() {
        raise(exc::type_error(), "args may not be deleted");
        return -1;
    }
    crate::guard::catch_int(|| {
        let items = crate::protocol::iter::collect(v)?;
        let t = tuple::from_vec(items)?;
        xsetref(&raw mut (*raw(op)).args, t.into_ptr());
        Ok(())
    })
}

unsafe fn get_slot(p: *mut PyObject) -> *mut PyObject {
    let p = if p.is_null() { noneobject::none() } else { p };
    incref(p);
    p
}

unsafe extern "C" fn exc_get_traceback(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_slot((*raw(op)).traceback)
}

unsafe extern "C" fn exc_set_traceback(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() {
        raise(exc::type_error(), "__traceback__ may not be deleted");
        return -1;
    }
    let is_tb = crate::objects::traceback::check(v);
    if !noneobject::is_none(v) && !is_tb {
        raise(exc::type_error(), "__traceback__ must be a traceback or None");
        return -1;
    }
    let v = if noneobject::is_none(v) { null_mut() } else { v };
    xincref(v);
    xsetref(&raw mut (*raw(op)).traceback, v);
    0
}

unsafe extern "C" fn exc_get_context(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_slot((*raw(op)).context)
}

unsafe extern "C" fn exc_set_context(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() {
        raise(exc::type_error(), "__context__ may not be deleted");
        return -1;
    }
    if !noneobject::is_none(v) && !check(v) {
        raise(exc::type_error(), "exception context must be None or derive from BaseException");
        return -1;
    }
    let v = if noneobject::is_none(v) { null_mut() } else { v };
    xincref(v);
    xsetref(&raw mut (*raw(op)).context, v);
    0
}

unsafe extern "C" fn exc_get_cause(op: *mut PyObject, _: *mut c_void) -> *mut PyObject {
    get_slot((*raw(op)).cause)
}

unsafe extern "C" fn exc_set_cause(op: *mut PyObject, v: *mut PyObject, _: *mut c_void) -> c_int {
    if v.is_null() {
        raise(exc::type_error(), "__cause__ may not be deleted");
        return -1;
    }
    if !noneobject::is_none(v) && !check(v) {
        raise(exc::type_error(), "exception cause must be None or derive from BaseException");
        return -1;
    }
    let v = if noneobject::is_none(v) { null_mut() } else { v };
    xincref(v);
    xsetref(&raw mut (*raw(op)).cause, v);
    (*raw(op)).suppress_context = 1;
    0
}

unsafe extern "C" fn exc_with_traceback(op: *mut PyObject, tb: *mut PyObject) -> *mut PyObject {
    if exc_set_traceback(op, tb, null_mut()) < 0 {
        return null_mut();
    }
    incref(op);
    op
}

unsafe extern "C" fn exc_add_note(op: *mut PyObject, note: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        if !str_::check(note) {
            return Err(raise(
                exc::type_error(),
                format!("note must be a str, not '{}'", full_name(type_of(note))),
            ));
        }
        let key = str_::intern("__notes__")?;
        let notes = match crate::protocol::object::lookup_attr(op, key)? {
            Some(n) => n,
            None => {
                let l = crate::objects::listobject::new(0)?;
                crate::protocol::object::setattr(op, key, l.as_ptr())?;
                l
            }
        };
        if !crate::objects::listobject::check(notes.as_ptr()) {
            return Err(raise(exc::type_error(), "Cannot add note: __notes__ is not a list"));
        }
        crate::objects::listobject::append(notes.as_ptr(), note)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

// ---- raising helpers -----------------------------------------------------------------------

/// Sets MemoryError (no allocation needed: the type and no value).
pub fn no_memory() -> ErrSet {
    // Safety: the exception type is a static.
    unsafe { err::set_object(exc::memory_error(), null_mut()) }
}

/// KeyError with the key as its single argument (so str() shows its repr).
pub unsafe fn set_key_error(key: *mut PyObject) -> ErrSet {
    match tuple::pack(&[key]) {
        Ok(t) => err::set_object(exc::key_error(), t.as_ptr()),
        Err(e) => e,
    }
}

/// AttributeError with `.obj` and `.name` set, as CPython 3.10+ does for suggestions.
pub unsafe fn attribute_error_with(msg: String, obj: *mut PyObject, name: *mut PyObject) -> ErrSet {
    let inst = (|| -> PyResult<Obj> {
        let m = str_::from_str(&msg)?;
        let args = tuple::pack(&[m.as_ptr()])?;
        let e = Obj::from_owned(BaseException_new(&raw mut _PyExc_AttributeError, args.as_ptr(), null_mut()))?;
        let ae = e.as_ptr() as *mut PyAttributeErrorObject;
        let n = if name.is_null() { noneobject::none() } else { name };
        incref(n);
        (*ae).name = n;
        let o = if obj.is_null() { noneobject::none() } else { obj };
        incref(o);
        (*ae).obj = o;
        Ok(e)
    })();
    match inst {
        Ok(e) => err::set_object(exc::attribute_error(), e.as_ptr()),
        Err(e) => e,
    }
}

/// UnicodeDecodeError(encoding, bytes, start, end, reason).
pub fn unicode_decode_error(encoding: &str, data: &[u8], start: usize, end: usize, reason: &str) -> ErrSet {
    // Safety: builds a fresh exception object from new references.
    unsafe {
        let inst = (|| -> PyResult<Obj> {
            let b = crate::objects::bytesobject::from_slice(data)?;
            make_unicode_error(&raw mut _PyExc_UnicodeDecodeError, encoding, b.as_ptr(), start, end, reason)
        })();
        match inst {
            Ok(e) => err::set_object(exc::unicode_decode_error(), e.as_ptr()),
            Err(e) => e,
        }
    }
}

/// UnicodeEncodeError(encoding, str, start, end, reason).
pub unsafe fn unicode_encode_error(encoding: &str, s: *mut PyObject, start: usize, end: usize, reason: &str) -> ErrSet {
    match make_unicode_error(&raw mut _PyExc_UnicodeEncodeError, encoding, s, start, end, reason) {
        Ok(e) => err::set_object(exc::unicode_encode_error(), e.as_ptr()),
        Err(e) => e,
    }
}

unsafe fn make_unicode_error(
    tp: *mut PyTypeObject,
    encoding: &str,
    object: *mut PyObject,
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<Obj> {
    let enc = str_::from_str(encoding)?;
    let rsn = str_::from_str(reason)?;
    let s = crate::objects::longobject::from_i64(start as i64);
    let en = crate::objects::longobject::from_i64(end as i64);
    let args = tuple::pack(&[enc.as_ptr(), object, s.as_ptr(), en.as_ptr(), rsn.as_ptr()])?;
    let e = Obj::from_owned(BaseException_new(tp, args.as_ptr(), null_mut()))?;
    let u = e.as_ptr() as *mut PyUnicodeErrorObject;
    (*u).encoding = enc.into_ptr();
    incref(object);
    (*u).object = object;
    (*u).start = start as Py_ssize_t;
    (*u).end = end as Py_ssize_t;
    (*u).reason = rsn.into_ptr();
    Ok(e)
}

/// Does exception type (or instance) `given` match `exc` (a class or a tuple of them)?
pub unsafe fn given_exception_matches(given: *mut PyObject, exc: *mut PyObject) -> bool {
    if given.is_null() || exc.is_null() {
        return false;
    }
    if tuple::check(exc) {
        return tuple::items(exc).iter().any(|&e| given_exception_matches(given, e));
    }
    let g = if check(given) { type_of(given) as *mut PyObject } else { given };
    if class_check(g) && class_check(exc) {
        return typeobject::is_subtype(g as *mut PyTypeObject, exc as *mut PyTypeObject);
    }
    g == exc
}

/// Turns a pending (type, value) pair into an instance of the type (PyErr_NormalizeException).
pub unsafe fn normalize(t: &mut *mut PyObject, v: &mut *mut PyObject, _tb: &mut *mut PyObject) -> PyResult<()> {
    if t.is_null() || !class_check(*t) {
        return Ok(());
    }
    if !v.is_null() && check(*v) && typeobject::is_subtype(type_of(*v), *t as *mut PyTypeObject) {
        return Ok(());
    }
    let inst = if v.is_null() || noneobject::is_none(*v) {
        crate::protocol::call::vectorcall(*t, &[], null_mut())?
    } else if tuple::check(*v) {
        crate::protocol::call::call(*t, *v, null_mut())?
    } else {
        crate::protocol::call::vectorcall(*t, &[*v], null_mut())?
    };
    xdecref(*v);
    *v = inst.into_ptr();
    let it = type_of(*v) as *mut PyObject;
    if it != *t {
        incref(it);
        xsetref(t, it);
    }
    Ok(())
}


/// `no_memory` for C callers that return a NULL pointer.
pub fn no_memory_ptr() -> *mut PyObject {
    no_memory();
    null_mut()
}

/// Sets `__traceback__` of exception instance `v` to `tb` (a traceback, or None to clear),
/// as PyException_SetTraceback without the type checks.
pub unsafe fn set_traceback_raw(v: *mut PyObject, tb: *mut PyObject) {
    if v.is_null() || !check(v) {
        return;
    }
    let tb = if tb.is_null() || noneobject::is_none(tb) { null_mut() } else { tb };
    xincref(tb);
    xsetref(&raw mut (*raw(v)).traceback, tb);
}

/// Sets the `name` attribute of the pending NameError (the eval loop's undefined names).
pub unsafe fn set_name_error_name(name: *mut PyObject) {
    let (mut t, mut v, mut tb) = crate::err::fetch();
    if normalize(&mut t, &mut v, &mut tb).is_ok() && !v.is_null() {
        if crate::protocol::object::setattr(v, crate::objects::unicodeobject::intern("name").unwrap_or(null_mut()), name).is_err() {
            crate::err::clear();
        }
    }
    crate::err::restore(t, v, tb);
}
