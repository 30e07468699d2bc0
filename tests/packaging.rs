//! `packaging/install.sh` lays Ferric out as CPython is installed; the installed
//! `python3` finds its prefix from its own location, and a C program built with the
//! installed `python3.11-config --embed` (and with pkg-config) links against Ferric and runs.

use std::path::{Path, PathBuf};
use std::process::Command;

fn install() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let build = Path::new(env!("CARGO_BIN_EXE_python3")).parent().unwrap().to_path_buf();
    let prefix = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("prefix");
    let st = Command::new("sh")
        .arg(root.join("packaging/install.sh"))
        .arg(&prefix)
        .env("FERRIC_BUILD", &build)
        .env_remove("LD_LIBRARY_PATH")
        .status()
        .expect("run install.sh");
    assert!(st.success(), "install.sh failed");
    prefix
}

fn output(cmd: &mut Command) -> String {
    let out = cmd.env_remove("LD_LIBRARY_PATH").env_remove("PYTHONHOME").output().expect("run");
    assert!(out.status.success(), "{cmd:?} failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn installed_layout_works() {
    let prefix = install();
    let py = prefix.join("bin/python3");
    let got = output(Command::new(&py).args(["-c", "import sys; print(sys.prefix); print(sys.version.split()[0])"]));
    assert_eq!(got, format!("{}\n3.11.7", prefix.display()));

    // An embedding program built with the installed python3.11-config.
    let config = prefix.join("bin/python3.11-config");
    let flags = output(Command::new(&config).args(["--cflags", "--ldflags", "--embed"]));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("ext-tests/packaging/embed_hello.c");
    let exe = prefix.join("embed_hello");
    let mut cc = Command::new("cc");
    cc.arg(&src).arg("-o").arg(&exe).args(flags.split_whitespace());
    output(&mut cc);
    assert_eq!(output(&mut Command::new(&exe)), "embedded (3, 11) True");

    // The same through pkg-config, where it is installed.
    if Command::new("pkg-config").arg("--version").output().is_ok() {
        let pc = prefix.join("lib/pkgconfig");
        let flags = output(Command::new("pkg-config").env("PKG_CONFIG_PATH", &pc).args(["--cflags", "--libs", "python-3.11-embed"]));
        let exe2 = prefix.join("embed_hello_pc");
        let mut cc = Command::new("cc");
        cc.arg(&src).arg("-o").arg(&exe2).args(flags.split_whitespace()).arg(format!("-Wl,-rpath,{}", prefix.join("lib").display()));
        output(&mut cc);
        assert_eq!(output(&mut Command::new(&exe2)), "embedded (3, 11) True");
    }
}
