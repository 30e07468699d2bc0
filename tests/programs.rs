//! The program corpus: every `tests/programs/*.py` is compiled by python3.11 (py_compile)
//! and run as a `.pyc` by Ferric's `python3` and by python3.11. Stdout, the last line of
//! stderr and the exit status must be the same. Programs named `tb_*` must print the same
//! whole stderr (traceback format: source lines, `^`/`~` markers, chains).
//!
//! `tests/programs/XFAIL` names the programs known to differ still, one per line; the list
//! is strict: a listed program that starts to pass fails the test until it is taken off.
//! Run one program with `PROGRAM=name cargo test --test programs -- --nocapture`.
//!
//! `corpus_from_source_matches_cpython` runs the same programs from source (`python3 x.py`),
//! so Ferric's compiler is compared with CPython's end to end; its list is `XFAIL_SOURCE`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Outcome {
    stdout: String,
    stderr: String,
    last_err: String,
    status: i32,
}

fn run(cmd: &mut Command, timeout: Duration) -> Outcome {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = Instant::now();
    let out_pipe = child.stdout.take().unwrap();
    let err_pipe = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || read_all(out_pipe));
    let err_t = std::thread::spawn(move || read_all(err_pipe));
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s.code().unwrap_or(-1);
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            break -999;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let stdout = out_t.join().unwrap();
    let stderr = err_t.join().unwrap();
    let last_err = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_string();
    Outcome { stdout, stderr, last_err, status }
}

fn read_all(mut r: impl std::io::Read) -> String {
    let mut v = Vec::new();
    let _ = r.read_to_end(&mut v);
    String::from_utf8_lossy(&v).into_owned()
}

fn programs(dir: &Path) -> Vec<PathBuf> {
    let only = std::env::var("PROGRAM").ok();
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/programs")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|e| e == "py").unwrap_or(false))
        .filter(|p| only.as_ref().map(|o| p.file_stem().unwrap().to_str() == Some(o.as_str())).unwrap_or(true))
        .collect();
    v.sort();
    v
}

fn python311() -> Command {
    let mut c = Command::new("python3.11");
    c.env_remove("LD_LIBRARY_PATH").env("PYTHONHASHSEED", "0").env("PYTHONDONTWRITEBYTECODE", "1");
    c
}

#[test]
fn corpus_matches_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/programs");
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("programs");
    std::fs::create_dir_all(&out_dir).unwrap();
    let files = programs(&dir);
    assert!(!files.is_empty(), "no programs found");

    // One python3.11 compiles them all.
    let mut script = String::from("import py_compile, sys\n");
    for f in &files {
        let stem = f.file_stem().unwrap().to_str().unwrap();
        script.push_str(&format!("py_compile.compile({:?}, cfile={:?}, doraise=True)\n", f.display().to_string(), out_dir.join(format!("{stem}.pyc")).display().to_string()));
    }
    let st = python311().arg("-c").arg(&script).status().expect("python3.11");
    assert!(st.success(), "py_compile failed");

    let ferric = env!("CARGO_BIN_EXE_python3");
    compare_corpus(&dir, &files, "XFAIL", |f| {
        let stem = f.file_stem().unwrap().to_str().unwrap();
        let pyc = out_dir.join(format!("{stem}.pyc"));
        // The oracle runs the same .pyc, so compile-time warnings and file names agree.
        let mut want = python311();
        want.arg(&pyc);
        let mut got = Command::new(ferric);
        got.arg(&pyc).env("PYTHONHASHSEED", "0");
        (want, got)
    });
}

/// The same corpus run from source: Ferric's compiler against python3.11's.
/// `tests/programs/XFAIL_SOURCE` is the strict list of programs that differ this way.
#[test]
fn corpus_from_source_matches_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let files = programs(&dir);
    let ferric = env!("CARGO_BIN_EXE_python3");
    compare_corpus(&dir, &files, "XFAIL_SOURCE", |f| {
        let name = f.file_name().unwrap().to_owned();
        let mut want = python311();
        want.arg(&name);
        let mut got = Command::new(ferric);
        got.arg(&name).env("PYTHONHASHSEED", "0").env("PYTHONDONTWRITEBYTECODE", "1");
        (want, got)
    });
}

/// Runs each program as `commands` says (CPython's command, Ferric's), in the corpus
/// directory, and compares; `xfail_name` is the strict list of known differences.
fn compare_corpus(dir: &Path, files: &[PathBuf], xfail_name: &str, commands: impl Fn(&Path) -> (Command, Command)) {
    let xfail: Vec<String> = std::fs::read_to_string(dir.join(xfail_name))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut failed = Vec::new();
    let mut unexpected_pass = Vec::new();
    let mut passed = 0;
    for f in files {
        let stem = f.file_stem().unwrap().to_str().unwrap().to_string();
        let (mut want_cmd, mut got_cmd) = commands(f);
        let want = run(want_cmd.current_dir(dir), Duration::from_secs(20));
        let got = run(got_cmd.current_dir(dir), Duration::from_secs(20));
        let whole_stderr = stem.starts_with("tb_");
        let same_err = if whole_stderr { want.stderr == got.stderr } else { want.last_err == got.last_err };
        let same = want.stdout == got.stdout && same_err && want.status == got.status;
        let listed = xfail.contains(&stem);
        if same {
            passed += 1;
            if listed {
                unexpected_pass.push(stem);
            }
        } else if !listed {
            let first_diff = want.stdout.lines().zip(got.stdout.lines()).position(|(a, b)| a != b);
            eprintln!(
                "DIFF {stem}: status {} vs {}; stderr {:?} vs {:?}; first differing stdout line {:?}",
                want.status,
                got.status,
                if whole_stderr { &want.stderr } else { &want.last_err },
                if whole_stderr { &got.stderr } else { &got.last_err },
                first_diff.map(|i| (want.stdout.lines().nth(i), got.stdout.lines().nth(i)))
            );
            failed.push(stem);
        }
    }
    println!("{passed} of {} programs match CPython ({} known to differ, {xfail_name})", files.len(), xfail.len());
    assert!(failed.is_empty(), "{} programs differ from CPython: {failed:?}", failed.len());
    assert!(unexpected_pass.is_empty(), "these programs now pass; take them off tests/programs/{xfail_name}: {unexpected_pass:?}");
}

/// A damaged `.pyc` (bad magic, cut short, a bad type code, a header only) gives CPython's
/// exception and exit status, not a crash.
#[test]
fn damaged_pyc_fails_as_in_cpython() {
    let out_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("damaged");
    std::fs::create_dir_all(&out_dir).unwrap();
    let src = out_dir.join("victim.py");
    std::fs::write(&src, "def f(x):\n    return [x, 'text', 1.5, (1, 2)]\nprint(f(3))\n").unwrap();
    let pyc = out_dir.join("victim.pyc");
    let script = format!("import py_compile; py_compile.compile({:?}, cfile={:?}, doraise=True)", src.display().to_string(), pyc.display().to_string());
    assert!(python311().arg("-c").arg(&script).status().unwrap().success());
    let good = std::fs::read(&pyc).unwrap();
    let mut cases: Vec<(String, Vec<u8>)> = vec![("intact".into(), good.clone())];
    let mut bad_magic = good.clone();
    bad_magic[0] ^= 0xff;
    cases.push(("bad magic".into(), bad_magic));
    cases.push(("header only".into(), good[..16].to_vec()));
    for cut in [17, 40, good.len() / 2, good.len() - 1] {
        cases.push((format!("cut at {cut}"), good[..cut].to_vec()));
    }
    let mut bad_code = good.clone();
    bad_code[16] = b'?';
    cases.push(("unknown type code".into(), bad_code));
    let ferric = env!("CARGO_BIN_EXE_python3");
    let mut failed = Vec::new();
    for (name, bytes) in &cases {
        let f = out_dir.join(format!("case-{}.pyc", name.replace(' ', "_")));
        std::fs::write(&f, bytes).unwrap();
        let want = run(python311().arg(&f), Duration::from_secs(20));
        let got = run(Command::new(ferric).arg(&f), Duration::from_secs(20));
        if (want.stdout.as_str(), want.last_err.as_str(), want.status) != (got.stdout.as_str(), got.last_err.as_str(), got.status) {
            eprintln!("{name}: cpython {:?} {:?} {}; ferric {:?} {:?} {}", want.stdout, want.last_err, want.status, got.stdout, got.last_err, got.status);
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "damaged .pyc files handled unlike CPython: {failed:?}");
}
