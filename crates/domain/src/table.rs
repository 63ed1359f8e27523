//! The ranking table of the home view as plain data: one row per ward for a
//! dataset and period, with rank, change, search and sorting.

use std::cmp::Ordering;

use crate::dataset::{Dataset, MissingReason};
use crate::fold::{fold, matches};
use crate::period::Period;
use crate::ranking::{change_quality, competition_ranks, shown_change, ChangeQuality, Rank};
use crate::registry::Registry;

#[derive(Debug, Clone, PartialEq)]
pub struct WardRow {
    pub code: String,
    pub name: String,
    pub district_code: String,
    pub district_name: String,
    /// Folded district name, the district column's sort key.
    pub district_key: String,
    /// Folded "name district" for search ("quang trung ha dong").
    pub search_key: String,
    pub value: Option<f64>,
    /// Why there is no value (`None` with no row at all: not reported).
    pub missing: Option<MissingReason>,
    pub rank: Option<Rank>,
    /// Change since the previous period, of the values as shown.
    pub change: Option<f64>,
    pub trend: Option<ChangeQuality>,
    pub provisional: bool,
    pub small_denominator: bool,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
}

/// The period before `period` in the dataset's list, if any.
pub fn previous_period<'a>(dataset: &'a Dataset, period: &str) -> Option<&'a str> {
    let i = dataset.periods.iter().position(|p| p == period)?;
    i.checked_sub(1)
        .and_then(|j| dataset.periods.get(j))
        .map(String::as_str)
}

/// The latest period of the dataset.
pub fn latest_period(dataset: &Dataset) -> Option<&str> {
    dataset
        .periods
        .iter()
        .filter_map(|p| Period::parse(p, dataset.period_type).map(|parsed| (parsed, p)))
        .max()
        .map(|(_, p)| p.as_str())
}

/// One row per ward of the registry, in registry order, for `period`.
pub fn ward_rows(registry: &Registry, dataset: &Dataset, period: &str) -> Vec<WardRow> {
    let previous = previous_period(dataset, period);
    let decimals = dataset.number_format.shown_decimals();
    let mut rows: Vec<WardRow> = registry
        .wards
        .iter()
        .map(|ward| {
            let district_name = registry
                .district(&ward.district)
                .map(|d| d.name.clone())
                .unwrap_or_default();
            let obs = dataset.observation(&ward.code, period);
            let value = obs.and_then(|o| o.value).filter(|v| v.is_finite());
            let before = previous
                .and_then(|p| dataset.observation(&ward.code, p))
                .and_then(|o| o.value)
                .filter(|v| v.is_finite());
            let change = shown_change(value, before, decimals);
            WardRow {
                code: ward.code.clone(),
                name: ward.name.clone(),
                district_code: ward.district.clone(),
                district_key: fold(&district_name),
                search_key: format!("{} {}", ward.folded, fold(&district_name)),
                district_name,
                value,
                missing: obs.and_then(|o| o.missing),
                rank: None,
                change,
                trend: change_quality(change, dataset.direction, decimals),
                provisional: obs.is_some_and(|o| o.flag.is_some()),
                small_denominator: obs.is_some_and(|o| o.has_small_denominator()),
                numerator: obs.and_then(|o| o.numerator),
                denominator: obs.and_then(|o| o.denominator),
            }
        })
        .collect();
    let values: Vec<Option<f64>> = rows.iter().map(|r| r.value).collect();
    for (row, rank) in rows
        .iter_mut()
        .zip(competition_ranks(&values, dataset.direction, decimals))
    {
        row.rank = rank;
    }
    rows
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortKey {
    #[default]
    Rank,
    Name,
    District,
    Value,
    Change,
}

impl SortKey {
    pub const ALL: [SortKey; 5] = [
        SortKey::Rank,
        SortKey::Name,
        SortKey::District,
        SortKey::Value,
        SortKey::Change,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SortKey::Rank => "rank",
            SortKey::Name => "name",
            SortKey::District => "district",
            SortKey::Value => "value",
            SortKey::Change => "change",
        }
    }

    pub fn parse(id: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Missing values always sort last, whatever the direction: a reader sorting
/// by value wants to see the values first.
fn cmp_missing_last(a: Option<f64>, b: Option<f64>, descending: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => {
            let o = x.total_cmp(&y);
            if descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts rows by `key`; ties fall back to Vietnamese-folded name then code,
/// so the order is stable and predictable.
pub fn sort_rows(rows: &mut [WardRow], key: SortKey, descending: bool) {
    rows.sort_by(|a, b| {
        let primary = match key {
            // Position, then "2" before "=2" (repeat follows registry order).
            SortKey::Rank => cmp_missing_last(
                a.rank.map(|r| f64::from(r.position)),
                b.rank.map(|r| f64::from(r.position)),
                descending,
            )
            .then_with(|| {
                let o = a.rank.map(|r| r.repeat).cmp(&b.rank.map(|r| r.repeat));
                if descending {
                    o.reverse()
                } else {
                    o
                }
            })
            .then_with(|| a.code.cmp(&b.code)),
            SortKey::Value => cmp_missing_last(a.value, b.value, descending),
            SortKey::Change => cmp_missing_last(a.change, b.change, descending),
            SortKey::Name => {
                let o = a.search_key.cmp(&b.search_key);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
            SortKey::District => {
                let o = a.district_key.cmp(&b.district_key);
                if descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        primary
            .then_with(|| a.search_key.cmp(&b.search_key))
            .then_with(|| a.code.cmp(&b.code))
    });
}

/// Whether a row passes the search box and the district filter.
pub fn row_matches(row: &WardRow, query: &str, district: Option<&str>) -> bool {
    district.is_none_or(|d| row.district_code == d) && matches(&row.search_key, query)
}

/// The rows a reader sees in the table: those matching the search and the
/// district filter, sorted. Downloads use the same rows in the same order.
pub fn visible_rows(
    rows: &[WardRow],
    query: &str,
    district: Option<&str>,
    (key, descending): (SortKey, bool),
) -> Vec<WardRow> {
    let mut shown: Vec<WardRow> = rows
        .iter()
        .filter(|r| row_matches(r, query, district))
        .cloned()
        .collect();
    sort_rows(&mut shown, key, descending);
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [
                 {"code": "006", "name": "Đống Đa", "full_name": "Quận Đống Đa", "folded": "dong da"},
                 {"code": "268", "name": "Hà Đông", "full_name": "Quận Hà Đông", "folded": "ha dong"}],
               "wards": [
                 {"code": "00214", "name": "Quang Trung", "full_name": "Phường Quang Trung", "district": "006", "folded": "quang trung"},
                 {"code": "00052", "name": "Hàng Bồ", "full_name": "Phường Hàng Bồ", "district": "006", "folded": "hang bo"},
                 {"code": "09552", "name": "Quang Trung", "full_name": "Phường Quang Trung", "district": "268", "folded": "quang trung"},
                 {"code": "09556", "name": "Hà Cầu", "full_name": "Phường Hà Cầu", "district": "268", "folded": "ha cau"}]}"#,
        )
        .unwrap()
    }

    fn dataset(direction: &str, rows: &str) -> Dataset {
        let text = format!(
            r#"{{"format": "hanoi-wards/dataset", "version": 1, "id": "t",
             "title": {{"vi": "a", "en": "a"}}, "description": {{"vi": "a", "en": "a"}},
             "level": "ward", "unit": {{"vi": "%", "en": "%"}},
             "number_format": {{"style": "percent", "decimals": 1}},
             "direction": "{direction}", "group": "timeliness", "period_type": "quarter",
             "periods": ["2021-Q3", "2021-Q4"], "source": {{"name": "s"}},
             "licence": {{"id": "CC-BY-4.0"}}, "provenance": "synthetic", "values": [{rows}]}}"#
        );
        Dataset::parse(&text, &registry()).unwrap().value
    }

    const ROWS: &str = r#"
        {"area": "00214", "period": "2021-Q3", "value": 80.0},
        {"area": "00214", "period": "2021-Q4", "value": 90.0},
        {"area": "00052", "period": "2021-Q3", "value": 95.0},
        {"area": "00052", "period": "2021-Q4", "value": 85.0},
        {"area": "09552", "period": "2021-Q4", "value": 85.04},
        {"area": "09556", "period": "2021-Q4", "value": null, "missing": "suppressed"}"#;

    #[test]
    fn ranks_with_ties_changes_and_missing_values() {
        let rows = ward_rows(&registry(), &dataset("higher_is_better", ROWS), "2021-Q4");
        let label = |code: &str| {
            rows.iter()
                .find(|r| r.code == code)
                .and_then(|r| r.rank)
                .map(|r| r.label())
        };
        assert_eq!(label("00214").as_deref(), Some("1"));
        // 85.0 and 85.04 are both shown as 85,0%: they tie.
        let tied = [label("00052").unwrap(), label("09552").unwrap()];
        assert!(
            tied.contains(&"2".to_string()) && tied.contains(&"=2".to_string()),
            "{tied:?}"
        );
        assert_eq!(label("09556"), None);
        let hang_bo = rows.iter().find(|r| r.code == "00052").unwrap();
        assert_eq!(hang_bo.change, Some(-10.0));
        assert_eq!(hang_bo.trend, Some(ChangeQuality::Worse));
        let missing = rows.iter().find(|r| r.code == "09556").unwrap();
        assert_eq!(missing.missing, Some(MissingReason::Suppressed));
        assert_eq!(missing.change, None);
    }

    #[test]
    fn down_is_good_where_lower_is_better() {
        let rows = ward_rows(&registry(), &dataset("lower_is_better", ROWS), "2021-Q4");
        let hang_bo = rows.iter().find(|r| r.code == "00052").unwrap();
        assert_eq!(hang_bo.trend, Some(ChangeQuality::Better));
        assert_eq!(hang_bo.rank.unwrap().position, 1);
    }

    #[test]
    fn search_ignores_case_and_diacritics_and_tells_districts_apart() {
        let rows = ward_rows(&registry(), &dataset("higher_is_better", ROWS), "2021-Q4");
        let found = |q: &str, d: Option<&str>| -> Vec<&str> {
            rows.iter()
                .filter(|r| row_matches(r, q, d))
                .map(|r| r.code.as_str())
                .collect()
        };
        assert_eq!(found("hang bo", None), ["00052"]);
        assert_eq!(found("HÀNG BỒ", None), ["00052"]);
        assert_eq!(found("quang trung", None), ["00214", "09552"]);
        assert_eq!(found("quang trung ha dong", None), ["09552"]);
        assert_eq!(found("", Some("268")), ["09552", "09556"]);
    }

    #[test]
    fn sorting_keeps_missing_values_last() {
        let mut rows = ward_rows(&registry(), &dataset("higher_is_better", ROWS), "2021-Q4");
        for descending in [false, true] {
            sort_rows(&mut rows, SortKey::Value, descending);
            assert_eq!(rows.last().unwrap().code, "09556");
            sort_rows(&mut rows, SortKey::Rank, descending);
            assert_eq!(rows.last().unwrap().code, "09556");
        }
        sort_rows(&mut rows, SortKey::Rank, false);
        assert_eq!(rows[0].code, "00214");
        sort_rows(&mut rows, SortKey::Name, false);
        assert_eq!(rows[0].name, "Hà Cầu");
    }

    #[test]
    fn previous_and_latest_periods() {
        let d = dataset("higher_is_better", ROWS);
        assert_eq!(previous_period(&d, "2021-Q4"), Some("2021-Q3"));
        assert_eq!(previous_period(&d, "2021-Q3"), None);
        assert_eq!(latest_period(&d), Some("2021-Q4"));
    }
}
