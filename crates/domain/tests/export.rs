//! Downloads of the bundled data: CSV with a BOM and one row per shown
//! ward, JSON with the dataset's metadata and provenance.

use ward_domain::export::{rows_csv, rows_json, BOM};
use ward_domain::format::Lang;
use ward_domain::table::ward_rows;

mod common {
    pub fn data(relative: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../public/data")
            .join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

#[test]
fn csv_and_json_of_the_shown_rows() {
    let registry = ward_domain::Registry::parse(&common::data("wards.json")).expect("registry");
    let dataset = ward_domain::dataset::Dataset::parse(
        &common::data("datasets/synthetic-no-wait-share.json"),
        &registry,
    )
    .expect("dataset")
    .value;
    let rows = ward_rows(&registry, &dataset, "2023-Q2");
    let csv = rows_csv(&rows, &dataset, "2023-Q2", Lang::En);
    assert!(csv.starts_with(BOM));
    let lines: Vec<&str> = csv.trim_start_matches(BOM).lines().collect();
    assert_eq!(lines.len(), 176, "a header and 175 wards");
    assert!(lines[0].starts_with("rank,ward_code,ward,district,value,unit"));
    let hang_bo = lines
        .iter()
        .find(|l| l.contains(",00052,"))
        .expect("Hàng Bồ");
    assert!(hang_bo.contains("Hàng Bồ,Hoàn Kiếm,"), "{hang_bo}");
    assert!(hang_bo.contains("synthetic (illustrative"), "{hang_bo}");

    let json: serde_json::Value =
        serde_json::from_str(&rows_json(&rows, &dataset, "2023-Q2", Lang::En)).expect("valid JSON");
    assert_eq!(json["provenance"], "synthetic");
    assert!(json["notice"]
        .as_str()
        .unwrap_or_default()
        .contains("ILLUSTRATIVE"));
    assert_eq!(json["rows"].as_array().map(Vec::len), Some(175));
    assert_eq!(json["source"]["name"], dataset.source.name);
}

/// The cells' texts follow the reader's language; the columns, keys and
/// numbers do not, so a script reading a download works in both.
#[test]
fn downloads_in_vietnamese_keep_columns_and_numbers() {
    let registry = ward_domain::Registry::parse(&common::data("wards.json")).expect("registry");
    let dataset = ward_domain::dataset::Dataset::parse(
        &common::data("datasets/synthetic-timeliness-score.json"),
        &registry,
    )
    .expect("dataset")
    .value;
    let period = dataset.periods.last().expect("a period").clone();
    let rows = ward_rows(&registry, &dataset, &period);
    let vi = rows_csv(&rows, &dataset, &period, Lang::Vi);
    let en = rows_csv(&rows, &dataset, &period, Lang::En);
    let records = |text: &str| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.trim_start_matches(BOM).as_bytes())
            .records()
            .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
            .collect()
    };
    let (vi, en) = (records(&vi), records(&en));
    assert_eq!(vi[0], en[0], "the same header");
    let (vi_row, en_row) = (&vi[1], &en[1]);
    assert_eq!(vi_row[..5], en_row[..5], "rank, codes, names and value");
    assert_eq!(vi_row[5], dataset.unit.vi);
    assert_eq!(en_row[5], dataset.unit.en);
    assert!(
        vi_row[9].starts_with("synthetic (minh họa"),
        "{}",
        vi_row[9]
    );
    assert!(
        en_row[9].starts_with("synthetic (illustrative"),
        "{}",
        en_row[9]
    );

    let json: serde_json::Value =
        serde_json::from_str(&rows_json(&rows, &dataset, &period, Lang::Vi)).expect("valid JSON");
    assert_eq!(json["provenance"], "synthetic");
    assert!(json["notice"]
        .as_str()
        .unwrap_or_default()
        .contains("MINH HỌA"));
    assert_eq!(json["unit"]["en"], dataset.unit.en);
}
