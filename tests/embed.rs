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
    let out = Command::new(exe)
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

#[test]
fn object_api_matches_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("ext-tests/embed/object_api.c");
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

    let oracle_exe = work.join("object_api_cpython");
    compile(&src, &oracle_exe, &python_config("LIBDIR"), "-lpython3.11");
    let ferric_exe = work.join("object_api_ferric");
    compile(&src, &ferric_exe, &lib_dir, "-l:libpython3_11.so");

    let expected = run(&oracle_exe);
    let got = run(&ferric_exe);
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
    let checks = exp_lines.iter().find_map(|l| l.strip_prefix("checks: ")).unwrap_or("0");
    eprintln!("{checks} checks, {mismatches} mismatching lines");
    assert!(checks.parse::<usize>().unwrap_or(0) >= 150, "fewer than 150 checks");
    assert_eq!(mismatches, 0, "Ferric's answers differ from CPython's");
}
