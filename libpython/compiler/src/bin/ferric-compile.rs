//! The compiler's command line, for differential tests against python3.11.
//!
//!     ferric-compile json-roundtrip   < JSON lines: each an AST `Mod`, written back out
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

fn main() {
    let cmd = std::env::args().nth(1).unwrap_or_default();
    let handler: fn(&str) -> String = match cmd.as_str() {
        "json-roundtrip" => json_roundtrip,
        _ => {
            eprintln!("usage: ferric-compile json-roundtrip < requests");
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
