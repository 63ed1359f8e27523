//! The composite index at `/composite`: the six groups of Decision
//! 766/QĐ-TTg with adjustable weights (default 18/20/12/10/18/22), the
//! formula written out with the weights in use, the rule for missing
//! components, and the ranking recomputed as the weights move.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use ward_domain::choropleth::Choropleth;
use ward_domain::classify::Method;
use ward_domain::composite::{
    composite_periods, composite_rows, formula, group_label, missing_rule, Weights,
    DEFAULT_COMPONENTS,
};
use ward_domain::dataset::{Dataset, Direction, NumberFormat, NumberStyle};
use ward_domain::format;
use ward_domain::hexgeo::{MapGeometry, DEFAULT_RADIUS};
use ward_domain::palette::Palette;
use ward_domain::url_state::{parse_query, to_query, DropReason, Dropped, ViewState};

use crate::components::pickers::{period_label, PeriodSelect};
use crate::components::provenance::{weakest, ProvenanceBadge};
use crate::components::static_map::{Counted, MapLegend, StaticTileMap};
use crate::home::{write_query, DroppedNotice};
use crate::i18n::{fill, use_i18n};
use crate::routes::ward::source_list;
use crate::store::{WardData, WithBase, WithWardData};

const SCORE_FORMAT: NumberFormat = NumberFormat {
    style: NumberStyle::Decimal,
    decimals: 1,
};

/// The largest weight a slider offers: more than the largest default (22)
/// so a reader can make one group dominate.
const MAX_WEIGHT: u32 = 50;

#[component]
pub fn CompositePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="composite">
            <h1>{move || i18n.t().pages.composite_title}</h1>
            <p class="lede">{move || i18n.t().pages.composite_lede}</p>
            <crate::import::panel::ImportPanel />
            <WithBase view=move |base| view! {
                <WithWardData base view=move |data| view! { <Composite data /> } />
            } />
        </section>
    }
}

fn components(data: &WardData) -> [Option<&Dataset>; 6] {
    DEFAULT_COMPONENTS.map(|(_, id)| data.dataset(id))
}

#[component]
fn Composite(data: WardData) -> impl IntoView {
    let i18n = use_i18n();
    // Weights and period live in the URL (`weights=18,20,…&period=…`), so a
    // shared link shows the same ranking; default weights are left out.
    let location = use_location();
    let navigate = use_navigate();
    // What the link asked for that cannot be used (`weights=NaN,1,1,1,1,1`,
    // a period the components do not share, an unknown parameter) is named
    // in the same quiet notice as on the home view, never silently replaced.
    let (linked, mut dropped) = parse_query(&location.search.get_untracked());
    let weights = RwSignal::new(linked.weights.unwrap_or(Weights::DEFAULT));
    let geometry = MapGeometry::new(&data.base.tiles, DEFAULT_RADIUS);
    let (period_ids, kind) = {
        let parts = components(&data);
        let kind = parts
            .iter()
            .flatten()
            .next()
            .map(|d| d.period_type)
            .unwrap_or(ward_domain::period::PeriodType::Quarter);
        (composite_periods(&parts), kind)
    };
    if let Some(p) = linked.period.as_ref().filter(|p| !period_ids.contains(p)) {
        dropped.push(Dropped::new("period", p, DropReason::NotFound));
    }
    let dropped = RwSignal::new(dropped);
    let period = RwSignal::new(
        linked
            .period
            .filter(|p| period_ids.contains(p))
            .or_else(|| period_ids.last().cloned())
            .unwrap_or_default(),
    );
    let latest = period_ids.last().cloned();
    let period_ids = StoredValue::new(period_ids);
    let periods = Signal::derive(move || {
        let lang = i18n.lang();
        period_ids.with_value(|ids| {
            ids.iter()
                .map(|p| (p.clone(), period_label(p, kind, lang)))
                .collect::<Vec<_>>()
        })
    });
    let data = StoredValue::new(data);
    Effect::new(move |_| {
        let w = weights.get();
        let p = period.get();
        let view = ViewState {
            weights: (w != Weights::DEFAULT && w.is_valid()).then_some(w),
            period: (Some(&p) != latest.as_ref()).then_some(p),
            ..ViewState::default()
        };
        // Replace: a slider drag or a picker change would otherwise fill
        // the history.
        write_query(&location, &navigate, &to_query(&view), true);
    });

    let rows = Memo::new(move |_| {
        let w = weights.get();
        let period = period.get();
        data.with_value(|d| composite_rows(&d.base.registry, &components(d), &period, &w))
    });
    let choropleth = Memo::new(move |_| {
        rows.with(|rows| {
            let values: Vec<(String, Option<f64>)> =
                rows.iter().map(|r| (r.code.clone(), r.score)).collect();
            Choropleth::of_values(
                &values,
                Method::Quantile,
                Palette::DEFAULT_SEQUENTIAL,
                Direction::HigherIsBetter,
                SCORE_FORMAT,
                i18n.lang(),
            )
        })
    });
    let fills = Signal::derive(move || {
        choropleth.with(|c| {
            rows.with(|rows| {
                rows.iter()
                    .filter_map(|r| Some((r.code.clone(), c.fill(&r.code)?.to_string())))
                    .collect::<HashMap<_, _>>()
            })
        })
    });
    let legend = Signal::derive(move || choropleth.with(|c| c.legend.clone()));

    let sliders = DEFAULT_COMPONENTS
        .iter()
        .enumerate()
        .map(|(i, (group, _))| {
            let group = *group;
            let id = format!("weight-{i}");
            view! {
                <div class="weight">
                    <label for=id.clone()>{move || group_label(group, i18n.lang())}</label>
                    <input
                        id=id
                        type="range"
                        min="0"
                        max=MAX_WEIGHT.to_string()
                        step="1"
                        data-group=i.to_string()
                        prop:value=move || weights.get().0.get(i).copied().unwrap_or(0.0).to_string()
                        on:input=move |ev| {
                            if let Ok(value) = event_target_value(&ev).parse::<f64>() {
                                weights.update(|w| {
                                    if let Some(slot) = w.0.get_mut(i) {
                                        *slot = value;
                                    }
                                });
                            }
                        }
                    />
                    <output>
                        {move || {
                            let weight = weights.get().0.get(i).copied().unwrap_or(0.0);
                            format::number(weight, 0, i18n.lang())
                        }}
                    </output>
                </div>
            }
        })
        .collect_view();

    let provenance =
        data.with_value(|d| weakest(components(d).iter().flatten().map(|d| d.provenance)));
    // The page's own shared copies, not clones of the six datasets.
    let sources = data.with_value(|d| {
        let shown: Vec<std::sync::Arc<Dataset>> = DEFAULT_COMPONENTS
            .iter()
            .filter_map(|(_, id)| d.shared(id))
            .collect();
        shown
    });

    view! {
        <DroppedNotice dropped />
        {provenance.map(|provenance| view! { <ProvenanceBadge provenance /> })}
        <form
            class="weights"
            on:submit=|ev| ev.prevent_default()
            aria-label=move || i18n.t().pages.composite_weights_label
        >
            <fieldset>
                <legend>{move || i18n.t().pages.composite_weights}</legend>
                {sliders}
                <button type="button" data-testid="reset-weights" on:click=move |_| weights.set(Weights::DEFAULT)>
                    {move || i18n.t().pages.composite_reset}
                </button>
            </fieldset>
            <PeriodSelect periods value=period id="composite-period" />
        </form>
        <section class="formula" data-testid="formula">
            <h2>{move || i18n.t().pages.shared_method}</h2>
            <p class="formula-text">{move || formula(&weights.get(), i18n.lang())}</p>
            <p>{move || missing_rule(i18n.lang())}</p>
            {move || (!weights.get().is_valid()).then(|| view! {
                <p class="notice" role="alert">{move || i18n.t().pages.composite_invalid}</p>
            })}
        </section>
        <div class="map-and-table">
            <section class="map-panel" aria-label=move || i18n.t().pages.composite_map>
                <StaticTileMap
                    geometry
                    fills
                    description=Signal::derive(move || {
                        i18n.t().pages.composite_map_description.to_string()
                    })
                />
                <MapLegend
                    entries=legend
                    caption=Signal::derive(move || i18n.t().pages.composite_legend.to_string())
                    counted=Counted::Wards
                />
            </section>
            <section class="table-panel">
                <CompositeTable rows data period />
            </section>
        </div>
        {source_list(&sources.iter().map(|d| &**d).collect::<Vec<_>>())}
    }
}

#[component]
fn CompositeTable(
    rows: Memo<Vec<ward_domain::composite::CompositeRow>>,
    data: StoredValue<WardData>,
    period: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || {
        // Also redrawn in the other language from the rows already computed.
        let lang = i18n.lang();
        let t = &i18n.t().pages;
        let mut rows = rows.get();
        rows.sort_by_key(|r| {
            r.rank
                .map(|k| (k.position, k.repeat))
                .unwrap_or((u32::MAX, true))
        });
        let _ = period.get();
        data.with_value(|d| {
            rows.into_iter()
                .map(|r| {
                    let ward = d.base.registry.ward(&r.code);
                    let name = ward.map(|w| w.name.clone()).unwrap_or_default();
                    let district = ward
                        .and_then(|w| d.base.registry.district(&w.district))
                        .map(|x| x.name.clone())
                        .unwrap_or_default();
                    let score = match r.score {
                        Some(s) => format::number(s, 1, lang),
                        None => {
                            let groups = r
                                .missing
                                .iter()
                                .map(|g| group_label(*g, lang))
                                .collect::<Vec<_>>()
                                .join(", ");
                            fill(t.composite_missing, &[("groups", &groups)])
                        }
                    };
                    view! {
                        <tr data-ward=r.code.clone()>
                            <td class="rank">{r.rank.map(|k| k.label()).unwrap_or_else(|| "—".into())}</td>
                            <th scope="row" class="name" lang="vi"><a href=format!("ward/{}", r.code)>{name}</a></th>
                            <td class="district" lang="vi">{district}</td>
                            <td class="value">{score}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="table-scroll tall">
            <table class="ranking" data-testid="composite-table">
                {move || {
                    let t = &i18n.t().pages;
                    view! {
                        <caption>{t.composite_caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{t.shared_rank}</th>
                                <th scope="col">{t.shared_ward}</th>
                                <th scope="col" class="col-district">{t.composite_col_district}</th>
                                <th scope="col">{t.composite_col_score}</th>
                            </tr>
                        </thead>
                    }
                }}
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
