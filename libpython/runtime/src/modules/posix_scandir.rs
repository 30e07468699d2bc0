//! `posix.scandir` and its two types: `ScandirIterator` (a context manager over an open
//! directory, closed at the end, by `close()`, `__exit__` or deallocation) and `DirEntry`
//! (name, path, `inode()`, `is_dir`/`is_file`/`is_symlink` from `d_type` where it is known,
//! `stat()` with the stat and lstat results cached), as CPython's posixmodule.c.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state attached;
//! raw field accesses rely on the object being of the type whose slot is running.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::modules::posix_path::*;
use crate::object::*;
use crate::objects::descrobject::{member, MEMBER_END, READONLY, T_OBJECT};
use crate::objects::typeobject::{self, method, METHOD_END};
use crate::objects::{bytesobject as bytes, longobject as long, noneobject, unicodeobject as str_};
use crate::posix_fns;
use crate::protocol::args::{clinic, with_vectorcall, Clinic};
use crate::protocol::object as proto;
use std::ffi::{c_int, CStr};
use std::mem::{offset_of, size_of};
use std::ptr::null_mut;

#[repr(C)]
struct ScandirIter {
    ob_base: PyObject,
    dirp: *mut libc::DIR,
    /// The converted path (a Box), kept for the entries' paths and errors.
    path: *mut PathArg,
}

#[repr(C)]
struct Entry {
    ob_base: PyObject,
    name: *mut PyObject,
    path: *mut PyObject,
    stat: *mut PyObject,
    lstat: *mut PyObject,
    d_type: u8,
    ino: u64,
    /// The directory's fd when scandir was given one (names are then relative to it).
    dir_fd: c_int,
}

pub static mut SCANDIR_ITER: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"posix.ScandirIterator".as_ptr(),
    tp_basicsize: size_of::<ScandirIter>() as _,
    tp_dealloc: Some(iter_dealloc),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_iter: Some(crate::objects::iterobject::self_iter),
    tp_iternext: Some(iter_next),
    tp_methods: (&raw mut ITER_METHODS) as *mut PyMethodDef,
    ..PyTypeObject::EMPTY
};

pub static mut DIR_ENTRY: PyTypeObject = PyTypeObject {
    ob_base: immortal_var_head(&raw mut typeobject::PyType_Type, 0),
    tp_name: c"posix.DirEntry".as_ptr(),
    tp_basicsize: size_of::<Entry>() as _,
    tp_dealloc: Some(entry_dealloc),
    tp_repr: Some(entry_repr),
    tp_getattro: Some(proto::PyObject_GenericGetAttr),
    tp_flags: Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    tp_methods: (&raw mut ENTRY_METHODS) as *mut PyMethodDef,
    tp_members: (&raw mut ENTRY_MEMBERS) as *mut PyMemberDef,
    ..PyTypeObject::EMPTY
};

pub unsafe fn ready_types() -> PyResult<()> {
    typeobject::ready(&raw mut SCANDIR_ITER)?;
    typeobject::ready(&raw mut DIR_ENTRY)
}

// ---- the iterator ------------------------------------------------------------------------

unsafe fn it(op: *mut PyObject) -> &'static mut ScandirIter {
    &mut *(op as *mut ScandirIter)
}

unsafe fn close_dir(s: &mut ScandirIter) {
    if s.dirp.is_null() {
        return;
    }
    if !s.path.is_null() && (*s.path).fd != -1 {
        libc::rewinddir(s.dirp);
    }
    libc::closedir(s.dirp);
    s.dirp = null_mut();
}

unsafe extern "C" fn iter_dealloc(op: *mut PyObject) {
    let s = it(op);
    if !s.dirp.is_null() {
        close_dir(s);
        // Resurrected for the warning (it may keep the iterator), as CPython's finalizer.
        (*op).ob_refcnt = 1;
        let saved = crate::err::fetch();
        crate::guard::catch((), || {
            let msg = match proto::repr_string(op) {
                Ok(r) => format!("unclosed scandir iterator {r}"),
                Err(_) => "unclosed scandir iterator".to_owned(),
            };
            if crate::report::warn_about_object(exc::resource_warning(), &msg, op).is_err() {
                crate::report::write_unraisable("Exception ignored in", op);
            }
        });
        crate::err::restore(saved.0, saved.1, saved.2);
        (*op).ob_refcnt -= 1;
        if (*op).ob_refcnt > 0 {
            return;
        }
    }
    if !s.path.is_null() {
        drop(Box::from_raw(s.path));
        s.path = null_mut();
    }
    typeobject::free_instance(op);
}

/// `dir/name` as CPython's join_path_filename: no slash added after a trailing one.
fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let mut v = dir.to_vec();
    if !v.is_empty() && v.last() != Some(&b'/') {
        v.push(b'/');
    }
    v.extend_from_slice(name);
    v
}

unsafe fn new_entry(p: &PathArg, name: &[u8], d_type: u8, ino: u64) -> PyResult<Obj> {
    let e = typeobject::alloc_instance(&raw mut DIR_ENTRY)?;
    let f = &mut *(e.as_ptr() as *mut Entry);
    f.d_type = d_type;
    f.ino = ino;
    f.dir_fd = p.fd;
    f.name = os_name(name, p.is_bytes)?.into_ptr();
    f.path = if p.fd != -1 {
        incref(f.name);
        f.name
    } else {
        let dir: &[u8] = match &p.c {
            Some(c) => c.as_bytes(),
            None => b".",
        };
        os_name(&join(dir, name), p.is_bytes)?.into_ptr()
    };
    Ok(e)
}

unsafe extern "C" fn iter_next(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch(null_mut(), || {
        let s = it(op);
        if s.dirp.is_null() {
            return null_mut();
        }
        loop {
            *libc::__errno_location() = 0;
            let ent = libc::readdir(s.dirp);
            if ent.is_null() {
                let e = crate::err::last_errno();
                if e != 0 {
                    *libc::__errno_location() = e;
                    let _ = (*s.path).error();
                }
                close_dir(s);
                return null_mut();
            }
            let name = CStr::from_ptr((*ent).d_name.as_ptr()).to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            return match new_entry(&*s.path, name, (*ent).d_type, (*ent).d_ino) {
                Ok(e) => e.into_ptr(),
                Err(_) => null_mut(),
            };
        }
    })
}

unsafe extern "C" fn iter_close(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    close_dir(it(op));
    none().into_ptr()
}

unsafe extern "C" fn iter_enter(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    incref(op);
    op
}

unsafe extern "C" fn iter_exit(op: *mut PyObject, _args: *mut PyObject) -> *mut PyObject {
    close_dir(it(op));
    none().into_ptr()
}

static mut ITER_METHODS: [PyMethodDef; 4] = [
    method(c"__enter__", iter_enter as *const (), METH_NOARGS, c""),
    method(c"__exit__", iter_exit as *const (), METH_VARARGS, c""),
    method(c"close", iter_close as *const (), METH_NOARGS, c""),
    METHOD_END,
];

unsafe fn scandir(a: &[*mut PyObject]) -> PyResult<Obj> {
    let o = if a[0].is_null() { noneobject::none() } else { a[0] };
    let p = path_arg("scandir", "path", o, true, true)?;
    let dirp = if p.fd != -1 {
        let fd = libc::fcntl(p.fd, libc::F_DUPFD_CLOEXEC, 0);
        if fd < 0 {
            return Err(p.error());
        }
        let d = libc::fdopendir(fd);
        if d.is_null() {
            let e = p.error();
            libc::close(fd);
            return Err(e);
        }
        d
    } else {
        libc::opendir(if p.c.is_some() { p.ptr() } else { c".".as_ptr() })
    };
    if dirp.is_null() {
        return Err(p.error());
    }
    let r = typeobject::alloc_instance(&raw mut SCANDIR_ITER);
    let Ok(r) = r else {
        libc::closedir(dirp);
        return r;
    };
    let s = it(r.as_ptr());
    s.dirp = dirp;
    s.path = Box::into_raw(Box::new(p));
    Ok(r)
}

posix_fns! {
    posix_scandir("scandir", ["path"], 0, 0, 1) = |a| scandir(a);
}

pub static mut METHODS: [PyMethodDef; 2] = [crate::modules::fast_kw(c"scandir", posix_scandir), METHOD_END];

// ---- DirEntry ----------------------------------------------------------------------------

unsafe fn entry(op: *mut PyObject) -> &'static mut Entry {
    &mut *(op as *mut Entry)
}

unsafe extern "C" fn entry_dealloc(op: *mut PyObject) {
    let e = entry(op);
    for p in [&mut e.name, &mut e.path, &mut e.stat, &mut e.lstat] {
        xdecref(std::mem::replace(p, null_mut()));
    }
    typeobject::free_instance(op);
}

unsafe extern "C" fn entry_repr(op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| str_::from_str(&format!("<DirEntry {}>", proto::repr_string(entry(op).name)?)))
}

/// stat or lstat of the entry, uncached.
unsafe fn fetch_stat(e: &Entry, follow: bool) -> PyResult<Obj> {
    let p = if e.dir_fd != -1 { e.name } else { e.path };
    let c = if bytes::check(p) { bytes::as_slice(p).to_vec() } else { bytes::as_slice(encode_fs(p)?.as_ptr()).to_vec() };
    let c = std::ffi::CString::new(c).map_err(|_| raise(exc::value_error(), "embedded null byte"))?;
    let dir_fd = if e.dir_fd != -1 { e.dir_fd } else { DEFAULT_DIR_FD };
    let mut st: libc::stat = std::mem::zeroed();
    if libc::fstatat(dir_fd, c.as_ptr(), &mut st, if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW }) != 0 {
        return Err(crate::err::set_from_errno(exc::os_error(), crate::err::last_errno(), e.path, null_mut()));
    }
    crate::modules::posix_stat::from_stat(&st)
}

unsafe fn cached_lstat(e: &mut Entry) -> PyResult<Obj> {
    if e.lstat.is_null() {
        e.lstat = fetch_stat(e, false)?.into_ptr();
    }
    Ok(Obj::from_borrowed(e.lstat))
}

unsafe fn is_symlink(e: &mut Entry) -> PyResult<bool> {
    if e.d_type != libc::DT_UNKNOWN {
        return Ok(e.d_type == libc::DT_LNK);
    }
    Ok(st_mode(cached_lstat(e)?.as_ptr())? & libc::S_IFMT == libc::S_IFLNK)
}

unsafe fn st_mode(st: *mut PyObject) -> PyResult<u32> {
    let m = *crate::objects::tupleobject::items_ptr(st);
    Ok(long::as_i64(m).unwrap_or(0) as u32)
}

unsafe fn get_stat(e: &mut Entry, follow: bool) -> PyResult<Obj> {
    if !follow {
        return cached_lstat(e);
    }
    if is_symlink(e)? {
        if e.stat.is_null() {
            e.stat = fetch_stat(e, true)?.into_ptr();
        }
        return Ok(Obj::from_borrowed(e.stat));
    }
    cached_lstat(e)
}

/// is_dir / is_file: from `d_type` where that settles it, else from a stat whose
/// FileNotFoundError means False (CPython's DirEntry_test_mode).
unsafe fn test_mode(e: &mut Entry, follow: bool, kind: u32) -> PyResult<bool> {
    let need_stat = e.d_type == libc::DT_UNKNOWN || (follow && is_symlink(e)?);
    if need_stat {
        let st = match get_stat(e, follow) {
            Ok(st) => st,
            Err(err) => {
                if crate::err::exception_matches(exc::file_not_found_error()) {
                    crate::err::clear();
                    return Ok(false);
                }
                return Err(err);
            }
        };
        return Ok(st_mode(st.as_ptr())? & libc::S_IFMT == kind);
    }
    Ok(match kind {
        libc::S_IFDIR => e.d_type == libc::DT_DIR,
        _ => e.d_type == libc::DT_REG,
    })
}

const FOLLOW: Clinic = Clinic { fname: "", names: &["follow_symlinks"], posonly: 0, minpos: 0, maxpos: 0 };

unsafe fn follow_method(name: &'static str, op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject, f: impl FnOnce(&mut Entry, bool) -> PyResult<Obj>) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        with_vectorcall(args, nargs as usize, kwnames, |s| {
            let sig = Clinic { fname: name, ..FOLLOW };
            let a = clinic(&sig, &s)?;
            let follow = bool_or(a[0], true)?;
            f(entry(op), follow)
        })
    })
}

unsafe extern "C" fn entry_is_dir(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    follow_method("is_dir", op, args, nargs, kwnames, |e, f| Ok(bool_obj(test_mode(e, f, libc::S_IFDIR)?)))
}

unsafe extern "C" fn entry_is_file(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    follow_method("is_file", op, args, nargs, kwnames, |e, f| Ok(bool_obj(test_mode(e, f, libc::S_IFREG)?)))
}

unsafe extern "C" fn entry_stat(op: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    follow_method("stat", op, args, nargs, kwnames, |e, f| get_stat(e, f))
}

unsafe extern "C" fn entry_is_symlink(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(bool_obj(is_symlink(entry(op))?)))
}

unsafe extern "C" fn entry_inode(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(long::from_u64(entry(op).ino)))
}

unsafe extern "C" fn entry_fspath(op: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(Obj::from_borrowed(entry(op).path)))
}

static mut ENTRY_METHODS: [PyMethodDef; 8] = [
    method(c"stat", entry_stat as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return stat_result object for the entry; cached per entry."),
    method(c"is_dir", entry_is_dir as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return True if the entry is a directory; cached per entry."),
    method(c"is_file", entry_is_file as *const (), METH_FASTCALL | METH_KEYWORDS, c"Return True if the entry is a file; cached per entry."),
    method(c"is_symlink", entry_is_symlink as *const (), METH_NOARGS, c"Return True if the entry is a symbolic link; cached per entry."),
    method(c"inode", entry_inode as *const (), METH_NOARGS, c"Return inode of the entry; cached per entry."),
    method(c"__fspath__", entry_fspath as *const (), METH_NOARGS, c"Returns the path for the entry."),
    method(c"__class_getitem__", crate::objects::genericaliasobject::class_getitem as *const (), METH_O | METH_CLASS, c"See PEP 585"),
    METHOD_END,
];

static mut ENTRY_MEMBERS: [PyMemberDef; 3] = [
    member(c"name", T_OBJECT, offset_of!(Entry, name), READONLY),
    member(c"path", T_OBJECT, offset_of!(Entry, path), READONLY),
    MEMBER_END,
];
