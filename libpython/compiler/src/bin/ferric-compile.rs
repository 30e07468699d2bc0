//! The compiler's command line, for differential tests against python3.11.
//!
//!     ferric-compile json-roundtrip   < JSON lines: each an AST `Mod`, written back out
//!     ferric-compile ast              < JSON lines: each a string, a source file's path, or
//!                                       {"path" | "source", "type_comments", "mode"};
//!                                       the answer is the parsed `Mod` or {"error": {...}}
//!     ferric-compile code-from-json   < JSON lines {"filename", "mode", "ast"[, "optimize"]}:
//!                                       each answered {"marshal": hex, "warnings": [...]}
//!                                       or {"error": {...}}
//!     ferric-compile bench            < file paths, one per line: the time to compile them all
//!     ferric-compile check            < JSON lines {"source", "filename", "mode"}: parsed and
//!                                       compiled, answered {"ok": true} or {"error": {...}}
//!
//! Each subcommand reads one request per line on stdin and writes one answer per line.

#[global_allocator]
static GLOBAL: ferric_alloc::MiMalloc = ferric_alloc::MiMalloc;

use ferric_compiler::ast::{self, json::JsonWriter};
use std::io::{BufRead, Write};

fn json_roundtrip(line: &str) -> String {
    match ast::json::parse(line).and_then(|j| ast::read_mod(&j)) {
        Ok(module) => {
            let mut w = JsonWriter::new();
            ast::write_mod(&mut w, &module);
            w.out
        }
        Err(e) => {
            let mut w = JsonWriter::new();
            w.out.push_str("{\"error\":");
            w.string(&e.0);
            w.out.push('}');
            w.out
        }
    }
}

fn parse_file(line: &str) -> String {
    use ast::json::Json;
    use ferric_compiler::error::Mode;
    let req = match ast::json::parse(line) {
        Ok(j) => j,
        Err(e) => return format!("{{\"error\":{{\"type\":\"RequestError\",\"msg\":{:?}}}}}", e.0),
    };
    // a path, or {"path" | "source", "type_comments", "mode"}
    let (mut path, mut inline, mut type_comments, mut mode) = (String::new(), None, false, Mode::Exec);
    match &req {
        Json::Obj(fields) => {
            for (k, v) in fields {
                match k.as_str() {
                    "path" => path = v.as_string().unwrap_or_default(),
                    "source" => inline = v.as_string().ok(),
                    "type_comments" => type_comments = matches!(v, Json::Bool(true)),
                    "mode" => {
                        mode = match v.as_string().unwrap_or_default().as_str() {
                            "eval" => Mode::Eval,
                            "single" => Mode::Single,
                            "func_type" => Mode::FuncType,
                            _ => Mode::Exec,
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => path = req.as_string().unwrap_or_default(),
    }
    let source = match inline {
        Some(s) => s.into_bytes(),
        None => match std::fs::read(&path) {
            Ok(s) => s,
            Err(e) => return format!("{{\"error\":{{\"type\":\"OSError\",\"msg\":{:?}}}}}", e.to_string()),
        },
    };
    let mut w = JsonWriter::new();
    let parsed = if type_comments {
        ferric_compiler::parse_type_comments(&source, &path, mode, false)
    } else {
        ferric_compiler::parse(&source, &path, mode)
    };
    match parsed {
        Ok((module, _warnings)) => ast::write_mod(&mut w, &module),
        Err(e) => {
            w.out.push_str("{\"error\":{\"type\":");
            w.string(e.kind.name());
            w.out.push_str(",\"msg\":");
            w.string(&e.msg);
            for (k, v) in [("lineno", e.lineno), ("offset", e.offset), ("end_lineno", e.end_lineno), ("end_offset", e.end_offset)] {
                w.out.push_str(&format!(",\"{}\":{}", k, v));
            }
            w.out.push_str(",\"text\":");
            match &e.text {
                Some(t) => w.string(t),
                None => w.out.push_str("null"),
            }
            w.out.push_str("}}");
        }
    }
    w.out
}

fn error_json(kind: &str, msg: &str, lineno: i64, offset: i64) -> String {
    let mut w = JsonWriter::new();
    w.out.push_str("{\"error\":{\"type\":");
    w.string(kind);
    w.out.push_str(",\"msg\":");
    w.string(msg);
    w.out.push_str(&format!(",\"lineno\":{},\"offset\":{}}}}}", lineno, offset));
    w.out
}

fn code_from_json(line: &str) -> String {
    use ast::json::Json;
    let req = match ast::json::parse(line) {
        Ok(j) => j,
        Err(e) => return error_json("RequestError", &e.0, 0, 0),
    };
    let Json::Obj(fields) = &req else { return error_json("RequestError", "not an object", 0, 0) };
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v);
    let filename = get("filename").and_then(|j| j.as_string().ok()).unwrap_or_else(|| "<string>".into());
    let mode = match get("mode").and_then(|j| j.as_string().ok()).as_deref() {
        Some("eval") => ferric_compiler::error::Mode::Eval,
        Some("single") => ferric_compiler::error::Mode::Single,
        _ => ferric_compiler::error::Mode::Exec,
    };
    let optimize = get("optimize").and_then(|j| j.as_int().ok()).unwrap_or(0) as i32;
    let Some(astj) = get("ast") else { return error_json("RequestError", "no ast", 0, 0) };
    let module = match ast::read_mod(astj) {
        Ok(m) => m,
        Err(e) => return error_json("RequestError", &e.0, 0, 0),
    };
    let flags = ferric_compiler::CompileFlags { optimize, ..Default::default() };
    match std::panic::catch_unwind(|| ferric_compiler::compile_ast(&module, &filename, mode, flags)) {
        Ok(Ok((code, warnings))) => {
            let bytes = ferric_compiler::marshal_out::dumps_code(&code);
            let mut s = String::with_capacity(bytes.len() * 2 + 16);
            s.push_str("{\"marshal\":\"");
            for b in bytes {
                s.push_str(&format!("{:02x}", b));
            }
            s.push_str("\",\"warnings\":[");
            for (i, w) in warnings.iter().enumerate() {
                let mut j = JsonWriter::new();
                j.string(&w.msg);
                let cat = match w.category {
                    ferric_compiler::error::WarningCategory::SyntaxWarning => "SyntaxWarning",
                    ferric_compiler::error::WarningCategory::DeprecationWarning => "DeprecationWarning",
                };
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&format!("{{\"category\":\"{}\",\"msg\":{},\"lineno\":{}}}", cat, j.out, w.lineno));
            }
            s.push_str("]}");
            s
        }
        Ok(Err(e)) => error_json(e.kind.name(), &e.msg, e.lineno as i64, e.offset as i64),
        Err(_) => error_json("Panic", "the compiler panicked", 0, 0),
    }
}

/// Parses and compiles `{"source", "filename", "mode"}` as compile() would: `{"ok": true}`
/// or the SyntaxError's fields.
fn check_source(line: &str) -> String {
    use ast::json::Json;
    let req = match ast::json::parse(line) {
        Ok(j) => j,
        Err(e) => return error_json("RequestError", &e.0, 0, 0),
    };
    let Json::Obj(fields) = &req else { return error_json("RequestError", "not an object", 0, 0) };
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).and_then(|(_, v)| v.as_string().ok());
    let source = get("source").unwrap_or_default();
    let filename = get("filename").unwrap_or_else(|| "<string>".into());
    let mode = match get("mode").as_deref() {
        Some("eval") => ferric_compiler::error::Mode::Eval,
        Some("single") => ferric_compiler::error::Mode::Single,
        _ => ferric_compiler::error::Mode::Exec,
    };
    // python3.11 running a script calls compile() at recursion depth 2 by default
    let depth = fields.iter().find(|(n, _)| n == "recursion_depth").and_then(|(_, v)| v.as_int().ok()).unwrap_or(2);
    let flags = ferric_compiler::Flags {
        cf_flags: ferric_compiler::driver::PY_CF_IGNORE_COOKIE,
        recursion_depth: depth.max(0) as usize,
        ..Default::default()
    };
    let run = || -> Result<(), ferric_compiler::error::CompileError> {
        let (module, _) = ferric_compiler::parse_source(source.as_bytes(), &filename, mode, &flags)?;
        ferric_compiler::compile_tree(&module, &filename, mode, &flags)?;
        Ok(())
    };
    match std::panic::catch_unwind(run) {
        Ok(Ok(())) => "{\"ok\":true}".into(),
        Ok(Err(e)) => error_json(e.kind.name(), &e.msg, e.lineno as i64, e.offset as i64),
        Err(_) => error_json("Panic", "the compiler panicked", 0, 0),
    }
}

fn main() {
    // Deeply nested input is bounded by the parser's own limits, not by this stack.
    let worker = std::thread::Builder::new().stack_size(512 << 20).spawn(serve).expect("spawn");
    if worker.join().is_err() {
        std::process::exit(101);
    }
}

/// `ferric-compile bench < paths`: parses and compiles every file, as `compile(src, path,
/// 'exec')`, and prints the count and the seconds taken (reading the files excluded).
fn bench() {
    let stdin = std::io::stdin();
    let sources: Vec<(String, Vec<u8>)> = stdin
        .lock()
        .lines()
        .map_while(Result::ok)
        .filter_map(|p| std::fs::read(&p).ok().map(|b| (p, b)))
        .collect();
    let flags = ferric_compiler::Flags::default();
    let start = std::time::Instant::now();
    let mut compiled = 0;
    for (path, src) in &sources {
        let mode = ferric_compiler::error::Mode::Exec;
        if let Ok((module, _)) = ferric_compiler::parse_source(src, path, mode, &flags) {
            if ferric_compiler::compile_tree(&module, path, mode, &flags).is_ok() {
                compiled += 1;
            }
        }
    }
    println!("{} files, {} compiled, {:.3} s", sources.len(), compiled, start.elapsed().as_secs_f64());
}

fn serve() {
    let cmd = std::env::args().nth(1).unwrap_or_default();
    if cmd == "bench" {
        return bench();
    }
    let handler: fn(&str) -> String = match cmd.as_str() {
        "json-roundtrip" => json_roundtrip,
        "ast" => parse_file,
        "code-from-json" => code_from_json,
        "check" => check_source,
        _ => {
            eprintln!("usage: ferric-compile json-roundtrip|ast|code-from-json|check < requests");
            std::process::exit(2);
        }
    };
    let stdin = std::io::stdin();
    let mut stdout = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin is not UTF-8");
        writeln!(stdout, "{}", handler(&line)).expect("stdout closed");
    }
}
