//! District and city aggregates of ward values (see issue 5).
//!
//! Why the median by default: ward values are skewed and a district has only
//! 6 to 22 pilot wards, so one outlier ward moves a plain mean a lot. The
//! median is what "a typical ward of the district" means to a reader, and it
//! needs no data we do not have.
//!
//! Why a population-weighted mean is offered but guarded: a district's mean
//! "per resident" needs every ward's population. The bundled population file
//! has a single ward (Hàng Bồ); weighting with the wards we happen to know
//! and silently dropping the rest would give a figure that looks precise and
//! is not. So the weighted mean is used for a district only when *every* ward
//! with a value there has a positive population; otherwise that district
//! falls back to the median and says so ([`DistrictAggregate::fell_back`]).
//!
//! Missing and non-finite values are left out, never counted as zero (a
//! missing value is never zero, see [`crate::dataset::MissingReason`]).

use std::collections::HashMap;

use crate::dataset::Dataset;
use crate::format::Lang;
use crate::ranking::{competition_ranks, Rank};
use crate::registry::Registry;
use crate::table::latest_period;

/// How ward values are combined into one figure for a district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AggregationMethod {
    /// The middle ward value (mean of the two middle ones for an even count).
    #[default]
    Median,
    /// Σ population × value / Σ population over the wards with a value.
    PopulationWeightedMean,
}

impl AggregationMethod {
    pub const ALL: [AggregationMethod; 2] = [
        AggregationMethod::Median,
        AggregationMethod::PopulationWeightedMean,
    ];

    /// Stable identifier, e.g. for the address bar.
    pub fn id(self) -> &'static str {
        match self {
            AggregationMethod::Median => "median",
            AggregationMethod::PopulationWeightedMean => "population-weighted",
        }
    }

    /// The method with identifier `id` (see [`AggregationMethod::id`]).
    pub fn parse(id: &str) -> Option<AggregationMethod> {
        AggregationMethod::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The method in one sentence, for the note under a district chart or table.
    pub fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AggregationMethod::Median, Lang::Vi) => {
                "Giá trị của quận là trung vị của các phường có số liệu: một nửa số phường cao hơn, một nửa thấp hơn."
            }
            (AggregationMethod::Median, Lang::En) => {
                "A district's value is the median of its wards with data: half of those wards are above it, half below."
            }
            (AggregationMethod::PopulationWeightedMean, Lang::Vi) => {
                "Giá trị của quận là bình quân gia quyền theo dân số của các phường có số liệu; quận nào thiếu dân số của một phường có số liệu thì dùng trung vị."
            }
            (AggregationMethod::PopulationWeightedMean, Lang::En) => {
                "A district's value is the population-weighted mean of its wards with data; where any of those wards lacks a population figure, the median is used instead."
            }
        }
    }
}

/// The median of the finite values, or `None` if there are none. With an even
/// count it is the mean of the two middle values. NaN and ±∞ are ignored
/// (they cannot be shown, so they cannot be a ward's value either).
pub fn median(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let mut finite: Vec<f64> = values.into_iter().filter(|v| v.is_finite()).collect();
    finite.sort_by(f64::total_cmp);
    let n = finite.len();
    let upper = *finite.get(n / 2)?;
    if n % 2 == 1 {
        return Some(upper);
    }
    let lower = *finite.get(n / 2 - 1)?;
    let mid = (lower + upper) / 2.0;
    // The sum overflows only near f64::MAX; halving first cannot.
    Some(if mid.is_finite() {
        mid
    } else {
        lower / 2.0 + upper / 2.0
    })
}

/// One district-level unit's aggregate of its ward values in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictAggregate {
    pub code: String,
    pub name: String,
    /// `None` when no ward of the district has a value.
    pub value: Option<f64>,
    /// The method actually used (the median after a fallback).
    pub method: AggregationMethod,
    pub wards_with_data: usize,
    /// Pilot wards of the district in the registry.
    pub wards_total: usize,
    /// Among the districts with a value, by the dataset's direction and decimals.
    pub rank: Option<Rank>,
    /// The weighted mean was asked for but some ward with a value has no
    /// population, so the median was used.
    pub fell_back: bool,
}

/// Finite values of one period by area code, in one pass over the rows
/// (`Dataset::observation` scans all rows each time, which adds up over 175
/// wards × 8 periods in the browser).
fn values_by_area<'a>(dataset: &'a Dataset, period: &str) -> HashMap<&'a str, f64> {
    dataset
        .values
        .iter()
        .filter(|o| o.period == period)
        .filter_map(|o| {
            o.value
                .filter(|v| v.is_finite())
                .map(|v| (o.area.as_str(), v))
        })
        .collect()
}

/// The values of every registry ward in `period`, in registry order.
pub(crate) fn ward_values(
    registry: &Registry,
    dataset: &Dataset,
    period: &str,
) -> Vec<Option<f64>> {
    let by_area = values_by_area(dataset, period);
    registry
        .wards
        .iter()
        .map(|w| by_area.get(w.code.as_str()).copied())
        .collect()
}

/// Σ pᵢ·vᵢ / Σ pᵢ, or `None` if it is not a finite number.
fn weighted_mean(pairs: &[(f64, f64)]) -> Option<f64> {
    let total: f64 = pairs.iter().map(|(_, p)| p).sum();
    let weighted: f64 = pairs.iter().map(|(v, p)| v * p).sum();
    let mean = weighted / total;
    (total > 0.0 && mean.is_finite()).then_some(mean)
}

/// The aggregate of each district-level unit in registry order (all 13, also
/// those without data), ranked among themselves.
///
/// With [`AggregationMethod::PopulationWeightedMean`] a district gets the
/// weighted mean only if every ward with a value there has a positive, finite
/// population in the latest period of `population`; otherwise (or without a
/// population dataset) it gets the median and `fell_back = true`.
pub fn district_aggregates(
    registry: &Registry,
    dataset: &Dataset,
    period: &str,
    method: AggregationMethod,
    population: Option<&Dataset>,
) -> Vec<DistrictAggregate> {
    let values = values_by_area(dataset, period);
    let populations: HashMap<&str, f64> = population
        .and_then(|p| latest_period(p).map(|latest| values_by_area(p, latest)))
        .unwrap_or_default();
    let mut aggregates: Vec<DistrictAggregate> = registry
        .wards_by_district()
        .into_iter()
        .map(|(district, wards)| {
            let with_data: Vec<(&str, f64)> = wards
                .iter()
                .filter_map(|w| values.get(w.code.as_str()).map(|v| (w.code.as_str(), *v)))
                .collect();
            let median_value = median(with_data.iter().map(|(_, v)| *v));
            let (value, used, fell_back) = match method {
                AggregationMethod::Median => (median_value, method, false),
                AggregationMethod::PopulationWeightedMean if with_data.is_empty() => {
                    (None, method, false)
                }
                AggregationMethod::PopulationWeightedMean => {
                    let pairs: Option<Vec<(f64, f64)>> = with_data
                        .iter()
                        .map(|(code, v)| {
                            populations
                                .get(code)
                                .filter(|p| p.is_finite() && **p > 0.0)
                                .map(|p| (*v, *p))
                        })
                        .collect();
                    match pairs.as_deref().and_then(weighted_mean) {
                        Some(mean) => (Some(mean), method, false),
                        None => (median_value, AggregationMethod::Median, true),
                    }
                }
            };
            DistrictAggregate {
                code: district.code.clone(),
                name: district.name.clone(),
                value,
                method: used,
                wards_with_data: with_data.len(),
                wards_total: wards.len(),
                rank: None,
                fell_back,
            }
        })
        .collect();
    let shown: Vec<Option<f64>> = aggregates.iter().map(|a| a.value).collect();
    let ranks = competition_ranks(
        &shown,
        dataset.direction,
        dataset.number_format.shown_decimals(),
    );
    for (aggregate, rank) in aggregates.iter_mut().zip(ranks) {
        aggregate.rank = rank;
    }
    aggregates
}

/// The median of all registry wards in `period`: the city's typical ward.
/// Rows for other areas (a district or the city itself) are not wards and are
/// left out.
pub fn city_median(dataset: &Dataset, registry: &Registry, period: &str) -> Option<f64> {
    median(ward_values(registry, dataset, period).into_iter().flatten())
}

/// The median of the wards of `district_code` in `period` (`None` for an
/// unknown district or one without data).
pub fn district_median(
    registry: &Registry,
    dataset: &Dataset,
    district_code: &str,
    period: &str,
) -> Option<f64> {
    let values = values_by_area(dataset, period);
    median(
        registry
            .wards
            .iter()
            .filter(|w| w.district == district_code)
            .filter_map(|w| values.get(w.code.as_str()).copied()),
    )
}

/// The median of each period of `dataset.periods` (same order and length),
/// over the wards of `district`, or of the whole city when `district` is
/// `None`: the reference lines of a ward's trend chart.
pub fn median_series(
    registry: &Registry,
    dataset: &Dataset,
    district: Option<&str>,
) -> Vec<Option<f64>> {
    dataset
        .periods
        .iter()
        .map(|period| match district {
            Some(code) => district_median(registry, dataset, code, period),
            None => city_median(dataset, registry, period),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_empty_and_non_finite() {
        assert_eq!(median([3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median([4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median([]), None);
        assert_eq!(median([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]), None);
        assert_eq!(median([f64::NAN, 5.0, 1.0, f64::INFINITY]), Some(3.0));
        assert_eq!(median([7.0]), Some(7.0));
        assert_eq!(median([f64::MAX, f64::MAX]), Some(f64::MAX));
        assert_eq!(median([-0.0, 0.0]), Some(0.0));
    }

    #[test]
    fn methods_round_trip_and_describe_themselves() {
        for method in AggregationMethod::ALL {
            assert_eq!(AggregationMethod::parse(method.id()), Some(method));
            for lang in [Lang::Vi, Lang::En] {
                assert!(method.describe(lang).ends_with('.'));
            }
        }
        assert_eq!(AggregationMethod::parse("mean"), None);
        assert!(AggregationMethod::Median
            .describe(Lang::Vi)
            .contains("trung vị"));
        assert!(AggregationMethod::PopulationWeightedMean
            .describe(Lang::Vi)
            .contains("dân số"));
    }

    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [
                 {"code": "001", "name": "Ba Đình", "full_name": "Quận Ba Đình", "folded": "ba dinh"},
                 {"code": "002", "name": "Hoàn Kiếm", "full_name": "Quận Hoàn Kiếm", "folded": "hoan kiem"},
                 {"code": "003", "name": "Tây Hồ", "full_name": "Quận Tây Hồ", "folded": "tay ho"}],
               "wards": [
                 {"code": "00001", "name": "Phúc Xá", "full_name": "Phường Phúc Xá", "district": "001", "folded": "phuc xa"},
                 {"code": "00004", "name": "Trúc Bạch", "full_name": "Phường Trúc Bạch", "district": "001", "folded": "truc bach"},
                 {"code": "00006", "name": "Vĩnh Phúc", "full_name": "Phường Vĩnh Phúc", "district": "001", "folded": "vinh phuc"},
                 {"code": "00052", "name": "Hàng Bồ", "full_name": "Phường Hàng Bồ", "district": "002", "folded": "hang bo"},
                 {"code": "00055", "name": "Hàng Bạc", "full_name": "Phường Hàng Bạc", "district": "002", "folded": "hang bac"},
                 {"code": "00091", "name": "Phú Thượng", "full_name": "Phường Phú Thượng", "district": "003", "folded": "phu thuong"}]}"#,
        )
        .unwrap()
    }

    fn dataset(id: &str, style: &str, periods: &str, rows: &str) -> Dataset {
        let text = format!(
            r#"{{"format": "hanoi-wards/dataset", "version": 1, "id": "{id}",
             "title": {{"vi": "a", "en": "a"}}, "description": {{"vi": "a", "en": "a"}},
             "level": "ward", "unit": {{"vi": "u", "en": "u"}},
             "number_format": {{"style": "{style}", "decimals": 1}},
             "direction": "higher_is_better", "group": "other", "period_type": "year",
             "periods": [{periods}], "source": {{"name": "s"}},
             "licence": {{"id": "CC-BY-4.0"}}, "provenance": "synthetic", "values": [{rows}]}}"#
        );
        Dataset::parse(&text, &registry()).unwrap().value
    }

    fn scores() -> Dataset {
        dataset(
            "scores",
            "decimal",
            r#""2022", "2023""#,
            r#"{"area": "00001", "period": "2023", "value": 10.0},
               {"area": "00004", "period": "2023", "value": 20.0},
               {"area": "00006", "period": "2023", "value": 60.0},
               {"area": "00052", "period": "2023", "value": 40.0},
               {"area": "00055", "period": "2023", "value": 80.0},
               {"area": "00001", "period": "2022", "value": 1.0},
               {"area": "00091", "period": "2023", "value": null, "missing": "suppressed"}"#,
        )
    }

    fn population(rows: &str) -> Dataset {
        dataset("population", "integer", r#""2021", "2022""#, rows)
    }

    #[test]
    fn median_aggregates_rank_districts_and_skip_missing() {
        let aggregates = district_aggregates(
            &registry(),
            &scores(),
            "2023",
            AggregationMethod::Median,
            None,
        );
        let codes: Vec<&str> = aggregates.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["001", "002", "003"]);
        assert_eq!(aggregates[0].value, Some(20.0));
        assert_eq!(aggregates[1].value, Some(60.0));
        assert_eq!(aggregates[2].value, None);
        assert_eq!(aggregates[2].rank, None);
        assert_eq!(aggregates[0].rank.map(|r| (r.position, r.of)), Some((2, 2)));
        assert_eq!(aggregates[1].rank.map(|r| r.position), Some(1));
        assert_eq!(
            (aggregates[0].wards_with_data, aggregates[0].wards_total),
            (3, 3)
        );
        assert_eq!(
            (aggregates[2].wards_with_data, aggregates[2].wards_total),
            (0, 1)
        );
        assert!(aggregates.iter().all(|a| !a.fell_back));
    }

    #[test]
    fn weighted_mean_only_with_every_population_else_median() {
        // Latest population period (2022) counts; 2021 is ignored.
        let people = population(
            r#"{"area": "00052", "period": "2022", "value": 3000},
               {"area": "00055", "period": "2022", "value": 1000},
               {"area": "00001", "period": "2022", "value": 5000},
               {"area": "00004", "period": "2022", "value": 0},
               {"area": "00006", "period": "2021", "value": 5000}"#,
        );
        let aggregates = district_aggregates(
            &registry(),
            &scores(),
            "2023",
            AggregationMethod::PopulationWeightedMean,
            Some(&people),
        );
        // Hoàn Kiếm: (3000 × 40 + 1000 × 80) / 4000 = 50.
        let hoan_kiem = &aggregates[1];
        assert_eq!(hoan_kiem.value, Some(50.0));
        assert_eq!(hoan_kiem.method, AggregationMethod::PopulationWeightedMean);
        assert!(!hoan_kiem.fell_back);
        // Ba Đình: a zero population and one only in 2021 → median.
        let ba_dinh = &aggregates[0];
        assert_eq!(ba_dinh.value, Some(20.0));
        assert_eq!(ba_dinh.method, AggregationMethod::Median);
        assert!(ba_dinh.fell_back);
        // Tây Hồ has no ward value: nothing to fall back from.
        assert_eq!(aggregates[2].value, None);
        assert!(!aggregates[2].fell_back);
        assert_eq!(aggregates[0].rank.map(|r| r.position), Some(2));

        let without = district_aggregates(
            &registry(),
            &scores(),
            "2023",
            AggregationMethod::PopulationWeightedMean,
            None,
        );
        assert_eq!(without[1].value, Some(60.0));
        assert!(without[1].fell_back);
    }

    #[test]
    fn city_and_district_medians_and_series() {
        let (registry, scores) = (registry(), scores());
        assert_eq!(city_median(&scores, &registry, "2023"), Some(40.0));
        assert_eq!(city_median(&scores, &registry, "2022"), Some(1.0));
        assert_eq!(city_median(&scores, &registry, "1999"), None);
        assert_eq!(
            district_median(&registry, &scores, "002", "2023"),
            Some(60.0)
        );
        assert_eq!(district_median(&registry, &scores, "999", "2023"), None);
        assert_eq!(
            median_series(&registry, &scores, None),
            [Some(1.0), Some(40.0)]
        );
        assert_eq!(
            median_series(&registry, &scores, Some("002")),
            [None, Some(60.0)]
        );
    }
}
