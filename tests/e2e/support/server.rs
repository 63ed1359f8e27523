//! A static file server for the built bundle (`dist/`), with per-path fault
//! injection and request counting.
//!
//! - binds 127.0.0.1:0 and serves in a background thread (one thread per
//!   request, so a delayed response never blocks the others);
//! - unknown paths without a file extension fall back to `index.html`
//!   (client-side routes such as `/ward/00001`); unknown paths with an
//!   extension are 404;
//! - paths are percent-decoded and may not leave the served directory;
//! - every response carries `Cache-Control: no-store`, so a retry after a
//!   fault is cleared really reaches the server.

use std::collections::HashMap;
use std::fs;
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

/// What the server does instead of (or before) serving a path normally.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and a short plain-text body.
    Status(u16),
    /// Answer 200 with this body (served with the MIME type of the path).
    Body(String),
    /// Wait this long, then serve normally.
    Delay(Duration),
}

#[derive(Default)]
struct State {
    faults: HashMap<String, Fault>,
    counts: HashMap<String, usize>,
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panicking request thread must not take the whole harness down.
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub struct StaticServer {
    server: Arc<Server>,
    state: Arc<Mutex<State>>,
    root: PathBuf,
    port: u16,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    /// Serves `root` on a free loopback port.
    pub fn start(root: &Path) -> StaticServer {
        assert!(
            root.join("index.html").is_file(),
            "dist/ not found: build the release bundle first with scripts/test.sh or \
             `trunk build --release` (looked for {}/index.html; set DASHBOARD_DIST to use \
             another directory)",
            root.display()
        );
        let root = root
            .canonicalize()
            .unwrap_or_else(|e| panic!("cannot resolve {}: {e}", root.display()));
        let server = Arc::new(Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0"));
        let port = server
            .server_addr()
            .to_ip()
            .expect("the server listens on an IP address")
            .port();
        let state = Arc::new(Mutex::new(State::default()));
        let thread = {
            let server = Arc::clone(&server);
            let state = Arc::clone(&state);
            let root = root.clone();
            thread::Builder::new()
                .name("e2e-static-server".into())
                .spawn(move || {
                    for request in server.incoming_requests() {
                        let state = Arc::clone(&state);
                        let root = root.clone();
                        // Detached: a delayed response outliving the test is harmless.
                        let _ = thread::Builder::new()
                            .name("e2e-request".into())
                            .spawn(move || handle(request, &root, &state));
                    }
                })
                .expect("spawn the server thread")
        };
        StaticServer {
            server,
            state,
            root,
            port,
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `http://127.0.0.1:<port>` followed by `path` (which should start with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Sets a fault on a URL path such as `/data/wards.json` (no query string).
    /// It stays until cleared.
    pub fn set_fault(&self, path: &str, fault: Fault) {
        lock(&self.state).faults.insert(path.to_owned(), fault);
    }

    pub fn clear_fault(&self, path: &str) {
        lock(&self.state).faults.remove(path);
    }

    pub fn clear_faults(&self) {
        lock(&self.state).faults.clear();
    }

    /// How many requests reached `path` (decoded URL path, no query string).
    pub fn requests(&self, path: &str) -> usize {
        lock(&self.state).counts.get(path).copied().unwrap_or(0)
    }

    /// Every requested path with its count, sorted by path.
    pub fn request_log(&self) -> Vec<(String, usize)> {
        let mut log: Vec<_> = lock(&self.state)
            .counts
            .iter()
            .map(|(path, n)| (path.clone(), *n))
            .collect();
        log.sort();
        log
    }

    pub fn reset_counts(&self) {
        lock(&self.state).counts.clear();
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// MIME type for a file name, by extension.
pub fn mime_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "geojson" => "application/geo+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The decoded URL path of a request target, without query or fragment.
pub fn url_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(raw)?;
    if !decoded.starts_with('/') || decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    Some(decoded)
}

/// What to serve for a decoded URL path: `Ok(file)`, or `Err(status)`.
pub fn resolve(root: &Path, path: &str) -> Result<PathBuf, u16> {
    let mut relative = PathBuf::new();
    for component in Path::new(path.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            // `..`, a root or a prefix: never leave the served directory.
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return Err(403),
        }
    }
    let mut candidate = root.join(&relative);
    if candidate.is_dir() {
        candidate = candidate.join("index.html");
    }
    if candidate.is_file() {
        // Symlinks must not lead outside either.
        let real = candidate.canonicalize().map_err(|_| 404u16)?;
        return if real.starts_with(root) {
            Ok(real)
        } else {
            Err(403)
        };
    }
    if relative.extension().is_none() {
        // A client-side route: let the app handle it.
        return Ok(root.join("index.html"));
    }
    Err(404)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn text_response(status: u16, body: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn handle(request: Request, root: &Path, state: &Mutex<State>) {
    let Some(path) = url_path(request.url()) else {
        let _ = request.respond(text_response(400, "bad request path"));
        return;
    };
    let fault = {
        let mut state = lock(state);
        *state.counts.entry(path.clone()).or_insert(0) += 1;
        state.faults.get(&path).cloned()
    };
    let no_store = header("Cache-Control", "no-store");
    match fault {
        Some(Fault::Status(code)) => {
            let body = format!("injected fault: HTTP {code} for {path}");
            let _ = request.respond(text_response(code, &body).with_header(no_store));
            return;
        }
        Some(Fault::Body(body)) => {
            let response = Response::from_string(body)
                .with_header(header("Content-Type", mime_type(Path::new(&path))))
                .with_header(no_store);
            let _ = request.respond(response);
            return;
        }
        Some(Fault::Delay(delay)) => thread::sleep(delay),
        None => {}
    }
    match resolve(root, &path) {
        Ok(file) => match fs::read(&file) {
            Ok(bytes) => {
                let response = Response::from_data(bytes)
                    .with_header(header("Content-Type", mime_type(&file)))
                    .with_header(no_store);
                let _ = request.respond(response);
            }
            Err(e) => {
                let _ = request.respond(text_response(500, &format!("read error: {e}")));
            }
        },
        Err(status) => {
            let _ = request.respond(text_response(status, &format!("{status} {path}")));
        }
    }
}
