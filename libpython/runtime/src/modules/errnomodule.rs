//! The `errno` module (CPython's Modules/errnomodule.c): each error name with its value on
//! this platform, and `errorcode` mapping values back to names. The table is generated from
//! python3.11 by `tools/gen_errno.py` into `errno_table.rs`.

use crate::err::PyResult;
use crate::object::*;
use crate::objects::{dictobject as dict, longobject as long, moduleobject, unicodeobject as str_};

mod table {
    include!("errno_table.rs");
}

const DOC: &str = "This module makes available standard errno system symbols.\n\n\
The value of each symbol is the corresponding integer value,\n\
e.g., on most systems, errno.ENOENT equals the integer 2.\n\n\
The dictionary errno.errorcode maps numeric codes to symbol names,\n\
e.g., errno.errorcode[2] could be the string 'ENOENT'.\n\n\
Symbols that are not relevant to the underlying system are not defined.\n\n\
To map error codes to error messages, use the function os.strerror(),\n\
e.g. os.strerror(2) could return 'No such file or directory'.";

/// Makes the `errno` module.
pub unsafe fn init() -> PyResult<Obj> {
    let name = str_::from_str("errno")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    let codes = dict::new()?;
    dict::set_item_str(d, "errorcode", codes.as_ptr())?;
    for (k, v) in table::NAMES.iter() {
        dict::set_item_str(d, k, long::from_i64(*v as i64).as_ptr())?;
    }
    for (v, k) in table::ERRORCODE.iter() {
        dict::set_item(codes.as_ptr(), long::from_i64(*v as i64).as_ptr(), str_::from_str(k)?.as_ptr())?;
    }
    Ok(m)
}
