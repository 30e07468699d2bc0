//! `format(float, spec)`: the format-spec mini-language for floats (presentation types
//! e E f F g G n % and none), with fill, alignment, sign, `#`, `0`, width, grouping and
//! precision as CPython's formatter_unicode.c.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::object::Obj;
use crate::objects::unicodeobject as str_;

pub(crate) struct Spec {
    pub(crate) fill: char,
    pub(crate) align: Option<char>,
    pub(crate) sign: char,
    pub(crate) no_neg_zero: bool,
    pub(crate) alternate: bool,
    pub(crate) width: usize,
    pub(crate) grouping: Option<char>,
    pub(crate) precision: Option<usize>,
    pub(crate) ty: Option<char>,
}

pub(crate) fn parse(spec: &str) -> PyResult<Spec> {
    parse_for(spec, None)
}

/// `parse`, with CPython's full message for a spec with junk after the type when the type
/// name of the formatted object is known.
pub(crate) fn parse_for(spec: &str, type_name: Option<&str>) -> PyResult<Spec> {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec { fill: ' ', align: None, sign: '-', no_neg_zero: false, alternate: false, width: 0, grouping: None, precision: None, ty: None };
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if cs.len() >= 2 && is_align(cs[1]) {
        s.fill = cs[0];
        s.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && is_align(cs[0]) {
        s.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && matches!(cs[i], '+' | '-' | ' ') {
        s.sign = cs[i];
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        s.no_neg_zero = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    // A leading '0' asks for zero fill unless a fill was given; it implies '=' alignment
    // only when no alignment was given.
    let fill_given = cs.len() >= 2 && is_align(cs[1]);
    if i < cs.len() && cs[i] == '0' && !fill_given {
        s.fill = '0';
        if s.align.is_none() {
            s.align = Some('=');
        }
        i += 1;
    }
    let start = i;
    while i < cs.len() && cs[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = cs[start..i].iter().collect::<String>().parse::<isize>().map_err(|_| raise(exc::value_error(), "Too many decimal digits in format string"))? as usize;
    }
    if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
        s.grouping = Some(cs[i]);
        i += 1;
        if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
            return Err(raise(exc::value_error(), "Cannot specify both ',' and '_'."));
        }
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let start = i;
        while i < cs.len() && cs[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(raise(exc::value_error(), "Format specifier missing precision"));
        }
        s.precision = Some(cs[start..i].iter().collect::<String>().parse::<isize>().map_err(|_| raise(exc::value_error(), "Too many decimal digits in format string"))? as usize);
    }
    if cs.len() - i > 1 {
        return Err(raise(exc::value_error(), match type_name {
            Some(t) => format!("Invalid format specifier '{spec}' for object of type '{t}'"),
            None => "Invalid format specifier".to_owned(),
        }));
    }
    if i < cs.len() {
        s.ty = Some(cs[i]);
    }
    check_grouping(&s, s.ty.unwrap_or('\0'))?;
    Ok(s)
}

/// The separator check CPython's parser does once it knows the type.
pub(crate) fn check_grouping(s: &Spec, ty: char) -> PyResult<()> {
    if let Some(g) = s.grouping {
        let ok = matches!(ty, 'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0') || (g == '_' && matches!(ty, 'b' | 'o' | 'x' | 'X'));
        if !ok {
            let t = if (ty as u32) > 32 && (ty as u32) < 128 { format!("'{ty}'") } else { format!("'\\x{:x}'", ty as u32) };
            return Err(raise(exc::value_error(), format!("Cannot specify '{g}' with {t}.")));
        }
    }
    Ok(())
}

/// Scientific notation with CPython's exponent style (at least two digits).
fn sci(x: f64, prec: usize, upper: bool, alternate: bool) -> String {
    let t = format!("{:.*e}", prec, x);
    let (m, e) = t.split_once('e').unwrap_or((&t, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let mut m = m.to_owned();
    if alternate && !m.contains('.') {
        m.push('.');
    }
    format!("{m}{}{}{:02}", if upper { 'E' } else { 'e' }, if e < 0 { '-' } else { '+' }, e.abs())
}

/// 'g' formatting: significant digits, trailing zeros removed unless `#`.
fn general(x: f64, prec: usize, upper: bool, alternate: bool) -> String {
    general_with(x, prec, upper, alternate, false)
}

/// `add_dot_0`: the no-type form, which keeps a ".0" on integers and so switches to
/// exponent notation one digit earlier (CPython's Py_DTSF_ADD_DOT_0).
fn general_with(x: f64, prec: usize, upper: bool, alternate: bool, add_dot_0: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if x == 0.0 {
        let mut s = if alternate { format!("{:.*}", p - 1, 0.0) } else { "0".to_owned() };
        if alternate && !s.contains('.') {
            s.push('.');
        }
        return s;
    }
    let t = format!("{:.*e}", p - 1, x.abs());
    let exp: i32 = t.split_once('e').map(|(_, e)| e.parse().unwrap_or(0)).unwrap_or(0);
    let limit = if add_dot_0 { p as i32 - 1 } else { p as i32 };
    let mut s = if exp < -4 || exp >= limit {
        sci(x.abs(), p - 1, upper, alternate)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x.abs())
    };
    if !alternate {
        // Remove trailing zeros of the mantissa.
        let (mant, rest) = match s.find(['e', 'E']) {
            Some(i) => (s[..i].to_owned(), s[i..].to_owned()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.').to_owned() } else { mant };
        s = mant + &rest;
    } else if !s.contains('.') {
        let i = s.find(['e', 'E']).unwrap_or(s.len());
        s.insert(i, '.');
    }
    s
}

/// Inserts `sep` every `every` digits from the right.
pub(crate) fn group_every(int_part: &str, sep: char, every: usize) -> String {
    let digits: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % every == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn group(int_part: &str, sep: char) -> String {
    let digits: Vec<char> = int_part.chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

pub fn format(x: f64, spec_text: &str) -> PyResult<Obj> {
    let spec = parse_for(spec_text, Some("float"))?;
    let ty = spec.ty;
    if let Some(t) = ty {
        if !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') {
            return Err(raise(exc::value_error(), format!("Unknown format code '{t}' for object of type 'float'")));
        }
    }
    let mut neg = x.is_sign_negative() && !x.is_nan();
    let ax = x.abs();
    let body = if x.is_nan() || x.is_infinite() {
        let word = if x.is_nan() { "nan" } else { "inf" };
        let word = if matches!(ty, Some('E' | 'F' | 'G')) { word.to_uppercase() } else { word.to_owned() };
        if ty == Some('%') { format!("{word}%") } else { word }
    } else {
        match ty {
            Some('e') | Some('E') => sci(ax, spec.precision.unwrap_or(6), ty == Some('E'), spec.alternate),
            Some('f') | Some('F') => {
                let mut s = format!("{:.*}", spec.precision.unwrap_or(6), ax);
                if spec.alternate && !s.contains('.') {
                    s.push('.');
                }
                s
            }
            Some('%') => {
                let mut s = format!("{:.*}", spec.precision.unwrap_or(6), ax * 100.0);
                if spec.alternate && !s.contains('.') {
                    s.push('.');
                }
                s + "%"
            }
            Some('g') | Some('G') | Some('n') => general(ax, spec.precision.unwrap_or(6), ty == Some('G'), spec.alternate),
            None => match spec.precision {
                // No type: like 'g' but always with a digit after the point when fixed.
                Some(p) => {
                    let s = general_with(ax, p, false, spec.alternate, true);
                    if s.contains(['.', 'e', 'n', 'i']) { s } else { s + ".0" }
                }
                None => crate::objects::floatobject::repr_f64(ax),
            },
            Some(t) => return Err(raise(exc::value_error(), format!("Unknown format code '{t}' for object of type 'float'"))),
        }
    };
    // 'z' turns a result that rounds to negative zero into a positive one (PEP 682).
    if spec.no_neg_zero && neg && x.is_finite() && !body.chars().any(|c| c.is_ascii_digit() && c != '0') {
        neg = false;
    }
    // Grouping applies to the integer part of fixed notation.
    let body = match spec.grouping {
        Some(sep) if x.is_finite() => {
            let end = body.find(['.', 'e', 'E', '%']).unwrap_or(body.len());
            format!("{}{}", group(&body[..end], sep), &body[end..])
        }
        _ => body,
    };
    let sign = if neg { "-" } else if spec.sign == '+' { "+" } else if spec.sign == ' ' { " " } else { "" };
    str_::from_str(&pad(&spec, sign, &body, '>'))
}

/// Applies width, fill and alignment; `=` puts the padding between sign(+prefix) and digits.
pub(crate) fn pad(spec: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let len = sign.chars().count() + body.chars().count();
    let pad = spec.width.saturating_sub(len);
    let fill = |n: usize| std::iter::repeat(spec.fill).take(n).collect::<String>();
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{sign}{body}{}", fill(pad)),
        '^' => format!("{}{sign}{body}{}", fill(pad / 2), fill(pad - pad / 2)),
        '=' => format!("{sign}{}{body}", fill(pad)),
        _ => format!("{}{sign}{body}", fill(pad)),
    }
}
