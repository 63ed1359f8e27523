//! Importing anyone's ward data: a file (CSV, TSV, text, XLSX, JSON) or a
//! pasted table, read the way Vietnamese spreadsheets really are, mapped to
//! columns, matched to the 175 pilot wards, and turned into a dataset in the
//! documented format (`docs/data-format.md` §3), which then goes through the
//! same validation as the bundled files.
//!
//! The types in this module (requests, outcomes, the match report) are always
//! compiled, because the browser app shows them; the work itself (decoding,
//! reading tables, XLSX, matching) is behind the `import` feature, compiled
//! only into the import worker and the `ward-import` checker, so it never
//! grows the home view's first download.
//!
//! Pipeline: [`decode`] bytes → text (encoding detected and named) →
//! [`table`] / [`xlsx`] text or workbook → [`Sheet`] → [`mapping`] which
//! column is what → [`matching`] each row to a ward → [`report`] one
//! [`RowReport`] per data row → [`pipeline::run`] the dataset JSON.

use serde::{Deserialize, Serialize};

use crate::dataset::Direction;

#[cfg(feature = "import")]
pub mod decode;
#[cfg(feature = "import")]
pub mod mapping;
#[cfg(feature = "import")]
pub mod matching;
#[cfg(feature = "import")]
pub mod numbers;
#[cfg(feature = "import")]
pub mod pipeline;
#[cfg(feature = "import")]
pub mod table;
#[cfg(feature = "import")]
pub mod xlsx;

pub mod report;

pub use report::{Candidate, ImportNotice, MatchHow, MatchStatus, RowReport};

/// One cell of a [`Sheet`] as read, before any column is interpreted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Cell {
    Empty,
    /// Text as read, already NFC, with its surrounding spaces kept (matching
    /// trims them). From CSV every cell is text; numbers are parsed by column.
    Text(String),
    /// A number stored as a number (XLSX). `percent` when the cell's number
    /// format shows it as a percentage: 0.919 shown as "91.9%" is read as
    /// 91.9 by the value columns.
    Number {
        value: f64,
        percent: bool,
    },
}

/// A table as read from a file or a paste: a header row and data rows.
/// Rows are padded with [`Cell::Empty`] to the header's width.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sheet {
    /// Header texts (NFC, trimmed, BOM removed), one per column.
    pub headers: Vec<String>,
    /// Data rows; row `i` of this vector is data row `i + 1` in reports.
    pub rows: Vec<Vec<Cell>>,
}

/// How a column is used. A column has at most one role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    /// Column (0-based index into `Sheet::headers`) of GSO ward codes.
    pub code: Option<usize>,
    /// Column of ward names.
    pub name: Option<usize>,
    /// Column of district names (or codes), used to tell apart wards that
    /// share a name.
    pub district: Option<usize>,
    /// Column of values (long format: one value per row).
    pub value: Option<usize>,
    pub numerator: Option<usize>,
    pub denominator: Option<usize>,
    /// Column of period ids or labels (long format).
    pub period: Option<usize>,
    /// Wide format: columns that each hold one period's values, with the
    /// period id read from the header (e.g. "2022-Q3", "Quý 3/2022").
    pub wide_periods: Vec<(usize, String)>,
}

/// What the user says about the data: goes into the dataset's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Title, in the user's words (used for both languages unless `title_en`).
    pub title: String,
    pub title_en: Option<String>,
    /// Unit, e.g. "%" or "hồ sơ".
    pub unit: String,
    pub direction: Direction,
    /// Period of every value when the file has no period column
    /// (a period id: "2024", "2024-Q3", "2024-07").
    pub period: Option<String>,
}

/// The user's answer for one data row the matcher could not (or should not)
/// decide: a ward code, or `None` to leave the row out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowFix {
    /// 1-based data row, as in [`RowReport::row`].
    pub row: usize,
    pub code: Option<String>,
}

/// Where the data came from, for its provenance label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Origin {
    /// A published file: the URL as given.
    Url(String),
    /// A file the user picked or dropped: its file name.
    File(String),
    /// Cells pasted into the text box.
    Paste,
}

/// One request to the import pipeline. The pipeline is a pure function of
/// the request, so the worker keeps no state between requests: changing the
/// mapping or fixing a row sends the whole request again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    pub origin: Origin,
    /// Sheet to read from an XLSX workbook (default: the first).
    pub sheet: Option<String>,
    /// The column mapping; `None` asks the pipeline to guess it.
    pub mapping: Option<Mapping>,
    /// Title, unit, direction; `None` uses defaults the user can change.
    pub meta: Option<Meta>,
    pub fixes: Vec<RowFix>,
    /// Convert text that looks like a legacy font encoding (TCVN3, VNI) or
    /// double-decoded UTF-8 when the pipeline offers it.
    pub convert_legacy: bool,
}

/// What the pipeline returns: everything the page shows about the import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// The encoding as named on screen, e.g. "UTF-8", "UTF-16 LE",
    /// "Windows-1258", "XLSX".
    pub encoding: String,
    /// Notices about the reading (encoding detected, legacy text converted,
    /// decimal comma read…), in reading order.
    pub notices: Vec<ImportNotice>,
    /// Sheet names of a workbook (empty for text).
    pub sheets: Vec<String>,
    pub headers: Vec<String>,
    /// The mapping used (the guess, or the request's).
    pub mapping: Mapping,
    pub meta: Meta,
    /// One entry per data row of the sheet.
    pub report: Vec<RowReport>,
    /// The dataset in the documented JSON format, when at least one row was
    /// matched with a value; it still has to pass `Dataset::parse`.
    pub dataset_json: Option<String>,
    /// Why the file cannot be shown, when it cannot (then `dataset_json` is
    /// `None`). Empty when it can.
    pub fatal: Vec<ImportNotice>,
}
