//! Fetching the open data files, and the errors a user may see.
//!
//! Every fetch goes through [`fetch_text`], which turns network failures,
//! HTTP errors, unreadable bodies and answers that never end into a
//! [`LoadError`] the page can show with a retry button. Parsing and
//! validation are the domain's job.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use crate::i18n::{catalogue, count, fill, Lang};
use gloo_net::http::Request;
use ward_domain::catalogue::{disagreements, lists_no_datasets, Catalogue};
use ward_domain::dataset::{Dataset, Level};
use ward_domain::tiles::TileLayout;
use ward_domain::{Loaded, Problem, Registry};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Where the open data is published, relative to the app's base URL.
pub const REGISTRY_URL: &str = "data/wards.json";
pub const TILES_URL: &str = "data/tiles.hexjson";
pub const CATALOGUE_URL: &str = "data/catalogue.json";
/// Dataset URLs in the catalogue are relative to the catalogue.
pub const CATALOGUE_DIR: &str = "data/";

/// How long one file may take, from the request to its last byte, before
/// the page gives up with [`LoadError::TimedOut`] and a retry: 20 000 ms.
/// The largest bundled file (tiles, about 100 KB) takes about 4 s on a slow
/// 3G phone (400 kbit/s with 2 s of latency), a publisher's 1 MB dataset
/// about 20 s; a shorter limit would fail readers on slow networks for
/// nothing. A host may change it with
/// `<meta name="fetch-timeout-ms" content="…">` in index.html (read once,
/// at the first fetch; 1..=600 000 ms, anything else is ignored): the e2e
/// tests use this to wait seconds, not minutes.
pub const FETCH_TIMEOUT_MS: u32 = 20_000;

/// The `<meta>` that overrides [`FETCH_TIMEOUT_MS`].
pub const FETCH_TIMEOUT_META: &str = "fetch-timeout-ms";

/// The timeout in force, in milliseconds: the page's `<meta>` if valid,
/// else [`FETCH_TIMEOUT_MS`]. Read once per visit.
pub fn fetch_timeout_ms() -> u32 {
    thread_local! {
        static TIMEOUT_MS: u32 = timeout_from_meta().unwrap_or(FETCH_TIMEOUT_MS);
    }
    TIMEOUT_MS.with(|ms| *ms)
}

fn timeout_from_meta() -> Option<u32> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector(&format!(r#"meta[name="{FETCH_TIMEOUT_META}"]"#))
        .ok()??;
    meta.get_attribute("content")?
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|ms| (1..=600_000).contains(ms))
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request never got an answer (offline, DNS, CORS, aborted).
    Network { url: String, detail: String },
    /// The server answered with an error status.
    Status {
        url: String,
        status: u16,
        status_text: String,
    },
    /// No complete answer (headers and body) within `ms` milliseconds
    /// ([`fetch_timeout_ms`]); the request was aborted.
    TimedOut { url: String, ms: u32 },
    /// The body arrived but is not a valid file of the expected kind.
    Invalid { url: String, problems: Vec<Problem> },
    /// The catalogue is readable but offers no ward dataset: empty file,
    /// `{"datasets": []}`, or every entry rejected (the reasons are the
    /// problems, all warnings).
    EmptyCatalogue { url: String, problems: Vec<Problem> },
    /// A file on another site that the browser would not let the page
    /// read: the fetch failed with a TypeError while a `no-cors` request
    /// to the same address got an answer, so the network and the host
    /// work and only `Access-Control-Allow-Origin` is missing.
    Cors { url: String },
}

impl LoadError {
    /// One sentence for the page, in the reader's language.
    pub fn headline(&self, lang: Lang) -> String {
        let t = &catalogue(lang).components;
        match self {
            LoadError::Network { .. } => t.error_network.to_string(),
            LoadError::Status { status, .. } => fill(t.error_status, &[("status", status)]),
            LoadError::TimedOut { ms, .. } => {
                fill(t.error_timed_out, &[("seconds", &ms.div_ceil(1000))])
            }
            LoadError::Invalid { .. } => t.error_invalid.to_string(),
            LoadError::EmptyCatalogue { .. } => t.error_empty_catalogue.to_string(),
            LoadError::Cors { url } => fill(
                catalogue(lang).user_data.why_cors,
                &[("host", &host_or_url(url))],
            ),
        }
    }

    /// Why a file the reader linked to (`?data=`, `?catalogue=`) could not
    /// be used and what its publisher can do, in `lang`: the CORS header to
    /// send, the HTTP status, the timeout, the network, or "not a dataset"
    /// (the problems are in [`LoadError::details`]).
    pub fn publisher_fix(&self, lang: Lang) -> String {
        let t = &catalogue(lang).user_data;
        match self {
            LoadError::Network { url, .. } => fill(t.why_network, &[("host", &host_or_url(url))]),
            LoadError::Status { url, status, .. } => fill(
                t.why_status,
                &[("host", &host_or_url(url)), ("status", status)],
            ),
            LoadError::TimedOut { url, ms } => fill(
                t.why_timeout,
                &[("host", &host_or_url(url)), ("seconds", &ms.div_ceil(1000))],
            ),
            LoadError::Invalid { .. } | LoadError::EmptyCatalogue { .. } => {
                t.why_invalid.to_string()
            }
            LoadError::Cors { url } => fill(t.why_cors, &[("host", &host_or_url(url))]),
        }
    }

    /// A short code of the failure for tests and embedders:
    /// "network", "status", "timeout", "invalid", "empty", "cors".
    pub fn kind(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "network",
            LoadError::Status { .. } => "status",
            LoadError::TimedOut { .. } => "timeout",
            LoadError::Invalid { .. } => "invalid",
            LoadError::EmptyCatalogue { .. } => "empty",
            LoadError::Cors { .. } => "cors",
        }
    }

    /// Technical detail for publishers and bug reports (shown in a
    /// disclosure). The problems themselves are in English, like the data
    /// format documentation their publishers read.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        match self {
            LoadError::Network { url, detail } => vec![format!("{url}: {detail}")],
            LoadError::Status {
                url,
                status,
                status_text,
            } => {
                vec![format!("{url}: HTTP {status} {status_text}")]
            }
            LoadError::TimedOut { url, ms } => {
                vec![format!("{url}: no complete answer within {ms} ms")]
            }
            LoadError::Cors { url } => vec![format!(
                "{url}: the response has no Access-Control-Allow-Origin header this page may use"
            )],
            LoadError::Invalid { url, problems } | LoadError::EmptyCatalogue { url, problems } => {
                let mut lines = vec![format!("{url}:")];
                lines.extend(problems.iter().take(20).map(|p| p.to_string()));
                if problems.len() > 20 {
                    let more = problems.len() - 20;
                    let t = &catalogue(lang).components;
                    lines.push(count(more, t.error_more_problem, t.error_more_problems));
                }
                lines
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({})",
            self.headline(Lang::En),
            self.details(Lang::En).join("; ")
        )
    }
}

/// Fetches `url` as text, mapping every failure to a [`LoadError`]. The
/// whole exchange, body included, is aborted after [`fetch_timeout_ms`]
/// and reported as [`LoadError::TimedOut`]; dropping the future (the page
/// moved on) aborts the request too.
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    fetch_body(url, Body::Text).await.map(|body| match body {
        Fetched::Text(text) => text,
        Fetched::Bytes(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

/// Fetches `url` as bytes (a table or workbook a reader linked to), with
/// [`fetch_text`]'s timeout and errors, and [`LoadError::Cors`] when
/// another site's file is refused to the page for want of an
/// `Access-Control-Allow-Origin` header.
pub async fn fetch_user_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let result = fetch_body(url, Body::Bytes).await.map(|body| match body {
        Fetched::Text(text) => text.into_bytes(),
        Fetched::Bytes(bytes) => bytes,
    });
    match result {
        Err(LoadError::Network { .. })
            if is_cross_origin(url) && answers_without_cors(url).await =>
        {
            Err(LoadError::Cors {
                url: url.to_string(),
            })
        }
        other => other,
    }
}

enum Body {
    Text,
    Bytes,
}

enum Fetched {
    Text(String),
    Bytes(Vec<u8>),
}

async fn fetch_body(url: &str, body: Body) -> Result<Fetched, LoadError> {
    let deadline = Deadline::start(fetch_timeout_ms());
    let failed = |detail: String| match &deadline {
        Some(d) if d.expired.get() => LoadError::TimedOut {
            url: url.to_string(),
            ms: d.ms,
        },
        _ => LoadError::Network {
            url: url.to_string(),
            detail,
        },
    };
    let response = Request::get(url)
        .abort_signal(deadline.as_ref().map(|d| d.controller.signal()).as_ref())
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    match body {
        Body::Text => response.text().await.map(Fetched::Text),
        Body::Bytes => response.binary().await.map(Fetched::Bytes),
    }
    .map_err(|e| failed(e.to_string()))
}

/// Whether `url` (absolute) is on another origin than the page.
fn is_cross_origin(url: &str) -> bool {
    let page = web_sys::window().and_then(|w| w.location().origin().ok());
    let target = web_sys::Url::new(url).ok().map(|u| u.origin());
    match (page, target) {
        (Some(page), Some(target)) => page != target,
        _ => false,
    }
}

/// Whether the host answers a `no-cors` request for `url` (an opaque
/// answer the page cannot read) within the fetch timeout: after a failed
/// CORS request this tells "the host does not send
/// Access-Control-Allow-Origin" from "the host cannot be reached".
async fn answers_without_cors(url: &str) -> bool {
    let deadline = Deadline::start(fetch_timeout_ms());
    Request::get(url)
        .mode(web_sys::RequestMode::NoCors)
        .abort_signal(deadline.as_ref().map(|d| d.controller.signal()).as_ref())
        .send()
        .await
        .is_ok()
}

/// `url` made absolute against `base` (an absolute URL), or `None` when it
/// is not a URL. `/files/x.csv` against the page gives
/// `https://site/files/x.csv`.
pub fn absolute_url(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base)
        .ok()
        .map(|u| u.href())
}

/// The page's own address (for [`absolute_url`]).
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The host of `url` ("data.example.org", "127.0.0.1:8123"), or the
/// address itself when it has none.
pub fn host_or_url(url: &str) -> String {
    ward_domain::url_state::host_of(url)
        .unwrap_or(url)
        .to_string()
}

/// An AbortController and the timer that aborts it. Dropped when the fetch
/// ends (or is dropped): the timer is cleared and a request still under
/// way is aborted, so a stale request does not hold one of the browser's
/// few connections. A plain `setTimeout` through web-sys, since gloo-timers
/// is not in the tree.
struct Deadline {
    controller: web_sys::AbortController,
    expired: Rc<Cell<bool>>,
    ms: u32,
    timer: i32,
    // Kept alive until the timer fires or is cleared.
    _on_expiry: Closure<dyn FnMut()>,
}

impl Deadline {
    /// `None` only where the browser has no AbortController or window (the
    /// fetch then runs without a limit, as before).
    fn start(ms: u32) -> Option<Deadline> {
        let window = web_sys::window()?;
        let controller = web_sys::AbortController::new().ok()?;
        let expired = Rc::new(Cell::new(false));
        let on_expiry = {
            let controller = controller.clone();
            let expired = Rc::clone(&expired);
            Closure::<dyn FnMut()>::new(move || {
                expired.set(true);
                controller.abort();
            })
        };
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_expiry.as_ref().unchecked_ref(),
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Deadline {
            controller,
            expired,
            ms,
            timer,
            _on_expiry: on_expiry,
        })
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.timer);
        }
        // A no-op once the response has been read.
        self.controller.abort();
    }
}

/// What every map view needs: the registry, the tiles and the catalogue,
/// fetched concurrently.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseData {
    pub registry: Registry,
    pub tiles: TileLayout,
    pub catalogue: Catalogue,
    /// Warnings about the map met while reading the registry and tiles (a
    /// ward without a tile, …): shown in every dataset's notes, since every
    /// map is drawn on these tiles. Never blocking.
    pub warnings: Vec<Problem>,
    /// Warnings about the catalogue, above all its rejected entries: shown
    /// in a notice above the page (`store::WithBase`).
    pub catalogue_warnings: Vec<Problem>,
}

pub async fn fetch_base() -> Result<BaseData, LoadError> {
    let (registry, tiles, catalogue) = futures::join!(
        fetch_text(REGISTRY_URL),
        fetch_text(TILES_URL),
        fetch_text(CATALOGUE_URL)
    );
    let registry =
        Registry::parse(&registry?).map_err(|problems| invalid(REGISTRY_URL, problems))?;
    let tiles = TileLayout::parse(&tiles?, &registry).map_err(|p| invalid(TILES_URL, p))?;
    let catalogue_text = catalogue?;
    let empty = |problems| LoadError::EmptyCatalogue {
        url: CATALOGUE_URL.to_string(),
        problems,
    };
    // "Lists no datasets" before "not valid JSON": an empty file or
    // `{"datasets": []}` is a publishing slip, not a damaged download.
    if lists_no_datasets(&catalogue_text) {
        return Err(empty(Vec::new()));
    }
    let catalogue = Catalogue::parse(&catalogue_text).map_err(|p| invalid(CATALOGUE_URL, p))?;
    if !catalogue
        .value
        .datasets
        .iter()
        .any(|e| e.level == Level::Ward)
    {
        return Err(empty(catalogue.warnings));
    }
    Ok(BaseData {
        registry,
        tiles: tiles.value,
        catalogue: catalogue.value,
        warnings: tiles.warnings,
        catalogue_warnings: catalogue.warnings,
    })
}

/// Fetches and validates one ward-level dataset listed in the catalogue.
/// The warnings are the file's own, then where it disagrees with its
/// catalogue entry (docs/data-format.md §6).
pub async fn fetch_ward_dataset(
    entry: &ward_domain::catalogue::Entry,
    registry: &Registry,
) -> Result<Loaded<Dataset>, LoadError> {
    let expected_id = entry.id.as_str();
    let relative_url = entry.url.as_str();
    // Absolute: https (a publisher's), or http on localhost in an entry of
    // a reader's `?catalogue=` (made absolute when it was read).
    let absolute = ward_domain::dataset::is_web_url(relative_url);
    let url = if absolute {
        relative_url.to_string()
    } else {
        format!("{CATALOGUE_DIR}{relative_url}")
    };
    let user_supplied = entry.provenance == ward_domain::dataset::Provenance::UserSupplied;
    let text = if user_supplied {
        let bytes = fetch_user_bytes(&url).await?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        fetch_text(&url).await?
    };
    let mut loaded = Dataset::parse(&text, registry).map_err(|problems| invalid(&url, problems))?;
    if user_supplied {
        // A reader's `?catalogue=`: labelled as theirs whatever it claims,
        // under the id the store gave its entry (made unique if the
        // publisher reused one of ours).
        loaded.value.id = expected_id.to_string();
        crate::store::label_user_supplied(
            &mut loaded.value,
            &ward_domain::import::Origin::Url(url.clone()),
        );
    }
    // The catalogue promises a ward dataset with this id; a file that is
    // something else would show every ward as "no data" without a word.
    let mut problems = Vec::new();
    if loaded.value.id != expected_id {
        problems.push(Problem::error(
            "$.id",
            format!(
                "the catalogue lists this file as {expected_id:?}, the file says {:?}",
                loaded.value.id
            ),
        ));
    }
    if loaded.value.level != Level::Ward {
        problems.push(Problem::error(
            "$.level",
            format!(
                "the map needs a ward dataset, this file is {:?}",
                loaded.value.level.name()
            ),
        ));
    }
    if problems.is_empty() {
        let disagree = disagreements(entry, &loaded.value);
        loaded.warnings.extend(disagree);
        Ok(loaded)
    } else {
        Err(invalid(&url, problems))
    }
}

/// The error for a dataset id the catalogue does not list (a page asked
/// for a dataset that was rejected or removed).
pub fn not_in_catalogue(id: &str) -> LoadError {
    invalid(
        CATALOGUE_URL,
        vec![Problem::error(
            "$.datasets",
            format!("no usable entry with id {id:?}"),
        )],
    )
}

fn invalid(url: &str, problems: Vec<Problem>) -> LoadError {
    LoadError::Invalid {
        url: url.to_string(),
        problems,
    }
}

/// Fetches and validates the ward registry.
pub async fn fetch_registry() -> Result<Registry, LoadError> {
    let text = fetch_text(REGISTRY_URL).await?;
    Registry::parse(&text).map_err(|problems| invalid(REGISTRY_URL, problems))
}

/// Whether a fetched file is JSON (its first character after any BOM and
/// blanks is `{`): the documented dataset format. Anything else is read as
/// a table (CSV, TSV, text, XLSX) by the import.
pub fn looks_like_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// A dataset in the documented JSON format from a reader's link, through
/// the same validation as the bundled files; it must be a ward dataset.
pub fn user_json_dataset(
    url: &str,
    bytes: &[u8],
    registry: &Registry,
) -> Result<Loaded<Dataset>, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    let loaded = Dataset::parse(&text, registry).map_err(|problems| invalid(url, problems))?;
    if loaded.value.level != Level::Ward {
        return Err(invalid(
            url,
            vec![Problem::error(
                "$.level",
                format!(
                    "the map needs a ward dataset, this file is {:?}",
                    loaded.value.level.name()
                ),
            )],
        ));
    }
    Ok(loaded)
}

/// A publisher's catalogue from a reader's `?catalogue=` link: its ward
/// entries with each `url` made absolute against the catalogue's address
/// (`datasets/a.json` next to `https://host/data/catalogue.json` is
/// `https://host/data/datasets/a.json`). Rejected entries are left out, as
/// in the bundled catalogue; none left is [`LoadError::EmptyCatalogue`].
pub async fn fetch_user_catalogue(
    url: &str,
) -> Result<Vec<ward_domain::catalogue::Entry>, LoadError> {
    let bytes = fetch_user_bytes(url).await?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes);
    let empty = |problems| LoadError::EmptyCatalogue {
        url: url.to_string(),
        problems,
    };
    if lists_no_datasets(&text) {
        return Err(empty(Vec::new()));
    }
    let loaded = Catalogue::parse(&text).map_err(|p| invalid(url, p))?;
    let entries: Vec<_> = loaded
        .value
        .datasets
        .into_iter()
        .filter(|e| e.level == Level::Ward)
        .filter_map(|mut e| {
            e.url = absolute_url(&e.url, url)?;
            Some(e)
        })
        .collect();
    if entries.is_empty() {
        return Err(empty(loaded.warnings));
    }
    Ok(entries)
}
