//! Classing values for the choropleth map: quantiles, equal intervals or
//! natural breaks (Jenks, computed exactly by the Ckmeans dynamic programme).
//!
//! Callers should classify the values *as shown* (see
//! [`crate::ranking::shown`]), so that two tiles showing the same figure can
//! never get different colours.

use std::ops::Range;

/// More classes than this cannot be told apart on a map, and ColorBrewer's
/// schemes stop at 9 (sequential) and 11 (diverging) colours.
pub const MAX_CLASSES: usize = 11;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// About the same number of areas in each class.
    #[default]
    Quantile,
    /// Classes of equal width between the minimum and the maximum.
    EqualInterval,
    /// Jenks natural breaks: classes that minimise the spread within them.
    NaturalBreaks,
}

impl Method {
    pub const ALL: [Method; 3] = [
        Method::Quantile,
        Method::EqualInterval,
        Method::NaturalBreaks,
    ];

    /// The id used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Quantile => "quantile",
            Method::EqualInterval => "equal",
            Method::NaturalBreaks => "jenks",
        }
    }

    pub fn parse(id: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == id)
    }
}

/// Class boundaries: `breaks[0]` is the minimum, `breaks[i]` for `0 < i < k`
/// the smallest value of class `i` (classes include their lower bound) and
/// `breaks[k]` the maximum, which the last class includes.
///
/// `breaks[..k]` is strictly ascending, so no class is a duplicate of
/// another. The last two breaks are equal exactly when the last class holds a
/// single distinct value (with one class: all values are equal).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Classes {
    pub breaks: Vec<f64>,
}

impl Classes {
    /// The number of classes.
    pub fn len(&self) -> usize {
        self.breaks.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The class of `v`, or `None` if `v` is not finite or there are no
    /// classes. A finite value outside the breaks goes to the nearest end
    /// class: it arises when a raw value is looked up in classes built from
    /// rounded ones, and it must still get a colour.
    pub fn class_of(&self, v: f64) -> Option<usize> {
        let k = self.len();
        if !v.is_finite() || k == 0 {
            return None;
        }
        let lower_bounds = self.breaks.get(..k)?;
        let above = lower_bounds.partition_point(|b| *b <= v);
        Some(above.saturating_sub(1))
    }

    /// The lower and upper break of class `i`.
    pub fn bounds(&self, i: usize) -> Option<(f64, f64)> {
        if i >= self.len() {
            return None;
        }
        Some((*self.breaks.get(i)?, *self.breaks.get(i + 1)?))
    }
}

/// Classifies `values` into at most `k` classes (at least one if there is any
/// finite value, at most [`MAX_CLASSES`]). Non-finite values are ignored.
///
/// With no more distinct values than `k`, each distinct value gets its own
/// class whatever the method: any other split would leave a class empty or
/// cut a group of equal values. Quantile and natural-breaks classes are
/// never empty; equal intervals may be, as the method promises a uniform
/// scale rather than populated classes (the legend says so).
///
/// # The gap rule: no class spans a wide gap
///
/// Whatever the method, every *wide gap* of the values (see [`wide_gaps`]:
/// an empty stretch between two neighbouring values that is wider than one
/// class of equal intervals, `(max − min) / k`) is a class boundary, so the
/// values on either side never share a colour. Without it, a ward at 12.5 %
/// among 174 wards at 90–100 % takes the quantile colour of the wards at
/// 90–96 %, and the map hides the one ward a reader most needs to see.
///
/// Why this width: it is the method-independent size of "a class" on the
/// values' own scale (quantile widths shrink to nothing with ties, so they
/// cannot serve), it needs no distributional assumption (Tukey's fences
/// fail with ties: their IQR is zero when most wards are at 100 %), and at
/// most `k − 1` gaps can be wider than it, so the rule never asks for more
/// classes than `k`. The methods keep their meaning around the forced
/// breaks:
/// - equal intervals satisfy the rule by construction (a stretch longer than
///   a class always contains a break); nothing changes;
/// - quantiles: the classes with counts as equal as possible (least
///   Σ count², so least Σ (count − n/k)²) among the splits that cut every
///   wide gap and never cut a tie; without ties and gaps these are the
///   usual quantiles;
/// - natural breaks: the least within-class sum of squares (Ckmeans) among
///   the splits that cut every wide gap; when the unconstrained optimum
///   already cuts every wide gap, which is usual, it is the same split.
///
/// Both are solved exactly: the programme of Ckmeans per run of values
/// between wide gaps, and a small one sharing the `k` classes between runs.
pub fn classify(values: &[f64], k: usize, method: Method) -> Classes {
    let mut sorted: Vec<f64> = values
        .iter()
        .filter(|v| v.is_finite())
        // Turns -0.0 into 0.0 so the two count as one distinct value.
        .map(|v| v + 0.0)
        .collect();
    sorted.sort_by(f64::total_cmp);
    // Distinct values, each weighted by how many share it.
    let mut distinct: Vec<f64> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for v in &sorted {
        match (distinct.last(), weights.last_mut()) {
            (Some(last), Some(w)) if last == v => *w += 1.0,
            _ => {
                distinct.push(*v);
                weights.push(1.0);
            }
        }
    }
    let (Some(&min), Some(&max)) = (distinct.first(), distinct.last()) else {
        return Classes::default();
    };
    let k = k.clamp(1, MAX_CLASSES);
    if distinct.len() <= k {
        let mut breaks = distinct;
        breaks.push(max);
        return Classes { breaks };
    }
    let gaps = wide_gap_starts(&distinct, k);
    // Runs of distinct values between wide gaps.
    let mut runs = Vec::with_capacity(gaps.len() + 1);
    let mut from = 0;
    for g in &gaps {
        runs.push(from..*g);
        from = *g;
    }
    runs.push(from..distinct.len());
    let mut starts = match method {
        Method::Quantile => split_starts(&CountSquares::new(&weights), &runs, k, &distinct),
        Method::EqualInterval => equal_interval_starts(min, max, k),
        Method::NaturalBreaks => {
            split_starts(&Spread::new(&distinct, &weights), &runs, k, &distinct)
        }
    };
    // Equal intervals and the two run-wise methods already cut every wide
    // gap; this only guards against rounding, adding a break where the two
    // sides of a wide gap would still share a class.
    let uncut: Vec<f64> = {
        let classes = ascending_breaks(min, max, starts.clone());
        gaps.iter()
            .filter_map(|g| Some((*distinct.get(g.checked_sub(1)?)?, *distinct.get(*g)?)))
            .filter(|(below, above)| classes.class_of(*below) == classes.class_of(*above))
            .map(|(_, above)| above)
            .collect()
    };
    starts.extend(uncut);
    starts.sort_by(f64::total_cmp);
    ascending_breaks(min, max, starts)
}

/// Classes from `min`, the lower bounds `starts` (ascending) and `max`.
fn ascending_breaks(min: f64, max: f64, starts: Vec<f64>) -> Classes {
    let mut breaks = vec![min];
    // Keeps the lower bounds strictly ascending whatever rounding did.
    for start in starts {
        if breaks.last().is_some_and(|last| *last < start) && start <= max {
            breaks.push(start);
        }
    }
    breaks.push(max);
    Classes { breaks }
}

/// The wide gaps of `values` for `k` classes: pairs (below, above) of
/// neighbouring distinct finite values whose distance exceeds the width of
/// one equal-interval class, `(max − min) / k`, ascending. [`classify`]
/// puts a class boundary at every one of them (at `above`). Empty with
/// fewer than two distinct values or `k < 2`; never more than `k − 1`
/// pairs (`k` clamped to [`MAX_CLASSES`]).
pub fn wide_gaps(values: &[f64], k: usize) -> Vec<(f64, f64)> {
    let mut distinct: Vec<f64> = values
        .iter()
        .filter(|v| v.is_finite())
        .map(|v| v + 0.0)
        .collect();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    wide_gap_starts(&distinct, k.clamp(1, MAX_CLASSES))
        .into_iter()
        .filter_map(|i| Some((*distinct.get(i.checked_sub(1)?)?, *distinct.get(i)?)))
        .collect()
}

/// Indices `i` of `distinct` (ascending, finite, no repeats) such that the
/// gap from `distinct[i − 1]` to `distinct[i]` is wide (see [`wide_gaps`]),
/// ascending. At most `k − 1` of them: only rounding could produce more,
/// and then the widest are kept.
fn wide_gap_starts(distinct: &[f64], k: usize) -> Vec<usize> {
    let (Some(&min), Some(&max)) = (distinct.first(), distinct.last()) else {
        return Vec::new();
    };
    if k < 2 {
        return Vec::new();
    }
    // max/k − min/k rather than (max − min)/k: no overflow for huge values.
    let width = max / k as f64 - min / k as f64;
    // An overflowing difference is infinite, and so rightly wide.
    let mut gaps: Vec<(usize, f64)> = distinct
        .windows(2)
        .enumerate()
        .map(|(i, pair)| (i + 1, pair[1] - pair[0]))
        .filter(|(_, gap)| *gap > width)
        .collect();
    if gaps.len() > k - 1 {
        gaps.sort_by(|a, b| b.1.total_cmp(&a.1));
        gaps.truncate(k - 1);
    }
    let mut starts: Vec<usize> = gaps.into_iter().map(|(i, _)| i).collect();
    starts.sort_unstable();
    starts
}

fn equal_interval_starts(min: f64, max: f64, k: usize) -> Vec<f64> {
    (1..k)
        .map(|i| {
            let t = i as f64 / k as f64;
            // Interpolating instead of min + i·(max − min)/k avoids overflow
            // when max − min exceeds f64::MAX.
            min * (1.0 - t) + max * t
        })
        .collect()
}

/// The cost of a class in an optimal split of the distinct values (index
/// range `from..=to`). Both costs below satisfy the quadrangle inequality,
/// which the divide and conquer of [`Row`] needs.
trait Cost {
    fn cost(&self, from: usize, to: usize) -> f64;
}

/// Lower bounds of the classes after the first: the split of the distinct
/// values (`points`) into `min(k, points)` classes of least total `cost`
/// among those that start a class at every run (the wide gaps of
/// [`classify`]).
///
/// - Quantiles ([`CountSquares`]): classes whose counts are as equal as ties
///   and wide gaps allow. Cutting "near i·n/k" one cut at a time, as
///   quantiles usually do, fails with ties: with 120 of 175 wards at 100 %,
///   the cuts that fall inside the tie are pushed to the last free places,
///   leaving a class of one ward at 99.4 % beside the tie.
/// - Natural breaks ([`Spread`]): Ckmeans (Wang & Song 2011), the least
///   total within-class sum of squares, which is what Jenks' natural breaks
///   approximate iteratively. Written here rather than taken from the
///   `ckmeans` crate: its current release (2.2.0) depends on `js-sys` and
///   `wasm-bindgen` unconditionally and exports its own wasm functions,
///   which this crate must not (see ARCHITECTURE.md), and 175 values need
///   no SIMD.
///
/// Should the programme's invariants fail, which would be a bug, the classes
/// are the runs alone rather than a panic.
fn split_starts(cost: &dyn Cost, runs: &[Range<usize>], k: usize, points: &[f64]) -> Vec<f64> {
    let starts = optimal_in_runs(cost, runs, k, points.len())
        .unwrap_or_else(|| runs.iter().map(|r| r.start).collect());
    starts
        .into_iter()
        .skip(1)
        .filter_map(|i| points.get(i).copied())
        .collect()
}

/// The square of a class's count: the least sum of these over a split into
/// a fixed number of classes is the split with the least squared deviation
/// from equal counts, Σ (count − n/k)². Exact in f64 for any count below
/// 2^26.
struct CountSquares {
    /// Prefix sums of the weights.
    prefix: Vec<f64>,
}

impl CountSquares {
    fn new(weights: &[f64]) -> CountSquares {
        let mut prefix = vec![0.0];
        let mut acc = 0.0;
        for w in weights {
            acc += w;
            prefix.push(acc);
        }
        CountSquares { prefix }
    }
}

impl Cost for CountSquares {
    fn cost(&self, from: usize, to: usize) -> f64 {
        let at = |i: usize| self.prefix.get(i).copied().unwrap_or(0.0);
        let n = at(to + 1) - at(from);
        n * n
    }
}

/// Prefix sums giving the weighted sum of squared deviations of any run of
/// points in O(1).
struct Spread {
    weight: Vec<f64>,
    sum: Vec<f64>,
    sum_sq: Vec<f64>,
}

impl Spread {
    fn new(points: &[f64], weights: &[f64]) -> Spread {
        // Scaling into [-1, 1] keeps squares finite for any finite input and
        // centring on the median limits cancellation in sum_sq − sum²/weight.
        let scale = points.iter().fold(0.0f64, |m, p| m.max(p.abs()));
        let scale = if scale > 0.0 && scale.is_finite() {
            scale
        } else {
            1.0
        };
        let centre = points.get(points.len() / 2).map_or(0.0, |c| c / scale);
        let mut spread = Spread {
            weight: vec![0.0],
            sum: vec![0.0],
            sum_sq: vec![0.0],
        };
        let (mut w_acc, mut s_acc, mut q_acc) = (0.0, 0.0, 0.0);
        for (p, w) in points.iter().zip(weights) {
            let x = p / scale - centre;
            w_acc += w;
            s_acc += w * x;
            q_acc += w * x * x;
            spread.weight.push(w_acc);
            spread.sum.push(s_acc);
            spread.sum_sq.push(q_acc);
        }
        spread
    }
}

impl Cost for Spread {
    /// Sum of squared deviations from their mean of points `from..=to`.
    fn cost(&self, from: usize, to: usize) -> f64 {
        let at = |v: &[f64], i: usize| v.get(i).copied().unwrap_or(0.0);
        let w = at(&self.weight, to + 1) - at(&self.weight, from);
        if w <= 0.0 {
            return 0.0;
        }
        let s = at(&self.sum, to + 1) - at(&self.sum, from);
        let q = at(&self.sum_sq, to + 1) - at(&self.sum_sq, from);
        (q - s * s / w).max(0.0)
    }
}

/// Start indices of the `min(k, len)` groups of the `len` points with the
/// least total `cost` that start a group at the beginning of every run
/// (`runs` cover `0..len` in order, at most `k` of them), or `None` if the
/// programme's invariants fail.
fn optimal_in_runs(
    cost: &dyn Cost,
    runs: &[Range<usize>],
    k: usize,
    len: usize,
) -> Option<Vec<usize>> {
    let tables: Vec<Table> = runs
        .iter()
        .map(|r| Table::new(cost, r.start, r.len(), k.min(r.len())))
        .collect::<Option<_>>()?;
    if runs.iter().map(|r| r.len()).sum::<usize>() != len {
        return None;
    }
    let total = k.min(len);
    // best[j][c]: least cost of runs 0..=j in c groups; given[j][c]: how
    // many of those groups run j has.
    let mut best = vec![vec![f64::INFINITY; total + 1]; tables.len()];
    let mut given = vec![vec![0usize; total + 1]; tables.len()];
    for (j, table) in tables.iter().enumerate() {
        for c in 1..=total {
            for own in 1..=table.groups.min(c) {
                let before = match j.checked_sub(1) {
                    None if own == c => 0.0,
                    None => continue,
                    Some(p) => *best.get(p)?.get(c - own)?,
                };
                let cost = before + table.cost(own);
                let cell = best.get_mut(j)?.get_mut(c)?;
                if cost < *cell {
                    *cell = cost;
                    *given.get_mut(j)?.get_mut(c)? = own;
                }
            }
        }
    }
    // Walk back through the runs, then through each run's groups.
    let mut shares = vec![0usize; tables.len()];
    let mut c = total;
    for j in (0..tables.len()).rev() {
        let own = *given.get(j)?.get(c)?;
        if own == 0 || !best.get(j)?.get(c)?.is_finite() {
            return None;
        }
        *shares.get_mut(j)? = own;
        c -= own;
    }
    if c != 0 {
        return None;
    }
    let mut starts = Vec::with_capacity(total);
    for ((table, run), own) in tables.iter().zip(runs).zip(shares) {
        starts.extend(table.starts(own)?.into_iter().map(|s| run.start + s));
    }
    let valid = starts.first() == Some(&0) && starts.windows(2).all(|w| w[0] < w[1]);
    valid.then_some(starts)
}

/// The Ckmeans programme over one run of points, for 1 to `groups` groups.
struct Table {
    /// cost[c][i]: least cost of the run's points 0..=i in c+1 groups.
    cost: Vec<Vec<f64>>,
    /// start[c][i]: where the last of those groups starts.
    start: Vec<Vec<usize>>,
    groups: usize,
}

impl Table {
    /// The programme for the `len` points from `offset`, up to `groups`
    /// groups (1 ≤ groups ≤ len).
    fn new(cost_of: &dyn Cost, offset: usize, len: usize, groups: usize) -> Option<Table> {
        if groups == 0 || len < groups {
            return None;
        }
        let mut cost: Vec<Vec<f64>> = vec![vec![f64::INFINITY; len]; groups];
        let mut start: Vec<Vec<usize>> = vec![vec![0; len]; groups];
        if let Some(first) = cost.first_mut() {
            for (i, c) in first.iter_mut().enumerate() {
                *c = cost_of.cost(offset, offset + i);
            }
        }
        for c in 1..groups {
            let (done, rest) = cost.split_at_mut(c);
            let (Some(previous), Some(row), Some(arg)) =
                (done.last(), rest.first_mut(), start.get_mut(c))
            else {
                return None;
            };
            let mut task = Row {
                groups_before: c,
                previous,
                row,
                arg,
                cost: cost_of,
                offset,
            };
            task.fill(c, len - 1, c, len - 1);
        }
        Some(Table {
            cost,
            start,
            groups,
        })
    }

    /// Least cost of the whole run in `groups` groups (1 ≤ groups).
    fn cost(&self, groups: usize) -> f64 {
        groups
            .checked_sub(1)
            .and_then(|c| self.cost.get(c)?.last().copied())
            .unwrap_or(f64::INFINITY)
    }

    /// Start indices (within the run) of its optimal `groups` groups.
    fn starts(&self, groups: usize) -> Option<Vec<usize>> {
        let mut starts = Vec::with_capacity(groups);
        let mut last = self.start.first()?.len().checked_sub(1)?;
        for c in (0..groups).rev() {
            let s = *self.start.get(c)?.get(last)?;
            starts.push(s);
            if c > 0 {
                last = s.checked_sub(1)?;
            }
        }
        starts.reverse();
        Some(starts)
    }
}

/// One row of the programme, filled by divide and conquer: the best start of
/// the last group never decreases as the end point moves right (Wang & Song,
/// Theorem 1), so each half only searches its side of the middle's best.
/// O(m log m) per row instead of O(m²).
struct Row<'a> {
    groups_before: usize,
    previous: &'a [f64],
    row: &'a mut [f64],
    arg: &'a mut [usize],
    cost: &'a dyn Cost,
    /// Index of the run's first point.
    offset: usize,
}

impl Row<'_> {
    fn fill(&mut self, imin: usize, imax: usize, jlow: usize, jhigh: usize) {
        if imin > imax {
            return;
        }
        let i = imin + (imax - imin) / 2;
        let lo = jlow.max(self.groups_before);
        let hi = jhigh.min(i);
        let mut best = f64::INFINITY;
        let mut best_j = lo;
        for j in lo..=hi {
            let before = j
                .checked_sub(1)
                .and_then(|p| self.previous.get(p))
                .copied()
                .unwrap_or(f64::INFINITY);
            let total = before + self.cost.cost(self.offset + j, self.offset + i);
            if total < best {
                best = total;
                best_j = j;
            }
        }
        if let (Some(c), Some(a)) = (self.row.get_mut(i), self.arg.get_mut(i)) {
            *c = best;
            *a = best_j;
        }
        if i > imin {
            self.fill(imin, i - 1, jlow, best_j);
        }
        self.fill(i + 1, imax, best_j, jhigh);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn breaks(values: &[f64], k: usize, method: Method) -> Vec<f64> {
        classify(values, k, method).breaks
    }

    #[test]
    fn method_ids_round_trip() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
        }
        assert_eq!(Method::parse("jenks"), Some(Method::NaturalBreaks));
        assert_eq!(Method::parse("Quantile"), None);
        assert_eq!(Method::default(), Method::Quantile);
    }

    #[test]
    fn degenerate_inputs() {
        for m in Method::ALL {
            let empty = classify(&[], 5, m);
            assert!(empty.is_empty());
            assert_eq!(empty.class_of(1.0), None);
            assert!(classify(&[f64::NAN, f64::INFINITY], 5, m).is_empty());
            let one = classify(&[3.0], 5, m);
            assert_eq!(one.breaks, [3.0, 3.0]);
            assert_eq!(one.class_of(3.0), Some(0));
            let equal = classify(&[2.0; 50], 5, m);
            assert_eq!(equal.breaks, [2.0, 2.0]);
            assert_eq!(equal.len(), 1);
            assert_eq!(breaks(&[1.0, 2.0, 2.0, 3.0], 5, m), [1.0, 2.0, 3.0, 3.0]);
            assert_eq!(breaks(&[1.0, 2.0, 3.0], 0, m), [1.0, 3.0]);
            assert_eq!(breaks(&[-0.0, 0.0, 1.0], 5, m), [0.0, 1.0, 1.0]);
        }
    }

    #[test]
    fn class_of_covers_and_clamps() {
        let classes = Classes {
            breaks: vec![0.0, 10.0, 20.0, 30.0],
        };
        assert_eq!(classes.class_of(0.0), Some(0));
        assert_eq!(classes.class_of(9.99), Some(0));
        assert_eq!(classes.class_of(10.0), Some(1));
        assert_eq!(classes.class_of(30.0), Some(2));
        assert_eq!(classes.class_of(-5.0), Some(0));
        assert_eq!(classes.class_of(35.0), Some(2));
        assert_eq!(classes.class_of(f64::NAN), None);
        assert_eq!(classes.bounds(2), Some((20.0, 30.0)));
        assert_eq!(classes.bounds(3), None);
        let junk = Classes {
            breaks: vec![5.0, f64::NAN, 1.0],
        };
        let _ = junk.class_of(2.0);
    }

    #[test]
    fn quantiles_split_counts() {
        let values: Vec<f64> = (1..=12).map(f64::from).collect();
        assert_eq!(
            breaks(&values, 4, Method::Quantile),
            [1.0, 4.0, 7.0, 10.0, 12.0]
        );
    }

    #[test]
    fn quantiles_survive_heavy_ties() {
        let mut values = vec![1.0; 100];
        values.extend([2.0, 3.0, 4.0, 5.0]);
        assert_eq!(
            breaks(&values, 4, Method::Quantile),
            [1.0, 2.0, 3.0, 4.0, 5.0]
        );
    }

    #[test]
    fn equal_intervals() {
        let values = [0.0, 1.0, 2.0, 9.0, 10.0];
        assert_eq!(
            breaks(&values, 4, Method::EqualInterval),
            [0.0, 2.5, 5.0, 7.5, 10.0]
        );
        let huge = [-f64::MAX, 0.0, 1.0, f64::MAX];
        let classes = classify(&huge, 2, Method::EqualInterval);
        assert!(classes.breaks.iter().all(|b| b.is_finite()));
        assert_eq!(classes.len(), 2);
    }

    #[test]
    fn natural_breaks_find_the_gaps() {
        let values = [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 30.0, 31.0];
        assert_eq!(
            breaks(&values, 3, Method::NaturalBreaks),
            [1.0, 10.0, 30.0, 31.0]
        );
        // An outlier gets its own class; the top breaks are then equal.
        let values = [1.0, 1.5, 2.0, 2.5, 3.0, 100.0];
        assert_eq!(
            breaks(&values, 2, Method::NaturalBreaks),
            [1.0, 100.0, 100.0]
        );
        let huge = [-f64::MAX, -1.0, 1.0, f64::MAX];
        assert_eq!(classify(&huge, 3, Method::NaturalBreaks).len(), 3);
    }

    #[test]
    fn wide_gaps_are_wider_than_an_equal_interval_class() {
        let mut values = vec![100.0; 120];
        values.extend([90.0, 95.0, 99.0, 12.5]);
        assert_eq!(wide_gaps(&values, 5), [(12.5, 90.0)]);
        // No gap with one class or one distinct value.
        assert!(wide_gaps(&values, 1).is_empty());
        assert!(wide_gaps(&[3.0; 4], 5).is_empty());
        assert!(wide_gaps(&[], 5).is_empty());
        // Evenly spread values have no wide gap; two clusters have one.
        let even: Vec<f64> = (0..=10).map(f64::from).collect();
        assert!(wide_gaps(&even, 5).is_empty());
        assert_eq!(wide_gaps(&[0.0, 1.0, 9.0, 10.0], 5), [(1.0, 9.0)]);
        // Never more than k − 1, even with huge values.
        let huge = [-f64::MAX, 0.0, f64::MAX];
        assert_eq!(wide_gaps(&huge, 3), [(-f64::MAX, 0.0), (0.0, f64::MAX)]);
        // A difference that overflows is infinite, and wide.
        assert_eq!(wide_gaps(&[-f64::MAX, f64::MAX], 2).len(), 1);
    }

    #[test]
    fn quantiles_are_as_even_as_ties_allow() {
        // 120 equal values take one class; the 54 others share three
        // evenly, instead of leaving a class of one value beside the tie.
        let mut values = vec![100.0; 120];
        values.extend((0..54).map(|i| 90.0 + f64::from(i) / 10.0));
        let classes = classify(&values, 4, Method::Quantile);
        let mut counts = vec![0; classes.len()];
        for v in &values {
            counts[classes.class_of(*v).unwrap_or(0)] += 1;
        }
        assert_eq!(counts, [18, 18, 18, 120]);
        // Evenly spread values: the usual quantiles.
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        assert_eq!(
            breaks(&values, 5, Method::Quantile),
            [0.0, 20.0, 40.0, 60.0, 80.0, 99.0]
        );
    }

    #[test]
    fn a_far_value_is_cut_off_by_every_method() {
        let mut values = vec![100.0; 120];
        values.extend((0..54).map(|i| 90.0 + f64::from(i) / 10.0));
        values.push(12.5);
        for m in Method::ALL {
            let classes = classify(&values, 5, m);
            assert_eq!(classes.len(), 5, "{m:?}");
            assert_eq!(classes.class_of(12.5), Some(0), "{m:?}");
            assert!(
                values
                    .iter()
                    .all(|v| (classes.class_of(*v) == Some(0)) == (*v == 12.5)),
                "{m:?}: {classes:?}"
            );
        }
    }

    /// Total within-class sum of squares of a split.
    fn total_cost(sorted: &[f64], starts: &[usize]) -> f64 {
        let mut ends: Vec<usize> = starts.iter().skip(1).copied().collect();
        ends.push(sorted.len());
        starts
            .iter()
            .zip(ends)
            .map(|(&s, e)| {
                let group = &sorted[s..e];
                let mean = group.iter().sum::<f64>() / group.len() as f64;
                group.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
            })
            .sum()
    }

    /// The O(k·n²) programme without the divide and conquer, where no group
    /// may span a gap wider than `wide` (the gap rule of [`classify`]).
    fn brute_force_cost(sorted: &[f64], k: usize, wide: f64) -> f64 {
        let n = sorted.len();
        let ssq = |a: usize, b: usize| {
            if sorted[a..=b].windows(2).any(|w| w[1] - w[0] > wide) {
                f64::INFINITY
            } else {
                total_cost(&sorted[a..=b], &[0])
            }
        };
        let mut best = vec![vec![f64::INFINITY; n]; k];
        for (i, b) in best[0].iter_mut().enumerate() {
            *b = ssq(0, i);
        }
        for c in 1..k {
            for i in c..n {
                for j in c..=i {
                    let v = best[c - 1][j - 1] + ssq(j, i);
                    if v < best[c][i] {
                        best[c][i] = v;
                    }
                }
            }
        }
        best[k - 1][n - 1]
    }

    fn any_values() -> impl Strategy<Value = Vec<f64>> {
        proptest::collection::vec(
            prop_oneof![
                6 => (0i32..60).prop_map(|v| f64::from(v) / 2.0),
                2 => -1e6f64..1e6,
                1 => any::<f64>(),
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
            ],
            0..80,
        )
    }

    fn any_method() -> impl Strategy<Value = Method> {
        prop_oneof![
            Just(Method::Quantile),
            Just(Method::EqualInterval),
            Just(Method::NaturalBreaks)
        ]
    }

    proptest! {
        #[test]
        fn classes_are_well_formed(values in any_values(), k in 0usize..15, method in any_method()) {
            let classes = classify(&values, k, method);
            let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
            finite.sort_by(f64::total_cmp);
            let mut distinct = finite.clone();
            distinct.dedup();
            let len = classes.len();
            if finite.is_empty() {
                prop_assert!(classes.breaks.is_empty());
                return Ok(());
            }
            prop_assert!(len >= 1);
            prop_assert!(len <= k.clamp(1, MAX_CLASSES));
            prop_assert!(len <= distinct.len());
            prop_assert_eq!(classes.breaks.len(), len + 1);
            prop_assert!(classes.breaks[..len].windows(2).all(|w| w[0] < w[1]), "{:?}", classes);
            prop_assert!(classes.breaks[len - 1] <= classes.breaks[len]);
            prop_assert_eq!(classes.breaks[0], distinct[0]);
            prop_assert_eq!(classes.breaks[len], distinct[distinct.len() - 1]);
            if classes.breaks[len - 1] == classes.breaks[len] {
                prop_assert!(finite.iter().filter(|v| **v >= classes.breaks[len]).all(|v| *v == classes.breaks[len]));
            }
            let mut counts = vec![0usize; len];
            for v in &finite {
                let class = classes.class_of(*v);
                prop_assert!(class.is_some());
                let class = class.unwrap_or(0);
                let (lo, hi) = classes.bounds(class).unwrap_or((f64::NAN, f64::NAN));
                prop_assert!(lo <= *v && *v <= hi);
                if class + 1 < len {
                    prop_assert!(*v < hi);
                }
                counts[class] += 1;
            }
            prop_assert_eq!(classes.class_of(distinct[0]), Some(0));
            prop_assert_eq!(classes.class_of(distinct[distinct.len() - 1]), Some(len - 1));
            let wanted = k.clamp(1, MAX_CLASSES);
            if distinct.len() <= wanted {
                prop_assert_eq!(len, distinct.len());
            }
            if method != Method::EqualInterval || distinct.len() <= wanted {
                prop_assert!(counts.iter().all(|c| *c > 0), "empty class in {:?}", classes);
            }
            if method != Method::EqualInterval {
                prop_assert_eq!(len, distinct.len().min(wanted));
            }
            // The gap rule: no class spans a gap wider than an
            // equal-interval class.
            let width = distinct[distinct.len() - 1] / wanted as f64 - distinct[0] / wanted as f64;
            let wide: Vec<&[f64]> = distinct.windows(2).filter(|p| p[1] - p[0] > width).collect();
            // More than k − 1 wide gaps can only come from rounding, and then
            // only the widest are kept.
            if wanted > 1 && wide.len() < wanted {
                for pair in wide {
                    prop_assert_ne!(classes.class_of(pair[0]), classes.class_of(pair[1]), "gap {:?} in {:?}", pair, classes);
                }
            }
        }

        #[test]
        fn natural_breaks_are_optimal(
            values in proptest::collection::vec((0i32..40).prop_map(f64::from), 1..40),
            k in 1usize..7,
        ) {
            let classes = classify(&values, k, Method::NaturalBreaks);
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let starts: Vec<usize> = classes.breaks[..classes.len()]
                .iter()
                .map(|b| sorted.partition_point(|v| v < b))
                .collect();
            let found = total_cost(&sorted, &starts);
            let wide = sorted[sorted.len() - 1] / k as f64 - sorted[0] / k as f64;
            let optimum = brute_force_cost(&sorted, classes.len(), wide);
            prop_assert!((found - optimum).abs() <= 1e-6 * (1.0 + optimum), "{} vs {}", found, optimum);
        }

        #[test]
        fn quantiles_are_as_even_as_possible(
            values in proptest::collection::vec((0i32..25).prop_map(f64::from), 1..40),
            k in 1usize..7,
        ) {
            let classes = classify(&values, k, Method::Quantile);
            let mut counts = vec![0u64; classes.len()];
            for v in &values {
                counts[classes.class_of(*v).unwrap_or(0)] += 1;
            }
            let found: u64 = counts.iter().map(|c| c * c).sum();
            // Brute force over the distinct values: least Σ count² in as
            // many classes, no class across a wide gap.
            let mut distinct = values.clone();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            let weight = |d: &f64| values.iter().filter(|v| *v == d).count() as u64;
            let m = distinct.len();
            let wide = distinct[m - 1] / k as f64 - distinct[0] / k as f64;
            let cost = |a: usize, b: usize| {
                if distinct[a..=b].windows(2).any(|w| w[1] - w[0] > wide) {
                    u64::MAX / 4
                } else {
                    let n: u64 = distinct[a..=b].iter().map(weight).sum();
                    n * n
                }
            };
            let groups = classes.len();
            let mut best = vec![vec![u64::MAX / 4; m]; groups];
            for (i, b) in best[0].iter_mut().enumerate() {
                *b = cost(0, i);
            }
            for c in 1..groups {
                for i in c..m {
                    for j in c..=i {
                        let v = (best[c - 1][j - 1] + cost(j, i)).min(u64::MAX / 4);
                        if v < best[c][i] {
                            best[c][i] = v;
                        }
                    }
                }
            }
            prop_assert_eq!(found, best[groups - 1][m - 1], "{:?}", classes);
        }
    }
}
