//! abstract.h: the number, sequence, mapping and iterator protocols, isinstance/issubclass.

use crate::rt::ffi::*;
use crate::rt::guard::{catch, catch_int, catch_obj};
use crate::rt::object::*;
use crate::rt::objects::{tupleobject as tuple, typeobject};
use crate::rt::protocol::{iter, number as num, sequence as seq};
use crate::rt::{err, exc};
use std::ffi::c_int;
use std::ptr::null_mut;

macro_rules! binary {
    ($($f:ident => $op:ident),* $(,)?) => {
        $( #[no_mangle]
        pub unsafe extern "C" fn $f(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            catch_obj(|| num::binary_op(a, b, num::$op))
        } )*
    };
}

binary! {
    PyNumber_Add => ADD, PyNumber_Subtract => SUBTRACT, PyNumber_Multiply => MULTIPLY,
    PyNumber_Remainder => REMAINDER, PyNumber_Divmod => DIVMOD, PyNumber_Lshift => LSHIFT,
    PyNumber_Rshift => RSHIFT, PyNumber_And => AND, PyNumber_Xor => XOR, PyNumber_Or => OR,
    PyNumber_FloorDivide => FLOOR_DIVIDE, PyNumber_TrueDivide => TRUE_DIVIDE,
    PyNumber_MatrixMultiply => MATRIX_MULTIPLY,
}

macro_rules! inplace {
    ($($f:ident => $iop:ident, $op:ident),* $(,)?) => {
        $( #[no_mangle]
        pub unsafe extern "C" fn $f(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
            catch_obj(|| num::inplace_op(a, b, num::$iop, num::$op))
        } )*
    };
}

inplace! {
    PyNumber_InPlaceAdd => INPLACE_ADD, ADD, PyNumber_InPlaceSubtract => INPLACE_SUBTRACT, SUBTRACT,
    PyNumber_InPlaceMultiply => INPLACE_MULTIPLY, MULTIPLY,
    PyNumber_InPlaceRemainder => INPLACE_REMAINDER, REMAINDER,
    PyNumber_InPlaceLshift => INPLACE_LSHIFT, LSHIFT, PyNumber_InPlaceRshift => INPLACE_RSHIFT, RSHIFT,
    PyNumber_InPlaceAnd => INPLACE_AND, AND, PyNumber_InPlaceXor => INPLACE_XOR, XOR,
    PyNumber_InPlaceOr => INPLACE_OR, OR,
    PyNumber_InPlaceFloorDivide => INPLACE_FLOOR_DIVIDE, FLOOR_DIVIDE,
    PyNumber_InPlaceTrueDivide => INPLACE_TRUE_DIVIDE, TRUE_DIVIDE,
    PyNumber_InPlaceMatrixMultiply => INPLACE_MATRIX_MULTIPLY, MATRIX_MULTIPLY,
}

#[no_mangle]
pub unsafe extern "C" fn PyNumber_Power(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::power(a, b, c))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_InPlacePower(a: *mut PyObject, b: *mut PyObject, c: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let nb = (*type_of(a)).tp_as_number;
        if !nb.is_null() {
            if let Some(f) = (*nb).nb_inplace_power {
                let r = Obj::from_owned(f(a, b, c))?;
                if r.as_ptr() != crate::rt::objects::noneobject::not_implemented() {
                    return Ok(r);
                }
            }
        }
        num::power(a, b, c)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Negative(a: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::negative(a))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Positive(a: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::positive(a))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Invert(a: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::invert(a))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Absolute(a: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::absolute(a))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Check(op: *mut PyObject) -> c_int {
    let nb = (*type_of(op)).tp_as_number;
    (!nb.is_null() && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some())
        || crate::rt::objects::typeobject::full_name(type_of(op)) == "complex") as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyIndex_Check(op: *mut PyObject) -> c_int {
    num::has_index(op) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Index(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let r = num::index(op)?;
        crate::rt::objects::longobject::copy_exact(r.as_ptr())
    })
}
#[no_mangle]
pub unsafe extern "C" fn _PyNumber_Index(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::index(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_AsSsize_t(op: *mut PyObject, exc_type: *mut PyObject) -> Py_ssize_t {
    catch(-1, || num::as_ssize_t_exc(op, exc_type).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Long(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| num::number_long(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyNumber_Float(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if crate::rt::objects::unicodeobject::check(op) {
            return crate::rt::objects::floatobject::from_string(op);
        }
        crate::rt::objects::floatobject::from_f64(crate::rt::objects::floatobject::as_f64(op)?)
    })
}

// ---- sequences and mappings ----------------------------------------------------------------

#[no_mangle]
pub unsafe extern "C" fn PyObject_Size(op: *mut PyObject) -> Py_ssize_t {
    catch(-1, || seq::size(op).unwrap_or(-1))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_Length(op: *mut PyObject) -> Py_ssize_t {
    PyObject_Size(op)
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Size(op: *mut PyObject) -> Py_ssize_t {
    let sq = (*type_of(op)).tp_as_sequence;
    if sq.is_null() || (*sq).sq_length.is_none() {
        err::raise(exc::type_error(), format!("object of type '{}' has no len()", typeobject::short_name(type_of(op))));
        return -1;
    }
    PyObject_Size(op)
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Length(op: *mut PyObject) -> Py_ssize_t {
    PySequence_Size(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Size(op: *mut PyObject) -> Py_ssize_t {
    PyObject_Size(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Length(op: *mut PyObject) -> Py_ssize_t {
    PyObject_Size(op)
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetItem(op: *mut PyObject, key: *mut PyObject) -> *mut PyObject {
    catch_obj(|| seq::getitem(op, key))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_SetItem(op: *mut PyObject, key: *mut PyObject, v: *mut PyObject) -> c_int {
    if v.is_null() {
        crate::bad_internal_call();
        return -1;
    }
    catch_int(|| seq::setitem(op, key, v))
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_DelItem(op: *mut PyObject, key: *mut PyObject) -> c_int {
    catch_int(|| seq::setitem(op, key, null_mut()))
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Check(op: *mut PyObject) -> c_int {
    if crate::rt::objects::dictobject::check(op) {
        return 0;
    }
    let sq = (*type_of(op)).tp_as_sequence;
    (!sq.is_null() && (*sq).sq_item.is_some()) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyMapping_Check(op: *mut PyObject) -> c_int {
    seq::is_mapping(op) as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_GetItem(op: *mut PyObject, i: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| seq::get_item(op, i))
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Contains(op: *mut PyObject, v: *mut PyObject) -> c_int {
    catch(-1, || match seq::contains(op, v) {
        Ok(b) => b as c_int,
        Err(_) => -1,
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Tuple(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if tuple::check_exact(op) {
            return Ok(Obj::from_borrowed(op));
        }
        tuple::from_vec(iter::collect(op)?)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_List(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let items = iter::collect(op)?;
        let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
        crate::rt::objects::listobject::from_slice(&ptrs)
    })
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Fast(op: *mut PyObject, m: *const std::ffi::c_char) -> *mut PyObject {
    if crate::rt::objects::listobject::check_exact(op) || tuple::check_exact(op) {
        incref(op);
        return op;
    }
    let r = PySequence_List(op);
    if r.is_null() && err::exception_matches(exc::type_error()) {
        err::clear();
        let msg = std::ffi::CStr::from_ptr(m).to_string_lossy().into_owned();
        err::raise(exc::type_error(), msg);
    }
    r
}
#[no_mangle]
pub unsafe extern "C" fn PySequence_Concat(a: *mut PyObject, b: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        let sq = (*type_of(a)).tp_as_sequence;
        if !sq.is_null() {
            if let Some(f) = (*sq).sq_concat {
                return Obj::from_owned(f(a, b));
            }
        }
        Err(err::raise(exc::type_error(), format!("'{}' object can't be concatenated", typeobject::short_name(type_of(a)))))
    })
}
#[no_mangle]
pub unsafe extern "C" fn PyIter_Check(op: *mut PyObject) -> c_int {
    (*type_of(op)).tp_iternext.is_some() as c_int
}
#[no_mangle]
pub unsafe extern "C" fn PyObject_GetIter(op: *mut PyObject) -> *mut PyObject {
    catch_obj(|| iter::get_iter(op))
}
#[no_mangle]
pub unsafe extern "C" fn PyIter_Next(op: *mut PyObject) -> *mut PyObject {
    catch(null_mut(), || match iter::next(op) {
        Ok(Some(v)) => v.into_ptr(),
        _ => null_mut(),
    })
}

// ---- isinstance / issubclass ---------------------------------------------------------------


/// A NULL-terminated array of NUL-terminated copies of the bytes items of a sequence (for
/// _posixsubprocess); free it with _Py_FreeCharPArray.
#[no_mangle]
pub unsafe extern "C" fn _PySequence_BytesToCharpArray(seq: *mut PyObject) -> *mut *mut std::ffi::c_char {
    crate::rt::guard::catch(std::ptr::null_mut(), || {
        let r = (|| -> crate::rt::err::PyResult<*mut *mut std::ffi::c_char> {
            let n = crate::rt::protocol::sequence::size(seq)? as usize;
            let array = crate::memory::PyMem_Malloc((n + 1) * std::mem::size_of::<*mut std::ffi::c_char>()) as *mut *mut std::ffi::c_char;
            if array.is_null() {
                return Err(crate::rt::objects::exceptions::no_memory());
            }
            for i in 0..=n {
                *array.add(i) = std::ptr::null_mut();
            }
            for i in 0..n {
                let item = crate::rt::protocol::sequence::get_item(seq, i as isize);
                let copied = item.and_then(|it| {
                    let mut data = std::ptr::null_mut();
                    if crate::bytesobject::PyBytes_AsStringAndSize(it.as_ptr(), &mut data, std::ptr::null_mut()) < 0 {
                        return Err(crate::rt::err::ErrSet::assume_set());
                    }
                    let len = crate::rt::object::size_of_var(it.as_ptr()) as usize + 1;
                    let p = crate::memory::PyMem_Malloc(len) as *mut std::ffi::c_char;
                    if p.is_null() {
                        return Err(crate::rt::objects::exceptions::no_memory());
                    }
                    std::ptr::copy_nonoverlapping(data, p, len);
                    Ok(p)
                });
                match copied {
                    Ok(p) => *array.add(i) = p,
                    Err(e) => {
                        _Py_FreeCharPArray(array);
                        return Err(e);
                    }
                }
            }
            Ok(array)
        })();
        r.unwrap_or(std::ptr::null_mut())
    })
}

#[no_mangle]
pub unsafe extern "C" fn _Py_FreeCharPArray(array: *const *mut std::ffi::c_char) {
    if array.is_null() {
        return;
    }
    let mut i = 0;
    while !(*array.add(i)).is_null() {
        crate::memory::PyMem_Free(*array.add(i) as *mut std::ffi::c_void);
        i += 1;
    }
    crate::memory::PyMem_Free(array as *mut std::ffi::c_void);
}

extern "C" {
    // The variadic shim in `shims/unicode_format.c`.
    fn _PyErr_FormatFromCause(exception: *mut PyObject, format: *const std::ffi::c_char, ...) -> *mut PyObject;
    fn PyErr_Format(exception: *mut PyObject, format: *const std::ffi::c_char, ...) -> *mut PyObject;
}

/// A call's result checked against the error indicator: NULL needs an exception, and a
/// result with one pending becomes SystemError caused by it. `callable` (shown by repr) or
/// else `where_` names the culprit.
#[no_mangle]
pub unsafe extern "C" fn _Py_CheckFunctionResult(
    _ts: *mut PyThreadState,
    callable: *mut PyObject,
    result: *mut PyObject,
    where_: *const std::ffi::c_char,
) -> *mut PyObject {
    let pending = !err::occurred().is_null();
    let (fmt_r, fmt_s) = if result.is_null() {
        if pending {
            return null_mut();
        }
        (c"%R returned NULL without setting an exception", c"%s returned NULL without setting an exception")
    } else {
        if !pending {
            return result;
        }
        decref(result);
        (c"%R returned a result with an exception set", c"%s returned a result with an exception set")
    };
    let raise: unsafe extern "C" fn(*mut PyObject, *const std::ffi::c_char, ...) -> *mut PyObject =
        if pending { _PyErr_FormatFromCause } else { PyErr_Format };
    if !callable.is_null() {
        raise(exc::system_error(), fmt_r.as_ptr(), callable);
    } else {
        let w = if where_.is_null() { c"<NULL>".as_ptr() } else { where_ };
        raise(exc::system_error(), fmt_s.as_ptr(), w);
    }
    null_mut()
}
