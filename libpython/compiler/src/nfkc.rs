//! NFKC normalization of identifiers (PEP 3131). Only the compatibility mappings that
//! occur in practice are handled; other text is returned unchanged.

pub fn nfkc(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            // fullwidth ASCII
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap(),
            0x00B5 => '\u{03BC}',
            0x017F => 's',
            0x2160..=0x216F => c,
            _ => c,
        })
        .collect()
}
