//! Expressions: from `star_expressions` down to atoms, calls, subscripts, displays,
//! comprehensions and lambdas.

use super::{PResult, Parser};
use crate::ast::{
    Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Keyword, Operator, Pos, UnaryOp,
};
use crate::tokenizer::Tok;

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl Parser {
    /// star_expressions: a tuple without parentheses when there is a comma.
    pub(crate) fn star_expressions(&mut self) -> PResult<Expr> {
        let s = self.p;
        let first = self.star_expression()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if !self.starts_expression() {
                break;
            }
            // pegen's loop and group around the later elements
            elts.push(self.nested(2, |p| p.star_expression())?);
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, pos))
    }

    pub(crate) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.p;
            self.p += 1;
            let v = self.bitwise_or()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos));
        }
        self.expression()
    }

    pub(crate) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.p;
            self.p += 1;
            let v = self.bitwise_or()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos));
        }
        self.named_expression()
    }

    /// Whether the current token can begin an expression.
    pub(crate) fn starts_expression(&self) -> bool {
        let t = self.tok();
        match t.kind {
            Tok::Name => {
                let s = self.text_of(t);
                !super::is_keyword(s) || matches!(s, "None" | "True" | "False" | "not" | "lambda" | "await" | "yield")
            }
            Tok::Number | Tok::String => true,
            Tok::Op(o) => matches!(o, "(" | "[" | "{" | "-" | "+" | "~" | "*" | "..."),
            _ => false,
        }
    }

    pub(crate) fn named_expression(&mut self) -> PResult<Expr> {
        let e = self.named_expression_noeq()?;
        if self.at_op("=") {
            // CPython's invalid_named_expression
            let save = self.p;
            self.p += 1;
            if let Ok(b) = self.bitwise_or() {
                if !self.at_op("=") && !self.at_op(":=") {
                    if matches!(e.kind, ExprKind::Name { .. }) {
                        let pos = Parser::span(&e.pos, &b.pos);
                        return Err(self.error_at_pos("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", pos));
                    }
                    if let Some(err) = self.assign_here_error(&e) {
                        return Err(err);
                    }
                }
            }
            self.p = save;
        }
        Ok(e)
    }

    /// In brackets, an element followed by the start of another expression: CPython's
    /// "Perhaps you forgot a comma?" (invalid_expression), else the generic error.
    pub(crate) fn comma_error(&mut self, s: usize, a: Pos) -> crate::error::CompileError {
        let t0 = self.toks[s];
        let soft = t0.kind == Tok::Name && matches!(self.text_of(&t0), "match" | "case" | "_");
        let name_string = t0.kind == Tok::Name && self.toks.get(s + 1).map_or(false, |t| t.kind == Tok::String);
        if !soft && !name_string && self.starts_expression() && !self.at_op("*") {
            let save = self.p;
            let seen = self.max_seen();
            let r = self.expression();
            self.p = save;
            if let Ok(b) = r {
                return self.error_at_pos("invalid syntax. Perhaps you forgot a comma?", Parser::span(&a, &b.pos));
            }
            let e = self.invalid_at(seen);
            return e;
        }
        self.invalid()
    }

    pub(crate) fn named_expression_noeq(&mut self) -> PResult<Expr> {
        if self.at_name() && self.look_op(1, ":=") {
            let s = self.p;
            let t = *self.tok();
            self.p += 2;
            let id = self.identifier(&t);
            let target = self.mk(ExprKind::Name { id, ctx: ExprContext::Store }, self.tok_pos(s));
            // pegen's assignment_expression
            let value = self.nested(1, |p| p.expression())?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::NamedExpr { target: bx(target), value: bx(value) }, pos));
        }
        let e = self.expression()?;
        if self.at_op(":=") {
            return Err(self.error_at_pos(
                format!("cannot use assignment expressions with {}", super::target::describe(&e)),
                e.pos,
            ));
        }
        Ok(e)
    }

    pub(crate) fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.leave();
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        if self.at_kw("lambda") {
            return self.lambdef();
        }
        let s = self.p;
        let body = self.disjunction()?;
        if self.at_kw("if") {
            self.p += 1;
            let test = self.disjunction()?;
            if !self.eat_kw("else") {
                if self.at_op(":") {
                    return Err(self.invalid());
                }
                return Err(self.error_range(
                    crate::error::ErrorKind::SyntaxError,
                    "expected 'else' after 'if' expression",
                    Parser::span(&body.pos, &test.pos),
                ));
            }
            let orelse = self.expression()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::IfExp { test: bx(test), body: bx(body), orelse: bx(orelse) }, pos));
        }
        if self.at_op(":=") && !matches!(body.kind, ExprKind::Name { .. }) {
            // `a=expression ':=' expression`: the value must parse
            let save = self.p;
            let seen = self.max_seen();
            self.p += 1;
            let ok = self.expression().is_ok();
            self.p = save;
            if !ok {
                return Err(self.invalid_at(seen));
            }
            return Err(self.error_at_pos(
                format!("cannot use assignment expressions with {}", super::target::describe(&body)),
                body.pos,
            ));
        }
        Ok(body)
    }

    pub(crate) fn disjunction(&mut self) -> PResult<Expr> {
        let s = self.p;
        let first = self.conjunction()?;
        if !self.at_kw("or") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("or") {
            values.push(self.conjunction()?);
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::BoolOp { op: BoolOp::Or, values }, pos))
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let s = self.p;
        let first = self.inversion()?;
        if !self.at_kw("and") {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw("and") {
            values.push(self.inversion()?);
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::BoolOp { op: BoolOp::And, values }, pos))
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw("not") {
            self.enter()?;
            let s = self.p;
            self.p += 1;
            let operand = self.inversion()?;
            let pos = self.pos_from(s);
            self.leave();
            return Ok(self.mk(ExprKind::UnaryOp { op: UnaryOp::Not, operand: bx(operand) }, pos));
        }
        self.comparison()
    }

    fn comp_op(&mut self) -> Option<CmpOp> {
        let t = *self.tok();
        let op = match t.kind {
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::NotEq,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::LtE,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::GtE,
            Tok::Name => match self.text_of(&t) {
                "in" => CmpOp::In,
                "is" => {
                    if self.look_kw(1, "not") {
                        self.p += 2;
                        return Some(CmpOp::IsNot);
                    }
                    CmpOp::Is
                }
                "not" => {
                    if self.look_kw(1, "in") {
                        self.p += 2;
                        return Some(CmpOp::NotIn);
                    }
                    return None;
                }
                _ => return None,
            },
            _ => return None,
        };
        self.p += 1;
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let s = self.p;
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(op) = self.comp_op() {
            ops.push(op);
            // pegen's loop, compare_op_bitwise_or_pair and the operator's rule
            comparators.push(self.nested(3, |p| p.bitwise_or())?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Compare { left: bx(left), ops, comparators }, pos))
    }

    fn binop_level(&mut self, level: u8) -> PResult<Expr> {
        if level == 6 {
            return self.factor();
        }
        let s = self.p;
        let mut left = self.binop_level(level + 1)?;
        loop {
            let op = match (level, self.tok().kind) {
                (0, Tok::Op("|")) => Operator::BitOr,
                (1, Tok::Op("^")) => Operator::BitXor,
                (2, Tok::Op("&")) => Operator::BitAnd,
                (3, Tok::Op("<<")) => Operator::LShift,
                (3, Tok::Op(">>")) => Operator::RShift,
                (4, Tok::Op("+")) => Operator::Add,
                (4, Tok::Op("-")) => Operator::Sub,
                (5, Tok::Op("*")) => Operator::Mult,
                (5, Tok::Op("/")) => Operator::Div,
                (5, Tok::Op("//")) => Operator::FloorDiv,
                (5, Tok::Op("%")) => Operator::Mod,
                (5, Tok::Op("@")) => Operator::MatMult,
                _ => return Ok(left),
            };
            self.p += 1;
            let right = self.binop_level(level + 1)?;
            let pos = self.pos_from(s);
            left = self.mk(ExprKind::BinOp { left: bx(left), op, right: bx(right) }, pos);
        }
    }

    pub(crate) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binop_level(0)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.tok().kind {
            Tok::Op("+") => UnaryOp::UAdd,
            Tok::Op("-") => UnaryOp::USub,
            Tok::Op("~") => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.enter()?;
        let s = self.p;
        self.p += 1;
        let operand = self.factor()?;
        self.leave();
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::UnaryOp { op, operand: bx(operand) }, pos))
    }

    fn power(&mut self) -> PResult<Expr> {
        let s = self.p;
        let left = self.await_primary()?;
        if self.eat_op("**") {
            // pegen's factor and power rules for the right operand
            let right = self.nested(2, |p| p.factor())?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::BinOp { left: bx(left), op: Operator::Pow, right: bx(right) }, pos));
        }
        Ok(left)
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        if self.at_kw("await") {
            let s = self.p;
            self.p += 1;
            let v = self.primary()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Await { value: bx(v) }, pos));
        }
        self.primary()
    }

    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let s = self.p;
        let mut e = self.atom()?;
        loop {
            match self.tok().kind {
                Tok::Op(".") => {
                    self.p += 1;
                    let attr = self.expect_name()?;
                    let pos = self.pos_from(s);
                    e = self.mk(ExprKind::Attribute { value: bx(e), attr, ctx: ExprContext::Load }, pos);
                }
                Tok::Op("(") => {
                    let (args, keywords) = self.bracket(4, |p| p.call_args())?;
                    let pos = self.pos_from(s);
                    e = self.mk(ExprKind::Call { func: bx(e), args, keywords }, pos);
                }
                Tok::Op("[") => {
                    self.p += 1;
                    let slice = self.bracket(4, |p| p.slices())?;
                    self.expect_op("]")?;
                    let pos = self.pos_from(s);
                    e = self.mk(ExprKind::Subscript { value: bx(e), slice: bx(slice), ctx: ExprContext::Load }, pos);
                }
                _ => break,
            }
        }
        Ok(e)
    }

    fn slices(&mut self) -> PResult<Expr> {
        let s = self.p;
        let first = self.slice()?;
        if !self.at_op(",") && !self.at_op("]") && !matches!(first.kind, ExprKind::Slice { .. }) {
            return Err(self.comma_error(s, first.pos));
        }
        if !self.at_op(",") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                let pos = first.pos;
                return Ok(self.mk(ExprKind::Tuple { elts: vec![first], ctx: ExprContext::Load }, pos));
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            let es = self.p;
            elts.push(self.slice()?);
            if !self.at_op(",") && !self.at_op("]") && !matches!(elts.last().unwrap().kind, ExprKind::Slice { .. }) {
                return Err(self.comma_error(es, elts.last().unwrap().pos));
            }
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, pos))
    }

    fn slice(&mut self) -> PResult<Expr> {
        let s = self.p;
        if self.at_op("*") {
            self.p += 1;
            let v = self.bitwise_or()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos));
        }
        let lower = if self.at_op(":") {
            None
        } else {
            let e = self.named_expression()?;
            if !self.at_op(":") {
                return Ok(e);
            }
            if matches!(e.kind, ExprKind::NamedExpr { .. }) {
                return Err(self.invalid());
            }
            Some(bx(e))
        };
        self.expect_op(":")?;
        let upper = if self.at_op(":") || self.at_op(",") || self.at_op("]") { None } else { Some(bx(self.expression()?)) };
        let mut step = None;
        if self.eat_op(":") {
            if !(self.at_op(",") || self.at_op("]")) {
                step = Some(bx(self.expression()?));
            }
        }
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Slice { lower, upper, step }, pos))
    }

    /// '(' [arguments] ')' for calls and class bases; `self.p` at the '('.
    pub(crate) fn call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.call_args_impl(true)
    }

    /// Class bases: arguments without a bare generator expression.
    pub(crate) fn class_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.call_args_impl(false)
    }

    fn call_args_impl(&mut self, genexp: bool) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let open = self.p;
        self.expect_op("(")?;
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kw = false;
        let mut seen_dstar = false;
        let mut last_arg: Option<(usize, Pos)> = None;
        loop {
            if self.at_op(")") {
                break;
            }
            let s = self.p;
            if self.at_op("*") {
                if seen_dstar {
                    return Err(self.error_at_tok("iterable argument unpacking follows keyword argument unpacking", s));
                }
                self.p += 1;
                let v = self.expression()?;
                let pos = self.pos_from(s);
                if seen_dstar {
                    return Err(self.error_at_tok("iterable argument unpacking follows keyword argument unpacking", s));
                }
                args.push(self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos));
            } else if self.at_op("**") {
                self.p += 1;
                let v = self.expression()?;
                let pos = self.pos_from(s);
                seen_dstar = true;
                keywords.push(Keyword { arg: None, value: bx(v), pos });
            } else if self.at_name() && self.look_op(1, "=") {
                let t = *self.tok();
                self.p += 2;
                let name = self.identifier(&t);
                // pegen's kwarg_or_starred and its helpers
                let v = self.nested(3, |p| p.expression())?;
                let pos = self.pos_from(s);
                seen_kw = true;
                keywords.push(Keyword { arg: Some(name), value: bx(v), pos });
            } else {
                let seen = self.max_seen();
                let e = if seen_kw || seen_dstar {
                    match self.named_expression_noeq() {
                        Ok(e) => e,
                        Err(err) if err.msg == "invalid syntax" => return Err(self.bad_arg_after_keywords(s, seen, seen_dstar)),
                        Err(err) => return Err(err),
                    }
                } else {
                    self.named_expression_noeq()?
                };
                if (seen_kw || seen_dstar) && self.starts_expression() && !self.at_kw("for") && !self.at_kw("async") {
                    let err = self.comma_error(s, e.pos);
                    if err.msg != "invalid syntax" {
                        return Err(err);
                    }
                }
                last_arg = Some((s, e.pos));
                if self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for")) {
                    if !genexp {
                        return Err(self.error_at_tok("invalid syntax", self.p));
                    }
                    let generators = self.comprehension_clauses()?;
                    if !self.at_op(")") || !args.is_empty() || !keywords.is_empty() {
                        let pos = Parser::span(&e.pos, &self.tok_pos(self.p - 1));
                        // pegen reads the token after the ',' here
                        if self.at_op(",") {
                            let _ = self.look(1);
                        }
                        if self.at_op(",") || !args.is_empty() || !keywords.is_empty() {
                            return Err(self.error_at_pos("Generator expression must be parenthesized", pos));
                        }
                        return Err(self.invalid());
                    }
                    self.p += 1;
                    let pos = self.pos_from(open);
                    args.push(self.mk(ExprKind::GeneratorExp { elt: bx(e), generators }, pos));
                    return Ok((args, keywords));
                }
                if self.at_op("=") {
                    let msg = match &e.kind {
                        ExprKind::Constant { value: Constant::None, .. } => "cannot assign to None".to_string(),
                        ExprKind::Constant { value: Constant::Bool(true), .. } => "cannot assign to True".to_string(),
                        ExprKind::Constant { value: Constant::Bool(false), .. } => "cannot assign to False".to_string(),
                        _ => "expression cannot contain assignment, perhaps you meant \"==\"?".to_string(),
                    };
                    let pos = Parser::span(&e.pos, &self.tok_pos(self.p));
                    return Err(self.error_at_pos(msg, pos));
                }
                if seen_kw || seen_dstar {
                    // pegen's `args ',' args`: the rest of the arguments is read first
                    while self.eat_op(",") && !self.at_op(")") {
                        if self.at_op("*") || self.at_op("**") {
                            self.p += 1;
                        } else if self.at_name() && self.look_op(1, "=") {
                            self.p += 2;
                        }
                        match self.expression() {
                            Err(e) if e.msg != "invalid syntax" => return Err(e),
                            Err(_) => break,
                            Ok(_) => {}
                        }
                    }
                    let at = self.max_seen();
                    let msg = if seen_dstar {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(self.error_at_tok(msg, at));
                }
                args.push(e);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        if !self.at_op(")") {
            if let Some((s, pos)) = last_arg {
                return Err(self.comma_error(s, pos));
            }
            return Err(self.invalid());
        }
        self.p += 1;
        Ok((args, keywords))
    }

    /// A positional argument after keywords that does not parse. pegen's first pass read
    /// only its first token (or two: `NAME '='`); its error pass reports "positional argument
    /// follows ..." at the furthest token when some prefix of it parses as an expression.
    fn bad_arg_after_keywords(&mut self, s: usize, seen: usize, dstar: bool) -> crate::error::CompileError {
        let furthest = self.max_seen();
        self.p = s;
        let first_pass = if self.look_name(0) { s + 1 } else { s };
        while matches!(self.tok().kind, Tok::Op("+" | "-" | "~")) || self.at_kw("await") {
            self.p += 1;
        }
        if self.atom().is_ok() {
            let msg = if dstar {
                "positional argument follows keyword argument unpacking"
            } else {
                "positional argument follows keyword argument"
            };
            self.max_p.set(furthest);
            return self.error_at_tok(msg, furthest);
        }
        self.fail_at(s, seen.max(first_pass))
    }

    /// for_if_clauses
    pub(crate) fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        loop {
            let is_async = if self.at_kw("async") && self.look_kw(1, "for") {
                self.p += 1;
                1
            } else {
                0
            };
            if !self.eat_kw("for") {
                break;
            }
            let target = self.star_targets_until_in()?;
            if !self.eat_kw("in") {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            gens.push(Comprehension { target: bx(target), iter: bx(iter), ifs, is_async });
        }
        Ok(gens)
    }

    /// star_targets as in `for` loops: a target list before `in`.
    pub(crate) fn star_targets_until_in(&mut self) -> PResult<Expr> {
        let s = self.p;
        let first = self.star_target_expr()?;
        let e = if self.at_op(",") {
            let mut elts = vec![first];
            while self.eat_op(",") {
                if self.at_kw("in") || self.at_op("=") {
                    break;
                }
                elts.push(self.star_target_expr()?);
            }
            let pos = self.pos_from(s);
            self.mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, pos)
        } else {
            first
        };
        if Self::invalid_target(&e, false).is_some() {
            // CPython's error pass reads the target as star_expressions (on past `in ...`)
            let save = self.p;
            self.p = s;
            let _ = self.star_expressions();
            let _ = self.tok();
            self.p = save;
        }
        self.to_store(e)
    }

    fn star_target_expr(&mut self) -> PResult<Expr> {
        if self.at_op("*") {
            let s = self.p;
            self.p += 1;
            let v = self.star_target_expr()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Starred { value: bx(v), ctx: ExprContext::Load }, pos));
        }
        self.bitwise_or()
    }

    pub(crate) fn atom(&mut self) -> PResult<Expr> {
        let t = *self.tok();
        let s = self.p;
        match t.kind {
            Tok::Name => {
                let text = self.text_of(&t);
                let kind = match text {
                    "None" => ExprKind::Constant { value: Constant::None, kind: None },
                    "True" => ExprKind::Constant { value: Constant::Bool(true), kind: None },
                    "False" => ExprKind::Constant { value: Constant::Bool(false), kind: None },
                    _ => {
                        if super::is_keyword(text) {
                            return Err(self.invalid());
                        }
                        ExprKind::Name { id: self.identifier(&t), ctx: ExprContext::Load }
                    }
                };
                self.p += 1;
                Ok(self.mk(kind, self.tok_pos(s)))
            }
            Tok::Number => {
                self.p += 1;
                let value = self.number(&t)?;
                Ok(self.mk(ExprKind::Constant { value, kind: None }, self.tok_pos(s)))
            }
            Tok::String => self.strings(),
            Tok::Op("...") => {
                self.p += 1;
                Ok(self.mk(ExprKind::Constant { value: Constant::Ellipsis, kind: None }, self.tok_pos(s)))
            }
            Tok::Op("(") => self.bracket(8, |p| p.paren_atom()),
            Tok::Op("[") => self.bracket(9, |p| p.list_atom()),
            Tok::Op("{") => self.bracket(9, |p| p.brace_atom()),
            _ => Err(self.invalid()),
        }
    }

    fn paren_atom(&mut self) -> PResult<Expr> {
        let s = self.p;
        self.p += 1;
        if self.eat_op(")") {
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Tuple { elts: vec![], ctx: ExprContext::Load }, pos));
        }
        if self.at_kw("yield") {
            let e = self.yield_expr()?;
            self.expect_op(")")?;
            return Ok(e);
        }
        if self.at_op("**") {
            // invalid_group: `'(' '**' expression ')'`
            let seen = self.max_seen();
            self.p += 1;
            let e = match self.expression() {
                Ok(e) => e,
                Err(e) if e.msg == "invalid syntax" => return Err(self.fail_at(s + 1, seen)),
                Err(e) => return Err(e),
            };
            if self.at_op(")") {
                return Err(self.error_at_tok("cannot use double starred expression here", s + 1));
            }
            if self.starts_expression() {
                let e = self.comma_error(s + 2, e.pos);
                if e.msg != "invalid syntax" {
                    return Err(e);
                }
            }
            return Err(self.fail_at(s + 1, seen));
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for")) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at_pos("iterable unpacking cannot be used in comprehension", first.pos));
            }
            let generators = self.comprehension_clauses()?;
            self.expect_op(")")?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::GeneratorExp { elt: bx(first), generators }, pos));
        }
        if self.eat_op(")") {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at_pos("cannot use starred expression here", first.pos));
            }
            return Ok(first);
        }
        if !self.at_op(",") {
            return Err(self.comma_error(s + 1, first.pos));
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            let es = self.p;
            elts.push(self.star_named_expression()?);
            if !self.at_op(",") && !self.at_op(")") {
                return Err(self.comma_error(es, elts.last().unwrap().pos));
            }
        }
        self.expect_op(")")?;
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Tuple { elts, ctx: ExprContext::Load }, pos))
    }

    fn list_atom(&mut self) -> PResult<Expr> {
        let s = self.p;
        self.p += 1;
        if self.eat_op("]") {
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::List { elts: vec![], ctx: ExprContext::Load }, pos));
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for")) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                return Err(self.error_at_pos("iterable unpacking cannot be used in comprehension", first.pos));
            }
            let generators = self.comprehension_clauses()?;
            self.expect_op("]")?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::ListComp { elt: bx(first), generators }, pos));
        }
        if !self.at_op(",") && !self.at_op("]") {
            return Err(self.comma_error(s + 1, first.pos));
        }
        let mut elts = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            let es = self.p;
            elts.push(self.star_named_expression()?);
            if let Some(e) = self.comprehension_target_error(&elts) {
                return Err(e);
            }
            if !self.at_op(",") && !self.at_op("]") {
                return Err(self.comma_error(es, elts.last().unwrap().pos));
            }
        }
        self.expect_op("]")?;
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::List { elts, ctx: ExprContext::Load }, pos))
    }

    /// After `key ':'`: CPython's invalid_kvpair messages for a missing or starred value.
    fn dict_value_error(&mut self) -> Option<crate::error::CompileError> {
        let colon = self.p - 1;
        if self.at_op("}") || self.at_op(",") {
            return Some(self.error_at_tok("expression expected after dictionary key and ':'", colon));
        }
        if self.at_op("*") {
            let s = self.p;
            self.p += 1;
            let r = self.bitwise_or();
            let end = self.p;
            self.p = s;
            if r.is_ok() {
                let pos = Parser::span(&self.tok_pos(s), &self.tok_pos(end - 1));
                return Some(self.error_at_pos("cannot use a starred expression in a dictionary value", pos));
            }
        }
        None
    }

    /// `[x, y for ...]`: CPython's invalid_comprehension message.
    fn comprehension_target_error(&self, elts: &[Expr]) -> Option<crate::error::CompileError> {
        if elts.len() >= 2 && (self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for"))) {
            let pos = Parser::span(&elts[0].pos, &elts[elts.len() - 1].pos);
            return Some(self.error_at_pos("did you forget parentheses around the comprehension target?", pos));
        }
        None
    }

    fn brace_atom(&mut self) -> PResult<Expr> {
        let s = self.p;
        self.p += 1;
        if self.eat_op("}") {
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::Dict { keys: vec![], values: vec![] }, pos));
        }
        let mut keys: Vec<Option<Expr>> = Vec::new();
        let mut values = Vec::new();
        // first item decides dict or set
        let first_start = self.p;
        if self.at_op("**") {
            self.p += 1;
            values.push(self.bitwise_or()?);
            keys.push(None);
        } else {
            let first = self.star_named_expression()?;
            if self.eat_op(":") {
                if let Some(e) = self.dict_value_error() {
                    return Err(e);
                }
                let vs = self.p;
                let v = self.expression()?;
                if !self.at_op(",") && !self.at_op("}") && !self.at_kw("for") && !self.at_kw("async") {
                    return Err(self.comma_error(vs, v.pos));
                }
                if self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for")) {
                    let generators = self.comprehension_clauses()?;
                    self.expect_op("}")?;
                    let pos = self.pos_from(s);
                    return Ok(self.mk(ExprKind::DictComp { key: bx(first), value: bx(v), generators }, pos));
                }
                keys.push(Some(first));
                values.push(v);
            } else {
                // a set
                if self.at_kw("for") || (self.at_kw("async") && self.look_kw(1, "for")) {
                    if matches!(first.kind, ExprKind::Starred { .. }) {
                        return Err(self.error_at_pos("iterable unpacking cannot be used in comprehension", first.pos));
                    }
                    let generators = self.comprehension_clauses()?;
                    self.expect_op("}")?;
                    let pos = self.pos_from(s);
                    return Ok(self.mk(ExprKind::SetComp { elt: bx(first), generators }, pos));
                }
                if !self.at_op(",") && !self.at_op("}") {
                    return Err(self.comma_error(s + 1, first.pos));
                }
                let mut elts = vec![first];
                while self.eat_op(",") {
                    if self.at_op("}") {
                        break;
                    }
                    let es = self.p;
                    elts.push(self.star_named_expression()?);
                    if let Some(e) = self.comprehension_target_error(&elts) {
                        return Err(e);
                    }
                    if !self.at_op(",") && !self.at_op("}") {
                        return Err(self.comma_error(es, elts.last().unwrap().pos));
                    }
                }
                self.expect_op("}")?;
                let pos = self.pos_from(s);
                return Ok(self.mk(ExprKind::Set { elts }, pos));
            }
        }
        if self.at_kw("for") {
            return Err(self.error_at_tok("dict unpacking cannot be used in dict comprehension", first_start));
        }
        while self.eat_op(",") {
            if self.at_op("}") {
                break;
            }
            if self.eat_op("**") {
                values.push(self.bitwise_or()?);
                keys.push(None);
            } else {
                let k = self.expression()?;
                if !self.at_op(":") {
                    if true {
                        let mut e = self.error_at_pos("':' expected after dictionary key", crate::ast::Pos {
                            lineno: k.pos.end_lineno,
                            col_offset: k.pos.end_col_offset - 1,
                            end_lineno: k.pos.end_lineno,
                            end_col_offset: k.pos.end_col_offset,
                        });
                        e.end_offset = 0;
                        return Err(e);
                    }
                    return Err(self.invalid());
                }
                self.p += 1;
                if let Some(e) = self.dict_value_error() {
                    return Err(e);
                }
                let vs = self.p;
                let v = self.expression()?;
                if !self.at_op(",") && !self.at_op("}") {
                    return Err(self.comma_error(vs, v.pos));
                }
                keys.push(Some(k));
                values.push(v);
            }
        }
        self.expect_op("}")?;
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Dict { keys, values }, pos))
    }

    pub(crate) fn yield_expr(&mut self) -> PResult<Expr> {
        let s = self.p;
        self.expect_kw("yield")?;
        if self.eat_kw("from") {
            let v = self.expression()?;
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::YieldFrom { value: bx(v) }, pos));
        }
        let value = if self.starts_expression() && !self.at_op("**") { Some(bx(self.star_expressions()?)) } else { None };
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Yield { value }, pos))
    }

    fn lambdef(&mut self) -> PResult<Expr> {
        let s = self.p;
        self.expect_kw("lambda")?;
        let args = if self.at_op(":") { empty_arguments() } else { self.parameters(false)? };
        self.expect_op(":")?;
        // pegen's lambdef rule around the body
        let body = self.nested(1, |p| p.expression())?;
        let pos = self.pos_from(s);
        Ok(self.mk(ExprKind::Lambda { args: Box::new(args), body: bx(body) }, pos))
    }

    pub(crate) fn number(&self, t: &crate::tokenizer::Token) -> PResult<Constant> {
        let text = self.text_of(t).replace('_', "");
        Ok(parse_number(&text))
    }

    pub(crate) fn name_expr(&self, i: usize, ctx: ExprContext) -> Expr {
        let t = self.toks[i];
        self.mk(ExprKind::Name { id: self.identifier(&t), ctx }, self.tok_pos(i))
    }
}

pub(crate) fn empty_arguments() -> Arguments {
    Arguments {
        posonlyargs: vec![],
        args: vec![],
        vararg: None,
        kwonlyargs: vec![],
        kw_defaults: vec![],
        kwarg: None,
        defaults: vec![],
    }
}

/// The value of a NUMBER token's text (underscores removed).
pub fn parse_number(text: &str) -> Constant {
    use num_bigint::BigInt;
    let lower = text.to_ascii_lowercase();
    if let Some(imag) = lower.strip_suffix('j') {
        return Constant::Complex { real: 0.0, imag: parse_float(imag) };
    }
    let radix = if lower.starts_with("0x") {
        16
    } else if lower.starts_with("0o") {
        8
    } else if lower.starts_with("0b") {
        2
    } else {
        10
    };
    if radix != 10 {
        return Constant::Int(BigInt::parse_bytes(lower[2..].as_bytes(), radix).unwrap_or_default());
    }
    if lower.contains(['.', 'e']) {
        return Constant::Float(parse_float(&lower));
    }
    Constant::Int(BigInt::parse_bytes(lower.as_bytes(), 10).unwrap_or_default())
}

fn parse_float(s: &str) -> f64 {
    let s = if s.starts_with('.') { format!("0{s}") } else { s.to_string() };
    let s = s.replace(".e", ".0e");
    let s = if s.ends_with('.') { format!("{s}0") } else { s };
    s.parse::<f64>().unwrap_or(f64::INFINITY)
}
