//! Headless Chromium driven through chromedriver and fantoccini.
//!
//! chromedriver runs in its own process group; Chromium and its helpers
//! inherit it. Dropping [`Browser`] (also while a test panics) kills the
//! whole group and removes the temporary profile, so no Chromium is left
//! running.
//!
//! Console output is read from chromedriver's browser log
//! (`goog:loggingPrefs` {"browser": "ALL"} plus `POST /session/{id}/se/log`
//! with `{"type": "browser"}`, sent as a raw HTTP request because fantoccini
//! has no API for it). It captures `console.*` calls, uncaught exceptions
//! (source "javascript") and failed loads (source "network").

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// How long the `wait_*` helpers poll before failing.
pub const WAIT: Duration = Duration::from_secs(20);
/// Poll interval of the `wait_*` helpers.
pub const POLL: Duration = Duration::from_millis(50);

const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";

/// One entry of the browser log.
#[derive(Clone, Debug)]
pub struct LogEntry {
    /// "SEVERE", "WARNING", "INFO", "DEBUG".
    pub level: String,
    /// "console-api", "javascript", "network", ...
    pub source: String,
    pub message: String,
}

impl std::fmt::Display for LogEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{} {}] {}", self.level, self.source, self.message)
    }
}

/// A unique scratch directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "hanoi-e2e-{label}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("create {}: {e}", path.display()));
        TempDir(path)
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// chromedriver and everything in its process group.
struct Driver {
    child: Child,
    port: u16,
    // Dropped after the processes are gone (field order).
    scratch: TempDir,
}

impl Driver {
    fn pgid(&self) -> u32 {
        // process_group(0) makes the child the leader of a group with its pid.
        self.child.id()
    }

    fn log_tail(&self) -> String {
        let text =
            fs::read_to_string(self.scratch.path().join("chromedriver.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }
}

fn signal_group(signal: &str, pgid: u32) {
    let _ = Command::new("kill")
        .args([signal, "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

/// Whether any process of the group is still alive.
pub fn group_alive(pgid: u32) -> bool {
    Command::new("kill")
        .args(["-0", "--", &format!("-{pgid}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.pgid();
        signal_group("-TERM", pgid);
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            // Reap chromedriver itself (our child) so it does not linger as a zombie.
            let _ = self.child.try_wait();
            if !group_alive(pgid) || Instant::now() > deadline {
                break;
            }
            std::thread::sleep(POLL);
        }
        signal_group("-KILL", pgid);
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("find a free port")
        .port()
}

fn executable(var: &str, default: &str) -> String {
    let path = std::env::var(var).unwrap_or_else(|_| default.to_owned());
    assert!(
        std::path::Path::new(&path).exists(),
        "{path} not found (set {var} or `apt-get install chromium chromium-driver`)"
    );
    path
}

fn spawn_driver() -> Driver {
    let chromedriver = executable("CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
    let mut last_error = String::new();
    for _attempt in 0..3 {
        let scratch = TempDir::new("browser");
        let port = free_port();
        let log = fs::File::create(scratch.path().join("chromedriver.log"))
            .expect("create chromedriver.log");
        let child = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("clone log handle"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {chromedriver}: {e}"));
        let mut driver = Driver {
            child,
            port,
            scratch,
        };
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = driver.child.try_wait() {
                last_error = format!("chromedriver exited with {status}:\n{}", driver.log_tail());
                break;
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return driver;
            }
            std::thread::sleep(POLL);
        }
        if last_error.is_empty() {
            last_error = format!("chromedriver did not listen on port {port} within {WAIT:?}");
        }
    }
    panic!("could not start chromedriver: {last_error}");
}

fn capabilities(profile: &std::path::Path) -> serde_json::Map<String, Value> {
    let chromium = executable("CHROMIUM", DEFAULT_CHROMIUM);
    let caps = json!({
        "browserName": "chrome",
        "goog:loggingPrefs": { "browser": "ALL" },
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// One plain HTTP/1.1 request to chromedriver (for endpoints fantoccini lacks).
fn raw_request(port: u16, method: &str, path: &str, body: &Value) -> Result<Value, String> {
    let body = body.to_string();
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(WAIT))
        .map_err(|e| e.to_string())?;
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    // chromedriver keeps the connection open: read by Content-Length.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let (head, mut payload) = loop {
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        if n == 0 {
            return Err("connection closed before the headers ended".into());
        }
        raw.extend_from_slice(&buf[..n]);
        if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
            break (head, raw[split + 4..].to_vec());
        }
    };
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(key, _)| key.trim() == "content-length")
        .and_then(|(_, value)| value.trim().parse::<usize>().ok());
    if let Some(length) = length {
        while payload.len() < length {
            let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                return Err("connection closed before the body ended".into());
            }
            payload.extend_from_slice(&buf[..n]);
        }
        payload.truncate(length);
    } else if head.contains("transfer-encoding: chunked") {
        while !payload.ends_with(b"0\r\n\r\n") {
            let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
            if n == 0 {
                break;
            }
            payload.extend_from_slice(&buf[..n]);
        }
        payload = dechunk(&payload)?;
    } else {
        stream
            .read_to_end(&mut payload)
            .map_err(|e| format!("read: {e}"))?;
    }
    let status_ok = head
        .split_whitespace()
        .nth(1)
        .is_some_and(|code| code.starts_with('2'));
    let value: Value = serde_json::from_slice(&payload)
        .map_err(|e| format!("bad JSON from chromedriver ({e}): {head}"))?;
    if status_ok {
        Ok(value)
    } else {
        Err(format!("chromedriver answered {head}: {value}"))
    }
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = String::from_utf8_lossy(&data[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| format!("bad chunk size: {e}"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        out.extend_from_slice(data.get(..size).ok_or("short chunk")?);
        data = data.get(size + 2..).ok_or("short chunk")?;
    }
}

pub struct Browser {
    pub client: Client,
    session_id: String,
    log: Mutex<Vec<LogEntry>>,
    // Last field: dropped after the client.
    driver: Driver,
}

impl Browser {
    /// Starts chromedriver and a fresh headless Chromium session.
    pub async fn launch() -> Browser {
        let mut last_error = String::new();
        for _attempt in 0..3 {
            let driver = spawn_driver();
            let profile = driver.scratch.path().join("profile");
            let connected = ClientBuilder::native()
                .capabilities(capabilities(&profile))
                .connect(&format!("http://127.0.0.1:{}", driver.port))
                .await;
            match connected {
                Ok(client) => {
                    let session_id = client
                        .session_id()
                        .await
                        .ok()
                        .flatten()
                        .expect("the WebDriver session has an id");
                    return Browser {
                        client,
                        session_id,
                        log: Mutex::new(Vec::new()),
                        driver,
                    };
                }
                Err(e) => {
                    last_error = format!("{e}\nchromedriver log:\n{}", driver.log_tail());
                    // `driver` is dropped here: its process group is killed.
                }
            }
        }
        panic!("could not start a Chromium session: {last_error}");
    }

    /// The process group of chromedriver and Chromium.
    pub fn process_group(&self) -> u32 {
        self.driver.pgid()
    }

    /// Ends the session politely; dropping the value then kills what is left.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|e| panic!("navigate to {url}: {e}"));
    }

    /// Runs a script (a function body: use `return`) and returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
    }

    /// The first element matching `css` right now, if any.
    pub async fn first(&self, css: &str) -> Option<Element> {
        self.find_all(css).await.into_iter().next()
    }

    /// Number of elements matching `css` right now.
    pub async fn count(&self, css: &str) -> usize {
        self.find_all(css).await.len()
    }

    /// Polls `probe` every [`POLL`] until it returns `Some`, or fails after `timeout`.
    pub async fn wait_until<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: impl AsyncFnMut() -> Option<T>,
    ) -> T {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(value) = probe().await {
                return value;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.describe().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Waits until at least one element matches `css`; returns the first.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        self.wait_until(&format!("`{css}`"), timeout, async || {
            self.find_all(css).await.into_iter().next()
        })
        .await
    }

    /// Waits until exactly `n` elements match `css`; returns them.
    pub async fn wait_for_count(&self, css: &str, n: usize, timeout: Duration) -> Vec<Element> {
        self.wait_until(&format!("exactly {n} × `{css}`"), timeout, async || {
            let all = self.find_all(css).await;
            (all.len() == n).then_some(all)
        })
        .await
    }

    /// Waits until no element matches `css`.
    pub async fn wait_for_absent(&self, css: &str, timeout: Duration) {
        self.wait_until(&format!("no `{css}`"), timeout, async || {
            self.find_all(css).await.is_empty().then_some(())
        })
        .await
    }

    /// Text of the first element matching `css` (fails if there is none).
    pub async fn text(&self, css: &str) -> String {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element `{css}`: {e}"));
        element
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of `{css}`: {e}"))
    }

    /// Sets the size of the page's viewport (`innerWidth` × `innerHeight`).
    pub async fn set_viewport(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("set window size");
        // The window includes browser chrome (none in headless mode, but be exact).
        let inner = self
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await;
        let inner_w = inner[0].as_u64().unwrap_or(u64::from(width)) as i64;
        let inner_h = inner[1].as_u64().unwrap_or(u64::from(height)) as i64;
        let (dw, dh) = (i64::from(width) - inner_w, i64::from(height) - inner_h);
        if dw != 0 || dh != 0 {
            let w = (i64::from(width) + dw).max(1) as u32;
            let h = (i64::from(height) + dh).max(1) as u32;
            self.client
                .set_window_size(w, h)
                .await
                .expect("set window size");
        }
    }

    /// Every browser log entry since the session started.
    pub async fn browser_log(&self) -> Vec<LogEntry> {
        self.try_browser_log()
            .unwrap_or_else(|e| panic!("read the browser log: {e}"))
    }

    fn try_browser_log(&self) -> Result<Vec<LogEntry>, String> {
        let path = format!("/session/{}/se/log", self.session_id);
        let fresh = raw_request(
            self.driver.port,
            "POST",
            &path,
            &json!({ "type": "browser" }),
        )?;
        let entries: Vec<LogEntry> = fresh["value"]
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| LogEntry {
                        level: item["level"].as_str().unwrap_or("").to_owned(),
                        source: item["source"].as_str().unwrap_or("").to_owned(),
                        message: item["message"].as_str().unwrap_or("").to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        // chromedriver hands each entry out once: keep them all.
        let mut log = self.log.lock().unwrap_or_else(|p| p.into_inner());
        log.extend(entries);
        Ok(log.clone())
    }

    /// Errors logged since the session started: `console.error`, uncaught
    /// exceptions and failed loads, except a missing favicon.
    pub async fn console_errors(&self) -> Vec<String> {
        self.browser_log()
            .await
            .into_iter()
            .filter(|e| e.level == "SEVERE" && !e.message.contains("favicon.ico"))
            .map(|e| e.to_string())
            .collect()
    }

    /// The page's URL, the start of its text and its errors: for failure messages.
    pub async fn describe(&self) -> String {
        let url = self
            .client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_else(|e| format!("<no url: {e}>"));
        let text = self
            .client
            .execute(
                "return document.body ? document.body.innerText : '<no body>';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let text: String = text.chars().take(600).collect();
        let log = match self.try_browser_log() {
            Ok(entries) => entries
                .iter()
                .filter(|e| e.level == "SEVERE" || e.level == "WARNING")
                .map(|e| format!("\n  {e}"))
                .collect::<String>(),
            Err(e) => format!("<unavailable: {e}>"),
        };
        format!("page: {url}\ntext: {text}\nbrowser log (errors, warnings):{log}")
    }
}
