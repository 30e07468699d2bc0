//! marshal.h: the C side of `marshal` (format version 4 unless asked otherwise).

use crate::rt::ffi::*;
use crate::rt::guard::catch_obj;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int};

#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromString(data: *const c_char, len: Py_ssize_t) -> *mut PyObject {
    catch_obj(|| {
        if len < 0 || (data.is_null() && len > 0) {
            return Err(err::raise(exc::system_error(), "bad argument to PyMarshal_ReadObjectFromString"));
        }
        let bytes = if len == 0 { &[][..] } else { std::slice::from_raw_parts(data as *const u8, len as usize) };
        crate::rt::marshal::loads(bytes)
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToString(obj: *mut PyObject, version: c_int) -> *mut PyObject {
    catch_obj(|| crate::rt::marshal::dumps(obj, version))
}

// ---- FILE* forms ------------------------------------------------------------------------

/// Reads exactly `n` bytes; EOFError ("EOF read where not expected") when the file ends.
unsafe fn read_exact(fp: *mut libc::FILE, n: usize) -> crate::rt::PyResult<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let got = libc::fread(buf.as_mut_ptr() as *mut libc::c_void, 1, n, fp);
    if got < n {
        return Err(err::raise(exc::eof_error(), "EOF read where not expected"));
    }
    Ok(buf)
}

/// Writes `x` as 4 little-endian bytes (what marshal's `w_long` writes).
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteLongToFile(x: std::ffi::c_long, fp: *mut libc::FILE, _version: c_int) {
    let b = (x as i32).to_le_bytes();
    libc::fwrite(b.as_ptr() as *const libc::c_void, 1, 4, fp);
}

/// Writes `x` in marshal format. As in CPython nothing is raised for an object marshal
/// cannot write (the caller checks `PyErr_Occurred()` only for the audit hook); here
/// nothing is written then.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_WriteObjectToFile(x: *mut PyObject, fp: *mut libc::FILE, version: c_int) {
    crate::rt::guard::catch((), || {
        let v = crate::rt::objects::longobject::from_i64(version as i64);
        if crate::rt::modules::sys_hooks::audit("marshal.dumps", &[x, v.as_ptr()]).is_err() {
            return;
        }
        match crate::rt::marshal::dumps_vec(x, version) {
            Ok(bytes) => {
                libc::fwrite(bytes.as_ptr() as *const libc::c_void, 1, bytes.len(), fp);
            }
            Err(_) => err::clear(),
        }
    })
}

/// A 4-byte little-endian signed value; -1 with EOFError at the end of the file.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadLongFromFile(fp: *mut libc::FILE) -> std::ffi::c_long {
    match read_exact(fp, 4) {
        Ok(b) => i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as std::ffi::c_long,
        Err(_) => -1,
    }
}

/// A 2-byte little-endian signed value; -1 with EOFError at the end of the file.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadShortFromFile(fp: *mut libc::FILE) -> c_int {
    match read_exact(fp, 2) {
        Ok(b) => i16::from_le_bytes([b[0], b[1]]) as c_int,
        Err(_) => -1,
    }
}

/// The rest of the file from the current position.
unsafe fn read_rest(fp: *mut libc::FILE) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = libc::fread(chunk.as_mut_ptr() as *mut libc::c_void, 1, chunk.len(), fp);
        out.extend_from_slice(&chunk[..n]);
        if n < chunk.len() {
            return out;
        }
    }
}

/// Reads one object, leaving the file just after it.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadObjectFromFile(fp: *mut libc::FILE) -> *mut PyObject {
    catch_obj(|| {
        let data = read_rest(fp);
        let mut r = crate::rt::marshal::Reader::new(&data);
        let result = crate::rt::marshal::read_top(&mut r);
        // Give back what the object did not use (a regular file can seek).
        let unused = data.len() - r.position().min(data.len());
        if unused > 0 {
            libc::fseek(fp, -(unused as libc::c_long), libc::SEEK_CUR);
        }
        result
    })
}

/// Reads the object that fills the rest of the file.
#[no_mangle]
pub unsafe extern "C" fn PyMarshal_ReadLastObjectFromFile(fp: *mut libc::FILE) -> *mut PyObject {
    catch_obj(|| crate::rt::marshal::loads(&read_rest(fp)))
}
