//! Annotations as strings under `from __future__ import annotations`: CPython 3.11's
//! ast_unparse.c (a limited unparser with its precedence rules and constant reprs).

use crate::ast::*;

const PR_TUPLE: i32 = 0;
const PR_TEST: i32 = 1;
const PR_OR: i32 = 2;
const PR_AND: i32 = 3;
const PR_NOT: i32 = 4;
const PR_CMP: i32 = 5;
const PR_EXPR: i32 = 6;
const PR_BOR: i32 = 6;
const PR_BXOR: i32 = 7;
const PR_BAND: i32 = 8;
const PR_SHIFT: i32 = 9;
const PR_ARITH: i32 = 10;
const PR_TERM: i32 = 11;
const PR_FACTOR: i32 = 12;
const PR_POWER: i32 = 13;
const PR_AWAIT: i32 = 14;
const PR_ATOM: i32 = 15;

/// `_PyAST_ExprAsUnicode`: the text of an annotation.
pub fn unparse_annotation(e: &Expr) -> PyStr {
    let mut w = PyStr::new();
    expr(&mut w, e, PR_TEST);
    w
}

fn is_printable(c: u32) -> bool {
    if c < 0x20 || c == 0x7f {
        return false;
    }
    if c < 0x7f {
        return true;
    }
    if (0x80..0xa0).contains(&c) || c == 0xa0 || c == 0xad {
        return false;
    }
    if (0xd800..0xe000).contains(&c) || (0xe000..0xf900).contains(&c) {
        return false;
    }
    if matches!(c, 0x1680 | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000 | 0xfeff | 0x061c | 0x180e)
        || (0x2000..=0x200f).contains(&c)
        || (0x202a..=0x202e).contains(&c)
        || (0x2060..=0x206f).contains(&c)
        || (0xfff0..=0xfffb).contains(&c)
        || c >= 0xf0000
        || c == 0xfffe
        || c == 0xffff
    {
        return false;
    }
    char::from_u32(c).map_or(false, |ch| !ch.is_control())
}

pub fn str_repr(s: &PyStr) -> PyStr {
    let cps: Vec<u32> = s.code_points().collect();
    let has_sq = cps.contains(&('\'' as u32));
    let has_dq = cps.contains(&('"' as u32));
    let quote = if has_sq && !has_dq { '"' as u32 } else { '\'' as u32 };
    let mut o = PyStr::new();
    o.push(quote);
    for &c in &cps {
        if c == quote || c == '\\' as u32 {
            o.push('\\' as u32);
            o.push(c);
        } else if c == '\t' as u32 {
            o.push_str("\\t");
        } else if c == '\n' as u32 {
            o.push_str("\\n");
        } else if c == '\r' as u32 {
            o.push_str("\\r");
        } else if c < 0x20 || c == 0x7f {
            o.push_str(&format!("\\x{:02x}", c));
        } else if c < 0x7f || is_printable(c) {
            o.push(c);
        } else if c < 0x100 {
            o.push_str(&format!("\\x{:02x}", c));
        } else if c < 0x10000 {
            o.push_str(&format!("\\u{:04x}", c));
        } else {
            o.push_str(&format!("\\U{:08x}", c));
        }
    }
    o.push(quote);
    o
}

fn bytes_repr(b: &[u8]) -> String {
    let has_sq = b.contains(&b'\'');
    let has_dq = b.contains(&b'"');
    let quote = if has_sq && !has_dq { b'"' } else { b'\'' };
    let mut o = String::from("b");
    o.push(quote as char);
    for &c in b {
        if c == quote || c == b'\\' {
            o.push('\\');
            o.push(c as char);
        } else if c == b'\t' {
            o.push_str("\\t");
        } else if c == b'\n' {
            o.push_str("\\n");
        } else if c == b'\r' {
            o.push_str("\\r");
        } else if !(0x20..0x7f).contains(&c) {
            o.push_str(&format!("\\x{:02x}", c));
        } else {
            o.push(c as char);
        }
    }
    o.push(quote as char);
    o
}

/// Python's `repr(float)`: the shortest digits, exponent form outside 1e-4 <= |x| < 1e16.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{:e}", x); // shortest round-trip digits: d.ddde[-]N
    let (mant, exp) = e.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let decpt = exp + 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if decpt > -4 && decpt <= 16 {
        if decpt <= 0 {
            out.push_str("0.");
            for _ in 0..(-decpt) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if (decpt as usize) >= digits.len() {
            out.push_str(&digits);
            for _ in 0..(decpt as usize - digits.len()) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..decpt as usize]);
            out.push('.');
            out.push_str(&digits[decpt as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let ex = decpt - 1;
        out.push_str(&format!("e{}{:02}", if ex < 0 { '-' } else { '+' }, ex.abs()));
    }
    out
}

fn complex_repr(r: f64, i: f64) -> String {
    let fmt = |x: f64| -> String {
        let s = float_repr(x);
        s.strip_suffix(".0").map(|t| t.to_string()).unwrap_or(s)
    };
    if r == 0.0 && !r.is_sign_negative() {
        format!("{}j", fmt(i))
    } else {
        let im = fmt(i);
        let sign = if im.starts_with('-') || im == "nan" && i.is_sign_negative() { "" } else { "+" };
        format!("({}{}{}j)", fmt(r), sign, im)
    }
}

fn constant(w: &mut PyStr, c: &Constant) {
    let inf = "1e309";
    match c {
        Constant::None => w.push_str("None"),
        Constant::Bool(b) => w.push_str(if *b { "True" } else { "False" }),
        Constant::Ellipsis => w.push_str("Ellipsis"),
        Constant::Int(i) => w.push_str(&i.to_string()),
        Constant::Float(f) => {
            let s = float_repr(*f);
            w.push_str(&if f.is_infinite() { s.replace("inf", inf) } else { s })
        }
        Constant::Complex { real, imag } => w.push_str(&complex_repr(*real, *imag).replace("inf", inf)),
        Constant::Str(s) => w.push_pystr(&str_repr(s)),
        Constant::Bytes(b) => w.push_str(&bytes_repr(b)),
        Constant::Tuple(t) => {
            w.push_str("(");
            for (i, x) in t.iter().enumerate() {
                if i > 0 {
                    w.push_str(", ");
                }
                constant(w, x);
            }
            if t.len() == 1 {
                w.push_str(",");
            }
            w.push_str(")");
        }
        Constant::FrozenSet(t) => {
            // repr(frozenset(...)): order is the set's, which we cannot know; keep source order.
            w.push_str("frozenset({");
            for (i, x) in t.iter().enumerate() {
                if i > 0 {
                    w.push_str(", ");
                }
                constant(w, x);
            }
            w.push_str("})");
        }
    }
}

fn args(w: &mut PyStr, a: &Arguments) {
    let mut first = true;
    let sep = |w: &mut PyStr, first: &mut bool| {
        if !*first {
            w.push_str(", ");
        }
        *first = false;
    };
    let npos = a.posonlyargs.len();
    let nargs = a.args.len();
    let ndef = a.defaults.len();
    for i in 0..npos + nargs {
        sep(w, &mut first);
        let arg = if i < npos { &a.posonlyargs[i] } else { &a.args[i - npos] };
        one_arg(w, arg);
        let di = i as i64 - npos as i64 - nargs as i64 + ndef as i64;
        if di >= 0 {
            w.push_str("=");
            expr(w, &a.defaults[di as usize], PR_TEST);
        }
        if npos > 0 && i + 1 == npos {
            w.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(w, &mut first);
        w.push_str("*");
        if let Some(v) = &a.vararg {
            one_arg(w, v);
        }
    }
    let n = a.kwonlyargs.len();
    let nd = a.kw_defaults.len();
    for i in 0..n {
        sep(w, &mut first);
        one_arg(w, &a.kwonlyargs[i]);
        let di = i as i64 - n as i64 + nd as i64;
        if di >= 0 {
            if let Some(d) = &a.kw_defaults[di as usize] {
                w.push_str("=");
                expr(w, d, PR_TEST);
            }
        }
    }
    if let Some(k) = &a.kwarg {
        sep(w, &mut first);
        w.push_str("**");
        one_arg(w, k);
    }
}

fn one_arg(w: &mut PyStr, a: &Arg) {
    w.push_str(&a.arg);
    if let Some(an) = &a.annotation {
        w.push_str(": ");
        expr(w, an, PR_TEST);
    }
}

fn comprehensions(w: &mut PyStr, gens: &[Comprehension]) {
    for g in gens {
        w.push_str(if g.is_async != 0 { " async for " } else { " for " });
        expr(w, &g.target, PR_TUPLE);
        w.push_str(" in ");
        expr(w, &g.iter, PR_TEST + 1);
        for c in &g.ifs {
            w.push_str(" if ");
            expr(w, c, PR_TEST + 1);
        }
    }
}

fn escape_braces(s: &PyStr) -> PyStr {
    let mut o = PyStr::new();
    for c in s.code_points() {
        o.push(c);
        if c == '{' as u32 || c == '}' as u32 {
            o.push(c);
        }
    }
    o
}

fn fstring_element(w: &mut PyStr, e: &Expr, is_format_spec: bool) {
    match &e.kind {
        ExprKind::Constant { value: Constant::Str(s), .. } => w.push_pystr(&escape_braces(s)),
        ExprKind::JoinedStr { values } => joinedstr(w, values, is_format_spec),
        ExprKind::FormattedValue { .. } => formattedvalue(w, e),
        _ => {}
    }
}

fn joinedstr(w: &mut PyStr, values: &[Expr], is_format_spec: bool) {
    let mut body = PyStr::new();
    for v in values {
        fstring_element(&mut body, v, is_format_spec);
    }
    if !is_format_spec {
        w.push_str("f");
        w.push_pystr(&str_repr(&body));
    } else {
        w.push_pystr(&body);
    }
}

fn formattedvalue(w: &mut PyStr, e: &Expr) {
    let ExprKind::FormattedValue { value, conversion, format_spec } = &e.kind else { return };
    let mut t = PyStr::new();
    expr(&mut t, value, PR_TEST + 1);
    if t.as_bytes().first() == Some(&b'{') {
        w.push_str("{ ");
    } else {
        w.push_str("{");
    }
    w.push_pystr(&t);
    match *conversion {
        97 => w.push_str("!a"),
        114 => w.push_str("!r"),
        115 => w.push_str("!s"),
        _ => {}
    }
    if let Some(f) = format_spec {
        w.push_str(":");
        fstring_element(w, f, true);
    }
    w.push_str("}");
}

fn open(w: &mut PyStr, cond: bool) {
    if cond {
        w.push_str("(");
    }
}
fn close(w: &mut PyStr, cond: bool) {
    if cond {
        w.push_str(")");
    }
}

fn seq(w: &mut PyStr, elts: &[Expr]) {
    for (i, x) in elts.iter().enumerate() {
        if i > 0 {
            w.push_str(", ");
        }
        expr(w, x, PR_TEST);
    }
}

fn expr(w: &mut PyStr, e: &Expr, level: i32) {
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (s, pr) = if *op == BoolOp::And { (" and ", PR_AND) } else { (" or ", PR_OR) };
            open(w, level > pr);
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    w.push_str(s);
                }
                expr(w, v, pr + 1);
            }
            close(w, level > pr);
        }
        ExprKind::BinOp { left, op, right } => {
            let (s, pr, rassoc) = match op {
                Operator::Add => (" + ", PR_ARITH, false),
                Operator::Sub => (" - ", PR_ARITH, false),
                Operator::Mult => (" * ", PR_TERM, false),
                Operator::MatMult => (" @ ", PR_TERM, false),
                Operator::Div => (" / ", PR_TERM, false),
                Operator::Mod => (" % ", PR_TERM, false),
                Operator::LShift => (" << ", PR_SHIFT, false),
                Operator::RShift => (" >> ", PR_SHIFT, false),
                Operator::BitOr => (" | ", PR_BOR, false),
                Operator::BitXor => (" ^ ", PR_BXOR, false),
                Operator::BitAnd => (" & ", PR_BAND, false),
                Operator::FloorDiv => (" // ", PR_TERM, false),
                Operator::Pow => (" ** ", PR_POWER, true),
            };
            open(w, level > pr);
            expr(w, left, pr + rassoc as i32);
            w.push_str(s);
            expr(w, right, pr + !rassoc as i32);
            close(w, level > pr);
        }
        ExprKind::UnaryOp { op, operand } => {
            let (s, pr) = match op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            open(w, level > pr);
            w.push_str(s);
            expr(w, operand, pr);
            close(w, level > pr);
        }
        ExprKind::Lambda { args: a, body } => {
            open(w, level > PR_TEST);
            let npos = a.args.len() + a.posonlyargs.len();
            w.push_str(if npos > 0 { "lambda " } else { "lambda" });
            args(w, a);
            w.push_str(": ");
            expr(w, body, PR_TEST);
            close(w, level > PR_TEST);
        }
        ExprKind::IfExp { test, body, orelse } => {
            open(w, level > PR_TEST);
            expr(w, body, PR_TEST + 1);
            w.push_str(" if ");
            expr(w, test, PR_TEST + 1);
            w.push_str(" else ");
            expr(w, orelse, PR_TEST);
            close(w, level > PR_TEST);
        }
        ExprKind::Dict { keys, values } => {
            w.push_str("{");
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    w.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(w, k, PR_TEST);
                        w.push_str(": ");
                        expr(w, v, PR_TEST);
                    }
                    None => {
                        w.push_str("**");
                        expr(w, v, PR_EXPR);
                    }
                }
            }
            w.push_str("}");
        }
        ExprKind::Set { elts } => {
            w.push_str("{");
            seq(w, elts);
            w.push_str("}");
        }
        ExprKind::GeneratorExp { elt, generators } => {
            w.push_str("(");
            expr(w, elt, PR_TEST);
            comprehensions(w, generators);
            w.push_str(")");
        }
        ExprKind::ListComp { elt, generators } => {
            w.push_str("[");
            expr(w, elt, PR_TEST);
            comprehensions(w, generators);
            w.push_str("]");
        }
        ExprKind::SetComp { elt, generators } => {
            w.push_str("{");
            expr(w, elt, PR_TEST);
            comprehensions(w, generators);
            w.push_str("}");
        }
        ExprKind::DictComp { key, value, generators } => {
            w.push_str("{");
            expr(w, key, PR_TEST);
            w.push_str(": ");
            expr(w, value, PR_TEST);
            comprehensions(w, generators);
            w.push_str("}");
        }
        ExprKind::Yield { value } => match value {
            None => w.push_str("(yield)"),
            Some(v) => {
                w.push_str("(yield ");
                expr(w, v, PR_TEST);
                w.push_str(")");
            }
        },
        ExprKind::YieldFrom { value } => {
            w.push_str("(yield from ");
            expr(w, value, PR_TEST);
            w.push_str(")");
        }
        ExprKind::Await { value } => {
            open(w, level > PR_AWAIT);
            w.push_str("await ");
            expr(w, value, PR_ATOM);
            close(w, level > PR_AWAIT);
        }
        ExprKind::Compare { left, ops, comparators } => {
            open(w, level > PR_CMP);
            expr(w, left, PR_CMP + 1);
            for (op, c) in ops.iter().zip(comparators) {
                w.push_str(match op {
                    CmpOp::Eq => " == ",
                    CmpOp::NotEq => " != ",
                    CmpOp::Lt => " < ",
                    CmpOp::LtE => " <= ",
                    CmpOp::Gt => " > ",
                    CmpOp::GtE => " >= ",
                    CmpOp::Is => " is ",
                    CmpOp::IsNot => " is not ",
                    CmpOp::In => " in ",
                    CmpOp::NotIn => " not in ",
                });
                expr(w, c, PR_CMP + 1);
            }
            close(w, level > PR_CMP);
        }
        ExprKind::Call { func, args: a, keywords } => {
            expr(w, func, PR_ATOM);
            if a.len() == 1 && keywords.is_empty() {
                if let ExprKind::GeneratorExp { .. } = a[0].kind {
                    expr(w, &a[0], PR_TEST);
                    return;
                }
            }
            w.push_str("(");
            let mut first = true;
            for x in a {
                if !first {
                    w.push_str(", ");
                }
                first = false;
                expr(w, x, PR_TEST);
            }
            for k in keywords {
                if !first {
                    w.push_str(", ");
                }
                first = false;
                match &k.arg {
                    None => w.push_str("**"),
                    Some(n) => {
                        w.push_str(n);
                        w.push_str("=");
                    }
                }
                expr(w, &k.value, PR_TEST);
            }
            w.push_str(")");
        }
        ExprKind::Constant { value, kind } => {
            if let Constant::Ellipsis = value {
                w.push_str("...");
                return;
            }
            if let Some(k) = kind {
                w.push_str(k);
            }
            constant(w, value);
        }
        ExprKind::JoinedStr { values } => joinedstr(w, values, false),
        ExprKind::FormattedValue { .. } => formattedvalue(w, e),
        ExprKind::Attribute { value, attr, .. } => {
            expr(w, value, PR_ATOM);
            let int_const = matches!(&value.kind, ExprKind::Constant { value: Constant::Int(_), .. });
            w.push_str(if int_const { " ." } else { "." });
            w.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(w, value, PR_ATOM);
            w.push_str("[");
            expr(w, slice, PR_TUPLE);
            w.push_str("]");
        }
        ExprKind::Starred { value, .. } => {
            w.push_str("*");
            expr(w, value, PR_EXPR);
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(w, l, PR_TEST);
            }
            w.push_str(":");
            if let Some(u) = upper {
                expr(w, u, PR_TEST);
            }
            if let Some(s) = step {
                w.push_str(":");
                expr(w, s, PR_TEST);
            }
        }
        ExprKind::Name { id, .. } => w.push_str(id),
        ExprKind::List { elts, .. } => {
            w.push_str("[");
            seq(w, elts);
            w.push_str("]");
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                w.push_str("()");
                return;
            }
            open(w, level > PR_TUPLE);
            seq(w, elts);
            if elts.len() == 1 {
                w.push_str(",");
            }
            close(w, level > PR_TUPLE);
        }
        ExprKind::NamedExpr { target, value } => {
            open(w, level > PR_TUPLE);
            expr(w, target, PR_ATOM);
            w.push_str(" := ");
            expr(w, value, PR_ATOM);
            close(w, level > PR_TUPLE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_repr() {
        // python3.11: repr(1e16), repr(1e-5), repr(0.1), repr(123.0), repr(1.5e300)
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e-5), "1e-05");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(123.0), "123.0");
        assert_eq!(float_repr(1.5e300), "1.5e+300");
        assert_eq!(float_repr(1234567890123456.0), "1234567890123456.0");
        assert_eq!(float_repr(0.0001), "0.0001");
    }
}
