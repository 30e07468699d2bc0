//! Running a comparison script of tools/ under python3.11 with `ferric-compile`.

use std::process::Command;

/// Runs `python3.11 tools/<script> FERRIC_COMPILE args...`; its success and its output.
pub fn run_tool(script: &str, args: &[&str]) -> (bool, String) {
    let tool = format!("{}/../../tools/{script}", env!("CARGO_MANIFEST_DIR"));
    // Cargo puts target/<profile> on LD_LIBRARY_PATH, where Ferric's libpython3.11.so lives;
    // the oracle must load CPython's.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .arg(tool)
        .arg(env!("CARGO_BIN_EXE_ferric-compile"))
        .args(args)
        .output()
        .expect("python3.11 runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    (out.status.success(), stdout)
}
