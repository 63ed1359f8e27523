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
//!   fault is cleared really reaches the server;
//! - every response carries `Access-Control-Allow-Origin: *`, and every HTML
//!   response the Content-Security-Policy of the served `index.html`'s
//!   `<meta http-equiv>` as a header: what README.md ("Hosting") asks of a
//!   host, so the whole suite runs under the strict policy and a sandboxed
//!   iframe (opaque origin) can load the app; [`StaticServer::set_cors`]
//!   turns the CORS header off, so a second server plays a host that does
//!   not send it (`?data=` of another site, tests/e2e/user_data.rs);
//! - [`StaticServer::serve_file`] serves a file at any path (a published
//!   dataset under `/files/…`) without touching the bundle.

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Read, Write};
use std::net::TcpStream;
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
    /// Answer 200 with this body (served with the MIME type of what the
    /// path serves: `/` and client-side routes as HTML).
    Body(String),
    /// Wait this long, then serve normally.
    Delay(Duration),
    /// Accept the request and never answer it while the fault is set: the
    /// connection stays open with no status line. Once the fault is
    /// cleared or changed (or the server stops), the waiting request is
    /// dropped (tiny_http then answers 500), so its thread ends and the
    /// harness shuts down cleanly.
    Stall,
    /// Answer 200 with the first `n` bytes of the real file only.
    Truncate(usize),
    /// Answer 200 with these bytes (e.g. a file with one byte changed).
    Bytes(Vec<u8>),
}

/// How often a stalled request checks whether it may end.
const STALL_POLL: Duration = Duration::from_millis(50);

#[derive(Default)]
struct State {
    faults: HashMap<String, Fault>,
    counts: HashMap<String, usize>,
    /// Inserted before `</head>` of every HTML page served (see
    /// [`StaticServer::set_head_extra`]).
    head_extra: String,
    /// Set on drop: stalled requests end.
    stopping: bool,
    /// The policy sent with every HTML response, if index.html has one.
    policy: Option<String>,
    /// No `Access-Control-Allow-Origin` header (see [`StaticServer::set_cors`]).
    no_cors: bool,
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
        let state = Arc::new(Mutex::new(State {
            policy: content_security_policy(&root),
            ..State::default()
        }));
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
        spawn_nudger(port, Arc::clone(&state));
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

    /// Serves `body` at `path` (e.g. `/files/x.csv`), with the MIME type of
    /// its extension, until cleared like a fault: a file a publisher put
    /// on their site, without writing into the bundle.
    pub fn serve_file(&self, path: &str, body: impl Into<Vec<u8>>) {
        self.set_fault(path, Fault::Bytes(body.into()));
    }

    /// Whether responses carry `Access-Control-Allow-Origin: *` (the
    /// default). Off, the server is a host whose files another site's page
    /// may not read.
    pub fn set_cors(&self, on: bool) {
        lock(&self.state).no_cors = !on;
    }

    /// Markup inserted before `</head>` of every HTML page from now on, e.g.
    /// `<meta name="fetch-timeout-ms" content="1500">` to shorten the app's
    /// fetch timeout (src/api.rs) so a test of a stalled file waits seconds.
    pub fn set_head_extra(&self, markup: &str) {
        lock(&self.state).head_extra = markup.to_owned();
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

    /// The Content-Security-Policy sent with HTML responses (from the
    /// served index.html's `<meta http-equiv>`), if any.
    pub fn policy(&self) -> Option<String> {
        lock(&self.state).policy.clone()
    }
}

/// The `content` of the `<meta http-equiv="Content-Security-Policy">` in
/// `root/index.html`: the one place the policy is written.
pub fn content_security_policy(root: &Path) -> Option<String> {
    let html = fs::read_to_string(root.join("index.html")).ok()?;
    start_tags(&html, "meta").into_iter().find_map(|attrs| {
        let is_csp = attrs
            .iter()
            .any(|(k, v)| k == "http-equiv" && v.eq_ignore_ascii_case("content-security-policy"));
        is_csp
            .then(|| {
                attrs
                    .into_iter()
                    .find(|(k, _)| k == "content")
                    .map(|(_, v)| v)
            })
            .flatten()
    })
}

/// The start tags `<{name} …>` of `html`, each as its attributes (names
/// lower-cased, values unquoted and with `&quot;`, `&#39;`, `&amp;`
/// decoded), in order. Enough for trunk's output, quoted or minified
/// (`<meta content=/x.js name=app-glue>`); not a general HTML parser.
pub fn start_tags(html: &str, name: &str) -> Vec<Vec<(String, String)>> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{}", name.to_ascii_lowercase());
    let mut tags = Vec::new();
    for (at, _) in lower.match_indices(&open) {
        let rest = &html[at + open.len()..];
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let mut attrs = Vec::new();
        let mut chars = rest.char_indices().peekable();
        loop {
            while chars
                .next_if(|(_, c)| c.is_ascii_whitespace() || *c == '/')
                .is_some()
            {}
            match chars.peek() {
                None | Some((_, '>')) => break,
                _ => {}
            }
            let mut key = String::new();
            while let Some((_, c)) =
                chars.next_if(|(_, c)| !c.is_ascii_whitespace() && !matches!(c, '=' | '>'))
            {
                key.push(c.to_ascii_lowercase());
            }
            let mut value = String::new();
            if chars.next_if(|(_, c)| *c == '=').is_some() {
                match chars.next_if(|(_, c)| matches!(c, '"' | '\'')) {
                    Some((_, quote)) => {
                        for (_, c) in chars.by_ref() {
                            if c == quote {
                                break;
                            }
                            value.push(c);
                        }
                    }
                    None => {
                        while let Some((_, c)) =
                            chars.next_if(|(_, c)| !c.is_ascii_whitespace() && *c != '>')
                        {
                            value.push(c);
                        }
                    }
                }
            }
            let value = value
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            attrs.push((key, value));
        }
        tags.push(attrs);
    }
    tags
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        lock(&self.state).stopping = true;
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// `html` with `extra` inserted before its first `</head>`.
fn with_head_extra(html: Vec<u8>, extra: &str) -> Vec<u8> {
    if extra.is_empty() {
        return html;
    }
    let text = String::from_utf8_lossy(&html);
    match text.find("</head>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => html,
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

/// Adds the headers every response carries (see the module's docs).
fn decorate(
    mut response: Response<Cursor<Vec<u8>>>,
    policy: Option<&str>,
    cors: bool,
) -> Response<Cursor<Vec<u8>>> {
    let html = response
        .headers()
        .iter()
        .any(|h| h.field.equiv("Content-Type") && h.value.as_str().starts_with("text/html"));
    if cors {
        response.add_header(header("Access-Control-Allow-Origin", "*"));
    }
    if let (true, Some(policy)) = (html, policy) {
        response.add_header(header("Content-Security-Policy", policy));
    }
    response
}

/// The path of the nudger's requests (never counted).
const NUDGE: &str = "/__e2e-nudge";

/// tiny_http 0.12 serves each keep-alive connection on one thread of its
/// pool for the connection's whole life, and when several connections
/// arrive at once (a page's first load opens five or six) it can count a
/// thread as idle that has just been given work, and queue a connection
/// behind the busy ones: its requests then wait until the browser closes
/// an idle connection, minutes later, and the page never finishes loading.
/// A short request every 50 ms finds every thread busy and gets a new one,
/// which then takes the queued connection. Stops with the server.
fn spawn_nudger(port: u16, state: Arc<Mutex<State>>) {
    let request = format!("GET {NUDGE} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    let _ = thread::Builder::new()
        .name("e2e-server-nudger".into())
        .spawn(move || {
            while !lock(&state).stopping {
                if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(1)));
                    if stream.write_all(request.as_bytes()).is_ok() {
                        let _ = stream.read_to_end(&mut Vec::new());
                    }
                }
                thread::sleep(Duration::from_millis(50));
            }
        });
}

fn handle(request: Request, root: &Path, state: &Mutex<State>) {
    let Some(path) = url_path(request.url()) else {
        let _ = request.respond(text_response(400, "bad request path"));
        return;
    };
    if path == NUDGE {
        let _ = request.respond(Response::empty(204));
        return;
    }
    let (fault, policy, cors) = {
        let mut state = lock(state);
        *state.counts.entry(path.clone()).or_insert(0) += 1;
        (
            state.faults.get(&path).cloned(),
            state.policy.clone(),
            !state.no_cors,
        )
    };
    let respond = |request: Request, response| {
        let _ = request.respond(decorate(response, policy.as_deref(), cors));
    };
    let no_store = header("Cache-Control", "no-store");
    match fault {
        Some(Fault::Status(code)) => {
            let body = format!("injected fault: HTTP {code} for {path}");
            respond(request, text_response(code, &body).with_header(no_store));
            return;
        }
        Some(Fault::Body(body)) => {
            let served = resolve(root, &path).unwrap_or_else(|_| PathBuf::from(&path));
            let response = Response::from_string(body)
                .with_header(header("Content-Type", mime_type(&served)))
                .with_header(no_store);
            respond(request, response);
            return;
        }
        Some(Fault::Bytes(bytes)) => {
            let response = Response::from_data(bytes)
                .with_header(header("Content-Type", mime_type(Path::new(&path))))
                .with_header(no_store);
            respond(request, response);
            return;
        }
        Some(Fault::Delay(delay)) => thread::sleep(delay),
        Some(Fault::Stall) => {
            while {
                let state = lock(state);
                !state.stopping && state.faults.get(&path) == Some(&Fault::Stall)
            } {
                thread::sleep(STALL_POLL);
            }
            // Dropped unanswered (tiny_http sends a bare 500): by now the
            // app has long given up on this request.
            drop(request);
            return;
        }
        Some(Fault::Truncate(_)) | None => {}
    }
    match resolve(root, &path) {
        Ok(file) => match fs::read(&file) {
            Ok(mut bytes) => {
                if let Some(Fault::Truncate(n)) = fault {
                    bytes.truncate(n);
                } else if mime_type(&file).starts_with("text/html") {
                    let extra = lock(state).head_extra.clone();
                    bytes = with_head_extra(bytes, &extra);
                }
                let response = Response::from_data(bytes)
                    .with_header(header("Content-Type", mime_type(&file)))
                    .with_header(no_store);
                respond(request, response);
            }
            Err(e) => respond(request, text_response(500, &format!("read error: {e}"))),
        },
        Err(status) => respond(request, text_response(status, &format!("{status} {path}"))),
    }
}
