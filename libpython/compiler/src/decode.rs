//! Source decoding: the UTF-8 BOM and PEP 263 coding declarations, giving UTF-8 text.

use crate::error::{CompileError, ErrorKind};

fn err(msg: String, lineno: i32) -> CompileError {
    CompileError { kind: ErrorKind::SyntaxError, msg, lineno, offset: 0, end_lineno: lineno, end_offset: 0, text: None }
}

/// The encoding named by a coding declaration on this line, if any.
fn coding_spec(line: &[u8]) -> Option<String> {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | 0x0c) {
        i += 1;
    }
    if line.get(i) != Some(&b'#') {
        return None;
    }
    let rest = &line[i..];
    let pos = rest.windows(6).position(|w| w == b"coding")?;
    let after = &rest[pos + 6..];
    if !matches!(after.first(), Some(b':' | b'=')) {
        // look for a later occurrence
        return coding_spec_from(&rest[pos + 6..]);
    }
    let mut j = 1;
    while j < after.len() && matches!(after[j], b' ' | b'\t') {
        j += 1;
    }
    let start = j;
    while j < after.len() && (after[j].is_ascii_alphanumeric() || matches!(after[j], b'-' | b'_' | b'.')) {
        j += 1;
    }
    if j == start {
        return None;
    }
    Some(String::from_utf8_lossy(&after[start..j]).into_owned())
}

fn coding_spec_from(rest: &[u8]) -> Option<String> {
    let mut v = b"#".to_vec();
    v.extend_from_slice(rest);
    coding_spec(&v)
}

fn normal_name(name: &str) -> String {
    let n = name.to_ascii_lowercase().replace('_', "-");
    if n == "utf-8" || n.starts_with("utf-8-") || n == "utf8" {
        return "utf-8".into();
    }
    for l in ["latin-1", "iso-8859-1", "iso-latin-1", "latin1", "iso8859-1", "l1", "iso-ir-100", "cp819", "8859", "iso8859"] {
        if n == l || n.starts_with(&format!("{l}-")) && !l.starts_with("iso8859") {
            return "iso-8859-1".into();
        }
    }
    if matches!(n.as_str(), "ascii" | "us-ascii" | "646" | "us") {
        return "ascii".into();
    }
    n
}

fn utf8_error(src: &[u8], e: std::str::Utf8Error) -> CompileError {
    let at = e.valid_up_to();
    let lineno = src[..at].iter().filter(|&&c| c == b'\n').count() as i32 + 1;
    let b = src[at];
    let what = match e.error_len() {
        None => "unexpected end of data".to_string(),
        Some(_) if (0x80..0xc2).contains(&b) || b >= 0xf5 => "invalid start byte".to_string(),
        Some(_) => "invalid continuation byte".to_string(),
    };
    // CPython reports the position within the line being decoded
    let line_start = src[..at].iter().rposition(|&c| c == b'\n').map_or(0, |p| p + 1);
    let mut e = err(
        format!("(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: {}", b, at - line_start, what),
        lineno,
    );
    e.offset = 0;
    e
}

/// Decodes source bytes to UTF-8 as CPython's tokenizer does.
pub fn decode_source(src: &[u8]) -> Result<Vec<u8>, CompileError> {
    decode_source_ext(src).map(|(s, _)| s)
}

/// Also tells whether an encoding was declared (a BOM or coding spec): CPython's parser
/// converts error columns to characters only then (`tok->encoding != NULL`).
pub fn decode_source_ext(src: &[u8]) -> Result<(Vec<u8>, bool), CompileError> {
    let declared = src.starts_with(b"\xef\xbb\xbf") || {
        let mut found = false;
        let mut ls = 0;
        for _ in 0..2 {
            let end = src[ls..].iter().position(|&c| c == b'\n').map_or(src.len(), |e| ls + e + 1);
            let line = &src[ls..end];
            if coding_spec(line).is_some() {
                found = true;
                break;
            }
            let t: Vec<u8> = line.iter().copied().filter(|c| !matches!(c, b' ' | b'\t' | 0x0c | b'\n' | b'\r')).collect();
            if !(t.is_empty() || t[0] == b'#') || end >= src.len() {
                break;
            }
            ls = end;
        }
        found
    };
    decode_source_inner(src).map(|s| (s, declared))
}

fn decode_source_inner(src: &[u8]) -> Result<Vec<u8>, CompileError> {
    let (bom, body) = if src.starts_with(b"\xef\xbb\xbf") { (true, &src[3..]) } else { (false, src) };
    // the first two lines
    let mut enc = None;
    let mut line_start = 0;
    for lineno in 1..=2 {
        let end = body[line_start..].iter().position(|&c| c == b'\n').map_or(body.len(), |e| line_start + e + 1);
        let line = &body[line_start..end];
        if let Some(name) = coding_spec(line) {
            enc = Some((name, lineno));
            break;
        }
        // line 2 is only looked at when line 1 is blank or a comment
        let t: Vec<u8> = line.iter().copied().filter(|c| !matches!(c, b' ' | b'\t' | 0x0c | b'\n' | b'\r')).collect();
        if !(t.is_empty() || t[0] == b'#') {
            break;
        }
        line_start = end;
        if line_start >= body.len() {
            break;
        }
    }
    let enc_name = enc.as_ref().map(|(n, _)| normal_name(n));
    if bom {
        if let Some((raw, _)) = &enc {
            let n = raw.to_ascii_lowercase().replace('_', "-");
            if n != "utf-8" && !n.starts_with("utf-8-") {
                return Err(err(format!("encoding problem: {} with BOM", enc.unwrap().0), 1));
            }
        }
    }
    match enc_name.as_deref() {
        None | Some("utf-8") => match std::str::from_utf8(body) {
            Ok(_) => Ok(body.to_vec()),
            Err(e) => Err(utf8_error(body, e)),
        },
        Some("iso-8859-1") => {
            let s: String = body.iter().map(|&b| b as char).collect();
            Ok(s.into_bytes())
        }
        Some("ascii") => {
            if let Some(p) = body.iter().position(|&b| b >= 0x80) {
                let lineno = body[..p].iter().filter(|&&c| c == b'\n').count() as i32 + 1;
                return Err(err(
                    format!(
                        "(unicode error) 'ascii' codec can't decode byte 0x{:02x} in position {}: ordinal not in range(128)",
                        body[p],
                        p - body[..p].iter().rposition(|&c| c == b'\n').map_or(0, |x| x + 1)
                    ),
                    lineno,
                ));
            }
            Ok(body.to_vec())
        }
        Some(other) => {
            let (name, line) = enc.unwrap();
            let Some(table) = single_byte_codec(other) else {
                return Err(err(format!("unknown encoding: {}", name), line));
            };
            let mut out = String::with_capacity(body.len());
            for (pos, &b) in body.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    match table[(b - 0x80) as usize] {
                        0 => {
                            let lineno = body[..pos].iter().filter(|&&c| c == b'\n').count() as i32 + 1;
                            return Err(err(
                                format!("(unicode error) '{}' codec can't decode byte 0x{:02x} in position {}: character maps to <undefined>", other, b, pos),
                                lineno,
                            ));
                        }
                        cp => out.push(char::from_u32(cp as u32).unwrap_or('\u{FFFD}')),
                    }
                }
            }
            Ok(out.into_bytes())
        }
    }
}

fn codec_key(name: &str) -> String {
    let mut n = name.to_ascii_lowercase().replace(['-', ' '], "_");
    if let Some(rest) = n.strip_prefix("iso_8859_") {
        n = format!("iso8859_{rest}");
    }
    if let Some(rest) = n.strip_prefix("windows_") {
        n = format!("cp{rest}");
    }
    if let Some(rest) = n.strip_prefix("latin_") {
        n = format!("latin{rest}");
    }
    match n.as_str() {
        "latin2" => "iso8859_2".into(),
        "latin3" => "iso8859_3".into(),
        "latin4" => "iso8859_4".into(),
        "cyrillic" => "iso8859_5".into(),
        "greek" => "iso8859_7".into(),
        "hebrew" => "iso8859_8".into(),
        "latin5" => "iso8859_9".into(),
        "latin6" => "iso8859_10".into(),
        "latin9" => "iso8859_15".into(),
        "macroman" | "macintosh" => "mac_roman".into(),
        _ => n,
    }
}

fn single_byte_codec(name: &str) -> Option<&'static [u16; 128]> {
    let key = codec_key(name);
    crate::source_codecs::CODECS.iter().find(|(n, _)| codec_key(n) == key).map(|(_, t)| t)
}
