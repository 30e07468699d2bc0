//! Compiles the C shims (the variadic C-API functions) into a static library linked whole
//! into libpython3.11.so; the root build.rs exports their FERRIC_API functions.
fn main() {
    println!("cargo:rerun-if-changed=shims");
    let mut build = cc::Build::new();
    for entry in std::fs::read_dir("shims").expect("capi/shims") {
        let path = entry.expect("dir entry").path();
        if path.extension().map(|e| e == "c").unwrap_or(false) {
            println!("cargo:rerun-if-changed={}", path.display());
            build.file(&path);
        }
    }
    build
        .warnings(true)
        .flag_if_supported("-Wno-unused-parameter")
        .flag("-fvisibility=hidden")
        .cargo_metadata(false)
        .compile("ferric_shims");
    // Whole archive: nothing in Rust references the shims, yet every one must be linked.
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rustc-link-search=native={out}");
    println!("cargo:rustc-link-lib=static:+whole-archive=ferric_shims");
}
