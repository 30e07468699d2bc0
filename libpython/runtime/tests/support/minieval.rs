//! A tiny evaluator for Python expressions, for oracle tests of the object model before the
//! compiler and the eval loop exist. It parses the expression subset the case files use
//! (literals, displays, operators, comparisons, attribute access, calls with keywords,
//! subscripts) and evaluates it with Ferric's runtime protocols. Names resolve to the builtin
//! types and to a few builtin functions defined here as real `builtin_function_or_method`s.
#![allow(dead_code)]

use ferric_runtime::ffi::*;
use ferric_runtime::object::*;
use ferric_runtime::objects::{boolobject, bytesobject, dictobject, floatobject, listobject, longobject, noneobject, tupleobject, typeobject, unicodeobject as str_};
use ferric_runtime::protocol::{call, number as num, object as proto, sequence as seq};
use ferric_runtime::{err, exc, Obj, PyResult};
use std::ptr::null_mut;

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Str(Vec<u32>, bool), // code points (bytes values for b''), is_bytes
    Name(String),
    Op(String),
    End,
}

fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = src.chars().collect();
    let mut i = 0;
    let mut out = Vec::new();
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        // string literal, with optional prefix
        let mut j = i;
        let mut prefix = String::new();
        while j < cs.len() && cs[j].is_ascii_alphabetic() && prefix.len() < 2 {
            prefix.push(cs[j].to_ascii_lowercase());
            j += 1;
        }
        if j < cs.len() && (cs[j] == '\'' || cs[j] == '"') && prefix.chars().all(|p| p == 'b' || p == 'r' || p == 'u') {
            let is_bytes = prefix.contains('b');
            let raw = prefix.contains('r');
            let q = cs[j];
            let triple = j + 2 < cs.len() && cs[j + 1] == q && cs[j + 2] == q;
            let mut k = if triple { j + 3 } else { j + 1 };
            let mut val = Vec::new();
            loop {
                if k >= cs.len() {
                    return Err("unterminated string".into());
                }
                if cs[k] == q && (!triple || (k + 2 < cs.len() && cs[k + 1] == q && cs[k + 2] == q)) {
                    k += if triple { 3 } else { 1 };
                    break;
                }
                if cs[k] == '\\' && !raw {
                    k += 1;
                    let e = cs[k];
                    let hex = |n: usize, k: &mut usize| -> Result<u32, String> {
                        let s: String = cs[*k + 1..*k + 1 + n].iter().collect();
                        *k += n;
                        u32::from_str_radix(&s, 16).map_err(|e| e.to_string())
                    };
                    let v = match e {
                        'n' => 10,
                        't' => 9,
                        'r' => 13,
                        '0' => 0,
                        'a' => 7,
                        'b' => 8,
                        'f' => 12,
                        'v' => 11,
                        '\\' => 92,
                        '\'' => 39,
                        '"' => 34,
                        'x' => hex(2, &mut k)?,
                        'u' if !is_bytes => hex(4, &mut k)?,
                        'U' if !is_bytes => hex(8, &mut k)?,
                        other => {
                            val.push('\\' as u32);
                            other as u32
                        }
                    };
                    val.push(v);
                    k += 1;
                    continue;
                }
                if raw && cs[k] == '\\' && k + 1 < cs.len() {
                    val.push('\\' as u32);
                    val.push(cs[k + 1] as u32);
                    k += 2;
                    continue;
                }
                if is_bytes {
                    let mut buf = [0u8; 4];
                    for b in cs[k].encode_utf8(&mut buf).bytes() {
                        val.push(b as u32);
                    }
                } else {
                    val.push(cs[k] as u32);
                }
                k += 1;
            }
            out.push(Tok::Str(val, is_bytes));
            i = k;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && i + 1 < cs.len() && cs[i + 1].is_ascii_digit()) {
            let mut k = i;
            while k < cs.len()
                && (cs[k].is_ascii_alphanumeric() || cs[k] == '_' || cs[k] == '.'
                    || ((cs[k] == '+' || cs[k] == '-') && (cs[k - 1] == 'e' || cs[k - 1] == 'E') && !cs[i..k].iter().any(|c| *c == 'x' || *c == 'X')))
            {
                k += 1;
            }
            out.push(Tok::Num(cs[i..k].iter().collect()));
            i = k;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut k = i;
            while k < cs.len() && (cs[k].is_alphanumeric() || cs[k] == '_') {
                k += 1;
            }
            out.push(Tok::Name(cs[i..k].iter().collect()));
            i = k;
            continue;
        }
        let three: String = cs[i..(i + 3).min(cs.len())].iter().collect();
        let two: String = cs[i..(i + 2).min(cs.len())].iter().collect();
        let op = if ["**=", "//=", ">>=", "<<="].contains(&three.as_str()) {
            three
        } else if ["**", "//", "<<", ">>", "<=", ">=", "==", "!=", ":="].contains(&two.as_str()) {
            two
        } else {
            c.to_string()
        };
        i += op.chars().count();
        out.push(Tok::Op(op));
    }
    out.push(Tok::End);
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    pos: usize,
}

/// Evaluation errors: either a Python exception (indicator set) or a harness problem.
pub enum EvalError {
    Py,
    Harness(String),
}

impl From<ferric_runtime::ErrSet> for EvalError {
    fn from(_: ferric_runtime::ErrSet) -> Self {
        EvalError::Py
    }
}

type R = Result<Obj, EvalError>;

fn py<T>(r: PyResult<T>) -> Result<T, EvalError> {
    r.map_err(|_| EvalError::Py)
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos]
    }
    fn next(&mut self) -> Tok {
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        t
    }
    fn is_op(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if o == s)
    }
    fn is_name(&self, s: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == s)
    }
    fn expect(&mut self, s: &str) -> Result<(), EvalError> {
        if self.is_op(s) {
            self.pos += 1;
            Ok(())
        } else {
            Err(EvalError::Harness(format!("expected {s}, found {:?}", self.peek())))
        }
    }

    unsafe fn expr(&mut self) -> R {
        // `name := value` binds for the rest of the line (case files use it to mutate).
        if let (Tok::Name(n), Tok::Op(o)) = (self.peek().clone(), self.toks[self.pos + 1].clone()) {
            if o == ":=" {
                self.pos += 2;
                let v = self.expr()?;
                BOUND.with(|b| b.borrow_mut().push((n, v.clone())));
                return Ok(v);
            }
        }
        let v = self.or_test()?;
        if self.is_name("if") {
            self.pos += 1;
            let cond = self.or_test()?;
            if !self.is_name("else") {
                return Err(EvalError::Harness("expected else".into()));
            }
            self.pos += 1;
            let other = self.expr()?;
            return Ok(if py(proto::is_true(cond.as_ptr()))? { v } else { other });
        }
        Ok(v)
    }

    unsafe fn or_test(&mut self) -> R {
        let mut v = self.and_test()?;
        while self.is_name("or") {
            self.pos += 1;
            let rhs = self.and_test()?;
            if !py(proto::is_true(v.as_ptr()))? {
                v = rhs;
            }
        }
        Ok(v)
    }

    unsafe fn and_test(&mut self) -> R {
        let mut v = self.not_test()?;
        while self.is_name("and") {
            self.pos += 1;
            let rhs = self.not_test()?;
            if py(proto::is_true(v.as_ptr()))? {
                v = rhs;
            }
        }
        Ok(v)
    }

    unsafe fn not_test(&mut self) -> R {
        if self.is_name("not") {
            self.pos += 1;
            let v = self.not_test()?;
            return Ok(Obj::from_borrowed(boolobject::new_bool(!py(proto::is_true(v.as_ptr()))?)));
        }
        self.comparison()
    }

    /// Chained comparisons. All operands are evaluated (case expressions are pure); the
    /// result is the first false comparison's value, else the last one's.
    unsafe fn comparison(&mut self) -> R {
        let mut left = self.bitor()?;
        let mut result: Option<Obj> = None;
        let mut decided = false;
        loop {
            let op = match self.peek() {
                Tok::Op(o) if ["<", ">", "==", ">=", "<=", "!="].contains(&o.as_str()) => o.clone(),
                Tok::Name(n) if n == "in" || n == "is" => n.clone(),
                Tok::Name(n) if n == "not" && matches!(&self.toks[self.pos + 1], Tok::Name(m) if m == "in") => {
                    self.pos += 1;
                    "not in".into()
                }
                _ => break,
            };
            self.pos += 1;
            let op = if op == "is" && self.is_name("not") {
                self.pos += 1;
                "is not".to_string()
            } else {
                op
            };
            let right = self.bitor()?;
            if decided {
                continue;
            }
            let r = match op.as_str() {
                "in" => Obj::from_borrowed(boolobject::new_bool(py(seq::contains(right.as_ptr(), left.as_ptr()))?)),
                "not in" => Obj::from_borrowed(boolobject::new_bool(!py(seq::contains(right.as_ptr(), left.as_ptr()))?)),
                "is" => Obj::from_borrowed(boolobject::new_bool(left.as_ptr() == right.as_ptr())),
                "is not" => Obj::from_borrowed(boolobject::new_bool(left.as_ptr() != right.as_ptr())),
                o => {
                    let code = ["<", "<=", "==", "!=", ">", ">="].iter().position(|x| *x == o).unwrap_or(2) as i32;
                    py(proto::rich_compare(left.as_ptr(), right.as_ptr(), code))?
                }
            };
            if !py(proto::is_true(r.as_ptr()))? {
                decided = true;
            }
            result = Some(r);
            left = right;
        }
        Ok(result.unwrap_or(left))
    }

    unsafe fn binary_level(&mut self, ops: &[(&str, num::BinOp)], next: unsafe fn(&mut Parser) -> R) -> R {
        let mut v = next(self)?;
        'outer: loop {
            for (s, op) in ops {
                if self.is_op(s) {
                    self.pos += 1;
                    let rhs = next(self)?;
                    v = py(num::binary_op(v.as_ptr(), rhs.as_ptr(), *op))?;
                    continue 'outer;
                }
            }
            return Ok(v);
        }
    }

    unsafe fn bitor(&mut self) -> R {
        self.binary_level(&[("|", num::OR)], Parser::bitxor)
    }
    unsafe fn bitxor(&mut self) -> R {
        self.binary_level(&[("^", num::XOR)], Parser::bitand)
    }
    unsafe fn bitand(&mut self) -> R {
        self.binary_level(&[("&", num::AND)], Parser::shift)
    }
    unsafe fn shift(&mut self) -> R {
        self.binary_level(&[("<<", num::LSHIFT), (">>", num::RSHIFT)], Parser::arith)
    }
    unsafe fn arith(&mut self) -> R {
        self.binary_level(&[("+", num::ADD), ("-", num::SUBTRACT)], Parser::term)
    }
    unsafe fn term(&mut self) -> R {
        self.binary_level(
            &[("*", num::MULTIPLY), ("/", num::TRUE_DIVIDE), ("//", num::FLOOR_DIVIDE), ("%", num::REMAINDER), ("@", num::MATRIX_MULTIPLY)],
            Parser::factor,
        )
    }

    unsafe fn factor(&mut self) -> R {
        if self.is_op("-") {
            self.pos += 1;
            let v = self.factor()?;
            return py(num::negative(v.as_ptr()));
        }
        if self.is_op("+") {
            self.pos += 1;
            let v = self.factor()?;
            return py(num::positive(v.as_ptr()));
        }
        if self.is_op("~") {
            self.pos += 1;
            let v = self.factor()?;
            return py(num::invert(v.as_ptr()));
        }
        self.power()
    }

    unsafe fn power(&mut self) -> R {
        let base = self.primary()?;
        if self.is_op("**") {
            self.pos += 1;
            let e = self.factor()?;
            return py(num::power(base.as_ptr(), e.as_ptr(), noneobject::none()));
        }
        Ok(base)
    }

    unsafe fn primary(&mut self) -> R {
        let mut v = self.atom()?;
        loop {
            if self.is_op(".") {
                self.pos += 1;
                let Tok::Name(n) = self.next() else { return Err(EvalError::Harness("expected name".into())) };
                v = py(proto::getattr_str(v.as_ptr(), &n))?;
            } else if self.is_op("(") {
                self.pos += 1;
                let mut pos_args: Vec<Obj> = Vec::new();
                let mut kw_names: Vec<Obj> = Vec::new();
                let mut kw_vals: Vec<Obj> = Vec::new();
                while !self.is_op(")") {
                    if let (Tok::Name(n), Tok::Op(o)) = (self.peek().clone(), self.toks[self.pos + 1].clone()) {
                        if o == "=" {
                            self.pos += 2;
                            kw_names.push(py(str_::from_str(&n))?);
                            kw_vals.push(self.expr()?);
                            if self.is_op(",") {
                                self.pos += 1;
                            }
                            continue;
                        }
                    }
                    if self.is_op("*") {
                        self.pos += 1;
                        let it = self.expr()?;
                        pos_args.extend(py(ferric_runtime::protocol::iter::collect(it.as_ptr()))?);
                    } else {
                        pos_args.push(self.expr()?);
                    }
                    if self.is_op(",") {
                        self.pos += 1;
                    }
                }
                self.expect(")")?;
                let mut all: Vec<*mut PyObject> = pos_args.iter().map(|o| o.as_ptr()).collect();
                all.extend(kw_vals.iter().map(|o| o.as_ptr()));
                let kwnames = if kw_names.is_empty() {
                    None
                } else {
                    Some(py(tupleobject::from_vec(kw_names.clone()))?)
                };
                v = py(call::vectorcall(v.as_ptr(), &all, kwnames.as_ref().map(|k| k.as_ptr()).unwrap_or(null_mut())))?;
            } else if self.is_op("[") {
                self.pos += 1;
                let key = self.subscript()?;
                self.expect("]")?;
                v = py(seq::getitem(v.as_ptr(), key.as_ptr()))?;
            } else {
                return Ok(v);
            }
        }
    }

    /// `a`, or a slice `a:b:c` (any part optional), or a tuple of them.
    unsafe fn subscript(&mut self) -> R {
        let first = self.slice_item()?;
        if self.is_op(",") {
            let mut items = vec![first];
            while self.is_op(",") {
                self.pos += 1;
                if self.is_op("]") {
                    break;
                }
                items.push(self.slice_item()?);
            }
            return py(tupleobject::from_vec(items));
        }
        Ok(first)
    }

    unsafe fn slice_item(&mut self) -> R {
        let none = || Obj::from_borrowed(noneobject::none());
        let start = if self.is_op(":") { none() } else { self.expr()? };
        if !self.is_op(":") {
            return Ok(start);
        }
        self.pos += 1;
        let stop = if self.is_op(":") || self.is_op("]") || self.is_op(",") { none() } else { self.expr()? };
        let mut step = none();
        if self.is_op(":") {
            self.pos += 1;
            if !(self.is_op("]") || self.is_op(",")) {
                step = self.expr()?;
            }
        }
        let slice_type = lookup_name("slice")?;
        py(call::vectorcall(slice_type.as_ptr(), &[start.as_ptr(), stop.as_ptr(), step.as_ptr()], null_mut()))
    }

    unsafe fn atom(&mut self) -> R {
        match self.next() {
            Tok::Num(n) => number(&n),
            Tok::Str(mut v, is_bytes) => {
                while let Tok::Str(more, b) = self.peek().clone() {
                    if b != is_bytes {
                        return Err(EvalError::Harness("mixed bytes and str literals".into()));
                    }
                    v.extend(more);
                    self.pos += 1;
                }
                if is_bytes {
                    let b: Vec<u8> = v.iter().map(|&c| c as u8).collect();
                    py(bytesobject::from_slice(&b))
                } else {
                    py(str_::from_code_points(&v))
                }
            }
            Tok::Name(n) => lookup_name(&n),
            Tok::Op(o) if o == "(" => {
                if self.is_op(")") {
                    self.pos += 1;
                    return py(tupleobject::new(0));
                }
                let first = self.expr()?;
                if self.is_op(")") {
                    self.pos += 1;
                    return Ok(first);
                }
                let mut items = vec![first];
                while self.is_op(",") {
                    self.pos += 1;
                    if self.is_op(")") {
                        break;
                    }
                    items.push(self.expr()?);
                }
                self.expect(")")?;
                py(tupleobject::from_vec(items))
            }
            Tok::Op(o) if o == "[" => {
                let mut items = Vec::new();
                while !self.is_op("]") {
                    items.push(self.expr()?);
                    if self.is_op(",") {
                        self.pos += 1;
                    }
                }
                self.expect("]")?;
                let ptrs: Vec<*mut PyObject> = items.iter().map(|o| o.as_ptr()).collect();
                py(listobject::from_slice(&ptrs))
            }
            Tok::Op(o) if o == "{" => {
                let d = py(dictobject::new())?;
                let mut set_items: Vec<Obj> = Vec::new();
                while !self.is_op("}") {
                    let k = self.expr()?;
                    if self.is_op(":") {
                        self.pos += 1;
                        let v = self.expr()?;
                        py(dictobject::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr()))?;
                    } else {
                        set_items.push(k);
                    }
                    if self.is_op(",") {
                        self.pos += 1;
                    }
                }
                self.expect("}")?;
                if !set_items.is_empty() {
                    let set_type = lookup_name("set")?;
                    let l = py(tupleobject::from_vec(set_items))?;
                    return py(call::vectorcall(set_type.as_ptr(), &[l.as_ptr()], null_mut()));
                }
                Ok(d)
            }
            t => Err(EvalError::Harness(format!("unexpected token {t:?}"))),
        }
    }
}

unsafe fn number(text: &str) -> R {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if lower.ends_with('j') {
        return Err(EvalError::Harness("complex literals are not supported".into()));
    }
    let is_float = !lower.starts_with("0x") && (lower.contains('.') || lower.contains('e'));
    if is_float {
        let v: f64 = lower.parse().map_err(|_| EvalError::Harness(format!("bad float {text}")))?;
        return py(floatobject::from_f64(v));
    }
    let s = py(str_::from_str(text))?;
    py(ferric_runtime::objects::long_format::from_str_obj(s.as_ptr(), 0))
}

thread_local! {
    /// Names bound by `:=` in the current line.
    static BOUND: std::cell::RefCell<Vec<(String, Obj)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Builtins the case files may use: the builtin types, and functions made here.
unsafe fn lookup_name(name: &str) -> R {
    if let Some(v) = BOUND.with(|b| b.borrow().iter().rev().find(|(n, _)| n == name).map(|(_, v)| v.clone())) {
        return Ok(v);
    }
    let t: *mut PyTypeObject = match name {
        "True" => return Ok(Obj::from_borrowed(boolobject::true_())),
        "False" => return Ok(Obj::from_borrowed(boolobject::false_())),
        "None" => return Ok(Obj::from_borrowed(noneobject::none())),
        "NotImplemented" => return Ok(Obj::from_borrowed(noneobject::not_implemented())),
        "int" => longobject::long_type(),
        "bool" => &raw mut boolobject::PyBool_Type,
        "float" => floatobject::float_type(),
        "str" => str_::unicode_type(),
        "bytes" => bytesobject::bytes_type(),
        "tuple" => tupleobject::tuple_type(),
        "list" => listobject::list_type(),
        "dict" => dictobject::dict_type(),
        "object" => ferric_runtime::objects::baseobject::object_type(),
        "type" => typeobject::type_type(),
        _ => {
            if let Some(f) = crate::support::builtins::lookup(name) {
                return Ok(f);
            }
            // Types registered by name in the runtime (slice, set, range, ... as they land).
            if let Some(t) = crate::support::builtins::runtime_type(name) {
                return Ok(t);
            }
            let msg = format!("name '{name}' is not defined");
            err::raise(exc::name_error(), msg);
            return Err(EvalError::Py);
        }
    };
    Ok(Obj::from_borrowed(t as *mut PyObject))
}

/// Evaluates one expression: `repr(result)` or `!Type: message`, as oracle_eval.py prints.
pub unsafe fn eval_to_line(src: &str) -> String {
    let toks = match tokenize(src) {
        Ok(t) => t,
        Err(e) => return format!("<harness: {e}>"),
    };
    let mut p = Parser { toks, pos: 0 };
    let r = p.expr();
    let r = match r {
        Ok(_) if !matches!(p.peek(), Tok::End) => Err(EvalError::Harness(format!("trailing input at {:?}", p.peek()))),
        other => other,
    };
    let line = match r {
        Ok(v) => match proto::repr(v.as_ptr()) {
            Ok(s) => str_::as_str(s.as_ptr()).map(|s| s.to_owned()).unwrap_or_else(|_| exception_line()),
            Err(_) => exception_line(),
        },
        Err(EvalError::Py) => exception_line(),
        Err(EvalError::Harness(m)) => format!("<harness: {m}>"),
    };
    err::clear();
    let bound = BOUND.with(|b| std::mem::take(&mut *b.borrow_mut()));
    drop(bound);
    line.replace('\n', "\\n")
}

unsafe fn exception_line() -> String {
    let (mut t, mut v, mut tb) = err::fetch();
    if t.is_null() {
        return "<no exception set>".into();
    }
    let _ = ferric_runtime::objects::exceptions::normalize(&mut t, &mut v, &mut tb);
    err::clear();
    let name = typeobject::short_name(if v.is_null() { t as *mut PyTypeObject } else { type_of(v) });
    let msg = if v.is_null() {
        String::new()
    } else {
        match proto::str(v) {
            Ok(s) => str_::as_str(s.as_ptr()).map(|s| s.to_owned()).unwrap_or_default(),
            Err(_) => {
                err::clear();
                "<str() failed>".into()
            }
        }
    };
    xdecref(t);
    xdecref(v);
    xdecref(tb);
    format!("!{name}: {msg}")
}
