//! The Content-Security-Policy (issue 11, item 9) and sandboxed embeds
//! (item 10).
//!
//! The policy is written once, in index.html's `<meta http-equiv>`; the test
//! server sends it as a header with every HTML page (support/server.rs), so
//! the whole suite runs under it. Here: the policy is strict, the built page
//! has no inline script or style, README.md recommends the same policy, no
//! view reports a violation, and an embed works inside
//! `<iframe sandbox="allow-scripts">` (an opaque origin).

use std::collections::BTreeMap;

use serde_json::json;

use crate::home_map::{BADGE, TILE};
use crate::support::server::{content_security_policy, start_tags};
use crate::support::{dist_dir, App, Fault, WAIT};

/// Directive name → its sources, in order.
fn directives(policy: &str) -> BTreeMap<String, Vec<String>> {
    policy
        .split(';')
        .filter_map(|d| {
            let mut words = d.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

/// The value of attribute `name` of a tag, if it has it.
fn attr<'a>(tag: &'a [(String, String)], name: &str) -> Option<&'a str> {
    tag.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn the_policy_is_strict_and_the_built_page_needs_no_inline_script_or_style() {
    let (dist, _fake) = dist_dir();
    let html = std::fs::read_to_string(dist.join("index.html")).expect("read dist/index.html");
    let policy = content_security_policy(&dist).expect("index.html has a CSP <meta>");
    let d = directives(&policy);
    let get = |name: &str| d.get(name).map(|v| v.join(" ")).unwrap_or_default();
    assert_eq!(get("script-src"), "'self' 'wasm-unsafe-eval'", "{policy}");
    assert_eq!(get("style-src"), "'self'", "{policy}");
    assert_eq!(get("default-src"), "'self'", "{policy}");
    assert_eq!(get("object-src"), "'none'", "{policy}");
    assert_eq!(get("base-uri"), "'self'", "{policy}");
    assert_eq!(get("frame-src"), "'self'", "{policy}");
    for (name, sources) in &d {
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "*"] {
            assert!(!sources.iter().any(|s| s == bad), "{name} allows {bad}");
        }
    }
    // The meta must come before anything it governs.
    let meta_at = html
        .to_ascii_lowercase()
        .find("http-equiv=content-security-policy")
        .or_else(|| {
            html.to_ascii_lowercase()
                .find("http-equiv=\"content-security-policy\"")
        })
        .expect("the CSP meta");
    for first in ["<script", "<link", "<style"] {
        if let Some(at) = html.to_ascii_lowercase().find(first) {
            assert!(meta_at < at, "the CSP <meta> must precede {first}");
        }
    }

    // No inline script: every <script> has a src (trunk's inline module
    // script is replaced by src/boot.js), and no style element or attribute.
    let scripts = start_tags(&html, "script");
    assert!(!scripts.is_empty());
    for tag in &scripts {
        assert!(
            attr(tag, "src").is_some(),
            "inline script in index.html: {tag:?}"
        );
    }
    assert!(
        start_tags(&html, "style").is_empty(),
        "a <style> element in index.html"
    );
    for name in [
        "html", "head", "body", "p", "span", "meta", "link", "script", "noscript",
    ] {
        for tag in start_tags(&html, name) {
            assert!(
                attr(&tag, "style").is_none(),
                "a style attribute: <{name} {tag:?}>"
            );
        }
    }

    // Integrity on what starts the app: the boot script, the glue
    // (modulepreload, reused by import()), the stylesheet, and the wasm
    // (fetched by boot.js with the integrity of <meta
    // name="app-wasm-integrity">; none on its preload link, where Chromium
    // ignores it and says so on every page).
    let boot = scripts
        .iter()
        .find(|t| attr(t, "src").is_some_and(|s| s.contains("boot-")))
        .expect("the boot script");
    assert!(
        attr(boot, "integrity").is_some_and(|i| i.starts_with("sha384-")),
        "{boot:?}"
    );
    assert_eq!(attr(boot, "type"), Some("module"), "{boot:?}");
    assert!(
        crate::boot::meta(&dist, "app-wasm-integrity").starts_with("sha384-"),
        "the wasm module's integrity"
    );
    let links = start_tags(&html, "link");
    let wasm = crate::boot::meta(&dist, "app-wasm");
    let glue = crate::boot::meta(&dist, "app-glue");
    let find = |rel: &str, href: Option<&str>| {
        links
            .iter()
            .find(|t| {
                attr(t, "rel") == Some(rel) && href.is_none_or(|h| attr(t, "href") == Some(h))
            })
            .unwrap_or_else(|| panic!("no {rel} link for {href:?}: {links:#?}"))
    };
    for tag in [find("modulepreload", Some(&glue)), find("stylesheet", None)] {
        assert!(
            attr(tag, "integrity").is_some_and(|i| i.starts_with("sha384-")),
            "{tag:?}"
        );
        // A sandboxed frame has an opaque origin: without CORS the
        // integrity check of any file fails there.
        assert!(attr(tag, "crossorigin").is_some(), "{tag:?}");
    }
    let preload = find("preload", Some(&wasm));
    assert!(attr(preload, "integrity").is_none(), "{preload:?}");
    assert!(attr(preload, "crossorigin").is_some(), "{preload:?}");

    // README.md recommends the same policy to hosts, as a header.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("read README.md");
    let header = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("Content-Security-Policy: "))
        .expect("README.md shows the Content-Security-Policy header");
    let recommended = directives(header);
    for (name, sources) in &d {
        assert_eq!(
            recommended.get(name),
            Some(sources),
            "README.md's header differs from index.html's policy in {name}"
        );
    }
    assert!(
        recommended.contains_key("frame-ancestors"),
        "the header adds frame-ancestors"
    );
}

/// Log entries that report a CSP violation.
async fn violations(app: &App) -> Vec<String> {
    app.browser
        .browser_log()
        .await
        .into_iter()
        .filter(|e| e.message.contains("Content Security Policy"))
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn no_view_reports_a_policy_violation() {
    crate::support::run(async |app| {
        let policy = app.server.policy().expect("the server sends the policy");
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval'"));

        // The map with a selected ward's tooltip (its position) and the legend.
        app.open("/?ward=00052").await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        // The wasm module is downloaded once: boot.js's checked fetch uses
        // the preloaded bytes.
        let wasm = crate::boot::meta(app.server.root(), "app-wasm");
        assert_eq!(
            app.server.requests(&wasm),
            1,
            "{:?}",
            app.server.request_log()
        );
        let tooltip = app
            .browser
            .wait_for(r#"[data-testid="tooltip"]"#, WAIT)
            .await;
        let placed = app
            .browser
            .execute(
                "const t = document.querySelector('[data-testid=tooltip]');
                 return [t.style.left, t.style.top, t.hasAttribute('style')];",
                vec![],
            )
            .await;
        assert!(
            placed[0].as_str().is_some_and(|s| s.ends_with('%'))
                && placed[1].as_str().is_some_and(|s| s.ends_with('%')),
            "the tooltip is placed: {placed}"
        );
        assert!(tooltip.is_displayed().await.unwrap_or(false));
        // Legend swatches have their colour.
        let swatches = app
            .browser
            .execute(
                "return Array.from(document.querySelectorAll('[data-testid=legend] span.swatch'))
                    .map((s) => getComputedStyle(s).backgroundColor);",
                vec![],
            )
            .await;
        let swatches = swatches.as_array().cloned().unwrap_or_default();
        assert!(!swatches.is_empty(), "legend swatches");
        for colour in &swatches {
            assert_ne!(
                colour.as_str(),
                Some("rgba(0, 0, 0, 0)"),
                "a legend swatch lost its colour: {swatches:?}"
            );
        }

        // A ward's profile with its trend charts (ECharts).
        app.open("/ward/00001").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;
        app.open("/compare?wards=00001,00052").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;
        app.open("/districts").await;
        app.browser
            .wait_for(r#"[data-testid="legend"]"#, WAIT)
            .await;
        app.open("/embed/map?v=1&ward=00052").await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        app.browser.wait_for(BADGE, WAIT).await;
        app.open("/embed/chart").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;

        let found = violations(app).await;
        assert!(found.is_empty(), "CSP violations: {found:#?}");
        assert_eq!(app.browser.count(r#"[data-testid="app-failure"]"#).await, 0);
        // No integrity the browser ignores, no preload left unused.
        let preload_warnings: Vec<String> = app
            .browser
            .browser_log()
            .await
            .into_iter()
            .filter(|e| e.message.contains("integrity") || e.message.contains("preload"))
            .map(|e| e.to_string())
            .collect();
        assert!(preload_warnings.is_empty(), "{preload_warnings:#?}");

        // The check can see a violation: an inline style attribute is
        // refused and reported.
        app.browser
            .execute(
                "document.body.setAttribute('style', 'outline: 1px solid red'); return 1;",
                vec![],
            )
            .await;
        app.browser
            .wait_until("the violation reported", WAIT, async || {
                (!violations(app).await.is_empty()).then_some(())
            })
            .await;
    });
}

const HOST_PAGE: &str = "/e2e-article.html";

/// Serves a blank article holding `frame` and opens it.
async fn open_article(app: &App, frame: &str) {
    app.server.set_fault(
        HOST_PAGE,
        Fault::Body(format!(
            "<!doctype html><meta charset=utf-8><title>Bài báo</title><h1>Bài báo</h1>{frame}"
        )),
    );
    app.open(HOST_PAGE).await;
}

async fn enter_frame(app: &App) {
    app.browser
        .wait_for("iframe", WAIT)
        .await
        .enter_frame()
        .await
        .expect("enter the iframe");
}

#[test]
fn an_embed_works_in_a_frame_sandboxed_with_allow_scripts_only() {
    crate::support::run(async |app| {
        let src = app
            .server
            .url("/embed/chart?v=1&indicator=synthetic-timeliness-score");
        open_article(
            app,
            &format!(
                r#"<iframe sandbox="allow-scripts" src="{src}" width="100%" height="700"></iframe>"#
            ),
        )
        .await;
        enter_frame(app).await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;
        app.browser.wait_for(BADGE, WAIT).await;
        let origin = app.browser.execute("return window.origin;", vec![]).await;
        assert_eq!(origin, json!("null"), "the frame has an opaque origin");
        // Downloads may be refused there: the note says so, next to them.
        let note = app
            .browser
            .wait_for(r#".chart-downloads [data-testid="sandbox-note"]"#, WAIT)
            .await;
        let text = note.text().await.expect("note text");
        assert!(text.contains("chặn"), "{text:?}");
        assert_eq!(app.browser.count(r#"[data-testid="app-failure"]"#).await, 0);

        // The map too, and the language a CMS cannot let it remember.
        app.browser
            .client
            .enter_parent_frame()
            .await
            .expect("leave the frame");
        let src = app.server.url("/embed/map?v=1&lang=en");
        open_article(
            app,
            &format!(
                r#"<iframe sandbox="allow-scripts" src="{src}" width="100%" height="700"></iframe>"#
            ),
        )
        .await;
        enter_frame(app).await;
        app.browser.wait_for_count(TILE, 175, WAIT).await;
        let lang = app
            .browser
            .execute("return document.documentElement.lang;", vec![])
            .await;
        assert_eq!(lang, json!("en"));
        assert_eq!(app.browser.count(r#"[data-testid="app-failure"]"#).await, 0);
        app.browser
            .client
            .enter_parent_frame()
            .await
            .expect("leave the frame");
        let found = violations(app).await;
        assert!(found.is_empty(), "CSP violations: {found:#?}");
    });
}

#[test]
fn outside_a_sandbox_no_download_note_is_shown() {
    crate::support::run(async |app| {
        app.open("/embed/chart").await;
        app.browser
            .wait_for(r#"[data-testid="chart"][data-chart-ready="true"]"#, WAIT)
            .await;
        app.browser
            .wait_for(r#"[data-testid="chart-png"]"#, WAIT)
            .await;
        assert_eq!(
            app.browser.count(r#"[data-testid="sandbox-note"]"#).await,
            0
        );
    });
}
