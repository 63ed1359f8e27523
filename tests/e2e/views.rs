//! The views for officials: ward profile, comparison, districts, the
//! composite index, and time on the home view (slider, play, change map).
//!
//! Expected figures are computed here from the bundled files, independently
//! of the app (see `home_map.rs` for the rules).

use std::collections::BTreeMap;

use serde_json::json;

use crate::home_map::{
    catalogue, choose, dataset, eventually, expect, open_home, registry, select_value,
    text_content, vi_number, BADGE, LEGEND, PERIOD, TILE,
};
use crate::support::{App, WAIT};

const CHART_READY: &str = r#"[data-testid="chart"][data-chart-ready="true"]"#;
const PROFILE_ROW: &str = "table.profile tbody tr[data-indicator]";
const SYNTHETIC_TEXT: &str = "Dữ liệu minh họa";
/// Hàng Bồ, Hoàn Kiếm.
const HANG_BO: &str = "00052";

/// The six group-score datasets of the composite, in the 766 order.
const DEFAULT_WEIGHTS: [f64; 6] = [18.0, 20.0, 12.0, 10.0, 18.0, 22.0];
const GROUP_SCORES: [&str; 6] = [
    "synthetic-transparency-score",
    "synthetic-timeliness-score",
    "synthetic-online-services-score",
    "synthetic-online-payment-score",
    "synthetic-satisfaction-score",
    "synthetic-digitisation-score",
];

fn ward_entries() -> Vec<&'static crate::home_map::CatalogueEntry> {
    catalogue()
        .datasets
        .iter()
        .filter(|d| d.level == "ward")
        .collect()
}

/// The text of every cell of the rows matching `css`, keyed by `key_attr`.
async fn cells_by(app: &App, css: &str, key_attr: &str) -> BTreeMap<String, Vec<String>> {
    let value = app
        .browser
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).map((tr) => [
                 tr.getAttribute(arguments[1]),
                 Array.from(tr.children).map((c) => c.textContent.replace(/\\s+/g, ' ').trim()),
             ]);",
            vec![json!(css), json!(key_attr)],
        )
        .await;
    serde_json::from_value::<Vec<(String, Vec<String>)>>(value)
        .expect("rows as [key, cells]")
        .into_iter()
        .collect()
}

async fn path_and_query(app: &App) -> String {
    app.browser
        .execute("return location.pathname + location.search;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Sets a range input as a person dragging it would (an `input` event).
async fn slide(app: &App, css: &str, value: u32) {
    app.browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             el.value = String(arguments[1]);
             el.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(css), json!(value)],
        )
        .await;
}

#[test]
fn ward_profile_shows_every_indicator_with_ranks_trends_and_sources() {
    crate::support::run(async |app| {
        app.open(&format!("/ward/{HANG_BO}")).await;
        let entries = ward_entries();
        app.browser
            .wait_for_count(PROFILE_ROW, entries.len(), WAIT)
            .await;
        assert!(
            text_content(app, r#"[data-testid="ward-name"]"#)
                .await
                .contains("Hàng Bồ"),
            "the heading names the ward"
        );
        assert!(
            text_content(app, BADGE).await.contains(SYNTHETIC_TEXT),
            "illustrative data is labelled on the profile"
        );
        let rows = cells_by(app, PROFILE_ROW, "data-indicator").await;
        // Columns: indicator, period, value, city rank, district rank,
        // percentile, change, provenance.
        let hoan_kiem = registry()
            .wards
            .iter()
            .filter(|w| w.district == "002")
            .count();
        for id in GROUP_SCORES {
            let data = dataset(id);
            let latest = data.periods.last().expect("periods");
            let exp = expect(&data, latest);
            let ward = exp.get(HANG_BO);
            let cells = &rows[id];
            assert_eq!(cells[7], "minh họa", "{id}: provenance tag");
            let Some(position) = ward.position else {
                // A missing value says why, and has no rank.
                assert!(
                    cells[2]
                        .to_lowercase()
                        .starts_with(&ward.display.to_lowercase()),
                    "{id}: {:?} should say {:?}",
                    cells[2],
                    ward.display
                );
                assert_eq!(cells[3], "—", "{id}: no city rank without a value");
                continue;
            };
            assert!(
                cells[2].starts_with(&ward.display),
                "{id}: value {:?} should start with {:?}",
                cells[2],
                ward.display
            );
            let city_rank = cells[3].trim_start_matches('=');
            assert_eq!(
                city_rank,
                format!("{position}/{}", exp.ranked),
                "{id}: city rank"
            );
            let (_, of) = cells[4].split_once('/').expect("district rank n/of");
            assert!(
                of.parse::<usize>().expect("a count") <= hoan_kiem,
                "{id}: district rank counts only Hoàn Kiếm's wards: {}",
                cells[4]
            );
        }
        // A trend chart for every indicator with more than one period.
        let multi = entries.iter().filter(|e| e.periods.len() > 1).count();
        assert_eq!(app.browser.count("figure.trend").await, multi);
        app.browser.wait_for(CHART_READY, WAIT).await;
        assert!(
            text_content(app, r#"[data-testid="sources"]"#)
                .await
                .contains("illustrative generator"),
            "sources listed"
        );
        // Back to the map with the ward selected.
        app.browser
            .wait_for(r#"a[data-testid="back-to-map"]"#, WAIT)
            .await
            .click()
            .await
            .expect("click the map link");
        let tile = format!(r#"{TILE}[data-ward="{HANG_BO}"][aria-pressed="true"]"#);
        app.browser.wait_for(&tile, WAIT).await;

        // An unknown code is a clear message, not a blank page.
        app.open("/ward/99999").await;
        app.browser
            .wait_for(r#"[data-testid="unknown-ward"]"#, WAIT)
            .await;
    });
}

#[test]
fn compare_three_wards_across_groups_and_periods() {
    crate::support::run(async |app| {
        app.open("/compare?wards=00052,00001,00004,nope").await;
        app.browser
            .wait_for_count(r#"[data-testid="compared-wards"] li.chip"#, 3, WAIT)
            .await;
        assert!(
            text_content(app, r#"[data-testid="dropped-params"]"#)
                .await
                .contains("nope"),
            "an unknown code is dropped with a quiet notice"
        );
        assert!(text_content(app, BADGE).await.contains(SYNTHETIC_TEXT));
        app.browser.wait_for(CHART_READY, WAIT).await;

        // The composite row equals the sum of the six group scores (default
        // weights), for each ward, in the chosen period.
        let check_composite = async |period: &str| {
            let rows = cells_by(app, "table.compare-table tbody tr", "data-indicator").await;
            let composite = &rows["composite"];
            for (column, code) in ["00052", "00001", "00004"].iter().enumerate() {
                let scores: Option<Vec<f64>> = GROUP_SCORES
                    .iter()
                    .map(|id| {
                        dataset(id)
                            .values
                            .iter()
                            .find(|o| o.area == *code && o.period == period)
                            .and_then(|o| o.value)
                    })
                    .collect();
                let cell = &composite[column + 1];
                match scores {
                    Some(scores) => {
                        let expected = vi_number(scores.iter().sum(), 1);
                        assert!(
                            cell.starts_with(&format!("{expected}/100")),
                            "composite of {code} in {period}: {cell:?}, expected {expected}"
                        );
                    }
                    // The stated rule: no composite when a weighted group is missing.
                    None => assert_eq!(cell, "thiếu thành phần", "{code} in {period}"),
                }
            }
        };
        let periods = dataset(GROUP_SCORES[0]).periods;
        let latest = periods.last().expect("periods").clone();
        let first = periods.first().expect("periods").clone();
        check_composite(&latest).await;
        choose(app, "select#compare-period", &first).await;
        eventually(app, "the table to show the first period", async || {
            let rows = cells_by(app, "table.compare-table tbody tr", "data-indicator").await;
            let label = rows
                .get(GROUP_SCORES[0])
                .map(|r| r[0].clone())
                .unwrap_or_default();
            label.contains("Quý 3/2021").then_some(()).ok_or(label)
        })
        .await;
        check_composite(&first).await;

        // Remove one ward, then add another by searching without diacritics.
        app.browser
            .wait_for(r#"li.chip[data-ward="00001"] button.chip-remove"#, WAIT)
            .await
            .click()
            .await
            .expect("remove a ward");
        eventually(app, "the URL to lose 00001", async || {
            let url = path_and_query(app).await;
            (url == "/compare?wards=00052,00004")
                .then_some(())
                .ok_or(url)
        })
        .await;
        // Search without diacritics: "phuc xa" finds Phúc Xá.
        crate::support::keys::type_into(&app.browser, "input#compare-search", "phuc xa").await;
        app.browser
            .wait_for(r#".ward-search-results button[data-pick="00001"]"#, WAIT)
            .await
            .click()
            .await
            .expect("pick Phúc Xá");
        eventually(app, "the URL to gain 00001", async || {
            let url = path_and_query(app).await;
            (url == "/compare?wards=00052,00004,00001")
                .then_some(())
                .ok_or(url)
        })
        .await;
        app.browser
            .wait_for_count(r#"[data-testid="compared-wards"] li.chip"#, 3, WAIT)
            .await;
    });
}

#[test]
fn districts_are_ranked_and_a_district_page_ranks_its_wards() {
    crate::support::run(async |app| {
        app.open("/districts").await;
        app.browser
            .wait_for_count("table.district-ranking tbody tr[data-district]", 13, WAIT)
            .await;
        assert!(text_content(app, BADGE).await.contains(SYNTHETIC_TEXT));
        assert!(
            text_content(app, r#"[data-testid="aggregation-method"]"#)
                .await
                .to_lowercase()
                .contains("trung vị"),
            "the aggregation method is stated"
        );
        // Ba Đình's median of the default indicator, computed here.
        let id = &ward_entries()[0].id;
        let data = dataset(id);
        let latest = data.periods.last().expect("periods").clone();
        let mut values: Vec<f64> = registry()
            .wards
            .iter()
            .filter(|w| w.district == "001")
            .filter_map(|w| {
                data.values
                    .iter()
                    .find(|o| o.area == w.code && o.period == latest)
                    .and_then(|o| o.value)
            })
            .collect();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        };
        let rows = cells_by(app, "table.district-ranking tbody tr", "data-district").await;
        let expected = vi_number(median, data.number_format.decimals);
        assert!(
            rows["001"][2].starts_with(&expected),
            "Ba Đình median {:?}, expected {expected}",
            rows["001"][2]
        );
        // Ranks are 1..=13 in table order.
        let first: Vec<String> = rows.values().map(|r| r[0].clone()).collect();
        assert!(first.iter().any(|r| r == "1"), "{first:?}");

        app.open("/district/001").await;
        let ba_dinh = registry()
            .wards
            .iter()
            .filter(|w| w.district == "001")
            .count();
        app.browser
            .wait_for_count(
                r#"table[data-testid="district-wards"] tbody tr[data-ward]"#,
                ba_dinh,
                WAIT,
            )
            .await;
        assert!(text_content(app, r#"[data-testid="district-name"]"#)
            .await
            .contains("Ba Đình"));
        assert!(text_content(app, BADGE).await.contains(SYNTHETIC_TEXT));
        let wards = cells_by(
            app,
            r#"table[data-testid="district-wards"] tbody tr"#,
            "data-ward",
        )
        .await;
        assert!(wards.values().any(|cells| cells[0] == "1"), "a first rank");
        for cells in wards.values() {
            if cells[3] == "—" {
                continue;
            }
            let (n, of) = cells[3].split_once('/').expect("city rank n/of");
            let n: u32 = n.trim_start_matches('=').parse().expect("a rank");
            let of: u32 = of.parse().expect("a count");
            assert!(n <= of && of <= 175, "city rank {}", cells[3]);
        }

        // Indicator and period are in the URL both ways.
        app.open("/district/001?v=1&indicator=synthetic-timeliness-score&period=2022-Q1")
            .await;
        eventually(app, "the linked indicator and period", async || {
            let got = (
                select_value(app, "select#district-indicator").await,
                select_value(app, "select#district-period").await,
            );
            (got.0 == "synthetic-timeliness-score" && got.1 == "2022-Q1")
                .then_some(())
                .ok_or(format!("{got:?}"))
        })
        .await;
        choose(app, "select#district-period", "2022-Q2").await;
        eventually(app, "the new period in the URL", async || {
            let url = path_and_query(app).await;
            url.contains("period=2022-Q2").then_some(()).ok_or(url)
        })
        .await;
    });
}

#[test]
fn composite_weights_change_the_ranking_and_the_formula() {
    crate::support::run(async |app| {
        app.open("/composite").await;
        app.browser
            .wait_for_count(
                r#"table[data-testid="composite-table"] tbody tr[data-ward]"#,
                175,
                WAIT,
            )
            .await;
        assert!(text_content(app, BADGE).await.contains(SYNTHETIC_TEXT));
        let period = dataset(GROUP_SCORES[0])
            .periods
            .last()
            .expect("periods")
            .clone();
        let scores: Vec<BTreeMap<String, f64>> = GROUP_SCORES
            .iter()
            .map(|id| {
                dataset(id)
                    .values
                    .into_iter()
                    .filter(|o| o.period == period)
                    .filter_map(|o| Some((o.area, o.value?)))
                    .collect()
            })
            .collect();
        // The wards whose composite (100 × Σ w·s/max ÷ Σ w, one decimal) is
        // the highest: any of them may be shown first.
        const MAX_POINTS: [f64; 6] = [18.0, 20.0, 12.0, 10.0, 18.0, 22.0];
        let best = |weights: [f64; 6]| -> Vec<String> {
            let total_weight: f64 = weights.iter().sum();
            let composite = |code: &str| -> Option<f64> {
                let mut sum = 0.0;
                for g in 0..6 {
                    if weights[g] > 0.0 {
                        sum += weights[g] * scores[g].get(code)? / MAX_POINTS[g];
                    }
                }
                Some((1000.0 * sum / total_weight).round() / 10.0)
            };
            let all: Vec<(String, f64)> = registry()
                .wards
                .iter()
                .filter_map(|w| Some((w.code.clone(), composite(&w.code)?)))
                .collect();
            let top = all.iter().map(|(_, v)| *v).fold(f64::MIN, f64::max);
            all.into_iter()
                .filter(|(_, v)| *v == top)
                .map(|(code, _)| code)
                .collect()
        };
        let top_row = async || {
            let rows = cells_by(
                app,
                r#"table[data-testid="composite-table"] tbody tr"#,
                "data-ward",
            )
            .await;
            rows.into_iter()
                .find(|(_, cells)| cells[0] == "1")
                .map(|(code, _)| code)
                .unwrap_or_default()
        };
        let top = top_row().await;
        assert!(
            best(DEFAULT_WEIGHTS).contains(&top),
            "default weights rank first {top}, expected one of {:?}",
            best(DEFAULT_WEIGHTS)
        );
        let formula = text_content(app, r#"[data-testid="formula"]"#).await;
        assert!(
            formula.contains("18") && formula.contains("22"),
            "{formula}"
        );

        // Only digitisation counts: the best digitisation score ranks first.
        for group in 0..5 {
            slide(app, &format!("input#weight-{group}"), 0).await;
        }
        let expected = best([0.0, 0.0, 0.0, 0.0, 0.0, 22.0]);
        assert!(
            !expected.iter().any(|c| best(DEFAULT_WEIGHTS).contains(c)),
            "the test needs a weighting that changes the top ward"
        );
        eventually(app, "the ranking to follow the weights", async || {
            let top = top_row().await;
            expected.contains(&top).then_some(()).ok_or(top)
        })
        .await;
        // The weights are in the URL: the link reopens the same ranking.
        let url = path_and_query(app).await;
        assert!(url.contains("weights=0%2C0%2C0%2C0%2C0%2C22"), "{url}");
        app.open(&url).await;
        eventually(app, "the linked weights' ranking", async || {
            let top = top_row().await;
            expected.contains(&top).then_some(()).ok_or(top)
        })
        .await;
        let formula = text_content(app, r#"[data-testid="formula"]"#).await;
        assert!(
            formula.contains("0"),
            "the formula shows the new weights: {formula}"
        );
        app.browser
            .wait_for(r#"button[data-testid="reset-weights"]"#, WAIT)
            .await
            .click()
            .await
            .expect("reset");
        let expected = best(DEFAULT_WEIGHTS);
        eventually(app, "the default ranking back", async || {
            let top = top_row().await;
            expected.contains(&top).then_some(()).ok_or(top)
        })
        .await;
    });
}

#[test]
fn the_timeline_plays_through_the_periods_and_the_change_map_diverges() {
    crate::support::run(async |app| {
        open_home(app).await;
        let id = &ward_entries()[0].id;
        let periods = dataset(id).periods;
        let last = periods.last().expect("periods").clone();
        assert_eq!(
            select_value(app, PERIOD).await,
            last,
            "starts at the latest period"
        );
        // Play from the end restarts at the first period and runs to the last.
        app.browser
            .wait_for(r#"button[data-testid="play"]"#, WAIT)
            .await
            .click()
            .await
            .expect("play");
        let mut seen = Vec::new();
        eventually(
            app,
            "the timeline to reach the last period and stop",
            async || {
                let period = select_value(app, PERIOD).await;
                if seen.last() != Some(&period) {
                    seen.push(period.clone());
                }
                let pressed = text_content(app, r#"button[data-testid="play"]"#).await;
                (period == last && seen.len() > 2 && pressed.contains("Chạy"))
                    .then_some(())
                    .ok_or(format!("{seen:?}, button {pressed:?}"))
            },
        )
        .await;
        assert_eq!(
            seen.first(),
            Some(&periods[0]),
            "played from the start: {seen:?}"
        );

        // The slider moves the period.
        slide(app, "input#period-slider", 1).await;
        eventually(app, "the slider to choose the second period", async || {
            let period = select_value(app, PERIOD).await;
            (period == periods[1]).then_some(()).ok_or(period)
        })
        .await;

        // The change map colours by difference from the base period.
        choose(app, "select#map-mode", "change").await;
        app.browser
            .wait_for(&format!(r#"{LEGEND}[data-mode="change"]"#), WAIT)
            .await;
        let caption = text_content(app, &format!("{LEGEND} figcaption")).await;
        assert!(caption.contains("Thay đổi so với Quý 3/2021"), "{caption}");
        assert_eq!(app.browser.count(TILE).await, 175);
    });
}
