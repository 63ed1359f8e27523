//! Grouped bars comparing two to four wards across the six groups of
//! Decision 766, each value a share of the group's best (0–100 %).

use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use charming::Chart;

use super::{aria, value_text, EChartsOption, SERIES_COLOURS};
use crate::format::Lang;

#[derive(Debug, Clone, PartialEq)]
pub struct GroupComparison {
    /// The six groups' short names, in the order of Decision 766.
    pub group_labels: Vec<String>,
    /// Ward name and one value per group, already in % of the group's
    /// maximum; `None` is missing (no bar, never zero).
    pub wards: Vec<(String, Vec<Option<f64>>)>,
    /// The language of tooltips and number formats.
    pub lang: Lang,
}

/// The chart as a charming [`Chart`]: the same JSON as [`group_comparison_option`].
pub fn group_comparison_chart(input: &GroupComparison) -> Chart {
    group_comparison_option(input).to_chart()
}

/// The option the browser draws (see [`super::EChartsOption`]).
pub fn group_comparison_option(input: &GroupComparison) -> EChartsOption {
    let mut chart = EChartsOption::new()
        // No decal patterns: charming's `Decal` always writes `"decals": []`,
        // which makes ECharts 6 throw while drawing ("Cannot set properties
        // of undefined (setting 'dirty')"). Wards are told apart by the
        // Okabe–Ito colours, the legend and the table below the chart.
        .aria(aria())
        .color(SERIES_COLOURS.to_vec())
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter("{a}<br/>{b}"),
        )
        .legend(Legend::new().bottom(0).left("center"))
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(8)
                .bottom(56)
                .contain_label(true),
        )
        // Groups down the side, bars across: the six group names stay
        // readable on a 390 px phone, where a category x axis hides most.
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(input.group_labels.clone()),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .max(100)
                .interval(20.0)
                // Integers below 1000 read the same in every language.
                .axis_label(AxisLabel::new().formatter("{value}%")),
        );
    for (index, (ward, values)) in input.wards.iter().enumerate() {
        let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
        let data: Vec<DataPointItem> = input
            .group_labels
            .iter()
            .enumerate()
            .map(|(i, group)| {
                let value = values.get(i).copied().flatten().filter(|v| v.is_finite());
                let text = value_text(value, 1, "%", input.lang);
                DataPointItem::new(value).name(format!("{group}: {text}"))
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(ward.clone())
                .item_style(ItemStyle::new().color(colour))
                .data(data),
        );
    }
    chart
}
