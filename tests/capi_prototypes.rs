//! Every C-API function Ferric exports has CPython 3.11's C signature: cbindgen writes their
//! prototypes (include/ferric/capi.h) and `tools/capi_header.py check` compiles them after
//! CPython's own headers, failing on any conflict beyond what a pointer points to, and on a
//! committed header that is stale.

use std::process::Command;

#[test]
fn exported_prototypes_agree_with_cpython() {
    let tool = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/capi_header.py");
    let out = Command::new("python3.11").env_remove("LD_LIBRARY_PATH").args([tool, "check"]).output().expect("python3.11");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{text}");
    assert!(out.status.success(), "{text}");
}
