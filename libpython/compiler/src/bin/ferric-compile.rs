//! The compiler's command line, for differential tests against python3.11.
//!
//!     ferric-compile json-roundtrip   < JSON lines: each an AST `Mod`, written back out
//!     ferric-compile code-from-json   < JSON lines {"filename", "mode", "ast"[, "optimize"]}:
//!                                       each answered {"marshal": hex, "warnings": [...]}
//!                                       or {"error": {...}}
//!
//! Each subcommand reads one request per line on stdin and writes one answer per line.

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

fn main() {
    let cmd = std::env::args().nth(1).unwrap_or_default();
    let handler: fn(&str) -> String = match cmd.as_str() {
        "json-roundtrip" => json_roundtrip,
        "code-from-json" => code_from_json,
        _ => {
            eprintln!("usage: ferric-compile json-roundtrip|code-from-json < requests");
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
