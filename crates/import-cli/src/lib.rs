//! The `ward-import` checker: the browser's import pipeline, run natively.
//!
//! [`check`] runs exactly what the import worker runs in the browser
//! ([`ward_domain::import::pipeline::run`]: reading and decoding, the column
//! guess, ward matching) and then the validation every dataset goes through
//! ([`Dataset::parse`]), against the registry the app ships
//! (`public/data/wards.json`, embedded at build time). [`human_report`] and
//! [`json_lines`] print the result; `src/main.rs` is the command line.
//!
//! JSON output (`--json`), one object per line:
//! - one object per data row of the sheet, in order: the match report's
//!   [`RowReport`] as the app receives it (`row` 1-based data row, `input`,
//!   `status` one of `matched` `ambiguous` `unmatched` `duplicate`
//!   `out_of_scope`, `code` the GSO code or null, `how` or null,
//!   `candidates` [{code, name, district}], `reason` {code, vi, en} or null),
//!   plus `values` [{period, value}] of a matched row as the dataset holds
//!   them (after decimal commas, "%" and percent cells are read);
//! - then, LAST, one object `{"summary": {...}}` with the file-level result:
//!   `file`, `encoding`, `sheets`, `headers`, `mapping`, `meta`, `notices`
//!   and `fatal` (each {code, vi, en}), `can_show`, `problems` and
//!   `warnings` of the validation (strings), `rows`, `counts` per status.
//!   A reader can tell it apart from a row by its only key, `summary`.
//!
//! Native only: see Cargo.toml (the package compiles to nothing for wasm32).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{json, Value};
use ward_domain::dataset::{Dataset, Direction};
use ward_domain::import::{
    ImportNotice, ImportOutcome, ImportRequest, Mapping, MatchHow, MatchStatus, Meta, Origin,
    RowReport,
};
use ward_domain::{Problem, Registry};

/// The registry of the 175 pilot wards, as the app serves it.
pub const WARDS_JSON: &str = include_str!("../../../public/data/wards.json");

/// The embedded registry, parsed. The file is checked by the domain's own
/// tests and by `tests/corpus.rs`; it is part of the program, not input.
pub fn registry() -> Registry {
    Registry::parse(WARDS_JSON)
        .unwrap_or_else(|problems| panic!("the embedded wards.json is invalid: {problems:?}"))
}

/// The request the app sends first for a file: everything guessed, no
/// fixes. `sheet` picks a workbook's sheet; `convert_legacy` accepts the
/// conversion of legacy-font (TCVN3, VNI) or double-decoded text the
/// pipeline offers.
pub fn request_for(file_name: &str, sheet: Option<String>, convert_legacy: bool) -> ImportRequest {
    ImportRequest {
        origin: Origin::File(file_name.to_owned()),
        sheet,
        mapping: None,
        meta: None,
        fixes: Vec::new(),
        convert_legacy,
    }
}

/// What a publisher says about the figures on the command line, as the app
/// asks in its form: each `None` keeps the pipeline's default (its guess of
/// the title and unit, higher is better, the period read from the file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetaChoice {
    /// A period id or label: "2024", "2024-Q3", "Quý 3/2024", "2024-07".
    pub period: Option<String>,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub direction: Option<Direction>,
}

impl MetaChoice {
    fn is_empty(&self) -> bool {
        *self == MetaChoice::default()
    }
}

/// [`check`] as the app does it when the user fills in the form: first with
/// the pipeline's defaults, then, if `choice` says anything, once more with
/// the defaults the first run returned, changed as `choice` says (the
/// pipeline is a pure function of the request; the app sends it again).
pub fn check_with(
    bytes: &[u8],
    request: &ImportRequest,
    choice: &MetaChoice,
    registry: &Registry,
) -> Checked {
    let first = check(bytes, request, registry);
    if choice.is_empty() {
        return first;
    }
    let defaults = first.outcome.meta;
    let meta = Meta {
        title: choice.title.clone().unwrap_or(defaults.title),
        title_en: defaults.title_en,
        unit: choice.unit.clone().unwrap_or(defaults.unit),
        direction: choice.direction.unwrap_or(defaults.direction),
        period: choice.period.clone().or(defaults.period),
    };
    let request = ImportRequest {
        meta: Some(meta),
        ..request.clone()
    };
    check(bytes, &request, registry)
}

/// What validation said of the pipeline's dataset.
#[derive(Debug)]
pub enum Validation {
    /// The pipeline produced no dataset (see `ImportOutcome::fatal`).
    NoDataset,
    /// `Dataset::parse` accepted it: the app can show it.
    Valid {
        dataset: Box<Dataset>,
        warnings: Vec<Problem>,
    },
    /// `Dataset::parse` refused it: the app cannot show it.
    Invalid(Vec<Problem>),
}

/// The pipeline's outcome and the validation of its dataset.
#[derive(Debug)]
pub struct Checked {
    pub outcome: ImportOutcome,
    pub validation: Validation,
}

impl Checked {
    /// Whether the app can show the file: a dataset that passes validation.
    pub fn can_show(&self) -> bool {
        matches!(self.validation, Validation::Valid { .. })
    }

    /// Values of ward `code` in the dataset: (period, value), in the
    /// dataset's order. Empty when the file cannot be shown.
    pub fn values_of(&self, code: &str) -> Vec<(String, Option<f64>)> {
        match &self.validation {
            Validation::Valid { dataset, .. } => dataset
                .values
                .iter()
                .filter(|o| o.area.as_str() == code)
                .map(|o| (o.period.as_str().to_owned(), o.value))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Rows per status, in the order of [`STATUSES`].
    pub fn counts(&self) -> Vec<(MatchStatus, usize)> {
        STATUSES
            .iter()
            .map(|&s| {
                let n = self.outcome.report.iter().filter(|r| r.status == s).count();
                (s, n)
            })
            .collect()
    }
}

/// Every status, in report order.
pub const STATUSES: [MatchStatus; 5] = [
    MatchStatus::Matched,
    MatchStatus::Ambiguous,
    MatchStatus::Unmatched,
    MatchStatus::Duplicate,
    MatchStatus::OutOfScope,
];

/// Reads, matches and validates `bytes` exactly as the app does.
pub fn check(bytes: &[u8], request: &ImportRequest, registry: &Registry) -> Checked {
    let outcome = ward_domain::import::pipeline::run(bytes, request, registry);
    let validation = match &outcome.dataset_json {
        None => Validation::NoDataset,
        Some(json) => match Dataset::parse(json, registry) {
            Ok(loaded) => Validation::Valid {
                dataset: Box::new(loaded.value),
                warnings: loaded.warnings,
            },
            Err(problems) => Validation::Invalid(problems),
        },
    };
    Checked {
        outcome,
        validation,
    }
}

/// Language of the human report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    fn notice(self, notice: &ImportNotice) -> String {
        format!(
            "{} [{}]",
            self.pick(&notice.vi, &notice.en).trim(),
            notice.code
        )
    }
}

/// The machine name of a status, as in the JSON output.
pub fn status_name(status: MatchStatus) -> &'static str {
    match status {
        MatchStatus::Matched => "matched",
        MatchStatus::Ambiguous => "ambiguous",
        MatchStatus::Unmatched => "unmatched",
        MatchStatus::Duplicate => "duplicate",
        MatchStatus::OutOfScope => "out_of_scope",
    }
}

fn status_label(lang: Lang, status: MatchStatus) -> &'static str {
    match status {
        MatchStatus::Matched => lang.pick("khớp", "matched"),
        MatchStatus::Ambiguous => lang.pick("chưa rõ", "ambiguous"),
        MatchStatus::Unmatched => lang.pick("không khớp", "unmatched"),
        MatchStatus::Duplicate => lang.pick("trùng", "duplicate"),
        MatchStatus::OutOfScope => lang.pick("ngoài phạm vi", "out of scope"),
    }
}

fn how_label(lang: Lang, how: MatchHow) -> &'static str {
    match how {
        MatchHow::Code => lang.pick("theo mã", "by code"),
        MatchHow::CodeAndName => lang.pick("theo mã, tên khớp", "by code, name agrees"),
        MatchHow::ExactName => lang.pick("đúng tên", "exact name"),
        MatchHow::FoldedName => lang.pick(
            "theo tên (bỏ dấu, hoa/thường, cách viết)",
            "by name (diacritics, case or spelling aside)",
        ),
        MatchHow::NameWithDistrict => lang.pick("theo tên và quận", "by name and district"),
        MatchHow::Fixed => lang.pick("do người dùng chọn", "fixed by the user"),
    }
}

/// `name (district)` of a ward code, from the registry.
fn ward_label(registry: &Registry, code: &str) -> String {
    match registry.ward(code) {
        Some(ward) => {
            let district = registry
                .district(&ward.district)
                .map(|d| d.name.as_str())
                .unwrap_or("?");
            format!("{} ({district})", ward.name)
        }
        None => "?".to_owned(),
    }
}

fn mapping_lines(lang: Lang, mapping: &Mapping, headers: &[String]) -> Vec<String> {
    let column = |i: usize| match headers.get(i) {
        Some(h) => format!("\"{h}\" ({} {})", lang.pick("cột", "column"), i + 1),
        None => format!("{} {}", lang.pick("cột", "column"), i + 1),
    };
    let roles = [
        (lang.pick("mã phường", "ward code"), mapping.code),
        (lang.pick("tên phường", "ward name"), mapping.name),
        (lang.pick("quận", "district"), mapping.district),
        (lang.pick("giá trị", "value"), mapping.value),
        (lang.pick("tử số", "numerator"), mapping.numerator),
        (lang.pick("mẫu số", "denominator"), mapping.denominator),
        (lang.pick("kỳ", "period"), mapping.period),
    ];
    let mut lines: Vec<String> = roles
        .iter()
        .filter_map(|(role, col)| col.map(|i| format!("{role}: {}", column(i))))
        .collect();
    for (i, period) in &mapping.wide_periods {
        lines.push(format!(
            "{} {period}: {}",
            lang.pick("giá trị kỳ", "value of period"),
            column(*i)
        ));
    }
    if lines.is_empty() {
        lines.push(
            lang.pick("(không nhận ra cột nào)", "(no column recognised)")
                .to_owned(),
        );
    }
    lines
}

fn format_value(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v}"),
        None => "—".to_owned(),
    }
}

/// Validation warnings the human report lists before summing up the rest.
const WARNINGS_SHOWN: usize = 5;

/// The match report for people: the reading (encoding, notices), the column
/// guess, every row (status, how, code and ward, values or candidates and
/// the reason), and whether the file can be shown, with the validation's
/// problems.
pub fn human_report(file: &str, checked: &Checked, registry: &Registry, lang: Lang) -> String {
    let outcome = &checked.outcome;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(format!("ward-import: {file}"));
    line(format!(
        "{}: {}",
        lang.pick("Mã hoá ký tự", "Encoding"),
        outcome.encoding
    ));
    if !outcome.sheets.is_empty() {
        line(format!(
            "{}: {}",
            lang.pick("Trang tính", "Sheets"),
            outcome.sheets.join(", ")
        ));
    }
    if !outcome.notices.is_empty() {
        line(format!("{}:", lang.pick("Lưu ý khi đọc", "Notices")));
        for n in &outcome.notices {
            line(format!("  - {}", lang.notice(n)));
        }
    }
    line(format!(
        "{}:",
        lang.pick("Các cột (đoán)", "Columns (guessed)")
    ));
    for l in mapping_lines(lang, &outcome.mapping, &outcome.headers) {
        line(format!("  {l}"));
    }
    let counts = checked
        .counts()
        .into_iter()
        .map(|(s, n)| format!("{n} {}", status_label(lang, s)))
        .collect::<Vec<_>>()
        .join(", ");
    line(format!(
        "{}: {} ({counts})",
        lang.pick("Dòng dữ liệu", "Data rows"),
        outcome.report.len()
    ));
    for n in &outcome.fatal {
        line(format!(
            "{}: {}",
            lang.pick("Không thể hiển thị", "Cannot be shown"),
            lang.notice(n)
        ));
    }
    for r in &outcome.report {
        line(row_line(lang, checked, registry, r));
        if let Some(reason) = &r.reason {
            line(format!("      {}", lang.notice(reason)));
        }
        if !r.candidates.is_empty() {
            let label = match r.status {
                MatchStatus::Ambiguous => lang.pick("có thể là", "could be"),
                _ => lang.pick("tên gần nhất", "nearest names"),
            };
            let list = r
                .candidates
                .iter()
                .map(|c| format!("{} {} ({})", c.code, c.name, c.district))
                .collect::<Vec<_>>()
                .join("; ");
            line(format!("      {label}: {list}"));
        }
    }
    match &checked.validation {
        Validation::Valid { dataset, warnings } => {
            let wards: std::collections::BTreeSet<&str> =
                dataset.values.iter().map(|o| o.area.as_str()).collect();
            line(format!(
                "{}: {} {}, {} {} ({})",
                lang.pick("Hiển thị được", "Can be shown"),
                wards.len(),
                lang.pick("phường", "wards"),
                dataset.periods.len(),
                lang.pick("kỳ", "periods"),
                dataset.periods.join(", ")
            ));
            // A file of a few wards has a warning for each of the other
            // 170 ("no row for 2024"): the first few say what they are.
            for w in warnings.iter().take(WARNINGS_SHOWN) {
                line(format!("  - {w}"));
            }
            if warnings.len() > WARNINGS_SHOWN {
                line(format!(
                    "  - {} {}",
                    warnings.len() - WARNINGS_SHOWN,
                    lang.pick(
                        "cảnh báo nữa (--json liệt kê tất cả)",
                        "more warnings (--json lists them all)"
                    )
                ));
            }
        }
        Validation::Invalid(problems) => {
            line(format!(
                "{}:",
                lang.pick(
                    "Không thể hiển thị: dữ liệu không qua kiểm tra",
                    "Cannot be shown: the dataset fails validation"
                )
            ));
            for p in problems {
                line(format!("  - {p}"));
            }
        }
        Validation::NoDataset if outcome.fatal.is_empty() => line(
            lang.pick(
                "Không thể hiển thị: không dòng nào khớp với một phường và có giá trị",
                "Cannot be shown: no row was matched to a ward with a value",
            )
            .to_owned(),
        ),
        Validation::NoDataset => {}
    }
    out
}

fn row_line(lang: Lang, checked: &Checked, registry: &Registry, r: &RowReport) -> String {
    let mut s = format!(
        "  {:>4}  {:<13} {:<5}  \"{}\"",
        r.row,
        status_label(lang, r.status),
        r.code.as_deref().unwrap_or("—"),
        r.input
    );
    if let Some(code) = &r.code {
        s.push_str(&format!(" → {}", ward_label(registry, code)));
    }
    if let Some(how) = r.how {
        s.push_str(&format!(", {}", how_label(lang, how)));
    }
    if r.status == MatchStatus::Matched {
        if let Some(code) = &r.code {
            let values = checked.values_of(code);
            if !values.is_empty() {
                let list = values
                    .iter()
                    .map(|(p, v)| format!("{p}: {}", format_value(*v)))
                    .collect::<Vec<_>>()
                    .join(", ");
                s.push_str(&format!(" [{list}]"));
            }
        }
    }
    s
}

#[derive(Serialize)]
struct PeriodValue<'a> {
    period: &'a str,
    value: Option<f64>,
}

/// One JSON object per row, then the summary object (see the crate's docs).
/// Each line is a complete JSON object; the text ends with a newline.
pub fn json_lines(file: &str, checked: &Checked) -> String {
    let mut out = String::new();
    for r in &checked.outcome.report {
        let mut object = serde_json::to_value(r).unwrap_or(Value::Null);
        if let (Value::Object(map), MatchStatus::Matched, Some(code)) =
            (&mut object, r.status, &r.code)
        {
            let values = checked.values_of(code);
            let values: Vec<PeriodValue> = values
                .iter()
                .map(|(period, value)| PeriodValue {
                    period,
                    value: *value,
                })
                .collect();
            map.insert("values".into(), json!(values));
        }
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out.push_str(&summary(file, checked).to_string());
    out.push('\n');
    out
}

fn summary(file: &str, checked: &Checked) -> Value {
    let outcome = &checked.outcome;
    let (problems, warnings): (Vec<String>, Vec<String>) = match &checked.validation {
        Validation::NoDataset => (Vec::new(), Vec::new()),
        Validation::Valid { warnings, .. } => {
            (Vec::new(), warnings.iter().map(|p| p.to_string()).collect())
        }
        Validation::Invalid(problems) => {
            (problems.iter().map(|p| p.to_string()).collect(), Vec::new())
        }
    };
    let counts: BTreeMap<&str, usize> = checked
        .counts()
        .into_iter()
        .map(|(s, n)| (status_name(s), n))
        .collect();
    json!({
        "summary": {
            "file": file,
            "encoding": outcome.encoding,
            "sheets": outcome.sheets,
            "headers": outcome.headers,
            "mapping": outcome.mapping,
            "meta": outcome.meta,
            "notices": outcome.notices,
            "fatal": outcome.fatal,
            "can_show": checked.can_show(),
            "problems": problems,
            "warnings": warnings,
            "rows": outcome.report.len(),
            "counts": counts,
        }
    })
}
