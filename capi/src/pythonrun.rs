//! pythonrun.h and ceval.h's entry points for embedders: compiling and running source text
//! (`PyRun_*String`, `Py_CompileString*`), running code objects in a namespace, and the
//! frame's builtins/globals/locals.

use crate::rt::ceval_frame as frame;
use crate::rt::ffi::*;
use crate::rt::object::incref;
use crate::rt::guard::catch_obj;
use crate::rt::objects::{codeobject, dictobject as dict, frameobject, moduleobject};
use ferric_compiler::error::Mode;
use crate::rt::{err, exc};
use std::ffi::{c_char, c_int, c_void, CStr};
use std::ptr::null_mut;

/// `PyCompilerFlags` (cpython/compile.h).
#[repr(C)]
pub struct PyCompilerFlags {
    pub cf_flags: c_int,
    pub cf_feature_version: c_int,
}

const PY_SINGLE_INPUT: c_int = 256;
const PY_FILE_INPUT: c_int = 257;
const PY_EVAL_INPUT: c_int = 258;
const PY_FUNC_TYPE_INPUT: c_int = 345;

/// The mode of a start token, with CPython's error for any other.
unsafe fn start_mode(start: c_int) -> Result<Mode, err::ErrSet> {
    Ok(match start {
        PY_SINGLE_INPUT => Mode::Single,
        PY_FILE_INPUT => Mode::Exec,
        PY_EVAL_INPUT => Mode::Eval,
        PY_FUNC_TYPE_INPUT => Mode::FuncType,
        _ => return Err(err::raise(exc::value_error(), "invalid mode parameter for compilation")),
    })
}

unsafe fn cf_flags(flags: *mut c_void) -> u32 {
    if flags.is_null() {
        0
    } else {
        (*(flags as *mut PyCompilerFlags)).cf_flags as u32
    }
}

unsafe fn c_text<'a>(s: *const c_char) -> Result<&'a [u8], err::ErrSet> {
    if s.is_null() {
        return Err(err::raise(exc::system_error(), "bad argument to internal function"));
    }
    Ok(CStr::from_ptr(s).to_bytes())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleStringFlags(command: *const c_char, flags: *mut c_void) -> c_int {
    let r = catch_obj(|| {
        let main = crate::rt::pythonrun::main_module()?;
        let d = moduleobject::get_dict(main.as_ptr());
        crate::rt::pythonrun::run_source(c_text(command)?, "<string>", Mode::Exec, d, d, cf_flags(flags))
    });
    if r.is_null() {
        // As CPython on failure: the error printed, -1 returned.
        crate::errors::PyErr_Print();
        return -1;
    }
    crate::rt::object::decref(r);
    0
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleString(command: *const c_char) -> c_int {
    PyRun_SimpleStringFlags(command, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_StringFlags(s: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject, flags: *mut c_void) -> *mut PyObject {
    catch_obj(|| {
        if globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "globals must be a dict"));
        }
        let locals = if locals.is_null() { globals } else { locals };
        crate::rt::pythonrun::run_source(c_text(s)?, "<string>", start_mode(start)?, globals, locals, cf_flags(flags))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_String(s: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    PyRun_StringFlags(s, start, globals, locals, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringObject(s: *const c_char, filename: *mut PyObject, start: c_int, flags: *mut c_void, optimize: c_int) -> *mut PyObject {
    catch_obj(|| {
        let name = crate::rt::objects::unicodeobject::as_str(filename)?.to_string();
        let (text, mode, flags) = (c_text(s)?, start_mode(start)?, cf_flags(flags));
        if flags & crate::rt::compile::PY_CF_ONLY_AST != 0 {
            return crate::rt::compile::parse_to_ast_object(text, &name, mode, flags);
        }
        crate::rt::compile::compile_source(text, &name, mode, flags, optimize)
    })
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileStringExFlags(s: *const c_char, filename: *const c_char, start: c_int, flags: *mut c_void, optimize: c_int) -> *mut PyObject {
    let name = match crate::rt::objects::unicodeobject::from_cstr(filename) {
        Ok(n) => n,
        Err(_) => return null_mut(),
    };
    Py_CompileStringObject(s, name.as_ptr(), start, flags, optimize)
}

#[no_mangle]
pub unsafe extern "C" fn Py_CompileString(s: *const c_char, filename: *const c_char, start: c_int) -> *mut PyObject {
    Py_CompileStringExFlags(s, filename, start, null_mut(), -1)
}

/// PyEval_EvalCode: runs a code object with `globals` (a dict) and `locals` (any mapping,
/// or NULL for `globals`).
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCode(co: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    catch_obj(|| {
        if globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "globals must be a dict"));
        }
        if co.is_null() || !codeobject::check(co) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCode: argument is not a code object"));
        }
        let locals = if locals.is_null() { globals } else { locals };
        crate::rt::ceval::eval_code(co, globals, locals)
    })
}

/// PyEval_EvalCodeEx: a code object run as a function would be, with positional and
/// keyword arguments, defaults and a closure.
#[no_mangle]
pub unsafe extern "C" fn PyEval_EvalCodeEx(
    co: *mut PyObject,
    globals: *mut PyObject,
    locals: *mut PyObject,
    args: *const *mut PyObject,
    argcount: c_int,
    kws: *const *mut PyObject,
    kwcount: c_int,
    defs: *const *mut PyObject,
    defcount: c_int,
    kwdefs: *mut PyObject,
    closure: *mut PyObject,
) -> *mut PyObject {
    use crate::rt::objects::{functionobject as func, tupleobject as tuple};
    catch_obj(|| {
        if globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCodeEx: NULL globals"));
        }
        if co.is_null() || !codeobject::check(co) {
            return Err(err::raise(exc::system_error(), "PyEval_EvalCodeEx: argument is not a code object"));
        }
        let f = func::new(co, globals, std::ptr::null_mut())?;
        let fo = func::raw(f.as_ptr());
        if defcount > 0 {
            let d = tuple::from_slice(std::slice::from_raw_parts(defs, defcount as usize))?;
            (*fo).func_defaults = d.into_ptr();
        }
        if !kwdefs.is_null() && dict::check(kwdefs) {
            incref(kwdefs);
            (*fo).func_kwdefaults = kwdefs;
        }
        if !closure.is_null() && tuple::check(closure) {
            incref(closure);
            (*fo).func_closure = closure;
        }
        let mut all: Vec<*mut PyObject> = if argcount > 0 { std::slice::from_raw_parts(args, argcount as usize).to_vec() } else { Vec::new() };
        let mut names = Vec::new();
        for i in 0..kwcount.max(0) as usize {
            names.push(*kws.add(2 * i));
            all.push(*kws.add(2 * i + 1));
        }
        let kwnames = if names.is_empty() { std::ptr::null_mut() } else { tuple::from_slice(&names)?.into_ptr() };
        let kwnames = crate::rt::Obj::from_owned(kwnames).ok();
        let locals = if locals.is_null() || (*(co as *mut PyCodeObject)).co_flags & CO_OPTIMIZED != 0 { std::ptr::null_mut() } else { locals };
        crate::rt::ceval::call_with_locals(f.as_ptr(), locals, &all, argcount.max(0) as usize, kwnames.as_ref().map_or(std::ptr::null_mut(), |k| k.as_ptr()))
    })
}

/// The innermost complete frame of this thread, if any.
unsafe fn current_frame() -> *mut frame::Frame {
    frame::first_complete(frame::current())
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_GetBuiltins() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        crate::rt::interp::builtins()
    } else {
        (*f).f_builtins
    }
}

#[no_mangle]
pub unsafe extern "C" fn PyEval_GetGlobals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        null_mut()
    } else {
        (*f).f_globals
    }
}

/// Borrowed, as CPython: the frame keeps the dict in `f_locals`.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetLocals() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        err::raise(exc::system_error(), "frame does not exist");
        return null_mut();
    }
    match crate::rt::guard::catch(Err(err::ErrSet::assume_set()), || frameobject::locals(f)) {
        Ok(d) => d.as_ptr(),
        Err(_) => null_mut(),
    }
}

/// Borrowed frame object of the running frame, or NULL.
#[no_mangle]
pub unsafe extern "C" fn PyEval_GetFrame() -> *mut PyObject {
    let f = current_frame();
    if f.is_null() {
        return null_mut();
    }
    match frameobject::get(f) {
        Ok(fo) => fo as *mut PyObject,
        Err(_) => null_mut(),
    }
}

/// The whole content of a C stream, closed afterwards when `closeit` says so.
unsafe fn read_stream(fp: *mut libc::FILE, closeit: c_int) -> Vec<u8> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = libc::fread(chunk.as_mut_ptr() as *mut c_void, 1, chunk.len(), fp);
        if n == 0 {
            break;
        }
        data.extend_from_slice(&chunk[..n]);
    }
    if closeit != 0 {
        libc::fclose(fp);
    }
    data
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_FileExFlags(
    fp: *mut libc::FILE,
    filename: *const c_char,
    start: c_int,
    globals: *mut PyObject,
    locals: *mut PyObject,
    closeit: c_int,
    flags: *mut c_void,
) -> *mut PyObject {
    catch_obj(|| {
        if fp.is_null() || globals.is_null() || !dict::check(globals) {
            return Err(err::raise(exc::system_error(), "bad argument to internal function"));
        }
        let name = String::from_utf8_lossy(c_text(filename)?).into_owned();
        let source = read_stream(fp, closeit);
        let locals = if locals.is_null() { globals } else { locals };
        crate::rt::pythonrun::run_source(&source, &name, start_mode(start)?, globals, locals, cf_flags(flags))
    })
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_FileEx(fp: *mut libc::FILE, filename: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject, closeit: c_int) -> *mut PyObject {
    PyRun_FileExFlags(fp, filename, start, globals, locals, closeit, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_FileFlags(fp: *mut libc::FILE, filename: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject, flags: *mut c_void) -> *mut PyObject {
    PyRun_FileExFlags(fp, filename, start, globals, locals, 0, flags)
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_File(fp: *mut libc::FILE, filename: *const c_char, start: c_int, globals: *mut PyObject, locals: *mut PyObject) -> *mut PyObject {
    PyRun_FileExFlags(fp, filename, start, globals, locals, 0, null_mut())
}

/// Runs a stream in `__main__` with `__file__` set, as a script; -1 with the error printed.
#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFileExFlags(fp: *mut libc::FILE, filename: *const c_char, closeit: c_int, flags: *mut c_void) -> c_int {
    let r = catch_obj(|| {
        let name = String::from_utf8_lossy(c_text(filename)?).into_owned();
        let source = read_stream(fp, closeit);
        let main = crate::rt::pythonrun::main_module()?;
        let d = moduleobject::get_dict(main.as_ptr());
        let set_file = dict::get_item_str(d, "__file__")?.is_null();
        if set_file {
            dict::set_item_str(d, "__file__", crate::rt::objects::unicodeobject::from_str(&name)?.as_ptr())?;
            dict::set_item_str(d, "__cached__", crate::rt::objects::noneobject::none())?;
        }
        let r = crate::rt::pythonrun::run_source(&source, &name, Mode::Exec, d, d, cf_flags(flags));
        if set_file {
            // As CPython: the names are taken away again after the run.
            let _ = dict::del_item(d, crate::rt::objects::unicodeobject::intern("__file__")?);
            let _ = dict::del_item(d, crate::rt::objects::unicodeobject::intern("__cached__")?);
        }
        r
    });
    if r.is_null() {
        crate::errors::PyErr_Print();
        return -1;
    }
    crate::rt::object::decref(r);
    0
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFileEx(fp: *mut libc::FILE, filename: *const c_char, closeit: c_int) -> c_int {
    PyRun_SimpleFileExFlags(fp, filename, closeit, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_SimpleFile(fp: *mut libc::FILE, filename: *const c_char) -> c_int {
    PyRun_SimpleFileExFlags(fp, filename, 0, null_mut())
}

/// A terminal stream gets the prompt; anything else runs as a script.
#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileExFlags(fp: *mut libc::FILE, filename: *const c_char, closeit: c_int, flags: *mut c_void) -> c_int {
    if !fp.is_null() && libc::isatty(libc::fileno(fp)) == 1 && libc::fileno(fp) == 0 {
        return match crate::rt::interactive::run(false) {
            0 => 0,
            _ => -1,
        };
    }
    PyRun_SimpleFileExFlags(fp, filename, closeit, flags)
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileEx(fp: *mut libc::FILE, filename: *const c_char, closeit: c_int) -> c_int {
    PyRun_AnyFileExFlags(fp, filename, closeit, null_mut())
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFileFlags(fp: *mut libc::FILE, filename: *const c_char, flags: *mut c_void) -> c_int {
    PyRun_AnyFileExFlags(fp, filename, 0, flags)
}

#[no_mangle]
pub unsafe extern "C" fn PyRun_AnyFile(fp: *mut libc::FILE, filename: *const c_char) -> c_int {
    PyRun_AnyFileExFlags(fp, filename, 0, null_mut())
}
