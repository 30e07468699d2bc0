//! Running a program and reporting how it ended (CPython's pythonrun.c): `.pyc` files,
//! the text of an uncaught exception with its chain, and `SystemExit`'s exit status.

use crate::err::{self, raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::{dictobject as dict, exceptions, moduleobject, noneobject, unicodeobject as str_};
use crate::protocol::object as proto;
use std::ptr::null_mut;

/// The first four bytes of a CPython 3.11 `.pyc` (magic number 3495).
pub const PYC_MAGIC: [u8; 4] = [0xa7, 0x0d, 0x0d, 0x0a];

/// Is `path` a compiled file: by its name, or by its magic number as CPython checks?
pub fn is_pyc_file(path: &str) -> bool {
    if path.ends_with(".pyc") {
        return true;
    }
    std::fs::read(path).map(|b| b.len() >= 4 && b[..4] == PYC_MAGIC).unwrap_or(false)
}

/// The `__main__` module, made on first use and kept in `sys.modules`.
pub unsafe fn main_module() -> PyResult<Obj> {
    let sysdict = crate::interp::sysdict();
    let modules = if sysdict.is_null() { null_mut() } else { dict::get_item_str(sysdict, "modules")? };
    if !modules.is_null() && dict::check(modules) {
        let m = dict::get_item_str(modules, "__main__")?;
        if !m.is_null() {
            return Ok(Obj::from_borrowed(m));
        }
    }
    let name = str_::from_str("__main__")?;
    let m = moduleobject::new(name.as_ptr())?;
    let d = moduleobject::get_dict(m.as_ptr());
    dict::set_item_str(d, "__builtins__", crate::interp::builtins_module())?;
    // As CPython's add_main_module: annotations at module level go here.
    dict::set_item_str(d, "__annotations__", dict::new()?.as_ptr())?;
    if !modules.is_null() && dict::check(modules) {
        dict::set_item_str(modules, "__main__", m.as_ptr())?;
    }
    Ok(m)
}

/// Runs the code of a `.pyc` file in `__main__`'s namespace.
pub unsafe fn run_pyc_file(path: &str) -> PyResult<Obj> {
    let data = std::fs::read(path).map_err(|e| raise(exc::os_error(), format!("can't open file '{path}': {e}")))?;
    if data.len() < 4 || data[..4] != PYC_MAGIC {
        return Err(raise(exc::runtime_error(), "Bad magic number in .pyc file"));
    }
    // As CPython, any failure to load a code object becomes this RuntimeError (the marshal
    // error stays as its __context__).
    let code = crate::marshal::loads(&data[16.min(data.len())..]).ok().filter(|c| crate::objects::codeobject::check(c.as_ptr()));
    let Some(code) = code else {
        return Err(raise(exc::runtime_error(), "Bad code object in .pyc file"));
    };
    let m = main_module()?;
    let d = moduleobject::get_dict(m.as_ptr());
    let file = str_::from_str(path)?;
    dict::set_item_str(d, "__file__", file.as_ptr())?;
    dict::set_item_str(d, "__cached__", noneobject::none())?;
    crate::ceval::eval_code(code.as_ptr(), d, d)
}

/// Compiles `source` and runs it in `globals`/`locals` (PyRun_StringFlags), giving the
/// globals `__builtins__` first if they have none.
pub unsafe fn run_source(source: &[u8], filename: &str, mode: ferric_compiler::error::Mode, globals: *mut PyObject, locals: *mut PyObject, flags: u32) -> PyResult<Obj> {
    let code = crate::compile::compile_source(source, filename, mode, flags, -1)?;
    if dict::get_item_str(globals, "__builtins__")?.is_null() {
        dict::set_item_str(globals, "__builtins__", crate::interp::builtins_module())?;
    }
    crate::ceval::eval_code(code.as_ptr(), globals, locals)
}

/// Runs a source file in `__main__` (`python3 script.py`).
pub unsafe fn run_source_file(path: &str) -> PyResult<Obj> {
    let data = std::fs::read(path).map_err(|e| raise(exc::os_error(), format!("can't open file '{path}': {e}")))?;
    // As CPython 3.9+: the script's file name is made absolute (symlinks kept).
    let abs = std::path::absolute(path).map(|p| p.display().to_string()).unwrap_or_else(|_| path.to_string());
    let path = abs.as_str();
    let m = main_module()?;
    let d = moduleobject::get_dict(m.as_ptr());
    let file = str_::from_str(path)?;
    dict::set_item_str(d, "__file__", file.as_ptr())?;
    dict::set_item_str(d, "__cached__", noneobject::none())?;
    run_source(&data, path, ferric_compiler::error::Mode::Exec, d, d, 0)
}

/// `python3 -c command`: the command runs in `__main__` as file `<string>`.
pub unsafe fn run_command(command: &str) -> PyResult<Obj> {
    let m = main_module()?;
    let d = moduleobject::get_dict(m.as_ptr());
    run_source(command.as_bytes(), "<string>", ferric_compiler::error::Mode::Exec, d, d, crate::compile::PY_CF_IGNORE_COOKIE)
}

/// For exceptions with `print_file_and_line` (SyntaxError and its subclasses): the
/// `File "...", line N` line, the source text and the carets (CPython's
/// print_exception_file_and_line and print_error_text), and the message to print after.
unsafe fn syntax_error_location(v: *mut PyObject) -> Option<(String, Obj)> {
    let attr = |name: &str| -> Option<Obj> {
        let r = str_::intern(name).and_then(|n| proto::lookup_attr(v, n));
        match r {
            Ok(x) => x,
            Err(_) => {
                err::clear();
                None
            }
        }
    };
    attr("print_file_and_line")?;
    let int_or = |o: Option<Obj>, default: isize| -> Option<isize> {
        match o {
            Some(x) if noneobject::is_none(x.as_ptr()) => Some(default),
            Some(x) => match crate::protocol::number::as_ssize_t(x.as_ptr()) {
                Ok(n) => Some(n),
                Err(_) => {
                    err::clear();
                    None
                }
            },
            None => Some(default),
        }
    };
    let msg = attr("msg")?;
    let filename = match attr("filename")? {
        f if noneobject::is_none(f.as_ptr()) => "<string>".to_string(),
        f => proto::str(f.as_ptr()).ok().and_then(|s| str_::as_str(s.as_ptr()).ok().map(|s| s.to_string()))?,
    };
    let lineno = int_or(Some(attr("lineno")?), 0)?;
    let offset = int_or(Some(attr("offset")?), -1)?;
    let exact = type_of(v) == exc::syntax_error() as *mut PyTypeObject;
    let end_lineno = if exact { int_or(attr("end_lineno"), lineno)? } else { lineno };
    let mut end_offset = if exact { int_or(attr("end_offset"), -1)? } else { -1 };
    let text = attr("text")?;
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if !noneobject::is_none(text.as_ptr()) {
        let t = str_::as_str(text.as_ptr()).ok()?.to_string();
        let size = t.len() as isize;
        if end_lineno > lineno {
            end_offset = size;
        }
        if end_offset > size + 1 {
            end_offset = size + 1;
        }
        out.push_str(&error_text(offset, end_offset, &t));
    }
    Some((out, msg))
}

/// The source line of a SyntaxError and its carets, offsets 1-based in UTF-8 bytes.
fn error_text(offset: isize, end_offset: isize, text: &str) -> String {
    let carets = if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
    let mut offset = offset - 1;
    let mut t = text;
    while let Some(rest) = t.strip_prefix([' ', '\t', '\x0c']) {
        t = rest;
        offset -= 1;
    }
    let mut len = t.len() as isize;
    if t.ends_with('\n') {
        len -= 1;
    }
    offset = offset.min(len);
    while let Some(nl) = t.find('\n') {
        let inl = nl as isize;
        if inl >= offset {
            break;
        }
        t = &t[nl + 1..];
        len -= inl + 1;
        offset -= inl + 1;
    }
    let _ = len;
    let mut out = format!("    {t}");
    if !t.ends_with('\n') {
        out.push('\n');
    }
    if offset < 0 {
        return out;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(offset as usize));
    out.push_str(&"^".repeat(carets));
    out.push('\n');
    out
}

/// The full report of exception `v` (an instance) as `sys.excepthook` prints it: causes and
/// contexts first, then each traceback, the `Type: message` line and the notes.
pub unsafe fn format_exception(v: *mut PyObject) -> String {
    let mut ctx = PrintContext { out: String::new(), depth: 0, need_close: false, seen: Vec::new() };
    ctx.exception(v);
    ctx.out
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// CPython's `_PyExceptionPrintContext`: exception groups are drawn in nested boxes, each
/// level indented by two spaces and its lines given a `| ` margin.
struct PrintContext {
    out: String,
    depth: usize,
    need_close: bool,
    seen: Vec<*mut PyObject>,
}

impl PrintContext {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    fn margin(&self) -> &'static str {
        if self.depth > 0 {
            "| "
        } else {
            ""
        }
    }

    /// Each line of `text` after the indent and `margin`.
    fn emit_with(&mut self, text: &str, margin: &str) {
        let prefix = format!("{}{margin}", self.indent());
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }

    fn emit(&mut self, text: &str) {
        self.emit_with(text, self.margin());
    }

    unsafe fn exception(&mut self, v: *mut PyObject) {
        self.seen.push(v);
        if exceptions::check(v) {
            let e = v as *mut PyBaseExceptionObject;
            let (cause, context) = ((*e).cause, (*e).context);
            let unseen = |x: *mut PyObject, seen: &Vec<*mut PyObject>| !x.is_null() && !noneobject::is_none(x) && !seen.contains(&x);
            if unseen(cause, &self.seen) {
                self.chained(cause, "The above exception was the direct cause of the following exception:");
            } else if (*e).suppress_context == 0 && unseen(context, &self.seen) {
                self.chained(context, "During handling of the above exception, another exception occurred:");
            }
        }
        let is_group = exceptions::check(v) && crate::objects::typeobject::is_subtype(type_of(v), exc::base_exception_group() as *mut PyTypeObject);
        if is_group {
            self.group(v);
        } else {
            self.single(v);
        }
    }

    unsafe fn chained(&mut self, earlier: *mut PyObject, message: &str) {
        self.exception(earlier);
        self.emit(&format!("\n{message}\n\n"));
    }

    /// The traceback, the `Type: message` line and the notes of one exception.
    unsafe fn single(&mut self, v: *mut PyObject) {
        if exceptions::check(v) {
            let e = v as *mut PyBaseExceptionObject;
            let tb = (*e).traceback;
            if !tb.is_null() && crate::objects::traceback::check(tb) {
                match crate::objects::traceback::format(tb) {
                    Ok(text) => {
                        let is_group = crate::objects::typeobject::is_subtype(type_of(v), exc::base_exception_group() as *mut PyTypeObject);
                        let (header, body) = text.split_once('\n').unwrap_or((&text, ""));
                        if is_group {
                            let margin = if self.depth == 1 { "+ " } else { self.margin() };
                            self.emit_with("Exception Group Traceback (most recent call last):\n", margin);
                        } else {
                            self.emit(&format!("{header}\n"));
                        }
                        self.emit(body);
                    }
                    Err(_) => err::clear(),
                }
            }
        }
        // A SyntaxError shows its file, line and text, and then only its `msg`.
        let located = syntax_error_location(v);
        let shown = match &located {
            Some((text, msg)) => {
                self.emit(text);
                msg.as_ptr()
            }
            None => v,
        };
        let mut only = crate::report::format_exception_only(type_of(v) as *mut PyObject, shown);
        if let Some(s) = crate::suggestions::offer(v) {
            only.push_str(&format!(". Did you mean: '{s}'?"));
        }
        self.emit(&format!("{only}\n"));
        if exceptions::check(v) {
            // Notes live in the instance dict as `__notes__`, as in CPython 3.11.
            let notes = str_::intern("__notes__").and_then(|name| proto::lookup_attr(v, name)).unwrap_or_else(|_| {
                err::clear();
                None
            });
            if let Some(notes) = notes.filter(|n| crate::objects::listobject::check(n.as_ptr())) {
                for &n in crate::objects::listobject::items(notes.as_ptr()) {
                    let text = match proto::str(n).ok().and_then(|s| str_::as_str(s.as_ptr()).ok().map(|s| s.to_string())) {
                        Some(s) => s,
                        None => {
                            err::clear();
                            "<note str() failed>".to_string()
                        }
                    };
                    self.emit(&format!("{text}\n"));
                }
            }
        }
    }

    unsafe fn group(&mut self, v: *mut PyObject) {
        if self.depth > MAX_GROUP_DEPTH {
            self.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        if self.depth == 0 {
            self.depth += 1;
        }
        self.single(v);
        let excs = (*(v as *mut crate::objects::exceptions::PyBaseExceptionGroupObject)).excs;
        let items: Vec<*mut PyObject> = if excs.is_null() { Vec::new() } else { crate::objects::tupleobject::items(excs).to_vec() };
        let n = items.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for (i, &e) in items.iter().take(n).enumerate() {
            let last = i == n - 1;
            if last {
                self.need_close = true;
            }
            let truncated = i >= MAX_GROUP_WIDTH;
            let title = if truncated { "...".to_string() } else { (i + 1).to_string() };
            let corner = if i == 0 { "+-" } else { "  " };
            self.out.push_str(&format!("{}{corner}+---------------- {title} ----------------\n", self.indent()));
            self.depth += 1;
            if truncated {
                let more = items.len() - MAX_GROUP_WIDTH;
                self.emit(&format!("and {more} more exception{}\n", if more > 1 { "s" } else { "" }));
            } else {
                self.exception(e);
            }
            if last && self.need_close {
                self.out.push_str(&format!("{}+------------------------------------\n", self.indent()));
                self.need_close = false;
            }
            self.depth -= 1;
        }
        if self.depth == 1 {
            self.depth = 0;
        }
    }
}

/// What an uncaught exception means for the exit status: Some(code) for SystemExit (its
/// message printed to stderr when it is not an int), None for anything else.
pub unsafe fn system_exit_code(v: *mut PyObject) -> Option<i32> {
    if !exceptions::given_exception_matches(v, exc::system_exit()) {
        return None;
    }
    let code = proto::getattr_str(v, "code").ok();
    if code.is_none() {
        err::clear();
    }
    let Some(code) = code else { return Some(1) };
    let c = code.as_ptr();
    if noneobject::is_none(c) {
        return Some(0);
    }
    if crate::objects::longobject::check(c) {
        return Some(match crate::objects::longobject::as_i64(c) {
            Some(n) => n as i32,
            None => {
                err::clear();
                -1
            }
        });
    }
    let text = proto::str(c).ok().and_then(|s| str_::as_str(s.as_ptr()).ok().map(|s| s.to_string()));
    flush_std_streams();
    match text {
        Some(t) => eprintln!("{t}"),
        None => err::clear(),
    }
    Some(1)
}

/// Set when the program ended by an uncaught KeyboardInterrupt: the process then ends by
/// SIGINT, as CPython's, so a shell sees it interrupted.
pub static UNHANDLED_KEYBOARD_INTERRUPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Ends the process by SIGINT after an uncaught KeyboardInterrupt (as CPython's
/// `exit_sigint`); returns the status to use if the signal does not end it.
pub fn exit_sigint() -> i32 {
    // Safety: resetting SIGINT to its default action and raising it are plain libc calls.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    130
}

/// Reports the pending exception as the interpreter does at top level: SystemExit gives its
/// status, anything else goes to `sys.excepthook` (status 1).
pub unsafe fn handle_uncaught() -> i32 {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return 0;
    }
    let _ = exceptions::normalize(&mut t, &mut v, &mut tb);
    if !tb.is_null() && !v.is_null() {
        exceptions::set_traceback_raw(v, tb);
    }
    let status = match system_exit_code(v) {
        Some(code) => code,
        None => {
            // As CPython's PyErr_PrintEx(1), for a hook or a debugger to look at.
            if let Some(d) = Some(crate::interp::sysdict()).filter(|d| !d.is_null()) {
                for (name, x) in [("last_type", t), ("last_value", v), ("last_traceback", tb)] {
                    if dict::set_item_str(d, name, if x.is_null() { noneobject::none() } else { x }).is_err() {
                        err::clear();
                    }
                }
            }
            if exceptions::given_exception_matches(v, exc::keyboard_interrupt()) {
                UNHANDLED_KEYBOARD_INTERRUPT.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            call_excepthook(t, v, tb);
            1
        }
    };
    xdecref(t);
    xdecref(v);
    xdecref(tb);
    status
}

/// `sys.<name>` (borrowed), if `sys` and the attribute exist.
pub unsafe fn sys_attr(name: &str) -> Option<*mut PyObject> {
    let d = crate::interp::sysdict();
    if d.is_null() {
        return None;
    }
    match dict::get_item_str(d, name) {
        Ok(p) if !p.is_null() => Some(p),
        _ => {
            err::clear();
            None
        }
    }
}

/// `sys.excepthook(t, v, tb)`; without a usable hook, the report goes to stderr directly
/// (CPython's PyErr_Display), and so does an error raised by the hook.
pub unsafe fn call_excepthook(t: *mut PyObject, v: *mut PyObject, tb: *mut PyObject) {
    let none = noneobject::none();
    let or_none = |p: *mut PyObject| if p.is_null() { none } else { p };
    let hook = sys_attr("excepthook");
    if crate::modules::sys_hooks::audit("sys.excepthook", &[hook.unwrap_or(none), or_none(t), or_none(v), or_none(tb)]).is_err() {
        // A RuntimeError from a hook vetoes the report; anything else is reported.
        if err::exception_matches(exc::runtime_error()) {
            err::clear();
            return;
        }
        crate::report::write_unraisable("Exception ignored in audit hook", null_mut());
    }
    if let Some(hook) = hook {
        match crate::protocol::call::vectorcall(hook, &[or_none(t), or_none(v), or_none(tb)], null_mut()) {
            Ok(_) => return,
            Err(_) => {
                let (mut t2, mut v2, mut tb2) = err::fetch();
                let _ = exceptions::normalize(&mut t2, &mut v2, &mut tb2);
                if !v2.is_null() {
                    exceptions::set_traceback_raw(v2, tb2);
                    eprint!("Error in sys.excepthook:\n{}\nOriginal exception was:\n", format_exception(v2).trim_end());
                }
                xdecref(t2);
                xdecref(v2);
                xdecref(tb2);
            }
        }
    } else {
        eprintln!("sys.excepthook is missing");
    }
    if !v.is_null() {
        flush_std_streams();
        eprint!("{}", format_exception(v));
    }
}

/// Flushes `sys.stdout` and `sys.stderr`, ignoring errors (as at exit).
pub unsafe fn flush_std_streams() {
    for name in ["stdout", "stderr"] {
        if let Some(s) = sys_attr(name) {
            if !noneobject::is_none(s) && crate::protocol::call::call_method_obj(s, "flush", &[]).is_err() {
                err::clear();
            }
        }
    }
}
