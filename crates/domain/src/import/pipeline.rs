//! The import pipeline: bytes → [`ImportOutcome`], a pure function of the
//! request (the worker keeps no state; changing the mapping or fixing a row
//! sends the whole request again).
//!
//! read ([`super::table::read`]) → a JSON dataset is validated as it is,
//! with its provenance forced to `user_supplied` → else the column mapping
//! (the request's, or [`super::mapping::guess`]) → the metadata (the
//! request's, or defaults) → every row matched ([`super::matching`]), the
//! user's fixes applied, duplicates marked → values read with their column's
//! number style → the dataset JSON in the documented format
//! (docs/data-format.md §3) → checked by [`Dataset::parse`], whose problems
//! become fatal notices naming the row and column.
//!
//! **Periods.** From the period column, or the period headers of a wide
//! file, or `Meta::period`; failing those, a year written in the value
//! column's header, the title or the file name ("Tỷ lệ 2023 (%)",
//! "ho-so-2024.csv"), with a notice saying so; failing that, the outcome
//! has the fatal notice `period-needed` and the page asks for the period.
//! There is no silent default: a map of the wrong year is worse than a
//! question.
//!
//! **Values.** An empty cell (or "-", "NA"…) gives no row for that ward and
//! period (shown as no data); text that is not a number is a fatal notice
//! naming the row and column. Unit "%" gives the `percent` style when every
//! value lies in 0–100 (else `decimal`, so a 105% is shown, not refused).
//! A file with a numerator and a denominator but no value column gets the
//! share, 100 × numerator / denominator, in %.

use std::collections::{HashMap, HashSet};

use serde_json::{json, Map, Value};

use super::decode::diagnose_mojibake;
use super::mapping::{guess, parse_period_label};
use super::matching::{Matcher, RowInput, Verdict};
use super::numbers::{infer_column_style, parse_number, NumberStyle as CellStyle};
use super::report::{ImportNotice, MatchHow, MatchStatus, RowReport};
use super::table::{read, Read};
use super::{Cell, ImportOutcome, ImportRequest, Mapping, Meta, Origin, Sheet};
use crate::dataset::{is_web_url, Dataset, Direction};
use crate::fold::fold;
use crate::period::{Period, PeriodType};
use crate::registry::Registry;

fn notice(code: &str, vi: impl Into<String>, en: impl Into<String>) -> ImportNotice {
    ImportNotice {
        code: code.to_string(),
        vi: vi.into(),
        en: en.into(),
    }
}

/// The source named in the dataset: the URL's host, the file name, or
/// "pasted".
pub fn source_name(origin: &Origin) -> String {
    match origin {
        Origin::Url(url) => {
            let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            let host = host.rsplit('@').next().unwrap_or(host);
            if host.is_empty() || !url.contains("://") {
                url.clone()
            } else {
                host.to_string()
            }
        }
        Origin::File(name) => name.clone(),
        Origin::Paste => "Dán từ bảng tính / Pasted".to_string(),
    }
}

fn origin_text(origin: &Origin) -> &str {
    match origin {
        Origin::Url(u) => u,
        Origin::File(f) => f,
        Origin::Paste => "",
    }
}

/// "user-" and the title in lowercase ASCII with hyphens, at most 64 long.
pub fn dataset_id(title: &str) -> String {
    let mut slug = String::new();
    for c in fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let mut id = format!("user-{}", if slug.is_empty() { "data" } else { slug });
    id.truncate(64);
    id.trim_end_matches('-').to_string()
}

fn cell_text(cell: Option<&Cell>) -> Option<String> {
    match cell? {
        Cell::Empty => None,
        Cell::Text(t) if t.trim().is_empty() => None,
        Cell::Text(t) => Some(t.clone()),
        Cell::Number { value, .. } => Some(value.to_string()),
    }
}

/// A year 1900–2100 written as a word of `text` ("Tỷ lệ 2023 (%)",
/// "ho-so-2024.csv").
fn year_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y)))
        .map(str::to_string)
}

fn period_type_of(id: &str) -> PeriodType {
    if id.contains('Q') {
        PeriodType::Quarter
    } else if id.len() == 4 {
        PeriodType::Year
    } else {
        PeriodType::Month
    }
}

/// Default metadata: the title from the value column's header (or the file
/// name), unit "%" when the header or the cells say so, higher is better.
pub fn default_meta(sheet: &Sheet, mapping: &Mapping, origin: &Origin) -> Meta {
    let header = mapping.value.and_then(|i| sheet.headers.get(i)).cloned();
    let stem = origin_text(origin)
        .rsplit('/')
        .next()
        .unwrap_or("")
        .split('?')
        .next()
        .unwrap_or("")
        .rsplit_once('.')
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let title = header
        .as_deref()
        .map(|h| h.replace("(%)", "").replace('_', " ").trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| (!stem.is_empty()).then(|| stem.replace(['_', '-'], " ")))
        .unwrap_or_else(|| "Dữ liệu của bạn".to_string());
    let value_cols: Vec<usize> = mapping
        .value
        .into_iter()
        .chain(mapping.wide_periods.iter().map(|(i, _)| *i))
        .collect();
    let share_only = mapping.value.is_none()
        && mapping.wide_periods.is_empty()
        && mapping.numerator.is_some()
        && mapping.denominator.is_some();
    let header_percent = share_only
        || header.as_deref().is_some_and(|h| {
            let f = fold(h);
            h.contains('%') || f.contains("ty le") || f.contains("ty_le") || f.contains("percent")
        });
    let cells_percent = sheet.rows.iter().any(|r| {
        value_cols.iter().any(|&i| match r.get(i) {
            Some(Cell::Text(t)) => t.trim_end().ends_with('%'),
            Some(Cell::Number { percent, .. }) => *percent,
            _ => false,
        })
    });
    Meta {
        title,
        title_en: None,
        unit: if header_percent || cells_percent {
            "%".into()
        } else {
            String::new()
        },
        direction: Direction::HigherIsBetter,
        period: None,
    }
}

/// Runs the whole pipeline. Never panics, whatever the bytes.
pub fn run(bytes: &[u8], request: &ImportRequest, registry: &Registry) -> ImportOutcome {
    let hint = match &request.origin {
        Origin::Paste => "dán / paste",
        other => origin_text(other),
    };
    match read(bytes, hint, request.sheet.as_deref()) {
        Err(why) => ImportOutcome {
            encoding: String::new(),
            notices: Vec::new(),
            sheets: Vec::new(),
            headers: Vec::new(),
            mapping: Mapping::default(),
            meta: request.meta.clone().unwrap_or(Meta {
                title: String::new(),
                title_en: None,
                unit: String::new(),
                direction: Direction::HigherIsBetter,
                period: None,
            }),
            report: Vec::new(),
            dataset_json: None,
            fatal: vec![why],
        },
        Ok(Read::Json(text)) => from_json(&text, request, registry),
        Ok(Read::Table {
            sheet,
            encoding,
            notices,
            sheets,
        }) => from_sheet(sheet, encoding, notices, sheets, request, registry),
    }
}

/// A dataset file in the documented format: validated as it is, labelled
/// as supplied by the user.
fn from_json(text: &str, request: &ImportRequest, registry: &Registry) -> ImportOutcome {
    let mut fatal = Vec::new();
    let mut json_out = None;
    let mut meta = Meta {
        title: String::new(),
        title_en: None,
        unit: String::new(),
        direction: Direction::HigherIsBetter,
        period: None,
    };
    match serde_json::from_str::<Value>(text) {
        Err(e) => fatal.push(notice(
            "json-invalid",
            format!("Tệp JSON không hợp lệ (dòng {}, cột {}): {e}", e.line(), e.column()),
            format!("The JSON file is not valid (line {}, column {}): {e}", e.line(), e.column()),
        )),
        Ok(Value::Object(mut obj)) => {
            obj.insert("provenance".into(), json!("user_supplied"));
            let mut source = Map::new();
            source.insert("name".into(), json!(source_name(&request.origin)));
            if let Origin::Url(url) = &request.origin {
                if is_web_url(url) {
                    source.insert("url".into(), json!(url));
                }
            }
            obj.insert("source".into(), Value::Object(source));
            let out = serde_json::to_string_pretty(&Value::Object(obj)).unwrap_or_default();
            match Dataset::parse(&out, registry) {
                Ok(loaded) => {
                    let d = loaded.value;
                    meta = Meta {
                        title: d.title.vi.clone(),
                        title_en: Some(d.title.en.clone()),
                        unit: d.unit.vi.clone(),
                        direction: d.direction,
                        period: None,
                    };
                    json_out = Some(out);
                }
                Err(problems) => fatal.extend(problems.iter().map(|p| {
                    notice(
                        "dataset-invalid",
                        format!("{}: {}", p.location, p.message),
                        format!("{}: {}", p.location, p.message),
                    )
                })),
            }
        }
        Ok(_) => fatal.push(notice(
            "json-not-dataset",
            "Tệp JSON không phải là một bộ dữ liệu (cần một đối tượng {…} theo định dạng đã công bố).",
            "The JSON file is not a dataset (expected an object {…} in the documented format).",
        )),
    }
    ImportOutcome {
        encoding: "UTF-8".into(),
        notices: Vec::new(),
        sheets: Vec::new(),
        headers: Vec::new(),
        mapping: Mapping::default(),
        meta,
        report: Vec::new(),
        dataset_json: json_out,
        fatal,
    }
}

/// Keeps only the mapping's columns that exist in the sheet.
fn clamp(mut m: Mapping, ncols: usize) -> Mapping {
    for slot in [
        &mut m.code,
        &mut m.name,
        &mut m.district,
        &mut m.value,
        &mut m.numerator,
        &mut m.denominator,
        &mut m.period,
    ] {
        if slot.is_some_and(|i| i >= ncols) {
            *slot = None;
        }
    }
    m.wide_periods.retain(|(i, _)| *i < ncols);
    m
}

/// One value to write: the ward, the period, the numbers, and where it came
/// from (for problems).
struct Obs {
    code: String,
    period: String,
    value: f64,
    numerator: Option<f64>,
    denominator: Option<f64>,
    row: usize,
    column: usize,
}

/// Converts every text cell that reads as legacy-font or double-decoded
/// text (when the user accepted the conversion); returns how many.
fn convert_cells(sheet: &mut Sheet) -> usize {
    let mut count = 0;
    for cell in sheet.rows.iter_mut().flatten() {
        if let Cell::Text(t) = cell {
            if let Some(m) = diagnose_mojibake(t) {
                *t = m.converted;
                count += 1;
            }
        }
    }
    count
}

fn from_sheet(
    mut sheet: Sheet,
    encoding: String,
    mut notices: Vec<ImportNotice>,
    sheets: Vec<String>,
    request: &ImportRequest,
    registry: &Registry,
) -> ImportOutcome {
    if request.convert_legacy {
        let n = convert_cells(&mut sheet);
        if n > 0 {
            notices.push(notice(
                "legacy-converted",
                format!("Đã chuyển mã {n} ô có chữ bị đọc sai bảng mã (TCVN3, VNI hoặc UTF-8 đọc thành Windows-1252)."),
                format!("Converted {n} cells of text read in the wrong encoding (TCVN3, VNI or UTF-8 read as Windows-1252)."),
            ));
        }
    }
    let ncols = sheet.headers.len();
    let mapping = clamp(
        request.mapping.clone().unwrap_or_else(|| guess(&sheet)),
        ncols,
    );
    let defaults = default_meta(&sheet, &mapping, &request.origin);
    let mut meta = request.meta.clone().unwrap_or_else(|| defaults.clone());
    if meta.title.trim().is_empty() {
        meta.title = defaults.title.clone();
    }
    let mut fatal = Vec::new();
    let header = |i: usize| sheet.headers.get(i).cloned().unwrap_or_default();

    if mapping.code.is_none() && mapping.name.is_none() {
        fatal.push(notice(
            "no-ward-column",
            "Không tìm thấy cột mã phường hay tên phường: hãy chọn cột nào là phường.",
            "No ward code or ward name column was found: choose the column that names the ward.",
        ));
    }
    // Only a numerator and a denominator: the value is their share, in %.
    let share_only = mapping.value.is_none()
        && mapping.wide_periods.is_empty()
        && mapping.numerator.is_some()
        && mapping.denominator.is_some();
    let value_column = mapping
        .value
        .or(if share_only { mapping.numerator } else { None });
    if value_column.is_none() && mapping.wide_periods.is_empty() {
        fatal.push(notice(
            "no-value-column",
            "Không tìm thấy cột giá trị: hãy chọn cột chứa số liệu.",
            "No value column was found: choose the column that holds the figures.",
        ));
    }

    // The single period of a long file without a period column.
    let mut single_period: Option<String> = None;
    if mapping.period.is_none() && mapping.wide_periods.is_empty() {
        if let Some(p) = &meta.period {
            match parse_period_label(p) {
                Some(id) => single_period = Some(id),
                None => fatal.push(notice(
                    "period-invalid",
                    format!("“{p}” không phải là kỳ: hãy ghi năm (2024), quý (2024-Q3 hoặc Quý 3/2024) hay tháng (2024-07)."),
                    format!("“{p}” is not a period: write a year (2024), a quarter (2024-Q3 or Quý 3/2024) or a month (2024-07)."),
                )),
            }
        } else {
            let from = [
                mapping.value.map(header).unwrap_or_default(),
                meta.title.clone(),
                origin_text(&request.origin)
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string(),
            ];
            if let Some((year, place)) =
                from.iter().find_map(|t| year_in(t).map(|y| (y, t.clone())))
            {
                notices.push(notice(
                    "period-from-text",
                    format!("Tệp không có cột kỳ: số liệu được coi là của năm {year} (lấy từ “{place}”). Có thể đổi kỳ."),
                    format!("The file has no period column: the figures are taken as {year} (read from “{place}”). You can change the period."),
                ));
                single_period = Some(year);
                meta.period = single_period.clone();
            } else {
                fatal.push(notice(
                    "period-needed",
                    "Tệp không có cột kỳ (năm, quý, tháng): hãy cho biết số liệu thuộc kỳ nào, ví dụ 2024 hoặc 2024-Q3.",
                    "The file has no period column (year, quarter, month): say which period the figures are for, e.g. 2024 or 2024-Q3.",
                ));
            }
        }
    }

    // Number styles of the value columns.
    let styles: HashMap<usize, CellStyle> = mapping
        .value
        .into_iter()
        .chain(mapping.numerator)
        .chain(mapping.denominator)
        .chain(mapping.wide_periods.iter().map(|(i, _)| *i))
        .map(|i| (i, infer_column_style(&sheet, i)))
        .collect();
    let mut styled: Vec<(&usize, &CellStyle)> = styles.iter().collect();
    styled.sort_by_key(|(i, _)| **i);
    for (i, style) in styled {
        if let Some(n) = style.notice(&header(*i)) {
            notices.push(n);
        }
    }

    let fixes: HashMap<usize, Option<String>> = request
        .fixes
        .iter()
        .map(|f| (f.row, f.code.clone()))
        .collect();
    let mut matcher = Matcher::new(registry);
    let mut report = Vec::with_capacity(sheet.rows.len());
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut observations: Vec<Obs> = Vec::new();
    let mut value_problems = 0usize;

    for (ri, row) in sheet.rows.iter().enumerate() {
        let row_no = ri + 1;
        let code = mapping.code.and_then(|i| cell_text(row.get(i)));
        let name = mapping.name.and_then(|i| cell_text(row.get(i)));
        let district = mapping.district.and_then(|i| cell_text(row.get(i)));
        let input = match (&code, &name) {
            (Some(c), Some(n)) => format!("{} · {}", c.trim(), super::matching::clean(n)),
            (None, Some(n)) => super::matching::clean(n),
            (Some(c), None) => c.trim().to_string(),
            (None, None) => String::new(),
        };
        let verdict = match fixes.get(&row_no) {
            Some(Some(fix)) if registry.ward(fix).is_some() => Verdict {
                status: MatchStatus::Matched,
                code: Some(fix.clone()),
                how: Some(MatchHow::Fixed),
                candidates: Vec::new(),
                reason: None,
            },
            Some(Some(fix)) => Verdict {
                status: MatchStatus::Unmatched,
                code: None,
                how: None,
                candidates: Vec::new(),
                reason: Some(notice(
                    "fix-unknown-code",
                    format!("{fix} không phải mã của phường nào trong 175 phường."),
                    format!("{fix} is not the code of any of the 175 wards."),
                )),
            },
            Some(None) => Verdict {
                status: MatchStatus::Unmatched,
                code: None,
                how: None,
                candidates: Vec::new(),
                reason: Some(notice(
                    "left-out",
                    "Dòng này được bỏ qua theo lựa chọn của bạn.",
                    "You left this row out.",
                )),
            },
            None => matcher.match_row(RowInput {
                code: code.as_deref(),
                name: name.as_deref(),
                district: district.as_deref(),
            }),
        };
        let mut rep = RowReport {
            row: row_no,
            input,
            status: verdict.status,
            code: verdict.code.clone(),
            how: verdict.how,
            candidates: verdict.candidates,
            reason: verdict.reason,
        };
        let Some(ward) = verdict
            .code
            .filter(|_| verdict.status == MatchStatus::Matched)
        else {
            report.push(rep);
            continue;
        };

        // The (period, column) pairs this row gives values for.
        let mut cells: Vec<(String, usize)> = Vec::new();
        if !mapping.wide_periods.is_empty() {
            cells.extend(mapping.wide_periods.iter().map(|(i, p)| (p.clone(), *i)));
        } else if let Some(vi) = value_column {
            if let Some(pi) = mapping.period {
                match cell_text(row.get(pi))
                    .as_deref()
                    .and_then(parse_period_label)
                {
                    Some(p) => cells.push((p, vi)),
                    None => {
                        let shown = cell_text(row.get(pi)).unwrap_or_default();
                        fatal.push(notice(
                            "period-unreadable",
                            format!("Dòng {row_no}, cột “{}”: “{shown}” không phải là kỳ (năm 2024, quý 2024-Q3 hay Quý 3/2024, tháng 2024-07).", header(pi)),
                            format!("Row {row_no}, column “{}”: “{shown}” is not a period (year 2024, quarter 2024-Q3 or Quý 3/2024, month 2024-07).", header(pi)),
                        ));
                    }
                }
            } else if let Some(p) = &single_period {
                cells.push((p.clone(), vi));
            }
        }

        // Duplicates: the same ward (and period) as an earlier row.
        let key_period = if mapping.period.is_some() {
            cells.first().map(|(p, _)| p.clone()).unwrap_or_default()
        } else {
            String::new()
        };
        if let Some(first) = seen.get(&(ward.clone(), key_period.clone())) {
            rep.status = MatchStatus::Duplicate;
            rep.reason = Some(notice(
                "duplicate",
                format!(
                    "Cùng phường {ward}{} với dòng {first}; giữ dòng {first}.",
                    if key_period.is_empty() {
                        String::new()
                    } else {
                        format!(", kỳ {key_period},")
                    }
                ),
                format!(
                    "Same ward {ward}{} as row {first}; row {first} is kept.",
                    if key_period.is_empty() {
                        String::new()
                    } else {
                        format!(" and period {key_period}")
                    }
                ),
            ));
            report.push(rep);
            continue;
        }
        seen.insert((ward.clone(), key_period), row_no);

        let parse = |col: usize| -> Result<Option<f64>, ImportNotice> {
            let style = styles.get(&col).copied().unwrap_or_default();
            parse_number(row.get(col).unwrap_or(&Cell::Empty), style)
        };
        let ratio = |c: Option<usize>| c.and_then(|c| parse(c).ok().flatten());
        for (period, col) in cells {
            let read = if share_only {
                match (ratio(mapping.numerator), ratio(mapping.denominator)) {
                    (Some(n), Some(d)) if d > 0.0 => Ok(Some(100.0 * n / d)),
                    _ => parse(col).and(Ok(None)),
                }
            } else {
                parse(col)
            };
            match read {
                Ok(Some(value)) => {
                    observations.push(Obs {
                        code: ward.clone(),
                        period,
                        value,
                        numerator: ratio(mapping.numerator),
                        denominator: ratio(mapping.denominator),
                        row: row_no,
                        column: col,
                    });
                }
                Ok(None) => {}
                Err(why) => {
                    value_problems += 1;
                    if value_problems <= 50 {
                        fatal.push(notice(
                            &why.code,
                            format!("Dòng {row_no}, cột “{}”: {}", header(col), why.vi),
                            format!("Row {row_no}, column “{}”: {}", header(col), why.en),
                        ));
                    }
                }
            }
        }
        report.push(rep);
    }
    if value_problems > 50 {
        fatal.push(notice(
            "value-not-a-number",
            format!("… và {} ô khác không phải là số.", value_problems - 50),
            format!(
                "… and {} more cells that are not numbers.",
                value_problems - 50
            ),
        ));
    }

    // A file of the units after 1 July 2025 is not a file of the pilot
    // wards, even where a new unit kept an old ward's name.
    let new_units = report
        .iter()
        .filter(|r| {
            r.reason
                .as_ref()
                .is_some_and(|n| n.code == "out-of-scope-2025")
        })
        .count();
    if new_units >= 3 || (new_units > 0 && new_units * 5 >= report.len()) {
        notices.push(notice(
            "units-2025",
            format!("{new_units} dòng là đơn vị hành chính sau sắp xếp ngày 1/7/2025: tệp có vẻ dùng đơn vị mới. Bảng điều khiển chỉ có 175 phường thí điểm năm 2021; phường mới trùng tên phường cũ có thể có địa giới khác."),
            format!("{new_units} rows are units created in the reorganisation of 1 July 2025: the file seems to use the new units. The dashboard has the 175 pilot wards of 2021 only; a new ward that kept an old ward's name may cover a different area."),
        ));
    }

    // Periods: one type, ascending.
    let mut periods: Vec<String> = observations
        .iter()
        .map(|o| o.period.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let types: HashSet<PeriodType> = periods.iter().map(|p| period_type_of(p)).collect();
    if types.len() > 1 {
        fatal.push(notice(
            "period-types-mixed",
            format!("Các kỳ lẫn lộn năm, quý và tháng ({}): một bộ dữ liệu chỉ có một loại kỳ.", periods.join(", ")),
            format!("The periods mix years, quarters and months ({}): a dataset has one kind of period.", periods.join(", ")),
        ));
    }
    let period_type = types.into_iter().next().unwrap_or(PeriodType::Year);
    periods.sort_by_key(|p| Period::parse(p, period_type));

    if observations.is_empty() && fatal.is_empty() {
        fatal.push(notice(
            "no-rows-matched",
            "Không dòng nào khớp với một phường và có giá trị: xem báo cáo khớp phường bên dưới.",
            "No row was matched to a ward with a value: see the match report below.",
        ));
    }

    let mut dataset_json = None;
    if fatal.is_empty() {
        let json = dataset_value(&meta, &request.origin, period_type, &periods, &observations);
        let text = serde_json::to_string_pretty(&json).unwrap_or_default();
        match Dataset::parse(&text, registry) {
            Ok(_) => dataset_json = Some(text),
            Err(problems) => {
                for p in problems {
                    let place = p
                        .location
                        .strip_prefix("$.values[")
                        .and_then(|r| r.split(']').next())
                        .and_then(|i| i.parse::<usize>().ok())
                        .and_then(|i| observations.get(i))
                        .map(|o| (o.row, header(o.column)));
                    fatal.push(match place {
                        Some((row, col)) => notice(
                            "dataset-invalid",
                            format!("Dòng {row}, cột “{col}”: {}", p.message),
                            format!("Row {row}, column “{col}”: {}", p.message),
                        ),
                        None => notice(
                            "dataset-invalid",
                            format!("{}: {}", p.location, p.message),
                            format!("{}: {}", p.location, p.message),
                        ),
                    });
                }
            }
        }
    }

    ImportOutcome {
        encoding,
        notices,
        sheets,
        headers: sheet.headers.clone(),
        mapping,
        meta,
        report,
        dataset_json,
        fatal,
    }
}

/// Decimals shown: the fewest (0–4) that show every value as read.
fn decimals(values: impl Iterator<Item = f64>) -> u8 {
    let mut d = 0u8;
    for v in values {
        while d < 4 {
            let scaled = v * 10f64.powi(i32::from(d));
            if (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0) {
                break;
            }
            d += 1;
        }
    }
    d
}

fn dataset_value(
    meta: &Meta,
    origin: &Origin,
    period_type: PeriodType,
    periods: &[String],
    obs: &[Obs],
) -> Value {
    let source = source_name(origin);
    let percent = meta.unit.trim() == "%" && obs.iter().all(|o| (0.0..=100.0).contains(&o.value));
    let style = if percent { "percent" } else { "decimal" };
    let title_en = meta
        .title_en
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| meta.title.clone());
    let mut src = Map::new();
    src.insert("name".into(), json!(source));
    if let Origin::Url(url) = origin {
        if is_web_url(url) {
            src.insert("url".into(), json!(url));
        }
    }
    let values: Vec<Value> = obs
        .iter()
        .map(|o| {
            let mut v = Map::new();
            v.insert("area".into(), json!(o.code));
            v.insert("period".into(), json!(o.period));
            v.insert("value".into(), json!(o.value));
            if let (Some(n), Some(d)) = (o.numerator, o.denominator) {
                v.insert("numerator".into(), json!(n));
                v.insert("denominator".into(), json!(d));
            }
            Value::Object(v)
        })
        .collect();
    json!({
        "format": crate::dataset::FORMAT,
        "version": crate::dataset::VERSION,
        "id": dataset_id(&meta.title),
        "title": {"vi": meta.title, "en": title_en},
        "description": {
            "vi": format!("Dữ liệu do người dùng cung cấp — chưa được kiểm chứng. Nguồn: {source}."),
            "en": format!("User-supplied, not verified. Source: {source}."),
        },
        "level": "ward",
        "unit": {"vi": meta.unit, "en": meta.unit},
        "number_format": {"style": style, "decimals": decimals(obs.iter().map(|o| o.value))},
        "direction": meta.direction,
        "group": "other",
        "period_type": period_type.name(),
        "periods": periods,
        "source": Value::Object(src),
        "licence": {"id": "unknown"},
        "provenance": "user_supplied",
        "values": values,
    })
}
