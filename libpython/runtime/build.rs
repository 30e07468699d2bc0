//! Records the prefix of the CPython 3.11 found at build time: `sys.prefix` falls back on it
//! when neither `PYTHONHOME` nor a stdlib beside the executable says where the stdlib is.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=FERRIC_BUILD_PYTHON");
    let python = std::env::var("FERRIC_BUILD_PYTHON").unwrap_or_else(|_| "python3.11".into());
    // Cargo's library path holds our own libpython3.11.so, which a shared-library CPython
    // would load instead of its own.
    let out = Command::new(python).args(["-c", "import sys; print(sys.base_prefix)"]).env_remove("LD_LIBRARY_PATH").output();
    if let Ok(out) = &out {
        let prefix = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if out.status.success() && !prefix.is_empty() {
            println!("cargo:rustc-env=FERRIC_BUILD_PREFIX={prefix}");
        }
    }
}
