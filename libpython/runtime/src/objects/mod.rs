//! The builtin types, one file each, as CPython's `Objects/`.

pub mod baseobject;
pub mod boolobject;
pub mod bytesobject;
pub mod classobject;
pub mod descrobject;
pub mod dictobject;
pub mod exceptions;
pub mod floatobject;
pub mod funcobject;
pub mod iterobject;
pub mod listobject;
pub mod long_arith;
pub mod long_format;
pub mod longobject;
pub mod methodobject;
pub mod moduleobject;
pub mod noneobject;
pub mod tupleobject;
pub mod typenew;
pub mod typeobject;
pub mod typeslots;
pub mod unicode_db;
pub mod unicodeobject;
pub mod weakrefobject;
