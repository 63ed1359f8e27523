//! The home view: tile map and ranking table over the bundled data.
//!
//! Expected figures are computed here, independently of the app, from the
//! bundled files in `public/data/` (values shown with `number_format.decimals`
//! in Vietnamese format; standard competition ranks "1, 2, =2, 4" of the
//! values as shown, best first, missing values unranked and listed last).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::support::keys;
use crate::support::{App, WAIT};

pub(crate) const TILE: &str = "svg.tile-map g.tile[data-ward]";
pub(crate) const ROW: &str = "table.ranking tbody tr[data-ward]";
const OUTLINE: &str = "path.district-outline";
pub(crate) const BADGE: &str = r#"[data-testid="provenance-badge"]"#;
const INFO: &str = r#"[data-testid="indicator-info"]"#;
const TOOLTIP: &str = r#"[data-testid="tooltip"]"#;
pub(crate) const LEGEND: &str = r#"[data-testid="legend"]"#;
pub(crate) const INDICATOR: &str = "select#indicator";
pub(crate) const PERIOD: &str = "select#period";
const CLASSING: &str = "select#classing";
const SEARCH: &str = "input#ward-search";
const DISTRICT_FILTER: &str = "select#district-filter";

const MISSING_TEXT: &str = "không có dữ liệu";
const SYNTHETIC_TEXT: &str = "Dữ liệu minh họa";
/// The other indicator the tests switch to.
const OTHER: &str = "synthetic-timeliness-score";
/// An indicator whose latest period has a four-way tie at the top (100.0%).
const TIED_TOP: &str = "synthetic-online-payment-share";

// ---------------------------------------------------------------------------
// The bundled data, read from disk.

#[derive(Debug, Deserialize)]
pub(crate) struct Text {
    pub(crate) vi: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct NumberFormat {
    pub(crate) style: String,
    pub(crate) decimals: usize,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Source {
    pub(crate) name: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Observation {
    pub(crate) area: String,
    pub(crate) period: String,
    pub(crate) value: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Dataset {
    pub(crate) id: String,
    pub(crate) description: Text,
    pub(crate) unit: Text,
    pub(crate) number_format: NumberFormat,
    pub(crate) direction: String,
    pub(crate) periods: Vec<String>,
    pub(crate) source: Source,
    pub(crate) provenance: String,
    pub(crate) values: Vec<Observation>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct CatalogueEntry {
    pub(crate) id: String,
    pub(crate) level: String,
    pub(crate) periods: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Catalogue {
    pub(crate) datasets: Vec<CatalogueEntry>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RegistryDistrict {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) folded: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RegistryWard {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) district: String,
    /// Name without case or diacritics ("hang bo").
    pub(crate) folded: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct Registry {
    pub(crate) districts: Vec<RegistryDistrict>,
    pub(crate) wards: Vec<RegistryWard>,
}

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

pub(crate) fn read_json<T: serde::de::DeserializeOwned>(relative: &str) -> T {
    let path = data_dir().join(relative);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

pub(crate) fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| read_json("wards.json"))
}

pub(crate) fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| read_json("catalogue.json"))
}

pub(crate) fn dataset(id: &str) -> Dataset {
    read_json(&format!("datasets/{id}.json"))
}

/// The default indicator: the first ward-level dataset of the catalogue.
fn default_entry() -> &'static CatalogueEntry {
    catalogue()
        .datasets
        .iter()
        .find(|d| d.level == "ward")
        .expect("a ward-level dataset in the catalogue")
}

pub(crate) fn district_name(code: &str) -> &'static str {
    registry()
        .districts
        .iter()
        .find(|d| d.code == code)
        .map(|d| d.name.as_str())
        .unwrap_or_else(|| panic!("no district {code} in wards.json"))
}

// ---------------------------------------------------------------------------
// Expected figures, computed independently of the app.

/// A number in Vietnamese format: `.` groups thousands, `,` before decimals.
pub(crate) fn vi_number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('−');
    }
    let digits = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(frac) = frac_part {
        out.push(',');
        out.push_str(frac);
    }
    out
}

#[derive(Clone, Debug)]
pub(crate) struct Expected {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) district: String,
    /// The value as shown (rounded to the dataset's decimals).
    pub(crate) shown: Option<f64>,
    /// What `td.value` should read (at its start).
    pub(crate) display: String,
    /// Standard competition rank among the ranked wards.
    pub(crate) position: Option<u32>,
    /// How many wards share this position.
    pub(crate) tie_size: usize,
}

pub(crate) struct Expectation {
    pub(crate) dataset: String,
    pub(crate) period: String,
    pub(crate) ranked: usize,
    pub(crate) wards: BTreeMap<String, Expected>,
}

impl Expectation {
    pub(crate) fn get(&self, code: &str) -> &Expected {
        self.wards
            .get(code)
            .unwrap_or_else(|| panic!("ward {code} is not in the registry"))
    }

    /// Codes of the wards sharing each tied position, best first.
    fn ties(&self) -> BTreeMap<u32, Vec<String>> {
        let mut groups: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        for ward in self.wards.values() {
            if let (Some(position), true) = (ward.position, ward.tie_size > 1) {
                groups.entry(position).or_default().push(ward.code.clone());
            }
        }
        groups
    }

    /// Codes in rank order (ties in code order), then the missing ones.
    fn order(&self) -> Vec<&Expected> {
        let mut all: Vec<&Expected> = self.wards.values().collect();
        all.sort_by_key(|w| (w.position.unwrap_or(u32::MAX), w.code.clone()));
        all
    }
}

pub(crate) fn expect(data: &Dataset, period: &str) -> Expectation {
    let decimals = if data.number_format.style == "integer" {
        0
    } else {
        data.number_format.decimals
    };
    let higher_is_better = match data.direction.as_str() {
        "higher_is_better" => true,
        "lower_is_better" => false,
        other => panic!("unknown direction {other:?} in {}", data.id),
    };
    let mut values: BTreeMap<&str, f64> = BTreeMap::new();
    for obs in data.values.iter().filter(|o| o.period == period) {
        if let Some(v) = obs.value.filter(|v| v.is_finite()) {
            values.insert(obs.area.as_str(), v);
        }
    }
    let shown_of = |v: f64| -> f64 {
        format!("{v:.decimals$}")
            .parse::<f64>()
            .expect("a formatted number parses")
            + 0.0
    };
    let shown: Vec<f64> = values.values().map(|v| shown_of(*v)).collect();
    let better = |a: f64, b: f64| if higher_is_better { a > b } else { a < b };
    let mut wards = BTreeMap::new();
    for ward in &registry().wards {
        let value = values.get(ward.code.as_str()).copied();
        let shown_value = value.map(shown_of);
        let (position, tie_size) = match shown_value {
            Some(s) => (
                Some(1 + shown.iter().filter(|o| better(**o, s)).count() as u32),
                shown.iter().filter(|o| **o == s).count(),
            ),
            None => (None, 0),
        };
        let display = match value {
            None => MISSING_TEXT.to_owned(),
            Some(v) if data.number_format.style == "percent" => {
                format!("{}%", vi_number(v, decimals))
            }
            Some(v) => vi_number(v, decimals),
        };
        wards.insert(
            ward.code.clone(),
            Expected {
                code: ward.code.clone(),
                name: ward.name.clone(),
                district: district_name(&ward.district).to_owned(),
                shown: shown_value,
                display,
                position,
                tie_size,
            },
        );
    }
    Expectation {
        dataset: data.id.clone(),
        period: period.to_owned(),
        ranked: shown.len(),
        wards,
    }
}

// ---------------------------------------------------------------------------
// Reading the page.

#[derive(Clone, Debug, Deserialize)]
struct Row {
    code: String,
    rank: Option<String>,
    name: Option<String>,
    district: Option<String>,
    value: Option<String>,
    selected: Option<String>,
    visible: bool,
}

#[derive(Clone, Debug, Deserialize)]
struct Tile {
    code: String,
    class: Option<String>,
    fill: Option<String>,
    pressed: Option<String>,
    tabindex: Option<String>,
    label: Option<String>,
    role: Option<String>,
    x: f64,
    y: f64,
    w: f64,
}

#[derive(Clone, Copy, Debug, Deserialize)]
struct Rect {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

/// Every row of the ranking table, in page order (hidden ones flagged).
async fn read_rows(app: &App) -> Vec<Row> {
    let value = app
        .browser
        .execute(
            r#"
            const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
            return Array.from(document.querySelectorAll(arguments[0])).map((tr) => {
                const cell = (c) => {
                    // The name may be a row header (<th scope="row">).
                    const td = tr.querySelector('td.' + c + ', th.' + c);
                    return td ? clean(td.textContent) : null;
                };
                return {
                    code: tr.getAttribute('data-ward'),
                    rank: cell('rank'),
                    name: cell('name'),
                    district: cell('district'),
                    value: cell('value'),
                    selected: tr.getAttribute('aria-selected'),
                    visible: tr.getClientRects().length > 0,
                };
            });
            "#,
            vec![json!(ROW)],
        )
        .await;
    serde_json::from_value(value).expect("rows as expected")
}

async fn visible_rows(app: &App) -> Vec<Row> {
    read_rows(app)
        .await
        .into_iter()
        .filter(|r| r.visible)
        .collect()
}

/// Every tile of the map, with its centre and width on screen.
async fn read_tiles(app: &App) -> Vec<Tile> {
    let value = app
        .browser
        .execute(
            r#"
            return Array.from(document.querySelectorAll(arguments[0])).map((g) => {
                const p = g.querySelector('polygon');
                const r = g.getBoundingClientRect();
                return {
                    code: g.getAttribute('data-ward'),
                    class: g.getAttribute('data-class'),
                    fill: p ? p.getAttribute('fill') : null,
                    pressed: g.getAttribute('aria-pressed'),
                    tabindex: g.getAttribute('tabindex'),
                    label: g.getAttribute('aria-label'),
                    role: g.getAttribute('role'),
                    x: r.left + r.width / 2,
                    y: r.top + r.height / 2,
                    w: r.width,
                };
            });
            "#,
            vec![json!(TILE)],
        )
        .await;
    serde_json::from_value(value).expect("tiles as expected")
}

async fn rect(app: &App, css: &str) -> Rect {
    let value = app
        .browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             if (!el) { return null; }
             const r = el.getBoundingClientRect();
             return {left: r.left, top: r.top, width: r.width, height: r.height};",
            vec![json!(css)],
        )
        .await;
    serde_json::from_value(value).unwrap_or_else(|e| panic!("no rectangle for `{css}`: {e}"))
}

/// The DOM text of the first element matching `css`, whitespace collapsed.
/// (Not WebDriver's rendered text: CSS `text-transform` would change it.)
pub(crate) async fn text_content(app: &App, css: &str) -> String {
    let value = app
        .browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             return el ? el.textContent.replace(/\\s+/g, ' ').trim() : null;",
            vec![json!(css)],
        )
        .await;
    value
        .as_str()
        .unwrap_or_else(|| panic!("no element `{css}`"))
        .to_owned()
}

pub(crate) async fn select_value(app: &App, css: &str) -> String {
    app.browser
        .execute(
            "const el = document.querySelector(arguments[0]); return el ? el.value : null;",
            vec![json!(css)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Chooses an option by value, as a person would (clicking the option).
pub(crate) async fn choose(app: &App, css: &str, value: &str) {
    app.browser
        .wait_for(css, WAIT)
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choose {value:?} in `{css}`: {e}"));
}

/// Polls `probe` until it succeeds; fails with its last complaint.
pub(crate) async fn eventually<T>(
    app: &App,
    what: &str,
    mut probe: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        let last = match probe().await {
            Ok(value) => return value,
            Err(e) => e,
        };
        if Instant::now() >= deadline {
            panic!(
                "timed out after {WAIT:?} waiting for {what}: {last}\n{}",
                app.browser.describe().await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Opens the home page and waits for the map and the table.
pub(crate) async fn open_home(app: &App) {
    app.open("/").await;
    app.browser.wait_for_count(TILE, 175, WAIT).await;
    app.browser.wait_for_count(ROW, 175, WAIT).await;
}

pub(crate) async fn assert_no_console_errors(app: &App, context: &str) {
    let errors = app.browser.console_errors().await;
    assert!(errors.is_empty(), "console errors {context}: {errors:#?}");
}

// ---------------------------------------------------------------------------
// Checks of the table and the map against an expectation.

/// Whether a cell reads `expected`, possibly followed by a mark (e.g. a
/// provisional flag or a unit after a space) but not by more digits.
fn shows(text: &str, expected: &str) -> bool {
    text.strip_prefix(expected).is_some_and(|rest| {
        !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == ',')
    })
}

fn is_dash(text: &str) -> bool {
    matches!(text.trim(), "–" | "—" | "-" | "")
}

/// The rows (in page order) show the expected values and ranks; with `sorted`,
/// they are in the default order (rank ascending, missing last) and the first
/// of each tied group reads "n", the others "=n".
fn check_rows(rows: &[Row], exp: &Expectation, sorted: bool) -> Result<(), String> {
    let context = format!("{} {}", exp.dataset, exp.period);
    let mut previous: Option<u32> = None;
    let mut missing_seen = false;
    for (i, row) in rows.iter().enumerate() {
        let want = exp
            .wards
            .get(&row.code)
            .ok_or_else(|| format!("row {i}: unknown ward {:?}", row.code))?;
        let rank = row.rank.clone().unwrap_or_default();
        let value = row.value.clone().unwrap_or_default();
        let name = row.name.clone().unwrap_or_default();
        let district = row.district.clone().unwrap_or_default();
        if !name.contains(&want.name) {
            return Err(format!(
                "row {}: td.name {name:?}, want {:?}",
                row.code, want.name
            ));
        }
        if !district.contains(&want.district) {
            return Err(format!(
                "row {}: td.district {district:?}, want {:?}",
                row.code, want.district
            ));
        }
        if !shows(&value, &want.display) {
            return Err(format!(
                "{context}: row {} ({}): td.value {value:?}, want {:?}",
                row.code, want.name, want.display
            ));
        }
        match want.position {
            None => {
                if !is_dash(&rank) {
                    return Err(format!(
                        "{context}: row {} has no value but td.rank {rank:?} (want \"–\")",
                        row.code
                    ));
                }
                missing_seen = true;
            }
            Some(position) => {
                let number = rank.trim_start_matches('=');
                if number.parse::<u32>().ok() != Some(position) {
                    return Err(format!(
                        "{context}: row {} ({}, {}): td.rank {rank:?}, want position {position}",
                        row.code, want.name, want.display
                    ));
                }
                if sorted {
                    if missing_seen {
                        return Err(format!(
                            "{context}: ranked row {} (row {i}) comes after a missing value",
                            row.code
                        ));
                    }
                    if previous.is_some_and(|p| p > position) {
                        return Err(format!(
                            "{context}: row {i} ({}) has rank {rank} after rank {previous:?}",
                            row.code
                        ));
                    }
                    let repeat = previous == Some(position);
                    if repeat != rank.starts_with('=') {
                        return Err(format!(
                            "{context}: row {i} ({}) reads {rank:?}: the first row of a position \
                             reads \"n\", later tied rows \"=n\"",
                            row.code
                        ));
                    }
                    previous = Some(position);
                }
            }
        }
    }
    Ok(())
}

/// Every ward has one row, in the default order, with the expected figures.
fn check_table(rows: &[Row], exp: &Expectation) -> Result<(), String> {
    if rows.len() != 175 {
        return Err(format!("{} rows, want 175", rows.len()));
    }
    let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    if codes.len() != 175 {
        return Err("a ward has two rows".into());
    }
    check_rows(rows, exp, true)
}

/// Tiles: one per ward; missing ↔ class "none" ↔ hatch; a colour per class;
/// classes ordered like the values shown and equal for equal values; one
/// tile in the tab order.
fn check_tiles(tiles: &[Tile], exp: &Expectation) -> Result<(), String> {
    let context = format!("{} {}", exp.dataset, exp.period);
    if tiles.len() != 175 {
        return Err(format!("{} tiles, want 175", tiles.len()));
    }
    let codes: BTreeSet<&str> = tiles.iter().map(|t| t.code.as_str()).collect();
    let registered: BTreeSet<&str> = exp.wards.keys().map(String::as_str).collect();
    if codes != registered {
        return Err("the tiles' data-ward codes are not the registry's 175 codes".into());
    }
    let mut fill_of_class: BTreeMap<u32, String> = BTreeMap::new();
    let mut classed: Vec<(f64, u32, &str)> = Vec::new();
    for tile in tiles {
        let want = exp.get(&tile.code);
        let class = tile.class.as_deref().unwrap_or("");
        let fill = tile.fill.as_deref().unwrap_or("");
        match want.shown {
            None => {
                if class != "none" || fill != "url(#hatch)" {
                    return Err(format!(
                        "{context}: tile {} has no value: data-class {class:?} fill {fill:?}, \
                         want \"none\" and \"url(#hatch)\"",
                        tile.code
                    ));
                }
            }
            Some(shown) => {
                let index: u32 = class.parse().map_err(|_| {
                    format!(
                        "{context}: tile {} (value {shown}) has data-class {class:?}",
                        tile.code
                    )
                })?;
                let is_colour = fill.len() == 7
                    && fill.starts_with('#')
                    && fill[1..].bytes().all(|b| b.is_ascii_hexdigit());
                if !is_colour {
                    return Err(format!(
                        "{context}: tile {} fill {fill:?} is not #rrggbb",
                        tile.code
                    ));
                }
                let known = fill_of_class
                    .entry(index)
                    .or_insert_with(|| fill.to_ascii_lowercase());
                if *known != fill.to_ascii_lowercase() {
                    return Err(format!(
                        "{context}: class {index} is drawn both {known} and {fill}"
                    ));
                }
                classed.push((shown, index, tile.code.as_str()));
            }
        }
        if tile.role.as_deref() != Some("button") {
            return Err(format!("tile {} role {:?}", tile.code, tile.role));
        }
        if !matches!(tile.pressed.as_deref(), Some("true" | "false")) {
            return Err(format!(
                "tile {} aria-pressed {:?}",
                tile.code, tile.pressed
            ));
        }
        let label = tile.label.as_deref().unwrap_or("");
        if !label.contains(&want.name) {
            return Err(format!(
                "tile {} aria-label {label:?} lacks the name {:?}",
                tile.code, want.name
            ));
        }
    }
    let fills: BTreeSet<&String> = fill_of_class.values().collect();
    if fills.len() != fill_of_class.len() {
        return Err(format!(
            "{context}: two classes share a colour: {fill_of_class:?}"
        ));
    }
    // Sorted by value, classes never go back (in one direction or the other).
    classed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rising = classed.windows(2).all(|w| w[0].1 <= w[1].1);
    let falling = classed.windows(2).all(|w| w[0].1 >= w[1].1);
    if !rising && !falling {
        let sample: Vec<_> = classed.iter().step_by(10).collect();
        return Err(format!(
            "{context}: classes are not ordered like the values (value, class, ward): {sample:?}"
        ));
    }
    for pair in classed.windows(2) {
        if pair[0].0 == pair[1].0 && pair[0].1 != pair[1].1 {
            return Err(format!(
                "{context}: equal values {} in different classes: {pair:?}",
                pair[0].0
            ));
        }
    }
    let in_tab_order = tiles
        .iter()
        .filter(|t| t.tabindex.as_deref() == Some("0"))
        .count();
    if in_tab_order != 1 {
        return Err(format!(
            "{in_tab_order} tiles have tabindex=\"0\" (roving tabindex: want exactly 1)"
        ));
    }
    if let Some(t) = tiles
        .iter()
        .find(|t| !matches!(t.tabindex.as_deref(), Some("0" | "-1")))
    {
        return Err(format!("tile {} tabindex {:?}", t.code, t.tabindex));
    }
    Ok(())
}

/// Waits until the map and the table show `exp`.
async fn wait_for_view(app: &App, exp: &Expectation) -> (Vec<Row>, Vec<Tile>) {
    let what = format!("the map and table of {} {}", exp.dataset, exp.period);
    eventually(app, &what, async || {
        let rows = read_rows(app).await;
        check_table(&rows, exp)?;
        let tiles = read_tiles(app).await;
        check_tiles(&tiles, exp)?;
        Ok((rows, tiles))
    })
    .await
}

async fn check_legend(app: &App, tiles: &[Tile]) {
    app.browser.wait_for(LEGEND, WAIT).await;
    let classes = app
        .browser
        .count(&format!("{LEGEND} li.legend-class"))
        .await;
    let used: BTreeSet<u32> = tiles
        .iter()
        .filter_map(|t| t.class.as_deref()?.parse().ok())
        .collect();
    assert!(classes >= 2, "legend classes: {classes}");
    assert!(
        used.iter().all(|c| (*c as usize) < classes),
        "tiles use classes {used:?} but the legend has {classes}"
    );
    let missing = text_content(app, &format!("{LEGEND} li.legend-missing")).await;
    assert!(
        missing.contains(MISSING_TEXT),
        "legend-missing reads {missing:?}"
    );
}

// ---------------------------------------------------------------------------
// Tests.

/// 1. The default view: 175 tiles and rows, 13 outlines, the synthetic badge.
#[test]
fn home_map_and_table_show_175_wards() {
    crate::support::run(async |app| {
        open_home(app).await;
        let entry = default_entry();
        let period = entry.periods.last().expect("periods");
        let data = dataset(&entry.id);
        assert_eq!(
            data.provenance, "synthetic",
            "the default dataset is illustrative"
        );
        let exp = expect(&data, period);

        app.browser.wait_for_count(OUTLINE, 13, WAIT).await;
        assert_eq!(
            select_value(app, INDICATOR).await,
            entry.id,
            "default indicator"
        );
        assert_eq!(select_value(app, PERIOD).await, *period, "default period");
        assert_eq!(
            select_value(app, CLASSING).await,
            "quantile",
            "default classing"
        );

        let badge = app.browser.wait_for(BADGE, WAIT).await;
        assert!(badge.is_displayed().await.unwrap_or(false), "badge hidden");
        let badge_text = text_content(app, BADGE).await;
        assert!(
            badge_text.contains(SYNTHETIC_TEXT),
            "provenance badge reads {badge_text:?}"
        );

        let (rows, tiles) = wait_for_view(app, &exp).await;
        assert!(rows.iter().all(|r| r.visible), "all 175 rows are shown");
        check_legend(app, &tiles).await;

        // Menus: the groups, the periods of the indicator, the three classings.
        let menus = app
            .browser
            .execute(
                r#"
                const values = (css) => Array.from(document.querySelectorAll(css)).map((o) => o.value);
                return {
                    groups: Array.from(document.querySelectorAll('select#indicator optgroup'))
                        .map((g) => g.getAttribute('label')),
                    indicators: values('select#indicator option'),
                    periods: values('select#period option'),
                    classings: values('select#classing option'),
                };
                "#,
                vec![],
            )
            .await;
        println!("menus: {menus}");
        let list = |key: &str| -> BTreeSet<String> {
            menus[key]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert!(
            list("groups").len() >= 6,
            "select#indicator should group options by the six 766 groups: {menus}"
        );
        for id in [entry.id.as_str(), OTHER, TIED_TOP] {
            assert!(list("indicators").contains(id), "no option {id}: {menus}");
        }
        let periods: BTreeSet<String> = entry.periods.iter().cloned().collect();
        assert_eq!(list("periods"), periods, "select#period options");
        let classings: BTreeSet<String> = ["quantile", "equal", "jenks"]
            .map(str::to_owned)
            .into_iter()
            .collect();
        assert_eq!(list("classings"), classings, "select#classing options");

        assert_no_console_errors(app, "on the home page").await;
    });
}

/// 2. Values and ranks computed from the bundled JSON; switching indicator
///    recolours the map and re-ranks the table.
#[test]
fn values_and_ranks_follow_the_data_and_the_indicator() {
    crate::support::run(async |app| {
        open_home(app).await;
        let default = dataset(&default_entry().id);
        let period = default.periods.last().expect("periods").clone();
        let exp = expect(&default, &period);
        let (rows, tiles_before) = wait_for_view(app, &exp).await;

        // Spot checks, spelled out.
        let order = exp.order();
        let first = order[0];
        assert_eq!(
            rows[0].code, first.code,
            "first row (best {})",
            first.display
        );
        assert_eq!(rows[0].rank.as_deref(), Some("1"));
        assert!(shows(
            rows[0].value.as_deref().unwrap_or(""),
            &first.display
        ));
        for code in ["00001", "00052", order[10].code.as_str()] {
            let want = exp.get(code);
            let row = rows.iter().find(|r| r.code == code).expect("row");
            println!(
                "{code} {}: td.value {:?} td.rank {:?} (want {} / {:?})",
                want.name, row.value, row.rank, want.display, want.position
            );
        }
        let info = text_content(app, INFO).await;
        for part in [&default.unit.vi, &default.source.name] {
            assert!(
                info.contains(part.as_str()),
                "indicator-info {info:?} lacks {part:?}"
            );
        }
        let definition: String = default.description.vi.chars().take(40).collect();
        assert!(
            info.contains(&definition),
            "indicator-info {info:?} lacks the definition {:?}",
            default.description.vi
        );

        // Switch indicator.
        let other = dataset(OTHER);
        choose(app, INDICATOR, OTHER).await;
        let period_after = eventually(app, "select#period to offer the new periods", async || {
            let p = select_value(app, PERIOD).await;
            if other.periods.contains(&p) {
                Ok(p)
            } else {
                Err(format!("select#period = {p:?}"))
            }
        })
        .await;
        println!("period after switching to {OTHER}: {period_after}");
        let exp_other = expect(&other, &period_after);
        let (rows_after, tiles_after) = wait_for_view(app, &exp_other).await;
        assert_eq!(rows_after[0].code, exp_other.order()[0].code);
        let before: BTreeMap<&str, &str> = tiles_before
            .iter()
            .map(|t| (t.code.as_str(), t.fill.as_deref().unwrap_or("")))
            .collect();
        let changed = tiles_after
            .iter()
            .filter(|t| before.get(t.code.as_str()).copied() != t.fill.as_deref())
            .count();
        println!("tiles recoloured by the switch: {changed}/175");
        assert!(changed >= 60, "only {changed} tiles changed colour");
        let moved = rows
            .iter()
            .zip(&rows_after)
            .filter(|(a, b)| a.code != b.code)
            .count();
        assert!(moved >= 100, "only {moved} rows changed place");

        let info = text_content(app, INFO).await;
        assert!(
            info.contains(&other.unit.vi),
            "indicator-info {info:?} lacks the unit"
        );
        let badge = text_content(app, BADGE).await;
        assert!(
            badge.contains(SYNTHETIC_TEXT),
            "badge after the switch: {badge:?}"
        );

        // The other classings keep classes ordered and ties together.
        for method in ["equal", "jenks", "quantile"] {
            choose(app, CLASSING, method).await;
            let what = format!("tiles classed by {method}");
            let tiles = eventually(app, &what, async || {
                let tiles = read_tiles(app).await;
                check_tiles(&tiles, &exp_other).map(|()| tiles)
            })
            .await;
            let classes: BTreeSet<&str> = tiles.iter().filter_map(|t| t.class.as_deref()).collect();
            println!("{method}: classes {classes:?}");
            check_legend(app, &tiles).await;
        }
        assert_no_console_errors(app, "after switching indicator and classing").await;
    });
}

/// 3. Ties: equal shown values share a position, "n" then "=n".
#[test]
fn tied_values_share_a_rank() {
    crate::support::run(async |app| {
        open_home(app).await;
        let default = dataset(&default_entry().id);
        let exp = expect(&default, default.periods.last().expect("periods"));
        wait_for_view(app, &exp).await;
        check_tie_labels(&read_rows(app).await, &exp);

        let tied = dataset(TIED_TOP);
        choose(app, INDICATOR, TIED_TOP).await;
        let period = eventually(app, "a period of the tied indicator", async || {
            let p = select_value(app, PERIOD).await;
            if tied.periods.contains(&p) {
                Ok(p)
            } else {
                Err(format!("select#period = {p:?}"))
            }
        })
        .await;
        let exp = expect(&tied, &period);
        let (rows, _) = wait_for_view(app, &exp).await;
        check_tie_labels(&rows, &exp);
        let top = exp.ties().get(&1).cloned().unwrap_or_default();
        if top.len() > 1 {
            let labels: Vec<&str> = rows[..top.len()]
                .iter()
                .map(|r| r.rank.as_deref().unwrap_or(""))
                .collect();
            println!("{TIED_TOP} {period}: top ranks {labels:?}");
            let mut want = vec!["1"];
            want.extend(std::iter::repeat_n("=1", top.len() - 1));
            assert_eq!(labels, want, "ranks of the {} wards tied first", top.len());
            let next = rows[top.len()].rank.as_deref().unwrap_or("");
            assert_eq!(
                next,
                (top.len() + 1).to_string(),
                "the rank after a {}-way tie at 1",
                top.len()
            );
        }
        assert_no_console_errors(app, "after choosing the tied indicator").await;
    });
}

fn check_tie_labels(rows: &[Row], exp: &Expectation) {
    let ties = exp.ties();
    assert!(
        !ties.is_empty(),
        "{} {} has no tie: pick other data",
        exp.dataset,
        exp.period
    );
    for (position, codes) in &ties {
        let labels: Vec<&str> = codes
            .iter()
            .map(|c| {
                rows.iter()
                    .find(|r| &r.code == c)
                    .and_then(|r| r.rank.as_deref())
                    .unwrap_or("")
            })
            .collect();
        let plain = labels
            .iter()
            .filter(|l| **l == position.to_string())
            .count();
        let equal = labels
            .iter()
            .filter(|l| **l == format!("={position}"))
            .count();
        assert!(
            plain == 1 && equal == codes.len() - 1,
            "{} {}: wards {codes:?} tie at {position} ({}) but read {labels:?}",
            exp.dataset,
            exp.period,
            exp.get(&codes[0]).display
        );
    }
    println!(
        "{} {}: {} tied groups, e.g. {:?}",
        exp.dataset,
        exp.period,
        ties.len(),
        ties.iter().next()
    );
}

/// Wards whose folded "name district" contains every word of `folded`.
fn search_matches(folded: &str) -> BTreeSet<String> {
    registry()
        .wards
        .iter()
        .filter(|w| {
            let district = registry()
                .districts
                .iter()
                .find(|d| d.code == w.district)
                .map(|d| d.folded.as_str())
                .unwrap_or("");
            let key = format!("{} {district}", w.folded);
            folded.split(' ').all(|word| key.contains(word))
        })
        .map(|w| w.code.clone())
        .collect()
}

async fn search_for(app: &App, query: &str) -> Vec<Row> {
    keys::clear_field(&app.browser, SEARCH).await;
    eventually(app, "all rows after clearing the search", async || {
        let n = visible_rows(app).await.len();
        (n == 175).then_some(()).ok_or(format!("{n} rows"))
    })
    .await;
    keys::type_into(&app.browser, SEARCH, query).await;
    let field = select_value(app, SEARCH).await;
    assert_eq!(field, query, "the search field after typing");
    tokio::time::sleep(Duration::from_millis(300)).await; // a debounce, if any
    let what = format!("the rows matching {query:?}");
    eventually(app, &what, async || {
        let rows = visible_rows(app).await;
        if rows.len() < 175 {
            // Stable for a moment (a debounced filter may still be narrowing).
            tokio::time::sleep(Duration::from_millis(300)).await;
            let again = visible_rows(app).await;
            let same = again
                .iter()
                .map(|r| &r.code)
                .eq(rows.iter().map(|r| &r.code));
            return if same {
                Ok(again)
            } else {
                Err("still changing".into())
            };
        }
        Err(format!("{} rows", rows.len()))
    })
    .await
}

/// 4. Search ignores case and diacritics.
#[test]
fn search_ignores_case_and_diacritics() {
    crate::support::run(async |app| {
        open_home(app).await;
        // The app matches every word of the folded query as a substring of
        // the folded "ward district" (crates/domain/src/fold.rs `matches`), so
        // "hang bo" also finds Hàng Bông and Hàng Bột: search as you type.
        // (The brief expected Hàng Bồ alone, i.e. whole-word matching.)
        let mut results: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for (query, folded) in [
            ("hang bo", "hang bo"),
            ("HÀNG BỒ", "hang bo"),
            ("Hàng Bột", "hang bot"),
        ] {
            let rows = search_for(app, query).await;
            let codes: BTreeSet<String> = rows.iter().map(|r| r.code.clone()).collect();
            let want = search_matches(folded);
            assert_eq!(codes, want, "rows for {query:?}");
            println!("{query:?} → {codes:?}");
            results.insert(query, rows.iter().map(|r| r.code.clone()).collect());
        }
        assert!(results["hang bo"].contains(&"00052".to_owned()));
        assert_eq!(
            results["hang bo"], results["HÀNG BỒ"],
            "case and diacritics change the result"
        );
        assert_eq!(results["Hàng Bột"], ["00196"], "Hàng Bột alone");
        let rows = search_for(app, "quang trung").await;
        assert_eq!(rows.len(), 3, "rows for \"quang trung\": {rows:#?}");
        let districts: BTreeSet<&str> = rows
            .iter()
            .map(|r| r.district.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            districts.len(),
            3,
            "three different districts: {districts:?}"
        );
        for name in ["Đống Đa", "Hà Đông", "Sơn Tây"] {
            assert!(
                districts.iter().any(|d| d.contains(name)),
                "no Quang Trung in {name}: {districts:?}"
            );
        }
        keys::clear_field(&app.browser, SEARCH).await;
        eventually(app, "175 rows after clearing", async || {
            let n = visible_rows(app).await.len();
            (n == 175).then_some(()).ok_or(format!("{n} rows"))
        })
        .await;
        assert_no_console_errors(app, "after searching").await;
    });
}

/// 5. The district filter.
#[test]
fn district_filter_narrows_the_table() {
    crate::support::run(async |app| {
        open_home(app).await;
        choose(app, DISTRICT_FILTER, "002").await;
        let want: BTreeSet<&str> = registry()
            .wards
            .iter()
            .filter(|w| w.district == "002")
            .map(|w| w.code.as_str())
            .collect();
        assert_eq!(want.len(), 18);
        let rows = eventually(app, "the 18 rows of Hoàn Kiếm", async || {
            let rows = visible_rows(app).await;
            (rows.len() == 18)
                .then_some(rows.clone())
                .ok_or(format!("{} rows", rows.len()))
        })
        .await;
        let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, want, "wards shown for district 002");
        for row in &rows {
            let district = row.district.as_deref().unwrap_or("");
            assert!(district.contains("Hoàn Kiếm"), "{}: {district:?}", row.code);
        }
        // Ranks stay the ranks among all 175 wards (not renumbered 1..18)?
        // Print only: the contract does not say.
        let ranks: Vec<&str> = rows
            .iter()
            .map(|r| r.rank.as_deref().unwrap_or(""))
            .collect();
        println!("ranks shown with the Hoàn Kiếm filter: {ranks:?}");

        choose(app, DISTRICT_FILTER, "").await;
        eventually(app, "175 rows again", async || {
            let n = visible_rows(app).await.len();
            (n == 175).then_some(()).ok_or(format!("{n} rows"))
        })
        .await;
        assert_no_console_errors(app, "after filtering by district").await;
    });
}

fn tile_css(code: &str) -> String {
    format!(r#"svg.tile-map g.tile[data-ward="{code}"]"#)
}

fn row_css(code: &str) -> String {
    format!(r#"table.ranking tbody tr[data-ward="{code}"]"#)
}

/// Clicks a tile (its polygon) with a real pointer click.
async fn click_tile(app: &App, code: &str) {
    let css = format!("{} polygon", tile_css(code));
    let polygon = app.browser.wait_for(&css, WAIT).await;
    if let Err(e) = polygon.click().await {
        panic!(
            "clicking tile {code} failed (is something drawn over it, e.g. a label without \
             pointer-events: none?): {e}"
        );
    }
}

async fn attr(app: &App, css: &str, name: &str) -> Option<String> {
    app.browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             return el ? el.getAttribute(arguments[1]) : null;",
            vec![json!(css), json!(name)],
        )
        .await
        .as_str()
        .map(str::to_owned)
}

/// Where an element is: inside every scrolling ancestor (`in_box`), inside
/// the viewport (`in_viewport`), with the rectangles for messages.
async fn visibility(app: &App, css: &str) -> Value {
    app.browser
        .execute(
            r#"
            const el = document.querySelector(arguments[0]);
            if (!el) { return {in_box: false, in_viewport: false}; }
            const r = el.getBoundingClientRect();
            const out = {
                in_box: r.height > 0,
                in_viewport: r.height > 0 && r.bottom > 0 && r.top < innerHeight
                    && r.right > 0 && r.left < innerWidth,
                element: [Math.round(r.top), Math.round(r.bottom)],
                viewport: [innerWidth, innerHeight],
                boxes: [],
            };
            for (let p = el.parentElement; p; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (/(auto|scroll)/.test(s.overflowY) && p !== document.scrollingElement) {
                    const q = p.getBoundingClientRect();
                    out.boxes.push([p.className, Math.round(q.top), Math.round(q.bottom)]);
                    out.in_box = out.in_box && r.bottom > q.top && r.top < q.bottom;
                }
            }
            return out;
            "#,
            vec![json!(css)],
        )
        .await
}

async fn wait_attr(app: &App, css: &str, name: &str, want: &str) {
    let what = format!("`{css}` [{name}={want:?}]");
    eventually(app, &what, async || {
        let got = attr(app, css, name).await;
        (got.as_deref() == Some(want))
            .then_some(())
            .ok_or(format!("{name}={got:?}"))
    })
    .await;
}

/// 6. Selecting a tile selects its row and the other way round.
#[test]
fn selection_syncs_map_and_table() {
    crate::support::run(async |app| {
        app.browser.set_viewport(1280, 900).await;
        open_home(app).await;
        let default = dataset(&default_entry().id);
        let exp = expect(&default, default.periods.last().expect("periods"));
        // Contract failures that do not stop the rest of the test.
        let mut problems: Vec<String> = Vec::new();

        click_tile(app, "00052").await;
        wait_attr(app, &row_css("00052"), "aria-selected", "true").await;
        wait_attr(app, &tile_css("00052"), "aria-pressed", "true").await;
        // The app keeps the row visible in the table's own scroll box (and
        // deliberately does not scroll the page, so that the map stays put on
        // a phone) ...
        let place = eventually(app, "row 00052 scrolled into the table's box", async || {
            let v = visibility(app, &row_css("00052")).await;
            if v["in_box"].as_bool() == Some(true) {
                Ok(v)
            } else {
                Err(format!("row outside its scroll box: {v}"))
            }
        })
        .await;
        println!("row 00052 after clicking its tile: {place}");
        // ... but beside the map (desktop layout) the row must also be on screen.
        if place["in_viewport"].as_bool() != Some(true) {
            problems.push(format!(
                "clicking tile 00052 at 1280×900 leaves row 00052 outside the viewport \
                 (row top/bottom, viewport, scroll boxes: {place})"
            ));
        }
        let selected: Vec<String> = read_rows(app)
            .await
            .into_iter()
            .filter(|r| r.selected.as_deref() == Some("true"))
            .map(|r| r.code)
            .collect();
        assert_eq!(selected, ["00052"], "selected rows");

        // The tooltip of the selected ward.
        let hang_bo = exp.get("00052");
        let tooltip = eventually(app, "the tooltip of Hàng Bồ", async || {
            let shown = match app.browser.first(TOOLTIP).await {
                Some(el) => el.is_displayed().await.unwrap_or(false),
                None => false,
            };
            if !shown {
                return Err("no visible tooltip".into());
            }
            let text = text_content(app, TOOLTIP).await;
            if text.contains("Hàng Bồ") {
                Ok(text)
            } else {
                Err(format!("tooltip reads {text:?}"))
            }
        })
        .await;
        println!("tooltip: {tooltip:?}");
        let position = hang_bo.position.expect("Hàng Bồ has a value");
        for part in [
            "Hoàn Kiếm".to_owned(),
            hang_bo.display.clone(),
            "Hạng".to_owned(),
            format!("{position}/"),
        ] {
            assert!(
                tooltip.contains(&part),
                "tooltip {tooltip:?} lacks {part:?}"
            );
        }
        if !tooltip.contains(&format!("{position}/175")) {
            println!(
                "NOTE: tooltip rank is out of {} ranked wards, not /175",
                exp.ranked
            );
        }

        // Now the other way: a row selects its tile. (Centred first: WebDriver
        // would scroll it just under the sticky header, which takes the click.)
        app.browser
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
                vec![json!(row_css("00001"))],
            )
            .await;
        app.browser
            .wait_for(&format!("{} .name", row_css("00001")), WAIT)
            .await
            .click()
            .await
            .expect("click row 00001");
        wait_attr(app, &tile_css("00001"), "aria-pressed", "true").await;
        wait_attr(app, &tile_css("00052"), "aria-pressed", "false").await;
        wait_attr(app, &row_css("00001"), "aria-selected", "true").await;
        let old = attr(app, &row_css("00052"), "aria-selected").await;
        assert_ne!(old.as_deref(), Some("true"), "row 00052 still selected");
        let pressed = read_tiles(app)
            .await
            .iter()
            .filter(|t| t.pressed.as_deref() == Some("true"))
            .count();
        assert_eq!(pressed, 1, "pressed tiles");
        assert_no_console_errors(app, "after selecting").await;
        assert!(problems.is_empty(), "{problems:#?}");
    });
}

#[derive(Clone, Copy, Debug)]
enum Arrow {
    Left,
    Right,
    Up,
    Down,
}

impl Arrow {
    fn key(self) -> Key {
        match self {
            Arrow::Left => Key::Left,
            Arrow::Right => Key::Right,
            Arrow::Up => Key::Up,
            Arrow::Down => Key::Down,
        }
    }

    /// Whether `to` lies in this direction from `from` (on screen).
    fn points_to(self, from: &Tile, to: &Tile) -> bool {
        let (dx, dy, w) = (to.x - from.x, to.y - from.y, from.w.max(1.0));
        match self {
            Arrow::Right => dx > 0.25 * w,
            Arrow::Left => dx < -0.25 * w,
            Arrow::Down => dy > 0.25 * w,
            Arrow::Up => dy < -0.25 * w,
        }
    }

    /// Whether `to` is an adjacent hexagon in this direction.
    fn adjacent(self, from: &Tile, to: &Tile) -> bool {
        let (dx, dy, w) = (to.x - from.x, to.y - from.y, from.w.max(1.0));
        match self {
            Arrow::Right => dx > 0.5 * w && dx < 1.5 * w && dy.abs() < 0.3 * w,
            Arrow::Left => dx < -0.5 * w && dx > -1.5 * w && dy.abs() < 0.3 * w,
            Arrow::Down => dy > 0.4 * w && dy < 1.3 * w && dx.abs() < 0.8 * w,
            Arrow::Up => dy < -0.4 * w && dy > -1.3 * w && dx.abs() < 0.8 * w,
        }
    }
}

/// 7. Arrow keys move the focus between neighbouring tiles; Enter selects.
#[test]
fn arrow_keys_move_between_tiles_and_enter_selects() {
    crate::support::run(async |app| {
        open_home(app).await;
        assert!(
            keys::focus(&app.browser, &tile_css("00001")).await,
            "tile 00001 cannot take the focus"
        );
        let mut current = "00001".to_owned();
        let mut moves = 0;
        // Reported at the end, so that Enter is still checked.
        let mut roving: Vec<String> = Vec::new();
        let sequence = [
            Arrow::Left,
            Arrow::Left,
            Arrow::Down,
            Arrow::Down,
            Arrow::Right,
            Arrow::Right,
            Arrow::Up,
            Arrow::Left,
            Arrow::Down,
        ];
        for arrow in sequence {
            let tiles = read_tiles(app).await;
            let from = tiles
                .iter()
                .find(|t| t.code == current)
                .expect("the focused tile")
                .clone();
            let neighbour = tiles
                .iter()
                .any(|t| t.code != current && arrow.adjacent(&from, t));
            keys::press(&app.browser, arrow.key()).await;
            // Give the page a moment, then read where the focus is.
            let settled = eventually(app, "the focus on a tile", async || {
                tokio::time::sleep(Duration::from_millis(150)).await;
                if !keys::active_matches(&app.browser, "g.tile[data-ward]").await {
                    let tag = app
                        .browser
                        .execute(
                            "const a = document.activeElement; \
                             return a ? a.outerHTML.slice(0, 120) : null;",
                            vec![],
                        )
                        .await;
                    return Err(format!("after {arrow:?} the focus is on {tag}"));
                }
                keys::active_attr(&app.browser, "data-ward")
                    .await
                    .ok_or_else(|| "no data-ward".to_owned())
            })
            .await;
            println!("{current} --{arrow:?}--> {settled} (adjacent tile exists: {neighbour})");
            if settled == current {
                assert!(
                    !neighbour,
                    "{arrow:?} from {current} did not move, though a tile is next to it"
                );
                continue;
            }
            moves += 1;
            let to = tiles.iter().find(|t| t.code == settled).expect("a tile");
            assert!(
                arrow.points_to(&from, to),
                "{arrow:?} moved from {current} ({:.0},{:.0}) to {settled} ({:.0},{:.0})",
                from.x,
                from.y,
                to.x,
                to.y
            );
            // Roving tabindex: the focused tile is the one in the tab order.
            let tab = attr(app, &tile_css(&settled), "tabindex").await;
            if tab.as_deref() != Some("0") && roving.is_empty() {
                let holders: Vec<String> = read_tiles(app)
                    .await
                    .into_iter()
                    .filter(|t| t.tabindex.as_deref() == Some("0"))
                    .map(|t| t.code)
                    .collect();
                roving.push(format!(
                    "roving tabindex: after {arrow:?} the focused tile {settled} has tabindex \
                     {tab:?}; tabindex=\"0\" stays on {holders:?} (Tab away and back would not \
                     return to the focused tile)"
                ));
            }
            current = settled;
        }
        assert!(moves >= 4, "the arrows moved the focus only {moves} times");
        let in_tab_order = read_tiles(app)
            .await
            .iter()
            .filter(|t| t.tabindex.as_deref() == Some("0"))
            .count();
        assert_eq!(in_tab_order, 1, "tiles with tabindex=0");

        keys::press(&app.browser, Key::Enter).await;
        wait_attr(app, &tile_css(&current), "aria-pressed", "true").await;
        wait_attr(app, &row_css(&current), "aria-selected", "true").await;
        println!("Enter selected {current}");
        assert_no_console_errors(app, "after keyboard navigation").await;
        assert!(roving.is_empty(), "{roving:#?}");
    });
}

/// 8. Missing values: hatched tile, class "none", "không có dữ liệu", last.
#[test]
fn missing_values_are_hatched_and_listed_last() {
    crate::support::run(async |app| {
        open_home(app).await;
        let default = dataset(&default_entry().id);
        let mut periods = vec![default.periods.last().expect("periods").clone()];
        // And one earlier period with missing values of other wards.
        let latest_missing: BTreeSet<String> = missing_wards(&default, &periods[0]);
        if let Some(p) = default.periods.iter().rev().skip(1).find(|p| {
            let m = missing_wards(&default, p);
            !m.is_empty() && m != latest_missing
        }) {
            periods.push(p.clone());
        }
        for period in &periods {
            if select_value(app, PERIOD).await != *period {
                choose(app, PERIOD, period).await;
            }
            let exp = expect(&default, period);
            let missing = missing_wards(&default, period);
            assert!(!missing.is_empty(), "no missing value in {period}");
            let (rows, tiles) = wait_for_view(app, &exp).await;
            for code in &missing {
                let tile = tiles.iter().find(|t| &t.code == code).expect("tile");
                assert_eq!(
                    tile.class.as_deref(),
                    Some("none"),
                    "tile {code} data-class"
                );
                assert_eq!(
                    tile.fill.as_deref(),
                    Some("url(#hatch)"),
                    "tile {code} fill"
                );
                let row = rows.iter().find(|r| &r.code == code).expect("row");
                let value = row.value.as_deref().unwrap_or("");
                assert!(
                    value.contains(MISSING_TEXT),
                    "row {code}: td.value {value:?}"
                );
            }
            let tail: BTreeSet<String> = rows[175 - missing.len()..]
                .iter()
                .map(|r| r.code.clone())
                .collect();
            assert_eq!(tail, missing, "{period}: missing values sort last");
            println!("{period}: missing {missing:?}");
            let hatch = app
                .browser
                .count("svg.tile-map pattern#hatch, svg pattern#hatch")
                .await;
            assert!(hatch >= 1, "no <pattern id=\"hatch\"> for url(#hatch)");
        }
        assert_no_console_errors(app, "after changing period").await;
    });
}

fn missing_wards(data: &Dataset, period: &str) -> BTreeSet<String> {
    let present: BTreeSet<&str> = data
        .values
        .iter()
        .filter(|o| o.period == period && o.value.is_some_and(f64::is_finite))
        .map(|o| o.area.as_str())
        .collect();
    registry()
        .wards
        .iter()
        .filter(|w| !present.contains(w.code.as_str()))
        .map(|w| w.code.clone())
        .collect()
}

/// 9. Layout: table under the map on a phone, beside it on a desktop.
#[test]
fn layout_stacks_on_phones_and_sits_side_by_side_on_desktops() {
    crate::support::run(async |app| {
        app.browser.set_viewport(390, 844).await;
        open_home(app).await;
        let (map, table) = eventually(app, "the phone layout", async || {
            let map = rect(app, "svg.tile-map").await;
            let table = rect(app, "table.ranking").await;
            if map.width > 390.5 {
                return Err(format!("map {map:?} wider than 390"));
            }
            if table.top < map.top + map.height - 1.0 {
                return Err(format!("table {table:?} not below map {map:?}"));
            }
            Ok((map, table))
        })
        .await;
        let scroll_width = app
            .browser
            .execute("return document.documentElement.scrollWidth;", vec![])
            .await;
        println!("390×844: map {map:?}, table {table:?}, page scrollWidth {scroll_width}");

        app.browser.set_viewport(1280, 900).await;
        let (map, table) = eventually(app, "the desktop layout", async || {
            let map = rect(app, "svg.tile-map").await;
            let table = rect(app, "table.ranking").await;
            if table.left > map.left + map.width / 2.0 {
                Ok((map, table))
            } else {
                Err(format!("table {table:?} not beside map {map:?}"))
            }
        })
        .await;
        println!("1280×900: map {map:?}, table {table:?}");
        assert_no_console_errors(app, "after resizing").await;
    });
}

// ---------------------------------------------------------------------------
// 10. Measurements (printed, never asserted).

/// Installed right after navigation: records when the first coloured tile
/// appears (performance.now(), i.e. ms since navigation start).
const WATCH_MAP: &str = r#"
    const sel = 'svg.tile-map g.tile[data-class] polygon[fill]';
    const nav = performance.getEntriesByType('navigation')[0];
    const info = {
        injected: performance.now(),
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
        load: nav ? nav.loadEventEnd : null,
    };
    const drawn = () => {
        const p = document.querySelector(sel);
        return p && p.getAttribute('fill');
    };
    if (drawn()) {
        window.__e2eMapDrawn = {at: performance.now(), upperBound: true};
        return info;
    }
    const obs = new MutationObserver(() => {
        if (!window.__e2eMapDrawn && drawn()) {
            const at = performance.now();
            window.__e2eMapDrawn = {at, upperBound: false};
            obs.disconnect();
            requestAnimationFrame(() => { window.__e2eMapDrawn.frame = performance.now(); });
        }
    });
    obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
    return info;
"#;

/// Changes the indicator by script and records the first mutations of the map
/// (a fill) and of the table, and the last ones.
const CHANGE_INDICATOR: &str = r#"
    const target = arguments[0];
    const m = window.__e2eChange = {fill: null, table: null, lastFill: null, lastTable: null};
    const svg = document.querySelector('svg.tile-map');
    const table = document.querySelector('table.ranking');
    const mapRoot = svg.parentNode || svg;
    const tableRoot = table.parentNode || table;
    new MutationObserver((records) => {
        const t = performance.now();
        const relevant = records.some((r) => r.type === 'childList'
            || (r.type === 'attributes' && r.attributeName === 'fill'));
        if (relevant) {
            if (m.fill === null) { m.fill = t; }
            m.lastFill = t;
        }
    }).observe(mapRoot, {subtree: true, childList: true, attributes: true, attributeFilter: ['fill']});
    new MutationObserver(() => {
        const t = performance.now();
        if (m.table === null) { m.table = t; }
        m.lastTable = t;
    }).observe(tableRoot, {subtree: true, childList: true, characterData: true, attributes: true});
    const el = document.querySelector('select#indicator');
    m.t0 = performance.now();
    el.value = target;
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    m.dispatched = performance.now();
    return m.t0;
"#;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn number(value: &Value, key: &str) -> Option<f64> {
    value.get(key).and_then(Value::as_f64)
}

#[test]
fn measure_first_map_and_indicator_change() {
    crate::support::run(async |app| {
        let default = dataset(&default_entry().id);
        let exp_default = expect(&default, default.periods.last().expect("periods"));
        let other = dataset(OTHER);
        let exp_other = expect(&other, other.periods.last().expect("periods"));
        let (mut drawn, mut framed, mut recolour, mut rerank, mut settle_map, mut settle_table) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut upper_bounds = 0;
        for run in 1..=5 {
            app.open("/").await;
            let info = app.browser.execute(WATCH_MAP, vec![]).await;
            eventually(app, "the first coloured tile", async || {
                let mark = app
                    .browser
                    .execute("return window.__e2eMapDrawn || null;", vec![])
                    .await;
                if mark.is_null() {
                    Err("not yet".to_owned())
                } else {
                    Ok(mark)
                }
            })
            .await;
            wait_for_view(app, &exp_default).await;
            let mark = app
                .browser
                .execute("return window.__e2eMapDrawn || null;", vec![])
                .await;
            let at = number(&mark, "at").unwrap_or(f64::NAN);
            let upper = mark["upperBound"].as_bool().unwrap_or(true);
            let resources = app
                .browser
                .execute(
                    "return performance.getEntriesByType('resource')
                        .filter((e) => /\\.(json|hexjson|wasm)$/.test(new URL(e.name).pathname))
                        .map((e) => [new URL(e.name).pathname, Math.round(e.responseEnd)]);",
                    vec![],
                )
                .await;
            println!(
                "run {run}: navigation start → first coloured tile {at:.0} ms{} \
                 (next frame {:?} ms); DOMContentLoaded {:?}, load {:?}, observer at {:?}; \
                 responses at {resources}",
                if upper {
                    " (upper bound: already drawn when observed)"
                } else {
                    ""
                },
                number(&mark, "frame").map(f64::round),
                number(&info, "domContentLoaded").map(f64::round),
                number(&info, "load").map(f64::round),
                number(&info, "injected").map(f64::round),
            );
            if upper {
                upper_bounds += 1;
            }
            drawn.push(at);
            if let Some(frame) = number(&mark, "frame") {
                framed.push(frame);
            }

            let t0 = app
                .browser
                .execute(CHANGE_INDICATOR, vec![json!(OTHER)])
                .await
                .as_f64()
                .unwrap_or(f64::NAN);
            wait_for_view(app, &exp_other).await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            let m = app
                .browser
                .execute("return window.__e2eChange;", vec![])
                .await;
            let delta = |key: &str| number(&m, key).map(|t| t - t0);
            println!(
                "run {run}: indicator change → first fill change {:?} ms, first table change \
                 {:?} ms, last fill change {:?} ms, last table change {:?} ms \
                 (dispatch returned after {:?} ms)",
                delta("fill").map(f64::round),
                delta("table").map(f64::round),
                delta("lastFill").map(f64::round),
                delta("lastTable").map(f64::round),
                delta("dispatched").map(f64::round),
            );
            recolour.extend(delta("fill"));
            rerank.extend(delta("table"));
            settle_map.extend(delta("lastFill"));
            settle_table.extend(delta("lastTable"));
        }
        println!(
            "MEASURE: navigation start → first coloured tile in the DOM: median {:.0} ms over \
             {} loads ({upper_bounds} upper bounds; approximate, MutationObserver installed \
             after WebDriver's page load)",
            median(&mut drawn),
            drawn.len()
        );
        println!(
            "MEASURE: navigation start → frame after the first coloured tile: median {:.0} ms \
             ({} samples)",
            median(&mut framed),
            framed.len()
        );
        println!(
            "MEASURE: indicator change → first tile recoloured: median {:.1} ms ({} samples)",
            median(&mut recolour),
            recolour.len()
        );
        println!(
            "MEASURE: indicator change → first table row change: median {:.1} ms ({} samples)",
            median(&mut rerank),
            rerank.len()
        );
        println!(
            "MEASURE: indicator change → last map / table mutation: median {:.1} / {:.1} ms",
            median(&mut settle_map),
            median(&mut settle_table)
        );
    });
}

/// Sorting buttons toggle and `th[aria-sort]` says how the rows are sorted.
#[test]
fn sorting_by_value_toggles_and_is_announced() {
    crate::support::run(async |app| {
        open_home(app).await;
        let default = dataset(&default_entry().id);
        let exp = expect(&default, default.periods.last().expect("periods"));
        wait_for_view(app, &exp).await;
        let button = r#"th button[data-sort="value"]"#;
        let mut seen = BTreeSet::new();
        for _click in 0..2 {
            let before = attr_of_th(app, button).await;
            app.browser
                .wait_for(button, WAIT)
                .await
                .click()
                .await
                .expect("click the value sort button");
            let sort = eventually(app, "aria-sort to change", async || {
                let now = attr_of_th(app, button).await;
                match now.as_deref() {
                    Some(s @ ("ascending" | "descending")) if now != before => Ok(s.to_owned()),
                    _ => Err(format!("th aria-sort {now:?} (was {before:?})")),
                }
            })
            .await;
            let rows = eventually(app, "rows sorted by value", async || {
                let rows = read_rows(app).await;
                let shown: Vec<f64> = rows.iter().filter_map(|r| exp.get(&r.code).shown).collect();
                let ok = shown.windows(2).all(|w| {
                    if sort == "ascending" {
                        w[0] <= w[1]
                    } else {
                        w[0] >= w[1]
                    }
                });
                if ok {
                    check_rows(&rows, &exp, false)?;
                    Ok(rows)
                } else {
                    Err(format!("values not {sort}"))
                }
            })
            .await;
            println!(
                "sorted {sort}: first {:?} {:?}, last {:?} {:?}",
                rows[0].code, rows[0].value, rows[174].code, rows[174].value
            );
            seen.insert(sort);
        }
        assert_eq!(seen.len(), 2, "two clicks give both orders: {seen:?}");
        assert_no_console_errors(app, "after sorting").await;
    });
}

async fn attr_of_th(app: &App, button: &str) -> Option<String> {
    app.browser
        .execute(
            "const b = document.querySelector(arguments[0]);
             const th = b && b.closest('th');
             return th ? th.getAttribute('aria-sort') : null;",
            vec![json!(button)],
        )
        .await
        .as_str()
        .map(str::to_owned)
}
