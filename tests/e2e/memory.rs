//! Memory benchmarks in the browser: wasm linear memory (which never
//! shrinks, so what matters is that it stops growing) while the home view
//! switches indicators, and with a generated catalogue of 514 ward
//! datasets. The figures are printed (`-- --nocapture` to see them); the
//! only assertions are bounds far above the measured figures, so these
//! tests catch a return of unbounded growth without ever being flaky.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::home_map::{INDICATOR, ROW};
use crate::support::{App, Fault, WAIT};

const INFO_DEFINITION: &str = r#"[data-testid="indicator-info"] .definition"#;

/// The ward datasets a generated catalogue has: the catalogue size of the
/// report that found memory growing with the catalogue.
const GENERATED: usize = 514;

/// The bundled file the generated datasets are copies of (the largest).
const TEMPLATE: &str = "synthetic-timeliness-share";

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn read_value(relative: &str) -> Value {
    let path = data_dir().join(relative);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// Bytes of the app's wasm linear memory. The glue module (named by the
/// page's `<meta name="app-glue">`, else its modulepreload link) is already
/// loaded, so importing it again returns the same instance, whose init
/// returns the running module's exports when called a second time.
async fn wasm_memory(app: &App) -> u64 {
    let value = app
        .browser
        .execute(
            r#"
            const meta = document.querySelector('meta[name="app-glue"]');
            const link = document.querySelector('link[rel="modulepreload"]');
            const url = meta ? meta.content : link ? link.href : null;
            if (!url) return -1;
            const glue = await import(new URL(url, document.baseURI).href);
            const exports = await glue.default();
            return exports.memory.buffer.byteLength;
            "#,
            vec![],
        )
        .await;
    value
        .as_u64()
        .unwrap_or_else(|| panic!("wasm memory not reachable: {value}"))
}

/// The JS heap in use (Chromium's `performance.memory`), for context.
async fn js_heap(app: &App) -> u64 {
    app.browser
        .execute(
            "return performance.memory ? performance.memory.usedJSHeapSize : 0;",
            vec![],
        )
        .await
        .as_u64()
        .unwrap_or(0)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Picks `id` in the indicator picker, as a reader does, and waits until
/// the view shows its description (`definition`, the Vietnamese text).
async fn switch_to(app: &App, id: &str, definition: &str) {
    app.browser
        .execute(
            r#"
            const [css, id] = arguments;
            const select = document.querySelector(css);
            select.value = id;
            select.dispatchEvent(new Event('change', { bubbles: true }));
            "#,
            vec![json!(INDICATOR), json!(id)],
        )
        .await;
    app.browser
        .wait_until(&format!("the home view to show {id}"), WAIT, async || {
            let shown = app.browser.text(INFO_DEFINITION).await;
            (shown.trim() == definition.trim()).then_some(())
        })
        .await;
}

/// (id, Vietnamese description) of each bundled ward dataset.
fn bundled_ward_datasets() -> Vec<(String, String)> {
    let catalogue = read_value("catalogue.json");
    catalogue["datasets"]
        .as_array()
        .expect("datasets")
        .iter()
        .filter(|e| e["level"] == "ward")
        .map(|e| {
            let id = e["id"].as_str().expect("id").to_string();
            let dataset = read_value(e["url"].as_str().expect("url"));
            let description = dataset["description"]["vi"].as_str().expect("vi");
            (id, description.to_string())
        })
        .collect()
}

#[test]
fn indicator_switches_stop_growing_wasm_memory() {
    crate::support::run(async |app| {
        let datasets = bundled_ward_datasets();
        app.open("/").await;
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        let start = wasm_memory(app).await;
        // Every dataset once (each fetched and parsed), then round after
        // round of the same ones: the memory of the first rounds may grow
        // (allocator pools, caches filling up); later rounds must reuse it.
        const WARM_UP: usize = 50;
        const MEASURED: usize = 200;
        let mut warm = 0;
        let started = Instant::now();
        for i in 0..WARM_UP + MEASURED {
            if i == WARM_UP {
                warm = wasm_memory(app).await;
            }
            let (id, definition) = &datasets[(i + 1) % datasets.len()];
            switch_to(app, id, definition).await;
        }
        let end = wasm_memory(app).await;
        let per_switch = (end - warm) as f64 / MEASURED as f64 / 1000.0;
        println!(
            "wasm memory: {} at start, {} after {WARM_UP} indicator switches, {} after {} \
             ({per_switch:.1} KB per switch over the last {MEASURED}; JS heap {}; {:.1} s)",
            mb(start),
            mb(warm),
            mb(end),
            WARM_UP + MEASURED,
            mb(js_heap(app).await),
            started.elapsed().as_secs_f64()
        );
        // Measured: 4.0 MB at start, 7.5 MB after 50 switches, 8.3 MB after
        // 250, i.e. 3.9 KB a switch (15.7 KB before the ranking rows stopped
        // each subscribing to the selection; the issue reports 17 KB; what
        // is left is in ARCHITECTURE.md, "Memory"). The bound is far above
        // that and catches a view that keeps each dataset it showed (over
        // 100 KB a switch).
        assert!(
            end - warm <= 20_000_000,
            "wasm memory grew by {} over {MEASURED} indicator switches",
            mb(end - warm)
        );
    });
}

/// A catalogue of [`GENERATED`] ward datasets, served by the test server
/// (copies of the template under ids `bench-0000`…, each with its own
/// title and description), and their (id, description).
fn serve_generated_catalogue(app: &App) -> Vec<(String, String)> {
    let mut catalogue = read_value("catalogue.json");
    let template_entry = catalogue["datasets"]
        .as_array()
        .expect("datasets")
        .iter()
        .find(|e| e["id"] == TEMPLATE)
        .expect("the template is in the catalogue")
        .clone();
    let template = read_value(template_entry["url"].as_str().expect("url"));
    let mut entries = Vec::new();
    let mut shown = Vec::new();
    for i in 0..GENERATED {
        let id = format!("bench-{i:04}");
        let title = json!({"vi": format!("Chỉ số thử {i}"), "en": format!("Test indicator {i}")});
        let description = format!("Bộ dữ liệu thử số {i}");
        let mut dataset = template.clone();
        dataset["id"] = json!(id);
        dataset["title"] = title.clone();
        dataset["description"]["vi"] = json!(description);
        let mut entry = template_entry.clone();
        entry["id"] = json!(id);
        entry["title"] = title;
        entry["url"] = json!(format!("datasets/{id}.json"));
        app.server.set_fault(
            &format!("/data/datasets/{id}.json"),
            Fault::Body(dataset.to_string()),
        );
        entries.push(entry);
        shown.push((id, description));
    }
    catalogue["datasets"] = Value::Array(entries);
    app.server
        .set_fault("/data/catalogue.json", Fault::Body(catalogue.to_string()));
    shown
}

#[test]
fn a_catalogue_of_514_datasets_fits_in_memory() {
    crate::support::run(async |app| {
        let datasets = serve_generated_catalogue(app);

        // The home view through 100 different indicators: each is fetched
        // and parsed once; the cache keeps only the last few.
        app.open("/").await;
        app.browser.wait_for_count(ROW, 175, WAIT).await;
        let start = wasm_memory(app).await;
        const SWITCHES: usize = 100;
        for (id, definition) in datasets.iter().skip(1).take(SWITCHES) {
            switch_to(app, id, definition).await;
        }
        let after_switches = wasm_memory(app).await;
        println!(
            "{GENERATED}-dataset catalogue, home view: wasm memory {} at start, {} after \
             {SWITCHES} switches to new indicators",
            mb(start),
            mb(after_switches)
        );

        // A ward's profile reads every dataset of the catalogue.
        let started = Instant::now();
        app.open("/ward/00001").await;
        app.browser
            .wait_until(
                &format!("the profile to list {GENERATED} indicators"),
                Duration::from_secs(300),
                async || {
                    let n = app.browser.count("tr[data-indicator]").await;
                    (n >= GENERATED).then_some(())
                },
            )
            .await;
        let took = started.elapsed();
        let profile = wasm_memory(app).await;
        println!(
            "{GENERATED}-dataset catalogue, /ward/00001: shown in {:.1} s, wasm memory {} \
             (JS heap {})",
            took.as_secs_f64(),
            mb(profile),
            mb(js_heap(app).await)
        );
        // Measured: 128 MB and 23 s with every dataset shared (`Arc`) by
        // WithWardData's slots, its memo and the view: one copy of each;
        // 319 MB and 22 s when each held its own copy; the issue reports
        // 537 MB and 26 s before compact rows. A bound far above the
        // figure: a return to the old ~1 MB a dataset fails.
        assert!(
            profile <= 480_000_000,
            "wasm memory {} for {GENERATED} datasets",
            mb(profile)
        );
        // Measured: 5.2 MB to 7.7 MB over 100 new indicators (the cache
        // keeps 8); a view or cache keeping every one would add over 10 MB.
        assert!(
            after_switches - start <= 12_000_000,
            "{SWITCHES} switches grew wasm memory by {}",
            mb(after_switches - start)
        );
    });
}
