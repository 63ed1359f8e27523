//! Charts on the home view: ECharts (dist/echarts.js) is loaded only when
//! the reader switches the ranking panel to "Biểu đồ", once, and a failure
//! to load it stays inside the chart area.
//!
//! `E2E_SCREENSHOTS=<dir>` also saves the home view with the chart shown at
//! 1280 and 390 px wide.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::{App, Fault, WAIT};

const ECHARTS: &str = "/echarts.js";
const TILE: &str = "svg.tile-map g.tile[data-ward]";
const ROW: &str = "table.ranking tbody tr[data-ward]";
const SHOW_CHART: &str = r#"button[data-testid="show-chart"]"#;
const SHOW_TABLE: &str = r#"button[data-testid="show-table"]"#;
const CHART: &str = r#"[data-testid="chart"]"#;
const READY: &str = r#"[data-testid="chart"][data-chart-ready="true"]"#;
const CHART_ERROR: &str = r#"[data-testid="chart"] [data-testid="chart-error"]"#;
const CHART_RETRY: &str =
    r#"[data-testid="chart"] [data-testid="chart-error"] button[data-testid="retry"]"#;

async fn open_home(app: &App) {
    app.open("/").await;
    app.browser.wait_for_count(TILE, 175, WAIT).await;
    app.browser.wait_for_count(ROW, 175, WAIT).await;
}

async fn click(app: &App, css: &str) {
    app.browser
        .wait_for(css, WAIT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Whether the table (its wrapper) is shown, by layout.
async fn table_shown(app: &App) -> bool {
    app.browser
        .execute(
            "const t = document.querySelector('table.ranking'); \
             return !!t && t.getClientRects().length > 0;",
            vec![],
        )
        .await
        .as_bool()
        .unwrap_or(false)
}

/// Saves a screenshot of the window as `<E2E_SCREENSHOTS>/<name>` for
/// review (not a check); does nothing when the variable is unset.
pub(crate) async fn screenshot(app: &App, name: &str) {
    let Some(dir) = std::env::var_os("E2E_SCREENSHOTS") else {
        return;
    };
    let png = app
        .browser
        .client
        .screenshot()
        .await
        .expect("take a screenshot");
    let path = std::path::PathBuf::from(dir).join(name);
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    println!("screenshot: {}", path.display());
}

#[test]
fn home_view_never_requests_echarts() {
    crate::support::run(async |app| {
        open_home(app).await;
        // Let any late request (idle callbacks, prefetch) happen.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(
            app.server.requests(ECHARTS),
            0,
            "the home view must not load ECharts: {:?}",
            app.server.request_log()
        );
        assert_eq!(app.browser.count(CHART).await, 0, "no chart mounted");
        let scripts = app
            .browser
            .execute(
                "return Array.from(document.scripts).map((s) => s.src);",
                vec![],
            )
            .await;
        assert!(
            !scripts.to_string().contains("echarts"),
            "no ECharts <script> in the page: {scripts}"
        );
        assert!(table_shown(app).await, "the table is the default view");
        assert_eq!(
            app.browser
                .first(SHOW_TABLE)
                .await
                .expect("table switch")
                .attr("aria-pressed")
                .await
                .expect("aria-pressed")
                .as_deref(),
            Some("true")
        );
    });
}

#[test]
fn chart_toggle_loads_echarts_once_draws_and_selects_a_ward() {
    crate::support::run(async |app| {
        app.browser.set_viewport(1280, 900).await;
        open_home(app).await;
        click(app, SHOW_CHART).await;
        let chart = app.browser.wait_for(READY, WAIT).await;
        app.browser.wait_for(&format!("{READY} canvas"), WAIT).await;
        assert!(!table_shown(app).await, "the chart replaces the table");
        let label = chart
            .attr("aria-label")
            .await
            .expect("aria-label")
            .unwrap_or_default();
        assert!(
            label.contains("Biểu đồ"),
            "the chart's aria-label: {label:?}"
        );

        // What ECharts was given: 175 bars, in rank order.
        let option = app
            .browser
            .execute(
                r#"
                const div = document.querySelector('[data-testid="chart"] .chart-canvas');
                const chart = echarts.getInstanceByDom(div);
                const o = chart.getOption();
                return {
                    bars: o.series[0].data.length,
                    type: o.series[0].type,
                    first: o.yAxis[0].data[0],
                    height: div.getBoundingClientRect().height,
                    canvasHeight: div.querySelector('canvas').getBoundingClientRect().height,
                };
                "#,
                vec![],
            )
            .await;
        println!("chart: {option}");
        assert_eq!(option["bars"], 175);
        assert_eq!(option["type"], "bar");
        assert!(option["first"].as_str().is_some_and(|s| s.contains(" · ")));
        assert!(
            option["canvasHeight"].as_f64().unwrap_or(0.0) > 175.0 * 15.0,
            "the canvas fills the tall chart: {option}"
        );
        screenshot(app, "home-chart-1280.png").await;

        // Click the third bar (synthetic pointer events at its pixel): the
        // ward is selected on the map.
        let clicked = app
            .browser
            .execute(
                r#"
                const index = arguments[0];
                const div = document.querySelector('[data-testid="chart"] .chart-canvas');
                const chart = echarts.getInstanceByDom(div);
                const o = chart.getOption();
                const value = o.series[0].data[index].value;
                const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [value / 2, index]);
                div.scrollIntoView({ block: 'start' });
                const rect = div.getBoundingClientRect();
                const target = div.querySelector('canvas');
                const init = { bubbles: true, cancelable: true, clientX: rect.left + x,
                               clientY: rect.top + y, button: 0, pointerType: 'mouse', isPrimary: true };
                for (const type of ['pointermove', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
                    const E = type.startsWith('pointer') ? PointerEvent : MouseEvent;
                    target.dispatchEvent(new E(type, init));
                }
                return o.yAxis[0].data[index];
                "#,
                vec![json!(2)],
            )
            .await;
        println!("clicked bar: {clicked}");
        let selected = app
            .browser
            .wait_until("a ward selected by clicking its bar", WAIT, async || {
                let v = app
                    .browser
                    .execute(
                        "const t = document.querySelector('svg.tile-map g.tile[aria-pressed=\"true\"]'); \
                         return t ? t.getAttribute('data-ward') : null;",
                        vec![],
                    )
                    .await;
                v.as_str().map(str::to_owned)
            })
            .await;
        println!("selected ward: {selected}");
        // The selected bar is redrawn highlighted (option rebuilt).
        let highlighted: Value = app
            .browser
            .execute(
                r#"
                const div = document.querySelector('[data-testid="chart"] .chart-canvas');
                const o = echarts.getInstanceByDom(div).getOption();
                return o.series[0].data.findIndex((d) => d.itemStyle && d.itemStyle.borderColor === '#000000');
                "#,
                vec![],
            )
            .await;
        assert_eq!(highlighted, json!(2), "the clicked bar is highlighted");

        // Back to the table, and to the chart again: still one request.
        click(app, SHOW_TABLE).await;
        app.browser.wait_for_absent(CHART, WAIT).await;
        assert!(table_shown(app).await, "the table is back");
        let row = format!("table.ranking tr[data-ward='{selected}'][aria-selected='true']");
        app.browser.wait_for(&row, WAIT).await;
        click(app, SHOW_CHART).await;
        app.browser.wait_for(READY, WAIT).await;
        assert_eq!(
            app.server.requests(ECHARTS),
            1,
            "echarts.js is fetched once: {:?}",
            app.server.request_log()
        );
        let errors = app.browser.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:#?}");

        app.browser.set_viewport(390, 844).await;
        app.browser.wait_for(READY, WAIT).await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        app.browser
            .execute(
                "document.querySelector('.table-panel').scrollIntoView({ block: 'start' });",
                vec![],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        screenshot(app, "home-chart-390.png").await;
    });
}

#[test]
fn echarts_failure_stays_in_the_chart_area_and_retry_recovers() {
    crate::support::run(async |app| {
        app.server.set_fault(ECHARTS, Fault::Status(500));
        open_home(app).await;
        click(app, SHOW_CHART).await;
        app.browser.wait_for(CHART_ERROR, WAIT).await;
        let message = app.browser.text(CHART_ERROR).await;
        assert!(
            message.contains("Không tải được thư viện biểu đồ"),
            "error message: {message:?}"
        );
        app.browser.wait_for(CHART_RETRY, WAIT).await;
        assert_eq!(app.browser.count(READY).await, 0);

        // The map still works: clicking a tile selects it.
        click(app, "svg.tile-map g.tile[data-ward='00052']").await;
        app.browser
            .wait_for(
                "svg.tile-map g.tile[data-ward='00052'][aria-pressed='true']",
                WAIT,
            )
            .await;
        assert_eq!(app.browser.count(TILE).await, 175);

        // Retry with the fault cleared: the chart appears.
        let before = app.server.requests(ECHARTS);
        app.server.clear_fault(ECHARTS);
        click(app, CHART_RETRY).await;
        app.browser.wait_for(&format!("{READY} canvas"), WAIT).await;
        app.browser.wait_for_absent(CHART_ERROR, WAIT).await;
        assert_eq!(app.server.requests(ECHARTS), before + 1, "one new request");
    });
}
