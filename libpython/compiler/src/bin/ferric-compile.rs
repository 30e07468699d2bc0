//! The compiler's command line, for differential tests against python3.11.
//!
//!     ferric-compile json-roundtrip   < JSON lines: each an AST `Mod`, written back out
//!     ferric-compile ast              < JSON lines: each a string, a source file's path;
//!                                       the answer is the parsed `Mod` or {"error": {...}}
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

fn parse_file(line: &str) -> String {
    let path = match ast::json::parse(line).and_then(|j| j.as_string()) {
        Ok(p) => p,
        Err(e) => return format!("{{\"error\":{{\"type\":\"RequestError\",\"msg\":{:?}}}}}", e.0),
    };
    let source = match std::fs::read(&path) {
        Ok(s) => s,
        Err(e) => return format!("{{\"error\":{{\"type\":\"OSError\",\"msg\":{:?}}}}}", e.to_string()),
    };
    let mut w = JsonWriter::new();
    match ferric_compiler::parse(&source, &path, ferric_compiler::error::Mode::Exec) {
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

fn main() {
    let cmd = std::env::args().nth(1).unwrap_or_default();
    let handler: fn(&str) -> String = match cmd.as_str() {
        "json-roundtrip" => json_roundtrip,
        "ast" => parse_file,
        _ => {
            eprintln!("usage: ferric-compile json-roundtrip|ast < requests");
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
