//! The `pwd` module (CPython's Modules/pwdmodule.c): `getpwuid`, `getpwnam`, `getpwall`
//! and the `struct_passwd` struct sequence, through the reentrant `getpw*_r` calls.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! a `passwd` record's strings live in the buffer passed with it.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::{decode_fs, encode_fs};
use crate::object::*;
use crate::objects::typeobject::{self, short_name, METHOD_END};
use crate::objects::{bytesobject as bytes, dictobject as dict, listobject as list, longobject as long, moduleobject, unicodeobject as str_};
use crate::posix_fns;
use std::ffi::{c_char, CStr};

static mut STRUCT_PASSWD: PyTypeObject = PyTypeObject { ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0), ..PyTypeObject::EMPTY };

const DOC: &str = "This module provides access to the Unix password database.\nIt is available on all Unix versions.\n\nPassword database entries are reported as 7-tuples containing the following\nitems from the password database (see `<pwd.h>'), in order:\npw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell.\nThe uid and gid items are integers, all others are strings. An\nexception is raised if the entry asked for cannot be found.";

unsafe fn text(p: *const c_char) -> PyResult<Obj> {
    if p.is_null() {
        return Ok(crate::modules::posix_path::none());
    }
    decode_fs(CStr::from_ptr(p).to_bytes())
}

unsafe fn entry(pw: &libc::passwd) -> PyResult<Obj> {
    let v = vec![
        text(pw.pw_name)?,
        text(pw.pw_passwd)?,
        long::from_i64(pw.pw_uid as i64),
        long::from_i64(pw.pw_gid as i64),
        text(pw.pw_gecos)?,
        text(pw.pw_dir)?,
        text(pw.pw_shell)?,
    ];
    crate::modules::sys_info::build(&raw mut STRUCT_PASSWD, v)
}

/// Runs a `getpw*_r` call with a growing buffer: Some record, None when there is none.
unsafe fn lookup(mut f: impl FnMut(*mut libc::passwd, *mut c_char, usize, *mut *mut libc::passwd) -> libc::c_int) -> PyResult<Option<Obj>> {
    let mut size = 1024;
    loop {
        let mut buf = vec![0 as c_char; size];
        let mut pw: libc::passwd = std::mem::zeroed();
        let mut res: *mut libc::passwd = std::ptr::null_mut();
        let r = f(&mut pw, buf.as_mut_ptr(), size, &mut res);
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 2;
            continue;
        }
        if res.is_null() {
            return Ok(None);
        }
        return entry(&pw).map(Some);
    }
}

posix_fns! {
    pwd_getpwuid("getpwuid", ["uidobj"], 1, 1, 1) = |a| {
        let uid = match crate::modules::posix_fs::id_arg(a[0], "uid") {
            Ok(u) => u,
            Err(e) => {
                if crate::err::exception_matches(exc::overflow_error()) {
                    crate::err::clear();
                    return Err(raise(exc::key_error(), "getpwuid(): uid not found"));
                }
                return Err(e);
            }
        };
        match lookup(|pw, b, n, r| libc::getpwuid_r(uid, pw, b, n, r))? {
            Some(e) => Ok(e),
            None => Err(raise(exc::key_error(), format!("getpwuid(): uid not found: {}", uid as i32))),
        }
    };
    pwd_getpwnam("getpwnam", ["name"], 1, 1, 1) = |a| {
        let o = a[0];
        if !str_::check(o) {
            return Err(raise(exc::type_error(), format!("getpwnam() argument must be str, not {}", short_name(type_of(o)))));
        }
        let b = encode_fs(o)?;
        let name = std::ffi::CString::new(bytes::as_slice(b.as_ptr())).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
        match lookup(|pw, b, n, r| libc::getpwnam_r(name.as_ptr(), pw, b, n, r))? {
            Some(e) => Ok(e),
            None => Err(raise(exc::key_error(), format!("getpwnam(): name not found: {}", str_::repr_string(o)))),
        }
    };
    pwd_getpwall("getpwall", [], 0, 0, 0) = |_a| {
        let out = list::new(0)?;
        libc::setpwent();
        let r = (|| -> PyResult<()> {
            loop {
                let p = libc::getpwent();
                if p.is_null() {
                    return Ok(());
                }
                list::append(out.as_ptr(), entry(&*p)?.as_ptr())?;
            }
        })();
        libc::endpwent();
        r.map(|_| out)
    };
}

static mut METHODS: [PyMethodDef; 4] = [
    crate::modules::fast_kw(c"getpwuid", pwd_getpwuid),
    crate::modules::fast_kw(c"getpwnam", pwd_getpwnam),
    crate::modules::fast_kw(c"getpwall", pwd_getpwall),
    METHOD_END,
];

/// Makes the `pwd` module.
pub unsafe fn init() -> PyResult<Obj> {
    crate::objects::structseq::ready_static(
        &raw mut STRUCT_PASSWD,
        c"pwd.struct_passwd",
        c"pwd.struct_passwd: Results from getpw*() routines.\n\nThis object may be accessed either as a tuple of\n  (pw_name,pw_passwd,pw_uid,pw_gid,pw_gecos,pw_dir,pw_shell)\nor via the object attributes as named in the above tuple.",
        &[c"pw_name".as_ptr(), c"pw_passwd".as_ptr(), c"pw_uid".as_ptr(), c"pw_gid".as_ptr(), c"pw_gecos".as_ptr(), c"pw_dir".as_ptr(), c"pw_shell".as_ptr()],
        7,
        0,
    )?;
    let name = str_::from_str("pwd")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    dict::set_item_str(d, "struct_passwd", (&raw mut STRUCT_PASSWD) as *mut PyObject)?;
    Ok(m)
}
