//! The invalid-program corpus (tools/syntax_errors.py): SyntaxError cases from the host's
//! own tests, compiled by python3.11 and by Ferric, compared on type, message, line and
//! offset. The floor is the figure reached; it only goes up.

use std::process::Command;

const FLOOR: usize = 1134;

#[test]
fn syntax_errors_match_cpython() {
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/syntax_errors.py");
    // The oracle must load CPython's libpython, not the one on Cargo's LD_LIBRARY_PATH.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tool, env!("CARGO_BIN_EXE_ferric-compile"), "--floor", &FLOOR.to_string(), "--show", "20"])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "below the floor of {FLOOR} matching cases:\n{stdout}");
}
