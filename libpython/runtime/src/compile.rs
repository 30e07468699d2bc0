//! The bridge to the compiler crate (CPython's Python/pythonrun.c and bltinmodule.c
//! `compile`): source text or an AST object in, a code object or an AST object out. The
//! compiler's errors become SyntaxError instances, its warnings go through the warnings
//! machinery, and a warning turned into an error becomes a SyntaxError as in CPython.

use crate::err::{ErrSet, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{exceptions, noneobject, tupleobject as tuple, unicodeobject as str_};
use ferric_compiler::error::{CompileError, CompileWarning, ErrorKind, Mode, WarningCategory};
use ferric_compiler::Flags;

/// `compile()`'s flag bits (CPython's `PyCF_*` and the `CO_FUTURE_*` it shares them with).
pub const PY_CF_SOURCE_IS_UTF8: u32 = 0x0100;
pub const PY_CF_DONT_IMPLY_DEDENT: u32 = 0x0200;
pub const PY_CF_ONLY_AST: u32 = 0x0400;
pub const PY_CF_IGNORE_COOKIE: u32 = 0x0800;
pub const PY_CF_TYPE_COMMENTS: u32 = 0x1000;
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;
pub const PY_CF_ALLOW_INCOMPLETE_INPUT: u32 = 0x4000;
/// The `__future__` features: division .. annotations (the obsolete ones included).
pub const PY_CF_MASK: u32 = 0x0002_0000 | 0x0004_0000 | 0x0008_0000 | 0x0010_0000 | 0x0020_0000 | 0x0040_0000 | 0x0080_0000 | 0x0100_0000;
pub const PY_CF_MASK_OBSOLETE: u32 = 0x0010; // CO_NESTED
pub const PY_CF_COMPILE_MASK: u32 = PY_CF_ONLY_AST | PY_CF_ALLOW_TOP_LEVEL_AWAIT | PY_CF_TYPE_COMMENTS | PY_CF_DONT_IMPLY_DEDENT | PY_CF_ALLOW_INCOMPLETE_INPUT;

pub fn parse_mode(mode: &str) -> Option<Mode> {
    Some(match mode {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" => Mode::FuncType,
        _ => return None,
    })
}

/// Source text to a code object.
pub unsafe fn compile_source(source: &[u8], filename: &str, mode: Mode, flags: u32, optimize: i32) -> PyResult<Obj> {
    let module = parse_source(source, filename, mode, flags)?;
    compile_tree(&module, filename, mode, flags, optimize)
}

/// Source text to the compiler's AST, with the parser's warnings issued.
pub unsafe fn parse_source(source: &[u8], filename: &str, mode: Mode, flags: u32) -> PyResult<ferric_compiler::ast::Mod> {
    let opts = Flags { cf_flags: flags, ..Default::default() };
    match ferric_compiler::parse_source(source, filename, mode, &opts) {
        Ok((module, warnings)) => {
            issue_warnings(&warnings, filename, mode)?;
            Ok(module)
        }
        Err(mut e) => {
            // Outside exec mode CPython's tokenizer adds no newline to the last line.
            if mode != Mode::Exec && !source.ends_with(b"\n") && e.lineno as usize >= source.split(|&b| b == b'\n').count() {
                if let Some(t) = e.text.as_mut() {
                    if t.ends_with('\n') {
                        t.pop();
                    }
                }
            }
            Err(raise_compile_error(&e, filename, mode))
        }
    }
}

/// The compiler's AST to a code object (through its marshal form, which the runtime's
/// marshal reader turns into a code object exactly as it loads a `.pyc`).
pub unsafe fn compile_tree(module: &ferric_compiler::ast::Mod, filename: &str, mode: Mode, flags: u32, optimize: i32) -> PyResult<Obj> {
    let (recursion_depth, recursion_limit) = recursion_state();
    let opts = Flags {
        cf_flags: flags,
        optimize: if optimize < 0 { crate::modules::sys_info::optimize_level() } else { optimize },
        recursion_depth,
        recursion_limit,
    };
    match ferric_compiler::compile_tree(module, filename, mode, &opts) {
        Ok((marshal, warnings)) => {
            issue_warnings(&warnings, filename, mode)?;
            crate::marshal::loads(&marshal)
        }
        Err(e) => Err(raise_compile_error(&e, filename, mode)),
    }
}

/// The thread's recursion depth and limit, from which the compiler's recursion check
/// counts (as CPython's `recursion_limit - recursion_remaining`).
unsafe fn recursion_state() -> (usize, usize) {
    let ts = crate::pystate::tstate();
    let limit = (*ts).recursion_limit.max(1);
    ((limit - (*ts).recursion_remaining).max(0) as usize, limit as usize)
}

/// Source text to an `ast.Module` (or `Expression`, ...) object: `compile(..., PyCF_ONLY_AST)`.
pub unsafe fn parse_to_ast_object(source: &[u8], filename: &str, mode: Mode, flags: u32) -> PyResult<Obj> {
    let module = parse_source(source, filename, mode, flags)?;
    crate::modules::ast_module::mod_to_py(&module)
}

unsafe fn issue_warnings(warnings: &[CompileWarning], filename: &str, mode: Mode) -> PyResult<()> {
    for w in warnings {
        let cat = match w.category {
            WarningCategory::SyntaxWarning => (&raw mut exceptions::_PyExc_SyntaxWarning) as *mut PyObject,
            WarningCategory::DeprecationWarning => (&raw mut exceptions::_PyExc_DeprecationWarning) as *mut PyObject,
        };
        if let Err(e) = crate::report::warn_explicit(cat, &w.msg, filename, w.lineno) {
            // A warning turned into an error is reported as a SyntaxError at its place.
            if !crate::err::exception_matches(cat) {
                return Err(e);
            }
            crate::err::clear();
            let err = CompileError {
                kind: ErrorKind::SyntaxError,
                msg: w.msg.clone(),
                lineno: w.lineno,
                offset: w.col_offset + 1,
                end_lineno: w.end_lineno,
                end_offset: w.end_col_offset + 1,
                text: None,
            };
            return Err(raise_compile_error(&err, filename, mode));
        }
    }
    Ok(())
}

/// Sets a SyntaxError (IndentationError, TabError) made from the compiler's report.
pub unsafe fn raise_compile_error(e: &CompileError, filename: &str, mode: Mode) -> ErrSet {
    let tp = match e.kind {
        ErrorKind::SyntaxError => exc::syntax_error(),
        ErrorKind::IndentationError => (&raw mut exceptions::_PyExc_IndentationError) as *mut PyObject,
        ErrorKind::TabError => (&raw mut exceptions::_PyExc_TabError) as *mut PyObject,
        ErrorKind::MemoryError => return exceptions::no_memory(),
        ErrorKind::RecursionError => return crate::err::raise(exc::recursion_error(), &e.msg),
    };
    let build = || -> PyResult<Obj> {
        let text = match &e.text {
            // The parser's line, with the newline its tokenizer supplies at the end of
            // a file (not in eval or single mode).
            Some(t) if t.ends_with('\n') || mode != Mode::Exec => str_::from_str(t)?,
            Some(t) => str_::from_str(&format!("{t}\n"))?,
            None => match crate::objects::traceback::source_line(filename, e.lineno) {
                Some(line) => str_::from_str(&(line + "\n"))?,
                None => Obj::from_borrowed(noneobject::none()),
            },
        };
        let int = |v: i32| crate::objects::longobject::from_i64(v as i64);
        let loc = tuple::from_vec(vec![
            str_::from_str(filename)?,
            int(e.lineno),
            int(e.offset),
            text,
            int(e.end_lineno),
            int(e.end_offset),
        ])?;
        let args = tuple::from_vec(vec![str_::from_str(&e.msg)?, loc])?;
        crate::protocol::call::call(tp, args.as_ptr(), std::ptr::null_mut())
    };
    match build() {
        Ok(v) => crate::err::set_object(tp, v.as_ptr()),
        Err(err) => err,
    }
}
