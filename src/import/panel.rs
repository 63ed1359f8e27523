//! The "Dữ liệu của bạn / Your data" panel: a disclosure button (closed by
//! default, so the page it sits on keeps its size) that opens the three
//! ways in (a published file's URL, a file picked or dropped, a pasted
//! table), what was read, the column mapping, the match report, and the
//! datasets kept in this browser.
//!
//! The pipeline runs in the import worker (`super::worker_client`), which is
//! stateless: every change (mapping, sheet, metadata, a row fixed) sends the
//! whole [`ImportRequest`] again with the same bytes. A response that comes
//! after a newer request was sent is dropped.
//!
//! Nothing read from the user's file is ever inserted as HTML: headers,
//! names and notices are text nodes and attribute values.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use ward_domain::dataset::Dataset;
use ward_domain::import::{ImportOutcome, ImportRequest, Origin};
use ward_domain::{Problem, Registry};
use wasm_bindgen::JsCast;

use super::mapping_form::MappingForm;
use super::match_report::MatchReport;
use super::saved::{self, SavedList};
use crate::components::load_error::ProblemList;
use crate::i18n::use_i18n;
use crate::store::{use_store, Store};

type Navigate = Box<dyn Fn(&str, leptos_router::NavigateOptions)>;

/// The router's location and navigate function, taken when the panel is
/// created: the worker's answer arrives in a task, outside any context.
struct Nav {
    location: leptos_router::location::Location,
    navigate: Navigate,
}

/// What the user gave: the bytes of a file or a paste, and where they came
/// from. Shared: each request hands the worker its own copy.
#[derive(Clone, Debug)]
pub struct Source {
    pub bytes: Arc<Vec<u8>>,
    pub origin: Origin,
}

/// One import in progress: the request last sent, the outcome last
/// received, and the dataset shown from it.
#[derive(Clone, Copy)]
pub struct Session {
    source: RwSignal<Option<Source>>,
    pub request: RwSignal<Option<ImportRequest>>,
    pub outcome: RwSignal<Option<ImportOutcome>>,
    /// The worker could not run (not the file's problems: those are in the outcome).
    pub error: RwSignal<Option<super::worker_client::WorkerError>>,
    pub pending: RwSignal<bool>,
    /// Problems of the dataset the outcome made, when it fails validation.
    pub invalid: RwSignal<Option<Vec<Problem>>>,
    /// Counts requests, so a late answer to an older one is dropped.
    generation: StoredValue<u64>,
    /// The store's id of the dataset once the user chose "Show on the map";
    /// each later outcome replaces it, so a fixed row updates the map.
    pub shown: RwSignal<Option<String>>,
    /// The IndexedDB key this import is saved under once shown.
    saved_key: StoredValue<Option<String>>,
    registry: StoredValue<Option<Registry>>,
    saved: SavedList,
    store: Store,
    nav: StoredValue<Nav, LocalStorage>,
}

impl Session {
    fn new(saved: SavedList) -> Session {
        let navigate = use_navigate();
        let nav = Nav {
            location: use_location(),
            navigate: Box::new(move |url, options| navigate(url, options)),
        };
        Session {
            source: RwSignal::new(None),
            request: RwSignal::new(None),
            outcome: RwSignal::new(None),
            error: RwSignal::new(None),
            pending: RwSignal::new(false),
            invalid: RwSignal::new(None),
            generation: StoredValue::new(0),
            shown: RwSignal::new(None),
            saved_key: StoredValue::new(None),
            registry: StoredValue::new(None),
            saved,
            store: use_store(),
            nav: StoredValue::new_local(nav),
        }
    }

    /// Starts a new import of `source`: the pipeline guesses everything.
    pub fn start(self, source: Source) {
        self.adopt(source, None);
    }

    /// Starts an import of `source` whose first outcome is already known
    /// (a `?data=` table the loader could not map): shown at once, without
    /// asking the worker again.
    pub fn adopt(self, source: Source, outcome: Option<ImportOutcome>) {
        let request = ImportRequest {
            origin: source.origin.clone(),
            sheet: None,
            mapping: None,
            meta: None,
            fixes: Vec::new(),
            convert_legacy: false,
        };
        self.source.set(Some(source));
        self.request.set(Some(request));
        self.invalid.set(None);
        self.shown.set(None);
        self.saved_key.set_value(None);
        match outcome {
            Some(outcome) => {
                // A request still on its way is for the previous source.
                self.generation.update_value(|g| *g += 1);
                self.pending.set(false);
                self.outcome.set(Some(outcome));
                self.validate();
            }
            None => {
                self.outcome.set(None);
                self.run();
            }
        }
    }

    /// Changes the request and runs it again. The outcome's mapping and
    /// metadata are written into the request first, so changing one column
    /// keeps the rest of the guess.
    pub fn edit(self, change: impl FnOnce(&mut ImportRequest)) {
        let outcome = self.outcome.get_untracked();
        self.request.update(|request| {
            if let Some(request) = request {
                if let Some(outcome) = &outcome {
                    if request.mapping.is_none() {
                        request.mapping = Some(outcome.mapping.clone());
                    }
                    if request.meta.is_none() {
                        request.meta = Some(outcome.meta.clone());
                    }
                }
                change(request);
            }
        });
        self.run();
    }

    fn run(self) {
        let (Some(source), Some(request)) =
            (self.source.get_untracked(), self.request.get_untracked())
        else {
            return;
        };
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.pending.set(true);
        self.error.set(None);
        leptos::task::spawn_local(async move {
            let result = super::worker_client::run_import(source.bytes.to_vec(), &request).await;
            // Left the page, or a newer request is on its way.
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            self.pending.set(false);
            match result {
                Ok(outcome) => {
                    self.outcome.set(Some(outcome));
                    if self.shown.get_untracked().is_some() {
                        self.show();
                    } else {
                        self.validate();
                    }
                }
                Err(error) => self.error.set(Some(error)),
            }
        });
    }

    /// The outcome's dataset, validated like every bundled file; its
    /// problems go to `invalid`.
    fn validate(self) -> Option<Dataset> {
        let json = self
            .outcome
            .with_untracked(|o| o.as_ref().and_then(|o| o.dataset_json.clone()))?;
        let registry = self.registry.get_value()?;
        match Dataset::parse(&json, &registry) {
            Ok(loaded) => {
                self.invalid.set(None);
                Some(loaded.value)
            }
            Err(problems) => {
                self.invalid.set(Some(problems));
                None
            }
        }
    }

    /// Adds (or replaces) the dataset in the store, keeps it in IndexedDB
    /// (file and paste only: a URL is the link's to carry), and selects it
    /// on the home view.
    pub fn show(self) {
        let Some(dataset) = self.validate() else {
            return;
        };
        let Some(origin) = self
            .source
            .with_untracked(|s| s.as_ref().map(|s| s.origin.clone()))
        else {
            return;
        };
        let json = self
            .outcome
            .with_untracked(|o| o.as_ref().and_then(|o| o.dataset_json.clone()))
            .unwrap_or_default();
        let title = dataset.title.get(crate::i18n::Lang::Vi).to_string();
        let store = self.store;
        // The store replaces the dataset this panel showed last and keeps
        // its id, so a fixed row updates the views in place; an id that
        // changed anyway (it was removed meanwhile) leaves no stale copy.
        let id = store.replace_user_dataset(self.shown.get_untracked(), dataset, origin.clone());
        if let Some(old) = self.shown.get_untracked().filter(|old| *old != id) {
            store.remove_user_dataset(&old);
        }
        self.shown.set(Some(id.clone()));
        if !matches!(origin, Origin::Url(_)) {
            let key = self.saved_key.get_value().unwrap_or_else(saved::new_key);
            self.saved_key.set_value(Some(key.clone()));
            self.saved.keep(
                saved::SavedDataset {
                    key,
                    title,
                    origin,
                    dataset_json: json,
                },
                id.clone(),
            );
        }
        self.nav.with_value(|nav| select_on_home(nav, &id));
    }
}

/// Puts `indicator=<id>` in the address when the home view is shown, so it
/// shows the dataset (the URL is the home view's state, both ways).
fn select_on_home(nav: &Nav, id: &str) {
    let location = &nav.location;
    if !location
        .pathname
        .get_untracked()
        .trim_end_matches('/')
        .is_empty()
    {
        return;
    }
    let search = location.search.get_untracked();
    let mut parts: Vec<String> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("indicator=") && !p.starts_with("period="))
        .map(str::to_string)
        .collect();
    parts.push(format!(
        "indicator={}",
        String::from(js_sys::encode_uri_component(id))
    ));
    (nav.navigate)(
        &format!("{}?{}", location.pathname.get_untracked(), parts.join("&")),
        leptos_router::NavigateOptions {
            scroll: false,
            ..Default::default()
        },
    );
}

/// Reads a picked or dropped file's bytes (the browser's `Blob.arrayBuffer`).
async fn file_bytes(file: web_sys::File) -> Result<Vec<u8>, ()> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// An address `?data=` accepts (the same rule as the loader, which says
/// why when it refuses one): https, a path on this site, or http on
/// localhost for testing.
fn usable_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://")
        || (url.starts_with('/') && !url.starts_with("//"))
        || lower.starts_with("http://localhost")
        || lower.starts_with("http://127.0.0.1")
}

/// The panel. Takes nothing: it reads the registry from the store and
/// writes datasets to it, so every page mounts it the same way.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let saved = SavedList::use_list();
    let session = Session::new(saved);
    let (base, _) = use_store().base();
    // The registry, once the base files are in: validation, the ward
    // pickers of the match report, and restoring saved datasets need it.
    let registry = Memo::new(move |_| {
        base.get()
            .and_then(|b| b.as_ref().ok().map(|b| b.registry.clone()))
    });
    Effect::new(move |_| {
        if let Some(registry) = registry.get() {
            session.registry.set_value(Some(registry.clone()));
            saved.restore_once(registry, session.store);
        }
    });
    // A `?data=` table whose columns the loader could not guess is handed
    // over here (`Store::pending_import`): the panel opens on its mapping.
    let pending = session.store.pending_import();
    Effect::new(move |_| {
        if pending.with(Option::is_some) {
            if let Some(p) = pending.try_update(Option::take).flatten() {
                open.set(true);
                session.adopt(
                    Source {
                        bytes: p.bytes,
                        origin: p.origin,
                    },
                    p.outcome,
                );
            }
        }
    });
    let panel_id = "import-panel";
    view! {
        <section class="import" data-testid="import">
            <button
                type="button"
                class="import-toggle"
                aria-expanded=move || open.get().to_string()
                aria-controls=panel_id
                data-testid="import-toggle"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || i18n.t().import.toggle}
                {move || {
                    let n = saved.count();
                    (n > 0).then(|| format!(" ({n})"))
                }}
            </button>
            <div id=panel_id class="import-panel" hidden=move || !open.get()>
                <Show when=move || open.get()>
                    <h2 class="import-heading">{move || i18n.t().import.heading}</h2>
                    <p class="import-intro">{move || i18n.t().import.intro}</p>
                    <p class="import-privacy" data-testid="import-privacy">
                        {move || i18n.t().import.privacy}
                        " "
                        <a href="publish">{move || i18n.t().import.publish_link}</a>
                    </p>
                    <div class="import-ways">
                        <UrlForm />
                        <FileDrop session />
                        <PasteBox session />
                    </div>
                    <Status session />
                    <Result session registry />
                    <super::saved::SavedDatasets saved />
                </Show>
            </div>
        </section>
    }
}

/// The URL way in: puts `?data=` in the address (url-data's loader reads it).
#[component]
fn UrlForm() -> impl IntoView {
    let i18n = use_i18n();
    let url = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let location = use_location();
    let navigate = use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = url.get_untracked().trim().to_string();
        if !usable_url(&value) {
            invalid.set(true);
            return;
        }
        invalid.set(false);
        let search = location.search.get_untracked();
        let mut parts: Vec<String> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("data=") && !p.starts_with("indicator="))
            .map(str::to_string)
            .collect();
        parts.push(format!(
            "data={}",
            String::from(js_sys::encode_uri_component(&value))
        ));
        navigate(
            &format!("{}?{}", location.pathname.get_untracked(), parts.join("&")),
            Default::default(),
        );
    };
    view! {
        <form class="import-way import-url" on:submit=submit>
            <label class="control">
                <span>{move || i18n.t().import.url_label}</span>
                <input
                    type="url"
                    inputmode="url"
                    autocomplete="url"
                    placeholder="https://"
                    data-testid="import-url"
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby="import-url-error"
                    prop:value=move || url.get()
                    on:input=move |ev| url.set(event_target_value(&ev))
                />
            </label>
            <button type="submit">{move || i18n.t().import.url_submit}</button>
            <p id="import-url-error" class="import-error" role="alert">
                {move || invalid.get().then(|| i18n.t().import.url_invalid)}
            </p>
        </form>
    }
}

/// The file way in: a file input inside a drop zone. The input is the
/// keyboard and screen-reader way; dropping is the same for a mouse.
#[component]
fn FileDrop(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let over = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let take = move |file: Option<web_sys::File>| {
        let Some(file) = file else {
            return;
        };
        failed.set(false);
        let name = file.name();
        leptos::task::spawn_local(async move {
            match file_bytes(file).await {
                Ok(bytes) => session.start(Source {
                    bytes: Arc::new(bytes),
                    origin: Origin::File(name),
                }),
                Err(()) => {
                    failed.try_set(true);
                }
            }
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        take(file);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        take(
            ev.data_transfer()
                .and_then(|d| d.files())
                .and_then(|files| files.get(0)),
        );
    };
    view! {
        <div
            class="import-way import-drop"
            class:drag-over=move || over.get()
            data-testid="import-drop"
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                over.set(true);
            }
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <label class="control">
                <span>{move || i18n.t().import.file_label}</span>
                <input
                    type="file"
                    accept=".csv,.tsv,.txt,.xlsx,.json,text/csv,text/tab-separated-values,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    data-testid="import-file"
                    on:change=on_change
                />
            </label>
            <p class="import-drop-hint" aria-hidden="true">{move || i18n.t().import.drop_hint}</p>
            <p class="import-error" role="alert">
                {move || failed.get().then(|| i18n.t().import.file_failed)}
            </p>
        </div>
    }
}

/// The paste way in: cells copied from a spreadsheet arrive tab-separated.
#[component]
fn PasteBox(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = text.get_untracked();
        if value.trim().is_empty() {
            empty.set(true);
            return;
        }
        empty.set(false);
        session.start(Source {
            bytes: Arc::new(value.into_bytes()),
            origin: Origin::Paste,
        });
    };
    view! {
        <form class="import-way import-paste" on:submit=submit>
            <label class="control">
                <span>{move || i18n.t().import.paste_label}</span>
                <textarea
                    rows="5"
                    spellcheck="false"
                    data-testid="import-paste"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
            </label>
            <button type="submit" data-testid="import-paste-submit">{move || i18n.t().import.paste_submit}</button>
            <p class="import-error" role="alert">
                {move || empty.get().then(|| i18n.t().import.paste_empty)}
            </p>
        </form>
    }
}

/// Reading / failed, announced politely.
#[component]
fn Status(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="import-status" role="status" aria-live="polite" data-testid="import-status">
            {move || session.pending.get().then(|| view! {
                <p class="loading"><span class="spinner" aria-hidden="true"></span>{i18n.t().import.reading}</p>
            })}
            {move || session.error.get().map(|error| {
                let detail = error.detail().map(str::to_string);
                view! {
                    <p class="import-error" data-testid="import-worker-error">{error.message(i18n.t())}</p>
                    {detail.map(|detail| view! {
                        <details class="import-detail">
                            <summary>{move || i18n.t().components.technical_detail}</summary>
                            <code>{detail}</code>
                        </details>
                    })}
                }
            })}
        </div>
    }
}

/// What was read, the mapping, the report and the actions, once there is
/// an outcome.
#[component]
fn Result(session: Session, registry: Memo<Option<Registry>>) -> impl IntoView {
    let i18n = use_i18n();
    let origin_line = move || {
        session.request.with(|r| {
            r.as_ref().map(|r| match &r.origin {
                Origin::File(name) => view! {
                    {i18n.t().import.source_file}<bdi class="dataset-text">{name.clone()}</bdi>
                }
                .into_any(),
                Origin::Paste => i18n.t().import.source_paste.into_any(),
                Origin::Url(url) => {
                    view! { <bdi class="dataset-text">{url.clone()}</bdi> }.into_any()
                }
            })
        })
    };
    let has_outcome = move || session.outcome.with(Option::is_some);
    view! {
        <Show when=has_outcome>
            <div class="import-result" data-testid="import-result">
                <p class="import-read">
                    {origin_line}
                    " · "
                    {move || i18n.t().import.encoding}
                    <span data-testid="import-encoding">
                        {move || session.outcome.with(|o| o.as_ref().map(|o| o.encoding.clone()))}
                    </span>
                </p>
                <Notices session />
                <MappingForm session />
                <Fatal session />
                <MatchReport session registry />
                <Actions session />
            </div>
        </Show>
    }
}

/// The reading's notices in the current language, and the offer to convert
/// legacy text when one says the text looks like TCVN3, VNI or mojibake.
#[component]
fn Notices(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let notices = move || {
        session
            .outcome
            .with(|o| o.as_ref().map(|o| o.notices.clone()).unwrap_or_default())
    };
    let legacy = move || {
        session.outcome.with(|o| {
            o.as_ref().is_some_and(|o| {
                o.notices
                    .iter()
                    .chain(&o.fatal)
                    .any(|n| is_legacy_notice(&n.code))
            })
        })
    };
    let converting = move || {
        session
            .request
            .with(|r| r.as_ref().is_some_and(|r| r.convert_legacy))
    };
    view! {
        {move || {
            let notices = notices();
            (!notices.is_empty()).then(|| view! {
                <div class="import-notices" data-testid="import-notices">
                    <h3>{move || i18n.t().import.notices_heading}</h3>
                    <ul>
                        {notices.into_iter().map(|n| {
                            let code = n.code.clone();
                            view! {
                                <li data-code=code>{move || match i18n.lang() {
                                    crate::i18n::Lang::Vi => n.vi.clone(),
                                    crate::i18n::Lang::En => n.en.clone(),
                                }}</li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        <Show when=move || legacy() || converting()>
            <p class="import-legacy">
                <button
                    type="button"
                    data-testid="import-convert-legacy"
                    aria-pressed=move || converting().to_string()
                    on:click=move |_| {
                        let on = !converting();
                        session.edit(|r| r.convert_legacy = on);
                    }
                >
                    {move || if converting() {
                        i18n.t().import.undo_convert
                    } else {
                        i18n.t().import.convert_legacy
                    }}
                </button>
            </p>
        </Show>
    }
}

/// Whether a notice's code says the text looks like a legacy font encoding
/// or double-decoded UTF-8 (the codes are the pipeline's: "legacy-tcvn3",
/// "legacy-vni", "mojibake"…).
fn is_legacy_notice(code: &str) -> bool {
    code.starts_with("legacy")
        || code.contains("mojibake")
        || code.contains("tcvn")
        || code.contains("vni")
}

/// Why the file cannot be shown, and a dataset that fails validation.
#[component]
fn Fatal(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            let fatal = session
                .outcome
                .with(|o| o.as_ref().map(|o| o.fatal.clone()).unwrap_or_default());
            (!fatal.is_empty()).then(|| view! {
                <div class="load-error" data-testid="import-fatal">
                    <p class="load-error-headline">{move || i18n.t().import.cannot_show}</p>
                    <ul>
                        {fatal.into_iter().map(|n| view! {
                            <li data-code=n.code.clone()>{move || match i18n.lang() {
                                crate::i18n::Lang::Vi => n.vi.clone(),
                                crate::i18n::Lang::En => n.en.clone(),
                            }}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        {move || session.invalid.get().map(|problems| view! {
            <div class="load-error" data-testid="import-invalid">
                <p class="load-error-headline">{move || i18n.t().import.invalid_dataset}</p>
                <ProblemList problems=StoredValue::new(problems) />
            </div>
        })}
    }
}

/// "Show on the map" and the JSON download.
#[component]
fn Actions(session: Session) -> impl IntoView {
    let i18n = use_i18n();
    let json = move || {
        session
            .outcome
            .with(|o| o.as_ref().and_then(|o| o.dataset_json.clone()))
    };
    let download = move |_| {
        if let Some(json) = json() {
            let name = serde_json::from_str::<serde_json::Value>(&json)
                .ok()
                .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_string))
                .filter(|id| {
                    id.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                })
                .unwrap_or_else(|| "ward-data".to_string());
            let _ = crate::components::files::save_text(
                &json,
                "application/json",
                &format!("{name}.json"),
            );
        }
    };
    view! {
        <Show when=move || json().is_some()>
            <div class="import-actions">
                <button
                    type="button"
                    class="import-show"
                    data-testid="import-show"
                    disabled=move || session.pending.get()
                    on:click=move |_| session.show()
                >
                    {move || i18n.t().import.show_on_map}
                </button>
                <button type="button" data-testid="import-download" on:click=download>
                    {move || i18n.t().import.download_json}
                </button>
                <p class="import-shown" role="status" data-testid="import-shown">
                    {move || session.shown.get().map(|_| i18n.t().import.shown)}
                </p>
            </div>
        </Show>
    }
}
