//! Colouring the map: classes of the shown values, a colour per class, and
//! the legend. Missing values get no class and are drawn hatched by the UI,
//! never in the colour of low values.

use std::collections::HashMap;

use crate::classify::{classify, Classes, Method};
use crate::dataset::{Direction, NumberFormat};
use crate::format::{self, Lang};
use crate::palette::{sequential, Palette};
use crate::ranking::shown;
use crate::table::WardRow;

/// Five classes read well on a 175-tile map and stay distinguishable for
/// colour-blind readers with viridis.
pub const DEFAULT_CLASSES: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub colour: String,
    /// "80,0–85,2%", or a single value when the class holds one.
    pub label: String,
    /// How many wards fall in the class.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choropleth {
    pub classes: Classes,
    /// Colour of each class, class 0 holding the lowest values.
    pub colours: Vec<String>,
    /// Ward code → class index; absent for missing values.
    pub class_of: HashMap<String, usize>,
    pub legend: Vec<LegendEntry>,
    pub missing: usize,
}

impl Choropleth {
    /// Classes the shown values of `rows` and colours them so the darker end
    /// means *better*: for lower-is-better indicators the palette is flipped.
    pub fn new(
        rows: &[WardRow],
        method: Method,
        palette: Palette,
        direction: Direction,
        number_format: NumberFormat,
        lang: Lang,
    ) -> Choropleth {
        let decimals = number_format.decimals;
        let shown_values: Vec<(String, f64)> = rows
            .iter()
            .filter_map(|r| Some((r.code.clone(), shown(r.value?, decimals)?)))
            .collect();
        let values: Vec<f64> = shown_values.iter().map(|(_, v)| *v).collect();
        let classes = classify(&values, DEFAULT_CLASSES, method);
        let mut colours = sequential(palette, classes.len());
        if direction == Direction::LowerIsBetter {
            colours.reverse();
        }
        let class_of: HashMap<String, usize> = shown_values
            .iter()
            .filter_map(|(code, v)| Some((code.clone(), classes.class_of(*v)?)))
            .collect();
        let mut counts = vec![0usize; classes.len()];
        for class in class_of.values() {
            if let Some(c) = counts.get_mut(*class) {
                *c += 1;
            }
        }
        let legend = (0..classes.len())
            .filter_map(|i| {
                let (low, high) = classes.bounds(i)?;
                let low_text = format::value(low, number_format, lang);
                let high_text = format::value(high, number_format, lang);
                Some(LegendEntry {
                    colour: colours.get(i)?.clone(),
                    label: if low_text == high_text {
                        low_text
                    } else {
                        format!("{low_text} – {high_text}")
                    },
                    count: counts.get(i).copied().unwrap_or(0),
                })
            })
            .collect();
        Choropleth {
            classes,
            colours,
            missing: rows.len().saturating_sub(class_of.len()),
            class_of,
            legend,
        }
    }

    /// The fill of a ward's tile, or `None` for missing (hatched).
    pub fn fill(&self, code: &str) -> Option<&str> {
        let class = *self.class_of.get(code)?;
        self.colours.get(class).map(String::as_str)
    }
}
