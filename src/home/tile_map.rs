//! The hex-tile cartogram as SVG: one tile per ward, district outlines and
//! names, roving-tabindex keyboard navigation and a tooltip.

use leptos::prelude::*;
use ward_domain::dataset::{MissingReason, NumberStyle};
use ward_domain::format::{self, Lang};
use ward_domain::hexgeo::{keyboard_neighbour, ArrowKey, MapGeometry};
use ward_domain::palette::{NO_DATA_FILL, NO_DATA_HATCH};
use ward_domain::period::Period;
use ward_domain::table::{previous_period, WardRow};
use ward_domain::tiles::TileLayout;
use wasm_bindgen::JsCast;

use super::{HomeState, Shown};
use crate::i18n::{catalogue, fill, use_i18n};

/// Why a value is missing, in words and in `lang` (a missing value is never
/// zero).
pub fn missing_reason(reason: Option<MissingReason>, lang: Lang) -> String {
    let t = &catalogue(lang).home;
    let why = match reason {
        Some(MissingReason::NotApplicable) => t.missing_not_applicable,
        Some(MissingReason::Suppressed) => t.missing_suppressed,
        Some(MissingReason::NotCollected) => t.missing_not_collected,
        Some(MissingReason::NotReported) | None => t.missing_not_reported,
    };
    fill(t.missing, &[("why", &why)])
}

/// A ward's figure as read aloud and shown: the value with its unit (or why
/// it is missing) and the rank, e.g. ("91,9%", Some("3/171")).
pub fn describe(row: &WardRow, shown: &Shown, lang: Lang) -> (String, Option<String>) {
    let format = shown.dataset.number_format;
    let value = match row.value {
        Some(v) if format.style == NumberStyle::Percent => format::value(v, format, lang),
        Some(v) => format!(
            "{} {}",
            format::value(v, format, lang),
            shown.dataset.unit.get(lang)
        ),
        None => missing_reason(row.missing, lang),
    };
    let rank = row.rank.map(|r| format!("{}/{}", r.label(), r.of));
    (value, rank)
}

fn focus_tile(code: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("g.tile[data-ward='{code}']"))
            .ok()
            .flatten()
    });
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::SvgElement>().ok()) {
        let _ = element.focus();
    }
}

#[component]
pub fn TileMap(
    geometry: StoredValue<MapGeometry>,
    layout: StoredValue<TileLayout>,
    /// (district code, name) for the labels.
    district_names: StoredValue<Vec<(String, String)>>,
    state: HomeState,
    shown: Memo<Option<Shown>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (width, height) = geometry.with_value(|g| (g.width, g.height));
    // The map's single Tab stop: the tile last focused, else the selected
    // one, else the first.
    let first = geometry.with_value(|g| g.tiles.first().map(|t| t.code.clone()));
    let focus_code = Memo::new(move |_| {
        state
            .focused
            .get()
            .or_else(|| state.selected.get())
            .or_else(|| first.clone())
    });

    let tiles = geometry.with_value(|g| {
        g.tiles
            .iter()
            .map(|tile| {
                let code = tile.code.clone();
                let class = {
                    let code = code.clone();
                    move || {
                        shown.with(|s| {
                            s.as_ref()
                                .and_then(|s| s.choropleth.class_of.get(&code).map(|c| c.to_string()))
                                .unwrap_or_else(|| "none".into())
                        })
                    }
                };
                let colour = {
                    let code = code.clone();
                    move || {
                        shown.with(|s| {
                            s.as_ref()
                                .and_then(|s| s.choropleth.fill(&code).map(str::to_string))
                                .unwrap_or_else(|| "url(#hatch)".into())
                        })
                    }
                };
                let label = {
                    let code = code.clone();
                    move || {
                        let lang = i18n.lang();
                        shown.with(|s| {
                            let s = s.as_ref()?;
                            let row = s.rows.iter().find(|r| r.code == code)?;
                            let (value, rank) = describe(row, s, lang);
                            let rank = rank
                                .map(|r| fill(catalogue(lang).home.tile_rank, &[("rank", &r)]))
                                .unwrap_or_default();
                            Some(format!("{}, {}: {value}{rank}", row.name, row.district_name))
                        })
                    }
                };
                let pressed = {
                    let code = code.clone();
                    move || (state.selected.get().as_deref() == Some(code.as_str())).to_string()
                };
                let tabindex = {
                    let code = code.clone();
                    move || if focus_code.get().as_deref() == Some(code.as_str()) { "0" } else { "-1" }
                };
                let on_enter = code.clone();
                let on_focus = code.clone();
                let on_click = code.clone();
                let on_key = code.clone();
                view! {
                    <g
                        class="tile"
                        data-ward=code.clone()
                        data-class=class
                        role="button"
                        tabindex=tabindex
                        aria-pressed=pressed
                        aria-label=label
                        on:mouseenter=move |_| state.hovered.set(Some(on_enter.clone()))
                        on:mouseleave=move |_| state.hovered.set(None)
                        on:focus=move |_| {
                            state.hovered.set(Some(on_focus.clone()));
                            state.focused.set(Some(on_focus.clone()));
                        }
                        on:blur=move |_| state.hovered.set(None)
                        on:click=move |_| state.selected.set(Some(on_click.clone()))
                        on:keydown=move |ev| {
                            let key = ev.key();
                            if key == "Enter" || key == " " {
                                ev.prevent_default();
                                state.selected.set(Some(on_key.clone()));
                            } else if let Some(arrow) = ArrowKey::from_key(&key) {
                                ev.prevent_default();
                                let target = layout.with_value(|l| keyboard_neighbour(l, &on_key, arrow));
                                if let Some(target) = target {
                                    focus_tile(&target);
                                }
                            }
                        }
                    >
                        <polygon points=tile.points.clone() fill=colour />
                    </g>
                }
            })
            .collect_view()
    });
    let outlines = geometry.with_value(|g| {
        g.districts
            .iter()
            .map(|d| view! { <path class="district-outline" d=d.outline.clone() data-district=d.code.clone() /> })
            .collect_view()
    });

    view! {
        <div class="tile-map-wrap">
            <svg
                class="tile-map"
                viewBox=format!("0 0 {width:.1} {height:.1}")
                role="group"
                aria-label=move || i18n.t().home.map_label
            >
                <defs>
                    <pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill=NO_DATA_FILL />
                        <line x1="0" y1="0" x2="0" y2="4" stroke=NO_DATA_HATCH stroke-width="1.5" />
                    </pattern>
                </defs>
                // Each tile's label starts with the ward's and the district's
                // names, which stay Vietnamese in every language; the rest
                // of the label is in the reader's language.
                <g class="tiles">{tiles}</g>
                <g class="district-outlines" aria-hidden="true">{outlines}</g>
                <DistrictLabels geometry district_names />
            </svg>
            <Tooltip geometry state shown />
        </div>
    }
}

#[component]
fn DistrictLabels(
    geometry: StoredValue<MapGeometry>,
    district_names: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let names = district_names.get_value();
    geometry.with_value(|g| {
        g.districts
            .iter()
            .map(|d| {
                let name = names
                    .iter()
                    .find(|(code, _)| code == &d.code)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                view! {
                    <text class="district-label" x=format!("{:.1}", d.label_x) y=format!("{:.1}", d.label_y) aria-hidden="true" lang="vi">
                        {name}
                    </text>
                }
            })
            .collect_view()
    })
}

#[component]
fn Tooltip(
    geometry: StoredValue<MapGeometry>,
    state: HomeState,
    shown: Memo<Option<Shown>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (width, height) = geometry.with_value(|g| (g.width, g.height));
    move || {
        let lang = i18n.lang();
        let t = &i18n.t().home;
        let code = state.hovered.get().or_else(|| state.selected.get())?;
        let (cx, cy) = geometry.with_value(|g| {
            g.tiles
                .iter()
                .find(|t| t.code == code)
                .map(|t| (t.cx, t.cy))
        })?;
        shown.with(|s| {
            let s = s.as_ref()?;
            let row = s.rows.iter().find(|r| r.code == code)?.clone();
            let (value, rank) = describe(&row, s, lang);
            let previous = previous_period(&s.dataset, &s.period)
                .and_then(|p| Period::parse(p, s.dataset.period_type))
                .map(|p| format::period(p, lang));
            let change = row
                .change
                .map(|c| format::change(c, s.dataset.number_format, lang))
                .zip(previous)
                .map(|(c, p)| fill(t.tooltip_change, &[("period", &p), ("change", &c)]));
            // Above the tile in the upper part of the map, below it lower down.
            let below = cy / height < 0.35;
            // Set through the CSSOM (`style:`), not a `style` attribute, which
            // the Content-Security-Policy (`style-src 'self'`) forbids.
            let left = format!("{:.2}%", (cx / width * 100.0).clamp(12.0, 88.0));
            let top = format!("{:.2}%", cy / height * 100.0);
            Some(view! {
                <div
                    class=if below { "tooltip tooltip-below" } else { "tooltip" }
                    style:left=left
                    style:top=top
                    role="status"
                    data-testid="tooltip"
                >
                    <strong lang="vi">{row.name.clone()}</strong>
                    <span class="tooltip-district" lang="vi">{row.district_name.clone()}</span>
                    <span class="tooltip-value">{value}</span>
                    {rank.map(|r| view! { <span class="tooltip-rank">{fill(t.tooltip_rank, &[("rank", &r)])}</span> })}
                    {change.map(|c| view! { <span class="tooltip-change">{c}</span> })}
                </div>
            })
        })
    }
}
