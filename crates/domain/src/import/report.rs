//! The match report: one [`RowReport`] per input row, and the notices of
//! the reading. Always compiled (the browser shows it); filled by
//! `matching` and `pipeline` (feature `import`).
//!
//! OWNER: helper "matching" fills in the details; the shapes below are the
//! contract between the pipeline, the worker, the CLI and the UI.

use serde::{Deserialize, Serialize};

/// What happened to one input row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchStatus {
    Matched,
    /// Several wards fit (shared name without district): the user picks.
    Ambiguous,
    /// No ward fits, or code and name disagree.
    Unmatched,
    /// Same ward (and period) as an earlier row.
    Duplicate,
    /// A real Hanoi unit that is not one of the 175 pilot wards (a commune,
    /// a district, a unit created in 2025).
    OutOfScope,
}

/// How a matched row was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchHow {
    /// By GSO code (padded), with no name column to check it.
    Code,
    /// By GSO code, and the name agrees.
    CodeAndName,
    /// By the name exactly as the registry spells it (after NFC and prefix).
    ExactName,
    /// By the name without diacritics, case, spacing or spelling variants.
    FoldedName,
    /// By the name, told apart by the district column.
    NameWithDistrict,
    /// By the user, in the match report.
    Fixed,
}

/// A ward the row could be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub code: String,
    pub name: String,
    pub district: String,
}

/// One input row of the match report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowReport {
    /// 1-based data row (the header is row 0).
    pub row: usize,
    /// The name or code as read (NFC), for display.
    pub input: String,
    pub status: MatchStatus,
    /// GSO code of the ward, when matched.
    pub code: Option<String>,
    pub how: Option<MatchHow>,
    /// Ambiguous: the wards it could be; unmatched: the three nearest names.
    pub candidates: Vec<Candidate>,
    /// Why, when not matched (or a warning when matched), in both languages.
    ///
    /// Codes (`matching` and `pipeline`): unmatched: `code-name-conflict`
    /// (code and name name different wards; candidates: both),
    /// `code-unknown-scheme` (6+ digits; the name only suggests),
    /// `code-not-pilot`, `code-invalid`, `code-district-conflict`,
    /// `not-in-district` (no such ward in the district column's district;
    /// never matched on the name alone), `district-unknown`,
    /// `district-conflict`, `unmatched-name` (candidates: three nearest),
    /// `mojibake-tcvn3` / `mojibake-vni` / `mojibake-utf8-as-cp1252` /
    /// `mojibake-windows-1258` (the conversion offered; candidates from the
    /// converted name), `lost-letters`, `empty-row`, `fix-unknown-code`,
    /// `left-out` (the user's fix dropped it); ambiguous: `ambiguous-name`;
    /// out of scope: `out-of-scope`, `out-of-scope-2025` (a unit created in
    /// 2025), `district-not-pilot`, or
    /// `code-name-conflict` (a pilot ward's code with another unit's name);
    /// duplicate: `duplicate` (names the first row); matched with a warning:
    /// `name-misspelt` (matched on the code), `name-also-other-unit` (the
    /// name is also a commune's or district's), or a mojibake code (matched
    /// on the code, the name unreadable).
    pub reason: Option<ImportNotice>,
}

/// A notice in both languages, with a stable machine-readable `code`
/// (e.g. "encoding-windows-1258", "legacy-tcvn3", "code-name-conflict").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportNotice {
    pub code: String,
    pub vi: String,
    pub en: String,
}
