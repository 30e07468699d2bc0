//! The interactive prompt (CPython's PyRun_InteractiveLoop): statements read line by line
//! with `sys.ps1`/`sys.ps2`, compiled in "single" mode so expression values are echoed
//! through `sys.displayhook`, and tracebacks that do not end the session.
//!
//! A statement is complete when it compiles and is not a compound statement; a compound
//! statement (or anything continued over several lines with an opening block) ends at a
//! blank line, as at CPython's prompt. Errors at the end of the input (an unclosed bracket,
//! a missing block) ask for more lines.

use crate::err::{self, PyResult};
use crate::exc;
use crate::object::*;
use crate::objects::{dictobject as dict, moduleobject, unicodeobject as str_};
use ferric_compiler::error::{CompileError, Mode};
use std::io::{BufRead, Write};

const COMPOUND_KEYWORDS: &[&str] = &["if", "while", "for", "try", "with", "def", "class", "async", "match", "@"];

/// Runs the prompt on stdin until end of input or SystemExit; returns the exit status.
pub unsafe fn run(banner: bool) -> i32 {
    if banner && !crate::modules::sys_info::quiet() {
        eprintln!("Python {} on linux", crate::interp::version_string());
        eprintln!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    }
    if set_default_prompts().is_err() {
        err::clear();
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buffer = String::new();
    loop {
        let prompt = prompt_text(if buffer.is_empty() { "ps1" } else { "ps2" });
        crate::pythonrun::flush_std_streams();
        eprint!("{prompt}");
        let _ = std::io::stderr().flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => {
                if buffer.is_empty() {
                    return 0;
                }
                // End of input in the middle of a statement: run what there is.
                line.clear();
            }
            Ok(_) => {}
        }
        let at_eof = line.is_empty();
        let blank = line.trim().is_empty();
        buffer.push_str(&line);
        if buffer.trim().is_empty() {
            buffer.clear();
            if at_eof {
                return 0;
            }
            continue;
        }
        match readiness(&buffer, blank || at_eof) {
            Readiness::More if !at_eof => continue,
            _ => {}
        }
        let source = std::mem::take(&mut buffer);
        if let Err(status) = run_one(&source) {
            return status;
        }
        if at_eof {
            return 0;
        }
    }
}

enum Readiness {
    Run,
    More,
}

/// Whether `source` is a complete statement yet (`ended` when the last line was blank).
unsafe fn readiness(source: &str, ended: bool) -> Readiness {
    let first = source.trim_start();
    let compound = COMPOUND_KEYWORDS.iter().any(|k| {
        first.starts_with(k) && first[k.len()..].chars().next().map_or(true, |c| !c.is_alphanumeric() && c != '_')
    });
    let multi_line = source.trim_end_matches('\n').contains('\n');
    let opts = ferric_compiler::Flags { cf_flags: crate::compile::PY_CF_IGNORE_COOKIE, ..Default::default() };
    match ferric_compiler::parse_source(source.as_bytes(), "<stdin>", Mode::Single, &opts) {
        Ok(_) if (compound || (multi_line && source.trim_end().ends_with(':'))) && !ended => Readiness::More,
        Ok(_) => Readiness::Run,
        Err(e) if !ended && is_unfinished(&e, source) => Readiness::More,
        Err(_) => Readiness::Run,
    }
}

/// Errors that only say the input stopped too early.
fn is_unfinished(e: &CompileError, source: &str) -> bool {
    let last_line = source.trim_end_matches('\n').lines().count() as i32;
    e.msg.contains("was never closed")
        || e.msg.starts_with("unexpected EOF")
        || e.msg.starts_with("expected an indented block")
        || e.msg.starts_with("unterminated triple-quoted string")
        || (e.msg == "invalid syntax" && e.lineno > last_line)
}

/// Compiles and runs one statement in `__main__`; Err(status) when it raised SystemExit.
unsafe fn run_one(source: &str) -> Result<(), i32> {
    let result = (|| -> PyResult<Obj> {
        let m = crate::pythonrun::main_module()?;
        let d = moduleobject::get_dict(m.as_ptr());
        crate::pythonrun::run_source(source.as_bytes(), "<stdin>", Mode::Single, d, d, crate::compile::PY_CF_IGNORE_COOKIE)
    })();
    if result.is_ok() {
        return Ok(());
    }
    if err::exception_matches(exc::system_exit()) {
        return Err(crate::pythonrun::handle_uncaught());
    }
    crate::pythonrun::handle_uncaught();
    Ok(())
}

unsafe fn set_default_prompts() -> PyResult<()> {
    let d = crate::interp::sysdict();
    if d.is_null() {
        return Ok(());
    }
    for (name, text) in [("ps1", ">>> "), ("ps2", "... ")] {
        if dict::get_item_str(d, name)?.is_null() {
            dict::set_item_str(d, name, str_::from_str(text)?.as_ptr())?;
        }
    }
    Ok(())
}

/// `str(sys.ps1)` (or ps2); nothing if it cannot be had.
unsafe fn prompt_text(name: &str) -> String {
    let text = (|| -> PyResult<String> {
        let d = crate::interp::sysdict();
        let p = if d.is_null() { std::ptr::null_mut() } else { dict::get_item_str(d, name)? };
        if p.is_null() {
            return Ok(String::new());
        }
        let s = crate::protocol::object::str(p)?;
        Ok(str_::as_str(s.as_ptr())?.to_string())
    })();
    text.unwrap_or_else(|_| {
        err::clear();
        String::new()
    })
}
