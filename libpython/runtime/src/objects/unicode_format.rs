//! `str.__format__` (the format-spec mini-language for strings, CPython's
//! format_string_internal) and `str.format`/`str.format_map` (Objects/stringlib/
//! unicode_format.h: literal text and `{{ }}`, field names with auto or manual numbering,
//! `.attr` and `[key]` lookups, conversions `!r !s !a`, format specs with nested fields).

use crate::err::{raise, PyResult};
use crate::exc;
use crate::ffi::*;
use crate::object::*;
use crate::objects::float_format::{self, Spec};
use crate::objects::unicode_methods::{cps, mk, to_decimal, type_name};
use crate::objects::unicodeobject as str_;
use crate::objects::{dictobject as dict, longobject as long};
use crate::protocol::object as proto;
use std::ptr::null_mut;

// ---- str.__format__ -------------------------------------------------------------------------

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parses a spec for a str value: the shared parser, plus what it does not record (whether a
/// sign or an alignment was written, the '0' flag's meaning for a left-aligned default).
fn parse_str_spec(spec: &str, type_name: &str) -> PyResult<(Spec, bool)> {
    let cs: Vec<char> = spec.chars().collect();
    let (mut i, fill_given, align_given) = if cs.len() >= 2 && is_align(cs[1]) {
        (2, true, true)
    } else if !cs.is_empty() && is_align(cs[0]) {
        (1, false, true)
    } else {
        (0, false, false)
    };
    let sign_given = i < cs.len() && matches!(cs[i], '+' | '-' | ' ');
    if sign_given {
        i += 1;
    }
    if i < cs.len() && cs[i] == 'z' {
        i += 1;
    }
    if i < cs.len() && cs[i] == '#' {
        i += 1;
    }
    let zero = !fill_given && i < cs.len() && cs[i] == '0';
    let mut s = float_format::parse_for(spec, Some(type_name))?;
    if zero {
        s.fill = '0';
        if !align_given {
            // '0' means '=' only where the default alignment is '>'.
            s.align = None;
        }
    }
    Ok((s, sign_given))
}

/// `format(s, spec)` for a str `s`.
pub unsafe fn format_str(value: *mut PyObject, spec_text: &str) -> PyResult<Obj> {
    let (spec, sign_given) = parse_str_spec(spec_text, &type_name(value))?;
    let ty = spec.ty.unwrap_or('s');
    float_format::check_grouping(&spec, ty)?;
    if ty != 's' {
        let t = if (ty as u32) > 32 && (ty as u32) < 128 { format!("'{ty}'") } else { format!("'\\x{:x}'", ty as u32) };
        return Err(raise(exc::value_error(), format!("Unknown format code {t} for object of type '{}'", type_name(value))));
    }
    if sign_given {
        let m = if spec.sign == ' ' { "Space not allowed in string format specifier" } else { "Sign not allowed in string format specifier" };
        return Err(raise(exc::value_error(), m));
    }
    if spec.no_neg_zero {
        return Err(raise(exc::value_error(), "Negative zero coercion (z) not allowed in string format specifier"));
    }
    if spec.alternate {
        return Err(raise(exc::value_error(), "Alternate form (#) not allowed in string format specifier"));
    }
    if spec.align == Some('=') {
        return Err(raise(exc::value_error(), "'=' alignment not allowed in string format specifier"));
    }
    let mut v = cps(value);
    if let Some(p) = spec.precision {
        v.truncate(p);
    }
    let width = spec.width;
    if width <= v.len() {
        if v.len() == str_::len(value) as usize && str_::check_exact(value) {
            return Ok(Obj::from_borrowed(value));
        }
        return mk(&v);
    }
    let pad = width - v.len();
    let left = match spec.align.unwrap_or('<') {
        '>' => pad,
        '^' => pad / 2,
        _ => 0,
    };
    let fill = spec.fill as u32;
    let mut out = Vec::new();
    crate::objects::unicode_methods::grow(&mut out, width)?;
    out.extend(std::iter::repeat(fill).take(left));
    out.extend_from_slice(&v);
    out.extend(std::iter::repeat(fill).take(pad - left));
    mk(&out)
}

/// `str.__format__(spec)`.
pub unsafe fn str_format_method(op: *mut PyObject, spec: *mut PyObject) -> PyResult<Obj> {
    if !str_::check(spec) {
        return Err(raise(exc::type_error(), format!("__format__() argument must be str, not {}", type_name(spec))));
    }
    if str_::len(spec) == 0 {
        return crate::objects::unicode_methods::unchanged(op);
    }
    format_str(op, str_::as_str(spec)?)
}

// ---- str.format ---------------------------------------------------------------------------

#[derive(PartialEq, Clone, Copy)]
enum Auto {
    Init,
    Auto,
    Manual,
}

struct Ctx {
    args: *mut PyObject,
    kwargs: *mut PyObject,
    auto: Auto,
    next: usize,
}

/// get_integer: None when not all decimal digits (or empty).
fn get_integer(s: &[u32]) -> PyResult<Option<usize>> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut acc: usize = 0;
    for &c in s {
        let Some(d) = to_decimal(c) else { return Ok(None) };
        if acc > (isize::MAX as usize - d as usize) / 10 {
            return Err(raise(exc::value_error(), "Too many decimal digits in format string"));
        }
        acc = acc * 10 + d as usize;
    }
    Ok(Some(acc))
}

unsafe fn is_sequence(o: *mut PyObject) -> bool {
    if dict::check(o) {
        return false;
    }
    let sq = (*type_of(o)).tp_as_sequence;
    !sq.is_null() && (*sq).sq_item.is_some()
}

unsafe fn get_field_object(name: &[u32], ctx: &mut Ctx) -> PyResult<Obj> {
    let dot = |c: u32| c == '.' as u32 || c == '[' as u32;
    let first_end = name.iter().position(|&c| dot(c)).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut idx = get_integer(first)?;
    let empty = first.is_empty();
    if empty || idx.is_some() {
        if ctx.auto == Auto::Init {
            ctx.auto = if empty { Auto::Auto } else { Auto::Manual };
        }
        if ctx.auto == Auto::Manual && empty {
            return Err(raise(exc::value_error(), "cannot switch from manual field specification to automatic field numbering"));
        }
        if ctx.auto == Auto::Auto && !empty {
            return Err(raise(exc::value_error(), "cannot switch from automatic field numbering to manual field specification"));
        }
        if empty {
            idx = Some(ctx.next);
            ctx.next += 1;
        }
    }
    let mut obj = match idx {
        None => {
            let key = mk(first)?;
            if ctx.kwargs.is_null() {
                return Err(crate::objects::exceptions::set_key_error(key.as_ptr()));
            }
            crate::protocol::sequence::getitem(ctx.kwargs, key.as_ptr())?
        }
        Some(i) => {
            if ctx.args.is_null() {
                return Err(raise(exc::value_error(), "Format string contains positional fields"));
            }
            match crate::protocol::sequence::get_item(ctx.args, i as isize) {
                Ok(o) => o,
                Err(_) => {
                    crate::err::clear();
                    return Err(raise(exc::index_error(), format!("Replacement index {i} out of range for positional args tuple")));
                }
            }
        }
    };
    let mut i = first_end;
    while i < name.len() {
        let c = name[i];
        i += 1;
        let (is_attr, part): (bool, &[u32]) = if c == '.' as u32 {
            let s = i;
            while i < name.len() && !dot(name[i]) {
                i += 1;
            }
            (true, &name[s..i])
        } else if c == '[' as u32 {
            let s = i;
            while i < name.len() && name[i] != ']' as u32 {
                i += 1;
            }
            if i >= name.len() {
                return Err(raise(exc::value_error(), "Missing ']' in format string"));
            }
            i += 1;
            (false, &name[s..i - 1])
        } else {
            return Err(raise(exc::value_error(), "Only '.' or '[' may follow ']' in format field specifier"));
        };
        let index = if is_attr { None } else { get_integer(part)? };
        if part.is_empty() {
            return Err(raise(exc::value_error(), "Empty attribute in format string"));
        }
        obj = if is_attr {
            let n = mk(part)?;
            proto::getattr(obj.as_ptr(), n.as_ptr())?
        } else {
            match index {
                None => {
                    let k = mk(part)?;
                    crate::protocol::sequence::getitem(obj.as_ptr(), k.as_ptr())?
                }
                Some(n) if is_sequence(obj.as_ptr()) => crate::protocol::sequence::get_item(obj.as_ptr(), n as isize)?,
                Some(n) => {
                    let k = long::from_i64(n as i64);
                    crate::protocol::sequence::getitem(obj.as_ptr(), k.as_ptr())?
                }
            }
        };
    }
    Ok(obj)
}

/// One replacement field `{...}` starting after its '{': returns the field name, the
/// conversion, the spec, whether the spec holds nested fields, and the index after the '}'.
type Field<'a> = (&'a [u32], Option<u32>, &'a [u32], bool, usize);

fn parse_field(s: &[u32], mut i: usize) -> PyResult<Field<'_>> {
    let start = i;
    let mut c = 0u32;
    while i < s.len() {
        c = s[i];
        i += 1;
        if c == '{' as u32 {
            return Err(raise(exc::value_error(), "unexpected '{' in field name"));
        }
        if c == '[' as u32 {
            while i < s.len() && s[i] != ']' as u32 {
                i += 1;
            }
            continue;
        }
        if c == '}' as u32 || c == ':' as u32 || c == '!' as u32 {
            break;
        }
    }
    let name_end = if i > start && (c == '}' as u32 || c == ':' as u32 || c == '!' as u32) { i - 1 } else { i };
    let name = &s[start..name_end.max(start)];
    let mut conversion = None;
    if c == '!' as u32 || c == ':' as u32 {
        if c == '!' as u32 {
            if i >= s.len() {
                return Err(raise(exc::value_error(), "end of string while looking for conversion specifier"));
            }
            conversion = Some(s[i]);
            i += 1;
            if i < s.len() {
                let c2 = s[i];
                i += 1;
                if c2 == '}' as u32 {
                    return Ok((name, conversion, &s[i..i], false, i));
                }
                if c2 != ':' as u32 {
                    return Err(raise(exc::value_error(), "expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = i;
        let mut count = 1;
        let mut nested = false;
        while i < s.len() {
            let c = s[i];
            i += 1;
            if c == '{' as u32 {
                nested = true;
                count += 1;
            } else if c == '}' as u32 {
                count -= 1;
                if count == 0 {
                    return Ok((name, conversion, &s[spec_start..i - 1], nested, i));
                }
            }
        }
        return Err(raise(exc::value_error(), "unmatched '{' in format spec"));
    }
    if c != '}' as u32 || i == start {
        return Err(raise(exc::value_error(), "expected '}' before end of string"));
    }
    Ok((name, None, &s[i..i], false, i))
}

unsafe fn build(s: &[u32], ctx: &mut Ctx, depth: i32, out: &mut Vec<u32>) -> PyResult<()> {
    if depth <= 0 {
        return Err(raise(exc::value_error(), "Max string recursion exceeded"));
    }
    let mut i = 0;
    let (lb, rb) = ('{' as u32, '}' as u32);
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != lb && c != rb {
            out.push(c);
            continue;
        }
        let at_end = i >= s.len();
        if c == rb && (at_end || s[i] != rb) {
            return Err(raise(exc::value_error(), "Single '}' encountered in format string"));
        }
        if at_end && c == lb {
            return Err(raise(exc::value_error(), "Single '{' encountered in format string"));
        }
        if s[i] == c {
            out.push(c);
            i += 1;
            continue;
        }
        let (name, conv, spec, nested, next) = parse_field(s, i)?;
        i = next;
        let obj = get_field_object(name, ctx)?;
        let obj = match conv {
            None => obj,
            Some(0x72) => proto::repr(obj.as_ptr())?,
            Some(0x73) => proto::str(obj.as_ptr())?,
            Some(0x61) => proto::ascii(obj.as_ptr())?,
            Some(c) => {
                let m = if c > 32 && c < 127 {
                    format!("Unknown conversion specifier {}", c as u8 as char)
                } else {
                    format!("Unknown conversion specifier \\x{c:x}")
                };
                return Err(raise(exc::value_error(), m));
            }
        };
        let spec_obj = if nested {
            let mut sub = Vec::new();
            build(spec, ctx, depth - 1, &mut sub)?;
            mk(&sub)?
        } else {
            mk(spec)?
        };
        let r = proto::format(obj.as_ptr(), spec_obj.as_ptr())?;
        out.extend(str_::code_points(r.as_ptr()));
    }
    Ok(())
}

/// `fmt.format(*args, **kwargs)`.
pub unsafe fn format(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> PyResult<Obj> {
    let mut ctx = Ctx { args, kwargs: kwds, auto: Auto::Init, next: 0 };
    let mut out = Vec::new();
    build(&cps(op), &mut ctx, 2, &mut out)?;
    mk(&out)
}

/// `fmt.format_map(mapping)`.
pub unsafe fn format_map(op: *mut PyObject, mapping: *mut PyObject) -> PyResult<Obj> {
    let mut ctx = Ctx { args: null_mut(), kwargs: mapping, auto: Auto::Init, next: 0 };
    let mut out = Vec::new();
    build(&cps(op), &mut ctx, 2, &mut out)?;
    mk(&out)
}
