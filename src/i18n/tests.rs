//! What the compiler cannot check about the catalogue. The structs already
//! make a key missing in either language a compile error; these tests read
//! every text of both languages through serde.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{catalogue, fill, lang_of_query, looks_vietnamese, Lang};

/// Every (key path, text) of one language.
fn texts(lang: Lang) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    walk(&format!("{prefix}.{key}"), v, out);
                }
            }
            Value::String(s) => out.push((prefix.to_string(), s.clone())),
            other => panic!("{prefix}: catalogue values are strings, found {other}"),
        }
    }
    let mut out = Vec::new();
    walk(
        "",
        &serde_json::to_value(catalogue(lang)).unwrap(),
        &mut out,
    );
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        found.insert(rest[start + 1..start + len].to_string());
        rest = &rest[start + len + 1..];
    }
    found
}

#[test]
fn both_languages_have_the_same_keys_and_no_empty_text() {
    let vi = texts(Lang::Vi);
    let en = texts(Lang::En);
    let vi_keys: Vec<_> = vi.iter().map(|(k, _)| k).collect();
    let en_keys: Vec<_> = en.iter().map(|(k, _)| k).collect();
    assert_eq!(vi_keys, en_keys);
    assert!(vi.len() > 100, "only {} texts", vi.len());
    for (key, text) in vi.iter().chain(&en) {
        assert!(!text.trim().is_empty(), "{key} is empty");
    }
}

#[test]
fn placeholders_match_between_languages() {
    for ((key, vi), (_, en)) in texts(Lang::Vi).iter().zip(texts(Lang::En)) {
        assert_eq!(
            placeholders(vi),
            placeholders(&en),
            "{key}: «{vi}» vs «{en}»"
        );
    }
}

#[test]
fn english_catalogue_has_no_vietnamese_left_in_it() {
    let untranslated: Vec<_> = texts(Lang::En)
        .into_iter()
        .filter(|(_, text)| looks_vietnamese(text))
        .collect();
    assert!(untranslated.is_empty(), "{untranslated:#?}");
}

#[test]
fn vietnamese_and_english_differ_except_for_names_and_formats() {
    // Texts that are the same in both languages on purpose.
    const SAME: &[&str] = &["CSV", "JSON", "SVG", "PNG", "PNG (ảnh)", "iframe", "%"];
    let same: Vec<_> = texts(Lang::Vi)
        .into_iter()
        .zip(texts(Lang::En))
        .filter(|((_, vi), (_, en))| vi == en && !SAME.contains(&vi.as_str()))
        .map(|((key, vi), _)| (key, vi))
        .collect();
    assert!(same.is_empty(), "not translated: {same:#?}");
}

#[test]
fn vietnamese_letters_are_recognised() {
    assert!(looks_vietnamese("Phường Hàng Bồ"));
    assert!(looks_vietnamese("UBND THÀNH PHỐ"));
    assert!(looks_vietnamese("Quý"));
    assert!(!looks_vietnamese("Ward ranking, Q3 2021: 91.9%"));
}

#[test]
fn fill_replaces_every_named_placeholder() {
    assert_eq!(
        fill("Hạng {rank}/{n}", &[("rank", &3), ("n", &175)]),
        "Hạng 3/175"
    );
    assert_eq!(fill("{a} {a}", &[("a", &"x")]), "x x");
    let en = &catalogue(Lang::En).common;
    assert_eq!(super::count(1, en.ward, en.wards), "1 ward");
    assert_eq!(super::count(12, en.ward, en.wards), "12 wards");
}

#[test]
fn lang_parameter_is_read_from_a_query() {
    assert_eq!(lang_of_query("v=1&lang=en"), Some(Lang::En));
    assert_eq!(lang_of_query("lang=vi"), Some(Lang::Vi));
    assert_eq!(lang_of_query("lang=fr&x=1"), None);
    assert_eq!(lang_of_query(""), None);
}
