//! Our parser against python3.11's on the whole host stdlib (tools/compiler_diff_ast.py):
//! the share of files whose `ast.dump(..., include_attributes=True)` is identical (or that
//! both reject with the same error) must not fall below the floor reached so far.

use std::process::Command;

/// Identical dumps, in percent of the stdlib's files (99.83% when set).
const FLOOR: &str = "99.8";

#[test]
fn stdlib_parses_as_python311() {
    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/compiler_diff_ast.py");
    // Cargo puts target/<profile> on LD_LIBRARY_PATH, where Ferric's libpython3.11.so lives;
    // the oracle must load CPython's.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tools, env!("CARGO_BIN_EXE_ferric-compile"), "--floor", FLOOR, "--show", "20"])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "below the floor of {FLOOR}%:\n{stdout}");
}

/// The same with `type_comments=True` (99.83% when set).
const TYPE_COMMENTS_FLOOR: &str = "99.8";

#[test]
fn stdlib_parses_with_type_comments_as_python311() {
    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/compiler_diff_ast.py");
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tools, env!("CARGO_BIN_EXE_ferric-compile"), "--type-comments", "--floor", TYPE_COMMENTS_FLOOR, "--show", "20"])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "below the floor of {TYPE_COMMENTS_FLOOR}% with type comments:\n{stdout}");
}
