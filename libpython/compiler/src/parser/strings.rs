//! String literals: implicit concatenation, escapes, bytes, and f-strings (3.11 rules:
//! the expressions are parsed from the literal's text by a sub-parser).

use super::{PResult, Parser};
use crate::ast::{Constant, Expr, ExprKind, Pos, PyStr};
use crate::error::{CompileError, CompileWarning, ErrorKind, WarningCategory};
use crate::tokenizer::{Tok, Token};

struct Prefix {
    bytes: bool,
    raw: bool,
    fmt: bool,
    u: bool,
}

/// `Parser::depth` at the start of an f-string expression's own parse.
const FSTRING_BASE_LEVELS: usize = 14;

fn split_prefix(text: &[u8]) -> (Prefix, usize, usize) {
    let mut p = Prefix { bytes: false, raw: false, fmt: false, u: false };
    let mut i = 0;
    while i < text.len() && text[i] != b'"' && text[i] != b'\'' {
        match text[i] {
            b'b' | b'B' => p.bytes = true,
            b'r' | b'R' => p.raw = true,
            b'f' | b'F' => p.fmt = true,
            b'u' => p.u = true,
            _ => {}
        }
        i += 1;
    }
    let q = text[i];
    let triple = text.len() >= i + 6 && text[i + 1] == q && text[i + 2] == q;
    let qlen = if triple { 3 } else { 1 };
    (p, i + qlen, text.len() - qlen)
}

/// Parts of a JoinedStr being built.
enum Part {
    Lit(PyStr),
    Expr(Expr),
}

struct FBuilder {
    parts: Vec<Part>,
}

impl FBuilder {
    fn lit(&mut self, s: &PyStr) {
        if s.is_empty() {
            return;
        }
        if let Some(Part::Lit(l)) = self.parts.last_mut() {
            l.push_pystr(s);
        } else {
            self.parts.push(Part::Lit(s.clone()));
        }
    }
}

impl Parser {
    /// Errors found while decoding a literal are reported at the token after the strings
    /// (pegen's last token when the `strings` action runs).
    fn str_error(&self, t: &Token, msg: String) -> CompileError {
        let mut i = self.p;
        while i < self.toks.len() && self.toks[i].kind == Tok::String {
            i += 1;
        }
        let mut e = self.err_last(ErrorKind::SyntaxError, msg, i);
        // CPython shows the tokenizer's buffer: from the first line of a multi-line
        // literal ending on the error's line
        if t.lineno < e.lineno && t.end_lineno == e.lineno {
            let mut text = String::new();
            for l in t.lineno..=e.lineno {
                text.push_str(&self.line_text_pub(l).unwrap_or_default());
            }
            e.text = Some(text);
        }
        e
    }

    /// One or more adjacent STRING tokens.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let s = self.p;
        while self.tok().kind == Tok::String {
            self.p += 1;
        }
        let e = self.p;
        let pos = self.pos_from(s);
        let toks: Vec<Token> = self.toks[s..e].to_vec();
        let first_text = &self.src[toks[0].start..toks[0].end];
        let kind_u = first_text[0] == b'u';
        let mut any_bytes = false;
        let mut any_str = false;
        let mut any_f = false;
        for t in &toks {
            let (p, _, _) = split_prefix(&self.src[t.start..t.end]);
            if p.bytes {
                any_bytes = true;
            } else {
                any_str = true;
            }
            any_f |= p.fmt;
        }
        if any_bytes && any_str {
            return Err(self.str_error(&toks[0], "cannot mix bytes and nonbytes literals".into()));
        }
        let kind = if kind_u { Some("u".to_string()) } else { None };
        if any_bytes {
            let mut out = Vec::new();
            for t in &toks {
                let text = self.src[t.start..t.end].to_vec();
                let (p, a, b) = split_prefix(&text);
                let body = &text[a..b];
                if body.iter().any(|&c| c >= 0x80) {
                    let tp = Pos { lineno: t.lineno, col_offset: t.col, end_lineno: t.end_lineno, end_col_offset: t.end_col };
                    let mut e = self.error_at_pos("bytes can only contain ASCII literal characters", tp);
                    e.end_offset = t.end_col + 1; // CPython leaves this one in bytes
                    return Err(e);
                }
                if p.raw {
                    out.extend_from_slice(body);
                } else {
                    self.decode_escapes(body, true, t, &mut EscOut::Bytes(&mut out))?;
                }
            }
            return Ok(self.mk(ExprKind::Constant { value: Constant::Bytes(out), kind: None }, pos));
        }
        if !any_f {
            let mut out = PyStr::new();
            for t in &toks {
                let text = self.src[t.start..t.end].to_vec();
                let (p, a, b) = split_prefix(&text);
                let body = &text[a..b];
                if p.raw {
                    out.push_pystr(&PyStr::from(String::from_utf8_lossy(body).into_owned()));
                } else {
                    self.decode_escapes(body, false, t, &mut EscOut::Str(&mut out))?;
                }
            }
            return Ok(self.mk(ExprKind::Constant { value: Constant::Str(out), kind }, pos));
        }
        let mut b = FBuilder { parts: Vec::new() };
        for t in &toks {
            let text = self.src[t.start..t.end].to_vec();
            let (p, a, end) = split_prefix(&text);
            if !p.fmt {
                let body = &text[a..end];
                let mut out = PyStr::new();
                if p.raw {
                    out.push_pystr(&PyStr::from(String::from_utf8_lossy(body).into_owned()));
                } else {
                    self.decode_escapes(body, false, t, &mut EscOut::Str(&mut out))?;
                }
                b.lit(&out);
                continue;
            }
            let mut i = a;
            self.fstring_parse(&text, &mut i, end, p.raw, 0, t, pos, &mut b)?;
        }
        let values = b
            .parts
            .into_iter()
            .map(|part| match part {
                Part::Lit(l) => self.mk(ExprKind::Constant { value: Constant::Str(l), kind: kind.clone() }, pos),
                Part::Expr(e) => e,
            })
            .collect();
        Ok(self.mk(ExprKind::JoinedStr { values }, pos))
    }

    /// Parses f-string text from `*i` to `end` (or to a '}' when nested), adding parts.
    #[allow(clippy::too_many_arguments)]
    fn fstring_parse(
        &mut self,
        text: &[u8],
        i: &mut usize,
        end: usize,
        raw: bool,
        lvl: u32,
        t: &Token,
        pos: Pos,
        b: &mut FBuilder,
    ) -> PResult<()> {
        loop {
            // literal
            let lit_start = *i;
            let mut s = *i;
            let mut doubled = false;
            while s < end {
                let mut ch = text[s];
                s += 1;
                if !raw && ch == b'\\' && s < end {
                    ch = text[s];
                    s += 1;
                    if ch == b'N' {
                        if s < end && text[s] == b'{' {
                            s += 1;
                            while s < end {
                                let c = text[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                        } else if s < end {
                            s += 1;
                        }
                        continue;
                    }
                    if ch == b'{' {
                        self.warnings.push(CompileWarning {
                            category: WarningCategory::DeprecationWarning,
                            msg: "invalid escape sequence '\\{'".into(),
                            lineno: t.lineno,
                            col_offset: t.col,
                            end_lineno: t.end_lineno,
                            end_col_offset: t.end_col,
                        });
                    }
                }
                if ch == b'{' || ch == b'}' {
                    if lvl == 0 {
                        if s < end && text[s] == ch {
                            doubled = true;
                            break;
                        }
                        if ch == b'}' {
                            return Err(self.str_error(t, "f-string: single '}' is not allowed".into()));
                        }
                    }
                    s -= 1;
                    break;
                }
            }
            let lit_end = if doubled { s } else { s };
            if lit_end > lit_start {
                let body = &text[lit_start..lit_end];
                let mut out = PyStr::new();
                if raw {
                    out.push_pystr(&PyStr::from(String::from_utf8_lossy(body).into_owned()));
                } else {
                    self.decode_escapes(body, false, t, &mut EscOut::Str(&mut out))?;
                }
                b.lit(&out);
            }
            if doubled {
                *i = s + 1;
                continue;
            }
            *i = s;
            if s >= end {
                return Ok(());
            }
            if text[s] == b'}' {
                // end of a nested format spec
                return Ok(());
            }
            // an expression at '{'
            self.fstring_expr(text, i, end, raw, lvl, t, pos, b)?;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fstring_expr(
        &mut self,
        text: &[u8],
        i: &mut usize,
        end: usize,
        raw: bool,
        lvl: u32,
        t: &Token,
        pos: Pos,
        b: &mut FBuilder,
    ) -> PResult<()> {
        if lvl >= 2 {
            return Err(self.str_error(t, "f-string: expressions nested too deeply".into()));
        }
        let brace = *i;
        *i += 1;
        let expr_start = *i;
        let mut quote: u8 = 0;
        let mut stype = 0;
        let mut stack: Vec<u8> = Vec::new();
        while *i < end {
            let ch = text[*i];
            if ch == b'\\' {
                return Err(self.str_error(t, "f-string expression part cannot include a backslash".into()));
            }
            if quote != 0 {
                if ch == quote {
                    if stype == 3 {
                        if *i + 2 < end && text[*i + 1] == ch && text[*i + 2] == ch {
                            *i += 3;
                            quote = 0;
                            stype = 0;
                            continue;
                        }
                    } else {
                        quote = 0;
                        stype = 0;
                        *i += 1;
                        continue;
                    }
                }
            } else if ch == b'\'' || ch == b'"' {
                if *i + 2 < end && text[*i + 1] == ch && text[*i + 2] == ch {
                    stype = 3;
                    *i += 2;
                } else {
                    stype = 1;
                }
                quote = ch;
            } else if ch == b'[' || ch == b'{' || ch == b'(' {
                stack.push(ch);
            } else if ch == b'#' {
                return Err(self.str_error(t, "f-string expression part cannot include '#'".into()));
            } else if stack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
                if *i + 1 < end {
                    let next = text[*i + 1];
                    if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                        *i += 2;
                        continue;
                    }
                }
                if ch == b'>' || ch == b'<' {
                    *i += 1;
                    continue;
                }
                break;
            } else if ch == b']' || ch == b'}' || ch == b')' {
                let Some(open) = stack.pop() else {
                    return Err(self.str_error(t, format!("f-string: unmatched '{}'", ch as char)));
                };
                if !matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    return Err(self.str_error(
                        t,
                        format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        ),
                    ));
                }
            }
            *i += 1;
        }
        let expr_end = *i;
        if quote != 0 {
            return Err(self.str_error(t, "f-string: unterminated string".into()));
        }
        if let Some(&open) = stack.last() {
            return Err(self.str_error(t, format!("f-string: unmatched '{}'", open as char)));
        }
        if *i >= end {
            return Err(self.str_error(t, "f-string: expecting '}'".into()));
        }
        let expr = self.fstring_compile_expr(text, brace, expr_start, expr_end, t)?;
        // debug text
        let mut expr_text = None;
        if text[*i] == b'=' {
            *i += 1;
            while *i < end && matches!(text[*i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                *i += 1;
            }
            if *i >= end {
                return Err(self.str_error(t, "f-string: expecting '}'".into()));
            }
            expr_text = Some(PyStr::from(String::from_utf8_lossy(&text[expr_start..*i]).into_owned()));
        }
        let mut conversion: i32 = -1;
        if text[*i] == b'!' {
            *i += 1;
            if *i >= end {
                return Err(self.str_error(t, "f-string: expecting '}'".into()));
            }
            conversion = text[*i] as i32;
            *i += 1;
            if !matches!(conversion as u8, b's' | b'r' | b'a') {
                return Err(self.str_error(t, "f-string: invalid conversion character: expected 's', 'r', or 'a'".into()));
            }
        }
        if *i >= end {
            return Err(self.str_error(t, "f-string: expecting '}'".into()));
        }
        let mut format_spec = None;
        if text[*i] == b':' {
            *i += 1;
            let mut fb = FBuilder { parts: Vec::new() };
            self.fstring_parse(text, i, end, raw, lvl + 1, t, pos, &mut fb)?;
            // CPython 3.11: the spec's JoinedStr and its trailing literal carry the
            // position of this token; literals before an expression the whole string's
            let tpos = Pos { lineno: t.lineno, col_offset: t.col, end_lineno: t.end_lineno, end_col_offset: t.end_col };
            let n = fb.parts.len();
            let values = fb
                .parts
                .into_iter()
                .enumerate()
                .map(|(k, part)| match part {
                    Part::Lit(l) => self.mk(
                        ExprKind::Constant { value: Constant::Str(l), kind: None },
                        if k + 1 == n { tpos } else { pos },
                    ),
                    Part::Expr(e) => e,
                })
                .collect();
            format_spec = Some(Box::new(self.mk(ExprKind::JoinedStr { values }, tpos)));
        }
        if *i >= end || text[*i] != b'}' {
            return Err(self.str_error(t, "f-string: expecting '}'".into()));
        }
        *i += 1;
        if let Some(et) = &expr_text {
            b.lit(et);
            if format_spec.is_none() && conversion == -1 {
                conversion = b'r' as i32;
            }
        }
        b.parts.push(Part::Expr(self.mk(ExprKind::FormattedValue { value: Box::new(expr), conversion, format_spec }, pos)));
        Ok(())
    }

    fn fstring_compile_expr(&mut self, text: &[u8], brace: usize, a: usize, b: usize, t: &Token) -> PResult<Expr> {
        let body = &text[a..b];
        if body.iter().all(|&c| matches!(c, b' ' | b'\t' | b'\n' | 0x0c)) {
            let c = text[b];
            if matches!(c, b'!' | b':' | b'=') {
                return Err(self.str_error(t, format!("f-string: expression required before '{}'", c as char)));
            }
            return Err(self.str_error(t, "f-string: empty expression not allowed".into()));
        }
        // location: CPython's fstring_find_expr_location
        let mut lines = 0;
        let mut cols = 0i32;
        let mut newline_after_brace = true;
        let mut k = brace + 1;
        while k < text.len() && text[k] != b'}' && text[k] != b'\n' {
            if !matches!(text[k], b' ' | b'\t' | 0x0c) {
                newline_after_brace = false;
                break;
            }
            k += 1;
        }
        if !newline_after_brace {
            let mut st = brace;
            while st > 0 && text[st] != b'\n' {
                st -= 1;
            }
            cols += (brace - st) as i32;
            if text[st] == b'\n' {
                cols -= 1;
            }
        }
        for &c in &text[..brace] {
            if c == b'\n' {
                lines += 1;
            }
        }
        let start_line = t.lineno + lines;
        let start_col = if lines != 0 { cols } else { t.col + cols };
        let mut sub = Vec::with_capacity(body.len() + 3);
        sub.push(b'(');
        sub.extend_from_slice(body);
        sub.push(b')');
        sub.push(b'\n');
        let fix = |e: &mut CompileError| {
            // the sub-tokenizer's errors: real lines, columns within the expression's text
            e.lineno += start_line - 1;
            e.end_lineno += start_line - 1;
        };
        let (mut toks, warnings, unclosed) = match super::tokenize(&sub, false) {
            Ok(r) => r,
            Err(mut e) => {
                fix(&mut e);
                return Err(e);
            }
        };
        for tk in toks.iter_mut() {
            if tk.end_lineno == 1 {
                tk.col += start_col;
                tk.end_col += start_col;
            }
            tk.lineno += start_line - 1;
            tk.end_lineno += start_line - 1;
        }
        let mut p = Parser::new(sub, toks, warnings, unclosed);
        p.line_shift = start_line - 1;
        p.byte_offsets = self.byte_offsets;
        p.col_shift = start_col;
        // pegen parses the expression with a parser of its own (levels from zero, its
        // fstring rule shallower than a file's statements, the wrapping parentheses not memoized)
        p.depth = FSTRING_BASE_LEVELS;
        let r = (|| -> PResult<Expr> {
            let e = p.star_expressions()?;
            while p.tok().kind == Tok::Newline {
                p.p += 1;
            }
            if p.tok().kind != Tok::EndMarker {
                return Err(p.invalid());
            }
            Ok(e)
        })();
        self.warnings.append(&mut p.warnings);
        match r {
            Ok(e) => Ok(e),
            Err(mut e) => {
                let from_tokenizer = (e.msg.starts_with("invalid") && e.msg.ends_with("literal"))
                    || e.msg.starts_with("unterminated")
                    || e.msg.starts_with("invalid character")
                    || e.msg.starts_with("invalid non-printable")
                    || e.msg.starts_with("unmatched")
                    || e.msg.starts_with("closing parenthesis")
                    || e.msg.starts_with("invalid digit")
                    || e.msg.starts_with("leading zeros")
                    || e.msg.starts_with("(unicode error)");
                let memory = e.kind == crate::error::ErrorKind::MemoryError;
                if !e.msg.starts_with("f-string") && !from_tokenizer && !memory {
                    e.msg = format!("f-string: {}", e.msg);
                }
                Err(e)
            }
        }
    }

    /// Decodes backslash escapes of a non-raw literal body.
    fn decode_escapes(&mut self, body: &[u8], bytes: bool, t: &Token, out: &mut EscOut) -> PResult<()> {
        let mut i = 0;
        let mut first_invalid: Option<String> = None;
        while i < body.len() {
            let c = body[i];
            if c != b'\\' {
                // copy one UTF-8 sequence
                let n = utf8_len(c);
                out.raw(&body[i..(i + n).min(body.len())]);
                i += n;
                continue;
            }
            i += 1;
            if i >= body.len() {
                // a lone trailing backslash cannot occur in a closed literal
                out.byte_or_cp(b'\\' as u32);
                break;
            }
            let e = body[i];
            i += 1;
            match e {
                b'\n' => {}
                b'\\' => out.byte_or_cp(b'\\' as u32),
                b'\'' => out.byte_or_cp(b'\'' as u32),
                b'"' => out.byte_or_cp(b'"' as u32),
                b'a' => out.byte_or_cp(7),
                b'b' => out.byte_or_cp(8),
                b'f' => out.byte_or_cp(12),
                b'n' => out.byte_or_cp(10),
                b'r' => out.byte_or_cp(13),
                b't' => out.byte_or_cp(9),
                b'v' => out.byte_or_cp(11),
                b'0'..=b'7' => {
                    let mut v = (e - b'0') as u32;
                    let mut n = 1;
                    while n < 3 && i < body.len() && (b'0'..=b'7').contains(&body[i]) {
                        v = v * 8 + (body[i] - b'0') as u32;
                        i += 1;
                        n += 1;
                    }
                    if v > 0o377 && first_invalid.is_none() {
                        first_invalid = Some(format!(
                            "invalid octal escape sequence '\\{}'",
                            String::from_utf8_lossy(&body[i - n..i])
                        ));
                    }
                    if bytes {
                        out.byte_or_cp(v & 0xff);
                    } else {
                        out.byte_or_cp(v);
                    }
                }
                b'x' | b'u' | b'U' if !(bytes && e != b'x') => {
                    let n = match e {
                        b'x' => 2,
                        b'u' => 4,
                        _ => 8,
                    };
                    let start = i - 2;
                    let mut v: u32 = 0;
                    let mut k = 0;
                    while k < n && i < body.len() && (body[i] as char).is_ascii_hexdigit() {
                        v = v.wrapping_mul(16) + (body[i] as char).to_digit(16).unwrap();
                        i += 1;
                        k += 1;
                    }
                    if k < n {
                        let what = match e {
                            b'x' => "truncated \\xXX escape",
                            b'u' => "truncated \\uXXXX escape",
                            _ => "truncated \\UXXXXXXXX escape",
                        };
                        return Err(self.escape_error(t, body, start, i, bytes, what));
                    }
                    if v > 0x10FFFF {
                        return Err(self.escape_error(t, body, start, i, bytes, "illegal Unicode character"));
                    }
                    out.byte_or_cp(v);
                }
                b'N' if !bytes => {
                    let start = i - 2;
                    if i < body.len() && body[i] == b'{' {
                        if let Some(close) = body[i..].iter().position(|&c| c == b'}') {
                            if close == 1 {
                                // `\N{}`: malformed, up to the '}'
                                return Err(self.escape_error(t, body, start, i + 1, bytes, "malformed \\N character escape"));
                            }
                            let name = String::from_utf8_lossy(&body[i + 1..i + close]).into_owned();
                            if let Some(cp) = crate::unicode_names::lookup(&name) {
                                i += close + 1;
                                out.byte_or_cp(cp);
                                continue;
                            }
                            return Err(self.escape_error(t, body, start, i + close + 1, bytes, "unknown Unicode character name"));
                        }
                    }
                    let end = if i < body.len() && body[i] == b'{' { body.len() } else { i };
                    return Err(self.escape_error(t, body, start, end, bytes, "malformed \\N character escape"));
                }
                _ => {
                    if first_invalid.is_none() {
                        let n = utf8_len(e);
                        let ch = String::from_utf8_lossy(&body[i - 1..(i - 1 + n).min(body.len())]).into_owned();
                        first_invalid = Some(format!("invalid escape sequence '\\{}'", ch));
                    }
                    out.byte_or_cp(b'\\' as u32);
                    i -= 1;
                }
            }
        }
        if let Some(msg) = first_invalid {
            self.warnings.push(CompileWarning {
                category: WarningCategory::DeprecationWarning,
                msg,
                lineno: t.lineno,
                col_offset: t.col,
                end_lineno: t.end_lineno,
                end_col_offset: t.end_col,
            });
        }
        Ok(())
    }

    fn escape_error(&self, t: &Token, body: &[u8], a: usize, b: usize, bytes: bool, what: &str) -> CompileError {
        let _ = body;
        let codec = if bytes { "unicodeescape" } else { "unicodeescape" };
        let pos = if b > a + 1 { format!("position {}-{}", a, b - 1) } else { format!("position {}", a) };
        let prefix = if bytes { "(value error)" } else { "(unicode error)" };
        let msg = if bytes {
            format!("{} invalid \\x escape at position {}", prefix, a)
        } else {
            format!("{} '{}' codec can't decode bytes in {}: {}", prefix, codec, pos, what)
        };
        let mut e = self.str_error(t, msg);
        e.kind = ErrorKind::SyntaxError;
        e
    }
}

fn utf8_len(c: u8) -> usize {
    match c {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
}

enum EscOut<'a> {
    Str(&'a mut PyStr),
    Bytes(&'a mut Vec<u8>),
}

impl EscOut<'_> {
    fn raw(&mut self, s: &[u8]) {
        match self {
            EscOut::Str(p) => p.push_pystr(&PyStr::from(String::from_utf8_lossy(s).into_owned())),
            EscOut::Bytes(b) => b.extend_from_slice(s),
        }
    }

    fn byte_or_cp(&mut self, v: u32) {
        match self {
            EscOut::Str(p) => p.push(v),
            EscOut::Bytes(b) => b.push(v as u8),
        }
    }
}
