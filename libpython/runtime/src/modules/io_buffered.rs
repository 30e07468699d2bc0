//! stub
use crate::ffi::PyObject;
pub struct Buffered {}
impl Buffered { pub fn objects(&self) -> Vec<*mut PyObject> { Vec::new() } }
pub struct RwPair {}
impl RwPair { pub fn objects(&self) -> Vec<*mut PyObject> { Vec::new() } }
use crate::ffi::*;
use crate::object::*;
use super::io_iobase::*;
io_type!(BUFFEREDREADER_TYPE, c"_io.BufferedReader", &raw mut BUFIOBASE_TYPE, std::ptr::null_mut(), std::ptr::null_mut(), Some(generic_new), None);
io_type!(BUFFEREDWRITER_TYPE, c"_io.BufferedWriter", &raw mut BUFIOBASE_TYPE, std::ptr::null_mut(), std::ptr::null_mut(), Some(generic_new), None);
io_type!(BUFFEREDRANDOM_TYPE, c"_io.BufferedRandom", &raw mut BUFIOBASE_TYPE, std::ptr::null_mut(), std::ptr::null_mut(), Some(generic_new), None);
io_type!(BUFFEREDRWPAIR_TYPE, c"_io.BufferedRWPair", &raw mut BUFIOBASE_TYPE, std::ptr::null_mut(), std::ptr::null_mut(), Some(generic_new), None);
