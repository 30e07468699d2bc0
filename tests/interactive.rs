//! The interactive prompt: sessions in `tests/interactive/*.txt` are fed to `python3 -i`
//! on a pipe, and stdout, stderr (after the two-line banner, which names the build) and the
//! exit status must be python3.11's.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

fn session(exe: &str, input: &[u8], oracle: bool) -> (String, String, i32) {
    let mut cmd = Command::new(exe);
    if oracle {
        cmd.env_remove("LD_LIBRARY_PATH");
    }
    let mut child = cmd.arg("-i").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).lines().skip(2).collect::<Vec<_>>().join("\n");
    (String::from_utf8_lossy(&out.stdout).into_owned(), stderr, out.status.code().unwrap_or(-1))
}

#[test]
fn sessions_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interactive");
    let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    assert!(!names.is_empty());
    for path in names {
        let input = std::fs::read(&path).unwrap();
        let want = session("python3.11", &input, true);
        let got = session(env!("CARGO_BIN_EXE_python3"), &input, false);
        assert_eq!(want, got, "session {} differs", path.display());
    }
}
