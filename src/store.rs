//! Data shared by every page of one visit: the base files (registry, tiles,
//! catalogue) are fetched once, on the first page that needs them, and ward
//! datasets are kept once loaded, so moving between the map, a ward profile
//! and a comparison does not download the same files again.

use std::sync::Arc;

use futures::StreamExt;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use ward_domain::cache::Cache;
use ward_domain::catalogue::Entry;
use ward_domain::dataset::{Dataset, Level, Provenance, Source};
use ward_domain::import::Origin;
use ward_domain::url_state::host_of;
use ward_domain::url_state::{parse_query, with_site_param, DropReason, ViewState};
use ward_domain::{Loaded, Registry};

use crate::api::{fetch_base, fetch_ward_dataset, not_in_catalogue, BaseData, LoadError};
use crate::components::load_error::{CatalogueWarnings, LoadErrorNotice};
use crate::components::loading::Loading;
use crate::components::retry::retryable;
use crate::i18n::{count, fill, use_i18n};

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
    /// Datasets the reader brought this visit (`?data=`, `?catalogue=`, a
    /// file, a paste), newest first. They are offered before the
    /// catalogue's in every picker and page (`WithBase` puts their entries
    /// first), so the newest is the home view's indicator when the link
    /// names no other.
    user: RwSignal<Vec<UserDataset>>,
    /// A table (from `?data=`) the import could not map on its own: handed
    /// to the "Your data" panel, which asks the reader for the columns.
    pending_import: RwSignal<Option<PendingImport>>,
    /// The files named by `?data=` and `?catalogue=` this visit, and how
    /// their loading went.
    links: RwSignal<Vec<LinkLoad>>,
}

/// Which site-wide parameter named a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `?data=`: one dataset (JSON in the documented format, or a table).
    Data,
    /// `?catalogue=`: a publisher's catalogue of datasets.
    Catalogue,
    /// `?boundaries=`: a publisher's GeoJSON ward polygons (fetched by the
    /// maps, not here: its link is `Loaded` at once).
    Boundaries,
}

impl LinkKind {
    pub fn param(self) -> &'static str {
        match self {
            LinkKind::Data => "data",
            LinkKind::Catalogue => "catalogue",
            LinkKind::Boundaries => "boundaries",
        }
    }
}

/// How the file of a `?data=` or `?catalogue=` link is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkState {
    Loading,
    /// Read; its datasets are among the user datasets.
    Loaded,
    /// A table whose columns the import could not guess: waiting in
    /// [`Store::pending_import`] for the reader's mapping.
    NeedsMapping,
    Failed(LoadError),
}

/// One file named by a link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkLoad {
    pub kind: LinkKind,
    /// The parameter's value as given (`/files/x.csv`).
    pub address: String,
    /// The absolute address fetched.
    pub url: String,
    pub state: LinkState,
    /// The reader removed its data: the address bar no longer carries it.
    pub removed: bool,
}

/// A dataset the reader brought, as the store holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct UserDataset {
    /// Its catalogue entry: the id the pages use, `provenance` always
    /// [`Provenance::UserSupplied`], `url` the absolute address it was read
    /// from (empty for a file or a paste).
    pub entry: Entry,
    pub origin: Origin,
    /// The parsed dataset with its warnings; `None` for an entry of a
    /// publisher's catalogue (`?catalogue=`) not fetched yet (fetched like a
    /// bundled dataset when a page needs it, then cached).
    pub loaded: Option<Loaded<Arc<Dataset>>>,
}

/// A table that needs the reader's column mapping before it can be shown
/// (`?data=` of a CSV whose columns the import could not guess).
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    pub origin: Origin,
    /// The file as fetched, to send again with the reader's mapping.
    pub bytes: Arc<Vec<u8>>,
    /// The import's answer to the guessed mapping, when the worker gave one.
    pub outcome: Option<ward_domain::import::ImportOutcome>,
}

pub fn provide_store() {
    let store = Store {
        owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        base: StoredValue::new_local(None),
        datasets: StoredValue::new(Cache::for_datasets()),
        user: RwSignal::new(Vec::new()),
        pending_import: RwSignal::new(None),
        links: RwSignal::new(Vec::new()),
    };
    provide_context(store);
}

/// The source written on a user dataset, whatever its file claimed: the
/// URL (and its host as the name) for a published file, the file's name
/// for a file, nothing for a paste. `ward_domain::export::supplier` turns
/// it into "data.example.org" or "tệp của bạn (x.csv)".
pub fn user_source(origin: &Origin) -> Source {
    match origin {
        Origin::Url(url) => Source {
            name: host_of(url).unwrap_or(url).to_string(),
            url: Some(url.clone()),
        },
        Origin::File(name) => Source {
            name: name.clone(),
            url: None,
        },
        Origin::Paste => Source {
            name: String::new(),
            url: None,
        },
    }
}

/// Marks `dataset` as user-supplied from `origin` (provenance and source),
/// whatever the file said: nobody's upload passes for official figures.
pub fn label_user_supplied(dataset: &mut Dataset, origin: &Origin) {
    dataset.provenance = Provenance::UserSupplied;
    dataset.source = user_source(origin);
}

/// The catalogue entry of a user dataset.
fn user_entry(dataset: &Dataset, origin: &Origin) -> Entry {
    Entry {
        id: dataset.id.clone(),
        title: dataset.title.clone(),
        url: match origin {
            Origin::Url(url) => url.clone(),
            _ => String::new(),
        },
        level: dataset.level,
        group: dataset.group,
        provenance: Provenance::UserSupplied,
        period_type: dataset.period_type,
        periods: dataset.periods.clone(),
    }
}

/// `wanted` if no dataset in `taken` has it, else `wanted-2`, `wanted-3`…
/// (cut so that it stays a valid id of at most 64 characters).
fn free_id(wanted: &str, taken: &[String]) -> String {
    let wanted = if ward_domain::dataset::is_valid_id(wanted) {
        wanted.to_string()
    } else {
        "du-lieu-cua-ban".to_string()
    };
    if !taken.contains(&wanted) {
        return wanted;
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let stem: String = wanted.chars().take(64 - suffix.len()).collect();
            format!("{stem}{suffix}")
        })
        .find(|id| !taken.contains(id))
        .unwrap_or(wanted)
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

    /// The ward dataset of `entry` with its warnings: a user dataset the
    /// store holds, else from the cache when held (and then marked as just
    /// used), else fetched, validated and cached, which may evict the least
    /// recently used unpinned ones.
    pub async fn loaded_ward_dataset(
        self,
        entry: &Entry,
        registry: &Registry,
    ) -> Result<Loaded<Arc<Dataset>>, LoadError> {
        if let Some(held) = self.user.with_untracked(|user| {
            user.iter()
                .find(|u| u.entry.id == entry.id)
                .and_then(|u| u.loaded.clone())
        }) {
            return Ok(held);
        }
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

    /// Adds a dataset the reader brought (a file, a paste, a published
    /// file) and returns its id. Its provenance becomes "user-supplied"
    /// and its source `origin` ([`label_user_supplied`]), whatever the file
    /// says. Its id is the file's when no other dataset has it, else made
    /// unique (`…-2`). A dataset from the same URL is replaced and keeps its
    /// id; files and pastes have no such identity (two pastes, or two files
    /// both named `so-lieu.csv`, are different data), so each is added
    /// beside the others: to update one in place, see
    /// [`Store::replace_user_dataset`]. Every page re-renders with it first
    /// in its pickers.
    pub fn add_user_dataset(self, dataset: Dataset, origin: Origin) -> String {
        self.replace_user_dataset(None, dataset, origin)
    }

    /// [`Store::add_user_dataset`], replacing the user dataset `id` when it
    /// is still held (the panel re-adds its dataset after each fixed row,
    /// so the views update in place and keep their id).
    pub fn replace_user_dataset(
        self,
        id: Option<String>,
        dataset: Dataset,
        origin: Origin,
    ) -> String {
        self.add_loaded_user_dataset_as(
            id,
            Loaded {
                value: dataset,
                warnings: Vec::new(),
            },
            origin,
        )
    }

    /// [`Store::add_user_dataset`] with the warnings validation gave.
    pub fn add_loaded_user_dataset(self, loaded: Loaded<Dataset>, origin: Origin) -> String {
        self.add_loaded_user_dataset_as(None, loaded, origin)
    }

    fn add_loaded_user_dataset_as(
        self,
        replace: Option<String>,
        loaded: Loaded<Dataset>,
        origin: Origin,
    ) -> String {
        let Loaded {
            value: mut dataset,
            warnings,
        } = loaded;
        label_user_supplied(&mut dataset, &origin);
        if let Origin::Url(url) = &origin {
            // A `?data=` table the reader has just mapped in the panel: its
            // "choose the columns" notice is done.
            self.links.update(|links| {
                for link in links.iter_mut() {
                    if link.url == *url && link.state == LinkState::NeedsMapping {
                        link.state = LinkState::Loaded;
                    }
                }
            });
        }
        let replaced = self.user.with_untracked(|user| {
            user.iter()
                .find(|u| match (&replace, &origin) {
                    (Some(id), _) => u.entry.id == *id,
                    (None, Origin::Url(_)) => u.origin == origin,
                    (None, _) => false,
                })
                .map(|u| u.entry.id.clone())
        });
        dataset.id = match replaced {
            Some(id) => id,
            None => {
                let mut taken = self.catalogue_ids_untracked();
                self.user
                    .with_untracked(|user| taken.extend(user.iter().map(|u| u.entry.id.clone())));
                free_id(&dataset.id, &taken)
            }
        };
        let id = dataset.id.clone();
        let held = UserDataset {
            entry: user_entry(&dataset, &origin),
            origin,
            loaded: Some(Loaded {
                value: Arc::new(dataset),
                warnings,
            }),
        };
        self.user
            .update(|user| match user.iter().position(|u| u.entry.id == id) {
                Some(at) => user[at] = held,
                None => user.insert(0, held),
            });
        id
    }

    /// Adds the ward entries of a publisher's catalogue (`?catalogue=`),
    /// their `url`s already absolute; each is fetched when a page needs it
    /// and labelled user-supplied. Ids that clash are made unique. Returns
    /// the ids.
    pub fn add_user_catalogue(self, entries: Vec<Entry>, catalogue_url: &str) -> Vec<String> {
        let mut taken = self.catalogue_ids_untracked();
        self.user
            .with_untracked(|user| taken.extend(user.iter().map(|u| u.entry.id.clone())));
        let mut added = Vec::new();
        for mut entry in entries.into_iter().filter(|e| e.level == Level::Ward) {
            entry.id = free_id(&entry.id, &taken);
            entry.provenance = Provenance::UserSupplied;
            taken.push(entry.id.clone());
            added.push(UserDataset {
                origin: Origin::Url(if entry.url.is_empty() {
                    catalogue_url.to_string()
                } else {
                    entry.url.clone()
                }),
                entry,
                loaded: None,
            });
        }
        let ids = added.iter().map(|u| u.entry.id.clone()).collect();
        self.user.update(|user| {
            let mut all = added;
            all.append(user);
            *user = all;
        });
        ids
    }

    /// Removes a user dataset; every page re-renders without it. A
    /// dataset from `?data=` also leaves the address bar (`WithBase`).
    pub fn remove_user_dataset(self, id: &str) {
        let origin = self.user.with_untracked(|user| {
            user.iter()
                .find(|u| u.entry.id == id)
                .map(|u| u.origin.clone())
        });
        if let Some(Origin::Url(url)) = origin {
            self.links.update(|links| {
                for link in links.iter_mut() {
                    if link.kind == LinkKind::Data && link.url == url {
                        link.removed = true;
                    }
                }
            });
        }
        self.user.update(|user| user.retain(|u| u.entry.id != id));
        self.datasets
            .try_update_value(|cache| cache.remove(&id.to_string()));
    }

    /// The user datasets held, newest first (tracked: a view or memo that
    /// reads it follows additions and removals).
    pub fn user_datasets(self) -> Signal<Vec<UserDataset>> {
        self.user.into()
    }

    /// The entries of the user datasets, newest first (tracked).
    pub fn user_entries(self) -> Vec<Entry> {
        self.user
            .with(|user| user.iter().map(|u| u.entry.clone()).collect())
    }

    /// The sources of the user datasets held (untracked), for the labels
    /// that name who supplied them.
    pub fn user_sources_untracked(self) -> Vec<Source> {
        self.user.with_untracked(|user| {
            user.iter()
                .map(|u| match &u.loaded {
                    Some(loaded) => loaded.value.source.clone(),
                    None => user_source(&u.origin),
                })
                .collect()
        })
    }

    /// A table from `?data=` waiting for the reader's column mapping (the
    /// "Your data" panel shows it, then calls [`Store::add_user_dataset`]
    /// and sets this back to `None`).
    pub fn pending_import(self) -> RwSignal<Option<PendingImport>> {
        self.pending_import
    }

    /// The files of `?data=` and `?catalogue=` links and their state
    /// (tracked).
    pub fn links(self) -> Signal<Vec<LinkLoad>> {
        self.links.into()
    }

    /// Starts loading the files `view`'s `data` and `catalogue` name,
    /// unless this visit already did (each address once; a retry goes
    /// through [`Store::retry_link`]).
    pub fn load_links(self, view: &ViewState, registry: &Registry) {
        let page = crate::api::page_url();
        for (kind, address) in [
            (LinkKind::Data, view.data.as_ref()),
            (LinkKind::Catalogue, view.catalogue.as_ref()),
            (LinkKind::Boundaries, view.boundaries.as_ref()),
        ] {
            let Some(address) = address else { continue };
            let known = self.links.with_untracked(|links| {
                links
                    .iter()
                    .any(|l| l.kind == kind && l.address == *address)
            });
            if known {
                continue;
            }
            let url = crate::api::absolute_url(address, &page).unwrap_or_else(|| address.clone());
            self.links.update(|links| {
                links.push(LinkLoad {
                    kind,
                    address: address.clone(),
                    url: url.clone(),
                    state: match kind {
                        LinkKind::Boundaries => LinkState::Loaded,
                        _ => LinkState::Loading,
                    },
                    removed: false,
                })
            });
            if kind != LinkKind::Boundaries {
                self.spawn_link(kind, url, registry.clone());
            }
        }
    }

    /// Loads the file of a failed link again.
    pub fn retry_link(self, url: &str, registry: &Registry) {
        let Some(kind) = self.links.try_update(|links| {
            links.iter_mut().find(|l| l.url == url).map(|l| {
                l.state = LinkState::Loading;
                l.kind
            })
        }) else {
            return;
        };
        if let Some(kind) = kind {
            self.spawn_link(kind, url.to_string(), registry.clone());
        }
    }

    fn spawn_link(self, kind: LinkKind, url: String, registry: Registry) {
        leptos::task::spawn_local(async move {
            let state = match kind {
                LinkKind::Data => self.load_data_link(&url, &registry).await,
                LinkKind::Catalogue => self.load_catalogue_link(&url).await,
                LinkKind::Boundaries => LinkState::Loaded,
            };
            self.links.try_update(|links| {
                if let Some(link) = links.iter_mut().find(|l| l.kind == kind && l.url == url) {
                    link.state = state;
                }
            });
        });
    }

    /// `?data=`: JSON in the documented format goes through
    /// `Dataset::parse` like a bundled file; anything else is a table for
    /// the import worker with a guessed mapping.
    async fn load_data_link(self, url: &str, registry: &Registry) -> LinkState {
        let bytes = match crate::api::fetch_user_bytes(url).await {
            Ok(bytes) => bytes,
            Err(error) => return LinkState::Failed(error),
        };
        let origin = Origin::Url(url.to_string());
        if crate::api::looks_like_json(&bytes) {
            return match crate::api::user_json_dataset(url, &bytes, registry) {
                Ok(loaded) => {
                    self.add_loaded_user_dataset(loaded, origin);
                    LinkState::Loaded
                }
                Err(error) => LinkState::Failed(error),
            };
        }
        self.import_table(origin, bytes, registry).await
    }

    /// A table fetched from a link: the import worker reads it with a
    /// guessed mapping; shown when that yields a dataset, else handed to
    /// the "Your data" panel.
    ///
    /// The dataset is shown when the guess yields one that passes
    /// `Dataset::parse`. When rows could not all be placed (ambiguous,
    /// unmatched…), the outcome also goes to the panel, whose match report
    /// lists them with their reasons and lets the reader fix them.
    async fn import_table(self, origin: Origin, bytes: Vec<u8>, registry: &Registry) -> LinkState {
        let request = ward_domain::import::ImportRequest {
            origin: origin.clone(),
            sheet: None,
            mapping: None,
            meta: None,
            fixes: Vec::new(),
            // A link is opened without anyone to ask: legacy-font text is
            // converted, and the panel's notice says so.
            convert_legacy: true,
        };
        let bytes = Arc::new(bytes);
        let outcome = match crate::import::worker_client::run_import(bytes.to_vec(), &request).await
        {
            Ok(outcome) => outcome,
            Err(error) => {
                let url = match &origin {
                    Origin::Url(url) => url.clone(),
                    _ => String::new(),
                };
                return LinkState::Failed(LoadError::Invalid {
                    url,
                    problems: vec![ward_domain::Problem::error("$", error.to_string())],
                });
            }
        };
        let shown = outcome
            .dataset_json
            .as_deref()
            .filter(|_| outcome.fatal.is_empty())
            .and_then(|json| Dataset::parse(json, registry).ok())
            .filter(|loaded| loaded.value.level == Level::Ward);
        let all_placed = outcome
            .report
            .iter()
            .all(|row| row.status == ward_domain::import::MatchStatus::Matched);
        let state = match shown {
            Some(loaded) => {
                self.add_loaded_user_dataset(loaded, origin.clone());
                LinkState::Loaded
            }
            None => LinkState::NeedsMapping,
        };
        if state == LinkState::NeedsMapping || !all_placed {
            self.pending_import.set(Some(PendingImport {
                origin,
                bytes,
                outcome: Some(outcome),
            }));
        }
        state
    }

    /// `?catalogue=`: a publisher's catalogue; its ward entries, with their
    /// addresses made absolute against the catalogue's, join the pickers.
    async fn load_catalogue_link(self, url: &str) -> LinkState {
        match crate::api::fetch_user_catalogue(url).await {
            Ok(entries) => {
                self.add_user_catalogue(entries, url);
                LinkState::Loaded
            }
            Err(error) => LinkState::Failed(error),
        }
    }

    /// The absolute address of this visit's `?boundaries=` GeoJSON (tracked;
    /// `None` without one). It stays for the visit, like `?data=`, and
    /// in the address bar of every page.
    pub fn boundaries_url(self) -> Signal<Option<String>> {
        let links = self.links;
        Signal::derive(move || {
            links.with(|links| {
                links
                    .iter()
                    .rev()
                    .find(|l| l.kind == LinkKind::Boundaries)
                    .filter(|l| !l.removed)
                    .map(|l| l.url.clone())
            })
        })
    }

    /// Forgets this visit's `?boundaries=` (the maps go back to tiles) and
    /// takes it out of the address bar.
    pub fn clear_boundaries(self) {
        self.links.update(|links| {
            for link in links.iter_mut().filter(|l| l.kind == LinkKind::Boundaries) {
                link.removed = true;
            }
        });
    }

    /// The ids of the bundled catalogue, when it has loaded.
    fn catalogue_ids_untracked(self) -> Vec<String> {
        self.base
            .get_value()
            .and_then(|(resource, _)| {
                resource.with_untracked(|result| {
                    result.as_ref().and_then(|r| r.as_ref().ok()).map(|base| {
                        base.catalogue
                            .datasets
                            .iter()
                            .map(|e| e.id.clone())
                            .collect()
                    })
                })
            })
            .unwrap_or_default()
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
///
/// The reader's datasets come first in the catalogue the view gets (the
/// newest first, so it is the home view's indicator when the link names
/// no other), and the view is drawn again when they change. The files a
/// link names with `?data=` and `?catalogue=` are loaded here, before the
/// view is drawn (a failure is shown above it, with what the publisher can
/// do, and the page works without that data), and the site-wide
/// parameters stay in the address bar on every page ([`KeepSiteParams`]).
#[component]
pub fn WithBase<F, V>(view: F) -> impl IntoView
where
    F: Fn(BaseData) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let store = use_store();
    let (base, retry) = store.base();
    let location = use_location();
    // Which user datasets there are, and which copy of each: a row fixed in
    // the panel replaces the copy, and the page is drawn again with it.
    let user = Memo::new(move |_| {
        store.user.with(|user| {
            user.iter()
                .map(|u| {
                    let copy = u.loaded.as_ref().map(|l| Arc::as_ptr(&l.value) as usize);
                    (u.entry.clone(), copy)
                })
                .collect::<Vec<_>>()
        })
    });
    // The link's files are loaded once the registry is.
    Effect::new(move |_| {
        let (linked, _) = parse_query(&location.search.get());
        if let Some(Ok(base)) = base.get() {
            store.load_links(&linked, &base.registry);
        }
    });
    // The link names a file not read yet: the page waits for it (within the
    // fetch timeout), so it is drawn once, with the reader's data.
    let waiting_for = Memo::new(move |_| {
        let (linked, _) = parse_query(&location.search.get());
        store.links.with(|links| {
            [
                (LinkKind::Data, linked.data),
                (LinkKind::Catalogue, linked.catalogue),
            ]
            .into_iter()
            .filter_map(|(kind, address)| Some((kind, address?)))
            .find(|(kind, address)| {
                !links.iter().any(|l| {
                    l.kind == *kind && l.address == *address && l.state != LinkState::Loading
                })
            })
            .map(|(_, address)| address)
        })
    });
    let view = StoredValue::new(view);
    view! {
        <KeepSiteParams />
        <Suspense fallback=|| view! { <Loading what=|t| t.components.loading_base /> }>
            {move || {
                base.get()
                    .map(|result| match result {
                        Ok(mut base) => {
                            if let Some(address) = waiting_for.get() {
                                return view! { <LoadingLink address /> }.into_any();
                            }
                            let user = user.get();
                            if !user.is_empty() {
                                let mut entries: Vec<Entry> =
                                    user.into_iter().map(|(entry, _)| entry).collect();
                                entries.append(&mut base.catalogue.datasets);
                                base.catalogue.datasets = entries;
                            }
                            let rejected = base.catalogue_warnings.clone();
                            let registry = StoredValue::new(base.registry.clone());
                            view! {
                                <LinkNotices registry />
                                <CatalogueWarnings warnings=rejected />
                                {view.with_value(|view| view(base))}
                            }
                            .into_any()
                        }
                        Err(error) => view! { <LoadErrorNotice error retry /> }.into_any(),
                    })
            }}
        </Suspense>
    }
}

/// "Đang tải dữ liệu từ data.example.org…" while a link's file loads.
#[component]
fn LoadingLink(address: String) -> impl IntoView {
    let i18n = use_i18n();
    let host = crate::api::host_or_url(
        &crate::api::absolute_url(&address, &crate::api::page_url()).unwrap_or(address),
    );
    view! {
        <p class="loading" data-testid="loading-user-data" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {move || {
                let t = i18n.t();
                let what = fill(t.user_data.loading_user, &[("host", &host)]);
                fill(t.components.loading, &[("what", &what)])
            }}
        </p>
    }
}

/// Above the page: each `?data=` / `?catalogue=` file that could not be
/// used (which failure, and what its publisher can do; a retry), each
/// table waiting for its columns in the "Your data" panel, and each
/// address refused (not https, not this site, not localhost). The page
/// below works without them.
#[component]
fn LinkNotices(registry: StoredValue<Registry>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let location = use_location();
    // The refused addresses of the link that opened the page, and of any
    // later address that has some: the views tidy the address bar (a
    // refused parameter is not written back), and the notice must stay.
    let refused_in = |search: &str| {
        let (_, dropped) = parse_query(search);
        dropped
            .into_iter()
            .filter(|d| d.reason == DropReason::AddressRefused)
            .collect::<Vec<_>>()
    };
    let refused_params = RwSignal::new(refused_in(&location.search.get_untracked()));
    Effect::new(move |_| {
        let now = refused_in(&location.search.get());
        if !now.is_empty() {
            refused_params.set(now);
        }
    });
    let refused = move || {
        refused_params
            .get()
            .into_iter()
            .map(|d| {
                let param = d.param.clone();
                let value = d.value.clone();
                view! {
                    <div class="load-error user-data-error" role="alert" data-testid="user-data-error"
                        data-kind="refused" data-param=param.clone()>
                        <p class="load-error-headline">
                            <code class="dataset-text">{format!("{param}={value}")}</code>
                            " "
                            {move || i18n.t().user_data.why_refused}
                        </p>
                    </div>
                }
            })
            .collect_view()
    };
    let failed = move || {
        store
            .links
            .get()
            .into_iter()
            .filter(|l| !l.removed)
            .filter_map(|link| match link.state {
                LinkState::Failed(ref error) => {
                    let error = error.clone();
                    Some(view! { <LinkError link=link.clone() error registry /> }.into_any())
                }
                LinkState::NeedsMapping => Some(
                    view! {
                        <div class="notice user-data-error" role="status" data-testid="user-data-error"
                            data-kind="needs-mapping" data-param=link.kind.param()>
                            <p>
                                {move || fill(i18n.t().user_data.failed_data, &[("url", &link.url)])}
                                " "
                                {move || i18n.t().user_data.why_needs_mapping}
                            </p>
                        </div>
                    }
                    .into_any(),
                ),
                _ => None,
            })
            .collect_view()
    };
    view! {
        {refused}
        {failed}
    }
}

/// One failed link: which file, why, what its publisher can do, the
/// technical detail and a retry.
#[component]
fn LinkError(link: LinkLoad, error: LoadError, registry: StoredValue<Registry>) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let url = link.url.clone();
    let headline = move || {
        let t = &i18n.t().user_data;
        let template = match link.kind {
            LinkKind::Data => t.failed_data,
            LinkKind::Catalogue => t.failed_catalogue,
            LinkKind::Boundaries => t.failed_boundaries,
        };
        fill(template, &[("url", &link.url)])
    };
    let error = StoredValue::new(error);
    let retry_url = url.clone();
    view! {
        <div class="load-error user-data-error" role="alert" data-testid="user-data-error"
            data-kind=error.with_value(LoadError::kind) data-param=link.kind.param() data-url=url>
            <p class="load-error-headline dataset-text">{headline}</p>
            <p data-testid="user-data-fix">{move || error.with_value(|e| e.publisher_fix(i18n.lang()))}</p>
            <details>
                <summary>{move || i18n.t().components.technical_detail}</summary>
                <ul>
                    {move || {
                        error
                            .with_value(|e| e.details(i18n.lang()))
                            .into_iter()
                            .map(|line| view! { <li class="dataset-text">{line}</li> })
                            .collect_view()
                    }}
                </ul>
            </details>
            <button type="button" data-testid="retry-user-data"
                on:click=move |_| registry.with_value(|r| store.retry_link(&retry_url, r))>
                {move || i18n.t().user_data.retry}
            </button>
        </div>
    }
}

/// Keeps the site-wide parameters (`data`, `catalogue`, `boundaries`) in
/// the address bar: a page reached by a link that does not carry them
/// (the site's menu, a ward in the ranking) gets them back, replacing its
/// history entry, so the address always shares the view with the reader's
/// data; a `?data=` whose dataset the reader removed leaves it.
#[component]
fn KeepSiteParams() -> impl IntoView {
    let store = use_store();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let search = location.search.get();
        let current = search.strip_prefix('?').unwrap_or(&search).to_string();
        let (linked, _) = parse_query(&current);
        let mut query = current.clone();
        store.links.with(|links| {
            for kind in [LinkKind::Data, LinkKind::Catalogue, LinkKind::Boundaries] {
                let named = match kind {
                    LinkKind::Data => &linked.data,
                    LinkKind::Catalogue => &linked.catalogue,
                    LinkKind::Boundaries => &linked.boundaries,
                };
                let last = links.iter().rev().find(|l| l.kind == kind);
                match (named, last) {
                    (Some(address), _)
                        if links
                            .iter()
                            .any(|l| l.kind == kind && l.address == *address && l.removed) =>
                    {
                        query = with_site_param(&query, kind.param(), None);
                    }
                    (None, Some(last)) if !last.removed => {
                        query = with_site_param(&query, kind.param(), Some(&last.address));
                    }
                    _ => {}
                }
            }
        });
        if query != current {
            let path = location.pathname.get_untracked();
            let hash = location.hash.get_untracked();
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{query}")
            };
            navigate(
                &format!("{path}{query}{hash}"),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });
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
