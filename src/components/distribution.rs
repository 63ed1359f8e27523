//! The distribution strip under a map legend: one tick per distinct value on
//! a linear scale from the lowest to the highest, in its class's colour and
//! as tall as the square root of how many areas share it, edged in dark and
//! with a dark rug mark under it so a pale class colour never hides where a
//! value lies. A ward far from the rest shows as a lone tick across an empty
//! stretch, whatever the classes. The geometry comes from
//! [`ward_domain::choropleth::Strip`].
//!
//! Drawn only with SVG attributes (no `style=`), so a strict
//! Content-Security-Policy (`style-src 'self'`) keeps it intact.

use leptos::prelude::*;
use ward_domain::choropleth::Strip;

use crate::i18n::{fill, Catalogue};

/// The drawing's coordinate space; the SVG stretches to the legend's width
/// (`preserveAspectRatio="none"`) and strokes keep their pixel width
/// (`vector-effect="non-scaling-stroke"`).
const WIDTH: f64 = 200.0;
/// Room at each end so the first and last ticks are not cut in half.
const MARGIN: f64 = 2.0;
/// Where the ticks stand, the tallest tick's height and the rug's length.
const BASELINE: f64 = 22.0;
const TALLEST: f64 = 20.0;
const RUG: f64 = 5.0;
const HEIGHT: f64 = BASELINE + RUG + 1.0;

/// The spoken summary: the range of the values, or the groups that wide
/// gaps separate with how many areas each holds.
pub fn summary(strip: &Strip, t: &Catalogue, counted: &dyn Fn(usize) -> String) -> String {
    let c = &t.components;
    let total = counted(strip.count);
    match strip.runs.as_slice() {
        [] => String::new(),
        [only] => fill(
            c.distribution_one_run,
            &[("count", &total), ("low", &only.low), ("high", &only.high)],
        ),
        runs => {
            let list = runs
                .iter()
                .map(|r| {
                    let range = if r.low == r.high {
                        r.low.clone()
                    } else {
                        format!("{} – {}", r.low, r.high)
                    };
                    format!("{range} ({})", counted(r.count))
                })
                .collect::<Vec<_>>()
                .join("; ");
            fill(
                c.distribution_runs,
                &[("count", &total), ("n", &runs.len()), ("runs", &list)],
            )
        }
    }
}

/// The strip with its title and the lowest and highest value under its
/// ends, or nothing without values. `counted` writes a number of areas
/// ("175 phường", "12 districts").
pub fn distribution_strip(
    strip: &Strip,
    t: &'static Catalogue,
    counted: &dyn Fn(usize) -> String,
) -> Option<impl IntoView> {
    let (first, last) = (strip.ticks.first()?, strip.ticks.last()?);
    let label = summary(strip, t, counted);
    let low = first.text.clone();
    let high = (last.text != first.text).then(|| last.text.clone());
    let xs: Vec<(String, String)> = strip
        .ticks
        .iter()
        .map(|tick| {
            let x = format!("{:.2}", MARGIN + tick.position * (WIDTH - 2.0 * MARGIN));
            let top = format!("{:.2}", BASELINE - tick.height * TALLEST);
            (x, top)
        })
        .collect();
    // A dark edge behind every bar, all drawn before the bars: a lone tick
    // in a pale class colour (viridis' yellow on white) still stands out,
    // and where ticks crowd together the colours stay on top.
    let edges = xs
        .iter()
        .map(|(x, top)| {
            view! {
                <line
                    x1=x.clone()
                    x2=x.clone()
                    y1=(BASELINE + 0.5).to_string()
                    y2=top.clone()
                    stroke="#1a1a1a"
                    stroke-width="5"
                    vector-effect="non-scaling-stroke"
                />
            }
        })
        .collect_view();
    let ticks = strip
        .ticks
        .iter()
        .zip(xs)
        .map(|(tick, (x, top))| {
            let title = format!("{}: {}", tick.text, counted(tick.count));
            view! {
                <g class="strip-tick" data-class=tick.class.to_string() data-count=tick.count.to_string()>
                    <title>{title}</title>
                    <line
                        class="strip-bar"
                        x1=x.clone()
                        x2=x.clone()
                        y1=BASELINE.to_string()
                        y2=top
                        stroke=tick.colour.clone()
                        stroke-width="3"
                        vector-effect="non-scaling-stroke"
                    />
                    <line
                        class="strip-rug"
                        x1=x.clone()
                        x2=x
                        y1=(BASELINE + 1.0).to_string()
                        y2=(BASELINE + RUG).to_string()
                        stroke="#1a1a1a"
                        stroke-width="1"
                        vector-effect="non-scaling-stroke"
                    />
                </g>
            }
        })
        .collect_view();
    Some(view! {
        <div class="distribution" data-testid="distribution" role="img" aria-label=label>
            <span class="distribution-title" aria-hidden="true">{t.components.distribution_title}</span>
            <svg
                class="distribution-strip"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
            >
                <line
                    class="strip-axis"
                    x1="0"
                    x2=WIDTH.to_string()
                    y1=BASELINE.to_string()
                    y2=BASELINE.to_string()
                    stroke="#707070"
                    stroke-width="1"
                    vector-effect="non-scaling-stroke"
                />
                <g class="strip-edges">{edges}</g>
                <g class="strip-ticks">{ticks}</g>
            </svg>
            <span class="distribution-ends" aria-hidden="true">
                <span class="distribution-low">{low}</span>
                {high.map(|h| view! { <span class="distribution-high">{h}</span> })}
            </span>
        </div>
    })
}
