//! Assignment and deletion targets: turning a parsed expression into a Store/Del target,
//! with CPython's "cannot assign to ..." messages.

use super::{PResult, Parser};
use crate::ast::{Constant, Expr, ExprContext, ExprKind};

/// The description CPython's `_PyPegen_get_expr_name` gives an expression.
pub(crate) fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

impl Parser {
    /// Finds the first sub-expression that cannot be a target (CPython's
    /// `_PyPegen_get_invalid_target`).
    pub(crate) fn invalid_target<'e>(e: &'e Expr, del: bool) -> Option<&'e Expr> {
        match &e.kind {
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
                elts.iter().find_map(|x| Self::invalid_target(x, del))
            }
            ExprKind::Starred { value, .. } => {
                if del {
                    Some(e)
                } else {
                    Self::invalid_target(value, del)
                }
            }
            ExprKind::Compare { left, .. } => {
                // `a in b` used as a for target reports the left side
                if !del {
                    if let Some(t) = Self::invalid_target(left, del) {
                        return Some(t);
                    }
                }
                Some(e)
            }
            ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
            _ => Some(e),
        }
    }

    pub(crate) fn target_error(&self, e: &Expr, verb: &str) -> crate::error::CompileError {
        let bad = Self::invalid_target(e, verb == "delete").unwrap_or(e);
        let what = describe(bad);
        let msg = match &bad.kind {
            ExprKind::Starred { .. } if verb == "delete" => "cannot delete starred".to_string(),
            _ => format!("cannot {} {}", verb, what),
        };
        self.error_at_pos(msg, bad.pos)
    }

    /// `x = ...` where x is a single non-target expression at the `bitwise_or` level:
    /// CPython's invalid_named_expression message.
    pub(crate) fn assign_here_error(&self, e: &Expr) -> Option<crate::error::CompileError> {
        if !here_kind(e) {
            return None;
        }
        Some(self.error_at_pos(
            format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", describe(e)),
            e.pos,
        ))
    }

    /// pegen's invalid_named_expression when an assignment statement `first = ...` fails
    /// (`s` its first token, `eq` the '=' after it): `NAME '=' bitwise_or !('='|':=')`, and
    /// `!(list|tuple|genexp|'True'|'None'|'False') bitwise_or '=' bitwise_or !('='|':=')`.
    pub(crate) fn assign_eq_error(&mut self, s: usize, eq: usize, first: &Expr) -> PResult<Option<crate::error::CompileError>> {
        let name = matches!(first.kind, ExprKind::Name { .. }) && eq == s + 1;
        if !name && !self.here_able(s, eq, first) {
            return Ok(None);
        }
        let Some(b) = self.bitwise_or_not_assign(eq + 1)? else { return Ok(None) };
        if name {
            let pos = Parser::span(&first.pos, &b);
            return Ok(Some(self.error_at_pos("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", pos)));
        }
        let msg = format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", describe(first));
        Ok(Some(self.error_at_pos(msg, first.pos)))
    }

    /// Whether tokens `s..eq` are a `bitwise_or` that the lookahead above lets through.
    fn here_able(&mut self, s: usize, eq: usize, first: &Expr) -> bool {
        let t = self.toks[s];
        if t.kind == crate::tokenizer::Tok::Name && matches!(self.text_of(&t), "None" | "True" | "False") {
            return false;
        }
        if self.look_op_at(s, "(") || self.look_op_at(s, "[") {
            let (save, seen) = (self.p, self.max_seen());
            self.p = s;
            let a = self.atom();
            self.p = save;
            self.max_p.set(seen);
            if let Ok(a) = a {
                let outer = a.pos.lineno == t.lineno && a.pos.col_offset == t.col;
                if outer && matches!(a.kind, ExprKind::List { .. } | ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. }) {
                    return false;
                }
            }
        }
        // a parenthesized group is an atom whatever is inside
        if self.look_op_at(s, "(") && self.look_op_at(eq - 1, ")") {
            let mut depth = 0;
            let mut closes_at_end = true;
            for i in s..eq {
                match self.toks[i].kind {
                    crate::tokenizer::Tok::Op("(" | "[" | "{") => depth += 1,
                    crate::tokenizer::Tok::Op(")" | "]" | "}") => {
                        depth -= 1;
                        if depth == 0 && i != eq - 1 {
                            closes_at_end = false;
                        }
                    }
                    _ => {}
                }
            }
            if closes_at_end {
                return !matches!(first.kind, ExprKind::Starred { .. });
            }
        }
        here_kind(first)
    }

    /// pegen's `bitwise_or !('='|':=')` at token `at`: the position of the bitwise_or when
    /// it is not followed by '=' or ':='; errors other than the generic one propagate.
    pub(crate) fn bitwise_or_not_assign(&mut self, at: usize) -> PResult<Option<crate::ast::Pos>> {
        let (save, seen) = (self.p, self.max_seen());
        self.p = at;
        let out = match self.bitwise_or() {
            Ok(b) => (!self.at_op("=") && !self.at_op(":=")).then_some(b.pos),
            Err(e) if e.msg != "invalid syntax" => {
                self.p = save;
                return Err(e);
            }
            Err(_) => {
                // PEG keeps the longest prefix that parses, which ends before an operator:
                // there is one when an atom follows the unary operators
                self.p = at;
                while matches!(self.tok().kind, crate::tokenizer::Tok::Op("+" | "-" | "~")) || self.at_kw("await") {
                    self.p += 1;
                }
                let s = self.p;
                self.atom().ok().map(|a| Parser::span(&self.tok_pos(s), &a.pos))
            }
        };
        self.p = save;
        self.max_p.set(seen);
        Ok(out)
    }

    /// Converts an expression to an assignment target (Store context).
    pub(crate) fn to_store(&self, e: Expr) -> PResult<Expr> {
        if Self::invalid_target(&e, false).is_some() {
            return Err(self.target_error(&e, "assign to"));
        }
        Ok(set_ctx(e, ExprContext::Store))
    }

    pub(crate) fn to_del(&self, e: Expr) -> PResult<Expr> {
        if Self::invalid_target(&e, true).is_some() {
            return Err(self.target_error(&e, "delete"));
        }
        Ok(set_ctx(e, ExprContext::Del))
    }
}

pub(crate) fn set_ctx(mut e: Expr, ctx: ExprContext) -> Expr {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. } | ExprKind::Attribute { ctx: c, .. } | ExprKind::Subscript { ctx: c, .. } => {
            *c = ctx
        }
        ExprKind::Starred { ctx: c, value } => {
            *c = ctx;
            let v = std::mem::replace(value.as_mut(), placeholder());
            **value = set_ctx(v, ctx);
        }
        ExprKind::List { ctx: c, elts } | ExprKind::Tuple { ctx: c, elts } => {
            *c = ctx;
            let v = std::mem::take(elts);
            *elts = v.into_iter().map(|x| set_ctx(x, ctx)).collect();
        }
        _ => {}
    }
    e
}

fn placeholder() -> Expr {
    Expr { kind: ExprKind::Constant { value: Constant::None, kind: None }, pos: Default::default() }
}

/// Expressions at pegen's `bitwise_or` level that may stand before an '=' in
/// invalid_named_expression (a bare name has its own message).
fn here_kind(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } => false,
        ExprKind::Constant { .. } | ExprKind::Call { .. } | ExprKind::BinOp { .. } | ExprKind::JoinedStr { .. }
        | ExprKind::Dict { .. } | ExprKind::Set { .. } | ExprKind::ListComp { .. } | ExprKind::SetComp { .. }
        | ExprKind::DictComp { .. } | ExprKind::Await { .. } | ExprKind::Attribute { .. }
        | ExprKind::Subscript { .. } => true,
        ExprKind::UnaryOp { op, .. } => *op != crate::ast::UnaryOp::Not,
        _ => false,
    }
}
