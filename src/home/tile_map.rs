//! The hex-tile cartogram as SVG: one tile per ward, district outlines and
//! names, roving-tabindex keyboard navigation and a tooltip; or, with a
//! publisher's ward boundaries, one polygon per ward with the same fills,
//! keys and tooltip.

use std::sync::Arc;

use leptos::prelude::*;
use ward_domain::dataset::{MissingReason, NumberStyle};
use ward_domain::format::{self, Lang};
use ward_domain::hexgeo::{ArrowKey, MapGeometry};
use ward_domain::palette::{NO_DATA_FILL, NO_DATA_HATCH};
use ward_domain::period::Period;
use ward_domain::table::{previous_period, WardRow};
use ward_domain::tiles::TileLayout;
use wasm_bindgen::JsCast;

use super::{HomeState, Shown};
use crate::components::boundaries::{self, BoundariesNotes, BoundariesPicker, Drawing, Shape};
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

/// The map, drawn with the hexagon tiles or, when a publisher's ward
/// boundaries are in use (`components::boundaries`), with their polygons:
/// the same classes, fills, keys and tooltips either way.
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
    boundaries::watch_address();
    // No file input in an embed: it shows what its link says.
    let in_embed = leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
        .contains("embed/");
    let drawing = Memo::new(move |_| Arc::new(geometry.with_value(Drawing::current)));
    // The map's single Tab stop: the ward last focused, else the selected
    // one, else the first, of those drawn.
    let focus_code = Memo::new(move |_| {
        let candidates = [state.focused.get(), state.selected.get()];
        drawing.with(|d| {
            candidates
                .into_iter()
                .flatten()
                .find(|c| d.has(c))
                .or_else(|| d.wards.first().map(|w| w.code.clone()))
        })
    });

    let map = move || {
        let d = drawing.get();
        let (width, height) = (d.width, d.height);
        let tiles = d
            .wards
            .iter()
            .map(|ward| {
                let code = ward.code.clone();
                let class = {
                    let code = code.clone();
                    move || {
                        shown.with(|s| {
                            s.as_ref()
                                .and_then(|s| {
                                    s.choropleth.class_of.get(&code).map(|c| c.to_string())
                                })
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
                            Some(format!(
                                "{}, {}: {value}{rank}",
                                row.name, row.district_name
                            ))
                        })
                    }
                };
                let pressed = {
                    let code = code.clone();
                    move || (state.selected.get().as_deref() == Some(code.as_str())).to_string()
                };
                let tabindex = {
                    let code = code.clone();
                    move || {
                        if focus_code.get().as_deref() == Some(code.as_str()) {
                            "0"
                        } else {
                            "-1"
                        }
                    }
                };
                let on_enter = code.clone();
                let on_focus = code.clone();
                let on_click = code.clone();
                let on_key = code.clone();
                let shape = match &ward.shape {
                    Shape::Points(points) => {
                        view! { <polygon points=points.clone() fill=colour /> }.into_any()
                    }
                    Shape::Path(d) => {
                        view! { <path d=d.clone() fill-rule="evenodd" fill=colour /> }.into_any()
                    }
                };
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
                                let target = drawing.with_untracked(|d| {
                                    layout.with_value(|l| d.neighbour(l, &on_key, arrow))
                                });
                                if let Some(target) = target {
                                    focus_tile(&target);
                                }
                            }
                        }
                    >
                        {shape}
                    </g>
                }
            })
            .collect_view();
        let outlines = d
            .outlines
            .iter()
            .map(|(code, outline)| view! { <path class="district-outline" d=outline.clone() data-district=code.clone() /> })
            .collect_view();
        let drawn_as = if d.boundaries.is_some() {
            "boundaries"
        } else {
            "tiles"
        };
        view! {
            <svg
                class="tile-map"
                data-drawn=drawn_as
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
                <DistrictLabels drawing=d.clone() district_names />
            </svg>
        }
    };

    view! {
        <div class="tile-map-wrap">
            {map}
            <Tooltip drawing state shown />
        </div>
        <BoundariesNotes />
        {(!in_embed).then(|| view! { <BoundariesPicker /> })}
    }
}

#[component]
fn DistrictLabels(
    drawing: Arc<Drawing>,
    district_names: StoredValue<Vec<(String, String)>>,
) -> impl IntoView {
    let names = district_names.get_value();
    drawing
        .labels
        .iter()
        .map(|(code, x, y)| {
            let name = names
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            view! {
                <text class="district-label" x=format!("{x:.1}") y=format!("{y:.1}") aria-hidden="true" lang="vi">
                    {name}
                </text>
            }
        })
        .collect_view()
}

#[component]
fn Tooltip(
    drawing: Memo<Arc<Drawing>>,
    state: HomeState,
    shown: Memo<Option<Shown>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let t = &i18n.t().home;
        let code = state.hovered.get().or_else(|| state.selected.get())?;
        let (cx, cy, width, height) = drawing.with(|d| {
            d.wards
                .iter()
                .find(|t| t.code == code)
                .map(|t| (t.cx, t.cy, d.width, d.height))
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
