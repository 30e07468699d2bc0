//! The match statement (PEP 634), as compile.c's compiler_pattern_* routines: each pattern
//! consumes the subject on top of the stack and jumps to a "fail_pop" block on failure,
//! with captured names stored only once the whole pattern matched.

use super::*;

#[derive(Clone, Default)]
pub(crate) struct PatternContext {
    pub stores: Vec<String>,
    pub allow_irrefutable: bool,
    pub fail_pop: Vec<BlockId>,
    pub on_top: usize,
}

fn wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchAs { pattern: None, name: None })
}

fn wildcard_star(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar { name: None })
}

impl<'a> Compiler<'a> {
    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        let size = n + 1;
        while pc.fail_pop.len() < size {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: u16) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        let mut size = pc.fail_pop.len();
        loop {
            size -= 1;
            if size == 0 {
                break;
            }
            self.use_next_block(pc.fail_pop[size]);
            self.op(POP_TOP);
        }
        self.use_next_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.op_i(SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store_name(&mut self, n: Option<&str>, pc: &mut PatternContext) -> R {
        let Some(n) = n else {
            self.op(POP_TOP);
            return Ok(());
        };
        if n == "__debug__" {
            return Err(self.error("cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == n) {
            return Err(self.error(format!("multiple assignments to name '{}' in pattern", n)));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.pattern_rotate(rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn pattern_unpack_helper(&mut self, elts: &[Pattern]) -> R {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e.kind, PatternKind::MatchStar { .. }) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in sequence pattern"));
                }
                if i >= 256 {
                    return Err(self.error("too many expressions in star-unpacking sequence pattern"));
                }
                self.op_i(UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.op_i(UNPACK_SEQUENCE, n as u32);
        }
        Ok(())
    }

    fn pattern_subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> R {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> R {
        self.set_loc_pos(&p.pos);
        match &p.kind {
            PatternKind::MatchValue { value } => {
                if !matches!(value.kind, ExprKind::Constant { .. } | ExprKind::Attribute { .. }) {
                    return Err(self.error("patterns may only match literals and attribute lookups"));
                }
                self.visit_expr(value)?;
                self.op_i(COMPARE_OP, 2);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSingleton { value } => {
                self.load_const(const_value(value));
                self.op_i(IS_OP, 0);
                self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
            }
            PatternKind::MatchSequence { patterns } => self.pattern_sequence(patterns, pc)?,
            PatternKind::MatchMapping { keys, patterns, rest } => self.pattern_mapping(keys, patterns, rest.as_deref(), pc)?,
            PatternKind::MatchClass { cls, patterns, kwd_attrs, kwd_patterns } => {
                self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc)?
            }
            PatternKind::MatchStar { name } => self.pattern_store_name(name.as_deref(), pc)?,
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !pc.allow_irrefutable {
                        if let Some(n) = name {
                            return Err(self.error(format!("name capture '{}' makes remaining patterns unreachable", n)));
                        }
                        return Err(self.error("wildcard makes remaining patterns unreachable"));
                    }
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
                Some(q) => {
                    pc.on_top += 1;
                    self.op_i(COPY, 1);
                    self.pattern(q, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(name.as_deref(), pc)?;
                }
            },
            PatternKind::MatchOr { patterns } => self.pattern_or(patterns, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, patterns: &'a [Pattern], pc: &mut PatternContext) -> R {
        let size = patterns.len();
        let mut star: i64 = -1;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, q) in patterns.iter().enumerate() {
            if matches!(q.kind, PatternKind::MatchStar { .. }) {
                if star >= 0 {
                    return Err(self.error("multiple starred names in sequence pattern"));
                }
                star_wildcard = wildcard_star(q);
                only_wildcard &= star_wildcard;
                star = i as i64;
                continue;
            }
            only_wildcard &= wildcard(q);
        }
        pc.on_top += 1;
        self.op(MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if star < 0 {
            self.op(GET_LEN);
            self.load_const(ConstValue::Int((size as i64).into()));
            self.op_i(COMPARE_OP, 2);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        } else if size > 1 {
            self.op(GET_LEN);
            self.load_const(ConstValue::Int((size as i64 - 1).into()));
            self.op_i(COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(POP_TOP);
        } else if star_wildcard {
            pc.on_top += 1;
            for (i, q) in patterns.iter().enumerate() {
                if wildcard(q) || i as i64 == star {
                    continue;
                }
                self.op_i(COPY, 1);
                if (i as i64) < star {
                    self.load_const(ConstValue::Int((i as i64).into()));
                } else {
                    self.op(GET_LEN);
                    self.load_const(ConstValue::Int(((size - i) as i64).into()));
                    self.binop(Operator::Sub, false);
                }
                self.op(BINARY_SUBSCR);
                self.pattern_subpattern(q, pc)?;
            }
            pc.on_top -= 1;
            self.op(POP_TOP);
        } else {
            self.pattern_unpack_helper(patterns)?;
            pc.on_top += size;
            for q in patterns {
                pc.on_top -= 1;
                self.pattern_subpattern(q, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        keys: &'a [Option<Expr>],
        patterns: &'a [Pattern],
        rest: Option<&str>,
        pc: &mut PatternContext,
    ) -> R {
        let size = keys.len();
        if size != patterns.len() {
            return Err(self.error("keys / patterns length mismatch in mapping pattern"));
        }
        pc.on_top += 1;
        self.op(MATCH_MAPPING);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.op(GET_LEN);
            self.load_const(ConstValue::Int((size as i64).into()));
            self.op_i(COMPARE_OP, 5);
            self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<ConstKey> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            let Some(key) = k else {
                self.set_loc_pos(&patterns[i].pos);
                return Err(self.error("can't use NULL keys in MatchMapping (set 'rest' parameter instead)"));
            };
            match &key.kind {
                ExprKind::Constant { value, .. } => {
                    let ck = const_value(value).key();
                    if seen.contains(&ck) {
                        return Err(self.error("mapping pattern checks duplicate key"));
                    }
                    seen.push(ck);
                }
                ExprKind::Attribute { .. } => {}
                _ => return Err(self.error("mapping pattern keys may only match literals and attribute lookups")),
            }
            self.visit_expr(key)?;
        }
        self.op_i(BUILD_TUPLE, size as u32);
        self.op(MATCH_KEYS);
        pc.on_top += 2;
        self.op_i(COPY, 1);
        self.load_const(ConstValue::None);
        self.op_i(IS_OP, 1);
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.op_i(UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for q in patterns {
            pc.on_top -= 1;
            self.pattern_subpattern(q, pc)?;
        }
        pc.on_top -= 2;
        if let Some(star) = rest {
            self.op_i(BUILD_MAP, 0);
            self.op_i(SWAP, 3);
            self.op_i(DICT_UPDATE, 2);
            self.op_i(UNPACK_SEQUENCE, size as u32);
            let mut s = size;
            while s > 0 {
                self.op_i(COPY, 1 + s as u32);
                s -= 1;
                self.op_i(SWAP, 2);
                self.op(DELETE_SUBSCR);
            }
            self.pattern_store_name(Some(star), pc)?;
        } else {
            self.op(POP_TOP);
            self.op(POP_TOP);
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        p: &'a Pattern,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [String],
        kwd_patterns: &'a [Pattern],
        pc: &mut PatternContext,
    ) -> R {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            return Err(self.error("kwd_attrs / kwd_patterns length mismatch in class pattern"));
        }
        if nattrs > 0 {
            for i in 0..nattrs {
                self.set_loc_pos(&kwd_patterns[i].pos);
                if kwd_attrs[i] == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                for j in i + 1..nattrs {
                    if kwd_attrs[i] == kwd_attrs[j] {
                        self.set_loc_pos(&kwd_patterns[j].pos);
                        return Err(self.error(format!("attribute name repeated in class pattern: {}", kwd_attrs[i])));
                    }
                }
            }
            self.set_loc_pos(&p.pos);
        }
        self.visit_expr(cls)?;
        let names = ConstValue::Tuple(kwd_attrs.iter().map(|a| ConstValue::Str(PyStr::from(a.as_str()))).collect());
        self.load_const(names);
        self.op_i(MATCH_CLASS, nargs as u32);
        self.op_i(COPY, 1);
        self.load_const(ConstValue::None);
        self.op_i(IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, POP_JUMP_IF_FALSE);
        self.op_i(UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for i in 0..nargs + nattrs {
            pc.on_top -= 1;
            let q = if i < nargs { &patterns[i] } else { &kwd_patterns[i - nargs] };
            if wildcard(q) {
                self.op(POP_TOP);
                continue;
            }
            self.pattern_subpattern(q, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], pc: &mut PatternContext) -> R {
        let end = self.new_block();
        let size = alts.len();
        let old_pc = pc.clone();
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc_pos(&alt.pos);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old_pc.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.op_i(COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if nstores != ctl.len() => {
                    return Err(self.error("alternative patterns bind different names"));
                }
                Some(ctl) if nstores > 0 => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error("alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(0..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.pattern_rotate(icontrol + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
            self.jump(JUMP, end);
            self.emit_and_reset_fail_pop(pc);
        }
        *pc = old_pc;
        self.op(POP_TOP);
        self.jump_to_fail_pop(pc, JUMP);
        self.use_next_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(format!("multiple assignments to name '{}' in pattern", name)));
            }
            pc.stores.push(name);
        }
        self.op(POP_TOP);
        Ok(())
    }

    pub fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> R {
        self.visit_expr(subject)?;
        let end = self.new_block();
        let n = cases.len();
        let last = &cases[n - 1];
        let has_default = wildcard(&last.pattern) && n > 1;
        let mut pc = PatternContext::default();
        let upto = n - has_default as usize;
        for (i, m) in cases[..upto].iter().enumerate() {
            self.set_loc_pos(&m.pattern.pos);
            if i != upto - 1 {
                self.op_i(COPY, 1);
            }
            pc.stores = Vec::new();
            pc.allow_irrefutable = m.guard.is_some() || i == n - 1;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.pattern(&m.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, ExprContext::Store)?;
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if i != upto - 1 {
                self.op(POP_TOP);
            }
            self.stmts(&m.body)?;
            // (3.11.7) the jump out of a case is artificial
            self.jump_noline(JUMP, end);
            self.set_loc_pos(&m.pattern.pos);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            let m = last;
            self.set_loc_pos(&m.pattern.pos);
            if n == 1 {
                self.op(POP_TOP);
            } else {
                self.op(NOP);
            }
            if let Some(g) = &m.guard {
                self.jump_if(g, end, false)?;
            }
            self.stmts(&m.body)?;
        }
        self.use_next_block(end);
        Ok(())
    }
}
