//! Issue 5's import acceptance, tracked: every top-level stdlib module python3.11 can import
//! here (`tests/stdlib_importable.txt`, written by `python3.11 tools/gen_stdlib_importable.py`)
//! is imported by Ferric's `python3 -c "import X"` in a fresh process. The test fails when
//! fewer succeed than the floor, or when any attempt crashes (a signal, a panic) instead of
//! raising. `STDLIB_IMPORT_SHOW=1` prints each failure's last line.

use std::process::{Command, Stdio};

/// Raise this as modules start to import; the goal is all of them.
const FLOOR: usize = 146;

#[test]
fn stdlib_modules_import() {
    let list = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/stdlib_importable.txt")).expect("stdlib_importable.txt");
    let names: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    let show = std::env::var("STDLIB_IMPORT_SHOW").is_ok();
    let mut ok = 0;
    let mut crashed = Vec::new();
    for name in &names {
        let out = Command::new(env!("CARGO_BIN_EXE_python3"))
            .args(["-c", &format!("import {name}")])
            .stdin(Stdio::null())
            .output()
            .expect("run python3");
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(0) => ok += 1,
            Some(_) if !stderr.contains("panicked") => {
                if show {
                    eprintln!("{name}: {}", stderr.lines().last().unwrap_or(""));
                }
            }
            _ => crashed.push(format!("{name}: {:?} {}", out.status, stderr.lines().last().unwrap_or(""))),
        }
    }
    eprintln!("stdlib modules imported: {ok} of {}", names.len());
    assert!(crashed.is_empty(), "imports that crashed instead of raising:\n{}", crashed.join("\n"));
    assert!(ok >= FLOOR, "only {ok} of {} stdlib modules imported (floor {FLOOR})", names.len());
}
