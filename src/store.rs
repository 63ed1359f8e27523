//! Data shared by every page of one visit: the base files (registry, tiles,
//! catalogue) are fetched once, on the first page that needs them, and ward
//! datasets are kept once loaded, so moving between the map, a ward profile
//! and a comparison does not download the same files again.

use std::collections::HashMap;

use futures::StreamExt;
use leptos::prelude::*;
use ward_domain::catalogue::Entry;
use ward_domain::dataset::{Dataset, Level};

use crate::api::{fetch_base, fetch_ward_dataset, BaseData, LoadError};
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::components::retry::retryable;

/// How many dataset files are fetched at once.
const MAX_CONCURRENT_FETCHES: usize = 4;

type BaseResource = (LocalResource<Result<BaseData, LoadError>>, Callback<()>);

#[derive(Clone, Copy)]
pub struct Store {
    /// The app's owner: resources created lazily live as long as the app,
    /// not as long as the page that first asked for them.
    owner: StoredValue<Owner, LocalStorage>,
    base: StoredValue<Option<BaseResource>, LocalStorage>,
    datasets: StoredValue<HashMap<String, Dataset>>,
}

pub fn provide_store() {
    let store = Store {
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        base: StoredValue::new_local(None),
        datasets: StoredValue::new(HashMap::new()),
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

    /// A ward dataset from the catalogue, from memory when already loaded.
    pub async fn ward_dataset(self, base: &BaseData, id: &str) -> Result<Dataset, LoadError> {
        if let Some(cached) = self.datasets.with_value(|all| all.get(id).cloned()) {
            return Ok(cached);
        }
        let url = base
            .catalogue
            .entry(id)
            .map(|e| e.url.clone())
            .unwrap_or_default();
        let loaded = fetch_ward_dataset(id, &url, &base.registry).await?;
        self.datasets
            .update_value(|all| drop(all.insert(id.to_string(), loaded.value.clone())));
        Ok(loaded.value)
    }

    /// Every ward dataset of the catalogue, fetched concurrently. A dataset
    /// that fails keeps its error, so the page shows the others.
    pub async fn all_ward_datasets(
        self,
        base: BaseData,
    ) -> Vec<(Entry, Result<Dataset, LoadError>)> {
        let entries: Vec<Entry> = base
            .catalogue
            .datasets
            .iter()
            .filter(|e| e.level == Level::Ward)
            .cloned()
            .collect();
        // At most four requests in flight: browsers queue more than six per
        // host anyway, and a small window keeps a slow or flaky server from
        // holding every connection (the e2e server saw requests stall when
        // all sixteen were started at once).
        let base = &base;
        let results: Vec<_> =
            futures::stream::iter(entries.iter().map(|e| self.ward_dataset(base, &e.id)))
                .buffered(MAX_CONCURRENT_FETCHES)
                .collect()
                .await;
        entries.into_iter().zip(results).collect()
    }
}

/// Renders `view` once the base files are loaded, with the loading state and
/// the retryable error every page shows the same way.
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
                        Ok(base) => view(base).into_any(),
                        Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// Loaded ward datasets, in catalogue order, and the ones that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct WardData {
    pub base: BaseData,
    pub datasets: Vec<Dataset>,
    pub failed: Vec<(Entry, LoadError)>,
}

impl WardData {
    pub fn dataset(&self, id: &str) -> Option<&Dataset> {
        self.datasets.iter().find(|d| d.id == id)
    }
}

/// Renders `view` once every ward dataset has been tried; the ones that
/// failed are listed with a retry above the view, which shows the rest.
#[component]
pub fn WithWardData<F, V>(base: BaseData, view: F) -> impl IntoView
where
    F: Fn(WardData) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let store = use_store();
    let base = StoredValue::new(base);
    let (loaded, retry) = retryable(move || store.all_ward_datasets(base.get_value()));
    view! {
        <Suspense fallback=|| view! { <Loading what=|t| t.components.loading_indicators /> }>
            {move || {
                loaded.get().map(|results| {
                    let mut data = WardData {
                        base: base.get_value(),
                        datasets: Vec::new(),
                        failed: Vec::new(),
                    };
                    for (entry, result) in results {
                        match result {
                            Ok(dataset) => data.datasets.push(dataset),
                            Err(error) => data.failed.push((entry, error)),
                        }
                    }
                    let errors = data
                        .failed
                        .iter()
                        .map(|(_, error)| view! { <LoadErrorNotice error=error.clone() retry /> })
                        .collect_view();
                    view! {
                        {errors}
                        {view(data)}
                    }
                })
            }}
        </Suspense>
    }
}
