//! The "Your data" panel (issue 12): a table pasted or a file dropped is
//! read by the import worker, matched to wards with a report, fixed in
//! place, shown on the map and in the ranking with the user-supplied label,
//! kept in IndexedDB across a reload, and removed.

use std::time::Duration;

use serde_json::{json, Value};

use crate::home_map::{open_home, BADGE, INDICATOR, ROW, TILE};
use crate::support::{App, WAIT};

const TOGGLE: &str = r#"button[data-testid="import-toggle"]"#;
const PASTE: &str = r#"textarea[data-testid="import-paste"]"#;
const PASTE_SUBMIT: &str = r#"button[data-testid="import-paste-submit"]"#;
const REPORT: &str = r#"[data-testid="import-report"]"#;
const SHOW: &str = r#"button[data-testid="import-show"]"#;
const ENCODING: &str = r#"[data-testid="import-encoding"]"#;
const SAVED_ITEM: &str = r#"[data-testid="import-saved-list"] li"#;
const SAVED_REMOVE: &str = r#"button[data-testid="import-saved-remove"]"#;

/// Reading and matching runs in a worker loaded on first use: give it time.
const IMPORT_WAIT: Duration = Duration::from_secs(30);

/// A table as a spreadsheet puts it on the clipboard: tab-separated, with a
/// ward name shared by three wards and no district column.
const PASTED: &str = "Phường\tTỷ lệ\nQuang Trung\t91,5\nHàng Bồ\t80,2\nPhúc Xá\t70,4\n";

/// The three wards called Quang Trung (Đống Đa, Hà Đông, Sơn Tây).
const QUANG_TRUNG: [&str; 3] = ["00214", "09550", "09583"];

async fn click(app: &App, css: &str) {
    app.browser
        .wait_for(css, WAIT)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Opens the panel and checks the disclosure button says so.
async fn open_panel(app: &App) {
    let toggle = app.browser.wait_for(TOGGLE, WAIT).await;
    assert_eq!(
        toggle.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false"),
        "the panel is closed by default"
    );
    toggle.click().await.expect("open the panel");
    app.browser
        .wait_until("the panel open", WAIT, async || {
            let expanded = app
                .browser
                .first(TOGGLE)
                .await?
                .attr("aria-expanded")
                .await
                .ok()??;
            (expanded == "true").then_some(())
        })
        .await;
    app.browser.wait_for(PASTE, WAIT).await;
}

/// Sets a form control's value as typing would (an `input` event), or a
/// select's (a `change` event).
async fn set_value(app: &App, css: &str, value: &str, event: &str) {
    app.browser.wait_for(css, WAIT).await;
    app.browser
        .execute(
            "const el = document.querySelector(arguments[0]);
             el.value = arguments[1];
             el.dispatchEvent(new Event(arguments[2], { bubbles: true }));",
            vec![json!(css), json!(value), json!(event)],
        )
        .await;
}

/// Gives the period of a table without a period column; waits until the
/// dataset can be shown.
async fn set_period(app: &App, period: &str) {
    set_value(app, r#"[data-testid="import-period"]"#, period, "change").await;
    app.browser.wait_for(SHOW, IMPORT_WAIT).await;
    app.browser
        .wait_for_absent(r#"[data-testid="import-fatal"]"#, WAIT)
        .await;
}

async fn paste(app: &App, table: &str) {
    set_value(app, PASTE, table, "input").await;
    click(app, PASTE_SUBMIT).await;
    app.browser.wait_for(REPORT, IMPORT_WAIT).await;
}

/// The report's row `row`: its status and ward code.
async fn report_row(app: &App, row: usize) -> (String, String) {
    let value = app
        .browser
        .execute(
            "const tr = document.querySelector(`[data-testid=import-table] tr[data-row='${arguments[0]}']`);
             if (!tr) return null;
             const ward = tr.querySelector('td[data-ward]');
             return [tr.getAttribute('data-status'), ward ? ward.getAttribute('data-ward') : ''];",
            vec![json!(row)],
        )
        .await;
    match value {
        Value::Array(v) => (
            v[0].as_str().unwrap_or_default().to_string(),
            v[1].as_str().unwrap_or_default().to_string(),
        ),
        _ => (String::new(), String::new()),
    }
}

async fn wait_for_row_status(app: &App, row: usize, status: &str) -> (String, String) {
    app.browser
        .wait_until(&format!("row {row} {status}"), IMPORT_WAIT, async || {
            let found = report_row(app, row).await;
            (found.0 == status).then_some(found)
        })
        .await
}

/// The ranking row of `code`: its value cell's text.
async fn ranking_value(app: &App, code: &str) -> String {
    app.browser
        .text(&format!("{ROW}[data-ward='{code}'] td.value"))
        .await
}

#[test]
fn a_pasted_shared_name_is_ambiguous_until_picked_then_the_map_shows_it() {
    crate::support::run(async |app| {
        open_home(app).await;
        open_panel(app).await;
        let privacy = app.browser.text(r#"[data-testid="import-privacy"]"#).await;
        assert!(
            privacy.contains("trình duyệt") && privacy.contains("URL"),
            "the panel says where the data stays: {privacy:?}"
        );
        assert!(
            app.browser
                .count(r#".import-privacy a[href="publish"]"#)
                .await
                == 1,
            "links to the Publish-your-data page"
        );

        paste(app, PASTED).await;
        // No period column: the panel says so and the reader gives one.
        app.browser
            .wait_for(
                r#"[data-testid="import-fatal"] li[data-code="period-needed"]"#,
                WAIT,
            )
            .await;
        assert_eq!(app.browser.count(SHOW).await, 0, "nothing to show yet");
        set_period(app, "2024").await;
        let (status, _) = wait_for_row_status(app, 1, "ambiguous").await;
        assert_eq!(status, "ambiguous");
        let candidates = app
            .browser
            .execute(
                "return Array.from(document.querySelectorAll(
                    '[data-testid=import-pick-1] optgroup:first-of-type option')).map(o => o.value);",
                vec![],
            )
            .await;
        let mut candidates: Vec<String> = serde_json::from_value(candidates).unwrap();
        candidates.sort();
        assert_eq!(
            candidates, QUANG_TRUNG,
            "the three Quang Trung wards offered"
        );
        assert_eq!(wait_for_row_status(app, 2, "matched").await.1, "00052");
        assert_eq!(
            app.browser
                .text(r#"[data-testid="import-count-ambiguous"]"#)
                .await,
            "1"
        );
        assert_eq!(
            app.browser
                .text(r#"[data-testid="import-count-matched"]"#)
                .await,
            "2"
        );

        // The reader picks Quang Trung of Hà Đông: the row becomes matched.
        set_value(app, r#"[data-testid="import-pick-1"]"#, "09550", "change").await;
        let (_, code) = wait_for_row_status(app, 1, "matched").await;
        assert_eq!(code, "09550");

        set_value(
            app,
            r#"[data-testid="import-title"]"#,
            "Tỷ lệ thử của tôi",
            "change",
        )
        .await;
        app.browser
            .wait_until("the title in the request", IMPORT_WAIT, async || {
                let v = app
                    .browser
                    .execute(
                        "return document.querySelector('[data-testid=import-title]').value;",
                        vec![],
                    )
                    .await;
                (v.as_str() == Some("Tỷ lệ thử của tôi")).then_some(())
            })
            .await;
        crate::charts::screenshot(app, "import-panel-vi-1280.png").await;
        click(app, SHOW).await;

        // The home view shows the user's dataset: its title in the picker,
        // the user-supplied badge, the value in the ranking and on the map.
        app.browser
            .wait_until("the user's dataset selected", IMPORT_WAIT, async || {
                let title = app
                    .browser
                    .execute(
                        "const s = document.querySelector(arguments[0]);
                         return s && s.selectedOptions[0] ? s.selectedOptions[0].textContent : '';",
                        vec![json!(INDICATOR)],
                    )
                    .await;
                (title.as_str() == Some("Tỷ lệ thử của tôi")).then_some(())
            })
            .await;
        let badge = app.browser.wait_for(BADGE, WAIT).await;
        // Shown in capitals by the style sheet.
        let badge_text = badge.text().await.unwrap().to_lowercase();
        assert!(
            badge_text.contains("người dùng cung cấp"),
            "the user-supplied label: {badge_text:?}"
        );
        app.browser
            .wait_until("the user's value in the ranking", WAIT, async || {
                let text = ranking_value(app, "09550").await;
                text.contains("91,5").then_some(())
            })
            .await;
        assert!(ranking_value(app, "00052").await.contains("80,2"));
        // Wards without a value are listed without one.
        assert!(!ranking_value(app, "00214").await.contains("91,5"));
        let tile_fill = app
            .browser
            .execute(
                "const p = document.querySelector(arguments[0] + \"[data-ward='09550'] polygon\");
                 return p ? getComputedStyle(p).fill : '';",
                vec![json!(TILE.replace("[data-ward]", ""))],
            )
            .await;
        let other_fill = app
            .browser
            .execute(
                "const p = document.querySelector(arguments[0] + \"[data-ward='00214'] polygon\");
                 return p ? getComputedStyle(p).fill : '';",
                vec![json!(TILE.replace("[data-ward]", ""))],
            )
            .await;
        assert_ne!(
            tile_fill, other_fill,
            "a ward with a value is coloured apart from one without"
        );

        // Screenshots for review, both languages, phone and desktop.
        app.browser.set_viewport(1280, 1600).await;
        scroll_to(app, REPORT).await;
        crate::charts::screenshot(app, "import-report-vi-1280.png").await;
        click(app, r#"[data-testid="lang-en"]"#).await;
        app.browser
            .wait_until("the English panel", WAIT, async || {
                let text = app.browser.text(TOGGLE).await;
                text.contains("Your data").then_some(())
            })
            .await;
        crate::charts::screenshot(app, "import-report-en-1280.png").await;
        app.browser.set_viewport(390, 1600).await;
        scroll_to(app, REPORT).await;
        crate::charts::screenshot(app, "import-report-en-390.png").await;
        click(app, r#"[data-testid="lang-vi"]"#).await;
        scroll_to(app, TOGGLE).await;
        crate::charts::screenshot(app, "import-panel-vi-390.png").await;
        scroll_to(app, REPORT).await;
        crate::charts::screenshot(app, "import-report-vi-390.png").await;
        crate::home_map::assert_no_console_errors(app, "after an import").await;
    });
}

async fn scroll_to(app: &App, css: &str) {
    app.browser
        .execute(
            "const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView();",
            vec![json!(css)],
        )
        .await;
}

/// Drops `bytes` as a file called `name` on the drop zone, as a browser
/// does when a file is dragged from the desktop.
async fn drop_file(app: &App, name: &str, bytes: &[u8]) {
    app.browser
        .wait_for(r#"[data-testid="import-drop"]"#, WAIT)
        .await;
    app.browser
        .execute(
            "const bytes = new Uint8Array(arguments[1]);
             const file = new File([bytes], arguments[0]);
             const dt = new DataTransfer();
             dt.items.add(file);
             const zone = document.querySelector('[data-testid=import-drop]');
             zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
             zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
            vec![json!(name), json!(bytes)],
        )
        .await;
}

fn corpus(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import-corpus")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

#[test]
fn a_dropped_windows_1258_file_names_its_encoding() {
    crate::support::run(async |app| {
        open_home(app).await;
        open_panel(app).await;
        drop_file(
            app,
            "case-01-windows1258.csv",
            &corpus("case-01-windows1258.csv"),
        )
        .await;
        app.browser.wait_for(REPORT, IMPORT_WAIT).await;
        let encoding = app.browser.text(ENCODING).await;
        assert!(
            encoding.contains("1258"),
            "the encoding is named on screen: {encoding:?}"
        );
        let read = app.browser.text(".import-read").await;
        assert!(
            read.contains("case-01-windows1258.csv"),
            "the file's name: {read:?}"
        );
        // Decoded, the names match: Hàng Bồ, Yên Hoà, Thụy Khuê.
        assert_eq!(wait_for_row_status(app, 1, "matched").await.1, "00052");
        assert_eq!(wait_for_row_status(app, 2, "matched").await.1, "00172");
        assert_eq!(wait_for_row_status(app, 3, "matched").await.1, "00112");
    });
}

/// Whether the indicator picker offers a dataset titled `title`.
async fn offered(app: &App, title: &str) -> bool {
    app.browser
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0] + ' option'))
                .some(o => o.textContent === arguments[1]);",
            vec![json!(INDICATOR), json!(title)],
        )
        .await
        .as_bool()
        .unwrap_or(false)
}

/// Number of records in the panel's IndexedDB store.
async fn saved_records(app: &App) -> i64 {
    let value = app
        .browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const open = indexedDB.open('hanoi-wards-import', 1);
             open.onupgradeneeded = () => open.result.createObjectStore('datasets');
             open.onerror = () => done(-1);
             open.onsuccess = () => {
                 const req = open.result.transaction('datasets').objectStore('datasets').count();
                 req.onsuccess = () => { open.result.close(); done(req.result); };
                 req.onerror = () => done(-1);
             };",
            vec![],
        )
        .await
        .expect("count IndexedDB records");
    value.as_i64().unwrap_or(-1)
}

#[test]
fn a_kept_dataset_is_restored_after_a_reload_and_can_be_removed() {
    crate::support::run(async |app| {
        open_home(app).await;
        open_panel(app).await;
        paste(app, "Mã phường\tGiá trị\n00052\t12\n00001\t34\n").await;
        assert_eq!(wait_for_row_status(app, 1, "matched").await.1, "00052");
        set_period(app, "2024").await;
        set_value(
            app,
            r#"[data-testid="import-title"]"#,
            "Số liệu để lưu",
            "change",
        )
        .await;
        app.browser
            .wait_until("the title kept", IMPORT_WAIT, async || {
                let pending = app
                    .browser
                    .count(r#"[data-testid="import-status"] .loading"#)
                    .await;
                (pending == 0).then_some(())
            })
            .await;
        click(app, SHOW).await;
        app.browser.wait_for(SAVED_ITEM, WAIT).await;
        app.browser
            .wait_until("the dataset in IndexedDB", WAIT, async || {
                (saved_records(app).await == 1).then_some(())
            })
            .await;

        // Next visit: restored into the store and listed, without importing.
        open_home(app).await;
        let toggle = app.browser.wait_for(TOGGLE, WAIT).await;
        app.browser
            .wait_until("the saved count on the button", WAIT, async || {
                let text = toggle.text().await.ok()?;
                text.contains("(1)").then_some(())
            })
            .await;
        app.browser
            .wait_until(
                "the restored dataset in the indicator picker",
                WAIT,
                async || offered(app, "Số liệu để lưu").await.then_some(()),
            )
            .await;
        open_panel(app).await;
        let item = app.browser.text(SAVED_ITEM).await;
        assert!(item.contains("Số liệu để lưu"), "the saved list: {item:?}");

        click(app, SAVED_REMOVE).await;
        app.browser.wait_for_absent(SAVED_ITEM, WAIT).await;
        app.browser
            .wait_until("the record deleted", WAIT, async || {
                (saved_records(app).await == 0).then_some(())
            })
            .await;
        app.browser
            .wait_until("the dataset gone from the picker", WAIT, async || {
                (!offered(app, "Số liệu để lưu").await).then_some(())
            })
            .await;
    });
}
