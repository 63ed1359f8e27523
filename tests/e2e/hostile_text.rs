//! Hostile text in a dataset (issue 11, item 12): a right-to-left override
//! in a source name used to leak out and reverse the app's own text around
//! it. Such a file is now refused with an error that names the character,
//! and every text that comes from a dataset or a link is isolated from the
//! page's own text (`unicode-bidi: isolate`), so nothing can reorder it.

use serde_json::Value;

use crate::home_map::ROW;
use crate::support::{self, Fault, WAIT};
use crate::LOAD_ERROR;

/// The served catalogue, parsed.
fn dist_catalogue(root: &std::path::Path) -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(root.join("data/catalogue.json")).expect("dist catalogue"),
    )
    .expect("catalogue JSON")
}

/// The catalogue's first ward-level entry: the home view's default.
fn first_ward_entry(catalogue: &mut Value) -> &mut Value {
    catalogue["datasets"]
        .as_array_mut()
        .expect("datasets")
        .iter_mut()
        .find(|d| d["level"] == "ward")
        .expect("a ward dataset")
}

/// The URL path and text of the catalogue's first ward dataset: the one the
/// home view shows by default.
fn default_dataset(root: &std::path::Path) -> (String, String) {
    let mut catalogue = dist_catalogue(root);
    let url = first_ward_entry(&mut catalogue)["url"]
        .as_str()
        .expect("a dataset url")
        .to_string();
    let text = std::fs::read_to_string(root.join("data").join(&url)).expect("dataset file");
    (format!("/data/{url}"), text)
}

#[test]
fn a_dataset_with_a_right_to_left_override_is_refused_with_the_character_named() {
    support::run(async |app| {
        let (path, text) = default_dataset(app.server.root());
        let anchor = "\"source\": {";
        let at = text.find(anchor).expect("a source object") + anchor.len();
        let name_at = at + text[at..].find("\"name\": \"").expect("a source name") + 9;
        let poisoned = format!("{}\u{202e}(hnìĐ aB){}", &text[..name_at], &text[name_at..]);
        app.server.set_fault(&path, Fault::Body(poisoned));

        app.open("/").await;
        let detail = app
            .browser
            .wait_until("the load error with its technical detail", WAIT, async || {
                let value = app
                    .browser
                    .execute(
                        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
                        vec![LOAD_ERROR.into()],
                    )
                    .await;
                let text = value.as_str().unwrap_or_default().to_string();
                text.contains("U+202E").then_some(text)
            })
            .await;
        assert!(
            detail.contains("RIGHT-TO-LEFT OVERRIDE") && detail.contains(&path[1..]),
            "the error names the character and the file: {detail:?}"
        );
        let leaked = app
            .browser
            .execute(
                "return document.body.textContent.includes('\\u202e');",
                vec![],
            )
            .await;
        assert_eq!(leaked, Value::Bool(false), "the override reached the page");
    });
}

#[test]
fn names_and_sources_from_datasets_are_isolated_from_the_page_text() {
    support::run(async |app| {
        app.open("/").await;
        app.browser.wait_for(ROW, WAIT).await;
        let report = app
            .browser
            .execute(
                r#"
                const pick = (css) => Array.from(document.querySelectorAll(css));
                const checked = [
                    ...pick('table.ranking tbody [lang="vi"]'),
                    ...pick('table.ranking tbody td'),
                    ...pick('.dataset-text'),
                    ...pick('select#indicator option'),
                ];
                const open = checked
                    .filter((e) => getComputedStyle(e).unicodeBidi !== 'isolate')
                    .map((e) => e.outerHTML.slice(0, 120));
                return { checked: checked.length, open };
                "#,
                vec![],
            )
            .await;
        let checked = report["checked"].as_u64().unwrap_or(0);
        assert!(checked > 175, "too few elements checked: {report}");
        assert_eq!(
            report["open"].as_array().map(Vec::len),
            Some(0),
            "dataset texts without isolation: {report}"
        );
    });
}

#[test]
fn markup_in_a_dataset_title_and_source_stays_text() {
    support::run(async |app| {
        let (path, text) = default_dataset(app.server.root());
        let mut dataset: Value = serde_json::from_str(&text).expect("dataset JSON");
        let title = "<img src=x onerror=\"window.__pwned=1\"> tiêu đề";
        dataset["title"]["vi"] = title.into();
        dataset["source"]["name"] = "<script>window.__pwned=2</script> nguồn".into();
        app.server
            .set_fault(&path, Fault::Body(dataset.to_string()));
        // The indicator picker shows the catalogue's title: the same markup there.
        let mut catalogue = dist_catalogue(app.server.root());
        let entry = first_ward_entry(&mut catalogue);
        entry["title"]["vi"] = title.into();
        app.server
            .set_fault("/data/catalogue.json", Fault::Body(catalogue.to_string()));

        app.open("/").await;
        app.browser.wait_for(ROW, WAIT).await;
        let report = app
            .browser
            .execute(
                r#"
                return {
                    pwned: window.__pwned === undefined ? null : window.__pwned,
                    injected: document.querySelectorAll('img[src="x"], body script:not([src])').length,
                    shown: document.body.textContent.includes(arguments[0]),
                    source: document.body.textContent.includes('<script>window.__pwned=2</script>'),
                };
                "#,
                vec![title.into()],
            )
            .await;
        assert_eq!(report["pwned"], Value::Null, "a script ran: {report}");
        assert_eq!(report["injected"], 0, "markup became elements: {report}");
        assert_eq!(
            report["shown"], true,
            "the title is shown as text: {report}"
        );
        assert_eq!(
            report["source"], true,
            "the source is shown as text: {report}"
        );
    });
}
