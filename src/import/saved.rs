//! Datasets from a file or a paste, kept in this browser's IndexedDB until
//! the user removes them, and put back into the store on the next visit.
//!
//! What is kept is the dataset as the pipeline wrote it (the documented
//! JSON), not the file: restoring it is `Dataset::parse`, with no need to
//! load the import worker. A URL's data is not kept: the link carries it.
//!
//! The raw web-sys IndexedDB API with two small wrappers (open with the
//! upgrade, a request as a future) rather than a crate: the three calls we
//! need (put, getAll, delete) do not justify a dependency, and none is in
//! the tree. IndexedDB may be missing or refused (private browsing in some
//! browsers, a sandboxed embed, storage blocked): every call then fails
//! quietly, the panel says the data cannot be kept, and the page works on.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use ward_domain::dataset::Dataset;
use ward_domain::import::Origin;
use ward_domain::Registry;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{fill, use_i18n};
use crate::store::{use_store, Store};

const DB_NAME: &str = "hanoi-wards-import";
const DB_VERSION: u32 = 1;
const OBJECT_STORE: &str = "datasets";

/// One kept dataset, stored as JSON text under its `key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedDataset {
    pub key: String,
    /// The dataset's title when saved (the list shows it before parsing).
    pub title: String,
    pub origin: Origin,
    /// The dataset in the documented JSON format.
    pub dataset_json: String,
}

/// A new key for a dataset shown for the first time: the time in
/// milliseconds and a random part, so two tabs do not collide.
pub fn new_key() -> String {
    format!(
        "d{}-{}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e9) as u64
    )
}

/// One line of the list: a kept dataset and its id in the store (when it
/// could be restored).
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    saved: SavedDataset,
    store_id: Option<String>,
}

/// The list's state, one per visit: it outlives the pages that show it.
struct State {
    items: ArcRwSignal<Vec<Entry>>,
    /// `None` until IndexedDB answered; `Some(false)` when it cannot keep data.
    available: ArcRwSignal<Option<bool>>,
    restoring: Cell<bool>,
}

thread_local! {
    static STATE: RefCell<Option<std::rc::Rc<State>>> = const { RefCell::new(None) };
}

fn state() -> std::rc::Rc<State> {
    STATE.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                std::rc::Rc::new(State {
                    items: ArcRwSignal::new(Vec::new()),
                    available: ArcRwSignal::new(None),
                    restoring: Cell::new(false),
                })
            })
            .clone()
    })
}

/// The kept datasets of this visit. A handle: the list itself lives as long
/// as the page, so each page's panel shows the same one.
#[derive(Debug, Clone, Copy)]
pub struct SavedList;

impl SavedList {
    pub fn use_list() -> SavedList {
        SavedList
    }

    /// How many datasets are kept (tracked).
    pub fn count(self) -> usize {
        state().items.with(Vec::len)
    }

    /// Reads the kept datasets once per visit and adds each to the store,
    /// validated against `registry` like any file (one that no longer
    /// validates is listed, not shown).
    pub fn restore_once(self, registry: Registry, store: Store) {
        let state = state();
        if state.restoring.replace(true) {
            return;
        }
        leptos::task::spawn_local(async move {
            let records = match read_all().await {
                Ok(records) => records,
                Err(_) => {
                    state.available.set(Some(false));
                    return;
                }
            };
            state.available.set(Some(true));
            let mut entries = Vec::new();
            for saved in records {
                let store_id = Dataset::parse(&saved.dataset_json, &registry)
                    .ok()
                    .map(|loaded| store.add_user_dataset(loaded.value, saved.origin.clone()));
                entries.push(Entry { saved, store_id });
            }
            // Those kept during this visit before the list was read stay.
            state.items.update(|items| {
                for entry in entries {
                    if !items.iter().any(|e| e.saved.key == entry.saved.key) {
                        items.push(entry);
                    }
                }
            });
        });
    }

    /// Keeps `saved` (replacing the entry of the same key), shown in the
    /// store as `store_id`.
    pub fn keep(self, saved: SavedDataset, store_id: String) {
        let state = state();
        state.items.update(|items| {
            let entry = Entry {
                saved: saved.clone(),
                store_id: Some(store_id),
            };
            match items.iter_mut().find(|e| e.saved.key == saved.key) {
                Some(existing) => *existing = entry,
                None => items.push(entry),
            }
        });
        leptos::task::spawn_local(async move {
            let ok = put(&saved).await.is_ok();
            state.available.set(Some(ok));
        });
    }

    /// Removes the kept dataset `key` from the list, the store and IndexedDB.
    pub fn remove(self, key: &str, store: Store) {
        let state = state();
        let mut removed = None;
        state.items.update(|items| {
            if let Some(at) = items.iter().position(|e| e.saved.key == key) {
                removed = Some(items.remove(at));
            }
        });
        if let Some(id) = removed.and_then(|e| e.store_id) {
            store.remove_user_dataset(&id);
        }
        let key = key.to_string();
        leptos::task::spawn_local(async move {
            let _ = delete(&key).await;
        });
    }
}

/// The list with a Remove button for each, or the notice that this
/// browser cannot keep data.
#[component]
pub fn SavedDatasets(saved: SavedList) -> impl IntoView {
    let _ = saved;
    let i18n = use_i18n();
    let store = use_store();
    let state = state();
    let items = state.items.clone();
    let available = state.available.clone();
    let list = move || {
        items
            .get()
            .into_iter()
            .map(|entry| {
                let key = entry.saved.key.clone();
                let data_key = key.clone();
                let title = entry.saved.title.clone();
                let origin = match &entry.saved.origin {
                    Origin::File(name) => Some(name.clone()),
                    _ => None,
                };
                let label_title = title.clone();
                view! {
                    <li class="import-saved-item" data-key=data_key data-store-id=entry.store_id.clone().unwrap_or_default()>
                        <span class="import-saved-title">
                            <bdi class="dataset-text">{title}</bdi>
                            {origin.map(|name| view! {
                                " · "<bdi class="dataset-text muted">{name}</bdi>
                            })}
                        </span>
                        <button
                            type="button"
                            data-testid="import-saved-remove"
                            aria-label=move || fill(i18n.t().import.remove_label, &[("title", &label_title)])
                            on:click=move |_| SavedList.remove(&key, store)
                        >
                            {move || i18n.t().import.remove}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let has_items = {
        let items = state.items.clone();
        move || items.with(|i| !i.is_empty())
    };
    view! {
        <section class="import-saved" data-testid="import-saved">
            {move || (available.get() == Some(false)).then(|| view! {
                <p class="notice" data-testid="import-saved-unavailable">{i18n.t().import.saved_unavailable}</p>
            })}
            <Show when=has_items.clone()>
                <h3>{move || i18n.t().import.saved_heading}</h3>
                <p class="muted">{move || i18n.t().import.saved_hint}</p>
                <ul class="import-saved-list" data-testid="import-saved-list">{list.clone()}</ul>
            </Show>
        </section>
    }
}

/// The request's `onsuccess`/`onerror` as a future of its result.
fn done(request: &web_sys::IdbRequest) -> JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok_request = request.clone();
        let on_success = Closure::once_into_js(move |_: web_sys::Event| {
            let result = ok_request.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let on_error = Closure::once_into_js(move |_: web_sys::Event| {
            let _ = reject.call1(
                &JsValue::NULL,
                &JsValue::from_str("IndexedDB request failed"),
            );
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Opens the database, creating its one object store on first use.
async fn open() -> Result<web_sys::IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()?
        .ok_or("no IndexedDB")?;
    let request = factory.open_with_u32(DB_NAME, DB_VERSION)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::once_into_js(move |_: web_sys::Event| {
        if let Ok(db) = upgrading
            .result()
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>())
        {
            if !db.object_store_names().contains(OBJECT_STORE) {
                let _ = db.create_object_store(OBJECT_STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = done(&request).await?;
    db.dyn_into::<web_sys::IdbDatabase>()
}

async fn object_store(
    mode: web_sys::IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, JsValue> {
    let db = open().await?;
    db.transaction_with_str_and_mode(OBJECT_STORE, mode)?
        .object_store(OBJECT_STORE)
}

async fn put(saved: &SavedDataset) -> Result<(), JsValue> {
    let text = serde_json::to_string(saved).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let store = object_store(web_sys::IdbTransactionMode::Readwrite).await?;
    done(&store.put_with_key(&JsValue::from_str(&text), &JsValue::from_str(&saved.key))?).await?;
    Ok(())
}

async fn delete(key: &str) -> Result<(), JsValue> {
    let store = object_store(web_sys::IdbTransactionMode::Readwrite).await?;
    done(&store.delete(&JsValue::from_str(key))?).await?;
    Ok(())
}

/// Every kept dataset; a record that does not read (another version's, a
/// damaged one) is skipped.
async fn read_all() -> Result<Vec<SavedDataset>, JsValue> {
    let store = object_store(web_sys::IdbTransactionMode::Readonly).await?;
    let all = done(&store.get_all()?).await?;
    let array: js_sys::Array = all.dyn_into()?;
    Ok(array
        .iter()
        .filter_map(|v| v.as_string())
        .filter_map(|text| serde_json::from_str(&text).ok())
        .collect())
}
