//! The JSON form of the AST against python3.11: stdlib trees written by `tools/ast_json.py`
//! survive a trip through our AST types unchanged.

use std::process::Command;

#[test]
fn stdlib_trees_round_trip_through_our_ast() {
    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/ast_json_roundtrip.py");
    // Cargo puts target/<profile> on LD_LIBRARY_PATH, where Ferric's libpython3.11.so lives;
    // the oracle must load CPython's.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tools, env!("CARGO_BIN_EXE_ferric-compile"), "8"])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "round trip failed:\n{stdout}");
}
