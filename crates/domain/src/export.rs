//! Downloads of the data shown: CSV for spreadsheets and JSON with the
//! metadata a journalist needs to cite it. Both carry the provenance, so a
//! synthetic figure never leaves the site looking official.

use serde::Serialize;

use crate::dataset::{Dataset, NumberStyle, Provenance};
use crate::table::WardRow;

/// The byte-order mark Excel needs to read UTF-8 (without it "Hàng Bồ"
/// shows as mojibake).
pub const BOM: &str = "\u{feff}";

pub fn provenance_label(provenance: Provenance) -> &'static str {
    match provenance {
        Provenance::Official => "official",
        Provenance::Reported => "reported",
        Provenance::Estimated => "estimated",
        Provenance::Synthetic => "synthetic (illustrative, not real figures)",
    }
}

/// A cell a spreadsheet must not run as a formula: text starting with
/// `=`, `+`, `-`, `@`, tab or CR gets a leading apostrophe (OWASP's advice
/// for CSV injection). Only text cells are passed here, never numbers.
fn text_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A number as written in the file: a dot decimal separator at the
/// dataset's shown precision, whatever the reader's language, so every
/// spreadsheet reads it as a number.
fn number_cell(value: Option<f64>, decimals: u8) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) => format!("{v:.*}", usize::from(decimals)),
        None => String::new(),
    }
}

/// The rows shown (in the order shown) as CSV with a BOM and a header.
/// Columns: rank, ward code, ward, district, value, unit, change since the
/// previous period, period, dataset, provenance, source.
pub fn rows_csv(rows: &[WardRow], dataset: &Dataset, period: &str) -> String {
    let decimals = dataset.number_format.shown_decimals();
    let unit = match dataset.number_format.style {
        NumberStyle::Percent => "%".to_string(),
        _ => dataset.unit.vi.clone(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "rank",
        "ward_code",
        "ward",
        "district",
        "value",
        "unit",
        "change",
        "period",
        "dataset",
        "provenance",
        "source",
    ];
    let mut result = writer.write_record(header);
    for row in rows {
        if result.is_err() {
            break;
        }
        let rank = row.rank.map(|r| r.label()).unwrap_or_default();
        result = writer.write_record([
            rank,
            row.code.clone(),
            text_cell(&row.name),
            text_cell(&row.district_name),
            number_cell(row.value, decimals),
            text_cell(&unit),
            number_cell(row.change, decimals),
            period.to_string(),
            dataset.id.clone(),
            provenance_label(dataset.provenance).to_string(),
            text_cell(&dataset.source.name),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[derive(Serialize)]
struct JsonRow<'a> {
    rank: Option<u32>,
    tied: bool,
    ward_code: &'a str,
    ward: &'a str,
    district_code: &'a str,
    district: &'a str,
    value: Option<f64>,
    change: Option<f64>,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    dataset: &'a str,
    title: &'a crate::dataset::Text,
    unit: &'a crate::dataset::Text,
    period: &'a str,
    provenance: Provenance,
    notice: &'a str,
    source: &'a crate::dataset::Source,
    licence: &'a crate::dataset::Licence,
    rows: Vec<JsonRow<'a>>,
}

/// The rows shown as JSON, with the dataset's title, unit, period, source,
/// licence and provenance.
pub fn rows_json(rows: &[WardRow], dataset: &Dataset, period: &str) -> String {
    let export = JsonExport {
        dataset: &dataset.id,
        title: &dataset.title,
        unit: &dataset.unit,
        period,
        provenance: dataset.provenance,
        notice: if dataset.provenance == Provenance::Synthetic {
            "ILLUSTRATIVE DATA: randomly generated figures, not real figures of any ward. Do not cite."
        } else {
            "See source."
        },
        source: &dataset.source,
        licence: &dataset.licence,
        rows: rows
            .iter()
            .map(|r| JsonRow {
                rank: r.rank.map(|k| k.position),
                tied: r.rank.is_some_and(|k| k.tied),
                ward_code: &r.code,
                ward: &r.name,
                district_code: &r.district_code,
                district: &r.district_name,
                value: r.value.filter(|v| v.is_finite()),
                change: r.change.filter(|v| v.is_finite()),
            })
            .collect(),
    };
    serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_never_start_a_formula() {
        assert_eq!(text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text_cell("-1"), "'-1");
        assert_eq!(text_cell("Hàng Bồ"), "Hàng Bồ");
        assert_eq!(number_cell(Some(-1.25), 1), "-1.2");
        assert_eq!(number_cell(Some(f64::NAN), 1), "");
    }
}
