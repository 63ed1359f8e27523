//! Downloads of the data shown: CSV for spreadsheets and JSON with the
//! metadata a journalist needs to cite it. Both carry the provenance, so a
//! synthetic figure never leaves the site looking official.
//!
//! Column names and JSON keys are the same in every language (scripts that
//! read a download must not break when the reader switches language); the
//! texts in the cells (unit, provenance explanation, notice) are in the
//! reader's language. Numbers always use a dot decimal separator.
//!
//! # No formulas in the CSV
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a
//! formula. No cell of the CSV starts with one of these unless it is a
//! number written as a number (a negative value or change, `-1.2`): ranks
//! are plain numbers with the tie in a column of its own (`rank` 2,
//! `tied` true; never the "=2" the table shows), and every text cell goes
//! through [`text_cell`], which puts an apostrophe before such a first
//! character (OWASP's advice on CSV injection). The JSON needs no such
//! guard: no spreadsheet evaluates JSON strings, so its texts are exact;
//! its ranks and values are JSON numbers.

use serde::Serialize;

use crate::dataset::{Dataset, NumberStyle, Provenance, Source};
use crate::format::Lang;
use crate::table::WardRow;
use crate::url_state::host_of;

/// The byte-order mark Excel needs to read UTF-8 (without it "Hàng Bồ"
/// shows as mojibake).
pub const BOM: &str = "\u{feff}";

/// The provenance as written in a download: its code ("synthetic", the
/// same in every language, first so that it can be filtered on) and, for
/// anything but official figures, what it means in `lang`.
pub fn provenance_label(provenance: Provenance, lang: Lang) -> &'static str {
    match (provenance, lang) {
        (Provenance::Official, _) => "official",
        (Provenance::Reported, Lang::Vi) => "reported (số liệu do báo chí đưa tin)",
        (Provenance::Reported, Lang::En) => "reported (figures reported by the press)",
        (Provenance::Estimated, Lang::Vi) => "estimated (số liệu ước tính)",
        (Provenance::Estimated, Lang::En) => "estimated (estimates, not direct measurements)",
        (Provenance::Synthetic, Lang::Vi) => "synthetic (minh họa, không phải số liệu thật)",
        (Provenance::Synthetic, Lang::En) => "synthetic (illustrative, not real figures)",
        (Provenance::UserSupplied, Lang::Vi) => {
            "user_supplied (dữ liệu do người dùng cung cấp — chưa được kiểm chứng)"
        }
        (Provenance::UserSupplied, Lang::En) => "user_supplied (user-supplied, not verified)",
    }
}

/// Who supplied user-supplied figures, as every label names them: the host
/// of `source.url` for a published file (`?data=`, `?catalogue=`), else
/// "tệp của bạn" / "your file", with the file's name when `source.name`
/// has one (a paste has none). The app writes such a `source` for every
/// user dataset (`Store::add_user_dataset`), whatever the file claimed.
pub fn supplier(source: &Source, lang: Lang) -> String {
    if let Some(host) = source.url.as_deref().and_then(host_of) {
        return host.to_string();
    }
    let name = source.name.trim();
    match (lang, name.is_empty()) {
        (Lang::Vi, true) => "tệp của bạn".to_string(),
        (Lang::En, true) => "your file".to_string(),
        (Lang::Vi, false) => format!("tệp của bạn ({name})"),
        (Lang::En, false) => format!("your file ({name})"),
    }
}

/// The source as a download names it: the publisher's name, or for
/// user-supplied figures who supplied them ([`supplier`]).
pub fn source_name(dataset: &Dataset, lang: Lang) -> String {
    match dataset.provenance {
        Provenance::UserSupplied => supplier(&dataset.source, lang),
        _ => dataset.source.name.clone(),
    }
}

/// The JSON's notice in `lang`: a warning on illustrative data, else a
/// pointer to the source.
fn notice(provenance: Provenance, lang: Lang) -> &'static str {
    match (provenance, lang) {
        (Provenance::Synthetic, Lang::Vi) => {
            "DỮ LIỆU MINH HỌA (ILLUSTRATIVE DATA): số liệu tạo ngẫu nhiên, không phải số liệu thật của phường nào. Không trích dẫn."
        }
        (Provenance::Synthetic, Lang::En) => {
            "ILLUSTRATIVE DATA: randomly generated figures, not real figures of any ward. Do not cite."
        }
        (Provenance::UserSupplied, Lang::Vi) => {
            "DỮ LIỆU DO NGƯỜI DÙNG CUNG CẤP — CHƯA ĐƯỢC KIỂM CHỨNG: trang chỉ hiển thị số liệu, không kiểm chứng chúng. Xem nguồn."
        }
        (Provenance::UserSupplied, Lang::En) => {
            "USER-SUPPLIED DATA, NOT VERIFIED: the page shows these figures without checking them. See source."
        }
        (_, Lang::Vi) => "Xem nguồn.",
        (_, Lang::En) => "See source.",
    }
}

/// A cell a spreadsheet must not run as a formula: text starting with
/// `=`, `+`, `-`, `@`, tab, CR or LF gets a leading apostrophe (OWASP's
/// advice for CSV injection). Every non-number cell
/// goes through here, even those that cannot start so today (codes, ids,
/// periods), so that no future value can.
pub fn text_cell(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// A number as written in the file: a dot decimal separator at the
/// dataset's shown precision, whatever the reader's language, so every
/// spreadsheet reads it as a number.
fn number_cell(value: Option<f64>, decimals: u8) -> String {
    match value.filter(|v| v.is_finite()) {
        Some(v) => {
            let text = format!("{v:.*}", usize::from(decimals));
            // -0.04 at one decimal is "-0.0": write the zero it is.
            match text.strip_prefix('-') {
                Some(zero) if !zero.bytes().any(|b| (b'1'..=b'9').contains(&b)) => zero.to_string(),
                _ => text,
            }
        }
        None => String::new(),
    }
}

/// The header of [`rows_csv`], the same in every language.
pub const CSV_COLUMNS: [&str; 12] = [
    "rank",
    "tied",
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

/// The rows shown (in the order shown) as CSV with a BOM and a header
/// ([`CSV_COLUMNS`]): rank (a whole number, 1 = best; empty for a ward
/// without a value), tied (`true` when another ward shows the same figure,
/// else `false`), ward code, ward, district, value, unit, change since the
/// previous period, period, dataset, provenance, source. Values and changes
/// are numbers with a dot at the dataset's shown precision (`-1.2`); the
/// unit and the provenance's explanation are in `lang`.
pub fn rows_csv(rows: &[WardRow], dataset: &Dataset, period: &str, lang: Lang) -> String {
    let decimals = dataset.number_format.shown_decimals();
    let unit = match dataset.number_format.style {
        NumberStyle::Percent => "%".to_string(),
        _ => dataset.unit.get(lang).to_string(),
    };
    let source = source_name(dataset, lang);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut result = writer.write_record(CSV_COLUMNS);
    for row in rows {
        if result.is_err() {
            break;
        }
        let rank = row.rank.map(|r| r.position.to_string()).unwrap_or_default();
        let tied = row.rank.is_some_and(|r| r.tied);
        result = writer.write_record([
            rank,
            tied.to_string(),
            text_cell(&row.code),
            text_cell(&row.name),
            text_cell(&row.district_name),
            number_cell(row.value, decimals),
            text_cell(&unit),
            number_cell(row.change, decimals),
            text_cell(period),
            text_cell(&dataset.id),
            text_cell(provenance_label(dataset.provenance, lang)),
            text_cell(&source),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

#[derive(Serialize)]
struct JsonRow<'a> {
    /// 1 = best, `null` without a value; ties share the position.
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
    source: Source,
    licence: &'a crate::dataset::Licence,
    rows: Vec<JsonRow<'a>>,
}

/// The rows shown as JSON, with the dataset's title and unit (both
/// languages), period, source, licence, provenance and a notice in `lang`.
pub fn rows_json(rows: &[WardRow], dataset: &Dataset, period: &str, lang: Lang) -> String {
    let export = JsonExport {
        dataset: &dataset.id,
        title: &dataset.title,
        unit: &dataset.unit,
        period,
        provenance: dataset.provenance,
        notice: notice(dataset.provenance, lang),
        source: Source {
            name: source_name(dataset, lang),
            url: dataset.source.url.clone(),
        },
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
        assert_eq!(text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text_cell("+84"), "'+84");
        assert_eq!(text_cell("\n=1"), "'\n=1");
        assert_eq!(text_cell(""), "");
        assert_eq!(number_cell(Some(-1.25), 1), "-1.2");
        assert_eq!(number_cell(Some(f64::NAN), 1), "");
        assert_eq!(number_cell(Some(-0.04), 1), "0.0");
        assert_eq!(number_cell(Some(-0.05), 0), "0");
    }

    #[test]
    fn provenance_keeps_its_code_first_in_every_language() {
        for provenance in [
            Provenance::Official,
            Provenance::Reported,
            Provenance::Estimated,
            Provenance::Synthetic,
            Provenance::UserSupplied,
        ] {
            let code = provenance_label(provenance, Lang::En)
                .split(' ')
                .next()
                .unwrap_or_default();
            assert!(provenance_label(provenance, Lang::Vi).starts_with(code));
        }
        assert!(provenance_label(Provenance::Synthetic, Lang::Vi).contains("minh họa"));
        assert!(notice(Provenance::Synthetic, Lang::Vi).contains("MINH HỌA"));
        assert!(notice(Provenance::Synthetic, Lang::En).starts_with("ILLUSTRATIVE"));
    }

    fn user_dataset(source: Source) -> (Vec<WardRow>, Dataset) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data");
        let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("bundled file");
        let registry = crate::Registry::parse(&read("wards.json")).expect("registry");
        let mut dataset = Dataset::parse(&read("datasets/synthetic-no-wait-share.json"), &registry)
            .expect("dataset")
            .value;
        // What the app does to every dataset a reader brings.
        dataset.provenance = Provenance::UserSupplied;
        dataset.source = source;
        let rows = crate::table::ward_rows(&registry, &dataset, "2023-Q2");
        (rows, dataset)
    }

    #[test]
    fn user_supplied_downloads_say_so_and_name_the_host() {
        let (rows, dataset) = user_dataset(Source {
            name: "data.example.org".into(),
            url: Some("https://data.example.org:8443/so-lieu/x.csv?v=2".into()),
        });
        for (lang, label) in [
            (
                Lang::Vi,
                "user_supplied (dữ liệu do người dùng cung cấp — chưa được kiểm chứng)",
            ),
            (Lang::En, "user_supplied (user-supplied, not verified)"),
        ] {
            let csv = rows_csv(&rows, &dataset, "2023-Q2", lang);
            let records: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
                .records()
                .collect::<Result<_, _>>()
                .expect("valid CSV");
            let hang_bo = records
                .iter()
                .find(|r| r.get(2) == Some("00052"))
                .expect("Hàng Bồ");
            assert_eq!(hang_bo.get(10), Some(label));
            assert_eq!(hang_bo.get(11), Some("data.example.org:8443"));
            assert!(!csv.contains("official"), "never labelled official");
            let json: serde_json::Value =
                serde_json::from_str(&rows_json(&rows, &dataset, "2023-Q2", lang)).expect("JSON");
            assert_eq!(json["provenance"], "user_supplied");
            assert_eq!(json["source"]["name"], "data.example.org:8443");
            assert_eq!(
                json["source"]["url"],
                "https://data.example.org:8443/so-lieu/x.csv?v=2"
            );
        }
        let json: serde_json::Value =
            serde_json::from_str(&rows_json(&rows, &dataset, "2023-Q2", Lang::En)).expect("JSON");
        assert!(json["notice"]
            .as_str()
            .unwrap_or_default()
            .starts_with("USER-SUPPLIED DATA, NOT VERIFIED"));
    }

    #[test]
    fn a_users_file_is_named_as_theirs() {
        let (rows, dataset) = user_dataset(Source {
            name: "so-lieu-phuong.xlsx".into(),
            url: None,
        });
        let csv = rows_csv(&rows, &dataset, "2023-Q2", Lang::Vi);
        assert!(
            csv.lines()
                .nth(1)
                .unwrap_or_default()
                .ends_with(",tệp của bạn (so-lieu-phuong.xlsx)"),
            "{csv:.400}"
        );
        let pasted = Source {
            name: String::new(),
            url: None,
        };
        assert_eq!(supplier(&pasted, Lang::En), "your file");
        assert_eq!(supplier(&pasted, Lang::Vi), "tệp của bạn");
    }
}
