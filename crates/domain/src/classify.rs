//! Classing values for the choropleth map: quantiles, equal intervals or
//! natural breaks (Jenks, computed exactly by the Ckmeans dynamic programme).
//!
//! Callers should classify the values *as shown* (see
//! [`crate::ranking::shown`]), so that two tiles showing the same figure can
//! never get different colours.

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
/// scale rather than populated classes.
pub fn classify(values: &[f64], k: usize, method: Method) -> Classes {
    let mut sorted: Vec<f64> = values
        .iter()
        .filter(|v| v.is_finite())
        // Turns -0.0 into 0.0 so the two count as one distinct value.
        .map(|v| v + 0.0)
        .collect();
    sorted.sort_by(f64::total_cmp);
    let mut distinct = sorted.clone();
    distinct.dedup();
    let (Some(&min), Some(&max)) = (distinct.first(), distinct.last()) else {
        return Classes::default();
    };
    let k = k.clamp(1, MAX_CLASSES);
    if distinct.len() <= k {
        let mut breaks = distinct;
        breaks.push(max);
        return Classes { breaks };
    }
    let starts = match method {
        Method::Quantile => quantile_starts(&sorted, k),
        Method::EqualInterval => equal_interval_starts(min, max, k),
        Method::NaturalBreaks => natural_break_starts(&sorted, k),
    };
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

/// Lower bounds of classes 1..k for quantiles of `sorted` (ascending, more
/// than `k` distinct values). Cuts fall only between different values, as
/// near as possible to the ideal counts i·n/k, and each class keeps at least
/// one distinct value: with many equal values a naive quantile would repeat a
/// break and leave classes empty.
fn quantile_starts(sorted: &[f64], k: usize) -> Vec<f64> {
    // Indices where a new distinct value begins.
    let boundaries: Vec<usize> = sorted
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| pair[0] < pair[1])
        .map(|(i, _)| i + 1)
        .collect();
    let n = sorted.len() as u128;
    let classes = k as u128;
    let mut starts = Vec::new();
    let mut from = 0usize;
    for i in 1..k {
        // Leave one boundary for each class still to come.
        let still_to_come = k - 1 - i;
        let Some(last) = boundaries.len().checked_sub(still_to_come + 1) else {
            break;
        };
        let Some(window) = boundaries.get(from..=last) else {
            break;
        };
        let target = (i as u128) * n;
        let best = window
            .iter()
            .enumerate()
            .min_by_key(|(_, b)| ((**b as u128) * classes).abs_diff(target));
        let Some((offset, index)) = best else {
            break;
        };
        if let Some(&value) = sorted.get(*index) {
            starts.push(value);
        }
        from += offset + 1;
    }
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

/// Lower bounds of classes 1..k by Ckmeans (Wang & Song 2011): the split of
/// the sorted values into k groups with the least total within-group sum of
/// squares, which is what Jenks' natural breaks approximate iteratively.
///
/// Written here rather than taken from the `ckmeans` crate: its current
/// release (2.2.0) depends on `js-sys` and `wasm-bindgen` unconditionally and
/// exports its own wasm functions, which this crate must not (see
/// ARCHITECTURE.md), and 175 values need no SIMD.
fn natural_break_starts(sorted: &[f64], k: usize) -> Vec<f64> {
    // Work on distinct values weighted by their count.
    let mut points: Vec<f64> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for v in sorted {
        match (points.last(), weights.last_mut()) {
            (Some(last), Some(w)) if last == v => *w += 1.0,
            _ => {
                points.push(*v);
                weights.push(1.0);
            }
        }
    }
    match ckmeans_starts(&points, &weights, k) {
        Some(starts) => starts
            .into_iter()
            .skip(1)
            .filter_map(|i| points.get(i).copied())
            .collect(),
        None => quantile_starts(sorted, k),
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

/// Start indices of the k optimal groups of `points` (ascending, distinct,
/// more than k of them), or `None` if the programme's invariants fail, which
/// would be a bug: the caller then falls back to quantiles rather than panic.
fn ckmeans_starts(points: &[f64], weights: &[f64], k: usize) -> Option<Vec<usize>> {
    let m = points.len();
    if k == 0 || m < k {
        return None;
    }
    let spread = Spread::new(points, weights);
    // cost[c][i]: least cost of points 0..=i in c+1 groups;
    // start[c][i]: where the last of those groups starts.
    let mut cost: Vec<Vec<f64>> = vec![vec![f64::INFINITY; m]; k];
    let mut start: Vec<Vec<usize>> = vec![vec![0; m]; k];
    if let Some(first) = cost.first_mut() {
        for (i, c) in first.iter_mut().enumerate() {
            *c = spread.cost(0, i);
        }
    }
    for c in 1..k {
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
            spread: &spread,
        };
        task.fill(c, m - 1, c, m - 1);
    }
    // Walk back from the last point through the group starts.
    let mut starts = Vec::with_capacity(k);
    let mut last = m - 1;
    for c in (0..k).rev() {
        let s = *start.get(c)?.get(last)?;
        starts.push(s);
        if c > 0 {
            last = s.checked_sub(1)?;
        }
    }
    starts.reverse();
    let valid = starts.first() == Some(&0) && starts.windows(2).all(|w| w[0] < w[1]);
    valid.then_some(starts)
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
    spread: &'a Spread,
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
            let total = before + self.spread.cost(j, i);
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

    /// The O(k·n²) programme without the divide and conquer.
    fn brute_force_cost(sorted: &[f64], k: usize) -> f64 {
        let n = sorted.len();
        let ssq = |a: usize, b: usize| total_cost(&sorted[a..=b], &[0]);
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
            let optimum = brute_force_cost(&sorted, classes.len());
            prop_assert!((found - optimum).abs() <= 1e-6 * (1.0 + optimum), "{} vs {}", found, optimum);
        }
    }
}
