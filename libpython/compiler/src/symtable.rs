//! The symbol table (CPython 3.11's symtable.c): one scope per module, class, function,
//! lambda and comprehension, each name's flags, then the analysis that decides local,
//! global, free and cell variables.

use crate::ast::*;
use crate::error::{CompileError, ErrorKind};
use std::collections::{HashMap, HashSet};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE: u32 = 32;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_ANNOT: u32 = 256;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    Module,
    Class,
    Function,
}

#[derive(Debug)]
pub struct ScopeEntry {
    pub name: String,
    pub typ: BlockType,
    /// Names in first-seen order with their flags.
    pub symbols: Vec<(String, u32)>,
    pub index: HashMap<String, usize>,
    pub scopes: HashMap<String, Scope>,
    pub varnames: Vec<String>,
    pub children: Vec<usize>,
    pub nested: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub needs_class_closure: bool,
    pub lineno: i32,
    pub free: bool,
    /// The name mangling class, if any.
    pub private: Option<String>,
    /// Where each name was declared global or nonlocal (for errors found in analysis).
    pub directives: HashMap<String, Pos>,
}

impl ScopeEntry {
    pub fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }
    pub fn scope(&self, name: &str) -> Option<Scope> {
        self.scopes.get(name).copied()
    }
}

pub struct SymbolTable {
    pub entries: Vec<ScopeEntry>,
    /// AST node address -> scope index.
    pub by_node: HashMap<usize, usize>,
}

pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else { return name.to_string() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = p.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{}{}", stripped, name)
}

struct Builder {
    entries: Vec<ScopeEntry>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    future_annotations: bool,
}

fn err(msg: String, pos: Pos) -> CompileError {
    CompileError {
        kind: ErrorKind::SyntaxError,
        msg,
        lineno: pos.lineno,
        offset: pos.col_offset + 1,
        end_lineno: pos.end_lineno,
        end_offset: pos.end_col_offset + 1,
        text: None,
    }
}

type R = Result<(), CompileError>;

impl Builder {
    fn cur(&mut self) -> &mut ScopeEntry {
        let i = *self.stack.last().unwrap();
        &mut self.entries[i]
    }
    fn enter(&mut self, name: &str, typ: BlockType, node: usize, lineno: i32) {
        let parent = self.stack.last().copied();
        let nested = parent.map_or(false, |p| self.entries[p].nested || self.entries[p].typ == BlockType::Function);
        let private = parent.and_then(|p| self.entries[p].private.clone());
        let id = self.entries.len();
        self.entries.push(ScopeEntry {
            name: name.to_string(),
            typ,
            symbols: Vec::new(),
            index: HashMap::new(),
            scopes: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            nested,
            generator: false,
            coroutine: false,
            comprehension: false,
            varargs: false,
            varkeywords: false,
            needs_class_closure: false,
            lineno,
            free: false,
            private,
            directives: HashMap::new(),
        });
        if let Some(p) = parent {
            self.entries[p].children.push(id);
        }
        self.by_node.insert(node, id);
        self.stack.push(id);
    }
    fn exit(&mut self) {
        self.stack.pop();
    }
    fn add_def_in(&mut self, sid: usize, name: &str, flag: u32, pos: Pos) -> R {
        let mangled = mangle(self.entries[sid].private.as_deref(), name);
        let e = &mut self.entries[sid];
        let old = e.flags(&mangled);
        if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
            return Err(err(format!("duplicate argument '{}' in function definition", mangled), pos));
        }
        let val = old | flag;
        match e.index.get(&mangled) {
            Some(&i) => e.symbols[i].1 = val,
            None => {
                e.index.insert(mangled.clone(), e.symbols.len());
                e.symbols.push((mangled.clone(), val));
            }
        }
        if flag & DEF_PARAM != 0 {
            e.varnames.push(mangled.clone());
        } else if flag & DEF_GLOBAL != 0 {
            // Module-level globals: the module scope records the binding too.
            let top = 0;
            let t = &mut self.entries[top];
            let v = t.flags(&mangled) | flag;
            match t.index.get(&mangled) {
                Some(&i) => t.symbols[i].1 = v,
                None => {
                    t.index.insert(mangled.clone(), t.symbols.len());
                    t.symbols.push((mangled, v));
                }
            }
        }
        Ok(())
    }
    fn add_def(&mut self, name: &str, flag: u32, pos: Pos) -> R {
        let sid = *self.stack.last().unwrap();
        self.add_def_in(sid, name, flag, pos)
    }

    fn stmts(&mut self, body: &[Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match &s.kind {
            StmtKind::FunctionDef { name, args, body, decorator_list, returns, .. }
            | StmtKind::AsyncFunctionDef { name, args, body, decorator_list, returns, .. } => {
                self.add_def(name, DEF_LOCAL, s.pos)?;
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.annotations(args, returns.as_deref())?;
                self.exprs(decorator_list)?;
                self.enter(name, BlockType::Function, s as *const Stmt as usize, s.pos.lineno);
                if matches!(s.kind, StmtKind::AsyncFunctionDef { .. }) {
                    self.cur().coroutine = true;
                }
                self.arguments(args)?;
                self.stmts(body)?;
                self.exit();
            }
            StmtKind::ClassDef { name, bases, keywords, body, decorator_list } => {
                self.add_def(name, DEF_LOCAL, s.pos)?;
                self.exprs(bases)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.exprs(decorator_list)?;
                self.enter(name, BlockType::Class, s as *const Stmt as usize, s.pos.lineno);
                self.cur().private = Some(name.clone());
                self.stmts(body)?;
                self.exit();
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign { target, annotation, value, simple } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.cur();
                    let m = mangle(cur.private.as_deref(), id);
                    let f = cur.flags(&m);
                    if f & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && cur.typ != BlockType::Module && *simple != 0 {
                        let kind = if f & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(err(format!("annotated name '{}' can't be {}", id, kind), s.pos));
                    }
                    if *simple != 0 {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.pos)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.pos)?;
                    }
                } else {
                    self.expr(target)?;
                }
                if !self.future_annotations {
                    self.expr(annotation)?;
                }
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::For { target, iter, body, orelse, .. } | StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&c.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, h.pos)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    let store = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap().to_string(),
                    };
                    if store == "*" {
                        if self.cur().typ != BlockType::Module {
                            return Err(err("import * only allowed at module level".into(), a.pos));
                        }
                    } else {
                        self.add_def(&store, DEF_IMPORT, a.pos)?;
                    }
                }
            }
            StmtKind::Global { names } | StmtKind::Nonlocal { names } => {
                let global = matches!(s.kind, StmtKind::Global { .. });
                let kw = if global { "global" } else { "nonlocal" };
                for n in names {
                    let cur = self.cur();
                    let m = mangle(cur.private.as_deref(), n);
                    let f = cur.flags(&m);
                    if f & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if f & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and {}", n, kw)
                        } else if f & USE != 0 {
                            format!("name '{}' is used prior to {} declaration", n, kw)
                        } else if f & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be {}", n, kw)
                        } else {
                            format!("name '{}' is assigned to before {} declaration", n, kw)
                        };
                        return Err(err(msg, s.pos));
                    }
                    if !global && self.cur().typ == BlockType::Module {
                        return Err(err("nonlocal declaration not allowed at module level".into(), s.pos));
                    }
                    self.add_def(n, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, s.pos)?;
                    let m = mangle(self.cur().private.as_deref(), n);
                    self.cur().directives.entry(m).or_insert(s.pos);
                }
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&it.context_expr)?;
                    if let Some(v) = &it.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> R {
        if self.future_annotations {
            return Ok(());
        }
        for a in args.posonlyargs.iter().chain(&args.args).chain(args.vararg.as_deref()).chain(&args.kwonlyargs).chain(args.kwarg.as_deref()) {
            if let Some(an) = &a.annotation {
                self.expr(an)?;
            }
        }
        if let Some(r) = returns {
            self.expr(r)?;
        }
        Ok(())
    }

    fn arguments(&mut self, args: &Arguments) -> R {
        for a in args.posonlyargs.iter().chain(&args.args).chain(&args.kwonlyargs) {
            self.add_def(&a.arg, DEF_PARAM, a.pos)?;
        }
        if let Some(v) = &args.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.pos)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &args.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.pos)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern) -> R {
        match &p.kind {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q)?;
                }
            }
            PatternKind::MatchStar { name } => {
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.pos)?;
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(q) = pattern {
                    self.pattern(q)?;
                }
                if let Some(n) = name {
                    self.add_def(n, DEF_LOCAL, p.pos)?;
                }
            }
            PatternKind::MatchMapping { keys, patterns, rest } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                for q in patterns {
                    self.pattern(q)?;
                }
                if let Some(r) = rest {
                    self.add_def(r, DEF_LOCAL, p.pos)?;
                }
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls)?;
                for q in patterns.iter().chain(kwd_patterns) {
                    self.pattern(q)?;
                }
            }
        }
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        match &e.kind {
            ExprKind::Name { id, ctx } => {
                self.add_def(id, if *ctx == ExprContext::Load { USE } else { DEF_LOCAL }, e.pos)?;
                if *ctx == ExprContext::Load && self.cur().typ == BlockType::Function && id == "super" {
                    self.add_def("__class__", USE, e.pos)?;
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                if self.cur().comprehension {
                    if let ExprKind::Name { id, .. } = &target.kind {
                        self.extend_namedexpr_scope(id, target.pos)?;
                    }
                }
                self.expr(target)?;
            }
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.exprs(&args.defaults)?;
                for d in args.kw_defaults.iter().flatten() {
                    self.expr(d)?;
                }
                self.enter("lambda", BlockType::Function, e as *const Expr as usize, e.pos.lineno);
                self.arguments(args)?;
                self.expr(body)?;
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::Set { elts } | ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.exprs(elts)?,
            ExprKind::ListComp { elt, generators } => self.comprehension(e, "listcomp", generators, elt, None, false)?,
            ExprKind::SetComp { elt, generators } => self.comprehension(e, "setcomp", generators, elt, None, false)?,
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(e, "genexpr", generators, elt, None, true)?,
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, "dictcomp", generators, key, Some(value), false)?
            }
            ExprKind::Await { value } => {
                self.expr(value)?;
                self.cur().coroutine = true;
            }
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.cur().generator = true;
                self.raise_if_comprehension(e)?;
            }
            ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                self.cur().generator = true;
                self.raise_if_comprehension(e)?;
            }
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value)?;
                if let Some(f) = format_spec {
                    self.expr(f)?;
                }
            }
            ExprKind::JoinedStr { values } => self.exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred { value, .. } => self.expr(value)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
        }
        Ok(())
    }

    fn raise_if_comprehension(&mut self, e: &Expr) -> R {
        let cur = self.cur();
        if !cur.comprehension {
            return Ok(());
        }
        let what = match cur.name.as_str() {
            "listcomp" => "'yield' inside list comprehension",
            "setcomp" => "'yield' inside set comprehension",
            "dictcomp" => "'yield' inside dict comprehension",
            _ => "'yield' inside generator expression",
        };
        Err(err(what.into(), e.pos))
    }

    fn extend_namedexpr_scope(&mut self, name: &str, pos: Pos) -> R {
        let cur = *self.stack.last().unwrap();
        for k in (0..self.stack.len()).rev() {
            let sid = self.stack[k];
            let e = &self.entries[sid];
            if e.comprehension {
                if e.flags(name) & DEF_COMP_ITER != 0 {
                    return Err(err(
                        format!("assignment expression cannot rebind comprehension iteration variable '{}'", name),
                        pos,
                    ));
                }
                continue;
            }
            match e.typ {
                BlockType::Function => {
                    let m = mangle(e.private.as_deref(), name);
                    let flag = if e.flags(&m) & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def_in(cur, name, flag, pos)?;
                    self.entries[cur].directives.entry(m).or_insert(pos);
                    self.add_def_in(sid, name, DEF_LOCAL, pos)?;
                    return Ok(());
                }
                BlockType::Module => {
                    self.add_def_in(cur, name, DEF_GLOBAL, pos)?;
                    self.add_def_in(sid, name, DEF_GLOBAL, pos)?;
                    let m = mangle(self.entries[cur].private.as_deref(), name);
                    self.entries[cur].directives.entry(m).or_insert(pos);
                    return Ok(());
                }
                BlockType::Class => {
                    return Err(err(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        pos,
                    ))
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        gens: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
        is_gen: bool,
    ) -> R {
        let outer = &gens[0];
        self.expr(&outer.iter)?;
        self.enter(name, BlockType::Function, e as *const Expr as usize, e.pos.lineno);
        self.cur().comprehension = true;
        if outer.is_async != 0 {
            self.cur().coroutine = true;
        }
        if is_gen {
            self.cur().generator = true;
        }
        self.add_def(".0", DEF_PARAM, e.pos)?;
        self.comp_target(&outer.target)?;
        self.exprs(&outer.ifs)?;
        for g in &gens[1..] {
            self.expr(&g.iter)?;
            self.comp_target(&g.target)?;
            self.exprs(&g.ifs)?;
            if g.is_async != 0 {
                self.cur().coroutine = true;
            }
        }
        self.expr(elt)?;
        if let Some(v) = value {
            self.expr(v)?;
        }
        self.cur().generator = is_gen;
        let is_async = self.cur().coroutine && !is_gen;
        self.exit();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn comp_target(&mut self, t: &Expr) -> R {
        self.expr(t)?;
        self.mark_comp_iter(t)
    }

    /// Marks a comprehension's iteration variables; one that an assignment expression in
    /// the comprehension already bound (it is then global or nonlocal here) is an error.
    fn mark_comp_iter(&mut self, t: &Expr) -> R {
        match &t.kind {
            ExprKind::Name { id, .. } => {
                let cur = self.cur();
                let m = mangle(cur.private.as_deref(), id);
                if let Some(&i) = cur.index.get(&m) {
                    if cur.symbols[i].1 & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                        return Err(err(format!("comprehension inner loop cannot rebind assignment expression target '{m}'"), t.pos));
                    }
                    cur.symbols[i].1 |= DEF_COMP_ITER;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } | ExprKind::List { elts, .. } => elts.iter().try_for_each(|x| self.mark_comp_iter(x)),
            ExprKind::Starred { value, .. } => self.mark_comp_iter(value),
            _ => Ok(()),
        }
    }
}

// ---- analysis ----

struct Analyzer<'a> {
    entries: &'a mut Vec<ScopeEntry>,
}

impl Analyzer<'_> {
    fn analyze_block(
        &mut self,
        id: usize,
        bound: Option<&HashSet<String>>,
        free: &mut HashSet<String>,
        global: &mut HashSet<String>,
    ) -> R {
        let mut local: HashSet<String> = HashSet::new();
        let mut scopes: HashMap<String, Scope> = HashMap::new();
        let mut newglobal: HashSet<String> = HashSet::new();
        let mut newfree: HashSet<String> = HashSet::new();
        let mut newbound: HashSet<String> = HashSet::new();
        let typ = self.entries[id].typ;
        if typ == BlockType::Class {
            newglobal.extend(global.iter().cloned());
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
        }
        let symbols = self.entries[id].symbols.clone();
        let mut bound_local: Option<HashSet<String>> = bound.cloned();
        let directives = self.entries[id].directives.clone();
        let at = |name: &str| directives.get(name).copied().unwrap_or_default();
        for (name, flags) in &symbols {
            // analyze_name
            if flags & DEF_GLOBAL != 0 {
                if flags & DEF_NONLOCAL != 0 {
                    return Err(err(format!("name '{}' is nonlocal and global", name), at(name)));
                }
                scopes.insert(name.clone(), Scope::GlobalExplicit);
                global.insert(name.clone());
                if let Some(b) = bound_local.as_mut() {
                    b.remove(name);
                }
                continue;
            }
            if flags & DEF_NONLOCAL != 0 {
                match &bound_local {
                    None => {
                        return Err(err("nonlocal declaration not allowed at module level".into(), at(name)))
                    }
                    Some(b) if !b.contains(name) => {
                        return Err(err(format!("no binding for nonlocal '{}' found", name), at(name)))
                    }
                    _ => {}
                }
                scopes.insert(name.clone(), Scope::Free);
                self.entries[id].free = true;
                free.insert(name.clone());
                continue;
            }
            if flags & DEF_BOUND != 0 {
                scopes.insert(name.clone(), Scope::Local);
                local.insert(name.clone());
                global.remove(name);
                continue;
            }
            if bound_local.as_ref().map_or(false, |b| b.contains(name)) {
                scopes.insert(name.clone(), Scope::Free);
                self.entries[id].free = true;
                free.insert(name.clone());
                continue;
            }
            scopes.insert(name.clone(), Scope::GlobalImplicit);
        }
        let bound = bound_local.as_ref();
        if typ != BlockType::Class {
            if typ == BlockType::Function {
                newbound.extend(local.iter().cloned());
            }
            if let Some(b) = bound {
                newbound.extend(b.iter().cloned());
            }
            newglobal.extend(global.iter().cloned());
        } else {
            newbound.insert("__class__".to_string());
        }
        let mut allfree: HashSet<String> = HashSet::new();
        let children = self.entries[id].children.clone();
        for c in children {
            let mut temp_bound = newbound.clone();
            let mut temp_free = newfree.clone();
            let mut temp_global = newglobal.clone();
            let _ = &mut temp_bound;
            self.analyze_block(c, Some(&temp_bound), &mut temp_free, &mut temp_global)?;
            allfree.extend(temp_free);
        }
        newfree.extend(allfree);
        if typ == BlockType::Function {
            // analyze_cells
            for (name, sc) in scopes.iter_mut() {
                if *sc == Scope::Local && newfree.contains(name) {
                    *sc = Scope::Cell;
                    newfree.remove(name);
                }
            }
        } else if typ == BlockType::Class {
            if newfree.remove("__class__") {
                self.entries[id].needs_class_closure = true;
            }
        }
        // update_symbols
        let e = &mut self.entries[id];
        for name in newfree.iter() {
            if let Some(&i) = e.index.get(name) {
                if typ == BlockType::Class && e.symbols[i].1 & (DEF_BOUND | DEF_GLOBAL) != 0 {
                    e.symbols[i].1 |= DEF_FREE_CLASS;
                }
                continue;
            }
            if let Some(b) = bound {
                if !b.contains(name) {
                    continue;
                }
            } else {
                continue;
            }
            e.index.insert(name.clone(), e.symbols.len());
            e.symbols.push((name.clone(), DEF_FREE));
            scopes.insert(name.clone(), Scope::Free);
        }
        e.scopes = scopes;
        free.extend(newfree);
        Ok(())
    }
}

pub fn build(module: &Mod, future_annotations: bool) -> Result<SymbolTable, CompileError> {
    let mut b = Builder { entries: Vec::new(), by_node: HashMap::new(), stack: Vec::new(), future_annotations };
    b.enter("top", BlockType::Module, module as *const Mod as usize, 0);
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => b.stmts(body)?,
        Mod::Expression { body } => b.expr(body)?,
        Mod::FunctionType { .. } => {}
    }
    b.exit();
    let mut entries = b.entries;
    let mut free = HashSet::new();
    let mut global = HashSet::new();
    Analyzer { entries: &mut entries }.analyze_block(0, None, &mut free, &mut global)?;
    Ok(SymbolTable { entries, by_node: b.by_node })
}
