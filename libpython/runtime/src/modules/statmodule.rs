//! The `_stat` module (CPython's Modules/_stat.c): the `S_IS*` tests, `S_IMODE`, `S_IFMT`,
//! `filemode` and the constants, with Linux's values.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::METHOD_END;
use crate::objects::{boolobject, dictobject as dict, longobject as long, moduleobject, unicodeobject as str_};

const S_IFMT: u32 = 0o170000;
const S_IFDIR: u32 = 0o040000;
const S_IFCHR: u32 = 0o020000;
const S_IFBLK: u32 = 0o060000;
const S_IFREG: u32 = 0o100000;
const S_IFIFO: u32 = 0o010000;
const S_IFLNK: u32 = 0o120000;
const S_IFSOCK: u32 = 0o140000;

/// CPython's `_PyLong_AsMode_t`: an int (no `__index__`) as an unsigned long, then as a
/// 32-bit `mode_t`.
unsafe fn mode_arg(op: *mut PyObject) -> PyResult<u32> {
    if !long::check(op) {
        return Err(raise(exc::type_error(), "an integer is required"));
    }
    if long::is_negative(op) {
        return Err(raise(exc::overflow_error(), "can't convert negative value to unsigned int"));
    }
    let v = long::as_i128(op).and_then(|v| u64::try_from(v).ok());
    let Some(v) = v else { return Err(raise(exc::overflow_error(), "Python int too large to convert to C unsigned long")) };
    u32::try_from(v).map_err(|_| raise(exc::overflow_error(), "mode out of range"))
}

unsafe fn is_type(op: *mut PyObject, kind: u32) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let mode = mode_arg(op)?;
        // The Solaris/BSD types (door, port, whiteout) have no bits on Linux: always false.
        Ok(Obj::from_borrowed(boolobject::new_bool(kind != 0 && mode & S_IFMT == kind)))
    })
}

macro_rules! is_fn {
    ($name:ident, $kind:expr) => {
        unsafe extern "C" fn $name(_m: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
            is_type(op, $kind)
        }
    };
}
is_fn!(s_isdir, S_IFDIR);
is_fn!(s_ischr, S_IFCHR);
is_fn!(s_isblk, S_IFBLK);
is_fn!(s_isreg, S_IFREG);
is_fn!(s_isfifo, S_IFIFO);
is_fn!(s_islnk, S_IFLNK);
is_fn!(s_issock, S_IFSOCK);
is_fn!(s_isdoor, 0);
is_fn!(s_isport, 0);
is_fn!(s_iswht, 0);

unsafe extern "C" fn s_imode(_m: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(long::from_i64((mode_arg(op)? & 0o7777) as i64)))
}

unsafe extern "C" fn s_ifmt(_m: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| Ok(long::from_i64((mode_arg(op)? & S_IFMT) as i64)))
}

fn filetype(mode: u32) -> char {
    match mode & S_IFMT {
        S_IFREG => '-',
        S_IFDIR => 'd',
        S_IFLNK => 'l',
        S_IFBLK => 'b',
        S_IFCHR => 'c',
        S_IFIFO => 'p',
        S_IFSOCK => 's',
        _ => '?',
    }
}

/// `-rwxrwxrwx` with the set-id and sticky bits folded into the execute columns.
fn filemode_text(mode: u32) -> String {
    let mut s = String::with_capacity(10);
    s.push(filetype(mode));
    let bit = |m: u32, c: char| if mode & m != 0 { c } else { '-' };
    let exec = |x: u32, special: u32, on: char, off: char| match (mode & special != 0, mode & x != 0) {
        (true, true) => on,
        (true, false) => off,
        (false, true) => 'x',
        (false, false) => '-',
    };
    s.push(bit(0o400, 'r'));
    s.push(bit(0o200, 'w'));
    s.push(exec(0o100, 0o4000, 's', 'S'));
    s.push(bit(0o040, 'r'));
    s.push(bit(0o020, 'w'));
    s.push(exec(0o010, 0o2000, 's', 'S'));
    s.push(bit(0o004, 'r'));
    s.push(bit(0o002, 'w'));
    s.push(exec(0o001, 0o1000, 't', 'T'));
    s
}

unsafe extern "C" fn filemode(_m: *mut PyObject, op: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| str_::from_str(&filemode_text(mode_arg(op)?)))
}

type Unary = unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject;

const fn meth_o(name: &'static std::ffi::CStr, f: Unary, doc: &'static std::ffi::CStr) -> PyMethodDef {
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(f), ml_flags: METH_O, ml_doc: doc.as_ptr() }
}

static mut METHODS: [PyMethodDef; 14] = [
    meth_o(c"S_ISDIR", s_isdir, c"S_ISDIR(mode) -> bool\n\nReturn True if mode is from a directory."),
    meth_o(c"S_ISCHR", s_ischr, c"S_ISCHR(mode) -> bool\n\nReturn True if mode is from a character special device file."),
    meth_o(c"S_ISBLK", s_isblk, c"S_ISBLK(mode) -> bool\n\nReturn True if mode is from a block special device file."),
    meth_o(c"S_ISREG", s_isreg, c"S_ISREG(mode) -> bool\n\nReturn True if mode is from a regular file."),
    meth_o(c"S_ISFIFO", s_isfifo, c"S_ISFIFO(mode) -> bool\n\nReturn True if mode is from a FIFO (named pipe)."),
    meth_o(c"S_ISLNK", s_islnk, c"S_ISLNK(mode) -> bool\n\nReturn True if mode is from a symbolic link."),
    meth_o(c"S_ISSOCK", s_issock, c"S_ISSOCK(mode) -> bool\n\nReturn True if mode is from a socket."),
    meth_o(c"S_ISDOOR", s_isdoor, c"S_ISDOOR(mode) -> bool\n\nReturn True if mode is from a door."),
    meth_o(c"S_ISPORT", s_isport, c"S_ISPORT(mode) -> bool\n\nReturn True if mode is from an event port."),
    meth_o(c"S_ISWHT", s_iswht, c"S_ISWHT(mode) -> bool\n\nReturn True if mode is from a whiteout."),
    meth_o(c"S_IMODE", s_imode, c"Return the portion of the file's mode that can be set by os.chmod()."),
    meth_o(c"S_IFMT", s_ifmt, c"Return the portion of the file's mode that describes the file type."),
    meth_o(c"filemode", filemode, c"Convert a file's mode to a string of the form '-rwxrwxrwx'"),
    METHOD_END,
];

const DOC: &str = "S_IFMT_: file type bits\nS_IFDIR: directory\nS_IFCHR: character device\nS_IFBLK: block device\nS_IFREG: regular file\nS_IFIFO: fifo (named pipe)\nS_IFLNK: symbolic link\nS_IFSOCK: socket file\nS_IFDOOR: door\nS_IFPORT: event port\nS_IFWHT: whiteout\n\nS_ISUID: set UID bit\nS_ISGID: set GID bit\nS_ENFMT: file locking enforcement\nS_ISVTX: sticky bit\nS_IREAD: Unix V7 synonym for S_IRUSR\nS_IWRITE: Unix V7 synonym for S_IWUSR\nS_IEXEC: Unix V7 synonym for S_IXUSR\nS_IRWXU: mask for owner permissions\nS_IRUSR: read by owner\nS_IWUSR: write by owner\nS_IXUSR: execute by owner\nS_IRWXG: mask for group permissions\nS_IRGRP: read by group\nS_IWGRP: write by group\nS_IXGRP: execute by group\nS_IRWXO: mask for others (not in group) permissions\nS_IROTH: read by others\nS_IWOTH: write by others\nS_IXOTH: execute by others\n\nUF_NODUMP: do not dump file\nUF_IMMUTABLE: file may not be changed\nUF_APPEND: file may only be appended to\nUF_OPAQUE: directory is opaque when viewed through a union stack\nUF_NOUNLINK: file may not be renamed or deleted\nUF_COMPRESSED: OS X: file is hfs-compressed\nUF_HIDDEN: OS X: file should not be displayed\nSF_ARCHIVED: file may be archived\nSF_IMMUTABLE: file may not be changed\nSF_APPEND: file may only be appended to\nSF_NOUNLINK: file may not be renamed or deleted\nSF_SNAPSHOT: file is a snapshot file\n\nST_MODE\nST_INO\nST_DEV\nST_NLINK\nST_UID\nST_GID\nST_SIZE\nST_ATIME\nST_MTIME\nST_CTIME\n\nFILE_ATTRIBUTE_*: Windows file attribute constants\n                   (only present on Windows)\n";

static CONSTANTS: [(&str, i64); 51] = [
    ("S_IFDIR", 16384),
    ("S_IFCHR", 8192),
    ("S_IFBLK", 24576),
    ("S_IFREG", 32768),
    ("S_IFIFO", 4096),
    ("S_IFLNK", 40960),
    ("S_IFSOCK", 49152),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 2048),
    ("S_ISGID", 1024),
    ("S_ISVTX", 512),
    ("S_ENFMT", 1024),
    ("S_IREAD", 256),
    ("S_IWRITE", 128),
    ("S_IEXEC", 64),
    ("S_IRWXU", 448),
    ("S_IRUSR", 256),
    ("S_IWUSR", 128),
    ("S_IXUSR", 64),
    ("S_IRWXG", 56),
    ("S_IRGRP", 32),
    ("S_IWGRP", 16),
    ("S_IXGRP", 8),
    ("S_IRWXO", 7),
    ("S_IROTH", 4),
    ("S_IWOTH", 2),
    ("S_IXOTH", 1),
    ("UF_NODUMP", 1),
    ("UF_IMMUTABLE", 2),
    ("UF_APPEND", 4),
    ("UF_OPAQUE", 8),
    ("UF_NOUNLINK", 16),
    ("UF_COMPRESSED", 32),
    ("UF_HIDDEN", 32768),
    ("SF_ARCHIVED", 65536),
    ("SF_IMMUTABLE", 131072),
    ("SF_APPEND", 262144),
    ("SF_NOUNLINK", 1048576),
    ("SF_SNAPSHOT", 2097152),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

/// Makes the `_stat` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("_stat")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut METHODS) as *mut PyMethodDef, name.as_ptr())?;
    for (k, v) in CONSTANTS.iter() {
        dict::set_item_str(d, k, long::from_i64(*v).as_ptr())?;
    }
    Ok(m)
}
