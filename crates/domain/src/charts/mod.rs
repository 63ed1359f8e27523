//! ECharts options built with charming, one file per chart (see issue 5).
//!
//! Builders are pure: plain input structs in, a [`charming::Chart`] out,
//! serialised with [`to_json`] and handed to the UI's `Chart` component as
//! JSON text. Options travel as JSON, so they never contain JavaScript
//! functions: every number a label or tooltip shows is formatted here with
//! [`crate::format`] (Vietnamese: `91,9%`) and put into names and axis
//! categories, and value axes show labels only where they read the same in
//! every language (small integers).
//!
//! Each builder exists twice over one body: `*_option` returns an
//! [`EChartsOption`] (charming's components, serialised one by one: this is
//! what the browser uses) and `*_chart` returns the same as a
//! [`charming::Chart`]. Serialising a whole `Chart` links the serialisers of
//! every ECharts component and all 22 series types into the wasm (about 30
//! KB brotli, more than the home view's budget allows); `EChartsOption`
//! links only the few used here. Tests check that both give the same JSON.

pub mod groups;
pub mod ranking_bars;
pub mod trend;

use charming::component::{Aria, Axis, Grid, Legend, Title};
use charming::element::{Color, Tooltip};
use charming::series::{Bar, Line};
use charming::Chart;
use serde::Serialize;

use crate::format::{self, Lang};

/// Okabe–Ito colours: distinguishable under the common colour-vision
/// deficiencies and in greyscale order blue, vermillion… Series of wards
/// (trend lines, grouped bars) take them in order.
pub const SERIES_COLOURS: [&str; 4] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];

/// Reference lines (medians) that should recede behind the wards.
pub const REFERENCE_GREY: &str = "#666666";

/// What a missing value reads as in tooltips and labels.
/// What a tooltip says where a value is missing, in the reader's language.
pub fn missing_text(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "không có dữ liệu",
        Lang::En => "no data",
    }
}

/// The option as JSON text, for `Chart`'s `option` signal. Serialising a
/// charming chart cannot fail; should it ever, the empty option `{}` is
/// returned (an empty chart, never a panic).
pub fn to_json(chart: &Chart) -> String {
    serde_json::to_string(chart).unwrap_or_else(|_| "{}".to_string())
}

/// An ECharts option made of charming's components: the subset of
/// [`charming::Chart`] these charts use, with the same builder methods and
/// the same JSON. See the module documentation for why it exists.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EChartsOption {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    title: Vec<Title>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tooltip: Option<Tooltip>,
    #[serde(skip_serializing_if = "Option::is_none")]
    legend: Option<Legend>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    grid: Vec<Grid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    x_axis: Option<Axis>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y_axis: Option<Axis>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    color: Vec<Color>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aria: Option<Aria>,
    series: Vec<SeriesPart>,
}

/// The series types these charts use (each serialises its own `type`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum SeriesPart {
    Line(Box<Line>),
    Bar(Box<Bar>),
}

impl From<Line> for SeriesPart {
    fn from(line: Line) -> Self {
        SeriesPart::Line(Box::new(line))
    }
}

impl From<Bar> for SeriesPart {
    fn from(bar: Bar) -> Self {
        SeriesPart::Bar(Box::new(bar))
    }
}

impl EChartsOption {
    pub fn new() -> EChartsOption {
        EChartsOption::default()
    }

    pub fn title(mut self, title: Title) -> Self {
        self.title.push(title);
        self
    }

    pub fn tooltip(mut self, tooltip: Tooltip) -> Self {
        self.tooltip = Some(tooltip);
        self
    }

    pub fn legend(mut self, legend: Legend) -> Self {
        self.legend = Some(legend);
        self
    }

    pub fn grid(mut self, grid: Grid) -> Self {
        self.grid.push(grid);
        self
    }

    pub fn x_axis(mut self, axis: Axis) -> Self {
        self.x_axis = Some(axis);
        self
    }

    pub fn y_axis(mut self, axis: Axis) -> Self {
        self.y_axis = Some(axis);
        self
    }

    pub fn color<C: Into<Color>>(mut self, colours: Vec<C>) -> Self {
        self.color = colours.into_iter().map(Into::into).collect();
        self
    }

    pub fn aria(mut self, aria: Aria) -> Self {
        self.aria = Some(aria);
        self
    }

    pub fn series<S: Into<SeriesPart>>(mut self, series: S) -> Self {
        self.series.push(series.into());
        self
    }

    /// The option as JSON text, for the UI's `Chart` component (`{}`
    /// should serialising ever fail, never a panic).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The same option as a charming [`Chart`] (native use: tests, export).
    pub fn to_chart(&self) -> Chart {
        let mut chart = Chart::new();
        for title in &self.title {
            chart = chart.title(title.clone());
        }
        if let Some(tooltip) = &self.tooltip {
            chart = chart.tooltip(tooltip.clone());
        }
        if let Some(legend) = &self.legend {
            chart = chart.legend(legend.clone());
        }
        for grid in &self.grid {
            chart = chart.grid(grid.clone());
        }
        if let Some(axis) = &self.x_axis {
            chart = chart.x_axis(axis.clone());
        }
        if let Some(axis) = &self.y_axis {
            chart = chart.y_axis(axis.clone());
        }
        if !self.color.is_empty() {
            chart = chart.color(self.color.clone());
        }
        if let Some(aria) = &self.aria {
            chart = chart.aria(aria.clone());
        }
        for series in &self.series {
            chart = match series {
                SeriesPart::Line(line) => chart.series((**line).clone()),
                SeriesPart::Bar(bar) => chart.series((**bar).clone()),
            };
        }
        chart
    }
}

/// The accessibility component every chart carries: ECharts describes the
/// chart to screen readers (the page also shows the data as a table).
pub(crate) fn aria() -> Aria {
    Aria::new().enabled(true)
}

/// A value for readers: `91,9%`, `12,5 ngày`, or "không có dữ liệu"
/// (`91.9%`, `12.5 days`, "no data" in English).
pub(crate) fn value_text(value: Option<f64>, decimals: u8, unit: &str, lang: Lang) -> String {
    match value.filter(|v| v.is_finite()) {
        None => missing_text(lang).to_string(),
        Some(v) => {
            let number = format::number(v, decimals, lang);
            match unit.trim() {
                "" => number,
                "%" => format!("{number}%"),
                unit => format!("{number} {unit}"),
            }
        }
    }
}

/// A value axis's bounds and step, chosen here so that its labels are known
/// in advance: `Some` labels only when every tick is an integer below 1000,
/// which reads the same in Vietnamese and English (no decimal or thousands
/// separator); otherwise the axis shows grid lines without labels and the
/// tooltips carry the formatted values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ValueScale {
    pub min: f64,
    pub max: f64,
    pub interval: f64,
    pub labelled: bool,
}

impl ValueScale {
    /// About five intervals covering `range`, or the finite `values`
    /// (including zero when `from_zero`).
    pub fn new(range: Option<(f64, f64)>, values: &[f64], from_zero: bool) -> ValueScale {
        let (mut lo, mut hi) = match range.filter(|(a, b)| a.is_finite() && b.is_finite()) {
            Some((a, b)) => (a.min(b), a.max(b)),
            None => values
                .iter()
                .filter(|v| v.is_finite())
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(*v), hi.max(*v))
                }),
        };
        if !lo.is_finite() || !hi.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if from_zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if hi <= lo {
            hi = lo + 1.0;
        }
        let interval = nice_step((hi - lo) / 5.0);
        let (min, max) = if range.is_some() {
            (lo, hi)
        } else {
            (
                (lo / interval).floor() * interval,
                (hi / interval).ceil() * interval,
            )
        };
        let integral = |v: f64| (v - v.round()).abs() < 1e-9;
        let labelled = integral(interval)
            && integral(min)
            && integral(max)
            && min.abs() < 1000.0
            && max.abs() < 1000.0;
        ValueScale {
            min,
            max,
            interval,
            labelled,
        }
    }
}

/// 1, 2 or 5 times a power of ten, at least `rough`.
fn nice_step(rough: f64) -> f64 {
    if !(rough.is_finite() && rough > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(rough.log10().floor());
    let fraction = rough / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_vietnamese() {
        assert_eq!(value_text(Some(91.94), 1, "%", Lang::Vi), "91,9%");
        assert_eq!(value_text(Some(91.94), 1, "%", Lang::En), "91.9%");
        assert_eq!(value_text(Some(12.5), 1, "ngày", Lang::Vi), "12,5 ngày");
        assert_eq!(value_text(Some(6000.0), 0, "", Lang::Vi), "6.000");
        assert_eq!(value_text(None, 1, "%", Lang::Vi), "không có dữ liệu");
        assert_eq!(value_text(None, 1, "%", Lang::En), "no data");
        assert_eq!(value_text(Some(f64::NAN), 1, "%", Lang::En), "no data");
    }

    #[test]
    fn scales_are_nice_and_labelled_only_when_locale_neutral() {
        let s = ValueScale::new(None, &[61.0, 93.0], false);
        assert_eq!(
            (s.min, s.max, s.interval, s.labelled),
            (60.0, 100.0, 10.0, true)
        );
        let s = ValueScale::new(None, &[0.12, 0.31], false);
        assert!(!s.labelled, "{s:?}");
        let s = ValueScale::new(None, &[1200.0, 5300.0], true);
        assert_eq!(s.min, 0.0);
        assert!(!s.labelled, "thousands need a separator: {s:?}");
        let s = ValueScale::new(Some((0.0, 100.0)), &[], false);
        assert_eq!(
            (s.min, s.max, s.interval, s.labelled),
            (0.0, 100.0, 20.0, true)
        );
        let s = ValueScale::new(None, &[], false);
        assert!(s.min < s.max);
    }
}
