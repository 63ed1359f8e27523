//! The whole view in the URL (issue 6): a deep link opens exactly that view,
//! unusable parameters are dropped with a quiet notice, and Back and
//! Forward walk through the reader's choices.

use crate::home_map::{
    choose, eventually, open_home, select_value, text_content, INDICATOR, LEGEND, PERIOD, ROW, TILE,
};
use crate::support::{App, WAIT};

const OTHER: &str = "synthetic-timeliness-score";

pub(crate) async fn search(app: &App) -> String {
    app.browser
        .execute("return location.search;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

pub(crate) async fn history(app: &App, step: i32) {
    app.browser
        .execute("history.go(arguments[0]);", vec![serde_json::json!(step)])
        .await;
}

#[test]
fn a_deep_link_opens_exactly_that_view() {
    crate::support::run(async |app| {
        app.open(
            "/?v=1&indicator=synthetic-timeliness-score&period=2022-Q1&ward=00052&district=002\
             &sort=value-desc&classing=jenks&mode=change&base=2021-Q4&bogus=1&ward=99999",
        )
        .await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        eventually(app, "the linked indicator and period", async || {
            let got = (
                select_value(app, INDICATOR).await,
                select_value(app, PERIOD).await,
            );
            (got == (OTHER.to_string(), "2022-Q1".to_string()))
                .then_some(())
                .ok_or(format!("{got:?}"))
        })
        .await;
        assert_eq!(select_value(app, "select#classing").await, "jenks");
        assert_eq!(select_value(app, "select#district-filter").await, "002");
        assert_eq!(select_value(app, "select#map-mode").await, "change");
        app.browser
            .wait_for(
                &format!(r#"{TILE}[data-ward="00052"][aria-pressed="true"]"#),
                WAIT,
            )
            .await;
        let sorted = app
            .browser
            .wait_for(
                r#"th[aria-sort="descending"] button[data-sort="value"]"#,
                WAIT,
            )
            .await;
        drop(sorted);
        // Only Hoàn Kiếm's wards are listed.
        let districts: Vec<String> = serde_json::from_value(
            app.browser
                .execute(
                    "return Array.from(document.querySelectorAll(arguments[0]))
                       .map((tr) => tr.querySelector('td.district').textContent.trim());",
                    vec![serde_json::json!(ROW)],
                )
                .await,
        )
        .expect("district cells");
        assert!(
            !districts.is_empty() && districts.iter().all(|d| d == "Hoàn Kiếm"),
            "{districts:?}"
        );
        let caption = text_content(app, &format!("{LEGEND} figcaption")).await;
        assert!(
            caption.contains("Quý 4/2021"),
            "change since the linked base: {caption}"
        );
        let notice = text_content(app, r#"[data-testid="dropped-params"]"#).await;
        assert!(
            notice.contains("bogus=1") && notice.contains("ward=99999"),
            "unusable parameters are named: {notice}"
        );
    });
}

#[test]
fn back_and_forward_walk_through_the_choices() {
    crate::support::run(async |app| {
        open_home(app).await;
        let default = select_value(app, INDICATOR).await;
        let latest = select_value(app, PERIOD).await;
        assert_eq!(search(app).await, "", "the default view is plain /");

        choose(app, INDICATOR, OTHER).await;
        eventually(app, "the indicator in the URL", async || {
            let s = search(app).await;
            s.contains(&format!("indicator={OTHER}"))
                .then_some(())
                .ok_or(s)
        })
        .await;
        choose(app, PERIOD, "2022-Q1").await;
        eventually(app, "the period in the URL", async || {
            let s = search(app).await;
            s.contains("period=2022-Q1").then_some(()).ok_or(s)
        })
        .await;

        history(app, -1).await;
        eventually(app, "Back to the latest period", async || {
            let p = select_value(app, PERIOD).await;
            (p == latest).then_some(()).ok_or(p)
        })
        .await;
        assert_eq!(select_value(app, INDICATOR).await, OTHER);
        history(app, -1).await;
        eventually(app, "Back to the default indicator", async || {
            let i = select_value(app, INDICATOR).await;
            (i == default).then_some(()).ok_or(i)
        })
        .await;
        history(app, 2).await;
        eventually(app, "Forward to the chosen view", async || {
            let got = (
                select_value(app, INDICATOR).await,
                select_value(app, PERIOD).await,
            );
            (got == (OTHER.to_string(), "2022-Q1".to_string()))
                .then_some(())
                .ok_or(format!("{got:?}"))
        })
        .await;
    });
}

// ---------------------------------------------------------------------------
// Links as people share and type them (issue 11).

/// The `location.pathname` of the page.
async fn pathname(app: &App) -> String {
    app.browser
        .execute("return location.pathname;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Waits until the address is `path` + `search` (the app replaces it).
async fn wait_for_address(app: &App, path: &str, search: &str) {
    eventually(app, &format!("the address {path}{search}"), async || {
        let got = (pathname(app).await, self::search(app).await);
        (got.0 == path && got.1 == search)
            .then_some(())
            .ok_or(format!("{got:?}"))
    })
    .await;
}

const TRACKING: &str = "fbclid=IwAR0abc&zarsrc=30&utm_source=zalo&utm_medium=zalo\
                        &utm_campaign=zalo&gclid=x1&_ga=2.1&igshid=y";

#[test]
fn tracking_parameters_give_no_notice_and_are_never_written_back() {
    crate::support::run(async |app| {
        app.open(&format!("/?v=1&ward=00052&{TRACKING}")).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        app.browser
            .wait_for(
                &format!(r#"{TILE}[data-ward="00052"][aria-pressed="true"]"#),
                WAIT,
            )
            .await;
        // The first tidy-up of the address leaves them out; by then the
        // notice of dropped parameters would be there.
        wait_for_address(app, "/", "?v=1&ward=00052").await;
        assert_eq!(
            app.browser.count(r#"[data-testid="dropped-params"]"#).await,
            0,
            "no notice for tracking parameters"
        );
        // The embed snippet is built from the address: none in it either.
        app.browser
            .wait_for(r#"button[data-testid="open-embed"]"#, WAIT)
            .await
            .click()
            .await
            .expect("open the embed builder");
        let snippet = eventually(app, "the embed snippet", async || {
            let value = select_value(app, "#embed-snippet").await;
            (!value.is_empty()).then_some(value).ok_or("empty".into())
        })
        .await;
        assert!(snippet.contains("ward=00052"), "{snippet}");
        for name in ["fbclid", "zarsrc", "utm_", "gclid", "_ga", "igshid"] {
            assert!(!snippet.contains(name), "{name} in {snippet}");
        }

        // A page that keeps no view in its address: the language switch
        // writes the address without them.
        app.open(&format!("/ward/00052?{TRACKING}")).await;
        app.browser
            .wait_for(r#"[data-testid="ward-name"]"#, WAIT)
            .await;
        app.browser
            .wait_for(r#"button[data-testid="lang-en"]"#, WAIT)
            .await
            .click()
            .await
            .expect("switch to English");
        wait_for_address(app, "/ward/00052", "?lang=en").await;
    });
}

/// A link typed from README.md's table, without `v=1`, was read as version
/// 0 (which knew only `indicator`, `ward`, `wards`), so `/?classing=jenks`
/// showed a notice and kept quantiles.
#[test]
fn hand_typed_view_parameters_work_without_a_version() {
    crate::support::run(async |app| {
        for (method, link) in [
            ("equal", "/?classing=equal"),
            ("jenks", "/?classing=jenks&fbclid=x&utm_source=zalo"),
        ] {
            app.open(link).await;
            app.browser.wait_for_count(TILE, 175, WAIT).await;
            wait_for_address(app, "/", &format!("?v=1&classing={method}")).await;
            assert_eq!(select_value(app, "select#classing").await, method);
            assert_eq!(
                app.browser.count(r#"[data-testid="dropped-params"]"#).await,
                0,
                "{link}: no notice"
            );
        }
        app.open("/composite?weights=1,1,1,1,1,1").await;
        app.browser
            .wait_for(r#"[data-testid="formula"]"#, WAIT)
            .await;
        wait_for_address(app, "/composite", "?v=1&weights=1%2C1%2C1%2C1%2C1%2C1").await;
        assert_eq!(
            app.browser.count(r#"[data-testid="dropped-params"]"#).await,
            0
        );
    });
}

#[test]
fn hand_typed_ward_addresses_reach_the_ward() {
    crate::support::run(async |app| {
        for typed in ["/ward/52", "/Ward/00052", "/WARD/52/"] {
            app.open(&format!("{typed}?fbclid=1")).await;
            wait_for_address(app, "/ward/00052", "").await;
            eventually(
                app,
                &format!("Hàng Bồ's page from {typed}"),
                async || {
                    let name = app
                        .browser
                        .execute(
                            r#"const h = document.querySelector('[data-testid="ward-name"]');
                               return h ? h.textContent : '';"#,
                            vec![],
                        )
                        .await;
                    let name = name.as_str().unwrap_or_default();
                    name.contains("Hàng Bồ")
                        .then_some(())
                        .ok_or(name.to_owned())
                },
            )
            .await;
            assert_eq!(
                app.browser.count(r#"[data-testid="unknown-ward"]"#).await,
                0
            );
        }
        // Other pages too, and codes in the query.
        app.open("/Compare?wards=52,1").await;
        wait_for_address(app, "/compare", "?wards=52,1").await;
        app.browser
            .wait_for_count(r#"[data-testid="compared-wards"] li[data-ward]"#, 2, WAIT)
            .await;
        app.open("/?v=1&ward=52").await;
        app.browser
            .wait_for(
                &format!(r#"{TILE}[data-ward="00052"][aria-pressed="true"]"#),
                WAIT,
            )
            .await;
        wait_for_address(app, "/", "?v=1&ward=00052").await;
    });
}

#[test]
fn echoes_of_a_hostile_link_are_bounded() {
    crate::support::run(async |app| {
        // 8,000 unknown parameters (a 100 KB address) once made a 94 KB notice.
        let query: String = (0..8000).map(|i| format!("&p{i}=value{i}")).collect();
        app.open(&format!("/?v=1{query}")).await;
        let notice = r#"[data-testid="dropped-params"]"#;
        app.browser.wait_for(notice, WAIT).await;
        let text = text_content(app, notice).await;
        println!("{} characters: {text}", text.chars().count());
        assert!(text.chars().count() < 600, "{text}");
        assert!(text.contains("p0=value0"), "{text}");
        assert!(text.contains("7.990"), "and how many more: {text}");

        // A ward code of 100 KB is echoed cut, with an ellipsis.
        let long = "x".repeat(100_000);
        app.open(&format!("/ward/{long}")).await;
        let unknown = r#"[data-testid="unknown-ward"]"#;
        app.browser.wait_for(unknown, WAIT).await;
        let text = text_content(app, unknown).await;
        println!("{} characters: {text}", text.chars().count());
        assert!(text.chars().count() < 300, "{text}");
        assert!(text.contains("xxx…"), "{text}");
        let page = app
            .browser
            .execute("return document.body.textContent.length;", vec![])
            .await;
        assert!(page.as_u64().unwrap_or(u64::MAX) < 5_000, "{page}");
    });
}

#[test]
fn composite_names_weights_it_cannot_use() {
    crate::support::run(async |app| {
        for link in [
            "/composite?v=1&weights=NaN,1,1,1,1,1",
            "/composite?weights=NaN,1,1,1,1,1",
        ] {
            app.open(link).await;
            let notice = r#"[data-testid="dropped-params"]"#;
            app.browser.wait_for(notice, WAIT).await;
            let text = text_content(app, notice).await;
            assert!(text.contains("weights=NaN,1,1,1,1,1"), "{link}: {text}");
            app.browser
                .wait_for(r#"[data-testid="formula"]"#, WAIT)
                .await;
        }
        // A usable link gives no notice.
        app.open("/composite?v=1&weights=1,1,1,1,1,1&fbclid=x")
            .await;
        app.browser
            .wait_for(r#"[data-testid="formula"]"#, WAIT)
            .await;
        wait_for_address(app, "/composite", "?v=1&weights=1%2C1%2C1%2C1%2C1%2C1").await;
        assert_eq!(
            app.browser.count(r#"[data-testid="dropped-params"]"#).await,
            0
        );
    });
}
