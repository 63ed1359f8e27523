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
