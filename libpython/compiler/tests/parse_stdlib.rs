//! Our parser against python3.11's on the whole host stdlib (tools/compiler_diff_ast.py):
//! the share of files whose `ast.dump(..., include_attributes=True)` is identical (or that
//! both reject with the same error) must not fall below the floor reached so far.

mod oracle;

/// Identical dumps, in percent of the stdlib's files (99.83% when set).
const FLOOR: &str = "99.8";

/// The same with `type_comments=True` (99.83% when set).
const TYPE_COMMENTS_FLOOR: &str = "99.8";

#[test]
fn stdlib_parses_as_python311() {
    let (ok, out) = oracle::run_tool("compiler_diff_ast.py", &["--floor", FLOOR, "--show", "20"]);
    assert!(ok, "below the floor of {FLOOR}%:\n{out}");
}

#[test]
fn stdlib_parses_with_type_comments_as_python311() {
    let args = ["--type-comments", "--floor", TYPE_COMMENTS_FLOOR, "--show", "20"];
    let (ok, out) = oracle::run_tool("compiler_diff_ast.py", &args);
    assert!(ok, "below the floor of {TYPE_COMMENTS_FLOOR}% with type comments:\n{out}");
}
