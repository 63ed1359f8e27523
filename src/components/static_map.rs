//! A non-interactive tile map: every ward's hexagon filled with a given
//! colour (hatched when it has none), district outlines on top. Used where
//! the table next to it carries the figures and the links, so the map is a
//! picture (`role="img"` with a description) rather than a control. With a
//! publisher's ward boundaries (`components::boundaries`) it draws their
//! polygons with the same fills instead.

use std::collections::HashMap;

use leptos::prelude::*;
use ward_domain::choropleth::Strip;
use ward_domain::hexgeo::MapGeometry;
use ward_domain::palette::{NO_DATA_FILL, NO_DATA_HATCH};

use crate::components::boundaries::{self, BoundariesNotes, Drawing, Shape};
use crate::components::distribution::distribution_strip;
use crate::i18n::{count, use_i18n, ward_count};

#[component]
pub fn StaticTileMap(
    geometry: MapGeometry,
    /// Ward code → fill; a ward not in the map is hatched ("no data").
    #[prop(into)]
    fills: Signal<HashMap<String, String>>,
    /// Draw this district's outline strongly and dim the other wards.
    #[prop(optional)]
    focus_district: Option<String>,
    /// Ward code → district code, for `focus_district`.
    #[prop(optional)]
    district_of: HashMap<String, String>,
    #[prop(into)] description: Signal<String>,
) -> impl IntoView {
    boundaries::watch_address();
    // Redrawn only when boundaries come or go.
    let map = move || {
        let drawing = Drawing::current(&geometry);
        let (width, height) = (drawing.width, drawing.height);
        let tiles = drawing
            .wards
            .iter()
            .map(|ward| {
                let code = ward.code.clone();
                let dimmed = focus_district
                    .as_ref()
                    .is_some_and(|d| district_of.get(&code) != Some(d));
                let fill = move || {
                    fills
                        .with(|f| f.get(&code).cloned())
                        .unwrap_or_else(|| "url(#static-hatch)".into())
                };
                let class = if dimmed { "static-tile dimmed" } else { "static-tile" };
                match &ward.shape {
                    Shape::Points(points) => view! {
                        <polygon class=class data-ward=ward.code.clone() points=points.clone() fill=fill />
                    }
                    .into_any(),
                    Shape::Path(d) => view! {
                        <path class=class data-ward=ward.code.clone() d=d.clone() fill-rule="evenodd" fill=fill />
                    }
                    .into_any(),
                }
            })
            .collect_view();
        let outlines = drawing
            .outlines
            .iter()
            .map(|(code, outline)| {
                let focused = focus_district.as_deref() == Some(code.as_str());
                view! {
                    <path
                        class=if focused { "district-outline focused" } else { "district-outline" }
                        d=outline.clone()
                        data-district=code.clone()
                    />
                }
            })
            .collect_view();
        let drawn_as = if drawing.boundaries.is_some() {
            "boundaries"
        } else {
            "tiles"
        };
        view! {
            <svg
                class="tile-map static-map"
                data-drawn=drawn_as
                viewBox=format!("0 0 {width:.1} {height:.1}")
                role="img"
                aria-label=move || description.get()
            >
                <defs>
                    <pattern id="static-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="4" height="4" fill=NO_DATA_FILL />
                        <line x1="0" y1="0" x2="0" y2="4" stroke=NO_DATA_HATCH stroke-width="1.5" />
                    </pattern>
                </defs>
                <g class="tiles">{tiles}</g>
                <g class="district-outlines">{outlines}</g>
            </svg>
        }
    };
    view! {
        {map}
        <BoundariesNotes />
    }
}

/// What a legend's counts count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Wards,
    Districts,
}

/// The classes of a static map with their counts ("no wards" for an empty
/// class), the hatched "no data" swatch and the distribution strip.
#[component]
pub fn MapLegend(
    #[prop(into)] entries: Signal<Vec<ward_domain::choropleth::LegendEntry>>,
    #[prop(into)] caption: Signal<String>,
    /// What the legend counts.
    counted: Counted,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <figure class="legend" data-testid="legend">
            <figcaption>{move || caption.get()}</figcaption>
            <ul>
                {move || {
                    let t = &i18n.t().components;
                    let lang = i18n.lang();
                    let counted_text = move |n: usize| match counted {
                        Counted::Wards => ward_count(n, lang),
                        Counted::Districts => count(n, t.legend_district, t.legend_districts),
                    };
                    let no_areas = match counted {
                        Counted::Wards => t.legend_no_wards,
                        Counted::Districts => t.legend_no_districts,
                    };
                    entries
                        .get()
                        .into_iter()
                        .map(|e| {
                            let empty = e.count == 0;
                            view! {
                                <li class="legend-class" class:legend-empty=empty data-count=e.count.to_string()>
                                    // CSSOM, not a style attribute: a strict CSP keeps it.
                                    <span class="swatch" style:background-color=e.colour></span>
                                    <span class="legend-range">{e.label}</span>
                                    <span class="legend-count">
                                        {if empty { no_areas.to_string() } else { counted_text(e.count) }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
                <li class="legend-missing">
                    <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true">
                        <rect width="12" height="12" fill="url(#static-hatch)" />
                    </svg>
                    <span class="legend-range">{move || i18n.t().components.no_data}</span>
                </li>
            </ul>
            {move || {
                let t = i18n.t();
                let lang = i18n.lang();
                let counted_text = move |n: usize| match counted {
                    Counted::Wards => ward_count(n, lang),
                    Counted::Districts => {
                        count(n, t.components.legend_district, t.components.legend_districts)
                    }
                };
                entries.with(|e| distribution_strip(&Strip::from_legend(e), t, &counted_text))
            }}
        </figure>
    }
}
