//! Names the shared library as CPython's (`libpython3.11.so.1.0`, SONAME included) and links
//! the `python3` executable against it with an `$ORIGIN` run path.
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libpython3.11.so.1.0");
    export_c_shims();

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

/// rustc's version script exports only Rust symbols; the C shims' FERRIC_API functions go in a
/// second one (GNU ld merges the two).
fn export_c_shims() {
    let mut names = Vec::new();
    let dir = std::path::Path::new("capi/shims");
    println!("cargo:rerun-if-changed=capi/shims");
    for entry in std::fs::read_dir(dir).expect("capi/shims") {
        let path = entry.expect("dir entry").path();
        if path.extension().map(|e| e != "c").unwrap_or(true) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read shim");
        for line in text.lines() {
            let Some(rest) = line.strip_prefix("FERRIC_API ") else { continue };
            let Some(paren) = rest.find('(') else { continue };
            let name = rest[..paren].rsplit(|c: char| c == ' ' || c == '*').next().unwrap_or("");
            if !name.is_empty() {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("shims.map");
    let body: String = names.iter().map(|n| format!("    {n};\n")).collect();
    std::fs::write(&out, format!("{{\n  global:\n{body}}};\n")).expect("write shims.map");
    println!("cargo:rustc-cdylib-link-arg=-Wl,--version-script={}", out.display());
}
