//! The map's classes with a ward far from the rest (issue 11, item 4): the
//! default dataset is served with its latest period rewritten to the shape
//! that hid an outlier (120 wards at 100 %, 54 at 90–99.4 %, one at
//! 12.5 %). With every classing method, the outlier's tile must have a fill
//! no other tile has, a class without wards must say so, and the legend
//! must show the distribution strip with the outlier's tick in its colour.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::home_map::{
    assert_no_console_errors, catalogue, choose, eventually, open_home, read_json, select_value,
    LEGEND,
};
use crate::support::{App, Fault};

const CLASSING: &str = "select#classing";
const NO_WARDS: &str = "(không có phường)";

/// The rewritten dataset: (its URL path, its JSON, the outlier's code).
fn outlier_dataset() -> (String, String, String) {
    let entry = catalogue()
        .datasets
        .iter()
        .find(|d| d.level == "ward")
        .expect("a ward-level dataset");
    let mut data: Value = read_json(&format!("datasets/{}.json", entry.id));
    let latest = entry.periods.last().expect("periods").clone();
    let values = data["values"].as_array_mut().expect("values");
    let mut codes: Vec<String> = values
        .iter()
        .filter(|o| o["period"] == json!(latest))
        .filter_map(|o| o["area"].as_str().map(str::to_string))
        .collect();
    codes.sort();
    assert_eq!(codes.len(), 175, "one observation per ward in {latest}");
    let value_of: BTreeMap<String, f64> = codes
        .iter()
        .enumerate()
        .map(|(i, code)| {
            let v = match i {
                0 => 12.5,
                1..=54 => (900.0 + (i - 1) as f64 * 94.0 / 53.0).round() / 10.0,
                _ => 100.0,
            };
            (code.clone(), v)
        })
        .collect();
    for o in values.iter_mut() {
        if o["period"] != json!(latest) {
            continue;
        }
        let code = o["area"].as_str().unwrap_or_default().to_string();
        let obj = o.as_object_mut().expect("an observation is an object");
        // A bare value: no counts to agree with, no missing reason.
        for key in ["numerator", "denominator", "missing"] {
            obj.remove(key);
        }
        obj.insert("value".into(), json!(value_of[&code]));
    }
    let path = format!("/data/datasets/{}.json", entry.id);
    (path, data.to_string(), codes[0].clone())
}

#[derive(Debug, Deserialize)]
struct Entry {
    count: usize,
    count_text: String,
    range: String,
}

#[derive(Debug, Deserialize)]
struct Tick {
    stroke: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
struct View {
    /// Ward code → the fill of its tile.
    fills: BTreeMap<String, String>,
    entries: Vec<Entry>,
    /// The strip's spoken summary, if the strip is there.
    strip_label: Option<String>,
    ticks: Vec<Tick>,
    strip_width: f64,
}

async fn read_view(app: &App) -> View {
    let value = app
        .browser
        .execute(
            r#"
            const legend = document.querySelector(arguments[0]);
            const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
            const fills = {};
            for (const g of document.querySelectorAll('svg.tile-map g.tile[data-ward]')) {
                const p = g.querySelector('polygon');
                fills[g.getAttribute('data-ward')] = p ? p.getAttribute('fill') : '';
            }
            const entries = legend ? Array.from(legend.querySelectorAll('li.legend-class')).map((li) => ({
                count: Number(li.getAttribute('data-count')),
                count_text: clean(li.querySelector('.legend-count').textContent),
                range: clean(li.querySelector('.legend-range').textContent),
            })) : [];
            const strip = legend ? legend.querySelector('[data-testid=distribution]') : null;
            const svg = strip ? strip.querySelector('svg') : null;
            return {
                fills,
                entries,
                strip_label: strip ? strip.getAttribute('aria-label') : null,
                ticks: strip ? Array.from(strip.querySelectorAll('g.strip-tick')).map((g) => ({
                    stroke: g.querySelector('line.strip-bar').getAttribute('stroke'),
                    count: Number(g.getAttribute('data-count')),
                })) : [],
                strip_width: svg ? svg.getBoundingClientRect().width : 0,
            };
            "#,
            vec![json!(LEGEND)],
        )
        .await;
    serde_json::from_value(value).expect("the view as expected")
}

fn check(view: &View, outlier: &str, method: &str) -> Result<(), String> {
    if view.fills.len() != 175 {
        return Err(format!("{} tiles", view.fills.len()));
    }
    let fill = view.fills.get(outlier).ok_or("no outlier tile")?;
    let sharing: Vec<&String> = view
        .fills
        .iter()
        .filter(|(code, f)| *code != outlier && *f == fill)
        .map(|(code, _)| code)
        .collect();
    if !sharing.is_empty() {
        return Err(format!(
            "{method}: the outlier's fill {fill} is also on {} tiles: {sharing:?}",
            sharing.len()
        ));
    }
    let total: usize = view.entries.iter().map(|e| e.count).sum();
    if total != 175 {
        return Err(format!(
            "{method}: the legend counts {total} wards: {:?}",
            view.entries
        ));
    }
    for e in &view.entries {
        let want = if e.count == 0 {
            NO_WARDS.to_string()
        } else {
            format!("{} phường", e.count)
        };
        if e.count_text != want {
            return Err(format!("{method}: legend entry {e:?} should read {want:?}"));
        }
    }
    let first = view.entries.first().ok_or("no legend entries")?;
    if (first.range.as_str(), first.count) != ("12,5%", 1) && method != "equal" {
        return Err(format!("{method}: first class {first:?}"));
    }
    let label = view
        .strip_label
        .as_deref()
        .ok_or("no distribution strip in the legend")?;
    for part in [
        "175 phường",
        "chia thành 2 nhóm cách xa nhau",
        "12,5% (1 phường)",
        "90,0% – 100,0% (174 phường)",
    ] {
        if !label.contains(part) {
            return Err(format!(
                "{method}: the strip's label {label:?} lacks {part:?}"
            ));
        }
    }
    if view.ticks.len() != 56 || view.ticks.iter().map(|t| t.count).sum::<usize>() != 175 {
        return Err(format!("{method}: strip ticks {:?}", view.ticks));
    }
    if view.ticks[0].stroke != *fill || view.ticks[0].count != 1 {
        return Err(format!(
            "{method}: the lowest tick {:?} is not the outlier's ({fill})",
            view.ticks[0]
        ));
    }
    if view.strip_width < 100.0 {
        return Err(format!(
            "{method}: the strip is {} px wide",
            view.strip_width
        ));
    }
    Ok(())
}

#[test]
fn an_outlier_among_ties_has_a_colour_of_its_own_and_the_legend_shows_the_distribution() {
    let (path, body, outlier) = outlier_dataset();
    crate::support::run(async |app| {
        app.server.set_fault(&path, Fault::Body(body.clone()));
        open_home(app).await;
        for method in ["quantile", "equal", "jenks"] {
            if select_value(app, CLASSING).await != method {
                choose(app, CLASSING, method).await;
            }
            let what = format!("the outlier on its own with {method}");
            let view = eventually(app, &what, async || {
                let view = read_view(app).await;
                check(&view, &outlier, method)?;
                Ok(view)
            })
            .await;
            let empty = view.entries.iter().filter(|e| e.count == 0).count();
            if method == "equal" {
                // 12.5–30, three empty classes, 82.5–100: labelled, not hidden.
                assert_eq!(empty, 3, "{:?}", view.entries);
            } else {
                assert_eq!(empty, 0, "{method}: {:?}", view.entries);
            }
            println!(
                "{method}: {:?}",
                view.entries
                    .iter()
                    .map(|e| format!("{} {}", e.range, e.count_text))
                    .collect::<Vec<_>>()
            );
        }
        assert_no_console_errors(app, "with the outlier dataset").await;
    });
}
