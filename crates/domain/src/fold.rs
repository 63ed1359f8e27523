//! Search folding: case- and diacritic-insensitive matching of Vietnamese names.
//!
//! "HÀNG BỒ", "hang bo" and "Hàng Bồ" all fold to "hang bo". We decompose with
//! Unicode NFD (the `unicode-normalization` crate), drop combining marks, map
//! đ/Đ (which has no decomposition) to d, lowercase and collapse whitespace.
//! The registry file carries the folded form of every name, produced by the
//! same rule in `tools/data_prep`; a test checks the two agree.

use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

/// Folds `text` for search: lowercase ASCII-ish, no diacritics, single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.extend(c.to_lowercase());
    }
    folded
}

/// Whether the folded `haystack` contains every word of the folded `query`
/// (so "bo hang" and "hang bo" both match Hàng Bồ).
pub fn matches(folded_haystack: &str, query: &str) -> bool {
    let query = fold(query);
    query
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| folded_haystack.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_diacritics_and_case() {
        assert_eq!(fold("Hàng Bồ"), "hang bo");
        assert_eq!(fold("HÀNG BỒ"), "hang bo");
        assert_eq!(fold("Đống Đa"), "dong da");
        assert_eq!(fold("Yên Hoà"), fold("Yên Hòa"));
        assert_eq!(fold("  Nghĩa   Đô "), "nghia do");
    }

    #[test]
    fn folds_precomposed_and_decomposed_alike() {
        let decomposed: String = "Thượng Thanh".nfd().collect();
        assert_eq!(fold(&decomposed), fold("Thượng Thanh"));
    }

    #[test]
    fn matches_words_in_any_order() {
        let hay = fold("Hàng Bồ");
        assert!(matches(&hay, "hang bo"));
        assert!(matches(&hay, "BỒ"));
        assert!(matches(&hay, "bo hang"));
        assert!(!matches(&hay, "hang bai"));
        assert!(matches(&hay, "   "));
    }
}
