//! Function and lambda parameters (`parameters`, `lambda_parameters`).

use super::{PResult, Parser};
use crate::ast::{Arg, Arguments};
use crate::tokenizer::Tok;

impl Parser {
    fn param(&mut self, annotated: bool, star: bool) -> PResult<Arg> {
        let s = self.p;
        if !self.at_name() {
            return Err(self.invalid());
        }
        let t = *self.tok();
        self.p += 1;
        let arg = self.identifier(&t);
        let mut annotation = None;
        if annotated && self.eat_op(":") {
            annotation = Some(Box::new(if star { self.star_expression()? } else { self.expression()? }));
        }
        let pos = self.pos_from(s);
        Ok(Arg { arg, annotation, type_comment: None, pos })
    }

    /// A def parameter's type comment: `param ',' TYPE_COMMENT` or `param TYPE_COMMENT &')'`;
    /// the ',' is eaten (the return says whether there was one).
    fn param_comma(&mut self, arg: Option<&mut Arg>, close: &str) -> bool {
        let Some(arg) = arg else { return self.eat_op(",") };
        if self.tok().kind == Tok::TypeComment && self.look_op(1, close) {
            arg.type_comment = Some(self.type_comment_text(self.p));
            self.p += 1;
            return false;
        }
        if !self.eat_op(",") {
            return false;
        }
        if self.tok().kind == Tok::TypeComment {
            arg.type_comment = Some(self.type_comment_text(self.p));
            self.p += 1;
        }
        true
    }

    /// Parameters up to `)` (def, `annotated`) or `:` (lambda).
    pub(crate) fn parameters(&mut self, annotated: bool) -> PResult<Arguments> {
        let mut a = super::expr::empty_arguments();
        let close = if annotated { ")" } else { ":" };
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        let mut args: Vec<Arg> = Vec::new();
        loop {
            if self.at_op(close) {
                break;
            }
            let s = self.p;
            // which list the parameter read in this round went to, for its type comment
            let mut last: Option<u8> = None;
            if self.at_op("/") {
                if seen_slash {
                    return Err(self.error_at_tok("/ may appear only once", self.p));
                }
                if seen_star {
                    return Err(self.error_at_tok("/ must be ahead of *", self.p));
                }
                if args.is_empty() {
                    // 3.11 says so only for "/," (its invalid_parameters rule).
                    let msg = if self.look_op(1, ",") { "at least one argument must precede /" } else { "invalid syntax" };
                    return Err(self.error_at_tok(msg, self.p));
                }
                self.p += 1;
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut args);
                if self.at_op("*") {
                    return Err(self.error_at_tok("expected comma between / and *", self.p));
                }
            } else if self.at_op("**") {
                self.p += 1;
                let arg = self.param(annotated, false)?;
                if self.at_op("=") {
                    return Err(self.error_at_tok("var-keyword argument cannot have default value", self.p));
                }
                a.kwarg = Some(Box::new(arg));
                let kw = if annotated { a.kwarg.as_deref_mut() } else { None };
                if self.param_comma(kw, close) && !self.at_op(close) {
                    if self.at_name() || self.at_op("*") || self.at_op("**") || self.at_op("/") {
                        return Err(self.error_at_tok("arguments cannot follow var-keyword argument", self.p));
                    }
                    return Err(self.invalid());
                }
                break;
            } else if self.at_op("*") {
                if seen_star {
                    return Err(self.error_at_tok("* argument may appear only once", self.p));
                }
                self.p += 1;
                seen_star = true;
                if self.at_op(",") || self.at_op(close) {
                    // bare '*': keyword-only arguments must follow
                    // `*, /` is reported at the '/' ("/ must be ahead of *").
                    let next_ok = self.at_op(",") && (self.look_name(1) || self.look_op(1, "/"));
                    if !next_ok {
                        // def: at the '*'; lambda: at the last token read
                        let at = if annotated { s } else if self.at_op(",") { self.p + 1 } else { self.p };
                        return Err(self.error_at_tok("named arguments must follow bare *", at));
                    }
                } else {
                    let arg = self.param(annotated, true)?;
                    if self.at_op("=") {
                        return Err(self.error_at_tok("var-positional argument cannot have default value", self.p));
                    }
                    a.vararg = Some(Box::new(arg));
                    last = Some(b'v');
                }
            } else if self.at_name() {
                let arg = self.param(annotated, false)?;
                if self.at_op("=") && (self.look_op(1, ",") || self.look_op(1, close)) {
                    return Err(self.error_at_tok("expected default value expression", self.p));
                }
                let default = if self.eat_op("=") { Some(self.expression()?) } else { None };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                    last = Some(b'k');
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            a.defaults.push(d);
                        }
                        None => {
                            if seen_default && (self.at_op(",") || self.at_op(close)) {
                                return Err(self.error_at_pos("non-default argument follows default argument", arg.pos));
                            }
                        }
                    }
                    args.push(arg);
                    last = Some(b'a');
                }
            } else {
                if self.at_op("(") {
                    // '(' NAME (',' NAME)* [','] ')'
                    let open = self.p;
                    let mut k = open + 1;
                    let mut ok = false;
                    while self.toks.get(k).map_or(false, |t| t.kind == Tok::Name && !super::is_keyword(self.text_of(t))) {
                        k += 1;
                        if matches!(self.toks.get(k).map(|t| t.kind), Some(Tok::Op(","))) {
                            k += 1;
                        }
                        if matches!(self.toks.get(k).map(|t| t.kind), Some(Tok::Op(")"))) {
                            ok = true;
                            break;
                        }
                    }
                    if ok {
                        let msg = if annotated {
                            "Function parameters cannot be parenthesized"
                        } else {
                            "Lambda expression parameters cannot be parenthesized"
                        };
                        return Err(self.error_at_pos(msg, Parser::span(&self.tok_pos(open), &self.tok_pos(k))));
                    }
                }
                return Err(self.invalid());
            }
            let arg = match last {
                _ if !annotated => None,
                Some(b'v') => a.vararg.as_deref_mut(),
                Some(b'k') => a.kwonlyargs.last_mut(),
                Some(_) => args.last_mut(),
                None => None,
            };
            if !self.param_comma(arg, close) {
                break;
            }
        }
        if !self.at_op(close) {
            if matches!(self.tok().kind, Tok::Op("=")) {
                return Err(self.invalid());
            }
            return Err(self.invalid());
        }
        a.args = args;
        Ok(a)
    }
}
