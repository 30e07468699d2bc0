//! Expressions: operators, calls, displays, comprehensions, lambdas, f-strings.

use super::*;

fn is_const(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Constant { .. })
}

fn const_of(e: &Expr) -> ConstValue {
    match &e.kind {
        ExprKind::Constant { value, .. } => const_value(value),
        _ => unreachable!(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    GenExp,
    ListComp,
    SetComp,
    DictComp,
}

impl<'a> Compiler<'a> {
    pub fn visit_expr(&mut self, e: &'a Expr) -> R {
        let old = self.ur().loc;
        self.set_loc_pos(&e.pos);
        let r = self.expr1(e);
        self.u().loc = old;
        r
    }

    pub fn binop(&mut self, op: Operator, inplace: bool) {
        let base = match op {
            Operator::Add => 0,
            Operator::BitAnd => 1,
            Operator::FloorDiv => 2,
            Operator::LShift => 3,
            Operator::MatMult => 4,
            Operator::Mult => 5,
            Operator::Mod => 6,
            Operator::BitOr => 7,
            Operator::Pow => 8,
            Operator::RShift => 9,
            Operator::Sub => 10,
            Operator::Div => 11,
            Operator::BitXor => 12,
        };
        self.op_i(BINARY_OP, if inplace { base + 13 } else { base });
    }

    fn compare_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.op_i(COMPARE_OP, 2),
            CmpOp::NotEq => self.op_i(COMPARE_OP, 3),
            CmpOp::Lt => self.op_i(COMPARE_OP, 0),
            CmpOp::LtE => self.op_i(COMPARE_OP, 1),
            CmpOp::Gt => self.op_i(COMPARE_OP, 4),
            CmpOp::GtE => self.op_i(COMPARE_OP, 5),
            CmpOp::Is => self.op_i(IS_OP, 0),
            CmpOp::IsNot => self.op_i(IS_OP, 1),
            CmpOp::In => self.op_i(CONTAINS_OP, 0),
            CmpOp::NotIn => self.op_i(CONTAINS_OP, 1),
        }
    }

    fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) {
        fn is_arg(e: &Expr) -> bool {
            match &e.kind {
                ExprKind::Constant { value, .. } => {
                    matches!(value, Constant::None | Constant::Bool(_) | Constant::Ellipsis)
                }
                _ => true,
            }
        }
        let mut l = is_arg(left);
        for (op, c) in ops.iter().zip(comparators) {
            let r = is_arg(c);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!r || !l) {
                let msg = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.warn(msg);
                return;
            }
            l = r;
        }
    }

    pub fn jump_if(&mut self, e: &'a Expr, next: BlockId, cond: bool) -> R {
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => return self.jump_if(operand, next, !cond),
            ExprKind::BoolOp { op, values } => {
                let n = values.len() - 1;
                let cond2 = *op == BoolOp::Or;
                let next2 = if cond2 != cond { self.new_block() } else { next };
                for v in &values[..n] {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(&values[n], next, cond)?;
                if next2 != next {
                    self.use_next_block(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(test, next2, false)?;
                self.jump_if(body, next, cond)?;
                self.jump_noline(JUMP, end);
                self.use_next_block(next2);
                self.jump_if(orelse, next, cond)?;
                self.use_next_block(end);
                return Ok(());
            }
            ExprKind::Compare { .. } => self.set_loc_pos(&e.pos),
            _ => {}
        }
        match &e.kind {
            ExprKind::Compare { left, ops, comparators } if ops.len() > 1 => {
                self.check_compare(left, ops, comparators);
                let n = ops.len() - 1;
                let cleanup = self.new_block();
                self.visit_expr(left)?;
                for i in 0..n {
                    self.visit_expr(&comparators[i])?;
                    self.op_i(SWAP, 2);
                    self.op_i(COPY, 2);
                    self.compare_op(ops[i]);
                    self.jump(POP_JUMP_IF_FALSE, cleanup);
                }
                self.visit_expr(&comparators[n])?;
                self.compare_op(ops[n]);
                self.jump(if cond { POP_JUMP_IF_TRUE } else { POP_JUMP_IF_FALSE }, next);
                let end = self.new_block();
                self.jump_noline(JUMP, end);
                self.use_next_block(cleanup);
                self.op(POP_TOP);
                if !cond {
                    self.jump_noline(JUMP, next);
                }
                self.use_next_block(end);
                return Ok(());
            }
            _ => {}
        }
        self.visit_expr(e)?;
        self.jump(if cond { POP_JUMP_IF_TRUE } else { POP_JUMP_IF_FALSE }, next);
        Ok(())
    }

    pub fn update_start_location_to_match_attr(&mut self, attr: &Expr) {
        let ExprKind::Attribute { attr: name, .. } = &attr.kind else { return };
        let u = self.u();
        if u.loc.lineno != attr.pos.end_lineno {
            u.loc.lineno = attr.pos.end_lineno;
            let len = name.chars().count() as i32;
            if len <= attr.pos.end_col_offset {
                u.loc.col = attr.pos.end_col_offset - len;
            } else {
                u.loc.col = -1;
                u.loc.end_col = -1;
            }
            u.loc.end_lineno = u.loc.lineno.max(u.loc.end_lineno);
            if u.loc.lineno == u.loc.end_lineno {
                u.loc.end_col = u.loc.col.max(u.loc.end_col);
            }
        }
    }

    fn is_import_originated(&self, e: &Expr) -> bool {
        if let ExprKind::Name { id, .. } = &e.kind {
            return self.st.entries[0].flags(id) & symtable::DEF_IMPORT != 0;
        }
        false
    }

    fn starunpack_helper(&mut self, elts: &'a [Expr], pushed: u32, build: u8, add: u8, extend: u8, tuple: bool) -> R {
        let n = elts.len();
        if n > 2 && elts.iter().all(is_const) {
            let vals: Vec<ConstValue> = elts.iter().map(const_of).collect();
            if tuple && pushed == 0 {
                self.load_const(ConstValue::Tuple(vals));
            } else {
                let folded = if add == SET_ADD { ConstValue::FrozenSet(vals) } else { ConstValue::Tuple(vals) };
                self.op_i(build, pushed);
                self.load_const(folded);
                self.op_i(extend, 1);
                if tuple {
                    self.op(LIST_TO_TUPLE);
                }
            }
            return Ok(());
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for e in elts {
                self.visit_expr(e)?;
            }
            if tuple {
                self.op_i(BUILD_TUPLE, n as u32 + pushed);
            } else {
                self.op_i(build, n as u32 + pushed);
            }
            return Ok(());
        }
        let mut built = false;
        if big {
            self.op_i(build, pushed);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &e.kind {
                if !built {
                    self.op_i(build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.op_i(extend, 1);
            } else {
                self.visit_expr(e)?;
                if built {
                    self.op_i(add, 1);
                }
            }
        }
        if tuple {
            self.op(LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn assignment_helper(&mut self, elts: &'a [Expr]) -> R {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(self.error("multiple starred expressions in assignment"));
                }
                if i >= 256 || n - i - 1 >= (i32::MAX >> 8) as usize {
                    return Err(self.error("too many expressions in star-unpacking assignment"));
                }
                self.op_i(UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.op_i(UNPACK_SEQUENCE, n as u32);
        }
        for e in elts {
            match &e.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(e)?,
            }
        }
        Ok(())
    }

    fn subdict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr], begin: usize, end: usize) -> R {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big && keys[begin..end].iter().all(|k| k.as_ref().map_or(false, is_const)) {
            for v in &values[begin..end] {
                self.visit_expr(v)?;
            }
            let ks = keys[begin..end].iter().map(|k| const_of(k.as_ref().unwrap())).collect();
            self.load_const(ConstValue::Tuple(ks));
            self.op_i(BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_i(BUILD_MAP, 0);
        }
        for i in begin..end {
            self.visit_expr(keys[i].as_ref().unwrap())?;
            self.visit_expr(&values[i])?;
            if big {
                self.op_i(MAP_ADD, 1);
            }
        }
        if !big {
            self.op_i(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> R {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if keys[i].is_none() {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.op_i(DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.op_i(BUILD_MAP, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.op_i(DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.op_i(DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.op_i(DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.op_i(BUILD_MAP, 0);
        }
        Ok(())
    }

    fn check_caller(&mut self, e: &Expr) {
        let t = match &e.kind {
            ExprKind::Constant { value, .. } => const_type_name(value),
            ExprKind::Tuple { .. } => "tuple",
            ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
            ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
            ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
            ExprKind::GeneratorExp { .. } => "generator",
            ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
            _ => return,
        };
        self.warn(format!("'{}' object is not callable; perhaps you missed a comma?", t));
    }

    fn call(&mut self, e: &'a Expr, func: &'a Expr, args: &'a [Expr], keywords: &'a [Keyword]) -> R {
        self.validate_keywords(keywords)?;
        if self.maybe_optimize_method_call(e, func, args, keywords)? {
            return Ok(());
        }
        self.check_caller(func);
        self.set_loc_pos(&func.pos);
        self.op(PUSH_NULL);
        self.set_loc_pos(&e.pos);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn validate_keywords(&mut self, keywords: &'a [Keyword]) -> R {
        for (i, k) in keywords.iter().enumerate() {
            let Some(a) = &k.arg else { continue };
            if a == "__debug__" {
                return Err(self.error("cannot assign to __debug__"));
            }
            for o in &keywords[i + 1..] {
                if o.arg.as_deref() == Some(a.as_str()) {
                    self.set_loc_pos(&o.pos);
                    return Err(self.error(format!("keyword argument repeated: {}", a)));
                }
            }
        }
        Ok(())
    }

    fn maybe_optimize_method_call(
        &mut self,
        e: &'a Expr,
        meth: &'a Expr,
        args: &'a [Expr],
        kwds: &'a [Keyword],
    ) -> Result<bool, CompileError> {
        let ExprKind::Attribute { value, attr, ctx: ExprContext::Load } = &meth.kind else { return Ok(false) };
        if self.is_import_originated(value) {
            return Ok(false);
        }
        let argsl = args.len();
        let kwdsl = kwds.len();
        if argsl + kwdsl + (kwdsl != 0) as usize >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. })) || kwds.iter().any(|k| k.arg.is_none()) {
            return Ok(false);
        }
        self.visit_expr(value)?;
        self.set_loc_pos(&meth.pos);
        self.update_start_location_to_match_attr(meth);
        self.op_name(LOAD_METHOD, attr);
        for a in args {
            self.visit_expr(a)?;
        }
        if kwdsl > 0 {
            for k in kwds {
                self.visit_expr(&k.value)?;
            }
            self.call_simple_kw_helper(kwds);
        }
        self.set_loc_pos(&e.pos);
        self.update_start_location_to_match_attr(meth);
        self.op_i(PRECALL, (argsl + kwdsl) as u32);
        self.op_i(CALL, (argsl + kwdsl) as u32);
        Ok(true)
    }

    fn call_simple_kw_helper(&mut self, kwds: &[Keyword]) {
        let names = ConstValue::Tuple(
            kwds.iter().map(|k| ConstValue::Str(PyStr::from(k.arg.as_deref().unwrap()))).collect(),
        );
        let i = self.add_const(names);
        self.op_i(KW_NAMES, i);
    }

    fn subkwargs(&mut self, kwds: &'a [Keyword], begin: usize, end: usize) -> R {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &kwds[begin..end] {
                self.visit_expr(&k.value)?;
            }
            let keys = kwds[begin..end]
                .iter()
                .map(|k| ConstValue::Str(PyStr::from(k.arg.as_deref().unwrap())))
                .collect();
            self.load_const(ConstValue::Tuple(keys));
            self.op_i(BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.op_i_noline(BUILD_MAP, 0);
        }
        for k in &kwds[begin..end] {
            self.load_const(ConstValue::Str(PyStr::from(k.arg.as_deref().unwrap())));
            self.visit_expr(&k.value)?;
            if big {
                self.op_i_noline(MAP_ADD, 1);
            }
        }
        if !big {
            self.op_i(BUILD_MAP, n as u32);
        }
        Ok(())
    }

    pub fn call_helper(&mut self, n: u32, args: &'a [Expr], keywords: &'a [Keyword]) -> R {
        self.validate_keywords(keywords)?;
        let nelts = args.len();
        let nkw = keywords.len();
        let ex_call = nelts + nkw * 2 > STACK_USE_GUIDELINE
            || args.iter().any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        if !ex_call {
            for a in args {
                self.visit_expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.call_simple_kw_helper(keywords);
            }
            let total = n + (nelts + nkw) as u32;
            self.op_i(PRECALL, total);
            self.op_i(CALL, total);
            return Ok(());
        }
        if n == 0 && nelts == 1 && matches!(args[0].kind, ExprKind::Starred { .. }) {
            let ExprKind::Starred { value, .. } = &args[0].kind else { unreachable!() };
            self.visit_expr(value)?;
        } else {
            self.starunpack_helper(args, n, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(keywords, i - nseen, i)?;
                        if have_dict {
                            self.op_i(DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.op_i(BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.op_i(DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(keywords, nkw - nseen, nkw)?;
                if have_dict {
                    self.op_i(DICT_MERGE, 1);
                }
            }
        }
        self.op_i(CALL_FUNCTION_EX, (nkw > 0) as u32);
        Ok(())
    }

    fn lambda(&mut self, e: &'a Expr, args: &'a Arguments, body: &'a Expr) -> R {
        for a in args.posonlyargs.iter().chain(&args.args).chain(args.vararg.as_deref()).chain(&args.kwonlyargs).chain(args.kwarg.as_deref()) {
            if a.arg == "__debug__" {
                return Err(self.error("cannot assign to __debug__"));
            }
        }
        let funcflags = self.default_arguments(args)?;
        self.enter_scope("<lambda>", ScopeType::Lambda, e as *const Expr as usize, e.pos.lineno)?;
        self.add_const(ConstValue::None);
        let u = self.u();
        u.argcount = args.args.len() as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        self.visit_expr(body)?;
        let co = if self.ste().generator {
            self.exit_scope_assemble(false)?
        } else {
            self.op(RETURN_VALUE);
            self.exit_scope_assemble(true)?
        };
        self.make_closure(co, funcflags);
        Ok(())
    }

    fn addop_yield(&mut self) {
        if self.ste().generator && self.ste().coroutine {
            self.op(ASYNC_GEN_WRAP);
        }
        self.op(YIELD_VALUE);
        self.op_i(RESUME, 1);
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        name: &str,
        gens: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> R {
        let scope_type = self.ur().scope_type;
        let is_top_level_await = self.top_level_await && scope_type == ScopeType::Module;
        let outermost = &gens[0];
        self.enter_scope(name, ScopeType::Comprehension, e as *const Expr as usize, e.pos.lineno)?;
        self.set_loc_pos(&e.pos);
        let is_async_generator = self.ste().coroutine;
        if is_async_generator
            && kind != CompKind::GenExp
            && scope_type != ScopeType::AsyncFunction
            && scope_type != ScopeType::Comprehension
            && !is_top_level_await
        {
            return Err(self.error("asynchronous comprehension outside of an asynchronous function"));
        }
        match kind {
            CompKind::ListComp => self.op_i(BUILD_LIST, 0),
            CompKind::SetComp => self.op_i(BUILD_SET, 0),
            CompKind::DictComp => self.op_i(BUILD_MAP, 0),
            CompKind::GenExp => {}
        }
        self.comprehension_generator(gens, 0, 0, elt, val, kind)?;
        if kind != CompKind::GenExp {
            self.op(RETURN_VALUE);
        }
        let co = self.exit_scope_assemble(true)?;
        if is_top_level_await && is_async_generator {
            let ste = self.ur().ste;
            self.st.entries[ste].coroutine = true;
        }
        self.make_closure(co, 0);
        self.visit_expr(&outermost.iter)?;
        if outermost.is_async != 0 {
            self.op(GET_AITER);
        } else {
            self.op(GET_ITER);
        }
        self.op_i(PRECALL, 0);
        self.op_i(CALL, 0);
        if is_async_generator && kind != CompKind::GenExp {
            self.op_i(GET_AWAITABLE, 0);
            self.load_const(ConstValue::None);
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        gen_index: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> R {
        if gens[gen_index].is_async != 0 {
            self.async_comprehension_generator(gens, gen_index, depth, elt, val, kind)
        } else {
            self.sync_comprehension_generator(gens, gen_index, depth, elt, val, kind)
        }
    }

    fn comprehension_element(&mut self, elt: &'a Expr, val: Option<&'a Expr>, kind: CompKind, depth: u32) -> R {
        match kind {
            CompKind::GenExp => {
                self.visit_expr(elt)?;
                self.addop_yield();
                self.op(POP_TOP);
            }
            CompKind::ListComp => {
                self.visit_expr(elt)?;
                self.op_i(LIST_APPEND, depth + 1);
            }
            CompKind::SetComp => {
                self.visit_expr(elt)?;
                self.op_i(SET_ADD, depth + 1);
            }
            CompKind::DictComp => {
                self.visit_expr(elt)?;
                self.visit_expr(val.unwrap())?;
                self.op_i(MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        mut gen_index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> R {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let gen = &gens[gen_index];
        if gen_index == 0 {
            self.u().argcount = 1;
            self.op_i(LOAD_FAST, 0);
        } else {
            let elts = match &gen.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => Some(elts),
                _ => None,
            };
            if let Some(elts) = elts {
                if elts.len() == 1 && !matches!(elts[0].kind, ExprKind::Starred { .. }) {
                    self.visit_expr(&elts[0])?;
                    start = None;
                }
            }
            if start.is_some() {
                self.visit_expr(&gen.iter)?;
                self.op(GET_ITER);
            }
        }
        if let Some(s) = start {
            depth += 1;
            self.use_next_block(s);
            self.jump(FOR_ITER, anchor);
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        gen_index += 1;
        if gen_index < gens.len() {
            self.comprehension_generator(gens, gen_index, depth, elt, val, kind)?;
        }
        if gen_index >= gens.len() {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_next_block(if_cleanup);
        if let Some(s) = start {
            self.jump(JUMP, s);
            self.use_next_block(anchor);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        gens: &'a [Comprehension],
        mut gen_index: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        kind: CompKind,
    ) -> R {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let gen = &gens[gen_index];
        if gen_index == 0 {
            self.u().argcount = 1;
            self.op_i(LOAD_FAST, 0);
        } else {
            self.visit_expr(&gen.iter)?;
            self.op(GET_AITER);
        }
        self.use_next_block(start);
        let f = self.fb(FBlockType::AsyncComprehensionGenerator, start);
        self.push_fblock(f)?;
        self.jump(SETUP_FINALLY, except);
        self.op(GET_ANEXT);
        self.load_const(ConstValue::None);
        self.add_yield_from(true);
        self.pseudo(POP_BLOCK);
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        gen_index += 1;
        if gen_index < gens.len() {
            self.comprehension_generator(gens, gen_index, depth, elt, val, kind)?;
        }
        if gen_index >= gens.len() {
            self.comprehension_element(elt, val, kind, depth)?;
        }
        self.use_next_block(if_cleanup);
        self.jump(JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.op(END_ASYNC_FOR);
        Ok(())
    }

    fn check_subscripter(&mut self, e: &Expr) {
        let t = match &e.kind {
            ExprKind::Constant { value, .. } => match value {
                Constant::None | Constant::Ellipsis | Constant::Int(_) | Constant::Float(_) | Constant::Complex { .. } | Constant::FrozenSet(_) => {
                    const_type_name(value)
                }
                Constant::Bool(_) => "bool",
                _ => return,
            },
            ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
            ExprKind::GeneratorExp { .. } => "generator",
            ExprKind::Lambda { .. } => "function",
            _ => return,
        };
        self.warn(format!("'{}' object is not subscriptable; perhaps you missed a comma?", t));
    }

    fn check_index(&mut self, e: &Expr, s: &Expr) {
        let index_type = match &s.kind {
            ExprKind::Tuple { .. } => "tuple",
            ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
            ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict",
            ExprKind::Set { .. } | ExprKind::SetComp { .. } => "set",
            ExprKind::GeneratorExp { .. } => "generator",
            ExprKind::Lambda { .. } => "function",
            ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
            ExprKind::Constant { value, .. } => match value {
                Constant::Int(_) | Constant::Bool(_) => return,
                v => const_type_name(v),
            },
            _ => return,
        };
        let t = match &e.kind {
            ExprKind::Constant { value, .. } => match value {
                Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_) => const_type_name(value),
                _ => return,
            },
            ExprKind::Tuple { .. } => "tuple",
            ExprKind::List { .. } | ExprKind::ListComp { .. } => "list",
            ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "str",
            _ => return,
        };
        self.warn(format!("{} indices must be integers or slices, not {}; perhaps you missed a comma?", t, index_type));
    }

    fn expr1(&mut self, e: &'a Expr) -> R {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.op_i(COPY, 1);
                self.visit_expr(target)?;
            }
            ExprKind::BoolOp { op, values } => {
                let jumpi = if *op == BoolOp::And { JUMP_IF_FALSE_OR_POP } else { JUMP_IF_TRUE_OR_POP };
                let end = self.new_block();
                let n = values.len() - 1;
                for v in &values[..n] {
                    self.visit_expr(v)?;
                    self.jump(jumpi, end);
                    let next = self.new_block();
                    self.use_next_block(next);
                }
                self.visit_expr(&values[n])?;
                self.use_next_block(end);
            }
            ExprKind::BinOp { left, op, right } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.binop(*op, false);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.visit_expr(operand)?;
                self.op(match op {
                    UnaryOp::Invert => UNARY_INVERT,
                    UnaryOp::Not => UNARY_NOT,
                    UnaryOp::UAdd => UNARY_POSITIVE,
                    UnaryOp::USub => UNARY_NEGATIVE,
                });
            }
            ExprKind::Lambda { args, body } => self.lambda(e, args, body)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.jump_noline(JUMP, end);
                self.use_next_block(next);
                self.visit_expr(orelse)?;
                self.use_next_block(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set { elts } => self.starunpack_helper(elts, 0, BUILD_SET, SET_ADD, SET_UPDATE, false)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, CompKind::GenExp, "<genexpr>", generators, elt, None)?
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, CompKind::ListComp, "<listcomp>", generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, CompKind::SetComp, "<setcomp>", generators, elt, None)?
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, CompKind::DictComp, "<dictcomp>", generators, key, Some(value))?
            }
            ExprKind::Yield { value } => {
                if self.ste().typ != BlockType::Function {
                    return Err(self.error("'yield' outside function"));
                }
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(ConstValue::None),
                }
                self.addop_yield();
            }
            ExprKind::YieldFrom { value } => {
                if self.ste().typ != BlockType::Function {
                    return Err(self.error("'yield' outside function"));
                }
                if self.ur().scope_type == ScopeType::AsyncFunction {
                    return Err(self.error("'yield from' inside async function"));
                }
                self.visit_expr(value)?;
                self.op(GET_YIELD_FROM_ITER);
                self.load_const(ConstValue::None);
                self.add_yield_from(false);
            }
            ExprKind::Await { value } => {
                let tla = self.top_level_await && self.ur().scope_type == ScopeType::Module;
                if !tla {
                    if self.ste().typ != BlockType::Function {
                        return Err(self.error("'await' outside function"));
                    }
                    if !matches!(self.ur().scope_type, ScopeType::AsyncFunction | ScopeType::Comprehension) {
                        return Err(self.error("'await' outside async function"));
                    }
                }
                self.visit_expr(value)?;
                self.op_i(GET_AWAITABLE, 0);
                self.load_const(ConstValue::None);
                self.add_yield_from(true);
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.check_compare(left, ops, comparators);
                self.visit_expr(left)?;
                let n = ops.len() - 1;
                if n == 0 {
                    self.visit_expr(&comparators[0])?;
                    self.compare_op(ops[0]);
                } else {
                    let cleanup = self.new_block();
                    for i in 0..n {
                        self.visit_expr(&comparators[i])?;
                        self.op_i(SWAP, 2);
                        self.op_i(COPY, 2);
                        self.compare_op(ops[i]);
                        self.jump(JUMP_IF_FALSE_OR_POP, cleanup);
                    }
                    self.visit_expr(&comparators[n])?;
                    self.compare_op(ops[n]);
                    let end = self.new_block();
                    self.jump_noline(JUMP, end);
                    self.use_next_block(cleanup);
                    self.op_i(SWAP, 2);
                    self.op(POP_TOP);
                    self.use_next_block(end);
                }
            }
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords)?,
            ExprKind::Constant { value, .. } => self.load_const(const_value(value)),
            ExprKind::JoinedStr { values } => {
                if values.len() > STACK_USE_GUIDELINE {
                    self.load_const(ConstValue::Str(PyStr::from("")));
                    self.op_name(LOAD_METHOD, "join");
                    self.op_i(BUILD_LIST, 0);
                    for v in values {
                        self.visit_expr(v)?;
                        self.op_i(LIST_APPEND, 1);
                    }
                    self.op_i(PRECALL, 1);
                    self.op_i(CALL, 1);
                } else {
                    for v in values {
                        self.visit_expr(v)?;
                    }
                    if values.len() != 1 {
                        self.op_i(BUILD_STRING, values.len() as u32);
                    }
                }
            }
            ExprKind::FormattedValue { value, conversion, format_spec } => {
                self.visit_expr(value)?;
                let mut oparg = match *conversion {
                    -1 => 0,
                    115 => 1,
                    114 => 2,
                    97 => 3,
                    _ => return Err(self.error("Unrecognized conversion character")),
                };
                if let Some(f) = format_spec {
                    self.visit_expr(f)?;
                    oparg |= 4;
                }
                self.op_i(FORMAT_VALUE, oparg);
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                self.update_start_location_to_match_attr(e);
                match ctx {
                    ExprContext::Load => self.op_name(LOAD_ATTR, attr),
                    ExprContext::Store => {
                        if attr == "__debug__" {
                            return Err(self.error("cannot assign to __debug__"));
                        }
                        self.op_name(STORE_ATTR, attr)
                    }
                    ExprContext::Del => self.op_name(DELETE_ATTR, attr),
                }
            }
            ExprKind::Subscript { value, slice, ctx } => {
                if *ctx == ExprContext::Load {
                    self.check_subscripter(value);
                    self.check_index(value, slice);
                }
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.op(match ctx {
                    ExprContext::Load => BINARY_SUBSCR,
                    ExprContext::Store => STORE_SUBSCR,
                    ExprContext::Del => DELETE_SUBSCR,
                });
            }
            ExprKind::Starred { ctx, .. } => {
                return Err(self.error(if *ctx == ExprContext::Store {
                    "starred assignment target must be in a list or tuple"
                } else {
                    "can't use starred expression here"
                }))
            }
            ExprKind::Slice { lower, upper, step } => {
                match lower {
                    Some(l) => self.visit_expr(l)?,
                    None => self.load_const(ConstValue::None),
                }
                match upper {
                    Some(u) => self.visit_expr(u)?,
                    None => self.load_const(ConstValue::None),
                }
                let mut n = 2;
                if let Some(s) = step {
                    n += 1;
                    self.visit_expr(s)?;
                }
                self.op_i(BUILD_SLICE, n);
            }
            ExprKind::Name { id, ctx } => self.nameop(id, *ctx)?,
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Load => self.starunpack_helper(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, false)?,
                ExprContext::Del => {
                    for x in elts {
                        self.visit_expr(x)?;
                    }
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Store => self.assignment_helper(elts)?,
                ExprContext::Load => self.starunpack_helper(elts, 0, BUILD_LIST, LIST_APPEND, LIST_EXTEND, true)?,
                ExprContext::Del => {
                    for x in elts {
                        self.visit_expr(x)?;
                    }
                }
            },
        }
        Ok(())
    }
}

pub(crate) fn const_type_name(c: &Constant) -> &'static str {
    match c {
        Constant::None => "NoneType",
        Constant::Bool(_) => "bool",
        Constant::Ellipsis => "ellipsis",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str(_) => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
    }
}
