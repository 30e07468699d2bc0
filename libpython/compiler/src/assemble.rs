//! The assembler: from an optimized flow graph to a `CodeObject` (compile.c's `assemble`):
//! prefix instructions, cell offsets, jump offsets with EXTENDED_ARG, the location table
//! and the exception table.

use crate::code::*;
use crate::flowgraph::*;
use crate::op16::*;
use crate::opcode::INLINE_CACHE_ENTRIES;

/// What the code generator knows of a unit when it is done.
pub struct UnitInfo {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstlineno: i32,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub consts: Vec<ConstValue>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    /// Cell variables in cell index order.
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub is_generator_like: bool,
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 64 {
        out.push(0x40 | (v & 0x3f) as u8);
        v >>= 6;
    }
    out.push(v as u8);
}

fn write_svarint(out: &mut Vec<u8>, v: i32) {
    if v < 0 {
        write_varint(out, (((-v) as u32) << 1) | 1);
    } else {
        write_varint(out, (v as u32) << 1);
    }
}

fn location_entry(out: &mut Vec<u8>, cur_line: &mut i32, loc: &Loc, isize: u32) {
    let first = |out: &mut Vec<u8>, code: u8| out.push(0x80 | (code << 3) | (isize as u8 - 1));
    if loc.lineno < 0 {
        first(out, 15);
        return;
    }
    let line_delta = loc.lineno - *cur_line;
    let column = loc.col;
    let end_column = loc.end_col;
    if column < 0 || end_column < 0 {
        if loc.end_lineno == loc.lineno || loc.end_lineno == -1 {
            first(out, 13);
            write_svarint(out, line_delta);
            *cur_line = loc.lineno;
            return;
        }
    } else if loc.end_lineno == loc.lineno {
        if line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column {
            first(out, (column / 8) as u8);
            out.push((((column & 7) << 4) | (end_column - column)) as u8);
            return;
        }
        if (0..3).contains(&line_delta) && column < 128 && end_column < 128 {
            first(out, 10 + line_delta as u8);
            out.push(column as u8);
            out.push(end_column as u8);
            *cur_line = loc.lineno;
            return;
        }
    }
    first(out, 14);
    write_svarint(out, line_delta);
    write_varint(out, (loc.end_lineno - loc.lineno) as u32);
    write_varint(out, (column + 1) as u32);
    write_varint(out, (end_column + 1) as u32);
    *cur_line = loc.lineno;
}

fn except_item(out: &mut Vec<u8>, value: u32, mut msb: u8) {
    for shift in [24, 18, 12, 6] {
        if value >= 1 << shift {
            out.push((((value >> shift) & 0x3f) as u8) | 0x40 | msb);
            msb = 0;
        }
    }
    out.push((value & 0x3f) as u8 | msb);
}

/// compile.c's `assemble()` after codegen.
pub fn assemble(mut cfg: Cfg, mut u: UnitInfo, add_none: bool, curblock: BlockId) -> Result<CodeObject, String> {
    let _ = (add_none, curblock); // the implicit `return None` is emitted by codegen
    for b in 0..cfg.blocks.len() {
        cfg.normalize_basic_block(b)?;
    }
    for b in (0..cfg.blocks.len()).rev() {
        cfg.extend_block(b);
    }
    let nlocals = u.varnames.len();
    let ncells = u.cellvars.len();
    let nfree = u.freevars.len();
    // build_cellfixedoffsets
    let mut fixed: Vec<usize> = (0..ncells + nfree).map(|i| nlocals + i).collect();
    for (ci, name) in u.cellvars.iter().enumerate() {
        if let Some(vi) = u.varnames.iter().position(|v| v == name) {
            fixed[ci] = vi;
        }
    }
    if u.firstlineno == 0 {
        u.firstlineno = cfg.blocks[cfg.entry].instrs.first().map_or(1, |i| if i.loc.lineno != 0 { i.loc.lineno } else { 1 });
    }
    // insert_prefix_instructions
    let entry = cfg.entry;
    let mk = |op: u16, arg: u32, loc: Loc| Instr { op, arg, target: NO_BLOCK, except: NO_BLOCK, loc };
    if u.flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR) != 0 {
        let l = Loc { lineno: u.firstlineno, end_lineno: u.firstlineno, col: -1, end_col: -1 };
        cfg.blocks[entry].instrs.insert(0, mk(RETURN_GENERATOR, 0, l));
        cfg.blocks[entry].instrs.insert(1, mk(POP_TOP, 0, Loc::NONE));
    }
    if ncells > 0 {
        let mut sorted = vec![0usize; ncells + nlocals];
        for i in 0..ncells {
            sorted[fixed[i]] = i + 1;
        }
        let mut used = 0;
        let mut i = 0;
        while used < ncells {
            if sorted[i] != 0 {
                cfg.blocks[entry].instrs.insert(used, mk(MAKE_CELL, (sorted[i] - 1) as u32, Loc::NONE));
                used += 1;
            }
            i += 1;
        }
    }
    if nfree > 0 {
        cfg.blocks[entry].instrs.insert(0, mk(COPY_FREE_VARS, nfree as u32, Loc::NONE));
    }
    // fix_cell_offsets
    let mut dropped = 0;
    for i in 0..ncells + nfree {
        if fixed[i] == i + nlocals {
            fixed[i] -= dropped;
        } else {
            dropped += 1;
        }
    }
    for b in cfg.blocks.iter_mut() {
        for ins in b.instrs.iter_mut() {
            if matches!(ins.op, MAKE_CELL | LOAD_CLOSURE | LOAD_DEREF | STORE_DEREF | DELETE_DEREF | LOAD_CLASSDEREF) {
                ins.arg = fixed[ins.arg as usize] as u32;
            }
        }
    }
    let mut consts = std::mem::take(&mut u.consts);
    cfg.optimize_cfg(&mut consts);
    cfg.duplicate_exits_without_lineno();
    cfg.trim_unused_consts(&mut consts);
    cfg.propagate_line_numbers();
    cfg.guarantee_lineno_for_exits(u.firstlineno);
    let maxdepth = cfg.stackdepth(u.is_generator_like)?;
    cfg.label_exception_targets();
    cfg.convert_exception_handlers_to_nops();
    for b in cfg.layout() {
        cfg.clean_basic_block(b);
    }
    cfg.normalize_jumps();
    cfg.assemble_jump_offsets();

    let layout = cfg.layout();
    let mut code = Vec::new();
    for &b in &layout {
        for ins in &cfg.blocks[b].instrs {
            let size = instr_size(ins);
            let caches = INLINE_CACHE_ENTRIES[ins.op as usize] as u32;
            let arg = if has_arg(ins.op) { ins.arg } else { 0 };
            let nargs = size - caches;
            for k in (1..nargs).rev() {
                code.push(EXTENDED_ARG as u8);
                code.push((arg >> (8 * k)) as u8);
            }
            code.push(ins.op as u8);
            code.push(arg as u8);
            for _ in 0..caches {
                code.push(0);
                code.push(0);
            }
        }
    }
    let mut linetable = Vec::new();
    let mut cur = u.firstlineno;
    for &b in &layout {
        for ins in &cfg.blocks[b].instrs {
            let mut isize = instr_size(ins);
            while isize > 8 {
                location_entry(&mut linetable, &mut cur, &ins.loc, 8);
                isize -= 8;
            }
            location_entry(&mut linetable, &mut cur, &ins.loc, isize);
        }
    }
    // exception table
    let mut et = Vec::new();
    let mut handler = NO_BLOCK;
    let mut start = 0;
    let mut ioffset = 0;
    let emit = |et: &mut Vec<u8>, cfg: &Cfg, start: u32, end: u32, h: BlockId| {
        let hb = &cfg.blocks[h];
        let mut depth = hb.startdepth - 1;
        if hb.preserve_lasti {
            depth -= 1;
        }
        except_item(et, start, 0x80);
        except_item(et, end - start, 0);
        except_item(et, hb.offset, 0);
        except_item(et, ((depth as u32) << 1) | hb.preserve_lasti as u32, 0);
    };
    for &b in &layout {
        ioffset = cfg.blocks[b].offset;
        for ins in &cfg.blocks[b].instrs {
            if ins.except != handler {
                if handler != NO_BLOCK {
                    emit(&mut et, &cfg, start, ioffset, handler);
                }
                start = ioffset;
                handler = ins.except;
            }
            ioffset += instr_size(ins);
        }
    }
    if handler != NO_BLOCK {
        emit(&mut et, &cfg, start, ioffset, handler);
    }

    // localsplus
    let mut lnames = Vec::new();
    let mut lkinds = Vec::new();
    for v in &u.varnames {
        lnames.push(v.clone());
        lkinds.push(if u.cellvars.contains(v) { CO_FAST_LOCAL | CO_FAST_CELL } else { CO_FAST_LOCAL });
    }
    for c in &u.cellvars {
        if !u.varnames.contains(c) {
            lnames.push(c.clone());
            lkinds.push(CO_FAST_CELL);
        }
    }
    for f in &u.freevars {
        lnames.push(f.clone());
        lkinds.push(CO_FAST_FREE);
    }
    Ok(CodeObject {
        argcount: u.argcount + u.posonlyargcount,
        posonlyargcount: u.posonlyargcount,
        kwonlyargcount: u.kwonlyargcount,
        stacksize: maxdepth as u32,
        flags: u.flags,
        code,
        consts,
        names: u.names,
        localsplusnames: lnames,
        localspluskinds: lkinds,
        filename: u.filename,
        name: u.name,
        qualname: u.qualname,
        firstlineno: u.firstlineno,
        linetable,
        exceptiontable: et,
        digest: 0,
    }
    .seal())
}

/// Adds a constant unless an equal one (by type and value) is there; its index.
pub fn add_const(consts: &mut Vec<ConstValue>, c: ConstValue) -> u32 {
    let key = c.key();
    if !matches!(c, ConstValue::Code(_)) {
        if let Some(i) = consts.iter().position(|x| x.key() == key) {
            return i as u32;
        }
    }
    consts.push(c);
    (consts.len() - 1) as u32
}
