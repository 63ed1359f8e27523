//! Search folding: case- and diacritic-insensitive matching of Vietnamese names.
//!
//! "HÀNG BỒ", "hang bo" and "Hàng Bồ" all fold to "hang bo": Latin letters
//! lose their diacritics (as Unicode NFD decomposition followed by dropping
//! combining marks would do), đ/Đ (which has no decomposition) becomes d,
//! everything is lowercased and whitespace collapses to single spaces.
//!
//! The browser bundle carries two small tables (Latin-1 Supplement to Latin
//! Extended-B, and Latin Extended Additional, where every precomposed
//! Vietnamese letter lives) instead of the full Unicode decomposition tables,
//! which cost about 100 KB of wasm. A test checks, code point by code point,
//! that the tables agree with the `unicode-normalization` crate; if a Unicode
//! update ever changes them, that test names the code point to fix.
//! The registry file carries the folded form of every name, produced by the
//! same rule in `tools/data_prep`; a test checks the two agree.

/// Base letter of each code point from U+00C0 to U+024F.
const BASE_00C0: [char; 0x250 - 0xC0] = [
    'A', 'A', 'A', 'A', 'A', 'A', 'Æ', 'C', 'E', 'E', 'E', 'E', 'I', 'I', 'I', 'I', 'Ð', 'N', 'O',
    'O', 'O', 'O', 'O', '×', 'Ø', 'U', 'U', 'U', 'U', 'Y', 'Þ', 'ß', 'a', 'a', 'a', 'a', 'a', 'a',
    'æ', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'ð', 'n', 'o', 'o', 'o', 'o', 'o', '÷', 'ø',
    'u', 'u', 'u', 'u', 'y', 'þ', 'y', 'A', 'a', 'A', 'a', 'A', 'a', 'C', 'c', 'C', 'c', 'C', 'c',
    'C', 'c', 'D', 'd', 'Đ', 'đ', 'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'G', 'g', 'G',
    'g', 'G', 'g', 'G', 'g', 'H', 'h', 'Ħ', 'ħ', 'I', 'i', 'I', 'i', 'I', 'i', 'I', 'i', 'I', 'ı',
    'Ĳ', 'ĳ', 'J', 'j', 'K', 'k', 'ĸ', 'L', 'l', 'L', 'l', 'L', 'l', 'Ŀ', 'ŀ', 'Ł', 'ł', 'N', 'n',
    'N', 'n', 'N', 'n', 'ŉ', 'Ŋ', 'ŋ', 'O', 'o', 'O', 'o', 'O', 'o', 'Œ', 'œ', 'R', 'r', 'R', 'r',
    'R', 'r', 'S', 's', 'S', 's', 'S', 's', 'S', 's', 'T', 't', 'T', 't', 'Ŧ', 'ŧ', 'U', 'u', 'U',
    'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'W', 'w', 'Y', 'y', 'Y', 'Z', 'z', 'Z', 'z', 'Z',
    'z', 'ſ', 'ƀ', 'Ɓ', 'Ƃ', 'ƃ', 'Ƅ', 'ƅ', 'Ɔ', 'Ƈ', 'ƈ', 'Ɖ', 'Ɗ', 'Ƌ', 'ƌ', 'ƍ', 'Ǝ', 'Ə', 'Ɛ',
    'Ƒ', 'ƒ', 'Ɠ', 'Ɣ', 'ƕ', 'Ɩ', 'Ɨ', 'Ƙ', 'ƙ', 'ƚ', 'ƛ', 'Ɯ', 'Ɲ', 'ƞ', 'Ɵ', 'O', 'o', 'Ƣ', 'ƣ',
    'Ƥ', 'ƥ', 'Ʀ', 'Ƨ', 'ƨ', 'Ʃ', 'ƪ', 'ƫ', 'Ƭ', 'ƭ', 'Ʈ', 'U', 'u', 'Ʊ', 'Ʋ', 'Ƴ', 'ƴ', 'Ƶ', 'ƶ',
    'Ʒ', 'Ƹ', 'ƹ', 'ƺ', 'ƻ', 'Ƽ', 'ƽ', 'ƾ', 'ƿ', 'ǀ', 'ǁ', 'ǂ', 'ǃ', 'Ǆ', 'ǅ', 'ǆ', 'Ǉ', 'ǈ', 'ǉ',
    'Ǌ', 'ǋ', 'ǌ', 'A', 'a', 'I', 'i', 'O', 'o', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u',
    'ǝ', 'A', 'a', 'A', 'a', 'Æ', 'æ', 'Ǥ', 'ǥ', 'G', 'g', 'K', 'k', 'O', 'o', 'O', 'o', 'Ʒ', 'ʒ',
    'j', 'Ǳ', 'ǲ', 'ǳ', 'G', 'g', 'Ƕ', 'Ƿ', 'N', 'n', 'A', 'a', 'Æ', 'æ', 'Ø', 'ø', 'A', 'a', 'A',
    'a', 'E', 'e', 'E', 'e', 'I', 'i', 'I', 'i', 'O', 'o', 'O', 'o', 'R', 'r', 'R', 'r', 'U', 'u',
    'U', 'u', 'S', 's', 'T', 't', 'Ȝ', 'ȝ', 'H', 'h', 'Ƞ', 'ȡ', 'Ȣ', 'ȣ', 'Ȥ', 'ȥ', 'A', 'a', 'E',
    'e', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'Y', 'y', 'ȴ', 'ȵ', 'ȶ', 'ȷ', 'ȸ', 'ȹ', 'Ⱥ', 'Ȼ',
    'ȼ', 'Ƚ', 'Ⱦ', 'ȿ', 'ɀ', 'Ɂ', 'ɂ', 'Ƀ', 'Ʉ', 'Ʌ', 'Ɇ', 'ɇ', 'Ɉ', 'ɉ', 'Ɋ', 'ɋ', 'Ɍ', 'ɍ', 'Ɏ',
    'ɏ',
];

/// Base letter of each code point from U+1E00 to U+1EFF (Vietnamese vowels
/// with tone marks are here, e.g. U+1EA1 ạ).
const BASE_1E00: [char; 0x100] = [
    'A', 'a', 'B', 'b', 'B', 'b', 'B', 'b', 'C', 'c', 'D', 'd', 'D', 'd', 'D', 'd', 'D', 'd', 'D',
    'd', 'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'F', 'f', 'G', 'g', 'H', 'h', 'H', 'h',
    'H', 'h', 'H', 'h', 'H', 'h', 'I', 'i', 'I', 'i', 'K', 'k', 'K', 'k', 'K', 'k', 'L', 'l', 'L',
    'l', 'L', 'l', 'L', 'l', 'M', 'm', 'M', 'm', 'M', 'm', 'N', 'n', 'N', 'n', 'N', 'n', 'N', 'n',
    'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'P', 'p', 'P', 'p', 'R', 'r', 'R', 'r', 'R', 'r', 'R',
    'r', 'S', 's', 'S', 's', 'S', 's', 'S', 's', 'S', 's', 'T', 't', 'T', 't', 'T', 't', 'T', 't',
    'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'V', 'v', 'V', 'v', 'W', 'w', 'W', 'w', 'W',
    'w', 'W', 'w', 'W', 'w', 'X', 'x', 'X', 'x', 'Y', 'y', 'Z', 'z', 'Z', 'z', 'Z', 'z', 'h', 't',
    'w', 'y', 'ẚ', 'ſ', 'ẜ', 'ẝ', 'ẞ', 'ẟ', 'A', 'a', 'A', 'a', 'A', 'a', 'A', 'a', 'A', 'a', 'A',
    'a', 'A', 'a', 'A', 'a', 'A', 'a', 'A', 'a', 'A', 'a', 'A', 'a', 'E', 'e', 'E', 'e', 'E', 'e',
    'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'E', 'e', 'I', 'i', 'I', 'i', 'O', 'o', 'O', 'o', 'O',
    'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o', 'O', 'o',
    'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'U', 'u', 'Y', 'y', 'Y', 'y', 'Y',
    'y', 'Y', 'y', 'Ỻ', 'ỻ', 'Ỽ', 'ỽ', 'Ỿ', 'ỿ',
];

/// Combining diacritical marks (U+0300–U+036F): dropped, so decomposed input
/// ("a" + U+0300) folds like precomposed input ("à").
fn is_combining_diacritic(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

fn base_letter(c: char) -> char {
    let code = c as usize;
    let from_table = match code {
        0xC0..=0x24F => BASE_00C0.get(code - 0xC0),
        0x1E00..=0x1EFF => BASE_1E00.get(code - 0x1E00),
        _ => None,
    };
    match from_table.copied().unwrap_or(c) {
        'đ' | 'Đ' => 'd',
        base => base,
    }
}

/// Folds `text` for search: lowercase, no diacritics, single spaces.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().filter(|c| !is_combining_diacritic(*c)) {
        if c.is_whitespace() {
            pending_space = !folded.is_empty();
            continue;
        }
        if pending_space {
            folded.push(' ');
            pending_space = false;
        }
        folded.extend(base_letter(c).to_lowercase());
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
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

    /// The reference: NFD, drop every combining mark, đ → d, lowercase.
    fn reference(text: &str) -> String {
        text.nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn tables_agree_with_unicode_decomposition() {
        for code in (0x20..0x250).chain(0x1E00..0x1F00).chain(0x300..0x370) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if c.is_whitespace() {
                continue;
            }
            let text = c.to_string();
            assert_eq!(fold(&text), reference(&text), "U+{code:04X} {c}");
        }
    }

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
