//! Compare 2–4 wards at `/compare?wards={code},{code},…`: a side-by-side
//! table of every indicator and a chart of the six 766 groups. Wards are
//! added by search and removed with a button; the list lives in the URL so a
//! comparison can be shared.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use ward_domain::charts::groups::{group_comparison_option, GroupComparison};
use ward_domain::composite::{
    component_max, composite_rows, group_label, Weights, DEFAULT_COMPONENTS,
};
use ward_domain::dataset::{Dataset, Group};
use ward_domain::format;
use ward_domain::profile::indicator_profile;
use ward_domain::Registry;

use crate::charts::{Chart, ChartExport};
use crate::components::files::{provenance_line, ImageHeader};
use crate::components::pickers::{period_label, value_with_unit, PeriodSelect};
use crate::components::provenance::{weakest, ProvenanceBadge};
use crate::components::ward_search::WardSearch;
use crate::home::write_query;
use crate::i18n::{catalogue, fill, use_i18n, Lang};
use crate::routes::ward::source_list;
use crate::store::{WardData, WithBase, WithWardData};

pub const MAX_WARDS: usize = 4;

/// The ward codes of the query, known and distinct, at most [`MAX_WARDS`];
/// codes without their leading zeros ("52") are padded. Unknown codes are
/// returned separately for a quiet notice, each through `links::echo`.
pub fn parse_wards(query: &str, registry: &Registry) -> (Vec<String>, Vec<String>) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for code in query.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let code = ward_domain::links::normalise_ward_code(code).unwrap_or_else(|| code.into());
        if registry.ward(&code).is_none() {
            unknown.push(ward_domain::links::echo(&code));
        } else if !known.contains(&code) && known.len() < MAX_WARDS {
            known.push(code);
        }
    }
    (known, unknown)
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="compare">
            <h1>{move || i18n.t().pages.compare_title}</h1>
            <p class="lede">{move || i18n.t().pages.compare_lede}</p>
            <crate::import::panel::ImportPanel />
            <WithBase view=move |base| view! {
                <WithWardData base view=move |data| view! { <Comparison data /> } />
            } />
        </section>
    }
}

#[component]
fn Comparison(data: WardData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let location = use_location();
    let navigate = use_navigate();
    let registry = StoredValue::new(data.base.registry.clone());
    let data = StoredValue::new(data);
    let parsed = Memo::new(move |_| {
        let raw = query.read().get("wards").unwrap_or_default();
        registry.with_value(|r| parse_wards(&raw, r))
    });
    let wards = Signal::derive(move || parsed.get().0);
    // A new history entry per change, with the reader's language when the
    // address carries one (`write_query`), so Back undoes an addition.
    let set_wards = move |codes: Vec<String>| {
        write_query(
            &location,
            &navigate,
            &format!("wards={}", codes.join(",")),
            false,
        );
    };
    let set_wards = StoredValue::new(set_wards);
    let add = Callback::new(move |code: String| {
        let mut codes = wards.get_untracked();
        if codes.len() < MAX_WARDS && !codes.contains(&code) {
            codes.push(code);
            set_wards.with_value(|set| set(codes));
        }
    });
    let remove = move |code: String| {
        let codes: Vec<String> = wards
            .get_untracked()
            .into_iter()
            .filter(|c| *c != code)
            .collect();
        set_wards.with_value(|set| set(codes));
    };

    // Periods of the group scores (the quarterly synthetic series).
    let periods = Signal::derive(move || {
        let lang = i18n.lang();
        data.with_value(|d| {
            d.dataset(DEFAULT_COMPONENTS[0].1)
                .or_else(|| d.datasets.first().map(|d| &**d))
                .map(|ds| {
                    ds.periods
                        .iter()
                        .map(|p| (p.clone(), period_label(p, ds.period_type, lang)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let period = RwSignal::new(
        periods
            .with_untracked(|p| p.last().map(|(p, _)| p.clone()))
            .unwrap_or_default(),
    );

    let chips = move || {
        let t = &i18n.t().pages;
        wards
            .get()
            .into_iter()
            .map(|code| {
                let name = registry.with_value(|r| {
                    let ward = r.ward(&code);
                    let district = ward
                        .and_then(|w| r.district(&w.district))
                        .map(|d| d.name.clone());
                    format!(
                        "{} ({})",
                        ward.map(|w| w.name.clone()).unwrap_or_default(),
                        district.unwrap_or_default()
                    )
                });
                let remove_code = code.clone();
                view! {
                    <li class="chip" data-ward=code.clone()>
                        <a href=format!("ward/{code}") lang="vi">{name.clone()}</a>
                        <button
                            type="button"
                            class="chip-remove"
                            aria-label=fill(t.compare_remove, &[("ward", &name)])
                            on:click=move |_| remove(remove_code.clone())
                        >
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let unknown_notice = move || {
        let unknown = parsed.get().1;
        (!unknown.is_empty()).then(|| {
            view! {
                <p class="notice" role="status" data-testid="dropped-params">
                    {move || {
                        // At most `links::ECHO_ITEMS` codes, then "and 7,990 more".
                        let listed = ward_domain::links::echo_list(unknown.iter().cloned());
                        let mut codes = listed.shown.join(", ");
                        if listed.more > 0 {
                            let count = ward_domain::format::number(listed.more as f64, 0, i18n.lang());
                            codes.push(' ');
                            codes.push_str(&fill(i18n.t().pages.compare_dropped_more, &[("count", &count)]));
                        }
                        fill(i18n.t().pages.compare_dropped, &[("codes", &codes)])
                    }}
                </p>
            }
        })
    };

    view! {
        {unknown_notice}
        <div class="compare-picker">
            <ul class="chips" data-testid="compared-wards">{chips}</ul>
            <WardSearch
                registry
                exclude=wards
                on_pick=add
                label=Signal::derive(move || i18n.t().pages.compare_add.to_string())
                id="compare-search"
                disabled=Signal::derive(move || wards.get().len() >= MAX_WARDS)
            />
            <PeriodSelect periods value=period id="compare-period" />
        </div>
        {move || {
            let codes = wards.get();
            let period = period.get();
            // Redrawn in the other language from the data already loaded.
            let lang = i18n.lang();
            if codes.len() < 2 {
                return view! {
                    <p class="notice" data-testid="compare-hint">
                        {catalogue(lang).pages.compare_hint}
                    </p>
                }
                .into_any();
            }
            data.with_value(|d| view! { <ComparisonBody data=d.clone() codes period lang /> }.into_any())
        }}
    }
}

#[component]
fn ComparisonBody(data: WardData, codes: Vec<String>, period: String, lang: Lang) -> impl IntoView {
    let t = &catalogue(lang).pages;
    let registry = &data.base.registry;
    let names: Vec<String> = codes
        .iter()
        .map(|c| registry.ward(c).map(|w| w.name.clone()).unwrap_or_default())
        .collect();
    let header = names
        .iter()
        .zip(&codes)
        .map(|(name, code)| view! { <th scope="col" data-ward=code.clone() lang="vi"><a href=format!("ward/{code}")>{name.clone()}</a></th> })
        .collect_view();

    // One row per indicator: the value at the chosen period (or the
    // dataset's latest when it has no such period) and the city rank.
    let rows = data
        .datasets
        .iter()
        .map(|dataset| {
            let shown_period = if dataset.periods.contains(&period) {
                period.clone()
            } else {
                dataset.periods.last().cloned().unwrap_or_default()
            };
            let cells = codes
                .iter()
                .map(|code| {
                    let profile = indicator_profile(registry, dataset, code, &shown_period);
                    let text = profile
                        .as_ref()
                        .and_then(|p| Some((p.value?, p.rank_city)))
                        .map(|(v, rank)| {
                            let rank = rank.map(|r| rank_of(r, lang)).unwrap_or_default();
                            format!("{}{rank}", value_with_unit(v, dataset, lang))
                        })
                        .unwrap_or_else(|| t.shared_no_data.into());
                    view! { <td data-ward=code.clone()>{text}</td> }
                })
                .collect_view();
            view! {
                <tr data-indicator=dataset.id.clone()>
                    <th scope="row">
                        {dataset.title.get(lang).to_string()}
                        <span class="muted">{format!(" · {}", period_label(&shown_period, dataset.period_type, lang))}</span>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();

    // The composite with default weights, and the six groups as a share of
    // their maximum for the chart.
    let components: Vec<Option<&Dataset>> = DEFAULT_COMPONENTS
        .iter()
        .map(|(_, id)| data.dataset(id))
        .collect();
    let components: [Option<&Dataset>; 6] = [
        components[0],
        components[1],
        components[2],
        components[3],
        components[4],
        components[5],
    ];
    let composite = composite_rows(registry, &components, &period, &Weights::DEFAULT);
    let composite_cells = codes
        .iter()
        .map(|code| {
            let row = composite.iter().find(|r| r.code == *code);
            let text = row
                .and_then(|r| Some((r.score?, r.rank)))
                .map(|(score, rank)| {
                    let rank = rank.map(|r| rank_of(r, lang)).unwrap_or_default();
                    format!("{}/100{rank}", format::number(score, 1, lang))
                })
                .unwrap_or_else(|| t.compare_missing_components.into());
            view! { <td data-ward=code.clone()>{text}</td> }
        })
        .collect_view();

    let group_labels: Vec<String> = DEFAULT_COMPONENTS
        .iter()
        .map(|(g, _)| group_label(*g, lang).to_string())
        .collect();
    let series: Vec<(String, Vec<Option<f64>>)> = codes
        .iter()
        .zip(&names)
        .map(|(code, name)| {
            let shares = components
                .iter()
                .zip(Group::INDEX_766.iter())
                .map(|(dataset, (_, points))| {
                    let dataset = (*dataset)?;
                    let value = dataset.observation(code, &period)?.value?;
                    // The same maximum the composite divides by.
                    Some(100.0 * value / component_max(dataset, *points))
                })
                .collect();
            (name.clone(), shares)
        })
        .collect();
    let option = group_comparison_option(&GroupComparison {
        group_labels,
        wards: series,
        lang,
    })
    .to_json();
    let label = fill(
        t.compare_groups_label,
        &[
            ("wards", &names.join(", ")),
            (
                "period",
                &period_label(&period, ward_domain::period::PeriodType::Quarter, lang),
            ),
        ],
    );
    let shown: Vec<&Dataset> = data.datasets.iter().map(|d| &**d).collect();
    let provenance = weakest(shown.iter().map(|d| d.provenance));
    let sources_text = components
        .iter()
        .flatten()
        .map(|d| d.source.name.clone())
        .fold(Vec::<String>::new(), |mut all, name| {
            if !all.contains(&name) {
                all.push(name);
            }
            all
        })
        .join("; ");

    view! {
        {provenance.map(|provenance| view! { <ProvenanceBadge provenance /> })}
        <h2>{t.compare_groups}</h2>
        <p class="muted">{t.compare_groups_note}</p>
        <Chart
            option=Signal::stored(option)
            label=Signal::stored(label.clone())
            height=Signal::stored(360u32)
            export=Signal::stored(ChartExport {
                file_stem: format!("{}-{}-{period}", t.compare_file_stem, codes.join("-")),
                header: ImageHeader {
                    title: label,
                    provenance: provenance
                        .map(|p| provenance_line(p, lang))
                        .unwrap_or_default()
                        .to_string(),
                    source: fill(t.shared_source, &[("source", &sources_text)]),
                },
            })
        />
        <h2>{t.compare_table}</h2>
        <div class="table-scroll">
            <table class="compare-table" data-testid="compare-table">
                <thead>
                    <tr>
                        <th scope="col">{t.shared_indicator}</th>
                        {header}
                    </tr>
                </thead>
                <tbody>
                    <tr class="composite-row" data-indicator="composite">
                        <th scope="row">
                            <a href="composite">{t.compare_composite}</a>
                        </th>
                        {composite_cells}
                    </tr>
                    {rows}
                </tbody>
            </table>
        </div>
        {source_list(&shown)}
    }
}

/// " (hạng 3/175)" after a value.
fn rank_of(rank: ward_domain::ranking::Rank, lang: Lang) -> String {
    let text = fill(
        catalogue(lang).pages.shared_rank_of,
        &[("rank", &rank.label()), ("of", &rank.of)],
    );
    format!(" {text}")
}
