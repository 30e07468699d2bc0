//! The builtins that need the interpreter (CPython's bltinmodule.c): `__build_class__`,
//! `exec`, `eval`, `globals`, `locals`, `__import__`, `compile`, `breakpoint`. They are added
//! to the builtins dict at start-up.

use crate::ceval_frame as frame;
use ferric_compiler::error::Mode;
use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::typeobject::{self, full_name, METHOD_END};
use crate::objects::{cellobject, dictobject as dict, noneobject, tupleobject as tuple, unicodeobject as str_};
use crate::protocol::{call, object as proto};
use std::ffi::CStr;
use std::ptr::null_mut;

type FastKw = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t, *mut PyObject) -> *mut PyObject;
type Fast = unsafe extern "C" fn(*mut PyObject, *const *mut PyObject, Py_ssize_t) -> *mut PyObject;

const fn fastkw(name: &'static CStr, f: FastKw, doc: &'static CStr) -> PyMethodDef {
    // Safety: METH_FASTCALL|METH_KEYWORDS tells callers to use the four-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<FastKw, unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(f) }), ml_flags: METH_FASTCALL | METH_KEYWORDS, ml_doc: doc.as_ptr() }
}

const fn fast(name: &'static CStr, f: Fast, doc: &'static CStr) -> PyMethodDef {
    // Safety: as above, for METH_FASTCALL's three-argument signature.
    PyMethodDef { ml_name: name.as_ptr(), ml_meth: Some(unsafe { std::mem::transmute::<Fast, unsafe extern "C" fn(*mut PyObject, *mut PyObject) -> *mut PyObject>(f) }), ml_flags: METH_FASTCALL, ml_doc: doc.as_ptr() }
}

static mut METHODS: [PyMethodDef; 9] = [
    fastkw(c"__build_class__", build_class, c"__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper function used by the class statement."),
    fastkw(c"exec", builtin_exec, c"Execute the given source in the context of globals and locals."),
    fast(c"eval", builtin_eval, c"Evaluate the given source in the context of globals and locals."),
    PyMethodDef { ml_name: c"globals".as_ptr(), ml_meth: Some(builtin_globals), ml_flags: METH_NOARGS, ml_doc: c"Return the dictionary containing the current scope's global variables.".as_ptr() },
    PyMethodDef { ml_name: c"locals".as_ptr(), ml_meth: Some(builtin_locals), ml_flags: METH_NOARGS, ml_doc: c"Return a dictionary containing the current scope's local variables.".as_ptr() },
    fastkw(c"__import__", builtin_import, c"Import a module."),
    fastkw(c"compile", builtin_compile, c"Compile source into a code object that can be executed by exec() or eval()."),
    fastkw(c"breakpoint", builtin_breakpoint, c"Call sys.breakpointhook(*args, **kws)."),
    METHOD_END,
];

/// Adds these functions to the builtins module `m` (its dict `d`).
pub unsafe fn register(m: *mut PyObject, d: *mut PyObject) -> PyResult<()> {
    let modname = str_::from_str("builtins")?;
    crate::modules::add_functions(m, d, (&raw mut METHODS) as *mut PyMethodDef, modname.as_ptr())
}

/// Positional and keyword arguments of a FASTCALL|KEYWORDS call.
unsafe fn split<'a>(args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> (&'a [*mut PyObject], Vec<(*mut PyObject, *mut PyObject)>) {
    let n = nargs as usize;
    let nkw = if kwnames.is_null() { 0 } else { size_of_var(kwnames) as usize };
    let all: &[*mut PyObject] = if n + nkw == 0 { &[] } else { std::slice::from_raw_parts(args, n + nkw) };
    let kws = (0..nkw).map(|i| (tuple::get_item(kwnames, i as Py_ssize_t), all[n + i])).collect();
    (&all[..n], kws)
}

unsafe fn current_frame() -> Option<*mut frame::Frame> {
    let f = frame::first_complete(frame::current());
    if f.is_null() {
        None
    } else {
        Some(f)
    }
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: runs the class body in a
/// fresh namespace and calls the metaclass.
unsafe extern "C" fn build_class(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (pos, kws) = split(args, nargs, kwnames);
        if pos.len() < 2 {
            return Err(raise(exc::type_error(), "__build_class__: not enough arguments"));
        }
        let (func, name) = (pos[0], pos[1]);
        if !crate::objects::functionobject::check(func) {
            return Err(raise(exc::type_error(), "__build_class__: func must be a function"));
        }
        if !str_::check(name) {
            return Err(raise(exc::type_error(), "__build_class__: name is not a string"));
        }
        let orig_bases = tuple::from_slice(&pos[2..])?;
        let bases = update_bases(orig_bases.as_ptr())?;
        let mut meta: Option<Obj> = None;
        let kwds = dict::new()?;
        for (k, v) in kws {
            if str_::eq_str(k, "metaclass") {
                meta = Some(Obj::from_borrowed(v));
            } else {
                dict::set_item(kwds.as_ptr(), k, v)?;
            }
        }
        let is_class;
        let meta = match meta {
            Some(m) => {
                is_class = typeobject::is_type(m.as_ptr());
                m
            }
            None => {
                is_class = true;
                if size_of_var(bases.as_ptr()) == 0 {
                    Obj::from_borrowed(typeobject::type_type() as *mut PyObject)
                } else {
                    Obj::from_borrowed(type_of(tuple::get_item(bases.as_ptr(), 0)) as *mut PyObject)
                }
            }
        };
        let meta = if is_class {
            let winner = crate::objects::typenew::calculate_metaclass(meta.as_ptr() as *mut PyTypeObject, bases.as_ptr())?;
            Obj::from_borrowed(winner as *mut PyObject)
        } else {
            meta
        };
        let kwnames_and_values = |d: *mut PyObject| -> PyResult<(Obj, Vec<*mut PyObject>)> {
            let entries = dict::entries(d);
            let names = tuple::from_slice(&entries.iter().map(|e| e.0).collect::<Vec<_>>())?;
            Ok((names, entries.iter().map(|e| e.1).collect()))
        };
        let ns = match proto::lookup_attr(meta.as_ptr(), str_::intern("__prepare__")?)? {
            Some(prep) => {
                let (names, vals) = kwnames_and_values(kwds.as_ptr())?;
                let mut argv = vec![name, bases.as_ptr()];
                argv.extend(vals);
                call::vectorcall(prep.as_ptr(), &argv, if size_of_var(names.as_ptr()) == 0 { null_mut() } else { names.as_ptr() })?
            }
            None => dict::new()?,
        };
        if !crate::protocol::sequence::is_mapping(ns.as_ptr()) {
            let who = if is_class { format!("{}.__prepare__()", full_name(meta.as_ptr() as *mut PyTypeObject)) } else { "<metaclass>.__prepare__()".to_string() };
            return Err(raise(exc::type_error(), format!("{who} must return a mapping, not {}", full_name(type_of(ns.as_ptr())))));
        }
        let cell = crate::ceval::call_with_locals(func, ns.as_ptr(), &[], 0, null_mut())?;
        if bases.as_ptr() != orig_bases.as_ptr() {
            crate::protocol::sequence::setitem(ns.as_ptr(), str_::intern("__orig_bases__")?, orig_bases.as_ptr())?;
        }
        let (names, vals) = kwnames_and_values(kwds.as_ptr())?;
        let mut argv = vec![name, bases.as_ptr(), ns.as_ptr()];
        argv.extend(vals);
        let cls = call::vectorcall(meta.as_ptr(), &argv, if size_of_var(names.as_ptr()) == 0 { null_mut() } else { names.as_ptr() })?;
        if typeobject::is_type(cls.as_ptr()) && cellobject::check(cell.as_ptr()) {
            let cell_cls = cellobject::get(cell.as_ptr());
            if cell_cls != cls.as_ptr() {
                let (n, c) = (proto::repr_string(name)?, proto::repr_string(cls.as_ptr())?);
                if cell_cls.is_null() {
                    return Err(raise(exc::runtime_error(), format!("__class__ not set defining {n} as {c}. Was __classcell__ propagated to type.__new__?")));
                }
                return Err(raise(exc::type_error(), format!("__class__ set to {} defining {n} as {c}", proto::repr_string(cell_cls)?)));
            }
        }
        Ok(cls)
    })
}

/// PEP 560: bases that are not classes may supply `__mro_entries__`.
unsafe fn update_bases(bases: *mut PyObject) -> PyResult<Obj> {
    let items = tuple::items(bases);
    let mut changed = false;
    let mut out: Vec<Obj> = Vec::with_capacity(items.len());
    for &b in items {
        if typeobject::is_type(b) {
            out.push(Obj::from_borrowed(b));
            continue;
        }
        match proto::lookup_attr(b, str_::intern("__mro_entries__")?)? {
            None => out.push(Obj::from_borrowed(b)),
            Some(m) => {
                let r = call::vectorcall(m.as_ptr(), &[bases], null_mut())?;
                if !tuple::check(r.as_ptr()) {
                    return Err(raise(exc::type_error(), "__mro_entries__ must return a tuple"));
                }
                changed = true;
                out.extend(tuple::items(r.as_ptr()).iter().map(|&p| Obj::from_borrowed(p)));
            }
        }
    }
    if !changed {
        return Ok(Obj::from_borrowed(bases));
    }
    tuple::from_vec(out)
}

/// The (globals, locals) pair exec/eval run in, with CPython's checks and defaults.
unsafe fn namespaces(fname: &str, globals: *mut PyObject, locals: *mut PyObject) -> PyResult<(Obj, Obj)> {
    let none = |p: *mut PyObject| p.is_null() || noneobject::is_none(p);
    let (g, l) = if none(globals) {
        let Some(f) = current_frame() else {
            return Err(raise(exc::system_error(), "globals and locals cannot be NULL"));
        };
        let g = Obj::from_borrowed((*f).f_globals);
        let l = if none(locals) { crate::objects::frameobject::locals(f)? } else { Obj::from_borrowed(locals) };
        (g, l)
    } else {
        let l = if none(locals) { Obj::from_borrowed(globals) } else { Obj::from_borrowed(locals) };
        (Obj::from_borrowed(globals), l)
    };
    if !dict::check(g.as_ptr()) {
        let what = if fname == "exec" { "exec() globals must be a dict, not" } else { "globals must be a dict" };
        if fname == "exec" {
            return Err(raise(exc::type_error(), format!("{what} {}", full_name(type_of(g.as_ptr())))));
        }
        return Err(raise(exc::type_error(), if none(locals) { "globals must be a dict" } else { "globals must be a real dict; try eval(expr, {}, mapping)" }));
    }
    if !crate::protocol::sequence::is_mapping(l.as_ptr()) {
        let msg = if fname == "exec" {
            format!("locals must be a mapping or None, not {}", full_name(type_of(l.as_ptr())))
        } else {
            "locals must be a mapping".to_string()
        };
        return Err(raise(exc::type_error(), msg));
    }
    if dict::get_item_str(g.as_ptr(), "__builtins__")?.is_null() {
        let b = match current_frame() {
            Some(f) => (*f).f_builtins,
            None => crate::interp::builtins(),
        };
        dict::set_item_str(g.as_ptr(), "__builtins__", b)?;
    }
    Ok((g, l))
}

unsafe fn run_code(fname: &str, source: *mut PyObject, globals: *mut PyObject, locals: *mut PyObject, closure: *mut PyObject) -> PyResult<Obj> {
    let (g, l) = namespaces(fname, globals, locals)?;
    let compiled;
    let source = if crate::objects::codeobject::check(source) {
        source
    } else {
        let what = if fname == "exec" { "exec() arg 1 must be a string, bytes or code object" } else { "eval() arg 1 must be a string, bytes or code object" };
        let (text, mut flags) = source_text(source, what)?;
        flags |= inherited_future_flags();
        // eval() ignores leading blanks, as CPython.
        let blanks = if fname == "eval" { text.iter().take_while(|&&b| b == b' ' || b == b'\t').count() } else { 0 };
        let mode = if fname == "eval" { Mode::Eval } else { Mode::Exec };
        compiled = crate::compile::compile_source(&text[blanks..], "<string>", mode, flags, -1)?;
        compiled.as_ptr()
    };
    crate::modules::sys_hooks::audit("exec", &[source])?;
    let co = source as *mut PyCodeObject;
    let nfree = (*co).co_nfreevars as Py_ssize_t;
    let closure = if closure.is_null() || noneobject::is_none(closure) { null_mut() } else { closure };
    if nfree == 0 {
        if !closure.is_null() {
            return Err(raise(exc::type_error(), "cannot use a closure with this code object"));
        }
        return crate::ceval::eval_code(source, g.as_ptr(), l.as_ptr());
    }
    if closure.is_null() {
        return Err(raise(exc::type_error(), format!("code object passed to {fname}() may not contain free variables")));
    }
    if !tuple::check_exact(closure) || size_of_var(closure) != nfree || !tuple::items(closure).iter().all(|&c| cellobject::check(c)) {
        return Err(raise(exc::type_error(), format!("code object requires a closure of exactly length {nfree}")));
    }
    let func = crate::objects::functionobject::new(source, g.as_ptr(), null_mut())?;
    incref(closure);
    (*crate::objects::functionobject::raw(func.as_ptr())).func_closure = closure;
    crate::ceval::call_with_locals(func.as_ptr(), l.as_ptr(), &[], 0, null_mut())
}

unsafe extern "C" fn builtin_exec(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (pos, kws) = split(args, nargs, kwnames);
        crate::protocol::args::check_positional("exec", pos.len(), 1, 3)?;
        let mut closure = null_mut();
        for (k, v) in kws {
            if str_::eq_str(k, "closure") {
                closure = v;
            } else {
                return Err(raise(exc::type_error(), format!("exec() got an unexpected keyword argument '{}'", str_::as_str(k)?)));
            }
        }
        let get = |i: usize| pos.get(i).copied().unwrap_or(null_mut());
        run_code("exec", get(0), get(1), get(2), closure)?;
        Ok(Obj::from_borrowed(noneobject::none()))
    })
}

unsafe extern "C" fn builtin_eval(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        crate::protocol::args::check_positional("eval", nargs as usize, 1, 3)?;
        let pos = std::slice::from_raw_parts(args, nargs as usize);
        let get = |i: usize| pos.get(i).copied().unwrap_or(null_mut());
        run_code("eval", get(0), get(1), get(2), null_mut())
    })
}

unsafe extern "C" fn builtin_globals(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    match current_frame() {
        Some(f) => {
            incref((*f).f_globals);
            (*f).f_globals
        }
        None => noneobject::new_none(),
    }
}

unsafe extern "C" fn builtin_locals(_m: *mut PyObject, _: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| match current_frame() {
        Some(f) => crate::objects::frameobject::locals(f),
        None => Err(raise(exc::system_error(), "frame does not exist")),
    })
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
unsafe extern "C" fn builtin_import(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let (pos, kws) = split(args, nargs, kwnames);
        let names = ["name", "globals", "locals", "fromlist", "level"];
        let mut vals: [*mut PyObject; 5] = [null_mut(); 5];
        if pos.len() > 5 {
            return Err(raise(exc::type_error(), format!("__import__() takes at most 5 arguments ({} given)", pos.len())));
        }
        vals[..pos.len()].copy_from_slice(pos);
        for (k, v) in kws {
            let key = str_::as_str(k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) => vals[i] = v,
                None => return Err(raise(exc::type_error(), format!("__import__() got an unexpected keyword argument '{key}'"))),
            }
        }
        let [name, globals, _locals, fromlist, level] = vals;
        if name.is_null() {
            return Err(raise(exc::type_error(), "__import__() missing required argument 'name' (pos 1)"));
        }
        let level = if level.is_null() { 0 } else { crate::objects::longobject::as_c_long(level)? };
        crate::import::import_module_level(name, globals, fromlist, level)
    })
}

/// The bytes of `compile()`/`exec()`/`eval()` source: str as UTF-8 (its coding cookie then
/// ignored), bytes and buffers as they are; null bytes are refused as in CPython 3.11.
unsafe fn source_text(source: *mut PyObject, type_msg: &str) -> PyResult<(Vec<u8>, u32)> {
    use crate::compile::{PY_CF_IGNORE_COOKIE, PY_CF_SOURCE_IS_UTF8};
    let (bytes, flags): (Vec<u8>, u32) = if str_::check(source) {
        (crate::marshal::encode_utf8_surrogatepass(source), PY_CF_IGNORE_COOKIE | PY_CF_SOURCE_IS_UTF8)
    } else if crate::objects::bytesobject::check(source) {
        (crate::objects::bytesobject::as_slice(source).to_vec(), 0)
    } else if let Ok(buf) = crate::protocol::buffer::Buffer::get(source) {
        (buf.to_vec(), 0)
    } else {
        crate::err::clear();
        return Err(raise(exc::type_error(), type_msg));
    };
    if bytes.contains(&0) {
        return Err(raise(exc::value_error(), "source code string cannot contain null bytes"));
    }
    Ok((bytes, flags))
}

/// The `__future__` flags of the running code, which `compile()`, `exec()` and `eval()`
/// inherit unless told not to.
unsafe fn inherited_future_flags() -> u32 {
    match current_frame() {
        Some(f) => (*(*f).f_code).co_flags as u32 & crate::compile::PY_CF_MASK,
        None => 0,
    }
}

/// A file name argument: str, bytes (decoded as the file system encoding), or os.PathLike.
unsafe fn filename_arg(o: *mut PyObject) -> PyResult<String> {
    if str_::check(o) {
        return Ok(str_::as_str(o)?.to_string());
    }
    if crate::objects::bytesobject::check(o) {
        return Ok(String::from_utf8_lossy(crate::objects::bytesobject::as_slice(o)).into_owned());
    }
    if let Some(fspath) = proto::lookup_attr(type_of(o) as *mut PyObject, str_::intern("__fspath__")?)? {
        let p = crate::protocol::call::vectorcall(fspath.as_ptr(), &[o], null_mut())?;
        return filename_arg(p.as_ptr());
    }
    Err(raise(exc::type_error(), format!("expected str, bytes or os.PathLike object, not {}", full_name(type_of(o)))))
}

unsafe extern "C" fn builtin_compile(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    use crate::compile::*;
    crate::guard::catch_obj(|| {
        let (pos, kws) = split(args, nargs, kwnames);
        let names = ["source", "filename", "mode", "flags", "dont_inherit", "optimize", "_feature_version"];
        if pos.len() > 6 {
            return Err(raise(exc::type_error(), format!("compile() takes at most 6 arguments ({} given)", pos.len() + kws.len())));
        }
        let mut vals: [*mut PyObject; 7] = [null_mut(); 7];
        vals[..pos.len()].copy_from_slice(pos);
        for (k, v) in kws {
            let key = str_::as_str(k)?;
            match names.iter().position(|n| *n == key) {
                Some(i) if vals[i].is_null() => vals[i] = v,
                Some(i) => return Err(raise(exc::type_error(), format!("argument for compile() given by name ('{}') and position ({})", names[i], i + 1))),
                None => return Err(raise(exc::type_error(), format!("compile() got an unexpected keyword argument '{key}'"))),
            }
        }
        for (i, name) in names.iter().enumerate().take(3) {
            if vals[i].is_null() {
                return Err(raise(exc::type_error(), format!("compile() missing required argument '{name}' (pos {})", i + 1)));
            }
        }
        let [source, filename, mode, flags, dont_inherit, optimize, _feature] = vals;
        let filename = filename_arg(filename)?;
        if !str_::check(mode) {
            return Err(raise(exc::type_error(), format!("compile() argument 'mode' must be str, not {}", full_name(type_of(mode)))));
        }
        let int_arg = |o: *mut PyObject, dflt: i64| -> PyResult<i64> { if o.is_null() { Ok(dflt) } else { crate::protocol::number::c_int_arg(o).map(|v| v as i64) } };
        let mut flags = int_arg(flags, 0)? as u32;
        let dont_inherit = !dont_inherit.is_null() && proto::is_true(dont_inherit)?;
        let optimize = int_arg(optimize, -1)?;
        if flags & !(PY_CF_MASK | PY_CF_MASK_OBSOLETE | PY_CF_COMPILE_MASK) != 0 {
            return Err(raise(exc::value_error(), "compile(): unrecognised flags"));
        }
        if !(-1..=2).contains(&optimize) {
            return Err(raise(exc::value_error(), "compile(): invalid optimize value"));
        }
        if !dont_inherit {
            flags |= inherited_future_flags();
        }
        let mode_text = str_::as_str(mode)?;
        let Some(mode) = parse_mode(mode_text) else {
            let msg = if flags & PY_CF_ONLY_AST != 0 { "compile() mode must be 'exec', 'eval', 'single' or 'func_type'" } else { "compile() mode must be 'exec', 'eval' or 'single'" };
            return Err(raise(exc::value_error(), msg));
        };
        if mode == Mode::FuncType && flags & PY_CF_ONLY_AST == 0 {
            return Err(raise(exc::value_error(), "compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
        if crate::modules::ast_module::is_ast(source)? {
            if flags & PY_CF_ONLY_AST != 0 {
                return Ok(Obj::from_borrowed(source));
            }
            let tree = crate::modules::ast_module::mod_from_py(source, mode_text)?;
            crate::modules::ast_module::validate(&tree)?;
            return compile_tree(&tree, &filename, mode, flags, optimize as i32);
        }
        let (text, source_flags) = source_text(source, "compile() arg 1 must be a string, bytes or AST object")?;
        let fname_obj = str_::from_str(&filename)?;
        crate::modules::sys_hooks::audit("compile", &[source, fname_obj.as_ptr()])?;
        let flags = flags | source_flags;
        if flags & PY_CF_ONLY_AST != 0 {
            return parse_to_ast_object(&text, &filename, mode, flags);
        }
        compile_source(&text, &filename, mode, flags, optimize as i32)
    })
}

unsafe extern "C" fn builtin_breakpoint(_m: *mut PyObject, args: *const *mut PyObject, nargs: Py_ssize_t, kwnames: *mut PyObject) -> *mut PyObject {
    crate::guard::catch_obj(|| {
        let sysdict = crate::interp::sysdict();
        let hook = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "breakpointhook")? };
        if hook.is_null() {
            return Err(raise(exc::runtime_error(), "lost sys.breakpointhook"));
        }
        let (pos, kws) = split(args, nargs, kwnames);
        let mut argv = pos.to_vec();
        argv.extend(kws.iter().map(|kv| kv.1));
        let _ = err::occurred();
        call::vectorcall(hook, &argv, kwnames)
    })
}
