//! A ward's profile at `/ward/{code}`: every indicator with its value, unit,
//! rank in the city and in the district, percentile and change, a trend
//! chart per indicator against the district and city medians, and sources.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use ward_domain::charts::trend::{trend_option, SeriesRole, TrendChart, TrendSeries};
use ward_domain::dataset::{Dataset, Provenance};
use ward_domain::format;
use ward_domain::profile::{indicator_profile, IndicatorProfile};
use ward_domain::table::latest_period;

use crate::charts::{Chart, ChartExport};
use crate::components::files::{provenance_line, ImageHeader};
use crate::components::pickers::{period_label, value_with_unit};
use crate::components::provenance::{weakest, ProvenanceBadge, SourceName};
use crate::home::missing_reason;
use crate::i18n::{catalogue, fill, use_i18n, with_names, Lang};
use crate::store::{WardData, WithBase, WithWardData};

#[component]
pub fn WardPage() -> impl IntoView {
    let params = use_params_map();
    // A hand-typed code that lost its leading zeros ("52") names Hàng Bồ
    // (00052); the address itself is made canonical by `app`.
    let code = move || {
        let code = params.read().get("code").unwrap_or_default();
        ward_domain::links::normalise_ward_code(&code).unwrap_or(code)
    };
    view! {
        <section class="ward-profile">
            <WithBase view=move |base| {
                let code = code();
                match base.registry.ward(&code).cloned() {
                    None => view! { <UnknownWard code /> }.into_any(),
                    Some(_) => view! {
                        <WithWardData base view=move |data| view! { <Profile data code=code.clone() /> } />
                    }
                    .into_any(),
                }
            } />
            <crate::import::panel::ImportPanel />
        </section>
    }
}

#[component]
fn UnknownWard(code: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{move || i18n.t().pages.ward_unknown_title}</h1>
        <p class="load-error" role="alert" data-testid="unknown-ward">
            // Echoed bounded: the code is whatever the address said.
            {move || fill(i18n.t().pages.ward_unknown, &[("code", &ward_domain::links::echo(&code))])}
            " "
            <a href="wards">{move || i18n.t().pages.ward_unknown_link}</a>
        </p>
    }
}

/// "3/18"; a dash when fewer than two wards are ranked, since being first
/// of one says nothing.
fn rank_text(rank: Option<ward_domain::ranking::Rank>) -> String {
    rank.filter(|r| r.of > 1)
        .map(|r| format!("{}/{}", r.label(), r.of))
        .unwrap_or_else(|| "—".into())
}

fn profile_row(
    dataset: &Dataset,
    profile: &IndicatorProfile,
    ward: &str,
    lang: Lang,
) -> impl IntoView {
    let t = &catalogue(lang).pages;
    let value = match profile.value {
        Some(v) => value_with_unit(v, dataset, lang),
        None => missing_reason(profile.missing, lang),
    };
    let percentile = profile
        .percentile
        .filter(|_| profile.rank_city.is_some_and(|r| r.of > 1))
        .map(|p| {
            if p == 0.0 {
                t.ward_percentile_lowest.to_string()
            } else {
                fill(
                    t.ward_percentile_above,
                    &[("percent", &format::number(p, 0, lang))],
                )
            }
        })
        .unwrap_or_else(|| "—".into());
    let change = match (profile.change, &profile.previous_period) {
        (Some(delta), Some(previous)) => fill(
            t.ward_change_since,
            &[
                (
                    "change",
                    &format::change(delta, dataset.number_format, lang),
                ),
                ("period", &period_label(previous, dataset.period_type, lang)),
            ],
        ),
        _ => "—".into(),
    };
    let map_link = format!("./?indicator={}&ward={ward}", dataset.id);
    view! {
        <tr data-indicator=dataset.id.clone()>
            <th scope="row">
                <a href=map_link class="dataset-text">{dataset.title.get(lang).to_string()}</a>
            </th>
            <td class="period" data-label=t.ward_col_period>{period_label(&profile.period, dataset.period_type, lang)}</td>
            <td class="value" data-label=t.shared_value>{value}</td>
            <td class="rank-city" data-label=t.shared_rank_city>{rank_text(profile.rank_city)}</td>
            <td class="rank-district" data-label=t.shared_rank_district>{rank_text(profile.rank_district)}</td>
            <td class="percentile" data-label=t.ward_col_percentile>{percentile}</td>
            <td class="change" data-label=t.ward_col_change_short>{change}</td>
            <td class="provenance" data-label=t.ward_col_provenance>
                <span class=format!("tag tag-{}", provenance_id(dataset.provenance))>
                    {provenance_short(dataset.provenance, lang)}
                </span>
                // Who supplied figures nobody checked: the URL's host, or "your file".
                {(dataset.provenance == Provenance::UserSupplied).then(|| {
                    let who = ward_domain::export::supplier(&dataset.source, lang);
                    view! { " " <span class="supplier dataset-text" data-testid="supplier">{who}</span> }
                })}
            </td>
        </tr>
    }
}

pub fn provenance_id(p: Provenance) -> &'static str {
    match p {
        Provenance::Official => "official",
        Provenance::Reported => "reported",
        Provenance::Estimated => "estimated",
        Provenance::Synthetic => "synthetic",
        Provenance::UserSupplied => "user-supplied",
    }
}

/// The kind of figures in one word or two, for a table cell.
pub fn provenance_short(p: Provenance, lang: Lang) -> &'static str {
    let t = &catalogue(lang).pages;
    match p {
        Provenance::Official => t.ward_provenance_official,
        Provenance::Reported => t.ward_provenance_reported,
        Provenance::Estimated => t.ward_provenance_estimated,
        Provenance::Synthetic => t.ward_provenance_synthetic,
        Provenance::UserSupplied => catalogue(lang).user_data.short_user,
    }
}

fn trend_json(
    dataset: &Dataset,
    profile: &IndicatorProfile,
    ward_name: &str,
    district_name: &str,
    lang: Lang,
) -> String {
    let t = &catalogue(lang).pages;
    let chart = TrendChart {
        // The figure's caption names the indicator; a title inside the
        // canvas would repeat it and be cut on phones.
        title: String::new(),
        lang,
        period_labels: dataset
            .periods
            .iter()
            .map(|p| period_label(p, dataset.period_type, lang))
            .collect(),
        unit: dataset.unit.get(lang).to_string(),
        decimals: dataset.number_format.shown_decimals(),
        range: dataset.range.map(|r| (r.min, r.max)),
        series: vec![
            TrendSeries {
                name: ward_name.to_string(),
                role: SeriesRole::Ward,
                values: profile.trend.clone(),
            },
            TrendSeries {
                name: fill(
                    t.ward_trend_district_median,
                    &[("district", &district_name)],
                ),
                role: SeriesRole::DistrictMedian,
                values: profile.district_medians.clone(),
            },
            TrendSeries {
                name: t.ward_trend_city_median.into(),
                role: SeriesRole::CityMedian,
                values: profile.city_medians.clone(),
            },
        ],
    };
    trend_option(&chart).to_json()
}

/// Sources of the shown datasets, each once. A source's name is the
/// publisher's own words, marked Vietnamese when it is.
pub fn source_list(datasets: &[&Dataset]) -> impl IntoView {
    let i18n = use_i18n();
    let mut seen: Vec<String> = Vec::new();
    let items = datasets
        .iter()
        .filter(|d| {
            let new = !seen.contains(&d.source.name);
            if new {
                seen.push(d.source.name.clone());
            }
            new
        })
        .map(|d| {
            let source = d.source.clone();
            let licence = d.licence.id.clone();
            view! {
                <li>
                    <SourceName source />
                    " · "
                    {move || fill(i18n.t().pages.ward_source_licence, &[("licence", &licence)])}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="sources" data-testid="sources">
            <h2>{move || i18n.t().pages.ward_sources}</h2>
            <ul>{items}</ul>
        </section>
    }
}

#[component]
fn Profile(data: WardData, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let registry = &data.base.registry;
    let Some(ward) = registry.ward(&code).cloned() else {
        return view! { <UnknownWard code /> }.into_any();
    };
    let district = registry
        .district(&ward.district)
        .map(|d| (d.code.clone(), d.name.clone()))
        .unwrap_or_default();
    let profiles: Vec<(Arc<Dataset>, IndicatorProfile)> = data
        .datasets
        .iter()
        .filter_map(|d| {
            let period = latest_period(d)?.to_string();
            Some((
                Arc::clone(d),
                indicator_profile(registry, d, &code, &period)?,
            ))
        })
        .collect();
    let provenance = weakest(data.datasets.iter().map(|d| d.provenance));
    let with_trend: Vec<usize> = profiles
        .iter()
        .enumerate()
        .filter(|(_, (d, _))| d.periods.len() > 1)
        .map(|(i, _)| i)
        .collect();
    let profiles = StoredValue::new(profiles);
    // Ward code, ward name, district name: the same in both languages.
    let names = StoredValue::new((ward.code.clone(), ward.name.clone(), district.1.clone()));

    // Rows and charts are redrawn in the reader's language from the data
    // already loaded.
    let rows = move || {
        let lang = i18n.lang();
        names.with_value(|(code, _, _)| {
            profiles.with_value(|profiles| {
                profiles
                    .iter()
                    .map(|(d, p)| profile_row(d, p, code, lang))
                    .collect_view()
            })
        })
    };
    let charts = with_trend
        .into_iter()
        .map(|i| {
            let id = profiles.with_value(|p| p[i].0.id.clone());
            let file_stem = names.with_value(|(code, _, _)| format!("{code}-{id}"));
            let title = move || profiles.with_value(|p| p[i].0.title.get(i18n.lang()).to_string());
            let option = Signal::derive(move || {
                let lang = i18n.lang();
                names.with_value(|(_, ward, district)| {
                    profiles.with_value(|p| trend_json(&p[i].0, &p[i].1, ward, district, lang))
                })
            });
            let label = Signal::derive(move || {
                names.with_value(|(_, ward, district)| {
                    fill(
                        i18n.t().pages.ward_trend_label,
                        &[
                            ("indicator", &title()),
                            ("ward", ward),
                            ("district", district),
                        ],
                    )
                })
            });
            let export = Signal::derive(move || {
                let lang = i18n.lang();
                let t = &catalogue(lang).pages;
                let (provenance, source) =
                    profiles.with_value(|p| (p[i].0.provenance, p[i].0.source.name.clone()));
                ChartExport {
                    file_stem: file_stem.clone(),
                    header: ImageHeader {
                        title: names.with_value(|(_, ward, district)| {
                            fill(
                                t.ward_trend_image_title,
                                &[
                                    ("indicator", &title()),
                                    ("ward", ward),
                                    ("district", district),
                                ],
                            )
                        }),
                        provenance: provenance_line(provenance, lang).to_string(),
                        source: fill(t.shared_source, &[("source", &source)]),
                    },
                }
            });
            view! {
                <figure class="trend" data-indicator=id>
                    <figcaption>{title}</figcaption>
                    <Chart option label height=Signal::stored(240u32) export />
                </figure>
            }
        })
        .collect_view();
    let datasets: Vec<&Dataset> = data.datasets.iter().map(|d| &**d).collect();
    let (ward_name, district_name) = (ward.name.clone(), district.1.clone());
    let lede = move || {
        with_names(
            i18n.t().pages.ward_lede,
            &[("ward", &ward_name), ("district", &district_name)],
        )
    };
    let heading_name = ward.name.clone();
    view! {
        <nav class="breadcrumb" aria-label=move || i18n.t().pages.shared_breadcrumb>
            <a href="./">{move || i18n.t().pages.shared_map}</a>
            " › "
            <a href=format!("district/{}", district.0) lang="vi">{district.1.clone()}</a>
            " › "
            <span aria-current="page" lang="vi">{ward.name.clone()}</span>
        </nav>
        <h1 data-testid="ward-name">
            {move || with_names(i18n.t().pages.ward_heading, &[("ward", &heading_name)])}
        </h1>
        <p class="lede">
            {lede}
            " "
            <a href=format!("./?ward={}", ward.code) data-testid="back-to-map">
                {move || i18n.t().pages.ward_back_to_map}
            </a>
            " · "
            <a href=format!("compare?wards={}", ward.code)>{move || i18n.t().pages.ward_compare}</a>
        </p>
        {provenance.map(|provenance| view! { <ProvenanceBadge provenance /> })}
        <div class="table-scroll">
            <table class="profile" data-testid="profile-table">
                {move || {
                    let t = &i18n.t().pages;
                    view! {
                        <caption>{t.ward_table_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.shared_indicator}</th>
                                <th scope="col">{t.ward_col_period}</th>
                                <th scope="col">{t.shared_value}</th>
                                <th scope="col">{t.shared_rank_city}</th>
                                <th scope="col">{t.shared_rank_district}</th>
                                <th scope="col">{t.ward_col_percentile}</th>
                                <th scope="col">{t.shared_change}</th>
                                <th scope="col">{t.ward_col_provenance}</th>
                            </tr>
                        </thead>
                    }
                }}
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{move || i18n.t().pages.ward_trends}</h2>
        <p class="muted">{move || i18n.t().pages.ward_trends_note}</p>
        <div class="trend-grid">{charts}</div>
        {source_list(&datasets)}
    }
    .into_any()
}
