//! Fuzzing by property: no input makes a parser panic. Hostile or mistaken
//! files are normal input; each yields data or problems.
//!
//! Bounded by `PROPTEST_CASES` (scripts/test.sh sets it); the mutations start
//! from valid files so that they reach deep into validation, not just the
//! JSON syntax check.

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use ward_domain::boundaries::Boundaries;
use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::Dataset;
use ward_domain::tiles::TileLayout;
use ward_domain::Registry;

fn read(relative: &str) -> String {
    std::fs::read_to_string(
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/").to_string() + relative,
    )
    .unwrap()
}

fn registry() -> Registry {
    Registry::parse(&read("wards.json")).unwrap()
}

/// A small valid dataset, so that each case is fast.
const SMALL_DATASET: &str = r#"{"format": "hanoi-wards/dataset", "version": 1, "id": "x",
 "title": {"vi": "Ví dụ", "en": "Example"}, "description": {"vi": "Mô tả", "en": "Description"},
 "level": "ward", "unit": {"vi": "%", "en": "%"}, "number_format": {"style": "percent", "decimals": 1},
 "range": {"min": 0, "max": 100},
 "direction": "higher_is_better", "group": "timeliness", "period_type": "quarter",
 "periods": ["2021-Q3", "2021-Q4"], "source": {"name": "Test", "url": "https://example.org/"},
 "licence": {"id": "CC-BY-4.0"}, "provenance": "synthetic",
 "values": [
   {"area": "00001", "period": "2021-Q3", "value": 50.0, "numerator": 5, "denominator": 10},
   {"area": "00004", "period": "2021-Q4", "value": null, "missing": "suppressed", "flag": "provisional",
    "reported_rank": {"rank": 1, "of": 2}, "derived": true, "note": {"vi": "a", "en": "b"}}
 ]}"#;

const SMALL_BOUNDARIES: &str = r#"{"type": "FeatureCollection", "features": [{"type": "Feature",
 "properties": {"code": "00001"}, "geometry": {"type": "MultiPolygon", "coordinates":
 [[[[105.84,21.04],[105.85,21.04],[105.85,21.05],[105.84,21.04]]]]}}]}"#;

/// Replaces `text[start..start+len]` (clamped to char boundaries) by `insert`.
fn mutate(text: &str, start: usize, len: usize, insert: &str) -> String {
    let mut start = start % (text.len() + 1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!("{}{}{}", &text[..start], insert, &text[end..])
}

/// Fragments that are likely to hit interesting paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("null".to_string()),
        Just("-1e308".to_string()),
        Just("1e999".to_string()),
        Just("NaN".to_string()),
        Just("\"00001\"".to_string()),
        Just("\"2021-Q5\"".to_string()),
        Just("{}".to_string()),
        Just("[]".to_string()),
        Just("\"<script>alert(1)</script>\"".to_string()),
        Just("0".to_string()),
        Just("\u{0301}\u{0111}".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    // Failures are kept beside the other regressions (committed) and
    // replayed first on every run; CI runs with a fixed seed (scripts/test.sh).
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/never_panics.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let registry = registry();
        let _ = Dataset::parse(&text, &registry);
        let _ = Catalogue::parse(&text);
        let _ = TileLayout::parse(&text, &registry);
        let _ = Registry::parse(&text);
        let _ = Boundaries::parse(&text, &registry);
    }

    #[test]
    fn mutated_dataset_never_panics(start in 0usize..2000, len in 0usize..40, insert in fragment()) {
        let registry = registry();
        let text = mutate(SMALL_DATASET, start, len, &insert);
        if let Err(problems) = Dataset::parse(&text, &registry) {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.is_error()));
        }
    }

    #[test]
    fn mutated_bundled_files_never_panic(start in 0usize..30_000, len in 0usize..40, insert in fragment()) {
        let registry = registry();
        let _ = TileLayout::parse(&mutate(&read("tiles.hexjson"), start, len, &insert), &registry);
        let _ = Catalogue::parse(&mutate(&read("catalogue.json"), start, len, &insert));
        let _ = Registry::parse(&mutate(&read("wards.json"), start, len, &insert));
        let _ = Boundaries::parse(&mutate(SMALL_BOUNDARIES, start, len, &insert), &registry);
    }
}
