//! Deep nesting (tools/depth_limits.py): the parser's stack limit (MemoryError), the
//! tokenizer's bracket and indentation limits and the compile-time RecursionError, each
//! input compiled by python3.11 and by Ferric, compared on type, message and position.

use std::process::Command;

#[test]
fn depth_limits_match_cpython() {
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/depth_limits.py");
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tool, env!("CARGO_BIN_EXE_ferric-compile")])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "deep nesting differs from python3.11:\n{stdout}");
}
