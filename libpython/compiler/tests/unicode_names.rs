//! `\N{...}` escapes (tools/unicode_names_check.py): every name alias and named sequence
//! python3.11's unicodedata knows, parsed by python3.11 and by Ferric, same value or error.

mod oracle;

#[test]
fn unicode_name_escapes_match_cpython() {
    let (ok, out) = oracle::run_tool("unicode_names_check.py", &[]);
    assert!(ok, "\\N{{...}} differs from python3.11:\n{out}");
}
