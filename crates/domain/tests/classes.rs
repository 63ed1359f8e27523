//! Map classes that must not hide a ward standing far from the rest
//! (issue 11, item 4): one outlier among ties, all values equal, a single
//! value, for every classing method, at the level of the breaks and of the
//! legend the map shows.

use ward_domain::choropleth::{Choropleth, Strip, DEFAULT_CLASSES};
use ward_domain::classify::{classify, Classes, Method};
use ward_domain::dataset::{Direction, NumberFormat, NumberStyle};
use ward_domain::format::Lang;
use ward_domain::palette::Palette;

const PCT: NumberFormat = NumberFormat {
    style: NumberStyle::Percent,
    decimals: 1,
};

/// The shape of the issue: 120 wards at 100 %, 54 spread over 90–99.4 %
/// and one at 12.5 %. 175 values, as on the map.
fn outlier_among_ties() -> Vec<f64> {
    let mut values = vec![100.0; 120];
    values.extend((0..54).map(|i| (900.0 + f64::from(i) * 94.0 / 53.0).round() / 10.0));
    values.push(12.5);
    values
}

/// Only the tie and the outlier: 120 wards at 100 % and one at 12.5 %.
fn bare_outlier() -> Vec<f64> {
    let mut values = vec![100.0; 120];
    values.push(12.5);
    values
}

fn areas(values: &[f64]) -> Vec<(String, Option<f64>)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("{:05}", i + 1), Some(*v)))
        .collect()
}

fn choropleth(values: &[f64], method: Method) -> Choropleth {
    Choropleth::of_values(
        &areas(values),
        method,
        Palette::DEFAULT_SEQUENTIAL,
        Direction::HigherIsBetter,
        PCT,
        Lang::Vi,
    )
}

/// The values that fall in the class of `v`.
fn class_mates(classes: &Classes, values: &[f64], v: f64) -> Vec<f64> {
    let class = classes.class_of(v);
    assert!(class.is_some(), "{v} has no class in {classes:?}");
    values
        .iter()
        .copied()
        .filter(|x| classes.class_of(*x) == class)
        .collect()
}

fn assert_alone(values: &[f64], outlier: f64, method: Method) {
    let classes = classify(values, DEFAULT_CLASSES, method);
    let mates = class_mates(&classes, values, outlier);
    assert!(
        mates.iter().all(|x| *x == outlier),
        "{method:?}: the outlier {outlier} shares its class with {:?} (breaks {:?})",
        mates.iter().filter(|x| **x != outlier).collect::<Vec<_>>(),
        classes.breaks
    );
    // And on the map: no other tile has the outlier's colour.
    let map = choropleth(values, method);
    let code = values
        .iter()
        .position(|x| *x == outlier)
        .map(|i| format!("{:05}", i + 1))
        .unwrap_or_default();
    let fill = map.fill(&code).map(str::to_string);
    assert!(fill.is_some(), "{method:?}: the outlier has no fill");
    let same = areas(values)
        .iter()
        .filter(|(c, v)| *c != code && *v != Some(outlier) && map.fill(c) == fill.as_deref())
        .count();
    assert_eq!(
        same, 0,
        "{method:?}: {same} other tiles share the outlier's colour"
    );
}

#[test]
fn one_outlier_among_ties_gets_a_class_of_its_own_with_every_method() {
    for method in Method::ALL {
        assert_alone(&outlier_among_ties(), 12.5, method);
        assert_alone(&bare_outlier(), 12.5, method);
    }
}

#[test]
fn an_outlier_at_the_top_is_separated_too() {
    let mut values: Vec<f64> = outlier_among_ties().iter().map(|v| 112.5 - v).collect();
    values.push(0.0);
    for method in Method::ALL {
        assert_alone(&values, 100.0, method);
    }
}

#[test]
fn quantiles_keep_their_classes_around_the_outlier() {
    // The gap takes one class; the other four still split the 174 close
    // values by count, so the map keeps its detail where the wards are.
    let classes = classify(&outlier_among_ties(), DEFAULT_CLASSES, Method::Quantile);
    assert_eq!(classes.len(), DEFAULT_CLASSES, "{:?}", classes.breaks);
    assert_eq!(classes.breaks[0], 12.5);
    assert_eq!(classes.breaks[1], 90.0);
    // With 120 ties the other classes are as even as the tie allows, not a
    // class of one ward squeezed in beside the tie.
    let map = choropleth(&outlier_among_ties(), Method::Quantile);
    let counts: Vec<usize> = map.legend.iter().map(|e| e.count).collect();
    assert_eq!(counts, [1, 18, 18, 18, 120], "{:?}", map.legend);
}

/// Every legend entry either holds wards or says it is empty; its count
/// adds up to the wards with a value.
fn assert_legend_sensible(map: &Choropleth, values: &[f64], context: &str) {
    let total: usize = map.legend.iter().map(|e| e.count).sum();
    assert_eq!(total, values.len(), "{context}: legend counts");
    assert_eq!(map.legend.len(), map.classes.len(), "{context}");
    for (i, entry) in map.legend.iter().enumerate() {
        let in_class = values
            .iter()
            .filter(|v| map.classes.class_of(**v) == Some(i))
            .count();
        assert_eq!(entry.count, in_class, "{context}: class {i} count");
        assert!(!entry.label.is_empty(), "{context}: class {i} has no label");
    }
    // Distinct colours for distinct classes.
    let mut colours: Vec<&str> = map.legend.iter().map(|e| e.colour.as_str()).collect();
    colours.dedup();
    assert_eq!(
        colours.len(),
        map.legend.len(),
        "{context}: colours {colours:?}"
    );
}

#[test]
fn legends_count_every_class_and_only_equal_intervals_may_be_empty() {
    for method in Method::ALL {
        for values in [outlier_among_ties(), bare_outlier()] {
            let map = choropleth(&values, method);
            assert_legend_sensible(&map, &values, &format!("{method:?}"));
            if method != Method::EqualInterval {
                assert!(
                    map.legend.iter().all(|e| e.count > 0),
                    "{method:?}: an empty class in {:?}",
                    map.legend
                );
            }
        }
    }
}

#[test]
fn all_equal_values_make_one_class_labelled_with_the_value() {
    let values = vec![100.0; 175];
    for method in Method::ALL {
        let map = choropleth(&values, method);
        assert_eq!(map.classes.len(), 1, "{method:?}");
        assert_eq!(map.legend.len(), 1);
        assert_eq!(map.legend[0].label, "100,0%");
        assert_eq!(map.legend[0].count, 175);
        assert_legend_sensible(&map, &values, &format!("{method:?}"));
    }
}

#[test]
fn a_single_value_makes_one_class_labelled_with_the_value() {
    for method in Method::ALL {
        let map = choropleth(&[12.5], method);
        assert_eq!(map.classes.len(), 1, "{method:?}");
        assert_eq!(map.legend.len(), 1);
        assert_eq!(map.legend[0].label, "12,5%");
        assert_eq!(map.legend[0].count, 1);
        assert_legend_sensible(&map, &[12.5], &format!("{method:?}"));
    }
}

#[test]
fn the_strip_shows_the_outlier_alone_across_an_empty_stretch() {
    for method in Method::ALL {
        let map = choropleth(&outlier_among_ties(), method);
        let strip = Strip::from_legend(&map.legend);
        assert_eq!(strip.count, 175, "{method:?}");
        let first = &strip.ticks[0];
        assert_eq!(
            (first.position, first.text.as_str(), first.count),
            (0.0, "12,5%", 1)
        );
        assert_eq!(first.height, Strip::MIN_HEIGHT);
        assert_eq!(first.colour, map.legend[first.class].colour);
        // Every other tick sits in the top eighth of the strip, in another
        // colour than the outlier's.
        for tick in &strip.ticks[1..] {
            assert!(tick.position > 0.88, "{tick:?}");
            assert_ne!(tick.colour, first.colour, "{method:?}: {tick:?}");
        }
        let top = strip.ticks.last().expect("ticks");
        assert_eq!(
            (top.text.as_str(), top.count, top.height),
            ("100,0%", 120, 1.0)
        );
        let runs: Vec<(&str, &str, usize)> = strip
            .runs
            .iter()
            .map(|r| (r.low.as_str(), r.high.as_str(), r.count))
            .collect();
        assert_eq!(runs, [("12,5%", "12,5%", 1), ("90,0%", "100,0%", 174)]);
    }
}

#[test]
fn the_strip_of_equal_values_or_one_value_is_one_centred_tick() {
    for values in [vec![100.0; 175], vec![12.5]] {
        let map = choropleth(&values, Method::Quantile);
        let strip = Strip::from_legend(&map.legend);
        assert_eq!(strip.ticks.len(), 1);
        assert_eq!(strip.ticks[0].position, 0.5);
        assert_eq!(strip.ticks[0].height, 1.0);
        assert_eq!(strip.count, values.len());
        assert_eq!(strip.runs.len(), 1);
        assert_eq!(strip.runs[0].low, strip.runs[0].high);
    }
    let empty = Strip::from_legend(&choropleth(&[], Method::Quantile).legend);
    assert!(empty.ticks.is_empty() && empty.runs.is_empty() && empty.count == 0);
}

#[test]
fn evenly_spread_values_make_one_run() {
    let values: Vec<f64> = (0..175).map(|i| f64::from(i) / 2.0).collect();
    let strip = Strip::from_legend(&choropleth(&values, Method::NaturalBreaks).legend);
    assert_eq!(strip.runs.len(), 1);
    assert_eq!(
        (strip.runs[0].low.as_str(), strip.runs[0].high.as_str()),
        ("0,0%", "87,0%")
    );
    assert_eq!(strip.ticks.len(), 175);
    assert!(strip
        .ticks
        .windows(2)
        .all(|w| w[0].position < w[1].position));
}

#[test]
fn the_change_map_labels_its_fixed_classes_and_feeds_the_strip() {
    // Classes of the change map are fixed and may be empty; the legend's
    // counts say which, and the strip holds every ward.
    let changes = areas(&[-5.0, 0.0, 0.0, 4.0]);
    let map = Choropleth::of_changes(&changes, Direction::HigherIsBetter, PCT, Lang::Vi);
    let counts: Vec<usize> = map.legend.iter().map(|e| e.count).collect();
    assert_eq!(counts, [1, 0, 2, 0, 1]);
    assert!(map.legend[1].members.is_empty());
    let strip = Strip::from_legend(&map.legend);
    assert_eq!(strip.count, 4);
    assert_eq!(strip.ticks.len(), 3);
    assert_eq!(strip.ticks[0].text, "−5,0 điểm %");
}
