//! The embedding oracle test: `ext-tests/embed/object_api.c` is compiled against the host's
//! CPython 3.11 headers and linked once against the host's libpython3.11.so and once against
//! Ferric's. Both must print the same lines.

use std::path::{Path, PathBuf};
use std::process::Command;

fn profile_dir() -> PathBuf {
    // target/<profile>/deps/embed-<hash>
    let exe = std::env::current_exe().expect("test executable path");
    exe.parent().and_then(Path::parent).expect("profile dir").to_path_buf()
}

fn python_config(arg: &str) -> String {
    // Cargo puts target/<profile> on LD_LIBRARY_PATH, where our libpython3.11.so.1.0 lives:
    // the oracle must not pick it up.
    let out = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args(["-c", &format!("import sysconfig; print(sysconfig.get_config_var('{arg}'))")])
        .output()
        .expect("python3.11 must be installed (the oracle)");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn compile(src: &Path, out: &Path, lib_dir: &str, lib: &str) {
    let include = python_config("INCLUDEPY");
    assert!(Path::new(&include).join("Python.h").exists(), "python3.11 reports include dir {include:?} without Python.h");
    let status = Command::new("cc")
        .args(["-O0", "-g", "-w", "-o"])
        .arg(out)
        .arg(src)
        .arg(format!("-I{include}"))
        .arg(format!("-L{lib_dir}"))
        .arg(lib)
        .arg(format!("-Wl,-rpath,{lib_dir}"))
        .arg("-lm")
        .status()
        .expect("a C compiler (cc) must be installed");
    assert!(status.success(), "compiling {} failed", src.display());
}

fn run(exe: &Path) -> String {
    run_with(exe, &[])
}

fn run_with(exe: &Path, args: &[&str]) -> String {
    let out = Command::new(exe)
        .args(args)
        .env_remove("LD_LIBRARY_PATH")
        .env("PYTHONHASHSEED", "0")
        .env_remove("PYTHONHOME")
        .output()
        .expect("run embedding program");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        text.push_str(&format!("\n<exit status {:?}>\n{}", out.status, String::from_utf8_lossy(&out.stderr)));
    }
    text
}

/// The directory of the Ferric library this test run built, and a scratch directory.
fn ferric_lib_and_work_dirs() -> (String, PathBuf) {
    let dir = profile_dir();
    // `cargo test` rebuilds the cdylib in deps/ without copying it up; use the newer one.
    let newest = [dir.join("libpython3_11.so"), dir.join("deps/libpython3_11.so")]
        .into_iter()
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .max()
        .map(|(_, p)| p)
        .expect("libpython3_11.so not built");
    let lib_dir = newest.parent().unwrap().to_str().unwrap().to_owned();
    // The program needs the SONAME (libpython3.11.so.1.0) beside the library it is linked
    // against; deps/ has none, and without it the loader would pick the system's CPython.
    let soname = newest.parent().unwrap().join("libpython3.11.so.1.0");
    if std::fs::read_link(&soname).is_err() && !soname.exists() {
        let _ = std::os::unix::fs::symlink("libpython3_11.so", &soname);
    }
    let work = dir.join("embed-test");
    std::fs::create_dir_all(&work).unwrap();
    (lib_dir, work)
}

/// Builds `ext-tests/embed/<name>.c` against CPython and against Ferric.
fn build_both(name: &str) -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join(format!("ext-tests/embed/{name}.c"));
    let (lib_dir, work) = ferric_lib_and_work_dirs();
    let oracle_exe = work.join(format!("{name}_cpython"));
    compile(&src, &oracle_exe, &python_config("LIBDIR"), "-lpython3.11");
    let ferric_exe = work.join(format!("{name}_ferric"));
    compile(&src, &ferric_exe, &lib_dir, "-l:libpython3_11.so");
    (oracle_exe, ferric_exe)
}

/// `ext-tests/embed/<name>.py` compiled by python3.11 into the scratch directory.
fn pyc_of(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join(format!("ext-tests/embed/{name}.py"));
    let (_, work) = ferric_lib_and_work_dirs();
    let pyc = work.join(format!("{name}.pyc"));
    let status = Command::new("python3.11")
        .env_remove("LD_LIBRARY_PATH")
        .args(["-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)"])
        .arg(&src)
        .arg(&pyc)
        .status()
        .expect("python3.11 must be installed (the oracle)");
    assert!(status.success(), "py_compile of {} failed", src.display());
    pyc.to_str().unwrap().to_owned()
}

/// Line-by-line comparison; panics listing the differences.
fn assert_same_output(expected: &str, got: &str) {
    let exp_lines: Vec<&str> = expected.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let mut mismatches = 0;
    for i in 0..exp_lines.len().max(got_lines.len()) {
        let (e, g) = (exp_lines.get(i).copied().unwrap_or("<missing>"), got_lines.get(i).copied().unwrap_or("<missing>"));
        if e != g {
            mismatches += 1;
            eprintln!("line {}:\n  cpython: {e}\n  ferric:  {g}", i + 1);
        }
    }
    assert_eq!(mismatches, 0, "Ferric's output differs from CPython's");
}

#[test]
fn run_api_matches_cpython() {
    let (oracle, ferric) = build_both("run_api");
    let pyc = pyc_of("run_api_main");
    for extra in [&[][..], &["exit"][..]] {
        let args: Vec<&str> = std::iter::once(pyc.as_str()).chain(extra.iter().copied()).collect();
        let expected = run_with(&oracle, &args);
        assert!(expected.contains("square(12): 144"), "the oracle run failed:\n{expected}");
        assert_same_output(&expected, &run_with(&ferric, &args));
    }
}

#[test]
fn py_main_matches_cpython() {
    let (oracle, ferric) = build_both("py_main");
    let pyc = pyc_of("py_main_script");
    let expected = run_with(&oracle, &[&pyc, "4", "é"]);
    assert!(expected.contains("exit status"), "the oracle run did not exit with 4:\n{expected}");
    assert_same_output(&expected, &run_with(&ferric, &[&pyc, "4", "é"]));
}

/// The drop-in promise for embedders: the host's own python3.11 executable, pointed at
/// Ferric's library, runs Ferric.
#[test]
fn host_python_runs_on_ferric() {
    let (lib_dir, _) = ferric_lib_and_work_dirs();
    let pyc = pyc_of("py_main_script");
    // The real executable, not a pyenv shim (which would re-resolve it).
    let exe = Command::new("python3.11").env_remove("LD_LIBRARY_PATH").args(["-c", "import sys; print(sys.executable)"]).output().expect("python3.11");
    let exe = String::from_utf8_lossy(&exe.stdout).trim().to_owned();
    let linked = Command::new("ldd").arg(&exe).output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
    if !linked.contains("libpython3.11.so") {
        eprintln!("{exe} is linked statically; nothing to check");
        return;
    }
    // Ferric's sys.version names it.
    let probe = Command::new(&exe)
        .env("LD_LIBRARY_PATH", &lib_dir)
        .args(["-c", "import sys; print(sys.version)"])
        .output()
        .expect("run python3.11");
    let text = String::from_utf8_lossy(&probe.stdout).into_owned();
    assert!(text.contains("ferric"), "python3.11 -c did not run on Ferric: {text}{}", String::from_utf8_lossy(&probe.stderr));
    let out = Command::new(&exe).env("LD_LIBRARY_PATH", &lib_dir).args([&pyc, "0"]).output().expect("run python3.11");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(stdout.contains("argv: ['0']"), "python3.11 on Ferric did not run the .pyc: {stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success());
    let version = Command::new(&exe).env("LD_LIBRARY_PATH", &lib_dir).arg("--version").output().expect("run python3.11");
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("Python 3.11"));
}

#[test]
fn object_api_matches_cpython() {
    let (oracle_exe, ferric_exe) = build_both("object_api");
    let expected = run(&oracle_exe);
    let checks = expected.lines().find_map(|l| l.strip_prefix("checks: ")).unwrap_or("0");
    eprintln!("{checks} checks");
    assert!(checks.parse::<usize>().unwrap_or(0) >= 150, "fewer than 150 checks");
    assert_same_output(&expected, &run(&ferric_exe));
}

#[test]
fn capi_support_matches_cpython() {
    let (oracle_exe, ferric_exe) = build_both("capi_support");
    let expected = run(&oracle_exe);
    let checks = expected.lines().find_map(|l| l.strip_prefix("checks: ")).unwrap_or("0");
    eprintln!("{checks} checks");
    assert!(checks.parse::<usize>().unwrap_or(0) >= 50, "fewer than 50 checks:\n{expected}");
    assert_same_output(&expected, &run(&ferric_exe));
}

/// `_PyRuntime` through the internal headers (`_Py_ID`, `_Py_STR`, small ints, one-character
/// strings, `_PyThreadState_GET`), and Ferric's promise that `_Py_ID(name)` is the interned
/// str of `name` (CPython 3.11 interns only some of them).
#[test]
fn runtime_ids_match_cpython() {
    let (oracle_exe, ferric_exe) = build_both("runtime_ids");
    let expected = run(&oracle_exe);
    assert!(expected.contains("identifiers: 304, valid str: 304"), "the oracle run failed:\n{expected}");
    assert_same_output(&expected, &run(&ferric_exe));
    let interned = run_with(&ferric_exe, &["interned"]);
    assert!(interned.contains("identifiers interned: 304 of 304"), "{interned}");
    assert!(interned.contains("InternInPlace(__name__) is _Py_ID: 1"), "{interned}");
}
