//! Everything the ward profile shows for one ward and indicator (see issue 5).
//!
//! Why one struct: the profile page, its charts and its tests must agree with
//! the home view's ranking table. Building the figures here, with the same
//! ranking rules (values compared as shown, competition ranks, shown change
//! against the previous period, as in [`crate::table`]), means the profile
//! never shows "3rd" where the table shows "=2", and the UI only formats.
//!
//! The district and city medians give the reader a reference for the ward's
//! trend ("is this ward above a typical ward?") without inventing a mean
//! from incomplete data (see [`crate::aggregate`]).

use crate::aggregate::{median_series, ward_values};
use crate::dataset::{Dataset, MissingReason};
use crate::ranking::{competition_ranks, percentile, shown_change, Rank};
use crate::registry::Registry;
use crate::table::previous_period;

/// One indicator of one ward's profile, in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorProfile {
    pub dataset_id: String,
    pub period: String,
    /// The ward's finite value in `period`.
    pub value: Option<f64>,
    /// Why there is no value, as the dataset says (`None` with no row at all,
    /// as in the ranking table: not reported).
    pub missing: Option<MissingReason>,
    /// Among all registry wards with a value.
    pub rank_city: Option<Rank>,
    /// Among the wards of the ward's district with a value.
    pub rank_district: Option<Rank>,
    /// Share (0–100) of the city's wards with a value that this ward beats.
    pub percentile: Option<f64>,
    pub previous_period: Option<String>,
    /// Change since `previous_period`, of the values as shown.
    pub change: Option<f64>,
    /// The ward's values, aligned with `dataset.periods`.
    pub trend: Vec<Option<f64>>,
    /// Median of the ward's district in each period of `dataset.periods`.
    pub district_medians: Vec<Option<f64>>,
    /// Median of all registry wards in each period of `dataset.periods`.
    pub city_medians: Vec<Option<f64>>,
}

/// The profile of `ward_code` for `dataset` in `period`, or `None` if the
/// ward is not in the registry. A period the dataset does not list gives no
/// value and no previous period, but the trend and medians are still filled.
pub fn indicator_profile(
    registry: &Registry,
    dataset: &Dataset,
    ward_code: &str,
    period: &str,
) -> Option<IndicatorProfile> {
    let index = registry.wards.iter().position(|w| w.code == ward_code)?;
    let ward = registry.wards.get(index)?;
    let decimals = dataset.number_format.shown_decimals();

    let city = ward_values(registry, dataset, period);
    let value = city.get(index).copied().flatten();
    let rank_city = competition_ranks(&city, dataset.direction, decimals)
        .get(index)
        .copied()
        .flatten();

    // Registry order is kept within the district, so ties list as in the table.
    let in_district: Vec<(usize, Option<f64>)> = registry
        .wards
        .iter()
        .zip(&city)
        .enumerate()
        .filter(|(_, (w, _))| w.district == ward.district)
        .map(|(i, (_, v))| (i, *v))
        .collect();
    let district_values: Vec<Option<f64>> = in_district.iter().map(|(_, v)| *v).collect();
    let rank_district = in_district
        .iter()
        .position(|(i, _)| *i == index)
        .and_then(|at| {
            competition_ranks(&district_values, dataset.direction, decimals)
                .get(at)
                .copied()
                .flatten()
        });

    let previous = previous_period(dataset, period);
    let before = previous.and_then(|p| {
        ward_values(registry, dataset, p)
            .get(index)
            .copied()
            .flatten()
    });
    let trend = dataset
        .periods
        .iter()
        .map(|p| {
            dataset
                .observation(ward_code, p)
                .and_then(|o| o.value)
                .filter(|v| v.is_finite())
        })
        .collect();

    Some(IndicatorProfile {
        dataset_id: dataset.id.clone(),
        period: period.to_string(),
        value,
        missing: dataset
            .observation(ward_code, period)
            .and_then(|o| o.missing),
        rank_city,
        rank_district,
        percentile: value.and_then(|v| percentile(v, &city, dataset.direction, decimals)),
        previous_period: previous.map(str::to_string),
        change: shown_change(value, before, decimals),
        trend,
        district_medians: median_series(registry, dataset, Some(&ward.district)),
        city_medians: median_series(registry, dataset, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Direction;

    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [
                 {"code": "001", "name": "Ba Đình", "full_name": "Quận Ba Đình", "folded": "ba dinh"},
                 {"code": "002", "name": "Hoàn Kiếm", "full_name": "Quận Hoàn Kiếm", "folded": "hoan kiem"}],
               "wards": [
                 {"code": "00001", "name": "Phúc Xá", "full_name": "Phường Phúc Xá", "district": "001", "folded": "phuc xa"},
                 {"code": "00004", "name": "Trúc Bạch", "full_name": "Phường Trúc Bạch", "district": "001", "folded": "truc bach"},
                 {"code": "00052", "name": "Hàng Bồ", "full_name": "Phường Hàng Bồ", "district": "002", "folded": "hang bo"},
                 {"code": "00055", "name": "Hàng Bạc", "full_name": "Phường Hàng Bạc", "district": "002", "folded": "hang bac"}]}"#,
        )
        .unwrap()
    }

    fn dataset(direction: &str) -> Dataset {
        let text = format!(
            r#"{{"format": "hanoi-wards/dataset", "version": 1, "id": "t",
             "title": {{"vi": "a", "en": "a"}}, "description": {{"vi": "a", "en": "a"}},
             "level": "ward", "unit": {{"vi": "%", "en": "%"}},
             "number_format": {{"style": "percent", "decimals": 1}},
             "direction": "{direction}", "group": "timeliness", "period_type": "quarter",
             "periods": ["2021-Q3", "2021-Q4"], "source": {{"name": "s"}},
             "licence": {{"id": "CC-BY-4.0"}}, "provenance": "synthetic", "values": [
               {{"area": "00001", "period": "2021-Q4", "value": 90.0}},
               {{"area": "00004", "period": "2021-Q4", "value": 70.0}},
               {{"area": "00052", "period": "2021-Q3", "value": 75.06}},
               {{"area": "00052", "period": "2021-Q4", "value": 80.04}},
               {{"area": "00055", "period": "2021-Q4", "value": 60.0}},
               {{"area": "00055", "period": "2021-Q3", "value": null, "missing": "suppressed"}}]}}"#
        );
        Dataset::parse(&text, &registry()).unwrap().value
    }

    #[test]
    fn profile_of_a_ward_in_city_and_district() {
        let p = indicator_profile(
            &registry(),
            &dataset("higher_is_better"),
            "00052",
            "2021-Q4",
        )
        .unwrap();
        assert_eq!(p.value, Some(80.04));
        assert_eq!(p.missing, None);
        assert_eq!(p.rank_city.map(|r| (r.position, r.of)), Some((2, 4)));
        assert_eq!(p.rank_district.map(|r| (r.position, r.of)), Some((1, 2)));
        assert_eq!(p.percentile, Some(50.0));
        assert_eq!(p.previous_period.as_deref(), Some("2021-Q3"));
        // Shown 75.1 → 80.0: the change adds up on screen.
        assert_eq!(p.change, Some(4.9));
        assert_eq!(p.trend, [Some(75.06), Some(80.04)]);
        let close = |series: &[Option<f64>], expected: [f64; 2]| {
            series.len() == 2
                && series
                    .iter()
                    .zip(expected)
                    .all(|(v, e)| v.is_some_and(|v| (v - e).abs() < 1e-9))
        };
        assert!(
            close(&p.district_medians, [75.06, 70.02]),
            "{:?}",
            p.district_medians
        );
        assert!(
            close(&p.city_medians, [75.06, 75.02]),
            "{:?}",
            p.city_medians
        );
    }

    #[test]
    fn lower_is_better_missing_values_and_unknown_wards() {
        let d = dataset("lower_is_better");
        assert_eq!(d.direction, Direction::LowerIsBetter);
        let p = indicator_profile(&registry(), &d, "00055", "2021-Q3").unwrap();
        assert_eq!(p.value, None);
        assert_eq!(p.missing, Some(MissingReason::Suppressed));
        assert_eq!(
            (p.rank_city, p.rank_district, p.percentile),
            (None, None, None)
        );
        assert_eq!((p.previous_period, p.change), (None, None));
        let p = indicator_profile(&registry(), &d, "00055", "2021-Q4").unwrap();
        assert_eq!(p.rank_city.map(|r| r.position), Some(1));
        assert_eq!(p.change, None);
        assert_eq!(p.trend, [None, Some(60.0)]);
        assert_eq!(indicator_profile(&registry(), &d, "99999", "2021-Q4"), None);
        let p = indicator_profile(&registry(), &d, "00001", "2030-Q1").unwrap();
        assert_eq!((p.value, p.previous_period), (None, None));
        assert_eq!(p.trend.len(), 2);
    }
}
