//! Loading that ends (issue 11, items 5, 7 and 14): a dataset whose answer
//! never comes ends in the usual error with a retry, on every page that
//! loads datasets, and leaves the rest of the page in place, which is
//! drawn while the stalled one still loads; a bad
//! catalogue entry is left out with a visible warning; an empty catalogue
//! says so; the warnings of docs/data-format.md §6 are in the dataset's
//! notes.
//!
//! The app's fetch timeout (20 s, src/api.rs) is shortened for these tests
//! with the `<meta name="fetch-timeout-ms">` the server inserts into every
//! page, so a stalled file fails after [`TIMEOUT_MS`]. Nothing here sleeps:
//! every step waits for a condition.

use serde_json::{json, Value};

use crate::home_map::{INDICATOR, TILE};
use crate::support::{App, Fault, WAIT};

const LOADING: &str = r#"[data-testid="loading"]"#;
const LOAD_ERROR: &str = r#"[data-testid="load-error"]"#;
const RETRY: &str = r#"button[data-testid="retry"]"#;
const CATALOGUE_WARNINGS: &str = r#"[data-testid="catalogue-warnings"]"#;
const DATASET_WARNINGS: &str = r#"[data-testid="dataset-warnings"]"#;
const PROFILE_ROW: &str = "table.profile tbody tr[data-indicator]";
const COMPARE_ROW: &str = r#"[data-testid="compare-table"] tr[data-indicator]"#;
const COMPOSITE_ROW: &str = r#"[data-testid="composite-table"] tr[data-ward]"#;
const CATALOGUE: &str = "/data/catalogue.json";
const TILES: &str = "/data/tiles.hexjson";

/// The fetch timeout these tests set, in milliseconds: long enough to see
/// the loading state on a slow CI machine, short enough to wait for.
const TIMEOUT_MS: u64 = 4000;
/// What the timeout error says in Vietnamese (the default language).
const TIMED_OUT_TEXT: &str = "không trả lời trong 4 giây";

/// The home view's first indicator, fetched on `/`.
const FIRST: &str = "synthetic-transparency-share";
/// A ward dataset the composite does not use (the page still loads every
/// ward dataset, so before the fix it waited for this one forever).
const UNUSED_BY_COMPOSITE: &str = "synthetic-no-wait-share";

fn dataset_path(id: &str) -> String {
    format!("/data/datasets/{id}.json")
}

fn shorten_timeout(app: &App) {
    app.server.set_head_extra(&format!(
        r#"<meta name="fetch-timeout-ms" content="{TIMEOUT_MS}">"#
    ));
}

/// Waits for the load error of a timed-out fetch and returns its text.
async fn wait_for_timeout_error(app: &App) -> String {
    app.browser
        .wait_until("the timeout error with a retry", WAIT, async || {
            let text = app.browser.first(LOAD_ERROR).await?.text().await.ok()?;
            let retry = app.browser.count(RETRY).await;
            (text.contains(TIMED_OUT_TEXT) && retry > 0).then_some(text)
        })
        .await
}

/// Clears the fault on `path`, clicks retry and checks that the retry
/// really fetched `path` again.
async fn retry_after_clearing(app: &App, path: &str) {
    let before = app.server.requests(path);
    app.server.clear_fault(path);
    app.browser
        .wait_for(RETRY, WAIT)
        .await
        .click()
        .await
        .expect("click retry");
    app.browser
        .wait_until("the retry's request", WAIT, async || {
            (app.server.requests(path) > before).then_some(())
        })
        .await;
}

/// `data-indicator` of every element matching `css`.
async fn indicators(app: &App, css: &str) -> Vec<String> {
    let value = app
        .browser
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0]))
                 .map((el) => el.getAttribute('data-indicator'));",
            vec![json!(css)],
        )
        .await;
    serde_json::from_value(value).expect("a list of ids")
}

/// Waits until the rows `css` include some datasets but not `missing`.
async fn wait_for_rows_without(app: &App, css: &str, missing: &str) -> Vec<String> {
    app.browser
        .wait_until(&format!("rows without {missing}"), WAIT, async || {
            let ids = indicators(app, css).await;
            (!ids.is_empty() && !ids.iter().any(|id| id == missing)).then_some(ids)
        })
        .await
}

async fn wait_for_row(app: &App, css: &str, id: &str) {
    app.browser
        .wait_until(&format!("a row for {id}"), WAIT, async || {
            indicators(app, css)
                .await
                .iter()
                .any(|i| i == id)
                .then_some(())
        })
        .await;
}

#[test]
fn a_stalled_dataset_on_home_keeps_the_controls_times_out_and_retry_recovers() {
    crate::support::run(async |app| {
        shorten_timeout(app);
        let path = dataset_path(FIRST);
        app.server.set_fault(&path, Fault::Stall);
        app.open("/").await;
        // While the dataset hangs: the controls are there, with the
        // indicator's loading state (not the base files' one in their place).
        app.browser
            .wait_until("the controls next to a loading state", WAIT, async || {
                let controls = app.browser.count(INDICATOR).await;
                let loading = app.browser.first(LOADING).await?.text().await.ok()?;
                (controls == 1 && !loading.is_empty()).then_some(())
            })
            .await;
        let message = wait_for_timeout_error(app).await;
        println!("timeout error on /: {message:?}");
        assert_eq!(app.browser.count(INDICATOR).await, 1, "the controls stay");
        assert_eq!(app.browser.count(LOADING).await, 0, "no spinner left");

        retry_after_clearing(app, &path).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        app.browser.wait_for_absent(LOAD_ERROR, WAIT).await;
    });
}

/// Stalls `stuck` on `page` (one of several datasets): after the timeout
/// the error is shown with the other datasets' rows (`row`), and the retry
/// adds the stalled one once the fault is cleared.
async fn a_stalled_dataset_among_several(
    app: &crate::support::App,
    stuck: &str,
    page: &str,
    row: &str,
) {
    shorten_timeout(app);
    let path = dataset_path(stuck);
    app.server.set_fault(&path, Fault::Stall);
    app.open(page).await;
    wait_for_timeout_error(app).await;
    let shown = wait_for_rows_without(app, row, stuck).await;
    assert!(shown.len() > 5, "the other datasets are shown: {shown:?}");

    retry_after_clearing(app, &path).await;
    wait_for_row(app, row, stuck).await;
    app.browser.wait_for_absent(LOAD_ERROR, WAIT).await;
}

#[test]
fn a_stalled_dataset_on_a_ward_profile_leaves_the_others_and_retry_adds_it() {
    crate::support::run(async |app| {
        a_stalled_dataset_among_several(
            app,
            "synthetic-timeliness-score",
            "/ward/00001",
            PROFILE_ROW,
        )
        .await;
    });
}

#[test]
fn a_stalled_dataset_on_the_comparison_leaves_the_others_and_retry_adds_it() {
    crate::support::run(async |app| {
        a_stalled_dataset_among_several(
            app,
            "synthetic-online-payment-share",
            "/compare?wards=00001,00052",
            COMPARE_ROW,
        )
        .await;
    });
}

#[test]
fn a_stalled_dataset_on_the_composite_leaves_the_ranking_and_retry_clears_the_error() {
    crate::support::run(async |app| {
        shorten_timeout(app);
        let path = dataset_path(UNUSED_BY_COMPOSITE);
        app.server.set_fault(&path, Fault::Stall);
        app.open("/composite").await;
        wait_for_timeout_error(app).await;
        app.browser.wait_for_count(COMPOSITE_ROW, 175, WAIT).await;

        retry_after_clearing(app, &path).await;
        app.browser.wait_for_absent(LOAD_ERROR, WAIT).await;
        assert_eq!(app.browser.count(COMPOSITE_ROW).await, 175);
    });
}

/// The notice above a page drawn without the datasets still loading.
const LOADING_MORE: &str = r#"[data-testid="loading-more"]"#;
/// A fetch timeout no test step reaches: no load error can come from it.
const LONG_TIMEOUT_MS: u64 = 60_000;

/// Stalls `stuck`, opens `page` and waits (the fetch timeout being long)
/// until the page is drawn with the other datasets (`rows`, and `heading`
/// when given) next to the "still loading 1 indicator" notice naming
/// `stuck_title`, while the server still holds the request and no error is
/// shown. Then lets the server drop the request (it answers 500): the error
/// with a retry replaces the notice, the rest stays, and the retry adds it.
async fn drawn_while_one_dataset_stalls(
    app: &App,
    page: &str,
    heading: Option<&str>,
    rows: &str,
    stuck: &str,
    stuck_title: &str,
) {
    let path = dataset_path(stuck);
    let before = app.server.requests(&path);
    app.server.set_fault(&path, Fault::Stall);
    app.open(page).await;
    let shown = app
        .browser
        .wait_until(
            &format!("{page} drawn without {stuck}, with the notice"),
            WAIT,
            async || {
                let notice = app.browser.first(LOADING_MORE).await?.text().await.ok()?;
                if !notice.contains("1 chỉ số") || !notice.contains(stuck_title) {
                    return None;
                }
                if let Some(heading) = heading {
                    app.browser.first(heading).await?;
                }
                let ids = indicators(app, rows).await;
                (ids.len() > 5 && !ids.iter().any(|id| id == stuck)).then_some(ids)
            },
        )
        .await;
    println!("{page} while {stuck} stalls: {shown:?}");
    // One request, held by the server until the fault is cleared.
    assert_eq!(app.server.requests(&path), before + 1, "one request, held");
    assert_eq!(app.browser.count(LOAD_ERROR).await, 0, "no load error");

    app.server.clear_fault(&path);
    wait_for_load_error(app).await;
    assert_eq!(
        app.browser.count(LOADING_MORE).await,
        0,
        "the notice is gone"
    );
    let after = wait_for_rows_without(app, rows, stuck).await;
    assert_eq!(after.len(), shown.len(), "the rest stays");
    app.browser
        .wait_for(RETRY, WAIT)
        .await
        .click()
        .await
        .expect("click retry");
    wait_for_row(app, rows, stuck).await;
    app.browser.wait_for_absent(LOAD_ERROR, WAIT).await;
}

/// Waits for a load error with its retry (the dropped request's 500).
async fn wait_for_load_error(app: &App) {
    app.browser
        .wait_until("a load error with a retry", WAIT, async || {
            app.browser.first(LOAD_ERROR).await?;
            (app.browser.count(RETRY).await > 0).then_some(())
        })
        .await;
}

/// Item 5: one stalled dataset does not blank a page that shows several
/// for the whole fetch timeout (before, only the loading message showed
/// until every dataset had arrived or failed).
#[test]
fn a_stalled_dataset_does_not_blank_a_page_of_several() {
    crate::support::run(async |app| {
        app.server.set_head_extra(&format!(
            r#"<meta name="fetch-timeout-ms" content="{LONG_TIMEOUT_MS}">"#
        ));
        drawn_while_one_dataset_stalls(
            app,
            "/ward/00001",
            Some(r#"[data-testid="ward-name"]"#),
            PROFILE_ROW,
            "synthetic-timeliness-score",
            "Điểm nhóm Tiến độ giải quyết",
        )
        .await;
        drawn_while_one_dataset_stalls(
            app,
            "/compare?wards=00001,00052",
            None,
            COMPARE_ROW,
            "synthetic-online-payment-share",
            "Tỷ lệ hồ sơ thanh toán trực tuyến",
        )
        .await;
    });
}

/// The bundled catalogue with `extra` entries inserted after the first.
fn catalogue_with(extra: &[Value]) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("public/data/catalogue.json")).unwrap();
    let mut catalogue: Value = serde_json::from_str(&text).unwrap();
    let datasets = catalogue["datasets"].as_array_mut().unwrap();
    for (i, entry) in extra.iter().enumerate() {
        datasets.insert(1 + i, entry.clone());
    }
    serde_json::to_string(&catalogue).unwrap()
}

fn bundled_entry(id: &str) -> Value {
    let catalogue: Value = serde_json::from_str(&catalogue_with(&[])).unwrap();
    catalogue["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap()
        .clone()
}

#[test]
fn bad_catalogue_entries_are_left_out_with_a_warning_and_the_rest_is_shown() {
    crate::support::run(async |app| {
        let mut traversal = bundled_entry(FIRST);
        traversal["id"] = json!("../../etc/passwd");
        let mut impossible = bundled_entry(FIRST);
        impossible["id"] = json!("impossible-period");
        impossible["periods"] = json!(["2021-Q3", "2021-Q5"]);
        app.server.set_fault(
            CATALOGUE,
            Fault::Body(catalogue_with(&[traversal, impossible])),
        );
        for page in ["/", "/ward/00001"] {
            app.open(page).await;
            let warning = app.browser.wait_for(CATALOGUE_WARNINGS, WAIT).await;
            let text = warning.text().await.expect("warning text");
            assert!(
                text.contains("2 mục trong danh mục dữ liệu không hợp lệ"),
                "{page}: {text:?}"
            );
            let detail = app
                .browser
                .execute(
                    "return document.querySelector(arguments[0]).textContent;",
                    vec![json!(CATALOGUE_WARNINGS)],
                )
                .await;
            let detail = detail.as_str().unwrap_or_default();
            assert!(
                detail.contains("../../etc/passwd") && detail.contains("2021-Q5"),
                "{page}: the reasons are in the detail: {detail:?}"
            );
            assert_eq!(app.browser.count(LOAD_ERROR).await, 0, "{page}");
        }
        app.open("/").await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        let options = app
            .browser
            .execute(
                "return Array.from(document.querySelectorAll('select#indicator option'))
                     .map((o) => o.value);",
                vec![],
            )
            .await;
        let options: Vec<String> = serde_json::from_value(options).unwrap();
        assert!(options.contains(&FIRST.to_string()), "{options:?}");
        assert!(
            !options
                .iter()
                .any(|o| o.contains("passwd") || o == "impossible-period"),
            "rejected entries are not offered: {options:?}"
        );
    });
}

#[test]
fn an_empty_catalogue_says_it_lists_no_datasets() {
    crate::support::run(async |app| {
        for body in ["", r#"{"datasets": []}"#] {
            app.server.set_fault(CATALOGUE, Fault::Body(body.into()));
            app.open("/").await;
            let alert = app.browser.wait_for(LOAD_ERROR, WAIT).await;
            let text = alert.text().await.expect("error text");
            assert!(
                text.contains("Danh mục dữ liệu không liệt kê bộ dữ liệu nào"),
                "catalogue {body:?}: {text:?}"
            );
            assert!(!text.contains("JSON"), "catalogue {body:?}: {text:?}");
        }
    });
}

#[test]
fn warnings_about_the_map_and_the_catalogue_entry_are_in_the_dataset_notes() {
    crate::support::run(async |app| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // A ward without a tile.
        let tiles = std::fs::read_to_string(root.join("public/data/tiles.hexjson")).unwrap();
        let mut tiles: Value = serde_json::from_str(&tiles).unwrap();
        tiles["hexes"].as_object_mut().unwrap().remove("00001");
        app.server.set_fault(TILES, Fault::Body(tiles.to_string()));
        // A file whose periods disagree with its catalogue entry.
        let file = std::fs::read_to_string(root.join(format!("public/data/datasets/{FIRST}.json")))
            .unwrap();
        let mut file: Value = serde_json::from_str(&file).unwrap();
        let last = file["periods"].as_array().unwrap().last().unwrap().clone();
        file["values"]
            .as_array_mut()
            .unwrap()
            .retain(|o| o["period"] != last);
        file["periods"].as_array_mut().unwrap().pop();
        app.server
            .set_fault(&dataset_path(FIRST), Fault::Body(file.to_string()));

        app.open("/").await;
        app.browser.wait_for_count(TILE, 174, WAIT).await;
        app.browser.wait_for(DATASET_WARNINGS, WAIT).await;
        let notes = app
            .browser
            .execute(
                "return document.querySelector(arguments[0]).textContent;",
                vec![json!(DATASET_WARNINGS)],
            )
            .await;
        let notes = notes.as_str().unwrap_or_default();
        assert!(
            notes.contains("ward 00001") && notes.contains("has no tile"),
            "{notes:?}"
        );
        assert!(
            notes.contains("the catalogue entry") && notes.contains("$.periods"),
            "{notes:?}"
        );
    });
}

/// Screenshots for review (not a check): the timeout error on the home
/// view at 390 px, with the controls in place. Run with
/// `E2E_SCREENSHOTS=<dir>` (as charts.rs); skipped otherwise.
#[test]
fn screenshot_of_the_timeout_error_on_a_phone() {
    if std::env::var_os("E2E_SCREENSHOTS").is_none() {
        return;
    }
    crate::support::run(async |app| {
        shorten_timeout(app);
        app.browser.set_viewport(390, 844).await;
        app.server.set_fault(&dataset_path(FIRST), Fault::Stall);
        app.open("/").await;
        wait_for_timeout_error(app).await;
        for (name, scroll) in [("top", 0), ("error", 1)] {
            app.browser
                .execute(
                    "if (arguments[0]) document.querySelector(arguments[1]).scrollIntoView({block: 'center'}); else window.scrollTo(0, 0);",
                    vec![json!(scroll), json!(LOAD_ERROR)],
                )
                .await;
            crate::charts::screenshot(app, &format!("timeout-home-{name}.png")).await;
        }
    });
}
