//! Reading what people actually have (issue 12, item 2): encodings, legacy
//! fonts, mojibake, delimiters, numbers, codes and XLSX, through the public
//! API of `ward_domain::import::{decode, table, numbers, xlsx}`.
//!
//! The corpus files are the repository's copy in `tests/import-corpus/`
//! (byte for byte the shared corpus; see its README), embedded at compile
//! time. XLSX workbooks are written in the tests with rust_xlsxwriter, or
//! by hand with `zip` where a part must be shaped precisely.
//!
//! Run with `cargo test -p ward-domain --features import --test import_reading`.
#![cfg(feature = "import")]

use std::io::Write as _;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use ward_domain::import::decode::{
    decode, decode_with, diagnose_mojibake, lost_letters, tcvn3_char, windows_1258_char, Encoding,
    MojibakeKind,
};
use ward_domain::import::numbers::{
    infer_column_style, infer_style, looks_like_row_numbers, normalize_code, parse_number,
    CodeRead, NumberStyle, SepRole,
};
use ward_domain::import::table::{read, read_delimited, Delimiter, Read, MAX_COLUMNS, MAX_ROWS};
use ward_domain::import::xlsx::read_xlsx;
use ward_domain::import::{Cell, Sheet};
use ward_domain::Registry;

macro_rules! corpus {
    ($name:literal) => {
        include_bytes!(concat!("../../../tests/import-corpus/", $name)).as_slice()
    };
}

fn registry() -> Registry {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/wards.json");
    Registry::parse(&std::fs::read_to_string(path).expect("wards.json")).expect("valid registry")
}

fn text(cell: &Cell) -> &str {
    match cell {
        Cell::Text(t) => t,
        other => panic!("expected text, got {other:?}"),
    }
}

fn column(sheet: &Sheet, col: usize) -> Vec<&Cell> {
    sheet.rows.iter().map(|r| &r[col]).collect()
}

fn numbers_of(sheet: &Sheet, col: usize) -> Vec<Option<f64>> {
    let style = infer_column_style(sheet, col);
    sheet
        .rows
        .iter()
        .map(|r| parse_number(&r[col], style).expect("a number"))
        .collect()
}

fn table(bytes: &[u8]) -> (Sheet, String, Vec<String>) {
    match read(bytes, "test.csv", None).expect("readable") {
        Read::Table {
            sheet,
            encoding,
            notices,
            ..
        } => (
            sheet,
            encoding,
            notices.into_iter().map(|n| n.code).collect(),
        ),
        Read::Json(_) => panic!("not JSON"),
    }
}

const NAMES_01: [&str; 3] = ["Phường Hàng Bồ", "Phường Yên Hoà", "Phường Thụy Khuê"];

// ---------------------------------------------------------------- encodings

#[test]
fn windows_1258_table_matches_encoding_rs_byte_for_byte() {
    for b in 0u8..=255 {
        let byte = [b];
        let (reference, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&byte);
        let mut chars = reference.chars();
        let expected = chars.next().expect("one char");
        assert_eq!(chars.next(), None);
        assert_eq!(windows_1258_char(b), expected, "byte {b:#04X}");
    }
}

#[test]
fn corpus_windows_1258_files_are_detected_named_and_composed() {
    for bytes in [
        corpus!("case-01-windows1258.csv"),
        corpus!("case-01-windows1258-names-only.csv"),
    ] {
        let d = decode(bytes);
        assert_eq!(d.encoding, Encoding::Windows1258);
        assert_eq!(d.encoding.name(), "Windows-1258");
        assert_eq!(d.notices[0].code, "encoding-windows-1258");
        assert!(d.notices[0].vi.contains("Tệp ở mã Windows-1258"));
        assert!(d.notices[0].en.contains("The file is in Windows-1258"));
        let (sheet, enc, _) = table(bytes);
        assert_eq!(enc, "Windows-1258");
        let name_col = sheet
            .headers
            .iter()
            .position(|h| h == "ten_phuong")
            .unwrap();
        let names: Vec<&str> = column(&sheet, name_col).into_iter().map(text).collect();
        assert_eq!(names, NAMES_01);
        // Composed: the tone mark is part of the letter, not separate.
        assert!(names[1].ends_with("Hoà") && !names[1].contains('\u{0300}'));
    }
}

#[test]
fn corpus_tcvn3_and_vni_files_are_converted_with_a_notice_naming_the_encoding() {
    for (bytes, enc, code, name) in [
        (
            corpus!("case-01-tcvn3.csv"),
            Encoding::Tcvn3,
            "legacy-tcvn3",
            "TCVN3 (ABC)",
        ),
        (
            corpus!("case-01-vni.csv"),
            Encoding::Vni,
            "legacy-vni",
            "VNI",
        ),
    ] {
        let d = decode(bytes);
        assert_eq!(d.encoding, enc);
        assert_eq!(d.encoding.name(), name);
        assert_eq!(
            d.notices
                .iter()
                .map(|n| n.code.as_str())
                .collect::<Vec<_>>(),
            [code]
        );
        assert!(d.notices[0]
            .vi
            .contains(if enc == Encoding::Vni { "VNI" } else { "TCVN3" }));
        let (sheet, encoding, _) = table(bytes);
        assert_eq!(encoding, name);
        assert_eq!(sheet.headers, ["ma_phuong", "ten_phuong", "ty_le"]);
        let names: Vec<&str> = column(&sheet, 1).into_iter().map(text).collect();
        assert_eq!(names, NAMES_01);
        assert_eq!(numbers_of(&sheet, 2), [Some(91.9), Some(88.0), Some(90.5)]);
    }
}

#[test]
fn corpus_lossy_file_keeps_its_question_marks_and_says_letters_were_lost() {
    let (sheet, enc, _) = table(corpus!("case-01-cp1258-lossy.csv"));
    assert_eq!(enc, "Windows-1258");
    let names: Vec<&str> = column(&sheet, 1).into_iter().map(text).collect();
    assert_eq!(
        names,
        ["Phư?ng Hàng B?", "Phư?ng Yên Hoà", "Phư?ng Th?y Khuê"]
    );
    assert!(names.iter().all(|n| lost_letters(n)));
    for fine in NAMES_01 {
        assert!(!lost_letters(fine));
    }
    assert!(!lost_letters("?"));
    assert!(!lost_letters("Hàng Bồ ? 2"));
    assert!(lost_letters("Hàng B\u{FFFD}"));
}

#[test]
fn corpus_pasted_mojibake_is_diagnosed_per_cell_never_converted_silently() {
    let (sheet, enc, _) = table(corpus!("case-01-pasted-mojibake-utf8.csv"));
    assert_eq!(enc, "UTF-8");
    let cells: Vec<&str> = column(&sheet, 0).into_iter().map(text).collect();
    // As read: nothing converted.
    assert_eq!(cells[0], "Ph\u{ad}êng Hµng Bå");
    let expected = [
        (MojibakeKind::Tcvn3, "mojibake-tcvn3", "looks like TCVN3"),
        (MojibakeKind::Vni, "mojibake-vni", "looks like VNI"),
        (
            MojibakeKind::Utf8AsCp1252,
            "mojibake-utf8-as-cp1252",
            "looks like UTF-8 read as Windows-1252",
        ),
    ];
    for ((cell, name), (kind, code, says)) in cells.iter().zip(NAMES_01).zip(expected) {
        let m = diagnose_mojibake(cell).unwrap_or_else(|| panic!("{cell} diagnosed"));
        assert_eq!(m.kind, kind, "{cell}");
        assert_eq!(m.converted, name);
        let n = m.notice(cell);
        assert_eq!(n.code, code);
        assert!(n.en.contains(says), "{}", n.en);
        assert!(n.en.contains(name) && n.vi.contains(name));
    }
}

#[test]
fn no_correct_ward_name_is_ever_diagnosed_as_mojibake() {
    let reg = registry();
    for w in &reg.wards {
        for s in [
            w.name.clone(),
            format!("Phường {}", w.name),
            w.name.to_uppercase(),
        ] {
            assert_eq!(diagnose_mojibake(&s), None, "{s}");
            assert!(!lost_letters(&s), "{s}");
        }
    }
    for d in &reg.districts {
        assert_eq!(diagnose_mojibake(&d.name), None, "{}", d.name);
    }
    for s in [
        "Quang Trung (Sơn Tây)",
        "Hàng Buồm\u{a0}",
        "Tỷ lệ (%)",
        "“Hà Nội” – 2024",
        "café",
    ] {
        assert_eq!(diagnose_mojibake(s), None, "{s}");
    }
}

#[test]
fn corpus_utf8_bom_is_not_glued_to_the_first_header() {
    let (sheet, enc, notices) = table(corpus!("case-02-utf8-bom.csv"));
    assert_eq!(enc, "UTF-8 (BOM)");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(sheet.headers, ["ma_phuong", "ten_phuong", "ty_le"]);
    assert_eq!(text(&sheet.rows[0][1]), "Phường Hàng Bồ");
}

#[test]
fn corpus_excel_unicode_text_is_utf16le_tab_separated_with_decimal_comma() {
    let bytes = corpus!("case-02-excel-unicode-text-utf16le.txt");
    assert_eq!(decode(bytes).encoding, Encoding::Utf16Le);
    let (sheet, enc, _) = table(bytes);
    assert_eq!(enc, "UTF-16 LE");
    assert_eq!(sheet.headers, ["ma_phuong", "ten_phuong", "ty_le"]);
    assert_eq!(text(&sheet.rows[0][1]), "Phường Hàng Bồ");
    assert_eq!(numbers_of(&sheet, 2), [Some(91.9), Some(88.0)]);
    let style = infer_column_style(&sheet, 2);
    assert!(style.decimal_comma());
    let n = style.notice("ty_le").expect("decimal comma notice");
    assert_eq!(n.code, "number-decimal-comma");
    assert!(n.vi.contains("dấu phẩy thập phân") && n.en.contains("decimal comma"));
    // The same bytes without the BOM: found by the NUL-byte pattern.
    assert_eq!(decode(&bytes[2..]).encoding, Encoding::Utf16Le);
    let (sheet2, _) = read_delimited(&decode(&bytes[2..]).text).unwrap();
    assert_eq!(sheet2, sheet);
}

#[test]
fn utf8_with_a_few_stray_bytes_stays_utf8() {
    let mut bytes = "ten,ty_le\nPhường Hàng Bồ,91.9\nPhường Yên Hoà,88\nPhường Thụy Khuê,90\n"
        .as_bytes()
        .to_vec();
    bytes.extend(b"Ph\xfd\xf5\xccng,1\n");
    let d = decode(&bytes);
    assert_eq!(d.encoding, Encoding::Utf8);
    assert!(d.text.contains("Phường Thụy Khuê"));
    assert!(d.text.contains("Ph\u{FFFD}\u{FFFD}\u{FFFD}ng"));
    assert_eq!(d.notices[0].code, "encoding-bytes-replaced");
}

#[test]
fn utf16_be_by_bom_and_by_pattern() {
    let s = "ma_phuong\tten_phuong\r\n00052\tPhường Hàng Bồ\r\n";
    let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let with_bom = [[0xFE, 0xFF].as_slice(), &be].concat();
    for bytes in [&with_bom, &be] {
        let d = decode(bytes);
        assert_eq!(d.encoding, Encoding::Utf16Be);
        assert_eq!(d.text, s);
    }
    // An unpaired surrogate and an odd trailing byte are replaced, with a notice.
    let d = decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, 0x41]);
    assert_eq!(d.text, "a\u{FFFD}b\u{FFFD}");
    assert_eq!(d.notices[0].code, "encoding-bytes-replaced");
}

#[test]
fn corpus_decomposed_names_come_out_nfc() {
    let (sheet, enc, notices) = table(corpus!("case-03-decomposed-names.csv"));
    assert_eq!(enc, "UTF-8");
    assert!(notices.contains(&"text-composed-nfc".to_string()));
    let names: Vec<&str> = column(&sheet, 0).into_iter().map(text).collect();
    assert_eq!(
        names,
        [
            "Phường Hàng Bồ",
            "Phường Hoàng Liệt",
            "Phường Phương Liệt",
            "Phường Đồng Xuân",
            "Phường Yên Hoà"
        ]
    );
    for n in names {
        assert_eq!(n.nfc().collect::<String>(), n);
    }
}

#[test]
fn corpus_prefix_file_keeps_cells_as_written_for_the_matcher() {
    let (sheet, _, _) = table(corpus!("case-05-prefixes-abbreviations.csv"));
    let names: Vec<&str> = column(&sheet, 0).into_iter().map(text).collect();
    assert_eq!(names.len(), 13);
    assert_eq!(names[4], "Phường  Cửa Đông ");
    assert_eq!(names[5], "Hàng Buồm\u{a0}");
    assert_eq!(names[6], "Hàng\u{200b}Mã");
    assert_eq!(names[7], "PHƯỜNG HÀNG BÔNG");
}

#[test]
fn corpus_duplicate_names_file_has_empty_district_cells() {
    let (sheet, _, _) = table(corpus!("case-07-duplicate-names.csv"));
    assert_eq!(sheet.headers, ["ten_phuong", "quan", "ty_le"]);
    assert_eq!(sheet.rows.len(), 7);
    assert_eq!(sheet.rows[0][1], Cell::Empty);
    assert_eq!(text(&sheet.rows[3][1]), "Q. Đống Đa");
}

#[test]
fn corpus_codes_that_lost_zeros_and_the_stt_column() {
    let (sheet, _, _) = table(corpus!("case-09-codes-lost-zeros-and-stt.csv"));
    assert_eq!(
        sheet.headers,
        ["STT", "Mã phường", "Tên phường", "Tỷ lệ (%)"]
    );
    assert!(looks_like_row_numbers(&column(&sheet, 0)));
    assert!(!looks_like_row_numbers(&column(&sheet, 1)));
    let codes: Vec<CodeRead> = column(&sheet, 1).into_iter().map(normalize_code).collect();
    let code = |s: &str| CodeRead::Code(s.to_string());
    assert_eq!(
        codes,
        [
            code("00052"),
            code("00061"),
            code("00049"),
            CodeRead::UnknownScheme("1010531".into()),
            code("00022"),
            code("00070"),
            code("00013"),
        ]
    );
}

#[test]
fn corpus_semicolon_file_with_decimal_comma_percent_and_thousands_dot() {
    let bytes = corpus!("case-10-semicolon-decimal-comma.csv");
    let d = decode(bytes);
    let (sheet, delim) = read_delimited(&d.text).unwrap();
    assert_eq!(delim, Delimiter::Semicolon);
    assert_eq!(
        sheet.headers,
        ["Mã phường", "Tên phường", "Tỷ lệ", "Dân số"]
    );
    assert_eq!(
        numbers_of(&sheet, 2),
        [Some(91.9), Some(88.25), Some(100.0)]
    );
    assert!(infer_column_style(&sheet, 2).decimal_comma());
    assert_eq!(
        numbers_of(&sheet, 3),
        [Some(6000.0), Some(7215.0), Some(12345.0)]
    );
    let pop = infer_column_style(&sheet, 3);
    assert!(!pop.decimal_comma());
    assert_eq!(
        pop.notice("Dân số").unwrap().code,
        "number-thousands-separator"
    );
}

#[test]
fn corpus_mixed_separators_are_decided_by_column() {
    let (sheet, _, _) = table(corpus!("case-10-mixed-separators.csv"));
    assert_eq!(
        sheet.headers,
        ["ma_phuong", "ten_phuong", "ty_le", "dan_so"]
    );
    assert_eq!(numbers_of(&sheet, 2), [Some(91.9), Some(88.2), Some(85.5)]);
    assert_eq!(
        numbers_of(&sheet, 3),
        [Some(6000.0), Some(1234.0), Some(7215.0)]
    );
}

#[test]
fn every_corpus_file_reads_as_a_table() {
    for (name, bytes) in [
        ("cp1258-lossy", corpus!("case-01-cp1258-lossy.csv")),
        (
            "pasted-mojibake",
            corpus!("case-01-pasted-mojibake-utf8.csv"),
        ),
        ("tcvn3", corpus!("case-01-tcvn3.csv")),
        ("vni", corpus!("case-01-vni.csv")),
        ("1258-names", corpus!("case-01-windows1258-names-only.csv")),
        ("1258", corpus!("case-01-windows1258.csv")),
        ("utf16", corpus!("case-02-excel-unicode-text-utf16le.txt")),
        ("bom", corpus!("case-02-utf8-bom.csv")),
        ("nfd", corpus!("case-03-decomposed-names.csv")),
        ("prefixes", corpus!("case-05-prefixes-abbreviations.csv")),
        ("dups", corpus!("case-07-duplicate-names.csv")),
        ("codes", corpus!("case-09-codes-lost-zeros-and-stt.csv")),
        ("mixed", corpus!("case-10-mixed-separators.csv")),
        ("semicolon", corpus!("case-10-semicolon-decimal-comma.csv")),
    ] {
        let (sheet, _, _) = table(bytes);
        assert!(sheet.headers.len() >= 2, "{name}");
        assert!(!sheet.rows.is_empty(), "{name}");
        assert!(
            sheet.rows.iter().all(|r| r.len() == sheet.headers.len()),
            "{name}"
        );
    }
}

// ------------------------------------------- legacy encodings, round trips

/// Test-side TCVN3 encoder: tone order huyền, hỏi, ngã, sắc, nặng.
fn tcvn3_encode(s: &str) -> Vec<u8> {
    const ROWS: [(char, [u8; 5]); 12] = [
        ('a', [0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
        ('ă', [0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
        ('â', [0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
        ('e', [0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
        ('ê', [0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
        ('i', [0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
        ('o', [0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
        ('ô', [0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
        ('ơ', [0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
        ('u', [0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
        ('ư', [0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
        ('y', [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
    ];
    const PLAIN: [(char, u8); 14] = [
        ('Ă', 0xA1),
        ('Â', 0xA2),
        ('Ê', 0xA3),
        ('Ô', 0xA4),
        ('Ơ', 0xA5),
        ('Ư', 0xA6),
        ('Đ', 0xA7),
        ('ă', 0xA8),
        ('â', 0xA9),
        ('ê', 0xAA),
        ('ô', 0xAB),
        ('ơ', 0xAC),
        ('ư', 0xAD),
        ('đ', 0xAE),
    ];
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(&(_, b)) = PLAIN.iter().find(|(p, _)| *p == c) {
            out.push(b);
            continue;
        }
        // Toned letters exist only in lower case in TCVN3.
        let lower: String = c.to_lowercase().collect();
        let (base, tone) = split_tone(&lower);
        let row = ROWS
            .iter()
            .find(|(b, _)| *b == base)
            .unwrap_or_else(|| panic!("{c}"));
        out.push(row.1[tone.expect("a toned letter")]);
    }
    out
}

/// A letter without its tone, and the tone's index (huyền, hỏi, ngã, sắc, nặng).
fn split_tone(letter: &str) -> (char, Option<usize>) {
    const TONES: [char; 5] = ['\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}'];
    let nfd: String = letter.nfd().collect();
    let tone = nfd.chars().find_map(|c| TONES.iter().position(|t| *t == c));
    let rest: String = nfd
        .chars()
        .filter(|c| !TONES.contains(c))
        .collect::<String>()
        .nfc()
        .collect();
    let mut it = rest.chars();
    let base = it.next().expect("a letter");
    assert_eq!(it.next(), None, "{letter}");
    (base, tone)
}

/// Test-side VNI encoder: base letter (or ư/ơ/đ/i-with-tone byte) + mark byte.
fn vni_encode(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let upper = c.is_uppercase();
        let lower: String = c.to_lowercase().collect();
        let (base, tone) = split_tone(&lower);
        let pick = |l: u8, u: u8| if upper { u } else { l };
        // i with a tone: one byte.
        if base == 'i' {
            let t = tone.expect("toned i");
            out.push(
                [
                    pick(0xEC, 0xCC),
                    pick(0xE6, 0xC6),
                    pick(0xF3, 0xD3),
                    pick(0xED, 0xCD),
                    pick(0xF2, 0xD2),
                ][t],
            );
            continue;
        }
        let (ascii, shape) = match base {
            'ă' => ('a', Some('˘')),
            'â' => ('a', Some('^')),
            'ê' => ('e', Some('^')),
            'ô' => ('o', Some('^')),
            'ơ' => ('-', Some('o')),
            'ư' => ('-', Some('u')),
            'đ' => ('-', Some('d')),
            b if b.is_ascii() => (b, None),
            other => panic!("{other}"),
        };
        match shape {
            Some('o') => out.push(pick(0xF4, 0xD4)),
            Some('u') => out.push(pick(0xF6, 0xD6)),
            Some('d') => out.push(pick(0xF1, 0xD1)),
            _ => out.push(if upper {
                ascii.to_ascii_uppercase()
            } else {
                ascii
            } as u8),
        }
        let mark = match (shape, tone) {
            (Some('^'), None) => Some(pick(0xE2, 0xC2)),
            (Some('^'), Some(t)) => Some(
                [
                    pick(0xE0, 0xC0),
                    pick(0xE5, 0xC5),
                    pick(0xE3, 0xC3),
                    pick(0xE1, 0xC1),
                    pick(0xE4, 0xC4),
                ][t],
            ),
            (Some('˘'), None) => Some(pick(0xEA, 0xCA)),
            (Some('˘'), Some(t)) => Some(
                [
                    pick(0xE8, 0xC8),
                    pick(0xFA, 0xDA),
                    pick(0xFC, 0xDC),
                    pick(0xE9, 0xC9),
                    pick(0xEB, 0xCB),
                ][t],
            ),
            (_, Some(4)) if base == 'y' => Some(pick(0xEE, 0xCE)),
            (_, Some(t)) => Some(
                [
                    pick(0xF8, 0xD8),
                    pick(0xFB, 0xDB),
                    pick(0xF5, 0xD5),
                    pick(0xF9, 0xD9),
                    pick(0xEF, 0xCF),
                ][t],
            ),
            (_, None) => None,
        };
        out.extend(mark);
    }
    out
}

/// Test-side Windows-1258 encoder: precomposed letter without its tone
/// (found through encoding_rs's decoding of every byte) + tone byte.
fn cp1258_encode(s: &str) -> Vec<u8> {
    let byte_of = |c: char| -> u8 {
        (0u8..=255)
            .find(|&b| {
                encoding_rs::WINDOWS_1258
                    .decode_without_bom_handling(&[b])
                    .0
                    .starts_with(c)
            })
            .unwrap_or_else(|| panic!("{c} not in Windows-1258"))
    };
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let (base, tone) = split_tone(&c.to_string());
        out.push(byte_of(base));
        if let Some(t) = tone {
            out.push(byte_of(
                ['\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}'][t],
            ));
        }
    }
    out
}

fn all_vietnamese_letters() -> Vec<String> {
    let mut v = Vec::new();
    for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
        v.push(base.to_string());
        for tone in ['\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}'] {
            v.push(format!("{base}{tone}").nfc().collect());
        }
    }
    v.push("đ".into());
    v
}

#[test]
fn every_vietnamese_letter_round_trips_through_tcvn3_vni_and_windows_1258() {
    for l in all_vietnamese_letters() {
        let word = format!("x{l}x");
        assert_eq!(
            decode_with(&tcvn3_encode(&word), Encoding::Tcvn3),
            word,
            "TCVN3 {l}"
        );
        assert_eq!(
            decode_with(&vni_encode(&word), Encoding::Vni),
            word,
            "VNI {l}"
        );
        assert_eq!(
            decode_with(&cp1258_encode(&word), Encoding::Windows1258),
            word,
            "1258 {l}"
        );
        let upper = l.to_uppercase();
        let word = format!("X{upper}X");
        assert_eq!(
            decode_with(&vni_encode(&word), Encoding::Vni),
            word,
            "VNI {upper}"
        );
        assert_eq!(
            decode_with(&cp1258_encode(&word), Encoding::Windows1258),
            word,
            "1258 {upper}"
        );
    }
    // TCVN3's capitals without a tone mark.
    for c in ["Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"] {
        assert_eq!(decode_with(&tcvn3_encode(c), Encoding::Tcvn3), c);
    }
    assert_eq!(tcvn3_char(b'A'), 'A');
}

#[test]
fn tcvn3_capitals_come_back_as_capitals() {
    // Capitals with a tone mark are written with the lowercase codes.
    let bytes = tcvn3_encode("PHƯỜNG HÀNG BỒ, Phường Hàng Bồ");
    assert_eq!(
        decode_with(&bytes, Encoding::Tcvn3),
        "PHƯỜNG HÀNG BỒ, Phường Hàng Bồ"
    );
}

#[test]
fn xlsx_hidden_sheets_are_not_offered_nor_read_by_default() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let hidden = wb.add_worksheet();
    hidden.set_name("tra cứu").unwrap();
    hidden.write_string(0, 0, "lookup").unwrap();
    hidden.set_hidden(true);
    let ws = wb.add_worksheet();
    ws.set_name("Số liệu").unwrap();
    ws.write_string(0, 0, "Mã").unwrap();
    ws.write_string(0, 1, "Tỷ lệ").unwrap();
    ws.set_active(true);
    let bytes = wb.save_to_buffer().unwrap();
    let (names, sheet) = read_xlsx(&bytes, None).unwrap();
    assert_eq!(names, ["Số liệu"]);
    assert_eq!(sheet.headers, ["Mã", "Tỷ lệ"]);
    let (_, sheet) = read_xlsx(&bytes, Some("tra cứu")).unwrap();
    assert_eq!(sheet.headers, ["lookup"]);
}

#[test]
fn every_ward_and_district_name_round_trips_and_is_detected_whole_file() {
    let reg = registry();
    let mut csv = String::from("ma_phuong,ten_phuong,quan\r\n");
    for w in &reg.wards {
        let district = &reg.district(&w.district).expect("district").name;
        csv.push_str(&format!("{},Phường {},{district}\r\n", w.code, w.name));
        for name in [&w.name, district] {
            // TCVN3 has no toned capitals: compare in lower case.
            let lower = name.to_lowercase();
            assert_eq!(decode_with(&tcvn3_encode(&lower), Encoding::Tcvn3), lower);
            assert_eq!(decode_with(&vni_encode(name), Encoding::Vni), *name);
            assert_eq!(
                decode_with(&cp1258_encode(name), Encoding::Windows1258),
                *name
            );
        }
    }
    for (bytes, enc) in [
        (tcvn3_encode(&csv.to_lowercase()), Encoding::Tcvn3),
        (vni_encode(&csv), Encoding::Vni),
        (cp1258_encode(&csv), Encoding::Windows1258),
    ] {
        let d = decode(&bytes);
        assert_eq!(d.encoding, enc);
        let expected = if enc == Encoding::Tcvn3 {
            csv.to_lowercase()
        } else {
            csv.clone()
        };
        assert_eq!(d.text, expected);
    }
    // One ward a line is enough to tell them apart too.
    for w in &reg.wards {
        let line = format!("Phường {}\r\n", w.name);
        for (bytes, enc) in [
            (tcvn3_encode(&line.to_lowercase()), Encoding::Tcvn3),
            (vni_encode(&line), Encoding::Vni),
            (cp1258_encode(&line), Encoding::Windows1258),
        ] {
            if std::str::from_utf8(&bytes).is_ok() {
                continue; // ASCII-only name
            }
            assert_eq!(decode(&bytes).encoding, enc, "{line}");
        }
    }
}

#[test]
fn tcvn3_vni_utf8_and_1258_mojibake_of_every_ward_name_is_diagnosed() {
    let as_cp1252 = |bytes: &[u8]| -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    };
    for w in &registry().wards {
        let name = format!("Phường {}", w.name);
        let lower = name.to_lowercase();
        let cases = [
            (
                as_cp1252(&tcvn3_encode(&lower)),
                MojibakeKind::Tcvn3,
                lower.clone(),
            ),
            (
                as_cp1252(&vni_encode(&name)),
                MojibakeKind::Vni,
                name.clone(),
            ),
            (
                as_cp1252(name.as_bytes()),
                MojibakeKind::Utf8AsCp1252,
                name.clone(),
            ),
            (
                as_cp1252(&cp1258_encode(&name)),
                MojibakeKind::Windows1258AsCp1252,
                name.clone(),
            ),
        ];
        for (garbled, kind, expected) in cases {
            let m = diagnose_mojibake(&garbled).unwrap_or_else(|| panic!("{garbled} ({name})"));
            assert_eq!(
                (m.kind, m.converted.as_str()),
                (kind, expected.as_str()),
                "{garbled}"
            );
        }
    }
}

// ------------------------------------------------------------- delimited

#[test]
fn delimiters_are_sniffed_with_quotes_respected() {
    let (s, d) = read_delimited("a;b;c\n1,5;\"x;y\";3\n").unwrap();
    assert_eq!(d, Delimiter::Semicolon);
    assert_eq!(
        s.rows[0],
        [
            Cell::Text("1,5".into()),
            Cell::Text("x;y".into()),
            Cell::Text("3".into())
        ]
    );
    let (s, d) = read_delimited("name,value\n\"Hàng Bồ, Hoàn Kiếm\",\"91,9\"\n").unwrap();
    assert_eq!(d, Delimiter::Comma);
    assert_eq!(text(&s.rows[0][0]), "Hàng Bồ, Hoàn Kiếm");
    // Pasted cells: tab-separated, commas in numbers.
    let (s, d) = read_delimited("Tên\tTỷ lệ\nHàng Bồ\t91,9\nHàng Bạc\t88,2").unwrap();
    assert_eq!(d, Delimiter::Tab);
    assert_eq!(s.rows.len(), 2);
    // One column: no separator at all.
    let (s, _) = read_delimited("ten\nHàng Bồ\n").unwrap();
    assert_eq!(s.headers, ["ten"]);
}

#[test]
fn line_endings_quotes_padding_and_blank_lines() {
    for t in [
        "a,b\r\n1,2\r\n3\r\n\r\n,\r\n",
        "a,b\n1,2\n3\n\n,\n",
        "a,b\r1,2\r3\r\r,\r",
    ] {
        let (s, _) = read_delimited(t).unwrap();
        assert_eq!(s.headers, ["a", "b"]);
        assert_eq!(
            s.rows,
            [
                vec![Cell::Text("1".into()), Cell::Text("2".into())],
                vec![Cell::Text("3".into()), Cell::Empty],
            ],
            "{t:?}"
        );
    }
    let (s, _) = read_delimited("a,b\n\"line\nbreak\",\"say \"\"hi\"\"\"\n").unwrap();
    assert_eq!(
        s.rows[0],
        [
            Cell::Text("line\nbreak".into()),
            Cell::Text("say \"hi\"".into())
        ]
    );
    // BOM glued to the header, headers trimmed and NFC, cells keep spaces.
    let (s, _) = read_delimited("\u{FEFF} Mã phường ,Te\u{0302}\u{0301}n\n 00052 ,x\n").unwrap();
    assert_eq!(s.headers, ["Mã phường", "Tến"]);
    assert_eq!(s.rows[0][0], Cell::Text(" 00052 ".into()));
    // Excel's trailing separators: columns with neither header nor data go.
    let (s, _) = read_delimited("a,b,,\n1,2,,\n").unwrap();
    assert_eq!(s.headers, ["a", "b"]);
    // A row wider than the header keeps its cells under an empty header.
    let (s, _) = read_delimited("a,b\n1,2,3\n").unwrap();
    assert_eq!(s.headers, ["a", "b", ""]);
    assert_eq!(s.rows[0][2], Cell::Text("3".into()));
    // Blank lines before the header.
    let (s, _) = read_delimited("\n\n,,\na,b\n1,2\n").unwrap();
    assert_eq!(s.headers, ["a", "b"]);
}

#[test]
fn title_rows_and_excel_sep_line() {
    let csv = "BẢNG TỔNG HỢP TỶ LỆ HỒ SƠ TRỰC TUYẾN, NĂM 2024\n\nMã;Tên phường;Tỷ lệ\n00052;Hàng Bồ;91,9\n";
    match read(csv.as_bytes(), "t.csv", None).unwrap() {
        Read::Table { sheet, notices, .. } => {
            assert_eq!(sheet.headers, ["Mã", "Tên phường", "Tỷ lệ"]);
            assert_eq!(sheet.rows.len(), 1);
            assert_eq!(notices.len(), 1);
            assert_eq!(notices[0].code, "title-rows-skipped");
            assert!(notices[0].vi.contains("BẢNG TỔNG HỢP"));
        }
        Read::Json(_) => panic!(),
    }
    // A first row with one header over two columns is not a title when
    // the next row holds numbers.
    let (s, _) = read_delimited("ten,\nHàng Bồ,91.9\n").unwrap();
    assert_eq!(s.headers, ["ten", ""]);
    assert_eq!(s.rows.len(), 1);
    // Excel's "sep=" line names the delimiter.
    let (s, d) = read_delimited("sep=;\r\na,b;c\r\n1,5;2\r\n").unwrap();
    assert_eq!(d, Delimiter::Semicolon);
    assert_eq!(s.headers, ["a,b", "c"]);
    // XLSX: a title in A1, the header in row 3.
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Bảng 1. Tỷ lệ").unwrap();
    ws.write_string(2, 0, "Mã").unwrap();
    ws.write_string(2, 1, "Tỷ lệ").unwrap();
    ws.write_number(3, 0, 52).unwrap();
    ws.write_number(3, 1, 91.9).unwrap();
    match read(&wb.save_to_buffer().unwrap(), "t.xlsx", None).unwrap() {
        Read::Table { sheet, notices, .. } => {
            assert_eq!(sheet.headers, ["Mã", "Tỷ lệ"]);
            assert_eq!(
                sheet.rows,
                [vec![
                    Cell::Number {
                        value: 52.0,
                        percent: false
                    },
                    Cell::Number {
                        value: 91.9,
                        percent: false
                    }
                ]]
            );
            assert_eq!(notices[0].code, "title-rows-skipped");
        }
        Read::Json(_) => panic!(),
    }
}

#[test]
fn empty_and_oversized_tables_are_refused_precisely() {
    for t in ["", "\n\n", " , \n", "\u{FEFF}"] {
        assert_eq!(read_delimited(t).unwrap_err().code, "file-empty", "{t:?}");
    }
    let mut many = String::from("a\n");
    for i in 0..=MAX_ROWS {
        many.push_str(&i.to_string());
        many.push('\n');
    }
    let e = read_delimited(&many).unwrap_err();
    assert_eq!(e.code, "too-many-rows");
    assert!(e.vi.contains("100000") && e.en.contains("100000"));
    // Exactly the cap is fine (and blank lines after it do not count).
    let at_cap: String = many
        .lines()
        .take(MAX_ROWS + 1)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        read_delimited(&format!("{at_cap}\n\n"))
            .unwrap()
            .0
            .rows
            .len(),
        MAX_ROWS
    );
    let wide = vec!["h"; MAX_COLUMNS + 1].join(",");
    let e = read_delimited(&wide).unwrap_err();
    assert_eq!(e.code, "too-many-columns");
    assert!(e.en.contains("201 columns"));
    let e = read_delimited(&format!(
        "{}\n{}\n",
        vec!["h"; 100].join(","),
        "1\n".repeat(30_000)
    ))
    .unwrap_err();
    assert_eq!(e.code, "too-many-cells");
}

#[test]
fn read_sniffs_content_not_the_extension() {
    let json = "\u{FEFF}  \n{\"id\": \"x\"}";
    assert_eq!(
        read(json.as_bytes(), "data.csv", None).unwrap(),
        Read::Json(json.trim_start_matches('\u{FEFF}').to_string())
    );
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    let e = read(&ole, "so-lieu.xls", None).unwrap_err();
    assert_eq!(e.code, "format-xls");
    assert!(e.vi.contains("so-lieu.xls") && e.en.contains(".xlsx"));
    assert_eq!(
        read(b"%PDF-1.7 ...", "a.pdf", None).unwrap_err().code,
        "format-pdf"
    );
    assert_eq!(
        read(
            &[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20],
            "x.png",
            None
        )
        .unwrap_err()
        .code,
        "format-binary"
    );
    // An XLSX named .csv is still read as a workbook.
    let (sheets, _) = match read(&simple_workbook(), "named-wrong.csv", None).unwrap() {
        Read::Table {
            sheets, encoding, ..
        } => (sheets, encoding),
        Read::Json(_) => panic!(),
    };
    assert_eq!(sheets, ["Tỷ lệ", "Dân số"]);
}

// ---------------------------------------------------------------- numbers

#[test]
fn number_styles_follow_the_column() {
    let dec_comma = NumberStyle {
        comma: SepRole::Decimal,
        dot: SepRole::Unseen,
        grouped: false,
    };
    assert_eq!(infer_style(&["91,9", "88,25"]), dec_comma);
    assert_eq!(infer_style(&["6.000", "1.234"]).dot, SepRole::Unseen);
    assert!(infer_style(&["6.000", "1.234"]).grouped);
    assert_eq!(infer_style(&["1.234.567"]).dot, SepRole::Thousands);
    let both = infer_style(&["1.234,5"]);
    assert_eq!(
        (both.comma, both.dot),
        (SepRole::Decimal, SepRole::Thousands)
    );
    // A 3-decimal column with one cell that shows it is decimal.
    let s = infer_style(&["1,234", "0,5"]);
    assert_eq!(
        parse_number(&Cell::Text("1,234".into()), s),
        Ok(Some(1.234))
    );
    // Without that cell, the same text is a thousands group.
    let s = infer_style(&["1,234", "2,345"]);
    assert_eq!(
        parse_number(&Cell::Text("1,234".into()), s),
        Ok(Some(1234.0))
    );
    assert_eq!(infer_style(&["0.125"]).dot, SepRole::Decimal);
    assert_eq!(infer_style(&["abc", "", "-"]), NumberStyle::default());
    assert_eq!(NumberStyle::default().notice("x"), None);
}

#[test]
fn numbers_are_read_as_shown() {
    let plain = NumberStyle::default();
    let cases: &[(&str, Option<f64>)] = &[
        ("91.9", Some(91.9)),
        ("91,9", Some(91.9)),
        (" 88,25% ", Some(88.25)),
        ("88.25 %", Some(88.25)),
        ("6 000", Some(6000.0)),
        ("6\u{a0}000,5", Some(6000.5)),
        ("1.234.567", Some(1_234_567.0)),
        ("1,234,567.25", Some(1_234_567.25)),
        ("1.234.567,25", Some(1_234_567.25)),
        ("-3,5", Some(-3.5)),
        ("\u{2212}3.5", Some(-3.5)),
        ("+7", Some(7.0)),
        ("0,5", Some(0.5)),
        (",5", Some(0.5)),
        ("1.5E+03", Some(1500.0)),
        ("", None),
        ("  ", None),
        ("-", None),
        ("–", None),
        ("NA", None),
        ("n/a", None),
        ("#N/A", None),
        ("...", None),
        ("…", None),
        ("..", None),
    ];
    for (t, want) in cases {
        assert_eq!(
            parse_number(&Cell::Text((*t).into()), plain),
            Ok(*want),
            "{t:?}"
        );
    }
    for bad in [
        "abc",
        "12abc",
        "1.2.3,4,5x",
        "NaN",
        "inf",
        "1e999",
        "%",
        "1,",
        "--5",
        "1e",
        "Hàng Bồ",
    ] {
        let e = parse_number(&Cell::Text(bad.into()), plain).unwrap_err();
        assert!(
            e.code == "value-not-a-number" || e.code == "value-not-finite",
            "{bad}: {}",
            e.code
        );
    }
    let e = parse_number(&Cell::Text("abc".into()), plain).unwrap_err();
    assert!(e.vi.contains("“abc” không phải là số") && e.en.contains("“abc” is not a number"));
    // XLSX numbers, percent-formatted ones read as shown.
    assert_eq!(
        parse_number(
            &Cell::Number {
                value: 0.919,
                percent: true
            },
            plain
        ),
        Ok(Some(91.9))
    );
    assert_eq!(
        parse_number(
            &Cell::Number {
                value: 0.8825,
                percent: true
            },
            plain
        ),
        Ok(Some(88.25))
    );
    assert_eq!(
        parse_number(
            &Cell::Number {
                value: 91.9,
                percent: false
            },
            plain
        ),
        Ok(Some(91.9))
    );
    assert_eq!(parse_number(&Cell::Empty, plain), Ok(None));
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            parse_number(
                &Cell::Number {
                    value: v,
                    percent: false
                },
                plain
            )
            .unwrap_err()
            .code,
            "value-not-finite"
        );
    }
}

#[test]
fn codes_get_their_zeros_back() {
    let t = |s: &str| normalize_code(&Cell::Text(s.into()));
    let code = |s: &str| CodeRead::Code(s.into());
    assert_eq!(t("52"), code("00052"));
    assert_eq!(t("52.0"), code("00052"));
    assert_eq!(t("52,00"), code("00052"));
    assert_eq!(t("0049"), code("00049"));
    assert_eq!(t(" 00052 "), code("00052"));
    assert_eq!(t("'00052"), code("00052"));
    assert_eq!(t("=\"00052\""), code("00052"));
    assert_eq!(t("000052"), code("00052"));
    assert_eq!(t("1010531"), CodeRead::UnknownScheme("1010531".into()));
    assert_eq!(t("123456"), CodeRead::UnknownScheme("123456".into()));
    assert_eq!(t(""), CodeRead::Empty);
    assert_eq!(t("0"), CodeRead::NotACode("0".into()));
    assert_eq!(t("52.5"), CodeRead::NotACode("52.5".into()));
    assert_eq!(t("Hàng Bồ"), CodeRead::NotACode("Hàng Bồ".into()));
    let n = |v: f64| {
        normalize_code(&Cell::Number {
            value: v,
            percent: false,
        })
    };
    assert_eq!(n(52.0), code("00052"));
    assert_eq!(n(1010531.0), CodeRead::UnknownScheme("1010531".into()));
    assert_eq!(n(52.5), CodeRead::NotACode("52.5".into()));
    assert_eq!(n(f64::NAN), CodeRead::NotACode("NaN".into()));
    assert_eq!(normalize_code(&Cell::Empty), CodeRead::Empty);
}

#[test]
fn row_number_columns_are_recognised() {
    let cells = |v: &[&str]| -> Vec<Cell> {
        v.iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text((*s).into())
                }
            })
            .collect()
    };
    let yes = |v: &[&str]| looks_like_row_numbers(&cells(v).iter().collect::<Vec<_>>());
    assert!(yes(&["1", "2", "3"]));
    assert!(yes(&["0", "1"]));
    assert!(yes(&["1", "2", "", "3.0"]));
    assert!(!yes(&["1"]));
    assert!(!yes(&["1", "3"]));
    assert!(!yes(&["52", "53", "54"]));
    assert!(!yes(&["1", "2", "x"]));
    assert!(!yes(&["00001", "00004", "00006"]));
    let nums: Vec<Cell> = (1..=5)
        .map(|i| Cell::Number {
            value: f64::from(i),
            percent: false,
        })
        .collect();
    assert!(looks_like_row_numbers(&nums.iter().collect::<Vec<_>>()));
}

// ------------------------------------------------------------------- XLSX

/// A workbook written by rust_xlsxwriter: sheet "Tỷ lệ" with codes as
/// numbers, names (one decomposed), a percent column (custom "0.0%"), a
/// built-in "0%" column, a boolean and text with XML specials; sheet
/// "Dân số" with a plain number column.
fn simple_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let pct = Format::new().set_num_format("0.0%");
    let pct0 = Format::new().set_num_format("0%");
    let ws = wb.add_worksheet();
    ws.set_name("Tỷ lệ").unwrap();
    for (c, h) in [
        "Mã phường",
        "Tên phường",
        "Tỷ lệ",
        "Đạt",
        "Ghi chú",
        "Làm tròn",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_number(1, 0, 52).unwrap();
    ws.write_string(1, 1, "Phường Hàng Bồ").unwrap();
    ws.write_number_with_format(1, 2, 0.919, &pct).unwrap();
    ws.write_boolean(1, 3, true).unwrap();
    ws.write_string(1, 4, "A & B <ok> \"q\"").unwrap();
    ws.write_number_with_format(1, 5, 0.88, &pct0).unwrap();
    ws.write_number(2, 0, 172).unwrap();
    ws.write_string(2, 1, "Phu\u{031b}o\u{031b}\u{0300}ng Yên Hoa\u{0300}")
        .unwrap();
    ws.write_number_with_format(2, 2, 0.8825, &pct).unwrap();
    ws.write_boolean(2, 3, false).unwrap();
    // Row 4 left empty, row 5 has a value: the gap stays an empty row.
    ws.write_number(4, 0, 112).unwrap();
    let ws2 = wb.add_worksheet();
    ws2.set_name("Dân số").unwrap();
    ws2.write_string(0, 0, "ma").unwrap();
    ws2.write_string(0, 1, "dan_so").unwrap();
    ws2.write_number(1, 0, 52).unwrap();
    ws2.write_number(1, 1, 6000).unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_first_sheet_with_percent_cells_read_as_shown() {
    let (names, sheet) = read_xlsx(&simple_workbook(), None).unwrap();
    assert_eq!(names, ["Tỷ lệ", "Dân số"]);
    assert_eq!(
        sheet.headers,
        [
            "Mã phường",
            "Tên phường",
            "Tỷ lệ",
            "Đạt",
            "Ghi chú",
            "Làm tròn"
        ]
    );
    assert_eq!(sheet.rows.len(), 4);
    let r = &sheet.rows;
    assert_eq!(
        r[0][0],
        Cell::Number {
            value: 52.0,
            percent: false
        }
    );
    assert_eq!(normalize_code(&r[0][0]), CodeRead::Code("00052".into()));
    assert_eq!(r[0][1], Cell::Text("Phường Hàng Bồ".into()));
    assert_eq!(
        r[0][2],
        Cell::Number {
            value: 0.919,
            percent: true
        }
    );
    assert_eq!(r[0][3], Cell::Text("TRUE".into()));
    assert_eq!(r[0][4], Cell::Text("A & B <ok> \"q\"".into()));
    assert_eq!(
        r[0][5],
        Cell::Number {
            value: 0.88,
            percent: true
        }
    );
    assert_eq!(r[1][1], Cell::Text("Phường Yên Hoà".into()));
    assert_eq!(r[1][3], Cell::Text("FALSE".into()));
    assert_eq!(r[1][5], Cell::Empty);
    assert!(r[2].iter().all(|c| *c == Cell::Empty));
    assert_eq!(
        r[3][0],
        Cell::Number {
            value: 112.0,
            percent: false
        }
    );
    let style = infer_column_style(&sheet, 2);
    let values: Vec<Option<f64>> = r
        .iter()
        .map(|row| parse_number(&row[2], style).unwrap())
        .collect();
    assert_eq!(values, [Some(91.9), Some(88.25), None, None]);
    assert_eq!(parse_number(&r[0][5], style), Ok(Some(88.0)));
}

#[test]
fn xlsx_named_sheet_and_unknown_sheet() {
    let wb = simple_workbook();
    let (_, sheet) = read_xlsx(&wb, Some("Dân số")).unwrap();
    assert_eq!(sheet.headers, ["ma", "dan_so"]);
    assert_eq!(
        sheet.rows,
        [vec![
            Cell::Number {
                value: 52.0,
                percent: false
            },
            Cell::Number {
                value: 6000.0,
                percent: false
            }
        ]]
    );
    let e = read_xlsx(&wb, Some("2024")).unwrap_err();
    assert_eq!(e.code, "xlsx-sheet-not-found");
    assert!(e.vi.contains("“Tỷ lệ”, “Dân số”") && e.en.contains("“2024”"));
    match read(&wb, "x.xlsx", Some("Dân số")).unwrap() {
        Read::Table {
            sheet,
            encoding,
            sheets,
            notices,
        } => {
            assert_eq!(encoding, "XLSX");
            assert_eq!(sheets.len(), 2);
            assert!(notices.is_empty());
            assert_eq!(sheet.headers, ["ma", "dan_so"]);
        }
        Read::Json(_) => panic!(),
    }
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A deflate stream (RFC 1951, one fixed-Huffman block) of about `n`
/// spaces: one literal, then back-references of 258 bytes at distance 1.
/// Built by hand so the test need not compress 51 MB. Returns the stream
/// and the exact size it inflates to.
fn spaces_deflated(n: u32) -> (Vec<u8>, u32) {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, n: u32) {
            self.acc |= u64::from(value) << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes are sent most significant bit first.
        fn code(&mut self, code: u32, n: u32) {
            let rev = code.reverse_bits() >> (32 - n);
            self.put(rev, n);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30 + u32::from(b' '), 8); // literal ' '
    let matches = (n - 1) / 258;
    for _ in 0..matches {
        b.code(0b1100_0101, 8); // length 258 (code 285)
        b.code(0, 5); // distance 1 (code 0)
    }
    b.code(0, 7); // end of block (256)
    b.put(0, 7); // flush
    (b.out, 1 + matches * 258)
}

/// A ZIP archive of one deflated entry, written byte by byte so the
/// declared sizes can lie (CRC left 0: never reached when refused).
fn zip_raw(name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let le16 = |v: u16| v.to_le_bytes();
    let le32 = |v: u32| v.to_le_bytes();
    let csize = deflated.len() as u32;
    let mut z = Vec::new();
    z.extend(le32(0x0403_4b50));
    for v in [20u16, 0, 8, 0, 0] {
        z.extend(le16(v));
    }
    z.extend(le32(0));
    z.extend(le32(csize));
    z.extend(le32(declared));
    z.extend(le16(name.len() as u16));
    z.extend(le16(0));
    z.extend(name.as_bytes());
    z.extend(deflated);
    let cd_offset = z.len() as u32;
    z.extend(le32(0x0201_4b50));
    for v in [20u16, 20, 0, 8, 0, 0] {
        z.extend(le16(v));
    }
    z.extend(le32(0));
    z.extend(le32(csize));
    z.extend(le32(declared));
    for v in [name.len() as u16, 0, 0, 0, 0] {
        z.extend(le16(v));
    }
    z.extend(le32(0));
    z.extend(le32(0));
    z.extend(name.as_bytes());
    let cd_size = z.len() as u32 - cd_offset;
    z.extend(le32(0x0605_4b50));
    for v in [0u16, 0, 1, 1] {
        z.extend(le16(v));
    }
    z.extend(le32(cd_size));
    z.extend(le32(cd_offset));
    z.extend(le16(0));
    z
}

#[test]
fn hand_made_deflate_and_zip_are_valid() {
    // The bomb's builders, proven on a small size through the zip crate.
    let (deflated, size) = spaces_deflated(1000);
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip_raw("a.txt", &deflated, size))).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut out).ok();
    assert_eq!(out.len(), size as usize);
    assert!(out.iter().all(|&b| b == b' '));
}

const WORKBOOK: &str = r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S&amp;1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

#[test]
fn xlsx_rich_inline_escaped_strings_and_custom_formats() {
    // No package relationships part: the default workbook path is used.
    let sst = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>ten</t></si><si><r><t>Hàng </t></r><r><rPr/><t>Bồ</t></r><rPh><t>ignored</t></rPh></si><si><t>a_x000D_b &amp; &#233;</t></si><si/></sst>"#;
    let styles = r##"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="3"><numFmt numFmtId="164" formatCode="0.0&quot;%&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00\%"/><numFmt numFmtId="166" formatCode="[Red]0.0%;[Blue]-0.0%"/></numFmts><cellStyleXfs count="1"><xf numFmtId="9"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs></styleSheet>"##;
    let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
      <row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>gia_tri</t></is></c><c r="C2"><v>2022</v></c></row>
      <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" s="1"><v>0.5</v></c><c r="C3" s="2"><v>7</v></c><c r="D3" s="3"><v>8</v></c><c r="E3" s="4"><v>0.25</v></c><c r="Z3" s="1"/></row>
      <row r="4"><c r="A4" t="s"><v>2</v></c><c r="B4" t="e"><v>#DIV/0!</v></c><c r="C4" t="str"><f>A1</f><v>x</v></c><c r="D4" t="s"><v>3</v></c><c r="E4" t="s"><v>99</v></c></row>
      <row><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c><v>1e400</v></c></row>
    </sheetData></worksheet>"#;
    let bytes = zip_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    let (names, s) = read_xlsx(&bytes, None).unwrap();
    assert_eq!(names, ["S&1"]);
    // The first row with a value is the header; numbers in it as shown.
    assert_eq!(s.headers, ["ten", "gia_tri", "2022", "", ""]);
    let pct = |v: f64| Cell::Number {
        value: v,
        percent: true,
    };
    let num = |v: f64| Cell::Number {
        value: v,
        percent: false,
    };
    assert_eq!(
        s.rows[0],
        [
            Cell::Text("Hàng Bồ".into()),
            pct(0.5),
            num(7.0),
            num(8.0),
            pct(0.25)
        ]
    );
    assert_eq!(
        s.rows[1],
        [
            Cell::Text("a\rb & é".into()),
            Cell::Text("#DIV/0!".into()),
            Cell::Text("x".into()),
            Cell::Empty,
            Cell::Empty
        ]
    );
    // A number too large for f64 is kept as its text (and refused as a value later).
    assert_eq!(
        s.rows[2][..2],
        [Cell::Text("inline".into()), Cell::Text("1e400".into())]
    );
    assert!(parse_number(&s.rows[2][1], NumberStyle::default()).is_err());
}

#[test]
fn xlsx_zip_bombs_corrupt_files_and_huge_sheets_are_refused() {
    // 51 MB of spaces as a 330 KB deflate stream, declared honestly, and
    // declared as 100 bytes (the lie a real bomb tells).
    let (deflated, size) = spaces_deflated(51 * 1024 * 1024);
    assert!(deflated.len() < 400_000, "compressed {}", deflated.len());
    for declared in [size, 100] {
        let bomb = zip_raw("xl/workbook.xml", &deflated, declared);
        let e = read_xlsx(&bomb, None).unwrap_err();
        assert_eq!(e.code, "xlsx-too-large", "declared {declared}");
        assert!(e.vi.contains("50 MB") && e.en.contains("50 MB"));
    }

    assert_eq!(
        read_xlsx(b"PK\x03\x04garbage", None).unwrap_err().code,
        "xlsx-corrupt"
    );
    let no_workbook = zip_of(&[("hello.txt", b"hi")]);
    assert_eq!(
        read_xlsx(&no_workbook, None).unwrap_err().code,
        "xlsx-corrupt"
    );
    let no_sheets = zip_of(&[("xl/workbook.xml", b"<workbook><sheets/></workbook>")]);
    assert_eq!(
        read_xlsx(&no_sheets, None).unwrap_err().code,
        "xlsx-no-sheet"
    );
    let bad_xml = zip_of(&[(
        "xl/workbook.xml",
        b"<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"></sheets>",
    )]);
    assert!(read_xlsx(&bad_xml, None).is_err());

    let far = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="HZ1"><v>2</v></c></row></sheetData></worksheet>"#;
    let wide = zip_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", far.as_bytes()),
    ]);
    assert_eq!(read_xlsx(&wide, None).unwrap_err().code, "too-many-columns");
    let deep = r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row></sheetData></worksheet>"#;
    let long = zip_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", deep.as_bytes()),
    ]);
    assert_eq!(read_xlsx(&long, None).unwrap_err().code, "too-many-rows");
    // Row numbers at the very end of usize do not overflow.
    let last = r#"<worksheet><sheetData><row r="18446744073709551615"/><row/><row><c><v>1</v></c></row></sheetData></worksheet>"#;
    let last = zip_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", last.as_bytes()),
    ]);
    assert_eq!(read_xlsx(&last, None).unwrap_err().code, "too-many-rows");
    let empty =
        r#"<worksheet><sheetData><row r="1"><c r="A1" s="1"/></row></sheetData></worksheet>"#;
    let blank = zip_of(&[
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", empty.as_bytes()),
    ]);
    assert_eq!(read_xlsx(&blank, None).unwrap_err().code, "file-empty");
}

// ----------------------------------------------------------- never panics

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_and_gives_nfc(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let d = decode(&bytes);
        let nfc: String = d.text.nfc().collect();
        prop_assert_eq!(nfc, d.text.clone());
        let _ = read(&bytes, "x", None);
        let _ = read(&bytes, "x", Some("Sheet1"));
    }

    #[test]
    fn fast_nfc_equals_full_nfc(s in "[aeouyAEOUY0-9 ,;.\"<=>\t\nàâơư\u{0300}\u{0301}\u{0302}\u{0303}\u{0309}\u{0323}\u{031B}\u{0338}\u{1100}\u{1161}]{0,40}") {
        let full: String = s.nfc().collect();
        prop_assert_eq!(ward_domain::import::decode::nfc(&s).into_owned(), full);
    }

    #[test]
    fn legacy_decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        for enc in [Encoding::Windows1258, Encoding::Tcvn3, Encoding::Vni, Encoding::Utf16Le, Encoding::Utf16Be, Encoding::Utf8] {
            let _ = decode_with(&bytes, enc);
        }
    }

    #[test]
    fn read_delimited_never_panics(s in "[a-zA-ZàờĐ0-9 ,;\t\"\r\n\u{FEFF}\u{0300}]{0,300}") {
        if let Ok((sheet, _)) = read_delimited(&s) {
            prop_assert!(sheet.rows.iter().all(|r| r.len() == sheet.headers.len()));
        }
    }

    #[test]
    fn read_xlsx_never_panics(tail in proptest::collection::vec(any::<u8>(), 0..400)) {
        let bytes = [b"PK\x03\x04".as_slice(), &tail].concat();
        let _ = read_xlsx(&bytes, None);
        let _ = read_xlsx(&tail, Some("x"));
    }

    #[test]
    fn read_xlsx_never_panics_on_damaged_workbooks(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let mut bytes = simple_workbook_cached().to_vec();
        for (i, b) in flips {
            let n = bytes.len();
            bytes[i % n] = b;
        }
        let _ = read_xlsx(&bytes, None);
    }

    #[test]
    fn numbers_and_cells_never_panic(s in "\\PC{0,40}", v in any::<f64>(), p in any::<bool>()) {
        let style = infer_style(&[s.as_str()]);
        let _ = parse_number(&Cell::Text(s.clone()), style);
        let _ = parse_number(&Cell::Number { value: v, percent: p }, style);
        let _ = normalize_code(&Cell::Text(s.clone()));
        let _ = normalize_code(&Cell::Number { value: v, percent: p });
        let _ = diagnose_mojibake(&s);
        let _ = lost_letters(&s);
        let cells = [Cell::Text(s.clone()), Cell::Number { value: v, percent: p }];
        let _ = looks_like_row_numbers(&cells.iter().collect::<Vec<_>>());
    }

    #[test]
    fn numbers_round_trip_in_both_styles(int in 0u64..10_000_000, frac in 0u32..100) {
        let v = int as f64 + f64::from(frac) / 100.0;
        let dot = format!("{int}.{frac:02}");
        let comma = format!("{int},{frac:02}");
        for t in [dot, comma] {
            let style = infer_style(&[t.as_str()]);
            let got = parse_number(&Cell::Text(t.clone()), style).unwrap().unwrap();
            prop_assert!((got - v).abs() < 1e-9, "{} → {}", t, got);
        }
    }
}

fn simple_workbook_cached() -> &'static [u8] {
    static WB: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    WB.get_or_init(simple_workbook)
}

/// Prints how long reading a 10,000-row CSV takes (UTF-8, and the slower
/// Windows-1258 path with detection and composition), and an XLSX of the
/// same rows. A figure, not an assertion: run it in release with
/// `cargo test --release -p ward-domain --features import --test import_reading -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn benchmark_reading_10000_rows() {
    let reg = registry();
    let mut csv = String::from("STT,Mã phường,Tên phường,Quận,Tỷ lệ (%),Dân số\r\n");
    for i in 0..10_000 {
        let w = &reg.wards[i % reg.wards.len()];
        let d = &reg.district(&w.district).unwrap().name;
        csv.push_str(&format!(
            "{},{},Phường {},{d},\"{},{}\",{}.{:03}\r\n",
            i + 1,
            w.code.trim_start_matches('0'),
            w.name,
            50 + i % 50,
            i % 10,
            10 + i % 90,
            i % 1000
        ));
    }
    let utf8 = csv.as_bytes().to_vec();
    let cp1258 = cp1258_encode(&csv);
    let xlsx = {
        use rust_xlsxwriter::Workbook;
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in csv.lines().enumerate() {
            let (sheet, _) = read_delimited(line).unwrap();
            for (c, h) in sheet.headers.iter().enumerate() {
                match h.parse::<f64>() {
                    Ok(v) if r > 0 => ws.write_number(r as u32, c as u16, v).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, h).unwrap(),
                };
            }
        }
        wb.save_to_buffer().unwrap()
    };
    for (label, bytes) in [
        ("UTF-8 CSV", &utf8),
        ("Windows-1258 CSV", &cp1258),
        ("XLSX", &xlsx),
    ] {
        let runs = 10;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            let r = read(bytes, "bench", None).unwrap();
            let Read::Table { sheet, .. } = r else {
                panic!()
            };
            assert_eq!(sheet.rows.len(), 10_000);
            for col in [4, 5] {
                let style = infer_column_style(&sheet, col);
                for row in &sheet.rows {
                    parse_number(&row[col], style).unwrap();
                }
            }
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
        println!(
            "read + parse numbers, 10,000 rows, {label} ({} KB): {ms:.1} ms",
            bytes.len() / 1024
        );
        if label != "XLSX" {
            let t = std::time::Instant::now();
            let d = decode(bytes);
            let decode_ms = t.elapsed().as_secs_f64() * 1000.0;
            let t = std::time::Instant::now();
            let (sheet, _) = read_delimited(&d.text).unwrap();
            let table_ms = t.elapsed().as_secs_f64() * 1000.0;
            let t = std::time::Instant::now();
            for col in [4, 5] {
                let style = infer_column_style(&sheet, col);
                for row in &sheet.rows {
                    parse_number(&row[col], style).unwrap();
                }
            }
            let numbers_ms = t.elapsed().as_secs_f64() * 1000.0;
            println!("  of which decode {decode_ms:.1} ms, table {table_ms:.1} ms, numbers {numbers_ms:.1} ms");
        }
    }
}
