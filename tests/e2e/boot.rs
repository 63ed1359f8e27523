//! Start-up (issue 11, items 6 and 11): when the app's own files cannot be
//! loaded, fail their integrity check, or the app throws or panics while
//! starting, the page shows one readable bilingual message with a reload
//! button instead of "Đang tải ứng dụng…" forever; after start-up an
//! uncaught error gets a notice that leaves the page usable. The wasm
//! module and its JS glue are checked against the sha384 trunk writes into
//! index.html: a module with one byte changed does not run.

use std::path::Path;

use serde_json::json;

use crate::support::server::start_tags;
use crate::support::{App, Fault, WAIT};

const FAILURE: &str = r#"[data-testid="app-failure"]"#;
const NOTICE: &str = r#"[data-testid="app-notice"]"#;
const RELOAD: &str = r#"[data-testid="app-failure"] button[data-testid="reload"]"#;
/// Present once the app has mounted.
const STARTED: &str = "header.site-header";
const HOOK: &str = "/e2e-hook.js";

/// The `content` of `<meta name="{name}">` in the served index.html
/// (written by `pattern_script` in Trunk.toml).
pub(crate) fn meta(root: &Path, name: &str) -> String {
    let html = std::fs::read_to_string(root.join("index.html")).expect("read index.html");
    start_tags(&html, "meta")
        .into_iter()
        .find(|attrs| attrs.iter().any(|(k, v)| k == "name" && v == name))
        .and_then(|attrs| attrs.into_iter().find(|(k, _)| k == "content"))
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("no <meta name={name:?} content> in index.html"))
}

/// URL paths of the wasm module and of its JS glue.
fn app_files(app: &App) -> (String, String) {
    let root = app.server.root();
    (meta(root, "app-wasm"), meta(root, "app-glue"))
}

/// Waits for the failure message and checks what every one must have:
/// an alert in both languages with a reload button, and no app behind it.
async fn expect_failure(app: &App, kind: &str) -> String {
    let failure = app.browser.wait_for(FAILURE, WAIT).await;
    assert_eq!(
        failure.attr("role").await.expect("role").as_deref(),
        Some("alert"),
        "the failure must be announced"
    );
    assert_eq!(
        failure
            .attr("data-kind")
            .await
            .expect("data-kind")
            .as_deref(),
        Some(kind),
        "{}",
        app.browser.describe().await
    );
    // All of it, the folded details included.
    let text = crate::home_map::text_content(app, FAILURE).await;
    let (vi, en) = match kind {
        "load" => ("Không tải được ứng dụng", "The app could not be loaded"),
        _ => ("Ứng dụng gặp lỗi", "The app hit an error"),
    };
    assert!(
        text.contains(vi) && text.contains(en),
        "the message is in both languages: {text:?}"
    );
    app.browser.wait_for(RELOAD, WAIT).await;
    assert_eq!(app.browser.count(FAILURE).await, 1, "one message, not two");
    assert_eq!(
        app.browser.count("#boot").await,
        0,
        "the loading line is gone"
    );
    text
}

/// Clears the faults, clicks reload: the app starts.
async fn reload_recovers(app: &App) {
    app.server.clear_faults();
    app.browser
        .wait_for(RELOAD, WAIT)
        .await
        .click()
        .await
        .expect("click reload");
    app.browser.wait_for(STARTED, WAIT).await;
    app.browser.wait_for_absent(FAILURE, WAIT).await;
}

async fn log_mentions(app: &App, needle: &str) -> bool {
    app.browser
        .browser_log()
        .await
        .iter()
        .any(|e| e.message.contains(needle))
}

#[test]
fn a_wasm_module_with_one_byte_changed_is_refused() {
    crate::support::run(async |app| {
        let (wasm, _) = app_files(app);
        let mut bytes = std::fs::read(app.server.root().join(wasm.trim_start_matches('/')))
            .expect("read the wasm module");
        // A letter of a message in the data section: the module stays valid
        // and would run (the old page started it), only its hash changes.
        let needle = b"panicked";
        let at = bytes
            .windows(needle.len())
            .position(|w| w == needle)
            .expect("the panic message is in the module's data");
        bytes[at] = b'P';
        app.server.set_fault(&wasm, Fault::Bytes(bytes));
        app.open("/").await;
        let text = expect_failure(app, "load").await;
        println!("message for a changed wasm: {text:?}");
        assert_eq!(app.browser.count(STARTED).await, 0, "the app must not run");
        assert!(
            log_mentions(app, "integrity").await,
            "the browser says the integrity check failed: {:#?}",
            app.browser.browser_log().await
        );
        reload_recovers(app).await;
    });
}

#[test]
fn a_truncated_wasm_module_shows_the_message_and_reload_recovers() {
    crate::support::run(async |app| {
        let (wasm, _) = app_files(app);
        let size = std::fs::metadata(app.server.root().join(wasm.trim_start_matches('/')))
            .expect("wasm size")
            .len();
        app.server
            .set_fault(&wasm, Fault::Truncate(usize::try_from(size / 2).unwrap()));
        app.open("/ward/00001").await;
        expect_failure(app, "load").await;
        reload_recovers(app).await;
        assert!(
            app.browser
                .client
                .current_url()
                .await
                .expect("url")
                .path()
                .ends_with("/ward/00001"),
            "reload keeps the page"
        );
    });
}

#[test]
fn a_missing_or_changed_js_glue_shows_the_message() {
    crate::support::run(async |app| {
        let (_, glue) = app_files(app);
        app.server.set_fault(&glue, Fault::Status(404));
        app.open("/").await;
        let text = expect_failure(app, "load").await;
        assert!(text.contains(&glue), "the detail names the file: {text:?}");
        reload_recovers(app).await;

        // The glue is checked too (its <link rel="modulepreload" integrity>).
        let original =
            std::fs::read_to_string(app.server.root().join(glue.trim_start_matches('/')))
                .expect("read the glue");
        app.server
            .set_fault(&glue, Fault::Body(format!("{original}\n// changed\n")));
        app.open("/").await;
        expect_failure(app, "load").await;
        assert_eq!(app.browser.count(STARTED).await, 0, "the app must not run");
    });
}

/// Serves `/` with `script` run first thing in the start-up module: the
/// page's boot script, prefixed by `script`, from another path and without
/// its integrity (the glue's and the wasm's stay). An extra file would be
/// the page's sixth concurrent connection, which tiny_http's pool may leave
/// unserved; the policy allows no inline script.
fn inject(app: &App, script: &str) {
    let root = app.server.root();
    let html = std::fs::read_to_string(root.join("index.html")).expect("read index.html");
    let lower = html.to_ascii_lowercase();
    let start = lower
        .match_indices("<script")
        .map(|(at, _)| at)
        .find(|&at| lower[at..at + lower[at..].find('>').unwrap()].contains("boot-"))
        .expect("the boot script tag");
    let end = start + lower[start..].find('>').unwrap() + 1;
    let tag = start_tags(&html[start..end], "script").remove(0);
    let src = tag
        .iter()
        .find(|(k, _)| k == "src")
        .map(|(_, v)| v.clone())
        .expect("src");
    let boot = std::fs::read_to_string(root.join(src.trim_start_matches('/'))).expect("boot.js");
    let page = format!(
        r#"{}<script type="module" src="{HOOK}"></script>{}"#,
        &html[..start],
        &html[end..]
    );
    app.server.set_fault("/", Fault::Body(page));
    app.server
        .set_fault(HOOK, Fault::Body(format!("{script}\n{boot}")));
}

#[test]
fn an_exception_while_rendering_shows_the_message() {
    crate::support::run(async |app| {
        // The first text node the app (wasm) creates throws, as a broken
        // browser API or extension would.
        inject(
            app,
            "(() => {
                const create = Document.prototype.createTextNode;
                let thrown = false;
                Document.prototype.createTextNode = function (...args) {
                    if (!thrown && /wasm/.test(new Error().stack)) {
                        thrown = true;
                        throw new Error('e2e: rendering failed');
                    }
                    return create.apply(this, args);
                };
            })();",
        );
        app.open("/").await;
        let text = expect_failure(app, "crash").await;
        assert!(text.contains("e2e: rendering failed"), "{text:?}");
        reload_recovers(app).await;
    });
}

#[test]
fn a_panic_at_start_shows_the_same_message_once() {
    crate::support::run(async |app| {
        // The app finds no <body> to mount on (tachys unwraps it): a panic.
        inject(
            app,
            "(() => {
                const body = Object.getOwnPropertyDescriptor(Document.prototype, 'body');
                let hidden = false;
                Object.defineProperty(Document.prototype, 'body', {
                    configurable: true,
                    get() {
                        if (!hidden && /wasm/.test(new Error().stack)) {
                            hidden = true;
                            return null;
                        }
                        return body.get.call(this);
                    },
                });
            })();",
        );
        app.open("/").await;
        let text = expect_failure(app, "crash").await;
        assert!(text.contains("panicked"), "{text:?}");
        reload_recovers(app).await;
    });
}

#[test]
fn an_error_after_start_shows_a_notice_that_leaves_the_page_usable() {
    crate::support::run(async |app| {
        // Errors from the page's own code (errors of scripts run by the
        // WebDriver are muted, and their rejections never reported).
        inject(
            app,
            "addEventListener('e2e-throw', () => { throw new Error('e2e: later'); });
             addEventListener('e2e-reject', () => { Promise.reject(new Error('e2e: rejected')); });",
        );
        crate::home_map::open_home(app).await;
        let fire = async |name: &str| {
            app.browser
                .execute(
                    "setTimeout(() => dispatchEvent(new Event(arguments[0])), 0); return true;",
                    vec![json!(name)],
                )
                .await;
        };
        fire("e2e-throw").await;
        let notice = app.browser.wait_for(NOTICE, WAIT).await;
        assert_eq!(
            notice.attr("role").await.expect("role").as_deref(),
            Some("status"),
            "a notice, not an alert"
        );
        assert_eq!(
            app.browser.count(FAILURE).await,
            0,
            "nothing blocks the page"
        );
        assert_eq!(
            app.browser.count(crate::home_map::TILE).await,
            175,
            "the map stays"
        );
        app.browser
            .wait_for(r#"[data-testid="app-notice"] .app-notice-close"#, WAIT)
            .await
            .click()
            .await
            .expect("close the notice");
        app.browser.wait_for_absent(NOTICE, WAIT).await;
        // An unhandled promise rejection is reported the same way.
        fire("e2e-reject").await;
        app.browser.wait_for(NOTICE, WAIT).await;
        assert_eq!(app.browser.count(FAILURE).await, 0);
    });
}

#[test]
fn the_failure_message_fits_a_phone() {
    crate::support::run(async |app| {
        let (_, glue) = app_files(app);
        app.server.set_fault(&glue, Fault::Status(404));
        app.browser.set_viewport(390, 844).await;
        app.open("/compare?wards=00001,00052").await;
        expect_failure(app, "load").await;
        let fits = app
            .browser
            .execute(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();
                 return [document.documentElement.scrollWidth, window.innerWidth, r.left, r.right];",
                vec![json!(FAILURE)],
            )
            .await;
        let n = |i: usize| fits[i].as_f64().unwrap_or(f64::NAN);
        assert!(
            n(0) <= n(1) && n(2) >= 0.0 && n(3) <= n(1),
            "the message overflows a 390 px screen (scrollWidth, innerWidth, left, right): {fits}"
        );
        crate::charts::screenshot(app, "boot-failure-390.png").await;
    });
}
