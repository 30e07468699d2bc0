//! Deep nesting (tools/depth_limits.py): the parser's stack limit (MemoryError), the
//! tokenizer's bracket and indentation limits and the compile-time RecursionError, each
//! input compiled by python3.11 and by Ferric, compared on type, message and position.

mod oracle;

#[test]
fn depth_limits_match_cpython() {
    let (ok, out) = oracle::run_tool("depth_limits.py", &[]);
    assert!(ok, "deep nesting differs from python3.11:\n{out}");
}
