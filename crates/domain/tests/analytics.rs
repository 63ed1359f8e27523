//! District aggregates, the 766 composite and ward profiles on the bundled
//! open data (`public/data/`), read with the same code the app runs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use ward_domain::aggregate::{
    city_median, district_aggregates, district_median, median, median_series, AggregationMethod,
};
use ward_domain::composite::{
    composite_periods, composite_rows, formula, Weights, DEFAULT_COMPONENTS,
};
use ward_domain::dataset::{Dataset, Group};
use ward_domain::format::Lang;
use ward_domain::profile::indicator_profile;
use ward_domain::ranking::competition_ranks;
use ward_domain::table::{latest_period, ward_rows};
use ward_domain::Registry;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data")
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(data_dir().join(relative))
        .unwrap_or_else(|e| panic!("cannot read public/data/{relative}: {e}"))
}

struct Bundled {
    registry: Registry,
    /// The six group score datasets, in INDEX_766 order.
    scores: Vec<Dataset>,
    population: Dataset,
}

fn bundled() -> &'static Bundled {
    static DATA: OnceLock<Bundled> = OnceLock::new();
    DATA.get_or_init(|| {
        let registry = Registry::parse(&read("wards.json")).expect("wards.json is valid");
        let load = |id: &str| {
            Dataset::parse(&read(&format!("datasets/{id}.json")), &registry)
                .unwrap_or_else(|p| panic!("{id} is invalid: {p:#?}"))
                .value
        };
        let scores = DEFAULT_COMPONENTS.iter().map(|(_, id)| load(id)).collect();
        let population = load("population-reported");
        Bundled {
            registry,
            scores,
            population,
        }
    })
}

fn components(data: &Bundled) -> [Option<&Dataset>; 6] {
    [0, 1, 2, 3, 4, 5].map(|i| data.scores.get(i))
}

fn latest(dataset: &Dataset) -> &str {
    latest_period(dataset).expect("a latest period")
}

#[test]
fn score_datasets_match_their_groups_and_766_maxima() {
    let data = bundled();
    for (((group, points), dataset), (component_group, id)) in Group::INDEX_766
        .iter()
        .zip(&data.scores)
        .zip(DEFAULT_COMPONENTS)
    {
        assert_eq!(dataset.id, id);
        assert_eq!(dataset.group, *group);
        assert_eq!(component_group, *group);
        assert_eq!(
            dataset.range.map(|r| r.max),
            Some(f64::from(*points)),
            "{id}"
        );
        assert_eq!(dataset.periods.len(), 8, "{id}");
    }
}

#[test]
fn district_aggregates_cover_13_units_and_175_wards() {
    let data = bundled();
    for dataset in &data.scores {
        for period in &dataset.periods {
            let aggregates = district_aggregates(
                &data.registry,
                dataset,
                period,
                AggregationMethod::Median,
                None,
            );
            assert_eq!(aggregates.len(), 13);
            let codes: Vec<&str> = aggregates.iter().map(|a| a.code.as_str()).collect();
            let registry_codes: Vec<&str> = data
                .registry
                .districts
                .iter()
                .map(|d| d.code.as_str())
                .collect();
            assert_eq!(codes, registry_codes);
            assert_eq!(aggregates.iter().map(|a| a.wards_total).sum::<usize>(), 175);
            let with_data: usize = aggregates.iter().map(|a| a.wards_with_data).sum();
            let rows = ward_rows(&data.registry, dataset, period);
            assert_eq!(with_data, rows.iter().filter(|r| r.value.is_some()).count());
            // Ranks 1.. among districts with a value, best first.
            let mut positions: Vec<u32> = aggregates
                .iter()
                .filter_map(|a| a.rank.map(|r| r.position))
                .collect();
            positions.sort_unstable();
            assert_eq!(positions.first(), Some(&1), "{} {period}", dataset.id);
            let ranked = aggregates.iter().filter(|a| a.value.is_some()).count();
            assert!(aggregates
                .iter()
                .filter_map(|a| a.rank)
                .all(|r| usize::try_from(r.of) == Ok(ranked) && r.position as usize <= ranked));
            for a in &aggregates {
                assert_eq!(
                    a.value,
                    district_median(&data.registry, dataset, &a.code, period)
                );
                assert_eq!(a.method, AggregationMethod::Median);
                assert!(!a.fell_back);
            }
            assert_eq!(
                city_median(dataset, &data.registry, period),
                median(rows.iter().filter_map(|r| r.value))
            );
        }
    }
}

#[test]
fn population_weighted_falls_back_with_one_known_population() {
    // Only Hàng Bồ has a population, so no district has every ward's
    // population: each district with data uses the median and says so.
    let data = bundled();
    let dataset = &data.scores[0];
    let period = latest(dataset);
    let weighted = district_aggregates(
        &data.registry,
        dataset,
        period,
        AggregationMethod::PopulationWeightedMean,
        Some(&data.population),
    );
    let medians = district_aggregates(
        &data.registry,
        dataset,
        period,
        AggregationMethod::Median,
        None,
    );
    for (w, m) in weighted.iter().zip(&medians) {
        assert_eq!(w.value, m.value, "{}", w.name);
        assert_eq!(w.rank, m.rank);
        assert_eq!(w.method, AggregationMethod::Median);
        assert_eq!(w.fell_back, m.value.is_some(), "{}", w.name);
    }
}

#[test]
fn median_series_align_with_periods() {
    let data = bundled();
    let dataset = &data.scores[1];
    let city = median_series(&data.registry, dataset, None);
    assert_eq!(city.len(), dataset.periods.len());
    assert!(city.iter().all(Option::is_some));
    let hoan_kiem = median_series(&data.registry, dataset, Some("002"));
    assert_eq!(hoan_kiem.len(), dataset.periods.len());
    assert!(median_series(&data.registry, dataset, Some("999"))
        .iter()
        .all(Option::is_none));
}

#[test]
fn default_composite_is_the_sum_of_the_six_group_scores() {
    let data = bundled();
    let components = components(data);
    assert_eq!(composite_periods(&components), data.scores[0].periods);
    let mut checked = 0;
    for period in &data.scores[0].periods {
        let rows = composite_rows(&data.registry, &components, period, &Weights::DEFAULT);
        assert_eq!(rows.len(), 175);
        for row in &rows {
            let scores: Vec<Option<f64>> = data
                .scores
                .iter()
                .map(|d| d.observation(&row.code, period).and_then(|o| o.value))
                .collect();
            if scores.iter().all(Option::is_some) {
                let sum: f64 = scores.iter().flatten().sum();
                let score = row.score.expect("all six groups present");
                assert!((score - sum).abs() < 1e-9, "{} {period}", row.code);
                let parts: f64 = row.parts.iter().flatten().sum();
                assert!((parts - sum).abs() < 1e-9);
                assert!(row.missing.is_empty());
                checked += 1;
            } else {
                assert_eq!(row.score, None);
                assert_eq!(row.rank, None);
                assert!(!row.missing.is_empty());
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn a_single_weighted_group_ranks_like_that_group() {
    let data = bundled();
    let components = components(data);
    let payment = &data.scores[3];
    let period = latest(payment);
    // Out of 10 at 2 decimals, ×10 at 1 decimal: the same figures, so the
    // same ranks and ties. Only the ratio of the weights matters.
    let only_payment = Weights([0.0, 0.0, 0.0, 3.0, 0.0, 0.0]);
    let rows = composite_rows(&data.registry, &components, period, &only_payment);
    let group_ranks: Vec<_> = ward_rows(&data.registry, payment, period)
        .into_iter()
        .map(|r| r.rank)
        .collect();
    let composite_ranks: Vec<_> = rows.iter().map(|r| r.rank).collect();
    assert_eq!(composite_ranks, group_ranks);

    let default_ranks: Vec<_> =
        composite_rows(&data.registry, &components, period, &Weights::DEFAULT)
            .into_iter()
            .map(|r| r.rank)
            .collect();
    assert_ne!(default_ranks, composite_ranks, "weights change the ranking");
    assert!(formula(&only_payment, Lang::En).contains("3·[Online payment]/10) / 3"));
}

#[test]
fn a_missing_group_blocks_the_composite_unless_its_weight_is_zero() {
    let data = bundled();
    let transparency = &data.scores[0];
    let gap = transparency
        .values
        .iter()
        .find(|o| {
            o.value.is_none()
                && data.scores.iter().skip(1).all(|d| {
                    d.observation(&o.area, &o.period)
                        .is_some_and(|x| x.value.is_some())
                })
        })
        .expect("the bundled transparency scores have a gap where the others do not");
    let components = components(data);
    let index = data
        .registry
        .wards
        .iter()
        .position(|w| w.code == gap.area)
        .unwrap();

    let rows = composite_rows(&data.registry, &components, &gap.period, &Weights::DEFAULT);
    assert_eq!(rows[index].score, None);
    assert_eq!(rows[index].missing, [Group::Transparency]);

    let mut weights = Weights::DEFAULT;
    weights.0[0] = 0.0;
    let rows = composite_rows(&data.registry, &components, &gap.period, &weights);
    assert!(rows[index].score.is_some());
    assert!(rows[index].missing.is_empty());

    let mut without = components;
    without[0] = None;
    let rows = composite_rows(&data.registry, &without, &gap.period, &Weights::DEFAULT);
    assert!(rows
        .iter()
        .all(|r| r.score.is_none() && r.missing.contains(&Group::Transparency)));

    let rows = composite_rows(
        &data.registry,
        &components,
        &gap.period,
        &Weights([1.0, -1.0, 0.0, 0.0, 0.0, 0.0]),
    );
    assert!(rows.iter().all(|r| r.score.is_none() && r.rank.is_none()));
}

#[test]
fn profile_of_hang_bo() {
    let data = bundled();
    let hoan_kiem = data
        .registry
        .wards
        .iter()
        .filter(|w| w.district == "002")
        .count();
    assert_eq!(
        data.registry.ward("00052").map(|w| w.district.as_str()),
        Some("002")
    );
    for dataset in &data.scores {
        for period in &dataset.periods {
            let p = indicator_profile(&data.registry, dataset, "00052", period)
                .expect("Hàng Bồ is in the registry");
            assert_eq!(p.dataset_id, dataset.id);
            assert_eq!(&p.period, period);
            assert_eq!(p.trend.len(), dataset.periods.len());
            assert_eq!(p.district_medians.len(), dataset.periods.len());
            assert_eq!(p.city_medians.len(), dataset.periods.len());
            assert_eq!(p.value.is_some(), p.rank_city.is_some());
            if let Some(rank) = p.rank_district {
                assert!(rank.of as usize <= hoan_kiem);
                assert!(rank.position <= rank.of);
            }
            if let Some(rank) = p.rank_city {
                assert!(rank.of <= 175);
            }
            if let Some(share) = p.percentile {
                assert!((0.0..100.0).contains(&share));
            }
            // The same figures as the home view's ranking table.
            let row = ward_rows(&data.registry, dataset, period)
                .into_iter()
                .find(|r| r.code == "00052")
                .unwrap();
            assert_eq!(
                (p.value, p.rank_city, p.change),
                (row.value, row.rank, row.change)
            );
            let position = dataset.periods.iter().position(|x| x == period).unwrap();
            assert_eq!(p.trend[position], p.value);
            assert_eq!(
                p.district_medians[position],
                district_median(&data.registry, dataset, "002", period)
            );
        }
    }
    assert_eq!(
        indicator_profile(&data.registry, &data.scores[0], "99999", "2023-Q2"),
        None
    );
}

#[test]
fn district_ranks_agree_with_competition_ranks_of_the_values() {
    let data = bundled();
    let dataset = &data.scores[5];
    let period = latest(dataset);
    let aggregates = district_aggregates(
        &data.registry,
        dataset,
        period,
        AggregationMethod::Median,
        None,
    );
    let values: Vec<Option<f64>> = aggregates.iter().map(|a| a.value).collect();
    let expected = competition_ranks(
        &values,
        dataset.direction,
        dataset.number_format.shown_decimals(),
    );
    let ranks: Vec<_> = aggregates.iter().map(|a| a.rank).collect();
    assert_eq!(ranks, expected);
}

fn any_weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(0.0),
        3 => 0.0..=100.0f64,
        1 => (0u32..=30).prop_map(f64::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/analytics.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn composite_scores_stay_within_0_and_100(
        raw in proptest::array::uniform6(any_weight()),
        period in 0usize..8,
    ) {
        let weights = Weights(raw);
        prop_assume!(weights.is_valid());
        let data = bundled();
        let period = &data.scores[0].periods[period];
        let rows = composite_rows(&data.registry, &components(data), period, &weights);
        prop_assert_eq!(rows.len(), 175);
        for row in rows {
            if let Some(score) = row.score {
                prop_assert!((0.0..=100.0).contains(&score), "{} {}", row.code, score);
                let parts: f64 = row.parts.iter().flatten().sum();
                prop_assert!((parts - score).abs() < 1e-9);
                prop_assert!(row.rank.is_some());
            }
            for (part, weight) in row.parts.iter().zip(raw) {
                if weight == 0.0 {
                    prop_assert_eq!(*part, None);
                }
            }
        }
    }
}

/// The case the property test found on a fresh clone (issue 11): ward
/// 00325 scored 100.00000000000001 in the sixth period.
#[test]
fn composite_of_ward_00325_stays_at_most_100() {
    let data = bundled();
    let period = &data.scores[0].periods[5];
    let weights = Weights([0.0, 0.0, 0.0, 7.0, 75.08898048676724, 0.0]);
    let rows = composite_rows(&data.registry, &components(data), period, &weights);
    let row = rows.iter().find(|r| r.code == "00325").expect("ward 00325");
    let score = row.score.expect("a score");
    assert!((0.0..=100.0).contains(&score), "{score}");
}
