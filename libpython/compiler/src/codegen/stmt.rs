//! Statements: functions, classes, control flow, exception handling, imports.

use super::*;

pub(crate) fn find_ann(stmts: &[Stmt]) -> bool {
    for s in stmts {
        let res = match &s.kind {
            StmtKind::AnnAssign { .. } => return true,
            StmtKind::For { body, orelse, .. }
            | StmtKind::AsyncFor { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => find_ann(body) || find_ann(orelse),
            StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => find_ann(body),
            StmtKind::Try { body, handlers, orelse, finalbody }
            | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                handlers.iter().any(|h| find_ann(&h.body))
                    || find_ann(body)
                    || find_ann(finalbody)
                    || find_ann(orelse)
            }
            _ => false,
        };
        if res {
            return true;
        }
    }
    false
}

impl<'a> Compiler<'a> {
    pub fn stmts(&mut self, body: &'a [Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub fn stmt(&mut self, s: &'a Stmt) -> R {
        self.set_loc_pos(&s.pos);
        match &s.kind {
            StmtKind::FunctionDef { .. } => self.function(s, false),
            StmtKind::AsyncFunctionDef { .. } => self.function(s, true),
            StmtKind::ClassDef { .. } => self.class(s),
            StmtKind::Return { value } => self.return_(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                self.visit_expr(value)?;
                let n = targets.len();
                for (i, t) in targets.iter().enumerate() {
                    if i < n - 1 {
                        self.op_i(COPY, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.augassign(target, *op, value),
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                self.annassign(target, annotation, value.as_deref(), *simple != 0)
            }
            StmtKind::For { target, iter, body, orelse, .. } => self.for_(target, iter, body, orelse),
            StmtKind::AsyncFor { target, iter, body, orelse, .. } => self.async_for(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_block();
                let next = if !orelse.is_empty() { self.new_block() } else { end };
                self.jump_if(test, next, false)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.jump_noline(JUMP, end);
                    self.use_next_block(next);
                    self.stmts(orelse)?;
                }
                self.use_next_block(end);
                Ok(())
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.op_i(RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try { finalbody, .. } => {
                if !finalbody.is_empty() {
                    self.try_finally(s)
                } else {
                    self.try_except(s)
                }
            }
            StmtKind::TryStar { finalbody, .. } => {
                if !finalbody.is_empty() {
                    self.try_star_finally(s)
                } else {
                    self.try_star_except(s)
                }
            }
            StmtKind::Assert { test, msg } => self.assert_(test, msg.as_deref()),
            StmtKind::Import { names } => self.import(names),
            StmtKind::ImportFrom { module, names, level } => self.from_import(s, module.as_deref(), names, level.unwrap_or(0)),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => {
                if self.interactive && self.units.len() <= 1 {
                    self.visit_expr(value)?;
                    self.op(PRINT_EXPR);
                    return Ok(());
                }
                if matches!(value.kind, ExprKind::Constant { .. }) {
                    self.op(NOP);
                    return Ok(());
                }
                self.visit_expr(value)?;
                self.unset_loc();
                self.op(POP_TOP);
                Ok(())
            }
            StmtKind::Pass => {
                self.op(NOP);
                Ok(())
            }
            StmtKind::Break => self.break_(),
            StmtKind::Continue => self.continue_(),
            StmtKind::With { .. } => self.with(s, 0),
            StmtKind::AsyncWith { .. } => self.async_with(s, 0),
        }
    }

    fn check_debug_args(&mut self, args: &Arguments) -> R {
        for a in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref())
        {
            if a.arg == "__debug__" {
                // 3.11.7 reports it at the statement, not at the parameter.
                return Err(self.error("cannot assign to __debug__"));
            }
        }
        Ok(())
    }

    pub fn default_arguments(&mut self, args: &'a Arguments) -> Result<u32, CompileError> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.op_i(BUILD_TUPLE, args.defaults.len() as u32);
            flags |= 1;
        }
        let mut keys = Vec::new();
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                keys.push(ConstValue::Str(PyStr::from(self.mangle(&a.arg))));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(ConstValue::Tuple(keys));
            self.op_i(BUILD_CONST_KEY_MAP, n);
            flags |= 2;
        }
        Ok(flags)
    }

    fn argannotation(&mut self, id: &str, ann: Option<&'a Expr>, n: &mut u32) -> R {
        let Some(ann) = ann else { return Ok(()) };
        let m = self.mangle(id);
        self.load_const(ConstValue::Str(PyStr::from(m)));
        if self.future_flags & CO_FUTURE_ANNOTATIONS != 0 {
            let s = crate::unparse::unparse_annotation(ann);
            self.load_const(ConstValue::Str(s));
        } else if let ExprKind::Starred { value, .. } = &ann.kind {
            self.visit_expr(value)?;
            self.op_i(UNPACK_SEQUENCE, 1);
        } else {
            self.visit_expr(ann)?;
        }
        *n += 2;
        Ok(())
    }

    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> Result<bool, CompileError> {
        let mut n = 0;
        for a in &args.args {
            self.argannotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        for a in &args.posonlyargs {
            self.argannotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(v) = &args.vararg {
            self.argannotation(&v.arg, v.annotation.as_deref(), &mut n)?;
        }
        for a in &args.kwonlyargs {
            self.argannotation(&a.arg, a.annotation.as_deref(), &mut n)?;
        }
        if let Some(k) = &args.kwarg {
            self.argannotation(&k.arg, k.annotation.as_deref(), &mut n)?;
        }
        self.argannotation("return", returns, &mut n)?;
        if n > 0 {
            self.op_i(BUILD_TUPLE, n);
            return Ok(true);
        }
        Ok(false)
    }

    fn apply_decorators(&mut self, decos: &'a [Expr]) {
        let old = self.ur().loc;
        for d in decos.iter().rev() {
            self.set_loc_pos(&d.pos);
            self.op_i(PRECALL, 0);
            self.op_i(CALL, 0);
        }
        self.u().loc = old;
    }

    fn function(&mut self, s: &'a Stmt, is_async: bool) -> R {
        let (name, args, body, decos, returns) = match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, .. }
            | StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                (name, args, body, decorator_list, returns.as_deref())
            }
            _ => unreachable!(),
        };
        self.check_debug_args(args)?;
        for d in decos {
            self.visit_expr(d)?;
        }
        let firstlineno = decos.first().map_or(s.pos.lineno, |d| d.pos.lineno);
        let mut funcflags = self.default_arguments(args)?;
        if self.annotations(args, returns)? {
            funcflags |= 4;
        }
        let st = if is_async { ScopeType::AsyncFunction } else { ScopeType::Function };
        self.enter_scope(name, st, s as *const Stmt as usize, firstlineno)?;
        let doc = if self.optimize < 2 { docstring(body).cloned() } else { None };
        let has_doc = doc.is_some();
        self.add_const(match doc {
            Some(d) => ConstValue::Str(d),
            None => ConstValue::None,
        });
        let u = self.u();
        u.argcount = args.args.len() as u32;
        u.posonlyargcount = args.posonlyargs.len() as u32;
        u.kwonlyargcount = args.kwonlyargs.len() as u32;
        for st in &body[if has_doc { 1 } else { 0 }..] {
            self.stmt(st)?;
        }
        let co = self.exit_scope_assemble(true)?;
        self.make_closure(co, funcflags);
        self.apply_decorators(decos);
        self.nameop(name, ExprContext::Store)
    }

    fn class(&mut self, s: &'a Stmt) -> R {
        let StmtKind::ClassDef { name, bases, keywords, body, decorator_list: decos } = &s.kind else { unreachable!() };
        for d in decos {
            self.visit_expr(d)?;
        }
        let firstlineno = decos.first().map_or(s.pos.lineno, |d| d.pos.lineno);
        self.enter_scope(name, ScopeType::Class, s as *const Stmt as usize, firstlineno)?;
        self.u().private = Some(name.clone());
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let q = self.ur().qualname.clone();
        self.load_const(ConstValue::Str(PyStr::from(q)));
        self.nameop("__qualname__", ExprContext::Store)?;
        self.body(body)?;
        self.unset_loc();
        if self.ste().needs_class_closure {
            let i = self.u().cellvars.add("__class__");
            self.op_i(LOAD_CLOSURE, i);
            self.op_i(COPY, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.load_const(ConstValue::None);
        }
        self.op(RETURN_VALUE);
        let co = self.exit_scope_assemble(true)?;
        self.op(PUSH_NULL);
        self.op(LOAD_BUILD_CLASS);
        self.make_closure(co, 0);
        self.load_const(ConstValue::Str(PyStr::from(name.as_str())));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decos);
        self.nameop(name, ExprContext::Store)
    }

    fn return_(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> R {
        let preserve_tos = value.map_or(false, |v| !matches!(v.kind, ExprKind::Constant { .. }));
        if self.ste().typ != BlockType::Function {
            return Err(self.error("'return' outside function"));
        }
        if value.is_some() && self.ste().coroutine && self.ste().generator {
            return Err(self.error("'return' with value in async generator"));
        }
        if preserve_tos {
            self.visit_expr(value.unwrap())?;
        } else if let Some(v) = value {
            self.set_loc_pos(&v.pos);
            self.op(NOP);
        }
        if value.map_or(true, |v| v.pos.lineno != s.pos.lineno) {
            self.set_loc_pos(&s.pos);
            self.op(NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.load_const(ConstValue::None),
            Some(v) if !preserve_tos => {
                let ExprKind::Constant { value: c, .. } = &v.kind else { unreachable!() };
                self.load_const(const_value(c));
            }
            _ => {}
        }
        self.op(RETURN_VALUE);
        Ok(())
    }

    fn unwind_fblock(&mut self, info: &FBlock<'a>, preserve_tos: bool) -> R {
        match info.typ {
            FBlockType::WhileLoop
            | FBlockType::ExceptionHandler
            | FBlockType::ExceptionGroupHandler
            | FBlockType::AsyncComprehensionGenerator => {}
            FBlockType::ForLoop => {
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.op(POP_TOP);
            }
            FBlockType::TryExcept => self.pseudo(POP_BLOCK),
            FBlockType::FinallyTry => {
                self.pseudo(POP_BLOCK);
                if preserve_tos {
                    let f = self.fb(FBlockType::PopValue, NO_BLOCK);
                    self.push_fblock(f)?;
                }
                self.stmts(info.body.unwrap())?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unset_loc();
            }
            FBlockType::FinallyEnd => {
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.op(POP_TOP);
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.pseudo(POP_BLOCK);
                self.op(POP_EXCEPT);
            }
            FBlockType::With | FBlockType::AsyncWith => {
                self.set_loc_pos(&info.stmt.unwrap().pos);
                self.pseudo(POP_BLOCK);
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.call_exit_with_nones();
                if info.typ == FBlockType::AsyncWith {
                    self.op_i(GET_AWAITABLE, 2);
                    self.load_const(ConstValue::None);
                    self.add_yield_from(true);
                }
                self.op(POP_TOP);
                self.unset_loc();
            }
            FBlockType::HandlerCleanup => {
                if info.name.is_some() {
                    self.pseudo(POP_BLOCK);
                }
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.pseudo(POP_BLOCK);
                self.op(POP_EXCEPT);
                if let Some(n) = &info.name {
                    self.load_const(ConstValue::None);
                    self.nameop(n, ExprContext::Store)?;
                    self.nameop(n, ExprContext::Del)?;
                }
            }
            FBlockType::PopValue => {
                if preserve_tos {
                    self.op_i(SWAP, 2);
                }
                self.op(POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwinds the frame blocks; with `to_loop`, stops at the innermost loop and returns it.
    fn unwind_fblock_stack(&mut self, preserve_tos: bool, to_loop: bool) -> Result<Option<FBlock<'a>>, CompileError> {
        let Some(top) = self.ur().fblocks.last().cloned() else { return Ok(None) };
        if top.typ == FBlockType::ExceptionGroupHandler {
            return Err(self.error("'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        if to_loop && matches!(top.typ, FBlockType::WhileLoop | FBlockType::ForLoop) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        self.unwind_fblock(&top, preserve_tos)?;
        let r = self.unwind_fblock_stack(preserve_tos, to_loop)?;
        self.u().fblocks.push(top);
        Ok(r)
    }

    fn break_(&mut self) -> R {
        let saved = self.ur().loc;
        self.op(NOP);
        let lp = self.unwind_fblock_stack(false, true)?;
        let Some(lp) = lp else {
            self.u().loc = saved;
            return Err(self.error("'break' outside loop"));
        };
        self.unwind_fblock(&lp, false)?;
        self.jump(JUMP, lp.exit);
        Ok(())
    }

    fn continue_(&mut self) -> R {
        let saved = self.ur().loc;
        self.op(NOP);
        let lp = self.unwind_fblock_stack(false, true)?;
        let Some(lp) = lp else {
            self.u().loc = saved;
            return Err(self.error("'continue' not properly in loop"));
        };
        self.jump(JUMP, lp.block);
        Ok(())
    }

    fn for_(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        let start = self.new_block();
        let bodyb = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        let mut f = self.fb(FBlockType::ForLoop, start);
        f.exit = end;
        self.push_fblock(f)?;
        self.visit_expr(iter)?;
        self.op(GET_ITER);
        self.use_next_block(start);
        self.jump(FOR_ITER, cleanup);
        self.use_next_block(bodyb);
        self.visit_expr(target)?;
        self.stmts(body)?;
        self.unset_loc();
        self.jump(JUMP, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn async_for(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        if self.top_level_await && self.ur().scope_type == ScopeType::Module {
            let ste = self.ur().ste;
            self.st.entries[ste].coroutine = true;
        } else if self.ur().scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async for' outside async function"));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(iter)?;
        self.op(GET_AITER);
        self.use_next_block(start);
        let mut f = self.fb(FBlockType::ForLoop, start);
        f.exit = end;
        self.push_fblock(f)?;
        self.jump(SETUP_FINALLY, except);
        self.op(GET_ANEXT);
        self.load_const(ConstValue::None);
        self.add_yield_from(true);
        self.pseudo(POP_BLOCK);
        self.visit_expr(target)?;
        self.stmts(body)?;
        self.unset_loc();
        self.jump(JUMP, start);
        self.pop_fblock();
        self.use_next_block(except);
        self.set_loc_pos(&iter.pos);
        self.op(END_ASYNC_FOR);
        self.stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn while_(&mut self, s: &'a Stmt, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> R {
        let lp = self.new_block();
        let bodyb = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(lp);
        let mut f = self.fb(FBlockType::WhileLoop, lp);
        f.exit = end;
        self.push_fblock(f)?;
        self.jump_if(test, anchor, false)?;
        self.use_next_block(bodyb);
        self.stmts(body)?;
        self.set_loc_pos(&s.pos);
        self.jump_if(test, bodyb, true)?;
        self.pop_fblock();
        self.use_next_block(anchor);
        self.stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn pop_except_and_reraise(&mut self) {
        self.op_i(COPY, 3);
        self.op(POP_EXCEPT);
        self.op_i(RERAISE, 1);
    }

    fn try_finally(&mut self, s: &'a Stmt) -> R {
        self.finally_around(s, false)
    }

    fn try_star_finally(&mut self, s: &'a Stmt) -> R {
        self.finally_around(s, true)
    }

    /// `finally` around a `try` (or `try`/`except*`) statement: the body with its handlers,
    /// then the finally body on the normal path and again on the exceptional one.
    fn finally_around(&mut self, s: &'a Stmt, star: bool) -> R {
        let (StmtKind::Try { body, handlers, finalbody, .. } | StmtKind::TryStar { body, handlers, finalbody, .. }) = &s.kind else {
            unreachable!()
        };
        let bodyb = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.jump(SETUP_FINALLY, end);
        self.use_next_block(bodyb);
        let mut f = self.fb(FBlockType::FinallyTry, bodyb);
        f.exit = end;
        f.body = Some(finalbody);
        self.push_fblock(f)?;
        if !handlers.is_empty() {
            if star {
                self.try_star_except(s)?;
            } else {
                self.try_except(s)?;
            }
        } else {
            self.stmts(body)?;
        }
        self.op_noline(POP_BLOCK);
        self.pop_fblock();
        self.stmts(finalbody)?;
        self.jump_noline(JUMP, exit);
        self.use_next_block(end);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        let f = self.fb(FBlockType::FinallyEnd, end);
        self.push_fblock(f)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.op_i(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    fn try_star_except(&mut self, s: &'a Stmt) -> R {
        let StmtKind::TryStar { body, handlers, orelse, .. } = &s.kind else { unreachable!() };
        let bodyb = self.new_block();
        let except = self.new_block();
        let orelse_b = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.jump(SETUP_FINALLY, except);
        self.use_next_block(bodyb);
        let f = self.fb(FBlockType::TryExcept, bodyb);
        self.push_fblock(f)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.op_noline(POP_BLOCK);
        self.jump_noline(JUMP, orelse_b);
        let n = handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        let f = self.fb(FBlockType::ExceptionGroupHandler, NO_BLOCK);
        self.push_fblock(f)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc_pos(&h.pos);
            let hloc = self.ur().loc;
            let next_except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                self.op_i(COPY, 1);
                self.op_i(BUILD_LIST, 0);
                self.op_i(SWAP, 2);
            }
            if let Some(t) = &h.type_ {
                self.visit_expr(t)?;
                self.op(CHECK_EG_MATCH);
                self.op_i(COPY, 1);
                self.jump(POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            if let Some(name) = &h.name {
                self.nameop(name, ExprContext::Store)?;
            } else {
                self.op(POP_TOP);
            }
            self.jump(SETUP_CLEANUP, cleanup_end);
            self.use_next_block(cleanup_body);
            let mut f = self.fb(FBlockType::HandlerCleanup, cleanup_body);
            f.name = h.name.clone();
            self.push_fblock(f)?;
            self.stmts(&h.body)?;
            self.pop_fblock();
            self.unset_loc();
            self.pseudo(POP_BLOCK);
            if let Some(name) = &h.name {
                self.load_const(ConstValue::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.jump(JUMP, next_except);
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = &h.name {
                self.load_const(ConstValue::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.op_i(LIST_APPEND, 3);
            self.op(POP_TOP);
            self.jump(JUMP, except_with_error);
            self.use_next_block(next_except);
            self.op(NOP);
            self.jump(JUMP, except_with_error);
            self.use_next_block(no_match);
            self.u().loc = hloc;
            self.op(POP_TOP);
            self.unset_loc();
            self.use_next_block(except_with_error);
            if i == n - 1 {
                self.op_i(LIST_APPEND, 1);
                self.jump(JUMP, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.op(PREP_RERAISE_STAR);
        self.op_i(COPY, 1);
        self.jump(POP_JUMP_IF_NOT_NONE, reraise);
        self.op(POP_TOP);
        self.pseudo(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.jump(JUMP, end);
        self.use_next_block(reraise);
        self.pseudo(POP_BLOCK);
        self.op_i(SWAP, 2);
        self.op(POP_EXCEPT);
        self.op_i(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse_b);
        self.stmts(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    fn try_except(&mut self, s: &'a Stmt) -> R {
        let StmtKind::Try { body, handlers, orelse, .. } = &s.kind else { unreachable!() };
        let bodyb = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.jump(SETUP_FINALLY, except);
        self.use_next_block(bodyb);
        let f = self.fb(FBlockType::TryExcept, bodyb);
        self.push_fblock(f)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.op_noline(POP_BLOCK);
        self.stmts(orelse)?;
        self.jump_noline(JUMP, end);
        let n = handlers.len();
        self.use_next_block(except);
        self.unset_loc();
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        let f = self.fb(FBlockType::ExceptionHandler, NO_BLOCK);
        self.push_fblock(f)?;
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc_pos(&h.pos);
            if h.type_.is_none() && i < n - 1 {
                return Err(self.error("default 'except:' must be last"));
            }
            except = self.new_block();
            if let Some(t) = &h.type_ {
                self.visit_expr(t)?;
                self.op(CHECK_EXC_MATCH);
                self.jump(POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.nameop(name, ExprContext::Store)?;
                self.jump(SETUP_CLEANUP, cleanup_end);
                self.use_next_block(cleanup_body);
                let mut f = self.fb(FBlockType::HandlerCleanup, cleanup_body);
                f.name = Some(name.clone());
                self.push_fblock(f)?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.pseudo(POP_BLOCK);
                self.pseudo(POP_BLOCK);
                self.op(POP_EXCEPT);
                self.load_const(ConstValue::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
                self.jump(JUMP, end);
                self.use_next_block(cleanup_end);
                self.unset_loc();
                self.load_const(ConstValue::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
                self.op_i(RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.op(POP_TOP);
                self.use_next_block(cleanup_body);
                let f = self.fb(FBlockType::HandlerCleanup, cleanup_body);
                self.push_fblock(f)?;
                self.stmts(&h.body)?;
                self.pop_fblock();
                self.unset_loc();
                self.pseudo(POP_BLOCK);
                self.op(POP_EXCEPT);
                self.jump(JUMP, end);
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.op_i(RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    pub fn call_exit_with_nones(&mut self) {
        self.load_const(ConstValue::None);
        self.load_const(ConstValue::None);
        self.load_const(ConstValue::None);
        self.op_i(PRECALL, 2);
        self.op_i(CALL, 2);
    }

    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.jump(SEND, exit);
        self.use_next_block(resume);
        self.op(YIELD_VALUE);
        self.op_i(RESUME, if is_await { 3 } else { 2 });
        self.jump(JUMP_NO_INTERRUPT, start);
        self.use_next_block(exit);
    }

    fn with_except_finish(&mut self, cleanup: BlockId) {
        self.unset_loc();
        let exit = self.new_block();
        self.jump(POP_JUMP_IF_TRUE, exit);
        self.op_i(RERAISE, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        self.op(POP_TOP);
        self.pseudo(POP_BLOCK);
        self.op(POP_EXCEPT);
        self.op(POP_TOP);
        self.op(POP_TOP);
    }

    fn with(&mut self, s: &'a Stmt, pos: usize) -> R {
        let StmtKind::With { items, body, .. } = &s.kind else { unreachable!() };
        let item = &items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(BEFORE_WITH);
        self.jump(SETUP_WITH, final_);
        self.use_next_block(block);
        let mut f = self.fb(FBlockType::With, block);
        f.exit = final_;
        f.stmt = Some(s);
        self.push_fblock(f)?;
        if let Some(v) = &item.optional_vars {
            self.visit_expr(v)?;
        } else {
            self.op(POP_TOP);
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with(s, pos + 1)?;
        }
        self.unset_loc();
        self.pseudo(POP_BLOCK);
        self.pop_fblock();
        self.set_loc_pos(&s.pos);
        self.call_exit_with_nones();
        self.op(POP_TOP);
        self.jump(JUMP, exit);
        self.use_next_block(final_);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.op(WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    fn async_with(&mut self, s: &'a Stmt, pos: usize) -> R {
        let StmtKind::AsyncWith { items, body, .. } = &s.kind else { unreachable!() };
        if self.top_level_await && self.ur().scope_type == ScopeType::Module {
            let ste = self.ur().ste;
            self.st.entries[ste].coroutine = true;
        } else if self.ur().scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async with' outside async function"));
        }
        let item = &items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.op(BEFORE_ASYNC_WITH);
        self.op_i(GET_AWAITABLE, 1);
        self.load_const(ConstValue::None);
        self.add_yield_from(true);
        self.jump(SETUP_WITH, final_);
        self.use_next_block(block);
        let mut f = self.fb(FBlockType::AsyncWith, block);
        f.exit = final_;
        f.stmt = Some(s);
        self.push_fblock(f)?;
        if let Some(v) = &item.optional_vars {
            self.visit_expr(v)?;
        } else {
            self.op(POP_TOP);
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.async_with(s, pos + 1)?;
        }
        self.pop_fblock();
        self.pseudo(POP_BLOCK);
        self.set_loc_pos(&s.pos);
        self.call_exit_with_nones();
        self.op_i(GET_AWAITABLE, 2);
        self.load_const(ConstValue::None);
        self.add_yield_from(true);
        self.op(POP_TOP);
        self.jump(JUMP, exit);
        self.use_next_block(final_);
        self.jump(SETUP_CLEANUP, cleanup);
        self.op(PUSH_EXC_INFO);
        self.op(WITH_EXCEPT_START);
        self.op_i(GET_AWAITABLE, 2);
        self.load_const(ConstValue::None);
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    fn assert_(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> R {
        let always_true = match &test.kind {
            ExprKind::Tuple { elts, .. } => !elts.is_empty(),
            ExprKind::Constant { value: Constant::Tuple(t), .. } => !t.is_empty(),
            _ => false,
        };
        if always_true {
            self.warn("assertion is always true, perhaps remove parentheses?");
        }
        if self.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.jump_if(test, end, true)?;
        self.op(LOAD_ASSERTION_ERROR);
        if let Some(m) = msg {
            self.visit_expr(m)?;
            self.op_i(PRECALL, 0);
            self.op_i(CALL, 0);
        }
        self.op_i(RAISE_VARARGS, 1);
        self.use_next_block(end);
        Ok(())
    }

    fn import(&mut self, names: &'a [Alias]) -> R {
        for a in names {
            self.load_const(ConstValue::Int(0.into()));
            self.load_const(ConstValue::None);
            self.op_name(IMPORT_NAME, &a.name);
            if let Some(asname) = &a.asname {
                let parts: Vec<&str> = a.name.split('.').collect();
                if parts.len() > 1 {
                    for (k, attr) in parts[1..].iter().enumerate() {
                        self.op_name_n(IMPORT_FROM, attr);
                        if k + 2 < parts.len() {
                            self.op_i(SWAP, 2);
                            self.op(POP_TOP);
                        }
                    }
                    self.nameop(asname, ExprContext::Store)?;
                    self.op(POP_TOP);
                } else {
                    self.nameop(asname, ExprContext::Store)?;
                }
            } else {
                let first = a.name.split('.').next().unwrap();
                self.nameop(first, ExprContext::Store)?;
            }
        }
        Ok(())
    }

    fn from_import(&mut self, s: &'a Stmt, module: Option<&str>, names: &'a [Alias], level: i32) -> R {
        self.load_const(ConstValue::Int(level.into()));
        let tuple = ConstValue::Tuple(names.iter().map(|a| ConstValue::Str(PyStr::from(a.name.as_str()))).collect());
        if s.pos.lineno > self.future_lineno && module == Some("__future__") {
            return Err(self.error("from __future__ imports must occur at the beginning of the file"));
        }
        self.load_const(tuple);
        self.op_name(IMPORT_NAME, module.unwrap_or(""));
        for (i, a) in names.iter().enumerate() {
            if i == 0 && a.name.starts_with('*') {
                self.op(IMPORT_STAR);
                return Ok(());
            }
            self.op_name(IMPORT_FROM, &a.name);
            let store = a.asname.as_deref().unwrap_or(&a.name);
            self.nameop(store, ExprContext::Store)?;
        }
        self.op(POP_TOP);
        Ok(())
    }

    fn augassign(&mut self, target: &'a Expr, op: Operator, value: &'a Expr) -> R {
        let old = self.ur().loc;
        self.set_loc_pos(&target.pos);
        match &target.kind {
            ExprKind::Attribute { value: v, attr, .. } => {
                self.visit_expr(v)?;
                self.op_i(COPY, 1);
                self.update_start_location_to_match_attr(target);
                self.op_name(LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value: v, slice, .. } => {
                self.visit_expr(v)?;
                self.visit_expr(slice)?;
                self.op_i(COPY, 2);
                self.op_i(COPY, 2);
                self.op(BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => return Err(self.error("invalid node type for augmented assignment")),
        }
        self.u().loc = old;
        self.visit_expr(value)?;
        self.binop(op, true);
        self.set_loc_pos(&target.pos);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.update_start_location_to_match_attr(target);
                self.op_i(SWAP, 2);
                self.op_name(STORE_ATTR, attr);
            }
            ExprKind::Subscript { .. } => {
                self.op_i(SWAP, 3);
                self.op_i(SWAP, 2);
                self.op(STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => unreachable!(),
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> R {
        self.visit_expr(e)?;
        self.op(POP_TOP);
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> R {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(x)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                for x in elts {
                    self.check_ann_subscr(x)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    fn annassign(&mut self, target: &'a Expr, annotation: &'a Expr, value: Option<&'a Expr>, simple: bool) -> R {
        if let Some(v) = value {
            self.visit_expr(v)?;
            self.visit_expr(target)?;
        }
        let module_or_class = matches!(self.ur().scope_type, ScopeType::Module | ScopeType::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if id == "__debug__" {
                    return Err(self.error("cannot assign to __debug__"));
                }
                if simple && module_or_class {
                    if self.future_flags & CO_FUTURE_ANNOTATIONS != 0 {
                        let s = crate::unparse::unparse_annotation(annotation);
                        self.load_const(ConstValue::Str(s));
                    } else {
                        self.visit_expr(annotation)?;
                    }
                    self.op_name(LOAD_NAME, "__annotations__");
                    let m = self.mangle(id);
                    self.load_const(ConstValue::Str(PyStr::from(m)));
                    self.op(STORE_SUBSCR);
                }
            }
            ExprKind::Attribute { value: v, .. } => {
                if value.is_none() {
                    self.check_ann_expr(v)?;
                }
            }
            ExprKind::Subscript { value: v, slice, .. } => {
                if value.is_none() {
                    self.check_ann_expr(v)?;
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => return Err(self.error("invalid node type for annotated assignment")),
        }
        if !simple && self.future_flags & CO_FUTURE_ANNOTATIONS == 0 && module_or_class {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }
}
