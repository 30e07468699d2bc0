//! Statements: simple statements, compound statements and blocks.

use super::{PResult, Parser};
use crate::ast::{Alias, ExceptHandler, Expr, ExprContext, ExprKind, MatchCase, Operator, Stmt, StmtKind, WithItem};
use crate::error::ErrorKind;
use crate::tokenizer::Tok;

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Parser {
    fn mks(&self, kind: StmtKind, s: usize) -> Stmt {
        Stmt { kind, pos: self.pos_from(s) }
    }

    /// One statement (a compound one, or a line of simple ones), appended to `out`.
    pub(crate) fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let t = *self.tok();
        match t.kind {
            Tok::Name => {
                let kw = self.text_of(&t).to_string();
                match kw.as_str() {
                    "def" | "if" | "class" | "with" | "for" | "try" | "while" => {
                        out.push(self.compound(&kw)?);
                        return Ok(());
                    }
                    "async" if self.look_kw(1, "def") || self.look_kw(1, "with") || self.look_kw(1, "for") => {
                        out.push(self.compound("async")?);
                        return Ok(());
                    }
                    "match" => {
                        let save = self.p;
                        match self.match_stmt() {
                            Ok(Some(st)) => {
                                out.push(st);
                                return Ok(());
                            }
                            Ok(None) => self.reset(save),
                            Err(e) => return Err(e),
                        }
                    }
                    _ => {}
                }
            }
            Tok::Op("@") => {
                out.push(self.decorated()?);
                return Ok(());
            }
            Tok::Indent => return Err(self.invalid()),
            _ => {}
        }
        self.simple_stmts(out)
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if self.eat_op(";") {
                if self.tok().kind == Tok::Newline {
                    break;
                }
                continue;
            }
            break;
        }
        if self.tok().kind != Tok::Newline {
            return Err(self.invalid());
        }
        self.p += 1;
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let s = self.p;
        let t = *self.tok();
        if t.kind == Tok::Name {
            match self.text_of(&t) {
                "pass" => {
                    self.p += 1;
                    return Ok(self.mks(StmtKind::Pass, s));
                }
                "break" => {
                    self.p += 1;
                    return Ok(self.mks(StmtKind::Break, s));
                }
                "continue" => {
                    self.p += 1;
                    return Ok(self.mks(StmtKind::Continue, s));
                }
                "return" => {
                    self.p += 1;
                    // pegen's return_stmt rule
                    let value = if self.starts_expression() { Some(bx(self.nested(1, |p| p.star_expressions())?)) } else { None };
                    return Ok(self.mks(StmtKind::Return { value }, s));
                }
                "raise" => {
                    self.p += 1;
                    let mut exc = None;
                    let mut cause = None;
                    if self.starts_expression() {
                        exc = Some(bx(self.expression()?));
                        if self.eat_kw("from") {
                            cause = Some(bx(self.expression()?));
                        }
                    }
                    return Ok(self.mks(StmtKind::Raise { exc, cause }, s));
                }
                "global" | "nonlocal" => {
                    let g = self.text_of(&t) == "global";
                    self.p += 1;
                    let mut names = vec![self.expect_name()?];
                    while self.eat_op(",") {
                        names.push(self.expect_name()?);
                    }
                    let kind = if g { StmtKind::Global { names } } else { StmtKind::Nonlocal { names } };
                    return Ok(self.mks(kind, s));
                }
                "del" => {
                    self.p += 1;
                    let mut targets = Vec::new();
                    loop {
                        let e = if self.at_op("*") { self.star_expression()? } else { self.bitwise_or()? };
                        targets.push(self.to_del(e)?);
                        if !self.eat_op(",") {
                            break;
                        }
                        if matches!(self.tok().kind, Tok::Newline) || self.at_op(";") {
                            break;
                        }
                    }
                    if !(matches!(self.tok().kind, Tok::Newline) || self.at_op(";")) {
                        return Err(self.invalid());
                    }
                    return Ok(self.mks(StmtKind::Delete { targets }, s));
                }
                "assert" => {
                    self.p += 1;
                    let test = self.expression()?;
                    let msg = if self.eat_op(",") { Some(bx(self.expression()?)) } else { None };
                    return Ok(self.mks(StmtKind::Assert { test: bx(test), msg }, s));
                }
                "import" => return self.import_name(),
                "from" => return self.import_from(),
                _ => {}
            }
        }
        self.expr_or_assign()
    }

    fn rhs(&mut self) -> PResult<Expr> {
        if self.at_kw("yield") {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn expr_or_assign(&mut self) -> PResult<Stmt> {
        let s = self.p;
        let first = self.rhs()?;
        // annotated assignment
        if self.at_op(":") {
            let simple = matches!(first.kind, ExprKind::Name { .. }) && !matches!(self.toks[s].kind, Tok::Op("("));
            if !matches!(first.kind, ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                // CPython's invalid_ann_assign_target messages need `':' expression` to parse
                let save = self.p;
                let seen = self.max_seen();
                self.p += 1;
                let ok = self.expression().is_ok();
                self.p = save;
                if !ok {
                    // the first pass stopped at the ':'
                    return Err(self.invalid_at(seen));
                }
            }
            let target = match &first.kind {
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => self.to_store(first)?,
                ExprKind::Tuple { elts, .. } => {
                    let at = if matches!(self.toks[s].kind, Tok::Op("(")) { first.pos } else { elts[0].pos };
                    return Err(self.error_at_pos("only single target (not tuple) can be annotated", at))
                }
                ExprKind::List { .. } => {
                    return Err(self.error_at_pos("only single target (not list) can be annotated", first.pos))
                }
                _ => return Err(self.error_at_pos("illegal target for annotation", first.pos)),
            };
            self.p += 1;
            let annotation = self.expression()?;
            let value = if self.eat_op("=") { Some(bx(self.rhs()?)) } else { None };
            return Ok(self.mks(
                StmtKind::AnnAssign { target: bx(target), annotation: bx(annotation), value, simple: simple as i32 },
                s,
            ));
        }
        if let Tok::Op(o) = self.tok().kind {
            let op = match o {
                "+=" => Some(Operator::Add),
                "-=" => Some(Operator::Sub),
                "*=" => Some(Operator::Mult),
                "@=" => Some(Operator::MatMult),
                "/=" => Some(Operator::Div),
                "%=" => Some(Operator::Mod),
                "&=" => Some(Operator::BitAnd),
                "|=" => Some(Operator::BitOr),
                "^=" => Some(Operator::BitXor),
                "<<=" => Some(Operator::LShift),
                ">>=" => Some(Operator::RShift),
                "**=" => Some(Operator::Pow),
                "//=" => Some(Operator::FloorDiv),
                _ => None,
            };
            if let Some(op) = op {
                let target = match &first.kind {
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {
                        super::target::set_ctx(first, ExprContext::Store)
                    }
                    _ => {
                        return Err(self.error_at_pos(
                            format!(
                                "'{}' is an illegal expression for augmented assignment",
                                super::target::describe(&first)
                            ),
                            first.pos,
                        ))
                    }
                };
                self.p += 1;
                // pegen's assignment rule and the group around the value
                let value = self.nested(2, |p| p.rhs())?;
                return Ok(self.mks(StmtKind::AugAssign { target: bx(target), op, value: bx(value) }, s));
            }
        }
        if self.at_op("=") {
            let eq0 = self.p;
            let mut exprs = vec![(s, first)];
            while self.at_op("=") {
                let (ts, t) = exprs.last().unwrap();
                if Self::invalid_target_pub(t) || matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) {
                    // pegen's invalid_assignment: the statement fails at the first bad
                    // target, before the rest is read
                    let ts = *ts;
                    if let Some(err) = self.assign_eq_error(s, eq0, &exprs[0].1)? {
                        return Err(err);
                    }
                    let t = &exprs.last().unwrap().1;
                    if matches!(t.kind, ExprKind::Yield { .. } | ExprKind::YieldFrom { .. }) && !self.look_op_at(ts, "(") {
                        return Err(self.error_at_pos("assignment to yield expression not possible", t.pos));
                    }
                    return Err(self.target_error(t, "assign to"));
                }
                self.p += 1;
                let rs = self.p;
                let e = self.nested(2, |p| p.rhs())?;
                exprs.push((rs, e));
            }
            let value = exprs.pop().unwrap().1;
            let targets = exprs.into_iter().map(|(_, e)| self.to_store(e)).collect::<PResult<Vec<_>>>()?;
            let mut type_comment = None;
            if self.tok().kind == Tok::TypeComment {
                type_comment = Some(self.type_comment_text(self.p));
                self.p += 1;
            }
            return Ok(self.mks(StmtKind::Assign { targets, value: bx(value), type_comment }, s));
        }
        if !matches!(self.tok().kind, Tok::Newline) && !self.at_op(";") {
            // invalid_legacy_expression: `print x`, `exec x`
            let t0 = self.toks[s];
            if t0.kind == Tok::Name && matches!(self.text_of(&t0), "print" | "exec") && !matches!(self.toks[s + 1].kind, Tok::Op("(")) {
                let name = self.text_of(&t0).to_string();
                let save = self.p;
                self.p = s + 1;
                let r = self.star_expressions();
                self.p = save;
                if let Ok(b) = r {
                    let pos = Parser::span(&first.pos, &b.pos);
                    return Err(self.error_at_pos(
                        format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                        pos,
                    ));
                }
            }
            // the error pass's invalid_expression reads on (which decides whether an
            // unclosed bracket wins), but the generic error stays where it was
            let err = self.invalid();
            if self.starts_expression() {
                let save = self.p;
                let _ = self.expression();
                self.p = save;
            }
            return Err(err);
        }
        Ok(self.mks(StmtKind::Expr { value: bx(first) }, s))
    }

    fn invalid_target_pub(e: &Expr) -> bool {
        let mut ok = true;
        fn walk(e: &Expr, ok: &mut bool) {
            match &e.kind {
                ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().for_each(|x| walk(x, ok)),
                ExprKind::Starred { value, .. } => walk(value, ok),
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                _ => *ok = false,
            }
        }
        walk(e, &mut ok);
        !ok
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.at_op(".") {
            self.p += 1;
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    fn import_name(&mut self) -> PResult<Stmt> {
        let s = self.p;
        self.p += 1;
        let mut names = Vec::new();
        loop {
            let a = self.p;
            let name = self.dotted_name()?;
            let asname = if self.eat_kw("as") { Some(self.expect_name()?) } else { None };
            names.push(Alias { name, asname, pos: self.pos_from(a) });
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(self.mks(StmtKind::Import { names }, s))
    }

    fn import_from(&mut self) -> PResult<Stmt> {
        let s = self.p;
        self.p += 1;
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module = if level == 0 || !self.at_kw("import") { Some(self.dotted_name()?) } else { None };
        self.expect_kw("import")?;
        let mut names = Vec::new();
        if self.at_op("*") {
            let a = self.p;
            self.p += 1;
            names.push(Alias { name: "*".into(), asname: None, pos: self.pos_from(a) });
        } else {
            let paren = self.eat_op("(");
            loop {
                let a = self.p;
                let name = self.expect_name()?;
                let asname = if self.eat_kw("as") { Some(self.expect_name()?) } else { None };
                names.push(Alias { name, asname, pos: self.pos_from(a) });
                if !self.eat_op(",") {
                    break;
                }
                if paren && self.at_op(")") {
                    break;
                }
                if !paren && !self.at_name() {
                    if self.tok().kind == Tok::Newline {
                        return Err(self.error_at_tok("trailing comma not allowed without surrounding parentheses", self.p));
                    }
                    return Err(self.invalid());
                }
            }
            if paren {
                self.expect_op(")")?;
            }
        }
        Ok(self.mks(StmtKind::ImportFrom { module, names, level: Some(level) }, s))
    }

    // ---- blocks ----

    /// `':' block` after a compound statement header; `what` names it for the
    /// "expected an indented block" message, `line` is the header's line.
    fn block(&mut self, what: &str, line: i32) -> PResult<Vec<Stmt>> {
        if !self.at_op(":") {
            // `&&':'` (forced) after def, else, try, finally; elsewhere only before a NEWLINE
            let forced = matches!(what, "function definition" | "'else' statement" | "'try' statement" | "'finally' statement");
            if forced || self.tok().kind == Tok::Newline {
                return Err(self.error_at_tok("expected ':'", self.p));
            }
            return Err(self.invalid());
        }
        self.p += 1;
        self.block_body(what, line)
    }

    /// `block` after a header that takes a type comment after its ':' (for, with, def;
    /// a def's may also stand alone on the next line: pegen's func_type_comment).
    fn block_tc(&mut self, what: &str, line: i32, def: bool) -> PResult<(Vec<Stmt>, Option<String>)> {
        if !self.at_op(":") {
            return Ok((self.block(what, line)?, None));
        }
        self.p += 1;
        let mut tc = None;
        let own_line = def
            && self.tok().kind == Tok::Newline
            && self.look(1).kind == Tok::TypeComment
            && self.look(2).kind == Tok::Newline
            && self.look(3).kind == Tok::Indent;
        if own_line {
            tc = Some(self.type_comment_text(self.p + 1));
            self.p += 2;
        } else if def && self.tok().kind == Tok::Newline && self.look(1).kind == Tok::TypeComment && self.look(2).kind == Tok::Newline {
            // func_type_comment read up to the token after the second NEWLINE
            let msg = format!("expected an indented block after {} on line {}", what, line);
            return Err(self.err_last(ErrorKind::IndentationError, msg, self.p + 3));
        } else if self.tok().kind == Tok::TypeComment {
            if def && self.look(1).kind == Tok::Newline && self.look(2).kind == Tok::TypeComment && self.look(3).kind == Tok::Newline && self.look(4).kind == Tok::Indent {
                // invalid_double_type_comments
                return Err(self.err_last(ErrorKind::SyntaxError, "Cannot have two type comments on def", self.p + 4));
            }
            tc = Some(self.type_comment_text(self.p));
            self.p += 1;
        }
        Ok((self.block_body(what, line)?, tc))
    }

    pub(crate) fn type_comment_text(&self, i: usize) -> String {
        let t = self.toks[i];
        String::from_utf8_lossy(&self.src[t.start..t.end]).into_owned()
    }

    fn block_body(&mut self, what: &str, line: i32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if self.tok().kind == Tok::Newline {
            self.p += 1;
            if self.tok().kind != Tok::Indent {
                return Err(self.err_last(
                    ErrorKind::IndentationError,
                    format!("expected an indented block after {} on line {}", what, line),
                    self.p,
                ));
            }
            self.p += 1;
            while self.tok().kind != Tok::Dedent && self.tok().kind != Tok::EndMarker {
                // compound_stmt, the statement's rule, block, statements and its loop,
                // statement (function_def_raw and class_def_raw one more)
                let w = if matches!(what, "function definition" | "class definition") { 7 } else { 6 };
                self.nested(w, |p| p.statement(&mut body))?;
            }
            if self.tok().kind != Tok::Dedent {
                return Err(self.invalid());
            }
            self.p += 1;
        } else {
            self.nested(3, |p| p.simple_stmts(&mut body))?;
        }
        Ok(body)
    }

    fn compound(&mut self, kw: &str) -> PResult<Stmt> {
        let s = self.p;
        let line = self.tok().lineno;
        match kw {
            "if" => self.if_stmt(),
            "while" => {
                self.p += 1;
                let test = self.named_expression()?;
                let body = self.block("'while' statement", line)?;
                let orelse = self.else_block()?;
                Ok(self.mks(StmtKind::While { test: bx(test), body, orelse }, s))
            }
            "for" => self.for_stmt(false, s),
            "with" => self.with_stmt(false, s),
            "try" => self.try_stmt(),
            "def" => self.funcdef(false, s, vec![]),
            "class" => self.classdef(vec![]),
            "async" => {
                self.p += 1;
                if self.at_kw("def") {
                    self.funcdef(true, s, vec![])
                } else if self.at_kw("with") {
                    self.with_stmt(true, s)
                } else {
                    self.for_stmt(true, s)
                }
            }
            _ => Err(self.invalid()),
        }
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at_kw("else") {
            let line = self.tok().lineno;
            self.p += 1;
            return self.block("'else' statement", line);
        }
        Ok(vec![])
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let s = self.p;
        let line = self.tok().lineno;
        let is_elif = self.at_kw("elif");
        self.p += 1;
        let test = self.named_expression()?;
        let body = self.block(if is_elif { "'elif' statement" } else { "'if' statement" }, line)?;
        let orelse = if self.at_kw("elif") {
            vec![self.if_stmt()?]
        } else {
            self.else_block()?
        };
        Ok(self.mks(StmtKind::If { test: bx(test), body, orelse }, s))
    }

    fn for_stmt(&mut self, is_async: bool, s: usize) -> PResult<Stmt> {
        let line = self.tok().lineno;
        self.expect_kw("for")?;
        let target = self.star_targets_until_in()?;
        self.expect_kw("in")?;
        let iter = self.star_expressions()?;
        let (body, type_comment) = self.block_tc("'for' statement", line, false)?;
        let orelse = self.else_block()?;
        let (target, iter) = (bx(target), bx(iter));
        let kind = if is_async {
            StmtKind::AsyncFor { target, iter, body, orelse, type_comment }
        } else {
            StmtKind::For { target, iter, body, orelse, type_comment }
        };
        Ok(self.mks(kind, s))
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let e = self.expression()?;
        let mut optional_vars = None;
        if self.eat_kw("as") {
            let t = self.star_target_single()?;
            if !(self.at_op(",") || self.at_op(")") || self.at_op(":") || self.tok().kind == Tok::Newline) {
                return Err(self.invalid());
            }
            optional_vars = Some(bx(t));
        }
        Ok(WithItem { context_expr: bx(e), optional_vars })
    }

    /// A single star_target (as in `with ... as t`).
    fn star_target_single(&mut self) -> PResult<Expr> {
        let s = self.p;
        let e = if self.at_op("*") {
            self.p += 1;
            let v = self.bitwise_or()?;
            let pos = self.pos_from(s);
            self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos)
        } else {
            self.bitwise_or()?
        };
        self.to_store(e)
    }

    fn with_stmt(&mut self, is_async: bool, s: usize) -> PResult<Stmt> {
        let line = self.tok().lineno;
        self.expect_kw("with")?;
        let mut items = None;
        if self.at_op("(") {
            let save = self.p;
            let attempt = (|| -> PResult<Vec<WithItem>> {
                self.p += 1;
                let mut v = vec![self.with_item()?];
                while self.eat_op(",") {
                    if self.at_op(")") {
                        break;
                    }
                    v.push(self.with_item()?);
                }
                self.expect_op(")")?;
                if !self.at_op(":") && self.tok().kind != Tok::Newline {
                    return Err(self.invalid());
                }
                // the parenthesized form takes no type comment
                if self.at_op(":") && self.look(1).kind == Tok::TypeComment {
                    return Err(self.invalid());
                }
                Ok(v)
            })();
            match attempt {
                Ok(v) => items = Some(v),
                Err(_) => self.reset(save),
            }
        }
        let items = match items {
            Some(v) => v,
            None => {
                let mut v = vec![self.with_item()?];
                while self.eat_op(",") {
                    v.push(self.with_item()?);
                }
                v
            }
        };
        let (body, type_comment) = self.block_tc("'with' statement", line, false)?;
        let kind = if is_async {
            StmtKind::AsyncWith { items, body, type_comment }
        } else {
            StmtKind::With { items, body, type_comment }
        };
        Ok(self.mks(kind, s))
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let s = self.p;
        let line = self.tok().lineno;
        self.p += 1;
        let body = self.block("'try' statement", line)?;
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at_kw("except") {
            let hs = self.p;
            let hline = self.tok().lineno;
            self.p += 1;
            let is_star = self.eat_op("*");
            match star {
                None => star = Some(is_star),
                Some(st) if st != is_star => {
                    // plain after star: at the 'except'; star after plain: 'except' to '*'
                    let pos = if is_star { Parser::span(&self.tok_pos(hs), &self.tok_pos(hs + 1)) } else { self.tok_pos(hs) };
                    return Err(self.error_at_pos("cannot have both 'except' and 'except*' on the same 'try'", pos));
                }
                _ => {}
            }
            let mut type_ = None;
            let mut name = None;
            if self.tok().kind == Tok::Newline {
                return Err(self.err_last(ErrorKind::SyntaxError, "expected ':'", self.p));
            }
            if !self.at_op(":") {
                let e = self.expression()?;
                if self.at_op(",") {
                    while self.eat_op(",") {
                        let _ = self.expression()?;
                    }
                    if self.eat_kw("as") {
                        let _ = self.expect_name()?;
                    }
                    let pos = Parser::span(&e.pos, &self.tok_pos(self.p - 1));
                    return Err(self.error_at_pos("multiple exception types must be parenthesized", pos));
                }
                type_ = Some(bx(e));
                if self.eat_kw("as") {
                    name = Some(self.expect_name()?);
                }
            } else if is_star {
                return Err(self.error_at_tok("expected one or more exception types", self.p));
            }
            let what = if is_star { "'except*' statement" } else { "'except' statement" };
            let hbody = self.block(what, hline)?;
            handlers.push(ExceptHandler { type_, name, body: hbody, pos: self.pos_from(hs) });
        }
        let orelse = if !handlers.is_empty() { self.else_block()? } else { vec![] };
        let mut finalbody = vec![];
        if self.at_kw("finally") {
            let fline = self.tok().lineno;
            self.p += 1;
            finalbody = self.block("'finally' statement", fline)?;
        }
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.err_last(ErrorKind::SyntaxError, "expected 'except' or 'finally' block", self.p));
        }
        let kind = if star == Some(true) {
            StmtKind::TryStar { body, handlers, orelse, finalbody }
        } else {
            StmtKind::Try { body, handlers, orelse, finalbody }
        };
        Ok(self.mks(kind, s))
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if self.tok().kind != Tok::Newline {
                return Err(self.invalid());
            }
            self.p += 1;
        }
        let s = self.p;
        if self.at_kw("def") {
            self.funcdef(false, s, decorators)
        } else if self.at_kw("async") && self.look_kw(1, "def") {
            self.p += 1;
            self.funcdef(true, s, decorators)
        } else if self.at_kw("class") {
            self.classdef(decorators)
        } else {
            Err(self.invalid())
        }
    }

    fn funcdef(&mut self, is_async: bool, s: usize, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let line = self.tok().lineno;
        self.expect_kw("def")?;
        let name = self.expect_name()?;
        if !self.eat_op("(") {
            return Err(self.error_at_tok("expected '('", self.p));
        }
        let args = self.parameters(true)?;
        self.expect_op(")")?;
        let arrow = self.p;
        let returns = if self.eat_op("->") {
            match self.expression() {
                Ok(e) => Some(bx(e)),
                // `['->' expression]` does not match, so the forced ':' is expected at '->'
                Err(_) => return Err(self.error_at_tok("expected ':'", arrow)),
            }
        } else {
            None
        };
        let (body, type_comment) = self.block_tc("function definition", line, true)?;
        let args = Box::new(args);
        let kind = if is_async {
            StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, type_comment }
        } else {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, type_comment }
        };
        Ok(self.mks(kind, s))
    }

    fn classdef(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let s = self.p;
        let line = self.tok().lineno;
        self.expect_kw("class")?;
        let name = self.expect_name()?;
        let (bases, keywords) = if self.at_op("(") { self.class_args()? } else { (vec![], vec![]) };
        let body = self.block("class definition", line)?;
        Ok(self.mks(StmtKind::ClassDef { name, bases, keywords, body, decorator_list }, s))
    }

    // ---- match ----

    /// A match statement, or None when the tokens are not one (so `match` is a name).
    fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        let s = self.p;
        let line = self.tok().lineno;
        self.p += 1;
        // subject
        let subject = match (|| -> PResult<Expr> {
            let ss = self.p;
            let first = self.star_named_expression()?;
            if self.at_op(",") {
                let mut elts = vec![first];
                while self.eat_op(",") {
                    if self.at_op(":") {
                        break;
                    }
                    elts.push(self.star_named_expression()?);
                }
                let pos = self.pos_from(ss);
                return Ok(self.mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, pos));
            }
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.invalid());
            }
            Ok(first)
        })() {
            Ok(e) => e,
            Err(_) => return Ok(None),
        };
        if !self.at_op(":") {
            // invalid_match_stmt runs in CPython's error pass only: report it when `match ...`
            // cannot be an expression statement either
            let next = self.toks[s + 1].kind;
            if self.tok().kind == Tok::Newline && matches!(next, Tok::Name | Tok::Number | Tok::String | Tok::Op("{")) {
                return Err(self.err_last(ErrorKind::SyntaxError, "expected ':'", self.p));
            }
            return Ok(None);
        }
        self.p += 1;
        if self.tok().kind != Tok::Newline {
            return Ok(None);
        }
        self.p += 1;
        if self.tok().kind != Tok::Indent {
            return Err(self.err_last(
                ErrorKind::IndentationError,
                format!("expected an indented block after 'match' statement on line {}", line),
                self.p,
            ));
        }
        self.p += 1;
        let mut cases = Vec::new();
        while self.at_kw("case") {
            let cline = self.tok().lineno;
            self.p += 1;
            let pattern = self.patterns()?;
            let guard = if self.eat_kw("if") { Some(bx(self.named_expression()?)) } else { None };
            let body = self.block("'case' statement", cline)?;
            cases.push(MatchCase { pattern: Box::new(pattern), guard, body });
        }
        if cases.is_empty() || self.tok().kind != Tok::Dedent {
            return Err(self.invalid());
        }
        self.p += 1;
        Ok(Some(self.mks(StmtKind::Match { subject: bx(subject), cases }, s)))
    }
}
