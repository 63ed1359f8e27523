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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
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

/// One row of `values`: an area in a period.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Observation {
    pub area: String,
    pub period: String,
    /// Required, but may be null (then `missing` says why).
    #[serde(deserialize_with = "Option::deserialize")]
    pub value: Option<f64>,
    #[serde(default)]
    pub numerator: Option<f64>,
    #[serde(default)]
    pub denominator: Option<f64>,
    #[serde(default)]
    pub missing: Option<MissingReason>,
    #[serde(default)]
    pub flag: Option<Flag>,
    #[serde(default)]
    pub note: Option<Text>,
    #[serde(default)]
    pub reported_rank: Option<ReportedRank>,
    #[serde(default)]
    pub derived: Option<bool>,
    #[serde(default)]
    pub source: Option<Source>,
}

impl Observation {
    /// Whether the share rests on so few cases that it is unstable.
    pub fn has_small_denominator(&self) -> bool {
        self.denominator.is_some_and(|d| d < SMALL_DENOMINATOR)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Dataset {
    pub format: String,
    pub version: u32,
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub level: Level,
    pub unit: Text,
    pub number_format: NumberFormat,
    #[serde(default)]
    pub range: Option<Range>,
    pub direction: Direction,
    pub group: Group,
    pub period_type: PeriodType,
    pub periods: Vec<String>,
    pub source: Source,
    pub licence: Licence,
    pub provenance: Provenance,
    #[serde(default)]
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
        let (dataset, mut warnings): (Dataset, _) = parse(text).map_err(|p| vec![p])?;
        let mut errors = Vec::new();
        dataset.check_metadata(&mut errors);
        dataset.check_values(registry, &mut errors, &mut warnings);
        Loaded::unless_errors(dataset, warnings, errors)
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

    /// The range values must lie in: percentages are always 0–100.
    pub fn valid_range(&self) -> Option<Range> {
        match self.number_format.style {
            NumberStyle::Percent => Some(Range {
                min: 0.0,
                max: 100.0,
            }),
            _ => self.range,
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
        let range = self.valid_range();
        // Tolerance for value ≈ 100 × numerator / denominator: half a unit of
        // the last shown decimal, plus 0.05 for publishers who round twice.
        let tolerance = 0.05 + 0.5 * 10f64.powi(-i32::from(self.number_format.shown_decimals()));
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();

        for (i, obs) in self.values.iter().enumerate() {
            if errors.len() >= MAX_PROBLEMS {
                break;
            }
            let at = format!("$.values[{i}]");
            let here = format!("{at} (area {}, {})", obs.area, obs.period);
            if !areas.contains(obs.area.as_str()) {
                errors.push(Problem::error(
                    format!("{at}.area"),
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
                    format!("{at}.period"),
                    format!("period {:?} is not declared in $.periods", obs.period),
                ));
            }
            if let Some(first) = seen.insert((obs.area.as_str(), obs.period.as_str()), i) {
                errors.push(Problem::error(
                    here.clone(),
                    format!("duplicate row: $.values[{first}] has the same area and period"),
                ));
            }
            match (obs.value, obs.missing) {
                (None, None) => errors.push(Problem::error(
                    format!("{at}.missing"),
                    "value is null but no reason is given: set \"missing\" to not_applicable, suppressed, not_collected or not_reported",
                )),
                (Some(_), Some(_)) => errors.push(Problem::error(
                    format!("{at}.missing"),
                    "a row with a value cannot also be marked missing",
                )),
                _ => {}
            }
            if let Some(v) = obs.value {
                if self.number_format.style == NumberStyle::Integer && v.fract() != 0.0 {
                    errors.push(Problem::error(
                        format!("{at}.value"),
                        format!("{v} is not a whole number, as number_format.style \"integer\" requires"),
                    ));
                }
                if !v.is_finite() {
                    errors.push(Problem::error(
                        format!("{at}.value"),
                        format!("{v} is not a finite number"),
                    ));
                } else if let Some(r) = range {
                    if v < r.min || v > r.max {
                        errors.push(Problem::error(
                            format!("{at}.value"),
                            format!("{v} is outside the allowed range {}–{}", r.min, r.max),
                        ));
                    }
                }
            }
            match (obs.numerator, obs.denominator) {
                (None, None) => {}
                (Some(_), None) | (None, Some(_)) => errors.push(Problem::error(
                    here.clone(),
                    "numerator and denominator must be given together",
                )),
                (Some(n), Some(d)) => {
                    if !(n.is_finite() && d.is_finite()) || n < 0.0 || d <= 0.0 {
                        errors.push(Problem::error(
                            here.clone(),
                            format!("numerator {n} must be ≥ 0 and denominator {d} > 0"),
                        ));
                    } else if n > d {
                        errors.push(Problem::error(
                            here.clone(),
                            format!("numerator {n} is above denominator {d}"),
                        ));
                    } else if let (Some(v), NumberStyle::Percent) =
                        (obs.value, self.number_format.style)
                    {
                        let share = 100.0 * n / d;
                        if (v - share).abs() > tolerance {
                            errors.push(Problem::error(
                                format!("{at}.value"),
                                format!("{v} does not match 100 × {n} / {d} = {share:.2}"),
                            ));
                        }
                    }
                }
            }
            if let Some(rank) = obs.reported_rank {
                if rank.rank == 0 || rank.rank > rank.of {
                    errors.push(Problem::error(
                        format!("{at}.reported_rank"),
                        format!("rank {} of {} is impossible", rank.rank, rank.of),
                    ));
                }
            }
            if obs.derived == Some(true) && obs.note.is_none() {
                warnings.push(Problem::warning(
                    format!("{at}.note"),
                    "a derived value should say in a note how it was derived",
                ));
            }
            if let Some(note) = &obs.note {
                check_text(errors, &format!("{at}.note"), note);
            }
            if let Some(source) = &obs.source {
                check_url(errors, &format!("{at}.source.url"), source.url.as_deref());
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

    /// The observation of `area` in `period`, if the file has a row for it.
    pub fn observation(&self, area: &str, period: &str) -> Option<&Observation> {
        self.values
            .iter()
            .find(|o| o.area == area && o.period == period)
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
