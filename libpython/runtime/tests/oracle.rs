//! Oracle tests of the object model: each `tests/cases/*.py` file holds one Python expression
//! per line. python3.11 evaluates them (oracle_eval.py) and so does Ferric's runtime (through
//! `support/minieval.rs`, until the eval loop exists); every line must print the same
//! `repr(result)` or `!Type: message`. Run one file with `CASES=name cargo test --test oracle`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let only = std::env::var("CASES").ok();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|e| e == "py").unwrap_or(false))
        .filter(|p| only.as_ref().map(|o| p.file_stem().unwrap().to_str() == Some(o.as_str())).unwrap_or(true))
        .collect();
    files.sort();
    files
}

fn oracle(file: &Path) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle_eval.py");
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .env("PYTHONHASHSEED", "0")
        .arg(script)
        .arg(file)
        .output()
        .expect("python3.11 must be installed (the oracle)");
    assert!(out.status.success(), "oracle failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(|l| l.to_owned()).collect()
}

#[test]
fn cases_match_cpython() {
    std::env::set_var("PYTHONHASHSEED", "0");
    ferric_runtime::lifecycle::initialize().expect("initialize");
    let mut total = 0;
    let mut failures = 0;
    for file in case_files() {
        let expected = oracle(&file);
        let text = std::fs::read_to_string(&file).unwrap();
        let exprs: Vec<&str> = text.lines().map(|l| l.trim()).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        assert_eq!(exprs.len(), expected.len(), "{}: oracle printed a different number of lines", file.display());
        for (expr, want) in exprs.iter().zip(&expected) {
            total += 1;
            // Safety: the runtime is initialised and this thread holds the (only) thread state.
            let got = unsafe { support::minieval::eval_to_line(expr) };
            if &got != want {
                failures += 1;
                eprintln!("{}: {expr}\n  cpython: {want}\n  ferric:  {got}", file.file_name().unwrap().to_string_lossy());
            }
        }
    }
    eprintln!("{total} expressions, {failures} differ from CPython");
    assert_eq!(failures, 0);
}
