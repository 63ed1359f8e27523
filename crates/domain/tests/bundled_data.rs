//! Every bundled open-data file (`public/data/`) validates, with the same code
//! the app runs in the browser.

use std::path::{Path, PathBuf};

use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::{Dataset, Level, Provenance};
use ward_domain::tiles::TileLayout;
use ward_domain::Registry;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(data_dir().join(relative))
        .unwrap_or_else(|e| panic!("cannot read public/data/{relative}: {e}"))
}

fn registry() -> Registry {
    Registry::parse(&read("wards.json")).expect("wards.json is valid")
}

#[test]
fn catalogue_lists_every_dataset_file_and_each_validates() {
    let registry = registry();
    let catalogue = Catalogue::parse(&read("catalogue.json")).expect("catalogue is valid");
    assert!(catalogue.warnings.is_empty(), "{:#?}", catalogue.warnings);

    let mut files: Vec<String> = std::fs::read_dir(data_dir().join("datasets"))
        .unwrap()
        .map(|e| format!("datasets/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut listed: Vec<String> = catalogue
        .value
        .datasets
        .iter()
        .map(|d| d.url.clone())
        .collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "catalogue.json and public/data/datasets/ disagree"
    );

    for entry in &catalogue.value.datasets {
        let loaded = Dataset::parse(&read(&entry.url), &registry)
            .unwrap_or_else(|problems| panic!("{} is invalid: {problems:#?}", entry.url));
        let dataset = loaded.value;
        assert_eq!(dataset.id, entry.id);
        assert_eq!(dataset.periods, entry.periods, "{}", entry.id);
        assert_eq!(dataset.provenance, entry.provenance, "{}", entry.id);
        // Structural warnings (unknown fields) would mean the format and the
        // generator drifted apart; absent wards are expected in some files.
        assert!(
            loaded
                .warnings
                .iter()
                .all(|w| !w.message.contains("unknown field")),
            "{}: {:#?}",
            entry.id,
            loaded.warnings
        );
    }
}

#[test]
fn synthetic_datasets_cover_175_wards_over_8_quarters_and_say_so() {
    let registry = registry();
    let catalogue = Catalogue::parse(&read("catalogue.json")).unwrap().value;
    let synthetic: Vec<_> = catalogue
        .datasets
        .iter()
        .filter(|d| d.provenance == Provenance::Synthetic)
        .collect();
    assert!(
        synthetic.len() >= 14,
        "six groups × (share, score) + no-wait + satisfaction"
    );
    for entry in synthetic {
        let dataset = Dataset::parse(&read(&entry.url), &registry).unwrap().value;
        assert_eq!(dataset.level, Level::Ward);
        assert!(dataset.periods.len() >= 8);
        assert_eq!(dataset.periods[0], "2021-Q3");
        assert_eq!(
            dataset.values.len(),
            175 * dataset.periods.len(),
            "{}",
            dataset.id
        );
        assert!(
            dataset.title.vi.contains("minh họa"),
            "{}",
            dataset.title.vi
        );
        assert!(
            dataset.title.en.contains("illustrative"),
            "{}",
            dataset.title.en
        );
    }
}

#[test]
fn real_datasets_name_their_source_and_per_value_sources_have_addresses() {
    let registry = registry();
    let catalogue = Catalogue::parse(&read("catalogue.json")).unwrap().value;
    for entry in catalogue
        .datasets
        .iter()
        .filter(|d| d.provenance != Provenance::Synthetic)
    {
        let dataset = Dataset::parse(&read(&entry.url), &registry).unwrap().value;
        assert!(!dataset.source.name.trim().is_empty(), "{}", dataset.id);
        for o in dataset.values.iter().filter_map(|o| o.source()) {
            assert!(
                o.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{}",
                dataset.id
            );
        }
    }
}

#[test]
fn hang_bo_no_wait_share_is_the_reported_91_9() {
    let registry = registry();
    let hang_bo = registry.wards.iter().find(|w| w.name == "Hàng Bồ").unwrap();
    let dataset = Dataset::parse(&read("datasets/no-wait-share-reported.json"), &registry)
        .unwrap()
        .value;
    let reported: Vec<_> = dataset
        .values
        .iter()
        .filter(|o| o.value.is_some())
        .collect();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].area, hang_bo.code);
    assert_eq!(reported[0].value, Some(91.9));
}

#[test]
fn tile_layout_has_one_tile_per_ward_and_contiguous_districts() {
    let registry = registry();
    let layout = TileLayout::parse(&read("tiles.hexjson"), &registry).expect("tiles are valid");
    assert!(layout.warnings.is_empty(), "{:#?}", layout.warnings);
    assert_eq!(layout.value.tiles.len(), 175);
    assert_eq!(layout.value.disconnected_districts(), Vec::<String>::new());
}
