//! The control flow graph codegen emits into, and CPython 3.11's passes over it
//! (`optimize_cfg`, `duplicate_exits_without_lineno`, `propagate_line_numbers`, the stack
//! depth, exception handler labelling), in the order compile.c's `assemble()` runs them.

use crate::code::ConstValue;
use crate::op16::*;
use crate::opcode::INLINE_CACHE_ENTRIES;

// Pseudo-instructions (CPython's negative opcodes), resolved before assembly.
pub const SETUP_FINALLY: u16 = 256;
pub const SETUP_CLEANUP: u16 = 257;
pub const SETUP_WITH: u16 = 258;
pub const POP_BLOCK: u16 = 259;
pub const JUMP: u16 = 260;
pub const JUMP_NO_INTERRUPT: u16 = 261;
pub const POP_JUMP_IF_FALSE: u16 = 262;
pub const POP_JUMP_IF_TRUE: u16 = 263;
pub const POP_JUMP_IF_NONE: u16 = 264;
pub const POP_JUMP_IF_NOT_NONE: u16 = 265;

pub type BlockId = usize;
pub const NO_BLOCK: BlockId = usize::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Loc {
    pub lineno: i32,
    pub end_lineno: i32,
    pub col: i32,
    pub end_col: i32,
}

impl Loc {
    pub const NONE: Loc = Loc { lineno: -1, end_lineno: -1, col: -1, end_col: -1 };
}

#[derive(Clone, Copy, Debug)]
pub struct Instr {
    pub op: u16,
    pub arg: u32,
    pub target: BlockId,
    pub except: BlockId,
    pub loc: Loc,
}

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub instrs: Vec<Instr>,
    pub next: Option<BlockId>,
    pub exit: bool,
    pub nofallthrough: bool,
    pub predecessors: u32,
    pub visited: bool,
    pub startdepth: i32,
    pub offset: u32,
    pub preserve_lasti: bool,
    pub exceptstack: Option<Vec<BlockId>>,
}

pub fn is_virtual_jump(op: u16) -> bool {
    matches!(
        op,
        JUMP | JUMP_NO_INTERRUPT | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE
    )
}

pub fn is_real_jump(op: u16) -> bool {
    matches!(op, 93 | 110 | 111 | 112 | 114 | 115 | 123 | 128 | 129 | 134 | 140 | 173 | 174 | 175 | 176)
}

pub fn is_jump_op(op: u16) -> bool {
    is_virtual_jump(op) || is_real_jump(op)
}

pub fn is_block_push_op(op: u16) -> bool {
    matches!(op, SETUP_FINALLY | SETUP_WITH | SETUP_CLEANUP)
}

pub fn is_backwards_jump(op: u16) -> bool {
    matches!(op, 140 | 134 | 173 | 174 | 175 | 176)
}

pub fn has_arg(op: u16) -> bool {
    op >= 90
}

pub fn instr_size(i: &Instr) -> u32 {
    let arg = if has_arg(i.op) { i.arg } else { 0 };
    let ext = (arg > 0xFFFFFF) as u32 + (arg > 0xFFFF) as u32 + (arg > 0xFF) as u32;
    ext + 1 + INLINE_CACHE_ENTRIES[i.op as usize] as u32
}

/// compile.c's `stack_effect`; None for an unknown opcode.
pub fn stack_effect(op: u16, arg: u32, jump: bool) -> Option<i32> {
    let a = arg as i32;
    Some(match op {
        NOP | EXTENDED_ARG | RESUME | CACHE => 0,
        POP_TOP => -1,
        SWAP => 0,
        UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => 0,
        SET_ADD | LIST_APPEND => -1,
        MAP_ADD => -2,
        BINARY_SUBSCR => -1,
        STORE_SUBSCR => -3,
        DELETE_SUBSCR => -2,
        GET_ITER => 0,
        PRINT_EXPR => -1,
        LOAD_BUILD_CLASS => 1,
        RETURN_VALUE => -1,
        IMPORT_STAR => -1,
        SETUP_ANNOTATIONS => 0,
        ASYNC_GEN_WRAP | YIELD_VALUE => 0,
        POP_BLOCK => 0,
        POP_EXCEPT => -1,
        STORE_NAME => -1,
        DELETE_NAME => 0,
        UNPACK_SEQUENCE => a - 1,
        UNPACK_EX => (a & 0xFF) + (a >> 8),
        FOR_ITER => {
            if jump {
                -1
            } else {
                1
            }
        }
        SEND => {
            if jump {
                -1
            } else {
                0
            }
        }
        STORE_ATTR => -2,
        DELETE_ATTR => -1,
        STORE_GLOBAL => -1,
        DELETE_GLOBAL => 0,
        LOAD_CONST => 1,
        LOAD_NAME => 1,
        BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - a,
        BUILD_MAP => 1 - 2 * a,
        BUILD_CONST_KEY_MAP => -a,
        LOAD_ATTR => 0,
        COMPARE_OP | IS_OP | CONTAINS_OP => -1,
        CHECK_EXC_MATCH | CHECK_EG_MATCH => 0,
        IMPORT_NAME => -1,
        IMPORT_FROM => 1,
        JUMP_FORWARD | JUMP_BACKWARD | JUMP | JUMP_BACKWARD_NO_INTERRUPT | JUMP_NO_INTERRUPT => 0,
        JUMP_IF_TRUE_OR_POP | JUMP_IF_FALSE_OR_POP => {
            if jump {
                0
            } else {
                -1
            }
        }
        POP_JUMP_BACKWARD_IF_NONE | POP_JUMP_FORWARD_IF_NONE | POP_JUMP_IF_NONE
        | POP_JUMP_BACKWARD_IF_NOT_NONE | POP_JUMP_FORWARD_IF_NOT_NONE | POP_JUMP_IF_NOT_NONE
        | POP_JUMP_FORWARD_IF_FALSE | POP_JUMP_BACKWARD_IF_FALSE | POP_JUMP_IF_FALSE
        | POP_JUMP_FORWARD_IF_TRUE | POP_JUMP_BACKWARD_IF_TRUE | POP_JUMP_IF_TRUE => -1,
        LOAD_GLOBAL => (a & 1) + 1,
        SETUP_FINALLY => jump as i32,
        SETUP_CLEANUP => {
            if jump {
                2
            } else {
                0
            }
        }
        SETUP_WITH => jump as i32,
        PREP_RERAISE_STAR => -1,
        RERAISE => -1,
        PUSH_EXC_INFO => 1,
        WITH_EXCEPT_START => 1,
        LOAD_FAST => 1,
        STORE_FAST => -1,
        DELETE_FAST => 0,
        RETURN_GENERATOR => 0,
        RAISE_VARARGS => -a,
        PRECALL => -a,
        KW_NAMES => 0,
        CALL => -1,
        CALL_FUNCTION_EX => -2 - ((a & 1) != 0) as i32,
        MAKE_FUNCTION => -(((a & 1) != 0) as i32) - ((a & 2) != 0) as i32 - ((a & 4) != 0) as i32 - ((a & 8) != 0) as i32,
        BUILD_SLICE => {
            if a == 3 {
                -2
            } else {
                -1
            }
        }
        MAKE_CELL | COPY_FREE_VARS => 0,
        LOAD_CLOSURE => 1,
        LOAD_DEREF | LOAD_CLASSDEREF => 1,
        STORE_DEREF => -1,
        DELETE_DEREF => 0,
        GET_AWAITABLE => 0,
        BEFORE_ASYNC_WITH | BEFORE_WITH => 1,
        GET_AITER => 0,
        GET_ANEXT => 1,
        GET_YIELD_FROM_ITER => 0,
        END_ASYNC_FOR => -2,
        FORMAT_VALUE => {
            if (a & 0x4) == 0x4 {
                -1
            } else {
                0
            }
        }
        LOAD_METHOD => 1,
        LOAD_ASSERTION_ERROR => 1,
        LIST_TO_TUPLE => 0,
        LIST_EXTEND | SET_UPDATE | DICT_MERGE | DICT_UPDATE => -1,
        MATCH_CLASS => -2,
        GET_LEN | MATCH_MAPPING | MATCH_SEQUENCE | MATCH_KEYS => 1,
        COPY | PUSH_NULL => 1,
        BINARY_OP => -1,
        _ => return None,
    })
}

/// A unit's flow graph. Blocks are numbered in allocation order; CPython's `b_list` is the
/// reverse of that.
#[derive(Default)]
pub struct Cfg {
    pub blocks: Vec<Block>,
    pub entry: BlockId,
}

impl Cfg {
    pub fn new_block(&mut self) -> BlockId {
        self.blocks.push(Block { startdepth: i32::MIN, ..Default::default() });
        self.blocks.len() - 1
    }

    fn b_list(&self) -> Vec<BlockId> {
        (0..self.blocks.len()).rev().collect()
    }

    fn chain(&self) -> Vec<BlockId> {
        let mut v = Vec::new();
        let mut b = Some(self.entry);
        while let Some(id) = b {
            v.push(id);
            b = self.blocks[id].next;
        }
        v
    }

    fn skip_empty(&self, mut t: BlockId) -> BlockId {
        while self.blocks[t].instrs.is_empty() {
            t = self.blocks[t].next.expect("empty block at end");
        }
        t
    }

    pub fn normalize_basic_block(&mut self, b: BlockId) -> Result<(), String> {
        let n = self.blocks[b].instrs.len();
        for i in 0..n {
            let op = self.blocks[b].instrs[i].op;
            match op {
                RETURN_VALUE | RAISE_VARARGS | RERAISE => {
                    self.blocks[b].exit = true;
                    self.blocks[b].nofallthrough = true;
                }
                JUMP | JUMP_NO_INTERRUPT | POP_JUMP_IF_NOT_NONE | POP_JUMP_IF_NONE | POP_JUMP_IF_FALSE
                | POP_JUMP_IF_TRUE | JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP | FOR_ITER => {
                    if op == JUMP || op == JUMP_NO_INTERRUPT {
                        self.blocks[b].nofallthrough = true;
                    }
                    if i != n - 1 {
                        return Err("malformed control flow graph.".into());
                    }
                    let t = self.skip_empty(self.blocks[b].instrs[i].target);
                    self.blocks[b].instrs[i].target = t;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn has_lineno(&self, b: BlockId) -> bool {
        self.blocks[b].instrs.iter().any(|i| i.loc.lineno > 0)
    }

    pub fn extend_block(&mut self, b: BlockId) {
        let Some(last) = self.blocks[b].instrs.last().copied() else { return };
        if last.op != JUMP && last.op != JUMP_FORWARD && last.op != JUMP_BACKWARD {
            return;
        }
        let t = last.target;
        if self.blocks[t].exit && self.blocks[t].instrs.len() <= 4 {
            if self.has_lineno(t) {
                return;
            }
            let copy = self.blocks[t].instrs.clone();
            let blk = &mut self.blocks[b];
            blk.instrs.last_mut().unwrap().op = NOP;
            blk.instrs.extend(copy);
            blk.exit = true;
        }
    }

    pub fn clean_basic_block(&mut self, b: BlockId) {
        let n = self.blocks[b].instrs.len();
        let mut out: Vec<Instr> = Vec::with_capacity(n);
        let mut prev_lineno = -1;
        for src in 0..n {
            let ins = self.blocks[b].instrs[src];
            let lineno = ins.loc.lineno;
            if ins.op == NOP {
                if lineno < 0 {
                    continue;
                }
                if prev_lineno == lineno {
                    continue;
                }
                if src < n - 1 {
                    let next_lineno = self.blocks[b].instrs[src + 1].loc.lineno;
                    if next_lineno == lineno {
                        continue;
                    }
                    if next_lineno < 0 {
                        self.blocks[b].instrs[src + 1].loc = ins.loc;
                        continue;
                    }
                } else {
                    let mut next = self.blocks[b].next;
                    while let Some(nb) = next {
                        if !self.blocks[nb].instrs.is_empty() {
                            break;
                        }
                        next = self.blocks[nb].next;
                    }
                    if let Some(nb) = next {
                        if lineno == self.blocks[nb].instrs[0].loc.lineno {
                            continue;
                        }
                    }
                }
            }
            out.push(ins);
            prev_lineno = lineno;
        }
        self.blocks[b].instrs = out;
    }

    fn mark_reachable(&mut self) {
        let mut stack = vec![self.entry];
        self.blocks[self.entry].predecessors = 1;
        while let Some(b) = stack.pop() {
            if let Some(n) = self.blocks[b].next {
                if !self.blocks[b].nofallthrough {
                    if self.blocks[n].predecessors == 0 {
                        stack.push(n);
                    }
                    self.blocks[n].predecessors += 1;
                }
            }
            for i in 0..self.blocks[b].instrs.len() {
                let ins = self.blocks[b].instrs[i];
                if is_jump_op(ins.op) || is_block_push_op(ins.op) {
                    let t = ins.target;
                    if self.blocks[t].predecessors == 0 {
                        stack.push(t);
                    }
                    self.blocks[t].predecessors += 1;
                }
            }
        }
    }

    fn eliminate_empty_basic_blocks(&mut self) {
        let mut b = Some(self.entry);
        while let Some(id) = b {
            if let Some(mut next) = self.blocks[id].next {
                while self.blocks[next].instrs.is_empty() && self.blocks[next].next.is_some() {
                    next = self.blocks[next].next.unwrap();
                }
                self.blocks[id].next = Some(next);
            }
            b = self.blocks[id].next;
        }
        for id in self.chain() {
            if let Some(last) = self.blocks[id].instrs.last() {
                if is_jump_op(last.op) {
                    let t = self.skip_empty(last.target);
                    self.blocks[id].instrs.last_mut().unwrap().target = t;
                }
            }
        }
    }

    fn jump_thread(&mut self, b: BlockId, i: usize, target: &Instr, op: u16) -> bool {
        let ins = &mut self.blocks[b].instrs[i];
        if ins.loc.lineno == target.loc.lineno && ins.target != target.target {
            ins.target = target.target;
            ins.op = op;
            true
        } else {
            false
        }
    }

    fn optimize_basic_block(&mut self, b: BlockId, consts: &mut Vec<ConstValue>) {
        let nop = Instr { op: NOP, arg: 0, target: NO_BLOCK, except: NO_BLOCK, loc: Loc::NONE };
        let mut i: isize = 0;
        while (i as usize) < self.blocks[b].instrs.len() {
            let iu = i as usize;
            let n = self.blocks[b].instrs.len();
            let inst = self.blocks[b].instrs[iu];
            let oparg = inst.arg;
            let nextop = if iu + 1 < n { self.blocks[b].instrs[iu + 1].op } else { 0 };
            let target = if is_jump_op(inst.op) || is_block_push_op(inst.op) {
                let t = self.skip_empty(inst.target);
                self.blocks[b].instrs[iu].target = t;
                self.blocks[t].instrs[0]
            } else {
                nop
            };
            match inst.op {
                LOAD_CONST => match nextop {
                    POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE => {
                        let is_true = consts[oparg as usize].is_true();
                        self.blocks[b].instrs[iu].op = NOP;
                        let jump_if_true = nextop == POP_JUMP_IF_TRUE;
                        if is_true == jump_if_true {
                            self.blocks[b].instrs[iu + 1].op = JUMP;
                            self.blocks[b].nofallthrough = true;
                        } else {
                            self.blocks[b].instrs[iu + 1].op = NOP;
                        }
                    }
                    JUMP_IF_FALSE_OR_POP | JUMP_IF_TRUE_OR_POP => {
                        let is_true = consts[oparg as usize].is_true();
                        let jump_if_true = nextop == JUMP_IF_TRUE_OR_POP;
                        if is_true == jump_if_true {
                            self.blocks[b].instrs[iu + 1].op = JUMP;
                            self.blocks[b].nofallthrough = true;
                        } else {
                            self.blocks[b].instrs[iu].op = NOP;
                            self.blocks[b].instrs[iu + 1].op = NOP;
                        }
                    }
                    IS_OP => {
                        let jump_op = if iu + 2 < n { self.blocks[b].instrs[iu + 2].op } else { 0 };
                        if consts[oparg as usize] == ConstValue::None
                            && (jump_op == POP_JUMP_IF_FALSE || jump_op == POP_JUMP_IF_TRUE)
                        {
                            let nextarg = self.blocks[b].instrs[iu + 1].arg;
                            self.blocks[b].instrs[iu].op = NOP;
                            self.blocks[b].instrs[iu + 1].op = NOP;
                            let x = (nextarg != 0) ^ (jump_op == POP_JUMP_IF_FALSE);
                            self.blocks[b].instrs[iu + 2].op = if x { POP_JUMP_IF_NOT_NONE } else { POP_JUMP_IF_NONE };
                        }
                    }
                    _ => {}
                },
                BUILD_TUPLE => {
                    if nextop == UNPACK_SEQUENCE && oparg == self.blocks[b].instrs[iu + 1].arg {
                        match oparg {
                            1 => {
                                self.blocks[b].instrs[iu].op = NOP;
                                self.blocks[b].instrs[iu + 1].op = NOP;
                                i += 1;
                                continue;
                            }
                            2 | 3 => {
                                self.blocks[b].instrs[iu].op = NOP;
                                self.blocks[b].instrs[iu + 1].op = SWAP;
                                i += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if iu >= oparg as usize {
                        self.fold_tuple_on_constants(b, iu - oparg as usize, oparg as usize, consts);
                    }
                }
                JUMP_IF_FALSE_OR_POP => match target.op {
                    POP_JUMP_IF_FALSE => i -= self.jump_thread(b, iu, &target, POP_JUMP_IF_FALSE) as isize,
                    JUMP | JUMP_IF_FALSE_OR_POP => {
                        i -= self.jump_thread(b, iu, &target, JUMP_IF_FALSE_OR_POP) as isize
                    }
                    JUMP_IF_TRUE_OR_POP | POP_JUMP_IF_TRUE => {
                        if inst.loc.lineno == target.loc.lineno {
                            let t = self.blocks[b].instrs[iu].target;
                            let nt = self.blocks[t].next.unwrap();
                            let ins = &mut self.blocks[b].instrs[iu];
                            ins.op = POP_JUMP_IF_FALSE;
                            ins.target = nt;
                            i -= 1;
                        }
                    }
                    _ => {}
                },
                JUMP_IF_TRUE_OR_POP => match target.op {
                    POP_JUMP_IF_TRUE => i -= self.jump_thread(b, iu, &target, POP_JUMP_IF_TRUE) as isize,
                    JUMP | JUMP_IF_TRUE_OR_POP => {
                        i -= self.jump_thread(b, iu, &target, JUMP_IF_TRUE_OR_POP) as isize
                    }
                    JUMP_IF_FALSE_OR_POP | POP_JUMP_IF_FALSE => {
                        if inst.loc.lineno == target.loc.lineno {
                            let t = self.blocks[b].instrs[iu].target;
                            let nt = self.blocks[t].next.unwrap();
                            let ins = &mut self.blocks[b].instrs[iu];
                            ins.op = POP_JUMP_IF_TRUE;
                            ins.target = nt;
                            i -= 1;
                        }
                    }
                    _ => {}
                },
                POP_JUMP_IF_NOT_NONE | POP_JUMP_IF_NONE | POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | JUMP => {
                    if target.op == JUMP {
                        i -= self.jump_thread(b, iu, &target, inst.op) as isize;
                    }
                }
                SWAP => {
                    if oparg == 1 {
                        self.blocks[b].instrs[iu].op = NOP;
                    } else {
                        let mut ix = iu;
                        swaptimize(&mut self.blocks[b].instrs, &mut ix);
                        i = ix as isize;
                        apply_static_swaps(&mut self.blocks[b].instrs, ix as isize);
                    }
                }
                PUSH_NULL => {
                    // compile.c tests the opcode's low bit here (always clear for LOAD_GLOBAL).
                    if nextop == LOAD_GLOBAL {
                        self.blocks[b].instrs[iu].op = NOP;
                        self.blocks[b].instrs[iu].arg = 0;
                        self.blocks[b].instrs[iu + 1].arg |= 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn fold_tuple_on_constants(&mut self, b: BlockId, start: usize, n: usize, consts: &mut Vec<ConstValue>) {
        let ins = &self.blocks[b].instrs;
        for k in 0..n {
            if ins[start + k].op != LOAD_CONST {
                return;
            }
        }
        let tuple = ConstValue::Tuple((0..n).map(|k| consts[ins[start + k].arg as usize].clone()).collect());
        let key = tuple.key();
        let index = match consts.iter().position(|c| matches!(c, ConstValue::Tuple(_)) && c.key() == key) {
            Some(i) => i,
            None => {
                consts.push(tuple);
                consts.len() - 1
            }
        };
        let ins = &mut self.blocks[b].instrs;
        for k in 0..n {
            ins[start + k].op = NOP;
        }
        ins[start + n].op = LOAD_CONST;
        ins[start + n].arg = index as u32;
    }

    pub fn optimize_cfg(&mut self, consts: &mut Vec<ConstValue>) {
        for b in self.chain() {
            self.optimize_basic_block(b, consts);
            self.clean_basic_block(b);
        }
        for b in self.b_list() {
            self.extend_block(b);
        }
        self.mark_reachable();
        for b in self.chain() {
            if self.blocks[b].predecessors == 0 {
                self.blocks[b].instrs.clear();
                self.blocks[b].nofallthrough = false;
            }
        }
        self.eliminate_empty_basic_blocks();
        for b in self.chain() {
            self.clean_basic_block(b);
        }
        let mut maybe_empty = false;
        for b in self.chain() {
            let next = self.blocks[b].next;
            if let Some(last) = self.blocks[b].instrs.last_mut() {
                if (last.op == JUMP || last.op == JUMP_NO_INTERRUPT) && Some(last.target) == next {
                    last.op = NOP;
                    self.blocks[b].nofallthrough = false;
                    maybe_empty = true;
                }
            }
        }
        if maybe_empty {
            self.eliminate_empty_basic_blocks();
        }
    }

    fn is_exit_without_lineno(&self, b: BlockId) -> bool {
        self.blocks[b].exit && self.blocks[b].instrs.iter().all(|i| i.loc.lineno < 0)
    }

    pub fn duplicate_exits_without_lineno(&mut self) {
        for b in self.b_list() {
            let Some(last) = self.blocks[b].instrs.last().copied() else { continue };
            if !is_jump_op(last.op) {
                continue;
            }
            let t = last.target;
            if self.is_exit_without_lineno(t) && self.blocks[t].predecessors > 1 {
                let nb = self.new_block();
                self.blocks[nb].instrs = self.blocks[t].instrs.clone();
                self.blocks[nb].exit = self.blocks[t].exit;
                self.blocks[nb].nofallthrough = true;
                self.blocks[nb].instrs[0].loc = last.loc;
                self.blocks[b].instrs.last_mut().unwrap().target = nb;
                self.blocks[t].predecessors -= 1;
                self.blocks[nb].predecessors = 1;
                self.blocks[nb].next = self.blocks[t].next;
                self.blocks[t].next = Some(nb);
            }
        }
        for b in self.b_list() {
            while let Some(n) = self.blocks[b].next {
                if self.blocks[n].instrs.is_empty() {
                    self.blocks[b].next = self.blocks[n].next;
                } else {
                    break;
                }
            }
        }
        for b in self.b_list() {
            if !self.blocks[b].nofallthrough && !self.blocks[b].instrs.is_empty() {
                if let Some(n) = self.blocks[b].next {
                    if self.is_exit_without_lineno(n) {
                        let loc = self.blocks[b].instrs.last().unwrap().loc;
                        self.blocks[n].instrs[0].loc = loc;
                    }
                }
            }
        }
    }

    /// Drops trailing constants no instruction uses (the first is kept: it may be a
    /// docstring).
    pub fn trim_unused_consts(&self, consts: &mut Vec<ConstValue>) {
        let mut max = 0;
        for b in self.chain() {
            for i in &self.blocks[b].instrs {
                if (i.op == LOAD_CONST || i.op == KW_NAMES) && i.arg as usize > max {
                    max = i.arg as usize;
                }
            }
        }
        if max + 1 < consts.len() {
            consts.truncate(max + 1);
        }
    }

    pub fn propagate_line_numbers(&mut self) {
        for b in self.chain() {
            if self.blocks[b].instrs.is_empty() {
                continue;
            }
            let mut prev = Loc::NONE;
            for ins in self.blocks[b].instrs.iter_mut() {
                if ins.loc.lineno < 0 {
                    ins.loc = prev;
                } else {
                    prev = ins.loc;
                }
            }
            if !self.blocks[b].nofallthrough {
                let n = self.blocks[b].next.unwrap();
                if self.blocks[n].predecessors == 1 && self.blocks[n].instrs[0].loc.lineno < 0 {
                    self.blocks[n].instrs[0].loc = prev;
                }
            }
            let last = *self.blocks[b].instrs.last().unwrap();
            if is_jump_op(last.op) {
                let t = last.target;
                if self.blocks[t].predecessors == 1 && self.blocks[t].instrs[0].loc.lineno < 0 {
                    self.blocks[t].instrs[0].loc = prev;
                }
            }
        }
    }

    pub fn guarantee_lineno_for_exits(&mut self, firstlineno: i32) {
        let mut lineno = firstlineno;
        for b in self.chain() {
            let Some(last) = self.blocks[b].instrs.last().copied() else { continue };
            if last.loc.lineno < 0 {
                if last.op == RETURN_VALUE {
                    for ins in self.blocks[b].instrs.iter_mut() {
                        ins.loc.lineno = lineno;
                    }
                }
            } else {
                lineno = last.loc.lineno;
            }
        }
    }

    fn stackdepth_push(&mut self, stack: &mut Vec<BlockId>, b: BlockId, depth: i32) -> Result<(), String> {
        let sd = self.blocks[b].startdepth;
        if !(sd < 0 || sd == depth) {
            return Err(format!("inconsistent stack depth {} vs {}", sd, depth));
        }
        if sd < depth && sd < 100 {
            self.blocks[b].startdepth = depth;
            stack.push(b);
        }
        Ok(())
    }

    pub fn stackdepth(&mut self, generator: bool) -> Result<i32, String> {
        for b in self.blocks.iter_mut() {
            b.startdepth = i32::MIN;
        }
        let mut stack = Vec::new();
        let mut maxdepth = 0;
        self.stackdepth_push(&mut stack, self.entry, generator as i32)?;
        while let Some(b) = stack.pop() {
            let mut depth = self.blocks[b].startdepth;
            let mut next = self.blocks[b].next;
            for i in 0..self.blocks[b].instrs.len() {
                let ins = self.blocks[b].instrs[i];
                let effect = stack_effect(ins.op, ins.arg, false)
                    .ok_or_else(|| format!("stack_effect(opcode={}) failed", ins.op))?;
                let new_depth = depth + effect;
                if new_depth < 0 {
                    return Err(format!("negative stack depth at opcode {}", ins.op));
                }
                maxdepth = maxdepth.max(new_depth);
                if is_jump_op(ins.op) || is_block_push_op(ins.op) {
                    let e = stack_effect(ins.op, ins.arg, true).unwrap();
                    let td = depth + e;
                    maxdepth = maxdepth.max(td);
                    self.stackdepth_push(&mut stack, ins.target, td)?;
                }
                depth = new_depth;
                if matches!(ins.op, JUMP_NO_INTERRUPT | JUMP | RETURN_VALUE | RAISE_VARARGS | RERAISE) {
                    next = None;
                    break;
                }
            }
            if let Some(n) = next {
                self.stackdepth_push(&mut stack, n, depth)?;
            }
        }
        Ok(maxdepth)
    }

    pub fn label_exception_targets(&mut self) {
        for b in self.blocks.iter_mut() {
            b.visited = false;
        }
        let entry = self.entry;
        let mut todo = vec![entry];
        self.blocks[entry].visited = true;
        self.blocks[entry].exceptstack = Some(vec![NO_BLOCK]);
        while let Some(b) = todo.pop() {
            let mut es: Option<Vec<BlockId>> = self.blocks[b].exceptstack.take();
            let mut handler = *es.as_ref().unwrap().last().unwrap();
            for i in 0..self.blocks[b].instrs.len() {
                let ins = self.blocks[b].instrs[i];
                if is_block_push_op(ins.op) {
                    let t = ins.target;
                    if !self.blocks[t].visited {
                        self.blocks[t].exceptstack = es.clone();
                        todo.push(t);
                        self.blocks[t].visited = true;
                    }
                    if ins.op == SETUP_WITH || ins.op == SETUP_CLEANUP {
                        self.blocks[t].preserve_lasti = true;
                    }
                    es.as_mut().unwrap().push(t);
                    handler = t;
                } else if ins.op == POP_BLOCK {
                    let s = es.as_mut().unwrap();
                    s.pop();
                    handler = *s.last().unwrap();
                } else if is_jump_op(ins.op) {
                    self.blocks[b].instrs[i].except = handler;
                    let t = ins.target;
                    if !self.blocks[t].visited {
                        if !self.blocks[b].nofallthrough {
                            self.blocks[t].exceptstack = es.clone();
                        } else {
                            self.blocks[t].exceptstack = es.take();
                        }
                        todo.push(t);
                        self.blocks[t].visited = true;
                    }
                } else {
                    self.blocks[b].instrs[i].except = handler;
                }
            }
            if !self.blocks[b].nofallthrough {
                let n = self.blocks[b].next.unwrap();
                if !self.blocks[n].visited {
                    self.blocks[n].exceptstack = es;
                    todo.push(n);
                    self.blocks[n].visited = true;
                }
            }
        }
    }

    pub fn convert_exception_handlers_to_nops(&mut self) {
        for b in self.chain() {
            for ins in self.blocks[b].instrs.iter_mut() {
                if is_block_push_op(ins.op) || ins.op == POP_BLOCK {
                    ins.op = NOP;
                }
            }
        }
    }

    pub fn normalize_jumps(&mut self) {
        for b in self.blocks.iter_mut() {
            b.visited = false;
        }
        for b in self.chain() {
            self.blocks[b].visited = true;
            let Some(last) = self.blocks[b].instrs.last().copied() else { continue };
            if is_jump_op(last.op) {
                let fwd = !self.blocks[last.target].visited;
                let op = match last.op {
                    JUMP => {
                        if fwd {
                            JUMP_FORWARD
                        } else {
                            JUMP_BACKWARD
                        }
                    }
                    JUMP_NO_INTERRUPT => {
                        if fwd {
                            JUMP_FORWARD
                        } else {
                            JUMP_BACKWARD_NO_INTERRUPT
                        }
                    }
                    POP_JUMP_IF_NOT_NONE => {
                        if fwd {
                            POP_JUMP_FORWARD_IF_NOT_NONE
                        } else {
                            POP_JUMP_BACKWARD_IF_NOT_NONE
                        }
                    }
                    POP_JUMP_IF_NONE => {
                        if fwd {
                            POP_JUMP_FORWARD_IF_NONE
                        } else {
                            POP_JUMP_BACKWARD_IF_NONE
                        }
                    }
                    POP_JUMP_IF_FALSE => {
                        if fwd {
                            POP_JUMP_FORWARD_IF_FALSE
                        } else {
                            POP_JUMP_BACKWARD_IF_FALSE
                        }
                    }
                    POP_JUMP_IF_TRUE => {
                        if fwd {
                            POP_JUMP_FORWARD_IF_TRUE
                        } else {
                            POP_JUMP_BACKWARD_IF_TRUE
                        }
                    }
                    o => o,
                };
                self.blocks[b].instrs.last_mut().unwrap().op = op;
            }
        }
    }

    pub fn assemble_jump_offsets(&mut self) {
        loop {
            let mut tot = 0;
            for b in self.chain() {
                self.blocks[b].offset = tot;
                tot += self.blocks[b].instrs.iter().map(instr_size).sum::<u32>();
            }
            let mut recompile = false;
            for b in self.chain() {
                let mut off = self.blocks[b].offset;
                for i in 0..self.blocks[b].instrs.len() {
                    let ins = self.blocks[b].instrs[i];
                    let isize = instr_size(&ins);
                    off += isize;
                    if is_jump_op(ins.op) {
                        let t = self.blocks[ins.target].offset;
                        let arg = if t < off { off - t } else { t - off };
                        self.blocks[b].instrs[i].arg = arg;
                        if instr_size(&self.blocks[b].instrs[i]) != isize {
                            recompile = true;
                        }
                    }
                }
            }
            if !recompile {
                break;
            }
        }
    }

    /// The blocks in layout order.
    pub fn layout(&self) -> Vec<BlockId> {
        self.chain()
    }
}

fn swaptimize(ins: &mut [Instr], ix: &mut usize) {
    let base = *ix;
    let mut depth = ins[base].arg as usize;
    let mut len = 0;
    let mut more = false;
    let limit = ins.len() - base;
    loop {
        len += 1;
        if len >= limit {
            break;
        }
        let op = ins[base + len].op;
        if op == SWAP {
            depth = depth.max(ins[base + len].arg as usize);
            more = true;
        } else if op != NOP {
            break;
        }
    }
    if !more {
        return;
    }
    const VISITED: isize = -1;
    let mut stack: Vec<isize> = (0..depth as isize).collect();
    for k in 0..len {
        if ins[base + k].op == SWAP {
            let a = ins[base + k].arg as usize;
            stack.swap(0, a - 1);
        }
    }
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as isize {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                let c = &mut ins[base + current as usize];
                c.op = SWAP;
                c.arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let nj = stack[j] as usize;
            stack[j] = VISITED;
            j = nj;
        }
    }
    while current >= 0 {
        ins[base + current as usize].op = NOP;
        current -= 1;
    }
    *ix += len - 1;
}

fn swappable(op: u16) -> bool {
    op == STORE_FAST || op == POP_TOP
}

fn next_swappable_instruction(ins: &[Instr], mut i: isize, lineno: i32) -> isize {
    loop {
        i += 1;
        if i as usize >= ins.len() {
            return -1;
        }
        let x = &ins[i as usize];
        if lineno >= 0 && x.loc.lineno != lineno {
            return -1;
        }
        if x.op == NOP {
            continue;
        }
        if swappable(x.op) {
            return i;
        }
        return -1;
    }
}

fn apply_static_swaps(ins: &mut [Instr], mut i: isize) {
    while i >= 0 {
        let swap = ins[i as usize];
        if swap.op != SWAP {
            if swap.op == NOP || swappable(swap.op) {
                i -= 1;
                continue;
            }
            return;
        }
        let j = next_swappable_instruction(ins, i, -1);
        if j < 0 {
            return;
        }
        let mut k = j;
        let lineno = ins[j as usize].loc.lineno;
        let mut count = swap.arg as i32 - 1;
        while count > 0 {
            k = next_swappable_instruction(ins, k, lineno);
            if k < 0 {
                return;
            }
            count -= 1;
        }
        // (3.11.7) Not safe if both store to the same local, or an instruction in between
        // stores to either.
        let stores_to = |x: &Instr| if x.op == STORE_FAST { x.arg as i64 } else { -1 };
        let sj = stores_to(&ins[j as usize]);
        let sk = stores_to(&ins[k as usize]);
        if sj >= 0 || sk >= 0 {
            if sj == sk {
                return;
            }
            for idx in (j + 1) as usize..k as usize {
                let s = stores_to(&ins[idx]);
                if s >= 0 && (s == sj || s == sk) {
                    return;
                }
            }
        }
        ins[i as usize].op = NOP;
        ins.swap(j as usize, k as usize);
        i -= 1;
    }
}
