//! Bytes → text: the encodings Vietnamese files really come in, detected
//! from the content (never from the file name) and named on screen.
//!
//! Detection order, first match wins:
//! 1. a byte-order mark: UTF-8 (BOM), UTF-16 LE, UTF-16 BE;
//! 2. UTF-16 without a BOM, from the NUL-byte pattern of its ASCII letters;
//! 3. valid UTF-8;
//! 4. otherwise one of the single-byte encodings Vietnamese Windows and its
//!    old fonts produce: Windows-1258 ("ANSI" on Vietnamese Windows), TCVN3
//!    (ABC, the .VnTime fonts) or VNI (the VNI-Times fonts), whichever reads
//!    as the most plausible Vietnamese (letters that exist in Vietnamese, at
//!    most one tone mark per word). Ties go to Windows-1258.
//!
//! Every result is NFC, so decomposed (macOS), non-canonically ordered and
//! half-composed text (Windows-1258 keeps tone marks as separate combining
//! characters) all compare equal to the registry's names.
//!
//! Why hand-written tables rather than `encoding_rs` at run time: its
//! decoder dispatch links every encoding's tables (CJK included, several
//! hundred KB) into the wasm import worker, to decode one 128-entry table.
//! The Windows-1258 table below is checked entry by entry against
//! `encoding_rs::WINDOWS_1258` in the tests (a dev-dependency only). TCVN3
//! and VNI are not in `encoding_rs` (nor in the WHATWG standard) at all.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::ImportNotice;

/// An encoding as detected, with its on-screen name ([`Encoding::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1258,
    /// TCVN 5712:1993 "VN3", the ABC encoding of the .VnTime fonts: one
    /// byte per Vietnamese letter in 0xA1–0xFE.
    Tcvn3,
    /// VNI (VNI-Times fonts): ASCII base letter followed by one mark byte
    /// (ư, ơ, đ and i with a tone are single bytes).
    Vni,
}

impl Encoding {
    /// The name shown on screen: "UTF-8", "UTF-8 (BOM)", "UTF-16 LE",
    /// "UTF-16 BE", "Windows-1258", "TCVN3 (ABC)", "VNI".
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }
}

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, NFC, without the byte-order mark.
    pub text: String,
    pub encoding: Encoding,
    /// What the reader did that the user should know (legacy text
    /// converted, bytes replaced, letters composed), in order.
    pub notices: Vec<ImportNotice>,
}

/// Builds a notice (shared by the reading modules).
pub(crate) fn notice(code: &str, vi: impl Into<String>, en: impl Into<String>) -> ImportNotice {
    ImportNotice {
        code: code.to_string(),
        vi: vi.into(),
        en: en.into(),
    }
}

/// `s` in NFC; borrows when it already is (the common case, checked in one
/// pass without allocating).
pub fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    // Normalise only the stretches that need it: text splits safely before
    // and after ASCII whitespace, digits and , ; . " (starters that never
    // compose with a neighbour), and most of a table is ASCII, so this is
    // several times faster than normalising the whole text.
    let boundary = |c: char| {
        c.is_ascii_whitespace() || c.is_ascii_digit() || matches!(c, ',' | ';' | '.' | '"')
    };
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if boundary(c) {
            push_nfc(&mut out, &s[start..i]);
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    push_nfc(&mut out, &s[start..]);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

fn push_nfc(out: &mut String, segment: &str) {
    if segment.is_ascii() || is_nfc_quick(segment.chars()) == IsNormalized::Yes {
        out.push_str(segment);
    } else {
        out.extend(segment.nfc());
    }
}

/// Decodes a file's bytes; never fails and never panics. Empty input gives
/// empty UTF-8 text.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut notices = Vec::new();
    let (raw, encoding): (String, Encoding) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (utf8_lossy(rest, &mut notices), Encoding::Utf8Bom)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (utf16(rest, false, &mut notices), Encoding::Utf16Le)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (utf16(rest, true, &mut notices), Encoding::Utf16Be)
        } else if let Some(big_endian) = utf16_without_bom(bytes) {
            let enc = if big_endian {
                Encoding::Utf16Be
            } else {
                Encoding::Utf16Le
            };
            (utf16(bytes, big_endian, &mut notices), enc)
        } else if let Ok(s) = std::str::from_utf8(bytes) {
            (s.to_string(), Encoding::Utf8)
        } else if mostly_utf8(bytes) {
            // A UTF-8 file with a few stray bytes (two files pasted
            // together, a damaged copy): reading it all as a legacy
            // encoding would garble every correct letter, so only the
            // stray bytes are replaced.
            (utf8_lossy(bytes, &mut notices), Encoding::Utf8)
        } else {
            let enc = guess_single_byte(bytes);
            notices.push(single_byte_notice(enc));
            (decode_with(bytes, enc), enc)
        };
    // A BOM inside (e.g. two files concatenated, or a BOM after UTF-16
    // detection by pattern) is never content.
    let raw = if raw.starts_with('\u{FEFF}') {
        raw.trim_start_matches('\u{FEFF}').to_string()
    } else {
        raw
    };
    let text = match nfc(&raw) {
        Cow::Borrowed(_) => raw,
        Cow::Owned(n) => {
            // Windows-1258 and VNI always compose (tone marks are separate
            // there); say so only for text that came decomposed.
            if !matches!(encoding, Encoding::Windows1258 | Encoding::Vni) {
                notices.push(notice(
                    "text-composed-nfc",
                    "Một số chữ được viết ở dạng tổ hợp (dấu tách rời khỏi chữ, như macOS hay bộ gõ “Unicode tổ hợp” tạo ra); đã đọc thành chữ dựng sẵn (NFC).",
                    "Some letters were written decomposed (tone marks as separate characters, as macOS or a “combining Unicode” keyboard writes them); they were read as composed letters (NFC).",
                ));
            }
            n
        }
    };
    Decoded {
        text,
        encoding,
        notices,
    }
}

/// Whether bytes that are not valid UTF-8 still hold at least three valid
/// non-ASCII UTF-8 characters for each invalid byte. Text in a legacy
/// encoding has next to no valid multi-byte sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid >= 3 * invalid.max(1)
}

fn utf8_lossy(bytes: &[u8], notices: &mut Vec<ImportNotice>) -> String {
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => s.to_string(),
        Cow::Owned(s) => {
            notices.push(replaced_notice("UTF-8"));
            s
        }
    }
}

fn replaced_notice(enc: &str) -> ImportNotice {
    notice(
        "encoding-bytes-replaced",
        format!("Tệp có byte không hợp lệ trong mã {enc}; các byte đó được thay bằng “�”. Hãy mở tệp trong bảng tính và lưu lại ở dạng “CSV UTF-8”."),
        format!("The file has bytes that are not valid {enc}; they were replaced with “�”. Open the file in a spreadsheet and save it again as “CSV UTF-8”."),
    )
}

fn utf16(bytes: &[u8], big_endian: bool, notices: &mut Vec<ImportNotice>) -> String {
    let units = bytes.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    let mut replaced = bytes.len() % 2 == 1;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                replaced = true;
                out.push('\u{FFFD}');
            }
        }
    }
    if bytes.len() % 2 == 1 {
        out.push('\u{FFFD}');
    }
    if replaced {
        notices.push(replaced_notice(if big_endian {
            "UTF-16 BE"
        } else {
            "UTF-16 LE"
        }));
    }
    out
}

/// UTF-16 without a BOM: most characters of a table are ASCII, so one byte
/// of each pair is NUL (the high byte: odd positions in LE, even in BE).
/// Returns `Some(big_endian)`.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut nul_even, mut nul_odd) = (0usize, 0usize);
    for p in sample.chunks_exact(2) {
        nul_even += usize::from(p[0] == 0);
        nul_odd += usize::from(p[1] == 0);
    }
    // At least a third of the characters ASCII, and the other byte of the
    // pair almost never NUL (a NUL-padded binary file has both).
    if nul_odd * 3 >= pairs && nul_even * 20 <= pairs {
        Some(false)
    } else if nul_even * 3 >= pairs && nul_odd * 20 <= pairs {
        Some(true)
    } else {
        None
    }
}

fn single_byte_notice(enc: Encoding) -> ImportNotice {
    match enc {
        Encoding::Tcvn3 => notice(
            "legacy-tcvn3",
            "Tệp dùng bảng mã cũ TCVN3 (ABC, phông .VnTime); chữ đã được chuyển sang Unicode. Hãy kiểm tra tên phường, và chuyển tệp sang Unicode (ví dụ bằng công cụ chuyển mã của UniKey) trước khi công bố.",
            "The file uses the legacy TCVN3 (ABC) encoding of the .VnTime fonts; its letters were converted to Unicode. Check the ward names, and convert the file to Unicode (for example with UniKey's converter) before publishing it.",
        ),
        Encoding::Vni => notice(
            "legacy-vni",
            "Tệp dùng bảng mã cũ VNI (phông VNI-Times); chữ đã được chuyển sang Unicode. Hãy kiểm tra tên phường, và chuyển tệp sang Unicode (ví dụ bằng công cụ chuyển mã của UniKey) trước khi công bố.",
            "The file uses the legacy VNI encoding (VNI-Times fonts); its letters were converted to Unicode. Check the ward names, and convert the file to Unicode (for example with UniKey's converter) before publishing it.",
        ),
        _ => notice(
            "encoding-windows-1258",
            "Tệp ở mã Windows-1258 (“ANSI” của Excel trên Windows tiếng Việt), không phải UTF-8; đã đọc và chuyển sang Unicode. Khi chia sẻ, hãy lưu tệp ở dạng “CSV UTF-8”.",
            "The file is in Windows-1258 (Excel's “ANSI” on Vietnamese Windows), not UTF-8; it was read and converted to Unicode. When sharing it, save it as “CSV UTF-8”.",
        ),
    }
}

/// Decodes bytes as one single-byte encoding (Windows-1258, TCVN3 or VNI);
/// NFC. For the Unicode encodings, decodes them (lossily). Never panics.
pub fn decode_with(bytes: &[u8], encoding: Encoding) -> String {
    let raw = match encoding {
        Encoding::Windows1258 => {
            let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
            for &b in bytes {
                push_composing(&mut out, windows_1258_char(b));
            }
            out
        }
        Encoding::Tcvn3 => capitalise_tcvn3_words(bytes.iter().map(|&b| tcvn3_char(b)).collect()),
        Encoding::Vni => vni_decode(bytes),
        Encoding::Utf8 | Encoding::Utf8Bom => String::from_utf8_lossy(bytes).into_owned(),
        Encoding::Utf16Le => utf16(bytes, false, &mut Vec::new()),
        Encoding::Utf16Be => utf16(bytes, true, &mut Vec::new()),
    };
    match nfc(&raw) {
        Cow::Borrowed(_) => raw,
        Cow::Owned(n) => n,
    }
}

/// Pushes `c`, composing a combining mark with the letter before it when
/// Unicode has the pair (a table lookup): Windows-1258 and VNI text is
/// then NFC as it is written, and the general (much slower) normalisation
/// finds nothing to do. Marks that do not compose are pushed as they are.
fn push_composing(out: &mut String, c: char) {
    if ('\u{0300}'..='\u{036F}').contains(&c) {
        if let Some(prev) = out.chars().next_back() {
            if let Some(composed) = unicode_normalization::char::compose(prev, c) {
                out.pop();
                out.push(composed);
                return;
            }
        }
    }
    out.push(c);
}

/// Windows-1258 bytes 0x80–0xFF. 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 are the
/// combining tone marks (grave, hook, tilde, acute, dot below); the bytes
/// the code page leaves undefined map to the C1 control of the same value,
/// as the WHATWG Encoding Standard (and so the browser) does.
static WINDOWS_1258_HIGH: [char; 128] = [
    // 0x80
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{008A}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{008E}', '\u{008F}',
    // 0x90
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{009A}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{009E}', '\u{0178}',
    // 0xA0 (as Latin-1)
    '\u{00A0}', '\u{00A1}', '\u{00A2}', '\u{00A3}', '\u{00A4}', '\u{00A5}', '\u{00A6}', '\u{00A7}',
    '\u{00A8}', '\u{00A9}', '\u{00AA}', '\u{00AB}', '\u{00AC}', '\u{00AD}', '\u{00AE}', '\u{00AF}',
    // 0xB0 (as Latin-1)
    '\u{00B0}', '\u{00B1}', '\u{00B2}', '\u{00B3}', '\u{00B4}', '\u{00B5}', '\u{00B6}', '\u{00B7}',
    '\u{00B8}', '\u{00B9}', '\u{00BA}', '\u{00BB}', '\u{00BC}', '\u{00BD}', '\u{00BE}', '\u{00BF}',
    // 0xC0
    '\u{00C0}', '\u{00C1}', '\u{00C2}', '\u{0102}', '\u{00C4}', '\u{00C5}', '\u{00C6}', '\u{00C7}',
    '\u{00C8}', '\u{00C9}', '\u{00CA}', '\u{00CB}', '\u{0300}', '\u{00CD}', '\u{00CE}', '\u{00CF}',
    // 0xD0
    '\u{0110}', '\u{00D1}', '\u{0309}', '\u{00D3}', '\u{00D4}', '\u{01A0}', '\u{00D6}', '\u{00D7}',
    '\u{00D8}', '\u{00D9}', '\u{00DA}', '\u{00DB}', '\u{00DC}', '\u{01AF}', '\u{0303}', '\u{00DF}',
    // 0xE0
    '\u{00E0}', '\u{00E1}', '\u{00E2}', '\u{0103}', '\u{00E4}', '\u{00E5}', '\u{00E6}', '\u{00E7}',
    '\u{00E8}', '\u{00E9}', '\u{00EA}', '\u{00EB}', '\u{0301}', '\u{00ED}', '\u{00EE}', '\u{00EF}',
    // 0xF0
    '\u{0111}', '\u{00F1}', '\u{0323}', '\u{00F3}', '\u{00F4}', '\u{01A1}', '\u{00F6}', '\u{00F7}',
    '\u{00F8}', '\u{00F9}', '\u{00FA}', '\u{00FB}', '\u{00FC}', '\u{01B0}', '\u{20AB}', '\u{00FF}',
];

/// The Windows-1258 character of one byte (not NFC: tone marks come as
/// combining characters).
pub fn windows_1258_char(b: u8) -> char {
    if b < 0x80 {
        char::from(b)
    } else {
        WINDOWS_1258_HIGH[usize::from(b - 0x80)]
    }
}

/// TCVN3 (ABC) letters, byte → letter. Capitals with a tone mark do not
/// exist in the encoding: capital-letter text is set in the ".VnTimeH"
/// fonts with the lowercase codes, so it decodes to lowercase letters
/// (matching ignores case).
static TCVN3_LETTERS: [(u8, char); 74] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// TCVN3 has no capitals with a tone mark: text in capitals is set in a
/// capitals font (".VnTimeH") with the lowercase codes. A word whose ASCII
/// letters are all capitals ("PH" + ư + ờ + "NG") is such a word: its
/// lowercase Vietnamese letters are made capitals ("PHƯỜNG").
fn capitalise_tcvn3_words(text: String) -> String {
    if text.is_ascii() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    // Whether the previous word was in capitals: a word with a single
    // ASCII capital ("B" + ồ) is in capitals only after one.
    let mut prev_upper = false;
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let capitals = word.bytes().filter(u8::is_ascii_uppercase).count();
        let lower = word.bytes().any(|b| b.is_ascii_lowercase());
        let upper = !lower && (capitals >= 2 || (capitals == 1 && prev_upper));
        if upper && !word.is_ascii() {
            out.extend(word.chars().flat_map(char::to_uppercase));
        } else {
            out.push_str(word);
        }
        prev_upper = upper || (!lower && capitals >= 2);
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The TCVN3 letter of one byte; bytes that are not letters in TCVN3 read
/// as Windows-1258 (punctuation, symbols).
pub fn tcvn3_char(b: u8) -> char {
    if b < 0x80 {
        return char::from(b);
    }
    match TCVN3_LETTERS.binary_search_by_key(&b, |&(k, _)| k) {
        Ok(i) => TCVN3_LETTERS[i].1,
        Err(_) => windows_1258_char(b),
    }
}

/// VNI: what a byte means after a base letter (`marks`, combining) or on
/// its own (`letter`). Lowercase bytes follow lowercase letters, uppercase
/// ones capitals; both are accepted after either.
fn vni_byte(b: u8) -> VniByte {
    use VniByte::{Letter, Marks};
    const CIRC: char = '\u{0302}';
    const BREVE: char = '\u{0306}';
    const GRAVE: char = '\u{0300}';
    const ACUTE: char = '\u{0301}';
    const HOOK: char = '\u{0309}';
    const TILDE: char = '\u{0303}';
    const DOT: char = '\u{0323}';
    match b {
        0xE2 | 0xC2 => Marks(CIRC, None),
        0xE1 | 0xC1 => Marks(CIRC, Some(ACUTE)),
        0xE0 | 0xC0 => Marks(CIRC, Some(GRAVE)),
        0xE5 | 0xC5 => Marks(CIRC, Some(HOOK)),
        0xE3 | 0xC3 => Marks(CIRC, Some(TILDE)),
        0xE4 | 0xC4 => Marks(CIRC, Some(DOT)),
        0xEA | 0xCA => Marks(BREVE, None),
        0xE9 | 0xC9 => Marks(BREVE, Some(ACUTE)),
        0xE8 | 0xC8 => Marks(BREVE, Some(GRAVE)),
        0xFA | 0xDA => Marks(BREVE, Some(HOOK)),
        0xFC | 0xDC => Marks(BREVE, Some(TILDE)),
        0xEB | 0xCB => Marks(BREVE, Some(DOT)),
        0xF9 | 0xD9 => Marks(ACUTE, None),
        0xF8 | 0xD8 => Marks(GRAVE, None),
        0xFB | 0xDB => Marks(HOOK, None),
        0xF5 | 0xD5 => Marks(TILDE, None),
        // Dot below; 0xEE/0xCE is the one drawn under y.
        0xEF | 0xCF | 0xEE | 0xCE => Marks(DOT, None),
        0xF6 => Letter('ư'),
        0xD6 => Letter('Ư'),
        0xF4 => Letter('ơ'),
        0xD4 => Letter('Ơ'),
        0xF1 => Letter('đ'),
        0xD1 => Letter('Đ'),
        0xED => Letter('í'),
        0xCD => Letter('Í'),
        0xEC => Letter('ì'),
        0xCC => Letter('Ì'),
        0xE6 => Letter('ỉ'),
        0xC6 => Letter('Ỉ'),
        0xF3 => Letter('ĩ'),
        0xD3 => Letter('Ĩ'),
        0xF2 => Letter('ị'),
        0xD2 => Letter('Ị'),
        _ => Letter(windows_1258_char(b)),
    }
}

enum VniByte {
    Marks(char, Option<char>),
    Letter(char),
}

fn vni_decode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    // Whether the last character written can carry a mark (a vowel letter,
    // or ư/ơ from a VNI byte).
    let mut carrier = false;
    for &b in bytes {
        if b < 0x80 {
            out.push(char::from(b));
            carrier = matches!(
                b.to_ascii_lowercase(),
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
            );
            continue;
        }
        match vni_byte(b) {
            VniByte::Marks(m1, m2) if carrier => {
                // A dot below goes on first (ậ is ạ + circumflex in Unicode's
                // compositions), so the pair composes step by step.
                match m2 {
                    Some('\u{0323}') => {
                        push_composing(&mut out, '\u{0323}');
                        push_composing(&mut out, m1);
                    }
                    Some(m2) => {
                        push_composing(&mut out, m1);
                        push_composing(&mut out, m2);
                    }
                    None => push_composing(&mut out, m1),
                }
                // One mark byte per letter (the two-mark bytes carry both).
                carrier = false;
            }
            VniByte::Marks(..) => {
                out.push(windows_1258_char(b));
                carrier = false;
            }
            VniByte::Letter(c) => {
                out.push(c);
                carrier = matches!(c, 'ư' | 'Ư' | 'ơ' | 'Ơ');
            }
        }
    }
    out
}

/// How plausible `text` is as Vietnamese: +1 per non-ASCII Vietnamese
/// letter in a word with at most one tone mark; −3 per character that is
/// neither ASCII, nor a Vietnamese letter, nor common punctuation; −3 per
/// extra tone mark in a word.
fn plausibility(text: &str) -> i64 {
    let mut score = 0i64;
    let mut word_letters = 0i64;
    let mut word_tones = 0i64;
    let close_word = |letters: &mut i64, tones: &mut i64, score: &mut i64| {
        if *tones > 1 {
            *score -= 3 * (*tones - 1);
        } else {
            *score += *letters;
        }
        *letters = 0;
        *tones = 0;
    };
    for c in text.chars() {
        if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                close_word(&mut word_letters, &mut word_tones, &mut score);
            }
            continue;
        }
        match vietnamese_letter(c) {
            Some(tone) => {
                word_letters += 1;
                word_tones += i64::from(tone);
            }
            None => {
                close_word(&mut word_letters, &mut word_tones, &mut score);
                if !is_common_punctuation(c) {
                    score -= 3;
                }
            }
        }
    }
    close_word(&mut word_letters, &mut word_tones, &mut score);
    score
}

const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// `Some(has_tone)` when `c` is a non-ASCII letter of the Vietnamese
/// alphabet (đ, and vowels with the marks Vietnamese uses where it uses
/// them), `None` otherwise.
pub(crate) fn vietnamese_letter(c: char) -> Option<bool> {
    if matches!(c, 'đ' | 'Đ') {
        return Some(false);
    }
    let mut base = None;
    let (mut tone, mut circ, mut breve, mut horn, mut other) = (0, false, false, false, false);
    unicode_normalization::char::decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if TONES.contains(&d) {
            tone += 1;
        } else if d == '\u{0302}' {
            circ = true;
        } else if d == '\u{0306}' {
            breve = true;
        } else if d == '\u{031B}' {
            horn = true;
        } else {
            other = true;
        }
    });
    let base = base?.to_ascii_lowercase();
    if other || tone > 1 || base == c.to_ascii_lowercase() {
        return None;
    }
    let ok = match base {
        'a' => !(horn || circ && breve),
        'e' => !horn && !breve,
        'o' => !(breve || circ && horn),
        'u' => !circ && !breve,
        'i' | 'y' => !circ && !breve && !horn,
        _ => false,
    };
    ok.then_some(tone == 1)
}

fn is_common_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{200B}' | '\u{2018}'
            ..='\u{201D}'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '\u{2022}'
                | '\u{20AB}'
                | '\u{20AC}'
                | '\u{00B0}'
                | '\u{00AB}'
                | '\u{00BB}'
                | '\u{00A9}'
                | '\u{00B7}'
    )
}

/// Chooses among Windows-1258, TCVN3 and VNI for bytes that are not UTF-8,
/// by the plausibility of the first 64 KB read each way.
fn guess_single_byte(bytes: &[u8]) -> Encoding {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let mut best = (
        plausibility(&decode_with(sample, Encoding::Windows1258)),
        Encoding::Windows1258,
    );
    for enc in [Encoding::Tcvn3, Encoding::Vni] {
        let s = plausibility(&decode_with(sample, enc));
        if s > best.0 {
            best = (s, enc);
        }
    }
    best.1
}

/// What a cell of valid UTF-8 text that reads as gibberish probably is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MojibakeKind {
    /// TCVN3 (ABC) bytes shown as Windows-1252/Latin-1 characters
    /// ("Ph­êng Hµng Bå").
    Tcvn3,
    /// VNI bytes shown as Windows-1252/Latin-1 ("Phöôøng Yeân Hoaø").
    Vni,
    /// UTF-8 bytes read as Windows-1252 ("PhÆ°á»ng").
    Utf8AsCp1252,
    /// Windows-1258 bytes read as Windows-1252 ("Phý?ng", tone marks as
    /// "Ì", "Ò", "Þ", "ì", "ò").
    Windows1258AsCp1252,
}

impl MojibakeKind {
    /// Stable code for the notice: "mojibake-tcvn3", "mojibake-vni",
    /// "mojibake-utf8-as-cp1252", "mojibake-windows-1258".
    pub fn code(self) -> &'static str {
        match self {
            MojibakeKind::Tcvn3 => "mojibake-tcvn3",
            MojibakeKind::Vni => "mojibake-vni",
            MojibakeKind::Utf8AsCp1252 => "mojibake-utf8-as-cp1252",
            MojibakeKind::Windows1258AsCp1252 => "mojibake-windows-1258",
        }
    }
}

/// A diagnosed cell: what it looks like, and the text it converts to.
#[derive(Debug, Clone, PartialEq)]
pub struct Mojibake {
    pub kind: MojibakeKind,
    /// The cell converted (NFC).
    pub converted: String,
}

impl Mojibake {
    /// The notice to show for `cell`: what it looks like, what it converts
    /// to, and how to convert it.
    pub fn notice(&self, cell: &str) -> ImportNotice {
        let (vi_kind, en_kind) = match self.kind {
            MojibakeKind::Tcvn3 => (
                "trông như chữ TCVN3 (ABC, phông .VnTime) bị hiển thị bằng phông Unicode",
                "looks like TCVN3 (ABC, .VnTime font) glyphs shown in a Unicode font",
            ),
            MojibakeKind::Vni => (
                "trông như chữ VNI (phông VNI-Times) bị hiển thị bằng phông Unicode",
                "looks like VNI (VNI-Times font) glyphs shown in a Unicode font",
            ),
            MojibakeKind::Utf8AsCp1252 => (
                "trông như chữ UTF-8 bị đọc nhầm thành Windows-1252",
                "looks like UTF-8 read as Windows-1252",
            ),
            MojibakeKind::Windows1258AsCp1252 => (
                "trông như chữ Windows-1258 bị đọc nhầm thành Windows-1252",
                "looks like Windows-1258 read as Windows-1252",
            ),
        };
        let conv = &self.converted;
        notice(
            self.kind.code(),
            format!("“{cell}” {vi_kind}; chuyển đổi sẽ được “{conv}”. Chọn “Chuyển mã” để chuyển, hoặc sửa tệp gốc bằng công cụ chuyển mã (ví dụ của UniKey)."),
            format!("“{cell}” {en_kind}; converted it reads “{conv}”. Choose “Convert” to convert it, or fix the original file with a converter (for example UniKey's)."),
        )
    }
}

/// The byte a Windows-1252 reading (or Latin-1, for the C1 controls and
/// the bytes 1252 leaves undefined) gave character `c`, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = u32::from(c);
    if u < 0x80 || (0xA0..=0xFF).contains(&u) || (0x80..=0x9F).contains(&u) {
        return u8::try_from(u).ok();
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Looks at one cell of valid text for the signs of text decoded the wrong
/// way (legacy font glyphs, double-decoded UTF-8). Returns the kind and
/// the conversion when one reads clearly better as Vietnamese; `None` for
/// ordinary text (including every correctly written Vietnamese name).
/// Never converts anything by itself: the caller offers the conversion.
pub fn diagnose_mojibake(cell: &str) -> Option<Mojibake> {
    if cell.is_ascii() {
        return None;
    }
    let original = plausibility(cell);
    // A cell that is already plausible Vietnamese throughout is left alone.
    if original > 0 && !has_implausible(cell) {
        return None;
    }
    let bytes: Vec<u8> = cell.chars().map(cp1252_byte).collect::<Option<_>>()?;
    // Double-decoded UTF-8 is unmistakable: the bytes are valid UTF-8 with
    // non-ASCII characters.
    if let Ok(s) = std::str::from_utf8(&bytes) {
        if !s.is_ascii() {
            let converted = nfc(s).into_owned();
            if plausibility(&converted) > original {
                return Some(Mojibake {
                    kind: MojibakeKind::Utf8AsCp1252,
                    converted,
                });
            }
        }
    }
    let mut best: Option<(i64, MojibakeKind, String)> = None;
    for (kind, enc) in [
        (MojibakeKind::Tcvn3, Encoding::Tcvn3),
        (MojibakeKind::Vni, Encoding::Vni),
        (MojibakeKind::Windows1258AsCp1252, Encoding::Windows1258),
    ] {
        let converted = decode_with(&bytes, enc);
        if has_implausible(&converted) {
            continue;
        }
        let s = plausibility(&converted);
        if s > original && best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, kind, converted));
        }
    }
    best.map(|(_, kind, converted)| Mojibake { kind, converted })
}

/// Whether `text` has a character that is neither ASCII, nor a Vietnamese
/// letter, nor common punctuation, or a word with two tone marks.
fn has_implausible(text: &str) -> bool {
    let mut tones = 0;
    for c in text.chars() {
        if c.is_ascii() {
            if !c.is_ascii_alphabetic() {
                tones = 0;
            }
            continue;
        }
        match vietnamese_letter(c) {
            Some(t) => {
                tones += i32::from(t);
                if tones > 1 {
                    return true;
                }
            }
            None if is_common_punctuation(c) => tones = 0,
            None => return true,
        }
    }
    false
}

/// Whether a cell lost letters in a conversion that could not represent
/// them: a '?' next to a letter ("Ph?ng", "B?", "?ng"), as Excel or a
/// database writes for letters missing from the target code page, or the
/// replacement character '�'. A '?' standing alone is not counted.
pub fn lost_letters(cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '\u{FFFD}'
            || c == '?'
                && (i.checked_sub(1).is_some_and(|j| chars[j].is_alphabetic())
                    || chars.get(i + 1).is_some_and(|a| a.is_alphabetic()))
    })
}
