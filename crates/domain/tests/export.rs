//! Downloads of the bundled data: CSV with a BOM and one row per shown
//! ward, JSON with the dataset's metadata and provenance. No cell of any
//! download starts a spreadsheet formula (issue 11): checked on the bytes
//! of every dataset, period and language, and of hostile names and values.

use ward_domain::dataset::Dataset;
use ward_domain::export::{rows_csv, rows_json, BOM, CSV_COLUMNS};
use ward_domain::format::Lang;
use ward_domain::table::{ward_rows, WardRow};

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
    assert!(lines[0].starts_with("rank,tied,ward_code,ward,district,value,unit"));
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
    assert_eq!(
        vi_row[..6],
        en_row[..6],
        "rank, tie, codes, names and value"
    );
    assert_eq!(vi_row[6], dataset.unit.vi);
    assert_eq!(en_row[6], dataset.unit.en);
    assert!(
        vi_row[10].starts_with("synthetic (minh họa"),
        "{}",
        vi_row[10]
    );
    assert!(
        en_row[10].starts_with("synthetic (illustrative"),
        "{}",
        en_row[10]
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

/// The CSV's records (BOM checked and removed), header first.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    assert!(
        text.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 BOM"
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches(BOM).as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// A number written as a number: an optional minus, digits, and an
/// optional dot with digits ("-1.2", "100", "0.25").
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Every cell of a CSV download: none starts a formula unless it is a
/// number in a number column; ranks are whole numbers, ties true or false.
fn check_csv(text: &str, rows: &[WardRow], what: &str) {
    let records = csv_records(text);
    assert_eq!(records[0], CSV_COLUMNS, "{what}: header");
    assert_eq!(records.len(), rows.len() + 1, "{what}: one record per row");
    let column = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let numeric = [column("value"), column("change")];
    for (record, row) in records.iter().skip(1).zip(rows) {
        assert_eq!(record.len(), CSV_COLUMNS.len(), "{what}: {record:?}");
        for (i, cell) in record.iter().enumerate() {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
                assert!(
                    numeric.contains(&i) && is_plain_number(cell),
                    "{what}: column {} starts a formula: {cell:?}",
                    CSV_COLUMNS[i]
                );
            }
            if numeric.contains(&i) {
                assert!(cell.is_empty() || is_plain_number(cell), "{what}: {cell:?}");
            }
        }
        let rank = &record[column("rank")];
        assert_eq!(
            *rank,
            row.rank.map(|r| r.position.to_string()).unwrap_or_default(),
            "{what}: rank"
        );
        assert!(rank.bytes().all(|b| b.is_ascii_digit()), "{what}: {rank:?}");
        let tied = &record[column("tied")];
        assert_eq!(
            *tied,
            row.rank.is_some_and(|r| r.tied).to_string(),
            "{what}: tied"
        );
        assert_eq!(record[column("ward_code")], row.code);
    }
}

/// The JSON download: ranks, ties, values and changes are JSON numbers and
/// booleans (never text like "=2"), and the texts are exactly the rows'.
fn check_json(text: &str, rows: &[WardRow], what: &str) {
    let json: serde_json::Value = serde_json::from_str(text).expect("valid JSON");
    let out = json["rows"].as_array().expect("rows");
    assert_eq!(out.len(), rows.len(), "{what}");
    for (o, row) in out.iter().zip(rows) {
        match row.rank {
            Some(rank) => assert_eq!(o["rank"].as_u64(), Some(u64::from(rank.position))),
            None => assert!(o["rank"].is_null(), "{what}: {o}"),
        }
        assert_eq!(o["tied"].as_bool(), Some(row.rank.is_some_and(|r| r.tied)));
        for (key, value) in [("value", row.value), ("change", row.change)] {
            match value {
                Some(v) => assert_eq!(o[key].as_f64(), Some(v), "{what}: {key}"),
                None => assert!(o[key].is_null(), "{what}: {key}"),
            }
        }
        assert_eq!(o["ward"].as_str(), Some(row.name.as_str()));
        assert_eq!(o["district"].as_str(), Some(row.district_name.as_str()));
    }
}

fn registry() -> ward_domain::Registry {
    ward_domain::Registry::parse(&common::data("wards.json")).expect("registry")
}

/// Every bundled ward dataset, read as the app reads it.
fn ward_datasets(registry: &ward_domain::Registry) -> Vec<Dataset> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/datasets");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("public/data/datasets")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| {
            Dataset::parse(&common::data(&format!("datasets/{n}")), registry)
                .unwrap_or_else(|p| panic!("{n}: {p:?}"))
                .value
        })
        .filter(|d| d.level == ward_domain::dataset::Level::Ward)
        .collect()
}

#[test]
fn no_download_of_the_bundled_data_starts_a_formula() {
    let registry = registry();
    let datasets = ward_datasets(&registry);
    assert!(datasets.len() >= 10, "{}", datasets.len());
    let mut tied = 0;
    for dataset in &datasets {
        for period in &dataset.periods {
            let rows = ward_rows(&registry, dataset, period);
            tied += rows
                .iter()
                .filter(|r| r.rank.is_some_and(|k| k.repeat))
                .count();
            for lang in [Lang::Vi, Lang::En] {
                let what = format!("{} {period} {lang:?}", dataset.id);
                check_csv(&rows_csv(&rows, dataset, period, lang), &rows, &what);
                check_json(&rows_json(&rows, dataset, period, lang), &rows, &what);
            }
        }
    }
    // The old CSV wrote each of these as "=2", a formula.
    assert!(tied > 100, "{tied} tied ranks");
}

#[test]
fn hostile_names_and_values_stay_text_and_numbers() {
    let registry = registry();
    let mut dataset = Dataset::parse(
        &common::data("datasets/synthetic-no-wait-share.json"),
        &registry,
    )
    .expect("dataset")
    .value;
    let period = dataset.periods.last().expect("a period").clone();
    let mut rows = ward_rows(&registry, &dataset, &period);
    let hostile = [
        "=HYPERLINK(\"http://example.org\",\"x\")",
        "+84 912",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=1",
        "\r=1",
        "\n=1",
        "=cmd|' /C calc'!A0",
    ];
    for (row, name) in rows.iter_mut().zip(hostile.iter().cycle()) {
        row.name = name.to_string();
        row.district_name = format!("={name}");
        row.value = Some(-1.25);
        row.change = Some(-0.04);
    }
    rows[1].value = Some(-1e308);
    rows[2].change = Some(f64::NAN);
    dataset.source.name = "@evil".into();
    dataset.unit.vi = "-điểm".into();
    dataset.unit.en = "+points".into();
    dataset.id = "-x".into();
    for lang in [Lang::Vi, Lang::En] {
        let csv = rows_csv(&rows, &dataset, "=1", lang);
        check_csv(&csv, &rows, "hostile");
        let records = csv_records(&csv);
        assert_eq!(records[1][3], format!("'{}", hostile[0]));
        assert_eq!(records[1][5], "-1.2", "a negative value is a number");
        assert_eq!(records[1][7], "0.0", "-0.04 shows as the zero it is");
        assert_eq!(records[3][7], "", "NaN is written as no value");
        assert!(
            records[2][5].starts_with("-1000000000"),
            "{}",
            records[2][5]
        );
        assert_eq!(records[1][8], "'=1");
        assert_eq!(records[1][9], "'-x");
        assert_eq!(records[1][11], "'@evil");
        let json = rows_json(&rows, &dataset, "=1", lang);
        let parsed: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(
            parsed["rows"][0]["ward"], hostile[0],
            "JSON texts are exact"
        );
        assert_eq!(parsed["rows"][0]["value"], -1.25);
        assert!(parsed["rows"][2]["change"].is_null());
    }
}
