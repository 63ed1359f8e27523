//! One district at `/district/{code}`: its wards ranked within it for an
//! indicator and period, with their city rank, and the district's median
//! against the city's.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ward_domain::aggregate::{city_median, district_aggregates, AggregationMethod};
use ward_domain::choropleth::Choropleth;
use ward_domain::classify::Method;
use ward_domain::dataset::Dataset;
use ward_domain::format;
use ward_domain::hexgeo::{MapGeometry, DEFAULT_RADIUS};
use ward_domain::palette::Palette;
use ward_domain::ranking::competition_ranks;
use ward_domain::table::{ward_rows, WardRow};
use ward_domain::District;

use crate::components::pickers::{value_with_unit, PeriodSelect};
use crate::components::provenance::{DatasetInfo, ProvenanceBadge};
use crate::components::static_map::{Counted, MapLegend, StaticTileMap};
use crate::home::missing_reason;
use crate::i18n::{catalogue, fill, use_i18n, with_names, Lang};
use crate::routes::districts::{
    indicator_and_period_in_url, indicator_ids, indicator_picker, period_choices,
    POPULATION_DATASET,
};
use crate::store::{WardData, WithBase, WithWardData};

#[component]
pub fn DistrictPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    // "2" names district 002, as the address `app` makes canonical does.
    let code = move || {
        let code = params.read().get("code").unwrap_or_default();
        ward_domain::links::normalise_district_code(&code).unwrap_or(code)
    };
    view! {
        <section class="district-page">
            <WithBase view=move |base| {
                let code = code();
                match base.registry.district(&code).cloned() {
                    None => view! {
                        <h1>{move || i18n.t().pages.district_unknown_title}</h1>
                        <p class="load-error" role="alert" data-testid="unknown-district">
                            {move || fill(i18n.t().pages.district_unknown, &[("code", &ward_domain::links::echo(&code))])}
                            " "
                            <a href="districts">{move || i18n.t().pages.district_unknown_link}</a>
                        </p>
                    }
                    .into_any(),
                    Some(_) => view! {
                        <WithWardData base view=move |data| view! { <District data code=code.clone() /> } />
                    }
                    .into_any(),
                }
            } />
            <crate::import::panel::ImportPanel />
        </section>
    }
}

/// "Quận Ba Đình" / "Ba Đình district", "Thị xã Sơn Tây" / "Sơn Tây town",
/// the name marked Vietnamese.
fn district_heading(district: &District, lang: Lang) -> Vec<AnyView> {
    let t = &catalogue(lang).pages;
    let template = if district.is_town() {
        t.district_heading_town
    } else {
        t.district_heading
    };
    with_names(template, &[("district", &district.name)])
}

#[component]
fn District(data: WardData, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let Some(district) = data.base.registry.district(&code).cloned() else {
        return ().into_any();
    };
    let choices = indicator_ids(&data);
    let geometry = MapGeometry::new(&data.base.tiles, DEFAULT_RADIUS);
    let district_of: HashMap<String, String> = data
        .base
        .registry
        .wards
        .iter()
        .map(|w| (w.code.clone(), w.district.clone()))
        .collect();
    let ward_count = data
        .base
        .registry
        .wards
        .iter()
        .filter(|w| w.district == code)
        .count();
    let data = StoredValue::new(data);
    let (indicator, period) = indicator_and_period_in_url(data, &choices);
    let periods = Signal::derive(move || {
        data.with_value(|d| period_choices(d.dataset(&indicator.get()), i18n.lang()))
    });
    let district_code = StoredValue::new(code.clone());

    let shown = Memo::new(move |_| {
        data.with_value(|d| {
            // The page's shared copy: a switch copies a pointer.
            let dataset = d.shared(&indicator.get())?;
            let period = period.get();
            let rows = ward_rows(&d.base.registry, &dataset, &period);
            let aggregate = district_aggregates(
                &d.base.registry,
                &dataset,
                &period,
                AggregationMethod::Median,
                d.dataset(POPULATION_DATASET),
            )
            .into_iter()
            .find(|a| district_code.with_value(|c| a.code == *c));
            let city = city_median(&dataset, &d.base.registry, &period);
            Some((dataset, rows, aggregate, city))
        })
    });
    let choropleth = Memo::new(move |_| {
        shown.with(|s| {
            let (dataset, rows, _, _) = s.as_ref()?;
            Some(Choropleth::new(
                rows,
                Method::Quantile,
                Palette::DEFAULT_SEQUENTIAL,
                dataset.direction,
                dataset.number_format,
                i18n.lang(),
            ))
        })
    });
    let fills = Signal::derive(move || {
        choropleth.with(|c| {
            let Some(c) = c else {
                return HashMap::new();
            };
            c.class_of
                .keys()
                .filter_map(|code| Some((code.clone(), c.fill(code)?.to_string())))
                .collect()
        })
    });
    let legend = Signal::derive(move || {
        choropleth.with(|c| c.as_ref().map(|c| c.legend.clone()).unwrap_or_default())
    });
    let legend_caption = Signal::derive(move || {
        shown.with(|s| {
            s.as_ref()
                .map(|(d, _, _, _)| {
                    let lang = i18n.lang();
                    fill(
                        catalogue(lang).pages.district_legend,
                        &[("unit", &d.unit.get(lang))],
                    )
                })
                .unwrap_or_default()
        })
    });

    let heading = district.clone();
    view! {
        <nav class="breadcrumb" aria-label=move || i18n.t().pages.shared_breadcrumb>
            <a href="./">{move || i18n.t().pages.shared_map}</a>
            " › "
            <a href="districts">{move || i18n.t().pages.district_breadcrumb}</a>
            " › "
            <span aria-current="page" lang="vi">{district.name.clone()}</span>
        </nav>
        <h1 data-testid="district-name">{move || district_heading(&heading, i18n.lang())}</h1>
        <p class="lede">
            {move || fill(i18n.t().pages.district_lede, &[("count", &ward_count)])}
        </p>
        <form class="controls" on:submit=|ev| ev.prevent_default()>
            {indicator_picker(data, indicator, "district-indicator")}
            <PeriodSelect periods value=period id="district-period" />
        </form>
        {move || shown.get().map(|(dataset, rows, aggregate, city)| {
            // Redrawn in the other language from the data already loaded.
            let lang = i18n.lang();
            let t = &catalogue(lang).pages;
            let summary = summary(
                &dataset,
                aggregate.as_ref().and_then(|a| a.value),
                aggregate.as_ref().and_then(|a| a.rank),
                city,
                lang,
            );
            view! {
                <div class="indicator-head">
                    <ProvenanceBadge provenance=dataset.provenance />
                    <DatasetInfo dataset=dataset.clone() />
                </div>
                <p class="district-summary" data-testid="district-summary">{summary}</p>
                <div class="map-and-table">
                    <section class="map-panel" aria-label=t.district_map>
                        <StaticTileMap
                            geometry=geometry.clone()
                            fills
                            focus_district=district_code.get_value()
                            district_of=district_of.clone()
                            description=t.district_map_description.to_string()
                        />
                        <MapLegend entries=legend caption=legend_caption counted=Counted::Wards />
                    </section>
                    <section class="table-panel">
                        <WardsOfDistrict dataset rows district=district_code.get_value() lang />
                    </section>
                </div>
            }
        })}
    }
    .into_any()
}

fn summary(
    dataset: &Dataset,
    median: Option<f64>,
    rank: Option<ward_domain::ranking::Rank>,
    city: Option<f64>,
    lang: Lang,
) -> String {
    let t = &catalogue(lang).pages;
    let value = |v: Option<f64>| {
        v.map(|v| value_with_unit(v, dataset, lang))
            .unwrap_or_else(|| t.shared_no_data.into())
    };
    let rank = rank
        .map(|r| {
            fill(
                t.district_summary_rank,
                &[("rank", &r.label()), ("of", &r.of)],
            )
        })
        .unwrap_or_default();
    fill(
        t.district_summary,
        &[
            ("median", &value(median)),
            ("rank", &rank),
            ("city", &value(city)),
        ],
    )
}

#[component]
fn WardsOfDistrict(
    dataset: std::sync::Arc<Dataset>,
    rows: Vec<WardRow>,
    district: String,
    lang: Lang,
) -> impl IntoView {
    let t = &catalogue(lang).pages;
    let decimals = dataset.number_format.shown_decimals();
    let mut mine: Vec<WardRow> = rows
        .into_iter()
        .filter(|r| r.district_code == district)
        .collect();
    let values: Vec<Option<f64>> = mine.iter().map(|r| r.value).collect();
    let ranks = competition_ranks(&values, dataset.direction, decimals);
    let mut ranked: Vec<(WardRow, Option<ward_domain::ranking::Rank>)> =
        mine.drain(..).zip(ranks).collect();
    ranked.sort_by_key(|(_, rank)| {
        rank.map(|r| (r.position, r.repeat))
            .unwrap_or((u32::MAX, true))
    });
    let body = ranked
        .into_iter()
        .map(|(row, rank)| {
            let value = row
                .value
                .map(|v| value_with_unit(v, &dataset, lang))
                .unwrap_or_else(|| missing_reason(row.missing, lang));
            let change = row
                .change
                .map(|c| format::signed(c, dataset.number_format, lang))
                .unwrap_or_else(|| "—".into());
            view! {
                <tr data-ward=row.code.clone()>
                    <td class="rank">{rank.map(|r| r.label()).unwrap_or_else(|| "—".into())}</td>
                    <th scope="row" class="name" lang="vi"><a href=format!("ward/{}", row.code)>{row.name.clone()}</a></th>
                    <td class="value">{value}</td>
                    <td class="rank-city">{row.rank.map(|r| format!("{}/{}", r.label(), r.of)).unwrap_or_else(|| "—".into())}</td>
                    <td class="change">{change}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="ranking" data-testid="district-wards">
            <caption>{t.district_caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t.shared_rank_district}</th>
                    <th scope="col">{t.shared_ward}</th>
                    <th scope="col">{t.shared_value}</th>
                    <th scope="col">{t.shared_rank_city}</th>
                    <th scope="col">{t.shared_change}</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
    }
}
