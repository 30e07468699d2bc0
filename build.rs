//! Names the shared library as CPython's (`libpython3.11.so.1.0`, SONAME included) and links
//! the `python3` executable against it with an `$ORIGIN` run path.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libpython3.11.so.1.0");

    // OUT_DIR is <target>/<profile>/build/ferric-<hash>/out; the artefacts land in <target>/<profile>.
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let profile_dir = out_dir.ancestors().nth(3).expect("OUT_DIR is three levels below the profile dir");
    // Cargo writes the cdylib as libpython3_11.so; give it CPython's file names beside it.
    for name in ["libpython3.11.so.1.0", "libpython3.11.so"] {
        let link = profile_dir.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("libpython3_11.so", &link).expect("symlink beside the library");
    }
    println!("cargo:rustc-link-search=native={}", profile_dir.display());
    println!("cargo:rustc-link-search=native={}", profile_dir.join("deps").display());
    println!("cargo:rustc-link-arg-bins=-l:libpython3_11.so");
    println!("cargo:rustc-link-arg-bins=-Wl,-rpath,$ORIGIN:$ORIGIN/../lib");
}
