//! The catalogue of datasets (`public/data/catalogue.json`).

use std::collections::HashSet;

use serde::Deserialize;

use crate::dataset::{check_format, check_text, is_valid_id, Group, Level, Provenance, Text};
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
    pub datasets: Vec<Entry>,
}

impl Catalogue {
    pub fn parse(text: &str) -> Result<Loaded<Catalogue>, Vec<Problem>> {
        let (catalogue, warnings): (Catalogue, _) = parse(text).map_err(|p| vec![p])?;
        let mut errors = Vec::new();
        check_format(
            &mut errors,
            (&catalogue.format, FORMAT),
            (catalogue.version, VERSION),
            "catalogue",
        );
        check_text(&mut errors, "$.title", &catalogue.title);
        let mut ids = HashSet::new();
        for (i, entry) in catalogue.datasets.iter().enumerate() {
            let at = format!("$.datasets[{i}]");
            if !is_valid_id(&entry.id) {
                errors.push(Problem::error(
                    format!("{at}.id"),
                    format!(
                        "{:?} is not a valid id (1–64 lowercase letters, digits or hyphens)",
                        entry.id
                    ),
                ));
            }
            if !ids.insert(entry.id.as_str()) {
                errors.push(Problem::error(
                    format!("{at}.id"),
                    format!("dataset id {:?} appears more than once", entry.id),
                ));
            }
            check_text(&mut errors, &format!("{at}.title"), &entry.title);
            if !is_safe_url(&entry.url) {
                errors.push(Problem::error(
                    format!("{at}.url"),
                    format!(
                        "{:?} must be a relative path or an https:// address",
                        entry.url
                    ),
                ));
            }
            for (j, p) in entry.periods.iter().enumerate() {
                if Period::parse(p, entry.period_type).is_none() {
                    errors.push(Problem::error(
                        format!("{at}.periods[{j}]"),
                        format!(
                            "{p:?} is not a {} period ({})",
                            entry.period_type.name(),
                            entry.period_type.pattern()
                        ),
                    ));
                }
            }
        }
        Loaded::unless_errors(catalogue, warnings, errors)
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.datasets.iter().find(|d| d.id == id)
    }
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
