//! Every kind of open data file refuses invisible control and bidirectional
//! formatting characters (issue 11: a U+202E in a ward or source name
//! reversed the app's own text around it). The check runs before parsing,
//! so it holds for every text field of every file, literal or `\u`-escaped.

use std::path::Path;

use ward_domain::boundaries::Boundaries;
use ward_domain::catalogue::Catalogue;
use ward_domain::dataset::Dataset;
use ward_domain::tiles::TileLayout;
use ward_domain::Registry;

fn bundled(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../public/data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Puts `insert` right after the first occurrence of `anchor` in `text`.
fn poison(text: &str, anchor: &str, insert: &str) -> String {
    let at = text.find(anchor).expect("anchor in the file") + anchor.len();
    format!("{}{insert}{}", &text[..at], &text[at..])
}

fn assert_refused(problems: Vec<ward_domain::Problem>, code_point: &str) {
    assert!(
        problems.iter().any(|p| p.is_error()
            && p.message.contains(code_point)
            && p.location.starts_with("line ")),
        "expected an error naming {code_point} with its line, got {problems:#?}"
    );
}

#[test]
fn the_registry_refuses_a_ward_name_with_a_right_to_left_override() {
    let text = poison(&bundled("wards.json"), "\"name\": \"", "\u{202e}");
    assert_refused(Registry::parse(&text).unwrap_err(), "U+202E");
    let escaped = poison(&bundled("wards.json"), "\"name\": \"", "\\u202E");
    assert_refused(Registry::parse(&escaped).unwrap_err(), "U+202E");
}

#[test]
fn datasets_catalogue_tiles_and_boundaries_refuse_them_too() {
    let registry = Registry::parse(&bundled("wards.json")).unwrap();
    let catalogue = poison(&bundled("catalogue.json"), "\"vi\": \"", "\u{2067}");
    assert_refused(Catalogue::parse(&catalogue).unwrap_err(), "U+2067");
    let tiles = poison(&bundled("tiles.hexjson"), "\"", "\\u0007");
    assert_refused(TileLayout::parse(&tiles, &registry).unwrap_err(), "U+0007");
    let boundaries = "{\"type\": \"FeatureCollection\", \"name\": \"\u{200f}x\", \"features\": []}";
    assert_refused(
        Boundaries::parse(boundaries, &registry).unwrap_err(),
        "U+200F",
    );

    let dataset_name =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/datasets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .find(|n| n.ends_with(".json"))
            .expect("a bundled dataset");
    let dataset = poison(
        &bundled(&format!("datasets/{dataset_name}")),
        "\"name\": \"",
        "\u{202d}",
    );
    assert_refused(Dataset::parse(&dataset, &registry).unwrap_err(), "U+202D");
}

#[test]
fn the_bundled_files_are_clean() {
    let registry = Registry::parse(&bundled("wards.json")).expect("bundled registry");
    Catalogue::parse(&bundled("catalogue.json")).expect("bundled catalogue");
    TileLayout::parse(&bundled("tiles.hexjson"), &registry).expect("bundled tiles");
}
