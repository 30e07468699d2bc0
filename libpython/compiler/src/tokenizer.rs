//! The tokenizer: UTF-8 source text to tokens with CPython's positions (1-based lines,
//! 0-based byte columns). It follows Parser/tokenizer.c in behaviour: implicit line joining
//! inside brackets, backslash continuations, INDENT/DEDENT with the tab rules, numeric
//! literal checks, string prefixes, and CPython's error messages.

use crate::error::{CompileError, CompileWarning, ErrorKind, WarningCategory};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// `# type: ...` (with PyCF_TYPE_COMMENTS): the text after the prefix.
    TypeComment,
    Op(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub kind: Tok,
    /// Byte range in the source.
    pub start: usize,
    pub end: usize,
    pub lineno: i32,
    pub col: i32,
    pub end_lineno: i32,
    pub end_col: i32,
}

/// CPython's MAXLEVEL: the bracket nesting limit.
pub const MAXLEVEL: usize = 200;
const MAXINDENT: usize = 100;
const TABSIZE: usize = 8;

const OPS3: &[&str] = &["**=", "...", "//=", "<<=", ">>=", "!="];
const OPS2: &[&str] = &[
    "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<", "<=", "<>", "==", ">=",
    ">>", "@=", "^=", "|=",
];
const OPS1: &[&str] = &[
    "%", "&", "(", ")", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "@", "[", "]", "^",
    "{", "|", "}", "~", "!",
];

fn lookup_op(s: &[u8]) -> Option<&'static str> {
    let tables: &[&[&'static str]] = match s.len() {
        3 => &[OPS3],
        2 => &[OPS2],
        1 => &[OPS1],
        _ => return None,
    };
    for t in tables {
        for op in t.iter() {
            if op.as_bytes() == s {
                return Some(op);
            }
        }
    }
    None
}

pub struct Tokenizer<'a> {
    src: &'a [u8],
    pos: usize,
    lineno: i32,
    line_start: usize,
    pub tokens: Vec<Token>,
    indstack: Vec<usize>,
    altindstack: Vec<usize>,
    /// Open brackets: (char, lineno, col).
    parens: Vec<(u8, i32, usize)>,
    pub warnings: Vec<CompileWarning>,
    interactive: bool,
    /// See `pegen_count`.
    pub pegen_bytes: bool,
    /// PyCF_TYPE_COMMENTS: TYPE_COMMENT tokens, and `# type: ignore` lines and tags.
    pub type_comments: bool,
    pub type_ignores: Vec<(i32, String)>,
}

fn is_id_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 128
}

fn is_id_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

/// Where a comment's text starts when it is a type comment: CPython's prefix "# type: ",
/// each space in it matching any run of spaces and tabs.
fn type_comment_text(comment: &[u8]) -> Option<usize> {
    let mut p = 0;
    // CPython's bound is just past the comment (its newline)
    for &c in b"# type: " {
        if p > comment.len() {
            return None;
        }
        if c == b' ' {
            while p < comment.len() && matches!(comment[p], b' ' | b'\t') {
                p += 1;
            }
        } else if comment.get(p) == Some(&c) {
            p += 1;
        } else {
            return None;
        }
    }
    Some(p)
}

/// The number of characters in a UTF-8 byte slice (invalid bytes count one each).
pub fn char_count(s: &[u8]) -> i32 {
    s.iter().filter(|&&b| b & 0xC0 != 0x80).count() as i32
}

impl<'a> Tokenizer<'a> {
    pub fn new(src: &'a [u8], interactive: bool) -> Self {
        Tokenizer {
            src,
            pos: 0,
            lineno: 1,
            line_start: 0,
            tokens: Vec::new(),
            indstack: vec![0],
            altindstack: vec![0],
            parens: Vec::new(),
            warnings: Vec::new(),
            interactive,
            pegen_bytes: false,
            type_comments: false,
            type_ignores: Vec::new(),
        }
    }

    /// Columns of the errors pegen raises from the tokenizer's state: bytes unless the
    /// source declared its encoding.
    fn pegen_count(&self, s: &[u8]) -> i32 {
        if self.pegen_bytes {
            s.len() as i32
        } else {
            char_count(s)
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u8> {
        self.src.get(self.pos + k).copied()
    }

    fn line_text(&self, line_start: usize) -> String {
        let end = self.src[line_start..].iter().position(|&c| c == b'\n').map_or(self.src.len(), |e| line_start + e);
        String::from_utf8_lossy(&self.src[line_start..end]).into_owned()
    }

    /// An error at the current position: offset is the char count from the line start to
    /// `at` (CPython's `tok->cur`).
    fn error_at(&self, kind: ErrorKind, msg: String, lineno: i32, line_start: usize, at: usize) -> CompileError {
        let at = at.min(self.src.len()).max(line_start);
        let off = char_count(&self.src[line_start..at]);
        CompileError {
            kind,
            msg,
            lineno,
            offset: off,
            end_lineno: lineno,
            end_offset: off,
            text: Some(self.line_text(line_start)),
        }
    }

    fn err(&self, msg: impl Into<String>) -> CompileError {
        self.error_at(ErrorKind::SyntaxError, msg.into(), self.lineno, self.line_start, self.pos)
    }

    fn push(&mut self, kind: Tok, start: usize, start_line: i32, start_ls: usize) {
        let end = self.pos;
        self.tokens.push(Token {
            kind,
            start,
            end,
            lineno: start_line,
            col: (start - start_ls) as i32,
            end_lineno: self.lineno,
            end_col: (end - self.line_start) as i32,
        });
    }

    fn newline_advance(&mut self) {
        // self.pos is at a '\n'
        self.pos += 1;
        self.lineno += 1;
        self.line_start = self.pos;
    }

    /// Consumes a backslash continuation (pos at the backslash).
    fn continuation(&mut self) -> Result<(), CompileError> {
        if self.peek_at(1) != Some(b'\n') {
            self.pos += 1;
            // CPython: col_offset = cur - buf - 1 where cur is past the char after '\'
            let mut e = self.err("unexpected character after line continuation character");
            e.offset = self.pegen_count(&self.src[self.line_start..self.pos]) + 1;
            e.end_offset = 0;
            return Err(e);
        }
        self.pos += 1;
        self.newline_advance();
        if self.pos >= self.src.len() {
            return Err(self.eof_error());
        }
        Ok(())
    }

    fn eof_error(&self) -> CompileError {
        if let Some(&(c, line, col)) = self.parens.last() {
            let ls = self.line_start_of(line);
            let off = char_count(&self.src[ls..ls + col]) + 1;
            CompileError {
                kind: ErrorKind::SyntaxError,
                msg: format!("'{}' was never closed", c as char),
                lineno: line,
                offset: off,
                end_lineno: line,
                end_offset: 0,
                // with its newline only when on the tokenizer's current (last) line
                text: Some(self.line_text(ls) + if line >= self.lineno - 1 { "\n" } else { "" }),
            }
        } else {
            // at the end of the last line
            let ls = self.src[..self.src.len().saturating_sub(1)].iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
            let lineno = self.src[..ls].iter().filter(|&&c| c == b'\n').count() as i32 + 1;
            let mut e = self.error_at(ErrorKind::SyntaxError, "unexpected EOF while parsing".into(), lineno, ls, self.src.len());
            e.offset = self.pegen_count(&self.src[ls..]);
            e.end_offset = -1;
            e
        }
    }

    pub fn line_start_of(&self, line: i32) -> usize {
        let mut l = 1;
        let mut i = 0;
        while l < line && i < self.src.len() {
            if self.src[i] == b'\n' {
                l += 1;
            }
            i += 1;
        }
        i
    }

    pub fn run(mut self) -> Result<(Vec<Token>, Vec<CompileWarning>), CompileError> {
        self.run_loop()?;
        Ok((self.tokens, self.warnings))
    }

    /// `run`, also giving the `# type: ignore` lines and tags.
    pub fn run_with_ignores(mut self) -> Result<(Vec<Token>, Vec<CompileWarning>, Vec<(i32, String)>), CompileError> {
        self.run_loop()?;
        Ok((self.tokens, self.warnings, self.type_ignores))
    }

    /// The tokens before the first error.
    pub fn run_partial(mut self) -> (Vec<Token>, Vec<CompileWarning>) {
        let _ = self.run_loop();
        (self.tokens, self.warnings)
    }

    /// Like `run_partial`, also giving the "'(' was never closed" error for the innermost
    /// bracket open where tokenizing stopped.
    pub fn run_partial_with_parens(mut self) -> (Vec<Token>, Vec<CompileWarning>, Option<CompileError>) {
        let _ = self.run_loop();
        let open = if self.parens.is_empty() { None } else { Some(self.eof_error()) };
        (self.tokens, self.warnings, open)
    }

    fn run_loop(&mut self) -> Result<(), CompileError> {
        let mut atbol = true;
        let mut blankline = false;
        let mut comment_start: Option<usize> = None;
        loop {
            if atbol {
                atbol = false;
                let mut col = 0usize;
                let mut altcol = 0usize;
                let mut cont_line_col = 0usize;
                loop {
                    match self.peek() {
                        Some(b' ') => {
                            col += 1;
                            altcol += 1;
                        }
                        Some(b'\t') => {
                            col = (col / TABSIZE + 1) * TABSIZE;
                            altcol += 1;
                        }
                        Some(0x0c) => {
                            col = 0;
                            altcol = 0;
                        }
                        Some(b'\\') => {
                            if cont_line_col == 0 {
                                cont_line_col = col;
                            }
                            self.continuation()?;
                            continue;
                        }
                        _ => break,
                    }
                    self.pos += 1;
                }
                let c = self.peek();
                let mut blank = matches!(c, Some(b'#') | Some(b'\n') | None);
                if self.interactive && self.lineno == 1 && blank {
                    blank = false;
                    col = 0;
                    altcol = 0;
                }
                if c.is_none() {
                    blank = true;
                }
                blankline = blank;
                if !blank && self.parens.is_empty() {
                    if cont_line_col != 0 {
                        col = cont_line_col;
                        altcol = cont_line_col;
                    }
                    let top = *self.indstack.last().unwrap();
                    let alttop = *self.altindstack.last().unwrap();
                    if col == top {
                        if altcol != alttop {
                            return Err(self.tab_error());
                        }
                    } else if col > top {
                        if self.indstack.len() >= MAXINDENT {
                            let mut e = self.err("too many levels of indentation");
                            e.kind = ErrorKind::IndentationError;
                            e.offset = 1;
                            e.end_offset = 0;
                            return Err(e);
                        }
                        if altcol <= alttop {
                            return Err(self.tab_error());
                        }
                        self.indstack.push(col);
                        self.altindstack.push(altcol);
                        self.push(Tok::Indent, self.pos, self.lineno, self.line_start);
                        let t = self.tokens.last_mut().unwrap();
                        t.col = -1;
                        t.end_col = -1;
                    } else {
                        let before = self.tokens.len();
                        while self.indstack.len() > 1 && col < *self.indstack.last().unwrap() {
                            self.indstack.pop();
                            self.altindstack.pop();
                            self.push(Tok::Dedent, self.pos, self.lineno, self.line_start);
                            let t = self.tokens.last_mut().unwrap();
                            t.col = -1;
                            t.end_col = -1;
                        }
                        if col != *self.indstack.last().unwrap() {
                            // CPython reports this before returning any of the DEDENTs
                            self.tokens.truncate(before);
                            let end = self.src[self.pos..].iter().position(|&c| c == b'\n').map_or(self.src.len(), |e| self.pos + e);
                            let mut e = self.error_at(
                                ErrorKind::IndentationError,
                                "unindent does not match any outer indentation level".into(),
                                self.lineno,
                                self.line_start,
                                end,
                            );
                            e.offset = self.pegen_count(&self.src[self.line_start..end]) + 1;
                            e.end_offset = -1;
                            return Err(e);
                        }
                        if altcol != *self.altindstack.last().unwrap() {
                            return Err(self.tab_error());
                        }
                    }
                }
            }
            // skip spaces
            while let Some(b' ' | b'\t' | 0x0c) = self.peek() {
                self.pos += 1;
            }
            let start = self.pos;
            let c = match self.peek() {
                None => {
                    if !self.parens.is_empty() {
                        return Err(self.eof_error());
                    }
                    // implicit NEWLINE if the last token is not one
                    if let Some(last) = self.tokens.last() {
                        if !matches!(last.kind, Tok::Newline | Tok::Dedent | Tok::Indent) {
                            self.tokens.push(Token {
                                kind: Tok::Newline,
                                start: self.pos,
                                end: self.pos,
                                lineno: self.lineno,
                                col: (self.pos - self.line_start) as i32,
                                end_lineno: self.lineno,
                                end_col: (self.pos - self.line_start) as i32 + 1,
                            });
                        }
                    }
                    let end_line = if self.pos > self.line_start { self.lineno + 1 } else { self.lineno };
                    while self.indstack.len() > 1 {
                        self.indstack.pop();
                        self.tokens.push(Token {
                            kind: Tok::Dedent,
                            start: self.pos,
                            end: self.pos,
                            lineno: end_line,
                            col: 0,
                            end_lineno: end_line,
                            end_col: 0,
                        });
                    }
                    self.tokens.push(Token {
                        kind: Tok::EndMarker,
                        start: self.pos,
                        end: self.pos,
                        lineno: end_line,
                        col: 0,
                        end_lineno: end_line,
                        end_col: 0,
                    });
                    return Ok(());
                }
                Some(c) => c,
            };
            if c == b'#' {
                comment_start = Some(self.pos);
                while let Some(ch) = self.peek() {
                    if ch == b'\n' {
                        break;
                    }
                    self.pos += 1;
                }
                if self.type_comments {
                    if let Some(at) = type_comment_text(&self.src[start..self.pos]) {
                        let text = &self.src[start + at..self.pos];
                        // "ignore" then the end or an ASCII non-alphanumeric character
                        let ignore = text.starts_with(b"ignore")
                            && text.get(6).map_or(true, |&c| c < 128 && !c.is_ascii_alphanumeric());
                        if ignore {
                            let tag = String::from_utf8_lossy(&text[6..]).into_owned();
                            self.type_ignores.push((self.lineno, tag));
                        } else {
                            self.push(Tok::TypeComment, start + at, self.lineno, self.line_start);
                            // a NEWLINE follows even on a line of its own
                            blankline = false;
                            comment_start = None;
                        }
                    }
                }
                continue;
            }
            if c == b'\n' {
                if blankline || !self.parens.is_empty() {
                    self.newline_advance();
                    atbol = true;
                    continue;
                }
                // after a comment, CPython's NEWLINE token spans the comment
                let nl_start = comment_start.filter(|&c| c >= self.line_start).unwrap_or(start);
                self.pos += 1;
                self.tokens.push(Token {
                    kind: Tok::Newline,
                    start: nl_start,
                    end: self.pos,
                    lineno: self.lineno,
                    col: (nl_start - self.line_start) as i32,
                    end_lineno: self.lineno,
                    end_col: (start - self.line_start) as i32,
                });
                self.lineno += 1;
                self.line_start = self.pos;
                atbol = true;
                continue;
            }
            if is_id_start(c) {
                // string prefixes
                let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
                let mut p = self.pos;
                let mut is_string = false;
                loop {
                    let ch = self.src.get(p).copied().unwrap_or(0);
                    match ch {
                        b'b' | b'B' if !(saw_b || saw_u || saw_f) => saw_b = true,
                        b'u' | b'U' if !(saw_b || saw_u || saw_r || saw_f) => saw_u = true,
                        b'r' | b'R' if !(saw_r || saw_u) => saw_r = true,
                        b'f' | b'F' if !(saw_f || saw_b || saw_u) => saw_f = true,
                        _ => break,
                    }
                    p += 1;
                    if matches!(self.src.get(p), Some(b'"' | b'\'')) {
                        is_string = true;
                        break;
                    }
                }
                if is_string {
                    self.pos = p;
                    self.string(start)?;
                    continue;
                }
                let mut nonascii = false;
                while let Some(ch) = self.peek() {
                    if !is_id_char(ch) {
                        break;
                    }
                    if ch >= 128 {
                        nonascii = true;
                    }
                    self.pos += 1;
                }
                if nonascii {
                    self.verify_identifier(start)?;
                }
                self.push(Tok::Name, start, self.lineno, self.line_start);
                continue;
            }
            if c == b'.' {
                if self.peek_at(1).map_or(false, |d| d.is_ascii_digit()) {
                    self.pos += 1;
                    self.number_fraction(start)?;
                    continue;
                }
                if self.peek_at(1) == Some(b'.') && self.peek_at(2) == Some(b'.') {
                    self.pos += 3;
                    self.push(Tok::Op("..."), start, self.lineno, self.line_start);
                } else {
                    self.pos += 1;
                    self.push(Tok::Op("."), start, self.lineno, self.line_start);
                }
                continue;
            }
            if c.is_ascii_digit() {
                self.number(start)?;
                continue;
            }
            if c == b'"' || c == b'\'' {
                self.string(start)?;
                continue;
            }
            if c == b'\\' {
                self.continuation()?;
                continue;
            }
            // operators
            let mut op = None;
            for n in [3usize, 2] {
                if self.pos + n <= self.src.len() {
                    if let Some(o) = lookup_op(&self.src[self.pos..self.pos + n]) {
                        if n == 3 && o == "!=" {
                            continue;
                        }
                        op = Some((o, n));
                        break;
                    }
                }
            }
            if let Some((o, n)) = op {
                self.pos += n;
                self.push(Tok::Op(o), start, self.lineno, self.line_start);
                continue;
            }
            match c {
                b'(' | b'[' | b'{' => {
                    if self.parens.len() >= MAXLEVEL {
                        self.pos += 1;
                        return Err(self.err("too many nested parentheses"));
                    }
                    self.parens.push((c, self.lineno, self.pos - self.line_start));
                }
                b')' | b']' | b'}' => {
                    self.pos += 1;
                    let Some((open, line, _)) = self.parens.pop() else {
                        return Err(self.err(format!("unmatched '{}'", c as char)));
                    };
                    let ok = matches!((open, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
                    if !ok {
                        if line != self.lineno {
                            return Err(self.err(format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as char, open as char, line
                            )));
                        }
                        return Err(self.err(format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, open as char
                        )));
                    }
                    self.pos -= 1;
                }
                _ => {}
            }
            if let Some(o) = lookup_op(&self.src[self.pos..self.pos + 1]) {
                self.pos += 1;
                self.push(Tok::Op(o), start, self.lineno, self.line_start);
                continue;
            }
            // anything else
            if c.is_ascii_graphic() {
                self.pos += 1;
                self.push(Tok::Op("$error"), start, self.lineno, self.line_start);
                continue;
            }
            let ch = decode_char(&self.src[self.pos..]);
            self.pos += ch.1.max(1);
            let cp = ch.0;
            if (cp < 0x20 && cp != 0x0c) || cp == 0x7f || !is_printable(cp) {
                return Err(self.err(format!("invalid non-printable character U+{:04X}", cp)));
            }
            let chs = char::from_u32(cp).unwrap_or('\u{FFFD}');
            return Err(self.err(format!("invalid character '{}' (U+{:04X})", chs, cp)));
        }
    }

    fn tab_error(&self) -> CompileError {
        let end = self.src[self.pos..].iter().position(|&c| c == b'\n').map_or(self.src.len(), |e| self.pos + e);
        let mut e = self.error_at(
            ErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation".into(),
            self.lineno,
            self.line_start,
            end,
        );
        e.offset = 1;
        e.end_offset = 0;
        e
    }

    fn verify_identifier(&mut self, start: usize) -> Result<(), CompileError> {
        let s = &self.src[start..self.pos];
        let text = match std::str::from_utf8(s) {
            Ok(t) => t,
            Err(_) => return Err(self.err("invalid character")),
        };
        for (i, (bi, ch)) in text.char_indices().enumerate() {
            let ok = if i == 0 { is_xid_start(ch) } else { is_xid_continue(ch) };
            if !ok {
                self.pos = start + bi + ch.len_utf8();
                let cp = ch as u32;
                if is_printable(cp) {
                    return Err(self.err(format!("invalid character '{}' (U+{:04X})", ch, cp)));
                }
                return Err(self.err(format!("invalid non-printable character U+{:04X}", cp)));
            }
        }
        Ok(())
    }

    fn decimal_tail(&mut self) -> Result<(), CompileError> {
        loop {
            while self.peek().map_or(false, |c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            if self.peek() != Some(b'_') {
                return Ok(());
            }
            self.pos += 1;
            if !self.peek().map_or(false, |c| c.is_ascii_digit()) {
                return Err(self.err("invalid decimal literal"));
            }
        }
    }

    fn lookahead_kw(&self, at: usize, rest: &[u8]) -> bool {
        let s = &self.src[at..];
        s.starts_with(rest) && !s.get(rest.len()).map_or(false, |&c| is_id_char(c))
    }

    fn verify_end_of_number(&mut self, kind: &str) -> Result<(), CompileError> {
        let c = self.peek().unwrap_or(0);
        let a = self.pos + 1;
        let r = match c {
            b'a' => self.lookahead_kw(a, b"nd"),
            b'e' => self.lookahead_kw(a, b"lse"),
            b'f' => self.lookahead_kw(a, b"or"),
            b'i' => matches!(self.src.get(a), Some(b'f' | b'n' | b's')),
            b'o' => self.lookahead_kw(a, b"r"),
            b'n' => self.lookahead_kw(a, b"ot"),
            _ => false,
        };
        if r {
            let col = (self.pos - self.line_start) as i32;
            self.warnings.push(CompileWarning {
                category: WarningCategory::SyntaxWarning,
                msg: format!("invalid {} literal", kind),
                lineno: self.lineno,
                col_offset: col,
                end_lineno: self.lineno,
                end_col_offset: col,
            });
            Ok(())
        } else if is_id_char(c) && c != 0 && c < 128 {
            // a non-ASCII character is left to the next token (gh-88943)
            Err(self.err(format!("invalid {} literal", kind)))
        } else {
            Ok(())
        }
    }

    fn number(&mut self, start: usize) -> Result<(), CompileError> {
        let c = self.peek().unwrap();
        if c == b'0' {
            self.pos += 1;
            let c2 = self.peek().unwrap_or(0);
            let radix: Option<(u32, &str)> = match c2 {
                b'x' | b'X' => Some((16, "hexadecimal")),
                b'o' | b'O' => Some((8, "octal")),
                b'b' | b'B' => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, name)) = radix {
                self.pos += 1;
                let isd = |c: u8| (c as char).to_digit(radix).is_some();
                loop {
                    if self.peek() == Some(b'_') {
                        self.pos += 1;
                    }
                    let c = self.peek().unwrap_or(0);
                    if !isd(c) {
                        if radix != 16 && c.is_ascii_digit() {
                            self.pos += 1;
                            return Err(self.err(format!("invalid digit '{}' in {} literal", c as char, name)));
                        }
                        return Err(self.err(format!("invalid {} literal", name)));
                    }
                    while self.peek().map_or(false, isd) {
                        self.pos += 1;
                    }
                    if self.peek() != Some(b'_') {
                        break;
                    }
                }
                if radix != 16 {
                    if let Some(c) = self.peek() {
                        if c.is_ascii_digit() {
                            self.pos += 1;
                            return Err(self.err(format!("invalid digit '{}' in {} literal", c as char, name)));
                        }
                    }
                }
                self.verify_end_of_number(name)?;
                self.push(Tok::Number, start, self.lineno, self.line_start);
                return Ok(());
            }
            // zeros
            let mut nonzero = false;
            loop {
                if self.peek() == Some(b'_') {
                    self.pos += 1;
                    if !self.peek().map_or(false, |c| c.is_ascii_digit()) {
                        return Err(self.err("invalid decimal literal"));
                    }
                }
                if self.peek() != Some(b'0') {
                    break;
                }
                self.pos += 1;
            }
            let zeros_end = self.pos;
            if self.peek().map_or(false, |c| c.is_ascii_digit()) {
                nonzero = true;
                self.decimal_tail()?;
            }
            match self.peek() {
                Some(b'.') => {
                    self.pos += 1;
                    return self.number_fraction(start);
                }
                Some(b'e' | b'E') => return self.number_exponent(start),
                Some(b'j' | b'J') => return self.number_imag(start),
                _ => {}
            }
            if nonzero {
                let off = char_count(&self.src[self.line_start..start]) + 1;
                let end = char_count(&self.src[self.line_start..zeros_end]) + 1;
                let mut e = self.err(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                );
                e.offset = off;
                e.end_offset = end;
                return Err(e);
            }
            self.verify_end_of_number("decimal")?;
            self.push(Tok::Number, start, self.lineno, self.line_start);
            return Ok(());
        }
        self.decimal_tail()?;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            return self.number_fraction(start);
        }
        match self.peek() {
            Some(b'e' | b'E') => self.number_exponent(start),
            Some(b'j' | b'J') => self.number_imag(start),
            _ => {
                self.verify_end_of_number("decimal")?;
                self.push(Tok::Number, start, self.lineno, self.line_start);
                Ok(())
            }
        }
    }

    /// After the '.' of a float.
    fn number_fraction(&mut self, start: usize) -> Result<(), CompileError> {
        if self.peek().map_or(false, |c| c.is_ascii_digit()) {
            self.decimal_tail()?;
        }
        match self.peek() {
            Some(b'e' | b'E') => self.number_exponent(start),
            Some(b'j' | b'J') => self.number_imag(start),
            _ => {
                self.verify_end_of_number("decimal")?;
                self.push(Tok::Number, start, self.lineno, self.line_start);
                Ok(())
            }
        }
    }

    fn number_exponent(&mut self, start: usize) -> Result<(), CompileError> {
        let epos = self.pos;
        self.pos += 1;
        match self.peek() {
            Some(b'+' | b'-') => {
                self.pos += 1;
                if !self.peek().map_or(false, |c| c.is_ascii_digit()) {
                    return Err(self.err("invalid decimal literal"));
                }
            }
            Some(c) if c.is_ascii_digit() => {}
            _ => {
                self.pos = epos;
                self.verify_end_of_number("decimal")?;
                self.push(Tok::Number, start, self.lineno, self.line_start);
                return Ok(());
            }
        }
        self.decimal_tail()?;
        if let Some(b'j' | b'J') = self.peek() {
            return self.number_imag(start);
        }
        self.verify_end_of_number("decimal")?;
        self.push(Tok::Number, start, self.lineno, self.line_start);
        Ok(())
    }

    fn number_imag(&mut self, start: usize) -> Result<(), CompileError> {
        self.pos += 1;
        self.verify_end_of_number("imaginary")?;
        self.push(Tok::Number, start, self.lineno, self.line_start);
        Ok(())
    }

    /// `self.pos` is at the opening quote; `start` at the prefix.
    fn string(&mut self, start: usize) -> Result<(), CompileError> {
        let first_line = self.lineno;
        let first_ls = self.line_start;
        let quote = self.src[self.pos];
        self.pos += 1;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        if self.peek() == Some(quote) {
            if self.peek_at(1) == Some(quote) {
                quote_size = 3;
                self.pos += 2;
            } else {
                self.pos += 1;
                end_quote_size = 1;
            }
        }
        while end_quote_size != quote_size {
            let c = self.peek();
            if c.is_none() || (quote_size == 1 && c == Some(b'\n')) {
                let detected = if c.is_none() && self.pos == self.line_start && self.lineno > 1 { self.lineno - 1 } else { self.lineno };
                let msg = if quote_size == 3 {
                    format!("unterminated triple-quoted string literal (detected at line {})", detected)
                } else {
                    format!("unterminated string literal (detected at line {})", detected)
                };
                return Err(self.error_at(ErrorKind::SyntaxError, msg, first_line, first_ls, start + 1));
            }
            let c = c.unwrap();
            self.pos += 1;
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\n' {
                    self.lineno += 1;
                    self.line_start = self.pos;
                } else if c == b'\\' {
                    if let Some(n) = self.peek() {
                        self.pos += 1;
                        if n == b'\n' {
                            self.lineno += 1;
                            self.line_start = self.pos;
                        }
                    }
                }
            }
        }
        self.push(Tok::String, start, first_line, first_ls);
        Ok(())
    }
}

pub fn decode_char(s: &[u8]) -> (u32, usize) {
    match std::str::from_utf8(&s[..s.len().min(4)]) {
        Ok(t) => t.chars().next().map_or((0, 0), |c| (c as u32, c.len_utf8())),
        Err(e) => {
            let valid = e.valid_up_to();
            if valid > 0 {
                let c = std::str::from_utf8(&s[..valid]).unwrap().chars().next().unwrap();
                (c as u32, c.len_utf8())
            } else {
                (s[0] as u32, 1)
            }
        }
    }
}

/// An approximation of `str.isprintable` for one code point.
pub fn is_printable(cp: u32) -> bool {
    if cp < 0x20 || (0x7f..0xa0).contains(&cp) {
        return false;
    }
    matches!(cp, 0xad | 0x2028 | 0x2029 | 0xfeff | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0xd800..=0xdfff) == false
        && !(0xe000..=0xf8ff).contains(&cp)
        && cp != 0xa0
        && !(0x2000..=0x200a).contains(&cp)
        && cp != 0x3000
}

fn in_ranges(cp: u32, table: &[(u32, u32)]) -> bool {
    table
        .binary_search_by(|&(a, b)| {
            if cp < a {
                std::cmp::Ordering::Greater
            } else if cp > b {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Identifier characters (PEP 3131), from the generated tables (`xid_table.rs`).
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(c as u32, crate::xid_table::XID_START)
}

pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(c as u32, crate::xid_table::XID_CONTINUE)
}
