//! Data shared by every page of one visit: the base files (registry, tiles,
//! catalogue) are fetched once, on the first page that needs them, and ward
//! datasets are kept once loaded, so moving between the map, a ward profile
//! and a comparison does not download the same files again.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;
use ward_domain::cache::Cache;
use ward_domain::catalogue::Entry;
use ward_domain::dataset::{Dataset, Level};
use ward_domain::{Loaded, Registry};

use crate::api::{fetch_base, fetch_ward_dataset, not_in_catalogue, BaseData, LoadError};
use crate::components::load_error::{CatalogueWarnings, LoadErrorNotice};
use crate::components::loading::Loading;
use crate::components::retry::retryable;
use crate::i18n::{count, use_i18n};

/// How many dataset files are fetched at once.
const MAX_CONCURRENT_FETCHES: usize = 4;

type BaseResource = (LocalResource<Result<BaseData, LoadError>>, Callback<()>);

#[derive(Clone, Copy)]
pub struct Store {
    /// The app's owner: resources created lazily live as long as the app,
    /// not as long as the page that first asked for them.
    owner: StoredValue<Owner, LocalStorage>,
    base: StoredValue<Option<BaseResource>, LocalStorage>,
    /// Parsed ward datasets with their warnings, by id: the last few used
    /// and the shown ones (pinned), not every one ever loaded, so a visit
    /// through hundreds of indicators holds a bounded amount
    /// (`Cache::for_datasets`; ARCHITECTURE.md, "Memory"). Shared
    /// (`Arc`): the cache, the pages and their memos hold the same copy.
    datasets: StoredValue<Cache<String, Loaded<Arc<Dataset>>>>,
}

pub fn provide_store() {
    let store = Store {
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        base: StoredValue::new_local(None),
        datasets: StoredValue::new(Cache::for_datasets()),
    };
    provide_context(store);
}

pub fn use_store() -> Store {
    use_context::<Store>().unwrap_or_else(|| {
        provide_store();
        expect_context::<Store>()
    })
}

impl Store {
    /// The base files and the retry for them, fetched on first use.
    pub fn base(self) -> BaseResource {
        if let Some(existing) = self.base.get_value() {
            return existing;
        }
        let created = self
            .owner
            .with_value(|owner| owner.with(|| retryable(fetch_base)));
        self.base.set_value(Some(created));
        created
    }

    /// A ward dataset from the catalogue, from memory when recently used.
    pub async fn ward_dataset(self, base: &BaseData, id: &str) -> Result<Arc<Dataset>, LoadError> {
        let entry = base
            .catalogue
            .entry(id)
            .ok_or_else(|| not_in_catalogue(id))?;
        Ok(self.loaded_ward_dataset(entry, &base.registry).await?.value)
    }

    /// The ward dataset of `entry` with its warnings: from the cache when
    /// held (and then marked as just used), else fetched, validated and
    /// cached, which may evict the least recently used unpinned ones.
    pub async fn loaded_ward_dataset(
        self,
        entry: &Entry,
        registry: &Registry,
    ) -> Result<Loaded<Arc<Dataset>>, LoadError> {
        let key = entry.id.clone();
        if let Some(cached) = self
            .datasets
            .try_update_value(|cache| cache.get(&key).cloned())
            .flatten()
        {
            return Ok(cached);
        }
        let Loaded { value, warnings } = fetch_ward_dataset(entry, registry).await?;
        let bytes = value.heap_size();
        let loaded = Loaded {
            value: Arc::new(value),
            warnings,
        };
        self.datasets
            .try_update_value(|cache| cache.insert(key, loaded.clone(), bytes));
        Ok(loaded)
    }

    /// Keeps `id` in the cache while it is shown (until as many
    /// [`Store::unpin`]); does nothing when it is not held.
    pub fn pin(self, id: &str) {
        self.datasets
            .try_update_value(|cache| cache.pin(&id.to_string()));
    }

    /// Undoes one [`Store::pin`].
    pub fn unpin(self, id: &str) {
        self.datasets
            .try_update_value(|cache| cache.unpin(&id.to_string()));
    }

    /// Fetches the ward datasets `entries` (at most four requests in
    /// flight) and hands each result to `done` as it arrives, in any order,
    /// with its index in `entries`. Each fetch ends within the fetch
    /// timeout, so the whole ends too.
    pub async fn ward_datasets_as_they_come(
        self,
        base: &BaseData,
        entries: Vec<(usize, String)>,
        mut done: impl FnMut(usize, Result<Arc<Dataset>, LoadError>),
    ) {
        // At most four requests in flight: browsers queue more than six per
        // host anyway, and a small window keeps a slow or flaky server from
        // holding every connection (the e2e server saw requests stall when
        // all sixteen were started at once).
        let mut results = futures::stream::iter(
            entries
                .into_iter()
                .map(|(i, id)| async move { (i, self.ward_dataset(base, &id).await) }),
        )
        .buffer_unordered(MAX_CONCURRENT_FETCHES);
        while let Some((i, result)) = results.next().await {
            done(i, result);
        }
    }
}

/// Renders `view` once the base files are loaded, with the loading state and
/// the retryable error every page shows the same way, and a notice above
/// the view when catalogue entries were rejected.
#[component]
pub fn WithBase<F, V>(view: F) -> impl IntoView
where
    F: Fn(BaseData) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let (base, retry) = use_store().base();
    view! {
        <Suspense fallback=|| view! { <Loading what=|t| t.components.loading_base /> }>
            {move || {
                base.get()
                    .map(|result| match result {
                        Ok(base) => {
                            let rejected = base.catalogue_warnings.clone();
                            view! {
                                <CatalogueWarnings warnings=rejected />
                                {view(base)}
                            }
                            .into_any()
                        }
                        Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// Loaded ward datasets, in catalogue order, and the ones that failed.
///
/// The datasets are shared (`Arc`), never copied: cloning a `WardData`
/// (into a memo, a page, a stored value) copies pointers, so a page holds
/// one copy of each dataset however many places read it (ARCHITECTURE.md,
/// "Memory").
#[derive(Debug, Clone)]
pub struct WardData {
    pub base: BaseData,
    pub datasets: Vec<Arc<Dataset>>,
    pub failed: Vec<(Entry, LoadError)>,
}

/// Same datasets (the same shared copies) and the same failures: a memo of
/// `WardData` compares pointers, not every row of every dataset.
impl PartialEq for WardData {
    fn eq(&self, other: &WardData) -> bool {
        self.base == other.base
            && self.failed == other.failed
            && self.datasets.len() == other.datasets.len()
            && self
                .datasets
                .iter()
                .zip(&other.datasets)
                .all(|(a, b)| Arc::ptr_eq(a, b))
    }
}

impl WardData {
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id).map(|d| &**d)
    }

    /// The shared copy of dataset `id`, for a view that keeps it.
    pub fn shared(&self, id: &str) -> Option<Arc<Dataset>> {
        self.datasets.iter().find(|d| d.id == id).cloned()
    }
}

/// One ward dataset of a [`WithWardData`] page: `None` while it loads.
type Slot = (Entry, Option<Result<Arc<Dataset>, LoadError>>);

/// How long a [`WithWardData`] page waits for all its datasets before it is
/// drawn with those that have come, in milliseconds from the start of
/// loading. Short next to the fetch timeout (20 s), long enough that a
/// normal load is drawn once, complete.
const DRAW_PARTIAL_AFTER_MS: u64 = 2500;

/// Renders `view` with every ward dataset of the catalogue. Datasets load
/// four at a time, each within the fetch timeout. The view is drawn once
/// every dataset has arrived or failed, or, when that takes longer than
/// [`DRAW_PARTIAL_AFTER_MS`] from the start of loading, as soon as at least
/// one has (so one stuck file does not blank the page until its timeout),
/// with a notice naming the datasets still loading. After that it is
/// redrawn with what has arrived after 2, 4, 8… periods of
/// [`DRAW_PARTIAL_AFTER_MS`] while datasets are still loading, and once
/// more when the last one is in: a catalogue of hundreds of datasets on a slow link must not redraw
/// a page of hundreds of rows once per file. The failed ones are listed
/// above it, each with a retry that fetches only the failed ones again,
/// and while a retry runs the view stays.
#[component]
pub fn WithWardData<F, V>(base: BaseData, view: F) -> impl IntoView
where
    F: Fn(WardData) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let store = use_store();
    let slots: RwSignal<Vec<Slot>> = RwSignal::new(
        base.catalogue
            .datasets
            .iter()
            .filter(|e| e.level == Level::Ward)
            .map(|e| (e.clone(), None))
            .collect(),
    );
    let base = StoredValue::new(base);
    // Fetches the slots that are not loaded (all at first, the failed ones
    // on a retry). Results land in their slot as they come; a page left
    // meanwhile drops them (`try_update` on a disposed signal does nothing).
    let load = move || {
        let wanted: Vec<(usize, String)> = slots
            .try_update(|all| {
                all.iter_mut()
                    .enumerate()
                    .filter(|(_, (_, result))| !matches!(result, Some(Ok(_))))
                    .map(|(i, (entry, result))| {
                        *result = None;
                        (i, entry.id.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let Some(base) = base.try_get_value() else {
            return;
        };
        leptos::task::spawn_local(async move {
            store
                .ward_datasets_as_they_come(&base, wanted, |i, result| {
                    slots.try_update(|all| {
                        if let Some(slot) = all.get_mut(i) {
                            slot.1 = Some(result);
                        }
                    });
                })
                .await;
        });
    };
    load();
    let retry = Callback::new(move |_| load());
    // Counts the periods of DRAW_PARTIAL_AFTER_MS that passed while datasets
    // were loading: the first ends the grace period, and the page may be
    // redrawn with what has arrived at the 2nd, 4th, 8th…. A plain
    // setInterval, cleared when the page goes; `try_update` in case it fires
    // as the page is being left.
    let pending_untracked = move || {
        slots
            .try_with_untracked(|all| all.iter().any(|(_, result)| result.is_none()))
            .unwrap_or(false)
    };
    let ticks = RwSignal::new(0u32);
    if let Ok(timer) = set_interval_with_handle(
        move || {
            if pending_untracked() {
                ticks.try_update(|n| *n += 1);
            }
        },
        std::time::Duration::from_millis(DRAW_PARTIAL_AFTER_MS),
    ) {
        on_cleanup(move || timer.clear());
    }
    let pending = move || slots.with(|all| all.iter().any(|(_, result)| result.is_none()));
    let any_settled = move || slots.with(|all| all.iter().any(|(_, result)| result.is_some()));
    // The tick the page was last drawn at.
    let drawn_at = StoredValue::new(None::<u32>);
    // Shown once every dataset has been tried, or the grace period is over
    // and there is something to show; after that it stays, and follows what
    // arrives (late datasets, a retry's) at most once per tick and when the
    // last one is in. A memo: recomputing to an equal value (the same
    // shared datasets) does not redraw the page.
    let data = Memo::new(move |shown: Option<&Option<WardData>>| {
        let was_shown = shown.is_some_and(Option::is_some);
        let tick = ticks.get();
        let still_loading = pending();
        if !was_shown && still_loading && !(tick > 0 && any_settled()) {
            return None;
        }
        // While loading goes on, redraw at ticks 1, 2, 4, 8…: at most a
        // handful of redraws however slow the link, each showing more.
        let redraw_now = tick.is_power_of_two() && drawn_at.get_value() != Some(tick);
        if was_shown && still_loading && !redraw_now {
            return shown.cloned().flatten();
        }
        drawn_at.set_value(Some(tick));
        let mut data = WardData {
            base: base.get_value(),
            datasets: Vec::new(),
            failed: Vec::new(),
        };
        slots.with(|all| {
            for (entry, result) in all {
                match result {
                    Some(Ok(dataset)) => data.datasets.push(Arc::clone(dataset)),
                    Some(Err(error)) => data.failed.push((entry.clone(), error.clone())),
                    None => {}
                }
            }
        });
        Some(data)
    });
    let view = StoredValue::new(view);
    view! {
        {move || {
            if !pending() {
                None
            } else if data.with(Option::is_none) {
                Some(view! { <Loading what=|t| t.components.loading_indicators /> }.into_any())
            } else {
                Some(view! { <LoadingMore slots /> }.into_any())
            }
        }}
        {move || {
            data.with(|data| {
                data.as_ref()
                    .map(|data| {
                        data.failed
                            .iter()
                            .map(|(_, error)| view! { <LoadErrorNotice error=error.clone() retry /> })
                            .collect_view()
                    })
            })
        }}
        {move || data.get().map(|data| view.with_value(|view| view(data)))}
    }
}

/// The quiet notice above a page drawn before all its datasets came: how
/// many are still loading, and their titles in the reader's language.
#[component]
fn LoadingMore(slots: RwSignal<Vec<Slot>>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let lang = i18n.lang();
        let titles: Vec<String> = slots.with(|all| {
            all.iter()
                .filter(|(_, result)| result.is_none())
                .map(|(entry, _)| entry.title.get(lang).to_string())
                .collect()
        });
        let t = &i18n.t().components;
        let headline = count(titles.len(), t.loading_more_one, t.loading_more);
        format!("{headline} {}", titles.join("; "))
    };
    view! {
        <p class="loading loading-more" data-testid="loading-more" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {text}
        </p>
    }
}
