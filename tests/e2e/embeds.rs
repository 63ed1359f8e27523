//! Embeds (issue 6): each of `/embed/map`, `/embed/table` and `/embed/chart`
//! shows one panel with the provenance badge, the source line and a link to
//! the full view, for the view its query parameters name; the builder's
//! snippet, pasted into a blank page, shows exactly that view.

use serde_json::json;

use crate::home_map::{choose, eventually, open_home, select_value, BADGE, INDICATOR, ROW, TILE};
use crate::support::{App, WAIT};

const OTHER: &str = "synthetic-timeliness-score";
const QUERY: &str = "?v=1&indicator=synthetic-timeliness-score&period=2022-Q1&district=002";

async fn check_chrome(app: &App, kind: &str) {
    app.browser
        .wait_for(&format!(r#".embed[data-embed="{kind}"]"#), WAIT)
        .await;
    app.browser.wait_for(BADGE, WAIT).await;
    app.browser
        .wait_for(r#"[data-testid="source-line"]"#, WAIT)
        .await;
    let link = app
        .browser
        .wait_for(r#"a[data-testid="full-view-link"]"#, WAIT)
        .await;
    let href = link.prop("href").await.expect("href").unwrap_or_default();
    assert!(
        href.ends_with(&format!("/{QUERY}")) || href.ends_with(QUERY),
        "{kind}: the full-view link keeps the view: {href}"
    );
    assert_eq!(
        app.browser
            .count("header.site-header, footer.site-footer")
            .await,
        0,
        "{kind}: no site chrome in an embed"
    );
}

#[test]
fn each_embed_shows_one_panel_with_badge_source_and_link() {
    crate::support::run(async |app| {
        app.open(&format!("/embed/map{QUERY}")).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        check_chrome(app, "map").await;
        assert_eq!(
            app.browser.count("select#indicator").await,
            0,
            "no controls"
        );

        app.open(&format!("/embed/table{QUERY}")).await;
        check_chrome(app, "table").await;
        let hoan_kiem = crate::home_map::registry()
            .wards
            .iter()
            .filter(|w| w.district == "002")
            .count();
        app.browser.wait_for_count(ROW, hoan_kiem, WAIT).await;

        app.open(&format!("/embed/chart{QUERY}")).await;
        check_chrome(app, "chart").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;

        app.open("/embed/pie").await;
        app.browser
            .wait_for(r#"[data-testid="unknown-embed"]"#, WAIT)
            .await;
    });
}

#[test]
fn the_snippet_pasted_into_a_blank_page_shows_that_view() {
    crate::support::run(async |app| {
        open_home(app).await;
        choose(app, INDICATOR, OTHER).await;
        choose(app, "select#period", "2022-Q1").await;
        app.browser
            .wait_for(r#"button[data-testid="open-embed"]"#, WAIT)
            .await
            .click()
            .await
            .expect("open the embed builder");
        choose(app, "select#embed-kind", "table").await;
        let snippet = eventually(app, "a table snippet of this view", async || {
            let text = select_value(app, "textarea#embed-snippet").await;
            (text.contains("/embed/table?v=1")
                && text.contains(&format!("indicator={OTHER}"))
                && text.contains("period=2022-Q1")
                // The reader's language goes with the view.
                && text.contains("lang=vi")
                // Sandboxed, with what an embed needs (ward_domain::embed::SANDBOX).
                && text.contains(" sandbox=\"allow-scripts ")
                && text.contains("title=\""))
            .then_some(text.clone())
            .ok_or(text)
        })
        .await;
        // The live preview shows the table.
        eventually(app, "the preview's table", async || {
            let rows = app
                .browser
                .execute(
                    "const f = document.querySelector('iframe[data-testid=embed-preview]');
                     const d = f && f.contentDocument;
                     return d ? d.querySelectorAll(arguments[0]).length : -1;",
                    vec![json!(ROW)],
                )
                .await
                .as_i64()
                .unwrap_or(-1);
            (rows == 175).then_some(()).ok_or(format!("{rows} rows"))
        })
        .await;

        // A blank page holding only the snippet.
        let page = format!("<!doctype html><meta charset=utf-8><title>Bài báo</title>{snippet}");
        app.browser
            .execute(
                "document.open(); document.write(arguments[0]); document.close();",
                vec![json!(page)],
            )
            .await;
        let frame = app.browser.wait_for("iframe", WAIT).await;
        frame.enter_frame().await.expect("enter the iframe");
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        app.browser.wait_for(BADGE, WAIT).await;
        let caption = app.browser.text(".embed-title").await;
        assert!(caption.contains("Quý 1/2022"), "{caption}");
        let first_value = app.browser.text(&format!("{ROW} td.value")).await;
        assert!(!first_value.is_empty());
    });
}
