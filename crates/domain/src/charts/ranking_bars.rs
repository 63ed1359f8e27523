//! Every ward as a horizontal bar, in rank order, for the current
//! indicator: the chart alternative to the ranking table. Bars take the
//! map's class colours; the selected ward is highlighted.

use charming::component::{Axis, Grid};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisTick, AxisType, ItemStyle, SplitLine, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

use super::{aria, value_text, EChartsOption};
use crate::format::Lang;
use crate::palette::NO_DATA_FILL;

#[derive(Debug, Clone, PartialEq)]
pub struct RankingBars {
    /// Ward names, in rank order (best first, missing values last).
    pub names: Vec<String>,
    /// GSO codes, parallel to `names`.
    pub codes: Vec<String>,
    pub values: Vec<Option<f64>>,
    /// The map's class colour of each ward (CSS hex).
    pub colours: Vec<String>,
    pub unit: String,
    pub decimals: u8,
    /// Code of the selected ward, highlighted.
    pub selected: Option<String>,
    /// The language of tooltips and number formats.
    pub lang: Lang,
}

/// Fill of the selected ward's bar (Okabe–Ito vermillion, apart from every
/// sequential class colour), with a black outline as a second cue.
pub const SELECTED_COLOUR: &str = "#D55E00";
pub const SELECTED_BORDER: &str = "#000000";

/// Pixels per bar: readable and tappable on phones.
pub const ROW_HEIGHT: u32 = 22;
const PADDING: u32 = 24;
const MIN_HEIGHT: u32 = 120;

/// The chart's CSS height for `n` wards (175 wards: a tall chart that
/// scrolls with the page).
pub fn ranking_chart_height(n: usize) -> u32 {
    let rows = u32::try_from(n).unwrap_or(u32::MAX / ROW_HEIGHT);
    rows.saturating_mul(ROW_HEIGHT)
        .saturating_add(PADDING)
        .max(MIN_HEIGHT)
}

/// The chart as a charming [`Chart`]: the same JSON as [`ranking_bar_option`].
pub fn ranking_bar_chart(input: &RankingBars) -> Chart {
    ranking_bar_option(input).to_chart()
}

/// The option the browser draws (see [`super::EChartsOption`]).
pub fn ranking_bar_option(input: &RankingBars) -> EChartsOption {
    // "Phúc Xá · 91,9%": the value is part of the category, so labels and
    // tooltips are formatted here, not by ECharts.
    let labels: Vec<String> = input
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = input.values.get(i).copied().flatten();
            format!(
                "{name} · {}",
                value_text(value, input.decimals, &input.unit, input.lang)
            )
        })
        .collect();
    let data: Vec<DataPointItem> = input
        .names
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let value = input
                .values
                .get(i)
                .copied()
                .flatten()
                .filter(|v| v.is_finite());
            let selected =
                input.selected.is_some() && input.codes.get(i) == input.selected.as_ref();
            let style = if selected {
                ItemStyle::new()
                    .color(SELECTED_COLOUR)
                    .border_color(SELECTED_BORDER)
                    .border_width(2)
            } else {
                let colour = input
                    .colours
                    .get(i)
                    .filter(|c| !c.is_empty())
                    .cloned()
                    .unwrap_or_else(|| NO_DATA_FILL.to_string());
                ItemStyle::new().color(colour)
            };
            DataPointItem::new(value).item_style(style)
        })
        .collect();
    EChartsOption::new()
        .aria(aria())
        .tooltip(Tooltip::new().trigger(Trigger::Item).formatter("{b}"))
        .grid(Grid::new().left(8).right(16).top(8).bottom(8))
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                // Values are in the category labels; tick labels would need
                // ECharts' English number format.
                .axis_label(AxisLabel::new().show(false))
                .split_line(SplitLine::new().show(true)),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                // Rank 1 at the top.
                .inverse(true)
                .axis_tick(AxisTick::new().show(false))
                .axis_label(AxisLabel::new().interval(0.0))
                .data(labels),
        )
        .series(
            Bar::new()
                .name(match input.lang {
                    Lang::Vi => "Xếp hạng",
                    Lang::En => "Ranking",
                })
                .bar_width("70%")
                .data(data),
        )
}
