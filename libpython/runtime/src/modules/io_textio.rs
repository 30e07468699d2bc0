//! stub
use crate::ffi::PyObject;
pub struct TextIO {}
impl TextIO { pub fn objects(&self) -> Vec<*mut PyObject> { Vec::new() } }
use crate::ffi::*;
use crate::object::*;
use super::io_iobase::*;
io_type!(TEXTIOWRAPPER_TYPE, c"_io.TextIOWrapper", &raw mut TEXTIOBASE_TYPE, std::ptr::null_mut(), std::ptr::null_mut(), Some(generic_new), None);
