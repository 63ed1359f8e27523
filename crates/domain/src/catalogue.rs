//! The catalogue of datasets (`public/data/catalogue.json`).
//!
//! The file as a whole must be a catalogue (`format`, `version`, `title`);
//! each entry is then checked on its own. A bad entry (an id such as
//! `../../etc/passwd`, an impossible period, an unknown level, a duplicate)
//! is dropped with a warning that says why, and the other datasets are
//! shown: one publisher's typo must not take every page down.

use std::collections::HashSet;

use serde::Deserialize;

use crate::dataset::{
    check_format, check_text, is_valid_id, Dataset, Group, Level, Provenance, Text,
};
use crate::json::{parse, Loaded};
use crate::period::{Period, PeriodType};
use crate::problem::Problem;

pub const FORMAT: &str = "hanoi-wards/catalogue";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Entry {
    pub id: String,
    pub title: Text,
    /// Relative to the catalogue's own address, or absolute https.
    pub url: String,
    pub level: Level,
    pub group: Group,
    pub provenance: Provenance,
    pub period_type: PeriodType,
    pub periods: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Catalogue {
    pub format: String,
    pub version: u32,
    pub title: Text,
    /// The entries that passed their checks, in the file's order. Rejected
    /// entries are not here; each left a warning in [`Loaded::warnings`].
    pub datasets: Vec<Entry>,
}

/// The file as read before its entries are checked one by one.
#[derive(Deserialize)]
struct RawCatalogue {
    format: String,
    version: u32,
    title: Text,
    datasets: Vec<serde_json::Value>,
}

/// The start of every warning about a dropped entry, so a reader (and a
/// test) can tell a rejected entry from a warning about a kept one.
pub const REJECTED: &str = "entry rejected, its dataset is not offered";

impl Catalogue {
    /// Reads a catalogue. Errors (the whole file refused): not JSON, not a
    /// catalogue (`format`, `version`, `title`), `datasets` not a list.
    /// Every entry that fails its checks is dropped with one warning per
    /// problem, starting with [`REJECTED`], at `$.datasets[i]…`; a repeated
    /// id keeps its first entry. The result may list no dataset at all:
    /// see [`lists_no_datasets`] for the message to give then.
    pub fn parse(text: &str) -> Result<Loaded<Catalogue>, Vec<Problem>> {
        let (raw, mut warnings): (RawCatalogue, _) = parse(text).map_err(|p| vec![p])?;
        let mut errors = Vec::new();
        check_format(
            &mut errors,
            (&raw.format, FORMAT),
            (raw.version, VERSION),
            "catalogue",
        );
        check_text(&mut errors, "$.title", &raw.title);
        let mut ids = HashSet::new();
        let mut datasets = Vec::new();
        for (i, value) in raw.datasets.into_iter().enumerate() {
            let at = format!("$.datasets[{i}]");
            let problems = match entry_from_value(value, &at) {
                Ok((entry, entry_warnings)) => {
                    let problems = check_entry(&entry, &at, &ids);
                    if problems.is_empty() {
                        ids.insert(entry.id.clone());
                        datasets.push(entry);
                        warnings.extend(entry_warnings);
                    }
                    problems
                }
                Err(problem) => vec![problem],
            };
            warnings.extend(
                problems
                    .into_iter()
                    .map(|p| Problem::warning(p.location, format!("{REJECTED}: {}", p.message))),
            );
        }
        let catalogue = Catalogue {
            format: raw.format,
            version: raw.version,
            title: raw.title,
            datasets,
        };
        Loaded::unless_errors(catalogue, warnings, errors)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.datasets.iter().find(|d| d.id == id)
    }
}

/// True for a catalogue file that lists no dataset: empty or blank, or a
/// JSON object whose `datasets` is missing or an empty list. The app says
/// "the catalogue lists no datasets" instead of a JSON error then.
pub fn lists_no_datasets(text: &str) -> bool {
    if text.trim().is_empty() {
        return true;
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(fields)) => match fields.get("datasets") {
            None => true,
            Some(serde_json::Value::Array(list)) => list.is_empty(),
            Some(_) => false,
        },
        _ => false,
    }
}

/// One entry from its JSON value. A wrong type or a missing field is one
/// problem located in the entry.
fn entry_from_value(value: serde_json::Value, at: &str) -> Result<(Entry, Vec<Problem>), Problem> {
    #[cfg(feature = "json-paths")]
    {
        let mut unknown = Vec::new();
        let result: Result<Entry, _> = {
            let mut on_unknown = |path: serde_ignored::Path| {
                unknown.push(Problem::warning(
                    format!("{at}.{path}"),
                    "unknown field, ignored (check its spelling against docs/data-format.md)",
                ))
            };
            serde_path_to_error::deserialize(serde_ignored::Deserializer::new(
                value,
                &mut on_unknown,
            ))
        };
        result.map(|entry| (entry, unknown)).map_err(|err| {
            let path = err.path().to_string();
            let location = if path == "." {
                at.to_string()
            } else {
                format!("{at}.{path}")
            };
            Problem::error(location, err.into_inner().to_string())
        })
    }
    #[cfg(not(feature = "json-paths"))]
    {
        Entry::deserialize(value)
            .map(|entry| (entry, Vec::new()))
            .map_err(|err| Problem::error(at, err.to_string()))
    }
}

/// The checks of one entry beyond its types; empty when it is usable.
fn check_entry(entry: &Entry, at: &str, ids: &HashSet<String>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if !is_valid_id(&entry.id) {
        problems.push(Problem::error(
            format!("{at}.id"),
            format!(
                "{:?} is not a valid id (1–64 lowercase letters, digits or hyphens)",
                entry.id
            ),
        ));
    } else if ids.contains(&entry.id) {
        problems.push(Problem::error(
            format!("{at}.id"),
            format!(
                "dataset id {:?} appears more than once (the first entry is kept)",
                entry.id
            ),
        ));
    }
    check_text(&mut problems, &format!("{at}.title"), &entry.title);
    if !is_safe_url(&entry.url) {
        problems.push(Problem::error(
            format!("{at}.url"),
            format!(
                "{:?} must be a relative path or an https:// address",
                entry.url
            ),
        ));
    }
    for (j, p) in entry.periods.iter().enumerate() {
        if Period::parse(p, entry.period_type).is_none() {
            problems.push(Problem::error(
                format!("{at}.periods[{j}]"),
                format!(
                    "{p:?} is not a {} period ({})",
                    entry.period_type.name(),
                    entry.period_type.pattern()
                ),
            ));
        }
    }
    problems
}

/// Warnings where a dataset file disagrees with its catalogue entry (the
/// entry's copies of `title`, `level`, `group`, `provenance`, `period_type`
/// and `periods`; docs/data-format.md §2 and §6). The file wins: it is what
/// is shown; the menus built from the entry may be out of date. The id is
/// not compared here: a file with another id is refused by the app.
pub fn disagreements(entry: &Entry, dataset: &Dataset) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let mut differ = |field: &str, entry_says: String, file_says: String| {
        if entry_says != file_says {
            warnings.push(Problem::warning(
                format!("$.{field}"),
                format!(
                    "the catalogue entry {:?} says {entry_says}, the file says {file_says}",
                    entry.id
                ),
            ));
        }
    };
    differ(
        "title",
        format!("{:?}", entry.title.vi),
        format!("{:?}", dataset.title.vi),
    );
    differ(
        "level",
        entry.level.name().to_string(),
        dataset.level.name().to_string(),
    );
    differ(
        "group",
        format!("{:?}", entry.group),
        format!("{:?}", dataset.group),
    );
    differ(
        "provenance",
        format!("{:?}", entry.provenance),
        format!("{:?}", dataset.provenance),
    );
    differ(
        "period_type",
        entry.period_type.name().to_string(),
        dataset.period_type.name().to_string(),
    );
    differ(
        "periods",
        entry.periods.join(", "),
        dataset.periods.join(", "),
    );
    warnings
}
/// A dataset address the app may fetch: relative, or https. No `javascript:`,
/// `data:` or protocol-relative tricks.
pub fn is_safe_url(url: &str) -> bool {
    if url.is_empty() || url.starts_with("//") || url.chars().any(char::is_whitespace) {
        return false;
    }
    match url.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => scheme.eq_ignore_ascii_case("https"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = r#"{"id": "a", "title": {"vi": "A", "en": "A"}, "url": "datasets/a.json",
        "level": "ward", "group": "timeliness", "provenance": "synthetic",
        "period_type": "quarter", "periods": ["2021-Q3"]"#;

    fn catalogue_of(entries: &str) -> String {
        format!(
            r#"{{"format": "hanoi-wards/catalogue", "version": 1,
            "title": {{"vi": "Danh mục", "en": "Catalogue"}}, "datasets": [{entries}]}}"#
        )
    }

    #[test]
    fn unknown_fields_of_an_entry_are_warnings_with_their_path() {
        let loaded = Catalogue::parse(&catalogue_of(&format!(r#"{ENTRY}, "titel": 1}}"#))).unwrap();
        assert_eq!(loaded.value.datasets.len(), 1);
        assert_eq!(loaded.warnings.len(), 1, "{:#?}", loaded.warnings);
        assert_eq!(loaded.warnings[0].location, "$.datasets[0].titel");
        assert!(!loaded.warnings[0].message.starts_with(REJECTED));
    }

    #[test]
    fn a_file_that_is_not_a_catalogue_is_still_refused() {
        let text = catalogue_of(&format!("{ENTRY}}}")).replace("hanoi-wards/catalogue", "x");
        assert!(Catalogue::parse(&text).is_err());
        assert!(Catalogue::parse(
            r#"{"format": "hanoi-wards/catalogue", "version": 1,
            "title": {"vi": "Danh mục", "en": "Catalogue"}, "datasets": {}}"#
        )
        .is_err());
    }

    #[test]
    fn an_entry_and_its_file_are_compared_field_by_field() {
        let entry: Entry = serde_json::from_str(&format!("{ENTRY}}}")).unwrap();
        let registry =
            crate::Registry::parse(include_str!("../../../public/data/wards.json")).unwrap();
        let file = include_str!("../../../public/data/datasets/synthetic-timeliness-share.json");
        let dataset = Dataset::parse(file, &registry).unwrap().value;
        let warnings = disagreements(&entry, &dataset);
        let at: Vec<&str> = warnings.iter().map(|w| w.location.as_str()).collect();
        assert_eq!(at, ["$.title", "$.periods"], "{warnings:#?}");
        assert!(warnings.iter().all(|w| !w.is_error()));
        let agreeing = Entry {
            title: dataset.title.clone(),
            periods: dataset.periods.clone(),
            ..entry
        };
        assert!(disagreements(&agreeing, &dataset).is_empty());
    }

    #[test]
    fn accepts_relative_and_https_urls_only() {
        assert!(is_safe_url("datasets/x.json"));
        assert!(is_safe_url("https://data.example.org/x.json"));
        assert!(is_safe_url("a/b:c.json"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.example/x",
            "http://x",
            "",
            "a b",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
