//! Tricky cases with the values python3.11 gives (ast.parse / SyntaxError attributes).

use crate::ast::{Constant, ExprKind, Mod, Pos, Stmt, StmtKind};
use crate::error::Mode;

fn body(src: &str) -> Vec<Stmt> {
    match crate::parser::parse(src.as_bytes(), "<test>", Mode::Exec) {
        Ok((Mod::Module { body, .. }, _)) => body,
        other => panic!("{src:?}: {other:?}"),
    }
}

fn pos(p: &Pos) -> (i32, i32, i32, i32) {
    (p.lineno, p.col_offset, p.end_lineno, p.end_col_offset)
}

fn err(src: &str) -> (&'static str, String, i32, i32, i32, i32) {
    match crate::parser::parse(src.as_bytes(), "<test>", Mode::Exec) {
        Err(e) => (e.kind.name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset),
        Ok(m) => panic!("{src:?} parsed: {m:?}"),
    }
}

fn expr_of(s: &Stmt) -> &crate::ast::Expr {
    match &s.kind {
        StmtKind::Expr { value } => value,
        StmtKind::Assign { value, .. } => value,
        k => panic!("not an expression statement: {k:?}"),
    }
}

#[test]
fn parenthesized_binop_keeps_inner_position() {
    // 'x = (1 +\n  2)\n': Assign 1:0-2:4, BinOp 1:5-2:3
    let b = body("x = (1 +\n  2)\n");
    assert_eq!(pos(&b[0].pos), (1, 0, 2, 4));
    assert_eq!(pos(&expr_of(&b[0]).pos), (1, 5, 2, 3));
}

#[test]
fn unparenthesized_tuple_includes_trailing_comma() {
    // 'x = 1,\n': Tuple 1:4-1:6
    let b = body("x = 1,\n");
    assert_eq!(pos(&expr_of(&b[0]).pos), (1, 4, 1, 6));
}

#[test]
fn decorated_function_starts_at_def() {
    // '@d\ndef f(): pass\n': FunctionDef 2:0-2:13
    let b = body("@d\ndef f(): pass\n");
    assert_eq!(pos(&b[0].pos), (2, 0, 2, 13));
}

#[test]
fn fstring_parts_carry_the_string_position() {
    // "f'a{b!r:>{c}}'": JoinedStr, Constant and FormattedValue 1:0-1:14, Name b 1:4-1:5
    let b = body("f'a{b!r:>{c}}'\n");
    let ExprKind::JoinedStr { values } = &expr_of(&b[0]).kind else { panic!() };
    assert_eq!(values.len(), 2);
    assert_eq!(pos(&values[0].pos), (1, 0, 1, 14));
    let ExprKind::FormattedValue { value, conversion, format_spec } = &values[1].kind else { panic!() };
    assert_eq!(*conversion, 'r' as i32);
    assert_eq!(pos(&value.pos), (1, 4, 1, 5));
    assert!(matches!(format_spec.as_deref().map(|e| &e.kind), Some(ExprKind::JoinedStr { .. })));
}

#[test]
fn genexp_argument_spans_the_call_parens() {
    // 'f(x for x in y)': GeneratorExp 1:1-1:15
    let b = body("f(x for x in y)\n");
    let ExprKind::Call { args, .. } = &expr_of(&b[0]).kind else { panic!() };
    assert_eq!(pos(&args[0].pos), (1, 1, 1, 15));
}

#[test]
fn u_prefix_sets_kind_and_concatenates() {
    // "u'a' 'b'": Constant('ab', kind='u') 1:0-1:8
    let b = body("u'a' 'b'\n");
    let e = expr_of(&b[0]);
    assert_eq!(pos(&e.pos), (1, 0, 1, 8));
    let ExprKind::Constant { value: Constant::Str(s), kind } = &e.kind else { panic!() };
    assert_eq!(s.as_str(), Some("ab"));
    assert_eq!(kind.as_deref(), Some("u"));
}

#[test]
fn escapes_and_lone_surrogates() {
    // '"\\N{EM DASH}\\x41\\101\\ud800"' == '\u2014AA\ud800'
    let b = body("'\\N{EM DASH}\\x41\\101\\ud800'\n");
    let ExprKind::Constant { value: Constant::Str(s), .. } = &expr_of(&b[0]).kind else { panic!() };
    assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0x2014, 0x41, 0x41, 0xd800]);
}

#[test]
fn invalid_escape_warns() {
    let (_, w) = crate::parser::parse(b"x = '\\d'\n", "<test>", Mode::Exec).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].msg, "invalid escape sequence '\\d'");
    assert_eq!(w[0].lineno, 1);
}

#[test]
fn match_is_a_soft_keyword() {
    // 'match x:\n  case [1, *r]: pass\n': Match 1:0-2:20; 'match = 1' is an assignment
    let b = body("match x:\n  case [1, *r]: pass\n");
    assert_eq!(pos(&b[0].pos), (1, 0, 2, 20));
    let b = body("match = 1\nmatch(a)\n");
    assert!(matches!(b[0].kind, StmtKind::Assign { .. }));
    assert!(matches!(b[1].kind, StmtKind::Expr { .. }));
}

#[test]
fn latin1_source_and_crlf() {
    let b = crate::parser::parse(b"# -*- coding: latin-1 -*-\r\nx = '\xe9'\r\n", "<t>", Mode::Exec).unwrap().0;
    let Mod::Module { body, .. } = b else { panic!() };
    let ExprKind::Constant { value: Constant::Str(s), .. } = &expr_of(&body[0]).kind else { panic!() };
    assert_eq!(s.as_str(), Some("\u{e9}"));
    // columns are UTF-8 bytes of the decoded line: "x = 'é'" ends at 8
    assert_eq!(expr_of(&body[0]).pos.end_col_offset, 8);
}

#[test]
fn syntax_errors_as_python() {
    // (type, msg, lineno, offset, end_lineno, end_offset) from python3.11
    let cases: &[(&str, (&str, &str, i32, i32, i32, i32))] = &[
        ("(" , ("SyntaxError", "'(' was never closed", 1, 1, 1, 0)),
        ("x = 'abc\n", ("SyntaxError", "unterminated string literal (detected at line 1)", 1, 5, 1, 5)),
        ("if x:\n  a\n b\n", ("IndentationError", "unindent does not match any outer indentation level", 3, 3, 3, -1)),
        ("if x:\n\ta\n        b\n", ("TabError", "inconsistent use of tabs and spaces in indentation", 3, 1, 3, 0)),
        ("x = 0777\n", ("SyntaxError", "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", 1, 5, 1, 6)),
        ("x = 1abc\n", ("SyntaxError", "invalid decimal literal", 1, 5, 1, 5)),
        ("  x = 1\n", ("IndentationError", "unexpected indent", 1, 2, 1, -1)),
        ("for x in y:\n", ("IndentationError", "expected an indented block after 'for' statement on line 1", 1, 12, 1, -1)),
        ("if x\n  y\n", ("SyntaxError", "expected ':'", 1, 5, 1, 5)),
        ("f(a b)\n", ("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3, 1, 6)),
        ("print 'hello'\n", ("SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, 1, 14)),
        ("1 = x\n", ("SyntaxError", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, 1, 2)),
        ("(a, 1) = x\n", ("SyntaxError", "cannot assign to literal", 1, 5, 1, 6)),
        ("if x = 1: pass\n", ("SyntaxError", "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4, 1, 9)),
        ("x = 1 +\n", ("SyntaxError", "invalid syntax", 1, 8, 1, 8)),
        ("(]\n", ("SyntaxError", "closing parenthesis ']' does not match opening parenthesis '('", 1, 2, 1, 2)),
        ("f'{}'\n", ("SyntaxError", "f-string: empty expression not allowed", 1, 6, 1, 6)),
        ("x = 'a' b'b'\n", ("SyntaxError", "cannot mix bytes and nonbytes literals", 1, 13, 1, 13)),
        ("try:\n  x\n", ("SyntaxError", "expected 'except' or 'finally' block", 2, 4, 2, -1)),
    ];
    for (src, want) in cases {
        let got = err(src);
        assert_eq!((got.0, got.1.as_str(), got.2, got.3, got.4, got.5), *want, "{src:?}");
    }
}

#[test]
fn deep_nesting_fails_cleanly() {
    // python3.11: "(" * 1000 -> SyntaxError('too many nested parentheses') at 1:201
    let src = "(".repeat(1000);
    let e = err(&src);
    assert_eq!((e.1.as_str(), e.2, e.3), ("too many nested parentheses", 1, 201));
    // no native stack overflow on long unary chains (python3.11 raises MemoryError)
    let src = "-".repeat(100000) + "1";
    assert!(crate::parser::parse(src.as_bytes(), "<t>", Mode::Exec).is_err());
}

fn err_mode(src: &str, mode: Mode) -> (&'static str, String, i32, i32, i32, i32) {
    match crate::parser::parse(src.as_bytes(), "<test>", mode) {
        Err(e) => (e.kind.name(), e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset),
        Ok(m) => panic!("{src:?} parsed: {m:?}"),
    }
}

#[test]
fn other_modes() {
    // ast.parse('1 + 2\n', mode='eval'): BinOp 1:0-1:5
    let (m, _) = crate::parser::parse(b"1 + 2\n", "<t>", Mode::Eval).unwrap();
    let Mod::Expression { body } = m else { panic!() };
    assert_eq!(pos(&body.pos), (1, 0, 1, 5));
    // mode='single'
    let (m, _) = crate::parser::parse(b"x = 1\n", "<t>", Mode::Single).unwrap();
    assert!(matches!(m, Mod::Interactive { ref body } if body.len() == 1));
    // mode='func_type': '(int, *str) -> List[int]': argtypes int 1:1-1:4, str 1:7-1:10
    let (m, _) = crate::parser::parse(b"(int, *str) -> List[int]", "<t>", Mode::FuncType).unwrap();
    let Mod::FunctionType { argtypes, returns } = m else { panic!() };
    assert_eq!(argtypes.iter().map(|a| pos(&a.pos)).collect::<Vec<_>>(), vec![(1, 1, 1, 4), (1, 7, 1, 10)]);
    assert_eq!(pos(&returns.pos), (1, 15, 1, 24));
    assert_eq!(
        err_mode(" 1 + 2\n", Mode::Eval),
        ("IndentationError", "unexpected indent".into(), 1, 1, 1, -1)
    );
    assert_eq!(
        err_mode("x = 1\ny = 2\n", Mode::Single),
        ("SyntaxError", "multiple statements found while compiling a single statement".into(), 1, 6, 1, 6)
    );
    // the NEWLINE token after a comment spans it: 'x = 1 +  # c' -> invalid syntax at 1:10-1:13
    assert_eq!(err("x = 1 +  # c"), ("SyntaxError", "invalid syntax".into(), 1, 10, 1, 13));
}

#[test]
fn error_columns_bytes_or_chars() {
    // python3.11: ast.parse(b'Python = "Ṕýţĥòñ" +') -> offset 27 (bytes, no coding
    // declaration); ast.parse(str) -> offset 20 (characters)
    let src = "Python = \"Ṕýţĥòñ\" +";
    let e = crate::parser::parse(src.as_bytes(), "<t>", Mode::Exec).unwrap_err();
    assert_eq!((e.msg.as_str(), e.offset, e.end_offset), ("invalid syntax", 27, 27));
    let e = crate::parser::parse_text(src, "<t>", Mode::Exec).unwrap_err();
    assert_eq!((e.msg.as_str(), e.offset, e.end_offset), ("invalid syntax", 20, 20));
}

#[test]
fn error_text_as_python() {
    // python3.11: SyntaxError.text
    let text = |src: &str| crate::parser::parse(src.as_bytes(), "<t>", Mode::Exec).unwrap_err().text;
    assert_eq!(text("x = 1 +\n").as_deref(), Some("x = 1 +\n"));
    assert_eq!(text("if x:\n  a\n b\n").as_deref(), Some(" b\n"));
    assert_eq!(text("x = 'abc\n").as_deref(), Some("x = 'abc"));
    assert_eq!(text("x = 1 +").as_deref(), Some("x = 1 +\n"));
}

#[test]
fn single_mode_inputs() {
    // python3.11: ast.parse(src, mode='single') accepts these, with one statement each
    // ('x = 1; y = 2' gives two simple statements)
    for (src, n) in [("if x:\n  pass", 1), ("if x:\n  pass\n\n", 1), ("x = 1; y = 2\n", 2), ("\n\nx\n", 1)] {
        match crate::parser::parse(src.as_bytes(), "<t>", Mode::Single) {
            Ok((Mod::Interactive { body }, _)) => assert_eq!(body.len(), n, "{src:?}"),
            other => panic!("{src:?}: {other:?}"),
        }
    }
}

#[test]
fn single_mode_empty() {
    // python3.11: ast.parse('', mode='single') -> (0, 0, 0, 0); '\n\n' -> (2, 0, 2, 0)
    assert_eq!(err_mode("", Mode::Single), ("SyntaxError", "invalid syntax".into(), 0, 0, 0, 0));
    assert_eq!(err_mode("\n\n", Mode::Single), ("SyntaxError", "invalid syntax".into(), 2, 0, 2, 0));
}
