//! The compiler's front door for the runtime: source text to an AST, an AST to the marshal
//! form of its code object. `Flags` carries `compile()`'s flag bits as CPython passes them.

use crate::ast::Mod;
use crate::error::{CompileError, CompileWarning, Mode};

/// `PyCompilerFlags.cf_flags` (the `PyCF_*` bits and the `__future__` features) and the
/// optimization level (`-O`: 1 drops asserts, 2 also docstrings).
#[derive(Clone, Copy, Debug, Default)]
pub struct Flags {
    pub cf_flags: u32,
    pub optimize: i32,
    /// The caller's Python recursion depth and limit (0: 1000), for the compile-time
    /// recursion check.
    pub recursion_depth: usize,
    pub recursion_limit: usize,
}

pub const PY_CF_IGNORE_COOKIE: u32 = 0x0800;
pub const PY_CF_TYPE_COMMENTS: u32 = 0x1000;
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;
/// The `__future__` feature bits `compile()` accepts (shared with `co_flags`).
pub const PY_CF_MASK: u32 = 0x01FE_0000;

pub fn parse_source(source: &[u8], filename: &str, mode: Mode, flags: &Flags) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    // A `str` source (its coding cookie ignored, columns counted in characters).
    let text = flags.cf_flags & PY_CF_IGNORE_COOKIE != 0 && std::str::from_utf8(source).is_ok();
    if flags.cf_flags & PY_CF_TYPE_COMMENTS != 0 {
        return crate::parse_type_comments(source, filename, mode, text);
    }
    if text {
        return crate::parse_text(std::str::from_utf8(source).unwrap_or_default(), filename, mode);
    }
    crate::parse(source, filename, mode)
}

/// Compiles `module` and returns the code object as marshal bytes.
pub fn compile_tree(module: &Mod, filename: &str, mode: Mode, flags: &Flags) -> Result<(Vec<u8>, Vec<CompileWarning>), CompileError> {
    let cf = crate::CompileFlags {
        optimize: flags.optimize,
        future_flags: flags.cf_flags & PY_CF_MASK,
        allow_top_level_await: flags.cf_flags & PY_CF_ALLOW_TOP_LEVEL_AWAIT != 0,
        recursion_depth: flags.recursion_depth,
        recursion_limit: flags.recursion_limit,
    };
    let (code, warnings) = crate::compile_ast(module, filename, mode, cf)?;
    Ok((crate::marshal_out::dumps_code(&code), warnings))
}
