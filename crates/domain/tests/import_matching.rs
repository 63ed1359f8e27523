//! Ward matching of the import pipeline: every expectation of the import
//! corpus that is about matching (cases 03, 05, 07, 09 of
//! tests/import-corpus/expected-matches.csv, with the inputs written here as
//! strings), the traps around the syllable "Phương", spelling variants,
//! numbered wards, units outside the 175, duplicates, fixes, wide files, and
//! every ward of the registry matching itself.
#![cfg(feature = "import")]

use ward_domain::import::matching::{Matcher, RowInput, Verdict};
use ward_domain::import::pipeline::run;
use ward_domain::import::{
    Cell, ImportRequest, Mapping, MatchHow, MatchStatus, Origin, RowFix, Sheet,
};
use ward_domain::registry::Registry;

const WARDS: &str = include_str!("../../../public/data/wards.json");

fn registry() -> Registry {
    Registry::parse(WARDS).expect("wards.json")
}

fn by(m: &mut Matcher, code: Option<&str>, name: Option<&str>, district: Option<&str>) -> Verdict {
    m.match_row(RowInput {
        code,
        name,
        district,
    })
}

fn name(m: &mut Matcher, text: &str) -> Verdict {
    by(m, None, Some(text), None)
}

#[track_caller]
fn assert_matched(v: &Verdict, code: &str) {
    assert_eq!(v.status, MatchStatus::Matched, "{v:?}");
    assert_eq!(v.code.as_deref(), Some(code), "{v:?}");
}

#[track_caller]
fn assert_not_matched(v: &Verdict) {
    assert_ne!(v.status, MatchStatus::Matched, "{v:?}");
    assert_eq!(v.code, None, "{v:?}");
}

fn candidate_codes(v: &Verdict) -> Vec<&str> {
    v.candidates.iter().map(|c| c.code.as_str()).collect()
}

// ------------------------------------------------------------- the corpus

/// Case 03: decomposed (NFD), non-canonical mark order, half-composed.
#[test]
fn corpus_case_03_decomposed_names_match_after_nfc() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let rows = [
        // full NFD (macOS)
        (
            "Phu\u{31b}o\u{31b}\u{300}ng Ha\u{300}ng Bo\u{302}\u{300}",
            "00052",
        ),
        // NFD, dot below before circumflex (canonical order)
        (
            "Phu\u{31b}o\u{31b}\u{300}ng Hoa\u{300}ng Lie\u{323}\u{302}t",
            "00337",
        ),
        // circumflex before dot below (non-canonical order)
        ("Phường Phương Lie\u{302}\u{323}t", "00358"),
        // half-composed: ô + combining grave
        ("Phường Đô\u{300}ng Xuân", "00040"),
        ("Phường Yên Hoà", "00172"),
    ];
    for (input, code) in rows {
        let v = name(&mut m, input);
        assert_matched(&v, code);
    }
}

/// Case 05: prefixes, abbreviations, spaces, case, the Phương traps.
#[test]
fn corpus_case_05_prefixes_and_abbreviations_match_exactly_one_ward() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let rows = [
        ("P. Hàng Bồ", "00052"),
        ("P.Hàng Bạc", "00061"),
        ("phuong hang dao", "00049"),
        ("Hang Gai ward", "00064"),
        ("Phường  Cửa Đông ", "00055"),
        ("Hàng Buồm\u{a0}", "00046"),
        ("Hàng\u{200b}Mã", "00043"),
        ("PHƯỜNG HÀNG BÔNG", "00076"),
        ("Phuong Mai", "00232"),
        ("Phường Phương Liên", "00220"),
        ("P. Phương Liệt", "00358"),
        ("phuong phuong canh", "00623"),
        ("Thuy Phuong ward", "00604"),
    ];
    for (input, code) in rows {
        let v = name(&mut m, input);
        assert_matched(&v, code);
    }
}

/// Hàng​Mã with a zero-width space: the space takes no room, so the name
/// reads "HàngMã"; it must still be Hàng Mã and nothing else.
#[test]
fn zero_width_space_between_words() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    assert_matched(&name(&mut m, "Hàng\u{200b}Mã"), "00043");
    assert_matched(&name(&mut m, "Hàng\u{200b} Mã"), "00043");
}

/// Case 07: names shared by several wards, districts in every spelling.
#[test]
fn corpus_case_07_shared_names_need_a_district() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let v = by(&mut m, None, Some("Quang Trung"), None);
    assert_eq!(v.status, MatchStatus::Ambiguous, "{v:?}");
    let mut codes = candidate_codes(&v);
    codes.sort();
    assert_eq!(codes, ["00214", "09550", "09583"]);
    assert!(v.reason.as_ref().unwrap().en.contains("Hà Đông"), "{v:?}");

    let v = by(&mut m, None, Some("Quang Trung"), Some("Hà Đông"));
    assert_matched(&v, "09550");
    assert_eq!(v.how, Some(MatchHow::NameWithDistrict));

    let v = by(&mut m, None, Some("Phường Quang Trung (Sơn Tây)"), None);
    assert_matched(&v, "09583");
    // After commas, as in an address.
    let v = by(
        &mut m,
        None,
        Some("Phường Quang Trung, Quận Hà Đông, Hà Nội"),
        None,
    );
    assert_matched(&v, "09550");
    let v = by(&mut m, None, Some("Hàng Bồ, Hà Nội"), None);
    assert_matched(&v, "00052");
    let v = by(&mut m, None, Some("Quang Trung, Hà Nội"), None);
    assert_eq!(v.status, MatchStatus::Ambiguous, "{v:?}");
    let v = by(&mut m, None, Some("Quang Trung (Sơn Tây)"), Some("Hà Đông"));
    assert_eq!(
        v.reason.as_ref().unwrap().code,
        "district-conflict",
        "{v:?}"
    );
    let v = by(&mut m, None, Some("Quang Trung"), Some("Q. Đống Đa"));
    assert_matched(&v, "00214");
    let v = by(&mut m, None, Some("Minh Khai"), Some("Hai Bà Trưng"));
    assert_matched(&v, "00295");
    let v = by(&mut m, None, Some("Minh Khai"), Some("Bac Tu Liem"));
    assert_matched(&v, "00613");

    // No Minh Khai in Hoàng Mai: never the name alone.
    let v = by(&mut m, None, Some("Minh Khai"), Some("Hoàng Mai"));
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(v.reason.as_ref().unwrap().code, "not-in-district");
    let mut codes = candidate_codes(&v);
    codes.sort();
    assert_eq!(codes, ["00295", "00613"]);
}

#[test]
fn districts_are_read_in_every_spelling() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    for d in [
        "Đống Đa",
        "Quận Đống Đa",
        "Q. Đống Đa",
        "Q.Đống Đa",
        "quan dong da",
        "DONG DA",
        "006",
        "6",
    ] {
        assert_matched(&by(&mut m, None, Some("Quang Trung"), Some(d)), "00214");
    }
    for d in [
        "Sơn Tây",
        "Thị xã Sơn Tây",
        "TX. Sơn Tây",
        "TX Sơn Tây",
        "thi xa son tay",
        "269",
    ] {
        assert_matched(&by(&mut m, None, Some("Quang Trung"), Some(d)), "09583");
    }
    // A district with a unique ward still has to agree.
    let v = by(&mut m, None, Some("Hàng Bồ"), Some("Đống Đa"));
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_matched(
        &by(&mut m, None, Some("Hàng Bồ"), Some("Hoàn Kiếm")),
        "00052",
    );
    // A district that is not recognised is said so, with the candidates.
    let v = by(&mut m, None, Some("Quang Trung"), Some("Quận 13"));
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(v.reason.as_ref().unwrap().code, "district-unknown");
    assert_eq!(v.candidates.len(), 3);
    // A real district outside the pilot: out of scope.
    let v = by(&mut m, None, Some("Quang Trung"), Some("Huyện Phúc Thọ"));
    assert_eq!(v.status, MatchStatus::OutOfScope, "{v:?}");
}

/// Case 09: codes that lost their zeros, a row-number column, another
/// numbering scheme, codes that disagree with the name.
#[test]
fn corpus_case_09_codes_and_names_together() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let v = by(&mut m, Some("52"), Some("Hàng Bồ"), None);
    assert_matched(&v, "00052");
    assert_eq!(v.how, Some(MatchHow::CodeAndName));
    assert_matched(&by(&mut m, Some("61.0"), Some("Hàng Bạc"), None), "00061");
    assert_matched(&by(&mut m, Some("0049"), Some("Hàng Đào"), None), "00049");

    // Another numbering scheme: say so; the name only suggests.
    let v = by(&mut m, Some("1010531"), Some("Cửa Đông"), None);
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(v.reason.as_ref().unwrap().code, "code-unknown-scheme");
    assert_eq!(candidate_codes(&v), ["00055"]);

    // Code 22 is Đội Cấn; the name is Lý Thái Tổ (00058).
    let v = by(&mut m, Some("22"), Some("Lý Thái Tổ"), None);
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    let reason = v.reason.as_ref().unwrap();
    assert_eq!(reason.code, "code-name-conflict");
    assert!(
        reason.en.contains("Đội Cấn") && reason.en.contains("00058"),
        "{reason:?}"
    );

    // Code 70 is Hàng Trống; "Hoàn Kiếm" is a district (and a 2025 ward).
    let v = by(&mut m, Some("70"), Some("Hoàn Kiếm"), None);
    assert_not_matched(&v);
    assert_eq!(v.status, MatchStatus::OutOfScope, "{v:?}");
    let reason = v.reason.as_ref().unwrap();
    assert!(reason.en.contains("Hàng Trống"), "{reason:?}");

    assert_matched(
        &by(&mut m, Some("00013"), Some("Quán Thánh"), None),
        "00013",
    );
}

// ----------------------------------------------------------- name variants

#[test]
fn phuong_is_a_prefix_only_when_it_is_one() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    for (input, code) in [
        ("Phương Mai", "00232"),
        ("phuong mai", "00232"),
        ("Phường Phương Mai", "00232"),
        ("P. Phương Mai", "00232"),
        ("Phương Liên", "00220"),
        ("Phương Liệt", "00358"),
        ("Phương Canh", "00623"),
        ("Phường Phương Canh", "00623"),
        ("phuong phuong canh", "00623"),
        ("PHUONG PHUONG LIET", "00358"),
        ("Thụy Phương", "00604"),
        ("Phường Thụy Phương", "00604"),
        ("Xuân Phương", "00622"),
        ("phuong xuan phuong", "00622"),
        ("Phường Phường Hàng Bồ", "00052"),
        ("P. Phường Hàng Bồ", "00052"),
    ] {
        let v = name(&mut m, input);
        assert_matched(&v, code);
    }
    // "Phường Mai" (the grave tone: the prefix) leaves "Mai", no ward.
    let v = name(&mut m, "Phường Mai");
    assert_not_matched(&v);
    assert!(candidate_codes(&v).contains(&"00232"), "{v:?}");
}

#[test]
fn tone_placement_and_i_y_spellings() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    for (input, code, how) in [
        ("Yên Hoà", "00172", MatchHow::ExactName),
        ("Yên Hòa", "00172", MatchHow::FoldedName),
        ("Trung Hòa", "00175", MatchHow::FoldedName),
        ("Thụy Khuê", "00112", MatchHow::ExactName),
        ("Thuỵ Khuê", "00112", MatchHow::FoldedName),
        ("Mỹ Đình 1", "00625", MatchHow::ExactName),
        ("Mĩ Đình 1", "00625", MatchHow::FoldedName),
        ("Lý Thái Tổ", "00058", MatchHow::ExactName),
        ("Lí Thái Tổ", "00058", MatchHow::FoldedName),
        ("ly thai to", "00058", MatchHow::FoldedName),
        ("li thai to", "00058", MatchHow::FoldedName),
        ("HÀNG BỒ", "00052", MatchHow::ExactName),
    ] {
        let v = name(&mut m, input);
        assert_matched(&v, code);
        assert_eq!(v.how, Some(how), "{input}: {v:?}");
    }
}

#[test]
fn numbered_wards() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let code = |name: &str| {
        reg.wards
            .iter()
            .find(|w| w.name == name)
            .unwrap()
            .code
            .clone()
    };
    let (c1, c2) = (code("Cổ Nhuế 1"), code("Cổ Nhuế 2"));
    let (m1, m2) = (code("Mỹ Đình 1"), code("Mỹ Đình 2"));
    for (input, want) in [
        ("Cổ Nhuế 2", &c2),
        ("Cổ Nhuế II", &c2),
        ("Cổ Nhuế I", &c1),
        ("Phường Cổ Nhuế số 2", &c2),
        ("co nhue 2", &c2),
        ("Cổ Nhuế-2", &c2),
        ("Mỹ Đình2", &m2),
        ("My Dinh I", &m1),
        ("Mĩ Đình II", &m2),
    ] {
        assert_matched(&name(&mut m, input), want);
    }
    // "Cổ Nhuế" alone is neither.
    let v = name(&mut m, "Cổ Nhuế");
    assert_not_matched(&v);
    let mut codes = candidate_codes(&v);
    codes.sort();
    assert!(
        codes.contains(&c1.as_str()) && codes.contains(&c2.as_str()),
        "{v:?}"
    );
}

#[test]
fn out_of_scope_units_are_said_to_be() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    for input in [
        "Hoàn Kiếm",         // a district (and a 2025 ward)
        "Quận Đống Đa",      // a district
        "Xã Đường Lâm",      // a commune of Sơn Tây
        "Thị trấn Văn Điển", // a township of Thanh Trì
        "Xã Minh Khai",      // a commune, though two wards are called Minh Khai
        "Quận Long Biên",    // a district, though a ward is called Long Biên
        "Đông Xuân",         // a commune; the ward is Đồng Xuân
    ] {
        let v = name(&mut m, input);
        assert_eq!(v.status, MatchStatus::OutOfScope, "{input}: {v:?}");
        assert!(v.reason.is_some(), "{input}");
    }
    // A 2025 ward not named after a 2021 ward.
    let units = ward_domain::import::matching::other_units();
    let new_2025 = units
        .iter()
        .find(|u| {
            u.kind == ward_domain::import::matching::OtherKind::Unit2025
                && !reg
                    .wards
                    .iter()
                    .any(|w| ward_domain::fold::fold(&w.name) == ward_domain::fold::fold(&u.name))
                && !units.iter().any(|o| o.kind != u.kind && o.name == u.name)
        })
        .unwrap();
    let v = name(&mut m, &new_2025.full_name);
    assert_eq!(
        v.status,
        MatchStatus::OutOfScope,
        "{}: {v:?}",
        new_2025.full_name
    );
    assert!(v.reason.as_ref().unwrap().en.contains("2025"), "{v:?}");
    assert_eq!(v.reason.as_ref().unwrap().code, "out-of-scope-2025");
    // The ward called Long Biên is still a ward, with a note on the district.
    let v = name(&mut m, "Long Biên");
    assert_eq!(v.status, MatchStatus::Matched, "{v:?}");
    // A code of a commune is out of scope too.
    let commune = units
        .iter()
        .find(|u| u.kind == ward_domain::import::matching::OtherKind::Commune2021)
        .unwrap();
    let v = by(&mut m, Some(&commune.code), None, None);
    assert_eq!(v.status, MatchStatus::OutOfScope, "{v:?}");
}

#[test]
fn unmatched_rows_get_the_three_nearest_names() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let v = name(&mut m, "Hàng Bồo");
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(v.candidates.len(), 3);
    assert_eq!(v.candidates[0].code, "00052", "{v:?}");
    let v = name(&mut m, "Cua Dong");
    assert_matched(&v, "00055");
    // A full stop, quotes, a code in the name column.
    assert_matched(&name(&mut m, "P. Hàng Bồ."), "00052");
    assert_matched(&name(&mut m, "“Hàng Bồ”"), "00052");
    assert_matched(&name(&mut m, "\"Phường Hàng Bồ\""), "00052");
    let v = name(&mut m, "52");
    assert_matched(&v, "00052");
    assert_eq!(v.how, Some(MatchHow::Code));
    let v = name(&mut m, "Phúc Xa Xa");
    assert_eq!(v.candidates[0].name, "Phúc Xá", "{v:?}");
}

#[test]
fn a_code_alone_and_a_misspelt_name_with_its_code() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let v = by(&mut m, Some("52"), None, None);
    assert_matched(&v, "00052");
    assert_eq!(v.how, Some(MatchHow::Code));
    let v = by(&mut m, Some("00052"), Some("Hàng Bồo"), None);
    assert_matched(&v, "00052");
    assert_eq!(v.reason.as_ref().unwrap().code, "name-misspelt");
    // A code of no ward and no unit.
    let v = by(&mut m, Some("99999"), Some("Hàng Bồ"), None);
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(candidate_codes(&v), ["00052"]);
    // A code that disagrees with the district column.
    let v = by(&mut m, Some("52"), None, Some("Đống Đa"));
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
}

#[test]
fn mojibake_and_lost_letters_are_named_not_matched() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    for (input, code_part) in [
        ("Ph\u{ad}êng Hµng Bå", "tcvn3"),
        ("Phöôøng Yeân Hoaø", "vni"),
        ("PhÆ°á»\u{9d}ng Thá»¥y KhuÃª", "utf8"),
    ] {
        let v = name(&mut m, input);
        assert_eq!(v.status, MatchStatus::Unmatched, "{input}: {v:?}");
        let reason = v.reason.as_ref().unwrap();
        assert!(reason.code.contains(code_part), "{input}: {reason:?}");
    }
    let v = name(&mut m, "Ph??ng H?ng B?");
    assert_eq!(v.status, MatchStatus::Unmatched, "{v:?}");
    assert_eq!(v.reason.as_ref().unwrap().code, "lost-letters");
}

#[test]
fn every_ward_matches_itself() {
    let reg = registry();
    let mut m = Matcher::new(&reg);
    let shared = |name: &str| reg.wards.iter().filter(|w| w.name == name).count() > 1;
    let mut matched = [0usize; 6];
    for w in &reg.wards {
        let district = reg.district(&w.district).unwrap();
        let forms = [
            w.name.clone(),
            w.folded.clone(),
            format!("Phường {}", w.name),
            format!("P.{}", w.name),
            format!("P. {}", w.folded.to_uppercase()),
        ];
        for (i, form) in forms.iter().enumerate() {
            let v = name(&mut m, form);
            if shared(&w.name) {
                assert_eq!(v.status, MatchStatus::Ambiguous, "{form}: {v:?}");
                assert!(candidate_codes(&v).contains(&w.code.as_str()));
                let v = by(&mut m, None, Some(form), Some(&district.full_name));
                assert_matched(&v, &w.code);
            } else {
                assert_matched(&v, &w.code);
            }
            matched[i] += 1;
        }
        let short = w.code.trim_start_matches('0');
        let v = by(&mut m, Some(short), Some(&w.name), Some(&district.name));
        assert_matched(&v, &w.code);
        assert_eq!(v.how, Some(MatchHow::CodeAndName));
        matched[5] += 1;
    }
    assert_eq!(matched, [175; 6]);
}

// ------------------------------------------------------ pipeline: rows

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

fn csv(body: &str) -> Vec<u8> {
    body.as_bytes().to_vec()
}

fn request(origin: Origin) -> ImportRequest {
    ImportRequest {
        origin,
        sheet: None,
        mapping: None,
        meta: None,
        fixes: Vec::new(),
        convert_legacy: false,
    }
}

#[test]
fn duplicates_keep_the_first_row() {
    let reg = registry();
    let bytes = csv("ten_phuong,ty_le\nHàng Bồ,80\nPhường Hàng Bồ,81\nhang bo,82\nHàng Bạc,83\n");
    let mut req = request(Origin::File("ty-le-2024.csv".into()));
    req.meta = None;
    let out = run(&bytes, &req, &reg);
    let st: Vec<MatchStatus> = out.report.iter().map(|r| r.status).collect();
    assert_eq!(
        st,
        [
            MatchStatus::Matched,
            MatchStatus::Duplicate,
            MatchStatus::Duplicate,
            MatchStatus::Matched
        ],
        "{:?}",
        out.report
    );
    assert_eq!(out.report[1].code.as_deref(), Some("00052"));
    let json = out.dataset_json.expect("dataset");
    assert!(
        json.contains("\"value\": 80") || json.contains("\"value\":80"),
        "{json}"
    );
    assert!(!json.contains("81"), "{json}");
}

#[test]
fn the_same_ward_in_two_periods_is_no_duplicate() {
    let reg = registry();
    let bytes = csv("ten_phuong,ky,ty_le\nHàng Bồ,2023,80\nHàng Bồ,2024,81\nHàng Bồ,2024,82\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    let st: Vec<MatchStatus> = out.report.iter().map(|r| r.status).collect();
    assert_eq!(
        st,
        [
            MatchStatus::Matched,
            MatchStatus::Matched,
            MatchStatus::Duplicate
        ],
        "{:?}",
        out.report
    );
    assert!(out.fatal.is_empty(), "{:?}", out.fatal);
}

#[test]
fn fixes_place_or_drop_rows() {
    let reg = registry();
    let bytes = csv("ten_phuong,ty_le\nQuang Trung,70\nKhông rõ,71\nHàng Bồ,72\n");
    let mut req = request(Origin::File("x-2024.csv".into()));
    req.fixes = vec![
        RowFix {
            row: 1,
            code: Some("09550".into()),
        },
        RowFix { row: 3, code: None },
    ];
    let out = run(&bytes, &req, &reg);
    assert_eq!(
        out.report[0].status,
        MatchStatus::Matched,
        "{:?}",
        out.report
    );
    assert_eq!(out.report[0].how, Some(MatchHow::Fixed));
    assert_eq!(out.report[0].code.as_deref(), Some("09550"));
    assert_eq!(out.report[1].status, MatchStatus::Unmatched);
    assert_ne!(
        out.report[2].status,
        MatchStatus::Matched,
        "{:?}",
        out.report[2]
    );
    let json = out.dataset_json.expect("dataset");
    assert!(json.contains("09550") && !json.contains("00052"), "{json}");
}

#[test]
fn wide_files_have_one_column_per_period() {
    let reg = registry();
    let bytes = csv("Mã phường,Tên phường,Quý 3/2022,2022-Q4,Q1 2023\n52,Hàng Bồ,80,81,82\n61,Hàng Bạc,70,,72\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    assert!(out.fatal.is_empty(), "{:?}", out.fatal);
    assert_eq!(
        out.mapping
            .wide_periods
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<Vec<_>>(),
        ["2022-Q3", "2022-Q4", "2023-Q1"]
    );
    let json = out.dataset_json.expect("dataset");
    let loaded = ward_domain::dataset::Dataset::parse(&json, &reg).expect("valid");
    let ds = loaded.value;
    assert_eq!(ds.periods, ["2022-Q3", "2022-Q4", "2023-Q1"]);
    assert_eq!(
        ds.observation("00052", "2023-Q1").unwrap().value,
        Some(82.0)
    );
    assert!(ds.observation("00061", "2022-Q4").is_none());
    assert_eq!(ds.values.len(), 5);
}

#[test]
fn a_sheet_built_by_hand_through_a_given_mapping() {
    let reg = registry();
    let sheet = Sheet {
        headers: vec!["a".into(), "b".into()],
        rows: vec![vec![text("Hàng Bồ"), text("91,9")]],
    };
    let _ = sheet;
    let mut req = request(Origin::Paste);
    req.mapping = Some(Mapping {
        name: Some(0),
        value: Some(1),
        ..Mapping::default()
    });
    let out = run(b"a\tb\nH\xc3\xa0ng B\xe1\xbb\x93\t91,9\n", &req, &reg);
    assert_eq!(
        out.report[0].status,
        MatchStatus::Matched,
        "{:?}",
        out.report
    );
}

// ------------------------------------------- pipeline: the corpus files

/// The corpus files end to end through [`run`], as read from disk: every
/// row of expected-matches.csv gets its code, or is not matched where it
/// must not be (a row of "case-01-*.csv" may instead be refused with a clear
/// encoding reason, never given a wrong code). None of the files has a
/// period column: the pipeline asks for the period (fatal `period-needed`),
/// and with the period given, the dataset passes validation.
#[test]
fn corpus_files_end_to_end() {
    let reg = registry();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/import-corpus");
    let expected = std::fs::read_to_string(format!("{dir}/expected-matches.csv")).unwrap();
    let mut checked = 0;
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("case-"))
        .collect();
    names.sort();
    for file in names {
        let bytes = std::fs::read(format!("{dir}/{file}")).unwrap();
        let mut req = request(Origin::File(file.clone()));
        let out = run(&bytes, &req, &reg);
        assert_eq!(
            out.fatal
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>(),
            ["period-needed"],
            "{file}"
        );
        let mut meta = out.meta.clone();
        meta.period = Some("2024".into());
        req.meta = Some(meta);
        let out = run(&bytes, &req, &reg);
        if file.contains("mojibake") {
            // Nothing matches until the user accepts the conversion.
            assert_eq!(out.fatal[0].code, "no-rows-matched", "{file}");
            for r in &out.report {
                assert_eq!(r.status, MatchStatus::Unmatched);
                assert!(
                    r.reason.as_ref().unwrap().code.starts_with("mojibake"),
                    "{r:?}"
                );
            }
            req.convert_legacy = true;
        }
        let out = run(&bytes, &req, &reg);
        assert!(out.fatal.is_empty(), "{file}: {:?}", out.fatal);
        let json = out.dataset_json.as_deref().expect("dataset");
        let ds = ward_domain::dataset::Dataset::parse(json, &reg)
            .expect("valid")
            .value;
        assert_eq!(
            ds.provenance,
            ward_domain::dataset::Provenance::UserSupplied
        );
        assert_eq!(ds.source.name, file);
        println!(
            "{file}: {} [{}]",
            out.encoding,
            out.report
                .iter()
                .map(|r| format!(
                    "{}:{:?}:{}",
                    r.row,
                    r.status,
                    r.code.as_deref().unwrap_or("-")
                ))
                .collect::<Vec<_>>()
                .join(" ")
        );
        // The expectations of this file (a glob "case-01-*.csv" names
        // every case-01 file but the mojibake one, which has its own rows).
        let mut reader = csv::Reader::from_reader(expected.as_bytes());
        for record in reader.records() {
            let fields = record.unwrap();
            let (pattern, row) = (&fields[1], fields[2].parse::<usize>().unwrap());
            let code = &fields[4];
            let applies = pattern == file
                || (pattern == "case-01-*.csv"
                    && file.starts_with("case-01-")
                    && !expected.contains(&format!(",{file},")));
            if !applies {
                continue;
            }
            let r = &out.report[row - 1];
            if fields[5].contains("suggest") {
                assert_ne!(r.status, MatchStatus::Matched, "{file} row {row}: {r:?}");
                assert!(
                    r.candidates.iter().any(|c| c.code == code),
                    "{file} row {row}: {r:?}"
                );
            } else if code.is_empty() || code.contains('|') {
                assert_ne!(r.status, MatchStatus::Matched, "{file} row {row}: {r:?}");
            } else if pattern.contains('*') {
                assert!(
                    r.code.as_deref() == Some(code) && r.status == MatchStatus::Matched
                        || r.status != MatchStatus::Matched && r.reason.is_some(),
                    "{file} row {row}: {r:?}"
                );
            } else {
                assert_eq!(r.status, MatchStatus::Matched, "{file} row {row}: {r:?}");
                assert_eq!(r.code.as_deref(), Some(code), "{file} row {row}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "{checked}");
}

// ----------------------------------------------------- never panics, speed

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            "[0-9]{0,8}(\\.0)?",
            "(P\\.|Phường|phuong|Q\\.|Xã)? ?(Hàng Bồ|Quang Trung|Phương Mai|Cổ Nhuế II|Hoàn Kiếm|x)",
            "[a-zA-Zàáạảãâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ ?()\\-.,%]{0,20}",
            "\\PC{0,12}",
            "(Quý [1-5]/20[0-9]{2}|20[0-9]{2}-Q[0-5]|T1[0-3]/2024|-?[0-9]{1,3}[.,][0-9]{1,3}%?)",
        ]
    }

    fn mapping(cols: usize) -> impl Strategy<Value = Option<Mapping>> {
        let col = move || proptest::option::of(0..cols + 2);
        proptest::option::of(
            (
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                col(),
                proptest::collection::vec((0..cols + 2, "[0-9Q-]{0,8}"), 0..3),
            )
                .prop_map(
                    |(code, name, district, value, numerator, denominator, period, wide)| Mapping {
                        code,
                        name,
                        district,
                        value,
                        numerator,
                        denominator,
                        period,
                        wide_periods: wide,
                    },
                ),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), convert in any::<bool>()) {
            let reg = registry();
            let mut req = request(Origin::Paste);
            req.convert_legacy = convert;
            let out = run(&bytes, &req, &reg);
            if let Some(json) = out.dataset_json {
                prop_assert!(ward_domain::dataset::Dataset::parse(&json, &reg).is_ok());
            }
        }

        #[test]
        fn arbitrary_sheets(
            rows in proptest::collection::vec(proptest::collection::vec(cell(), 1..6), 1..12),
            sep in prop_oneof![Just(','), Just(';'), Just('\t')],
            mapping in mapping(5),
            fixes in proptest::collection::vec((0usize..14, proptest::option::of("[0-9]{1,5}")), 0..3),
            period in proptest::option::of(cell()),
        ) {
            let reg = registry();
            let text: String = rows
                .iter()
                .map(|r| r.iter().map(|c| c.replace(['\n', '\r', '"'], " ")).collect::<Vec<_>>().join(&sep.to_string()))
                .collect::<Vec<_>>()
                .join("\n");
            let mut req = request(Origin::Url("https://example.org/a.csv".into()));
            req.mapping = mapping;
            req.fixes = fixes.into_iter().map(|(row, code)| RowFix { row, code }).collect();
            if let Some(p) = period {
                req.meta = Some(ward_domain::import::Meta {
                    title: String::new(),
                    title_en: None,
                    unit: "%".into(),
                    direction: ward_domain::dataset::Direction::LowerIsBetter,
                    period: Some(p),
                });
            }
            let out = run(text.as_bytes(), &req, &reg);
            if let Some(json) = &out.dataset_json {
                prop_assert!(out.fatal.is_empty());
                prop_assert!(ward_domain::dataset::Dataset::parse(json, &reg).is_ok());
            }
            for r in &out.report {
                prop_assert_eq!(r.code.is_some(), matches!(r.status, MatchStatus::Matched | MatchStatus::Duplicate));
            }
        }
    }
}

/// 10,000 rows read, matched and validated: prints the time (run with
/// `--release -- --nocapture` for the figure; no timing assertion).
#[test]
fn ten_thousand_rows() {
    let reg = registry();
    let mut csv = String::from("STT;Mã phường;Tên phường;Quận;Kỳ;Tỷ lệ (%)\n");
    let forms = ["{}", "Phường {}", "P.{}", "{} ward"];
    for i in 0..10_000usize {
        let w = &reg.wards[i % reg.wards.len()];
        let d = reg.district(&w.district).unwrap();
        let year = 2000 + i / reg.wards.len();
        let name = forms[i % forms.len()].replace("{}", &w.name);
        let code = if i % 3 == 0 {
            w.code.trim_start_matches('0').to_string()
        } else {
            String::new()
        };
        csv.push_str(&format!(
            "{};{};{};{};{};{},{}\n",
            i + 1,
            code,
            name,
            d.name,
            year,
            50 + i % 50,
            i % 10
        ));
    }
    // Time on the CPU too (Linux): the wall clock of a shared machine
    // counts the other processes' turns.
    let on_cpu = || -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    let cpu_start = on_cpu();
    let start = std::time::Instant::now();
    let out = run(
        csv.as_bytes(),
        &request(Origin::File("big.csv".into())),
        &reg,
    );
    let elapsed = start.elapsed();
    if let (Some(a), Some(b)) = (cpu_start, on_cpu()) {
        println!(
            "10,000 rows: pipeline::run on the CPU {:.1} ms",
            (b - a) as f64 / 1e6
        );
    }
    let json = out.dataset_json.as_deref().expect("dataset");
    let ds = ward_domain::dataset::Dataset::parse(json, &reg)
        .expect("valid")
        .value;
    assert_eq!(ds.values.len(), 10_000);
    assert!(
        out.report.iter().all(|r| r.status == MatchStatus::Matched),
        "{:?}",
        out.report.iter().find(|r| r.status != MatchStatus::Matched)
    );
    println!("10,000 rows read, matched, validated (pipeline::run): {elapsed:?}");
    // Where the time goes.
    let t = std::time::Instant::now();
    let read = ward_domain::import::table::read(csv.as_bytes(), "big.csv", None).unwrap();
    let t_read = t.elapsed();
    let ward_domain::import::table::Read::Table { sheet, .. } = read else {
        panic!()
    };
    let t = std::time::Instant::now();
    let mut m = Matcher::new(&reg);
    let t_new = t.elapsed();
    let t = std::time::Instant::now();
    let cell = |c: &Cell| match c {
        Cell::Text(t) => Some(t.clone()),
        _ => None,
    };
    for row in &sheet.rows {
        let (code, name, district) = (cell(&row[1]), cell(&row[2]), cell(&row[3]));
        let _ = by(
            &mut m,
            code.as_deref(),
            name.as_deref(),
            district.as_deref(),
        );
    }
    let t_match = t.elapsed();
    let t = std::time::Instant::now();
    let _ = ward_domain::dataset::Dataset::parse(json, &reg).unwrap();
    let t_parse = t.elapsed();
    println!("read {t_read:?}, matcher {t_new:?}, match {t_match:?}, validate {t_parse:?}");
}

// ------------------------------------------------- pipeline: JSON, meta

#[test]
fn a_dataset_file_is_labelled_user_supplied() {
    let reg = registry();
    let json = r#"{"format": "hanoi-wards/dataset", "version": 1, "id": "x",
      "title": {"vi": "Tỷ lệ", "en": "Rate"}, "description": {"vi": "a", "en": "b"},
      "level": "ward", "unit": {"vi": "%", "en": "%"},
      "number_format": {"style": "percent", "decimals": 1},
      "direction": "lower_is_better", "group": "timeliness", "period_type": "year",
      "periods": ["2024"], "source": {"name": "UBND"}, "licence": {"id": "CC-BY-4.0"},
      "provenance": "official",
      "values": [{"area": "00052", "period": "2024", "value": 91.9}]}"#;
    let out = run(
        json.as_bytes(),
        &request(Origin::Url("https://data.example.org/x.json".into())),
        &reg,
    );
    assert!(out.fatal.is_empty(), "{:?}", out.fatal);
    let ds = ward_domain::dataset::Dataset::parse(out.dataset_json.as_deref().unwrap(), &reg)
        .unwrap()
        .value;
    assert_eq!(
        ds.provenance,
        ward_domain::dataset::Provenance::UserSupplied
    );
    assert_eq!(ds.source.name, "data.example.org");
    assert_eq!(out.meta.title, "Tỷ lệ");
    assert_eq!(
        out.meta.direction,
        ward_domain::dataset::Direction::LowerIsBetter
    );
    // A dataset file with problems: each one is a fatal notice.
    let bad = json.replace("\"00052\"", "\"99999\"");
    let out = run(bad.as_bytes(), &request(Origin::Paste), &reg);
    assert!(out.dataset_json.is_none());
    assert!(
        out.fatal.iter().any(|f| f.en.contains("99999")),
        "{:?}",
        out.fatal
    );
}

#[test]
fn title_unit_and_period_from_the_file() {
    let reg = registry();
    let bytes = csv("Mã phường,Tỷ lệ hồ sơ đúng hạn 2023 (%)\n52,\"91,9\"\n61,88%\n");
    let out = run(&bytes, &request(Origin::File("hoso.csv".into())), &reg);
    assert!(out.fatal.is_empty(), "{:?}", out.fatal);
    assert_eq!(out.meta.title, "Tỷ lệ hồ sơ đúng hạn 2023");
    assert_eq!(out.meta.unit, "%");
    assert!(out.notices.iter().any(|n| n.code == "period-from-text"));
    let ds = ward_domain::dataset::Dataset::parse(out.dataset_json.as_deref().unwrap(), &reg)
        .unwrap()
        .value;
    assert_eq!(ds.periods, ["2023"]);
    assert_eq!(ds.id, "user-ty-le-ho-so-dung-han-2023");
    assert_eq!(ds.observation("00052", "2023").unwrap().value, Some(91.9));
    assert_eq!(ds.observation("00061", "2023").unwrap().value, Some(88.0));
    assert_eq!(
        ds.number_format.style,
        ward_domain::dataset::NumberStyle::Percent
    );
    assert_eq!(ds.source.name, "hoso.csv");

    // No period anywhere: asked for, not invented.
    let bytes = csv("ten_phuong,gia_tri\nHàng Bồ,3\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    assert_eq!(out.fatal[0].code, "period-needed");
    assert!(out.dataset_json.is_none());
    assert_eq!(out.report[0].status, MatchStatus::Matched);
    // A period given as people write it.
    let mut req = request(Origin::Paste);
    let mut meta = out.meta.clone();
    meta.period = Some("Quý 3/2024".into());
    req.meta = Some(meta);
    let out = run(&bytes, &req, &reg);
    let ds = ward_domain::dataset::Dataset::parse(out.dataset_json.as_deref().unwrap(), &reg)
        .unwrap()
        .value;
    assert_eq!(ds.periods, ["2024-Q3"]);
    assert_eq!(ds.source.name, "Dán từ bảng tính / Pasted");
}

#[test]
fn bad_values_and_shares_are_fatal_with_row_and_column() {
    let reg = registry();
    let bytes = csv("ten_phuong,nam,ty_le,tu_so,mau_so\nHàng Bồ,2024,abc,1,2\nHàng Bạc,2024,50,1,2\nHàng Đào,2024,90,1,2\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    assert!(out.dataset_json.is_none());
    let text: Vec<&str> = out.fatal.iter().map(|f| f.en.as_str()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("Row 1") && t.contains("ty_le")),
        "{text:?}"
    );
    let bytes =
        csv("ten_phuong,nam,ty_le,tu_so,mau_so\nHàng Bạc,2024,50,1,2\nHàng Đào,2024,90,1,2\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    let text: Vec<&str> = out.fatal.iter().map(|f| f.en.as_str()).collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("Row 2, column “ty_le”") && t.contains("does not match")),
        "{text:?}"
    );
}

#[test]
fn a_share_from_numerator_and_denominator() {
    let reg = registry();
    let bytes = csv("Tên phường;Năm;Tử số;Mẫu số\nHàng Bồ;2024;22;25\nHàng Bạc;2024;;\n");
    let out = run(&bytes, &request(Origin::Paste), &reg);
    assert!(out.fatal.is_empty(), "{:?}", out.fatal);
    assert_eq!(out.meta.unit, "%");
    let ds = ward_domain::dataset::Dataset::parse(out.dataset_json.as_deref().unwrap(), &reg)
        .unwrap()
        .value;
    let o = ds.observation("00052", "2024").unwrap();
    assert_eq!(
        (o.value, o.numerator, o.denominator),
        (Some(88.0), Some(22.0), Some(25.0))
    );
    assert!(ds.observation("00061", "2024").is_none());
}

#[test]
fn a_file_of_2025_units_is_said_to_be_one() {
    let reg = registry();
    let units = ward_domain::import::matching::other_units();
    let new: Vec<&str> = units
        .iter()
        .filter(|u| {
            u.kind == ward_domain::import::matching::OtherKind::Unit2025
                && !units.iter().any(|o| o.kind != u.kind && o.name == u.name)
                && !reg
                    .wards
                    .iter()
                    .any(|w| ward_domain::fold::fold(&w.name) == ward_domain::fold::fold(&u.name))
        })
        .map(|u| u.full_name.as_str())
        .take(4)
        .collect();
    assert_eq!(new.len(), 4);
    let body = format!(
        "Đơn vị,Năm,Tỷ lệ\nHàng Bồ,2025,1\n{}\n",
        new.iter()
            .map(|n| format!("{n},2025,2"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let out = run(body.as_bytes(), &request(Origin::Paste), &reg);
    assert!(
        out.notices.iter().any(|n| n.code == "units-2025"),
        "{:?}",
        out.notices
    );
    assert_eq!(
        out.report
            .iter()
            .filter(|r| r.status == MatchStatus::OutOfScope)
            .count(),
        4
    );
}
