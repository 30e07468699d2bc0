//! `\N{...}` escapes (tools/unicode_names_check.py): every name alias and named sequence
//! python3.11's unicodedata knows, parsed by python3.11 and by Ferric, same value or error.

use std::process::Command;

#[test]
fn unicode_name_escapes_match_cpython() {
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tools/unicode_names_check.py");
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args([tool, env!("CARGO_BIN_EXE_ferric-compile")])
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "\\N{{...}} differs from python3.11:\n{stdout}");
}
