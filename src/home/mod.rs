//! The home view: pick an indicator and a period, see every ward on the tile
//! map and in the ranking table. Laid out like Our World in Data's grapher:
//! this module holds the view state; `controls`, `tile_map`, `legend` and
//! `ranking_table` are views over state derived by the domain crate.

mod controls;
pub(crate) mod downloads;
mod legend;
mod ranking_chart;
mod ranking_table;
mod share;
mod tile_map;
mod timeline;
mod url_sync;

use leptos::prelude::*;
use ward_domain::choropleth::{Choropleth, MapMode};
use ward_domain::classify::Method;
use ward_domain::dataset::{Dataset, Level};
use ward_domain::embed::EmbedKind;
use ward_domain::hexgeo::{MapGeometry, DEFAULT_RADIUS};
use ward_domain::palette::Palette;
use ward_domain::ranking::change;
use ward_domain::table::{latest_period, ward_rows, SortKey, WardRow};
use ward_domain::Loaded;

use crate::api::{not_in_catalogue, BaseData};
use crate::components::load_error::LoadErrorNotice;
use crate::components::loading::Loading;
use crate::components::pickers::period_label;
use crate::components::provenance::{DatasetInfo, ProvenanceBadge, SourceName};
use crate::components::retry::retryable_in_place;
use crate::i18n::use_i18n;
use crate::store::use_store;

pub use controls::group_name;
pub use tile_map::missing_reason;
pub use url_sync::{url_with_lang, with_lang, write_query, DroppedNotice};

/// Everything the reader chose. One struct so that it can later be written
/// to and read from the URL in one place.
#[derive(Debug, Clone, Copy)]
pub struct HomeState {
    pub indicator: RwSignal<String>,
    pub period: RwSignal<Option<String>>,
    pub method: RwSignal<Method>,
    pub selected: RwSignal<Option<String>>,
    /// The tile under the pointer or keyboard focus (tooltip).
    pub hovered: RwSignal<Option<String>>,
    /// The tile that last had keyboard focus: it keeps the map's single Tab
    /// stop (roving tabindex), so Tab away and back returns to it.
    pub focused: RwSignal<Option<String>>,
    pub query: RwSignal<String>,
    pub district: RwSignal<Option<String>>,
    pub sort: RwSignal<(SortKey, bool)>,
    /// Values, or the change since `base_period`.
    pub map_mode: RwSignal<MapMode>,
    /// The base of the change map; `None` means the dataset's first period.
    pub base_period: RwSignal<Option<String>>,
    /// The timeline is playing.
    pub playing: RwSignal<bool>,
}

impl HomeState {
    fn new(default_indicator: String) -> HomeState {
        HomeState {
            indicator: RwSignal::new(default_indicator),
            period: RwSignal::new(None),
            method: RwSignal::new(Method::Quantile),
            selected: RwSignal::new(None),
            hovered: RwSignal::new(None),
            focused: RwSignal::new(None),
            query: RwSignal::new(String::new()),
            district: RwSignal::new(None),
            sort: RwSignal::new((SortKey::Rank, false)),
            map_mode: RwSignal::new(MapMode::Values),
            base_period: RwSignal::new(None),
            playing: RwSignal::new(false),
        }
    }
}

/// A loaded dataset and what is derived from it for the current choices.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The store's copy, shared: every `shown.get()` copies a pointer, not
    /// the dataset's rows.
    pub dataset: std::sync::Arc<Dataset>,
    pub period: String,
    pub rows: Vec<WardRow>,
    pub choropleth: Choropleth,
    /// Set when the map shows the change since this period.
    pub base_period: Option<String>,
}

#[component]
pub fn HomeView(
    base: BaseData,
    /// Set on `/embed/{kind}`: one panel, the badge, the source and a link
    /// to the full view, no controls.
    #[prop(optional)]
    embed: Option<EmbedKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let store = use_store();
    let ward_datasets: Vec<_> = base
        .catalogue
        .datasets
        .iter()
        .filter(|d| d.level == Level::Ward)
        .cloned()
        .collect();
    let default_indicator = ward_datasets
        .first()
        .map(|d| d.id.clone())
        .unwrap_or_default();
    let state = HomeState::new(default_indicator);
    let base = StoredValue::new(base);
    // The whole view in the URL, both ways (issue 6); a link's unusable
    // parameters are listed in a quiet notice.
    let dropped = url_sync::sync(
        state,
        base,
        StoredValue::new(ward_datasets.iter().map(|d| d.id.clone()).collect()),
        state.indicator.get_untracked(),
    );
    let geometry =
        StoredValue::new(base.with_value(|b| MapGeometry::new(&b.tiles, DEFAULT_RADIUS)));
    let layout = StoredValue::new(base.with_value(|b| b.tiles.clone()));
    let district_names = StoredValue::new(base.with_value(|b| {
        b.registry
            .districts
            .iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect::<Vec<_>>()
    }));

    // In place, not a resource read under `WithBase`'s Suspense: a slow
    // dataset shows its loading state (then its error with a retry) here,
    // and the controls, the share bar and the previous map stay.
    let (dataset, retry) = retryable_in_place(move || {
        let id = state.indicator.get();
        let (entry, registry) = base.with_value(|b| {
            (
                b.catalogue
                    .entry(&id)
                    .cloned()
                    .ok_or_else(|| not_in_catalogue(&id)),
                b.registry.clone(),
            )
        });
        // Through the store's bounded cache: going back to a recent
        // indicator downloads nothing, and old ones are let go.
        async move { store.loaded_ward_dataset(&entry?, &registry).await }
    });
    let loaded = move || dataset.with(|d| d.last.clone());
    // The shown dataset stays cached while shown (pinned), whatever other
    // pages load meanwhile; the pin moves with each switch and goes with
    // the view.
    let pinned = std::sync::Arc::new(std::sync::Mutex::new(None::<String>));
    let pin = std::sync::Arc::clone(&pinned);
    Effect::new(move |_| {
        let shown = dataset.with(|d| match &d.last {
            Some(Ok(loaded)) => Some(loaded.value.id.clone()),
            _ => None,
        });
        let mut pinned = pin.lock().unwrap_or_else(|e| e.into_inner());
        if *pinned != shown {
            if let Some(id) = &shown {
                store.pin(id);
            }
            if let Some(old) = pinned.take() {
                store.unpin(&old);
            }
            *pinned = shown;
        }
    });
    on_cleanup(move || {
        if let Some(old) = pinned.lock().unwrap_or_else(|e| e.into_inner()).take() {
            store.unpin(&old);
        }
    });

    // The period stays when the new indicator has it, else the latest. The
    // legend's labels are written in the reader's language: switching it
    // recomputes this from the loaded dataset, without fetching anything.
    let shown = Memo::new(move |_| {
        let lang = i18n.lang();
        let loaded: Loaded<std::sync::Arc<Dataset>> = loaded()?.ok()?;
        let dataset = loaded.value;
        let wanted = state.period.get();
        let period = wanted
            .filter(|p| dataset.periods.contains(p))
            .or_else(|| latest_period(&dataset).map(str::to_string))?;
        let rows = base.with_value(|b| ward_rows(&b.registry, &dataset, &period));
        let base_period = (state.map_mode.get() == MapMode::Change).then(|| {
            state
                .base_period
                .get()
                .filter(|p| dataset.periods.contains(p))
                .or_else(|| dataset.periods.first().cloned())
                .unwrap_or_else(|| period.clone())
        });
        let choropleth = match &base_period {
            None => Choropleth::new(
                &rows,
                state.method.get(),
                Palette::DEFAULT_SEQUENTIAL,
                dataset.direction,
                dataset.number_format,
                lang,
            ),
            Some(base_period) => {
                let changes: Vec<(String, Option<f64>)> = rows
                    .iter()
                    .map(|row| {
                        let then = dataset
                            .observation(&row.code, base_period)
                            .and_then(|o| o.value);
                        (row.code.clone(), change(row.value, then))
                    })
                    .collect();
                Choropleth::of_changes(&changes, dataset.direction, dataset.number_format, lang)
            }
        };
        Some(Shown {
            dataset,
            period,
            rows,
            choropleth,
            base_period,
        })
    });
    let datasets = StoredValue::new(ward_datasets);
    let districts = StoredValue::new(base.with_value(|b| b.registry.districts.clone()));

    let status = move || {
        dataset.with(|d| match (d.pending, &d.last) {
            (true, _) => view! { <Loading what=|t| t.home.loading_indicator /> }.into_any(),
            (false, Some(Err(error))) => {
                view! { <LoadErrorNotice error=error.clone() retry /> }.into_any()
            }
            _ => ().into_any(),
        })
    };
    // The notes of the shown dataset: its file's warnings, where it
    // disagrees with its catalogue entry, and the map's (a ward without a
    // tile), as docs/data-format.md §6 promises.
    let warnings = move || {
        let mut all = dataset.with(|d| match &d.last {
            Some(Ok(loaded)) => loaded.warnings.clone(),
            _ => Vec::new(),
        });
        all.extend(base.with_value(|b| b.warnings.clone()));
        all
    };
    if let Some(kind) = embed {
        return view! {
            <EmbedView kind state shown geometry layout district_names districts status=ViewFn::from(status) />
        }
        .into_any();
    }

    view! {
        <div class="home-view">
            <url_sync::DroppedNotice dropped />
            <controls::Controls state datasets shown />
            <timeline::Timeline state shown />
            {status}
            {move || shown.get().map(|s| view! {
                <div class="indicator-head">
                    <ProvenanceBadge provenance=s.dataset.provenance />
                    <DatasetInfo dataset=s.dataset.clone() warnings=warnings() />
                </div>
            })}
            <share::ShareBar />
            <downloads::Downloads state shown />
            <div class="map-and-table">
                <section class="map-panel" aria-label=move || i18n.t().home.map_panel_label>
                    <tile_map::TileMap geometry layout district_names state shown />
                    <legend::Legend shown />
                </section>
                <section class="table-panel" aria-label=move || i18n.t().home.table_panel_label>
                    <ranking_chart::RankingPanel state shown districts />
                </section>
            </div>
        </div>
    }
    .into_any()
}

/// One panel for an article: the badge and the source line are always
/// there, with a link to the same view on the full site.
#[component]
fn EmbedView(
    kind: EmbedKind,
    state: HomeState,
    shown: Memo<Option<Shown>>,
    geometry: StoredValue<MapGeometry>,
    layout: StoredValue<ward_domain::tiles::TileLayout>,
    district_names: StoredValue<Vec<(String, String)>>,
    districts: StoredValue<Vec<ward_domain::District>>,
    /// Loading and load-error notices of the dataset.
    status: ViewFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let location = leptos_router::hooks::use_location();
    // The same view on the full site: the embed's own query string.
    let full_view = move || format!("./{}", url_sync::query_suffix(&location.search.get()));
    let panel = match kind {
        EmbedKind::Map => view! {
            <tile_map::TileMap geometry layout district_names state shown />
            <legend::Legend shown />
        }
        .into_any(),
        EmbedKind::Table => {
            view! { <ranking_table::RankingTable state shown districts /> }.into_any()
        }
        EmbedKind::Chart => view! { <ranking_chart::RankingChart state shown /> }.into_any(),
    };
    view! {
        <div class="embed" data-embed=kind.id()>
            {move || status.run()}
            {move || shown.get().map(|s| {
                let lang = i18n.lang();
                let period = period_label(&s.period, s.dataset.period_type, lang);
                let source = s.dataset.source.clone();
                view! {
                    <p class="embed-title"><bdi>{s.dataset.title.get(lang).to_string()}</bdi>{format!(" — {period}")}</p>
                    <ProvenanceBadge provenance=s.dataset.provenance />
                    <p class="embed-source" data-testid="source-line">
                        {i18n.t().home.source_label}
                        <SourceName source />
                    </p>
                }
            })}
            {panel}
            <p class="embed-footer">
                <a href=full_view target="_blank" rel="noopener" data-testid="full-view-link">
                    {move || i18n.t().home.embed_full_view}
                </a>
            </p>
        </div>
    }
}
