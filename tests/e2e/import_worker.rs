//! The import worker (issue 12, item 7): the import code is not part of
//! the home view's first download, and the worker trunk builds starts and
//! reads a file in a real browser, under the page's Content-Security-Policy
//! (sent as a header by the test server) and with its files checked by
//! integrity.
//!
//! The worker's files are named by scripts/finish-index.mjs:
//! `<meta name="import-worker">` names the loader, which names the glue and
//! the wasm. The full flow through the page (a file, a paste, a URL, fixes)
//! is tested with the "Your data" panel.

use std::path::Path;

use serde_json::{json, Value};
use ward_domain::import::{ImportOutcome, ImportRequest, MatchStatus, Origin};

use crate::boot::meta;
use crate::home_map::{ROW, TILE};
use crate::support::{dist_dir, App, Fault, WAIT};

/// URL paths of the worker's three files: loader, glue, wasm.
pub(crate) fn worker_files(root: &Path) -> [String; 3] {
    let loader = meta(root, "import-worker");
    let name = loader.trim_start_matches('/');
    let text = std::fs::read_to_string(root.join(name))
        .unwrap_or_else(|e| panic!("the worker's loader {name}: {e}"));
    let constant = |name: &str| {
        let at = text
            .find(&format!("const {name} = \""))
            .unwrap_or_else(|| panic!("no {name} in the loader"));
        let rest = &text[at + name.len() + 10..];
        rest[..rest.find('"').expect("a closing quote")].to_owned()
    };
    let [glue, wasm] = [constant("GLUE"), constant("WASM")];
    for file in [&glue, &wasm] {
        assert!(
            root.join(file).is_file(),
            "the loader names {file}, which is not in dist"
        );
    }
    [format!("/{name}"), format!("/{glue}"), format!("/{wasm}")]
}

async fn open_home(app: &App) {
    app.open("/").await;
    app.browser.wait_for_count(TILE, 175, WAIT).await;
    app.browser.wait_for_count(ROW, 175, WAIT).await;
}

/// Starts the worker the way the app does (a classic Worker on the loader
/// named in the page), waits for its first message, then, if it is ready,
/// sends `csv` with `request` and returns `{ready, reply}`.
const RUN_IN_WORKER: &str = r#"
const [csv, request] = arguments;
return (async () => {
  const url = document.querySelector('meta[name="import-worker"]').getAttribute('content');
  const worker = new Worker(url);
  const next = () => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      resolve({ kind: 'error', message: String(event.message || 'error event') });
    };
  });
  const ready = await next();
  if (ready.kind !== 'ready') {
    worker.terminate();
    return { ready };
  }
  const bytes = new TextEncoder().encode(csv);
  const answer = next();
  worker.postMessage({ id: 7, bytes, request }, [bytes.buffer]);
  const reply = await answer;
  worker.terminate();
  return { ready, reply };
})();
"#;

async fn run_in_worker(app: &App, csv: &str) -> Value {
    let request = ImportRequest {
        // The period is read from the file name ("2024"), as the page does.
        origin: Origin::File("ty-le-2024.csv".into()),
        sheet: None,
        mapping: None,
        meta: None,
        fixes: Vec::new(),
        convert_legacy: false,
    };
    let request = serde_json::to_string(&request).expect("a request as JSON");
    app.browser
        .execute(RUN_IN_WORKER, vec![json!(csv), json!(request)])
        .await
}

#[test]
fn the_import_worker_is_not_fetched_at_start_up() {
    crate::support::run(async |app| {
        let files = worker_files(app.server.root());
        open_home(app).await;
        // Until the page is idle: whatever it loads after drawing (idle
        // callbacks, late fetches) has been asked for by then.
        app.browser
            .execute(
                "return new Promise((resolve) => requestIdleCallback(() => \
                 requestIdleCallback(() => resolve(true), { timeout: 3000 }), { timeout: 3000 }));",
                vec![],
            )
            .await;
        for file in &files {
            assert_eq!(
                app.server.requests(file),
                0,
                "{file} was fetched at start-up: {:?}",
                app.server.request_log()
            );
        }
        let resources = app
            .browser
            .execute(
                "return performance.getEntriesByType('resource').map((e) => e.name);",
                vec![],
            )
            .await;
        assert!(
            !resources.to_string().contains("import-worker"),
            "the page loaded part of the import worker: {resources}"
        );
        // The counter does see them once the worker starts.
        let started = run_in_worker(app, "ma_phuong,ty_le\n00052,91.9\n").await;
        assert_eq!(started["ready"]["kind"], "ready", "{started}");
        for file in &files {
            assert!(
                app.server.requests(file) >= 1,
                "{file} not fetched by the worker: {:?}",
                app.server.request_log()
            );
        }
    });
}

#[test]
fn the_import_worker_reads_a_file_under_the_policy() {
    crate::support::run(async |app| {
        assert!(app.server.policy().is_some(), "the page has a policy");
        open_home(app).await;
        let csv = "\u{feff}ma_phuong,ten_phuong,ty_le\r\n\
                   52,Phường Hàng Bồ,\"91,9\"\r\n\
                   00061,P. Hàng Bạc,88.0\r\n\
                   ,Quang Trung,70\r\n";
        let result = run_in_worker(app, csv).await;
        assert_eq!(result["ready"]["kind"], "ready", "{result}");
        let reply = &result["reply"];
        assert_eq!(reply["id"], 7, "the reply names its request: {reply}");
        let outcome: ImportOutcome = serde_json::from_str(
            reply["outcome"]
                .as_str()
                .unwrap_or_else(|| panic!("no outcome: {reply}")),
        )
        .expect("the outcome as JSON");
        let rows: Vec<(MatchStatus, Option<&str>)> = outcome
            .report
            .iter()
            .map(|r| (r.status, r.code.as_deref()))
            .collect();
        assert_eq!(
            rows,
            [
                (MatchStatus::Matched, Some("00052")),
                (MatchStatus::Matched, Some("00061")),
                (MatchStatus::Ambiguous, None),
            ],
            "{:#?}",
            outcome.report
        );
        assert!(outcome.dataset_json.is_some(), "{:?}", outcome.fatal);
        let errors = app.browser.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
    });
}

#[test]
fn the_import_worker_refuses_a_changed_file() {
    let (dist, _fake) = dist_dir();
    let [_, glue, wasm] = worker_files(&dist);
    let real = std::fs::read(dist.join(wasm.trim_start_matches('/'))).expect("the worker's wasm");
    for (path, fault) in [
        (wasm.clone(), Fault::Truncate(real.len() / 2)),
        (
            glue.clone(),
            Fault::Body("self.wasm_bindgen = null;".into()),
        ),
    ] {
        crate::support::run(async |app| {
            app.server.set_fault(&path, fault.clone());
            open_home(app).await;
            let result = run_in_worker(app, "ma_phuong,ty_le\n00052,91.9\n").await;
            assert_eq!(result["ready"]["kind"], "start-failed", "{path}: {result}");
            let message = result["ready"]["message"].as_str().unwrap_or_default();
            assert!(
                message.contains("integrity"),
                "{path}: the message should say the file failed its check: {message}"
            );
        });
    }
}
