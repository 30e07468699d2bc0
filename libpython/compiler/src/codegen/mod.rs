//! Code generation: from the (optimized) AST and its symbol table to one flow graph per
//! code object, following CPython 3.11's compile.c, then assembled by `assemble.rs`.

mod expr;
mod pattern;
mod stmt;

use crate::assemble::{assemble, UnitInfo};
use crate::ast::*;
use crate::code::*;
use crate::error::{CompileError, CompileWarning, ErrorKind, Mode, WarningCategory};
use crate::flowgraph::*;
use crate::opcode::*;
use crate::symtable::{self, mangle, BlockType, Scope, SymbolTable};
use std::collections::HashMap;

/// Options of a compilation.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompileFlags {
    /// `-O` level: 1 drops asserts, 2 also docstrings.
    pub optimize: i32,
    /// `co_flags` bits from the caller (`PyCF_MASK` part: future features already in
    /// effect), merged with the module's own `from __future__` imports.
    pub future_flags: u32,
    /// `PyCF_ALLOW_TOP_LEVEL_AWAIT`.
    pub allow_top_level_await: bool,
    /// The caller's Python recursion depth and limit (0: 1000), from which CPython's
    /// compile-time recursion check counts.
    pub recursion_depth: usize,
    pub recursion_limit: usize,
}

pub const STACK_USE_GUIDELINE: usize = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeType {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FBlockType {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

#[derive(Clone)]
pub(crate) struct FBlock<'a> {
    pub typ: FBlockType,
    pub block: BlockId,
    pub exit: BlockId,
    pub body: Option<&'a [Stmt]>,
    pub stmt: Option<&'a Stmt>,
    pub name: Option<String>,
}

#[derive(Default)]
pub(crate) struct NameSet {
    pub v: Vec<String>,
    m: HashMap<String, u32>,
}

impl NameSet {
    pub fn add(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.m.get(s) {
            return i;
        }
        let i = self.v.len() as u32;
        self.v.push(s.to_string());
        self.m.insert(s.to_string(), i);
        i
    }
    pub fn len(&self) -> usize {
        self.v.len()
    }
}

pub(crate) struct Unit<'a> {
    pub cfg: Cfg,
    pub cur: BlockId,
    pub need_new_block: bool,
    pub consts: Vec<ConstValue>,
    pub const_index: HashMap<ConstKey, u32>,
    pub names: NameSet,
    pub varnames: NameSet,
    pub cellvars: NameSet,
    pub freevars: NameSet,
    pub loc: Loc,
    pub ste: usize,
    pub scope_type: ScopeType,
    pub name: String,
    pub qualname: String,
    pub private: Option<String>,
    pub firstlineno: i32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub fblocks: Vec<FBlock<'a>>,
}

pub(crate) struct Compiler<'a> {
    pub st: SymbolTable,
    pub units: Vec<Unit<'a>>,
    pub filename: String,
    pub optimize: i32,
    pub future_flags: u32,
    pub future_lineno: i32,
    pub interactive: bool,
    pub top_level_await: bool,
    pub warnings: Vec<CompileWarning>,
}

pub(crate) type R = Result<(), CompileError>;

pub(crate) fn pos_loc(p: &Pos) -> Loc {
    Loc { lineno: p.lineno, end_lineno: p.end_lineno, col: p.col_offset, end_col: p.end_col_offset }
}

pub(crate) const NOLINE: Loc = Loc { lineno: -1, end_lineno: 0, col: 0, end_col: 0 };

pub(crate) fn const_value(c: &Constant) -> ConstValue {
    match c {
        Constant::None => ConstValue::None,
        Constant::Bool(b) => ConstValue::Bool(*b),
        Constant::Ellipsis => ConstValue::Ellipsis,
        Constant::Int(i) => ConstValue::Int(i.clone()),
        Constant::Float(f) => ConstValue::Float(*f),
        Constant::Complex { real, imag } => ConstValue::Complex { real: *real, imag: *imag },
        Constant::Str(s) => ConstValue::Str(s.clone()),
        Constant::Bytes(b) => ConstValue::Bytes(b.clone()),
        Constant::Tuple(t) => ConstValue::Tuple(t.iter().map(const_value).collect()),
        Constant::FrozenSet(t) => ConstValue::FrozenSet(t.iter().map(const_value).collect()),
    }
}

pub fn docstring(body: &[Stmt]) -> Option<&PyStr> {
    if let Some(Stmt { kind: StmtKind::Expr { value }, .. }) = body.first() {
        if let ExprKind::Constant { value: Constant::Str(s), .. } = &value.kind {
            return Some(s);
        }
    }
    None
}

impl<'a> Compiler<'a> {
    pub fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().unwrap()
    }
    pub fn ur(&self) -> &Unit<'a> {
        self.units.last().unwrap()
    }

    pub fn error(&self, msg: impl Into<String>) -> CompileError {
        let l = self.ur().loc;
        CompileError {
            kind: ErrorKind::SyntaxError,
            msg: msg.into(),
            lineno: l.lineno,
            offset: l.col + 1,
            end_lineno: l.end_lineno,
            end_offset: l.end_col + 1,
            text: None,
        }
    }

    pub fn unsupported(&self, what: &str) -> CompileError {
        self.error(format!("Ferric's compiler does not support {} yet", what))
    }

    pub fn warn(&mut self, msg: impl Into<String>) {
        let l = self.ur().loc;
        self.warnings.push(CompileWarning {
            category: WarningCategory::SyntaxWarning,
            msg: msg.into(),
            lineno: l.lineno,
            col_offset: l.col,
            end_lineno: l.end_lineno,
            end_col_offset: l.end_col,
        });
    }

    // ---- blocks and instructions ----

    pub fn new_block(&mut self) -> BlockId {
        self.u().cfg.new_block()
    }

    pub fn use_next_block(&mut self, b: BlockId) {
        let u = self.u();
        let cur = u.cur;
        u.cfg.blocks[cur].next = Some(b);
        u.cur = b;
        u.need_new_block = false;
    }

    fn push_instr(&mut self, op: u16, arg: u32, target: BlockId, loc: Loc) {
        if self.ur().need_new_block {
            let b = self.new_block();
            self.use_next_block(b);
        }
        let u = self.u();
        let cur = u.cur;
        u.cfg.blocks[cur].instrs.push(Instr { op, arg, target, except: NO_BLOCK, loc });
        if is_jump_op(op) || matches!(op, crate::op16::RETURN_VALUE | crate::op16::RAISE_VARARGS | crate::op16::RERAISE) {
            u.need_new_block = true;
        }
    }

    pub fn op(&mut self, op: u8) {
        let loc = self.ur().loc;
        self.push_instr(op as u16, 0, NO_BLOCK, loc);
    }
    pub fn op_noline(&mut self, op: u16) {
        self.push_instr(op, 0, NO_BLOCK, NOLINE);
    }
    /// A pseudo-instruction without argument (POP_BLOCK).
    pub fn pseudo(&mut self, op: u16) {
        let loc = self.ur().loc;
        self.push_instr(op, 0, NO_BLOCK, loc);
    }
    pub fn op_i(&mut self, op: u8, arg: u32) {
        let loc = self.ur().loc;
        self.push_instr(op as u16, arg, NO_BLOCK, loc);
    }
    pub fn op_i_noline(&mut self, op: u8, arg: u32) {
        self.push_instr(op as u16, arg, NO_BLOCK, NOLINE);
    }
    pub fn jump(&mut self, op: impl Into<u16>, target: BlockId) {
        let loc = self.ur().loc;
        self.push_instr(op.into(), 0, target, loc);
    }
    pub fn jump_noline(&mut self, op: impl Into<u16>, target: BlockId) {
        self.push_instr(op.into(), 0, target, NOLINE);
    }

    pub fn add_const(&mut self, c: ConstValue) -> u32 {
        fn has_nan(c: &ConstValue) -> bool {
            match c {
                ConstValue::Float(f) => f.is_nan(),
                ConstValue::Complex { real, imag } => real.is_nan() || imag.is_nan(),
                ConstValue::Tuple(t) | ConstValue::FrozenSet(t) => t.iter().any(has_nan),
                _ => false,
            }
        }
        let u = self.u();
        if has_nan(&c) {
            // Each NaN is its own object and equal to nothing: CPython never merges them.
            u.consts.push(c);
            return (u.consts.len() - 1) as u32;
        }
        let key = c.key();
        if let Some(&i) = u.const_index.get(&key) {
            return i;
        }
        u.consts.push(c);
        let i = (u.consts.len() - 1) as u32;
        u.const_index.insert(key, i);
        i
    }
    pub fn load_const(&mut self, c: ConstValue) {
        let i = self.add_const(c);
        self.op_i(LOAD_CONST, i);
    }
    pub fn mangle(&self, name: &str) -> String {
        mangle(self.ur().private.as_deref(), name)
    }
    /// An instruction whose argument is a (mangled) name in co_names.
    pub fn op_name(&mut self, op: u8, name: &str) {
        let m = self.mangle(name);
        let i = self.u().names.add(&m);
        self.op_i(op, i);
    }
    /// As `op_name`, without mangling (IMPORT_FROM of dotted parts, ...).
    pub fn op_name_n(&mut self, op: u8, name: &str) {
        let i = self.u().names.add(name);
        self.op_i(op, i);
    }

    pub fn set_loc_pos(&mut self, p: &Pos) {
        self.u().loc = pos_loc(p);
    }
    pub fn unset_loc(&mut self) {
        self.u().loc = Loc::NONE;
    }

    // ---- scopes ----

    pub fn enter_scope(&mut self, name: &str, scope_type: ScopeType, node: usize, lineno: i32) -> R {
        let ste = *self.st.by_node.get(&node).expect("symbol table entry for node");
        let e = &self.st.entries[ste];
        let mut varnames = NameSet::default();
        for v in &e.varnames {
            varnames.add(v);
        }
        let mut cellvars = NameSet::default();
        let mut cells: Vec<&String> =
            e.symbols.iter().filter(|(n, _)| e.scope(n) == Some(Scope::Cell)).map(|(n, _)| n).collect();
        cells.sort();
        if e.needs_class_closure {
            cellvars.add("__class__");
        }
        for c in cells {
            cellvars.add(c);
        }
        let mut frees: Vec<&String> = e
            .symbols
            .iter()
            .filter(|(n, f)| e.scope(n) == Some(Scope::Free) || f & symtable::DEF_FREE_CLASS != 0)
            .map(|(n, _)| n)
            .collect();
        frees.sort();
        let mut freevars = NameSet::default();
        for f in frees {
            freevars.add(f);
        }
        let private = self.units.last().and_then(|u| u.private.clone());
        let mut cfg = Cfg::default();
        let entry = cfg.new_block();
        cfg.entry = entry;
        let unit = Unit {
            cfg,
            cur: entry,
            need_new_block: false,
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: NameSet::default(),
            varnames,
            cellvars,
            freevars,
            loc: Loc { lineno, end_lineno: lineno, col: 0, end_col: 0 },
            ste,
            scope_type,
            name: name.to_string(),
            qualname: String::new(),
            private,
            firstlineno: lineno,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            fblocks: Vec::new(),
        };
        self.units.push(unit);
        if scope_type == ScopeType::Module {
            self.u().loc.lineno = 0;
        } else {
            self.set_qualname();
        }
        self.op_i(RESUME, 0);
        if scope_type == ScopeType::Module {
            self.u().loc.lineno = -1;
        }
        Ok(())
    }

    fn set_qualname(&mut self) {
        let n = self.units.len();
        let u = &self.units[n - 1];
        let mut base: Option<String> = None;
        if n > 2 {
            let parent = &self.units[n - 2];
            let mut force_global = false;
            if matches!(u.scope_type, ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Class) {
                let m = mangle(parent.private.as_deref(), &u.name);
                if self.st.entries[parent.ste].scope(&m) == Some(Scope::GlobalExplicit) {
                    force_global = true;
                }
            }
            if !force_global {
                if matches!(parent.scope_type, ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Lambda) {
                    base = Some(format!("{}.<locals>", parent.qualname));
                } else {
                    base = Some(parent.qualname.clone());
                }
            }
        }
        let q = match base {
            Some(b) => format!("{}.{}", b, u.name),
            None => u.name.clone(),
        };
        self.u().qualname = q;
    }

    fn compute_code_flags(&self, u: &Unit) -> u32 {
        let e = &self.st.entries[u.ste];
        let mut flags = 0;
        if e.typ == BlockType::Function {
            flags |= CO_NEWLOCALS | CO_OPTIMIZED;
            if e.nested {
                flags |= CO_NESTED;
            }
            if e.generator && !e.coroutine {
                flags |= CO_GENERATOR;
            }
            if !e.generator && e.coroutine {
                flags |= CO_COROUTINE;
            }
            if e.generator && e.coroutine {
                flags |= CO_ASYNC_GENERATOR;
            }
            if e.varargs {
                flags |= CO_VARARGS;
            }
            if e.varkeywords {
                flags |= CO_VARKEYWORDS;
            }
        }
        flags |= self.future_flags;
        if self.top_level_await && e.typ == BlockType::Module && e.coroutine && !e.generator {
            flags |= CO_COROUTINE;
        }
        flags
    }

    /// Finishes the current unit: assembles it and pops it.
    pub fn exit_scope_assemble(&mut self, add_none: bool) -> Result<CodeObject, CompileError> {
        // Make sure every block that falls off the end returns None.
        let cur = self.ur().cur;
        let has_return = self.ur().cfg.blocks[cur].instrs.iter().any(|i| i.op == crate::op16::RETURN_VALUE);
        if !has_return {
            self.unset_loc();
            if add_none {
                self.load_const(ConstValue::None);
            }
            self.op(RETURN_VALUE);
        }
        let u = self.units.pop().unwrap();
        let flags = self.compute_code_flags(&u);
        let e = &self.st.entries[u.ste];
        let is_gen = e.generator || e.coroutine;
        let info = UnitInfo {
            qualname: if u.qualname.is_empty() { u.name.clone() } else { u.qualname },
            name: u.name,
            filename: self.filename.clone(),
            firstlineno: u.firstlineno,
            flags,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            consts: u.consts,
            names: u.names.v,
            varnames: u.varnames.v,
            cellvars: u.cellvars.v,
            freevars: u.freevars.v,
            is_generator_like: is_gen,
        };
        let cur = u.cur;
        assemble(u.cfg, info, add_none, cur).map_err(|m| CompileError {
            kind: ErrorKind::SyntaxError,
            msg: format!("internal compiler error: {}", m),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        })
    }

    pub fn ste(&self) -> &symtable::ScopeEntry {
        &self.st.entries[self.ur().ste]
    }

    // ---- names ----

    pub fn nameop(&mut self, name: &str, ctx: ExprContext) -> R {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error("cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error("cannot delete __debug__")),
                _ => {}
            }
        }
        let mangled = self.mangle(name);
        let scope = self.ste().scope(&mangled);
        let is_func = self.ste().typ == BlockType::Function;
        let is_class = self.ste().typ == BlockType::Class;
        enum OpType {
            Fast,
            Global,
            Deref,
            Name,
        }
        let mut optype = OpType::Name;
        let mut deref_idx = 0;
        match scope {
            Some(Scope::Free) => {
                optype = OpType::Deref;
                deref_idx = self.u().freevars.add(&mangled) + 0;
                // freevars indices follow the cells
                deref_idx += self.ur().cellvars.len() as u32;
            }
            Some(Scope::Cell) => {
                optype = OpType::Deref;
                deref_idx = self.u().cellvars.add(&mangled);
            }
            Some(Scope::Local) => {
                if is_func {
                    optype = OpType::Fast;
                }
            }
            Some(Scope::GlobalImplicit) => {
                if is_func {
                    optype = OpType::Global;
                }
            }
            Some(Scope::GlobalExplicit) => optype = OpType::Global,
            None => {}
        }
        match optype {
            OpType::Deref => {
                let op = match ctx {
                    ExprContext::Load => {
                        if is_class {
                            LOAD_CLASSDEREF
                        } else {
                            LOAD_DEREF
                        }
                    }
                    ExprContext::Store => STORE_DEREF,
                    ExprContext::Del => DELETE_DEREF,
                };
                self.op_i(op, deref_idx);
            }
            OpType::Fast => {
                let op = match ctx {
                    ExprContext::Load => LOAD_FAST,
                    ExprContext::Store => STORE_FAST,
                    ExprContext::Del => DELETE_FAST,
                };
                let i = self.u().varnames.add(&mangled);
                self.op_i(op, i);
            }
            OpType::Global => {
                let i = self.u().names.add(&mangled);
                match ctx {
                    ExprContext::Load => self.op_i(LOAD_GLOBAL, i << 1),
                    ExprContext::Store => self.op_i(STORE_GLOBAL, i),
                    ExprContext::Del => self.op_i(DELETE_GLOBAL, i),
                }
            }
            OpType::Name => {
                let i = self.u().names.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => LOAD_NAME,
                    ExprContext::Store => STORE_NAME,
                    ExprContext::Del => DELETE_NAME,
                };
                self.op_i(op, i);
            }
        }
        Ok(())
    }

    /// LOAD_CLOSUREs and MAKE_FUNCTION for a code object just built.
    pub fn make_closure(&mut self, co: CodeObject, mut flags: u32) {
        let frees = co.freevars();
        if !frees.is_empty() {
            for name in &frees {
                let is_class_cell = self.ur().scope_type == ScopeType::Class && name == "__class__";
                let reftype = if is_class_cell { Some(Scope::Cell) } else { self.ste().scope(name) };
                let arg = if reftype == Some(Scope::Cell) {
                    self.u().cellvars.add(name)
                } else {
                    let n = self.ur().cellvars.len() as u32;
                    self.u().freevars.add(name) + n
                };
                self.op_i(LOAD_CLOSURE, arg);
            }
            flags |= 0x08;
            self.op_i(BUILD_TUPLE, frees.len() as u32);
        }
        self.load_const(ConstValue::Code(Box::new(co)));
        self.op_i(MAKE_FUNCTION, flags);
    }

    // ---- frame blocks ----

    pub fn push_fblock(&mut self, f: FBlock<'a>) -> R {
        if self.ur().fblocks.len() >= 20 {
            return Err(self.error("too many statically nested blocks"));
        }
        self.u().fblocks.push(f);
        Ok(())
    }
    pub fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }
    pub fn fb(&self, t: FBlockType, block: BlockId) -> FBlock<'a> {
        FBlock { typ: t, block, exit: NO_BLOCK, body: None, stmt: None, name: None }
    }
}

fn future_features(body: &[Stmt]) -> Result<(u32, i32), CompileError> {
    let mut flags = 0;
    let mut lineno = -1;
    let mut done = false;
    let mut prev_line = 0;
    for (i, s) in body.iter().enumerate() {
        // Past the future imports, only the rest of the same line is looked at here (as
        // CPython's future.c); later lines are codegen's check.
        if done && s.pos.lineno > prev_line {
            break;
        }
        prev_line = s.pos.lineno;
        match &s.kind {
            StmtKind::ImportFrom { module: Some(m), .. } if m == "__future__" && done => {
                return Err(CompileError {
                    kind: ErrorKind::SyntaxError,
                    msg: "from __future__ imports must occur at the beginning of the file".into(),
                    lineno: s.pos.lineno,
                    offset: s.pos.col_offset,
                    end_lineno: s.pos.lineno,
                    end_offset: s.pos.col_offset,
                    text: None,
                });
            }
            StmtKind::ImportFrom { module: Some(m), names, .. } if m == "__future__" => {
                lineno = s.pos.lineno;
                for a in names {
                    match a.name.as_str() {
                        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
                        | "print_function" | "unicode_literals" | "generator_stop" => {}
                        "barry_as_FLUFL" => flags |= CO_FUTURE_BARRY_AS_BDFL,
                        "annotations" => flags |= CO_FUTURE_ANNOTATIONS,
                        "braces" => {
                            return Err(CompileError {
                                kind: ErrorKind::SyntaxError,
                                msg: "not a chance".into(),
                                lineno: s.pos.lineno,
                                offset: s.pos.col_offset + 1,
                                end_lineno: s.pos.end_lineno,
                                end_offset: s.pos.end_col_offset + 1,
                                text: None,
                            })
                        }
                        other => {
                            return Err(CompileError {
                                kind: ErrorKind::SyntaxError,
                                msg: format!("future feature {} is not defined", other),
                                lineno: s.pos.lineno,
                                offset: s.pos.col_offset + 1,
                                end_lineno: s.pos.end_lineno,
                                end_offset: s.pos.end_col_offset + 1,
                                text: None,
                            })
                        }
                    }
                }
            }
            StmtKind::Expr { value } if i == 0 && matches!(&value.kind, ExprKind::Constant { value: Constant::Str(_), .. }) => {}
            _ => done = true,
        }
    }
    Ok((flags, lineno))
}

/// Compiles a module's AST to a code object, as python3.11's `compile(src, filename, mode)`.
pub fn compile(
    module: &Mod,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> Result<(CodeObject, Vec<CompileWarning>), CompileError> {
    // A bug of ours must not take the interpreter down: report it as an error instead.
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compile_inner(module, filename, mode, flags))) {
        Ok(r) => r,
        Err(_) => Err(CompileError {
            kind: ErrorKind::SyntaxError,
            msg: "internal compiler error (Ferric's code generator panicked)".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }),
    }
}

fn compile_inner(
    module: &Mod,
    filename: &str,
    mode: Mode,
    flags: CompileFlags,
) -> Result<(CodeObject, Vec<CompileWarning>), CompileError> {
    let _ = mode;
    let (ff, flineno) = match module {
        Mod::Module { body, .. } => future_features(body)?,
        _ => (0, -1),
    };
    let future_flags = ff | flags.future_flags;
    // ast_opt.c and symtable.c: nesting counted from 3x the caller's depth, limit 3x
    let limit = if flags.recursion_limit == 0 { 1000 } else { flags.recursion_limit };
    if crate::ast_validate::too_deep(module, flags.recursion_depth.saturating_mul(3), limit.saturating_mul(3)) {
        return Err(CompileError {
            kind: crate::error::ErrorKind::RecursionError,
            msg: "maximum recursion depth exceeded during compilation".into(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        });
    }
    let optimized = crate::ast_opt::optimize(module, flags.optimize, future_flags & CO_FUTURE_ANNOTATIONS != 0);
    let st = symtable::build(&optimized, future_flags & CO_FUTURE_ANNOTATIONS != 0)?;
    let mut c = Compiler {
        st,
        units: Vec::new(),
        filename: filename.to_string(),
        optimize: flags.optimize,
        future_flags,
        future_lineno: flineno,
        interactive: false,
        top_level_await: flags.allow_top_level_await,
        warnings: Vec::new(),
    };
    let co = c.compile_mod(&optimized)?;
    Ok((co, c.warnings))
}

impl<'a> Compiler<'a> {
    fn compile_mod(&mut self, m: &'a Mod) -> Result<CodeObject, CompileError> {
        self.enter_scope("<module>", ScopeType::Module, m as *const Mod as usize, 1)?;
        self.u().loc.lineno = 1;
        let mut add_none = true;
        match m {
            Mod::Module { body, .. } => self.body(body)?,
            Mod::Interactive { body } => {
                if stmt::find_ann(body) {
                    self.op(SETUP_ANNOTATIONS);
                }
                self.interactive = true;
                for s in body {
                    self.stmt(s)?;
                }
            }
            Mod::Expression { body } => {
                self.visit_expr(body)?;
                add_none = false;
            }
            Mod::FunctionType { .. } => return Err(self.unsupported("func_type mode")),
        }
        self.exit_scope_assemble(add_none)
    }

    /// compiler_body: docstring and annotations setup, then the statements.
    pub fn body(&mut self, stmts: &'a [Stmt]) -> R {
        if self.ur().scope_type == ScopeType::Module && !stmts.is_empty() {
            self.set_loc_pos(&stmts[0].pos);
        }
        if stmt::find_ann(stmts) {
            self.op(SETUP_ANNOTATIONS);
        }
        if stmts.is_empty() {
            return Ok(());
        }
        let mut i = 0;
        if self.optimize < 2 {
            if docstring(stmts).is_some() {
                i = 1;
                if let StmtKind::Expr { value } = &stmts[0].kind {
                    self.visit_expr(value)?;
                }
                self.unset_loc();
                self.nameop("__doc__", ExprContext::Store)?;
            }
        }
        for s in &stmts[i..] {
            self.stmt(s)?;
        }
        Ok(())
    }
}

