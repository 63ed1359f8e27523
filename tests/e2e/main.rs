#![cfg(not(target_arch = "wasm32"))]
//! End-to-end tests of the built bundle in headless Chromium.
//!
//! Build the bundle first (`trunk build --release`, or scripts/test.sh), then
//! `cargo test --test e2e`. Environment: `DASHBOARD_DIST` (directory to
//! serve, default `dist/`), `E2E_FAKE_DIST=1` (serve the harness's fake
//! bundle instead), `CHROMEDRIVER`, `CHROMIUM`. See `support/mod.rs`.

mod boot;
mod boundaries;
mod charts;
mod classes;
mod downloads;
mod embeds;
mod home_map;
mod hostile_text;
mod import_panel;
mod import_worker;
mod languages;
mod links;
mod loading;
mod memory;
mod security;
mod support;
mod user_data;
mod views;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::Deserialize;
use support::fixture::DISTRICTS;
use support::{App, Fault, WAIT, WARDS_JSON};

const LOADING: &str = r#"[data-testid="loading"]"#;
const LOAD_ERROR: &str = r#"[data-testid="load-error"]"#;
const RETRY: &str = r#"button[data-testid="retry"]"#;
const WARD: &str = "li[data-ward]";
const SECTION: &str = "section[data-district]";

#[derive(Debug, Deserialize)]
struct Section {
    district: String,
    heading: Option<String>,
    wards: Vec<Ward>,
}

#[derive(Debug, Deserialize)]
struct Ward {
    code: String,
    text: String,
}

/// The district sections and their wards, as the page shows them.
async fn read_sections(app: &App) -> Vec<Section> {
    let value = app
        .browser
        .execute(
            r#"
            const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
            return Array.from(document.querySelectorAll('section[data-district]')).map((s) => ({
                district: s.getAttribute('data-district'),
                heading: s.querySelector('h2') ? clean(s.querySelector('h2').textContent) : null,
                wards: Array.from(s.querySelectorAll('li[data-ward]')).map((li) => ({
                    code: li.getAttribute('data-ward'),
                    text: clean(li.textContent),
                })),
            }));
            "#,
            vec![],
        )
        .await;
    serde_json::from_value(value).expect("sections as expected")
}

/// Waits for the full list of 175 wards.
async fn wait_for_list(app: &App) {
    app.browser.wait_for_count(WARD, 175, WAIT).await;
}

/// Waits for the load error and returns its text (non-empty).
async fn wait_for_load_error(app: &App) -> String {
    let alert = app.browser.wait_for(LOAD_ERROR, WAIT).await;
    assert_eq!(
        alert.attr("role").await.expect("role attribute").as_deref(),
        Some("alert"),
        "the load error must be announced (role=\"alert\")"
    );
    app.browser.wait_for(RETRY, WAIT).await;
    app.browser
        .wait_until("a non-empty load error message", WAIT, async || {
            let text = app.browser.text(LOAD_ERROR).await;
            (!text.trim().is_empty()).then_some(text)
        })
        .await
}

/// Clicks retry with the fault cleared: the list replaces the error.
async fn retry_recovers(app: &App) {
    let before = app.server.requests(WARDS_JSON);
    app.server.clear_fault(WARDS_JSON);
    app.browser
        .wait_for(RETRY, WAIT)
        .await
        .click()
        .await
        .expect("click retry");
    wait_for_list(app).await;
    app.browser.wait_for_absent(LOAD_ERROR, WAIT).await;
    assert!(
        app.server.requests(WARDS_JSON) > before,
        "retry did not fetch {WARDS_JSON} again: {:?}",
        app.server.request_log()
    );
}

#[test]
fn home_lists_175_wards_by_district() {
    support::run(async |app| {
        app.open("/wards").await;
        wait_for_list(app).await;

        let lang = app
            .browser
            .execute(
                "return document.documentElement.getAttribute('lang');",
                vec![],
            )
            .await;
        assert_eq!(lang, "vi", "<html lang>");
        assert!(app.server.requests(WARDS_JSON) >= 1);

        assert_eq!(app.browser.count(SECTION).await, 13, "district sections");
        let sections = read_sections(app).await;
        let codes: Vec<&str> = sections.iter().map(|s| s.district.as_str()).collect();
        assert_eq!(sections.len(), 13, "district sections: {codes:?}");
        let unique: BTreeSet<&str> = codes.iter().copied().collect();
        assert_eq!(unique.len(), 13, "a district appears twice: {codes:?}");

        let by_code: BTreeMap<&str, &Section> =
            sections.iter().map(|s| (s.district.as_str(), s)).collect();
        for (code, name, count) in DISTRICTS {
            let section = by_code
                .get(code)
                .unwrap_or_else(|| panic!("no section for district {code} ({name}): {codes:?}"));
            let heading = section.heading.as_deref().unwrap_or_default();
            assert!(
                heading.contains(name),
                "district {code}: h2 {heading:?} should contain {name:?}"
            );
            assert_eq!(
                section.wards.len(),
                count,
                "wards in district {code} ({name})"
            );
        }

        let wards: Vec<&Ward> = sections.iter().flat_map(|s| &s.wards).collect();
        assert_eq!(
            wards.len(),
            175,
            "every li[data-ward] is inside a district section"
        );
        let ward_codes: BTreeSet<&str> = wards.iter().map(|w| w.code.as_str()).collect();
        assert_eq!(ward_codes.len(), 175, "ward codes are unique");
        for ward in &wards {
            assert!(
                ward.code.len() == 5 && ward.code.bytes().all(|b| b.is_ascii_digit()),
                "ward code {:?} is not 5 digits",
                ward.code
            );
            assert!(!ward.text.is_empty(), "ward {} has no text", ward.code);
        }
        for code in &codes {
            assert!(
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()),
                "district code {code:?} is not 3 digits"
            );
        }

        let phuc_xa = app.browser.text(r#"li[data-ward="00001"]"#).await;
        assert!(phuc_xa.contains("Phúc Xá"), "ward 00001 reads {phuc_xa:?}");

        let districts_with = |name: &str| -> Vec<&str> {
            sections
                .iter()
                .filter(|s| s.wards.iter().any(|w| w.text.contains(name)))
                .map(|s| s.district.as_str())
                .collect()
        };
        assert_eq!(
            districts_with("Hàng Bồ"),
            ["002"],
            "Hàng Bồ is in Hoàn Kiếm"
        );
        assert_eq!(
            districts_with("Quang Trung"),
            ["006", "268", "269"],
            "Quang Trung is a ward of Đống Đa, Hà Đông and Sơn Tây"
        );

        let errors = app.browser.console_errors().await;
        assert!(
            errors.is_empty(),
            "console errors on the home page: {errors:#?}"
        );
    });
}

#[test]
fn loading_state_shows_while_wards_json_is_slow() {
    support::run(async |app| {
        app.server
            .set_fault(WARDS_JSON, Fault::Delay(Duration::from_secs(2)));
        app.open("/wards").await;
        app.browser
            .wait_until(
                "a visible loading state before the list",
                WAIT,
                async || {
                    let loading = app.browser.first(LOADING).await?;
                    let shown = loading.is_displayed().await.unwrap_or(false);
                    (shown && app.browser.count(WARD).await == 0).then_some(())
                },
            )
            .await;
        wait_for_list(app).await;
        app.browser.wait_for_absent(LOADING, WAIT).await;
        assert!(app.server.requests(WARDS_JSON) >= 1);
    });
}

#[test]
fn http_500_shows_alert_and_retry_recovers() {
    support::run(async |app| {
        app.server.set_fault(WARDS_JSON, Fault::Status(500));
        app.open("/wards").await;
        let message = wait_for_load_error(app).await;
        println!("load error for HTTP 500: {message:?}");
        assert!(
            message.contains("500"),
            "the message should name the status: {message:?}"
        );
        assert_eq!(app.browser.count(WARD).await, 0);
        retry_recovers(app).await;
    });
}

#[test]
fn broken_json_shows_its_own_alert_and_retry_recovers() {
    support::run(async |app| {
        app.server.set_fault(WARDS_JSON, Fault::Status(500));
        app.open("/wards").await;
        let http_message = wait_for_load_error(app).await;

        app.server
            .set_fault(WARDS_JSON, Fault::Body("{\"wards\": [".into()));
        app.open("/wards").await;
        let json_message = wait_for_load_error(app).await;
        println!("load error for HTTP 500:     {http_message:?}");
        println!("load error for broken JSON:  {json_message:?}");
        assert_ne!(
            json_message, http_message,
            "unreadable data and a server error should read differently"
        );
        assert_eq!(app.browser.count(WARD).await, 0);
        retry_recovers(app).await;
    });
}
