//! `str % args` (printf-style formatting, CPython's PyUnicode_Format): conversions
//! `s r a d i u o x X e E f F g G c %`, flags `- + space # 0`, `*` width and precision,
//! `%(key)s` with a mapping, and CPython's errors. The parser and the numeric conversions
//! are shared with `bytes % args` (`bytes_format.rs`) through `Flavor`.

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::unicode_methods::{cps, mk, type_name};
use crate::objects::unicodeobject as str_;
use crate::objects::{floatobject, longobject as long, tupleobject as tuple};
use crate::protocol::object as proto;

const F_LJUST: u32 = 1;
const F_SIGN: u32 = 2;
const F_BLANK: u32 = 4;
const F_ALT: u32 = 8;
const F_ZERO: u32 = 16;

struct Args {
    args: *mut PyObject,
    arglen: isize,
    argidx: isize,
}

impl Args {
    unsafe fn next(&mut self) -> PyResult<Obj> {
        if self.argidx < self.arglen {
            let i = self.argidx;
            self.argidx += 1;
            if self.arglen < 0 {
                return Ok(Obj::from_borrowed(self.args));
            }
            return Ok(Obj::from_borrowed(tuple::get_item(self.args, i)));
        }
        Err(raise(exc::type_error(), "not enough arguments for format string"))
    }
}

unsafe fn is_mapping(o: *mut PyObject) -> bool {
    let mp = (*type_of(o)).tp_as_mapping;
    !mp.is_null() && (*mp).mp_subscript.is_some()
}

/// PyNumber_Check: has __index__, __int__ or __float__.
pub(crate) unsafe fn is_number(o: *mut PyObject) -> bool {
    let nb = (*type_of(o)).tp_as_number;
    !nb.is_null() && ((*nb).nb_index.is_some() || (*nb).nb_int.is_some() || (*nb).nb_float.is_some())
}

/// `*` in a width or precision: the next argument, which must be an int.
unsafe fn star(a: &mut Args) -> PyResult<isize> {
    let v = a.next()?;
    if !long::check(v.as_ptr()) {
        return Err(raise(exc::type_error(), "* wants int"));
    }
    long::as_ssize_t(v.as_ptr())
}

/// The digits of an int conversion, as _PyUnicode_FormatLong: sign, `0x`/`0o` prefix with
/// `#`, at least `prec` digits.
unsafe fn format_long(v: *mut PyObject, alt: bool, prec: isize, ty: char) -> PyResult<String> {
    let spec = match ty {
        'o' => "o",
        'x' => "x",
        'X' => "X",
        _ => "d",
    };
    let s = crate::objects::long_methods::format_int(v, spec)?;
    let s = str_::as_str(s.as_ptr())?;
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if alt && ty != 'd' && ty != 'i' && ty != 'u' {
        out.push('0');
        out.push(ty);
    }
    if prec > i32::MAX as isize - 3 {
        return Err(raise(exc::overflow_error(), "precision too large"));
    }
    if prec > digits.len() as isize {
        out.extend(std::iter::repeat('0').take(prec as usize - digits.len()));
    }
    out.push_str(digits);
    Ok(out)
}

unsafe fn format_int_arg(v: *mut PyObject, ty: char, flags: u32, prec: isize) -> PyResult<String> {
    let wrong = || {
        let what = if matches!(ty, 'o' | 'x' | 'X') { "an integer is required" } else { "a real number is required" };
        raise(exc::type_error(), format!("%{ty} format: {what}, not {}", type_name(v)))
    };
    if !is_number(v) {
        return Err(wrong());
    }
    let iobj = if long::check(v) {
        Obj::from_borrowed(v)
    } else {
        let r = if matches!(ty, 'o' | 'x' | 'X') { crate::protocol::number::index(v) } else { crate::protocol::number::number_long(v) };
        match r {
            Ok(o) => o,
            Err(e) => {
                if crate::err::exception_matches(exc::type_error()) {
                    crate::err::clear();
                    return Err(wrong());
                }
                return Err(e);
            }
        }
    };
    format_long(iobj.as_ptr(), flags & F_ALT != 0, prec, ty)
}

unsafe fn format_float_arg(x: f64, ty: char, flags: u32, prec: isize) -> PyResult<String> {
    let prec = if prec < 0 { 6 } else { prec };
    let spec = format!("{}.{}{}", if flags & F_ALT != 0 { "#" } else { "" }, prec, ty);
    let body = crate::objects::float_format::format(x.abs(), &spec)?;
    let body = str_::as_str(body.as_ptr())?;
    let neg = x.is_sign_negative() && !x.is_nan();
    Ok(if neg { format!("-{body}") } else { body.to_owned() })
}

/// What differs between `str % args` and `bytes % args`: the text conversions, the type of
/// `%(key)` keys, which arguments count as a mapping, and the name in one message.
pub(crate) trait Flavor {
    /// The body of a non-numeric conversion (`s r a c`, and `b` for bytes); None when `ty`
    /// is not one of this flavor's conversions.
    unsafe fn text(&self, ty: char, v: *mut PyObject, prec: isize) -> PyResult<Option<Vec<u32>>>;
    unsafe fn key(&self, k: &[u32]) -> PyResult<Obj>;
    /// True when `args` is used as the mapping of `%(key)` conversions.
    unsafe fn takes_mapping(&self, args: *mut PyObject) -> bool;
    /// "string" or "bytes", for "not all arguments converted during ... formatting".
    fn what(&self) -> &'static str;
    /// The value of a float conversion's argument.
    unsafe fn float_value(&self, v: *mut PyObject) -> PyResult<f64> {
        floatobject::as_f64(v)
    }
    /// The error for an unknown conversion character `ch` at `index`.
    fn unsupported(&self, ch: u32, index: usize) -> crate::err::ErrSet {
        let shown = if (31..=126).contains(&ch) { char::from_u32(ch).unwrap_or('?') } else { '?' };
        raise(exc::value_error(), format!("unsupported format character '{shown}' (0x{ch:x}) at index {index}"))
    }
}

pub(crate) unsafe fn is_mapping_arg(o: *mut PyObject) -> bool {
    is_mapping(o) && !tuple::check(o)
}

struct StrFlavor;

impl Flavor for StrFlavor {
    unsafe fn text(&self, ty: char, v: *mut PyObject, prec: isize) -> PyResult<Option<Vec<u32>>> {
        Ok(Some(match ty {
            's' | 'r' | 'a' => {
                let s = match ty {
                    's' => proto::str(v)?,
                    'r' => proto::repr(v)?,
                    _ => proto::ascii(v)?,
                };
                let mut s = cps(s.as_ptr());
                if prec >= 0 && s.len() > prec as usize {
                    s.truncate(prec as usize);
                }
                s
            }
            'c' => {
                if str_::check(v) {
                    if str_::len(v) != 1 {
                        return Err(raise(exc::type_error(), "%c requires int or char"));
                    }
                    vec![str_::read_char(v, 0)]
                } else if long::check(v) || crate::protocol::number::has_index(v) {
                    let x = crate::protocol::number::index(v)?;
                    match long::as_i64(x.as_ptr()) {
                        Some(c) if (0..=0x10ffff).contains(&c) => vec![c as u32],
                        _ => return Err(raise(exc::overflow_error(), "%c arg not in range(0x110000)")),
                    }
                } else {
                    return Err(raise(exc::type_error(), "%c requires int or char"));
                }
            }
            _ => return Ok(None),
        }))
    }
    unsafe fn key(&self, k: &[u32]) -> PyResult<Obj> {
        mk(k)
    }
    unsafe fn takes_mapping(&self, args: *mut PyObject) -> bool {
        is_mapping_arg(args) && !str_::check(args)
    }
    fn what(&self) -> &'static str {
        "string"
    }
}

/// `fmt % args`.
pub unsafe fn percent_format(fmt_obj: *mut PyObject, args: *mut PyObject) -> PyResult<Obj> {
    mk(&format_units(&cps(fmt_obj), args, &StrFlavor)?)
}

/// The printf-style engine over code points (bytes are code points below 256).
pub(crate) unsafe fn format_units(f: &[u32], args: *mut PyObject, flavor: &dyn Flavor) -> PyResult<Vec<u32>> {
    let n = f.len();
    let mut a = if tuple::check(args) {
        Args { args, arglen: size_of_var(args), argidx: 0 }
    } else {
        Args { args, arglen: -1, argidx: -2 }
    };
    let dict = if flavor.takes_mapping(args) { Some(args) } else { None };
    let mut held: Option<Obj> = None;
    let mut out: Vec<u32> = Vec::with_capacity(n + 16);
    let mut i = 0;
    let ch_at = |i: usize| char::from_u32(f[i]).unwrap_or('\u{fffd}');
    while i < n {
        if f[i] != '%' as u32 {
            out.push(f[i]);
            i += 1;
            continue;
        }
        i += 1;
        if i >= n {
            return Err(raise(exc::value_error(), "incomplete format"));
        }
        if f[i] == '%' as u32 {
            out.push('%' as u32);
            i += 1;
            continue;
        }
        // %(key)
        if f[i] == '(' as u32 {
            let Some(d) = dict else {
                return Err(raise(exc::type_error(), "format requires a mapping"));
            };
            i += 1;
            let start = i;
            let mut depth = 1;
            while i < n {
                if f[i] == ')' as u32 {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                } else if f[i] == '(' as u32 {
                    depth += 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(raise(exc::value_error(), "incomplete format key"));
            }
            let key = flavor.key(&f[start..i])?;
            i += 1;
            let v = crate::protocol::sequence::getitem(d, key.as_ptr())?;
            a = Args { args: v.as_ptr(), arglen: -1, argidx: -2 };
            held = Some(v);
        }
        let mut flags = 0;
        while i < n {
            match ch_at(i) {
                '-' => flags |= F_LJUST,
                '+' => flags |= F_SIGN,
                ' ' => flags |= F_BLANK,
                '#' => flags |= F_ALT,
                '0' => flags |= F_ZERO,
                _ => break,
            }
            i += 1;
        }
        let mut width: isize = -1;
        if i < n && f[i] == '*' as u32 {
            width = star(&mut a)?;
            if width < 0 {
                flags |= F_LJUST;
                width = width.checked_neg().unwrap_or(isize::MAX);
            }
            i += 1;
        } else if i < n && ch_at(i).is_ascii_digit() {
            width = 0;
            while i < n && ch_at(i).is_ascii_digit() {
                let d = (f[i] - '0' as u32) as isize;
                if width > (isize::MAX - d) / 10 {
                    return Err(raise(exc::value_error(), "width too big"));
                }
                width = width * 10 + d;
                i += 1;
            }
        }
        let mut prec: isize = -1;
        if i < n && f[i] == '.' as u32 {
            i += 1;
            prec = 0;
            if i < n && f[i] == '*' as u32 {
                let v = a.next()?;
                if !long::check(v.as_ptr()) {
                    return Err(raise(exc::type_error(), "* wants int"));
                }
                prec = (crate::objects::unicode_methods::as_c_int(v.as_ptr())? as isize).max(0);
                i += 1;
            } else {
                while i < n && ch_at(i).is_ascii_digit() {
                    let d = (f[i] - '0' as u32) as isize;
                    if prec > (i32::MAX as isize - d) / 10 {
                        return Err(raise(exc::value_error(), "precision too big"));
                    }
                    prec = prec * 10 + d;
                    i += 1;
                }
            }
        }
        if i < n && matches!(ch_at(i), 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= n {
            return Err(raise(exc::value_error(), "incomplete format"));
        }
        let ch = f[i];
        let ty = ch_at(i);
        i += 1;
        let v = a.next()?;
        let v = v.as_ptr();
        let mut numeric = false;
        let body: Vec<u32> = match ty {
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                numeric = true;
                format_int_arg(v, ty, flags, prec)?.chars().map(|c| c as u32).collect()
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                numeric = true;
                format_float_arg(flavor.float_value(v)?, ty, flags, prec)?.chars().map(|c| c as u32).collect()
            }
            _ => match flavor.text(ty, v, prec)? {
                Some(body) => body,
                None => return Err(flavor.unsupported(ch, i - 1)),
            },
        };
        crate::objects::unicode_methods::grow(&mut out, (width.max(0) as usize).saturating_add(body.len()))?;
        output(&mut out, &body, width, flags, numeric, ty);
        if dict.is_some() && a.argidx < a.arglen {
            return Err(not_all_converted(flavor));
        }
    }
    drop(held);
    if a.argidx < a.arglen && dict.is_none() {
        return Err(not_all_converted(flavor));
    }
    Ok(out)
}

fn not_all_converted(flavor: &dyn Flavor) -> crate::err::ErrSet {
    raise(exc::type_error(), format!("not all arguments converted during {} formatting", flavor.what()))
}

/// Pads one converted argument as unicode_format_arg_output does.
fn output(out: &mut Vec<u32>, s: &[u32], width: isize, flags: u32, numeric: bool, ty: char) {
    let fill = if numeric && flags & F_ZERO != 0 { '0' as u32 } else { ' ' as u32 };
    let mut len = s.len() as isize;
    let mut p = 0usize;
    let mut sign = numeric;
    let mut signchar = 0u32;
    if sign {
        let c = s.first().copied().unwrap_or(0);
        if c == '-' as u32 || c == '+' as u32 {
            signchar = c;
            len -= 1;
            p += 1;
        } else if flags & F_SIGN != 0 {
            signchar = '+' as u32;
        } else if flags & F_BLANK != 0 {
            signchar = ' ' as u32;
        } else {
            sign = false;
        }
    }
    let mut width = width.max(len);
    if sign {
        if fill != ' ' as u32 {
            out.push(signchar);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefix = flags & F_ALT != 0 && matches!(ty, 'x' | 'X' | 'o');
    if prefix {
        if fill != ' ' as u32 {
            out.extend_from_slice(&s[p..p + 2]);
            p += 2;
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        out.extend(std::iter::repeat(fill).take((width - len) as usize));
        width = len;
    }
    if fill == ' ' as u32 {
        if sign {
            out.push(signchar);
        }
        if prefix {
            out.extend_from_slice(&s[p..p + 2]);
            p += 2;
        }
    }
    if len > 0 {
        out.extend_from_slice(&s[p..p + len as usize]);
    }
    if width > len {
        out.extend(std::iter::repeat(' ' as u32).take((width - len) as usize));
    }
}
