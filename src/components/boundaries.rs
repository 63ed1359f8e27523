//! A publisher's ward boundaries, drawn instead of the hexagon tiles on
//! every map (the home map and its embed, the static maps of the district,
//! districts and composite pages, the downloaded SVG/PNG).
//!
//! They come from `?boundaries=<URL>` (checked and kept for the visit by
//! the store: `Store::boundaries_url`) or from a GeoJSON file the reader
//! picks next to the home map. They are read once and kept in one state
//! shared by every map ([`status`]), so a page change keeps them; a new
//! address or file replaces them. A file or address that cannot be used
//! shows its precise problems and the tiles stay.
//!
//! The file is read and laid out in the import worker
//! ([`crate::import::worker_client::load_boundaries`]), which keeps the
//! GeoJSON parser out of the app's first download; if that worker cannot
//! run, its message is shown and the tiles stay.
//!
//! Both kinds of map draw from a [`Drawing`]: the tiles' geometry or the
//! boundaries' paths, with the same classes, fills, keys and tooltips.

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use ward_domain::boundary_map::{BoundaryMap, MAX_BYTES};
use ward_domain::hexgeo::{keyboard_neighbour, ArrowKey, MapGeometry, DEFAULT_RADIUS};
use ward_domain::json::Loaded;
use ward_domain::tiles::TileLayout;
use ward_domain::{Problem, Registry};
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{fetch_text, LoadError};
use crate::i18n::{count, fill, use_i18n, Lang};
use crate::import::worker_client::{load_boundaries, WorkerError};
use crate::store::use_store;

/// Where the boundaries came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The `boundaries` parameter's address (absolute, from the store).
    Url(String),
    /// A file the reader picked: its name.
    File(String),
}

/// Boundaries in use.
#[derive(Debug, Clone, PartialEq)]
pub struct Ready {
    pub origin: Origin,
    /// The address's host when it is another site's (credited by name).
    pub host: Option<String>,
    pub map: BoundaryMap,
    /// (code, name) of the registry's wards without a polygon.
    pub missing: Vec<(String, String)>,
    /// Warnings (thinning); the missing wards are in `missing`.
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// The tiles.
    Off,
    Loading(Origin),
    Ready(Arc<Ready>),
    /// Could not be used: the tiles stay (the previous boundaries, if any,
    /// are dropped: the reader asked for other ones).
    Failed(Origin, LoadError),
    /// The import worker, which reads the file, could not run: the tiles
    /// stay.
    WorkerFailed(Origin, WorkerError),
}

thread_local! {
    // Reference-counted, not owned by the component that first asked: the
    // boundaries outlive the page they were loaded on.
    static STATUS: ArcRwSignal<Status> = ArcRwSignal::new(Status::Off);
    // The last `boundaries` parameter acted on, so a redraw or another map
    // on the same page does not fetch it again.
    static LAST_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The shared state (tracked when read in a reactive closure).
pub fn status() -> ArcRwSignal<Status> {
    STATUS.with(Clone::clone)
}

/// The boundaries in use, if any (tracked).
pub fn ready() -> Option<Arc<Ready>> {
    status().with(|s| match s {
        Status::Ready(r) => Some(Arc::clone(r)),
        _ => None,
    })
}

/// Who supplied the boundaries, for the credit line: the address's host
/// (`None` for this site), or the picked file's name.
fn supplier(origin: &Origin, host: Option<&str>, lang: Lang) -> String {
    let t = &crate::i18n::catalogue(lang).components;
    match (origin, host) {
        (Origin::Url(_), Some(host)) => host.chars().take(100).collect(),
        (Origin::Url(_), None) => t.boundaries_this_site.to_string(),
        (Origin::File(name), _) => fill(
            t.boundaries_your_file,
            &[("name", &name.chars().take(100).collect::<String>())],
        ),
    }
}

/// The host of `url` unless it is this page's own (read in an effect or
/// a task, never while rendering).
fn foreign_host(url: &str) -> Option<String> {
    let host = ward_domain::url_state::host_of(url)?;
    let own = web_sys::window().and_then(|w| w.location().host().ok());
    (own.as_deref() != Some(host)).then(|| host.to_string())
}

/// "Ranh giới do … cung cấp" for the boundaries in use, in `lang` (for the
/// downloaded image). Untracked.
pub fn credit(lang: Lang) -> Option<String> {
    status().with_untracked(|s| match s {
        Status::Ready(r) => Some(fill(
            crate::i18n::catalogue(lang).components.boundaries_credit,
            &[("source", &supplier(&r.origin, r.host.as_deref(), lang))],
        )),
        _ => None,
    })
}

/// Has the import worker read `text` and lay it out `width` wide, then
/// (unless a newer request replaced `origin` meanwhile) makes it the
/// boundaries in use, or the failure to show. The registry names the wards
/// without a polygon.
async fn read_and_install(origin: Origin, text: String, registry: Registry, width: f64) {
    let result = load_boundaries(text, width).await;
    if status().with_untracked(|s| s != &Status::Loading(origin.clone())) {
        return;
    }
    match result {
        Ok(loaded) => install(origin, loaded, &registry),
        Err(error) => status().set(Status::WorkerFailed(origin, error)),
    }
}

/// Makes the worker's answer the boundaries in use, or the failure to show.
fn install(origin: Origin, loaded: Result<Loaded<BoundaryMap>, Vec<Problem>>, registry: &Registry) {
    let name = match &origin {
        Origin::Url(u) => u.clone(),
        Origin::File(f) => f.clone(),
    };
    let next = match loaded {
        Ok(loaded) => {
            let missing = loaded
                .value
                .missing
                .iter()
                .map(|code| {
                    let name = registry
                        .ward(code)
                        .map(|w| w.name.clone())
                        .unwrap_or_default();
                    (code.clone(), name)
                })
                .collect();
            let warnings = loaded.warnings;
            let host = match &origin {
                Origin::Url(url) => foreign_host(url),
                Origin::File(_) => None,
            };
            Status::Ready(Arc::new(Ready {
                origin,
                host,
                map: loaded.value,
                missing,
                warnings,
            }))
        }
        Err(problems) => Status::Failed(
            origin,
            LoadError::Invalid {
                url: name,
                problems,
            },
        ),
    };
    status().set(next);
}

/// The registry and the tile map's width (the boundaries are drawn as wide,
/// so labels and strokes have the same size), once the base files are in.
fn base() -> Option<(Registry, f64)> {
    let (base, _) = use_store().base();
    let base = base.get_untracked()?.ok()?;
    let width = MapGeometry::new(&base.tiles, DEFAULT_RADIUS).width;
    Some((base.registry, width))
}

fn load_url(url: String) {
    let origin = Origin::Url(url.clone());
    let Some((registry, width)) = base() else {
        return;
    };
    status().set(Status::Loading(origin.clone()));
    leptos::task::spawn_local(async move {
        let result = fetch_text(&url).await;
        // A newer request (another address, a file) wins.
        if status().with_untracked(|s| s != &Status::Loading(origin.clone())) {
            return;
        }
        match result {
            Ok(text) => read_and_install(origin, text, registry, width).await,
            Err(error) => status().set(Status::Failed(origin, error)),
        }
    });
}

/// Follows this visit's `?boundaries=` address (kept by the store for the
/// visit and on every page's address): a new one is loaded; when it is
/// removed ("back to tiles"), boundaries that came from it go.
pub fn watch_address() {
    let url = use_store().boundaries_url();
    Effect::new(move |_| {
        let url = url.get();
        let fresh = LAST_URL.with(|last| {
            let mut last = last.borrow_mut();
            let fresh = *last != url;
            last.clone_from(&url);
            fresh
        });
        if !fresh {
            return;
        }
        match url {
            Some(url) => load_url(url),
            None => {
                let from_address = status().with_untracked(|s| match s {
                    Status::Ready(r) => matches!(r.origin, Origin::Url(_)),
                    Status::Loading(o) | Status::Failed(o, _) | Status::WorkerFailed(o, _) => {
                        matches!(o, Origin::Url(_))
                    }
                    Status::Off => false,
                });
                if from_address {
                    status().set(Status::Off);
                }
            }
        }
    });
}

/// Reads the picked file (at most [`MAX_BYTES`]) and installs it.
fn load_file(file: JsValue) {
    let name = js_sys::Reflect::get(&file, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let origin = Origin::File(name.clone());
    let size = js_sys::Reflect::get(&file, &"size".into())
        .ok()
        .and_then(|s| s.as_f64())
        .unwrap_or(0.0);
    if size > MAX_BYTES as f64 {
        status().set(Status::Failed(
            origin,
            LoadError::Invalid {
                url: name,
                problems: vec![Problem::error(
                    "$",
                    format!(
                        "the file is {size} bytes, more than the {MAX_BYTES} read: simplify the polygons (about 10 m, 5 decimals) to make it smaller"
                    ),
                )],
            },
        ));
        return;
    }
    let Some((registry, width)) = base() else {
        return;
    };
    status().set(Status::Loading(origin.clone()));
    leptos::task::spawn_local(async move {
        let text = async {
            let read: js_sys::Function = js_sys::Reflect::get(&file, &"text".into())?.dyn_into()?;
            let promise: js_sys::Promise = read.call0(&file)?.dyn_into()?;
            wasm_bindgen_futures::JsFuture::from(promise)
                .await?
                .as_string()
                .ok_or(JsValue::NULL)
        }
        .await;
        if status().with_untracked(|s| s != &Status::Loading(origin.clone())) {
            return;
        }
        match text {
            Ok(text) => read_and_install(origin, text, registry, width).await,
            Err(_) => status().set(Status::Failed(
                origin,
                LoadError::Invalid {
                    url: name,
                    problems: vec![Problem::error("$", "the file could not be read as text")],
                },
            )),
        }
    });
}

/// The file input and the "back to tiles" button, next to the home map.
#[component]
pub fn BoundariesPicker() -> impl IntoView {
    let i18n = use_i18n();
    let state = status();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else {
            return;
        };
        let file = js_sys::Reflect::get(&target, &"files".into())
            .ok()
            .and_then(|files| js_sys::Reflect::get(&files, &0.into()).ok())
            .filter(|f| !f.is_undefined() && !f.is_null());
        if let Some(file) = file {
            load_file(file);
        }
        // The same file picked again is read again.
        let _ = js_sys::Reflect::set(&target, &"value".into(), &"".into());
    };
    let shown = move || state.with(|s| matches!(s, Status::Ready(_)));
    view! {
        <div class="boundaries-picker">
            <label class="boundaries-file">
                <span>{move || i18n.t().components.boundaries_file}</span>
                <input
                    type="file"
                    accept=".geojson,.json,application/geo+json,application/json"
                    data-testid="boundaries-file"
                    on:change=on_change
                />
            </label>
            {move || shown().then(|| view! {
                <button
                    type="button"
                    data-testid="boundaries-off"
                    on:click=move |_| {
                        // Out of the address bar too, if it came from there.
                        use_store().clear_boundaries();
                        status().set(Status::Off);
                    }
                >
                    {move || i18n.t().components.boundaries_use_tiles}
                </button>
            })}
        </div>
    }
}

/// Under a map: loading, the failure (the tiles stay), or the credit line
/// and the wards without a polygon.
#[component]
pub fn BoundariesNotes() -> impl IntoView {
    let i18n = use_i18n();
    let state = status();
    move || {
        let t = &i18n.t().components;
        let lang = i18n.lang();
        match state.get() {
            Status::Off => None,
            Status::Loading(_) => Some(
                view! { <p class="boundaries-note muted" role="status">{t.boundaries_loading}</p> }
                    .into_any(),
            ),
            Status::Failed(_, error) => {
                let details = error.details(lang);
                let headline = error.headline(lang);
                Some(
                    view! {
                        <div class="boundaries-error load-error" role="alert" data-testid="boundaries-error">
                            <p class="load-error-headline">{t.boundaries_failed}</p>
                            <p>{headline}</p>
                            <ul>{details.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any(),
                )
            }
            Status::WorkerFailed(_, error) => {
                let message = error.message(i18n.t());
                Some(
                    view! {
                        <div class="boundaries-error load-error" role="alert" data-testid="boundaries-error">
                            <p class="load-error-headline">{t.boundaries_failed}</p>
                            <p>{message}</p>
                        </div>
                    }
                    .into_any(),
                )
            }
            Status::Ready(ready) => {
                let credit = fill(
                    t.boundaries_credit,
                    &[(
                        "source",
                        &supplier(&ready.origin, ready.host.as_deref(), lang),
                    )],
                );
                let missing = (!ready.missing.is_empty()).then(|| {
                    let names = ready
                        .missing
                        .iter()
                        .map(|(code, name)| view! { <li data-ward=code.clone() lang="vi">{name.clone()}</li> })
                        .collect_view();
                    view! {
                        <div class="boundaries-missing" data-testid="boundaries-missing">
                            <p>{count(ready.missing.len(), t.boundaries_missing_one, t.boundaries_missing)}</p>
                            <ul>{names}</ul>
                        </div>
                    }
                });
                let warnings = ready
                    .warnings
                    .iter()
                    .map(|w| view! { <li>{w.to_string()}</li> })
                    .collect_view();
                Some(
                    view! {
                        <div class="boundaries-notes">
                            <p class="boundaries-credit" data-testid="boundaries-credit">{credit}</p>
                            <ul class="boundaries-warnings">{warnings}</ul>
                            {missing}
                        </div>
                    }
                    .into_any(),
                )
            }
        }
    }
}

/// One ward's shape as drawn: a hexagon's points or a boundary's path.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `<polygon points>`.
    Points(String),
    /// `<path d fill-rule="evenodd">`.
    Path(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct WardShape {
    pub code: String,
    pub shape: Shape,
    /// Where the tooltip points: the tile's centre or the ward's label point.
    pub cx: f64,
    pub cy: f64,
}

/// What a map draws: the tiles, or a publisher's boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: f64,
    pub height: f64,
    pub wards: Vec<WardShape>,
    /// District outlines: (code, path data). With boundaries, the edges
    /// its wards do not share (`boundary_map::DistrictLabel::outline`).
    pub outlines: Vec<(String, String)>,
    /// District code and label position.
    pub labels: Vec<(String, f64, f64)>,
    /// Set when the boundaries are drawn.
    pub boundaries: Option<Arc<Ready>>,
}

impl Drawing {
    pub fn of_tiles(g: &MapGeometry) -> Drawing {
        Drawing {
            width: g.width,
            height: g.height,
            wards: g
                .tiles
                .iter()
                .map(|t| WardShape {
                    code: t.code.clone(),
                    shape: Shape::Points(t.points.clone()),
                    cx: t.cx,
                    cy: t.cy,
                })
                .collect(),
            outlines: g
                .districts
                .iter()
                .map(|d| (d.code.clone(), d.outline.clone()))
                .collect(),
            labels: g
                .districts
                .iter()
                .map(|d| (d.code.clone(), d.label_x, d.label_y))
                .collect(),
            boundaries: None,
        }
    }

    pub fn of_boundaries(ready: Arc<Ready>) -> Drawing {
        let m = &ready.map;
        Drawing {
            width: m.width,
            height: m.height,
            wards: m
                .wards
                .iter()
                .map(|w| WardShape {
                    code: w.code.clone(),
                    shape: Shape::Path(w.d.clone()),
                    cx: w.label_x,
                    cy: w.label_y,
                })
                .collect(),
            outlines: m
                .districts
                .iter()
                .filter(|d| !d.outline.is_empty())
                .map(|d| (d.code.clone(), d.outline.clone()))
                .collect(),
            labels: m
                .districts
                .iter()
                .map(|d| (d.code.clone(), d.label_x, d.label_y))
                .collect(),
            boundaries: Some(Arc::clone(&ready)),
        }
    }

    /// The boundaries if any are in use, else the tiles (tracked).
    pub fn current(tiles: &MapGeometry) -> Drawing {
        match ready() {
            Some(r) => Drawing::of_boundaries(r),
            None => Drawing::of_tiles(tiles),
        }
    }

    /// Where an arrow key goes from `code` on this drawing.
    pub fn neighbour(&self, layout: &TileLayout, code: &str, key: ArrowKey) -> Option<String> {
        match &self.boundaries {
            Some(r) => r.map.keyboard_neighbour(code, key).map(str::to_string),
            None => keyboard_neighbour(layout, code, key),
        }
    }

    pub fn has(&self, code: &str) -> bool {
        self.wards.iter().any(|w| w.code == code)
    }
}
