//! Two languages (issue 6): the reader switches to English and every view
//! shows no Vietnamese except ward and district names; numbers and
//! periods follow the language; the choice is remembered; a `lang` link
//! parameter wins for that visit; `<html lang>` says which is shown.

use serde_json::{json, Value};

use crate::home_map::{choose, eventually, open_home, select_value, BADGE, PERIOD, ROW, TILE};
use crate::links::{history, search};
use crate::support::{App, WAIT};

/// Every text node, and every placeholder, aria-label, title and alt, that
/// has Vietnamese letters once the names in `arguments[0]` (every ward and
/// district name, longest first) are taken out, and is not inside an
/// element marked `lang="vi"`. An accessible name such as "Phúc Xá, Ba
/// Đình: 91.9%, rank 3/171" cannot mark the names inside it, so names are
/// removed rather than required to be marked.
const UNTRANSLATED: &str = r#"
const names = arguments[0];
const withoutNames = (text) => names.reduce((t, name) => t.split(name).join(' '), text);
const vietnamese = (text) => /[àáâãèéêìíòóôõùúýăđĩũơư\u1EA0-\u1EF9]/iu.test(withoutNames(text));
const markedVietnamese = (el) => {
  const marked = el && el.closest('[lang]');
  return !!marked && marked.getAttribute('lang').startsWith('vi');
};
const found = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const el = node.parentElement;
  if (!el || el.closest('script, style, noscript')) continue;
  const text = node.textContent.trim();
  if (vietnamese(text) && !markedVietnamese(el)) {
    found.push(`<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}"> ${text}`);
  }
}
for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
  for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
    const value = el.getAttribute(name);
    if (value && vietnamese(value) && !markedVietnamese(el)) {
      found.push(`<${el.tagName.toLowerCase()} ${name}="${value}">`);
    }
  }
}
return found;
"#;

async fn html_lang(app: &App) -> String {
    app.browser
        .execute("return document.documentElement.lang;", vec![])
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn switch_to(app: &App, code: &str) {
    let button = app
        .browser
        .wait_for(&format!(r#"button[data-testid="lang-{code}"]"#), WAIT)
        .await;
    button.click().await.expect("click the language button");
    eventually(app, "the page's language", async || {
        let lang = html_lang(app).await;
        (lang == code).then_some(()).ok_or(lang)
    })
    .await;
}

/// Waits until the view has finished loading: no loading message, and
/// `ready` (a selector) present.
async fn settle(app: &App, ready: &str) {
    app.browser.wait_for(ready, WAIT).await;
    app.browser
        .wait_for_absent(r#"[data-testid="loading"]"#, WAIT)
        .await;
}

/// Every ward and district name (short and full) of the bundled registry,
/// and the one document number the datasets cite, longest first so "Phường Hàng Bồ" goes before "Hàng Bồ".
fn registry_names() -> Vec<String> {
    let (dist, _fake) = crate::support::dist_dir();
    let text = std::fs::read_to_string(dist.join("data/wards.json")).expect("read wards.json");
    let registry: Value = serde_json::from_str(&text).expect("wards.json is JSON");
    let mut names: Vec<String> = ["wards", "districts"]
        .iter()
        .flat_map(|list| registry[list].as_array().cloned().unwrap_or_default())
        .flat_map(|unit| {
            ["name", "full_name"].map(|key| unit[key].as_str().unwrap_or_default().to_owned())
        })
        .filter(|name| !name.is_empty())
        // Legal documents are cited by their number, which is not
        // translated: Decision 766/QĐ-TTg.
        .chain(["QĐ-TTg".to_owned()])
        .collect();
    names.sort();
    names.dedup();
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    names
}

async fn untranslated(app: &App, names: &[String]) -> Vec<String> {
    serde_json::from_value(app.browser.execute(UNTRANSLATED, vec![json!(names)]).await)
        .expect("a list")
}

#[test]
fn every_view_in_english_shows_vietnamese_only_in_names() {
    crate::support::run(async |app| {
        open_home(app).await;
        assert_eq!(html_lang(app).await, "vi", "Vietnamese by default");
        switch_to(app, "en").await;
        // Switched in place: the map and the table are still there, and no
        // text was left behind in Vietnamese.
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        let first = app.browser.wait_for(ROW, WAIT).await;
        drop(first);
        let names = registry_names();
        assert!(names.len() > 175, "{} names", names.len());
        let in_place = untranslated(app, &names).await;
        assert!(
            in_place.is_empty(),
            "after switching in place: {in_place:#?}"
        );

        let views: &[(&str, &str)] = &[
            ("/", ROW),
            ("/?v=1&ward=00001&mode=change&base=2021-Q3", ROW),
            ("/ward/00001", "table.profile"),
            ("/compare?wards=00001,00004,00052", "table"),
            ("/districts", "table"),
            ("/district/001", "table"),
            ("/composite", "table"),
            ("/wards", r#"[data-testid="summary"]"#),
            ("/embed/map", TILE),
            ("/embed/table", ROW),
            ("/embed/chart", r#"[data-chart-ready="true"]"#),
            ("/no-such-page", "main h1"),
        ];
        let mut problems = Vec::new();
        for (path, ready) in views {
            // A fresh load: the remembered choice, not the signal, decides.
            app.open(path).await;
            settle(app, ready).await;
            assert_eq!(html_lang(app).await, "en", "{path}: remembered");
            for found in untranslated(app, &names).await {
                problems.push(format!("{path}: {found}"));
            }
        }
        assert!(
            problems.is_empty(),
            "Vietnamese outside names in English views:\n{}",
            problems.join("\n")
        );

        // Back to Vietnamese and to English again, in place, on pages that
        // redraw from data already loaded.
        for (path, ready) in [("/ward/00001", "table.profile"), ("/composite", "table")] {
            app.open(path).await;
            settle(app, ready).await;
            switch_to(app, "vi").await;
            switch_to(app, "en").await;
            settle(app, ready).await;
            for found in untranslated(app, &names).await {
                problems.push(format!("{path}, switched in place: {found}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    });
}

#[test]
fn numbers_and_periods_follow_the_language_and_a_link_parameter_wins() {
    crate::support::run(async |app| {
        app.open("/?v=1&period=2021-Q3&lang=en").await;
        settle(app, ROW).await;
        assert_eq!(html_lang(app).await, "en");
        let period = app.browser.text(r#"select#period option:checked"#).await;
        assert_eq!(period.trim(), "Q3 2021");
        let value = app.browser.text(&format!("{ROW} td.value")).await;
        assert!(
            value.contains('.') && !value.contains(','),
            "English decimal point: {value}"
        );

        // Switching keeps the lang parameter in step, so a reload or a copied
        // address shows the chosen language.
        switch_to(app, "vi").await;
        let period = app.browser.text(r#"select#period option:checked"#).await;
        assert_eq!(period.trim(), "Quý 3/2021");
        let value = app.browser.text(&format!("{ROW} td.value")).await;
        assert!(value.contains(','), "Vietnamese decimal comma: {value}");
        let search = search(app).await;
        assert!(search.contains("lang=vi"), "{search}");

        // A link that names only the language is a whole, valid link: no
        // "ignored parameters" notice.
        app.open("/?lang=en").await;
        settle(app, ROW).await;
        assert_eq!(html_lang(app).await, "en");
        assert_eq!(
            app.browser.count(r#"[data-testid="dropped-params"]"#).await,
            0,
            "lang alone is not an unknown parameter"
        );

        // An English link opens in English even though Vietnamese was chosen…
        app.open("/embed/table?v=1&lang=en").await;
        settle(app, BADGE).await;
        assert_eq!(html_lang(app).await, "en");
        // …and the choice (Vietnamese) still holds for links without one.
        app.open("/districts").await;
        settle(app, "table").await;
        assert_eq!(html_lang(app).await, "vi");
        let stored: Value = app
            .browser
            .execute("return localStorage.getItem('hanoi-wards.lang');", vec![])
            .await;
        assert_eq!(stored, json!("vi"));
    });
}

async fn history_length(app: &App) -> i64 {
    app.browser
        .execute("return history.length;", vec![])
        .await
        .as_i64()
        .unwrap_or(-1)
}

async fn wait_for_period(app: &App, period: &str) {
    eventually(app, "the period of this history entry", async || {
        let got = select_value(app, PERIOD).await;
        (got == period).then_some(()).ok_or(got)
    })
    .await;
}

#[test]
fn back_and_forward_still_work_after_switching_language() {
    crate::support::run(async |app| {
        open_home(app).await;
        // The dataset is loaded once the map is: its latest period is shown.
        let latest = select_value(app, PERIOD).await;
        assert!(!latest.is_empty() && latest != "2022-Q3", "{latest}");
        choose(app, PERIOD, "2022-Q3").await;
        wait_for_period(app, "2022-Q3").await;
        // Rewrites this entry's address with lang=en; adds none.
        switch_to(app, "en").await;
        choose(app, PERIOD, "2022-Q1").await;
        wait_for_period(app, "2022-Q1").await;
        let length = history_length(app).await;

        history(app, -1).await;
        wait_for_period(app, "2022-Q3").await;
        // Back to the first entry, written before the switch: no lang in it.
        history(app, -1).await;
        wait_for_period(app, &latest).await;
        assert_eq!(html_lang(app).await, "en", "Back does not undo the choice");
        assert_eq!(
            history_length(app).await,
            length,
            "reading an older entry back adds no entry"
        );

        history(app, 2).await;
        wait_for_period(app, "2022-Q1").await;
        let search = search(app).await;
        assert!(search.contains("lang=en"), "{search}");
    });
}
