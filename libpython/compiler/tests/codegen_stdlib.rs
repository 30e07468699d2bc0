//! Code generation against python3.11: for every third stdlib file, the code object
//! `ferric-compile code-from-json` builds from python3.11's AST must equal, field by field
//! and recursively, what python3.11's `compile()` gives. The floor is the identical share
//! reached so far (98.1% of all stdlib files, 98.8% of this sample).

use std::process::Command;

const FLOOR_PERCENT: &str = "98";

#[test]
fn stdlib_code_objects_match_python() {
    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/compiler_diff_code.py");
    // Cargo puts target/<profile> on LD_LIBRARY_PATH, where Ferric's libpython3.11.so lives;
    // the oracle must load CPython's.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tools, env!("CARGO_BIN_EXE_ferric-compile"), "--step", "3", "--floor", FLOOR_PERCENT])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(out.status.success(), "code generation differs from python3.11:\n{stdout}");
}
