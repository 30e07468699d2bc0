//! NFKC normalization of identifiers (PEP 3131): each character's own NFKC form from the
//! generated table (`nfkc_table.rs`). Canonical composition of combining sequences is not
//! done; identifiers that need it are rare.

use crate::nfkc_table::NFKC;

pub fn nfkc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match NFKC.binary_search_by_key(&(c as u32), |&(cp, _)| cp) {
            Ok(i) => out.push_str(NFKC[i].1),
            Err(_) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn compatibility_forms() {
        // python3.11: unicodedata.normalize('NFKC', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'), ('ﬁ'), ('µ')
        assert_eq!(super::nfkc("𝔘𝔫𝔦𝔠𝔬𝔡𝔢"), "Unicode");
        assert_eq!(super::nfkc("ﬁx"), "fix");
        assert_eq!(super::nfkc("µ"), "μ");
    }
}
