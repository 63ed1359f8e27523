//! A ward's indicator over time, against its district's and the city's
//! medians. Missing values are gaps (JSON `null`), never zero.

use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::DataPointItem;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, LineStyle, LineStyleType, SplitLine, Symbol, Tooltip, Trigger,
};
use charming::series::Line;
use charming::Chart;

use super::{aria, value_text, EChartsOption, ValueScale, REFERENCE_GREY, SERIES_COLOURS};
use crate::format::Lang;

/// What a line stands for; it decides the line's style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeriesRole {
    /// Solid, thick, with symbols (one colour per ward).
    Ward,
    /// Dashed.
    DistrictMedian,
    /// Dotted grey.
    CityMedian,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub name: String,
    pub role: SeriesRole,
    /// One per period label; `None` is a gap.
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    pub title: String,
    /// Periods as readers read them ("Quý 3/2021"), oldest first.
    pub period_labels: Vec<String>,
    /// "%" or a unit written after the number ("ngày").
    pub unit: String,
    pub decimals: u8,
    /// The value axis's bounds (e.g. `(0.0, 100.0)` for shares); `None`
    /// fits the data.
    pub range: Option<(f64, f64)>,
    pub series: Vec<TrendSeries>,
    /// The language of tooltips and number formats.
    pub lang: Lang,
}

const DISTRICT_COLOUR: &str = "#D55E00";

fn line_style(role: SeriesRole, ward_index: usize) -> (String, f64, LineStyleType) {
    match role {
        SeriesRole::Ward => (
            SERIES_COLOURS[ward_index % SERIES_COLOURS.len()].to_string(),
            3.0,
            LineStyleType::Solid,
        ),
        SeriesRole::DistrictMedian => (DISTRICT_COLOUR.to_string(), 2.0, LineStyleType::Dashed),
        SeriesRole::CityMedian => (REFERENCE_GREY.to_string(), 2.0, LineStyleType::Dotted),
    }
}

/// The chart as a charming [`Chart`]: the same JSON as [`trend_option`].
pub fn trend_chart(input: &TrendChart) -> Chart {
    trend_option(input).to_chart()
}

/// The option the browser draws (see [`super::EChartsOption`]).
pub fn trend_option(input: &TrendChart) -> EChartsOption {
    let all_values: Vec<f64> = input
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten().copied())
        .collect();
    let scale = ValueScale::new(input.range, &all_values, false);
    let axis_label = if scale.labelled {
        let template = match input.unit.trim() {
            "%" => "{value}%",
            _ => "{value}",
        };
        AxisLabel::new().formatter(template)
    } else {
        AxisLabel::new().show(false)
    };
    let y_name = match input.unit.trim() {
        "%" => String::new(),
        unit => unit.to_string(),
    };

    let mut chart = EChartsOption::new()
        .aria(aria())
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                // {a}: the series; {b}: "Quý 3/2021: 91,9%", made below.
                .formatter("{a}<br/>{b}"),
        )
        .legend(Legend::new().bottom(0).left("center"))
        .grid(
            Grid::new()
                .left(8)
                .right(24)
                .top(if input.title.is_empty() { 24 } else { 56 })
                .bottom(48),
        )
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .boundary_gap(false)
                .data(input.period_labels.clone()),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(y_name)
                .min(scale.min)
                .max(scale.max)
                .interval(scale.interval)
                .axis_label(axis_label)
                .split_line(SplitLine::new().show(true)),
        );
    if !input.title.is_empty() {
        chart = chart.title(Title::new().text(input.title.clone()).left("center"));
    }

    let mut ward_index = 0;
    for series in &input.series {
        let (colour, width, dash) = line_style(series.role, ward_index);
        if series.role == SeriesRole::Ward {
            ward_index += 1;
        }
        let data: Vec<DataPointItem> = input
            .period_labels
            .iter()
            .enumerate()
            .map(|(i, period)| {
                let value = series
                    .values
                    .get(i)
                    .copied()
                    .flatten()
                    .filter(|v| v.is_finite());
                let text = value_text(value, input.decimals, &input.unit, input.lang);
                DataPointItem::new(value).name(format!("{period}: {text}"))
            })
            .collect();
        let mut line = Line::new()
            .name(series.name.clone())
            .connect_nulls(false)
            .line_style(
                LineStyle::new()
                    .color(colour.clone())
                    .width(width)
                    .type_(dash),
            )
            .item_style(ItemStyle::new().color(colour))
            .data(data);
        line = match series.role {
            SeriesRole::Ward => line.symbol(Symbol::Circle).symbol_size(8.0).z(3),
            SeriesRole::DistrictMedian => line.symbol(Symbol::Rect).symbol_size(5.0).z(2),
            SeriesRole::CityMedian => line.symbol(Symbol::Triangle).symbol_size(5.0).z(1),
        };
        chart = chart.series(line);
    }
    chart
}
