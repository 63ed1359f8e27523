//! The composite index of the six 766 groups (see issue 5).
//!
//! # Formula
//!
//! For a ward with group scores s_g (points) and weights w_g:
//!
//! ```text
//! composite = 100 × Σ w_g · (s_g / max_g) / Σ w_g      (sums over w_g > 0)
//! ```
//!
//! where max_g is the component dataset's `range.max`, or the group's 766
//! points ([`Group::INDEX_766`]) if the dataset has no usable range.
//!
//! Why this form: each group is first put on a 0–1 scale (share of its
//! maximum), so a weight means "how much of the 100 points this group is
//! worth", whatever its own maximum. With the default weights (the 766
//! points themselves: 18, 20, 12, 10, 18, 22; they sum to 100) the formula
//! reduces to the plain sum of the six group scores, the 0–100 total of
//! Decision 766/QĐ-TTg, so the default composite is the familiar one and a
//! reader who moves a slider sees a documented departure from it.
//!
//! # Staying within 0–100
//!
//! The formula is a weighted mean of shares in [0, 1], so it lies in
//! [0, 100] in exact arithmetic, but not in floating point: the numerator
//! and the denominator are rounded separately, and a ward at the maximum
//! of every weighted group can come out at 100.00000000000001 (weights
//! `[0, 0, 0, 7, 75.08898048676724, 0]`, ward 00325 in the bundled data).
//! A score is therefore clamped to [0, 100] after the division. Each share
//! s_g / max_g is clamped to [0, 1] too, for a dataset without a range
//! whose values exceed its group's 766 points (or are negative): such a
//! score counts as the group's maximum (or 0) rather than pushing the
//! composite outside the scale. The parts are computed from the clamped
//! shares, so they still add up to the score (to within rounding).
//!
//! # Missing components
//!
//! A component with weight 0 is ignored. If any component with weight > 0 is
//! missing for a ward, the ward gets no composite (`None`) and the missing
//! groups are listed. There is no imputation: filling a gap with the city
//! median or a zero would rank a ward on a figure nobody reported.

use std::collections::HashSet;

use crate::aggregate::ward_values;
use crate::dataset::{Dataset, Direction, Group};
use crate::format::{number, Lang};
use crate::ranking::{competition_ranks, Rank};
use crate::registry::Registry;

/// Each 766 group with the id of its bundled score dataset, in
/// [`Group::INDEX_766`] order.
pub const DEFAULT_COMPONENTS: [(Group, &str); 6] = [
    (Group::Transparency, "synthetic-transparency-score"),
    (Group::Timeliness, "synthetic-timeliness-score"),
    (Group::OnlineServices, "synthetic-online-services-score"),
    (Group::OnlinePayment, "synthetic-online-payment-score"),
    (Group::Satisfaction, "synthetic-satisfaction-score"),
    (Group::Digitisation, "synthetic-digitisation-score"),
];

/// Composite scores are ranked at one decimal, as they are shown.
pub const DECIMALS: u8 = 1;

/// Weights of the six groups, in [`Group::INDEX_766`] order. Only their
/// ratios matter: the formula divides by their sum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights(pub [f64; 6]);

impl Default for Weights {
    fn default() -> Self {
        Weights::DEFAULT
    }
}

impl Weights {
    /// The 766 points of each group: the composite is then the 766 total.
    pub const DEFAULT: Weights = Weights([18.0, 20.0, 12.0, 10.0, 18.0, 22.0]);

    /// All finite and ≥ 0, with a positive (finite) sum. Anything else has no
    /// meaning as a weighting and yields no composite.
    pub fn is_valid(&self) -> bool {
        self.0.iter().all(|w| w.is_finite() && *w >= 0.0) && {
            let sum = self.sum();
            sum > 0.0 && sum.is_finite()
        }
    }

    fn sum(&self) -> f64 {
        self.0.iter().sum()
    }

    /// The same weighting scaled to sum to 1 (the share of the composite each
    /// group can contribute), or `None` if the weights are not valid.
    pub fn normalised(&self) -> Option<Weights> {
        if !self.is_valid() {
            return None;
        }
        let sum = self.sum();
        Some(Weights(self.0.map(|w| w / sum)))
    }
}

/// Short name of a group, as in the home view's dataset picker.
pub fn group_label(group: Group, lang: Lang) -> &'static str {
    match (group, lang) {
        (Group::Transparency, Lang::Vi) => "Công khai, minh bạch",
        (Group::Transparency, Lang::En) => "Transparency",
        (Group::Timeliness, Lang::Vi) => "Tiến độ, kết quả giải quyết",
        (Group::Timeliness, Lang::En) => "Timeliness",
        (Group::OnlineServices, Lang::Vi) => "Dịch vụ công trực tuyến",
        (Group::OnlineServices, Lang::En) => "Online services",
        (Group::OnlinePayment, Lang::Vi) => "Thanh toán trực tuyến",
        (Group::OnlinePayment, Lang::En) => "Online payment",
        (Group::Satisfaction, Lang::Vi) => "Mức độ hài lòng",
        (Group::Satisfaction, Lang::En) => "Satisfaction",
        (Group::Digitisation, Lang::Vi) => "Số hóa hồ sơ",
        (Group::Digitisation, Lang::En) => "Digitisation",
        (Group::Other, Lang::Vi) => "Chỉ tiêu khác",
        (Group::Other, Lang::En) => "Other indicators",
    }
}

/// A weight for readers: at most three decimals, trailing zeros dropped, in
/// the language's decimal separator ("18", "0,5" / "0.5").
fn weight_text(weight: f64, lang: Lang) -> String {
    let text = number(weight, 3, lang);
    let point = match lang {
        Lang::Vi => ',',
        Lang::En => '.',
    };
    if text.contains(point) {
        text.trim_end_matches('0')
            .trim_end_matches(point)
            .to_string()
    } else {
        text
    }
}

/// The formula with the actual weights and the groups' 766 maxima, e.g.
/// "Điểm tổng hợp = 100 × (18·[Công khai, minh bạch]/18 + …) / 100".
/// Zero weights are left out, as the formula ignores them.
pub fn formula(weights: &Weights, lang: Lang) -> String {
    let title = match lang {
        Lang::Vi => "Điểm tổng hợp",
        Lang::En => "Composite score",
    };
    if !weights.is_valid() {
        return match lang {
            Lang::Vi => format!("{title}: trọng số không hợp lệ (cần số không âm, tổng lớn hơn 0)"),
            Lang::En => {
                format!("{title}: invalid weights (they must be non-negative with a positive sum)")
            }
        };
    }
    let terms: Vec<String> = Group::INDEX_766
        .iter()
        .zip(weights.0)
        .filter(|(_, w)| *w > 0.0)
        .map(|((group, max), w)| {
            format!(
                "{}·[{}]/{max}",
                weight_text(w, lang),
                group_label(*group, lang)
            )
        })
        .collect();
    format!(
        "{title} = 100 × ({}) / {}",
        terms.join(" + "),
        weight_text(weights.sum(), lang)
    )
}

/// The missing-component rule in one sentence, to show next to the formula.
pub fn missing_rule(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Nhóm có trọng số 0 không được tính; nếu một phường thiếu điểm của bất kỳ nhóm nào có trọng số lớn hơn 0 thì không tính điểm tổng hợp cho phường đó và nêu rõ nhóm thiếu, không ước lượng bù.",
        Lang::En => "Groups with weight 0 are ignored; if a ward lacks the score of any group with a weight above 0, it gets no composite score and the missing groups are listed, with nothing imputed.",
    }
}

/// One ward's composite in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositeRow {
    pub code: String,
    /// 0–100, or `None` when weights are invalid or a weighted group is missing.
    pub score: Option<f64>,
    /// Weighted groups without a value for this ward, in INDEX_766 order.
    pub missing: Vec<Group>,
    /// Among wards with a score, higher is better, at [`DECIMALS`].
    pub rank: Option<Rank>,
    /// Each group's weighted contribution, in points of the 0–100 score:
    /// 100 × w_g · (s_g / max_g) / Σ w. `None` for a zero weight or a missing
    /// value. When `score` is `Some`, the parts add up to it.
    pub parts: [Option<f64>; 6],
}

/// One component of the composite, its ward values in registry order
/// (`None` when its dataset is not loaded).
struct Column {
    group: Group,
    weight: f64,
    max: f64,
    values: Option<Vec<Option<f64>>>,
}

/// The maximum a component's scores are divided by: its dataset's range, or
/// the group's 766 points.
pub fn component_max(dataset: &Dataset, points: u32) -> f64 {
    dataset
        .range
        .map(|r| r.max)
        .filter(|max| max.is_finite() && *max > 0.0)
        .unwrap_or(f64::from(points))
}

/// `score / max` on the 0–1 scale: values above the maximum count as the
/// maximum and values below 0 as 0 (see "Staying within 0–100"). `max` is
/// positive and finite ([`component_max`]).
fn unit_share(score: f64, max: f64) -> f64 {
    (score / max).clamp(0.0, 1.0)
}

/// The composite of every registry ward in registry order for `period`,
/// ranked (see the module documentation for the formula and the missing
/// rule). `components` follow [`Group::INDEX_766`]; a `None` component is
/// missing for every ward unless its weight is 0. Invalid weights give no
/// scores (and nothing listed as missing).
pub fn composite_rows(
    registry: &Registry,
    components: &[Option<&Dataset>; 6],
    period: &str,
    weights: &Weights,
) -> Vec<CompositeRow> {
    let valid = weights.is_valid();
    let total = weights.sum();
    let columns: Vec<Column> = Group::INDEX_766
        .iter()
        .zip(components)
        .zip(weights.0)
        .map(|(((group, points), dataset), weight)| Column {
            group: *group,
            weight,
            max: dataset.map_or(f64::from(*points), |d| component_max(d, *points)),
            values: dataset.map(|d| ward_values(registry, d, period)),
        })
        .collect();
    let mut rows: Vec<CompositeRow> = registry
        .wards
        .iter()
        .enumerate()
        .map(|(i, ward)| {
            let mut parts = [None; 6];
            let mut missing = Vec::new();
            let mut weighted = 0.0;
            for (part, column) in parts.iter_mut().zip(&columns) {
                if !valid || column.weight <= 0.0 {
                    continue;
                }
                let value = column
                    .values
                    .as_ref()
                    .and_then(|v| v.get(i).copied().flatten());
                match value {
                    Some(score) => {
                        let share = column.weight * unit_share(score, column.max);
                        weighted += share;
                        *part = Some(100.0 * share / total);
                    }
                    None => missing.push(column.group),
                }
            }
            let score = (valid && missing.is_empty())
                .then(|| 100.0 * weighted / total)
                .filter(|s| s.is_finite())
                .map(|s| s.clamp(0.0, 100.0));
            CompositeRow {
                code: ward.code.clone(),
                score,
                missing,
                rank: None,
                parts,
            }
        })
        .collect();
    let scores: Vec<Option<f64>> = rows.iter().map(|r| r.score).collect();
    for (row, rank) in rows.iter_mut().zip(competition_ranks(
        &scores,
        Direction::HigherIsBetter,
        DECIMALS,
    )) {
        row.rank = rank;
    }
    rows
}

/// The periods every given component has, in the order of the first one:
/// the periods a composite can be offered for. Components given as `None`
/// do not restrict it (they are missing in every period anyway).
pub fn composite_periods(components: &[Option<&Dataset>; 6]) -> Vec<String> {
    common_periods(components.iter().flatten().copied())
}

/// Like [`composite_periods`] but only over the components with weight > 0,
/// so a group switched off does not hide periods.
pub fn weighted_periods(components: &[Option<&Dataset>; 6], weights: &Weights) -> Vec<String> {
    common_periods(
        components
            .iter()
            .zip(weights.0)
            .filter(|(_, w)| *w > 0.0)
            .filter_map(|(d, _)| *d),
    )
}

fn common_periods<'a>(mut datasets: impl Iterator<Item = &'a Dataset>) -> Vec<String> {
    let Some(first) = datasets.next() else {
        return Vec::new();
    };
    let others: Vec<HashSet<&str>> = datasets
        .map(|d| d.periods.iter().map(String::as_str).collect())
        .collect();
    first
        .periods
        .iter()
        .filter(|p| others.iter().all(|o| o.contains(p.as_str())))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_are_the_766_points() {
        for ((group, points), weight) in Group::INDEX_766.iter().zip(Weights::DEFAULT.0) {
            assert_eq!(f64::from(*points), weight, "{group:?}");
        }
        assert_eq!(Weights::default(), Weights::DEFAULT);
        let groups: Vec<Group> = DEFAULT_COMPONENTS.iter().map(|(g, _)| *g).collect();
        let index: Vec<Group> = Group::INDEX_766.iter().map(|(g, _)| *g).collect();
        assert_eq!(groups, index);
    }

    #[test]
    fn weight_validity_and_normalisation() {
        assert!(Weights::DEFAULT.is_valid());
        assert!(Weights([0.0, 0.0, 0.0, 0.0, 0.0, 1.0]).is_valid());
        for bad in [
            [0.0; 6],
            [1.0, -1.0, 1.0, 1.0, 1.0, 1.0],
            [f64::NAN, 1.0, 1.0, 1.0, 1.0, 1.0],
            [f64::INFINITY, 1.0, 1.0, 1.0, 1.0, 1.0],
            [f64::MAX, f64::MAX, 0.0, 0.0, 0.0, 0.0],
        ] {
            assert!(!Weights(bad).is_valid(), "{bad:?}");
            assert_eq!(Weights(bad).normalised(), None);
        }
        let n = Weights::DEFAULT.normalised().unwrap();
        assert!((n.0.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((n.0[5] - 0.22).abs() < 1e-12);
    }

    #[test]
    fn formula_shows_the_weights_and_group_names() {
        assert_eq!(
            formula(&Weights::DEFAULT, Lang::Vi),
            "Điểm tổng hợp = 100 × (18·[Công khai, minh bạch]/18 + 20·[Tiến độ, kết quả giải quyết]/20 \
             + 12·[Dịch vụ công trực tuyến]/12 + 10·[Thanh toán trực tuyến]/10 \
             + 18·[Mức độ hài lòng]/18 + 22·[Số hóa hồ sơ]/22) / 100"
        );
        let half = Weights([0.5, 0.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(
            formula(&half, Lang::En),
            "Composite score = 100 × (0.5·[Transparency]/18 + 1·[Digitisation]/22) / 1.5"
        );
        assert!(formula(&half, Lang::Vi).contains("0,5·[Công khai, minh bạch]/18"));
        assert!(formula(&Weights([0.0; 6]), Lang::En).contains("invalid"));
        assert!(missing_rule(Lang::Vi).contains("trọng số 0"));
        assert!(missing_rule(Lang::En).contains("weight 0"));
    }
    fn registry() -> Registry {
        Registry::parse(
            r#"{"districts": [{"code": "002", "name": "Hoàn Kiếm", "full_name": "Quận Hoàn Kiếm", "folded": "hoan kiem"}],
               "wards": [
                 {"code": "00052", "name": "Hàng Bồ", "full_name": "Phường Hàng Bồ", "district": "002", "folded": "hang bo"},
                 {"code": "00055", "name": "Hàng Bạc", "full_name": "Phường Hàng Bạc", "district": "002", "folded": "hang bac"}]}"#,
        )
        .unwrap()
    }

    /// A score dataset of `group` out of `max` with the two wards' values in 2023.
    fn component(group: &str, max: u32, hang_bo: Option<f64>, hang_bac: f64) -> Dataset {
        let range = format!(r#"{{"min": 0, "max": {max}}}"#);
        component_with_range(group, Some(&range), hang_bo, hang_bac)
    }

    /// Like [`component`], with the dataset's `range` as JSON, or none.
    fn component_with_range(
        group: &str,
        range: Option<&str>,
        hang_bo: Option<f64>,
        hang_bac: f64,
    ) -> Dataset {
        let range = range.map_or(String::new(), |r| format!(r#""range": {r},"#));
        let first = hang_bo.map_or(
            r#""value": null, "missing": "not_reported""#.to_string(),
            |v| format!(r#""value": {v}"#),
        );
        let text = format!(
            r#"{{"format": "hanoi-wards/dataset", "version": 1, "id": "{}",
             "title": {{"vi": "a", "en": "a"}}, "description": {{"vi": "a", "en": "a"}},
             "level": "ward", "unit": {{"vi": "điểm", "en": "points"}},
             "number_format": {{"style": "decimal", "decimals": 2}}, {range}
             "direction": "higher_is_better", "group": "{group}", "period_type": "year",
             "periods": ["2022", "2023"], "source": {{"name": "s"}},
             "licence": {{"id": "CC-BY-4.0"}}, "provenance": "synthetic", "values": [
               {{"area": "00052", "period": "2023", {first}}},
               {{"area": "00055", "period": "2023", "value": {hang_bac}}}]}}"#,
            group.replace('_', "-")
        );
        Dataset::parse(&text, &registry()).unwrap().value
    }

    fn six(hang_bo_payment: Option<f64>) -> [Dataset; 6] {
        [
            component("transparency", 18, Some(18.0), 9.0),
            component("timeliness", 20, Some(10.0), 20.0),
            component("online_services", 12, Some(6.0), 12.0),
            component("online_payment", 10, hang_bo_payment, 10.0),
            component("satisfaction", 18, Some(9.0), 18.0),
            component("digitisation", 22, Some(22.0), 11.0),
        ]
    }

    fn refs(datasets: &[Dataset; 6]) -> [Option<&Dataset>; 6] {
        [0, 1, 2, 3, 4, 5].map(|i| datasets.get(i))
    }

    #[test]
    fn default_composite_is_the_sum_and_parts_add_up() {
        let datasets = six(Some(5.0));
        let rows = composite_rows(&registry(), &refs(&datasets), "2023", &Weights::DEFAULT);
        assert_eq!(rows.len(), 2);
        let hang_bo = &rows[0];
        assert_eq!(hang_bo.code, "00052");
        let sum = 18.0 + 10.0 + 6.0 + 5.0 + 9.0 + 22.0;
        assert!((hang_bo.score.unwrap() - sum).abs() < 1e-9);
        let parts: f64 = hang_bo.parts.iter().flatten().sum();
        assert!((parts - sum).abs() < 1e-9);
        assert!(hang_bo.missing.is_empty());
        // Hàng Bạc: 9 + 20 + 12 + 10 + 18 + 11 = 80 beats Hàng Bồ's 70.
        assert_eq!(rows[1].rank.map(|r| (r.position, r.of)), Some((1, 2)));
        assert_eq!(hang_bo.rank.map(|r| r.position), Some(2));
    }

    #[test]
    fn missing_weighted_component_gives_no_score_and_says_which() {
        let datasets = six(None);
        let rows = composite_rows(&registry(), &refs(&datasets), "2023", &Weights::DEFAULT);
        assert_eq!(rows[0].score, None);
        assert_eq!(rows[0].rank, None);
        assert_eq!(rows[0].missing, [Group::OnlinePayment]);
        assert_eq!(rows[0].parts[3], None);
        assert!(rows[0].parts[0].is_some());
        assert_eq!(rows[1].rank.map(|r| (r.position, r.of)), Some((1, 1)));

        // Weight 0 on the missing group: ignored, Hàng Bồ is scored again.
        let mut weights = Weights::DEFAULT;
        weights.0[3] = 0.0;
        let rows = composite_rows(&registry(), &refs(&datasets), "2023", &weights);
        assert!(rows[0].missing.is_empty());
        let expected = 100.0 * (18.0 + 10.0 + 6.0 + 9.0 + 22.0) / 90.0;
        assert!((rows[0].score.unwrap() - expected).abs() < 1e-9);
        assert_eq!(rows[0].parts[3], None);

        // A component not loaded at all is missing for every ward.
        let mut components = refs(&datasets);
        components[5] = None;
        let rows = composite_rows(&registry(), &components, "2023", &weights);
        assert!(rows
            .iter()
            .all(|r| r.score.is_none() && r.missing == [Group::Digitisation]));
        weights.0[5] = 0.0;
        let rows = composite_rows(&registry(), &components, "2023", &weights);
        assert!(rows.iter().all(|r| r.score.is_some()));

        // Invalid weights: no scores, nothing reported missing.
        let rows = composite_rows(&registry(), &refs(&datasets), "2023", &Weights([0.0; 6]));
        assert!(rows
            .iter()
            .all(|r| r.score.is_none() && r.missing.is_empty() && r.rank.is_none()));
    }

    #[test]
    fn scores_stay_within_0_and_100_whatever_the_values() {
        // Without a range, scores above the group's 766 points (or below 0)
        // pass validation; they count as the maximum (or 0).
        let mut datasets = six(Some(5.0));
        datasets[0] = component_with_range("transparency", None, Some(1e6), -40.0);
        let rows = composite_rows(&registry(), &refs(&datasets), "2023", &Weights::DEFAULT);
        let hang_bo = rows[0].score.expect("a score");
        assert!((hang_bo - (18.0 + 10.0 + 6.0 + 5.0 + 9.0 + 22.0)).abs() < 1e-9);
        assert_eq!(rows[0].parts[0], Some(18.0));
        assert_eq!(rows[1].parts[0], Some(0.0));
        for row in &rows {
            let score = row.score.expect("a score");
            assert!((0.0..=100.0).contains(&score), "{score}");
            let parts: f64 = row.parts.iter().flatten().sum();
            assert!((parts - score).abs() < 1e-9);
        }
        // Every group at its maximum is exactly 100 with any weights.
        let top = [
            component("transparency", 18, Some(18.0), 18.0),
            component("timeliness", 20, Some(20.0), 20.0),
            component("online_services", 12, Some(12.0), 12.0),
            component("online_payment", 10, Some(10.0), 10.0),
            component("satisfaction", 18, Some(18.0), 18.0),
            component("digitisation", 22, Some(22.0), 22.0),
        ];
        for weights in [
            [0.0, 0.0, 0.0, 7.0, 75.08898048676724, 0.0],
            [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            [1e-300, 1.0, 0.0, 0.0, 0.0, 3.3],
        ] {
            for row in composite_rows(&registry(), &refs(&top), "2023", &Weights(weights)) {
                let score = row.score.expect("a score");
                assert!(score <= 100.0, "{weights:?}: {score}");
                assert!((score - 100.0).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn periods_common_to_the_components() {
        let datasets = six(Some(1.0));
        assert_eq!(composite_periods(&refs(&datasets)), ["2022", "2023"]);
        assert!(composite_periods(&[None, None, None, None, None, None]).is_empty());
        let mut other = component("timeliness", 20, Some(1.0), 1.0);
        other.periods = vec!["2023".into()];
        let mut components = refs(&datasets);
        components[1] = Some(&other);
        assert_eq!(composite_periods(&components), ["2023"]);
        let mut weights = Weights::DEFAULT;
        assert_eq!(weighted_periods(&components, &weights), ["2023"]);
        weights.0[1] = 0.0;
        assert_eq!(weighted_periods(&components, &weights), ["2022", "2023"]);
    }
}
