//! The checks `compile()` makes on an AST it did not parse itself (CPython's Python/ast.c,
//! `_PyAST_Validate`): contexts, non-empty bodies, argument counts, pattern shapes, position
//! ranges. Trees the parser made always pass; hand-built ones get CPython's ValueError or
//! TypeError instead of bytecode that would crash the interpreter.

use crate::ast::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidateErrorKind {
    ValueError,
    TypeError,
    RecursionError,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidateError {
    pub kind: ValidateErrorKind,
    pub msg: String,
}

type VResult = Result<(), ValidateError>;

fn value_error(msg: impl Into<String>) -> ValidateError {
    ValidateError { kind: ValidateErrorKind::ValueError, msg: msg.into() }
}

/// Validates `module`. `recursion_limit` is `sys.getrecursionlimit()`; as CPython, the
/// tree may nest three times as deep.
pub fn validate(module: &Mod, recursion_limit: usize) -> VResult {
    Validator { depth: 0, limit: recursion_limit.saturating_mul(3) }.module(module)
}

/// CPython's compile-time recursion check (ast_opt.c, symtable.c): nested statements,
/// expressions and patterns counted from `start`; true when they go past `limit`.
pub fn too_deep(module: &Mod, start: usize, limit: usize) -> bool {
    let r = Validator { depth: start, limit }.module(module);
    matches!(r, Err(ValidateError { kind: ValidateErrorKind::RecursionError, .. }))
}

impl Validator {
    fn module(&mut self, module: &Mod) -> VResult {
        let v = self;
        match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => v.stmts(body),
        Mod::Expression { body } => v.expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            v.exprs(argtypes, ExprContext::Load)?;
            v.expr(returns, ExprContext::Load)
        }
        }
    }
}

struct Validator {
    depth: usize,
    limit: usize,
}

fn positions(p: &Pos) -> VResult {
    if p.lineno > p.end_lineno {
        return Err(value_error(format!("AST node line range ({}, {}) is not valid", p.lineno, p.end_lineno)));
    }
    if (p.lineno < 0 && p.end_lineno != p.lineno) || (p.col_offset < 0 && p.col_offset != p.end_col_offset) {
        return Err(value_error(format!(
            "AST node column range ({}, {}) for line range ({}, {}) is not valid",
            p.col_offset, p.end_col_offset, p.lineno, p.end_lineno
        )));
    }
    if p.lineno == p.end_lineno && p.col_offset > p.end_col_offset {
        return Err(value_error(format!("line {}, column {}-{} is not a valid range", p.lineno, p.col_offset, p.end_col_offset)));
    }
    Ok(())
}

fn name(id: &str) -> VResult {
    for forbidden in ["None", "True", "False"] {
        if id == forbidden {
            return Err(value_error(format!("identifier field can't represent '{forbidden}' constant")));
        }
    }
    Ok(())
}

fn capture(id: &str) -> VResult {
    if id == "_" {
        return Err(value_error("can't capture name '_' in patterns"));
    }
    name(id)
}

fn nonempty<T>(seq: &[T], what: &str, owner: &str) -> VResult {
    if seq.is_empty() {
        return Err(value_error(format!("empty {what} on {owner}")));
    }
    Ok(())
}

impl Validator {
    fn enter(&mut self) -> VResult {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(ValidateError { kind: ValidateErrorKind::RecursionError, msg: "maximum recursion depth exceeded during compilation".into() });
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> VResult {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn body(&mut self, body: &[Stmt], owner: &str) -> VResult {
        nonempty(body, "body", owner)?;
        self.stmts(body)
    }

    fn exprs(&mut self, exprs: &[Expr], ctx: ExprContext) -> VResult {
        exprs.iter().try_for_each(|e| self.expr(e, ctx))
    }

    fn opt_exprs(&mut self, exprs: &[Option<Expr>], ctx: ExprContext) -> VResult {
        exprs.iter().flatten().try_for_each(|e| self.expr(e, ctx))
    }

    fn opt(&mut self, e: &Option<Box<Expr>>) -> VResult {
        match e {
            Some(e) => self.expr(e, ExprContext::Load),
            None => Ok(()),
        }
    }

    fn args(&mut self, args: &[Arg]) -> VResult {
        for a in args {
            positions(&a.pos)?;
            self.opt(&a.annotation)?;
        }
        Ok(())
    }

    fn arguments(&mut self, a: &Arguments) -> VResult {
        self.args(&a.posonlyargs)?;
        self.args(&a.args)?;
        if let Some(v) = &a.vararg {
            self.opt(&v.annotation)?;
        }
        self.args(&a.kwonlyargs)?;
        if let Some(k) = &a.kwarg {
            self.opt(&k.annotation)?;
        }
        if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
            return Err(value_error("more positional defaults than args on arguments"));
        }
        if a.kw_defaults.len() != a.kwonlyargs.len() {
            return Err(value_error("length of kwonlyargs is not the same as kw_defaults on arguments"));
        }
        self.exprs(&a.defaults, ExprContext::Load)?;
        self.opt_exprs(&a.kw_defaults, ExprContext::Load)
    }

    fn comprehension(&mut self, gens: &[Comprehension]) -> VResult {
        if gens.is_empty() {
            return Err(value_error("comprehension with no generators"));
        }
        for g in gens {
            self.expr(&g.target, ExprContext::Store)?;
            self.expr(&g.iter, ExprContext::Load)?;
            self.exprs(&g.ifs, ExprContext::Load)?;
        }
        Ok(())
    }

    fn keywords(&mut self, kws: &[Keyword]) -> VResult {
        kws.iter().try_for_each(|k| self.expr(&k.value, ExprContext::Load))
    }

    fn expr(&mut self, e: &Expr, ctx: ExprContext) -> VResult {
        positions(&e.pos)?;
        self.enter()?;
        use ExprKind as K;
        let actual = match &e.kind {
            K::Attribute { ctx, .. } | K::Subscript { ctx, .. } | K::Starred { ctx, .. } | K::List { ctx, .. } | K::Tuple { ctx, .. } => Some(*ctx),
            K::Name { id, ctx } => {
                name(id)?;
                Some(*ctx)
            }
            _ => None,
        };
        match actual {
            Some(actual) if actual != ctx => {
                return Err(value_error(format!("expression must have {} context but has {} instead", ctx.name(), actual.name())));
            }
            None if ctx != ExprContext::Load => {
                return Err(value_error(format!("expression which can't be assigned to in {} context", ctx.name())));
            }
            _ => {}
        }
        let load = ExprContext::Load;
        match &e.kind {
            K::BoolOp { values, .. } => {
                if values.len() < 2 {
                    return Err(value_error("BoolOp with less than 2 values"));
                }
                self.exprs(values, load)?;
            }
            K::BinOp { left, right, .. } => {
                self.expr(left, load)?;
                self.expr(right, load)?;
            }
            K::UnaryOp { operand, .. } => self.expr(operand, load)?,
            K::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body, load)?;
            }
            K::IfExp { test, body, orelse } => {
                self.expr(test, load)?;
                self.expr(body, load)?;
                self.expr(orelse, load)?;
            }
            K::Dict { keys, values } => {
                if keys.len() != values.len() {
                    return Err(value_error("Dict doesn't have the same number of keys as values"));
                }
                self.opt_exprs(keys, load)?;
                self.exprs(values, load)?;
            }
            K::Set { elts } => self.exprs(elts, load)?,
            K::ListComp { elt, generators } | K::SetComp { elt, generators } | K::GeneratorExp { elt, generators } => {
                self.comprehension(generators)?;
                self.expr(elt, load)?;
            }
            K::DictComp { key, value, generators } => {
                self.comprehension(generators)?;
                self.expr(key, load)?;
                self.expr(value, load)?;
            }
            K::Yield { value } => self.opt(value)?,
            K::YieldFrom { value } | K::Await { value } => self.expr(value, load)?,
            K::Compare { left, ops, comparators } => {
                if comparators.is_empty() {
                    return Err(value_error("Compare with no comparators"));
                }
                if comparators.len() != ops.len() {
                    return Err(value_error("Compare has a different number of comparators and operands"));
                }
                self.exprs(comparators, load)?;
                self.expr(left, load)?;
            }
            K::Call { func, args, keywords } => {
                self.expr(func, load)?;
                self.exprs(args, load)?;
                self.keywords(keywords)?;
            }
            K::Constant { .. } | K::Name { .. } => {}
            K::JoinedStr { values } => self.exprs(values, load)?,
            K::FormattedValue { value, format_spec, .. } => {
                self.expr(value, load)?;
                self.opt(format_spec)?;
            }
            K::Attribute { value, .. } => self.expr(value, load)?,
            K::Subscript { value, slice, .. } => {
                self.expr(slice, load)?;
                self.expr(value, load)?;
            }
            K::Starred { value, .. } => self.expr(value, ctx)?,
            K::Slice { lower, upper, step } => {
                self.opt(lower)?;
                self.opt(upper)?;
                self.opt(step)?;
            }
            K::List { elts, .. } | K::Tuple { elts, .. } => self.exprs(elts, ctx)?,
            K::NamedExpr { value, .. } => self.expr(value, load)?,
        }
        self.depth -= 1;
        Ok(())
    }

    fn match_value(&mut self, e: &Expr) -> VResult {
        self.expr(e, ExprContext::Load)?;
        let is_number = |e: &Expr, real: bool, imag: bool| match &e.kind {
            ExprKind::Constant { value, .. } => match value {
                Constant::Int(_) | Constant::Float(_) => real,
                Constant::Complex { .. } => imag,
                _ => false,
            },
            _ => false,
        };
        let negative = |e: &Expr, real: bool, imag: bool| match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::USub, operand } => is_number(operand, real, imag),
            _ => false,
        };
        let ok = match &e.kind {
            ExprKind::Constant { value, .. } => {
                if matches!(value, Constant::Int(_) | Constant::Float(_) | Constant::Bytes(_) | Constant::Complex { .. } | Constant::Str(_)) {
                    return Ok(());
                }
                return Err(value_error("unexpected constant inside of a literal pattern"));
            }
            ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => true,
            ExprKind::UnaryOp { .. } => negative(e, true, true),
            ExprKind::BinOp { left, op: Operator::Add | Operator::Sub, right } => {
                (is_number(left, true, false) || negative(left, true, false)) && is_number(right, false, true)
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(value_error("patterns may only match literals and attribute lookups"))
        }
    }

    fn patterns(&mut self, ps: &[Pattern], star_ok: bool) -> VResult {
        ps.iter().try_for_each(|p| self.pattern(p, star_ok))
    }

    fn pattern(&mut self, p: &Pattern, star_ok: bool) -> VResult {
        positions(&p.pos)?;
        self.enter()?;
        use PatternKind as P;
        match &p.kind {
            P::MatchValue { value } => self.match_value(value)?,
            P::MatchSingleton { value } => {
                if !matches!(value, Constant::None | Constant::Bool(_)) {
                    return Err(value_error("MatchSingleton can only contain True, False and None"));
                }
            }
            P::MatchSequence { patterns } => self.patterns(patterns, true)?,
            P::MatchMapping { keys, patterns, rest } => {
                if keys.len() != patterns.len() {
                    return Err(value_error("MatchMapping doesn't have the same number of keys as patterns"));
                }
                if let Some(r) = rest {
                    capture(r)?;
                }
                for key in keys {
                    let Some(key) = key else { return Err(value_error("None disallowed in expression list")) };
                    if let ExprKind::Constant { value: Constant::None | Constant::Bool(_), .. } = &key.kind {
                        continue;
                    }
                    self.match_value(key)?;
                }
                self.patterns(patterns, false)?;
            }
            P::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                if kwd_attrs.len() != kwd_patterns.len() {
                    return Err(value_error("MatchClass doesn't have the same number of keyword attributes as patterns"));
                }
                self.expr(cls, ExprContext::Load)?;
                let mut c: &Expr = cls;
                loop {
                    match &c.kind {
                        ExprKind::Name { .. } => break,
                        ExprKind::Attribute { value, .. } => c = value,
                        _ => return Err(value_error("MatchClass cls field can only contain Name or Attribute nodes.")),
                    }
                }
                kwd_attrs.iter().try_for_each(|a| name(a))?;
                self.patterns(patterns, false)?;
                self.patterns(kwd_patterns, false)?;
            }
            P::MatchStar { name: n } => {
                if !star_ok {
                    return Err(value_error("can't use MatchStar here"));
                }
                if let Some(n) = n {
                    capture(n)?;
                }
            }
            P::MatchAs { pattern, name: n } => {
                if let Some(n) = n {
                    capture(n)?;
                }
                match (pattern, n) {
                    (None, _) => {}
                    (Some(_), None) => return Err(value_error("MatchAs must specify a target name if a pattern is given")),
                    (Some(p), Some(_)) => self.pattern(p, false)?,
                }
            }
            P::MatchOr { patterns } => {
                if patterns.len() < 2 {
                    return Err(value_error("MatchOr requires at least 2 patterns"));
                }
                self.patterns(patterns, false)?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn with_items(&mut self, items: &[WithItem], owner: &str) -> VResult {
        nonempty(items, "items", owner)?;
        for item in items {
            self.expr(&item.context_expr, ExprContext::Load)?;
            if let Some(v) = &item.optional_vars {
                self.expr(v, ExprContext::Store)?;
            }
        }
        Ok(())
    }

    fn handlers(&mut self, body: &[Stmt], handlers: &[ExceptHandler], orelse: &[Stmt], finalbody: &[Stmt], owner: &str) -> VResult {
        self.body(body, owner)?;
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(value_error(format!("{owner} has neither except handlers nor finalbody")));
        }
        if handlers.is_empty() && !orelse.is_empty() {
            return Err(value_error(format!("{owner} has orelse but no except handlers")));
        }
        for h in handlers {
            if owner == "Try" {
                positions(&h.pos)?;
            }
            self.opt(&h.type_)?;
            self.body(&h.body, "ExceptHandler")?;
        }
        self.stmts(finalbody)?;
        self.stmts(orelse)
    }

    fn stmt(&mut self, s: &Stmt) -> VResult {
        positions(&s.pos)?;
        self.enter()?;
        let load = ExprContext::Load;
        use StmtKind as S;
        match &s.kind {
            S::FunctionDef { args, body, decorator_list, returns, .. } | S::AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
                self.body(body, if matches!(s.kind, S::FunctionDef { .. }) { "FunctionDef" } else { "AsyncFunctionDef" })?;
                self.arguments(args)?;
                self.exprs(decorator_list, load)?;
                self.opt(returns)?;
            }
            S::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.body(body, "ClassDef")?;
                self.exprs(bases, load)?;
                self.keywords(keywords)?;
                self.exprs(decorator_list, load)?;
            }
            S::Return { value } => self.opt(value)?,
            S::Delete { targets } => {
                nonempty(targets, "targets", "Delete")?;
                self.exprs(targets, ExprContext::Del)?;
            }
            S::Assign { targets, value, .. } => {
                nonempty(targets, "targets", "Assign")?;
                self.exprs(targets, ExprContext::Store)?;
                self.expr(value, load)?;
            }
            S::AugAssign { target, value, .. } => {
                self.expr(target, ExprContext::Store)?;
                self.expr(value, load)?;
            }
            S::AnnAssign { target, annotation, value, simple } => {
                if *simple != 0 && !matches!(target.kind, ExprKind::Name { .. }) {
                    return Err(ValidateError { kind: ValidateErrorKind::TypeError, msg: "AnnAssign with simple non-Name target".into() });
                }
                self.expr(target, ExprContext::Store)?;
                self.opt(value)?;
                self.expr(annotation, load)?;
            }
            S::For { target, iter, body, orelse, .. } | S::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target, ExprContext::Store)?;
                self.expr(iter, load)?;
                self.body(body, if matches!(s.kind, S::For { .. }) { "For" } else { "AsyncFor" })?;
                self.stmts(orelse)?;
            }
            S::While { test, body, orelse } | S::If { test, body, orelse } => {
                self.expr(test, load)?;
                self.body(body, if matches!(s.kind, S::While { .. }) { "While" } else { "If" })?;
                self.stmts(orelse)?;
            }
            S::With { items, body, .. } => {
                self.with_items(items, "With")?;
                self.body(body, "With")?;
            }
            S::AsyncWith { items, body, .. } => {
                self.with_items(items, "AsyncWith")?;
                self.body(body, "AsyncWith")?;
            }
            S::Match { subject, cases } => {
                self.expr(subject, load)?;
                nonempty(cases, "cases", "Match")?;
                for case in cases {
                    self.pattern(&case.pattern, false)?;
                    self.opt(&case.guard)?;
                    self.body(&case.body, "match_case")?;
                }
            }
            S::Raise { exc, cause } => match (exc, cause) {
                (Some(e), c) => {
                    self.expr(e, load)?;
                    self.opt(c)?;
                }
                (None, Some(_)) => return Err(value_error("Raise with cause but no exception")),
                (None, None) => {}
            },
            S::Try { body, handlers, orelse, finalbody } => self.handlers(body, handlers, orelse, finalbody, "Try")?,
            S::TryStar { body, handlers, orelse, finalbody } => self.handlers(body, handlers, orelse, finalbody, "TryStar")?,
            S::Assert { test, msg } => {
                self.expr(test, load)?;
                self.opt(msg)?;
            }
            S::Import { names } => nonempty(names, "names", "Import")?,
            S::ImportFrom { names, level, .. } => {
                if level.is_some_and(|l| l < 0) {
                    return Err(value_error("Negative ImportFrom level"));
                }
                nonempty(names, "names", "ImportFrom")?;
            }
            S::Global { names } => nonempty(names, "names", "Global")?,
            S::Nonlocal { names } => nonempty(names, "names", "Nonlocal")?,
            S::Expr { value } => self.expr(value, load)?,
            S::Pass | S::Break | S::Continue => {}
        }
        self.depth -= 1;
        Ok(())
    }
}
