//! The parser: tokens to the `ast` module's tree, for the full Python 3.11 grammar
//! (Grammar/python.gram). Hand-written recursive descent with backtracking where the
//! grammar needs it; node positions follow pegen's EXTRA (first token's start to the last
//! non-whitespace token's end).

mod args;
mod expr;
mod pattern;
mod stmt;
mod strings;
mod target;
#[cfg(test)]
mod tests;

use crate::ast::{self, Expr, ExprKind, Mod, Pos};
use crate::decode::decode_source_ext;
use crate::error::{CompileError, CompileWarning, ErrorKind, Mode};
use crate::tokenizer::{char_count, Tok, Token, Tokenizer};
use std::cell::Cell;

pub type PResult<T> = Result<T, CompileError>;

/// CPython's MAXSTACK for the parser's recursion.
const MAXSTACK: usize = 6000;
/// pegen's levels from `file` down to a top-level expression statement's first
/// `expression`, plus those from there to an atom (`depth` counts the rest).
const LEAF_LEVELS: usize = 30;

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

pub struct Parser {
    pub(crate) src: Vec<u8>,
    pub(crate) toks: Vec<Token>,
    pub(crate) p: usize,
    max_p: Cell<usize>,
    /// Where the last generic "invalid syntax" was reported.
    invalid_tok: Cell<usize>,
    depth: usize,
    /// Open brackets around the current parse (see `bracket`).
    brackets: usize,
    pub(crate) warnings: Vec<CompileWarning>,
    line_starts: Vec<usize>,
    /// The error for EOF inside brackets, reported when parsing fails at the end.
    unclosed: Option<CompileError>,
    /// For f-string sub-parsers: the line offset and first-line column offset.
    pub(crate) filename: String,
    /// The `# type: ignore` comments, for `Module.type_ignores`.
    type_ignores: Vec<ast::TypeIgnore>,
    /// For f-string sub-parsers: token lines are shifted by `line_shift`, and first-line
    /// columns by `col_shift`.
    pub(crate) line_shift: i32,
    pub(crate) col_shift: i32,
    /// Error columns in bytes (bytes source without an encoding declaration), as CPython.
    pub(crate) byte_offsets: bool,
}

impl Parser {
    pub fn new(src: Vec<u8>, toks: Vec<Token>, warnings: Vec<CompileWarning>, unclosed: Option<CompileError>) -> Self {
        let mut line_starts = vec![0];
        for (i, &c) in src.iter().enumerate() {
            if c == b'\n' {
                line_starts.push(i + 1);
            }
        }
        Parser {
            src,
            toks,
            p: 0,
            max_p: Cell::new(0),
            invalid_tok: Cell::new(0),
            depth: 0,
            brackets: 0,
            warnings,
            line_starts,
            unclosed,
            filename: String::new(),
            type_ignores: Vec::new(),
            line_shift: 0,
            col_shift: 0,
            byte_offsets: false,
        }
    }

    // ---- tokens ----

    #[inline]
    pub(crate) fn tok(&self) -> &Token {
        self.look(0)
    }

    #[inline]
    pub(crate) fn look(&self, k: usize) -> &Token {
        let i = (self.p + k).min(self.toks.len() - 1);
        if i > self.max_p.get() {
            self.max_p.set(i);
        }
        &self.toks[i]
    }

    pub(crate) fn text_of(&self, t: &Token) -> &str {
        std::str::from_utf8(&self.src[t.start..t.end]).unwrap_or("")
    }

    pub(crate) fn at_op(&self, op: &str) -> bool {
        matches!(self.tok().kind, Tok::Op(o) if o == op)
    }

    pub(crate) fn look_op(&self, k: usize, op: &str) -> bool {
        matches!(self.look(k).kind, Tok::Op(o) if o == op)
    }

    pub(crate) fn at_kw(&self, kw: &str) -> bool {
        let t = self.tok();
        t.kind == Tok::Name && &self.src[t.start..t.end] == kw.as_bytes()
    }

    pub(crate) fn look_kw(&self, k: usize, kw: &str) -> bool {
        let t = self.look(k);
        t.kind == Tok::Name && &self.src[t.start..t.end] == kw.as_bytes()
    }

    /// A NAME that is not a keyword.
    pub(crate) fn at_name(&self) -> bool {
        let t = self.tok();
        t.kind == Tok::Name && !is_keyword(self.text_of(t))
    }

    pub(crate) fn look_name(&self, k: usize) -> bool {
        let t = self.look(k);
        t.kind == Tok::Name && !is_keyword(self.text_of(t))
    }

    pub(crate) fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.p += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.p += 1;
            true
        } else {
            false
        }
    }

    pub(crate) fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.invalid())
        }
    }

    pub(crate) fn expect_kw(&mut self, kw: &str) -> PResult<()> {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.invalid())
        }
    }

    pub(crate) fn expect_name(&mut self) -> PResult<String> {
        if self.at_name() {
            let t = *self.tok();
            self.p += 1;
            Ok(self.identifier(&t))
        } else {
            Err(self.invalid())
        }
    }

    pub(crate) fn identifier(&self, t: &Token) -> String {
        let s = self.text_of(t);
        if s.is_ascii() {
            s.to_string()
        } else {
            crate::nfkc::nfkc(s)
        }
    }

    // ---- positions ----

    pub(crate) fn tok_pos(&self, i: usize) -> Pos {
        let t = &self.toks[i.min(self.toks.len() - 1)];
        Pos { lineno: t.lineno, col_offset: t.col, end_lineno: t.end_lineno, end_col_offset: t.end_col }
    }

    /// The position from token `start` to the last non-whitespace token consumed.
    pub(crate) fn pos_from(&self, start: usize) -> Pos {
        let start = start.min(self.toks.len() - 1);
        let s = &self.toks[start];
        let mut e = self.p.saturating_sub(1).min(self.toks.len() - 1);
        while e > start && matches!(self.toks[e].kind, Tok::Newline | Tok::Indent | Tok::Dedent) {
            e -= 1;
        }
        let e = &self.toks[e];
        Pos { lineno: s.lineno, col_offset: s.col, end_lineno: e.end_lineno, end_col_offset: e.end_col }
    }

    pub(crate) fn span(a: &Pos, b: &Pos) -> Pos {
        Pos { lineno: a.lineno, col_offset: a.col_offset, end_lineno: b.end_lineno, end_col_offset: b.end_col_offset }
    }

    // ---- errors ----

    fn line_text(&self, lineno: i32) -> Option<String> {
        let lineno = lineno - self.line_shift;
        let ls = *self.line_starts.get((lineno - 1).max(0) as usize)?;
        // with its newline, as CPython's SyntaxError.text for parser errors
        let end = self.src[ls..].iter().position(|&c| c == b'\n').map_or(self.src.len(), |e| ls + e + 1);
        if ls >= self.src.len() {
            return None;
        }
        Some(String::from_utf8_lossy(&self.src[ls..end]).into_owned())
    }

    pub(crate) fn line_text_pub(&self, lineno: i32) -> Option<String> {
        self.line_text(lineno)
    }

    /// A byte column on a line as the 1-based character offset CPython reports.
    pub(crate) fn char_offset(&self, lineno: i32, col: i32) -> i32 {
        if col < 0 {
            return col;
        }
        // f-string sub-parsers report columns within the expression's text, as CPython
        let lineno = lineno - self.line_shift;
        let col = if lineno == 1 { (col - self.col_shift).max(0) } else { col };
        match self.line_starts.get((lineno - 1).max(0) as usize) {
            Some(&ls) => {
                let end = (ls + col as usize).min(self.src.len());
                if self.byte_offsets {
                    (end - ls) as i32 + 1
                } else {
                    char_count(&self.src[ls..end]) + 1
                }
            }
            None => col + 1,
        }
    }

    pub(crate) fn error_range(&self, kind: ErrorKind, msg: impl Into<String>, pos: Pos) -> CompileError {
        // CPython shows the line with its newline when it is the tokenizer's current line,
        // without when the error is on an earlier line
        let last = self.toks[self.max_p.get().min(self.toks.len() - 1)];
        let cur_line = if last.kind == Tok::EndMarker { self.line_starts.len() as i32 - 1 + self.line_shift } else { last.end_lineno };
        let mut text = self.line_text(pos.lineno);
        if pos.lineno < cur_line {
            if let Some(t) = text.as_mut() {
                if t.ends_with('\n') {
                    t.pop();
                }
            }
        }
        CompileError {
            kind,
            msg: msg.into(),
            lineno: pos.lineno,
            offset: self.char_offset(pos.lineno, pos.col_offset),
            end_lineno: pos.end_lineno,
            end_offset: self.char_offset(pos.end_lineno, pos.end_col_offset),
            text,
        }
    }

    pub(crate) fn error_at_pos(&self, msg: impl Into<String>, pos: Pos) -> CompileError {
        self.error_range(ErrorKind::SyntaxError, msg, pos)
    }

    pub(crate) fn error_at_tok(&self, msg: impl Into<String>, i: usize) -> CompileError {
        let i = i.min(self.toks.len() - 1);
        self.error_at_pos(msg, self.tok_pos(i))
    }

    /// An error located as CPython's RAISE_SYNTAX_ERROR: at the last token fetched (`i`);
    /// INDENT, DEDENT and the end marker give the tokenizer's position and no end.
    pub(crate) fn err_last(&self, kind: ErrorKind, msg: impl Into<String>, i: usize) -> CompileError {
        let i = i.min(self.toks.len() - 1);
        let t = self.toks[i];
        if !matches!(t.kind, Tok::EndMarker | Tok::Dedent | Tok::Indent) {
            let mut e = self.error_at_tok(msg, i);
            e.kind = kind;
            return e;
        }
        let (lineno, ls, at) = if t.start >= self.src.len() {
            let n = self.line_starts.len();
            // the last line (line_starts ends with the offset past the final newline)
            let ls = if n >= 2 { self.line_starts[n - 2] } else { 0 };
            ((n - 1).max(1) as i32, ls, self.src.len())
        } else {
            let ls = self.line_starts[(t.lineno - 1) as usize];
            (t.lineno, ls, t.start)
        };
        CompileError {
            kind,
            msg: msg.into(),
            lineno,
            offset: if self.byte_offsets { (at - ls) as i32 } else { char_count(&self.src[ls..at]) },
            end_lineno: lineno,
            end_offset: -1,
            text: self.line_text(lineno),
        }
    }

    pub(crate) fn max_seen(&self) -> usize {
        self.max_p.get()
    }

    /// The generic error as of an earlier furthest token `seen` (before a speculative
    /// parse for a better message), keeping the furthest token for the unclosed-bracket rule.
    pub(crate) fn invalid_at(&self, seen: usize) -> CompileError {
        let now = self.max_p.get();
        self.max_p.set(seen);
        let e = self.invalid();
        self.max_p.set(now);
        e
    }

    /// The generic error as of an earlier position `p` and furthest token `seen`, forgetting what a
    /// speculative parse read after it (pegen's first pass never read it).
    pub(crate) fn fail_at(&mut self, p: usize, seen: usize) -> CompileError {
        self.p = p;
        self.max_p.set(seen);
        self.invalid()
    }

    /// The generic "invalid syntax" at the furthest token looked at.
    pub(crate) fn invalid(&self) -> CompileError {
        let i = self.max_p.get().max(self.p).min(self.toks.len() - 1);
        let t = self.toks[i];
        self.invalid_tok.set(i);
        if t.kind == Tok::EndMarker {
            if let Some(e) = &self.unclosed {
                return e.clone();
            }
        }
        match t.kind {
            Tok::Indent => self.err_last(ErrorKind::IndentationError, "unexpected indent", i),
            Tok::Dedent => self.err_last(ErrorKind::IndentationError, "unexpected unindent", i),
            _ => self.err_last(ErrorKind::SyntaxError, "invalid syntax", i),
        }
    }

    /// How far pegen's error pass reads past the first pass's failure: its
    /// invalid_legacy_expression (`NAME !'(' star_expressions`) is tried at every expression
    /// that starts with a NAME, so after a run of names the last one's expression is read,
    /// and invalid_expression then reads one more expression after it.
    fn legacy_reach(&mut self) -> usize {
        let (save_p, save_max) = (self.p, self.max_p.get());
        let f = self.invalid_tok.get();
        let last = self.toks.len() - 1;
        let is_name = |p: &Self, i: usize| p.toks[i].kind == Tok::Name && !is_keyword(p.text_of(&p.toks[i]));
        if f == 0 || f >= last || !is_name(self, f - 1) || self.look_op_at(f, "(") {
            return save_max;
        }
        let mut k = f;
        while k + 1 < last && is_name(self, k) && !self.look_op_at(k + 1, "(") && is_name(self, k + 1) {
            k += 1;
        }
        self.p = k;
        let mut reach = save_max;
        if self.starts_expression() {
            if self.star_expressions().is_ok() {
                if self.starts_expression() {
                    let _ = self.expression();
                }
                reach = self.max_p.get();
            } else {
                // a failure inside brackets is not what pegen reads there (memoized rules)
                let opened = (k..self.max_p.get()).find(|&i| matches!(self.toks[i].kind, Tok::Op("(" | "[" | "{")));
                reach = opened.unwrap_or(self.max_p.get());
            }
        }
        self.p = save_p;
        self.max_p.set(save_max);
        reach
    }

    pub(crate) fn look_op_at(&self, i: usize, op: &str) -> bool {
        matches!(self.toks[i].kind, Tok::Op(o) if o == op)
    }

    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.enter_w(1)
    }

    /// Adds `w` levels of pegen's rule nesting (its `p->level`); past MAXSTACK pegen gives
    /// up with a bare MemoryError.
    pub(crate) fn enter_w(&mut self, w: usize) -> PResult<()> {
        self.depth += w;
        if self.depth + LEAF_LEVELS > MAXSTACK {
            self.depth -= w;
            return Err(CompileError {
                kind: ErrorKind::MemoryError,
                msg: String::new(),
                lineno: 0,
                offset: 0,
                end_lineno: 0,
                end_offset: 0,
                text: None,
            });
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    pub(crate) fn leave_w(&mut self, w: usize) {
        self.depth -= w;
    }

    /// Runs `f` inside brackets: the outermost pair costs pegen `w` levels (the rules
    /// between an atom and its contents); inner ones were memoized on a shallower path.
    pub(crate) fn bracket<T>(&mut self, w: usize, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        let w = if self.brackets == 0 { w } else { 0 };
        self.brackets += 1;
        let r = self.nested(w, f);
        self.brackets -= 1;
        r
    }

    /// Runs `f` `w` pegen levels deeper (a statement context around an expression).
    pub(crate) fn nested<T>(&mut self, w: usize, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter_w(w)?;
        let r = f(self);
        self.leave_w(w);
        r
    }

    pub(crate) fn reset(&mut self, p: usize) {
        self.p = p;
    }

    pub(crate) fn mk(&self, kind: ExprKind, pos: Pos) -> Expr {
        Expr { kind, pos }
    }

    // ---- start rules ----

    fn file(&mut self) -> PResult<Mod> {
        let body = self.statements_until_end()?;
        Ok(Mod::Module { body, type_ignores: std::mem::take(&mut self.type_ignores) })
    }

    fn statements_until_end(&mut self) -> PResult<Vec<ast::Stmt>> {
        let mut body = Vec::new();
        while self.tok().kind != Tok::EndMarker {
            if self.tok().kind == Tok::Newline {
                self.p += 1;
                continue;
            }
            self.statement(&mut body)?;
        }
        Ok(body)
    }

    fn eval(&mut self) -> PResult<Mod> {
        let e = self.star_expressions()?;
        while self.tok().kind == Tok::Newline {
            self.p += 1;
        }
        if self.tok().kind != Tok::EndMarker {
            return Err(self.invalid());
        }
        Ok(Mod::Expression { body: Box::new(e) })
    }

    fn interactive(&mut self) -> PResult<Mod> {
        let mut body = Vec::new();
        while self.tok().kind == Tok::Newline {
            self.p += 1;
        }
        if self.tok().kind == Tok::EndMarker {
            // nothing to compile: python3.11 reports invalid syntax on the last line, column 0
            let lineno = self.line_starts.len() as i32 - 1;
            return Err(CompileError {
                kind: ErrorKind::SyntaxError,
                msg: "invalid syntax".into(),
                lineno,
                offset: 0,
                end_lineno: lineno,
                end_offset: 0,
                text: Some("\n".into()),
            });
        }
        self.statement(&mut body)?;
        let after = self.p.saturating_sub(1);
        while self.tok().kind == Tok::Newline {
            self.p += 1;
        }
        if self.tok().kind != Tok::EndMarker {
            return Err(self.error_at_tok("multiple statements found while compiling a single statement", after));
        }
        Ok(Mod::Interactive { body })
    }

    fn func_type(&mut self) -> PResult<Mod> {
        self.expect_op("(")?;
        // type_expressions: expressions, then optionally `*e`, then optionally `**e`
        let mut argtypes = Vec::new();
        let mut phase = 0;
        if !self.at_op(")") {
            loop {
                if self.at_op("*") {
                    if phase >= 1 {
                        return Err(self.invalid());
                    }
                    self.p += 1;
                    phase = 1;
                } else if self.eat_op("**") {
                    phase = 2;
                } else if phase >= 1 {
                    return Err(self.invalid());
                }
                argtypes.push(self.expression()?);
                if phase == 2 || !self.eat_op(",") {
                    break;
                }
            }
        }
        self.expect_op(")")?;
        self.expect_op("->")?;
        let returns = self.expression()?;
        while self.tok().kind == Tok::Newline {
            self.p += 1;
        }
        if self.tok().kind != Tok::EndMarker {
            return Err(self.invalid());
        }
        Ok(Mod::FunctionType { argtypes, returns: Box::new(returns) })
    }
}

/// Tokenizes `src` (UTF-8, ending in a newline), keeping an EOF-in-brackets error for later.
pub(crate) fn tokenize(src: &[u8], interactive: bool) -> Result<(Vec<Token>, Vec<CompileWarning>, Option<CompileError>), CompileError> {
    let t = Tokenizer::new(src, interactive);
    match t.run() {
        Ok((toks, w)) => Ok((toks, w, None)),
        Err(e) => {
            if e.msg.ends_with("was never closed") {
                // tokenize up to the error, then an end marker
                let t = Tokenizer::new(src, interactive);
                let (mut toks, w) = t.run_partial();
                let (l, c) = toks.last().map_or((1, 0), |t| (t.end_lineno, t.end_col));
                toks.push(Token { kind: Tok::EndMarker, start: src.len(), end: src.len(), lineno: l, col: c, end_lineno: l, end_col: c });
                Ok((toks, w, Some(e)))
            } else {
                Err(e)
            }
        }
    }
}

/// Tokenizes all of `src`; on a tokenizer error, the tokens before it and an end marker, with
/// the error kept for later (CPython's tokenizer runs lazily, so which error wins depends on
/// how far the parser gets).
/// The tokens, warnings and `# type: ignore` comments of a source, and the error that
/// stopped the tokenizer, if any.
struct Tokenized {
    toks: Vec<Token>,
    warnings: Vec<CompileWarning>,
    type_ignores: Vec<(i32, String)>,
    pending: Option<(CompileError, Option<CompileError>)>,
}

fn tokenize_partial(src: &[u8], interactive: bool, pegen_bytes: bool, type_comments: bool) -> Tokenized {
    let make = || {
        let mut t = Tokenizer::new(src, interactive);
        t.pegen_bytes = pegen_bytes;
        t.type_comments = type_comments;
        t
    };
    match make().run_with_ignores() {
        Ok((toks, warnings, type_ignores)) => Tokenized { toks, warnings, type_ignores, pending: None },
        Err(e) => {
            let (mut toks, warnings, open) = make().run_partial_with_parens();
            let (l, c) = toks.last().map_or((1, 0), |t| (t.end_lineno, t.end_col));
            toks.push(Token { kind: Tok::EndMarker, start: src.len(), end: src.len(), lineno: l, col: c, end_lineno: l, end_col: c });
            Tokenized { toks, warnings, type_ignores: Vec::new(), pending: Some((e, open)) }
        }
    }
}

/// Tokenizer errors that pegen raises itself from the tokenizer's state when it reaches
/// them (they do not override an earlier parser error).
fn raised_when_reached(e: &CompileError) -> bool {
    matches!(
        e.msg.as_str(),
        "unindent does not match any outer indentation level"
            | "inconsistent use of tabs and spaces in indentation"
            | "too many levels of indentation"
            | "unexpected character after line continuation character"
            | "unexpected EOF while parsing"
    )
}

fn parse_inner(source: &[u8], filename: &str, mode: Mode, text: bool, type_comments: bool) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    if mode == Mode::Single && source.is_empty() {
        // python3.11: ast.parse('', mode='single') -> invalid syntax at 0:0
        return Err(CompileError {
            kind: ErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: Some(String::new()),
        });
    }
    let (mut src, declared) = if text { (source.to_vec(), true) } else { decode_source_ext(source)? };
    if !src.ends_with(b"\n") {
        src.push(b'\n');
    }
    // CPython translates \r\n and \r to \n
    if src.contains(&b'\r') {
        let mut out = Vec::with_capacity(src.len());
        let mut i = 0;
        while i < src.len() {
            if src[i] == b'\r' {
                out.push(b'\n');
                if src.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            } else {
                out.push(src[i]);
            }
            i += 1;
        }
        src = out;
    }
    if src.contains(&0) {
        return Err(CompileError {
            kind: ErrorKind::SyntaxError,
            msg: "source code string cannot contain null bytes".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        });
    }
    let Tokenized { toks, warnings, type_ignores, pending } = tokenize_partial(&src, mode == Mode::Single, !declared, type_comments);
    let (unclosed, tok_error, open_paren) = match pending {
        Some((e, _)) if e.msg.ends_with("was never closed") => (Some(e), None, None),
        Some((e, open)) => (None, Some(e), open),
        None => (None, None, None),
    };
    let mut p = Parser::new(src, toks, warnings, unclosed);
    p.filename = filename.to_string();
    p.byte_offsets = !declared;
    p.type_ignores = type_ignores.into_iter().map(|(lineno, tag)| ast::TypeIgnore { lineno, tag }).collect();
    let m = match mode {
        Mode::Exec => p.file(),
        Mode::Eval => p.eval(),
        Mode::Single => p.interactive(),
        Mode::FuncType => p.func_type(),
    };
    if let Some(mut te) = tok_error {
        // errors pegen raises from the tokenizer's state show the line with its newline
        if raised_when_reached(&te) {
            if let Some(t) = te.text.as_mut() {
                t.push('\n');
            }
        }
        let mut reached = p.max_p.get().max(p.p) >= p.toks.len() - 1;
        if matches!(&m, Err(pe) if pe.msg == "invalid syntax") && !reached {
            reached = p.legacy_reach() >= p.toks.len() - 1;
        }
        // an ERRORTOKEN without an exception inside brackets: the unclosed bracket wins
        // when the parser failed on a later line
        if let (Err(pe), Some(u), false) = (&m, &open_paren, reached) {
            let last = p.toks[p.max_p.get().min(p.toks.len() - 1)].lineno;
            if raised_when_reached(&te) && (last > u.lineno || pe.lineno > u.lineno) {
                return Err(u.clone());
            }
        }
        return Err(match m {
            Ok(_) => te,
            Err(_) if reached => te,
            Err(pe) if raised_when_reached(&te) => pe,
            Err(pe) if matches!(pe.msg.as_str(), "unexpected indent" | "unexpected unindent") => pe,
            Err(_) => te,
        });
    }
    let m = match m {
        Ok(m) => m,
        Err(e) => {
            // an unclosed bracket on an earlier line than the failure wins (CPython's
            // _PyPegen_tokenize_full_source_to_check_for_errors)
            if let Some(u) = &p.unclosed {
                let last = p.toks[p.max_p.get().min(p.toks.len() - 1)].lineno;
                // also when the parser read up to the end (pegen's ERRORTOKEN at EOF)
                let reached = p.max_p.get().max(p.p) >= p.toks.len() - 1;
                if last > u.lineno || e.lineno > u.lineno || reached {
                    return Err(u.clone());
                }
            }
            return Err(e);
        }
    };
    Ok((m, p.warnings))
}

/// Parses Python 3.11 source (bytes, with an optional coding declaration or BOM) into the
/// `ast` module's tree, as `ast.parse(source, filename, mode)`.
pub fn parse(source: &[u8], filename: &str, mode: Mode) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    parse_on_big_stack(source, filename, mode, false, false)
}

/// Parses a `str` source as `compile(str, ...)`/`ast.parse(str)`: coding declarations are
/// ignored and error columns are characters.
pub fn parse_text(source: &str, filename: &str, mode: Mode) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    parse_on_big_stack(source.as_bytes(), filename, mode, true, false)
}

/// `parse` (`text`: `parse_text`) with PyCF_TYPE_COMMENTS: `type_comment` fields and the
/// module's `type_ignores`, as `ast.parse(..., type_comments=True)`.
pub fn parse_type_comments(source: &[u8], filename: &str, mode: Mode, text: bool) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    parse_on_big_stack(source, filename, mode, text, true)
}

fn parse_on_big_stack(source: &[u8], filename: &str, mode: Mode, text: bool, tc: bool) -> Result<(Mod, Vec<CompileWarning>), CompileError> {
    // A big native stack, so that deep nesting reaches the parser's own limits first.
    let source = source.to_vec();
    let filename = filename.to_string();
    let (source2, filename2) = (source.clone(), filename.clone());
    let h = match std::thread::Builder::new().stack_size(256 << 20).spawn(move || parse_inner(&source, &filename, mode, text, tc)) {
        Ok(h) => h,
        // no thread (resource limits): parse here, on the caller's stack
        Err(_) => return parse_inner(&source2, &filename2, mode, text, tc),
    };
    match h.join() {
        Ok(r) => r,
        Err(_) => Err(CompileError {
            kind: ErrorKind::SyntaxError,
            msg: "internal parser error".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }),
    }
}
