//! A corpus of bad files (`tests/bad/*.json`), each with the problem it must
//! yield (`tests/bad/expected.tsv`: file, kind, location, message). A
//! publisher who makes one of these mistakes gets exactly this message.
//!
//! Kind `dataset`: the file is refused with this error. Kind `catalogue`:
//! a catalogue of three entries whose middle one is bad; that entry is
//! dropped with this warning and the two good ones are kept.

use std::path::Path;

use ward_domain::catalogue::{lists_no_datasets, Catalogue, REJECTED};
use ward_domain::dataset::Dataset;
use ward_domain::Registry;

#[test]
fn each_bad_file_yields_its_expected_problem() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registry = Registry::parse(
        &std::fs::read_to_string(root.join("../../public/data/wards.json")).unwrap(),
    )
    .unwrap();
    let expected = std::fs::read_to_string(root.join("tests/bad/expected.tsv")).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [file, kind, location, message] = fields[..] else {
            panic!("malformed line in expected.tsv: {line:?}");
        };
        let text = std::fs::read_to_string(root.join(format!("tests/bad/{file}.json"))).unwrap();
        let (problems, severe) = match kind {
            "dataset" => (
                Dataset::parse(&text, &registry).err().unwrap_or_default(),
                true,
            ),
            "catalogue" => match Catalogue::parse(&text) {
                Ok(loaded) => {
                    let kept: Vec<&str> = loaded
                        .value
                        .datasets
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect();
                    if kept != ["good-1", "good-2"] {
                        failures.push(format!(
                            "{file}.json: the good entries must be kept, kept {kept:?}"
                        ));
                    }
                    (loaded.warnings, false)
                }
                Err(errors) => {
                    failures.push(format!(
                        "{file}.json: one bad entry refused the whole catalogue: {errors:#?}"
                    ));
                    (Vec::new(), false)
                }
            },
            other => panic!("unknown kind {other}"),
        };
        if !problems.iter().any(|p| {
            p.is_error() == severe
                && (severe || p.message.starts_with(REJECTED))
                && p.location.contains(location)
                && p.message.contains(message)
        }) {
            failures.push(format!(
                "{file}.json: expected a problem at {location:?} containing {message:?}, got {problems:#?}"
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 25, "only {checked} bad files checked");
}

#[test]
fn a_catalogue_listing_no_datasets_is_recognised() {
    for empty in [
        "",
        "  \n",
        r#"{"datasets": []}"#,
        r#"{"format": "hanoi-wards/catalogue", "version": 1, "title": {"vi": "Danh mục", "en": "Catalogue"}, "datasets": []}"#,
    ] {
        assert!(lists_no_datasets(empty), "{empty:?}");
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bundled = std::fs::read_to_string(root.join("../../public/data/catalogue.json")).unwrap();
    assert!(!lists_no_datasets(&bundled));
    assert!(!lists_no_datasets("{\"datasets\": ["));
    // A well-formed catalogue with no entries is valid (the app then says
    // it lists no datasets instead of showing a JSON error).
    let loaded = Catalogue::parse(
        r#"{"format": "hanoi-wards/catalogue", "version": 1, "title": {"vi": "Danh mục", "en": "Catalogue"}, "datasets": []}"#,
    )
    .expect("an empty list is a valid catalogue");
    assert!(loaded.value.datasets.is_empty());
}

#[test]
fn a_catalogue_whose_entries_are_all_bad_is_valid_and_empty() {
    let text = r#"{"format": "hanoi-wards/catalogue", "version": 1,
        "title": {"vi": "Danh mục", "en": "Catalogue"},
        "datasets": [{"id": "../x"}, 3, null]}"#;
    let loaded = Catalogue::parse(text).expect("bad entries do not refuse the file");
    assert!(loaded.value.datasets.is_empty());
    assert_eq!(
        loaded
            .warnings
            .iter()
            .filter(|w| w.message.starts_with(REJECTED))
            .count(),
        3,
        "{:#?}",
        loaded.warnings
    );
}
