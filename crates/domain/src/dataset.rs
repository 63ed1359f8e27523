//! A dataset: one indicator, its metadata and its values keyed by area code
//! and period (`public/data/datasets/*.json`, format in docs/data-format.md).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::json::{parse, Loaded};
use crate::period::{Period, PeriodType};
use crate::problem::Problem;
use crate::registry::Registry;

pub const FORMAT: &str = "hanoi-wards/dataset";
pub const VERSION: u32 = 1;

/// Most problems listed for one file: past this the file is clearly broken and
/// the reader needs the first few, not thousands.
pub const MAX_PROBLEMS: usize = 200;

/// A denominator below this makes a share unstable; the UI warns about it
/// (docs/data-format.md, "Small denominators").
pub const SMALL_DENOMINATOR: f64 = 20.0;

/// Text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    /// The text in `lang`; the Vietnamese text where the English one is
    /// empty, since every dataset must have Vietnamese but a publisher may
    /// not translate every note.
    pub fn get(&self, lang: crate::format::Lang) -> &str {
        match lang {
            crate::format::Lang::En if !self.en.trim().is_empty() => &self.en,
            _ => &self.vi,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ward,
    District,
    City,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    HigherIsBetter,
    LowerIsBetter,
}

/// The six groups of the national service index (Decision 766/QĐ-TTg), or other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Transparency,
    Timeliness,
    OnlineServices,
    OnlinePayment,
    Satisfaction,
    Digitisation,
    Other,
}

impl Group {
    /// The six 766 groups in the decision's order, with their maximum points.
    pub const INDEX_766: [(Group, u32); 6] = [
        (Group::Transparency, 18),
        (Group::Timeliness, 20),
        (Group::OnlineServices, 12),
        (Group::OnlinePayment, 10),
        (Group::Satisfaction, 18),
        (Group::Digitisation, 22),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    Official,
    Reported,
    Estimated,
    Synthetic,
    /// Figures someone brought to the page (a `?data=` or `?catalogue=`
    /// link, a file, a paste): "Dữ liệu do người dùng cung cấp — chưa được
    /// kiểm chứng". The app sets it on every such dataset whatever the file
    /// claims, so nobody's upload passes for official figures; the source
    /// (the URL's host, or the reader's own file) names who supplied them.
    UserSupplied,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberStyle {
    Percent,
    Decimal,
    Integer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct NumberFormat {
    pub style: NumberStyle,
    pub decimals: u8,
}

impl NumberFormat {
    /// Decimals as shown to readers: integers never show any. Ranking,
    /// classing and formatting all use this, so values that look equal tie.
    pub fn shown_decimals(self) -> u8 {
        match self.style {
            NumberStyle::Integer => 0,
            _ => self.decimals.min(4),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Range {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Source {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Licence {
    pub id: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// Why a value is missing. A missing value is never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingReason {
    NotApplicable,
    Suppressed,
    NotCollected,
    NotReported,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Provisional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct ReportedRank {
    pub rank: u32,
    pub of: u32,
}

/// One row of `values` as written in the file. Validation runs on this
/// form, so every message quotes the file; [`Observation`] is what is kept.
#[derive(Debug, Deserialize)]
#[serde(rename = "Observation")]
struct RawObservation {
    area: String,
    period: String,
    /// Required, but may be null (then `missing` says why).
    #[serde(deserialize_with = "Option::deserialize")]
    value: Option<f64>,
    #[serde(default)]
    numerator: Option<f64>,
    #[serde(default)]
    denominator: Option<f64>,
    #[serde(default)]
    missing: Option<MissingReason>,
    #[serde(default)]
    flag: Option<Flag>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    reported_rank: Option<ReportedRank>,
    #[serde(default)]
    derived: Option<bool>,
    #[serde(default)]
    source: Option<Source>,
}

/// One row of `values`: an area in a period.
///
/// Kept compactly, since a dataset has a row per ward per period (1,400 in
/// a bundled file) and a visit may hold many datasets: the area and period
/// are [`Code`]s (inline, no heap block), and the fields few rows have (a
/// note, a reported rank, a source of its own) share one optional box.
/// 96 bytes a row on 64-bit targets, against 208 and two heap blocks as the
/// file's plain structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The area's code: a ward (`00001`), district (`001`) or city code.
    pub area: Code,
    /// One of the dataset's `periods` (`2021-Q3`, `2023`, `2023-05`).
    pub period: Code,
    /// The value; `None` when missing (then `missing` says why).
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub missing: Option<MissingReason>,
    pub flag: Option<Flag>,
    pub derived: Option<bool>,
    rare: Option<Box<RareFields>>,
}

/// The fields of a row that most rows do not have.
#[derive(Debug, Clone, PartialEq)]
struct RareFields {
    note: Option<Text>,
    reported_rank: Option<ReportedRank>,
    source: Option<Source>,
}

impl Observation {
    /// Whether the share rests on so few cases that it is unstable.
    pub fn has_small_denominator(&self) -> bool {
        self.denominator.is_some_and(|d| d < SMALL_DENOMINATOR)
    }

    /// The row's note, in both languages.
    pub fn note(&self) -> Option<&Text> {
        self.rare.as_ref()?.note.as_ref()
    }

    /// The rank the source itself published for this row.
    pub fn reported_rank(&self) -> Option<ReportedRank> {
        self.rare.as_ref()?.reported_rank
    }

    /// The row's own source, where it differs from the dataset's.
    pub fn source(&self) -> Option<&Source> {
        self.rare.as_ref()?.source.as_ref()
    }

    fn from_raw(raw: RawObservation) -> Observation {
        let rare = (raw.note.is_some() || raw.reported_rank.is_some() || raw.source.is_some())
            .then(|| {
                Box::new(RareFields {
                    note: raw.note,
                    reported_rank: raw.reported_rank,
                    source: raw.source,
                })
            });
        Observation {
            area: Code::new(&raw.area),
            period: Code::new(&raw.period),
            value: raw.value,
            numerator: raw.numerator,
            denominator: raw.denominator,
            missing: raw.missing,
            flag: raw.flag,
            derived: raw.derived,
            rare,
        }
    }

    /// Heap bytes this row holds beyond its own size (its box and texts).
    fn heap_size(&self) -> usize {
        let rare = self.rare.as_deref().map_or(0, |r| {
            std::mem::size_of::<RareFields>()
                + r.note.as_ref().map_or(0, Text::heap_size)
                + r.source.as_ref().map_or(0, Source::heap_size)
        });
        self.area.heap_size() + self.period.heap_size() + rare
    }
}

/// A short code or period kept inline: a GSO code (`00001`), a period
/// (`2021-Q3`). Up to [`Code::INLINE`] bytes need no heap block; a longer
/// string (only possible for a registry's free-form city code) is boxed.
/// 16 bytes, against 24 and a heap block for a `String`.
///
/// Reads as a `&str` (`Deref`) and compares with `str`, `&str` and `String`
/// either way round, so code written for `String` fields keeps working.
#[derive(Clone)]
pub struct Code(CodeRepr);

#[derive(Clone)]
enum CodeRepr {
    Inline {
        len: u8,
        bytes: [u8; Code::INLINE],
    },
    // A thin pointer keeps the enum at 16 bytes; a `String` or `Box<str>`
    // here would make every code 24.
    #[allow(clippy::box_collection)]
    Boxed(Box<String>),
}

impl Code {
    /// The longest code kept without a heap block, in bytes.
    pub const INLINE: usize = 14;

    pub fn new(text: &str) -> Code {
        match u8::try_from(text.len()) {
            Ok(len) if text.len() <= Code::INLINE => {
                let mut bytes = [0; Code::INLINE];
                bytes[..text.len()].copy_from_slice(text.as_bytes());
                Code(CodeRepr::Inline { len, bytes })
            }
            _ => Code(CodeRepr::Boxed(Box::new(text.to_string()))),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always whole UTF-8: the bytes were copied from a `&str`.
            CodeRepr::Inline { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default()
            }
            CodeRepr::Boxed(text) => text,
        }
    }

    fn heap_size(&self) -> usize {
        match &self.0 {
            CodeRepr::Inline { .. } => 0,
            CodeRepr::Boxed(text) => std::mem::size_of::<String>() + text.capacity(),
        }
    }
}

impl std::ops::Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Code {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Code {
    fn from(text: &str) -> Code {
        Code::new(text)
    }
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Code {}

impl std::hash::Hash for Code {
    // The same hash as the `str`, as `Borrow<str>` requires.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

macro_rules! code_eq {
    ($($other:ty),*) => {$(
        impl PartialEq<$other> for Code {
            fn eq(&self, other: &$other) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Code> for $other {
            fn eq(&self, other: &Code) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}
code_eq!(str, &str, String, &String);

/// A dataset as written in the file, validated before it is kept as a
/// [`Dataset`]. Named `Dataset` for serde's messages.
#[derive(Debug, Deserialize)]
#[serde(rename = "Dataset")]
struct RawDataset {
    format: String,
    version: u32,
    id: String,
    title: Text,
    description: Text,
    level: Level,
    unit: Text,
    number_format: NumberFormat,
    #[serde(default)]
    range: Option<Range>,
    direction: Direction,
    group: Group,
    period_type: PeriodType,
    periods: Vec<String>,
    source: Source,
    licence: Licence,
    provenance: Provenance,
    #[serde(default)]
    notes: Option<Text>,
    values: Vec<RawObservation>,
}

/// A validated dataset. Only [`Dataset::parse`] makes one, so every row's
/// area is known to the registry and every row's period is in `periods`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub level: Level,
    pub unit: Text,
    pub number_format: NumberFormat,
    pub range: Option<Range>,
    pub direction: Direction,
    pub group: Group,
    pub period_type: PeriodType,
    pub periods: Vec<String>,
    pub source: Source,
    pub licence: Licence,
    pub provenance: Provenance,
    pub notes: Option<Text>,
    pub values: Vec<Observation>,
}

/// Checks an id of lowercase letters, digits and hyphens, 1 to 64 long.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(crate) fn check_text(problems: &mut Vec<Problem>, at: &str, text: &Text) {
    if text.vi.trim().is_empty() {
        problems.push(Problem::error(
            format!("{at}.vi"),
            "Vietnamese text is empty",
        ));
    }
    if text.en.trim().is_empty() {
        problems.push(Problem::error(format!("{at}.en"), "English text is empty"));
    }
}

/// Checks a file's `format` and `version` fields against what this app reads.
pub(crate) fn check_format(
    problems: &mut Vec<Problem>,
    (format, expected_format): (&str, &str),
    (version, expected_version): (u32, u32),
    kind: &str,
) {
    if format != expected_format {
        problems.push(Problem::error(
            "$.format",
            format!("expected {expected_format:?}, found {format:?}"),
        ));
    }
    if version != expected_version {
        problems.push(Problem::error(
            "$.version",
            format!(
                "this app reads version {expected_version} of the {kind} format, the file is version {version}"
            ),
        ));
    }
}

/// Whether `url` is a web address we may link to (http or https, any case).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

pub(crate) fn check_url(problems: &mut Vec<Problem>, at: &str, url: Option<&str>) {
    if let Some(url) = url {
        if !is_web_url(url) {
            problems.push(Problem::error(
                at,
                format!("{url:?} is not a web address (expected https://…)"),
            ));
        }
    }
}

impl Dataset {
    /// Parses and validates a dataset against the ward registry. Errors reject
    /// the file; warnings (e.g. a ward with no row) come with the data.
    pub fn parse(text: &str, registry: &Registry) -> Result<Loaded<Dataset>, Vec<Problem>> {
        let (raw, mut warnings): (RawDataset, _) = parse(text).map_err(|p| vec![p])?;
        let mut errors = Vec::new();
        raw.check_metadata(&mut errors);
        raw.check_values(registry, &mut errors, &mut warnings);
        let loaded = Loaded::unless_errors(raw, warnings, errors)?;
        Ok(Loaded {
            value: loaded.value.into_dataset(),
            warnings: loaded.warnings,
        })
    }

    /// The range values must lie in: percentages are always 0–100.
    pub fn valid_range(&self) -> Option<Range> {
        valid_range(self.number_format, self.range)
    }

    /// The observation of `area` in `period`, if the file has a row for it.
    pub fn observation(&self, area: &str, period: &str) -> Option<&Observation> {
        self.values
            .iter()
            .find(|o| o.area == area && o.period == period)
    }

    /// Approximate heap bytes the dataset holds (its rows, texts and
    /// periods, from their capacities), for budgets such as
    /// [`crate::cache::Cache::for_datasets`]. Within a few percent of what
    /// the allocator hands out (`examples/memory.rs` prints both), without
    /// the allocator's own per-block overhead.
    pub fn heap_size(&self) -> usize {
        let strings: usize = [&self.format, &self.id]
            .into_iter()
            .chain(self.periods.iter())
            .map(String::capacity)
            .sum();
        let texts: usize = [&self.title, &self.description, &self.unit]
            .into_iter()
            .chain(self.notes.as_ref())
            .map(Text::heap_size)
            .sum();
        let rows: usize = self.values.iter().map(Observation::heap_size).sum();
        strings
            + texts
            + self.source.heap_size()
            + self.licence.id.capacity()
            + self.licence.url.as_ref().map_or(0, String::capacity)
            + self.periods.capacity() * std::mem::size_of::<String>()
            + self.values.capacity() * std::mem::size_of::<Observation>()
            + rows
    }
}

/// The range values must lie in: percentages are always 0–100.
fn valid_range(number_format: NumberFormat, range: Option<Range>) -> Option<Range> {
    match number_format.style {
        NumberStyle::Percent => Some(Range {
            min: 0.0,
            max: 100.0,
        }),
        _ => range,
    }
}

impl Text {
    fn heap_size(&self) -> usize {
        self.vi.capacity() + self.en.capacity()
    }
}

impl Source {
    fn heap_size(&self) -> usize {
        self.name.capacity() + self.url.as_ref().map_or(0, String::capacity)
    }
}

impl RawDataset {
    /// The validated file, kept compactly: rows become [`Observation`]s and
    /// every vector is shrunk to its length.
    fn into_dataset(self) -> Dataset {
        let mut values: Vec<Observation> =
            self.values.into_iter().map(Observation::from_raw).collect();
        values.shrink_to_fit();
        let mut periods = self.periods;
        periods.shrink_to_fit();
        Dataset {
            format: self.format,
            version: self.version,
            id: self.id,
            title: self.title,
            description: self.description,
            level: self.level,
            unit: self.unit,
            number_format: self.number_format,
            range: self.range,
            direction: self.direction,
            group: self.group,
            period_type: self.period_type,
            periods,
            source: self.source,
            licence: self.licence,
            provenance: self.provenance,
            notes: self.notes,
            values,
        }
    }

    fn check_metadata(&self, problems: &mut Vec<Problem>) {
        check_format(
            problems,
            (&self.format, FORMAT),
            (self.version, VERSION),
            "dataset",
        );
        if !is_valid_id(&self.id) {
            problems.push(Problem::error(
                "$.id",
                format!(
                    "{:?} is not a valid id (1–64 lowercase letters, digits or hyphens)",
                    self.id
                ),
            ));
        }
        check_text(problems, "$.title", &self.title);
        check_text(problems, "$.description", &self.description);
        if self.number_format.decimals > 4 {
            problems.push(Problem::error(
                "$.number_format.decimals",
                format!(
                    "{} decimals; at most 4 are allowed",
                    self.number_format.decimals
                ),
            ));
        }
        if let Some(range) = self.range {
            if !(range.min.is_finite() && range.max.is_finite() && range.min < range.max) {
                problems.push(Problem::error(
                    "$.range",
                    format!(
                        "min {} must be below max {}, both finite",
                        range.min, range.max
                    ),
                ));
            }
        }
        if self.source.name.trim().is_empty() {
            problems.push(Problem::error("$.source.name", "the source must be named"));
        }
        check_url(problems, "$.source.url", self.source.url.as_deref());
        check_url(problems, "$.licence.url", self.licence.url.as_deref());
        if self.licence.id.trim().is_empty() {
            problems.push(Problem::error("$.licence.id", "the licence must be named"));
        }
        if let Some(notes) = &self.notes {
            check_text(problems, "$.notes", notes);
        }
        if self.periods.is_empty() {
            problems.push(Problem::error(
                "$.periods",
                "at least one period is required",
            ));
        }
        let mut previous: Option<Period> = None;
        for (i, p) in self.periods.iter().enumerate() {
            match Period::parse(p, self.period_type) {
                None => problems.push(Problem::error(
                    format!("$.periods[{i}]"),
                    format!(
                        "{p:?} is not a {} period (expected {})",
                        self.period_type.name(),
                        self.period_type.pattern()
                    ),
                )),
                Some(period) => {
                    if previous.is_some_and(|prev| prev >= period) {
                        problems.push(Problem::error(
                            format!("$.periods[{i}]"),
                            format!("{p:?} is out of order or repeated: periods must be ascending and unique"),
                        ));
                    }
                    previous = Some(period);
                }
            }
        }
    }

    fn check_values(
        &self,
        registry: &Registry,
        errors: &mut Vec<Problem>,
        warnings: &mut Vec<Problem>,
    ) {
        let areas: HashSet<&str> = match self.level {
            Level::Ward => registry.wards.iter().map(|w| w.code.as_str()).collect(),
            Level::District => registry.districts.iter().map(|d| d.code.as_str()).collect(),
            Level::City => [registry.city_code()].into_iter().collect(),
        };
        let periods: HashSet<&str> = self.periods.iter().map(String::as_str).collect();
        let range = valid_range(self.number_format, self.range);
        // Tolerance for value ≈ 100 × numerator / denominator: half a unit of
        // the last shown decimal, plus 0.05 for publishers who round twice.
        let tolerance = 0.05 + 0.5 * 10f64.powi(-i32::from(self.number_format.shown_decimals()));
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();

        for (i, obs) in self.values.iter().enumerate() {
            if errors.len() >= MAX_PROBLEMS {
                break;
            }
            // Locations are written only for a problem: most rows have none.
            let at = || format!("$.values[{i}]");
            let here = || format!("{} (area {}, {})", at(), obs.area, obs.period);
            if !areas.contains(obs.area.as_str()) {
                errors.push(Problem::error(
                    format!("{}.area", at()),
                    format!(
                        "unknown {} code {:?}: expected one of the {} codes in data/wards.json",
                        self.level.name(),
                        obs.area,
                        areas.len()
                    ),
                ));
            }
            if !periods.contains(obs.period.as_str()) {
                errors.push(Problem::error(
                    format!("{}.period", at()),
                    format!("period {:?} is not declared in $.periods", obs.period),
                ));
            }
            if let Some(first) = seen.insert((obs.area.as_str(), obs.period.as_str()), i) {
                errors.push(Problem::error(
                    here(),
                    format!("duplicate row: $.values[{first}] has the same area and period"),
                ));
            }
            match (obs.value, obs.missing) {
                (None, None) => errors.push(Problem::error(
                    format!("{}.missing", at()),
                    "value is null but no reason is given: set \"missing\" to not_applicable, suppressed, not_collected or not_reported",
                )),
                (Some(_), Some(_)) => errors.push(Problem::error(
                    format!("{}.missing", at()),
                    "a row with a value cannot also be marked missing",
                )),
                _ => {}
            }
            if let Some(v) = obs.value {
                if self.number_format.style == NumberStyle::Integer && v.fract() != 0.0 {
                    errors.push(Problem::error(
                        format!("{}.value", at()),
                        format!("{v} is not a whole number, as number_format.style \"integer\" requires"),
                    ));
                }
                if !v.is_finite() {
                    errors.push(Problem::error(
                        format!("{}.value", at()),
                        format!("{v} is not a finite number"),
                    ));
                } else if let Some(r) = range {
                    if v < r.min || v > r.max {
                        errors.push(Problem::error(
                            format!("{}.value", at()),
                            format!("{v} is outside the allowed range {}–{}", r.min, r.max),
                        ));
                    }
                }
            }
            match (obs.numerator, obs.denominator) {
                (None, None) => {}
                (Some(_), None) | (None, Some(_)) => errors.push(Problem::error(
                    here(),
                    "numerator and denominator must be given together",
                )),
                (Some(n), Some(d)) => {
                    if !(n.is_finite() && d.is_finite()) || n < 0.0 || d <= 0.0 {
                        errors.push(Problem::error(
                            here(),
                            format!("numerator {n} must be ≥ 0 and denominator {d} > 0"),
                        ));
                    } else if n > d {
                        errors.push(Problem::error(
                            here(),
                            format!("numerator {n} is above denominator {d}"),
                        ));
                    } else if let (Some(v), NumberStyle::Percent) =
                        (obs.value, self.number_format.style)
                    {
                        let share = 100.0 * n / d;
                        if (v - share).abs() > tolerance {
                            errors.push(Problem::error(
                                format!("{}.value", at()),
                                format!("{v} does not match 100 × {n} / {d} = {share:.2}"),
                            ));
                        }
                    }
                }
            }
            if let Some(rank) = obs.reported_rank {
                if rank.rank == 0 || rank.rank > rank.of {
                    errors.push(Problem::error(
                        format!("{}.reported_rank", at()),
                        format!("rank {} of {} is impossible", rank.rank, rank.of),
                    ));
                }
            }
            if obs.derived == Some(true) && obs.note.is_none() {
                warnings.push(Problem::warning(
                    format!("{}.note", at()),
                    "a derived value should say in a note how it was derived",
                ));
            }
            if let Some(note) = &obs.note {
                check_text(errors, &format!("{}.note", at()), note);
            }
            if let Some(source) = &obs.source {
                check_url(
                    errors,
                    &format!("{}.source.url", at()),
                    source.url.as_deref(),
                );
            }
        }

        if self.level == Level::Ward && errors.is_empty() {
            let mut absent: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            for ward in &registry.wards {
                for period in &self.periods {
                    if !seen.contains_key(&(ward.code.as_str(), period.as_str())) {
                        absent.entry(ward.code.as_str()).or_default().push(period);
                    }
                }
            }
            for (code, missing) in absent {
                let name = registry.ward(code).map(|w| w.name.as_str()).unwrap_or("");
                warnings.push(Problem::warning(
                    format!("ward {code} ({name})"),
                    format!("no row for {}; shown as no data", missing.join(", ")),
                ));
            }
        }
    }
}

impl Level {
    pub fn name(self) -> &'static str {
        match self {
            Level::Ward => "ward",
            Level::District => "district",
            Level::City => "city",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_and_compare_as_their_text() {
        for text in [
            "",
            "00001",
            "2021-Q3",
            "14-bytes-long!",
            "a longer city code, boxed",
        ] {
            let code = Code::new(text);
            assert_eq!(code.as_str(), text);
            assert_eq!(&*code, text);
            assert_eq!(code, text);
            assert_eq!(code, text.to_string());
            assert_eq!(text, code);
            assert_eq!(text.to_string(), code);
            assert_eq!(format!("{code}"), text);
            assert_eq!(format!("{code:?}"), format!("{text:?}"));
        }
        assert_ne!(Code::new("00001"), "00002");
        assert!(Code::new("00001") < Code::new("00002"));
        assert_eq!(
            Code::new("long enough to be boxed"),
            Code::new("long enough to be boxed")
        );
        // Vietnamese text stays whole.
        assert_eq!(Code::new("Quý 3").as_str(), "Quý 3");
    }

    #[test]
    fn codes_hash_as_their_text() {
        let set: HashSet<Code> = ["00001", "00004"].into_iter().map(Code::new).collect();
        assert!(set.contains("00004"));
        assert!(!set.contains("00007"));
    }

    #[test]
    fn rows_are_compact() {
        // Two inline codes, three optional numbers, three small enums and
        // one box for the rare fields (208 bytes as the file's structure).
        assert_eq!(std::mem::size_of::<Code>(), 16);
        assert!(std::mem::size_of::<Observation>() <= 96);
    }
}
