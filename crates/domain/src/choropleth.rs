//! Colouring the map: classes of the shown values, a colour per class, and
//! the legend. Missing values get no class and are drawn hatched by the UI,
//! never in the colour of low values.

use std::collections::HashMap;

use crate::classify::{classify, Classes, Method};
use crate::dataset::{Direction, NumberFormat};
use crate::format::{self, Lang};
use crate::palette::{diverging, sequential, Palette};
use crate::ranking::shown;
use crate::table::WardRow;

/// Five classes read well on a 175-tile map and stay distinguishable for
/// colour-blind readers with viridis.
pub const DEFAULT_CLASSES: usize = 5;

/// What the map's tiles are coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum MapMode {
    #[default]
    Values,
    /// Difference from a base period, on a diverging palette
    /// ([`Choropleth::of_changes`]).
    Change,
}

impl MapMode {
    pub const ALL: [MapMode; 2] = [MapMode::Values, MapMode::Change];

    /// The id used in URLs.
    pub fn id(self) -> &'static str {
        match self {
            MapMode::Values => "values",
            MapMode::Change => "change",
        }
    }

    pub fn parse(id: &str) -> Option<MapMode> {
        MapMode::ALL.into_iter().find(|m| m.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub colour: String,
    /// "80,0–85,2%", or a single value when the class holds one; for an
    /// empty class (equal intervals, the change map's fixed classes) its
    /// interval. The UI says "no wards" next to an empty class, so it is
    /// never read as holding some.
    pub label: String,
    /// How many wards (areas) fall in the class; 0 for an empty class.
    pub count: usize,
    /// The distinct shown values of the class, ascending; empty for an
    /// empty class. They draw the distribution strip ([`Strip`]).
    pub members: Vec<Member>,
}

/// One distinct shown value of a class and how many areas show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub value: f64,
    /// The value as the map shows it ("12,5%", "+1,2 điểm %").
    pub text: String,
    /// Areas with this value, at least 1.
    pub count: usize,
}

/// The distinct values of each class with their counts, ascending, formatted
/// by `text`.
fn members_by_class(
    shown_values: &[(String, f64)],
    class_of: &HashMap<String, usize>,
    classes: usize,
    text: impl Fn(f64) -> String,
) -> Vec<Vec<Member>> {
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); classes];
    for (code, v) in shown_values {
        if let Some(list) = class_of.get(code).and_then(|c| values.get_mut(*c)) {
            list.push(*v);
        }
    }
    values
        .into_iter()
        .map(|mut list| {
            list.sort_by(f64::total_cmp);
            let mut members: Vec<Member> = Vec::new();
            for v in list {
                match members.last_mut() {
                    Some(last) if last.value == v => last.count += 1,
                    _ => members.push(Member {
                        value: v,
                        text: text(v),
                        count: 1,
                    }),
                }
            }
            members
        })
        .collect()
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
        let values: Vec<(String, Option<f64>)> =
            rows.iter().map(|r| (r.code.clone(), r.value)).collect();
        Choropleth::of_values(&values, method, palette, direction, number_format, lang)
    }

    /// As [`Choropleth::new`], for any areas: (area code, value) pairs, e.g.
    /// district aggregates.
    pub fn of_values(
        areas: &[(String, Option<f64>)],
        method: Method,
        palette: Palette,
        direction: Direction,
        number_format: NumberFormat,
        lang: Lang,
    ) -> Choropleth {
        let decimals = number_format.shown_decimals();
        let shown_values: Vec<(String, f64)> = areas
            .iter()
            .filter_map(|(code, v)| Some((code.clone(), shown((*v)?, decimals)?)))
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
        // Each legend entry shows the lowest and highest value actually in
        // its class, so no value fits two labels and a one-value class shows
        // that value alone.
        let members = members_by_class(&shown_values, &class_of, classes.len(), |v| {
            format::value(v, number_format, lang)
        });
        let legend = members
            .into_iter()
            .enumerate()
            .filter_map(|(i, members)| {
                let colour = colours.get(i)?.clone();
                let label = match (members.first(), members.last()) {
                    (Some(low), Some(high)) if low.text == high.text => low.text.clone(),
                    (Some(low), Some(high)) => format!("{} – {}", low.text, high.text),
                    _ => {
                        // An empty equal-interval class: show its interval.
                        let (from, to) = classes.bounds(i)?;
                        format!(
                            "{} – {}",
                            format::value(from, number_format, lang),
                            format::value(to, number_format, lang)
                        )
                    }
                };
                Some(LegendEntry {
                    colour,
                    label,
                    count: members.iter().map(|m| m.count).sum(),
                    members,
                })
            })
            .collect();
        Choropleth {
            classes,
            colours,
            missing: areas.len().saturating_sub(class_of.len()),
            class_of,
            legend,
        }
    }

    /// Colours the change of each ward since a base period on a diverging
    /// palette centred on zero: `changes` holds (ward code, current − base).
    ///
    /// Classes are symmetric so that equal colours mean equal sizes of
    /// change either way: with `m` the largest absolute shown change, the
    /// breaks are −m, −0.6m, −0.2m, 0.2m, 0.6m, m and the middle class
    /// ("about the same") holds zero. All five classes are 0.4m wide and the
    /// values span at most 2m, so, as with equal intervals, a gap wider
    /// than a fifth of the span always crosses a break (the gap rule of
    /// [`classify`]); classes without wards keep their place in the scale
    /// and the legend says they are empty. Improvement is always at the orange end
    /// of [`Palette::DEFAULT_DIVERGING`]: for lower-is-better indicators a
    /// fall is the improvement, so the palette is flipped.
    pub fn of_changes(
        changes: &[(String, Option<f64>)],
        direction: Direction,
        number_format: NumberFormat,
        lang: Lang,
    ) -> Choropleth {
        let decimals = number_format.shown_decimals();
        let shown_values: Vec<(String, f64)> = changes
            .iter()
            .filter_map(|(code, v)| Some((code.clone(), shown((*v)?, decimals)?)))
            .collect();
        let largest = shown_values
            .iter()
            .map(|(_, v)| v.abs())
            .fold(0.0_f64, f64::max);
        let classes = if shown_values.is_empty() {
            Classes::default()
        } else if largest == 0.0 {
            Classes {
                breaks: vec![0.0, 0.0],
            }
        } else {
            Classes {
                breaks: [-1.0, -0.6, -0.2, 0.2, 0.6, 1.0]
                    .iter()
                    .map(|f| f * largest)
                    .collect(),
            }
        };
        let mut colours = diverging(Palette::DEFAULT_DIVERGING, classes.len());
        if direction == Direction::LowerIsBetter {
            colours.reverse();
        }
        let class_of: HashMap<String, usize> = shown_values
            .iter()
            .filter_map(|(code, v)| Some((code.clone(), classes.class_of(*v)?)))
            .collect();
        let members = members_by_class(&shown_values, &class_of, classes.len(), |v| {
            format::change(v, number_format, lang)
        });
        let legend = members
            .into_iter()
            .enumerate()
            .filter_map(|(i, members)| {
                let (from, to) = classes.bounds(i)?;
                let label = if from == to {
                    format::change(from, number_format, lang)
                } else {
                    format!(
                        "{} … {}",
                        format::change(from, number_format, lang),
                        format::change(to, number_format, lang)
                    )
                };
                Some(LegendEntry {
                    colour: colours.get(i)?.clone(),
                    label,
                    count: members.iter().map(|m| m.count).sum(),
                    members,
                })
            })
            .collect();
        Choropleth {
            classes,
            colours,
            missing: changes.len().saturating_sub(class_of.len()),
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

/// The distribution strip drawn under a legend: one tick per distinct shown
/// value on a linear scale from the lowest value (0) to the highest (1),
/// in the colour of its class, so a value far from the rest shows as a
/// lone tick across an empty stretch, whatever the classes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Strip {
    /// Ascending by value.
    pub ticks: Vec<Tick>,
    /// The groups of values that wide gaps separate
    /// ([`crate::classify::wide_gaps`] for [`DEFAULT_CLASSES`]), lowest
    /// first: one group when no value stands apart, none without values.
    /// They make the strip's spoken summary.
    pub runs: Vec<Run>,
    /// Areas with a value.
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Along the strip, in [0, 1]; 0.5 when all values are equal.
    pub position: f64,
    /// In [[`Strip::MIN_HEIGHT`], 1]: 1 for the most frequent value.
    pub height: f64,
    /// Areas with this value, at least 1.
    pub count: usize,
    /// The legend entry (class) of the value.
    pub class: usize,
    pub colour: String,
    /// The value as shown.
    pub text: String,
}

/// Values between two wide gaps (or an end).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The lowest and highest value as shown (equal for a single value).
    pub low: String,
    pub high: String,
    /// Areas in the run.
    pub count: usize,
}

impl Strip {
    /// The height of a tick for one area: a lone value beside a tie of 120
    /// must stay plainly visible.
    pub const MIN_HEIGHT: f64 = 0.4;

    /// The strip of a legend's values ([`LegendEntry::members`]).
    ///
    /// Heights grow with the square root of the count, from
    /// [`Strip::MIN_HEIGHT`] for one area to 1 for the most frequent value
    /// (all 1 when every value has the same count): a linear scale would
    /// make a single ward next to 120 tied ones a sliver nobody sees.
    pub fn from_legend(legend: &[LegendEntry]) -> Strip {
        let members: Vec<(usize, &str, &Member)> = legend
            .iter()
            .enumerate()
            .flat_map(|(class, e)| e.members.iter().map(move |m| (class, e.colour.as_str(), m)))
            .filter(|(_, _, m)| m.value.is_finite() && m.count > 0)
            .collect();
        let lowest = members
            .iter()
            .map(|(_, _, m)| m.value)
            .fold(f64::INFINITY, f64::min);
        let highest = members
            .iter()
            .map(|(_, _, m)| m.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let most = members.iter().map(|(_, _, m)| m.count).max().unwrap_or(1);
        // Halves first, so that the span of ±f64::MAX does not overflow.
        let span = highest / 2.0 - lowest / 2.0;
        let mut ticks: Vec<Tick> = members
            .iter()
            .map(|(class, colour, m)| {
                let position = if span > 0.0 {
                    ((m.value / 2.0 - lowest / 2.0) / span).clamp(0.0, 1.0)
                } else {
                    0.5
                };
                // Equal counts everywhere (usually one each): full height.
                let share = if most > 1 {
                    ((m.count.saturating_sub(1)) as f64 / (most - 1) as f64).sqrt()
                } else {
                    1.0
                };
                Tick {
                    position,
                    height: Strip::MIN_HEIGHT + (1.0 - Strip::MIN_HEIGHT) * share.min(1.0),
                    count: m.count,
                    class: *class,
                    colour: (*colour).to_string(),
                    text: m.text.clone(),
                }
            })
            .collect();
        ticks.sort_by(|a, b| a.position.total_cmp(&b.position));
        let values: Vec<f64> = members.iter().map(|(_, _, m)| m.value).collect();
        let gaps = crate::classify::wide_gaps(&values, DEFAULT_CLASSES);
        let mut sorted: Vec<&Member> = members.iter().map(|(_, _, m)| *m).collect();
        sorted.sort_by(|a, b| a.value.total_cmp(&b.value));
        let mut runs: Vec<Run> = Vec::new();
        let mut next_gap = gaps.iter().map(|(_, above)| *above).peekable();
        for m in sorted {
            let starts_run = next_gap.peek().is_some_and(|above| m.value >= *above);
            if starts_run {
                next_gap.next();
            }
            match runs.last_mut() {
                Some(run) if !starts_run => {
                    run.high = m.text.clone();
                    run.count += m.count;
                }
                _ => runs.push(Run {
                    low: m.text.clone(),
                    high: m.text.clone(),
                    count: m.count,
                }),
            }
        }
        Strip {
            count: ticks.iter().map(|t| t.count).sum(),
            ticks,
            runs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::NumberStyle;

    const PCT: NumberFormat = NumberFormat {
        style: NumberStyle::Percent,
        decimals: 1,
    };

    fn rows(values: &[Option<f64>]) -> Vec<WardRow> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| WardRow {
                code: format!("{:05}", i + 1),
                name: format!("W{i}"),
                district_code: "001".into(),
                district_name: "D".into(),
                district_key: "d".into(),
                search_key: format!("w{i} d"),
                value: *v,
                missing: None,
                rank: None,
                change: None,
                trend: None,
                provisional: false,
                small_denominator: false,
                numerator: None,
                denominator: None,
            })
            .collect()
    }

    fn make(values: &[Option<f64>], direction: Direction) -> Choropleth {
        Choropleth::new(
            &rows(values),
            Method::Quantile,
            Palette::DEFAULT_SEQUENTIAL,
            direction,
            PCT,
            Lang::Vi,
        )
    }

    fn changes(values: &[Option<f64>]) -> Vec<(String, Option<f64>)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{:05}", i + 1), *v))
            .collect()
    }

    #[test]
    fn change_classes_are_symmetric_around_zero() {
        let c = Choropleth::of_changes(
            &changes(&[Some(-5.0), Some(0.0), Some(1.0), Some(2.5), None]),
            Direction::HigherIsBetter,
            PCT,
            Lang::Vi,
        );
        assert_eq!(c.classes.breaks, vec![-5.0, -3.0, -1.0, 1.0, 3.0, 5.0]);
        assert_eq!(c.class_of.get("00001"), Some(&0));
        assert_eq!(
            c.class_of.get("00002"),
            Some(&2),
            "zero is in the middle class"
        );
        assert_eq!(c.class_of.get("00004"), Some(&3));
        assert_eq!(c.missing, 1);
        assert_eq!(c.legend.len(), 5);
        assert_eq!(c.legend[0].label, "−5,0 điểm % … −3,0 điểm %");
        assert_eq!(c.legend.iter().map(|e| e.count).sum::<usize>(), 4);
    }

    #[test]
    fn improvement_keeps_its_colour_when_lower_is_better() {
        let values = changes(&[Some(-2.0), Some(2.0)]);
        let up = Choropleth::of_changes(&values, Direction::HigherIsBetter, PCT, Lang::Vi);
        let down = Choropleth::of_changes(&values, Direction::LowerIsBetter, PCT, Lang::Vi);
        // A rise for higher-is-better is coloured like a fall for lower-is-better.
        assert_eq!(up.fill("00002"), down.fill("00001"));
        assert_ne!(up.fill("00001"), up.fill("00002"));
    }

    #[test]
    fn no_change_anywhere_is_one_neutral_class_and_nothing_is_empty() {
        let c = Choropleth::of_changes(
            &changes(&[Some(0.0), Some(0.01)]),
            Direction::HigherIsBetter,
            PCT,
            Lang::En,
        );
        assert_eq!(c.classes.len(), 1);
        assert!(c.fill("00001").is_some() && c.fill("00002").is_some());
        let none = Choropleth::of_changes(
            &changes(&[None, Some(f64::NAN)]),
            Direction::HigherIsBetter,
            PCT,
            Lang::En,
        );
        assert!(none.classes.is_empty());
        assert_eq!(none.missing, 2);
    }

    #[test]
    fn a_single_value_gets_one_class_and_a_legend() {
        let c = make(&[None, Some(91.9), None], Direction::HigherIsBetter);
        assert_eq!(c.classes.len(), 1);
        assert_eq!(c.legend.len(), 1);
        assert_eq!(c.legend[0].label, "91,9%");
        assert_eq!(c.missing, 2);
        assert!(c.fill("00002").is_some());
        assert_eq!(c.fill("00001"), None, "missing is hatched, never coloured");
    }

    #[test]
    fn all_equal_values_and_no_values_do_not_divide_by_zero() {
        let c = make(&[Some(50.0); 4], Direction::HigherIsBetter);
        assert_eq!(c.legend.len(), 1);
        assert_eq!(c.legend[0].count, 4);
        let empty = make(&[None, None], Direction::HigherIsBetter);
        assert!(empty.legend.is_empty());
        assert_eq!(empty.missing, 2);
    }

    #[test]
    fn the_darker_end_means_better_in_both_directions() {
        let values: Vec<Option<f64>> = (0..10).map(|i| Some(f64::from(i) * 10.0)).collect();
        let higher = make(&values, Direction::HigherIsBetter);
        let lower = make(&values, Direction::LowerIsBetter);
        // The best ward (90 when higher is better, 0 when lower is better)
        // gets the darkest colour, the last one of the palette.
        let darkest = sequential(Palette::DEFAULT_SEQUENTIAL, higher.classes.len())
            .last()
            .cloned();
        assert_eq!(higher.fill("00010").map(str::to_string), darkest);
        assert_eq!(lower.fill("00001").map(str::to_string), darkest);
        assert_eq!(higher.legend.iter().map(|e| e.count).sum::<usize>(), 10);
    }

    #[test]
    fn legend_labels_show_the_values_in_each_class() {
        let c = make(
            &[Some(80.0), Some(85.0), Some(90.0)],
            Direction::HigherIsBetter,
        );
        let labels: Vec<&str> = c.legend.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["80,0%", "85,0%", "90,0%"]);
    }
}
