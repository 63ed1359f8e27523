//! Ranks, changes and percentiles for the ranking table.
//!
//! Everything here compares values *as shown*: rounded to the dataset's
//! `number_format.decimals`. A reader sees "87.1" for both 87.14 and 87.10,
//! so ranking them 3rd and 4th would show two equal figures with different
//! ranks, which reads as an error (or as a hidden precision the publisher
//! never claimed). Rounding first makes equal shown values tie.
//!
//! Non-finite numbers (NaN, ±∞) are treated as missing: they cannot be shown
//! as a figure, so they cannot be ranked either.

use std::cmp::Ordering;

use crate::dataset::Direction;

/// `value` rounded to `decimals` exactly as `format!("{:.N}", value)` shows it,
/// or `None` if it is not finite.
///
/// Rounding goes through the formatter rather than `(v * 10ⁿ).round()`
/// because the two disagree on values such as 0.015 (stored as
/// 0.01499999…): the formatter shows "0.01", the multiplication gives 0.02.
/// Ties must follow what is shown, so the UI must format numbers with the
/// same `{:.N}` rounding (it may then change the decimal separator).
pub fn shown(value: f64, decimals: u8) -> Option<f64> {
    if !value.is_finite() {
        return None;
    }
    let text = format!("{:.*}", usize::from(decimals), value);
    // `+ 0.0` turns -0.0 into 0.0 so that "-0.0" and "0.0" tie and sort together.
    text.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v + 0.0)
}

/// A place in a standard competition ranking ("1224").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rank {
    /// 1 + the number of ranked values strictly better than this one.
    pub position: u32,
    /// Whether another ranked value shows the same figure.
    pub tied: bool,
    /// Whether this is the second or a later member of a tied group, in rank
    /// order (ties keep the order of the input). Such ranks are labelled "=n".
    pub repeat: bool,
    /// How many values were ranked (missing ones are not).
    pub of: u32,
}

impl Rank {
    /// "1", "2", "=2", "4": the first of a tied group shows the plain
    /// position and the later ones "=position", as in UK league tables and as
    /// the issue specifies ("1, 2, =2, 4").
    pub fn label(&self) -> String {
        if self.repeat {
            format!("={}", self.position)
        } else {
            self.position.to_string()
        }
    }
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Orders shown values best first.
fn better_first(a: f64, b: f64, direction: Direction) -> Ordering {
    match direction {
        Direction::HigherIsBetter => b.total_cmp(&a),
        Direction::LowerIsBetter => a.total_cmp(&b),
    }
}

/// The ranked entries `(input index, shown value)`, best first, ties in input order.
fn ranked(values: &[Option<f64>], direction: Direction, decimals: u8) -> Vec<(usize, f64)> {
    let mut entries: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.and_then(|v| shown(v, decimals)).map(|v| (i, v)))
        .collect();
    // Stable, so tied values keep their input order.
    entries.sort_by(|a, b| better_first(a.1, b.1, direction));
    entries
}

/// Standard competition ranks of `values`, in input order: better values
/// first (see [`Direction`]), values equal at `decimals` share a position and
/// the next position skips (1, 2, =2, 4). Missing and non-finite values get
/// `None` and do not count in `of`.
pub fn competition_ranks(
    values: &[Option<f64>],
    direction: Direction,
    decimals: u8,
) -> Vec<Option<Rank>> {
    let entries = ranked(values, direction, decimals);
    let of = count_u32(entries.len());
    let mut ranks = vec![None; values.len()];
    let mut better = 0usize;
    for group in entries.chunk_by(|a, b| a.1 == b.1) {
        let position = count_u32(better.saturating_add(1));
        let tied = group.len() > 1;
        for (nth, (index, _)) in group.iter().enumerate() {
            if let Some(slot) = ranks.get_mut(*index) {
                *slot = Some(Rank {
                    position,
                    tied,
                    repeat: nth > 0,
                    of,
                });
            }
        }
        better = better.saturating_add(group.len());
    }
    ranks
}

/// Input indices in rank order: best first, tied values in input order (the
/// order [`Rank::repeat`] assumes), then the missing ones in input order.
/// A table sorted by rank should use this order so "2" comes before "=2".
pub fn rank_order(values: &[Option<f64>], direction: Direction, decimals: u8) -> Vec<usize> {
    let entries = ranked(values, direction, decimals);
    let mut order: Vec<usize> = entries.iter().map(|(i, _)| *i).collect();
    let mut is_ranked = vec![false; values.len()];
    for (i, _) in &entries {
        if let Some(flag) = is_ranked.get_mut(*i) {
            *flag = true;
        }
    }
    order.extend(
        is_ranked
            .iter()
            .enumerate()
            .filter(|(_, ranked)| !**ranked)
            .map(|(i, _)| i),
    );
    order
}

/// The share (0–100) of the ranked values in `values` that are strictly worse
/// than `value`, comparing shown values. The denominator counts every ranked
/// value, including `value` itself when it is one of them, so the best of
/// 175 is "better than 99.4 %" and a value tied with everyone is 0. `None` when
/// `value` is missing or nothing is ranked.
pub fn percentile(
    value: f64,
    values: &[Option<f64>],
    direction: Direction,
    decimals: u8,
) -> Option<f64> {
    let key = shown(value, decimals)?;
    let mut of = 0usize;
    let mut worse = 0usize;
    for other in values
        .iter()
        .filter_map(|v| v.and_then(|v| shown(v, decimals)))
    {
        of += 1;
        if better_first(key, other, direction) == Ordering::Less {
            worse += 1;
        }
    }
    // Counts are far below 2^53, so the conversion is exact.
    (of > 0).then(|| 100.0 * worse as f64 / of as f64)
}

/// `current - previous`, or `None` if either is missing or the difference is
/// not a finite number.
pub fn change(current: Option<f64>, previous: Option<f64>) -> Option<f64> {
    let (current, previous) = (current?, previous?);
    let difference = current - previous;
    (current.is_finite() && previous.is_finite() && difference.is_finite()).then_some(difference)
}

/// The difference of the two *shown* values, itself rounded to `decimals`.
///
/// With raw values 87.14 → 87.06 the reader sees "87.1 → 87.1" but
/// [`change`] gives −0.08, shown "−0.1"; the shown change lets the figures add
/// up on screen. Prefer it wherever both values are displayed next to the
/// change.
pub fn shown_change(current: Option<f64>, previous: Option<f64>, decimals: u8) -> Option<f64> {
    let current = shown(current?, decimals)?;
    let previous = shown(previous?, decimals)?;
    shown(current - previous, decimals)
}

/// Whether a change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeQuality {
    Better,
    Worse,
    /// The change shows as zero at the dataset's decimals.
    Same,
}

/// Judges `change` (as from [`change`] or [`shown_change`]): a rise is better
/// only where higher is better. A change that rounds to zero is `Same`, so a
/// "0.0" is never coloured as progress or decline. `None` when missing.
pub fn change_quality(
    change: Option<f64>,
    direction: Direction,
    decimals: u8,
) -> Option<ChangeQuality> {
    let change = shown(change?, decimals)?;
    Some(if change == 0.0 {
        ChangeQuality::Same
    } else if (change > 0.0) == (direction == Direction::HigherIsBetter) {
        ChangeQuality::Better
    } else {
        ChangeQuality::Worse
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use Direction::{HigherIsBetter, LowerIsBetter};

    fn labels(values: &[Option<f64>], direction: Direction, decimals: u8) -> Vec<String> {
        competition_ranks(values, direction, decimals)
            .into_iter()
            .map(|r| r.map_or("–".to_string(), |r| r.label()))
            .collect()
    }

    #[test]
    fn shown_follows_the_formatter() {
        assert_eq!(shown(87.14, 1), Some(87.1));
        assert_eq!(shown(0.015, 2), Some(0.01)); // 0.015 is stored as 0.01499…
        assert_eq!(shown(87.25, 1), Some(87.2)); // exact tie: to even
        assert_eq!(shown(0.125, 2), Some(0.12));
        assert_eq!(shown(-0.04, 1), Some(0.0));
        assert!(shown(-0.04, 1).is_some_and(|v| v.is_sign_positive()));
        assert_eq!(shown(f64::NAN, 1), None);
        assert_eq!(shown(f64::INFINITY, 0), None);
        assert_eq!(shown(f64::MAX, 4), Some(f64::MAX));
        assert_eq!(shown(1.5, 255), Some(1.5));
    }

    #[test]
    fn competition_ranking_1224() {
        let values = [Some(90.0), Some(80.0), Some(80.0), Some(70.0)];
        assert_eq!(labels(&values, HigherIsBetter, 1), ["1", "2", "=2", "4"]);
        assert_eq!(labels(&values, LowerIsBetter, 1), ["4", "2", "=2", "1"]);
        let ranks = competition_ranks(&values, HigherIsBetter, 1);
        assert_eq!(
            ranks[1],
            Some(Rank {
                position: 2,
                tied: true,
                repeat: false,
                of: 4
            })
        );
        assert_eq!(
            ranks[0],
            Some(Rank {
                position: 1,
                tied: false,
                repeat: false,
                of: 4
            })
        );
    }

    #[test]
    fn values_equal_when_shown_tie() {
        let values = [Some(87.10), Some(87.14), Some(87.16)];
        assert_eq!(labels(&values, HigherIsBetter, 1), ["2", "=2", "1"]);
        assert_eq!(labels(&values, HigherIsBetter, 2), ["3", "2", "1"]);
    }

    #[test]
    fn missing_and_non_finite_values_are_not_ranked() {
        let values = [
            None,
            Some(f64::NAN),
            Some(3.0),
            Some(f64::INFINITY),
            Some(5.0),
        ];
        assert_eq!(
            labels(&values, HigherIsBetter, 0),
            ["–", "–", "2", "–", "1"]
        );
        let ranks = competition_ranks(&values, HigherIsBetter, 0);
        assert_eq!(ranks[2].map(|r| r.of), Some(2));
        assert_eq!(rank_order(&values, HigherIsBetter, 0), [4, 2, 0, 1, 3]);
        assert!(competition_ranks(&[], HigherIsBetter, 1).is_empty());
    }

    #[test]
    fn rank_order_puts_the_plain_label_first() {
        let values = [Some(1.0), Some(2.0), Some(2.0), None, Some(3.0)];
        let order = rank_order(&values, HigherIsBetter, 0);
        assert_eq!(order, [4, 1, 2, 0, 3]);
        let all = labels(&values, HigherIsBetter, 0);
        let in_order: Vec<&str> = order.iter().map(|&i| all[i].as_str()).collect();
        assert_eq!(in_order, ["1", "2", "=2", "4", "–"]);
    }

    #[test]
    fn percentile_counts_strictly_worse_values() {
        let values = [Some(10.0), Some(20.0), Some(20.0), Some(40.0), None];
        assert_eq!(percentile(40.0, &values, HigherIsBetter, 0), Some(75.0));
        assert_eq!(percentile(20.0, &values, HigherIsBetter, 0), Some(25.0));
        assert_eq!(percentile(10.0, &values, HigherIsBetter, 0), Some(0.0));
        assert_eq!(percentile(10.0, &values, LowerIsBetter, 0), Some(75.0));
        assert_eq!(percentile(f64::NAN, &values, LowerIsBetter, 0), None);
        assert_eq!(percentile(1.0, &[None], LowerIsBetter, 0), None);
    }

    #[test]
    fn change_and_its_quality() {
        assert_eq!(change(Some(5.0), Some(3.0)), Some(2.0));
        assert_eq!(change(None, Some(3.0)), None);
        assert_eq!(change(Some(f64::NAN), Some(3.0)), None);
        assert_eq!(change(Some(f64::MAX), Some(-f64::MAX)), None);
        let q = |c, d| change_quality(Some(c), d, 1);
        assert_eq!(q(0.5, HigherIsBetter), Some(ChangeQuality::Better));
        assert_eq!(q(0.5, LowerIsBetter), Some(ChangeQuality::Worse));
        assert_eq!(q(-0.5, LowerIsBetter), Some(ChangeQuality::Better));
        assert_eq!(q(-0.5, HigherIsBetter), Some(ChangeQuality::Worse));
        assert_eq!(q(0.04, HigherIsBetter), Some(ChangeQuality::Same));
        assert_eq!(q(-0.04, LowerIsBetter), Some(ChangeQuality::Same));
        assert_eq!(change_quality(None, HigherIsBetter, 1), None);
    }

    #[test]
    fn shown_change_adds_up_on_screen() {
        assert!(change(Some(87.14), Some(87.06)).is_some_and(|c| (c - 0.08).abs() < 1e-9));
        assert_eq!(shown_change(Some(87.14), Some(87.06), 1), Some(0.0));
        assert_eq!(shown_change(Some(87.16), Some(87.04), 1), Some(0.2));
        assert_eq!(shown_change(Some(1.0), None, 1), None);
    }

    fn any_value() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            4 => (-50i32..50).prop_map(|v| Some(f64::from(v) / 4.0)),
            2 => any::<f64>().prop_map(Some),
            1 => Just(None),
            1 => Just(Some(f64::NAN)),
            1 => Just(Some(f64::INFINITY)),
            1 => Just(Some(f64::NEG_INFINITY)),
            1 => Just(Some(-0.0)),
        ]
    }

    fn any_direction() -> impl Strategy<Value = Direction> {
        prop_oneof![Just(HigherIsBetter), Just(LowerIsBetter)]
    }

    proptest! {
        #[test]
        fn ranks_are_standard_competition_ranks(
            values in proptest::collection::vec(any_value(), 0..60),
            direction in any_direction(),
            decimals in 0u8..5,
        ) {
            let ranks = competition_ranks(&values, direction, decimals);
            prop_assert_eq!(ranks.len(), values.len());
            let keys: Vec<Option<f64>> =
                values.iter().map(|v| v.and_then(|v| shown(v, decimals))).collect();
            let of = keys.iter().flatten().count();
            let mut repeats = std::collections::HashMap::new();
            for (rank, key) in ranks.iter().zip(&keys) {
                match (rank, key) {
                    (None, None) => {}
                    (Some(rank), Some(key)) => {
                        prop_assert_eq!(rank.of as usize, of);
                        prop_assert!((1..=rank.of).contains(&rank.position));
                        let better = keys.iter().flatten()
                            .filter(|k| better_first(**k, *key, direction) == Ordering::Less)
                            .count();
                        prop_assert_eq!(rank.position as usize, better + 1);
                        let equal = keys.iter().flatten().filter(|k| *k == key).count();
                        prop_assert_eq!(rank.tied, equal > 1);
                        *repeats.entry(rank.position).or_insert(0usize) += usize::from(rank.repeat);
                        if !rank.tied {
                            prop_assert!(!rank.repeat);
                        }
                    }
                    _ => prop_assert!(false, "rank {:?} for shown value {:?}", rank, key),
                }
            }
            // Each tied group has exactly one plain label.
            for (position, repeated) in repeats {
                let members = ranks.iter().flatten().filter(|r| r.position == position).count();
                prop_assert_eq!(repeated, members - 1);
            }
            let order = rank_order(&values, direction, decimals);
            let mut sorted = order.clone();
            sorted.sort_unstable();
            prop_assert_eq!(sorted, (0..values.len()).collect::<Vec<_>>());
            let in_order: Vec<Option<Rank>> = order.iter().map(|&i| ranks[i]).collect();
            for pair in in_order.windows(2) {
                match (pair[0], pair[1]) {
                    (Some(a), Some(b)) => {
                        prop_assert!(a.position <= b.position);
                        if a.position == b.position {
                            prop_assert!(b.repeat);
                        }
                    }
                    (None, Some(_)) => prop_assert!(false, "missing before ranked"),
                    _ => {}
                }
            }
        }

        #[test]
        fn percentile_is_a_share(
            values in proptest::collection::vec(any_value(), 0..40),
            value in any_value(),
            direction in any_direction(),
            decimals in 0u8..5,
        ) {
            if let Some(p) = value.and_then(|v| percentile(v, &values, direction, decimals)) {
                prop_assert!((0.0..=100.0).contains(&p));
            }
            // An area is never better than itself.
            for v in values.iter().flatten() {
                if let Some(p) = percentile(*v, &values, direction, decimals) {
                    prop_assert!((0.0..100.0).contains(&p));
                }
            }
        }

        #[test]
        fn change_quality_never_panics(
            current in any_value(),
            previous in any_value(),
            direction in any_direction(),
            decimals in any::<u8>(),
        ) {
            let difference = change(current, previous);
            if let Some(d) = difference {
                prop_assert!(d.is_finite());
            }
            let _ = change_quality(difference, direction, decimals);
            let _ = shown_change(current, previous, decimals);
        }
    }
}
