//! The `_io` module (CPython's Modules/_io/_iomodule.c): module init, `open` (mode parsing
//! with CPython's ValueErrors, the buffering rules, `opener`, `closefd`), `open_code`,
//! `text_encoding`, `DEFAULT_BUFFER_SIZE`, `UnsupportedOperation`, `BlockingIOError`.
//! The types live in `io_iobase.rs`, `io_bytesio.rs`, `io_stringio.rs`, `io_fileio.rs`,
//! `io_buffered.rs`, `io_textio.rs` and `io_newline.rs`.
//!
//! Safety: every `unsafe fn` here takes live objects and runs with the thread state
//! attached.

use super::io_iobase::*;
use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name};
use crate::objects::{dictobject as dict, moduleobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ptr::null_mut;

const DOC: &str = "The io module provides the Python interfaces to stream handling. The\n\
builtin open function is defined in this module.\n\
\n\
At the top of the I/O hierarchy is the abstract base class IOBase. It\n\
defines the basic interface to a stream. Note, however, that there is no\n\
separation between reading and writing to streams; implementations are\n\
allowed to raise an OSError if they do not support a given operation.\n\
\n\
Extending IOBase is RawIOBase which deals simply with the reading and\n\
writing of raw bytes to a stream. FileIO subclasses RawIOBase to provide\n\
an interface to OS files.\n\
\n\
BufferedIOBase deals with buffering on a raw byte stream (RawIOBase). Its\n\
subclasses, BufferedWriter, BufferedReader, and BufferedRWPair buffer\n\
streams that are readable, writable, and both respectively.\n\
BufferedRandom provides a buffered interface to random access\n\
streams. BytesIO is a simple stream of in-memory bytes.\n\
\n\
Another IOBase subclass, TextIOBase, deals with the encoding and decoding\n\
of streams into text. TextIOWrapper, which extends it, is a buffered text\n\
interface to a buffered raw stream (`BufferedIOBase`). Finally, StringIO\n\
is an in-memory stream for text.\n\
\n\
Argument names are not part of the specification, and only the arguments\n\
of open() are intended to be used as keyword arguments.\n\
\n\
data:\n\
\n\
DEFAULT_BUFFER_SIZE\n\
\n\
   An int containing the default buffer size used by the module's buffered\n\
   I/O classes. open() uses the file's blksize (as obtained by os.stat) if\n\
   possible.\n";

/// PyNumber_Check.
unsafe fn number_check(o: *mut PyObject) -> bool {
    let nb = (*type_of(o)).tp_as_number;
    (!nb.is_null() && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some()))
        || crate::objects::complexobject::check(o)
}

/// An optional str argument of `func` (None or absent: None).
pub unsafe fn opt_str(func: &str, name: &str, v: Option<*mut PyObject>) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) if is_none(v) => Ok(None),
        Some(v) if str_::check(v) => {
            let s = str_::as_str(v)?;
            if s.contains('\0') {
                return Err(raise(exc::value_error(), "embedded null character"));
            }
            Ok(Some(s.to_owned()))
        }
        Some(v) => Err(raise(exc::type_error(), format!("{func}() argument '{name}' must be str or None, not {}", full_name(type_of(v))))),
    }
}

/// A C int argument (`_PyLong_AsInt` with the clinic's float check).
pub unsafe fn int_arg(v: *mut PyObject) -> PyResult<i64> {
    if crate::objects::floatobject::check(v) {
        return Err(raise(exc::type_error(), "'float' object cannot be interpreted as an integer"));
    }
    Ok(crate::protocol::number::c_int_arg(v)? as i64)
}

unsafe fn call_type(tp: *mut PyTypeObject, args: &[*mut PyObject]) -> PyResult<Obj> {
    crate::protocol::call::vectorcall(tp as *mut PyObject, args, null_mut())
}

unsafe extern "C" fn io_open(_m: *mut PyObject, args: *const *mut PyObject, nargsf: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let names = ["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"];
        let a = fast_bind("open", args, nargsf as usize, kwnames, &names, 1)?;
        let file = a[0].expect("required");
        let mode = match a[1] {
            None => "r".to_owned(),
            Some(m) if str_::check(m) => str_::as_str(m)?.to_owned(),
            Some(m) => return Err(raise(exc::type_error(), format!("open() argument 'mode' must be str, not {}", full_name(type_of(m))))),
        };
        let buffering = match a[2] {
            None => -1,
            Some(b) => int_arg(b)?,
        };
        let encoding = opt_str("open", "encoding", a[3])?;
        let errors = opt_str("open", "errors", a[4])?;
        let newline = opt_str("open", "newline", a[5])?;
        let closefd = match a[6] {
            None => true,
            Some(c) => int_arg(c)? != 0,
        };
        let opener = a[7].unwrap_or(crate::objects::noneobject::none());
        open_impl(file, &mode, buffering, encoding.as_deref(), errors.as_deref(), newline.as_deref(), closefd, opener)
    })
}

/// Binds vectorcall arguments to `names` (the first `min` required), as clinic does.
pub unsafe fn fast_bind(func: &str, args: *const *mut PyObject, nargsf: usize, kwnames: *mut PyObject, names: &[&str], min: usize) -> PyResult<Vec<Option<*mut PyObject>>> {
    crate::protocol::args::with_vectorcall(args, nargsf, kwnames, |sp| {
        if sp.pos.len() > names.len() {
            return Err(raise(exc::type_error(), format!("{func}() takes at most {} arguments ({} given)", names.len(), sp.pos.len() + sp.names.len())));
        }
        let mut out: Vec<Option<*mut PyObject>> = vec![None; names.len()];
        for (i, &v) in sp.pos.iter().enumerate() {
            out[i] = Some(v);
        }
        for (&k, &v) in sp.names.iter().zip(sp.values) {
            let key = str_::as_str(k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) if out[i].is_some() => {
                    return Err(raise(exc::type_error(), format!("argument for {func}() given by name ('{key}') and position ({})", i + 1)))
                }
                Some(i) => out[i] = Some(v),
                None => return Err(raise(exc::type_error(), format!("'{key}' is an invalid keyword argument for {func}()"))),
            }
        }
        for (i, v) in out.iter().enumerate().take(min) {
            if v.is_none() {
                return Err(raise(exc::type_error(), format!("{func}() missing required argument '{}' (pos {})", names[i], i + 1)));
            }
        }
        Ok(out)
    })
}

#[allow(clippy::too_many_arguments)]
pub unsafe fn open_impl(
    file: *mut PyObject,
    mode: &str,
    mut buffering: i64,
    encoding: Option<&str>,
    errors: Option<&str>,
    newline: Option<&str>,
    closefd: bool,
    opener: *mut PyObject,
) -> PyResult<Obj> {
    let is_number = number_check(file);
    let path_or_fd = if is_number { Obj::from_borrowed(file) } else { super::io_fileio::fspath(file)? };
    if !is_number && !str_::check(path_or_fd.as_ptr()) && !crate::objects::bytesobject::check(path_or_fd.as_ptr()) {
        return Err(raise(exc::type_error(), format!("invalid file: {}", proto::repr_string(file)?)));
    }
    let (mut creating, mut reading, mut writing, mut appending, mut updating, mut text, mut binary) = (false, false, false, false, false, false, false);
    let invalid = || raise(exc::value_error(), format!("invalid mode: '{mode}'"));
    for (i, c) in mode.char_indices() {
        match c {
            'x' => creating = true,
            'r' => reading = true,
            'w' => writing = true,
            'a' => appending = true,
            '+' => updating = true,
            't' => text = true,
            'b' => binary = true,
            _ => return Err(invalid()),
        }
        if mode[i + c.len_utf8()..].contains(c) {
            return Err(invalid());
        }
    }
    let mut rawmode = String::new();
    for (on, ch) in [(creating, 'x'), (reading, 'r'), (writing, 'w'), (appending, 'a'), (updating, '+')] {
        if on {
            rawmode.push(ch);
        }
    }
    if text && binary {
        return Err(raise(exc::value_error(), "can't have text and binary mode at once"));
    }
    if creating as u8 + reading as u8 + writing as u8 + appending as u8 > 1 {
        return Err(raise(exc::value_error(), "must have exactly one of create/read/write/append mode"));
    }
    if binary && encoding.is_some() {
        return Err(raise(exc::value_error(), "binary mode doesn't take an encoding argument"));
    }
    if binary && errors.is_some() {
        return Err(raise(exc::value_error(), "binary mode doesn't take an errors argument"));
    }
    if binary && newline.is_some() {
        return Err(raise(exc::value_error(), "binary mode doesn't take a newline argument"));
    }
    if binary && buffering == 1 {
        crate::report::warn(exc::runtime_warning(), "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used")?;
    }
    let rm = str_::from_str(&rawmode)?;
    let cfd = boolean(closefd);
    let raw = call_type(&raw mut super::io_fileio::FILEIO_TYPE, &[path_or_fd.as_ptr(), rm.as_ptr(), cfd.as_ptr(), opener])?;
    let result = raw.clone();
    let close_on_error = |e: crate::err::ErrSet, obj: &Obj| {
        let saved = crate::err::fetch();
        let _ = call(obj.as_ptr(), "close", &[]);
        crate::err::clear();
        crate::err::restore(saved.0, saved.1, saved.2);
        e
    };
    let mut go = || -> PyResult<Obj> {
        let mut isatty = false;
        if buffering < 0 {
            let r = call(raw.as_ptr(), "isatty", &[])?;
            isatty = proto::is_true(r.as_ptr())?;
        }
        let line_buffering = if buffering == 1 || isatty {
            buffering = -1;
            true
        } else {
            false
        };
        if buffering < 0 {
            let b = proto::getattr_str(raw.as_ptr(), "_blksize")?;
            buffering = crate::objects::longobject::as_c_long(b.as_ptr())?;
        }
        if buffering < 0 {
            return Err(raise(exc::value_error(), "invalid buffering size"));
        }
        if buffering == 0 {
            if !binary {
                return Err(raise(exc::value_error(), "can't have unbuffered text I/O"));
            }
            return Ok(raw.clone());
        }
        let tp = if updating {
            &raw mut super::io_buffered::BUFFEREDRANDOM_TYPE
        } else if creating || writing || appending {
            &raw mut super::io_buffered::BUFFEREDWRITER_TYPE
        } else if reading {
            &raw mut super::io_buffered::BUFFEREDREADER_TYPE
        } else {
            return Err(raise(exc::value_error(), format!("unknown mode: '{mode}'")));
        };
        let bs = int(buffering);
        let buffer = call_type(tp, &[raw.as_ptr(), bs.as_ptr()])?;
        if binary {
            return Ok(buffer);
        }
        let opt = |s: Option<&str>| -> PyResult<Obj> {
            match s {
                Some(s) => str_::from_str(s),
                None => Ok(none()),
            }
        };
        let (e, er, nl) = (opt(encoding)?, opt(errors)?, opt(newline)?);
        let lb = boolean(line_buffering);
        let wrapper = call_type(&raw mut super::io_textio::TEXTIOWRAPPER_TYPE, &[buffer.as_ptr(), e.as_ptr(), er.as_ptr(), nl.as_ptr(), lb.as_ptr()])
            .map_err(|e| close_on_error(e, &buffer))?;
        let m = str_::from_str(mode)?;
        proto::setattr(wrapper.as_ptr(), str_::intern("mode")?, m.as_ptr()).map_err(|e| close_on_error(e, &wrapper))?;
        Ok(wrapper)
    };
    go().map_err(|e| close_on_error(e, &result))
}

unsafe extern "C" fn io_open_code(_m: *mut PyObject, args: *const *mut PyObject, nargsf: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = fast_bind("open_code", args, nargsf as usize, kwnames, &["path"], 1)?;
        let p = a[0].expect("required");
        if !str_::check(p) {
            return Err(raise(exc::type_error(), format!("open_code() argument 'path' must be str, not {}", full_name(type_of(p)))));
        }
        open_impl(p, "rb", -1, None, None, None, true, crate::objects::noneobject::none())
    })
}

/// Is Python in UTF-8 mode (`sys.flags.utf8_mode`)?
pub unsafe fn utf8_mode() -> bool {
    match crate::pythonrun::sys_attr("flags") {
        Some(f) => match proto::getattr_str(f, "utf8_mode") {
            Ok(v) => proto::is_true(v.as_ptr()).unwrap_or(false),
            Err(_) => {
                crate::err::clear();
                false
            }
        },
        None => false,
    }
}

unsafe extern "C" fn io_text_encoding(_m: *mut PyObject, args: *const *mut PyObject, n: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let a = crate::modules::args(args, n);
        crate::protocol::args::check_positional("text_encoding", a.len(), 1, 2)?;
        if let Some(&s) = a.get(1) {
            int_arg(s)?;
        }
        if !is_none(a[0]) {
            return Ok(Obj::from_borrowed(a[0]));
        }
        str_::from_str(if super::io_textio::utf8_mode_effective() { "utf-8" } else { "locale" })
    })
}

static mut IO_FUNCTIONS: [PyMethodDef; 4] = [
    typeobject::method(c"open", io_open as *const (), METH_FASTCALL | METH_KEYWORDS, c"Open file and return a stream.  Raise OSError upon failure."),
    typeobject::method(c"open_code", io_open_code as *const (), METH_FASTCALL | METH_KEYWORDS, c"Opens the provided file with the intent to import the contents."),
    typeobject::method(c"text_encoding", io_text_encoding as *const (), METH_FASTCALL, c"A helper function to choose the text encoding."),
    typeobject::METHOD_END,
];

pub unsafe fn init() -> PyResult<Obj> {
    use super::{io_buffered as b, io_bytesio as bio, io_fileio as f, io_newline as nl, io_stringio as s, io_textio as t};
    let name = str_::from_str("_io")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__doc__", str_::from_str(DOC)?.as_ptr())?;
    // CPython's module definition is named "io", which is what its functions report.
    let fname = str_::from_str("io")?;
    crate::modules::add_functions(m.as_ptr(), d, (&raw mut IO_FUNCTIONS) as *mut PyMethodDef, fname.as_ptr())?;
    dict::set_item_str(d, "DEFAULT_BUFFER_SIZE", int(DEFAULT_BUFFER_SIZE as i64).as_ptr())?;
    dict::set_item_str(d, "UnsupportedOperation", unsupported_type()?)?;
    dict::set_item_str(d, "BlockingIOError", (&raw mut crate::objects::exceptions::_PyExc_BlockingIOError) as *mut PyObject)?;
    let types: [(&str, *mut PyTypeObject); 14] = [
        ("_IOBase", &raw mut IOBASE_TYPE),
        ("_RawIOBase", &raw mut RAWIOBASE_TYPE),
        ("_BufferedIOBase", &raw mut BUFIOBASE_TYPE),
        ("_TextIOBase", &raw mut TEXTIOBASE_TYPE),
        ("FileIO", &raw mut f::FILEIO_TYPE),
        ("BytesIO", &raw mut bio::BYTESIO_TYPE),
        ("StringIO", &raw mut s::STRINGIO_TYPE),
        ("BufferedReader", &raw mut b::BUFFEREDREADER_TYPE),
        ("BufferedWriter", &raw mut b::BUFFEREDWRITER_TYPE),
        ("BufferedRWPair", &raw mut b::BUFFEREDRWPAIR_TYPE),
        ("BufferedRandom", &raw mut b::BUFFEREDRANDOM_TYPE),
        ("TextIOWrapper", &raw mut t::TEXTIOWRAPPER_TYPE),
        ("IncrementalNewlineDecoder", &raw mut nl::NLDEC_TYPE),
        ("_BytesIOBuffer", &raw mut bio::BYTESIOBUF_TYPE),
    ];
    t::prepare();
    finalizing_writable((&raw mut f::FILEIO_GETSET) as *mut PyGetSetDef);
    finalizing_writable((&raw mut b::BUFFERED_GETSET) as *mut PyGetSetDef);
    // IncrementalNewlineDecoder shares the layout but has no instance dict in CPython.
    (*(&raw mut nl::NLDEC_TYPE)).tp_dictoffset = 0;
    for (k, tp) in types {
        typeobject::ready(tp)?;
        if k != "_BytesIOBuffer" {
            dict::set_item_str(d, k, tp as *mut PyObject)?;
        }
    }
    let _ = tuple::pack;
    Ok(m)
}
