//! A small JSON reader and writer for the AST's JSON form (`json_gen.rs`). The form:
//! a node is `{"_type": "Name", <fields>, <attributes>}`, a missing optional is `null`, and a
//! constant is tagged: `{"_c": "int", "v": "12"}`, floats as `float.hex()` text, a `str`
//! with lone surrogates as its code points (`"cps"`), bytes as hex.

use super::{Constant, PyStr, Pos};
use num_bigint::BigInt;
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonError(pub String);

impl JsonError {
    pub fn new(msg: impl Into<String>) -> Self {
        JsonError(msg.into())
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut p = Parser { s: text.as_bytes(), at: 0 };
    let v = p.value()?;
    p.ws();
    if p.at != p.s.len() {
        return Err(p.err("trailing data"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn err(&self, what: &str) -> JsonError {
        JsonError(format!("JSON: {what} at byte {}", self.at))
    }

    fn ws(&mut self) {
        while self.at < self.s.len() && matches!(self.s[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> bool {
        if self.s[self.at..].starts_with(lit) {
            self.at += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.ws();
        match self.s.get(self.at).copied() {
            Some(b'{') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"}") {
                    return Ok(Json::Obj(items));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(b":") {
                        return Err(self.err("expected ':'"));
                    }
                    items.push((key, self.value()?));
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"}") {
                        return Ok(Json::Obj(items));
                    }
                    return Err(self.err("expected ',' or '}'"));
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"]") {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    if self.eat(b",") {
                        continue;
                    }
                    if self.eat(b"]") {
                        return Ok(Json::Arr(items));
                    }
                    return Err(self.err("expected ',' or ']'"));
                }
            }
            Some(b'"') => Ok(Json::Str(self.string()?)),
            Some(b't') if self.eat(b"true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat(b"false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat(b"null") => Ok(Json::Null),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                self.at += 1;
                while self.at < self.s.len() && self.s[self.at].is_ascii_digit() {
                    self.at += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.at]).unwrap_or("");
                text.parse().map(Json::Int).map_err(|_| self.err("bad integer"))
            }
            _ => Err(self.err("expected a value")),
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.s.get(self.at..self.at + 4).ok_or_else(|| self.err("short \\u escape"))?;
        let text = std::str::from_utf8(digits).map_err(|_| self.err("bad \\u escape"))?;
        let v = u32::from_str_radix(text, 16).map_err(|_| self.err("bad \\u escape"))?;
        self.at += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        if !self.eat(b"\"") {
            return Err(self.err("expected a string"));
        }
        let mut out = Vec::new();
        loop {
            let b = *self.s.get(self.at).ok_or_else(|| self.err("unterminated string"))?;
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let e = *self.s.get(self.at).ok_or_else(|| self.err("bad escape"))?;
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp) && self.eat(b"\\u") {
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.err("unpaired surrogate"));
                                }
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                            }
                            char::from_u32(cp).ok_or_else(|| self.err("lone surrogate in a string"))?
                        }
                        _ => return Err(self.err("bad escape")),
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                _ => out.push(b),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8"))
    }
}

impl Json {
    pub fn as_string(&self) -> Result<String, JsonError> {
        match self {
            Json::Str(s) => Ok(s.clone()),
            other => Err(JsonError(format!("expected a string, got {other:?}"))),
        }
    }

    pub fn as_int(&self) -> Result<i64, JsonError> {
        match self {
            Json::Int(i) => Ok(*i),
            Json::Bool(b) => Ok(*b as i64),
            other => Err(JsonError(format!("expected an integer, got {other:?}"))),
        }
    }

    /// The `_type` of a node without fields (`{"_type": "Load"}`).
    pub fn as_simple(&self) -> Result<&str, JsonError> {
        ObjReader::new(self)?.node_type()
    }

    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(items) => items.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_constant(&self) -> Result<Constant, JsonError> {
        let tag = self.get("_c").ok_or_else(|| JsonError::new("constant without _c"))?.as_string()?;
        let v = || self.get("v").ok_or_else(|| JsonError::new("constant without v"));
        let items = |v: &Json| match v {
            Json::Arr(items) => items.iter().map(Json::as_constant).collect(),
            _ => Err(JsonError::new("expected a list of constants")),
        };
        Ok(match tag.as_str() {
            "None" => Constant::None,
            "Ellipsis" => Constant::Ellipsis,
            "bool" => Constant::Bool(v()?.as_int()? != 0),
            "int" => Constant::Int(
                v()?.as_string()?.parse::<BigInt>().map_err(|_| JsonError::new("bad int constant"))?,
            ),
            "float" => Constant::Float(parse_float_hex(&v()?.as_string()?)?),
            "complex" => Constant::Complex {
                real: parse_float_hex(&self.get("re").ok_or_else(|| JsonError::new("no re"))?.as_string()?)?,
                imag: parse_float_hex(&self.get("im").ok_or_else(|| JsonError::new("no im"))?.as_string()?)?,
            },
            "str" => match self.get("cps") {
                Some(Json::Arr(cps)) => {
                    let mut s = PyStr::new();
                    for cp in cps {
                        let cp = cp.as_int()?;
                        if !(0..=0x10FFFF).contains(&cp) {
                            return Err(JsonError::new("code point out of range"));
                        }
                        s.push(cp as u32);
                    }
                    Constant::Str(s)
                }
                _ => Constant::Str(PyStr::from(v()?.as_string()?)),
            },
            "bytes" => Constant::Bytes(parse_hex(&v()?.as_string()?)?),
            "tuple" => Constant::Tuple(items(v()?)?),
            "frozenset" => Constant::FrozenSet(items(v()?)?),
            other => return Err(JsonError(format!("unknown constant kind {other}"))),
        })
    }
}

fn parse_hex(text: &str) -> Result<Vec<u8>, JsonError> {
    let b = text.as_bytes();
    if b.len() % 2 != 0 {
        return Err(JsonError::new("odd hex length"));
    }
    b.chunks(2)
        .map(|pair| {
            u8::from_str_radix(std::str::from_utf8(pair).unwrap_or("zz"), 16)
                .map_err(|_| JsonError::new("bad hex digit"))
        })
        .collect()
}

/// `x * 2**exp`, exact whenever the result is representable.
fn scale_by_power_of_two(mut x: f64, mut exp: i32) -> f64 {
    while exp > 0 {
        let step = exp.min(1000);
        x *= f64::from_bits(((1023 + step) as u64) << 52);
        exp -= step;
    }
    while exp < 0 {
        let step = (-exp).min(1000);
        x /= f64::from_bits(((1023 + step) as u64) << 52);
        exp += step;
    }
    x
}

/// Reads `float.hex()` output (`-0x1.8p+1`, `inf`, `nan`) and `0x<hex>p<exp>`.
pub fn parse_float_hex(text: &str) -> Result<f64, JsonError> {
    let bad = || JsonError(format!("bad float hex {text:?}"));
    let (neg, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let mag = match rest {
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let rest = rest.strip_prefix("0x").ok_or_else(bad)?;
            let (mant, exp) = rest.split_once('p').ok_or_else(bad)?;
            let exp: i32 = exp.parse().map_err(|_| bad())?;
            let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
            let digits = format!("{int_part}{frac_part}");
            if digits.len() > 15 {
                return Err(bad());
            }
            let m = u64::from_str_radix(&digits, 16).map_err(|_| bad())?;
            scale_by_power_of_two(m as f64, exp - 4 * frac_part.len() as i32)
        }
    };
    Ok(if neg { -mag } else { mag })
}

/// `0x<mantissa>p<exp>` with an integer mantissa, exact and readable by `float.fromhex`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let bits = x.to_bits();
    let sign = if bits >> 63 != 0 { "-" } else { "" };
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 { (frac, -1074) } else { (frac | (1 << 52), biased - 1075) };
    format!("{sign}0x{m:x}p{e}")
}

/// Reads the fields of one node object.
pub struct ObjReader<'a> {
    items: &'a [(String, Json)],
}

impl<'a> ObjReader<'a> {
    pub fn new(value: &'a Json) -> Result<Self, JsonError> {
        match value {
            Json::Obj(items) => Ok(ObjReader { items }),
            other => Err(JsonError(format!("expected a node, got {other:?}"))),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.items.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn node_type(&self) -> Result<&'a str, JsonError> {
        match self.get("_type") {
            Some(Json::Str(s)) => Ok(s),
            _ => Err(JsonError::new("node without _type")),
        }
    }

    pub fn req<T>(&self, key: &str, f: impl Fn(&Json) -> Result<T, JsonError>) -> Result<T, JsonError> {
        match self.get(key) {
            Some(Json::Null) | None => Err(JsonError(format!("missing field {key}"))),
            Some(v) => f(v),
        }
    }

    pub fn opt<T>(&self, key: &str, f: impl Fn(&Json) -> Result<T, JsonError>) -> Result<Option<T>, JsonError> {
        match self.get(key) {
            Some(Json::Null) | None => Ok(None),
            Some(v) => f(v).map(Some),
        }
    }

    pub fn list<T>(&self, key: &str, f: impl Fn(&Json) -> Result<T, JsonError>) -> Result<Vec<T>, JsonError> {
        match self.get(key) {
            Some(Json::Arr(items)) => items.iter().map(f).collect(),
            Some(Json::Null) | None => Ok(Vec::new()),
            Some(other) => Err(JsonError(format!("field {key}: expected a list, got {other:?}"))),
        }
    }

    pub fn pos(&self) -> Result<Pos, JsonError> {
        let int = |key: &str| -> Result<Option<i32>, JsonError> {
            self.opt(key, |v| v.as_int().map(|i| i as i32))
        };
        let lineno = int("lineno")?.unwrap_or(0);
        let col_offset = int("col_offset")?.unwrap_or(0);
        Ok(Pos {
            lineno,
            col_offset,
            end_lineno: int("end_lineno")?.unwrap_or(lineno),
            end_col_offset: int("end_col_offset")?.unwrap_or(col_offset),
        })
    }
}

/// Writes nodes compactly, in field order.
#[derive(Default)]
pub struct JsonWriter {
    pub out: String,
}

impl JsonWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn begin(&mut self, node_type: &str) {
        self.out.push_str("{\"_type\":");
        self.string(node_type);
    }

    pub fn key(&mut self, key: &str) {
        self.out.push(',');
        self.string(key);
        self.out.push(':');
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    pub fn int(&mut self, i: i64) {
        self.out.push_str(&i.to_string());
    }

    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                c if (c as u32) < 0x20 => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }

    pub fn simple(&mut self, name: &str) {
        self.begin(name);
        self.end();
    }

    pub fn list<T>(&mut self, items: impl Iterator<Item = T>, mut f: impl FnMut(&mut Self, T)) {
        self.out.push('[');
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            f(self, item);
        }
        self.out.push(']');
    }

    pub fn pos(&mut self, pos: &Pos) {
        for (key, v) in [
            ("lineno", pos.lineno),
            ("col_offset", pos.col_offset),
            ("end_lineno", pos.end_lineno),
            ("end_col_offset", pos.end_col_offset),
        ] {
            self.key(key);
            self.int(v as i64);
        }
    }

    fn tag(&mut self, tag: &str) {
        self.out.push_str("{\"_c\":");
        self.string(tag);
    }

    pub fn constant(&mut self, c: &Constant) {
        match c {
            Constant::None => self.tag("None"),
            Constant::Ellipsis => self.tag("Ellipsis"),
            Constant::Bool(b) => {
                self.tag("bool");
                self.key("v");
                self.out.push_str(if *b { "true" } else { "false" });
            }
            Constant::Int(i) => {
                self.tag("int");
                self.key("v");
                self.string(&i.to_string());
            }
            Constant::Float(f) => {
                self.tag("float");
                self.key("v");
                self.string(&float_hex(*f));
            }
            Constant::Complex { real, imag } => {
                self.tag("complex");
                self.key("re");
                self.string(&float_hex(*real));
                self.key("im");
                self.string(&float_hex(*imag));
            }
            Constant::Str(s) => {
                self.tag("str");
                match s.as_str() {
                    Some(text) => {
                        self.key("v");
                        self.string(text);
                    }
                    None => {
                        self.key("cps");
                        self.list(s.code_points(), |w, cp| w.int(cp as i64));
                    }
                }
            }
            Constant::Bytes(b) => {
                self.tag("bytes");
                self.key("v");
                let hex: String = b.iter().map(|b| format!("{b:02x}")).collect();
                self.string(&hex);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.tag(if matches!(c, Constant::Tuple(_)) { "tuple" } else { "frozenset" });
                self.key("v");
                self.list(items.iter(), |w, item| w.constant(item));
            }
        }
        self.out.push('}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_hex_reads_python_forms() {
        // python3.11: float.hex(3.0), float.hex(-0.1), float.hex(5e-324), float.hex(-0.0)
        assert_eq!(parse_float_hex("0x1.8000000000000p+1").unwrap(), 3.0);
        assert_eq!(parse_float_hex("-0x1.999999999999ap-4").unwrap(), -0.1);
        assert_eq!(parse_float_hex("0x0.0000000000001p-1022").unwrap(), 5e-324);
        assert!(parse_float_hex("-0x0.0p+0").unwrap().is_sign_negative());
        for x in [3.0, -0.1, 5e-324, 1e308, f64::MAX, 2.2250738585072014e-308] {
            assert_eq!(parse_float_hex(&float_hex(x)).unwrap(), x);
        }
    }

    #[test]
    fn strings_decode_surrogate_pairs() {
        assert_eq!(parse(r#""a\ud83d\ude00\u00e9""#).unwrap(), Json::Str("a\u{1F600}\u{e9}".into()));
        assert!(parse(r#""\ud800""#).is_err());
    }
}
