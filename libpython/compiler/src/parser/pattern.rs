//! Patterns of the match statement.

use super::{PResult, Parser};
use crate::ast::{Constant, Expr, ExprContext, ExprKind, Operator, Pattern, PatternKind, UnaryOp};
use crate::tokenizer::Tok;

impl Parser {
    fn mkp(&self, kind: PatternKind, s: usize) -> Pattern {
        Pattern { kind, pos: self.pos_from(s) }
    }

    /// patterns: open_sequence_pattern | pattern
    pub(crate) fn patterns(&mut self) -> PResult<Pattern> {
        let s = self.p;
        let first = self.maybe_star_pattern()?;
        if self.at_op(",") {
            let mut patterns = vec![first];
            while self.eat_op(",") {
                if self.at_op(":") || self.at_kw("if") {
                    break;
                }
                patterns.push(self.maybe_star_pattern()?);
            }
            return Ok(self.mkp(PatternKind::MatchSequence { patterns }, s));
        }
        if matches!(first.kind, PatternKind::MatchStar { .. }) {
            return Ok(self.mkp(PatternKind::MatchSequence { patterns: vec![first] }, s));
        }
        Ok(first)
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at_op("*") {
            let s = self.p;
            self.p += 1;
            let name = self.expect_name()?;
            let name = if name == "_" { None } else { Some(name) };
            return Ok(self.mkp(PatternKind::MatchStar { name }, s));
        }
        self.pattern()
    }

    /// pattern: as_pattern | or_pattern
    pub(crate) fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let s = self.p;
        let or = self.or_pattern()?;
        if self.eat_kw("as") {
            if !self.at_name() {
                let save = self.p;
                if let Ok(e) = self.expression() {
                    return Err(self.error_at_pos("invalid pattern target", e.pos));
                }
                self.p = save;
            }
            let name = self.expect_name()?;
            if name == "_" {
                return Err(self.error_at_tok("cannot use '_' as a target", self.p - 1));
            }
            self.leave();
            return Ok(self.mkp(PatternKind::MatchAs { pattern: Some(Box::new(or)), name: Some(name) }, s));
        }
        self.leave();
        Ok(or)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let s = self.p;
        let first = self.closed_pattern()?;
        if !self.at_op("|") {
            return Ok(first);
        }
        let mut patterns = vec![first];
        while self.eat_op("|") {
            patterns.push(self.closed_pattern()?);
        }
        Ok(self.mkp(PatternKind::MatchOr { patterns }, s))
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let s = self.p;
        let neg = self.eat_op("-");
        let t = *self.tok();
        if t.kind != Tok::Number {
            return Err(self.invalid());
        }
        self.p += 1;
        let value = self.number(&t)?;
        let c = self.mk(ExprKind::Constant { value, kind: None }, self.tok_pos(self.p - 1));
        if neg {
            let pos = self.pos_from(s);
            return Ok(self.mk(ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(c) }, pos));
        }
        Ok(c)
    }

    /// A literal for a value pattern or mapping key: signed numbers, complex numbers,
    /// strings, None/True/False.
    fn literal_expr(&mut self) -> PResult<Expr> {
        let s = self.p;
        let t = *self.tok();
        match t.kind {
            Tok::String => self.strings(),
            Tok::Number | Tok::Op("-") => {
                let left = self.signed_number()?;
                if self.at_op("+") || self.at_op("-") {
                    let op = if self.at_op("+") { Operator::Add } else { Operator::Sub };
                    self.p += 1;
                    let t = *self.tok();
                    if t.kind != Tok::Number {
                        return Err(self.invalid());
                    }
                    self.p += 1;
                    let value = self.number(&t)?;
                    if !matches!(value, Constant::Complex { .. }) {
                        return Err(self.error_at_tok("imaginary number required in complex literal", self.p - 1));
                    }
                    let right = self.mk(ExprKind::Constant { value, kind: None }, self.tok_pos(self.p - 1));
                    let pos = self.pos_from(s);
                    return Ok(self.mk(ExprKind::BinOp { left: Box::new(left), op, right: Box::new(right) }, pos));
                }
                Ok(left)
            }
            _ => Err(self.invalid()),
        }
    }

    /// name_or_attr: NAME ('.' NAME)*
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let s = self.p;
        let mut e = self.name_expr(self.p, ExprContext::Load);
        self.p += 1;
        while self.at_op(".") {
            self.p += 1;
            let attr = self.expect_name()?;
            let pos = self.pos_from(s);
            e = self.mk(ExprKind::Attribute { value: Box::new(e), attr, ctx: ExprContext::Load }, pos);
        }
        Ok(e)
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let s = self.p;
        let t = *self.tok();
        match t.kind {
            Tok::Name => {
                let text = self.text_of(&t).to_string();
                match text.as_str() {
                    "None" | "True" | "False" => {
                        self.p += 1;
                        let value = match text.as_str() {
                            "None" => Constant::None,
                            "True" => Constant::Bool(true),
                            _ => Constant::Bool(false),
                        };
                        return Ok(self.mkp(PatternKind::MatchSingleton { value }, s));
                    }
                    _ => {}
                }
                if !self.at_name() {
                    return Err(self.invalid());
                }
                if !self.look_op(1, ".") && !self.look_op(1, "(") && !self.look_op(1, "=") {
                    self.p += 1;
                    let name = if text == "_" { None } else { Some(self.identifier(&t)) };
                    return Ok(self.mkp(PatternKind::MatchAs { pattern: None, name }, s));
                }
                let cls = self.name_or_attr()?;
                if self.at_op("(") {
                    return self.class_pattern(cls, s);
                }
                if matches!(cls.kind, ExprKind::Name { .. }) {
                    return Err(self.invalid());
                }
                Ok(self.mkp(PatternKind::MatchValue { value: Box::new(cls) }, s))
            }
            Tok::Number | Tok::String | Tok::Op("-") => {
                let v = self.literal_expr()?;
                Ok(self.mkp(PatternKind::MatchValue { value: Box::new(v) }, s))
            }
            Tok::Op("(") => {
                self.p += 1;
                if self.eat_op(")") {
                    return Ok(self.mkp(PatternKind::MatchSequence { patterns: vec![] }, s));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat_op(")") {
                    if matches!(first.kind, PatternKind::MatchStar { .. }) {
                        return Err(self.invalid());
                    }
                    return Ok(first);
                }
                let mut patterns = vec![first];
                while self.eat_op(",") {
                    if self.at_op(")") {
                        break;
                    }
                    patterns.push(self.maybe_star_pattern()?);
                }
                self.expect_op(")")?;
                Ok(self.mkp(PatternKind::MatchSequence { patterns }, s))
            }
            Tok::Op("[") => {
                self.p += 1;
                let mut patterns = vec![];
                while !self.at_op("]") {
                    patterns.push(self.maybe_star_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.expect_op("]")?;
                Ok(self.mkp(PatternKind::MatchSequence { patterns }, s))
            }
            Tok::Op("{") => self.mapping_pattern(),
            _ => Err(self.invalid()),
        }
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let s = self.p;
        self.p += 1;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at_op("}") {
            if self.eat_op("**") {
                if self.at_kw("_") {
                    return Err(self.error_at_tok("invalid syntax", self.p));
                }
                rest = Some(self.expect_name()?);
                self.eat_op(",");
                break;
            }
            let key = if self.at_name() { self.name_or_attr()? } else { self.literal_expr()? };
            if matches!(key.kind, ExprKind::Name { .. }) {
                return Err(self.invalid());
            }
            self.expect_op(":")?;
            keys.push(Some(key));
            patterns.push(self.pattern()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        let keys = keys.into_iter().map(|k| k.unwrap()).collect::<Vec<_>>();
        Ok(self.mkp(PatternKind::MatchMapping { keys: keys.into_iter().map(Some).collect(), patterns, rest }, s))
    }

    fn class_pattern(&mut self, cls: Expr, s: usize) -> PResult<Pattern> {
        self.expect_op("(")?;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at_op(")") {
            if self.at_name() && self.look_op(1, "=") {
                let name = self.expect_name()?;
                self.p += 1;
                kwd_attrs.push(name);
                kwd_patterns.push(self.pattern()?);
            } else {
                let pp = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(self.error_at_pos("positional patterns follow keyword patterns", pp.pos));
                }
                patterns.push(pp);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok(self.mkp(PatternKind::MatchClass { cls: Box::new(cls), patterns, kwd_attrs, kwd_patterns }, s))
    }
}
