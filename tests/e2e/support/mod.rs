//! End-to-end harness: a static server for the bundle with fault injection,
//! and headless Chromium through chromedriver.
//!
//! Environment:
//! - `DASHBOARD_DIST`: the directory to serve (default `<crate>/dist`);
//! - `E2E_FAKE_DIST=1`: serve the hand-written fake bundle of
//!   [`fixture`] instead (to check the harness without the real app);
//! - `CHROMEDRIVER`, `CHROMIUM`: executables (default `/usr/bin/...`).
//!
//! Every test takes a process-wide lock, so browsers never run side by side
//! whatever `--test-threads` says.

#![allow(dead_code)] // Helpers are for the tests to come as well.

pub mod browser;
pub mod fixture;
pub mod keys;
pub mod server;

#[cfg(test)]
mod selftest;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

pub use browser::{Browser, TempDir, WAIT};
pub use server::{Fault, StaticServer};

/// The URL path the page fetches its ward list from.
pub const WARDS_JSON: &str = "/data/wards.json";

/// One server and one browser, for one test.
pub struct App {
    pub server: StaticServer,
    pub browser: Browser,
}

impl App {
    /// Opens `path` (e.g. `/` or `/ward/00001`) in the browser.
    pub async fn open(&self, path: &str) {
        self.browser.goto(&self.server.url(path)).await;
    }
}

/// Serialises the tests that start a browser.
pub fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    // A failed test poisons the lock; the next one may still run.
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The bundle to serve. The returned guard keeps a fake bundle alive.
pub fn dist_dir() -> (PathBuf, Option<TempDir>) {
    if std::env::var("E2E_FAKE_DIST").is_ok_and(|v| !v.is_empty() && v != "0") {
        let dir = TempDir::new("fake-dist");
        fixture::write_fake_dist(dir.path());
        return (dir.path().to_path_buf(), Some(dir));
    }
    let dist = match std::env::var_os("DASHBOARD_DIST") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"),
    };
    (dist, None)
}

/// Runs one browser test: takes the lock, starts a server for the bundle and
/// a browser, runs `test`, then closes both. A panic in `test` still kills
/// the browser (see [`Browser`]).
pub fn run(test: impl AsyncFnOnce(&App)) {
    let _serial = serial();
    let (dist, _fake) = dist_dir();
    let server = StaticServer::start(&dist);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build a tokio runtime");
    runtime.block_on(async {
        let app = App {
            server,
            browser: Browser::launch().await,
        };
        test(&app).await;
        app.browser.close().await;
    });
}
