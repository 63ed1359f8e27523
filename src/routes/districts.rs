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
use ward_domain::format::Lang;
use ward_domain::hexgeo::{MapGeometry, DEFAULT_RADIUS};
use ward_domain::palette::Palette;
use ward_domain::table::latest_period;
use ward_domain::url_state::{parse_query, to_query, ViewState};

use crate::components::pickers::{period_label, value_with_unit, IndicatorSelect, PeriodSelect};
use crate::components::provenance::{DatasetInfo, ProvenanceBadge};
use crate::components::static_map::{MapLegend, StaticTileMap};
use crate::home::write_query;
use crate::store::{WardData, WithBase, WithWardData};

/// The bundled ward population, used for population-weighted aggregates.
pub const POPULATION_DATASET: &str = "population-reported";

/// Ward datasets that can be aggregated: not the population itself.
pub fn indicator_choices(data: &WardData) -> Vec<(String, String, ward_domain::dataset::Group)> {
    data.datasets
        .iter()
        .filter(|d| d.id != POPULATION_DATASET)
        .map(|d| (d.id.clone(), d.title.vi.clone(), d.group))
        .collect()
}

pub fn period_choices(dataset: Option<&Dataset>) -> Vec<(String, String)> {
    dataset
        .map(|d| {
            d.periods
                .iter()
                .map(|p| (p.clone(), period_label(p, d.period_type)))
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
    choices: &[(String, String, ward_domain::dataset::Group)],
) -> (RwSignal<String>, RwSignal<String>) {
    let location = use_location();
    let navigate = use_navigate();
    let (linked, _) = parse_query(&location.search.get_untracked());
    let default_indicator = choices.first().map(|c| c.0.clone()).unwrap_or_default();
    let initial = linked
        .indicator
        .filter(|id| choices.iter().any(|c| c.0 == *id))
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
    view! {
        <section class="districts">
            <h1>"Các quận và thị xã Sơn Tây"</h1>
            <p class="lede">"12 quận nội thành và thị xã Sơn Tây, xếp hạng theo giá trị tổng hợp từ các phường của mỗi đơn vị."</p>
            <WithBase view=move |base| view! {
                <WithWardData base view=move |data| view! { <DistrictRanking data /> } />
            } />
        </section>
    }
}

#[component]
fn DistrictRanking(data: WardData) -> impl IntoView {
    let choices = indicator_choices(&data);
    let method = RwSignal::new(AggregationMethod::Median);
    let geometry = MapGeometry::new(&data.base.tiles, DEFAULT_RADIUS);
    let data = StoredValue::new(data);
    let (indicator, period) = indicator_and_period_in_url(data, &choices);
    let periods =
        Signal::derive(move || data.with_value(|d| period_choices(d.dataset(&indicator.get()))));

    let aggregates = Memo::new(move |_| {
        data.with_value(|d| {
            let dataset = d.dataset(&indicator.get())?;
            let population = d.dataset(POPULATION_DATASET);
            let rows = district_aggregates(
                &d.base.registry,
                dataset,
                &period.get(),
                method.get(),
                population,
            );
            Some((dataset.clone(), rows))
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
                Lang::Vi,
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
                .map(|(d, _)| format!("Chú giải ({}) — màu càng đậm càng tốt", d.unit.vi))
                .unwrap_or_default()
        })
    });

    view! {
        <form class="controls" on:submit=|ev| ev.prevent_default()>
            <IndicatorSelect datasets=choices value=indicator id="district-indicator" />
            <PeriodSelect periods value=period id="district-period" />
            <label class="control">
                <span>"Cách tổng hợp"</span>
                <select
                    id="aggregation"
                    prop:value=move || method.get().id()
                    on:change=move |ev| {
                        if let Some(m) = AggregationMethod::parse(&event_target_value(&ev)) {
                            method.set(m);
                        }
                    }
                >
                    <option value=AggregationMethod::Median.id()>"Trung vị các phường"</option>
                    <option value=AggregationMethod::PopulationWeightedMean.id()>"Trung bình theo dân số"</option>
                </select>
            </label>
        </form>
        {move || aggregates.get().map(|(dataset, rows)| {
            view! {
                <div class="indicator-head">
                    <ProvenanceBadge provenance=dataset.provenance />
                    <DatasetInfo dataset=dataset.clone() />
                </div>
                <p class="method-note" data-testid="aggregation-method">
                    {method_note(method.get(), &rows)}
                </p>
                <div class="map-and-table">
                    <section class="map-panel" aria-label="Bản đồ các quận">
                        <StaticTileMap
                            geometry=geometry.clone()
                            fills
                            description="Bản đồ ô lục giác: các phường tô màu theo giá trị tổng hợp của quận chứa phường đó"
                        />
                        <MapLegend entries=legend caption=legend_caption unit="đơn vị" />
                    </section>
                    <section class="table-panel">
                        <DistrictTable dataset rows />
                    </section>
                </div>
            }
        })}
    }
}

fn method_note(asked: AggregationMethod, rows: &[DistrictAggregate]) -> String {
    let mut note = AggregationMethod::describe(asked, Lang::Vi).to_string();
    let fell_back: Vec<&str> = rows
        .iter()
        .filter(|r| r.fell_back)
        .map(|r| r.name.as_str())
        .collect();
    if !fell_back.is_empty() {
        note.push_str(&format!(
            " Chưa có dân số của mọi phường có số liệu ở {} đơn vị ({}), nên các đơn vị này dùng trung vị.",
            fell_back.len(),
            fell_back.join(", ")
        ));
    }
    note
}

#[component]
fn DistrictTable(dataset: Dataset, rows: Vec<DistrictAggregate>) -> impl IntoView {
    let mut rows = rows;
    rows.sort_by_key(|r| r.rank.map(|k| k.position).unwrap_or(u32::MAX));
    let body = rows
        .into_iter()
        .map(|r| {
            let value = r
                .value
                .map(|v| value_with_unit(v, &dataset))
                .unwrap_or_else(|| "không có số liệu".into());
            let rank = r.rank.map(|k| k.label()).unwrap_or_else(|| "—".into());
            let method = match r.method {
                AggregationMethod::Median => "trung vị",
                AggregationMethod::PopulationWeightedMean => "theo dân số",
            };
            view! {
                <tr data-district=r.code.clone()>
                    <td class="rank">{rank}</td>
                    <th scope="row" class="name"><a href=format!("district/{}", r.code)>{r.name.clone()}</a></th>
                    <td class="value">{value}</td>
                    <td class="coverage">{format!("{}/{}", r.wards_with_data, r.wards_total)}</td>
                    <td class="method">{method}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="ranking district-ranking" data-testid="district-table">
            <caption>"Xếp hạng 13 đơn vị"</caption>
            <thead>
                <tr>
                    <th scope="col">"Hạng"</th>
                    <th scope="col">"Quận / thị xã"</th>
                    <th scope="col">"Giá trị"</th>
                    <th scope="col">"Phường có số liệu"</th>
                    <th scope="col">"Cách tính"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
