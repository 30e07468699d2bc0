//! The AST optimizer (CPython 3.11's ast_opt.c): constant folding of unary and binary
//! operators, subscripts and tuples within the same size limits, `in [..]`/`for x in [..]`
//! to tuples and frozensets, `"%s" % (x,)` to f-strings, `__debug__`, and `not (a is b)`.

use crate::ast::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: i64 = 256;
const MAX_STR_SIZE: i64 = 4096;
const MAX_TOTAL_ITEMS: i64 = 1024;

pub fn optimize(m: &Mod, optimize: i32, future_annotations: bool) -> Mod {
    let mut m = m.clone();
    let o = Opt { optimize, future_annotations };
    match &mut m {
        Mod::Module { body, .. } => o.body(body),
        Mod::Interactive { body } => o.stmts(body),
        Mod::Expression { body } => o.expr(body),
        Mod::FunctionType { argtypes, returns } => {
            for a in argtypes {
                o.expr(a);
            }
            o.expr(returns);
        }
    }
    m
}

struct Opt {
    optimize: i32,
    /// Annotations stay as written (they become strings).
    future_annotations: bool,
}

fn is_docstring(body: &[Stmt]) -> bool {
    crate::codegen::docstring(body).is_some()
}

fn num_bits(i: &BigInt) -> u64 {
    i.bits()
}

enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Constant) -> Option<Num> {
    Some(match c {
        Constant::Bool(b) => Num::Int(BigInt::from(*b as i32)),
        Constant::Int(i) => Num::Int(i.clone()),
        Constant::Float(f) => Num::Float(*f),
        Constant::Complex { real, imag } => Num::Complex(*real, *imag),
        _ => return None,
    })
}

fn int_to_f64(i: &BigInt) -> Option<f64> {
    let f = i.to_f64()?;
    if f.is_finite() {
        Some(f)
    } else {
        None
    }
}

fn to_f64(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Some((*r, *i)),
        _ => Some((to_f64(n)?, 0.0)),
    }
}

fn float_divmod(vx: f64, wx: f64) -> Option<(f64, f64)> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    Some((floordiv, m))
}

fn float_pow(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 {
        return Some(1.0);
    }
    if a.is_nan() || b.is_nan() {
        return Some(f64::NAN);
    }
    if a == 0.0 && b < 0.0 {
        return None;
    }
    if a < 0.0 && b.floor() != b && b.is_finite() {
        return None; // complex result
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return None;
    }
    Some(r)
}

fn int_binop(op: Operator, a: &BigInt, b: &BigInt) -> Option<Constant> {
    Some(match op {
        Operator::Add => Constant::Int(a + b),
        Operator::Sub => Constant::Int(a - b),
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && num_bits(a) + num_bits(b) > MAX_INT_SIZE {
                return None;
            }
            Constant::Int(a * b)
        }
        Operator::Div => {
            if b.is_zero() {
                return None;
            }
            Constant::Float(int_true_divide(a, b)?)
        }
        Operator::FloorDiv => {
            if b.is_zero() {
                return None;
            }
            Constant::Int(a.div_floor(b))
        }
        Operator::Mod => {
            if b.is_zero() {
                return None;
            }
            Constant::Int(a.mod_floor(b))
        }
        Operator::Pow => {
            if b.is_negative() {
                let fa = int_to_f64(a)?;
                let fb = int_to_f64(b)?;
                return float_pow(fa, fb).map(Constant::Float);
            }
            if !a.is_zero() && !b.is_zero() {
                let wbits = b.to_u64()?;
                if num_bits(a) > MAX_INT_SIZE / wbits {
                    return None;
                }
            }
            Constant::Int(num_traits::pow::pow(a.clone(), b.to_usize()?))
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            if !a.is_zero() && !b.is_zero() {
                let wbits = b.to_u64()?;
                let vbits = num_bits(a);
                if wbits > MAX_INT_SIZE || vbits > MAX_INT_SIZE - wbits {
                    return None;
                }
            }
            if a.is_zero() {
                return Some(Constant::Int(BigInt::zero()));
            }
            Constant::Int(a << b.to_usize()?)
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            let s = b.to_usize().unwrap_or(usize::MAX);
            if s as u64 >= num_bits(a) + 1 {
                return Some(Constant::Int(if a.is_negative() { BigInt::from(-1) } else { BigInt::zero() }));
            }
            Constant::Int(a >> s)
        }
        Operator::BitOr => Constant::Int(a | b),
        Operator::BitXor => Constant::Int(a ^ b),
        Operator::BitAnd => Constant::Int(a & b),
        Operator::MatMult => return None,
    })
}

/// Correctly rounded int / int (long_true_divide), None where Python raises.
fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    let lim = BigInt::from(1u64 << 53);
    let negative = a.is_negative() != b.is_negative();
    if a.abs() <= lim && b.abs() <= lim {
        return Some(a.to_f64()? / b.to_f64()?);
    }
    let (a, b) = (a.abs(), b.abs());
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // q = a * 2^k / b with at least 55 significant bits, plus a sticky bit.
    let k: i64 = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if k >= 0 { (&a << k as usize, b.clone()) } else { (a.clone(), &b << (-k) as usize) };
    let (q, r) = num.div_rem(&den);
    let sticky = !r.is_zero();
    let n = q.bits() as i64;
    let drop = n - 53;
    let mut mant = &q >> drop as usize;
    let rem = &q - (&mant << drop as usize);
    let half = BigInt::from(1) << (drop - 1) as usize;
    let odd = (&mant & BigInt::from(1)) == BigInt::from(1);
    if rem > half || (rem == half && (sticky || odd)) {
        mant += 1;
    }
    let e = drop - k;
    if e > 1000 || e < -1000 {
        return None;
    }
    let v = mant.to_f64()? * 2f64.powi(e as i32);
    if !v.is_finite() {
        return None;
    }
    Some(if negative { -v } else { v })
}

fn float_binop(op: Operator, a: f64, b: f64) -> Option<Constant> {
    Some(Constant::Float(match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => a * b,
        Operator::Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        Operator::FloorDiv => float_divmod(a, b)?.0,
        Operator::Mod => float_divmod(a, b)?.1,
        Operator::Pow => float_pow(a, b)?,
        _ => return None,
    }))
}

fn complex_binop(op: Operator, a: (f64, f64), b: (f64, f64)) -> Option<Constant> {
    let (r, i) = match op {
        Operator::Add => (a.0 + b.0, a.1 + b.1),
        Operator::Sub => (a.0 - b.0, a.1 - b.1),
        Operator::Mult => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        Operator::Div => {
            // _Py_c_quot
            let abs_breal = b.0.abs();
            let abs_bimag = b.1.abs();
            if abs_breal >= abs_bimag {
                if abs_breal == 0.0 {
                    return None;
                }
                let ratio = b.1 / b.0;
                let denom = b.0 + b.1 * ratio;
                ((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom)
            } else if abs_bimag >= abs_breal {
                let ratio = b.0 / b.1;
                let denom = b.0 * ratio + b.1;
                ((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom)
            } else {
                (f64::NAN, f64::NAN)
            }
        }
        Operator::Pow => complex_pow(a, b)?,
        _ => return None,
    };
    Some(Constant::Complex { real: r, imag: i })
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn c_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    match complex_binop(Operator::Div, a, b)? {
        Constant::Complex { real, imag } => Some((real, imag)),
        _ => None,
    }
}

fn c_powu(x: (f64, f64), n: i64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

/// complex_pow: repeated multiplication for small integral exponents, else polar form.
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n > 0 {
            c_powu(a, n)
        } else {
            c_quot((1.0, 0.0), c_powu(a, -n))?
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if !r.0.is_finite() || !r.1.is_finite() {
        return None;
    }
    Some(r)
}

fn complexity(c: &Constant, limit: &mut i64) -> bool {
    match c {
        Constant::Tuple(t) | Constant::FrozenSet(t) => {
            *limit -= t.len() as i64;
            if *limit < 0 {
                return false;
            }
            for x in t {
                if !complexity(x, limit) {
                    return false;
                }
            }
            true
        }
        _ => true,
    }
}

fn seq_mult(n: &BigInt, w: &Constant) -> Option<Constant> {
    let size = match w {
        Constant::Tuple(t) => t.len() as i64,
        Constant::Str(s) => s.char_len() as i64,
        Constant::Bytes(b) => b.len() as i64,
        _ => return None,
    };
    let nn = n.to_i64()?;
    if size > 0 {
        let maxsize = if matches!(w, Constant::Tuple(_)) { MAX_COLLECTION_SIZE } else { MAX_STR_SIZE };
        if nn < 0 || nn > maxsize / size {
            return None;
        }
        if let Constant::Tuple(_) = w {
            if nn > 0 {
                let mut lim = MAX_TOTAL_ITEMS / nn;
                if !complexity(w, &mut lim) {
                    return None;
                }
            }
        }
    }
    let reps = nn.max(0) as usize;
    Some(match w {
        Constant::Tuple(t) => {
            let mut v = Vec::with_capacity(t.len() * reps);
            for _ in 0..reps {
                v.extend(t.iter().cloned());
            }
            Constant::Tuple(v)
        }
        Constant::Str(s) => {
            let mut o = PyStr::new();
            for _ in 0..reps {
                o.push_pystr(s);
            }
            Constant::Str(o)
        }
        Constant::Bytes(b) => Constant::Bytes(b.repeat(reps)),
        _ => unreachable!(),
    })
}

fn binop(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    // bool & | ^ bool stays bool
    if let (Constant::Bool(a), Constant::Bool(b)) = (l, r) {
        match op {
            Operator::BitAnd => return Some(Constant::Bool(*a & *b)),
            Operator::BitOr => return Some(Constant::Bool(*a | *b)),
            Operator::BitXor => return Some(Constant::Bool(*a ^ *b)),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (as_num(l), as_num(r)) {
        return match (&a, &b) {
            (Num::Int(x), Num::Int(y)) => int_binop(op, x, y),
            (Num::Complex(..), _) | (_, Num::Complex(..)) => complex_binop(op, to_complex(&a)?, to_complex(&b)?),
            _ => float_binop(op, to_f64(&a)?, to_f64(&b)?),
        };
    }
    match (op, l, r) {
        (Operator::Add, Constant::Str(a), Constant::Str(b)) => {
            let mut s = a.clone();
            s.push_pystr(b);
            Some(Constant::Str(s))
        }
        (Operator::Add, Constant::Bytes(a), Constant::Bytes(b)) => {
            let mut v = a.clone();
            v.extend_from_slice(b);
            Some(Constant::Bytes(v))
        }
        (Operator::Add, Constant::Tuple(a), Constant::Tuple(b)) => {
            let mut v = a.clone();
            v.extend(b.iter().cloned());
            Some(Constant::Tuple(v))
        }
        (Operator::Mult, n, w) | (Operator::Mult, w, n)
            if matches!(n, Constant::Int(_) | Constant::Bool(_))
                && matches!(w, Constant::Tuple(_) | Constant::Str(_) | Constant::Bytes(_)) =>
        {
            let nn = match n {
                Constant::Int(i) => i.clone(),
                Constant::Bool(b) => BigInt::from(*b as i32),
                _ => unreachable!(),
            };
            seq_mult(&nn, w)
        }
        _ => None,
    }
}

pub(crate) fn truthy(c: &Constant) -> bool {
    match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis => true,
        Constant::Int(i) => !i.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    }
}

fn unaryop(op: UnaryOp, c: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return Some(Constant::Bool(!truthy(c)));
    }
    let n = as_num(c)?;
    Some(match (op, n) {
        (UnaryOp::Invert, Num::Int(i)) => Constant::Int(!i),
        (UnaryOp::Invert, _) => return None,
        (UnaryOp::USub, Num::Int(i)) => Constant::Int(-i),
        (UnaryOp::USub, Num::Float(f)) => Constant::Float(-f),
        (UnaryOp::USub, Num::Complex(r, i)) => Constant::Complex { real: -r, imag: -i },
        (UnaryOp::UAdd, Num::Int(i)) => Constant::Int(i),
        (UnaryOp::UAdd, Num::Float(f)) => Constant::Float(f),
        (UnaryOp::UAdd, Num::Complex(r, i)) => Constant::Complex { real: r, imag: i },
        _ => return None,
    })
}

fn subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let idx = match i {
        Constant::Int(x) => x.to_i64()?,
        Constant::Bool(b) => *b as i64,
        _ => return None,
    };
    let norm = |len: usize| -> Option<usize> {
        let j = if idx < 0 { idx + len as i64 } else { idx };
        if j < 0 || j >= len as i64 {
            None
        } else {
            Some(j as usize)
        }
    };
    match v {
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let j = norm(cps.len())?;
            Some(Constant::Str(PyStr::from_code_points([cps[j]])))
        }
        Constant::Bytes(b) => Some(Constant::Int(BigInt::from(b[norm(b.len())?]))),
        Constant::Tuple(t) => Some(t[norm(t.len())?].clone()),
        _ => None,
    }
}

fn make_const(e: &mut Expr, c: Constant) {
    e.kind = ExprKind::Constant { value: c, kind: None };
}

fn const_tuple(elts: &[Expr]) -> Option<Vec<Constant>> {
    elts.iter()
        .map(|e| match &e.kind {
            ExprKind::Constant { value, .. } => Some(value.clone()),
            _ => None,
        })
        .collect()
}

fn has_starred(elts: &[Expr]) -> bool {
    elts.iter().any(|e| matches!(e.kind, ExprKind::Starred { .. }))
}

fn fold_iter(e: &mut Expr) {
    match &mut e.kind {
        ExprKind::List { elts, ctx } => {
            if has_starred(elts) {
                return;
            }
            let elts = std::mem::take(elts);
            let ctx = *ctx;
            let folded = const_tuple(&elts);
            e.kind = ExprKind::Tuple { elts, ctx };
            if let Some(t) = folded {
                make_const(e, Constant::Tuple(t));
            }
        }
        ExprKind::Set { elts } => {
            if let Some(t) = const_tuple(elts) {
                make_const(e, Constant::FrozenSet(t));
            }
        }
        _ => {}
    }
}

const NOPOS: Pos = Pos { lineno: -1, col_offset: -1, end_lineno: -1, end_col_offset: -1 };

fn str_const(cps: &[u32]) -> Expr {
    Expr {
        kind: ExprKind::Constant { value: Constant::Str(PyStr::from_code_points(cps.iter().copied())), kind: None },
        pos: NOPOS,
    }
}

/// `"..." % (a, b)` with only %s/%r/%a units: an f-string (optimize_format).
fn optimize_format(node: &mut Expr) {
    let ExprKind::BinOp { left, right, .. } = &node.kind else { return };
    let ExprKind::Constant { value: Constant::Str(fmt), .. } = &left.kind else { return };
    let ExprKind::Tuple { elts, .. } = &right.kind else { return };
    let fmt: Vec<u32> = fmt.code_points().collect();
    let elts = elts.clone();
    let mut seq: Vec<Expr> = Vec::new();
    let mut pos = 0;
    let mut cnt = 0;
    let size = fmt.len();
    loop {
        // parse_literal
        let start = pos;
        let mut lit: Vec<u32> = Vec::new();
        while pos < size {
            if fmt[pos] != '%' as u32 {
                lit.push(fmt[pos]);
                pos += 1;
            } else if pos + 1 < size && fmt[pos + 1] == '%' as u32 {
                lit.push('%' as u32);
                pos += 2;
            } else {
                break;
            }
        }
        if pos != start {
            seq.push(str_const(&lit));
        }
        if pos >= size {
            break;
        }
        if cnt >= elts.len() {
            return;
        }
        pos += 1;
        // simple_format_arg_parse
        let mut flags_ljust = false;
        let mut width: i32 = -1;
        let mut prec: i32 = -1;
        macro_rules! nextc {
            () => {{
                if pos >= size {
                    return;
                }
                let c = fmt[pos];
                pos += 1;
                c
            }};
        }
        let mut ch;
        loop {
            ch = nextc!();
            match char::from_u32(ch) {
                Some('-') => flags_ljust = true,
                Some('+') | Some(' ') | Some('#') | Some('0') | Some('z') => {}
                _ => break,
            }
        }
        let isdig = |c: u32| ('0' as u32..='9' as u32).contains(&c);
        if isdig(ch) {
            width = 0;
            let mut digits = 0;
            while isdig(ch) {
                width = width * 10 + (ch - '0' as u32) as i32;
                ch = nextc!();
                digits += 1;
                if digits >= 3 {
                    return;
                }
            }
        }
        if ch == '.' as u32 {
            ch = nextc!();
            prec = 0;
            if isdig(ch) {
                let mut digits = 0;
                while isdig(ch) {
                    prec = prec * 10 + (ch - '0' as u32) as i32;
                    ch = nextc!();
                    digits += 1;
                    if digits >= 3 {
                        return;
                    }
                }
            }
        }
        let spec = ch;
        if spec != 's' as u32 && spec != 'r' as u32 && spec != 'a' as u32 {
            return;
        }
        let mut buf = String::new();
        if !flags_ljust && width > 0 {
            buf.push('>');
        }
        if width >= 0 {
            buf.push_str(&width.to_string());
        }
        if prec >= 0 {
            buf.push_str(&format!(".{}", prec));
        }
        let arg = elts[cnt].clone();
        cnt += 1;
        let format_spec = if buf.is_empty() {
            None
        } else {
            let cps: Vec<u32> = buf.chars().map(|c| c as u32).collect();
            Some(Box::new(str_const(&cps)))
        };
        let apos = arg.pos;
        seq.push(Expr {
            kind: ExprKind::FormattedValue { value: Box::new(arg), conversion: spec as i32, format_spec },
            pos: apos,
        });
    }
    if cnt < elts.len() {
        return;
    }
    node.kind = ExprKind::JoinedStr { values: seq };
}

impl Opt {
    fn body(&self, stmts: &mut Vec<Stmt>) {
        let had_doc = is_docstring(stmts);
        self.stmts(stmts);
        if !had_doc && is_docstring(stmts) {
            let st = &mut stmts[0];
            let pos = st.pos;
            if let StmtKind::Expr { value } = &mut st.kind {
                let v = std::mem::replace(
                    value.as_mut(),
                    Expr { kind: ExprKind::Constant { value: Constant::None, kind: None }, pos },
                );
                **value = Expr { kind: ExprKind::JoinedStr { values: vec![v] }, pos };
            }
        }
    }

    fn stmts(&self, stmts: &mut [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn exprs(&self, es: &mut [Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn ann(&self, e: &mut Expr) {
        if !self.future_annotations {
            self.expr(e);
        }
    }

    fn arguments(&self, a: &mut Arguments) {
        for x in a.posonlyargs.iter_mut().chain(a.args.iter_mut()) {
            if let Some(an) = &mut x.annotation {
                self.ann(an);
            }
        }
        if let Some(v) = &mut a.vararg {
            if let Some(an) = &mut v.annotation {
                self.ann(an);
            }
        }
        for x in a.kwonlyargs.iter_mut() {
            if let Some(an) = &mut x.annotation {
                self.ann(an);
            }
        }
        if let Some(v) = &mut a.kwarg {
            if let Some(an) = &mut v.annotation {
                self.ann(an);
            }
        }
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d);
        }
        self.exprs(&mut a.defaults);
    }

    fn stmt(&self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::FunctionDef { args, body, decorator_list, returns, .. }
            | StmtKind::AsyncFunctionDef { args, body, decorator_list, returns, .. } => {
                self.arguments(args);
                self.body(body);
                self.exprs(decorator_list);
                if let Some(r) = returns {
                    self.ann(r);
                }
            }
            StmtKind::ClassDef { bases, keywords, body, decorator_list, .. } => {
                self.exprs(bases);
                for k in keywords {
                    self.expr(&mut k.value);
                }
                self.body(body);
                self.exprs(decorator_list);
            }
            StmtKind::Return { value } => {
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::Delete { targets } => self.exprs(targets),
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets);
                self.expr(value);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::AnnAssign { target, annotation, value, .. } => {
                self.expr(target);
                self.ann(annotation);
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::For { target, iter, body, orelse, .. } | StmtKind::AsyncFor { target, iter, body, orelse, .. } => {
                self.expr(target);
                self.expr(iter);
                self.stmts(body);
                self.stmts(orelse);
                fold_iter(iter);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for it in items {
                    self.expr(&mut it.context_expr);
                    if let Some(v) = &mut it.optional_vars {
                        self.expr(v);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e);
                }
                if let Some(c) = cause {
                    self.expr(c);
                }
            }
            StmtKind::Try { body, handlers, orelse, finalbody } | StmtKind::TryStar { body, handlers, orelse, finalbody } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &mut h.type_ {
                        self.expr(t);
                    }
                    self.stmts(&mut h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Expr { value } => self.expr(value),
            StmtKind::Match { subject, cases } => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&mut c.pattern);
                    if let Some(g) = &mut c.guard {
                        self.expr(g);
                    }
                    self.stmts(&mut c.body);
                }
            }
            _ => {}
        }
    }

    fn pattern(&self, p: &mut Pattern) {
        match &mut p.kind {
            PatternKind::MatchValue { value } => self.expr(value),
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                for q in patterns {
                    self.pattern(q);
                }
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k);
                }
                for q in patterns {
                    self.pattern(q);
                }
            }
            PatternKind::MatchClass { cls, patterns, kwd_patterns, .. } => {
                self.expr(cls);
                for q in patterns.iter_mut().chain(kwd_patterns.iter_mut()) {
                    self.pattern(q);
                }
            }
            PatternKind::MatchAs { pattern: Some(q), .. } => self.pattern(q),
            _ => {}
        }
    }

    fn comprehensions(&self, gens: &mut [Comprehension]) {
        for g in gens {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            self.exprs(&mut g.ifs);
            fold_iter(&mut g.iter);
        }
    }

    fn expr(&self, e: &mut Expr) {
        match &mut e.kind {
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::BinOp { left, right, op } => {
                self.expr(left);
                self.expr(right);
                let op = *op;
                // fold_binop
                let ExprKind::Constant { value: lv, .. } = &left.kind else { return };
                if op == Operator::Mod && matches!(lv, Constant::Str(_)) {
                    if let ExprKind::Tuple { elts, .. } = &right.kind {
                        if !has_starred(elts) {
                            optimize_format(e);
                            return;
                        }
                    }
                }
                let ExprKind::Constant { value: rv, .. } = &right.kind else { return };
                if op == Operator::Mod && matches!(lv, Constant::Str(_) | Constant::Bytes(_)) {
                    return;
                }
                if let Some(c) = binop(op, lv, rv) {
                    make_const(e, c);
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand);
                let op = *op;
                match &mut operand.kind {
                    ExprKind::Constant { value, .. } => {
                        if let Some(c) = unaryop(op, value) {
                            make_const(e, c);
                        }
                    }
                    ExprKind::Compare { ops, .. } if op == UnaryOp::Not && ops.len() == 1 => {
                        let new = match ops[0] {
                            CmpOp::Is => Some(CmpOp::IsNot),
                            CmpOp::IsNot => Some(CmpOp::Is),
                            CmpOp::In => Some(CmpOp::NotIn),
                            CmpOp::NotIn => Some(CmpOp::In),
                            _ => None,
                        };
                        if let Some(n) = new {
                            ops[0] = n;
                            let inner = std::mem::replace(
                                operand.as_mut(),
                                Expr { kind: ExprKind::Constant { value: Constant::None, kind: None }, pos: Pos::default() },
                            );
                            *e = inner;
                        }
                    }
                    _ => {}
                }
            }
            ExprKind::Lambda { args, body } => {
                self.arguments(args);
                self.expr(body);
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter_mut().flatten() {
                    self.expr(k);
                }
                self.exprs(values);
            }
            ExprKind::Set { elts } => self.exprs(elts),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt);
                self.comprehensions(generators);
            }
            ExprKind::DictComp { key, value, generators } => {
                self.expr(key);
                self.expr(value);
                self.comprehensions(generators);
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => self.expr(value),
            ExprKind::Yield { value } => {
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            ExprKind::Compare { left, ops, comparators } => {
                self.expr(left);
                self.exprs(comparators);
                let i = ops.len() - 1;
                if matches!(ops[i], CmpOp::In | CmpOp::NotIn) {
                    fold_iter(&mut comparators[i]);
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.expr(func);
                self.exprs(args);
                for k in keywords {
                    self.expr(&mut k.value);
                }
            }
            ExprKind::FormattedValue { value, format_spec, .. } => {
                self.expr(value);
                if let Some(f) = format_spec {
                    self.expr(f);
                }
            }
            ExprKind::JoinedStr { values } => self.exprs(values),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value);
                self.expr(slice);
                if let (ExprKind::Constant { value: v, .. }, ExprKind::Constant { value: i, .. }) = (&value.kind, &slice.kind) {
                    if let Some(c) = subscript(v, i) {
                        make_const(e, c);
                    }
                }
            }
            ExprKind::Starred { value, .. } => self.expr(value),
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
            }
            ExprKind::List { elts, .. } => self.exprs(elts),
            ExprKind::Tuple { elts, ctx } => {
                self.exprs(elts);
                if *ctx == ExprContext::Load {
                    if let Some(t) = const_tuple(elts) {
                        make_const(e, Constant::Tuple(t));
                    }
                }
            }
            ExprKind::Name { id, ctx } => {
                if *ctx == ExprContext::Load && id == "__debug__" {
                    make_const(e, Constant::Bool(self.optimize == 0));
                }
            }
            ExprKind::NamedExpr { value, .. } => self.expr(value),
            ExprKind::Constant { .. } => {}
        }
    }
}
