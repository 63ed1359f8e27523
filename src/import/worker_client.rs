//! The page's side of the import worker (`crates/import-worker`).
//!
//! The import pipeline (decoding, tables, XLSX, ward matching) is compiled
//! only into the worker, so it never grows the home view's first download:
//! the worker is started on the first [`run_import`] of a visit and kept for
//! the rest of it (one worker; requests are answered in order).
//!
//! Starting: index.html names the worker's loader in
//! `<meta name="import-worker">` and its sha384 in
//! `<meta name="import-worker-integrity">` (both written by
//! scripts/finish-index.mjs). The loader is fetched once with that integrity
//! (a missing, truncated or changed file is refused before it runs), then
//! started as a classic `Worker`, which checks the glue and the wasm the same
//! way and says `{kind: "ready"}`. The page's Content-Security-Policy allows
//! it without a `worker-src` of its own: a same-origin script, allowed by
//! `script-src 'self'`.
//!
//! Errors ([`WorkerError`]): the worker could not be started (no meta, a
//! file missing or changed, no answer within [`START_TIMEOUT_MS`]); it
//! crashed (an uncaught error or a trap, e.g. out of memory: it is then
//! stopped and the next request starts a fresh one); or it did not answer
//! within [`RUN_TIMEOUT_MS`] (it is stopped too: a request never runs
//! forever in the background). [`WorkerError::message`] says each in the
//! reader's language.
//!
//! The same worker lays out a publisher's boundaries file
//! ([`load_boundaries`]), so the GeoJSON parser and the layout are not in
//! the app's wasm either: the page only deserialises the laid-out map.
//!
//! Outside the browser (the app is also compiled natively for clippy and
//! the end-to-end tests' harness) there is no worker: [`run_import`] and
//! [`load_boundaries`] then return [`WorkerError::CouldNotStart`] at once.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{self, Either, FutureExt, LocalBoxFuture, Shared};
use js_sys::{Array, Object, Reflect, Uint8Array};
use ward_domain::boundary_map::BoundaryMap;
use ward_domain::import::{ImportOutcome, ImportRequest};
use ward_domain::json::Loaded;
use ward_domain::Problem;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, RequestCredentials, RequestInit, Response, Worker};

use crate::i18n::{fill, Catalogue};

/// How long the worker may take to start, in milliseconds: its loader, glue
/// and wasm (about 250 KB with brotli) are fetched on first use, which takes
/// seconds on a slow 3G phone.
pub const START_TIMEOUT_MS: u32 = 30_000;

/// How long one request may take, in milliseconds. A 10,000-row file takes
/// well under a second; the largest file the pipeline accepts, seconds.
pub const RUN_TIMEOUT_MS: u32 = 60_000;

/// `<meta name="import-timeout-ms" content="…">` in index.html replaces both
/// timeouts (1..=600 000 ms; anything else is ignored), like
/// `fetch-timeout-ms` (src/api.rs): end-to-end tests wait seconds, not
/// minutes.
pub const TIMEOUT_META: &str = "import-timeout-ms";

/// The `<meta>` naming the worker's loader, and the one with its integrity.
pub const LOADER_META: &str = "import-worker";
pub const LOADER_INTEGRITY_META: &str = "import-worker-integrity";

/// Why the import worker gave no outcome. `detail` is the browser's own
/// message, in English, for a bug report; [`WorkerError::message`] is what
/// the reader sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerError {
    /// The worker could not be started: index.html names no worker, one of
    /// its files is missing, changed since the build or blocked, the
    /// browser has no Web Workers, or it did not start in time.
    CouldNotStart { detail: String },
    /// The worker stopped with an error while reading (a bug, or the file
    /// was too large for the browser's memory). It has been stopped; the
    /// next request starts a fresh one.
    Crashed { detail: String },
    /// No answer within `ms` milliseconds: the worker has been stopped.
    TimedOut { ms: u32 },
}

impl WorkerError {
    /// Why, in the reader's language: fills `import.worker_failed`'s
    /// `{reason}`.
    pub fn reason(&self, t: &Catalogue) -> String {
        let t = &t.import;
        match self {
            WorkerError::CouldNotStart { .. } => t.worker_could_not_start.to_owned(),
            WorkerError::Crashed { .. } => t.worker_crashed.to_owned(),
            WorkerError::TimedOut { ms } => {
                fill(t.worker_timed_out, &[("seconds", &ms.div_ceil(1000))])
            }
        }
    }

    /// The whole message: "The data reader could not run: {reason}".
    pub fn message(&self, t: &Catalogue) -> String {
        fill(t.import.worker_failed, &[("reason", &self.reason(t))])
    }

    /// The browser's message, if any (English, technical).
    pub fn detail(&self) -> Option<&str> {
        match self {
            WorkerError::CouldNotStart { detail } | WorkerError::Crashed { detail } => Some(detail),
            WorkerError::TimedOut { .. } => None,
        }
    }
}

impl fmt::Display for WorkerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkerError::CouldNotStart { detail } => {
                write!(f, "the import worker could not be started: {detail}")
            }
            WorkerError::Crashed { detail } => write!(f, "the import worker crashed: {detail}"),
            WorkerError::TimedOut { ms } => {
                write!(f, "the import worker did not answer within {ms} ms")
            }
        }
    }
}

impl std::error::Error for WorkerError {}

/// Runs the import pipeline on `bytes` (a file or a paste, as read) in the
/// import worker, starting it on first use. The bytes are moved to the
/// worker, not copied. Errors: see [`WorkerError`].
pub async fn run_import(
    bytes: Vec<u8>,
    request: &ImportRequest,
) -> Result<ImportOutcome, WorkerError> {
    if !cfg!(target_arch = "wasm32") {
        return Err(WorkerError::CouldNotStart {
            detail: "Web Workers exist only in the browser".into(),
        });
    }
    let request = serde_json::to_string(request).map_err(|e| WorkerError::Crashed {
        detail: format!("cannot write the request: {e}"),
    })?;
    let live = worker().await?;
    let array = Uint8Array::from(bytes.as_slice());
    drop(bytes);
    let message = message(&[("bytes", &array), ("request", &JsValue::from_str(&request))]);
    // The buffer moves to the worker: no second copy of a large file.
    let outcome = live.run(message, Some(Array::of1(&array.buffer()))).await?;
    serde_json::from_str(&outcome).map_err(|e| WorkerError::Crashed {
        detail: format!("the worker's outcome is unreadable: {e}"),
    })
}

/// Reads a GeoJSON boundaries file (`text`, at most
/// [`ward_domain::boundary_map::MAX_BYTES`]) and lays it out `width`
/// viewBox units wide in the import worker, starting it on first use:
/// [`BoundaryMap::load`] against the worker's embedded registry (the same
/// wards.json the app reads). Returns the map with its warnings, or the
/// file's problems (errors); the outer error is the worker's
/// ([`WorkerError`]).
pub async fn load_boundaries(
    text: String,
    width: f64,
) -> Result<Result<Loaded<BoundaryMap>, Vec<Problem>>, WorkerError> {
    if !cfg!(target_arch = "wasm32") {
        return Err(WorkerError::CouldNotStart {
            detail: "Web Workers exist only in the browser".into(),
        });
    }
    let live = worker().await?;
    let message = message(&[
        ("kind", &JsValue::from_str("boundaries")),
        ("text", &JsValue::from_str(&text)),
        ("width", &JsValue::from_f64(width)),
    ]);
    drop(text);
    let outcome = live.run(message, None).await?;
    serde_json::from_str(&outcome).map_err(|e| WorkerError::Crashed {
        detail: format!("the worker's boundaries are unreadable: {e}"),
    })
}

/// `{key: value, …}` as a JS object (the `id` is added by [`Live::run`]).
fn message(entries: &[(&str, &JsValue)]) -> Object {
    let message = Object::new();
    for (key, value) in entries {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(&message, &JsValue::from_str(key), value);
    }
    message
}

/// The visit's worker, started on first use (or again after it died).
async fn worker() -> Result<Rc<Live>, WorkerError> {
    let starting = WORKER.with(|slot| {
        let mut slot = slot.borrow_mut();
        // A worker that crashed or timed out is replaced by a fresh one.
        let dead = slot
            .as_ref()
            .and_then(Shared::peek)
            .is_some_and(|started| started.as_ref().map_or(true, |live| live.is_dead()));
        if dead {
            *slot = None;
        }
        slot.get_or_insert_with(|| start_worker().boxed_local().shared())
            .clone()
    });
    starting.await
}

type Starting = Shared<LocalBoxFuture<'static, Result<Rc<Live>, WorkerError>>>;

thread_local! {
    /// The visit's worker: starting, started, or failed to start (then the
    /// next request tries again).
    static WORKER: RefCell<Option<Starting>> = const { RefCell::new(None) };
}

fn timeout_ms(default: u32) -> u32 {
    let from_meta = meta(TIMEOUT_META)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|ms| (1..=600_000).contains(ms));
    from_meta.unwrap_or(default)
}

fn meta(name: &str) -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!(r#"meta[name="{name}"]"#))
        .ok()??
        .get_attribute("content")
        .filter(|v| !v.trim().is_empty())
}

fn describe(value: &JsValue) -> String {
    if let Some(error) = value.dyn_ref::<js_sys::Error>() {
        return format!("{}: {}", error.name(), error.message());
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

fn could_not_start(detail: impl Into<String>) -> WorkerError {
    WorkerError::CouldNotStart {
        detail: detail.into(),
    }
}

/// Starts the worker and waits for its `ready`. Every request waiting for
/// the start gets its error; the next request then tries again (see
/// [`run_import`]: a failed start counts as dead).
async fn start_worker() -> Result<Rc<Live>, WorkerError> {
    let url = meta(LOADER_META)
        .ok_or_else(|| could_not_start("index.html has no <meta name=\"import-worker\">"))?;
    let integrity = meta(LOADER_INTEGRITY_META).ok_or_else(|| {
        could_not_start("index.html has no <meta name=\"import-worker-integrity\">")
    })?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| could_not_start("no document"))?;
    let base = document
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into());
    let url = web_sys::Url::new_with_base(&url, &base)
        .map_err(|e| could_not_start(format!("bad worker address {url:?}: {}", describe(&e))))?
        .href();
    let ms = timeout_ms(START_TIMEOUT_MS);
    let check = check_loader(&url, &integrity);
    match future::select(Box::pin(check), Timer::new(ms)).await {
        Either::Left((result, _)) => result?,
        Either::Right(_) => {
            return Err(could_not_start(format!(
                "{url} did not load within {ms} ms"
            )))
        }
    }
    let worker =
        Worker::new(&url).map_err(|e| could_not_start(format!("new Worker: {}", describe(&e))))?;
    let (ready_tx, ready_rx) = oneshot::channel();
    let live = Rc::new(Live::new(worker, ready_tx));
    let ready = match future::select(ready_rx, Timer::new(ms)).await {
        Either::Left((Ok(ready), _)) => ready,
        Either::Left((Err(_), _)) => Err(could_not_start("the worker went away")),
        Either::Right(_) => Err(could_not_start(format!(
            "the worker did not start within {ms} ms"
        ))),
    };
    match ready {
        Ok(()) => Ok(live),
        Err(error) => {
            live.stop(&error);
            Err(error)
        }
    }
}

/// Fetches the loader with its integrity: the browser refuses it if its
/// sha384 differs from the build's. Starting the worker then uses the file
/// just checked (from the HTTP cache where the host allows caching).
async fn check_loader(url: &str, integrity: &str) -> Result<(), WorkerError> {
    let window = web_sys::window().ok_or_else(|| could_not_start("no window"))?;
    let init = RequestInit::new();
    init.set_integrity(integrity);
    init.set_credentials(RequestCredentials::SameOrigin);
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|e| {
            could_not_start(format!(
                "{url} could not be loaded or failed its integrity check ({})",
                describe(&e)
            ))
        })?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| could_not_start("fetch gave no Response"))?;
    if !response.ok() {
        return Err(could_not_start(format!(
            "HTTP {} for {url}",
            response.status()
        )));
    }
    Ok(())
}

/// What the worker answers a request with: the outcome's JSON, or why not.
type Reply = Result<String, WorkerError>;

/// What the worker's event handlers share with the page.
#[derive(Default)]
struct Channels {
    ready: RefCell<Option<oneshot::Sender<Result<(), WorkerError>>>>,
    pending: RefCell<HashMap<u32, oneshot::Sender<Reply>>>,
    /// Set once the worker has crashed, timed out or failed to start.
    dead: Cell<bool>,
}

impl Channels {
    /// Fails every waiting request (and the start) with `error`.
    fn fail_all(&self, error: &WorkerError) {
        self.dead.set(true);
        if let Some(ready) = self.ready.borrow_mut().take() {
            let _ = ready.send(Err(error.clone()));
        }
        for (_, waiting) in self.pending.borrow_mut().drain() {
            let _ = waiting.send(Err(error.clone()));
        }
    }
}

/// A started worker and its handlers.
struct Live {
    worker: Worker,
    channels: Rc<Channels>,
    next_id: Cell<u32>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Live {
    fn new(worker: Worker, ready: oneshot::Sender<Result<(), WorkerError>>) -> Live {
        let channels = Rc::new(Channels {
            ready: RefCell::new(Some(ready)),
            ..Channels::default()
        });
        let on_message = {
            let channels = Rc::clone(&channels);
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                on_message(&channels, &event.data());
            })
        };
        let on_error = {
            let channels = Rc::clone(&channels);
            let worker = worker.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                // Handled here: not reported again as an error of the page
                // (src/boot.js would show its generic notice).
                event.prevent_default();
                let detail = event
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "the worker's script could not be run".into());
                let error = if channels.ready.borrow().is_some() {
                    could_not_start(detail)
                } else {
                    WorkerError::Crashed { detail }
                };
                worker.terminate();
                channels.fail_all(&error);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Live {
            worker,
            channels,
            next_id: Cell::new(0),
            _on_message: on_message,
            _on_error: on_error,
        }
    }

    fn is_dead(&self) -> bool {
        self.channels.dead.get()
    }

    /// Stops the worker and fails whatever waits for it.
    fn stop(&self, error: &WorkerError) {
        self.worker.terminate();
        self.channels.fail_all(error);
    }

    /// Sends `message` (given its `id` here) and waits for its answer;
    /// `transfer` lists buffers moved to the worker rather than copied.
    async fn run(&self, message: Object, transfer: Option<Array>) -> Reply {
        if self.is_dead() {
            return Err(WorkerError::Crashed {
                detail: "the worker has stopped".into(),
            });
        }
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let (reply_tx, reply_rx) = oneshot::channel();
        self.channels.pending.borrow_mut().insert(id, reply_tx);
        // Setting a property of a plain object cannot fail.
        let _ = Reflect::set(&message, &JsValue::from_str("id"), &JsValue::from(id));
        let posted = match &transfer {
            Some(transfer) => self.worker.post_message_with_transfer(&message, transfer),
            None => self.worker.post_message(&message),
        };
        if let Err(e) = posted {
            self.channels.pending.borrow_mut().remove(&id);
            return Err(WorkerError::Crashed {
                detail: format!("postMessage: {}", describe(&e)),
            });
        }
        let ms = timeout_ms(RUN_TIMEOUT_MS);
        match future::select(reply_rx, Timer::new(ms)).await {
            Either::Left((Ok(reply), _)) => reply,
            Either::Left((Err(_), _)) => Err(WorkerError::Crashed {
                detail: "the worker went away".into(),
            }),
            Either::Right(_) => {
                let error = WorkerError::TimedOut { ms };
                self.stop(&error);
                Err(error)
            }
        }
    }
}

/// Dispatches one message of the worker (see crates/import-worker).
fn on_message(channels: &Channels, data: &JsValue) {
    let field = |name: &str| Reflect::get(data, &JsValue::from_str(name)).ok();
    if let Some(kind) = field("kind").and_then(|k| k.as_string()) {
        let result = match kind.as_str() {
            "ready" => Ok(()),
            _ => Err(could_not_start(
                field("message").and_then(|m| m.as_string()).unwrap_or(kind),
            )),
        };
        if result.is_err() {
            channels.dead.set(true);
        }
        if let Some(ready) = channels.ready.borrow_mut().take() {
            let _ = ready.send(result);
        }
        return;
    }
    let Some(id) = field("id").and_then(|id| id.as_f64()) else {
        return;
    };
    let Some(waiting) = channels.pending.borrow_mut().remove(&(id as u32)) else {
        // Its request timed out; the answer came too late.
        return;
    };
    let reply = match field("outcome").and_then(|o| o.as_string()) {
        Some(outcome) => Ok(outcome),
        None => Err(WorkerError::Crashed {
            detail: field("error")
                .and_then(|e| e.as_string())
                .unwrap_or_else(|| "an answer with neither outcome nor error".into()),
        }),
    };
    let _ = waiting.send(reply);
}

/// A future that completes after `ms` milliseconds (`setTimeout`); the
/// timer is cleared when the future is dropped first.
struct Timer {
    done: oneshot::Receiver<()>,
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn new(ms: u32) -> Timer {
        let (tx, done) = oneshot::channel();
        let mut tx = Some(tx);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(tx) = tx.take() {
                let _ = tx.send(());
            }
        });
        let handle = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
            .ok()
        });
        Timer {
            done,
            handle,
            _callback: callback,
        }
    }
}

impl std::future::Future for Timer {
    type Output = ();

    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        // A timer that could not be set never fires: its sender is kept by
        // the callback, so this stays pending, and the other branch decides.
        self.done.poll_unpin(cx).map(|_| ())
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(handle), Some(window)) = (self.handle, web_sys::window()) {
            window.clear_timeout_with_handle(handle);
        }
    }
}
