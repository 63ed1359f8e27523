//! The 13 units (12 urban districts and Sơn Tây town) ranked by an
//! aggregate of their wards, in a table and on the map, at `/districts`.
//! The aggregation method is stated next to the figures.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use ward_domain::aggregate::{district_aggregates, AggregationMethod, DistrictAggregate};
use ward_domain::choropleth::Choropleth;
use ward_domain::classify::Method;
use ward_domain::dataset::Dataset;
use ward_domain::hexgeo::{MapGeometry, DEFAULT_RADIUS};
use ward_domain::palette::Palette;
use ward_domain::table::latest_period;
use ward_domain::url_state::{parse_query, to_query, ViewState};

use crate::components::pickers::{period_label, value_with_unit, IndicatorSelect, PeriodSelect};
use crate::components::provenance::{DatasetInfo, ProvenanceBadge};
use crate::components::static_map::{Counted, MapLegend, StaticTileMap};
use crate::home::write_query;
use crate::i18n::{catalogue, fill, use_i18n, with_names, Lang};
use crate::store::{WardData, WithBase, WithWardData};

/// The bundled ward population, used for population-weighted aggregates.
pub const POPULATION_DATASET: &str = "population-reported";

/// Ward datasets that can be aggregated: not the population itself.
fn aggregatable(data: &WardData) -> impl Iterator<Item = &Dataset> {
    data.datasets
        .iter()
        .map(|d| &**d)
        .filter(|d| d.id != POPULATION_DATASET)
}

/// The ids of [`aggregatable`] datasets, the first being the default.
pub fn indicator_ids(data: &WardData) -> Vec<String> {
    aggregatable(data).map(|d| d.id.clone()).collect()
}

/// The [`aggregatable`] datasets with their titles in `lang`.
pub fn indicator_choices(
    data: &WardData,
    lang: Lang,
) -> Vec<(String, String, ward_domain::dataset::Group)> {
    aggregatable(data)
        .map(|d| (d.id.clone(), d.title.get(lang).to_string(), d.group))
        .collect()
}

/// The indicator picker, redrawn with the titles in the reader's language.
pub fn indicator_picker(
    data: StoredValue<WardData>,
    value: RwSignal<String>,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let datasets = data.with_value(|d| indicator_choices(d, i18n.lang()));
        view! { <IndicatorSelect datasets value id /> }
    }
}

pub fn period_choices(dataset: Option<&Dataset>, lang: Lang) -> Vec<(String, String)> {
    dataset
        .map(|d| {
            d.periods
                .iter()
                .map(|p| (p.clone(), period_label(p, d.period_type, lang)))
                .collect()
        })
        .unwrap_or_default()
}

/// The indicator and period of a district page, read from the URL
/// (`indicator`, `period`) and written back to it as they change (replacing
/// the entry, as the pickers are one choice). A new indicator starts at its
/// latest period; defaults are left out of the URL.
pub fn indicator_and_period_in_url(
    data: StoredValue<WardData>,
    choices: &[String],
) -> (RwSignal<String>, RwSignal<String>) {
    let location = use_location();
    let navigate = use_navigate();
    let (linked, _) = parse_query(&location.search.get_untracked());
    let default_indicator = choices.first().cloned().unwrap_or_default();
    let initial = linked
        .indicator
        .filter(|id| choices.contains(id))
        .unwrap_or_else(|| default_indicator.clone());
    let latest_of = move |id: &str| {
        data.with_value(|d| d.dataset(id).and_then(latest_period).map(str::to_string))
            .unwrap_or_default()
    };
    let initial_period = linked
        .period
        .filter(|p| {
            data.with_value(|d| d.dataset(&initial).is_some_and(|ds| ds.periods.contains(p)))
        })
        .unwrap_or_else(|| latest_of(&initial));
    let indicator = RwSignal::new(initial);
    let period = RwSignal::new(initial_period);
    Effect::new(move |previous: Option<String>| {
        let id = indicator.get();
        if previous.is_some_and(|p| p != id) {
            period.set(latest_of(&id));
        }
        id
    });
    Effect::new(move |_| {
        let id = indicator.get();
        let p = period.get();
        let view = ViewState {
            period: (p != latest_of(&id)).then_some(p),
            indicator: (id != default_indicator).then_some(id),
            ..ViewState::default()
        };
        // Replace: a slider drag or a picker change would otherwise fill
        // the history.
        write_query(&location, &navigate, &to_query(&view), true);
    });
    (indicator, period)
}

#[component]
pub fn DistrictsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="districts">
            <h1>{move || i18n.t().pages.districts_title}</h1>
            <p class="lede">{move || i18n.t().pages.districts_lede}</p>
            <crate::import::panel::ImportPanel />
            <WithBase view=move |base| view! {
                <WithWardData base view=move |data| view! { <DistrictRanking data /> } />
            } />
        </section>
    }
}

#[component]
fn DistrictRanking(data: WardData) -> impl IntoView {
    let i18n = use_i18n();
    let choices = indicator_ids(&data);
    let method = RwSignal::new(AggregationMethod::Median);
    let geometry = MapGeometry::new(&data.base.tiles, DEFAULT_RADIUS);
    let data = StoredValue::new(data);
    let (indicator, period) = indicator_and_period_in_url(data, &choices);
    let periods = Signal::derive(move || {
        data.with_value(|d| period_choices(d.dataset(&indicator.get()), i18n.lang()))
    });

    let aggregates = Memo::new(move |_| {
        data.with_value(|d| {
            // The page's shared copy: a switch copies a pointer.
            let dataset = d.shared(&indicator.get())?;
            let population = d.dataset(POPULATION_DATASET);
            let rows = district_aggregates(
                &d.base.registry,
                &dataset,
                &period.get(),
                method.get(),
                population,
            );
            Some((dataset, rows))
        })
    });
    let choropleth = Memo::new(move |_| {
        aggregates.with(|a| {
            let (dataset, rows) = a.as_ref()?;
            let values: Vec<(String, Option<f64>)> =
                rows.iter().map(|r| (r.code.clone(), r.value)).collect();
            Some(Choropleth::of_values(
                &values,
                Method::Quantile,
                Palette::DEFAULT_SEQUENTIAL,
                dataset.direction,
                dataset.number_format,
                i18n.lang(),
            ))
        })
    });
    // Every ward takes its district's colour.
    let fills = Signal::derive(move || {
        choropleth.with(|c| {
            let Some(c) = c else {
                return HashMap::new();
            };
            data.with_value(|d| {
                d.base
                    .registry
                    .wards
                    .iter()
                    .filter_map(|w| Some((w.code.clone(), c.fill(&w.district)?.to_string())))
                    .collect()
            })
        })
    });
    let legend = Signal::derive(move || {
        choropleth.with(|c| c.as_ref().map(|c| c.legend.clone()).unwrap_or_default())
    });
    let legend_caption = Signal::derive(move || {
        aggregates.with(|a| {
            a.as_ref()
                .map(|(d, _)| {
                    let lang = i18n.lang();
                    fill(
                        catalogue(lang).pages.districts_legend,
                        &[("unit", &d.unit.get(lang))],
                    )
                })
                .unwrap_or_default()
        })
    });

    view! {
        <form class="controls" on:submit=|ev| ev.prevent_default()>
            {indicator_picker(data, indicator, "district-indicator")}
            <PeriodSelect periods value=period id="district-period" />
            <label class="control">
                <span>{move || i18n.t().pages.districts_aggregation}</span>
                <select
                    id="aggregation"
                    prop:value=move || method.get().id()
                    on:change=move |ev| {
                        if let Some(m) = AggregationMethod::parse(&event_target_value(&ev)) {
                            method.set(m);
                        }
                    }
                >
                    <option value=AggregationMethod::Median.id()>
                        {move || i18n.t().pages.districts_median}
                    </option>
                    <option value=AggregationMethod::PopulationWeightedMean.id()>
                        {move || i18n.t().pages.districts_weighted}
                    </option>
                </select>
            </label>
        </form>
        {move || aggregates.get().map(|(dataset, rows)| {
            // Redrawn in the other language from the data already loaded.
            let lang = i18n.lang();
            let t = &catalogue(lang).pages;
            view! {
                <div class="indicator-head">
                    <ProvenanceBadge provenance=dataset.provenance />
                    <DatasetInfo dataset=dataset.clone() />
                </div>
                <p class="method-note" data-testid="aggregation-method">
                    {method_note(method.get(), &rows, lang)}
                </p>
                <div class="map-and-table">
                    <section class="map-panel" aria-label=t.districts_map>
                        <StaticTileMap
                            geometry=geometry.clone()
                            fills
                            description=t.districts_map_description.to_string()
                        />
                        <MapLegend entries=legend caption=legend_caption counted=Counted::Districts />
                    </section>
                    <section class="table-panel">
                        <DistrictTable dataset rows lang />
                    </section>
                </div>
            }
        })}
    }
}

/// The aggregation method in a sentence, and which units could not use it
/// (their names marked Vietnamese).
fn method_note(asked: AggregationMethod, rows: &[DistrictAggregate], lang: Lang) -> Vec<AnyView> {
    let mut note = vec![AggregationMethod::describe(asked, lang).into_any()];
    let fell_back: Vec<&str> = rows
        .iter()
        .filter(|r| r.fell_back)
        .map(|r| r.name.as_str())
        .collect();
    if !fell_back.is_empty() {
        let t = &catalogue(lang).pages;
        let template = if fell_back.len() == 1 {
            t.districts_fell_back_one
        } else {
            t.districts_fell_back
        };
        let sentence = fill(template, &[("count", &fell_back.len())]);
        note.push(" ".into_any());
        note.extend(with_names(&sentence, &[("units", &fell_back.join(", "))]));
    }
    note
}

#[component]
fn DistrictTable(
    dataset: std::sync::Arc<Dataset>,
    rows: Vec<DistrictAggregate>,
    lang: Lang,
) -> impl IntoView {
    let t = &catalogue(lang).pages;
    let mut rows = rows;
    rows.sort_by_key(|r| r.rank.map(|k| k.position).unwrap_or(u32::MAX));
    let body = rows
        .into_iter()
        .map(|r| {
            let value = r
                .value
                .map(|v| value_with_unit(v, &dataset, lang))
                .unwrap_or_else(|| t.shared_no_data.into());
            let rank = r.rank.map(|k| k.label()).unwrap_or_else(|| "—".into());
            let method = match r.method {
                AggregationMethod::Median => t.districts_method_median,
                AggregationMethod::PopulationWeightedMean => t.districts_method_weighted,
            };
            view! {
                <tr data-district=r.code.clone()>
                    <td class="rank">{rank}</td>
                    <th scope="row" class="name" lang="vi"><a href=format!("district/{}", r.code)>{r.name.clone()}</a></th>
                    <td class="value">{value}</td>
                    <td class="coverage">{format!("{}/{}", r.wards_with_data, r.wards_total)}</td>
                    <td class="method">{method}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="ranking district-ranking" data-testid="district-table">
            <caption>{t.districts_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.shared_rank}</th>
                    <th scope="col">{t.districts_col_unit}</th>
                    <th scope="col">{t.shared_value}</th>
                    <th scope="col">{t.districts_col_coverage}</th>
                    <th scope="col">{t.shared_method}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
